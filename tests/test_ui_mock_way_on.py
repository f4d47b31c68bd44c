"""The mock interview's ways on from a question: Next question and End now, then on the
last question Finish alone."""

from __future__ import annotations

import random
from pathlib import Path

from ui_fakes import FakeScorer, FocusLog, coach_with

from coachkit import QuestionBank, Store
from coachkit.errors import StoreError
from coachkit.ui import MockInterviewView
from coachkit.ui.mock import FINISH, NEXT
from coachkit.ui.runtime import ManualRunner, ManualScheduler

STORY = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."


def _shown(view: MockInterviewView) -> list[str]:
    """The names of the buttons on show beside the answer, in Tab order."""
    buttons = (view.next_button, view.finish_button)
    return [b.description for b in buttons if b.layout.display != "none"]


def _view(bank: QuestionBank, store: Store, runner: ManualRunner) -> MockInterviewView:
    return MockInterviewView(
        coach_with(bank, store, FakeScorer()),
        runner=runner,
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=Path(store.path).parent / "reports",
    )


def test_the_last_question_shows_finish_alone(bank: QuestionBank, store: Store) -> None:
    """On the last question Finish (Next renamed) and End now both showed and both ended
    the interview: one action under two names, and an extra Tab stop."""
    runner = ManualRunner()
    view = _view(bank, store, runner)
    view.count.value = 3
    view.start_button.click()
    assert _shown(view) == [NEXT, "End now"]  # End now still ends early
    view.next_button.click()
    assert _shown(view) == [NEXT, "End now"]
    view.next_button.click()
    assert _shown(view) == [FINISH]
    assert view.finish_button.button_style == "primary"  # the way on, as Next was

    log = FocusLog(view.answer, view.next_button, view.finish_button)
    view.answer.value = STORY
    view.finish_button.click()
    _work, _done, failed = runner.pending.pop()
    failed(StoreError("the database is busy"))
    assert log.last is view.finish_button  # on show: pressed again, it scores again
    assert _shown(view) == [FINISH]


def test_a_one_question_interview_has_one_way_on(bank: QuestionBank, store: Store) -> None:
    view = _view(bank, store, ManualRunner())
    view.count.value = 1
    view.start_button.click()
    assert _shown(view) == [FINISH]
