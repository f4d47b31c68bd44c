"""Ctrl-C held off for a few steps that must not be cut in two."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["held_off"]


@contextmanager
def held_off() -> Iterator[None]:
    """Ctrl-C ignored inside the block, its handler put back after. Only the main thread
    may set a handler, and only it gets KeyboardInterrupt: elsewhere, nothing to do."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
