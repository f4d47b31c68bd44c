"""Scoring through a local OpenAI-compatible server, switching provider by config file only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Coach, QuestionBank, Store, load_config
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
