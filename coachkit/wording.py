"""Lists as a sentence says them, shared by every message and report that names several,
and names clipped to a table's column."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["and_list", "clipped"]


def and_list(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def clipped(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, its last an ellipsis when it was cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "\u2026"
