"""A technical answer told in plain words, beside the same content in the field's terms.

Key points are found by their terms, so a correct answer that never says "idempotency
key" or "cache-aside" meets few of them. Its approach is read instead from how much of
it tells how each part works; an answer that only promises quality ("handle it
properly", "keep it simple and robust") tells none.
"""

from __future__ import annotations

import pytest

from coachkit import QuestionBank
from coachkit.scoring import LocalScorer
from coachkit.scoring.analysis import analyse
from coachkit.scoring.bands import told_working

SCORER = LocalScorer()
BANK = QuestionBank.load()

PAIRS = {
    "idempotent-apis": (
        # in the field's terms
        "I'd have the client generate an idempotency key, a UUID, and send it in an "
        "Idempotency-Key header with every retry of the POST. On the server I insert the key "
        "under a unique constraint in the same database transaction as the payment row, so "
        "concurrent duplicate requests get a conflict and wait on a lock instead of charging "
        "twice. When the request finishes I store the response with the key, and a repeated "
        "key returns that stored response. For the partial failure where the charge succeeded"
        " but the response never reached the client, the retry finds the key and returns the "
        "saved result. Keys expire after a 24-hour TTL, which is the deduplication window. "
        "The trade-off is an extra write per request, which is cheap next to a double charge.",
        # the same, in plain words
        "I'd have the phone app make up a random ticket number for each payment attempt and "
        "send that same number every time it tries again. The server saves the ticket number "
        "in the same step that saves the payment, and the table refuses a second copy of the "
        "same number, so two tries arriving at once can't both get through; the second one "
        "waits until the first is done. When the payment is finished I keep the reply next to"
        " the ticket number, and if the same number comes in again the server sends back that"
        " saved reply instead of charging again. If the money was taken but the reply got "
        "lost on the way back, the next try finds the ticket number and gets the saved reply."
        " I'd throw ticket numbers away after one day, since nobody retries a payment later "
        "than that. It costs one extra save per payment, which is cheap next to charging "
        "someone twice.",
    ),
    "n-plus-one-queries": (
        # in the field's terms
        "The N+1 problem is when the ORM runs one query to load a list and then one more "
        "query per row inside the loop, because lazy loading fetches each relation on first "
        "access. A page of 100 orders with their customers makes 101 queries. I detect it "
        "with query logs in development, a query counter assertion in tests, or APM traces "
        "that show hundreds of identical SELECTs per request. The fix is eager loading: a "
        "JOIN, or select_related and prefetch_related, which loads the relation with one IN "
        "query. In GraphQL I'd batch with a DataLoader. The trade-off is over-fetching, so I "
        "only eager load what the page renders.",
        # the same, in plain words
        "It's when the code asks the database for a list of things and then, while going "
        "through that list, asks the database again for each item's details, one trip per "
        "item. The data library does this quietly because it only fetches related records the"
        " moment you first touch them. So a page showing 100 orders with their customers "
        "makes 101 trips to the database instead of two. I'd spot it by turning on the log of"
        " every statement the app sends, counting the trips in a test and failing it above a "
        "limit, or looking at a request timeline in the monitoring tool that shows the same "
        "small lookup repeated a hundred times. The fix is to tell the library up front to "
        "fetch the customers together with the orders, either in one combined statement or in"
        " one second statement that asks for all 100 customers at once. For a GraphQL server "
        "I'd collect the lookups made while answering one request and send them as one batch."
        " The catch is fetching more than the page needs, so I'd only load up front what the "
        "page actually shows.",
    ),
    "caching-strategy": (
        # in the field's terms
        "First I'd measure which endpoints are hot and read-heavy, with a high read-to-write "
        "ratio, and how stale the data can be. I'd use cache-aside with Redis as a shared "
        "cache: the app reads Redis, and on a miss reads Postgres and fills the cache. On "
        "writes I'd invalidate by deleting the key rather than updating it, and every key "
        "gets a TTL of five minutes with random jitter so they don't all expire together. To "
        "prevent a cache stampede on hot keys I'd use a lock or request coalescing so only "
        "one request rebuilds the value. If Redis is down the app falls back to the database "
        "with a circuit breaker. I'd expect the database load to drop by 80 percent and p95 "
        "latency from 900 ms to under 100 ms.",
        # the same, in plain words
        "First I'd measure which pages are asked for the most, read far more often than they "
        "change, and how out of date their data is allowed to be. I'd keep copies of those "
        "answers in a separate in-memory store that all the servers share: the app looks "
        "there first, and only when the copy is missing does it ask the database and then "
        "save the copy. When someone changes the data I'd throw the saved copy away rather "
        "than try to patch it, and every copy is thrown away after five minutes anyway, give "
        "or take a random minute, so they don't all run out at the same moment. When a "
        "popular copy runs out, I'd let only one request rebuild it while the others wait for"
        " that result, so a thousand requests don't all hit the database at once. If the "
        "shared store goes down, the app goes straight to the database but lets only a "
        "limited number of requests through. I'd expect the database load to drop by 80 "
        "percent and the slow page to go from 900 ms to under 100 ms.",
    ),
    "design-rate-limiter": (
        # in the field's terms
        "First I'd clarify scope: limits per API key, say 1,000 requests per minute, enforced"
        " across 50 servers, with a hard block. I'd pick a token bucket over a sliding window"
        " because it allows controlled bursts up to the bucket capacity. Counters live in "
        "Redis, updated atomically with a Lua script, and the limiter sits in the API gateway"
        " middleware. A rejected request gets HTTP 429 with a Retry-After header. If Redis is"
        " down I'd fail open with a local in-memory fallback limit, because availability "
        "matters more than precision for a public API. The trade-off is an extra 1 ms network"
        " hop per request.",
        # the same, in plain words
        "I'd design it like this. First I'd pin down who gets limited: each customer's access"
        " key, say 1,000 requests a minute, checked the same way on all 50 servers, and a "
        "request over the limit is refused outright. Each customer gets an allowance that "
        "refills steadily, and they can save up unused allowance to a fixed ceiling, so a "
        "short burst is fine but a sustained flood is not; a plain count per minute would let"
        " a burst of double the limit through at the turn of each minute. The counts live in "
        "one fast shared in-memory store that every server asks, and each check-and-subtract "
        "happens as one step so two servers can't both spend the last unit. The check sits in"
        " the front door that all requests pass through, before any real work. A refused "
        "caller gets the standard too-many-requests status code and is told how many seconds "
        "to wait before trying again. If the shared store stops answering, I'd let requests "
        "through and have each server apply a rough limit of its own, because keeping the "
        "service up matters more than exact counting. The cost is one extra round trip of "
        "about a millisecond per request.",
    ),
}
PROMISES = {
    "idempotent-apis": (
        "I'd start by thinking carefully about the whole payment flow, because making sure "
        "the customer is never charged twice is the most important thing here. I'd look at "
        "how the client and the server talk to each other today and where the retries come "
        "from. Then I'd put proper checks in place on the server so that a retried payment is"
        " handled correctly and the customer only pays once. I'd make the design simple and "
        "robust so it is easy to look after, and I'd make sure the edge cases are covered "
        "properly as well. I'd write good tests for the whole flow with the team, including "
        "the retry cases, and review the design with the other engineers before building it. "
        "After launch I'd monitor the payments closely and set up alerts, so if anything goes"
        " wrong we catch it early and fix it quickly before customers notice."
    ),
    "caching-strategy": (
        "I'd start by understanding why the endpoint is slow and why the database is "
        "overloaded, because caching is not always the right answer. Then I'd add a caching "
        "layer in front of the database for the data that makes sense to cache, so the "
        "endpoint gets much faster and the database has less work to do. I'd make sure the "
        "cached data stays correct when things change, because stale data can cause real "
        "problems for users. A lot can go wrong with caching, so I'd think through the edge "
        "cases carefully and handle them properly. If the cache goes down, the system should "
        "still work, just more slowly. I'd test everything well with the team before rolling "
        "it out, roll it out gradually, and monitor it closely after launch so that if "
        "anything goes wrong we notice it quickly and can fix it."
    ),
}


@pytest.mark.parametrize("question_id", sorted(PAIRS))
def test_an_approach_told_in_plain_words_is_read_as_one(question_id: str) -> None:
    question = BANK.get(question_id)
    terms, plain = (SCORER.score(question, answer) for answer in PAIRS[question_id])
    assert terms.dimensions["action"].score >= 4
    # Before, 52-61 with Action 3 (the terms' answers: 78-97).
    assert plain.dimensions["action"].score >= 4
    assert plain.overall >= 60
    # The key-point list stays a list of what was found by name.
    assert sum(k.covered for k in plain.keypoints) < sum(k.covered for k in terms.keypoints)


@pytest.mark.parametrize("question_id", sorted(PROMISES))
def test_promises_are_no_working(question_id: str) -> None:
    assert told_working(analyse(BANK.get(question_id), PROMISES[question_id])) == 0
    plain = PAIRS[question_id][1]
    assert told_working(analyse(BANK.get(question_id), plain)) > 0


@pytest.mark.parametrize("question_id", sorted(PROMISES))
def test_an_approach_of_promises_earns_no_action(question_id: str) -> None:
    question = BANK.get(question_id)
    promises = SCORER.score(question, PROMISES[question_id])
    plain = SCORER.score(question, PAIRS[question_id][1])
    # Before, Action 4/5 and 58-62 overall: the caching one above the plain answer that
    # says how it works (60).
    assert promises.dimensions["action"].score <= 3
    assert promises.overall < plain.overall - 5
