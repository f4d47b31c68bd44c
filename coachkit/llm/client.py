"""One profile's connection to its model: a litellm call, errors mapped, transient ones retried."""

from __future__ import annotations

import atexit
import json
import math
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

from ..config import ENV_PREFIX, LLMSettings, ModelEntry, resolve_params
from ..errors import ProviderError, StoreError, mask_secrets
from ..jupyter import in_voila
from .runtime import load_litellm, model_info, one_line, quiet_serializer, remember_secrets
from .usage import Call, Flight, InFlight, UsageLog, unwinding

__all__ = [
    "INSTEAD",
    "Abandoned",
    "Completion",
    "Hold",
    "LLMClient",
    "Result",
    "abandon_open_calls",
    "hold",
]

Completion = Callable[..., Any]
Sleep = Callable[[float], None]

# What to do when a scoring profile cannot help, said when no fallback scores instead.
INSTEAD = "score with the local scorer"
MAX_BACKOFF = 20.0
# A provider asking for a longer wait is not waited on in silence: the user is told when.
MAX_RETRY_AFTER = 20.0
REPLY_TOKENS = 1500  # room kept for the reply when checking the context window
# Substrings litellm puts in errors when a 200 body was not a chat completion at all.
_JUNK_HINTS = ("Expecting value", "Unable to get json response", "no 'choices'", "Invalid response")
# litellm reports some refused connections (OpenAI's SDK path) as InternalServerError.
_CONNECTION_HINTS = ("Connection error", "Connection refused", "ConnectError", "connect to host")
# What httpx (under litellm, for every provider) raises, at the root of litellm's error,
# when the connection ended after the request was sent: the server closed it before its
# answer was read whole (RemoteProtocolError: "Server disconnected without sending a
# response", "peer closed connection without sending complete message body") or reset it
# (ReadError). The provider may have done the work. One never made (ConnectError: refused,
# no route) or lost while sending (WriteError) never got the request.
_DROPPED = frozenset({"RemoteProtocolError", "ReadError"})
_HTTP_PACKAGES = frozenset({"httpx", "httpcore", "h11"})
_NOT_CONNECTED = frozenset({"ConnectTimeout"})  # a timeout before the request could be sent
_NOT_SENT = frozenset({"ConnectError", "WriteError"})  # refused, no route, lost while sending
# How servers whose errors litellm leaves unmapped say an input overflows the context:
# LM Studio ("when context the overflows", "context length of only 4096 tokens"), Ollama
# ("input length exceeds maximum context length"), llama.cpp ("exceeds the available
# context size").
_CONTEXT_WORDS = re.compile(
    r"context (?:the )?overflows?|context length of only|exceeds? (?:the )?(?:maximum|max|"
    r"available) context|maximum context length|context size|n_ctx",
    re.IGNORECASE,
)
# How providers say the account has no credit or quota left: OpenAI (429,
# insufficient_quota), OpenRouter and DeepSeek (402), Anthropic (400). Waiting does not help.
_QUOTA_WORDS = re.compile(
    r"insufficient[_ ](?:quota|credits?|balance|funds)|exceeded your current quota|"
    r"credit balance is too low",
    re.IGNORECASE,
)
# How providers say one request is over a per-minute token limit on its own (OpenAI's 429,
# Groq's 413): "Request too large for ... (TPM): Limit 6000, Requested 7500". A rate limit
# to litellm, but no wait lets it through.
_TOO_LARGE_WORDS = re.compile(r"request too large|reduce your message size", re.IGNORECASE)
# litellm's note to programmers on some errors; a user has nothing to handle.
_HANDLE_WITH = re.compile(r"\.?\s*Handle with `litellm\.\w+`\.?")
# What the OpenAI SDK says of an error body it found no message in.
_NO_MESSAGE = re.compile(r"Error code: \d+")
# Providers litellm reaches through Ollama's own API, at the server's root (no /v1).
_OLLAMA_PREFIXES = ("ollama/", "ollama_chat/")
# Providers ("openai", "ollama_chat") this process has had an answer from: the first
# answer through each also paid for litellm's set-up of it (see Result.first). Another
# server of the same provider is not set up again (a loopback one answers in ~10 ms).
_ANSWERED: set[str] = set()


class Abandoned(KeyboardInterrupt):
    """The reply to a call ``abandon_open_calls`` logged as interrupted: its thread logs
    nothing more (the call, and the score's calls before it, are in the log already)."""


@dataclass(eq=False)
class _Open:
    """A request sent and not answered yet, with the score's calls logged so far and the
    row that logs it in flight."""

    client: LLMClient
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
_open: set[_Open] = set()
_holds: set[Hold] = set()
# The requests of each score (or transcription) from before its grant to its end, with
# the client that logs them: between two requests, or before the first, none is open.
_flying: dict[Flight, LLMClient] = {}
_open_lock = threading.Lock()


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
        between = [(client, flight.land()) for flight, client in _flying.items()]
        _flying.clear()
        taken = [held for held in _holds if held.taken]
        for held in _holds:
            held.over = True
        _holds.clear()
    for entry, (calls, landed) in waiting:
        entry.client._abandon(entry, calls, landed)
    for client, (calls, landed) in between:
        client._land_at_exit(calls, landed)
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


@dataclass(frozen=True)
class Result:
    """A successful call: the reply text and what it cost."""

    text: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    cost_usd: float | None
    latency_ms: float
    structured: bool  # made under a JSON schema (False once the provider refused one)
    # The first call in this process through its provider: its latency includes
    # litellm's one-time set-up (lazy imports of the provider's code), up to a second.
    first: bool = False
    # Why the reply ended, as the provider says: "stop", or "length" (cut off at the
    # output token limit) or "content_filter" (stopped by the provider's filter).
    finish: str | None = None
    refusal: str | None = None  # a model's refusal (OpenAI's structured outputs), if any


class LLMClient:
    """Calls the model of one ``model_list`` entry.

    Secrets are resolved from the environment at each call and never leave this
    object: not in the usage log, not in messages (which are redacted).
    ``completion``, ``sleep`` and ``rng`` are seams for tests.
    """

    def __init__(
        self,
        entry: ModelEntry,
        settings: LLMSettings,
        *,
        usage: UsageLog | None = None,
        completion: Completion | None = None,
        sleep: Sleep = time.sleep,
        rng: Callable[[], float] = random.random,
        instead: str | None = INSTEAD,
    ) -> None:
        self.profile = entry.model_name
        # What the user can do when this profile cannot help; None when a fallback scores
        # instead, whose note on the card says so (it would read twice).
        self._instead = instead
        self.model = entry.model
        self._params = dict(entry.litellm_params)
        self._settings = settings
        self._usage = usage
        self._completion = completion
        self._sleep = sleep
        self._rng = rng
        self._schema_refused = False
        # Resolved params, kept when they name no environment variable and carry a key
        # (without one, the provider's key variable is checked at every call).
        self._fixed: tuple[dict[str, Any], list[str]] | None = None
        self._window: int | bool | None = False  # False: not looked up yet
        given = entry.model_info.get("max_input_tokens")
        if isinstance(given, int) and not isinstance(given, bool) and given > 0:
            self._window = given  # the profile's own word wins over litellm's model map

    @property
    def api_base(self) -> str | None:
        base = self._params.get("api_base") or self._params.get("base_url")
        return str(base) if base else None

    @property
    def timeout(self) -> float:
        return float(self._params.get("timeout") or self._settings.timeout)

    @property
    def _timeout_setting(self) -> str:
        """Where the timeout in force is set: the profile's own, else llm.timeout."""
        if self._params.get("timeout"):
            return "`timeout` in its litellm_params"
        return "llm.timeout in your config"

    def longest_call(self) -> float:
        """Seconds ``complete`` can take at most: every attempt times out (one more when
        the provider refuses the JSON schema), with the longest pause between them."""
        retries = int(self._params.get("max_retries", self._settings.max_retries) or 0)
        return (retries + 2) * self.timeout + retries * max(MAX_BACKOFF, MAX_RETRY_AFTER)

    @property
    def _or_instead(self) -> str:
        return f", or {self._instead}" if self._instead else ""

    @property
    def who(self) -> str:
        return f"Profile {self.profile!r} ({self.model})"

    # -- preparing a call --------------------------------------------------------
    def resolve(self) -> tuple[dict[str, Any], list[str]]:
        """litellm kwargs with secrets filled in from the environment, and those secrets."""
        if self._fixed is not None:  # nothing to read from the environment: as last time
            return dict(self._fixed[0]), self._fixed[1]
        # Nested values too: a header such as `X-Team-Key: os.environ/TEAM_KEY`.
        params, missing, secrets, refs = resolve_params(self._params)
        if missing:
            var = missing[0]
            raise ProviderError(
                f"{self.who} needs the environment variable {var}: {_how_to_set(var)}, then "
                f"try again{self._or_instead}.",
                kind="missing_key",
            )
        # Literal secrets at any depth (headers, URL passwords) and every value read from
        # the environment: all are masked in messages and logs.
        remember_secrets(secrets)
        if "api_key" not in params:
            self._check_provider_key(params)
        elif not refs:
            self._fixed = (dict(params), secrets)
        return params, secrets

    def _check_provider_key(self, params: dict[str, Any]) -> None:
        litellm = load_litellm()
        try:
            found = litellm.validate_environment(model=self.model, api_base=params.get("api_base"))
        except Exception:  # an unknown provider is reported by the call itself
            return
        keys = [k for k in found.get("missing_keys", []) if "KEY" in k or "TOKEN" in k]
        if keys:
            raise ProviderError(
                f"{self.who} needs an API key: {_how_to_set(keys[0])}, or add "
                "`api_key: os.environ/YOUR_VAR` to its litellm_params (a local server that "
                "needs no key accepts any value, e.g. `api_key: none`).",
                kind="missing_key",
            )

    def check_length(self, messages: list[dict[str, str]], answer_chars: int) -> None:
        """Refuse, before sending, an answer too long for the settings or the model."""
        limit = self._settings.max_answer_chars
        if answer_chars > limit:
            raise ProviderError(
                f"The answer is {answer_chars:,} characters; LLM scoring reads at most "
                f"{limit:,} (llm.max_answer_chars). Shorten it, or score it with the local "
                "scorer.",
                kind="too_long",
            )
        window = self._context_window()
        if not window:
            return
        litellm = load_litellm()
        try:
            tokens = int(litellm.token_counter(model=self.model, messages=messages))
        except Exception:
            return
        reserve = int(self._params.get("max_tokens") or REPLY_TOKENS)
        if tokens + reserve > window:
            raise ProviderError(
                f"The answer is too long for {self.model}: the request needs about {tokens:,} "
                f"tokens plus {reserve:,} for the reply, and the model reads {window:,}. "
                "Shorten the answer, or use a model with a larger context window.",
                kind="context_window",
            )

    def _context_window(self) -> int | None:
        if self._window is False:
            window = model_info(self.model).get("max_input_tokens")
            self._window = int(window) if isinstance(window, int | float) else None
        return self._window if isinstance(self._window, int) else None

    # -- the call ------------------------------------------------------------------
    @contextmanager
    def flying(self, flight: Flight) -> Iterator[Flight]:
        """``flight`` made known from before its grant to the end of the block (its end
        logged): a process exiting meanwhile with none of its requests open logs the calls
        it left and takes its row out (see abandon_open_calls), and none is sent after."""
        with _open_lock:
            _flying[flight] = self
        try:
            yield flight
        finally:
            with _open_lock:
                _flying.pop(flight, None)

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        purpose: str,
        schema: dict[str, Any] | None,
        sink: list[Call] | None = None,
        held: Hold | None = None,
        flight: Flight | None = None,
    ) -> Result:
        """Send ``messages``; retry transient failures; raise ProviderError otherwise.

        Each attempt is logged; with ``sink`` the caller collects them and writes
        them itself (the scorer commits them with the cached card, in one go). A score's
        ``held`` budget, once abandon_open_calls ended it, sends nothing (Abandoned).
        ``flight`` is the row logging the score's requests in flight (UsageLog.depart);
        with it, ``sink`` is its ``calls``.
        """
        litellm = load_litellm()
        params, secrets = self.resolve()
        retries = int(params.pop("max_retries", self._settings.max_retries) or 0)
        params.pop("num_retries", None)
        kwargs: dict[str, Any] = {
            "temperature": 0,
            **params,
            "messages": messages,
            "timeout": self.timeout,
            "max_retries": 0,  # coachkit retries; the provider SDK's own retries would hide them
        }
        completion = self._completion or litellm.completion

        def send() -> Any:
            if schema is not None and not self._schema_refused:
                kwargs["response_format"] = schema
            else:
                kwargs.pop("response_format", None)
            return completion(**kwargs)

        def refused(exc: Exception) -> bool:
            if schema is None or self._schema_refused or not _refuses_schema(litellm, exc):
                return False
            # A hint, not a gate: ask again without it; replies are validated anyway.
            self._schema_refused = True
            return True

        provider = self.model.split("/", 1)[0]
        response, latency = self._send(send, purpose, sink, secrets, retries, refused, held, flight)
        try:
            result = _result(response, latency, schema is not None and not self._schema_refused)
            result = replace(result, first=provider not in _ANSWERED)
        except (AttributeError, IndexError, TypeError, ValueError):
            self._log(sink, purpose, "malformed", latency=latency)
            raise ProviderError(
                f"{self.who}: the provider's reply has no message to read. "
                f"{self._endpoint_hint()}.",
                kind="malformed",
            ) from None
        _ANSWERED.add(provider)
        self._log(
            sink,
            purpose,
            "ok",
            latency=latency,
            prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens,
            cost=result.cost_usd,
        )
        return result

    def transcribe(
        self,
        audio: bytes,
        filename: str,
        *,
        purpose: str = "transcribe",
        sink: list[Call] | None = None,
        flight: Flight | None = None,
    ) -> Result:
        """Speech to text with this profile's model (e.g. openai/whisper-1); retried like
        ``complete``. The text is in ``Result.text``."""
        litellm = load_litellm()
        params, secrets = self.resolve()
        retries = int(params.pop("max_retries", self._settings.max_retries) or 0)
        params.pop("num_retries", None)
        kwargs: dict[str, Any] = {
            **params,
            "file": (filename, audio),
            "timeout": self.timeout,
            "max_retries": 0,
        }
        transcription = self._completion or litellm.transcription
        response, latency = self._send(
            lambda: transcription(**kwargs), purpose, sink, secrets, retries, flight=flight
        )
        text = getattr(response, "text", None)
        if not isinstance(text, str):
            self._log(sink, purpose, "malformed", latency=latency)
            raise ProviderError(
                f"{self.who}: the reply holds no transcript. Check `model` names a "
                "speech-to-text model and `api_base` an OpenAI-compatible server.",
                kind="malformed",
            )
        hidden = getattr(response, "_hidden_params", None) or {}
        cost = _cost(hidden.get("response_cost"))
        self._log(sink, purpose, "ok", latency=latency, cost=cost)
        return Result(text, None, None, cost, latency, structured=False)

    def _send(
        self,
        send: Callable[[], Any],
        purpose: str,
        sink: list[Call] | None,
        secrets: list[str],
        retries: int,
        refused: Callable[[Exception], bool] | None = None,
        held: Hold | None = None,
        flight: Flight | None = None,
    ) -> tuple[Any, float]:
        """``send()``'s reply and its latency in ms: transient failures are retried with
        backoff, and every failed attempt is logged. ``refused`` says an attempt may be
        sent again at once (a provider that refuses a JSON schema)."""
        attempt = 0
        while True:
            if flight is not None:
                if flight.sent and flight.calls:
                    self._land_so_far(flight)
                flight.sent += 1
            started = time.perf_counter()
            try:
                with self._waiting(purpose, sink, started, held, flight), quiet_serializer():
                    reply = send()
                return reply, (time.perf_counter() - started) * 1000
            except Abandoned:
                raise  # logged by abandon_open_calls, or never sent
            except KeyboardInterrupt as interrupt:
                # Sent, then abandoned: the provider may still bill it, so it is logged.
                latency = (time.perf_counter() - started) * 1000
                with unwinding(interrupt):
                    self._log(sink, purpose, "interrupted", latency=latency)
                raise
            except Exception as exc:
                latency = (time.perf_counter() - started) * 1000
                if refused is not None and refused(exc):
                    self._log(sink, purpose, "schema_refused", latency=latency)
                    continue
                error = self._map(load_litellm(), exc, secrets, tries=attempt + 1, purpose=purpose)
                error = self._redirected(error, exc, secrets) or error
                self._log(sink, purpose, error.kind, latency=latency)
                delay = self._backoff(attempt, exc) if error.retryable else None
                if delay is not None and attempt < retries:
                    self._sleep(delay)
                    attempt += 1
                    continue
                raise error from None

    def _land_so_far(self, flight: Flight) -> None:
        """Log a score's calls so far before it sends another request: the row in flight
        stands for one request, so a process killed during a re-ask or a retry would
        leave the calls before it (a timeout, a reply read) unlogged. A retry or a re-ask
        follows a failure or a reply, not every call: no commit on the usual path. A store
        that refuses keeps them, as ever, to be logged at its next write."""
        if self._usage is None:
            return
        logged = flight.so_far()
        try:
            with suppress(StoreError):  # refused, they are kept and logged at the next write
                self._usage.record_many(logged)
        except BaseException:
            flight.put_back(logged)  # a Ctrl-C meanwhile: its unwinding logs them
            raise

    @contextmanager
    def _waiting(
        self,
        purpose: str,
        sink: list[Call] | None,
        started: float,
        held: Hold | None,
        flight: Flight | None = None,
    ) -> Iterator[None]:
        """Registers a request in flight; Abandoned if it was logged meanwhile as cut short,
        or before it is sent if abandon_open_calls ended its score's ``held`` budget."""
        entry = _Open(self, purpose, sink, started, flight)
        with _open_lock:  # one lock with the holds': sent and logged, or neither
            if (held is not None and held.over) or (flight is not None and flight.over):
                raise Abandoned
            _open.add(entry)
        try:
            yield
        finally:
            with _open_lock:
                _open.discard(entry)
            if entry.abandoned:
                raise Abandoned

    def _abandon(self, entry: _Open, calls: list[Call], landed: InFlight | None) -> None:
        """Log ``entry``'s score's ``calls`` and the request cut short in place of its row
        in flight (see abandon_open_calls)."""
        latency = (time.perf_counter() - entry.started) * 1000
        cut = Call(self.profile, self.model, entry.purpose, "interrupted", latency_ms=latency)
        if self._usage is not None:
            # The process is ending: nothing more can be done. A row left in flight is
            # counted as cut short once it has gone.
            with suppress(StoreError):
                self._usage.record_many([*calls, cut], landed=landed)

    def _land_at_exit(self, calls: list[Call], landed: InFlight | None) -> None:
        """Log a score's ``calls`` in place of its row in flight, no request of it open
        (see abandon_open_calls): the process is ending, and a row left counts as cut
        short once it has gone."""
        if self._usage is not None and (calls or landed is not None):
            with suppress(StoreError):
                self._usage.record_many(calls, landed=landed)

    def _backoff(self, attempt: int, exc: Exception) -> float | None:
        """Seconds to wait before trying again; None when the provider asks for longer
        than is worth waiting through (the error then says how long it asked)."""
        delay = min(MAX_BACKOFF, 2.0**attempt) * (0.5 + self._rng() / 2)
        after = _retry_after(exc)
        if after is None:
            return delay
        return max(delay, after) if after <= MAX_RETRY_AFTER else None

    def _log(
        self,
        sink: list[Call] | None,
        purpose: str,
        outcome: str,
        *,
        latency: float,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        cost: float | None = None,
    ) -> None:
        call = Call(
            self.profile,
            self.model,
            purpose,
            outcome,
            prompt_tokens,
            completion_tokens,
            cost,
            latency,
        )
        if sink is not None:
            sink.append(call)
        elif self._usage is not None:
            self._usage.record(call)

    # -- errors --------------------------------------------------------------------
    @property
    def _ollama(self) -> bool:
        return self.model.startswith(_OLLAMA_PREFIXES)

    def _endpoint_hint(self) -> str:
        """Where `api_base` should point: Ollama's API lives at the server's root."""
        if self._ollama:
            return (
                "Check `api_base` is the Ollama server's root, e.g. http://127.0.0.1:11434 (no /v1)"
            )
        return "Check `api_base` points at an OpenAI-compatible endpoint (often ending in /v1)"

    def _key_hint(self) -> str:
        key = self._params.get("api_key")
        if isinstance(key, str) and key.startswith(ENV_PREFIX):
            return f"check {key[len(ENV_PREFIX) :]}"
        if key:
            return "check the api_key in its litellm_params"
        return "check the provider's API key variable (see `coachkit config check`)"

    def _redirected(
        self, error: ProviderError, exc: Exception, secrets: list[str]
    ) -> ProviderError | None:
        """A failure said as the redirect it was, if api_base's server redirects a chat.

        A 301, 302 or 303 turns the POST into a GET with no prompt, and what comes back
        (a model list, an empty body, 405) read as a reply of another shape. A GET of the
        chat's address, with no key, asks where the server sends it: no model runs."""
        if self.api_base is None or not _unreadable(error.kind, exc):
            return None
        path = "/api/chat" if self._ollama else "/chat/completions"
        url = self.api_base.rstrip("/") + path
        location = _redirect_target(url, min(self.timeout, 5.0))
        if location is None:
            return None
        final = location.removesuffix(path) if location.endswith(path) else None
        address = f"the final address ({final})" if final else "the final address"
        message = (
            f"{self.who}: the server at {self.api_base} redirected to {location}: set "
            f"`api_base` to {address}."
        )
        return ProviderError(mask_secrets(message, secrets), kind="redirect")

    def _map(
        self,
        litellm: Any,
        exc: Exception,
        secrets: list[str],
        *,
        tries: int = 1,
        purpose: str = "score",
    ) -> ProviderError:
        """A ProviderError with a one-line message that says what to do next; ``tries``
        is how many attempts failed so far (the user waited through all of them), and
        ``purpose`` what the request was for (a check sends no answer)."""
        kind = _kind(litellm, exc)
        # Of a dropped connection the OpenAI SDK says only "Connection error."; httpx says
        # what ended ("Server disconnected without sending a response").
        said = _dropped(exc) if kind == "dropped" else None
        if kind == "connection":  # the OpenAI SDK's "Connection error.", where httpx says why
            said = _http_error(exc, _NOT_SENT)
        detail = _detail(said if isinstance(said, Exception) and str(said) else exc)
        if kind == "connection" and _http_error(exc, _NOT_CONNECTED):
            # litellm says "Request timed out", as of a server that took the request.
            detail = f"no connection within {self.timeout:g} s"
        message = self._say(kind, exc, mask_secrets(detail, secrets), tries, purpose)
        return ProviderError(
            mask_secrets(message, secrets), kind=kind, retryable=kind in _RETRYABLE
        )

    def _say(self, kind: str, exc: Exception, detail: str, tries: int, purpose: str) -> str:
        """What went wrong, for a ``kind`` of failure, and what to do about it."""
        who, where = self.who, self.api_base or "the provider"
        # A transient failure is retried: say how often, or "try again" reads as if
        # nobody had (a timeout says it in its own words).
        tried = f" (tried {tries} times)" if tries > 1 else ""
        match kind:
            case "timeout":
                again = f", {tries} times in a row" if tries > 1 else ""
                if self._instead is None:
                    return (
                        f"{who} did not answer within {self.timeout:g} s{again}. Try again, "
                        f"or raise {self._timeout_setting}."
                    )
                return (
                    f"{who} did not answer within {self.timeout:g} s{again}. Try again, raise "
                    f"{self._timeout_setting}, or {self._instead}."
                )
            case "context_window" if purpose == "check":
                # The check's ping is a few tokens: no answer to shorten, the server's
                # context is set too small (a local server started with a tiny window).
                return (
                    f"{who}: the server refused even a tiny request as too long for the "
                    f"model's context ({detail}). Check the server's context length setting "
                    "(vLLM's --max-model-len, Ollama's num_ctx, llama.cpp's --ctx-size)."
                )
            case "context_window":
                return (
                    f"The answer is too long for {self.model}'s context window ({detail}). "
                    "Shorten it, or use a model with a larger window."
                )
            case "auth" if _denied(exc):
                # 403: the key was read, and refused this model or endpoint (a project
                # without access, a region): not a wrong key.
                return (
                    f"{who}: the provider denied this API key access ({detail}); "
                    f"{self._key_hint()}, and that its account may use this model."
                )
            case "auth":
                return f"{who}: the provider rejected the API key ({detail}); {self._key_hint()}."
            case "unknown_model":
                return (
                    f"{who}: the provider does not know this model ({detail}). Check `model` "
                    "(and `api_base`) in its litellm_params."
                )
            case "too_large":
                return (
                    f"{who}: the provider refused the request as too large ({detail}). Send "
                    f"less: a shorter answer or recording{self._or_instead}."
                )
            case "quota":
                return (
                    f"{who}: the provider says the account has no credit or quota left "
                    f"({detail}). Add credit or raise the quota with the provider, then try "
                    f"again{self._or_instead}."
                )
            case "rate_limit":
                after = _retry_after(exc)
                wait = f"it asks to wait {_wait_words(after)}" if after else "wait a minute"
                return (
                    f"{who} is rate-limited by the provider ({detail}){tried}: {wait}, "
                    "then try again."
                )
            case "malformed":
                # litellm's own words here are parser internals ("Expecting value: line 1
                # ..., Received response - <APIResponse ...>"): they tell a user nothing.
                expected = "an Ollama" if self._ollama else "an OpenAI-compatible"
                return (
                    f"{who}: {where} answered with something that is not {expected} chat "
                    f"reply (not JSON, or JSON of another shape). {self._endpoint_hint()}."
                )
            case "connection":
                return (
                    f"{who}: cannot reach {where} ({detail}){tried}. Is the server running, "
                    "and is `api_base` right?"
                )
            case "dropped":
                return (
                    f"{who}: {where} got the request but the connection ended before its "
                    f"answer ({detail}){tried}; it may still bill the call. Try again in a "
                    "moment."
                )
            case "server":
                return (
                    f"{who}: the provider had a server error ({detail}){tried}. "
                    "Try again in a moment."
                )
            case "bad_request":
                return (
                    f"{who}: the provider refused the request ({detail}). Check its litellm_params."
                )
        return f"{who} failed ({exc.__class__.__name__}: {detail})."


_RETRYABLE = frozenset({"timeout", "rate_limit", "connection", "dropped", "server"})


def _kind(litellm: Any, exc: Exception) -> str:
    """How a call failed, as a ProviderError kind.

    Order matters: Timeout is not an APIConnectionError in litellm, and
    ContextWindowExceededError is a BadRequestError. Some litellm paths (audio
    transcription) raise the OpenAI SDK's errors unmapped: their status and name say
    the same.
    """
    status = getattr(exc, "status_code", None)
    name, text = type(exc).__name__, str(exc)
    if isinstance(exc, litellm.Timeout) or name.endswith("TimeoutError"):
        # Timed out connecting (a host that drops packets, a full accept queue): nothing
        # was sent, so nothing can be billed; the server is as unreachable as one refusing.
        return "connection" if _http_error(exc, _NOT_CONNECTED) else "timeout"
    if isinstance(exc, litellm.ContextWindowExceededError):
        return "context_window"
    if isinstance(exc, litellm.AuthenticationError | litellm.PermissionDeniedError) or (
        status in (401, 403)
    ):
        return "auth"
    if isinstance(exc, litellm.NotFoundError) or status == 404:
        return "unknown_model"
    if status == 402 or _QUOTA_WORDS.search(text) or _QUOTA_WORDS.search(_detail(exc)):
        return "quota"
    if status == 413 or _TOO_LARGE_WORDS.search(text):
        return "too_large"
    if isinstance(exc, litellm.RateLimitError) or status == 429:
        return "rate_limit"
    # Servers litellm does not map (LM Studio, Ollama) say so in words, perhaps only in
    # the body of the error (the OpenAI SDK finds no message in {"error": "..."}).
    if _CONTEXT_WORDS.search(text) or _CONTEXT_WORDS.search(_detail(exc)):
        return "context_window"
    if any(hint in text for hint in _JUNK_HINTS):
        return "malformed"
    if _dropped(exc) is not None:
        return "dropped"
    if (
        isinstance(exc, litellm.APIConnectionError)
        or name == "APIConnectionError"
        or any(hint in text for hint in _CONNECTION_HINTS)
        # Some paths (anthropic/, hosted_vllm/) call a name that does not resolve a
        # server error; httpx, beneath, says no connection was made.
        or _http_error(exc, _NOT_SENT) is not None
    ):
        return "connection"
    if isinstance(
        exc,
        litellm.ServiceUnavailableError | litellm.InternalServerError | litellm.BadGatewayError,
    ) or (isinstance(status, int) and status >= 500):
        return "server"
    if isinstance(exc, litellm.BadRequestError) or status in (400, 422):
        return "bad_request"
    return "provider"


def _unreadable(kind: str, exc: Exception) -> bool:
    """Whether a failure may be a redirect followed: the server answered, with something
    that is not a reply (litellm's ollama_chat/ path calls that a connection error, with
    no connection error of httpx beneath), or with 405 to the request made a GET."""
    if kind == "malformed" or getattr(exc, "status_code", None) == 405:
        return True
    return kind == "connection" and _http_error(exc, _NOT_SENT | _NOT_CONNECTED) is None


def _redirect_target(url: str, timeout: float) -> str | None:
    """Where the server at ``url`` redirects a request, as an address with no user,
    password or query (they may hold a key); None when it does not, or cannot be asked."""
    import httpx  # litellm's own HTTP client: imported with it already

    try:
        response = httpx.get(url, timeout=timeout, follow_redirects=False)
    except httpx.HTTPError:
        return None
    target = response.next_request.url if response.next_request is not None else None
    if not response.is_redirect or target is None:
        return None
    return str(target.copy_with(username=None, password=None, query=None, fragment=None))


def _denied(exc: Exception) -> bool:
    """Whether the provider refused access (403) rather than the key itself (401)."""
    return getattr(exc, "status_code", None) == 403 or type(exc).__name__ == "PermissionDeniedError"


def _dropped(exc: BaseException) -> BaseException | None:
    """The HTTP library's error under ``exc`` saying the connection ended after the
    request was sent (see _DROPPED), if it is one."""
    return _http_error(exc, _DROPPED)


def _http_error(exc: BaseException, names: frozenset[str]) -> BaseException | None:
    """The HTTP library's error of one of ``names`` under ``exc``, if there is one."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        kind = type(cause)
        if kind.__name__ in names and kind.__module__.split(".")[0] in _HTTP_PACKAGES:
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


def _detail(exc: Exception) -> str:
    """A provider's error, as a clause for our messages: one line, the message of a JSON
    error body rather than the body, no litellm advice to programmers, no final period
    (the message around it has its own punctuation)."""
    line = _one_message(str(exc))
    if _NO_MESSAGE.fullmatch(line):
        # The OpenAI SDK found no `error.message` in the body; the body may have one.
        body = getattr(exc, "body", None)
        found = body if isinstance(body, str) else _error_message(body)
        if found and found.strip() and not found.lstrip().startswith("<"):  # not HTML
            line = _one_message(found)
    return line.rstrip().removesuffix(".").rstrip() or "no details"


def _one_message(text: str) -> str:
    """``text``'s first meaningful line, a JSON error body in it replaced by its message."""
    start = text.find("{")
    if start >= 0:
        try:
            body, end = json.JSONDecoder().raw_decode(text, start)
        except ValueError:
            pass
        else:
            # Some providers' errors reach us as the body itself (hosted_vllm, ollama,
            # anthropic), others as its message (openai): both read the same.
            message = _error_message(body)
            if message:
                text = text[:start] + message + text[end:]
    return one_line(_HANDLE_WITH.sub("", text))


def _error_message(body: object) -> str | None:
    """The message in a JSON error body: OpenAI's and Anthropic's ``{"error": {"message"}}``,
    Ollama's ``{"error": "..."}``, vLLM's ``{"message"}``, FastAPI's ``{"detail": "..."}``."""
    if not isinstance(body, dict):
        return None
    for key in ("error", "message", "detail"):
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        found = _error_message(value)
        if found:
            return found
    return None


def _how_to_set(var: str) -> str:
    """How to set a key where coachkit runs. Keys are read at every call, so setting
    one in the kernel works at once; getpass keeps it out of the saved notebook.

    Under a shared config (COACHKIT_CONFIG, a cohort's hub), the key is the coach's
    to provide: a job seeker has none to paste."""
    # A running Jupyter's kernels never see a variable exported after it started.
    how = (
        f"export {var}=... in your shell before running coachkit or starting Jupyter, or, "
        f"in a notebook, set it in a cell (import os, getpass; os.environ[{var!r}] = "
        "getpass.getpass())"
    )
    if in_voila():
        # A Voila page has no cell, and its kernel has the environment Voila started with.
        how = f"export {var}=... in the shell that starts Voila and restart Voila"
    if os.environ.get("COACHKIT_CONFIG", "").strip():
        return (
            "this profile comes from a shared config (COACHKIT_CONFIG): ask whoever runs it "
            f"to set {var} for you, or, with a key of your own, {how}"
        )
    return how


def _refuses_schema(litellm: Any, exc: Exception) -> bool:
    if isinstance(exc, litellm.UnsupportedParamsError):
        return True
    if isinstance(exc, litellm.BadRequestError) and not isinstance(
        exc, litellm.ContextWindowExceededError
    ):
        text = str(exc).lower()
        return "response_format" in text or "json_schema" in text
    return False


def _retry_after(exc: Exception) -> float | None:
    """The seconds a provider asks to wait: ``retry-after-ms`` (Azure OpenAI; the OpenAI
    SDK reads it too) or ``Retry-After``, in seconds or as an HTTP date. None for no ask,
    or one that is no wait at all (nan, a negative number, a date past): the exponential
    backoff will do."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / scale
        except (TypeError, ValueError):
            if scale != 1.0 or not isinstance(value, str):
                continue
            seconds = _seconds_until(value)
        if seconds >= 0:  # False for nan too
            return seconds  # inf and 1e20 included: more than is worth waiting, said so
    return None


def _seconds_until(date: str) -> float:
    """Seconds from now to an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT", as RFC 9110
    allows in Retry-After); nan when it is not one."""
    try:
        when = parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError):
        return math.nan
    if when.tzinfo is None:  # "-0000": a time in UTC, said without a zone
        when = when.replace(tzinfo=UTC)
    return when.timestamp() - time.time()


def _wait_words(seconds: float) -> str:
    """How long a provider asks to wait, as a person says it."""
    if seconds > 24 * 3600:
        return "more than a day"
    if seconds >= 120:
        minutes = round(seconds / 60)
        return f"{minutes} min" if minutes < 120 else f"{round(minutes / 60)} h"
    return f"{round(seconds, 1):g} s"


def _result(response: Any, latency_ms: float, structured: bool) -> Result:
    choice = response.choices[0]
    message = choice.message
    text = message.content
    if not text and getattr(message, "tool_calls", None):
        # Some providers deliver structured output as a tool call.
        text = message.tool_calls[0].function.arguments
    usage = getattr(response, "usage", None)
    given = (getattr(usage, "prompt_tokens", None), getattr(usage, "completion_tokens", None))
    prompt_tokens, completion_tokens = (_count(n) for n in given)
    if given == (0, 0):
        # litellm's zeros for a reply without usage (a proxy that strips it): no request
        # reads no tokens, so they are not known, and neither is the cost ($0 from them).
        prompt_tokens = completion_tokens = None
    hidden = getattr(response, "_hidden_params", None) or {}
    cost = _cost(hidden.get("response_cost"))
    if (prompt_tokens, completion_tokens) != given:
        cost = None  # priced from junk or missing counts: not known, not a made-up figure
    return Result(
        text=text,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cost_usd=cost,
        latency_ms=latency_ms,
        structured=structured,
        finish=_text(getattr(choice, "finish_reason", None)),
        refusal=_text(getattr(message, "refusal", None)),
    )


def _text(value: object) -> str | None:
    """A provider's word, if it gave one as text."""
    return value if isinstance(value, str) and value.strip() else None


def _count(value: object) -> int | None:
    """A token count a provider reported, or None when it is junk (negative, not a number)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _cost(value: object) -> float | None:
    """A cost in US dollars, or None (unknown) when it is junk: never a negative cost, which
    would be stored, credited against today's spend and make an export import refuses."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    cost = float(value)
    return cost if math.isfinite(cost) and cost >= 0 else None
