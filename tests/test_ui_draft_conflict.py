"""Two windows on separate kernels, one question: neither window's typing is lost.

The newest-view rule (``single``) works inside one kernel. Across kernels (the same
notebook opened twice, a notebook beside the Voila app) each view used to save over the
other's draft, and the text of a window closed meanwhile was gone for good.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.store import replaced_key
from coachkit.ui import PracticeView, single
from coachkit.ui.runtime import InlineRunner, ManualScheduler

QUESTION = "biggest-weakness"
MINE = "Public speaking. I joined Toastmasters and gave four talks last year."
THEIRS = "Delegation. I kept the hard tickets to myself until my lead pointed it out."


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "shared.db"


@pytest.fixture
def stores(path: Path) -> Iterator[tuple[Store, Store]]:
    """Two connections to one file, as two kernels have."""
    with Store(path) as first, Store(path) as second:
        yield first, second


def _window(bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch) -> PracticeView:
    """A practice view in a kernel of its own: no other view of this process to retire."""
    monkeypatch.setattr(single, "_live", {})
    coach = coach_with(bank, store, FakeScorer())
    return PracticeView(
        coach, question_id=QUESTION, runner=InlineRunner(), scheduler=ManualScheduler()
    )


def _type(view: PracticeView, text: str) -> None:
    view.answer.value = text
    assert view.drafts.flush()


def _other_shown(view: PracticeView) -> str | None:
    """The other window's answer as the view shows it, or None when it shows none."""
    if view.other_answer.layout.display == "none":
        return None
    return view.other_text.value


# -- the store ------------------------------------------------------------------------
def test_a_save_over_a_draft_another_writer_changed_keeps_that_draft(
    stores: tuple[Store, Store],
) -> None:
    one, two = stores
    one.save_draft(QUESTION, "first words")
    two.save_draft(QUESTION, THEIRS)  # the other window, which this one has not seen

    replaced = one.save_draft(QUESTION, MINE, over="first words")

    assert replaced == THEIRS
    assert one.load_draft(QUESTION) == MINE
    assert one.load_draft(replaced_key(QUESTION)) == THEIRS


@pytest.mark.parametrize(
    ("stored", "over", "text"),
    [
        ("first words", "first words", MINE),  # only this writer saved: typing on
        (MINE, "first words", MINE),  # the other writer saved the very same text
        (None, "first words", MINE),  # the draft was deleted (its answer deleted, say)
        (None, None, MINE),  # a first draft
        ("   ", None, MINE),  # nothing worth keeping
    ],
)
def test_no_draft_is_kept_aside_when_nothing_would_be_lost(
    store: Store, stored: str | None, over: str | None, text: str
) -> None:
    if stored is not None:
        store.execute(
            "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, 'x')", (QUESTION, stored)
        )
    else:
        store.save_draft("created", "the file")

    assert store.save_draft(QUESTION, text, over=over) is None
    assert store.load_draft(replaced_key(QUESTION)) is None


def test_clearing_the_box_keeps_what_another_window_typed(stores: tuple[Store, Store]) -> None:
    one, two = stores
    two.save_draft(QUESTION, THEIRS)

    assert one.save_draft(QUESTION, "", over=None) == THEIRS
    assert one.load_draft(QUESTION) is None
    assert one.load_draft(replaced_key(QUESTION)) == THEIRS


def test_an_unguarded_save_overwrites_as_before(stores: tuple[Store, Store]) -> None:
    one, two = stores
    two.save_draft(QUESTION, THEIRS)

    assert one.save_draft(QUESTION, MINE) is None
    assert one.load_draft(QUESTION) == MINE
    assert one.load_draft(replaced_key(QUESTION)) is None


# -- the practice view --------------------------------------------------------------
def test_two_windows_typing_in_turn_each_show_the_others_answer(
    bank: QuestionBank, stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = stores
    first = _window(bank, one, monkeypatch)
    second = _window(bank, two, monkeypatch)

    _type(second, THEIRS)
    assert _other_shown(second) is None  # nothing was saved over
    _type(first, MINE)

    shown = _other_shown(first)
    assert shown is not None and "Delegation" in shown and "Nothing is lost" in shown
    assert one.load_draft(QUESTION) == MINE

    _type(second, THEIRS + " Now I hand one over each sprint.")
    shown = _other_shown(second)
    assert shown is not None and "Toastmasters" in shown
    assert first.answer.value == MINE  # nothing was taken from under the user's cursor


def test_a_window_closed_meanwhile_loses_nothing(
    bank: QuestionBank,
    stores: tuple[Store, Store],
    path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    one, two = stores
    first = _window(bank, one, monkeypatch)
    second = _window(bank, two, monkeypatch)
    _type(second, THEIRS)  # then that window is closed
    _type(first, MINE)  # and this one saves over it

    with Store(path) as later:  # tomorrow, a fresh kernel
        reopened = _window(bank, later, monkeypatch)
        assert reopened.answer.value == MINE
        shown = _other_shown(reopened)
        assert shown is not None and "Delegation" in shown

        reopened.dismiss_other.click()
        assert _other_shown(reopened) is None
        assert later.load_draft(replaced_key(QUESTION)) is None
        assert _other_shown(_window(bank, later, monkeypatch)) is None


def test_one_window_typing_alone_never_shows_another_answer(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _window(bank, store, monkeypatch)
    for text in ("Public", "Public speaking.", "", MINE):
        _type(view, text)
        assert _other_shown(view) is None
    view.score_button.click()
    view.question.value = "time-you-failed"
    view.question.value = QUESTION
    _type(view, MINE + " More.")
    assert _other_shown(view) is None
    assert store.load_draft(replaced_key(QUESTION)) is None


def test_the_other_answer_belongs_to_its_question(
    bank: QuestionBank, stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = stores
    first = _window(bank, one, monkeypatch)
    second = _window(bank, two, monkeypatch)
    _type(second, THEIRS)
    _type(first, MINE)

    first.question.value = "time-you-failed"
    assert _other_shown(first) is None
    first.question.value = QUESTION
    assert _other_shown(first) is not None


def test_deleting_an_attempt_deletes_its_answer_kept_from_another_window(
    bank: QuestionBank, stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, two = stores
    first = _window(bank, one, monkeypatch)
    second = _window(bank, two, monkeypatch)
    _type(second, THEIRS)
    second.score_button.click()  # scored there: an attempt with that answer
    _type(first, MINE)  # saved over it here: the scored answer is kept aside
    assert one.load_draft(replaced_key(QUESTION)) == THEIRS

    coach = Coach(bank=bank, store=one)
    coach.delete_attempts([a.id for a in coach.history(QUESTION)])

    assert one.load_draft(replaced_key(QUESTION)) is None  # deleted for good means gone
