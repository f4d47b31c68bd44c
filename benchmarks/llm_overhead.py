"""LLM scoring overhead and batch throughput, against a loopback OpenAI-compatible server.

Prints (not a timed test):
1. coachkit's per-call cost over a bare ``litellm.completion`` call with the same
   messages, against a zero-latency server on 127.0.0.1: the request through
   coachkit's client alone, and a whole score (target: ratio <= 1.10);
2. coachkit's own work per score, with the call answered from a canned reply, scores one
   after another and each after a litellm call (cold caches, as in a whole score);
3. 100 scorings against a server answering in 200 ms, 10 at a time (target: < 3 s).

    python benchmarks/llm_overhead.py [--calls 200]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# This checkout's coachkit, whichever is installed, and the fake server (a test fixture).
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_openai_server import FakeLLMServer, Reply, Seen, grade_json  # noqa: E402

from coachkit import QuestionBank, Store  # noqa: E402
from coachkit.config import Config  # noqa: E402
from coachkit.llm import LLMScorer, score_batch  # noqa: E402
from coachkit.llm.prompt import build_prompt, response_format  # noqa: E402
from coachkit.llm.runtime import load_litellm  # noqa: E402

STORY = (
    "In 2023 I was the backend lead at Lumen when our payment service failed during a launch. "
    "I was responsible for restoring checkout within the hour, with the CFO watching. "
    "I rolled back the release, added a canary stage and wrote a runbook for the team. "
    "Checkout errors fell from 12% to 0.3% and we had no incident in the next six months."
)
QUOTES = {
    "situation": ["In 2023 I was the backend lead at Lumen"],
    "task": ["I was responsible for restoring checkout within the hour"],
    "action": ["I rolled back the release, added a canary stage"],
    "result": ["Checkout errors fell from 12% to 0.3%"],
}
# A full reply, as a good model writes it: quoted evidence, every key point judged,
# and a rebuild whose edited lines go through the no-invented-facts check.
KEYPOINTS = [
    ("a real failure with measurable consequences", "our payment service failed during a launch"),
    ("your own part in it, stated plainly", "I was responsible for restoring checkout"),
    ("no blaming teammates or circumstances", None),
    ("the lesson you took away", None),
    ("concrete change in process or habit afterwards", "added a canary stage and wrote a runbook"),
    ("evidence the change worked later", "we had no incident in the next six months"),
]
REBUILT = {
    "situation": (
        "In 2023 I was the backend lead at Lumen when our payment service failed during a launch."
    ),
    "task": "I owned getting checkout back within the hour, with the CFO watching.",
    "action": (
        "I rolled back the release first, then added a canary stage and wrote the team a runbook."
    ),
    "result": "Checkout errors fell from 12% to 0.3%, and Lumen had no incident for six months.",
}
REPLY = grade_json(
    4,
    QUOTES,
    overall=78,
    keypoints=[{"point": p, "covered": q is not None, "evidence": q} for p, q in KEYPOINTS],
    rebuilt=[{"text": text, "dimension": d} for d, text in REBUILT.items()],
)


def _fixed(latency: float) -> object:
    def respond(seen: Seen) -> Reply:
        return Reply(REPLY, latency=latency)

    return respond


def _config(server: FakeLLMServer, name: str = "bench") -> Config:
    return Config.model_validate(
        {
            "scorer": name,
            "fallback": None,
            # Limits high enough never to bite, so the budget checks still run on every call.
            "budget": {"llm_scores_per_hour": 1_000_000, "usd_per_day": 1_000_000},
            "model_list": [
                {
                    "model_name": name,
                    "litellm_params": {
                        "model": "openai/bench-model",
                        "api_base": f"{server.url}/v1",
                        "api_key": "sk-bench-000000",
                    },
                }
            ],
        }
    )


@contextlib.contextmanager
def _tracked_logging(litellm: Any) -> Iterator[Callable[[], None]]:
    """A function that waits for the logging tasks litellm handed its background thread
    pool so far (each call's success logging), for the length of the block."""
    started: list[Future[Any]] = []
    pool = getattr(litellm.utils, "executor", None)
    if pool is None:
        print("note: litellm's logging pool was not found; its work is not waited for")
        yield lambda: None
        return
    submit = pool.submit

    def tracked(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = submit(fn, *args, **kwargs)
        started.append(future)
        return future

    def drain() -> None:
        while started:
            with contextlib.suppress(Exception):
                started.pop().result()

    pool.submit = tracked
    try:
        yield drain
    finally:
        drain()
        pool.submit = submit


PATHS = ("bare", "call", "score")


def overhead(calls: int, home: Path) -> dict[str, dict[str, float]]:
    """Median ms per call of each path, by wall and by CPU time (and, under
    ``quarters``, the whole-score ratio in each quarter of the run).

    ``bare`` is ``litellm.completion`` with the same messages; ``call`` is the same
    request through coachkit's client (params, retries, error mapping, the usage
    entry); ``score`` is a whole score: prompt, cache look-up, budget, the call,
    reply validation, evidence and fact checks, and the usage log and cache write.

    The paths take turns call by call (which goes first rotates), and each call
    is timed on its own, so all see the same machine: on a shared machine the
    CPU's speed drifts over seconds, and timing blocks of calls one after the
    other measures that drift as much as the code. Each figure is a path's median
    call, so a stray pause does not count.

    litellm finishes every call's logging on a background thread. A call is timed
    until the logging it started is done: otherwise that work lands in whichever
    call runs next, and a path that does anything after its call returns (as
    coachkit does) is charged for the other path's logging as well as its own.
    CPU time counts every thread of this process, the loopback server included,
    the same on every path.
    """
    litellm = load_litellm()
    bank = QuestionBank.load()
    question = bank.get("time-you-failed")
    with FakeLLMServer(_fixed(0.0)) as server, Store(home / "overhead.db") as store:  # type: ignore[arg-type]
        config = _config(server)
        scorer = LLMScorer(config.entry("bench"), config, store=store)
        schema = response_format()
        prompts = [build_prompt(question, f"{STORY} Run {i}.").messages for i in range(calls)]

        def bare(i: int) -> None:
            litellm.completion(
                model="openai/bench-model",
                messages=prompts[i],
                api_base=f"{server.url}/v1",
                api_key="sk-bench-000000",
                timeout=60,
                max_retries=0,
                temperature=0,
                response_format=schema,
            )

        def call(i: int) -> None:
            scorer.client.complete(prompts[i], purpose="score", schema=schema, sink=[])

        def score(i: int, tag: str = "") -> None:
            scorer.score(question, f"{STORY} Run {i}{tag}.")  # a new answer: a cache miss

        for i in range(min(20, calls)):  # warm up every path
            bare(i)
            call(i)
            score(i, " (warm-up)")
        runs: dict[str, Callable[[int], None]] = {"bare": bare, "call": call, "score": score}
        timings: dict[str, list[tuple[float, float]]] = {path: [] for path in PATHS}
        with _tracked_logging(litellm) as drain:
            for i in range(calls):
                for path in PATHS[i % 3 :] + PATHS[: i % 3]:
                    wall, cpu = time.perf_counter(), time.process_time()
                    runs[path](i)
                    drain()  # the logging this call set off, on litellm's own thread
                    timings[path].append((time.perf_counter() - wall, time.process_time() - cpu))
    figures = {
        kind: {path: statistics.median(t[index] for t in timings[path]) * 1000 for path in PATHS}
        for index, kind in enumerate(("wall", "cpu"))
    }
    # The whole-score ratio in each quarter of the run, to show how much it moves.
    quarter = max(1, calls // 4)
    figures["quarters"] = {
        str(n): statistics.median(t[0] for t in timings["score"][n : n + quarter])
        / statistics.median(t[0] for t in timings["bare"][n : n + quarter])
        for n in range(0, quarter * 4, quarter)
    }
    return figures


def own_work(home: Path, scorings: int = 400) -> tuple[float, float]:
    """Median ms CPU of coachkit's own work per score: the provider call returns a canned reply.

    What is left is coachkit alone: prompt, cache look-up, budget, reply validation,
    evidence and fact checks, the ScoreCard, and the usage log and cache writes. Two
    figures: scores one after another (its code and data stay in the CPU's caches), and
    each after a real litellm call (untimed), as in a score, where litellm's call has
    filled the caches with its own and coachkit's work runs cold. The second is what a
    whole score pays over the call.
    """
    litellm = load_litellm()
    question = QuestionBank.load().get("time-you-failed")
    with FakeLLMServer(_fixed(0.0)) as server, Store(home / "own.db") as store:  # type: ignore[arg-type]
        config = _config(server)
        entry = config.entry("bench")
        params = dict(entry.litellm_params)
        prompt, schema = build_prompt(question, STORY).messages, response_format()
        canned = litellm.completion(messages=[{"role": "user", "content": "hi"}], **params)
        scorer = LLMScorer(entry, config, store=store, completion=lambda **_: canned)
        figures = []
        with _tracked_logging(litellm) as drain:
            for between in (False, True):
                times = []
                for i in range(scorings):
                    if between:
                        litellm.completion(messages=prompt, response_format=schema, **params)
                        drain()
                    started = time.process_time()
                    scorer.score(question, f"{STORY} Own {between} {i}.")
                    times.append(time.process_time() - started)
                figures.append(statistics.median(times[20:]) * 1000)
    return figures[0], figures[1]


def throughput(
    home: Path, scorings: int = 100, latency: float = 0.2, concurrency: int = 10
) -> float:
    """Wall seconds for ``scorings`` at ``concurrency`` against a server taking ``latency``."""
    bank = QuestionBank.load()
    question = bank.get("time-you-failed")
    with FakeLLMServer(_fixed(latency)) as server, Store(home / "batch.db") as store:  # type: ignore[arg-type]
        config = _config(server)
        scorer = LLMScorer(config.entry("bench"), config, store=store)
        scorer.score(question, f"{STORY} Warm-up.")  # litellm import and first connection
        jobs = [(question, f"{STORY} Batch {i}.") for i in range(scorings)]
        started = time.perf_counter()
        outcomes = score_batch(scorer, jobs, concurrency=concurrency, progress=False)
        wall = time.perf_counter() - started
    failed = [o for o in outcomes if o.card is None]
    if failed:
        raise SystemExit(f"{len(failed)} scorings failed: {failed[0].error}")
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=400, help="calls per path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        figures = overhead(args.calls, home)
        print(
            f"per call against a zero-latency loopback server ({args.calls} calls a path, "
            "taking turns, median call):"
        )
        for kind, label in (("wall", "wall time"), ("cpu", "CPU time")):
            ms = figures[kind]
            print(
                f"  {label}: bare litellm.completion {ms['bare']:.2f} ms; "
                f"through coachkit's client {ms['call']:.2f} ms (ratio "
                f"{ms['call'] / ms['bare']:.3f}); a whole coachkit score {ms['score']:.2f} ms "
                f"(ratio {ms['score'] / ms['bare']:.3f}, target <= 1.10)"
            )
        spread = ", ".join(f"{ratio:.3f}" for ratio in figures["quarters"].values())
        print(f"  whole-score ratio (wall) in each quarter of the run: {spread}")
        hot, cold = own_work(home)
        print(
            "coachkit's own work per score (the call answered from a canned reply): "
            f"{hot:.2f} ms CPU one score after another; {cold:.2f} ms CPU each after a "
            "litellm call (cold caches, as in a whole score)"
        )
        wall = throughput(home)
        print(
            f"100 scorings, 200 ms server latency, concurrency 10: {wall:.2f} s wall (target < 3 s)"
        )


if __name__ == "__main__":
    main()
