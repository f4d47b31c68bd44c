"""Budget figures read as people write them: "1,000,000", never "1e+06" (``:g``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import BudgetExceededError, QuestionBank, Store, load_config
from coachkit.cli import main
from coachkit.config import Budget
from coachkit.llm import BudgetGate, LLMScorer, UsageLog, score_repeated
from coachkit.llm.budget import BUCKET, figure
from coachkit.models import usd

pytestmark = pytest.mark.usefixtures("loopback_only")
NOON = 1_790_000_000.0
MILLION = 1_000_000


def _gate(store: Store, per_hour: float | None, per_day: float | None = None) -> BudgetGate:
    budget = Budget(llm_scores_per_hour=per_hour, usd_per_day=per_day)
    return BudgetGate(store, budget, UsageLog(store), clock=lambda: NOON)


def _bucket_holds(store: Store, tokens: float) -> None:
    """The hour's bucket as a busy hour leaves it (no refill: the gate's clock stands)."""
    store.execute("UPDATE llm_budget SET tokens = ? WHERE name = ?", (tokens, BUCKET))


@pytest.mark.parametrize(
    ("value", "said"),
    [(0, "0"), (1, "1"), (30, "30"), (2.5, "2.5"), (MILLION, "1,000,000"), (1234.5, "1,234.5")],
)
def test_a_figure_is_written_with_thousands_separators(value: float, said: str) -> None:
    assert figure(value) == said


def test_dollars_over_a_thousand_are_written_with_separators() -> None:
    assert usd(MILLION) == "$1,000,000.00" and usd(0.5) == "$0.50"


def test_the_budget_line_says_a_million_as_people_write_it(store: Store) -> None:
    """Before: "scores left this hour: 1e+06 of 1e+06; spent today: $0.00 of $1000000.00"."""
    gate = _gate(store, MILLION, MILLION)
    assert gate.describe() == (
        "scores left this hour: 1,000,000 of 1,000,000; spent today: $0.00 of $1,000,000.00"
    )
    gate.take()
    assert gate.describe().startswith("scores left this hour: 999,999 of 1,000,000;")


def test_a_spent_hour_of_a_million_scores_says_so_in_full(store: Store) -> None:
    """Before: "Your LLM budget of 1e+06 scores per hour is used up"."""
    gate = _gate(store, MILLION)
    gate.take()
    _bucket_holds(store, 0.5)
    with pytest.raises(BudgetExceededError, match="Your LLM budget of 1,000,000 scores per hour"):
        gate.take()


def test_coachkit_usage_says_a_million_as_people_write_it(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    params = {"model": "openai/gpt-4o-mini", "api_base": "http://127.0.0.1:9/v1", "api_key": "k"}
    budget = {"llm_scores_per_hour": MILLION, "usd_per_day": MILLION}
    write_config(coachkit_home / "config.yaml", {"gpt": params}, scorer="gpt", budget=budget)
    out = io.StringIO()
    assert main(["usage"], out=out) == 0
    assert out.getvalue().endswith(  # 81 columns on one line: a line per part
        "Budget: scores left this hour: 1,000,000 of 1,000,000\n"
        "  spent today: $0.00 of $1,000,000.00\n"
    )


def _scorer(server: FakeLLMServer, tmp_path: Path, store: Store, per_hour: int) -> LLMScorer:
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    path = write_config(
        tmp_path / "c.yaml", {"gpt": params}, scorer="gpt", budget={"llm_scores_per_hour": per_hour}
    )
    config = load_config(path)
    return LLMScorer(config.entry("gpt"), config, store=store, clock=lambda: NOON)


def test_repeats_over_a_large_hour_are_refused_in_figures_people_read(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """Before: "Scoring 1000000 times needs 1000000 LLM scores, more than your budget
    allows in an hour (999999): ask for 999999 runs or fewer"."""
    scorer = _scorer(server, tmp_path, store, MILLION - 1)
    with pytest.raises(BudgetExceededError) as raised:
        score_repeated(scorer, bank.get("time-you-failed"), STORY, k=MILLION)
    assert str(raised.value).startswith(
        "Scoring 1,000,000 times needs 1,000,000 LLM scores, more than your budget allows in "
        "an hour (999,999): ask for 999,999 runs or fewer, or raise "
    )
    assert server.hits == 0


def test_repeats_over_what_is_left_this_hour_say_it_in_figures_people_read(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    scorer = _scorer(server, tmp_path, store, 2 * MILLION)
    scorer.budget.take()  # the bucket's row, as a first score writes it
    _bucket_holds(store, 1500.5)
    with pytest.raises(BudgetExceededError) as raised:
        score_repeated(scorer, bank.get("time-you-failed"), STORY, k=2000)
    said = str(raised.value)
    assert said.startswith(
        "Scoring 2,000 times needs 2,000 LLM scores, and your budget has 1,500 left this "
        "hour: ask for 1,500 runs or fewer, wait (2,000 will be there at "
    ), said
    assert server.hits == 0
