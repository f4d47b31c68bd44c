"""Each progress chart told in words: what a screen reader reads out in place of the
image, and the exact numbers a glance at the picture cannot give.

A note says what its chart draws, from the same figures (``coachkit.progress``), so
the two never disagree.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from .figures import rounded, shown
from .models import DIMENSIONS
from .progress import (
    BREAK_DAYS,
    breaks,
    by_category,
    charted,
    compared,
    compared_count,
    daily_counts,
    first_vs_latest,
    local_dates,
    rolling_means,
    scorers,
    streak,
    trend_window,
)
from .wording import and_list

__all__ = [
    "all_flagged",
    "daily_note",
    "dashboard_note",
    "first_vs_latest_note",
    "heatmap_note",
    "none_lately",
    "rolling_line",
    "short_line",
    "trends_note",
]

NO_ATTEMPTS = "No scored attempts yet."


def all_flagged(count: int) -> str:
    """What a score chart says when each of its ``count`` attempts is flagged: there are
    attempts (the attempts per day show them), just none it may draw."""
    which = "Your one attempt is" if count == 1 else f"All {count:,} attempts are"
    return f"{which} flagged (text addressed to the grader), so no score is charted."


def rolling_line(window: int, count: int | None = None) -> str:
    """What each line of the trends chart is: the rolling mean starts with fewer
    attempts than ``window`` (one, then two...), so "up to"; over one, no mean at all;
    as wide as the ``count`` attempts charted, or wider, the mean of all so far."""
    if window == 1:
        return "the score of each attempt"
    if count is not None and window >= count:
        # "up to 1,000,000 attempts in a row" over 20 attempts reads as a typo.
        return "the mean of every attempt up to that one"
    return f"the mean of up to {window:,} attempts in a row"


def short_line(window: int, count: int) -> str:
    """``rolling_line`` in a few words, for a compact chart's title: a line of it."""
    if window == 1:
        return "each score"
    if window >= count:
        return "mean of all so far"
    return f"mean of last {window:,}"


def _nothing(frame: pd.DataFrame) -> str:
    """The note of a score chart with no attempt to draw."""
    return all_flagged(len(frame)) if len(frame) else NO_ATTEMPTS


def _change(before: float, after: float) -> str:
    """``2.0 to 3.5 (up 1.5)``: a move as the reader says it, to one decimal (the move
    between the two figures shown, so "2.3 to 2.7" is up 0.4, not 0.3)."""
    before, after = rounded(before, 1), rounded(after, 1)
    step = rounded(after - before, 1)
    how = "no change" if step == 0 else f"{'up' if step > 0 else 'down'} {abs(step):.1f}"
    return f"{before:.1f} to {after:.1f} ({how})"


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def _lowest(means: pd.Series, scorer: str | None = None) -> str:
    """`` Lowest now: Result.`` (`` Lowest now: Situation and Task, tied at 2.0.``), or
    nothing when every dimension is level; with ``scorer``, whose lines those are
    (`` Lowest now, by gpt, your latest scorer: ...``)."""
    # Compared as the note shows them, to one decimal: 3.96 and 4.04 both read 4.0.
    values = {d: rounded(means[d], 1) for d in DIMENSIONS}
    low = min(values.values())
    if low == max(values.values()):
        return ""
    lowest = [d.title() for d in DIMENSIONS if values[d] == low]
    tied = f", tied at {low:.1f}" if len(lowest) > 1 else ""
    by = f", by {scorer}, your latest scorer" if scorer else ""
    return f" Lowest now{by}: {and_list(lowest)}{tied}."


def _scorer_counts(data: pd.DataFrame) -> str:
    """``2 scorers (local 3, gpt 2)``: the scorers in order of first use."""
    counts = data["scorer"].value_counts(sort=False)
    each = ", ".join(f"{name} {int(count):,}" for name, count in counts.items())
    return f"{len(counts)} scorers ({each})"


def _moves(rolling: pd.DataFrame) -> str:
    """``Situation 2.0 to 3.5 (up 1.5); Task ...``: each line from its start to now."""
    return "; ".join(
        f"{d.title()} {_change(float(rolling[d].iloc[0]), float(rolling[d].iloc[-1]))}"
        for d in DIMENSIONS
    )


def _breaks(frame: pd.DataFrame, days: pd.Series) -> str:
    """`` A break of 194 days, from 28 May to 22 Nov 2026, after attempt 5.``: the
    pauses the chart marks with a dotted line; ``days``: the charted attempts' own."""
    found = breaks(frame, days=days)
    if not found:
        return ""
    if len(found) == 1:
        pause = found[0]
        return (
            f" A break of {pause.days} days, from {pause.last:%d %b %Y} to "
            f"{pause.resumed:%d %b %Y}, after attempt {pause.after}."
        )
    longest = max(found, key=lambda pause: pause.days)
    return (
        f" {len(found)} breaks of {BREAK_DAYS} days or more; the longest, {longest.days} "
        f"days, from {longest.last:%d %b %Y} to {longest.resumed:%d %b %Y}."
    )


def trends_note(
    frame: pd.DataFrame,
    window: int = 5,
    *,
    scorer: str | None = None,
    days: pd.Series | None = None,
    means: pd.DataFrame | None = None,
) -> str:
    """Where each dimension's rolling mean started and where it is now (each scorer's
    apart, as the chart draws them: scorers grade differently); ``scorer``: the one the
    attempts were picked by, named as the chart's title names it; ``days``: the charted
    attempts' ``local_dates`` where already worked out (``charts.trends``' ``dates``);
    ``means``: their ``rolling_means`` over the widened window, likewise (its ``means``)."""
    data = charted(frame)
    if data.empty:
        return _nothing(frame)
    if days is None:
        # The user's own days, as the filters and the streak count: worked out once, for
        # the span and the breaks alike.
        days = local_dates(data)
    first, last = days.iloc[0], days.iloc[-1]
    if len(data) == 1:
        scores = ", ".join(f"{d.title()} {int(data[d].iloc[0])}" for d in DIMENSIONS)
        one = f"One attempt scored by {scorer}" if scorer else "One scored attempt"
        return f"{one}, on {first:%d %b %Y}: {scores} (out of 5)."
    chosen, window = window, trend_window(len(data), window)
    # Said first: the window chosen is not the one the lines are drawn with.
    widened = (
        f" The mean is widened from the {chosen} attempt{'s' if chosen != 1 else ''} chosen "
        f"to {window}, so the lines can be read over {len(data):,}: narrow the dates for a "
        "closer look."
        if window > chosen
        else ""
    )
    rolling = rolling_means(frame, window) if means is None else means
    span = f"on {first:%d %b %Y}" if first == last else f"from {first:%d %b %Y} to {last:%d %b %Y}"
    names = scorers(frame)
    if len(names) == 1:
        counted = f"attempts scored by {scorer}" if scorer else "scored attempts"
        return (
            f"{len(data):,} {counted} {span}.{widened} Each line is "
            f"{rolling_line(window, len(data))}; first to latest, out of 5: {_moves(rolling)}."
            + _lowest(rolling.iloc[-1])
            + _breaks(frame, days)
        )
    parts = []
    for name in names:
        own = rolling[data["scorer"] == name]
        if len(own) == 1:
            scores = ", ".join(f"{d.title()} {shown(own[d].iloc[0], 1)}" for d in DIMENSIONS)
            parts.append(f"By {name} (1 attempt): {scores}.")
        else:
            parts.append(f"By {name} ({len(own):,} attempts): {_moves(own)}.")
    line = rolling_line(window, len(data))
    return (
        f"{len(data):,} scored attempts {span}. Scored by {_scorer_counts(data)}, which "
        "grade differently, so each has lines of its own (`coachkit rescore --scorer NAME` "
        f"shows how far they differ).{widened} Each line is {line} by one scorer; "
        f"first to latest, out of 5. {' '.join(parts)}"
        # The lines ending now are the latest attempt's scorer's: say whose, as the
        # others' end where that scorer last graded.
        + _lowest(rolling.iloc[-1], str(data["scorer"].iloc[-1]))
        + _breaks(frame, days)
    )


def _left_out(frame: pd.DataFrame, why: str) -> str:
    """`` The 6 scored by other scorers are left out: scorers grade differently, ...``,
    when only the latest scorer's attempts are shown (``compared``); else nothing."""
    own, scorer = compared(frame)
    if not scorer:
        return ""
    others = len(charted(frame)) - len(own)
    which = (
        "The one scored by another scorer is"
        if others == 1
        else f"The {others:,} scored by other scorers are"
    )
    return f" {which} left out: scorers grade differently, {why}."


def _whose(latest: str | None, picked: str | None) -> str:
    """`` scored by gpt, your latest scorer`` (with several scorers, the latest one's
    attempts alone), `` scored by gpt`` (the attempts ``picked`` by their scorer), or
    nothing."""
    if latest:
        return f" scored by {latest}, your latest scorer"
    return f" scored by {picked}" if picked else ""


def heatmap_note(frame: pd.DataFrame, *, scorer: str | None = None) -> str:
    """Each category's mean scores, and the weakest cell; with several scorers, of the
    latest one's attempts, as the chart shows them, saying what is left out; ``scorer``
    as ``trends_note`` takes it."""
    table = by_category(frame)
    if table.empty:
        return _nothing(frame)
    own, latest = compared(frame)
    counts = own.groupby("category").size()
    means = table.to_dict("index")
    rows = [
        f"{category} ({counts[category]:,} attempt{'s' if counts[category] != 1 else ''}): "
        + ", ".join(f"{d.title()} {shown(means[category][d], 1)}" for d in DIMENSIONS)
        for category in table.index
    ]
    # Compared as the rows show them, to one decimal; every cell at the lowest is named.
    cells = [(rounded(means[c][d], 1), str(c), d) for c in table.index for d in DIMENSIONS]
    low = min(cell[0] for cell in cells)
    weakest = ""
    if any(cell[0] > low for cell in cells):
        lowest: dict[str, list[str]] = {}  # category: its dimensions at the lowest
        for score, c, d in cells:
            if score == low:
                lowest.setdefault(c, []).append(d.title())
        where = "; ".join(f"{and_list(dims)} in {c}" for c, dims in lowest.items())
        weakest = (
            f" Lowest: {where}, {low:.1f}."
            if sum(map(len, lowest.values())) == 1
            else f" Lowest, tied at {low:.1f}: {where}."
        )
    which = f" of your attempts{_whose(latest, scorer)}" if latest or scorer else ""
    # A category practised with other scorers alone has no row: say so, not nothing.
    missing = sorted(set(charted(frame)["category"]) - set(table.index))
    unshown = (
        f" Not shown, as only other scorers scored them: {', '.join(map(str, missing))}."
        if missing
        else ""
    )
    return (
        f"Mean score by category{which}, out of 5. {'. '.join(rows)}.{weakest}"
        + _left_out(frame, "so a mean across them would be on neither's scale")
        + unshown
    )


def first_vs_latest_note(frame: pd.DataFrame, n: int = 3, *, scorer: str | None = None) -> str:
    """The first attempts' mean scores against the latest ones'; ``scorer`` as
    ``trends_note`` takes it."""
    data = charted(frame)
    if data.empty:
        return _nothing(frame)
    k = compared_count(frame, n)
    own, latest_scorer = compared(frame)
    # With several scorers only the latest one's attempts are compared: say which, and
    # why the others are not.
    left_out = _left_out(frame, "and a change of scorer is no move of yours")
    if k == 0:
        scores = ", ".join(f"{d.title()} {int(own[d].iloc[0])}" for d in DIMENSIONS)
        if latest_scorer:
            return (
                f"One attempt scored by {latest_scorer}, your latest scorer: {scores} (out of 5). "
                f"Comparisons start with its second.{left_out}"
            )
        one = f"One attempt scored by {scorer}" if scorer else "One attempt"
        return f"{one} so far: {scores} (out of 5). Comparisons start with the second."
    table = first_vs_latest(frame, n)
    first, latest = table["first"], table["latest"]
    moves = "; ".join(f"{d.title()} {_change(first[d], latest[d])}" for d in DIMENSIONS)
    which = "attempt" if k == 1 else f"{k} attempts"
    by = f"{_whose(latest_scorer, scorer)}," if latest_scorer or scorer else ""
    return (
        f"Mean score of your first {which}{by} against your latest {which}, out of 5: "
        f"{moves}.{left_out}"
    )


def none_lately(frame: pd.DataFrame, counts: pd.Series) -> str:
    """What the attempts per day say when ``counts`` (the days drawn) hold none: the
    span they cover, and the day of the last attempt, before it."""
    last = max(local_dates(frame))
    return (
        f"No attempts in the {_days(len(counts))} to {counts.index[-1]:%d %b %Y}; "
        f"the last was on {last:%d %b %Y}."
    )


def daily_note(
    frame: pd.DataFrame,
    days: int = 60,
    *,
    today: date | None = None,
    end: date | None = None,
    scorer: str | None = None,
) -> str:
    """How much practice, on how many days, the busiest day (or how many days were that
    busy) and the streak, over the ``days`` days up to ``end`` (default ``today``), as
    ``charts.daily_activity`` draws; ``scorer`` as ``trends_note`` takes it."""
    today = today or date.today()
    counts = daily_counts(frame, until=end or today).tail(days)
    if counts.empty:
        return NO_ATTEMPTS
    if not counts.any():
        return none_lately(frame, counts)
    practised = counts[counts > 0]
    run = streak(frame, today)
    total = int(counts.sum())
    first, last = practised.index[0], practised.index[-1]
    span = f"{first:%d %b %Y}"
    if first != last:
        span = f"{_days(len(practised))} from {span} to {last:%d %b %Y}"
    if last != counts.index[-1]:
        # The bars end in empty days, up to today: say which.
        after, end_day = last + timedelta(days=1), counts.index[-1]
        span += (
            f", and none on {end_day:%d %b %Y}"
            if after == end_day
            else f", and none from {after:%d %b %Y} to {end_day:%d %b %Y}"
        )
    busiest = ""
    most = int(practised.max())
    if most > practised.min():
        # A day is named only when no other was as busy: "the busiest day was 03 Oct,
        # with 2" read as one busy day when 20 days had 2.
        top = practised[practised == most]
        busiest = (
            f" The busiest day was {top.index[0]:%d %b %Y}, with {most}."
            if len(top) == 1
            else f" {len(top)} days had {most} attempts, the most."
        )
    whose = f" scored by {scorer}" if scorer else ""
    return (
        f"{total:,} attempt{'s' if total != 1 else ''}{whose} on {span}."
        f"{busiest} Current streak {_days(run.current)}, best {_days(run.longest)}."
    )


def dashboard_note(
    frame: pd.DataFrame,
    window: int,
    days: int,
    *,
    today: date | None = None,
    end: date | None = None,
    scorer: str | None = None,
) -> str:
    """Every chart of the dashboard (``charts.dashboard``) in words, in its order;
    ``scorer`` as ``trends_note`` takes it."""
    return " ".join(
        (
            trends_note(frame, window, scorer=scorer),
            heatmap_note(frame, scorer=scorer),
            first_vs_latest_note(frame, scorer=scorer),
            daily_note(frame, days, today=today, end=end, scorer=scorer),
        )
    )
