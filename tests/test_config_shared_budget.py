"""A coach who lowers the cohort's budget below a limit a learner saved (Save budget
allowed it then) sets that limit aside, as a profile the coach renamed is: the shared
limit applies, and the learner's LLM scoring and plan go on. Before, every view stopped
on the error: scored offline, the plan's defaults (no role, no interview date)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store, load_config
from coachkit.cli import main
from coachkit.errors import ConfigError
from coachkit.ui import SettingsView
from coachkit.ui.runtime import InlineRunner

SHARED = "budget: {{llm_scores_per_hour: {hourly}, usd_per_day: 0.5}}\n"
MINE = "practice: {role: backend}\nbudget:\n  llm_scores_per_hour: 8\n"


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "srv" / "cohort" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SHARED.format(hourly=10), encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    return path


@pytest.fixture
def personal(coachkit_home: Path, shared: Path) -> Path:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "config.yaml"
    path.write_text(MINE, encoding="utf-8")
    assert load_config().budget.llm_scores_per_hour == 8  # lower than the coach's 10: fine
    shared.write_text(SHARED.format(hourly=5), encoding="utf-8")  # the coach lowers it
    return path


def test_the_shared_limit_applies_and_the_rest_of_ones_settings(
    shared: Path, personal: Path
) -> None:
    config = load_config()
    assert config.budget.llm_scores_per_hour == 5
    assert config.practice.role == "backend"
    assert config.own_budget == frozenset()  # Settings: "set in the shared config"
    assert config.set_aside == (
        f"{personal}:3: budget.llm_scores_per_hour: 8 LLM scores per hour is above the "
        "shared config's 5 LLM scores per hour, which is the most you may set (your coach's "
        "key pays): set a lower limit, or none to use theirs. The shared config is "
        f"{shared} (set by COACHKIT_CONFIG). Until your file is fixed, the shared config's "
        "5 LLM scores per hour applies; the rest of your settings apply.",
    )
    with pytest.raises(ConfigError, match="8 LLM scores per hour is above"):
        load_config(strict=True)


def test_the_command_line_goes_on_and_config_check_still_fails(
    shared: Path, personal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main(["next"], out=out) == 0
    assert "For your role, backend" in out.getvalue()
    assert "8 LLM scores per hour is above" in capsys.readouterr().err
    assert main(["config", "check"], out=io.StringIO()) == 2
    assert "1 mistake in your own settings (above)" in capsys.readouterr().err


def test_settings_says_so_and_save_budget_fixes_the_file(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    coach = Coach(bank=bank, store=store, scorer_factory=lambda _n, _c: FakeScorer("local"))
    view = SettingsView(coach, runner=InlineRunner())
    assert "Until your file is fixed, the shared config's 5 LLM scores per hour applies" in (
        view.errors.message or ""
    )
    assert (view.hourly.value, view.budget_button.disabled) == ("5", False)
    view.budget_button.click()
    assert view.budget_errors.message is None
    text = personal.read_text(encoding="utf-8")
    assert "llm_scores_per_hour" not in text and "role: backend" in text
    assert load_config(strict=True).budget.llm_scores_per_hour == 5


def test_a_spent_hour_sends_the_learner_to_the_coach_not_to_their_own_file(
    shared: Path, personal: Path
) -> None:
    """The limit that applies is the coach's: "raise it in your own config, up to the
    shared config's limit" sent the learner to a limit that no longer counted."""
    from coachkit.llm.budget import raise_limit, set_in

    assert raise_limit("llm_scores_per_hour") == (
        "ask whoever keeps the shared config (your coach) to raise its budget.llm_scores_per_hour"
    )
    assert set_in() == "in the shared config, set by whoever keeps it (your coach)"
    personal.write_text(MINE.replace("8", "4"), encoding="utf-8")  # under the coach's 5
    assert raise_limit("llm_scores_per_hour").startswith(
        f"raise budget.llm_scores_per_hour in your own config ({personal})"
    )
