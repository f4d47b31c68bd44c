"""Practice offers back the answers an earlier run kept in unscored/ (the database could
not take them then): said under the box, put in it only by the user's choice and never
over what is typed, and the file removed once the database holds the answer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import QuestionBank, Store
from coachkit.ui import PracticeView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

QUESTION = "time-you-failed"
OTHER = "tell-me-about-yourself"
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)


def _kept(home: Path, name: str, text: str = ANSWER) -> Path:
    folder = home / "unscored"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _view(bank: QuestionBank, store: Store, question: str = QUESTION) -> PracticeView:
    return PracticeView(
        coach_with(bank, store, FakeScorer()),
        question_id=question,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
    )


def test_a_kept_answer_is_said_and_put_in_an_empty_box(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    path = _kept(coachkit_home, f"{QUESTION}-20261130-101500.txt")
    view = _view(bank, store)
    said = view.waiting_said.value
    assert "1 answer kept in unscored/ from 30 Nov" in said and "10:15" in said
    assert "(the database could not take it then)" in said
    assert "once it is scored and saved to your history, its file is removed" in said
    assert view.restore_waiting.layout.display == ""
    assert view.restore_waiting.description == "Put it in the box"
    assert view.answer.value == ""

    view.restore_waiting.click()
    assert view.answer.value == ANSWER
    assert view.restore_waiting.layout.display == "none"
    assert f"In the box from {path.name}" in view.waiting_said.value
    assert path.exists()  # not scored yet: still the only saved copy

    view.score_button.click()
    assert [a.answer for a in store.attempts()] == [ANSWER]
    assert not path.exists()
    assert f"Its file in unscored/ ({path.name}) is removed." in view.status.value
    assert view.waiting_said.value == ""


def test_typed_text_is_never_replaced_only_added_to(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    path = _kept(coachkit_home, f"{QUESTION}-20261130-101500.txt")
    view = _view(bank, store)
    view.answer.value = "My new opening."
    assert view.restore_waiting.description == "Add it below your answer"
    view.restore_waiting.click()
    assert view.answer.value == f"My new opening.\n\n{ANSWER}"
    view.score_button.click()
    assert not path.exists()  # the saved answer holds its text word for word


def test_an_answer_edited_before_saving_keeps_its_file(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    path = _kept(coachkit_home, f"{QUESTION}-20261130-101500.txt")
    view = _view(bank, store)
    view.restore_waiting.click()
    view.answer.value = ANSWER.replace("300", "three hundred")
    view.score_button.click()
    assert len(store.attempts()) == 1 and path.exists()
    assert "1 answer kept in unscored/" in view.waiting_said.value  # offered again


def test_the_file_stays_when_the_save_fails(
    bank: QuestionBank, store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.errors import StoreError

    path = _kept(coachkit_home, f"{QUESTION}-20261130-101500.txt")
    view = _view(bank, store)
    view.restore_waiting.click()

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise StoreError("Cannot use the database (database or disk is full).")

    monkeypatch.setattr(store, "add_attempts", refuse)
    view.score_button.click()
    assert path.exists() and store.attempts() == []


def test_a_draft_holding_the_kept_text_is_counted_restored(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    """The database took the draft later (or the file was left): the box holds it already."""
    path = _kept(coachkit_home, f"{QUESTION}-20261130-101500.txt")
    store.save_draft(QUESTION, ANSWER)
    view = _view(bank, store)
    assert view.answer.value == ANSWER
    assert view.restore_waiting.layout.display == "none"
    assert f"In the box from {path.name}" in view.waiting_said.value
    view.score_button.click()
    assert not path.exists()


def test_only_this_questions_regular_files_are_offered(
    bank: QuestionBank, store: Store, coachkit_home: Path, tmp_path: Path
) -> None:
    _kept(coachkit_home, f"{OTHER}-20261130-101500.txt", "Another question's answer.")
    _kept(coachkit_home, f"{QUESTION}-notes.txt", "Not named by coachkit.")
    outside = tmp_path / "secret.txt"
    outside.write_text("Not an answer.", encoding="utf-8")
    os.symlink(outside, coachkit_home / "unscored" / f"{QUESTION}-20261130-101501.txt")
    huge = _kept(coachkit_home, f"{QUESTION}-20261130-101502.txt", "a" * 500_000)
    view = _view(bank, store)
    said = view.waiting_said.value
    assert "answer kept in unscored/" not in said  # nothing to put in the box
    assert f"{huge.name} in unscored/ cannot be put in the box" in said
    assert view.restore_waiting.layout.display == "none"
    view.question.value = OTHER
    assert "1 answer kept in unscored/" in view.waiting_said.value
    view.restore_waiting.click()
    assert view.answer.value == "Another question's answer."


def test_several_kept_answers_offer_the_latest_first(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    _kept(coachkit_home, f"{QUESTION}-20261129-090000.txt", "The first try.")
    _kept(coachkit_home, f"{QUESTION}-20261130-101500.txt", ANSWER)
    view = _view(bank, store)
    assert "2 answers kept in unscored/, the latest from 30 Nov" in view.waiting_said.value
    view.restore_waiting.click()
    assert view.answer.value == ANSWER
    assert "1 answer kept in unscored/ from 29 Nov" in view.waiting_said.value
    assert view.restore_waiting.description == "Add it below your answer"


def test_the_notice_is_a_live_region_on_the_page_before_it_speaks(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    from coachkit.ui.live import LIVE_CLASS

    view = _view(bank, store)
    assert view.waiting_said.value == ""
    assert LIVE_CLASS in view.waiting_said._dom_classes
    assert view.waiting_said.layout.display != "none"
    _kept(coachkit_home, f"{QUESTION}-20261130-101500.txt")
    view.question.value = OTHER
    view.question.value = QUESTION  # opened again: said in the same region
    assert "1 answer kept in unscored/" in view.waiting_said.value


def test_this_views_own_file_is_not_offered_back(
    bank: QuestionBank, store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.errors import StoreError

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise StoreError("Cannot use the database (database or disk is full).")

    monkeypatch.setattr(store, "save_draft", refuse)
    clock = ManualScheduler()
    view = PracticeView(
        coach_with(bank, store), question_id=QUESTION, runner=InlineRunner(), scheduler=clock
    )
    view.answer.value = ANSWER
    clock.advance(1)  # the save fails: kept in a file of this view's own
    assert len(list((coachkit_home / "unscored").iterdir())) == 1
    view.question.value = OTHER
    view.question.value = QUESTION
    assert view.waiting_said.value == ""  # said beside the word count instead


def test_on_a_database_it_cannot_use_the_kept_file_is_written_on(
    bank: QuestionBank, coachkit_home: Path
) -> None:
    """Put back in the box, typing goes on in that file: the answer is not kept twice."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "coachkit.db").write_bytes(os.urandom(5000))
    path = _kept(coachkit_home, f"{QUESTION}-20261130-101500.txt")
    clock = ManualScheduler()
    view = PracticeView(question_id=QUESTION, runner=InlineRunner(), scheduler=clock)
    said = view.waiting_said.value
    assert "once the database is fixed and it is scored and saved" in said
    view.restore_waiting.click()
    view.answer.value = ANSWER + " Since then I rehearse every migration."
    clock.advance(1)
    assert list((coachkit_home / "unscored").iterdir()) == [path]
    assert path.read_text(encoding="utf-8").endswith("I rehearse every migration.")
