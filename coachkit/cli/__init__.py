"""The ``coachkit`` command: a thin layer over the Python API.

Exit codes: 0 ok; 1 problems found by `questions --check`; 2 bad input or usage;
3 scoring or provider failure; 130 interrupted (Ctrl-C).

``parser`` wires each command to its handler: ``questions`` (questions, next),
``score`` (score, transcribe; ``card`` prints the card, ``unscored`` keeps an answer
that could not be scored or saved), ``history`` (history, delete, progress, export,
import), ``rescue``, ``llm`` (config, usage, rescore). ``run.main`` runs one; ``output`` and
``loading`` hold what they share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .exits import interrupted

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import TextIO

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit code (``console_scripts`` passes it to sys.exit)."""
    # The commands' modules (pydantic, YAML, the bank) are most of a command's startup:
    # imported here, not when this package is (it imports nothing more than exits), so
    # a Ctrl-C while they load ends as any other does, not in a traceback from the
    # console script's import. Here alone, not in run.main too: a second Ctrl-C as the
    # first was said there ended the command again here, saying it twice.
    try:
        from .run import main as run

        return run(argv, out)
    except KeyboardInterrupt:
        return interrupted()


def build_parser() -> argparse.ArgumentParser:
    """The ``coachkit`` command's argument parser."""
    from .parser import build_parser as build

    return build()
