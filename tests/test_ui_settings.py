"""The settings view: profiles, masked config, test connection, budget, saving the choice."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, FocusLog, coach_with

from coachkit import Coach, ProviderError, QuestionBank, Store, UnknownScorerError, load_config
from coachkit.config import PracticeSettings
from coachkit.configwrite import save_scorer_choice
from coachkit.ui import PracticeView, SettingsView
from coachkit.ui.live import LIVE_SCRIPT
from coachkit.ui.runtime import InlineRunner, LateWords, ManualRunner, ManualScheduler
from coachkit.ui.settings import ConnectionCheck, check_connection

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
CONFIG = """\
# my settings: keep this comment
scorer: local
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/COACHKIT_TEST_KEY}
  - model_name: box
    litellm_params:
      model: openai/box
      api_base: "http://127.0.0.1:9/v1"
      api_key: sk-literal-123456789
"""


@pytest.fixture
def config_path(coachkit_home: Path) -> Path:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "config.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


@pytest.fixture
def coach(bank: QuestionBank, store: Store, config_path: Path) -> Coach:
    return coach_with(bank, store, FakeScorer("local"), FakeScorer("gpt"), config=load_config())


def _view(coach: Coach, **kwargs: object) -> SettingsView:
    return SettingsView(coach, runner=InlineRunner(), **kwargs)  # type: ignore[arg-type]


def test_shows_profiles_and_masks_secrets(coach: Coach, config_path: Path) -> None:
    view = _view(coach, budget=lambda _c: "limits: 30 per hour")
    assert view.errors.message is None
    assert [v for _l, v in view.scorer.options] == ["local", "gpt", "box"]
    assert view.scorer.value == "local"
    assert str(config_path) in view.source.value
    assert "sk-literal-123456789" not in view.resolved.value
    assert "sk-****89" in view.resolved.value
    assert "os.environ/COACHKIT_TEST_KEY" in view.resolved.value
    assert "limits: 30 per hour" in view.budget.value
    assert "offline scorer" in view.profile.value


def test_switching_profile_shows_its_settings(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(coach)
    view.scorer.value = "gpt"
    assert "openai/gpt-4o-mini" in view.profile.value
    assert "COACHKIT_TEST_KEY" in view.profile.value and "not set" in view.profile.value
    monkeypatch.setenv("COACHKIT_TEST_KEY", "secret-value-here")
    view.scorer.value = "box"
    view.scorer.value = "gpt"
    assert "not set" not in view.profile.value
    assert "secret-value-here" not in view.profile.value


def test_save_as_default_keeps_the_rest_of_the_file(
    coach: Coach, config_path: Path, bank: QuestionBank, store: Store
) -> None:
    view = _view(coach)
    view.scorer.value = "gpt"
    view.save_button.click()
    text = config_path.read_text(encoding="utf-8")
    assert "scorer: gpt" in text and "# my settings: keep this comment" in text
    assert load_config().scorer == "gpt"
    assert "Saved" in view.status.value and view.scorer.value == "gpt"
    # A practice view opened afterwards scores with the saved choice.
    later = coach_with(bank, store, FakeScorer("local"), FakeScorer("gpt"), config=load_config())
    practice = PracticeView(later, runner=InlineRunner(), scheduler=ManualScheduler())
    assert practice.scorer.value == "gpt"


def test_save_creates_a_missing_file_and_refuses_unknown_names(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    with pytest.raises(UnknownScorerError):
        save_scorer_choice("nope", path)
    assert not path.exists()  # nothing half-written
    save_scorer_choice("local", path)
    assert load_config(path).scorer == "local"


def test_test_connection_reports_success_and_failure(coach: Coach) -> None:
    results = iter(
        [
            ConnectionCheck(True, "gpt answered in 120 ms", 120.0),
            ConnectionCheck(False, "401: bad key"),
        ]
    )
    view = _view(coach, checker=lambda _c, _n: next(results), budget=lambda _c: "b")
    view.scorer.value = "gpt"
    view.test_button.click()
    assert "Connected" in view.status.value and "120 ms" in view.status.value
    view.test_button.click()
    assert "Failed" in view.status.value and "401: bad key" in view.status.value


def test_a_key_not_set_is_said_once_in_the_test_result(coach: Coach) -> None:
    """'Failed: ... export COACHKIT_TEST_KEY=... in your shell ... or, in a notebook, set
    it in a cell ...' above a box beneath the profile saying the same, at length."""
    view = _view(coach, checker=check_connection, budget=lambda _c: "b")
    view.scorer.value = "gpt"  # its key, COACHKIT_TEST_KEY, is not set
    view.test_button.click()
    assert "Failed:</span> profile gpt needs COACHKIT_TEST_KEY: set it as said below." in (
        view.status.value
    )
    assert "getpass" not in view.status.value and "getpass" in view.profile.value


def test_testing_the_offline_scorer_says_it_is_ready_not_connected(coach: Coach) -> None:
    """It said "Connected: (the offline scorer: no provider to check)"."""
    view = _view(coach, checker=check_connection, budget=lambda _c: "b")
    view.scorer.value = "local"
    view.test_button.click()
    assert "Ready" in view.status.value and "Connected" not in view.status.value


def test_test_connection_is_busy_once(coach: Coach) -> None:
    runner = ManualRunner()
    calls: list[str] = []

    def checker(_coach: Coach, name: str) -> ConnectionCheck:
        calls.append(name)
        return ConnectionCheck(True, "ok")

    view = SettingsView(coach, runner=runner, checker=checker, budget=lambda _c: "b")
    log = FocusLog(view.test_button)
    view.test_button.click()
    view.test_button.click()
    assert "ck-busy" in view.test_button._dom_classes and "Testing" in view.status.value
    # Disabled, it dropped focus to the page while testing, and was handed it back after,
    # pulling a user who had tabbed on back to it: it keeps focus and is only marked busy.
    assert not view.test_button.disabled
    runner.finish()
    assert calls == ["local"] and "ck-busy" not in view.test_button._dom_classes
    assert log.focused == []


def test_the_transcriber_is_tested_on_a_button_of_its_own(
    bank: QuestionBank, store: Store, config_path: Path
) -> None:
    """It is no scorer, so not in the Scorer menu, which Test connection tests."""
    config_path.write_text(CONFIG + "transcriber: box\n", encoding="utf-8")
    coach = coach_with(bank, store, FakeScorer("local"), config=load_config())
    calls: list[str] = []

    def checker(_coach: Coach, name: str) -> ConnectionCheck:
        calls.append(name)
        return ConnectionCheck(True, "box transcribed a silent test clip in 80 ms", 80.0)

    runner = ManualRunner()
    view = SettingsView(coach, runner=runner, checker=checker, budget=lambda _c: "b")
    assert [v for _l, v in view.scorer.options] == ["local", "gpt"]
    assert view.transcriber_button.layout.display is None  # shown
    log = FocusLog(view.transcriber_button)
    view.transcriber_button.click()
    assert "ck-busy" in view.transcriber_button._dom_classes
    assert not view.transcriber_button.disabled and not view.test_button.disabled
    view.test_button.click()  # one test at a time
    runner.finish()
    assert calls == ["box"] and "ck-busy" not in view.transcriber_button._dom_classes
    assert "Transcriber <b>box</b>" in view.status.value and "Connected" in view.status.value
    assert log.focused == []  # focus never left it


def test_no_transcriber_no_transcriber_button(coach: Coach) -> None:
    assert _view(coach, budget=lambda _c: "b").transcriber_button.layout.display == "none"


def test_a_crashing_checker_is_shown_not_raised(coach: Coach) -> None:
    def checker(_coach: Coach, _name: str) -> ConnectionCheck:
        raise ProviderError("The gpt profile timed out.")

    view = _view(coach, checker=checker, budget=lambda _c: "b")
    view.test_button.click()
    assert "Failed" in view.status.value and "timed out" in view.status.value


def test_a_broken_config_file_is_explained(
    bank: QuestionBank, store: Store, config_path: Path
) -> None:
    config_path.write_text("scorer: [unclosed\n", encoding="utf-8")
    view = SettingsView(coach_with(bank, store), runner=InlineRunner(), budget=lambda _c: "b")
    assert view.errors.message is not None and str(config_path) in view.errors.message
    assert "has an error" in view.source.value


def test_budget_line_reads_the_llm_budget(coach: Coach) -> None:
    from coachkit.ui.settings import budget_line

    assert "scores left this hour" in budget_line(coach)


def test_budget_line_without_an_llm_profile_says_the_offline_scorer_is_free(
    bank: QuestionBank, store: Store
) -> None:
    """It showed "scores left this hour: 30 of 30" with no LLM to spend them on."""
    from coachkit.config import Config
    from coachkit.ui.settings import budget_line

    line = budget_line(Coach(bank=bank, store=store, config=Config()))
    assert "Only the offline scorer is set up" in line and "scores left" not in line
    assert line.endswith(
        "The LLM budget (30 LLM scores per hour, $1.00 per day) applies once you add an LLM "
        "profile."
    )
    one = Config.model_validate({"budget": {"llm_scores_per_hour": 1}})
    line = budget_line(Coach(bank=bank, store=store, config=one))
    assert "(1 LLM score per hour, $1.00 per day)" in line  # not "1 LLM scores"


def test_opening_settings_does_not_import_litellm() -> None:
    code = (
        "import sys; from coachkit.ui import SettingsView; SettingsView();"
        "print('litellm' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")


def test_saving_the_plan_shows_the_whole_number_used(
    coach: Coach, config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The browser kept showing "2.5" while 2 was saved: the kernel read it as 2, no
    change from before, so nothing was sent back to the box."""
    view = _view(coach)
    view.new_per_day.value = 2
    sent: list[object] = []
    monkeypatch.setattr(view.new_per_day, "send_state", sent.append)
    view.new_per_day.value = 2.5  # what the browser sends for "2.5": read as 2, no change
    view.plan_button.click()
    assert sent == ["value"] and view.new_per_day.value == 2
    assert load_config().practice.new_per_day == 2


def test_the_practice_plan_is_saved_and_shown(coach: Coach, config_path: Path) -> None:
    from datetime import date, timedelta

    view = _view(coach)
    assert view.interview.value is None and view.new_per_day.value == 5
    assert "Today: 0 due for review; 0 of 5 new started today." in view.plan.value
    soon = date.today() + timedelta(days=10)
    view.interview.value = soon
    view.new_per_day.value = 2
    view.plan_button.click()
    assert view.errors.message is None and "Saved the practice plan" in view.plan_status.value
    text = config_path.read_text(encoding="utf-8")
    assert f"interview_date: {soon.isoformat()}" in text and "# my settings" in text
    assert load_config().practice.new_per_day == 2
    assert "0 of 2 new started today; interview in 10 days" in view.plan.value
    # What 2 a day leaves unstarted, said apart, with the field to change on this page.
    short = len(coach.bank) - 20  # two today and on each of the nine days after
    assert (
        f"not practised yet.<br>At 2 new a day, at least {short} of them will not be started "
        "before the interview: raise New questions a day above, then Save plan."
    ) in view.plan.value
    view.interview.value = None
    view.plan_button.click()
    assert load_config().practice.interview_date is None


def test_a_past_interview_date_is_refused_and_kept_on_screen(
    coach: Coach, config_path: Path
) -> None:
    from datetime import date, timedelta

    before = config_path.read_text(encoding="utf-8")
    view = _view(coach)
    past = date.today() - timedelta(days=27)
    view.interview.value = past
    view.new_per_day.value = 3
    view.plan_button.click()
    # Beside the button, not in the panel at the top of the page.
    message = view.plan_errors.message or ""
    assert "Not saved" in message and "has passed" in message and f"{past:%d %b %Y}" in message
    assert view.errors.message is None
    assert "Saved" not in view.status.value
    assert config_path.read_text(encoding="utf-8") == before  # nothing written
    assert view.interview.value == past and view.new_per_day.value == 3  # nothing lost
    # Today is still a date to aim for; fixing the date saves at once.
    view.interview.value = date.today()
    view.plan_button.click()
    assert view.plan_errors.message is None and "Saved the practice plan" in view.plan_status.value
    assert load_config().practice.interview_date == date.today()


def test_a_negative_number_of_new_questions_is_refused_not_turned_into_zero(
    coach: Coach, config_path: Path
) -> None:
    """-3 in "New questions a day" became 0 without a word, and Save plan wrote it."""
    before = config_path.read_text(encoding="utf-8")
    view = _view(coach)
    view.new_per_day.value = -3
    view.plan_button.click()
    message = view.plan_errors.message or ""
    assert "Not saved: new questions a day is -3" in message and "from 0 to 1000" in message
    assert config_path.read_text(encoding="utf-8") == before and view.new_per_day.value == -3
    view.new_per_day.value = 0
    view.plan_button.click()
    assert view.plan_errors.message is None and load_config().practice.new_per_day == 0


def test_a_past_date_already_in_the_file_is_pointed_out(coach: Coach, config_path: Path) -> None:
    config_path.write_text(CONFIG + "practice:\n  interview_date: 2020-01-31\n", encoding="utf-8")
    view = _view(coach)
    assert view.interview.value is not None  # shown as it is, for the user to change
    assert "31 Jan 2020" in view.plan.value and "has passed" in view.plan.value


def test_a_late_test_result_is_labelled_with_its_profile(coach: Coach) -> None:
    runner = ManualRunner()
    view = SettingsView(
        coach,
        runner=runner,
        checker=lambda _c, name: ConnectionCheck(False, f"{name} did not answer within 8 s"),
        budget=lambda _c: "b",
    )
    view.scorer.value = "box"
    view.test_button.click()
    view.scorer.value = "local"  # switched while the slow test runs
    assert "Still testing box" in view.status.value
    runner.finish()
    status = view.status.value
    assert "Test of <b>box</b> (not the profile selected now)" in status
    assert "box did not answer" in status
    assert view.check is None  # not taken as the result for local
    assert not view.test_button.disabled
    view.test_button.click()
    runner.finish()
    status = view.status.value
    assert status.startswith('<p role="status"><span class=') and "local did not" in status
    assert view.check is not None and "local" in view.check.message


def test_a_result_for_the_selected_profile_after_switching_back_is_its_own(coach: Coach) -> None:
    runner = ManualRunner()
    view = SettingsView(
        coach,
        runner=runner,
        checker=lambda _c, n: ConnectionCheck(True, f"{n} ok"),
        budget=lambda _c: "b",
    )
    view.scorer.value = "gpt"
    view.test_button.click()
    view.scorer.value = "box"
    view.scorer.value = "gpt"
    assert "Testing gpt" in view.status.value
    runner.finish()
    assert "Connected" in view.status.value and "not the profile" not in view.status.value


def test_an_unreadable_history_does_not_hide_the_settings(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.errors import CorruptDatabaseError

    def broken(*_args: object) -> list[object]:
        raise CorruptDatabaseError("coachkit.db is not a database: restore it from a backup.")

    monkeypatch.setattr(coach, "read_history", broken)
    view = _view(coach, budget=lambda _c: "limits: 30 per hour")
    assert "coachkit.db is not a database" in view.plan.value
    assert "Traceback" not in view.plan.value
    assert "limits: 30 per hour" in view.budget.value and "gpt" in view.resolved.value


def test_a_refused_plan_takes_back_the_earlier_saved_note(coach: Coach, config_path: Path) -> None:
    """After a save, a refused one showed "Not saved" above the old "Saved the practice
    plan", as if both had happened."""
    from datetime import date, timedelta

    view = _view(coach)
    view.new_per_day.value = 2
    view.plan_button.click()
    assert "Saved the practice plan" in view.plan_status.value
    view.interview.value = date.today() - timedelta(days=3)
    view.plan_button.click()
    assert "Not saved" in (view.plan_errors.message or "")
    assert view.plan_status.value == ""
    assert "Today:" in view.plan.value  # the plan itself stays


def test_in_voila_the_advice_is_to_reload_the_page_not_to_rerun_a_cell(
    bank: QuestionBank, store: Store, config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Voila page (Voila sets VOILA_KERNEL_ID in its kernels) has no cell to run again,
    no kernel to restart and no cell to set a key in: it is reloaded."""
    monkeypatch.setenv("VOILA_KERNEL_ID", "0d4c1f2e")
    view = _view(coach_with(bank, store, config=load_config()))
    view.scorer.value = "gpt"  # its key, COACHKIT_TEST_KEY, is not set
    assert "export it in the shell that starts Voila" in view.profile.value
    assert "in a cell" not in view.profile.value
    view.save_button.click()
    assert "Reload the pages open already" in view.status.value
    assert "kernel" not in view.status.value
    view.plan_button.click()
    assert "Reload the pages open already" in view.plan_status.value

    config_path.write_text("scorer: [unclosed\n", encoding="utf-8")
    broken = SettingsView(coach_with(bank, store), runner=InlineRunner(), budget=lambda _c: "b")
    for shown in (broken.source.value, broken.plan.value):
        assert "reload this page" in shown and "cell" not in shown


def test_in_jupyterlab_the_advice_stays_with_cells_and_kernels(
    bank: QuestionBank, store: Store, config_path: Path
) -> None:
    config_path.write_text("scorer: [unclosed\n", encoding="utf-8")
    broken = SettingsView(coach_with(bank, store), runner=InlineRunner(), budget=lambda _c: "b")
    assert "re-run this cell" in broken.source.value


def test_a_key_set_in_a_cell_is_shown_set_once_tested(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the getpass cell the box had asked for, Test connection said "Connected"
    above "api_key from $COACHKIT_TEST_KEY (not set)" and "Set COACHKIT_TEST_KEY: run ..."."""
    view = _view(coach, checker=lambda _c, _n: ConnectionCheck(True, "ok", 5.0))
    view.scorer.value = "gpt"
    assert "not set" in view.profile.value and "getpass" in view.profile.value
    monkeypatch.setenv("COACHKIT_TEST_KEY", "sk-typed-in-a-cell-0042")
    view.test_button.click()
    assert "Connected" in view.status.value
    assert "not set" not in view.profile.value and "getpass" not in view.profile.value
    assert "sk-typed-in-a-cell-0042" not in view.profile.value + view.status.value


def _spent_coach(bank: QuestionBank, store: Store, tmp_path: Path, extra: str) -> Coach:
    path = tmp_path / "spent.yaml"
    path.write_text(CONFIG + extra, encoding="utf-8")
    return Coach(bank=bank, store=store, config=load_config(path))


def test_a_spent_daily_budget_says_scores_fall_back_and_what_to_raise(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    """It read "spent today: $0.0014 of $0.0010" and no more: not that LLM scores had
    stopped, who scores meanwhile, or what to change."""
    from coachkit.llm import Call, UsageLog
    from coachkit.ui.settings import budget_line

    coach = _spent_coach(bank, store, tmp_path, "budget: {usd_per_day: 0.001}\n")
    assert "Spent" not in budget_line(coach)
    UsageLog(store).record(Call("gpt", "openai/gpt-4o-mini", "score", "ok", cost_usd=0.0014))
    line = budget_line(coach)
    assert "spent today: $0.0014 of $0.0010. Budget spent for today: it resets at 00:00, in " in (
        line
    )
    assert line.count("$0.0014") == 1  # the figures once, then what follows from them
    assert line.endswith(
        "; meanwhile your answers are scored by the offline scorer (local); raise it in the "
        "fields below (or budget.usd_per_day in your config) to allow more."
    )


def test_a_spent_hourly_budget_without_a_fallback_says_scores_are_refused(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    from coachkit.ui.settings import budget_line

    coach = _spent_coach(
        bank, store, tmp_path, "fallback: null\nbudget: {llm_scores_per_hour: 0}\n"
    )
    assert budget_line(coach).endswith(
        ". Budget spent for this hour; an LLM score is refused meanwhile (fallback: "
        "null): pick local to score; raise it in the fields below (or "
        "budget.llm_scores_per_hour in your config) to allow more."
    )


def test_a_config_edited_after_opening_is_shown_afresh_when_tested(
    bank: QuestionBank, store: Store, config_path: Path
) -> None:
    """A profile added to the file after Settings opened was not in the menu, and a test
    read the edited file while the table still showed the old api_base."""
    tested: list[str] = []

    def checker(_coach: Coach, name: str) -> ConnectionCheck:
        tested.append(name)
        return ConnectionCheck(True, "ok", 1.0)

    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), checker=checker)
    view.scorer.value = "box"
    edited = CONFIG.replace("127.0.0.1:9/v1", "127.0.0.1:8/v1") + (
        "  - model_name: added\n    litellm_params: {model: openai/added}\n"
    )
    config_path.write_text(edited, encoding="utf-8")
    view.test_button.click()
    assert tested == ["box"] and view.scorer.value == "box"
    assert "127.0.0.1:8/v1" in view.profile.value and "127.0.0.1:9/v1" not in view.profile.value
    assert "added" in [value for _label, value in view.scorer.options]

    config_path.write_text(edited.replace("model_name: box", "model_name: bx"), encoding="utf-8")
    view.test_button.click()  # the profile selected is gone: the one now shown is tested
    assert tested == ["box", "local"] and view.scorer.value == "local"

    config_path.write_text(edited.replace("scorer: local", "scorer: added"), encoding="utf-8")
    view.test_button.click()  # the file's new choice, none having been picked here since
    assert tested == ["box", "local", "added"] and view.scorer.value == "added"

    config_path.write_text("scorer: [unclosed\n", encoding="utf-8")
    view.test_button.click()  # broken now: said where, nothing tested
    assert tested == ["box", "local", "added"]
    assert view.errors.message is not None and str(config_path) in view.errors.message


def test_save_plan_keeps_what_was_written_in_the_file_since_the_view_opened(
    bank: QuestionBank, store: Store, config_path: Path
) -> None:
    """An interview date typed into the file by hand while Settings was open was saved over
    with the form's empty one when the role was picked and Save plan pressed."""
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "b")
    when = date.today() + timedelta(days=40)
    config_path.write_text(
        CONFIG + f"practice:\n  new_per_day: 5\n  interview_date: {when}  # the onsite\n",
        encoding="utf-8",
    )
    view.role.value = "backend"
    view.plan_button.click()
    assert load_config().practice == PracticeSettings(interview_date=when, role="backend")
    assert f"interview_date: {when}  # the onsite" in config_path.read_text(encoding="utf-8")
    assert "Kept from the file, edited since this view showed it: interview date." in (
        view.plan_status.value
    )
    assert view.interview.value == when and view.role.value == "backend"


def test_what_is_typed_in_the_plan_survives_save_as_default(coach: Coach) -> None:
    """Save as default showed the file afresh, and the plan's form with it: a number of
    new questions typed and not saved yet went back to the file's."""
    view = _view(coach, budget=lambda _c: "b")
    view.new_per_day.value = 2
    view.role.value = "backend"
    view.scorer.value = "gpt"
    view.save_button.click()
    assert "Saved" in view.status.value
    assert view.new_per_day.value == 2 and view.role.value == "backend"
    assert load_config().practice == PracticeSettings()  # typed, not saved


def test_a_misspelt_scorer_is_fixed_with_save_as_default(
    bank: QuestionBank, store: Store, config_path: Path
) -> None:
    """It said "Did you mean 'gpt'?" with Save as default off and only local in the menu:
    the one fix Settings exists for had to be made by hand."""
    config_path.write_text(CONFIG.replace("scorer: local", "scorer: gtp  # mine"), "utf-8")
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner())
    assert "scores left this hour: 30 of 30" in view.budget.value  # the rest of it is read
    view.test_button.click()  # a profile's test does not wait for the scorer's name
    assert "profile gpt needs COACHKIT_TEST_KEY" in view.status.value
    assert view.errors.message is not None
    assert "Unknown scorer 'gtp'" in view.errors.message and "Did you mean 'gpt'?" in (
        view.errors.message
    )
    assert view.errors.message.endswith(
        "To fix it here, pick gpt (selected) in the menu above and press Save as default."
    )
    assert view.scorer.value == "gpt" and not view.save_button.disabled
    assert view.plan_button.disabled  # its save would not load
    view.scorer.value = "box"  # looking at another profile keeps the problem in sight
    assert view.errors.message is not None and "gtp" in view.errors.message
    view.scorer.value = "gpt"
    view.save_button.click()
    assert "scorer: gpt  # mine" in config_path.read_text(encoding="utf-8")
    assert view.errors.message is None and "Saved" in view.status.value
    assert not view.plan_button.disabled


def test_a_misspelt_scorer_with_more_wrong_is_still_fixed_by_hand(
    bank: QuestionBank, store: Store, config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_path.write_text(CONFIG.replace("scorer: local", "scorer: gtp\nfallback: lcal"), "utf-8")
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "b")
    assert view.save_button.disabled and "fix it by hand" in view.plan.value
    config_path.write_text(CONFIG, "utf-8")
    monkeypatch.setenv("COACHKIT_SCORER", "gtp")  # no save changes the environment
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "b")
    assert view.save_button.disabled and "COACHKIT_SCORER" in (view.errors.message or "")


def test_with_only_the_offline_scorer_settings_shows_a_profile_to_start_from(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    """It said only "the README's Scoring with an LLM", which a notebook copied onto a hub
    or a Voila page has not beside it; the notebook's intro left out the practice plan."""
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "b")
    shown = view.profile.value
    assert f"To score with an LLM, add a profile to {coachkit_home / 'config.yaml'}, e.g." in shown
    assert "api_key: os.environ/OPENAI_API_KEY" in shown and "then press Test connection" in shown
    example = shown.split('<pre class="ck-code">')[1].split("</pre>")[0]
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text(example.replace("&#x27;", "'"), "utf-8")
    view.test_button.click()  # the example, pasted as it is, loads and is tested
    assert load_config().scorer == "gpt" and view.scorer.value == "gpt"
    assert "To score with an LLM" not in view.profile.value and "OPENAI_API_KEY" in (
        view.profile.value
    )

    intro = "".join(
        json.loads((NOTEBOOKS / "04_settings.ipynb").read_text(encoding="utf-8"))["cells"][0][
            "source"
        ]
    )
    assert "practice plan" in intro and "the view shows one to start from" in intro


SHARED_RENAMED = """\
scorer: proxy
fallback: local
practice: {role: backend}
model_list:
  - model_name: proxy
    litellm_params: {model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:9/v1"}
"""


def _over_renamed(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, own: str) -> Path:
    """A shared config whose profile the coach renamed (team -> proxy), and the learner's
    own file holding ``own``; that file's path."""
    shared = tmp_path / "srv" / "config.yaml"
    shared.parent.mkdir()
    shared.write_text(SHARED_RENAMED, encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CONFIG", str(shared))
    home.mkdir()
    path = home / "config.yaml"
    path.write_text(own, encoding="utf-8")
    return path


def test_the_plan_saves_while_a_renamed_scorer_waits_for_save_as_default(
    bank: QuestionBank,
    store: Store,
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A coach renamed the profile a learner's own file names (team -> proxy): Save plan
    stayed off ("waits until the scorer is fixed") though the plan saved and loaded fine;
    the learner could not set their interview date until they had picked a scorer."""
    own = _over_renamed(
        tmp_path, coachkit_home, monkeypatch, "practice:\n  new_per_day: 2\nscorer: team\n"
    )
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=str)
    assert "Unknown scorer 'team'" in (view.errors.message or "")
    # Not "pick the profile meant", with no name close to team and proxy in the menu.
    assert "To fix it here, pick a profile (proxy is selected) in the menu above" in (
        view.errors.message or ""
    )
    assert not view.plan_button.disabled and "waits until" not in view.plan.value
    soon = date.today() + timedelta(days=12)
    view.interview.value, view.new_per_day.value = soon, 3
    view.plan_button.click()
    assert "Saved the practice plan" in view.plan_status.value
    assert view.plan_errors.message is None
    config = load_config()  # as the notebooks read it: the plan, the scorer set aside
    assert (config.practice.new_per_day, config.practice.interview_date) == (3, soon)
    assert config.practice.role == "backend" and config.scorer == "proxy"
    assert "scorer: team" in own.read_text(encoding="utf-8")  # for Save as default to fix
    assert "Unknown scorer 'team'" in (view.errors.message or "")  # still said
    assert (view.new_per_day.value, view.interview.value) == (3, soon)
    # Save as default still fixes the scorer, and keeps the plan just saved.
    view.new_per_day.value = 4  # typed, not saved: kept on screen, not written
    view.scorer.value = "proxy"
    view.save_button.click()
    assert view.errors.message is None and "Saved" in view.status.value
    assert "team" not in own.read_text(encoding="utf-8")
    assert load_config(strict=True).practice == PracticeSettings(
        new_per_day=3, interview_date=soon, role="backend"
    )
    assert view.new_per_day.value == 4 and not view.plan_button.disabled


def test_an_unknown_fallback_of_ones_own_is_not_sent_to_save_as_default(
    bank: QuestionBank,
    store: Store,
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over a shared config, a learner's own `fallback: team` (a profile since renamed)
    read "To fix it here, pick a profile (proxy is selected) in the menu above and press
    Save as default", which writes only `scorer:` and left the fallback as it was."""
    _over_renamed(tmp_path, coachkit_home, monkeypatch, "fallback: team\n")
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=str)
    said = view.errors.message or ""
    assert said.startswith("Unknown scorer 'team' (`fallback:` in ")
    assert "fix `fallback:` in your config by hand" in said and "press Save as" not in said
    assert not view.plan_button.disabled  # the plan still saves, as the notebooks read it


def test_the_resolved_config_is_a_named_tab_stop(coach: Coach) -> None:
    """It scrolls past 380 px: reached by Tab it was read as its whole text, unnamed, and
    "a" or "b" typed on it added a cell (the page script keeps them from JupyterLab)."""
    view = _view(coach, budget=lambda _c: "b")
    assert view.resolved.value.startswith(
        '<pre class="ck-code" tabindex="0" role="region" aria-label="Resolved config">'
    )
    assert ".ck-code[tabindex]" in LIVE_SCRIPT


# On a slow kernel the browser sends the last keystrokes after a click (see LateWords).
@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


def _graced(coach: Coach, clock: ManualScheduler) -> SettingsView:
    return SettingsView(coach, runner=InlineRunner(), scheduler=clock, plan_grace=0.5)


def test_a_date_typed_just_before_save_plan_that_comes_in_after_it_is_saved(
    coach: Coach, config_path: Path, clock: ManualScheduler
) -> None:
    """Typed as 06152030, the kernel had year 2 when Save plan's click came: "Not saved:
    the interview date 15 Jun 2 has passed"; the year's last digits came in after it."""
    view = _graced(coach, clock)
    view.interview.value = date(2, 6, 15)  # what came in before the click
    view.plan_button.click()
    assert view.plan_errors.message is None and view.plan_status.value == ""
    assert "interview_date" not in config_path.read_text(encoding="utf-8")
    view.plan_button.click()  # again while it waits: saved once, as the first asked
    view.interview.value = date(2030, 6, 15)  # the rest of the year, late
    clock.advance(LateWords.QUIET)
    assert view.plan_errors.message is None, view.plan_errors.message
    assert "Saved the practice plan" in view.plan_status.value
    assert load_config().practice.interview_date == date(2030, 6, 15)
    clock.advance(1)  # the wait's timer is gone: nothing saved or said again
    assert view.plan_errors.message is None and clock.pending == 0


def test_two_values_typed_just_before_save_plan_that_come_in_one_after_the_other_are_saved(
    coach: Coach, config_path: Path, clock: ManualScheduler
) -> None:
    """The browser holds each control's values back on its own: a date and then a number
    typed just before Save plan come in one after the other. The save ran at the first,
    and saved the number the kernel had before."""
    view = _graced(coach, clock)
    view.interview.value = date(2, 6, 15)
    view.plan_button.click()
    view.interview.value = date(2030, 6, 15)  # the date, late
    clock.advance(LateWords.QUIET / 2)
    assert view.plan_status.value == ""  # the number may be just behind it
    view.new_per_day.value = 3  # and it is
    clock.advance(LateWords.QUIET)
    assert "Saved the practice plan" in view.plan_status.value
    saved = load_config().practice
    assert (saved.interview_date, saved.new_per_day) == (date(2030, 6, 15), 3)


def test_late_values_that_keep_coming_wait_no_longer_than_the_grace(
    coach: Coach, config_path: Path, clock: ManualScheduler
) -> None:
    view = _graced(coach, clock)
    view.new_per_day.value = 1
    view.plan_button.click()
    for count in range(2, 9):  # a value every 0.08 s: each within the quiet after the last
        clock.advance(0.08)
        view.new_per_day.value = count
    assert "Saved the practice plan" in view.plan_status.value  # at the grace's end (0.5 s)
    assert clock.pending == 0


def test_save_plan_waits_for_a_late_number_no_longer_than_its_grace(
    coach: Coach, config_path: Path, clock: ManualScheduler
) -> None:
    view = _graced(coach, clock)
    view.new_per_day.value = 3
    view.plan_button.click()
    clock.advance(0.4)
    assert view.plan_status.value == ""
    assert "new_per_day" not in config_path.read_text(encoding="utf-8")
    clock.advance(0.1)  # none came: the form as it is
    assert "Saved the practice plan" in view.plan_status.value
    assert load_config().practice.new_per_day == 3


def test_save_plan_after_a_pause_or_a_fresh_form_does_not_wait(
    coach: Coach, config_path: Path, clock: ManualScheduler
) -> None:
    """Filling the form from the config is not typing: nothing is on its way."""
    config_path.write_text(CONFIG + "practice:\n  new_per_day: 2\n", encoding="utf-8")
    view = _graced(coach, clock)
    assert view.new_per_day.value == 2  # filled from the file, just now
    view.plan_button.click()
    assert "Saved the practice plan" in view.plan_status.value
    view.role.value = coach.bank.roles()[0]
    clock.advance(2)
    view.plan_button.click()
    assert load_config().practice.role == coach.bank.roles()[0]
    assert clock.pending == 0
