"""The "From a recording" button, as a screen reader names it, in JupyterLab and Voila:
by its words alone. Its text is hidden (ipywidgets prints "<description> (<count>)") and
its label drawn by the stylesheet; the hidden " (0)" was part of its name."""

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
