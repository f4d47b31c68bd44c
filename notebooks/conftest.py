"""nbval runs these notebooks in kernels that inherit this process's environment.

Point them at a throwaway COACHKIT_HOME (and drop any scorer overrides), so a
test run never reads or writes the user's real attempts, drafts or config.
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
    for name in ("COACHKIT_CONFIG", "COACHKIT_SCORER", "COACHKIT_FALLBACK"):
        os.environ.pop(name, None)
    atexit.register(shutil.rmtree, home, ignore_errors=True)
