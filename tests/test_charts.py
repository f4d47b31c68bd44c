"""Charts: every figure draws, empty or full, and saves as a PNG."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from ui_fakes import make_attempts

from coachkit import QuestionBank, chartnotes, charts
from coachkit.progress import attempts_frame

FIGURES = [
    charts.dimension_trends,
    charts.category_heatmap,
    charts.radar,
    charts.daily_activity,
    charts.progress_report,
    charts.dashboard,
]


@pytest.fixture(scope="module")
def frame(bank: QuestionBank) -> pd.DataFrame:
    plan = [
        (q, (i % 6, (i + 1) % 6, (i + 2) % 6, i % 4))
        for i, q in enumerate(
            ["time-you-failed", "design-rate-limiter", "why-this-role", "idempotent-apis"] * 3
        )
    ]
    return attempts_frame(make_attempts(bank, plan), bank)


@pytest.mark.parametrize("draw", FIGURES, ids=lambda f: f.__name__)
def test_figures_draw_with_and_without_attempts(
    draw: object, frame: pd.DataFrame, bank: QuestionBank, tmp_path: Path
) -> None:
    for data in (frame, attempts_frame([], bank)):
        figure = draw(data)  # type: ignore[operator]
        assert isinstance(figure, Figure)
        path = charts.save(figure, tmp_path / "out" / "chart.png", dpi=40)
        assert path.read_bytes().startswith(b"\x89PNG")
        assert path.stat().st_mode & 0o777 == 0o600  # the user's own scores


def test_a_chart_over_an_empty_file_is_private(frame: pd.DataFrame, tmp_path: Path) -> None:
    """A chart over an empty file umask 002 had made 0664 kept that mode; one over an
    earlier chart keeps the mode its owner gave it."""
    empty, shared = tmp_path / "empty.png", tmp_path / "shared.png"
    empty.touch()
    shared.write_bytes(b"an earlier chart")
    for path in (empty, shared):
        path.chmod(0o664)
        charts.save(charts.progress_report(frame), path, dpi=40)
    assert empty.stat().st_mode & 0o777 == 0o600
    assert shared.stat().st_mode & 0o777 == 0o664


def test_a_chart_saves_where_os_has_no_fchmod(
    frame: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no os.fchmod before Python 3.13: every chart and report save there
    stopped with an AttributeError."""
    import os

    monkeypatch.delattr(os, "fchmod", raising=False)
    path = charts.save(charts.progress_report(frame), tmp_path / "progress.png", dpi=40)
    assert path.read_bytes().startswith(b"\x89PNG")
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["progress.png"]


def test_two_saves_of_one_file_at_once_leave_one_of_them_whole(tmp_path: Path) -> None:
    """Two notebooks pressing Save PNG in the same second (one file name) wrote into one
    file beside it: the second emptied the first's, and the first's rename then failed."""
    from coachkit import paths

    path = tmp_path / "progress.png"
    with paths.private_file(path) as first:
        first.write(b"first, " * 1000)
        with paths.private_file(path) as second:
            second.write(b"second")
        first.write(b"the end")
    assert path.read_bytes() == b"first, " * 1000 + b"the end"
    assert [p.name for p in tmp_path.iterdir()] == ["progress.png"]


def test_a_chart_is_written_in_the_format_its_name_asks_for(
    frame: pd.DataFrame, tmp_path: Path
) -> None:
    path = charts.save(charts.progress_report(frame), tmp_path / "progress.svg", dpi=40)
    assert b"<svg" in path.read_bytes()[:400]


def test_empty_charts_say_so(bank: QuestionBank) -> None:
    figure = charts.dimension_trends(attempts_frame([], bank))
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert any("No attempts yet" in t for t in texts)


def test_charts_with_every_attempt_flagged_say_so_not_no_attempts(bank: QuestionBank) -> None:
    """The dashboard said "No attempts yet" three times beside a bar of 4 attempts."""
    plan = [(q, (3, 3, 3, 3)) for q in ("time-you-failed", "why-this-role") * 2]
    frame = attempts_frame(make_attempts(bank, plan, flagged=lambda _i: True), bank)
    figure = charts.dashboard(frame)
    texts = [t.get_text().replace("\n", " ") for ax in figure.axes for t in ax.texts]
    said = [t for t in texts if "flagged" in t]
    assert len(said) == 3 and "All 4 attempts are flagged" in said[0]
    assert not any("No attempts yet" in t for t in texts)


@pytest.mark.parametrize(
    ("rows", "window", "line"),
    [
        (4, 3, "the mean of up to 3 attempts in a row"),
        (2, 5, "the mean of every attempt up to that one"),
        (2, 1, "the score of each attempt"),
    ],
)
def test_the_trends_title_says_what_a_line_is_as_its_words_do(
    frame: pd.DataFrame, rows: int, window: int, line: str
) -> None:
    """With 2 attempts, "the mean of 5 attempts in a row" was said of means of 1 and 2."""
    title = charts.dimension_trends(frame.iloc[:rows], window).axes[0].get_title()
    assert title == f"Your STAR scores over time (each line: {line})"
    assert f"Each line is {line};" in chartnotes.trends_note(frame.iloc[:rows], window)


def test_radar_compares_first_and_latest(frame: pd.DataFrame) -> None:
    figure = charts.radar(frame, n=2)
    labels = [line.get_label() for line in figure.axes[0].get_lines()]
    assert labels == ["first 2", "latest 2"]


def test_daily_activity_titles_the_streak(frame: pd.DataFrame) -> None:
    title = charts.daily_activity(frame, today=date(2026, 3, 12)).axes[0].get_title()
    assert "Attempts per day (streak: 12 days, best 12)" in title


def _bars(ax: Axes) -> tuple[list[float], list[str]]:
    """A bar chart's heights, and its tick labels once drawn."""
    ax.figure.canvas.draw()
    return [bar.get_height() for bar in ax.patches], [t.get_text() for t in ax.get_xticklabels()]


def test_the_days_per_day_end_today(frame: pd.DataFrame) -> None:
    """Practice ended 12 March; on the 17th the bars run to the 17th, five of them empty
    (they ended on the 12th, under a title saying the streak is 0 days)."""
    ax = charts.daily_activity(frame, today=date(2026, 3, 17)).axes[0]
    heights, labels = _bars(ax)
    assert len(heights) == 17 and heights[-6] > 0 and heights[-5:] == [0] * 5
    assert labels[-1] == "17 Mar" and "streak: 0 days, best 12" in ax.get_title()
    # An earlier end (the view's To date) ends them there; the streak is today's.
    ax = charts.daily_activity(frame, today=date(2026, 3, 17), end=date(2026, 3, 14)).axes[0]
    heights, labels = _bars(ax)
    assert len(heights) == 14 and heights[-2:] == [0, 0] and labels[-1] == "14 Mar"
    # The last `days` days only: here eight, all but three of them after the practice.
    heights, _labels = _bars(charts.daily_activity(frame, 8, today=date(2026, 3, 17)).axes[0])
    assert heights == [1, 1, 1, 0, 0, 0, 0, 0]


def test_the_latest_day_label_stays_inside_the_picture(frame: pd.DataFrame) -> None:
    """The slanted dates end at their tick: centred on it, the latest one reached past the
    bars and, with two months drawn, off the right edge of the saved image."""
    figure = charts.daily_activity(frame, today=date(2026, 3, 17))
    ax = figure.axes[0]
    figure.canvas.draw()
    last = ax.get_xticklabels()[-1]
    tick_x = ax.transData.transform((ax.get_xticks()[-1], 0))[0]
    extent = last.get_window_extent()
    assert last.get_text() == "17 Mar"
    # Slanted, its lower corner reaches a little past the tick; centred, half its width.
    assert extent.x1 - tick_x < extent.height / 2


def test_no_practice_in_the_days_drawn_says_when_it_was(frame: pd.DataFrame) -> None:
    ax = charts.dashboard(frame, today=date(2026, 6, 1)).axes[-1]
    words = " ".join(text.get_text() for text in ax.texts)
    # Each date stays on one line of the narrow panel.
    assert words.replace("\n", " ").replace("\u00a0", " ") == (
        "No attempts in the 30 days to 01 Jun 2026; the last was on 12 Mar 2026."
    )
    assert "01\u00a0Jun\u00a02026" in words and "12\u00a0Mar\u00a02026" in words
    assert not ax.patches


@pytest.mark.parametrize("count", [1, 2, 12])
def test_trend_ticks_are_whole_attempts(frame: pd.DataFrame, count: int) -> None:
    figure = charts.dimension_trends(frame.iloc[:count])
    figure.canvas.draw()  # ticks are placed when drawn
    ticks = [t for t in figure.axes[0].get_xticks() if 0.5 <= t <= count + 0.5]
    assert ticks and all(float(t).is_integer() for t in ticks)


TIED = [
    ("time-you-failed", (5, 3, 5, 5)),
    ("time-you-failed", (5, 3, 5, 5)),
    ("why-this-role", (0, 0, 0, 0)),
    ("time-you-failed", (5, 3, 5, 5)),
    ("time-you-failed", (5, 4, 5, 5)),
]


def _lines(figure: Figure) -> dict[str, Line2D]:
    """The trend chart's rolling-mean lines by legend label."""
    return {
        str(line.get_label()): line
        for line in figure.axes[0].get_lines()
        if line.get_linestyle() == "-" and not str(line.get_label()).startswith("_")
    }


def test_equal_trend_lines_run_side_by_side(bank: QuestionBank) -> None:
    # Situation, Action and Result had equal means, so only Result showed.
    frame = attempts_frame(make_attempts(bank, TIED), bank)
    lines = _lines(charts.dimension_trends(frame))
    assert list(lines) == ["Situation", "Task", "Action", "Result"]
    ys = {name: np.asarray(line.get_ydata(), dtype=float) for name, line in lines.items()}
    for a, b in itertools.combinations(ys, 2):
        assert np.min(np.abs(ys[a] - ys[b])) >= 0.08, (a, b)  # apart at every attempt
    true = frame[["situation", "task", "action", "result"]].rolling(5, min_periods=1).mean()
    for name, dimension in zip(lines, true.columns, strict=True):
        assert np.max(np.abs(ys[name] - true[dimension].to_numpy())) <= 0.15  # a hair, no more
    assert np.allclose(ys["Task"], true["task"])  # a line nobody ties with stays put
    markers = {line.get_marker() for line in lines.values()}
    assert len(markers) == 4  # shapes tell them apart without colour too


def test_one_attempt_is_shown_as_points_on_one_attempt(frame: pd.DataFrame) -> None:
    figure = charts.dimension_trends(frame.iloc[:1])
    ax = figure.axes[0]
    assert ax.get_xlim() == (0.5, 1.5)  # no empty room for an attempt 2
    assert all(len(line.get_xdata()) == 1 for line in ax.get_lines())  # points, no lines
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Situation", "Task", "Action", "Result"]
    assert "first attempt" in ax.get_title()


@pytest.mark.parametrize(
    ("count", "labels"),
    [(1, ["attempt 1"]), (2, ["first 1", "latest 1"]), (5, ["first 2", "latest 2"])],
)
def test_radar_never_compares_an_attempt_with_itself(
    frame: pd.DataFrame, count: int, labels: list[str]
) -> None:
    figure = charts.radar(frame.iloc[:count], n=3)
    assert [line.get_label() for line in figure.axes[0].get_lines()] == labels


def test_one_day_of_practice_is_one_bar_in_a_week(frame: pd.DataFrame) -> None:
    """With one day, the single bar filled the whole plot."""
    one_day = frame[frame["created_at"].dt.date == frame["created_at"].dt.date.iloc[-1]]
    ax = charts.daily_activity(one_day, today=date(2026, 3, 12)).axes[0]
    low, high = ax.get_xlim()
    assert high - low >= 7  # a week wide
    heights = [bar.get_height() for bar in ax.patches]
    assert heights[-1] > 0 and heights[:-1] == [0] * 6  # the day on the right, six before it
    # The days before it carry their dates: the axis is not an empty, unlabelled stretch.
    labels = [tick.get_text() for tick in ax.get_xticklabels()]
    assert len(labels) >= 3 and all(labels)


@pytest.mark.parametrize(("suffix", "field"), [("png", b"Description"), ("svg", b"description")])
def test_a_saved_chart_carries_its_words(
    frame: pd.DataFrame, tmp_path: Path, suffix: str, field: bytes
) -> None:
    words = "Result 1.0 to 2.5 (up 1.5)"
    path = charts.save(charts.radar(frame), tmp_path / f"c.{suffix}", dpi=40, description=words)
    content = path.read_bytes()
    assert field in content and words.encode() in content


def test_attempts_on_one_day_are_dated_once(bank: QuestionBank) -> None:
    plan = [("time-you-failed", (3, 3, 3, 3))] * 3
    attempts = make_attempts(bank, plan, step=timedelta(minutes=5))
    label = charts.dimension_trends(attempts_frame(attempts, bank)).axes[0].get_xlabel()
    assert label == "attempt, oldest to newest (01 Mar 2026)"


def test_each_scorer_has_lines_of_its_own(bank: QuestionBank) -> None:
    """Three offline scores of 1, then three LLM scores of 3: one line climbed from 1 to
    2.3 across the change, the LLM's grading drawn as progress, and the radar compared
    offline firsts with LLM latests."""
    plan = [("time-you-failed", (1, 1, 1, 1))] * 3 + [("time-you-failed", (3, 3, 3, 3))] * 3
    frame = attempts_frame(make_attempts(bank, plan), bank)
    frame["scorer"] = ["local"] * 3 + ["gpt"] * 3
    ax = charts.dimension_trends(frame).axes[0]
    means = [line for line in ax.get_lines() if line.get_linestyle() in ("-", "--")]
    for line in means[:-2]:  # the last two are the legend's key to the line styles
        ys = np.asarray(line.get_ydata(), dtype=float)
        assert np.ptp(ys) <= 0.3, line.get_label()  # level: each scorer's own scores
    solid = [line for line in means if line.get_linestyle() == "-" and len(line.get_xdata())]
    dashed = [line for line in means if line.get_linestyle() == "--" and len(line.get_xdata())]
    assert {tuple(line.get_xdata()) for line in solid} == {(1.0, 2.0, 3.0)}
    assert {tuple(line.get_xdata()) for line in dashed} == {(4.0, 5.0, 6.0)}
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-2:] == ["scored by local", "scored by gpt"]
    assert ax.get_title().endswith("attempts in a row by one scorer)")
    radar = charts.radar(frame).axes[0]
    assert "scored by gpt" in radar.get_title()
    first = radar.get_lines()[0]
    assert first.get_label() == "first 1" and set(first.get_ydata()) == {3.0}


def test_the_heatmap_shows_the_latest_scorer_s_attempts(bank: QuestionBank) -> None:
    """Offline 1s and LLM 3s in one category drew a cell of 2.0, on neither's scale; a
    category the LLM never scored stood beside the others as if comparable."""
    plan = [("time-you-failed", (1, 1, 1, 1))] * 3 + [("why-this-role", (1, 1, 1, 1))]
    plan += [("time-you-failed", (3, 3, 3, 3))] * 2
    frame = attempts_frame(make_attempts(bank, plan), bank)
    frame["scorer"] = ["local"] * 4 + ["gpt"] * 2
    ax = charts.category_heatmap(frame).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["behavioral (n=2)"]
    assert {t.get_text() for t in ax.texts} == {"3.0"}
    assert ax.get_title() == "Mean score by category, scored by gpt\n(4 by other scorers left out)"
    frame["scorer"] = "local"  # one scorer: every attempt, no scorer named
    ax = charts.category_heatmap(frame).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "behavioral (n=5)",
        "cultural-fit (n=1)",
    ]
    assert ax.get_title() == "Mean score by category"


def test_a_long_history_draws_lines_that_can_be_read(bank: QuestionBank) -> None:
    """600 attempts alternating 1 and 4 drew a mean of 5 that zigzagged 2.2 to 2.8 across
    the whole chart; the mean widens to 12 attempts, and its words say so."""
    plan = [("time-you-failed", (1, 1, 1, 1)), ("time-you-failed", (4, 4, 4, 4))] * 300
    frame = attempts_frame(make_attempts(bank, plan, step=timedelta(hours=12)), bank)
    ax = charts.dimension_trends(frame, 5).axes[0]
    assert "the mean of up to 12 attempts in a row" in ax.get_title()
    situation = next(line for line in ax.get_lines() if line.get_label() == "Situation")
    steady = np.asarray(situation.get_ydata(), dtype=float)[20:]
    assert np.ptp(steady) <= 0.3  # 2.5, give or take, not a zigzag of 0.6
    note = chartnotes.trends_note(frame, 5)
    assert "The mean is widened from the 5 attempts chosen to 12, so the lines can be read" in (
        note
    )
    assert "Each line is the mean of up to 12 attempts in a row;" in note


def test_months_without_practice_are_marked_on_the_trends(bank: QuestionBank) -> None:
    """Attempts 5 and 6, 190 days apart, stood as close as 1 and 2: the axis counts
    attempts, and the months away did not show."""
    attempts = make_attempts(bank, [("time-you-failed", (3, 3, 3, 3))] * 8)
    late = [
        a.model_copy(update={"created_at": a.created_at + timedelta(days=189)})
        for a in attempts[5:]
    ]
    frame = attempts_frame(attempts[:5] + late, bank)
    ax = charts.dimension_trends(frame).axes[0]
    dotted = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert [list(line.get_xdata()) for line in dotted] == [[5.5, 5.5]]
    assert [t.get_text() for t in ax.texts] == ["190 days' break"]
    note = chartnotes.trends_note(frame)
    assert note.endswith(" A break of 190 days, from 05 Mar 2026 to 11 Sep 2026, after attempt 5.")
    assert not charts.dimension_trends(frame.iloc[:5]).axes[0].texts  # none: no label


def test_one_other_scorer_left_out_reads_in_the_singular(bank: QuestionBank) -> None:
    """Before: "(1 by other scorers left out)"."""
    plan = [("time-you-failed", (1, 1, 1, 1))] + [("time-you-failed", (3, 3, 3, 3))] * 2
    frame = attempts_frame(make_attempts(bank, plan), bank)
    frame["scorer"] = ["local", "gpt", "gpt"]
    ax = charts.category_heatmap(frame).axes[0]
    assert ax.get_title() == "Mean score by category, scored by gpt\n(1 by another scorer left out)"


def test_charts_of_one_scorer_s_attempts_say_whose_they_are(bank: QuestionBank) -> None:
    """Picked by a scorer (the notebook's Scorer filter, `progress --scorer`), each title
    names it, as do the words: before, nothing said whose scale the scores were on."""
    plan = [("time-you-failed", (2, 2, 2, 2)), ("time-you-failed", (3, 3, 3, 3))] * 2
    frame = attempts_frame(make_attempts(bank, plan), bank)
    frame["scorer"] = "gpt"
    today = frame["created_at"].max().date()
    titles = [
        ax.get_title()
        for ax in charts.dashboard(frame, 2, today=today, scorer="gpt").axes
        if ax.get_title()
    ]
    assert titles == [
        "Your STAR scores over time scored by gpt (each line: the mean of up to 2 attempts "
        "in a row)",
        "Mean score by category\nscored by gpt",
        "First vs latest attempts (mean score)\nscored by gpt",
        # Wrapped, as it ran off the page's right edge (see the test of long names below).
        "Attempts per day\n(streak: 4 days, best 4)\nscored by gpt",
    ]
    assert [
        charts.dimension_trends(frame.iloc[:1], scorer="gpt").axes[0].get_title(),
        charts.radar(frame.iloc[:1], scorer="gpt").axes[0].get_title(),
        charts.category_heatmap(frame, scorer="gpt").axes[0].get_title(),
        charts.daily_activity(frame, today=today, scorer="gpt").axes[0].get_title(),
    ] == [
        "STAR scores of your first attempt scored by gpt (lines start with the second)",
        "Your first attempt scored by gpt\n(first vs latest from its second on)",
        *titles[1:2],
        "Attempts per day (streak: 4 days, best 4)\nscored by gpt",
    ]
    words = chartnotes.dashboard_note(frame, 2, 30, today=today, scorer="gpt")
    assert words.startswith("4 attempts scored by gpt from 01 Mar 2026 to 04 Mar 2026.")
    assert "Mean score by category of your attempts scored by gpt, out of 5." in words
    assert "Mean score of your first 2 attempts scored by gpt, against" in words
    assert "4 attempts scored by gpt on 4 days from" in words
    # Without it, as before: one scorer is every attempt, and no scorer is named.
    assert "scored by" not in chartnotes.dashboard_note(frame, 2, 30, today=today)
    assert not any(
        "scored by" in ax.get_title() for ax in charts.dashboard(frame, 2, today=today).axes
    )


@pytest.mark.parametrize(
    "draw",
    [
        lambda frame: charts.dimension_trends(frame, fit="narrow"),
        lambda frame: charts.category_heatmap(frame, fit="narrow"),
        lambda frame: charts.daily_activity(frame, fit="narrow"),
    ],
)
def test_a_narrow_chart_fits_a_300_px_box_with_nothing_cut(
    frame: pd.DataFrame, draw: Callable[[pd.DataFrame], Figure]
) -> None:
    # The wide charts, at the progress view's least scale (0.65), were 437-562 px: in a
    # 320 px view (an 800 px window with JupyterLab's file browser open) they scrolled.
    figure = draw(frame)
    assert figure.get_figwidth() * 96 * 0.65 <= 300
    figure.canvas.draw()
    edge = figure.bbox
    for ax in figure.axes:
        legend = ax.get_legend()
        for part in (ax.title, ax.xaxis.label, *([legend] if legend else [])):
            box = part.get_window_extent()
            assert edge.x0 - 1 <= box.x0 and box.x1 <= edge.x1 + 1, part


COMPACT: list[Callable[[pd.DataFrame], Figure]] = [
    lambda frame: charts.dimension_trends(frame, fit="compact"),
    lambda frame: charts.category_heatmap(frame, fit="compact"),
    lambda frame: charts.radar(frame, fit="compact"),
    lambda frame: charts.daily_activity(frame, fit="compact"),
]


@pytest.mark.parametrize("draw", COMPACT, ids=["trends", "heatmap", "radar", "daily"])
def test_a_compact_chart_fits_beside_the_file_browser_in_words_still_read(
    bank: QuestionBank, draw: Callable[[pd.DataFrame], Figure]
) -> None:
    # Beside JupyterLab's file browser in a 640 px window, the chart box is 224 px: the
    # narrow charts, at their least scale (0.65), were 287 px (the radar 312), scrolled,
    # their titles cut and the heatmap's Result column hidden.
    ids = ["time-you-failed", "design-rate-limiter", "why-this-role", "caching-strategy"]
    plan = [(ids[i % 4], (i % 5, (i // 3) % 6, 3, min(5, i // 8))) for i in range(40)]
    frame = attempts_frame(make_attempts(bank, plan, step=timedelta(days=1.05)), bank)
    figure = draw(frame)
    assert figure.get_figwidth() * 96 * 0.65 <= 224
    figure.set_dpi(192)  # as the view draws it
    figure.draw_without_rendering()
    # Everything drawn (titles, labels, legends, colour bar) within the picture.
    drawn = figure.get_tightbbox().transformed(figure.dpi_scale_trans)
    assert drawn.x0 >= -1 and drawn.x1 <= figure.bbox.x1 + 1, drawn
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    # At 0.65 of its size, 10 pt is 8.7 px: the narrow charts' 8 pt labels were 7 px (the
    # radar's scale numbers, 9 pt, 7.8 px).
    assert [t.get_text() for t in texts if t.get_fontsize() < 10] == []
    # Titles of two lines at most, not four ("Your STAR scores over time (each line: ...").
    assert all(ax.get_title().count("\n") <= 1 for ax in figure.axes if ax.get_title())


LONG_SCORER = "my-team-proxy-gpt-4o-mini"
FITTED: list[Callable[[pd.DataFrame, date, str | None], Figure]] = [
    lambda frame, _today, by: charts.dimension_trends(frame, scorer=by),
    lambda frame, _today, by: charts.dimension_trends(frame, scorer=by, fit="narrow"),
    lambda frame, _today, by: charts.dimension_trends(frame, scorer=by, fit="compact"),
    lambda frame, _today, by: charts.category_heatmap(frame, scorer=by),
    lambda frame, _today, by: charts.category_heatmap(frame, scorer=by, fit="narrow"),
    lambda frame, _today, by: charts.category_heatmap(frame, scorer=by, fit="compact"),
    lambda frame, _today, by: charts.radar(frame, scorer=by),
    lambda frame, _today, by: charts.radar(frame, scorer=by, fit="compact"),
    lambda frame, today, by: charts.daily_activity(frame, today=today, scorer=by),
    lambda frame, today, by: charts.daily_activity(frame, today=today, scorer=by, fit="narrow"),
    lambda frame, today, by: charts.daily_activity(frame, today=today, scorer=by, fit="compact"),
    lambda frame, today, by: charts.dashboard(frame, today=today, scorer=by),
    lambda frame, _today, by: charts.progress_report(frame, scorer=by),
]
FITTED_IDS = [
    "trends",
    "trends-narrow",
    "trends-compact",
    "heatmap",
    "heatmap-narrow",
    "heatmap-compact",
    "radar",
    "radar-compact",
    "daily",
    "daily-narrow",
    "daily-compact",
    "dashboard",
    "report",
]


@pytest.mark.parametrize("picked", [False, True], ids=["latest-of-two", "picked"])
@pytest.mark.parametrize("draw", FITTED, ids=FITTED_IDS)
def test_a_long_scorer_name_wraps_a_title_never_cuts_it(
    bank: QuestionBank, draw: Callable[[pd.DataFrame, date, str | None], Figure], picked: bool
) -> None:
    """The saved dashboard cut "Attempts per day (streak: 1 day, best…" at its right
    edge, and a long scorer's name ran titles off the wide and narrow charts (the heatmap's
    "(10 by other scorers left out)" too): each title now wraps to fit its panel."""
    plan = [("time-you-failed", (2, 3, 4, 1)), ("why-this-role", (3, 2, 1, 4))] * 12
    frame = attempts_frame(
        make_attempts(bank, plan, scorer=lambda i: LONG_SCORER if picked or i >= 10 else "local"),
        bank,
    )
    figure = draw(frame, date(2026, 3, 24), LONG_SCORER if picked else None)
    titles = [ax.title for ax in figure.axes if ax.get_title()]
    assert titles
    if picked:  # the others name it only where they leave other scorers' attempts out
        assert all(LONG_SCORER in " ".join(title.get_text().split()) for title in titles)
    for dpi in (120, 192):  # as Save PNG writes it, and as the view shows it
        figure.set_dpi(dpi)
        figure.draw_without_rendering()
        boxes = [title.get_window_extent() for title in titles]
        for title, box in zip(titles, boxes, strict=True):
            edge = figure.bbox
            assert edge.x0 <= box.x0 and box.x1 <= edge.x1 and box.y1 <= edge.y1, (
                dpi,
                title.get_text(),
            )
        # Nor over one another: the dashboard's heatmap title ran into the radar's.
        assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)], dpi


def test_tied_lines_spread_around_their_value_in_star_order() -> None:
    """Every attempt at once (a loop over 2,000 of them took 20 ms a drawing): a 4-way
    tie, a 2-way one among untied lines, values equal to 6 places, and no value yet."""
    lines = {
        "situation": np.array([3.0, 2.0, 1.0000000001, np.nan]),
        "task": np.array([3.0, 4.0, 1.0, 2.0]),
        "action": np.array([3.0, 2.0, 5.0, 2.0]),
        "result": np.array([3.0, 1.0, 0.0, 3.0]),
    }
    out = charts._side_by_side(lines)  # type: ignore[arg-type]
    step = charts._LINE_STEP
    assert list(out) == ["situation", "task", "action", "result"]
    assert [out[d][0] for d in out] == pytest.approx(
        [3 - 1.5 * step, 3 - 0.5 * step, 3 + 0.5 * step, 3 + 1.5 * step]
    )
    assert [out[d][1] for d in out] == pytest.approx([2 - step / 2, 4, 2 + step / 2, 1])
    assert [out[d][2] for d in out] == pytest.approx([1 - step / 2, 1 + step / 2, 5, 0])
    assert np.isnan(out["situation"][3])
    assert [out[d][3] for d in ("task", "action", "result")] == pytest.approx(
        [2 - step / 2, 2 + step / 2, 3]
    )
    assert lines["task"][0] == 3.0  # the lines given are left as they were


def test_titles_are_fitted_on_the_layout_alone(
    frame: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fitting the titles drew every line and point once more, for nothing it needs (60 ms
    a trend chart over 2,000 attempts): they are drawn once, when the chart is saved."""
    drawn: list[Line2D] = []
    real = Line2D.draw
    monkeypatch.setattr(Line2D, "draw", lambda line, r: drawn.append(line) or real(line, r))
    figure = charts.dimension_trends(frame, fit="narrow")
    assert drawn == []
    assert figure.axes[0].get_window_extent().width < figure.bbox.width  # laid out
    figure.savefig(io.BytesIO(), format="png")
    assert drawn
