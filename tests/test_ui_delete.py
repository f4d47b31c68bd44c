"""Deleting a saved attempt from the progress view: pick, confirm or cancel, errors."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from ui_fakes import FocusLog, card_for, make_attempts

from coachkit import Coach, QuestionBank, Store
from coachkit.errors import DatabaseBusyError
from coachkit.llm.cache import ScoreCache
from coachkit.models import Attempt
from coachkit.scoring.text import clean
from coachkit.ui import ProgressView
from coachkit.ui.live import FOCUS_CLASS

LONG_ANSWER = (
    "In 2023 I owned the checkout rewrite at a small shop and promised a date before I had "
    "measured anything. We shipped three weeks late, and I learned to size work first."
)
BUSY = "The database is busy: another program is writing to it. Try again in a moment."


@pytest.fixture
def in_kolkata(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The user's clock at UTC+05:30, so local times differ from the stored UTC ones."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX-only")
    with monkeypatch.context() as patch:
        patch.setenv("TZ", "Asia/Kolkata")
        time.tzset()
        yield
    time.tzset()  # back to the zone the other tests run in


def _seeded(bank: QuestionBank, store: Store) -> tuple[Coach, list[Attempt]]:
    """Three attempts a day apart (oldest first); the newest has a long answer to quote."""
    attempts = make_attempts(
        bank,
        [("time-you-failed", (1, 1, 1, 1)), ("design-rate-limiter", (2, 2, 3, 2))],
    )
    question = bank.get("time-you-failed")
    attempts.append(
        Attempt(
            question_id=question.id,
            category=question.category,
            answer=LONG_ANSWER,
            card=card_for(question, LONG_ANSWER, (4, 4, 5, 3)),
            created_at=datetime(2026, 3, 3, 12, tzinfo=UTC),
        )
    )
    store.add_attempts(attempts)
    return Coach(bank=bank, store=store), attempts


def _label(attempt: Attempt) -> str:
    when = attempt.created_at.astimezone()
    flag = " ⚑" if attempt.card.flagged else ""
    return (
        f"{attempt.id[:8]} · {when:%Y-%m-%d %H:%M} · {attempt.question_id} · "
        f"{attempt.overall}/100{flag}"
    )


def _labels(view: ProgressView) -> list[str]:
    return [label for label, _value in view.deleter.pick.options]


def _ask(view: ProgressView, attempt: Attempt) -> None:
    view.deleter.pick.value = attempt.id
    view.deleter.ask_button.click()


def _confirming(view: ProgressView) -> bool:
    return view.deleter.confirm.layout.display != "none"


def test_the_list_holds_the_attempts_shown_newest_first(bank: QuestionBank, store: Store) -> None:
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    assert _labels(view) == [_label(a) for a in reversed(attempts)]
    assert _labels(view)[0].startswith(f"{attempts[2].id[:8]} · ")
    assert _labels(view)[0].endswith(" · time-you-failed · 80/100")
    assert view.deleter.pick.options[0][1] == attempts[2].id
    assert view.deleter.pick.value == attempts[2].id  # the newest, picked: not a blank box
    assert not view.deleter.ask_button.disabled and view.deleter.ask_button.description == "Delete…"

    view.category.value = "system-design"  # the filters narrow the list too
    assert _labels(view) == [_label(attempts[1])]
    assert view.deleter.pick.value == attempts[1].id  # the pick left the list: the newest
    view.deleter.pick.value = attempts[1].id
    view.category.value = ""  # a pick still listed stays picked
    assert len(_labels(view)) == 3 and view.deleter.pick.value == attempts[1].id


def test_the_list_holds_the_attempts_the_table_shows_and_says_how_to_reach_older_ones(
    bank: QuestionBank, store: Store
) -> None:
    """With 10,000 attempts the list held 10,000 (0.3 s to fill, and no use): it holds the
    table's, the newest 50 of the filters', and says how to reach an older one."""
    attempts = make_attempts(bank, [("time-you-failed", (2, 2, 2, 2))] * 55)  # 1 Mar on
    store.add_attempts(attempts)
    view = ProgressView(Coach(bank=bank, store=store))
    assert _labels(view) == [_label(a) for a in reversed(attempts[5:])]
    assert view.table.value.count("<tr>") == 1 + 50  # the same attempts as the table
    older = view.deleter.older.value
    assert "The list holds the newest 50 of these 55 attempts, as the table does" in older
    assert "narrow the dates or category above" in older
    view.end.value = attempts[9].created_at.astimezone().date()  # the ten oldest
    assert _labels(view) == [_label(a) for a in reversed(attempts[:10])]
    assert view.deleter.older.value == ""
    _ask(view, attempts[0])  # the oldest, out of reach before: asked first, as ever
    assert _confirming(view) and len(store.attempts()) == 55
    view.deleter.confirm_button.click()
    assert len(store.attempts()) == 54 and store.get_attempt(attempts[0].id) is None


def test_the_labels_and_status_use_the_users_local_time(
    bank: QuestionBank, store: Store, in_kolkata: None
) -> None:
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    newest = attempts[2]  # saved at 12:00 UTC
    assert _labels(view)[0] == f"{newest.id[:8]} · 2026-03-03 17:30 · time-you-failed · 80/100"
    _ask(view, newest)
    assert "2026-03-03 17:30" in view.deleter.question.value
    view.deleter.confirm_button.click()
    assert "Deleted the attempt at time-you-failed from 2026-03-03 17:30." in (
        view.deleter.status.value
    )


def test_delete_then_cancel_deletes_nothing(bank: QuestionBank, store: Store) -> None:
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    assert not _confirming(view)

    _ask(view, attempts[2])

    asked = view.deleter.question.value
    assert _confirming(view) and view.errors.message is None
    assert bank.get("time-you-failed").prompt in asked
    assert LONG_ANSWER[:119] in asked and LONG_ANSWER not in asked  # the first ~120 characters
    assert "This cannot be undone" in asked
    assert view.deleter.confirm_button.description == "Delete for good"
    assert view.deleter.cancel_button.description == "Cancel"
    assert len(store.attempts()) == 3  # asking deletes nothing

    view.deleter.cancel_button.click()

    assert not _confirming(view) and view.deleter.pending is None
    assert [a.id for a in store.attempts()] == [a.id for a in attempts]
    assert view.deleter.status.value == "" and len(view.filtered) == 3


def test_delete_for_good_deletes_that_attempt_and_refreshes(
    bank: QuestionBank, store: Store
) -> None:
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    gone = attempts[1]
    assert view.table.value.count("<tr>") == 4  # header + 3 attempts

    _ask(view, gone)
    view.deleter.confirm_button.click()

    assert view.errors.message is None
    assert [a.id for a in store.attempts()] == [attempts[0].id, attempts[2].id]
    assert gone.id not in set(view.filtered["attempt_id"])
    assert view.table.value.count("<tr>") == 3
    assert "<b>2</b>" in view.summary.value  # the attempts tile
    assert _labels(view) == [_label(attempts[2]), _label(attempts[0])]
    assert not _confirming(view)
    when = gone.created_at.astimezone()
    said = f"Deleted the attempt at design-rate-limiter from {when:%Y-%m-%d %H:%M}."
    assert said in view.deleter.status.value
    # It stays through the reload, and goes once the user picks another attempt.
    view.deleter.pick.value = attempts[0].id
    assert view.deleter.status.value == ""
    # Or presses Refresh.
    _ask(view, attempts[0])
    view.deleter.confirm_button.click()
    assert "Deleted" in view.deleter.status.value
    view.refresh_button.click()
    assert view.deleter.status.value == ""


def test_keyboard_focus_goes_back_to_delete_once_the_confirmation_closes(
    bank: QuestionBank, store: Store
) -> None:
    # The confirmation's buttons hide with it, dropping focus to the page.
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    log = FocusLog(view.deleter.ask_button, view.deleter.status)
    _ask(view, attempts[0])
    view.deleter.cancel_button.click()
    assert log.focused == [view.deleter.ask_button]
    _ask(view, attempts[0])
    view.deleter.confirm_button.click()
    assert log.focused == [view.deleter.ask_button] * 2
    for attempt in attempts[1:]:
        _ask(view, attempt)
        view.deleter.confirm_button.click()
    # None left to delete: Delete… is disabled, which took focus to the page's top; it
    # goes to the line saying the last one was deleted.
    assert view.deleter.ask_button.disabled and len(log.focused) == len(attempts) + 1
    assert log.last is view.deleter.status and "Deleted" in view.deleter.status.value
    assert FOCUS_CLASS in view.deleter.status._dom_classes


def test_the_status_counts_the_cached_llm_scores_deleted_with_it(
    bank: QuestionBank, store: Store
) -> None:
    coach, attempts = _seeded(bank, store)
    gone = attempts[2]
    ScoreCache(store).put("a-cached-llm-score", gone.card, answer=clean(gone.answer))
    view = ProgressView(coach)

    _ask(view, gone)
    view.deleter.confirm_button.click()

    when = gone.created_at.astimezone()
    assert (
        f"Deleted the attempt at time-you-failed from {when:%Y-%m-%d %H:%M} "
        "(and 1 cached LLM score of it)."
    ) in view.deleter.status.value
    assert store.query("SELECT count(*) FROM llm_score_cache")[0][0] == 0


def test_an_error_is_shown_and_nothing_is_deleted(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    table, labels = view.table.value, _labels(view)

    def busy(_refs: object) -> None:
        raise DatabaseBusyError(BUSY)

    monkeypatch.setattr(coach, "delete_attempts", busy)
    _ask(view, attempts[0])
    view.deleter.confirm_button.click()

    assert view.deleter.errors.message == BUSY  # beside the buttons, not above the charts
    assert BUSY in view.deleter.errors.widget.value
    assert "Traceback" not in view.deleter.errors.widget.value
    assert len(store.attempts()) == 3
    assert view.table.value == table and _labels(view) == labels
    assert view.deleter.status.value == ""
    assert _confirming(view) and view.deleter.pending == attempts[0]  # to try again


def test_an_attempt_deleted_elsewhere_is_explained(bank: QuestionBank, store: Store) -> None:
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    coach.delete_attempts([attempts[0].id])  # another notebook, or the CLI

    _ask(view, attempts[0])

    assert "deleted elsewhere" in view.deleter.status.value  # a note, not an error
    assert view.deleter.errors.message is None
    assert not _confirming(view)
    assert _labels(view) == [_label(attempts[2]), _label(attempts[1])]


def test_confirming_an_attempt_deleted_meanwhile_says_so(bank: QuestionBank, store: Store) -> None:
    """Asked, then deleted from a terminal, then confirmed: a note and the list as it is,
    not the CLI's "no saved attempt has an id starting ..."."""
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    _ask(view, attempts[0])
    coach.delete_attempts([attempts[0].id])

    view.deleter.confirm_button.click()

    assert "deleted elsewhere" in view.deleter.status.value
    assert view.deleter.errors.message is None and not _confirming(view)
    assert _labels(view) == [_label(attempts[2]), _label(attempts[1])]
    assert len(view.filtered) == 2


def test_picking_another_attempt_withdraws_the_confirmation(
    bank: QuestionBank, store: Store
) -> None:
    coach, attempts = _seeded(bank, store)
    view = ProgressView(coach)
    _ask(view, attempts[2])
    view.deleter.pick.value = attempts[0].id
    assert not _confirming(view) and view.deleter.pending is None
    view.deleter.confirm_button.click()  # a stale click deletes nothing
    assert len(store.attempts()) == 3


def test_nothing_to_delete_when_no_attempts_are_shown(bank: QuestionBank, store: Store) -> None:
    view = ProgressView(Coach(bank=bank, store=store))
    assert _labels(view) == [] and view.deleter.ask_button.disabled
    assert "Nothing to delete" in view.deleter.note.value

    _seeded(bank, store)
    view.refresh_button.click()
    assert len(_labels(view)) == 3 and not view.deleter.ask_button.disabled
    assert view.deleter.note.value == ""

    view.category.value = "cultural-fit"  # none of these: the filters show nothing
    assert _labels(view) == [] and view.deleter.ask_button.disabled
    assert "Nothing to delete" in view.deleter.note.value


def test_a_flagged_attempt_is_marked_in_the_list_as_in_the_table() -> None:
    import pandas as pd

    from coachkit.ui.progress_view import attempt_label

    values = {
        "created_at": pd.Timestamp("2026-03-03 12:00", tz="UTC"),
        "attempt_id": "abcdef1234567890",
        "question_id": "time-you-failed",
        "overall": 40,
        "flagged": True,
    }
    assert attempt_label(values).startswith("abcdef12 · ")
    assert attempt_label(values).endswith(" · time-you-failed · 40/100 ⚑")
    assert "⚑" not in attempt_label({**values, "flagged": False})
