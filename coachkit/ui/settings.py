"""The settings view: choose the scorer, see the resolved config, test it, see the budget."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import yaml

from .. import paths
from ..coach import Coach, role_problem
from ..config import (
    ENV_PREFIX,
    LOCAL,
    NEW_PER_DAY_RANGE,
    Config,
    PracticeSettings,
    load_config,
    mask_params,
    resolve_env_refs,
)
from ..configwrite import save_practice_plan, save_scorer_choice, save_target
from ..errors import (
    CoachkitError,
    ConfigError,
    CorruptDatabaseError,
    DatabaseBusyError,
    StoreError,
    UnknownScorerError,
)
from ..schedule import Schedule
from .compare import ComparePanel
from .parts import (
    ErrorPanel,
    View,
    bank_notice,
    dropdown,
    header,
    html,
    in_voila,
    live_html,
    readable,
    root,
    row,
    show_bank_problems,
    status_html,
)
from .runtime import Runner, ThreadRunner

if TYPE_CHECKING:  # the llm package loads on a click, not when the view opens
    from ..llm.budget import BudgetStatus

__all__ = [
    "ConnectionCheck",
    "SettingsView",
    "budget_line",
    "check_connection",
]


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str
    latency_ms: float | None = None


def check_connection(coach: Coach, name: str) -> ConnectionCheck:
    """One tiny request to profile ``name`` (what `coachkit config check` sends).

    Its latency, or the reason it failed. A database damaged (even in part) or one that
    cannot be used (a newer coachkit's) is not written to: the check is sent all the same,
    its usage not logged, and the result says so (the check tests the provider, which the
    database does not touch; its cost is a few tokens).
    """
    from ..llm.check import check_profile  # imported here: it is only needed on a click

    try:
        problem = None if name == LOCAL else _unwritable(coach)
        config = _config_of(coach)
        result = check_profile(config, name, store=None if problem else coach.store)
    except Exception as exc:
        return ConnectionCheck(False, readable(exc))
    message = result.message
    if problem is not None:
        why = "a damaged database" if isinstance(problem, CorruptDatabaseError) else "this one"
        message += f"; not logged in your LLM usage, as nothing is written to {why}: {problem}"
    return ConnectionCheck(result.ok, message, result.latency_ms)


def _unwritable(coach: Coach) -> StoreError | None:
    """Why the database must not be written to (damaged, even in part, or a newer
    coachkit's); None if it is whole, or busy now (the check's log then waits its turn)."""
    try:
        return coach.store.damage()
    except DatabaseBusyError:
        return None
    except StoreError as exc:
        return exc


def budget_line(coach: Coach) -> str:
    """What is left of the LLM budget, or the limits alone when usage is not recorded."""
    from ..llm.budget import BudgetGate, figure
    from ..llm.usage import UsageLog

    config = _config_of(coach)
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


def _config_of(coach: Coach) -> Config:
    """The coach's config; with only the scorer's name wrong, the rest of it (a profile's
    test and the budget do not depend on the scorer chosen, which Settings can fix)."""
    try:
        return coach.config
    except UnknownScorerError as exc:
        config = _but_the_scorer(exc, paths.config_path(), None)
        if config is None:
            raise
        return config


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
    # Under a shared config the budget is the coach's (the own file may not set it).
    more = (
        f"raise {limit} in your config to allow more"
        if paths.personal_config_path() is None
        else f"{limit} is set in the shared config, by whoever keeps it (your coach)"
    )
    return f". {why}; {meanwhile}; {more}."


def _but_the_scorer(exc: ConfigError, path: Path, personal: Path | None) -> Config | None:
    """The config, if all that is wrong is the scorer's name (a typo Save as default can
    fix: it writes only ``scorer:``); None when more is wrong, or the name is set by
    COACHKIT_SCORER, which no save changes (the message says so)."""
    if not isinstance(exc, UnknownScorerError) or exc.transcriber:
        return None
    if os.environ.get("COACHKIT_SCORER", "").strip():
        return None
    # Over a shared config its scorer stands in for the user's own, as in every other view.
    for scorer in (None, LOCAL) if personal is not None else (LOCAL,):
        try:
            return load_config(path, personal=personal, scorer=scorer)
        except ConfigError:  # the fallback too, say: fixed by hand, as the message says
            continue
    return None


# The practice plan's settings, as the form names them.
_PLAN_FIELDS = {
    "role": "your role",
    "interview_date": "interview date",
    "new_per_day": "new questions a day",
}


def _run_again() -> str:
    """How to show this view again once a file is fixed: a Voila page has no cells."""
    return "reload this page" if in_voila() else "re-run this cell"


def _server() -> str:
    """What to restart for the environment to reach the kernels."""
    return "Voila" if in_voila() else "Jupyter"


def _reach_open(running: str) -> str:
    """How a saved setting reaches views open already: in JupyterLab the ``running``
    ones ("kernels") restart; in Voila each page has a kernel of its own, which a reload
    replaces."""
    if in_voila():
        return "Reload the pages open already to use it there."
    return f"Restart running {running} to use it there."


def _profile_html(config: Config, name: str, shared: Path | None = None) -> str:
    """The profile's settings (secrets masked), and how to set a key it reads that is unset;
    ``shared``: the shared config (COACHKIT_CONFIG) every profile then comes from."""
    if name == LOCAL:
        return (
            "<p><b>local</b>: the offline scorer. No network, no key, deterministic: the same "
            "answer always gets the same score.</p>"
        )
    entry = config.entry(name)
    _resolved, missing = resolve_env_refs(entry.litellm_params)
    rows = []
    for key, value in mask_params(entry.litellm_params).items():
        shown = escape(str(value))
        if isinstance(value, str) and value.startswith(ENV_PREFIX):
            var = value[len(ENV_PREFIX) :]
            state = (
                '<span class="ck-miss">not set</span>'
                if var in missing
                else '<span class="ck-ok">set</span>'
            )
            shown = f"from ${escape(var)} ({state})"
        rows.append(f"<tr><td>{escape(key)}</td><td>{shown}</td></tr>")
    return (
        f"<p><b>{escape(name)}</b>: {escape(entry.model)}</p>"
        f'<table class="ck-table"><tbody>{"".join(rows)}</tbody></table>'
        f"{_key_hint(missing, shared)}"
    )


# A profile to start from: its key is named, never written (the README has more).
_EXAMPLE = """scorer: gpt
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY}"""


def _how_to_add(path: Path, shared: Path | None) -> str:
    """How to add an LLM profile, with no scorer but the offline one set up: a notebook
    copied onto a hub, or a Voila page, has no README beside it to look in."""
    if shared is not None:  # the profiles are the shared file's, kept by the coach
        return (
            f'<p class="ck-muted">To score with an LLM, a profile is added to the shared '
            f"config, {escape(str(shared))}, by whoever keeps it (your coach).</p>"
        )
    return (
        '<p class="ck-muted">To score with an LLM, add a profile to '
        f'{escape(str(path))}, e.g.</p><pre class="ck-code">{escape(_EXAMPLE)}</pre>'
        '<p class="ck-muted">with the key in the environment variable it names, not in the '
        "file (the README's Scoring with an LLM has Anthropic, Ollama, vLLM and proxy "
        "profiles), then press Test connection.</p>"
    )


def _key_hint(missing: list[str], shared: Path | None = None) -> str:
    """How to set the variables a profile needs and nobody set ("" when none is missing).

    Under a shared config (a cohort's hub) the key is its keeper's to provide, from the
    hub's environment: a cohort member told only to paste a key has none to paste.
    """
    if not missing:
        return ""
    names = ", ".join(escape(v) for v in missing)
    if in_voila():  # a page has no cell: its kernel has the environment Voila started with
        own = "export it in the shell that starts Voila and restart Voila"
    else:
        # Keys are read at every call: set in this kernel, one works at once. getpass
        # keeps it out of the notebook file, which %env or a literal would not.
        own = (
            "run <code>import os, getpass; "
            f"os.environ[{escape(repr(missing[0]))}] = getpass.getpass()</code> in a cell (the "
            "key is not saved in the notebook), or export it in the shell that starts Jupyter "
            "and restart Jupyter"
        )
    if shared is None:
        return f'<p class="ck-warn">Set {names}: {own}.</p>'
    return (
        f'<p class="ck-warn">{names} {"is" if len(missing) == 1 else "are"} not set. This '
        f"profile comes from the shared config, {escape(str(shared))}: ask whoever keeps it "
        "(your coach) to set it in the hub's environment for everyone. With a key of your "
        f"own, {own}.</p>"
    )


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a folder one may not look into: not known to exist
        return False


class SettingsView(View):
    """Scorer profile, resolved config (secrets masked), connection test and budget."""

    def __init__(
        self,
        coach: Coach | None = None,
        *,
        runner: Runner | None = None,
        checker: Callable[[Coach, str], ConnectionCheck] = check_connection,
        budget: Callable[[Coach], str] = budget_line,
        config_path: Path | None = None,
    ) -> None:
        self.coach = coach or Coach()
        self.runner = runner or ThreadRunner()
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
        self._build()
        self.errors.guard(self._load)()

    def _build(self) -> None:
        guard = self.errors.guard
        self.source = html("", "coachkit-config-source", width="100%")
        self.scorer = dropdown("Scorer profile", [(LOCAL, LOCAL)], width="320px")
        self.scorer.add_class("coachkit-scorer")
        self.test_button = w.Button(
            description="Test connection",
            icon="plug",
            tooltip="Send one tiny request with this profile (as coachkit config check)",
        )
        self.test_button.add_class("coachkit-test-connection")
        # The transcriber is no scorer, so not in the menu: tested on a button of its own,
        # shown once `transcriber:` names a profile.
        self.transcriber_button = w.Button(
            description="Test transcriber",
            icon="microphone",
            tooltip="Send the transcriber half a second of silence (as coachkit config check)",
            layout=w.Layout(display="none"),
        )
        self.transcriber_button.add_class("coachkit-test-transcriber")
        self._test_from = self.test_button  # the button whose test is running
        self.save_button = w.Button(
            description="Save as default",
            icon="save",
            tooltip=(
                "Write this choice into the config file"
                if self._shared is None
                else "Write this choice into your own settings (the shared config stays as it is)"
            ),
        )
        self.save_button.add_class("coachkit-save-scorer")
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
        self.plan_button = w.Button(
            description="Save plan",
            icon="calendar",
            tooltip=(
                "Write the practice plan into the config file"
                if self._shared is None
                else "Write the practice plan into your own settings"
            ),
        )
        self.plan_button.add_class("coachkit-save-plan")
        # "Saved the practice plan", in a live region on the page before it is said.
        self.plan_status = live_html("coachkit-plan-status", width="100%")
        self.plan = html("", "coachkit-plan", width="100%")
        self.bank_problems = bank_notice()
        self.compare = ComparePanel(self.coach, runner=self.runner, config=self._config_now)

        self.scorer.observe(guard(self._on_scorer), names="value")
        self.test_button.on_click(guard(self._on_test))
        self.transcriber_button.on_click(guard(self._on_test_transcriber))
        self.save_button.on_click(guard(self._on_save))
        # The plan's errors show beside its button: the panel at the top is out of sight.
        self.plan_errors = ErrorPanel()
        self.plan_button.on_click(self.plan_errors.guard(self._on_save_plan))
        self.root = root(
            "settings",
            [
                header("Settings", "your scorer and your practice plan"),
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
                self.compare.widget,
                html("<h3>Resolved config (secrets masked)</h3>"),
                self.resolved,
            ],
        )

    def _shared_line(self, own_exists: bool) -> str:
        """Which file is the cohort's shared config, and where the user's own choices go."""
        created = "" if own_exists else " (not created yet)"
        return (
            f"Shared config: {escape(str(self._shared))} (set by COACHKIT_CONFIG; read-only "
            f"for you). Your own settings are saved to {escape(str(self._own))}{created}, "
            "over it."
        )

    def _files_stamp(self) -> tuple[object, ...]:
        """What changes when the config files shown are edited, replaced or removed."""
        stamp: list[object] = [os.environ.get("COACHKIT_SCORER")]
        for path in (self._config_path, *([self._own] if self._shared is not None else [])):
            try:
                info = path.stat()
                stamp.append((info.st_mtime_ns, info.st_size, info.st_ino))
            except OSError:
                stamp.append(None)
        return tuple(stamp)

    def _load(self, selected: str | None = None) -> None:
        """(Re)read the config file and show it."""
        self._stamp = self._files_stamp()
        self.errors.sticky = None  # a scorer misspelt at the last load may be fixed now
        self.errors.clear()
        problem: ConfigError | None = None
        personal = None if self._shared is None else self._own
        try:
            # Strict: a scorer of the user's own that names no profile is shown as the
            # mistake it is, with the fix Save as default makes, not set aside unseen.
            self.config = load_config(self._config_path, personal=personal, strict=True)
        except ConfigError as exc:
            problem = exc
            self.config = _but_the_scorer(exc, self._config_path, personal)
        self.compare.offer(self.config)
        if self.config is None:
            assert problem is not None
            self.errors.show(problem)
            # The form cannot show what the file holds, so saving it would write defaults
            # over the user's settings (their role, their new questions a day).
            for button in (self.save_button, self.plan_button):
                button.disabled = True
            # Over a shared file the mistake may be the coach's: the message says whose.
            fix = (
                "fix it by hand"
                if self._shared is None
                else "the message above says who can fix it"
            )
            self.plan.value = (
                '<p class="ck-muted">Saving is off until the config is fixed, so nothing in '
                f"the file is overwritten with defaults: {fix}, then {_run_again()}.</p>"
            )
            waiting = '<p class="ck-muted">Shown once the config is fixed.</p>'
            self.budget.value = self.resolved.value = waiting
            if self._shared is None:
                self.source.value = (
                    f'<p class="ck-muted">Config file: {escape(str(self._config_path))} (has an '
                    f"error: fix it, then {_run_again()}).</p>"
                )
            else:
                self.source.value = (
                    f'<p class="ck-muted">{self._shared_line(_exists(self._own))} The config '
                    "has an error (the message below names the file): once it is fixed, "
                    f"{_run_again()}.</p>"
                )
            return
        config = self.config
        for button in (self.save_button, self.plan_button):
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
        self.interview.value = typed.get("interview_date", config.practice.interview_date)
        self.new_per_day.value = typed.get("new_per_day", config.practice.new_per_day)
        roles = self.coach.bank.roles()
        chosen = config.practice.role or ""
        # A role no question names (a typo, a file since removed) stays shown, not lost.
        extra = [(f"{chosen} (no questions)", chosen)] if chosen and chosen not in roles else []
        self.role.options = [("every role", ""), *((r, r) for r in roles), *extra]
        role = typed.get("role", chosen) or ""
        self.role.value = role if role in [v for _label, v in self.role.options] else chosen
        self._show_plan(config.practice)
        shown = yaml.safe_dump(config.shown(), sort_keys=False)
        self.resolved.value = f'<pre class="ck-code">{escape(shown)}</pre>'
        self._show_budget()
        if isinstance(problem, UnknownScorerError) and problem.key == "fallback":
            # Over a shared config the notebooks set it aside; Save as default cannot fix it.
            self.errors.show(
                f"{problem} Save as default writes only `scorer:`: fix `fallback:` in your "
                f"config by hand, then {_run_again()}.",
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

    def _plan_saves(self) -> bool:
        """Whether a plan saved now would load as the notebooks read it (Save plan puts
        the file back if not): they set a scorer of the user's own that names no profile
        aside, so a coach's renamed profile no longer holds the learner's plan back."""
        personal = None if self._shared is None else self._own
        try:
            load_config(self._config_path, personal=personal)
        except ConfigError:
            return False
        return True

    def _show_profile(self) -> None:
        if self.config is not None:
            self.profile.value = _profile_html(self.config, str(self.scorer.value), self._shared)
            if self.config.profile_names() == [LOCAL]:
                self.profile.value += _how_to_add(self._config_path, self._shared)

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

    def _show_budget(self) -> None:
        line = self._budget(self.coach)
        self.budget.value = f"<p>{escape(line)}</p>"

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
        button.disabled = True
        self.status.value = status_html(f"Testing {escape(name)}…")

        def work() -> ConnectionCheck:
            return self._checker(self.coach, name)

        self.runner.run(work, self.errors.guard(self._tested), self.errors.guard(self._test_failed))

    def _tested(self, check: ConnectionCheck) -> None:
        name, self._testing = self._testing, None
        self.busy = False
        self._test_from.disabled = False
        self._test_from.focus()  # disabled while testing, it had dropped focus to the page
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

    def _on_save_plan(self, _button: w.Button) -> None:
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
                f"({escape(str(path))}). {_reach_open('practice notebooks')}</p>"
            )
        else:
            saved = (
                '<p role="status"><span class="ck-ok">Saved the practice plan</span> to your own '
                f"settings, {escape(str(path))}, over the shared config "
                f"{escape(str(self._shared))}. {_reach_open('practice notebooks')}</p>"
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
        personal = None if self._shared is None else self._own
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
                f"{escape(env)}. Unset COACHKIT_SCORER (and restart {_server()}) to score with "
                f"{escape(name)}.</p>"
            )
        elif self._shared is None:
            self.status.value = (
                f'<p role="status"><span class="ck-ok">Saved:</span> new notebooks score with '
                f"{escape(name)} ({where}). {_reach_open('kernels')}</p>"
            )
        else:
            self.status.value = (
                f'<p role="status"><span class="ck-ok">Saved</span> to {where}: new notebooks '
                f"score with {escape(name)}. {_reach_open('kernels')}</p>"
            )
