"""A reply cut off at the output token limit is asked again with room to end its JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    Reply,
    grade_json,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import ProviderError, QuestionBank, Store, load_config
from coachkit.llm import LLMScorer
from coachkit.llm.runtime import load_litellm

pytestmark = pytest.mark.usefixtures("loopback_only")
KEY = "sk-test-reask-0000"
CUT = grade_json(4)[:300]


def _scorer(
    server: FakeLLMServer,
    tmp_path: Path,
    store: Store,
    info: dict[str, Any] | None = None,
    **extra: Any,
) -> LLMScorer:
    params = {
        "model": "openai/gpt-4o-mini",
        "api_base": f"{server.url}/v1",
        "api_key": KEY,
        **extra,
    }
    path = write_config(tmp_path / "config.yaml", {"gpt": params}, fallback=None)
    config = load_config(path)
    entry = config.entry("gpt")
    if info:
        entry = entry.model_copy(update={"model_info": info})
    return LLMScorer(entry, config, store=store)


def _cut_then_graded(server: FakeLLMServer, seen_twice: bool = False) -> None:
    server.script(Reply(CUT, finish_reason="length", completion_tokens=180))
    if seen_twice:
        server.script(Reply(CUT, finish_reason="length", completion_tokens=360))


def _fail(scorer: LLMScorer, bank: QuestionBank) -> str:
    with pytest.raises(ProviderError) as raised:
        scorer.score(bank.get("time-you-failed"), STORY)
    assert raised.value.kind == "invalid_reply"
    return str(raised.value)


def test_the_re_ask_of_a_cut_reply_doubles_the_profile_s_max_tokens(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """It was asked again with the same 800, cut off again, and paid for twice."""
    _cut_then_graded(server)
    card = _scorer(server, tmp_path, store, max_tokens=800).score(
        bank.get("time-you-failed"), STORY
    )
    assert card.scorer == "gpt" and card.dimensions["action"].score == 3
    first, second = server.chats
    assert first.body is not None and first.body["max_tokens"] == 800
    assert second.body is not None and second.body["max_tokens"] == 1600


def test_without_a_limit_set_the_re_ask_doubles_what_the_reply_reached(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    _cut_then_graded(server)
    _scorer(server, tmp_path, store).score(bank.get("time-you-failed"), STORY)
    first, second = server.chats
    assert first.body is not None and "max_tokens" not in first.body
    assert second.body is not None and second.body["max_tokens"] == 360


def test_max_completion_tokens_is_raised_where_the_profile_uses_it(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    _cut_then_graded(server)
    scorer = _scorer(server, tmp_path, store, max_completion_tokens=700)
    scorer.score(bank.get("time-you-failed"), STORY)
    second = server.chats[1].body
    assert second is not None and second["max_completion_tokens"] == 1400
    assert "max_tokens" not in second


def test_the_raise_stops_at_the_most_the_model_writes(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    _cut_then_graded(server)
    _scorer(server, tmp_path, store, max_tokens=10_000).score(bank.get("time-you-failed"), STORY)
    second = server.chats[1].body
    most = load_litellm().model_cost["gpt-4o-mini"]["max_output_tokens"]
    assert second is not None and second["max_tokens"] == most < 20_000


def test_the_raise_stops_at_what_the_context_window_leaves(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A server started with a small window refuses a request whose reply cannot fit."""
    _cut_then_graded(server)
    scorer = _scorer(server, tmp_path, store, {"max_input_tokens": 3000}, max_tokens=1000)
    scorer.score(bank.get("time-you-failed"), STORY)
    second = server.chats[1]
    tokens = load_litellm().token_counter(model="openai/gpt-4o-mini", messages=second.messages)
    assert second.body is not None and second.body["max_tokens"] == 3000 - tokens
    assert 1000 < 3000 - tokens < 2000


def test_a_reply_that_is_not_json_is_asked_again_with_the_same_limit(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(Reply("Here is my grade: great answer"))
    _scorer(server, tmp_path, store, max_tokens=800).score(bank.get("time-you-failed"), STORY)
    assert [s.body["max_tokens"] for s in server.chats if s.body] == [800, 800]


def test_a_re_ask_cut_off_too_says_the_limit_it_reached(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    _cut_then_graded(server, seen_twice=True)
    message = _fail(_scorer(server, tmp_path, store, max_tokens=800), bank)
    assert "Raise `max_tokens` in its litellm_params above 1,600, or score with" in message
    assert server.hits == 2


def test_a_re_ask_cut_off_at_the_most_the_model_writes_does_not_say_raise_it(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    _cut_then_graded(server, seen_twice=True)
    message = _fail(_scorer(server, tmp_path, store, max_tokens=16_000), bank)
    assert "It stopped at 16,384 tokens, the most openai/gpt-4o-mini writes. Try again" in message
    assert "Raise" not in message
