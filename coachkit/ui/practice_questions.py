"""The question on screen: the filters, the pick, Next up and the plan it follows,
and the history read for it."""

from __future__ import annotations

import os
from datetime import datetime
from html import escape
from typing import Any

import ipywidgets as w

from .. import paths
from ..bank import QuestionBank, question_files
from ..errors import CoachkitError, CorruptDatabaseError, StoreError
from ..jupyter import in_voila
from ..models import Attempt, Question
from ..schedule import Schedule, Suggestion
from ..store import storable
from ..wording import and_list
from .parts import show_bank_problems
from .practice_base import (
    LAST_QUESTION_KEY,
    RESTORED,
    TIMER_DEFAULTS,
    WAIT_FILTERS,
    WAIT_QUESTION,
)
from .practice_html import guidance_html, option_label, question_html
from .practice_layout import PracticeLayout
from .results import history_html
from .state import score_in_flight

__all__ = ["PracticeQuestions", "bank_stamp"]


def bank_stamp() -> tuple[object, ...]:
    """What changes when a question file is edited, added, removed or replaced (the
    shipped ones and ``$COACHKIT_HOME/questions``, a shared folder linked in included):
    a stat of each, under a millisecond, so the bank is read again only once it changed."""
    stamp: list[object] = []
    try:
        folders = [paths.bundled_questions_dir(), paths.user_questions_dir()]
    except FileNotFoundError:  # a broken install: the bank could not load either
        return ()
    for folder in folders:
        for path in question_files(folder):
            try:
                info = os.stat(path)
                stamp.append((str(path), info.st_mtime_ns, info.st_size, info.st_ino))
            except OSError:
                stamp.append((str(path), None))
    return tuple(stamp)


def read_again() -> str:
    """How the user has the view read the bank again: a Voila page has no cell to run."""
    return "reload the page" if in_voila() else "run the notebook's cell again"


class PracticeQuestions(PracticeLayout):
    """Which question is on screen, and what is read and shown with it."""

    def _refresh_questions(self, prefer: str | None = None) -> None:
        self._role_tags()
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
            suggestion = self._next_pick()[0]  # as Next up would: not one gone from disk
            target = suggestion.question.id if suggestion else None
        if target == aside:
            self._set_aside = None
        self._syncing = True
        try:
            self.question.options = [(option_label(q), q.id) for q in visible]
            self.question.value = target
        finally:
            self._syncing = False
        n = len(visible)
        # The verb agrees with the count: "1 question matches", "2 questions match".
        if not n:
            matched = "No question matches these filters: widen them."
        elif n == 1:
            matched = "1 question matches."
        else:
            matched = f"{n} questions match."
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

    def _bank_now(self) -> QuestionBank:
        """The bank as its files hold it now: read again only when they changed since
        the view read them (see ``bank_stamp``); the view's own bank otherwise."""
        stamp = bank_stamp()
        if stamp != self._bank_stamp:
            self._bank_stamp = stamp
            try:
                self._disk_bank = QuestionBank.load()
            except (CoachkitError, OSError):  # the shipped files broken: nothing to compare
                self._disk_bank = None
            self._say_bank_changed()
        return self._disk_bank or self.coach.bank

    def _say_bank_changed(self) -> None:
        """Above the filters: the questions added or removed since the view read the bank
        (a coach editing a shared folder with this page open) and the files' problems now,
        which the view showed only as they were; or, once back as read, what it said then."""
        shown, now = self.coach.bank, self._disk_bank
        if now is None:
            return  # unreadable now: Score and Next up say what they cannot do
        had, has = {q.id for q in shown}, {q.id for q in now}
        added, removed = len(has - had), len(had - has)
        problems_then = [p.note for p in shown.problems]
        if not added and not removed and [p.note for p in now.problems] == problems_then:
            show_bank_problems(self.bank_problems, shown, role_problem=self.coach.role_problem())
            return
        counts = [
            f"{n} question{'' if n == 1 else 's'} {what}"
            for n, what in ((added, "added"), (removed, "removed"))
            if n
        ]
        changed = (
            "The question files changed since this page opened"
            + (f" ({and_list(counts)})" if counts else "")
            + f". This page still offers the questions as they were: {read_again()} to "
            "practise on them as they are now. Your draft is kept."
        )
        show_bank_problems(
            self.bank_problems, now, role_problem=self.coach.role_problem(), changed=changed
        )

    def _gone_from_bank(self, question_id: str, doing: str) -> str | None:
        """What to say when ``question_id``, on screen since this view read the bank, is no
        longer in the bank on disk (renamed or removed by its file's keeper since); None
        while it is. ``doing`` is what is not done then ("not scored")."""
        now = self._bank_now()
        if question_id in now:
            return None
        prompt = self.coach.question(question_id).prompt
        renamed = next((q.id for q in now if q.prompt == prompt), None)
        problem = now.problem_for(question_id)
        kept = (
            "in its file in unscored/"
            if self._answer_files is not None
            else "as a draft under its old id, offered back at the top of Practice"
        )
        why = (
            f" (its id is now “{renamed}”)"
            if renamed is not None
            else f" (its file has a problem now: {problem})"
            if problem is not None
            else ""
        )
        return (
            "This question was renamed or removed from the question bank since this page "
            f"opened{why}, so your answer is {doing}. It is kept: here, and {kept}. "
            f"{read_again().capitalize()} to load the bank as it is now"
            + (f", then pick “{prompt}” again." if renamed is not None else ".")
        )

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
        left = self.state.question_id
        if left is not None and left != question_id:
            # Words typed for it may still be on their way (see _late_for_left).
            self._late.leave(left, self.answer.value)
        # Looked up before the history is read: a score handed to the older view before
        # this look-up was saved before that, so the history read next holds it.
        flight = score_in_flight(self._database) if question_id is not None else None
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
        self.history_title.layout.display = None if has_question else "none"
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
        self.draft_status.value = RESTORED if draft else ""
        self.history.value = history_html(self.state.history)
        last = self.state.history[-1] if self.state.history else None
        if draft and last is not None and storable(draft) == last.answer:
            self._show_scored(last, question, draft)
        if self._started and question_id != self._last_question:
            self.drafts.save_now(LAST_QUESTION_KEY, question_id)
            self._last_question = question_id
        if flight is not None and flight.submission.question_id == question_id:
            # Score was pressed in the view this one replaced (the notebook ran again):
            # its card comes here, and this view waits for it as that one did.
            self._follow(
                flight,
                f"{flight.doing} (Score was pressed before the notebook ran again): the card "
                "appears here.",
            )

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

    def _schedule(self) -> Schedule:
        """The review schedule, replayed again only when the attempts or the minute change."""
        attempts = self.state.attempts
        role = self.role.value or None
        key = (len(attempts), attempts[-1].id if attempts else "", f"{datetime.now():%H:%M}", role)
        if self._schedule_cache is None or self._schedule_cache[0] != key:
            # A broken config is reported by _load_scorers already.
            settings = self.coach.practice_plan()
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

    def _next_pick(self) -> tuple[Suggestion | None, list[Question]]:
        """What Next up goes to, among the questions shown still in the bank on disk, and
        those shown gone from it since the view read the bank (a stat of the question
        files: the bank is read again only once they changed)."""
        now = self._bank_now()
        gone = [q for q in self._visible if q.id not in now and q.id != self.state.question_id]
        present = [q for q in self._visible if q.id in now or q.id == self.state.question_id]
        return self._suggest(present), gone

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
        # Named as the button goes: a question gone from the bank on disk since is not.
        suggestion, gone = self._next_pick()
        self._hinted = suggestion.question.id if suggestion is not None else None
        self._has_next = suggestion is not None or bool(gone)  # pressed, it says why not
        self.next_button.disabled = self.state.busy or not self._has_next
        plan = schedule.plan(self._visible)
        today = f"Today: {escape(plan.summary())}."
        # Apart from the counts, as a sentence of its own: in one line with them it ran to
        # four lines at 640 px, the advice buried at the end. The advice names this
        # notebook's filters and the Settings field, not the config key.
        if short := plan.shortfall(
            "raise New questions a day in Settings, or narrow the filters above"
        ):
            today += f"<br>{escape(short)}"
        if suggestion is None:
            alone = len(self._visible) == 1
            self.next_hint.value = (
                '<span class="ck-muted"><b>Next up:</b> the other questions that match were '
                "renamed or removed from the question bank since this page opened: "
                f"{read_again()} to load the bank as it is now.<br>{today}</span>"
                if gone
                else '<span class="ck-muted"><b>Next up:</b> this is the only question that '
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
            f"<b>This question</b> is the plan's pick. {escape(here.reason)}<br>"
            if here is not None and here.question.id == self.state.question_id
            else ""
        )
        label = "Then" if lead else "Next up"
        # Under the first line, only what differs: the interview-day opening and the weakest
        # dimension said twice made two long lines of one thing (nothing, for two new ones).
        said = suggestion.after(here) if lead and here is not None else suggestion.reason
        why = f"<br>{escape(said)}" if said else ""
        self.next_hint.value = (
            f'<span class="ck-muted">{lead}<b>{label}:</b> {escape(suggestion.question.prompt)}'
            f"{why}<br>{today}</span>"
        )

    def _role_tags(self) -> None:
        """The Tag menu offers the tags of the role's questions: with every tag in the bank
        a frontend engineer was offered "postgres", and "No question matches" for it. A
        tag picked that the role has not goes back to "any"."""
        role = self.role.value or None
        tags = sorted({t for q in self.coach.bank.filter(role=role) for t in q.tags})
        options = [("any", ""), *((t, t) for t in tags)]
        if list(self.tag.options) == options:
            return
        picked = self.tag.value if self.tag.value in tags else ""
        syncing, self._syncing = self._syncing, True
        try:
            self.tag.options = options
            self.tag.value = picked
        finally:
            self._syncing = syncing

    def _on_filter(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        if self.state.busy:  # locked meanwhile; a change that got through anyway is put back
            self._syncing = True
            try:
                change["owner"].value = change["old"]
            finally:
                self._syncing = False
            self.errors.show(WAIT_FILTERS)
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
            self.errors.show(WAIT_QUESTION)
            return
        self._set_aside = None  # another question chosen: the one set aside stays a draft
        self._catch_up(shown=False)
        self._select(change["new"])
        self._update_next_hint()

    def _on_next(self, _button: w.Button) -> None:
        if self.state.busy or self._history_lost:
            return
        self._catch_up()
        hinted = self._hinted
        suggestion, gone = self._next_pick()
        # Not to a question gone from the bank since the view read it (Score would refuse
        # the answer typed there, see _score_typed), nor, unsaid, to another than the hint
        # named: the hint named one gone since it was shown, or none is left.
        named = next((q for q in gone if q.id == hinted), None)
        if named is not None or (suggestion is None and gone):
            pick = named or gone[0]
            said = self._gone_from_bank(pick.id, "not where Next up goes") or ""
            self.errors.show(said.replace("This question", "Next up's pick", 1))
            self._update_next_hint()
            self._refresh_orphans()  # what was typed for it is offered back, as said
            return
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
            if self._disk_bank is not None:
                # The files changed since the page opened: the question left may be gone
                # from them, its draft (flushed as it was left) now offered back above.
                self._refresh_orphans()
