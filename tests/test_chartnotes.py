"""Each chart told in words: the same numbers the chart draws, for a screen reader
and for anyone who wants the exact figures."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
from ui_fakes import make_attempts

from coachkit import QuestionBank, chartnotes
from coachkit.progress import attempts_frame, first_vs_latest

PLAN = [
    ("time-you-failed", (1, 1, 1, 1)),
    ("design-rate-limiter", (2, 2, 3, 2)),
    ("why-this-role", (3, 3, 3, 2)),
    ("time-you-failed", (4, 4, 5, 3)),
]
NOTES = [
    chartnotes.trends_note,
    chartnotes.heatmap_note,
    chartnotes.first_vs_latest_note,
    chartnotes.daily_note,
]


@pytest.fixture(scope="module")
def frame(bank: QuestionBank) -> pd.DataFrame:
    return attempts_frame(make_attempts(bank, PLAN), bank)


def test_a_window_as_wide_as_the_history_is_the_mean_so_far(frame: pd.DataFrame) -> None:
    """`coachkit progress --window 1000000` over 4 attempts read "the mean of up to
    1000000 attempts in a row"."""
    for window in (4, 1_000_000):
        note = chartnotes.trends_note(frame, window=window)
        assert "Each line is the mean of every attempt up to that one;" in note
        assert "in a row" not in note
    assert chartnotes.rolling_line(2_000, 5_000) == "the mean of up to 2,000 attempts in a row"


def test_trends_give_each_line_from_its_start_to_now(frame: pd.DataFrame) -> None:
    note = chartnotes.trends_note(frame, window=2)
    assert note.startswith("4 scored attempts from 01 Mar 2026 to 04 Mar 2026.")
    assert "mean of up to 2 attempts in a row" in note
    # The rolling means of 2 end at (3+4)/2, (3+4)/2, (3+5)/2, (2+3)/2.
    assert "Situation 1.0 to 3.5 (up 2.5)" in note
    assert "Action 1.0 to 4.0 (up 3.0)" in note
    assert "Result 1.0 to 2.5 (up 1.5)" in note
    assert note.endswith("Lowest now: Result.")


def test_a_line_that_fell_or_stayed_says_so(bank: QuestionBank) -> None:
    plan = [("time-you-failed", (4, 2, 3, 3)), ("time-you-failed", (2, 2, 3, 3))]
    note = chartnotes.trends_note(attempts_frame(make_attempts(bank, plan), bank), window=1)
    assert "Situation 4.0 to 2.0 (down 2.0)" in note and "Task 2.0 to 2.0 (no change)" in note
    # A tie names every dimension in it: "Lowest now: Situation." hid that Task was as low.
    assert note.endswith("Lowest now: Situation and Task, tied at 2.0.")


def test_three_dimensions_tied_lowest_are_each_named(bank: QuestionBank) -> None:
    """Three lines ending at 4.0 read "Lowest now: Situation", as if Task and Action
    were higher."""
    plan = [("time-you-failed", (1, 1, 1, 1))] + [("time-you-failed", (4, 4, 4, 5))] * 3
    data = attempts_frame(make_attempts(bank, plan), bank)
    assert chartnotes.trends_note(data, window=1).endswith(
        "Lowest now: Situation, Task and Action, tied at 4.0."
    )
    # The heatmap's rows show 3.3 (of 3.25, a half rounded up) for all three: so does the tie.
    assert chartnotes.heatmap_note(data).endswith(
        "Lowest, tied at 3.3: Situation, Task and Action in behavioral."
    )


def test_means_that_read_alike_to_one_decimal_tie(bank: QuestionBank) -> None:
    """Lines ending at 3.96 and 4.04 both read "4.0"; naming one as the lowest would
    contradict the figures the note gives."""
    means = pd.Series({"situation": 4.04, "task": 3.96, "action": 4.0, "result": 4.6})
    assert chartnotes._lowest(means) == " Lowest now: Situation, Task and Action, tied at 4.0."


def test_level_scores_name_no_lowest(bank: QuestionBank) -> None:
    plan = [("time-you-failed", (3, 3, 3, 3))] * 2
    data = attempts_frame(make_attempts(bank, plan), bank)
    assert "Lowest" not in chartnotes.trends_note(data)
    assert "Lowest" not in chartnotes.heatmap_note(data)


def test_the_heatmap_reads_category_by_category(frame: pd.DataFrame) -> None:
    note = chartnotes.heatmap_note(frame)
    assert "behavioral (2 attempts): Situation 2.5, Task 2.5, Action 3.0, Result 2.0" in note
    assert "cultural-fit (1 attempt): Situation 3.0" in note
    # Every cell at the lowest, by category: naming the first alone hid four more.
    assert note.endswith(
        "Lowest, tied at 2.0: Result in behavioral; Result in cultural-fit; "
        "Situation, Task and Result in system-design."
    )


def test_first_vs_latest_reads_the_chart_s_own_table(frame: pd.DataFrame) -> None:
    note = chartnotes.first_vs_latest_note(frame)
    table = first_vs_latest(frame)
    assert "first 2 attempts against your latest 2 attempts" in note
    for dimension in ("situation", "action"):
        first, latest = table.loc[dimension]
        assert f"{dimension.title()} {first:.1f} to {latest:.1f}" in note


def test_daily_note_counts_days_and_the_busiest(bank: QuestionBank) -> None:
    plan = [("time-you-failed", (3, 3, 3, 3))] * 5
    attempts = make_attempts(bank, plan, step=timedelta(hours=6))  # 12:00, 18:00, 00:00...
    per_day = Counter(a.created_at.astimezone().date() for a in attempts)
    later = max(per_day) + timedelta(days=3)
    note = chartnotes.daily_note(attempts_frame(attempts, bank), today=later)
    first, most = min(per_day), max(per_day.values())
    assert note.startswith(f"5 attempts on {len(per_day)} days from {first:%d %b %Y}")
    top = [day for day, count in per_day.items() if count == most]
    # In most time zones one day has 3; where two days have 2, that is said instead.
    said = (
        f"The busiest day was {top[0]:%d %b %Y}, with {most}."
        if len(top) == 1
        else f"{len(top)} days had {most} attempts, the most."
    )
    assert said in note
    assert "Current streak 0 days" in note  # three days ago


def test_equally_busy_days_are_counted_not_one_named(bank: QuestionBank) -> None:
    """Days of 2, 1, 2, 1 and 2 attempts read "The busiest day was 01 Mar 2026, with 2",
    as if one day stood out, when three had 2."""
    # 12:00 and 12:20 UTC: one day in every time zone.
    times = [(day, minute) for day in range(5) for minute in ((0, 20) if day % 2 == 0 else (0,))]
    start = datetime(2026, 3, 1, 12, tzinfo=UTC)
    attempts = [
        attempt.model_copy(update={"created_at": start + timedelta(days=day, minutes=minute)})
        for attempt, (day, minute) in zip(
            make_attempts(bank, [("time-you-failed", (3, 3, 3, 3))] * 8), times, strict=True
        )
    ]
    data = attempts_frame(attempts, bank)
    note = chartnotes.daily_note(data, today=date(2026, 3, 5))
    assert " 3 days had 2 attempts, the most. " in note and "busiest" not in note
    once = chartnotes.daily_note(data.iloc[:4], today=date(2026, 3, 5))  # 2, 1, 1
    assert " The busiest day was 01 Mar 2026, with 2. " in once


def test_the_days_since_the_last_attempt_are_said(bank: QuestionBank) -> None:
    """The chart ends today: the note says which days at its end are empty (it ended on
    the last day practised, beside a streak of 0 days)."""
    attempts = make_attempts(bank, PLAN)  # 1-4 March
    data = attempts_frame(attempts, bank)
    note = chartnotes.daily_note(data, today=date(2026, 3, 9))
    assert note.startswith(
        "4 attempts on 4 days from 01 Mar 2026 to 04 Mar 2026, and none from 05 Mar 2026 to "
        "09 Mar 2026. "
    )
    assert "Current streak 0 days, best 4 days." in note
    yesterday = chartnotes.daily_note(data, today=date(2026, 3, 5))
    assert ", and none on 05 Mar 2026. " in yesterday and "Current streak 4 days" in yesterday
    # An earlier To date ends the days there; the streak is still today's.
    upto = chartnotes.daily_note(data, today=date(2026, 3, 9), end=date(2026, 3, 6))
    assert "and none from 05 Mar 2026 to 06 Mar 2026." in upto and "streak 0 days" in upto


def test_no_attempt_in_the_days_drawn_is_said_with_the_last(bank: QuestionBank) -> None:
    data = attempts_frame(make_attempts(bank, PLAN), bank)
    note = chartnotes.daily_note(data, 30, today=date(2026, 6, 1))
    assert note == "No attempts in the 30 days to 01 Jun 2026; the last was on 04 Mar 2026."


def test_one_day_is_one_date(bank: QuestionBank) -> None:
    attempts = make_attempts(bank, PLAN[:1])
    day = attempts[0].created_at.astimezone().date()
    note = chartnotes.daily_note(attempts_frame(attempts, bank), today=day)
    assert note.startswith(f"1 attempt on {day:%d %b %Y}.") and "busiest" not in note


def test_one_attempt_is_read_as_it_is(frame: pd.DataFrame) -> None:
    one = frame.iloc[:1]
    expected = "Situation 1, Task 1, Action 1, Result 1 (out of 5)"
    assert chartnotes.trends_note(one) == f"One scored attempt, on 01 Mar 2026: {expected}."
    assert chartnotes.first_vs_latest_note(one).startswith(f"One attempt so far: {expected}.")


@pytest.mark.parametrize("note", NOTES, ids=lambda f: f.__name__)
def test_no_attempts_says_so(note: object, bank: QuestionBank) -> None:
    assert note(attempts_frame([], bank)) == chartnotes.NO_ATTEMPTS  # type: ignore[operator]


def test_flagged_attempts_are_left_out_as_the_charts_leave_them_out(bank: QuestionBank) -> None:
    attempts = make_attempts(bank, PLAN, flagged=lambda i: i == 3)
    data = attempts_frame(attempts, bank)
    assert chartnotes.trends_note(data).startswith("3 scored attempts")
    assert "behavioral (1 attempt)" in chartnotes.heatmap_note(data)


@pytest.mark.parametrize("note", NOTES[:3], ids=lambda f: f.__name__)
def test_every_attempt_flagged_is_said_not_no_attempts(note: object, bank: QuestionBank) -> None:
    data = attempts_frame(make_attempts(bank, PLAN[:1], flagged=lambda _i: True), bank)
    said = note(data)  # type: ignore[operator]
    assert said.startswith("Your one attempt is flagged (text addressed to the grader)")


def test_attempts_scored_by_several_scorers_are_said_to_be(bank: QuestionBank) -> None:
    """The lines mix scorers: a move from local's 4s to an LLM's 3s read as a drop."""
    data = attempts_frame(make_attempts(bank, PLAN), bank)
    assert "Scored by" not in chartnotes.trends_note(data)
    data["scorer"] = ["local", "gpt", "gpt", "local"]
    note = chartnotes.trends_note(data)
    assert "Scored by 2 scorers (local 2, gpt 2), which grade differently" in note


def test_each_scorer_s_lines_are_told_apart(bank: QuestionBank) -> None:
    """Offline scores of 1, then LLM scores of 3 read as "up 1.2" on every line, and the
    first 2 against the latest 2 as "up 2.0": the change of scorer told as progress."""
    plan = [("time-you-failed", (1, 1, 1, 1))] * 3 + [("time-you-failed", (3, 3, 3, 3))] * 3
    data = attempts_frame(make_attempts(bank, plan), bank)
    data["scorer"] = ["local"] * 3 + ["gpt"] * 3
    note = chartnotes.trends_note(data, 5)
    assert "Each line is the mean of up to 5 attempts in a row by one scorer" in note
    assert "By local (3 attempts): Situation 1.0 to 1.0 (no change);" in note
    assert "By gpt (3 attempts): Situation 3.0 to 3.0 (no change);" in note
    assert "(up " not in note
    said = chartnotes.first_vs_latest_note(data, 2)
    assert said.startswith("Mean score of your first attempt scored by gpt, your latest scorer,")
    assert "Situation 3.0 to 3.0 (no change)" in said
    assert "The 3 scored by other scorers are left out" in said
    data["scorer"] = ["local"] * 5 + ["gpt"]
    said = chartnotes.first_vs_latest_note(data)
    assert said.startswith("One attempt scored by gpt, your latest scorer: Situation 3,")


def test_the_lowest_line_now_names_its_scorer(bank: QuestionBank) -> None:
    """With several scorers, "Lowest now: Result." named no scorer, and the lines of
    each end at a different place: it is the latest attempt's scorer's."""
    plan = [("time-you-failed", (2, 2, 2, 1))] * 2 + [("time-you-failed", (4, 3, 4, 4))] * 2
    data = attempts_frame(make_attempts(bank, plan), bank)
    data["scorer"] = ["local", "local", "gpt", "gpt"]
    note = chartnotes.trends_note(data, 5)
    assert note.endswith(" Lowest now, by gpt, your latest scorer: Task.")
    data["scorer"] = ["gpt", "gpt", "local", "local"]  # back to local: its lines
    assert chartnotes.trends_note(data, 5).endswith(" by local, your latest scorer: Task.")
    data["scorer"] = "local"  # one scorer: no need to say; its lines tie
    assert chartnotes.trends_note(data, 5).endswith(" Lowest now: Task and Result, tied at 2.5.")


def test_the_heatmap_words_are_the_latest_scorer_s(bank: QuestionBank) -> None:
    """Offline 1s and LLM 3s read "behavioral (5 attempts): Situation 1.8", a mean of
    two scales, with no word that two scorers were in it."""
    plan = [("time-you-failed", (1, 1, 1, 1))] * 3 + [("why-this-role", (1, 1, 1, 1))]
    plan += [("time-you-failed", (3, 3, 3, 2))] * 2
    data = attempts_frame(make_attempts(bank, plan), bank)
    data["scorer"] = ["local"] * 4 + ["gpt"] * 2
    assert chartnotes.heatmap_note(data) == (
        "Mean score by category of your attempts scored by gpt, your latest scorer, out of "
        "5. behavioral (2 attempts): Situation 3.0, Task 3.0, Action 3.0, Result 2.0. "
        "Lowest: Result in behavioral, 2.0. The 4 scored by other scorers are left out: "
        "scorers grade differently, so a mean across them would be on neither's scale. "
        "Not shown, as only other scorers scored them: cultural-fit."
    )
    data["scorer"] = "local"  # one scorer: every attempt, and nothing left out
    note = chartnotes.heatmap_note(data)
    assert note.startswith("Mean score by category, out of 5. behavioral (5 attempts): ")
    assert "left out" not in note and "Not shown" not in note


def test_one_attempt_left_out_is_said_in_the_singular(bank: QuestionBank) -> None:
    """An LLM's one attempt before the offline scorer's read "The 1 scored by other
    scorers are left out"."""
    plan = [("time-you-failed", (3, 3, 3, 3))] + [("why-this-role", (1, 2, 1, 1))] * 2
    data = attempts_frame(make_attempts(bank, plan), bank)
    data["scorer"] = ["gpt", "local", "local"]
    left_out = "The one scored by another scorer is left out: scorers grade differently, "
    assert f"{left_out}so a mean across them" in chartnotes.heatmap_note(data)
    assert f"{left_out}and a change of scorer" in chartnotes.first_vs_latest_note(data)


def test_a_streak_up_to_now_is_counted(bank: QuestionBank) -> None:
    latest = datetime.now(UTC) - timedelta(hours=1)  # today, or yesterday just after midnight
    attempts = make_attempts(bank, PLAN[:2], start=latest - timedelta(days=1))
    note = chartnotes.daily_note(attempts_frame(attempts, bank))
    assert "Current streak 0 days" not in note and "Current streak" in note


def test_attempts_on_one_day_are_dated_once(bank: QuestionBank) -> None:
    attempts = make_attempts(bank, PLAN[:2], step=timedelta(minutes=5))
    note = chartnotes.trends_note(attempts_frame(attempts, bank))
    assert note.startswith("2 scored attempts on 01 Mar 2026. Each line")


@pytest.fixture
def los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is Los Angeles's."""
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_days_are_the_user_s_own(bank: QuestionBank, los_angeles: None) -> None:
    """In Los Angeles, two attempts one afternoon read "from 01 Mar to 02 Mar" (UTC days)
    beside "on 01 Mar" in the daily note."""
    start = datetime(2026, 3, 1, 23, tzinfo=UTC)  # 15:00 in Los Angeles
    attempts = make_attempts(bank, PLAN[:2], start=start, step=timedelta(hours=3))
    data = attempts_frame(attempts, bank)
    assert chartnotes.trends_note(data).startswith("2 scored attempts on 01 Mar 2026.")
    today = date(2026, 3, 1)  # in Los Angeles
    assert chartnotes.daily_note(data, today=today).startswith("2 attempts on 01 Mar 2026.")


def test_a_move_is_the_difference_of_the_figures_shown(bank: QuestionBank) -> None:
    plan = [("time-you-failed", (s, 3, 3, 3)) for s in (2, 2, 3, 2, 3, 3)]
    note = chartnotes.first_vs_latest_note(attempts_frame(make_attempts(bank, plan), bank))
    assert "Situation 2.3 to 2.7 (up 0.4)" in note


def test_counts_in_the_thousands_are_grouped_as_the_tiles_group_them(
    bank: QuestionBank,
) -> None:
    """ "By local (1666 attempts)" beside a tile's "1,666"."""
    plan = [("time-you-failed", (2, 2, 2, 2))] * 1_200 + [("time-you-failed", (3, 3, 3, 3))] * 3
    data = attempts_frame(make_attempts(bank, plan, step=timedelta(hours=1)), bank)
    data["scorer"] = ["local"] * 1_200 + ["gpt"] * 3
    note = chartnotes.trends_note(data, 5)
    assert note.startswith("1,203 scored attempts ")
    assert "(local 1,200, gpt 3)" in note and "By local (1,200 attempts)" in note
    assert "over 1,203:" in note
    assert chartnotes.all_flagged(1_203).startswith("All 1,203 attempts are flagged")


def test_a_mean_of_one_attempt_widened_is_said_in_the_singular(bank: QuestionBank) -> None:
    """`coachkit progress --window 1` over 200 attempts: "from the 1 attempts chosen"."""
    plan = [("time-you-failed", (2, 2, 2, 2))] * 200
    data = attempts_frame(make_attempts(bank, plan, step=timedelta(hours=1)), bank)
    note = chartnotes.trends_note(data, 1)
    assert " The mean is widened from the 1 attempt chosen to " in note


@pytest.mark.parametrize("scorers", [["local"] * 6, ["local"] * 3 + ["gpt"] * 3])
def test_the_trend_words_take_the_days_the_chart_worked_out(
    bank: QuestionBank, monkeypatch: pytest.MonkeyPatch, scorers: list[str]
) -> None:
    """The trends' words worked out each attempt's local day twice more (their span, then
    their breaks), where the chart had just done so: given ``days``, not once."""
    from coachkit import charts, progress

    step = [timedelta(days=1)] * 2 + [timedelta(days=40)] + [timedelta(days=1)] * 3
    plan = [("time-you-failed", (i % 4, 2, 3, i % 5)) for i in range(6)]
    attempts = make_attempts(bank, plan)
    start = attempts[0].created_at
    attempts = [
        a.model_copy(update={"created_at": start + sum(step[:i], timedelta())})
        for i, a in enumerate(attempts)
    ]
    data = attempts_frame(attempts, bank)
    data["scorer"] = scorers
    counted = Counter[str]()
    real = progress.local_dates

    def counting(frame: pd.DataFrame, tz: object = None) -> pd.Series:
        counted["calls"] += 1
        return real(frame, tz)  # type: ignore[arg-type]

    for module in (progress, chartnotes, charts):
        monkeypatch.setattr(module, "local_dates", counting)
    found = charts.trends(data, 5)
    assert counted["calls"] == 1
    note = chartnotes.trends_note(data, 5, days=found.dates)
    assert counted["calls"] == 1  # none more
    assert " A break of 40 days, " in note
    assert note == chartnotes.trends_note(data, 5)  # the same words
    assert counted["calls"] == 2  # on its own: once, for the span and the breaks alike
