"""Scoring through a local OpenAI-compatible server, switching provider by config file only."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import (
    DIMENSIONS,
    STORY,
    FakeLLMServer,
    Reply,
    grade_json,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Coach, ProviderError, QuestionBank, Store, load_config
from coachkit.llm import LLMScorer
from coachkit.rubric import RUBRIC_VERSION

pytestmark = pytest.mark.usefixtures("loopback_only")


def _profile(model: str, server: FakeLLMServer) -> dict[str, Any]:
    if model.startswith("ollama_chat/"):
        return {"model": model, "api_base": server.url}
    if model.startswith("litellm_proxy/"):
        return {"model": model, "api_base": server.url, "api_key": "sk-team-proxy-000000"}
    return {"model": model, "api_base": f"{server.url}/v1", "api_key": "sk-local-test-000000"}


@pytest.mark.parametrize(
    ("model", "path"),
    [
        ("openai/gpt-4o-mini", "/v1/chat/completions"),
        ("hosted_vllm/meta-llama/Llama-3.1-8B-Instruct", "/v1/chat/completions"),
        ("ollama_chat/llama3.1", "/api/chat"),
        ("litellm_proxy/team-default", "/chat/completions"),  # a LiteLLM proxy
    ],
)
def test_each_provider_shape_scores_through_the_local_server(
    model: str, path: str, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config_file = write_config(
        tmp_path / "config.yaml", {"coach-llm": _profile(model, server)}, scorer="coach-llm"
    )
    coach = Coach(bank=bank, store=store, config=load_config(config_file))
    attempt = coach.submit("time-you-failed", STORY)
    card = attempt.card
    assert card.scorer == "coach-llm" and card.model == model
    assert card.rubric_version == RUBRIC_VERSION
    assert [card.score(d) for d in ("situation", "task", "action", "result")] == [3, 3, 3, 3]
    assert all(q in STORY for part in card.dimensions.values() for q in part.evidence)
    assert card.latency_ms > 0 and not card.notes
    seen = server.chats[0]
    assert seen.path == path
    assert seen.answer == STORY
    assert store.get_attempt(attempt.id) is not None


def test_the_request_asks_for_json_schema_at_temperature_zero(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config = load_config(
        write_config(tmp_path / "c.yaml", {"gpt": _profile("openai/gpt-4o-mini", server)})
    )
    LLMScorer(config.entry("gpt"), config, store=store).score(bank.get("time-you-failed"), STORY)
    body = server.chats[0].body or {}
    assert body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True


def test_ollama_gets_the_schema_as_its_format_field(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config = load_config(
        write_config(tmp_path / "c.yaml", {"llama": _profile("ollama_chat/llama3.1", server)})
    )
    LLMScorer(config.entry("llama"), config, store=store).score(bank.get("time-you-failed"), STORY)
    body = server.chats[0].body or {}
    assert body["format"]["required"] == [
        "dimensions",
        "overall",
        "keypoints",
        "rebuilt",
        "tips",
        "flags",
    ]
    assert body["options"]["temperature"] == 0


class Recording:
    """A completion function that notes its arguments, then calls litellm for real."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **kwargs: Any) -> Any:
        import litellm

        self.calls.append(kwargs)
        return litellm.completion(**kwargs)


@pytest.mark.parametrize(("configured", "expected"), [(None, 60.0), (12, 12.0)])
def test_a_timeout_is_always_passed(
    configured: int | None,
    expected: float,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    params = _profile("openai/gpt-4o-mini", server)
    if configured:
        params["timeout"] = configured
    config = load_config(write_config(tmp_path / "c.yaml", {"gpt": params}))
    recording = Recording()
    scorer = LLMScorer(config.entry("gpt"), config, store=store, completion=recording)
    scorer.score(bank.get("time-you-failed"), STORY)
    assert recording.calls[0]["timeout"] == expected
    assert recording.calls[0]["max_retries"] == 0  # retries are coachkit's, visible and bounded


def test_switching_provider_is_one_config_edit(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config_file = tmp_path / "config.yaml"
    models = ["openai/gpt-4o-mini", "hosted_vllm/qwen2.5", "ollama_chat/llama3.1"]
    answers = [STORY, STORY + " I still use that runbook.", STORY + " It is now team policy."]
    for model, answer in zip(models, answers, strict=True):
        write_config(config_file, {"coach": _profile(model, server)}, scorer="coach")
        card = Coach(bank=bank, store=store, config=load_config(config_file)).submit(
            "time-you-failed", answer
        )
        assert card.card.model == model
    assert [s.path for s in server.chats] == [
        "/v1/chat/completions",
        "/v1/chat/completions",
        "/api/chat",
    ]


def _completion(message: dict[str, Any]) -> dict[str, Any]:
    """An OpenAI chat completion holding ``message``, as a server sends it."""
    return {
        "id": "chatcmpl-parts",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 400, "completion_tokens": 100, "total_tokens": 500},
    }


def test_replies_of_another_shape_print_no_library_warning(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Tool-call arguments as an object, or content as a list of parts, printed pydantic's
    'Pydantic serializer warnings:' (3 lines) on the CLI's stderr or in a notebook cell."""
    sentences = STORY.split(". ")
    quotes = {d: [sentences[i].rstrip(".")] for i, d in enumerate(DIMENSIONS)}
    grade = json.loads(grade_json(4, quotes, overall=80))
    call = {"id": "c1", "type": "function", "function": {"name": "grade", "arguments": grade}}
    parts = [{"type": "text", "text": json.dumps(grade)}]
    server.script(
        Reply(body=_completion({"role": "assistant", "content": None, "tool_calls": [call]})),
        Reply(body=_completion({"role": "assistant", "content": parts})),
    )
    config = load_config(
        write_config(
            tmp_path / "c.yaml",
            {"gpt": _profile("openai/gpt-4o-mini", server)},
            fallback=None,
            llm={"max_retries": 0},
        )
    )
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        card = scorer.score(bank.get("time-you-failed"), STORY)
        assert [card.score(d) for d in DIMENSIONS] == [4, 4, 4, 4]  # read from the tool call
        # litellm refuses a list of parts itself: said as a reply of another shape.
        with pytest.raises(ProviderError, match="not an OpenAI-compatible chat reply"):
            scorer.score(bank.get("time-you-failed"), STORY + " I still use that runbook.")
        left = [f for f in warnings.filters if "serializer" in str(getattr(f[1], "pattern", ""))]
        assert not left  # ignored during the calls only: the user's own still warn
    assert not [str(w.message) for w in seen if "serializer" in str(w.message)]
    assert server.hits == 2


def test_the_serializer_filter_lasts_while_any_call_runs() -> None:
    """Calls at once (a batch) overlap: the first adds the filter, the last takes it out,
    and a filter the user had already is left alone."""
    from coachkit.llm.runtime import quiet_serializer

    def quiet() -> bool:
        return any("serializer" in str(getattr(f[1], "pattern", "")) for f in warnings.filters)

    with warnings.catch_warnings():
        first, second = quiet_serializer(), quiet_serializer()
        first.__enter__()
        second.__enter__()
        first.__exit__(None, None, None)
        assert quiet()  # the second call still runs
        second.__exit__(None, None, None)
        assert not quiet()
        warnings.filterwarnings(
            "ignore", message="Pydantic serializer warnings", category=UserWarning
        )
        with quiet_serializer():
            pass
        assert quiet()  # the user's own
