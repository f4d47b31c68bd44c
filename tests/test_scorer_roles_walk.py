"""Cards read as a candidate of each role would read them: frontend, data, SRE, managers.

Each answer here is written for the test; the advice on its card must fit what the
answer already says and what the question asks of that role.
"""

from __future__ import annotations

import pytest

from tests.scorer_helpers import scored


@pytest.mark.parametrize(
    ("question_id", "opening"),
    [
        (
            "disk-full-server",
            "First I would check whether it is still filling and how fast, with df -h and the "
            "disk graph, because at 98% I may have minutes.",
        ),
        (
            "metric-drop-diagnosis",
            "First I would check whether the drop is real: did the tracking or the definition "
            "of an active user change yesterday, or was there an outage.",
        ),
        (
            "measuring-team-productivity",
            "I would first ask the director what decision the question is for, headcount or a "
            "worry about speed, because that decides what to show.",
        ),
    ],
)
def test_an_opening_spelt_out_as_i_would_first_check_frames_the_problem(
    question_id: str, opening: str
) -> None:
    """ "First I would check ..." clarifies the problem as "First I'd check ..." does: the
    card asked to "say what you would check or ask first" of the line that said it."""
    rest = (
        " The goal is to find the cause within a day. I would then look at what changed, "
        "because a change lines up with the cause, and roll it back if it did. The cost is "
        "time, and I would know it worked when the number is back to normal."
    )
    card = scored(question_id, opening + rest)
    (situation,) = [t for t in card.tips if t.startswith("Situation:")]
    assert "what you would check or ask first" not in situation
    assert card.dimensions["situation"].score >= 3


_FRAUD_DESIGN = (
    "The scope is card payments for one processor, about 3,000 payments per second at peak; "
    "manual review tools are out of scope. Each decision must return within 100 ms at p99. "
    "The payment API calls a scoring service that reads precomputed features from Redis, "
    "because computing them at request time would blow the latency budget. "
)


@pytest.mark.parametrize(
    ("ending", "asks"),
    [
        (
            "The trade-off is freshness: features can lag a few seconds behind the stream. "
            "If the feature store fails, the service falls back to rules only.",
            "how you would know it works",
        ),
        (
            "The trade-off is freshness: features can lag a few seconds behind the stream.",
            "add what happens when a part fails",
        ),
        (
            "If the feature store fails, the service falls back to rules only and approves "
            "small payments.",
            "add what it costs",
        ),
    ],
)
def test_a_design_ending_asks_for_what_it_lacks_of_a_cost_and_a_failure(
    ending: str, asks: str
) -> None:
    """A design that names its trade-off and its failure was told to "name what it costs
    and what happens when a part fails" all the same."""
    card = scored("design-fraud-scoring", _FRAUD_DESIGN + ending)
    (result,) = [t for t in card.tips if t.startswith("Result:")]
    assert asks in result
    assert "name what it costs and what happens when a part fails" not in result
