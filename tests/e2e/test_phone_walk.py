"""The Voila app on a phone (375 x 740), light and dark: what a view shows fits the
screen's width, nothing cut at its right edge or hidden behind a sideways scroll."""

from __future__ import annotations

from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 740}
THEMES = {"light": "", "dark": "?theme=dark"}

# How far the attempts box scrolls sideways, how far its note's right edge is past the
# box's own, and how far the table scrolls in its own box (all 0 when all is in sight).
HISTORY_JS = """() => {
  const box = document.querySelector('.coachkit-practice .coachkit-history');
  const note = box.querySelector('p.ck-muted');
  const table = box.querySelector('.ck-scroll');
  return [box.scrollWidth - box.clientWidth,
          Math.round(note.getBoundingClientRect().right - box.getBoundingClientRect().right),
          table.scrollWidth - table.clientWidth];
}"""


def _scored_on_a_phone(page: Page, voila: Server, theme: str) -> None:
    """Practice on a phone, one answer scored: its attempt in the table below."""
    page.set_viewport_size(PHONE)
    harness.open_in_voila(page, voila, f"01_practice.ipynb{THEMES[theme]}", harness.ANSWER)
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)
    harness.click_score(page)
    harness.wait_scored(page)


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_attempts_under_practice_fit_a_phone(voila: Server, page: Page, theme: str) -> None:
    _scored_on_a_phone(page, voila, theme)
    page.locator(".coachkit-history table").first.wait_for()
    # The box scrolled 43 px sideways and the note ("To delete one for good: Delete an
    # attempt in the Progress notebook, ...") ran 43 px past its edge, cut mid-word.
    scrolled, past, table = page.evaluate(HISTORY_JS)
    assert scrolled <= 0 and past <= 0, (scrolled, past)
    # Then the table scrolled 43 px in its own box, its words column out of sight.
    assert table <= 0, table


# Where a tap 3 px inside the top-left corner of each of Practice's folded boxes ("Why it
# is asked", "How to answer") lands, and whether the box is open after it.
TAP_EDGE_JS = """(box) => { const r = box.getBoundingClientRect();
  return [r.left + 3, r.top + 3]; }"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_a_tap_anywhere_on_a_folded_box_opens_it(voila: Server, page: Page, theme: str) -> None:
    """The box's edges (6 px above and below the words, 12 px to their left) were its
    padding, not its summary's: a thumb landing there opened nothing."""
    page.set_viewport_size(PHONE)
    harness.open_in_voila(page, voila, f"01_practice.ipynb{THEMES[theme]}", harness.ANSWER)
    boxes = page.locator(".coachkit-practice details.ck-details")
    assert boxes.count() == 2
    for index in range(2):
        box = boxes.nth(index)
        box.scroll_into_view_if_needed()
        assert box.evaluate("d => !d.open")
        x, y = box.evaluate(TAP_EDGE_JS)
        page.mouse.click(x, y)
        assert box.evaluate("d => d.open"), box.inner_text()
        height = box.locator("summary").evaluate("s => s.getBoundingClientRect().height")
        assert height >= 24, height  # a target a thumb can hit (WCAG 2.5.8)


# Each labelled field of a view: its label's box and its field's, and the view's width.
FIELDS_JS = """(root) => {
  const view = document.querySelector(root);
  return [...view.querySelectorAll('.widget-inline-hbox')]
    .filter(box => box.offsetParent !== null)
    .map(box => [box, box.querySelector(':scope > .widget-label'),
                 box.querySelector(':scope > select, :scope > input, :scope > textarea')])
    .filter(([box, label, field]) => label && field && label.textContent.trim())
    .map(([box, label, field]) => {
      const l = label.getBoundingClientRect(), f = field.getBoundingClientRect();
      return {name: label.textContent.trim(), labelBottom: l.bottom, fieldTop: f.top,
              fieldWidth: f.width, fieldHeight: f.height, view: view.clientWidth};
    });
}"""


def _assert_stacked(fields: list[dict[str, float]], names: set[str]) -> None:
    assert names <= {f["name"] for f in fields}, fields
    for field in fields:
        # Above its field, which takes the line (less the view's 8 px padding a side):
        # beside it, "Answer" took 55 of 345 px and the Question's choice was cut.
        assert field["labelBottom"] <= field["fieldTop"] + 1, field
        assert field["fieldWidth"] >= field["view"] - 20, field
        assert field["fieldHeight"] >= 24, field  # one control row, not 148 px


@pytest.mark.parametrize("theme", list(THEMES))
def test_practice_and_mock_labels_stand_above_their_fields(
    voila: Server, page: Page, theme: str
) -> None:
    page.set_viewport_size(PHONE)
    harness.open_in_voila(page, voila, f"01_practice.ipynb{THEMES[theme]}", harness.ANSWER)
    fields = page.evaluate(FIELDS_JS, ".coachkit-practice")
    _assert_stacked(fields, {"Answer", "Question", "Role", "Category", "Timer", "Scorer"})
    harness.open_in_voila(page, voila, f"03_mock_interview.ipynb{THEMES[theme]}", ".coachkit-mock")
    page.locator(".coachkit-mock select").first.wait_for()
    fields = page.evaluate(FIELDS_JS, ".coachkit-mock")
    _assert_stacked(fields, {"Questions", "Preset", "Minutes per question", "Scorer"})


# The attempts table's date cell: its height in lines, the text shown, and its title.
WHEN_JS = """() => {
  const cell = document.querySelector('.coachkit-practice .coachkit-history td.ck-when');
  const line = parseFloat(getComputedStyle(cell).lineHeight);
  const pad = parseFloat(getComputedStyle(cell).paddingTop) * 2;
  return [Math.round((cell.getBoundingClientRect().height - pad) / line), cell.innerText,
          cell.title];
}"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_an_attempts_date_is_short_on_a_phone(voila: Server, page: Page, theme: str) -> None:
    """An attempt's date: "01 Dec 2026 04:26" took 3 lines at 375 px; "1 Dec 04:26" takes 2 at most,
    the long form still the cell's title."""
    _scored_on_a_phone(page, voila, theme)
    page.locator(".coachkit-history td.ck-when").first.wait_for()
    lines, shown, title = page.evaluate(WHEN_JS)
    assert lines <= 2, (lines, shown)
    day, month, year, time = title.split()
    assert shown.split() == [str(int(day)), month, time], (shown, title)
    assert int(year) >= 2024
    # The table still fits: its words column in sight.
    assert page.evaluate(HISTORY_JS)[2] <= 0
