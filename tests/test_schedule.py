"""Spaced repetition for "Next up": the schedule replayed from the attempt history."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachkit import Coach, QuestionBank
from coachkit.cli import main
from coachkit.config import PracticeSettings
from coachkit.errors import ConfigError
from coachkit.models import Attempt, Question, ScoreCard
from coachkit.schedule import Plan, Schedule, rating_for

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
STORY = (
    "In 2023 I led the billing migration at Acme, moving 40,000 customers. I owned the "
    "cut-over plan. I skipped a load test to hit the date and the launch failed for two "
    "hours. I rolled back within 20 minutes and added a load test gate to our release "
    "checklist; the next four launches had zero incidents."
)


@pytest.fixture(scope="module")
def card() -> ScoreCard:
    return Coach().submit("time-you-failed", STORY, save=False).card


@pytest.fixture(scope="module")
def questions(bank: QuestionBank) -> list[Question]:
    return [bank.get(q) for q in ("time-you-failed", "conflict-with-teammate", "why-this-role")]


def attempt(
    card: ScoreCard,
    question: Question,
    overall: int,
    when: datetime,
    *,
    flags: tuple[str, ...] = (),
) -> Attempt:
    scored = card.model_copy(
        update={"question_id": question.id, "overall": overall, "flags": list(flags)}
    )
    return Attempt(
        question_id=question.id,
        category=question.category,
        answer=STORY,
        card=scored,
        created_at=when,
    )


def ago(days: float = 0, hours: float = 0) -> datetime:
    return NOW - timedelta(days=days, hours=hours)


# -- ratings and intervals -------------------------------------------------------------
@pytest.mark.parametrize(
    ("overall", "rating"),
    [(0, 1), (49, 1), (50, 2), (69, 2), (70, 3), (84, 3), (85, 4), (100, 4)],
)
def test_the_overall_score_is_the_rating(overall: int, rating: int) -> None:
    assert rating_for(overall) == rating


def test_a_weak_answer_comes_back_tomorrow_and_a_strong_one_later(
    card: ScoreCard, questions: list[Question]
) -> None:
    weak, strong, _ = questions
    history = [attempt(card, weak, 30, ago(hours=1)), attempt(card, strong, 92, ago(hours=1))]
    reviews = Schedule(history, now=NOW).reviews
    assert reviews[weak.id].due == datetime(2026, 11, 29, tzinfo=UTC)  # tomorrow, from midnight
    assert reviews[strong.id].due >= ago(hours=1) + timedelta(days=7)
    assert reviews[weak.id].reviews == 1
    later = Schedule(history, now=NOW + timedelta(days=3)).reviews
    assert later[weak.id].retrievability < later[strong.id].retrievability < 1


def test_good_answers_space_the_next_review_further_out(
    card: ScoreCard, questions: list[Question]
) -> None:
    question = questions[0]
    history = [attempt(card, question, 75, ago(days=d)) for d in (20, 17, 10)]
    gaps = []
    for n in range(1, 4):
        review = Schedule(history[:n], now=NOW).reviews[question.id]
        gaps.append(review.due - history[n - 1].created_at)
    assert gaps == sorted(gaps) and gaps[0] < gaps[-1]


def test_only_the_days_first_attempt_counts(card: ScoreCard, questions: list[Question]) -> None:
    """Try again the same day is practice, not recall: the cold answer sets the interval."""
    question = questions[0]
    cold = [attempt(card, question, 30, ago(hours=3))]
    retried = [*cold, attempt(card, question, 95, ago(hours=2))]
    once, twice = (Schedule(h, now=NOW).reviews[question.id] for h in (cold, retried))
    assert once.due == twice.due and twice.reviews == 1
    assert twice.last_score == 95  # what the user sees is still their latest


def test_the_reason_gives_the_cold_score_that_set_the_date_and_the_latest(
    card: ScoreCard, questions: list[Question]
) -> None:
    """A cold 30 then a 95 on Try again read "latest score 95/100", though the 30 set the date."""
    question, other, _ = questions
    day = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    retried = [
        attempt(card, question, 30, day),
        attempt(card, question, 95, day + timedelta(hours=1)),
    ]
    due = Schedule(retried, now=NOW).suggest([question])
    assert due is not None and due.reason.startswith(
        "Due for review: you last practised it yesterday "
        "(cold answer 30/100, which set the date; latest 95/100)."
    )
    assert Schedule(retried, now=NOW).reviews[question.id].review_score == 30
    # Reviewing ahead says the same; with no retry, or one that scored the same, one score.
    ahead = Schedule(retried, now=day + timedelta(hours=2)).suggest([question])
    assert ahead is not None and ahead.reason.startswith(
        "Nothing here is due. Reviewing ahead: this one is due tomorrow "
        "(cold answer 30/100, which set the date; latest 95/100)."
    )
    again = [attempt(card, other, 60, ago(days=5)), attempt(card, other, 60, ago(days=5, hours=-1))]
    once = Schedule(again, now=NOW).suggest([other])
    assert once is not None and "(score 60/100)." in once.reason


def test_a_retry_just_after_midnight_is_not_a_second_review(
    card: ScoreCard, questions: list[Question]
) -> None:
    """A Good answer ten days back, 30 at 23:59, then 95 on Try again at 00:01: a second review
    on a new day, rated Easy, pushed the question out three days. Within six hours of the
    review an answer is a retry; from six hours on, a review."""
    question = questions[0]
    late = datetime(2026, 11, 27, 23, 59, tzinfo=UTC)
    weak = [
        attempt(card, question, 80, late - timedelta(days=10)),
        attempt(card, question, 30, late),
    ]
    retry = [*weak, attempt(card, question, 95, late + timedelta(minutes=2))]
    once = Schedule(weak, now=NOW).reviews[question.id]
    retried = Schedule(retry, now=NOW).reviews[question.id]
    assert (retried.reviews, retried.review_score, retried.last_score) == (2, 30, 95)
    assert retried.due == once.due == late + timedelta(hours=6)  # not at midnight, 1 min on
    # Just inside the gap it is still a retry; at six hours, a review that moves the date.
    for gap, reviews in ((timedelta(hours=6, minutes=-1), 2), (timedelta(hours=6), 3)):
        history = [*weak, attempt(card, question, 95, late + gap)]
        review = Schedule(history, now=NOW).reviews[question.id]
        assert review.reviews == reviews
        assert (review.due == once.due) is (reviews == 2)
    # At 00:06 the plan shows nothing due and Next up does not offer it again at once.
    early = Schedule(retry, now=late + timedelta(minutes=7))
    assert early.plan([question]).due_now == 0
    suggestion = early.suggest(questions)
    assert suggestion is not None and suggestion.question.id != question.id


def test_flagged_attempts_are_not_reviews(card: ScoreCard, questions: list[Question]) -> None:
    question = questions[0]
    history = [attempt(card, question, 95, ago(hours=2), flags=["injection_suspected"])]
    schedule = Schedule(history, now=NOW)
    assert schedule.reviews == {}
    suggestion = schedule.suggest([question])
    assert suggestion is not None and "not practised" in suggestion.reason


def test_naive_times_from_old_exports_are_read_as_utc(
    card: ScoreCard, questions: list[Question]
) -> None:
    question = questions[0]
    aware = attempt(card, question, 60, ago(days=3))
    naive = aware.model_copy(update={"created_at": aware.created_at.replace(tzinfo=None)})
    assert (
        Schedule([aware], now=NOW).reviews[question.id]
        == Schedule([naive], now=NOW).reviews[question.id]
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 100), st.integers(0, 60 * 24 * 40))))
def test_the_schedule_depends_on_the_history_not_its_order(
    card: ScoreCard, questions: list[Question], rows: list[tuple[int, int, int]]
) -> None:
    history = [attempt(card, questions[q], score, ago(hours=m / 60)) for q, score, m in rows]
    shuffled = history[:]
    random.Random(len(rows)).shuffle(shuffled)
    first = Schedule(history, now=NOW)
    assert first.reviews == Schedule(shuffled, now=NOW).reviews
    for review in first.reviews.values():
        assert review.due > review.last_at - timedelta(days=60)  # never before its history
        assert 0 <= review.retrievability <= 1


def test_attempts_after_now_are_ignored(card: ScoreCard, questions: list[Question]) -> None:
    question = questions[0]
    assert Schedule([attempt(card, question, 60, NOW + timedelta(hours=1))], now=NOW).reviews == {}


def test_a_review_is_due_from_the_start_of_its_day_not_the_hour_of_the_last_answer(
    card: ScoreCard, questions: list[Question]
) -> None:
    """Practised at 20:00, a weak answer was not due at 08:00 the next morning: the morning's
    plan said 0 due and Next up offered new questions before the day's reviews."""
    weak, strong, _ = questions
    evening = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    history = [attempt(card, weak, 30, evening), attempt(card, strong, 92, evening)]
    morning = Schedule(history, now=datetime(2026, 11, 28, 8, 0, tzinfo=UTC))
    # From midnight, or six hours after the answer (REVIEW_GAP), whichever is later.
    assert morning.reviews[weak.id].due == datetime(2026, 11, 28, 2, 0, tzinfo=UTC)
    assert morning.plan(questions).due_now == 1
    suggestion = morning.suggest(questions)
    assert suggestion is not None and suggestion.question.id == weak.id
    assert suggestion.reason.startswith("Due for review: you last practised it yesterday")


# -- what comes next ---------------------------------------------------------------------
def test_a_due_review_comes_before_new_questions_most_forgotten_first(
    card: ScoreCard, questions: list[Question]
) -> None:
    long_ago, recently, _new = questions
    history = [attempt(card, long_ago, 60, ago(days=30)), attempt(card, recently, 40, ago(days=3))]
    schedule = Schedule(history, now=NOW)
    suggestion = schedule.suggest(questions)
    assert suggestion is not None and suggestion.question.id == long_ago.id
    assert suggestion.reason.startswith(
        "Due for review: you last practised it 30 days ago (score 60/100)."
    )
    assert schedule.plan(questions).due_now == 2


def test_a_question_just_answered_is_not_suggested_again(
    card: ScoreCard, questions: list[Question]
) -> None:
    """All practised, nothing due: review ahead, the likeliest forgotten; not the one just done."""
    history = [
        attempt(card, questions[0], 35, ago(hours=0.1)),
        attempt(card, questions[1], 90, ago(days=1)),
        attempt(card, questions[2], 72, ago(days=1)),
    ]
    suggestion = Schedule(history, now=NOW).suggest(questions)
    assert suggestion is not None
    assert suggestion.question.id == questions[2].id  # yesterday's Good fades before the Easy
    assert suggestion.reason.startswith("Nothing here is due. Reviewing ahead: this one is due")
    # The weakest dimension is across all answers; its brief reads for this question.
    assert "Your weakest dimension so far is" in suggestion.reason
    assert "; in this question it means " in suggestion.reason


def test_new_questions_stop_at_the_daily_cap(card: ScoreCard, questions: list[Question]) -> None:
    history = [
        attempt(card, questions[1], 95, ago(days=1)),
        attempt(card, questions[0], 80, ago(hours=1)),
    ]
    capped = Schedule(history, PracticeSettings(new_per_day=1), now=NOW)
    suggestion = capped.suggest(questions)
    assert suggestion is not None and suggestion.question.id == questions[1].id
    assert "started 1 new question today, your plan's 1 a day" in suggestion.reason
    assert capped.plan(questions) == Plan(
        due_now=0, new_today=1, new_per_day=1, days_to_interview=None, not_practised=1
    )
    roomy = Schedule(history, PracticeSettings(new_per_day=2), now=NOW).suggest(questions)
    assert roomy is not None and roomy.question.id == questions[2].id


def test_once_the_days_plan_is_done_next_up_offers_a_new_question_not_todays_again(
    card: ScoreCard, questions: list[Question]
) -> None:
    """With the day's new questions started and nothing due, Next up went round the
    questions answered minutes ago, though a second answer today moves nothing."""
    history = [attempt(card, questions[0], 80, ago(hours=1))]
    done = Schedule(history, PracticeSettings(new_per_day=1), now=NOW).suggest(questions)
    assert done is not None and done.question.id != questions[0].id
    assert done.reason.startswith("Today's plan is done (1 new started, your plan's 1 a day")


def test_a_cap_of_zero_still_offers_a_first_question(questions: list[Question]) -> None:
    suggestion = Schedule([], PracticeSettings(new_per_day=0), now=NOW).suggest(questions)
    assert suggestion is not None and suggestion.reason == "You have not practised this one yet."


def test_nothing_to_suggest_from_an_empty_list() -> None:
    assert Schedule([], now=NOW).suggest([]) is None


# -- the interview date ---------------------------------------------------------------
def test_every_question_comes_back_before_the_interview(
    card: ScoreCard, questions: list[Question]
) -> None:
    question = questions[0]
    history = [attempt(card, question, 95, ago(hours=1))]
    free = Schedule(history, now=NOW).reviews[question.id].due
    interview = (NOW + timedelta(days=4)).astimezone().date()
    aimed = Schedule(history, PracticeSettings(interview_date=interview), now=NOW)
    due = aimed.reviews[question.id].due
    assert due < free
    assert interview - timedelta(days=3) <= due.astimezone().date() < interview
    assert aimed.plan(questions).days_to_interview == 4
    assert "interview in 4 days" in aimed.plan(questions).describe()


def test_a_review_brought_forward_by_the_interview_says_so(
    card: ScoreCard, questions: list[Question]
) -> None:
    """A 95 from three days ago was offered as "Due for review: you last practised it 3
    days ago (score 95/100)." with no word of why a strong answer was due so soon."""
    question = questions[0]
    history = [attempt(card, question, 95, ago(days=3))]
    assert Schedule(history, now=NOW).plan([question]).due_now == 0  # not due by itself
    interview = (NOW + timedelta(days=2)).astimezone().date()
    aimed = Schedule(history, PracticeSettings(interview_date=interview), now=NOW)
    suggestion = aimed.suggest([question])
    assert suggestion is not None and suggestion.reason.startswith(
        "Due for review before your interview in 2 days: you last practised it 3 days ago "
        "(score 95/100)."
    )


def test_the_last_reviews_are_spread_over_the_days_before_the_interview(
    card: ScoreCard, bank: QuestionBank
) -> None:
    """Not every question due on the eve of the interview: one backlog is what users dread."""
    story = [q for q in bank if q.category == "behavioral"][:9]
    history = [attempt(card, q, 95, ago(hours=1)) for q in story]
    interview = (NOW + timedelta(days=5)).astimezone().date()  # sooner than FSRS's 8 days
    reviews = Schedule(history, PracticeSettings(interview_date=interview), now=NOW).reviews
    days = Counter(r.due.astimezone().date() for r in reviews.values())
    assert set(days) == {interview - timedelta(days=n) for n in (1, 2, 3)}
    assert max(days.values()) == 3  # nine questions, three a day
    # With the interview tomorrow there is only today left: everything practised before is due.
    earlier = [attempt(card, q, 95, ago(days=3)) for q in story]
    tomorrow = (NOW + timedelta(days=1)).astimezone().date()
    close = Schedule(earlier, PracticeSettings(interview_date=tomorrow), now=NOW)
    assert {r.due.astimezone().date() for r in close.reviews.values()} == {NOW.astimezone().date()}
    assert close.plan(story).due_now == 9


def test_the_plan_says_how_many_questions_the_interview_leaves_unstarted(
    card: ScoreCard, bank: QuestionBank
) -> None:
    """57 backend questions, 10 days, 5 new a day: the plan read "0 of 5 new started today;
    interview in 10 days" and never said that 7 would not be reached by the interview."""
    pool = bank.filter(role="backend")
    interview = (NOW + timedelta(days=10)).astimezone().date()
    settings = PracticeSettings(role="backend", interview_date=interview, new_per_day=5)
    history = [attempt(card, q, 60, ago(hours=1 + i)) for i, q in enumerate(pool[:2])]
    plan = Schedule(history, settings, now=NOW).plan(pool)
    short = len(pool) - 2 - (3 + 5 * 9)  # three more today, five on each of the nine days after
    assert short > 0 and plan.not_practised == len(pool) - 2
    assert plan.describe().endswith(
        f"interview in 10 days; {len(pool) - 2} not practised yet (at 5 new a day, at least "
        f"{short} will not be started before the interview: raise the new questions a day, or "
        "narrow the questions to practise)"
    )
    # Room for all of them: the count alone. On the day itself, nothing more to plan.
    roomy = Schedule(history, settings.model_copy(update={"new_per_day": 10}), now=NOW)
    assert roomy.plan(pool).describe().endswith(f"; {len(pool) - 2} not practised yet")
    today = settings.model_copy(update={"interview_date": NOW.astimezone().date()})
    assert Schedule(history, today, now=NOW).plan(pool).describe().endswith("interview today")


def test_on_the_interview_day_next_up_warms_up_on_practised_questions_not_new_ones(
    card: ScoreCard, questions: list[Question]
) -> None:
    """On the day, with nothing due, Next up offered "You have not practised this one yet."
    Now the weakest practised answer not yet given today (by its cold score, not a better
    retry), then the rest, then round again; never new material while practised remains."""
    strong, retried, new = questions
    history = [
        attempt(card, strong, 90, ago(days=2)),
        attempt(card, retried, 72, ago(days=1)),
        attempt(card, retried, 95, ago(days=1, hours=-1)),  # Try again: the 72 set the date
    ]
    today = PracticeSettings(interview_date=NOW.astimezone().date())
    schedule = Schedule(history, today, now=NOW)
    assert schedule.plan(questions).due_now == 0
    first = schedule.suggest(questions)
    assert first is not None and first.question.id == retried.id
    assert first.reason.startswith(
        "Interview today: warm up on what you have practised, weakest cold answer first, not "
        "new questions. Not answered yet today (cold answer 72/100, which set the date; latest "
        "95/100, yesterday)."
    )
    history.append(attempt(card, retried, 90, ago(hours=1)))
    second = Schedule(history, today, now=NOW).suggest(questions)
    assert second is not None and second.question.id == strong.id
    history.append(attempt(card, strong, 90, ago(hours=0.5)))
    again = Schedule(history, today, now=NOW).suggest(questions)
    assert again is not None and again.question.id == retried.id  # answered longest ago today
    assert again.reason.startswith(
        "Interview today: you have warmed up on every question here you practised; round "
        "again, from the one answered longest ago. Its score 90/100."
    )
    # Only unpractised questions shown: one of them, saying how to reach the practised ones.
    only_new = Schedule(history, today, now=NOW).suggest([new])
    assert only_new is not None and only_new.reason.startswith(
        "Interview today: none of these is practised yet, so here is a new one. To warm up on "
        "what you have practised, widen the filters."
    )
    first_ever = Schedule([], today, now=NOW).suggest([new])
    assert first_ever is not None
    assert (
        first_ever.reason
        == "Interview today: none of these is practised yet, so here is a new one."
    )
    # The day before, once its reviews are done, new questions are still offered: the
    # interview day's warm-up goes over them.
    eve = today.model_copy(update={"interview_date": NOW.astimezone().date() + timedelta(days=1)})
    assert (eve_pick := Schedule(history, eve, now=NOW).suggest(questions)) is not None
    assert eve_pick.question.id == new.id


def test_an_interview_today_or_past_changes_no_interval(
    card: ScoreCard, questions: list[Question]
) -> None:
    question = questions[0]
    history = [attempt(card, question, 95, ago(hours=1))]
    free = Schedule(history, now=NOW).reviews[question.id].due
    today = NOW.astimezone().date()
    for interview, days in ((today, 0), (today - timedelta(days=3), None)):
        schedule = Schedule(history, PracticeSettings(interview_date=interview), now=NOW)
        assert schedule.reviews[question.id].due == free
        assert schedule.plan(questions).days_to_interview == days
    assert "interview today" in Plan(0, 0, 5, 0).describe()
    assert Plan(2, 6, 5, None).describe() == (
        "2 due for review; 6 new started today (5 a day planned)"
    )


# -- config, CLI, and a lean import ------------------------------------------------------
def test_the_practice_section_is_read_from_the_config_file(coachkit_home: object) -> None:
    from pathlib import Path

    home = Path(str(coachkit_home))
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text("practice:\n  new_per_day: 2\n  interview_date: 2026-12-15\n")
    assert Coach().config.practice == PracticeSettings(
        new_per_day=2, interview_date=date(2026, 12, 15)
    )
    (home / "config.yaml").write_text("practice:\n  new_per_day: 2\n  interview_date: soon\n")
    with pytest.raises(ConfigError, match=r"config.yaml:3: practice.interview_date: "):
        Coach().config  # noqa: B018


def test_coachkit_next_prints_the_suggestion_and_todays_load(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["next", "--category", "behavioral"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Next up: ")
    assert "You have not practised this one yet." in text
    assert "Today: 0 due for review; 0 of 5 new started today." in text

    Coach().submit("time-you-failed", STORY)
    assert main(["next", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["question_id"] not in (None, "time-you-failed")
    assert (data["due_now"], data["new_today"], data["new_per_day"]) == (0, 1, 5)

    assert main(["next", "--category", "technical", "--tag", "failure"]) == 0
    assert capsys.readouterr().out == "No questions match those filters.\n"


def test_with_a_role_chosen_its_own_new_questions_come_before_those_for_every_role(
    bank: QuestionBank,
) -> None:
    """An engineering manager's own stories came after all thirteen asked of every role."""
    role = "engineering-manager"
    pool = bank.filter(role=role, category="behavioral")
    assert any("any" in q.roles for q in pool) and any(role in q.roles for q in pool)
    schedule = Schedule([], PracticeSettings(role=role, new_per_day=40), now=NOW)
    offered: list[Question] = []
    attempts: list[Attempt] = []
    card = Coach().submit("time-you-failed", STORY, save=False).card
    for step in range(len(pool)):
        suggestion = Schedule(attempts, schedule.settings, now=NOW).suggest(
            [q for q in pool if q not in offered]
        )
        assert suggestion is not None
        offered.append(suggestion.question)
        attempts.append(attempt(card, suggestion.question, 80, ago(hours=step + 1)))
    own = [i for i, q in enumerate(offered) if role in q.roles]
    assert own == list(range(len(own)))  # all of the role's own first


def test_the_weakest_dimension_is_the_latest_scorer_s(
    card: ScoreCard, questions: list[Question]
) -> None:
    """As the progress view's tile says it: ten offline scores weakest on Task, then three
    by an LLM weakest on Result, is Result, not a mean of the two scales."""
    from coachkit.models import DimensionScore
    from coachkit.schedule import weakest_dimension

    def scored(scorer: str, scores: tuple[int, int, int, int], days: float) -> Attempt:
        dims = {
            d: DimensionScore(score=s, evidence=[], feedback="")
            for d, s in zip(("situation", "task", "action", "result"), scores, strict=True)
        }
        made = attempt(card, questions[0], 50, ago(days))
        return made.model_copy(
            update={"card": made.card.model_copy(update={"scorer": scorer, "dimensions": dims})}
        )

    attempts = [scored("local", (3, 0, 3, 2), 20 - i) for i in range(10)]
    attempts += [scored("gpt", (5, 5, 5, 4), 3 - i) for i in range(3)]
    assert weakest_dimension(attempts) == "result"
    assert weakest_dimension(attempts[:10]) == "task"


def test_a_second_pick_said_after_the_first_leaves_out_what_they_share(
    card: ScoreCard, questions: list[Question]
) -> None:
    """Two warm-up picks under one another repeated the interview-day opening and the
    weakest dimension: ``after`` gives only the second's own words; ``reason`` stays whole
    for ``coachkit next``, which says one pick."""
    strong, retried, new = questions
    history = [attempt(card, strong, 90, ago(days=2)), attempt(card, retried, 72, ago(days=1))]
    today = PracticeSettings(interview_date=NOW.astimezone().date())
    schedule = Schedule(history, today, now=NOW)
    first, second = (schedule.suggest(pool) for pool in (questions, [strong, new]))
    assert first is not None and second is not None
    assert second.reason.startswith(first.opening) and first.opening.startswith("Interview today")
    assert second.weakest and second.reason.endswith(second.weakest)
    assert second.after(first) == "Not answered yet today (score 90/100, 2 days ago)."
    # Of another kind (a new question), its opening stays; the weakest dimension does not.
    fresh = Schedule(history, now=NOW).suggest([new])
    assert fresh is not None and fresh.after(first) == "You have not practised this one yet."
    # After a pick of another kind: its own opening stays, the shared dimension goes.
    assert second.after(fresh) == second.reason.removesuffix(" " + second.weakest)
