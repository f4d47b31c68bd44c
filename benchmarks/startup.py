"""Startup cost a user feels: import, loading the bank, the first offline score, the UI.

Run: python benchmarks/startup.py  (prints figures; each step in a fresh interpreter)
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile

STEPS = {
    "import coachkit": "import coachkit",
    "load question bank": "import coachkit; coachkit.Coach().bank",
    "first offline score (no save)": (
        "import coachkit; coachkit.Coach().submit('time-you-failed', "
        "'In 2023 I led the billing migration at Lumen and missed launch by 3 weeks.', save=False)"
    ),
    "import coachkit.ui (widgets)": "import coachkit.ui",
    # A year of daily practice: every view reads the whole history when it opens.
    "read 2,000 saved attempts": "import coachkit; coachkit.Coach().history()",
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
elapsed = time.perf_counter() - t
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"s": elapsed, "rss_mb": rss_mb, "litellm": "litellm" in sys.modules}}))
"""


def measure(code: str, runs: int = 5) -> dict[str, float | bool]:
    samples = []
    with tempfile.TemporaryDirectory() as home:
        env = {"COACHKIT_HOME": home, "PATH": "/usr/bin:/bin"}
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


def main() -> None:
    print(f"{'step':<34} {'median ms':>10} {'peak RSS MB':>12}  litellm imported")
    for name, code in STEPS.items():
        try:
            figures = measure(code)
        except subprocess.CalledProcessError as exc:
            print(f"{name:<34} failed: {exc.stderr.strip().splitlines()[-1]}")
            continue
        print(
            f"{name:<34} {figures['median_ms']:>10.1f} {figures['max_rss_mb']:>12.1f}"
            f"  {figures['litellm_imported']}"
        )


if __name__ == "__main__":
    main()
