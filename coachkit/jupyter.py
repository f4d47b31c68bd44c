"""A Jupyter server extension that keeps the shipped notebooks clean on save.

JupyterLab saves a notebook every two minutes, outputs and all. The notebooks in
``notebooks/`` are apps whose state lives in ``COACHKIT_HOME`` (drafts, attempts),
so their outputs are worth nothing on disk, and saved they would change the
repository's files under the user (and fail its clean-notebook test). The
extension strips them as they are saved; any other notebook, in that folder or
elsewhere, is left alone.

Enabled by ``jupyter-config/coachkit.json``, which installing coachkit puts in
``<prefix>/etc/jupyter/jupyter_server_config.d/``. ``in_voila`` tells a kernel that
runs a Voila page, whose advice differs (no cell to run, a page to reload).

It also lets a recorded answer through: a file chosen under **From a recording** reaches
the kernel in one websocket message, which the server refuses past 10 MB by closing the
connection, and the recording was lost without a word.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .audio import MAX_UPLOAD_BYTES

__all__ = ["NOTEBOOKS", "SHIPPED", "in_voila", "strip_shipped_outputs"]


def in_voila() -> bool:
    """Whether this kernel runs a Voila page (Voila sets VOILA_KERNEL_ID in each Python
    kernel it starts): a page has no cell to run again and no kernel to restart, only
    itself to reload."""
    return bool(os.environ.get("VOILA_KERNEL_ID"))


# Where an editable install (a clone) keeps the notebooks; a wheel ships none.
SHIPPED = Path(__file__).resolve().parent.parent / "notebooks"
# The shipped notebooks by name: a user's own notebook in that folder ("Untitled.ipynb",
# a duplicate of one of these) is theirs, and keeps its outputs.
NOTEBOOKS = frozenset(
    {
        "00_start_here.ipynb",
        "01_practice.ipynb",
        "02_progress.ipynb",
        "03_mock_interview.ipynb",
        "04_settings.ipynb",
    }
)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "coachkit.jupyter"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    serverapp.contents_manager.register_pre_save_hook(strip_shipped_outputs)
    # Read by each websocket as it opens; a limit the user set is theirs.
    serverapp.web_app.settings.setdefault("websocket_max_message_size", MAX_UPLOAD_BYTES)


def strip_shipped_outputs(
    model: dict[str, Any], path: str, contents_manager: Any, **_: Any
) -> None:
    """Save a shipped notebook as it was committed: no outputs, no execution counts, no
    widget state, the language named but not versioned."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    root = getattr(contents_manager, "root_dir", None)
    if root is None:
        return
    saved = Path(root, path.lstrip("/")).resolve()
    if saved.parent != SHIPPED or saved.name not in NOTEBOOKS:
        return
    notebook = model["content"]
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            cell.get("metadata", {}).pop("execution", None)
    metadata = notebook.setdefault("metadata", {})
    metadata.pop("widgets", None)
    if "language_info" in metadata:
        metadata["language_info"] = {"name": metadata["language_info"].get("name", "python")}
