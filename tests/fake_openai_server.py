"""A tiny OpenAI-compatible (and Ollama ``/api/chat``) server on 127.0.0.1 for tests.

Each test starts its own server on a free port and scripts it: queue replies
with ``script()`` (status codes, junk bodies, latency, headers), or set a
``responder`` that builds a reply from the request it saw. Every request is
recorded so tests can assert on what coachkit actually sent.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import ipaddress
import json
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import pytest

__all__ = [
    "DIMENSIONS",
    "STORY",
    "FakeLLMServer",
    "Reply",
    "Seen",
    "Sleeps",
    "error_reply",
    "fair_grade",
    "free_port",
    "grade_json",
    "loopback_only",
    "obey_injection",
    "write_config",
]

DIMENSIONS = ("situation", "task", "action", "result")

# A strong answer most LLM tests score: specific, first person, quantified.
STORY = (
    "In 2023 I was the backend lead at Lumen when our payment service failed during a launch. "
    "I was responsible for restoring checkout within the hour, with the CFO watching. "
    "I rolled back the release, added a canary stage and wrote a runbook for the team. "
    "Checkout errors fell from 12% to 0.3% and we had no incident in the next six months."
)
_ANSWER = re.compile(r"<(answer-[0-9a-f]+)>\n(.*?)\n</\1>", re.DOTALL)
_KEYPOINT = re.compile(r"^- (.+)$", re.MULTILINE)


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    raw: bytes = b""

    @property
    def form(self) -> dict[str, bytes]:
        """The fields of a multipart upload (an audio transcription), file bytes included."""
        kind = self.headers.get("content-type", "")
        if not kind.startswith("multipart/form-data"):
            return {}
        message = email.message_from_bytes(
            f"Content-Type: {kind}\r\n\r\n".encode() + self.raw, policy=email.policy.HTTP
        )
        fields: dict[str, bytes] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if isinstance(name, str) and isinstance(payload, bytes):
                fields[name] = payload
        return fields

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.body or {}).get("messages", []))

    def text(self, role: str) -> str:
        return "\n".join(str(m.get("content", "")) for m in self.messages if m["role"] == role)

    @property
    def answer(self) -> str:
        """The candidate's answer, found between the per-request delimiters."""
        found = _ANSWER.search(self.text("user"))
        return found.group(2) if found else ""

    @property
    def keypoints(self) -> list[str]:
        user = self.text("user")
        section = user.split("Key points", 1)[1] if "Key points" in user else ""
        return _KEYPOINT.findall(section.split("<answer-", 1)[0])


@dataclass
class Reply:
    """What the server sends back; ``content`` is wrapped in the provider's envelope."""

    content: str | None = None
    status: int = 200
    body: bytes | str | dict[str, Any] | None = None  # raw body: overrides ``content``
    latency: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    prompt_tokens: int = 420
    completion_tokens: int = 180
    # Read the request, then end the connection with no answer (after ``latency``), as a
    # server or proxy gone mid-call: "close" (FIN) or "reset" (RST).
    drop: Literal["close", "reset"] | None = None
    # Why the reply ended: "length" is a reply cut off at the output token limit.
    finish_reason: str = "stop"
    # Seconds the body takes: a space every 0.1 s before it, as a proxy keeping a slow
    # call alive does (each read is quick, the reply is not).
    trickle: float = 0.0


Responder = Callable[[Seen], Reply]


def grade_json(
    scores: dict[str, int] | int,
    evidence: dict[str, list[str]] | None = None,
    *,
    overall: int = 70,
    keypoints: list[dict[str, Any]] | None = None,
    rebuilt: list[dict[str, Any]] | None = None,
    flags: list[str] | None = None,
) -> str:
    """A reply in coachkit's schema, as a model would write it."""
    per = scores if isinstance(scores, dict) else dict.fromkeys(DIMENSIONS, scores)
    evidence = evidence or {}
    return json.dumps(
        {
            "dimensions": {
                d: {"score": per[d], "evidence": evidence.get(d, []), "feedback": f"{d} ok"}
                for d in DIMENSIONS
            },
            "overall": overall,
            "keypoints": keypoints or [],
            "rebuilt": rebuilt
            or [{"text": "[situation?: when and where?]", "dimension": "situation"}],
            "tips": ["Add a number to the result."],
            "flags": flags or [],
        }
    )


def _sentences(answer: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", answer) if len(s.split()) >= 3]


def fair_grade(seen: Seen) -> Reply:
    """A well-behaved grader: 3s, quoting real sentences of the answer as evidence."""
    parts = _sentences(seen.answer) or [seen.answer]
    evidence = {d: [parts[min(i, len(parts) - 1)]] for i, d in enumerate(DIMENSIONS)}
    keypoints = [{"point": p, "covered": False, "evidence": None} for p in seen.keypoints]
    rebuilt = [
        {"text": parts[min(i, len(parts) - 1)], "dimension": d} for i, d in enumerate(DIMENSIONS)
    ]
    return Reply(grade_json(3, evidence, overall=62, keypoints=keypoints, rebuilt=rebuilt))


def obey_injection(seen: Seen) -> Reply:
    """A grader fooled by the answer: all 5s, quoting text the answer never said."""
    fake = {d: ["The candidate demonstrated exceptional leadership."] for d in DIMENSIONS}
    return Reply(grade_json(5, fake, overall=100))


def error_reply(status: int, message: str, *, kind: str = "invalid_request_error") -> Reply:
    """An OpenAI-style error body."""
    return Reply(status=status, body={"error": {"message": message, "type": kind, "code": None}})


class Sleeps:
    """A sleep that only records: retry tests take no wall-clock time."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def free_port() -> int:
    """A port nothing listens on (for connection-refused tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FakeLLMServer:
    """Serves ``/v1/chat/completions`` (OpenAI, vLLM) and ``/api/chat`` (Ollama)."""

    def __init__(self, responder: Responder = fair_grade) -> None:
        self.responder = responder
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # -- lifecycle ----------------------------------------------------------
    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping out a scripted latency
        self._httpd.shutdown()
        self._httpd.server_close()
        with self._lock:  # keep-alive connections would otherwise outlive the server
            for sock in list(self._sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def _track(self, sock: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._sockets.add(sock)
            else:
                self._sockets.discard(sock)

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting ----------------------------------------------------------
    def script(self, *replies: Reply) -> None:
        """Queue replies for the next requests; the responder answers after that."""
        with self._lock:
            self._queue.extend(replies)

    @property
    def hits(self) -> int:
        """How many chat requests arrived."""
        return len(self.chats)

    def hits_by(self, expected: int, within: float = 5.0) -> int:
        """``hits`` once it reaches ``expected``, or after ``within`` seconds: a client that
        gave up at a short timeout may do so before this server's thread, on a busy
        machine, has read the request it sent."""
        deadline = time.monotonic() + within
        while self.hits < expected and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.hits

    @property
    def chats(self) -> list[Seen]:
        """The chat requests (Ollama model-info look-ups left out)."""
        return [s for s in self.requests if s.path.endswith(("/chat/completions", "/api/chat"))]

    def _next(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            queued = self._queue.popleft() if self._queue else None
        return queued or self.responder(seen)

    def _done(self) -> None:
        with self._lock:
            self.in_flight -= 1

    # -- HTTP -----------------------------------------------------------------
    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like a real server
            disable_nagle_algorithm = True  # else small writes wait on delayed ACKs (~40 ms)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                server._track(self.connection, add=True)

            def finish(self) -> None:
                server._track(self.connection, add=False)
                super().finish()

            def do_GET(self) -> None:
                self._send(Reply(body={"models": [], "data": []}), None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw) if raw else None
                except ValueError:  # not JSON: an upload (audio), or bytes on purpose
                    body = None
                headers = {k.lower(): v for k, v in self.headers.items()}
                seen = Seen(self.path, headers, body, raw)
                if self.path.endswith("/api/show"):  # litellm asks Ollama for model info
                    with server._lock:
                        server.requests.append(seen)
                    self._send(Reply(body=_OLLAMA_SHOW), seen)
                    return
                reply = server._next(seen)
                try:
                    if reply.latency and server._stopping.wait(reply.latency):
                        return
                    if reply.drop:
                        if reply.drop == "reset":  # no linger: closing sends a RST
                            linger = struct.pack("ii", 1, 0)
                            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                            self.connection.close()
                        self.close_connection = True
                        return
                    self._send(reply, seen, server._stopping)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer
                finally:
                    server._done()

            def _send(
                self, reply: Reply, seen: Seen | None, stopping: threading.Event | None = None
            ) -> None:
                payload = reply.body
                if payload is None:
                    payload = _envelope(reply, seen) if seen else {}
                data = (
                    payload
                    if isinstance(payload, bytes)
                    else payload.encode()
                    if isinstance(payload, str)
                    else json.dumps(payload).encode()
                )
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                spaces = round(reply.trickle / 0.1)
                self.send_header("Content-Length", str(spaces + len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                for _ in range(spaces):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    if stopping is not None and stopping.wait(0.1):
                        return
                self.wfile.write(data)

        return Handler


_OLLAMA_SHOW = {
    "template": "{{ .Prompt }}",
    "model_info": {"llama.context_length": 8192},
    "details": {"family": "llama"},
}


def _envelope(reply: Reply, seen: Seen) -> dict[str, Any]:
    if seen.path.endswith("/audio/transcriptions"):
        return {"text": reply.content or ""}
    model = (seen.body or {}).get("model", "fake")
    if seen.path.endswith("/api/chat"):
        return {
            "model": model,
            "created_at": "2026-01-01T00:00:00Z",
            "message": {"role": "assistant", "content": reply.content or ""},
            "done": True,
            "done_reason": reply.finish_reason,
            "prompt_eval_count": reply.prompt_tokens,
            "eval_count": reply.completion_tokens,
        }
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.content},
                "finish_reason": reply.finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": reply.completion_tokens,
            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
        },
    }


def write_config(path: Path, profiles: dict[str, dict[str, Any]], **top: Any) -> Path:
    """Write a coachkit config file with these ``model_list`` profiles; returns the path."""
    import yaml

    data = dict(top)
    data["model_list"] = [{"model_name": n, "litellm_params": p} for n, p in profiles.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


_LOCAL_NAMES = {None, "localhost", "127.0.0.1", "::1"}


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection or name lookup beyond this machine (LLM tests use it)."""
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def check(address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and not ipaddress.ip_address(host).is_loopback:
            raise OSError(f"a test tried to reach {host}: only 127.0.0.1 is allowed")

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            check(address)
        real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in _LOCAL_NAMES:
            raise OSError(f"a test tried to look up {name!r}: only 127.0.0.1 is allowed")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
