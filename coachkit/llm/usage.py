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

__all__ = [
    "SENT",
    "Call",
    "Spend",
    "Unlogged",
    "UsageLog",
    "UsageRow",
    "estimate_note",
    "iso",
    "unwinding",
    "usage_table",
]

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


# Outcomes of a request the provider got and may bill: it answered (ok, invalid_reply,
# malformed), or the call was cut short while it worked (interrupted: Ctrl-C or a process
# ending; timeout: it may still be running there). The others it never got (a refused
# connection, a cached score) or refused before any work (auth, rate_limit, bad_request,
# server, ...): they cost nothing.
SENT = ("ok", "invalid_reply", "malformed", "interrupted", "timeout")
# A call that may be billed though litellm gave no cost: the budget counts an estimate.
_UNKNOWN = f"cost_usd IS NULL AND outcome IN ({', '.join(repr(o) for o in SENT)})"
# Per model, of the rows read: their cost, the calls of unknown cost, whether one was
# priced or answered (the model's last price may have changed) and the last id.
_TALLY = (
    f"SELECT model, SUM(cost_usd), SUM({_UNKNOWN}), MAX(cost_usd > 0),"
    " MAX(outcome IN ('ok', 'invalid_reply')), MAX(id) FROM llm_usage"
)
# The rows of a day, on the time index, and the rows logged since the last read, on the
# id range (each unary + keeps SQLite off the other).
_DAY = f"{_TALLY} WHERE created_at >= ? AND +id <= ? GROUP BY model"
_NEW = f"{_TALLY} WHERE id > ? AND +created_at >= ? GROUP BY model"

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


@dataclass(frozen=True)
class Spend:
    """US dollars spent over a period: litellm's costs, and an estimate for the calls the
    provider may bill whose cost is unknown (each at its model's last known cost)."""

    known: float
    estimated: float = 0.0
    estimated_calls: int = 0  # calls of a model with no known cost are not among them

    @property
    def total(self) -> float:
        return self.known + self.estimated


@dataclass
class _Tally:
    """The spend since ``since`` read so far, up to the row ``last``."""

    since: float
    known: float
    last: int
    unknown: dict[str, int]  # calls of unknown cost, by model


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
    # Calls the provider may bill whose cost is unknown (cut short, timed out), counted at
    # their model's last known cost: in the day's spend, not in cost_usd.
    estimated_calls: int = 0
    estimated_usd: float = 0.0


class UsageLog:
    """Appends calls to ``llm_usage`` and sums them up."""

    def __init__(self, store: Store, *, clock: Clock = time.time) -> None:
        self._store = store
        self._clock = clock
        # The spend since some time, and the last row it counts. Rows only ever get
        # appended, by this process or another, so later reads add up the new rows
        # alone: the budget check before each call stays O(1), not O(calls today).
        self._spend_lock = threading.Lock()
        self._spend: _Tally | None = None
        # What a call of each model costs, as last known (see last_cost), for the models
        # with calls of unknown cost in the spend; dropped when a newer row may change it.
        self._prices: dict[str, float | None] = {}

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
        """US dollars spent on calls since a Unix time, estimates included (see
        ``spend_since``): what the daily budget counts."""
        return self.spend_since(since, conn).total

    def spend_since(self, since: float, conn: sqlite3.Connection | None = None) -> Spend:
        """US dollars spent on calls since a Unix time, read in ``conn``'s open transaction
        if given (the budget checks and reserves in one), with the calls paid for that the
        store would not log yet. A call the provider may bill whose cost is unknown (cut
        short by Ctrl-C, timed out) counts what its model's last priced call cost, as the
        reservation made for it did: the budget errs on the safe side."""
        # Read before the log: calls logged in between count twice for now, never not at all.
        waiting = self._waiting()

        def query(sql: str, args: tuple[object, ...]) -> list[sqlite3.Row]:
            if conn is None:
                return self._store.query(sql, args)
            rows: list[sqlite3.Row] = conn.execute(sql, args).fetchall()
            return rows

        start = _iso_cached(since)
        with self._spend_lock:
            tally = self._spend
            if tally is not None and tally.since == since:
                rows = query(_NEW, (tally.last, start))
            else:
                # The last id first, then the day up to it: rows logged in between are
                # new rows at the next read, counted once.
                (top,) = query("SELECT MAX(id) FROM llm_usage", ())
                tally = _Tally(since, 0.0, int(top[0] or 0), {})
                self._prices.clear()  # rows before ``since`` may have changed one unseen
                rows = query(_DAY, (start, tally.last))
            for model, cost, unknown, priced, answered, last in rows:
                tally.known += float(cost or 0.0)
                if unknown:
                    tally.unknown[model] = tally.unknown.get(model, 0) + int(unknown)
                if priced or (answered and self._prices.get(model, 0.0) is None):
                    self._prices.pop(model, None)  # a newer price, or the first answer
                tally.last = max(tally.last, int(last))
            self._spend = tally
            known, unknown_calls = tally.known, dict(tally.unknown)
            for entry in waiting:
                if entry.stamp >= start:
                    for call in entry.calls:
                        known += call.cost_usd or 0.0
                        if call.cost_usd is None and call.outcome in SENT:
                            unknown_calls[call.model] = unknown_calls.get(call.model, 0) + 1
            estimated, counted = 0.0, 0
            for model, calls in unknown_calls.items():
                if model not in self._prices:
                    self._prices[model] = self.last_cost(model, conn)
                price = self._prices[model]
                if price:  # a model litellm cannot price, or not yet priced: no estimate
                    estimated += calls * price
                    counted += calls
        return Spend(known, estimated, counted)

    def last_cost(self, model: str, conn: sqlite3.Connection | None = None) -> float | None:
        """What a call of ``model`` costs, as the log knows it: its last priced call's
        cost; 0 for a model that answered with no price (litellm cannot price it); None
        before any answer (nothing is known)."""

        def first(sql: str) -> float | None:
            args = (model,)
            rows = self._store.query(sql, args) if conn is None else conn.execute(sql, args)
            for row in rows:
                return float(row[0])
            return None

        # The newest rows first: a model's last priced call is usually among them.
        found = first(
            "SELECT cost_usd FROM llm_usage WHERE model = ? AND cost_usd > 0"
            " ORDER BY id DESC LIMIT 1"
        )
        if found is None:
            found = first(
                "SELECT 0.0 FROM llm_usage WHERE model = ?"
                " AND outcome IN ('ok', 'invalid_reply') LIMIT 1"
            )
        return found

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
            f"""
            SELECT profile, model,
                   SUM(outcome != 'cached'), SUM(outcome = 'ok'),
                   SUM(outcome NOT IN ('ok', 'cached')), SUM(outcome = 'cached'),
                   COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),
                   SUM(cost_usd), AVG(CASE WHEN outcome != 'cached' THEN latency_ms END),
                   SUM({_UNKNOWN})
            FROM llm_usage WHERE created_at >= ?
            GROUP BY profile, model ORDER BY profile, model
            """,
            (iso(since or 0),),
        )
        prices = {row[1]: self.last_cost(row[1]) for row in rows if row[10]}
        summed: list[UsageRow] = []
        for row in rows:
            price = prices.get(row[1]) or 0.0  # as spend_since counts them
            estimated = int(row[10]) if price else 0
            summed.append(
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
                    estimated_calls=estimated,
                    estimated_usd=_dollars(estimated * price),
                )
            )
        return summed


def _calls(count: int) -> str:
    return f"{count} call{'' if count == 1 else 's'}"


def estimate_note(amount: float, calls: int) -> str:
    """What part of a spend is estimated: "~$0.0004 estimated for 2 calls of unknown cost"."""
    return f"~{usd(amount)} estimated for {_calls(calls)} of unknown cost"


def usage_table(rows: list[UsageRow]) -> str:
    """Plain text for `coachkit usage`; names are shown whole (a model cut short, as
    `hosted_vllm/meta-llama/Llama`, could be any of several). A cost with an estimate in
    it reads "~$0.0004", and a line below says for how many calls."""
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
        if row.estimated_calls:
            cost = f"~{usd((row.cost_usd or 0.0) + row.estimated_usd)}"
        latency = "n/a" if row.mean_latency_ms is None else f"{row.mean_latency_ms:.0f} ms"
        tokens = f"{row.prompt_tokens}/{row.completion_tokens}"
        lines.append(
            f"{row.profile:<{profile}} {row.model:<{model}} {row.calls:>5} {row.ok:>4}"
            f" {row.failed:>6} {row.cached:>6} {tokens:>15} {cost:>10} {latency:>9}"
        )
    estimated = [row for row in rows if row.estimated_calls]
    if estimated:
        amount = _dollars(sum(row.estimated_usd for row in estimated))
        calls = sum(row.estimated_calls for row in estimated)
        them = "it" if calls == 1 else "them"
        lines.append(
            f"~ includes {usd(amount)} estimated for {_calls(calls)} of unknown cost (cut short "
            f"or timed out; the provider may bill {them}), at its model's last known cost per call."
        )
    return "\n".join(lines)
