"""Shared fixtures: every test gets its own COACHKIT_HOME, and nothing reaches the network."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_openai_server import FakeLLMServer

from coachkit import Coach, QuestionBank, Store

# Belt and braces for any test that imports litellm: no cost-map fetch, no .env loading.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("PYTHON_DOTENV_DISABLED", "1")
# Tests date attempts in UTC and read their local days back: pinned, the suite reads the
# same in every zone it is run in (a run in Auckland failed 12 of them). A test of
# another zone sets TZ itself, and the kernels and commands the tests start inherit it.
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):
    time.tzset()


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C as a terminal gives it, however the tests were started: a shell's background
    job (`pytest ... &`) starts with SIGINT ignored, and so would every process the tests
    start, so the tests of what Ctrl-C does would see no KeyboardInterrupt at all."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def no_stray_running_loop(request: pytest.FixtureRequest) -> Iterator[None]:
    """No event loop looks running where none is driven. Playwright's sync API (the
    browser tests' one session) leaves its loop set as the thread's running loop between
    its calls; a unit test run after them in the same process then saw a loop nobody
    runs, and the progress view left its narrow and compact charts to it, undrawn."""
    if request.node.get_closest_marker("e2e") is not None:
        yield
        return
    stray = asyncio._get_running_loop()
    asyncio._set_running_loop(None)
    try:
        yield
    finally:
        asyncio._set_running_loop(stray)


@pytest.fixture(autouse=True)
def coachkit_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User state goes to a temp dir, never the real home; no stray env config."""
    home = tmp_path / "home"
    monkeypatch.setenv("COACHKIT_HOME", str(home))
    for name in ("COACHKIT_CONFIG", "COACHKIT_SCORER", "COACHKIT_FALLBACK", "COACHKIT_TRANSCRIBER"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(autouse=True)
def litellm_warmups(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The views' background import of litellm, recorded, not run: a test process imports
    it only when a test scores through it (tests/test_ui_warmup.py runs the real one)."""
    import threading

    from coachkit.ui import warmup

    started: list[object] = []
    monkeypatch.setattr(warmup, "_started", threading.Event())
    monkeypatch.setattr(warmup, "_start", started.append)
    return started


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    """The bundled bank (loaded once: it is read-only)."""
    return QuestionBank.load()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def coach(bank: QuestionBank, store: Store) -> Iterator[Coach]:
    yield Coach(bank=bank, store=store)


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    """An OpenAI-compatible server on 127.0.0.1 that a test scripts (see fake_openai_server)."""
    with FakeLLMServer() as running:
        yield running
