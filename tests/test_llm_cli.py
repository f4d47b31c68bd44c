"""The LLM commands: score --scorer/--repeat, config check, usage, rescore; exit codes 0/2/3."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    Reply,
    Seen,
    error_reply,
    fair_grade,
    free_port,
    grade_json,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import ScoreCard
from coachkit.cli import main

pytestmark = pytest.mark.usefixtures("loopback_only")


@pytest.fixture
def configured(server: FakeLLMServer, coachkit_home: Path) -> Path:
    return write_config(
        coachkit_home / "config.yaml",
        {
            "gpt": {
                "model": "openai/gpt-4o-mini",
                "api_base": f"{server.url}/v1",
                "api_key": "sk-cli-test-0000000",
            },
            "down": {
                "model": "openai/gpt-4o-mini",
                "api_base": f"http://127.0.0.1:{free_port()}/v1",
                "api_key": "sk-cli-test-0000000",
            },
        },
        fallback=None,
        llm={"max_retries": 0},
    )


def run(
    args: list[str], stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def test_score_with_a_profile(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = run(["score", "time-you-failed", "--scorer", "gpt", "--json"], STORY, monkeypatch)
    assert code == 0
    card = ScoreCard.model_validate_json(out)
    assert card.scorer == "gpt" and card.model == "openai/gpt-4o-mini" and server.hits == 1


def test_no_save_keeps_nothing_of_the_answer(
    configured: Path,
    server: FakeLLMServer,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """--no-save saved no attempt, but cached the card, which quotes the answer (its
    evidence, its rebuild) in the database. The call is still logged, without the answer."""
    import sqlite3

    args = ["score", "time-you-failed", "--scorer", "gpt", "--no-save"]
    assert run(args, STORY, monkeypatch)[0] == 0
    with sqlite3.connect(coachkit_home / "coachkit.db") as db:
        assert db.execute("SELECT COUNT(*) FROM llm_score_cache").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM attempts").fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM llm_usage").fetchone() == (1,)
        logged = " ".join(str(v) for row in db.execute("SELECT * FROM llm_usage") for v in row)
    assert "Lumen" not in logged  # nothing of the answer in the log
    assert run(args, STORY, monkeypatch)[0] == 0 and server.hits == 2  # nothing to reuse
    assert run(args[:-1], STORY, monkeypatch)[0] == 0 and server.hits == 3  # saved: cached
    assert run(args, STORY, monkeypatch)[0] == 0 and server.hits == 3  # reused, not paid


def test_no_save_help_says_what_is_kept_and_what_is_not(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--help said "do not record the attempt", while an LLM call is logged (and once
    cached the card, which quotes the answer); test_no_save_keeps_nothing_of_the_answer
    pins what it does."""
    monkeypatch.setenv("COLUMNS", "400")
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert (
        "--no-save score only: the attempt is not saved to your history, nor an LLM's card "
        "(which quotes the answer) to its cache; an LLM call is still logged for the budget, "
        "without the answer"
    ) in shown


def test_an_llm_card_names_its_model_latency_and_cost(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notebook's card said which model scored it and what it cost; the command's
    said only the profile, so what a score cost needed --json or `coachkit usage`."""
    import re

    code, out = run(["score", "time-you-failed", "--scorer", "gpt"], STORY, monkeypatch)
    overall = next(line for line in out.splitlines() if line.startswith("Overall:"))
    assert code == 0 and server.hits == 1
    assert re.fullmatch(
        r"Overall: \d+/100  \(scorer: gpt, model openai/gpt-4o-mini, \d+ ms, \$0\.\d{4}\)",
        overall,
    ), overall
    # The same answer again is served from the cache: no new call, no cost to show.
    code, out = run(["score", "time-you-failed", "--scorer", "gpt"], STORY, monkeypatch)
    overall = next(line for line in out.splitlines() if line.startswith("Overall:"))
    assert code == 0 and server.hits == 1 and "$" not in overall
    assert overall.endswith("model openai/gpt-4o-mini, reused, no new call)"), overall
    assert "reused it (no new call)" in out
    # Of a --repeat run, the card is one run's: its time and cost are not the run's.
    code, out = run(
        ["score", "time-you-failed", "--scorer", "gpt", "--repeat", "2"], STORY, monkeypatch
    )
    overall = next(line for line in out.splitlines() if line.startswith("Overall:"))
    assert code == 0 and server.hits == 3
    assert overall.endswith("(scorer: gpt, model openai/gpt-4o-mini)"), overall


def test_an_llm_card_quotes_its_evidence_under_each_dimension(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model's feedback ("situation ok") came without the quotes behind its band: the
    evidence an LLM score rests on showed only with --json."""
    code, out = run(["score", "time-you-failed", "--scorer", "gpt"], STORY, monkeypatch)
    lines = out.splitlines()
    assert code == 0
    for dimension, sentence in zip(("Situation", "Task"), STORY.split(". ")[:2], strict=True):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"  {dimension} "))
        assert lines[at + 1] == f'{"":13}"{sentence}."'
    # The offline scorer's feedback quotes the answer already: not said twice.
    code, out = run(["score", "time-you-failed", "--no-save"], STORY, monkeypatch)
    assert code == 0 and "(scorer: local;" in out
    assert not [line for line in out.splitlines() if line.startswith(f'{"":13}"')]


def test_a_provider_failure_exits_3_with_one_line(
    configured: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["score", "time-you-failed", "--scorer", "down"], STORY, monkeypatch)
    err = capsys.readouterr().err
    assert code == 3 and out == ""
    assert err.startswith("coachkit: Profile 'down'") and err.count("\n") == 1
    assert "cannot reach" in err
    assert json.loads(run(["history", "--json"])[1]) == []
    # The answer came on stdin: it is kept in a file, and the line says which.
    kept = next((configured.parent / "unscored").glob("time-you-failed-*.txt"))
    assert kept.read_text(encoding="utf-8") == STORY
    assert f"--answer-file {kept} --scorer down`" in err  # the scorer the user chose


@pytest.mark.parametrize(
    ("asked", "kept_flags"),
    [
        (["--no-save"], " --no-save`"),
        (["--repeat", "2", "--no-save"], " --repeat 2 --no-save`"),
        (["--repeat"], " --repeat`"),
    ],
)
def test_the_command_that_scores_a_kept_answer_again_keeps_what_was_asked(
    configured: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    asked: list[str],
    kept_flags: str,
) -> None:
    """A failed `score --repeat 2 --no-save` offered a command that scored once, and saved."""
    code, _ = run(["score", "time-you-failed", "--scorer", "down", *asked], STORY, monkeypatch)
    err = capsys.readouterr().err
    kept = next((configured.parent / "unscored").glob("time-you-failed-*.txt"))
    assert code == 3 and f"--answer-file {kept} --scorer down{kept_flags}" in err


def test_a_score_by_the_fallback_says_so_under_the_overall(
    configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note that another scorer stood in came after the whole rebuild."""
    text = configured.read_text(encoding="utf-8").replace("fallback: null", "fallback: local")
    configured.write_text(text, encoding="utf-8")
    # Saved, so the rescore command the note gives finds it (see test_cli_unsaved_hint).
    code, out = run(["score", "time-you-failed", "--scorer", "down"], STORY, monkeypatch)
    lines = out.splitlines()
    overall = next(i for i, line in enumerate(lines) if line.startswith("Overall:"))
    assert code == 0 and "(scorer: local" in lines[overall]
    assert lines[overall + 1].startswith("Note: down could not score: ")
    assert lines[overall + 1].endswith(
        "is `api_base` right? To see what down makes of this answer once it works: `coachkit "
        "rescore --scorer down --question time-you-failed --from local --last 1`. Scored by "
        "local instead."
    )
    assert out.count("could not score") == 1


def test_the_kept_copy_goes_once_the_suggested_command_saves_the_answer(
    configured: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Copies left under unscored/ are the answers still waiting, not every one ever kept."""
    assert run(["score", "time-you-failed", "--scorer", "down"], STORY, monkeypatch)[0] == 3
    kept = next((configured.parent / "unscored").glob("time-you-failed-*.txt"))
    capsys.readouterr()
    code, out = run(["score", "time-you-failed", "--answer-file", str(kept), "--json"])
    assert code == 0 and ScoreCard.model_validate_json(out).scorer == "local"  # stdout: JSON
    assert not kept.exists()
    assert capsys.readouterr().err == (
        f"coachkit: your answer is saved, so its kept copy {kept} was removed.\n"
    )
    assert [a["answer"] for a in json.loads(run(["history", "--json"])[1])] == [STORY]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_an_answer_from_a_pipe_named_as_a_file_is_kept_when_scoring_fails(
    configured: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--answer-file <(pbpaste)` names a pipe, empty once read: a failed score said
    nothing of the answer, taking it for safe in its file, and it was lost."""
    fifo = tmp_path / "answer.pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(STORY,), kwargs={"encoding": "utf-8"})
    writer.start()
    code, out = run(["score", "time-you-failed", "--scorer", "down", "--answer-file", str(fifo)])
    writer.join()
    err = capsys.readouterr().err
    kept = next((configured.parent / "unscored").glob("time-you-failed-*.txt"))
    assert code == 3 and out == "" and kept.read_text(encoding="utf-8") == STORY
    assert f"Your answer is saved in {kept}: score it again with" in err


def test_an_answer_too_long_for_the_model_is_offered_to_the_local_scorer(
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same command would fail the same way: the hint scores it offline instead."""
    long = " ".join([STORY] * 80)  # over llm.max_answer_chars (20,000)
    code, _ = run(["score", "time-you-failed", "--scorer", "gpt"], long, monkeypatch)
    err = capsys.readouterr().err
    assert code == 3 and server.hits == 0 and "llm.max_answer_chars" in err
    kept = next((configured.parent / "unscored").glob("time-you-failed-*.txt"))
    assert f"--answer-file {kept} --scorer local`" in err


def test_an_unknown_profile_exits_2_listing_the_valid_ones(
    configured: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run(["score", "time-you-failed", "--scorer", "gtp"], STORY, monkeypatch)
    assert code == 2 and "Valid scorers: local, gpt, down" in capsys.readouterr().err


def test_repeat_shows_mean_and_spread_and_saves_one_attempt(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = run(
        ["score", "time-you-failed", "--scorer", "gpt", "--repeat", "3"], STORY, monkeypatch
    )
    assert code == 0 and server.hits == 3
    assert "Stability over 3 runs:" in out and "spread" in out
    assert "Scored 3 times" in out
    assert len(json.loads(run(["history", "--json"])[1])) == 1


def test_a_bare_repeat_takes_k_from_the_config(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = run(
        ["score", "time-you-failed", "--scorer", "gpt", "--repeat", "--no-save"], STORY, monkeypatch
    )
    assert code == 0 and server.hits == 3 and "Stability over 3 runs:" in out
    code, out = run(
        ["score", "time-you-failed", "--scorer", "gpt", "--repeat", "1"], STORY, monkeypatch
    )
    assert code == 0 and "Stability over 1 run:" in out


def test_repeat_with_the_offline_scorer_says_its_runs_always_agree(
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run(["score", "time-you-failed", "--repeat", "3", "--no-save"], STORY, monkeypatch)
    assert code == 0 and server.hits == 0 and "Stability over 3 runs:" in out
    assert "offline scorer (local) gives the same card every time" in capsys.readouterr().err
    code, _ = run(
        ["score", "time-you-failed", "--scorer", "gpt", "--repeat", "2", "--no-save"],
        STORY,
        monkeypatch,
    )
    assert code == 0 and "same card every time" not in capsys.readouterr().err


def test_repeat_needs_a_positive_count(
    configured: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run(["score", "time-you-failed", "--repeat", "0"], STORY, monkeypatch)
    assert code == 2 and "a whole number from 1 to" in capsys.readouterr().err


def test_config_check_reports_each_profile(
    configured: Path, server: FakeLLMServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script(Reply('{"ok": true}'))
    code, out = run(["config", "check", "gpt"])
    assert code == 0 and out.startswith("gpt: ok model openai/gpt-4o-mini")
    assert "structured output: yes" in out
    code, out = run(["config", "check"])
    assert code == 3
    assert "gpt: ok" in out and "down: FAILED (connection)" in out
    assert capsys.readouterr().err == (
        "coachkit: 1 of 2 profiles failed the check (down): fix what its line above says, "
        "then run `coachkit config check down`.\n"
    )


@pytest.mark.parametrize("as_json", [False, True])
def test_config_check_names_every_profile_that_failed(
    as_json: bool, server: FakeLLMServer, coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Repeating only the first failure on stderr would hide the others."""
    down = {"model": "openai/gpt-4o-mini", "api_key": "sk-cli-test-0000000"}
    write_config(
        coachkit_home / "config.yaml",
        {
            "down": {**down, "api_base": f"http://127.0.0.1:{free_port()}/v1"},
            "gpt": {**down, "api_base": f"{server.url}/v1"},
            "gone": {**down, "api_base": f"http://127.0.0.1:{free_port()}/v1"},
        },
        llm={"max_retries": 0},
    )
    server.script(Reply('{"ok": true}'))
    code, out = run(["config", "check", *(["--json"] if as_json else [])])
    err = capsys.readouterr().err
    assert code == 3 and err.count("\n") == 1
    where = "each one's `message` says" if as_json else "each one's line above says"
    assert err == (
        f"coachkit: 2 of 3 profiles failed the check (down, gone): fix what {where}, "
        "then run `coachkit config check`.\n"
    )
    if as_json:
        assert [r["ok"] for r in json.loads(out)] == [False, True, False]
    else:
        assert "down: FAILED (connection)" in out and "gone: FAILED (connection)" in out


def test_config_check_of_an_unknown_name_sends_nothing(
    configured: Path, server: FakeLLMServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run(["config", "check", "nope"])
    assert (
        code == 2
        and "Unknown profile 'nope'. Profiles to check" in capsys.readouterr().err
        and server.hits == 0
    )


def test_usage_summarises_the_log(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before any call, the budget is what the config allows, all of it unspent.
    assert run(["usage"]) == (
        0,
        "No LLM calls logged yet.\n\nBudget: scores left this hour: 30 of 30; "
        "spent today: $0.00 of $1.00\n",
    )
    server.script(error_reply(500, "boom"))
    assert run(["score", "time-you-failed", "--scorer", "gpt"], STORY, monkeypatch)[0] == 3
    assert run(["score", "time-you-failed", "--scorer", "gpt"], STORY, monkeypatch)[0] == 0
    code, out = run(["usage"])
    assert code == 0 and "gpt" in out and "openai/gpt-4o-mini" in out
    assert "Budget: scores left this hour: 29 of 30" in out
    rows = json.loads(run(["usage", "--json", "--days", "1"])[1])
    assert [(r["profile"], r["calls"], r["ok"], r["failed"]) for r in rows] == [("gpt", 2, 1, 1)]
    assert "LLM usage, the last day:" in run(["usage", "--days", "1"])[1]
    code, out = run(["usage", "--days", "1000000"])  # more days than the clock has: all
    assert code == 0 and "LLM usage, all time:" in out and "gpt" in out


def test_usage_with_no_llm_call_in_the_period_says_it_once(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a database (offline scores) and no LLM call: "LLM usage, all time:" stood
    above "No LLM calls logged in this period."."""
    assert run(["score", "time-you-failed", "--scorer", "local"], STORY, monkeypatch)[0] == 0
    code, out = run(["usage"])
    assert code == 0 and out.startswith("No LLM calls logged yet.\n\nBudget: ")
    code, out = run(["usage", "--days", "3"])
    assert code == 0 and out.startswith("No LLM calls logged in the last 3 days.\n\nBudget: ")
    assert "LLM usage" not in out and server.hits == 0


def test_rescore_shows_the_drift(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(2):
        assert run(["score", "time-you-failed"], f"{STORY} Run {n}.", monkeypatch)[0] == 0
    code, out = run(["rescore", "--scorer", "gpt", "--json"])
    data = json.loads(out)
    assert code == 0 and data["scorer"] == "gpt" and len(data["rows"]) == 2
    assert all(row["after"]["scorer"] == "gpt" for row in data["rows"])
    assert len(json.loads(run(["history", "--json"])[1])) == 2  # nothing new saved
    code, out = run(["rescore", "--scorer", "gpt", "--last", "1"])
    assert code == 0 and "Mean change with gpt" in out


def test_rescore_failures_exit_3(
    configured: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run(["score", "time-you-failed"], STORY, monkeypatch)
    code, out = run(["rescore", "--scorer", "down"])
    assert code == 3 and "failed" in out
    assert "coachkit: The attempt could not be rescored (" in capsys.readouterr().err


def test_ctrl_c_during_rescore_logs_the_request_left_in_flight(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The request a rescore's worker waited on at Ctrl-C was sent (and may be billed),
    but the process exited without logging it: `usage` showed 6 calls of 9 received."""
    import os
    import signal
    import threading

    from coachkit import Store, paths
    from coachkit.llm import UsageLog

    for n in range(3):
        assert run(["score", "time-you-failed"], f"{STORY} Run {n}.", monkeypatch)[0] == 0

    def cut_at_the_second(seen: Seen) -> Reply:
        if server.hits == 2:  # Ctrl-C while this one is in flight
            os.kill(os.getpid(), signal.SIGINT)
            return Reply(grade_json(3), latency=2.0)
        return fair_grade(seen)

    server.responder = cut_at_the_second
    code, out = run(["rescore", "--scorer", "gpt", "--concurrency", "1"])
    assert code == 130 and "2 more attempts were not rescored" in out
    with Store(paths.db_path()) as store:
        outcomes = [call.outcome for call in UsageLog(store).calls()]
        assert outcomes == ["ok", "interrupted"] and server.hits == 2
        for thread in threading.enumerate():  # the reply comes after all: not logged again
            if thread.name.startswith("coachkit-"):
                thread.join()
        assert len(UsageLog(store).calls()) == 2


def test_a_request_ctrl_c_cut_short_counts_towards_todays_dollars_as_estimated(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`coachkit usage` after a rescore cut short: the request in flight was logged with its
    cost unknown and counted $0 towards usd_per_day, though the provider may bill it."""
    import os
    import signal
    import threading

    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "sk-0"}
    write_config(configured, {"gpt": params}, fallback=None, llm={"max_retries": 0})
    for n in range(2):
        assert run(["score", "time-you-failed"], f"{STORY} Run {n}.", monkeypatch)[0] == 0

    def cut_at_the_second(seen: Seen) -> Reply:
        if server.hits == 2:  # Ctrl-C while this one is in flight
            os.kill(os.getpid(), signal.SIGINT)
            return Reply(grade_json(3), latency=2.0)
        return fair_grade(seen)

    server.responder = cut_at_the_second
    assert run(["rescore", "--scorer", "gpt", "--concurrency", "1"])[0] == 130
    for thread in threading.enumerate():  # the reply comes after all: still cut short
        if thread.name.startswith("coachkit-"):
            thread.join()
    code, out = run(["usage"])
    assert code == 0 and server.hits == 2
    assert "gpt     openai/gpt-4o-mini     2  1      1      0       420/180 ~$0.0003" in out
    assert "~ includes $0.0002 estimated for 1 call of unknown cost" in out
    assert out.endswith(  # a part a line, within 80 columns
        "\n  spent today: $0.0003 of $1.00 (incl. ~$0.0002 estimated for 1 call of unknown\n"
        "    cost)\n"
    )
    (row,) = json.loads(run(["usage", "--json"])[1])
    assert (row["cost_usd"], row["estimated_calls"], row["estimated_usd"]) == (
        0.000171,
        1,
        0.000171,
    )


def test_ctrl_c_during_repeat_shows_the_runs_already_paid_for(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--repeat 5 cut short after three runs said only 'interrupted': three paid scores
    were thrown away. They are shown (not saved), and the answer is kept as before."""
    import os
    import signal

    def cut_at_the_third(seen: Seen) -> Reply:
        if server.hits == 3:
            os.kill(os.getpid(), signal.SIGINT)
            return Reply(grade_json(3), latency=2.0)
        return fair_grade(seen)

    server.responder = cut_at_the_third
    args = ["score", "time-you-failed", "--scorer", "gpt", "--repeat", "4"]
    code, out = run(args, STORY, monkeypatch)
    assert code == 130 and "Stability over the 2 runs that finished:" in out
    assert "overall     62.00    0.00  62 62" in out
    assert "2 of 4 runs did not finish: interrupted (Ctrl-C)." in out and "Not saved." in out
    assert json.loads(run(["history", "--json"])[1]) == []
    assert next((configured.parent / "unscored").glob("time-you-failed-*.txt")).exists()


def test_ctrl_c_after_one_run_of_repeat_says_run_in_the_singular(
    configured: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "Stability over the 1 runs that finished"."""
    import os
    import signal

    def cut_at_the_second(seen: Seen) -> Reply:
        if server.hits == 2:
            os.kill(os.getpid(), signal.SIGINT)
            return Reply(grade_json(3), latency=2.0)
        return fair_grade(seen)

    server.responder = cut_at_the_second
    args = ["score", "time-you-failed", "--scorer", "gpt", "--repeat", "3"]
    code, out = run(args, STORY, monkeypatch)
    assert code == 130 and "Stability over the 1 run that finished:" in out


OWN_QUESTION = """\
track: mine
questions:
  - id: my-question
    category: behavioral
    roles: [any]
    prompt: Tell me about a time you shipped something.
    why_asked: To hear about delivery.
    how_to_answer: One story, your part, the outcome.
    keypoints: [a shipped outcome]
"""


@pytest.mark.parametrize("as_json", [False, True])
def test_rescore_leaves_out_attempts_whose_question_left_the_bank(
    as_json: bool,
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An attempt at an own question since removed failed every rescore after it with
    exit 3, 'the question is no longer in the bank', and no word of what to do."""
    own = configured.parent / "questions" / "mine.yaml"
    own.parent.mkdir()
    own.write_text(OWN_QUESTION, encoding="utf-8")
    for question in ("my-question", "my-question", "time-you-failed"):
        assert run(["score", question], f"{STORY} At {question}.", monkeypatch)[0] == 0
    own.unlink()
    capsys.readouterr()
    code, out = run(["rescore", "--scorer", "gpt", *(["--json"] if as_json else [])])
    err = capsys.readouterr().err
    note = (
        "Left out: 2 attempts were not rescored, as its question is no longer in the bank "
        f"(my-question). To include them, put its question file back in {own.parent}."
    )
    assert code == 0 and server.hits == 1
    if as_json:
        data = json.loads(out)
        assert [row["question_id"] for row in data["rows"]] == ["time-you-failed"]
        assert [s["question_id"] for s in data["skipped"]] == ["my-question"] * 2
        assert err == f"coachkit: {note}\n"
    else:
        assert note in out and "Mean change with gpt" in out and " failed " not in out
        assert err == ""
    own.write_text(OWN_QUESTION, encoding="utf-8")  # put back: all three are rescored
    code, out = run(["rescore", "--scorer", "gpt"])
    assert code == 0 and server.hits == 4 and "Left out" not in out


def test_rescore_with_only_attempts_whose_question_left_sends_nothing(
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    own = configured.parent / "questions" / "mine.yaml"
    own.parent.mkdir()
    own.write_text(OWN_QUESTION, encoding="utf-8")
    assert run(["score", "my-question"], STORY, monkeypatch)[0] == 0
    own.unlink()
    code, out = run(["rescore", "--scorer", "gpt"])
    assert code == 0 and server.hits == 0 and capsys.readouterr().err == ""
    assert out.splitlines() == [
        "Left out: 1 attempt was not rescored, as its question is no longer in the bank "
        f"(my-question). To include it, put its question file back in {own.parent}.",
        "Nothing was rescored with gpt: no drift to report.",
    ]


def test_rescore_beyond_the_hour_s_budget_is_refused_before_any_is_spent(
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Rescoring 40 attempts under 30 scores an hour paid for 30 and failed the rest row
    by row: it is refused up front, saying how many the hour allows, when, and how to
    narrow them; --last then rescores what the budget can pay for."""
    import re

    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "sk-0"}
    write_config(configured, {"gpt": params}, budget={"llm_scores_per_hour": 3})
    for n in range(5):
        assert run(["score", "time-you-failed"], f"{STORY} Run {n}.", monkeypatch)[0] == 0
    capsys.readouterr()
    for json_flag in ([], ["--json"]):
        assert run(["rescore", "--scorer", "gpt", *json_flag]) == (3, "")
        assert capsys.readouterr().err == (
            "coachkit: Rescoring 5 attempts needs 5 LLM scores, more than your budget allows "
            "in an hour (3): use --last 3 to rescore the newest 3, or raise "
            "budget.llm_scores_per_hour in your config.\n"
        )
    assert server.hits == 0
    assert run(["rescore", "--scorer", "gpt", "--last", "2"])[0] == 0 and server.hits == 2
    code, out = run(["rescore", "--scorer", "gpt", "--last", "3"])
    err = capsys.readouterr().err
    assert (code, out, server.hits) == (3, "", 2)
    assert err.startswith(
        "coachkit: Rescoring 3 attempts needs 3 LLM scores, and your budget has 1 left this "
        "hour: use --last 1 to rescore the newest one, wait (3 will be there at "
    )
    assert re.search(r"at \d\d:\d\d, in 40 min\), or raise budget.llm_scores_per_hour", err)
    assert run(["rescore", "--scorer", "gpt", "--last", "1"])[0] == 0 and server.hits == 3
    assert run(["rescore", "--scorer", "gpt", "--last", "1"])[0] == 3
    assert "your budget has none left this hour: wait (1 will be there" in capsys.readouterr().err
    assert server.hits == 3


def test_rescore_of_a_question_that_left_the_bank_says_how_to_include_it(
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`rescore --question my-question` said only 'Unknown question id', with its two
    attempts still in the history."""
    own = configured.parent / "questions" / "mine.yaml"
    own.parent.mkdir()
    own.write_text(OWN_QUESTION, encoding="utf-8")
    for n in range(2):
        assert run(["score", "my-question"], f"{STORY} {n}.", monkeypatch)[0] == 0
    own.unlink()
    capsys.readouterr()
    assert run(["rescore", "--scorer", "gpt", "--question", "my-question"]) == (2, "")
    assert capsys.readouterr().err == (
        "coachkit: Question 'my-question' is no longer in the bank, so its 2 attempts cannot "
        f"be rescored: put its question file back in {own.parent} to include them.\n"
    )
    assert run(["rescore", "--scorer", "gpt", "--question", "never-was"])[0] == 2
    assert "Unknown question id 'never-was'" in capsys.readouterr().err
    assert server.hits == 0


def test_rescore_last_counts_the_attempts_that_can_be_rescored(
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--last 2 took the newest 2 before leaving out those whose question left the bank:
    with both at it, nothing was rescored, though the hour's budget had said 'use --last 2
    to rescore the newest 2'. It takes the newest 2 that can be, and notes the newer ones
    left out (not those before them)."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "sk-0"}
    write_config(configured, {"gpt": params}, budget={"llm_scores_per_hour": 2})
    own = configured.parent / "questions" / "mine.yaml"
    own.parent.mkdir()
    own.write_text(OWN_QUESTION, encoding="utf-8")
    order = ["my-question", "time-you-failed", "time-you-failed", "my-question", "time-you-failed"]
    order += ["my-question", "my-question"]
    for n, question in enumerate(order):
        assert run(["score", question], f"{STORY} Take {n}.", monkeypatch)[0] == 0
    own.unlink()
    capsys.readouterr()
    assert run(["rescore", "--scorer", "gpt"]) == (3, "")
    assert "use --last 2 to rescore the newest 2" in capsys.readouterr().err
    ids = [attempt["id"] for attempt in json.loads(run(["history", "--json"])[1])]
    code, out = run(["rescore", "--scorer", "gpt", "--last", "2", "--json"])
    data = json.loads(out)
    assert code == 0 and server.hits == 2
    assert [row["attempt_id"] for row in data["rows"]] == [ids[2], ids[4]]
    assert [s["attempt_id"] for s in data["skipped"]] == [ids[3], ids[5], ids[6]]
    assert capsys.readouterr().err.startswith("coachkit: Left out: 3 attempts were not rescored")


@pytest.mark.parametrize("as_json", [False, True])
def test_rescore_of_attempts_whose_question_file_is_broken_says_what_to_fix(
    as_json: bool,
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A question file that is there but not YAML any more left its attempts out with
    'put its question file back in ...': it is there; its line needs fixing."""
    own = configured.parent / "questions" / "mine.yaml"
    own.parent.mkdir()
    own.write_text(OWN_QUESTION, encoding="utf-8")
    for question in ("my-question", "my-question", "time-you-failed"):
        assert run(["score", question], f"{STORY} At {question}.", monkeypatch)[0] == 0
    broken = OWN_QUESTION.replace("To hear about delivery.", "To hear: about delivery.")
    own.write_text(broken, encoding="utf-8")
    capsys.readouterr()
    code, out = run(["rescore", "--scorer", "gpt", *(["--json"] if as_json else [])])
    err = capsys.readouterr().err
    assert code == 0 and server.hits == 1
    note = (
        "Left out: 2 attempts were not rescored, as the file with its question (my-question) "
        f"is there but cannot be read: {own}:7: a colon followed by a space inside text"
    )
    said = err if as_json else out
    assert note in said and "put its question file back" not in said
    assert "next lines, indented. To include them, fix the file." in said
    code, _ = run(["rescore", "--scorer", "gpt", "--question", "my-question"])
    assert code == 2 and server.hits == 1
    assert (
        f"It is in {own}, which is there but cannot be read: {own}:7: a colon"
        in (capsys.readouterr().err.splitlines()[-1])
    )


@pytest.mark.parametrize(
    ("concurrency", "cut_at", "left"),
    [(1, 2, 2), (2, 1, 3)],
    ids=["in-flight", "waiting-for-the-price"],
)
def test_ctrl_c_during_rescore_gives_back_the_hourly_scores_not_spent(
    concurrency: int,
    cut_at: int,
    left: int,
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rescore's scores running at Ctrl-C kept their hourly score: the request in flight
    was logged as interrupted, and a score waiting for the model's first call to say what
    a call costs sent nothing, yet both stayed spent, as the process exits before their
    threads could give them back (a Ctrl-C in `score`, in the caller's thread, does). Each
    is given back once, and nothing more is sent."""
    import os
    import signal
    import threading

    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "sk-0"}
    write_config(configured, {"gpt": params}, budget={"llm_scores_per_hour": 3})
    for n in range(3):
        assert run(["score", "time-you-failed"], f"{STORY} Run {n}.", monkeypatch)[0] == 0
    released = threading.Event()

    def cut(seen: Seen) -> Reply:
        if server.hits == cut_at:  # Ctrl-C while this one is in flight, till released
            os.kill(os.getpid(), signal.SIGINT)
            released.wait(30)
        return fair_grade(seen)

    server.responder = cut
    code, _ = run(["rescore", "--scorer", "gpt", "--concurrency", str(concurrency)])
    budget = f"Budget: scores left this hour: {left} of 3"
    assert code == 130 and budget in run(["usage"])[1]
    released.set()  # the reply comes after all: nothing is given back again, or sent
    for thread in threading.enumerate():
        if thread.name.startswith("coachkit-"):
            thread.join()
    assert budget in run(["usage"])[1] and server.hits == cut_at


def test_rescore_and_repeat_on_a_spent_day_are_refused_before_any_is_sent(
    configured: Path,
    server: FakeLLMServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With today's dollars spent, the hour's check up front let a rescore through, and
    every row failed on the budget; now it is refused up front as the hour's is."""
    import re

    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "sk-0"}
    write_config(configured, {"gpt": params}, budget={"usd_per_day": 0.0001})
    assert run(["score", "time-you-failed", "--scorer", "gpt"], STORY, monkeypatch)[0] == 0
    assert server.hits == 1  # $0.0002, past the day's $0.0001
    capsys.readouterr()
    said = (
        r"but today's LLM spend is \$0\.0002 of your \$0\.0001 budget: wait till it resets "
        r"at 00:00, in [^,]+, or raise budget\.usd_per_day in your config\.\n"
    )
    assert run(["rescore", "--scorer", "gpt"]) == (3, "")
    err = capsys.readouterr().err
    assert re.fullmatch(f"coachkit: Rescoring 1 attempt needs 1 LLM score, {said}", err), err
    repeat = ["score", "time-you-failed", "--scorer", "gpt", "--repeat", "2"]
    assert run(repeat, STORY, monkeypatch) == (3, "")
    err = capsys.readouterr().err
    assert re.match(f"coachkit: Scoring 2 times needs 2 LLM scores, {said[:-2]}", err), err
    assert server.hits == 1
