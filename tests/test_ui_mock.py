"""The mock interview driven headless: setup, timed questions, report card, resume."""

from __future__ import annotations

import errno
import os
import random
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import BinaryIO

import pytest
from ui_fakes import FakeScorer, FocusLog, coach_with, download_in

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config, ModelEntry
from coachkit.errors import ScoringError, StoreError
from coachkit.interview import MIXED, MockSession, build_report, pick_questions
from coachkit.models import CATEGORIES, Attempt, Question, ScoreCard
from coachkit.rubric import flag_explanation, flag_label
from coachkit.ui import MockInterviewView
from coachkit.ui.mock import FINISH, LEGACY_SESSION_KEY, NEXT, SESSION_PREFIX, session_key
from coachkit.ui.runtime import InlineRunner, LateWords, ManualRunner, ManualScheduler

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


@pytest.mark.parametrize("seed", range(5))
def test_a_short_role_interview_opens_with_a_question_for_the_role(
    bank: QuestionBank, seed: int
) -> None:
    """With one or two questions, a role preset gave only questions for any role:
    behavioral and cultural-fit always came first."""
    for role in bank.roles():
        first, second = pick_questions(bank, 2, role, random.Random(seed))
        assert role in first.roles and "any" not in first.roles, (role, first.id)
        assert second.category != first.category and second.fits_role(role)
        assert pick_questions(bank, 1, role, random.Random(seed)) == [first]


def test_questions_not_answered_yet_come_before_those_answered(bank: QuestionBank) -> None:
    """Two stories are written for mobile: every mobile interview of five asked both.
    Answered, they give way to stories not answered yet; all answered, the one answered
    longest ago comes first."""
    own_stories = [
        q.id
        for q in bank.filter(role="mobile")
        if q.category == "behavioral" and q.roles == ("mobile",)
    ]
    assert len(own_stories) == 2
    fresh = pick_questions(bank, 5, "mobile", random.Random(4))
    assert set(own_stories) <= {q.id for q in fresh}
    last = {qid: f"2026-11-0{n}T09:00:00+00:00" for n, qid in enumerate(own_stories, 1)}
    again = pick_questions(bank, 5, "mobile", random.Random(4), last_answered=last)
    assert not set(own_stories) & {q.id for q in again}
    assert all(q.fits_role("mobile") for q in again)
    # Every question answered: the one answered longest ago first.
    every = {q.id: "2026-11-20T09:00:00+00:00" for q in bank}
    every[own_stories[0]] = "2026-11-30T09:00:00+00:00"
    every[own_stories[1]] = "2026-10-01T09:00:00+00:00"
    for seed in range(5):
        picked = pick_questions(bank, 4, "mobile", random.Random(seed), last_answered=every)
        stories = [q.id for q in picked if q.category == "behavioral"]
        assert stories == [own_stories[1]], seed


def test_a_second_interview_asks_what_the_first_did_not(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    """The same page opened again (the same seed here) asked the same three questions."""
    first = _view(coach, clock, tmp_path)
    first.count.value = 3
    first.start_button.click()
    asked = first.session.question_ids if first.session else []
    for n, _ in enumerate(asked, 1):
        first.answer.value = f"{STORY} Answer {n}."
        clock.advance(20)
        (first.finish_button if n == len(asked) else first.next_button).click()
    assert first.report is not None and len(coach.history()) == 3
    second = _view(coach, clock, tmp_path)
    second.count.value = 3
    second.start_button.click()
    assert second.session is not None
    assert not set(second.session.question_ids) & set(asked)


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
    assert view.finish_button.description == FINISH  # the one way on (test_ui_mock_way_on)
    view.answer.value = STORY
    clock.advance(20)
    view.finish_button.click()

    report = view.report
    assert report is not None and view.done.layout.display == ""
    assert len(scorer.calls) == 2 and len(coach.history()) == 2
    assert [r.attempt is not None for r in report.rows] == [True, False, True]
    html = view.report_view.value
    assert "Skipped" in html and "(over)" in html
    assert "Every answer</b> scored" in html and "What to practise next" in html  # scored alike
    assert "<script>" not in html
    assert coach.load_draft(session_key(report.session)) is None  # finished: nothing to resume
    assert coach.draft_keys(SESSION_PREFIX) == []

    view.save_button.click()
    saved = view.saved
    assert saved is not None and saved.parent == tmp_path / "reports"
    assert saved.stat().st_mode & 0o777 == 0o600  # every answer of the interview is in it
    page = saved.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<style>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    # Read or printed whole: every answer unfolded, and nothing cut to a scroll box on paper.
    assert "<details>" not in page and page.count("<details open>") == len(view.report.rows)
    assert "@media print { .ck-answer, .ck-code { max-height: none;" in page
    assert "<details open>" not in html  # the notebook keeps them folded
    # In Voila or on a remote hub the path is out of reach: the page offers the file too.
    assert str(saved) in view.status.value
    link = download_in(view.status.value)
    assert link == (saved.name, "text/html;charset=utf-8", saved.read_bytes())
    assert view.status.value.startswith('<span role="status">')


def _two_answers(view: MockInterviewView, first: str, second: str) -> MockInterviewView:
    """``view`` after a two-question interview answered with ``first`` and ``second``."""
    view.count.value = 2
    view.start_button.click()
    for answer in (first, second):
        view.answer.value = answer
        view.next_button.click()
    return view


def test_report_names_strongest_weakest_and_next_steps(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    class Graded(FakeScorer):
        def score(self, question, answer):  # type: ignore[no-untyped-def]
            self.scores = (5, 5, 5, 5) if "great" in answer else (1, 1, 1, 1)
            return super().score(question, answer)

    coach = coach_with(bank, store, Graded())
    view = _two_answers(
        _view(coach, clock, tmp_path), "a great story. It went well.", "a weak story. It went."
    )
    report = view.report
    assert report is not None
    strongest, weakest = report.strongest, report.weakest
    assert strongest is not None and weakest is not None
    assert strongest.answer.startswith("a great") and weakest.answer.startswith("a weak")
    assert report.practise_next[0] == weakest.question
    assert report.weakest_dimension == "situation"  # all tie: STAR order decides


def test_equal_overalls_are_told_apart_by_the_dimensions(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    """Two answers at 35/100 (bands 3,3,3,3 and 1,1,1,1): the same answer was named
    both strongest and weakest, and offered again over the weaker one."""

    class Even(FakeScorer):
        def score(self, question, answer):  # type: ignore[no-untyped-def]
            self.scores = (3, 3, 3, 3) if "fair" in answer else (1, 1, 1, 1)
            return super().score(question, answer).model_copy(update={"overall": 35})

    coach = coach_with(bank, store, Even())
    view = _two_answers(
        _view(coach, clock, tmp_path), "a fair story. It went well.", "a thin story. It went."
    )
    report = view.report
    assert report is not None and report.strongest is not None and report.weakest is not None
    assert report.strongest.answer.startswith("a fair")
    assert report.weakest.answer.startswith("a thin")
    assert report.practise_next[0] == report.weakest.question


def test_answers_scored_alike_are_said_to_be(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    coach = coach_with(bank, store, FakeScorer(scores=(2, 2, 2, 2)))
    view = _two_answers(
        _view(coach, clock, tmp_path), "one story. It went.", "another story. It went."
    )
    report = view.report
    assert report is not None and report.alike and report.weakest is None
    html = view.report_view.value
    assert "Every answer</b> scored 40/100" in html
    assert "Strongest answer" not in html and "Weakest answer" not in html


def test_the_weakest_answers_tip_is_on_its_lowest_dimension(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    """A weakest answer at Task 0 was given its first tip, on Situation."""

    class Tipped(FakeScorer):
        def score(self, question, answer):  # type: ignore[no-untyped-def]
            self.scores = (5, 5, 5, 5) if "great" in answer else (3, 0, 3, 3)
            tips = ["Situation: keep it short.", "Task: say what you had to do."]
            return super().score(question, answer).model_copy(update={"tips": tips})

    coach = coach_with(bank, store, Tipped())
    view = _two_answers(
        _view(coach, clock, tmp_path), "a great story. It went well.", "a thin story. It went."
    )
    assert "Tip: Task: say what you had to do." in view.report_view.value


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


def test_keyboard_focus_follows_the_interview(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    # Each step hides (or disables) the buttons just pressed, dropping focus to the page:
    # the view hands it on to what comes next.
    runner = ManualRunner()
    view = _view(coach, clock, tmp_path, runner=runner)
    log = FocusLog(
        view.answer, view.start_button, view.save_button, view.new_button, view.finish_button
    )
    view.count.value = 2
    view.start_button.click()
    assert log.last is view.answer
    view.answer.value = STORY
    log.focused.clear()
    view.next_button.click()
    assert log.focused == [view.answer]  # the next question's answer
    view.finish_button.click()
    _work, _done, failed = runner.pending.pop()
    failed(StoreError("the database is busy"))
    assert log.last is view.finish_button  # pressed again, it scores again
    view.finish_button.click()
    runner.finish()
    assert log.last is view.save_button
    view.new_button.click()
    assert log.last is view.start_button


def test_the_report_s_score_is_said_as_focus_moves_to_save_report(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    """Finish moved focus to Save report, and a screen reader said only "Save report,
    button": the status line above the report now says its headline as it appears."""
    view = _view(coach, clock, tmp_path)
    focus = FocusLog(view.save_button, view.new_button)
    view.count.value = 3
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    view.next_button.click()  # skipped
    view.answer.value = STORY
    view.next_button.click()
    report = view.report
    assert report is not None and report.overall is not None and focus.last is view.save_button
    mean = round(report.overall)
    assert view.status.value == (
        '<span class="ck-muted" role="status">Your report is below: '
        f"{mean}/100 mean of 2 answers · 1 of 3 questions skipped (not in the mean).</span>"
    )
    assert f'<span class="ck-overall">{mean}<small>/100 mean of 2 answers' in (
        view.report_view.value
    )


def test_an_interview_with_nothing_answered_focuses_new_interview(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    view = _view(coach, clock, tmp_path)
    log = FocusLog(view.save_button, view.new_button)
    view.count.value = 1
    view.start_button.click()
    view.finish_button.click()
    assert view.save_button.disabled and log.last is view.new_button


def test_a_locked_answer_hands_focus_to_the_way_on_and_takes_no_recording(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    """Resumed on a question left the bank, the answer box is locked: focus sent there
    (disabled, it takes none) dropped to the page as Resume hid."""
    session = MockSession(
        question_ids=["time-you-failed", "no-longer-here"],
        answers={"no-longer-here": "kept as it was"},
        index=1,
    )
    coach.save_draft(session_key(session), session.to_json())
    view = _view(coach, clock, tmp_path)
    log = FocusLog(view.answer, view.next_button, view.finish_button)
    view.resume_button.click()
    # The last question: its one way on is Finish, Next question hidden there.
    assert view.answer.disabled and log.focused == [view.finish_button]
    assert view.recorder.widget.disabled  # an upload there was dropped without a word


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
    coach.save_draft(LEGACY_SESSION_KEY, "{not json")
    coach.save_draft(f"{SESSION_PREFIX}abc", '{"question_ids": ["no-such-question"]}')
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
    assert not view.save_button.disabled and "Nothing to save" not in view.status.value


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


class _FailsOn(FakeScorer):
    """Fails on answers holding ``word``, as a provider might fail on one call of several."""

    def __init__(self, word: str | None) -> None:
        super().__init__()
        self.word = word

    def score(self, question, answer):  # type: ignore[no-untyped-def]
        if self.word is not None and self.word in answer:
            self.calls.append((question.id, answer))
            raise RuntimeError("provider down")
        return super().score(question, answer)


def test_unscored_answers_keep_the_session_until_a_resumed_finish_saves_them(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    path = tmp_path / "mock.db"
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn("second"))
        view = _view(coach, clock, tmp_path)
        view.count.value = 2
        view.start_button.click()
        view.answer.value = f"first: {STORY}"
        view.next_button.click()
        view.answer.value = f"second: {STORY}"
        view.next_button.click()
        report = view.report
        assert report is not None and len(report.scored) == 1 and len(coach.history()) == 1
        # The unscored answer lives only in the session: its draft must outlive the kernel.
        key = session_key(report.session)
        assert coach.load_draft(key) is not None
        status = view.status.value
        assert "1 answer was not scored; it is kept." in status
        assert "Resume the interview to score it again" in status
        view.save_button.click()
        assert "Saved" in view.status.value and "it is kept" in view.status.value
        view.new_button.click()
        assert view.resume_button.layout.display == ""
        assert "1 answer of this interview not scored yet" in view.resume_note.value
        first = coach.history()[0]
    with Store(path) as store:  # the kernel restarted; the provider is back
        scorer = _FailsOn(None)
        coach = coach_with(bank, store, scorer)
        again = _view(coach, clock, tmp_path)
        assert again.resume_button.layout.display == ""
        again.resume_button.click()
        assert again.session is not None and again.session.id == report.session.id
        again.finish_button.click()
        redone = again.report
        assert redone is not None and len(redone.scored) == 2
        assert "kept" not in again.status.value  # nothing is left unscored
        # The saved answer came back by its idempotency key: not scored or saved twice.
        assert [answer for _q, answer in scorer.calls] == [f"second: {STORY}"]
        history = coach.history()
        assert len(history) == 2 and first.id in {a.id for a in history}
        assert coach.draft_keys(LEGACY_SESSION_KEY) == []  # all saved: nothing left to resume


def test_two_interviews_on_one_store_keep_their_own_sessions(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two notebooks, so two kernels: neither view retires the other (in one kernel the
    # newer would, see test_ui_single_view).
    monkeypatch.setattr("coachkit.ui.mock.take_over", lambda *_: None)
    one, two = _view(coach, clock, tmp_path), _view(coach, clock, tmp_path)
    for view, words in ((one, "one's answer"), (two, "two's answer")):
        view.count.value = 2
        view.start_button.click()
        view.answer.value = words
    clock.advance(5)  # both debounced saves
    first, second = one.session, two.session
    assert first is not None and second is not None
    assert session_key(first) != session_key(second)

    def saved(session: MockSession) -> dict[str, str]:
        return MockSession.from_json(coach.load_draft(session_key(session)) or "").answers

    assert saved(first) == {first.current: "one's answer"}
    assert saved(second) == {second.current: "two's answer"}
    one.finish_button.click()  # End now: one is scored, and only its draft goes
    assert one.report is not None and len(one.report.scored) == 1
    assert coach.load_draft(session_key(first)) is None
    assert saved(second) == {second.current: "two's answer"}
    two.answer.value = "two's answer, longer"
    clock.advance(5)
    assert saved(second) == {second.current: "two's answer, longer"}
    # After a restart, the interview still unfinished is the one offered.
    restarted = _view(coach, clock, tmp_path)
    assert restarted.resume_button.layout.display == ""
    restarted.resume_button.click()
    assert restarted.session is not None and restarted.session.id == second.id
    assert restarted.answer.value == "two's answer, longer"


def test_the_newest_unfinished_interview_is_offered(
    bank: QuestionBank, coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    ids = [q.id for q in pick_questions(bank, 3, MIXED, random.Random(1))]
    older = MockSession(question_ids=ids, index=2, answers={ids[0]: "typed, then left"})
    newer = MockSession(question_ids=ids[:2], index=1)
    coach.save_draft(session_key(older), older.to_json())
    coach.save_draft(session_key(newer), newer.to_json())
    view = _view(coach, clock, tmp_path)
    assert "question 2 of 2" in view.resume_note.value
    view.resume_button.click()
    assert view.session is not None and view.session.id == newer.id
    assert coach.load_draft(session_key(older)) is not None  # the older one is kept


def test_an_interview_saved_under_the_old_shared_key_is_resumed_and_moved(
    bank: QuestionBank, coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    ids = [q.id for q in pick_questions(bank, 2, MIXED, random.Random(1))]
    old = MockSession(question_ids=ids, index=1, answers={ids[0]: f"before the update: {STORY}"})
    coach.save_draft(LEGACY_SESSION_KEY, old.to_json())
    view = _view(coach, clock, tmp_path)
    assert view.resume_button.layout.display == ""
    assert "question 2 of 2" in view.resume_note.value
    view.resume_button.click()
    assert view.session is not None and view.session.id == old.id
    # Moved to its own key, where no other notebook's interview can overwrite it.
    assert coach.load_draft(LEGACY_SESSION_KEY) is None
    moved = MockSession.from_json(coach.load_draft(session_key(old)) or "")
    assert moved.answers == old.answers
    view.finish_button.click()
    assert [a.answer for a in coach.history()] == [f"before the update: {STORY}"]
    assert coach.draft_keys(LEGACY_SESSION_KEY) == []


def test_a_kept_interview_is_resumed_with_the_scorer_chosen_now(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    """The report says to pick a scorer that works and resume: that must score them."""
    config = Config.model_validate(
        {
            "model_list": [
                {"model_name": "gpt", "litellm_params": {"model": "openai/x", "api_key": "k"}}
            ]
        }
    )
    down = FakeScorer("gpt", error=ScoringError("gpt is down"))
    with Store(tmp_path / "mock.db") as store:
        coach = coach_with(bank, store, FakeScorer("local"), down, config=config)
        view = _view(coach, clock, tmp_path)
        view.scorer.value = "gpt"
        view.count.value = 1
        view.start_button.click()
        view.answer.value = STORY
        view.finish_button.click()
        assert view.report is not None and not view.report.scored
        assert "not scored yet" in view.report_view.value
        assert "scored by gpt" not in view.report_view.value
        assert "pick a scorer that works" in view.status.value
        assert "resume it with a scorer that works" in view.report_view.value
        assert "practice view" not in view.report_view.value  # one way back, not two
        kept = MockSession.from_json(coach.load_draft(session_key(view.report.session)) or "")
        assert kept.kernel == ""  # left for any notebook to resume

        again = _view(coach, clock, tmp_path)  # the kernel restarted
        assert "1 answer not scored yet" in again.resume_note.value
        assert again.scorer.value == "local"  # the default: the offer changes nothing
        assert "It started with gpt; Resume scores it with the scorer chosen above (now local)" in (
            again.resume_note.value
        )
        again.resume_button.click()
        again.finish_button.click()
        redone = again.report
        assert redone is not None and len(redone.scored) == 1
        assert "scored by local" in again.report_view.value
        assert [a.card.scorer for a in coach.history()] == ["local"]


def test_the_scorer_shown_is_the_one_a_new_or_resumed_interview_uses(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    """An unfinished interview started with gpt preselected gpt: a new interview started
    beside it was scored by gpt while the config said local, and once that was mended, a
    new one started with gpt on screen was scored by local. The offer now changes nothing
    and says which scorer the interview started with."""
    config = Config.model_validate(
        {
            "model_list": [
                {"model_name": "gpt", "litellm_params": {"model": "openai/x", "api_key": "k"}}
            ]
        }
    )
    with Store(tmp_path / "mock.db") as store:
        coach = coach_with(bank, store, FakeScorer("local"), FakeScorer("gpt"), config=config)
        view = _view(coach, clock, tmp_path)
        view.scorer.value = "gpt"
        view.count.value = 1
        view.start_button.click()
        view.answer.value = STORY  # left unfinished: the kernel restarts

        again = _view(coach, clock, tmp_path)
        assert again.scorer.value == "local"
        assert "It started with gpt" in again.resume_note.value
        again.start_button.click()  # a new one, with the scorer shown
        assert again.session is not None and again.session.scorer == "local"

        third = _view(coach, clock, tmp_path)
        third.scorer.value = "gpt"  # picked: the offer says what Resume would use now
        assert "It started with local" in third.resume_note.value
        assert "(now gpt)" in third.resume_note.value
        third.start_button.click()
        assert third.session is not None and third.session.scorer == "gpt"

        fourth = _view(coach, clock, tmp_path)
        fourth.scorer.value = "gpt"
        fourth.resume_button.click()
        assert fourth.session is not None and fourth.session.scorer == "gpt"


def test_an_interview_open_in_another_running_notebook_is_not_offered_here(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    """Resumed in a second notebook, both kernels would write one session and undo each
    other's typing; once that kernel is gone, the interview is offered again."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        session = MockSession(question_ids=["time-you-failed", "production-incident"])
        session.kernel = f"{socket.gethostname()}:{other.pid}"
        session.answers["time-you-failed"] = "typed in the other notebook"
        coach.save_draft(session_key(session), session.to_json())
        here = _view(coach, clock, tmp_path)
        assert here.resume_button.layout.display == "none"
        assert "open in another notebook" in here.resume_note.value
    finally:
        other.kill()
        other.wait()
    later = _view(coach, clock, tmp_path)  # that notebook's kernel has stopped
    assert later.resume_button.layout.display == ""
    later.resume_button.click()
    assert later.session is not None and later.session.kernel.endswith(f":{os.getpid()}")


def test_in_voila_an_interview_open_elsewhere_may_be_this_page_before_a_reload(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Voila leaves a reloaded page's kernel running: "open in another notebook" sent the
    user looking for a notebook that is not there, with the interview out of reach."""
    monkeypatch.setenv("VOILA_KERNEL_ID", "0d4c1f2e")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        session = MockSession(question_ids=["time-you-failed", "production-incident"])
        session.kernel = f"{socket.gethostname()}:{other.pid}"
        session.answers["time-you-failed"] = "typed before the reload"
        coach.save_draft(session_key(session), session.to_json())
        here = _view(coach, clock, tmp_path)
    finally:
        other.kill()
        other.wait()
    note = here.resume_note.value
    assert "notebook" not in note
    assert "a page you reloaded or closed" in note and "reload this page then" in note


def test_every_unfinished_interview_can_be_picked_not_just_the_newest(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    # Left days ago, not weeks: one left for good is put away (see test_ui_mock_tidy).
    days_ago = (datetime.now(UTC) - timedelta(days=3)).replace(hour=9, minute=30)
    older = MockSession(question_ids=["time-you-failed"], started_at=days_ago.isoformat())
    older.answers["time-you-failed"] = "the older interview's answer"
    newer = MockSession(question_ids=["production-incident"])
    for session in (older, newer):  # saved in this order: the newer one is offered first
        coach.save_draft(session_key(session), session.to_json())
    view = _view(coach, clock, tmp_path)
    assert view.resume_pick.layout.display == ""
    labels = [label for label, _index in view.resume_pick.options]
    assert len(labels) == 2 and labels[1].startswith(f"{days_ago:%Y-%m-%d} 09:30")
    view.resume_pick.value = 1
    view.resume_button.click()
    assert view.session is not None and view.session.id == older.id
    assert view.answer.value == "the older interview's answer"
    assert view.resume_pick.layout.display == "none"


@pytest.mark.parametrize("flag", ["misses_question", "loose_fit"])
def test_a_capped_weakest_answer_is_told_what_capped_it(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path, flag: str
) -> None:
    """A story told for "Why are you leaving?" scored 45 with bands 5/4/5/4, and the
    report's tip was to shorten its first sentence."""

    class Missing(FakeScorer):
        def score(self, question, answer):  # type: ignore[no-untyped-def]
            card = super().score(question, answer)
            if "story" in answer:
                card = card.model_copy(update={"overall": 45, "flags": [flag]})
            return card

    coach = coach_with(bank, store, Missing(scores=(5, 4, 5, 4)))
    view = _view(coach, clock, tmp_path)
    view.count.value = 2
    view.start_button.click()
    assert view.session is not None
    first = bank.get(view.session.question_ids[0])
    view.answer.value = "a story, well told."
    view.next_button.click()
    view.answer.value = "a plain answer."
    view.next_button.click()
    html = view.report_view.value
    told = escape(flag_explanation(flag, first))
    weakest = html.split("<b>Weakest answer</b>")[1].split("</p>")[0]
    assert f"Held down ({flag_label(flag)}): what to fix first leads the advice below." in weakest
    assert told not in weakest and told in html  # in the advice, not again as the tip


def test_the_dimension_to_work_on_comes_from_answers_to_their_questions(
    bank: QuestionBank, store: Store
) -> None:
    """A story told for a design question is low on every dimension for that reason
    alone: "Work on Result: trade-offs weighed" was the advice for two sound stories."""
    from coachkit.ui.report import report_html

    failure = (
        "In 2022 I led the billing migration at Acme, a team of five. I was responsible for "
        "the cutover plan. I skipped a full load test to hit the date, and the launch failed "
        "for two hours. I rolled back and added a load test gate to our release checklist."
    )
    coach = Coach(bank=bank, store=store)
    stories = {
        "time-you-failed": failure,
        "conflict-with-teammate": (
            "Last year a teammate and I disagreed on Postgres versus DynamoDB for a new orders "
            "service. I wrote a one-page comparison against our real access patterns and asked "
            "her to poke holes in it. We ran a two-day spike together and measured both."
        ),
        "rest-vs-grpc-vs-graphql": failure,  # a story, told for a design question
    }
    outcomes: dict[str, Attempt | str] = {
        qid: coach.submit(qid, answer, save=False) for qid, answer in stories.items()
    }
    session = MockSession(question_ids=list(stories), answers=dict(stories))
    report = build_report(session, bank, outcomes)

    design = outcomes["rest-vs-grpc-vs-graphql"]
    assert isinstance(design, Attempt) and "off_topic" in design.card.flags
    assert [a.question_id for a in report.told] == ["time-you-failed", "conflict-with-teammate"]
    dimension = report.weakest_dimension
    assert dimension is not None
    target = report.weakest_at(dimension)
    assert target is not None and target.question.id != "rest-vs-grpc-vs-graphql"
    advice = report_html(report).split("What to practise next")[1].split("</ul>")[0]
    # A sentence of its own: "Work on Situation: where you are now: ..." read two colons.
    # The story told for the design question is first told it misses the question.
    assert advice.startswith("</h3><ul><li>First fix what held down answer 3 (15/100")
    assert f"Then work on <b>{dimension.title()}</b>. Here it means " in advice
    assert "trade-offs" not in advice and "requirements" not in advice  # a design's brief
    assert report.practise_next[0].id == "rest-vs-grpc-vs-graphql"  # still offered again


def test_a_resumed_interview_keeps_an_answer_already_saved_as_it_was(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    """Resumed to score what was left, it showed the question it ended on, scored and
    saved: an edit there was saved nowhere (its key found the first attempt), and the
    report put the edited words beside the first words' score."""
    path = tmp_path / "mock.db"
    with Store(path) as store:
        view = _view(coach_with(bank, store, _FailsOn("first")), clock, tmp_path)
        view.count.value = 2
        view.start_button.click()
        view.answer.value = f"first: {STORY}"
        view.next_button.click()
        view.answer.value = f"second: {STORY}"
        view.next_button.click()  # the first is not scored; the second is saved
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn(None))
        again = _view(coach, clock, tmp_path)
        again.resume_button.click()
        assert again.answer.value == f"second: {STORY}"
        assert again.answer.disabled and "already scored and saved" in again.progress.value
        again.answer.value = "edited after its score"  # as a late transcript would
        again.finish_button.click()
        report = again.report
        assert report is not None and len(report.scored) == 2
        assert [row.answer for row in report.rows] == [f"first: {STORY}", f"second: {STORY}"]
        assert "edited after its score" not in again.report_view.value
        assert sorted(a.answer for a in coach.history()) == [f"first: {STORY}", f"second: {STORY}"]


def test_an_answer_saved_before_its_question_left_the_bank_stays_scored(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    """Scored and saved at the first finish, then its question taken out of the bank: the
    resumed finish called it "Not scored" (its score is in the history) and kept the
    interview on offer for ever, to score it again."""
    path = tmp_path / "mock.db"
    with Store(path) as store:
        view = _view(coach_with(bank, store, _FailsOn("first")), clock, tmp_path)
        view.count.value = 2
        view.start_button.click()
        view.answer.value = f"first: {STORY}"
        view.next_button.click()
        view.answer.value = f"second: {STORY}"
        view.next_button.click()  # the first is not scored; the second is saved
        assert view.report is not None
        gone = view.report.rows[1].question.id
    smaller = QuestionBank([q for q in bank if q.id != gone])
    with Store(path) as store:
        coach = coach_with(smaller, store, _FailsOn(None))
        again = _view(coach, clock, tmp_path)
        again.resume_button.click()
        assert "already scored and saved" in again.progress.value and again.answer.disabled
        again.finish_button.click()
        report = again.report
        assert report is not None and again.errors.message is None
        assert [row.attempt is not None for row in report.rows] == [True, True]
        assert "Not scored" not in again.report_view.value
        assert all(q.id in smaller for q in report.practise_next)
        assert coach.draft_keys(SESSION_PREFIX) == [] and len(coach.history()) == 2


def test_no_practice_is_suggested_from_a_question_gone_from_the_bank(
    bank: QuestionBank, store: Store
) -> None:
    """Its stand-in has no category: picking more "from it" took any category's."""
    coach = Coach(bank=bank, store=store)
    answers = {"time-you-failed": STORY, "conflict-with-teammate": "I do not know."}
    outcomes: dict[str, Attempt | str] = {
        qid: coach.submit(qid, answer, save=False) for qid, answer in answers.items()
    }
    session = MockSession(question_ids=list(answers), answers=dict(answers))
    smaller = QuestionBank([q for q in bank if q.id != "conflict-with-teammate"])
    report = build_report(session, smaller, outcomes)
    assert report.weakest is not None and report.weakest.question.id not in smaller
    assert report.practise_next == []


_KERNEL = """
import random, sys
from ui_fakes import coach_with
from coachkit import QuestionBank, Store
from coachkit.ui import MockInterviewView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

clock = ManualScheduler()
store = Store(sys.argv[1])
view = MockInterviewView(
    coach_with(QuestionBank.load(), store), runner=InlineRunner(), scheduler=clock,
    rng=random.Random(3),
)
view.count.value = 2
view.start_button.click()
view.answer.value = "first answer"
clock.advance(10)
view.next_button.click()
clock.advance(50)  # reading the second question, nothing typed yet; then the kernel exits
"""


def test_time_spent_without_typing_is_kept_when_the_kernel_restarts(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    """The time used was saved with each keystroke only: a minute spent reading the
    question before a restart came back as a full countdown, and the report's time
    column left it out."""
    path = tmp_path / "mock.db"
    tests = str(Path(__file__).parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([tests, os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", _KERNEL, str(path)], check=True, env=env, timeout=60)
    with Store(path) as store:
        again = _view(coach_with(bank, store), clock, tmp_path)
        again.resume_button.click()
        assert again.session is not None and "Question 2 of 2" in again.position.value
        assert again.countdown.remaining() == again.session.seconds_per_question - 50


def test_the_time_kept_at_exit_is_written_once_and_told_to_no_one(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At exit the interview was written here and again by the drafts' exit hook: a busy
    database held the kernel's exit for its timeout twice, and its error went to a view
    no one would see again."""
    from coachkit.errors import DatabaseBusyError
    from coachkit.ui.mock import _save_running_interviews

    view = _view(coach, clock, tmp_path)
    view.count.value = 2
    view.start_button.click()
    clock.advance(40)
    tries: list[str] = []

    def busy(key: str, _text: str, **_kwargs: object) -> None:
        tries.append(key)
        raise DatabaseBusyError("The database is busy.")

    monkeypatch.setattr(coach, "save_draft", busy)
    _save_running_interviews()
    view.drafts.close()  # what the drafts' exit hook, run after it, does
    assert view.session is not None and tries == [session_key(view.session)]
    assert view.errors.message is None
    monkeypatch.undo()
    view.drafts.close()
    kept = MockSession.from_json(coach.load_draft(session_key(view.session)) or "")
    assert kept.seconds[kept.current] == 40


def test_an_interview_whose_question_left_the_bank_is_still_offered_and_loses_nothing(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    """A question taken out of the bank (a questions file edited, a slip in it) hid the
    whole interview, every answer typed in it included."""
    gone = "my answer to a question since taken out of the bank"
    session = MockSession(
        question_ids=["time-you-failed", "no-longer-here"],
        answers={"time-you-failed": STORY, "no-longer-here": gone},
        index=1,
    )
    coach.save_draft(session_key(session), session.to_json())
    view = _view(coach, clock, tmp_path)
    assert view.resume_button.layout.display == ""
    view.resume_button.click()
    assert view.errors.message is None and "Question 2 of 2" in view.position.value
    assert "no longer in the question bank" in view.prompt.value
    assert view.answer.value == gone and view.answer.disabled
    view.finish_button.click()
    report = view.report
    assert report is not None and view.errors.message is None
    assert [row.attempt is not None for row in report.rows] == [True, False]
    assert "no longer in the question bank" in (report.rows[1].problem or "")
    assert escape(gone) in view.report_view.value
    assert scorer.calls == [("time-you-failed", STORY)]
    # Kept with the interview, to be scored should the question come back.
    kept = MockSession.from_json(coach.load_draft(session_key(session)) or "")
    assert kept.answers["no-longer-here"] == gone
    assert "1 answer was not scored; it is kept." in view.status.value


@pytest.mark.parametrize(
    ("code", "reason", "fix"),
    [
        (errno.EROFS, "read-only file system", "Make {folder} writable for you."),
        (
            errno.ENOSPC,
            "no space left on device",
            "Free some space on that disk (or ask for a bigger quota), then press Save "
            "report again.",
        ),
    ],
)
def test_a_report_that_cannot_be_saved_says_why_and_stays(
    coach: Coach,
    clock: ManualScheduler,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    reason: str,
    fix: str,
) -> None:
    """A read-only or full disk read "The report could not be saved in FOLDER (Read-only
    file system). It stays here: press Save report again once there is room", a fix
    for neither, unlike Save PNG's; and a report the disk refused was the user's only
    on the page, gone with the kernel. Now it says which file and what to do, as Save
    PNG does, and offers the report to download from the page meanwhile."""
    from coachkit import paths
    from coachkit.ui.report import report_path, standalone_html

    real = paths.private_file

    @contextmanager
    def refused(path: Path) -> Iterator[BinaryIO]:
        if code == errno.EROFS:  # as creating the file there fails
            raise OSError(code, os.strerror(code), str(path))
        with real(path) as handle:  # the disk fills up halfway through
            handle.write(b"<!doctype html>")
            raise OSError(code, os.strerror(code))
        yield handle  # never reached: for the type checker

    view = _view(coach, clock, tmp_path)
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    report = view.report
    assert report is not None
    shown_before, attempts = view.report_view.value, coach.history()
    folder = tmp_path / "reports"
    path = report_path(report, folder)
    monkeypatch.setattr("coachkit.paths.private_file", refused)
    view.save_button.click()
    assert view.errors.message == (
        f"The report was not saved: cannot write {path} ({reason}). "
        f"{fix.format(folder=folder)} Meanwhile the report stays on this page: download it "
        "below before any restart."
    )
    assert view.saved is None and view.done.layout.display == ""
    assert view.report is report and view.report_view.value == shown_before
    assert [row.answer for row in report.rows] == [STORY]
    assert coach.history() == attempts
    assert list(folder.iterdir()) == []  # nothing half written left behind
    link = download_in(view.status.value)
    assert link is not None and link[0] == path.name
    assert link[2] == standalone_html(report).encode("utf-8")
    monkeypatch.undo()
    view.save_button.click()
    assert view.saved == path and view.errors.message is None
    again = download_in(view.status.value)
    assert again is not None and again[2] == path.read_bytes() == link[2]


def test_a_report_refused_in_coachkit_home_says_how_to_move_it(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reports folder is in COACHKIT_HOME: moving the home is a way out too."""
    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "home"))
    view = MockInterviewView(coach, runner=InlineRunner(), scheduler=clock)
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()

    def refused(_path: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("coachkit.paths.private_file", refused)
    view.save_button.click()
    message = view.errors.message or ""
    folder = tmp_path / "home" / "reports"
    assert f"(permission denied). Make {folder} writable for you, or set COACHKIT_HOME" in (message)
    assert "download it below before any restart" in message
    assert download_in(view.status.value) is not None


def test_the_report_download_link_escapes_the_file_name(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.interview import MockReport
    from coachkit.ui.report import standalone_html

    odd = tmp_path / 'it\'s <mine> & "yours".html'

    def save(report: MockReport, _folder: Path) -> Path:
        odd.write_text(standalone_html(report), encoding="utf-8")
        return odd

    view = _view(coach, clock, tmp_path)
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    monkeypatch.setattr("coachkit.ui.mock.save_report", save)
    view.save_button.click()
    status = view.status.value
    name = "it&#x27;s &lt;mine&gt; &amp; &quot;yours&quot;.html"
    assert f'download="{name}"' in status and f">Download {name}</a>" in status
    assert "<mine>" not in status
    link = download_in(status)
    assert link is not None and link[2] == odd.read_bytes()


def test_an_answer_scored_but_not_saved_is_not_called_unscored(
    coach: Coach,
    store: Store,
    clock: ManualScheduler,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A busy database at the end: the row read "Not scored: … The answer was scored
    (60/100) but not saved." under "None of your answers could be scored"."""
    from coachkit.errors import DatabaseBusyError

    def busy(_attempt: object) -> bool:
        raise DatabaseBusyError("The database is busy.")

    view = _view(coach, clock, tmp_path)
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    monkeypatch.setattr(store, "add_attempt", busy)
    view.next_button.click()
    report = view.report
    assert report is not None and not report.scored
    problem = report.rows[0].problem or ""
    assert problem.startswith("Scored 60/100, not saved:") and "Not scored" not in problem
    assert "could be scored and saved" in view.report_view.value
    assert "it is kept" in view.status.value  # with the interview, to save on resuming


def test_a_saved_interview_with_a_field_unknown_here_or_a_stray_index_is_still_offered(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    """One written by a newer coachkit (a field added) or with its place past its last
    question was hidden, with every answer typed in it."""
    import json

    session = MockSession(
        question_ids=["time-you-failed", "production-incident"],
        answers={"time-you-failed": STORY},
    )
    data = json.loads(session.to_json())
    data.update(index=7, paused_at="2026-11-01T09:30:00+00:00")
    coach.save_draft(session_key(session), json.dumps(data))
    view = _view(coach, clock, tmp_path)
    assert view.resume_button.layout.display == ""
    view.resume_button.click()
    assert view.session is not None and "Question 2 of 2" in view.position.value
    view.finish_button.click()
    assert view.report is not None and [a.answer for a in coach.history()] == [STORY]


def _kept_with_one_saved(bank: QuestionBank, path: Path, clock: ManualScheduler, tmp: Path) -> str:
    """An interview whose first answer could not be scored (kept) and whose second was
    scored and saved; returns the saved attempt's id."""
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn("first"))
        view = _view(coach, clock, tmp)
        view.count.value = 2
        view.start_button.click()
        view.answer.value = f"first: {STORY}"
        view.next_button.click()
        view.answer.value = f"second: {STORY}"
        view.next_button.click()
        (saved,) = coach.history()
        return saved.id


def _says_deleted(view: MockInterviewView) -> None:
    report = view.report
    assert report is not None and [r.deleted for r in report.rows] == [False, True]
    html = view.report_view.value
    assert "1 deleted by you (not in the mean)" in html and "skipped" not in html
    assert "Deleted: you deleted this answer from your history after it was scored" in html
    assert f"second: {STORY}" not in html  # the deleted words are not shown again


def test_an_answer_deleted_while_its_interview_is_open_stays_deleted(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    """Resumed to score what was left, the interview still held the saved answer: deleted
    from the progress view meanwhile, it was scored by its key and saved again at End now."""
    path = tmp_path / "mock.db"
    deleted = _kept_with_one_saved(bank, path, clock, tmp_path)
    with Store(path) as store:
        scorer = _FailsOn(None)
        coach = coach_with(bank, store, scorer)
        view = _view(coach, clock, tmp_path)
        view.resume_button.click()
        assert view.session is not None and "already scored and saved" in view.progress.value
        coach.delete_attempts([deleted])  # the progress view's Delete, in another notebook
        view.finish_button.click()
        assert [answer for _q, answer in scorer.calls] == [f"first: {STORY}"]
        assert store.get_attempt(deleted) is None
        assert [a.answer for a in coach.history()] == [f"first: {STORY}"]
        _says_deleted(view)
        assert coach.draft_keys(SESSION_PREFIX) == []  # nothing left to resume


def test_an_answer_deleted_before_its_interview_is_resumed_is_said_deleted_not_skipped(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    path = tmp_path / "mock.db"
    deleted = _kept_with_one_saved(bank, path, clock, tmp_path)
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn("first"))
        coach.delete_attempts([deleted])  # `coachkit delete`
        view = _view(coach, clock, tmp_path)
        view.resume_button.click()
        # It resumes on the question it ended on, the deleted one: locked, and said so.
        assert view.answer.disabled and view.answer.value == ""
        assert "You deleted this answer from your history" in view.progress.value
        view.finish_button.click()  # the first fails again: the interview is kept
        assert store.get_attempt(deleted) is None and coach.history() == []
        assert "1 answer was not scored; it is kept." in view.status.value
        (key,) = coach.draft_keys(SESSION_PREFIX)
        assert f"second: {STORY}" not in (coach.load_draft(key) or "")
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn(None))
        view = _view(coach, clock, tmp_path)
        view.resume_button.click()
        view.finish_button.click()
        assert [a.answer for a in coach.history()] == [f"first: {STORY}"]
        _says_deleted(view)


def test_an_interview_kept_before_it_said_what_it_saved_keeps_a_deleted_answer_deleted(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    """Kept by a coachkit whose sessions did not list their saved answers: resuming
    finds them in the history."""
    import json

    scorer = _FailsOn(None)
    coach = coach_with(bank, store, scorer)
    session = MockSession(["time-you-failed", "production-incident"], index=1, finished=True)
    session.answers = {"time-you-failed": f"first: {STORY}", "production-incident": STORY}
    saved = coach.submit("production-incident", STORY, key=session.key("production-incident"))
    data = json.loads(session.to_json())
    data.pop("saved", None)
    coach.save_draft(session_key(session), json.dumps(data))
    view = _view(coach, clock, tmp_path)
    view.resume_button.click()
    coach.delete_attempts([saved.id])
    view.finish_button.click()
    assert store.get_attempt(saved.id) is None
    assert [answer for _q, answer in scorer.calls] == [STORY, f"first: {STORY}"]
    assert view.report is not None and [r.deleted for r in view.report.rows] == [False, True]


def test_a_report_saved_after_one_of_its_answers_was_deleted_leaves_it_out(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    """The report on screen still held a deleted answer and its score, and Save report
    wrote them to a file."""
    view = _view(coach, clock, tmp_path)
    view.count.value = 2
    view.start_button.click()
    view.answer.value = f"first: {STORY}"
    view.next_button.click()
    view.answer.value = f"second: {STORY}"
    view.next_button.click()
    assert view.report is not None
    second = view.report.rows[1].attempt
    assert second is not None
    coach.delete_attempts([second.id])
    view.save_button.click()
    assert view.saved is not None
    page = view.saved.read_text(encoding="utf-8")
    assert f"second: {STORY}" not in page and "1 deleted by you" in page
    _says_deleted(view)


def test_typing_in_an_open_interview_does_not_write_a_deleted_answer_back(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    """Deleted while the resumed interview was open, the answer left its kept draft, but
    the view still held it and the next keystroke on another question wrote it back (till
    the next question or End now)."""
    path = tmp_path / "mock.db"
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn("unscored"))
        view = _view(coach, clock, tmp_path)
        view.count.value = 2
        view.start_button.click()
        view.answer.value = f"saved: {STORY}"
        view.next_button.click()
        view.answer.value = f"unscored: {STORY}"
        view.next_button.click()
        (saved,) = coach.history()
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn(None))
        view = _view(coach, clock, tmp_path)
        view.resume_button.click()  # on the second question, whose answer waits for a score
        assert view.session is not None and not view.answer.disabled
        key = session_key(view.session)
        coach.delete_attempts([saved.id])  # the progress view's Delete, in another notebook
        assert f"saved: {STORY}" not in (coach.load_draft(key) or "")
        view.answer.value = f"unscored: {STORY} And a last line."
        clock.advance(10)  # the draft is written
        draft = coach.load_draft(key) or ""
        assert "And a last line." in draft and f"saved: {STORY}" not in draft
        view.drafts.flush()  # as a kernel's exit does
        assert f"saved: {STORY}" not in (coach.load_draft(key) or "")


def test_a_delete_landing_between_a_drafts_check_and_its_write_stays_deleted(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft write asked whether each answer's attempt was still saved, then wrote
    in a transaction of its own: a delete from another notebook landing in between took
    the answer out of the kept draft, and the write put it back."""
    import threading

    import coachkit.coach

    path = tmp_path / "mock.db"
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn("unscored"))
        view = _view(coach, clock, tmp_path)
        view.count.value = 2
        view.start_button.click()
        view.answer.value = f"saved: {STORY}"
        view.next_button.click()
        view.answer.value = f"unscored: {STORY}"
        view.next_button.click()
        (saved,) = coach.history()
    checked = coachkit.coach.without_deleted_answers
    deleting: list[threading.Thread] = []

    def delete_elsewhere() -> None:  # the progress view's Delete, in another notebook
        with Store(path) as other:
            coach_with(bank, other).delete_attempts([saved.id])

    def check_then_delete(key: str, text: str, in_store: Callable[[str], bool]) -> str:
        kept = checked(key, text, in_store)
        if not deleting and key.startswith(SESSION_PREFIX) and f"saved: {STORY}" in kept:
            deleting.append(threading.Thread(target=delete_elsewhere))
            deleting[0].start()
            # Done at once unless the write holds the database from check to write.
            deleting[0].join(timeout=1.0)
        return kept

    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn(None))
        view = _view(coach, clock, tmp_path)
        view.resume_button.click()  # on the second question, whose answer waits for a score
        assert view.session is not None and not view.answer.disabled
        key = session_key(view.session)
        monkeypatch.setattr(coachkit.coach, "without_deleted_answers", check_then_delete)
        view.answer.value = f"unscored: {STORY} And a last line."
        clock.advance(10)  # the draft is written, the delete landing in the middle
        assert deleting
        deleting[0].join()
        assert store.get_attempt(saved.id) is None
        draft = coach.load_draft(key) or ""
        assert "And a last line." in draft and f"saved: {STORY}" not in draft


def test_a_delete_between_reading_and_claiming_an_interview_says_so_not_another_notebook(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim failed, rightly (the interview changed), but said it was resumed in
    another notebook meanwhile, which no notebook had done."""
    path = tmp_path / "mock.db"
    deleted = _kept_with_one_saved(bank, path, clock, tmp_path)
    with Store(path) as store:
        coach = coach_with(bank, store, _FailsOn(None))
        view = _view(coach, clock, tmp_path)
        real = coach.swap_draft

        def deleted_first(key: str, old: str, new: str) -> bool:
            # The progress view's Delete lands after the view read the interview.
            coach.delete_attempts([deleted])
            return real(key, old, new)

        monkeypatch.setattr(coach, "swap_draft", deleted_first)
        view.resume_button.click()
        message = view.errors.message or ""
        assert view.session is None and "another notebook" not in message
        assert "changed as it was being resumed" in message
        assert "an answer in it was deleted from your history meanwhile" in message
        assert "press Resume interview again" in message
        assert view.resume_button.layout.display == ""  # offered again, as it is now

        monkeypatch.setattr(coach, "swap_draft", real)
        view.resume_button.click()
        assert view.session is not None and view.errors.message is None
        assert f"second: {STORY}" not in view.session.answers.values()
        view.finish_button.click()
        assert [a.answer for a in coach.history()] == [f"first: {STORY}"]


def test_words_typed_for_a_question_that_come_in_after_next_stay_with_it(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    """On a slow kernel the browser sends the last keystrokes after the Next click: they
    came in as the next question's answer (shown in its box), and the first question was
    scored on its first words only."""
    view = _view(coach, clock, tmp_path)
    view.count.value = 3
    view.start_button.click()
    session = view.session
    assert session is not None
    first, second, _ = session.question_ids
    view.answer.value = "In 2023 I led the billing migration at Acme. I owned"
    view.next_button.click()
    view.answer.value = STORY  # the rest of the first answer, late
    assert session.answers[first] == STORY
    assert session.answer(second) == "" and view.answer.value == ""
    assert "question 1" in view.progress.value
    clock.advance(5)  # the draft keeps it too: a restart now resumes it
    draft = coach.load_draft(session_key(session))
    assert draft is not None and MockSession.from_json(draft).answers[first] == STORY
    view.answer.value = "A different answer for question two."  # typed for it: its own
    assert session.answer(second) == "A different answer for question two."
    assert session.answers[first] == STORY
    view.next_button.click()
    view.next_button.click()
    report = view.report
    assert report is not None
    assert [r.answer for r in report.rows[:2]] == [STORY, "A different answer for question two."]
    assert scorer.calls and scorer.calls[0][1] == STORY


def test_an_answer_to_the_next_question_is_its_own_even_beginning_with_a_letter_of_the_last(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    view = _view(coach, clock, tmp_path)
    view.count.value = 2
    view.start_button.click()
    session = view.session
    assert session is not None
    view.answer.value = "In 2023 I led the billing migration."
    view.next_button.click()
    view.answer.value = "I"  # the first keystroke of the next answer
    assert session.answer(session.question_ids[1]) == "I"
    assert session.answers[session.question_ids[0]] == "In 2023 I led the billing migration."


def test_the_report_says_which_answers_a_fallback_scored_and_why(bank: QuestionBank) -> None:
    """With the LLM chosen timing out on one answer, the report said only "scored by gpt
    and local": not which answers the offline scorer graded (their mean mixes two
    scorers' grades), nor why it stood in."""
    from ui_fakes import card_for

    from coachkit.ui.report import report_html, standalone_html

    first, second = pick_questions(bank, 2, MIXED, random.Random(2))
    session = MockSession(
        question_ids=[first.id, second.id],
        answers={first.id: STORY, second.id: STORY},
        scorer="gpt",
    )
    why = "gpt could not score: it did not answer within 5 s. Scored by local instead."
    stood_in = card_for(second, STORY, scorer="local").model_copy(update={"notes": [why]})
    outcomes: dict[str, Attempt | str] = {
        first.id: Attempt(
            question_id=first.id,
            category=first.category,
            answer=STORY,
            card=card_for(first, STORY, scorer="gpt"),
        ),
        second.id: Attempt(
            question_id=second.id, category=second.category, answer=STORY, card=stood_in
        ),
    }
    report = build_report(session, bank, outcomes)
    html = report_html(report)
    assert "scored by gpt and local (gpt could not score 1 answer: the table says which)" in html
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = table.split("</tr>")
    assert "could not score it" not in rows[0]
    assert "scored by local: gpt could not score it" in rows[1]
    assert escape(why) in html.split("Each answer")[1]
    assert escape(why) in standalone_html(report)


def test_words_typed_just_before_finish_that_come_in_after_it_are_scored(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    """The same on the last question: Finish scored the answer as the kernel had it,
    without the words the browser sent after the click, and the report showed it so.
    They are scored as soon as they have come: the clock never reaches the grace's end."""
    view = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
        finish_grace=10.0,
    )
    view.count.value = 1
    view.start_button.click()
    view.answer.value = "In 2023 I led the billing migration at Acme. I owned"
    view.next_button.click()  # Finish
    assert view.report is None and scorer.calls == []  # waiting for what is on its way
    view.answer.value = STORY  # the last words, late
    clock.advance(LateWords.QUIET)  # nothing more came: no full wait for the grace
    assert view.report is not None
    assert view.report.rows[0].answer == STORY
    assert scorer.calls == [(view.report.rows[0].question.id, STORY)]
    assert [a.answer for a in coach.history()] == [STORY]


def test_a_report_with_nothing_answered_does_not_promise_a_score(bank: QuestionBank) -> None:
    """Every question skipped, the report's line said "not scored yet", as if scores were
    to come; answers whose scoring failed are the ones still to be scored."""
    from coachkit.ui.report import report_html

    ids = [q.id for q in pick_questions(bank, 2, MIXED, random.Random(2))]
    skipped = report_html(build_report(MockSession(question_ids=ids), bank, {}))
    assert "nothing scored" in skipped and "not scored yet" not in skipped
    failed = build_report(
        MockSession(question_ids=ids, answers={ids[0]: STORY}), bank, {ids[0]: "Not scored: x"}
    )
    assert "not scored yet" in report_html(failed)


def test_finish_waits_for_late_words_no_longer_than_its_grace(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    view = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
        finish_grace=0.5,
    )
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()  # Finish
    clock.advance(0.4)
    assert view.report is None and scorer.calls == []
    clock.advance(0.1)  # none came: the answer as it is
    assert view.report is not None and view.report.rows[0].answer == STORY


def test_an_answer_begun_after_a_pause_is_its_question_s_own_even_beginning_as_the_last(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    """Nothing typed lately is on its way: the next answer's first words ("In…", after
    "I") were taken as the last ones of the question before, and its box emptied."""
    view = _view(coach, clock, tmp_path)
    view.count.value = 2
    view.start_button.click()
    session = view.session
    assert session is not None
    first, second = session.question_ids
    view.answer.value = "I"
    clock.advance(3)
    view.next_button.click()
    view.answer.value = "In 2023 I led"
    assert session.answer(second) == "In 2023 I led" and view.answer.value == "In 2023 I led"
    assert session.answers[first] == "I"


def _counted(view: MockInterviewView) -> str:
    """The word count under the answer box, as text."""
    return view.word_count.value.removeprefix('<span class="ck-muted">').removesuffix("</span>")


def test_the_answer_box_counts_words_against_the_question_s_target(
    coach: Coach, clock: ManualScheduler, tmp_path: Path, scorer: FakeScorer
) -> None:
    """A 3,000-word paste got no word of warning until the report scored it 0/100 for
    its length; now the box counts words as Practice's does, against the range of the
    question's kind, and nothing is scored before the end."""
    from coachkit.rubric import word_target

    view = _view(coach, clock, tmp_path)
    view.count.value = 4  # every category: stories and designs have their own ranges
    view.start_button.click()
    session = view.session
    assert session is not None
    low, high = word_target(coach.bank.get(session.current))
    assert _counted(view) == f"0 words · aim for {low}-{high}"
    view.answer.value = " ".join(["word"] * 3_000)
    assert _counted(view) == (
        f"3,000 words · far over the {low}-{high} aim, about 20 minutes said aloud: cut it down"
    )
    view.answer.value = " ".join(["word"] * (high + 1))
    assert _counted(view) == f"{high + 1} words · over the {low}-{high} aim: tighten it"
    view.answer.value = "Two words"
    assert _counted(view) == f"2 words · a little short: aim for {low}-{high}"
    ranges = {(low, high)}
    for _ in range(3):
        view.next_button.click()
        low, high = word_target(coach.bank.get(session.current))
        ranges.add((low, high))
        # The box is empty again, as it was: the range still follows the question.
        assert _counted(view) == f"0 words · aim for {low}-{high}"
    assert len(ranges) > 1
    assert scorer.calls == []  # counted, never scored, until the end


def test_a_resumed_answer_shows_its_word_count(
    coach: Coach, clock: ManualScheduler, tmp_path: Path
) -> None:
    session = MockSession(
        question_ids=["time-you-failed", "conflict-with-teammate"],
        answers={"time-you-failed": STORY},
    )
    coach.save_draft(session_key(session), session.to_json())
    view = _view(coach, clock, tmp_path)
    view.resume_button.click()
    assert _counted(view) == "18 words · a little short: aim for 150-300"


def test_scoring_says_when_the_fallback_stood_in_and_why_the_rest_waits(
    bank: QuestionBank, store: Store, clock: ManualScheduler, tmp_path: Path
) -> None:
    """The LLM down from the second answer on, each answer waited out its retries under
    "Scoring 3 of 4…" and nothing said the offline scorer was standing in, nor why each
    answer took so long."""
    from coachkit.llm.fallback import FallbackScorer

    class Down(FakeScorer):
        """An LLM that answers the first question asked, then not at all."""

        def score(self, question: Question, answer: str) -> ScoreCard:
            if self.calls:
                self.calls.append((question.id, answer))
                raise ScoringError("gpt could not be reached (connection refused)")
            return super().score(question, answer)

    gpt = FallbackScorer(Down("gpt"), FakeScorer("local"))
    profile = ModelEntry(model_name="gpt", litellm_params={"model": "openai/gpt-4o"})
    config = Config(model_list=[profile])
    coach = Coach(bank=bank, store=store, config=config, scorer_factory=lambda _n, _c: gpt)
    view = _view(coach, clock, tmp_path)
    view.scorer.value = "gpt"
    view.count.value = 4
    view.start_button.click()
    said: list[str] = []
    view.progress.observe(lambda change: said.append(str(change["new"])), names="value")
    for _ in range(4):
        view.answer.value = STORY
        view.next_button.click()
    scoring = [line for line in said if "Scoring " in line and " of 4" in line]
    assert [line.split("…")[0].split(">")[-1] for line in scoring] == [
        f"Scoring {n} of 4" for n in range(1, 5)
    ]
    assert "could not" not in scoring[0] + scoring[1]  # the first answer gpt scored
    assert (
        "gpt could not score 1 answer so far: local scored it instead, as the report will "
        "say. Each answer left is tried with gpt first." in scoring[2]
    )
    assert "gpt could not score 2 answers so far: local scored them instead" in scoring[3]
    assert view.report is not None and len(view.report.scored) == 4


@pytest.mark.parametrize("seed", range(8))
def test_a_role_interview_asks_the_roles_lead_questions_before_shared_ones(
    bank: QuestionBank, seed: int
) -> None:
    """An engineering manager's interview of three opened on a product manager's story
    (the estimate that came in long) and asked an SRE's SLO question, though the bank
    has manager questions of both categories no one had answered."""
    for role in ("engineering-manager", "data-ml", "sre-platform"):
        lead = {q.category for q in bank.filter(role=role) if q.roles[0] == role}
        for question in pick_questions(bank, 3, role, random.Random(seed)):
            if question.category in lead:
                assert question.roles[0] == role, (role, question.id)


def test_a_role_reports_next_questions_the_role_leads(bank: QuestionBank, store: Store) -> None:
    """An SRE's report said "Then try" a backend column rename and a manager's
    build-or-buy decision, before any of the SRE's own technical questions."""
    coach = Coach(bank=bank, store=store)
    answer = "I would keep secrets in Vault, never in the code, and rotate them every 30 days."
    outcomes: dict[str, Attempt | str] = {
        "secrets-management": coach.submit("secrets-management", answer, save=False)
    }
    session = MockSession(
        question_ids=["secrets-management"],
        answers={"secrets-management": answer},
        preset="sre-platform",
    )
    report = build_report(session, bank, outcomes)
    then = report.practise_next[1:]
    assert len(then) == 2
    assert all(q.roles[0] == "sre-platform" for q in then), [q.id for q in then]
