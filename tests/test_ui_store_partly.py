"""The notebooks on a database damaged in part (a page lost, the rest readable): each says
what the CLI says of it, shows what can be read, and writes nothing to it, so its bytes
stay as they were; rows that cannot be read in a whole file are said, and writing goes on."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest
from file_damage import zero_leaf_page
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store
from coachkit.cli import main
from coachkit.config import LOCAL, Config
from coachkit.storefile import NO_TERMINAL
from coachkit.ui import MockInterviewView, PracticeView, ProgressView, StartHere
from coachkit.ui.parts import PARTLY, said_html
from coachkit.ui.runtime import InlineRunner, ManualScheduler

QUESTION = "time-you-failed"
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)
SAVED = 40


def _save(db: Path, bank: QuestionBank) -> list[str]:
    with Store(db) as store:
        coach = Coach(bank=bank, store=store)
        ids = [
            coach.submit(QUESTION, f"In 2023 I broke build {n} at Acme; fixed.").id
            for n in range(SAVED)
        ]
        store.save_draft("tell-me-about-yourself", "I am a backend developer.")
    return ids


@pytest.fixture
def db(coachkit_home: Path, bank: QuestionBank) -> Path:
    """A page of the attempts table zeroed (test_store_damage's damage): the attempts on it
    are lost, the rest read."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "coachkit.db"
    ids = _save(path, bank)
    zero_leaf_page(path, ids[20].encode())
    return path


@pytest.fixture
def before(db: Path) -> bytes:
    return db.read_bytes()


@pytest.fixture
def cli_warning(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> str:
    """What `coachkit history` says of the file on stderr, without its prefix."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["history"], out=io.StringIO()) == 0
    [line] = capsys.readouterr().err.splitlines()
    prefix = "coachkit: warning: "
    assert line.startswith(prefix) and "is damaged" in line and "coachkit export" in line
    return line[len(prefix) :]


def _untouched(db: Path, before: bytes) -> bool:
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() == before and (not wal.exists() or wal.stat().st_size == 0)


def _readable(db: Path) -> int:
    with Store(db) as store:
        return len(store.attempts())


def _unscored(home: Path) -> list[Path]:
    folder = home / "unscored"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_practice_says_it_shows_what_can_be_read_and_writes_nothing(
    bank: QuestionBank, db: Path, before: bytes, cli_warning: str, coachkit_home: Path
) -> None:
    readable = _readable(db)
    assert 0 < readable < SAVED
    scorer = FakeScorer(name=LOCAL)
    clock = ManualScheduler()
    view = PracticeView(
        Coach(bank=bank, config=Config(), scorer_factory=lambda _n, _c: scorer),
        question_id=QUESTION,
        runner=InlineRunner(),
        scheduler=clock,
    )
    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and said_html(cli_warning) in notice
    assert "nothing is written to the file" in notice and "unscored" in notice
    assert len(view.state.history) == readable  # this question's, as far as they are read
    assert not view.next_button.disabled  # it picks from what can be read
    view.question.value = "tell-me-about-yourself"
    assert view.answer.value == "I am a backend developer."  # its draft is read, not lost
    view.answer.value = "I am a backend developer who owns billing."
    clock.advance(3)
    [kept] = _unscored(coachkit_home)
    assert kept.read_text(encoding="utf-8") == "I am a backend developer who owns billing."
    view.question.value = QUESTION
    view.answer.value = ANSWER
    view.score_button.click()
    assert "Not saved to your history" in view.result.value and scorer.calls
    assert view.errors.message is None
    assert _untouched(db, before)


def test_progress_shows_what_can_be_read_and_deletes_nothing(
    bank: QuestionBank, db: Path, before: bytes, cli_warning: str, tmp_path: Path
) -> None:
    readable = _readable(db)
    view = ProgressView(Coach(bank=bank), charts_dir=tmp_path / "charts")
    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and said_html(cli_warning) in notice
    assert len(view.frame) == readable and view.details.layout.display != "none"
    assert view.deleter.ask_button.disabled and view.deleter.pick.disabled
    assert "damaged" in view.deleter.note.value
    view.deleter.ask_button.click()  # fires on a disabled button too
    assert view.deleter.pending is None
    view.save_button.click()  # the charts of what can be read: a file of their own
    assert view.saved is not None and view.saved.exists()
    assert _untouched(db, before)


def test_a_mock_interview_does_not_start_on_it(
    bank: QuestionBank, db: Path, before: bytes, cli_warning: str
) -> None:
    view = MockInterviewView(Coach(bank=bank), runner=InlineRunner(), scheduler=ManualScheduler())
    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and "is damaged" in notice
    assert "cannot start until the database is fixed" in notice
    assert view.start_button.disabled
    view.start_button.click()
    assert view.session is None
    assert _untouched(db, before)


def test_start_here_counts_what_can_be_read_and_says_what_to_do(
    bank: QuestionBank, db: Path, before: bytes, cli_warning: str
) -> None:
    readable = _readable(db)
    view = StartHere(Coach(bank=bank))
    notice = view.store_problem.value
    # Its last sentence names the Rescue button below it (test_ui_start_rescue_wording).
    assert f"<b>{PARTLY}</b>" in notice
    assert said_html(cli_warning.removesuffix(NO_TERMINAL)) in notice
    # The commands it quotes are code, not text in backticks as the CLI prints them.
    assert "<code>coachkit rescue</code> does all of this" in notice and "`" not in notice
    assert f"<b>{readable} ({SAVED - readable} more cannot be read)</b>" in view.summary.value
    assert _untouched(db, before)


def test_rows_that_cannot_be_read_are_said_and_saving_goes_on(
    bank: QuestionBank, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is whole (a row's card is not JSON): the views write to it as ever."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    db = coachkit_home / "coachkit.db"
    ids = _save(db, bank)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE attempts SET card = '{' WHERE id = ?", (ids[0],))
    conn.close()
    clock = ManualScheduler()
    practice = PracticeView(
        Coach(bank=bank), question_id=QUESTION, runner=InlineRunner(), scheduler=clock
    )
    assert "1 saved attempt was left out" in practice.store_problem.value
    assert "coachkit delete" in practice.store_problem.value
    practice.answer.value = ANSWER
    clock.advance(3)
    with Store(db) as store:
        assert store.load_draft(QUESTION) == ANSWER
    progress = ProgressView(Coach(bank=bank))
    assert "1 saved attempt was left out" in progress.store_problem.value
    assert not progress.deleter.ask_button.disabled
    start = StartHere(Coach(bank=bank))
    assert "1 saved attempt was left out" in start.store_problem.value
