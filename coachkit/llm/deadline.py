"""A whole request bounded in time. litellm's ``timeout`` bounds each read of the reply,
not the reply: a server or proxy that keeps a slow call alive by sending a space every
few seconds (as some do) could hold a score for as long as it liked.

Every reply litellm reads on a call's own thread goes through httpcore's network
streams, so each read is given what is left of the call's time, and none once it is
spent: the read times out as a silent server's does, the connection is closed, and no
request is left running. Nothing is added to a call but a clock reading per read (a
thread of its own per call would cost more than coachkit's whole client does)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

__all__ = ["bound_reads", "deadline"]

# When the request running in this context must have its whole reply (time.monotonic).
_ends: ContextVar[float | None] = ContextVar("coachkit_request_ends", default=None)
_BOUND = "__coachkit_deadline__"


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Reads of HTTP replies in this block (on this thread) end ``seconds`` from now."""
    token = _ends.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _ends.reset(token)


def bound_reads() -> bool:
    """Make httpcore's reads keep the deadline in force (once; idempotent). False if this
    httpcore reads otherwise: then, as before, only each read is bounded."""
    try:
        import httpcore
        from httpcore._backends import sync
    except ImportError:
        return False
    found = False
    for name in ("SyncStream", "TLSinTLSStream"):  # plain and proxied TLS connections
        stream: Any = getattr(sync, name, None)
        read = getattr(stream, "read", None)
        if stream is not None and callable(read):
            found = True
            if not getattr(read, _BOUND, False):
                stream.read = _bounded(read, httpcore.ReadTimeout)
    return found


def _bounded(read: Callable[..., bytes], timed_out: type[Exception]) -> Callable[..., bytes]:
    @functools.wraps(read)
    def bounded_read(self: Any, max_bytes: int, timeout: float | None = None) -> bytes:
        ends = _ends.get()
        if ends is not None:
            left = ends - time.monotonic()
            if left <= 0:
                raise timed_out("the whole reply did not come in time")
            timeout = left if timeout is None else min(timeout, left)
        return read(self, max_bytes, timeout)

    setattr(bounded_read, _BOUND, True)
    return bounded_read
