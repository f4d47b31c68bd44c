"""What the parts of the practice view share: its constants, its state, and what one
part asks of another (see PracticeView for the parts)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .. import paths
from ..bank import QuestionBank
from ..coach import Coach
from ..errors import CorruptDatabaseError, StoreError
from ..models import Attempt, Question
from ..schedule import Schedule, Suggestion
from ..store import KeptDraft
from ..unscored import AnswerFiles, KeptAnswer
from .drafts import DraftAlert, DraftKeeper
from .parts import ErrorPanel, View
from .runtime import Countdown, LateWords, Runner, Scheduler, ThreadRunner, ThreadScheduler
from .state import PracticeState, ScoreInFlight

if TYPE_CHECKING:
    from .practice_offer import Orphan  # a part of the view: imported by it, not here

__all__ = [
    "LAST_QUESTION_KEY",
    "RESTORED",
    "SCORE",
    "SCORING",
    "TIMER_CHOICES",
    "TIMER_DEFAULTS",
    "WAIT_FILTERS",
    "WAIT_QUESTION",
    "PracticeBase",
]

# Seconds on the countdown by category: a spoken story takes about two minutes.
TIMER_DEFAULTS = {"behavioral": 120, "cultural-fit": 120, "technical": 180, "system-design": 300}
TIMER_CHOICES = [("1 min", 60), ("2 min", 120), ("3 min", 180), ("5 min", 300), ("10 min", 600)]
LAST_QUESTION_KEY = "ui:practice:question"
SCORE = "Score"
RESTORED = "Draft restored."  # beside the box, until the draft is scored
SCORING = "Scoring…"
WAIT_FILTERS = "Wait for the score or the transcript: change the filters then."
WAIT_QUESTION = "Wait for the score or the transcript: pick another question then."


class PracticeBase(View):
    """The practice view's collaborators and state, which every part reads and writes,
    and what one part asks of another (declared for the type checker; each is defined
    in the part named). PracticeView puts the parts together."""

    drafts: DraftKeeper  # what is typed, saved as drafts (see PracticeView)
    countdown: Countdown

    def __init__(
        self,
        coach: Coach | None,
        runner: Runner | None,
        scheduler: Scheduler | None,
        draft_delay: float,
    ) -> None:
        self.coach = coach or Coach()
        self.runner = runner or ThreadRunner()
        self.scheduler = scheduler or ThreadScheduler()
        self.state = PracticeState()
        self.errors = ErrorPanel()
        # The words a click overtook on a slow kernel: awaited by Score, kept with their
        # question when another one is on screen by the time they come in.
        self._late = LateWords(self.scheduler)
        self._syncing = False
        # The config's scorer when the Scorer menu was filled, if the menu still shows it
        # (not picked by the user): a change of the config's then reaches this view too.
        self._followed: str | None = None
        self._retired = False  # a newer view of this kind took over
        self._database = ""  # the database's name for this kernel's views (single.database_key)
        # The score this view shows on its way, started here or in the view it replaced.
        self._flight: ScoreInFlight | None = None
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
        self._hinted: str | None = None  # the question the Next up hint names
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
        # The question files as the bank was read from them (see bank_stamp), and the bank
        # read again once they changed: Score and Next up check their question is still in it.
        self._bank_stamp: tuple[object, ...] = ()
        self._disk_bank: QuestionBank | None = None
        # Answers typed for questions the bank no longer has, shown to copy from.
        self._orphans: list[Orphan] = []
        # Files for such questions that cannot be shown (said where they are), and those
        # dismissed here: never deleted (they could not be read), so only hidden.
        self._unread_orphans: list[KeptAnswer] = []
        self._dismissed_unread: set[Path] = set()

    if TYPE_CHECKING:
        # practice (PracticeView)
        def _wire(self) -> None: ...
        def _scorer_changed(self) -> bool: ...
        # practice_offline
        def _damage_found(self, found: CorruptDatabaseError, *, certain: bool = False) -> bool: ...
        def _restore_offline(self, question_id: str, files: AnswerFiles) -> None: ...
        # practice_questions
        def _catch_up(self, *, shown: bool = True) -> None: ...
        def _update_next_hint(self) -> None: ...
        def _gone_from_bank(self, question_id: str, doing: str) -> str | None: ...
        def _bank_now(self) -> QuestionBank: ...
        # practice_drafts
        def _draft_failed(self, exc: Exception) -> None: ...
        def _draft_saved(self, key: str) -> None: ...
        def _refresh_kept(self) -> None: ...
        def _spilled(self) -> Path | None: ...
        # practice_offer
        def _refresh_waiting(self) -> None: ...
        def _label_restore(self) -> None: ...
        def _refresh_orphans(self) -> None: ...
        def _forget_restored(self, question_id: str) -> str: ...
        # practice_card
        def _follow(self, flight: ScoreInFlight, said: str) -> None: ...
        def _lock(self, locked: bool, *, scoring: bool = False) -> None: ...
        def _fresh_card(self) -> None: ...
        def _show_scored(self, attempt: Attempt, question: Question, text: str) -> None: ...
        def _show_stale(self, stale: bool) -> None: ...
        @property
        def _edited(self) -> bool: ...
