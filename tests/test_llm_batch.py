"""Batch scoring and rescoring: a concurrency limit, results in order, failures kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    Reply,
    Seen,
    error_reply,
    fair_grade,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Coach, QuestionBank, Store, load_config
from coachkit.config import Config
from coachkit.llm import LLMScorer, rescore, score_batch
from coachkit.llm.batch import NOT_SENT
from coachkit.models import Question, ScoreCard

pytestmark = pytest.mark.usefixtures("loopback_only")


def _config(tmp_path: Path, server: FakeLLMServer, **top: object) -> Config:
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    return load_config(write_config(tmp_path / "c.yaml", {"gpt": params}, **top))


def test_requests_in_flight_never_exceed_the_limit(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    def slow(seen: Seen) -> Reply:
        reply = fair_grade(seen)
        reply.latency = 0.15
        return reply

    server.responder = slow
    config = _config(tmp_path, server)
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    question = bank.get("time-you-failed")
    jobs = [(question, STORY.replace("2023", str(2000 + n))) for n in range(12)]
    outcomes = score_batch(scorer, jobs, concurrency=3, progress=False)
    assert server.hits == 12
    assert 1 < server.max_in_flight <= 3
    assert [o.card.overall if o.card else None for o in outcomes] == [62] * 12
    # Order is kept: each card quotes its own answer.
    for n, outcome in enumerate(outcomes):
        assert outcome.card is not None
        assert str(2000 + n) in outcome.card.dimensions["situation"].evidence[0]


def test_one_answer_s_failure_does_not_stop_the_batch(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(Reply("not a score"), Reply("still not a score"))  # asked again, once
    config = _config(tmp_path, server)
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    question = bank.get("time-you-failed")
    outcomes = score_batch(
        scorer, [(question, f"{STORY} {n}.") for n in range(4)], concurrency=1, progress=False
    )
    assert [o.error is not None for o in outcomes] == [True, False, False, False]
    assert outcomes[0].error is not None and "not a valid score" in str(outcomes[0].error)
    assert server.hits == 5


@pytest.mark.parametrize("concurrency", [1, 3])
def test_a_failure_every_request_would_meet_stops_the_batch(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store, concurrency: int
) -> None:
    """A rejected key is the profile's: 7 attempts rescored sent 7 requests (and an
    unreachable server 3 tries each) to fail 7 times the same way."""
    server.responder = lambda _seen: error_reply(401, "bad key")
    config = _config(tmp_path, server)
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    question = bank.get("time-you-failed")
    jobs = [(question, f"{STORY} {n}.") for n in range(7)]
    outcomes = score_batch(scorer, jobs, concurrency=concurrency, progress=False)
    assert server.hits <= concurrency  # those already on their way when the first failed
    said = [str(o.error) for o in outcomes]
    assert len(said) == 7 and "API key" in said[0]
    assert said.count(NOT_SENT) == 7 - server.hits
    assert all("API key" in line for line in said if line != NOT_SENT)


def test_the_progress_bar_goes_to_stderr(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = _config(tmp_path, server)
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    question = bank.get("time-you-failed")
    score_batch(scorer, [(question, STORY), (question, STORY + " B.")], concurrency=2)
    captured = capsys.readouterr()
    assert "Scoring" in captured.err and "2/2" in captured.err and captured.out == ""


def test_rescoring_history_shows_the_drift(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config = _config(tmp_path, server)
    coach = Coach(bank=bank, store=store, config=config)
    for n in range(3):
        coach.submit("time-you-failed", f"{STORY} Version {n}.", scorer="local")
    before = store.count_attempts()
    report = rescore(
        coach.history(),
        LLMScorer(config.entry("gpt"), config, store=store),
        bank,
        concurrency=2,
        progress=False,
    )
    assert store.count_attempts() == before  # rescoring saves nothing
    assert len(report.rows) == 3 and not report.failed
    for row in report.rows:
        assert row.after is not None and row.after.scorer == "gpt"
        assert row.delta("action") == 3 - row.before.score("action")
        assert row.delta("overall") == 62 - row.before.overall
    assert report.mean_abs_change["overall"] == pytest.approx(
        sum(abs(62 - r.before.overall) for r in report.rows) / 3, abs=0.01
    )
    table = report.table()
    assert "Mean change with gpt" in table and "time-you-failed" in table


def test_a_notebook_cell_ending_in_a_run_shows_its_table(bank: QuestionBank, store: Store) -> None:
    """`llm.rescore(...)` or `llm.score_repeated(...)` last in a cell printed the
    dataclass: every attempt's answer and both cards, a screen per attempt."""
    from IPython.lib.pretty import pretty

    from coachkit.llm import score_repeated
    from coachkit.scoring import LocalScorer

    attempt = Coach(bank=bank, store=store).submit("time-you-failed", STORY, scorer="local")
    report = rescore([attempt], LocalScorer(), bank, progress=False)
    assert pretty(report) == report.table()
    stability = score_repeated(LocalScorer(), bank.get("time-you-failed"), STORY, 2)
    assert pretty(stability) == stability.table()


def test_the_drift_table_tells_a_mock_interview_s_attempts_apart(bank: QuestionBank) -> None:
    """`rescore` showed two attempts of one mock interview both as "mock-dc9"."""
    from coachkit.llm.drift import Drift, DriftReport
    from coachkit.models import Attempt
    from coachkit.scoring import LocalScorer

    question = bank.get("time-you-failed")
    answer = "In 2024 I broke the billing job at Acme and fixed it the same day."
    card = LocalScorer().score(question, answer)
    rows = [
        Drift(
            Attempt(
                id=f"mock-dc9f00-{qid}",
                question_id=qid,
                category="behavioral",
                answer=answer,
                card=card,
            ),
            card,
        )
        for qid in ("time-you-failed", "conflict-with-teammate")
    ]
    table = DriftReport("local", rows).table()
    assert "mock-dc9f00-t " in table and "mock-dc9f00-c " in table


def test_the_drift_summary_says_the_size_of_change_in_words(bank: QuestionBank) -> None:
    """'overall -2 (|4|)' left the bars unexplained: the mean size of change, up or down,
    gets a line of its own (a +4 and a -8 average to -2, but moved 6 on average)."""
    from coachkit.llm.drift import Drift, DriftReport
    from coachkit.models import Attempt
    from coachkit.scoring import LocalScorer

    question = bank.get("time-you-failed")
    card = LocalScorer().score(question, STORY)
    rows = []
    for n, change in enumerate((4, -8)):
        after = card.model_copy(update={"overall": card.overall + change, "scorer": "gpt"})
        attempt = Attempt(
            id=f"a{n}b{n}c{n}d{n}",
            question_id=question.id,
            category="behavioral",
            answer=STORY,
            card=card,
        )
        rows.append(Drift(attempt, after))
    lines = DriftReport("gpt", rows).table().splitlines()
    assert "|" not in "\n".join(lines)
    assert lines[-2].startswith("Mean change with gpt: ") and lines[-2].endswith("overall -2")
    assert lines[-1].startswith("Mean size of change, up or down: ")
    assert lines[-1].endswith("overall 6")


def test_the_drift_table_says_each_failure_once_within_80_columns(bank: QuestionBank) -> None:
    """A profile that could not be reached repeated its 150-character error on every
    attempt's row (30 rows, 180 columns each): each reason is now said once, below."""
    from coachkit.llm.drift import Drift, DriftReport
    from coachkit.models import Attempt
    from coachkit.scoring import LocalScorer

    card = LocalScorer().score(bank.get("time-you-failed"), STORY)
    refused = (
        "Profile 'dead' (openai/x): cannot reach http://127.0.0.1:1/v1 ([Errno 111] Connection "
        "refused) (tried 2 times). Is the server running, and is `api_base` right?"
    )
    errors = (refused, NOT_SENT, NOT_SENT, None)
    rows = [
        Drift(
            Attempt(
                id=f"a{n}b{n}c{n}d{n}",
                question_id="time-you-failed",
                category="behavioral",
                answer=STORY,
                card=card,
            ),
            None if error else card.model_copy(update={"scorer": "dead"}),
            error,
        )
        for n, error in enumerate(errors)
    ]
    lines = DriftReport("dead", rows).table().splitlines()
    assert [line.split()[-2:] for line in lines[1:5]] == [
        ["failed", "[1]"],
        ["failed", "[2]"],
        ["failed", "[2]"],
        ["(dead)", "+0"],
    ]
    assert max(len(line) for line in lines[:5]) <= 80
    assert lines[5:7] == [f"[1] {refused}", f"[2] {NOT_SENT}"]
    assert lines[7].startswith("Mean change with dead: ")


def test_one_attempt_left_by_ctrl_c_is_said_in_the_singular(bank: QuestionBank) -> None:
    from coachkit.llm.drift import DriftReport

    said = DriftReport("gpt", [], unfinished=1).table()
    assert "Interrupted: 1 more attempt was not rescored (nothing more was sent)." in said


class _CtrlCScorer:
    """Scores offline; the job numbered ``at`` presses Ctrl-C while its request is in
    flight, and holds until released (as a provider still thinking would)."""

    name = "ctrl-c"

    def __init__(self, at: int) -> None:
        import threading

        from coachkit.scoring import LocalScorer

        self.at, self.calls, self.released = at, 0, threading.Event()
        self._local = LocalScorer()

    def score(self, question: Question, answer: str) -> ScoreCard:
        import os
        import signal

        self.calls += 1
        if self.calls - 1 == self.at:
            os.kill(os.getpid(), signal.SIGINT)
            self.released.wait()
        return self._local.score(question, answer)


def _join_workers() -> None:
    import threading

    for thread in threading.enumerate():
        if thread.name.startswith("coachkit-"):
            thread.join()


def test_ctrl_c_stops_a_batch_at_once_and_sends_nothing_more(bank: QuestionBank) -> None:
    from coachkit.llm.batch import Interrupted

    scorer = _CtrlCScorer(at=1)
    question = bank.get("time-you-failed")
    jobs = [(question, f"{STORY} Take {n}.") for n in range(6)]
    with pytest.raises(Interrupted) as raised:
        score_batch(scorer, jobs, concurrency=1, progress=False)
    scorer.released.set()  # the request in flight comes back; the queued ones never go
    _join_workers()
    assert scorer.calls == 2
    done = raised.value.done
    assert done[0] is not None and done[0].card is not None  # what finished is kept
    assert done[2:] == [None] * 4


class _HeldScorer:
    """Scores offline; the job numbered ``at`` is held in flight until released."""

    name = "held"

    def __init__(self, at: int) -> None:
        import threading

        from coachkit.scoring import LocalScorer

        self.at, self.calls = at, 0
        self.holding, self.released = threading.Event(), threading.Event()
        self._local = LocalScorer()

    def score(self, question: Question, answer: str) -> ScoreCard:
        self.calls += 1
        if self.calls - 1 == self.at:
            self.holding.set()
            self.released.wait()
        return self._local.score(question, answer)


class _CtrlCBar:
    """A progress bar on which Ctrl-C lands as it shows the first answer, by when the
    next answer has finished too (the scorer holds the one after)."""

    def __init__(self, scorer: _HeldScorer) -> None:
        self.n = 0
        self.shown: int | None = None  # where the bar stood when closed
        self._scorer = scorer

    def update(self, n: int) -> None:
        self.n += n
        if self.n == 1:
            self._scorer.holding.wait()
            raise KeyboardInterrupt

    def close(self) -> None:
        self.shown = self.n


def test_ctrl_c_leaves_the_bar_at_the_answers_that_finished(
    bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.llm import batch

    scorer = _HeldScorer(at=2)
    bar = _CtrlCBar(scorer)
    monkeypatch.setattr(batch, "_bar", lambda total, description, *, enabled: bar)
    question = bank.get("time-you-failed")
    jobs = [(question, f"{STORY} Take {n}.") for n in range(5)]
    with pytest.raises(batch.Interrupted) as raised:
        score_batch(scorer, jobs, concurrency=1)
    scorer.released.set()
    _join_workers()
    finished = sum(outcome is not None for outcome in raised.value.done)
    assert finished == 2 and bar.shown == finished


def test_ctrl_c_during_rescore_shows_what_finished(bank: QuestionBank, store: Store) -> None:
    from coachkit.llm.drift import RescoreInterrupted

    coach = Coach(bank=bank, store=store)
    for n in range(4):
        coach.submit("time-you-failed", f"{STORY} Version {n}.", scorer="local")
    scorer = _CtrlCScorer(at=1)
    with pytest.raises(RescoreInterrupted) as raised:
        rescore(coach.history(), scorer, bank, concurrency=1, progress=False)
    scorer.released.set()
    _join_workers()
    report = raised.value.report
    assert len(report.rows) == 1 and report.unfinished == 3 and not report.failed
    assert "3 more attempts were not rescored" in report.table()
    assert scorer.calls == 2


def test_ctrl_c_as_the_news_of_an_answer_is_taken_drops_no_answer(
    bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C lands just after the caller took a finished answer off the queue, before it
    could note it: the answer, scored and paid for, is still among those that finished."""
    import queue

    from coachkit.llm import batch

    class CutQueue(queue.Queue[object]):
        cut = False

        def get(self, block: bool = True, timeout: float | None = None) -> object:
            taken = super().get(block, timeout)
            if not self.cut:  # the first one taken off the queue, then the Ctrl-C
                self.cut = True
                raise KeyboardInterrupt
            return taken

    monkeypatch.setattr(batch.queue, "Queue", CutQueue)
    question = bank.get("time-you-failed")
    jobs = [(question, f"{STORY} Take {n}.") for n in range(3)]
    with pytest.raises(batch.Interrupted) as raised:
        score_batch(_HeldScorer(at=99), jobs, concurrency=1, progress=False)
    _join_workers()
    first = raised.value.done[0]
    assert first is not None and first.card is not None
