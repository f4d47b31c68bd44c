"""A mistake in the config's `scorer:` or `fallback:` (a typo) stops only what scores
with them: `score` scores offline meanwhile, and the commands that name the profile
they use, or use none (`transcribe`, `config check`, `usage`, `rescore --scorer`),
warn of it and go on."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import (
    FakeLLMServer,
    Reply,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit.cli import main

pytestmark = pytest.mark.usefixtures("loopback_only")
SPOKEN = "In 2023 I led the billing migration at Lumen and we shipped it two weeks early."


def cli(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def configure(home: Path, server: FakeLLMServer, **top: Any) -> Path:
    """A whisper profile (the transcriber) and a gpt one at ``server``."""
    params = {"api_base": f"{server.url}/v1", "api_key": "sk-test-0000"}
    return write_config(
        home / "config.yaml",
        {
            "whisper": {"model": "openai/whisper-1", **params},
            "gpt": {"model": "openai/gpt-4o-mini", **params},
        },
        transcriber="whisper",
        **top,
    )


def warned(err: str, config: Path, key: str = "scorer") -> bool:
    """``err`` opens with the warning of ``key: gtp``, at its line in ``config``."""
    line = config.read_text(encoding="utf-8").splitlines().index(f"{key}: gtp") + 1
    return err.startswith(
        f"coachkit: warning: Unknown scorer 'gtp' (`{key}:` in {config}:{line}). Did you "
        "mean 'gpt'?"
    )


@pytest.mark.parametrize("key", ["scorer", "fallback"])
def test_transcribe_goes_on_past_a_scorer_typo(
    key: str, coachkit_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`coachkit transcribe` exited 2 over `scorer: gtp`, which it does not use."""
    recording = tmp_path / "answer.wav"
    recording.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt fake audio bytes")
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        config = configure(coachkit_home, server, **{key: "gtp"})
        assert cli(["transcribe", str(recording)]) == (0, SPOKEN + "\n")
    err = capsys.readouterr().err
    assert warned(err, config, key) and err.count("\n") == 1


def test_transcribe_with_the_scorer_named_as_transcriber_warns_of_nothing(
    coachkit_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--transcriber gpt` over `scorer: gpt`: no mistake in the config to warn of."""
    recording = tmp_path / "answer.wav"
    recording.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt fake audio bytes")
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        configure(coachkit_home, server, scorer="gpt")
        assert cli(["transcribe", str(recording), "--transcriber", "gpt"]) == (0, SPOKEN + "\n")
    assert capsys.readouterr().err == ""


def test_usage_and_rescore_go_on_past_a_scorer_typo(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeLLMServer() as server:
        config = configure(coachkit_home, server, scorer="gtp")
        code, out = cli(["usage"])
        assert code == 0 and out.startswith("No LLM calls logged yet.")
        assert warned(capsys.readouterr().err, config)
        assert cli(["rescore", "--scorer", "local"]) == (0, "No attempts to rescore yet.\n")
        assert warned(capsys.readouterr().err, config)


def test_config_check_checks_the_profiles_and_warns_of_the_typo(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command to run when something is wrong stopped at the typo, checking nothing."""
    with FakeLLMServer() as server:
        config = configure(coachkit_home, server, scorer="gtp")
        code, out = cli(["config", "check", "gpt"])
    assert code == 0 and out.startswith("gpt: ok model openai/gpt-4o-mini")
    assert warned(capsys.readouterr().err, config)


def test_a_profile_named_wrong_on_the_command_line_still_stops(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeLLMServer() as server:
        configure(coachkit_home, server)
        assert cli(["rescore", "--scorer", "gtp"]) == (2, "")
        assert cli(["transcribe", "answer.wav", "--transcriber", "nope"]) == (2, "")
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("coachkit: Unknown scorer 'gtp'. Did you mean 'gpt'?")
    assert err[1].startswith("coachkit: Unknown transcriber 'nope'.")
