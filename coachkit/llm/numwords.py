"""Number words now live in coachkit.numwords, shared with the offline scorer; this name
keeps working for code that imports it from here."""

from ..numwords import (
    Figure,
    quantities,
    quantity_spans,
    scaled_spans,
    spelled_numbers,
    spelled_spans,
)

__all__ = [
    "Figure",
    "quantities",
    "quantity_spans",
    "scaled_spans",
    "spelled_numbers",
    "spelled_spans",
]
