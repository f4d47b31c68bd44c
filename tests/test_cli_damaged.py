"""The CLI on a database damaged in part (a page lost, the rest readable): every command
that would write refuses before doing any work, with the words `coachkit history` warns
with; `score` scores offline and keeps the answer; reading commands work and warn; the
file's bytes stay as they were."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import ANSWER, run_cli
from fake_openai_server import FakeLLMServer, loopback_only, write_config  # noqa: F401
from file_damage import PAGE, zero_leaf_page
from test_ui_store_partly import (  # the notebooks' damage, so both say the same
    QUESTION,
    SAVED,
    _readable,
    _save,
    _unscored,
    _untouched,
    before,  # noqa: F401 (fixture)
    cli_warning,  # noqa: F401 (fixture)
    db,  # noqa: F401 (fixture)
)

from coachkit import Coach, QuestionBank, Store
from coachkit.errors import DatabaseBusyError
from coachkit.store import _check_before_migrating
from coachkit.storefile import store_error

pytestmark = pytest.mark.usefixtures("loopback_only")


@pytest.fixture
def gpt(server: FakeLLMServer, coachkit_home: Path) -> FakeLLMServer:
    """An LLM profile 'gpt' (the config's scorer) and a transcriber, on the fake server."""
    params = {"api_base": f"{server.url}/v1", "api_key": "sk-cli-test-0000000"}
    write_config(
        coachkit_home / "config.yaml",
        {
            "gpt": {"model": "openai/gpt-4o-mini", **params},
            "whisper": {"model": "openai/whisper-1", **params},
        },
        scorer="gpt",
        transcriber="whisper",
        fallback=None,
        llm={"max_retries": 0},
    )
    return server


def _one_line(err: str, warning: str) -> str:
    """The refusal's one line on stderr, checked to open with history's words."""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"coachkit: {warning} Nothing was ")
    return err


def test_score_scores_offline_keeps_the_answer_and_writes_nothing(
    db: Path,  # noqa: F811
    before: bytes,  # noqa: F811
    cli_warning: str,  # noqa: F811
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    readable = _readable(db)
    code, out = run_cli(["score", QUESTION], monkeypatch, ANSWER)
    err = _one_line(capsys.readouterr().err, cli_warning)
    assert code == 2
    assert "Overall:" in out and "(scorer: local" in out and "Saved as attempt" not in out
    assert out.endswith("\nNot saved to your history (see the note below).\n")
    assert "a write into a damaged file can fail halfway or spread the damage" in err
    assert "scored by the offline scorer (local). The score above was not saved." in err
    [kept] = _unscored(coachkit_home)
    assert kept.read_text(encoding="utf-8") == ANSWER
    assert err.endswith(f"`coachkit score {QUESTION} --answer-file {kept}`.\n")
    assert _untouched(db, before) and _readable(db) == readable


def test_score_with_an_llm_profile_sends_nothing(
    db: Path,  # noqa: F811
    before: bytes,  # noqa: F811
    cli_warning: str,  # noqa: F811
    gpt: FakeLLMServer,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Its usage and budget would be written: the offline scorer scores, and the kept
    answer's command names the profile asked for."""
    code, out = run_cli(["score", QUESTION, "--json", "--repeat", "3"], monkeypatch, ANSWER)
    err = _one_line(capsys.readouterr().err, cli_warning)
    assert code == 2 and json.loads(out)["scorer"] == "local" and gpt.hits == 0
    assert "scored once by the offline scorer (local), not gpt (an LLM profile logs" in err
    [kept] = _unscored(coachkit_home)
    assert err.endswith(f"--answer-file {kept}`.\n")  # gpt is the config's own scorer
    code, out = run_cli(["score", QUESTION, "--no-save"], monkeypatch, ANSWER)
    err = _one_line(capsys.readouterr().err, cli_warning)
    assert code == 2 and "Not saved" not in out and gpt.hits == 0
    assert err.endswith(
        "scored by the offline scorer (local), not gpt (an LLM profile logs "
        "its usage and budget in the database).\n"
    )
    assert len(_unscored(coachkit_home)) == 1  # --no-save: nothing to keep
    assert _untouched(db, before)


def test_score_from_a_file_leaves_the_answer_there(
    db: Path,  # noqa: F811
    before: bytes,  # noqa: F811
    cli_warning: str,  # noqa: F811
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    answer = tmp_path / "my answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    code, out = run_cli(["score", QUESTION, "--answer-file", str(answer)], monkeypatch)
    err = _one_line(capsys.readouterr().err, cli_warning)
    assert code == 2 and "Overall:" in out and answer.read_text(encoding="utf-8") == ANSWER
    assert err.endswith(
        f"Your answer is still in {answer}: `coachkit score {QUESTION} --answer-file "
        f"'{answer}'` saves it once the database is put right.\n"
    )
    assert _unscored(coachkit_home) == [] and _untouched(db, before)


def test_score_without_saving_offline_does_not_even_read_it(
    db: Path,  # noqa: F811
    before: bytes,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run_cli(["score", QUESTION, "--no-save"], monkeypatch, ANSWER)
    assert code == 0 and "Overall:" in out and capsys.readouterr().err == ""
    assert _untouched(db, before)


@pytest.mark.parametrize(
    ("args", "nothing"),
    [
        (["delete", "{first}"], "Nothing was deleted, as a write"),
        (["import", "{export}"], "Nothing was imported into it, as a write"),
        (["rescore", "--scorer", "gpt"], "Nothing was rescored (an LLM profile logs"),
        (["config", "check", "gpt"], "Nothing was sent (a check logs its usage"),
        (["transcribe", "{audio}"], "Nothing was transcribed (a transcription logs its cost"),
        (["score", QUESTION, "--audio", "{audio}"], "Nothing was transcribed"),
    ],
    ids=["delete", "import", "rescore", "config-check", "transcribe", "score-audio"],
)
def test_commands_that_would_write_refuse_before_any_work(
    args: list[str],
    nothing: str,
    db: Path,  # noqa: F811
    before: bytes,  # noqa: F811
    cli_warning: str,  # noqa: F811
    gpt: FakeLLMServer,
    bank: QuestionBank,
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Store(tmp_path / "other.db") as other:
        Coach(bank=bank, store=other).submit(QUESTION, ANSWER, scorer="local")
        Coach(bank=bank, store=other).export_attempts(tmp_path / "export.jsonl")
    audio = tmp_path / "answer.wav"
    audio.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt fake audio bytes")
    readable = _readable(db)
    with Store(db) as store:
        first = store.attempts()[0].id
    named = {"first": first, "export": tmp_path / "export.jsonl", "audio": audio}
    code, out = run_cli([a.format(**named) for a in args], monkeypatch, ANSWER)
    err = _one_line(capsys.readouterr().err, cli_warning)
    assert code == 2 and out == "" and nothing in err and gpt.hits == 0
    assert _readable(db) == readable
    assert _untouched(db, before) and _unscored(coachkit_home) == []


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["history", "--question", QUESTION],
        ["export", "--out", "{tmp}/rescued.jsonl"],
        ["progress", "--out", "{tmp}/progress.png"],
        ["next"],
        ["usage"],
        ["rescore", "--scorer", "local", "--last", "2"],
    ],
    ids=" ".join,
)
def test_reading_commands_work_and_warn_as_history_does(
    args: list[str],
    db: Path,  # noqa: F811
    before: bytes,  # noqa: F811
    cli_warning: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _ = run_cli([a.format(tmp=tmp_path) for a in args], monkeypatch)
    assert code == 0
    assert capsys.readouterr().err == f"coachkit: warning: {cli_warning}\n"
    assert _untouched(db, before)
    if args[0] == "export":  # the rescue: every attempt that can be read
        lines = (tmp_path / "rescued.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == _readable(db) and 0 < len(lines) < SAVED


def test_commands_apart_from_the_database_say_nothing_of_it(
    db: Path,  # noqa: F811
    before: bytes,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for args in (["questions"], ["config", "show"], ["config", "check"]):
        assert run_cli(args, monkeypatch)[0] == 0
    assert capsys.readouterr().err == ""
    assert _untouched(db, before)


def test_damage_where_no_attempt_is_read_stops_writes_too(
    bank: QuestionBank,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A lost page of the index (test_store_damage's damage): history reads every attempt
    through the table, yet a save would write to the index; quick_check finds it."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "coachkit.db"
    with Store(path) as store:
        for n in range(5):
            Coach(bank=bank, store=store).submit(QUESTION, f"{ANSWER} {n}")
    with closing(sqlite3.connect(path)) as conn:
        sql = "SELECT rootpage FROM sqlite_master WHERE name = 'attempts_by_question'"
        root = conn.execute(sql).fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * PAGE : root * PAGE] = b"\xa5" * PAGE
    path.write_bytes(bytes(data))
    with Store(path) as store:
        assert not store.read_attempts().damaged  # the notebooks' read sees none
    code, _ = run_cli(["history"], monkeypatch)
    err = capsys.readouterr().err
    assert code == 0 and err.startswith(f"coachkit: warning: {path} is damaged. Close")
    code, out = run_cli(["score", QUESTION], monkeypatch, ANSWER)
    assert code == 2 and "Not saved to your history" in out
    assert f"coachkit: {path} is damaged. Close" in capsys.readouterr().err
    assert path.read_bytes() == bytes(data)


def test_doing_what_it_says_puts_it_right(
    db: Path,  # noqa: F811
    cli_warning: str,  # noqa: F811
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Export what can be read, move the file aside, import: then saving works again."""
    readable = _readable(db)
    rescued = tmp_path / "rescued.jsonl"
    assert "`coachkit export --out rescued.jsonl`" in cli_warning
    assert run_cli(["export", "--out", str(rescued)], monkeypatch)[0] == 0
    db.rename(db.with_name("coachkit.db.damaged"))
    assert run_cli(["import", str(rescued)], monkeypatch)[0] == 0
    code, out = run_cli(["score", QUESTION], monkeypatch, ANSWER)
    assert code == 0 and "Saved as attempt" in out
    assert _readable(db) == readable + 1


def test_an_older_coachkits_file_damaged_in_part_is_not_migrated(
    bank: QuestionBank,
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Opening a file of schema 3 migrated it (a write) before anything was read: it is
    now read through a migrated copy in memory, and the commands go on as above."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "coachkit.db"
    ids = _save(path, bank)
    with closing(sqlite3.connect(path)) as conn:  # as coachkit wrote it before migration 4
        conn.execute("DROP TABLE llm_reservations")
        conn.execute("PRAGMA user_version = 3")
        conn.execute("VACUUM")
    zero_leaf_page(path, ids[20].encode())
    damaged = path.read_bytes()
    rescued = tmp_path / "rescued.jsonl"
    assert run_cli(["export", "--out", str(rescued)], monkeypatch)[0] == 0
    assert 0 < len(rescued.read_text(encoding="utf-8").splitlines()) < SAVED
    code, out = run_cli(["score", QUESTION], monkeypatch, ANSWER)
    assert code == 2 and "Not saved to your history" in out
    assert f"{path} is damaged. Close" in capsys.readouterr().err
    assert _untouched(path, damaged)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3


def test_a_busy_check_before_migrating_is_not_taken_for_damage(tmp_path: Path) -> None:
    """The check an older coachkit's file gets before it is migrated took any SQLite error
    for damage: a lock held too long opened the file read-only, called damaged."""
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5  # type: ignore[attr-defined]  # SQLITE_BUSY

    class Busy:
        def execute(self, sql: str) -> Any:
            if sql.startswith("PRAGMA quick_check"):
                raise locked
            return sqlite3.connect(":memory:").execute("SELECT 3")

    with pytest.raises(sqlite3.OperationalError) as raised:
        _check_before_migrating(Busy(), tmp_path / "coachkit.db")  # type: ignore[arg-type]
    assert raised.value is locked
    assert isinstance(store_error(tmp_path / "coachkit.db", locked), DatabaseBusyError)
