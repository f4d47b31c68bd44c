"""A cohort's shared config (COACHKIT_CONFIG) with each user's own settings over it."""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import sys
from collections.abc import Callable
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, ConfigError, QuestionBank, Store, UnknownScorerError, load_config
from coachkit.cli import main
from coachkit.config import PracticeSettings
from coachkit.configwrite import save_practice_plan, save_scorer_choice
from coachkit.ui import PracticeView, SettingsView, StartHere
from coachkit.ui.runtime import InlineRunner, ManualScheduler

INTERVIEW = date.today() + timedelta(days=30)
SHARED = f"""\
# the cohort's config: the team proxy
scorer: gpt
fallback: local
budget: {{llm_scores_per_hour: 10, usd_per_day: 0.5}}
practice:
  new_per_day: 4
  interview_date: {INTERVIEW.isoformat()}
model_list:
  - model_name: gpt
    litellm_params: {{model: openai/gpt-4o-mini, api_base: "http://proxy:4000",
                      api_key: os.environ/TEAM_KEY}}
  - model_name: claude
    litellm_params: {{model: openai/claude, api_base: "http://proxy:4000",
                      api_key: os.environ/TEAM_KEY}}
"""
CRASH = "Something went wrong"


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "srv" / "cohort" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SHARED, encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    return path


@pytest.fixture
def personal(coachkit_home: Path) -> Path:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    return coachkit_home / "config.yaml"


def _text(markup: str) -> str:
    """What a user reads in a widget's HTML."""
    return unescape(re.sub(r"<[^>]+>", "", markup))


def _settings(bank: QuestionBank, store: Store) -> SettingsView:
    coach = coach_with(bank, store, FakeScorer("local"), FakeScorer("gpt"), config=load_config())
    return SettingsView(coach, runner=InlineRunner(), budget=lambda _c: "b")


def _deny(monkeypatch: pytest.MonkeyPatch, target: Path, *methods: str) -> None:
    """Make ``Path.<method>`` raise PermissionError for ``target``, as for a root-only file."""
    for method in methods:
        original: Callable[..., Any] = getattr(Path, method)

        def denied(self: Path, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            if self == target:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Path, method, denied)


# -- loading: the personal layer ------------------------------------------------


def test_personal_scorer_and_practice_override_the_shared_file(
    shared: Path, personal: Path
) -> None:
    assert load_config().personal is None  # no personal file yet: the shared one as it is
    personal.write_text("scorer: claude\npractice:\n  new_per_day: 2\n", encoding="utf-8")
    config = load_config()
    assert config.scorer == "claude" and config.fallback == "local"
    assert config.practice == PracticeSettings(new_per_day=2, interview_date=INTERVIEW)
    assert [e.model_name for e in config.model_list] == ["gpt", "claude"]
    assert config.budget.usd_per_day == 0.5
    assert config.source == str(shared) and config.personal == str(personal)
    assert "personal" not in config.model_dump() and "source" not in config.shown()


def test_the_environment_and_an_argument_still_win(
    shared: Path, personal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    personal.write_text("scorer: claude\nfallback: gpt\n", encoding="utf-8")
    monkeypatch.setenv("COACHKIT_SCORER", "local")
    monkeypatch.setenv("COACHKIT_FALLBACK", "none")
    config = load_config()
    assert config.scorer == "local" and config.fallback is None
    assert load_config(scorer="gpt").scorer == "gpt"


@pytest.mark.parametrize(
    "entry",
    [
        "model_list:\n  - model_name: mine\n    litellm_params: {model: openai/x}\n",
        "llm: {cache: false}\n",
    ],
)
def test_a_shared_key_in_the_personal_file_is_an_error_at_its_line(
    shared: Path, personal: Path, entry: str
) -> None:
    key = entry.split(":")[0]
    personal.write_text(f"scorer: gpt\n{entry}", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    message = str(info.value)
    comes = f"{key} comes from the shared config set by COACHKIT_CONFIG ({shared})"
    assert message.startswith(f"{personal}:2: {key}: {comes}")
    assert "may set only scorer, fallback, transcriber, practice and budget." in message


def test_an_unknown_key_in_the_personal_file_is_an_error_at_its_line(
    shared: Path, personal: Path
) -> None:
    personal.write_text("# mine\nscorrer: claude\n", encoding="utf-8")
    with pytest.raises(
        ConfigError, match=rf"^{re.escape(str(personal))}:2: scorrer: not a"
    ) as info:
        load_config(strict=True)
    assert "scorrer: not a setting coachkit knows: did you mean 'scorer'?" in str(info.value)


@pytest.mark.parametrize(
    "mine",
    ["scorer: claude\npractice: {role: [oops\n", "scorrer: claude\n", "llm: {cache: false}\n"],
    ids=["yaml", "unknown-key", "shared-key"],
)
def test_a_mistake_in_the_personal_file_leaves_the_shared_config_in_force(
    shared: Path, personal: Path, mine: str
) -> None:
    # It dropped the coach's settings too: every view scored offline, with no role and
    # no interview date, until the learner fixed their own file.
    personal.write_text(mine, encoding="utf-8")
    config = load_config()
    alone = load_config(personal=shared)  # the shared file read alone
    assert (config.scorer, config.practice) == (alone.scorer, alone.practice)
    assert config.own_set_aside and config.personal == str(personal)
    (said,) = config.set_aside
    assert said.startswith(f"{personal}:") and said.endswith(
        f"Until it is fixed, the shared config {shared} applies alone: your own scorer, "
        "plan and budget wait."
    )


def test_an_unknown_profile_in_the_personal_file_lists_the_valid_ones(
    shared: Path, personal: Path
) -> None:
    personal.write_text("practice: {new_per_day: 1}\nscorer: gtp\n", encoding="utf-8")
    with pytest.raises(UnknownScorerError) as info:
        load_config(strict=True)  # as `config check` and Settings read it
    message = str(info.value)
    assert message.startswith(f"Unknown scorer 'gtp' (`scorer:` in {personal}:2).")
    assert "Valid scorers: local, gpt, claude." in message and str(shared) in message
    personal.write_text("transcriber: whisper\n", encoding="utf-8")
    with pytest.raises(ConfigError) as transcriber:
        load_config(strict=True)
    assert f"`transcriber:` in {personal}:1" in str(transcriber.value)
    assert "one of: gpt, claude" in str(transcriber.value)


def test_a_bad_value_names_the_file_it_is_in(shared: Path, personal: Path) -> None:
    personal.write_text("scorer: gpt\npractice:\n  new_per_day: -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(personal))}:3: practice.new_per_day"):
        load_config(strict=True)
    personal.write_text("practice:\n  new_per_day: 1\n", encoding="utf-8")
    shared.write_text(SHARED.replace("new_per_day: 4", "new_per_day: 4\n  bogus: 1"))
    with pytest.raises(ConfigError, match=rf"^{re.escape(str(shared))}:7: practice.bogus"):
        load_config(strict=True)


def test_coachkit_config_naming_the_own_file_is_one_file(
    personal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    personal.write_text(SHARED, encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CONFIG", str(personal))
    config = load_config()
    assert config.scorer == "gpt" and config.personal is None
    assert save_scorer_choice("claude") == personal
    assert load_config().scorer == "claude" and "model_list" in personal.read_text()


# -- saving: the personal file only, atomically ---------------------------------


def test_save_as_default_writes_only_the_personal_file(shared: Path, personal: Path) -> None:
    before = shared.read_bytes()
    assert save_scorer_choice("claude") == personal
    assert save_scorer_choice("claude", shared) == personal  # even when asked for the shared one
    assert shared.read_bytes() == before
    text = personal.read_text(encoding="utf-8")
    assert text.count("scorer: claude\n") == 1 and str(shared) in text
    assert "model_list" not in text
    assert load_config().scorer == "claude"


def test_save_plan_writes_only_the_personal_file(shared: Path, personal: Path) -> None:
    before = shared.read_bytes()
    personal.write_text("# my choices\nscorer: claude\n", encoding="utf-8")
    save_practice_plan(PracticeSettings(new_per_day=2))
    assert shared.read_bytes() == before
    text = personal.read_text(encoding="utf-8")
    assert "# my choices\nscorer: claude\n" in text
    # No date is a choice too: the shared interview date must not come back.
    assert load_config().practice == PracticeSettings(new_per_day=2, interview_date=None)
    save_practice_plan(PracticeSettings(new_per_day=3, interview_date=INTERVIEW))
    assert load_config().practice == PracticeSettings(new_per_day=3, interview_date=INTERVIEW)
    assert personal.read_text(encoding="utf-8").count("practice:") == 1


def test_a_refused_choice_leaves_the_personal_file_as_it_was(shared: Path, personal: Path) -> None:
    with pytest.raises(UnknownScorerError):
        save_scorer_choice("nope")
    assert not personal.exists()
    personal.write_text("scorer: claude\n", encoding="utf-8")
    with pytest.raises(UnknownScorerError):
        save_scorer_choice("nope")
    assert personal.read_text(encoding="utf-8") == "scorer: claude\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "config.yaml")


def test_the_write_is_atomic_and_leaves_no_temporary_files(
    personal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    personal.write_text("# keep me\nscorer: local\n", encoding="utf-8")
    personal.chmod(0o640)
    save_scorer_choice("local")
    save_practice_plan(PracticeSettings(new_per_day=2))
    assert _leftovers(personal.parent) == []
    assert stat.S_IMODE(personal.stat().st_mode) == 0o640  # permissions kept
    before = personal.read_text(encoding="utf-8")

    def crash(*_args: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("coachkit.configwrite.os.replace", crash)
    with pytest.raises(ConfigError, match="Not saved: cannot write"):
        save_practice_plan(PracticeSettings(new_per_day=9))
    assert personal.read_text(encoding="utf-8") == before  # never half-written
    assert _leftovers(personal.parent) == []


def test_a_symlinked_config_stays_a_symlink(
    tmp_path: Path, personal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "dotfiles" / "coachkit.yaml"
    real.parent.mkdir()
    real.write_text("scorer: local\n", encoding="utf-8")
    personal.symlink_to(real)
    if os.geteuid() == 0:  # root's files are all its own: be an ordinary user who owns it
        os.chown(real, 4242, -1)
        monkeypatch.setattr(os, "geteuid", lambda: 4242)
    save_practice_plan(PracticeSettings(new_per_day=2))
    assert personal.is_symlink() and "new_per_day: 2" in real.read_text(encoding="utf-8")


# -- the Settings view -----------------------------------------------------------


def test_settings_says_which_file_is_shared_and_where_saves_go(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    view = _settings(bank, store)
    source = _text(view.source.value)
    assert f"Shared config: {shared} (set by COACHKIT_CONFIG; read-only for you)" in source
    assert f"Your own settings are saved to {personal} (not created yet)" in source
    assert view.errors.message is None and view.scorer.value == "gpt"


def test_settings_save_as_default_names_the_personal_file(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    before = shared.read_bytes()
    view = _settings(bank, store)
    view.scorer.value = "claude"
    view.save_button.click()
    assert view.errors.message is None
    assert shared.read_bytes() == before
    assert _text(view.status.value).startswith(
        f"Saved to your own settings, {personal}, over the shared config {shared}: "
        "new notebooks score with claude."
    )
    assert load_config().scorer == "claude" and view.scorer.value == "claude"
    assert "(not created yet)" not in _text(view.source.value)


def test_settings_save_plan_names_the_personal_file(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    before = shared.read_bytes()
    view = _settings(bank, store)
    assert view.interview.value == INTERVIEW and view.new_per_day.value == 4
    view.new_per_day.value = 1
    view.interview.value = None
    view.plan_button.click()
    assert view.errors.message is None and shared.read_bytes() == before
    assert _text(view.plan_status.value).startswith(
        f"Saved the practice plan to your own settings, {personal}, over the shared config "
        f"{shared}."
    )
    assert load_config().practice == PracticeSettings(new_per_day=1)
    assert view.interview.value is None  # what was saved is what shows


@pytest.mark.parametrize("layered", [True, False])
def test_an_environment_override_is_said_not_promised_away(
    layered: bool,
    personal: Path,
    bank: QuestionBank,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if layered:
        cohort = tmp_path / "cohort.yaml"
        cohort.write_text(SHARED, encoding="utf-8")
        monkeypatch.setenv("COACHKIT_CONFIG", str(cohort))
    else:
        personal.write_text(SHARED, encoding="utf-8")
    monkeypatch.setenv("COACHKIT_SCORER", "local")
    view = _settings(bank, store)
    view.scorer.value = "claude"
    view.save_button.click()
    status = _text(view.status.value)
    assert "Saved claude as your default in " in status and str(personal) in status
    assert "but COACHKIT_SCORER=local in the environment overrides it" in status
    assert "new notebooks still score with local" in status
    assert "score with claude." not in status.split("Unset")[0]
    monkeypatch.delenv("COACHKIT_SCORER")
    assert load_config().scorer == "claude"  # saved all the same


def _refuse(monkeypatch: pytest.MonkeyPatch, error: OSError) -> None:
    def refused(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise error

    monkeypatch.setattr("coachkit.configwrite.tempfile.mkstemp", refused)


def test_a_read_only_home_is_a_clear_message(
    shared: Path,
    personal: Path,
    coachkit_home: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = shared.read_bytes()
    view = _settings(bank, store)
    _refuse(monkeypatch, PermissionError(errno.EACCES, "Permission denied", str(coachkit_home)))
    view.scorer.value = "claude"
    view.save_button.click()
    message = view.errors.message or ""
    assert message == (
        f"Not saved: cannot write {personal} (permission denied). Make {coachkit_home} "
        "writable for you, or set COACHKIT_HOME to a folder you can write and restart "
        "Jupyter. Nothing was changed."
    )
    assert CRASH not in message and "Saved" not in view.status.value
    view.new_per_day.value = 2
    view.plan_button.click()
    assert (view.errors.message or "").startswith(f"Not saved: cannot write {personal}")
    assert shared.read_bytes() == before and not personal.exists()
    assert view.scorer.value == "claude" and view.new_per_day.value == 2  # nothing lost


def test_an_own_config_linked_to_the_shared_one_is_not_told_to_make_the_coachs_folder_writable(
    shared: Path,
    personal: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With $COACHKIT_HOME/config.yaml a link to the cohort's file, a refused save told
    the learner to make the coach's folder writable."""
    personal.symlink_to(shared)
    view = _settings(bank, store)
    _refuse(monkeypatch, PermissionError(errno.EACCES, "Permission denied", str(shared.parent)))
    view.scorer.value = "claude"
    view.save_button.click()
    message = view.errors.message or ""
    # Refused before any write: through the link it would change the coach's file.
    assert message.startswith(f"Not saved: {personal} is a link to {shared}, which is not")
    assert f"Make {shared.parent}" not in message
    # COACHKIT_CONFIG names the shared file already: removing the link is the whole fix.
    assert f"Remove the link: COACHKIT_CONFIG already names {shared}, so" in message


def test_a_full_disk_is_a_clear_message(
    personal: Path, bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    personal.write_text(SHARED, encoding="utf-8")
    view = _settings(bank, store)

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("coachkit.configwrite.os.fsync", full)
    view.scorer.value = "claude"
    view.save_button.click()
    message = view.errors.message or ""
    assert message.startswith(f"Not saved: cannot write {personal} (no space left on device).")
    assert "Free some space" in message and CRASH not in message
    assert personal.read_text(encoding="utf-8") == SHARED
    assert _leftovers(personal.parent) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the permissions say")
def test_a_really_read_only_home_is_a_clear_message(
    shared: Path, personal: Path, coachkit_home: Path
) -> None:
    coachkit_home.chmod(0o555)
    try:
        with pytest.raises(ConfigError, match="permission denied"):
            save_scorer_choice("claude")
    finally:
        coachkit_home.chmod(0o755)


def test_a_shared_config_that_is_gone_says_who_can_put_it_back(
    shared: Path, coachkit_home: Path, store: Store
) -> None:
    """A coach who moved the cohort's config left every learner told to "create it",
    in a folder only the coach may write, or to unset a variable the hub sets."""
    shared.unlink()
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    assert str(info.value) == (
        f"COACHKIT_CONFIG names {shared}, which does not exist: whoever set COACHKIT_CONFIG "
        "(your coach, on a shared hub: tell them) can create it or fix the path. If you set "
        "it yourself, create it (see the README's Configuration section), or unset "
        f"COACHKIT_CONFIG to use {coachkit_home / 'config.yaml'}."
    )
    view = StartHere(Coach(store=store))
    assert "(your coach, on a shared hub: tell them)" in (view.errors.message or "")


# -- a config file the user cannot read --------------------------------------------

DENIED = (
    "cannot read {} (permission denied): "
    "whoever set COACHKIT_CONFIG (your coach) must make it readable"
)


@pytest.mark.parametrize("methods", [("stat",), ("read_text",)], ids=["folder", "file"])
def test_an_unreadable_shared_config_is_a_clear_error(
    shared: Path, monkeypatch: pytest.MonkeyPatch, methods: tuple[str, ...]
) -> None:
    _deny(monkeypatch, shared, *methods)
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    assert str(info.value).startswith(DENIED.format(shared))


def test_an_unreadable_shared_config_stops_the_cli_with_its_message(
    shared: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _deny(monkeypatch, shared, "stat")
    assert main(["config", "show"], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"coachkit: {DENIED.format(shared)}") and "COACHKIT_HOME" not in err


def test_usage_shows_ones_own_log_when_the_shared_config_is_unreadable(
    shared: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The usage log is the learner's own: it stopped with exit 2 beside a shared config
    they could not read. Shown now, with why the budget is not."""
    _deny(monkeypatch, shared, "stat")
    out = io.StringIO()
    assert main(["usage"], out=out) == 0
    said = out.getvalue()
    assert said.startswith("No LLM calls logged yet.")
    assert f"Budget: not shown, the config could not be read: {DENIED.format(shared)}" in said


def test_the_views_show_an_unreadable_shared_config_as_their_error(
    shared: Path, bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _deny(monkeypatch, shared, "stat")
    settings = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner())
    assert (settings.errors.message or "").startswith(DENIED.format(shared))
    assert "has an error" in settings.source.value and str(shared) in settings.source.value
    practice = PracticeView(
        Coach(bank=bank, store=store), runner=InlineRunner(), scheduler=ManualScheduler()
    )
    assert (practice.errors.message or "").startswith(DENIED.format(shared))
    # The notice above the question is not the user's to act on: the file is the coach's.
    assert "Your config" not in practice.config_notice.value
    for message in (settings.errors.message, practice.errors.message):
        assert CRASH not in (message or "")
    assert practice.scorer.value == "local"  # the offline scorer still works


def test_an_unreadable_personal_file_says_it_is_the_users_own(
    shared: Path, personal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    personal.write_text("scorer: claude\n", encoding="utf-8")
    _deny(monkeypatch, personal, "read_text")
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    assert str(info.value).startswith(
        f"cannot read {personal} (permission denied): it holds your own settings over the "
        f"shared config {shared}: make it readable"
    )


def test_an_unreadable_own_config_says_it_is_the_users_own(
    personal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    personal.write_text("scorer: local\n", encoding="utf-8")
    _deny(monkeypatch, personal, "stat")
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    own = "it is your own config file: make it readable"
    assert str(info.value).startswith(f"cannot read {personal} (permission denied): {own}")


def test_config_show_names_both_files(shared: Path, personal: Path) -> None:
    personal.write_text("scorer: local\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["config", "show"], out=out) == 0
    head = out.getvalue().splitlines()[0]
    assert str(shared) in head and f"your own settings {personal}" in head


def test_config_show_names_the_own_file_before_it_is_created(shared: Path, personal: Path) -> None:
    """Before a learner's first save, `config show` named only the shared file."""
    out = io.StringIO()
    assert main(["config", "show"], out=out) == 0
    head = out.getvalue().splitlines()[0]
    assert head == f"# {shared}, with your own settings {personal} over it (not created yet)"
    assert not personal.exists()


def test_every_shared_key_in_the_personal_file_is_listed_at_once(
    shared: Path, personal: Path
) -> None:
    """Two keys that belong to the shared file were reported one run at a time."""
    personal.write_text("scorer: gpt\nllm: {cache: false}\nmodel_list: []\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    lines = str(info.value).splitlines()
    assert lines[0].startswith(f"{personal}:2: llm: llm comes from the shared config")
    assert lines[1].startswith(f"{personal}:3: model_list: model_list comes from")
    assert lines[2] == (
        "Your own settings over the shared config may set only scorer, fallback, transcriber, "
        "practice and budget."
    )


def test_an_unknown_fallback_is_listed_with_the_other_problems(
    shared: Path, personal: Path
) -> None:
    """A typo in `fallback:` showed only once every other problem was fixed, and with no
    "did you mean"."""
    shared.write_text(
        "fallback: locl\npractice:\n  new_per_day: -2\n  interview_date: 12/20/2026\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    assert str(info.value).splitlines() == [
        f"{shared}:1: fallback: Unknown scorer 'locl'. Did you mean 'local'? Valid scorers: "
        f"local. This is in the shared config {shared} (set by COACHKIT_CONFIG): whoever "
        "keeps it (your coach) can fix it.",
        f"{shared}:3: practice.new_per_day: -2 is too small: use 0 or more",
        f"{shared}:4: practice.interview_date: '12/20/2026' is not a date: write it as "
        "YYYY-MM-DD, e.g. 2026-12-20",
    ]


def test_saving_keeps_following_what_the_coach_sets_and_the_user_did_not_change(
    shared: Path, personal: Path
) -> None:
    """Save plan wrote the shared date and Save as default the shared scorer into the
    user's file: when the coach moved the interview, this user never saw it."""
    shared_plan = load_config().practice
    save_practice_plan(PracticeSettings(new_per_day=2, interview_date=INTERVIEW))
    assert save_scorer_choice("gpt") == personal  # the shared file's own scorer
    text = personal.read_text(encoding="utf-8")
    assert "new_per_day: 2" in text
    assert "interview_date:" not in text and "\nscorer:" not in text
    later = INTERVIEW + timedelta(days=7)
    shared.write_text(
        SHARED.replace(INTERVIEW.isoformat(), later.isoformat()).replace(
            "scorer: gpt", "scorer: claude"
        ),
        encoding="utf-8",
    )
    config = load_config()
    assert config.practice.interview_date == later and config.scorer == "claude"
    assert config.practice.new_per_day == 2 != shared_plan.new_per_day
    # Saving the shared plan back as it is leaves nothing of the user's own.
    save_practice_plan(load_config(shared, personal=personal.with_name("none.yaml")).practice)
    assert "\npractice:" not in personal.read_text(encoding="utf-8")


def test_a_scorer_saved_into_a_file_with_a_header_goes_below_the_header(
    shared: Path, personal: Path
) -> None:
    personal.write_text("# my own settings\n# kept by hand\npractice: {new_per_day: 1}\n")
    save_scorer_choice("claude")
    assert personal.read_text() == (
        "# my own settings\n# kept by hand\nscorer: claude\npractice: {new_per_day: 1}\n"
    )


def test_a_learner_is_not_told_to_edit_the_shared_config(shared: Path, personal: Path) -> None:
    """A typo in the coach's `fallback:` told every learner to add a model_list entry,
    which their own file may not hold."""
    shared.write_text(SHARED.replace("fallback: local", "fallback: locl"), encoding="utf-8")
    with pytest.raises(UnknownScorerError) as info:
        load_config(strict=True)
    message = str(info.value)
    assert "Did you mean 'local'?" in message
    assert "Add a model_list entry" not in message
    assert f"This is in the shared config {shared} (set by COACHKIT_CONFIG)" in message


def test_next_suggests_a_question_while_the_shared_config_is_broken(
    shared: Path, personal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One typo in the coach's `fallback:` stopped `coachkit next` for every learner,
    though picking a question scores nothing (the notebooks carry on meanwhile); then it
    dropped the cohort's plan for the defaults, though the typo was not in it."""
    shared.write_text(SHARED.replace("fallback: local", "fallback: locl"), encoding="utf-8")
    out = io.StringIO()
    assert main(["next"], out=out) == 0
    assert out.getvalue().startswith("Next up: ") and " of 4 new started today" in out.getvalue()
    err = capsys.readouterr().err
    assert "Unknown scorer 'locl'" in err and "Your practice plan applies meanwhile" in err


def test_score_carries_on_offline_while_the_shared_config_is_broken(
    shared: Path,
    personal: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A date typo in the coach's plan must not stop a learner scoring from the CLI, as it
    does not in the notebooks; the message says who can fix the file."""
    shared.write_text(SHARED.replace(INTERVIEW.isoformat(), "18.12.2026"), encoding="utf-8")
    answer = "In 2023 I led the billing migration at Lumen and we shipped it a week early."
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    out = io.StringIO()
    assert main(["score", "time-you-failed", "--no-save"], out=out) == 0
    assert "scorer: local" in out.getvalue()
    err = capsys.readouterr().err
    assert "'18.12.2026' is not a date" in err
    assert "whoever keeps it (your coach) can fix it" in err
    assert "answers are scored by the offline scorer" in err
    # An LLM profile asked for by name needs the file as it is meant to be.
    monkeypatch.setattr("sys.stdin", io.StringIO(answer))
    assert main(["score", "time-you-failed", "--no-save", "--scorer", "claude"], out=out) == 2


def test_settings_sends_a_learner_to_the_coach_for_a_mistake_in_the_shared_file(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    shared.write_text(SHARED.replace(INTERVIEW.isoformat(), "18.12.2026"), encoding="utf-8")
    coach = coach_with(bank, store, FakeScorer("local"))
    view = SettingsView(coach, runner=InlineRunner(), budget=lambda _c: "b")
    assert "whoever keeps it (your coach) can fix it" in (view.errors.message or "")
    assert "fix it by hand" not in view.plan.value and "who can fix it" in view.plan.value


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        (SHARED.replace("fallback: local", "fallback: local\n  bad: [indent"), ":4: "),
        ("- scorer: local\n", ":1: expected a mapping"),
        (SHARED.replace("model_name: claude", "model_name: gpt"), "already the name of"),
    ],
    ids=["yaml", "not-a-mapping", "repeated-profile"],
)
def test_a_shared_file_that_does_not_read_sends_a_learner_to_the_coach(
    shared: Path, personal: Path, bank: QuestionBank, store: Store, broken: str, said: str
) -> None:
    """A YAML slip or a repeated profile name in the coach's file was reported as if the
    learner could fix it, while Settings said the message named who could."""
    shared.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    message = str(info.value)
    assert f"{shared}" in message and said in message
    assert message.endswith(
        f"This is in the shared config {shared} (set by COACHKIT_CONFIG): "
        "whoever keeps it (your coach) can fix it."
    )
    coach = coach_with(bank, store, FakeScorer("local"))
    view = SettingsView(coach, budget=lambda _c: "b")
    assert "whoever keeps it (your coach) can fix it" in (view.errors.message or "")
    start = StartHere(Coach(bank=bank, store=store))  # the coach's file, not "your config"
    assert "local (the config has an error, see above)" in _text(start.summary.value)


def test_a_file_of_ones_own_that_does_not_read_is_not_sent_to_a_coach(personal: Path) -> None:
    personal.write_text("scorer: local\n  bad: [indent\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    assert "coach" not in str(info.value)


def test_a_key_the_shared_config_reads_is_the_coachs_to_set(
    shared: Path, personal: Path, bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cohort member was told only "Set TEAM_KEY: run ... getpass ... in a cell": they
    have no key to paste; the hub's environment should hold the coach's."""
    monkeypatch.delenv("TEAM_KEY", raising=False)
    view = _settings(bank, store)
    said = _text(view.profile.value)
    assert (
        f"TEAM_KEY is not set. This profile comes from the shared config, {shared}: ask "
        "whoever keeps it (your coach) to set it in the hub's environment for everyone. "
        "With a key of your own, run import os, getpass;"
    ) in said
    assert "getpass.getpass() in a cell (the key is not saved in the notebook)" in said


def test_a_spent_budget_under_a_shared_config_is_the_coachs_to_raise(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    """The own file may not set `budget`: "raise it in your config" would be refused."""
    from coachkit.llm import Call, UsageLog
    from coachkit.ui.settings import budget_line

    UsageLog(store).record(Call("gpt", "openai/gpt-4o-mini", "score", "ok", cost_usd=0.6))
    line = budget_line(Coach(bank=bank, store=store, config=load_config()))
    assert line.endswith(
        "; meanwhile your answers are scored by the offline scorer (local); "
        "budget.usd_per_day is set in the shared config, by whoever keeps it (your coach)."
    )


def test_a_shared_config_with_no_profile_says_the_coach_adds_them(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    """Not "add a profile to <your file>": the own file may not hold profiles."""
    shared.write_text("practice: {new_per_day: 3}\n", encoding="utf-8")
    said = _text(_settings(bank, store).profile.value)
    assert (
        f"To score with an LLM, a profile is added to the shared config, {shared}, by whoever "
        "keeps it (your coach)."
    ) in said
    assert "os.environ/" not in said


@pytest.mark.parametrize(
    ("mine", "theirs", "said"),
    [
        ("", SHARED.replace(INTERVIEW.isoformat(), "18.12.2026"), "is not a date"),
        ("", SHARED.replace("fallback: local", "fallback: local\n  bad: [indent"), ":4: "),
        ("", SHARED.replace("model_name: claude", "model_name: gpt"), "already the name"),
    ],
    ids=["value", "yaml", "repeated-profile"],
)
def test_one_mistake_over_a_shared_config_is_one_line_on_stderr(
    shared: Path,
    personal: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    mine: str,
    theirs: str,
    said: str,
) -> None:
    """The CLI's contract for exit 2 is one line on stderr; a mistake in or over the
    coach's file took two, who could fix it on a line of its own."""
    shared.write_text(theirs, encoding="utf-8")
    if mine:
        personal.write_text(mine, encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("In 2023 I led the billing migration."))
    assert main(["score", "time-you-failed", "--no-save", "--scorer", "claude"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert said in err
    assert err.rstrip().endswith("whoever keeps it (your coach) can fix it.")
    assert ". This is in the shared config" in err


def test_a_mistake_of_ones_own_over_a_shared_config_is_one_warning_and_scores(
    shared: Path,
    personal: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The learner's own mistake no longer stops the command (exit 2): one warning line
    says what to fix, and the shared config scores meanwhile."""
    personal.write_text("llm: {cache: false}\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("In 2023 I led the billing migration."))
    assert main(["score", "time-you-failed", "--no-save"]) == 0
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1, err
    assert "llm comes from the shared config" in err and "applies alone" in err
    # The check still fails on it until it is fixed, and show says the file is set aside.
    assert main(["config", "check", "local"]) == 2
    assert main(["config", "show"]) == 0
    assert f"with your own settings {personal} over it (set aside" in capsys.readouterr().out


def test_a_misspelt_scorer_over_a_shared_config_is_the_coach_s_to_add(
    shared: Path,
    personal: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`score --scorer gtp` told a learner to "Add a model_list entry to your config",
    which their own file may not hold: the profiles are the coach's."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("In 2023 I led a migration."))
    assert main(["score", "time-you-failed", "--scorer", "gtp"], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Unknown scorer 'gtp'" in err
    assert "Add a model_list entry" not in err
    assert err.rstrip().endswith(
        f"The profiles come from the shared config {shared} (set by COACHKIT_CONFIG): ask "
        "whoever keeps it (your coach) to add one."
    )


def test_start_here_sends_a_learner_over_a_shared_config_to_the_coach_for_a_transcriber(
    shared: Path, personal: Path, coachkit_home: Path, bank: QuestionBank, store: Store
) -> None:
    """Start here told each learner to name a speech-to-text profile "in your config",
    where they may not add a profile: the shared config holds them. Then it read "a
    speech-to-text profile is needed as transcriber: (the README's Answer aloud)", not a
    sentence."""
    own = _text(StartHere(Coach(bank=bank, store=store)).summary.value)
    assert (
        "To answer aloud from a recording, set transcriber: in your config to a "
        "speech-to-text profile (see Answer aloud in the README). The profiles come from the "
        "shared config: ask whoever keeps it (your coach) to add one."
    ) in own


def test_a_cohorts_misspelt_role_is_named_as_the_shared_configs(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    """A coach's `role: backnd` was called "practice.role in your config", sending each
    learner to a file of their own that does not hold it."""
    shared.write_text(
        SHARED.replace("new_per_day: 4", "new_per_day: 4\n  role: backnd"), encoding="utf-8"
    )
    said = Coach(bank=bank, store=store).role_problem() or ""
    assert said.startswith(
        f"practice.role in the shared config {shared} is 'backnd', a role no question is for: "
        "did you mean 'backend'?"
    )
    assert "Whoever keeps it (your coach) can fix it; Settings saves a role of your own." in said
    personal.write_text("practice: {role: frontnd}\n", encoding="utf-8")
    said = Coach(bank=bank, store=store).role_problem() or ""
    assert said.startswith("practice.role in your config is 'frontnd'") and "coach" not in said


def test_ones_own_lower_budget_applies_over_the_coachs(shared: Path, personal: Path) -> None:
    """The coach's key pays: the shared budget is a ceiling the learner may lower."""
    personal.write_text("budget:\n  usd_per_day: 0.2\n", encoding="utf-8")
    config = load_config()
    assert (config.budget.llm_scores_per_hour, config.budget.usd_per_day) == (10, 0.2)
    assert config.own_budget == {"usd_per_day"}


@pytest.mark.parametrize(
    ("mine", "said"),
    [
        (
            "  usd_per_day: 5",
            "budget.usd_per_day: $5.00 per day is above the shared config's $0.50 per day",
        ),
        (
            "  llm_scores_per_hour: null",
            "budget.llm_scores_per_hour: unlimited LLM scores per "
            "hour is above the shared config's 10 LLM scores per hour",
        ),
    ],
)
def test_ones_own_budget_above_the_coachs_is_an_error_at_its_line(
    shared: Path, personal: Path, mine: str, said: str
) -> None:
    """An error to `coachkit config check` (strict); the other views set it aside (see
    test_config_shared_budget.py)."""
    personal.write_text(f"scorer: gpt\nbudget:\n{mine}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(strict=True)
    message = str(info.value)
    assert message.startswith(f"{personal}:3: {said}, which is the most you may set"), message
    assert message.endswith(f"The shared config is {shared} (set by COACHKIT_CONFIG).")


def test_the_default_budget_is_the_ceiling_when_the_coach_sets_none(
    shared: Path, personal: Path
) -> None:
    shared.write_text(SHARED.replace("budget: {llm_scores_per_hour: 10, usd_per_day: 0.5}\n", ""))
    personal.write_text("budget: {llm_scores_per_hour: 31}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="31 LLM scores per hour is above the shared config's 30"):
        load_config(strict=True)
    personal.write_text("budget: {llm_scores_per_hour: 29}\n", encoding="utf-8")
    assert load_config().budget.llm_scores_per_hour == 29


def test_a_spent_budget_of_ones_own_says_it_may_be_raised_up_to_the_coachs(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    """A lower limit of one's own is spent first: "set by your coach" sent them to ask."""
    from coachkit.llm import Call, UsageLog
    from coachkit.ui.settings import budget_line

    personal.write_text("budget: {usd_per_day: 0.2}\n", encoding="utf-8")
    UsageLog(store).record(Call("gpt", "openai/gpt-4o-mini", "score", "ok", cost_usd=0.3))
    line = budget_line(Coach(bank=bank, store=store, config=load_config()))
    assert line.endswith(
        "; budget.usd_per_day is your own, lower than the shared config's: raise it in the "
        "fields below, up to $0.50 per day."
    ), line


def test_settings_shows_a_mistake_of_ones_own_and_saves_nothing_over_it(
    shared: Path, personal: Path, bank: QuestionBank, store: Store
) -> None:
    """The other views go on with the shared config; Settings shows the mistake, as it
    did, and no save writes its form's values over the file until it is fixed by hand."""
    personal.write_text("scorer: claude\npractice: {role: [oops\n", encoding="utf-8")
    view = _settings(bank, store)
    assert f"{personal}:2" in (view.errors.message or "")
    assert view.save_button.disabled and view.plan_button.disabled and view.budget_button.disabled
