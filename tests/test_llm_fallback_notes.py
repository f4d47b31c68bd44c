"""The note on a card the fallback scored says what to do now, not "try again"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_openai_server import (
    DIMENSIONS,
    STORY,
    FakeLLMServer,
    Reply,
    error_reply,
    grade_json,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import ProviderError, QuestionBank, ScoreCard, Store, load_config
from coachkit.llm import FallbackScorer, LLMScorer
from coachkit.scoring import LocalScorer

pytestmark = pytest.mark.usefixtures("loopback_only")
KEY = "sk-test-123456"
RESCORE = (
    "To see what gpt makes of this answer once it works: `coachkit rescore --scorer gpt "
    "--question time-you-failed --from local --last 1`. Scored by local instead."
)
FAKE = {d: ["The candidate demonstrated exceptional leadership."] for d in DIMENSIONS}
BAD = json.loads(grade_json(4))
BAD["dimensions"]["action"]["score"] = 9


def _scorer(
    server: FakeLLMServer,
    tmp_path: Path,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    fallback: str | None,
) -> LLMScorer:
    monkeypatch.setenv("COACHKIT_TEST_NOTES_KEY", KEY)
    params = {
        "model": "openai/gpt-4o-mini",
        "api_base": f"{server.url}/v1",
        "api_key": "os.environ/COACHKIT_TEST_NOTES_KEY",
        "max_tokens": 800,
    }
    path = write_config(
        tmp_path / "config.yaml", {"gpt": params}, fallback=fallback, llm={"max_retries": 0}
    )
    config = load_config(path)
    return LLMScorer(config.entry("gpt"), config, store=store)


def _noted(scorer: LLMScorer, bank: QuestionBank) -> str:
    card: ScoreCard = FallbackScorer(scorer, LocalScorer()).score(
        bank.get("time-you-failed"), STORY
    )
    assert card.scorer == "local" and card.stood_in is not None
    assert KEY not in card.model_dump_json()
    return card.stood_in


@pytest.mark.parametrize(
    "replies",
    [
        [Reply("not json at all")] * 2,
        [Reply(json.dumps(BAD))] * 2,
        [Reply(grade_json(5, FAKE))] * 2,
    ],
    ids=["not-json", "out-of-range", "fabricated-quotes"],
)
def test_an_invalid_reply_twice_says_how_to_see_the_profile_s_score_later(
    replies: list[Reply],
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It said "Try again, or score with another profile" on a card local had scored."""
    server.script(*replies)
    note = _noted(_scorer(server, tmp_path, store, monkeypatch, "local"), bank)
    assert "replied twice with output that is not a valid score (" in note
    assert note.endswith(f"). {RESCORE}")
    assert "Try again" not in note and "another profile" not in note


def test_a_reply_cut_off_twice_says_the_limit_to_raise_then_how_to_see_the_score(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cut = grade_json(4)[:300]
    server.script(*[Reply(cut, finish_reason="length")] * 2)
    note = _noted(_scorer(server, tmp_path, store, monkeypatch, "local"), bank)
    assert note.endswith(f"Raise `max_tokens` in its litellm_params above 1,600. {RESCORE}")


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        (error_reply(401, f"Incorrect API key provided: {KEY}"), "check COACHKIT_TEST_NOTES_KEY."),
        (error_reply(500, "boom"), "Try again in a moment."),
    ],
)
def test_a_provider_failure_says_how_to_see_the_profile_s_score_once_it_works(
    reply: Reply,
    said: str,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server.script(reply)
    note = _noted(_scorer(server, tmp_path, store, monkeypatch, "local"), bank)
    assert note.endswith(f"{said} {RESCORE}")


def test_an_answer_too_long_for_the_window_is_not_sent_to_be_rescored(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same answer would overflow the window again."""
    server.script(error_reply(400, "This model's maximum context length is 4096 tokens."))
    note = _noted(_scorer(server, tmp_path, store, monkeypatch, "local"), bank)
    assert "rescore" not in note
    assert note.endswith("LM Studio's context length). Scored by local instead.")


def test_without_a_fallback_an_invalid_reply_still_offers_another_profile(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server.script(*[Reply("not json at all")] * 2)
    with pytest.raises(ProviderError) as raised:
        _scorer(server, tmp_path, store, monkeypatch, None).score(
            bank.get("time-you-failed"), STORY
        )
    assert str(raised.value).endswith(
        "(the reply was not JSON). Try again, or score with another profile."
    )
