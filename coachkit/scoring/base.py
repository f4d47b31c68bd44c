"""The one method every scorer implements."""

from __future__ import annotations

from typing import Protocol

from ..models import Question, ScoreCard


class Scorer(Protocol):
    """Anything that scores an answer to a question; ``name`` is its profile name."""

    name: str

    def score(self, question: Question, answer: str) -> ScoreCard: ...
