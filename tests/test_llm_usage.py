"""Every LLM call is logged (profile, model, tokens, cost, latency, outcome), never the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    Reply,
    error_reply,
    grade_json,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import QuestionBank, Store, load_config
from coachkit.config import Config
from coachkit.errors import StoreError
from coachkit.llm import LLMScorer
from coachkit.llm.transcribe import Transcriber
from coachkit.llm.usage import Call, Spend, UsageLog, iso, usage_table

pytestmark = pytest.mark.usefixtures("loopback_only")
KEY = "sk-usage-log-test-99999"


def _scorer(tmp_path: Path, server: FakeLLMServer, store: Store) -> LLMScorer:
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": KEY}
    config: Config = load_config(write_config(tmp_path / "c.yaml", {"gpt": params}))
    return LLMScorer(config.entry("gpt"), config, store=store, sleep=lambda _: None)


def test_each_call_is_logged_with_its_outcome(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(
        error_reply(503, "overloaded"),  # retried
        Reply("not json at all"),  # re-asked
        Reply(grade_json(2)),  # no valid evidence, but a valid reply
    )
    scorer = _scorer(tmp_path, server, store)
    question = bank.get("time-you-failed")
    scorer.score(question, STORY)
    scorer.score(question, STORY)  # cached
    calls = scorer.usage.calls()
    assert [(c.purpose, c.outcome) for c in calls] == [
        ("score", "server"),
        ("score", "invalid_reply"),
        ("reask", "ok"),
        ("score", "cached"),
    ]
    ok = calls[2]
    assert (ok.profile, ok.model) == ("gpt", "openai/gpt-4o-mini")
    assert (ok.prompt_tokens, ok.completion_tokens) == (420, 180)
    assert ok.cost_usd and ok.cost_usd > 0
    assert ok.latency_ms is not None and ok.latency_ms > 0


def test_the_summary_adds_up(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(error_reply(401, "bad key"))
    scorer = _scorer(tmp_path, server, store)
    question = bank.get("time-you-failed")
    with pytest.raises(Exception, match="API key"):
        scorer.score(question, STORY)
    scorer.score(question, STORY)
    scorer.score(question, STORY)
    (row,) = scorer.usage.summary()
    assert (row.profile, row.calls, row.ok, row.failed, row.cached) == ("gpt", 2, 1, 1, 1)
    assert (row.prompt_tokens, row.completion_tokens) == (420, 180)
    assert row.cost_usd and row.cost_usd > 0


def test_a_call_cut_short_by_ctrl_c_is_logged_as_interrupted(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Sent, then abandoned: the provider may bill it, so `coachkit usage` counts it."""

    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt  # the user pressed Ctrl-C while the provider was thinking

    config = _scorer(tmp_path, server, store)._config
    scorer = LLMScorer(config.entry("gpt"), config, store=store, completion=interrupted)
    with pytest.raises(KeyboardInterrupt):
        scorer.score(bank.get("time-you-failed"), STORY)
    (call,) = scorer.usage.calls()
    assert (call.purpose, call.outcome, call.cost_usd) == ("score", "interrupted", None)
    (row,) = scorer.usage.summary()
    assert (row.calls, row.ok, row.failed) == (1, 0, 1)


def _failing_store(*_: object, **__: object) -> None:
    raise StoreError("Cannot write to coachkit.db: the disk is full.")


def test_ctrl_c_stays_ctrl_c_when_the_log_cannot_be_written(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full disk while logging the abandoned call must not turn the user's Ctrl-C into
    a store error (exit 2, and a rescore that carries on instead of stopping)."""

    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt

    config = _scorer(tmp_path, server, store)._config
    scorer = LLMScorer(config.entry("gpt"), config, store=store, completion=interrupted)
    monkeypatch.setattr(UsageLog, "record_many", _failing_store)
    with pytest.raises(KeyboardInterrupt):
        scorer.score(bank.get("time-you-failed"), STORY)


def test_ctrl_c_during_a_transcription_stays_ctrl_c_when_the_log_cannot_be_written(
    server: FakeLLMServer, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt

    params = {"model": "openai/whisper-1", "api_base": f"{server.url}/v1", "api_key": KEY}
    path = write_config(tmp_path / "c.yaml", {"whisper": params}, transcriber="whisper")
    transcriber = Transcriber(load_config(path), store=store, transcription=interrupted)
    monkeypatch.setattr(UsageLog, "record_many", _failing_store)
    with pytest.raises(KeyboardInterrupt):
        transcriber.transcribe(b"RIFF\x24\x00\x00\x00WAVEfmt fake audio bytes", "a.wav")


def test_the_log_has_no_room_for_secrets(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    _scorer(tmp_path, server, store).score(bank.get("time-you-failed"), STORY)
    columns = [r[1] for r in store.connection.execute("PRAGMA table_info(llm_usage)")]
    assert columns == [
        "id",
        "created_at",
        "profile",
        "model",
        "purpose",
        "outcome",
        "prompt_tokens",
        "completion_tokens",
        "cost_usd",
        "latency_ms",
    ]
    dump = "\n".join(store.connection.iterdump())
    assert KEY not in dump


def test_todays_spend_includes_every_writer_and_restarts_each_day(tmp_path: Path) -> None:
    # Two connections to one file stand for two notebooks; the spend is read
    # incrementally, so rows the other one adds must still be counted.
    now = [1_800_000_000.0]
    with Store(tmp_path / "s.db") as one, Store(tmp_path / "s.db") as two:
        mine = UsageLog(one, clock=lambda: now[0])
        theirs = UsageLog(two, clock=lambda: now[0])
        day = now[0] - 3600
        assert mine.cost_since(day) == 0
        mine.record(Call("p", "m", "score", "ok", cost_usd=0.25))
        theirs.record(Call("p", "m", "score", "ok", cost_usd=0.5))
        theirs.record(Call("p", "m", "score", "connection"))  # never sent: counts as 0
        assert mine.cost_since(day) == pytest.approx(0.75)
        theirs.record(Call("p", "m", "score", "ok", cost_usd=0.125))
        assert mine.cost_since(day) == pytest.approx(0.875)
        assert theirs.cost_since(day) == pytest.approx(0.875)
        now[0] += 86_400  # the next day: yesterday's calls no longer count
        mine.record(Call("p", "m", "score", "ok", cost_usd=0.0625))
        assert mine.cost_since(day + 86_400) == pytest.approx(0.0625)
        assert mine.cost_since(day) == pytest.approx(0.9375)  # any start still works


def test_the_summary_rounds_a_sum_of_costs_to_a_hundred_millionth_of_a_dollar(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store)
        for cost in (0.0001, 0.0002):  # as floats, these add up to 0.00030000000000000003
            log.record(Call("gpt", "openai/gpt-4o-mini", "score", "ok", cost_usd=cost))
        log.record(Call("llama", "ollama_chat/llama3.1", "score", "ok"))  # no cost reported
        costs = {row.profile: row.cost_usd for row in log.summary()}
    assert costs == {"gpt": 0.0003, "llama": None}


def test_the_usage_table_shows_whole_names_within_80_columns(tmp_path: Path) -> None:
    """A vLLM model's name ran the table to 125 columns: each row wrapped mid-figure in an
    80-column terminal. A name too long for one line now goes on a line of its own."""
    model = "hosted_vllm/meta-llama/Llama-3.1-8B-Instruct"
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store)
        log.record(Call("team-vllm-on-the-big-box", model, "score", "ok", 10, 5, None, 12.0))
        log.record(Call("gpt", "openai/gpt-4o-mini", "score", "ok", 10, 5, 0.25, 8.0))
        lines = usage_table(log.summary()).splitlines()
    assert max(len(line) for line in lines) <= 80
    header, gpt, gpt_model, vllm, vllm_model = lines
    assert header.startswith("profile                  calls ")
    assert vllm.startswith("team-vllm-on-the-big-box     1 ") and vllm_model == f"  model {model}"
    assert gpt_model == "  model openai/gpt-4o-mini"
    assert len(gpt) == len(vllm) == len(header)  # the right-aligned columns end together
    assert vllm.endswith(" n/a   12 ms") and gpt.endswith(" $0.25    8 ms")


def test_the_usage_table_keeps_a_model_on_its_row_when_it_fits(tmp_path: Path) -> None:
    """The README's own profile: fixed-width columns ran it to 84 columns, past 80."""
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store)
        log.record(Call("gpt", "openai/gpt-4o-mini", "score", "ok", 420, 180, 0.000171, 812.0))
        header, gpt = usage_table(log.summary()).splitlines()
    assert header == (
        "profile model              calls ok failed cached tokens in/out    cost latency"
    )
    assert gpt == (
        "gpt     openai/gpt-4o-mini     1  1      0      0       420/180 $0.0002  812 ms"
    )


def test_a_cost_too_small_for_four_places_is_not_shown_as_free(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store)
        log.record(Call("gpt", "openai/gpt-4o-mini", "score", "ok", 10, 5, 0.00003, 8.0))
        _header, gpt = usage_table(log.summary()).splitlines()
    assert "<$0.0001" in gpt and "$0.0000" not in gpt


@pytest.mark.parametrize("tokens", [(-100000, -50000), (-5, 180)])
def test_junk_token_counts_give_an_unknown_cost_never_a_negative_one(
    tokens: tuple[int, int],
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
) -> None:
    reply = Reply(grade_json(3))
    reply.prompt_tokens, reply.completion_tokens = tokens
    server.script(reply)
    scorer = _scorer(tmp_path, server, store)
    card = scorer.score(bank.get("time-you-failed"), STORY)
    assert card.cost_usd is None  # unknown, so an export of it imports again
    (call,) = scorer.usage.calls()
    assert call.outcome == "ok" and call.cost_usd is None
    assert call.prompt_tokens is None  # a junk count is not kept either
    assert scorer.usage.cost_since(0) == 0  # no credit against today's spend


def test_a_reply_without_usage_has_an_unknown_cost_not_a_free_one(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """litellm gives a reply with no ``usage`` (a proxy that strips it) zero tokens and $0:
    it was logged as a free call, and the day's spend counted nothing for it."""
    message = {"role": "assistant", "content": grade_json(3)}
    body = {"object": "chat.completion", "choices": [{"index": 0, "message": message}]}
    server.script(Reply(grade_json(3)), Reply(body=body))
    scorer = _scorer(tmp_path, server, store)
    priced = scorer.score(bank.get("time-you-failed"), STORY).cost_usd
    card = scorer.score(bank.get("time-you-failed"), STORY + " Again.")
    assert priced and card.cost_usd is None
    _, call = scorer.usage.calls()
    assert call.outcome == "ok" and call.cost_usd is None
    assert (call.prompt_tokens, call.completion_tokens) == (None, None)
    spend = scorer.usage.spend_since(0)  # counted at the model's last price, as unknown
    assert (spend.known, spend.estimated, spend.estimated_calls) == pytest.approx(
        (priced, priced, 1)
    )


# -- calls of unknown cost: the provider may bill them ----------------------------------
GPT = "openai/gpt-4o-mini"


@pytest.mark.parametrize(
    ("outcome", "counted"),
    [
        ("interrupted", True),  # Ctrl-C while the provider worked
        ("timeout", True),  # it may still be running there
        ("dropped", True),  # the connection ended after the request was sent
        ("malformed", True),  # an answer came, unreadable
        ("ok", True),  # answered, priced from junk counts: no cost
        ("connection", False),  # never reached
        ("auth", False),  # refused before any work
        ("rate_limit", False),
        ("bad_request", False),
        ("schema_refused", False),
        ("server", False),
        ("cached", False),  # nothing sent
    ],
)
def test_a_call_of_unknown_cost_counts_its_models_last_cost_only_if_it_was_sent(
    outcome: str, counted: bool, tmp_path: Path
) -> None:
    """A call cut short was logged with no cost and counted $0 towards the day, though
    the provider may bill it; one never sent (or refused) still counts nothing."""
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store)
        log.record(Call("gpt", GPT, "score", "ok", 420, 180, 0.25))
        assert log.cost_since(0) == 0.25
        log.record(Call("gpt", GPT, "score", outcome))
        spend = log.spend_since(0)
        assert log.cost_since(0) == spend.total == (0.5 if counted else 0.25)
        assert (spend.known, spend.estimated_calls) == (0.25, 1 if counted else 0)
        assert UsageLog(store).cost_since(0) == spend.total  # read afresh: the same
        (row,) = log.summary()
        assert (row.cost_usd, row.estimated_calls) == (0.25, 1 if counted else 0)
        assert row.estimated_usd == (0.25 if counted else 0.0)


def test_the_estimate_is_the_models_last_known_cost_and_follows_it(tmp_path: Path) -> None:
    """As a reservation sets aside before a call: the model's last priced call, not
    another model's. A call cut short before its model was ever priced counts once one is."""
    now = [1_800_000_000.0]
    with Store(tmp_path / "s.db") as one, Store(tmp_path / "s.db") as two:
        mine = UsageLog(one, clock=lambda: now[0])
        theirs = UsageLog(two, clock=lambda: now[0])  # another notebook, or the CLI
        day = now[0] - 3600
        theirs.record(Call("gpt", GPT, "score", "interrupted"))  # the first call of all
        theirs.record(Call("gpt", GPT, "check", "connection"))
        assert mine.spend_since(day) == Spend(0.0)  # nothing known yet of what it costs
        theirs.record(Call("big", "openai/gpt-4o", "score", "ok", cost_usd=2.0))
        theirs.record(Call("gpt", GPT, "score", "ok", cost_usd=0.25))
        assert mine.spend_since(day) == Spend(2.25, 0.25, 1)
        theirs.record(Call("gpt", GPT, "score", "ok", cost_usd=0.5))
        theirs.record(Call("gpt", GPT, "reask", "timeout"))
        assert mine.spend_since(day) == Spend(2.75, 1.0, 2)  # each at the last: 0.5
        now[0] += 86_400  # the next day: yesterday's calls no longer count
        assert mine.spend_since(day + 86_400) == Spend(0.0)


def test_a_model_litellm_cannot_price_has_no_estimate(tmp_path: Path) -> None:
    """A local model's answers come with no cost: one cut short costs as much, nothing,
    and `usage` shows no estimate for it."""
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store)
        for outcome in ("ok", "interrupted", "timeout"):
            log.record(Call("llama", "ollama_chat/llama3.1", "score", outcome, latency_ms=9.0))
        assert log.spend_since(0) == Spend(0.0)
        (row,) = log.summary()
        assert (row.cost_usd, row.estimated_calls, row.estimated_usd) == (None, 0, 0.0)
        assert len(usage_table(log.summary()).splitlines()) == 2
        assert usage_table(log.summary()).endswith(" n/a    9 ms")


def test_the_usage_table_marks_a_cost_with_an_estimate_in_it(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store)
        log.record(Call("gpt", GPT, "score", "ok", 420, 180, 0.0125, 8.0))
        for _ in range(2):
            log.record(Call("gpt", GPT, "score", "interrupted", latency_ms=8.0))
        log.record(Call("llama", "ollama_chat/llama3.1", "score", "ok", 10, 5, None, 12.0))
        header, gpt, _gpt_model, llama, _llama_model, *note = usage_table(
            log.summary()
        ).splitlines()
    assert gpt.endswith(" ~$0.0375    8 ms") and len(gpt) == len(header)
    assert llama.endswith(" n/a   12 ms")
    assert note == [  # wrapped at 80 columns, as the table is
        "~ includes $0.0250 estimated for 2 calls of unknown cost (cut short, timed out",
        "  or dropped; the provider may bill them), at its model's last known cost per",
        "  call.",
    ]


def test_a_call_cut_short_the_store_would_not_log_counts_its_estimate(tmp_path: Path) -> None:
    """Kept in the process until a write logs it (a full disk as Ctrl-C came): its
    estimate counts meanwhile, as a kept call's cost does."""
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store)
        log.record(Call("gpt", GPT, "score", "ok", cost_usd=0.25))
        log.keep([Call("gpt", GPT, "score", "interrupted"), Call("gpt", GPT, "check", "auth")])
        assert log.spend_since(0) == Spend(0.25, 0.25, 1)
        log.log_kept()
        assert log.spend_since(0) == Spend(0.25, 0.25, 1)  # once, now from the log


def test_a_request_in_flight_counts_as_cut_short_once_it_cannot_still_be_running(
    tmp_path: Path,
) -> None:
    """A row logged in flight counts nothing while its process may run (that process logs
    its end): here, or on another host, which cannot be asked. Once its process has gone,
    or its time is past (a pid used again), it is a call cut short, counted as one once;
    the end of a call logged meanwhile counts from its own row."""
    import socket
    import subprocess
    import sys

    from coachkit.llm.usage import Flight

    noon = 1_790_000_000.0
    now = [noon]
    with Store(tmp_path / "s.db") as store:
        log = UsageLog(store, clock=lambda: now[0])
        log.record(Call("gpt", GPT, "score", "ok", cost_usd=0.25))
        running = Flight("gpt", GPT, "score")
        log.depart(running, None, until=noon + 60)  # this process: running
        ended = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            check=True,
            capture_output=True,
            text=True,
        )
        left = (
            "INSERT INTO llm_usage (created_at, profile, model, purpose, outcome)"
            " VALUES (?, ?, ?, ?, ?)"
        )
        for pid, until, host in (
            (int(ended.stdout), noon + 60, socket.gethostname()),  # killed mid-call
            (1, noon + 600, "elsewhere"),  # another machine's: counted once it expires
        ):
            outcome = f"in_flight {pid} {until:.0f} {host}"
            store.execute(left, (iso(noon), "gpt", GPT, "score", outcome))
        assert log.spend_since(0) == Spend(0.25, 0.25, 1)
        assert [c.outcome for c in log.calls()] == ["ok", "interrupted"]
        now[0] = noon + 61  # the running one's time is past: it cannot still be running
        assert log.spend_since(0) == Spend(0.25, 0.5, 2)
        now[0] = noon + 601
        assert log.spend_since(0) == Spend(0.25, 0.75, 3)
        (row,) = log.summary()
        assert (row.calls, row.failed, row.estimated_calls, row.estimated_usd) == (4, 3, 3, 0.75)
        # Its call ended after all: logged in its place, it counts as what it was.
        log.record_many([Call("gpt", GPT, "score", "ok", cost_usd=0.25)], landed=running.claim())
        assert log.spend_since(0) == Spend(0.5, 0.5, 2)
        assert UsageLog(store, clock=lambda: now[0]).spend_since(0) == Spend(0.5, 0.5, 2)
        assert [c.outcome for c in log.calls()] == ["ok", "interrupted", "interrupted", "ok"]


_EXITS_MID_CALL = """
import sys, threading
from pathlib import Path
from coachkit import QuestionBank, load_config
from coachkit.llm import LLMScorer
config = load_config(Path(sys.argv[1]))
scorer = LLMScorer(config.entry("gpt"), config)
question = QuestionBank.load().get("time-you-failed")
scorer.score(question, sys.argv[2])
# As a notebook scores: on a daemon thread, which the process does not wait for at exit.
threading.Thread(target=scorer.score, args=(question, sys.argv[2] + " Again."), daemon=True).start()
sys.stdin.readline()  # the request is in flight: the kernel shuts down, normally
"""


def test_a_request_in_flight_when_the_process_exits_is_logged_and_counted(
    server: FakeLLMServer, tmp_path: Path, coachkit_home: Path
) -> None:
    """A kernel shut down or restarted while a notebook's score waited on the provider
    (on a daemon thread) logged nothing of that request: $0 towards the day."""
    import os
    import subprocess
    import sys
    import time

    from fake_openai_server import Seen, fair_grade

    def slow_second(seen: Seen) -> Reply:
        reply = fair_grade(seen)
        reply.latency = 30.0 if server.hits == 2 else 0.0  # cut short by the server's stop
        return reply

    server.responder = slow_second
    params = {"model": GPT, "api_base": f"{server.url}/v1", "api_key": KEY}
    config = write_config(tmp_path / "c.yaml", {"gpt": params}, llm={"max_retries": 0})
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    with subprocess.Popen(
        [sys.executable, "-c", _EXITS_MID_CALL, str(config), STORY],
        stdin=subprocess.PIPE,
        env=env,
        text=True,
    ) as kernel:
        deadline = time.monotonic() + 120
        while server.hits < 2 and kernel.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.hits == 2
        assert kernel.communicate("\n", timeout=60) == (None, None)
    assert kernel.returncode == 0
    with Store(coachkit_home / "coachkit.db") as store:
        log = UsageLog(store)
        assert [call.outcome for call in log.calls()] == ["ok", "interrupted"]
        cost = log.calls()[0].cost_usd
        assert log.spend_since(0) == Spend(cost or 0.0, cost or 0.0, 1) and cost


def test_a_score_killed_mid_call_counts_towards_the_day(
    server: FakeLLMServer, tmp_path: Path, coachkit_home: Path
) -> None:
    """A process killed mid-call (SIGKILL, a kernel restart that ends in a kill) logged
    nothing: the provider may have billed the call, and neither `coachkit usage` nor the
    daily limit saw it. Its request is logged in flight before it is sent: while the
    process runs, another process does not take it for cut short; once it is gone, it
    counts as interrupted. The reply before it (invalid, so re-asked) is logged too."""
    import io
    import os
    import signal
    import subprocess
    import sys
    import time

    from fake_openai_server import Seen, fair_grade

    from coachkit import BudgetExceededError
    from coachkit.cli import main

    def answer_then_hang(seen: Seen) -> Reply:
        if server.hits == 2:  # the other process's first request: re-asked
            return Reply("not json at all")
        reply = fair_grade(seen)
        reply.latency = 0.0 if server.hits == 1 else 60.0  # the re-ask hangs till the kill
        return reply

    server.responder = answer_then_hang
    params = {"model": GPT, "api_base": f"{server.url}/v1", "api_key": KEY}
    # Room for the call below and the other process's reservation: not for a third.
    write_config(
        coachkit_home / "config.yaml",
        {"gpt": params},
        scorer="gpt",
        fallback=None,
        budget={"llm_scores_per_hour": None, "usd_per_day": 0.0004},
    )
    config = load_config()
    question = QuestionBank.load().get("time-you-failed")
    with Store(coachkit_home / "coachkit.db") as store:
        scorer = LLMScorer(config.entry("gpt"), config, store=store)
        cost = scorer.score(question, STORY).cost_usd
        assert cost == pytest.approx(0.000171)  # gpt-4o-mini's price of 420 + 180 tokens
        answer = tmp_path / "answer.txt"
        answer.write_text(STORY + " Again.", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
        command = [sys.executable, "-m", "coachkit", "score", "time-you-failed"]
        with subprocess.Popen(
            [*command, "--answer-file", str(answer)], env=env, stdout=subprocess.DEVNULL
        ) as other:
            deadline = time.monotonic() + 120
            while server.hits < 3 and other.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert server.hits == 3  # the re-ask is in flight
            # A call running in another process is not cut short: it counts nothing yet.
            log = UsageLog(store)
            assert [c.outcome for c in log.calls()] == ["ok", "invalid_reply"]
            spend = log.spend_since(0)
            assert spend.known == pytest.approx(2 * cost) and spend.estimated_calls == 0
            os.kill(other.pid, signal.SIGKILL)
            assert other.wait(timeout=30) == -signal.SIGKILL
        log = UsageLog(store)
        assert [(c.purpose, c.outcome) for c in log.calls()] == [
            ("score", "ok"),
            ("score", "interrupted"),  # logged in flight before the first request
            ("score", "invalid_reply"),  # logged before the re-ask was sent
        ]
        spend = log.spend_since(0)
        assert (spend.known, spend.estimated, spend.estimated_calls) == pytest.approx(
            (2 * cost, cost, 1)
        )
        with pytest.raises(BudgetExceededError) as refused:
            scorer.score(question, STORY + " Once more.")
        assert str(refused.value).startswith(
            "Today's LLM spend is $0.0005 (incl. ~$0.0002 estimated for 1 call of unknown "
            "cost) of your $0.0004 budget"
        )
    assert server.hits == 3
    out = io.StringIO()
    assert main(["usage"], out=out) == 0
    shown = out.getvalue()
    row = next(line for line in shown.splitlines() if line.startswith("gpt ")).split()
    assert row[2:6] == ["3", "1", "2", "0"] and row[7] == "~$0.0005"  # calls ok failed cached
    assert "~ includes $0.0002 estimated for 1 call of unknown cost" in shown
    assert "spent today: $0.0005 of $0.0004 (incl. ~$0.0002 estimated for 1 call" in shown


# Run by a "kernel": a score, then one on a daemon thread (as a notebook scores) that
# stops where argv[3] says, says so, and stays there until the kernel shuts down normally.
_EXITS_BETWEEN = """
import sys, threading
from pathlib import Path
from coachkit import QuestionBank, load_config
from coachkit.llm import LLMScorer, client, scorer as scoring

def stop(*_):
    print("stopped", flush=True)
    threading.Event().wait()

config = load_config(Path(sys.argv[1]))
where = sys.argv[3]
if where == "send":  # granted, the request about to go out
    complete = client.LLMClient.complete
    def blocked(self, *args, **kwargs):
        if self.first_done:
            stop()
        self.first_done = True
        return complete(self, *args, **kwargs)
    client.LLMClient.first_done = False
    client.LLMClient.complete = blocked
if where == "reask":  # the reply read, found invalid: the re-ask not sent yet
    scoring.reask_messages = stop
llm = LLMScorer(config.entry("gpt"), config, sleep=stop)  # "retry": in the backoff
question = QuestionBank.load().get("time-you-failed")
llm.score(question, sys.argv[2])
threading.Thread(target=llm.score, args=(question, sys.argv[2] + " Again."), daemon=True).start()
sys.stdin.readline()
"""


@pytest.mark.parametrize(
    ("where", "logged"),
    [
        ("send", []),  # never sent: nothing counts
        ("reask", ["invalid_reply"]),  # the reply that came, not an interrupted call
        ("retry", ["server"]),  # the attempt that failed, $0
    ],
)
def test_a_kernel_shut_down_between_a_scores_requests_logs_what_they_were(
    server: FakeLLMServer, tmp_path: Path, coachkit_home: Path, where: str, logged: list[str]
) -> None:
    """A kernel shut down normally while its score sent nothing (granted, not sent yet; a
    reply read before the re-ask; a failed attempt before its retry) left the score's row
    in flight, counted as an interrupted call at the model's last cost: a call never sent
    counted, and a reply that came lost its own row (its cost, its outcome)."""
    import os
    import subprocess
    import sys

    from fake_openai_server import Seen, fair_grade

    def second(seen: Seen) -> Reply:
        if server.hits == 2 and where == "reask":
            return Reply("not json at all")
        if server.hits == 2 and where == "retry":
            return error_reply(500, "overloaded")
        return fair_grade(seen)

    server.responder = second
    params = {"model": GPT, "api_base": f"{server.url}/v1", "api_key": KEY}
    config = write_config(tmp_path / "c.yaml", {"gpt": params}, llm={"max_retries": 1})
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    with subprocess.Popen(
        [sys.executable, "-c", _EXITS_BETWEEN, str(config), STORY, where],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    ) as kernel:
        assert kernel.stdout is not None and kernel.stdout.readline() == "stopped\n"
        kernel.communicate("\n", timeout=60)
    assert kernel.returncode == 0
    with Store(coachkit_home / "coachkit.db") as store:
        log = UsageLog(store)
        calls = log.calls()
        assert [c.outcome for c in calls] == ["ok", *logged]
        assert log.spend_since(0) == Spend(sum(c.cost_usd or 0.0 for c in calls))
        assert calls[0].cost_usd and log.spend_since(0).estimated_calls == 0
        (flying,) = store.query("SELECT COUNT(*) FROM llm_usage WHERE outcome GLOB 'in_flight *'")
        assert flying[0] == 0


def test_an_answer_too_long_is_refused_before_the_budget_or_the_log_is_written(
    server: FakeLLMServer, tmp_path: Path, store: Store
) -> None:
    """The length check (and litellm's first import, 3-6 s) came after the budget's grant,
    which logs the request in flight: a process killed meanwhile counted a call never
    sent, and an answer too long took a score, gave it back and took the row out, 3
    commits for a request never made. The checks that can refuse come first."""
    from coachkit.errors import ProviderError
    from coachkit.llm.client import LLMClient

    params = {"model": GPT, "api_base": f"{server.url}/v1", "api_key": KEY}
    config = load_config(
        write_config(tmp_path / "c.yaml", {"gpt": params}, llm={"max_answer_chars": 2000})
    )
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    question = QuestionBank.load().get("time-you-failed")
    flying: list[int] = []
    check = LLMClient.check_length

    def checked(self: LLMClient, *args: object) -> None:
        (rows,) = store.query("SELECT COUNT(*) FROM llm_usage WHERE outcome GLOB 'in_flight *'")
        flying.append(rows[0])
        check(self, *args)  # type: ignore[arg-type]

    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LLMClient, "check_length", checked)
        with pytest.raises(ProviderError, match="LLM scoring reads at most 2,000"):
            scorer.score(question, STORY * 10)
        scorer.score(question, STORY)
    store.connection.set_trace_callback(None)
    assert flying == [0, 0] and server.hits == 1
    assert statements.count("BEGIN IMMEDIATE") == 2  # the second score's alone
