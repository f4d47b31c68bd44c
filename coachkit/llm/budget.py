"""The user's own LLM budget: scores per hour (a token bucket in the store) and dollars per day."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from .. import paths
from ..config import Budget, load_config
from ..errors import BudgetExceededError, ConfigError, StoreError
from ..figures import figure
from ..models import usd
from ..store import Store
from .usage import HOST, Flight, Spend, UsageLog, estimate_note, holder_alive

__all__ = [
    "HOLD_MARGIN",
    "MEANWHILE",
    "BudgetGate",
    "BudgetStatus",
    "Reservation",
    "day_spent",
    "day_start",
    "next_day",
    "own_limit",
    "raise_limit",
    "set_in",
    "when_said",
]

BUCKET = "llm_scores"
# The hourly limit the bucket was last filled for, kept beside it (same table, own row).
CAPACITY = "llm_scores.capacity"
_REFILLED = "MIN(:cap, tokens + MAX(0.0, :now - updated_at) * :cap / 3600)"
_TAKE = (
    f"UPDATE llm_budget SET tokens = {_REFILLED} - 1, updated_at = :now"
    f" WHERE name = :name AND {_REFILLED} >= 1"
)
_SPEND = "UPDATE llm_budget SET tokens = ?, updated_at = ? WHERE name = ?"
_RELEASE = "DELETE FROM llm_reservations WHERE id = ?"
Clock = Callable[[], float]


# The last known cost of a call, by database and model (see BudgetGate.take).
_estimates: dict[tuple[str, str], float] = {}


class _Settles:
    """Wakes the calls of this process waiting for room as soon as one of its calls
    settles; a call settled by another process is seen at the next look at the store."""

    def __init__(self) -> None:
        self._done = threading.Condition()
        self.count = 0

    def notify(self) -> None:
        with self._done:
            self.count += 1
            self._done.notify_all()

    def wait(self, seen: int, timeout: float) -> None:
        """Until a call settles after ``seen`` was read from ``count``, or ``timeout``."""
        with self._done:
            self._done.wait_for(lambda: self.count != seen, timeout)


_settles = _Settles()


# The longest a call waits for the first call of a model to say what a call costs.
FIRST_PRICE_WAIT = 120.0
# Pauses between looks at the store while waiting: short at first (a call in another
# process may be about to settle), longer later (each look takes the write lock).
POLL_FIRST, POLL_LONGEST = 0.02, 0.5

# Seconds on top of a score's calls before its reservation expires: litellm's first
# import and the length check come before the call, the checks after it, on a slow machine.
HOLD_MARGIN = 120.0
# What to do while the budget allows no call, said when no fallback scores instead.
MEANWHILE = "Score with the local scorer meanwhile."
# The same for a measurement of one profile (rescore, --repeat): another scorer's cards
# would measure nothing, so the run waits for the budget instead.
AGAIN = "Re-run once the budget allows."
# How long a reservation is held when the gate is not told (a score's calls under the
# default settings, 60 s timeout and 2 retries, take at most 9 min 20 s).
HOLD = 15 * 60.0


class Held(Protocol):
    """A score's hold on the hourly score it takes (see opencalls.Hold)."""

    def take(self) -> None: ...

    def end(self) -> bool: ...


@dataclass
class Reservation:
    """Dollars set aside for one call in flight (see BudgetGate.take), a row of
    ``llm_reservations`` until settled."""

    ledger: str
    model: str
    amount: float
    row: int = 0
    settled: bool = False

    def release(self, conn: sqlite3.Connection) -> None:
        """Delete the row in ``conn``'s open transaction (written with the calls' log, once
        a failed store lets it be: see LLMScorer)."""
        conn.execute(_RELEASE, (self.row,))


@dataclass
class _Held:
    """What the live reservations in the store hold, and the rows no one holds any more."""

    usd: float = 0.0
    calls: dict[str, int] = field(default_factory=dict)  # by model
    stale: list[int] = field(default_factory=list)


@dataclass
class _Found:
    """What one look at the store found for a reservation (see BudgetGate._reserve)."""

    now: float
    spent: Spend
    held: _Held
    reservation: Reservation | None = None
    refused: bool = False  # by the day's dollars
    hour: BudgetExceededError | None = None  # the hour's refusal, said over a wait


def _held(rows: list[sqlite3.Row], now: float) -> _Held:
    """What the reservations in ``rows`` hold, less those a crashed or killed process
    left behind: expired ones, and those whose process on this host has ended (one on
    another host counts until it expires)."""
    held = _Held()
    alive: dict[tuple[str, int], bool] = {}
    for row_id, model, amount, host, pid, expires_at in rows:
        holder = (str(host), int(pid))
        if holder not in alive:
            alive[holder] = holder_alive(*holder)
        if expires_at <= now or not alive[holder]:
            held.stale.append(int(row_id))
            continue
        held.usd += float(amount)
        held.calls[model] = held.calls.get(model, 0) + 1
    return held


_HELD = "SELECT id, model, usd, host, pid, expires_at FROM llm_reservations"


def _dollars(spent: float, limit: float) -> tuple[str, str]:
    """``spent`` and ``limit`` as dollars, with the places it takes to tell them apart:
    a spend over the limit never reads "$0.0003 of your $0.0003"."""
    shown = usd(spent), usd(limit)
    places = 4
    while shown[0] == shown[1] and spent != limit and places < 10:
        places += 1
        shown = f"${spent:.{places}f}", f"${limit:.{places}f}"
    return shown


def day_start(now: float) -> float:
    """Local midnight before ``now``: "per day" means the user's day."""
    # Naive, so midnight takes the offset in force at midnight: on a day the clocks
    # change, ``now``'s offset would put it an hour off.
    local = datetime.fromtimestamp(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()


def next_day(now: float) -> float:
    """The local midnight after ``now``, when the daily budget resets (whatever DST does)."""
    return day_start(day_start(now) + 26 * 3600)


def _rescaled(tokens: float, filled_for: float, capacity: float) -> float:
    """What is left in a bucket filled for one hourly limit, under another: what was
    used stays used (3 of 3 used, raised to 300: 297 left), never below empty."""
    return max(0.0, min(capacity, tokens + capacity - filled_for))


def when_said(now: float, at: float) -> str:
    """When ``at`` comes, as the budget messages say it: "at 23:38, in 22 min"."""
    wait = max(0.0, at - now)
    clock = datetime.fromtimestamp(at).astimezone().strftime("%H:%M")
    if wait < 60:
        return f"at {clock}, in under a minute"
    minutes = round(wait / 60)
    span = f"{minutes} min" if minutes < 90 else f"{minutes // 60} h {minutes % 60} min"
    return f"at {clock}, in {span}"


@dataclass(frozen=True)
class BudgetStatus:
    scores_per_hour: float | None
    scores_left: float | None  # whole scores available now
    next_score_at: float | None  # Unix time a score becomes available, if none is now
    usd_per_day: float | None
    usd_today: float  # estimates for calls of unknown cost included (see UsageLog.spend_since)
    usd_reserved: float = 0.0  # set aside by calls running now, in any process
    usd_estimated: float = 0.0  # of usd_today: calls cut short, at their model's last cost
    calls_estimated: int = 0


def own_limit(key: str) -> Path | None:
    """The user's own config file when it sets ``budget.<key>`` over a shared config: a
    limit lower than the coach's (see configwrite.save_budget), theirs to raise. One the
    load set aside (above the coach's, or the file unreadable) is not: the coach's
    applies, and only the coach can raise it (``Config.own_budget`` says which apply)."""
    if paths.personal_config_path() is None:
        return None
    try:
        config = load_config()
    except ConfigError:
        return None  # said where it is loaded; the limit is then not the user's own
    if config.personal is None or key not in config.own_budget:
        return None
    return Path(config.personal)


def set_in(key: str = "llm_scores_per_hour") -> str:
    """Where ``budget.<key>`` is set, as said after its value ("is 0 ..."): the user's
    config, or over a shared config (COACHKIT_CONFIG) the shared one, unless their own
    file sets a lower limit."""
    if paths.personal_config_path() is None:
        return "in your config"
    own = own_limit(key)
    if own is not None:
        return f"in your own config, {own}"
    return "in the shared config, set by whoever keeps it (your coach)"


def raise_limit(key: str) -> str:
    """How to get more of ``budget.<key>``, as a clause ("raise ... in your config")."""
    if paths.personal_config_path() is None:
        return f"raise budget.{key} in your config"
    own = own_limit(key)
    if own is not None:
        # A limit of the user's own, under the coach's: theirs to raise, up to that one.
        return (
            f"raise budget.{key} in your own config ({own}), or in Settings' LLM budget, "
            "up to the shared config's limit"
        )
    return f"ask whoever keeps the shared config (your coach) to raise its budget.{key}"


def day_spent(status: BudgetStatus, now: float) -> str | None:
    """Why today's dollars allow no call, as a check up front says it after "but": the
    day's spend reaches its limit, or calls running now hold the rest. None: they allow one."""
    limit = status.usd_per_day
    if limit is None or status.usd_today + status.usd_reserved < limit:
        return None
    spent, budget = _dollars(status.usd_today, limit)
    if status.calls_estimated:  # what the provider's own figures will not show
        spent += f" (incl. {estimate_note(status.usd_estimated, status.calls_estimated)})"
    if status.usd_today < limit:  # as _check_dollars says it
        return (
            f"today's LLM spend is {spent} of your {budget} budget, and calls still running "
            f"may take the rest ({usd(status.usd_reserved)} is set aside for them): try "
            "again when they finish"
        )
    return (
        f"today's LLM spend is {spent} of your {budget} budget: wait till it resets "
        f"{when_said(now, next_day(now))}"
    )


def _capital(clause: str) -> str:
    return clause[:1].upper() + clause[1:]


class BudgetGate:
    """Takes one score from the hourly bucket and checks today's spend before each LLM call.

    The bucket and the dollars calls in flight set aside live in the store, and every
    change is a BEGIN IMMEDIATE transaction, so they survive restarts and two notebooks
    (or a notebook and the CLI) share them.
    """

    def __init__(
        self,
        store: Store,
        budget: Budget,
        usage: UsageLog,
        *,
        clock: Clock = time.time,
        meanwhile: str | None = MEANWHILE,
        hold: float = HOLD,
    ) -> None:
        self._store = store
        self._budget = budget
        self._usage = usage
        self._clock = clock
        # What to do until the budget allows a call. None when a fallback scores instead:
        # its note on the card says who scored, and the card would say it twice.
        self._meanwhile_text = meanwhile
        self._hold = hold  # seconds a reservation counts at most (see _reserve)
        self._day = (0.0, 0.0)  # the local day last seen: [start, end)
        self._reconciled = False  # the bucket matches this config's limit
        # Whose prices these are: every gate on this database shares them.
        self._ledger = store.key

    # -- the bucket -----------------------------------------------------------
    def _refilled(self, tokens: float, updated: float, now: float) -> float:
        capacity = float(self._budget.llm_scores_per_hour or 0)
        return min(capacity, tokens + max(0.0, now - updated) * capacity / 3600)

    def take(
        self, model: str | None = None, held: Held | None = None, flight: Flight | None = None
    ) -> Reservation | None:
        """Spend one score, or raise BudgetExceededError saying when the next one comes.

        With a daily dollar limit, a call of ``model`` also reserves what its last call
        cost, until ``settle`` is handed the reservation returned here: calls made at
        once (a batch) cannot each find the day's money unspent and overshoot it together.
        The score and the reservation are taken in one transaction. ``held`` is told once
        the score is taken: a process exiting on Ctrl-C gives it back (see
        opencalls.abandon_open_calls). ``flight`` is logged as in flight in the transaction
        that grants the call (see UsageLog.depart).
        """
        now = self._clock()
        if model is not None and self._budget.usd_per_day is not None:
            # One commit for both: a refusal of either takes nothing, so nothing is given back.
            reservation = self._check_dollars(now, model, flight, True)  # with the score
            if held is not None:
                held.take()
            return reservation
        # The hourly score first: a spent hour is said at once.
        try:
            # Without a daily limit the bucket's transaction is the last: it logs the flight.
            self._take_score(now, flight if self._budget.usd_per_day is None else None)
        except BudgetExceededError:
            self._say_a_spent_day(now)  # the day's reset, not the hour's, brings a score
            raise
        if held is not None:
            held.take()
        try:
            return self._granted(self._check_dollars(now, model, flight), flight)
        except BaseException:
            # No call goes out: the score is given back (unless the hold's end already
            # did). A store that failed the check may fail this too; the first error is
            # the one that says what happened.
            if held is None or held.end():
                with suppress(StoreError):
                    self.refund()
            raise

    def look(self, *, score: bool = True) -> None:
        """Raise what ``take`` (``reserve`` when not ``score``) would raise now, writing
        nothing and waiting for nothing: a spent budget is said before litellm's slow
        first import, and over a refusal of another kind (an answer too long)."""
        now = self._clock()
        capacity = self._budget.llm_scores_per_hour
        tokens = self._bucket(now) if score else None
        if capacity is not None and tokens is not None and tokens < 1:
            self._say_a_spent_day(now)
            raise self._hour_spent(float(capacity), tokens, now)
        self._check_dollars(now)

    def _say_a_spent_day(self, now: float) -> None:
        """Refuse as ``_check_dollars`` does if today's dollars are spent (a look: nothing
        is reserved or waited for). A store that cannot be read leaves the hour's say."""
        limit = self._budget.usd_per_day
        with suppress(StoreError):
            if limit is not None and self._usage.cost_since(self._today(now)) >= limit:
                self._check_dollars(now)

    def _granted(
        self, reservation: Reservation | None, flight: Flight | None
    ) -> Reservation | None:
        """``reservation``, once ``flight`` is logged as in flight: no limit wrote it, so a
        transaction of its own does. A store that refuses it lets the call go ahead, as
        before any flight was logged: its end is logged, or kept, as ever."""
        if flight is not None and flight.row is None:
            with suppress(StoreError):
                self._usage.depart(flight, None, until=self._clock() + self._hold)
        return reservation

    def _take_score(self, now: float, flight: Flight | None = None) -> None:
        """Take a score from the bucket, logging ``flight`` in flight in the same
        transaction (see UsageLog.depart)."""
        capacity = self._budget.llm_scores_per_hour
        if capacity is None:
            return
        cap = float(capacity)
        # The usual case, a whole score in the bucket, is one atomic statement (the
        # refill as in _refilled); a missing or empty bucket is settled below.
        taking = {"name": BUCKET, "cap": cap, "now": now}
        if flight is None and self._reconciled and self._store.execute(_TAKE, taking):
            return
        with self._store.transaction() as conn:
            self._reconcile(conn, cap)
            tokens = self._tokens(conn, cap, now)
            if tokens >= 1:
                self._spend_score(conn, tokens, now)
                if flight is not None:
                    self._usage.depart(flight, conn, until=now + self._hold)
        self._reconciled = True
        if tokens < 1:
            raise self._hour_spent(cap, tokens, now)

    def _tokens(self, conn: sqlite3.Connection, capacity: float, now: float) -> float:
        """The scores in the bucket now, read in ``conn``'s open transaction."""
        row = conn.execute(
            "SELECT tokens, updated_at FROM llm_budget WHERE name = ?", (BUCKET,)
        ).fetchone()
        return capacity if row is None else self._refilled(row[0], row[1], now)

    def _spend_score(self, conn: sqlite3.Connection, tokens: float, now: float) -> None:
        """Leave ``tokens`` less one score in the bucket, in ``conn``'s open transaction
        (the one that read ``tokens``: no other writer came between)."""
        left = (tokens - 1, now, BUCKET)
        if not conn.execute(_SPEND, left).rowcount:  # the first score: no bucket yet
            conn.execute("INSERT INTO llm_budget (tokens, updated_at, name) VALUES (?, ?, ?)", left)

    def _hour_spent(self, capacity: float, tokens: float, now: float) -> BudgetExceededError:
        """The refusal of a score when the bucket holds ``tokens`` (less than one)."""
        if capacity <= 0:
            return BudgetExceededError(
                f"LLM scoring is switched off (budget.llm_scores_per_hour is 0 {set_in()})."
                + self._meanwhile
            )
        at = now + (1 - tokens) * 3600 / capacity
        return BudgetExceededError(
            f"Your LLM budget of {figure(capacity)} score{'' if capacity == 1 else 's'} per hour "
            "is used up; the next LLM "
            f"score comes {when_said(now, at)}.{self._meanwhile} "
            f"({_capital(raise_limit('llm_scores_per_hour'))} to allow more.)"
        )

    def _reconcile(self, conn: sqlite3.Connection, capacity: float) -> None:
        """Once per gate, in ``conn``'s open transaction (the caller marks it done once
        that commits): a limit changed in the config takes effect now. Raised from 3 to
        300 an hour, the bucket gains 297 scores, rather than refilling from near empty
        at the new rate; lowered, it keeps no more than the new limit."""
        if self._reconciled:
            return
        row = conn.execute("SELECT tokens FROM llm_budget WHERE name = ?", (CAPACITY,)).fetchone()
        if row is None or row[0] != capacity:
            bucket = conn.execute(
                "SELECT tokens FROM llm_budget WHERE name = ?", (BUCKET,)
            ).fetchone()
            if row is not None and bucket is not None:
                conn.execute(
                    "UPDATE llm_budget SET tokens = ? WHERE name = ?",
                    (_rescaled(bucket[0], row[0], capacity), BUCKET),
                )
            conn.execute(
                "INSERT INTO llm_budget (name, tokens, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET tokens = excluded.tokens",
                (CAPACITY, capacity, self._clock()),
            )

    def refund(self) -> None:
        """Give back a score whose call failed: the budget counts scores, not attempts."""
        capacity = self._budget.llm_scores_per_hour
        if capacity is None:
            return
        with self._store.transaction() as conn:
            conn.execute(
                "UPDATE llm_budget SET tokens = MIN(?, tokens + 1) WHERE name = ?",
                (float(capacity), BUCKET),
            )

    # -- dollars ----------------------------------------------------------------
    def reserve(self, model: str, flight: Flight | None = None) -> Reservation | None:
        """Reserve a call of ``model`` against today's dollars, as ``take`` does, but take
        no score (a transcription costs money, not a score); ``settle`` releases it."""
        return self._granted(self._check_dollars(self._clock(), model, flight), flight)

    def _check_dollars(
        self,
        now: float,
        model: str | None = None,
        flight: Flight | None = None,
        score: bool = False,
    ) -> Reservation | None:
        """Refuse when today's spend, with what calls in flight have reserved, reaches the
        daily limit; otherwise reserve a call of ``model`` (if given, see ``take``), and
        with ``score`` take the hour's score in the same transaction."""
        limit = self._budget.usd_per_day
        if limit is None:
            return None
        today = self._today(now)
        if model is None:  # a look, not a reservation: nothing is written
            held = _held(self._store.query(_HELD), self._clock())
            spend = self._usage.spend_since(today)
            if spend.total + held.usd < limit:
                return None
        else:
            capacity = self._budget.llm_scores_per_hour if score else None
            reservation, spend, held = self._reserve(
                model, today, limit, flight, None if capacity is None else float(capacity)
            )
            if reservation is not None:
                return reservation
        tomorrow = self._day[1]
        spent = spend.total
        shown_spent, shown_limit = _dollars(spent, limit)
        if spend.estimated_calls:  # what the provider's own figures will not show
            shown_spent += f" (incl. {estimate_note(spend.estimated, spend.estimated_calls)})"
        if spent < limit:  # the calls still running hold the rest: they may not spend it
            raise BudgetExceededError(
                f"Today's LLM spend is {shown_spent} of your {shown_limit} budget, and calls "
                f"still running may take the rest ({usd(held.usd)} is set aside for them): "
                "try again when they finish." + self._meanwhile
            )
        raise BudgetExceededError(
            f"Today's LLM spend is {shown_spent} of your {shown_limit} budget; it "
            f"resets {when_said(now, tomorrow)}.{self._meanwhile} "
            f"({_capital(raise_limit('usd_per_day'))} to allow more.)"
        )

    def _reserve(
        self,
        model: str,
        today: float,
        limit: float,
        flight: Flight | None = None,
        capacity: float | None = None,
    ) -> tuple[Reservation | None, Spend, _Held]:
        """Reserve a call of ``model`` unless today's spend and what calls in flight (in any
        process) hold reach ``limit``: a row in ``llm_reservations``, written in the
        transaction that read them, so two processes cannot both take the last dollars.
        With ``capacity`` (the hourly limit) the hour's score is taken in it too: one
        commit, and a refusal of either takes neither.

        The row counts until ``settle`` deletes it, its process ends (asked on this host)
        or ``hold`` seconds pass: a process killed mid-call holds nothing back for long,
        and its call counts from the row logged in flight beside it (``flight``).
        """
        waited_until = time.monotonic() + FIRST_PRICE_WAIT
        pause = POLL_FIRST
        while True:
            seen = _settles.count
            left = waited_until - time.monotonic()
            with self._store.transaction() as conn:
                if capacity is not None:
                    self._reconcile(conn, capacity)
                found = self._look_and_reserve(conn, model, today, limit, capacity, left <= 0)
                if found.reservation is not None and flight is not None:
                    self._usage.depart(flight, conn, until=found.now + self._hold)
            if capacity is not None:
                self._reconciled = True
            if found.hour is not None:
                raise found.hour
            if found.reservation is not None or found.refused:
                return found.reservation, found.spent, found.held
            _settles.wait(seen, min(pause, left))
            pause = min(POLL_LONGEST, pause * 2)

    def _look_and_reserve(
        self,
        conn: sqlite3.Connection,
        model: str,
        today: float,
        limit: float,
        capacity: float | None,
        alone: bool,
    ) -> _Found:
        """One look of ``_reserve`` in ``conn``'s open transaction: the reservation (and
        the hour's score) taken, a refusal, or neither when a call of ``model`` must wait
        for the first to say what a call costs (unless ``alone``: waited long enough)."""
        now = self._clock()
        held = _held(conn.execute(_HELD).fetchall(), now)
        if held.stale:
            conn.executemany(
                "DELETE FROM llm_reservations WHERE id = ?", [(i,) for i in held.stale]
            )
        spent = self._usage.spend_since(today, conn)
        found = _Found(now, spent, held)
        tokens = None if capacity is None else self._tokens(conn, capacity, now)
        # The hour first, as it is said at once, not after a wait for a first price; a
        # spent day is said over it (the day's reset, not the hour's, brings a score).
        if capacity is not None and tokens is not None and tokens < 1 and spent.total < limit:
            found.hour = self._hour_spent(capacity, tokens, now)
        elif spent.total + held.usd >= limit:
            found.refused = True
        else:
            estimate = self._estimate(model)
            # What a call costs is not known yet: the first call tells, and the others
            # wait for it (not forever: a call left running by a Ctrl-C'd batch may
            # never settle) rather than each find the day unspent.
            if estimate is not None or not held.calls.get(model) or alone:
                if tokens is not None:
                    self._spend_score(conn, tokens, now)
                amount = estimate or 0.0
                row = conn.execute(
                    "INSERT INTO llm_reservations (model, usd, host, pid, expires_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (model, amount, HOST, os.getpid(), now + self._hold),
                ).lastrowid
                found.reservation = Reservation(self._ledger, model, amount, row or 0)
        return found

    def settle(
        self,
        reservation: Reservation | None,
        cost: float | None,
        conn: sqlite3.Connection | None = None,
    ) -> None:
        """The call ``take`` reserved for is over: release what it set aside (its cost is
        in the usage log now, or in ``conn``'s open transaction, which then releases it
        too) and keep ``cost`` as what a call of its model costs (0 for a model litellm
        cannot price; None when no answer came back, which tells nothing)."""
        if reservation is None:
            return
        if not reservation.settled:
            reservation.settled = True
            # A store that cannot be written now (or a transaction rolled back) keeps the
            # row until its process ends or it expires: it holds money back meanwhile,
            # never lets more be spent, and the call's own outcome (or error) is what the
            # caller needs to hear.
            with suppress(StoreError):
                if conn is not None:
                    reservation.release(conn)
                else:
                    self._store.execute(_RELEASE, (reservation.row,))
        key = (reservation.ledger, reservation.model)
        if cost is not None and (cost > 0 or key not in _estimates):
            _estimates[key] = cost
        _settles.notify()

    def _estimate(self, model: str) -> float | None:
        """What a call of ``model`` will cost: its last known cost; 0 for a model that
        answered with no price (as ``settle`` learns it); None before any answer."""
        key = (self._ledger, model)
        if key not in _estimates:
            known = self._usage.last_cost(model)
            if known is None:
                return None
            _estimates[key] = known
        return _estimates[key]

    def _today(self, now: float) -> float:
        """``day_start(now)``, worked out once a day rather than before every call."""
        start, end = self._day
        if not start <= now < end:
            start = day_start(now)
            end = next_day(start)
            self._day = (start, end)
        return start

    @property
    def _meanwhile(self) -> str:
        return f" {self._meanwhile_text}" if self._meanwhile_text else ""

    def _bucket(self, now: float) -> float | None:
        """The scores in the bucket at ``now``, as the next score finds them, read without
        writing; None without an hourly limit."""
        capacity = self._budget.llm_scores_per_hour
        if capacity is None:
            return None
        cap = float(capacity)
        rows = {
            name: (tokens, updated)
            for name, tokens, updated in self._store.query(
                "SELECT name, tokens, updated_at FROM llm_budget WHERE name IN (?, ?)",
                (BUCKET, CAPACITY),
            )
        }
        row = rows.get(BUCKET)
        if row is None:
            return cap
        stored, filled_for = row[0], rows.get(CAPACITY, (cap, 0.0))[0]
        # What _reconcile will do at the next score, without writing: a reading (the
        # Settings view, `coachkit usage`) leaves the database as it was.
        if not self._reconciled and filled_for != cap:
            stored = _rescaled(stored, filled_for, cap)
        return self._refilled(stored, row[1], now)

    def when_ready(self, scores: int) -> str | None:
        """When the hourly bucket will hold ``scores``, the part of one refilled so far
        counted ("at 11:07, in 24 min", as ``describe`` says the next one); None without
        an hourly limit."""
        now = self._clock()
        capacity = self._budget.llm_scores_per_hour
        tokens = self._bucket(now)
        if not capacity or tokens is None:
            return None
        return when_said(now, now + max(0.0, scores - tokens) * 3600 / capacity)

    def status(self) -> BudgetStatus:
        """What is left now, without spending anything."""
        now = self._clock()
        capacity = self._budget.llm_scores_per_hour
        left: float | None = None
        next_at: float | None = None
        tokens = self._bucket(now)
        if capacity is not None and tokens is not None:
            left = float(int(tokens))
            if tokens < 1 and capacity > 0:
                next_at = now + (1 - tokens) * 3600 / capacity
        limit = self._budget.usd_per_day
        spend = self._usage.spend_since(day_start(now))
        return BudgetStatus(
            scores_per_hour=capacity,
            scores_left=left,
            next_score_at=next_at,
            usd_per_day=limit,
            usd_today=spend.total,
            usd_estimated=spend.estimated,
            calls_estimated=spend.estimated_calls,
            # Only a daily limit reserves: without one there is nothing to read.
            usd_reserved=_held(self._store.query(_HELD), now).usd if limit is not None else 0.0,
        )

    def describe(self) -> str:
        """One line for `coachkit usage` and the notebook."""
        status = self.status()
        now = self._clock()
        parts = []
        if status.scores_per_hour is None:
            parts.append("scores per hour: unlimited")
        else:
            parts.append(
                f"scores left this hour: {figure(status.scores_left or 0)} of "
                f"{figure(status.scores_per_hour)}"
            )
            if status.next_score_at is not None:
                parts[-1] += f", the next {when_said(now, status.next_score_at)}"
        notes = []
        if status.calls_estimated:
            notes.append(f"incl. {estimate_note(status.usd_estimated, status.calls_estimated)}")
        if status.usd_per_day is None:
            notes.append("no daily limit")
            parts.append(f"spent today: {usd(status.usd_today)}")
        else:
            # The same precision as the limit's message: "$0.0003 of $0.0002", never "of $0.00".
            parts.append(f"spent today: {usd(status.usd_today)} of {usd(status.usd_per_day)}")
            if status.usd_reserved > 0:
                notes.append(f"{usd(status.usd_reserved)} set aside for calls running now")
        if notes:
            parts[-1] += f" ({'; '.join(notes)})"
        return "; ".join(parts)
