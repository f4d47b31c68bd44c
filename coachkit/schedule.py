"""What to practise next: spaced repetition (FSRS) over the attempts already in the store.

Each question is a flash card whose reviews are the days it was answered. The
schedule is replayed from the attempt history every time, so there is no second
copy of the user's progress to drift out of step (an import or a deleted
attempt simply shows up in the schedule).

- A day's first attempt at a question is its review: that is the answer given
  cold, as in an interview; "Try again" the same day does not count twice, nor
  one within ``REVIEW_GAP`` of the review (a retry just after midnight).
- Flagged attempts (text addressed to the grader) are not reviews.
- The overall score is the rating: below 50 Again, 50-69 Hard, 70-84 Good,
  85 or more Easy. FSRS then spaces the next review: a day after a weak
  answer, a week or more after an excellent one. A review is due from the start
  of its (local) day, whatever the time of the answer before it, and no sooner than
  ``REVIEW_GAP`` after that answer.
- With an interview date set, every question comes back before it: its last review
  falls in the last three days before the interview, spread question by question.
- ``new_per_day`` caps how many new questions are suggested a day, so today's
  enthusiasm does not become next week's backlog of reviews.
- On the interview day, once the due reviews are done, no new material: a warm-up on
  the practised questions, weakest cold answer first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from .config import PracticeSettings
from .models import ANY_ROLE, CATEGORIES, Attempt, Dimension, Question, weakest
from .rubric import dimension_brief

if TYPE_CHECKING:
    from fsrs import Scheduler

__all__ = [
    "Plan",
    "Review",
    "Schedule",
    "Suggestion",
    "rating_for",
    "replay",
    "weakest_dimension",
]

_DIFFICULTY = ("easy", "medium", "hard")
LAST_DAYS = 3  # days before an interview over which the final reviews are spread
# An answer this soon after a question's review is a retry, even on a new day: longer than
# a sitting (Try again at 00:01 after 23:59 is the same sitting, not recall), shorter than a
# night (last night's late answer and this morning's cold one are two reviews). Elapsed time,
# so a day the clocks change is no different.
REVIEW_GAP = timedelta(hours=6)
# Overall score -> FSRS rating (1 Again, 2 Hard, 3 Good, 4 Easy): lower bounds.
RATING_FLOORS = ((85, 4), (70, 3), (50, 2))


@dataclass(frozen=True)
class Review:
    """Where one practised question stands."""

    question_id: str
    due: datetime  # UTC
    retrievability: float  # FSRS's chance you could still answer it well now, 0-1
    reviews: int  # days it was practised
    first_day: date  # local day of its first review
    last_at: datetime  # the latest attempt (UTC)
    last_score: int  # the latest attempt's overall
    review_score: int  # the latest review's overall (that day's first, cold answer): it set `due`
    for_interview: bool = False  # `due` was brought forward to come back before the interview


@dataclass(frozen=True)
class Suggestion:
    """A pick and why, in words. ``reason`` is the whole of it; ``opening`` (its start) and
    ``weakest`` (its end) are the parts a second pick said under the first may share."""

    question: Question
    reason: str
    opening: str = ""  # what every pick of this kind says today (e.g. the interview-day warm-up)
    weakest: str = ""  # the weakest-dimension sentence, with its brief for this question
    dimension: Dimension | None = None  # the weakest dimension ``weakest`` names

    def after(self, first: Suggestion) -> str:
        """This reason as said right after ``first``'s: without the opening and the weakest
        dimension ``first`` already gave (this question's brief comes when it is on screen).
        Empty when nothing is left to add."""
        text = self.reason
        if self.weakest and self.dimension == first.dimension:
            text = text.removesuffix(self.weakest).rstrip()
        if self.opening and self.opening == first.opening:
            text = text.removeprefix(self.opening).lstrip()
        return text


@dataclass(frozen=True)
class Plan:
    """Today at a glance, for the practice view and ``coachkit next``."""

    due_now: int  # practised questions due for review now (in the given list)
    new_today: int  # questions first practised today (anywhere in the bank)
    new_per_day: int
    days_to_interview: int | None  # None: no date set, or it has passed
    not_practised: int = 0  # questions in the given list never practised

    def describe(self) -> str:
        """The day's load in one line, with what the daily cap leaves unstarted."""
        short = self.unstarted()
        if not short:
            return self.summary()
        return (
            f"{self.summary()} (at {self.new_per_day} new a day, at least {short} will not be "
            "started before the interview: raise the new questions a day, or narrow the "
            "questions to practise)"
        )

    def summary(self) -> str:
        """The day's load, without the shortfall (a view with room to say it apart)."""
        planned = f"{self.new_per_day} a day planned"
        parts = [
            f"{self.due_now} due for review",
            f"{self.new_today} new started today ({planned})"
            if self.new_today > self.new_per_day
            else f"{self.new_today} of {self.new_per_day} new started today",
        ]
        if self.days_to_interview is not None:
            days = self.days_to_interview
            parts.append(
                "interview today"
                if days == 0
                else f"interview in {days} day{'s' if days != 1 else ''}"
            )
            if days and self.not_practised:
                parts.append(f"{self.not_practised} not practised yet")
        return "; ".join(parts)

    def shortfall(self, advice: str) -> str:
        """What :meth:`unstarted` counts, as a sentence of its own ending in ``advice`` (what
        to change, named as the view shows it); "" when the cap leaves none out."""
        short = self.unstarted()
        if not short:
            return ""
        return (
            f"At {self.new_per_day} new a day, at least {short} of them will not be started "
            f"before the interview: {advice}."
        )

    def unstarted(self) -> int:
        """How many of the questions not practised yet the daily cap leaves unstarted before
        the interview, at least (0: room for all, or no interview ahead): the plan cannot
        reach them, and the candidate should hear it while there is time to act."""
        days = self.days_to_interview
        if not days or not self.not_practised:
            return 0
        # Today's remaining new questions, then a full day's on each day before the interview.
        # Reviews take their turn first, so this is the fewest left out, never a promise.
        room = max(0, self.new_per_day - self.new_today) + self.new_per_day * (days - 1)
        return max(0, self.not_practised - room)


def rating_for(overall: int) -> int:
    """The FSRS rating (1-4) an attempt's overall score counts as."""
    for floor, rating in RATING_FLOORS:
        if overall >= floor:
            return rating
    return 1


def _utc(moment: datetime) -> datetime:
    # Attempts imported from older files may carry naive times: they were UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _local_day(moment: datetime) -> date:
    return _utc(moment).astimezone().date()


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def _scheduler() -> Scheduler:
    # Imported here: only the practice view and `coachkit next` need it.
    from fsrs import Scheduler

    # Day-based steps from the first review (minute-long learning steps suit flash
    # cards, not a two-minute story), and no fuzz, so the same history always gives
    # the same schedule.
    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def replay(
    attempts: Sequence[Attempt], now: datetime, *, interview: date | None = None
) -> dict[str, Review]:
    """Each practised question's review state at ``now``, from its attempt history."""
    from fsrs import Card, Rating

    history: dict[str, list[Attempt]] = {}
    # The id settles attempts saved in the same instant, so any order gives one schedule.
    for attempt in sorted(attempts, key=lambda a: (_utc(a.created_at), a.id)):
        if not attempt.card.flagged and _utc(attempt.created_at) <= now:
            history.setdefault(attempt.question_id, []).append(attempt)
    if not history:
        return {}
    scheduler = _scheduler()
    # The last reviews before an interview are spread over its last few days (up to
    # three), question by question, so the eve of the interview is not one big backlog.
    spread = max(1, min(LAST_DAYS, (interview - _local_day(now)).days)) if interview else 1
    reviews: dict[str, Review] = {}
    for number, (qid, tries) in enumerate(history.items(), start=1):
        deadline = (
            _local_midnight(interview - timedelta(days=1 + number % spread)) if interview else None
        )
        card: Card = Card(card_id=number, due=_utc(tries[0].created_at))
        days: list[date] = []
        review_score, reviewed = tries[0].overall, _utc(tries[0].created_at)
        for attempt in tries:
            day, at = _local_day(attempt.created_at), _utc(attempt.created_at)
            if days and (day == days[-1] or at - reviewed < REVIEW_GAP):
                continue  # a retry: the cold answer already counted
            days.append(day)
            reviewed, review_score = at, attempt.overall
            card, _ = scheduler.review_card(card, Rating(rating_for(attempt.overall)), at)
        # Due from the start of its local day, not the minute of the last answer plus whole
        # days: practised at 20:00, a weak answer is due at 08:00 the next morning, and
        # the morning's "due for review" counts the whole day's reviews. The interval is
        # counted in calendar days: 24 hours from 00:01 on a day clocks go back (25 hours
        # long) is 23:01 that same day, which would make it due again at once.
        last = card.last_review
        interval = round((card.due - last) / timedelta(days=1)) if last is not None else 1
        due = _local_midnight(days[-1] + timedelta(days=max(1, interval)))
        brought = False  # by the interview: said in the reason
        if deadline is not None and last is not None and last < deadline < due:
            due, brought = deadline, True  # one more go before the interview
        # Not due while an answer would still be a retry: after a weak answer at 23:59 the
        # question is due at 05:59, not at midnight, two minutes on.
        due = max(due, reviewed + REVIEW_GAP)
        reviews[qid] = Review(
            question_id=qid,
            due=due,
            retrievability=scheduler.get_card_retrievability(card, now),
            reviews=len(days),
            first_day=days[0],
            last_at=_utc(tries[-1].created_at),
            last_score=tries[-1].overall,
            review_score=review_score,
            for_interview=brought,
        )
    return reviews


def weakest_dimension(attempts: Sequence[Attempt], last: int = 10) -> Dimension | None:
    """The STAR dimension with the lowest mean over the recent unflagged attempts of the
    latest one's scorer: scorers grade differently, and a mean across them is neither's.

    The progress view's tile is the same rule (``coachkit.progress.weakest_dimension``
    over ``coachkit.progress.compared``); this one takes the list the practice view
    already holds after every score.
    """
    cards = [a.card for a in attempts if not a.card.flagged]
    if cards:
        scorer = cards[-1].scorer
        cards = [card for card in cards if card.scorer == scorer]
    return weakest(cards[-last:])


def _days_to(interview: date | None, now: datetime) -> int | None:
    if interview is None:
        return None
    days = (interview - _local_day(now)).days
    return days if days >= 0 else None


def _ago(moment: datetime, now: datetime) -> str:
    days = (_local_day(now) - _local_day(moment)).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _scores(review: Review) -> str:
    """The score that set the review's date and, after a better or worse retry, the latest."""
    if review.review_score == review.last_score:
        return f"score {review.review_score}/100"
    # A retry the same day moves nothing: "latest 95" alone hid the cold 30 behind the date.
    return (
        f"cold answer {review.review_score}/100, which set the date; latest {review.last_score}/100"
    )


def _in(moment: datetime, now: datetime) -> str:
    days = (_local_day(moment) - _local_day(now)).days
    if days <= 0:
        return "later today"
    return "tomorrow" if days == 1 else f"in {days} days"


def _interview_in(days: int) -> str:
    """When the interview is, ``days`` (1 or more) from today."""
    return "tomorrow" if days == 1 else f"in {days} days"


class Schedule:
    """The review state of every practised question at one moment, replayed once.

    Build one after the attempts change; ``plan`` and ``suggest`` then cost nothing.
    """

    def __init__(
        self,
        attempts: Sequence[Attempt],
        settings: PracticeSettings | None = None,
        now: datetime | None = None,
    ) -> None:
        self.settings = settings or PracticeSettings()
        self.now = _utc(now or datetime.now(UTC))
        self.days_to_interview = _days_to(self.settings.interview_date, self.now)
        # On the interview day itself (or after it) there is no "day before" to aim for.
        aim = self.settings.interview_date if self.days_to_interview else None
        self.reviews = replay(attempts, self.now, interview=aim)
        today = _local_day(self.now)
        self.new_today = sum(1 for r in self.reviews.values() if r.first_day == today)
        self._attempts = attempts

    def plan(self, questions: Sequence[Question]) -> Plan:
        """Today's load: reviews due among ``questions``, new questions started today,
        and those of ``questions`` never practised."""
        reviews = self.reviews
        return Plan(
            due_now=sum(1 for q in questions if q.id in reviews and reviews[q.id].due <= self.now),
            new_today=self.new_today,
            new_per_day=self.settings.new_per_day,
            days_to_interview=self.days_to_interview,
            not_practised=sum(1 for q in questions if q.id not in reviews),
        )

    def _newest(self, fresh: Sequence[Question], order: Mapping[str, int]) -> Question:
        """The new question to offer: from the category practised least, the chosen
        role's own before those asked of every role, easy before hard, then bank order."""
        by_category = Counter(a.category for a in self._attempts if not a.card.flagged)
        role = self.settings.role if self.settings.role != ANY_ROLE else None
        return min(
            fresh,
            key=lambda q: (
                by_category[q.category],
                CATEGORIES.index(q.category),
                role is not None and role not in q.roles,
                _DIFFICULTY.index(q.difficulty),
                order[q.id],
            ),
        )

    def _warm_up(
        self, practised: list[Question], fresh: list[Question], order: Mapping[str, int]
    ) -> tuple[Question, str, str]:
        """The interview day's pick once nothing is due: a question met for the first time
        today is one more thing to worry about, so the practised question with the weakest
        cold answer not yet answered today; once all were, round again, the one answered
        longest ago (never the one just done). Returns the question, the opening every
        warm-up pick shares, and what is said of this one."""
        reviews, today = self.reviews, _local_day(self.now)
        if not practised:
            elsewhere = (
                " To warm up on what you have practised, widen the filters." if reviews else ""
            )
            return (
                self._newest(fresh, order),
                "Interview today: none of these is practised yet, so here is a new one."
                + elsewhere,
                "",
            )
        waiting = [q for q in practised if _local_day(reviews[q.id].last_at) != today]
        if waiting:
            question = min(waiting, key=lambda q: (reviews[q.id].review_score, order[q.id]))
            review = reviews[question.id]
            return (
                question,
                "Interview today: warm up on what you have practised, weakest cold answer "
                "first, not new questions.",
                f"Not answered yet today ({_scores(review)}, {_ago(review.last_at, self.now)}).",
            )
        question = min(practised, key=lambda q: (reviews[q.id].last_at, order[q.id]))
        return (
            question,
            "Interview today: you have warmed up on every question here you practised; round "
            "again, from the one answered longest ago.",
            f"Its {_scores(reviews[question.id])}.",
        )

    def suggest(self, questions: Sequence[Question]) -> Suggestion | None:
        """Pick from ``questions`` (already filtered by the user), saying why in words.

        1. A review that is due, the one you are likeliest to have forgotten first.
        2. A new question, while fewer than ``new_per_day`` were started today: from
           the category practised least, the chosen role's own before those for every
           role, easy before hard, so practice stays balanced.
        3. Otherwise review ahead: the practised question likeliest forgotten (of
           equals, the one practised longest ago), or a new one if none was practised,
           or if every practised one was answered today (another answer today would
           move nothing).

        On the interview day, 2 and 3 give way to a warm-up (see ``_warm_up``).
        """
        if not questions:
            return None
        reviews, now, settings = self.reviews, self.now, self.settings
        practised = [q for q in questions if q.id in reviews]
        fresh = [q for q in questions if q.id not in reviews]
        due = [q for q in practised if reviews[q.id].due <= now]
        order = {q.id: i for i, q in enumerate(questions)}
        new_today = self.new_today
        today = _local_day(now)

        def likeliest_forgotten(
            candidates: list[Question], then: Callable[[Review], object]
        ) -> Question:
            """Lowest retrievability first; ties by ``then``, then bank order."""
            return min(
                candidates,
                key=lambda q: (reviews[q.id].retrievability, then(reviews[q.id]), order[q.id]),
            )

        # ``opening`` is what every pick of its kind says today, ``detail`` this one's own.
        detail = ""
        if due:
            question = likeliest_forgotten(due, lambda r: r.review_score)
            review = reviews[question.id]
            opening = ""  # short, and the rest is all this question's
            # A strong answer due days early reads as a mistake unless it says why.
            before = (
                f" before your interview {_interview_in(self.days_to_interview)}"
                if review.for_interview and self.days_to_interview
                else ""
            )
            detail = (
                f"Due for review{before}: you last practised it {_ago(review.last_at, now)} "
                f"({_scores(review)})."
            )
        elif self.days_to_interview == 0:
            question, opening, detail = self._warm_up(practised, fresh, order)
        elif fresh and (new_today < settings.new_per_day or not practised):
            question = self._newest(fresh, order)
            opening = "You have not practised this one yet."
        elif fresh and all(_local_day(reviews[q.id].last_at) == today for q in practised):
            # Every question here was answered today: reviewing ahead would go round them
            # again, and a second answer today moves nothing. Offer a new one instead.
            question = self._newest(fresh, order)
            opening = (
                f"Today's plan is done ({new_today} new started, your plan's "
                f"{settings.new_per_day} a day, and nothing is due); more practice today "
                "does not move the schedule. If you want more, here is one you have not "
                "practised yet."
            )
        else:
            # Reviewing ahead: the one likeliest forgotten, never the one just answered.
            question = likeliest_forgotten(practised, lambda r: r.last_at)
            review = reviews[question.id]
            opening = (
                f"You have started {new_today} new question{'s' if new_today != 1 else ''} "
                f"today, your plan's {settings.new_per_day} a day, and nothing here is due."
                if fresh
                else "Nothing here is due."
            )
            detail = f"Reviewing ahead: this one is due {_in(review.due, now)} ({_scores(review)})."
        weakest = weakest_dimension(self._attempts)
        # Across all your answers, not this question's: say so.
        # The brief is read for the question suggested, which may not be the kind the
        # weak answers were: say which question it describes.
        brief = (
            ""
            if weakest is None
            else (
                f"Your weakest dimension so far is {weakest.title()}; in this question it "
                f"means {dimension_brief(question, weakest)}."
            )
        )
        reason = " ".join(part for part in (opening, detail, brief) if part)
        return Suggestion(question, reason, opening, brief, weakest)
