"""Every notebook is committed clean: no outputs, a python3 kernelspec, a few thin cells."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
REQUIRED = ["01_practice", "02_progress", "03_mock_interview", "04_settings"]
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))


def test_the_notebooks_exist() -> None:
    names = {path.stem for path in ALL}
    assert set(REQUIRED) <= names


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: strip the outputs"
            assert cell["execution_count"] is None, f"{path.name}: clear execution counts"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_kernelspec_is_python3(path: Path) -> None:
    # Without it JupyterLab opens a kernel picker instead of running the notebook.
    metadata = json.loads(path.read_text(encoding="utf-8"))["metadata"]
    assert metadata["kernelspec"]["name"] == "python3"
    assert metadata["kernelspec"]["language"] == "python"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_thin_clients(path: Path) -> None:
    """A few short cells that import from coachkit.ui: the logic lives in the package."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert 1 <= len(code) <= 3
    for source in code:
        assert len(source.splitlines()) <= 6
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module == "coachkit.ui"
            assert not isinstance(node, ast.FunctionDef | ast.ClassDef)


def test_nbval_kernels_never_touch_the_real_home(tmp_path: Path) -> None:
    """Under plain `pytest`, the notebooks run against a temp COACHKIT_HOME."""
    real = tmp_path / "real-home"
    real.mkdir()
    env = {**os.environ, "COACHKIT_HOME": str(real), "COACHKIT_SCORER": "nope"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "--nbval-lax",
            "--nbval-current-env",
            str(NOTEBOOKS / "00_start_here.ipynb"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert list(real.iterdir()) == []
