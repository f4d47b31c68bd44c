"""Progress's stat tiles at 1280 px, 640 px and beside JupyterLab's file browser: a
value never breaks inside a word ("Situati-on"), never runs past its tile, and six
tiles make even rows. Beside the file browser the attempts table's rows stay short."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# No situation told: the offline scorer gives it 0, so the weakest dimension tile says
# "Situation", the longest word a tile shows.
NO_SITUATION = (
    "I rolled back, ran the postmortem and added a load test gate to our release checklist. "
    "Since then we shipped 5 migrations with zero downtime, and I learned to test under real load."
)

# Each tile value on show: its text, the words split over two lines, whether it runs
# past its tile, and its tile's width and top. A word in one line has one client rect.
TILES_JS = """() => [...document.querySelectorAll('.coachkit-progress .ck-stat')]
  .filter(t => t.offsetWidth > 0).map(t => {
    const b = t.querySelector('b'), split = [];
    const walk = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    for (let node = walk.nextNode(); node; node = walk.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
    const r = t.getBoundingClientRect(), v = b.getBoundingClientRect();
    return {text: b.innerText, split, past: v.right > r.right - 1 || b.scrollWidth > b.clientWidth,
            width: Math.round(r.width), top: Math.round(r.top)};
  })"""


@pytest.fixture(scope="module")
def tiles_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab over the progress notebook, with 12 days' attempts weakest in Situation."""
    tmp = tmp_path_factory.mktemp("progress-tiles")
    home = tmp / "home"
    harness.seed_attempts(home, [("time-you-failed", NO_SITUATION)] * 12, days_apart=1.0)
    root = harness.copy_notebooks(tmp / "root", ["02_progress.ipynb"])
    with harness.running(harness.start_jupyterlab(root, home, tmp / "state")) as server:
        yield server
        harness.shutdown_lab_sessions(server)


def _tiles(page: Page, width: int) -> tuple[list[dict[str, object]], list[int], int]:
    """The tiles at a window ``width``: each tile's value, the tiles a row, the view's width."""
    page.set_viewport_size({"width": width, "height": 900})
    page.wait_for_timeout(400)  # the layout after a resize
    tiles: list[dict[str, object]] = page.evaluate(TILES_JS)
    tops = sorted({t["top"] for t in tiles})
    view = page.locator(".coachkit-progress").first.evaluate("v => v.offsetWidth")
    return tiles, [sum(t["top"] == top for t in tiles) for top in tops], int(view)


def test_tile_values_never_break_inside_a_word(tiles_lab: Server, page: Page) -> None:
    page.set_viewport_size({"width": 640, "height": 900})
    harness.open_in_lab(page, tiles_lab, "02_progress.ipynb")  # the file browser open
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-progress .ck-stat")
    # Beside the file browser: "Situati-on" broke over two lines, in 2 columns of 100 px.
    seen = {}
    for width in (640, 560):
        tiles, rows, view = _tiles(page, width)
        seen[view] = rows
        assert "Situation" in [t["text"] for t in tiles], tiles
        assert not [t for t in tiles if t["split"] or t["past"]], (view, tiles)
    # Both narrow layouts were seen: one column (under 240 px), and two.
    assert min(seen) < 240 < max(seen) < 300, seen
    page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
    for width, even in ((640, [3, 3]), (1280, [3, 3])):
        tiles, rows, view = _tiles(page, width)
        # At 640 px six tiles took 3 rows of 2, 74 px taller than 2 rows of 3.
        assert rows == even, (view, rows)
        assert not [t for t in tiles if t["split"] or t["past"]], (view, tiles)


# Each row of the attempts table: its height, and how many lines its date takes.
ROWS_JS = """() => [...document.querySelectorAll('.coachkit-table tbody tr')].map(r => {
    const when = r.cells[0], line = parseFloat(getComputedStyle(when).lineHeight);
    const range = document.createRange(); range.selectNodeContents(when);
    const lines = new Set([...range.getClientRects()].map(c => Math.round(c.top))).size;
    return [Math.round(r.getBoundingClientRect().height), lines, line];
  })"""


def test_table_rows_stay_short_beside_the_file_browser(tiles_lab: Server, page: Page) -> None:
    page.set_viewport_size({"width": 640, "height": 900})
    harness.open_in_lab(page, tiles_lab, "02_progress.ipynb")  # the file browser open
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-table tbody tr")
    # The table scrolled sideways there, yet it squeezed the question to 80 px and the
    # date to 3 lines: rows 159 px tall, 3 in sight of the 440 px box. Under 480 px each
    # row now stacks (its time, its question, then its figures): no sideways scroll, the
    # time on one line, and a row at most six lines tall.
    rows: list[list[float]] = page.evaluate(ROWS_JS)
    assert rows and all(lines == 1 for _height, lines, _line in rows), rows
    assert max(height for height, _lines, line in rows) <= 6 * rows[0][2] + 12, rows
    box = page.locator(".coachkit-table .ck-table-box").first
    assert box.evaluate("b => b.scrollWidth - b.clientWidth") <= 0
