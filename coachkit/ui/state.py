"""Plain state the views render from: no widgets here, so tests can read it directly."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Attempt, new_key

__all__ = ["PracticeState", "Submission"]


@dataclass(frozen=True)
class Submission:
    """What was sent to the scorer, and the idempotency key that goes with it."""

    question_id: str
    scorer: str
    answer: str
    key: str


@dataclass
class PracticeState:
    """Everything the practice view shows, in plain data."""

    question_id: str | None = None
    scorer: str = "local"
    busy: bool = False
    error: str | None = None
    attempt: Attempt | None = None
    previous: Attempt | None = None
    history: list[Attempt] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    submission: Submission | None = None

    def submission_for(self, question_id: str, scorer: str, answer: str) -> Submission:
        """The same text sent again reuses its key, so it is saved once, not twice."""
        current = self.submission
        if current is not None and (current.question_id, current.scorer, current.answer) == (
            question_id,
            scorer,
            answer,
        ):
            return current
        self.submission = Submission(question_id, scorer, answer, new_key())
        return self.submission

    def record(self, attempt: Attempt) -> None:
        """Remember a scored attempt once, however often the same key came back."""
        self.attempt = attempt
        self.error = None
        for seen in (self.history, self.attempts):
            if all(a.id != attempt.id for a in seen):
                seen.append(attempt)
