"""A kernel restarted right after typing keeps the text: a real kernel, restarted the
way JupyterLab restarts it (a shutdown request, then a new kernel)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from coachkit import Coach, Store

manager = pytest.importorskip("jupyter_client.manager")

ANSWER = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."

# Typed, and the kernel restarted at once: well inside the second the drafts wait for a
# pause in typing before they write.
TYPING = f"""
from coachkit.ui import PracticeView
view = PracticeView(question_id="time-you-failed")
text = {ANSWER!r}
for end in range(0, len(text) + 1, 7):
    view.answer.value = text[:end]
view.answer.value = text
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX kernels only in CI")
def test_text_typed_just_before_a_restart_is_kept(tmp_path: Path) -> None:
    home = tmp_path / "home"
    km, kc = manager.start_new_kernel(
        kernel_name="python3", env={**os.environ, "COACHKIT_HOME": str(home)}
    )
    try:
        reply = kc.execute_interactive(TYPING, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        km.restart_kernel(now=False)  # JupyterLab's Restart: the kernel is asked to exit
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    with Store(home / "coachkit.db") as store:
        assert Coach(store=store).load_draft("time-you-failed") == ANSWER


# The database held by another program the whole time (saves give up after 0.2 s), and
# the kernel restarted before the typing pause: the text can only be in a file.
HELD_TYPING = f"""
import sqlite3
from coachkit import Coach, Store
from coachkit.ui import PracticeView
store = Store(timeout=0.2)
store.save_draft("seed", "the file exists")
holder = sqlite3.connect(store.path, isolation_level=None)
holder.execute("BEGIN IMMEDIATE")
view = PracticeView(Coach(store=store), question_id="time-you-failed")
view.answer.value = {ANSWER!r}
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX kernels only in CI")
def test_text_the_database_would_not_take_is_in_a_file_after_a_restart(tmp_path: Path) -> None:
    home = tmp_path / "home"
    km, kc = manager.start_new_kernel(
        kernel_name="python3", env={**os.environ, "COACHKIT_HOME": str(home)}
    )
    try:
        reply = kc.execute_interactive(HELD_TYPING, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
        km.restart_kernel(now=False)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    [kept] = sorted((home / "unscored").iterdir())
    assert kept.name.startswith("time-you-failed-")
    assert kept.read_text(encoding="utf-8") == ANSWER
    with Store(home / "coachkit.db") as store:
        assert Coach(store=store).load_draft("time-you-failed") is None


# Score pressed with an LLM profile, and the kernel restarted while the model works.
SCORING = f"""
from coachkit.ui import PracticeView
view = PracticeView(question_id="time-you-failed")
view.scorer.value = "gpt"
view.answer.value = {ANSWER!r}
view.score_button.click()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX kernels only in CI")
def test_an_answer_being_scored_when_the_kernel_restarts_is_kept_as_a_draft(
    tmp_path: Path,
) -> None:
    """Nothing is saved of a score cut short: the answer comes back as a draft, in a view
    that is not left waiting for it, and the call counts as interrupted."""
    import threading

    from fake_openai_server import FakeLLMServer, Reply, Seen, fair_grade, write_config

    from coachkit.llm.usage import UsageLog
    from coachkit.ui import PracticeView
    from coachkit.ui.runtime import InlineRunner, ManualScheduler

    arrived, release = threading.Event(), threading.Event()

    def slow(seen: Seen) -> Reply:
        arrived.set()
        release.wait(timeout=120)
        return fair_grade(seen)

    home = tmp_path / "home"
    with FakeLLMServer(slow) as server:
        params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k"}
        write_config(home / "config.yaml", {"gpt": params})
        km, kc = manager.start_new_kernel(
            kernel_name="python3", env={**os.environ, "COACHKIT_HOME": str(home)}
        )
        try:
            reply = kc.execute_interactive(SCORING, timeout=120)
            assert reply["content"]["status"] == "ok", reply["content"]
            assert arrived.wait(timeout=120)  # the model has the answer
            km.restart_kernel(now=False)
        finally:
            release.set()
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        assert server.hits == 1
    with Store(home / "coachkit.db") as store:
        coach = Coach(store=store)
        assert coach.load_draft("time-you-failed") == ANSWER
        assert coach.history() == []
        assert [c.outcome for c in UsageLog(store).calls()] == ["interrupted"]
        view = PracticeView(coach, runner=InlineRunner(), scheduler=ManualScheduler())
        assert view.state.question_id == "time-you-failed" and view.answer.value == ANSWER
        assert "Draft restored." in view.draft_status.value
        assert not view.state.busy and not view.answer.disabled and view.status.value == ""
