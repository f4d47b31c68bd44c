"""SQLite store: the single source of truth for what the user produced.

Attempts, drafts (and, from later migrations, LLM usage, caches and budgets)
live in one file under ``COACHKIT_HOME``. Writes use ``BEGIN IMMEDIATE`` so two
notebooks or a notebook and the CLI can write at once without losing rows.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from . import paths
from .errors import CorruptDatabaseError, NewerDatabaseError
from .models import DIMENSIONS, Attempt

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store"]

Migration = Callable[[sqlite3.Connection], None]


def _m001_attempts_and_drafts(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE attempts (
            id TEXT PRIMARY KEY,            -- client-side idempotency key
            question_id TEXT NOT NULL,
            category TEXT NOT NULL,
            answer TEXT NOT NULL,
            card TEXT NOT NULL,             -- the full ScoreCard as JSON
            scorer TEXT NOT NULL,
            model TEXT,
            rubric_version TEXT NOT NULL,
            overall INTEGER NOT NULL,
            situation INTEGER NOT NULL,
            task INTEGER NOT NULL,
            action INTEGER NOT NULL,
            result INTEGER NOT NULL,
            flagged INTEGER NOT NULL DEFAULT 0,
            latency_ms REAL,
            cost_usd REAL,
            created_at TEXT NOT NULL        -- ISO 8601, UTC
        )
        """
    )
    conn.execute("CREATE INDEX attempts_by_question ON attempts (question_id, created_at)")
    conn.execute(
        """
        CREATE TABLE drafts (
            key TEXT PRIMARY KEY,           -- usually the question id
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )


def _m002_llm_usage_cache_budget(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE llm_usage (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,       -- ISO 8601, UTC
            profile TEXT NOT NULL,
            model TEXT NOT NULL,
            purpose TEXT NOT NULL,          -- score | reask | check
            outcome TEXT NOT NULL,          -- ok | cached | timeout | rate_limit | ...
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost_usd REAL,
            latency_ms REAL
        )
        """
    )
    # Covers the spend-per-day sum, which runs before every LLM call.
    conn.execute("CREATE INDEX llm_usage_by_time ON llm_usage (created_at, cost_usd)")
    conn.execute(
        """
        CREATE TABLE llm_score_cache (
            key TEXT PRIMARY KEY,           -- hash of model, rubric, prompt, question, answer
            profile TEXT NOT NULL,
            model TEXT NOT NULL,
            card TEXT NOT NULL,             -- the ScoreCard as JSON
            created_at TEXT NOT NULL
        )
        """
    )
    conn.execute(
        """
        CREATE TABLE llm_budget (
            name TEXT PRIMARY KEY,          -- one token bucket per limit
            tokens REAL NOT NULL,
            updated_at REAL NOT NULL        -- Unix time of the last refill
        )
        """
    )


# Append only: each function moves the schema up one version, in one transaction.
MIGRATIONS: list[Migration] = [_m001_attempts_and_drafts, _m002_llm_usage_cache_budget]
SCHEMA_VERSION = len(MIGRATIONS)


def _iso_now() -> str:
    return datetime.now(UTC).isoformat()


class Store:
    """A connection to the attempts database, migrated on open.

    Opening refuses a file that is not SQLite, or whose schema is newer than this
    code knows, and changes nothing in that case.
    """

    def __init__(self, path: Path | str | None = None, *, timeout: float = 10.0) -> None:
        self.path = Path(path) if path is not None else paths.db_path()
        memory = str(self.path) == ":memory:"
        if not memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _check_header(self.path)
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (see NOTES on locking).
        self._conn = sqlite3.connect(
            str(self.path), timeout=timeout, isolation_level=None, check_same_thread=False
        )
        self._conn.row_factory = sqlite3.Row
        # One connection serves the kernel, timer and worker threads: every use of it
        # (reads included) goes through this lock, so callers need no locks of their own.
        self._lock = threading.RLock()
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._migrate()
            if not memory:
                self._conn.execute("PRAGMA journal_mode = WAL")
                # WAL's recommended level: still corruption-safe, but a commit no longer
                # waits for a disk sync (a power cut may lose the last moments).
                self._conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise CorruptDatabaseError(_corrupt_message(self.path, exc)) from None
        except BaseException:
            self._conn.close()
            raise

    # -- plumbing ---------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for modules that own their own tables."""
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with BEGIN IMMEDIATE (no read-then-upgrade races)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def execute(self, sql: str, args: Sequence[object] | dict[str, object] = ()) -> int:
        """Run one write statement, atomic on its own; returns how many rows it changed."""
        with self._lock:
            return self._conn.execute(sql, args).rowcount

    def query(self, sql: str, args: Sequence[object] = ()) -> list[sqlite3.Row]:
        """Run a read and fetch all its rows, safely from any thread."""
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def schema_version(self) -> int:
        return int(self.query("PRAGMA user_version")[0][0])

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise NewerDatabaseError(
                f"{self.path} was written by a newer coachkit (schema {current}; this one "
                f"knows {SCHEMA_VERSION}). Upgrade coachkit (pip install -U coachkit) "
                "or point COACHKIT_HOME at another folder."
            )
        for version in range(current, SCHEMA_VERSION):
            with self.transaction() as conn:
                # Re-check inside the lock: another process may have migrated meanwhile.
                if int(conn.execute("PRAGMA user_version").fetchone()[0]) > version:
                    continue
                MIGRATIONS[version](conn)
                conn.execute(f"PRAGMA user_version = {version + 1}")

    # -- attempts ---------------------------------------------------------
    def add_attempt(self, attempt: Attempt) -> bool:
        """Save an attempt; False if one with the same id (idempotency key) exists."""
        card = attempt.card
        row = (
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
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO attempts (id, question_id, category, answer, card, scorer, model,"
                " rubric_version, overall, situation, task, action, result, flagged,"
                " latency_ms, cost_usd, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                row,
            )
            return cursor.rowcount == 1

    def add_attempts(self, attempts: Iterable[Attempt]) -> int:
        """Save many attempts; returns how many were new."""
        return sum(self.add_attempt(attempt) for attempt in attempts)

    def attempts(self, question_id: str | None = None, limit: int | None = None) -> list[Attempt]:
        """Attempts oldest first, optionally for one question or the newest ``limit``."""
        sql = "SELECT id, question_id, category, answer, card, created_at FROM attempts"
        args: list[object] = []
        if question_id:
            sql += " WHERE question_id = ?"
            args.append(question_id)
        sql += " ORDER BY created_at DESC, rowid DESC"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        rows = self.query(sql, args)
        return [_attempt_from_row(row) for row in reversed(rows)]

    def get_attempt(self, attempt_id: str) -> Attempt | None:
        rows = self.query(
            "SELECT id, question_id, category, answer, card, created_at FROM attempts WHERE id = ?",
            (attempt_id,),
        )
        return _attempt_from_row(rows[0]) if rows else None

    def count_attempts(self) -> int:
        return int(self.query("SELECT count(*) FROM attempts")[0][0])

    # -- drafts -----------------------------------------------------------
    def save_draft(self, key: str, text: str) -> None:
        """Keep what the user is typing; an empty text removes the draft."""
        with self.transaction() as conn:
            if text.strip():
                conn.execute(
                    "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET text = excluded.text,"
                    " updated_at = excluded.updated_at",
                    (key, text, _iso_now()),
                )
            else:
                conn.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def load_draft(self, key: str) -> str | None:
        rows = self.query("SELECT text FROM drafts WHERE key = ?", (key,))
        row = rows[0] if rows else None
        return str(row[0]) if row else None

    def delete_draft(self, key: str) -> None:
        self.save_draft(key, "")


def _attempt_from_row(row: sqlite3.Row) -> Attempt:
    try:
        return Attempt.model_validate(
            {
                "id": row["id"],
                "question_id": row["question_id"],
                "category": row["category"],
                "answer": row["answer"],
                "card": json.loads(row["card"]),
                "created_at": row["created_at"],
            }
        )
    except (ValidationError, json.JSONDecodeError) as exc:
        raise CorruptDatabaseError(
            f"Attempt {row['id']} in the database is unreadable ({exc.__class__.__name__}); "
            "export what you can with `coachkit export` and report this."
        ) from None


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_header(path: Path) -> None:
    """Refuse a non-SQLite file before sqlite3 gets a chance to touch it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise CorruptDatabaseError(f"Cannot read {path} ({exc}); check its permissions.") from None
    if header != _SQLITE_MAGIC:
        raise CorruptDatabaseError(_corrupt_message(path, None))


def _corrupt_message(path: Path, exc: Exception | None) -> str:
    detail = f" ({exc})" if exc else ""
    return (
        f"{path} is not a readable coachkit database{detail}. Move it aside "
        f"(mv '{path}' '{path}.bak') to start a fresh one, or point COACHKIT_HOME elsewhere."
    )
