"""The settings view: choose the scorer, see the resolved config, test it, see the budget,
and set the practice plan.

One view, written in parts, each a mixin in a module of its own: settings_layout (the
widgets), settings_load (the config read and shown, again once its file is edited),
settings_scorer (picking, testing and saving the scorer), settings_plan (the practice
plan) and settings_budget_form (the budget's limits); settings_base holds what they share,
settings_html what they render, settings_check the connection test, settings_budget the
budget line and settings_config the config as Settings reads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..coach import Coach
from .runtime import Runner, Scheduler, late_grace
from .settings_budget import budget_line
from .settings_budget_form import SettingsBudgetForm
from .settings_check import ConnectionCheck, check_connection
from .settings_load import SettingsLoad
from .settings_plan import SettingsPlan
from .settings_scorer import SettingsScorer

__all__ = [
    "ConnectionCheck",
    "SettingsView",
    "budget_line",
    "check_connection",
]


class SettingsView(SettingsLoad, SettingsScorer, SettingsPlan, SettingsBudgetForm):
    """Scorer profile, resolved config (secrets masked), connection test and budget."""

    def __init__(
        self,
        coach: Coach | None = None,
        *,
        runner: Runner | None = None,
        checker: Callable[[Coach, str], ConnectionCheck] = check_connection,
        budget: Callable[[Coach], str] = budget_line,
        config_path: Path | None = None,
        scheduler: Scheduler | None = None,
        plan_grace: float | None = None,
    ) -> None:
        """``plan_grace``: at most how long (seconds) Save plan and Save budget wait for the
        values typed just before them to come in; None: half a second with the kernel's own
        runner, no wait with a ``runner`` given (tests)."""
        super().__init__(coach, runner, checker, budget, config_path, scheduler)
        self._late.grace = self._late_budget.grace = late_grace(plan_grace, runner)
        self._build()
        self.errors.guard(self._load)()
