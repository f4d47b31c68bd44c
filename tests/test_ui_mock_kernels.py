"""Mock interviews in two notebooks on separate kernels, over one database.

Each kernel's view is a MockInterviewView on a Store of its own. An interview is run by
one kernel at a time (``MockSession.kernel``); to stand for the other kernel, a test runs
a process that only sleeps and has a view claim interviews under that process's id.
"""

from __future__ import annotations

import random
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.interview import MockSession
from coachkit.ui import MockInterviewView, single
from coachkit.ui.mock import session_key
from coachkit.ui.runtime import InlineRunner, ManualScheduler

QUESTIONS = ["time-you-failed", "production-incident"]
KEPT = "In 2023 I led the billing migration at Acme. Late invoices fell to 0."


@pytest.fixture
def other_kernel() -> Iterator[str]:
    """The "host:pid" of another running kernel: a process that only sleeps."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield f"{socket.gethostname()}:{process.pid}"
    finally:
        process.kill()
        process.wait()


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two connections to one file, as two kernels have."""
    path = tmp_path / "shared.db"
    with Store(path) as first, Store(path) as second:
        yield first, second


@contextmanager
def as_kernel(monkeypatch: pytest.MonkeyPatch, kernel: str) -> Iterator[None]:
    """Within the block, a view claims interviews as the kernel ``kernel``."""
    with monkeypatch.context() as patched:
        patched.setattr("coachkit.interview.this_kernel", lambda: kernel)
        yield


def _window(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> tuple[Coach, MockInterviewView, ManualScheduler]:
    """A mock interview view in a kernel of its own: no other view here to retire."""
    monkeypatch.setattr(single, "_live", {})
    coach, clock = coach_with(bank, store, FakeScorer()), ManualScheduler()
    view = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )
    return coach, view, clock


def _kept_session(store: Store) -> MockSession:
    """An interview left unfinished by a kernel now gone, with one answer typed."""
    session = MockSession(question_ids=list(QUESTIONS), answers={QUESTIONS[0]: KEPT})
    store.save_draft(session_key(session), session.to_json())
    return session


def _saved(coach: Coach, session: MockSession) -> MockSession | None:
    text = coach.load_draft(session_key(session))
    return MockSession.from_json(text) if text else None


def test_an_interview_offered_in_two_notebooks_is_resumed_in_one_only(
    bank: QuestionBank,
    stores: tuple[Store, Store],
    other_kernel: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Both notebooks offered it: both resumed it, each save undid the other's typing,
    and the second to finish was shown the first's score beside its own words, which
    were then gone."""
    one, two = stores
    session = _kept_session(one)
    _coach, first, clock_one = _window(bank, one, monkeypatch, tmp_path)
    coach_two, second, _clock = _window(bank, two, monkeypatch, tmp_path)
    assert first.resume_button.layout.display == "" == second.resume_button.layout.display

    with as_kernel(monkeypatch, other_kernel):
        first.resume_button.click()
    first.answer.value = f"{KEPT} Typed in the first notebook."
    clock_one.advance(5)

    second.resume_button.click()  # the offer it shows is from before the first resumed
    assert second.session is None and second.asking.layout.display == "none"
    assert "resumed in another notebook" in (second.errors.message or "")
    assert second.resume_button.layout.display == "none"
    saved = _saved(coach_two, session)
    assert saved is not None and saved.answer(QUESTIONS[0]).endswith("the first notebook.")


def test_two_notebooks_resuming_at_once_resume_it_once(
    bank: QuestionBank,
    stores: tuple[Store, Store],
    other_kernel: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Both read the interview as free before either claimed it."""
    one, two = stores
    session = _kept_session(one)
    _coach, first, _clock = _window(bank, one, monkeypatch, tmp_path)
    second = _window(bank, two, monkeypatch, tmp_path)[1]
    free = one.load_draft(session_key(session))
    loads = iter([free])
    real = one.load_draft

    def stale_once(key: str) -> str | None:
        # The other kernel's claim lands between this read and this kernel's claim.
        return next(loads, None) or real(key)

    with as_kernel(monkeypatch, other_kernel):
        second.resume_button.click()
    assert second.session is not None
    monkeypatch.setattr(first.coach, "load_draft", stale_once)
    first.resume_button.click()
    assert first.session is None
    assert "resumed in another notebook" in (first.errors.message or "")


def test_an_interview_finished_elsewhere_is_not_resumed_from_an_old_offer(
    bank: QuestionBank,
    stores: tuple[Store, Store],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    one, two = stores
    _kept_session(one)
    coach_one, first, _clock = _window(bank, one, monkeypatch, tmp_path)
    coach_two, second, _clock = _window(bank, two, monkeypatch, tmp_path)

    second.resume_button.click()
    second.finish_button.click()  # scored and saved there: its draft is gone
    assert second.report is not None and len(coach_two.history()) == 1

    first.resume_button.click()
    assert first.session is None
    assert "no longer waiting" in (first.errors.message or "")
    assert first.resume_button.layout.display == "none"
    assert len(coach_one.history()) == 1
