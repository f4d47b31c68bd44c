"""Answers kept in files of their own, in ``unscored/``, when the database cannot take them.

The CLI keeps an answer there when it could not be scored or saved; a notebook keeps
what is typed there while the database cannot be used (damaged, or a newer coachkit's);
`coachkit export` keeps the drafts there of a database about to be moved aside.
`coachkit score QUESTION --answer-file FILE` scores and saves such a file later.
"""

from __future__ import annotations

import os
import re
import stat
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import paths
from .interview import LEGACY_SESSION_KEY, SESSION_PREFIX, MockSession
from .models import MAX_ANSWER_CHARS, Attempt
from .store import UNREAD, DraftsRead, Unread, storable

__all__ = [
    "MAX_KEPT_BYTES",
    "AnswerFiles",
    "DraftsKept",
    "KeptAnswer",
    "forget_kept",
    "keep_drafts",
    "kept_answers",
    "kept_name",
    "left_in_database",
    "new_answer_file",
    "remove_kept",
    "write_answer",
]

MAX_KEPT_BYTES = 4 * MAX_ANSWER_CHARS
"""The most of a kept file read back: the longest answer coachkit keeps, in UTF-8 at worst."""

# As new_answer_file names them: the id, then a stamp and a number of fixed shapes, read
# from the end. The name has one reading, whatever digits the id ends in: the stamp is
# the last "-8 digits-6 digits" but for a number of 1-6 digits, which no 8-digit part
# can be taken for ("q-20240101-120000-20261130-101500-2.txt" is q-20240101-120000's).
_STAMP = r"-(?P<stamp>\d{8}-\d{6})(?:-(?P<number>[1-9]\d{0,5}))?\.txt"
_ANY_ID = r"(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*?)"  # a question id (a slug), shortest first
_NAME = re.compile(_ANY_ID + _STAMP)
_SLUG = re.compile(r"(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*")  # a question id (models.Slug)


@dataclass(frozen=True)
class KeptAnswer:
    """A file in ``unscored/`` holding an answer to a question. ``text`` is None for one
    that cannot be offered back: over ``MAX_KEPT_BYTES``, or not UTF-8 text (or, asked
    for, one that cannot be read at all); ``why`` says which."""

    path: Path
    question_id: str
    kept_at: datetime
    text: str | None
    why: str = ""


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


def kept_answers(
    question_id: str | None, folder: Path | None = None, *, unreadable: bool = False
) -> list[KeptAnswer]:
    """The answers to ``question_id`` (None: to any question) kept in ``folder``
    (unscored/), oldest first.

    Only files named as ``new_answer_file`` names them for this question count (another
    question's, whose id this one begins, has no stamp right after this id); a symlink,
    or anything but a regular file, is never read, and no more than ``MAX_KEPT_BYTES``
    of a file is. Empty files hold no answer and are left out. Nothing here raises
    for the folder or a file: one that cannot be read is not offered, and is listed
    (text None, and why) only if ``unreadable``, for the user to open it themselves.
    """
    folder = folder or paths.unscored_dir()
    try:
        names = os.listdir(folder)
    except OSError:
        return []  # none kept yet, or the folder cannot be read: nothing to offer
    found: list[KeptAnswer] = []
    for name in names:
        parsed = kept_name(name)
        if parsed is None or (question_id is not None and parsed[0] != question_id):
            continue
        kept = _read_kept(folder / name, parsed[0], parsed[1], unreadable=unreadable)
        if kept is not None:
            found.append(kept)
    return sorted(found, key=lambda kept: (kept.kept_at, _number(kept.path.name)))


def kept_name(name: str) -> tuple[str, datetime, int] | None:
    """The question, time and number (1 for none) of a file ``new_answer_file`` named
    ``name``; None for a name it does not give. ``q-2-20261130-101500.txt`` is q-2's,
    ``q-20261130-101500-2.txt`` q's second of that second."""
    matched = _NAME.fullmatch(name)
    if matched is None:
        return None
    try:
        kept_at = datetime.strptime(matched.group("stamp"), "%Y%m%d-%H%M%S")
    except ValueError:
        return None  # digits that are no time: not a name coachkit gave
    return matched.group("id"), kept_at, int(matched.group("number") or 1)


def _number(name: str) -> int:
    """The number after a stamp (``-2``), 1 for none: the order of files of one second."""
    parsed = kept_name(name)
    return parsed[2] if parsed is not None else 1


def _read_kept(
    path: Path, question_id: str, kept_at: datetime, *, unreadable: bool = False
) -> KeptAnswer | None:
    """The answer in ``path``, read without following a symlink; None for no answer (and,
    unless ``unreadable``, for a file that cannot be read)."""

    def unread(why: str) -> KeptAnswer | None:
        return KeptAnswer(path, question_id, kept_at, None, why) if unreadable else None

    # O_NOFOLLOW: a link put in its place is refused, not followed (to a file the view
    # would then offer, and delete once it was saved); O_NONBLOCK: a FIFO does not hang.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        link = os.path.islink(path)
        return unread("a link, which coachkit does not follow" if link else paths.os_reason(exc))
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            return unread("a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            return unread("not a regular file")
        if info.st_size == 0:
            return None
        if info.st_size > MAX_KEPT_BYTES:
            return KeptAnswer(path, question_id, kept_at, None, _TOO_LARGE)
        data = b""
        while len(data) <= MAX_KEPT_BYTES:
            chunk = os.read(descriptor, MAX_KEPT_BYTES + 1 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        return unread(paths.os_reason(exc))
    finally:
        os.close(descriptor)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return KeptAnswer(path, question_id, kept_at, None, "not UTF-8 text")
    if len(data) > MAX_KEPT_BYTES:  # grown since it was measured
        return KeptAnswer(path, question_id, kept_at, None, _TOO_LARGE)
    return KeptAnswer(path, question_id, kept_at, text) if text.strip() else None


_TOO_LARGE = f"over {MAX_KEPT_BYTES // 1000} kB, more than an answer holds"


def forget_kept(kept: KeptAnswer, saved: Sequence[str]) -> bool:
    """Remove ``kept``'s file if one of ``saved`` (answers the database was read back to
    hold) holds its text word for word, and the file still holds that text (not one
    written since); True if it went. Never removes what may be the only copy."""
    if kept.text is None:
        return False
    text = storable(kept.text).strip()
    return any(text in answer for answer in saved) and remove_kept(kept)


def remove_kept(kept: KeptAnswer) -> bool:
    """Remove ``kept``'s file if it still holds the text read from it (the user dismissed
    that text, not one written there since); True if it went."""
    if kept.text is None:
        return False
    now = _read_kept(kept.path, kept.question_id, kept.kept_at)
    if now is None or now.text != kept.text:
        return False
    try:
        kept.path.unlink()
    except OSError:
        return False
    return True


_REPLACED = "replaced:"  # a draft kept from another window (see Store.save_draft)
_DRAFT, _MOCK = "draft", "mock"  # what holds a typed answer: a practice draft, a mock interview
_MOCK_ANSWER = "unscored mock interview answer"


@dataclass(frozen=True)
class DraftsKept:
    """What ``keep_drafts`` wrote to ``folder``: a file for each draft (a practice box's,
    or one kept from another window) and for each unscored answer of a kept mock
    interview; how many were there already, or could not be read or written."""

    folder: Path
    drafts: int = 0
    answers: int = 0  # a mock interview's
    present: int = 0
    unreadable: int = 0
    unwritten: int = 0
    error: str | None = None  # why the unwritten ones were not

    @property
    def note(self) -> str:
        """What was kept and where, and how to get it back, in a sentence or two."""
        drafts, answers = _count(self.drafts, "draft"), _count(self.answers, _MOCK_ANSWER)
        kept = " and ".join(part for part in (drafts, answers) if part)
        present = f"{self.present} there already" if self.present else ""
        unreadable = _count(self.unreadable, "draft")
        unreadable = f"{unreadable} could not be read" if unreadable else ""
        unwritten = f"{self.unwritten} could not be written" if self.unwritten else ""
        also = "; ".join(part for part in (present, unreadable, unwritten) if part)
        also = f" ({also})" if also else ""
        if not kept:
            nothing = "Kept nothing" if self.unwritten else f"No draft or {_MOCK_ANSWER} to keep"
            return f"{nothing} in {self.folder}{also}."
        return (
            f"Kept {kept} in {self.folder}, a file each{also}: the practice notebook offers "
            "each back under its question (Put it in the box), and `coachkit score QUESTION "
            "--answer-file FILE` scores and saves one."
        )

    @property
    def warning(self) -> str | None:
        """What could not be written, and that only the database holds it; None if all was."""
        if not self.unwritten:
            return None
        return (
            f"{_count(self.unwritten, 'typed answer')} could not be written to {self.folder} "
            f"({self.error}): only the database holds them, so do not move it aside until "
            "`coachkit export --drafts` can write them there."
        )


def _count(number: int, one: str) -> str:
    """``1 draft``, ``2 drafts``; "" for none."""
    return f"{number} {one}{'' if number == 1 else 's'}" if number else ""


def keep_drafts(
    read: DraftsRead, exported: Sequence[Attempt], folder: Path | None = None
) -> DraftsKept:
    """Write each answer typed but not scored that ``read`` holds (drafts, and the
    answers of kept mock interviews) to a file of its own in ``folder`` (unscored/), as
    ``new_answer_file`` names them, so that a database moved aside takes none with it.

    An answer an ``exported`` attempt to its question holds word for word is in the
    export already; one a file there holds already (a second export) is not written
    again. A draft or interview that cannot be read is counted, never raised.
    """
    folder = folder or paths.unscored_dir()
    typed, unreadable = _typed_answers(read.drafts)
    written = {_DRAFT: 0, _MOCK: 0}
    present = unwritten = 0
    error = None
    for question_id, (kind, answer), on_file in _outside_export(typed, exported, folder):
        if on_file:
            present += 1
            continue
        try:
            new_answer_file(folder, question_id, answer)
        except OSError as exc:
            unwritten += 1
            error = paths.os_reason(exc)
            continue
        written[kind] += 1
    return DraftsKept(
        folder,
        drafts=written[_DRAFT],
        answers=written[_MOCK],
        present=present,
        unreadable=read.skipped + unreadable,
        unwritten=unwritten,
        error=error,
    )


def left_in_database(
    read: DraftsRead, exported: Sequence[Attempt], folder: Path | None = None
) -> list[str]:
    """The question ids, each once, of the answers in ``read`` that ``keep_drafts`` would
    write: held neither by an ``exported`` attempt nor by a file in ``folder`` already,
    so only the database has them (an export without --drafts leaves them behind)."""
    typed, _ = _typed_answers(read.drafts)
    outside = _outside_export(typed, exported, folder or paths.unscored_dir())
    return list(dict.fromkeys(question_id for question_id, _, on_file in outside if not on_file))


def _outside_export(
    typed: dict[tuple[str, str], tuple[str, str]], exported: Sequence[Attempt], folder: Path
) -> Iterator[tuple[str, tuple[str, str], bool]]:
    """Of the ``typed`` answers, those no ``exported`` attempt to their question holds word
    for word: each one's question, (kind, text), and whether a file in ``folder`` holds it
    already."""
    in_export: dict[str, list[str]] = {}
    for attempt in exported:
        in_export.setdefault(attempt.question_id, []).append(attempt.answer)
    on_file = {(k.question_id, k.text.strip()) for k in kept_answers(None, folder) if k.text}
    for (question_id, stripped), held in typed.items():
        if not any(stripped in saved for saved in in_export.get(question_id, ())):
            yield question_id, held, (question_id, stripped) in on_file


def _typed_answers(
    drafts: Sequence[tuple[str, str]],
) -> tuple[dict[tuple[str, str], tuple[str, str]], int]:
    """The answers typed in ``drafts``, each once: by (question, text stripped), what held
    it ("draft" or "mock") and its text; and how many drafts holding answers could not be
    read. Drafts that hold none (the question last open, who wrote what) are passed over."""
    typed: dict[tuple[str, str], tuple[str, str]] = {}
    unreadable = 0
    for key, text in drafts:
        try:
            found = list(_answers_in(key, text))
        except (ValueError, TypeError, AttributeError, RecursionError):
            unreadable += 1  # an interview this coachkit cannot read
            continue
        for question_id, answer, kind in found:
            if not isinstance(answer, str) or not _SLUG.fullmatch(question_id):
                unreadable += 1  # no text, or a name no file can safely carry
            elif answer.strip():
                answer = storable(answer)
                typed.setdefault((question_id, answer.strip()), (kind, answer))
    return typed, unreadable


def _answers_in(key: str, text: str) -> Iterator[tuple[str, object, str]]:
    """(question id, answer, "draft" or "mock") of each answer the draft under ``key`` holds:
    a practice box's draft holds one, a kept mock interview one per question answered."""
    if key.startswith(_REPLACED):  # kept from another window: its key, then who wrote it
        key = key.removeprefix(_REPLACED).rpartition(":")[0]
    if _SLUG.fullmatch(key):
        yield key, text, _DRAFT
    elif key == LEGACY_SESSION_KEY or key.startswith(SESSION_PREFIX):
        for question_id, answer in MockSession.from_json(text).answers.items():
            yield question_id, answer, _MOCK
