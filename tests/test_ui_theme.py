"""The stylesheet's colours: the rebuild's tints follow the STAR palette, text on them reads."""

from __future__ import annotations

import re

import pytest

from coachkit.rubric import DIMENSION_COLORS
from coachkit.ui import theme

_RGB = tuple[float, float, float]

# JupyterLab's page and text colours (--jp-layout-color0..2, --jp-ui-font-color1): the light
# theme's text is black at 87%, the dark theme's white at 87%.
PAGES: dict[str, tuple[list[str], tuple[int, int, int]]] = {
    "light": (["#FFFFFF", "#EEEEEE"], (0, 0, 0)),
    "dark": (["#111111", "#212121", "#424242"], (255, 255, 255)),
}


def _hex(colour: str) -> _RGB:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _over(top: _RGB, alpha: float, under: _RGB) -> _RGB:
    return (
        top[0] * alpha + under[0] * (1 - alpha),
        top[1] * alpha + under[1] * (1 - alpha),
        top[2] * alpha + under[2] * (1 - alpha),
    )


def _contrast(a: _RGB, b: _RGB) -> float:
    def luminance(c: _RGB) -> float:
        def channel(v: float) -> float:
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])

    x, y = luminance(a), luminance(b)
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)


def _tint(part: str, dark: bool) -> tuple[_RGB, float]:
    prefix = r'body\[data-jp-theme-light="false"\] ' if dark else ""
    found = re.search(
        rf"(?m)^{prefix}\.ck-diff {re.escape(part)} \{{ background: "
        r"rgba\((\d+), (\d+), (\d+), ([\d.]+)\); \}",
        theme.CSS,
    )
    assert found, part
    r, g, b, alpha = found.groups()
    return (float(r), float(g), float(b)), float(alpha)


@pytest.mark.parametrize("part", list(theme.DIFF_TINTS))
def test_the_rebuild_tints_are_the_star_palette_s(part: str) -> None:
    # An edited line was tinted Okabe-Ito orange (230, 159, 0), a gap blue (0, 114, 178)
    # and the words put in green (0, 158, 115): the palette the STAR colours left.
    dimension = theme.DIFF_TINTS[part][0]
    light, _ = _tint(part, dark=False)
    dark, _ = _tint(part, dark=True)
    assert light == _hex(DIMENSION_COLORS[dimension])
    assert dark == _hex(theme._DARK_COLORS[dimension])


@pytest.mark.parametrize("mode", list(PAGES))
@pytest.mark.parametrize(
    "layers",
    [
        [".ck-edited"],
        [".ck-placeholder"],
        ["ins"],
        [".ck-edited", "ins"],
        [".ck-placeholder", "ins"],
    ],
)
def test_text_on_each_rebuild_tint_reads_at_aa(mode: str, layers: list[str]) -> None:
    pages, ink = PAGES[mode]
    for page in pages:
        background = _hex(page)
        for part in layers:  # a row's tint, then the words put in on it
            colour, alpha = _tint(part, dark=mode == "dark")
            background = _over(colour, alpha, background)
        text = _over((float(ink[0]), float(ink[1]), float(ink[2])), 0.87, background)
        assert _contrast(text, background) >= 4.5, (mode, page, layers)


def test_on_a_phone_labels_stand_above_their_fields() -> None:
    """Under 480 px Practice's, Mock's and Settings' labelled fields stack (label above),
    each field the line's width; "Answer" beside its box took 55 of 345 px."""
    query = "@container (max-width: 479.98px) {\n  :is(.coachkit-practice, .coachkit-mock"
    start = theme.CSS.index(query)
    block = theme.CSS[start : theme.CSS.index("\n}\n", start)]
    for kind in ("widget-dropdown", "widget-text", "widget-textarea", "widget-datepicker"):
        assert kind in block
    assert "flex-direction: column" in block and "width: 100% !important" in block
    assert "text-align: left" in block
    # A dropdown keeps one control row's height (a flex basis of 148 px made it that tall).
    assert "flex: 0 0 auto" in block


def test_on_a_phone_an_attempts_date_shows_its_short_form() -> None:
    css = theme.CSS
    assert ".ck-when-short { display: none; }" in css
    narrow = css[css.index(".ck-when-short { display: none; }") :]
    assert narrow.startswith(
        ".ck-when-short { display: none; }\n@container (max-width: 479.98px) {\n"
        "  .ck-when .ck-when-long { display: none; }\n"
        "  .ck-when .ck-when-short { display: inline; }"
    )
