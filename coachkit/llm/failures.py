"""A provider's failures: what kind each is, whether it is retried, and how it is said to
the user, with what to do next."""

from __future__ import annotations

import json
import math
import os
import re
import time
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

from ..config import ENV_PREFIX
from ..errors import ProviderError, mask_secrets
from ..figures import figure
from ..jupyter import in_voila
from ..paths import config_path
from .runtime import one_line

__all__ = ["Wording", "how_to_set", "refuses_schema", "retry_after"]

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
# Failures that may pass on their own: the call is tried again, after a pause.
_RETRYABLE = frozenset({"timeout", "rate_limit", "connection", "dropped", "server"})


@dataclass(frozen=True)
class Wording:
    """What a profile's failures name of it, and what they tell the user to do."""

    who: str  # "Profile 'gpt' (openai/gpt-4o-mini)"
    model: str
    api_base: str | None
    timeout: float
    timeout_setting: str  # where the timeout in force is set
    # What the user can do when the profile cannot help; None when a fallback scores
    # instead, whose note on the card says so.
    instead: str | None
    api_key: object = field(repr=False)  # as its litellm_params give it: a secret, perhaps

    @property
    def or_instead(self) -> str:
        return f", or {self.instead}" if self.instead else ""

    @property
    def ollama(self) -> bool:
        return self.model.startswith(_OLLAMA_PREFIXES)

    def endpoint_hint(self) -> str:
        """Where `api_base` should point: Ollama's API lives at the server's root."""
        if self.ollama:
            return (
                "Check `api_base` is the Ollama server's root, e.g. http://127.0.0.1:11434 (no /v1)"
            )
        return "Check `api_base` points at an OpenAI-compatible endpoint (often ending in /v1)"

    def key_hint(self) -> str:
        key = self.api_key
        if isinstance(key, str) and key.startswith(ENV_PREFIX):
            return f"check {key[len(ENV_PREFIX) :]}"
        if key:
            return "check the api_key in its litellm_params"
        return "check the provider's API key variable (see `coachkit config check`)"

    def redirected(
        self, error: ProviderError, exc: Exception, secrets: list[str]
    ) -> ProviderError | None:
        """A failure said as the redirect it was, if api_base's server redirects a chat.

        A 301, 302 or 303 turns the POST into a GET with no prompt, and what comes back
        (a model list, an empty body, 405) read as a reply of another shape. A GET of the
        chat's address, with no key, asks where the server sends it: no model runs."""
        if self.api_base is None or not _unreadable(error.kind, exc):
            return None
        path = "/api/chat" if self.ollama else "/chat/completions"
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

    def error(
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
            detail = f"no connection within {figure(self.timeout)} s"
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
                if self.instead is None:
                    return (
                        f"{who} did not answer within {figure(self.timeout)} s{again}. Try again, "
                        f"or raise {self.timeout_setting}."
                    )
                return (
                    f"{who} did not answer within {figure(self.timeout)} s{again}. Try again, "
                    f"raise {self.timeout_setting}, or {self.instead}."
                )
            case "context_window" if purpose == "check":
                # The check's ping is a few tokens: no answer to shorten, the server's
                # context is set too small (a local server started with a tiny window).
                return (
                    f"{who}: the server refused even a tiny request as too long for the "
                    f"model's context ({detail}). Check the server's context length setting "
                    "(vLLM's --max-model-len, Ollama's num_ctx, llama.cpp's --ctx-size)."
                )
            case "context_window" if self.api_base:
                # A server of one's own is often started with a small window (LM Studio's
                # 4096): the rubric alone takes ~1,500 tokens, so "shorten it" sent a user
                # with a four-sentence answer to cut words that were not the problem.
                return (
                    f"The answer is too long for {self.model}'s context window ({detail}). "
                    "Shorten it, use a model with a larger window, or raise the context "
                    f"length the server at {self.api_base} runs it with (vLLM's "
                    "--max-model-len, Ollama's num_ctx, llama.cpp's --ctx-size, LM Studio's "
                    "context length)."
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
                    f"{self.key_hint()}, and that its account may use this model."
                )
            case "auth":
                return f"{who}: the provider rejected the API key ({detail}); {self.key_hint()}."
            case "unknown_model":
                return (
                    f"{who}: the provider does not know this model ({detail}). Check `model` "
                    "(and `api_base`) in its litellm_params."
                )
            case "too_large":
                return (
                    f"{who}: the provider refused the request as too large ({detail}). Send "
                    f"less: a shorter answer or recording{self.or_instead}."
                )
            case "quota":
                return (
                    f"{who}: the provider says the account has no credit or quota left "
                    f"({detail}). Add credit or raise the quota with the provider, then try "
                    f"again{self.or_instead}."
                )
            case "rate_limit":
                after = retry_after(exc)
                wait = f"it asks to wait {_wait_words(after)}" if after else "wait a minute"
                return (
                    f"{who} is rate-limited by the provider ({detail}){tried}: {wait}, "
                    "then try again."
                )
            case "malformed":
                # litellm's own words here are parser internals ("Expecting value: line 1
                # ..., Received response - <APIResponse ...>"): they tell a user nothing.
                expected = "an Ollama" if self.ollama else "an OpenAI-compatible"
                return (
                    f"{who}: {where} answered with something that is not {expected} chat "
                    f"reply (not JSON, or JSON of another shape). {self.endpoint_hint()}."
                )
            case "connection":
                # With no fallback to score instead, the way on is said (as a timeout does).
                instead = f" Or {self.instead}." if self.instead else ""
                return (
                    f"{who}: cannot reach {where} ({detail}){tried}. Is the server running, "
                    f"and is `api_base` right?{instead}"
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


def how_to_set(var: str) -> str:
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
        # Named as the Settings notebook names it: the file, and who keeps it.
        return (
            f"this profile comes from the shared config {config_path()} (set by "
            f"COACHKIT_CONFIG): ask whoever keeps it (your coach) to set {var} in the hub's "
            f"environment for everyone, or, with a key of your own, {how}"
        )
    return how


def refuses_schema(litellm: Any, exc: Exception) -> bool:
    if isinstance(exc, litellm.UnsupportedParamsError):
        return True
    if isinstance(exc, litellm.BadRequestError) and not isinstance(
        exc, litellm.ContextWindowExceededError
    ):
        text = str(exc).lower()
        return "response_format" in text or "json_schema" in text
    return False


def retry_after(exc: Exception) -> float | None:
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
