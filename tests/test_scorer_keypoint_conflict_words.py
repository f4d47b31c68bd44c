"""How a disagreement ended, told in a candidate's words: a relationship kept whole as
still getting on, a decision one argued against as going with it or as the other side's
option taken up.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

CONFLICT = (
    "At a grocery delivery company a senior colleague and I disagreed about state in our "
    "checkout app: she wanted a global store, I wanted a caching layer. I asked her for a "
    "coffee to talk it through, and her real worry was the offline cart. We each built the "
    "cart flow in a day and compared. {decided} {after}"
)


@pytest.mark.parametrize(
    "after",
    [
        "We still work well together.",
        "She and I ended up pairing a lot after that.",
        "We still get along and often pair on reviews.",
    ],
)
def test_a_healthy_relationship_is_told_as_still_getting_on(after: str) -> None:
    decided = "We kept caching for server data and a small store for the cart."
    card = scored("conflict-with-teammate", CONFLICT.format(decided=decided, after=after))
    assert quote_for(card, "relationship stayed healthy afterwards") == after


@pytest.mark.parametrize(
    "decided",
    [
        "It wasn't what I'd proposed, but I was happy to go with it.",
        "Her design won, and I focused on making the decision work.",
        "Her cart flow was faster, so we shipped her design.",
        "The numbers favoured the store, so I went with her approach.",
    ],
)
def test_disagree_and_commit_is_told_as_going_with_the_decision(decided: str) -> None:
    card = scored("conflict-with-teammate", CONFLICT.format(decided=decided, after=""))
    assert quote_for(card, "disagree and commit once decided") == decided


def test_a_plan_told_with_no_decision_gone_along_with_is_no_commitment() -> None:
    decided = "We kept caching for server data and a small store for the cart."
    card = scored("conflict-with-teammate", CONFLICT.format(decided=decided, after=""))
    assert quote_for(card, "disagree and commit once decided") is None
    assert quote_for(card, "relationship stayed healthy afterwards") is None


def test_a_thing_turned_into_another_is_nothing_understood() -> None:
    """ "It turned out she was worried" is understanding; "the app turned into a mess" is
    not, and met "asked why they wanted to leave" with "wanted" in a conflict story."""
    story = (
        "Last year a colleague and I disagreed about state in our checkout app. She wanted a "
        "global store because she'd seen the old app turn into a mess of props. I asked for "
        "a coffee, and it turned out her real worry was the offline cart."
    )
    card = scored("engineer-thinking-of-leaving", story)
    assert quote_for(card, "asked why they wanted to leave before offering anything") is None


def test_committing_fully_is_disagree_and_commit() -> None:
    decided = "Her design won, and I committed to it fully."
    card = scored("conflict-with-teammate", CONFLICT.format(decided=decided, after=""))
    assert quote_for(card, "disagree and commit once decided") == decided


def test_scope_that_crept_is_scope_creep() -> None:
    answer = (
        "Last spring I led the billing migration, due in eight weeks, and by week five we "
        "were three weeks behind. Scope had crept: stakeholders kept asking for new reports. "
        "I told my manager that week, cut the reports to a second phase and we shipped the "
        "core in week nine."
    )
    card = scored("project-off-track", answer)
    assert quote_for(card, "root cause like scope creep or dependencies") == (
        "Scope had crept: stakeholders kept asking for new reports."
    )


@pytest.mark.parametrize(
    "decided",
    [
        "We shipped their dashboard to the customers a week later.",  # their: the customers'
        "We shipped my design after all.",
    ],
)
def test_shipping_someone_elses_thing_or_ones_own_is_no_commitment(decided: str) -> None:
    card = scored("conflict-with-teammate", CONFLICT.format(decided=decided, after=""))
    assert quote_for(card, "disagree and commit once decided") is None
