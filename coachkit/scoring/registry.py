"""Turn a profile name from the config into a Scorer."""

from __future__ import annotations

from ..config import LOCAL, Config
from ..errors import ProviderError
from .base import Scorer
from .local import LocalScorer

__all__ = ["make_scorer"]


def make_scorer(name: str, config: Config) -> Scorer:
    """``local`` or a ``model_list`` entry; unknown names raise UnknownScorerError."""
    if name == LOCAL:
        return LocalScorer()
    entry = config.entry(name)
    raise ProviderError(
        f"Scorer {entry.model_name!r} ({entry.model}) needs LLM support, which this build "
        "lacks; use the local scorer.",
        kind="unsupported",
    )
