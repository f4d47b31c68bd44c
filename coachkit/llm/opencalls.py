"""Requests waiting on a provider, in every thread, and the scores holding their hourly
budget: logged and given back when the process exits or is interrupted before they end."""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from ..errors import StoreError
from .usage import Call, Flight, InFlight, UsageLog

__all__ = [
    "Abandoned",
    "Hold",
    "OpenCall",
    "abandon_open_calls",
    "hold",
    "registered",
    "tracked",
]


class Abandoned(KeyboardInterrupt):
    """The reply to a call ``abandon_open_calls`` logged as interrupted: its thread logs
    nothing more (the call, and the score's calls before it, are in the log already)."""


@dataclass(eq=False)
class OpenCall:
    """A request sent and not answered yet, with the score's calls logged so far and the
    row that logs it in flight; ``usage`` logs it as ``profile`` and ``model`` if it is
    cut short."""

    usage: UsageLog | None
    profile: str
    model: str
    purpose: str
    sink: list[Call] | None
    started: float
    flight: Flight | None = None
    abandoned: bool = False

    def abandon(self) -> tuple[list[Call], InFlight | None]:
        """Mark it abandoned and take what is left to log of its score: the calls so far
        and its row in flight. Under _open_lock, which its thread needs to go on: it finds
        nothing left to log when it wakes."""
        self.abandoned = True
        if self.flight is not None:
            calls, row = self.flight.land()
        else:
            calls, row = list(self.sink or []), None
        if self.sink is not None:
            self.sink.clear()
        return calls, row


@dataclass(eq=False)
class Hold:
    """A score's hold on its hourly budget, from before it is taken (see BudgetGate.take)
    until the score spends it or gives it back (``end``). ``abandon_open_calls`` gives
    back the score of each hold it ends, and no request of a score is sent after that."""

    give_back: Callable[[], None]
    taken: bool = False
    over: bool = False  # ended: by its score, or by abandon_open_calls

    def take(self) -> None:
        """The score was taken. A hold abandon_open_calls ended meanwhile gives it back at
        once (the score will send nothing)."""
        with _open_lock:
            self.taken = not self.over
        if not self.taken:
            with suppress(StoreError):
                self.give_back()

    def end(self) -> bool:
        """End the hold: True if the score taken is the caller's to spend or give back,
        False if none was taken or abandon_open_calls gave it back already."""
        with _open_lock:
            _holds.discard(self)
            ours = self.taken and not self.over
            self.over = True
        return ours


def hold(give_back: Callable[[], None]) -> Hold:
    """A hold for a score about to take its hourly budget; ``give_back`` returns it."""
    entry = Hold(give_back)
    with _open_lock:
        _holds.add(entry)
    return entry


# Requests waiting on a provider, in every thread: a batch's workers are daemon threads
# that die unheard with the process, and the calls they sent must still be logged. And
# the scores running (their hourly budget taken), whose budget goes the same way.
_open: set[OpenCall] = set()
_holds: set[Hold] = set()
# The requests of each score (or transcription) from before its grant to its end, with
# the usage log that logs them: between two requests, or before the first, none is open.
_flying: dict[Flight, UsageLog | None] = {}
_open_lock = threading.Lock()


@contextmanager
def tracked(flight: Flight, usage: UsageLog | None) -> Iterator[Flight]:
    """``flight`` made known from before its grant to the end of the block (its end
    logged): a process exiting meanwhile with none of its requests open logs the calls
    it left in ``usage`` and takes its row out (see abandon_open_calls), and none is sent
    after."""
    with _open_lock:
        _flying[flight] = usage
    try:
        yield flight
    finally:
        with _open_lock:
            _flying.pop(flight, None)


@contextmanager
def registered(call: OpenCall, held: Hold | None) -> Iterator[None]:
    """Registers a request in flight; Abandoned if it was logged meanwhile as cut short,
    or before it is sent if abandon_open_calls ended its score's ``held`` budget."""
    flight = call.flight
    with _open_lock:  # one lock with the holds': sent and logged, or neither
        if (held is not None and held.over) or (flight is not None and flight.over):
            raise Abandoned
        _open.add(call)
    try:
        yield
    finally:
        with _open_lock:
            _open.discard(call)
        if call.abandoned:
            raise Abandoned


def abandon_open_calls() -> int:
    """Log every request still waiting on a provider as ``interrupted`` (the provider may
    still bill it), with the calls its score made before it, and give back the hourly
    budget of every score not finished, as a Ctrl-C in the caller's own thread does: no
    request of theirs is sent after this. For a process about to exit after Ctrl-C (a
    batch's other threads are not unwound by it). Returns how many requests."""
    with _open_lock:
        waiting = [(entry, entry.abandon()) for entry in _open]
        _open.clear()
        # Then the scores with no request open: the calls they made (a reply before its
        # re-ask, an attempt before its retry) are logged as what they were, in place of
        # the row in flight, and one that sent nothing yet leaves nothing to count.
        between = [(usage, flight.land()) for flight, usage in _flying.items()]
        _flying.clear()
        taken = [held for held in _holds if held.taken]
        for held in _holds:
            held.over = True
        _holds.clear()
    for entry, (calls, landed) in waiting:
        _log_cut_short(entry, calls, landed)
    for usage, (calls, landed) in between:
        _land_at_exit(usage, calls, landed)
    for held in taken:
        with suppress(StoreError):  # the process is ending: nothing more can be done
            held.give_back()
    return len(waiting)


@atexit.register
def _abandon_at_exit() -> None:
    """A process that ends normally while daemon threads still wait on a provider (a
    notebook's score runs on one, and a kernel shut down or restarted exits normally)
    left their requests unlogged, so the day's spend never counted them: they are logged
    as cut short, as at Ctrl-C."""
    with suppress(Exception):  # the process is ending: nowhere left to say it
        abandon_open_calls()


def _log_cut_short(entry: OpenCall, calls: list[Call], landed: InFlight | None) -> None:
    """Log ``entry``'s score's ``calls`` and the request cut short in place of its row
    in flight (see abandon_open_calls)."""
    latency = (time.perf_counter() - entry.started) * 1000
    cut = Call(entry.profile, entry.model, entry.purpose, "interrupted", latency_ms=latency)
    if entry.usage is not None:
        # The process is ending: nothing more can be done. A row left in flight is
        # counted as cut short once it has gone.
        with suppress(StoreError):
            entry.usage.record_many([*calls, cut], landed=landed)


def _land_at_exit(usage: UsageLog | None, calls: list[Call], landed: InFlight | None) -> None:
    """Log a score's ``calls`` in ``usage`` in place of its row in flight, no request of it
    open (see abandon_open_calls): the process is ending, and a row left counts as cut
    short once it has gone."""
    if usage is not None and (calls or landed is not None):
        with suppress(StoreError):
            usage.record_many(calls, landed=landed)
