"""Budget limits read as people write them everywhere they are said, and an infinite
limit is refused with the file's line (it crashed the budget's status)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachkit import Coach, ConfigError, Store, load_config
from coachkit.llm.drift import _fewer_attempts
from coachkit.ui.settings import budget_line


def test_settings_names_the_limits_of_an_offline_only_config_in_full(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "1e+06 LLM scores per hour, $1000000.00 per day"."""
    path = tmp_path / "config.yaml"
    path.write_text("budget: {llm_scores_per_hour: 1000000, usd_per_day: 1000000}\n")
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    line = budget_line(Coach(store=store))
    assert "(1,000,000 LLM scores per hour, $1,000,000.00 per day)" in line


def test_rescore_asks_for_fewer_attempts_in_figures_people_write() -> None:
    assert _fewer_attempts(999_999) == "pass 999,999 attempts or fewer"


@pytest.mark.parametrize("key", ["llm_scores_per_hour", "usd_per_day"])
def test_an_infinite_budget_is_refused_with_its_line(tmp_path: Path, key: str) -> None:
    """`.inf` was taken as a limit, and the budget's status then raised OverflowError."""
    path = tmp_path / "config.yaml"
    path.write_text(f"scorer: local\nbudget:\n  {key}: .inf\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert (
        f"{path}:3: budget.{key}: inf is not a number coachkit can use: write one, or null for none"
        in str(raised.value)
    )
