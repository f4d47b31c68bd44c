"""Local days worked out for a whole column at once: the same days as each attempt's own
``astimezone`` gives (the table's), across clock changes, in the local or a given zone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from coachkit import charts, progress
from coachkit.progress import breaks, local_dates

ZONES = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/St_Johns"]


def _one_by_one(frame: pd.DataFrame, tz: tzinfo | None = None) -> list[object]:
    """Each attempt's day as the table and `coachkit history` take it."""
    return [stamp.to_pydatetime().astimezone(tz).date() for stamp in frame["created_at"]]


def _edges(zone: str, years: range) -> list[datetime]:
    """Moments around each clock change of ``zone`` in ``years``: a minute and a second
    either side, and the change itself."""
    found = []
    here = ZoneInfo(zone)
    moment = datetime(years.start, 1, 1, tzinfo=UTC)
    while moment.year < years.stop:
        later = moment + timedelta(minutes=15)
        if moment.astimezone(here).utcoffset() != later.astimezone(here).utcoffset():
            low, high = moment, later  # the change is in (low, high]: to the second
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                same = middle.astimezone(here).utcoffset() == low.astimezone(here).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            found += [high + timedelta(seconds=s) for s in (-60, -1, 0, 1, 60)]
        moment = later
    return found


def _frame(moments: list[datetime], *, shuffled: bool = True) -> pd.DataFrame:
    frame = pd.DataFrame({"created_at": pd.to_datetime(moments, utc=True)})
    return frame.sample(frac=1, random_state=7) if shuffled else frame


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Sets the process's local time zone."""

    def set_zone(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("dense", [True, False])
def test_days_across_clock_changes_are_each_attempt_s_own(
    zone: str, dense: bool, local_zone: Any
) -> None:
    """Dense (more attempts than days: the zone is asked once a day) and sparse (asked
    for each attempt); in the local zone and the zone given."""
    moments = _edges(zone, range(2024, 2027))
    assert len(moments) == 6 * 5  # two clock changes a year
    if dense:  # every 20 minutes over the weeks around the edges too
        moments += [moments[0] + timedelta(minutes=20 * n) for n in range(4000)]
    frame = _frame(moments)
    local_zone(zone)
    days = local_dates(frame)
    assert list(days) == _one_by_one(frame) and days.index.equals(frame.index)
    local_zone("UTC")
    assert list(local_dates(frame, ZoneInfo(zone))) == _one_by_one(frame, ZoneInfo(zone))


def test_a_zone_that_skipped_a_day_and_fixed_offsets(local_zone: Any) -> None:
    """Samoa jumped from UTC-10 to UTC+14 at the end of 29 December 2011."""
    start = datetime(2011, 12, 28, tzinfo=UTC)
    frame = _frame([start + timedelta(minutes=7 * n) for n in range(2000)])
    local_zone("Pacific/Apia")
    assert list(local_dates(frame)) == _one_by_one(frame)
    for tz in (timezone(timedelta(hours=-9, minutes=-30)), timezone(timedelta(hours=14)), UTC):
        assert list(local_dates(frame, tz)) == _one_by_one(frame, tz)
    local_zone("EST5EDT,M3.2.0,M11.1.0")  # a rule of its own, no zone name
    frame = _frame(_edges("America/New_York", range(2025, 2027)))
    assert list(local_dates(frame)) == _one_by_one(frame)


def test_no_attempts_no_days() -> None:
    frame = _frame([], shuffled=False)
    assert local_dates(frame).empty and local_dates(frame).dtype == object


def test_a_year_of_practice_asks_the_zone_about_once_a_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """2,000 attempts over 400 days: 2,000 conversions one by one (13-78 ms), now one
    ask a day of the zone and the rest in arrays."""
    asked: list[int] = []
    real = progress._offset
    monkeypatch.setattr(progress, "_offset", lambda *a: asked.append(1) or real(*a))
    start = datetime(2025, 1, 1, tzinfo=UTC)
    frame = _frame([start + timedelta(hours=4.8 * i) for i in range(2000)])
    local_dates(frame, ZoneInfo("Europe/Berlin"))
    assert 400 <= len(asked) <= 401 + 2 * 17  # a day each, and a second for each change


def test_the_trends_work_out_the_days_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The trends' span and breaks come from one working out of the days, not two."""
    worked: list[int] = []
    real = progress.local_dates

    def counted(*args: Any, **kwargs: Any) -> pd.Series:
        worked.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(progress, "local_dates", counted)
    monkeypatch.setattr(charts, "local_dates", counted)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(days=d) for d in (0, 1, 40, 41, 90)]
    frame = pd.DataFrame(
        {
            "created_at": pd.to_datetime(moments, utc=True),
            "scorer": "local",
            "flagged": [False, True, False, False, False],
            **{d: 3 for d in progress.DIMENSIONS},
        }
    )
    found = charts.trends(frame)
    assert len(worked) == 1
    assert found.pauses == breaks(frame) and [b.days for b in found.pauses] == [40, 49]
