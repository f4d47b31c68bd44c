"""The LLM budget set in Settings, in JupyterLab: limits typed by keyboard, saved, and the
budget line above them showing the new limits; on a phone the labels stand above the fields."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server
from test_phone_walk import FIELDS_JS, PHONE, _assert_stacked
from test_settings_keys import FOCUS_JS, VIEW

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e


@pytest.fixture
def budget_lab(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """JupyterLab whose config has an LLM profile (at a closed 127.0.0.1 port), so the
    budget line shows what is left, and the default limits."""
    home = tmp_path / "home"
    config = harness.broken_scorer_config(home)
    config.write_text(config.read_text().replace("scorer: broken", "scorer: local"))
    root = tmp_path / "root"
    harness.copy_notebooks(root, ["04_settings.ipynb"])
    with harness.running(harness.start_jupyterlab(root, home, tmp_path / "state")) as server:
        yield server, config


def _open(page: Page, server: Server) -> None:
    harness.open_in_lab(page, server, "04_settings.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, f"{VIEW} .coachkit-budget-hourly input")


def test_limits_typed_and_saved_by_keys_show_in_the_budget_line(
    budget_lab: tuple[Server, Path], page: Page
) -> None:
    server, config = budget_lab
    _open(page, server)
    line = page.locator(f"{VIEW} .coachkit-budget").first
    assert "30 of 30" in line.inner_text() and "of $1.00" in line.inner_text()
    keys = page.keyboard
    page.locator(f"{VIEW} .coachkit-budget-hourly input").first.focus()
    assert page.evaluate(FOCUS_JS)["name"] == "LLM scores per hour"
    keys.press("Control+a")
    keys.type("-4")
    keys.press("Tab")
    assert page.evaluate(FOCUS_JS)["name"] == "USD per day"
    keys.press("Control+a")
    keys.type("0.25")  # typed at once, then Save: Save budget waits for the last keys
    keys.press("Tab")
    assert page.evaluate(FOCUS_JS)["name"] == "Save budget"
    keys.press("Space")
    error = page.locator(f"{VIEW} .coachkit-error", has_text="LLM scores per hour is '-4'")
    error.wait_for()
    assert "llm_scores_per_hour: 30" not in config.read_text()  # nothing written
    assert page.locator(f"{VIEW} .coachkit-budget-hourly input").first.input_value() == "-4"
    page.locator(f"{VIEW} .coachkit-budget-hourly input").first.focus()
    keys.press("Control+a")
    keys.type("12")
    keys.press("Tab")
    keys.press("Tab")
    keys.press("Enter")
    page.locator(f"{VIEW} .coachkit-budget-status", has_text="Saved the LLM budget").wait_for()
    page.locator(f"{VIEW} .coachkit-budget", has_text="12 of 12").wait_for()
    assert "of $0.25" in line.inner_text(), line.inner_text()
    assert error.count() == 0 or not error.first.is_visible()
    saved = config.read_text()
    assert "budget:\n  llm_scores_per_hour: 12\n  usd_per_day: 0.25\n" in saved, saved
    assert page.evaluate(FOCUS_JS)["name"] == "Save budget"  # focus stays where it was


def test_on_a_phone_the_budget_labels_stand_above_their_fields(voila: Server, page: Page) -> None:
    page.set_viewport_size(PHONE)
    harness.open_in_voila(page, voila, "04_settings.ipynb", f"{VIEW} .coachkit-budget-daily input")
    fields = page.evaluate(FIELDS_JS, VIEW)
    ours = [field for field in fields if field["name"] in ("LLM scores per hour", "USD per day")]
    assert len(ours) == 2, fields
    _assert_stacked(ours, {"LLM scores per hour", "USD per day"})
