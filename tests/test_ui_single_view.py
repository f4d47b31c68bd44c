"""One live view of a kind per kernel: a newer one retires the older, which first saves.

Running the cell again (or opening the notebook in a second tab on the same kernel)
used to leave two views typing into one draft, and a view opened within a second of
the last keystroke loaded a draft that keystroke had not reached.
"""

from __future__ import annotations

import gc
import random
import weakref
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.ui import MockInterviewView, PracticeView
from coachkit.ui.mock import session_key
from coachkit.ui.runtime import InlineRunner, ManualScheduler

QUESTION = "biggest-weakness"
TYPED = "Public speaking. I joined Toastmasters and gave four talks last year."


@pytest.fixture
def coach(bank: QuestionBank, store: Store) -> Coach:
    return coach_with(bank, store, FakeScorer())


def _practice(coach: Coach, clock: ManualScheduler) -> PracticeView:
    return PracticeView(coach, question_id=QUESTION, runner=InlineRunner(), scheduler=clock)


def _mock(coach: Coach, clock: ManualScheduler, tmp_path: Path) -> MockInterviewView:
    return MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )


def _retired_note(view: PracticeView | MockInterviewView) -> str:
    notes = [c for c in view.root.children if "coachkit-retired" in c._dom_classes]
    return notes[0].value if notes else ""


def test_a_view_run_again_within_the_typing_pause_opens_on_every_word(coach: Coach) -> None:
    old_clock = ManualScheduler()
    old = _practice(coach, old_clock)
    old.answer.value = TYPED  # the debounced save has not run: the clock never moved

    new = _practice(coach, ManualScheduler())

    assert new.answer.value == TYPED
    assert coach.load_draft(QUESTION) == TYPED


def test_the_older_view_says_where_to_carry_on_and_takes_no_more_typing(coach: Coach) -> None:
    old = _practice(coach, ManualScheduler())
    old.answer.value = TYPED
    new = _practice(coach, ManualScheduler())

    note = _retired_note(old)
    assert "replaced by a newer one" in note and "is saved" in note
    assert "Toastmasters" in note  # what was typed there is still in sight
    assert old.answer not in old.root.children and old.answer.disabled
    # A keystroke that still reached the old box (a browser slow to redraw) is not saved
    # over the newer view's text.
    new.answer.value = TYPED + " Since then I volunteer to present."
    new.drafts.flush()
    old.answer.value = "stray"
    old.drafts.flush()
    assert coach.load_draft(QUESTION) == TYPED + " Since then I volunteer to present."
    assert _retired_note(new) == ""


def test_a_transcript_landing_in_the_older_view_is_shown_there_to_copy(coach: Coach) -> None:
    """A recording turned into text after the view was replaced went into the hidden box
    and was never saved: it is shown in the note, open, to copy into the newer view."""
    old = _practice(coach, ManualScheduler())
    old.answer.value = TYPED
    _practice(coach, ManualScheduler())
    old.answer.value = TYPED + " And the transcript of what I said aloud."  # as the recorder does
    note = _retired_note(old)
    assert "And the transcript of what I said aloud." in note
    assert "is not saved: copy it into the newer view" in note and "<details open>" in note


def test_views_on_another_database_or_of_another_kind_are_left_alone(
    bank: QuestionBank, coach: Coach, tmp_path: Path
) -> None:
    clock = ManualScheduler()
    practice = _practice(coach, clock)
    with Store(tmp_path / "other.db") as other:
        _practice(coach_with(bank, other, FakeScorer()), ManualScheduler())
        _mock(coach, clock, tmp_path)
    assert _retired_note(practice) == ""
    assert practice.answer in practice.root.children


def test_a_second_mock_view_resumes_the_interview_with_the_latest_answer(
    coach: Coach, tmp_path: Path
) -> None:
    clock = ManualScheduler()
    first = _mock(coach, clock, tmp_path)
    first.count.value = 2
    first.start_button.click()
    first.answer.value = "half of my first answer"  # not saved yet: the clock never moved
    session = first.session
    assert session is not None

    second = _mock(coach, clock, tmp_path)

    assert "replaced by a newer one" in _retired_note(first)
    assert "half of my first answer" in _retired_note(first)
    assert second.resume_button.layout.display == ""
    second.resume_button.click()
    assert second.session is not None and second.session.id == session.id
    assert second.answer.value == "half of my first answer"
    second.answer.value = "half of my first answer, finished here"
    first.answer.value = "stray"  # the retired view takes nothing more
    clock.advance(5)
    saved = coach.load_draft(session_key(second.session)) or ""
    assert "finished here" in saved and "stray" not in saved


def test_a_database_is_named_alike_from_anywhere_and_each_in_memory_one_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with Store("here.db") as relative, Store(tmp_path / "here.db") as absolute:
        assert relative.key == absolute.key
    with Store(":memory:") as one, Store(":memory:") as other:
        assert one.key != other.key


def test_an_in_memory_database_is_never_named_as_one_collected_before_it() -> None:
    """Python reuses a collected object's id: a name made of it would hand a new store
    the view, budget reservations and scoring lock of one that is gone."""
    names: set[str] = set()
    for _ in range(20):
        with Store(":memory:") as store:
            name = store.key
        gone = weakref.ref(store)
        del store  # the next store is likely to be put where this one was
        if gone() is not None:  # held in a cycle: only the collector frees it
            gc.collect()  # slow in a process that has run many tests, hence only then
        assert name not in names
        names.add(name)


def test_a_mock_view_run_again_while_scoring_shows_its_report_and_is_not_offered_again(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    """The newer view offered the interview as "1 answer not scored yet" while the older
    one scored it (Resume, End now: each paid the scorer for the same answers), and the
    older said to carry on in the newer: the report was shown nowhere."""
    from coachkit.ui.runtime import ManualRunner

    scorer, runner, clock = FakeScorer(), ManualRunner(), ManualScheduler()
    coach = coach_with(bank, store, scorer)
    old = MockInterviewView(
        coach, runner=runner, scheduler=clock, rng=random.Random(3), reports_dir=tmp_path
    )
    old.count.value = 2
    old.start_button.click()
    old.answer.value = TYPED
    old.finish_button.click()  # scoring on another thread when the cell runs again

    new = _mock(coach, clock, tmp_path)
    assert new.resume_button.layout.display == "none"
    assert "being scored in the view this one replaced" in new.resume_note.value
    assert old.progress in old.root.children and "Scoring" in old.progress.value

    runner.finish()
    assert old.report is not None and len(old.report.scored) == 1 and len(scorer.calls) == 1
    assert old.done in old.root.children and old.done.layout.display == ""
    assert old.new_button.layout.display == "none"  # the newer view starts the next one
    old.save_button.click()
    assert old.saved is not None and old.saved.exists()
    assert coach.draft_keys("ui:mock:session") == []


def test_a_mock_view_run_again_while_scoring_leaves_focus_in_the_newer_one(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    """The older view's report (or failure) took focus from the newer view, where an
    answer may be being typed; a failure there said only the error, with End now off
    the page and the newer view waiting for a report that would not come."""
    from ui_fakes import FocusLog

    from coachkit.errors import StoreError
    from coachkit.ui.runtime import ManualRunner

    runner, clock = ManualRunner(), ManualScheduler()
    for ends in ("scored", "failed"):
        old = MockInterviewView(
            coach_with(bank, store, FakeScorer()),
            runner=runner,
            scheduler=clock,
            reports_dir=tmp_path,
        )
        log = FocusLog(old.answer, old.save_button, old.new_button, old.finish_button)
        old.count.value = 1
        old.start_button.click()
        old.answer.value = f"{TYPED} ({ends})"
        old.finish_button.click()
        _mock(coach_with(bank, store, FakeScorer()), clock, tmp_path)
        log.focused.clear()
        _work, done, failed = runner.pending.pop()
        if ends == "scored":
            done(_work())
            assert old.report is not None
        else:
            failed(StoreError("The database is busy."))
            message = old.errors.message or ""
            assert "busy" in message and "then Resume interview, and End now or Finish," in message
        assert log.focused == []


def test_a_mock_report_stays_in_sight_when_the_view_is_run_again(
    coach: Coach, tmp_path: Path
) -> None:
    """Running the cell again after the report took the report off the page: the only
    copy of it, were it not saved yet."""
    clock = ManualScheduler()
    old = _mock(coach, clock, tmp_path)
    old.count.value = 1
    old.start_button.click()
    old.answer.value = TYPED
    old.next_button.click()
    assert old.report is not None

    _mock(coach, clock, tmp_path)
    assert "replaced by a newer one" in _retired_note(old)
    assert old.done in old.root.children and "Toastmasters" in old.report_view.value
    assert old.new_button.layout.display == "none"
    old.save_button.click()
    assert old.saved is not None and old.saved.exists()
