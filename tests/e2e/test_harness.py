"""The harness itself, on a throwaway widget notebook: a failure here is not coachkit's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e


def test_lab_runs_a_widget_notebook(lab: Server, lab_dir: str, page: Page) -> None:
    harness.write_smoke_notebook(lab.root / lab_dir / "smoke.ipynb")
    harness.open_in_lab(page, lab, f"{lab_dir}/smoke.ipynb")
    harness.run_all(page)

    page.locator(harness.ANSWER).fill("one two three")
    harness.click_button(page, "Score")

    page.locator(harness.RESULT).get_by_text("scored 3 words").wait_for()


def test_voila_runs_a_widget_notebook(voila: Server, page: Page) -> None:
    harness.write_smoke_notebook(voila.root / "smoke.ipynb")
    harness.open_in_voila(page, voila, "smoke.ipynb", ready=harness.ANSWER)

    page.locator(harness.ANSWER).fill("one two")
    harness.click_button(page, "Score")

    page.locator(harness.RESULT).get_by_text("scored 2 words").wait_for()


def test_kernels_import_the_coachkit_of_this_checkout(tmp_path: Path) -> None:
    """Not an editable install of another clone: kernels start outside the checkout."""
    env = harness.server_env(tmp_path / "home", tmp_path / "state")
    found = subprocess.run(
        [sys.executable, "-c", "import coachkit; print(coachkit.__file__)"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(found).is_relative_to(harness.REPO_ROOT)
