"""A question reopened with its last answer shows that attempt's card; scoring a new answer
replaces it, and the browser tests wait for the new card, not the one already shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

import harness
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_the_card_after_score_is_the_new_answers(lab: Server, lab_dir: str, page: Page) -> None:
    """wait_scored returned on the restored attempt's card (one copy of the answer) before
    the new one came: a test then read the old card as the new answer's."""
    harness.open_in_lab(page, lab, f"{lab_dir}/01_practice.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-practice")
    harness.pick_question(page, "conflict-with-teammate")
    harness.type_answer(page, harness.GOOD_ANSWER)
    harness.click_score(page)
    harness.wait_scored(page)
    # Away and back: the draft restored is the last attempt's text, and its card shows.
    harness.pick_question(page, "time-you-failed")
    harness.pick_question(page, "conflict-with-teammate")
    marked = page.locator(f"{harness.RESULT} .ck-answer")
    marked.wait_for()
    assert marked.inner_text().count("billing migration") == 1

    harness.type_answer(page, " ".join([harness.GOOD_ANSWER] * 3))
    harness.click_score(page)
    assert len(harness.wait_scored(page)) == 4
    assert marked.inner_text().count("billing migration") == 3
