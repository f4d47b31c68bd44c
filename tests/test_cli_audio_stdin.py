"""`coachkit score ID --audio FILE` with an answer on stdin as well: refused in words, where
the typed answer was dropped without one; an empty pipe is no second answer."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

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
TWICE = "coachkit: Give the answer once: --audio or the answer on stdin, not both.\n"


def _configure(home: Path, server: FakeLLMServer) -> None:
    params = {"model": "openai/whisper-1", "api_base": f"{server.url}/v1", "api_key": "none"}
    write_config(home / "config.yaml", {"whisper": params}, transcriber="whisper")


def _recording(tmp_path: Path) -> str:
    path = tmp_path / "rec.wav"
    path.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt fake audio bytes")
    return str(path)


def _history() -> list[object]:
    out = io.StringIO()
    assert main(["history", "--json"], out=out) == 0
    history = json.loads(out.getvalue())
    assert isinstance(history, list)
    return history


def test_typed_stdin_and_a_recording_are_refused_before_transcribing(
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        _configure(coachkit_home, server)
        monkeypatch.setattr(sys, "stdin", io.StringIO("typed answer\n"))
        args = ["score", "time-you-failed", "--audio", _recording(tmp_path)]
        assert main(args, out=io.StringIO()) == 2
        assert server.requests == []  # nothing paid for
    assert capsys.readouterr().err == TWICE
    assert _history() == []


@pytest.mark.parametrize(
    ("feed", "refused"),
    [("echo 'typed answer' |", True), ("true |", False), ("", False)],
    ids=["echo-pipe", "empty-pipe", "dev-null"],
)
def test_a_real_pipe_is_looked_at_and_an_empty_one_scores_the_recording(
    coachkit_home: Path, tmp_path: Path, feed: str, refused: bool
) -> None:
    """Through a shell, as typed: the answer piped in was dropped for the transcript."""
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        _configure(coachkit_home, server)
        audio = _recording(tmp_path)
        command = f"{feed} {sys.executable} -m coachkit.cli score time-you-failed --audio {audio}"
        result = subprocess.run(
            ["bash", "-c", command + ("" if feed else " < /dev/null")],
            env={**os.environ, "COACHKIT_HOME": str(coachkit_home)},
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        asked = len(server.requests)
    if refused:
        assert (result.returncode, result.stdout, result.stderr) == (2, "", TWICE)
        assert asked == 0 and _history() == []
    else:
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"Transcript of rec.wav:\n{SPOKEN}\n")
        assert asked == 1 and len(_history()) == 1
