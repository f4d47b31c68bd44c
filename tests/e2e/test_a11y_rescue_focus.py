"""Start here's Rescue, done from the keyboard on a Voila page: the button is hidden once
the rescue is done, and focus fell with it to the page (a keyboard user started again from
its top, and a screen reader said nothing of what was done). It moves to the message."""

from __future__ import annotations

from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e


def test_focus_lands_on_what_the_rescue_did(damaged_voila: Server, page: Page) -> None:
    harness.open_in_voila(page, damaged_voila, "00_start_here.ipynb", ready=".coachkit-rescue")
    button = page.locator("button.coachkit-rescue")
    button.focus()
    page.keyboard.press("Enter")

    message = page.locator(".coachkit-rescue-status .widget-html-content")
    page.locator(".coachkit-rescue-status", has_text="Rescued.").wait_for(
        timeout=harness.KERNEL_TIMEOUT_MS
    )
    assert not button.is_visible()
    message.evaluate("el => new Promise(r => setTimeout(r, 300))")  # the focus message
    assert message.evaluate("el => document.activeElement === el"), page.evaluate(
        "() => document.activeElement.outerHTML.slice(0, 200)"
    )
    # Out of the Tab order: Tab goes on to what follows, not back to the message.
    assert message.get_attribute("tabindex") == "-1"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.coachkit') !== null")
