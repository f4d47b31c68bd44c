"""Lists as a sentence says them, shared by every message and report that names several."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["and_list"]


def and_list(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
