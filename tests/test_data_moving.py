"""Moving a history to another COACHKIT_HOME with export and import: what goes in the
file, and what the export says stays behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import ANSWER, run_cli

from coachkit import paths
from coachkit.unscored import new_answer_file

WAITING = "An answer I typed while the disk was full, never scored."


def test_export_says_answers_waiting_in_unscored_stay_behind(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the export said only "Exported 1 attempt", and the answer waiting in
    unscored/ was silently missing from the new home after the import."""
    assert run_cli(["score", "time-you-failed"], monkeypatch, ANSWER)[0] == 0
    capsys.readouterr()
    export = tmp_path / "attempts.jsonl"
    assert run_cli(["export", "--out", str(export)], monkeypatch)[0] == 0
    assert capsys.readouterr().err == ""  # nothing waits: nothing said
    new_answer_file(paths.unscored_dir(), "tell-me-about-yourself", WAITING)

    code, out = run_cli(["export", "--out", str(export)], monkeypatch)

    assert (code, out) == (0, f"Exported 1 attempt to {export}.\n")
    err = capsys.readouterr().err
    assert f"coachkit: 1 answer waiting in {paths.unscored_dir()}" in err
    assert "is not in the export: to move to another COACHKIT_HOME, copy that folder" in err
    assert WAITING not in export.read_text(encoding="utf-8")


def test_a_round_trip_to_a_fresh_home_is_exact(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ids, times, cards: an export of the imported history is the first export, byte
    for byte, and a second import adds nothing."""
    for n in range(3):
        run_cli(["score", "time-you-failed"], monkeypatch, f"{ANSWER} Take {n}.")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert run_cli(["export", "--out", str(first)], monkeypatch)[0] == 0
    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "a home with spaces, ü"))
    assert (
        "Imported 3 new attempts (0 already present)"
        in run_cli(["import", str(first)], monkeypatch)[1]
    )
    assert (
        "Imported 0 new attempts (3 already present)"
        in run_cli(["import", str(first)], monkeypatch)[1]
    )
    assert run_cli(["export", "--out", str(second)], monkeypatch)[0] == 0
    assert second.read_bytes() == first.read_bytes()
