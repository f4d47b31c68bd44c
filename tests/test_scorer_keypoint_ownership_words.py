"""Bad news told upward owns the miss, in words of whose it was: "I was clear that the miss
was ours", "that was a planning call I'd made", "the delay was on me". Those lines meet
"ownership without blaming the team"; a task that fell to the candidate, or a decision
told by what it was, do not.
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
