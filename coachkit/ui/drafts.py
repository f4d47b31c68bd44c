"""Drafts: what the user types reaches the store within seconds, and comes back later."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..coach import Coach
from .runtime import Debouncer, Scheduler

__all__ = ["DraftKeeper"]


class DraftKeeper:
    """Debounced draft saving for one view.

    ``update`` is cheap and called on every keystroke; the write happens when
    typing pauses (or every ``max_wait`` seconds), and ``flush`` forces it, e.g.
    before scoring or when the question changes.
    """

    def __init__(
        self,
        coach: Coach,
        scheduler: Scheduler,
        *,
        delay: float = 1.0,
        max_wait: float = 5.0,
        on_saved: Callable[[str], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._coach = coach
        self._pending: tuple[str, str] | None = None
        self._pending_lock = threading.Lock()
        # Taking and writing the pending text is one step, so an older text taken by
        # the timer thread can never land after a newer one flushed by the kernel.
        self._save_lock = threading.Lock()
        self._on_saved = on_saved
        self._on_error = on_error
        self._debouncer = Debouncer(scheduler, self._save, delay=delay, max_wait=max_wait)

    def load(self, key: str) -> str | None:
        return self._coach.load_draft(key)

    def update(self, key: str, text: str) -> None:
        with self._pending_lock:
            other_key = self._pending is not None and self._pending[0] != key
        if other_key:
            self.flush()
        with self._pending_lock:
            self._pending = (key, text)
        self._debouncer.touch()

    def save_now(self, key: str, text: str) -> None:
        with self._pending_lock:
            self._pending = (key, text)
        self.flush()

    def flush(self) -> None:
        self._debouncer.cancel()
        self._save()

    def _save(self) -> None:
        with self._save_lock:
            with self._pending_lock:
                pending, self._pending = self._pending, None
            if pending is None:
                return
            try:
                self._coach.save_draft(*pending)
            except Exception as exc:
                with self._pending_lock:
                    if self._pending is None:
                        self._pending = pending
                if self._on_error is None:
                    raise
                self._on_error(exc)
                return
        if self._on_saved is not None:
            self._on_saved(pending[0])
