"""A damaged database rescued from Start here on a Voila page, where no terminal is."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

START = "00_start_here.ipynb"
SEEDED = 12


@pytest.fixture
def partly_damaged_voila(tmp_path: Path) -> Iterator[Server]:
    """Voila over a COACHKIT_HOME whose database lost the page of one attempt."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from file_damage import damage_attempts

    from coachkit import Store

    home = tmp_path / "home"
    harness.seed_attempts(
        home,
        [("time-you-failed", f"{harness.GOOD_ANSWER} Take {n}.") for n in range(SEEDED)],
    )
    db = home / "coachkit.db"
    with Store(db) as store:
        victim = store.attempts()[SEEDED // 2].id
    damage_attempts(db, victim)
    root = harness.copy_notebooks(tmp_path / "root")
    with harness.running(harness.start_voila(root, home, tmp_path / "state")) as server:
        yield server


def test_start_here_rescues_a_damaged_database_on_a_voila_page(
    partly_damaged_voila: Server, page: Page
) -> None:
    home = partly_damaged_voila.home
    db = home / "coachkit.db"
    before = db.read_bytes()
    harness.open_in_voila(page, partly_damaged_voila, START, ready=".coachkit-rescue")
    notice = page.locator(".coachkit-store-problem [role='alert']").first
    assert "is damaged" in notice.inner_text()
    harness.screenshot(page, harness.ARTIFACTS_DIR / "rescue" / "before.png", ".coachkit-start")

    harness.click_button(page, "Rescue what can be read")

    done = page.locator(".coachkit-rescue-status", has_text="Rescued.").first
    done.wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    harness.screenshot(page, harness.ARTIFACTS_DIR / "rescue" / "after.png", ".coachkit-start")
    text = done.inner_text()
    [aside] = home.glob("coachkit.db.damaged-*")
    [export] = home.glob("rescued-*.jsonl")
    assert str(aside) in text and str(export) in text
    assert aside.read_bytes() == before
    kept = len(export.read_text(encoding="utf-8").splitlines())
    assert 0 < kept < SEEDED and f"Kept {kept} attempts in a fresh database" in text
    assert not notice.is_visible()
    assert not page.locator(".coachkit-rescue").first.is_visible()
    assert f"Your attempts\n{kept}" in page.locator(".coachkit-summary").first.inner_text()
