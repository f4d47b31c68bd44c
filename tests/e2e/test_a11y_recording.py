"""The "From a recording" button in JupyterLab and Voila: named by its words alone (its
text is hidden, ipywidgets prints "<description> (<count>)", and its label drawn by the
stylesheet; the hidden " (0)" was part of its name), and a large recording is answered."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fake_openai_server import write_config  # noqa: E402

LABEL = "From a recording"


@pytest.fixture(scope="module")
def transcribing_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A COACHKIT_HOME whose config names a transcriber (at a closed port: nothing here
    transcribes), so Practice shows the button."""
    home = tmp_path_factory.mktemp("recording") / "home"
    params = {
        "model": "openai/whisper-1",
        "api_base": f"http://127.0.0.1:{harness.free_port()}/v1",
        "api_key": "none",
    }
    write_config(home / "config.yaml", {"whisper": params}, transcriber="whisper")
    return home


@pytest.fixture(scope="module")
def server(
    request: pytest.FixtureRequest,
    transcribing_home: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Server]:
    kind = request.param
    tmp = tmp_path_factory.mktemp(kind)
    start = harness.start_jupyterlab if kind == "lab" else harness.start_voila
    root = harness.copy_notebooks(tmp / "root", ["01_practice.ipynb"])
    with harness.running(start(root, transcribing_home, tmp / "state")) as running:
        yield running


def _open(page: Page, server: Server) -> None:
    if server.kind == "lab":
        harness.open_in_lab(page, server, "01_practice.ipynb")
        harness.run_all(page)
        harness.wait_lab_view(page, ".coachkit-recording")
    else:
        harness.open_in_voila(page, server, "01_practice.ipynb", ".coachkit-recording")


@pytest.mark.parametrize("server", ["lab", "voila"], indirect=True)
def test_the_upload_button_is_named_by_its_words(server: Server, page: Page) -> None:
    _open(page, server)
    button = page.get_by_role("button", name=LABEL, exact=True)
    # Named "(0)From a recording": the count ipywidgets prints, hidden, was read first.
    button.wait_for()
    assert button.evaluate("b => b.classList.contains('coachkit-recording')")
    assert f'button "{LABEL}"' in button.aria_snapshot()
    # Still a way to choose a file: the button opens the file chooser.
    with page.expect_file_chooser():
        button.click()


@pytest.mark.parametrize("server", ["lab", "voila"], indirect=True)
def test_a_recording_over_ten_mb_is_answered_in_words(
    server: Server, page: Page, tmp_path: Path
) -> None:
    """The browser sends the file in one websocket message; past the server's 10 MB the
    connection closed, the file was lost without a word, and the button stayed dead."""
    _open(page, server)
    harness.type_answer(page, "Typed before recording.")
    big = tmp_path / "memo.wav"
    big.write_bytes(b"\0" * (26 * 1024 * 1024))
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    button = page.get_by_role("button", name=LABEL, exact=True)
    error = page.locator(f"{harness.ERROR} [role='alert']")
    for path, said in ((big, "memo.wav is 26.0 MB"), (empty, "empty.wav is empty")):
        with page.expect_file_chooser() as chooser:
            button.click()
        chooser.value.set_files(str(path))
        error.filter(has_text=said).wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    assert harness.answer_text(page) == "Typed before recording."


@pytest.mark.parametrize("server", ["lab", "voila"], indirect=True)
def test_a_recording_over_the_servers_limit_is_refused_before_it_is_sent(
    server: Server, page: Page, tmp_path: Path
) -> None:
    """130 MB, past the 128 MB the server takes in one message: the websocket closed, the
    file was lost and nothing was said. Now the browser keeps it and the view says why;
    a file it does send still reaches the kernel (refused there: it is empty)."""
    _open(page, server)
    harness.type_answer(page, "Typed before recording.")
    huge = tmp_path / "memo.wav"
    with huge.open("wb") as out:
        out.truncate(130 * 1024 * 1024)
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    button = page.get_by_role("button", name=LABEL, exact=True)
    error = page.locator(f"{harness.ERROR} [role='alert']")
    for path, said in ((huge, "memo.wav is 130.0 MB"), (empty, "empty.wav is empty")):
        with page.expect_file_chooser() as chooser:
            button.click()
        chooser.value.set_files(str(path))
        error.filter(has_text=said).wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    assert harness.answer_text(page) == "Typed before recording."
    assert sockets == []  # the kernel's connection was never cut (and opened again)
