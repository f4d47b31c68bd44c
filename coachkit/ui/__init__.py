"""Jupyter views for coachkit (the only part of coachkit that imports ipywidgets).

    from coachkit.ui import PracticeView
    PracticeView()

Each view is a plain object holding a widget tree; Jupyter displays its root.
Views load on first use, so the practice notebook never pays for matplotlib.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .mock import MockInterviewView
    from .practice import PracticeView
    from .progress_view import ProgressView
    from .settings import SettingsView
    from .start import StartHere

__all__ = ["MockInterviewView", "PracticeView", "ProgressView", "SettingsView", "StartHere"]

_MODULES = {
    "MockInterviewView": "mock",
    "PracticeView": "practice",
    "ProgressView": "progress_view",
    "SettingsView": "settings",
    "StartHere": "start",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
