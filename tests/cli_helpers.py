"""Running the CLI in-process, and an attempt as `coachkit export` writes it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from coachkit import Coach, QuestionBank, Store
from coachkit.cli import main

ANSWER = "In 2023 I broke the build at Acme; I fixed it in 2 days and wrote a runbook."


def run_cli(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> tuple[int, str]:
    """``coachkit ARGS`` with ``stdin``: the exit code and what it printed."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def exported_line(bank: QuestionBank, tmp_path: Path) -> dict[str, object]:
    """An attempt as `coachkit export` writes it, saved in a database of its own."""
    with Store(tmp_path / "source.db") as store:
        attempt = Coach(bank=bank, store=store).submit("time-you-failed", ANSWER)
    line = json.loads(attempt.model_dump_json())
    assert isinstance(line, dict)
    return line
