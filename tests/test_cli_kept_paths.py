"""A kept copy scored with a relative --answer-file is named as `score` kept it: in the
home as the user set it, never as ``elsewhere/../home/unscored/...``."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from coachkit.cli import main

ANSWER = "In 2023 I broke the build at Acme; I fixed it in 2 days and wrote a runbook."
NAME = "time-you-failed-20260101-090000.txt"


def run(args: list[str]) -> int:
    return main(args, out=io.StringIO())


@pytest.fixture(autouse=True)
def stdin_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def _kept(home: Path) -> Path:
    folder = home / "unscored"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NAME).write_text(ANSWER, encoding="utf-8")
    return folder / NAME


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder beside the home, as a checkout beside it is."""
    folder = tmp_path / "repo"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_a_saved_kept_copy_named_by_a_relative_path_is_said_in_full(
    coachkit_home: Path, elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: "its kept copy /tmp/.../repo/../home/unscored/... was removed"."""
    kept = _kept(coachkit_home)
    assert run(["score", "time-you-failed", "--answer-file", f"../home/unscored/{NAME}"]) == 0
    assert not kept.exists()
    assert capsys.readouterr().err == (
        f"coachkit: your answer is saved, so its kept copy {kept} was removed.\n"
    )


def test_a_kept_copy_scored_without_saving_is_said_in_full(
    coachkit_home: Path, elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: "your answer is still kept in /tmp/.../repo/../home/unscored/..."."""
    kept = _kept(coachkit_home)
    args = ["score", "time-you-failed", "--answer-file", f"../home/unscored/{NAME}", "--no-save"]
    assert run(args) == 0 and kept.exists()
    err = capsys.readouterr().err
    assert err.startswith(f"coachkit: not saved (--no-save); your answer is still kept in {kept}:")
    assert ".." not in err


def test_a_linked_home_is_named_as_the_user_set_it(
    tmp_path: Path,
    elsewhere: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """COACHKIT_HOME a link (to a roomier disk): the copy is named in the home the user
    set, as `score` named it when it kept it, even reached through the real folder."""
    real = tmp_path / "disk" / "coachkit"
    kept = _kept(real)
    home = tmp_path / "home"
    home.symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("COACHKIT_HOME", str(home))
    assert (
        run(["score", "time-you-failed", "--answer-file", f"../disk/coachkit/unscored/{NAME}"]) == 0
    )
    assert not kept.exists()
    assert capsys.readouterr().err == (
        f"coachkit: your answer is saved, so its kept copy {home / 'unscored' / NAME} was "
        "removed.\n"
    )
