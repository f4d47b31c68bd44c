"""The views in JupyterLab's dark and light themes: every piece of text is readable.

Each theme gets its own JupyterLab (the theme is a user setting, and the shared server
must stay light for the other tests). Contrast is measured in the page as WCAG 2 defines
it: the text's colour over the colours stacked behind it, against 4.5:1 (3:1 for large
text); text on a disabled control is exempt, as WCAG exempts it.
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

# Every element with text of its own in ``root`` whose contrast is below AA: its text, the
# ratio, and the ratio it needs. Backgrounds are composed up the tree until an opaque one.
LOW_CONTRAST_JS = """(root) => {
  const rgba = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const lum = (c) => { const f = (v) => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const behind = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let bg = [255, 255, 255];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg; };
  const low = [];
  for (const el of document.querySelector(root).querySelectorAll('*')) {
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent)
      .join('').trim();
    const box = el.getBoundingClientRect();
    if (!text || !box.width || !box.height || el.closest('.ck-sr, :disabled')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    const bg = behind(el), fg = rgba(style.color);
    const seen = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const got = ratio(seen, bg);
    if (got < need) low.push([text.slice(0, 50), Math.round(got * 100) / 100, need]);
  }
  return low;
}"""


@pytest.fixture(scope="module", params=list(THEMES))
def themed_lab(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """JupyterLab in one theme, over the notebooks, with a few weeks of attempts."""
    theme = str(request.param)
    tmp = tmp_path_factory.mktemp(f"a11y-{theme}")
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


@pytest.fixture
def lab(themed_lab: Server) -> Iterator[Server]:
    """The themed JupyterLab; its kernels are stopped after each test (two cores)."""
    yield themed_lab


def _open(page: Page, lab: Server, notebook: str, view: str) -> None:
    harness.open_in_lab(page, lab, notebook)
    harness.run_all(page)
    harness.wait_lab_view(page, view)


def _low_contrast(page: Page, root: str) -> list[Any]:
    found: list[Any] = page.evaluate(LOW_CONTRAST_JS, root)
    return found


def test_progress_text_is_readable(lab: Server, page: Page) -> None:
    _open(page, lab, "02_progress.ipynb", ".coachkit-progress")
    page.locator(".coachkit-charts .ck-chart-ready img:visible").first.wait_for()
    theme = page.evaluate("() => document.body.dataset.jpThemeName")
    assert theme in THEMES.values()

    # The chart tabs not on show were 4.2:1 (dark) and 4.4:1 (light): ipywidgets draws
    # them in the theme's muted text colour on its grey.
    assert _low_contrast(page, ".coachkit-progress") == [], theme


def test_practice_card_text_is_readable(lab: Server, page: Page) -> None:
    _open(page, lab, "01_practice.ipynb", ".coachkit-practice")
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER[:180])
    harness.click_score(page)
    harness.wait_scored(page)

    assert _low_contrast(page, ".coachkit-practice") == []


def test_practice_card_text_is_readable_in_voila_s_dark_theme(voila: Server, page: Page) -> None:
    harness.open_in_voila(page, voila, "01_practice.ipynb?theme=dark", ".coachkit-practice")
    assert page.evaluate("() => document.body.dataset.jpThemeLight") == "false"
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER[:180])
    harness.click_score(page)
    harness.wait_scored(page)

    # The red crosses before the key points not found were 4.4:1 on Voila's dark grey.
    assert _low_contrast(page, ".coachkit-practice") == []
