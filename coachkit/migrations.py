"""The database's schema: the migrations that make it, one version each, and what it
should hold. Append only: a migration, once released, never changes."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from contextlib import closing

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Migration",
    "expected_schema",
    "schema_of",
    "user_version",
]

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
            purpose TEXT NOT NULL,          -- score | reask | check | transcribe
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


def _m003_cache_answer_digest(conn: sqlite3.Connection) -> None:
    # Which answer a cached score graded, so deleting an attempt deletes its scores under
    # every profile. Rows cached before stay NULL (found by their card instead).
    conn.execute("ALTER TABLE llm_score_cache ADD COLUMN answer_digest TEXT")
    conn.execute("CREATE INDEX llm_score_cache_by_answer ON llm_score_cache (answer_digest)")


def _m004_llm_reservations(conn: sqlite3.Connection) -> None:
    # Dollars set aside by LLM calls in flight, in any process, so that calls made at
    # once by two notebooks (or a notebook and the CLI) stop at the daily limit together.
    conn.execute(
        """
        CREATE TABLE llm_reservations (
            id INTEGER PRIMARY KEY,
            model TEXT NOT NULL,
            usd REAL NOT NULL,              -- the model's last known cost of a call
            host TEXT NOT NULL,             -- where the process holding it runs
            pid INTEGER NOT NULL,           -- the process holding it
            expires_at REAL NOT NULL        -- Unix time after which nobody counts it
        )
        """
    )


# Append only: each function moves the schema up one version, in one transaction.
MIGRATIONS: list[Migration] = [
    _m001_attempts_and_drafts,
    _m002_llm_usage_cache_budget,
    _m003_cache_answer_digest,
    _m004_llm_reservations,
]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version the file at ``conn`` was written with."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def schema_of(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """Each table's name and the names of its columns."""
    tables = [
        str(row[0]) for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    return {
        table: frozenset(
            str(row[0]) for row in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))
        )
        for table in tables
    }


@functools.cache
def expected_schema() -> dict[str, frozenset[str]]:
    """The tables and columns the migrations make, read from a database they just made."""
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as fresh:
        for migration in MIGRATIONS:
            migration(fresh)
        return schema_of(fresh)
