"""The practice plan: its form's sentence of what today holds (and the shortfall), and
Save plan, which keeps what the file gained since it was shown."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

import ipywidgets as w

from ..coach import role_problem
from ..config import NEW_PER_DAY_RANGE, PracticeSettings, load_config
from ..configwrite import save_practice_plan
from ..errors import CoachkitError, ConfigError
from ..schedule import Schedule
from .parts import readable, show_bank_problems
from .settings_html import reach_open
from .settings_layout import SettingsLayout

__all__ = ["SettingsPlan"]

# The practice plan's settings, as the form names them.
_PLAN_FIELDS = {
    "role": "your role",
    "interview_date": "interview date",
    "new_per_day": "new questions a day",
}


class SettingsPlan(SettingsLayout):
    """The plan shown under its form, and saved from it."""

    def _plan_saves(self) -> bool:
        """Whether a plan saved now would load as the notebooks read it (Save plan puts
        the file back if not): they set a scorer of the user's own that names no profile
        aside, so a coach's renamed profile no longer holds the learner's plan back."""
        personal = self._personal
        try:
            load_config(self._config_path, personal=personal)
        except ConfigError:
            return False
        return True

    def _show_plan(self, settings: PracticeSettings) -> None:
        try:
            bank = self.coach.bank
            followed = settings.role in bank.roles()  # else every role, as Coach.role
            questions = bank.filter(role=settings.role) if followed else list(bank)
            read = self.coach.read_history()
            plan = Schedule(read.attempts, settings).plan(questions)
        except CoachkitError as exc:  # e.g. an unreadable database: the rest still shows
            self.plan.value = f'<p class="ck-warn">{escape(readable(exc))}</p>'
            return
        # The plan is made without them, and for every role if the one set has no questions.
        show_bank_problems(self.bank_problems, bank, role_problem=role_problem(settings.role, bank))
        today = f"Today: {escape(plan.summary())}."
        # A sentence of its own, as Practice says it: the advice names the field above.
        if short := plan.shortfall("raise New questions a day above, then Save plan"):
            today += f"<br>{escape(short)}"
        self.plan.value = f'<p class="ck-muted">{today}</p>'
        if read.skipped and read.warning:  # a question whose attempts are left out reads as
            # new, or not due: the plan is not the one the whole history would give
            count = len(read.attempts)
            self.plan.value += (
                f'<p class="ck-warn">This plan is made from the {count} '
                f"attempt{'s' if count != 1 else ''} that can be read. "
                f"{escape(read.warning)}</p>"
            )
        when = settings.interview_date
        if when is not None and when < date.today():  # e.g. a date written in the file by hand
            self.plan.value += (
                f'<p class="ck-warn">The interview date in the config file, {when:%d %b %Y}, '
                "has passed, so it is not counted: pick a new date or clear it, then Save "
                "plan.</p>"
            )

    def _on_plan_typed(self, _change: dict[str, Any]) -> None:
        """A value of the plan's form came in from the browser (see LateWords)."""
        if not self._filling:
            self._late.typed()

    def _on_save_plan(self, _button: w.Button) -> None:
        # Typed just before: the browser may still hold the last values back (see
        # LateWords). Saved at once, a date typed as 06152030 was refused as year 2.
        # Clicked again meanwhile, the one wait takes the later click's place.
        self._late.settle(self.plan_errors.guard(self._save_plan))

    def _save_plan(self) -> None:
        """Save the plan the form holds, or say why not: once the values typed before
        Save plan came in, or none did."""
        interview: date | None = self.interview.value
        today = date.today()
        per_day = int(self.new_per_day.value)
        # The browser's box may still show "2.5", which the kernel read as 2 (and, being
        # no change, never sent back): show the number that is used.
        self.new_per_day.send_state("value")
        low, high = NEW_PER_DAY_RANGE
        # The fields keep what was typed, so fixing it is one change.
        if interview is not None and interview < today:
            # The schedule ignores a past date: saving it would quietly do nothing.
            self._refuse_plan(
                f"Not saved: the interview date {interview:%d %b %Y} has passed (today is "
                f"{today:%d %b %Y}). Pick a date from today on, or clear it for no date."
            )
            return
        if not low <= per_day <= high:
            self._refuse_plan(
                f"Not saved: new questions a day is {per_day}; give a number from {low} to "
                f"{high} (0: reviews only)."
            )
            return
        self.status.value = self.plan_status.value = ""
        self.plan_errors.clear()
        plan = PracticeSettings(
            new_per_day=per_day,
            interview_date=interview,
            role=self.role.value or None,
        )
        plan, kept = self._with_edits_since_shown(plan)
        # A file that cannot be written is a ConfigError naming it: shown, nothing changed.
        path = save_practice_plan(plan, self._config_path)
        self._load(selected=str(self.scorer.value))
        if self._shared is None:
            saved = (
                f'<p role="status"><span class="ck-ok">Saved the practice plan</span> '
                f"({escape(str(path))}). {reach_open('practice notebooks')}</p>"
            )
        else:
            saved = (
                '<p role="status"><span class="ck-ok">Saved the practice plan</span> to your own '
                f"settings, {escape(str(path))}, over the shared config "
                f"{escape(str(self._shared))}. {reach_open('practice notebooks')}</p>"
            )
        if kept:
            saved = saved.replace(
                "</p>",
                f" Kept from the file, edited since this view showed it: {', '.join(kept)}.</p>",
            )
        self.plan_status.value = saved  # below the button it answers

    def _typed_plan(self) -> dict[str, Any]:
        """The plan's settings changed in the form since it was filled, by name."""
        shown = self._shown_plan
        if shown is None:
            return {}
        form = {
            "role": self.role.value or None,
            "interview_date": self.interview.value,
            "new_per_day": self.new_per_day.value,
        }
        return {key: value for key, value in form.items() if value != getattr(shown, key)}

    def _with_edits_since_shown(self, plan: PracticeSettings) -> tuple[PracticeSettings, list[str]]:
        """``plan`` with the file's own values where the form was left as shown, if the file
        was edited since (a date typed there by hand was saved over with the form's empty
        one); and the names of the settings so kept. A file broken meanwhile is a
        ConfigError naming it, and nothing is saved."""
        shown = self._shown_plan
        if shown is None or self._files_stamp() == self._stamp:
            return plan, []
        personal = self._personal
        now = load_config(self._config_path, personal=personal).practice
        merged, kept = plan.model_dump(), []
        for key, label in _PLAN_FIELDS.items():
            ours, theirs = getattr(plan, key), getattr(now, key)
            if ours == getattr(shown, key) and theirs != ours:
                merged[key] = theirs
                kept.append(label)
        return PracticeSettings(**merged), kept

    def _refuse_plan(self, message: str) -> None:
        """Say why the plan was not saved, and take back an earlier "Saved": both on
        screen at once read as if this one had been saved too."""
        self.plan_errors.show(message)
        self.plan_status.value = ""
