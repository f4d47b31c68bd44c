"""The mock interview without the database: opened on a file it cannot use or damaged
in part, no interview starts; found so while one runs, it goes on in files in
unscored/, scored at the end by the offline scorer and saved nowhere."""

from __future__ import annotations

from html import escape

from ..errors import CorruptDatabaseError, StoreError
from ..interview import MockSession
from ..store import AttemptsRead
from .drafts import DraftKeeper
from .mock_base import session_answers
from .mock_layout import MockLayout
from .parts import (
    PARTLY,
    UNUSABLE,
    checked,
    judge_damage,
    show_store_problem,
    start_afresh,
    status_html,
)
from .spill import FilesOnly, Spill

__all__ = ["MockOffline"]


class MockOffline(MockLayout):
    """Reading the database as the view opens, and switching to the mode without it."""

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
        verdict = judge_damage(lambda: self._probe()[0], found, certain=certain)
        if verdict is None:
            return False
        self._database_down(verdict.problem, partly=verdict.partly)
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
            self._files = self.drafts.spill or Spill(self.coach, session_answers)
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
        for hidden in (self.resume_button, self.discard_button, self.resume_pick):
            hidden.layout.display = "none"
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
            f"offline. Once the database is fixed, {start_afresh()}.",
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
