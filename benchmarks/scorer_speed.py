"""How fast the offline scorer is: one 300-word answer, and 10,000 answers in a row.

    python benchmarks/scorer_speed.py [--scorer local] [--answers 10000] [--repeat 300]

Every timing includes the whole ScoreCard (bands, key points, tips and the
rebuild). Answers are built from a fixed pool of sentences with a seeded random
generator, so runs are comparable; each one differs, so no cache flatters the
figures. Prints figures only: wall-clock limits belong in a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

# This checkout's coachkit, whichever is installed (an editable install of another clone).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coachkit import QuestionBank, load_config
from coachkit.scoring.registry import make_scorer

QUESTION_IDS = (
    "time-you-failed",
    "production-incident",
    "conflict-with-teammate",
    "design-rate-limiter",
    "idempotent-apis",
    "why-this-role",
)
SENTENCES = (
    "In {year} I was the {role} on the {system} team at {company}, a {kind} with {n} customers.",
    "Our {system} started failing at {hour} on a Friday, and {pct} percent of requests errored.",
    "My job was to restore service before the weekend peak without losing any orders.",
    "I checked the deploy log, found a config change from twenty minutes earlier and rolled "
    "it back because it was the only change in that window.",
    "I posted updates to support every {m} minutes so they could answer customers.",
    "Um, basically, we, like, looked at the dashboards together, you know, for a while.",
    "Errors fell from {pct} percent to under 0.5 percent within {m} minutes.",
    "Afterwards I added a canary stage for config changes and wrote the runbook myself.",
    "Since then the canary has caught {k} bad changes before they reached customers.",
    "I learned to treat configuration as code, with the same review and rollout as a release.",
    "The trade-off is a slower rollout, which costs about {m} minutes per change.",
    "If Redis is down we fail open with a local bucket, because blocking everyone is worse.",
    "I'd use a token bucket per API key, with capacity {k}0 so short bursts are allowed.",
    "We return 429 with a Retry-After header so well-behaved clients back off.",
    "The client sends an idempotency key in a header and the server stores the response.",
    "Honestly, I think it went really well and everyone was much happier afterwards.",
)
FILLS = {
    "year": ("2019", "2021", "2022", "2023", "2024"),
    "role": ("tech lead", "on-call engineer", "backend developer", "data engineer"),
    "system": ("payments", "search", "checkout", "billing", "notifications"),
    "company": ("Brightcart", "Fernhill", "Quillbook", "Tallyhq", "Northwind"),
    "kind": ("grocery startup", "payroll company", "bookshop", "travel agency"),
    "n": ("40,000", "400,000", "2 million", "12,000"),
    "hour": ("7:40", "9:05", "14:20", "23:50"),
    "pct": ("12", "18", "30", "45"),
    "m": ("5", "10", "15", "20"),
    "k": ("2", "3", "4", "7"),
}


def make_answer(rng: random.Random, words: int) -> str:
    """A story-like answer of about ``words`` words (never fewer)."""
    parts: list[str] = []
    count = 0
    while count < words:
        template = rng.choice(SENTENCES)
        sentence = template.format(**{key: rng.choice(values) for key, values in FILLS.items()})
        parts.append(sentence)
        count += len(sentence.split())
    return " ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scorer", default="local", help="profile name (default: local)")
    parser.add_argument("--answers", type=int, default=10_000, help="answers in the bulk run")
    parser.add_argument("--repeat", type=int, default=300, help="timed runs of one answer")
    parser.add_argument("--words", type=int, default=300, help="length of the single answer")
    args = parser.parse_args(argv)

    bank = QuestionBank.load()
    scorer = make_scorer(args.scorer, load_config())
    questions = [bank.get(q) for q in QUESTION_IDS]
    rng = random.Random(20261128)

    single = make_answer(rng, args.words)
    question = bank.get("production-incident")
    scorer.score(question, single)  # warm up: first use loads the bank index
    timings, cpu = [], []
    for _ in range(args.repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        scorer.score(question, single)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)

    bulk = [
        (rng.choice(questions), make_answer(rng, rng.randint(60, 400))) for _ in range(args.answers)
    ]
    started, started_cpu = time.perf_counter(), time.process_time()
    for bulk_question, answer in bulk:
        scorer.score(bulk_question, answer)
    wall = time.perf_counter() - started
    bulk_cpu = time.process_time() - started_cpu

    print(f"scorer {args.scorer!r}, Python {platform.python_version()}, one core")
    p95 = sorted(timings)[int(0.95 * len(timings))]
    print(
        f"{len(single.split())}-word answer, {args.repeat} runs: median "
        f"{statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, fastest {min(timings):.2f} ms "
        f"(CPU median {statistics.median(cpu):.2f} ms)"
    )
    print(
        f"{args.answers:,} answers of 60-400 words: {wall:.1f} s wall, {bulk_cpu:.1f} s CPU "
        f"({wall / args.answers * 1000:.2f} ms each)"
    )
    # On a shared machine wall time includes waiting for the CPU; the load says how much.
    if hasattr(os, "getloadavg"):
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
