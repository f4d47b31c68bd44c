"""LLM scoring through litellm: profiles from the config, validated replies, cache, budget.

Nothing here imports litellm at import time; the first call does (see runtime).
"""

from __future__ import annotations

from .batch import Outcome, score_batch
from .budget import BudgetGate, BudgetStatus
from .cache import ScoreCache, cache_key
from .check import CheckResult, check_profile
from .client import LLMClient, Result
from .drift import Drift, DriftReport, rescore
from .fallback import FallbackScorer, FreshScorer, score_fresh
from .prompt import PROMPT_VERSION, build_prompt
from .reply import Grade, InvalidReply, parse_reply
from .scorer import LLMScorer
from .stability import Stability, score_repeated
from .usage import Call, UsageLog, UsageRow, usage_table

__all__ = [
    "PROMPT_VERSION",
    "BudgetGate",
    "BudgetStatus",
    "Call",
    "CheckResult",
    "Drift",
    "DriftReport",
    "FallbackScorer",
    "FreshScorer",
    "Grade",
    "InvalidReply",
    "LLMClient",
    "LLMScorer",
    "Outcome",
    "Result",
    "ScoreCache",
    "Stability",
    "UsageLog",
    "UsageRow",
    "build_prompt",
    "cache_key",
    "check_profile",
    "parse_reply",
    "rescore",
    "score_batch",
    "score_fresh",
    "score_repeated",
    "usage_table",
]
