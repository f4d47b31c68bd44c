"""A rescue that stops (another page's kernel has the file open) says so in Start here as
an error, drawn as every other error is: red edge and tint. It was plain text under the
button, in the page's text colour, told from the lines around it by nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import harness
import pytest
from harness import Server
from test_a11y_dark import LOW_CONTRAST_JS
from test_data_rescue_voila import START, partly_damaged_voila  # noqa: F401  (fixture)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_stopped_rescue_is_drawn_as_an_error(
    partly_damaged_voila: Server,  # noqa: F811  (the fixture imported above)
    page: Page,
    theme: str,
) -> None:
    url = f"{START}?theme={theme}"
    # This page's kernel keeps the database open: the other page's rescue must stop.
    holder = page.context.new_page()
    harness.open_in_voila(holder, partly_damaged_voila, url, ready=".coachkit-rescue")
    harness.open_in_voila(page, partly_damaged_voila, url, ready=".coachkit-rescue")
    harness.click_button(page, "Rescue what can be read")

    error = page.locator(".coachkit-rescue-status .ck-error[role='alert']")
    error.wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    assert "Another notebook or program has coachkit.db open" in error.inner_text()
    harness.screenshot(
        page, harness.ARTIFACTS_DIR / "rescue" / f"stopped-{theme}.png", ".coachkit-start"
    )
    look: dict[str, Any] = error.evaluate(
        "el => { const s = getComputedStyle(el); return { edge: s.borderLeftWidth, "
        "colour: s.borderLeftColor, tint: s.backgroundColor }; }"
    )
    # It was {'edge': '0px', 'tint': 'rgba(0, 0, 0, 0)'}, as any div.
    assert look["edge"] == "4px" and look["tint"] != "rgba(0, 0, 0, 0)", look
    red = page.evaluate(
        "() => getComputedStyle(document.querySelector('.coachkit-store-problem .ck-error'))"
        ".borderLeftColor"
    )
    assert look["colour"] == red, look  # the damaged-file notice's red, above it
    assert page.evaluate(LOW_CONTRAST_JS, ".coachkit-rescue-status") == []
