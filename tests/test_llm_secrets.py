"""API keys never reach the database, logs, error messages, cards or printed output."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    Reply,
    Seen,
    error_reply,
    fair_grade,
    grade_json,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Coach, CoachkitError, QuestionBank, Store, load_config
from coachkit.cli import main
from coachkit.llm import check_profile

pytestmark = pytest.mark.usefixtures("loopback_only")
# One key shaped like a real one, one shaped like nothing: both must be caught.
KEYS = ["sk-live-SUPERSECRET-4242424242", "zz9-plural-Z-alpha-31337"]


def _echoing_failures(key: str) -> list[Reply]:
    """Provider errors that quote the key back, as some providers and proxies do."""
    return [
        error_reply(401, f"Incorrect API key provided: {key}. You can find your key at ..."),
        error_reply(500, f"upstream failed for Authorization: Bearer {key}"),
        Reply(body=f"<html>proxy error for key={key}</html>".encode()),
        Reply(status=429, body={"error": {"message": f"quota exceeded for {key}"}}),
        error_reply(400, f"bad request, key {key} has no access to response_format"),
        Reply(f"not json, but here is your key: {key}"),
        Reply(f"still not json {key}"),
    ]


def _echoing_grades(key: str) -> list[Reply]:
    """A reply and its re-ask whose wrong value quotes the key, which the validation error
    (shown to the user when both fail) quotes in turn."""
    bad = json.loads(grade_json(3))
    bad["overall"] = f"n/a (key {key})"
    return [Reply(json.dumps(bad)), Reply(json.dumps(bad))]


def _gpt_from_env(server: FakeLLMServer) -> dict[str, str]:
    """A profile at the fake server whose key is read from COACHKIT_TEST_SECRET."""
    return {
        "model": "openai/gpt-4o-mini",
        "api_base": f"{server.url}/v1",
        "api_key": "os.environ/COACHKIT_TEST_SECRET",
    }


@pytest.mark.parametrize("key", KEYS)
def test_failing_calls_leak_the_key_nowhere(
    key: str,
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACHKIT_TEST_SECRET", key)
    caplog.set_level(logging.DEBUG)
    config_file = write_config(
        coachkit_home / "config.yaml",
        {"gpt": _gpt_from_env(server)},
        scorer="gpt",
        fallback="local",
        llm={"max_retries": 0},
    )
    monkeypatch.setenv("COACHKIT_CONFIG", str(config_file))
    db = tmp_path / "secrets.db"
    shown: list[str] = []
    with Store(db) as store:
        coach = Coach(bank=bank, store=store, config=load_config())
        for number, reply in enumerate(_echoing_failures(key)):
            server.script(reply)
            card = coach.submit("time-you-failed", f"{STORY} Attempt {number}.").card
            shown.append(card.model_dump_json())
        server.script(*_echoing_grades(key))
        echoed = coach.submit("time-you-failed", f"{STORY} Echoed grade.").card
        shown.append(echoed.model_dump_json())
        result = check_profile(load_config(), "gpt", store=store)
        shown.append(result.message)
    # Without a fallback the error itself is shown: on the CLI's stderr.
    write_config(
        config_file,
        {"gpt": _gpt_from_env(server)},
        scorer="gpt",
        fallback=None,
        llm={"max_retries": 0},
    )
    for reply in _echoing_failures(key)[:3]:
        server.script(reply)
        monkeypatch.setattr("sys.stdin", io.StringIO(STORY + " CLI."))
        assert main(["score", "time-you-failed"]) == 3
    with pytest.raises(CoachkitError) as raised:
        server.script(error_reply(401, f"Incorrect API key provided: {key}"))
        Coach(bank=bank, config=load_config()).submit("time-you-failed", STORY, save=False)
    shown.append(str(raised.value))

    # The key really was sent (the test means something) ...
    assert any(key in s.headers.get("authorization", "") for s in server.chats)
    # ... and the failures were real and reported.
    assert "rejected the API key" in shown[0] and "Scored by local" in shown[0]
    assert "replied twice with output that is not a valid score" in " ".join(echoed.notes)
    # It is nowhere a user or a file could see it.
    out, err = capfd.readouterr()
    assert key not in out and key not in err
    assert key not in caplog.text
    assert all(key not in text for text in shown)
    for path in [db, *tmp_path.glob("secrets.db*"), *coachkit_home.glob("coachkit.db*")]:
        assert key.encode() not in path.read_bytes(), path


def test_config_show_never_resolves_the_reference(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACHKIT_TEST_SECRET", KEYS[0])
    write_config(
        coachkit_home / "config.yaml",
        {"gpt": {"model": "openai/gpt-4o-mini", "api_key": "os.environ/COACHKIT_TEST_SECRET"}},
    )
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert "os.environ/COACHKIT_TEST_SECRET" in out and KEYS[0] not in out


def test_redaction_masks_keys_and_url_passwords() -> None:
    from coachkit.errors import mask_secrets

    text = "cannot reach https://bob:hunter2-pass@proxy.corp/v1 with sk-abcdefgh12345 or zz9-key"
    masked = mask_secrets(text, ["zz9-key"])
    assert masked == "cannot reach https://****@proxy.corp/v1 with **** or ****"


def test_a_secret_is_masked_in_one_form_in_every_message() -> None:
    """A config error showed a pasted key as 'sk-****GH' and a provider error as ****, by
    two functions, each missing what the other masked (a URL's password, a Bearer token
    in a config error; a key of no known shape in a provider's)."""
    from coachkit.errors import mask_secrets
    from coachkit.llm import runtime

    pasted = "sk-proj-Zx81LiveKeyDoNotShare0000abcdEFGH"
    groq = "gsk_Ab3dEf7hIjKlMnOpQrStUvWxYz0123456789abcdefghIJKLMNOP"
    assert mask_secrets(f"Unknown scorer {pasted!r}") == "Unknown scorer '****'"
    assert mask_secrets(f"upstream echoed {groq}") == "upstream echoed ****"
    assert (
        mask_secrets("api_base: 'https://bob:hunter2-pass@proxy.corp/v1' and Bearer tok-123")
        == "api_base: 'https://****@proxy.corp/v1' and ****"
    )
    assert mask_secrets("model_list.0: 'os.environ/sk-abcdefgh12345'") == (
        "model_list.0: 'os.environ/****'"  # the prefix says what went wrong
    )
    assert not hasattr(runtime, "redact")  # one function


def test_a_key_the_provider_masked_in_part_is_masked_whole() -> None:
    """OpenAI's 401 says "Incorrect API key provided: sk-test-****3456": its prefix and
    last four characters went into the card's note and the database as they were."""
    from coachkit.errors import mask_secrets

    for said in ("sk-test-****3456", "sk-proj-abcd" + "*" * 28 + "wxyz"):
        masked = mask_secrets(f"Incorrect API key provided: {said}. You can find your key")
        assert masked == "Incorrect API key provided: ****. You can find your key"


@pytest.mark.parametrize("key", KEYS)
def test_a_grade_that_echoes_the_key_is_stored_and_shown_without_it(
    key: str,
    server: FakeLLMServer,
    bank: QuestionBank,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """A misbehaving proxy puts the Authorization header into the feedback and tips."""

    def echoing(seen: Seen) -> Reply:
        data = json.loads(fair_grade(seen).content or "{}")
        header = seen.headers.get("authorization", "")
        data["dimensions"]["action"]["feedback"] = f"Good. (debug: {header})"
        data["tips"] = [f"Tip for key {header}"]
        return Reply(json.dumps(data))

    monkeypatch.setenv("COACHKIT_TEST_SECRET", key)
    server.responder = echoing
    write_config(
        coachkit_home / "config.yaml",
        {"gpt": _gpt_from_env(server)},
        scorer="gpt",
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(STORY))
    assert main(["score", "time-you-failed"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(STORY))
    assert main(["score", "time-you-failed", "--json"]) == 0  # from the cache
    out, err = capfd.readouterr()
    assert server.hits == 1 and "debug: Bearer ****" in out and key not in out + err
    database = (coachkit_home / "coachkit.db").read_bytes()
    assert key.encode() not in database


def test_a_password_in_api_base_is_masked_in_its_basic_auth_form(
    coachkit_home: Path, bank: QuestionBank
) -> None:
    """httpx sends `user:pass@` as "Authorization: Basic base64(user:pass)"; a proxy that
    echoed it put the credentials, barely hidden, in messages and the database."""

    def echo(seen: Seen) -> Reply:
        return error_reply(500, f"upstream failed; headers were {seen.headers['authorization']}")

    with FakeLLMServer(echo) as server:
        host = server.url.removeprefix("http://")
        profile = {
            "model": "openai/gpt-4o-mini",
            "api_base": f"http://alice:pw-URLPASS-5566@{host}/v1",
            "api_key": "none",
        }
        config = load_config(
            write_config(
                coachkit_home / "c.yaml", {"proxy": profile}, fallback=None, llm={"max_retries": 0}
            )
        )
        with pytest.raises(CoachkitError) as raised:
            Coach(bank=bank, config=config).submit(
                "time-you-failed", STORY, scorer="proxy", save=False
            )
        sent = server.chats[0].headers["authorization"]
    assert sent.startswith("Basic ")  # the credentials really went, and came back
    message = str(raised.value)
    assert "server error" in message and sent.split()[1] not in message
    assert "pw-URLPASS-5566" not in message


def test_basic_auth_is_masked_in_any_case_and_padding_but_not_the_word() -> None:
    from coachkit.config import secret_values
    from coachkit.errors import mask_secrets

    secrets = secret_values({"api_base": "http://bob:s%40cret-77@proxy.corp/v1"})
    assert "s@cret-77" in secrets  # sent decoded
    token = "Ym9iOnNAY3JldC03Nw"  # base64 of bob:s@cret-77, its padding dropped
    masked = mask_secrets(f"echo: {token} and basic {token}==", secrets)
    assert token not in masked and masked.startswith("echo: **** and ")
    assert (
        mask_secrets("401: Basic authentication required") == "401: Basic authentication required"
    )
