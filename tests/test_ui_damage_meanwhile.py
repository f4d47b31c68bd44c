"""Damage found after a notebook view opened (a save or read that fails as the file is
damaged, or a read that finds it damaged in part) switches the view to the mode it would
have had if opened on that file: said once, in the same words, what was typed kept in
unscored/, and nothing more written to the file, while the widgets stay usable.

The damage is real: a page of the file zeroed in place (see file_damage)."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from file_damage import damage_attempts, damage_drafts
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store
from coachkit.config import LOCAL, Config
from coachkit.errors import CorruptDatabaseError
from coachkit.store import UNREAD, Unread
from coachkit.ui import MockInterviewView, PracticeView, ProgressView
from coachkit.ui.drafts import DraftKeeper
from coachkit.ui.parts import PARTLY
from coachkit.ui.runtime import InlineRunner, ManualRunner, ManualScheduler

QUESTION = "time-you-failed"
OTHER = "tell-me-about-yourself"
OTHER_DRAFT = "I am a backend developer."
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)
SAVED = 40


@pytest.fixture
def db(coachkit_home: Path) -> Path:
    return coachkit_home / "coachkit.db"


@pytest.fixture
def ids(db: Path, bank: QuestionBank) -> list[str]:
    """A healthy database: SAVED attempts at QUESTION, oldest first, and a draft of OTHER."""
    db.parent.mkdir(parents=True, exist_ok=True)
    with Store(db) as store:
        coach = Coach(bank=bank, store=store)
        saved = [
            coach.submit(QUESTION, f"In 2023 I broke build {n} at Acme; fixed.").id
            for n in range(SAVED)
        ]
        store.save_draft(OTHER, OTHER_DRAFT)
    return saved


@pytest.fixture
def scorer() -> FakeScorer:
    return FakeScorer(name=LOCAL)


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


def _coach(bank: QuestionBank, scorer: FakeScorer) -> Coach:
    """A coach on COACHKIT_HOME's database, as a notebook makes one."""
    return Coach(bank=bank, config=Config(), scorer_factory=lambda _n, _c: scorer)


def _practice(
    bank: QuestionBank, scorer: FakeScorer, clock: ManualScheduler, question_id: str = QUESTION
) -> PracticeView:
    return PracticeView(
        _coach(bank, scorer), question_id=question_id, runner=InlineRunner(), scheduler=clock
    )


def _mock(
    bank: QuestionBank, scorer: FakeScorer, clock: ManualScheduler, tmp_path: Path
) -> MockInterviewView:
    return MockInterviewView(
        _coach(bank, scorer),
        runner=InlineRunner(),
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )


def _state(db: Path) -> tuple[bytes, bytes]:
    """The file and its WAL as they are: equal later, nothing was written meanwhile."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes(), wal.read_bytes() if wal.exists() else b""


def _unscored(home: Path) -> list[Path]:
    folder = home / "unscored"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _readable(db: Path) -> int:
    with Store(db) as store:
        return len(store.attempts())


# -- Practice ------------------------------------------------------------------


def test_practice_switches_when_a_read_finds_the_file_damaged_in_part(
    bank: QuestionBank,
    ids: list[str],
    db: Path,
    scorer: FakeScorer,
    clock: ManualScheduler,
    coachkit_home: Path,
) -> None:
    """Reading the attempts at the question picked found a page lost. The view showed
    what could be read as the whole history, said nothing, and went on writing drafts,
    the question last open and the attempt scored into the damaged file."""
    view = _practice(bank, scorer, clock, OTHER)
    assert view.answer.value == OTHER_DRAFT and view.store_problem.layout.display == "none"
    view.answer.value = OTHER_DRAFT + " I own billing."
    clock.advance(3)  # saved in the database: nothing is damaged yet
    damage_attempts(db, ids[20])
    before = _state(db)

    view.question.value = QUESTION  # its attempts are read: one of them is lost

    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and "is damaged" in notice
    assert "nothing is written to the file" in notice
    assert 0 < len(view.state.history) < SAVED  # what can be read, and said so
    assert not view.next_button.disabled  # Next up picks from what can be read
    assert view.scorer.value == LOCAL and view.scorer.disabled
    # What the box held as the damage was found is kept in a file too.
    [typed] = _unscored(coachkit_home)
    assert typed.name.startswith(f"{OTHER}-")
    assert typed.read_text(encoding="utf-8") == OTHER_DRAFT + " I own billing."
    view.answer.value = ANSWER
    clock.advance(60)  # the typing pause, and long after
    [kept] = [f for f in _unscored(coachkit_home) if f != typed]
    assert kept.read_text(encoding="utf-8") == ANSWER
    assert view.draft_status.value.startswith(f"Kept in {kept.name} at ")
    view.score_button.click()
    assert scorer.calls == [(QUESTION, ANSWER)]
    assert "Not saved to your history" in view.result.value
    assert f"--answer-file {kept}" in view.status.value
    assert view.errors.message is None
    view.question.value = OTHER  # its draft is read, as on a file opened damaged in part
    assert view.answer.value == OTHER_DRAFT + " I own billing."
    assert view.store_problem.value == notice  # said once
    assert _state(db) == before

    opened = _practice(bank, scorer, clock)  # a view opened on the file as it is now
    assert opened.store_problem.value == notice  # the same words
    assert _state(db) == before


def test_practice_switches_when_a_draft_save_fails_as_the_file_is_damaged(
    bank: QuestionBank,
    ids: list[str],
    db: Path,
    scorer: FakeScorer,
    clock: ManualScheduler,
    coachkit_home: Path,
) -> None:
    """The save failed on the damaged page: the text went to a file in unscored/, but the
    view said it would be saved once the database took it and tried again and again (a
    write into a damaged file can fail halfway or spread the damage), and Score wrote
    the attempt into it."""
    view = _practice(bank, scorer, clock)
    view.answer.value = "In 2023 I led"
    clock.advance(3)  # saved in the database
    damage_drafts(db)
    before = _state(db)

    view.answer.value = ANSWER
    clock.advance(3)  # the save fails: the page is lost

    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and "is damaged" in notice
    assert view.errors.message is None  # no alert that saving is tried again: it is not
    [kept] = _unscored(coachkit_home)
    assert kept.read_text(encoding="utf-8") == ANSWER
    assert view.draft_status.value.startswith(f"Kept in {kept.name} at ")
    view.answer.value = ANSWER + " Since then I rehearse every migration."
    clock.advance(120)  # no retry reaches the file
    assert _unscored(coachkit_home) == [kept]  # typing goes on in the same file
    assert kept.read_text(encoding="utf-8").endswith("I rehearse every migration.")
    # Every attempt reads (the drafts' page alone is lost): shown, and Next up picks.
    assert not view.next_button.disabled and len(view.state.history) == SAVED
    view.score_button.click()
    assert "Not saved to your history" in view.result.value
    assert f"--answer-file {kept}" in view.status.value
    assert view.errors.message is None
    assert view.store_problem.value == notice
    assert _state(db) == before

    opened = _practice(bank, scorer, clock)
    assert opened.store_problem.value == notice
    assert _state(db) == before


def test_practice_scores_offline_when_score_finds_the_draft_not_taken(
    bank: QuestionBank,
    ids: list[str],
    db: Path,
    scorer: FakeScorer,
    clock: ManualScheduler,
    coachkit_home: Path,
) -> None:
    """Score writes the draft first: it failed, and the answer was scored and saved into
    the damaged file all the same."""
    view = _practice(bank, scorer, clock)
    damage_drafts(db)
    view.answer.value = ANSWER  # the typing pause has not come yet
    view.score_button.click()
    assert "is damaged" in view.store_problem.value
    assert "Not saved to your history" in view.result.value
    [kept] = _unscored(coachkit_home)
    assert kept.read_text(encoding="utf-8") == ANSWER
    assert f"--answer-file {kept}" in view.status.value
    assert _readable(db) == SAVED  # no attempt went in


def test_practice_keeps_the_card_when_the_attempt_cannot_be_saved(
    bank: QuestionBank,
    ids: list[str],
    db: Path,
    scorer: FakeScorer,
    clock: ManualScheduler,
    coachkit_home: Path,
) -> None:
    """The page a new attempt goes to is lost: the card was shown 'not saved, press Score
    again once the problem above is fixed', and Score tried the damaged file again."""
    view = _practice(bank, scorer, clock)
    view.answer.value = ANSWER
    clock.advance(3)
    damage_attempts(db, ids[-1])

    view.score_button.click()

    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and "is damaged" in notice
    assert scorer.calls == [(QUESTION, ANSWER)]  # scored once: the card is not lost
    assert "Not saved to your history" in view.result.value
    [kept] = _unscored(coachkit_home)
    assert kept.read_text(encoding="utf-8") == ANSWER
    assert f"--answer-file {kept}" in view.status.value
    assert view.errors.message is None
    before = _state(db)
    view.retry_button.click()
    view.answer.value = ANSWER + " Revenue recovered."
    clock.advance(60)
    view.score_button.click()
    assert "Not saved to your history" in view.result.value
    assert len(_unscored(coachkit_home)) == 2  # each version scored keeps its file
    assert _state(db) == before


def test_practice_saves_on_past_rows_that_cannot_be_read(
    bank: QuestionBank, ids: list[str], db: Path, scorer: FakeScorer, clock: ManualScheduler
) -> None:
    """Not damage to the file: an attempt's row another program wrote badly meanwhile is
    left out, as at open, and the view goes on saving."""
    view = _practice(bank, scorer, clock, OTHER)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE attempts SET card = '{' WHERE id = ?", (ids[20],))
    view.question.value = QUESTION
    assert view.store_problem.layout.display == "none" and not view.scorer.disabled
    assert len(view.state.history) == SAVED - 1
    view.answer.value = ANSWER
    clock.advance(3)
    with Store(db) as store:
        assert store.load_draft(QUESTION) == ANSWER


class Writes:
    """A draft writer that notes each text and fails while ``error`` is set."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.saved: dict[str, str] = {}

    def save_draft(
        self, key: str, text: str, *, over: str | Unread | None = UNREAD, writer: str | None = None
    ) -> str | None:
        if self.error is not None:
            raise self.error
        self.saved[key] = text
        return None


def test_a_keeper_handed_over_writes_no_more_and_passes_on_what_it_is_given(
    clock: ManualScheduler,
) -> None:
    """A view may hold its old keeper a moment after the switch (a keystroke on the
    kernel's thread as a timer's save found the damage): that text is not lost."""
    damaged, files = Writes(CorruptDatabaseError("damaged")), Writes()
    old = DraftKeeper(damaged, clock, on_error=lambda _exc: None)
    new = DraftKeeper(files, clock)
    old.update("q1", "first words")
    old.update("ui:last", "q1")
    clock.advance(1)  # fails: a retry is due
    old.hand_over(new, drop={"ui:last"})
    old.update("q1", "first words, then more")
    assert old.save_now("ui:last", "q2")  # the store's alone: nowhere else to go
    clock.advance(60)
    assert damaged.saved == {} and files.saved == {"q1": "first words, then more"}
    assert old.unsaved == {} and new.unsaved == {}


# -- Progress ------------------------------------------------------------------


def test_progress_deletes_nothing_from_a_file_found_damaged_at_delete(
    bank: QuestionBank, ids: list[str], db: Path, tmp_path: Path
) -> None:
    """Delete… asked to delete the newest attempt from a file damaged since the view
    opened, and Delete for good deleted it: a write into the damaged file."""
    view = ProgressView(Coach(bank=bank), charts_dir=tmp_path / "charts")
    assert len(view.frame) == SAVED and not view.deleter.ask_button.disabled
    damage_attempts(db, ids[20])
    before = _state(db)

    view.deleter.ask_button.click()

    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and "none can be deleted" in notice
    assert view.deleter.pending is None and view.deleter.confirm.layout.display == "none"
    assert view.deleter.ask_button.disabled and "damaged" in view.deleter.note.value
    assert 0 < len(view.frame) < SAVED  # what can be read is shown
    view.deleter.confirm_button.click()
    assert _state(db) == before
    assert ProgressView(Coach(bank=bank)).store_problem.value == notice  # as if opened on it


def test_progress_deletes_nothing_when_the_damage_comes_after_delete_was_asked(
    bank: QuestionBank, ids: list[str], db: Path
) -> None:
    view = ProgressView(Coach(bank=bank))
    view.deleter.ask_button.click()
    assert view.deleter.pending is not None and view.deleter.pending.id == ids[-1]
    damage_attempts(db, ids[20])
    before = _state(db)

    view.deleter.confirm_button.click()

    assert f"<b>{PARTLY}</b>" in view.store_problem.value
    assert view.deleter.pending is None and view.deleter.confirm.layout.display == "none"
    assert "Nothing was deleted" in view.deleter.status.value
    assert view.deleter.errors.message is None
    assert view.deleter.ask_button.disabled
    assert _state(db) == before


# -- Mock interview ------------------------------------------------------------


def test_a_mock_interview_goes_on_in_files_when_a_save_finds_damage(
    bank: QuestionBank,
    ids: list[str],
    db: Path,
    scorer: FakeScorer,
    clock: ManualScheduler,
    coachkit_home: Path,
    tmp_path: Path,
) -> None:
    """The interview's save failed on the damaged page: its answers went to files, but
    the view said they would be saved once the database took them, tried again and
    again, and the finish saved the attempts into the damaged file."""
    view = _mock(bank, scorer, clock, tmp_path)
    view.count.value = 2
    view.start_button.click()
    session = view.session
    assert session is not None
    first = session.current
    view.answer.value = "In 2023 I led"
    clock.advance(3)  # saved in the database
    damage_drafts(db)
    before = _state(db)

    view.answer.value = ANSWER
    clock.advance(3)  # the save fails

    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and "is damaged" in notice
    assert "cannot start until the database is fixed" in notice
    assert view.errors.message is None
    [kept] = _unscored(coachkit_home)
    assert kept.name.startswith(f"{first}-") and kept.read_text(encoding="utf-8") == ANSWER
    assert "unscored" in view.progress.value  # the interview on screen goes on, in files
    view.answer.value = ANSWER + " More."
    clock.advance(120)
    assert _unscored(coachkit_home) == [kept]
    assert kept.read_text(encoding="utf-8") == ANSWER + " More."
    view.next_button.click()
    second = session.current
    view.answer.value = OTHER_DRAFT
    clock.advance(3)
    files = _unscored(coachkit_home)
    assert len(files) == 2 and any(f.name.startswith(f"{second}-") for f in files)

    view.next_button.click()  # Finish: scored offline, saved nowhere

    assert sorted(scorer.calls) == sorted([(first, ANSWER + " More."), (second, OTHER_DRAFT)])
    assert "Not saved to your history" in view.report_view.value
    assert view.errors.message is None
    view.save_button.click()
    assert view.saved is not None and view.saved.exists()
    view.new_button.click()
    assert view.start_button.disabled
    assert view.store_problem.value == notice
    assert _state(db) == before
    assert _readable(db) == SAVED

    opened = _mock(bank, scorer, clock, tmp_path)
    assert opened.store_problem.value == notice
    assert _state(db) == before


def test_a_mock_interview_finished_on_a_damaged_file_is_scored_not_saved(
    bank: QuestionBank,
    ids: list[str],
    db: Path,
    scorer: FakeScorer,
    clock: ManualScheduler,
    coachkit_home: Path,
    tmp_path: Path,
) -> None:
    """The page new attempts go to is lost: the report said 'Scored 60/100, not saved'
    for each answer and kept the interview in the damaged file to score again."""
    runner = ManualRunner()
    view = MockInterviewView(
        _coach(bank, scorer),
        runner=runner,
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )
    view.count.value = 2
    view.start_button.click()
    view.answer.value = ANSWER
    view.next_button.click()
    view.answer.value = OTHER_DRAFT
    damage_attempts(db, ids[-1])
    view.next_button.click()  # Finish: the interview is saved, then scored
    before = _state(db)

    runner.finish()

    assert f"<b>{PARTLY}</b>" in view.store_problem.value
    assert len(scorer.calls) == 2
    report = view.report_view.value
    assert "Not saved to your history" in report and "not saved:" not in report
    assert len(_unscored(coachkit_home)) == 2  # each answer in a file of its own
    assert view.errors.message is None
    assert _state(db) == before
