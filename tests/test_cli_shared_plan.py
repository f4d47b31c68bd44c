"""What `coachkit next` and `coachkit questions --check` tell a learner about the cohort's
plan and question files, which are their coach's, not theirs to edit."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_helpers import run_cli

BAD = "questions:\n  - id: broken\n    category: trivia\n    prompt: x\n"


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "srv" / "config.yaml"
    path.parent.mkdir()
    past = date.today() - timedelta(days=3)
    path.write_text(f"practice:\n  role: backend\n  interview_date: {past.isoformat()}\n")
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    return path


def test_next_names_the_shared_config_as_where_the_role_comes_from(
    shared: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "practice.role in your config", a file that does not set it."""
    code, out = run_cli(["next"], monkeypatch)
    assert code == 0
    assert out.startswith(
        f"For your role, backend (practice.role in the shared config {shared}; --role picks "
        "another).\n"
    ), out
    err = capsys.readouterr().err
    assert f"practice.interview_date in the shared config {shared}, " in err, err
    assert "has passed, so it is left out of the plan. Whoever keeps it (your coach)" in err
    assert "set your next interview's date, or remove it" not in err


def test_next_names_the_users_own_file_for_their_own_role(
    shared: Path, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coachkit_home.mkdir()
    (coachkit_home / "config.yaml").write_text("practice:\n  role: frontend\n")
    code, out = run_cli(["next"], monkeypatch)
    assert code == 0
    assert out.startswith("For your role, frontend (practice.role in your config; "), out


def test_next_without_a_shared_config_says_as_before(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    coachkit_home.mkdir()
    past = date.today() - timedelta(days=3)
    (coachkit_home / "config.yaml").write_text(
        f"practice:\n  role: backend\n  interview_date: {past.isoformat()}\n"
    )
    code, out = run_cli(["next"], monkeypatch)
    assert code == 0 and out.startswith("For your role, backend (practice.role in your config;")
    err = capsys.readouterr().err
    assert "has passed, so it is left out of the plan: set your next interview's date" in err


def test_check_over_the_cohorts_linked_folder_says_to_tell_whoever_keeps_it(
    tmp_path: Path,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A learner was told "fix each one" in files they cannot write; the coach, checking
    from a linked home, was given each file and the folder by the link's path
    (…/home/questions/bad.yaml:2), not the one they edit."""
    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    (cohort / "bad.yaml").write_text(BAD)
    coachkit_home.mkdir()
    linked = coachkit_home / "questions"
    linked.symlink_to(cohort)
    code, out = run_cli(["questions", "--check"], monkeypatch)
    assert code == 1
    assert out.startswith(f"{cohort / 'bad.yaml'}:2: question broken: ")
    assert str(linked) not in out
    assert capsys.readouterr().err == (
        f"coachkit: 4 problems in 1 of 1 file in the shared folder {cohort} (linked in as "
        f"{linked}): tell whoever keeps them (your coach); if that is you, fix each one, then "
        "run `coachkit questions --check` again.\n"
    )
    # A script fixing the files had only the link's path: `real_path` is the coach's.
    code, out = run_cli(["questions", "--check", "--json"], monkeypatch)
    rows = json.loads(out)
    assert code == 1 and len(rows) == 4
    assert {(row["path"], row["real_path"]) for row in rows} == {
        (str(linked / "bad.yaml"), str(cohort / "bad.yaml"))
    }
    assert list(rows[0])[:2] == ["path", "real_path"]
    (cohort / "bad.yaml").write_text(
        "questions:\n  - id: fine\n    category: behavioral\n    roles: [any]\n"
        "    prompt: Why?\n    why_asked: To see.\n    how_to_answer: Say why.\n"
    )
    code, out = run_cli(["questions", "--check"], monkeypatch)
    assert code == 0
    assert out.startswith(f"1 file in the shared folder {cohort} (linked in as {linked}): no ")


def test_check_over_the_users_own_folder_says_to_fix_it(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = coachkit_home / "questions"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_text(BAD)
    code, _out = run_cli(["questions", "--check"], monkeypatch)
    assert code == 1
    assert capsys.readouterr().err == (
        f"coachkit: 4 problems in 1 of 1 file in {folder}: fix each one, then run "
        "`coachkit questions --check` again.\n"
    )
