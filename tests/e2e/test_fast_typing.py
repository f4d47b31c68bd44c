"""What is typed fast, then at once saved or scored, is what the kernel saves and scores.

ipywidgets sends a field's value to the kernel at each keystroke but holds the next ones
back until the kernel has answered the one in flight, while a button's click is sent at
once: on a busy kernel the click came first, and the view saved or scored the field as
it was a few keystrokes before (the first character of an answer; "15 Jun 2" for a date
typed as 06152030). Each test keeps the kernel busy on purpose (a ``sleep`` run just
before), so the race goes the same way every time. Practice, the mock interview and
Settings' Save plan wait in the kernel for the values typed just before the click
(``runtime.LateWords``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# Typed at Playwright's own speed (no delay between keys), as a paste or a fast typist.
ANSWER = (
    "In 2022 I led the billing migration; I owned the cutover plan, wrote the rollback "
    "script myself and we moved 40k accounts with zero lost invoices."
)


def _busy(page: Page, seconds: float = 2.0) -> None:
    """Keep the notebook's kernel busy for ``seconds``: what the page sends meanwhile
    waits, in order, behind it (as behind a slow save or score)."""
    page.evaluate(
        """(code) => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel
             .requestExecute({code, silent: true, store_history: false})""",
        f"import time; time.sleep({seconds})",
    )
    page.wait_for_timeout(200)  # the request is on its way before the first keystroke


def _open(page: Page, server: Server, path: str, view: str) -> None:
    harness.open_in_lab(page, server, path)
    harness.run_all(page)
    harness.wait_lab_view(page, view)


def _wait_for(what: str, check: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        time.sleep(0.2)


@pytest.fixture
def home_lab(tmp_path: Path) -> Iterator[Server]:
    """JupyterLab over fresh copies of the notebooks, with a home of its own to read."""
    root = tmp_path / "root"
    harness.copy_notebooks(
        root, ["01_practice.ipynb", "03_mock_interview.ipynb", "04_settings.ipynb"]
    )
    with harness.running(
        harness.start_jupyterlab(root, tmp_path / "home", tmp_path / "state")
    ) as server:
        yield server


def test_a_date_typed_fast_then_save_plan_saves_that_date(home_lab: Server, page: Page) -> None:
    view = ".coachkit-settings"
    _open(page, home_lab, "04_settings.ipynb", view)
    page.locator(f"{view} input[type=date]").first.focus()
    _busy(page)
    page.keyboard.type("06152030")
    page.locator(f"{view} button", has_text="Save plan").first.click()
    saved = page.locator(f"{view} .coachkit-plan-status", has_text="Saved the practice plan")
    refused = page.locator(f"{view} {harness.ERROR} [role='alert']")
    saved.or_(refused).first.wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    assert not refused.count(), refused.first.inner_text()  # "...date 15 Jun 2 has passed"
    config = (home_lab.home / "config.yaml").read_text()
    assert "interview_date: 2030-06-15" in config, config


def test_an_answer_typed_fast_then_score_is_scored_and_saved_whole(
    home_lab: Server, page: Page
) -> None:
    from coachkit import Store

    view = ".coachkit-practice"
    _open(page, home_lab, "01_practice.ipynb", view)
    harness.pick_question(page, "time-you-failed")
    page.locator(harness.ANSWER).first.focus()
    _busy(page)
    page.keyboard.type(ANSWER)
    page.locator(harness.SCORE).first.focus()
    page.keyboard.press("Enter")
    harness.wait_scored(page, timeout_ms=harness.KERNEL_TIMEOUT_MS)
    with Store(home_lab.home / "coachkit.db") as store:
        answers = [attempt.answer for attempt in store.attempts("time-you-failed")]
    assert answers == [ANSWER], answers
    assert harness.answer_text(page) == ANSWER


def test_a_mock_answer_typed_fast_then_next_is_that_questions_answer(
    home_lab: Server, page: Page
) -> None:
    from coachkit import Store
    from coachkit.interview import SESSION_PREFIX

    view = ".coachkit-mock"
    _open(page, home_lab, "03_mock_interview.ipynb", view)
    page.locator(f"{view} button.coachkit-mock-start").click()
    page.locator(f"{view} .coachkit-mock-position", has_text="Question 1 of").wait_for()
    answer = page.locator(f"{view} .coachkit-answer textarea").first
    answer.focus()
    _busy(page)
    page.keyboard.type(ANSWER)
    page.locator(f"{view} button.coachkit-mock-next").first.click()
    page.locator(f"{view} .coachkit-mock-position", has_text="Question 2 of").wait_for(
        timeout=harness.KERNEL_TIMEOUT_MS
    )
    harness.wait_kernel_idle(page)
    assert answer.input_value() == ""  # the second question's box, not the first's words

    def first_answer() -> str:
        with Store(home_lab.home / "coachkit.db") as store:
            keys = store.draft_keys(SESSION_PREFIX)
            session = json.loads(store.load_draft(keys[0]) or "{}") if keys else {}
        first = session.get("question_ids", [""])[0]
        return str(session.get("answers", {}).get(first, ""))

    _wait_for(
        f"the first answer saved whole, not {first_answer()!r}", lambda: first_answer() == ANSWER
    )
    assert page.locator(f"{view} .coachkit-status", has_text="came in after Next").count() == 0
