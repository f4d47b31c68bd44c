"""A figure given as an aside ("say 100") is an example, not a stated assumption.

"If the counter goes over the limit, say 100, we reject the request" read as the
design's scope, and drl-03 (label Situation 2, overall 34) got Situation 4 from that
sentence alone. "Say 10,000 keys." opening a sentence, or an aside that sizes a load
("say 300k a second"), still sets the scope.
"""

from __future__ import annotations

from tests.scorer_helpers import scored

BODY = (
    "I'd put the rate limiter in front of the API as middleware, so every request passes "
    "through it before it reaches the controllers. "
    "To make it work across servers, I'd put the counters in Redis, so all the servers see "
    "the same number. "
    "I'd make the limit configurable per customer in a settings table, so bigger customers "
    "can get higher limits. "
)
ASIDE = "If the counter goes over the limit, say 100, we reject the request with an error."
STATED = "Say 10,000 API keys and 50 servers behind the load balancer."
SIZED = "It has to take writes beyond one primary, say 300k a second of telemetry."


def _situation(answer: str) -> tuple[int, list[str]]:
    dimension = scored("design-rate-limiter", answer).dimensions["situation"]
    return dimension.score, dimension.evidence


def test_an_example_figure_mid_sentence_sets_no_scope() -> None:
    score, evidence = _situation(BODY + ASIDE)
    assert not any("say 100" in quote for quote in evidence)
    assert score <= 1


def test_an_assumption_stated_with_say_sets_the_scope() -> None:
    score, evidence = _situation(STATED + " " + BODY + ASIDE)
    assert any("Say 10,000" in quote for quote in evidence)
    assert score >= 2


def test_an_aside_that_sizes_a_load_sets_the_scope() -> None:
    _, evidence = _situation(SIZED + " " + BODY)
    assert any("say 300k" in quote for quote in evidence)
