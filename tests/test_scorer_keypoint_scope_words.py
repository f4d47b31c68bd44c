"""A scope trade-off with engineering, told in a candidate's words: going back to the problem
("So we went back to the actual problem from our research") returns to it, and a release
that went out or live was delivered. Going back somewhere else, or something other than a
release going out, meets neither point.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

SCOPE = (
    "At my last job I brought a feature to engineering that would let landlords collect rent "
    "through the app. The tech lead came back with an estimate of about four months, and I "
    "asked her to walk me through it. {back} We agreed on a first phase with just online "
    "rent payment, about five weeks of work. I updated sales and our CEO on the new plan. "
    "{out}"
)
BACK = (
    "So we went back to the actual problem from our research: small landlords were chasing "
    "rent by text message."
)
OUT = "The first phase went out on time, and about 2,000 landlords used it in two months."


def test_going_back_to_the_problem_is_returning_to_it() -> None:
    card = scored("scope-tradeoff-with-engineering", SCOPE.format(back=BACK, out=""))
    assert quote_for(card, "return to the core user problem") == BACK


@pytest.mark.parametrize(
    "out",
    [OUT, "It went live in March, and late payments fell by a third."],
)
def test_a_release_gone_out_is_value_delivered(out: str) -> None:
    card = scored("scope-tradeoff-with-engineering", SCOPE.format(back="", out=out))
    assert quote_for(card, "outcome and value delivered") == out


def test_going_back_elsewhere_or_a_message_going_out_meets_neither() -> None:
    back = "So I went back to the office and rewrote the spec that afternoon."
    out = "The reminder email went out twice, and about 2,000 landlords opened it."
    card = scored("scope-tradeoff-with-engineering", SCOPE.format(back=back, out=out))
    assert quote_for(card, "return to the core user problem") is None
    assert quote_for(card, "outcome and value delivered") != out
