"""Turn a profile name from the config into a Scorer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import LOCAL, Config
from .base import Scorer
from .local import LocalScorer

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["make_scorer"]


def make_scorer(
    name: str, config: Config, *, store: Store | None = None, fallback: bool = True
) -> Scorer:
    """``local`` or a ``model_list`` entry; unknown names (and the transcriber) raise
    UnknownScorerError.

    An LLM profile keeps its cache, budget and usage log in ``store`` (default:
    the one under ``COACHKIT_HOME``, opened on first use). With ``fallback`` and a
    configured ``fallback`` profile, a failed LLM score is redone by that profile
    and the card says so. Building a scorer imports no litellm: the first call does.
    """
    if name == LOCAL:
        return LocalScorer()
    # check_name, not entry alone: the transcriber is a profile but cannot score.
    entry = config.entry(config.check_name(name))
    from ..llm.fallback import FallbackScorer  # the LLM package only when a profile asks
    from ..llm.scorer import LLMScorer

    scorer = LLMScorer(entry, config, store=store)
    backup = config.fallback
    if fallback and backup and backup != name:
        return FallbackScorer(scorer, make_scorer(backup, config, store=store, fallback=False))
    return scorer if fallback else scorer.alone()  # alone: no message promises a fallback
