"""A mock interview running: one question at a time with its countdown, the answer
kept (with the time used) as a draft as it is typed, and Next, Finish or End now."""

from __future__ import annotations

import time
from html import escape
from typing import Any

import ipywidgets as w

from ..config import LOCAL
from ..errors import CoachkitError, CorruptDatabaseError
from ..interview import GONE, MockSession, asked, pick_questions, session_key
from ..models import Attempt
from .mock_base import FINISH, plural
from .mock_layout import END_NOW, END_NOW_TIP, MockLayout
from .parts import damage_in
from .practice_html import question_html, word_count_text
from .single import retire_root

__all__ = ["MockAsking"]


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, 21st."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class MockAsking(MockLayout):
    """Start interview, and the questions asked one at a time."""

    def _show(self, part: w.Widget) -> None:
        for box in (self.setup, self.asking, self.done):
            box.layout.display = "" if box is part else "none"
        if part is not self.done:
            self.status.value = ""  # it speaks of the report only
        if part is not self.asking:
            self.said.value = ""  # the next question shown is said again, even the same one

    def _on_start(self, _button: w.Button) -> None:
        # click() fires on a disabled button too.
        if self.busy or self.session is not None or self._db_problem is not None:
            return
        if self._refresh_scorers(then="Start interview"):
            # Started, every answer would fail to score at the end: said before the
            # questions, with the box now listing what the config has.
            return
        questions = pick_questions(
            self.coach.bank,
            int(self.count.value),
            self.preset.value,
            self.rng,
            last_answered=self._last_answered(),
        )
        if not questions:
            self.errors.show("No questions fit this preset: pick another one.")
            return
        self.errors.clear()
        self._put_away_note = ""  # said once, beside the offer it came with
        self.session = MockSession(
            question_ids=[q.id for q in questions],
            seconds_per_question=int(self.minutes.value),
            preset=str(self.preset.value),
            scorer=str(self.scorer.value),
        )
        self.session.claim()
        self._ask()
        short = self._budget_short(self.session.scorer, len(questions))
        if short and not self.progress.value:  # said again here: the setup panel is gone
            self.progress.value = f'<span class="ck-muted">{escape(short)}</span>'

    def _last_answered(self) -> dict[str, str]:
        """When each question was last answered, so the interview asks what was not; none
        known when the history cannot be read (the interview goes ahead all the same)."""
        try:
            return self.coach.store.last_answered()
        except CoachkitError:
            return {}

    def _on_size(self, _change: object = None) -> None:
        """Another number of questions: the scorers the config has now (it may have been
        edited), and whether the budget covers them."""
        self._refresh_scorers(then="Start interview")
        self._say_budget()

    def _say_budget(self, _change: object = None) -> None:
        """Under the setup's controls, whether the LLM budget covers an interview of this
        many questions with the scorer chosen (see _budget_short)."""
        short = self._budget_short(str(self.scorer.value), int(self.count.value))
        self.budget_note.value = f'<span class="ck-muted">{escape(short)}</span>' if short else ""

    def _budget_short(self, scorer: str, count: int) -> str:
        """What the LLM budget left now means for ``count`` answers scored by ``scorer``
        ("" when it covers them, or for the offline scorer): told at the end, answers
        past what it allows were a surprise, scored by the fallback or not at all. A
        read of the budget, as Settings shows it: no litellm, nothing spent."""
        if scorer == LOCAL:
            return ""
        try:
            config = self.coach.config
            if scorer not in config.profile_names():
                return ""
            from ..llm.budget import BudgetGate, day_spent, raise_limit
            from ..llm.usage import UsageLog

            gate = BudgetGate(self.coach.store, config.budget, UsageLog(self.coach.store))
            status = gate.status()
            when = gate.when_ready(count)
        except CoachkitError:
            return ""  # a config or database that cannot be read is said where it is read
        # A spent budget stops the fallback too when it is an LLM profile: local stands in.
        instead = (
            f"scored by {LOCAL} (the fallback) instead"
            if config.fallback and config.fallback != scorer
            else "left unscored (no fallback is set), kept to score later"
        )
        spent = day_spent(status, time.time())
        if spent:
            return f"{spent[:1].upper()}{spent[1:]}. Until then every answer will be {instead}."
        left = status.scores_left
        if left is None or left >= count:
            return ""
        scores = plural(int(left), "1 LLM score", "{count} LLM scores")
        past = "every answer" if left < 1 else f"answers past the {_ordinal(int(left))}"
        # Waiting helps only when the hour holds that many: the bucket fills to its limit.
        fits = (status.scores_per_hour or 0) >= count
        wait = f" (or wait: {count} are left again {when})" if when and fits else ""
        return (
            f"{'No LLM score' if left < 1 else scores} left this hour: {past} will be "
            f"{instead}. To have all {count} scored by {scorer}, "
            f"{raise_limit('llm_scores_per_hour')}{wait}."
        )

    def _ask(self) -> None:
        session = self._require()
        self._late.forget()  # Next leaves this one once it is shown
        self.recorder.forget()  # "q1.wav is empty" is not about this question
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
        self._asked = question
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
        self._count_words()  # by this question's kind, even when the text is the same
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
        self._show_way_on(session.last)
        self._shown_at = self.scheduler.now()
        used = round(session.seconds.get(question.id, 0.0))
        self.countdown.start(max(session.seconds_per_question - used, 0))
        self._persist()
        # Start and Resume are hidden now, which drops keyboard focus to the page; and
        # after Next the answer is what comes next. A locked answer takes no focus: the
        # way on does.
        (self._way_on() if self.answer.disabled else self.answer).focus()

    def _show_way_on(self, last: bool) -> None:
        """Next question and End now, or on the last question Finish alone: there both
        ended the interview, one action under two names and an extra Tab stop. End now
        becomes Finish, not Next: a failed scoring hands focus back to it to retry."""
        self.next_button.layout.display = "none" if last else ""
        self.finish_button.description = FINISH if last else END_NOW
        self.finish_button.button_style = "primary" if last else ""
        self.finish_button.tooltip = "Score your answers" if last else END_NOW_TIP

    def _way_on(self) -> w.Button:
        """The button that leaves the question on screen (see _show_way_on)."""
        return self.next_button if self.next_button.layout.display != "none" else self.finish_button

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

    def _lock(self, locked: bool) -> None:
        """While a recording is transcribed: the answer and the way on wait for it."""
        for control in (self.next_button, self.finish_button):
            control.disabled = locked or self.busy  # scoring keeps them locked
        self.answer.disabled = locked or self.busy or self._answer_saved

    def _require(self) -> MockSession:
        if self.session is None:
            raise CoachkitError("No interview is running: press Start interview.")
        return self.session

    def _count_words(self) -> None:
        """The words in the box against the question's target range, as Practice shows
        them: a 3,000-word paste is told at once, not at the report. Counted, not scored
        (a split of the text per keystroke), so no score shows before the end."""
        self.word_count.value = (
            f'<span class="ck-muted">{word_count_text(self.answer.value, self._asked)}</span>'
        )

    def _on_answer(self, change: dict[str, Any]) -> None:
        self._count_words()  # first: whatever comes of the words, the count is theirs
        if self._retired and not self._syncing and change["new"].strip():
            # The box is off the page: only a transcript still on its way lands here.
            kept = [("Your answer to the question on screen", change["new"])]
            retire_root(self.root, saved=False, kept=kept, late=True)
            return
        if self.busy and not self._syncing and self._late_for_finish(change["new"]):
            return
        if self._retired or self._syncing or self.session is None or self.busy:
            return
        if self._answer_saved:
            return  # only a transcript reaches a locked box: the saved answer stays
        if self._late_for_left(change["new"]):
            return
        self.session.answers[self.session.current] = change["new"]
        self._late.typed()
        # The time spent so far is saved with the words: a resumed interview's countdown
        # goes on from here instead of starting the question again.
        self._record_time()
        self.drafts.update(session_key(self.session), self.session.to_json())

    def _late_for_left(self, text: str) -> bool:
        """Whether ``text``, the first words to come in after Next, were typed for the
        question before: put with it if so, and the box shows this question's answer again.

        The browser holds back what is typed while the kernel is busy with the previous
        keystroke and sends it when the kernel is free, but a click goes at once: on a
        slow kernel, Next arrives first, and the words typed last for one question came
        in as the answer to the next. Such words begin as that question's answer did.
        """
        session = self.session
        if session is None:
            return False
        question_id = self._late.left_for(text, session.answer(session.current))
        if question_id is None:
            return False
        session.answers[question_id] = text
        self.drafts.update(session_key(session), session.to_json())
        self._syncing = True
        try:
            self.answer.value = session.answer(session.current)
        finally:
            self._syncing = False
        if not self.progress.value:  # a locked answer's note says more: it stays
            number = session.question_ids.index(question_id) + 1
            self.progress.value = (
                f'<span class="ck-muted">The last words you typed for question {number} '
                "came in after Next: they are kept with that question.</span>"
            )
        return True

    def _late_for_finish(self, text: str) -> bool:
        """Whether ``text`` is the last words typed for the question on screen, coming in
        after Finish (see _late_for_left): kept with it, and scored (MockScoring._finish
        waits for them)."""
        session = self.session
        if session is None or not session.finished:
            return False
        question_id = self._late.left_for(text)
        if question_id is None:
            return False
        session.answers[question_id] = text
        self.drafts.update(session_key(session), session.to_json())
        self._late.typed()  # scoring waits for these words: on with them
        return True

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
                f"while it could not take them, {names} {plural(len(left), 'is', 'are')} left "
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
        left = self.session.current
        # What it holds now: words typed for it may still be on their way (_late_for_left).
        held = "" if self._answer_saved else self.session.answer(left)
        self.session.index += 1
        self._ask()
        self._late.leave(left, held)

    def _on_finish(self, _button: w.Button) -> None:
        if self.busy or self.session is None or self.recorder.working:
            return
        self._record_time()
        self._finish()
