"""SQLite store: the single source of truth for what the user produced.

Attempts, drafts (and, from later migrations, LLM usage, caches, budgets and what
LLM calls in flight set aside) live in one file under ``COACHKIT_HOME``. Writes use
``BEGIN IMMEDIATE`` so two notebooks or a notebook and the CLI can write at once
without losing rows.
The file is created by the first write: reading a store that does not exist yet
sees it empty and leaves nothing behind. SQLite failures reach callers as
``StoreError`` subclasses whose messages say what to do.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import itertools
import json
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path

from pydantic import ValidationError

from . import paths
from .errors import (
    UPDATE_COACHKIT,
    CorruptDatabaseError,
    NewerDatabaseError,
    StoreError,
)
from .migrations import MIGRATIONS, SCHEMA_VERSION, user_version
from .models import DIMENSIONS, SHORT_ID, Attempt, ScoreCard
from .storefile import (
    check_header,
    corrupt_message,
    create_private,
    damaged_message,
    file_identity,
    file_in_the_way,
    read_only_here,
    schema_damage,
    sqlite_uri,
    store_error,
    unusable_message,
)

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "UNREAD",
    "AttemptsRead",
    "Deleted",
    "DraftsRead",
    "KeptDraft",
    "Store",
    "Unread",
    "answer_digest",
    "showable",
    "storable",
]


class Unread(Enum):
    """What a draft's writer last saw of it is not known: it saves over whatever is there."""

    UNREAD = "unread"


UNREAD = Unread.UNREAD


BUSY_TIMEOUT = 10.0
"""Seconds a statement waits for another program's lock before DatabaseBusyError."""

_ATTEMPT_COLUMNS = "rowid, id, question_id, category, answer, card, created_at"
_INSERT_ATTEMPT = (
    "INSERT INTO attempts (id, question_id, category, answer, card, scorer, model,"
    " rubric_version, overall, situation, task, action, result, flagged,"
    " latency_ms, cost_usd, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO NOTHING"
)


_SURROGATE = re.compile("[\ud800-\udfff]")
# Numbers the in-memory stores of this process in the order made: never reused,
# unlike id(), which a store made after another was collected may be given again.
_MEMORY_STORES = itertools.count(1)


def answer_digest(question_id: str, text: str) -> str:
    """A hash naming one answer (``text`` as scored, after cleaning) to one question."""
    return hashlib.sha256(f"{question_id}\n{text}".encode()).hexdigest()


def storable(text: str) -> str:
    """``text`` as SQLite can keep it: a lone surrogate (half an emoji, as a browser
    may send it) becomes U+FFFD, and a pair split in two is joined again."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _replaced_prefix(key: str) -> str:
    """Where the drafts saved over under ``key`` are kept, one row each (see
    ``Store.save_draft``); question ids hold no colon, so prefixes never overlap."""
    return f"replaced:{key}:"


def _writer_key(key: str) -> str:
    """Where the name of the writer of the draft under ``key`` is kept, with a digest of
    the text it wrote (see ``_written_by``)."""
    return f"writer:{key}"


def _text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _written_by(conn: sqlite3.Connection, key: str, text: str, saver: str | None) -> str | None:
    """Who wrote ``text``, the draft under ``key``; None when that is not known for sure.

    The name is trusted only beside the digest of this very text: a save that names no
    writer (an older coachkit's, a tool's) leaves the name of whoever saved before it.
    """
    row = conn.execute("SELECT text FROM drafts WHERE key = ?", (_writer_key(key),)).fetchone()
    name, _, digest = str(row[0]).partition(" ") if row is not None else ("", "", "")
    if not name or name == saver or digest != _text_digest(text):
        return None
    return name


@dataclass(frozen=True)
class KeptDraft:
    """A draft another writer saved, kept when a save here went over it."""

    key: str  # its own row in drafts
    text: str
    kept_at: datetime  # aware, UTC
    writer: str  # who wrote it (see Store.save_draft), or a name of its own if unknown


def _keep(conn: sqlite3.Connection, prefix: str, text: str, writer: str | None) -> None:
    """Keep ``text``, a draft saved over, in a row of its own (its ``writer``'s, when
    known: a writer's newer text replaces its older one). A text kept already, or one a
    kept text goes on from, is kept once; a kept text this one goes on from is an
    earlier state of it, and goes."""
    match = "substr(key, 1, ?) = ?"
    if conn.execute(
        f"SELECT 1 FROM drafts WHERE {match} AND substr(text, 1, length(?)) = ?",
        (len(prefix), prefix, text, text),
    ).fetchone():
        return
    conn.execute(
        f"DELETE FROM drafts WHERE {match} AND substr(?, 1, length(text)) = text",
        (len(prefix), prefix, text),
    )
    _put_draft(conn, f"{prefix}{writer or uuid.uuid4().hex[:12]}", text)


def _put_draft(conn: sqlite3.Connection, key: str, text: str) -> None:
    conn.execute(
        "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
        (key, text, _iso_now()),
    )


def _kept_at(stamp: str) -> datetime:
    """A draft's ``updated_at``; one unreadable (a hand-edited row) reads as the epoch."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return datetime.fromtimestamp(0, UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _iso_now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class AttemptsRead:
    """The attempts that could be read (oldest first), and how many could not.

    ``warning`` is set whenever ``skipped`` or ``damaged`` is: one line for the user
    (the CLI prints it on stderr, a notebook shows it at the top). ``damaged``: the
    file itself is (pages of it cannot be read), not only rows in it.
    """

    attempts: list[Attempt] = field(default_factory=list)
    skipped: int = 0
    warning: str | None = None
    damaged: bool = False


@dataclass(frozen=True)
class DraftsRead:
    """The drafts that could be read, (key, text) oldest saved first, and how many could
    not; ``damaged`` as in ``AttemptsRead``."""

    drafts: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    damaged: bool = False


@dataclass(frozen=True)
class Deleted:
    """What ``Store.delete_attempts`` removed: the attempts, and the LLM scores kept for
    their answers (a cached card quotes the answer it was given)."""

    attempts: list[Attempt] = field(default_factory=list)
    cached_scores: int = 0
    count: int = 0  # attempts deleted, those too damaged to read included
    kept_copies: int = 0  # copies in unscored/ the CLI kept while they waited for a score


class Store:
    """A connection to the attempts database, migrated on open.

    An existing file is opened at once; one that does not exist yet is created
    by the first write (reads see it empty until then). Opening refuses a file
    that is not SQLite, or whose schema is newer than this code knows, and
    changes nothing in that case.
    """

    def __init__(self, path: Path | str | None = None, *, timeout: float | None = None) -> None:
        self.path = Path(path) if path is not None else paths.db_path()
        self._timeout = BUSY_TIMEOUT if timeout is None else timeout
        self._memory = str(self.path) == ":memory:"
        # Taken now, not when first asked for: two threads asking at once get one name.
        self._memory_number = next(_MEMORY_STORES) if self._memory else 0
        # One connection serves the kernel, timer and worker threads: every use of it
        # (reads included) goes through this lock, so callers need no locks of their own.
        self._lock = threading.RLock()
        # The file once it exists; before that, None or an empty in-memory stand-in
        # with the same schema, so reads need no special case for "no file yet".
        self._conn: sqlite3.Connection | None = None
        self._stand_in = False
        self._closed = False
        self._identity: tuple[int, int] | None = None  # (device, inode) of the open file
        self._read_only = False  # opened for reading only: the file may not be written here
        self._cannot_write: StoreError | None = None  # why, when not the folder's permissions
        self._opened = 0  # connections opened so far: a new one starts data_version afresh
        if self._memory or self.path.exists():
            self._use(self._open(), stand_in=False)

    @functools.cached_property
    def key(self) -> str:
        """What names this database to whoever shares state by database in a process (the
        live view, budget reservations): the file wherever it is reached from, or this
        store alone when it is in memory."""
        return f":memory:{self._memory_number}" if self._memory else str(self.path.resolve())

    # -- plumbing ---------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()

    def release(self) -> None:
        """Close the connection for now; the next use opens the file at ``path`` again
        (a new one there, once this one is moved aside)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._conn, self._stand_in, self._identity = None, False, None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection (creating the file), for tests and inspection."""
        with self._lock, self._translated():
            return self._writer()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with BEGIN IMMEDIATE (no read-then-upgrade races).

        If anything fails, COMMIT included, it is rolled back: nothing changes.
        """
        with self._lock, self._translated(), _immediate(self._writer()) as conn:
            yield conn

    def execute(self, sql: str, args: Sequence[object] | dict[str, object] = ()) -> int:
        """Run one write statement, atomic on its own; returns how many rows it changed."""
        with self._lock, self._translated():
            return self._writer().execute(sql, args).rowcount

    def query(self, sql: str, args: Sequence[object] = ()) -> list[sqlite3.Row]:
        """Run a read and fetch all its rows, safely from any thread."""
        with self._lock, self._translated():
            return self._reader().execute(sql, args).fetchall()

    def schema_version(self) -> int:
        return int(self.query("PRAGMA user_version")[0][0])

    def data_version(self) -> tuple[int, int]:
        """A token that changes when another program (another notebook, the CLI) has
        committed to the file, or it was opened anew; this store's own writes keep it.

        Cheap enough to ask before every action, so a view re-reads only when needed.
        """
        with self._lock, self._translated():
            version = int(self._reader().execute("PRAGMA data_version").fetchone()[0])
            return self._opened, version

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Re-raise SQLite's failures about the file as StoreErrors that say what to do."""
        try:
            yield
        except sqlite3.Error as exc:
            error = store_error(self.path, exc)
            if error is None and isinstance(exc, sqlite3.OperationalError) and not self._memory:
                error = schema_damage(self.path, exc)
            if error is None:
                raise
            raise error from exc

    def _reader(self) -> sqlite3.Connection:
        """The connection for a read: the file if it exists, else the empty stand-in."""
        if self._closed:
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        if self._conn is None or (self._stand_in and self.path.exists()) or self._replaced():
            # Checked on every read: another program may have created the file since.
            exists = self.path.exists()
            if not exists and not self._memory:
                blocker = file_in_the_way(self.path.parent)
                if blocker is not None:  # "no attempts yet" would say the history is gone
                    raise StoreError(unusable_message(self.path, NotADirectoryError()))
            self._use(self._open() if exists else self._open_stand_in(), stand_in=not exists)
        assert self._conn is not None
        return self._conn

    def _writer(self) -> sqlite3.Connection:
        """The connection for a write: the file, created now if need be."""
        if self._closed:
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        # Read-only for a passing reason (a full disk): try writing again each time.
        if self._conn is None or self._stand_in or self._replaced() or self._cannot_write:
            self._use(self._open(), stand_in=False)
        if self._read_only and self._cannot_write is not None:
            raise self._cannot_write  # a full disk, say: what stopped it, as it was
        if self._read_only:
            raise StoreError(
                f"{self.path} can only be read here (this folder or disk is read-only for "
                "you): history, charts and export work, but nothing can be saved to it. "
                "Point COACHKIT_HOME at a folder you can write, or copy this one there."
            )
        assert self._conn is not None
        return self._conn

    def _replaced(self) -> bool:
        """Whether the open file is no longer the one at ``path`` (moved, deleted or
        swapped since it was opened): writing on would land where nobody looks."""
        if self._memory or self._stand_in or self._conn is None:
            return False
        return file_identity(self.path) != self._identity

    def _use(self, conn: sqlite3.Connection, *, stand_in: bool) -> None:
        if self._conn is not None:
            self._conn.close()
        # A text value that is not UTF-8 (damage, or another program's write) would end
        # the whole read with an error; read, it is marked and left out where it matters.
        conn.text_factory = _text
        self._conn, self._stand_in = conn, stand_in
        self._opened += 1

    def _exists(self) -> bool:
        return self._memory or (self._conn is not None and not self._stand_in) or self.path.exists()

    def _open(self) -> sqlite3.Connection:
        """Open the file (creating it if need be) and migrate it; refuse one that is not ours.

        A file this user may read but not write (a read-only folder or mount, a
        colleague's home) is opened for reading: history, charts and export work,
        and every write says why it cannot.
        """
        try:
            conn = self._open_writable()
        except StoreError as exc:
            if type(exc) is not StoreError or not self.path.is_file():
                raise  # damaged, busy or newer: reading would not help
            # Not writable here (a read-only folder, a colleague's home), or not now (a
            # full disk): what is saved can still be read, and exported elsewhere.
            conn = self._open_read_only(exc)
            self._read_only = True
            self._cannot_write = None if read_only_here(self.path) else exc
            return conn
        self._read_only, self._cannot_write = False, None
        return conn

    def _open_read_only(self, cause: StoreError) -> sqlite3.Connection:
        """The file opened for reading only, or ``cause`` raised if that fails too.

        SQLite writes beside a WAL database even to read it, unless told the file
        cannot change (immutable); if another program writes it meanwhile, what it
        adds shows at the next start.
        """
        uri = sqlite_uri(self.path, "ro")
        for options in ("", "&immutable=1"):
            conn = sqlite3.connect(
                uri + options, uri=True, isolation_level=None, check_same_thread=False
            )
            try:
                conn.row_factory = sqlite3.Row
                version = user_version(conn)
            except sqlite3.Error:
                conn.close()
                continue
            if version > SCHEMA_VERSION:
                conn.close()  # written by a newer coachkit: its own error says so
                break
            self._identity = file_identity(self.path)
            if version < SCHEMA_VERSION:
                # An older coachkit's file: migrated in a copy in memory, the file untouched.
                copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                conn.backup(copy)
                conn.close()
                copy.row_factory = sqlite3.Row
                self._migrate(copy)
                return copy
            return conn
        raise cause

    def _open_writable(self) -> sqlite3.Connection:
        if not self._memory:
            try:
                create_private(self.path)
            except OSError as exc:
                raise StoreError(unusable_message(self.path, exc)) from None
            check_header(self.path)
        conn: sqlite3.Connection | None = None
        try:
            # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (see the module docstring).
            conn = sqlite3.connect(
                str(self.path), timeout=self._timeout, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")
            if not self._memory:
                _check_before_migrating(conn, self.path)
            self._migrate(conn)
            if not self._memory:
                self._identity = file_identity(self.path)
                conn.execute("PRAGMA journal_mode = WAL")
                # WAL's recommended level: still corruption-safe, but a commit no longer
                # waits for a disk sync (a power cut may lose the last moments).
                conn.execute("PRAGMA synchronous = NORMAL")
            # What is deleted (an attempt deleted for good) is overwritten, not left
            # in free pages: SQLite builds differ in this default.
            conn.execute("PRAGMA secure_delete = ON")
            return conn
        except BaseException as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
                error = store_error(self.path, exc)
                if isinstance(error, CorruptDatabaseError):
                    # Damaged where SQLite reads the schema: no attempt can be read, so
                    # `coachkit export` cannot rescue any; say so rather than send them there.
                    error = CorruptDatabaseError(damaged_message(self.path, exc, readable=False))
                raise error or CorruptDatabaseError(corrupt_message(self.path, exc)) from None
            raise

    def _open_stand_in(self) -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        self._migrate(conn)
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        current = user_version(conn)
        if current > SCHEMA_VERSION:
            raise NewerDatabaseError(
                f"{self.path} was written by a newer coachkit (schema {current}; this one "
                f"knows {SCHEMA_VERSION}). {UPDATE_COACHKIT}, or point COACHKIT_HOME at "
                "another folder."
            )
        for version in range(current, SCHEMA_VERSION):
            with _immediate(conn):
                # Re-check inside the lock: another process may have migrated meanwhile.
                if user_version(conn) > version:
                    continue
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")

    # -- attempts ---------------------------------------------------------
    def add_attempt(self, attempt: Attempt) -> bool:
        """Save an attempt; False if one with the same id (idempotency key) exists."""
        return self.add_attempts([attempt]) == 1

    def add_attempts(self, attempts: Iterable[Attempt], *, replacing: Sequence[str] = ()) -> int:
        """Save attempts in one transaction (all or none); returns how many were new.

        The rows with the ids in ``replacing`` (unreadable ones, say) are deleted first,
        in the same transaction, so their attempts count as new.
        """
        rows = [_attempt_row(attempt) for attempt in attempts]
        if not rows:
            return 0
        with self.transaction() as conn:
            for attempt_id in dict.fromkeys(replacing):
                conn.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,))
            return sum(conn.execute(_INSERT_ATTEMPT, row).rowcount for row in rows)

    def attempts(self, question_id: str | None = None, limit: int | None = None) -> list[Attempt]:
        """Readable attempts oldest first (see read_attempts for how many were skipped)."""
        return self.read_attempts(question_id, limit).attempts

    def read_attempts(
        self, question_id: str | None = None, limit: int | None = None
    ) -> AttemptsRead:
        """Attempts oldest first, optionally for one question or the newest ``limit``.

        Rows that cannot be read are skipped and counted. If the file itself is
        damaged, each attempt is read on its own so the damage costs only the
        attempts it touches; CorruptDatabaseError if none can be read.
        """
        sql = f"SELECT {_ATTEMPT_COLUMNS} FROM attempts"
        args: list[object] = []
        if question_id:
            sql += " WHERE question_id = ?"
            args.append(question_id)
        sql += " ORDER BY created_at DESC, rowid DESC"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        try:
            rows = self.query(sql, args)
        except CorruptDatabaseError:
            return self._salvage_attempts(question_id, limit)
        with _gc_paused():
            parsed = [_attempt_from_row(row) for row in reversed(rows)]
        found = [attempt for attempt in parsed if attempt is not None]
        bad = [str(row["id"]) for row, a in zip(reversed(rows), parsed, strict=True) if a is None]
        return self._read(found, len(bad), damaged=False, ids=bad)

    def _salvage_attempts(self, question_id: str | None, limit: int | None) -> AttemptsRead:
        # Rowids come from the table and from an index: a damaged page hides rows
        # from one b-tree, rarely from both.
        rowids: set[int] = set()
        rowids.update(self._rowids("SELECT rowid FROM attempts NOT INDEXED"))
        rowids.update(self._rowids("SELECT rowid FROM attempts INDEXED BY attempts_by_question"))
        rows: list[sqlite3.Row] = []
        lost = 0
        for rowid in sorted(rowids):
            try:
                rows += self.query(
                    f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE rowid = ?", (rowid,)
                )
            except CorruptDatabaseError:
                lost += 1
        rows = [row for row in rows if not question_id or row["question_id"] == question_id]
        rows.sort(key=lambda row: (row["created_at"], row["rowid"]))
        if limit:
            rows = rows[-limit:]
        parsed = [_attempt_from_row(row) for row in rows]
        found = [attempt for attempt in parsed if attempt is not None]
        if not found and (lost or not rowids):
            # What is typed may lie elsewhere in the file: `coachkit export` keeps it.
            typed = bool(self.read_drafts().drafts)
            raise CorruptDatabaseError(
                damaged_message(self.path, None, readable=False, drafts=typed)
            )
        return self._read(found, lost + len(parsed) - len(found), damaged=True)

    def _rowids(self, sql: str) -> list[int]:
        """Rowids a scan yields before it reaches a damaged page."""
        found: list[int] = []
        with suppress(CorruptDatabaseError), self._lock, self._translated():
            for row in self._reader().execute(sql):
                found.append(int(row[0]))
        return found

    def _read(
        self, attempts: list[Attempt], skipped: int, *, damaged: bool, ids: Sequence[str] = ()
    ) -> AttemptsRead:
        if not skipped:
            # Damaged where no attempt is (an index): none is lost, but writing on is not safe.
            warning = damaged_message(self.path, None) if damaged else None
            return AttemptsRead(attempts, warning=warning, damaged=damaged)
        what = f"{skipped} saved attempt{'s were' if skipped != 1 else ' was'}"
        if damaged:
            warning = f"{what} left out: {damaged_message(self.path, None)}"
        else:
            named = ", ".join(i[:SHORT_ID] for i in ids[:5]) + (", ..." if len(ids) > 5 else "")
            warning = (
                f"{what} left out: unreadable rows in {self.path} (kept there as they are; "
                f"`coachkit delete {named}` deletes {'it' if skipped == 1 else 'them'})."
            )
        return AttemptsRead(attempts, skipped, warning, damaged)

    def damage(self) -> CorruptDatabaseError | None:
        """What ``coachkit history`` says of the file if it is damaged (a page lost,
        perhaps with attempts on it), which nothing may be written to; None if it is
        whole, or not made yet. A file that cannot be opened raises its own StoreError.

        ``PRAGMA quick_check`` reads every page once (5 ms for 2,000 attempts, 100 ms
        for 20,000), no slower than ``read_attempts``, and also finds damage where that
        read does not look: an index, the drafts, the LLM tables a score writes to.
        """
        try:
            whole = str(self.query("PRAGMA quick_check(1)")[0][0]) == "ok"
        except CorruptDatabaseError:  # a page too damaged to walk
            whole = False
        if whole:
            return None
        try:  # the whole read, for history's words: how many attempts were left out
            read = self.read_attempts()
        except CorruptDatabaseError as exc:  # none of its attempts can be read
            return exc
        return CorruptDatabaseError(
            read.warning if read.damaged else damaged_message(self.path, None)
        )

    def get_attempt(self, attempt_id: str) -> Attempt | None:
        rows = self.query(f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,))
        if not rows:
            return None
        attempt = _attempt_from_row(rows[0])
        if attempt is None:
            raise CorruptDatabaseError(
                f"Attempt {attempt_id[:SHORT_ID]} in {self.path} is unreadable: "
                f"`coachkit delete {attempt_id[:SHORT_ID]}` deletes it (`coachkit export` "
                "first keeps the readable ones in a file)."
            )
        return attempt

    def attempt_ids(self, prefix: str, *, exact: bool = False) -> list[str]:
        """The ids of the attempts whose id starts with ``prefix`` in any case (or, with
        ``exact``, is it as saved)."""
        if exact:
            rows = self.query("SELECT id FROM attempts WHERE id = ?", (prefix,))
        else:
            rows = self.query(
                "SELECT id FROM attempts WHERE lower(substr(id, 1, ?)) = lower(?)"
                " ORDER BY created_at, id",
                (len(prefix), prefix),
            )
        return [str(row[0]) for row in rows]

    def answers(self, ids: Sequence[str]) -> list[tuple[str, str]]:
        """(question id, answer) of each attempt, read even where its card is not."""
        marks = ", ".join("?" * len(ids))
        rows = self.query(
            f"SELECT question_id, answer FROM attempts WHERE id IN ({marks})", list(ids)
        )
        return [(str(row[0]), str(row[1])) for row in rows]

    def delete_attempts(
        self,
        ids: Sequence[str],
        digests: Sequence[str] = (),
        *,
        rewrite_draft: Callable[[str, str], str | None] | None = None,
    ) -> Deleted:
        """Delete the attempts with these ids, the LLM scores cached for their answers
        (``digests``: ``answer_digest`` of each) and the draft of each one's question
        (or its replaced one) still holding its answer word for word, in one
        transaction: all or none.
        ``rewrite_draft(key, text)`` gives every other draft a say: its new text, ""
        to delete it, None to leave it (a kept interview drops the deleted answers).
        Unknown ids are left alone: the caller checks them first."""
        if not ids or not self._exists():
            return Deleted()
        with self.transaction() as conn:
            marks = ", ".join("?" * len(ids))
            rows = conn.execute(
                f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE id IN ({marks})", list(ids)
            ).fetchall()
            attempts = [a for a in map(_attempt_from_row, rows) if a is not None]
            # As stored, not parsed: a row too damaged to read held an answer too.
            answers = [(row["question_id"], row["answer"]) for row in rows]
            count = conn.execute(f"DELETE FROM attempts WHERE id IN ({marks})", list(ids)).rowcount
            cached = sum(
                conn.execute(
                    "DELETE FROM llm_score_cache WHERE answer_digest = ?", (digest,)
                ).rowcount
                for digest in dict.fromkeys(digests)
            )
            for key in _cached_before_digests(conn, attempts):
                cached += conn.execute("DELETE FROM llm_score_cache WHERE key = ?", (key,)).rowcount
            # The practice box's draft of the question (or the one kept from another window),
            # still holding the answer word for word. The same story drafted for another
            # question is another answer.
            for question_id, answer in answers:
                prefix = _replaced_prefix(str(question_id))
                conn.execute(
                    "DELETE FROM drafts WHERE (key = ? OR substr(key, 1, ?) = ?) AND text = ?",
                    (question_id, len(prefix), prefix, answer),
                )
            if rewrite_draft is not None:
                for key, text in conn.execute("SELECT key, text FROM drafts").fetchall():
                    new = rewrite_draft(key, text)
                    if new == "":
                        conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
                    elif new is not None:
                        conn.execute("UPDATE drafts SET text = ? WHERE key = ?", (new, key))
        # The deleted rows' old pages live on in the WAL until a checkpoint copies it
        # back: take it now (best effort: a reader elsewhere may hold part of it back).
        with suppress(sqlite3.Error), self._lock:
            self._writer().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        attempts.sort(key=lambda a: a.created_at)
        return Deleted(attempts, cached, count)

    def count_attempts(self) -> int:
        return int(self.query("SELECT count(*) FROM attempts")[0][0])

    def last_answered(self) -> dict[str, str]:
        """When each question was last answered (UTC ISO text, which sorts as time does),
        from the index on (question_id, created_at): no answer is read."""
        rows = self.query("SELECT question_id, MAX(created_at) FROM attempts GROUP BY question_id")
        return {str(row[0]): str(row[1]) for row in rows}

    # -- drafts -----------------------------------------------------------
    def save_draft(
        self,
        key: str,
        text: str,
        *,
        over: str | Unread | None = UNREAD,
        writer: str | None = None,
        prune: Callable[[str, Callable[[str], bool]], str] | None = None,
    ) -> str | None:
        """Keep what the user is typing; an empty text removes the draft.

        ``over`` is the draft this writer last read or wrote under ``key`` (None: there
        was none). Should another writer (a notebook on another kernel) have saved a
        different text since, that text is not lost: it is kept (see ``kept_drafts``) and
        returned. Without ``over``, the draft is saved over, whatever it holds.
        ``writer`` names the one saving (a view, anew each time its box is filled from
        the store): a writer's text kept again replaces its earlier kept text, and its
        own kept text goes once it saves anew, its box going on from that text.
        ``prune(text, saved)`` gives the text to write, ``saved`` telling whether an
        attempt id is in the store; asked inside the write's transaction, so no delete
        lands between the answer and the write (one would put a deleted answer back).
        """
        if not text.strip() and not self._exists():
            return None  # nothing to remove, and no reason to create the file
        prefix = _replaced_prefix(key)
        with self.transaction() as conn:
            if prune is not None:
                text = prune(text, lambda attempt_id: _attempt_saved(conn, attempt_id))
            text = storable(text) if text.strip() else ""
            replaced = None
            if over is not UNREAD:
                row = conn.execute("SELECT text FROM drafts WHERE key = ?", (key,)).fetchone()
                stored = None if row is None else str(row[0])
                seen = None if over is None else storable(over)
                if stored is not None and stored.strip() and stored not in (seen, text):
                    replaced = stored
                    _keep(conn, prefix, stored, _written_by(conn, key, stored, writer))
            if writer is not None:
                # Its text another kept goes: what it saves now goes on from it (a writer
                # is named anew each time its box is filled from the store).
                conn.execute("DELETE FROM drafts WHERE key = ?", (f"{prefix}{writer}",))
            if text:
                _put_draft(conn, key, text)
            else:
                conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
            if text and writer is not None:
                _put_draft(conn, _writer_key(key), f"{writer} {_text_digest(text)}")
            else:
                conn.execute("DELETE FROM drafts WHERE key = ?", (_writer_key(key),))
        return replaced

    def swap_draft(self, key: str, old: str, new: str) -> bool:
        """Save ``new`` under ``key`` only while the draft there is still ``old``; True if
        it was. Of two notebooks taking one draft at once, the second is told so."""
        if not self._exists():
            return False
        changed = self.execute(
            "UPDATE drafts SET text = ?, updated_at = ? WHERE key = ? AND text = ?",
            (storable(new), _iso_now(), key, old),
        )
        return changed == 1

    def load_draft(self, key: str) -> str | None:
        rows = self.query("SELECT text FROM drafts WHERE key = ?", (key,))
        row = rows[0] if rows else None
        return str(row[0]) if row else None

    def delete_draft(self, key: str) -> None:
        self.save_draft(key, "")

    def kept_drafts(self, key: str) -> list[KeptDraft]:
        """The drafts other writers saved under ``key`` that saves here went over, newest
        first (see ``save_draft``)."""
        prefix = _replaced_prefix(key)
        rows = self.query(
            "SELECT key, text, updated_at FROM drafts WHERE substr(key, 1, ?) = ?"
            " ORDER BY updated_at DESC, key",
            (len(prefix), prefix),
        )
        return [
            KeptDraft(str(r[0]), str(r[1]), _kept_at(str(r[2])), str(r[0])[len(prefix) :])
            for r in rows
        ]

    def forget_kept_drafts(self, kept: Sequence[KeptDraft]) -> None:
        """Delete these kept drafts, each only while it still holds the text read."""
        if not kept or not self._exists():
            return
        with self.transaction() as conn:
            for draft in kept:
                conn.execute(
                    "DELETE FROM drafts WHERE key = ? AND text = ?", (draft.key, draft.text)
                )

    def draft_keys(self, prefix: str) -> list[str]:
        """The keys of the drafts starting with ``prefix``, the most recently saved first."""
        rows = self.query(
            "SELECT key FROM drafts WHERE substr(key, 1, ?) = ? ORDER BY updated_at DESC, key",
            (len(prefix), prefix),
        )
        return [str(row[0]) for row in rows]

    def read_drafts(self) -> DraftsRead:
        """Every draft, read as ``read_attempts`` reads attempts: a row that cannot be read
        (text not UTF-8, or on a page of the file that is lost) is skipped and counted, so
        what a damaged file still holds can be rescued."""
        sql = "SELECT key, text, updated_at FROM drafts"
        try:
            rows = self.query(sql)
            lost, damaged = 0, False
        except CorruptDatabaseError:
            # As for attempts: a damaged page hides rows from one b-tree, rarely from both.
            rowids = set(self._rowids("SELECT rowid FROM drafts NOT INDEXED"))
            rowids.update(
                self._rowids("SELECT rowid FROM drafts INDEXED BY sqlite_autoindex_drafts_1")
            )
            rows, lost, damaged = [], 0, True
            for rowid in sorted(rowids):
                try:
                    rows += self.query(f"{sql} WHERE rowid = ?", (rowid,))
                except CorruptDatabaseError:
                    lost += 1
        rows.sort(key=lambda row: str(row["updated_at"]))
        drafts = [
            (row["key"], row["text"])
            for row in rows
            if all(type(value) is str for value in (row["key"], row["text"]))
        ]
        return DraftsRead(drafts, lost + len(rows) - len(drafts), damaged)


def _check_before_migrating(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse to migrate an older coachkit's file that is damaged: a migration writes to
    it, where a write can fail halfway or spread the damage. The plain StoreError opens
    it for reading (see Store._open), migrated in a copy in memory, the file untouched.
    Checked only when a migration is due: once for each coachkit update."""
    version = user_version(conn)
    if not 0 < version < SCHEMA_VERSION:
        return
    try:
        whole = str(conn.execute("PRAGMA quick_check(1)").fetchone()[0]) == "ok"
    except sqlite3.DatabaseError as exc:
        if not isinstance(store_error(path, exc), CorruptDatabaseError):
            raise  # busy, or a disk error: said as itself, not as damage
        whole = False  # a page too damaged to walk
    if not whole:
        raise StoreError(damaged_message(path, None))


def _attempt_saved(conn: sqlite3.Connection, attempt_id: str) -> bool:
    """Whether an attempt with this id is saved (read or not: a damaged one is kept)."""
    return conn.execute("SELECT 1 FROM attempts WHERE id = ?", (attempt_id,)).fetchone() is not None


def _cached_before_digests(conn: sqlite3.Connection, attempts: Sequence[Attempt]) -> list[str]:
    """The keys of scores cached before answers had digests that are these attempts'
    cards: the same question, graded dimensions and rebuild (both quote the answer)."""
    graded = {
        (a.card.question_id, json.dumps(_grading(a.card.model_dump(mode="json")), sort_keys=True))
        for a in attempts
        if a.card.model is not None
    }
    if not graded:
        return []
    keys = []
    for key, card in conn.execute(
        "SELECT key, card FROM llm_score_cache WHERE answer_digest IS NULL"
    ):
        with suppress(ValueError, TypeError, KeyError):
            data = json.loads(card)
            if (data["question_id"], json.dumps(_grading(data), sort_keys=True)) in graded:
                keys.append(str(key))
    return keys


def _grading(card: dict[str, object]) -> list[object]:
    return [card.get("dimensions"), card.get("rebuilt")]


@contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a failed COMMIT leaves it open: undo it all
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


def _attempt_row(attempt: Attempt) -> tuple[object, ...]:
    card = attempt.card
    return (
        attempt.id,
        attempt.question_id,
        attempt.category,
        attempt.answer,
        card.model_dump_json(),
        card.scorer,
        card.model,
        card.rubric_version,
        card.overall,
        *(card.score(d) for d in DIMENSIONS),
        int(card.flagged),
        card.latency_ms,
        card.cost_usd,
        attempt.created_at.astimezone(UTC).isoformat(),
    )


# Local time zones lie within a day of UTC: a moment this far inside datetime's range
# can be shown in every one of them (astimezone() raises OverflowError past the ends).
_EARLIEST = datetime.min.replace(tzinfo=UTC) + timedelta(days=1)
_LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(days=1)
SHOWABLE_DATES = f"{_EARLIEST.date().isoformat()} to {_LATEST.date().isoformat()}"
"""The dates an attempt may carry, as a user reads them."""


def showable(moment: datetime) -> bool:
    """Whether every local time zone can show ``moment`` (one without a zone is local)."""
    try:
        return _EARLIEST <= moment.astimezone(UTC) <= _LATEST
    except (OverflowError, ValueError):
        return False


class Undecodable(str):
    """Text the database holds that is not UTF-8, read with U+FFFD for the bad bytes."""


def _text(data: bytes) -> str:
    try:
        return data.decode()
    except UnicodeDecodeError:
        return Undecodable(data.decode(errors="replace"))


def _attempt_from_row(row: sqlite3.Row) -> Attempt | None:
    """The attempt a row holds, or None if the row is unreadable (a value that is not
    UTF-8 included: the answer is not the one typed)."""
    if any(isinstance(value, Undecodable) for value in row):
        return None
    try:
        attempt = Attempt.model_validate(
            {
                "id": row["id"],
                "question_id": row["question_id"],
                "category": row["category"],
                "answer": row["answer"],
                "card": ScoreCard.model_validate_json(row["card"]),
                "created_at": row["created_at"],
            }
        )
    except (ValidationError, ValueError, TypeError):
        return None
    # A date at the very edge of the calendar cannot be shown west or east of UTC.
    return attempt if showable(attempt.created_at) else None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while many cards are parsed at once.

    Parsing allocates thousands of containers and none of them is garbage, yet each
    allocation burst triggers a collection that walks them all again: with 2,000
    attempts that was over half the read.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
