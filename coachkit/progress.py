"""Attempts as a pandas DataFrame, and the summaries the progress view shows."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .bank import QuestionBank
from .models import DIMENSIONS, Attempt

__all__ = ["COLUMNS", "attempts_frame", "by_category", "charted", "weakest_dimension"]

COLUMNS = [
    "attempt_id",
    "created_at",
    "question_id",
    "category",
    "roles",
    "scorer",
    "model",
    "overall",
    *DIMENSIONS,
    "flagged",
    "words",
]


def attempts_frame(attempts: Sequence[Attempt], bank: QuestionBank | None = None) -> pd.DataFrame:
    """One row per attempt (oldest first), a column per STAR dimension."""
    rows: list[dict[str, object]] = []
    for attempt in attempts:
        card = attempt.card
        question = bank.get(attempt.question_id) if bank and attempt.question_id in bank else None
        rows.append(
            {
                "attempt_id": attempt.id,
                "created_at": attempt.created_at,
                "question_id": attempt.question_id,
                "category": attempt.category,
                "roles": ",".join(question.roles) if question else "",
                "scorer": card.scorer,
                "model": card.model,
                "overall": card.overall,
                **{d: card.score(d) for d in DIMENSIONS},
                "flagged": card.flagged,
                "words": len(attempt.answer.split()),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    for column in ("overall", *DIMENSIONS, "words"):
        frame[column] = frame[column].astype("int64")
    frame["flagged"] = frame["flagged"].astype(bool)
    return frame.sort_values("created_at", kind="stable").reset_index(drop=True)


def charted(frame: pd.DataFrame) -> pd.DataFrame:
    """The attempts that count for progress: flagged (grader-steering) ones are left out."""
    return frame[~frame["flagged"]]


def by_category(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean score per category (rows) and dimension (columns)."""
    return charted(frame).groupby("category")[list(DIMENSIONS)].mean().round(2)


def weakest_dimension(frame: pd.DataFrame, last: int = 10) -> str | None:
    """The dimension with the lowest mean over the most recent ``last`` attempts."""
    recent = charted(frame).tail(last)
    if recent.empty:
        return None
    means = recent[list(DIMENSIONS)].mean()
    return str(means.idxmin())
