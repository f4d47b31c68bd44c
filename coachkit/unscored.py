"""Answers kept in files of their own, in ``unscored/``, when the database cannot take them.

The CLI keeps an answer there when it could not be scored or saved; a notebook keeps
what is typed there while the database cannot be used (damaged, or a newer coachkit's).
`coachkit score QUESTION --answer-file FILE` scores and saves such a file later.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import paths
from .models import MAX_ANSWER_CHARS
from .store import UNREAD, Unread, storable

__all__ = [
    "MAX_KEPT_BYTES",
    "AnswerFiles",
    "KeptAnswer",
    "forget_kept",
    "kept_answers",
    "new_answer_file",
    "write_answer",
]

MAX_KEPT_BYTES = 4 * MAX_ANSWER_CHARS
"""The most of a kept file read back: the longest answer coachkit keeps, in UTF-8 at worst."""

_STAMP = r"-(?P<stamp>\d{8}-\d{6})(?:-[1-9]\d{0,5})?\.txt"  # as new_answer_file names them
_ANY_ID = r"(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*?)"  # a question id (a slug), shortest first


@dataclass(frozen=True)
class KeptAnswer:
    """A file in ``unscored/`` holding an answer to a question. ``text`` is None for one
    that cannot be offered back: over ``MAX_KEPT_BYTES``, or not UTF-8 text."""

    path: Path
    question_id: str
    kept_at: datetime
    text: str | None


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


def write_answer(folder: Path, question_id: str, answer: str, path: Path | None) -> Path:
    """Write ``answer`` over the file at ``path`` (whole, or left as it was), or to a new
    file of its own under ``folder`` when ``path`` is None; the file written."""
    if path is None:
        return new_answer_file(folder, question_id, answer)
    with paths.private_file(path) as handle:
        handle.write(answer.encode("utf-8"))
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
            path = write_answer(self.folder, key, text, opened[0] if opened else None)
            self._open[key] = (path, text)
        return None

    def adopt(self, key: str, path: Path, text: str) -> None:
        """Write ``key``'s text to ``path`` from now on (a file kept by an earlier run, put
        back in the box), so the same text typed on is not kept twice; no-op if ``key``
        has a file open already."""
        with self._lock:
            if key not in self._open:
                self._open[key] = (path, storable(text))

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


def kept_answers(question_id: str | None, folder: Path | None = None) -> list[KeptAnswer]:
    """The answers to ``question_id`` (None: to any question) kept in ``folder``
    (unscored/), oldest first.

    Only files named as ``new_answer_file`` names them for this question count (another
    question's, whose id this one begins, has no stamp right after this id); a symlink,
    or anything but a regular file, is never read, and no more than ``MAX_KEPT_BYTES``
    of a file is. Empty files hold no answer and are left out. Nothing here raises
    for the folder or a file: one that cannot be read is not offered.
    """
    folder = folder or paths.unscored_dir()
    pattern = re.compile((_ANY_ID if question_id is None else re.escape(question_id)) + _STAMP)
    try:
        names = os.listdir(folder)
    except OSError:
        return []  # none kept yet, or the folder cannot be read: nothing to offer
    found: list[KeptAnswer] = []
    for name in names:
        matched = pattern.fullmatch(name)
        if matched is None:
            continue
        try:
            kept_at = datetime.strptime(matched.group("stamp"), "%Y%m%d-%H%M%S")
        except ValueError:
            continue  # digits that are no time: not a name coachkit gave
        asked = question_id if question_id is not None else matched.group("id")
        kept = _read_kept(folder / name, asked, kept_at)
        if kept is not None:
            found.append(kept)
    return sorted(found, key=lambda kept: (kept.kept_at, _number(kept.path.name)))


def _number(name: str) -> int:
    """The number after a stamp (``-2``), 1 for none: the order of files of one second."""
    matched = re.search(r"-\d{6}-(\d+)\.txt$", name)
    return int(matched.group(1)) if matched else 1


def _read_kept(path: Path, question_id: str, kept_at: datetime) -> KeptAnswer | None:
    """The answer in ``path``, read without following a symlink; None for no answer."""
    # O_NOFOLLOW: a link put in its place is refused, not followed (to a file the view
    # would then offer, and delete once it was saved); O_NONBLOCK: a FIFO does not hang.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
            return None
        if info.st_size > MAX_KEPT_BYTES:
            return KeptAnswer(path, question_id, kept_at, None)
        data = b""
        while len(data) <= MAX_KEPT_BYTES:
            chunk = os.read(descriptor, MAX_KEPT_BYTES + 1 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError:
        return None
    finally:
        os.close(descriptor)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return KeptAnswer(path, question_id, kept_at, None)
    if len(data) > MAX_KEPT_BYTES:  # grown since it was measured
        return KeptAnswer(path, question_id, kept_at, None)
    return KeptAnswer(path, question_id, kept_at, text) if text.strip() else None


def forget_kept(kept: KeptAnswer, saved: Sequence[str]) -> bool:
    """Remove ``kept``'s file if one of ``saved`` (answers the database was read back to
    hold) holds its text word for word, and the file still holds that text (not one
    written since); True if it went. Never removes what may be the only copy."""
    if kept.text is None:
        return False
    now = _read_kept(kept.path, kept.question_id, kept.kept_at)
    if now is None or now.text != kept.text:
        return False
    text = storable(kept.text).strip()
    if not any(text in answer for answer in saved):
        return False
    try:
        kept.path.unlink()
    except OSError:
        return False
    return True
