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
from coachkit.llm.usage import Call, UsageLog, budget_lines

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
