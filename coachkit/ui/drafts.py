"""Drafts: what the user types reaches the store within seconds, and comes back later."""

from __future__ import annotations

import atexit
import contextlib
import threading
import uuid
import weakref
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import CoachkitError, DatabaseBusyError
from ..paths import os_reason
from ..store import UNREAD, Unread, storable
from .parts import ErrorPanel, in_voila
from .runtime import Cancel, Debouncer, Scheduler
from .spill import Spill

__all__ = ["RETRY_FIRST", "RETRY_MAX", "DraftAlert", "DraftKeeper", "DraftWriter"]

RETRY_FIRST = 2.0
"""Seconds before a failed save is tried again; the wait doubles after each failure."""
RETRY_MAX = 30.0
"""The longest wait between two tries."""


class DraftWriter(Protocol):
    """Where drafts go: the coach (its store), or files while the store cannot be used
    (``coachkit.unscored.AnswerFiles``)."""

    def save_draft(
        self, key: str, text: str, *, over: str | Unread | None = ..., writer: str | None = ...
    ) -> str | None: ...


class DraftKeeper:
    """Debounced draft saving for one view.

    ``update`` is cheap and called on every keystroke; the write happens when
    typing pauses (or every ``max_wait`` seconds), and ``flush`` forces it, e.g.
    before scoring or when the question changes. A failed write (a busy or full
    database) keeps the text and is tried again on its own, waiting longer each
    time, until it goes through or newer text for it is written.

    With a ``spill``, text a save could not write is also kept in files (see ``Spill``)
    from that failure until the store takes it, so a kernel restart meanwhile loses none.

    A key the view has ``loaded`` is guarded: should another window (a notebook on
    another kernel) save a different text under it meanwhile, the next save here keeps
    that text aside in the store and hands it to ``on_conflict``, rather than lose it.

    ``hand_over`` stops it writing for good (the database was found damaged): what is
    pending, and whatever it is given later, goes to the keeper that writes instead.
    """

    def __init__(
        self,
        coach: DraftWriter,
        scheduler: Scheduler,
        *,
        delay: float = 1.0,
        max_wait: float = 5.0,
        on_saved: Callable[[str], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_conflict: Callable[[str, str], None] | None = None,
        spill: Spill | None = None,
    ) -> None:
        self._coach = coach
        self.spill = spill
        self._scheduler = scheduler
        # Text not yet written, by key: a failed key stays here while another is typed.
        self._pending: dict[str, str] = {}
        # Guards the pending text and the retry timer.
        self._pending_lock = threading.Lock()
        # Taking and writing the pending text is one step, so an older text taken by
        # the timer thread can never land after a newer one flushed by the kernel.
        self._save_lock = threading.Lock()
        self._retry_cancel: Cancel | None = None
        self._retry_delay = RETRY_FIRST
        self._on_saved = on_saved
        self._on_error = on_error
        self._on_conflict = on_conflict
        # Each guarded key's _Guard. Read and written under _save_lock.
        self._guards: dict[str, _Guard] = {}
        # Set by hand_over: the keeper that writes instead, and the keys it does not take.
        self._successor: DraftKeeper | None = None
        self._dropped: frozenset[str] = frozenset()
        self._debouncer = Debouncer(scheduler, self._timed_save, delay=delay, max_wait=max_wait)
        _KEEPERS.add(self)

    @property
    def unsaved(self) -> dict[str, str]:
        """The text not yet in the store, by key (a copy)."""
        with self._pending_lock:
            return dict(self._pending)

    def loaded(self, key: str, text: str | None) -> None:
        """The view shows ``text``, just read from the store under ``key``: guard the key."""
        with self._save_lock:
            self._guards[key] = _Guard(storable(text) if text and text.strip() else None)

    def writer(self, key: str) -> str | None:
        """The name this keeper's saves of ``key`` go under now (None: not guarded)."""
        guard = self._guards.get(key)
        return guard.writer if guard is not None else None

    def update(self, key: str, text: str) -> None:
        with self._pending_lock:
            successor = self._successor
            if successor is None:
                self._pending[key] = text
        if successor is not None:
            # A view that read its keeper just before the hand-over: the text goes on.
            if key not in self._dropped:
                successor.update(key, text)
            return
        # The debounced save writes everything pending, a failed key's text included.
        self._cancel_retry()
        self._debouncer.touch()

    def save_now(self, key: str, text: str) -> bool:
        """Write ``text`` (and anything else pending) now; True if it all reached the store."""
        with self._pending_lock:
            successor = self._successor
            if successor is None:
                self._pending[key] = text
        if successor is not None:
            return key in self._dropped or successor.save_now(key, text)
        return self.flush()

    def hand_over(self, successor: DraftKeeper, *, drop: Collection[str] = ()) -> None:
        """Write nothing more: the text pending, and any given from now on, goes to
        ``successor``, but for the keys in ``drop`` (what only the store keeps, such as
        the question last open). A save under way ends first; no retry follows it."""
        with self._save_lock, self._pending_lock:
            pending, self._pending = self._pending, {}
            self._successor, self._dropped = successor, frozenset(drop)
        self._debouncer.cancel()
        self._cancel_retry()
        for key, text in pending.items():
            if key not in self._dropped:
                successor.update(key, text)

    def flush(self) -> bool:
        """Write whatever is pending now; True if nothing is left unsaved."""
        self._debouncer.cancel()
        self._cancel_retry()
        return self._save()

    def close(self) -> None:
        """Write whatever is pending, telling no view: at exit, there is none to tell."""
        self._on_saved = self._on_error = self._on_conflict = None
        with contextlib.suppress(Exception):  # nowhere left to say it; the store keeps what it got
            self.flush()

    def _timed_save(self) -> None:
        """The debouncer's and the retry timer's callback (a failure is already reported)."""
        self._save()

    def _save(self) -> bool:
        saved: list[str] = []
        replaced: list[tuple[str, str]] = []
        failure: Exception | None = None
        with self._save_lock:
            with self._pending_lock:
                pending, self._pending = self._pending, {}
            for key, text in pending.items():
                guard = self._guards.get(key)
                over: str | Unread | None = guard.seen if guard is not None else UNREAD
                if self.spill is not None and self.spill.holds(key):
                    # Its files follow the typing: removed once the store takes it, they
                    # must hold what the store then holds.
                    self.spill.keep(key, text)
                try:
                    other = self._coach.save_draft(
                        key, text, over=over, writer=guard.writer if guard is not None else None
                    )
                except Exception as exc:
                    failure = exc
                    break  # a busy database would make each further key wait as long
                saved.append(key)
                if self.spill is not None:
                    self.spill.taken(key)
                if guard is not None:
                    guard.seen = storable(text) if text.strip() else None
                if other is not None:
                    replaced.append((key, other))
            if failure is not None:
                unsaved = {k: t for k, t in pending.items() if k not in saved}
                if self.spill is not None:
                    for key, text in unsaved.items():
                        self.spill.keep(key, text)
                with self._pending_lock:
                    # Text typed during the write is newer: it wins over what failed.
                    self._pending = {**unsaved, **self._pending}
                self._schedule_retry()
            else:
                self._saved_all()
        if self._on_saved is not None:
            for key in saved:
                self._on_saved(key)
        if self._on_conflict is not None:
            for key, other in replaced:
                self._on_conflict(key, other)
        if failure is not None:
            if self._on_error is None:
                raise failure
            self._on_error(failure)
        return failure is None

    def _schedule_retry(self) -> None:
        with self._pending_lock:
            if self._retry_cancel is not None:
                self._retry_cancel()
            delay, self._retry_delay = self._retry_delay, min(self._retry_delay * 2, RETRY_MAX)
            # Without this, text whose save failed would wait for the next keystroke,
            # and a kernel restarted before it would lose it.
            self._retry_cancel = self._scheduler.call_later(delay, self._timed_save)

    def _saved_all(self) -> None:
        with self._pending_lock:
            self._retry_delay = RETRY_FIRST
        self._cancel_retry()

    def _cancel_retry(self) -> None:
        with self._pending_lock:
            cancel, self._retry_cancel = self._retry_cancel, None
        if cancel is not None:
            cancel()


@dataclass
class _Guard:
    """What a keeper knows of a guarded key: ``seen``, the text the store holds as far
    as it knows (what it last loaded or wrote there; None: no draft), and ``writer``,
    the name its saves go under (Store.save_draft's), new at each load: the box then
    holds the store's text, and what it wrote before is no longer an earlier state of
    the box's."""

    seen: str | None
    writer: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


# Every keeper alive, to write their pending text when the kernel exits.
_KEEPERS: weakref.WeakSet[DraftKeeper] = weakref.WeakSet()


@atexit.register
def _save_pending_drafts() -> None:
    """A kernel restarted within a second of the last keystroke holds text the typing
    pause has not written yet; write it before the kernel goes (a restart exits
    normally, so this runs)."""
    for keeper in list(_KEEPERS):
        keeper.close()


class DraftAlert:
    """A failed draft save, shown in a view's error panel until a save goes through.

    Not the panel's usual wording: its advice to restart the kernel would lose the
    very text that is waiting to be saved, unless it is kept in a file meanwhile.
    """

    def __init__(self, errors: ErrorPanel, *, plural: bool = False) -> None:
        self._errors = errors
        self._plural = plural
        self._shown: str | None = None

    def failed(
        self, exc: Exception, kept: Sequence[Path] = (), unkept: OSError | None = None
    ) -> None:
        """Say the save failed, and where the text is meanwhile: in the ``kept`` files
        (see ``Spill``), else only here (``unkept``: why no file could be written)."""
        if isinstance(exc, DatabaseBusyError):
            # Its own advice ("try again; nothing was changed") is for a one-off write.
            why = (
                "The database is busy: another program (a notebook, a coachkit command or "
                "a SQLite tool) holds it."
            )
        elif isinstance(exc, CoachkitError):
            why = str(exc)
        else:
            why = f"({exc.__class__.__name__}: {exc})"
        plural = self._plural
        what, held = ("Your answers are", "They are") if plural else ("Your answer is", "It is")
        if kept:
            files = str(kept[0]) if len(kept) == 1 else f"{len(kept)} files in {kept[0].parent}"
            gone = "the file is" if len(kept) == 1 else "the files are"
            self._errors.show(
                f"{what} not saved in the database yet. {why} {held} kept in {files} "
                "meanwhile, so a restart or a crash loses nothing; saving to the database is "
                f"tried again on its own, and {gone} removed once it holds the same text."
            )
        else:
            # A Voila page is not a notebook the user runs; closed, its kernel stops.
            running = "this page open" if in_voila() else "this notebook running"
            nor = (
                f" It could not be kept in a file in unscored/ either ({os_reason(unkept)})."
                if unkept is not None
                else ""
            )
            self._errors.show(
                f"{what} not saved yet. {why}{nor} {held} kept here, and saving is tried "
                f"again on its own: keep {running} until this message goes away."
            )
        self._shown = self._errors.message

    def saved(self) -> None:
        """A save went through: take down the alert (any other message stays)."""
        if self._shown is not None and self._errors.message == self._shown:
            self._errors.clear()
        self._shown = None
