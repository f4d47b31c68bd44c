"""Secrets at any depth of litellm_params: masked by `config show`, resolved, never in errors."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from coachkit import ProviderError
from coachkit.cli import main
from coachkit.config import LLMSettings, ModelEntry, mask_params, resolve_env_refs
from coachkit.llm.client import LLMClient

HEADER_SECRET = "zz9-header-literal-4242"  # shaped like no known key: only remembering catches it
URL_PASSWORD = "hunter2-literal-pass"
TEAM_KEY = "zz9-team-key-from-env-31337"


def _show(params: dict[str, Any]) -> str:
    entry = ModelEntry(model_name="p", litellm_params={"model": "openai/x", **params})
    return yaml.safe_dump(mask_params(entry.litellm_params))


@pytest.mark.parametrize(
    "key",
    [
        "vertex_credentials",
        "credentials",
        "auth",
        "authorization",
        "private_key",
        "password",
        "aws_secret_access_key",
        "aws_session_token",
    ],
)
def test_show_masks_values_under_every_secret_name(key: str) -> None:
    shown = _show({key: "LITERAL-secret-value-123"})
    assert "LITERAL-secret-value-123" not in shown
    assert f"{key}:" in shown  # the key is still listed, only its value hidden


def test_show_keeps_counts_and_prices_that_merely_mention_tokens() -> None:
    shown = mask_params({"max_tokens": 500, "input_cost_per_token": 0.5, "timeout": 60})
    assert shown == {"max_tokens": 500, "input_cost_per_token": 0.5, "timeout": 60}


def test_show_masks_nested_headers_and_whole_credential_blocks() -> None:
    shown = _show(
        {
            "extra_headers": {
                "Authorization": "Bearer sk-LITERAL-abcdef123456",
                "X-Api-Key": "sk-LITERAL-abcdef123456",
                "X-Team-Key": "os.environ/TEAM_KEY",
                "X-Trace": "visible-trace-id",
            },
            "vertex_credentials": {"type": "service_account", "private_key": "PEM-LITERAL-9876"},
            "fallbacks": [{"api_key": "LITERAL-in-a-list-555"}],
        }
    )
    for secret in ("sk-LITERAL-abcdef123456", "PEM-LITERAL-9876", "LITERAL-in-a-list-555"):
        assert secret not in shown
    assert "os.environ/TEAM_KEY" in shown  # a reference is not a secret
    assert "visible-trace-id" in shown  # nor is an ordinary header


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            f"https://user:{URL_PASSWORD}@llm.example.com/v1",
            "https://user:****@llm.example.com/v1",
        ),
        ("https://TOKENLITERAL123@llm.example.com/v1", "https://****@llm.example.com/v1"),
        (
            "https://llm.example.com/v1?api-version=2024&key=QUERYLITERAL99",
            "https://llm.example.com/v1?api-version=2024&key=****",
        ),
        ("http://127.0.0.1:11434", "http://127.0.0.1:11434"),
    ],
)
def test_show_masks_credentials_inside_urls(url: str, expected: str) -> None:
    assert mask_params({"api_base": url})["api_base"] == expected


def test_config_show_prints_no_nested_or_url_secret(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    coachkit_home.mkdir(parents=True)
    (coachkit_home / "config.yaml").write_text(
        "model_list:\n"
        "  - model_name: proxy\n"
        "    litellm_params:\n"
        "      model: openai/gpt-4o-mini\n"
        f"      api_base: https://bob:{URL_PASSWORD}@llm.example.com/v1\n"
        "      api_key: os.environ/PROXY_KEY\n"
        "      extra_headers:\n"
        f"        X-Api-Key: {HEADER_SECRET}\n"
        f"        Authorization: Bearer {HEADER_SECRET}\n"
    )
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert HEADER_SECRET not in out and URL_PASSWORD not in out
    assert "https://bob:****@llm.example.com/v1" in out
    assert "os.environ/PROXY_KEY" in out


def test_nested_references_resolve_and_report_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEAM_KEY", TEAM_KEY)
    monkeypatch.delenv("UNSET_NESTED", raising=False)
    params, missing = resolve_env_refs(
        {
            "model": "m",
            "extra_headers": {"X-Team-Key": "os.environ/TEAM_KEY"},
            "tags": ["os.environ/TEAM_KEY", "plain"],
            "deep": {"list": [{"x": "os.environ/UNSET_NESTED"}]},
        }
    )
    assert params["extra_headers"] == {"X-Team-Key": TEAM_KEY}
    assert params["tags"] == [TEAM_KEY, "plain"]
    assert missing == ["UNSET_NESTED"]


# -- the client: what is sent, and what an error may say ------------------------------------


class _Provider:
    """A litellm ``completion`` stand-in: records each call, then fails or answers."""

    def __init__(self, error: str | None = None) -> None:
        self.error = error
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        if self.error is not None:
            raise RuntimeError(self.error)
        message = SimpleNamespace(content='{"ok": true}', tool_calls=None)
        return SimpleNamespace(choices=[SimpleNamespace(message=message)], usage=None)


def _client(params: dict[str, Any], provider: _Provider) -> LLMClient:
    entry = ModelEntry(
        model_name="proxy",
        litellm_params={"model": "openai/gpt-4o-mini", "api_key": "none", **params},
    )
    return LLMClient(entry, LLMSettings(max_retries=0), completion=provider, sleep=lambda _: None)


def _complete(client: LLMClient) -> None:
    client.complete([{"role": "user", "content": "ping"}], purpose="check", schema=None)


def test_nested_reference_is_sent_resolved_and_reread_at_each_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    provider = _Provider()
    client = _client({"extra_headers": {"X-Team-Key": "os.environ/TEAM_KEY"}}, provider)
    monkeypatch.setenv("TEAM_KEY", TEAM_KEY)
    _complete(client)
    monkeypatch.setenv("TEAM_KEY", "zz9-rotated-key-0001")
    _complete(client)
    sent = [call["extra_headers"]["X-Team-Key"] for call in provider.calls]
    assert sent == [TEAM_KEY, "zz9-rotated-key-0001"]


def test_a_missing_nested_reference_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEAM_KEY", raising=False)
    provider = _Provider()
    client = _client({"extra_headers": {"X-Team-Key": "os.environ/TEAM_KEY"}}, provider)
    with pytest.raises(ProviderError) as raised:
        _complete(client)
    assert raised.value.kind == "missing_key"
    assert "needs the environment variable TEAM_KEY" in str(raised.value)
    assert provider.calls == []  # nothing was sent with a literal "os.environ/..." header


@pytest.mark.parametrize(
    ("params", "echoed"),
    [
        ({"extra_headers": {"X-Api-Key": HEADER_SECRET}}, HEADER_SECRET),
        ({"extra_headers": {"Authorization": f"Bearer {HEADER_SECRET}"}}, HEADER_SECRET),
        ({"api_base": f"https://bob:{URL_PASSWORD}@127.0.0.1:9/v1"}, URL_PASSWORD),
        ({"extra_headers": {"X-Team-Key": "os.environ/TEAM_KEY"}}, TEAM_KEY),
        ({"extra_body": {"trace": "os.environ/TEAM_KEY"}}, TEAM_KEY),
    ],
)
def test_provider_errors_never_quote_a_nested_or_url_secret(
    params: dict[str, Any], echoed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEAM_KEY", TEAM_KEY)
    provider = _Provider(error=f"upstream rejected credential {echoed} for this route")
    with pytest.raises(ProviderError) as raised:
        _complete(_client(params, provider))
    assert "upstream rejected credential" in str(raised.value)  # the provider's words remain
    assert echoed not in str(raised.value)


PASTED_KEY = "sk-proj-Zx81LiveKeyDoNotShare0000abcdEFGH"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param(
            "model_list:\n  - model_name: gpt\n    litellm_params: "
            f"{{model: openai/gpt-4o-mini, api_key: 'os.environ/{PASTED_KEY}'}}\n",
            "config.yaml:3: model_list.0.litellm_params: 'os.environ/****' names no",
            id="key-after-the-prefix",
        ),
        pytest.param(
            "model_list:\n  - model_name: gpt\n    litellm_params: "
            f"{{model: openai/gpt-4o-mini, api_key: x, timeout: {PASTED_KEY}}}\n",
            "timeout: '****' is not a number of seconds",
            id="key-as-timeout",
        ),
        pytest.param(f"scorer: {PASTED_KEY}\n", "Unknown scorer '****'", id="key-as-scorer"),
        pytest.param(
            "model_list:\n  - model_name: gpt\n    litellm_params:\n      model: openai/x\n"
            f"      extra_headers: {{Authorization: 'os.environ/Bearer {HEADER_SECRET}'}}\n",
            "'os.environ/****' names no environment variable",
            id="header-after-the-prefix",
        ),
    ],
)
def test_a_key_pasted_in_the_wrong_place_is_masked_in_the_error(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str], text: str, shown: str
) -> None:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text(text, encoding="utf-8")
    assert main(["config", "show"]) == 2
    captured = capsys.readouterr()
    assert PASTED_KEY not in captured.out + captured.err
    assert HEADER_SECRET not in captured.out + captured.err
    assert shown in captured.err


def test_a_key_set_as_the_scorer_in_the_environment_is_masked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACHKIT_SCORER", PASTED_KEY)
    assert main(["config", "show"]) == 2
    captured = capsys.readouterr()
    assert PASTED_KEY not in captured.out + captured.err
    assert "Unknown scorer '****'" in captured.err


@pytest.mark.parametrize(
    "key",
    [
        "gsk_Ab3dEf7hIjKlMnOpQrStUvWxYz0123456789abcdefghIJKLMNOP",  # Groq
        "0123456789abcdef0123456789abcdef",  # Azure: 32 hex digits
        "aBcD1234eFgH5678iJkL9012mNoP",  # no known shape at all
        "hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh",  # letters alone
    ],
)
def test_a_key_of_no_known_shape_is_masked_where_it_is_pasted(
    key: str,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text(
        "model_list:\n  - model_name: gpt\n"
        f"    litellm_params: {{model: openai/x, timeout: {key}}}\n",
        encoding="utf-8",
    )
    assert main(["config", "show"]) == 2
    monkeypatch.setenv("COACHKIT_SCORER", key)
    assert main(["config", "show"]) == 2
    captured = capsys.readouterr()
    assert key not in captured.out + captured.err and "****" in captured.err


@pytest.mark.parametrize(
    "name",
    [
        "anthropic-claude-sonnet-4-20250514",
        "Qwen2-72B-Instruct-AWQ-2024",
        "claude-3-5-sonnet-20241022",
        "Meta_Llama_3_1_405B_Instruct",
    ],
)
def test_a_model_id_in_a_message_is_not_taken_for_a_key(name: str) -> None:
    from coachkit.errors import mask_secrets

    assert mask_secrets(f"Unknown scorer {name!r}") == f"Unknown scorer {name!r}"
