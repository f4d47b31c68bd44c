"""Every button style coachkit uses keeps its text readable, at rest, pressed and at work,
in the light and dark themes: WCAG AA's 4.5:1 (the labels are 13px, not large text).

Start here's Rescue (the warning orange, shown on a damaged database) was white on
orange in the light theme: 2.7:1. The other styles are measured on buttons of the same
classes put in the view (primary: Score, Start interview; danger: Delete for good;
default: Refresh), as ipywidgets' stylesheet and the theme colour them by class alone.
A button at work (``ck-busy``: Score's "Scoring…", Rescore, Test connection) is not
disabled, so that it keeps focus, and is not exempt: it was drawn at 0.6 opacity, its
label 2.8:1 on the dark theme's blue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import harness
import pytest
from harness import Server
from test_a11y_dark import LOW_CONTRAST_JS

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

STYLES = ("", "mod-primary", "mod-danger", "mod-warning")

# Buttons of each style, at rest, pressed (``mod-active`` takes :active's colours) and at
# work, in a box of their own at the view's end; the real Rescue button pressed as well.
PROBES_JS = """(styles) => {
  const view = document.querySelector('.coachkit-start');
  const box = document.createElement('div');
  box.className = 'ck-probes';
  for (const style of styles) for (const state of ['', 'mod-active', 'ck-busy']) {
    const b = document.createElement('button');
    b.className = `jupyter-widgets jupyter-button widget-button ${style} ${state}`;
    b.textContent = `${style || 'default'} ${state || 'at rest'}`;
    box.appendChild(b);
  }
  view.appendChild(box);
}"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_button_text_is_readable_in_each_style(
    damaged_voila: Server, page: Page, theme: str
) -> None:
    harness.open_in_voila(
        page, damaged_voila, f"00_start_here.ipynb?theme={theme}", ready=".coachkit-rescue"
    )
    assert (
        page.evaluate("() => document.body.dataset.jpThemeLight") == str(theme == "light").lower()
    )
    rescue = page.locator("button.coachkit-rescue")
    assert "mod-warning" in (rescue.get_attribute("class") or "")
    page.evaluate(PROBES_JS, list(STYLES))

    # Every text in the view, Rescue's and the probes' with it.
    low: list[Any] = page.evaluate(LOW_CONTRAST_JS, ".coachkit-start")
    # light: Rescue was 2.7:1, and 3.8:1 pressed; dark: Score at work 2.8:1
    assert low == [], theme
    rescue.evaluate("el => el.classList.add('mod-active')")
    pressed: list[Any] = page.evaluate(LOW_CONTRAST_JS, ".coachkit-start")
    assert pressed == [], theme  # dark: Delete for good pressed was 4.2:1
