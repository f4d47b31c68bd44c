"""The mock interview: N timed questions, no scores until the end, then a report card.

One view, written in parts, each a mixin in a module of its own: mock_layout (the
panels), mock_resume (unfinished interviews offered to resume), mock_asking (the
questions, one at a time), mock_scoring (the end: scores and the report) and
mock_offline (the mode without the database); mock_base holds what they share."""

from __future__ import annotations

import atexit
import contextlib
import random
import weakref
from html import escape
from pathlib import Path

import ipywidgets as w

from .. import paths
from ..coach import Coach
from ..config import OFFLINE_MEANWHILE
from ..errors import CoachkitError, CorruptDatabaseError, StoreError
from ..interview import (
    LEGACY_SESSION_KEY,
    MIXED,
    SESSION_PREFIX,
    MockReport,
    session_key,
    without_deleted,
)
from .drafts import DraftKeeper
from .mock_asking import MockAsking
from .mock_base import FINISH, NEXT, session_answers
from .mock_offline import MockOffline
from .mock_resume import MockResume
from .mock_scoring import MockScoring
from .parts import download_data, download_link, readable, show_bank_problems, timer_html
from .report import report_html, report_path, save_report, standalone_html
from .runtime import Countdown, Runner, Scheduler, late_grace
from .single import database_key, retire_root, take_over
from .spill import Spill

_NOT_SAVED = "The report was not saved"

__all__ = [
    "FINISH",
    "LEGACY_SESSION_KEY",
    "NEXT",
    "SESSION_PREFIX",
    "MockInterviewView",
    "session_key",
]


class MockInterviewView(MockOffline, MockResume, MockAsking, MockScoring):
    """Setup, then one question at a time, then the report card.

    The session (questions, answers, time used) is kept as a draft, under its
    own key, while it runs and until every answer is scored and saved, so a
    restarted kernel offers to resume it.
    """

    def __init__(
        self,
        coach: Coach | None = None,
        *,
        runner: Runner | None = None,
        scheduler: Scheduler | None = None,
        rng: random.Random | None = None,
        reports_dir: Path | None = None,
        draft_delay: float = 1.0,
        finish_grace: float | None = None,
    ) -> None:
        """``finish_grace``: at most how long (seconds) Finish waits for the words typed
        just before it to come in; None: half a second with the kernel's own runner, no
        wait with a ``runner`` given (tests)."""
        super().__init__(coach, runner, scheduler, rng, reports_dir, draft_delay)
        self._late.grace = late_grace(finish_grace, runner)
        self.drafts = DraftKeeper(
            self.coach,
            self.scheduler,
            delay=draft_delay,
            on_saved=self._draft_saved,
            on_error=self._draft_failed,
            spill=Spill(self.coach, session_answers),
        )
        self.countdown = Countdown(self.scheduler, self._tick, self._time_up)
        _VIEWS.add(self)
        self._build()
        self.errors.guard(self._start)()

    def _wire(self) -> None:
        guard = self.errors.guard
        self.start_button.on_click(guard(self._on_start))
        self.resume_button.on_click(guard(self._on_resume))
        self.discard_button.on_click(guard(self._on_discard))
        self.resume_pick.observe(guard(self._on_pick), names="value")
        self.next_button.on_click(guard(self._on_next))
        self.finish_button.on_click(guard(self._on_finish))
        self.save_button.on_click(guard(self._on_save))
        self.new_button.on_click(guard(self._on_new))
        self.answer.observe(guard(self._on_answer), names="value")
        # The config may have been edited (its scorers listed again: a stat), and the budget
        # is read again as the interview's size or scorer changes (a few rows).
        self.count.observe(guard(self._on_size), names="value")
        self.scorer.observe(guard(self._say_budget), names="value")

    def _start(self) -> None:
        # Before any session is read: an older view of this kernel writes what it holds.
        take_over("mock", database_key(self.coach), self)
        bank = self.coach.bank
        show_bank_problems(self.bank_problems, bank, role_problem=self.coach.role_problem())
        self.preset.options = [
            ("mixed categories, every role", MIXED),
            *((f"role: {r}", r) for r in bank.roles()),
        ]
        self.preset.value = self.coach.role or MIXED  # your practice role, if you set one
        try:
            config = self.coach.config
            self.scorer.options = [(n, n) for n in config.profile_names()]
            self.scorer.value = config.scorer
            if config.set_aside:  # a profile of the user's own the coach renamed
                self.errors.show("\n".join(config.set_aside), sticky=True)
        except CoachkitError as exc:
            self.errors.show(f"{readable(exc)}\n{OFFLINE_MEANWHILE}", sticky=True)
        else:
            self.recorder.refresh()
            self._say_budget()
        try:
            read, found = self._probe()
            if read.damaged:
                self._database_down(CorruptDatabaseError(read.warning or ""), partly=True)
            else:
                # Interviews left for good are put away as the view opens, not offered.
                self._offer_resumable(self._tidy(found))
        except StoreError as exc:
            self._database_down(exc)

    def retire(self) -> None:
        """A newer mock interview view took over (see ``single``): save, stop, say so."""
        self.countdown.stop()
        session = self.session
        try:
            if self._time_kept() and session is not None:
                self.drafts.update(session_key(session), session.to_json())
            saved = self.drafts.flush()
        except Exception:  # the note below says it and shows the text to copy
            saved = False
        running = session is not None and not session.finished
        kept = [("Your answer to the question on screen", self.answer.value)] if running else []
        self._retired = True  # the box is gone from the page; nothing more is taken from it
        self.answer.disabled = True
        retire_root(self.root, saved=saved, kept=kept)
        if self.busy or self.report is not None:
            # Scoring, or scored: its progress and its report (maybe not saved yet, and
            # made nowhere else) stay in sight here; the newer view starts the next one.
            self.new_button.layout.display = "none"
            parts = (self.progress, self.errors.widget, self.status, self.done)
            self.root.children = (*self.root.children, *parts)

    def _tick(self, remaining: int) -> None:
        self.timer_label.value = timer_html(remaining)

    def _time_up(self) -> None:
        self.timer_label.value = timer_html(None, "Time is up: wrap up and move on.")

    def _on_save(self, _button: w.Button) -> None:
        # click() fires even on a disabled button.
        if self.report is None or self.save_button.disabled:
            return
        folder = self._reports_dir or paths.reports_dir()
        # An answer deleted from the history since the report was shown leaves it (none
        # was saved, nor can be deleted, while the database is not used).
        report = (
            self.report
            if self._db_problem is not None
            else without_deleted(self.report, self._in_store)
        )
        if report.deleted != self.report.deleted:
            self.report = report
            self.report_view.value = report_html(report)
        try:
            self.saved = save_report(self.report, folder)
        except OSError as exc:
            self._not_saved(self.report, folder, exc)
            return
        if (self.errors.message or "").startswith(_NOT_SAVED):
            self.errors.clear()  # only that: a draft not saved yet is still to be told
        # The path is on the server, out of reach in Voila: the file comes with a link too.
        link = download_link(self.saved, "text/html;charset=utf-8")
        shown = f"Saved {escape(str(self.saved))} {link}".rstrip()
        saved = f'<span class="ck-muted">{shown}</span>'
        said = f"{saved} {self._kept_note}" if self._kept_note else saved
        self.status.value = f'<span role="status">{said}</span>'

    def _not_saved(self, report: MockReport, folder: Path, exc: OSError) -> None:
        """A full or read-only disk, said as Save PNG says it, and the report offered for
        download from the page, which needs no disk: it is made nowhere else, and a
        restart (one way out of a read-only home) would take it off the page."""
        path = report_path(report, folder)
        in_home = self._reports_dir is None
        fix = paths.write_fix(folder, exc, "press Save report again", in_home=in_home)
        page = standalone_html(report).encode("utf-8")
        link = download_data(path.name, page, "text/html;charset=utf-8")
        keep = (
            "Meanwhile the report stays on this page: download it below before any restart."
            if link
            else "Meanwhile the report stays on this page: keep this notebook open."
        )
        self.errors.show(
            f"{_NOT_SAVED}: cannot write {path} ({paths.os_reason(exc)}). {fix} {keep}"
        )
        said = f"{link} {self._kept_note}".strip()
        self.status.value = f'<span role="status">{said}</span>' if said else ""

    def _on_new(self, _button: w.Button) -> None:
        if self.busy:
            return
        self.report = None
        # The resume offer stays: an interview with unscored answers is resumed from there.
        for control in (self.next_button, self.finish_button, self.answer):
            control.disabled = False
        self.progress.value = ""
        self.errors.clear()
        self._show(self.setup)
        self._on_size()  # the config or the budget left may have changed meanwhile
        self.start_button.focus()  # the report's buttons, focus with them, are hidden


# Every mock interview view alive, to keep its time used when the kernel exits.
_VIEWS: weakref.WeakSet[MockInterviewView] = weakref.WeakSet()


@atexit.register
def _save_running_interviews() -> None:
    """The time used is saved with each keystroke; a restart (which exits normally)
    would lose the time spent on the question on screen since the last one, and the
    resumed countdown would start that question again. Registered after the drafts'
    exit hook, so it runs before it: that hook writes it, once, telling no view (written
    here as well, a busy database would hold the exit for its timeout twice over)."""
    for view in list(_VIEWS):
        with contextlib.suppress(Exception):  # nowhere left to say it
            session = view.session
            if view._time_kept() and session is not None:
                view.drafts.update(session_key(session), session.to_json())
