"""``python -m coachkit``: the ``coachkit`` command, where its script is not on PATH."""

import sys

from .cli import main

if __name__ == "__main__":  # pragma: no branch
    sys.exit(main())
