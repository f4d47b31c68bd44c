"""The deadline on a whole request: what the call gives or raises reaches the caller."""

from __future__ import annotations

import contextvars
import threading

import pytest

from coachkit.llm.deadline import DeadlineTimeoutError, within

_WHO = contextvars.ContextVar("who", default="nobody")


def test_the_reply_and_the_callers_context_reach_the_call() -> None:
    _WHO.set("the caller")
    assert within(5, lambda: (_WHO.get(), threading.current_thread().name)) == (
        "the caller",
        "coachkit-llm-request",
    )


@pytest.mark.parametrize("raised", [ValueError("junk"), KeyboardInterrupt()])
def test_what_the_call_raises_is_raised_to_the_caller(raised: BaseException) -> None:
    """A Ctrl-C in a fake provider included: the caller logs it as interrupted."""

    def call() -> None:
        raise raised

    with pytest.raises(type(raised)) as caught:
        within(5, call)
    assert caught.value is raised


def test_a_call_past_its_deadline_is_left_and_said_as_a_timeout() -> None:
    release = threading.Event()
    try:
        with pytest.raises(DeadlineTimeoutError, match=r"no whole reply within 0\.05 s"):
            within(0.05, release.wait)
    finally:
        release.set()  # the call left behind ends
    assert issubclass(DeadlineTimeoutError, TimeoutError)
