"""Progress frames: one row per attempt, and the summaries the progress view shows."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest
from ui_fakes import make_attempts

from coachkit import QuestionBank
from coachkit.models import DIMENSIONS
from coachkit.progress import (
    attempts_frame,
    breaks,
    by_category,
    charted,
    compared,
    compared_count,
    daily_counts,
    filter_attempts,
    first_vs_latest,
    local_dates,
    rolling_means,
    scorers,
    streak,
    trend_window,
    weakest_dimension,
)

PLAN = [
    ("time-you-failed", (1, 1, 1, 0)),
    ("design-rate-limiter", (2, 2, 3, 2)),
    ("why-this-role", (3, 3, 3, 2)),
    ("time-you-failed", (4, 4, 5, 3)),
]
UTC0 = UTC


def _frame(bank: QuestionBank, **kwargs: object) -> pd.DataFrame:
    return attempts_frame(make_attempts(bank, PLAN, **kwargs), bank)  # type: ignore[arg-type]


def test_one_row_per_attempt_oldest_first(bank: QuestionBank) -> None:
    attempts = make_attempts(bank, PLAN)
    frame = attempts_frame(list(reversed(attempts)), bank)
    assert list(frame["attempt_id"]) == [a.id for a in attempts]
    assert list(frame["situation"]) == [1, 2, 3, 4]
    assert frame["overall"].dtype == "int64" and str(frame["created_at"].dt.tz) == "UTC"
    assert frame.loc[0, "roles"] == ",".join(bank.get("time-you-failed").roles)


def test_empty_frame_has_the_columns(bank: QuestionBank) -> None:
    frame = attempts_frame([], bank)
    assert frame.empty and set(DIMENSIONS) <= set(frame.columns)
    assert weakest_dimension(frame) is None
    assert daily_counts(frame).empty
    assert streak(frame) == streak(frame, date(2026, 1, 1))
    assert streak(frame).longest == 0
    assert first_vs_latest(frame).empty


def test_flagged_attempts_are_not_charted(bank: QuestionBank) -> None:
    frame = _frame(bank, flagged=lambda i: i == 3)
    assert len(charted(frame)) == 3
    assert by_category(frame).loc["behavioral", "situation"] == 1.0


def test_by_category_and_weakest_dimension(bank: QuestionBank) -> None:
    frame = _frame(bank)
    table = by_category(frame)
    assert list(table.columns) == list(DIMENSIONS)
    assert table.loc["behavioral", "action"] == 3.0
    assert weakest_dimension(frame) == "result"


def test_filter_by_role_category_and_dates(bank: QuestionBank) -> None:
    frame = _frame(bank)
    assert len(filter_attempts(frame, category="behavioral")) == 2
    backend = filter_attempts(frame, role="backend")
    assert "design-rate-limiter" in set(backend["question_id"]) or not bank.get(
        "design-rate-limiter"
    ).fits_role("backend")
    for qid in backend["question_id"]:
        assert bank.get(qid).fits_role("backend")
    window = filter_attempts(frame, start=date(2026, 3, 2), end=date(2026, 3, 3), tz=UTC0)
    assert list(window["situation"]) == [2, 3]
    assert len(filter_attempts(frame, start=date(2026, 3, 4), tz=UTC0)) == 1


def test_local_days_follow_the_time_zone(bank: QuestionBank) -> None:
    frame = _frame(bank, start=datetime(2026, 3, 1, 23, 30, tzinfo=UTC))
    tokyo = timezone(timedelta(hours=9))
    assert local_dates(frame, UTC0).iloc[0] == date(2026, 3, 1)
    assert local_dates(frame, tokyo).iloc[0] == date(2026, 3, 2)


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is Berlin's (CET in winter, CEST in summer)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_days_take_each_attempt_s_own_offset(bank: QuestionBank, berlin: None) -> None:
    """22:30 UTC is 23:30 on a Berlin winter day but 00:30 the next day in summer,
    whichever offset Berlin has today: the days are those the table shows."""
    start = datetime(2026, 1, 14, 22, 30, tzinfo=UTC)
    frame = _frame(bank, start=start, step=datetime(2026, 7, 14, 22, 30, tzinfo=UTC) - start)
    days = local_dates(frame)
    assert list(days[:2]) == [date(2026, 1, 14), date(2026, 7, 15)]
    shown = [stamp.to_pydatetime().astimezone().date() for stamp in frame["created_at"]]
    assert list(days) == shown
    summer = filter_attempts(frame, start=date(2026, 7, 15), end=date(2026, 7, 15))
    assert list(summer["created_at"]) == [frame["created_at"].iloc[1]]


def test_daily_counts_fill_the_gaps(bank: QuestionBank) -> None:
    frame = _frame(bank, step=timedelta(days=2))
    counts = daily_counts(frame, UTC0)
    assert list(counts) == [1, 0, 1, 0, 1, 0, 1]
    assert counts.index[0] == date(2026, 3, 1)


def test_daily_counts_run_to_the_day_asked(bank: QuestionBank) -> None:
    frame = _frame(bank)  # 1-4 March
    assert list(daily_counts(frame, UTC0, until=date(2026, 3, 7))) == [1, 1, 1, 1, 0, 0, 0]
    # A day before the last attempt (dated ahead by another clock) loses none of them.
    assert list(daily_counts(frame, UTC0, until=date(2026, 3, 2))) == [1, 1, 1, 1]


def test_streaks(bank: QuestionBank) -> None:
    daily = _frame(bank)  # 1-4 March
    assert streak(daily, date(2026, 3, 4), UTC0).current == 4
    assert streak(daily, date(2026, 3, 5), UTC0).current == 4  # today not done yet: still alive
    assert streak(daily, date(2026, 3, 6), UTC0).current == 0
    gappy = _frame(bank, step=timedelta(days=2))
    result = streak(gappy, date(2026, 3, 7), UTC0)
    assert (result.current, result.longest, result.days_practised) == (1, 1, 4)
    several_a_day = _frame(bank, step=timedelta(hours=6))  # 1 March noon to 2 March 6:00
    assert streak(several_a_day, date(2026, 3, 2), UTC0).days_practised == 2


def test_first_vs_latest(bank: QuestionBank) -> None:
    table = first_vs_latest(_frame(bank), n=2)
    assert list(table.columns) == ["first", "latest"]
    assert table.loc["situation", "first"] == 1.5 and table.loc["situation", "latest"] == 3.5


def test_first_and_latest_never_share_an_attempt(bank: QuestionBank) -> None:
    frame = _frame(bank)  # 4 attempts: situation 1, 2, 3, 4
    assert compared_count(frame, 3) == 2
    table = first_vs_latest(frame, n=3)  # 3 each would share attempts 2 and 3
    assert table.loc["situation", "first"] == 1.5 and table.loc["situation", "latest"] == 3.5
    three = frame.iloc[:3]
    assert compared_count(three, 3) == 1
    assert first_vs_latest(three, 3).loc["situation"].tolist() == [1.0, 3.0]
    one = frame.iloc[:1]
    assert compared_count(one) == 0 and first_vs_latest(one).empty  # nothing to compare


def _two_scorers(bank: QuestionBank) -> pd.DataFrame:
    """Three attempts scored offline, then three by an LLM grading 2 points higher."""
    plan = [("time-you-failed", (1, 1, 1, 1))] * 3 + [("time-you-failed", (3, 3, 3, 3))] * 3
    frame = attempts_frame(make_attempts(bank, plan), bank)
    frame["scorer"] = ["local"] * 3 + ["gpt"] * 3
    return frame


def test_a_rolling_mean_never_mixes_scorers(bank: QuestionBank) -> None:
    """Across a change of scorer the mean climbed 1, 1.7, 2.3: the LLM's way of grading,
    shown as the user's progress."""
    frame = _two_scorers(bank)
    assert scorers(frame) == ["local", "gpt"]
    assert rolling_means(frame, 5)["situation"].tolist() == [1.0] * 3 + [3.0] * 3


def test_first_and_latest_are_compared_within_the_latest_scorer(bank: QuestionBank) -> None:
    """First 3 (offline) against latest 3 (LLM) read "up 2.0" with nothing practised."""
    frame = _two_scorers(bank)
    own, scorer = compared(frame)
    assert scorer == "gpt" and own["scorer"].eq("gpt").all()
    assert compared_count(frame, 3) == 1  # 3 by gpt: one each side
    assert first_vs_latest(frame, 3).loc["situation"].tolist() == [3.0, 3.0]
    frame["scorer"] = "local"  # one scorer: all of them, as before
    assert compared(frame)[1] is None and compared_count(frame, 3) == 3


def test_category_means_are_the_latest_scorer_s(bank: QuestionBank) -> None:
    """Offline 1s and LLM 3s averaged to 2.0 in one category: neither scorer's scale."""
    frame = _two_scorers(bank)
    assert by_category(frame).loc["behavioral"].tolist() == [3.0] * 4
    frame["scorer"] = "local"  # one scorer: all of them, as before
    assert by_category(frame).loc["behavioral", "situation"] == 2.0


def test_the_trend_window_widens_over_a_long_history() -> None:
    """Over 2,000 attempts a mean of 5 zigzagged from end to end, the lines one band."""
    assert [trend_window(n, 5) for n in (1, 12, 250, 251, 500, 2000)] == [5, 5, 5, 6, 10, 40]
    assert trend_window(500, 10) == 10 and trend_window(2000, 3) == 40


def test_breaks_of_a_month_or_more_are_found(bank: QuestionBank) -> None:
    attempts = make_attempts(bank, PLAN, step=timedelta(days=29))
    attempts[3] = attempts[3].model_copy(
        update={"created_at": attempts[2].created_at + timedelta(days=30)}
    )
    found = breaks(attempts_frame(attempts, bank), UTC0)
    assert [(b.after, b.days, b.last) for b in found] == [(3, 30, date(2026, 4, 28))]
