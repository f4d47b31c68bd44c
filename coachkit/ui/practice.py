"""The practice view: pick a question, answer it, score it, see why, try again.

One view, written in parts, each a mixin in a module of its own: practice_layout (the
widgets), practice_questions (the question on screen, Next up), practice_drafts (what is
typed), practice_offer (answers waiting in unscored/), practice_card (scoring and the
card) and practice_offline (the mode without the database); practice_base holds what
they share, practice_html what they render."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from .. import paths
from ..coach import Coach
from ..config import LOCAL, OFFLINE_MEANWHILE, Config
from .drafts import DraftKeeper
from .parts import readable, show_bank_problems, status_html, timer_html, unset_key_text
from .practice_base import LAST_QUESTION_KEY, SCORE, SCORING, TIMER_DEFAULTS
from .practice_card import PracticeCard
from .practice_drafts import PracticeDrafts, typed_answers
from .practice_html import guidance_html, question_html, word_count_text
from .practice_offer import PracticeOffer
from .practice_offline import PracticeOffline
from .practice_questions import PracticeQuestions, bank_stamp
from .runtime import Countdown, Runner, Scheduler, late_grace
from .single import database_key, retire_root, take_over
from .spill import Spill
from .state import score_in_flight
from .warmup import warm_for

__all__ = [
    "LAST_QUESTION_KEY",
    "SCORE",
    "SCORING",
    "TIMER_DEFAULTS",
    "PracticeView",
    "guidance_html",
    "question_html",
    "word_count_text",
]


# The scorer last chosen in the practice view of each database, in this kernel, and the
# config's scorer then: (config's, chosen).
_chosen: dict[str, tuple[str, str]] = {}


class PracticeView(PracticeOffline, PracticeQuestions, PracticeDrafts, PracticeOffer, PracticeCard):
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
        score_grace: float | None = None,
    ) -> None:
        """``score_grace``: at most how long (seconds) Score waits for the words typed
        just before it to come in; None: half a second with the kernel's own runner, no
        wait with a ``runner`` given (tests)."""
        super().__init__(coach, runner, scheduler, draft_delay)
        self._late.grace = late_grace(score_grace, runner)
        self.drafts = DraftKeeper(
            self.coach,
            self.scheduler,
            delay=draft_delay,
            on_saved=self._draft_saved,
            on_error=self._draft_failed,
            on_conflict=self.errors.guard(self._other_window_saved),
            spill=Spill(self.coach, typed_answers),
        )
        self.countdown = Countdown(self.scheduler, self._tick, self._time_up)
        self._build()
        self.errors.guard(self._start)(question_id, role)

    def _wire(self) -> None:
        """Each control to its callback, through the error panel (JupyterLab swallows
        what a callback raises)."""
        guard = self.errors.guard
        for control in self._filters:
            control.observe(guard(self._on_filter), names="value")
        self.question.observe(guard(self._on_question), names="value")
        self.answer.observe(guard(self._on_answer), names="value")
        self.dismiss_other.on_click(guard(self._on_dismiss_other))
        self.restore_waiting.on_click(guard(self._on_restore_waiting))
        self.dismiss_orphans.on_click(guard(self._on_dismiss_orphans))
        self.delete_orphans.on_click(guard(self._on_delete_orphans))
        self.keep_orphans.on_click(guard(self._on_keep_orphans))
        self.scorer.observe(guard(self._on_scorer), names="value")
        self.timer_length.observe(guard(self._on_timer_length), names="value")
        self.next_button.on_click(guard(self._on_next))
        self.timer_button.on_click(guard(self._on_timer))
        self.score_button.on_click(guard(self._on_score))
        self.retry_button.on_click(guard(self._on_retry))

    def _start(self, question_id: str | None, role: str) -> None:
        # Before any draft is read: an older view of this kernel writes what it holds.
        self._database = database_key(self.coach)
        take_over("practice", self._database, self)
        # A score the older view was waiting for comes first: its card is awaited here.
        flight = score_in_flight(self._database)
        scored = flight.submission.question_id if flight is not None else None
        # Before the bank is read: a file edited meanwhile reads as changed, never missed.
        self._bank_stamp = bank_stamp()
        bank = self.coach.bank
        show_bank_problems(self.bank_problems, bank, role_problem=self.coach.role_problem())
        self._syncing = True
        try:
            self.role.options = [("every role", ""), *((r, r) for r in bank.roles())]
            self.tag.options = [("any", ""), *((t, t) for t in bank.tags())]
            role = role or self.coach.role or ""  # the notebook's, else your practice role
            if scored is not None and scored not in {q.id for q in bank.filter(role=role or None)}:
                role = ""  # the question being scored was picked under every role
            if role:
                self.role.value = role
        finally:
            self._syncing = False
        self._load_scorers()
        last = self._read_store()
        self._refresh_orphans()
        self._refresh_questions(prefer=scored or question_id or last)
        opened = self.state.question_id
        # A question the notebook asked for is remembered; one the view picked by itself
        # is picked again next time, so a fresh home stays without a database until the
        # user does something.
        asked = question_id is not None and opened != last and self._db_problem is None
        if asked and opened is not None:
            self.drafts.save_now(LAST_QUESTION_KEY, opened)
        self._last_question = opened
        self._started = True

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
        if config.set_aside:  # a profile of the user's own the coach renamed: said, not fatal
            notice = escape(" ".join(config.set_aside))
            self.config_notice.value = f'<div class="ck-warn" role="status">{notice}</div>'
            self.config_notice.layout.display = ""
        names = config.profile_names()
        # The scorer chosen in this kernel's view before (run again, it would reset to the
        # config's), unless the config's changed since (Save as default in Settings).
        chosen = _chosen.get(self._database)
        scorer = config.scorer
        if chosen is not None and chosen[0] == config.scorer and chosen[1] in names:
            scorer = chosen[1]
        self._syncing = True
        try:
            self.scorer.options = [(name, name) for name in names]
            self.scorer.value = scorer
        finally:
            self._syncing = False
        self.state.scorer = scorer
        self._followed = scorer if scorer == config.scorer else None
        self._show_key_hint()
        warm_for(self.coach, scorer)
        self.recorder.refresh()

    def _scorer_changed(self) -> bool:
        """Whether the config changed the scorer under the view since the Scorer menu was
        filled (its keeper, a coach, editing it with this page open): the profile shown
        was renamed or removed, or the config's scorer the menu still shows is another
        now. Then the menu is filled again from the config as it is now and that is said:
        the answer is not sent to a scorer the user did not see chosen."""
        scorer, followed = self.state.scorer, self._followed
        try:
            config = self.coach.config
        except Exception:  # a broken config: scoring says what to fix, and where
            return False
        gone = scorer != LOCAL and scorer not in config.profile_names()
        if not gone and (followed is None or config.scorer == followed):
            return False
        self._load_scorers()
        # Over a shared config it was the coach's change: nothing for the user to fix.
        shared = paths.personal_config_path() is not None
        where = (
            f"the shared config {config.source}"
            if shared
            else f"your config {config.source}"
            if config.source
            else "the config"
        )
        what = (
            f"The scorer “{scorer}” is no longer in {where}"
            if gone
            else f"The scorer set in {where} is now “{config.scorer}”, not “{scorer}”"
        )
        self.errors.show(
            f"{what}: it changed since this page opened. Your answer is not scored yet and "
            f"is kept. The Scorer menu now lists the profiles there and shows "
            f"“{self.state.scorer}”: press Score to score with it, or pick another first."
        )
        self.status.value = status_html("Not scored. Your answer is still here.")
        return True

    def _show_key_hint(self) -> None:
        """Say by the Scorer box when the profile chosen reads a key nobody set: until
        Score was pressed nothing said that every answer would be scored by the fallback."""
        try:
            hint = unset_key_hint(self.coach.config, self.state.scorer)
        except Exception:  # a broken config is said beside Score already
            hint = ""
        self.key_hint.value = hint
        self.key_hint.layout.display = "" if hint else "none"

    def retire(self) -> None:
        """A newer practice view took over (see ``single``): save, stop and say so."""
        flight = self._flight
        if flight is not None:
            flight.relay.drop()  # its card goes to the newer view (see _select)
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

    def _on_scorer(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self.state.scorer = change["new"]
            self._followed = None  # the user's pick: the config's scorer no longer moves it
            try:
                default = self.coach.config.scorer
            except Exception:  # a config broken since the view opened: Score says so
                default = None
            if default is not None:
                _chosen[self._database] = (default, change["new"])
            self._show_key_hint()
            warm_for(self.coach, change["new"])

    def _select(self, question_id: str | None) -> None:
        super()._select(question_id)
        # A key set in a cell meanwhile: its hint goes as the next question comes (a
        # cached config and a look at the environment). ipywidgets tells nothing earlier:
        # a Text box reports no focus, and a cell's run is no event of this view's.
        self._show_key_hint()

    def _on_score(self, button: w.Button) -> None:
        # A key set in a cell since the view opened is used by this score: the hint goes.
        self._show_key_hint()
        super()._on_score(button)

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


def unset_key_hint(config: Config, scorer: str) -> str:
    """What the Scorer box says of ``scorer`` when it reads a variable nobody set ("" when
    none), in the words Start here uses for the config's scorer."""
    text = unset_key_text(config, scorer)
    if not text:
        return ""
    # Nothing tells the view a cell set it: say when this note is looked at again.
    again = (
        "Once it is set (in a cell, say), the next <b>Score</b> uses it, and this note goes "
        "then or when you change question."
    )
    return f'<p class="ck-warn" role="status">{text} {again}</p>'
