"""Figures as people round and write them: a half up (4.25 reads 4.3, 52.5 reads 53),
where Python's round() and format() round a half to even (4.2, 52), and counts and
limits with thousands separators, never in scientific notation. Every mean coachkit
shows goes through here, so one mean reads the same in every view."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["figure", "rounded", "shown"]


def rounded(value: float, places: int = 0) -> float:
    """``value`` to ``places`` decimals, a half rounded up (away from zero)."""
    value = float(value)  # a NumPy float's repr() is "np.float64(4.25)"
    if not math.isfinite(value):
        return value
    # repr() is the shortest decimal that reads back as the float: 4.25, not 4.2499...
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return float(exact) + 0.0  # + 0.0: -0.0 reads "0.0"


def shown(value: float, places: int = 0) -> str:
    """``value`` to ``places`` decimals as text, a half rounded up: "4.3", "53"."""
    return f"{rounded(value, places):.{places}f}"


def figure(value: float) -> str:
    """A count or limit as people write it: "1,000,000", "2.5" (``:g`` wrote "1e+06")."""
    # Six places at most, trailing zeros dropped: a limit of 2.5 an hour reads "2.5".
    return f"{value:,.6f}".rstrip("0").rstrip(".") if math.isfinite(value) else f"{value:g}"
