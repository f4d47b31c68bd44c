"""The practice cell run again: the newer view opens on the scorer chosen in this kernel.

It opened on the config's scorer, so Score there scored with another scorer than the
one the user had picked a moment before.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config
from coachkit.ui import PracticeView
from coachkit.ui.runtime import ManualRunner, ManualScheduler, Runner

QUESTION = "time-you-failed"
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)


def _view(coach: Coach, runner: Runner, question_id: str | None = QUESTION) -> PracticeView:
    return PracticeView(coach, question_id=question_id, runner=runner, scheduler=ManualScheduler())


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
