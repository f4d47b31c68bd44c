"""Re-scoring past attempts with another profile, and how far the scores move."""

from __future__ import annotations

import statistics
import textwrap
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import paths
from ..bank import BankProblem, QuestionBank
from ..errors import UnknownQuestionError
from ..figures import rounded
from ..models import SHORT_ID, Attempt, ScoreCard, short_ids
from ..scoring.base import Scorer
from ..wording import and_list, clipped
from .batch import Interrupted, Outcome, score_batch
from .fallback import without_fallback
from .stability import PARTS, enough_budget, part_score

__all__ = ["Drift", "DriftReport", "RescoreInterrupted", "rescore", "to_rescore"]

_QUESTION_ROOM = 12
"""The fewest characters a question id is clipped to when the table fits a terminal."""


@dataclass(frozen=True)
class Drift:
    """One attempt: its saved card and the new one (or why there is none)."""

    attempt: Attempt
    after: ScoreCard | None
    error: str | None = None

    @property
    def before(self) -> ScoreCard:
        return self.attempt.card

    def delta(self, part: str) -> int | None:
        if self.after is None:
            return None
        return part_score(self.after, part) - part_score(self.before, part)


@dataclass(frozen=True)
class DriftReport:
    """Drift over many attempts: per-part mean change and mean absolute change."""

    scorer: str
    rows: list[Drift]
    unfinished: int = 0  # attempts not rescored because the run was interrupted
    # Attempts whose question is no longer in the bank: nothing to score them against.
    skipped: list[Attempt] = field(default_factory=list)
    # Why a skipped attempt's question is not in the bank, where the bank can tell: its
    # file is there but cannot be read, say (by question id).
    left_out_by: dict[str, BankProblem] = field(default_factory=dict)

    def _deltas(self, part: str) -> list[int]:
        return [d for row in self.rows if (d := row.delta(part)) is not None]

    @property
    def mean_change(self) -> dict[str, float]:
        return {p: rounded(statistics.fmean(self._deltas(p) or [0]), 2) for p in PARTS}

    @property
    def mean_abs_change(self) -> dict[str, float]:
        return {
            p: rounded(statistics.fmean([abs(d) for d in self._deltas(p)] or [0]), 2) for p in PARTS
        }

    @property
    def failed(self) -> list[Drift]:
        return [row for row in self.rows if row.after is None]

    @property
    def scored_before(self) -> Counter[str]:
        """How many of the attempts rescored each scorer had graded before."""
        return Counter(row.before.scorer for row in self.rows if row.after is not None)

    def mixed_scales(self, one_alone: str) -> str:
        """What the mean change mixes when the attempts rescored were graded by several
        scorers before (each on a scale of its own), ending in ``one_alone``: how the
        caller's medium takes one scorer's attempts (a CLI option, a menu); else ""."""
        before = self.scored_before
        if len(before) < 2:
            return ""
        names = and_list([f"{name} ({count:,})" for name, count in before.items()])
        return (
            f"Before, these were scored by {names}, which grade differently, so the mean "
            f"change mixes their scales: {one_alone}"
        )

    def table(self, columns: int | None = None) -> str:
        """Plain text: one line per attempt, then the means; fitted to a terminal
        ``columns`` wide (the question ids clipped, the notes wrapped), else as ever."""
        # Ids shortened as `history` shows them: a mock interview's share their first eight.
        shown = short_ids([row.attempt.id for row in self.rows])
        width = max((len(shown[row.attempt.id]) for row in self.rows), default=SHORT_ID)
        width = max(width, 10)
        # Each reason once, below the rows, which refer to it: thirty rows each repeating
        # a connection error ran to 180 columns, the drift lost in the noise.
        reasons = list(dict.fromkeys(row.error or "no reason given" for row in self.failed))
        cells = []
        for row in self.rows:
            before = f"{row.before.overall} ({row.before.scorer})"
            if row.after is None:
                ref = f"failed [{reasons.index(row.error or 'no reason given') + 1}]"
                cells.append((row, before, ref, ""))
            else:
                after = f"{row.after.overall} ({row.after.scorer})"
                cells.append((row, before, after, f"{row.delta('overall'):>+8d}"))
        question, before_width, after_width = 30, 14, 14
        if columns is not None and cells:
            # As wide as what they hold ("62 (gpt-4o-mini-eu)" ran past 14, out of line),
            # and the question what is left, clipped ("release-broke-on-one-os…").
            before_width = max(before_width, *(len(c[1]) for c in cells))
            after_width = max(after_width, *(len(c[2]) for c in cells))
            room = columns - (width + before_width + after_width + 12)
            if room < _QUESTION_ROOM:
                # Narrow: each "after" without its scorer's name, the same on every row
                # and named below ("Mean change with gpt"), to leave the question room.
                cells = [
                    (r, b, a if r.after is None else str(r.after.overall), c)
                    for r, b, a, c in cells
                ]
                after_width = max(len("after"), *(len(c[2]) for c in cells))
                room = columns - (width + before_width + after_width + 12)
            longest = max(len(row.attempt.question_id) for row in self.rows)
            question = max(min(longest, room), _QUESTION_ROOM)
        header = (
            f"{'attempt':<{width}} {'question':<{question}} {'before':>{before_width}} "
            f"{'after':>{after_width}} {'overall':>8}"
        )
        lines = [header] if self.rows else []
        for row, before, after, change in cells:
            asked = row.attempt.question_id[:30] if columns is None else row.attempt.question_id
            lines.append(
                f"{shown[row.attempt.id]:<{width}} {clipped(asked, question):<{question}} "
                f"{before:>{before_width}} {after:>{after_width}}{change and ' ' + change}"
            )
        notes = [f"[{n}] {reason}" for n, reason in enumerate(reasons, 1)]
        if self.unfinished:
            more = (
                "1 more attempt was"
                if self.unfinished == 1
                else f"{self.unfinished} more attempts were"
            )
            notes.append(f"Interrupted: {more} not rescored (nothing more was sent).")
        if self.skipped:
            notes.append(self.skipped_note())
        if len(self.failed) == len(self.rows):
            notes.append(f"Nothing was rescored with {self.scorer}: no drift to report.")
        else:
            means = ", ".join(f"{p} {self.mean_change[p]:+g}" for p in PARTS)
            sizes = ", ".join(f"{p} {self.mean_abs_change[p]:g}" for p in PARTS)
            notes.append(f"Mean change with {self.scorer}: {means}")
            # Apart, in words: a +2 and a -2 average to 0 although the grader moved both.
            notes.append(f"Mean size of change, up or down: {sizes}")
        if columns is not None:  # each note wrapped, its lines after the first indented
            notes = [
                line
                for note in notes
                for line in textwrap.wrap(
                    note,
                    max(columns, 40),
                    subsequent_indent="  ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            ]
        return "\n".join(lines + notes)

    def skipped_note(self) -> str:
        """Which attempts were left out, why, and how to include them: a sentence for
        those whose question is gone, and one for each problem that keeps others out."""
        by_problem: dict[BankProblem | None, list[Attempt]] = {}
        for attempt in self.skipped:
            problem = self.left_out_by.get(attempt.question_id)
            by_problem.setdefault(problem, []).append(attempt)
        return " ".join(_left_out(attempts, problem) for problem, attempts in by_problem.items())

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """A notebook cell ending in a rescore shows the drift table, not every card."""
        printer.text(self.table())


def _left_out(attempts: list[Attempt], problem: BankProblem | None) -> str:
    """The note on ``attempts`` left out: their question is gone, or ``problem`` keeps it
    out of the bank (its file is there: what to fix, not to put it back)."""
    count = len(attempts)
    ids = list(dict.fromkeys(attempt.question_id for attempt in attempts))
    shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
    what = "1 attempt was" if count == 1 else f"{count} attempts were"
    them = "it" if count == 1 else "them"
    one = len(ids) == 1
    if problem is None:
        their = "its question is" if one else "their questions are"
        files = "its question file" if one else "their question files"
        return (
            f"Left out: {what} not rescored, as {their} no longer in the bank ({shown}). "
            f"To include {them}, put {files} back in {paths.user_questions_dir()}."
        )
    # The problem names the file and line, and says what is wrong there.
    question = f"{'its question' if one else 'their questions'} ({shown})"
    why, fix = {
        "question": (f"{question} {'was' if one else 'were'} left out of the bank", "question"),
        "file": (f"the file with {question} is there but cannot be read", "file"),
        "folder": (f"the folder with {question} cannot be read", "folder"),
    }[problem.left_out]
    return f"Left out: {what} not rescored, as {why}: {problem}. To include {them}, fix the {fix}."


class RescoreInterrupted(KeyboardInterrupt):
    """Ctrl-C during ``rescore``: ``report`` holds the attempts that finished."""

    def __init__(self, report: DriftReport) -> None:
        super().__init__()
        self.report = report


def rescore(
    attempts: Sequence[Attempt],
    scorer: Scorer,
    bank: QuestionBank,
    *,
    last: int | None = None,
    concurrency: int = 4,
    progress: bool = True,
    fewer: Callable[[int], str] | None = None,
    on_done: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> DriftReport:
    """Score each attempt's answer again with ``scorer`` itself (afresh; a fallback never
    stands in, so a failure shows as one); nothing is saved. Attempts whose question is no
    longer in the bank cannot be scored again: they are left out (``skipped``), up front.
    With ``last``, only the newest ``last`` attempts that can be (``attempts`` oldest
    first), and those left out among them, are taken.

    Raises BudgetExceededError, before any call, when this hour's budget cannot pay for
    every attempt; ``fewer(n)`` says how to ask for n or fewer (default: pass fewer).
    ``on_done`` and ``stop`` go to ``score_batch``: a stop raises RescoreInterrupted as
    Ctrl-C does."""
    scorer = without_fallback(scorer)
    jobs = []
    usable: list[Attempt] = []
    skipped: list[Attempt] = []
    for attempt in _newest(attempts, bank, last):
        try:
            jobs.append((bank.get(attempt.question_id), attempt.answer))
            usable.append(attempt)
        except UnknownQuestionError:
            skipped.append(attempt)
    folder = next((p for p in bank.problems if p.left_out == "folder"), None)
    left_out_by = {
        question_id: problem
        for question_id in dict.fromkeys(attempt.question_id for attempt in skipped)
        # In no file left out, while one's own folder cannot be read: likely in there.
        if (problem := bank.problem_for(question_id) or folder) is not None
    }
    if usable:  # all or none: a run the budget stops halfway is paid for and half told
        doing = f"Rescoring {len(usable):,} attempt{'s' if len(usable) != 1 else ''}"
        enough_budget(scorer, len(usable), doing, fewer or _fewer_attempts)
    try:
        outcomes: list[Outcome | None] = list(
            score_batch(
                scorer,
                jobs,
                concurrency=concurrency,
                progress=progress,
                fresh=True,
                description="Rescoring",
                on_done=on_done,
                stop=stop,
            )
        )
    except Interrupted as stopped:  # what finished is shown; the rest was never sent
        rows = _rows(usable, stopped.done)
        unfinished = len(usable) - len(rows)
        report = DriftReport(scorer.name, rows, unfinished, skipped, left_out_by)
        raise RescoreInterrupted(report) from None
    return DriftReport(
        scorer.name, _rows(usable, outcomes), skipped=skipped, left_out_by=left_out_by
    )


def to_rescore(attempts: Sequence[Attempt], bank: QuestionBank, last: int | None) -> int:
    """How many of ``attempts`` (oldest first) ``rescore`` with ``last`` scores: the
    total of its progress, before the first answer is done."""
    return sum(attempt.question_id in bank for attempt in _newest(attempts, bank, last))


def _newest(attempts: Sequence[Attempt], bank: QuestionBank, last: int | None) -> Sequence[Attempt]:
    """The attempts from the ``last``-th newest that can be rescored on: "the newest 3"
    are 3 to rescore, not 3 of which some are left out (those are said, and the budget's
    advice to rescore the newest n is then right)."""
    rescorable = [i for i, attempt in enumerate(attempts) if attempt.question_id in bank]
    if last is None or len(rescorable) <= last:
        return attempts
    return attempts[rescorable[-last] :]


def _fewer_attempts(n: int) -> str:
    return "pass 1 attempt" if n == 1 else f"pass {n:,} attempts or fewer"


def _rows(attempts: list[Attempt], outcomes: Sequence[Outcome | None]) -> list[Drift]:
    return [
        Drift(attempt, outcome.card, None if outcome.error is None else str(outcome.error))
        for attempt, outcome in zip(attempts, outcomes, strict=True)
        if outcome is not None
    ]
