"""Start here's stat tiles wrap evenly: equal widths, one row when wide, 2 x 2 when narrow
(a 640 px Voila page, JupyterLab at 640 px with its file browser open)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# Each tile on show: its width, and the top of the row it is on.
TILES_JS = """() => [...document.querySelectorAll('.coachkit-start .ck-stat')]
  .map(t => t.getBoundingClientRect()).filter(r => r.width > 0)
  .map(r => [Math.round(r.width), Math.round(r.top)])"""


def _rows(page: Page) -> tuple[list[int], list[int]]:
    """The tiles' widths, and how many tiles each row holds."""
    page.wait_for_timeout(300)  # the layout after a resize
    tiles: list[list[int]] = page.evaluate(TILES_JS)
    tops = sorted({top for _width, top in tiles})
    return [width for width, _top in tiles], [sum(t == top for _w, t in tiles) for top in tops]


def _even(widths: list[int]) -> bool:
    return max(widths) - min(widths) <= 1


def test_the_tiles_wrap_two_by_two_on_a_narrow_voila_page(voila: Server, page: Page) -> None:
    harness.open_in_voila(page, voila, "00_start_here.ipynb", ".coachkit-start .ck-stat")
    page.set_viewport_size({"width": 1280, "height": 900})
    widths, rows = _rows(page)
    assert rows == [4] and _even(widths), (widths, rows)
    # At 640 px the four tiles sat in one row at their own widths (three and one alone
    # with a longer value); they now make two even rows.
    page.set_viewport_size({"width": 640, "height": 900})
    widths, rows = _rows(page)
    assert rows == [2, 2] and _even(widths), (widths, rows)


def test_the_tiles_wrap_two_by_two_beside_jupyterlab_s_file_browser(
    lab: Server, lab_dir: str, page: Page
) -> None:
    page.set_viewport_size({"width": 640, "height": 900})
    harness.open_in_lab(page, lab, f"{lab_dir}/00_start_here.ipynb")  # file browser open
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-start .ck-stat")
    # One tile a row, the one with the longest value wider than the rest.
    widths, rows = _rows(page)
    assert rows == [2, 2] and _even(widths), (widths, rows)
