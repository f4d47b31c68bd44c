"""The notebook tests' setup: they run as on a fresh install, whatever the shell sets."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

from coachkit import load_config

ROOT = Path(__file__).resolve().parents[1]


def test_the_notebook_tests_drop_every_config_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each variable below changes what coachkit/config.py loads; none may reach nbval."""
    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "set-by-the-conftest"))  # undone after
    monkeypatch.setenv("COACHKIT_CONFIG", str(tmp_path / "no-such-config.yaml"))
    for name in ("SCORER", "FALLBACK", "TRANSCRIBER"):
        monkeypatch.setenv(f"COACHKIT_{name}", "no-such-profile")
    monkeypatch.setenv("COACHKIT_CHROMIUM", "/opt/chromium")  # the browser tests' own
    spec = importlib.util.spec_from_file_location("nb_conftest", ROOT / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.pytest_configure(None)
    config = load_config()  # would fail on any override left: none names a real profile
    assert (config.scorer, config.fallback, config.transcriber) == ("local", "local", None)
    assert config.source is None
    assert Path(os.environ["COACHKIT_HOME"]).name.startswith("coachkit-nbval-")
    assert os.environ["COACHKIT_CHROMIUM"] == "/opt/chromium"
