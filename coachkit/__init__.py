"""coachkit: practise interview answers, scored on STAR, in Jupyter.

    >>> from coachkit import Coach
    >>> attempt = Coach().submit("time-you-failed", "In 2023 I ...")
    >>> attempt.card.overall

Importing coachkit is cheap: pandas, matplotlib, ipywidgets and litellm are
loaded only by the modules that need them, and the offline scorer at the first score.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from .scoring.local import LocalScorer
    from .store import Store

# Each name and the module it comes from, imported when first asked for: the
# `coachkit` command imports this package before its own code runs, and a Ctrl-C in
# these imports (pydantic, YAML, the bank: most of its startup) would print a traceback
# where the command's handler says "interrupted".
_LAZY = {
    "BadInputError": "errors",
    "BudgetExceededError": "errors",
    "CoachkitError": "errors",
    "ConfigError": "errors",
    "CorruptDatabaseError": "errors",
    "EmptyAnswerError": "errors",
    "NewerDatabaseError": "errors",
    "NotSavedError": "errors",
    "ProviderError": "errors",
    "QuestionFileError": "errors",
    "ScoringError": "errors",
    "StoreError": "errors",
    "UnknownQuestionError": "errors",
    "UnknownScorerError": "errors",
    "QuestionBank": "bank",
    "Coach": "coach",
    "Config": "config",
    "load_config": "config",
    "DIMENSIONS": "models",
    "Attempt": "models",
    "DimensionScore": "models",
    "Question": "models",
    "ScoreCard": "models",
    "RUBRIC_VERSION": "rubric",
    "Scorer": "scoring",
    "LocalScorer": "scoring.local",  # a third of the offline scorer's cost: see coachkit.scoring
    "Store": "store",
}

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


# Only at run time: a type checker reads each name from the imports above, and
# still reports a misspelt name.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        """A name of ``_LAZY``, loaded when first asked for."""
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value  # asked for once
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *_LAZY})  # offered by Tab completion too
