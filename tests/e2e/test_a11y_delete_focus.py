"""Deleting the last attempt from the keyboard: Delete… is disabled then (nothing is left
to delete), which takes no focus, and focus fell to the page's top. It goes to the status
line that says what was deleted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e


@pytest.fixture
def one_attempt_voila(tmp_path: Path) -> Iterator[Server]:
    home = tmp_path / "home"
    harness.seed_attempts(home, [("time-you-failed", harness.GOOD_ANSWER)])
    root = harness.copy_notebooks(tmp_path / "root", ["02_progress.ipynb"])
    with harness.running(harness.start_voila(root, home, tmp_path / "state")) as server:
        yield server


def test_focus_lands_on_the_status_once_the_last_attempt_is_deleted(
    one_attempt_voila: Server, page: Page
) -> None:
    harness.open_in_voila(page, one_attempt_voila, "02_progress.ipynb", ".coachkit-delete")
    page.locator("button.coachkit-delete").focus()
    page.keyboard.press("Enter")
    confirm = page.locator("button.coachkit-delete-confirm")
    confirm.wait_for()
    page.keyboard.press("Tab")  # on to Delete for good
    assert confirm.evaluate("el => document.activeElement === el")
    page.keyboard.press("Enter")

    status = page.locator(".coachkit-delete-status .widget-html-content")
    page.locator(".coachkit-delete-status", has_text="Deleted").wait_for()
    page.wait_for_function("() => document.querySelector('button.coachkit-delete').disabled")
    status.evaluate("el => new Promise(r => setTimeout(r, 300))")  # the focus message
    assert status.evaluate("el => document.activeElement === el"), page.evaluate(
        "() => document.activeElement.outerHTML.slice(0, 200)"
    )
    assert status.get_attribute("role") == "status"  # still the live region it was
