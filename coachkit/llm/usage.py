"""The usage log: one row per LLM call (profile, model, tokens, cost, latency, outcome)."""

from __future__ import annotations

import functools
import math
import os
import socket
import sqlite3
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..errors import StoreError
from ..models import usd
from ..store import Store

__all__ = [
    "HOST",
    "IN_FLIGHT",
    "SENT",
    "Call",
    "Flight",
    "InFlight",
    "Spend",
    "Unlogged",
    "UsageLog",
    "UsageRow",
    "budget_lines",
    "estimate_note",
    "holder_alive",
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
# ending; timeout: it may still be running there; dropped: the connection ended after the
# request went out). The others it never got (a refused connection, a cached score) or
# refused before any work (auth, rate_limit, bad_request, server, ...): they cost nothing.
SENT = ("ok", "invalid_reply", "malformed", "interrupted", "timeout", "dropped")
# A call that may be billed though litellm gave no cost: the budget counts an estimate.
_UNKNOWN = f"cost_usd IS NULL AND outcome IN ({', '.join(repr(o) for o in SENT)})"

# A request logged before it is sent (see UsageLog.depart), its outcome
# "in_flight PID UNTIL HOST": the process sending it, and the Unix time after which it
# cannot still be running. The writes that log the call's end take it out; one left by a
# process that has gone (killed mid-call) is a call cut short, counted and shown as
# interrupted. An outcome rather than columns: no new schema for older coachkit to refuse.
IN_FLIGHT = "in_flight"
_FLYING = f"outcome GLOB '{IN_FLIGHT} *'"
HOST = socket.gethostname()
# Per model, of the rows read: their cost, the calls of unknown cost, whether one was
# priced or answered (the model's last price may have changed), the last id and the ids
# of requests in flight (they count once they end, or once their process has gone).
_TALLY = (
    f"SELECT model, SUM(cost_usd), SUM({_UNKNOWN}), MAX(cost_usd > 0),"
    f" MAX(outcome IN ('ok', 'invalid_reply')), MAX(id), GROUP_CONCAT(CASE WHEN {_FLYING}"
    " THEN id END) FROM llm_usage"
)
# The rows of a day, on the time index, and the rows logged since the last read, on the
# id range (each unary + keeps SQLite off the other).
_DAY = f"{_TALLY} WHERE created_at >= ? AND +id <= ? GROUP BY model"
_NEW = f"{_TALLY} WHERE id > ? AND +created_at >= ? GROUP BY model"

_INSERT = (
    "INSERT INTO llm_usage (created_at, profile, model, purpose, outcome,"
    " prompt_tokens, completion_tokens, cost_usd, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_DEPART = (
    "INSERT INTO llm_usage (created_at, profile, model, purpose, outcome) VALUES (?, ?, ?, ?, ?)"
)
# Matched whole: the row of this request and no other, should its id be used again.
_LAND = "DELETE FROM llm_usage WHERE id = ? AND created_at = ? AND outcome = ?"


def holder_alive(host: str, pid: int) -> bool:
    """Whether the process ``pid`` on ``host`` may still run: asked of the system on this
    host; elsewhere (a home on a network disk) it cannot be told, so it may."""
    if host != HOST or pid == os.getpid() or os.name != "posix":
        return True  # on Windows os.kill would end the process, not ask about it
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, run by someone else
    return True


def _cut_short(outcome: str, now: float) -> bool:
    """Whether the request in flight that ``outcome`` records is over without its end
    logged: its process has gone, or it is past the time it could run. One that cannot be
    read (not written by this coachkit) is: it may have been billed, and nothing ends it."""
    try:
        _, pid, until, host = outcome.split(" ", 3)
        return float(until) <= now or not holder_alive(host, int(pid))
    except ValueError:
        return True


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
class InFlight:
    """The row that logs a request in flight (see UsageLog.depart)."""

    id: int
    stamp: str
    outcome: str

    def remove(self, conn: sqlite3.Connection) -> None:
        """Take the row out in ``conn``'s open transaction, the one logging the call's end."""
        conn.execute(_LAND, (self.id, self.stamp, self.outcome))


@dataclass(eq=False)
class Flight:
    """A score's (or transcription's) requests, logged before the first is sent so that a
    process killed mid-call leaves a row that counts (see UsageLog.depart), and their
    calls that ended and are not logged yet (``calls``, the client's sink)."""

    profile: str
    model: str
    purpose: str
    calls: list[Call] = field(default_factory=list)
    sent: int = 0  # requests sent: before another, the calls so far are logged (client)
    row: InFlight | None = None
    # Landed: its calls are (being) logged by whoever landed it, and no request is sent.
    over: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def claim(self) -> InFlight | None:
        """The row, to the first who asks: a Ctrl-C's exit and the score's own thread may
        both log the call's end, and only one of them takes it out."""
        with self._lock:
            row, self.row = self.row, None
        return row

    def land(self) -> tuple[list[Call], InFlight | None]:
        """The calls to log at its end and the row to take out: the calls to the first
        who asks (the score's thread, or a process exiting meanwhile, see
        opencalls.abandon_open_calls), nothing to the other; the row to whoever finds it (a
        grant committed after the exit landed it leaves it to the score's thread)."""
        with self._lock:
            calls = [] if self.over else list(self.calls)
            self.over = True
            row, self.row = self.row, None
        return calls, row

    def so_far(self) -> list[Call]:
        """Take out the calls so far, to be logged before another request is sent (the
        row stays): none once landed, as whoever landed it logs them."""
        with self._lock:
            if self.over:
                return []
            calls = list(self.calls)
            del self.calls[: len(calls)]  # any appended meanwhile stay
        return calls

    def put_back(self, calls: list[Call]) -> None:
        """Give back calls ``so_far`` took that were not logged (a Ctrl-C meanwhile):
        they are logged at its end."""
        with self._lock:
            self.calls[:0] = calls


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
    flying: dict[int, str] = field(default_factory=dict)  # requests in flight: id -> model


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

    def record_many(
        self,
        calls: list[Call],
        conn: sqlite3.Connection | None = None,
        *,
        landed: InFlight | None = None,
    ) -> None:
        """Append calls, in ``conn``'s open transaction if given (one commit per score),
        and take out the row that logged them in flight (``landed``, see ``depart``).

        In a transaction of its own, a store that refuses the write leaves the calls (and
        the row's removal) to ``keep`` (their cost still counts) before the StoreError is
        raised.
        """
        if not calls and landed is None:
            return
        if conn is None:
            stamp = iso(self._clock())
            try:
                with self._store.transaction() as opened:
                    self._write(calls, opened, stamp)
                    if landed is not None:
                        landed.remove(opened)
            except StoreError:
                self.keep(calls, stamp=stamp, beside=None if landed is None else landed.remove)
                raise
            return
        self._write(calls, conn, iso(self._clock()))
        if landed is not None:
            # After the calls' rows: they take new ids, never this one's, which a reader
            # that saw it in flight looks up again.
            landed.remove(conn)

    def depart(self, flight: Flight, conn: sqlite3.Connection | None, *, until: float) -> None:
        """Log ``flight``'s request as in flight before it is sent, in ``conn``'s open
        transaction (the budget's, which grants the call: no commit of its own) or else in
        one of its own. Its process must end, or ``until`` pass, before it counts as cut
        short; the call's end takes it out (see ``Flight.land``)."""
        stamp = iso(self._clock())
        outcome = f"{IN_FLIGHT} {os.getpid()} {math.ceil(until)} {HOST}"
        args = (stamp, flight.profile, flight.model, flight.purpose, outcome)
        if conn is None:
            with self._store.transaction() as opened:
                row = opened.execute(_DEPART, args).lastrowid
        else:
            row = conn.execute(_DEPART, args).lastrowid
        flight.row = InFlight(int(row or 0), stamp, outcome)

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
        if not calls:
            return
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
            for model, cost, unknown, priced, answered, last, flying in rows:
                self._add(tally, model, cost, int(unknown or 0), bool(priced), bool(answered))
                tally.last = max(tally.last, int(last))
                for row_id in flying.split(",") if flying else ():
                    tally.flying[int(row_id)] = model
            self._spend = tally
            known, unknown_calls = tally.known, dict(tally.unknown)
            for model in self._flights_cut_short(tally, query):
                unknown_calls[model] = unknown_calls.get(model, 0) + 1
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

    def _add(
        self,
        tally: _Tally,
        model: str,
        cost: float | None,
        unknown: int,
        priced: bool,
        answered: bool,
    ) -> None:
        """Count calls of ``model`` read from the log in ``tally``."""
        tally.known += float(cost or 0.0)
        if unknown:
            tally.unknown[model] = tally.unknown.get(model, 0) + unknown
        if priced or (answered and self._prices.get(model, 0.0) is None):
            self._prices.pop(model, None)  # a newer price, or the first answer

    def _flights_cut_short(
        self, tally: _Tally, query: Callable[[str, tuple[object, ...]], list[sqlite3.Row]]
    ) -> list[str]:
        """The models of the requests in flight in ``tally`` whose process has gone (one
        each), looked up again: those whose call ended are dropped (its rows are new rows),
        and a row logged in one's place since (its id used again) is counted."""
        if not tally.flying:
            return []
        ids = list(tally.flying)
        rows = query(
            "SELECT id, model, outcome, cost_usd FROM llm_usage"
            f" WHERE id IN ({', '.join('?' * len(ids))})",
            tuple(ids),
        )
        now = self._clock()
        found = {int(row[0]): row for row in rows}
        cut: list[str] = []
        for row_id in ids:
            row = found.get(row_id)
            if row is None:
                del tally.flying[row_id]  # ended: its calls are logged in rows of their own
            elif str(row[2]).startswith(f"{IN_FLIGHT} "):
                tally.flying[row_id] = row[1]
                if _cut_short(str(row[2]), now):
                    cut.append(row[1])
            else:
                del tally.flying[row_id]
                cost, outcome = row[3], row[2]
                unknown = int(cost is None and outcome in SENT)
                answered = outcome in ("ok", "invalid_reply")
                self._add(tally, row[1], cost, unknown, bool(cost and cost > 0), answered)
        return cut

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

    def _ended(self, since: float | None) -> tuple[str, tuple[object, ...]]:
        """The calls logged since a Unix time, as a subquery and its arguments: those
        ended, and those in flight whose process has gone, as ``interrupted`` (see
        ``depart``). A request still running is not over yet: left out."""
        start = iso(since or 0)
        flying = self._store.query(
            f"SELECT id, outcome FROM llm_usage WHERE created_at >= ? AND {_FLYING}", (start,)
        )
        now = self._clock()
        cut = {row[0] for row in flying if _cut_short(str(row[1]), now)}
        running = [row[0] for row in flying if row[0] not in cut]
        sql = (
            "SELECT id, profile, model, purpose, CASE WHEN id IN"
            f" ({', '.join('?' * len(cut))}) THEN 'interrupted' ELSE outcome END AS outcome,"
            " prompt_tokens, completion_tokens, cost_usd, latency_ms FROM llm_usage"
            f" WHERE created_at >= ? AND id NOT IN ({', '.join('?' * len(running))})"
        )
        return sql, (*cut, start, *running)

    def calls(self, since: float | None = None) -> list[Call]:
        """Every call logged, oldest first, as ``summary`` counts them (for tests and
        inspection)."""
        ended, args = self._ended(since)
        rows = self._store.query(
            "SELECT profile, model, purpose, outcome, prompt_tokens, completion_tokens,"
            f" cost_usd, latency_ms FROM ({ended}) ORDER BY id",
            args,
        )
        return [Call(*row) for row in rows]

    def summary(self, since: float | None = None) -> list[UsageRow]:
        """Totals per profile and model since a Unix time (default: all time)."""
        ended, args = self._ended(since)
        rows = self._store.query(
            f"""
            SELECT profile, model,
                   SUM(outcome != 'cached'), SUM(outcome = 'ok'),
                   SUM(outcome NOT IN ('ok', 'cached')), SUM(outcome = 'cached'),
                   COALESCE(SUM(prompt_tokens), 0), COALESCE(SUM(completion_tokens), 0),
                   SUM(cost_usd), AVG(CASE WHEN outcome != 'cached' THEN latency_ms END),
                   SUM({_UNKNOWN})
            FROM ({ended})
            GROUP BY profile, model ORDER BY profile, model
            """,
            args,
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


# `coachkit usage` fits a terminal of this many columns (a wider line wraps mid-row).
WIDTH = 80
_NUMBERS = ("calls", "ok", "failed", "cached", "tokens in/out", "cost", "latency")


def usage_table(rows: list[UsageRow]) -> str:
    """Plain text for `coachkit usage`, within 80 columns; names are shown whole (a model
    cut short, as `hosted_vllm/meta-llama/Llama`, could be any of several): when a row
    would be wider, each model goes on a line of its own below its row, and figures too
    wide for any columns are listed in words. A cost with an estimate in it reads
    "~$0.0004", and a note below says for how many calls."""
    if not rows:
        return "No LLM calls logged in this period."
    cells = [_cells(row) for row in rows]
    # Each column as wide as its header or its widest figure: fixed widths left
    # "openai/gpt-4o-mini" (the README's own profile) four columns past 80.
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(_NUMBERS)]
    profile = max(len("profile"), *(len(row.profile) for row in rows))
    model = max(len("model"), *(len(row.model) for row in rows))
    figures = sum(widths) + len(widths)
    if len("profile") + figures > WIDTH:
        # No columns fit, even with each name on a line of its own (billions of tokens, a
        # latency of days): each row's figures as words, wrapped, not run past 80.
        lines = [
            line for row, values in zip(rows, cells, strict=True) for line in _listed(row, values)
        ]
        return "\n".join([*lines, *_estimate_note(rows)])
    inline = profile + 1 + model + figures <= WIDTH
    # A profile name too long even for a column of its own (it ran a row to 100
    # columns) goes on a line of its own above its figures, as a model's goes below.
    above = profile + figures > WIDTH
    if above:
        profile = len("profile")

    def line(name: str, model_name: str, values: tuple[str, ...]) -> str:
        left = f"{name:<{profile}} {model_name:<{model}}" if inline else f"{name:<{profile}}"
        return left + "".join(f" {v:>{w}}" for v, w in zip(values, widths, strict=True))

    lines = [line("profile", "model", _NUMBERS)]
    for row, values in zip(rows, cells, strict=True):
        if above:
            lines.append(row.profile)
        lines.append(line("" if above else row.profile, row.model, values))
        if not inline:
            lines.append(f"  model {row.model}")
    return "\n".join([*lines, *_estimate_note(rows)])


def _listed(row: UsageRow, values: tuple[str, ...]) -> list[str]:
    """A row whose figures fit no column: its profile, its figures named and wrapped
    ("calls 3, ok 3, ..., tokens in/out 1,234,567,890/12, ..."), then its model."""
    parts = [f"{name} {value}," for name, value in zip(_NUMBERS, values, strict=True)]
    parts[-1] = parts[-1].removesuffix(",")
    lines = [" "]
    for part in parts:  # wrapped between figures, never inside one ("latency\n  8 ms")
        if len(lines[-1]) + 1 + len(part) > WIDTH and lines[-1].strip():
            lines.append(" ")
        lines[-1] += f" {part}"
    return [row.profile, *lines, f"  model {row.model}"]


def _estimate_note(rows: list[UsageRow]) -> list[str]:
    """The lines below the table that say what its "~" costs include, if any has one."""
    estimated = [row for row in rows if row.estimated_calls]
    if not estimated:
        return []
    amount = _dollars(sum(row.estimated_usd for row in estimated))
    calls = sum(row.estimated_calls for row in estimated)
    them = "it" if calls == 1 else "them"
    note = (
        f"~ includes {usd(amount)} estimated for {_calls(calls)} of unknown cost (cut short, "
        f"timed out or dropped; the provider may bill {them}), at its model's last known cost "
        "per call."
    )
    return textwrap.wrap(note, WIDTH, subsequent_indent="  ")


def budget_lines(described: str) -> str:
    """`coachkit usage`'s Budget line for ``described`` (``BudgetGate.describe()``): one
    line when it fits 80 columns, else a line per part ("scores left this hour: ...",
    "spent today: ..."), each wrapped: both budgets with their notes ran to 133."""
    line = f"Budget: {described}"
    if len(line) <= WIDTH:
        return line
    lines = []
    for i, part in enumerate(_top_level(described)):
        first = "  " if i else "Budget: "  # "Budget: scores left ..." as a one-line one starts
        lines.extend(textwrap.wrap(part, WIDTH, initial_indent=first, subsequent_indent="    "))
    return "\n".join(lines)


def _top_level(described: str) -> list[str]:
    """The parts of ``described`` joined by "; ", not split inside a note in brackets
    (which joins its own notes by "; ")."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(described):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and described.startswith("; ", i):
            parts.append(described[start:i])
            start = i + 2
    return [*parts, described[start:]]


def _cells(row: UsageRow) -> tuple[str, ...]:
    """A row's figures as the table shows them, in the order of ``_NUMBERS``."""
    cost = "n/a" if row.cost_usd is None else usd(row.cost_usd)
    if row.estimated_calls:
        cost = f"~{usd((row.cost_usd or 0.0) + row.estimated_usd)}"
    latency = "n/a" if row.mean_latency_ms is None else f"{row.mean_latency_ms:.0f} ms"
    tokens = f"{row.prompt_tokens:,}/{row.completion_tokens:,}"  # "1,234,567/890"
    counts = (row.calls, row.ok, row.failed, row.cached)
    return (*(str(n) for n in counts), tokens, cost, latency)
