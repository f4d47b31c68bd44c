"""Settings' LLM budget form: the limits typed, checked, saved with Save budget, and the
budget line above showing them; over a shared config, no higher than the coach's."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store, load_config
from coachkit.config import Budget
from coachkit.ui import SettingsView
from coachkit.ui.runtime import InlineRunner, LateWords, ManualScheduler
from coachkit.ui.settings_budget_form import parse_budget

CONFIG = """\
# my settings: keep this comment
scorer: local
budget:
  llm_scores_per_hour: 30  # my usual
  usd_per_day: 1.00
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/COACHKIT_TEST_KEY}
"""


def _text(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.fixture
def config_path(coachkit_home: Path) -> Path:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "config.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def coach(bank: QuestionBank, store: Store, config_path: Path) -> Coach:
    # No config given: the Coach reads the file again once it changes, as a notebook's does.
    return Coach(bank=bank, store=store, scorer_factory=lambda _n, _c: FakeScorer("local"))


def _view(coach: Coach, **kwargs: object) -> SettingsView:
    return SettingsView(coach, runner=InlineRunner(), **kwargs)  # type: ignore[arg-type]


def test_the_fields_show_the_files_limits(coach: Coach) -> None:
    view = _view(coach)
    assert (view.hourly.value, view.daily.value) == ("30", "1.00")
    assert view.hourly.description == "LLM scores per hour"
    assert view.daily.description == "USD per day"
    assert "leave a field empty for no limit" in _text(view.budget_hint.value)


def test_save_budget_writes_the_limits_and_the_line_shows_them(
    coach: Coach, config_path: Path
) -> None:
    view = _view(coach)
    assert (
        _text(view.budget.value) == "scores left this hour: 30 of 30; spent today: $0.00 of $1.00"
    )
    view.hourly.value, view.daily.value = "12", "0.25"
    view.budget_button.click()
    assert view.budget_errors.message is None, view.budget_errors.message
    said = _text(view.budget_status.value)
    assert said.startswith(f"Saved the LLM budget ({config_path}): 12 LLM scores per hour, ")
    assert "$0.25 per day" in said
    # The new limits, and what is left of them now.
    assert (
        _text(view.budget.value) == "scores left this hour: 12 of 12; spent today: $0.00 of $0.25"
    )
    text = config_path.read_text(encoding="utf-8")
    assert "llm_scores_per_hour: 12  # my usual\n  usd_per_day: 0.25\n" in text
    assert text.startswith("# my settings: keep this comment\n")
    assert load_config().budget == Budget(llm_scores_per_hour=12, usd_per_day=0.25)


def test_empty_fields_save_no_limit(coach: Coach, config_path: Path) -> None:
    view = _view(coach)
    view.hourly.value, view.daily.value = "", " "
    view.budget_button.click()
    assert load_config().budget == Budget(llm_scores_per_hour=None, usd_per_day=None)
    assert "unlimited" in _text(view.budget.value), view.budget.value
    assert (view.hourly.value, view.daily.value) == ("", "")


@pytest.mark.parametrize(
    ("hourly", "daily", "said"),
    [
        ("-3", "1", "LLM scores per hour is '-3': give a number such as 30"),
        ("1/2", "1", "LLM scores per hour is '1/2': give a number such as 30"),
        ("ten", "1", "LLM scores per hour is 'ten'"),
        ("30", "-1", "USD per day is '-1': give an amount in dollars"),
        ("30", "abc", "USD per day is 'abc'"),
        ("30", "0.125", "USD per day is 0.125: give it in dollars and cents, at most 2"),
        ("30", "1e3", "USD per day is '1e3'"),
        ("30", "nan", "USD per day is 'nan'"),
        ("9999999", "1", "LLM scores per hour is 9,999,999: give at most 100,000"),
        ("30", "50000", "USD per day is 50000: give at most 10,000"),
    ],
)
def test_bad_input_is_refused_keeps_the_typed_text_and_changes_nothing(
    coach: Coach, config_path: Path, hourly: str, daily: str, said: str
) -> None:
    view = _view(coach)
    view.budget_button.click()  # an earlier save's note must not stay beside the refusal
    assert "Saved the LLM budget" in view.budget_status.value
    before = config_path.read_bytes()
    view.hourly.value, view.daily.value = hourly, daily
    view.budget_button.click()
    message = view.budget_errors.message or ""
    assert message.startswith("Not saved: ") and said in message, message
    assert view.budget_status.value == ""
    assert (view.hourly.value, view.daily.value) == (hourly, daily)
    assert config_path.read_bytes() == before


def test_a_fractional_hourly_limit_in_the_file_is_saved_as_shown() -> None:
    # The config takes 2.5 an hour; the field shows it, and refusing it back made Save
    # budget refuse a change of the daily limit alone.
    assert parse_budget("2.5", "0.40") == Budget(llm_scores_per_hour=2.5, usd_per_day=0.4)


def test_both_fields_wrong_are_said_at_once() -> None:
    said = parse_budget("x", "y")
    assert isinstance(said, str) and "per hour is 'x'" in said and "per day is 'y'" in said
    assert parse_budget(" 7 ", "$1.5") == Budget(llm_scores_per_hour=7, usd_per_day=1.5)


def test_typed_limits_survive_save_as_default(coach: Coach) -> None:
    view = _view(coach)
    view.daily.value = "0.40"  # not saved yet
    view.save_button.click()
    assert view.daily.value == "0.40" and view.hourly.value == "30"


def test_a_limit_typed_just_before_save_budget_that_comes_in_after_it_is_saved_whole(
    coach: Coach, config_path: Path
) -> None:
    """Typed fast as 0.25, the kernel had 0.2 when Save budget's click came."""
    clock = ManualScheduler()
    view = SettingsView(coach, runner=InlineRunner(), scheduler=clock, plan_grace=0.5)
    view.daily.value = "0.2"  # what came in before the click
    view.budget_button.click()
    assert view.budget_status.value == "" and "0.20" not in config_path.read_text()
    view.daily.value = "0.25"  # the last key, late
    assert view.budget_status.value == ""  # another value may be just behind it
    clock.advance(LateWords.QUIET)  # none came
    assert "Saved the LLM budget" in view.budget_status.value
    assert load_config().budget.usd_per_day == 0.25
    clock.advance(1)  # the wait's timer is gone: nothing saved or said again
    assert clock.pending == 0 and view.budget_errors.message is None


def test_a_limit_written_in_the_file_since_the_view_opened_is_kept(
    coach: Coach, config_path: Path
) -> None:
    view = _view(coach)
    config_path.write_text(CONFIG.replace("usd_per_day: 1.00", "usd_per_day: 3.00"))
    view.hourly.value = "20"
    view.budget_button.click()
    assert load_config().budget == Budget(llm_scores_per_hour=20, usd_per_day=3)
    assert view.daily.value == "3.00"


SHARED = """\
scorer: local
budget: {llm_scores_per_hour: 10, usd_per_day: 0.5}
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/COACHKIT_TEST_KEY}
"""


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coachkit_home: Path) -> Path:
    path = tmp_path / "srv" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SHARED, encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    coachkit_home.mkdir(parents=True, exist_ok=True)
    return path


def test_over_a_shared_config_a_lower_limit_is_saved_a_higher_one_refused(
    shared: Path, coachkit_home: Path, bank: QuestionBank, store: Store
) -> None:
    view = _view(Coach(bank=bank, store=store))
    assert (view.hourly.value, view.daily.value) == ("10", "0.50")
    hint = _text(view.budget_hint.value)
    assert "the most you may set (your coach's key pays): 10 LLM scores per hour, $0.50" in hint
    view.daily.value = "0.75"
    view.budget_button.click()
    message = view.budget_errors.message or ""
    assert message.startswith("Not saved: $0.75 per day is above the shared config's $0.50 per day")
    assert view.daily.value == "0.75" and not (coachkit_home / "config.yaml").exists()
    view.daily.value = "0.30"
    view.budget_button.click()
    assert view.budget_errors.message is None
    own = coachkit_home / "config.yaml"
    assert "Saved the LLM budget to your own settings" in _text(view.budget_status.value)
    assert own.read_text(encoding="utf-8").endswith("budget:\n  usd_per_day: 0.30\n")
    assert _text(view.budget.value).endswith("spent today: $0.00 of $0.30"), view.budget.value
    assert shared.read_text(encoding="utf-8") == SHARED


def test_a_broken_config_turns_save_budget_off(coach: Coach, config_path: Path) -> None:
    config_path.write_text("budget: [1\n", encoding="utf-8")
    view = _view(coach)
    assert view.budget_button.disabled
