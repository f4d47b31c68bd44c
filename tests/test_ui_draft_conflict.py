"""Two windows on separate kernels, one question: neither window's typing is lost.

The newest-view rule (``single``) works inside one kernel. Across kernels (the same
notebook opened twice, a notebook beside the Voila app) each view used to save over the
other's draft, and the text of a window closed meanwhile was gone for good.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
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


Windows = tuple[Store, Store, PracticeView, PracticeView]


@pytest.fixture
def windows(
    bank: QuestionBank, stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> Windows:
    """Two stores on one file, and a practice view on each, as two kernels have."""
    one, two = stores
    return one, two, _window(bank, one, monkeypatch), _window(bank, two, monkeypatch)


def _window(bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch) -> PracticeView:
    """A practice view in a kernel of its own: no other view of this process to retire."""
    monkeypatch.setattr(single, "_live", {})
    coach = coach_with(bank, store, FakeScorer())
    return PracticeView(
        coach, question_id=QUESTION, runner=InlineRunner(), scheduler=ManualScheduler()
    )


def _kept(store: Store) -> list[str]:
    return [draft.text for draft in store.kept_drafts(QUESTION)]


def _type(view: PracticeView, text: str) -> None:
    view.answer.value = text
    assert view.drafts.flush()


def _other_shown(view: PracticeView) -> str | None:
    """The other window's answer as the view shows it, or None when it shows none."""
    if view.other_answer.layout.display == "none":
        assert view.other_said.value == ""  # nothing said of answers not shown
        return None
    return view.other_said.value + view.other_text.value


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
    assert _kept(one) == [THEIRS]


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
    assert _kept(store) == []


def test_clearing_the_box_keeps_what_another_window_typed(stores: tuple[Store, Store]) -> None:
    one, two = stores
    two.save_draft(QUESTION, THEIRS)

    assert one.save_draft(QUESTION, "", over=None) == THEIRS
    assert one.load_draft(QUESTION) is None
    assert _kept(one) == [THEIRS]


def test_an_unguarded_save_overwrites_as_before(stores: tuple[Store, Store]) -> None:
    one, two = stores
    two.save_draft(QUESTION, THEIRS)

    assert one.save_draft(QUESTION, MINE) is None
    assert one.load_draft(QUESTION) == MINE
    assert _kept(one) == []


# -- the practice view --------------------------------------------------------------
def test_two_windows_typing_in_turn_each_show_the_others_answer(windows: Windows) -> None:
    one, _two, first, second = windows

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
        assert _kept(later) == []
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
    assert _kept(store) == []


def test_the_other_answer_belongs_to_its_question(windows: Windows) -> None:
    _one, _two, first, second = windows
    _type(second, THEIRS)
    _type(first, MINE)

    first.question.value = "time-you-failed"
    assert _other_shown(first) is None
    first.question.value = QUESTION
    assert _other_shown(first) is not None


def test_deleting_an_attempt_deletes_its_answer_kept_from_another_window(
    windows: Windows, bank: QuestionBank
) -> None:
    one, _two, first, second = windows
    _type(second, THEIRS)
    second.score_button.click()  # scored there: an attempt with that answer
    _type(first, MINE)  # saved over it here: the scored answer is kept aside
    assert _kept(one) == [THEIRS]

    coach = Coach(bank=bank, store=one)
    coach.delete_attempts([a.id for a in coach.history(QUESTION)])

    assert _kept(one) == []  # deleted for good means gone


def test_three_windows_lose_nothing(path: Path) -> None:
    """Every answer saved over is kept in a row of its own: a later conflict (a third
    window, or a kept answer not dismissed yet) never overwrites an earlier one."""
    with Store(path) as a, Store(path) as b, Store(path) as c:
        b.save_draft(QUESTION, "B's answer")  # then B's window is closed
        assert a.save_draft(QUESTION, "A's answer", over=None) == "B's answer"
        assert c.save_draft(QUESTION, "C's answer", over=None) == "A's answer"
        assert a.save_draft(QUESTION, "A's answer, again", over="A's answer") == "C's answer"
        # B's answer comes back from somewhere and is saved over again: kept once.
        b.save_draft(QUESTION, "B's answer")
        assert c.save_draft(QUESTION, "C's last", over="C's answer") == "B's answer"

        assert sorted(_kept(a)) == sorted(["B's answer", "A's answer", "C's answer"])
        assert a.load_draft(QUESTION) == "C's last"


def test_dismiss_forgets_only_the_answers_it_showed(windows: Windows) -> None:
    one, two, first, second = windows
    _type(second, THEIRS)
    _type(first, MINE)  # THEIRS is kept and shown here
    # Meanwhile another answer is saved over elsewhere, which this window has not shown.
    two.save_draft(QUESTION, "A third answer, from yet another window.")
    assert (
        two.save_draft(QUESTION, THEIRS, over=THEIRS) == "A third answer, from yet another window."
    )

    first.dismiss_other.click()

    assert _kept(one) == ["A third answer, from yet another window."]
    shown = _other_shown(first)  # the panel now shows what is kept, not what was dismissed
    assert shown is not None and "yet another window" in shown and "Delegation" not in shown


def test_several_kept_answers_are_all_shown(
    bank: QuestionBank, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(path) as store:
        store.save_draft(QUESTION, "first")
        store.save_draft(QUESTION, "mine", over=None)
        store.save_draft(QUESTION, "second")
        store.save_draft(QUESTION, "mine", over="mine")
        shown = _other_shown(_window(bank, store, monkeypatch))

    assert shown is not None and "2 different answers" in shown and "dismiss them" in shown
    assert shown.index("second") < shown.index("first")  # the newest first


def test_text_waiting_for_a_retry_comes_back_with_its_question(
    bank: QuestionBank, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save that failed (the database busy) keeps its text for a retry; leaving the
    question and coming back shows that text, not the store's older draft."""
    with Store(path, timeout=0.2) as store:
        view = _window(bank, store, monkeypatch)
        _type(view, "Public speaking.")
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            view.answer.value = MINE
            assert not view.drafts.flush()
            view.question.value = "time-you-failed"
            view.question.value = QUESTION
            assert view.answer.value == MINE
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert view.drafts.flush()
        assert store.load_draft(QUESTION) == MINE
        assert _other_shown(view) is None  # its own text, saved late, is no conflict


def test_a_kept_answer_deleted_elsewhere_leaves_the_panel(
    windows: Windows, bank: QuestionBank
) -> None:
    _one, two, first, second = windows
    _type(second, THEIRS)
    second.score_button.click()
    _type(first, MINE)
    assert _other_shown(first) is not None

    coach = Coach(bank=bank, store=two)  # Progress, in the other kernel, deletes it
    coach.delete_attempts([a.id for a in coach.history(QUESTION)])
    first.search.value = "weakness"  # an action that re-reads what changed elsewhere
    assert first.state.question_id == QUESTION

    assert _other_shown(first) is None


def test_the_panel_does_not_claim_this_view_saved_over_it(
    bank: QuestionBank, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened on a kept answer it did not keep, a view says only what is known."""
    with Store(path) as store:
        store.save_draft(QUESTION, THEIRS)
        store.save_draft(QUESTION, MINE, over=None)
        shown = _other_shown(_window(bank, store, monkeypatch))

    assert shown is not None and "this view" not in shown and "Your typing" not in shown
    assert "another window" in shown and "an earlier run" in shown


def test_two_windows_typing_in_turn_keep_one_row_each(path: Path) -> None:
    """Each kept text goes on from the one kept before it: the earlier state goes, so an
    hour of typing in turn leaves each window's latest, not a row a save."""
    with Store(path) as a, Store(path) as b:
        seen_a: str | None = None
        seen_b: str | None = None
        for n in range(1, 30):
            text_a = "A: " + " ".join(f"word{i}" for i in range(n))
            a.save_draft(QUESTION, text_a, over=seen_a)
            seen_a = text_a
            text_b = "B: " + " ".join(f"word{i}" for i in range(n))
            b.save_draft(QUESTION, text_b, over=seen_b)
            seen_b = text_b

        kept = _kept(a)
        assert len(kept) == 2
        assert set(kept) == {seen_a, "B: " + " ".join(f"word{i}" for i in range(28))}


def test_an_earlier_state_of_a_kept_text_is_not_kept_again(store: Store) -> None:
    store.save_draft(QUESTION, "first words and more")
    store.save_draft(QUESTION, "mine", over=None)  # keeps "first words and more"
    store.save_draft(QUESTION, "first words")
    store.save_draft(QUESTION, "mine", over="mine")  # an earlier state of what is kept

    assert _kept(store) == ["first words and more"]


def test_two_windows_editing_in_turn_keep_one_row_each(path: Path) -> None:
    """A window's text kept again replaces its earlier kept text, edits or not (a typo
    fixed, a word changed), and goes once that window saves anew: rows stay bounded."""
    with Store(path) as a, Store(path) as b:
        seen_a: str | None = None
        seen_b: str | None = None
        for turn in range(20):
            text_a = f"A, turn {turn}: changed in the middle"
            a.save_draft(QUESTION, text_a, over=seen_a, writer="window-a")
            seen_a = text_a
            text_b = f"B, turn {turn}: changed in the middle"
            b.save_draft(QUESTION, text_b, over=seen_b, writer="window-b")
            seen_b = text_b
        kept = a.kept_drafts(QUESTION)

    assert [(d.writer, d.text) for d in kept] == [("window-a", seen_a)]  # B's is the draft


def test_a_window_is_not_offered_its_own_text_back(windows: Windows) -> None:
    _one, _two, first, second = windows
    _type(first, MINE)
    _type(second, THEIRS)  # keeps MINE, first's own text
    first.search.value = "weakness"  # re-reads what changed elsewhere
    assert _other_shown(first) is None
    _type(first, MINE + " Since then I present monthly.")  # keeps THEIRS
    shown = _other_shown(first)
    assert shown is not None and "Delegation" in shown and "Toastmasters" not in shown
    assert "1 different" not in shown and "A different answer" in shown


def test_a_retry_after_a_question_round_trip_keeps_another_windows_answer(
    bank: QuestionBank, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's draft read on coming back was never seen here: the retry of this
    window's text keeps it, should it be another window's."""
    with Store(path, timeout=0.2) as store, Store(path) as other:
        view = _window(bank, store, monkeypatch)
        other.save_draft(QUESTION, THEIRS)  # another window, unseen here
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            view.answer.value = MINE
            assert not view.drafts.flush()  # busy: waits for a retry
            view.question.value = "time-you-failed"
            view.question.value = QUESTION
            assert view.answer.value == MINE
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert view.drafts.flush()
        assert _kept(store) == [THEIRS]


def test_deleting_a_damaged_attempt_deletes_its_answer_from_the_drafts(
    bank: QuestionBank, stores: tuple[Store, Store]
) -> None:
    one, two = stores
    coach = coach_with(bank, one, FakeScorer())
    attempt = coach.submit(QUESTION, THEIRS)
    two.save_draft(QUESTION, THEIRS)
    one.save_draft(QUESTION, MINE, over=None)  # keeps THEIRS, the scored answer
    one.execute("UPDATE attempts SET card = '{' WHERE id = ?", (attempt.id,))  # damaged

    assert Coach(bank=bank, store=one).delete_attempts([attempt.id]).count == 1
    assert [t for (t,) in one.query("SELECT text FROM drafts") if THEIRS in t] == []


def test_a_windows_own_kept_text_stays_once_its_box_is_filled_from_the_store(
    windows: Windows,
) -> None:
    """Back on the question, the box holds the other window's text: this window's own
    text, kept when that one saved over it, is shown, and typing on does not forget it."""
    one, _two, first, second = windows  # opened before first typed
    _type(first, MINE)
    _type(second, THEIRS)  # keeps MINE
    first.question.value = "time-you-failed"
    first.question.value = QUESTION
    assert first.answer.value == THEIRS

    shown = _other_shown(first)
    assert shown is not None and "Toastmasters" in shown
    _type(first, THEIRS + " Now I hand them out.")
    _type(first, "")
    assert MINE in _kept(one)


def test_a_stale_writer_name_does_not_lose_the_text_it_would_keep(path: Path) -> None:
    """A draft written by a save that names no writer (an older coachkit, a tool) is kept
    when saved over, whatever name the store held from before."""
    with Store(path) as store:
        store.save_draft(QUESTION, MINE, over=None, writer="window-a")
        store.execute("UPDATE drafts SET text = ? WHERE key = ?", (THEIRS, QUESTION))

        assert store.save_draft(QUESTION, MINE + " More.", over=MINE, writer="window-a") == THEIRS
        assert _kept(store) == [THEIRS]


def test_a_window_re_run_is_not_shown_its_own_text(windows: Windows) -> None:
    """A window's box filled from the store again (a question round trip, a re-run)
    still holds its text: kept when another window saves over it, it is not offered back
    to that window as another's answer."""
    _, _, first, second = windows
    _type(first, MINE)
    first.question.value = "time-you-failed"
    first.question.value = QUESTION  # the box is filled from the store: MINE
    _type(second, THEIRS)  # saves over MINE, not seen there
    _type(first, MINE + " Since then I present monthly.")  # keeps THEIRS

    shown = _other_shown(first)
    assert shown is not None and "Delegation" in shown and "Toastmasters" not in shown


def test_a_writer_name_left_by_a_save_that_names_none_is_not_trusted(windows: Windows) -> None:
    """A save that names no writer (a kernel still on an older coachkit) leaves the name
    of the window that saved before it; the text it wrote is not kept under that name,
    where that window would take it for its own past and forget it."""
    one, _, first, second = windows
    _type(second, THEIRS)
    old = "Perfectionism: I rewrote the launch plan three times. Now I timebox drafts."
    one.execute("UPDATE drafts SET text = ? WHERE key = ?", (old, QUESTION))
    _type(first, MINE)  # keeps the older kernel's text
    _type(second, THEIRS + " Now I delegate.")

    assert old in _kept(one)
