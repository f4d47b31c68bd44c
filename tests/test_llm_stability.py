"""Scoring k times shows how much a grader drifts between runs."""

from __future__ import annotations

import itertools
import re
import time
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

from coachkit import BudgetExceededError, Coach, ProviderError, QuestionBank, Store, load_config
from coachkit.llm import LLMScorer, rescore, score_repeated
from coachkit.scoring import LocalScorer
from coachkit.scoring.registry import make_scorer

pytestmark = pytest.mark.usefixtures("loopback_only")


def test_k_runs_report_mean_and_spread(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    bands = itertools.cycle([2, 3, 4])

    def wobbly(seen: Seen) -> Reply:
        fair = fair_grade(seen)  # real quotes; only the bands move
        import json

        data = json.loads(fair.content or "{}")
        band = next(bands)
        for part in data["dimensions"].values():
            part["score"] = band
        data["overall"] = 20 * band
        return Reply(json.dumps(data))

    server.responder = wobbly
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    config = load_config(write_config(tmp_path / "c.yaml", {"gpt": params}))
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    stability = score_repeated(scorer, bank.get("time-you-failed"), STORY, k=3)
    assert server.hits == 3  # the same answer, scored afresh each time
    assert stability.values("action") == [2, 3, 4]
    assert stability.mean["action"] == 3.0 and stability.spread["action"] == 0.82
    assert stability.mean["overall"] == 60.0
    card = stability.card
    assert card.overall == 60 and "Scored 3 times: overall 60±16.33 (range 40-80)" in card.notes[-1]
    assert "action" in stability.table()


def test_a_deterministic_scorer_has_no_spread(bank: QuestionBank) -> None:
    stability = score_repeated(LocalScorer(), bank.get("time-you-failed"), STORY, k=4)
    assert stability.k == 4 and set(stability.spread.values()) == {0.0}


def test_grade_json_helper_roundtrips() -> None:
    assert '"overall": 70' in grade_json(3)


def test_a_fallback_never_stands_in_for_the_profile_measured(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A run that failed must show as failed, not as the local scorer's figures."""
    server.script(*[error_reply(401, "bad key")] * 3)
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(tmp_path / "c.yaml", {"gpt": params}, scorer="gpt", fallback="local")
    coach = Coach(bank=bank, store=store, config=load_config(path))
    with pytest.raises(ProviderError, match="rejected the API key"):
        score_repeated(coach.scorer("gpt"), bank.get("time-you-failed"), STORY, k=3)
    coach.submit("time-you-failed", STORY, scorer="local")
    server.script(error_reply(401, "bad key"))
    report = rescore(coach.history(), coach.scorer("gpt"), bank, progress=False)
    assert [row.after for row in report.rows] == [None]
    assert "rejected the API key" in (report.rows[0].error or "")


def test_a_spent_budget_in_a_measurement_promises_no_fallback(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """rescore and --repeat never fall back, so their message must not say they will."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(
        tmp_path / "c.yaml",
        {"gpt": params},
        scorer="gpt",
        fallback="local",
        budget={"llm_scores_per_hour": 0},
    )
    config = load_config(path)
    question = bank.get("time-you-failed")
    for scorer in (
        Coach(bank=bank, store=store, config=config).scorer("gpt"),
        make_scorer("gpt", config, store=store, fallback=False),
    ):
        with pytest.raises(BudgetExceededError) as raised:
            score_repeated(scorer, question, STORY, k=1)
        assert "scored by 'local'" not in str(raised.value)
        # Nor another scorer meanwhile: its cards would measure nothing.
        assert "local scorer" not in str(raised.value)
        assert str(raised.value) == (
            "Scoring once needs 1 LLM score, but LLM scoring is switched off "
            "(budget.llm_scores_per_hour is 0 in your config): raise it to allow any."
        )
    assert server.hits == 0


def test_repeats_the_budget_cannot_pay_for_are_refused_before_any_is_spent(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """--repeat 3 with two scores left spent both, then failed and threw them away."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(
        tmp_path / "c.yaml", {"gpt": params}, scorer="gpt", budget={"llm_scores_per_hour": 3}
    )
    scorer = LLMScorer(load_config(path).entry("gpt"), load_config(path), store=store)
    assert score_repeated(scorer, bank.get("time-you-failed"), STORY, k=1).k == 1
    with pytest.raises(BudgetExceededError) as raised:
        score_repeated(scorer, bank.get("time-you-failed"), STORY, k=3)
    said = str(raised.value)
    assert "needs 3 LLM scores, and your budget has 2 left this hour: ask for 2 runs or " in said
    assert re.search(r"fewer, wait \(3 will be there at \d\d:\d\d, in 20 min\), or raise ", said)
    assert said.endswith("or raise budget.llm_scores_per_hour in your config."), said
    assert server.hits == 1 and scorer.budget.status().scores_left == 2
    assert score_repeated(scorer, bank.get("time-you-failed"), STORY, k=2).k == 2


def test_repeats_today_s_dollars_cannot_pay_for_are_refused_before_any_is_sent(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Calls running now (another process's) hold the rest of the day's dollars: each
    run would be refused in turn; the check up front says so, and sends nothing."""
    import os
    import socket
    import time

    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(tmp_path / "c.yaml", {"gpt": params}, budget={"usd_per_day": 0.5})
    store.execute(
        "INSERT INTO llm_reservations (model, usd, host, pid, expires_at) VALUES (?, ?, ?, ?, ?)",
        ("openai/gpt-4o-mini", 0.5, socket.gethostname(), os.getpid(), time.time() + 600),
    )
    scorer = LLMScorer(load_config(path).entry("gpt"), load_config(path), store=store)
    with pytest.raises(BudgetExceededError) as raised:
        score_repeated(scorer, bank.get("time-you-failed"), STORY, k=3)
    assert str(raised.value) == (
        "Scoring 3 times needs 3 LLM scores, but today's LLM spend is $0.00 of your $0.50 "
        "budget, and calls still running may take the rest ($0.50 is set aside for them): "
        "try again when they finish, or raise budget.usd_per_day in your config."
    )
    assert server.hits == 0


def test_more_repeats_than_an_hour_allows_are_not_told_to_wait(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """--repeat 50 under 30 scores an hour said to wait for the budget to refill, which
    never holds more than 30: the advice is to ask for fewer or raise the limit."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(
        tmp_path / "c.yaml", {"gpt": params}, scorer="gpt", budget={"llm_scores_per_hour": 30}
    )
    scorer = LLMScorer(load_config(path).entry("gpt"), load_config(path), store=store)
    with pytest.raises(BudgetExceededError) as raised:
        score_repeated(scorer, bank.get("time-you-failed"), STORY, k=50)
    said = str(raised.value)
    assert "more than your budget allows in an hour (30): ask for 30 runs or fewer" in said
    assert "raise budget.llm_scores_per_hour" in said and "wait" not in said
    assert server.hits == 0


def test_a_failed_run_keeps_the_runs_already_paid_for(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Two good runs, then one whose replies are junk twice: the two are reported."""
    replies = itertools.count()

    def third_fails(seen: Seen) -> Reply:
        return fair_grade(seen) if next(replies) < 2 else Reply("I cannot grade this.")

    server.responder = third_fails
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    config = load_config(write_config(tmp_path / "c.yaml", {"gpt": params}, fallback="local"))
    scorer = make_scorer("gpt", config, store=store)
    stability = score_repeated(scorer, bank.get("time-you-failed"), STORY, k=3)
    assert stability.k == 2 and stability.failed == 1
    assert stability.mean["overall"] == 62.0 and stability.spread["overall"] == 0.0
    assert {card.scorer for card in stability.cards} == {"gpt"}  # no fallback stood in
    said = "1 of 3 runs failed: Profile 'gpt'"
    assert said in stability.table() and said in stability.card.notes[-1]
    assert "The figures are of the 2 that finished." in stability.table()


def test_a_single_finished_run_shows_no_spread(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """One run of three finished: its ±0 read as a perfectly stable score."""
    replies = itertools.count()

    def first_only(seen: Seen) -> Reply:
        return fair_grade(seen) if next(replies) < 1 else Reply("I cannot grade this.")

    server.responder = first_only
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    config = load_config(write_config(tmp_path / "c.yaml", {"gpt": params}, fallback="local"))
    stability = score_repeated(
        make_scorer("gpt", config, store=store), bank.get("time-you-failed"), STORY, k=3
    )
    assert stability.k == 1 and stability.failed == 2
    assert (
        "no spread to measure" in stability.card.notes[-1] and "±" not in stability.card.notes[-1]
    )
    assert "n/a" in stability.table() and "0.00" not in stability.table()


def test_runs_a_spent_budget_stopped_are_said_not_made_in_one_pair_of_brackets(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """'2 of 5 runs failed (Today's LLM spend is ... (Raise budget.usd_per_day ...)); the
    figures ...': neither was sent, and the brackets nested."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(tmp_path / "c.yaml", {"gpt": params}, budget={"usd_per_day": 0.0003})
    scorer = LLMScorer(load_config(path).entry("gpt"), load_config(path), store=store)
    stability = score_repeated(scorer, bank.get("time-you-failed"), STORY, k=5)
    missing = 5 - stability.k
    assert missing and server.hits == stability.k
    said = stability.table().splitlines()[-1]
    assert said.startswith(f"{missing} of 5 runs were not made: Today's LLM spend is "), said
    assert said.endswith(f"to allow more.) The figures are of the {stability.k} that finished.")
    assert "))" not in said
    assert "Re-run once the budget allows." in said and "local scorer" not in said


def test_rescore_rows_a_spent_budget_stopped_say_to_re_run(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Rows said 'Score with the local scorer meanwhile': no use in a measurement of gpt."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(
        tmp_path / "c.yaml", {"gpt": params}, fallback="local", budget={"usd_per_day": 0.0003}
    )
    coach = Coach(bank=bank, store=store, config=load_config(path))
    for n in range(4):
        coach.submit("time-you-failed", f"{STORY} Version {n}.", scorer="local")
    report = rescore(coach.history(), coach.scorer("gpt"), bank, concurrency=1, progress=False)
    assert report.failed and server.hits == len(report.rows) - len(report.failed)
    for row in report.failed:
        assert row.error is not None and row.error.startswith("Today's LLM spend is ")
        assert "Re-run once the budget allows." in row.error and "local scorer" not in row.error


def test_a_measurement_s_timeout_offers_no_other_scorer(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """'Try again, raise llm.timeout in your config, or score with the local scorer.'"""
    server.script(Reply(grade_json(3), latency=1.5))
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(
        tmp_path / "c.yaml", {"gpt": params}, llm={"timeout": 0.5, "max_retries": 0}
    )
    scorer = make_scorer("gpt", load_config(path), store=store, fallback=False)
    with pytest.raises(ProviderError) as raised:
        score_repeated(scorer, bank.get("time-you-failed"), STORY, k=1)
    said = str(raised.value)
    assert "did not answer within 0.5 s" in said and "local scorer" not in said, said


def test_one_run_a_spent_budget_stopped_is_said_in_the_singular(bank: QuestionBank) -> None:
    """'1 of 5 runs were not made'."""
    from coachkit.llm.stability import Stability

    card = LocalScorer().score(bank.get("time-you-failed"), STORY)
    stability = Stability([card] * 4, failed=1, error="The budget is spent.", cause="budget")
    said = "1 of 5 runs was not made: The budget is spent. The figures are of the 4 that finished."
    assert stability.table().splitlines()[-1] == said
    assert stability.card.notes[-1].endswith(said)
    two = Stability([card] * 3, failed=2, error="The budget is spent.", cause="budget")
    assert "2 of 5 runs were not made" in two.table()


def test_the_wait_for_repeats_counts_the_score_part_refilled_as_usage_does(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Half an hour's refill was left out: `coachkit usage` said the next score came in
    15 min, and --repeat 1, refused, said to wait 30 min for it."""
    from coachkit.llm import BudgetGate, UsageLog

    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(
        tmp_path / "c.yaml", {"gpt": params}, scorer="gpt", budget={"llm_scores_per_hour": 2}
    )
    config = load_config(path)
    now = time.time()
    spent = BudgetGate(store, config.budget, UsageLog(store), clock=lambda: now - 15 * 60)
    spent.take()
    spent.take()  # both of the hour's scores, 15 minutes ago: half of the next is back
    scorer = LLMScorer(config.entry("gpt"), config, store=store)
    assert scorer.budget.describe().startswith("scores left this hour: 0 of 2, the next at ")
    assert "in 15 min;" in scorer.budget.describe()
    for k, wait in ((1, 15), (2, 45)):
        with pytest.raises(BudgetExceededError) as raised:
            score_repeated(scorer, bank.get("time-you-failed"), STORY, k=k)
        assert re.search(
            rf"wait \({k} will be there at \d\d:\d\d, in {wait} min\)", str(raised.value)
        )
    assert server.hits == 0
