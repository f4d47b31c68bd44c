"""Charts read for everyone: numbers on the heatmap and the radar's lines stand out
from what they are drawn on, at WCAG AA's contrast (4.5:1 for text, 3:1 for a line)."""

from __future__ import annotations

import base64
import math
import re

import pandas as pd
import pytest
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.image import AxesImage
from matplotlib.text import Text
from ui_fakes import coach_with, make_attempts

from coachkit import QuestionBank, Store, charts
from coachkit.progress import attempts_frame
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
