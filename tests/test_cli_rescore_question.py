"""`coachkit rescore --scorer NAME QUESTION_ID`: the question given bare, as `history`
takes it, or as --question, with the same refusals."""

from __future__ import annotations

import io
import json

import pytest
from ui_fakes import make_attempts

from coachkit import Coach, QuestionBank
from coachkit.cli import main

PLAN = [
    ("time-you-failed", (4, 4, 4, 4)),
    ("why-this-role", (1, 1, 1, 1)),
    ("time-you-failed", (1, 1, 1, 1)),
]


@pytest.fixture
def saved(bank: QuestionBank) -> None:
    """Two attempts at time-you-failed, one at why-this-role."""
    Coach(bank=bank).store.add_attempts(make_attempts(bank, PLAN, scorer=lambda i: "local"))


def run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


@pytest.mark.usefixtures("saved")
def test_a_question_id_given_bare_rescores_that_questions_attempts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: `coachkit rescore --scorer local time-you-failed` was refused
    ("unrecognized arguments: time-you-failed. Did you mean: --question ...?"), though
    `history time-you-failed` lists them; now it is the question, as --question is."""
    for args in (
        ["time-you-failed"],
        ["--question", "time-you-failed"],
        ["time-you-failed", "--question", "time-you-failed"],
    ):
        code, out = run(["rescore", "--scorer", "local", "--json", *args])
        rows = json.loads(out)["rows"]
        assert code == 0 and [r["question_id"] for r in rows] == ["time-you-failed"] * 2
    code, out = run(["rescore", "time-you-failed", "--scorer", "local", "--last", "1"])
    rows = [line for line in out.splitlines() if "time-you-failed" in line]
    assert code == 0 and len(rows) == 1 and "why-this-role" not in out
    assert capsys.readouterr().err == ""

    # A typo: the same message, and exit code, as `history`'s and --question's.
    for args in (["history", "time-you-faild"], ["rescore", "--scorer", "local", "time-you-faild"]):
        assert run(args) == (2, "")
        assert capsys.readouterr().err == (
            "coachkit: Unknown question id 'time-you-faild'. Did you mean: time-you-failed? "
            "Run `coachkit questions` to list the ids.\n"
        )

    assert run(["rescore", "--scorer", "local", "why-this-role", "--question", "x"]) == (2, "")
    assert capsys.readouterr().err == (
        "coachkit: Two questions given (why-this-role, x): rescore takes one question's "
        "attempts at a time, `coachkit rescore --scorer local why-this-role` or "
        "`coachkit rescore --scorer local x`.\n"
    )


def test_a_bare_word_without_scorer_is_still_offered_as_the_scorer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The bare word now fills QUESTION_ID, and --scorer is still what is missing."""
    assert run(["rescore", "gpt"]) == (2, "")
    assert capsys.readouterr().err == (
        "coachkit: the following arguments are required: --scorer. Did you mean: "
        "--scorer gpt? (see `coachkit rescore --help`)\n"
    )
