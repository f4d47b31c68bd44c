"""The database file itself: checks made before SQLite writes to it, and what its
failures (busy, damaged, unusable, a newer or hand-edited schema) say to do."""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from contextlib import closing, suppress
from pathlib import Path

from . import paths
from .errors import CorruptDatabaseError, DatabaseBusyError, StoreError
from .migrations import SCHEMA_VERSION, expected_schema, schema_of, user_version

__all__ = [
    "NO_TERMINAL",
    "check_header",
    "corrupt_message",
    "create_private",
    "damaged_message",
    "file_identity",
    "file_in_the_way",
    "in_use_elsewhere",
    "move_aside",
    "put_back",
    "read_only_here",
    "schema_damage",
    "sqlite_uri",
    "store_error",
    "unusable_message",
    "with_companions",
]

# Primary SQLite result codes (``sqlite_errorcode & 0xFF``) that describe the file
# or the disk, not coachkit's SQL: these become StoreErrors, anything else stays a bug.
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_UNUSABLE = {3, 8, 10, 13, 14}  # SQLITE_PERM, READONLY, IOERR, FULL, CANTOPEN

# The files SQLite keeps beside a WAL database, named after it: they belong with it.
_COMPANIONS = ("-wal", "-shm")


def with_companions(path: Path) -> list[Path]:
    """The database file at ``path`` and the -wal and -shm files named after it."""
    return [path.with_name(path.name + suffix) for suffix in ("", *_COMPANIONS)]


def sqlite_uri(path: Path, mode: str) -> str:
    """An SQLite URI opening ``path`` in ``mode`` ("ro", "rw"), its name quoted (a
    home's path may hold "?" or "#", which a URI reads as its own)."""
    return f"file:{urllib.parse.quote(str(path))}?mode={mode}"


def read_only_here(path: Path) -> bool:
    """A database file this user may read, but not write (or not write beside)."""
    if not path.is_file() or not os.access(path, os.R_OK):
        return False
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``; None if there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def create_private(path: Path) -> None:
    """The database's folder and file, readable by their owner alone when made here
    (see paths.make_private_dirs). SQLite gives its -wal and -shm files the
    database's mode; a file that already exists keeps the mode its owner gave it."""
    paths.make_private_dirs(path.parent)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def check_header(path: Path) -> None:
    """Refuse a non-SQLite file before a writable connection gets a chance to touch it.

    Read through SQLite, read-only, never with open(): closing any other descriptor
    of the file drops every lock this process's SQLite connections hold on it (a
    second Store in a kernel would let another program delete the live WAL).
    SQLite's own close waits until those connections are done with the file.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        probe = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    except sqlite3.Error:
        return  # cannot even open it read-only: the writable open says why
    try:
        probe.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if exc.sqlite_errorcode & 0xFF == 26:  # SQLITE_NOTADB
            raise CorruptDatabaseError(corrupt_message(path, None)) from None
        # Anything else (busy, a missing -shm it may not create) is for the real open.
    finally:
        probe.close()


def store_error(path: Path, exc: sqlite3.Error) -> StoreError | None:
    """The StoreError for a failure of the file or disk; None for anything else (a bug)."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in _BUSY:
        return DatabaseBusyError(
            f"{path} is busy: another program (a notebook, another coachkit command or a "
            "SQLite tool) holds it locked. Close that program or let it finish, then try "
            "again; nothing was changed."
        )
    if primary in _DAMAGED:
        return CorruptDatabaseError(damaged_message(path, exc))
    if primary in _UNUSABLE:
        return StoreError(unusable_message(path, exc))
    return None


def schema_damage(path: Path, exc: sqlite3.Error) -> CorruptDatabaseError | None:
    """CorruptDatabaseError if the file at ``path`` lacks a table or column the migrations
    made (a hand edit, a database browser, part of a restore); None if its schema is whole,
    so ``exc`` is coachkit's own mistake."""
    try:
        with closing(sqlite3.connect(sqlite_uri(path, "ro"), uri=True)) as conn:
            if user_version(conn) != SCHEMA_VERSION:
                return None  # an older file is read through a migrated copy
            found = schema_of(conn)
    except sqlite3.Error:
        return None
    lacking = [
        table
        for table, columns in expected_schema().items()
        if not columns <= found.get(table, frozenset())
    ]
    if not lacking:
        return None
    readable = "attempts" not in lacking  # else `coachkit export` cannot rescue any
    return CorruptDatabaseError(damaged_message(path, exc, readable=readable))


# Said with every damage: the steps above by hand are four commands, and a Voila page or
# a hub may have no terminal for them.
NO_TERMINAL = (
    "`coachkit rescue` does all of this in one step; without a terminal, so does Rescue what "
    "can be read, in the Start here notebook."
)


def corrupt_message(path: Path, exc: Exception | None) -> str:
    detail = f" ({exc})" if exc else ""
    return (
        f"{path} is not a readable coachkit database{detail}. Move it aside "
        f"(mv '{path}' '{path}.bak') to start a fresh one, or point COACHKIT_HOME elsewhere. "
        f"{NO_TERMINAL}"
    )


def damaged_message(
    path: Path, exc: Exception | None, *, readable: bool = True, drafts: bool = False
) -> str:
    """What to do with a damaged file: rescue what can be read (``readable``: attempts,
    and what is typed; else, ``drafts``: what is typed alone), move it aside, import."""
    keep = f"Close the notebooks using it, keep a copy (cp '{path}' '{path}.bak')"
    aside = f"move the file aside (mv '{path}' '{path}.damaged')"
    detail = f" ({exc})" if exc else ""
    if not readable:
        typed = (
            ", keep its drafts with `coachkit export --out rescued.jsonl` (no attempt is "
            "exported, but drafts and unscored mock interview answers go to unscored/, where "
            "Practice offers them back)"
            if drafts
            else ""
        )
        return (
            f"{path} is damaged{detail}: none of its attempts can be read. {keep}{typed}, "
            f"then {aside} to start a fresh one; `coachkit import` an earlier export if you "
            f"have one. {NO_TERMINAL}"
        )
    return (
        f"{path} is damaged{detail}. {keep}, save the attempts that can still be read with "
        "`coachkit export --out rescued.jsonl` (drafts and unscored mock interview "
        f"answers go to unscored/, where Practice offers them back), then {aside} and "
        f"`coachkit import rescued.jsonl` into a fresh one. {NO_TERMINAL}"
    )


def unusable_message(path: Path, exc: Exception) -> str:
    blocker = file_in_the_way(path.parent)
    if blocker is not None:  # e.g. COACHKIT_HOME set to a file: "disk space" would mislead
        return (
            f"Cannot use {path}: {blocker} is a file, not a folder. Point COACHKIT_HOME at "
            f"a folder, or move {blocker} aside."
        )
    # "[Errno 2] No such file or directory: '/proc/x'" says less than its reason alone.
    reason = paths.os_reason(exc) if isinstance(exc, OSError) else str(exc)
    return (
        f"Cannot use {path} ({reason}): check that the disk has space and that you may "
        f"create and write to {path.parent}, or point COACHKIT_HOME at another folder."
    )


def file_in_the_way(folder: Path) -> Path | None:
    """The nearest existing part of ``folder``'s path, if it is not a folder."""
    for part in (folder, *folder.parents):
        if part.exists():
            return None if part.is_dir() else part
    return None


def in_use_elsewhere(path: Path, *, wait: float = 0.5) -> bool:
    """Whether another connection (a notebook on another kernel, a command, a SQLite
    tool) has the file at ``path`` open: one that is moves it aside under its feet, and
    as it closes removes the WAL of whatever file then has its name.

    A connection in exclusive locking mode is refused while any other has the file open,
    even an idle one. Only asking for the lock writes nothing; SQLite folds the file's
    own WAL into it as this last connection closes, as every last close does.
    """
    if not path.exists():
        return False
    uri = sqlite_uri(path, "rw")
    try:
        probe = sqlite3.connect(uri, uri=True, timeout=wait, isolation_level=None)
    except sqlite3.Error:
        return False  # cannot be opened at all: nobody else has it open either
    try:
        probe.execute("PRAGMA locking_mode = EXCLUSIVE")
        probe.execute("BEGIN EXCLUSIVE")
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
        probe.execute("COMMIT")
    except sqlite3.Error as exc:
        code = getattr(exc, "sqlite_errorcode", None)
        return code is not None and code & 0xFF in _BUSY  # damage: nobody can use it
    finally:
        probe.close()
    return False


def move_aside(path: Path, aside: Path) -> list[tuple[Path, Path]]:
    """Rename the database at ``path`` to ``aside``, its -wal and -shm files with it (the
    WAL may hold its latest commits); returns each (from, to) renamed, to put them back
    with ``put_back``. On a failure, what was renamed is put back before the OSError."""
    moved: list[tuple[Path, Path]] = []
    try:
        for index, (source, target) in enumerate(
            zip(with_companions(path), with_companions(aside), strict=True)
        ):
            if index and not source.exists():  # a -wal or -shm there is none of
                continue
            if target.exists():  # rename() would replace it without a word
                raise FileExistsError(17, "file exists", str(target))
            os.rename(source, target)
            moved.append((source, target))
    except OSError:
        put_back(moved)
        raise
    return moved


def put_back(moved: list[tuple[Path, Path]]) -> bool:
    """Undo ``move_aside``: each file renamed back, the last moved first; False if one
    could not be."""
    whole = True
    for source, target in reversed(moved):
        try:
            os.rename(target, source)
        except OSError:
            whole = False
    return whole
