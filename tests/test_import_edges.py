"""`coachkit import` on lines and files at the edges: each refused with its place named,
nothing imported."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from coachkit import Coach, QuestionBank, Store
from coachkit.cli import main

ANSWER = "In 2023 I broke the build at Acme; I fixed it in 2 days and wrote a runbook."


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def _line(bank: QuestionBank, tmp_path: Path) -> dict[str, object]:
    """An attempt as `coachkit export` writes it, saved in a database of its own."""
    with Store(tmp_path / "source.db") as store:
        attempt = Coach(bank=bank, store=store).submit("time-you-failed", ANSWER)
    line = json.loads(attempt.model_dump_json())
    assert isinstance(line, dict)
    return line


def test_a_number_past_pythons_digit_limit_names_the_line_and_column(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = json.dumps(_line(bank, tmp_path))
    big = "9" * 5000
    text = line.replace('"overall":', f'"overall":{big},"was":', 1)
    backup = tmp_path / "big.jsonl"
    backup.write_text(line + "\n" + text + "\n", encoding="utf-8")
    code, _ = _run(["import", str(backup)], monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    column = text.index(big) + 1
    assert f"{backup}:2: a number of 5,000 digits at column {column}" in err
    assert "nothing was imported" in err
    assert not (coachkit_home / "coachkit.db").exists()
