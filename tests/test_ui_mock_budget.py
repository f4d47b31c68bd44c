"""What the LLM budget left means for a mock interview, said before it starts."""

from __future__ import annotations

import random
from pathlib import Path

from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Budget, Config
from coachkit.llm.budget import BudgetGate
from coachkit.llm.usage import UsageLog
from coachkit.ui import MockInterviewView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

PROFILE = "  - model_name: {name}\n    litellm_params: {{model: openai/gpt-4o-mini}}\n"


def _view(coach: Coach, tmp_path: Path) -> MockInterviewView:
    return MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )


def _profiles(home: Path, name: str, budget: str, fallback: str = "local") -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(
        f"scorer: {name}\nfallback: {fallback}\nbudget: {budget}\n"
        f"model_list:\n{PROFILE.format(name=name)}"
    )


def _factory(name: str, config: Config) -> FakeScorer:
    config.check_name(name)  # as make_scorer does: a profile not in the config fails
    return FakeScorer(name)


def test_the_budget_left_is_said_before_the_interview_it_will_not_cover(
    bank: QuestionBank, store: Store, coachkit_home: Path, tmp_path: Path
) -> None:
    """With 2 LLM scores left this hour, a 5-question interview started without a word:
    answers 3 to 5 were scored offline, said only in the report."""
    _profiles(coachkit_home, "gpt", "{llm_scores_per_hour: 2}")
    view = _view(Coach(bank=bank, store=store, scorer_factory=_factory), tmp_path)
    note = view.budget_note.value
    assert (
        "2 LLM scores left this hour: answers past the 2nd will be scored by local (the "
        "fallback) instead. To have all 5 scored by gpt, raise budget.llm_scores_per_hour "
        "in your config." in note  # the hour holds 2 at most: waiting would not do it
    )
    view.count.value = 2
    assert view.budget_note.value == ""  # covered
    view.scorer.value = "local"
    view.count.value = 4
    assert view.budget_note.value == ""  # the offline scorer has no budget
    view.scorer.value = "gpt"
    assert "answers past the 2nd" in view.budget_note.value
    view.count.value = 3
    view.start_button.click()
    assert "To have all 3 scored by gpt" in view.progress.value  # said again at Start


def test_a_spent_budget_without_a_fallback_says_the_answers_wait(
    bank: QuestionBank, store: Store, coachkit_home: Path, tmp_path: Path
) -> None:
    """An hour's scores spent and no fallback set: every answer would wait unscored."""
    _profiles(coachkit_home, "gpt", "{llm_scores_per_hour: 0}", fallback="null")
    view = _view(Coach(bank=bank, store=store, scorer_factory=_factory), tmp_path)
    assert (
        "No LLM score left this hour: every answer will be left unscored (no fallback is "
        "set), kept to score later." in view.budget_note.value
    )


def test_waiting_is_offered_when_the_hour_holds_the_interview(
    bank: QuestionBank, store: Store, coachkit_home: Path, tmp_path: Path
) -> None:
    """Scores spent earlier this hour come back: when the hourly limit covers the
    interview, when it will is said; and today's dollars spent are said too."""
    _profiles(coachkit_home, "gpt", "{llm_scores_per_hour: 10}")
    gate = BudgetGate(store, Budget(llm_scores_per_hour=10, usd_per_day=None), UsageLog(store))
    for _ in range(9):  # nine scores taken this hour, as nine LLM scores take them
        gate.take()
    view = _view(Coach(bank=bank, store=store, scorer_factory=_factory), tmp_path)
    assert "1 LLM score left this hour: answers past the 1st will be scored by local" in (
        view.budget_note.value
    )
    assert "(or wait: 5 are left again at " in view.budget_note.value
    _profiles(coachkit_home, "gpt", "{usd_per_day: 0}")
    view.count.value = 3
    assert "spend is $0.00 of your $0.00 budget: wait till it resets at 00:00" in (
        view.budget_note.value
    )
    assert "Until then every answer will be scored by local (the fallback) instead." in (
        view.budget_note.value
    )
