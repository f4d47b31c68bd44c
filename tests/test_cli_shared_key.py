"""Over a cohort's shared config (COACHKIT_CONFIG), a profile whose key is not set in the
learner's environment sends them to the coach by the file the coach keeps, as the
Settings notebook does: the command line said "ask whoever runs it", naming no one."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from fake_openai_server import write_config

from coachkit.cli import main

KEY = "COACHKIT_TEST_COHORT_KEY"


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Port 9 on loopback: nothing is sent anyway, the key is checked first.
    params = {
        "model": "openai/gpt-4o-mini",
        "api_base": "http://127.0.0.1:9/v1",
        "api_key": f"os.environ/{KEY}",
    }
    path = write_config(tmp_path / "srv" / "config.yaml", {"team": params}, scorer="team")
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    monkeypatch.delenv(KEY, raising=False)
    return path


def coach_sets(shared: Path) -> str:
    return (
        f"this profile comes from the shared config {shared} (set by COACHKIT_CONFIG): "
        f"ask whoever keeps it (your coach) to set {KEY} in the hub's environment for "
        "everyone, or, with a key of your own, export"
    )


def test_config_check_names_the_shared_file_and_the_coach(
    shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main(["config", "check"], out=out) == 3
    assert coach_sets(shared) in out.getvalue()


def test_a_score_scored_offline_meanwhile_says_the_same(
    shared: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("In 2023 I led the billing migration."))
    out = io.StringIO()
    assert main(["score", "time-you-failed", "--no-save"], out=out) == 0
    said = out.getvalue() + capsys.readouterr().err
    assert "Scored by local instead" in said
    assert coach_sets(shared) in said
