"""Drafts the database stopped taking, kept in files in ``unscored/`` until it takes them again."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .. import paths
from ..errors import CorruptDatabaseError, DatabaseBusyError, NewerDatabaseError
from ..store import UNREAD, AttemptsRead, Unread, storable
from ..unscored import write_answer

__all__ = ["FilesOnly", "Spill", "Taken", "refusal"]

Answers = Callable[[str, str], dict[str, str]]
"""A draft's answers by question, from its key and text ({} for a draft that holds none)."""


class Reader(Protocol):
    """What a spill reads back to check the database holds a file's text (a Coach)."""

    def load_draft(self, key: str) -> str | None: ...

    def read_history(self, question_id: str | None = ...) -> AttemptsRead: ...


@dataclass(frozen=True)
class Taken:
    """What became of a draft's files once the database took it: ``removed``, as it holds
    their text; ``left`` as they are, as it does not (nor any attempt), so they may be the
    only copy; ``unchecked``, still kept, as the database could not be read back."""

    removed: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)
    unchecked: list[Path] = field(default_factory=list)


class Spill:
    """Text a view's drafts could not save to the database (full, locked for long,
    read-only, damaged meanwhile), kept in files of their own in ``unscored/``, so that a
    kernel restart or crash before the database takes it loses nothing.

    Each answer in a draft (``answers``: a practice draft holds one, a mock interview's
    several) goes to a file named for its question, as the CLI names the answers it keeps,
    so ``coachkit score QUESTION --answer-file FILE`` scores it. While a draft is out of the
    database its files follow the typing (``keep``, before each try), never emptied; once
    the database took it (``taken``) a file is removed only if the database holds its text
    word for word (the draft read back, or an attempt), else it is left and named.
    """

    def __init__(self, reader: Reader, answers: Answers, folder: Path | None = None) -> None:
        self._reader = reader
        self._answers = answers
        # Fixed as the view opens: the home its database is in.
        self.folder = folder or paths.unscored_dir()
        self._lock = threading.Lock()
        # By draft key, by question: the file written to, and the text it holds.
        self._open: dict[str, dict[str, tuple[Path, str]]] = {}
        self._taken: dict[str, Taken] = {}
        self.error: OSError | None = None  # why the last file could not be written, if so

    def holds(self, key: str) -> bool:
        """Whether files hold text of ``key``'s draft that the database has not taken."""
        with self._lock:
            return bool(self._open.get(key))

    def files(self, key: str | None = None) -> list[Path]:
        """The files holding text the database has not taken (``key``'s, or every draft's)."""
        with self._lock:
            drafts = [self._open.get(key, {})] if key is not None else list(self._open.values())
            return [path for opened in drafts for path, _text in opened.values()]

    def file(self, key: str, question_id: str) -> Path | None:
        """The file holding the answer to ``question_id`` in ``key``'s draft, if any."""
        with self._lock:
            found = self._open.get(key, {}).get(question_id)
            return found[0] if found is not None else None

    def held(self) -> list[tuple[str, Path, str]]:
        """(question, file, text) of each file holding text the database has not taken."""
        with self._lock:
            return [
                (question_id, path, text)
                for opened in self._open.values()
                for question_id, (path, text) in opened.items()
            ]

    def last_taken(self, key: str) -> Taken:
        """What became of ``key``'s files when the database last took its draft."""
        with self._lock:
            return self._taken.get(key, Taken())

    def keep(self, key: str, text: str) -> bool:
        """Write each answer in ``text`` (the draft of ``key``) to its file; False, and the
        reason in ``error``, if a file could not be written. An answer emptied since
        leaves its file as it is: the database does not hold that text yet."""
        answers = {q: storable(a) for q, a in self._answers(key, text).items() if a.strip()}
        with self._lock:
            opened = self._open.setdefault(key, {})
            try:
                for question_id, answer in answers.items():
                    found = opened.get(question_id)
                    if found is not None and found[1] == answer:
                        continue
                    path = write_answer(
                        self.folder, question_id, answer, found[0] if found else None
                    )
                    opened[question_id] = (path, answer)
            except OSError as exc:
                self.error = exc
                return False
            finally:
                if not opened:
                    del self._open[key]
            self.error = None
            return True

    def taken(self, key: str) -> Taken:
        """The database took ``key``'s draft: remove the files whose text it holds."""
        with self._lock:
            opened = dict(self._open.get(key, {}))
            if not opened:
                self._taken[key] = Taken()  # nothing to say of this save
                return self._taken[key]
        try:
            held = self._answers(key, self._reader.load_draft(key) or "")
            scored = {q: self._scored(q) for q in opened if held.get(q) != opened[q][1]}
        except Exception:  # unreadable now (busy, damaged): kept, as it may be the only copy
            taken = Taken(unchecked=[path for path, _text in opened.values()])
            with self._lock:
                self._taken[key] = taken
            return taken
        removed: list[Path] = []
        left: list[Path] = []
        for question_id, (path, text) in opened.items():
            if held.get(question_id) == text or text in scored.get(question_id, set()):
                try:
                    path.unlink(missing_ok=True)
                    removed.append(path)
                except OSError:
                    left.append(path)
            else:
                left.append(path)
        with self._lock:
            # Written no more, whether removed or left: a left file may be the only copy.
            still = self._open.get(key, {})
            for question_id in opened:
                if still.get(question_id, (None,))[0] == opened[question_id][0]:
                    del still[question_id]
            if not still:
                self._open.pop(key, None)
            self._taken[key] = Taken(removed, left)
            return self._taken[key]

    def _scored(self, question_id: str) -> set[str]:
        """The answers saved in the attempts at ``question_id``; CorruptDatabaseError if
        the file is damaged in part: a lost attempt may hold the text, so it is unchecked."""
        read = self._reader.read_history(question_id)
        if read.damaged:
            raise CorruptDatabaseError(read.warning or "")
        return {attempt.answer for attempt in read.attempts}


class FilesOnly:
    """Drafts written to their spill's files only, never to the database: for a view that
    found it damaged while open. Each answer goes on in the file it was kept in already.

    ``save_draft`` has the shape of ``Coach.save_draft``, for ``DraftKeeper``.
    """

    def __init__(self, spill: Spill) -> None:
        self.spill = spill

    def save_draft(
        self, key: str, text: str, *, over: str | Unread | None = UNREAD, writer: str | None = None
    ) -> str | None:
        """Keep each answer in ``text`` in its file; the OSError if one cannot be written."""
        if not self.spill.keep(key, text):
            raise self.spill.error or OSError(f"cannot write to {self.spill.folder}")
        return None


def refusal(exc: Exception) -> str | None:
    """Why the database did not take a write, in a few words for a status line; None
    when that is not known (the message in full is shown elsewhere)."""
    if isinstance(exc, DatabaseBusyError):
        return "another program holds it locked"
    if isinstance(exc, CorruptDatabaseError):
        return "it is damaged"
    if isinstance(exc, NewerDatabaseError):
        return "a newer coachkit wrote it"
    cause = exc.__cause__
    if isinstance(cause, sqlite3.Error):
        return str(cause)  # "database or disk is full"
    if isinstance(cause, OSError):
        return paths.os_reason(cause)
    # The store's own words put the reason in brackets: "Cannot use ... (disk I/O error)".
    found = re.search(r"\(([^()]+)\)", str(exc))
    return found.group(1) if found else None
