"""Fixtures for the browser tests: JupyterLab, Voila and headless Chromium.

The servers are started once per session (each costs seconds); every test gets
its own browser context, and its own copy of the notebooks in JupyterLab so it
gets fresh kernels. A failed test leaves a screenshot, the browser console and
the server logs in ``artifacts/e2e/<test>/``.
"""

from __future__ import annotations

import random
import re
import shutil
import uuid
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import PageSession, Server

if TYPE_CHECKING:  # playwright may be missing: the tests are then skipped, not broken
    from playwright.sync_api import Browser, Page

HERE = Path(__file__).resolve().parent
_SESSION_KEY = pytest.StashKey[PageSession]()
_SERVERS_KEY = pytest.StashKey[list[Server]]()


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark every test here ``e2e`` as it is collected, before any plugin's
    ``pytest_collection_modifyitems`` reads marks (``-m "not e2e"`` among them)."""
    if HERE in item.path.parents:
        item.add_marker(pytest.mark.e2e)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip every test here (not fail) when there is no browser."""
    reason = harness.chromium_missing_reason()
    if not reason:
        return
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a failure, save what the browser showed while the page is still open."""
    report = yield
    session = item.stash.get(_SESSION_KEY, None)
    if report.failed and session is not None and report.when in ("setup", "call"):
        folder = harness.ARTIFACTS_DIR / _slug(item.name)
        shutil.rmtree(folder, ignore_errors=True)
        harness.save_artifacts(folder, session, item.stash.get(_SERVERS_KEY, []))
        report.sections.append(("e2e artifacts", f"screenshot and console log in {folder}"))
    return report


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")[:120]


@pytest.fixture(scope="session")
def e2e_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def lab(e2e_tmp: Path) -> Iterator[Server]:
    """JupyterLab on a free 127.0.0.1 port over a temp root, with a temp COACHKIT_HOME."""
    root = e2e_tmp / "lab-root"
    root.mkdir()
    with harness.running(
        harness.start_jupyterlab(root, e2e_tmp / "lab-home", e2e_tmp / "lab-state")
    ) as server:
        server.extra["stopping"] = []
        yield server
        for stopping in server.extra["stopping"]:
            stopping.join()


@pytest.fixture
def lab_dir(lab: Server) -> Iterator[str]:
    """A fresh copy of the notebooks under the lab root (fresh kernels); its relative path."""
    name = f"run-{uuid.uuid4().hex[:8]}"
    harness.copy_notebooks(lab.root / name)
    yield name
    # Two cores do not carry idle kernels for free; they stop as the next test starts.
    lab.extra["stopping"].append(harness.shutdown_lab_sessions_later(lab))


@pytest.fixture(scope="session")
def voila(e2e_tmp: Path) -> Iterator[Server]:
    """Voila over a temp copy of the notebooks, with its own COACHKIT_HOME."""
    root = harness.copy_notebooks(e2e_tmp / "voila-root")
    with harness.running(
        harness.start_voila(root, e2e_tmp / "voila-home", e2e_tmp / "voila-state")
    ) as server:
        yield server


@pytest.fixture
def broken_voila(tmp_path: Path) -> Iterator[Server]:
    """Voila whose COACHKIT_HOME config sends scoring to a closed 127.0.0.1 port."""
    home = tmp_path / "broken-home"
    harness.broken_scorer_config(home)
    root = harness.copy_notebooks(tmp_path / "broken-root")
    with harness.running(harness.start_voila(root, home, tmp_path / "broken-state")) as server:
        yield server


@pytest.fixture
def damaged_voila(tmp_path: Path) -> Iterator[Server]:
    """Voila whose COACHKIT_HOME holds a database that is not one (random bytes)."""
    home = tmp_path / "damaged-home"
    home.mkdir()
    (home / "coachkit.db").write_bytes(random.Random(5).randbytes(5000))
    root = harness.copy_notebooks(tmp_path / "damaged-root")
    with harness.running(harness.start_voila(root, home, tmp_path / "damaged-state")) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = harness.launch_browser(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page_session(request: pytest.FixtureRequest, browser: Browser) -> Iterator[PageSession]:
    """A fresh browser context; the failure hook reads it (and the servers' logs)."""
    session = harness.open_page(browser)
    request.node.stash[_SESSION_KEY] = session
    request.node.stash[_SERVERS_KEY] = [
        request.getfixturevalue(name)
        for name in ("lab", "voila", "broken_voila", "damaged_voila")
        if name in request.fixturenames
    ]
    yield session
    session.context.close()


@pytest.fixture
def page(page_session: PageSession) -> Page:
    return page_session.page
