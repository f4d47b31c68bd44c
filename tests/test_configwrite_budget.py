"""Saving the LLM budget from Settings: the ``budget:`` section written, the rest of the
file as typed; over a shared config, only limits lower than the coach's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coachkit import ConfigError, load_config
from coachkit.config import Budget
from coachkit.configwrite import save_budget

LOWER = Budget(llm_scores_per_hour=12, usd_per_day=0.25)


def test_a_missing_file_is_created_with_the_budget(tmp_path: Path) -> None:
    path = save_budget(LOWER, tmp_path / "config.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.endswith("budget:\n  llm_scores_per_hour: 12\n  usd_per_day: 0.25\n")
    assert load_config(path).budget == LOWER


def test_no_limit_is_written_null(tmp_path: Path) -> None:
    path = save_budget(Budget(llm_scores_per_hour=None, usd_per_day=2), tmp_path / "c.yaml")
    assert "llm_scores_per_hour: null\n  usd_per_day: 2.00\n" in path.read_text(encoding="utf-8")
    assert load_config(path).budget == Budget(llm_scores_per_hour=None, usd_per_day=2)


def test_the_budget_is_edited_in_place_keeping_comments_and_other_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    before = (
        "# mine: keep this\n"
        "scorer: local\n"
        "budget:\n"
        "  # the hourly cap\n"
        "  llm_scores_per_hour: 30  # my usual\n"
        "  usd_per_day: 1.00\n"
        "\n"
        "practice:\n"
        "  new_per_day: 2  # slow week\n"
        "fallback: null\n"
    )
    path.write_text(before, encoding="utf-8")
    save_budget(LOWER, path)
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("hour: 30", "hour: 12").replace("day: 1.00", "day: 0.25")
    config = load_config(path)
    assert config.budget == LOWER and config.practice.new_per_day == 2 and config.fallback is None


def test_a_flow_budget_with_a_comment_keeps_the_comment(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "scorer: local\nbudget: {llm_scores_per_hour: 30, usd_per_day: 1.00}  # either null\n",
        encoding="utf-8",
    )
    save_budget(LOWER, path)
    assert path.read_text(encoding="utf-8") == (
        "scorer: local\nbudget:  # either null\n  llm_scores_per_hour: 12\n  usd_per_day: 0.25\n"
    )


def test_the_write_is_atomic_and_keeps_the_files_permissions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash mid-write (here, the rename refused) leaves the old file whole."""
    path = tmp_path / "config.yaml"
    path.write_text("scorer: local\n", encoding="utf-8")
    path.chmod(0o640)

    def refuse(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", refuse)
        with pytest.raises(ConfigError, match=r"Not saved: cannot write .*Nothing was changed"):
            save_budget(LOWER, path)
    assert path.read_text(encoding="utf-8") == "scorer: local\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.yaml"]  # no temporary left
    save_budget(LOWER, path)
    assert (path.stat().st_mode & 0o777) == 0o640


SHARED = """\
# the cohort's config
scorer: local
budget: {llm_scores_per_hour: 10, usd_per_day: 0.5}
"""


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "srv" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SHARED, encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    return path


@pytest.fixture
def personal(coachkit_home: Path) -> Path:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    return coachkit_home / "config.yaml"


def test_over_a_shared_config_a_lower_limit_is_saved_to_ones_own_file(
    shared: Path, personal: Path
) -> None:
    path = save_budget(Budget(llm_scores_per_hour=10, usd_per_day=0.2))
    assert path == personal
    # The hourly limit is the coach's: left to them, so their later change still applies.
    assert personal.read_text(encoding="utf-8").endswith("budget:\n  usd_per_day: 0.20\n")
    assert shared.read_text(encoding="utf-8") == SHARED
    assert load_config().budget == Budget(llm_scores_per_hour=10, usd_per_day=0.2)


@pytest.mark.parametrize(
    ("budget", "said"),
    [
        (Budget(llm_scores_per_hour=11, usd_per_day=0.5), "11 LLM scores per hour is above"),
        (Budget(llm_scores_per_hour=10, usd_per_day=None), "No limit per day is above"),
    ],
)
def test_over_a_shared_config_a_higher_limit_is_refused_naming_the_coachs(
    shared: Path, personal: Path, budget: Budget, said: str
) -> None:
    personal.write_text("scorer: local  # mine\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        save_budget(budget)
    message = str(raised.value)
    assert message.startswith(f"Not saved: {said} the shared config's"), message
    assert ("10 LLM scores per hour" if "hour is" in said else "$0.50 per day") in message
    assert message.endswith("Nothing was changed.")
    assert personal.read_text(encoding="utf-8") == "scorer: local  # mine\n"


def test_the_coachs_own_limits_again_take_ones_own_away(shared: Path, personal: Path) -> None:
    save_budget(Budget(llm_scores_per_hour=5, usd_per_day=0.5))
    save_budget(Budget(llm_scores_per_hour=10, usd_per_day=0.5))
    assert "budget:" not in personal.read_text(encoding="utf-8")
