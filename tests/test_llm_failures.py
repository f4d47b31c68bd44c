"""Every provider failure: a clear message, bounded retries, the fallback noted, the answer kept."""

from __future__ import annotations

import contextlib
import email.utils
import errno
import html
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    Reply,
    Sleeps,
    error_reply,
    free_port,
    grade_json,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Coach, ProviderError, QuestionBank, Store, load_config
from coachkit.config import Config
from coachkit.llm import LLMScorer
from coachkit.llm.runtime import load_litellm
from coachkit.models import DIMENSIONS

pytestmark = pytest.mark.usefixtures("loopback_only")
KEY = "sk-test-failures-0000"


def _config(tmp_path: Path, params: dict[str, Any], **top: Any) -> Config:
    top.setdefault("fallback", None)
    return load_config(write_config(tmp_path / "config.yaml", {"gpt": params}, **top))


def _openai(server: FakeLLMServer, **extra: Any) -> dict[str, Any]:
    return {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": KEY, **extra}


def _scorer(config: Config, store: Store, sleeps: Sleeps | None = None) -> LLMScorer:
    return LLMScorer(config.entry("gpt"), config, store=store, sleep=sleeps or Sleeps())


def _fail(scorer: LLMScorer, bank: QuestionBank, answer: str = STORY) -> ProviderError:
    with pytest.raises(ProviderError) as raised:
        scorer.score(bank.get("time-you-failed"), answer)
    error = raised.value
    assert error.exit_code == 3
    assert "\n" not in str(error)
    return error


# -- configuration problems: reported at once, never retried ---------------------------------
def test_a_missing_key_names_the_variable_to_set(
    tmp_path: Path, bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COACHKIT_TEST_UNSET_KEY", raising=False)
    params = {"model": "openai/gpt-4o-mini", "api_key": "os.environ/COACHKIT_TEST_UNSET_KEY"}
    error = _fail(_scorer(_config(tmp_path, params), store), bank)
    assert error.kind == "missing_key" and "export COACHKIT_TEST_UNSET_KEY=" in str(error)
    # It said "set it in a shell": in a notebook, a kernel never sees a variable
    # exported after Jupyter started (Settings, beside it, said to restart Jupyter).
    assert "in your shell before running coachkit or starting Jupyter" in str(error)


def test_a_missing_key_under_a_shared_config_points_at_whoever_runs_it(
    tmp_path: Path, bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a cohort's hub the key is the coach's: a job seeker was told to paste one."""
    monkeypatch.delenv("COACHKIT_TEST_UNSET_KEY", raising=False)
    params = {"model": "openai/gpt-4o-mini", "api_key": "os.environ/COACHKIT_TEST_UNSET_KEY"}
    config = _config(tmp_path, params)
    monkeypatch.setenv("COACHKIT_CONFIG", str(tmp_path / "shared.yaml"))
    error = _fail(_scorer(config, store), bank)
    assert "(set by COACHKIT_CONFIG): ask whoever keeps it (your coach)" in str(error)
    assert "COACHKIT_TEST_UNSET_KEY" in str(error)


def test_a_missing_key_in_a_voila_page_is_not_told_to_run_a_cell(
    tmp_path: Path, bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Voila page has no cell, and its kernel reads the environment Voila started with:
    the settings page said to restart Voila while the failure beside it said to run a cell."""
    monkeypatch.delenv("COACHKIT_TEST_UNSET_KEY", raising=False)
    monkeypatch.delenv("COACHKIT_CONFIG", raising=False)
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    params = {"model": "openai/gpt-4o-mini", "api_key": "os.environ/COACHKIT_TEST_UNSET_KEY"}
    message = str(_fail(_scorer(_config(tmp_path, params), store), bank))
    assert "cell" not in message and "getpass" not in message
    assert "export COACHKIT_TEST_UNSET_KEY=... in the shell that starts Voila" in message
    assert "restart Voila" in message


def test_a_missing_provider_key_names_the_providers_variable(
    tmp_path: Path, bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    error = _fail(_scorer(_config(tmp_path, {"model": "openai/gpt-4o-mini"}), store), bank)
    assert error.kind == "missing_key" and "OPENAI_API_KEY" in str(error)


def test_an_authentication_error_says_which_key_to_check(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(error_reply(401, "Incorrect API key provided.", kind="invalid_api_key"))
    params = {**_openai(server), "api_key": "os.environ/COACHKIT_TEST_KEY"}
    sleeps = Sleeps()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COACHKIT_TEST_KEY", KEY)
        error = _fail(_scorer(_config(tmp_path, params), store, sleeps), bank)
    assert error.kind == "auth" and "check COACHKIT_TEST_KEY" in str(error)
    assert server.hits == 1 and sleeps.delays == []


def test_access_denied_is_not_said_as_a_wrong_key(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A 403 is a key the provider read and refused this model: 'rejected the API key'
    sent the user to check a key that works."""
    server.script(error_reply(403, "Project `proj_1` does not have access to model `gpt-4o`"))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert error.kind == "auth" and "rejected the API key" not in str(error)
    assert "the provider denied this API key access (Project `proj_1` does not have" in str(error)
    assert "check the api_key in its litellm_params, and that its account may use this model." in (
        str(error)
    )
    assert server.hits == 1


@pytest.mark.parametrize(
    ("reply", "model"),
    [
        (
            Reply(
                status=429,
                body={
                    "error": {
                        "message": "You exceeded your current quota, please check your plan "
                        "and billing details.",
                        "type": "insufficient_quota",
                        "code": "insufficient_quota",
                    }
                },
            ),
            "openai/gpt-4o-mini",
        ),
        (error_reply(402, "Insufficient credits. Add more credits"), "openai/gpt-4o-mini"),
        (error_reply(402, "Insufficient Balance"), "hosted_vllm/deepseek-chat"),
        (
            Reply(
                status=400,
                body={
                    "type": "error",
                    "error": {
                        "type": "invalid_request_error",
                        "message": "Your credit balance is too low to access the Anthropic API.",
                    },
                },
            ),
            "anthropic/claude-3-5-haiku-latest",
        ),
    ],
)
def test_an_account_out_of_credit_says_so_and_is_not_retried(
    reply: Reply,
    model: str,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    """OpenAI's insufficient_quota is a 429: it was retried and said as a rate limit ('wait a
    minute, then try again'), and a 402 as '... failed (APIError: ...)'. No wait helps."""
    server.script(*[reply] * 3)
    sleeps = Sleeps()
    base = server.url if model.startswith("anthropic") else f"{server.url}/v1"
    params = {"model": model, "api_base": base, "api_key": KEY}
    error = _fail(_scorer(_config(tmp_path, params), store, sleeps), bank)
    assert error.kind == "quota" and not error.retryable
    assert "the provider says the account has no credit or quota left (" in str(error)
    assert "Add credit or raise the quota with the provider, then try again" in str(error)
    assert "wait a minute" not in str(error) and "APIError" not in str(error)
    assert sleeps.delays == [] and len(server.requests) == 1
    calls = _scorer(_config(tmp_path, params), store).usage.calls()
    assert [(c.outcome, c.cost_usd) for c in calls] == [("quota", None)]
    assert _scorer(_config(tmp_path, params), store).usage.spend_since(0).total == 0


def test_an_unknown_model_points_at_the_model_setting(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(error_reply(404, "The model `gpt-9` does not exist", kind="model_not_found"))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert error.kind == "unknown_model" and "Check `model`" in str(error)
    assert server.hits == 1


def test_an_unknown_provider_prefix_is_a_clear_bad_request(
    tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    params = {"model": "nosuchprovider/model-x", "api_key": KEY}
    error = _fail(_scorer(_config(tmp_path, params), store), bank)
    assert error.kind == "bad_request" and "litellm_params" in str(error)


# -- transient failures: retried with backoff, then reported ----------------------------------
def test_rate_limits_and_server_errors_are_retried_then_succeed(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(
        Reply(status=429, body={"error": {"message": "Rate limit"}}, headers={"Retry-After": "7"}),
        error_reply(503, "overloaded"),
    )
    sleeps = Sleeps()
    card = _scorer(_config(tmp_path, _openai(server)), store, sleeps).score(
        bank.get("time-you-failed"), STORY
    )
    assert card.scorer == "gpt" and server.hits == 3
    assert len(sleeps.delays) == 2
    assert sleeps.delays[0] >= 7  # Retry-After is honoured


def test_a_long_retry_after_is_reported_at_once_with_the_wait_it_asks(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Waiting 100 s in silence, then saying "wait a minute", helps nobody."""
    server.script(
        Reply(status=429, body={"error": {"message": "Rate limit"}}, headers={"Retry-After": "100"})
    )
    sleeps = Sleeps()
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store, sleeps), bank)
    assert error.kind == "rate_limit" and "it asks to wait 100 s" in str(error)
    assert server.hits == 1 and sleeps.delays == []


@pytest.mark.parametrize(
    ("headers", "said"),
    [
        ({"retry-after-ms": "40000"}, "it asks to wait 40 s"),  # Azure OpenAI's header
        ({"Retry-After": "99999999999999999999"}, "it asks to wait more than a day"),
        ({"Retry-After": "7200"}, "it asks to wait 2 h"),
    ],
)
def test_a_long_wait_in_any_header_is_reported_at_once_in_plain_words(
    headers: dict[str, str],
    said: str,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    server.script(Reply(status=429, body={"error": {"message": "Rate limit"}}, headers=headers))
    sleeps = Sleeps()
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store, sleeps), bank)
    assert error.kind == "rate_limit" and said in str(error)
    assert server.hits == 1 and sleeps.delays == []


def test_a_short_retry_after_ms_is_waited_on(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    limited = Reply(status=429, body={"error": {"message": "Rate limit"}})
    limited.headers = {"retry-after-ms": "7000"}
    server.script(limited)
    sleeps = Sleeps()
    _scorer(_config(tmp_path, _openai(server)), store, sleeps).score(
        bank.get("time-you-failed"), STORY
    )
    assert server.hits == 2 and sleeps.delays[0] >= 7


@pytest.mark.parametrize(("ahead", "said"), [(7200, "it asks to wait 2 h"), (8, None)])
def test_a_retry_after_given_as_an_http_date_is_the_wait_it_asks(
    ahead: int,
    said: str | None,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    """RFC 9110 lets Retry-After be a date: it was read as no ask at all, so a score asked
    to wait two hours was retried at once and then told to wait a minute."""
    load_litellm()  # first in a process, its import takes seconds off the wait asked
    when = email.utils.formatdate(time.time() + ahead, usegmt=True)
    limited = Reply(status=429, body={"error": {"message": "Rate limit"}})
    limited.headers = {"Retry-After": when}
    server.script(limited)
    sleeps = Sleeps()
    scorer = _scorer(_config(tmp_path, _openai(server)), store, sleeps)
    if said is not None:
        error = _fail(scorer, bank)
        assert error.kind == "rate_limit" and said in str(error)
        assert server.hits == 1 and sleeps.delays == []
    else:  # a short wait is waited on (the date is whole seconds: 7 to 8 s from now)
        assert scorer.score(bank.get("time-you-failed"), STORY).scorer == "gpt"
        assert server.hits == 2 and 6 <= sleeps.delays[0] <= 8


@pytest.mark.parametrize("junk", ["nan", "-5", "-inf"])
def test_a_junk_retry_after_is_ignored_for_the_usual_backoff(
    junk: str, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    limited = Reply(
        status=429, body={"error": {"message": "Rate limit"}}, headers={"Retry-After": junk}
    )
    server.script(*[limited] * 3)
    sleeps = Sleeps()
    config = _config(tmp_path, _openai(server), llm={"max_retries": 2})
    error = _fail(_scorer(config, store, sleeps), bank)
    assert server.hits == 3 and len(sleeps.delays) == 2
    assert all(0 < delay <= 20 for delay in sleeps.delays)
    assert "wait a minute" in str(error) and junk not in str(error)


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (error_reply(500, "boom"), "server"),
        (error_reply(502, "bad gateway"), "server"),
        (error_reply(503, "overloaded"), "server"),
        (Reply(status=429, body={"error": {"message": "slow down"}}), "rate_limit"),
    ],
)
def test_retries_are_bounded(
    reply: Reply, kind: str, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(*[reply] * 5)
    sleeps = Sleeps()
    config = _config(tmp_path, _openai(server), llm={"max_retries": 2})
    error = _fail(_scorer(config, store, sleeps), bank)
    assert error.kind == kind and error.retryable
    assert server.hits == 3 and len(sleeps.delays) == 2
    assert sleeps.delays[0] < sleeps.delays[1] * 2  # exponential, jittered
    assert "(tried 3 times)" in str(error)  # "try again" would read as if nobody had


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (  # OpenAI: one request over the tokens-per-minute limit is a 429
            429,
            "Request too large for gpt-4o-mini in organization org-1 on tokens per min "
            "(TPM): Limit 30000, Requested 50000.",
        ),
        (  # Groq says it with a 413, which litellm makes a rate limit for its words
            413,
            "Request too large for model `llama3-70b-8192` on tokens per minute (TPM): "
            "Limit 6000, Requested 7500, please reduce your message size and try again.",
        ),
    ],
)
def test_a_request_over_the_per_minute_limit_alone_is_too_large_not_rate_limited(
    status: int,
    message: str,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    """No wait lets it through: it was retried and said 'wait a minute, then try again'."""
    server.script(*[error_reply(status, message, kind="tokens")] * 3)
    sleeps = Sleeps()
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store, sleeps), bank)
    assert error.kind == "too_large" and not error.retryable
    assert "refused the request as too large (Request too large for" in str(error)
    assert "Send less" in str(error) and "wait a minute" not in str(error)
    assert server.hits == 1 and sleeps.delays == []


@pytest.mark.parametrize(
    ("where", "setting"),
    [("profile", "raise `timeout` in its litellm_params,"), ("llm", "raise llm.timeout in your")],
)
def test_a_timeout_is_reported_with_the_setting_to_change(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    where: str,
    setting: str,
) -> None:
    server.script(Reply(grade_json(3), latency=30), Reply(grade_json(3), latency=30))
    sleeps = Sleeps()
    if where == "profile":
        config = _config(tmp_path, _openai(server, timeout=0.3), llm={"max_retries": 1})
    else:  # the timeout in force is llm.timeout, and that is the one to raise
        config = _config(tmp_path, _openai(server), llm={"max_retries": 1, "timeout": 0.3})
    error = _fail(_scorer(config, store, sleeps), bank)
    assert error.kind == "timeout" and setting in str(error)
    # The user waited through every try: the message says so, not just one timeout.
    assert "did not answer within 0.3 s, 2 times in a row." in str(error)
    assert server.hits_by(2) == 2 and len(sleeps.delays) == 1


@pytest.mark.parametrize(
    "model", ["openai/gpt-4o-mini", "hosted_vllm/qwen2.5", "ollama_chat/llama3.1"]
)
def test_a_server_that_keeps_sending_a_little_still_times_out(
    model: str, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A space every 0.1 s for 8 s, then the grade: each read was quick, so the timeout
    (0.3 s) never fired, and the score waited 8 s and was logged 'ok'."""
    server.script(Reply(grade_json(4), trickle=8))
    base = server.url + ("" if model.startswith("ollama") else "/v1")
    params = {"model": model, "api_base": base, "api_key": KEY, "timeout": 0.3}
    scorer = _scorer(_config(tmp_path, params, llm={"max_retries": 0}), store)
    error = _fail(scorer, bank)
    assert error.kind == "timeout" and error.retryable
    assert f"Profile 'gpt' ({model}) did not answer within 0.3 s. Try again" in str(error)
    assert [c.outcome for c in scorer.usage.calls()] == ["timeout"]
    assert server.hits_by(1) == 1


@pytest.mark.parametrize("model", ["openai/gpt-4o-mini", "ollama_chat/llama3.1"])
def test_connection_refused_asks_whether_the_server_runs(
    model: str, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    base = f"http://127.0.0.1:{free_port()}" + ("/v1" if model.startswith("openai") else "")
    sleeps = Sleeps()
    params = {"model": model, "api_base": base, "api_key": KEY}
    error = _fail(_scorer(_config(tmp_path, params), store, sleeps), bank)
    assert error.kind == "connection" and base in str(error) and "running" in str(error)
    # Said alike on every path: the OpenAI SDK's own words were "(Connection error)".
    refused = f"[Errno {errno.ECONNREFUSED}] {os.strerror(errno.ECONNREFUSED)}"
    assert f"cannot reach {base} ({refused}) (tried 3 times)." in str(error)
    assert len(sleeps.delays) == 2
    # With no fallback (_config sets none), the way on is said, as a timeout says it.
    assert str(error).endswith("is `api_base` right? Or score with the local scorer.")


@pytest.mark.parametrize(
    "model", ["anthropic/claude-3-5-haiku-latest", "hosted_vllm/qwen2.5", "openai/gpt-4o-mini"]
)
def test_a_server_name_that_does_not_resolve_is_an_unreachable_server(
    model: str, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A typo in api_base's host, or no network: anthropic/ and hosted_vllm/ said 'the
    provider had a server error (... Name or service not known). Try again in a moment.'"""
    base = "http://llm.example.invalid:8000"
    params = {"model": model, "api_base": base, "api_key": KEY}
    error = _fail(_scorer(_config(tmp_path, params, llm={"max_retries": 0}), store), bank)
    assert error.kind == "connection" and f"cannot reach {base} (" in str(error)
    assert "server error" not in str(error) and "is `api_base` right?" in str(error)


def test_a_connection_that_times_out_is_an_unreachable_server_not_a_billed_call(
    tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A server whose accept queue is full never takes the connection: litellm says
    timeout, and it was counted as a call cut short (estimated), though nothing was sent."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    waiting = []  # connections that fill the queue, so the next one waits to be taken
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(listener.getsockname())
        waiting.append(filler)
    base = f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    params = {"model": "openai/gpt-4o-mini", "api_base": base, "api_key": KEY, "timeout": 0.5}
    try:
        config = _config(tmp_path, params, llm={"max_retries": 0})
        scorer = _scorer(config, store)
        error = _fail(scorer, bank)
    finally:
        for held in [*waiting, listener]:
            held.close()
    assert error.kind == "connection"
    assert f"cannot reach {base} (no connection within 0.5 s). Is the server" in str(error)
    assert [c.outcome for c in scorer.usage.calls()] == ["connection"]
    assert scorer.usage.spend_since(0).estimated_calls == 0


@pytest.mark.parametrize(
    ("drop", "said"),
    [
        ("close", "Server disconnected without sending a response"),
        ("reset", f"[Errno {errno.ECONNRESET}] {os.strerror(errno.ECONNRESET)}"),
    ],
)
@pytest.mark.parametrize(
    "model", ["openai/gpt-4o-mini", "hosted_vllm/qwen2.5", "ollama_chat/llama3.1"]
)
def test_a_connection_dropped_after_the_request_was_sent_says_the_call_may_be_billed(
    model: str,
    drop: Literal["close", "reset"],
    said: str,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    """The server got the request and ended the connection before answering: it was said
    and logged as an unreachable server ('connection', $0), though the provider may have
    done the work. A refused connection stays 'connection' (above)."""
    server.responder = lambda seen: Reply(drop=drop)
    base = server.url + ("" if model.startswith("ollama") else "/v1")
    sleeps = Sleeps()
    params = {"model": model, "api_base": base, "api_key": KEY}
    scorer = _scorer(_config(tmp_path, params), store, sleeps)
    error = _fail(scorer, bank)
    assert error.kind == "dropped" and error.retryable
    assert str(error) == (
        f"Profile 'gpt' ({model}): {base} got the request but the connection ended before its "
        f"answer ({said}) (tried 3 times); it may still bill the call. Try again in a moment."
    )
    assert server.hits == 3 and len(sleeps.delays) == 2
    assert [c.outcome for c in scorer.usage.calls()] == ["dropped"] * 3


def test_a_dropped_call_counts_towards_the_day_and_a_refused_one_does_not(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A dropped connection counted $0, though the provider may have done the work: it
    counts what the model's last call cost, as a call cut short does. A server that
    refused the connection never got the request: still nothing."""
    question = bank.get("time-you-failed")
    config = _config(tmp_path, _openai(server), llm={"max_retries": 0})
    scorer = _scorer(config, store)
    cost = scorer.score(question, STORY).cost_usd
    server.script(Reply(drop="close"))
    assert _fail(scorer, bank, STORY + " Again.").kind == "dropped"
    refused = {**_openai(server), "api_base": f"http://127.0.0.1:{free_port()}/v1"}
    config = _config(tmp_path, refused, llm={"max_retries": 0})
    assert _fail(_scorer(config, store), bank, STORY + " Once more.").kind == "connection"
    assert [c.outcome for c in scorer.usage.calls()] == ["ok", "dropped", "connection"]
    spend = scorer.usage.spend_since(0)
    assert (spend.known, spend.estimated, spend.estimated_calls) == pytest.approx((cost, cost, 1))


@pytest.mark.parametrize(
    "model", ["openai/gpt-4o-mini", "hosted_vllm/qwen2.5", "ollama_chat/llama3.1"]
)
def test_a_body_that_is_not_a_chat_completion_is_malformed(
    model: str, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(*[Reply(body=b"<html><h1>502 from the corporate proxy</h1></html>")] * 3)
    base = server.url if model.startswith("ollama") else f"{server.url}/v1"
    params = {"model": model, "api_base": base, "api_key": KEY}
    error = _fail(_scorer(_config(tmp_path, params), store), bank)
    assert error.kind == "malformed" and "api_base" in str(error)
    # litellm's parser internals are not shown to the user
    assert "APIResponse" not in str(error) and "Expecting value" not in str(error)


def test_a_reply_whose_content_is_not_text_is_malformed_without_a_traceback(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """litellm's message for this runs into a traceback: only its first words are shown."""
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": 5}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
    server.script(Reply(body=json.dumps(body).encode()))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert error.kind == "malformed" and "Traceback" not in str(error)
    assert "not an OpenAI-compatible chat reply" in str(error)


@contextlib.contextmanager
def _moved(status: int, to: str) -> Iterator[str]:
    """A server that answers every request with ``status`` and Location ``to`` plus the
    path asked for, as one that moved; yields its address."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _redirect(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(status)
            self.send_header("Location", to + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = _redirect

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("model", "status"),
    [("openai/gpt-4o-mini", 302), ("hosted_vllm/qwen2.5", 301), ("ollama_chat/llama3.1", 302)],
)
def test_a_server_that_redirects_says_where_to(
    model: str, status: int, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A 302 to another port made the POST a GET there, and the failure read 'answered with
    something that is not an OpenAI-compatible chat reply', with no word of the redirect."""
    ollama = model.startswith("ollama")
    with _moved(status, f"{server.url}") as old:
        base = old if ollama else f"{old}/v1"
        scorer = _scorer(
            _config(tmp_path, {"model": model, "api_base": base, "api_key": KEY}), store
        )
        error = _fail(scorer, bank)
    final = server.url if ollama else f"{server.url}/v1"
    path = "/api/chat" if ollama else "/chat/completions"
    assert error.kind == "redirect" and not error.retryable
    assert str(error).endswith(
        f"the server at {base} redirected to {final}{path}: set `api_base` to the final "
        f"address ({final})."
    )
    assert server.hits == 0  # the model never got the prompt: a GET, or nothing
    rows = store.connection.execute("SELECT outcome, cost_usd FROM llm_usage").fetchall()
    assert [tuple(row) for row in rows] == [("redirect", None)]  # not a call that may bill


def test_a_redirect_is_said_without_the_key_it_may_carry(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    with _moved(302, f"http://user:{KEY}@127.0.0.1:{server.port}") as old:
        config = _config(tmp_path, {**_openai(server), "api_base": f"{old}/v1"})
        message = str(_fail(_scorer(config, store), bank))
    assert KEY not in message and "user" not in message
    assert f"redirected to http://127.0.0.1:{server.port}/v1/chat/completions" in message


# -- replies that are not valid scores: one re-ask, then a clear failure ----------------------
def test_an_invalid_reply_is_reasked_once_with_the_problem(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(Reply("Sure! The candidate did great, 5/5."))
    card = _scorer(_config(tmp_path, _openai(server)), store).score(
        bank.get("time-you-failed"), STORY
    )
    first, second = server.chats
    assert len(first.messages) == 2 and len(second.messages) == 4
    assert second.messages[2] == {
        "role": "assistant",
        "content": "Sure! The candidate did great, 5/5.",
    }
    assert "not JSON" in second.messages[3]["content"]
    assert "asked once more" in card.notes[0]


def test_out_of_range_scores_are_reasked_never_clamped(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(Reply(grade_json(9, overall=180)), Reply(grade_json(9, overall=180)))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert error.kind == "invalid_reply" and "less than or equal to 5" in str(error)
    assert "less than or equal to 5" in server.chats[1].messages[3]["content"]
    assert server.hits == 2


def test_evidence_the_answer_never_said_is_reasked_then_falls_back(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A model quoting sentences the answer never said made a strong answer 1/5 "vague"
    on every bar, saved and charted. Such a reply is asked again, then fails over."""
    invented = {d: ["I single-handedly saved the company $10M."] for d in DIMENSIONS}
    server.script(Reply(grade_json(4, invented)), Reply(grade_json(4, invented)))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert error.kind == "invalid_reply" and server.hits == 2
    assert "not in the answer" in server.chats[1].messages[3]["content"]

    server.script(Reply(grade_json(4, invented)), Reply(grade_json(4, invented)))
    config = _config(tmp_path, _openai(server), scorer="gpt", fallback="local")
    attempt = Coach(bank=bank, store=store, config=config).submit("time-you-failed", STORY)
    assert attempt.card.scorer == "local" and attempt.card.stood_in


def test_quotes_of_one_word_are_said_as_such_not_only_as_quotes_the_answer_never_said(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """'Checkout' is in the answer: 'not in the answer' alone told the model and the user
    something untrue of it."""
    single = {d: ["Checkout"] for d in DIMENSIONS}
    server.script(Reply(grade_json(4, single)), Reply(grade_json(4, single)))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert "(most of its evidence quotes are not in the answer, or are single words)" in str(error)
    assert "at least two words long" in server.chats[1].messages[3]["content"]


def test_an_overall_that_contradicts_the_scores_is_reasked_then_falls_back(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    quotes = {d: [STORY.split(". ")[0]] for d in DIMENSIONS}
    slip = Reply(grade_json(5, quotes, overall=3))
    server.script(slip, Reply(grade_json(5, quotes, overall=88)))
    card = _scorer(_config(tmp_path, _openai(server)), store).score(
        bank.get("time-you-failed"), STORY
    )
    assert card.overall == 88 and "far below" in server.chats[1].messages[3]["content"]

    server.script(slip, slip)
    config = _config(tmp_path, _openai(server), scorer="gpt", fallback="local")
    coach = Coach(bank=bank, store=store, config=config)
    attempt = coach.submit("time-you-failed", f"{STORY} It held.")  # not the cached answer
    assert (
        attempt.card.scorer == "local" and "contradicted its own scores" in attempt.card.notes[-1]
    )


def test_a_second_reply_with_real_quotes_is_used(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    invented = {d: ["I single-handedly saved the company $10M."] for d in DIMENSIONS}
    real = {d: [STORY.split(". ")[0]] for d in DIMENSIONS}
    server.script(Reply(grade_json(4, invented)), Reply(grade_json(4, real)))
    card = _scorer(_config(tmp_path, _openai(server)), store).score(
        bank.get("time-you-failed"), STORY
    )
    assert all(card.score(d) == 4 for d in DIMENSIONS) and "asked once more" in card.notes[0]


def test_dimension_names_in_another_case_are_read_without_a_reask(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    quotes = {d: [STORY.split(". ")[0]] for d in DIMENSIONS}
    reply = json.loads(grade_json(4, quotes, rebuilt=[{"text": "x y", "dimension": "result"}]))
    reply["dimensions"] = {name.title(): part for name, part in reply["dimensions"].items()}
    reply["rebuilt"][0]["dimension"] = "RESULT"
    server.script(Reply(json.dumps(reply)))
    card = _scorer(_config(tmp_path, _openai(server)), store).score(
        bank.get("time-you-failed"), STORY
    )
    assert server.hits == 1 and not card.notes
    assert card.dimensions["situation"].score == 4
    assert [line.dimension for line in card.rebuilt if line.source != "placeholder"] == ["result"]


def test_a_dimension_that_is_not_star_is_still_reasked(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    reply = json.loads(grade_json(4))
    reply["dimensions"]["Context"] = reply["dimensions"].pop("situation")
    server.script(Reply(json.dumps(reply)), Reply(json.dumps(reply)))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert error.kind == "invalid_reply" and "context" in str(error)
    assert server.hits == 2


def test_an_empty_reply_is_invalid(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(Reply(""), Reply(""))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert error.kind == "invalid_reply" and "(the reply was empty)" in str(error)
    assert "send the JSON object" in server.chats[1].messages[3]["content"]  # the model's
    assert "send the JSON object" not in str(error)  # not the user's to do


@pytest.mark.parametrize(
    "model", ["openai/gpt-4o-mini", "hosted_vllm/qwen2.5", "ollama_chat/llama3.1"]
)
def test_a_reply_cut_off_at_the_token_limit_says_so_and_which_setting_to_raise(
    model: str, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """It said 'the reply was not JSON. Try again': the same limit cuts it off again."""
    cut = grade_json(4)[:300]
    server.script(*[Reply(cut, finish_reason="length")] * 2)
    base = server.url if model.startswith("ollama") else f"{server.url}/v1"
    params = {"model": model, "api_base": base, "api_key": KEY}
    scorer = _scorer(_config(tmp_path, params), store)
    error = _fail(scorer, bank)
    assert error.kind == "invalid_reply" and "not JSON" not in str(error)
    assert "(its reply was cut off at the output token limit (max_tokens))." in str(error)
    assert "Raise `max_tokens` in its litellm_params above 360, or score with" in str(error)
    # The model is told too, so a re-ask that keeps it short can end its JSON.
    assert "cut off at the output token limit" in server.chats[1].messages[3]["content"]
    assert [c.outcome for c in scorer.usage.calls()] == ["invalid_reply", "invalid_reply"]


@pytest.mark.parametrize(
    ("message", "finish", "said"),
    [
        (
            {"role": "assistant", "content": None, "refusal": "I can't help with that."},
            "stop",
            '(it refused to score the answer: "I can\'t help with that.").',
        ),
        (
            {"role": "assistant", "content": None},
            "content_filter",
            "(the provider's content filter stopped its reply).",
        ),
    ],
)
def test_a_refusal_or_a_filtered_reply_is_said_as_what_it_was(
    message: dict[str, Any],
    finish: str,
    said: str,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    """Both were 'the reply was empty'."""
    choice = {"index": 0, "message": message, "finish_reason": finish}
    server.script(*[Reply(body={"object": "chat.completion", "choices": [choice]})] * 2)
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert error.kind == "invalid_reply" and said in str(error)
    assert "empty" not in str(error) and "Try again, or score with another profile." in str(error)


def test_a_reply_that_is_not_json_twice_reads_without_doubled_stops(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(Reply("not json"), Reply("still not json"))
    error = _fail(_scorer(_config(tmp_path, _openai(server)), store), bank)
    assert "(the reply was not JSON)" in str(error) and ".)." not in str(error)
    assert "Expecting value" not in str(error)  # the parser's words are for the model
    assert "Expecting value at character 0" in server.chats[1].messages[3]["content"]


# -- too long: checked before anything is sent ------------------------------------------------
def test_an_answer_over_the_limit_is_refused_before_sending(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config = _config(tmp_path, _openai(server), llm={"max_answer_chars": 500})
    error = _fail(_scorer(config, store), bank, STORY * 3)
    assert error.kind == "too_long" and "llm.max_answer_chars" in str(error)
    assert server.hits == 0


def test_the_models_context_window_is_checked_before_sending(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    params = {**_openai(server), "model": "openai/gpt-4"}  # an 8k window in litellm's table
    config = _config(tmp_path, params, llm={"max_answer_chars": 200_000})
    error = _fail(_scorer(config, store), bank, STORY * 120)
    assert error.kind == "context_window" and "8,192" in str(error)
    assert server.hits == 0


def test_a_profiles_model_info_gives_the_context_window_of_a_model_litellm_does_not_know(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """litellm's model_list takes model_info (its proxy config's): it was refused as a
    setting coachkit does not know; its max_input_tokens now sets the window."""
    params = {**_openai(server), "model": "hosted_vllm/our-model"}
    path = write_config(tmp_path / "config.yaml", {"gpt": params}, fallback=None)
    text = path.read_text(encoding="utf-8").replace(
        "  litellm_params:", "  model_info: {max_input_tokens: 2000, id: ours}\n  litellm_params:"
    )
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert config.entry("gpt").model_info["id"] == "ours"
    config = config.model_copy(
        update={"llm": config.llm.model_copy(update={"max_answer_chars": 200_000})}
    )
    error = _fail(_scorer(config, store), bank, STORY * 40)
    assert error.kind == "context_window" and "2,000" in str(error)
    assert server.hits == 0


def test_a_window_too_small_for_the_rubric_itself_is_not_blamed_on_the_answer(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A server started with a small window (max_input_tokens 300) told a four-sentence
    answer to "Shorten the answer", though the rubric alone takes ~1,500 tokens."""
    params = {**_openai(server), "model": "hosted_vllm/our-model"}
    path = write_config(tmp_path / "config.yaml", {"gpt": params}, fallback=None)
    text = path.read_text(encoding="utf-8")
    for window, answer, said in (
        (300, STORY, "No answer fits hosted_vllm/our-model's context window: the rubric"),
        (4000, STORY * 40, "Shorten the answer"),
    ):
        path.write_text(
            text.replace(
                "  litellm_params:",
                f"  model_info: {{max_input_tokens: {window}}}\n  litellm_params:",
            ),
            encoding="utf-8",
        )
        config = load_config(path)
        config = config.model_copy(
            update={"llm": config.llm.model_copy(update={"max_answer_chars": 200_000})}
        )
        error = _fail(_scorer(config, store), bank, answer)
        assert error.kind == "context_window" and said in str(error), str(error)
        assert f"{window:,}" in str(error)
        # A server of one's own: its context length is what to raise.
        assert ("--max-model-len" in str(error)) == (window == 300)
    assert server.hits == 0


@pytest.mark.parametrize("limit", ["max_tokens", "max_completion_tokens"])
def test_the_room_kept_for_the_reply_is_the_profiles_output_limit(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store, limit: str
) -> None:
    """A profile limiting its reply with OpenAI's newer `max_completion_tokens` had the
    window checked with 1,500 tokens kept for the reply, not its 5,000: the request was
    sent, and the server refused it, paid for the attempt, as over its window."""
    params = {**_openai(server), "model": "hosted_vllm/our-model", limit: 5000}
    path = write_config(tmp_path / "config.yaml", {"gpt": params}, fallback=None)
    text = path.read_text(encoding="utf-8").replace(
        "  litellm_params:", "  model_info: {max_input_tokens: 6000}\n  litellm_params:"
    )
    path.write_text(text, encoding="utf-8")
    error = _fail(_scorer(load_config(path), store), bank)
    assert error.kind == "context_window" and "plus 5,000 for the reply" in str(error), error
    assert server.hits == 0


def test_a_context_window_error_from_the_server_is_mapped(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(
        error_reply(
            400,
            "This model's maximum context length is 4096 tokens. However, your messages "
            "resulted in 5000 tokens.",
        )
    )
    params = {**_openai(server), "model": "openai/my-small-model"}
    error = _fail(_scorer(_config(tmp_path, params), store), bank)
    assert error.kind == "context_window" and "Shorten it" in str(error)


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (  # LM Studio
            400,
            {
                "error": "Trying to keep the first 5215 tokens when context the overflows. "
                "However, the model is loaded with context length of only 4096 tokens."
            },
        ),
        (400, {"error": "input length exceeds maximum context length"}),  # Ollama
        (500, {"error": {"message": "the request exceeds the available context size"}}),
    ],
)
def test_a_context_overflow_in_a_local_servers_own_words_is_mapped(
    status: int,
    body: dict[str, object],
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    server.script(*[Reply(status=status, body=body)] * 3)
    params = {**_openai(server), "model": "openai/qwen2.5-7b-instruct"}
    error = _fail(_scorer(_config(tmp_path, params), store), bank)
    assert error.kind == "context_window" and "Shorten it" in str(error)
    # The prompt alone fills much of a small window: the server's setting is said too.
    assert f"raise the context length the server at {server.url}/v1 runs it with" in str(error)
    assert "--max-model-len" in str(error) and "LM Studio's context length" in str(error)
    assert server.hits == 1  # the same request would overflow again: not retried


@pytest.mark.parametrize(
    ("mock", "kind", "calls"),
    [
        ("litellm.RateLimitError", "rate_limit", 3),
        ("litellm.InternalServerError", "server", 3),
        ("litellm.ContextWindowExceededError", "context_window", 1),
    ],
)
def test_mocked_failures_from_the_config_alone(
    mock: str, kind: str, calls: int, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    params = {"model": "openai/gpt-4o-mini", "api_key": KEY, "mock_response": mock}
    sleeps = Sleeps()
    scorer = _scorer(_config(tmp_path, params), store, sleeps)
    error = _fail(scorer, bank)
    assert error.kind == kind and len(sleeps.delays) == calls - 1
    assert len(scorer.usage.calls()) == calls


# -- the fallback, and the answer kept ------------------------------------------------------
def test_the_fallback_scores_and_says_why_on_the_card(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(error_reply(401, "bad key"))
    config = _config(tmp_path, _openai(server), scorer="gpt", fallback="local")
    attempt = Coach(bank=bank, store=store, config=config).submit("time-you-failed", STORY)
    card = attempt.card
    assert card.scorer == "local" and card.model is None
    assert card.notes[-1].startswith("gpt could not score: Profile 'gpt' (openai/gpt-4o-mini)")
    assert card.notes[-1].endswith(". Scored by local instead.")
    assert card.stood_in == card.notes[-1]
    assert "(auth:" not in card.notes[-1]  # the user reads words, not error kinds
    assert store.get_attempt(attempt.id) is not None


@pytest.mark.parametrize(
    ("failure", "why"),
    [
        ("hour", "the next LLM score comes at "),
        ("day", "resets at "),
        ("timeout", "did not answer within 0.3 s. Try again, or raise `timeout`"),
        ("missing_key", "needs the environment variable COACHKIT_TEST_UNSET_KEY"),
        ("auth", "the provider rejected the API key"),
    ],
)
def test_the_card_says_once_why_the_llm_did_not_score_and_who_did(
    failure: str,
    why: str,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A spent budget's card read "Until then answers are scored by 'local'. ... Scored by
    local instead.", and a timeout's "... or score with the local scorer. Scored by local
    instead.": the fallback named twice. The card's header names the scorer, the note
    says why and who stood in, once each; the status line points at the card."""
    from coachkit.ui.practice import PracticeView
    from coachkit.ui.results import result_html
    from coachkit.ui.runtime import InlineRunner, ManualScheduler

    monkeypatch.delenv("COACHKIT_TEST_UNSET_KEY", raising=False)
    params = _openai(server, timeout=0.3)
    budget: dict[str, Any] = {"llm_scores_per_hour": None, "usd_per_day": None}
    if failure == "hour":
        budget["llm_scores_per_hour"] = 0.5
    elif failure == "day":
        budget["usd_per_day"] = 0.0
    elif failure == "timeout":
        server.responder = lambda seen: Reply(grade_json(3), latency=2.0)
    elif failure == "missing_key":
        params["api_key"] = "os.environ/COACHKIT_TEST_UNSET_KEY"
    else:
        server.script(error_reply(401, "bad key"))
    config = _config(
        tmp_path, params, scorer="gpt", fallback="local", budget=budget, llm={"max_retries": 0}
    )
    coach = Coach(bank=bank, store=store, config=config)
    view = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=ManualScheduler()
    )
    view.answer.value = STORY
    view.score_button.click()
    card = coach.history()[-1].card
    assert card.scorer == "local" and card.stood_in and why in card.stood_in
    text = re.sub(r"<[^>]+>", " ", html.unescape(result_html(coach.history()[-1])))
    assert text.count("could not score") == 1 and text.count("Scored by local instead.") == 1
    # The header's "scored by local", and the note's "Scored by local instead": no other,
    # but for the line under the note on how to see gpt's score later (Settings' panel
    # with "scored by local", and the command), which names it as the scorer to compare.
    command = "coachkit rescore --scorer gpt --question time-you-failed --from local --last 1"
    later = failure in ("timeout", "missing_key", "auth")
    if later:
        assert text.count("To see what gpt makes of this answer once it can score again") == 1
        assert text.count(command) == 1 and f"`{command}`" not in text
    assert text.replace(command, "").count("local") == 2 + later, text
    status = re.sub(r"<[^>]+>", "", view.status.value)
    assert status.startswith(f"Scored {card.overall}/100 by local instead: the card says why.")
    assert "could not score" not in status


def test_a_reason_ending_in_a_question_is_not_given_a_period(
    tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """ "... is `api_base` right?. Scored by local instead." read as a typo."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"http://127.0.0.1:{free_port()}/v1"}
    config = _config(tmp_path, {**params, "api_key": KEY}, scorer="gpt", fallback="local")
    config = config.model_copy(update={"llm": config.llm.model_copy(update={"max_retries": 0})})
    card = Coach(bank=bank, store=store, config=config).submit("time-you-failed", STORY).card
    assert "is `api_base` right? To see what gpt makes of" in card.notes[-1]
    assert card.stood_in == card.notes[-1]


def test_when_the_fallback_fails_too_both_failures_are_named(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(error_reply(401, "bad key"), *[error_reply(500, "down")] * 3)
    profiles = {"gpt": _openai(server), "spare": _openai(server, model="hosted_vllm/qwen")}
    path = write_config(tmp_path / "config.yaml", profiles, scorer="gpt", fallback="spare")
    coach = Coach(bank=bank, store=store, config=load_config(path))
    with pytest.raises(ProviderError) as raised:
        coach.submit("time-you-failed", STORY)
    message = str(raised.value)
    assert message.startswith("gpt could not score (") and "rejected the API key" in message
    assert "neither could the fallback spare" in message and "server error" in message
    assert raised.value.kind == "server" and coach.history() == []


def test_without_a_fallback_the_failure_is_raised_and_nothing_saved(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(error_reply(401, "bad key"))
    coach = Coach(bank=bank, store=store, config=_config(tmp_path, _openai(server), scorer="gpt"))
    with pytest.raises(ProviderError):
        coach.submit("time-you-failed", STORY, key="kept-for-retry")
    assert store.count_attempts() == 0
    # The same submission (same key) succeeds once the provider recovers.
    assert coach.submit("time-you-failed", STORY, key="kept-for-retry").card.scorer == "gpt"


def test_tests_cannot_reach_a_real_provider(
    tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    # No api_base: litellm would call api.openai.com. The loopback guard stops it,
    # and the failure is reported as an unreachable server.
    params = {"model": "openai/gpt-4o-mini", "api_key": KEY}
    error = _fail(_scorer(_config(tmp_path, params, llm={"max_retries": 0}), store), bank)
    assert error.kind == "connection"


def test_a_reply_without_choices_is_malformed(
    tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config = _config(tmp_path, {"model": "openai/gpt-4o-mini", "api_key": KEY})
    empty = type("Response", (), {"choices": []})()
    scorer = LLMScorer(config.entry("gpt"), config, store=store, completion=lambda **_: empty)
    error = _fail(scorer, bank)
    assert error.kind == "malformed"


@pytest.mark.parametrize(
    ("model", "root"),
    [
        ("ollama_chat/llama3.1", True),
        ("ollama/llama3.1", True),
        ("openai/gpt-4o-mini", False),
        ("hosted_vllm/qwen2.5", False),
    ],
)
def test_an_unreadable_reply_gets_advice_that_fits_the_provider(
    model: str, root: bool, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Ollama's own API sits at the server's root: "/v1" advice would break a right setting."""
    server.script(*[Reply(body=b"<html><h1>502 from the corporate proxy</h1></html>")] * 3)
    base = server.url if root else f"{server.url}/v1"
    params = {"model": model, "api_base": base, "api_key": KEY}
    message = str(_fail(_scorer(_config(tmp_path, params), store), bank))
    if root:
        assert "not an Ollama chat reply" in message
        assert "the Ollama server's root, e.g. http://127.0.0.1:11434 (no /v1)" in message
        assert "OpenAI-compatible" not in message and "often ending in /v1" not in message
    else:
        assert "not an OpenAI-compatible chat reply" in message
        assert "OpenAI-compatible endpoint (often ending in /v1)" in message


@pytest.mark.parametrize(
    "model",
    [
        "openai/gpt-4o-mini",
        "hosted_vllm/qwen2.5",
        "ollama_chat/llama3.1",
        "anthropic/claude-3-5-haiku-latest",
    ],
)
@pytest.mark.parametrize(
    "reply",
    [
        error_reply(500, "internal boom", kind="server_error"),  # OpenAI's shape, vLLM's too
        Reply(status=500, body={"error": "internal boom"}),  # Ollama's
        Reply(
            status=500, body={"type": "error", "error": {"type": "api", "message": "internal boom"}}
        ),
    ],
    ids=["openai-body", "ollama-body", "anthropic-body"],
)
def test_a_json_error_body_reads_the_same_for_every_provider(
    model: str,
    reply: Reply,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    server.script(reply)
    base = server.url if model.startswith(("ollama", "anthropic")) else f"{server.url}/v1"
    params = {"model": model, "api_base": base, "api_key": KEY}
    error = _fail(_scorer(_config(tmp_path, params, llm={"max_retries": 0}), store), bank)
    assert error.kind == "server"
    assert f"Profile 'gpt' ({model}): the provider had a server error (internal boom). Try " in (
        str(error)
    )
    assert "litellm" not in str(error)  # nor litellm's "Handle with `litellm.X`" advice


@pytest.mark.parametrize("model", ["openai/gpt-4o-mini", "hosted_vllm/qwen2.5"])
def test_a_provider_message_ending_in_a_full_stop_is_not_doubled(
    model: str, server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(error_reply(400, "The request is bad."))
    params = {"model": model, "api_base": f"{server.url}/v1", "api_key": KEY}
    error = _fail(_scorer(_config(tmp_path, params), store), bank)
    assert error.kind == "bad_request"
    assert "refused the request (The request is bad). Check its litellm_params." in str(error)
    assert ".)" not in str(error)


def test_a_timeout_of_a_million_seconds_reads_as_people_write_it() -> None:
    """`llm.timeout` has no upper bound: 1000000 read "within 1e+06 s"."""
    import httpx

    from coachkit.llm.failures import Wording

    litellm = load_litellm()
    wording = Wording(
        "Profile 'gpt' (openai/gpt-4o-mini)",
        "openai/gpt-4o-mini",
        "http://127.0.0.1:9/v1",
        1_000_000.0,
        "`llm.timeout`",
        None,
        KEY,
    )
    slow = litellm.Timeout("Request timed out", "gpt-4o-mini", "openai")
    said = str(wording.error(litellm, slow, [KEY]))
    assert "did not answer within 1,000,000 s. Try again, or raise `llm.timeout`." in said
    unreached = litellm.Timeout("Request timed out", "gpt-4o-mini", "openai")
    unreached.__cause__ = httpx.ConnectTimeout("timed out")
    said = str(wording.error(litellm, unreached, [KEY]))
    assert "(no connection within 1,000,000 s)" in said
