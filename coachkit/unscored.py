"""Answers kept in files of their own, in ``unscored/``, when the database cannot take them.

The CLI keeps an answer there when it could not be scored or saved.
`coachkit score QUESTION --answer-file FILE` scores and saves such a file later.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from . import paths

__all__ = ["new_answer_file"]


def new_answer_file(folder: Path, question_id: str, answer: str) -> Path:
    """Write ``answer`` to a file of its own under ``folder``.

    Created exclusively: two failures in the same second (two terminals, a script)
    get two files, never one overwriting the other. Readable by the user alone (0600),
    as an export is: it is an answer.
    """
    paths.make_private_dirs(folder)
    stamp = f"{question_id}-{datetime.now():%Y%m%d-%H%M%S}"
    number = 1
    while True:
        path = folder / (f"{stamp}.txt" if number == 1 else f"{stamp}-{number}.txt")
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            handle = open(descriptor, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except FileExistsError:
            number += 1
            continue
        try:
            with handle:
                handle.write(answer)
        except BaseException:
            path.unlink(missing_ok=True)  # a half-written copy would pass for the answer
            raise
        return path
