"""The LLM budget's form: two limits typed in, checked, and saved with Save budget, which
waits for the last keystrokes as Save plan does (see LateWords)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any

import ipywidgets as w

from ..config import Budget, budget_said, load_config
from ..configwrite import save_budget, shared_budget
from .settings_layout import SettingsLayout

__all__ = ["SettingsBudgetForm", "budget_fields", "parse_budget"]

# The most each field takes: past these a limit is a typo (a pasted number, a stray key),
# not a cap anyone means, and it would read as no limit at all.
MOST_SCORES_PER_HOUR = 100_000
MOST_USD_PER_DAY = Decimal(10_000)


def budget_fields(budget: Budget) -> tuple[str, str]:
    """A budget as its two fields show it: empty for no limit, dollars with their cents."""
    hourly, daily = budget.llm_scores_per_hour, budget.usd_per_day
    hour = "" if hourly is None else (f"{hourly:g}" if hourly % 1 else str(int(hourly)))
    day = "" if daily is None else (f"{daily:.2f}" if round(daily, 2) == daily else repr(daily))
    return hour, day


def parse_budget(hourly: str, daily: str) -> Budget | str:
    """The budget the two fields hold, or what is wrong with them (nothing to save)."""
    problems = []
    hour = hourly.strip()
    scores: float | None = None
    if hour:
        # A number as the config takes it: "2.5" refills two and a half scores an hour (a
        # file may hold it, and Save budget must not refuse what it shows).
        if not re.fullmatch(r"\d+(?:\.\d+)?", hour):
            problems.append(
                f"LLM scores per hour is {hour!r}: give a number such as 30 (0 stops LLM "
                "scoring), or leave it empty for unlimited."
            )
        elif float(hour) > MOST_SCORES_PER_HOUR:
            problems.append(
                f"LLM scores per hour is {f'{int(hour):,}' if hour.isdigit() else hour}: "
                f"give at most {MOST_SCORES_PER_HOUR:,}, or leave it empty for unlimited."
            )
        else:
            scores = int(hour) if hour.isdigit() else float(hour)
    day = daily.strip().removeprefix("$").strip()
    usd: float | None = None
    if day:
        try:
            amount = Decimal(day)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or not re.fullmatch(r"\d*\.?\d*", day):
            problems.append(
                f"USD per day is {daily.strip()!r}: give an amount in dollars, e.g. 0.50, or "
                "leave it empty for no limit."
            )
        elif amount.as_tuple().exponent < -2:  # type: ignore[operator]
            problems.append(
                f"USD per day is {day}: give it in dollars and cents, at most 2 decimals "
                "(e.g. 0.25)."
            )
        elif amount > MOST_USD_PER_DAY:
            problems.append(
                f"USD per day is {day}: give at most {MOST_USD_PER_DAY:,}, or leave it empty "
                "for no limit."
            )
        else:
            usd = float(amount)
    if problems:
        return "Not saved: " + " ".join(problems)
    return Budget(llm_scores_per_hour=scores, usd_per_day=usd)


class SettingsBudgetForm(SettingsLayout):
    """The budget's limits shown in its form, and saved from it."""

    def _fill_budget(self, budget: Budget) -> None:
        """The form shows ``budget``; a field typed in and not saved yet keeps its text."""
        shown = self._shown_budget
        self._shown_budget = budget_fields(budget)
        self._filling = True  # not typed: Save budget has nothing to wait for
        try:
            for field, before, now in zip(
                (self.hourly, self.daily), shown, self._shown_budget, strict=True
            ):
                if field.value == before:
                    field.value = now
        finally:
            self._filling = False
        ceiling = ""
        if self._shared is not None:
            theirs = shared_budget(self._shared)
            ceiling = (
                " Over the shared config its limits are the most you may set (your coach's key "
                f"pays): {escape(budget_said('llm_scores_per_hour', theirs.llm_scores_per_hour))}"
                f", {escape(budget_said('usd_per_day', theirs.usd_per_day))}."
            )
        self.budget_hint.value = (
            '<p class="ck-muted">Your own limits on LLM scoring: leave a field empty for no '
            f"limit on it.{ceiling}</p>"
        )

    def _on_budget_typed(self, _change: dict[str, Any]) -> None:
        """A limit came in from the browser (see LateWords)."""
        if not self._filling:
            self._late_budget.typed()

    def _on_save_budget(self, _button: w.Button) -> None:
        # Typed just before: the browser may still hold the last keys back (see LateWords);
        # saved at once, "0.25" typed fast was saved as "0.2".
        self._late_budget.settle(self.budget_errors.guard(self._save_budget))

    def _save_budget(self) -> None:
        """Save the limits the form holds, or say why not (the fields keep what was typed,
        so fixing it is one change)."""
        parsed = parse_budget(str(self.hourly.value), str(self.daily.value))
        if isinstance(parsed, str):
            self.budget_errors.show(parsed)
            self.budget_status.value = ""  # an earlier "Saved" would read as this one's
            return
        self.budget_errors.clear()
        self.budget_status.value = ""
        budget = self._with_budget_edits_since_shown(parsed)
        # Over the cap, or a file that cannot be written: a ConfigError saying so, shown
        # below the fields; nothing changed.
        path = save_budget(budget, self._config_path)
        # Saved: the fields show the limits as the file now holds them (" $1.5" as 1.50).
        self._shown_budget = (str(self.hourly.value), str(self.daily.value))
        self._load(selected=str(self.scorer.value))
        where = (
            f"({escape(str(path))})"
            if self._shared is None
            else f"to your own settings, {escape(str(path))}"
        )
        limits = (
            f"{budget_said('llm_scores_per_hour', budget.llm_scores_per_hour)}, "
            f"{budget_said('usd_per_day', budget.usd_per_day)}"
        )
        self.budget_status.value = (
            f'<p role="status"><span class="ck-ok">Saved the LLM budget</span> {where}: '
            # Every view reads the config again once its file changes: no restart needed.
            f"{escape(limits)}. Open notebooks use it from their next LLM score.</p>"
        )

    def _with_budget_edits_since_shown(self, budget: Budget) -> Budget:
        """``budget`` with the file's own limit where a field was left as shown, if the file
        was edited since (a limit typed there by hand is not saved over)."""
        if self._files_stamp() == self._stamp:
            return budget
        now = load_config(self._config_path, personal=self._personal).budget
        merged = budget.model_dump()
        for field, key, shown in zip(
            (self.hourly, self.daily), Budget.model_fields, self._shown_budget, strict=True
        ):
            if field.value == shown:
                merged[key] = getattr(now, key)
        return Budget(**merged)
