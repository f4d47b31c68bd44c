"""Scorers: turn (question, answer) into a ScoreCard. The offline one is the default."""

from __future__ import annotations

from .base import Scorer
from .local import LocalScorer

__all__ = ["LocalScorer", "Scorer"]
