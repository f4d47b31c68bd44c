"""Scoring in the practice view, and the card it shows: saved to the history, scored
offline when the database is not used, or scored but not saved."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from ..config import LOCAL
from ..errors import EmptyAnswerError, NotSavedError, StoreError
from ..models import Attempt, Question
from ..store import storable
from ..unscored import AnswerFiles
from .parts import damage_in, status_html
from .practice_base import RESTORED, SCORE, SCORING, WAIT_FILTERS, WAIT_QUESTION
from .practice_html import kept_words
from .practice_layout import PracticeLayout
from .results import comparison_html, history_html, result_html
from .runtime import Relay
from .state import ScoreInFlight, Submission

__all__ = ["PracticeCard"]


class PracticeCard(PracticeLayout):
    """Score and Try again, and the card and status they leave."""

    def _on_score(self, _button: w.Button) -> None:
        # click() fires even on a disabled button, so the busy flag is the real guard.
        if self.state.busy or self.state.question_id is None:
            return
        if not self._late.behind():
            self._score_typed()
            return
        # Typed just before: the last words may still be on their way (see LateWords).
        # Scored at once, the answer lost them, and its card was marked as the earlier
        # text's. Locked meanwhile, as scoring locks it: they land on this question.
        self._set_busy(True)
        self.status.value = status_html(f"Scoring with {escape(self.state.scorer)}…")
        self._late.settle(self.errors.guard(self._score_settled))

    def _score_settled(self) -> None:
        """Score the text once the words typed before Score came in (or none did)."""
        self._set_busy(False)
        if not self._retired:  # the newer view holds the text (retire wrote it)
            self._score_typed()

    def _score_typed(self) -> None:
        """Score the text in the box."""
        if self.state.question_id is None:
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
        # A question renamed or removed since the view read the bank: scored, it would be
        # saved under an id the bank no longer has. One reworded is scored as shown here.
        gone = self._gone_from_bank(question_id, "not scored")
        if gone is not None:
            self.errors.show(gone)
            self.status.value = status_html("Not scored. Your answer is still here.")
            # Its draft, saved above under the old id, is offered back at once, as said:
            # not only once the notebook runs again (then the box no longer shows it).
            self._refresh_orphans()
            return
        if self._answer_files is not None:  # the database was not used, or found damaged now
            self._score_offline(question_id, text, self._answer_files)
            return
        unsaved = self._unsaved_card
        if unsaved is not None and unsaved.answer == storable(text):
            # The card on screen only waits to be saved: scoring it again would pay again.
            saving = Submission(question_id, unsaved.card.scorer, unsaved.answer, unsaved.id)
            flight = self._take_off(saving, "Saving the score…")
            self.runner.run(lambda: self.coach.save(unsaved), flight.succeed, flight.fail)
            return
        submission = self.state.submission_for(question_id, self.state.scorer, text)
        if self.state.attempt is not None and submission.key == self.state.attempt.id:
            self.status.value = status_html(
                "This answer is scored already (below). Change it and "
                "press Score, or press Try again."
            )
            return
        if self.state.previous is not None and submission.key == self.state.previous.id:
            # After Try again, unchanged: the same key finds the previous attempt, which
            # was shown as a fresh score, "saved", and compared with itself.
            self.status.value = status_html(
                "This is the previous answer, unchanged (below): revise it above, then press Score."
            )
            return
        if self._scorer_changed():  # by the config's keeper since: said, not sent
            return
        flight = self._take_off(submission, f"Scoring with {escape(submission.scorer)}…")

        def work() -> Attempt:
            return self.coach.submit(
                submission.question_id,
                submission.answer,
                scorer=submission.scorer,
                key=submission.key,
            )

        self.runner.run(work, flight.succeed, flight.fail)

    def _take_off(self, submission: Submission, doing: str) -> Relay[Attempt]:
        """Start following ``submission``'s score (or save), listed for this kernel's
        practice views: one run again meanwhile shows it, not this one (see ``_follow``)."""
        flight = ScoreInFlight(self._database, submission, doing)
        flight.start()
        self._follow(flight, doing)
        return flight.relay

    def _follow(self, flight: ScoreInFlight, said: str) -> None:
        """Wait for ``flight``'s card, locked on its question as pressing Score locks it,
        ``said`` (HTML) on the status line. Both first: a card that landed already comes
        back at once, on this thread, and unlocks and says it."""
        self._flight = flight
        self.state.submission = flight.submission
        self._set_busy(True)
        self.status.value = status_html(said)
        flight.follow(self.errors.guard(self._scored), self.errors.guard(self._failed))

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
            self.status.value = status_html(f"Not scored. {kept_words(question_id, kept)}")

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
                f"history. {kept_words(attempt.question_id, kept)}"
            )
            self.timer_button.description = "Start timer"
            self.timer_label.value = ""
        finally:
            self._set_busy(False)

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

    def _set_busy(self, busy: bool) -> None:
        # Score is not disabled while it works: a focused button that is disabled drops
        # focus to the page, and handing it back when the score came pulled a keyboard or
        # screen-reader user who had moved on during a long LLM call back to Score. Focus
        # stays where the user is; the status line announces the score.
        self._lock(busy, scoring=True)
        if not busy:
            self._flight = None  # landed: nothing to hand over to a view run again
        self.score_button.description = SCORING if busy else SCORE
        self.score_button.icon = "hourglass-half" if busy else "check"
        if busy:
            self.score_button.add_class("ck-busy")
        else:
            self.score_button.remove_class("ck-busy")
        self.recording.disabled = busy or self._db_problem is not None

    def _lock(self, locked: bool, *, scoring: bool = False) -> None:
        """While scoring or transcribing: no typing, scoring, changing scorer or leaving the
        question (Score, pressed while ``scoring``, stays enabled: ``_on_score`` ignores
        it)."""
        self.state.busy = locked
        for control in (self.answer, self.question, *self._filters):
            control.disabled = locked
        self.score_button.disabled = locked and not scoring
        # The box shows the scorer of the score under way: a pick meanwhile, which applied
        # only to the next score, read as changing this one. A database coachkit cannot
        # use keeps it on the offline scorer for good.
        self.scorer.disabled = locked or self._db_problem is not None
        if not locked and self.errors.message in (WAIT_FILTERS, WAIT_QUESTION):
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
            # A score reused from the cache took no time worth saying ("in 0 ms").
            if card.stood_in:
                done = f"Scored {card.overall}/100 by {card.scorer} instead: the card says why."
            elif card.reused:
                done = (
                    f"Scored {card.overall}/100 by {card.scorer}: this answer's earlier score, "
                    "reused (no new call)."
                )
            else:
                done = f"Scored {card.overall}/100 by {card.scorer} in {card.latency_ms:.0f} ms."
            removed = self._forget_restored(attempt.question_id)
            if self.draft_status.value == RESTORED:  # the draft is an attempt now
                self.draft_status.value = ""
            edited = ""
            if self._edited:
                # Text reached the box while it was scored (another notebook's draft, read
                # by a view run again meanwhile): the card is not that text's score.
                self._show_stale(True)
                edited = (
                    " The answer above is not the text scored (it changed meanwhile): the "
                    "card is for the text scored. Press Score to score this one."
                )
            self.status.value = status_html(
                f"{escape(done)} Saved to your history.{removed}{edited}"
            )
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
