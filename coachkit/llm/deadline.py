"""A whole request bounded in time. litellm's ``timeout`` bounds each read of the reply,
not the reply: a server or proxy that keeps a slow call alive by sending a space every
few seconds (as some do) could hold a score for as long as it liked."""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["GRACE", "DeadlineTimeoutError", "within"]

T = TypeVar("T")

# Past the timeout before the deadline speaks: a silent server is litellm's to time out
# (it alone can tell a connection never made from a reply never sent).
GRACE = 1.0


class DeadlineTimeoutError(TimeoutError):
    """The reply was not whole within the timeout, though the server kept sending."""


def within(seconds: float, call: Callable[[], T]) -> T:
    """``call()``'s result, or DeadlineTimeoutError once ``seconds`` have passed.

    The call runs on a daemon thread of its own (~0.1 ms): a read in progress cannot be
    stopped from outside it, so a call past its deadline is left to end there and its
    reply dropped. Whatever it raises is raised here, a Ctrl-C included, and a Ctrl-C
    here stops the wait."""
    result: list[T] = []
    error: list[BaseException] = []
    done = threading.Event()
    context = contextvars.copy_context()  # litellm's and coachkit's context, as in the caller

    def run() -> None:
        try:
            result.append(context.run(call))
        except BaseException as exc:  # handed to the caller, which raises it
            error.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name="coachkit-llm-request", daemon=True).start()
    if not done.wait(seconds):
        raise DeadlineTimeoutError(f"no whole reply within {seconds:g} s")
    if error:
        raise error[0]
    return result[0]
