"""The usage log: one row per LLM call (profile, model, tokens, cost, latency, outcome)."""

from __future__ import annotations

import functools
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from ..errors import StoreError
from ..models import usd
from ..store import Store

__all__ = ["Call", "Unlogged", "UsageLog", "UsageRow", "iso", "unwinding", "usage_table"]

Clock = Callable[[], float]
# Written in the transaction that logs some calls (a reservation's release, a score's cache).
Beside = Callable[[sqlite3.Connection], None]


def iso(timestamp: float) -> str:
    """UTC, fixed width (always with microseconds): rows compare correctly as text."""
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="microseconds")


@contextmanager
def unwinding(error: BaseException) -> Iterator[None]:
    """Bookkeeping (the log, a refund) while ``error`` is raised: a store that fails it
    does not replace a Ctrl-C, which must still end as one (exit 130, "interrupted")."""
    try:
        yield
    except StoreError:
        if not isinstance(error, KeyboardInterrupt):
            raise


_INSERT = (
    "INSERT INTO llm_usage (created_at, profile, model, purpose, outcome,"
    " prompt_tokens, completion_tokens, cost_usd, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _dollars(amount: float) -> float:
    """A sum of costs to 1e-8 US dollars, as a card's cost is: a sum of floats carries
    noise (0.0006839999999999999) that is nobody's spend."""
    return round(amount, 8)


@functools.lru_cache(maxsize=4)
def _iso_cached(timestamp: float) -> str:
    """``iso`` of a time asked for again and again (the start of today, before each call)."""
    return iso(timestamp)


@dataclass(frozen=True)
class Call:
    """One request to a provider, as logged. There is deliberately no field for params."""

    profile: str
    model: str
    purpose: str  # score | reask | check | transcribe
    outcome: str  # ok | cached | timeout | rate_limit | server | auth | ...
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost_usd: float | None = None
    latency_ms: float | None = None


@dataclass(frozen=True, eq=False)
class Unlogged:
    """Calls the store refused to log, kept in this process until a write logs them."""

    stamp: str  # when they were to be logged: the day their cost counts on
    calls: tuple[Call, ...]
    beside: Beside | None = None


# Calls not logged yet, by database (Store.key): counted in the day's spend by every log
# of that database in this process, and logged by the next write that works.
_unlogged: dict[str, list[Unlogged]] = {}
_unlogged_lock = threading.Lock()  # held only to read or change _unlogged, never beyond
_logging_unlogged = threading.Lock()  # one writer of them at a time: none logged twice


@dataclass(frozen=True)
class UsageRow:
    """Usage of one profile and model over a period."""

    profile: str
    model: str
    calls: int
    ok: int
    failed: int
    cached: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float | None
    mean_latency_ms: float | None


class UsageLog:
    """Appends calls to ``llm_usage`` and sums them up."""

    def __init__(self, store: Store, *, clock: Clock = time.time) -> None:
        self._store = store
        self._clock = clock
        # The spend since some time, and the last row it counts. Rows only ever get
        # appended, by this process or another, so later reads add up the new rows
        # alone: the budget check before each call stays O(1), not O(calls today).
        self._spend_lock = threading.Lock()
        self._spend: tuple[float, float, int] | None = None  # (since, usd, last id)

    def record(self, call: Call) -> None:
        self.record_many([call])

    def record_many(self, calls: list[Call], conn: sqlite3.Connection | None = None) -> None:
        """Append calls, in ``conn``'s open transaction if given (one commit per score).

        In a transaction of its own, a store that refuses the write leaves the calls to
        ``keep`` (their cost still counts) before the StoreError is raised.
        """
        if not calls:
            return
        if conn is None:
            stamp = iso(self._clock())
            try:
                with self._store.transaction() as opened:
                    self._write(calls, opened, stamp)
            except StoreError:
                self.keep(calls, stamp=stamp)
                raise
            return
        self._write(calls, conn, iso(self._clock()))

    def keep(
        self, calls: list[Call], *, beside: Beside | None = None, stamp: str | None = None
    ) -> Unlogged:
        """Hold calls the store would not log in this process, with what is to be written
        in the same transaction as their log (``beside``): their cost counts in
        ``cost_since`` meanwhile, and ``log_kept`` writes them."""
        kept = Unlogged(stamp or iso(self._clock()), tuple(calls), beside)
        with _unlogged_lock:
            _unlogged.setdefault(self._store.key, []).append(kept)
        return kept

    def kept(self, entry: Unlogged) -> bool:
        """Whether ``entry`` (from ``keep``) is still waiting to be logged."""
        with _unlogged_lock:
            return any(e is entry for e in _unlogged.get(self._store.key, ()))

    def log_kept(self) -> None:
        """Log the calls ``keep`` holds, with what goes beside them, in one transaction;
        a StoreError (they stay held) if the store still refuses."""
        with _logging_unlogged:
            waiting = self._waiting()
            if not waiting:
                return
            with self._store.transaction() as conn:
                for entry in waiting:
                    self._write(list(entry.calls), conn, entry.stamp)
                    if entry.beside is not None:
                        entry.beside(conn)
            # Dropped after the commit: a reader meanwhile counts them twice, never not.
            with _unlogged_lock:
                left = [e for e in _unlogged.pop(self._store.key, []) if e not in waiting]
                if left:
                    _unlogged[self._store.key] = left

    def _waiting(self) -> list[Unlogged]:
        with _unlogged_lock:
            return list(_unlogged.get(self._store.key, ()))

    def _write(self, calls: list[Call], conn: sqlite3.Connection, stamp: str) -> None:
        rows = [
            (
                stamp,
                c.profile,
                c.model,
                c.purpose,
                c.outcome,
                c.prompt_tokens,
                c.completion_tokens,
                c.cost_usd,
                None if c.latency_ms is None else round(c.latency_ms, 3),
            )
            for c in calls
        ]
        if len(rows) == 1:  # the usual case: execute() costs less than executemany()
            conn.execute(_INSERT, rows[0])
        else:
            conn.executemany(_INSERT, rows)

    def cost_since(self, since: float, conn: sqlite3.Connection | None = None) -> float:
        """US dollars spent on calls since a Unix time (unknown costs count as 0), read in
        ``conn``'s open transaction if given (the budget checks and reserves in one), with
        the calls paid for that the store would not log yet."""
        # Read before the log: calls logged in between count twice for now, never not at all.
        waiting = self._waiting()

        def query(sql: str, args: tuple[object, ...]) -> list[sqlite3.Row]:
            if conn is None:
                return self._store.query(sql, args)
            rows: list[sqlite3.Row] = conn.execute(sql, args).fetchall()
            return rows

        with self._spend_lock:
            if self._spend is not None and self._spend[0] == since:
                _, usd, last = self._spend
                # The unary + keeps SQLite on the id range, off the time index.
                (row,) = query(
                    "SELECT COALESCE(SUM(cost_usd), 0), MAX(id) FROM llm_usage"
                    " WHERE id > ? AND +created_at >= ?",
                    (last, _iso_cached(since)),
                )
            else:
                usd, last = 0.0, 0
                (row,) = query(  # one statement: one consistent snapshot
                    "SELECT (SELECT COALESCE(SUM(cost_usd), 0) FROM llm_usage"
                    " WHERE created_at >= ?), (SELECT MAX(id) FROM llm_usage)",
                    (iso(since),),
                )
            usd += float(row[0])
            self._spend = (since, usd, last if row[1] is None else int(row[1]))
        start = _iso_cached(since)
        return usd + sum(c.cost_usd or 0.0 for e in waiting if e.stamp >= start for c in e.calls)

    def calls(self, since: float | None = None) -> list[Call]:
        """Every logged call, oldest first (for tests and inspection)."""
        rows = self._store.query(
            "SELECT profile, model, purpose, outcome, prompt_tokens, completion_tokens,"
            " cost_usd, latency_ms FROM llm_usage WHERE created_at >= ? ORDER BY id",
            (iso(since or 0),),
        )
        return [Call(*row) for row in rows]

    def summary(self, since: float | None = None) -> list[UsageRow]:
        """Totals per profile and model since a Unix time (default: all time)."""
        rows = self._store.query(
            """
            SELECT profile, model,
                   SUM(outcome != 'cached'), SUM(outcome = 'ok'),
                   SUM(outcome NOT IN ('ok', 'cached')), SUM(outcome = 'cached'),
                   COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),
                   SUM(cost_usd), AVG(CASE WHEN outcome != 'cached' THEN latency_ms END)
            FROM llm_usage WHERE created_at >= ?
            GROUP BY profile, model ORDER BY profile, model
            """,
            (iso(since or 0),),
        )
        return [
            UsageRow(
                profile=row[0],
                model=row[1],
                calls=int(row[2]),
                ok=int(row[3]),
                failed=int(row[4]),
                cached=int(row[5]),
                prompt_tokens=int(row[6]),
                completion_tokens=int(row[7]),
                cost_usd=None if row[8] is None else _dollars(float(row[8])),
                mean_latency_ms=None if row[9] is None else round(float(row[9]), 1),
            )
            for row in rows
        ]


def usage_table(rows: list[UsageRow]) -> str:
    """Plain text for `coachkit usage`; names are shown whole (a model cut short, as
    `hosted_vllm/meta-llama/Llama`, could be any of several)."""
    if not rows:
        return "No LLM calls logged in this period."
    profile = max(len("profile"), *(len(row.profile) for row in rows))
    model = max(len("model"), *(len(row.model) for row in rows))
    header = (
        f"{'profile':<{profile}} {'model':<{model}} {'calls':>5} {'ok':>4} {'failed':>6}"
        f" {'cached':>6} {'tokens in/out':>15} {'cost':>10} {'latency':>9}"
    )
    lines = [header]
    for row in rows:
        cost = "n/a" if row.cost_usd is None else usd(row.cost_usd)
        latency = "n/a" if row.mean_latency_ms is None else f"{row.mean_latency_ms:.0f} ms"
        tokens = f"{row.prompt_tokens}/{row.completion_tokens}"
        lines.append(
            f"{row.profile:<{profile}} {row.model:<{model}} {row.calls:>5} {row.ok:>4}"
            f" {row.failed:>6} {row.cached:>6} {tokens:>15} {cost:>10} {latency:>9}"
        )
    return "\n".join(lines)
