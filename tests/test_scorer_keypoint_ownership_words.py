"""Bad news told upward, in the candidate's words: owning the miss as whose it was ("I was
clear that the miss was ours", "that was a planning call I'd made", "the delay was on me"),
and raising it promptly ("I asked my VP for time the next morning"). A task that fell to
the candidate, a decision told by what it was, or news held for a later meeting, do not
meet those points.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

BAD_NEWS = (
    "I was the PM for a new member portal. In August our security review found a problem, "
    "so we could not launch on time. I asked my VP for time the next morning. {line} The VP "
    "agreed with option two."
)
POINT = "ownership without blaming the team"


@pytest.mark.parametrize(
    "line",
    [
        "I was clear that the miss was ours as a product team.",
        "That was a planning call I'd made, so I didn't want engineering carrying it.",
        "I said the delay was on me.",
    ],
)
def test_saying_whose_the_miss_was_is_ownership(line: str) -> None:
    card = scored("delivering-bad-news-upward", BAD_NEWS.format(line=line))
    assert quote_for(card, POINT) == line


@pytest.mark.parametrize(
    "line",
    [
        "It was on me to tell the client.",
        "The decision I made was to launch with fewer features.",
        "The delay was caused by the vendor.",
    ],
)
def test_a_task_or_a_decision_told_is_no_ownership(line: str) -> None:
    card = scored("delivering-bad-news-upward", BAD_NEWS.format(line=line))
    assert quote_for(card, POINT) is None


SHORT_NEWS = (
    "I was the PM for a new member portal. In August our security review found a problem, "
    "so we could not launch on time. {line} I said the delay was on me. The VP agreed with "
    "my plan and we told the client together."
)


def test_news_taken_up_the_next_morning_is_escalated_promptly() -> None:
    """A short story in none of the prompt's words ("bad news", "senior leadership") is on
    its question when it shows a point: it was flagged as missing it, with no point shown."""
    line = "I asked my VP for time the next morning."
    card = scored("delivering-bad-news-upward", SHORT_NEWS.format(line=line))
    assert quote_for(card, "escalated promptly without delay") == line
    assert "misses_question" not in card.flags


def test_news_held_until_a_later_meeting_is_not_escalated_promptly() -> None:
    line = "I waited for our monthly review to tell my VP."
    card = scored("delivering-bad-news-upward", SHORT_NEWS.format(line=line))
    assert quote_for(card, "escalated promptly without delay") is None
