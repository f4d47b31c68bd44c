"""A message that takes focus after an action wears coachkit's focus ring, whole.

Start here's "Rescued." and Progress's delete status (``live.FOCUS_CLASS``) take focus
when the button that had it is hidden or disabled. They showed the browser's default
outline (``auto``, 1px), not the ring every control shows (2px, the theme's strongest text
colour). Measured in Voila's light and dark pages: the ring's style and width, its contrast
with the page on either side, a page-coloured gap between it and the message, and no box
around the message (up to the page) cutting any of it off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import harness
import pytest
from harness import Server
from test_a11y_focus_ring import RING_JS

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.e2e

# The focused element's padding (the gap its inset ring leaves the message), and how
# many pixels of its box any box around it, up to the page, cuts off.
BOX_JS = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  let cut = 0;
  for (let e = el.parentElement; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const r = e.getBoundingClientRect();
    const left = r.left + e.clientLeft, top = r.top + e.clientTop;
    cut = Math.max(cut, left - box.left, top - box.top,
      box.right - (left + e.clientWidth), box.bottom - (top + e.clientHeight));
  }
  return { padding: Math.min(...['Top', 'Right', 'Bottom', 'Left']
      .map(side => parseFloat(style[`padding${side}`]))),
    cut: Math.max(0, cut) };
}"""


def _assert_ring_on(message: Locator, page: Page) -> None:
    message.evaluate("el => new Promise(r => setTimeout(r, 300))")  # the focus message
    assert message.evaluate("el => document.activeElement === el")
    ring: dict[str, Any] = page.evaluate(RING_JS)
    # It was {'style': 'auto', 'width': 1}: the browser's own outline.
    assert ring["visible"] and ring["style"] == "solid" and ring["width"] >= 2, ring
    assert ring["outer"] >= 3 and ring["inner"] >= 3, ring
    box: dict[str, Any] = page.evaluate(BOX_JS)
    offset = float(message.evaluate("el => getComputedStyle(el).outlineOffset").rstrip("px"))
    # Drawn inside the message's box, with the page's colour between it and the words.
    assert offset <= -ring["width"] and box["padding"] + offset >= 2, (offset, box)
    assert box["cut"] == 0, box


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_rescued_message_wears_the_focus_ring(
    damaged_voila: Server, page: Page, theme: str
) -> None:
    harness.open_in_voila(
        page, damaged_voila, f"00_start_here.ipynb?theme={theme}", ready=".coachkit-rescue"
    )
    page.locator("button.coachkit-rescue").focus()
    page.keyboard.press("Enter")
    page.locator(".coachkit-rescue-status", has_text="Rescued.").wait_for(
        timeout=harness.KERNEL_TIMEOUT_MS
    )
    _assert_ring_on(page.locator(".coachkit-rescue-status .widget-html-content"), page)


@pytest.fixture
def one_attempt_voila(tmp_path: Path) -> Iterator[Server]:
    home = tmp_path / "home"
    harness.seed_attempts(home, [("time-you-failed", harness.GOOD_ANSWER)])
    root = harness.copy_notebooks(tmp_path / "root", ["02_progress.ipynb"])
    with harness.running(harness.start_voila(root, home, tmp_path / "state")) as server:
        yield server


def test_the_delete_status_wears_the_focus_ring_in_the_dark_theme(
    one_attempt_voila: Server, page: Page
) -> None:
    harness.open_in_voila(
        page, one_attempt_voila, "02_progress.ipynb?theme=dark", ".coachkit-delete"
    )
    page.locator("button.coachkit-delete").focus()
    page.keyboard.press("Enter")
    page.locator("button.coachkit-delete-confirm").wait_for()
    page.keyboard.press("Tab")  # on to Delete for good
    page.keyboard.press("Enter")
    page.locator(".coachkit-delete-status", has_text="Deleted").wait_for()
    page.wait_for_function("() => document.querySelector('button.coachkit-delete').disabled")
    _assert_ring_on(page.locator(".coachkit-delete-status .widget-html-content"), page)
