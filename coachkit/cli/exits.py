"""The ``coachkit`` command's exit codes, which every command returns, and the one way
a command ends on Ctrl-C.

0 ok; 1 problems found by `questions --check`; 2 bad input or usage; 3 scoring or
provider failure; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import sys

from ..sigint import held_off

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_SCORING",
    "INTERRUPTED",
    "interrupted",
]

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_SCORING = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
INTERRUPTED = "coachkit: interrupted\n"  # the line on stderr that goes with it


def interrupted() -> int:
    """End a command on Ctrl-C: log the requests other threads still wait on (a
    rescore's), which this process leaves unanswered as it exits (they were sent, and
    the provider may bill them), say ``INTERRUPTED`` once, and return its exit code.

    A second Ctrl-C meanwhile is ignored: it would cut that log short, and end the
    command a second time, with the line said twice."""
    with held_off():
        calls = sys.modules.get("coachkit.llm.opencalls")  # none without an LLM call
        if calls is not None:
            calls.abandon_open_calls()
        from .output import stderr

        stderr(INTERRUPTED)
    return EXIT_INTERRUPTED
