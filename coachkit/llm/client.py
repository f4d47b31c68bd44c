"""One profile's connection to its model: a litellm call, transient failures retried,
each attempt logged, the reply read. What a failure says is failures'; the requests in
flight, cut short at exit, are opencalls'."""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass, replace
from typing import Any

from ..config import LLMSettings, ModelEntry, resolve_params
from ..errors import ProviderError, StoreError
from .deadline import deadline
from .failures import Wording, how_to_set, refuses_schema, retry_after
from .opencalls import Abandoned, Hold, OpenCall, abandon_open_calls, hold, registered, tracked
from .runtime import load_litellm, model_info, quiet_serializer, remember_secrets
from .usage import Call, Flight, UsageLog, unwinding

# A score's hold, the Abandoned its call may raise and their abandon_open_calls are
# opencalls': importable from here too, with the client that meets them.
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
# Providers ("openai", "ollama_chat") this process has had an answer from: the first
# answer through each also paid for litellm's set-up of it (see Result.first). Another
# server of the same provider is not set up again (a loopback one answers in ~10 ms).
_ANSWERED: set[str] = set()


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
    def who(self) -> str:
        return f"Profile {self.profile!r} ({self.model})"

    def _wording(self) -> Wording:
        """What this profile's failures say of it (read at each failure, as its settings are)."""
        return Wording(
            who=self.who,
            model=self.model,
            api_base=self.api_base,
            timeout=self.timeout,
            timeout_setting=self._timeout_setting,
            instead=self._instead,
            api_key=self._params.get("api_key"),
        )

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
                f"{self.who} needs the environment variable {var}: {how_to_set(var)}, then "
                f"try again{self._wording().or_instead}.",
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
                f"{self.who} needs an API key: {how_to_set(keys[0])}, or add "
                "`api_key: os.environ/YOUR_VAR` to its litellm_params (a local server that "
                "needs no key accepts any value, e.g. `api_key: none`).",
                kind="missing_key",
            )

    def check_length(self, messages: list[dict[str, str]], answer: str) -> None:
        """Refuse, before sending, an answer too long for the settings or the model."""
        limit = self._settings.max_answer_chars
        answer_chars = len(answer)
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
        # The profile's own output limit, under either name, else a score's usual room.
        reserve = self.output_limit() or REPLY_TOKENS
        if tokens + reserve > window:
            raise ProviderError(
                self._too_long(litellm, messages, answer, tokens, reserve, window),
                kind="context_window",
            )

    def _too_long(
        self,
        litellm: Any,
        messages: list[dict[str, str]],
        answer: str,
        tokens: int,
        reserve: int,
        window: int,
    ) -> str:
        """Why a request does not fit the model's window, and what to change. When the
        instructions and question alone do not fit (a server started with a small
        window), "shorten the answer" would send the user to cut words that are not the
        problem."""
        needs = (
            f"the request needs about {tokens:,} tokens plus {reserve:,} for the reply, and "
            f"the model reads {window:,}"
        )
        unanswered = [{**m, "content": m["content"].replace(answer, "")} for m in messages]
        with suppress(Exception):
            bare = int(litellm.token_counter(model=self.model, messages=unanswered))
            if bare + reserve > window:
                server = (
                    f", or raise the context length the server at {self.api_base} runs it "
                    "with (vLLM's --max-model-len, Ollama's num_ctx, llama.cpp's --ctx-size, "
                    "LM Studio's context length)"
                    if self.api_base
                    else ""
                )
                return (
                    f"No answer fits {self.model}'s context window: the rubric and question "
                    f"alone take about {bare:,} tokens, plus {reserve:,} for the reply, and "
                    f"the model reads {window:,}. Use a model with a larger window{server}."
                )
        return (
            f"The answer is too long for {self.model}: {needs}. Shorten the answer, or use a "
            "model with a larger context window."
        )

    def raised_limit(self, messages: list[dict[str, str]], cut: Result) -> int | None:
        """The output limit for ``messages``, a re-ask of the reply ``cut`` off at its limit:
        twice the one used (the profile's, else the tokens the reply reached), bounded by
        the most the model writes and by what its context window leaves after
        ``messages`` (where litellm's model map knows them). The same limit would cut the
        re-ask off again, paid for twice. None when no limit used is known."""
        used = self.output_limit() or cut.completion_tokens
        if not used:
            return None
        raised = 2 * used
        most = self.most_output()
        if most:
            raised = min(raised, most)
        window = self._context_window()
        if window:
            with suppress(Exception):  # a model litellm cannot count for: no bound known
                tokens = int(load_litellm().token_counter(model=self.model, messages=messages))
                raised = min(raised, window - tokens)
        # Less than was used, it would only cut the reply off sooner.
        return max(raised, used)

    def most_output(self) -> int | None:
        """The most tokens the model writes in a reply, as litellm's model map knows it."""
        most = model_info(self.model).get("max_output_tokens")
        return most if isinstance(most, int) and not isinstance(most, bool) and most > 0 else None

    def output_limit(self) -> int | None:
        """The output token limit the profile sets, if it sets one."""
        value = self._params.get(self._limit_param)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def _limit_param(self) -> str:
        """The parameter the profile limits output with: OpenAI's newer name, if it uses it."""
        return "max_completion_tokens" if "max_completion_tokens" in self._params else "max_tokens"

    def _context_window(self) -> int | None:
        if self._window is False:
            window = model_info(self.model).get("max_input_tokens")
            self._window = int(window) if isinstance(window, int | float) else None
        return self._window if isinstance(self._window, int) else None

    # -- the call ------------------------------------------------------------------
    def flying(self, flight: Flight) -> AbstractContextManager[Flight]:
        """``flight`` made known from before its grant to the end of the block (its end
        logged): a process exiting meanwhile with none of its requests open logs the calls
        it left and takes its row out (see abandon_open_calls), and none is sent after."""
        return tracked(flight, self._usage)

    def complete(
        self,
        messages: list[dict[str, str]],
        *,
        purpose: str,
        schema: dict[str, Any] | None,
        sink: list[Call] | None = None,
        held: Hold | None = None,
        flight: Flight | None = None,
        max_tokens: int | None = None,
    ) -> Result:
        """Send ``messages``; retry transient failures; raise ProviderError otherwise.

        Each attempt is logged; with ``sink`` the caller collects them and writes
        them itself (the scorer commits them with the cached card, in one go). A score's
        ``held`` budget, once abandon_open_calls ended it, sends nothing (Abandoned).
        ``flight`` is the row logging the score's requests in flight (UsageLog.depart);
        with it, ``sink`` is its ``calls``. ``max_tokens`` overrides the profile's output
        limit (see raised_limit).
        """
        litellm = load_litellm()
        params, secrets = self.resolve()
        retries = int(params.pop("max_retries", self._settings.max_retries) or 0)
        params.pop("num_retries", None)
        if max_tokens is not None:
            params[self._limit_param] = max_tokens
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
            if schema is None or self._schema_refused or not refuses_schema(litellm, exc):
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
                f"{self._wording().endpoint_hint()}.",
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
                request = OpenCall(
                    self._usage, self.profile, self.model, purpose, sink, started, flight
                )
                # litellm's timeout bounds each read; the deadline, the whole reply.
                with registered(request, held), quiet_serializer(), deadline(self.timeout):
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
                wording = self._wording()
                error = wording.error(
                    load_litellm(), exc, secrets, tries=attempt + 1, purpose=purpose
                )
                error = wording.redirected(error, exc, secrets) or error
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

    def _backoff(self, attempt: int, exc: Exception) -> float | None:
        """Seconds to wait before trying again; None when the provider asks for longer
        than is worth waiting through (the error then says how long it asked)."""
        delay = min(MAX_BACKOFF, 2.0**attempt) * (0.5 + self._rng() / 2)
        after = retry_after(exc)
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
