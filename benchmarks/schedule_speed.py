"""How long "Next up" takes to replay a practice history into its review schedule.

Prints (not a timed test) the median time to build the schedule and pick the next
question for histories of 100, 1,000 and 5,000 attempts over 90 days.

    python benchmarks/schedule_speed.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# This checkout's coachkit, whichever is installed (an editable install of another clone).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coachkit import Coach, QuestionBank
from coachkit.models import Attempt
from coachkit.schedule import Schedule

ANSWER = (
    "In 2023 I led the billing migration at Acme, moving 40,000 customers. I owned the "
    "cut-over plan. I rolled back within 20 minutes and the next four launches had zero incidents."
)


def history(size: int, now: datetime) -> list[Attempt]:
    bank = list(QuestionBank.load())
    card = Coach().submit("time-you-failed", ANSWER, save=False).card
    rng = random.Random(size)
    attempts = []
    for _ in range(size):
        question = rng.choice(bank)
        scored = card.model_copy(
            update={"question_id": question.id, "overall": rng.randint(20, 95)}
        )
        attempts.append(
            Attempt(
                question_id=question.id,
                category=question.category,
                answer=ANSWER,
                card=scored,
                created_at=now - timedelta(minutes=rng.randint(1, 90 * 24 * 60)),
            )
        )
    return sorted(attempts, key=lambda a: a.created_at)


def main() -> None:
    now = datetime.now(UTC)
    questions = list(QuestionBank.load())
    for size in (100, 1_000, 5_000):
        attempts = history(size, now)
        times = []
        for _ in range(7):
            started = time.perf_counter()
            Schedule(attempts, now=now).suggest(questions)
            times.append(time.perf_counter() - started)
        print(
            f"{size:>5} attempts: schedule and next question in "
            f"{statistics.median(times) * 1000:.1f} ms (median of 7)"
        )


if __name__ == "__main__":
    main()
