"""Scorers: turn (question, answer) into a ScoreCard. The offline one is the default.

The offline scorer is loaded on first use: its word lists and patterns are a third
of what importing coachkit would otherwise cost, and opening a notebook scores nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Scorer

if TYPE_CHECKING:
    from .local import LocalScorer

__all__ = ["LocalScorer", "Scorer"]


# Only at run time: a type checker reads LocalScorer from the import above, and
# still reports a misspelt name.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        if name == "LocalScorer":
            from .local import LocalScorer

            return LocalScorer
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), "LocalScorer"})  # offered by Tab completion too
