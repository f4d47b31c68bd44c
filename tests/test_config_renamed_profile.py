"""A coach renames a profile in the cohort's shared config (team -> proxy): a learner whose
own settings still say ``scorer: team`` keeps the cohort's plan and their own, scores with
the shared scorer meanwhile, and is told, everywhere the config is read, what to fix."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import ANSWER, run_cli

from coachkit import Coach, QuestionBank, Store, UnknownScorerError, load_config
from coachkit.cli import main
from coachkit.ui import MockInterviewView, PracticeView, SettingsView, StartHere
from coachkit.ui.runtime import InlineRunner, ManualScheduler

INTERVIEW = date.today() + timedelta(days=30)
SHARED = f"""\
scorer: proxy
fallback: local
practice:
  role: backend
  interview_date: {INTERVIEW.isoformat()}
model_list:
  - model_name: proxy
    litellm_params: {{model: openai/gpt-4o-mini, api_base: "http://127.0.0.1:9/v1"}}
"""
NOTICE = "Unknown scorer 'team' (`scorer:` in {own}:2). Valid scorers: local, proxy."
MEANWHILE = (
    "Until your file is fixed, the shared config's scorer (proxy) scores your answers; the "
    "rest of your settings apply."
)


@pytest.fixture
def own(tmp_path: Path, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shared = tmp_path / "srv" / "config.yaml"
    shared.parent.mkdir()
    shared.write_text(SHARED, encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CONFIG", str(shared))
    coachkit_home.mkdir()
    path = coachkit_home / "config.yaml"
    path.write_text("practice: {new_per_day: 2}\nscorer: team\n", encoding="utf-8")
    return path


def test_only_the_scorer_gives_way(own: Path) -> None:
    """The whole config failed: role, interview date and new-per-day all went."""
    config = load_config()
    assert config.scorer == "proxy"
    assert (config.practice.role, config.practice.interview_date) == ("backend", INTERVIEW)
    assert config.practice.new_per_day == 2  # the user's own setting still applies
    (notice,) = config.set_aside
    assert notice.startswith(NOTICE.format(own=own)) and notice.endswith(MEANWHILE)


def test_without_a_shared_scorer_the_offline_one_stands_in(
    own: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = Path(load_config().source or "")
    shared.write_text(SHARED.replace("scorer: proxy\n", ""), encoding="utf-8")
    config = load_config()
    assert config.scorer == "local" and config.practice.role == "backend"
    local = (
        "Until your file is fixed, the offline scorer (local) scores your answers; the rest "
        "of your settings apply."
    )
    assert config.set_aside[0].endswith(local)
    code, out = run_cli(["score", "time-you-failed", "--no-save"], monkeypatch, ANSWER)
    assert code == 0 and "(scorer: local;" in out
    err = capsys.readouterr().err
    assert f"coachkit: warning: {NOTICE.format(own=own)}" in err and local in err


def test_an_unknown_fallback_of_ones_own_gives_way_too(own: Path) -> None:
    own.write_text("fallback: team\n", encoding="utf-8")
    config = load_config()
    assert config.fallback == "local" and config.practice.role == "backend"
    assert "the shared config's fallback (local) is the fallback" in config.set_aside[0]


def test_strict_is_the_error_as_before(own: Path) -> None:
    with pytest.raises(UnknownScorerError, match="Unknown scorer 'team'"):
        load_config(strict=True)


def test_the_command_line_says_it_and_keeps_the_plan(
    own: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_cli(["next"], monkeypatch)
    err = capsys.readouterr().err
    assert code == 0
    assert f"coachkit: warning: {NOTICE.format(own=own)}" in err and MEANWHILE in err
    assert "defaults apply" not in err
    assert out.startswith("For your role, backend (practice.role in the shared config")
    # Counted from today now: the module set INTERVIEW when collected, maybe before midnight.
    assert f"interview in {(INTERVIEW - date.today()).days} days" in out
    code, _out = run_cli(["config", "show"], monkeypatch)
    assert code == 0 and NOTICE.format(own=own) in capsys.readouterr().err


def test_config_check_still_fails(
    own: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "check", "local"], out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert NOTICE.format(own=own) in err
    assert err.endswith(
        "coachkit: 1 mistake in your own settings (above): fix it, then run `coachkit config "
        "check` again.\n"
    )


def test_the_views_say_it(own: Path, bank: QuestionBank, store: Store, tmp_path: Path) -> None:
    coach = Coach(bank=bank, store=store)
    start = StartHere(coach)
    assert NOTICE.format(own=own) in (start.errors.message or "")
    practice = PracticeView(coach, runner=InlineRunner(), scheduler=ManualScheduler())
    assert NOTICE.format(own=own).replace("'", "&#x27;") in practice.config_notice.value
    assert practice.config_notice.layout.display != "none"
    assert practice.errors.message is None
    mock = MockInterviewView(
        coach, runner=InlineRunner(), scheduler=ManualScheduler(), reports_dir=tmp_path
    )
    assert NOTICE.format(own=own) in (mock.errors.message or "")
    settings = SettingsView(coach, runner=InlineRunner(), budget=lambda _c: "")
    message = settings.errors.message or ""
    assert NOTICE.format(own=own) in message and "press Save as default" in message
    assert settings.new_per_day.value == 2 and settings.role.value == "backend"
    # What scores meanwhile, as the other views say it (not local, which nothing uses).
    assert settings.scorer.value == "proxy" and "scorer: proxy" in settings.resolved.value
