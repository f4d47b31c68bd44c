"""The mock interview driven headless: setup, timed questions, report card, resume."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.models import CATEGORIES
from coachkit.ui import MockInterviewView
from coachkit.ui.interview import MIXED, MockSession, pick_questions
from coachkit.ui.mock import FINISH, NEXT, SESSION_KEY
from coachkit.ui.runtime import InlineRunner, ManualRunner, ManualScheduler

STORY = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."


@pytest.fixture
def scorer() -> FakeScorer:
    return FakeScorer()


@pytest.fixture
def coach(bank: QuestionBank, store: Store, scorer: FakeScorer) -> Coach:
    return coach_with(bank, store, scorer)


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


def _view(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, **kwargs: object
) -> MockInterviewView:
    return MockInterviewView(
        coach,
        runner=kwargs.pop("runner", InlineRunner()),  # type: ignore[arg-type]
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )


def test_pick_questions_takes_categories_in_turn(bank: QuestionBank) -> None:
    picked = pick_questions(bank, 6, MIXED, random.Random(1))
    assert [q.category for q in picked[:4]] == list(CATEGORIES)
    assert len({q.id for q in picked}) == 6
    frontend = pick_questions(bank, 5, "frontend", random.Random(1))
    assert frontend and all(q.fits_role("frontend") for q in frontend)
    assert pick_questions(bank, 3, MIXED, random.Random(9)) == pick_questions(
        bank, 3, MIXED, random.Random(9)
    )


def test_session_round_trips_as_json() -> None:
    session = MockSession(question_ids=["a", "b"], answers={"a": "x"}, index=1)
    assert MockSession.from_json(session.to_json()) == session
    with pytest.raises(ValueError):
        MockSession.from_json(MockSession(question_ids=[]).to_json())


def test_a_whole_interview_end_to_end(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    view = _view(coach, clock, tmp_path)
    assert view.errors.message is None
    view.count.value = 3
    view.minutes.value = 60
    view.start_button.click()
    session = view.session
    assert session is not None and len(session.question_ids) == 3
    assert view.asking.layout.display == "" and view.setup.layout.display == "none"
    assert "Question 1 of 3" in view.position.value
    assert "1:00 left" in view.timer_label.value
    assert view.next_button.description == NEXT

    view.answer.value = STORY + " <script>alert(1)</script>"
    clock.advance(75)  # over time: the timer says so, nothing is cut off
    assert "Time is up" in view.timer_label.value
    view.next_button.click()
    assert "Question 2 of 3" in view.position.value and view.answer.value == ""
    assert scorer.calls == []  # no scores until the end
    clock.advance(10)
    view.next_button.click()  # question 2 left empty: skipped
    assert view.next_button.description == FINISH
    view.answer.value = STORY
    clock.advance(20)
    view.next_button.click()

    report = view.report
    assert report is not None and view.done.layout.display == ""
    assert len(scorer.calls) == 2 and len(coach.history()) == 2
    assert [r.attempt is not None for r in report.rows] == [True, False, True]
    html = view.report_view.value
    assert "Skipped" in html and "(over)" in html
    assert "Strongest answer" in html and "What to practise next" in html
    assert "<script>" not in html
    assert coach.load_draft(SESSION_KEY) is None  # finished: nothing left to resume

    view.save_button.click()
    saved = view.saved
    assert saved is not None and saved.parent == tmp_path / "reports"
    page = saved.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<style>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    # Read or printed whole: every answer unfolded, and nothing cut to a scroll box on paper.
    assert "<details>" not in page and page.count("<details open>") == len(view.report.rows)
    assert "@media print { .ck-answer, .ck-code { max-height: none;" in page
    assert "<details open>" not in html  # the notebook keeps them folded


def test_report_names_strongest_weakest_and_next_steps(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    class Graded(FakeScorer):
        def score(self, question, answer):  # type: ignore[no-untyped-def]
            self.scores = (5, 5, 5, 5) if "great" in answer else (1, 1, 1, 1)
            return super().score(question, answer)

    coach = coach_with(bank, store, Graded())
    view = _view(coach, clock, tmp_path)
    view.count.value = 2
    view.start_button.click()
    view.answer.value = "a great story. It went well."
    view.next_button.click()
    view.answer.value = "a weak story. It went."
    view.next_button.click()
    report = view.report
    assert report is not None
    strongest, weakest = report.strongest, report.weakest
    assert strongest is not None and weakest is not None
    assert strongest.answer.startswith("a great") and weakest.answer.startswith("a weak")
    assert report.practise_next[0] == weakest.question
    assert report.weakest_dimension == "situation"  # all tie: STAR order decides


def test_scoring_failures_land_in_the_report(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    scorer.error = RuntimeError("provider down")
    view = _view(coach, clock, tmp_path)
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    assert view.report is not None
    assert "provider down" in (view.report.rows[0].problem or "")
    assert view.errors.message is None


def test_scoring_state_and_end_now(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    runner = ManualRunner()
    view = _view(coach, clock, tmp_path, runner=runner)
    view.count.value = 4
    view.start_button.click()
    view.answer.value = STORY
    view.finish_button.click()
    assert view.busy and view.next_button.disabled and view.answer.disabled
    view.finish_button.click()
    view.next_button.click()
    assert len(runner.pending) == 1  # no double scoring
    runner.finish()
    assert view.report is not None and len(view.report.rows) == 4
    assert len(view.report.scored) == 1 and len(scorer.calls) == 1
    view.new_button.click()
    assert view.setup.layout.display == "" and view.report is None


def test_an_unfinished_interview_can_be_resumed(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    path = tmp_path / "mock.db"
    with Store(path) as store:
        view = _view(coach_with(bank, store), clock, tmp_path)
        view.count.value = 3
        view.start_button.click()
        view.answer.value = "first answer"
        view.next_button.click()
        clock.advance(30)  # thinking, then typing
        view.answer.value = "second, half typed"
        clock.advance(5)  # the debounced save
        first = view.session
    assert first is not None
    with Store(path) as store:
        again = _view(coach_with(bank, store), clock, tmp_path)
        assert again.resume_button.layout.display == ""
        assert "question 2 of 3" in again.resume_note.value
        again.resume_button.click()
        assert again.session is not None and again.session.id == first.id
        assert "Question 2 of 3" in again.position.value
        assert again.answer.value == "second, half typed"
        # The countdown goes on from where it was, not from a full two minutes.
        assert again.countdown.remaining() == again.session.seconds_per_question - 30


def test_a_corrupt_saved_session_is_ignored(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    coach.save_draft(SESSION_KEY, "{not json")
    view = _view(coach, clock, tmp_path)
    assert view.resume_button.layout.display == "none" and view.errors.message is None


def test_the_report_explains_each_answers_flags(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    class Flagged(FakeScorer):
        def score(self, question, answer):  # type: ignore[no-untyped-def]
            card = super().score(question, answer)
            return card.model_copy(update={"flags": ["misses_question"]})

    view = _view(coach_with(bank, store, Flagged()), clock, tmp_path)
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    assert "The story does not seem to answer this question" in view.report_view.value


def test_an_interview_with_every_question_skipped_says_so(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    view = _view(coach, clock, tmp_path)
    view.count.value = 3
    view.start_button.click()
    view.next_button.click()
    view.finish_button.click()  # End now, nothing typed anywhere
    report = view.report
    assert report is not None and scorer.calls == [] and len(report.skipped) == 3
    html = view.report_view.value
    assert "Nothing was answered: all 3 questions skipped." in html
    assert "-<small>" not in html and "/100 mean" not in html  # no "-/100 mean"
    assert "<h3>Highlights</h3>" not in html  # no empty heading
    assert view.save_button.disabled and "Nothing to save" in view.status.value
    view.save_button.click()  # click() fires on a disabled button too
    assert view.saved is None and not (tmp_path / "reports").exists()
    # The next interview can be saved again.
    view.new_button.click()
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    assert not view.save_button.disabled and view.status.value == ""


def test_the_mean_says_how_many_were_skipped(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    class Graded(FakeScorer):
        def score(self, question, answer):  # type: ignore[no-untyped-def]
            self.scores = (5, 5, 5, 5) if "great" in answer else (1, 1, 1, 1)
            return super().score(question, answer)

    view = _view(coach_with(bank, store, Graded()), clock, tmp_path)
    view.count.value = 3
    view.start_button.click()
    view.answer.value = "a great story. It went well."
    view.next_button.click()
    view.next_button.click()  # skipped
    view.answer.value = "a weak story. It went."
    view.next_button.click()
    html = view.report_view.value
    assert "60<small>/100 mean of 2 answers · 1 of 3 questions skipped (not in the mean)" in html
    assert "<h3>Highlights</h3>" in html and not view.save_button.disabled


def test_answers_that_could_not_be_scored_are_not_called_skipped(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    scorer.error = RuntimeError("provider down")
    view = _view(coach, clock, tmp_path)
    view.count.value = 2
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    view.next_button.click()
    html = view.report_view.value
    assert "None of your answers could be scored" in html and "Nothing was answered" not in html
    assert not view.save_button.disabled  # the report keeps the typed answer
    view.save_button.click()
    assert view.saved is not None and "Acme" in view.saved.read_text(encoding="utf-8")
