"""A kernel killed mid-answer loses nothing typed: a real process is SIGKILLed, then reopened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachkit import Coach, Store
from coachkit.ui import PracticeView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

ANSWER = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."

# The "kernel": a practice view with real threads, a scorer that never returns, and typing.
KERNEL = """
import sys, threading, time
from coachkit import Coach
from coachkit.ui import PracticeView
from coachkit.ui.runtime import ThreadRunner, ThreadScheduler

class Hangs:
    name = "local"
    def score(self, question, answer):
        print("SCORING", flush=True)
        threading.Event().wait()

view = PracticeView(
    Coach(scorer_factory=lambda name, config: Hangs()),
    question_id="time-you-failed",
    runner=ThreadRunner(),
    scheduler=ThreadScheduler(),
    draft_delay=0.05,
)
text = sys.argv[2]
for end in range(0, len(text) + 1, 7):  # keystrokes, a few characters at a time
    view.answer.value = text[:end]
view.answer.value = text
print("TYPED", flush=True)
if sys.argv[1] == "score":
    view.score_button.click()
threading.Event().wait()
"""


def _start(mode: str, home: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "COACHKIT_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-c", KERNEL, mode, ANSWER],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(process: subprocess.Popen[str], word: str) -> None:
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.strip() == word:
            return
        if not line and process.poll() is not None:
            raise AssertionError(f"the kernel died early: {process.stderr.read()}")  # type: ignore[union-attr]
    raise AssertionError(f"no {word} from the kernel")


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(10)


def _reopen() -> PracticeView:
    return PracticeView(Coach(), runner=InlineRunner(), scheduler=ManualScheduler())


def test_killed_while_scoring(coachkit_home: Path) -> None:
    kernel = _start("score", coachkit_home)
    try:
        _wait_for(kernel, "SCORING")
    finally:
        _kill(kernel)
    view = _reopen()
    assert view.question.value == "time-you-failed"
    assert view.answer.value == ANSWER
    assert "Draft restored" in view.draft_status.value
    assert view.coach.history() == []  # nothing half-saved


def test_killed_while_typing(coachkit_home: Path) -> None:
    kernel = _start("type", coachkit_home)
    try:
        _wait_for(kernel, "TYPED")
        # The debounced save lands within moments of the last keystroke; then the kill.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with Store(coachkit_home / "coachkit.db") as store:
                if store.load_draft("time-you-failed") == ANSWER:
                    break
            time.sleep(0.05)
    finally:
        _kill(kernel)
    view = _reopen()
    assert view.answer.value == ANSWER
