"""Over a shared config (COACHKIT_CONFIG), an unknown profile's message says who adds
one (whoever keeps the shared file), not "add a model_list entry to your config":
said once, where the error is raised, so the command line, its warnings and the
notebooks all say the same."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from fake_openai_server import write_config

from coachkit import UnknownScorerError, load_config
from coachkit.cli import main

ANSWER = "In 2023 I led the billing migration at Lumen."


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = write_config(tmp_path / "srv" / "config.yaml", {"gpt": {"model": "openai/x"}})
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    return path


def coach_adds(shared: Path) -> str:
    return (
        f"The profiles come from the shared config {shared} (set by COACHKIT_CONFIG): ask "
        "whoever keeps it (your coach) to add one."
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["score", "time-you-failed", "--scorer", "gtp"], "Unknown scorer 'gtp'."),
        (["rescore", "--scorer", "gtp"], "Unknown scorer 'gtp'."),
        (["config", "check", "gtp"], "Unknown profile 'gtp'."),
    ],
)
def test_a_name_given_on_the_command_line_sends_a_learner_to_the_coach(
    shared: Path, args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args, out=io.StringIO()) == 2
    valid = "Profiles to check" if args[0] == "config" else "Valid scorers"
    assert capsys.readouterr().err == (
        f"coachkit: {said} Did you mean 'gpt'? {valid}: local, gpt. {coach_adds(shared)}\n"
    )


@pytest.mark.parametrize("variable", ["COACHKIT_SCORER", "COACHKIT_FALLBACK"])
def test_a_misspelt_variable_s_warning_sends_a_learner_to_the_coach(
    shared: Path,
    variable: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`score` (a warning: it scores offline meanwhile) told a learner to "Add a
    model_list entry to your config", where `rescore` sent them to the coach."""
    monkeypatch.setenv(variable, "gtp")
    assert main(["score", "time-you-failed", "--no-save"], out=io.StringIO()) == 0
    warning = capsys.readouterr().err.splitlines()[0]
    assert warning == (
        f"coachkit: warning: Unknown scorer 'gtp' (set by {variable}). Did you mean 'gpt'? "
        f"Valid scorers: local, gpt. {coach_adds(shared)}"
    )
    assert main(["rescore", "--scorer", "local"], out=io.StringIO()) == 0
    assert capsys.readouterr().err == f"{warning}\n"


def test_the_notebooks_read_the_same_ending_from_the_config(
    shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The views show the error as load_config raises it: no command rewrites it there."""
    with pytest.raises(UnknownScorerError) as checked:
        load_config().check_name("gtp")
    assert str(checked.value).endswith(coach_adds(shared))
    monkeypatch.setenv("COACHKIT_SCORER", "gtp")
    with pytest.raises(UnknownScorerError) as loaded:
        load_config()
    assert str(loaded.value).endswith(coach_adds(shared))


def test_without_a_shared_config_the_user_adds_the_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    write_config(coachkit_home / "config.yaml", {"gpt": {"model": "openai/x"}})
    assert main(["rescore", "--scorer", "gtp"], out=io.StringIO()) == 2
    assert capsys.readouterr().err.endswith(
        "Add a model_list entry to your config to define another.\n"
    )
