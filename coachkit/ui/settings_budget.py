"""The LLM budget line: what is left of it, and what a spent one means for the next
score."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .. import paths
from ..coach import Coach
from ..config import Config, budget_said
from ..configwrite import shared_budget
from ..figures import figure
from .settings_config import config_of

if TYPE_CHECKING:  # the llm package loads on a click, not when the view opens
    from ..llm.budget import BudgetStatus

__all__ = ["budget_line"]


def budget_line(coach: Coach) -> str:
    """What is left of the LLM budget, or the limits alone when usage is not recorded."""
    from ..llm.budget import BudgetGate
    from ..llm.usage import UsageLog

    config = config_of(coach)
    budget = config.budget
    hourly = (
        "unlimited" if budget.llm_scores_per_hour is None else figure(budget.llm_scores_per_hour)
    )
    daily = "no limit" if budget.usd_per_day is None else f"${budget.usd_per_day:,.2f}"
    scores = "LLM score" if budget.llm_scores_per_hour == 1 else "LLM scores"
    limits = f"{hourly} {scores} per hour, {daily} per day"
    if not config.model_list:
        # The limits named: "these limits" stood with none in sight.
        return (
            "Only the offline scorer is set up, and it is free and unlimited. The LLM budget "
            f"({limits}) applies once you add an LLM profile."
        )
    try:
        gate = BudgetGate(coach.store, budget, UsageLog(coach.store))
        return gate.describe() + _spent_note(gate.status(), config)
    except Exception:  # e.g. a store that cannot be read: the limits still help
        return f"limits: {limits}"


def _spent_note(status: BudgetStatus, config: Config) -> str:
    """What a spent budget means for the next score and what to do ("" while it allows
    one): "spent today: $0.0014 of $0.0010" alone did not say LLM scores had stopped.
    The figures are said before it (``describe``), so only what follows from them here."""
    from ..llm.budget import next_day, when_said

    now, daily = time.time(), status.usd_per_day
    if daily is not None and status.usd_today >= daily:
        why = f"Budget spent for today: it resets {when_said(now, next_day(now))}"
        limit = "budget.usd_per_day"
    elif daily is not None and status.usd_today + status.usd_reserved >= daily:
        why = "Calls running now may take the rest of today's budget: try again when they finish"
        limit = "budget.usd_per_day"
    elif status.scores_left is not None and status.scores_left < 1:
        why, limit = "Budget spent for this hour", "budget.llm_scores_per_hour"
    else:
        return ""
    if config.fallback is None:
        meanwhile = "an LLM score is refused meanwhile (fallback: null): pick local to score"
    else:
        # Every LLM profile draws on the one budget: a fallback profile is spent too.
        meanwhile = "meanwhile your answers are scored by the offline scorer (local)"
    # Settings shows this line above the budget's fields: the fix is there. Under a shared
    # config a limit is the user's to raise only if they set it lower, up to the coach's.
    key = limit.removeprefix("budget.")
    if paths.personal_config_path() is None:
        more = f"raise it in the fields below (or {limit} in your config) to allow more"
    elif key in config.own_budget:
        most = getattr(shared_budget(paths.config_path()), key)
        more = (
            f"{limit} is your own, lower than the shared config's: raise it in the fields "
            f"below, up to {budget_said(key, most)}"
        )
    else:
        more = f"{limit} is set in the shared config, by whoever keeps it (your coach)"
    return f". {why}; {meanwhile}; {more}."
