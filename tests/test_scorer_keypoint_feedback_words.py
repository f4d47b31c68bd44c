"""Feedback given to a peer ends with going back and seeing it work, which candidates tell
as the next time: "Next incident, he did it, and I made a point of telling him it really
helped". Those lines meet the key point; a check-in alone, or the same slip again, does not.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

FEEDBACK = (
    "Last year a fellow engineer kept running commands during incidents without posting "
    "them. After the second time I asked him for a quick chat and said what happened and what "
    "it cost us. Then I asked how he saw it. We agreed he'd post a one-liner before any "
    "action. {line}"
)
POINT = "follow-up and noticing improvement"


@pytest.mark.parametrize(
    "line",
    [
        "Next incident, he did it, and I made a point of telling him it really helped.",
        "I checked in with him a week later, and the next incident he posted first.",
        "The next reviews were much more focused, and I told him it helped.",
    ],
)
def test_going_back_and_seeing_it_work_is_follow_up_and_improvement(line: str) -> None:
    card = scored("how-you-give-feedback", FEEDBACK.format(line=line))
    assert quote_for(card, POINT) == line


@pytest.mark.parametrize(
    "line",
    [
        "I checked in with him a week later.",
        "Next time he did it again, without posting.",
        "I made a point of telling the team about the new rule.",
    ],
)
def test_a_check_in_alone_or_the_same_slip_is_no_improvement_noticed(line: str) -> None:
    card = scored("how-you-give-feedback", FEEDBACK.format(line=line))
    assert quote_for(card, POINT) is None
