"""A draft whose save failed (a busy database) is saved again on its own, without a keystroke."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from ui_fakes import coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.errors import DatabaseBusyError
from coachkit.ui import MockInterviewView, PracticeView
from coachkit.ui.drafts import RETRY_MAX, DraftKeeper
from coachkit.ui.mock import session_key
from coachkit.ui.runtime import InlineRunner, ManualScheduler

ANSWER = "In 2023 I led the billing migration at Acme. Late invoices fell to 0."


class Holder:
    """Another program holding the database's write lock, as a second notebook might."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)

    def hold(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.conn.execute("ROLLBACK")


class BusySaves:
    """A coach whose draft saves fail as busy while ``busy``, noting each try."""

    def __init__(
        self, coach: Coach, store: Store, clock: ManualScheduler, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.busy = True
        self.times: list[float] = []
        self.texts: list[str] = []

        def save_draft(key: str, text: str, **_: object) -> None:
            self.times.append(clock.now())
            self.texts.append(text)
            if self.busy:
                raise DatabaseBusyError("busy")
            store.save_draft(key, text)

        monkeypatch.setattr(coach, "save_draft", save_draft)


@pytest.fixture
def busy_store(tmp_path: Path) -> Iterator[tuple[Store, Holder]]:
    """A store that gives up on a lock after 0.5 s, and a holder of that lock."""
    path = tmp_path / "busy.db"
    with Store(path, timeout=0.5) as store:
        store.save_draft("seed", "the file exists, in WAL mode")
        holder = Holder(path)
        try:
            yield store, holder
        finally:
            if holder.conn.in_transaction:
                holder.release()
            holder.conn.close()


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


class Recorder:
    def __init__(self) -> None:
        self.saved: list[str] = []
        self.errors: list[Exception] = []

    def keeper(self, coach: Coach, clock: ManualScheduler) -> DraftKeeper:
        return DraftKeeper(
            coach, clock, delay=1, on_saved=self.saved.append, on_error=self.errors.append
        )


def test_a_draft_that_could_not_be_saved_reaches_the_store_without_another_keystroke(
    bank: QuestionBank, busy_store: tuple[Store, Holder], clock: ManualScheduler
) -> None:
    store, holder = busy_store
    seen = Recorder()
    drafts = seen.keeper(coach_with(bank, store), clock)
    holder.hold()
    drafts.update("q", ANSWER)
    clock.advance(1)  # the debounced save: the database is busy
    assert len(seen.errors) == 1 and isinstance(seen.errors[0], DatabaseBusyError)
    assert store.load_draft("q") is None and seen.saved == []
    clock.advance(2)  # the first retry: still busy
    assert len(seen.errors) == 2 and store.load_draft("q") is None
    holder.release()
    clock.advance(3.9)  # the next retry waits 4 s
    assert store.load_draft("q") is None
    clock.advance(0.1)
    assert store.load_draft("q") == ANSWER and seen.saved == ["q"] and len(seen.errors) == 2
    assert drafts.unsaved == {} and clock.pending == 0  # saved: no more retries


def test_retries_back_off_up_to_a_cap_and_start_over_after_a_success(
    bank: QuestionBank, store: Store, clock: ManualScheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach = coach_with(bank, store)
    saves = BusySaves(coach, store, clock, monkeypatch)
    drafts = Recorder().keeper(coach, clock)
    drafts.save_now("q", ANSWER)
    clock.advance(200)
    gaps = [later - earlier for earlier, later in pairwise(saves.times)]
    assert gaps[:7] == [2, 4, 8, 16, RETRY_MAX, RETRY_MAX, RETRY_MAX]
    saves.busy = False
    clock.advance(RETRY_MAX)
    assert store.load_draft("q") == ANSWER and clock.pending == 0
    saves.busy, saves.times[:] = True, []
    drafts.save_now("q", "more")
    clock.advance(2)
    assert saves.times == [clock.now() - 2, clock.now()]  # a new failure waits 2 s again


def test_newer_text_supersedes_a_retry(
    bank: QuestionBank, store: Store, clock: ManualScheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach = coach_with(bank, store)
    saves = BusySaves(coach, store, clock, monkeypatch)
    drafts = Recorder().keeper(coach, clock)
    drafts.save_now("q", "older")
    saves.busy = False
    drafts.update("q", "newer")  # typed before the retry was due
    clock.advance(60)
    assert saves.texts == ["older", "newer"] and store.load_draft("q") == "newer"


def test_a_failed_draft_is_kept_while_another_is_typed(
    bank: QuestionBank, busy_store: tuple[Store, Holder], clock: ManualScheduler
) -> None:
    store, holder = busy_store
    seen = Recorder()
    drafts = seen.keeper(coach_with(bank, store), clock)
    holder.hold()
    drafts.save_now("first-question", "the first answer")  # the question changed: busy
    drafts.update("second-question", "the second answer")
    clock.advance(1)  # the debounced save: still busy
    assert seen.saved == [] and store.load_draft("first-question") is None
    holder.release()
    clock.advance(4)  # the retry (the second failure waits 4 s) writes both
    assert store.load_draft("first-question") == "the first answer"
    assert store.load_draft("second-question") == "the second answer"
    assert seen.saved == ["first-question", "second-question"] and drafts.unsaved == {}


def _typed_while_busy(
    bank: QuestionBank, busy_store: tuple[Store, Holder], clock: ManualScheduler
) -> tuple[PracticeView, str]:
    """A practice view whose draft save found the database busy, and the message shown."""
    store, holder = busy_store
    view = PracticeView(
        coach_with(bank, store),
        question_id="time-you-failed",
        runner=InlineRunner(),
        scheduler=clock,
    )
    holder.hold()
    view.answer.value = ANSWER
    clock.advance(1)
    return view, view.errors.message or ""


def test_the_practice_view_saves_a_failed_draft_on_its_own(
    bank: QuestionBank, busy_store: tuple[Store, Holder], clock: ManualScheduler
) -> None:
    store, holder = busy_store
    view, message = _typed_while_busy(bank, busy_store, clock)
    assert "is busy" in message and "Draft saved" not in view.draft_status.value
    assert "not saved in the database yet" in message and "restart the kernel" not in message
    assert "holds it" in message and "try again; nothing was changed" not in message
    # Not an older "Draft saved": where the text is meanwhile (tests/test_ui_drafts_spill.py).
    assert view.draft_status.value.startswith("Kept in time-you-failed-")
    assert "(another program holds it locked)" in view.draft_status.value
    holder.release()
    clock.advance(2)
    assert store.load_draft("time-you-failed") == ANSWER
    assert "Draft saved" in view.draft_status.value
    assert view.errors.message is None  # the alert goes once the retry saved it


def test_in_voila_the_failed_draft_says_to_keep_the_page_open(
    bank: QuestionBank,
    busy_store: tuple[Store, Holder],
    clock: ManualScheduler,
    monkeypatch: pytest.MonkeyPatch,
    coachkit_home: Path,
) -> None:
    """A Voila page shows no notebook to keep running: the page is what must stay open
    (while the text is in no file either: unscored/ cannot be made)."""
    monkeypatch.setenv("VOILA_KERNEL_ID", "0d4c1f2e")
    coachkit_home.mkdir(parents=True)
    (coachkit_home / "unscored").write_bytes(b"")
    _, holder = busy_store
    _, message = _typed_while_busy(bank, busy_store, clock)
    assert "keep this page open until this message goes away" in message
    assert "notebook" not in message.split("is busy")[1].split("holds it")[1]
    holder.release()


def test_the_mock_interview_clears_the_error_once_the_retry_saves(
    bank: QuestionBank, busy_store: tuple[Store, Holder], clock: ManualScheduler, tmp_path: Path
) -> None:
    store, holder = busy_store
    view = MockInterviewView(
        coach_with(bank, store),
        runner=InlineRunner(),
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )
    view.count.value = 2
    view.start_button.click()
    holder.hold()
    view.answer.value = ANSWER
    clock.advance(1)
    message = view.errors.message or ""
    assert "not saved in the database yet" in message and "is busy" in message
    assert "kept in " in message and "/unscored/" in message
    holder.release()
    clock.advance(2)
    session = view.session
    assert session is not None and view.errors.message is None
    assert ANSWER in (store.load_draft(session_key(session)) or "")
