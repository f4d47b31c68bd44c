"""A mistake in a COACHKIT_* variable is blamed on the variable, and the config file's
settings still apply."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import ANSWER, run_cli


@pytest.fixture
def plan(coachkit_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A config file that is fine, and a typo in COACHKIT_SCORER."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text("practice: {role: frontend, new_per_day: 2}\n")
    monkeypatch.setenv("COACHKIT_SCORER", "gtp")


def test_a_scorer_typo_in_the_environment_keeps_the_files_practice_plan(
    plan: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_cli(["next"], monkeypatch)
    err = capsys.readouterr().err
    assert code == 0
    assert out.startswith("For your role, frontend")
    assert "Unknown scorer 'gtp' (set by COACHKIT_SCORER)" in err
    assert "fix or unset COACHKIT_SCORER (an environment variable" in err
    assert "defaults apply" not in err


def test_score_with_a_scorer_typo_in_the_environment_blames_the_variable(
    plan: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_cli(["score", "time-you-failed", "--no-save"], monkeypatch, ANSWER)
    err = capsys.readouterr().err
    assert code == 0 and "scorer: local" in out
    assert "until COACHKIT_SCORER (an environment variable) is fixed or unset" in err
    assert "Until the config is fixed" not in err
