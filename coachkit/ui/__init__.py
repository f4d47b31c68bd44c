"""Jupyter views for coachkit (the only part of coachkit that imports ipywidgets).

    from coachkit.ui import PracticeView
    PracticeView()

Each view is a plain object holding a widget tree; Jupyter displays its root.
"""

from __future__ import annotations

from .mock import MockInterviewView
from .practice import PracticeView
from .progress_view import ProgressView
from .settings import SettingsView
from .start import StartHere

__all__ = ["MockInterviewView", "PracticeView", "ProgressView", "SettingsView", "StartHere"]
