"""A progress chart on Voila's dark page: drawn on the view's own background, not in a box
of its own (the chart is inverted there, and its white became a grey near the panel's)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server
from PIL import Image

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# A chart once every layout is in (each is drawn just after the view shows).
CHART = ".coachkit-charts .ck-chart-ready img:visible"


@pytest.fixture(scope="module")
def charted_voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("chart-background")
    home = tmp / "home"
    harness.seed_attempts(
        home, [("time-you-failed", harness.GOOD_ANSWER[: 80 * n]) for n in range(1, 6)]
    )
    root = harness.copy_notebooks(tmp / "root", ["02_progress.ipynb"])
    with harness.running(harness.start_voila(root, home, tmp / "state")) as server:
        yield server


def _corner_and_panel(page: Page) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The colour drawn at the chart's top left corner (inside the image), and the
    panel's just left of it."""
    image = page.locator(CHART).first
    image.evaluate("img => img.complete || new Promise(done => img.onload = done)")
    box = image.bounding_box()
    assert box is not None
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    corner = shot.getpixel((int(box["x"]) + 3, int(box["y"]) + 3))
    panel = shot.getpixel((int(box["x"]) - 3, int(box["y"]) + 3))
    assert isinstance(corner, tuple) and isinstance(panel, tuple)
    return corner, panel


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_a_chart_has_no_box_of_its_own(charted_voila: Server, page: Page, theme: str) -> None:
    harness.open_in_voila(page, charted_voila, f"02_progress.ipynb?theme={theme}", CHART)
    corner, panel = _corner_and_panel(page)
    # Dark: the chart's white, inverted, was (31, 31, 31) on the panel's (33, 33, 33).
    assert corner == panel


def test_a_chart_keeps_white_under_forced_colours(charted_voila: Server, page: Page) -> None:
    # A see-through chart on a high-contrast theme's black would put its black words on it.
    page.emulate_media(forced_colors="active", color_scheme="dark")
    harness.open_in_voila(page, charted_voila, "02_progress.ipynb", CHART)
    corner, _ = _corner_and_panel(page)
    assert corner == (255, 255, 255)
