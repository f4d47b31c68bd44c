"""A technical answer's rule for deciding it worked is its result.

RUBRIC.md reads a technical answer's Result as what it costs or how you would know it
worked. An A/B-test design that decides "at 95% confidence on a pre-registered primary
metric", keeps a guardrail metric and runs a sample-ratio check, or a service that
alerts "when p99 passes 300 ms", says exactly that; those sentences earned the Result
no more than any sentence of the answer, and it stopped at 3.
"""

from __future__ import annotations

from coachkit.scoring.roles import decides_it
from tests.scorer_helpers import scored

AB_TEST = (
    "Traffic is split by user id, with about 90,000 users per arm over two full weeks. "
    "We decide at 95% confidence on a pre-registered primary metric, orders per visitor. "
    "A sample-ratio check runs every morning. Average order value is a guardrail metric. "
    "We'd alert when p99 passes 300 ms."
)
DECIDING = "We decide at 95% confidence on a pre-registered primary metric, orders per visitor."


def test_an_experiment_that_says_how_it_decides_earns_its_result() -> None:
    card = scored("ab-test-design", AB_TEST)
    assert card.dimensions["result"].score >= 4
    assert DECIDING in card.dimensions["result"].evidence


def test_what_reads_as_a_decision_rule() -> None:
    deciding = [
        "We'd alert when p99 passes 300 ms.",
        "We call the test at 95% confidence.",
        "Ship it only if refunds stay flat.",
        "Roll it back if the error rate doubles.",
        "Skip rate is the guardrail.",
        "Run a sample ratio check before reading anything.",
    ]
    not_deciding = [
        "We had 95% of users on the new version by Friday.",
        "The alert fatigue came from too many pages.",
        "I'd decide on the schema after talking to the team.",
    ]
    assert all(decides_it(s) for s in deciding)
    assert not any(decides_it(s) for s in not_deciding)
