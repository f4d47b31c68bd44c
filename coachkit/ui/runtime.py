"""Background work, timers and debouncing, with deterministic stand-ins for tests.

Widgets call into these through small protocols so a test can run scoring inline
and move time forward by hand instead of sleeping.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

__all__ = [
    "Cancel",
    "Countdown",
    "Debouncer",
    "InlineRunner",
    "LateWords",
    "ManualRunner",
    "ManualScheduler",
    "Relay",
    "Runner",
    "Scheduler",
    "ThreadRunner",
    "ThreadScheduler",
    "late_grace",
    "mmss",
]

T = TypeVar("T")
Cancel = Callable[[], None]


def mmss(seconds: float) -> str:
    """Seconds as m:ss, the way a countdown reads."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class Runner(Protocol):
    """Runs ``work`` somewhere, then hands its value or its exception to a callback."""

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None: ...


def _settle(
    work: Callable[[], T], on_success: Callable[[T], None], on_error: Callable[[Exception], None]
) -> None:
    try:
        value = work()
    except Exception as exc:
        on_error(exc)
        return
    on_success(value)


class ThreadRunner:
    """Runs work on a daemon thread so a slow LLM call never blocks the kernel."""

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        thread = threading.Thread(
            target=_settle, args=(work, on_success, on_error), daemon=True, name="coachkit-work"
        )
        thread.start()


class Relay(Generic[T]):
    """The outcome of work on another thread, handed to whoever follows it when it lands.

    Who follows may change while the work runs (a view run again takes over the score
    the view it replaced started): ``follow`` makes its callbacks the ones called, and
    ``drop`` leaves none. The outcome is kept, so one who follows after it landed gets
    it at once, on their own thread; one who follows before gets it on the worker's, as
    a ``Runner``'s callbacks are called.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._follower: tuple[Callable[[T], None], Callable[[Exception], None]] | None = None
        # Calls the follower's callback the outcome is for; None until it lands.
        self._outcome: Callable[[Callable[[T], None], Callable[[Exception], None]], None] | None
        self._outcome = None

    def follow(
        self, on_success: Callable[[T], None], on_error: Callable[[Exception], None]
    ) -> None:
        """Hand the outcome to these callbacks: when it lands, or now if it has."""
        with self._lock:
            outcome = self._outcome
            self._follower = None if outcome is not None else (on_success, on_error)
        if outcome is not None:
            outcome(on_success, on_error)

    def drop(self) -> None:
        """Hand the outcome to no one until the next ``follow``."""
        with self._lock:
            self._follower = None

    def succeed(self, value: T) -> None:
        """The work's value (a ``Runner``'s ``on_success``)."""
        self._land(lambda on_success, _on_error: on_success(value))

    def fail(self, exc: Exception) -> None:
        """The work's exception (a ``Runner``'s ``on_error``)."""
        self._land(lambda _on_success, on_error: on_error(exc))

    def _land(
        self, outcome: Callable[[Callable[[T], None], Callable[[Exception], None]], None]
    ) -> None:
        # One step with follow: the outcome reaches the follower of the moment exactly once.
        with self._lock:
            self._outcome = outcome
            follower, self._follower = self._follower, None
        if follower is not None:
            outcome(*follower)


class InlineRunner:
    """Runs work immediately, on the caller's thread (tests, scripts)."""

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        _settle(work, on_success, on_error)


class ManualRunner:
    """Queues work until ``finish()`` runs it: lets a test look at the busy state."""

    def __init__(self) -> None:
        self.pending: list[tuple[Any, Any, Any]] = []

    def run(
        self,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        self.pending.append((work, on_success, on_error))

    def finish(self) -> int:
        """Run everything queued so far; returns how many jobs ran."""
        jobs, self.pending = self.pending, []
        for work, on_success, on_error in jobs:
            _settle(work, on_success, on_error)
        return len(jobs)


class Scheduler(Protocol):
    """A clock plus delayed calls."""

    def now(self) -> float: ...

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancel: ...


class ThreadScheduler:
    """Wall-clock time; callbacks fire on timer threads, leaving the kernel free."""

    def now(self) -> float:
        return time.monotonic()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancel:
        timer = threading.Timer(max(delay, 0.0), callback)
        timer.daemon = True
        timer.start()
        return timer.cancel


class ManualScheduler:
    """Time that moves only when a test calls ``advance``."""

    def __init__(self) -> None:
        self._now = 0.0
        self._calls: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = 0

    def now(self) -> float:
        return self._now

    def call_later(self, delay: float, callback: Callable[[], None]) -> Cancel:
        self._seq += 1
        entry = (self._now + max(delay, 0.0), self._seq, callback)
        self._calls.append(entry)

        def cancel() -> None:
            if entry in self._calls:
                self._calls.remove(entry)

        return cancel

    @property
    def pending(self) -> int:
        return len(self._calls)

    def advance(self, seconds: float) -> None:
        """Move time forward, firing due callbacks in order (including ones they schedule)."""
        target = self._now + seconds
        while True:
            due = sorted(c for c in self._calls if c[0] <= target)
            if not due:
                break
            entry = due[0]
            self._calls.remove(entry)
            self._now = entry[0]
            entry[2]()
        self._now = target


class Debouncer:
    """Calls ``action`` once typing pauses for ``delay`` s, and at least every ``max_wait`` s.

    The max wait matters for someone typing without pause: their work still
    reaches the store regularly, not only when they stop.
    """

    def __init__(
        self,
        scheduler: Scheduler,
        action: Callable[[], None],
        *,
        delay: float = 1.0,
        max_wait: float = 5.0,
    ) -> None:
        self._scheduler = scheduler
        self._action = action
        self._delay = delay
        self._max_wait = max_wait
        self._lock = threading.RLock()
        self._cancel: Cancel | None = None
        self._first: float | None = None

    @property
    def pending(self) -> bool:
        return self._first is not None

    def touch(self) -> None:
        with self._lock:
            now = self._scheduler.now()
            if self._first is None:
                self._first = now
            if self._cancel is not None:
                self._cancel()
            due = min(now + self._delay, self._first + self._max_wait)
            self._cancel = self._scheduler.call_later(due - now, self.flush)

    def flush(self) -> None:
        """Run the pending action now (if any); the timer calls this too."""
        if self.cancel():
            self._action()

    def cancel(self) -> bool:
        """Drop the pending call; True if there was one."""
        with self._lock:
            if self._cancel is not None:
                self._cancel()
                self._cancel = None
            pending, self._first = self._first is not None, None
            return pending


class Countdown:
    """Ticks once a second until ``seconds`` have passed; never blocks the caller."""

    def __init__(
        self,
        scheduler: Scheduler,
        on_tick: Callable[[int], None],
        on_done: Callable[[], None],
    ) -> None:
        self._scheduler = scheduler
        self._on_tick = on_tick
        self._on_done = on_done
        self._deadline: float | None = None
        self._cancel: Cancel | None = None
        self._generation = 0

    @property
    def running(self) -> bool:
        return self._deadline is not None

    def remaining(self) -> int:
        if self._deadline is None:
            return 0
        return max(0, round(self._deadline - self._scheduler.now()))

    def start(self, seconds: int) -> None:
        self.stop()
        self._deadline = self._scheduler.now() + seconds
        self._on_tick(seconds)
        self._schedule()

    def stop(self) -> None:
        # A generation number stops a timer thread that is already firing.
        self._generation += 1
        if self._cancel is not None:
            self._cancel()
        self._cancel = None
        self._deadline = None

    def _schedule(self) -> None:
        generation = self._generation
        self._cancel = self._scheduler.call_later(1.0, lambda: self._tick(generation))

    def _tick(self, generation: int) -> None:
        if generation != self._generation or self._deadline is None:
            return
        left = self.remaining()
        self._on_tick(left)
        if left <= 0:
            self._deadline = None
            self._cancel = None
            self._on_done()
        else:
            self._schedule()


def late_grace(given: float | None, runner: object | None) -> float:
    """How long (seconds) a click waits for what was typed just before it: ``given``, or
    half a second with the kernel's own runner (None) and no wait with a ``runner``
    given (tests)."""
    if given is not None:
        return given
    return 0.5 if runner is None else 0.0


class LateWords:
    """Words typed just before a click that reach the kernel after it.

    The browser holds back what is typed while the kernel is busy with the previous
    keystroke, and sends it once the kernel is free; but a click, or a pick in another
    control, goes at once. On a slow kernel it overtakes the last words typed: scored at
    once, an answer lost them; gone to another question, they came in as its answer.

    A view tells each keystroke (``typed``); after a click it either waits for the words
    (``behind``, ``settle``), or, having moved on, tells them from the words typed next
    (``leave``, ``left_for``).

    The browser holds back each control's values on its own: after a date and a number
    typed in turn, the number may come in just after the date. So a wait ends ``quiet``
    seconds after the last value to come in, not at the first (never past the grace from
    the click, should values keep coming).
    """

    SAME_START = 40
    """How much of the text left the late words must begin with: enough that an answer
    typed for the next question never begins the same way by chance."""

    QUIET = 0.1
    """How long (s) after a value comes in a wait goes on for the next: values held back
    come in back to back."""

    def __init__(self, scheduler: Scheduler, grace: float = 0.0, recent: float = 2.0) -> None:
        self.scheduler = scheduler
        self.grace = grace  # at most how long (s) ``settle`` waits
        self.recent = recent  # a keystroke this recent (s) may have words behind it
        self._lock = threading.Lock()
        self._typed_at = float("-inf")
        self._then: Callable[[], None] | None = None
        self._cancel: Cancel | None = None
        self._until = float("-inf")  # when the wait ends, whatever comes in
        self._left: tuple[str, str] | None = None

    def _lately(self) -> bool:
        return self.scheduler.now() - self._typed_at < self.recent

    def typed(self) -> None:
        """A keystroke came in: noted, and a wait in ``settle`` ends ``QUIET`` seconds after
        it, unless another comes in meanwhile (at the grace's end at the latest)."""
        with self._lock:
            now = self._typed_at = self.scheduler.now()
            if self._then is None:
                return
            cancel, self._cancel = self._cancel, None
            left = self._until - now
            then = self._then if left <= 0 else None
            if then is not None:
                self._then = None
            else:
                self._cancel = self.scheduler.call_later(min(self.QUIET, left), self._waited)
        if cancel is not None:
            cancel()
        if then is not None:
            then()

    def behind(self) -> bool:
        """Whether words typed before the click may still be on their way (a keystroke
        came in lately), and are worth waiting for (there is a grace)."""
        return self.grace > 0 and self._lately()

    def settle(self, then: Callable[[], None]) -> None:
        """Call ``then`` once the words typed before the click have come in: ``QUIET``
        seconds after the last of them, or after ``grace`` seconds should none come (none
        were held back); at once when nothing is ``behind``."""
        if not self.behind():
            then()
            return
        with self._lock:
            cancel, self._cancel = self._cancel, None
            self._then = then
            self._until = self.scheduler.now() + self.grace
            self._cancel = self.scheduler.call_later(self.grace, self._waited)
        if cancel is not None:  # a wait for an earlier click: this one takes its place
            cancel()

    def _waited(self) -> None:
        with self._lock:
            then, self._then, self._cancel = self._then, None, None
        if then is not None:
            then()

    def leave(self, key: str, held: str) -> None:
        """The box moved on from ``key``, holding ``held``: when something was typed
        lately, the next words to come in may be the last ones typed for it."""
        self._left = (key, held) if self._lately() else None

    def forget(self) -> None:
        """No words coming in from now on are taken for the one left (see ``leave``)."""
        self._left = None

    def left_for(self, text: str, shown: str = "") -> str | None:
        """The key ``text`` was typed for, when it is the last words for the one left;
        None when it is typed for what the box shows now (``shown``). The one left is
        forgotten either way: only the first words to come in after ``leave`` can be late.

        Late words begin as the text left did, and go on from it further than from
        ``shown``: an answer that begins as the one left did by chance ("I…") is not
        taken from the question on screen.
        """
        left, self._left = self._left, None
        if left is None:
            return None
        key, held = left
        start = held[: self.SAME_START]
        if not start.strip() or text == held or not text.startswith(start):
            return None
        if _same_start(text, shown) >= _same_start(text, held):
            return None
        return key


def _same_start(one: str, other: str) -> int:
    """How many characters ``one`` and ``other`` begin with alike."""
    for index, (a, b) in enumerate(zip(one, other, strict=False)):
        if a != b:
            return index
    return min(len(one), len(other))
