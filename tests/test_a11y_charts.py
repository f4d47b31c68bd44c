"""Charts read for everyone: numbers on the heatmap and the radar's lines stand out
from what they are drawn on, at WCAG AA's contrast (4.5:1 for text, 3:1 for a line), and
the four STAR colours stay apart for colour-blind readers."""

from __future__ import annotations

import base64
import math
import re

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.image import AxesImage
from matplotlib.text import Text
from ui_fakes import coach_with, make_attempts

from coachkit import QuestionBank, Store, charts
from coachkit.progress import attempts_frame
from coachkit.rubric import DIMENSION_COLORS
from coachkit.ui import ProgressView
from coachkit.ui.theme import CSS

_RGB = tuple[float, float, float]


def _luminance(colour: _RGB) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: object, b: object) -> float:
    """WCAG 2's contrast ratio of two matplotlib colours."""
    x, y = _luminance(to_rgb(a)), _luminance(to_rgb(b))  # type: ignore[arg-type]
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)


def over(top: object, under: object) -> _RGB:
    """``top`` (with its alpha) painted over ``under``."""
    r, g, b, a = to_rgba(top)  # type: ignore[arg-type]
    below = to_rgb(under)  # type: ignore[arg-type]
    return (r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a))


def dark(colour: _RGB) -> _RGB:
    """A colour as the dark theme shows a chart: through the CSS filter theme.py gives
    chart images there (invert, then hue-rotate, as the CSS Filter Effects spec defines)."""
    found = re.search(r"invert\(([\d.]+)\) hue-rotate\((\d+)deg\)", CSS)
    assert found, "theme.py no longer inverts charts in the dark theme: update this test"
    amount, angle = float(found[1]), math.radians(float(found[2]))
    inverted = [amount * (1 - v) + (1 - amount) * v for v in colour]
    c, s = math.cos(angle), math.sin(angle)
    matrix = [
        [
            0.213 + c * 0.787 - s * 0.213,
            0.715 - c * 0.715 - s * 0.715,
            0.072 - c * 0.072 + s * 0.928,
        ],
        [
            0.213 - c * 0.213 + s * 0.143,
            0.715 + c * 0.285 + s * 0.140,
            0.072 - c * 0.072 - s * 0.283,
        ],
        [
            0.213 - c * 0.213 - s * 0.787,
            0.715 - c * 0.715 + s * 0.715,
            0.072 + c * 0.928 + s * 0.072,
        ],
    ]
    r, g, b = (
        min(1.0, max(0.0, sum(m * v for m, v in zip(row, inverted, strict=True)))) for row in matrix
    )
    return (r, g, b)


@pytest.fixture(scope="module")
def mid_scores(bank: QuestionBank) -> pd.DataFrame:
    """Behavioural means from 0 to 5 by halves, the middle ones (2 to 3) among them: there,
    viridis is as light as white text is dark."""
    plan = [("time-you-failed", (0, 1, 2, 2)), ("time-you-failed", (1, 2, 3, 3))]
    plan += [("design-rate-limiter", (3, 4, 5, 2)), ("design-rate-limiter", (4, 5, 5, 3))]
    return attempts_frame(make_attempts(bank, plan), bank)


def test_every_heatmap_number_reads_on_its_cell(mid_scores: pd.DataFrame) -> None:
    ax = charts.category_heatmap(mid_scores).axes[0]
    image = next(child for child in ax.get_children() if isinstance(child, AxesImage))
    numbers = [t for t in ax.texts if isinstance(t, Text)]
    assert {t.get_text() for t in numbers} >= {"0.5", "1.5", "2.5", "3.5", "4.5"}
    for number in numbers:
        cell = image.cmap(image.norm(float(number.get_text())))
        patch = number.get_bbox_patch()
        behind = over(patch.get_facecolor(), cell) if patch else to_rgb(cell)
        ink = to_rgb(number.get_color())
        # White on the cells from 2.2 to 3.0 was 3.3-4.5:1; in the dark theme, where the
        # chart is inverted, the numbers from 3.0 to 3.8 were 3.0-4.4:1.
        assert contrast(ink, behind) >= 4.5, number.get_text()
        assert contrast(dark(ink), dark(behind)) >= 4.5, f"{number.get_text()} (dark theme)"


def test_the_radar_s_first_attempts_line_stands_out_from_the_page(
    mid_scores: pd.DataFrame,
) -> None:
    figure = charts.radar(mid_scores, n=1)
    ax = figure.axes[0]
    first = next(line for line in ax.get_lines() if line.get_label() == "first 1")
    # Light grey, it was 2.8:1 on white: hard to see, the more so for low vision.
    assert contrast(first.get_color(), figure.get_facecolor()) >= 3


def test_charts_in_the_view_are_sharp_at_200_percent_zoom(bank: QuestionBank, store: Store) -> None:
    """Two image pixels to each CSS pixel: at 200% zoom, or on a HiDPI screen, a chart
    drawn one to one is stretched and blurred. Its size on the page stays as it was."""
    store.add_attempts(make_attempts(bank, [("time-you-failed", (3, 3, 3, 3))] * 2))
    shown = ProgressView(coach_with(bank, store)).images[0].value
    png = base64.b64decode(re.search(r"base64,([^\"]+)", shown)[1])  # type: ignore[index]
    pixels = int.from_bytes(png[16:20], "big")  # the PNG header's width
    css = re.search(r'width="(\d+)"', shown)
    assert css, shown[-200:]
    assert int(css[1]) == 9 * 96  # the trend chart: 9 inches at the browser's 96 per inch
    assert pixels == 2 * int(css[1])


# Machado, Oliveira and Fernandes (2009), full severity, on linear RGB: how a colour looks
# to someone with no working L (protanopia), M (deuteranopia) or S cones (tritanopia).
_CVD = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _lab(colour: _RGB, matrix: tuple[tuple[float, ...], ...] | None = None) -> _RGB:
    """CIELAB (D65) of an sRGB colour, as seen through ``matrix`` when one is given."""
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in colour]
    if matrix:
        linear = [
            min(1.0, max(0.0, sum(m * v for m, v in zip(row, linear, strict=True))))
            for row in matrix
        ]
    r, g, b = linear
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def test_each_star_colour_stands_out_from_the_chart_in_both_themes() -> None:
    white = (1.0, 1.0, 1.0)
    for dimension, colour in DIMENSION_COLORS.items():
        # Okabe-Ito's orange (Task) was 2.25:1 on white, its pink (Result) 3.06:1.
        assert contrast(colour, white) >= 3, dimension
        assert contrast(dark(to_rgb(colour)), dark(white)) >= 3, f"{dimension} (dark theme)"


@pytest.mark.parametrize("vision", [None, *_CVD])
def test_the_star_colours_stay_apart_with_colour_blindness(vision: str | None) -> None:
    """Every two of the four at least 20 apart in CIELAB (Delta E 1976), as the viewer sees
    them: Okabe-Ito's were 17.0 (Situation, Action) to a tritanope and 17.9 (Action,
    Result) to a deuteranope. Each line has its own marker shape as well."""
    matrix = _CVD[vision] if vision else None
    seen = {d: _lab(to_rgb(c), matrix) for d, c in DIMENSION_COLORS.items()}
    names = list(seen)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert math.dist(seen[a], seen[b]) >= 20, f"{a} and {b} to {vision or 'anyone'}"


def test_the_card_s_bars_match_the_charts_and_show_on_their_track() -> None:
    """The card's bars take the charts' colours: in the dark theme, the shades the dark
    theme's charts show (a few lightened, so each is 3:1 on JupyterLab Dark's #424242
    track, where the blue and plum drawn on white were 1.3:1)."""
    root = re.search(r":root \{([^}]*)\}", CSS)
    night = re.search(r'body\[data-jp-theme-light="false"\] \{([^}]*)\}', CSS)
    assert root and night, "theme.py no longer sets the STAR colours as CSS variables"
    light = dict(re.findall(r"--ck-(\w+): (#\w+)", root[1]))
    shades = dict(re.findall(r"--ck-(\w+): (#\w+)", night[1]))
    assert light == DIMENSION_COLORS
    assert ".ck-fill-task { background: var(--ck-task); }" in CSS
    for dimension, colour in DIMENSION_COLORS.items():
        shade = to_rgb(shades[dimension])
        assert contrast(shade, "#424242") >= 3, dimension
        # The same hue as the chart's, no darker: it was lightened, not changed.
        chart = dark(to_rgb(colour))
        assert _luminance(shade) >= _luminance(chart) - 1e-3, dimension
        assert math.dist(_lab(shade)[1:], _lab(chart)[1:]) < 25, dimension


def test_the_trend_legend_shows_in_a_chart_scrolled_at_200_percent_zoom(
    mid_scores: pd.DataFrame,
) -> None:
    """At 200% zoom in a 1280 px window the trend chart, kept at 0.65 of its size, shows
    476 of its 562 px and scrolls for the rest: the legend, on its right, was all in the
    part scrolled away. Under the plot from its left edge, it is in the 85% on show."""
    figure = charts.dimension_trends(mid_scores)
    FigureCanvasAgg(figure).draw()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    ax = figure.axes[0]
    legend = ax.get_legend()
    assert legend and [t.get_text() for t in legend.get_texts()][:4] == [
        "Situation",
        "Task",
        "Action",
        "Result",
    ]
    box = legend.get_window_extent(renderer)
    width = figure.bbox.width
    assert box.x0 >= 0 and box.x1 <= 0.8 * width, (box, width)
    # Below the plot and its axis label, not over either.
    assert box.y1 <= ax.xaxis.label.get_window_extent(renderer).y0
    assert box.y0 >= 0


def test_the_radar_s_scale_reads_over_its_lines(mid_scores: pd.DataFrame) -> None:
    ax = charts.radar(mid_scores, n=1).axes[0]
    scale = [t for t in ax.texts if t.get_text() in {"1", "2", "3", "4", "5"}]
    assert sorted(t.get_text() for t in scale) == ["1", "2", "3", "4", "5"]
    on_top = max(line.get_zorder() for line in ax.get_lines())
    for number in scale:
        # 7 pt in #666666 (5.7:1 but tiny), drawn under the lines: the "3" hid below
        # the latest line.
        assert number.get_fontsize() >= 9, number.get_text()
        assert contrast(number.get_color(), "white") >= 4.5
        assert contrast(dark(to_rgb(number.get_color())), dark((1.0, 1.0, 1.0))) >= 4.5
        assert number.get_zorder() > on_top and number.get_bbox_patch(), number.get_text()


def test_each_attempt_s_own_scores_stand_out_in_both_themes(mid_scores: pd.DataFrame) -> None:
    """The points of each attempt, under the rolling means: at 35% opacity they were
    1.3-1.7:1 on white and 1.4-1.9:1 in the dark theme (a mark needs 3:1)."""
    figure = charts.dimension_trends(mid_scores)
    points = [line for line in figure.axes[0].get_lines() if line.get_linestyle() == "None"]
    assert len(points) == 4
    white = (1.0, 1.0, 1.0)
    for line in points:
        alpha = line.get_alpha()
        seen = over((*to_rgb(line.get_markeredgecolor()), 1.0 if alpha is None else alpha), white)
        assert contrast(seen, white) >= 3, line.get_markeredgecolor()
        assert contrast(dark(seen), dark(white)) >= 3, f"{line.get_markeredgecolor()} (dark)"
