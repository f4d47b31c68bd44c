"""A reassurance in a technical answer sets no scope and weighs no cost.

"It will handle any amount of traffic", "users will never see stale prices", "nothing
to worry about there": a guarantee with no mechanism behind it says nothing of the
design's context or of what it costs, yet such lines earned Situation and Result.
"""

from __future__ import annotations

from tests.scorer_helpers import scored

PROMISES = (
    "For a read-heavy product page I'd add Redis as a shared cache in front of Postgres. "
    "Every key gets a TTL, so nothing lives in the cache forever. "
    "The cache will always be kept up to date, and users will never see stale prices. "
    "If the cache goes down, it still works, just slower. "
    "We would make sure it scales as the business grows, so there's nothing to worry about. "
    "Everything will be monitored so that we know if something goes wrong. "
    "The team would follow best practices so the cache stays healthy and fast. "
    "It will be secure and reliable, and it will handle any amount of traffic we throw at it. "
    "If traffic spikes, the cache absorbs it and the database is fine. "
    "Overall the system would be much faster and customers would be happy with the result."
)
NEVER_STALE = "The cache will always be kept up to date, and users will never see stale prices."
ANY_TRAFFIC = "It will be secure and reliable, and it will handle any amount of traffic"


def test_reassurances_earn_neither_scope_nor_result() -> None:
    card = scored("caching-strategy", PROMISES)
    quoted = " ".join(card.dimensions["situation"].evidence + card.dimensions["result"].evidence)
    assert ANY_TRAFFIC not in quoted
    assert NEVER_STALE not in quoted
    assert card.dimensions["result"].score <= 2
