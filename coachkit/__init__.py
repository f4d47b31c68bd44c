"""coachkit: practise interview answers, scored on STAR, in Jupyter.

    >>> from coachkit import Coach
    >>> attempt = Coach().submit("time-you-failed", "In 2023 I ...")
    >>> attempt.card.overall

Importing coachkit is cheap: pandas, matplotlib, ipywidgets and litellm are
loaded only by the modules that need them.
"""

from __future__ import annotations

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
from .scoring import LocalScorer, Scorer
from .store import Store

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
