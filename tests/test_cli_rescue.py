"""`coachkit rescue`: the rescue Start here offers, in one command for a terminal: what
was kept, what was left out and where each file is; exit 2, with nothing moved, when
there is nothing to rescue or another program has the file open."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from cli_helpers import run_cli
from test_data_rescue import (  # the same damaged file as the notebook's rescue
    DRAFT,
    SAVED,
    _leftovers,
    _save,
    before,  # noqa: F401 (fixture)
    db,  # noqa: F401 (fixture)
    other_reader,  # noqa: F401 (fixture)
    readable,  # noqa: F401 (fixture)
)

from coachkit import QuestionBank, Store
from coachkit.exchange import parse_attempts


def test_rescue_says_what_was_kept_left_out_and_where_each_file_is(
    db: Path,  # noqa: F811
    readable: list[tuple[str, str]],  # noqa: F811
    before: bytes,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: the damage message gave four commands to run by hand."""
    code, out = run_cli(["rescue"], monkeypatch)
    assert (code, capsys.readouterr().err) == (0, "")
    [aside] = db.parent.glob("coachkit.db.damaged-*")
    [export] = db.parent.glob("rescued-*.jsonl")
    lost = SAVED - len(readable)
    assert out.splitlines() == [
        f"Rescued {db}.",
        f"  Kept {len(readable)} attempts in a fresh database; they are also in {export}.",
        f"  {lost} attempt{' was' if lost == 1 else 's were'} too damaged to read and left out "
        f"(an earlier export you import brings {'it' if lost == 1 else 'them'} back).",
        f"  Kept 1 draft in {db.parent / 'unscored'}, a file each: the practice notebook "
        "offers each back under its question (Put it in the box), and `coachkit score "
        "QUESTION --answer-file FILE` scores and saves one.",
        f"  The damaged file is now {aside}, kept as it was (with its LLM usage log): delete "
        "it once you no longer need it.",
    ]
    assert aside.read_bytes() == before
    exported = parse_attempts(export.read_text(encoding="utf-8"), "x")
    assert [(a.id, a.answer) for a in exported] == readable
    with Store(db) as fresh:
        assert [(a.id, a.answer) for a in fresh.attempts()] == readable
        assert fresh.damage() is None
    [kept] = (db.parent / "unscored").glob("tell-me-about-yourself-*.txt")
    assert kept.read_text(encoding="utf-8") == DRAFT
    # The file is whole again: no damage warning (only the draft kept, waiting).
    code, _ = run_cli(["history"], monkeypatch)
    err = capsys.readouterr().err
    assert code == 0 and "warning" not in err and "1 answer waits" in err
    assert _leftovers(db.parent) == []


def test_rescue_json_prints_the_counts_and_paths_alone(
    db: Path,  # noqa: F811
    readable: list[tuple[str, str]],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out = run_cli(["rescue", "--json"], monkeypatch)
    [aside] = db.parent.glob("coachkit.db.damaged-*")
    [export] = db.parent.glob("rescued-*.jsonl")
    assert code == 0
    assert json.loads(out) == {
        "database": str(db),
        "link": None,  # the database is no symlink
        "kept": len(readable),
        "left_out": SAVED - len(readable),
        "export": str(export),
        "damaged_file": str(aside),
        "usage_calls": 0,  # no LLM call was ever logged
        "recategorised": [],  # every question has the category its attempts were saved with
        "unscored": {"folder": str(db.parent / "unscored"), "drafts": 1, "mock_answers": 0},
    }


def test_a_file_that_is_no_database_is_moved_aside_and_started_afresh(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coachkit_home.mkdir(parents=True)
    junk = os.urandom(5000)
    (coachkit_home / "coachkit.db").write_bytes(junk)
    code, out = run_cli(["rescue", "--json"], monkeypatch)
    assert code == 0 and json.loads(out)["export"] is None
    [aside] = coachkit_home.glob("coachkit.db.damaged-*")
    assert aside.read_bytes() == junk
    code, out = run_cli(["history"], monkeypatch)
    assert code == 0 and out.startswith("No attempts yet")


def test_another_program_with_the_file_open_stops_it_with_nothing_moved(
    db: Path,  # noqa: F811
    before: bytes,  # noqa: F811
    other_reader: sqlite3.Connection,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run_cli(["rescue"], monkeypatch)
    err = capsys.readouterr().err
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert err.startswith(
        "coachkit: The rescue stopped: Another notebook or program has coachkit.db open"
    )
    # Said as the terminal's way to try again, not the notebook button's.
    assert "then run `coachkit rescue` again." in err and "press Rescue" not in err
    assert f"Nothing was moved: {db} is where it was, damaged." in err
    assert db.read_bytes() == before
    assert not list(db.parent.glob("coachkit.db.damaged-*"))


def test_a_whole_database_is_left_as_it_is(
    bank: QuestionBank,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    coachkit_home.mkdir(parents=True)
    _save(coachkit_home / "coachkit.db", bank)
    code, out = run_cli(["rescue", "--json"], monkeypatch)
    err = capsys.readouterr().err
    assert (code, out) == (2, "")
    assert err == (
        f"coachkit: {coachkit_home / 'coachkit.db'} is not damaged (every page of it reads): "
        "nothing to rescue.\n"
    )
    assert [p.name for p in coachkit_home.iterdir() if not p.name.startswith("coachkit.db")] == []
    assert not list(coachkit_home.glob("coachkit.db.*"))


def test_no_database_at_all_is_said_and_none_is_made(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening it to check would have made an empty one, then called it "not damaged"."""
    code, out = run_cli(["rescue"], monkeypatch)
    err = capsys.readouterr().err
    assert (code, out) == (2, "")
    assert err.startswith(f"coachkit: There is no database at {coachkit_home / 'coachkit.db'}")
    assert "point COACHKIT_HOME at its folder" in err
    assert not (coachkit_home / "coachkit.db").exists()


def test_the_damage_warning_names_coachkit_rescue(
    db: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: only the four commands by hand, and the notebook's button."""
    code, _ = run_cli(["history"], monkeypatch)
    [warning] = capsys.readouterr().err.splitlines()
    assert code == 0 and "`coachkit rescue` does all of this in one step" in warning
    code, _ = run_cli(["delete", "abcd"], monkeypatch)
    refusal = capsys.readouterr().err
    assert code == 2 and "`coachkit rescue` does all of this in one step" in refusal
