"""A career direction told as the path itself meets "direction such as technical depth or
management": going deeper, the staff track, managing a team. A past step told in the same
words ("I managed the migration", "I dug deeper into the logs") is no direction.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

FIVE_YEARS = (
    "{line} I want to get better at designing systems that other teams build on. This "
    "role's platform work would give me that, and I'd like to grow here for several years."
)
POINT = "direction such as technical depth or management"


@pytest.mark.parametrize(
    "line",
    [
        "Deeper, not broader.",
        "Technical track, not management.",
        "In five years I hope to be an expert in machine learning infrastructure.",
        "In five years I'd like to be managing a small team.",
        "I'd like to become an engineering manager.",
    ],
)
def test_a_direction_is_told_as_the_path_itself(line: str) -> None:
    card = scored("where-in-five-years", FIVE_YEARS.format(line=line))
    assert quote_for(card, POINT) == line


@pytest.mark.parametrize(
    "line",
    [
        "Last year I managed the migration to Postgres.",
        "Last year I dug deeper into the logs to find a leak.",
        "A lot of what I know came from a staff engineer who mentored me.",
        "I spent two years managing a small team at my last company.",
    ],
)
def test_a_past_step_in_the_same_words_is_no_direction(line: str) -> None:
    card = scored("where-in-five-years", FIVE_YEARS.format(line=line))
    assert quote_for(card, POINT) is None


def test_a_key_point_word_is_shown_one_way_only() -> None:
    """A second phrase for a word would silently replace the first: it is refused."""
    import re

    from coachkit.scoring import keypoints

    with pytest.raises(ValueError, match="already shown another way: manage"):
        keypoints._show("manage", re.compile("managing"))
