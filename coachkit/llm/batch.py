"""Many scorings at once (history, a labelled set), with a concurrency limit and a progress bar."""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ..errors import CoachkitError, ProviderError, ScoringError
from ..models import Question, ScoreCard
from ..scoring.base import Scorer
from .fallback import score_fresh

__all__ = ["NOT_SENT", "Interrupted", "Outcome", "score_batch"]


@dataclass(frozen=True)
class Outcome:
    """One job's result: a card, or the error that stopped it (the batch goes on)."""

    card: ScoreCard | None
    error: CoachkitError | None = None


Job = tuple[Question, str]

# Failures of the profile, not of the answer: every request after one of these would
# fail the same way (a rejected key, an unknown model, no server at api_base), each
# after its retries. The batch sends no more once one comes back.
_EVERY_ONE_WOULD = frozenset(
    {"auth", "missing_key", "unknown_model", "quota", "connection", "redirect", "malformed"}
)
NOT_SENT = "Not sent: a request before it failed in a way every one would, so no more were sent."


def _stops_all(error: CoachkitError) -> bool:
    # (A spent budget is not among them: it is refused here, sending nothing, and each
    # refusal says when the budget allows the next.)
    return isinstance(error, ProviderError) and error.kind in _EVERY_ONE_WOULD


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: no further request was sent. ``done`` has each job's
    outcome in the order of the jobs, None for a job not finished (a request already in
    flight finishes on its own, unwaited for)."""

    def __init__(self, done: list[Outcome | None]) -> None:
        super().__init__()
        self.done = done


def score_batch(
    scorer: Scorer,
    jobs: Sequence[Job],
    *,
    concurrency: int = 4,
    progress: bool = True,
    fresh: bool = False,
    description: str = "Scoring",
    on_done: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> list[Outcome]:
    """Score every (question, answer); results come back in the order of ``jobs``.

    LLM calls wait on the network, so threads overlap them; ``concurrency``
    bounds how many requests are in flight at once (providers rate-limit). A failure
    of the profile itself (a rejected key, no server) stops the batch: the jobs not yet
    sent fail with ``NOT_SENT``, and none of them is sent.

    ``on_done(done, total)`` is called, on the caller's thread, as each job ends, as the
    bar moves. Once ``stop`` is set no further job is sent: the batch ends as on Ctrl-C
    (Interrupted) once the answers already sent have finished, and carries them. On
    Ctrl-C itself those finish on their own, unwaited for.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    run: Callable[[Question, str], ScoreCard] = (
        (lambda q, a: score_fresh(scorer, q, a)) if fresh else scorer.score
    )
    results: list[Outcome | None] = [None] * len(jobs)
    if not jobs:
        return []
    # As each job ends; None as a worker meets ``stop``.
    finished: queue.Queue[Outcome | BaseException | None] = queue.Queue()
    ended = threading.Event()  # this call is over: the workers take no more
    halted = threading.Event()  # a failure every job would meet: the rest are not sent
    pending = iter(range(len(jobs)))
    taking = threading.Lock()

    def work() -> None:
        while not ended.is_set():
            with taking:
                index = next(pending, None)
            if index is None or ended.is_set():
                return
            if stop is not None and stop.is_set():  # checked last, just before sending
                finished.put(None)  # the caller ends the batch as on Ctrl-C
                return
            question, answer = jobs[index]
            if halted.is_set():
                outcome = Outcome(None, ScoringError(NOT_SENT))
            else:
                try:
                    outcome = Outcome(run(question, answer))
                except CoachkitError as exc:
                    outcome = Outcome(None, exc)
                    if _stops_all(exc):
                        halted.set()
                except BaseException as exc:  # a bug: raised again in the caller's thread
                    finished.put(exc)
                    return
            # Kept here, not by the caller: a Ctrl-C there as it takes the news off the
            # queue cannot drop an answer that was scored (and paid for).
            results[index] = outcome
            finished.put(outcome)

    # Daemon threads, not a ThreadPoolExecutor: on Ctrl-C the queued jobs must not be
    # sent (and paid for), and the process must not wait at exit for a request in flight.
    workers = [
        threading.Thread(target=work, name=f"coachkit-{n}", daemon=True)
        for n in range(min(concurrency, len(jobs)))
    ]
    bar = _bar(len(jobs), description, enabled=progress)
    try:
        for worker in workers:
            worker.start()
        for count in range(1, len(jobs) + 1):
            outcome = finished.get()
            if outcome is None:
                # Stop, a button with no hurry: the answers already sent are paid for, so
                # they are waited for and shown. Each worker ends after its own.
                ended.set()
                for worker in workers:
                    worker.join()
                raise KeyboardInterrupt
            if isinstance(outcome, BaseException):
                raise outcome
            bar.update(1)
            if on_done is not None:
                on_done(count, len(jobs))
    except KeyboardInterrupt:
        ended.set()
        done = list(results)  # what finished by now, as Ctrl-C came included
        # Set from the results, not counted along: one that came as Ctrl-C cut the loop
        # short finished all the same.
        bar.update(sum(r is not None for r in done) - bar.n)
        raise Interrupted(done) from None
    finally:
        ended.set()
        bar.close()
    return [r for r in results if r is not None]


class _Bar(Protocol):
    n: int  # how far the bar stands

    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


class _NoBar:
    n = 0

    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, description: str, *, enabled: bool) -> _Bar:
    if not enabled or total == 0:
        return _NoBar()
    from tqdm.auto import tqdm  # a widget in Jupyter, a text bar in a terminal

    bar: _Bar = tqdm(total=total, desc=description, unit="answer", file=sys.stderr)
    return bar
