"""What the parts of the settings view share: its collaborators, its state, and what one
part asks of another (see SettingsView for the parts)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from .. import paths
from ..coach import Coach
from ..config import LOCAL, Budget, Config, PracticeSettings
from ..configwrite import save_target
from .parts import ErrorPanel, View
from .runtime import LateWords, Runner, Scheduler, ThreadRunner, ThreadScheduler
from .settings_check import ConnectionCheck

__all__ = ["SettingsBase"]


class SettingsBase(View):
    """The settings view's collaborators and state, which every part reads and writes,
    and what one part asks of another (declared for the type checker; each is defined
    in the part named). SettingsView puts the parts together."""

    def __init__(
        self,
        coach: Coach | None,
        runner: Runner | None,
        checker: Callable[[Coach, str], ConnectionCheck],
        budget: Callable[[Coach], str],
        config_path: Path | None,
        scheduler: Scheduler | None,
    ) -> None:
        self.coach = coach or Coach()
        self.runner = runner or ThreadRunner()
        self.scheduler = scheduler or ThreadScheduler()
        # The plan's values a click overtook on a slow kernel: awaited by Save plan (its
        # grace is set by SettingsView).
        self._late = LateWords(self.scheduler)
        # The budget's limits, the same way for Save budget: a wait of its own, so a click
        # of one button never takes the other's place.
        self._late_budget = LateWords(self.scheduler)
        self._filling = False  # the form is being filled from the config, not typed in
        self._checker = checker
        self._budget = budget
        self._config_path = config_path or paths.config_path()
        # Where saves go, and the shared config (COACHKIT_CONFIG) they sit over, if any.
        self._own, self._shared = save_target(self._config_path)
        self.errors = ErrorPanel()
        self.config: Config | None = None
        self.check: ConnectionCheck | None = None
        self.busy = False
        self._testing: str | None = None  # the profile a running test was asked of
        self._stamp: tuple[object, ...] = ()  # the config files as last shown
        self._shown_scorer = LOCAL  # the scorer they chose then
        self._shown_plan: PracticeSettings | None = None  # the plan the form was filled with
        self._shown_budget = ("", "")  # the budget's fields as last filled from the config

    @property
    def _personal(self) -> Path | None:
        """The user's own file over a shared config, read with it; None without one."""
        return None if self._shared is None else self._own

    def _files_stamp(self) -> tuple[object, ...]:
        """What changes when the config files shown are edited, replaced or removed."""
        stamp: list[object] = [os.environ.get("COACHKIT_SCORER")]
        for path in (self._config_path, *([] if self._personal is None else [self._personal])):
            try:
                info = path.stat()
                stamp.append((info.st_mtime_ns, info.st_size, info.st_ino))
            except OSError:
                stamp.append(None)
        return tuple(stamp)

    if TYPE_CHECKING:
        # settings_load
        def _load(self, selected: str | None = None) -> None: ...
        def _show_profile(self) -> None: ...
        def _show_budget(self) -> None: ...
        def _reload_if_edited(self) -> bool: ...
        def _config_now(self) -> Config | None: ...
        # settings_scorer
        def _on_scorer(self, _change: dict[str, Any]) -> None: ...
        def _on_test(self, _button: w.Button) -> None: ...
        def _on_test_transcriber(self, _button: w.Button) -> None: ...
        def _on_save(self, _button: w.Button) -> None: ...
        # settings_plan
        def _plan_saves(self) -> bool: ...
        def _show_plan(self, settings: PracticeSettings) -> None: ...
        def _typed_plan(self) -> dict[str, Any]: ...
        def _on_save_plan(self, _button: w.Button) -> None: ...
        def _on_plan_typed(self, _change: dict[str, Any]) -> None: ...
        # settings_budget_form
        def _fill_budget(self, budget: Budget) -> None: ...
        def _on_budget_typed(self, _change: dict[str, Any]) -> None: ...
        def _on_save_budget(self, _button: w.Button) -> None: ...
