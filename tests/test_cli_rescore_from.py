"""`coachkit rescore --from NAME`: the drift from one scorer's attempts alone. Scorers
grade on scales of their own, so a mean change over attempts several scored mixes them,
and the output says so."""

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
MIXED = (
    "Before, these were scored by gpt (1) and local (2), which grade differently, so the "
    "mean change mixes their scales: `--from NAME` rescores one scorer's attempts alone."
)


@pytest.fixture
def two_scorers(bank: QuestionBank) -> None:
    """An LLM profile's attempt ("gpt"), then two of the offline scorer's."""
    attempts = make_attempts(bank, PLAN, scorer=lambda i: "local" if i else "gpt")
    Coach(bank=bank).store.add_attempts(attempts)


def run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


@pytest.mark.usefixtures("two_scorers")
def test_a_mean_over_several_scorers_says_it_mixes_their_scales(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run(["rescore", "--scorer", "local"])
    assert code == 0 and out.endswith(f"\n{MIXED}\n")
    code, out = run(["rescore", "--scorer", "local", "--json"])
    assert code == 0 and len(json.loads(out)["rows"]) == 3  # stdout holds JSON only
    assert capsys.readouterr().err == f"coachkit: {MIXED}\n"


@pytest.mark.usefixtures("two_scorers")
def test_from_rescores_that_scorers_attempts_alone() -> None:
    code, out = run(["rescore", "--scorer", "local", "--from", "gpt"])
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4 and "Before, these" not in out
    assert "(gpt)" in lines[1] and lines[2].startswith("Mean change with local:")
    code, out = run(["rescore", "--scorer", "local", "--from", "local", "--last", "1", "--json"])
    rows = json.loads(out)["rows"]
    assert code == 0 and [r["before"]["scorer"] for r in rows] == ["local"]
    assert rows[0]["question_id"] == "time-you-failed"  # the newest of local's


@pytest.mark.usefixtures("two_scorers")
def test_from_a_scorer_with_no_attempts_names_those_there_are(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["rescore", "--scorer", "local", "--from", "GPT"]) == (2, "")
    assert capsys.readouterr().err == (
        "coachkit: No attempts scored by 'GPT'. Did you mean 'gpt'? Your attempts were "
        "scored by: gpt, local.\n"
    )


def test_one_scorer_s_attempts_need_no_note(bank: QuestionBank) -> None:
    Coach(bank=bank).store.add_attempts(make_attempts(bank, PLAN))
    code, out = run(["rescore", "--scorer", "local"])
    assert code == 0 and out.splitlines()[-1].startswith("Mean size of change")
