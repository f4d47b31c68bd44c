"""Progress by keyboard: the chart tabs switch with the arrow keys (WAI-ARIA's tabs)."""

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
    harness.wait_lab_view(page, ".coachkit-charts img:visible")


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
