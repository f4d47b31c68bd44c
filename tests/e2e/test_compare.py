"""Settings' Compare on past answers in JupyterLab: Rescore with the local profile, the
table read as a user sees it, focus on its heading, readable in light and dark."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server
from test_a11y_dark import LOW_CONTRAST_JS, THEMES

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

PANEL = ".coachkit-compare"


@pytest.fixture(scope="module", params=list(THEMES))
def lab(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """JupyterLab in one theme over the notebooks, with three attempts saved."""
    theme = str(request.param)
    tmp = tmp_path_factory.mktemp(f"compare-{theme}")
    home = tmp / "home"
    harness.seed_attempts(
        home,
        [
            ("time-you-failed", harness.GOOD_ANSWER),
            ("conflict-with-teammate", "We disagreed. I listened."),
            ("time-you-failed", harness.GOOD_ANSWER[:200]),
        ],
    )
    state = tmp / "lab-state"
    themes = state / "lab-settings" / "@jupyterlab" / "apputils-extension"
    themes.mkdir(parents=True)
    (themes / "themes.jupyterlab-settings").write_text(json.dumps({"theme": THEMES[theme]}))
    root = harness.copy_notebooks(tmp / "root")
    with harness.running(harness.start_jupyterlab(root, home, state)) as server:
        yield server


def test_rescore_with_local_shows_the_table(lab: Server, page: Page) -> None:
    harness.open_in_lab(page, lab, "04_settings.ipynb")
    harness.run_all(page)
    errors = harness.lab_cell_errors(page)
    assert not errors, "\n".join(errors)
    harness.wait_lab_view(page, f"{PANEL} .coachkit-compare-run")
    panel = page.locator(PANEL)
    assert panel.get_by_label("Newest attempts").input_value() == "5"

    panel.get_by_role("button", name="Rescore").click()

    table = panel.locator("table.ck-table").first
    table.wait_for()
    rows = table.locator("tbody tr")
    assert rows.count() == 3
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[0].startswith("time-you-failed\n") and cells[1].endswith("(local)")
    assert cells[3] == "+0"  # local rescoring its own cards: nothing moves
    assert "Nothing is saved" in panel.inner_text()
    status = panel.locator(".coachkit-compare-status")
    assert "Done: 3 of 3 rescored with local" in status.inner_text()
    # Focus is on the result, whose heading a screen reader reads first.
    page.wait_for_function(
        "() => document.activeElement.closest('.coachkit-compare-result') !== null"
    )
    low = page.evaluate(LOW_CONTRAST_JS, PANEL)
    assert not low, low


# Each table's overflow in the panel: how many px it is cut by until scrolled sideways.
CUT_JS = """(root) => [...document.querySelectorAll(root + ' .ck-scroll')].map(
  box => box.scrollWidth - box.clientWidth)"""


def test_the_table_fits_a_640_px_window(lab: Server, page: Page, tmp_path: Path) -> None:
    """At 640 px, the file browser open as JupyterLab starts, the Change column was
    cut until scrolled sideways; each table fits at 640 and 1280."""
    page.set_viewport_size({"width": 640, "height": 900})
    harness.open_in_lab(page, lab, "04_settings.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, f"{PANEL} .coachkit-compare-run")
    panel = page.locator(PANEL)
    panel.get_by_role("button", name="Rescore").click()
    panel.locator("table.ck-table").first.wait_for()
    for width in (640, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        shot = harness.screenshot(page, tmp_path / f"compare-{width}.png", PANEL)
        cut = page.evaluate(CUT_JS, PANEL)
        assert len(cut) == 2 and max(cut) <= 0, (width, cut, shot)
