"""What the parts of the mock interview view share: its constants, its state, and what
one part asks of another (see MockInterviewView for the parts)."""

from __future__ import annotations

import random
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from ..coach import Coach
from ..errors import CoachkitError, CorruptDatabaseError, StoreError
from ..interview import LEGACY_SESSION_KEY, MockReport, MockSession
from ..models import Attempt, Question
from .drafts import DraftAlert, DraftKeeper
from .parts import ErrorPanel, View
from .runtime import Countdown, LateWords, Runner, Scheduler, ThreadRunner, ThreadScheduler
from .spill import Spill

__all__ = [
    "FINISH",
    "NEXT",
    "SCORING_HERE",
    "MockBase",
    "plural",
    "session_answers",
]

NEXT, FINISH = "Next question", "Finish"

# The interviews views of this kernel are scoring, by id (see MockResume._find_resumable).
SCORING_HERE: set[str] = set()


def plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(count=count)


def session_answers(key: str, text: str) -> dict[str, str]:
    """The answers a kept interview holds, by question ({} for any other draft)."""
    if not key.startswith(LEGACY_SESSION_KEY) or not text.strip():
        return {}
    try:
        session = MockSession.from_json(text)
        return {qid: answer for qid, answer in session.answers.items() if answer.strip()}
    except (ValueError, TypeError, AttributeError):
        return {}


class MockBase(View):
    """The mock interview view's collaborators and state, which every part reads and
    writes, and what one part asks of another (declared for the type checker; each is
    defined in the part named). MockInterviewView puts the parts together."""

    drafts: DraftKeeper  # the interview, saved as a draft (see MockInterviewView)
    countdown: Countdown

    def __init__(
        self,
        coach: Coach | None,
        runner: Runner | None,
        scheduler: Scheduler | None,
        rng: random.Random | None,
        reports_dir: Path | None,
        draft_delay: float,
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
        # Said with the report: the scorer chosen given up on, and the answers scored
        # without it (see MockScoring._score_all).
        self._gave_up_note = ""
        self._failure: CoachkitError | None = None  # why the last answer was not scored
        self._put_away_note = ""  # what became of the interviews put away (see MockResume)
        self._open_elsewhere = 0  # unfinished interviews another running notebook has open
        self._scoring_here = 0  # interviews an older view of this kernel is scoring
        self._draft_alert = DraftAlert(self.errors, plural=True)
        self.report: MockReport | None = None
        self.saved: Path | None = None
        self.busy = False
        self._answer_saved = False  # the answer on screen is in an attempt: it stays
        self._asked: Question | None = None  # the question on screen, for its word target
        self._shown_at = 0.0
        # The words Next or Finish overtook on a slow kernel: kept with their question,
        # and awaited by Finish (its grace is set by MockInterviewView).
        self._late = LateWords(self.scheduler)
        self._syncing = False
        self._retired = False  # a newer view of this kind took over
        self._db_problem: StoreError | None = None  # why the database cannot be used, if so
        # Once it is not used (found damaged while an interview runs, say): the files the
        # answers go to, and the questions scored but saved nowhere.
        self._files: Spill | None = None
        self._unsaved: set[str] = set()
        self._down_lock = threading.Lock()  # damage may be found on two threads at once
        self._draft_delay = draft_delay

    if TYPE_CHECKING:
        # mock (MockInterviewView)
        def _wire(self) -> None: ...
        # mock_offline
        def _damage_found(self, found: CorruptDatabaseError, *, certain: bool = False) -> bool: ...
        # mock_resume
        def _say_offer(self, _change: object = None) -> None: ...
        def _find_resumable(self) -> list[tuple[str, MockSession]]: ...
        def _offer_resumable(self, found: list[tuple[str, MockSession]] | None = None) -> None: ...
        def _keep(self, session: MockSession, unscored: int) -> None: ...
        def _tidy(self, found: list[tuple[str, MockSession]]) -> list[tuple[str, MockSession]]: ...
        # mock_asking
        def _show(self, part: w.Widget) -> None: ...
        def _ask(self) -> None: ...
        def _lock(self, locked: bool) -> None: ...
        def _require(self) -> MockSession: ...
        def _persist(self) -> bool: ...
        def _in_attempts(self, session: MockSession) -> list[str]: ...
        def _in_store(self, attempt_id: str) -> bool: ...
        def _deleted(self, session: MockSession) -> list[str]: ...
        def _saved_attempt(self, attempt_id: str) -> Attempt | None: ...
        def _draft_failed(self, exc: Exception) -> None: ...
        def _draft_saved(self, key: str) -> None: ...
        # mock_scoring
        def _finish(self) -> None: ...
