"""Where coachkit keeps the user's state: one folder, moved by ``COACHKIT_HOME``."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

__all__ = ["bundled_questions_dir", "config_path", "db_path", "home", "user_questions_dir"]


def home() -> Path:
    """The folder holding the database, config and user questions.

    ``COACHKIT_HOME`` wins; otherwise the platform's user data dir. The folder
    is not created here: reading commands must not leave files behind.
    """
    override = os.environ.get("COACHKIT_HOME", "").strip()
    return Path(override).expanduser() if override else user_data_path("coachkit", appauthor=False)


def db_path() -> Path:
    return home() / "coachkit.db"


def config_path() -> Path:
    override = os.environ.get("COACHKIT_CONFIG", "").strip()
    return Path(override).expanduser() if override else home() / "config.yaml"


def user_questions_dir() -> Path:
    return home() / "questions"


def bundled_questions_dir() -> Path:
    """The shipped bank: inside the wheel, or ``questions/`` of a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "_questions", package.parent / "questions"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The bundled question bank is missing; reinstall coachkit (pip install -e .)."
    )
