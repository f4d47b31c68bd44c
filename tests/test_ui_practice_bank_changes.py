"""Practice when the question bank changes under the learner: a question renamed or
removed (a coach editing a shared folder, the user their own file) leaves nothing typed
for it out of sight."""

from __future__ import annotations

from pathlib import Path

from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.ui import PracticeView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

QUESTION = "time-you-failed"
RENAMED = "time-you-failed-badly"
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)


def _renamed(bank: QuestionBank, old: str = QUESTION, new: str = RENAMED) -> QuestionBank:
    """``bank`` with ``old``'s id changed to ``new``, as an edit of its YAML file does."""
    return QuestionBank(q.model_copy(update={"id": new}) if q.id == old else q for q in bank)


def _view(bank: QuestionBank, store: Store, question: str | None = None) -> PracticeView:
    return PracticeView(
        coach_with(bank, store, FakeScorer()),
        question_id=question,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
    )


def _typed(bank: QuestionBank, store: Store, text: str = ANSWER) -> PracticeView:
    view = _view(bank, store, QUESTION)
    view.answer.value = text
    view.drafts.flush()
    return view


def test_a_draft_for_a_renamed_question_is_offered_back_with_its_old_id(
    bank: QuestionBank, store: Store
) -> None:
    _typed(bank, store)

    view = _view(_renamed(bank), store, RENAMED)

    assert view.answer.value == ""  # the draft is under the old id, which no box shows
    assert view.orphans.layout.display == ""
    said = view.orphans_said.value
    assert "An answer you typed is for a question no longer in the question bank" in said
    assert "(its id was changed or it was removed since)." in said  # no file left out
    assert "Copy what you need into your answer, then dismiss it." in said
    assert f"Typed for <code>{QUESTION}</code>" in view.orphans_text.value
    assert "Late invoices fell from 300 to 0." in view.orphans_text.value


def test_two_are_said_of_questions_each_with_its_id(bank: QuestionBank, store: Store) -> None:
    _typed(bank, store)
    other = _view(bank, store, "tell-me-about-yourself")
    other.answer.value = "I build billing systems."
    other.drafts.flush()
    renamed = _renamed(_renamed(bank), "tell-me-about-yourself", "introduce-yourself")

    view = _view(renamed, store, RENAMED)

    assert "2 answers you typed are for questions no longer in the question bank" in (
        view.orphans_said.value
    )
    text = view.orphans_text.value
    assert "<code>time-you-failed</code>" in text and "<code>tell-me-about-yourself</code>" in text


def test_dismissing_forgets_the_draft_shown_and_only_it(bank: QuestionBank, store: Store) -> None:
    _typed(bank, store)
    view = _view(_renamed(bank), store, RENAMED)

    view.dismiss_orphans.click()

    assert view.orphans.layout.display == "none" and view.orphans_said.value == ""
    assert store.load_draft(QUESTION) is None
    assert store.draft_keys(f"writer:{QUESTION}") == []  # nothing left naming its writer
    assert _view(_renamed(bank), store, RENAMED).orphans.layout.display == "none"


def test_a_draft_typed_on_after_it_was_shown_is_not_dismissed(
    bank: QuestionBank, store: Store
) -> None:
    _typed(bank, store)
    view = _view(_renamed(bank), store, RENAMED)
    store.save_draft(QUESTION, ANSWER + " More.")  # another notebook, on the old bank

    view.dismiss_orphans.click()

    assert store.load_draft(QUESTION) == ANSWER + " More."
    assert "More." in view.orphans_text.value  # offered again, as it is now


def test_a_scored_answer_and_the_bank_s_own_drafts_are_not_offered(
    bank: QuestionBank, store: Store
) -> None:
    typed = _typed(bank, store)
    typed.score_button.click()
    assert [a.question_id for a in store.attempts()] == [QUESTION]
    _view(bank, store, "tell-me-about-yourself").answer.value = "A draft of a question still here."

    view = _view(_renamed(bank), store, RENAMED)

    assert view.orphans.layout.display == "none"  # in the history already, under its old id


def test_opening_a_fresh_home_creates_no_database(bank: QuestionBank, coachkit_home: Path) -> None:
    view = PracticeView(Coach(bank=bank), runner=InlineRunner(), scheduler=ManualScheduler())
    assert view.orphans.layout.display == "none"
    assert not (coachkit_home / "coachkit.db").exists()
