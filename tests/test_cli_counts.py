"""Count options (--window, --days, --last) out of reach: a usage error, never a traceback."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from coachkit import Coach, QuestionBank, Store
from coachkit.cli import main

HUGE = "100000000000000000000"


@pytest.mark.parametrize(
    "args",
    [
        ["progress", "--out", "{tmp}/p.png", "--window", HUGE],
        ["usage", "--days", HUGE],
        ["rescore", "--scorer", "local", "--last", HUGE],
        ["progress", "--out", "{tmp}/p.png", "--window", "1000001"],
    ],
    ids=["window", "days", "last", "window-just-past"],
)
def test_a_count_past_the_most_is_a_usage_error(
    args: list[str],
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Store(coachkit_home / "coachkit.db") as store:
        coach = Coach(bank=bank, store=store)
        for n in range(3):
            coach.submit("time-you-failed", f"In 2023 I broke build {n} at Acme; fixed in 2 days.")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main([a.format(tmp=tmp_path) for a in args], out=io.StringIO())
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "expected a whole number from 1 to 1,000,000" in err
    assert not (tmp_path / "p.png").exists()
