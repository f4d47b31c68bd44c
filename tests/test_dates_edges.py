"""Dates at the ends of the calendar: refused on import, unreadable if already stored."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import ANSWER, exported_line, run_cli

from coachkit import Coach, QuestionBank, Store


@pytest.fixture
def west_of_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is New York's."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "created",
    [
        "0001-01-01T00:00:00+05:00",
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59-05:00",
    ],
)
def test_an_import_dated_at_the_calendars_edge_is_refused_naming_the_line(
    created: str,
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    west_of_utc: None,
) -> None:
    line = exported_line(bank, tmp_path)
    backup = tmp_path / "edge.jsonl"
    backup.write_text(json.dumps(dict(line, created_at=created)) + "\n", encoding="utf-8")
    code, _ = run_cli(["import", str(backup)], monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and err.count("\n") == 1
    assert f"{backup}:1: created_at" in err and "write a date from 0001-01-02" in err
    assert "nothing was imported" in err
    assert not (coachkit_home / "coachkit.db").exists()


def test_a_stored_attempt_dated_year_one_is_unreadable_not_a_crash(
    coachkit_home: Path,
    bank: QuestionBank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    west_of_utc: None,
) -> None:
    db = coachkit_home / "coachkit.db"
    with Store(db) as store:
        coach = Coach(bank=bank, store=store)
        good = coach.submit("time-you-failed", ANSWER).id
        edge = coach.submit("tell-me-about-yourself", ANSWER + " Then more.").id
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE attempts SET created_at = '0001-01-01T00:00:00+00:00' WHERE id = ?", (edge,)
        )
    conn.close()

    code, out = run_cli(["history", "--json"], monkeypatch)
    assert code == 0 and [a["id"] for a in json.loads(out)] == [good]
    assert f"`coachkit delete {edge[:8]}` deletes it" in capsys.readouterr().err
    code, out = run_cli(["next"], monkeypatch)
    assert code == 0 and "Traceback" not in capsys.readouterr().err
    code, out = run_cli(["delete", edge], monkeypatch)
    assert code == 0 and "Deleted 1 attempt" in out
    with Store(db) as store:
        assert [a.id for a in store.attempts()] == [good]


def test_a_review_answered_just_after_midnight_as_clocks_go_back_is_due_the_next_day(
    west_of_utc: None,
) -> None:
    """New York, 1 Nov 2026 (25 hours long): a weak answer at 00:01 was due again at once,
    24 hours on being 23:01 the same day; from the day itself, the day after."""
    from datetime import UTC, date, datetime, timedelta

    from coachkit.models import Attempt
    from coachkit.schedule import Schedule

    card = Coach().submit("time-you-failed", ANSWER, save=False).card
    question = Coach().bank.get("time-you-failed")
    answered = datetime(2026, 11, 1, 4, 1, tzinfo=UTC)  # 00:01 EDT
    weak = Attempt(
        question_id=question.id,
        category=question.category,
        answer=ANSWER,
        card=card.model_copy(update={"overall": 30, "flags": []}),
        created_at=answered,
    )
    schedule = Schedule([weak], now=answered + timedelta(minutes=5))
    due = schedule.reviews[question.id].due.astimezone()
    assert (due.date(), due.hour) == (date(2026, 11, 2), 0)
    assert schedule.plan([question]).due_now == 0


@pytest.mark.parametrize(
    ("answered", "then", "reviews"),
    [
        # New York, 8 Mar 2026 (23 hours long): 23:00 EST to 05:30 EDT reads 6.5 hours on
        # the clock but is 5.5: a retry. To 06:30 EDT, 6.5 hours: a review.
        ("2026-03-08T04:00:00+00:00", "2026-03-08T09:30:00+00:00", 1),
        ("2026-03-08T04:00:00+00:00", "2026-03-08T10:30:00+00:00", 2),
        # 1 Nov 2026 (25 hours long): 23:00 EDT to 04:30 EST reads 5.5 hours but is 6.5: a
        # review. To 03:30 EST, 5.5 hours: a retry.
        ("2026-11-01T03:00:00+00:00", "2026-11-01T09:30:00+00:00", 2),
        ("2026-11-01T03:00:00+00:00", "2026-11-01T08:30:00+00:00", 1),
    ],
)
def test_a_retry_is_told_from_a_review_by_hours_elapsed_on_the_days_clocks_change(
    answered: str, then: str, reviews: int, west_of_utc: None
) -> None:
    """Six hours after a review an answer is a review again, whatever the clock on the wall
    says: the gap is how long since the cold answer, not the difference of two readings."""
    from datetime import datetime, timedelta

    from coachkit.models import Attempt
    from coachkit.schedule import REVIEW_GAP, Schedule

    card = Coach().submit("time-you-failed", ANSWER, save=False).card
    question = Coach().bank.get("time-you-failed")
    history = [
        Attempt(
            question_id=question.id,
            category=question.category,
            answer=ANSWER,
            card=card.model_copy(update={"overall": overall, "flags": []}),
            created_at=datetime.fromisoformat(when),
        )
        for overall, when in ((30, answered), (95, then))
    ]
    now = datetime.fromisoformat(then) + timedelta(minutes=1)
    review = Schedule(history, now=now).reviews[question.id]
    assert review.reviews == reviews
    if reviews == 1:  # still due six hours after the cold answer, not at midnight
        assert review.due == datetime.fromisoformat(answered) + REVIEW_GAP
