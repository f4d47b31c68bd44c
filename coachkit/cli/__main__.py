"""``python -m coachkit.cli``: the ``coachkit`` command, as ``python -m coachkit`` runs it."""

import sys

from . import main

if __name__ == "__main__":  # pragma: no branch
    sys.exit(main())
