"""Unfinished mock interviews do not pile up: those left for good are put away, and one
can be discarded, each typed answer not scored kept in unscored/ for Practice."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store, paths
from coachkit.interview import STALE_DAYS, MockSession, session_key
from coachkit.ui import MockInterviewView
from coachkit.ui.mock import SESSION_PREFIX
from coachkit.ui.runtime import InlineRunner, ManualScheduler
from coachkit.unscored import kept_answers

STORY = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."


@pytest.fixture
def coach(bank: QuestionBank, store: Store) -> Coach:
    return coach_with(bank, store, FakeScorer())


def _view(coach: Coach, tmp_path: Path) -> MockInterviewView:
    return MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )


def _saved(coach: Coach, *sessions: MockSession) -> None:
    for session in sessions:  # oldest first: the last saved is offered first
        coach.save_draft(session_key(session), session.to_json())


def _ago(days: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def coach_home() -> Path:
    return paths.home()


def _offered(view: MockInterviewView) -> list[str]:
    return [session.id for _key, session in view._candidates]


def test_an_interview_left_for_weeks_is_put_away_its_typed_answers_kept_for_practice(
    coach: Coach, tmp_path: Path
) -> None:
    """Every interview started and left was offered for ever, the oldest first in none
    of them: a month of abandoned ones filled the pick list."""
    left = MockSession(
        question_ids=["time-you-failed", "conflict-with-teammate", "production-incident"],
        started_at=_ago(STALE_DAYS + 6),
        answers={"time-you-failed": f"typed, never scored: {STORY}", "production-incident": STORY},
        finished=True,
    )
    # One answer of it was scored and saved when it ended (the other failed): it stays.
    coach.submit("production-incident", STORY, key=left.key("production-incident"))
    resumed = MockSession(
        question_ids=["time-you-failed"],
        started_at=_ago(STALE_DAYS + 30),
        claimed_at=_ago(2),  # started long ago, but resumed two days ago
        answers={"time-you-failed": "still being worked on"},
    )
    recent = MockSession(
        question_ids=["conflict-with-teammate"], answers={"conflict-with-teammate": STORY}
    )
    _saved(coach, left, resumed, recent)

    view = _view(coach, tmp_path)
    assert _offered(view) == [recent.id, resumed.id]
    assert coach.load_draft(session_key(left)) is None
    assert session_key(left) not in coach.draft_keys(SESSION_PREFIX)  # no empty row left
    note = view.resume_note.value
    assert f"1 interview left over {STALE_DAYS} days ago was put away: 1 answer not scored" in note
    assert "the practice notebook offers each back under its question" in note
    # Practice offers the typed answer back; the scored one is in the history, not a file.
    assert [k.text for k in kept_answers("time-you-failed")] == [f"typed, never scored: {STORY}"]
    assert kept_answers("production-incident") == []
    assert [a.question_id for a in coach.history()] == ["production-incident"]
    assert "put away" in view.resume_note.value  # still said beside the offer


def test_an_interview_with_nothing_typed_is_dropped_once_a_newer_one_exists(
    coach: Coach, tmp_path: Path
) -> None:
    first = MockSession(question_ids=["time-you-failed"])
    typed = MockSession(
        question_ids=["production-incident"], answers={"production-incident": STORY}
    )
    newest = MockSession(question_ids=["conflict-with-teammate"])  # left before typing
    _saved(coach, first, typed, newest)
    view = _view(coach, tmp_path)
    # The newest stays on offer, its questions still to answer; the older empty one goes.
    assert _offered(view) == [newest.id, typed.id]
    assert coach.load_draft(session_key(first)) is None
    assert not (coach_home() / "unscored").exists()  # nothing typed: nothing to keep
    assert "put away" not in view.resume_note.value


def test_discard_stops_offering_an_interview_and_keeps_what_was_typed(
    coach: Coach, tmp_path: Path
) -> None:
    older = MockSession(question_ids=["time-you-failed"], answers={"time-you-failed": STORY})
    newer = MockSession(
        question_ids=["production-incident", "conflict-with-teammate"],
        answers={"production-incident": f"half typed: {STORY}"},
    )
    _saved(coach, older, newer)
    view = _view(coach, tmp_path)
    assert view.discard_button.layout.display == ""
    assert view._resumable is not None and view._resumable[1].id == newer.id
    view.discard_button.click()
    assert view.errors.message is None
    assert coach.load_draft(session_key(newer)) is None
    assert _offered(view) == [older.id] and view._resumable[1].id == older.id
    started = newer.started_at[:16].replace("T", " ")
    note = view.resume_note.value
    assert f"Discarded the interview started {started}: 1 answer not scored is kept in" in note
    assert "An unfinished interview, started " in note  # the next one is offered
    assert ": question 1 of 1, 1 answer typed." in note
    assert [k.text for k in kept_answers("production-incident")] == [f"half typed: {STORY}"]

    view.discard_button.click()  # the last one: nothing is left to offer
    assert view._candidates == [] and view.resume_button.layout.display == "none"
    assert view.discard_button.layout.display == "none"
    assert "Discarded the interview" in view.resume_note.value
    assert [k.text for k in kept_answers("time-you-failed")] == [STORY]
    assert coach.draft_keys(SESSION_PREFIX) == []


def test_discard_keeps_an_interview_whose_answers_cannot_be_written(
    coach: Coach, tmp_path: Path
) -> None:
    """The interview is the only copy of what was typed: it stays until a file holds it."""
    session = MockSession(question_ids=["time-you-failed"], answers={"time-you-failed": STORY})
    _saved(coach, session)
    view = _view(coach, tmp_path)
    home = coach_home()
    home.mkdir(parents=True, exist_ok=True)
    (home / "unscored").write_text("a file where the folder should be")
    view.discard_button.click()
    message = view.errors.message or ""
    assert message.startswith("This interview was not discarded: its answers not scored could")
    assert "it is their only copy" in message
    assert coach.load_draft(session_key(session)) == session.to_json()
    assert view.resume_button.layout.display == ""  # still offered


def test_discard_leaves_an_interview_another_notebook_took_meanwhile(
    coach: Coach, tmp_path: Path
) -> None:
    session = MockSession(question_ids=["time-you-failed"], answers={"time-you-failed": STORY})
    _saved(coach, session)
    view = _view(coach, tmp_path)
    swap = coach.swap_draft

    def typed_meanwhile(key: str, old: str, new: str) -> bool:
        # Another notebook resumed it and typed on, between this read and this write.
        coach.save_draft(key, old.replace(STORY, f"{STORY} And more."))
        return swap(key, old, new)

    coach.swap_draft = typed_meanwhile  # type: ignore[method-assign]
    view.discard_button.click()
    assert (view.errors.message or "").startswith(
        "This interview was not discarded: another notebook resumed or changed it meanwhile."
    )
    assert "And more." in (coach.load_draft(session_key(session)) or "")


@pytest.fixture
def far_east(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This machine's clock in India (UTC+5:30) for the test, then back to the suite's."""
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_the_offer_says_which_interview_and_what_it_holds(
    coach: Coach, tmp_path: Path, far_east: None
) -> None:
    """ "An unfinished interview: question 2 of 2" said nothing of which one Discard would
    drop, and the pick list dated it in UTC, five and a half hours off here."""
    started = (datetime.now(UTC) - timedelta(days=2)).replace(hour=9, minute=30)
    older = MockSession(
        question_ids=["time-you-failed", "production-incident"],
        started_at=started.isoformat(),
        answers={"time-you-failed": STORY, "production-incident": "half"},
        index=1,
    )
    newer = MockSession(question_ids=["conflict-with-teammate"])
    _saved(coach, older, newer)
    view = _view(coach, tmp_path)
    assert "started " in view.resume_note.value and ": question 1 of 1, nothing typed yet." in (
        view.resume_note.value
    )
    local = f"{started:%Y-%m-%d} 15:00"  # 09:30 UTC
    assert [label for label, _ in view.resume_pick.options][1].startswith(local)
    view.resume_pick.value = 1
    assert (
        f"An unfinished interview, started {local}: question 2 of 2, 2 answers typed."
        in view.resume_note.value
    )
