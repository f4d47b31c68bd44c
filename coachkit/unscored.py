"""Answers kept in files of their own, in ``unscored/``, when the database cannot take them.

The CLI keeps an answer there when it could not be scored or saved; a notebook keeps
what is typed there while the database cannot be used (damaged, or a newer coachkit's).
`coachkit score QUESTION --answer-file FILE` scores and saves such a file later.
"""

from __future__ import annotations

import os
import threading
from datetime import datetime
from pathlib import Path

from . import paths
from .store import UNREAD, Unread, storable

__all__ = ["AnswerFiles", "new_answer_file"]


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


class AnswerFiles:
    """Drafts written to ``unscored/`` instead of the database, for a view that cannot use
    it: each question's text goes to a file of its own, rewritten as the typing goes on,
    so it outlives the kernel. ``seal`` fixes a file (the answer scored): typing on writes
    a new one, so each version scored stays as it was.

    ``save_draft`` has the shape of ``Coach.save_draft``, for ``DraftKeeper``.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._lock = threading.Lock()
        self._open: dict[str, tuple[Path, str]] = {}  # by question: the file written to
        self._sealed: dict[str, tuple[Path, str]] = {}  # by question: the last file sealed
        self._latest: dict[str, str] = {}  # by question: the text last given ("" once cleared)

    @property
    def folder(self) -> Path:
        return self._folder or paths.unscored_dir()

    def save_draft(
        self,
        key: str,
        text: str,
        *,
        over: str | Unread | None = UNREAD,
        writer: str | None = None,
    ) -> str | None:
        """Write ``text`` to ``key``'s open file (made at the first words); an empty text
        removes that file, as an empty draft removes the draft. Returns None: nothing
        another window saved is ever written over here."""
        text = storable(text) if text.strip() else ""
        with self._lock:
            self._latest[key] = text
            opened = self._open.get(key)
            sealed = self._sealed.get(key)
            if not text or (sealed is not None and sealed[1] == text and sealed[0].is_file()):
                # Nothing typed, or back to the answer a sealed file holds: no new file.
                if opened is not None:
                    opened[0].unlink(missing_ok=True)
                    del self._open[key]
                return None
            if opened is None:
                path = new_answer_file(self.folder, key, text)
            else:
                path = opened[0]
                with paths.private_file(path) as handle:
                    handle.write(text.encode("utf-8"))
            self._open[key] = (path, text)
        return None

    def path(self, key: str) -> Path | None:
        """The file holding ``key``'s text as last written, if any."""
        with self._lock:
            found = self._open.get(key) or self._sealed.get(key)
            return found[0] if found is not None else None

    def text(self, key: str) -> str | None:
        """``key``'s text as last given here ("" once cleared), None if none was."""
        with self._lock:
            return self._latest.get(key)

    def seal(self, key: str) -> Path | None:
        """The file holding ``key``'s text as last written, now fixed: what is written
        next for ``key`` goes to a new file. None when nothing was written."""
        with self._lock:
            opened = self._open.pop(key, None)
            if opened is not None:
                self._sealed[key] = opened
            found = opened or self._sealed.get(key)
            return found[0] if found is not None else None
