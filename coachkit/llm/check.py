"""`coachkit config check`: one tiny request to a profile, and what came back."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from ..audio import silent_wav
from ..config import LOCAL, Config
from ..errors import ProviderError
from ..figures import figure
from ..store import Store
from .client import Completion, LLMClient
from .runtime import load_litellm, model_info
from .usage import UsageLog

__all__ = ["CheckResult", "check_profile"]

_PING = [
    {"role": "system", "content": 'Reply with the JSON object {"ok": true} and nothing else.'},
    {"role": "user", "content": "ping"},
]
_NOT_JSON = object()  # a reply json.loads refused
_PING_SCHEMA: dict[str, Any] = {
    "type": "json_schema",
    "json_schema": {
        "name": "ping",
        "schema": {
            "type": "object",
            "properties": {"ok": {"type": "boolean"}},
            "required": ["ok"],
            "additionalProperties": False,
        },
        "strict": True,
    },
}


@dataclass(frozen=True)
class CheckResult:
    profile: str
    model: str | None
    ok: bool
    message: str
    latency_ms: float | None = None
    structured: bool | None = None  # None: not tried
    kind: str | None = None  # the ProviderError kind when not ok

    def line(self) -> str:
        if not self.ok:
            return f"{self.profile}: FAILED ({self.kind}) {self.message}"
        return f"{self.profile}: ok {self.message}"


def check_profile(
    config: Config,
    name: str,
    *,
    store: Store | None = None,
    completion: Completion | None = None,
) -> CheckResult:
    """Send one tiny request with ``name``'s settings; never raises ProviderError."""
    if config.check_name(name, scoring=False) == LOCAL:
        return CheckResult(LOCAL, None, True, "(the offline scorer: no provider to check)")
    entry = config.entry(name)
    usage = UsageLog(store) if store is not None else None
    # Retried and waited on as a score is (a short Retry-After waited out, a long one said at
    # once): retries with no wait hammered a provider that asked for 15 s, then said so.
    client = LLMClient(entry, config.llm, usage=usage, completion=completion)
    try:
        client.resolve()  # an unset key variable is known at once, not after the import
    except ProviderError as exc:
        return CheckResult(name, entry.model, False, str(exc), kind=exc.kind)
    load_litellm()  # its import (seconds, once) is not the provider's latency
    if name == config.transcriber or _speech_to_text(entry.model):
        return _check_transcriber(client, name, entry.model)
    started = time.perf_counter()
    try:
        result = client.complete(_PING, purpose="check", schema=_PING_SCHEMA)
    except ProviderError as exc:
        return CheckResult(name, entry.model, False, str(exc), kind=exc.kind)
    latency = round((time.perf_counter() - started) * 1000, 1)
    try:
        reply = json.loads(result.text or "")
    except json.JSONDecodeError:
        reply = _NOT_JSON
    worked = result.structured and isinstance(reply, dict) and reply.get("ok") is True
    if worked:
        structured = "structured output: yes"
    elif result.finish == "length":
        # A reasoning model spends its max_tokens thinking, and answers nothing: "not
        # JSON ... use an instruct model" sent the user to change a model that works.
        structured = (
            "the reply was cut off at the output token limit, so scores with this model "
            "will fail (or fall back): raise `max_tokens` in its litellm_params"
        )
    elif reply is _NOT_JSON:
        # Reachable, but a score needs a JSON reply: "ok" alone would hide that every
        # score is about to fail and fall back.
        structured = (
            "the reply was not JSON, though the request asked for it, so scores with this "
            "model will likely fail (or fall back): a model that follows instructions, such "
            "as an instruct or chat model, scores reliably"
        )
    elif result.structured:
        structured = "structured output: requested, not followed (replies are validated anyway)"
    else:
        structured = "structured output: refused by the provider (replies are validated anyway)"
    # The first request also sets litellm up: without saying so, a fast local server
    # reads as slow.
    setup = " (litellm's one-time set-up included: later requests skip it)"
    return CheckResult(
        name,
        entry.model,
        True,
        f"model {entry.model}, answered in {figure(latency)} ms{setup if result.first else ''}; "
        f"{structured}",
        latency_ms=latency,
        structured=bool(worked),
    )


def _speech_to_text(model: str) -> bool:
    """A transcription model, by litellm's table or by name (local Whisper servers)."""
    return model_info(model).get("mode") == "audio_transcription" or any(
        word in model.lower() for word in ("whisper", "transcribe")
    )


def _check_transcriber(client: LLMClient, name: str, model: str) -> CheckResult:
    """A speech-to-text profile is checked with half a second of silence, not a chat."""
    started = time.perf_counter()
    try:
        client.transcribe(silent_wav(), "check.wav", purpose="check")
    except ProviderError as exc:
        return CheckResult(name, model, False, str(exc), kind=exc.kind)
    latency = round((time.perf_counter() - started) * 1000, 1)
    return CheckResult(
        name,
        model,
        True,
        f"model {model}, transcribed a silent test clip in {figure(latency)} ms (speech to text)",
        latency_ms=latency,
    )
