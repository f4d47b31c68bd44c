"""The scorer row: picking a profile, Test connection and Test transcriber, and Save as
default."""

from __future__ import annotations

import os
from html import escape
from typing import Any

import ipywidgets as w

from ..config import LOCAL, resolve_env_refs
from ..configwrite import save_scorer_choice
from .parts import readable, status_html
from .settings_check import ConnectionCheck
from .settings_html import reach_open, server_name
from .settings_layout import SettingsLayout

__all__ = ["SettingsScorer"]


class SettingsScorer(SettingsLayout):
    """A profile picked, tested (its answer said for the profile it was asked of) and saved
    as the default."""

    def _on_scorer(self, _change: dict[str, Any]) -> None:
        self.check = None
        self.status.value = ""
        if self.busy:
            # The answer will come, for the profile it was asked of: say so now.
            testing = escape(self._testing or "")
            self.status.value = (
                status_html(f"Testing {testing}…")
                if self._testing == self.scorer.value
                else status_html(
                    f"Still testing {testing}: its result will show "
                    "here under that name. Test this profile after it."
                )
            )
        self.errors.clear()
        self._show_profile()

    def _on_test(self, _button: w.Button) -> None:
        self._test(str(self.scorer.value), self.test_button)

    def _on_test_transcriber(self, _button: w.Button) -> None:
        if self.config is not None and self.config.transcriber:
            self._test(self.config.transcriber, self.transcriber_button)

    def _test(self, name: str, button: w.Button) -> None:
        if self.busy:
            return
        if self._reload_if_edited():
            if self.config is None:  # now broken: the panel says where, and testing waits
                self.status.value = ""
                return
            if button is self.test_button:
                name = str(self.scorer.value)  # the profile may be gone: the one now shown
            elif not self.config.transcriber:
                return
            else:
                name = self.config.transcriber
        self.busy = True
        self._testing, self._test_from = name, button
        # Marked busy, not disabled: disabled, it dropped focus to the page for the test's
        # seconds (where JupyterLab's "d d" deleted the cell), and handing it back when the
        # answer came pulled a user who had tabbed on back to it. A second press meanwhile
        # does nothing (busy above); the status line says the result.
        button.add_class("ck-busy")
        self.status.value = status_html(f"Testing {escape(name)}…")

        def work() -> ConnectionCheck:
            return self._checker(self.coach, name)

        self.runner.run(work, self.errors.guard(self._tested), self.errors.guard(self._test_failed))

    def _tested(self, check: ConnectionCheck) -> None:
        name, self._testing = self._testing, None
        self.busy = False
        self._test_from.remove_class("ck-busy")
        css = "ck-ok" if check.ok else "ck-miss"
        label = "Connected" if check.ok else "Failed"
        said = escape(check.message)
        unset = self._unset(name) if name and not check.ok and name == self.scorer.value else []
        if name and unset and unset[0] in check.message:
            # The box beneath the profile says how to set it, for a cell or a shell: the
            # message's own (longer) way, above it, read as the same advice twice.
            said = f"profile {escape(name)} needs {escape(unset[0])}: set it as said below."
        result = f'<span class="{css}">{label}:</span> {said}'
        if check.ok and name == LOCAL:  # nothing was connected to: say what is true
            result = '<span class="ck-ok">Ready:</span> the offline scorer runs here.'
        transcriber = self.config.transcriber if self.config is not None else None
        if name == self.scorer.value:
            self.check = check
            self.status.value = f'<p role="status">{result}</p>'
            # A key set in a cell since the profile was shown: its box said "not set" (and
            # how to set it) beneath a "Connected" that had used it.
            self._show_profile()
        elif transcriber is not None and name == transcriber:
            tested = f"Transcriber <b>{escape(transcriber)}</b>: {result}"
            self.status.value = f'<p role="status">{tested}</p>'
        else:
            # A slow test that ends after a switch must not pass for the profile now shown.
            self.status.value = (
                f'<p class="ck-muted" role="status">Test of <b>{escape(name or "")}</b> (not the '
                f"profile selected now): {result}</p>"
            )
        self._show_budget()

    def _unset(self, name: str) -> list[str]:
        """The environment variables profile ``name`` reads and nobody set."""
        if self.config is None or name not in self.config.profile_names(scoring=False)[1:]:
            return []
        return resolve_env_refs(self.config.entry(name).litellm_params)[1]

    def _test_failed(self, exc: Exception) -> None:
        self._tested(ConnectionCheck(False, readable(exc)))

    def _on_save(self, _button: w.Button) -> None:
        name = str(self.scorer.value)
        self.status.value = ""
        self.errors.clear()
        path = save_scorer_choice(name, self._config_path)
        self._load(selected=name)
        env = os.environ.get("COACHKIT_SCORER", "").strip()
        where = (
            f"{escape(str(path))}"
            if self._shared is None
            else f"your own settings, {escape(str(path))}, over the shared config "
            f"{escape(str(self._shared))}"
        )
        if env and env != name:  # the environment wins over any file: say so, promise nothing
            self.status.value = (
                f'<p role="status"><span class="ck-ok">Saved {escape(name)}</span> as your '
                f'default in {where}, <span class="ck-warn">but COACHKIT_SCORER={escape(env)} '
                f"in the environment overrides it</span>: new notebooks still score with "
                f"{escape(env)}. Unset COACHKIT_SCORER (and restart {server_name()}) to score with "
                f"{escape(name)}.</p>"
            )
        elif self._shared is None:
            self.status.value = (
                f'<p role="status"><span class="ck-ok">Saved:</span> new notebooks score with '
                f"{escape(name)} ({where}). {reach_open('kernels')}</p>"
            )
        else:
            self.status.value = (
                f'<p role="status"><span class="ck-ok">Saved</span> to {where}: new notebooks '
                f"score with {escape(name)}. {reach_open('kernels')}</p>"
            )
