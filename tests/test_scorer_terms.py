"""A technical term is one term however an answer writes it: as its acronym or spelled out.

Key points spell terms out ("dead-letter queue for poison messages") or abbreviate them
("SLO target over rolling window"); answers do either. Each case is a sentence as a
candidate would say it, inside an answer that makes no other use of the term.
"""

from __future__ import annotations

import pytest
from scorer_helpers import BANK, quote_for, scored

from coachkit.scoring.analysis import analyse
from coachkit.scoring.text import stem, words

# A sound answer to each question that says nothing of the point tested; {line} is the
# sentence that makes it.
ANSWERS = {
    "message-queue-delivery": (
        "I'd start by assuming the broker delivers at least once, so every consumer has to "
        "cope with seeing an event twice. {line} Consumers keep a table of processed event "
        "ids and skip any they have seen. We partition by order id so events for one order "
        "stay in sequence. On the producer side I'd make sure we never publish an event "
        "for an order that was rolled back."
    ),
    "ab-test-design": (
        "I'd start with one primary metric, checkout conversion, and a couple of guardrail "
        "metrics like refund rate and page latency. {line} Users are randomised by user id "
        "so nobody sees both versions, and we run for two full weeks to cover weekly "
        "cycles. I wouldn't peek at the result each day, and I'd check the split is really "
        "50/50 before reading anything."
    ),
    "frontend-security-xss-csrf": (
        "For XSS the first rule is that the framework escapes output by default, and we "
        "never put user input into innerHTML. {line} For CSRF, session cookies are "
        "SameSite=Lax and every state-changing request carries a token the server checks. "
        "Rich text from users goes through a sanitiser on the server before it is stored."
    ),
    "ssr-vs-csr": (
        "It depends on the page. {line} The logged-in dashboard sits behind auth and "
        "changes all the time, so I'd render it in the browser. Marketing pages rarely change, so "
        "I'd generate them at build time and serve them from a CDN. I'd measure on a "
        "mid-range phone before deciding anything."
    ),
    "capacity-planning": (
        "I'd start from last year's traffic and the launches planned for this one. "
        "{line} Then I'd load test one instance to find where latency breaks, and divide "
        "to get the number of instances, plus headroom of about 30% for spikes and a zone "
        "failing. I'd revisit the plan every quarter against what actually happened."
    ),
    "slo-sli-error-budget": (
        "I'd start from what users feel: can they load the checkout page, and is it fast. "
        "{line} We'd page when we burn the budget fast, not on every blip. When the budget "
        "is gone, feature releases stop and the team works on reliability until it "
        "recovers."
    ),
}

CASES = [
    # An acronym in the answer for a term a key point spells out.
    (
        "message-queue-delivery",
        "dead-letter queue for poison messages",
        "A poison message that fails five times goes to a DLQ, and we alert when it grows.",
    ),
    (
        "ab-test-design",
        "sample size from minimum detectable effect and power",
        "I'd agree the MDE with the PM first, then run the power calculation.",
    ),
    (
        "frontend-security-xss-csrf",
        "Content Security Policy header",
        "We also ship a strict CSP header that blocks inline scripts.",
    ),
    (
        "ssr-vs-csr",
        "server-side rendering for SEO",
        "Public listing pages need to rank in search, so SSR for those, for SEO.",
    ),
    (
        "ssr-vs-csr",
        "hydration cost and time to interactive",
        "Our TTI on a mid-range phone was six seconds, most of it hydration.",
    ),
    (
        "capacity-planning",
        "forecast converted to requests per second",
        "I'd turn the growth forecast into peak RPS for each service.",
    ),
    # A term spelled out in the answer for a key point's acronym.
    (
        "slo-sli-error-budget",
        "SLI as ratio of good events",
        "Our service level indicator is the share of good requests among all of them.",
    ),
    (
        "slo-sli-error-budget",
        "SLO target over rolling window",
        "The service level objective is the target we hold ourselves to, 99.9%.",
    ),
]


@pytest.mark.parametrize(("question_id", "point", "line"), CASES)
def test_a_term_meets_its_point_however_written(question_id: str, point: str, line: str) -> None:
    card = scored(question_id, ANSWERS[question_id].format(line=line))
    assert quote_for(card, point) == line


@pytest.mark.parametrize(("question_id", "point", "line"), CASES)
def test_without_the_term_the_point_is_not_made(question_id: str, point: str, line: str) -> None:
    """The same answer with the term taken out: what made the point was the term."""
    card = scored(question_id, ANSWERS[question_id].format(line=""))
    assert quote_for(card, point) is None


def test_one_rendering_is_not_the_other() -> None:
    """ "Side" is both renderings' word: "SSR" says nothing of client-side rendering."""
    line = "SSR is when the server renders the HTML, so it is better for SEO."
    card = scored("ssr-vs-csr", ANSWERS["ssr-vs-csr"].format(line=line))
    assert quote_for(card, "server-side rendering for SEO") == line
    assert quote_for(card, "client-side rendering and slow first paint") is None


@pytest.mark.parametrize(
    "said",
    ["a DLQ", "two DLQs", "a dead-letter queue", "a dead letter queue", "dead-letter queues"],
)
def test_every_form_of_a_term_reads_as_both(said: str) -> None:
    sentence = f"We send them to {said}."
    (info,) = analyse(BANK.get("message-queue-delivery"), sentence).sentences
    assert {"dlq", "dead", stem("letter")} <= info.stems
    assert info.words == words(sentence)  # counted as written


def test_a_plural_is_the_term() -> None:
    """ "RPS" ends in an s of its own; "policies" is the plural of "policy"."""
    (info,) = analyse(
        BANK.get("capacity-planning"), "Peak RPS set our content security policies."
    ).sentences
    assert {"rps", stem("requests"), "second", "csp"} <= info.stems


def test_a_word_inside_another_is_no_term() -> None:
    """ "Slot", "adrenaline" and "tti" inside "setting" are not SLO, ADR or TTI."""
    (info,) = analyse(
        BANK.get("slo-sli-error-budget"), "Setting a slot for the adrenaline of launch day."
    ).sentences
    assert info.stems.isdisjoint({"slo", "adr", "tti", "objective", "interactive"})
