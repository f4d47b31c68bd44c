"""score_batch's and rescore's hooks for a caller with no Ctrl-C (Settings' Compare):
``on_done`` counts the answers as they finish, ``stop`` sends no more; and the rules
both rescore's callers word for themselves (how many, mixed scales) in one place."""

from __future__ import annotations

import threading
import time

import pytest
from fake_openai_server import STORY

from coachkit import Coach, QuestionBank, Store
from coachkit.llm import rescore, score_batch
from coachkit.llm.batch import Interrupted
from coachkit.llm.drift import RescoreInterrupted, to_rescore
from coachkit.models import Question, ScoreCard
from coachkit.scoring import LocalScorer


class _StopAt:
    """Scores offline and sets ``stop`` as the answer numbered ``at`` is scored."""

    name = "local"

    def __init__(self, at: int, stop: threading.Event) -> None:
        self.at, self.stop, self.calls = at, stop, 0
        self._local = LocalScorer()

    def score(self, question: Question, answer: str) -> ScoreCard:
        self.calls += 1
        if self.calls - 1 == self.at:
            self.stop.set()
        return self._local.score(question, answer)


def test_on_done_counts_each_answer_as_it_finishes(bank: QuestionBank) -> None:
    seen: list[tuple[int, int]] = []
    jobs = [(bank.get("time-you-failed"), f"{STORY} Take {n}.") for n in range(4)]
    score_batch(
        LocalScorer(), jobs, concurrency=2, progress=False, on_done=lambda *a: seen.append(a)
    )
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_stop_sends_no_more_and_ends_as_ctrl_c_does(bank: QuestionBank) -> None:
    stop = threading.Event()
    scorer = _StopAt(1, stop)
    jobs = [(bank.get("time-you-failed"), f"{STORY} Take {n}.") for n in range(6)]
    with pytest.raises(Interrupted) as raised:
        score_batch(scorer, jobs, concurrency=1, progress=False, stop=stop)
    assert scorer.calls == 2  # the one scoring as Stop came finishes; none more is sent
    done = raised.value.done
    assert [d is not None for d in done] == [True, True, False, False, False, False]


class _StopWhileAnotherScores:
    """Two workers: the first answer sets ``stop`` while the second is being scored,
    which ends a moment after."""

    name = "local"

    def __init__(self, stop: threading.Event) -> None:
        self.stop, self.calls = stop, 0
        self.both = threading.Barrier(2, timeout=5)
        self._local = LocalScorer()

    def score(self, question: Question, answer: str) -> ScoreCard:
        self.calls += 1
        first = answer.endswith("Take 0.")
        self.both.wait()  # both answers are sent before Stop
        if first:
            self.stop.set()
        else:
            self.stop.wait(5)
            time.sleep(0.2)  # still being scored as the first worker meets Stop
        return self._local.score(question, answer)


def test_stop_waits_for_the_answers_already_sent_and_carries_them(bank: QuestionBank) -> None:
    """They are paid for: the second answer, in flight as Stop came, was scored and not
    shown ("those being scored now finish first", Compare's Stop had said)."""
    stop = threading.Event()
    scorer = _StopWhileAnotherScores(stop)
    jobs = [(bank.get("time-you-failed"), f"{STORY} Take {n}.") for n in range(5)]
    with pytest.raises(Interrupted) as raised:
        score_batch(scorer, jobs, concurrency=2, progress=False, stop=stop)
    assert scorer.calls == 2
    assert [d is not None for d in raised.value.done] == [True, True, False, False, False]


def test_a_stopped_rescore_carries_what_finished(bank: QuestionBank, store: Store) -> None:
    coach = Coach(bank=bank, store=store)
    for n in range(4):
        coach.submit("time-you-failed", f"{STORY} Version {n}.", scorer="local")
    stop = threading.Event()
    with pytest.raises(RescoreInterrupted) as raised:
        rescore(coach.history(), _StopAt(0, stop), bank, concurrency=1, progress=False, stop=stop)
    report = raised.value.report
    assert len(report.rows) == 1 and report.unfinished == 3


def test_to_rescore_is_how_many_rescore_takes(bank: QuestionBank, store: Store) -> None:
    """The newest ``last`` whose question is in the bank: one no longer there is left
    out of the count, as rescore leaves it out (and says so)."""
    coach = Coach(bank=bank, store=store)
    for question_id in ("time-you-failed", "why-this-role", "time-you-failed"):
        coach.submit(question_id, STORY, scorer="local")
    attempts = coach.history()
    smaller = QuestionBank([q for q in bank if q.id != "why-this-role"])
    assert to_rescore(attempts, bank, 2) == 2
    assert to_rescore(attempts, smaller, 2) == 2
    assert to_rescore(attempts, smaller, None) == 2
    report = rescore(attempts, LocalScorer(), smaller, last=2, progress=False)
    assert len(report.rows) == 2 and len(report.skipped) == 1


def test_mixed_scales_names_each_scorer_and_ends_as_the_caller_says(
    bank: QuestionBank, store: Store
) -> None:
    coach = Coach(bank=bank, store=store)
    coach.submit("time-you-failed", STORY, scorer="local")
    report = rescore(coach.history(), LocalScorer(), bank, progress=False)
    assert report.mixed_scales("pick one.") == ""  # one scorer: nothing mixed
    mixed = report.rows[0].attempt.model_copy(
        update={"card": report.rows[0].before.model_copy(update={"scorer": "gpt"})}
    )
    both = rescore([*coach.history(), mixed], LocalScorer(), bank, progress=False)
    assert both.scored_before == {"local": 1, "gpt": 1}
    assert both.mixed_scales("pick one.") == (
        "Before, these were scored by local (1) and gpt (1), which grade differently, so the "
        "mean change mixes their scales: pick one."
    )
