"""The welcome panel of 00_start_here: what is here, where data lives, where to go next."""

from __future__ import annotations

import os
from html import escape

import ipywidgets as w

from .. import paths
from ..coach import Coach
from ..config import OFFLINE_MEANWHILE, Config
from ..errors import CoachkitError, CorruptDatabaseError, StoreError
from ..models import Attempt
from ..rescue import RescueInterrupted, rescue
from ..schedule import Schedule
from ..store import AttemptsRead
from ..storefile import NO_TERMINAL
from ..wording import and_list
from .live import FOCUS_CLASS
from .parts import (
    PARTLY,
    ErrorPanel,
    View,
    bank_notice,
    button,
    checked,
    header,
    html,
    in_voila,
    readable,
    root,
    row,
    said_html,
    show_bank_problems,
    show_store_problem,
    show_store_warning,
    status_html,
    store_notice,
    unset_key_text,
)

__all__ = ["StartHere", "stat_columns"]

_NOTEBOOKS = (
    (
        "01_practice.ipynb",
        "Practice",
        "pick a question, answer it (typed or recorded), get a STAR score card",
    ),
    ("02_progress.ipynb", "Progress", "charts of your scores over time"),
    ("03_mock_interview.ipynb", "Mock interview", "timed questions, a report card at the end"),
    (
        "04_settings.ipynb",
        "Settings",
        "choose the scorer; test an LLM profile; plan your practice: your role, your "
        "interview date",
    ),
)


RESCUE = "Rescue what can be read"
# The damage message's last sentence (NO_TERMINAL) sends the CLI's and the other views'
# users to "the Start here notebook": here its button is right below the message.
_RESCUE_BELOW = (
    "<code>coachkit rescue</code> does all of this in one step; without a terminal, so "
    f"does <b>{RESCUE}</b> below."
)


class StartHere(View):
    """An overview that writes nothing, unless a damaged database is to be rescued
    (``RESCUE``: see ``coachkit.rescue.rescue``)."""

    def __init__(self, coach: Coach | None = None) -> None:
        self.coach = coach or Coach()
        self.errors = ErrorPanel()
        self.summary = html("", "coachkit-summary", width="100%")
        self.bank_problems = bank_notice()
        self.store_problem = store_notice()
        # A learner on a Voila page or a hub has no terminal for `coachkit export`.
        self.rescue_button = button(
            RESCUE,
            "coachkit-rescue",
            icon="life-ring",
            tooltip="Export what can be read, move the damaged file aside, start afresh",
            style="warning",
            width="auto",  # the default width cuts the label short
        )
        self.rescue_button.on_click(self.errors.guard(self._rescue))
        self.rescue_status = html("", "coachkit-rescue-status", width="100%")
        self.rescue_status.add_class(FOCUS_CLASS)  # where focus goes once Rescue is hidden
        self.rescue = w.VBox(
            [
                html(
                    '<p class="ck-muted">Or let coachkit do it: <b>Rescue what can be '
                    "read</b> saves every attempt that can still be read to an export file "
                    "beside the database and what you typed to unscored/, moves the damaged "
                    "file aside (it is kept, not deleted) and starts a fresh database with "
                    f"those attempts. {_close_others()}</p>"
                ),
                row([self.rescue_button]),
            ],
            layout=w.Layout(display="none", width="100%"),
        )
        self.root = root(
            "start",
            [
                header("coachkit", "interview practice, scored on STAR"),
                self.store_problem,
                self.rescue,
                self.rescue_status,
                self.bank_problems,
                self.errors.widget,
                self.summary,
            ],
        )
        self.errors.guard(self._render)()

    def _rescue(self, _button: object = None) -> None:
        """Rescue the damaged database; on failure the file is where it was, and the
        message (the button stays) says what to do."""
        self.rescue_button.disabled = True
        self.rescue_status.value = status_html("Rescuing: reading what can be read...")
        try:
            done = rescue(self.coach)
        except (CoachkitError, RescueInterrupted) as exc:
            # An interrupted kernel stopped it before anything was moved: said as a failure
            # is, not left at "Rescuing..." with a traceback in the log.
            cut = "Interrupted. " if isinstance(exc, RescueInterrupted) else ""
            self.rescue_status.value = (
                f'<div class="ck-error" role="alert">{cut}{escape(str(exc))}</div>'
            )
            return
        finally:
            self.rescue_button.disabled = False
        show_store_problem(self.store_problem, None)
        self.rescue.layout.display = "none"
        # Their views still say the file is damaged, until they open anew.
        again = "reload their pages" if in_voila() else "restart each one's kernel and run it"
        self.rescue_status.value = (
            f'<div class="ck-note" role="status"><p><b class="ck-ok">Rescued.</b> '
            f"{escape(done.note)}</p><p>Open the other notebooks again ({again}) to use "
            "the fresh database.</p></div>"
        )
        # The button, focus with it, is hidden: focus would fall to the page, and a
        # keyboard user start again from its top. On the message, it is read out too.
        self.rescue_status.focus()
        self._render()

    def _render(self) -> None:
        bank = self.coach.bank
        show_bank_problems(self.bank_problems, bank, role_problem=self.coach.role_problem())
        practice = self.coach.practice_plan()  # kept through a scorer's mistake
        transcriber: str | None = None
        unset = ""
        try:
            config = self.coach.config
            scorer = escape(config.scorer)
            transcriber = config.transcriber
            unset = _unset_key(config)
            if config.set_aside:  # a profile of the user's own the coach renamed
                self.errors.show("\n".join(config.set_aside))
        except CoachkitError as exc:
            # This page is read once: it says how to see the fixed file here.
            again = "reload this page" if in_voila() else "run this notebook again"
            self.errors.show(
                f"{readable(exc)}\n{OFFLINE_MEANWHILE} Once the file is fixed, {again} "
                "to see it here."
            )
            scorer = "local (the config has an error, see above)"
        history, skipped = self._history()
        questions = self.coach.practice_questions()
        plan = Schedule(history or [], practice).plan(questions)
        role = self.coach.role
        attempts = "cannot be read" if history is None else str(len(history))
        if skipped:
            attempts += f" ({skipped} more cannot be read)"
        stats = [
            # The role has its own tile: "45 for engineering-manager" broke across lines.
            ("Questions for your role" if role else "Questions", str(len(questions))),
            ("Your attempts", attempts),
            # Without the history every question would read as new: none is said due.
            ("Due for review", "-" if history is None else str(plan.due_now)),
            ("Scorer", scorer),
        ]
        if role:
            stats.insert(1, ("Practising for", escape(role)))
        if plan.days_to_interview is not None:
            stats.append(("Days to your interview", str(plan.days_to_interview)))
        if transcriber:
            stats.append(("Recordings transcribed by", escape(transcriber)))
            aloud = ""
        else:
            aloud = _aloud()
        tiles = "".join(
            f'<div class="ck-stat"><span class="ck-muted">{label}</span><b>{value}</b></div>'
            for label, value in stats
        )
        links = "".join(
            f'<li><a href="{name}" target="_blank" rel="noopener"><b>{title}</b></a> '
            f'<span class="ck-muted">({name})</span>: {what}</li>'
            for name, title, what in _NOTEBOOKS
        )
        self.summary.value = (
            f'<div class="ck-stats ck-stats-even" style="--ck-stat-columns: '
            f'{stat_columns(len(stats))}">{tiles}</div>{unset}{self._roles_line()}'
            '<h3>Where to go <span class="ck-muted">(each opens in a new tab)</span></h3>'
            f"<ul>{links}</ul>"
            f'<p class="ck-muted">Your data lives in {escape(str(paths.home()))} '
            f"(set COACHKIT_HOME to move it). {_questions_line()}{aloud}</p>"
        )

    def _roles_line(self) -> str:
        """How to practise for one role, while none is set: the tiles count every
        question, and a mobile engineer or a product manager was not told the bank has
        questions for them, nor where to choose them. "" with a role set, or one that
        cannot be followed (the bank notice above says why)."""
        roles = self.coach.bank.roles()
        if self.coach.role_problem() or not roles:
            return ""
        if self.coach.role:
            return self._role_set_line(self.coach.role)
        named = and_list([f"<b>{escape(role)}</b>" for role in roles])
        return (
            f"<p>Practising for one role? There are questions for {named}. Choose yours "
            "as <b>Your role</b> in <b>Settings</b> and press <b>Save plan</b>: "
            "<b>Next up</b>, the Role filter and the mock interview then start on its "
            "questions. Or pick a role just for now in Practice's <b>Role</b> filter "
            "or the mock interview's <b>Preset</b>.</p>"
        )

    def _role_set_line(self, role: str) -> str:
        """What the role's count is made of, and where to change the role: the tile's
        figure mixes the role's own questions with those asked of every role."""
        questions = self.coach.practice_questions()
        own = sum("any" not in q.roles for q in questions)
        return (
            f"<p>Of these questions, {own} are written for <b>{escape(role)}</b> and "
            f"{len(questions) - own} are asked of every role. Practising for another role? "
            "Change <b>Your role</b> in <b>Settings</b> and press <b>Save plan</b>.</p>"
        )

    def _history(self) -> tuple[list[Attempt] | None, int]:
        """The saved attempts that can be read, and how many cannot; None, said at the
        top, when the database cannot be used. Attempts left out are said there too."""
        try:
            # Counted first: with none saved, the history need not be read (the file is
            # checked all the same: its drafts may be damaged).
            saved = self.coach.store.count_attempts()
            read = checked(self.coach.store, self.coach.read_history() if saved else AttemptsRead())
        except StoreError as exc:
            # A file too damaged to open at all can be moved aside and started afresh.
            self.rescue.layout.display = "" if isinstance(exc, CorruptDatabaseError) else "none"
            show_store_problem(
                self.store_problem,
                exc,
                "Meanwhile <b>Practice</b> works: it keeps what you type in files and "
                "scores it offline, not saved to your history. <b>Progress</b> and "
                "<b>Mock interview</b> wait until the database is fixed.",
            )
            self._say_rescue_below()
            return None, 0
        self.rescue.layout.display = "" if read.damaged else "none"
        if read.damaged:
            show_store_problem(
                self.store_problem,
                read.warning,
                "Until it is put right, nothing writes to the file: <b>Practice</b> shows "
                "the attempts that can be read and keeps what you type in files, scoring it "
                "offline, not saved to your history; <b>Progress</b> shows the attempts that "
                "can be read; <b>Mock interview</b> waits until it is put right.",
                headline=PARTLY,
            )
            self._say_rescue_below()
        elif read.warning:
            show_store_warning(self.store_problem, read.warning)
        return read.attempts, read.skipped

    def _say_rescue_below(self) -> None:
        """The damage message, said with Rescue on show, names Rescue as the button below
        it, not as one "in the Start here notebook" (the words the CLI and other views
        say)."""
        if self.rescue.layout.display != "none":
            notice = self.store_problem
            notice.value = notice.value.replace(said_html(NO_TERMINAL), _RESCUE_BELOW)


def stat_columns(tiles: int) -> int:
    """How many equal columns ``tiles`` stat tiles take on a wide view: one row up to 4,
    else rows as even as can be (5 and 6 tiles in 3 columns, 7 in 4 and 3), never one
    tile alone on a row. Narrow views take 2 (theme.CSS)."""
    return tiles if tiles <= 4 else -(-tiles // 2)


def _close_others() -> str:
    """What to close first: the kernels of the other views hold the file open."""
    if in_voila():
        return (
            "Close the other coachkit pages first: their kernels hold the file open until "
            "they stop, about 2 minutes after a page is closed."
        )
    return (
        "Shut down the other coachkit notebooks' kernels first (Kernel &gt; Shut Down "
        "Kernel): they hold the file open."
    )


def _unset_key(config: Config) -> str:
    """A warning when the scorer chosen reads a key nobody set ("" otherwise)."""
    text = unset_key_text(config, config.scorer)
    return f'<p class="ck-warn">{text}</p>' if text else ""


def _aloud() -> str:
    """How to answer from a recording, when no transcriber is set: over a shared config
    (a cohort's), the profile must come from it, which only its keeper can add."""
    if paths.personal_config_path() is None:
        return (
            " To answer aloud from a recording, name a speech-to-text profile as "
            "<code>transcriber:</code> in your config (see Answer aloud in the README)."
        )
    return (
        " To answer aloud from a recording, set <code>transcriber:</code> in your config to "
        "a speech-to-text profile (see Answer aloud in the README). The profiles come from "
        "the shared config: ask whoever keeps it (your coach) to add one."
    )


def _questions_line() -> str:
    """Where the user's own questions go, or, when the folder is one they may not write
    (a cohort's shared folder linked in, as the README sets it up), whose it is."""
    folder = paths.user_questions_dir()
    add = f"Add your own questions as YAML files in {escape(str(folder))}"
    if not folder.is_dir():
        return f"{add}."
    real = paths.shared_folder(folder)
    if os.access(folder, os.W_OK):
        if real is None:
            return f"{add}."
        # A cohort's folder left writable (or a root notebook): what is added there
        # is not the user's alone.
        return (
            f"{add}: it is a link to {escape(real)}, so whoever else reads that folder (a "
            "cohort on a shared hub) gets them too."
        )
    if real is None:
        return f"The question files in {escape(str(folder))} are read-only for you."
    return (
        f"The question files in {escape(str(folder))} are shared (from {escape(real)}) and "
        "read-only for you: whoever keeps them (your coach) adds questions there."
    )
