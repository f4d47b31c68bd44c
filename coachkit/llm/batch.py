"""Many scorings at once (history, a labelled set), with a concurrency limit and a progress bar."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from ..errors import CoachkitError
from ..models import Question, ScoreCard
from ..scoring.base import Scorer
from .fallback import score_fresh

__all__ = ["Outcome", "score_batch"]


@dataclass(frozen=True)
class Outcome:
    """One job's result: a card, or the error that stopped it (the batch goes on)."""

    card: ScoreCard | None
    error: CoachkitError | None = None


Job = tuple[Question, str]


def score_batch(
    scorer: Scorer,
    jobs: Sequence[Job],
    *,
    concurrency: int = 4,
    progress: bool = True,
    fresh: bool = False,
    description: str = "Scoring",
) -> list[Outcome]:
    """Score every (question, answer); results come back in the order of ``jobs``.

    LLM calls wait on the network, so threads overlap them; ``concurrency``
    bounds how many requests are in flight at once (providers rate-limit).
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    run: Callable[[Question, str], ScoreCard] = (
        (lambda q, a: score_fresh(scorer, q, a)) if fresh else scorer.score
    )
    results: list[Outcome | None] = [None] * len(jobs)
    bar = _bar(len(jobs), description, enabled=progress)
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="coachkit") as pool:
        futures = {pool.submit(run, q, a): i for i, (q, a) in enumerate(jobs)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = Outcome(future.result())
            except CoachkitError as exc:
                results[index] = Outcome(None, exc)
            bar.update(1)
    bar.close()
    return [r for r in results if r is not None]


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, description: str, *, enabled: bool) -> _NoBar:
    if not enabled or total == 0:
        return _NoBar()
    from tqdm.auto import tqdm  # a widget in Jupyter, a text bar in a terminal

    bar: _NoBar = tqdm(total=total, desc=description, unit="answer", file=sys.stderr)
    return bar
