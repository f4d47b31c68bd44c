"""Feedback given to a peer: asking how they saw it is asking for their perspective, and it
ends with going back and seeing it work, which candidates tell as the next time: "Next
incident, he did it, and I made a point of telling him it really helped". A check-in
alone, the same slip again, or the peer asking instead, meets neither point.
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


PERSPECTIVE = "asking for the peer's perspective"
GIVEN = (
    "Last year a fellow designer kept presenting work in critique without the research "
    "context. After one session I asked her for a quick chat and said what happened in the "
    "last two critiques. {line} We agreed she'd open with one key user quote."
)


@pytest.mark.parametrize(
    "line",
    [
        "Then I asked how she saw it.",
        "I asked her what she made of it.",
        "I asked for her side of it.",
    ],
)
def test_asking_how_they_saw_it_is_asking_for_their_perspective(line: str) -> None:
    card = scored("how-you-give-feedback", GIVEN.format(line=line))
    assert quote_for(card, PERSPECTIVE) == line


@pytest.mark.parametrize(
    "line",
    [
        "She asked how I saw it.",  # the peer asking, not the candidate
        "I asked how the outage happened.",
        "I asked what he had changed since.",
    ],
)
def test_asking_about_something_else_is_no_perspective_asked_for(line: str) -> None:
    card = scored("how-you-give-feedback", GIVEN.format(line=line))
    assert quote_for(card, PERSPECTIVE) is None
