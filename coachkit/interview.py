"""A mock interview as plain data: which questions, what was answered, how long it took."""

from __future__ import annotations

import itertools
import json
import os
import random
import socket
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from statistics import mean
from typing import cast

from .bank import QuestionBank
from .models import (
    CATEGORIES,
    DIMENSIONS,
    Attempt,
    Category,
    Dimension,
    Question,
    dimension_means,
    weakest,
)
from .rubric import held_down

__all__ = [
    "DELETED",
    "LEGACY_SESSION_KEY",
    "MIXED",
    "SESSION_PREFIX",
    "STALE_DAYS",
    "MockReport",
    "MockRow",
    "MockSession",
    "asked",
    "build_report",
    "pick_questions",
    "session_key",
    "without_answers",
    "without_deleted",
    "without_deleted_answers",
]

MIXED = "mixed"
LEGACY_SESSION_KEY = "ui:mock:session"
"""The one key every interview shared before each had its own: still read, then moved."""
SESSION_PREFIX = f"{LEGACY_SESSION_KEY}:"
# Flags that say an answer is not about its question at all.
_BESIDE_THE_QUESTION = frozenset({"misses_question", "no_story", "off_topic", "non_answer"})


_OWN_ROLES = 2


def _closeness(question: Question, role: str) -> int:
    """2: the role leads the question (its first role); 1: written for the role and at
    most one neighbour, led by that one; 0: for every engineer, or for many roles. An
    engineering manager's loop opened on a product manager's estimate story, and an
    SRE's report suggested a backend migration before the SRE's own questions."""
    if role not in question.roles or len(question.roles) > _OWN_ROLES:
        return 0
    return 2 if question.roles[0] == role else 1


def pick_questions(
    bank: QuestionBank,
    count: int,
    preset: str = MIXED,
    rng: random.Random | None = None,
    last_answered: Mapping[str, str] | None = None,
) -> list[Question]:
    """``count`` questions taking categories in turn, like a real loop of interviews.

    ``preset`` is ``mixed`` (every question) or a role name (questions for that role).
    A role's loop opens with a question written for the role, and takes its turns
    between categories with the role's own questions and the rest, so even a short
    one is about the role (questions for any role come after the role's own).

    With ``last_answered`` (question id to a time that sorts, see Store.last_answered),
    questions never answered come first, the role's own among them first; then those
    answered longest ago. A second interview asks what the first did not: with two
    stories written for mobile, both were in 300 of 300 mobile interviews of five.
    """
    rng = rng or random.Random()
    pool = list(bank) if preset == MIXED else bank.filter(role=preset)
    by_category = {c: [q for q in pool if q.category == c] for c in CATEGORIES}
    last = last_answered or {}
    for questions in by_category.values():
        rng.shuffle(questions)
        # Picked from the end: the least recently answered go last (never: "").
        questions.sort(key=lambda q: last.get(q.id, ""), reverse=True)
    order = [c for c in CATEGORIES if by_category[c]]
    if preset != MIXED:
        for questions in by_category.values():
            # Stable, so the order above holds within: unanswered last, the role's own
            # last among them (those it leads last of all), then the role's own among
            # the answered.
            questions.sort(key=lambda q: (q.id not in last, _closeness(q, preset)))
        own_first = [c for c in order if any(_closeness(q, preset) for q in by_category[c])]
        rest = [c for c in order if c not in own_first]
        pairs = itertools.zip_longest(own_first, rest)
        order = [c for pair in pairs for c in pair if c is not None]
    picked: list[Question] = []
    while len(picked) < count and any(by_category[c] for c in order):
        for category in order:
            if by_category[category] and len(picked) < count:
                picked.append(by_category[category].pop())
    return picked


GONE = "no longer in the question bank"
DELETED = (
    "Deleted: you deleted this answer from your history after it was scored, so it is "
    "not scored or saved again."
)


def asked(bank: QuestionBank, question_id: str) -> Question:
    """The question as the bank has it; one taken out of the bank since the interview
    began (a questions file edited) stands in under its id, with no category, so the
    answer typed to it is still shown and kept."""
    if question_id in bank:
        return bank.get(question_id)
    # Unvalidated on purpose: the stand-in is only shown, never scored.
    return Question.model_construct(
        id=question_id,
        category=cast(Category, ""),  # none: it is not known any more
        roles=("any",),
        prompt=f"{question_id} ({GONE})",
        why_asked=GONE,
        how_to_answer=GONE,
        keypoints=(),
        tags=(),
        difficulty="medium",
    )


STALE_DAYS = 14
"""An unfinished interview neither started nor resumed for this many days was left for
good: it is put away (its answers not scored kept in unscored/), no longer offered."""


def this_kernel() -> str:
    """This process, as a session records who runs it."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class MockSession:
    """One interview in progress; saved as JSON in the drafts table so nothing is lost."""

    question_ids: list[str]
    seconds_per_question: int = 120
    preset: str = MIXED
    scorer: str = "local"
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    started_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())
    index: int = 0
    answers: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    finished: bool = False  # ended and sent for scoring: what is left only waits for a score
    kernel: str = ""  # "host:pid" of the kernel running it, so another notebook leaves it be
    # Questions whose answer a finish saved in an attempt while others were left unscored
    # (see deleted): one whose attempt is gone since was deleted, and is not scored again.
    saved: list[str] = field(default_factory=list)
    claimed_at: str = ""  # when it was last started or resumed, as started_at

    def claim(self) -> None:
        """Mark this interview as run by this kernel (on start and on resume)."""
        self.kernel = this_kernel()
        self.claimed_at = datetime.now(UTC).isoformat()

    @property
    def typed(self) -> bool:
        """Whether any answer holds words."""
        return any(str(answer).strip() for answer in self.answers.values())

    def stale(self, now: datetime | None = None) -> bool:
        """Neither started nor resumed in the last STALE_DAYS days (False when neither
        time can be read: such an interview is kept, not put away on a guess)."""
        times = []
        for stamp in (self.started_at, self.claimed_at):
            try:
                when = datetime.fromisoformat(stamp)
            except (TypeError, ValueError):
                continue
            times.append(when if when.tzinfo else when.replace(tzinfo=UTC))
        now = now or datetime.now(UTC)
        return bool(times) and now - max(times) > timedelta(days=STALE_DAYS)

    @property
    def open_elsewhere(self) -> bool:
        """Whether another kernel on this machine, still running, has it open."""
        host, _, pid = self.kernel.rpartition(":")
        if not pid.isdigit() or host != socket.gethostname() or int(pid) == os.getpid():
            return False  # not known to be open anywhere we can check
        try:
            os.kill(int(pid), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return False
        except OSError:
            return True  # it exists, run by someone else
        return True

    @property
    def current(self) -> str:
        return self.question_ids[self.index]

    @property
    def last(self) -> bool:
        return self.index >= len(self.question_ids) - 1

    def answer(self, question_id: str) -> str:
        return self.answers.get(question_id, "")

    def spend(self, question_id: str, seconds: float) -> None:
        self.seconds[question_id] = self.seconds.get(question_id, 0.0) + max(seconds, 0.0)

    def key(self, question_id: str) -> str:
        """The idempotency key of this question's attempt: finishing twice saves once."""
        return f"mock-{self.id}-{question_id}"

    def deleted(self, saved: Callable[[str], bool]) -> list[str]:
        """The questions whose saved attempt the user deleted since (from the progress
        view or `coachkit delete`), ``saved`` telling whether an attempt id is in the
        store; their answers are dropped, so that finishing does not score and save a
        deleted answer again, nor keeping the interview keep its words."""
        gone = [qid for qid in self.saved if not saved(self.key(qid))]
        for qid in gone:
            self.answers.pop(qid, None)
        return gone

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> MockSession:
        """A saved session; a field this coachkit does not know (a newer one's) is left
        out, and a place past the questions is the last one: the answers count."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a session")
        known = {f.name for f in fields(cls)}
        session = cls(**{k: v for k, v in data.items() if k in known})
        if not session.question_ids or not isinstance(session.index, int):
            raise ValueError("empty or inconsistent session")
        session.index = min(max(session.index, 0), len(session.question_ids) - 1)
        if not isinstance(session.saved, list):
            session.saved = []
        return session


def session_key(session: MockSession) -> str:
    """The draft key of one interview: two notebooks on one store keep theirs apart."""
    return f"{SESSION_PREFIX}{session.id}"


def without_answers(key: str, text: str, attempt_ids: frozenset[str]) -> str | None:
    """A kept interview (the draft ``text`` under ``key``) without the answers of these
    deleted attempts: "" when no answer is left, None when it held none of them (or is
    no interview). Resuming would otherwise score a deleted answer and save it again."""
    if key != LEGACY_SESSION_KEY and not key.startswith(SESSION_PREFIX):
        return None
    try:
        session = MockSession.from_json(text)
        gone = [qid for qid in session.answers if session.key(qid) in attempt_ids]
        for qid in gone:
            del session.answers[qid]
            if qid not in session.saved:  # resumed, the interview says it was deleted
                session.saved.append(qid)
        left = any(str(answer).strip() for answer in session.answers.values())
    except (ValueError, TypeError, AttributeError):
        return None  # not an interview this coachkit wrote: the view sets it aside
    if not gone:
        return None
    return session.to_json() if left else ""


def without_deleted_answers(key: str, text: str, saved: Callable[[str], bool]) -> str:
    """The draft ``text`` about to be written under ``key``, less the answers of a kept
    interview whose attempt was deleted since it was saved (``saved`` tells whether an
    attempt id is in the store; see MockSession.deleted). A view still showing the
    interview holds them, and its next keystroke would write them back. Any other draft
    is returned as it is."""
    if key != LEGACY_SESSION_KEY and not key.startswith(SESSION_PREFIX):
        return text
    try:
        session = MockSession.from_json(text)
        # One that never ended saved no answer: the store is not asked.
        if not session.saved or not session.deleted(saved):
            return text
    except (ValueError, TypeError, AttributeError):
        return text  # not an interview this coachkit wrote: kept as typed
    return session.to_json()


@dataclass
class MockRow:
    """One question of the report: the attempt if it was scored, else why not."""

    question: Question
    answer: str
    seconds: float
    attempt: Attempt | None = None
    problem: str | None = None
    deleted: bool = False  # its attempt was deleted since it was saved: not scored again


@dataclass
class MockReport:
    session: MockSession
    rows: list[MockRow]
    practise_next: list[Question]

    @property
    def scored(self) -> list[MockRow]:
        return [row for row in self.rows if row.attempt is not None]

    @property
    def skipped(self) -> list[MockRow]:
        """Questions left without an answer."""
        return [row for row in self.rows if not row.answer.strip() and not row.deleted]

    @property
    def deleted(self) -> list[MockRow]:
        """Questions whose answer was saved, then deleted by the user."""
        return [row for row in self.rows if row.deleted]

    @property
    def strongest(self) -> MockRow | None:
        """The highest answer of those whose overall nothing held down (see
        rubric.held_down): an answer capped off topic at 15/100, or to another question at
        45, is no one's best. None with fewer than two answers, when every answer ranks
        alike, or when the best of those is also the lowest (not named both)."""
        scored = self.scored
        lowest = self.weakest
        if lowest is None:
            return None
        clean = [r for r in scored if r.attempt is not None and not held_down(r.attempt.card)]
        best = max(clean, key=_rank, default=None)
        return best if best is not None and _rank(best) > _rank(lowest) else None

    @property
    def weakest(self) -> MockRow | None:
        """The lowest answer; None with fewer than two, or when every answer ranks alike
        (one answer must not be named both strongest and weakest)."""
        scored = self.scored
        if len(scored) < 2 or self.alike:
            return None
        return min(scored, key=_rank)

    @property
    def alike(self) -> bool:
        """Every scored answer has the same overall and the same dimension scores."""
        return len({_rank(row) for row in self.scored}) == 1

    def dimension_means(self) -> dict[Dimension, float]:
        """Each dimension's mean over the answers that answer their question (see told);
        empty when none does. One beside its question is low on every band for that
        reason alone: counted, it pulled every mean down with it."""
        return dimension_means([a.card for a in self.told])

    @property
    def missed(self) -> list[int]:
        """The scored answers beside their question (not in told), by their number in
        the report (1 for the first question): what the means leave out."""
        told = {a.id for a in self.told}
        return [
            number
            for number, row in enumerate(self.rows, start=1)
            if row.attempt is not None and row.attempt.id not in told
        ]

    @property
    def weakest_dimension(self) -> Dimension | None:
        """The dimension to work on: lowest on average over the answers that answer
        their question. One that does not (a story for a design question) is low on
        every dimension for that reason alone, and its question is offered again."""
        # None when no answer does: their bands say how a story to another question was
        # told, not what this one asks; what held them down is the advice then.
        return weakest([a.card for a in self.told])

    @property
    def told(self) -> list[Attempt]:
        """The scored answers that answer their question (none flagged as beside it)."""
        return [
            r.attempt
            for r in self.scored
            if r.attempt is not None and _BESIDE_THE_QUESTION.isdisjoint(r.attempt.card.flags)
        ]

    def weakest_at(self, dimension: Dimension) -> MockRow | None:
        """The answer scored lowest on ``dimension`` of those that answer their question
        (None if none does): the one whose reading describes the dimension to work on."""
        told = {a.id for a in self.told}
        rows = [r for r in self.scored if r.attempt is not None and r.attempt.id in told]
        if not rows:
            return None
        return min(rows, key=lambda r: r.attempt.card.score(dimension) if r.attempt else 0)

    @property
    def overall(self) -> float | None:
        scored = [r.attempt.overall for r in self.scored if r.attempt is not None]
        return mean(scored) if scored else None


def without_deleted(report: MockReport, saved: Callable[[str], bool]) -> MockReport:
    """``report`` with each answer whose attempt was deleted since (``saved`` telling
    whether an attempt id is in the store) said deleted, its words and score left out:
    a report saved after a delete would keep what the user deleted."""
    rows = [
        replace(row, answer="", attempt=None, problem=DELETED, deleted=True)
        if row.attempt is not None and not saved(row.attempt.id)
        else row
        for row in report.rows
    ]
    return replace(report, rows=rows)


def _rank(row: MockRow) -> tuple[int, int]:
    """Overall first; equal overalls are told apart by the dimension scores."""
    card = row.attempt.card if row.attempt else None
    if card is None:
        return (0, 0)
    return (card.overall, sum(card.score(d) for d in DIMENSIONS))


def build_report(
    session: MockSession,
    bank: QuestionBank,
    outcomes: dict[str, Attempt | str],
    history: Sequence[Attempt] = (),
    deleted: Collection[str] = (),
) -> MockReport:
    """Put the session and its scoring outcomes (attempt, or a message) together;
    ``deleted``: the questions whose saved answer the user deleted (see MockSession).

    What to practise next: the weakest answer's question again, then questions
    not yet tried from the weakest answer's category.
    """
    rows = []
    for qid in session.question_ids:
        if qid in deleted:
            rows.append(
                MockRow(asked(bank, qid), "", session.seconds.get(qid, 0.0), None, DELETED, True)
            )
            continue
        outcome = outcomes.get(qid, "Skipped: no answer was given.")
        rows.append(
            MockRow(
                question=asked(bank, qid),
                answer=session.answer(qid),
                seconds=session.seconds.get(qid, 0.0),
                attempt=outcome if isinstance(outcome, Attempt) else None,
                problem=outcome if isinstance(outcome, str) else None,
            )
        )
    report = MockReport(session=session, rows=rows, practise_next=[])
    # One answer is neither strongest nor weakest, but is still the one to try again.
    target = report.weakest or max(report.scored, key=_rank, default=None)
    # A question gone from the bank (see asked) has no category to pick more from.
    if target is not None and target.question.id in bank:
        tried = {a.question_id for a in history} | set(session.question_ids)
        fresh = [
            q
            for q in bank.filter(category=target.question.category)
            if q.id not in tried and (session.preset == MIXED or q.fits_role(session.preset))
        ]
        if session.preset != MIXED:
            # Stable: the role's own questions first, each group in the bank's order.
            fresh.sort(key=lambda q: -_closeness(q, session.preset))
        report.practise_next = [target.question, *fresh[:2]]
    return report
