"""Button icons are seen, not heard: each Font Awesome glyph coachkit puts on a button is
drawn with an empty alternative text, so a screen reader says "Refresh", not a private-use
character and then "Refresh" (tests/e2e/test_a11y_names.py checks the names and the
glyphs in the browser); and an icon reads as what its button does."""

from __future__ import annotations

import re
from pathlib import Path

from ui_fakes import coach_with

from coachkit import QuestionBank, Store
from coachkit.ui import MockInterviewView
from coachkit.ui.theme import CSS

UI = Path(__file__).resolve().parents[1] / "coachkit" / "ui"


def _icons_in_use() -> set[str]:
    """Every icon a coachkit button is given: ``icon="..."`` or ``.icon = "..."`` (with a
    conditional, both names)."""
    found: set[str] = set()
    for source in UI.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        found |= set(re.findall(r'\bicon="([\w-]+)"', text))
        for line in re.findall(r"\.icon = (.+)", text):
            found |= set(re.findall(r'"([\w-]+)"', line))
    return found


def test_every_button_icon_is_drawn_without_being_read() -> None:
    icons = _icons_in_use()
    assert {"refresh", "check", "hourglass-half", "trash"} <= icons  # the scan finds them
    for icon in icons:
        rule = re.search(
            rf'i\.fa-{re.escape(icon)}::before \{{ content: "\\(f[0-9a-f]{{3}})" / ""; }}', CSS
        )
        assert rule, f'icon="{icon}" has no rule in theme.py: its glyph is read out'


def test_end_now_does_not_look_like_a_checkbox(bank: QuestionBank, store: Store) -> None:
    view = MockInterviewView(coach_with(bank, store))
    # "stop" is a filled square in the text colour: beside "End now" it read as a
    # checkbox. Any square or circle would read as a control too.
    assert not re.search(r"stop|square|circle", view.finish_button.icon)
    assert view.finish_button.icon == "flag-checkered"
