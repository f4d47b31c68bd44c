"""Startup cost a user feels: import, loading the bank, the first offline score, the UI,
and the first LLM score in a fresh kernel (against a loopback server on 127.0.0.1).

Run: python benchmarks/startup.py  (prints figures; each step in a fresh interpreter)
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # the fake server
from fake_openai_server import FakeLLMServer

ROOT = Path(__file__).resolve().parent.parent

# A cell's code runs on the kernel's asyncio loop; what the view leaves for after it is
# shown runs once the cell is done (before asyncio.run returns). A step that sets
# `shown_at` is timed to that moment.
_IN_A_KERNEL = """
import asyncio, time
from coachkit.ui import ProgressView
async def cell():
    global shown_at
    ProgressView()
    {mark}
asyncio.run(cell())
"""
# Queued behind the view's own first task, the wide chart: timed once it is drawn (its
# narrow and compact layouts, queued by that task, come after).
_AFTER_THE_CHART = (
    "asyncio.get_running_loop().call_soon("
    "lambda: globals().__setitem__('shown_at', time.perf_counter()))"
)

STEPS = {
    # The package loads its names when first used (a Ctrl-C as a command starts is then
    # coachkit's to handle): `import coachkit` alone costs nothing, so time a name's load.
    "from coachkit import Coach": "from coachkit import Coach",
    "load question bank": "import coachkit; coachkit.Coach().bank",
    "first offline score (no save)": (
        "import coachkit; coachkit.Coach().submit('time-you-failed', "
        "'In 2023 I led the billing migration at Lumen and missed launch by 3 weeks.', save=False)"
    ),
    "import the practice view (widgets)": "from coachkit.ui import PracticeView",
    # A year of daily practice: every view reads the whole history when it opens.
    "read 2,000 saved attempts": "import coachkit; coachkit.Coach().history()",
    # The views read it as they open and check the file (PRAGMA quick_check), as the CLI
    # does before it writes: damage where the read does not go is found there.
    "open the practice view": "from coachkit.ui import PracticeView; PracticeView()",
    # In a kernel's running loop, as a notebook opens it: shown (its first paint, the
    # numbers and the table, the chart's place held: the time a user waits), then its
    # first chart drawn (matplotlib imported, the wide layout shown), then that chart's
    # narrow and compact layouts drawn too.
    "open the progress view (shown)": _IN_A_KERNEL.format(mark="shown_at = time.perf_counter()"),
    "open the progress view (charts drawn)": _IN_A_KERNEL.format(mark=_AFTER_THE_CHART),
    "open the progress view (every layout)": _IN_A_KERNEL.format(mark="pass"),
    # The command as typed, after 2,000 attempts: it checks the file (PRAGMA quick_check)
    # before it writes to it.
    "coachkit score, saved": (
        "import io, sys; from coachkit.cli import main; sys.stdin = io.StringIO('In 2023 I "
        "led the billing migration at Lumen and missed launch by 3 weeks.'); "
        "main(['score', 'time-you-failed'], out=io.StringIO())"
    ),
}

# Run once per home before the steps: 2,000 attempts, five a day over 400 days.
FILL_HOME = """
from datetime import UTC, datetime, timedelta
import coachkit
from coachkit.models import new_key
coach = coachkit.Coach()
ids = [q.id for q in coach.bank.filter()]
answer = ("In 2023 I led the billing migration at Lumen. I was asked to move 40 services "
          "without downtime. I wrote the cutover plan and ran it. We finished 2 weeks early.")
scored = [coach.submit(qid, answer, save=False) for qid in ids]
start = datetime(2025, 1, 1, tzinfo=UTC)
coach.store.add_attempts(
    scored[i % len(scored)].model_copy(
        update={"id": new_key(), "created_at": start + timedelta(hours=4.8 * i)}
    )
    for i in range(2000)
)
"""

PROBE = """
import json, resource, sys, time
t = time.perf_counter()
exec(compile({code!r}, "<step>", "exec"))
elapsed = globals().get("shown_at", time.perf_counter()) - t
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"s": elapsed, "rss_mb": rss_mb, "litellm": "litellm" in sys.modules}}))
"""


def measure(code: str, runs: int = 5) -> dict[str, float | bool]:
    samples = []
    with tempfile.TemporaryDirectory() as home:
        # This checkout's coachkit, whichever is installed (or a PYTHONPATH given).
        paths = [os.environ.get("PYTHONPATH", ""), str(ROOT)]
        env = {
            "COACHKIT_HOME": home,
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": os.pathsep.join(p for p in paths if p),
        }
        subprocess.run([sys.executable, "-c", FILL_HOME], check=True, env=env)
        for _ in range(runs):
            out = subprocess.run(
                [sys.executable, "-c", PROBE.format(code=code)],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "median_ms": 1000 * statistics.median(s["s"] for s in samples),
        "max_rss_mb": max(s["rss_mb"] for s in samples),
        "litellm_imported": any(s["litellm"] for s in samples),
    }


# The first LLM score in a fresh kernel (each run a new answer: one scored before comes
# from the cache): asked for at once, litellm's import (seconds)
# comes first; asked for after the practice view has been open a while (the time it
# takes to read the question and write), the view has imported it in the background.
FIRST_LLM_SCORE = """
import json, time, coachkit
{before}
coach = coachkit.Coach()
t = time.perf_counter()
card = coach.submit("time-you-failed", "In 2023 I led the billing migration at Lumen and "
                    "missed launch by 3 weeks. I added a load test gate. {n}", save=False).card
print(json.dumps({{"s": time.perf_counter() - t, "scorer": card.scorer}}))
"""
OPEN_VIEW = "from coachkit.ui import PracticeView; PracticeView(); time.sleep({wait})"


def first_llm_score(runs: int = 3, wait: float = 10.0) -> None:
    with FakeLLMServer() as server, tempfile.TemporaryDirectory() as home:
        config = Path(home) / "config.yaml"
        config.write_text(
            "scorer: bench\nmodel_list:\n  - model_name: bench\n    litellm_params:\n"
            f"      model: openai/gpt-4o-mini\n      api_base: {server.url}/v1\n"
            "      api_key: os.environ/BENCH_KEY\n",
            encoding="utf-8",
        )
        env = {
            "COACHKIT_HOME": home,
            "COACHKIT_CONFIG": str(config),
            "BENCH_KEY": "sk-bench",
            "PATH": "/usr/bin:/bin",
        }
        fresh = itertools.count()  # a new answer each run
        for name, before in (
            ("first LLM score, asked at once", ""),
            (f"... after the view was open {wait:g} s", OPEN_VIEW.format(wait=wait)),
        ):
            samples = []
            for _ in range(runs):
                out = subprocess.run(
                    [sys.executable, "-c", FIRST_LLM_SCORE.format(before=before, n=next(fresh))],
                    capture_output=True,
                    text=True,
                    check=True,
                    env=env,
                )
                sample = json.loads(out.stdout.strip().splitlines()[-1])
                assert sample["scorer"] == "bench", sample  # scored by the LLM, no fallback
                samples.append(sample["s"])
            print(f"{name:<40} {1000 * statistics.median(samples):>10.1f}")


def main() -> None:
    print(f"{'step':<40} {'median ms':>10} {'peak RSS MB':>12}  litellm imported")
    for name, code in STEPS.items():
        try:
            figures = measure(code)
        except subprocess.CalledProcessError as exc:
            print(f"{name:<40} failed: {exc.stderr.strip().splitlines()[-1]}")
            continue
        print(
            f"{name:<40} {figures['median_ms']:>10.1f} {figures['max_rss_mb']:>12.1f}"
            f"  {figures['litellm_imported']}"
        )
    first_llm_score()


if __name__ == "__main__":
    main()
