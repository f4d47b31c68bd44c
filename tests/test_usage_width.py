"""`coachkit usage` within 80 columns at any figures: the table, its notes and the
Budget line, which ran to 133 columns with both budgets and their notes."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from fake_openai_server import write_config

from coachkit import Coach
from coachkit.cli import main
from coachkit.config import load_config
from coachkit.llm.budget import BudgetGate, BudgetStatus
from coachkit.llm.usage import Call, UsageLog, UsageRow, budget_lines, usage_table

LONG = "team-vllm-on-the-big-box-in-the-basement-rack"
MODEL = "hosted_vllm/meta-llama/Llama-3.1-8B-Instruct"


def usage(coachkit_home: Path, status: BudgetStatus, monkeypatch: pytest.MonkeyPatch) -> str:
    """`coachkit usage` with one call logged by a long-named profile, and ``status``."""
    budget = {"llm_scores_per_hour": status.scores_per_hour, "usd_per_day": status.usd_per_day}
    params = {"model": MODEL, "api_base": "http://127.0.0.1:9/v1"}
    write_config(coachkit_home / "config.yaml", {LONG: params}, budget=budget)
    store = Coach(config=load_config()).store
    UsageLog(store).record(Call(LONG, MODEL, "score", "timeout", 123456, 654321, 98.7654, 1e6))
    monkeypatch.setattr(BudgetGate, "status", lambda self: status)
    out = io.StringIO()
    assert main(["usage"], out=out) == 0
    return out.getvalue()


@pytest.mark.parametrize(
    "status",
    [
        # Both budgets, the hour spent, calls of unknown cost and calls running now.
        BudgetStatus(
            scores_per_hour=1_000_000,
            scores_left=0,
            next_score_at=time.time() + 5 * 3600,
            usd_per_day=12345.67,
            usd_today=12345.66,
            usd_reserved=123.4567,
            usd_estimated=0.0004,
            calls_estimated=123456,
        ),
        # A dollar budget alone.
        BudgetStatus(None, None, None, usd_per_day=1.0, usd_today=0.5, usd_reserved=0.25),
        # No daily limit, with an estimate.
        BudgetStatus(30, 29, None, None, 0.3, usd_estimated=0.0004, calls_estimated=2),
    ],
    ids=["both-budgets", "usd-budget", "hourly-budget"],
)
def test_every_line_of_usage_fits_80_columns(
    coachkit_home: Path, status: BudgetStatus, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = usage(coachkit_home, status, monkeypatch)
    assert LONG in out and MODEL in out and "Budget:" in out
    assert max(len(line) for line in out.splitlines()) <= 80, out


def test_the_budget_goes_a_part_a_line_only_when_it_does_not_fit() -> None:
    """Short, it reads as before; long, each part starts a line of its own, not cut
    inside a note in brackets, and no word is lost."""
    short = "scores left this hour: 29 of 30; spent today: $0.00 of $1.00"
    assert budget_lines(short) == f"Budget: {short}"
    long = (
        "scores left this hour: 0 of 30, the next at 21:45, in 12 min; spent today: "
        "$0.0123 of $1.00 (incl. ~$0.0004 estimated for 2 calls of unknown cost; $0.0020 "
        "set aside for calls running now)"
    )
    assert budget_lines(long) == (
        "Budget: scores left this hour: 0 of 30, the next at 21:45, in 12 min\n"
        "  spent today: $0.0123 of $1.00 (incl. ~$0.0004 estimated for 2 calls of unknown\n"
        "    cost; $0.0020 set aside for calls running now)"
    )


def test_token_counts_have_thousands_separators(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They read "123456/654321", a count nobody can take in at a glance."""
    out = usage(coachkit_home, BudgetStatus(None, None, None, None, 0.0), monkeypatch)
    assert " 123,456/654,321 " in out and "123456" not in out
    assert max(len(line) for line in out.splitlines()) <= 80, out


@pytest.mark.parametrize(
    ("calls", "tokens", "latency_ms"),
    [
        (1, (1_234_567, 890), 812.0),
        (1, (10**12, 10**12), 812.0),
        (10**9, (10**15, 10**15), 10.0**9),  # every column at its widest at once
    ],
    ids=["millions", "a-trillion", "every-figure-huge"],
)
def test_the_usage_table_fits_80_columns_at_any_figures(
    calls: int, tokens: tuple[int, int], latency_ms: float
) -> None:
    """With separators the tokens column grows a third: a trillion tokens each way would
    have run the row past 80 columns; past what any columns can hold, each row's
    figures are listed in words, none cut."""
    row = UsageRow(LONG, MODEL, calls, calls, 0, 0, *tokens, 12345678.9, latency_ms, calls, 1.0)
    table = usage_table([row, UsageRow("gpt", "openai/gpt-4o-mini", 1, 1, 0, 0, 420, 180, 0.25, 8)])
    assert max(len(line) for line in table.splitlines()) <= 80, table
    words = " ".join(table.split())  # a list of figures may wrap between them
    assert f"{tokens[0]:,}/{tokens[1]:,}" in words and "420/180" in words
    assert LONG in table and MODEL in table and "~ includes" in table
