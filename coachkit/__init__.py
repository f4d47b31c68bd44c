"""coachkit: practise interview answers, scored on STAR, in Jupyter.

    >>> from coachkit import Coach
    >>> attempt = Coach().submit("time-you-failed", "In 2023 I ...")
    >>> attempt.card.overall

Importing coachkit is cheap: pandas, matplotlib, ipywidgets and litellm are
loaded only by the modules that need them, and the offline scorer at the first score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .bank import QuestionBank
from .coach import Coach
from .config import Config, load_config
from .errors import (
    BadInputError,
    BudgetExceededError,
    CoachkitError,
    ConfigError,
    CorruptDatabaseError,
    EmptyAnswerError,
    NewerDatabaseError,
    NotSavedError,
    ProviderError,
    QuestionFileError,
    ScoringError,
    StoreError,
    UnknownQuestionError,
    UnknownScorerError,
)
from .models import DIMENSIONS, Attempt, DimensionScore, Question, ScoreCard
from .rubric import RUBRIC_VERSION
from .scoring import Scorer
from .store import Store

if TYPE_CHECKING:
    from .scoring.local import LocalScorer

__version__ = "0.1.0"

__all__ = [
    "DIMENSIONS",
    "RUBRIC_VERSION",
    "Attempt",
    "BadInputError",
    "BudgetExceededError",
    "Coach",
    "CoachkitError",
    "Config",
    "ConfigError",
    "CorruptDatabaseError",
    "DimensionScore",
    "EmptyAnswerError",
    "LocalScorer",
    "NewerDatabaseError",
    "NotSavedError",
    "ProviderError",
    "Question",
    "QuestionBank",
    "QuestionFileError",
    "ScoreCard",
    "Scorer",
    "ScoringError",
    "Store",
    "StoreError",
    "UnknownQuestionError",
    "UnknownScorerError",
    "__version__",
    "load_config",
]


# Only at run time: a type checker reads LocalScorer from the import above, and
# still reports a misspelt name.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        """``LocalScorer``, loaded when first asked for (see ``coachkit.scoring``)."""
        if name == "LocalScorer":
            from .scoring.local import LocalScorer

            return LocalScorer
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), "LocalScorer"})  # offered by Tab completion too
