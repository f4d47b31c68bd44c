"""Pushing back starts from the need under the request, which candidates tell as what the
asker really needed: "a call with the VP to understand what they actually needed", "the
real problem behind the request". Knowing what they asked for, or what the candidate
needed, is no such need.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

PUSHBACK = (
    "Our VP of sales asked my team to give one enterprise customer unlimited API access, "
    "because they were threatening not to renew. {line} I explained the risk with our outage "
    "numbers and offered a higher limit at night."
)
POINT = "understood the underlying business need"


@pytest.mark.parametrize(
    "line",
    [
        "I set up a call with the VP to understand what they actually needed.",
        "I asked for thirty minutes with her to understand what she needed.",
        "I wanted to understand the real problem behind the request.",
        "I asked the VP what the customer was worried about.",
    ],
)
def test_the_need_under_a_request_is_what_the_asker_really_needed(line: str) -> None:
    card = scored("pushed-back-on-stakeholder", PUSHBACK.format(line=line))
    assert quote_for(card, POINT) == line


@pytest.mark.parametrize(
    "line",
    [
        "I knew what the customer wanted: unlimited access.",
        "I understood what I needed to do.",
        "I set up a call with the VP to understand the timeline.",
    ],
)
def test_the_request_itself_or_my_own_need_is_no_underlying_need(line: str) -> None:
    card = scored("pushed-back-on-stakeholder", PUSHBACK.format(line=line))
    assert quote_for(card, POINT) is None
