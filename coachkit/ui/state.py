"""Plain state the views render from: no widgets here, so tests can read it directly."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import Attempt, new_key
from .runtime import Relay

__all__ = ["PracticeState", "ScoreInFlight", "Submission", "score_in_flight"]


@dataclass(frozen=True)
class Submission:
    """What was sent to the scorer, and the idempotency key that goes with it."""

    question_id: str
    scorer: str
    answer: str
    key: str


@dataclass(eq=False)
class ScoreInFlight:
    """A practice score on its way, known to every practice view of this kernel on
    ``database``: a view run again while it is scored shows it, and then its card.

    Listed from ``start`` until a view following it (``follow``) has been handed its
    outcome: one that lands between two views (the older retired, the newer not yet
    following) waits here for the newer one.
    """

    database: str
    submission: Submission
    doing: str  # what the status line says meanwhile (HTML): "Scoring with gpt…"
    relay: Relay[Attempt] = field(default_factory=Relay)

    def start(self) -> None:
        with _flights_lock:
            _flights[self.database] = self

    def follow(
        self, on_success: Callable[[Attempt], None], on_error: Callable[[Exception], None]
    ) -> None:
        """Hand its outcome to these callbacks (see ``Relay.follow``), and then forget it."""

        def succeeded(attempt: Attempt) -> None:
            self._end()
            on_success(attempt)

        def failed(exc: Exception) -> None:
            self._end()
            on_error(exc)

        self.relay.follow(succeeded, failed)

    def _end(self) -> None:
        with _flights_lock:
            if _flights.get(self.database) is self:
                del _flights[self.database]


# The practice score in flight on each database, in this kernel: one at most, as one
# practice view at a time is live (see ``single``) and it scores one answer at a time.
_flights: dict[str, ScoreInFlight] = {}
_flights_lock = threading.Lock()


def score_in_flight(database: str) -> ScoreInFlight | None:
    """The practice score on its way on ``database`` in this kernel, if any."""
    with _flights_lock:
        return _flights.get(database)


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
