"""A menu in a view takes its own keys in JupyterLab: with the notebook in command mode,
ArrowDown on the focused question picker moved the notebook's focus to its "Click to add
a cell" footer instead of choosing the next question, and a letter typed to jump to a
question ("a") added a cell above, as JupyterLab's command-mode shortcuts do."""

from __future__ import annotations

from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

PICKER = ".coachkit-question select"


def test_the_question_picker_takes_arrow_and_letter_keys(
    lab: Server, lab_dir: str, page: Page
) -> None:
    harness.open_in_lab(page, lab, f"{lab_dir}/01_practice.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-practice")
    cells = page.locator(".jp-Notebook .jp-Cell")
    count = cells.count()
    page.keyboard.press("Escape")  # command mode, where JupyterLab's single keys act
    picker = page.locator(PICKER).first
    picker.focus()
    labels: list[str] = picker.evaluate("s => [...s.options].map(o => o.value)")
    first = picker.input_value()

    page.keyboard.press("ArrowDown")
    assert picker.input_value() == labels[labels.index(first) + 1]
    assert picker.evaluate("s => document.activeElement === s")

    page.keyboard.press("a")  # the browser's own type-to-find in a menu
    assert cells.count() == count
    assert picker.evaluate("s => document.activeElement === s")


SCROLLED = (
    "() => document.querySelector("
    "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer').scrollTop"
)


def test_arrow_keys_on_a_button_scroll_the_page_and_keep_focus_in_the_view(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """ArrowDown on a focused button (to read the card under Score) moved focus out of the
    view to the notebook's "Click to add a cell" footer, where Space added a cell."""
    harness.open_in_lab(page, lab, f"{lab_dir}/01_practice.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-practice")
    cells = page.locator(".jp-Notebook .jp-Cell")
    count = cells.count()
    page.keyboard.press("Escape")  # command mode, where JupyterLab's arrow keys act
    timer = page.locator("button.coachkit-timer-button").first
    timer.focus()
    before = page.evaluate(SCROLLED)

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert timer.evaluate("b => document.activeElement === b")
    page.wait_for_function(f"() => ({SCROLLED})() > {before}")  # the page scrolled instead

    page.keyboard.press("ArrowUp")
    assert timer.evaluate("b => document.activeElement === b")
    page.keyboard.press("Space")  # the button's own key: the timer starts, no cell is added
    page.locator("button.coachkit-timer-button", has_text="Stop timer").wait_for()
    assert cells.count() == count


def test_the_marked_answer_takes_focus_and_scrolls_by_the_arrow_keys(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """At 640 px the evidence box showed 318 of its 541 px and took no focus: Tab went past
    it, and ArrowDown left the view for the "Click to add a cell" footer."""
    page.set_viewport_size({"width": 640, "height": 900})
    harness.open_in_lab(page, lab, f"{lab_dir}/01_practice.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-practice")
    # A question no other browser test answers: no earlier answer of it is restored.
    harness.pick_question(page, "production-incident")
    # Long enough to overflow the box (320 px) at any width an earlier test left the lab at.
    harness.type_answer(page, " ".join([harness.GOOD_ANSWER] * 8))
    harness.click_score(page)
    harness.wait_scored(page)
    page.locator("button.coachkit-retry:enabled").focus()

    # The lab is shared by the session: an earlier attempt at this question would show as
    # "Previous answer", a box of its own, reached by Tab too.
    box = page.locator('.coachkit-result .ck-answer[aria-label="Your answer, evidence marked"]')
    for _ in range(4):
        page.keyboard.press("Tab")
        if box.evaluate("b => document.activeElement === b"):
            break
    assert box.evaluate("b => document.activeElement === b")
    assert box.evaluate("b => b.scrollHeight > b.clientHeight")  # it does scroll here
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert box.evaluate("b => document.activeElement === b")
    page.wait_for_function("b => b.scrollTop > 0", arg=box.element_handle())


def test_notebook_shortcuts_typed_on_a_button_leave_the_notebook_as_it_is(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """In command mode "d d" on a focused Score deleted the view's cell, and "a" or "b"
    added one: JupyterLab's shortcuts reached the button."""
    harness.open_in_lab(page, lab, f"{lab_dir}/01_practice.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-practice")
    cells = page.locator(".jp-Notebook .jp-Cell")
    count = cells.count()
    page.keyboard.press("Escape")  # command mode, where JupyterLab's letter keys act
    score = page.locator("button.coachkit-score").first
    score.focus()
    for key in ("d", "d", "a", "b", "x"):
        page.keyboard.press(key)
    assert cells.count() == count
    assert score.evaluate("b => document.activeElement === b")
    page.locator(".coachkit-practice").first.wait_for()
