"""The practice view without the database: opened on a file it cannot use, or damaged
in part, or found so later, it writes nothing to it again; what is typed goes to
files in unscored/, and what can still be read is shown."""

from __future__ import annotations

from html import escape

from ..config import LOCAL
from ..errors import CorruptDatabaseError, StoreError
from ..models import Attempt
from ..store import AttemptsRead
from ..unscored import AnswerFiles
from .drafts import DraftKeeper
from .parts import (
    PARTLY,
    checked,
    judge_damage,
    show_store_problem,
    show_store_warning,
    start_afresh,
)
from .practice_base import LAST_QUESTION_KEY, RESTORED
from .practice_layout import PracticeLayout
from .results import history_html

__all__ = ["PracticeOffline"]


class PracticeOffline(PracticeLayout):
    """Reading the database as the view opens, and switching to the mode without it."""

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
        verdict = judge_damage(lambda: self._probe()[0], found, certain=certain)
        if verdict is None:
            return False
        self._database_down(verdict.problem, verdict.read.attempts if verdict.read else None)
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
                "file holds the answer it scored. Once the database is put right, "
                f"{start_afresh()}.",
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
                f"{start_afresh()}.",
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
        self.draft_status.value = RESTORED if restored else ""
        self.history.value = self._offline_history()

    def _offline_history(self) -> str:
        """The attempts at the question on screen, as far as they can be read."""
        if self._readable is not None:
            return history_html(self.state.history)
        return (
            '<p class="ck-muted">Your attempts at this question cannot be read while the '
            "database has the problem said at the top.</p>"
        )
