"""The practice view: pick a question, answer it, score it, see why, try again."""

from __future__ import annotations

import re
import shlex
import threading
from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import paths
from ..coach import Coach
from ..config import LOCAL, OFFLINE_MEANWHILE, PracticeSettings
from ..errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    EmptyAnswerError,
    NotSavedError,
    StoreError,
)
from ..models import CATEGORIES, Attempt, Question
from ..rubric import word_target
from ..schedule import Schedule, Suggestion
from ..store import AttemptsRead, KeptDraft, storable
from ..unscored import AnswerFiles, KeptAnswer, forget_kept, kept_answers
from .drafts import DraftAlert, DraftKeeper
from .parts import (
    PARTLY,
    SCORER_WIDTH,
    ErrorPanel,
    View,
    bank_notice,
    checked,
    damage_in,
    dropdown,
    header,
    html,
    live_html,
    readable,
    reported_by_sqlite,
    root,
    row,
    show_bank_problems,
    show_store_problem,
    show_store_warning,
    status_html,
    store_notice,
    timer_html,
)
from .recording import RecordingButton
from .results import comparison_html, history_html, result_html
from .runtime import Countdown, Runner, Scheduler, ThreadRunner, ThreadScheduler
from .single import database_key, retire_root, take_over
from .spill import Spill, Taken, refusal
from .state import PracticeState, Submission
from .warmup import warm_for

__all__ = [
    "TIMER_DEFAULTS",
    "PracticeView",
    "guidance_html",
    "question_html",
    "word_count_text",
]

# Seconds on the countdown by category: a spoken story takes about two minutes.
TIMER_DEFAULTS = {"behavioral": 120, "cultural-fit": 120, "technical": 180, "system-design": 300}
_TIMER_CHOICES = [("1 min", 60), ("2 min", 120), ("3 min", 180), ("5 min", 300), ("10 min", 600)]
LAST_QUESTION_KEY = "ui:practice:question"
_WORDLIKE = re.compile(r"[^\W_]")
SCORE = "Score"
SCORING = "Scoring…"
_WAIT_FILTERS = "Wait for the score or the transcript: change the filters then."
_WAIT_QUESTION = "Wait for the score or the transcript: pick another question then."


def word_count_text(text: str, question: Question | None) -> str:
    # A word has a letter or a digit: an emoji, a dash or a bullet on its own is none.
    words = sum(1 for token in text.split() if _WORDLIKE.search(token))
    low, high = word_target(question)
    hint = f"aim for {low}-{high}"
    if words and words < low:
        hint = f"a little short: aim for {low}-{high}"
    elif words > high:
        hint = f"over the {low}-{high} aim: tighten it"
    return f"{words} word{'s' if words != 1 else ''} · {hint}"


def question_html(question: Question) -> str:
    roles = "any role" if tuple(question.roles) == ("any",) else ", ".join(question.roles)
    tags = " ".join(f'<span class="ck-badge">#{escape(t)}</span>' for t in question.tags)
    return (
        f'<div class="ck-panel"><span class="ck-badge">{escape(question.category)}</span>'
        f'<span class="ck-badge">{escape(question.difficulty)}</span>'
        f'<span class="ck-muted">for {escape(roles)}</span>'
        f'<div class="ck-prompt">{escape(question.prompt)}</div>{tags}</div>'
    )


def guidance_html(question: Question) -> str:
    """Why the question is asked and how to answer it, each folded until opened."""
    return "".join(
        f'<details class="ck-details"><summary>{title}</summary><p>{escape(text)}</p></details>'
        for title, text in (
            ("Why it is asked", question.why_asked),
            ("How to answer", question.how_to_answer),
        )
    )


def kept_said(kept: Sequence[KeptDraft]) -> str:
    """What the panel of the answers a save here went over says of them (read out: it is
    in a live region that is on the page before it, see ``PracticeView.other_said``)."""
    # Said of no one in particular: a view just opened may show what others replaced.
    said = (
        "A different answer to this question, saved from another window (another "
        "notebook, or the app) or an earlier run, was replaced by a later save. Nothing "
        "is lost: it is kept below. Copy what you need into your answer, then dismiss it."
        if len(kept) == 1
        else f"{len(kept)} different answers to this question, saved from other windows "
        "(another notebook, or the app) or earlier runs, were replaced by later saves. "
        "Nothing is lost: they are kept below. Copy what you need into your answer, then "
        "dismiss them."
    )
    return f'<p class="ck-warn" role="status">{said}</p>'


def kept_html(kept: Sequence[KeptDraft]) -> str:
    """The answers a save here went over, kept to copy from (see ``Store.save_draft``);
    not read out: a screen reader need not read every answer again."""
    today = datetime.now().astimezone().date()
    texts = "".join(
        f"<details open><summary>Kept {_kept_when(draft.kept_at, today)}</summary>"
        f'<pre class="ck-answer">{escape(draft.text)}</pre></details>'
        for draft in kept
    )
    return f'<div class="ck-warn">{texts}</div>'


def _kept_when(when: datetime, today: date) -> str:
    local = when.astimezone()
    if local.date() == today:
        return f"at {local:%H:%M}"
    return f"on {local.day} {local:%b %Y} at {local:%H:%M}"


def _option_label(question: Question) -> str:
    prompt = question.prompt if len(question.prompt) <= 90 else question.prompt[:89] + "…"
    return f"[{question.category}] {prompt}"


class PracticeView(View):
    """Filters, the question, an answer box with drafts and a timer, scores and history.

    Collaborators are constructor arguments: tests pass a Coach with a fake
    scorer, an ``InlineRunner`` and a ``ManualScheduler``.
    """

    def __init__(
        self,
        coach: Coach | None = None,
        *,
        question_id: str | None = None,
        role: str = "",
        runner: Runner | None = None,
        scheduler: Scheduler | None = None,
        draft_delay: float = 1.0,
    ) -> None:
        self.coach = coach or Coach()
        self.runner = runner or ThreadRunner()
        self.scheduler = scheduler or ThreadScheduler()
        self.state = PracticeState()
        self.errors = ErrorPanel()
        self._syncing = False
        self._retired = False  # a newer view of this kind took over
        self._stale = False  # the card shown is for text since edited
        self._store_failed = False  # the last score failed on the database
        # Why the database cannot be used at all (damaged, a newer coachkit's), found as the
        # view opened: it is then left alone, and typing is kept in files (_answer_files).
        self._db_problem: StoreError | None = None
        self._readable: list[Attempt] | None = None  # what could be read of one damaged in part
        self._answer_files: AnswerFiles | None = None
        # Damage may be found on a timer's, a worker's and the kernel's thread at once:
        # the view is switched once.
        self._down_lock = threading.Lock()
        self._draft_delay = draft_delay
        self._unsaved_card: Attempt | None = None  # scored, shown, but not saved yet
        self._refused_empty = False  # "the answer is empty" is on screen
        self._visible: list[Question] = []
        self._schedule_cache: tuple[tuple[int, str, str, str | None], Schedule] | None = None
        self._last_question: str | None = None
        # Questions left with Next up this session: passed over until the queue runs out,
        # so Next up walks on instead of bouncing between the top two suggestions.
        self._passed: set[str] = set()
        # The question Next up put on screen, and why: its reason is said of it, not of
        # the one after it.
        self._picked: Suggestion | None = None
        self._has_next = False
        # The question being answered when a filter hid it: shown again once it matches.
        self._set_aside: str | None = None
        self._started = False  # set once the view has opened on its first question
        self._seen: tuple[int, int] | None = None  # the store's data_version last read
        # The answers saved over that the panel shows, and the lock that keeps "which
        # question, which answers" one step: a save's thread may refresh the panel too.
        self._kept: list[KeptDraft] = []
        self._kept_lock = threading.Lock()
        # Answers to the question on screen kept in unscored/ by an earlier run (the
        # database could not take them then): offered back, newest first; and those put
        # in the box, removed once the database holds them (see _forget_restored).
        self._unscored_folder = paths.unscored_dir()
        self._waiting: list[KeptAnswer] = []
        self._restored: list[KeptAnswer] = []
        self._draft_alert = DraftAlert(self.errors)
        self.drafts = DraftKeeper(
            self.coach,
            self.scheduler,
            delay=draft_delay,
            on_saved=self._draft_saved,
            on_error=self._draft_failed,
            on_conflict=self.errors.guard(self._other_window_saved),
            spill=Spill(self.coach, _typed_answers),
        )
        self.countdown = Countdown(self.scheduler, self._tick, self._time_up)
        self._build()
        self.errors.guard(self._start)(question_id, role)

    # -- layout -------------------------------------------------------------
    def _build(self) -> None:
        """The page, top to bottom: what to answer, the answer, scoring, the results."""
        self._build_picker()
        self._build_answer_box()
        self._build_scoring()
        self._wire()
        self._lay_out()

    def _build_picker(self) -> None:
        """The scorer, the filters, the question and its guidance."""
        self.scorer = dropdown(
            "Scorer", [(LOCAL, LOCAL)], width=SCORER_WIDTH, tooltip="Which scorer grades answers"
        )
        self.scorer.add_class("coachkit-scorer")
        self.role = dropdown("Role", [("every role", "")], width="190px")
        self.category = dropdown(
            "Category", [("all", ""), *((c, c) for c in CATEGORIES)], width="210px"
        )
        self.difficulty = dropdown(
            "Difficulty",
            [("any", ""), ("easy", "easy"), ("medium", "medium"), ("hard", "hard")],
            width="160px",
        )
        self.tag = dropdown("Tag", [("any", "")], width="190px")
        self.search = w.Text(
            description="Search",
            placeholder="words in the question",
            style={"description_width": "initial"},
            layout=w.Layout(width="230px"),
        )
        self.search.add_class("coachkit-search")
        self.question = w.Dropdown(
            description="Question",
            options=[],
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.question.add_class("coachkit-question")
        self.match_count = html("", "ck-muted")
        self.next_button = w.Button(
            description="Next up", icon="forward", tooltip="Go to the suggested question"
        )
        self.next_button.add_class("coachkit-next")
        self.next_hint = html("", "coachkit-next-hint", width="100%")
        self.prompt = html("", "coachkit-prompt", width="100%")
        # <details> rather than an Accordion: its summary takes keyboard focus.
        self.guidance = html("", "coachkit-guidance", width="100%")

    def _build_answer_box(self) -> None:
        """The answer, its word count and draft status, and the countdown."""
        self.answer = w.Textarea(
            description="Answer",
            placeholder="Type or paste your answer. It is saved as a draft while you type.",
            layout=w.Layout(width="100%", height="220px"),
            style={"description_width": "initial"},
        )
        self.answer.add_class("coachkit-answer")
        self.word_count = html("", "coachkit-wordcount")
        self.draft_status = html("", "ck-muted")
        self.draft_status.add_class("coachkit-draft-status")
        self.timer_length = dropdown("Timer", _TIMER_CHOICES, 120, width="150px")
        self.timer_button = w.Button(description="Start timer", icon="clock-o")
        self.timer_button.add_class("coachkit-timer-button")
        self.timer_label = html("", "coachkit-timer")
        # Answers to this question another window (or an earlier run) saved, kept when a
        # save here went over them (see DraftKeeper): shown until dismissed, to copy from.
        # Its sentence goes in a live region on the page (empty) before it is said: one
        # shown along with its words, as the panel below is, is often not read out.
        self.other_said = live_html("coachkit-other-said", width="100%")
        self.other_text = html("", width="100%")
        self.dismiss_other = w.Button(
            description="Dismiss", icon="times", tooltip="Forget the answers shown above"
        )
        self.dismiss_other.add_class("coachkit-dismiss-other")
        self.other_answer = w.VBox(
            [self.other_text, self.dismiss_other], layout=w.Layout(width="100%", display="none")
        )
        self.other_answer.add_class("coachkit-other-answer")
        # Answers kept in unscored/ by an earlier run: said in a live region on the page
        # from the start, and offered back with a button (shown only when there are).
        self.waiting_said = live_html("coachkit-waiting-said", width="100%")
        self.restore_waiting = w.Button(description=_PUT_IN, icon="undo", tooltip=_PUT_IN_TIP)
        self.restore_waiting.add_class("coachkit-restore-waiting")
        self.restore_waiting.layout.display = "none"

    def _build_scoring(self) -> None:
        """Score and Try again, a recorder when a transcriber is set, and the results."""
        self.score_button = w.Button(
            description=SCORE, button_style="primary", icon="check", tooltip="Score this answer"
        )
        self.score_button.add_class("coachkit-score")
        self.retry_button = w.Button(
            description="Try again",
            icon="repeat",
            disabled=True,
            tooltip="Revise this answer; the scored one stays visible for comparison",
        )
        self.retry_button.add_class("coachkit-retry")
        self.status = live_html("coachkit-status")
        # Shown once a `transcriber:` profile is set: an answer spoken aloud, as text.
        self.recorder = RecordingButton(
            self.coach,
            self.answer,
            runner=self.runner,
            errors=self.errors,
            status=self.status,
            busy=self._lock,
        )
        self.recording = self.recorder.widget
        self.result = html("", "coachkit-result", width="100%")
        self.previous = html("", "coachkit-previous", width="100%")
        self.history = html("", "coachkit-history", width="100%")
        self.bank_problems = bank_notice()
        self.store_problem = store_notice()
        # A broken config is said in full beside Score; this says so where the view opens.
        self.config_notice = html("", "coachkit-config-notice", width="100%")
        self.config_notice.layout.display = "none"
        for control in (self.answer, self.score_button, self.timer_button):
            control.disabled = True  # until a question opens (none may: a broken bank)

    def _wire(self) -> None:
        """Each control to its callback, through the error panel (JupyterLab swallows
        what a callback raises)."""
        guard = self.errors.guard
        self._filters = (self.role, self.category, self.difficulty, self.tag, self.search)
        for control in self._filters:
            control.observe(guard(self._on_filter), names="value")
        self.question.observe(guard(self._on_question), names="value")
        self.answer.observe(guard(self._on_answer), names="value")
        self.dismiss_other.on_click(guard(self._on_dismiss_other))
        self.restore_waiting.on_click(guard(self._on_restore_waiting))
        self.scorer.observe(guard(self._on_scorer), names="value")
        self.timer_length.observe(guard(self._on_timer_length), names="value")
        self.next_button.on_click(guard(self._on_next))
        self.timer_button.on_click(guard(self._on_timer))
        self.score_button.on_click(guard(self._on_score))
        self.retry_button.on_click(guard(self._on_retry))

    def _lay_out(self) -> None:
        self.root = root(
            "practice",
            [
                w.HBox(
                    [header("Practice", "answer a question, get a STAR score card"), self.scorer],
                    layout=w.Layout(
                        justify_content="space-between",
                        align_items="center",
                        width="100%",
                        flex_flow="row wrap",
                    ),
                ),
                self.store_problem,
                self.bank_problems,
                self.config_notice,
                row([self.role, self.category, self.difficulty, self.tag, self.search]),
                w.HBox([self.question], layout=w.Layout(width="100%")),
                row([self.match_count, self.next_button, self.next_hint]),
                self.prompt,
                self.guidance,
                self.answer,
                self.other_said,
                self.other_answer,
                self.waiting_said,
                self.restore_waiting,
                row(
                    [
                        self.word_count,
                        self.draft_status,
                        self.timer_length,
                        self.timer_button,
                        self.timer_label,
                        self.recording,
                    ]
                ),
                row([self.score_button, self.retry_button, self.status]),
                self.errors.widget,
                self.result,
                self.previous,
                html("<h3>Your attempts at this question</h3>"),
                self.history,
            ],
        )

    # -- startup ------------------------------------------------------------
    def _start(self, question_id: str | None, role: str) -> None:
        # Before any draft is read: an older view of this kernel writes what it holds.
        take_over("practice", database_key(self.coach), self)
        bank = self.coach.bank
        show_bank_problems(self.bank_problems, bank, role_problem=self.coach.role_problem())
        self._syncing = True
        try:
            self.role.options = [("every role", ""), *((r, r) for r in bank.roles())]
            self.tag.options = [("any", ""), *((t, t) for t in bank.tags())]
            role = role or self.coach.role or ""  # the notebook's, else your practice role
            if role:
                self.role.value = role
        finally:
            self._syncing = False
        self._load_scorers()
        last = self._read_store()
        self._refresh_questions(prefer=question_id or last)
        opened = self.state.question_id
        # A question the notebook asked for is remembered; one the view picked by itself
        # is picked again next time, so a fresh home stays without a database until the
        # user does something.
        asked = question_id is not None and opened != last and self._db_problem is None
        if asked and opened is not None:
            self.drafts.save_now(LAST_QUESTION_KEY, opened)
        self._last_question = opened
        self._started = True

    def _read_store(self) -> str | None:
        """Read the history and the question last open; the view practises on without
        writing to the database when it cannot be used (damaged, a newer coachkit's: the
        question is then None) or is damaged in part."""
        try:
            self._seen = self.coach.store.data_version()
            read, last = self._probe()
        except StoreError as exc:
            self._database_down(exc)
            return None
        if read.damaged:
            self._database_down(CorruptDatabaseError(read.warning or ""), read.attempts)
            return self._stored_draft(LAST_QUESTION_KEY)
        if read.warning:  # rows that cannot be read, the file whole: said, and on
            show_store_warning(self.store_problem, read.warning)
        self.state.attempts = read.attempts
        return last

    def _probe(self) -> tuple[AttemptsRead, str | None]:
        """What the view reads of the database as it opens: the history, checked, and
        (unless the file is damaged in part) the question last open. StoreError if it
        cannot be used."""
        read = checked(self.coach.store, self.coach.read_history())
        return read, None if read.damaged else self.coach.load_draft(LAST_QUESTION_KEY)

    def _damage_found(self, found: CorruptDatabaseError, *, certain: bool = False) -> bool:
        """Damage found after the view opened: ``found``, what a read or a write failed
        with, or, ``certain``, what a read found. The file is read as the view reads it
        as it opens, and the view switches to the mode that gives. True if it writes
        nothing to the database now; False for an attempt's row that cannot be read in
        a file otherwise whole, which is said as ever while saving goes on."""
        if self._db_problem is not None:
            return True
        read: AttemptsRead | None = None
        try:
            read, _last = self._probe()
        except DatabaseBusyError:
            pass  # held by another program for now: what was found decides
        except StoreError as exc:
            self._database_down(exc)
            return True
        if read is not None and read.damaged:
            self._database_down(CorruptDatabaseError(read.warning or ""), read.attempts)
        elif certain or reported_by_sqlite(found):
            # Damaged where those reads do not go (a draft's page): as damaged in part.
            self._database_down(found, read.attempts if read is not None else None)
        else:
            return False
        return True

    def _stored_draft(self, key: str) -> str | None:
        """A draft read from a database damaged in part (None if it cannot be)."""
        try:
            return self.coach.load_draft(key)
        except StoreError:
            return None

    def _database_down(self, problem: StoreError, readable: list[Attempt] | None = None) -> None:
        """Practise on without the database: the bank needs none. Nothing is written to it
        again (a damaged file must not change), nor read, unless it is damaged in part:
        then ``readable``, its attempts that could be read, are shown (and its drafts).
        What is typed goes to files in unscored/, and the offline scorer scores (an LLM
        profile keeps its budget and usage log in the database).

        Found after the view opened, what is typed goes on in the files a failed save
        kept it in already, and what is on screen stays (see ``_carry_on_offline``)."""
        with self._down_lock:
            if self._db_problem is not None:
                return
            self._db_problem = problem
            self._readable = readable
            self.state.attempts = readable or []
            files = AnswerFiles()
            spill = self.drafts.spill
            for question_id, path, text in spill.held() if spill is not None else []:
                files.adopt(question_id, path, text)
            self._answer_files = files
            earlier, self.drafts = (
                self.drafts,
                DraftKeeper(
                    files,
                    self.scheduler,
                    delay=self._draft_delay,
                    on_saved=self._draft_saved,
                    on_error=self._draft_failed,
                ),
            )
            # The question last open is the database's alone: no file is made of it.
            earlier.hand_over(self.drafts, drop={LAST_QUESTION_KEY})
        self._syncing = True
        try:
            self.scorer.value = LOCAL
        finally:
            self._syncing = False
        self.state.scorer = LOCAL
        self.scorer.disabled = True
        self.recording.disabled = True  # a transcription logs its cost in the database
        folder = escape(str(self._answer_files.folder))
        if readable is not None:
            show_store_problem(
                self.store_problem,
                problem,
                "The attempts that can be read are shown here, and <b>Next up</b> picks from "
                "them, but nothing is written to the file until it is put right: a write "
                "into a damaged file can fail halfway or spread the damage, and would change "
                "the copy you are asked to keep. What you type is kept as you type in a file "
                f"of its own in {folder}. <b>Score</b> scores with the offline scorer "
                "(local), as LLM profiles keep their budget in the database, and says which "
                "file holds the answer it scored. Once the database is put right, restart "
                "the kernel and run this notebook again (in Voila, reload the page).",
                headline=PARTLY,
            )
        else:
            show_store_problem(
                self.store_problem,
                problem,
                "Until it is fixed you can still practise here, but nothing is saved to your "
                "history. What you type cannot be saved as a draft in the database either: "
                f"it is kept as you type in a file of its own in {folder}. <b>Score</b> "
                "scores with the offline scorer (local), as LLM profiles keep their budget "
                "in the database, and says which file holds the answer it scored. <b>Next "
                "up</b> needs your history, so it is off. Once the database is fixed, "
                "restart the kernel and run this notebook again (in Voila, reload the page).",
            )
        if self._started:
            self._carry_on_offline()

    def _carry_on_offline(self) -> None:
        """The view switched while open: the answer on screen goes to its file (in a
        database found unusable it could not be read back), the history shown is what
        can be read, and the alert that saving is tried again comes down: it is not."""
        self._draft_alert.saved()
        question_id, text = self.state.question_id, self.answer.value
        self.draft_status.value = ""
        if question_id is not None and text.strip():
            self.drafts.save_now(question_id, text)
        else:
            self.drafts.flush()  # another question's text the database did not take
        if question_id is not None:
            self.state.history = [a for a in self._readable or [] if a.question_id == question_id]
            self.history.value = self._offline_history()
        self._update_next_hint()
        self._refresh_waiting()

    def retire(self) -> None:
        """A newer practice view took over (see ``single``): save, stop and say so."""
        self.countdown.stop()
        try:
            saved = self.drafts.flush()
        except Exception:  # the note below says it and shows the text to copy
            saved = False
        self._retired = True  # the box is gone from the page; nothing more is taken from it
        self.answer.disabled = True
        kept = [(self._answer_label(), self.answer.value)]
        retire_root(self.root, saved=saved, kept=kept, said=self._retired_note(saved))

    def _retired_note(self, saved: bool) -> str | None:
        """What the retired view says of its text while the database cannot be used or
        did not take it: it is in a file, which the newer view does not open; None
        otherwise."""
        files, question_id = self._answer_files, self.state.question_id
        if question_id is None or not self.answer.value.strip():
            return None
        if files is None:
            spilled = None if saved else self._spilled()
            if spilled is None:
                return None  # saved (the note says so), or only below
            return (
                "This view was replaced by a newer one, and what you typed here could not be "
                f"saved to the database yet (it is tried again on its own). It is kept in "
                f"{escape(str(spilled))} meanwhile, and below: copy it into the newer view."
            )
        path = files.path(question_id)
        where = (
            f"is kept in {escape(str(path))} (the database cannot take it), and below"
            if saved and path is not None
            else "could not be kept in a file: it is only below"
        )
        return (
            "This view was replaced by a newer one: the notebook ran again, here or in "
            f"another tab. What you typed here {where}: copy it into the newer view."
        )

    def _answer_label(self) -> str:
        question = self._current_question()
        return f"Your answer to: {question.prompt}" if question else "Your answer"

    def _load_scorers(self) -> None:
        try:
            config = self.coach.config
        except Exception as exc:  # a broken config must not hide the offline scorer
            self.errors.show(f"{readable(exc)}\n{OFFLINE_MEANWHILE}", sticky=True)
            self.config_notice.value = (
                # Not "your" file: on a hub it may be the shared one, the coach's to fix.
                '<div class="ck-warn" role="status">The config has a problem, so answers are '
                "scored by the offline scorer (local) for now: what to fix, and where, is "
                "below the <b>Score</b> button.</div>"
            )
            self.config_notice.layout.display = ""
            return
        self.config_notice.layout.display = "none"
        self._syncing = True
        try:
            self.scorer.options = [(name, name) for name in config.profile_names()]
            self.scorer.value = config.scorer
        finally:
            self._syncing = False
        self.state.scorer = config.scorer
        warm_for(self.coach, config.scorer)
        self.recorder.refresh()

    # -- question selection --------------------------------------------------
    def _refresh_questions(self, prefer: str | None = None) -> None:
        visible = self.coach.bank.filter(
            role=self.role.value or None,
            category=self.category.value or None,
            tag=self.tag.value or None,
            difficulty=self.difficulty.value or None,
            text=self.search.value or None,
        )
        self._visible = visible
        ids = [q.id for q in visible]
        current = self.state.question_id
        # Filtered away mid-answer: back to it once it shows. The first set aside stays:
        # a question the view picked meanwhile was never being answered.
        hidden = current is not None and current not in ids and self.answer.value.strip()
        if hidden and self._set_aside is None:
            self._set_aside = current
        aside = self._set_aside
        target = prefer if prefer in ids else aside if aside in ids else current
        if target not in ids:
            suggestion = self._suggest(visible)
            target = suggestion.question.id if suggestion else None
        if target == aside:
            self._set_aside = None
        self._syncing = True
        try:
            self.question.options = [(_option_label(q), q.id) for q in visible]
            self.question.value = target
        finally:
            self._syncing = False
        n = len(visible)
        matched = (
            f"{n} question{'s' if n != 1 else ''} match."
            if n
            else "No question matches these filters: widen them."
        )
        if self._set_aside is not None:
            answering = self.coach.question(self._set_aside).prompt
            matched += (
                f" Your answer to “{escape(answering)}” is kept: clear the filters to go "
                "back to it."
            )
        self.match_count.value = f'<span class="ck-muted">{matched}</span>'
        if target != self.state.question_id:
            self._select(target)
        # After the selection: the hint must not name the question now on screen.
        self._update_next_hint()

    def _catch_up(self, *, shown: bool = True) -> None:
        """Read the history again if another notebook or the CLI changed it since (an
        attempt deleted in Progress, one scored in a mock interview); ``shown`` False
        leaves this question's list to the caller, which is about to show another."""
        if self._db_problem is not None:
            return  # left alone until the notebook runs again
        try:
            seen = self.coach.store.data_version()
        except StoreError:
            return  # the action that needs the store says what is wrong
        if seen == self._seen:
            return
        self._seen = seen
        question_id = self.state.question_id if shown else None
        try:
            read = self.coach.read_history()
            mine = self.coach.read_history(question_id) if question_id is not None else read
        except CorruptDatabaseError as exc:
            if self._damage_found(exc):
                return
            raise
        for found in (read, mine):
            if found.damaged:
                self._damage_found(CorruptDatabaseError(found.warning or ""), certain=True)
                return
        self.state.attempts = read.attempts
        if question_id is not None:
            self.state.history = mine.attempts
            self.history.value = history_html(self.state.history)
            self._refresh_kept()  # a kept answer may be gone with its deleted attempt

    def _select(self, question_id: str | None) -> None:
        """Show a question and restore its draft; the previous question's draft is kept."""
        self.drafts.flush()
        # Read before anything changes: damage found switches the view while the box
        # still holds the previous question's text, kept then under that question.
        stored = self._read_question(question_id)
        self.countdown.stop()
        self.state.question_id = question_id
        self.state.attempt = self.state.previous = None
        self.state.submission = None
        self.result.value = self.previous.value = self.status.value = ""
        self._fresh_card()
        self.timer_label.value = ""
        self.timer_button.description = "Start timer"
        self.errors.clear()
        has_question = question_id is not None
        for control in (self.answer, self.score_button, self.timer_button):
            control.disabled = not has_question
        self.retry_button.disabled = True
        if question_id is None:
            self.prompt.value = self.guidance.value = self.history.value = ""
            self._set_answer("")
            self._refresh_kept()
            self._refresh_waiting()
            return
        question = self.coach.question(question_id)
        self.prompt.value = question_html(question)
        self.guidance.value = guidance_html(question)
        self._syncing = True
        try:
            self.timer_length.value = TIMER_DEFAULTS.get(question.category, 120)
        finally:
            self._syncing = False
        if self._answer_files is not None or stored is None:
            assert self._answer_files is not None  # read, or switched by what it found
            self._restore_offline(question_id, self._answer_files)
            self._refresh_waiting()
            return
        draft_read, self.state.history = stored
        # Text whose save failed waits for its retry: it, not the store's older draft, is
        # what the user last typed here; and the store's draft was not seen here, so the
        # retry keeps it should it be another window's.
        draft = self.drafts.unsaved.get(question_id)
        if draft is None:
            draft = draft_read
            self.drafts.loaded(question_id, draft_read)
        self._set_answer(draft or "")
        self._refresh_kept()  # after the box is filled: what it holds is not shown again
        self._refresh_waiting()
        self.draft_status.value = "Draft restored." if draft else ""
        self.history.value = history_html(self.state.history)
        last = self.state.history[-1] if self.state.history else None
        if draft and last is not None and storable(draft) == last.answer:
            self._show_scored(last, question, draft)
        if self._started and question_id != self._last_question:
            self.drafts.save_now(LAST_QUESTION_KEY, question_id)
            self._last_question = question_id

    def _read_question(self, question_id: str | None) -> tuple[str | None, list[Attempt]] | None:
        """The question's draft and its attempts, read from the database; None without a
        question, or when the database is not used (damage found in them switches it)."""
        if question_id is None or self._db_problem is not None:
            return None
        try:
            read = self.coach.read_history(question_id)
            draft = self.coach.load_draft(question_id)
        except CorruptDatabaseError as exc:
            if self._damage_found(exc):
                return None
            raise
        if read.damaged:
            self._damage_found(CorruptDatabaseError(read.warning or ""), certain=True)
            return None
        return draft, read.attempts

    def _restore_offline(self, question_id: str, files: AnswerFiles) -> None:
        """What was typed for the question, from this view's files: the database, with
        the drafts and the history, cannot be read."""
        draft = self.drafts.unsaved.get(question_id)
        if draft is None:
            draft = files.text(question_id)
        readable, restored = self._readable, False
        if draft is None and readable is not None:
            # Damaged in part: its draft may still be read (it is never written again).
            draft = self._stored_draft(question_id)
            restored = bool(draft)
        self.state.history = [a for a in readable or [] if a.question_id == question_id]
        self._set_answer(draft or "")
        self.draft_status.value = "Draft restored." if restored else ""
        self.history.value = self._offline_history()

    def _offline_history(self) -> str:
        """The attempts at the question on screen, as far as they can be read."""
        if self._readable is not None:
            return history_html(self.state.history)
        return (
            '<p class="ck-muted">Your attempts at this question cannot be read while the '
            "database has the problem said at the top.</p>"
        )

    def _show_scored(self, attempt: Attempt, question: Question, text: str) -> None:
        """The answer in the box is the one last scored: show its card, not a "draft",
        and let Score on the same text find that attempt rather than save it twice."""
        self.state.attempt = attempt
        self.state.submission = Submission(
            attempt.question_id, attempt.card.scorer, text, attempt.id
        )
        self.result.value = result_html(attempt, question)
        self._fresh_card()
        self.retry_button.disabled = False
        self.draft_status.value = ""
        self.status.value = status_html(
            f"Your last answer to this question, scored "
            f"{attempt.card.overall}/100 by {escape(attempt.card.scorer)}. Press Try again to "
            "revise it."
        )

    def _set_answer(self, text: str) -> None:
        self._syncing = True
        try:
            self.answer.value = text
        finally:
            self._syncing = False
        self._update_word_count()

    def _current_question(self) -> Question | None:
        qid = self.state.question_id
        return self.coach.question(qid) if qid else None

    def _schedule(self) -> Schedule:
        """The review schedule, replayed again only when the attempts or the minute change."""
        attempts = self.state.attempts
        role = self.role.value or None
        key = (len(attempts), attempts[-1].id if attempts else "", f"{datetime.now():%H:%M}", role)
        if self._schedule_cache is None or self._schedule_cache[0] != key:
            try:
                settings = self.coach.config.practice
            except Exception:  # a broken config is reported by _load_scorers already
                settings = PracticeSettings()
            # The role chosen here comes first among new questions, as practice.role's would.
            settings = settings.model_copy(update={"role": role})
            self._schedule_cache = (key, Schedule(attempts, settings))
        return self._schedule_cache[1]

    def _suggest(self, questions: list[Question]) -> Suggestion | None:
        """The next question: never the one on screen, nor one passed over with Next up
        this session until every other one has been offered (None if nothing else fits)."""
        others = [q for q in questions if q.id != self.state.question_id]
        unseen = [q for q in others if q.id not in self._passed]
        if others and not unseen:
            self._passed.clear()  # the whole queue was offered: start it again
        return self._schedule().suggest(unseen or others)

    @property
    def _history_lost(self) -> bool:
        """The history cannot be read at all (Next up, which picks from it, is off)."""
        return self._db_problem is not None and self._readable is None

    def _update_next_hint(self) -> None:
        if self._history_lost:
            self._has_next = False
            self.next_button.disabled = True
            self.next_hint.value = (
                '<span class="ck-muted"><b>Next up</b> is off: it picks from your history, '
                "which cannot be read now (see the top).</span>"
            )
            return
        schedule = self._schedule()
        suggestion = self._suggest(self._visible)
        self._has_next = suggestion is not None
        self.next_button.disabled = self.state.busy or not self._has_next
        today = f"Today: {escape(schedule.plan(self._visible).describe())}."
        if suggestion is None:
            alone = len(self._visible) == 1
            self.next_hint.value = (
                '<span class="ck-muted"><b>Next up:</b> this is the only question that '
                f"matches: widen the filters for more.<br>{today}</span>"
                if alone
                else ""
            )
            return
        # The question on screen may itself be the plan's pick (as `coachkit next` says):
        # say so, or "Next up" naming another reads as a disagreement with the plan.
        here = schedule.suggest(self._visible) if self.state.attempt is None else None
        picked = self._picked
        if picked is not None and picked.question.id == self.state.question_id and here:
            here = picked  # put here by Next up: its own reason, whatever now leads the plan
        lead = (
            f"<b>This question</b> is the plan's pick: {escape(here.reason)}<br>"
            if here is not None and here.question.id == self.state.question_id
            else ""
        )
        label = "Then" if lead else "Next up"
        # Two new questions have the same reason: saying it twice reads as a stutter.
        why = (
            ""
            if lead and here is not None and here.reason == suggestion.reason
            else (f"<br>{escape(suggestion.reason)}")
        )
        self.next_hint.value = (
            f'<span class="ck-muted">{lead}<b>{label}:</b> {escape(suggestion.question.prompt)}'
            f"{why}<br>{today}</span>"
        )

    # -- callbacks ------------------------------------------------------------
    def _on_filter(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        if self.state.busy:  # locked meanwhile; a change that got through anyway is put back
            self._syncing = True
            try:
                change["owner"].value = change["old"]
            finally:
                self._syncing = False
            self.errors.show(_WAIT_FILTERS)
            return
        self._catch_up()
        self._refresh_questions()

    def _on_question(self, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] == self.state.question_id:
            return
        if self.state.busy:
            self._syncing = True
            try:
                self.question.value = change["old"]
            finally:
                self._syncing = False
            self.errors.show(_WAIT_QUESTION)
            return
        self._set_aside = None  # another question chosen: the one set aside stays a draft
        self._catch_up(shown=False)
        self._select(change["new"])
        self._update_next_hint()

    def _on_answer(self, change: dict[str, Any]) -> None:
        self._update_word_count()
        if self._retired and not self._syncing and change["new"].strip():
            # The box is off the page: only a transcript still on its way lands here.
            retire_root(
                self.root, saved=False, kept=[(self._answer_label(), change["new"])], late=True
            )
            return
        if self._retired or self._syncing or self.state.question_id is None:
            return
        self.drafts.update(self.state.question_id, change["new"])
        self._label_restore()
        if self._set_aside is not None and change["new"].strip():
            self._set_aside = None  # answering this one now: the other stays a draft
        if self._refused_empty and change["new"].strip():
            self._refused_empty = False
            self.errors.clear()  # answered: "the answer is empty" no longer holds
        self._show_stale(self._edited)

    @property
    def _edited(self) -> bool:
        """The box no longer holds the answer the card on screen scored."""
        shown = self._unsaved_card or self.state.attempt
        return shown is not None and shown.answer != storable(self.answer.value)

    def _show_stale(self, stale: bool) -> None:
        """Under edited text, the card is dimmed and said to be the earlier text's: read
        as the new text's score, it would mislead."""
        if stale == self._stale:
            return
        self._stale = stale
        if stale:
            self.result.add_class("ck-stale")
            self.status.value = status_html(
                "Edited since it was scored: the card below is for "
                "the earlier text. Press Score to score this one."
            )
        else:
            self.result.remove_class("ck-stale")
            self.status.value = status_html("This is the answer the card scored.")

    def _fresh_card(self) -> None:
        """A new card, or none: nothing on screen is stale."""
        self._stale = False
        self._unsaved_card = None
        self.result.remove_class("ck-stale")

    def _update_word_count(self) -> None:
        question = self._current_question()
        self.word_count.value = (
            f'<span class="ck-muted">{word_count_text(self.answer.value, question)}</span>'
        )

    def _draft_failed(self, exc: Exception) -> None:
        damage = damage_in(exc)
        if damage is not None and self._damage_found(damage):
            return  # said at the top; the text went on to its file (see _database_down)
        spill = self.drafts.spill
        if spill is None:  # files already (the database could not be used at all)
            self._draft_alert.failed(exc)
        else:
            self._draft_alert.failed(exc, spill.files(), spill.error)
        kept = self._spilled()
        if kept is None:
            # An older "Draft saved" would say the opposite of the alert above it.
            self.draft_status.value = "Not saved yet: trying again shortly."
            return
        reason = refusal(exc)
        why = f" ({escape(reason)})" if reason else ""
        self.draft_status.value = (
            f"Kept in {escape(kept.name)} at {datetime.now():%H:%M:%S}: the database could "
            f"not take it{why}."
        )

    def _spilled(self) -> Path | None:
        """The file holding the text on screen while the database does not take it."""
        spill, question_id = self.drafts.spill, self.state.question_id
        if spill is None or question_id is None:
            return None
        return spill.file(question_id, question_id)

    def _draft_saved(self, key: str) -> None:
        self._draft_alert.saved()
        files = self._answer_files
        path = files.path(key) if files is not None and files.text(key) else None
        if files is not None:
            # In a file, not the database: say which (an empty box has none).
            kept = f"Kept in {escape(path.name)} at {datetime.now():%H:%M:%S}." if path else ""
            self.draft_status.value = kept
        elif key != LAST_QUESTION_KEY:
            saved = f"Draft saved {datetime.now():%H:%M:%S}."
            spill = self.drafts.spill
            self.draft_status.value = saved + (_taken_words(spill.last_taken(key)) if spill else "")
        if self._store_failed:
            # The database takes writes again (space freed, the lock gone): the error that
            # stopped the last score no longer holds.
            self._store_failed = False
            self.errors.clear()

    def _other_window_saved(self, key: str, _text: str) -> None:
        """A save here went over an answer saved elsewhere; it was kept: show it."""
        if key == self.state.question_id and not self._retired:
            self._refresh_kept()

    def _refresh_kept(self) -> None:
        """Show the answers kept for the question on screen (see ``_kept``)."""
        if self._db_problem is not None:
            return  # none can be read
        try:
            self._show_kept()
        except CorruptDatabaseError as exc:
            if not self._damage_found(exc):
                raise

    def _show_kept(self) -> None:
        with self._kept_lock:
            question_id = self.state.question_id
            kept = []
            if question_id is not None:
                # This view's own earlier text, kept by another window, is in the box
                # already (since the box last loaded: see DraftKeeper.writer); and so is
                # any the box goes on from (its own, kept before a re-run, say).
                own, box = self.drafts.writer(question_id), storable(self.answer.value)
                kept = [
                    d
                    for d in self.coach.kept_drafts(question_id)
                    if d.writer != own and not box.startswith(d.text)
                ]
            self._kept = kept
            self.other_said.value = kept_said(kept) if kept else ""
            self.other_text.value = kept_html(kept) if kept else ""
            self.other_answer.layout.display = "" if kept else "none"

    def _refresh_waiting(self) -> None:
        """Say which answers to the question on screen an earlier run kept in unscored/,
        and offer the newest back (this view's own files are said beside the word count)."""
        question_id = self.state.question_id
        self._restored = [k for k in self._restored if k.question_id == question_id]
        waiting: list[KeptAnswer] = []
        if question_id is not None:
            skip = self._own_files() | {k.path for k in self._restored}
            box = storable(self.answer.value).strip()
            for kept in kept_answers(question_id, self._unscored_folder):
                if kept.path in skip:
                    continue
                if box and kept.text is not None and storable(kept.text).strip() == box:
                    self._restored.append(kept)  # in the box already (as its draft)
                    continue
                waiting.append(kept)
        self._waiting = waiting
        offline = self._answer_files is not None
        self.waiting_said.value = waiting_html(waiting, self._restored, offline=offline)
        offered = any(k.text is not None for k in waiting)
        self.restore_waiting.layout.display = "" if offered else "none"
        self._label_restore()

    def _own_files(self) -> set[Path]:
        """The files in unscored/ this view writes to (said beside the word count)."""
        spill, files = self.drafts.spill, self._answer_files
        own = set(spill.files()) if spill is not None else set()
        question_id = self.state.question_id
        path = files.path(question_id) if files is not None and question_id else None
        return own | ({path} if path is not None else set())

    def _label_restore(self) -> None:
        """Put in an empty box; below what is typed otherwise: never over it."""
        empty = not self.answer.value.strip()
        self.restore_waiting.description = _PUT_IN if empty else _ADD_BELOW
        self.restore_waiting.tooltip = _PUT_IN_TIP if empty else _ADD_BELOW_TIP

    def _on_restore_waiting(self, _button: w.Button) -> None:
        question_id = self.state.question_id
        offered = [k for k in self._waiting if k.text is not None]
        if self.state.busy or self._retired or question_id is None or not offered:
            return
        kept = offered[-1]  # the newest: the last text the earlier run kept
        assert kept.text is not None
        box = self.answer.value
        if box.strip():
            text = f"{box.rstrip()}\n\n{kept.text}"
        else:
            text = kept.text
            if self._answer_files is not None:
                # Typing on goes on in that file: the same answer is not kept twice.
                self._answer_files.adopt(question_id, kept.path, kept.text)
        self._restored.append(kept)
        self.answer.value = text  # saved as a draft, as typing is
        self._refresh_waiting()
        self.answer.focus()  # the button may be gone: the box is where to go on

    def _forget_restored(self, question_id: str) -> str:
        """Remove the files put back in the box whose text the database, read back, now
        holds in an attempt; what the status line says of it ("" for nothing)."""
        restored = [k for k in self._restored if k.question_id == question_id]
        if not restored:
            return ""
        try:
            read = self.coach.read_history(question_id)
        except StoreError:
            return ""  # not read back: kept, as it may be the only copy
        if read.damaged:
            # Not a file to leave the only copy in, and one nothing more is written to.
            self._damage_found(CorruptDatabaseError(read.warning or ""), certain=True)
            return ""
        saved = [attempt.answer for attempt in read.attempts]
        gone = [k for k in restored if forget_kept(k, saved)]
        # The rest (edited before scoring, say) are offered again, as they are.
        self._restored = [k for k in self._restored if k.question_id != question_id]
        self._refresh_waiting()
        if not gone:
            return ""
        names = ", ".join(escape(k.path.name) for k in gone)
        return f" Its file in unscored/ ({names}) is removed."

    def _on_dismiss_other(self, _button: w.Button) -> None:
        with self._kept_lock:
            shown = list(self._kept)
        if self._db_problem is None:
            try:
                self.coach.forget_kept_drafts(shown)  # only what was shown: one kept since stays
                self._refresh_kept()
                return
            except CorruptDatabaseError as exc:
                if not self._damage_found(exc):
                    raise
        # Nothing is written to the database now: they go from the page, not from it.
        with self._kept_lock:
            self._kept = []
        self.other_said.value = self.other_text.value = ""
        self.other_answer.layout.display = "none"

    def _on_scorer(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.state.scorer = change["new"]
            warm_for(self.coach, change["new"])

    def _on_next(self, _button: w.Button) -> None:
        if self.state.busy or self._history_lost:
            return
        self._catch_up()
        suggestion = self._suggest(self._visible)
        if suggestion is not None:
            if self.state.question_id is not None:
                self._passed.add(self.state.question_id)
            self._picked = suggestion
            self.question.value = suggestion.question.id
            # Focus stays on Next up, so nothing else tells a screen reader the question
            # changed: it is said, unseen (it is on screen already), before any status.
            prompt = escape(suggestion.question.prompt)
            said = f'<span class="ck-sr" role="status">Now on: {prompt}</span>'
            self.status.value = said + self.status.value

    # -- timer ----------------------------------------------------------------
    def _on_timer_length(self, change: dict[str, Any]) -> None:
        if not self._syncing and self.countdown.running:
            self.countdown.start(change["new"])

    def _on_timer(self, _button: w.Button) -> None:
        if self.countdown.running:
            self.countdown.stop()
            self.timer_button.description = "Start timer"
            self.timer_label.value = ""
            return
        self.timer_button.description = "Stop timer"
        self.countdown.start(int(self.timer_length.value))

    def _tick(self, remaining: int) -> None:
        self.timer_label.value = timer_html(remaining)

    def _time_up(self) -> None:
        self.timer_button.description = "Start timer"
        self.timer_label.value = timer_html(None, "Time is up: land your result in one sentence.")

    # -- scoring -------------------------------------------------------------
    def _on_score(self, _button: w.Button) -> None:
        # click() fires even on a disabled button, so the busy flag is the real guard.
        if self.state.busy or self.state.question_id is None:
            return
        self.errors.clear()
        text = self.answer.value
        question_id = self.state.question_id
        if not text.strip():
            # Refused, so nothing is saved: an empty draft would delete one another view
            # of this question has kept.
            self.errors.show(EmptyAnswerError())
            self._refused_empty = True
            return
        if self._answer_files is None:
            self.drafts.save_now(question_id, text)
        if self._answer_files is not None:  # the database was not used, or found damaged now
            self._score_offline(question_id, text, self._answer_files)
            return
        unsaved = self._unsaved_card
        if unsaved is not None and unsaved.answer == storable(text):
            # The card on screen only waits to be saved: scoring it again would pay again.
            self._set_busy(True)
            self.status.value = status_html("Saving the score…")
            self.runner.run(
                lambda: self.coach.save(unsaved),
                self.errors.guard(self._scored),
                self.errors.guard(self._failed),
            )
            return
        submission = self.state.submission_for(question_id, self.state.scorer, text)
        if self.state.attempt is not None and submission.key == self.state.attempt.id:
            self.status.value = status_html(
                "This answer is scored already (below). Change it and "
                "press Score, or press Try again."
            )
            return
        self._set_busy(True)
        self.status.value = status_html(f"Scoring with {escape(submission.scorer)}…")

        def work() -> Attempt:
            return self.coach.submit(
                submission.question_id,
                submission.answer,
                scorer=submission.scorer,
                key=submission.key,
            )

        self.runner.run(work, self.errors.guard(self._scored), self.errors.guard(self._failed))

    def _score_offline(self, question_id: str, text: str, files: AnswerFiles) -> None:
        """Score with the offline scorer, without the database: the answer is kept in its
        file (where the CLI keeps one it cannot save), fixed as it was scored."""
        submission = self.state.submission_for(question_id, LOCAL, text)
        if self.state.attempt is not None and submission.key == self.state.attempt.id:
            self.status.value = status_html(
                "This answer is scored already (below). Change it and "
                "press Score, or press Try again."
            )
            return
        kept = files.seal(question_id) if self.drafts.save_now(question_id, text) else None
        self._set_busy(True)
        self.status.value = status_html(f"Scoring with {LOCAL}…")

        def work() -> Attempt:
            return self.coach.submit(
                question_id, submission.answer, scorer=LOCAL, key=submission.key, save=False
            )

        def scored(attempt: Attempt) -> None:
            self._scored_offline(attempt, kept)

        def failed(exc: Exception) -> None:
            self._set_busy(False)
            self.errors.show(exc)
            self.status.value = status_html(f"Not scored. {_kept_words(question_id, kept)}")

        self.runner.run(work, self.errors.guard(scored), self.errors.guard(failed))

    def _scored_offline(self, attempt: Attempt, kept: Path | None) -> None:
        """The card of an answer scored without the database, marked as not saved."""
        try:
            self.countdown.stop()
            self.state.attempt, self.state.error = attempt, None
            question = self.coach.question(attempt.question_id)
            self.result.value = (
                '<div class="ck-warn"><b>Not saved to your history</b>: the database has '
                "the problem said at the top.</div>" + result_html(attempt, question)
            )
            self._fresh_card()
            if self.state.previous is not None:
                self.previous.value = comparison_html(self.state.previous, attempt)
            card = attempt.card
            self.status.value = status_html(
                f"Scored {card.overall}/100 by {escape(card.scorer)}, not saved to your "
                f"history. {_kept_words(attempt.question_id, kept)}"
            )
            self.timer_button.description = "Start timer"
            self.timer_label.value = ""
        finally:
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        # Score is not disabled while it works: a focused button that is disabled drops
        # focus to the page, and handing it back when the score came pulled a keyboard or
        # screen-reader user who had moved on during a long LLM call back to Score. Focus
        # stays where the user is; the status line announces the score.
        self._lock(busy, scoring=True)
        self.score_button.description = SCORING if busy else SCORE
        self.score_button.icon = "hourglass-half" if busy else "check"
        if busy:
            self.score_button.add_class("ck-busy")
        else:
            self.score_button.remove_class("ck-busy")
        self.recording.disabled = busy or self._db_problem is not None

    def _lock(self, locked: bool, *, scoring: bool = False) -> None:
        """While scoring or transcribing: no typing, scoring, or leaving the question
        (Score, pressed while ``scoring``, stays enabled: ``_on_score`` ignores it)."""
        self.state.busy = locked
        for control in (self.answer, self.question, *self._filters):
            control.disabled = locked
        self.score_button.disabled = locked and not scoring
        if not locked and self.errors.message in (_WAIT_FILTERS, _WAIT_QUESTION):
            self.errors.clear()  # the wait is over
        self.next_button.disabled = locked or not self._has_next
        self.retry_button.disabled = locked or self.state.attempt is None

    def _scored(self, attempt: Attempt) -> None:
        try:
            self.countdown.stop()
            self.state.record(attempt)
            self._catch_up()
            question = self.coach.question(attempt.question_id)
            self.result.value = result_html(attempt, question)
            self._fresh_card()
            if self.state.previous is not None:
                self.previous.value = comparison_html(self.state.previous, attempt)
            self.history.value = history_html(self.state.history)
            card = attempt.card
            # Not the scorer chosen: say so, or "by local in 4 ms" after a long wait on the
            # LLM reads as if nothing went wrong; why is the card's note, not said twice.
            done = (
                f"Scored {card.overall}/100 by {card.scorer} instead: the card says why."
                if card.stood_in
                else f"Scored {card.overall}/100 by {card.scorer} in {card.latency_ms:.0f} ms."
            )
            removed = self._forget_restored(attempt.question_id)
            self.status.value = status_html(f"{escape(done)} Saved to your history.{removed}")
            self.timer_button.description = "Start timer"
            self.timer_label.value = ""  # stopped: a frozen "0:55 left" would still count
            self._update_next_hint()
        finally:
            self._set_busy(False)

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        damage = damage_in(exc)
        if damage is not None and self._damage_found(damage):
            self._score_without_database(exc)
            return
        self.state.error = str(exc)
        self.errors.show(exc)
        self._store_failed = isinstance(exc, StoreError)
        if isinstance(exc, NotSavedError):
            self._unsaved(exc.attempt)
            return
        if self._edited:
            # The card on screen is an earlier answer's: under the new text it would read
            # as this one's score. It stays in the attempts list.
            self.result.value = ""
            self._fresh_card()
        self.status.value = status_html("Not scored. Your answer is still here.")

    def _score_without_database(self, exc: Exception) -> None:
        """Scoring found the database damaged, and the view no longer uses it: a card
        scored but not saved is shown as the offline scorer's are, its answer kept in a
        file; an answer not scored yet is scored by the offline scorer."""
        files, question_id = self._answer_files, self.state.question_id
        assert files is not None
        if question_id is None:
            return
        text = self.answer.value
        if isinstance(exc, NotSavedError):
            kept = files.seal(question_id) if self.drafts.save_now(question_id, text) else None
            self._scored_offline(exc.attempt, kept)
            return
        self._score_offline(question_id, text, files)

    def _unsaved(self, attempt: Attempt) -> None:
        """Scored, but not saved (a full disk, a busy database): the card is shown, and
        pressing Score once the problem is fixed saves that card, without scoring again."""
        self.result.value = result_html(attempt, self.coach.question(attempt.question_id))
        self._fresh_card()
        self._unsaved_card = attempt
        kept = self._spilled()
        where = (
            f"still here, and kept in {escape(str(kept))} meanwhile"
            if kept is not None
            else "still here"
        )
        self.status.value = status_html(
            f"Scored {attempt.card.overall}/100, but not saved. Your answer is {where}: "
            "press Score again once the problem above is fixed."
        )

    def _on_retry(self, _button: w.Button) -> None:
        if self.state.busy or self.state.attempt is None:
            return
        self.state.previous = self.state.attempt
        self.state.attempt = None
        self.result.value = ""
        self._fresh_card()
        self.previous.value = comparison_html(self.state.previous)
        self.retry_button.disabled = True
        # Disabled, the button lost focus; the box is where the revising happens.
        self.answer.focus()
        self.status.value = status_html(
            "Revise your answer above and press Score; the previous one stays below for comparison."
        )


_PUT_IN = "Put it in the box"
_PUT_IN_TIP = "Put the answer kept in unscored/ in the answer box"
_ADD_BELOW = "Add it below your answer"
_ADD_BELOW_TIP = "Add the answer kept in unscored/ below what you typed (nothing is replaced)"


def waiting_html(
    waiting: Sequence[KeptAnswer], restored: Sequence[KeptAnswer], *, offline: bool
) -> str:
    """What the line under the box says of the answers to this question kept in
    unscored/ by an earlier run ("" for none)."""
    offered = [k for k in waiting if k.text is not None]
    unread = [k for k in waiting if k.text is None]
    saved = (
        "once the database is fixed and it is scored and saved to your history"
        if offline
        else "once it is scored and saved to your history"
    )
    said: list[str] = []
    if offered:
        when = _kept_stamp(offered[-1].kept_at)
        said.append(
            f"1 answer kept in unscored/ from {when} (the database could not take it then)."
            if len(offered) == 1
            else f"{len(offered)} answers kept in unscored/, the latest from {when} (the "
            "database could not take them then)."
        )
        said.append(f"The button below puts the latest in the box: {saved}, its file is removed.")
    elif restored:
        names = ", ".join(escape(k.path.name) for k in restored)
        said.append(f"In the box from {names} in unscored/: {saved}, that file is removed.")
    if unread:
        names = ", ".join(escape(k.path.name) for k in unread)
        said.append(
            f"{names} in unscored/ cannot be put in the box (too large, or not text): "
            "open it yourself."
        )
    return f'<p class="ck-warn" role="status">{" ".join(said)}</p>' if said else ""


def _kept_stamp(when: datetime) -> str:
    """A file's stamp as the user reads it: "30 Nov 10:15" (with the year if not this one)."""
    year = "" if when.year == datetime.now().year else f" {when.year}"
    return f"{when.day} {when:%b}{year} {when:%H:%M}"


def _typed_answers(key: str, text: str) -> dict[str, str]:
    """The answer a practice draft holds, by question (the question last open is none)."""
    return {} if key == LAST_QUESTION_KEY else {key: text}


def _taken_words(taken: Taken) -> str:
    """What became of the files that kept a draft while the database did not take it."""
    if taken.left:
        names = ", ".join(escape(str(path)) for path in taken.left)
        return (
            f" {names} is left as it is: the database does not hold its text (the box was "
            "cleared, say), so it may be the only copy. Delete it once you do not need it."
        )
    if taken.unchecked:
        names = ", ".join(escape(path.name) for path in taken.unchecked)
        return f" Also still in {names}: the database could not be read back to check it."
    if taken.removed:
        return " The file that kept it meanwhile is removed."
    return ""


def _kept_words(question_id: str, kept: Path | None) -> str:
    """Where an answer scored without the database is kept, and how to save it later."""
    if kept is None:
        return (
            "Your answer could not be kept in a file (the message above says why): it is "
            "only on this page, so copy it somewhere to be safe."
        )
    path = shlex.quote(str(kept))
    return (
        f"Your answer is kept in {escape(str(kept))}: once the database is fixed, "
        f"<code>coachkit score {escape(question_id)} --answer-file {escape(path)}</code> "
        "scores it again and saves it to your history."
    )
