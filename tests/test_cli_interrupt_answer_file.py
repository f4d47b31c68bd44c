"""Ctrl-C during `coachkit score ID --answer-file F`: the line says the answer is still
in F, as a piped answer's says where it was kept, whether it came while scoring or
while the save waited on a busy database."""

from __future__ import annotations

import io
import signal
import sys
from pathlib import Path

import pytest

from coachkit import Coach
from coachkit.cli import main

ANSWER = "In 2023 I broke the build at Acme; I fixed it in 2 days and wrote a runbook."


def _stopped(self: Coach, *args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt  # as Ctrl-C arrives during the call, or the busy wait


@pytest.fixture
def answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("stopped", "said"),
    [("submit", "interrupted."), ("save", "interrupted before the score was saved.")],
    ids=["while-scoring", "while-saving"],
)
@pytest.mark.parametrize("repeat", [[], ["--repeat", "2"]], ids=["once", "repeat"])
def test_ctrl_c_says_the_answer_is_still_in_its_file(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    coachkit_home: Path,
    answer: Path,
    stopped: str,
    said: str,
    repeat: list[str],
) -> None:
    """Before: "coachkit: interrupted", and nothing said where the answer was."""
    if stopped == "submit" and repeat:  # --repeat scores through its own loop
        monkeypatch.setattr("coachkit.cli.score._score_repeated", _stopped)
    monkeypatch.setattr(Coach, stopped, _stopped)
    out = io.StringIO()
    code = main(["score", "time-you-failed", "--answer-file", str(answer), *repeat], out=out)
    assert code == 130 and out.getvalue() == ""
    assert capsys.readouterr().err.endswith(f"coachkit: {said} Your answer is still in {answer}.\n")
    assert answer.read_text(encoding="utf-8") == ANSWER  # untouched
    assert not (coachkit_home / "unscored").exists()  # not copied: it is safe in its file


class _SecondCtrlC(io.StringIO):
    """stderr on which a second Ctrl-C comes the moment the line is being written."""

    def write(self, text: str) -> int:
        first = not self.tell()
        written = super().write(text)
        if first:
            signal.raise_signal(signal.SIGINT)  # the real signal, to its real handler
        return written


def test_a_second_ctrl_c_as_it_is_said_says_it_once(
    monkeypatch: pytest.MonkeyPatch, coachkit_home: Path, answer: Path
) -> None:
    monkeypatch.setattr(Coach, "submit", _stopped)
    err = _SecondCtrlC()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["score", "time-you-failed", "--answer-file", str(answer)]) == 130
    assert err.getvalue() == f"coachkit: interrupted. Your answer is still in {answer}.\n"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
