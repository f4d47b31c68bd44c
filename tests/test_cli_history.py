"""`coachkit history`: the newest attempts alone (--last), and attempts at questions no
longer in the bank marked as such."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import ANSWER, run_cli

from coachkit import Coach, QuestionBank, Store
from coachkit.models import Attempt

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _saved(coachkit_home: Path, bank: QuestionBank, *at: tuple[str, str]) -> list[Attempt]:
    """Attempts saved under the ids given, at these questions, an hour apart, oldest first."""
    with Store(coachkit_home / "coachkit.db") as store:
        coach = Coach(bank=bank, store=store)
        scored = {q: coach.submit(q, ANSWER, save=False) for q in {q for _, q in at}}
        attempts = [
            scored[question].model_copy(
                update={"id": ident, "created_at": START + timedelta(hours=n)}
            )
            for n, (ident, question) in enumerate(at)
        ]
        store.add_attempts(attempts)
    return attempts


def test_last_lists_only_the_newest_attempts_oldest_first(
    coachkit_home: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: `history --last 2` was refused ("unrecognized arguments"); a long history
    printed every attempt to reach the last few."""
    _saved(
        coachkit_home,
        bank,
        ("aaaa1111" + "0" * 24, "time-you-failed"),
        ("bbbb2222" + "0" * 24, "conflict-with-teammate"),
        ("cccc3333" + "0" * 24, "time-you-failed"),
        # Its first 8 characters are the oldest one's, which is not listed: the id shown
        # must still name one attempt to `coachkit delete`.
        ("aaaa1111" + "f" * 24, "conflict-with-teammate"),
    )

    code, out = run_cli(["history", "--last", "2"], monkeypatch)

    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["cccc3333", "aaaa1111f"]
    code, out = run_cli(["history", "--json", "--last", "1"], monkeypatch)
    assert [a["id"] for a in json.loads(out)] == ["aaaa1111" + "f" * 24]
    code, out = run_cli(["history", "--question", "time-you-failed", "--last", "1"], monkeypatch)
    assert [line.split()[0] for line in out.splitlines()] == ["cccc3333"]
    assert len(run_cli(["history", "--last", "50"], monkeypatch)[1].splitlines()) == 4


@pytest.mark.parametrize("given", ["0", "-1", "two"])
def test_last_takes_a_whole_number_of_one_or_more(
    given: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["history", "--last", given], monkeypatch) == (2, "")
    assert "expected a whole number from 1" in capsys.readouterr().err


def test_help_says_what_last_does(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        run_cli(["history", "--help"], monkeypatch)
    said = " ".join(capsys.readouterr().out.split())
    assert "--last N only the newest N attempts" in said and "oldest first" in said
