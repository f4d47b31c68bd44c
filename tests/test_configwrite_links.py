"""Saves never go through a link into a file that is not the user's own (a cohort's shared
config linked in as the questions folder is), and never leave an empty file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import ConfigError, QuestionBank, Store, load_config
from coachkit.config import Budget, PracticeSettings
from coachkit.configwrite import save_budget, save_practice_plan, save_scorer_choice
from coachkit.ui import SettingsView
from coachkit.ui.runtime import InlineRunner

SHARED = """\
# the cohort's config
scorer: gpt
practice: {new_per_day: 4, role: backend}
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:9/v1"}
"""
OTHER_USER = 4242


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    """The coach's file, outside the user's home (root may write it all the same)."""
    path = tmp_path / "srv" / "cohort" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SHARED, encoding="utf-8")
    return path


@pytest.fixture
def own(coachkit_home: Path) -> Path:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    return coachkit_home / "config.yaml"


def _saves() -> list[object]:
    return [
        lambda: save_scorer_choice("local"),
        lambda: save_practice_plan(PracticeSettings()),
        lambda: save_budget(Budget(usd_per_day=0.5)),
    ]


@pytest.mark.parametrize("save", range(3), ids=["scorer", "plan", "budget"])
def test_a_home_config_linked_to_the_cohorts_is_not_written_through(
    cohort: Path, own: Path, save: int
) -> None:
    """As root the save rewrote the coach's file, for every learner."""
    own.symlink_to(cohort)
    before = cohort.read_bytes()
    with pytest.raises(ConfigError) as raised:
        _saves()[save]()  # type: ignore[operator]
    said = str(raised.value)
    assert said.startswith(f"Not saved: {own} is a link to {cohort}, which is not your own")
    assert f"Remove the link and set COACHKIT_CONFIG={cohort} instead" in said
    assert said.endswith(f"yours are saved in {own}, over them. Nothing was changed.")
    assert cohort.read_bytes() == before and own.is_symlink()


def test_a_link_to_another_users_file_in_the_home_is_not_written_through(
    own: Path, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = coachkit_home / "theirs.yaml"
    real.write_text("scorer: local\n", encoding="utf-8")
    own.symlink_to(real)
    monkeypatch.setattr(os, "geteuid", lambda: real.stat().st_uid + 1)
    with pytest.raises(ConfigError, match="which is not your own file"):
        save_practice_plan(PracticeSettings(new_per_day=2))
    assert real.read_text(encoding="utf-8") == "scorer: local\n"


def test_coachkit_config_naming_the_linked_file_is_no_way_round(
    cohort: Path, own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the link kept, COACHKIT_CONFIG makes it one file: the save went to the coach's."""
    own.symlink_to(cohort)
    monkeypatch.setenv("COACHKIT_CONFIG", str(cohort))
    before = cohort.read_bytes()
    with pytest.raises(ConfigError, match=f"Not saved: {own} is a link to {cohort}") as raised:
        save_scorer_choice("local")
    assert cohort.read_bytes() == before
    # It is set already: the fix is the link's removal alone (it said to set it).
    said = str(raised.value)
    assert f"Remove the link: COACHKIT_CONFIG already names {cohort}, so its settings" in said
    assert "set COACHKIT_CONFIG=" not in said


def test_the_fix_the_message_gives_works(
    cohort: Path, own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACHKIT_CONFIG", str(cohort))
    before = cohort.read_bytes()
    assert save_scorer_choice("local") == own
    assert cohort.read_bytes() == before
    config = load_config()
    assert config.scorer == "local" and config.practice.role == "backend"


def test_a_users_own_file_linked_from_elsewhere_is_still_written_through(
    tmp_path: Path, own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "dotfiles" / "coachkit.yaml"
    real.parent.mkdir()
    real.write_text("scorer: local\n", encoding="utf-8")
    own.symlink_to(real)
    if os.geteuid() == 0:  # root's files are all its own: be an ordinary user who owns it
        os.chown(real, OTHER_USER, -1)
        monkeypatch.setattr(os, "geteuid", lambda: OTHER_USER)
    save_practice_plan(PracticeSettings(new_per_day=2))
    assert own.is_symlink() and "new_per_day: 2" in real.read_text(encoding="utf-8")


def test_the_settings_view_says_it_and_keeps_the_choice(
    cohort: Path, own: Path, bank: QuestionBank, store: Store
) -> None:
    own.symlink_to(cohort)
    before = cohort.read_bytes()
    coach = coach_with(bank, store, FakeScorer("local"), FakeScorer("gpt"), config=load_config())
    view = SettingsView(coach, runner=InlineRunner(), budget=lambda _c: "b")
    view.scorer.value = "local"
    view.save_button.click()
    assert (view.errors.message or "").startswith(f"Not saved: {own} is a link to {cohort}")
    assert view.scorer.value == "local" and cohort.read_bytes() == before


def test_choosing_the_shared_scorer_leaves_the_header_not_an_empty_file(
    cohort: Path, own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its only line gone, the file was left 0 bytes: an empty file that looked broken."""
    monkeypatch.setenv("COACHKIT_CONFIG", str(cohort))
    own.write_text("scorer: local\n", encoding="utf-8")
    save_scorer_choice("gpt")
    text = own.read_text(encoding="utf-8")
    assert text.startswith(f"# Your own coachkit settings, over the shared config {cohort}")
    assert "scorer" not in text.replace("Only scorer,", "")
    assert load_config().scorer == "gpt"


def test_a_plan_equal_to_the_shared_one_leaves_the_header_too(
    cohort: Path, own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACHKIT_CONFIG", str(cohort))
    own.write_text("practice:\n  new_per_day: 2\n", encoding="utf-8")
    save_practice_plan(PracticeSettings(new_per_day=4, role="backend"))
    assert own.read_text(encoding="utf-8").startswith("# Your own coachkit settings")
    assert load_config().practice.new_per_day == 4
