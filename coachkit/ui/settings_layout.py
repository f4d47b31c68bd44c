"""The settings view's widgets, built once as it opens."""

from __future__ import annotations

import ipywidgets as w

from ..config import LOCAL, PracticeSettings
from .compare import ComparePanel
from .parts import ErrorPanel, bank_notice, button, dropdown, header, html, live_html, root, row
from .settings_base import SettingsBase

__all__ = ["SettingsLayout"]


class SettingsLayout(SettingsBase):
    """The scorer row, the profile, the practice plan's form, the budget, Compare and the
    resolved config, with their buttons wired to the parts that answer them."""

    def _build(self) -> None:
        guard = self.errors.guard
        self.source = html("", "coachkit-config-source", width="100%")
        self.scorer = dropdown("Scorer profile", [(LOCAL, LOCAL)], width="320px")
        self.scorer.add_class("coachkit-scorer")
        self.test_button = button(
            "Test connection",
            "coachkit-test-connection",
            icon="plug",
            tooltip="Send one tiny request with this profile (as coachkit config check)",
        )
        # The transcriber is no scorer, so not in the menu: tested on a button of its own,
        # shown once `transcriber:` names a profile.
        self.transcriber_button = button(
            "Test transcriber",
            "coachkit-test-transcriber",
            icon="microphone",
            tooltip="Send the transcriber half a second of silence (as coachkit config check)",
            hidden=True,
        )
        self._test_from = self.test_button  # the button whose test is running
        self.save_button = button(
            "Save as default",
            "coachkit-save-scorer",
            icon="save",
            tooltip="Write this choice into the config file"
            if self._shared is None
            else "Write this choice into your own settings (the shared config stays as it is)",
        )
        self.status = live_html("coachkit-status", width="100%")
        self.profile = html("", "coachkit-profile", width="100%")
        self.budget = html("", "coachkit-budget", width="100%")
        self.resolved = html("", "coachkit-config", width="100%")
        self.interview = w.DatePicker(
            description="Interview date", style={"description_width": "initial"}
        )
        self.interview.add_class("coachkit-interview-date")
        # Not bounded: a bounded box turns -3 into 0 without a word; Save plan says why not.
        self.new_per_day = w.IntText(
            value=PracticeSettings().new_per_day,
            description="New questions a day",
            style={"description_width": "initial"},
            layout=w.Layout(width="220px"),
        )
        self.new_per_day.add_class("coachkit-new-per-day")
        self.role = dropdown(
            "Your role",
            [("every role", "")],
            width="260px",
            tooltip="Next up, the role filters and the mock interview start on its questions",
        )
        self.role.add_class("coachkit-role")
        self.plan_button = button(
            "Save plan",
            "coachkit-save-plan",
            icon="calendar",
            tooltip="Write the practice plan into the config file"
            if self._shared is None
            else "Write the practice plan into your own settings",
        )
        # "Saved the practice plan", in a live region on the page before it is said.
        self.plan_status = live_html("coachkit-plan-status", width="100%")
        self.plan = html("", "coachkit-plan", width="100%")
        self.bank_problems = bank_notice()
        # Text, not number boxes: empty is no limit, and what was typed wrong stays to fix.
        self.hourly = w.Text(
            description="LLM scores per hour",
            placeholder="unlimited",
            style={"description_width": "initial"},
            layout=w.Layout(width="240px"),
        )
        self.hourly.add_class("coachkit-budget-hourly")
        self.daily = w.Text(
            description="USD per day",
            placeholder="no limit",
            style={"description_width": "initial"},
            layout=w.Layout(width="200px"),
        )
        self.daily.add_class("coachkit-budget-daily")
        self.budget_button = button(
            "Save budget",
            "coachkit-save-budget",
            icon="save",
            tooltip="Write these limits into the config file"
            if self._shared is None
            else "Write these limits into your own settings (at most the shared config's)",
        )
        self.budget_hint = html("", "coachkit-budget-hint", width="100%")
        self.budget_errors = ErrorPanel()
        self.budget_status = live_html("coachkit-budget-status", width="100%")
        self.compare = ComparePanel(self.coach, runner=self.runner, config=self._config_now)

        self.scorer.observe(guard(self._on_scorer), names="value")
        self.test_button.on_click(guard(self._on_test))
        self.transcriber_button.on_click(guard(self._on_test_transcriber))
        self.save_button.on_click(guard(self._on_save))
        # The plan's errors show beside its button: the panel at the top is out of sight.
        self.plan_errors = ErrorPanel()
        self.plan_button.on_click(self.plan_errors.guard(self._on_save_plan))
        # Each value the browser sends is told: Save plan waits for those it held back.
        for field in (self.interview, self.new_per_day, self.role):
            field.observe(self.plan_errors.guard(self._on_plan_typed), names="value")
        self.budget_button.on_click(self.budget_errors.guard(self._on_save_budget))
        for field in (self.hourly, self.daily):
            field.observe(self.budget_errors.guard(self._on_budget_typed), names="value")
        self.root = root(
            "settings",
            [
                header("Settings", "your scorer, your practice plan and your LLM budget"),
                self.source,
                row([self.scorer, self.test_button, self.save_button, self.transcriber_button]),
                self.status,
                self.errors.widget,
                self.bank_problems,
                self.profile,
                html("<h3>Practice plan</h3>"),
                html(
                    '<p class="ck-muted">How <b>Next up</b> spaces your practice: a cap on new '
                    "questions a day, an interview date every question comes back before "
                    "(leave it empty for none), and the role you practise for (its questions "
                    "and those for any role).</p>"
                ),
                row([self.role, self.interview, self.new_per_day, self.plan_button]),
                self.plan_errors.widget,
                self.plan_status,
                self.plan,
                html("<h3>LLM budget</h3>"),
                self.budget,
                self.budget_hint,
                row([self.hourly, self.daily, self.budget_button]),
                self.budget_errors.widget,
                self.budget_status,
                self.compare.widget,
                html("<h3>Resolved config (secrets masked)</h3>"),
                self.resolved,
            ],
        )
