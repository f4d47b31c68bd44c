"""Over a shared config (COACHKIT_CONFIG) the budget is the coach's: a spent or switched-off
budget says whom to ask, not to edit a file the user may not set it in."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai_server import STORY, loopback_only, write_config  # noqa: F401 (pytestmark)

from coachkit import BudgetExceededError, QuestionBank, Store, load_config
from coachkit.config import Budget
from coachkit.llm import BudgetGate, LLMScorer, UsageLog, score_repeated

pytestmark = pytest.mark.usefixtures("loopback_only")

COACH = "the shared config, set by whoever keeps it (your coach)"
ASK = "ask whoever keeps the shared config (your coach) to raise its budget."


@pytest.fixture(params=[False, True], ids=["own", "shared"])
def shared(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether the budget is read from a cohort's shared config (else the user's own)."""
    if request.param:
        monkeypatch.setenv("COACHKIT_CONFIG", str(tmp_path / "cohort.yaml"))
    return bool(request.param)


def _refusal(store: Store, budget: Budget) -> str:
    with pytest.raises(BudgetExceededError) as raised:
        BudgetGate(store, budget, UsageLog(store)).look()
    return str(raised.value)


def test_a_switched_off_budget_says_where_it_is_set(shared: bool, store: Store) -> None:
    said = _refusal(store, Budget(llm_scores_per_hour=0))
    where = COACH if shared else "your config"
    assert f"(budget.llm_scores_per_hour is 0 in {where})." in said, said


def test_a_spent_day_says_who_can_raise_it(shared: bool, store: Store) -> None:
    said = _refusal(store, Budget(llm_scores_per_hour=None, usd_per_day=0))
    if shared:
        assert f"({ASK[0].upper()}{ASK[1:]}usd_per_day to allow more.)" in said, said
        assert "in your config" not in said
    else:
        assert "(Raise budget.usd_per_day in your config to allow more.)" in said, said


def test_a_spent_hour_says_who_can_raise_it(shared: bool, store: Store) -> None:
    gate = BudgetGate(store, Budget(llm_scores_per_hour=1, usd_per_day=None), UsageLog(store))
    gate.take()
    with pytest.raises(BudgetExceededError) as raised:
        gate.take()
    said = str(raised.value)
    if shared:
        assert f"({ASK[0].upper()}{ASK[1:]}llm_scores_per_hour to allow more.)" in said, said
    else:
        assert "(Raise budget.llm_scores_per_hour in your config to allow more.)" in said, said


@pytest.mark.parametrize(
    ("budget", "own", "cohort"),
    [
        (
            {"llm_scores_per_hour": 0},
            "(budget.llm_scores_per_hour is 0 in your config): raise it to allow any.",
            f"(budget.llm_scores_per_hour is 0 in {COACH}): ask them to allow some.",
        ),
        (
            {"llm_scores_per_hour": 2},
            "or raise budget.llm_scores_per_hour in your config.",
            f"or {ASK}llm_scores_per_hour.",
        ),
        (
            {"llm_scores_per_hour": None, "usd_per_day": 0},
            "or raise budget.usd_per_day in your config.",
            f"or {ASK}usd_per_day.",
        ),
    ],
)
def test_repeats_refused_up_front_say_who_can_raise_the_budget(
    shared: bool,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    budget: dict[str, object],
    own: str,
    cohort: str,
) -> None:
    params = {"model": "openai/gpt-4o-mini", "api_base": "http://127.0.0.1:9/v1", "api_key": "k"}
    config = load_config(write_config(tmp_path / "cohort.yaml", {"gpt": params}, budget=budget))
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    with pytest.raises(BudgetExceededError) as raised:
        score_repeated(scorer, bank.get("time-you-failed"), STORY, k=3)
    said = str(raised.value)
    assert said.endswith(cohort if shared else own), said


@pytest.fixture
def own_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cohort's shared config, and the user's own file setting lower limits under it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("COACHKIT_HOME", str(home))
    cohort = tmp_path / "cohort.yaml"
    cohort.write_text("scorer: local\n", encoding="utf-8")  # no budget: the defaults cap
    monkeypatch.setenv("COACHKIT_CONFIG", str(cohort))
    own = home / "config.yaml"
    own.write_text("budget:\n  llm_scores_per_hour: 1\n  usd_per_day: 0\n", encoding="utf-8")
    return own


def test_a_spent_limit_of_the_users_own_is_theirs_to_raise(own_limits: Path, store: Store) -> None:
    # Said as the coach's ("ask whoever keeps the shared config"), though the coach's
    # limit was higher and the user's own file had set the lower one.
    gate = BudgetGate(store, Budget(llm_scores_per_hour=1, usd_per_day=None), UsageLog(store))
    gate.take()
    with pytest.raises(BudgetExceededError) as raised:
        gate.take()
    said = str(raised.value)
    assert f"Raise budget.llm_scores_per_hour in your own config ({own_limits})" in said, said
    assert "up to the shared config's limit" in said and "your coach" not in said
    day = _refusal(store, Budget(llm_scores_per_hour=None, usd_per_day=0))
    assert f"Raise budget.usd_per_day in your own config ({own_limits})" in day, day


def test_scoring_switched_off_by_the_users_own_file_says_so(own_limits: Path, store: Store) -> None:
    own_limits.write_text("budget: {llm_scores_per_hour: 0}\n", encoding="utf-8")
    said = _refusal(store, Budget(llm_scores_per_hour=0))
    assert f"(budget.llm_scores_per_hour is 0 in your own config, {own_limits})." in said, said


def test_a_limit_the_user_did_not_set_is_still_the_coachs(own_limits: Path, store: Store) -> None:
    own_limits.write_text("budget: {usd_per_day: 0.5}\n", encoding="utf-8")
    said = _refusal(store, Budget(llm_scores_per_hour=0))
    assert f"(budget.llm_scores_per_hour is 0 in {COACH})." in said, said
