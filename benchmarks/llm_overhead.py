"""LLM scoring overhead and batch throughput, against a loopback OpenAI-compatible server.

Prints two figures (not a timed test):
1. coachkit's per-call cost over a bare ``litellm.completion`` call with the same
   messages, against a zero-latency server on 127.0.0.1 (target: ratio <= 1.10);
2. 100 scorings against a server answering in 200 ms, 10 at a time (target: < 3 s).

    python benchmarks/llm_overhead.py [--calls 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the fake server is a test fixture

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
REPLY = grade_json(4, QUOTES, overall=78)


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


Timing = tuple[float, float]  # (wall seconds, CPU seconds of this process) per call


def _timed(run: Callable[[], None], n: int) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return (time.perf_counter() - wall) / n, (time.process_time() - cpu) / n


def overhead(calls: int, home: Path, rounds: int = 20) -> dict[str, tuple[float, float, float]]:
    """Per-call ms for bare litellm and coachkit, and their ratio, by wall and by CPU time.

    Calls run in back-to-back blocks, not one by one: litellm finishes each call's
    logging on a background thread, and a block charges that work to the path
    that caused it. Each round times a bare block and a coachkit block side by
    side (which goes first alternates), so both see the same machine; the ratio
    reported is the median of the rounds' ratios, and the per-call figures are
    each path's median round. On a shared machine a single fastest round pairs
    one path's lucky moment with the other's unlucky one. CPU time counts every
    thread of this process, the loopback server included, the same on both paths.
    """
    litellm = load_litellm()
    bank = QuestionBank.load()
    question = bank.get("time-you-failed")
    with FakeLLMServer(_fixed(0.0)) as server, Store(home / "overhead.db") as store:  # type: ignore[arg-type]
        config = _config(server)
        scorer = LLMScorer(config.entry("bench"), config, store=store)
        schema = response_format()
        prompts = [build_prompt(question, f"{STORY} Run {i}.").messages for i in range(calls)]

        def bare(block: range) -> None:
            for i in block:
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

        def ours(block: range, tag: str = "") -> None:
            for i in block:
                scorer.score(question, f"{STORY} Run {i}{tag}.")  # a new answer: a cache miss

        warm = range(min(20, calls))
        bare(warm)
        ours(warm, " (warm-up)")
        size = max(1, calls // rounds)
        bare_runs: list[Timing] = []
        our_runs: list[Timing] = []
        for r in range(rounds):
            block = range(r * size, (r + 1) * size)
            if r % 2:
                our_runs.append(_timed(lambda b=block: ours(b), size))  # type: ignore[misc]
                bare_runs.append(_timed(lambda b=block: bare(b), size))  # type: ignore[misc]
            else:
                bare_runs.append(_timed(lambda b=block: bare(b), size))  # type: ignore[misc]
                our_runs.append(_timed(lambda b=block: ours(b), size))  # type: ignore[misc]
    figures = {}
    for index, kind in enumerate(("wall", "cpu")):
        bare_ms = statistics.median(run[index] for run in bare_runs) * 1000
        our_ms = statistics.median(run[index] for run in our_runs) * 1000
        ratio = statistics.median(
            ours_run[index] / bare_run[index]
            for bare_run, ours_run in zip(bare_runs, our_runs, strict=True)
        )
        figures[kind] = (bare_ms, our_ms, ratio)
    return figures


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
    parser.add_argument("--calls", type=int, default=400, help="calls per path (20 rounds)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        figures = overhead(args.calls, home)
        for kind, label in (("wall", "wall time"), ("cpu", "CPU time")):
            bare_ms, our_ms, ratio = figures[kind]
            print(
                f"per-call {label} vs bare litellm.completion (zero-latency loopback, "
                f"{args.calls} calls each, median of 20 paired rounds): bare {bare_ms:.2f} ms, "
                f"coachkit {our_ms:.2f} ms, ratio {ratio:.3f} (target <= 1.10)"
            )
        wall = throughput(home)
        print(
            f"100 scorings, 200 ms server latency, concurrency 10: {wall:.2f} s wall (target < 3 s)"
        )


if __name__ == "__main__":
    main()
