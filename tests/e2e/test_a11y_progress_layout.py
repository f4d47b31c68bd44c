"""Progress with three weeks of attempts by two scorers, at 1280 px and beside
JupyterLab's file browser: the filters make even rows, the attempts table scrolls by
keyboard, the delete list shows each id, and the narrow trend chart opens on its newest."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# Each filter on show: its width, and the top of the row it is on.
FILTERS_JS = """() => [...document.querySelectorAll('.coachkit-filters > .jupyter-widgets')]
  .map(f => f.getBoundingClientRect()).filter(r => r.width > 0)
  .map(r => [Math.round(r.width), Math.round(r.top)])"""


@pytest.fixture(scope="module")
def weeks_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab over the progress notebook, with 60 attempts over three weeks."""
    tmp = tmp_path_factory.mktemp("progress-layout")
    home = tmp / "home"
    ids = ["time-you-failed", "imbalanced-classification-metrics", "why-this-role"]
    harness.seed_attempts(
        home, [(ids[i % 3], harness.GOOD_ANSWER) for i in range(60)], days_apart=0.35
    )
    # Every other one by a second scorer: the Scorer filter shows, and the trend chart
    # draws a line a scorer.
    with sqlite3.connect(home / "coachkit.db") as db:
        db.execute(
            "UPDATE attempts SET scorer = 'llm:gpt', card = json_set(card, '$.scorer', "
            "'llm:gpt') WHERE rowid % 2 = 0"
        )
    db.close()
    root = harness.copy_notebooks(tmp / "root", ["02_progress.ipynb"])
    with harness.running(harness.start_jupyterlab(root, home, tmp / "state")) as server:
        yield server
        harness.shutdown_lab_sessions(server)


def _open(page: Page, lab: Server, *, files: bool) -> None:
    harness.open_in_lab(page, lab, "02_progress.ipynb")
    if not files:
        page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
    harness.run_all(page)
    # Every layout of the first chart in: the narrow ones come after the view.
    harness.wait_lab_view(page, ".coachkit-charts .ck-chart-ready img:visible")
    page.wait_for_timeout(300)  # the layout after the charts come


def test_filters_wrap_evenly_and_the_table_scrolls_by_keyboard(
    weeks_lab: Server, page: Page
) -> None:
    _open(page, weeks_lab, files=False)
    filters: list[list[int]] = page.evaluate(FILTERS_JS)
    rows = [sum(t == top for _w, t in filters) for top in sorted({t for _w, t in filters})]
    widths = [width for width, _top in filters]
    # Rolling mean stood alone on a second line: now 3 + 3, each as wide.
    assert rows == [3, 3] and max(widths) - min(widths) <= 1, (widths, rows)

    box = page.locator(".coachkit-table .ck-table-box")
    caption = page.locator(".coachkit-table .ck-table-caption").inner_text()
    assert caption.startswith("The newest 50 of your 60 attempts") and "scrolls" in caption
    # Scrollable, named and reachable by Tab; then the arrow keys scroll it.
    assert box.evaluate("b => b.scrollHeight > b.clientHeight + 100")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    assert (box.get_attribute("aria-label") or "").startswith("Attempts table:")
    page.locator("button.coachkit-save-png").focus()
    for _ in range(8):  # past the chart tabs (and anything focusable in the tab shown)
        page.keyboard.press("Tab")
        if box.evaluate("b => document.activeElement === b"):
            break
    assert box.evaluate("b => document.activeElement === b")
    page.keyboard.press("PageDown")
    page.wait_for_function(
        "() => document.querySelector('.coachkit-table .ck-table-box').scrollTop > 100"
    )


def test_beside_the_file_browser_ids_and_the_newest_attempts_show(
    weeks_lab: Server, page: Page
) -> None:
    page.set_viewport_size({"width": 640, "height": 900})
    _open(page, weeks_lab, files=True)  # the notebook is about 270 px wide
    # The id was at the end of each entry, cut off in the 193 px box.
    pick = page.locator(".coachkit-delete-pick select")
    shown = pick.evaluate(
        """s => { const c = document.createElement('canvas').getContext('2d');
        c.font = getComputedStyle(s).font; const text = s.selectedOptions[0].text;
        return [text.slice(0, 8), c.measureText(text.slice(0, 11)).width, s.clientWidth]; }"""
    )
    ident, needed, room = shown
    assert len(ident) == 8 and needed < room - 24, shown  # the arrow takes about 24 px

    # The narrow trend chart is wider than its box: it opened on its oldest attempts,
    # the newest hidden past the right edge. Its right end is in view now.
    pane = page.locator(".coachkit-chart .ck-chart-scroll:visible").first
    edges = pane.evaluate(
        """p => { const i = [...p.querySelectorAll('img')].find(i => i.offsetWidth > 0);
        const a = p.getBoundingClientRect(), b = i.getBoundingClientRect();
        return [p.scrollWidth > p.clientWidth, Math.round(b.right - a.right)]; }"""
    )
    # Now it is drawn compact, and fits: nothing to scroll, its right end in view.
    assert not edges[0] and abs(edges[1]) <= 1, edges
    # The table's caption stays in its box: wider, it ran past the view's edge.
    cut = page.locator(".coachkit-table .ck-table-caption").evaluate(
        "c => c.getBoundingClientRect().right"
        " - c.closest('.coachkit').getBoundingClientRect().right"
    )
    assert cut <= 0, cut
