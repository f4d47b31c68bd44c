"""The facade notebooks and the CLI talk to: pick, score, save, look back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .bank import QuestionBank
from .config import LOCAL, Config, load_config
from .errors import CoachkitError, EmptyAnswerError, ScoringError
from .models import Attempt, Question
from .scoring.base import Scorer
from .scoring.local import LocalScorer
from .scoring.registry import make_scorer
from .store import Store

if TYPE_CHECKING:  # pandas is only needed when progress is asked for
    import pandas as pd

__all__ = ["Coach"]

ScorerFactory = Callable[[str, Config], Scorer]


class Coach:
    """Questions, scorers and the store, wired together.

    Every collaborator can be passed in (tests hand in fakes); anything not
    given is built lazily from ``COACHKIT_HOME`` on first use, so creating a
    Coach is instant and touches no files.
    """

    def __init__(
        self,
        *,
        bank: QuestionBank | None = None,
        store: Store | None = None,
        config: Config | None = None,
        scorer_factory: ScorerFactory | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._bank = bank
        self._store = store
        self._config = config
        self._scorer_factory = scorer_factory
        self._scorers: dict[str, Scorer] = {}
        self._clock = clock

    # -- collaborators, built on first use --------------------------------
    @property
    def bank(self) -> QuestionBank:
        if self._bank is None:
            self._bank = QuestionBank.load()
        return self._bank

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config()
        return self._config

    def scorer(self, name: str | None = None) -> Scorer:
        """The scorer for a profile name (default: the config's ``scorer``)."""
        name = name or self.config.scorer
        if name not in self._scorers:
            if self._scorer_factory is not None:
                self._scorers[name] = self._scorer_factory(name, self.config)
            elif name == LOCAL:  # needs no config: works even when the config file is broken
                self._scorers[name] = LocalScorer()
            else:  # LLM profiles keep cache, budget and usage in this coach's store
                self._scorers[name] = make_scorer(name, self.config, store=self.store)
        return self._scorers[name]

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- the practice loop --------------------------------------------------
    def question(self, question_id: str) -> Question:
        return self.bank.get(question_id)

    def submit(
        self,
        question_id: str,
        answer: str,
        *,
        scorer: str | None = None,
        key: str | None = None,
        save: bool = True,
    ) -> Attempt:
        """Score an answer and (by default) save it as an attempt.

        ``key`` is the submission's idempotency key: submitting the same key again
        returns the saved attempt instead of scoring twice. Bad input raises a
        BadInputError before anything is scored or written.
        """
        if not answer or not answer.strip():
            raise EmptyAnswerError()
        question = self.bank.get(question_id)
        if key and save:
            existing = self.store.get_attempt(key)
            if existing is not None:
                return existing
        chosen = self.scorer(scorer)
        try:
            card = chosen.score(question, answer)
        except CoachkitError:
            raise
        except Exception as exc:  # a scorer bug must not cost the user their answer
            raise ScoringError(
                f"The {chosen.name!r} scorer failed ({exc.__class__.__name__}: {exc}). "
                "Your answer is kept: try again, or switch to the local scorer."
            ) from exc
        attempt = Attempt(
            question_id=question.id,
            category=question.category,
            answer=answer,
            card=card,
            created_at=self._clock(),
            **({"id": key} if key else {}),
        )
        if save:
            self.store.add_attempt(attempt)
        return attempt

    def history(self, question_id: str | None = None) -> list[Attempt]:
        """Saved attempts, oldest first."""
        return self.store.attempts(question_id)

    def progress(self) -> pd.DataFrame:
        """One row per attempt, a column per dimension (see coachkit.progress)."""
        from .progress import attempts_frame

        return attempts_frame(self.history(), self.bank)

    # -- drafts -------------------------------------------------------------
    def save_draft(self, key: str, text: str) -> None:
        self.store.save_draft(key, text)

    def load_draft(self, key: str) -> str | None:
        return self.store.load_draft(key)
