"""Drafts the database stops taking after a view opened (a full disk, a lock held for long,
damage meanwhile) are kept in files in unscored/ until it takes them again: a restart or
a crash meanwhile loses nothing typed, and no file is removed while it may be the only copy."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.errors import CorruptDatabaseError, StoreError
from coachkit.interview import MockSession
from coachkit.ui import MockInterviewView, PracticeView
from coachkit.ui.mock import session_key
from coachkit.ui.runtime import InlineRunner, ManualScheduler
from coachkit.ui.spill import refusal

QUESTION = "time-you-failed"
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)


class Refusing:
    """A coach whose draft and attempt writes fail while ``failing`` (``error``: a full
    disk unless told otherwise); reads work."""

    def __init__(self, coach: Coach, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.failing = True
        self.error: StoreError = _full(store.path)
        real_draft, real_add = store.save_draft, store.add_attempts

        def save_draft(*args: object, **kwargs: object) -> str | None:
            if self.failing:
                raise self.error
            return real_draft(*args, **kwargs)  # type: ignore[arg-type]

        def add_attempts(*args: object, **kwargs: object) -> int:
            if self.failing:
                raise self.error
            return real_add(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "save_draft", save_draft)
        monkeypatch.setattr(store, "add_attempts", add_attempts)


def _full(path: Path) -> StoreError:
    """The store's own error for a full disk, with SQLite's as its cause."""
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"Cannot use {path} (database or disk is full): check that the disk has "
                f"space and that you may create and write to {path.parent}, or point "
                "COACHKIT_HOME at another folder."
            ) from exc
    except StoreError as error:
        return error


def _unscored(home: Path) -> list[Path]:
    folder = home / "unscored"
    return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


def _practice(coach: Coach, clock: ManualScheduler) -> PracticeView:
    return PracticeView(coach, question_id=QUESTION, runner=InlineRunner(), scheduler=clock)


def test_a_full_disk_keeps_the_text_in_a_file_until_the_database_takes_it(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler, coachkit_home: Path
) -> None:
    """A real SQLITE_FULL: the file may grow no further than it is."""
    long = " ".join([ANSWER] * 40)  # more than the free room left in the file's pages
    with Store(tmp_path / "full.db") as store:
        store.save_draft("seed", "the file exists")
        conn = store.connection
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        view = _practice(coach_with(bank, store), clock)
        view.answer.value = long
        clock.advance(1)  # the typing pause: the save fails
        [kept] = _unscored(coachkit_home)
        assert kept.read_text(encoding="utf-8") == long
        assert kept.name.startswith(f"{QUESTION}-") and kept.stat().st_mode & 0o777 == 0o600
        status = view.draft_status.value
        assert status.startswith(f"Kept in {kept.name} at ")
        assert status.endswith(": the database could not take it (database or disk is full).")
        message = view.errors.message or ""
        assert str(kept) in message and "a restart or a crash loses nothing" in message
        assert "keep this notebook running" not in message  # a restart loses nothing now

        view.answer.value = long + " Since then I rehearse every migration."
        clock.advance(1)  # still full: the same file follows the typing
        assert _unscored(coachkit_home) == [kept]
        assert kept.read_text(encoding="utf-8").endswith("I rehearse every migration.")

        conn.execute("PRAGMA max_page_count = 1073741823")  # room again
        clock.advance(4)  # the retry
        assert store.load_draft(QUESTION) == view.answer.value
        assert _unscored(coachkit_home) == []  # the database holds the same text
        assert view.draft_status.value.startswith("Draft saved ")
        assert "is removed" in view.draft_status.value
        assert view.errors.message is None


def test_the_file_survives_a_restart_before_the_database_takes_it(
    bank: QuestionBank,
    store: Store,
    clock: ManualScheduler,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coach = coach_with(bank, store)
    Refusing(coach, store, monkeypatch)
    view = _practice(coach, clock)
    view.answer.value = ANSWER
    clock.advance(1)
    [kept] = _unscored(coachkit_home)
    view.answer.value = ANSWER + " Revenue recovered."  # no pause before the restart
    view.drafts.close()  # what the kernel runs as it exits (_save_pending_drafts)
    assert kept.read_text(encoding="utf-8") == ANSWER + " Revenue recovered."
    del view
    # The next kernel: the file is there, and the database never had the text.
    assert _unscored(coachkit_home) == [kept] and store.load_draft(QUESTION) is None


def test_a_score_not_saved_says_where_its_answer_is_kept(
    bank: QuestionBank,
    store: Store,
    clock: ManualScheduler,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The card waited in memory only: a restart lost what was typed."""
    coach = coach_with(bank, store, FakeScorer())
    writes = Refusing(coach, store, monkeypatch)
    view = _practice(coach, clock)
    view.answer.value = ANSWER
    view.score_button.click()
    [kept] = _unscored(coachkit_home)
    assert kept.read_text(encoding="utf-8") == ANSWER
    assert "but not saved" in view.status.value and f"kept in {kept}" in view.status.value
    writes.failing = False
    view.score_button.click()  # saves the card, and the draft went in first
    assert [a.answer for a in store.attempts()] == [ANSWER]
    assert _unscored(coachkit_home) == []


def test_a_file_whose_text_the_database_lacks_is_left_and_named(
    bank: QuestionBank,
    store: Store,
    clock: ManualScheduler,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The box cleared while the database refused: once it takes the empty draft, the file
    holds the only copy of what was typed."""
    coach = coach_with(bank, store)
    writes = Refusing(coach, store, monkeypatch)
    view = _practice(coach, clock)
    view.answer.value = ANSWER
    clock.advance(1)
    [kept] = _unscored(coachkit_home)
    view.answer.value = ""
    clock.advance(1)
    assert kept.read_text(encoding="utf-8") == ANSWER  # never emptied
    writes.failing = False
    clock.advance(30)  # the retry
    assert store.load_draft(QUESTION) is None
    assert _unscored(coachkit_home) == [kept] and kept.read_text(encoding="utf-8") == ANSWER
    status = view.draft_status.value
    assert f"{kept} is left as it is" in status and "only copy" in status
    view.answer.value = "A new answer."
    clock.advance(1)
    assert kept.read_text(encoding="utf-8") == ANSWER  # left: never written again


def test_a_file_is_left_while_the_database_cannot_be_read_back(
    bank: QuestionBank,
    store: Store,
    clock: ManualScheduler,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coach = coach_with(bank, store)
    writes = Refusing(coach, store, monkeypatch)
    view = _practice(coach, clock)
    view.answer.value = ANSWER
    clock.advance(1)
    [kept] = _unscored(coachkit_home)
    writes.failing = False

    def unreadable(_key: str) -> str | None:
        raise CorruptDatabaseError("damaged")

    monkeypatch.setattr(coach, "load_draft", unreadable)
    clock.advance(4)
    assert _unscored(coachkit_home) == [kept]
    assert f"Also still in {kept.name}" in view.draft_status.value
    monkeypatch.undo()
    view.answer.value = ANSWER + " More."
    clock.advance(1)  # checked this time
    assert _unscored(coachkit_home) == []


def test_with_no_file_either_the_alert_says_to_keep_the_notebook_running(
    bank: QuestionBank,
    store: Store,
    clock: ManualScheduler,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "unscored").write_text("a file where the folder goes")
    coach = coach_with(bank, store)
    Refusing(coach, store, monkeypatch)
    view = _practice(coach, clock)
    view.answer.value = ANSWER
    clock.advance(1)
    message = view.errors.message or ""
    assert "could not be kept in a file in unscored/ either" in message
    assert "keep this notebook running" in message
    assert view.draft_status.value == "Not saved yet: trying again shortly."
    assert view.drafts.unsaved[QUESTION] == ANSWER  # still tried again


def test_the_mock_interview_keeps_each_answer_in_a_file_of_its_own(
    bank: QuestionBank,
    store: Store,
    clock: ManualScheduler,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    coach = coach_with(bank, store, FakeScorer())
    view = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )
    view.count.value = 2
    view.start_button.click()
    session = view.session
    assert session is not None
    writes = Refusing(coach, store, monkeypatch)
    first = session.current
    view.answer.value = ANSWER
    clock.advance(1)
    [kept] = _unscored(coachkit_home)
    assert kept.name.startswith(f"{first}-") and kept.read_text(encoding="utf-8") == ANSWER
    message = view.errors.message or ""
    assert f"They are kept in {kept}" in message and "restart or a crash" in message
    view.next_button.click()
    second = session.current
    view.answer.value = "I am a backend developer who owns billing."
    clock.advance(1)
    files = _unscored(coachkit_home)
    assert len(files) == 2 and any(f.name.startswith(f"{second}-") for f in files)
    writes.failing = False
    clock.advance(30)
    saved = MockSession.from_json(store.load_draft(session_key(session)) or "")
    assert saved.answers[first] == ANSWER
    assert _unscored(coachkit_home) == [] and view.errors.message is None


def test_refusal_names_the_reason_in_a_few_words(tmp_path: Path) -> None:
    assert refusal(_full(tmp_path / "x.db")) == "database or disk is full"
    assert refusal(CorruptDatabaseError("x")) == "it is damaged"
    read_only = StoreError(f"{tmp_path} can only be read here (this folder is read-only): ...")
    assert refusal(read_only) == "this folder is read-only"
    assert refusal(StoreError("no reason given")) is None
