"""Settings' "Compare on past answers": `coachkit rescore` for a page with no terminal.

Scores the newest saved answers again with a profile picked here and shows how far the
scores move; nothing is saved. The work runs on a worker thread (as Test connection's
does), counts the answers as they finish, and can be stopped: what finished is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as w

from ..coach import Coach
from ..config import LOCAL, Config, resolve_env_refs
from ..errors import CoachkitError
from ..models import Attempt
from ..wording import and_list
from .live import FOCUS_CLASS
from .parts import (
    ErrorPanel,
    button,
    dropdown,
    html,
    live_html,
    readable,
    row,
    said_html,
    status_html,
    unwritable,
)
from .runtime import Runner

if TYPE_CHECKING:  # the llm package loads on a click, not when Settings opens
    from ..llm.drift import DriftReport

__all__ = ["NOTHING_SAVED", "ComparePanel", "report_html"]

NOTHING_SAVED = "Nothing is saved: your history keeps the scores it has."
_EVERY = ""  # the menus' "every question" and "any scorer"


class ComparePanel:
    """Profile, how many of the newest attempts, which question and which scorer's; a
    Rescore button, a Stop button, the progress, and the drift."""

    def __init__(
        self,
        coach: Coach,
        *,
        runner: Runner,
        config: Callable[[], Config | None],
    ) -> None:
        """``config``: the config as it is now (re-read if its file was edited), or None
        while it is broken; Settings shows the profiles from it afresh as it does."""
        self.coach = coach
        self.runner = runner
        self._config = config
        self.busy = False
        self._run = _Run(LOCAL, 0)  # the run shown (in progress, or the last)
        self.errors = ErrorPanel()
        self.profile = dropdown("Profile", [(LOCAL, LOCAL)], width="240px")
        self.profile.add_class("coachkit-compare-profile")
        # Not bounded: a bounded box turns 0 into 1 without a word; Rescore says why not.
        self.last = w.IntText(
            value=5,
            description="Newest attempts",
            style={"description_width": "initial"},
            layout=w.Layout(width="190px"),
        )
        self.last.add_class("coachkit-compare-last")
        self.question = dropdown("Question", [("every question", _EVERY)], width="300px")
        self.question.add_class("coachkit-compare-question")
        self.source = dropdown(
            "Scored by",
            [("any scorer", _EVERY)],
            width="220px",
            tooltip="Only attempts this scorer graded: each grades on a scale of its own",
        )
        self.source.add_class("coachkit-compare-from")
        self.button = button(
            "Rescore",
            "coachkit-compare-run",
            icon="refresh",
            tooltip="Score these answers again with the profile (as coachkit rescore); "
            "nothing is saved",
        )
        self.stop_button = button(
            "Stop",
            "coachkit-compare-stop",
            icon="times",
            tooltip="Send no more answers; show those scored so far",
            hidden=True,
        )
        self.status = live_html("coachkit-compare-status", width="100%")
        # Focus comes here when a run ends: its heading or its message is read first.
        self.result = html("", "coachkit-compare-result", width="100%")
        self.result.add_class(FOCUS_CLASS)
        self.button.on_click(self.errors.guard(self._on_rescore))
        self.stop_button.on_click(self.errors.guard(self._on_stop))
        self.widget = w.VBox(
            [
                html("<h3>Compare on past answers</h3>"),
                html(
                    '<p class="ck-muted">Score your newest saved answers again with a profile '
                    "and see how far the scores move (as <code>coachkit rescore</code>). "
                    f"{NOTHING_SAVED}</p>"
                ),
                row([self.profile, self.last, self.question, self.source]),
                row([self.button, self.stop_button]),
                self.status,
                self.errors.widget,
                self.result,
            ],
            layout=w.Layout(width="100%"),
        )
        self.widget.add_class("coachkit-compare")

    # -- the menus ------------------------------------------------------------
    def offer(self, config: Config | None) -> None:
        """Show the profiles ``config`` has (None: broken, and Rescore waits for a fix),
        and the questions and scorers the history has; what was picked stays if it can."""
        if config is None:
            self.button.disabled = True
            self.profile.options = [(LOCAL, LOCAL)]
            return
        self.button.disabled = False  # while a run is on, it is marked busy instead
        names = config.profile_names()
        picked = str(self.profile.value)
        self.profile.options = [(n, n) for n in names]
        self.profile.value = picked if picked in names else names[0]
        self._offer_history()

    def _offer_history(self) -> None:
        try:
            attempts = self.coach.read_history().attempts
        except CoachkitError:  # Settings says what is wrong with the database
            attempts = []
        ids = sorted({a.question_id for a in attempts})
        scorers = sorted({a.card.scorer for a in attempts})
        _keep(self.question, [("every question", _EVERY), *((i, i) for i in ids)])
        _keep(self.source, [("any scorer", _EVERY), *((s, s) for s in scorers)])

    # -- a run ----------------------------------------------------------------
    def _on_rescore(self, _button: w.Button) -> None:
        if self.busy:
            return
        self.errors.clear()
        self.status.value = ""
        picked = str(self.profile.value)
        config = self._config()  # the file as it is now: a profile may have gone
        if config is None:
            self._say("The config has an error (shown at the top): fix it, then Rescore.")
            return
        if picked not in config.profile_names():
            self._say(
                f"The profile {picked} is no longer in your config (the file was edited "
                "since this page showed it): the menu now lists those it has. Pick one and "
                "press Rescore."
            )
            return
        last = int(self.last.value)
        self.last.send_state("value")  # the box may show "2.5": show the number used
        if last < 1:
            self._say(f"Newest attempts is {last}: give a number from 1 up.")
            return
        problem = self._refusal(config, picked)
        if problem:
            self._say(problem)
            return
        attempts = self._attempts()
        if attempts is None:
            return
        self._start(config, picked, attempts, last)

    def _refusal(self, config: Config, name: str) -> str:
        """Why ``name`` cannot rescore now ("" if it can): a key nobody set (named, never
        its value), or a database an LLM profile's usage log must not be written to."""
        if name == LOCAL:
            return ""
        missing = resolve_env_refs(config.entry(name).litellm_params)[1]
        if missing:
            names = and_list(missing)
            return (
                f"Not rescored: the profile {name} reads {names}, which "
                f"{'is' if len(missing) == 1 else 'are'} not set. Pick {name} in Scorer "
                "profile at the top to see how to set it, then press Rescore again."
            )
        damage = unwritable(self.coach)
        if damage is not None:
            return (
                f"Not rescored: an LLM profile logs its usage and budget in the database, "
                f"and nothing may be written to it: {damage} The profile local writes "
                "nothing: pick it to compare offline."
            )
        return ""

    def _attempts(self) -> list[Attempt] | None:
        """The attempts the menus pick, oldest first; None, said why, when there are none."""
        question = str(self.question.value) or None
        source = str(self.source.value)
        read = self.coach.read_history(question)
        attempts = [a for a in read.attempts if not source or a.card.scorer == source]
        if attempts:
            return attempts
        if not read.attempts and question is None:
            self._say(
                "No attempts to rescore yet: answer a question in Practice or a mock "
                "interview, then come back."
            )
        else:
            which = " and ".join(
                part
                for part in (
                    f"at {question}" if question else "",
                    f"scored by {source}" if source else "",
                )
                if part
            )
            self._say(f"No attempts {which}: pick another in the menus above.")
        self._offer_history()
        return None

    def _start(self, config: Config, name: str, attempts: list[Attempt], last: int) -> None:
        from ..llm.drift import to_rescore
        from ..scoring.registry import make_scorer

        bank = self.coach.bank
        run = self._run = _Run(name, to_rescore(attempts, bank, last))
        store = None if name == LOCAL else self.coach.store
        scorer = make_scorer(name, config, store=store, fallback=False)
        concurrency = config.llm.concurrency
        self.busy = True
        # Marked busy, not disabled: disabled, Rescore dropped focus to the page for the
        # run's seconds (where JupyterLab's "d d" deletes the cell). A press meanwhile does
        # nothing (busy above); Stop stands beside it.
        self.button.add_class("ck-busy")
        self.stop_button.layout.display = ""
        self.stop_button.remove_class("ck-busy")
        self.result.value = ""
        self._show_progress()

        def work() -> DriftReport:
            from ..llm.drift import RescoreInterrupted, rescore

            try:
                return rescore(
                    attempts,
                    scorer,
                    bank,
                    last=last,
                    concurrency=concurrency,
                    progress=False,
                    fewer=_fewer,
                    on_done=lambda done, _total: self._finished(run, done),
                    stop=run.stop,
                )
            except RescoreInterrupted as stopped:  # Stop: what finished, the rest unsent
                return stopped.report

        self.runner.run(work, self.errors.guard(self._shown), self.errors.guard(self._failed))

    def _finished(self, run: _Run, done: int) -> None:
        """``done`` answers of ``run`` scored (or failed), from the run's thread: shown,
        unless Stop's message is (a stopped batch calls no more once it has ended)."""
        run.done = done
        if not run.stop.is_set():
            self._show_progress()

    def _show_progress(self) -> None:
        run = self._run
        self.status.value = status_html(
            f"Rescoring with {escape(run.name)}: {run.done} of {run.total} done…"
        )

    def _on_stop(self, _button: w.Button) -> None:
        run = self._run
        if not self.busy or run.stop.is_set():
            return
        run.stop.set()
        self.stop_button.add_class("ck-busy")  # keeps focus, as Rescore does
        # Answers sent already cannot be called back: they finish, and are shown.
        self.status.value = status_html(
            f"Stopping: no more answers are sent; {run.done} of {run.total} done, those "
            "being scored now finish first…"
        )

    def _end(self) -> None:
        self.busy = False
        self.button.remove_class("ck-busy")
        self.stop_button.layout.display = "none"

    def _shown(self, report: DriftReport) -> None:
        self._end()
        rescored = len(report.rows) - len(report.failed)
        stopped = " (stopped)" if report.unfinished else ""
        self.status.value = status_html(
            f"Done{stopped}: {rescored} of {len(report.rows) + report.unfinished} rescored "
            f"with {escape(report.scorer)}."
        )
        self.result.value = report_html(report)
        self._offer_history()
        self.result.focus()

    def _failed(self, exc: Exception) -> None:
        self._end()
        self.status.value = ""
        # A budget too small, a profile that cannot be built: said with what to do.
        self._say(readable(exc))

    def _say(self, message: str) -> None:
        """A reason nothing was rescored, where the result goes, focused."""
        self.result.value = f'<div class="ck-warn" role="status"><p>{said_html(message)}</p></div>'
        self.result.focus()


@dataclass
class _Run:
    """One Rescore: its profile, how many answers it scores and how many are done, and
    whether Stop was pressed (each run its own)."""

    name: str
    total: int
    done: int = 0
    stop: threading.Event = field(default_factory=threading.Event)


def _keep(menu: w.Dropdown, options: list[tuple[str, str]]) -> None:
    """New options for ``menu``, its choice kept if it is still among them."""
    picked = menu.value
    menu.options = options
    menu.value = picked if picked in [v for _label, v in options] else _EVERY


def _fewer(n: int) -> str:
    """How to rescore no more than the budget pays for now."""
    return f"set Newest attempts to {n} to rescore the newest {'one' if n == 1 else n}"


def _when(attempt: Attempt) -> str:
    created: datetime = attempt.created_at.astimezone()  # the user's clock, as History's
    return f"{created:%d %b %Y %H:%M}"


def report_html(report: DriftReport) -> str:
    """The drift as the CLI's table says it: a row per attempt, each failure's reason
    once below, then the mean change per dimension, and the notes."""
    scorer = escape(report.scorer)
    reasons = list(dict.fromkeys(row.error or "no reason given" for row in report.failed))
    rows = []
    for drift in report.rows:
        before = f"{drift.before.overall} ({escape(drift.before.scorer)})"
        if drift.after is None:
            number = reasons.index(drift.error or "no reason given") + 1
            after, change = f'<span class="ck-miss">failed [{number}]</span>', ""
        else:
            after = str(drift.after.overall)
            change = f"{drift.delta('overall'):+d}"
        # Four narrow columns, the date under its question, not a fifth: at 640 px with
        # the file browser open the page is about 260 px wide, and Change was cut.
        rows.append(
            f"<tr><td>{escape(drift.attempt.question_id)}<br>"
            f"<span class='ck-muted'>{_when(drift.attempt)}</span></td>"
            f"<td class='ck-num'>{before}</td><td class='ck-num'>{after}</td>"
            f"<td class='ck-num'>{change}</td></tr>"
        )
    parts = [f"<h4>Rescored with {scorer}</h4>"]
    if rows:
        parts.append(
            '<div class="ck-scroll"><table class="ck-table ck-tight">'
            f"<caption class='ck-muted'>Overall score of each attempt: saved (by whom), "
            f"and new with {scorer}</caption><thead><tr><th scope='col'>Question, "
            "answered</th><th scope='col' class='ck-num'>Saved</th>"
            "<th scope='col' class='ck-num'>New</th><th scope='col' class='ck-num'>Change</th>"
            "</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    if reasons:
        said = "".join(f"<li>[{n}] {said_html(r)}</li>" for n, r in enumerate(reasons, 1))
        parts.append(f'<p class="ck-muted">Why some failed:</p><ul>{said}</ul>')
    notes = []
    if report.unfinished:
        more = (
            "1 more attempt was"
            if report.unfinished == 1
            else (f"{report.unfinished} more attempts were")
        )
        notes.append(f"Stopped: {more} not rescored (nothing more was sent).")
    if report.skipped:
        notes.append(report.skipped_note())
    if rows and len(report.failed) < len(report.rows):
        parts.append(_means_html(report))
        notes.append(report.mixed_scales("pick one in Scored by to compare its attempts alone."))
        notes.append(NOTHING_SAVED)  # once, below the new scores a user might think kept
    else:
        notes.append(f"Nothing was rescored with {report.scorer}: no change to report.")
    parts.extend(f'<p class="ck-muted">{said_html(note)}</p>' for note in notes if note)
    return "".join(parts)


def _means_html(report: DriftReport) -> str:
    """Mean change and mean size of change, a row per dimension and overall: apart, as
    a +2 and a -2 average to 0 although the grader moved both."""
    change, size = report.mean_change, report.mean_abs_change
    rows = "".join(
        f"<tr><td>{escape(part)}</td><td class='ck-num'>{change[part]:+g}</td>"
        f"<td class='ck-num'>{size[part]:g}</td></tr>"
        for part in change
    )
    return (
        '<div class="ck-scroll"><table class="ck-table">'
        f"<caption class='ck-muted'>Mean change with {escape(report.scorer)}</caption>"
        "<thead><tr><th scope='col'>Dimension</th><th scope='col' class='ck-num'>Mean "
        "change</th><th scope='col' class='ck-num'>Mean size of change, up or down</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )
