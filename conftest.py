"""nbval runs the notebooks in kernels that inherit this process's environment.

(It lives here, not in notebooks/, so that a user opening the notebooks sees only them.)

Point them at a throwaway COACHKIT_HOME and drop the variables that override the
config (the config file, scorer, fallback and transcriber), so a test run never reads
or writes the user's real attempts, drafts or config, and the notebooks run as a fresh
install would.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest


def pytest_configure(config: pytest.Config) -> None:
    home = tempfile.mkdtemp(prefix="coachkit-nbval-")
    os.environ["COACHKIT_HOME"] = home
    # The variables coachkit/config.py reads; not every COACHKIT_* (the browser tests in
    # this same run read COACHKIT_CHROMIUM).
    for name in ("COACHKIT_CONFIG", "COACHKIT_SCORER", "COACHKIT_FALLBACK", "COACHKIT_TRANSCRIBER"):
        os.environ.pop(name, None)
    atexit.register(shutil.rmtree, home, ignore_errors=True)
