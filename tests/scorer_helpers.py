"""Offline score cards for the scorer's key-point tests, read one point at a time."""

from __future__ import annotations

from coachkit import QuestionBank, ScoreCard
from coachkit.scoring import LocalScorer

SCORER = LocalScorer()
BANK = QuestionBank.load()


def scored(question_id: str, answer: str) -> ScoreCard:
    """The offline card for ``answer`` to the bundled question ``question_id``."""
    return SCORER.score(BANK.get(question_id), answer)


def quote_for(card: ScoreCard, point: str) -> str | None:
    """The quote that covers ``point`` on the card, or None if it is not covered."""
    (hit,) = [k for k in card.keypoints if k.point == point]
    return hit.evidence if hit.covered else None
