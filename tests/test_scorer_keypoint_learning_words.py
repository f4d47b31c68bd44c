"""Learning something fast starts from something new to the candidate and a date to meet.
Candidates tell both in their own words: "I had never used Kubernetes", "I knew nothing
about the regulatory side", "we had a deadline to move ten services". Those meet the key
point; knowing the tool already, or someone else's deadline, does not. Practice on the side
is a place to try and break things ("a small cluster on my laptop"), and knowledge shared is
a guide or talk made for others; a doc read or a small fix is neither.
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


@pytest.mark.parametrize(
    "line",
    [
        "I built a small cluster on my laptop and broke it many times on purpose.",
        "I built a small toy app in a sandbox to try the deployment.",
    ],
)
def test_a_place_to_try_and_break_things_is_side_practice(line: str) -> None:
    card = scored("learned-something-fast", LEARNING.format(line=line))
    assert quote_for(card, "small prototype or side project practice") == line


@pytest.mark.parametrize(
    "line",
    [
        "Later I wrote an internal guide for the team, and new people use it in onboarding.",
        "Afterwards I ran a lunch-and-learn for the other squads.",
    ],
)
def test_a_guide_or_talk_made_for_others_is_knowledge_shared(line: str) -> None:
    answer = LEARNING.format(line="") + " " + line
    card = scored("learned-something-fast", answer)
    assert quote_for(card, "knowledge shared with the team afterwards") == line


def test_a_doc_read_or_a_small_fix_is_neither_practice_nor_sharing() -> None:
    line = "I read the team's guide and made a small fix to the deployment."
    card = scored("learned-something-fast", LEARNING.format(line=line))
    assert quote_for(card, "small prototype or side project practice") is None
    assert quote_for(card, "knowledge shared with the team afterwards") is None
