"""The practice cell run again while a score is in flight: the newer view shows the
score on its way, then its card, on the scorer chosen in this kernel.

The newer view showed the answer as "Draft restored." with no sign of the score, and
its card only after the next action; it opened on the config's scorer, so Score
there scored again with another scorer (or, with the same one, saved a second
attempt of the same answer).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    Reply,
    Seen,
    fair_grade,
    loopback_only,  # noqa: F401 (usefixtures below)
    write_config,
)
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, ProviderError, QuestionBank, Store
from coachkit.config import Config, load_config
from coachkit.ui import PracticeView
from coachkit.ui.practice import SCORE, SCORING
from coachkit.ui.practice_base import WAIT_FILTERS, WAIT_QUESTION
from coachkit.ui.runtime import InlineRunner, ManualRunner, ManualScheduler, Runner

T = TypeVar("T")
pytestmark = pytest.mark.usefixtures("loopback_only")
QUESTION = "time-you-failed"
OTHER = "biggest-weakness"
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)
AWAITED = "(Score was pressed before the notebook ran again): the card appears here."


class JoinableRunner:
    """ThreadRunner's worker threads, kept so a test can wait for them to end."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        # InlineRunner's work and callbacks, on a thread of its own as ThreadRunner's.
        thread = threading.Thread(
            target=InlineRunner().run,
            args=(work, on_success, on_error),
            daemon=True,
            name="coachkit-work",
        )
        self.threads.append(thread)
        thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=120)  # a safety net: the test releases the server first
            assert not thread.is_alive()


def _view(coach: Coach, runner: Runner, question_id: str | None = QUESTION) -> PracticeView:
    return PracticeView(coach, question_id=question_id, runner=runner, scheduler=ManualScheduler())


def test_an_llm_score_in_flight_lands_in_the_view_run_again(
    tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    arrived, release = threading.Event(), threading.Event()

    def slow(seen: Seen) -> Reply:
        arrived.set()
        release.wait(timeout=120)
        return fair_grade(seen)

    with FakeLLMServer(slow) as server:
        params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k"}
        config = load_config(write_config(tmp_path / "c.yaml", {"gpt": params}))
        assert config.scorer == "local"  # the profile is the user's pick, not the default
        runner = JoinableRunner()
        old = _view(Coach(bank=bank, store=store, config=config), runner)
        old.scorer.value = "gpt"
        old.answer.value = STORY
        old.score_button.click()
        assert arrived.wait(timeout=120)

        # The cell runs again (a new Coach, as the notebook's PracticeView() makes one).
        new = _view(Coach(bank=bank, store=store, config=config), runner, question_id=None)

        assert new.scorer.value == "gpt" and new.state.scorer == "gpt"
        assert new.state.question_id == QUESTION and new.answer.value == STORY
        assert f"Scoring with gpt… {AWAITED}" in new.status.value
        assert new.state.busy and new.answer.disabled and new.question.disabled
        assert new.score_button.description == SCORING and new.result.value == ""
        release.set()
        runner.join()

        assert new.errors.message is None
        assert "Scored 62/100 by gpt in" in new.status.value
        assert "Saved to your history." in new.status.value
        assert "62<small>/100" in new.result.value and "#1" in new.history.value
        assert "ck-stale" not in new.result._dom_classes
        assert new.draft_status.value != "Draft restored."  # the draft is an attempt now
        assert new.answer.value == STORY and not new.answer.disabled
        assert new.score_button.description == SCORE and not new.retry_button.disabled
        (attempt,) = store.attempts(QUESTION)
        assert attempt.card.scorer == "gpt" and new.state.attempt == attempt
        # Score again on the same text finds that attempt: not paid, not saved twice.
        new.score_button.click()
        runner.join()
        assert "scored already" in new.status.value
        assert server.hits == 1 and len(store.attempts()) == 1


@pytest.fixture
def scorers() -> tuple[FakeScorer, FakeScorer]:
    return FakeScorer("local"), FakeScorer("gpt")


def _config(default: str = "local", profiles: tuple[str, ...] = ("gpt", "claude")) -> Config:
    entries = [
        {"model_name": name, "litellm_params": {"model": f"openai/{name}", "api_key": "k"}}
        for name in profiles
    ]
    return Config.model_validate({"scorer": default, "model_list": entries})


def _coach(
    bank: QuestionBank,
    store: Store,
    scorers: tuple[FakeScorer, FakeScorer],
    default: str = "local",
    profiles: tuple[str, ...] = ("gpt", "claude"),
) -> Coach:
    return coach_with(bank, store, *scorers, config=_config(default, profiles))


def test_the_view_run_again_opens_on_the_scorer_chosen_in_this_kernel(
    bank: QuestionBank, store: Store, scorers: tuple[FakeScorer, FakeScorer], tmp_path: Path
) -> None:
    runner = ManualRunner()
    first = _view(_coach(bank, store, scorers), runner)
    assert first.scorer.value == "local"
    first.scorer.value = "gpt"

    again = _view(_coach(bank, store, scorers), runner)
    assert again.scorer.value == "gpt" and again.state.scorer == "gpt"
    again.answer.value = ANSWER
    again.score_button.click()
    runner.finish()
    assert scorers[1].calls and not scorers[0].calls

    # Chosen back, it is the one again.
    again.scorer.value = "local"
    _view(_coach(bank, store, scorers), runner).scorer.value = "gpt"
    # The config's own scorer changed since (Save as default in Settings): the config's.
    assert _view(_coach(bank, store, scorers, default="claude"), runner).scorer.value == "claude"
    _view(_coach(bank, store, scorers), runner).scorer.value = "gpt"
    # A profile gone from the config, or another database: the config's.
    assert _view(_coach(bank, store, scorers, profiles=("claude",)), runner).scorer.value == "local"
    with Store(tmp_path / "other.db") as other:
        assert _view(_coach(bank, other, scorers), runner).scorer.value == "local"


def _scoring_then_run_again(
    coach: Coach, runner: ManualRunner, *, question_id: str | None = QUESTION
) -> tuple[PracticeView, PracticeView]:
    old = _view(coach, runner)
    old.scorer.value = "gpt"
    old.answer.value = ANSWER
    old.score_button.click()
    assert len(runner.pending) == 1  # in flight: it runs at runner.finish()
    return old, _view(coach, runner, question_id=question_id)


def test_the_view_run_again_waits_on_the_question_scored_and_keeps_the_answer(
    bank: QuestionBank, store: Store, scorers: tuple[FakeScorer, FakeScorer]
) -> None:
    """Asked for another question, or with a role that hides it: the score in flight
    comes first. Leaving the question meanwhile is refused, as it is in the view where
    Score was pressed; nothing the old view held is lost, and the card lands under the
    question and the answer it scored."""
    runner = ManualRunner()
    coach = _coach(bank, store, scorers)
    _old, new = _scoring_then_run_again(coach, runner, question_id=OTHER)
    assert new.state.question_id == QUESTION and new.answer.value == ANSWER
    assert AWAITED in new.status.value

    new.question.value = OTHER
    assert new.state.question_id == QUESTION and new.question.value == QUESTION
    assert new.errors.message == WAIT_QUESTION
    new.category.value = "technical"
    assert new.category.value == "" and new.errors.message == WAIT_FILTERS
    new.next_button.click()
    assert new.state.question_id == QUESTION

    runner.finish()
    assert new.errors.message is None  # the wait is over
    assert "Scored 60/100 by gpt" in new.status.value
    assert new.state.attempt is not None and new.state.attempt.question_id == QUESTION
    assert new.answer.value == ANSWER and "ck-stale" not in new.result._dom_classes
    assert len(scorers[1].calls) == 1 and len(store.attempts(QUESTION)) == 1
    new.question.value = OTHER  # free to move on now
    assert new.state.question_id == OTHER and new.result.value == ""


def test_a_role_that_hides_the_question_scored_is_not_applied(
    bank: QuestionBank, store: Store, scorers: tuple[FakeScorer, FakeScorer]
) -> None:
    """The notebook's role (or the practice role) would hide the question being scored,
    picked under every role: the view run again opens under every role, on it."""
    runner = ManualRunner()
    coach = _coach(bank, store, scorers)
    old = _view(coach, runner, question_id="hardest-technical-problem")
    old.answer.value = ANSWER
    old.score_button.click()
    assert "hardest-technical-problem" not in {q.id for q in bank.filter(role="product-manager")}
    new = PracticeView(coach, role="product-manager", runner=runner, scheduler=ManualScheduler())
    assert new.role.value == "" and new.state.question_id == "hardest-technical-problem"
    runner.finish()
    assert "Scored 60/100 by local" in new.status.value
    assert new.state.attempt is not None
    assert new.state.attempt.question_id == "hardest-technical-problem"


def test_a_card_whose_answer_changed_meanwhile_is_marked_as_the_earlier_texts(
    bank: QuestionBank, store: Store, scorers: tuple[FakeScorer, FakeScorer]
) -> None:
    """Another notebook (another kernel) saved other text to the question while it was
    scored: the view run again shows that text, and the card that lands is not its score."""
    runner = ManualRunner()
    coach = _coach(bank, store, scorers)
    old = _view(coach, runner)
    old.scorer.value = "gpt"
    old.answer.value = ANSWER
    old.score_button.click()
    elsewhere = ANSWER + " Written in the other notebook."
    with Store(store.path) as other_store:
        coach_with(bank, other_store).save_draft(QUESTION, elsewhere)

    new = _view(coach, runner)
    assert new.answer.value == elsewhere and AWAITED in new.status.value
    runner.finish()

    assert "ck-stale" in new.result._dom_classes
    assert "Saved to your history" in new.status.value
    assert "not the text scored" in new.status.value and "Press Score" in new.status.value
    assert new.answer.value == elsewhere
    assert store.attempts(QUESTION)[0].answer == ANSWER
    new.score_button.click()  # this text is scored as usual
    runner.finish()
    assert [a.answer for a in store.attempts(QUESTION)] == [ANSWER, elsewhere]
    assert "ck-stale" not in new.result._dom_classes


def test_a_score_that_lands_between_two_views_waits_for_the_newer_one(
    bank: QuestionBank, store: Store, scorers: tuple[FakeScorer, FakeScorer]
) -> None:
    """Landed after the older view was retired and before the newer one looked: a failure
    is in no history, so only the score in flight can tell the newer view."""
    runner = ManualRunner()
    scorers[1].error = ProviderError("The gpt profile timed out after 60 s; try again later.")
    coach = _coach(bank, store, scorers)
    old = _view(coach, runner)
    old.scorer.value = "gpt"
    old.answer.value = ANSWER
    old.score_button.click()
    old.retire()  # as the newer view's opening does, first
    runner.finish()  # landed, with no view following it
    assert old.errors.message is None

    new = _view(coach, runner)
    assert new.errors.message == "The gpt profile timed out after 60 s; try again later."
    assert "Not scored. Your answer is still here." in new.status.value
    assert new.answer.value == ANSWER and not new.state.busy and not new.answer.disabled
    scorers[1].error = None
    new.score_button.click()
    runner.finish()
    assert "Scored 60/100 by gpt" in new.status.value and len(store.attempts()) == 1
    # Shown once: a view opened later does not show it again.
    assert "Not scored" not in _view(coach, runner).status.value


def test_a_view_run_twice_while_scoring_shows_the_card_in_the_newest(
    bank: QuestionBank, store: Store, scorers: tuple[FakeScorer, FakeScorer]
) -> None:
    runner = ManualRunner()
    coach = _coach(bank, store, scorers)
    old, middle = _scoring_then_run_again(coach, runner)
    newest = _view(coach, runner, question_id=None)
    assert AWAITED in newest.status.value and newest.state.busy
    runner.finish()
    assert "Scored 60/100 by gpt" in newest.status.value and not newest.state.busy
    assert middle.result.value == "" and old.result.value == ""  # off the page: not shown there
    assert len(scorers[1].calls) == 1 and len(store.attempts()) == 1


def test_a_card_waiting_to_be_saved_is_saved_in_the_view_run_again(
    bank: QuestionBank, store: Store, scorers: tuple[FakeScorer, FakeScorer]
) -> None:
    """Score pressed again to save a card the database refused: the save runs while the
    cell runs again; the newer view says so, then shows the card saved."""
    from coachkit.errors import NotSavedError, StoreError

    runner = ManualRunner()
    coach = _coach(bank, store, scorers)
    old = _view(coach, runner)
    old.scorer.value = "gpt"
    old.answer.value = ANSWER
    old.score_button.click()
    work, _done, failed = runner.pending.pop()
    attempt = work()  # scored and saved; shown as if the save had failed
    coach.delete_attempts([attempt.id])
    failed(NotSavedError(attempt, StoreError("The disk is full.")))
    assert "but not saved" in old.status.value
    old.score_button.click()  # saves the card on screen, unpaid
    new = _view(coach, runner)
    assert f"Saving the score… {AWAITED}" in new.status.value and new.state.busy
    runner.finish()
    assert "Saved to your history" in new.status.value and not new.state.busy
    assert [a.id for a in store.attempts()] == [attempt.id] and len(scorers[1].calls) == 1
