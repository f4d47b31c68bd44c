"""The keyboard's focus ring is seen whole on every kind of button, in light and dark.

WCAG 2.2 asks a focus indicator of 3:1 against the colours next to it. The ring was the
theme's brand blue, 2px wide and 1px off the control, and the boxes holding the controls
(they scroll) cut up to 3px of it away; what was left lay a pixel off a blue primary button
(1.0:1, its own colour) or the red Delete for good (1.1:1 light, 1.2:1 dark): a thin blue
line a keyboard user could barely find. Measured in the page: how much of the ring a box of
the view cuts off, and its contrast with the colours on either side of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}

# The focused element's ring: its width, the colours either side of it (the page, or the
# control's own colour or inner line, by where it is drawn) and how they contrast with it,
# and how many pixels of it a box around the control cuts off.
RING_JS = """() => {
  const rgba = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const lum = (c) => { const f = (v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b);
    return Math.round((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05) * 100) / 100; };
  const behind = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let bg = [255, 255, 255];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg; };
  const el = document.activeElement, style = getComputedStyle(el);
  const page = behind(el.parentElement), own = behind(el);
  const width = parseFloat(style.outlineWidth), offset = parseFloat(style.outlineOffset);
  const border = parseFloat(style.borderTopWidth);
  const inset = style.boxShadow.match(/^(rgba?\\([^)]+\\)) 0px 0px 0px ([\\d.]+)px inset/);
  // A gap of a pixel between ring and control does not keep them apart to the eye.
  const inner = offset >= 2 ? page : offset >= 0 ? own
    : inset && border + parseFloat(inset[2]) > -offset ? over(rgba(inset[1]), own) : own;
  const outer = offset + width >= 0 ? page : own;
  const ring = over(rgba(style.outlineColor), outer);
  // Past the border edge by ``reach`` on each side: cut off where a box of the view clips.
  const reach = Math.max(0, offset + width), box = el.getBoundingClientRect();
  let cut = 0;
  for (let e = el.parentElement; e && e.closest('.coachkit'); e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const r = e.getBoundingClientRect();
    const left = r.left + e.clientLeft, top = r.top + e.clientTop;
    cut = Math.max(cut, left - (box.left - reach), top - (box.top - reach),
      box.right + reach - (left + e.clientWidth), box.bottom + reach - (top + e.clientHeight));
  }
  return { visible: el.matches(':focus-visible'), style: style.outlineStyle, width,
    outer: ratio(ring, outer), inner: ratio(ring, inner), cut: Math.max(0, cut),
    name: el.innerText.trim() };
}"""


@pytest.fixture(scope="module", params=list(THEMES))
def themed_lab(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """JupyterLab in one theme, with two attempts to delete."""
    theme = str(request.param)
    tmp = tmp_path_factory.mktemp(f"ring-{theme}")
    home = tmp / "home"
    harness.seed_attempts(home, [("time-you-failed", harness.GOOD_ANSWER)] * 2)
    state = tmp / "lab-state"
    themes = state / "lab-settings" / "@jupyterlab" / "apputils-extension"
    themes.mkdir(parents=True)
    (themes / "themes.jupyterlab-settings").write_text(json.dumps({"theme": THEMES[theme]}))
    root = harness.copy_notebooks(tmp / "root")
    with harness.running(harness.start_jupyterlab(root, home, state)) as server:
        yield server
        harness.shutdown_lab_sessions(server)


def _ring(page: Page, selector: str) -> dict[str, Any]:
    """Focus ``selector`` as the keyboard does (from the control after it, by Shift+Tab)."""
    target = page.locator(selector).first
    target.evaluate(
        "el => { const all = [...document.querySelectorAll('button, select, input')]"
        ".filter(e => e.getClientRects().length); all[all.indexOf(el) + 1].focus(); }"
    )
    page.keyboard.press("Shift+Tab")
    assert target.evaluate("el => document.activeElement === el"), selector
    ring: dict[str, Any] = page.evaluate(RING_JS)
    return ring


def _assert_stands_out(ring: dict[str, Any]) -> None:
    assert ring["visible"] and ring["style"] == "solid" and ring["width"] >= 2, ring
    assert ring["cut"] == 0, ring  # all of it in sight
    assert ring["outer"] >= 3 and ring["inner"] >= 3, ring


def test_the_focus_ring_stands_out_on_each_button_style(themed_lab: Server, page: Page) -> None:
    harness.open_in_lab(page, themed_lab, "02_progress.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-progress")

    _assert_stands_out(_ring(page, "button.coachkit-refresh"))  # the plain grey button
    page.locator("button.coachkit-delete").click()
    page.locator("button.coachkit-delete-confirm").wait_for()
    danger = _ring(page, "button.coachkit-delete-confirm")
    assert danger["name"] == "Delete for good", danger
    _assert_stands_out(danger)

    harness.open_in_lab(page, themed_lab, "03_mock_interview.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-mock-setup")
    primary = _ring(page, "button.coachkit-mock-start")
    assert primary["name"] == "Start interview", primary
    _assert_stands_out(primary)
    # The ring on a dropdown and on a number box, whose own colour is the page's.
    _assert_stands_out(_ring(page, ".coachkit-mock-preset select"))
    _assert_stands_out(_ring(page, ".coachkit-mock-count input"))
