"""``main``: one command run, each failure turned into one line on stderr and its exit
code (Ctrl-C, which can come before this module is even imported, is the package
``main``'s)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO, cast

from ..bank import QuestionBank
from ..errors import BadInputError, CoachkitError, UnknownQuestionError
from .exits import EXIT_BAD_INPUT, EXIT_OK
from .loading import left_out
from .output import Printable, drop_stdout, stderr
from .parser import Handler, build_parser, meant

__all__ = ["main"]


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit code (``console_scripts`` passes it to sys.exit)."""
    stream = out or sys.stdout
    if stream is None:  # closed (>&-): say so before anything is scored or saved
        stderr(
            "coachkit: standard output is closed, so nothing could be shown: run the "
            "command again with it open (or sent to a file: > out.txt).\n"
        )
        return EXIT_BAD_INPUT
    out = cast(TextIO, Printable(stream))
    try:
        args, extras = build_parser().parse_known_args(argv)
        if extras:  # point at the help of the command that was run, not the top level
            command = " ".join(filter(None, (args.command, getattr(args, "config_command", None))))
            raise BadInputError(
                f"unrecognized arguments: {' '.join(extras)}{meant(args, extras)} "
                f"(see `coachkit {command} --help`)"
            )
        handler: Handler = args.handler
        return handler(args, out)
    except UnknownQuestionError as exc:
        stderr(f"coachkit: {exc}{left_out(QuestionBank.load(), exc.question_id)}\n")
        return exc.exit_code
    except CoachkitError as exc:
        # A config's mistakes come a line each: each marked, as warn() marks a warning's.
        stderr("".join(f"coachkit: {line}\n" for line in str(exc).splitlines()))
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`coachkit questions | head`): not an error of ours.
        drop_stdout()
        return EXIT_OK
    except OSError as exc:  # a path that cannot be used: COACHKIT_HOME a file, a full disk
        where = f" {exc.filename}" if exc.filename else ""
        stderr(
            f"coachkit: cannot use{where}: {exc.strerror or exc}. Check the path "
            "(and COACHKIT_HOME, where your data lives).\n"
        )
        return EXIT_BAD_INPUT
