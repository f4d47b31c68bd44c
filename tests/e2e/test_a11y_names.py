"""Buttons are named by their words alone: the Font Awesome glyph before each is drawn
(as the same character JupyterLab's own stylesheet draws) but is not part of its name,
which a screen reader said as "\\uf021 Refresh"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

from coachkit.ui.theme import _ICONS

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # where icon fonts keep their glyphs

# The glyph JupyterLab's Font Awesome draws for each icon name, outside coachkit's views.
GLYPHS_JS = """(names) => Object.fromEntries(names.map(name => {
  const i = document.createElement('i'); i.className = `fa fa-${name}`;
  document.body.appendChild(i);
  const content = getComputedStyle(i, '::before').content; i.remove();
  return [name, content]; }))"""

# Each icon on a button on show in ``root``: its class, its ::before content, its width.
DRAWN_JS = """(root) => [...document.querySelectorAll(`${root} .jupyter-button i.fa`)]
  .filter(i => i.closest('.jupyter-button').getBoundingClientRect().width > 0)
  .map(i => [i.className, getComputedStyle(i, '::before').content,
             i.getBoundingClientRect().width])"""


def _named(page: Page, root: str) -> list[str]:
    """The buttons in ``root`` as the accessibility tree names them."""
    return [
        line.strip() for line in page.locator(root).aria_snapshot().splitlines() if "button" in line
    ]


def test_buttons_are_named_by_their_words(lab: Server, lab_dir: str, page: Page) -> None:
    harness.open_in_lab(page, lab, f"{lab_dir}/01_practice.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-practice")

    # Each rule restates the glyph Font Awesome draws for its name (JupyterLab ships
    # Font Awesome 5 with version 4's names: "trash" is \\uf2ed there, not 4's \\uf1f8).
    glyphs = page.evaluate(GLYPHS_JS, list(_ICONS))
    assert {name: f'"{chr(int(point, 16))}"' for name, point in _ICONS.items()} == glyphs

    buttons = _named(page, ".coachkit-practice")
    assert buttons and not [b for b in buttons if _PRIVATE_USE.search(b)], buttons
    for name in ("Next up", "Start timer", "Score"):
        assert page.get_by_role("button", name=name, exact=True).count() == 1, buttons
    # Still drawn: the glyph, followed by its empty alternative text.
    drawn = page.evaluate(DRAWN_JS, ".coachkit-practice")
    assert drawn
    for icon, content, width in drawn:
        assert _PRIVATE_USE.match(content.strip('"')) and content.endswith('/ ""'), icon
        assert width > 0, icon

    harness.open_in_lab(page, lab, f"{lab_dir}/02_progress.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-progress")
    for name in ("Refresh", "Save PNG"):
        assert page.get_by_role("button", name=name, exact=True).count() == 1, name
