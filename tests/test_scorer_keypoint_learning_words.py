"""Learning something fast starts from something new to the candidate and a date to meet.
Candidates tell both in their own words: "I had never used Kubernetes", "I knew nothing
about the regulatory side", "we had a deadline to move ten services". Those meet the key
point; knowing the tool already, or someone else's deadline, does not.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

LEARNING = (
    "When I joined my current company as an SRE, they were moving from virtual machines to "
    "Kubernetes. {line} So I read the official documentation and the existing Helm charts. "
    "After three weeks I shipped my first migration."
)
POINT = "unfamiliar technology and urgency"


@pytest.mark.parametrize(
    "line",
    [
        "I had used Docker, but never Kubernetes in production, and we had a deadline to move "
        "the first ten services before the data center contract ended.",
        "I hadn't really used Kubernetes, and we had a deadline to move ten services.",
        "I knew nothing about Kubernetes, and the migration was urgent.",
        "Kubernetes was new to me, and the first services were due in six weeks.",
    ],
)
def test_something_new_to_me_and_a_date_to_meet_is_unfamiliar_and_urgent(line: str) -> None:
    card = scored("learned-something-fast", LEARNING.format(line=line))
    assert quote_for(card, POINT) == line


@pytest.mark.parametrize(
    "line",
    [
        "I had used Kubernetes for years, and we had a deadline to move ten services.",
        "The Kubernetes docs weren't written for our setup, and we had a deadline to move ten "
        "services.",
    ],
)
def test_a_known_tool_or_unwritten_docs_are_nothing_new_to_me(line: str) -> None:
    card = scored("learned-something-fast", LEARNING.format(line=line))
    assert quote_for(card, POINT) is None


def test_someone_elses_deadline_is_no_criterion_of_urgency() -> None:
    answer = (
        "Last quarter I had the finance pipeline due on the 3rd and a marketing dataset due "
        "the same day. A customer had a deadline for it too. I told my manager on the 28th "
        "and we moved the marketing one."
    )
    card = scored("prioritize-competing-deadlines", answer)
    assert quote_for(card, "criteria such as customer impact and urgency") is None
