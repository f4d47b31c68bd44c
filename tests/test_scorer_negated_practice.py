"""A "no X" key point of a technical question is a practice the answer must state.

"no peeking or early stopping" on ab-test-design showed covered, with no quote, in
answers that never mention peeking or stopping: a "no X" point was met by any
substantive answer that never does X. That holds for conduct a story shows by its
telling ("no blaming teammates"), not for a practice: a test plan silent on peeking
has not said not to peek.
"""

from __future__ import annotations

from tests.scorer_helpers import quote_for, scored

POINT = "no peeking or early stopping"
PLAN = (
    "Before anything else I'd write the hypothesis: the new checkout flow raises "
    "conversion rate, which is the primary metric. "
    "Guardrail metrics are revenue per visitor, refund rate and page latency, so a win on "
    "conversion cannot hide a loss elsewhere. "
    "I'd randomise by user rather than by session, so someone who comes back sees the "
    "same flow. "
    "With a 3 percent baseline and a minimum detectable effect of 0.3 points at 80 percent "
    "power, that needs about 50,000 users per arm. "
    "At our traffic that is roughly two full weeks, which also covers weekday and weekend "
    "shoppers. "
    "I'd check the split is really 50/50 before reading anything, because a sample ratio "
    "mismatch means the assignment is broken. "
)
WAITS = (
    "We run it for the full two weeks we planned and don't stop early, even when it "
    "looks like a winner after three days."
)
PEEKS = "We check the p-value every morning and stop the test as soon as it is significant."


def test_silence_on_peeking_does_not_cover_it() -> None:
    card = scored("ab-test-design", PLAN)
    (hit,) = [k for k in card.keypoints if k.point == POINT]
    assert not hit.covered
    assert hit.evidence is None


def test_saying_not_to_stop_early_covers_it_with_that_quote() -> None:
    assert quote_for(scored("ab-test-design", PLAN + WAITS), POINT) == WAITS


def test_stopping_at_significance_does_not_cover_it() -> None:
    assert quote_for(scored("ab-test-design", PLAN + PEEKS), POINT) is None


def test_no_technical_key_point_is_covered_without_a_quote() -> None:
    card = scored("ab-test-design", PLAN)
    assert all(k.evidence for k in card.keypoints if k.covered)
