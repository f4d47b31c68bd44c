"""Progress by keyboard and narrow: the chart tabs switch with the arrow keys (WAI-ARIA's
tabs), their names stay whole, and the stat tiles wrap in even rows beside JupyterLab's
file browser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

TABS = ".coachkit-charts > .lm-TabBar .lm-TabBar-tab"
# Each tile on show: its width, and the top of the row it is on.
TILES_JS = """() => [...document.querySelectorAll('.coachkit-progress .ck-stat')]
  .map(t => t.getBoundingClientRect()).filter(r => r.width > 0)
  .map(r => [Math.round(r.width), Math.round(r.top)])"""
# The chart tabs' names that do not show whole.
CUT_TABS_JS = f"""() => [...document.querySelectorAll('{TABS} .lm-TabBar-tabLabel')]
  .filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent)"""


@pytest.fixture(scope="module")
def progress_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab over the progress notebook, with a few attempts to chart."""
    tmp = tmp_path_factory.mktemp("progress-tabs")
    home = tmp / "home"
    harness.seed_attempts(
        home,
        [("time-you-failed", harness.GOOD_ANSWER), ("why-this-role", "I like it here.")] * 2,
    )
    root = harness.copy_notebooks(tmp / "root", ["02_progress.ipynb"])
    with harness.running(harness.start_jupyterlab(root, home, tmp / "state")) as server:
        yield server
        harness.shutdown_lab_sessions(server)


def _open(page: Page, lab: Server) -> None:
    harness.open_in_lab(page, lab, "02_progress.ipynb")
    harness.run_all(page)
    # Every layout of the first chart in: the narrow ones come after the view.
    harness.wait_lab_view(page, ".coachkit-charts .ck-chart-ready img:visible")


def _selected(page: Page) -> list[str | None]:
    return [tab.get_attribute("aria-selected") for tab in page.locator(TABS).all()]


def test_the_arrow_keys_switch_the_chart_tabs(progress_lab: Server, page: Page) -> None:
    _open(page, progress_lab)
    page.keyboard.press("Escape")  # command mode, where JupyterLab's single keys act
    page.locator(TABS).first.focus()
    # ArrowRight moved focus to "By category" and left the trends on show until Enter.
    page.keyboard.press("ArrowRight")
    assert _selected(page) == ["false", "true", "false", "false"]
    page.locator('.coachkit-chart img[alt^="Heatmap"]:visible').first.wait_for()
    # The words a screen reader reads beneath it are the heatmap's too.
    words = page.locator(".coachkit-chart-note:visible").first
    assert words.inner_text().startswith("In words: Mean score by category")
    assert page.evaluate("() => document.activeElement.textContent") == "By category"

    page.keyboard.press("End")
    assert _selected(page) == ["false", "false", "false", "true"]
    page.keyboard.press("ArrowRight")  # round to the first, as Lumino's focus goes
    assert _selected(page) == ["true", "false", "false", "false"]


def test_tiles_and_tab_names_fit_beside_the_file_browser(progress_lab: Server, page: Page) -> None:
    page.set_viewport_size({"width": 640, "height": 900})
    _open(page, progress_lab)  # the file browser open: the notebook is about 270 px wide
    page.wait_for_timeout(300)  # the layout after the charts come
    tiles: list[list[int]] = page.evaluate(TILES_JS)
    widths = [width for width, _top in tiles]
    rows = [sum(t == top for _w, t in tiles) for top in sorted({t for _w, t in tiles})]
    # One tile a row at uneven widths (each as wide as its own words): now 2 x 3.
    assert rows == [2, 2, 2] and max(widths) - min(widths) <= 1, (widths, rows)
    # The tab names were cut to "By cat", "First vs" and "Per da".
    assert page.evaluate(CUT_TABS_JS) == []
