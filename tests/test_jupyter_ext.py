"""The Jupyter server extension: the shipped notebooks are saved without outputs, so
running them never changes the repository; any other notebook is saved as it is."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from jupyter_server.services.contents.filemanager import FileContentsManager

from coachkit import jupyter
from coachkit.audio import MAX_AUDIO_BYTES, MAX_UPLOAD_BYTES

ROOT = Path(__file__).resolve().parent.parent


def _run(notebook: dict[str, Any]) -> dict[str, Any]:
    """The notebook as JupyterLab saves it after Run All: outputs, counts, widgets."""
    ran = json.loads(json.dumps(notebook))
    for number, cell in enumerate(ran["cells"]):
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "my answer\n"}]
            cell["execution_count"] = number
            cell["metadata"]["execution"] = {"iopub.status.idle": "2026-11-29T12:00:00Z"}
    ran["metadata"]["language_info"] = {"name": "python", "version": "3.11.7"}
    ran["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return ran


@pytest.fixture
def contents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FileContentsManager:
    """A contents manager over a copy of the repository's notebooks, hooked as the
    extension hooks the real server."""
    (tmp_path / "notebooks").mkdir()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        (tmp_path / "notebooks" / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(jupyter, "SHIPPED", (tmp_path / "notebooks").resolve())
    manager = FileContentsManager(root_dir=str(tmp_path))

    class Server:
        contents_manager = manager
        web_app = SimpleNamespace(settings={})

    jupyter._load_jupyter_server_extension(Server())
    return manager


def test_a_shipped_notebook_saved_after_running_is_byte_for_byte_the_committed_one(
    contents: FileContentsManager, tmp_path: Path
) -> None:
    path = "notebooks/01_practice.ipynb"
    committed = (ROOT / path).read_bytes()
    notebook = contents.get(path)["content"]
    contents.save({"type": "notebook", "format": "json", "content": _run(notebook)}, path)
    assert (tmp_path / path).read_bytes() == committed
    assert b"my answer" not in (tmp_path / path).read_bytes()


@pytest.mark.parametrize(
    "path", ["mine.ipynb", "notebooks/Untitled.ipynb", "notebooks/01_practice-Copy1.ipynb"]
)
def test_any_other_notebook_keeps_its_outputs(
    contents: FileContentsManager, tmp_path: Path, path: str
) -> None:
    """Beside the shipped notebooks too: a new notebook or a duplicate is the user's."""
    notebook = contents.get("notebooks/01_practice.ipynb")["content"]
    contents.save({"type": "notebook", "format": "json", "content": _run(notebook)}, path)
    saved = json.loads((tmp_path / path).read_text())
    assert any(cell.get("outputs") for cell in saved["cells"])
    assert saved["metadata"]["language_info"]["version"] == "3.11.7"


def test_the_shipped_names_are_the_notebooks_in_the_repository() -> None:
    assert {path.name for path in (ROOT / "notebooks").glob("*.ipynb")} == jupyter.NOTEBOOKS


def test_files_that_are_not_notebooks_are_left_alone(contents: FileContentsManager) -> None:
    model = {"type": "file", "format": "text", "content": "notes"}
    jupyter.strip_shipped_outputs(model, "notebooks/notes.txt", contents)
    assert model["content"] == "notes"


def test_installing_coachkit_enables_the_extension() -> None:
    """pip puts the wheel's shared data under the environment's prefix, where Jupyter
    reads ``etc/jupyter/jupyter_server_config.d/*.json`` (an editable install too)."""
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    shared = build["targets"]["wheel"]["shared-data"]
    target = shared["jupyter-config/coachkit.json"]
    assert target == "etc/jupyter/jupyter_server_config.d/coachkit.json"
    config = json.loads((ROOT / "jupyter-config" / "coachkit.json").read_text())
    assert config == {"ServerApp": {"jpserver_extensions": {"coachkit.jupyter": True}}}
    assert jupyter._jupyter_server_extension_points() == [{"module": "coachkit.jupyter"}]


def _loaded(settings: dict[str, Any]) -> dict[str, Any]:
    server = SimpleNamespace(
        contents_manager=FileContentsManager(), web_app=SimpleNamespace(settings=settings)
    )
    jupyter._load_jupyter_server_extension(server)
    return settings


def test_a_recording_over_the_limit_reaches_the_kernel_to_be_refused_in_words() -> None:
    """Past tornado's 10 MB a websocket message closed the kernel's connection: a 12 MB
    voice memo under **From a recording** was lost without a word."""
    limit = _loaded({})["websocket_max_message_size"]
    assert limit == MAX_UPLOAD_BYTES > 4 * MAX_AUDIO_BYTES
    # A limit set in the user's own server config stays theirs.
    assert _loaded({"websocket_max_message_size": 5})["websocket_max_message_size"] == 5


def test_voila_takes_a_recording_over_the_limit_too() -> None:
    """Voila, run on its own, loads no server extension: voila.json sets the same limit."""
    config = json.loads((ROOT / "voila.json").read_text())
    assert config["Voila"]["tornado_settings"]["websocket_max_message_size"] == MAX_UPLOAD_BYTES
