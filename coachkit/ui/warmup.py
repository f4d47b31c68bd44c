"""Importing litellm while the answer is written, so the first LLM score does not wait."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress

from ..coach import Coach
from ..config import LOCAL, resolve_params

__all__ = ["warm_for"]

_started = threading.Event()  # once per process: the import is shared by every view


def warm_for(coach: Coach, scorer: str) -> bool:
    """Start importing litellm on a daemon thread once an LLM profile that can be called
    is the scorer chosen; return whether this call started it.

    The import takes seconds (about 4 on a small machine) and is paid once per process:
    paid while the user reads the question and writes, the first LLM score no longer
    waits for it. The offline scorer imports nothing, and neither does a profile whose
    key is unset: its score falls back at once.
    """
    if scorer == LOCAL or _started.is_set():
        return False
    try:
        entry = coach.config.entry(scorer)
    except Exception:  # a broken config or a name gone: the score says what is wrong
        return False
    if resolve_params(entry.litellm_params).missing:
        return False
    _started.set()
    _start(lambda: _load(entry.model))
    return True


def _start(work: Callable[[], None]) -> None:
    threading.Thread(target=work, name="coachkit-litellm-import", daemon=True).start()


def _load(model: str) -> None:
    # A failure here is no concern until a score needs litellm: that score reports it,
    # with what to do.
    with suppress(Exception):
        from ..llm.runtime import load_litellm

        litellm = load_litellm()
        # The score counts its tokens first (is the answer too long for the model?):
        # the model's tokenizer loads on first use, most of a second more.
        litellm.token_counter(model=model, messages=[{"role": "user", "content": "warm"}])
