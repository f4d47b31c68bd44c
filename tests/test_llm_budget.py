"""The user's own budget: scores per hour (persisted, shared) and dollars per day."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    error_reply,
    fair_grade,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import BudgetExceededError, NewerDatabaseError, QuestionBank, Store, load_config
from coachkit.config import Budget, Config
from coachkit.errors import DatabaseBusyError, StoreError
from coachkit.llm import BudgetGate, FallbackScorer, LLMScorer, UsageLog, score_batch
from coachkit.llm.budget import _dollars, day_spent, day_start, next_day, when_said
from coachkit.llm.usage import Call, iso
from coachkit.scoring import LocalScorer
from coachkit.store import MIGRATIONS, SCHEMA_VERSION

pytestmark = pytest.mark.usefixtures("loopback_only")
NOON = 1_790_000_000.0  # a fixed "now"; the budget reads time only through its clock


class Clock:
    def __init__(self, now: float = NOON) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _config(tmp_path: Path, server: FakeLLMServer, budget: dict[str, object]) -> Config:
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    return load_config(
        write_config(tmp_path / "c.yaml", {"gpt": params}, scorer="gpt", budget=budget)
    )


def _scorer(config: Config, store: Store, clock: Clock) -> LLMScorer:
    return LLMScorer(config.entry("gpt"), config, store=store, clock=clock)


def test_the_hourly_budget_runs_out_and_says_when_it_refills(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    clock = Clock()
    config = _config(tmp_path, server, {"llm_scores_per_hour": 2, "usd_per_day": None})
    scorer = _scorer(config, store, clock)
    question = bank.get("time-you-failed")
    scorer.score(question, STORY)
    scorer.score(question, STORY + " Twice.")
    with pytest.raises(BudgetExceededError) as raised:
        scorer.score(question, STORY + " Thrice.")
    message = str(raised.value)
    assert "2 scores per hour is used up" in message
    assert "the next LLM score comes at " in message and ", in 30 min." in message
    assert "budget.llm_scores_per_hour" in message
    # The default fallback stands in, and its note says so: this message does not.
    assert "local" not in message
    assert raised.value.exit_code == 3 and server.hits == 2

    clock.now += 30 * 60  # half an hour refills one score
    scorer.score(question, STORY + " Thrice.")
    with pytest.raises(BudgetExceededError):
        scorer.score(question, STORY + " Four times.")
    assert server.hits == 3


def test_a_budget_of_one_score_an_hour_is_worded_in_the_singular(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """It said "Your LLM budget of 1 scores per hour is used up"."""
    config = _config(tmp_path, server, {"llm_scores_per_hour": 1, "usd_per_day": None})
    scorer = _scorer(config, store, Clock())
    question = bank.get("time-you-failed")
    scorer.score(question, STORY)
    with pytest.raises(BudgetExceededError, match="Your LLM budget of 1 score per hour is used"):
        scorer.score(question, STORY + " Twice.")


def test_the_bucket_survives_a_restart(tmp_path: Path) -> None:
    db, clock = tmp_path / "b.db", Clock()
    budget = Budget(llm_scores_per_hour=3, usd_per_day=None)
    with Store(db) as store:
        gate = BudgetGate(store, budget, UsageLog(store), clock=clock)
        for _ in range(3):
            gate.take()
    with Store(db) as reopened:  # a kernel restart
        gate = BudgetGate(reopened, budget, UsageLog(reopened), clock=clock)
        with pytest.raises(BudgetExceededError):
            gate.take()
        assert gate.status().scores_left == 0


def test_two_notebooks_share_one_bucket(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from coachkit.store import Store
        from coachkit.config import Budget
        from coachkit.errors import DatabaseBusyError, BudgetExceededError
        from coachkit.llm import BudgetGate, UsageLog
        store = Store(sys.argv[1])
        gate = BudgetGate(
            store, Budget(llm_scores_per_hour=25, usd_per_day=None), UsageLog(store),
            clock=lambda: 1_790_000_000.0,
        )
        granted = 0
        for _ in range(20):
            try:
                gate.take()
                granted += 1
            except BudgetExceededError:
                pass
        print(granted)
        """
    )
    db = str(tmp_path / "shared.db")
    with Store(db) as store:  # created and migrated up front: the two processes only race
        store.save_draft("created", "yes")  # on the bucket (a first write creates the file)
    runs = [
        subprocess.Popen([sys.executable, "-c", script, db], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    granted = [int(run.communicate(timeout=120)[0]) for run in runs]
    assert sum(granted) == 25 and all(g > 0 for g in granted)


def test_a_failed_call_gives_its_score_back(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    server.script(error_reply(401, "bad key"))
    clock = Clock()
    config = _config(tmp_path, server, {"llm_scores_per_hour": 1, "usd_per_day": None})
    scorer = _scorer(config, store, clock)
    with pytest.raises(Exception, match="rejected the API key"):
        scorer.score(bank.get("time-you-failed"), STORY)
    assert scorer.budget.status().scores_left == 1
    scorer.score(bank.get("time-you-failed"), STORY)  # the one score is still there


def test_ctrl_c_during_a_call_gives_its_score_back(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    def interrupted(**_: object) -> None:
        raise KeyboardInterrupt  # the user pressed Ctrl-C while the provider was thinking

    config = _config(tmp_path, server, {"llm_scores_per_hour": 1, "usd_per_day": None})
    scorer = LLMScorer(
        config.entry("gpt"), config, store=store, completion=interrupted, clock=Clock()
    )
    with pytest.raises(KeyboardInterrupt):
        scorer.score(bank.get("time-you-failed"), STORY)
    assert scorer.budget.status().scores_left == 1 and server.hits == 0


def test_a_cached_score_costs_no_budget(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config = _config(tmp_path, server, {"llm_scores_per_hour": 1, "usd_per_day": None})
    scorer = _scorer(config, store, Clock())
    scorer.score(bank.get("time-you-failed"), STORY)
    scorer.score(bank.get("time-you-failed"), STORY)
    assert server.hits == 1


def test_the_daily_dollar_limit_uses_litellms_cost(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    clock = Clock()
    config = _config(tmp_path, server, {"llm_scores_per_hour": None, "usd_per_day": 0.0001})
    scorer = _scorer(config, store, clock)
    card = scorer.score(bank.get("time-you-failed"), STORY)
    assert card.cost_usd and card.cost_usd > 0  # gpt-4o-mini prices, 420 + 180 tokens
    with pytest.raises(BudgetExceededError) as raised:
        scorer.score(bank.get("time-you-failed"), STORY + " Again.")
    assert "of your $0.0001 budget" in str(raised.value)
    assert "budget.usd_per_day" in str(raised.value) and "resets at 00:00" in str(raised.value)
    clock.now += 86_400  # tomorrow
    scorer.score(bank.get("time-you-failed"), STORY + " Again.")
    assert server.hits == 2


def test_a_zero_budget_switches_llm_scoring_off(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config = _config(tmp_path, server, {"llm_scores_per_hour": 0})
    with pytest.raises(BudgetExceededError, match="switched off"):
        _scorer(config, store, Clock()).score(bank.get("time-you-failed"), STORY)
    assert server.hits == 0


def test_when_spent_the_fallback_scores_and_the_card_says_why(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    config = _config(tmp_path, server, {"llm_scores_per_hour": 0})
    scorer = FallbackScorer(_scorer(config, store, Clock()), LocalScorer())
    card = scorer.score(bank.get("time-you-failed"), STORY)
    assert card.scorer == "local"
    assert "gpt could not score: " in card.notes[-1] and "switched off" in card.notes[-1]


def test_a_spent_budget_note_ends_its_bracket_once(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """It read "(Raise budget.llm_scores_per_hour in your config to allow more.). Scored
    by local instead.": the bracket's own period, then another."""
    config = _config(tmp_path, server, {"llm_scores_per_hour": 1, "usd_per_day": None})
    scorer = FallbackScorer(_scorer(config, store, Clock()), LocalScorer())
    question = bank.get("time-you-failed")
    assert scorer.score(question, STORY).scorer == "gpt"
    card = scorer.score(question, STORY + " Again.")
    assert card.notes[-1].endswith("to allow more.) Scored by local instead.")
    assert card.stood_in == card.notes[-1]


def test_when_spent_with_an_llm_fallback_local_scores_and_no_message_promises_it(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """The budget is every LLM profile's: an LLM fallback cannot stand in for it."""
    from coachkit.scoring.registry import make_scorer

    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0"}
    config = load_config(
        write_config(
            tmp_path / "c.yaml",
            {"gpt": params, "gpt2": {**params, "model": "openai/gpt-4o"}},
            scorer="gpt",
            fallback="gpt2",
            budget={"llm_scores_per_hour": 1, "usd_per_day": None},
        )
    )
    scorer = make_scorer("gpt", config, store=store)
    question = bank.get("time-you-failed")
    assert scorer.score(question, STORY).scorer == "gpt"
    card = scorer.score(question, STORY + " Again.")
    assert card.scorer == "local" and server.hits == 1
    note = card.notes[-1]
    assert note.endswith(
        "The budget is shared by every LLM profile, so the fallback gpt2 cannot stand in. "
        "Scored by local instead."
    )
    assert note.count("local") == 1 and card.stood_in == note


def test_status_describes_what_is_left(tmp_path: Path, store: Store) -> None:
    gate = BudgetGate(store, Budget(llm_scores_per_hour=2, usd_per_day=1.0), UsageLog(store))
    gate.take()
    assert gate.describe().startswith("scores left this hour: 1 of 2; spent today: $0.00 of $1.00")


def test_a_score_part_refilled_is_not_shown_as_left(store: Store) -> None:
    """0.6 of a score is no score: "1 of 1 left" would promise one the next take refuses."""
    clock = Clock()
    budget = Budget(llm_scores_per_hour=1, usd_per_day=None)
    gate = BudgetGate(store, budget, UsageLog(store), clock=clock)
    gate.take()
    clock.now += 36 * 60
    status = gate.status()
    assert status.scores_left == 0 and status.next_score_at == pytest.approx(NOON + 3600)
    assert gate.describe().startswith("scores left this hour: 0 of 1, the next at")
    with pytest.raises(BudgetExceededError, match="in 24 min"):
        gate.take()


def test_a_small_daily_limit_is_shown_as_set_not_rounded_to_nothing(
    tmp_path: Path, store: Store
) -> None:
    gate = BudgetGate(store, Budget(usd_per_day=0.0002), UsageLog(store))
    assert gate.describe().endswith("spent today: $0.00 of $0.0002")


def test_a_limit_changed_in_the_config_takes_effect_at_once(tmp_path: Path, store: Store) -> None:
    clock = Clock()

    def gate(per_hour: int) -> BudgetGate:  # a new config read, as a restarted kernel does
        budget = Budget(llm_scores_per_hour=per_hour, usd_per_day=None)
        return BudgetGate(store, budget, UsageLog(store), clock=clock)

    small = gate(3)
    for _ in range(3):
        small.take()
    with pytest.raises(BudgetExceededError):
        small.take()
    raised = gate(300)
    raised.take()  # 297 more, not a refill from empty at the new rate
    assert raised.status().scores_left == 296
    assert gate(300).status().scores_left == 296  # another notebook: counted once
    assert gate(500).status().scores_left == 496  # shown as it will be at the next score,
    assert gate(300).status().scores_left == 296  # but only a score writes the change
    lowered = gate(2)
    assert lowered.status().scores_left == 0  # 296 - 298: never below empty
    with pytest.raises(BudgetExceededError):
        lowered.take()


def test_the_bucket_refills_by_the_clock(tmp_path: Path, store: Store) -> None:
    # 6 an hour: one every 10 minutes, never more than 6 saved up.
    clock = Clock()
    gate = BudgetGate(
        store, Budget(llm_scores_per_hour=6, usd_per_day=None), UsageLog(store), clock=clock
    )
    for _ in range(6):
        gate.take()
    with pytest.raises(BudgetExceededError, match="in 10 min"):
        gate.take()
    clock.now += 15 * 60  # one and a half scores come back
    gate.take()
    assert gate.status().scores_left == 0
    with pytest.raises(BudgetExceededError, match="in 5 min"):
        gate.take()
    clock.now += 24 * 3600  # a day idle fills the bucket only to its size
    for _ in range(6):
        gate.take()
    with pytest.raises(BudgetExceededError):
        gate.take()


def test_a_spent_budget_is_said_before_litellms_slow_first_import(tmp_path: Path) -> None:
    """Hearing that the budget was spent took the six seconds of litellm's first import."""
    path = write_config(
        tmp_path / "c.yaml",
        {"gpt": {"model": "openai/gpt-4o-mini", "api_key": "sk-test-0000"}},
        budget={"llm_scores_per_hour": 0},
    )
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from coachkit import BudgetExceededError, QuestionBank, Store, load_config\n"
        "from coachkit.llm import LLMScorer\n"
        f"config = load_config(Path({str(path)!r}))\n"
        f"store = Store(Path({str(tmp_path / 'db.sqlite')!r}))\n"
        "scorer = LLMScorer(config.entry('gpt'), config, store=store)\n"
        "try:\n"
        "    scorer.score(QuestionBank.load().get('time-you-failed'), 'I led the migration.')\n"
        "except BudgetExceededError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('scored')\n"
        "assert 'litellm' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("budget", "said"),
    [
        ({"llm_scores_per_hour": 0}, "switched off"),
        ({"usd_per_day": 0}, "Raise budget.usd_per_day"),
    ],
)
def test_a_spent_budget_is_said_over_an_answer_too_long(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    budget: dict[str, object],
    said: str,
) -> None:
    """The length is checked before the budget is taken now; the budget's refusal is
    still the one said (the fallback it brings is the local scorer, not another profile)."""
    params = {"model": MODEL, "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(
        tmp_path / "c.yaml", {"gpt": params}, budget=budget, llm={"max_answer_chars": 200}
    )
    config = load_config(path)
    with pytest.raises(BudgetExceededError, match=said):
        _scorer(config, store, Clock()).score(bank.get("time-you-failed"), STORY * 2)
    assert server.hits == 0


def test_calls_made_at_once_cannot_overshoot_the_daily_dollars_together(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Eight answers four at a time against $0.0003 a day spent $0.000684: each call
    found the day's money unspent, because spend is known only once a call is back."""
    server.responder = lambda seen: replace(fair_grade(seen), latency=0.2)
    config = _config(tmp_path, server, {"llm_scores_per_hour": None, "usd_per_day": 0.0003})
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    question = bank.get("time-you-failed")
    jobs = [(question, f"{STORY} Take {n}.") for n in range(8)]

    outcomes = score_batch(scorer, jobs, concurrency=4, progress=False)

    one_call = 0.000171  # gpt-4o-mini's price for the fake server's 420 + 180 tokens
    spent = scorer.usage.cost_since(0)
    assert server.hits == 2 and spent <= 0.0003 + one_call
    refused = [str(o.error) for o in outcomes if o.card is None]
    assert len(refused) == 6 and all("of your $0.0003 budget" in r for r in refused)
    assert any("calls still running may take the rest" in r for r in refused)


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is London's, whose clocks change at 01:00 UTC."""
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "moment",
    ["2026-03-29T00:30", "2026-03-29T12:00", "2026-10-25T00:30", "2026-10-25T12:00", "2026-07-01"],
)
@pytest.mark.usefixtures("london")
def test_the_day_runs_from_local_midnight_to_midnight_when_the_clocks_change(moment: str) -> None:
    """On the days the clocks go forward (23 hours) and back (25), the day began an hour
    off after the change: at 23:00 the evening before, or at 01:00, as midnight was
    worked out at the offset in force at noon, not at midnight."""
    now = datetime.fromisoformat(moment)  # local, as the user reads the clock
    midnight = datetime(now.year, now.month, now.day)
    assert datetime.fromtimestamp(day_start(now.timestamp())) == midnight
    assert datetime.fromtimestamp(next_day(now.timestamp())) == midnight + timedelta(days=1)


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(0.5, "in under a minute"), (75, "in 75 min"), (89, "in 89 min"), (90, "in 1 h 30 min")],
)
def test_a_wait_is_said_in_minutes_up_to_an_hour_and_a_half(minutes: float, said: str) -> None:
    assert when_said(NOON, NOON + minutes * 60).endswith(said)


def test_a_spend_over_the_limit_never_reads_as_equal_to_it() -> None:
    assert _dollars(0.000342, 0.0003) == ("$0.00034", "$0.00030")
    assert _dollars(0.5, 0.25) == ("$0.50", "$0.25")
    assert _dollars(0.0003, 0.0003) == ("$0.0003", "$0.0003")


def test_a_call_refused_only_for_calls_still_running_says_so(store: Store) -> None:
    """It said "resets at 00:00" while most of the day's money was unspent."""
    model = "openai/gpt-4o-mini"
    usage = UsageLog(store)
    usage.record(Call("gpt", model, "score", "ok", cost_usd=0.000171))
    gate = BudgetGate(store, Budget(llm_scores_per_hour=None, usd_per_day=0.0003), usage)
    running = gate.take(model)  # sets the last call's cost aside
    with pytest.raises(BudgetExceededError) as refused:
        gate.take(model)
    said = str(refused.value)
    assert "calls still running may take the rest" in said and "resets" not in said
    gate.settle(running, None)  # it failed: what it set aside is free again
    assert gate.take(model) is not None


def test_a_call_that_got_no_answer_teaches_no_price(store: Store) -> None:
    """A failed first call was kept as the model's price, $0: calls made at once after
    it set nothing aside and overshot the daily limit together."""
    from coachkit.llm.scorer import _cost_of

    model = "openai/gpt-4o-mini"
    gate = BudgetGate(store, Budget(llm_scores_per_hour=None, usd_per_day=1.0), UsageLog(store))
    timed_out = [Call("gpt", model, "score", "timeout")]
    unpriced = [Call("gpt", model, "score", "ok")]
    assert _cost_of(timed_out) is None and _cost_of(unpriced) == 0.0
    gate.settle(gate.take(model), _cost_of(timed_out))
    assert gate._estimate(model) is None  # still unknown: the next call goes alone
    gate.settle(gate.take(model), 0.000171)
    assert gate._estimate(model) == 0.000171


def test_an_answer_without_a_price_does_not_unteach_a_known_one(store: Store) -> None:
    """A model priced at its last call keeps that price when one answer comes back unpriced:
    kept as $0, the calls made next would set nothing aside and overshoot the day together."""
    model = "openai/gpt-4o-mini"
    gate = BudgetGate(store, Budget(llm_scores_per_hour=None, usd_per_day=1.0), UsageLog(store))
    gate.settle(gate.take(model), 0.000171)
    gate.settle(gate.take(model), 0.0)
    assert gate._estimate(model) == 0.000171


def test_a_look_before_litellms_import_counts_what_calls_running_now_set_aside(
    store: Store,
) -> None:
    """The look that says a spent budget before litellm's slow first import (and over an
    answer too long) refuses as the reservation would: the rest is held by a running call."""
    usage = _spent_once(store, 0.25)
    budget = Budget(llm_scores_per_hour=None, usd_per_day=0.5)
    gate = BudgetGate(store, budget, usage, clock=Clock())
    running = gate.take(MODEL)  # sets the last call's $0.25 aside: the day's rest
    with pytest.raises(BudgetExceededError, match="calls still running may take the rest"):
        gate.look()
    gate.settle(running, None)
    gate.look()  # free again: nothing to say


# -- reservations shared by processes -----------------------------------------------------
MODEL = "openai/gpt-4o-mini"
HERE = socket.gethostname()
# Run by each "notebook": once told to start, reserves calls of MODEL (never settled: they
# stay in flight) until refused, says how many it got, then holds them until told to end
# (a process that ended would hold nothing back).
_RESERVER = textwrap.dedent(
    """
    import sys, time
    from coachkit.store import Store
    from coachkit.config import Budget
    from coachkit.errors import BudgetExceededError
    from coachkit.llm import BudgetGate, UsageLog
    store = Store()  # $COACHKIT_HOME/coachkit.db, shared
    clock = lambda: 1_790_000_000.0
    gate = BudgetGate(
        store, Budget(llm_scores_per_hour=None, usd_per_day=float(sys.argv[1])),
        UsageLog(store, clock=clock), clock=clock,
    )
    print("ready", flush=True)
    # Both start at one moment, however late each reads its pipe on a busy machine.
    time.sleep(max(0.0, float(sys.stdin.readline().split()[1]) - time.time()))
    held = []
    for _ in range(200):
        try:
            held.append(gate.take(sys.argv[2]))
        except BudgetExceededError:
            pass
        time.sleep(0.005)  # as calls are made: the other process takes turns
    print(len(held), flush=True)
    sys.stdin.readline()
    """
)


def _spent_once(store: Store, cost: float) -> UsageLog:
    """A usage log that has seen one call of MODEL at ``cost`` today (NOON's day)."""
    usage = UsageLog(store, clock=Clock())
    usage.record(Call("gpt", MODEL, "score", "ok", cost_usd=cost))
    return usage


def _reserved(store: Store) -> float:
    return float(store.query("SELECT COALESCE(SUM(usd), 0) FROM llm_reservations")[0][0])


@contextmanager
def _racing(script: str, *args: str) -> Iterator[list[int]]:
    """Two processes running ``script`` started at one moment: how many calls each got,
    while they still hold them (they end once the block is left)."""
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        pipes = [(run.stdin, run.stdout) for run in runs if run.stdin and run.stdout]
        assert [out.readline() for _, out in pipes] == ["ready\n"] * 2
        at = time.time() + 0.5
        for into, _ in pipes:  # both at once
            into.write(f"start {at}\n")
            into.flush()
        yield [int(out.readline()) for _, out in pipes]
    finally:
        for run in runs:
            run.communicate("end\n", timeout=60)


def test_two_processes_reserving_at_once_stop_at_the_daily_limit_together(
    coachkit_home: Path,
) -> None:
    """Reservations were kept per process: two notebooks reserving at once each found the
    day's money unspent by the other's calls, and overshot the limit by a call each."""
    with Store() as store:  # created, migrated and priced up front: the processes only race
        _spent_once(store, 1 / 64)  # then 127 calls at 1/64 dollar fill the $2 exactly
    with _racing(_RESERVER, "2.0", MODEL) as granted, Store() as store:
        assert sum(granted) == 127 and all(granted)
        assert 1 / 64 + _reserved(store) == 2.0  # never more than the limit


# The same with an hourly limit too (argv[3]): each call takes the hour's score and the
# day's dollars in one transaction.
_TAKER = _RESERVER.replace("llm_scores_per_hour=None", "llm_scores_per_hour=int(sys.argv[3])")


@pytest.mark.parametrize(
    ("per_hour", "per_day", "granted"),
    [(25, 100.0, 25), (1000, 2.0, 127)],  # the hour stops them, or the day's $2 at 1/64 a call
)
def test_two_processes_taking_scores_and_dollars_at_once_stop_at_either_limit_together(
    coachkit_home: Path, per_hour: int, per_day: float, granted: int
) -> None:
    """The hour's score and the day's reservation are one transaction: two notebooks
    taking both at once never overshoot either, and a call refused by one takes nothing
    of the other (the bucket keeps the scores of calls the dollars refused)."""
    with Store() as store:  # created, migrated and priced up front: the processes only race
        _spent_once(store, 1 / 64)
    with _racing(_TAKER, str(per_day), MODEL, str(per_hour)) as taken, Store() as store:
        assert sum(taken) == granted and all(taken)
        assert 1 / 64 + _reserved(store) <= per_day
        budget = Budget(llm_scores_per_hour=per_hour, usd_per_day=per_day)
        gate = BudgetGate(store, budget, UsageLog(store), clock=Clock())
        assert gate.status().scores_left == per_hour - granted


def _ended_pid() -> int:
    """The id of a process that has run and ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def _hold(store: Store, *, host: str, pid: int, expires_at: float, usd: float = 0.25) -> None:
    store.execute(
        "INSERT INTO llm_reservations (model, usd, host, pid, expires_at) VALUES (?, ?, ?, ?, ?)",
        (MODEL, usd, host, pid, expires_at),
    )


def test_a_reservation_whose_process_ended_or_that_expired_holds_nothing_back(
    store: Store,
) -> None:
    """A notebook killed mid-call (a kernel restart) must not leave the day's money held."""
    usage = _spent_once(store, 0.25)
    gate = BudgetGate(
        store, Budget(llm_scores_per_hour=None, usd_per_day=0.5), usage, clock=Clock()
    )
    _hold(store, host=HERE, pid=_ended_pid(), expires_at=NOON + 900)  # killed: its pid is gone
    _hold(store, host="elsewhere", pid=1, expires_at=NOON - 1)  # another machine's, expired
    running = gate.take(MODEL)  # the two left behind hold none of the $0.25 left
    assert running is not None and running.amount == 0.25
    assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 1  # cleaned away
    with pytest.raises(BudgetExceededError, match="calls still running"):
        gate.take(MODEL)
    gate.settle(running, 0.25)

    # One whose process still runs here, or that another machine holds unexpired, counts.
    with subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    ) as alive:
        _hold(store, host=HERE, pid=alive.pid, expires_at=NOON + 900)
        with pytest.raises(BudgetExceededError, match="calls still running"):
            gate.take(MODEL)
        alive.communicate(timeout=60)
    assert gate.take(MODEL) is not None
    store.execute("DELETE FROM llm_reservations")
    _hold(store, host="elsewhere", pid=1, expires_at=NOON + 1)
    with pytest.raises(BudgetExceededError, match="calls still running"):
        gate.take(MODEL)


def test_a_call_waits_for_another_processs_first_call_to_say_what_a_call_costs(
    coachkit_home: Path,
) -> None:
    """The first call of a model not yet priced goes alone: in another process too."""
    first = textwrap.dedent(
        """
        import sys
        from coachkit.store import Store
        from coachkit.config import Budget
        from coachkit.llm import BudgetGate, UsageLog
        from coachkit.llm.usage import Call
        store = Store()
        clock = lambda: 1_790_000_000.0
        usage = UsageLog(store, clock=clock)
        gate = BudgetGate(store, Budget(usd_per_day=1.0), usage, clock=clock)
        reservation = gate.take(sys.argv[1])
        print("calling", flush=True)
        sys.stdin.readline()  # the provider thinks
        usage.record(Call("gpt", sys.argv[1], "score", "ok", cost_usd=0.25))
        gate.settle(reservation, 0.25)
        """
    )
    with Store() as store:
        store.save_draft("created", "yes")
        other = subprocess.Popen(
            [sys.executable, "-c", first, MODEL],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert other.stdout and other.stdout.readline() == "calling\n"
        answered = threading.Timer(0.5, lambda: other.communicate("\n", timeout=60))
        answered.start()
        gate = BudgetGate(store, Budget(usd_per_day=1.0), UsageLog(store), clock=Clock())
        started = time.monotonic()
        reservation = gate.take(MODEL)
        waited = time.monotonic() - started
        answered.join()
    assert waited >= 0.4  # it waited for the other's call
    assert reservation is not None and reservation.amount == 0.25  # and set its price aside


class _InstantWaits:
    """The budget's waits for a first price, on a clock of their own that each wait
    moves on at once by its timeout: how long it waited, told without waiting."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.waited = 0.0

    def monotonic(self) -> float:
        return self.now

    def wait(self, seen: int, timeout: float) -> None:
        self.now += timeout
        self.waited += timeout


def _instant_waits(monkeypatch: pytest.MonkeyPatch) -> _InstantWaits:
    import types

    from coachkit.llm import budget

    waits = _InstantWaits()
    monkeypatch.setattr(budget, "time", types.SimpleNamespace(monotonic=waits.monotonic))
    monkeypatch.setattr(budget._settles, "wait", waits.wait)
    return waits


def test_the_wait_for_a_first_price_is_bounded(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first call that never settles (left running, or its row left behind) keeps the
    others waiting a while, not forever."""
    import os

    from coachkit.llm import budget

    monkeypatch.setattr(budget, "FIRST_PRICE_WAIT", 0.3)
    waits = _instant_waits(monkeypatch)
    _hold(store, host=HERE, pid=os.getpid(), expires_at=NOON + 900, usd=0.0)
    gate = BudgetGate(store, Budget(usd_per_day=1.0), UsageLog(store), clock=Clock())
    reservation = gate.take(MODEL)
    assert waits.waited == pytest.approx(0.3)  # the whole wait, and no more
    assert reservation is not None and reservation.amount == 0.0


def test_a_spent_hour_is_said_at_once_not_after_the_wait_for_a_first_price(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With another call of the model in flight and no price known, a call waits for
    its price; with the hour's scores spent too, it waited, then was refused anyway."""
    import os

    from coachkit.llm import budget

    def waited(*_: object) -> None:
        raise AssertionError("waited for a price though the hour's scores are spent")

    monkeypatch.setattr(budget._settles, "wait", waited)
    _hold(store, host=HERE, pid=os.getpid(), expires_at=NOON + 900, usd=0.0)
    gate = BudgetGate(
        store, Budget(llm_scores_per_hour=1, usd_per_day=1.0), UsageLog(store), clock=Clock()
    )
    gate._take_score(NOON)  # the hour's one score, spent
    with pytest.raises(BudgetExceededError, match="per hour is used up"):
        gate.take(MODEL)
    assert gate.status().scores_left == 0  # nothing taken, nothing given back twice


def test_a_call_refused_for_dollars_gives_its_hourly_score_back(store: Store) -> None:
    usage = _spent_once(store, 0.25)
    budget = Budget(llm_scores_per_hour=2, usd_per_day=0.25)
    gate = BudgetGate(store, budget, usage, clock=Clock())
    with pytest.raises(BudgetExceededError, match="Today's LLM spend"):
        gate.take(MODEL)
    assert gate.status().scores_left == 2


def test_a_spent_day_is_said_over_a_spent_hour(store: Store) -> None:
    """Both spent: the hour's message promised a score within the hour, which the day's
    dollars then refused; the day's says when scoring comes back."""
    usage = _spent_once(store, 0.25)
    gate = BudgetGate(store, Budget(llm_scores_per_hour=1, usd_per_day=0.25), usage, clock=Clock())
    gate._take_score(NOON)  # the hour's one score, spent
    with pytest.raises(BudgetExceededError, match=r"Today's LLM spend is .* it resets"):
        gate.take(MODEL)
    assert gate.status().scores_left == 0


def test_a_store_failing_the_dollar_check_is_the_error_told_not_the_refunds(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = BudgetGate(store, Budget(llm_scores_per_hour=2, usd_per_day=1.0), UsageLog(store))

    def busy(*_: object) -> None:
        raise DatabaseBusyError("coachkit.db is busy: another program is writing to it")

    monkeypatch.setattr(gate, "_check_dollars", busy)

    def refund() -> None:
        raise StoreError("the refund could not be written either")

    monkeypatch.setattr(gate, "refund", refund)
    with pytest.raises(DatabaseBusyError, match="is busy"):
        gate.take(MODEL)


def test_ctrl_c_after_the_hours_grant_gives_the_held_score_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted before its request was logged in flight, a score sends nothing: its
    hold is still its own, so the score goes back to the hour."""
    from coachkit.llm.client import hold

    gate = BudgetGate(store, Budget(llm_scores_per_hour=2, usd_per_day=None), UsageLog(store))

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(gate, "_granted", interrupted)
    held = hold(gate.refund)
    with pytest.raises(KeyboardInterrupt):
        gate.take(MODEL, held)
    assert gate.status().scores_left == 2 and held.over


def test_the_budget_line_says_what_calls_running_now_set_aside(store: Store) -> None:
    """`coachkit usage` and Settings said only what was spent, while calls in flight
    held part of the rest (a score refused "for calls still running" looked unexplained)."""
    usage = _spent_once(store, 0.25)
    budget = Budget(llm_scores_per_hour=None, usd_per_day=1.0)
    gate = BudgetGate(store, budget, usage, clock=Clock())
    running = gate.take(MODEL)
    assert gate.status().usd_reserved == 0.25
    assert gate.describe().endswith(
        "spent today: $0.25 of $1.00 ($0.25 set aside for calls running now)"
    )
    gate.settle(running, 0.25)
    assert gate.status().usd_reserved == 0.0 and "set aside" not in gate.describe()


def test_a_settled_call_leaves_no_reservation_and_no_limit_touches_none(store: Store) -> None:
    usage = _spent_once(store, 0.25)
    gate = BudgetGate(store, Budget(llm_scores_per_hour=None, usd_per_day=5.0), usage)
    reservation = gate.take(MODEL)
    assert _reserved(store) == 0.25
    gate.settle(reservation, 0.25)
    gate.settle(reservation, 0.25)  # twice is once
    assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 0

    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    unlimited = BudgetGate(store, Budget(llm_scores_per_hour=None, usd_per_day=None), usage)
    unlimited.settle(unlimited.take(MODEL), 0.25)  # the hot path without a daily limit
    store.connection.set_trace_callback(None)
    assert statements == []


def test_a_schema_3_database_migrates_and_reserves(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path)) as conn:
        for migration in MIGRATIONS[:3]:
            migration(conn)
        conn.execute("PRAGMA user_version = 3")
        conn.execute(
            "INSERT INTO llm_usage (created_at, profile, model, purpose, outcome, cost_usd)"
            " VALUES (?, 'gpt', ?, 'score', 'ok', 0.25)",
            (iso(NOON), MODEL),
        )
        conn.commit()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 4
        usage = UsageLog(store)
        gate = BudgetGate(store, Budget(usd_per_day=0.5), usage, clock=Clock())
        reservation = gate.take(MODEL)  # the old usage log still prices the call
        assert reservation is not None and reservation.amount == 0.25
        assert _reserved(store) == 0.25


def test_a_database_from_a_newer_coachkit_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with Store(path) as store:
        store.save_draft("q", "words")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE later (x)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError) as refused:
        Store(path)
    assert f"schema {SCHEMA_VERSION + 1}; this one knows {SCHEMA_VERSION}" in str(refused.value)
    assert "Update coachkit" in str(refused.value)
    assert path.read_bytes() == before


def test_a_scores_reservation_expires_after_the_longest_its_calls_can_take(
    server: FakeLLMServer, tmp_path: Path, store: Store
) -> None:
    """A score is a call and at most one re-ask, each up to 1 + max_retries attempts (one
    more if the schema is refused) of `timeout`, with pauses of up to 20 s between."""
    params = {
        "model": MODEL,
        "api_base": f"{server.url}/v1",
        "api_key": "k-0000",
        "timeout": 10,
        "max_retries": 1,
    }
    config = load_config(
        write_config(tmp_path / "c.yaml", {"gpt": params}, scorer="gpt", budget={})
    )
    gate = _scorer(config, store, Clock()).budget
    gate.take(MODEL)
    (expires_at,) = store.query("SELECT expires_at FROM llm_reservations")[0]
    assert expires_at == NOON + 2 * (3 * 10 + 1 * 20) + 120


def _logs_calls(sql: str) -> bool:
    """A statement logging calls that ended: not the row logging one in flight, written
    with the budget's grant before the call goes out."""
    return sql.startswith("INSERT INTO llm_usage") and "prompt_tokens" in sql


def test_a_scores_cost_is_logged_and_its_reservation_released_in_one_commit(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Released after the log's commit, the call's cost was counted twice meanwhile (logged
    and still reserved): a call checked then, in another process, was refused for nothing."""
    config = _config(tmp_path, server, {"llm_scores_per_hour": None, "usd_per_day": 1.0})
    scorer = _scorer(config, store, Clock())
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    scorer.score(bank.get("time-you-failed"), STORY)
    store.connection.set_trace_callback(None)
    assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 0
    logged = next(i for i, s in enumerate(statements) if _logs_calls(s))
    released = next(i for i, s in enumerate(statements) if s.startswith("DELETE FROM llm_res"))
    assert logged < released and "COMMIT" not in statements[logged:released]
    # The row that logged the call in flight goes in the same commit, after the call's.
    landed = next(i for i, s in enumerate(statements) if s.startswith("DELETE FROM llm_usage"))
    assert logged < landed and "COMMIT" not in statements[logged:landed]


def _commits(statements: list[str]) -> list[list[str]]:
    """The writes of ``statements``, one list per commit (a statement outside BEGIN ...
    COMMIT commits on its own)."""
    commits: list[list[str]] = []
    open_: list[str] | None = None
    for sql in statements:
        if sql == "BEGIN IMMEDIATE":
            open_ = []
        elif sql == "COMMIT" and open_ is not None:
            commits.append(open_)
            open_ = None
        elif sql.startswith(("INSERT", "UPDATE", "DELETE")):
            if open_ is None:
                commits.append([sql])
            else:
                open_.append(sql)
    return commits


@pytest.mark.parametrize(
    ("budget", "grant"),
    [
        ({"llm_scores_per_hour": 30, "usd_per_day": 1.0}, "INSERT INTO llm_reservations"),
        ({"llm_scores_per_hour": 30, "usd_per_day": None}, "UPDATE llm_budget"),
    ],
)
def test_a_scores_request_is_logged_in_flight_in_the_transaction_that_grants_it(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    budget: dict[str, object],
    grant: str,
) -> None:
    """A process killed mid-call left no row of its request: it is logged in flight
    before it is sent, beside the reservation (or the hourly score) that lets it go, and
    taken out in the commit that logs the call: no commit of its own. The hour's score
    and the day's reservation share one: 2 commits a score (3 before, the score's own)."""
    config = _config(tmp_path, server, budget)
    scorer = _scorer(config, store, Clock())
    question = bank.get("time-you-failed")
    scorer.score(question, STORY)  # the first: the bucket is made, the price learnt
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    scorer.score(question, STORY + " Again.")
    store.connection.set_trace_callback(None)
    commits = _commits(statements)
    assert len(commits) == 2  # the grant, and the call's log with the card's cache
    granting = next(c for c in commits if any(s.startswith(grant) for s in c))
    assert any(s.startswith("UPDATE llm_budget") for s in granting)  # the hour's score
    assert any(s.startswith("INSERT INTO llm_usage") and "in_flight " in s for s in granting)
    assert any(s.startswith("DELETE FROM llm_usage") for s in commits[-1])
    assert [c.outcome for c in scorer.usage.calls()] == ["ok", "ok"]
    (left,) = store.query("SELECT COUNT(*) FROM llm_usage WHERE outcome GLOB 'in_flight *'")
    assert left[0] == 0


@pytest.mark.parametrize("per_day", [1.0, None])
def test_a_score_in_a_new_process_commits_twice(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store, per_day: float | None
) -> None:
    """`coachkit score` scores once a process, and the check that the bucket matches the
    config's hourly limit was a commit of its own: 4 a score (it, the hour's score, the
    reservation, the log), 3 without a daily limit. It goes in the grant's transaction."""
    config = _config(tmp_path, server, {"llm_scores_per_hour": 30, "usd_per_day": per_day})
    question = bank.get("time-you-failed")
    _scorer(config, store, Clock()).score(question, STORY)  # the database in use
    fresh = _scorer(config, store, Clock())  # as the next `coachkit score` makes it
    statements: list[str] = []
    store.connection.set_trace_callback(statements.append)
    fresh.score(question, STORY + " Again.")
    store.connection.set_trace_callback(None)
    assert len(_commits(statements)) == 2
    assert fresh.budget.status().scores_left == 28


class _FailingCommit:
    """The store's writer, but the COMMIT of a transaction that logs a call fails as on a
    full disk (once): what a score's final commit meets."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn, self._logging, self.failed = conn, False, 0

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if _logs_calls(sql):
            self._logging = True
        if sql == "COMMIT" and self._logging and not self.failed:
            self.failed += 1
            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
            raise full
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_a_failed_final_commit_is_written_again_and_the_card_returned(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The log, the cache and the release share one commit: when it failed, the score
    raised a StoreError and its card, paid for, was lost; the cache was not written, so
    scoring the answer again paid again."""
    config = _config(tmp_path, server, {"llm_scores_per_hour": None, "usd_per_day": 1.0})
    scorer = _scorer(config, store, Clock())
    writer = _FailingCommit(store._writer())
    monkeypatch.setattr(store, "_writer", lambda: writer)
    card = scorer.score(bank.get("time-you-failed"), STORY)
    assert writer.failed == 1 and server.hits == 1 and card.scorer == "gpt"
    assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 0
    assert [(c.purpose, c.outcome) for c in scorer.usage.calls()] == [("score", "ok")]
    assert scorer.usage.cost_since(0) == pytest.approx(card.cost_usd)
    again = scorer.score(bank.get("time-you-failed"), STORY)  # from the cache
    assert server.hits == 1 and again.overall == card.overall


class _Refusing:
    """The store's writer, but the statements ``refused`` picks fail as on a full disk
    while ``on`` is set."""

    def __init__(self, conn: sqlite3.Connection, refused: Callable[[str], bool]) -> None:
        self._conn, self._refused, self.on = conn, refused, True

    def _check(self, sql: str) -> None:
        if self.on and self._refused(sql):
            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
            raise full

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        self._check(sql)
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, *args: object) -> sqlite3.Cursor:
        self._check(sql)
        return self._conn.executemany(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


def test_a_score_whose_calls_cannot_be_logged_still_counts_against_the_day(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A store that refused the log but took the release: the call's cost counted nowhere,
    so today's spend read $0 and the daily limit let more be spent. Its cost counts (and
    its reservation holds) until the log is written, then the log alone counts it."""
    config = _config(tmp_path, server, {"llm_scores_per_hour": None, "usd_per_day": 1.0})
    scorer = _scorer(config, store, Clock())
    writer = _Refusing(store._writer(), _logs_calls)
    monkeypatch.setattr(store, "_writer", lambda: writer)
    question = bank.get("time-you-failed")
    card = scorer.score(question, STORY)
    assert card.cost_usd and card.cost_usd > 0 and scorer.usage.calls() == []
    assert scorer.usage.cost_since(0) == pytest.approx(card.cost_usd)
    assert scorer.budget.status().usd_today == pytest.approx(card.cost_usd)
    # Other processes cannot see this one's memory: the reservation holds for them.
    assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 1
    assert store.query("SELECT COUNT(*) FROM llm_score_cache")[0][0] == 0
    assert scorer.score(question, STORY).overall == card.overall  # no second payment
    assert server.hits == 1
    writer.on = False  # space freed: the next score writes what was kept first
    scorer.score(question, STORY + " Twice.")
    assert [c.outcome for c in scorer.usage.calls()] == ["ok", "cached", "ok"]
    assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 0
    assert store.query("SELECT COUNT(*) FROM llm_score_cache")[0][0] == 2
    assert scorer.usage.cost_since(0) == pytest.approx(2 * card.cost_usd)


def test_a_model_litellm_cannot_price_is_not_waited_for_in_another_process(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model answered before with no price (a local Ollama) costs 0: a call in another
    process waited, at each score, for that model's calls in flight to say a price they
    never say (only the process that made them learnt it)."""
    import os

    from coachkit.llm import budget

    monkeypatch.setattr(budget, "FIRST_PRICE_WAIT", 3.0)
    usage = UsageLog(store, clock=Clock())
    usage.record(Call("gpt", MODEL, "score", "ok", cost_usd=None))  # answered, unpriced
    _hold(store, host=HERE, pid=os.getpid(), expires_at=NOON + 900, usd=0.0)  # one running
    gate = BudgetGate(store, Budget(usd_per_day=1.0), usage, clock=Clock())
    waits = _instant_waits(monkeypatch)
    reservation = gate.take(MODEL)
    assert waits.waited == 0  # not waited for at all
    assert reservation is not None and reservation.amount == 0.0


def _refusing_the_save(store: Store, monkeypatch: pytest.MonkeyPatch) -> _Refusing:
    """The store takes the budget's writes (the call goes out) but refuses the call's log
    and the attempt, as a disk that filled up during the call."""
    writer = _Refusing(
        store._writer(), lambda sql: _logs_calls(sql) or sql.startswith("INSERT INTO attempts")
    )
    monkeypatch.setattr(store, "_writer", lambda: writer)
    return writer


def test_a_paid_score_the_store_refuses_is_shown_and_saved_by_score_without_paying_again(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The view said "Not scored" and dropped the card; Score paid for it again."""
    from coachkit import Coach
    from coachkit.ui.practice import PracticeView
    from coachkit.ui.runtime import InlineRunner, ManualScheduler

    config = _config(tmp_path, server, {"llm_scores_per_hour": 5, "usd_per_day": 1.0})
    coach = Coach(bank=bank, store=store, config=config)
    view = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=ManualScheduler()
    )
    writer = _refusing_the_save(store, monkeypatch)
    view.answer.value = STORY
    view.score_button.click()
    assert "disk is full" in (view.errors.message or "")
    assert "but not saved" in view.status.value and "/100" in view.result.value
    assert coach.history() == [] and server.hits == 1
    writer.on = False  # space freed
    view.score_button.click()
    assert server.hits == 1 and "Saved to your history" in view.status.value
    (attempt,) = coach.history()
    assert attempt.card.scorer == "gpt" and attempt.card.cost_usd
    # The save wrote what the score could not: the call's log, the cache, the release.
    usage = UsageLog(store, clock=Clock())
    assert [(c.purpose, c.outcome) for c in usage.calls()] == [("score", "ok")]
    assert usage.cost_since(0) == pytest.approx(attempt.card.cost_usd)
    assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 0
    assert store.query("SELECT COUNT(*) FROM llm_score_cache")[0][0] == 1


def test_a_mock_interview_keeps_a_paid_score_the_store_refused_and_saves_it_unpaid(
    server: FakeLLMServer,
    tmp_path: Path,
    bank: QuestionBank,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its row read "Not scored: Cannot use ..."; finished again, the answer paid again."""
    import random

    from coachkit import Coach
    from coachkit.ui import MockInterviewView
    from coachkit.ui.runtime import InlineRunner, ManualScheduler

    config = _config(tmp_path, server, {"llm_scores_per_hour": 5, "usd_per_day": 1.0})
    coach = Coach(bank=bank, store=store, config=config)
    view = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )
    writer = _refusing_the_save(store, monkeypatch)
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    report = view.report
    assert report is not None and not report.scored and server.hits == 1
    assert (report.rows[0].problem or "").startswith("Scored ")
    assert "not saved" in (report.rows[0].problem or "")
    writer.on = False
    view.new_button.click()
    view.resume_button.click()
    view.finish_button.click()
    redone = view.report
    assert redone is not None and len(redone.scored) == 1 and server.hits == 1
    assert len(coach.history()) == 1


def test_coachkit_score_shows_a_paid_score_the_store_refused(
    server: FakeLLMServer,
    tmp_path: Path,
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The card was not shown: only the store's error, and the answer kept to score (and
    pay for) again."""
    import io

    from coachkit.cli import main

    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    write_config(coachkit_home / "config.yaml", {"gpt": params}, scorer="gpt", fallback=None)
    writer = Store._writer

    def refusing(self: Store) -> _Refusing:
        return _Refusing(
            writer(self), lambda sql: _logs_calls(sql) or sql.startswith("INSERT INTO attempts")
        )

    monkeypatch.setattr(Store, "_writer", refusing)
    monkeypatch.setattr(sys, "stdin", io.StringIO(STORY))
    out = io.StringIO()
    code = main(["score", "time-you-failed"], out=out)
    err = capsys.readouterr().err
    assert code == 2 and "Overall:" in out.getvalue() and server.hits == 1
    assert "disk is full" in err and "The score above was not saved." in err
    (kept,) = (coachkit_home / "unscored").iterdir()
    assert kept.read_text(encoding="utf-8") == STORY


# -- calls cut short: billed, perhaps, at a cost unknown ---------------------------------
def test_the_budget_line_says_what_is_estimated(store: Store) -> None:
    usage = _spent_once(store, 0.25)
    usage.record(Call("gpt", MODEL, "score", "interrupted"))  # Ctrl-C: cost unknown
    usage.record(Call("gpt", MODEL, "score", "connection"))  # never sent: nothing
    gate = BudgetGate(
        store, Budget(llm_scores_per_hour=None, usd_per_day=1.0), usage, clock=Clock()
    )
    running = gate.take(MODEL)
    status = gate.status()
    assert (status.usd_today, status.usd_estimated, status.calls_estimated) == (0.5, 0.25, 1)
    assert gate.describe() == (
        "scores per hour: unlimited; spent today: $0.50 of $1.00 (incl. ~$0.25 estimated for "
        "1 call of unknown cost; $0.25 set aside for calls running now)"
    )
    gate.settle(running, None)
    spent = BudgetGate(store, Budget(usd_per_day=0.5), usage, clock=Clock()).status()
    assert day_spent(spent, NOON) == (  # as rescore and --repeat refuse up front
        "today's LLM spend is $0.50 (incl. ~$0.25 estimated for 1 call of unknown cost) of "
        "your $0.50 budget: wait till it resets " + when_said(NOON, next_day(NOON))
    )
    unlimited = Budget(llm_scores_per_hour=None, usd_per_day=None)
    assert (
        BudgetGate(store, unlimited, usage, clock=Clock())
        .describe()
        .endswith(
            "spent today: $0.50 (incl. ~$0.25 estimated for 1 call of unknown cost; no daily limit)"
        )
    )


def test_a_score_cut_short_by_ctrl_c_counts_towards_the_days_dollars(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Ctrl-C in a notebook's cell while the provider worked: the call was logged with no
    cost and counted $0, and what was reserved for it held only until the process ended,
    so the day's limit let through more than it should."""
    import os
    import signal

    from fake_openai_server import Reply, Seen, grade_json

    def cut_at_the_second(seen: Seen) -> Reply:
        if server.hits == 2:  # Ctrl-C while this one is in flight
            os.kill(os.getpid(), signal.SIGINT)
            return Reply(grade_json(3), latency=2.0)
        return fair_grade(seen)

    server.responder = cut_at_the_second
    config = _config(tmp_path, server, {"llm_scores_per_hour": None, "usd_per_day": 0.0003})
    scorer = _scorer(config, store, Clock())
    question = bank.get("time-you-failed")
    cost = scorer.score(question, STORY).cost_usd
    assert cost == pytest.approx(0.000171)  # gpt-4o-mini's price of 420 + 180 tokens
    with pytest.raises(KeyboardInterrupt):
        scorer.score(question, STORY + " Again.")
    assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 0
    status = scorer.budget.status()
    assert status.usd_today == pytest.approx(2 * cost) and status.calls_estimated == 1
    assert scorer.budget.describe().endswith(
        "spent today: $0.0003 of $0.0003 (incl. ~$0.0002 estimated for 1 call of unknown cost)"
    )
    with pytest.raises(BudgetExceededError) as refused:
        scorer.score(question, STORY + " Once more.")
    assert str(refused.value).startswith(
        "Today's LLM spend is $0.00034 (incl. ~$0.0002 estimated for 1 call of unknown cost) "
        "of your $0.00030 budget; it resets at 00:00"
    )
    assert server.hits == 2
