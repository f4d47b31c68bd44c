"""The config read and shown: where it comes from, the scorer menu, the profile, the
plan's form, the budget and the resolved config; shown afresh once its file is edited."""

from __future__ import annotations

import os
from contextlib import suppress
from html import escape
from pathlib import Path

import yaml

from ..config import LOCAL, Config, load_config
from ..errors import ConfigError, UnknownScorerError
from .settings_config import but_the_scorer
from .settings_html import how_to_add, profile_html, run_again
from .settings_layout import SettingsLayout

__all__ = ["SettingsLoad"]


def _exists(path: Path) -> bool:
    """Whether ``path`` is there, as far as one may look."""
    try:
        return path.exists()
    except OSError:  # a folder one may not look into: not known to exist
        return False


class SettingsLoad(SettingsLayout):
    """(Re)reading the config files and showing what they hold."""

    def _shared_line(self, own_exists: bool) -> str:
        """Which file is the cohort's shared config, and where the user's own choices go."""
        created = "" if own_exists else " (not created yet)"
        return (
            f"Shared config: {escape(str(self._shared))} (set by COACHKIT_CONFIG; read-only "
            f"for you). Your own settings are saved to {escape(str(self._own))}{created}, "
            "over it."
        )

    def _load(self, selected: str | None = None) -> None:
        """(Re)read the config file and show it."""
        self._stamp = self._files_stamp()
        self.errors.sticky = None  # a scorer misspelt at the last load may be fixed now
        self.errors.clear()
        problem: ConfigError | None = None
        personal = self._personal
        try:
            # Strict: a scorer of the user's own that names no profile is shown as the
            # mistake it is, with the fix Save as default makes, not set aside unseen.
            self.config = load_config(self._config_path, personal=personal, strict=True)
        except ConfigError as exc:
            problem = exc
            self.config = but_the_scorer(exc, self._config_path, personal)
            if self.config is None and not isinstance(exc, UnknownScorerError):
                # Strict alone refuses a limit of one's own above the shared budget (the
                # coach lowered it): read as the other views do, Save budget fixes it.
                with suppress(ConfigError):
                    self.config = load_config(self._config_path, personal=personal)
                if self.config is not None and self.config.own_set_aside:
                    # The user's own file unread (a YAML mistake): shown as the error it
                    # is, and no save writes over the file until it is fixed by hand.
                    self.config = None
        self.compare.offer(self.config)
        if self.config is None:
            assert problem is not None
            self.errors.show(problem)
            # The form cannot show what the file holds, so saving it would write defaults
            # over the user's settings (their role, their new questions a day).
            for button in (self.save_button, self.plan_button, self.budget_button):
                button.disabled = True
            # Over a shared file the mistake may be the coach's: the message says whose.
            fix = (
                "fix it by hand"
                if self._shared is None
                else "the message above says who can fix it"
            )
            self.plan.value = (
                '<p class="ck-muted">Saving is off until the config is fixed, so nothing in '
                f"the file is overwritten with defaults: {fix}, then {run_again()}.</p>"
            )
            waiting = '<p class="ck-muted">Shown once the config is fixed.</p>'
            self.budget.value = self.resolved.value = waiting
            if self._shared is None:
                self.source.value = (
                    f'<p class="ck-muted">Config file: {escape(str(self._config_path))} (has an '
                    f"error: fix it, then {run_again()}).</p>"
                )
            else:
                self.source.value = (
                    f'<p class="ck-muted">{self._shared_line(_exists(self._own))} The config '
                    "has an error (the message below names the file): once it is fixed, "
                    f"{run_again()}.</p>"
                )
            return
        config = self.config
        for button in (self.save_button, self.plan_button, self.budget_button):
            button.disabled = False
        env = os.environ.get("COACHKIT_SCORER", "").strip()
        whose = "file's" if self._shared is None else "saved"
        override = (
            f" COACHKIT_SCORER={escape(env)} in the environment overrides the {whose} choice."
            if env
            else ""
        )
        if self._shared is None:
            exists = config.source is not None
            self.source.value = (
                f'<p class="ck-muted">Config file: {escape(str(self._config_path))}'
                f"{'' if exists else ' (not created yet: defaults in use)'}.{override}</p>"
            )
        else:
            line = self._shared_line(config.personal is not None)
            self.source.value = f'<p class="ck-muted">{line}{override}</p>'
        names = config.profile_names()
        self.transcriber_button.layout.display = None if config.transcriber else "none"
        self.scorer.options = [(n, n) for n in names]
        meant = problem.meant if isinstance(problem, UnknownScorerError) else None
        self.scorer.value = selected if selected in names else meant or config.scorer
        self._shown_scorer = config.scorer
        self._show_profile()
        # What is typed in the plan's form and not saved yet stays (a Save as default, a
        # test of a file edited meanwhile, show the rest afresh).
        typed = self._typed_plan()
        self._shown_plan = config.practice
        self._filling = True  # not typed: Save plan has nothing to wait for
        try:
            self.interview.value = typed.get("interview_date", config.practice.interview_date)
            self.new_per_day.value = typed.get("new_per_day", config.practice.new_per_day)
            roles = self.coach.bank.roles()
            chosen = config.practice.role or ""
            # A role no question names (a typo, a file since removed) stays shown, not lost.
            extra = [(f"{chosen} (no questions)", chosen)] if chosen and chosen not in roles else []
            self.role.options = [("every role", ""), *((r, r) for r in roles), *extra]
            role = typed.get("role", chosen) or ""
            self.role.value = role if role in [v for _label, v in self.role.options] else chosen
        finally:
            self._filling = False
        self._show_plan(config.practice)
        shown = yaml.safe_dump(config.shown(), sort_keys=False)
        # A Tab stop with a name: past its 380 px it scrolls, and a keyboard could not reach
        # the lines below (Tab went from Rescore out of the view; the arrows scroll the page).
        self.resolved.value = (
            '<pre class="ck-code" tabindex="0" role="region" aria-label="Resolved config">'
            f"{escape(shown)}</pre>"
        )
        self._show_budget()
        self._fill_budget(config.budget)
        if isinstance(problem, UnknownScorerError) and problem.key == "fallback":
            # Over a shared config the notebooks set it aside; Save as default cannot fix it.
            self.errors.show(
                f"{problem} Save as default writes only `scorer:`: fix `fallback:` in your "
                f"config by hand, then {run_again()}.",
                sticky=True,
            )
        elif problem is not None and not isinstance(problem, UnknownScorerError):
            self.errors.show(
                f"{' '.join(config.set_aside)} To fix it here, press Save budget: its fields "
                "show the limits that apply.",
                sticky=True,
            )
        elif problem is not None:
            # Only the scorer named is wrong, and Save as default writes just that line.
            # No close name: the menu shows a profile already (the shared one standing in),
            # and "the profile meant" sent the user looking for one it did not name.
            pick = (
                f"{meant} (selected)" if meant else f"a profile ({self.scorer.value} is selected)"
            )
            self.errors.show(
                f"{problem} To fix it here, pick {pick} in the menu above and press Save as "
                "default.",
                sticky=True,
            )
            if not self._plan_saves():
                self.plan_button.disabled = True  # its save would not load until then
                self.plan.value += (
                    '<p class="ck-muted">Save plan waits until the scorer is fixed (Save as '
                    "default, above).</p>"
                )

    def _show_profile(self) -> None:
        if self.config is not None:
            self.profile.value = profile_html(self.config, str(self.scorer.value), self._shared)
            if self.config.profile_names() == [LOCAL]:
                self.profile.value += how_to_add(self._config_path, self._shared)

    def _show_budget(self) -> None:
        line = self._budget(self.coach)
        self.budget.value = f"<p>{escape(line)}</p>"

    def _reload_if_edited(self) -> bool:
        """Show the config afresh if its file was edited since it was shown; whether it was.

        A test reads the file as it is now: after an edit (a new profile, another
        api_base) the menu and the table would show what it no longer holds.
        """
        if self._files_stamp() == self._stamp:
            return False
        self.errors.clear()
        # The menu follows the file's new `scorer:` unless another profile was picked here.
        picked = str(self.scorer.value)
        self._load(selected=picked if picked != self._shown_scorer else None)
        return True

    def _config_now(self) -> Config | None:
        """The config, shown afresh first if its file was edited (for Compare)."""
        self._reload_if_edited()
        return self.config
