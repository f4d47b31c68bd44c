"""Falling back to another scorer when an LLM cannot score, and saying so on the card."""

from __future__ import annotations

import threading
from typing import Protocol, runtime_checkable

from ..errors import BudgetExceededError, ProviderError, ScoringError
from ..models import Question, ScoreCard, rescore_hint
from ..scoring.base import Scorer
from ..scoring.local import LocalScorer
from .scorer import LLMScorer

__all__ = ["FallbackScorer", "FreshScorer", "full_stopped", "score_fresh", "without_fallback"]

# Failures the same answer meets again (too long for the model): a rescore would fail too.
_SAME_AGAIN = frozenset({"context_window", "too_long", "too_large"})


@runtime_checkable
class FreshScorer(Protocol):
    """A scorer that can score afresh, ignoring any cached score (the LLM scorer)."""

    name: str

    def score_fresh(self, question: Question, answer: str) -> ScoreCard: ...


def score_fresh(scorer: Scorer, question: Question, answer: str) -> ScoreCard:
    """A new score from ``scorer``, never a cached one."""
    if isinstance(scorer, FreshScorer):
        return scorer.score_fresh(question, answer)
    return scorer.score(question, answer)


class FallbackScorer:
    """Scores with ``primary``; when it fails (provider, budget), with ``fallback``.

    The card then names the scorer that really scored and carries a note such
    as "gpt could not score: ... did not answer within 60 s .... Scored by local instead."
    """

    def __init__(self, primary: Scorer, fallback: Scorer) -> None:
        self.name = primary.name
        self.primary = primary
        self.fallback = fallback
        self._last = threading.local()  # a batch scores on several threads at once

    @property
    def last_failure(self) -> ScoringError | None:
        """Why ``primary`` could not score in this thread's last score (None: it scored).
        The card says so in words alone; a caller deciding whether to try ``primary``
        again (a mock interview, after a timeout) needs its kind."""
        failure: ScoringError | None = getattr(self._last, "failure", None)
        return failure

    def score(self, question: Question, answer: str) -> ScoreCard:
        return self._guarded(question, answer, fresh=False)

    def score_fresh(self, question: Question, answer: str) -> ScoreCard:
        return self._guarded(question, answer, fresh=True)

    def _guarded(self, question: Question, answer: str, *, fresh: bool) -> ScoreCard:
        self._last.failure = None
        try:
            if fresh:
                return score_fresh(self.primary, question, answer)
            return self.primary.score(question, answer)
        except ScoringError as exc:
            self._last.failure = exc
            reason = str(exc).rstrip(".")
            said = full_stopped(reason)
            fallback = self.fallback
            if isinstance(exc, BudgetExceededError) and isinstance(fallback, LLMScorer):
                # The budget is every LLM profile's: local scores, and the note says why.
                said += (
                    " The budget is shared by every LLM profile, so the fallback "
                    f"{fallback.name} cannot stand in."
                )
                fallback = LocalScorer()
            try:
                card = fallback.score(question, answer)
            except ScoringError as second:
                # Both failed: say so of both, or the scorer the user chose is never named.
                message = (
                    f"{self.primary.name} could not score ({reason}), and neither could the "
                    f"fallback {fallback.name}: {second}"
                )
                if isinstance(second, ProviderError):
                    raise ProviderError(
                        message, kind=second.kind, retryable=second.retryable
                    ) from None
                raise type(second)(message) from None
            if isinstance(exc, ProviderError) and exc.kind not in _SAME_AGAIN:
                said += f" {rescore_hint(self.primary.name, question.id, card.scorer)}"
            # No brackets around the reason: it often has its own, and nested ones are hard
            # to read. The primary's message leaves who scores meanwhile to this note.
            note = f"{self.primary.name} could not score: {said} Scored by {card.scorer} instead."
            return card.model_copy(update={"notes": [*card.notes, note]})


def full_stopped(reason: str) -> str:
    """``reason`` with one full stop: "is `api_base` right?" and "(Raise ... to allow
    more.)" are stopped already."""
    return reason if reason.endswith(("?", "!", ".)")) else f"{reason}."


def without_fallback(scorer: Scorer) -> Scorer:
    """The scorer a stability or drift run measures: its fallback would mix another
    scorer's cards into the figures, so a failure is reported as one instead."""
    primary = scorer.primary if isinstance(scorer, FallbackScorer) else scorer
    return primary.measured() if isinstance(primary, LLMScorer) else primary
