"""The substring gate before each compound's pattern skips only texts it cannot match."""

from __future__ import annotations

import pytest

from coachkit.scoring.text import _COMPOUNDS, _NEEDLES, join_compounds

# Each alternative of every compound, in its cases.
SAID = [
    "We held One-on-Ones weekly.",
    "Our 1:1s moved to Fridays, and a 1-on-1 too.",
    "A One-To-One with my lead.",
    "She joined a Start-Up.",
    "I Followed Up the next day; the follow-ups helped.",
    "We Rolled It Out in stages, then rolled-out the rest.",
    "I was On-Call that week, and Someone On Call paged me.",
    "The Hardest Call was the rollback; we Made The Call to ship.",
    "Customer Support Tickets fell by half.",
    "The job Fell Over at night, and the plan Backfired.",
    "It was due By March 1st: the Must-Haves first, the Nice To Haves later.",
    "I read the Release Notes Last Quarter.",
    "I Handed It Over with a Hand-Off note across Time Zones, then Wrote It Up.",
    "It Turned Out the cache was cold.",
    "Honestly, Public Speaking; I Can Be Impatient and I Tend To Overcommit.",
    "We agreed it In Writing, and I Wrote It Down.",
    "We got Buy-In after the Post-Mortem, and some Push-Back on the Two-Page doc.",
]


def _ungated(text: str) -> str:
    for pattern, word in _COMPOUNDS:
        text = pattern.sub(word, text)
    return text


def test_every_compound_has_its_needles() -> None:
    assert len(_NEEDLES) == len(_COMPOUNDS)


@pytest.mark.parametrize("text", SAID)
def test_the_gate_changes_nothing_a_pattern_would_join(text: str) -> None:
    assert join_compounds(text) == _ungated(text) != text
