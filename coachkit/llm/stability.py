"""Scoring one answer k times, to make a grader's drift between runs visible."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import paths
from ..errors import BudgetExceededError, ScoringError
from ..figures import figure, rounded
from ..models import DIMENSIONS, Question, ScoreCard
from ..scoring.base import Scorer
from .budget import day_spent, own_limit, raise_limit, set_in
from .fallback import full_stopped, score_fresh, without_fallback
from .scorer import LLMScorer

__all__ = ["RepeatInterrupted", "Stability", "enough_budget", "part_score", "score_repeated"]

PARTS = (*DIMENSIONS, "overall")


def part_score(card: ScoreCard, part: str) -> int:
    """A dimension's band, or the overall."""
    return card.overall if part == "overall" else card.dimensions[part].score  # type: ignore[index]


@dataclass(frozen=True)
class Stability:
    """k scores of the same answer: mean and spread (standard deviation) per part.

    ``failed`` runs of those asked for gave no score (``error`` says why, of the first):
    the figures are those of the runs that finished, which were paid for."""

    cards: list[ScoreCard]
    failed: int = 0
    error: str | None = None
    cause: str = "failed"  # why runs are missing: failed, budget (not made), interrupted

    @property
    def k(self) -> int:
        return len(self.cards)

    def values(self, part: str) -> list[int]:
        return [part_score(card, part) for card in self.cards]

    @property
    def mean(self) -> dict[str, float]:
        return {p: rounded(statistics.fmean(self.values(p)), 2) for p in PARTS}

    @property
    def spread(self) -> dict[str, float]:
        return {p: rounded(statistics.pstdev(self.values(p)), 2) for p in PARTS}

    @property
    def card(self) -> ScoreCard:
        """The run closest to the mean overall, noting the spread (what gets saved)."""
        mean = self.mean["overall"]
        chosen = min(self.cards, key=lambda c: abs(c.overall - mean))
        summary = ", ".join(
            f"{p} {self.mean[p]:g}±{self.spread[p]:g}" for p in PARTS if p != "overall"
        )
        note = (
            f"Scored {self.k} times: overall {mean:g}±{self.spread['overall']:g} "
            f"(range {min(self.values('overall'))}-{max(self.values('overall'))}); {summary}."
            if self.k > 1
            # One run shows no spread: ±0 would read as a perfectly stable score.
            else f"Scored once: overall {mean:g}; one run finished, so no spread to measure."
        )
        if self.failed:
            note += f" {self._failures()}"
        return chosen.model_copy(update={"notes": [*chosen.notes, note]})

    def table(self) -> str:
        """A plain-text table for the CLI and notebooks."""
        lines = [f"{'':<10} {'mean':>6} {'spread':>7}  runs"]
        for p in PARTS:
            runs = " ".join(str(v) for v in self.values(p))
            spread = f"{self.spread[p]:>7.2f}" if self.k > 1 else f"{'n/a':>7}"
            lines.append(f"{p:<10} {self.mean[p]:>6.2f} {spread}  {runs}")
        if self.failed:
            lines.append(self._failures())
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """A notebook cell ending in a stability run shows its table, not every card."""
        printer.text(self.table())

    def _failures(self) -> str:
        asked, why = (
            self.k + self.failed,
            full_stopped((self.error or "no reason given").rstrip(".")),
        )
        # A spent budget stops the runs before they are sent; Ctrl-C cuts one short.
        were = "was" if self.failed == 1 else "were"  # "1 of 5 runs was not made"
        verb = {"budget": f"{were} not made", "interrupted": "did not finish"}.get(
            self.cause, "failed"
        )
        # A colon, not brackets: the reason often has brackets of its own.
        return (
            f"{self.failed} of {asked} runs {verb}: {why} "
            f"The figures are of the {self.k} that finished."
        )


class RepeatInterrupted(KeyboardInterrupt):
    """Ctrl-C during ``score_repeated``: ``stability`` holds the runs that finished, paid
    for (None when none had)."""

    def __init__(self, stability: Stability | None) -> None:
        super().__init__()
        self.stability = stability


def enough_budget(scorer: Scorer, needed: int, doing: str, fewer: Callable[[int], str]) -> None:
    """Refuse before the first call when the hourly budget cannot pay for ``needed``
    scores, or today's dollars are spent: those paid for would be spent, and the rest
    fail one by one. ``doing`` says what needs them ("Scoring 5 times"), ``fewer`` how to
    ask for no more than the hour allows ("ask for 3 runs or fewer")."""
    if not isinstance(scorer, LLMScorer):
        return
    status = scorer.budget.status()
    per_hour, left = status.scores_per_hour, status.scores_left
    scores = f"{needed:,} LLM score{'s' if needed != 1 else ''}"
    if per_hour is not None and per_hour <= 0:
        raise BudgetExceededError(
            f"{doing} needs {scores}, but LLM scoring is switched off "
            f"(budget.llm_scores_per_hour is 0 {set_in()}): {_allow_any()}."
        )
    # Before the hour's count: a spent day is not refilled by waiting for the hour.
    day = day_spent(status, time.time())
    if day is not None:
        raise BudgetExceededError(
            f"{doing} needs {scores}, but {day}, or {raise_limit('usd_per_day')}."
        )
    if per_hour is None or left is None:
        return
    raise_it = raise_limit("llm_scores_per_hour")
    if per_hour < needed:  # waiting never helps: the bucket holds no more than an hour's
        raise BudgetExceededError(
            f"{doing} needs {scores}, more than your budget allows in an hour "
            f"({figure(per_hour)}): {fewer(int(per_hour))}, or {raise_it}."
        )
    if left < needed:
        # Part of the next score may be in the bucket already: counted, the time agrees
        # with the next score's that `coachkit usage` and Settings show.
        ready = scorer.budget.when_ready(needed)
        now_only = f"{fewer(int(left))}, " if left > 0 else ""
        have = f"{int(left):,}" if int(left) else "none"
        raise BudgetExceededError(
            f"{doing} needs {scores}, and your budget has {have} left this hour: "
            f"{now_only}wait ({needed:,} will be there {ready}), or {raise_it}."
        )


def _allow_any() -> str:
    """How to switch LLM scoring back on: the budget is the user's, or the coach's (unless
    the user's own file set the 0, under the coach's limit)."""
    own = paths.personal_config_path() is None or own_limit("llm_scores_per_hour")
    return "raise it to allow any" if own else "ask them to allow some"


def _fewer_runs(n: int) -> str:
    return "ask for 1 run" if n == 1 else f"ask for {n:,} runs or fewer"


def score_repeated(scorer: Scorer, question: Question, answer: str, k: int) -> Stability:
    """Score ``answer`` k times with ``scorer`` itself, afresh each time (no cached score
    is reused, and a fallback never stands in). A run that fails is counted, and the rest
    go on; only when every run fails is its error raised."""
    if k < 1:
        raise ValueError("k must be at least 1")
    scorer = without_fallback(scorer)
    enough_budget(scorer, k, "Scoring once" if k == 1 else f"Scoring {k:,} times", _fewer_runs)
    cards: list[ScoreCard] = []
    errors: list[ScoringError] = []
    for _ in range(k):
        try:
            cards.append(score_fresh(scorer, question, answer))
        except ScoringError as exc:  # the runs already paid for are kept, not thrown away
            errors.append(exc)
            if isinstance(exc, BudgetExceededError):
                break  # the next run would be refused the same way
        except KeyboardInterrupt:  # the same for those that finished before Ctrl-C
            finished = (
                Stability(cards, k - len(cards), "interrupted (Ctrl-C)", "interrupted")
                if cards
                else None
            )
            raise RepeatInterrupted(finished) from None
    if not cards:
        raise errors[0]
    budget = bool(errors) and isinstance(errors[-1], BudgetExceededError)
    return Stability(
        cards,
        failed=k - len(cards),
        error=str(errors[-1] if budget else errors[0]) if errors else None,
        cause="budget" if budget else "failed",
    )
