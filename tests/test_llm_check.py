"""`config check`: one tiny request, and a clear account of what works."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from fake_openai_server import (
    FakeLLMServer,
    Reply,
    error_reply,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Store, UnknownScorerError, load_config
from coachkit.cli import main
from coachkit.llm import check_profile, client

pytestmark = pytest.mark.usefixtures("loopback_only")


def _config_file(tmp_path: Path, server: FakeLLMServer) -> Path:
    return write_config(
        tmp_path / "c.yaml",
        {
            "gpt": {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k1"},
            "llama": {"model": "ollama_chat/llama3.1", "api_base": server.url},
            "keyless": {"model": "openai/gpt-4o-mini", "api_key": "os.environ/COACHKIT_NO_KEY"},
        },
    )


def test_a_working_profile_reports_latency_and_structured_output(
    server: FakeLLMServer, tmp_path: Path, store: Store
) -> None:
    server.script(Reply('{"ok": true}'))
    result = check_profile(load_config(_config_file(tmp_path, server)), "gpt", store=store)
    assert result.ok and result.structured is True and result.latency_ms is not None
    assert "structured output: yes" in result.line() and "openai/gpt-4o-mini" in result.line()
    body = server.chats[0].body or {}
    assert body["response_format"]["json_schema"]["name"] == "ping"
    calls = store.connection.execute("SELECT purpose, outcome FROM llm_usage").fetchall()
    assert [tuple(c) for c in calls] == [("check", "ok")]


def test_the_first_request_through_a_provider_says_its_latency_includes_set_up(
    server: FakeLLMServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """litellm's lazy set-up made a loopback server's first ping read as slow (886 ms);
    later profiles of the same provider (14 ms) are not set up again, and said nothing."""
    monkeypatch.setattr(client, "_ANSWERED", set())  # as in a fresh process
    server.script(Reply('{"ok": true}'), Reply('{"ok": true}'))
    config = load_config(_config_file(tmp_path, server))
    first, second = check_profile(config, "gpt"), check_profile(config, "gpt")
    assert "one-time set-up included" in first.message
    assert second.ok and "set-up" not in second.message
    with FakeLLMServer() as other:
        other.script(Reply('{"ok": true}'))
        elsewhere = load_config(_config_file(tmp_path / "other", other))
        assert "set-up" not in check_profile(elsewhere, "gpt").message


def test_a_reply_that_ignores_the_schema_is_reported(server: FakeLLMServer, tmp_path: Path) -> None:
    server.script(Reply('{"status": "fine"}'))
    result = check_profile(load_config(_config_file(tmp_path, server)), "llama")
    assert result.ok and result.structured is False and "not followed" in result.message


def test_a_reply_that_is_not_json_warns_that_scores_will_fail(
    server: FakeLLMServer, tmp_path: Path
) -> None:
    """It read "ok ...; structured output: requested, not followed (replies are validated
    anyway)", as for JSON of another shape, when every score would fail on such replies."""
    server.script(Reply("I think it's fine, really."))
    result = check_profile(load_config(_config_file(tmp_path, server)), "llama")
    assert result.ok and result.structured is False  # reachable: the connection works
    assert "the reply was not JSON" in result.line()
    assert "scores with this model will likely fail" in result.line()


def test_a_reply_cut_off_at_the_token_limit_says_which_setting_to_raise(
    server: FakeLLMServer, tmp_path: Path
) -> None:
    """A reasoning model with a small max_tokens answers nothing, cut off: the check said the
    reply was not JSON and to use a model that follows instructions."""
    server.script(Reply("", finish_reason="length"))
    result = check_profile(load_config(_config_file(tmp_path, server)), "gpt")
    assert result.ok and result.structured is False
    assert "the reply was cut off at the output token limit" in result.line()
    assert "raise `max_tokens` in its litellm_params" in result.line()
    assert "instruct" not in result.line()


def test_a_provider_that_refuses_the_schema_is_asked_without_it(
    server: FakeLLMServer, tmp_path: Path
) -> None:
    server.script(error_reply(400, "response_format json_schema is not supported"), Reply("{}"))
    result = check_profile(load_config(_config_file(tmp_path, server)), "gpt")
    assert result.ok and "refused by the provider" in result.message
    assert "response_format" not in (server.chats[1].body or {})


@pytest.mark.parametrize(
    "reply",
    [
        Reply(
            status=400,
            body={
                "error": {
                    "message": "This model's maximum context length is 16 tokens.",
                    "type": "invalid_request_error",
                    "code": "context_length_exceeded",
                }
            },
        ),
        Reply(status=400, body={"error": "input length exceeds maximum context length"}),
    ],
)
def test_a_ping_too_long_for_the_context_points_at_the_servers_setting(
    reply: Reply, server: FakeLLMServer, tmp_path: Path
) -> None:
    """The check said 'The answer is too long for ...'s context window. Shorten it': there
    is no answer, and a few tokens refused means the server's context is set too small."""
    server.script(reply)
    result = check_profile(load_config(_config_file(tmp_path, server)), "gpt")
    assert not result.ok and result.kind == "context_window"
    assert "refused even a tiny request as too long for the model's context" in result.message
    assert "--max-model-len" in result.message
    assert "answer" not in result.message and "Shorten" not in result.message
    assert server.hits == 1


def test_a_rate_limit_is_waited_on_as_a_score_waits(server: FakeLLMServer, tmp_path: Path) -> None:
    """The check retried at once, 4 tries in 0.2 s against 'Retry-After: 15', and then said
    it asks to wait 15 s: a short wait is now waited out, a long one said at once."""
    limited = error_reply(429, "Rate limit reached", kind="rate_limit_error")
    server.script(replace(limited, headers={"Retry-After": "1"}), Reply('{"ok": true}'))
    config = load_config(_config_file(tmp_path, server))
    result = check_profile(config, "gpt")
    assert result.ok and server.hits == 2
    assert result.latency_ms is not None and result.latency_ms >= 1000
    server.script(replace(limited, headers={"Retry-After": "120"}))
    result = check_profile(config, "gpt")
    assert not result.ok and result.kind == "rate_limit" and server.hits == 3
    assert "it asks to wait 2 min" in result.message


def test_a_missing_key_says_which_variable_to_set(
    server: FakeLLMServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COACHKIT_NO_KEY", raising=False)
    result = check_profile(load_config(_config_file(tmp_path, server)), "keyless")
    assert not result.ok and result.kind == "missing_key"
    assert "COACHKIT_NO_KEY" in result.line() and result.line().startswith("keyless: FAILED")
    assert server.hits == 0


def test_an_unset_key_is_reported_before_litellms_slow_first_import(tmp_path: Path) -> None:
    """Test connection in Settings answered after seconds of import for an unset key."""
    path = write_config(
        tmp_path / "c.yaml",
        {"keyless": {"model": "openai/gpt-4o-mini", "api_key": "os.environ/COACHKIT_NO_KEY"}},
    )
    code = (
        "import os, sys\nfrom pathlib import Path\n"
        "os.environ.pop('COACHKIT_NO_KEY', None)\n"
        "from coachkit import load_config\n"
        "from coachkit.llm import check_profile\n"
        f"result = check_profile(load_config(Path({str(path)!r})), 'keyless')\n"
        "assert result.kind == 'missing_key', result\n"
        "assert 'litellm' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_local_needs_no_check_and_unknown_names_list_the_valid_ones(
    server: FakeLLMServer, tmp_path: Path
) -> None:
    config = load_config(_config_file(tmp_path, server))
    assert check_profile(config, "local").ok
    with pytest.raises(UnknownScorerError, match="Valid scorers: local, gpt, llama, keyless"):
        check_profile(config, "gtp")


def test_an_unknown_name_to_check_is_called_a_profile_and_the_one_meant_is_named(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`config check wisper` said "Unknown scorer" and listed "valid scorers", though it
    checks the transcriber too."""
    write_config(
        coachkit_home / "config.yaml",
        {"whisper": {"model": "openai/whisper-1"}, "gpt": {"model": "openai/gpt-4o-mini"}},
        transcriber="whisper",
    )
    assert main(["config", "check", "wisper"]) == 2
    assert capsys.readouterr().err == (
        "coachkit: Unknown profile 'wisper'. Did you mean 'whisper'? Profiles to check: "
        "local, whisper, gpt. Add a model_list entry to your config to define another.\n"
    )


def test_an_unknown_name_to_check_over_a_shared_config_sends_a_learner_to_the_coach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A learner's own file may hold no model_list: "add a model_list entry" was no fix."""
    shared = write_config(tmp_path / "srv" / "config.yaml", {"gpt": {"model": "openai/x"}})
    monkeypatch.setenv("COACHKIT_CONFIG", str(shared))
    assert main(["config", "check", "gtp"]) == 2
    err = capsys.readouterr().err
    assert "Unknown profile 'gtp'. Did you mean 'gpt'?" in err
    assert "Add a model_list entry" not in err
    assert f"shared config {shared} (set by COACHKIT_CONFIG): ask whoever keeps it" in err


class _SlowClock:
    """A perf_counter that has 1234.5678 s pass between the two reads around a request."""

    def __init__(self) -> None:
        self.reads = iter((0.0, 1234.5678))

    def perf_counter(self) -> float:
        return next(self.reads)


def test_a_very_slow_answer_reads_as_people_write_its_latency(
    server: FakeLLMServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty minutes read "answered in 1.23457e+06 ms", a figure nobody writes."""
    from coachkit.llm import check

    server.script(Reply('{"ok": true}'), Reply(""))
    base = {"api_base": f"{server.url}/v1", "api_key": "k1"}
    profiles = {
        "gpt": {"model": "openai/gpt-4o-mini", **base},
        "whisper": {"model": "openai/whisper-1", **base},
    }
    config = load_config(write_config(tmp_path / "c.yaml", profiles))
    monkeypatch.setattr(check, "time", _SlowClock())
    assert "answered in 1,234,567.8 ms" in check_profile(config, "gpt").message
    monkeypatch.setattr(check, "time", _SlowClock())
    said = check_profile(config, "whisper").message
    assert "transcribed a silent test clip in 1,234,567.8 ms" in said
