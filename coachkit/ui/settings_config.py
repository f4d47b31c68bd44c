"""The config as Settings reads it: a scorer's name that names no profile (a typo Save as
default fixes) does not hide the rest of it."""

from __future__ import annotations

import os
from pathlib import Path

from .. import paths
from ..coach import Coach
from ..config import LOCAL, Config, load_config
from ..errors import ConfigError, UnknownScorerError

__all__ = ["but_the_scorer", "config_of"]


def config_of(coach: Coach) -> Config:
    """The coach's config; with only the scorer's name wrong, the rest of it (a profile's
    test and the budget do not depend on the scorer chosen, which Settings can fix)."""
    try:
        return coach.config
    except UnknownScorerError as exc:
        config = but_the_scorer(exc, paths.config_path(), None)
        if config is None:
            raise
        return config


def but_the_scorer(exc: ConfigError, path: Path, personal: Path | None) -> Config | None:
    """The config, if all that is wrong is the scorer's name (a typo Save as default can
    fix: it writes only ``scorer:``); None when more is wrong, or the name is set by
    COACHKIT_SCORER, which no save changes (the message says so)."""
    if not isinstance(exc, UnknownScorerError) or exc.transcriber:
        return None
    if os.environ.get("COACHKIT_SCORER", "").strip():
        return None
    # Over a shared config its scorer stands in for the user's own, as in every other view.
    for scorer in (None, LOCAL) if personal is not None else (LOCAL,):
        try:
            return load_config(path, personal=personal, scorer=scorer)
        except ConfigError:  # the fallback too, say: fixed by hand, as the message says
            continue
    return None
