"""What to practise next: unpractised questions first, then the weakest recent ones."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import CATEGORIES, DIMENSIONS, Attempt, Dimension, Question
from ..rubric import dimension_brief

__all__ = ["Suggestion", "suggest_next", "weakest_dimension"]

_DIFFICULTY = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Suggestion:
    question: Question
    reason: str


def weakest_dimension(attempts: Sequence[Attempt], last: int = 10) -> Dimension | None:
    """The STAR dimension with the lowest mean over the recent unflagged attempts.

    The same rule as ``coachkit.progress.weakest_dimension``, over a list rather
    than a DataFrame: the practice view recomputes it after every score.
    """
    recent = [a for a in attempts if not a.card.flagged][-last:]
    if not recent:
        return None
    return min(DIMENSIONS, key=lambda d: sum(a.card.score(d) for a in recent) / len(recent))


def suggest_next(questions: Sequence[Question], attempts: Sequence[Attempt]) -> Suggestion | None:
    """Pick from ``questions`` (already filtered by the user).

    A question never tried comes first, from the category practised least so
    practice stays balanced; once all are tried, the one whose latest score is
    lowest. The reason says why, in words.
    """
    if not questions:
        return None
    tries = Counter(a.question_id for a in attempts)
    by_category = Counter(a.category for a in attempts)
    latest = {a.question_id: a for a in attempts}
    weakest = weakest_dimension(attempts)
    fresh = [q for q in questions if tries[q.id] == 0]
    if fresh:
        # Balance categories; a newcomer starts with an easy story question.
        # min() keeps the first of equals, so the bank's order breaks the last ties.
        question = min(
            fresh,
            key=lambda q: (
                by_category[q.category],
                CATEGORIES.index(q.category),
                _DIFFICULTY.index(q.difficulty),
            ),
        )
        reason = "You have not practised this one yet."
    else:
        question = min(questions, key=lambda q: (latest[q.id].overall, tries[q.id]))
        count = tries[question.id]
        reason = (
            f"Your lowest latest score in this list: {latest[question.id].overall}/100 "
            f"after {count} attempt{'s' if count != 1 else ''}."
        )
    if weakest is not None:
        reason += f" Focus on {weakest.title()}: {dimension_brief(question.category, weakest)}."
    return Suggestion(question, reason)
