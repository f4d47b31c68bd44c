"""Progress charts with matplotlib: figures are built without pyplot's global state."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import ScaledTranslation

from . import paths
from .chartnotes import all_flagged, none_lately, rolling_line, short_line
from .figures import shown
from .models import DIMENSIONS, Dimension
from .progress import (
    Break,
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
from .rubric import DIMENSION_COLORS

__all__ = [
    "COLORS",
    "COMPACT_WIDTH",
    "DASHBOARD_DAYS",
    "NARROW_WIDTH",
    "Drawer",
    "Fit",
    "Trends",
    "category_heatmap",
    "daily_activity",
    "dashboard",
    "dimension_trends",
    "drawer_of",
    "progress_report",
    "radar",
    "save",
    "trend_drawer",
    "trends",
]

# The rubric's palette, so a dimension has one colour in charts and views alike.
COLORS = DIMENSION_COLORS


def _nothing(frame: pd.DataFrame, message: str) -> str:
    """What a score chart with no attempt to draw says: ``message`` with none at all;
    with every one flagged, that, in lines narrow enough for the dashboard's panels."""
    return textwrap.fill(all_flagged(len(frame)), 34) if len(frame) else message


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color="#555555")
    ax.set_axis_off()


# Equal scores would draw one dimension's line exactly over another's, and the legend
# would list lines nobody can see: each dimension has its own marker shape, its points
# stand side by side within an attempt, and where lines meet they run side by side.
_Line = np.ndarray[Any, np.dtype[np.float64]]
_MARKERS = {"situation": "o", "task": "s", "action": "^", "result": "D"}
_POINT_STEP = 0.08  # attempts, sideways
_LINE_STEP = 0.09  # score points between tied lines (a 4-way tie spans 0.27)
_SCORER_LINES = ("-", "--", ":", "-.")  # the lines of the first scorer used, the second...


def _side_by_side(lines: Mapping[Dimension, _Line]) -> dict[Dimension, _Line]:
    """The lines, with those equal at an attempt spread evenly around their value there
    (in STAR order, the first lowest), so each stays visible; untied points stay put."""
    names = list(lines)
    values = np.vstack([lines[name] for name in names]).astype(float)
    # All attempts at once: a loop over 2,000 attempts took 20 ms a drawing.
    keys = np.round(values, 6)
    same = keys[:, None, :] == keys[None, :, :]  # [line, other line, attempt]
    tied = same.sum(axis=1)  # the lines equal to each one there, itself included
    earlier = np.tril(np.ones((len(names), len(names)), dtype=bool), -1)[:, :, None]
    rank = (same & earlier).sum(axis=1)  # those before it in STAR order
    moved = values + (rank - (tied - 1) / 2) * _LINE_STEP
    return {name: moved[row] for row, name in enumerate(names)}


@dataclass(frozen=True)
class Trends:
    """What the trend chart draws, worked out once from the attempts: its three layouts
    (``trend_drawer``) draw from one of these, where each took 40 ms to work it out
    again over 2,000 attempts."""

    frame: pd.DataFrame  # every attempt given, the flagged too (for the empty chart's words)
    data: pd.DataFrame  # the charted attempts
    window: int  # the rolling window, widened over a long history
    names: list[str]  # the scorers, oldest first
    lines: list[tuple[_Mask, dict[Dimension, _Line]]]  # each scorer's attempts and means
    pauses: list[Break]
    days: tuple[date, date] | None  # the first and the latest charted attempt's day
    # Each charted attempt's local day, for the chart's words (``chartnotes.trends_note``).
    dates: pd.Series
    # Each charted attempt's rolling means (``rolling_means``; empty with one attempt), for
    # the words too: they worked them out again, as long again as the lines over 2,000.
    means: pd.DataFrame


_Mask = np.ndarray[Any, np.dtype[np.bool_]]


def trends(frame: pd.DataFrame, window: int = 5) -> Trends:
    """The trend chart's data for ``frame``, ``window`` as ``dimension_trends`` takes it."""
    data = charted(frame)
    if data.empty:
        return Trends(
            frame, data, window, [], [], [], None, pd.Series(dtype=object), pd.DataFrame()
        )
    window = trend_window(len(data), window)  # wider over a long history, as the words say
    names = scorers(frame)
    lines = []
    means = pd.DataFrame()
    if len(data) > 1:  # one attempt has no line: its points are the chart
        means = rolling_means(frame, window)
        for name in names:
            own = (data["scorer"] == name).to_numpy()
            lines.append((own, _side_by_side({d: means[d].to_numpy()[own] for d in DIMENSIONS})))
    days = local_dates(data)  # the user's own days, as the filters and the streak count
    span = (days.iloc[0], days.iloc[-1])
    pauses = breaks(frame, days=days)
    return Trends(frame, data, window, names, lines, pauses, span, days, means)


def _plot_trends(
    ax: Axes,
    frame: pd.DataFrame | Trends,
    window: int,
    scorer: str | None,
    *,
    fit: Fit = "wide",
) -> None:
    found = frame if isinstance(frame, Trends) else trends(frame, window)
    data, window = found.data, found.window
    if found.days is None:
        _empty(ax, _nothing(found.frame, "No attempts yet: score an answer to start your chart."))
        return
    count = len(data)
    compact = fit == "compact"
    x = np.arange(1, count + 1, dtype=float)
    alone = count == 1  # no line to draw: the points are the chart
    crowded = count > 200  # the scores stack in bands at each whole number: fainter
    for position, dimension in enumerate(DIMENSIONS):
        spread = position - (len(DIMENSIONS) - 1) / 2
        # Each attempt's own scores, under the means: hollow, so the means' filled marks
        # stand out, but in the full colour. At 35% opacity they were 1.3-1.7:1 on white
        # (1.4-1.9:1 in the dark theme); a line or mark needs 3:1.
        ax.plot(
            x + spread * _POINT_STEP,
            data[dimension].to_numpy(dtype=float),
            _MARKERS[dimension],
            color=COLORS[dimension],
            alpha=0.12 if crowded else 1.0,
            markersize=8 if alone else 2.5 if crowded else 4.5,
            markerfacecolor=COLORS[dimension] if alone or crowded else "none",
            markeredgewidth=1.2,
            label=dimension.title() if alone else None,
        )
    names = found.names
    if not alone:
        # One set of lines per scorer, each line style its own: a mean never mixes
        # scorers, and a change of scorer is not drawn as a move of the user's.
        for rank, (own, lines) in enumerate(found.lines):
            for dimension, values in lines.items():
                ax.plot(
                    x[own],
                    values,
                    _SCORER_LINES[rank % len(_SCORER_LINES)],
                    color=COLORS[dimension],
                    linewidth=2,
                    marker=_MARKERS[dimension],
                    markersize=5,
                    markevery=max(1, int(own.sum()) // 12),  # shapes tell the lines apart
                    label=dimension.title() if rank == 0 else None,
                )
        for rank, name in enumerate(names if len(names) > 1 else ()):  # the legend's key
            style = _SCORER_LINES[rank % len(_SCORER_LINES)]
            # Compact: the name on a line of its own, as a long one ran past the edge.
            label = f"scored by\n{name}" if compact else f"scored by {name}"
            ax.plot([], [], style, color="#555555", linewidth=2, label=label)
    ax.set_ylim(-0.3, 5.3)
    ax.set_yticks(range(6))
    _mark_breaks(ax, found.pauses, _COMPACT_PT if compact else _LEAST_PT)
    first, last = found.days
    dates = f"{first:%d %b %Y}"
    if f"{last:%d %b %Y}" != dates:
        dates = f"{dates} to {last:%d %b %Y}"
    # Compact: the dates on a line of their own, as one line ran past the chart's edges.
    ax.set_xlabel(
        f"attempt, oldest to newest\n{dates}" if compact else f"attempt, oldest to newest ({dates})"
    )
    # Attempts are whole numbers: even one or two attempts get whole ticks, not 0.95-1.05.
    ax.set_xlim(0.5, count + 0.5)
    # Compact: four ticks at most, as 13 of 10 pt numbers ran into one another.
    ax.xaxis.set_major_locator(
        MaxNLocator(nbins=4 if compact else "auto", integer=True, min_n_ticks=1)
    )
    ax.set_ylabel("score (0-5)")
    by_one = " by one scorer" if len(names) > 1 else ""
    whose = _whose(scorer)
    if count == 1:
        title = f"STAR scores of your first attempt{whose} (lines start with the second)"
    elif compact:  # two lines, not four: the words beneath the chart say it in full
        title = f"Your STAR scores over time{whose}\n(lines: {short_line(window, count)})"
    else:
        title = (
            f"Your STAR scores over time{whose} (each line: {rolling_line(window, count)}{by_one})"
        )
    # Wrapped to the figure's width by _fit_titles; compact, a point smaller, so that a
    # scorer's name keeps a line whole.
    ax.set_title(title, fontsize=_COMPACT_PT + 1 if compact else None)
    ax.grid(alpha=0.3)
    # Outside the axes, so it never hides a score; under them from their left edge, below
    # the axis label, so it is never cut: on the right, a chart scrolled sideways in a
    # narrow view (200% zoom in a 1280 px window) hid it. A row for the four dimensions.
    drop = _LEGEND_DROP + (_LINE_PT if compact else 0)  # the axis label's second line
    below = ScaledTranslation(0, -drop / 72, ax.figure.dpi_scale_trans)
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(0.0, 0.0),
        bbox_transform=ax.transAxes + below,
        # A column of its own to each, under a compact chart, with a scorer's name in it:
        # two did not fit its width, and the layout gave up.
        ncols=len(DIMENSIONS) if fit == "wide" else 1 if compact and len(names) > 1 else 2,
        fontsize=_COMPACT_PT if compact else 9,
        frameon=False,
        borderaxespad=0.0,
    )


_LEGEND_DROP = 34  # points from the axes' foot to the legend: past tick labels and axis label
_LINE_PT = 12  # a line of 10 pt text
# The least size of a compact chart's words: shown at 0.65 to 0.9 of its size beside the
# file browser, its 8 pt labels were 7 px; 10 pt stays 8.7 px or more.
_COMPACT_PT = 10
# And of a wide or narrow one's: a wide one is shown at 0.75 of its size or more (see
# theme.NARROW_CHART_BELOW), where 9 pt reads 9 px; its 8 pt words (the trends' breaks,
# the radar's legend, the per-day dates), shown down to 0.65, read 6.9 px.
_LEAST_PT = 9

_BREAK_LABELS = 4  # more labelled breaks than this would crowd the top of the chart


def _mark_breaks(ax: Axes, found: list[Break], size: float = _LEAST_PT) -> None:
    """A dotted line where weeks or months passed between two attempts (``found``),
    labelled with the days when few enough to read: the axis counts attempts, not days."""
    for pause in found:
        ax.axvline(pause.after + 0.5, color="#777777", linestyle=":", linewidth=1.2, zorder=1)
        if len(found) <= _BREAK_LABELS:
            ax.text(
                pause.after + 0.5,
                5.25,
                f"{pause.days} days' break",
                ha="center",
                va="top",
                fontsize=size,
                color="#555555",
                zorder=1,  # under the scores: a label never hides one
            )


_HEAT = colormaps["viridis"]  # scores 0 to 5, dark to light


def _whose(scorer: str | None, *, apart: bool = False) -> str:
    """`` scored by gpt`` in the title of a chart of ``scorer``'s attempts alone (the
    Scorer filter, ``--scorer``): their scale is that scorer's; else nothing. ``apart``:
    on a line of its own, for a dashboard panel a long name would run out of."""
    if not scorer:
        return ""
    return f"\nscored by {scorer}" if apart else f" scored by {scorer}"


def _plot_heatmap(ax: Axes, frame: pd.DataFrame, scorer: str | None, fit: Fit = "wide") -> None:
    table = by_category(frame)
    if table.empty:
        _empty(ax, _nothing(frame, "No attempts yet."))
        return
    compact = fit == "compact"
    image = ax.imshow(table.to_numpy(), cmap=_HEAT, vmin=0, vmax=5, aspect="auto")
    own, latest = compared(frame)  # with several scorers, the latest one's attempts only
    counts = own.groupby("category").size()
    if compact:
        # Four words and "(n=20)" beside each category left the cells 30 px wide beside
        # the file browser, the Result column cut: letters, named in full beneath.
        ax.set_xticks(range(len(DIMENSIONS)), [d[0].upper() for d in DIMENSIONS])
        ax.set_xlabel("Situation, Task,\nAction, Result", fontsize=_COMPACT_PT)
        names = [f"{c}\n(n={counts[c]})" for c in table.index]
    else:
        ax.set_xticks(range(len(DIMENSIONS)), [d.title() for d in DIMENSIONS])
        names = [f"{c} (n={counts[c]})" for c in table.index]
    ax.set_yticks(range(len(table.index)), names)
    values = table.to_numpy()
    for row, col in ((r, c) for r in range(values.shape[0]) for c in range(values.shape[1])):
        value = float(values[row, col])
        ink, veil = _inks(_HEAT(value / 5))
        ax.text(
            int(col),
            int(row),
            shown(value, 1),
            ha="center",
            va="center",
            color=ink,
            fontsize=_COMPACT_PT if compact else 9,
            # The dark theme inverts the chart (see ui/theme.py), where no one ink reads on
            # every cell: a veil of the other ink behind the number keeps it 5.5:1 or more.
            bbox={
                "boxstyle": "round,pad=0.25",
                "facecolor": veil,
                "edgecolor": "none",
                "alpha": 0.5,
            },
        )
    others = len(charted(frame)) - len(own)
    left_out = "1 by another scorer" if others == 1 else f"{others:,} by other scorers"
    ax.set_title(
        f"Mean score by category, scored by {latest}\n({left_out} left out)"
        if latest
        else f"Mean score by category{_whose(scorer, apart=True)}",  # a narrow panel
        fontsize=_COMPACT_PT + 1 if compact else None,
    )
    if compact:  # below, not beside: beside it took a fifth of the width from the cells
        bar = ax.figure.colorbar(image, ax=ax, orientation="horizontal", fraction=0.05, pad=0.02)
        bar.set_label("mean score, 0 to 5", fontsize=_COMPACT_PT)
    else:
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)


def _luminance(colour: tuple[float, ...]) -> float:
    """WCAG 2's relative luminance of an RGB(A) colour with channels from 0 to 1."""
    r, g, b = (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _inks(cell: tuple[float, ...]) -> tuple[str, str]:
    """The text colour that reads best on ``cell`` (black or white), and the other one.

    By luminance, not by score: white on viridis's middle (scores 2.2 to 3.0) was
    3.3-4.5:1, below WCAG AA; the better of the two is 4.6:1 or more on every cell.
    """
    on_black = (_luminance(cell) + 0.05) / 0.05
    on_white = 1.05 / (_luminance(cell) + 0.05)
    return ("black", "white") if on_black >= on_white else ("white", "black")


def _plot_radar(
    ax: PolarAxes, frame: pd.DataFrame, n: int, scorer: str | None, fit: Fit = "wide"
) -> None:
    data = charted(frame)
    if data.empty:
        _empty(ax, _nothing(frame, "No attempts yet."))
        return
    k = compared_count(frame, n)
    own, latest = compared(frame)  # with several scorers, the latest one's attempts only
    if k == 0:
        # One attempt: nothing to compare it with, so it is shown alone and named as such.
        table = pd.DataFrame({"attempt 1": own[list(DIMENSIONS)].iloc[0].astype(float)})
        styles: tuple[tuple[str, str, str], ...] = (("attempt 1", COLORS["situation"], "-"),)
        named = latest or scorer  # the latest of several, or the one picked
        title = (
            f"Your first attempt scored by {named}\n(first vs latest from its second on)"
            if named
            else "Your first attempt\n(first vs latest from the second on)"
        )
    else:
        # The first and the latest k never share an attempt (k is at most half of them).
        table = first_vs_latest(frame, n).rename(
            columns={"first": f"first {k}", "latest": f"latest {k}"}
        )
        # Mid grey: the lighter #999999 was 2.8:1 on white, under the 3:1 a line needs.
        styles = ((f"first {k}", "#808080", "--"), (f"latest {k}", COLORS["situation"], "-"))
        title = (
            f"First vs latest attempts scored by {latest}\n(mean score)"
            if latest
            else f"First vs latest attempts (mean score){_whose(scorer, apart=True)}"
        )
    angles = [i * 2 * math.pi / len(DIMENSIONS) for i in range(len(DIMENSIONS))]
    closed = [*angles, angles[0]]
    for column, color, line in styles:
        values = [float(v) for v in table[column]]
        # The dashed "first" goes on top: where nothing changed, both still show.
        ax.plot(
            closed,
            [*values, values[0]],
            line,
            color=color,
            linewidth=2,
            label=column,
            zorder=3 if line == "--" else 2,
        )
        ax.fill(closed, [*values, values[0]], color=color, alpha=0.12)
    # Clockwise from the top, so the story reads S, T, A, R like a clock face.
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_xticks(angles, [d.title() for d in DIMENSIONS], fontsize=_COMPACT_PT)
    ax.tick_params(axis="x", pad=6)  # "Result", at the bottom, touched the circle
    ax.set_ylim(0, 5)
    # The scale's numbers, written over the lines on a veil of the page (as tick labels
    # they were drawn under them, and the "3" hid below the latest line), at the size
    # and contrast of the other words: they were 7 pt in #666666.
    ax.set_yticks(range(1, 6), [""] * 5)
    compact = fit == "compact"
    for value in range(1, 6):
        ax.text(
            math.pi / 4,  # between Situation and Task
            value,
            str(value),
            ha="center",
            va="center",
            fontsize=_COMPACT_PT if compact else _LEAST_PT,  # compact: 9 pt read 8 px
            color="#333333",
            zorder=5,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.8,
            },
        )
    ax.set_title(title, fontsize=_COMPACT_PT + 1 if compact else None)  # as the trends'
    size = _COMPACT_PT if compact else _LEAST_PT
    ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=2, fontsize=size, frameon=False
    )


_DATE = re.compile(r"(\d\d) (\w{3}) (\d{4})")  # "01 Jun 2027", as the notes write a day


def _plot_daily(
    ax: Axes,
    frame: pd.DataFrame,
    days: int,
    today: date | None,
    end: date | None,
    scorer: str | None,
    fit: Fit = "wide",
) -> None:
    today = today or date.today()
    # Up to today (or the end the user chose): the streak in the title counts to today,
    # and the days since the last attempt are the ones that broke it.
    counts = daily_counts(frame, until=end or today).tail(days)
    if counts.empty:
        _empty(ax, "No attempts yet.")
        return
    if not counts.any():
        # Lines narrow enough for the dashboard's panel, a date never split over two.
        words = _DATE.sub("\\1\u00a0\\2\u00a0\\3", none_lately(frame, counts))
        _empty(ax, textwrap.fill(words, 34))
        return
    # At least a week wide, the latest day on the right: one day is one bar, not the
    # whole plot, and the days before it are there, at 0, with their dates.
    if len(counts) < 7:
        first = counts.index[0]
        before = [first - timedelta(days=n) for n in range(7 - len(counts), 0, -1)]
        counts = pd.concat([pd.Series(0, index=before, name=counts.name), counts])
    ax.bar(range(len(counts)), counts.to_numpy(), color=COLORS["action"], width=0.8)
    ax.set_xlim(-0.5, len(counts) - 0.5)
    compact = fit == "compact"
    step = max(1, math.ceil(len(counts) / (4 if compact else 6)))
    ticks = list(range(len(counts) - 1, -1, -step))[::-1]  # always label the latest day
    # Slanted labels end at their tick: centred, the latest day's ran off the right edge.
    labels = [f"{counts.index[i]:%d %b}" for i in ticks]
    ax.set_xticks(
        ticks,
        labels,
        fontsize=_COMPACT_PT if compact else _LEAST_PT,
        rotation=30,
        ha="right",
        rotation_mode="anchor",
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("attempts")
    run = streak(frame, today)
    ax.set_title(
        f"Attempts per day (streak: {run.current} day{'s' if run.current != 1 else ''}, "
        f"best {run.longest}){_whose(scorer, apart=True)}"
    )
    ax.grid(axis="y", alpha=0.3)


_TITLE_MARGIN = 0.1  # inches kept clear at each side of a title: hinting varies by dpi


def _fit_titles(figure: Figure) -> Figure:
    """``figure``, each title wrapped to lines that fit beside the others.

    Matplotlib's layout leaves a title's width out: a long one (a scorer's name, "(10 by
    other scorers left out)") ran off the edge and was cut, in the view and in the saved
    PNG alike, or over the next panel's title. A title is centred on its axes, so its
    room is twice the way from their centre to the nearer of the figure's edge and the
    point halfway to the centre of a title beside it, measured once the layout is done.
    """
    titled = [ax for ax in figure.axes if ax.get_title()]
    if not titled:
        return figure
    # Lays the axes out, where their titles go (without a layout engine, they are where
    # they stay); drawing every line and point too took as long again, for nothing here.
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
    edge, margin = figure.bbox, _TITLE_MARGIN * figure.dpi
    boxes = {ax: ax.get_window_extent() for ax in titled}
    for ax, box in boxes.items():
        centre, left, right = (box.x0 + box.x1) / 2, edge.x0, edge.x1
        for other in boxes.values():
            if other is box or other.y1 <= box.y0 or box.y1 <= other.y0:
                continue  # itself, or in another row: that title is above or below this one
            halfway = (centre + (other.x0 + other.x1) / 2) / 2
            if halfway < centre:
                left = max(left, halfway)
            else:
                right = min(right, halfway)
        room = 2 * (min(centre - left, right - centre) - margin)
        title, text = ax.title, ax.get_title()
        width = partial(_width, title)
        lines = [part for line in text.split("\n") for part in _wrapped(line, room, width)]
        title.set_text("\n".join(lines))
    return figure


def _width(title: Text, line: str) -> float:
    """How wide, in pixels, ``title`` would be, reading ``line`` (which it is left with)."""
    title.set_text(line)
    return float(title.get_window_extent().width)


def _wrapped(line: str, room: float, width: Callable[[str], float]) -> list[str]:
    """``line`` in lines no wider than ``room`` by ``width``: broken before a parenthesis
    where what it holds fits on a line ("Attempts per day" over "(streak: 4 days, best
    4)", not "(streak: 4" over "days, best 4)"), else at spaces (a word wider than that
    alone, such as a very long scorer name, after a hyphen or anywhere)."""
    if width(line) <= room:
        return [line]
    tokens: list[str] = []
    for phrase in re.split(r" (?=\()", line):
        tokens.extend([phrase] if width(phrase) <= room else phrase.split(" "))
    lines: list[str] = []
    current = ""
    for token in tokens:
        trial = f"{current} {token}" if current else token
        if not current or width(trial) <= room:
            current = trial
            continue
        lines.append(current)
        current = token
    lines.append(current)
    out: list[str] = []
    for part in lines:
        while width(part) > room and len(part) > 1:
            cut = _cut(part, room, width)
            out.append(part[:cut].rstrip())
            part = part[cut:].lstrip()
        out.append(part)
    return out


def _cut(part: str, room: float, width: Callable[[str], float]) -> int:
    """Where to break ``part``, too wide for ``room``: after its last hyphen or space that
    leaves a first piece narrow enough, else after as many characters as fit (one at least)."""
    fits = max((n for n in range(1, len(part)) if width(part[:n]) <= room), default=1)
    breaks = [n for n in range(1, fits + 1) if part[n - 1] in "- "]
    return breaks[-1] if breaks else fits


def _polar(ax: Axes) -> PolarAxes:
    assert isinstance(ax, PolarAxes)  # add_subplot is typed as returning plain Axes
    return ax


# The width, in inches, of a chart drawn for a narrow view (``fit="narrow"``): at the least
# scale the progress view draws a chart at (0.65), it fits a 300 px wide box, where the
# wide ones (7 to 9 inches) scrolled sideways and hid the latest attempts.
NARROW_WIDTH = 4.6
# And for a box narrower than that at 0.65 (287 px), as beside JupyterLab's file browser
# in a 640 px window (224 px), where the narrow ones scrolled by 63 px, titles cut: at
# 0.65 this fits a 200 px box. Its words are 10 pt at least (see _COMPACT_PT).
COMPACT_WIDTH = 3.2

Fit = Literal["wide", "narrow", "compact"]
"""The width a chart is laid out for: its own, ``NARROW_WIDTH`` or ``COMPACT_WIDTH``."""


class Drawer(Protocol):
    """A chart of given attempts, drawn for the ``fit`` asked for."""

    def __call__(self, fit: Fit = "wide") -> Figure: ...


def _width_for(fit: Fit, wide: float) -> float:
    return {"wide": wide, "narrow": NARROW_WIDTH, "compact": COMPACT_WIDTH}[fit]


def radar(
    frame: pd.DataFrame, n: int = 3, *, scorer: str | None = None, fit: Fit = "wide"
) -> Figure:
    """Mean STAR scores of the first ``n`` attempts against the latest ``n``; ``scorer``:
    the one scorer the attempts were picked by, named in the title; ``fit``: the width
    it is laid out for."""
    figure = Figure(figsize=(_width_for(fit, 5), 4.2), layout="constrained")
    _plot_radar(_polar(figure.add_subplot(projection="polar")), frame, n, scorer, fit)
    return _fit_titles(figure)


def daily_activity(
    frame: pd.DataFrame,
    days: int = 60,
    *,
    today: date | None = None,
    end: date | None = None,
    scorer: str | None = None,
    fit: Fit = "wide",
) -> Figure:
    """Attempts per day over the ``days`` days up to ``end`` (default ``today``), and the
    streak as of ``today`` (default: the local date); ``scorer`` and ``fit`` as ``radar``
    takes them."""
    figure = Figure(figsize=(_width_for(fit, 7), 3), layout="constrained")
    _plot_daily(figure.add_subplot(), frame, days, today, end, scorer, fit)
    return _fit_titles(figure)


DASHBOARD_DAYS = 30  # the days, up to today, the dashboard's bar chart shows


def dashboard(
    frame: pd.DataFrame,
    window: int = 5,
    *,
    today: date | None = None,
    end: date | None = None,
    scorer: str | None = None,
) -> Figure:
    """Everything the progress view shows, on one page (the view's "save PNG"); ``today``,
    ``end`` and ``scorer`` as ``daily_activity`` takes them."""
    figure = Figure(figsize=(12, 9), layout="constrained")
    grid = figure.add_gridspec(2, 3, height_ratios=[1, 1])
    _plot_trends(figure.add_subplot(grid[0, :]), frame, window, scorer)
    _plot_heatmap(figure.add_subplot(grid[1, 0]), frame, scorer)
    _plot_radar(_polar(figure.add_subplot(grid[1, 1], projection="polar")), frame, 3, scorer)
    _plot_daily(figure.add_subplot(grid[1, 2]), frame, DASHBOARD_DAYS, today, end, scorer)
    return _fit_titles(figure)


def dimension_trends(
    frame: pd.DataFrame, window: int = 5, *, scorer: str | None = None, fit: Fit = "wide"
) -> Figure:
    """Each STAR dimension per attempt, with a rolling mean; ``scorer`` and ``fit`` as
    ``radar`` takes them (narrower, its title and legend take more lines)."""
    return trend_drawer(frame, window, scorer=scorer)(fit)


def trend_drawer(frame: pd.DataFrame, window: int = 5, *, scorer: str | None = None) -> Drawer:
    """``dimension_trends`` of these attempts for any ``fit``, their data worked out once
    (the progress view draws each layout)."""
    return drawer_of(trends(frame, window), scorer=scorer)


def drawer_of(found: Trends, *, scorer: str | None = None) -> Drawer:
    """``trend_drawer`` of trends already worked out (whose days the words take too)."""
    return partial(_trend_figure, found, scorer)


def _trend_figure(found: Trends, scorer: str | None, fit: Fit = "wide") -> Figure:
    # Compact, with several scorers, the legend takes a line to each entry: taller.
    several = fit == "compact" and len(found.names) > 1
    height = 4 if fit == "wide" else 4.6 + (1.2 if several else 0)
    figure = Figure(figsize=(_width_for(fit, 9), height), layout="constrained")
    _plot_trends(figure.add_subplot(), found, found.window, scorer, fit=fit)
    return _fit_titles(figure)


def category_heatmap(
    frame: pd.DataFrame, *, scorer: str | None = None, fit: Fit = "wide"
) -> Figure:
    """Category x dimension mean scores; ``scorer`` and ``fit`` as ``radar`` takes them."""
    height = 4.2 if fit == "compact" else 3.5  # its colour bar below
    figure = Figure(figsize=(_width_for(fit, 7), height), layout="constrained")
    _plot_heatmap(figure.add_subplot(), frame, scorer, fit)
    return _fit_titles(figure)


def progress_report(frame: pd.DataFrame, window: int = 5, *, scorer: str | None = None) -> Figure:
    """Trends and the category heatmap on one page (what ``coachkit progress`` writes);
    ``scorer`` as ``radar`` takes it."""
    figure = Figure(figsize=(10, 7.5), layout="constrained")
    top, bottom = figure.subplots(2, 1, height_ratios=[3, 2])
    _plot_trends(top, frame, window, scorer)
    _plot_heatmap(bottom, frame, scorer)
    return _fit_titles(figure)


def save(figure: Figure, path: Path, dpi: int = 120, description: str | None = None) -> Path:
    """Write ``figure`` in the format ``path`` names, readable by the user alone; a
    ``description`` (the chart in words) goes into the file, where viewers show it."""
    kind = path.suffix.lstrip(".").lower() or "png"
    metadata = {"Title": "coachkit progress"}
    if description:
        # PDF calls the field Subject; PNG and SVG, Description.
        metadata["Subject" if kind == "pdf" else "Description"] = description
    paths.make_private_dirs(path.parent)
    with paths.private_file(path) as handle:  # the charts show the user's own scores
        figure.savefig(handle, format=kind, dpi=dpi, metadata=metadata)
    return path
