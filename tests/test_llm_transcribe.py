"""Answers recorded aloud: turned into text by a `transcriber:` profile, failures explained."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import (
    FakeLLMServer,
    Reply,
    Sleeps,
    error_reply,
    free_port,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import BudgetExceededError, ProviderError, ScoreCard, Store, load_config
from coachkit.audio import MAX_AUDIO_BYTES
from coachkit.cli import main
from coachkit.config import Config
from coachkit.errors import AudioFileError, BadInputError, ConfigError
from coachkit.llm import UsageLog
from coachkit.llm.transcribe import Transcriber
from coachkit.scoring.text import clean

pytestmark = pytest.mark.usefixtures("loopback_only")
KEY = "sk-test-transcribe-0000"
AUDIO = b"RIFF\x24\x00\x00\x00WAVEfmt fake audio bytes"
SPOKEN = "In 2023 I led the billing migration at Lumen and we shipped it two weeks early."


def _config(tmp_path: Path, params: dict[str, Any], **top: Any) -> Config:
    top.setdefault("transcriber", "whisper")
    return load_config(write_config(tmp_path / "config.yaml", {"whisper": params}, **top))


def _whisper(
    server: FakeLLMServer, model: str = "openai/whisper-1", **extra: Any
) -> dict[str, Any]:
    return {"model": model, "api_base": f"{server.url}/v1", "api_key": KEY, **extra}


def _fail(transcriber: Transcriber, audio: bytes = AUDIO, name: str = "answer.wav") -> str:
    with pytest.raises(ProviderError) as raised:
        transcriber.transcribe(audio, name)
    message = str(raised.value)
    assert "\n" not in message and KEY not in message
    return raised.value.kind


@pytest.mark.parametrize("model", ["openai/whisper-1", "hosted_vllm/whisper-large-v3"])
def test_a_recording_becomes_text_through_the_configured_profile(
    tmp_path: Path, store: Store, model: str
) -> None:
    with FakeLLMServer(lambda seen: Reply(f"  {SPOKEN}\n")) as server:
        transcriber = Transcriber(_config(tmp_path, _whisper(server, model)), store=store)
        assert transcriber.transcribe(AUDIO, "answer.wav") == SPOKEN
        (seen,) = server.requests
    assert seen.path == "/v1/audio/transcriptions"
    assert seen.form["file"] == AUDIO
    assert seen.form["model"].decode() == model.split("/", 1)[1]
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    (call,) = UsageLog(store).calls()
    assert (call.profile, call.purpose, call.outcome) == ("whisper", "transcribe", "ok")
    assert KEY not in repr(call)


@pytest.mark.parametrize("budget", [{"usd_per_day": 1.0}, {"usd_per_day": None}])
def test_a_recording_is_logged_in_flight_while_it_is_sent(
    tmp_path: Path, store: Store, budget: dict[str, object]
) -> None:
    """A process killed while the provider transcribed logged nothing of the call: its
    request is in the log, in flight, before it is sent, and replaced by the call's row."""
    during: list[tuple[str, str]] = []

    def look(seen: object) -> Reply:
        during.extend(
            (row[0], row[1].split(" ", 1)[0])
            for row in store.query("SELECT purpose, outcome FROM llm_usage")
        )
        return Reply(SPOKEN)

    with FakeLLMServer(look) as server:
        config = _config(tmp_path, _whisper(server), budget=budget)
        assert Transcriber(config, store=store).transcribe(AUDIO, "answer.wav") == SPOKEN
    assert during == [("transcribe", "in_flight")]
    assert [tuple(r) for r in store.query("SELECT purpose, outcome FROM llm_usage")] == [
        ("transcribe", "ok")
    ]


def test_litellms_first_import_comes_before_the_recording_is_logged_in_flight(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reservation logged the request in flight, then litellm's first import (3-6 s)
    began: a process killed or exiting meanwhile counted a call it never sent. A spent
    day is still said before that import."""
    import builtins

    from coachkit.llm import runtime

    monkeypatch.setattr(runtime, "_litellm", None)  # as in a process that has not called yet
    importing: list[tuple[int, int]] = []
    real_import = builtins.__import__

    def spy(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "litellm" and not importing:
            (row,) = store.query(
                "SELECT (SELECT COUNT(*) FROM llm_usage WHERE outcome GLOB 'in_flight *'),"
                " (SELECT COUNT(*) FROM llm_reservations)"
            )
            importing.append((row[0], row[1]))
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", spy)
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        config = _config(tmp_path, _whisper(server), budget={"usd_per_day": 1.0})
        assert Transcriber(config, store=store).transcribe(AUDIO, "answer.wav") == SPOKEN
    assert importing == [(0, 0)]


@pytest.mark.parametrize(
    ("audio", "name", "message"),
    [
        (AUDIO, "answer.txt", "not a recording"),
        (b"", "answer.m4a", "is empty"),
        (b"\0" * (MAX_AUDIO_BYTES + 1), "answer.mp3", "is 25.1 MB; transcription takes at most 25"),
    ],
    ids=["not-audio", "empty", "too-large"],
)
def test_a_file_no_endpoint_would_take_is_refused_before_sending(
    tmp_path: Path, store: Store, audio: bytes, name: str, message: str
) -> None:
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        transcriber = Transcriber(_config(tmp_path, _whisper(server)), store=store)
        with pytest.raises(AudioFileError, match=message) as raised:
            transcriber.transcribe(audio, name)
        assert server.requests == []
    assert raised.value.exit_code == 2


def test_a_silent_recording_is_the_users_to_fix_and_is_not_retried(
    tmp_path: Path, store: Store
) -> None:
    with FakeLLMServer(lambda seen: Reply("   ")) as server:
        sleeps = Sleeps()
        transcriber = Transcriber(_config(tmp_path, _whisper(server)), store=store, sleep=sleeps)
        with pytest.raises(AudioFileError, match=r"heard no speech in answer\.wav") as raised:
            transcriber.transcribe(AUDIO, "answer.wav")
        assert len(server.requests) == 1 and sleeps.delays == []
    assert raised.value.exit_code == 2
    assert [c.outcome for c in UsageLog(store).calls()] == ["ok"]  # the call itself worked


def test_a_missing_key_names_the_variable_and_sends_nothing(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COACHKIT_TEST_WHISPER_KEY", raising=False)
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        params = _whisper(server, api_key="os.environ/COACHKIT_TEST_WHISPER_KEY")
        transcriber = Transcriber(_config(tmp_path, params), store=store)
        with pytest.raises(ProviderError, match="export COACHKIT_TEST_WHISPER_KEY="):
            transcriber.transcribe(AUDIO, "answer.wav")
        assert server.requests == []


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (error_reply(401, f"Incorrect API key provided: {KEY}"), "auth"),
        (error_reply(404, "The model `whisper-9` does not exist"), "unknown_model"),
        (Reply(body=b"<html>not a transcription</html>"), "malformed"),
        (error_reply(413, "Maximum content size limit exceeded"), "too_large"),
    ],
    ids=["auth", "unknown-model", "junk", "too-large"],
)
def test_failures_are_one_clear_line_and_never_retried(
    tmp_path: Path, store: Store, reply: Reply, kind: str
) -> None:
    with FakeLLMServer(lambda seen: reply) as server:
        sleeps = Sleeps()
        config = _config(tmp_path, _whisper(server))
        assert _fail(Transcriber(config, store=store, sleep=sleeps)) == kind
        assert len(server.requests) == 1 and sleeps.delays == []


def test_a_server_error_is_retried_then_succeeds(tmp_path: Path, store: Store) -> None:
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        server.script(error_reply(503, "overloaded", kind="server_error"))
        sleeps = Sleeps()
        transcriber = Transcriber(_config(tmp_path, _whisper(server)), store=store, sleep=sleeps)
        assert transcriber.transcribe(AUDIO, "answer.wav") == SPOKEN
        assert len(server.requests) == 2 and len(sleeps.delays) == 1
    outcomes = [c.outcome for c in UsageLog(store).calls()]
    assert outcomes == ["server", "ok"]


def test_a_process_ending_before_a_retry_logs_the_failed_attempt_and_sends_no_more(
    tmp_path: Path, store: Store
) -> None:
    """A process ending normally (a kernel shut down) while a recording waited to try
    again left its row in flight, counted as an interrupted call at the last cost, and
    the attempt that failed ($0) was never logged. The exit's bookkeeping runs here in
    the pause before the retry, as abandon_open_calls runs at exit."""
    from coachkit.llm.client import Abandoned, abandon_open_calls

    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        server.script(error_reply(503, "overloaded", kind="server_error"))
        config = _config(tmp_path, _whisper(server))
        transcriber = Transcriber(config, store=store, sleep=lambda _: abandon_open_calls())
        with pytest.raises(Abandoned):
            transcriber.transcribe(AUDIO, "answer.wav")
        assert len(server.requests) == 1
    rows = store.query("SELECT outcome FROM llm_usage")
    assert [row[0] for row in rows] == ["server"]


def test_a_timeout_says_which_setting_to_raise_and_what_to_do_meanwhile(
    tmp_path: Path, store: Store
) -> None:
    with FakeLLMServer(lambda seen: Reply(SPOKEN, latency=30)) as server:
        config = _config(tmp_path, _whisper(server, timeout=0.3), llm={"max_retries": 0})
        with pytest.raises(ProviderError) as raised:
            Transcriber(config, store=store).transcribe(AUDIO, "answer.wav")
    message = str(raised.value)
    assert raised.value.kind == "timeout" and "timeout" in message
    assert "type or paste your answer instead" in message and "scorer" not in message


def test_a_server_that_is_not_running_is_named(tmp_path: Path, store: Store) -> None:
    params = {"model": "openai/whisper-1", "api_base": f"http://127.0.0.1:{free_port()}/v1"}
    config = _config(tmp_path, {**params, "api_key": KEY}, llm={"max_retries": 0})
    assert _fail(Transcriber(config, store=store)) == "connection"


def test_a_spent_dollar_budget_sends_nothing(tmp_path: Path, store: Store) -> None:
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        config = _config(tmp_path, _whisper(server), budget={"usd_per_day": 0})
        with pytest.raises(BudgetExceededError, match="usd_per_day"):
            Transcriber(config, store=store).transcribe(AUDIO, "answer.wav")
        assert server.requests == []


# -- configuration ---------------------------------------------------------------------------
def test_no_transcriber_says_how_to_set_one(tmp_path: Path, store: Store) -> None:
    with pytest.raises(BadInputError, match="transcriber: NAME"):
        Transcriber(Config(), store=store)


def test_an_unknown_transcriber_names_the_file_line_and_the_profiles(tmp_path: Path) -> None:
    path = write_config(
        tmp_path / "config.yaml", {"gpt": {"model": "openai/gpt-4o-mini"}}, transcriber="whispr"
    )
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    message = str(raised.value)
    assert f"{path}:1" in message and "'whispr'" in message and "gpt" in message


def test_the_offline_scorer_cannot_transcribe(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="speech-to-text"):
        load_config(write_config(tmp_path / "c.yaml", {}, transcriber="local"))


def test_the_environment_names_the_transcriber_and_none_turns_it_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_config(tmp_path / "config.yaml", {"whisper": {"model": "openai/whisper-1"}})
    assert load_config(path).transcriber is None
    monkeypatch.setenv("COACHKIT_TRANSCRIBER", "whisper")
    assert load_config(path).transcriber == "whisper"
    monkeypatch.setenv("COACHKIT_TRANSCRIBER", "none")
    assert load_config(path).transcriber is None


def test_checking_a_recording_never_imports_litellm() -> None:
    code = (
        "import sys, coachkit.audio, coachkit.ui.practice\n"
        "coachkit.audio.check_audio(b'x', 'a.m4a')\n"
        "assert 'litellm' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the CLI ---------------------------------------------------------------------------------
def _cli(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def _configure(home: Path, server: FakeLLMServer, **top: Any) -> Path:
    """The config in COACHKIT_HOME: a whisper profile at ``server``, the transcriber by default."""
    top.setdefault("transcriber", "whisper")
    return write_config(home / "config.yaml", {"whisper": _whisper(server)}, **top)


@pytest.fixture
def recording(tmp_path: Path) -> Path:
    path = tmp_path / "answer.wav"
    path.write_bytes(AUDIO)
    return path


def test_cli_transcribe_prints_the_text(
    coachkit_home: Path, recording: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        _configure(coachkit_home, server)
        assert _cli(["transcribe", str(recording)]) == (0, SPOKEN + "\n")
        code, _ = _cli(["transcribe", str(recording.with_name("missing.wav"))])
    assert code == 2 and "Cannot read" in capsys.readouterr().err


def test_cli_scores_a_recorded_answer_and_saves_its_text(
    coachkit_home: Path, recording: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeLLMServer(lambda seen: Reply(SPOKEN)) as server:
        _configure(coachkit_home, server)
        code, out = _cli(["score", "time-you-failed", "--audio", str(recording), "--json"])
        assert code == 0 and ScoreCard.model_validate_json(out).scorer == "local"
        assert f"Transcript of answer.wav:\n{SPOKEN}" in capsys.readouterr().err
        code, out = _cli(["score", "time-you-failed", "--audio", str(recording), "--no-save"])
    assert code == 0 and out.startswith(f"Transcript of answer.wav:\n{SPOKEN}\n")
    code, out = _cli(["history", "--json"])
    assert json.loads(out)[0]["answer"] == SPOKEN


def test_cli_shows_a_transcript_on_stderr_escaped_and_scores_with_stderr_closed(
    coachkit_home: Path,
    recording: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With --json the transcript went to stderr as the provider wrote it (a terminal
    escape and all), and with stderr closed (2>&-) it stopped the score after the
    transcription was paid for: exit 1, the answer nowhere."""
    with FakeLLMServer(lambda seen: Reply(SPOKEN + "\x1b[2J")) as server:
        _configure(coachkit_home, server)
        args = ["score", "time-you-failed", "--audio", str(recording), "--json"]
        assert _cli(args)[0] == 0
        assert "\x1b" not in capsys.readouterr().err
        monkeypatch.setattr(sys, "stderr", None)
        code, out = _cli(args)
    assert code == 0 and ScoreCard.model_validate_json(out).scorer == "local"
    assert len(json.loads(_cli(["history", "--json"])[1])) == 2


def test_cli_transcript_is_cleaned_as_an_answer_is_not_escaped(
    coachkit_home: Path, recording: Path
) -> None:
    """`coachkit transcribe > answer.txt` wrote a provider's control characters as
    literal escapes ("\\u001b", "\\u000d" for each CRLF) into the text to edit and
    score; now the text is what the scorer reads, as `clean` makes it."""
    said = "In 2023 I\x1b[31m led\x07 it.\r\nWe\u200b shipped it\x00."
    with FakeLLMServer(lambda seen: Reply(said)) as server:
        _configure(coachkit_home, server)
        assert _cli(["transcribe", str(recording)]) == (0, clean(said) + "\n")
        assert clean(said) == "In 2023 I [31m led it.\nWe shipped it ."
        code, out = _cli(["score", "time-you-failed", "--audio", str(recording)])
    assert code == 0 and "\\u" not in out
    assert json.loads(_cli(["history", "--json"])[1])[0]["answer"] == clean(said)


def test_cli_transcript_of_control_characters_only_is_no_speech(
    coachkit_home: Path, recording: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeLLMServer(lambda seen: Reply("\x1b\x07")) as server:
        _configure(coachkit_home, server)
        assert _cli(["transcribe", str(recording)]) == (2, "")
    assert capsys.readouterr().err == (
        "coachkit: No speech was heard in answer.wav. Check the recording plays back, then "
        "try again.\n"
    )


def test_transcribe_with_no_transcriber_set_says_how_to_set_one(
    coachkit_home: Path, recording: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It ended "or type or paste your answer", which `coachkit transcribe` has no use for;
    and it said "your config" without saying where that is."""
    assert _cli(["transcribe", str(recording)]) == (2, "")
    assert capsys.readouterr().err == (
        "coachkit: No transcriber is set: add `transcriber: NAME` to your config "
        f"({coachkit_home / 'config.yaml'}), naming a "
        "model_list profile with a speech-to-text model (e.g. openai/whisper-1). Until then, "
        "answers are typed or pasted, not recorded.\n"
    )


@pytest.mark.parametrize(
    ("transcriber", "extra", "code", "message"),
    [
        (None, [], 2, "No transcriber is set"),
        ("whisper", ["--answer-file", "x.txt"], 2, "--audio or --answer-file"),
        ("down", [], 3, "cannot reach"),
    ],
    ids=["no-transcriber", "two-answers", "server-down"],
)
def test_cli_audio_failures_are_one_line_with_the_right_exit_code(
    coachkit_home: Path,
    recording: Path,
    capsys: pytest.CaptureFixture[str],
    transcriber: str | None,
    extra: list[str],
    code: int,
    message: str,
) -> None:
    down = {"model": "openai/whisper-1", "api_base": f"http://127.0.0.1:{free_port()}/v1"}
    profiles = {"whisper": {**down, "api_key": KEY}, "down": {**down, "api_key": KEY}}
    top = {"transcriber": transcriber} if transcriber else {}
    write_config(coachkit_home / "config.yaml", profiles, llm={"max_retries": 0}, **top)
    args = ["score", "time-you-failed", "--audio", str(recording), *extra]
    assert _cli(args)[0] == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert json.loads(_cli(["history", "--json"])[1]) == []


@pytest.mark.parametrize("transcriber", ["whisper", None], ids=["named", "by-model"])
def test_config_check_sends_the_transcriber_a_silent_clip_not_a_chat(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str], transcriber: str | None
) -> None:
    """Any speech-to-text profile, named by `transcriber:` or known by its model."""
    with FakeLLMServer(lambda seen: Reply("")) as server:
        _configure(coachkit_home, server, transcriber=transcriber)
        code, out = _cli(["config", "check", "whisper"])
        (seen,) = server.requests
    assert code == 0 and "transcribed a silent test clip" in out
    assert seen.path == "/v1/audio/transcriptions" and seen.form["file"].startswith(b"RIFF")


def test_the_transcriber_is_not_offered_or_taken_as_a_scorer(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A speech-to-text model cannot score: it was listed as a scorer (in the notebooks'
    Scorer menus too) and, picked, failed with a provider error after a request."""
    base = {"api_base": f"http://127.0.0.1:{free_port()}/v1", "api_key": KEY}
    profiles = {"gpt": {"model": "openai/gpt-4o-mini", **base}, "whisper": _whisper_at(base)}
    path = write_config(coachkit_home / "config.yaml", profiles, transcriber="whisper")
    config = load_config(path)
    assert config.profile_names() == ["local", "gpt"]
    assert config.profile_names(scoring=False) == ["local", "gpt", "whisper"]
    assert config.check_name("whisper", scoring=False) == "whisper"  # `config check whisper`

    code, _ = _cli(["score", "time-you-failed", "--scorer", "whisper"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "'whisper' is the transcriber (`transcriber:` in " in err
    assert "; speech to text): it cannot score" in err
    assert "Valid scorers: local, gpt." in err
    assert json.loads(_cli(["history", "--json"])[1]) == []

    write_config(path, profiles, transcriber="whisper", scorer="whisper")
    with pytest.raises(ConfigError, match=rf"Scorer 'whisper' \(`scorer:` in {path}:2\) is the"):
        load_config(path)


def test_a_scorer_named_as_the_transcriber_says_where_the_transcriber_was_set(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """COACHKIT_TRANSCRIBER naming the file's scorer: the file's `scorer:` alone was
    named, though the variable is what to change."""
    base = {"api_base": f"http://127.0.0.1:{free_port()}/v1", "api_key": KEY}
    profiles = {"gpt": {"model": "openai/gpt-4o-mini", **base}, "whisper": _whisper_at(base)}
    path = write_config(coachkit_home / "config.yaml", profiles, scorer="gpt")
    monkeypatch.setenv("COACHKIT_TRANSCRIBER", "gpt")
    said = r"is the transcriber \(set by COACHKIT_TRANSCRIBER; speech to text\)"
    with pytest.raises(ConfigError, match=said):
        load_config(path)


def test_the_transcriber_is_not_taken_as_a_scorer_by_name_in_code(coachkit_home: Path) -> None:
    """Coach.score(..., scorer=...) builds its scorer by name: the transcriber was taken,
    and its first score sent a chat to a speech-to-text model."""
    from coachkit import Coach
    from coachkit.errors import UnknownScorerError

    base = {"api_base": f"http://127.0.0.1:{free_port()}/v1", "api_key": KEY}
    profiles = {"gpt": {"model": "openai/gpt-4o-mini", **base}, "whisper": _whisper_at(base)}
    path = write_config(coachkit_home / "config.yaml", profiles, transcriber="whisper")
    coach = Coach(config=load_config(path))
    with pytest.raises(UnknownScorerError, match="is the transcriber"):
        coach.scorer("whisper")


def _whisper_at(base: dict[str, Any]) -> dict[str, Any]:
    return {"model": "openai/whisper-1", **base}


def test_a_transcription_reserves_its_call_against_the_daily_dollars(
    tmp_path: Path, store: Store
) -> None:
    """It only checked the day's spend: two notebooks transcribing at once could each
    find the money unspent, as scores could before they reserved."""

    def reserved() -> int:
        with closing(sqlite3.connect(store.path)) as conn:
            return int(conn.execute("SELECT count(*) FROM llm_reservations").fetchone()[0])

    during: list[int] = []

    def reply(_seen: object) -> Reply:
        during.append(reserved())
        return Reply(SPOKEN)

    with FakeLLMServer(reply) as server:
        config = _config(tmp_path, _whisper(server), budget={"usd_per_day": 1.0})
        assert Transcriber(config, store=store).transcribe(AUDIO, "answer.wav") == SPOKEN
    assert during == [1] and reserved() == 0  # held while the call ran, released after


def test_a_misspelt_transcriber_names_the_one_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--transcriber wisper` said "Unknown transcriber" with no "Did you mean", where a
    misspelt scorer gets one."""
    path = write_config(
        tmp_path / "config.yaml",
        {"whisper": {"model": "openai/whisper-1"}, "gpt": {"model": "openai/gpt-4o-mini"}},
    )
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    (tmp_path / "a.m4a").write_bytes(b"\0" * 64)
    assert main(["transcribe", str(tmp_path / "a.m4a"), "--transcriber", "wisper"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coachkit: Unknown transcriber 'wisper'. Did you mean 'whisper'? ")
    assert len(err.splitlines()) == 1
