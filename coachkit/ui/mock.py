"""The mock interview: N timed questions, no scores until the end, then a report card."""

from __future__ import annotations

import atexit
import contextlib
import random
import shlex
import threading
import weakref
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import paths
from ..coach import Coach
from ..config import LOCAL, OFFLINE_MEANWHILE
from ..errors import (
    CoachkitError,
    CorruptDatabaseError,
    DatabaseBusyError,
    NotSavedError,
    StoreError,
)
from ..interview import (
    GONE,
    LEGACY_SESSION_KEY,
    MIXED,
    SESSION_PREFIX,
    MockReport,
    MockSession,
    asked,
    build_report,
    pick_questions,
    session_key,
    without_deleted,
)
from ..models import Attempt
from ..store import AttemptsRead
from .drafts import DraftAlert, DraftKeeper
from .parts import (
    PARTLY,
    SCORER_WIDTH,
    UNUSABLE,
    ErrorPanel,
    View,
    bank_notice,
    checked,
    damage_in,
    download_link,
    dropdown,
    header,
    html,
    in_voila,
    live_html,
    readable,
    reported_by_sqlite,
    root,
    row,
    show_bank_problems,
    show_store_problem,
    status_html,
    store_notice,
    timer_html,
)
from .practice import question_html
from .recording import RecordingButton
from .report import report_html, save_report
from .runtime import Countdown, Runner, Scheduler, ThreadRunner, ThreadScheduler
from .single import database_key, retire_root, take_over
from .spill import FilesOnly, Spill
from .warmup import warm_for

__all__ = ["LEGACY_SESSION_KEY", "SESSION_PREFIX", "MockInterviewView", "session_key"]

NEXT, FINISH = "Next question", "Finish"


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(count=count)


class MockInterviewView(View):
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
    ) -> None:
        self.coach = coach or Coach()
        self.runner = runner or ThreadRunner()
        self.scheduler = scheduler or ThreadScheduler()
        self.rng = rng or random.Random()
        self._reports_dir = reports_dir
        self.errors = ErrorPanel()
        self.session: MockSession | None = None
        # The unfinished interview on offer, with the draft key it was found under.
        self._resumable: tuple[str, MockSession] | None = None
        self._offer_note = ""  # how far the interview on offer got
        self._candidates: list[tuple[str, MockSession]] = []  # every one that may be resumed
        self._kept_note = ""
        self._open_elsewhere = 0  # unfinished interviews another running notebook has open
        self._scoring_here = 0  # interviews an older view of this kernel is scoring
        self._draft_alert = DraftAlert(self.errors, plural=True)
        self.report: MockReport | None = None
        self.saved: Path | None = None
        self.busy = False
        self._answer_saved = False  # the answer on screen is in an attempt: it stays
        self._shown_at = 0.0
        self._syncing = False
        self._retired = False  # a newer view of this kind took over
        self._db_problem: StoreError | None = None  # why the database cannot be used, if so
        # Once it is not used (found damaged while an interview runs, say): the files the
        # answers go to, and the questions scored but saved nowhere.
        self._files: Spill | None = None
        self._unsaved: set[str] = set()
        self._down_lock = threading.Lock()  # damage may be found on two threads at once
        self._draft_delay = draft_delay
        self.drafts = DraftKeeper(
            self.coach,
            self.scheduler,
            delay=draft_delay,
            on_saved=self._draft_saved,
            on_error=self._draft_failed,
            spill=Spill(self.coach, _session_answers),
        )
        self.countdown = Countdown(self.scheduler, self._tick, self._time_up)
        _VIEWS.add(self)
        self._build()
        self.errors.guard(self._start)()

    # -- layout ----------------------------------------------------------------
    def _build(self) -> None:
        """Three panels, one shown at a time: setting up, asking, the report."""
        self._build_setup()
        self._build_asking()
        self._build_report()
        self._wire()
        self.bank_problems = bank_notice()
        self.store_problem = store_notice()
        self.root = root(
            "mock",
            [
                header("Mock interview", "timed questions, a report card at the end"),
                self.store_problem,
                self.bank_problems,
                self.said,
                self.setup,
                self.asking,
                self.errors.widget,
                self.status,
                self.done,
            ],
        )

    def _build_setup(self) -> None:
        """How many questions, which preset, how long each, the scorer, and resuming."""
        self.count = w.BoundedIntText(
            value=5,
            min=1,
            max=10,
            description="Questions",
            style={"description_width": "initial"},
            layout=w.Layout(width="150px"),
        )
        self.count.add_class("coachkit-mock-count")
        self.preset = dropdown("Preset", [("mixed categories", MIXED)], width="260px")
        self.preset.add_class("coachkit-mock-preset")
        self.minutes = dropdown(
            "Minutes per question",
            [("1", 60), ("2", 120), ("3", 180), ("5", 300)],
            120,
            width="210px",
        )
        self.scorer = dropdown("Scorer", [(LOCAL, LOCAL)], width=SCORER_WIDTH)
        self.scorer.observe(self._say_offer, names="value")  # the offer names the scorer
        self.scorer.observe(lambda change: warm_for(self.coach, change["new"]), names="value")
        self.scorer.add_class("coachkit-scorer")
        self.start_button = w.Button(
            description="Start interview", button_style="primary", icon="play"
        )
        self.start_button.add_class("coachkit-mock-start")
        self.resume_button = w.Button(
            description="Resume interview", icon="history", layout=w.Layout(width="auto")
        )
        self.resume_button.add_class("coachkit-mock-resume")
        self.resume_button.layout.display = "none"
        self.resume_note = html("", "ck-muted")
        # Shown when more than one unfinished interview is saved: pick which to resume.
        self.resume_pick = dropdown("Unfinished", [("", 0)], width="auto")
        self.resume_pick.add_class("coachkit-mock-pick")
        self.resume_pick.layout.display = "none"
        self.setup = w.VBox(
            [
                html(
                    '<p class="ck-muted">Questions come one at a time with a countdown. '
                    "Scores stay hidden until the end, as in a real interview.</p>"
                ),
                row([self.count, self.preset, self.minutes, self.scorer]),
                row([self.start_button, self.resume_pick, self.resume_button, self.resume_note]),
            ],
            layout=w.Layout(width="100%"),
        )
        self.setup.add_class("coachkit-mock-setup")

    def _build_asking(self) -> None:
        """One question at a time with its countdown, the answer, and Next or Finish."""
        self.position = html("", "coachkit-mock-position")
        # What a question's first show says (its number, its prompt, a locked answer's
        # note) is read out from here: a line of the panel, hidden until Start or Resume
        # shows it, is on the page only along with its words, and such a live region is
        # often not read out. Said only: the panel shows the same.
        self.said = live_html(
            "coachkit-mock-said", width="1px", height="1px", overflow="hidden", margin="0px"
        )
        self.said.add_class("ck-sr")
        self.timer_label = html("", "coachkit-timer")
        self.prompt = html("", "coachkit-prompt", width="100%")
        self.answer = w.Textarea(
            description="Answer",
            placeholder="Answer as you would out loud. Scores come at the end.",
            layout=w.Layout(width="100%", height="200px"),
            style={"description_width": "initial"},
        )
        self.answer.add_class("coachkit-answer")
        self.next_button = w.Button(description=NEXT, button_style="primary", icon="forward")
        self.next_button.add_class("coachkit-mock-next")
        self.finish_button = w.Button(
            description="End now", icon="stop", tooltip="Skip the remaining questions and score"
        )
        self.finish_button.add_class("coachkit-mock-finish")
        self.progress = live_html("coachkit-status")
        # Answer aloud, as in the room: shown once a `transcriber:` profile is set.
        self.recorder = RecordingButton(
            self.coach,
            self.answer,
            runner=self.runner,
            errors=self.errors,
            status=self.progress,
            busy=self._lock,
        )
        self.asking = w.VBox(
            [
                row([self.position, self.timer_label]),
                self.prompt,
                self.answer,
                row([self.next_button, self.finish_button, self.recorder.widget, self.progress]),
            ],
            layout=w.Layout(width="100%", display="none"),
        )
        self.asking.add_class("coachkit-mock-question")

    def _build_report(self) -> None:
        """The report card, and saving it."""
        self.report_view = html("", "coachkit-result", width="100%")
        self.save_button = w.Button(
            description="Save report",
            icon="download",
            tooltip="Save the report card as a standalone HTML file",
        )
        self.save_button.add_class("coachkit-mock-save")
        self.new_button = w.Button(description="New interview", icon="refresh")
        self.new_button.add_class("coachkit-mock-new")
        # Above the report's buttons, on the page (empty) from the start, not in the report
        # panel: a live region shown along with its words is often not read out.
        self.status = live_html("coachkit-status", width="100%")
        self.status.add_class("coachkit-mock-report-status")
        self.done = w.VBox(
            [row([self.save_button, self.new_button]), self.report_view],
            layout=w.Layout(width="100%", display="none"),
        )
        self.done.add_class("coachkit-mock-report")

    def _wire(self) -> None:
        guard = self.errors.guard
        self.start_button.on_click(guard(self._on_start))
        self.resume_button.on_click(guard(self._on_resume))
        self.resume_pick.observe(guard(self._on_pick), names="value")
        self.next_button.on_click(guard(self._on_next))
        self.finish_button.on_click(guard(self._on_finish))
        self.save_button.on_click(guard(self._on_save))
        self.new_button.on_click(guard(self._on_new))
        self.answer.observe(guard(self._on_answer), names="value")

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
        except CoachkitError as exc:
            self.errors.show(f"{readable(exc)}\n{OFFLINE_MEANWHILE}", sticky=True)
        else:
            self.recorder.refresh()
        try:
            read, found = self._probe()
            if read.damaged:
                self._database_down(CorruptDatabaseError(read.warning or ""), partly=True)
            else:
                self._offer_resumable(found)
        except StoreError as exc:
            self._database_down(exc)

    def _probe(self) -> tuple[AttemptsRead, list[tuple[str, MockSession]]]:
        """What the view reads of the database as it opens: the newest attempt and,
        unless the file is damaged in part, the interviews to offer. StoreError if it
        cannot be used."""
        # The attempts too, not only the drafts an interview is kept in: its scores are
        # saved there, and a file may be damaged where they are and not where drafts are.
        # Every row of the table is read to find the newest: a damaged page shows; the
        # check finds damage where no row is (an index, the drafts, the LLM tables).
        read = checked(self.coach.store, self.coach.store.read_attempts(limit=1))
        return read, [] if read.damaged else self._find_resumable()

    def _damage_found(self, found: CorruptDatabaseError, *, certain: bool = False) -> bool:
        """Damage found after the view opened: ``found``, what a read or a write failed
        with, or, ``certain``, what a read found. The file is read as the view reads it
        as it opens, and the view switches to the mode that gives. True if it writes
        nothing to the database now; False for an attempt's row that cannot be read in
        a file otherwise whole, which is said as ever."""
        if self._db_problem is not None:
            return True
        read: AttemptsRead | None = None
        try:
            read, _found = self._probe()
        except DatabaseBusyError:
            pass  # held by another program for now: what was found decides
        except StoreError as exc:
            self._database_down(exc)
            return True
        if read is not None and read.damaged:
            self._database_down(CorruptDatabaseError(read.warning or ""), partly=True)
        elif certain or reported_by_sqlite(found):
            # Damaged where those reads do not go (an index's page): as damaged in part.
            self._database_down(found, partly=True)
        else:
            return False
        return True

    def _database_down(self, problem: StoreError, *, partly: bool = False) -> None:
        """No interview can start: its answers live in the database as they are typed
        (for a restart to resume), and their scores are saved there at the end; nothing
        is written to a file damaged even in part (``partly``). Found while an interview
        runs, it goes on with its answers in files (see ``_carry_on_offline``)."""
        with self._down_lock:
            if self._db_problem is not None:
                return
            self._db_problem = problem
            # The files a failed save kept the answers in already, written on from here.
            self._files = self.drafts.spill or Spill(self.coach, _session_answers)
            earlier, self.drafts = (
                self.drafts,
                DraftKeeper(
                    FilesOnly(self._files),
                    self.scheduler,
                    delay=self._draft_delay,
                    on_saved=self._draft_saved,
                    on_error=self._draft_failed,
                ),
            )
            earlier.hand_over(self.drafts)
        self.start_button.disabled = True
        self.resume_button.layout.display = self.resume_pick.layout.display = "none"
        damaged = (
            " Nothing is written to a damaged file, even in part: a write into it can fail "
            "halfway or spread the damage."
            if partly
            else ""
        )
        show_store_problem(
            self.store_problem,
            problem,
            "A mock interview keeps your answers in the database as you go, so that a "
            "restart can resume it, and saves their scores there at the end: it cannot "
            f"start until the database is fixed.{damaged} Meanwhile <b>Practice</b> "
            "(01_practice.ipynb) works: it keeps what you type in files and scores it "
            "offline. Once the database is fixed, restart the kernel and run this notebook "
            "again (in Voila, reload the page).",
            headline=PARTLY if partly else UNUSABLE,
        )
        self._carry_on_offline()

    def _carry_on_offline(self) -> None:
        """An interview running here goes on without the database: each answer in a file
        of its own, scored at the end by the offline scorer and saved nowhere. The alert
        that saving is tried again comes down: it is not."""
        self._draft_alert.saved()
        if self.session is None or self._retired or self._files is None:
            return
        self._persist()
        if not self.busy:  # scoring says how far it got there
            folder = escape(str(self._files.folder))
            self.progress.value = status_html(
                f"This interview goes on: your answers are kept as you type in files in "
                f"{folder}, not in the database. At the end they are scored by the offline "
                "scorer (local), not saved to your history."
            )

    def _offer_resumable(self, found: list[tuple[str, MockSession]] | None = None) -> None:
        """Offer the unfinished interviews as the store has them now (``found``: as just
        read)."""
        self._resumable = None
        self.resume_button.layout.display = self.resume_pick.layout.display = "none"
        self.resume_note.value = ""
        self._candidates = self._find_resumable() if found is None else found
        if not self._candidates and self._scoring_here:
            self.resume_note.value = (
                '<span class="ck-muted">An interview is being scored in the view this one '
                "replaced: its report appears there.</span>"
            )
        elif not self._candidates and self._open_elsewhere:
            self.resume_note.value = f'<span class="ck-muted">{_open_elsewhere_note()}</span>'
        if self._candidates:
            self._list(self._candidates)

    def _list(self, candidates: list[tuple[str, MockSession]]) -> None:
        """Offer the first of ``candidates``; the others are a pick away (every
        unfinished interview can be reached, not just the newest)."""
        self._candidates = candidates
        self.resume_pick.options = [
            (self._describe(session), index) for index, (_key, session) in enumerate(candidates)
        ]
        self.resume_pick.value = 0
        self.resume_pick.layout.display = "" if len(candidates) > 1 else "none"
        self._offer_candidate(0)

    def _progress(self, session: MockSession) -> str:
        """How far an unfinished interview got, or how many answers wait for a score."""
        waiting = self._unscored(session)
        if waiting:
            return _plural(waiting, "1 answer", "{count} answers") + " not scored yet"
        return f"question {session.index + 1} of {len(session.question_ids)}"

    def _describe(self, session: MockSession) -> str:
        """One line for the pick list: when it started, and its progress."""
        return f"{session.started_at[:16].replace('T', ' ')} · {self._progress(session)}"

    def _offer_candidate(self, index: int) -> None:
        found = self._candidates[index]
        self._offer(found, f"An unfinished interview: {self._progress(found[1])}.")

    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._candidates and isinstance(change["new"], int):
            self._offer_candidate(change["new"])

    def _find_resumable(self) -> list[tuple[str, MockSession]]:
        """The unfinished interviews this notebook may resume, newest first, with the
        keys they are saved under."""
        # The legacy key is a prefix of the new ones: one newest-first list holds both.
        self._open_elsewhere = self._scoring_here = 0
        found: list[tuple[str, MockSession]] = []
        for key in self.coach.draft_keys(LEGACY_SESSION_KEY):
            if key != LEGACY_SESSION_KEY and not key.startswith(SESSION_PREFIX):
                continue
            session = self._readable(self.coach.load_draft(key))
            if session is not None and session.id in _SCORING:
                # Resumed here, its answers would be scored twice over: the older view
                # scoring them shows the report.
                self._scoring_here += 1
                continue
            # One open in another running notebook is that notebook's to finish: two
            # kernels writing one session would each undo the other's typing.
            if session is not None and session.open_elsewhere:
                self._open_elsewhere += 1
            elif session is not None:
                found.append((key, session))
        return found

    def _readable(self, saved: str | None) -> MockSession | None:
        if not saved:
            return None
        try:
            session = MockSession.from_json(saved)
            typed = any(answer.strip() for answer in session.answers.values())
        except (ValueError, TypeError, AttributeError):
            return None  # an unreadable old session is not worth an error
        # A question taken out of the bank since stands in (see asked): its answer stays.
        if not typed and not any(qid in self.coach.bank for qid in session.question_ids):
            return None
        return session

    def _unscored(self, session: MockSession) -> int:
        """Answers of ``session`` typed but not in any saved attempt (a finish failed)."""
        if not session.finished:
            return 0  # still being answered: nothing was sent for scoring yet
        # One saved, then deleted, is not waiting for a score (see MockSession.deleted).
        answered = [
            q for q in session.question_ids if session.answer(q).strip() and q not in session.saved
        ]
        return sum(1 for q in answered if self.coach.store.get_attempt(session.key(q)) is None)

    def _offer(self, found: tuple[str, MockSession], note: str) -> None:
        self._resumable, self._offer_note = found, note
        self.resume_button.layout.display = ""
        self._say_offer()

    def _say_offer(self, _change: object = None) -> None:
        """The offer to resume, naming the scorer it started with when another is shown.

        Resume and Start both use the scorer shown, so the offer never changes it: a
        scorer that changed by itself would score a new interview unasked.
        """
        if self._resumable is None:
            return
        started, chosen = self._resumable[1].scorer, str(self.scorer.value)
        scored = (
            f" It started with {started}; Resume scores it with the scorer chosen above "
            f"(now {chosen})."
            if started and started != chosen
            else " It will be scored by the scorer chosen above."
        )
        self.resume_note.value = (
            f'<span class="ck-muted">{escape(self._offer_note + scored)}</span>'
        )

    def _show(self, part: w.Widget) -> None:
        for box in (self.setup, self.asking, self.done):
            box.layout.display = "" if box is part else "none"
        if part is not self.done:
            self.status.value = ""  # it speaks of the report only
        if part is not self.asking:
            self.said.value = ""  # the next question shown is said again, even the same one

    # -- running ---------------------------------------------------------------
    def _on_start(self, _button: w.Button) -> None:
        # click() fires on a disabled button too.
        if self.busy or self.session is not None or self._db_problem is not None:
            return
        questions = pick_questions(
            self.coach.bank, int(self.count.value), self.preset.value, self.rng
        )
        if not questions:
            self.errors.show("No questions fit this preset: pick another one.")
            return
        self.errors.clear()
        self.session = MockSession(
            question_ids=[q.id for q in questions],
            seconds_per_question=int(self.minutes.value),
            preset=str(self.preset.value),
            scorer=str(self.scorer.value),
        )
        self.session.claim()
        self._ask()

    def _on_resume(self, _button: w.Button) -> None:
        if self.busy or self.session is not None or self._resumable is None:
            return
        if self._db_problem is not None:  # click() fires on a hidden button too
            return
        if self.drafts.unsaved and not self.drafts.flush():
            return  # the alert says what is not saved yet; Resume works once it is
        self.errors.clear()
        key = self._resumable[0]
        session = self._claim(key)
        if session is None:
            return
        self.session = session
        self._resumable, self._candidates = None, []
        self.resume_button.layout.display = "none"
        self.resume_pick.layout.display = "none"
        self.resume_note.value = ""
        self._ask()
        # Saved under its own key now, the session leaves the shared legacy key, which
        # every notebook would otherwise offer (and overwrite).
        if key == LEGACY_SESSION_KEY and self._persist():
            self.drafts.save_now(LEGACY_SESSION_KEY, "")

    def _claim(self, key: str) -> MockSession | None:
        """The interview under ``key``, as the store has it, now run by this kernel; None
        (and why, said) when the offer is out of date: another notebook resumed or
        finished it since, which two kernels running one interview would undo, or it
        changed between this read and this claim (an answer deleted from the history)."""
        offered = self._resumable[1] if self._resumable is not None else None
        saved = self.coach.load_draft(key)
        session = self._readable(saved)
        if saved is not None and session is not None and not session.open_elsewhere:
            read = self._readable(saved)  # as read, before it is claimed below
            session.scorer = str(self.scorer.value)  # the scorer chosen now, see _offer
            if session.finished:  # kept by a coachkit that did not write down what it saved
                session.saved = [
                    *session.saved,
                    *(q for q in self._in_attempts(session) if q not in session.saved),
                ]
            session.finished = False  # being answered again until the next finish
            session.claim()
            # Only while no other kernel has claimed it, nor a delete changed it, since it
            # was read.
            if self.coach.swap_draft(key, saved, session.to_json()):
                return session
            offered = read
        self.errors.show(self._not_claimed(key, offered or session))
        self._offer_resumable()
        return None

    def _not_claimed(self, key: str, offered: MockSession | None) -> str:
        """Why the interview ``offered`` (as last read here) could not be resumed: what
        the store says became of it meanwhile."""
        now = self._readable(self.coach.load_draft(key))
        if now is None and offered is not None and key == LEGACY_SESSION_KEY:
            # Resumed, it moves to its own key (see _on_resume).
            now = self._readable(self.coach.load_draft(session_key(offered)))
        if now is not None and now.open_elsewhere:
            return "This interview was resumed in another notebook meanwhile: carry on there."
        if now is not None:
            deleted = offered is not None and any(
                offered.answer(q).strip() and not now.answer(q).strip() for q in now.question_ids
            )
            why = (
                "an answer in it was deleted from your history"
                if deleted
                else "another notebook had it open"
            )
            return (
                f"This interview changed as it was being resumed ({why} meanwhile): press "
                "Resume interview again to resume it as it is now."
            )
        scored = offered is not None and any(
            offered.answer(q).strip() and q not in offered.saved and self._in_store(offered.key(q))
            for q in offered.question_ids
        )
        if scored or offered is None:
            return (
                "This interview is no longer waiting to be resumed: another notebook finished "
                "it since this offer was made."
            )
        return (
            "This interview is no longer waiting to be resumed: its answers were deleted from "
            "your history since this offer was made."
        )

    def _ask(self) -> None:
        session = self._require()
        question = asked(self.coach.bank, session.current)
        gone = question.id not in self.coach.bank
        # Hidden until now, the panel's status line is on the page only along with the
        # note below: said in the view's line too then, once the panel is shown.
        first = self.asking.layout.display == "none"
        self._show(self.asking)
        total = len(session.question_ids)
        position = f"Question {session.index + 1} of {total}"
        self.position.value = f"<b>{position}</b>"
        self.prompt.value = question_html(question)
        deleted = question.id in self._deleted(session)
        saved = self._saved_answer(session, question.id)
        self._answer_saved = saved is not None or gone or deleted
        if saved is not None:
            session.answers[question.id] = saved
        self._syncing = True
        try:
            self.answer.value = session.answer(question.id)
        finally:
            self._syncing = False
        self.answer.disabled = self._answer_saved or self.busy
        # A recording would be taken in and dropped without a word: the box is locked.
        self.recorder.widget.disabled = self._answer_saved
        note = (
            "You deleted this answer from your history after it was scored: it stays "
            "deleted, and is not scored again."
            if deleted
            else "This answer was already scored and saved when the interview first ended: "
            "it stays as it is."
            if saved is not None
            else f"This question is {GONE}: its answer is kept with the interview, not "
            "scored, until the question is back."
            if gone
            else ""
        )
        self.progress.value = f'<span class="ck-muted">{escape(note)}</span>' if note else ""
        # Read out as it changes, with the question (said only: it is on screen), as focus
        # goes to the answer box: else a screen reader would not say what to answer. The
        # note is said here only on the panel's first show: after, its own line says it.
        said = f"{position}: {question.prompt}" + (f" {note}" if first and note else "")
        self.said.value = f'<span role="status">{escape(said)}</span>'
        self.next_button.description = FINISH if session.last else NEXT
        self._shown_at = self.scheduler.now()
        used = round(session.seconds.get(question.id, 0.0))
        self.countdown.start(max(session.seconds_per_question - used, 0))
        self._persist()
        # Start and Resume are hidden now, which drops keyboard focus to the page; and
        # after Next the answer is what comes next. A locked answer takes no focus: the
        # way on does.
        (self.next_button if self.answer.disabled else self.answer).focus()

    def _in_attempts(self, session: MockSession) -> list[str]:
        """The answered questions of ``session`` whose attempt is saved."""
        return [
            q
            for q in session.question_ids
            if session.answer(q).strip() and self._in_store(session.key(q))
        ]

    def _deleted(self, session: MockSession) -> list[str]:
        """The questions of ``session`` whose saved attempt was deleted since, their
        answers dropped (see MockSession.deleted); none while the database is not used."""
        if self._db_problem is not None:
            return []
        try:
            return session.deleted(self._in_store)
        except CorruptDatabaseError as exc:
            if self._damage_found(exc):
                return []
            raise

    def _in_store(self, attempt_id: str) -> bool:
        """Whether the attempt is saved (read or not: a damaged one was not deleted)."""
        return bool(self.coach.store.attempt_ids(attempt_id, exact=True))

    def _saved_answer(self, session: MockSession, question_id: str) -> str | None:
        """The answer to ``question_id`` as saved in an attempt of ``session`` (a resumed
        interview ended once), else None. Finishing again finds that attempt by its key,
        so an edit would be saved nowhere and shown beside the first words' score."""
        if not session.answer(question_id).strip():
            return None
        attempt = self._saved_attempt(session.key(question_id))
        return attempt.answer if attempt is not None else None

    def _saved_attempt(self, attempt_id: str) -> Attempt | None:
        """The attempt saved under ``attempt_id``; None while the database is not used."""
        if self._db_problem is not None:
            return None
        try:
            return self.coach.store.get_attempt(attempt_id)
        except CorruptDatabaseError as exc:
            if self._damage_found(exc):
                return None
            raise

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

    def _lock(self, locked: bool) -> None:
        """While a recording is transcribed: the answer and the way on wait for it."""
        for control in (self.next_button, self.finish_button):
            control.disabled = locked or self.busy  # scoring keeps them locked
        self.answer.disabled = locked or self.busy or self._answer_saved

    def _require(self) -> MockSession:
        if self.session is None:
            raise CoachkitError("No interview is running: press Start interview.")
        return self.session

    def _on_answer(self, change: dict[str, Any]) -> None:
        if self._retired and not self._syncing and change["new"].strip():
            # The box is off the page: only a transcript still on its way lands here.
            kept = [("Your answer to the question on screen", change["new"])]
            retire_root(self.root, saved=False, kept=kept, late=True)
            return
        if self._retired or self._syncing or self.session is None or self.busy:
            return
        if self._answer_saved:
            return  # only a transcript reaches a locked box: the saved answer stays
        self.session.answers[self.session.current] = change["new"]
        # The time spent so far is saved with the words: a resumed interview's countdown
        # goes on from here instead of starting the question again.
        self._record_time()
        self.drafts.update(session_key(self.session), self.session.to_json())

    def _time_kept(self) -> bool:
        """Add the time spent on the question on screen to the session; False when no
        interview is being answered here."""
        session = self.session
        if session is None or session.finished or self._retired:
            return False
        self._record_time()
        return True

    def _record_time(self) -> None:
        session = self._require()
        session.spend(session.current, self.scheduler.now() - self._shown_at)
        self._shown_at = self.scheduler.now()

    def _persist(self) -> bool:
        """Save the session now; True once it is in the store (a failure is retried)."""
        if self.session is None:
            return False
        return self.drafts.save_now(session_key(self.session), self.session.to_json())

    def _draft_failed(self, exc: Exception) -> None:
        damage = damage_in(exc)
        if damage is not None and self._damage_found(damage):
            return  # said at the top; the answers went on to their files
        spill = self.drafts.spill or self._files
        kept = spill.files() if spill is not None else []
        self._draft_alert.failed(exc, kept, spill.error if spill is not None else None)

    def _draft_saved(self, key: str) -> None:
        self._draft_alert.saved()
        spill = self.drafts.spill
        left = spill.last_taken(key).left if spill is not None else []
        if left:
            names = ", ".join(path.name for path in left)
            self.errors.show(
                f"Your answers are saved in the database again. Kept in {left[0].parent} "
                f"while it could not take them, {names} {_plural(len(left), 'is', 'are')} left "
                "as they are: the database does not hold their text (nor an attempt), so "
                "they may be the only copy. Delete them once you do not need them."
            )

    def _on_next(self, _button: w.Button) -> None:
        # click() fires even on a disabled button: a transcript on its way holds the question.
        if self.busy or self.session is None or self.recorder.working:
            return
        self._record_time()
        if self.session.last:
            self._finish()
            return
        self.session.index += 1
        self._ask()

    def _on_finish(self, _button: w.Button) -> None:
        if self.busy or self.session is None or self.recorder.working:
            return
        self._record_time()
        self._finish()

    def _tick(self, remaining: int) -> None:
        self.timer_label.value = timer_html(remaining)

    def _time_up(self) -> None:
        self.timer_label.value = timer_html(None, "Time is up: wrap up and move on.")

    # -- scoring ---------------------------------------------------------------
    def _finish(self) -> None:
        session = self._require()
        self.countdown.stop()
        self.timer_label.value = ""  # the questions are over: no time left to count
        session.finished = True
        self._persist()
        self.busy = True
        _SCORING.add(session.id)
        for control in (self.next_button, self.finish_button, self.answer):
            control.disabled = True
        self.progress.value = status_html("Scoring your answers…")
        self.runner.run(
            lambda: self._score_all(session, self._report_progress),
            self.errors.guard(self._scored),
            self.errors.guard(self._failed),
        )

    def _report_progress(self, done: int, total: int) -> None:
        self.progress.value = status_html(f"Scoring {done + 1} of {total}…")

    def _score_all(self, session: MockSession, progress: Callable[[int, int], None]) -> MockReport:
        outcomes: dict[str, Attempt | str] = {}
        self._unsaved = set()
        # Deleted while the interview was open (its answer still held here): scored by
        # its key again, it would be saved again.
        deleted = self._deleted(session)
        answered = [q for q in session.question_ids if session.answer(q).strip()]
        for done, qid in enumerate(answered):
            progress(done, len(answered))
            if qid not in self.coach.bank:
                # Scored and saved when the interview first ended, it stays scored (else
                # the interview would be kept to score it again, for ever); else it waits.
                first = self._saved_attempt(session.key(qid))
                outcomes[qid] = first or f"Not scored: this question is {GONE}. The answer is kept."
                continue
            outcomes[qid] = self._score_one(session, qid)
        session.saved = [
            qid
            for qid in session.question_ids
            if qid in deleted
            or (isinstance(outcomes.get(qid), Attempt) and qid not in self._unsaved)
        ]
        return build_report(session, self.coach.bank, outcomes, self._history(), deleted)

    def _score_one(self, session: MockSession, qid: str) -> Attempt | str:
        """One answer scored and saved: its attempt, or why not. Damage found on the way
        switches the view, and the answer is then scored but saved nowhere."""
        if self._db_problem is None:
            try:
                return self.coach.submit(
                    qid, session.answer(qid), scorer=session.scorer, key=session.key(qid)
                )
            except CoachkitError as exc:
                damage = damage_in(exc)
                if damage is None or not self._damage_found(damage):
                    return _not_scored(exc)
                if isinstance(exc, NotSavedError):  # scored: the card is not lost
                    self._unsaved.add(qid)
                    return exc.attempt
        try:
            # The offline scorer: an LLM profile keeps its budget in the database.
            attempt = self.coach.submit(
                qid, session.answer(qid), scorer=LOCAL, key=session.key(qid), save=False
            )
        except CoachkitError as exc:
            return _not_scored(exc)
        self._unsaved.add(qid)
        return attempt

    def _history(self) -> list[Attempt]:
        """The saved attempts, for what to practise next; none while the database is not
        used (damage a read finds switches the view)."""
        if self._db_problem is not None:
            return []
        try:
            read = self.coach.read_history()
        except CorruptDatabaseError as exc:
            if self._damage_found(exc):
                return []
            raise
        if read.damaged:
            self._damage_found(CorruptDatabaseError(read.warning or ""), certain=True)
        return read.attempts

    def _scored(self, report: MockReport) -> None:
        _SCORING.discard(report.session.id)
        self.busy = False
        self.report = report
        session, self.session = report.session, None
        unscored = sum(1 for r in report.rows if r.answer.strip() and r.attempt is None)
        if self._db_problem is not None:
            self._kept_note = ""  # nothing to resume: the answers are in their files
        elif unscored:
            # Those answers are in no attempt: the session's draft is all that keeps them
            # past a kernel restart, so it stays until a resumed finish saves them.
            self._keep(session, unscored)
        else:
            self._kept_note = ""
            self.drafts.save_now(session_key(session), "")
        self.report_view.value = self._not_saved_html(report) + report_html(report)
        self.progress.value = ""
        self.new_button.layout.display = "none" if self._retired else ""
        self.saved = None
        # A report of nothing but skipped questions has nothing worth keeping.
        empty = len(report.skipped) == len(report.rows)
        self.save_button.disabled = empty
        if empty:
            self.status.value = status_html("Nothing to save: no question was answered.")
        else:
            kept = self._kept_note
            self.status.value = f'<span role="status">{kept}</span>' if kept else ""
        self._show(self.done)
        if not self._retired:  # else focus is in the newer view: it stays there
            # The questions' buttons are hidden: focus goes to the first of the report's.
            (self.new_button if empty else self.save_button).focus()

    def _not_saved_html(self, report: MockReport) -> str:
        """Above a report whose answers were scored but saved nowhere (the database found
        damaged): which, and the command that saves each from its file once it is fixed."""
        rows = [r for r in report.rows if r.attempt is not None and r.question.id in self._unsaved]
        if not rows or self._files is None:
            return ""
        key = session_key(report.session)
        kept = [(r.question.id, self._files.file(key, r.question.id)) for r in rows]
        commands = "".join(
            f"<li><code>coachkit score {escape(qid)} --answer-file "
            f"{escape(shlex.quote(str(path)))}</code></li>"
            for qid, path in kept
            if path is not None
        )
        where = (
            " Each is kept in a file of its own: once the database is fixed, its command "
            f"below scores it again and saves it.</p><ul>{commands}</ul>"
            if commands
            else "</p>"
        )
        which = _plural(len(rows), "this answer was", "{count} answers were")
        return (
            '<div class="ck-warn"><p><b>Not saved to your history</b>: the database has the '
            f"problem said at the top, so {which} scored but saved nowhere.{where}</div>"
        )

    def _keep(self, session: MockSession, unscored: int) -> None:
        """Offer the session again, so its unscored answers can be scored later."""
        # No longer running here: any notebook may resume it to score what is left.
        session.kernel = ""
        key = session_key(session)
        self.drafts.save_now(key, session.to_json())
        self._list([(key, session), *(c for c in self._candidates if c[0] != key)])
        self._offer(
            (key, session),
            _plural(unscored, "1 answer", "{count} answers")
            + " of this interview not scored yet: resume it, then press End now.",
        )
        told = _plural(
            unscored,
            "1 answer was not scored; it is kept. Resume the interview to score it again",
            "{count} answers were not scored; they are kept. "
            "Resume the interview to score them again",
        )
        how = "run the notebook again" if self._retired else "press New interview"
        self._kept_note = (
            f"<span>{told}: {how}, pick a scorer that works, then Resume interview and End "
            "now.</span>"
        )

    def _failed(self, exc: Exception) -> None:
        if self.session is not None:
            _SCORING.discard(self.session.id)
        self.busy = False
        for control in (self.next_button, self.finish_button):
            control.disabled = False
        self.answer.disabled = self._answer_saved
        self.progress.value = ""
        if self._retired:
            # End now is off the page, and the newer view said the report comes here.
            self.errors.show(
                f"{readable(exc)}\nYour answers are kept: run the notebook again, then "
                "Resume interview and End now to score them."
            )
            return
        self.errors.show(exc)
        self.finish_button.focus()  # disabled while scoring, it had lost focus; it retries

    # -- after -----------------------------------------------------------------
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
            # Not the panel's usual advice to restart: that would lose the report.
            why = exc.strerror or str(exc)
            self.errors.show(
                f"The report could not be saved in {folder} ({why}). It stays here: press "
                "Save report again once there is room, or the folder can be written to."
            )
            return
        if (self.errors.message or "").startswith("The report could not be saved"):
            self.errors.clear()  # only that: a draft not saved yet is still to be told
        # The path is on the server, out of reach in Voila: the file comes with a link too.
        link = download_link(self.saved, "text/html;charset=utf-8")
        shown = f"Saved {escape(str(self.saved))} {link}".rstrip()
        saved = f'<span class="ck-muted">{shown}</span>'
        said = f"{saved} {self._kept_note}" if self._kept_note else saved
        self.status.value = f'<span role="status">{said}</span>'

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
        self.start_button.focus()  # the report's buttons, focus with them, are hidden


def _not_scored(exc: CoachkitError) -> str:
    """What the report says of an answer scoring or saving failed on."""
    if isinstance(exc, NotSavedError):  # scored: "not scored" would be untrue
        return f"Scored {exc.attempt.card.overall}/100, not saved: {exc.cause} It is kept."
    return f"Not scored: {exc}"


def _session_answers(key: str, text: str) -> dict[str, str]:
    """The answers a kept interview holds, by question ({} for any other draft)."""
    if not key.startswith(LEGACY_SESSION_KEY) or not text.strip():
        return {}
    try:
        session = MockSession.from_json(text)
        return {qid: answer for qid, answer in session.answers.items() if answer.strip()}
    except (ValueError, TypeError, AttributeError):
        return {}


def _open_elsewhere_note() -> str:
    """Why no interview is offered: one is open in another kernel. In Voila, that is
    often the kernel of this very page before a reload, or of a page closed: Voila leaves
    it running (the README's Voila command stops it once no page is connected)."""
    if not in_voila():
        return "An interview is open in another notebook: finish it there, or start a new one here."
    return (
        "An interview is open in another page: finish it there, or start a new one here. One "
        "left in a page you reloaded or closed is offered here again once Voila stops that "
        "page's kernel (2 to 3 minutes after its question's time ran out, with Voila started "
        "as the README says): reload this page then."
    )


# The interviews views of this kernel are scoring, by id (see _find_resumable).
_SCORING: set[str] = set()

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
