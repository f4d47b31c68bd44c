"""Rebuild an answer line by line in STAR order, using only the candidate's own facts."""

from __future__ import annotations

import re

from ..models import DIMENSIONS, Dimension, RebuiltLine
from . import lexicon as lx
from .analysis import Analysis

__all__ = ["PLACEHOLDERS", "rebuild"]

PLACEHOLDERS: dict[Dimension, str] = {
    "situation": "[situation?: when and where was this, who was involved, what was at stake?]",
    "task": "[task?: what were you responsible for, and under what constraint?]",
    "action": "[action?: what did you do yourself, step by step, and why?]",
    "result": "[result?: what changed, and by how much?]",
}
TECH_PLACEHOLDERS: dict[Dimension, str] = {
    "situation": "[scope?: who are the users, what scale, what is in or out?]",
    "task": "[requirements?: what must it do, and how fast, available, consistent?]",
    "action": "[design?: which approach, and why that one?]",
    "result": "[trade-offs?: what does it cost, and what happens when a part fails?]",
}
METRIC = "[metric?: how much, before vs after?]"
OWN_PART = "[your part?: what did you do yourself here?]"

_LEADING_LABEL = re.compile(
    r"^\s*(?:situation|task|action|result|context|outcome)\s*[:\-–—]\s*", re.IGNORECASE
)


def _tidy(text: str) -> str:
    """Drop STAR labels and filler words; keep every fact the candidate wrote."""
    tidy = _LEADING_LABEL.sub("", text)
    tidy = lx.FILLER.sub("", tidy)
    tidy = re.sub(r"\s{2,}", " ", tidy).strip(" ,")
    return tidy[:1].upper() + tidy[1:] if tidy else tidy


def rebuild(analysis: Analysis, technical: bool) -> list[RebuiltLine]:
    """The answer in STAR order; gaps become explicit ``[placeholder?]`` lines."""
    placeholders = TECH_PLACEHOLDERS if technical else PLACEHOLDERS
    lines: list[RebuiltLine] = []
    uses_i = analysis.uses_i
    for dimension in DIMENSIONS:
        chosen = analysis.by_role(dimension)
        for info in chosen:
            tidy = _tidy(info.text)
            if not tidy:
                continue
            source = "kept" if tidy == info.text else "edited"
            lines.append(RebuiltLine(text=tidy, dimension=dimension, source=source))
            if (
                dimension == "action"
                and not technical
                and info.we
                and not info.first_person
                and not uses_i
            ):
                lines.append(RebuiltLine(text=OWN_PART, dimension="action", source="placeholder"))
        if not chosen:
            lines.append(
                RebuiltLine(text=placeholders[dimension], dimension=dimension, source="placeholder")
            )
        elif dimension == "result" and not technical and not any(i.numbers for i in chosen):
            lines.append(RebuiltLine(text=METRIC, dimension="result", source="placeholder"))
    return lines
