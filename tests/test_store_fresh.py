"""A home with no database yet: reading sees it empty and leaves no files; writing creates it."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from coachkit import Coach, QuestionBank, Store, paths
from coachkit.cli import main
from coachkit.config import PracticeSettings
from coachkit.configwrite import save_practice_plan
from coachkit.llm import UsageLog
from coachkit.store import SCHEMA_VERSION
from coachkit.ui import MockInterviewView, PracticeView, ProgressView, SettingsView, StartHere
from coachkit.ui.parts import View


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["history", "--json", "--question", "time-you-failed"],
        ["export", "--out", "{tmp}/attempts.jsonl"],
        ["progress", "--out", "{tmp}/chart.png"],
        ["rescore", "--scorer", "local"],
        ["next"],
        ["usage"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
def test_reading_commands_leave_no_files_behind(
    args: list[str], coachkit_home: Path, tmp_path: Path
) -> None:
    out = io.StringIO()
    assert main([a.format(tmp=tmp_path) for a in args], out=out) == 0
    assert out.getvalue()
    assert not coachkit_home.exists()


def test_export_of_a_fresh_home_writes_an_empty_file(coachkit_home: Path, tmp_path: Path) -> None:
    read = Coach().export_attempts(tmp_path / "none.jsonl")
    assert read.attempts == [] and read.skipped == 0
    assert (tmp_path / "none.jsonl").read_text() == ""
    assert not coachkit_home.exists()


def test_a_store_reads_as_empty_until_the_first_write_creates_it(
    tmp_path: Path, bank: QuestionBank
) -> None:
    path = tmp_path / "not" / "yet" / "coachkit.db"
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.attempts() == [] and store.count_attempts() == 0
        assert store.get_attempt("anything") is None
        assert store.load_draft("q") is None
        assert UsageLog(store).calls() == []
        store.delete_draft("q")  # nothing to delete: still no file
        assert not path.parent.exists()

        attempt = Coach(bank=bank, store=store).submit("time-you-failed", "In 2023 I led X.")
        assert path.exists()
        assert store.attempts() == [attempt]
    with Store(path) as reopened:
        assert reopened.attempts() == [attempt]


def test_a_reader_sees_the_file_another_program_creates_later(
    tmp_path: Path, bank: QuestionBank
) -> None:
    path = tmp_path / "later.db"
    with Store(path) as reader, Store(path) as writer:
        assert reader.count_attempts() == 0 and not path.exists()
        Coach(bank=bank, store=writer).submit("time-you-failed", "In 2022 I broke prod.")
        assert reader.count_attempts() == 1
        reader.save_draft("q", "hello")
        assert writer.load_draft("q") == "hello"


@pytest.mark.parametrize(
    "make",
    [StartHere, PracticeView, ProgressView, MockInterviewView, SettingsView],
    ids=lambda v: v.__name__,
)
def test_views_open_on_a_fresh_home_without_leaving_files(
    make: type[View], coachkit_home: Path
) -> None:
    view = make()
    assert view.errors.message is None  # type: ignore[attr-defined]
    assert not coachkit_home.exists()


def test_a_home_made_by_coachkit_is_private_to_its_owner(tmp_path: Path) -> None:
    """On a hub with 0755 homes, a database made with the usual umask was readable by
    every other user (answers hold employers, failures and salary talk)."""
    home = tmp_path / "data" / "coachkit"
    with Store(home / "coachkit.db") as store:
        Coach(bank=QuestionBank.load(), store=store).save_draft("time-you-failed", "I missed.")
        made = [home, *home.glob("coachkit.db*")]
        assert {p.name for p in made} >= {"coachkit", "coachkit.db", "coachkit.db-wal"}
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in made}
    assert modes.pop("coachkit") == 0o700
    assert set(modes.values()) == {0o600}


def test_an_existing_home_keeps_the_mode_its_owner_gave_it(tmp_path: Path) -> None:
    home = tmp_path / "shared-on-purpose"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    with Store(home / "coachkit.db") as store:
        Coach(bank=QuestionBank.load(), store=store).save_draft("time-you-failed", "I missed.")
    assert stat.S_IMODE(home.stat().st_mode) == 0o755


def test_every_folder_coachkit_makes_for_your_data_is_private(tmp_path: Path) -> None:
    """The first save may be a config choice, a chart or a mock report, not a score:
    each made its folder with the usual umask (0755), the home among them."""
    home = tmp_path / "fresh" / "coachkit"
    save_practice_plan(PracticeSettings(new_per_day=3), home / "config.yaml")
    paths.make_private_dirs(home / "reports")
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (home.parent, home, home / "reports")}
    assert modes == {"fresh": 0o700, "coachkit": 0o700, "reports": 0o700}
    assert stat.S_IMODE((home / "config.yaml").stat().st_mode) == 0o600
