"""The deadline on a whole request: each read of a reply gets what is left of its time."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpcore
import pytest
from httpcore._backends.sync import SyncStream

from coachkit.llm.deadline import bound_reads, deadline


@pytest.fixture
def stream() -> Iterator[tuple[SyncStream, socket.socket]]:
    """A read end that never gets a byte, and the other end, kept open."""
    ours, theirs = socket.socketpair()
    yield SyncStream(ours), theirs
    ours.close()
    theirs.close()


def test_reads_are_bounded_once_however_often_asked() -> None:
    assert bound_reads() and bound_reads()
    assert SyncStream.read.__wrapped__.__name__ == "read"  # type: ignore[attr-defined]
    assert not hasattr(SyncStream.read.__wrapped__, "__wrapped__")  # type: ignore[attr-defined]


def test_a_read_gets_only_what_is_left_of_the_time(
    stream: tuple[SyncStream, socket.socket],
) -> None:
    bound_reads()
    reader, _ = stream
    with deadline(0.05), pytest.raises(httpcore.ReadTimeout):
        reader.read(10, timeout=30)  # a silent server: 30 s per read, 0.05 s left


def test_no_read_starts_once_the_time_is_spent(stream: tuple[SyncStream, socket.socket]) -> None:
    bound_reads()
    reader, writer = stream
    writer.sendall(b"x")  # a byte is there to read: the deadline alone says no
    with deadline(0.01):
        time.sleep(0.02)
        with pytest.raises(httpcore.ReadTimeout, match="did not come in time"):
            reader.read(10, timeout=30)


def test_reads_outside_a_deadline_or_on_another_thread_are_left_alone(
    stream: tuple[SyncStream, socket.socket],
) -> None:
    bound_reads()
    reader, writer = stream
    writer.sendall(b"ok")
    assert reader.read(10, timeout=1) == b"ok"
    read: list[bytes] = []
    with deadline(0):  # spent at once, but only for this thread's reads
        writer.sendall(b"later")
        other = threading.Thread(target=lambda: read.append(reader.read(10, timeout=1)))
        other.start()
        other.join(5)
    assert read == [b"later"]
