"""`coachkit score --no-save` when scoring fails: an answer piped in is kept all the
same (it exists nowhere else), and the message says so and why; one read from
--answer-file is not copied, and the message says it is still in that file."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from coachkit import ScoreCard
from coachkit.cli import main
from coachkit.errors import ScoringError
from coachkit.scoring.local import LocalScorer

ANSWER = "In 2023 I broke the build at Acme; I fixed it in 2 days and wrote a runbook."


def run(args: list[str], stdin: str = "") -> tuple[int, str]:
    sys.stdin = io.StringIO(stdin)
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def failing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer fails, as an LLM profile whose server is down does."""

    def fail(self: LocalScorer, *args: object, **kwargs: object) -> ScoreCard:
        raise ScoringError("The scorer failed.")

    monkeypatch.setattr(LocalScorer, "score", fail)


@pytest.fixture(autouse=True)
def stdin_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", sys.stdin)  # run() replaces it


@pytest.mark.parametrize("repeat", [[], ["--repeat", "2"]], ids=["once", "repeat"])
def test_a_piped_answer_is_kept_and_the_message_says_why_despite_no_save(
    monkeypatch: pytest.MonkeyPatch,
    coachkit_home: Path,
    capsys: pytest.CaptureFixture[str],
    repeat: list[str],
) -> None:
    """Before: "Your answer is saved in ...", as if --no-save had not been given; and
    once the command given scored it (with --no-save), nothing said the file stayed."""
    with monkeypatch.context() as scorer_down:
        failing(scorer_down)
        assert run(["score", "time-you-failed", "--no-save", *repeat], ANSWER) == (3, "")
    (kept,) = (coachkit_home / "unscored").iterdir()
    assert kept.read_text(encoding="utf-8") == ANSWER
    flags = " ".join(["--no-save"] if not repeat else ["--repeat", "2", "--no-save"])
    assert capsys.readouterr().err.endswith(  # after --repeat's note on the local scorer
        f"coachkit: The scorer failed. Your answer is kept in {kept} all the same (--no-save "
        "saves no attempt, but an answer piped in exists nowhere else): score it again with "
        f"`coachkit score time-you-failed --answer-file {kept} {flags}`, then delete the file.\n"
    )

    # The scorer works again: the command it gave scores the answer.
    code, out = run(["score", "time-you-failed", "--answer-file", str(kept), "--no-save"])
    assert code == 0 and "Overall:" in out and kept.read_text(encoding="utf-8") == ANSWER
    assert capsys.readouterr().err == (
        f"coachkit: not saved (--no-save); your answer is still kept in {kept}: delete it "
        "once you no longer need it, or score it without --no-save to save it (which "
        "removes the file).\n"
    )
    assert not (coachkit_home / "coachkit.db").exists()  # nothing saved, as asked


@pytest.mark.parametrize("no_save", [[], ["--no-save"]], ids=["saving", "no-save"])
def test_an_answer_file_is_not_copied_and_the_message_says_it_is_still_there(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    coachkit_home: Path,
    capsys: pytest.CaptureFixture[str],
    no_save: list[str],
) -> None:
    """Before: only the scorer's error, nothing about the answer."""
    failing(monkeypatch)
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    args = ["score", "time-you-failed", "--answer-file", str(answer), *no_save]
    assert run(args) == (3, "")
    assert capsys.readouterr().err == (
        f"coachkit: The scorer failed. Your answer is still in {answer}.\n"
    )
    assert not (coachkit_home / "unscored").exists()
