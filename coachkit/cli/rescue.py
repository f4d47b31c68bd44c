"""``coachkit rescue``: a damaged database put right in one step, as Start here's
Rescue what can be read does (see ``coachkit.rescue``)."""

from __future__ import annotations

import argparse
from typing import TextIO

from .. import paths
from ..coach import Coach
from ..errors import StoreError
from ..rescue import RescueInterrupted, rescue
from ..sigint import held_off
from .exits import EXIT_INTERRUPTED, EXIT_OK
from .output import print_json, stderr

__all__ = ["rescue_command"]


def rescue_command(args: argparse.Namespace, out: TextIO) -> int:
    database = paths.db_path()
    if not database.exists():  # opening it would make an empty one, to call "not damaged"
        raise StoreError(
            f"There is no database at {database}: nothing to rescue. If yours is elsewhere, "
            "point COACHKIT_HOME at its folder."
        )
    try:
        done = rescue(Coach(), again="run `coachkit rescue` again")
    except RescueInterrupted as cut:
        # "interrupted" alone would leave the user wondering what became of the file.
        with held_off():  # a second Ctrl-C would cut the line in two
            stderr(f"coachkit: interrupted. {cut}\n")
        return EXIT_INTERRUPTED
    if args.json:
        print_json(
            {
                "database": str(done.database),
                "link": None if done.link is None else str(done.link),
                "kept": done.kept,
                "left_out": done.left_out,
                "export": None if done.export is None else str(done.export),
                "damaged_file": str(done.aside),
                "usage_calls": done.usage_calls,
                "recategorised": [
                    {
                        "question_id": r.question_id,
                        "saved": r.saved,
                        "now": r.now,
                        "attempts": r.attempts,
                    }
                    for r in done.recategorised
                ],
                "unscored": {
                    "folder": str(done.drafts.folder),
                    "drafts": done.drafts.drafts,
                    "mock_answers": done.drafts.answers,
                },
            },
            out,
        )
        return EXIT_OK
    out.write(f"Rescued {done.database}.\n")
    out.writelines(f"  {sentence}\n" for sentence in done.sentences)
    return EXIT_OK
