"""Attempts as a pandas DataFrame, and the summaries the progress view shows."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

import numpy as np
import pandas as pd

from .bank import QuestionBank
from .errors import not_scored_by
from .models import DIMENSIONS, Attempt, Dimension
from .rubric import held_down_by

__all__ = [
    "BREAK_DAYS",
    "COLUMNS",
    "Break",
    "Streak",
    "attempts_frame",
    "breaks",
    "by_category",
    "charted",
    "compared",
    "compared_count",
    "daily_counts",
    "filter_attempts",
    "first_vs_latest",
    "local_dates",
    "rolling_means",
    "scored_by",
    "scorers",
    "streak",
    "trend_window",
    "weakest_dimension",
]

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
    "held",  # the flags holding the overall down ("misses_question"), comma-joined
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
                "held": ",".join(held_down_by(card)),
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
    """Mean score per category (rows) and dimension (columns) of the attempts ``compared``
    gives: with several scorers, the latest one's (a category's mean across an LLM's 3s
    and the offline scorer's 1s is on neither's scale, and moves with the mix)."""
    return compared(frame)[0].groupby("category")[list(DIMENSIONS)].mean()


def weakest_dimension(frame: pd.DataFrame, last: int = 10) -> Dimension | None:
    """The dimension with the lowest mean over the most recent ``last`` attempts (a tie
    goes to the first in STAR order, as ``coachkit.models.weakest`` breaks it)."""
    recent = charted(frame).tail(last)
    if recent.empty:
        return None
    means = recent[list(DIMENSIONS)].mean()
    return next(d for d in DIMENSIONS if means[d] == means.min())


def local_dates(frame: pd.DataFrame, tz: tzinfo | None = None) -> pd.Series:
    """The calendar day of each attempt, in the user's time zone (days are local)."""
    # Each moment's own offset (summer time or not), as the table and `coachkit history`
    # take it with astimezone(None): today's offset would date a summer attempt made just
    # after midnight on the day before, once the clocks have gone back. Worked out for the
    # whole column at once (2,000 attempts: 13-78 ms one by one, now a few).
    seconds = (frame["created_at"] - _EPOCH) // pd.Timedelta(seconds=1)
    stamps = seconds.to_numpy(dtype="int64")
    local = (stamps + _offsets(stamps, tz)) // _DAY
    numbers, where = np.unique(local, return_inverse=True)
    days = np.array([_EPOCH_DAY + timedelta(days=int(n)) for n in numbers], dtype=object)
    return pd.Series(days[where], index=frame.index, dtype=object)


_EPOCH = pd.Timestamp(0, tz="UTC")
_EPOCH_DAY = date(1970, 1, 1)
_DAY = 86_400


def _offset(stamp: int, tz: tzinfo | None) -> int:
    """Seconds east of UTC at ``stamp`` (seconds since 1970) in ``tz`` (None: the local
    zone, as astimezone(None) takes it)."""
    if tz is None:
        return time.localtime(stamp).tm_gmtoff
    offset = datetime.fromtimestamp(stamp, tz).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _offsets(stamps: np.ndarray, tz: tzinfo | None) -> np.ndarray:
    """``_offset`` of each stamp. Where there are more stamps than days between the first
    and the last (a year of practice: 2,000 over 400 days), the zone is asked once a day
    and, where that changed, for the second it changed: no zone changes its clocks twice
    in a day."""
    if not len(stamps):
        return np.zeros(0, dtype="int64")
    first, last = int(stamps.min()), int(stamps.max())
    if len(stamps) <= (last - first) // _DAY + 1:
        return np.array([_offset(int(stamp), tz) for stamp in stamps], dtype="int64")
    grid = list(range(first, last + _DAY, _DAY))
    asked = [_offset(moment, tz) for moment in grid]
    starts, values = [first], [asked[0]]
    for index, (before, after) in enumerate(itertools.pairwise(asked)):
        if before == after:
            continue
        low, high = grid[index], grid[index + 1]  # the offset changed in (low, high]
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if _offset(middle, tz) == before else (low, middle)
        starts.append(high)
        values.append(after)
    at = np.searchsorted(np.array(starts, dtype="int64"), stamps, side="right") - 1
    return np.array(values, dtype="int64")[at]


def filter_attempts(
    frame: pd.DataFrame,
    *,
    role: str | None = None,
    category: str | None = None,
    start: date | None = None,
    end: date | None = None,
    tz: tzinfo | None = None,
    scorer: str | None = None,
) -> pd.DataFrame:
    """Attempts for questions fitting ``role`` (questions for any role count), in
    ``category``, made between ``start`` and ``end`` inclusive (local days), scored by
    ``scorer``."""
    keep = pd.Series(True, index=frame.index)
    if role:
        roles = frame["roles"].str.split(",")
        keep &= roles.map(lambda names: role in names or "any" in names).astype(bool)
    if category:
        keep &= frame["category"] == category
    if scorer:
        keep &= frame["scorer"] == scorer
    if start is not None or end is not None:
        days = local_dates(frame, tz)
        if start is not None:
            keep &= days.map(lambda day: day >= start).astype(bool)
        if end is not None:
            keep &= days.map(lambda day: day <= end).astype(bool)
    return frame[keep]


def daily_counts(
    frame: pd.DataFrame, tz: tzinfo | None = None, until: date | None = None
) -> pd.Series:
    """Attempts per local day from the first to ``until`` (or the last, if later), days
    without practice as 0: the days since the last attempt are there too."""
    if frame.empty:
        return pd.Series([], dtype="int64", name="attempts")
    days = local_dates(frame, tz)
    counts = days.value_counts()
    first, last = min(counts.index), max(counts.index)
    if until is not None:
        last = max(last, until)  # an attempt dated ahead (another clock) stays shown
    span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return pd.Series([int(counts.get(day, 0)) for day in span], index=span, name="attempts")


BREAK_DAYS = 30  # a pause this long or longer is shown on the trends, drawn by attempt


@dataclass(frozen=True)
class Break:
    """A pause of ``days`` between charted attempt ``after`` (1 the oldest) and the next,
    made on local days ``last`` and ``resumed``."""

    after: int
    last: date
    resumed: date

    @property
    def days(self) -> int:
        return (self.resumed - self.last).days


def breaks(
    frame: pd.DataFrame, tz: tzinfo | None = None, *, days: pd.Series | None = None
) -> list[Break]:
    """The pauses of ``BREAK_DAYS`` days or more between charted attempts: the trends
    put attempts side by side, so months without practice would not show otherwise.
    ``days``: the charted attempts' ``local_dates``, where already worked out."""
    if days is None:
        days = local_dates(charted(frame), tz)
    return [
        Break(after=index + 1, last=before, resumed=after)
        for index, (before, after) in enumerate(itertools.pairwise(days.tolist()))
        if (after - before).days >= BREAK_DAYS
    ]


@dataclass(frozen=True)
class Streak:
    """Consecutive days with at least one attempt."""

    current: int
    longest: int
    days_practised: int


def streak(frame: pd.DataFrame, today: date | None = None, tz: tzinfo | None = None) -> Streak:
    """The current streak counts today, or yesterday if today has no attempt yet."""
    practised: list[date] = sorted(set(local_dates(frame, tz).tolist()))
    if not practised:
        return Streak(0, 0, 0)
    longest = run = 1
    for before, after in itertools.pairwise(practised):
        run = run + 1 if (after - before).days == 1 else 1
        longest = max(longest, run)
    today = today or datetime.now().astimezone(tz).date()
    current = 0
    day = today if practised[-1] == today else today - timedelta(days=1)
    done = set(practised)
    while day in done:
        current += 1
        day -= timedelta(days=1)
    return Streak(current=current, longest=longest, days_practised=len(practised))


def scorers(frame: pd.DataFrame) -> list[str]:
    """The scorers of the charted attempts, in order of first use."""
    return [str(name) for name in charted(frame)["scorer"].unique()]


def scored_by(frame: pd.DataFrame, scorer: str) -> pd.DataFrame:
    """The attempts ``scorer`` scored, as the Scorer filter of the progress view picks
    them; BadInputError naming the scorers there are when it scored none (an empty
    ``frame`` has none to name, and is returned as it is)."""
    if frame.empty:
        return frame
    present = [str(name) for name in frame["scorer"].unique()]
    if scorer not in present:
        raise not_scored_by(scorer, present)
    return frame[frame["scorer"] == scorer]


TREND_STEPS = 50  # about how many windows' worth of attempts a trend line can show


def trend_window(count: int, window: int) -> int:
    """The rolling window the trends take over ``count`` charted attempts: ``window``,
    widened over a long history to a ``TREND_STEPS``-th of it (40 over 2,000), where a
    mean of 5 zigzags from end to end and the lines cannot be told apart."""
    return max(window, math.ceil(count / TREND_STEPS))


def rolling_means(frame: pd.DataFrame, window: int) -> pd.DataFrame:
    """Each dimension's mean over up to ``window`` charted attempts in a row, taken over
    one scorer's attempts at a time: scorers grade differently (an LLM's 5 may be the
    offline scorer's 3), and a mean across them would show a change of scorer as progress."""
    data = charted(frame)
    values = data[list(DIMENSIONS)].astype(float)
    return values.groupby(data["scorer"], sort=False).transform(
        lambda column: column.rolling(window, min_periods=1).mean()
    )


def compared(frame: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """The charted attempts ``first_vs_latest`` compares (and ``by_category`` and the
    score tiles average), and the scorer they are limited to: with several scorers, only
    those of the latest attempt's scorer (else a first scored offline against a latest
    scored by an LLM shows the scorers' difference as progress); with one, all of them,
    and None."""
    data = charted(frame)
    if data.empty or data["scorer"].nunique() < 2:
        return data, None
    latest = str(data["scorer"].iloc[-1])
    return data[data["scorer"] == latest], latest


def compared_count(frame: pd.DataFrame, n: int = 3) -> int:
    """How many attempts each side of ``first_vs_latest`` holds: at most ``n``, and never
    so many that the first and the latest share an attempt (0 below 2 attempts)."""
    return min(n, len(compared(frame)[0]) // 2)


def first_vs_latest(frame: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Mean score per dimension over the first and the latest ``compared_count`` attempts
    ``compared`` gives; empty below 2 of them, when there is nothing to compare."""
    data = compared(frame)[0]
    k = compared_count(frame, n)
    if k == 0:
        return pd.DataFrame(columns=["first", "latest"], dtype="float64")
    head = data.head(k)[list(DIMENSIONS)].mean()
    tail = data.tail(k)[list(DIMENSIONS)].mean()
    return pd.DataFrame({"first": head, "latest": tail})
