"""The ``coachkit`` command's exit codes, which every command returns.

0 ok; 1 problems found by `questions --check`; 2 bad input or usage; 3 scoring or
provider failure; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_SCORING",
    "INTERRUPTED",
]

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_SCORING = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
INTERRUPTED = "coachkit: interrupted\n"  # the line on stderr that goes with it
