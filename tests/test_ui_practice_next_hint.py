"""The Next up hint in Practice as a candidate reads it in the run-up to an interview."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coachkit import Attempt, Coach, QuestionBank, Store
from coachkit.ui import PracticeView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

STORY = (
    "In 2023 I led the billing migration at Acme, moving 40,000 customers. I owned the "
    "cut-over plan. I skipped a load test to hit the date and the launch failed for two "
    "hours. I rolled back within 20 minutes and added a load test gate to our release "
    "checklist; the next four launches had zero incidents."
)


def _view(
    bank: QuestionBank,
    store: Store,
    home: Path,
    days_to_interview: int,
    scores: list[tuple[str, int, float]],
) -> PracticeView:
    """Practice with an interview ``days_to_interview`` away and ``(question, overall, days
    ago)`` attempts, opened on the plan's pick."""
    home.mkdir(parents=True, exist_ok=True)
    interview = datetime.now().astimezone().date() + timedelta(days=days_to_interview)
    (home / "config.yaml").write_text(
        f"scorer: local\npractice:\n  interview_date: {interview.isoformat()}\n"
        "  role: backend\n  new_per_day: 5\n",
        encoding="utf-8",
    )
    coach = Coach(bank=bank, store=store)
    card = coach.submit("time-you-failed", STORY, save=False).card
    now = datetime.now(UTC)
    for qid, overall, days in scores:
        question = bank.get(qid)
        store.add_attempt(
            Attempt(
                question_id=qid,
                category=question.category,
                answer=STORY,
                card=card.model_copy(update={"question_id": qid, "overall": overall}),
                created_at=now - timedelta(days=days),
            )
        )
    return PracticeView(coach, runner=InlineRunner(), scheduler=ManualScheduler())


def _lines(view: PracticeView) -> list[str]:
    return re.sub(r"<[^>]+>", "", view.next_hint.value.replace("<br>", "\n")).split("\n")


def test_on_the_interview_day_the_hint_says_the_warm_up_and_the_weakest_dimension_once(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    """The lines "This question" and "Then" each opened with "Interview today: warm up on what you
    have practised, not new questions." and ended with the weakest-dimension sentence: two
    long lines saying one thing twice. The second line now says only its own scores."""
    view = _view(
        bank,
        store,
        coachkit_home,
        0,
        [
            ("time-you-failed", 92, 3),
            ("conflict-with-teammate", 86, 2),
            ("conflict-with-teammate", 95, 2 - 1 / 1440),  # Try again: the 86 set the date
        ],
    )
    hint = view.next_hint.value
    assert view.state.question_id == "conflict-with-teammate"
    assert hint.count("Interview today") == 1
    assert hint.count("Your weakest dimension so far is") == 1
    this, then, reason, today = _lines(view)
    # The retry a minute after the cold answer is "yesterday" in the last minute of a day.
    assert re.match(
        r"This question is the plan's pick\. Interview today: warm up on what you have "
        r"practised, weakest cold answer first, not new questions\. Not answered yet today "
        r"\(cold answer 86/100, which set the date; latest 95/100, (2 days ago|yesterday)\)\. "
        r"Your weakest dimension so far is ",
        this,
    )
    assert then == f"Then: {bank.get('time-you-failed').prompt}"
    assert reason == "Not answered yet today (score 92/100, 3 days ago)."
    assert today == "Today: 0 due for review; 0 of 5 new started today; interview today."
    # `coachkit next` says the same reason whole: the hint shares, it does not drop facts.
    picked = view._schedule().suggest([bank.get("time-you-failed")])
    assert picked is not None and picked.reason.startswith("Interview today: warm up")
    assert "Your weakest dimension so far is" in picked.reason


def test_a_then_line_of_another_kind_keeps_its_opening_but_not_the_weakest_dimension(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    """A due review on screen, a new question next: the new one's reason is its own, the
    weakest dimension (the same for both) is said once."""
    view = _view(bank, store, coachkit_home, 3, [("time-you-failed", 30, 1.2)])
    this, then, reason, *_ = _lines(view)
    assert this.startswith("This question is the plan's pick. Due for review: you last practised")
    assert "Your weakest dimension so far is" in this
    assert then.startswith("Then: ")
    assert reason == "You have not practised this one yet."


def test_the_shortfall_is_a_sentence_of_its_own_under_the_days_counts(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    """In 3 days, 55 backend questions never practised: the plan line ran the counts and the
    shortfall with its advice into one parenthesis, four lines at 640 px with what to do
    last. The counts stay one line; the shortfall follows, naming what to change here."""
    view = _view(bank, store, coachkit_home, 3, [("time-you-failed", 30, 1.2)])
    unstarted = len(bank.filter(role="backend")) - 1
    short = unstarted - (5 + 5 * 2)
    *_, today, shortfall = _lines(view)
    assert today == (
        f"Today: 1 due for review; 0 of 5 new started today; interview in 3 days; "
        f"{unstarted} not practised yet."
    )
    assert shortfall == (
        f"At 5 new a day, at least {short} of them will not be started before the interview: "
        "raise New questions a day in Settings, or narrow the filters above."
    )
    # With room for every question, no second line.
    roomy = _view(bank, store, coachkit_home, 30, [])
    assert _lines(roomy)[-1].endswith(f"in 30 days; {unstarted} not practised yet.")


@pytest.mark.parametrize("days", [0, 3, 10])
def test_the_hint_never_repeats_a_sentence(
    bank: QuestionBank, store: Store, coachkit_home: Path, days: int
) -> None:
    view = _view(
        bank,
        store,
        coachkit_home,
        days,
        [("time-you-failed", 60, 2), ("conflict-with-teammate", 90, 4)],
    )
    sentences = [s for s in re.split(r"(?<=[.)])\s+", " ".join(_lines(view))) if s]
    assert len(sentences) == len(set(sentences)), view.next_hint.value
