"""A technical key point is credited for what it names, not for the question's own subject.

Every answer to "Your service writes an order to the database and then publishes an event
to Kafka" talks about queues, messages, writes and the database; a key point such as
"dead-letter queue for poison messages" shares two of those words, yet only an answer that
says what happens to a message that keeps failing makes it. Each case below pairs a
sentence that only restates the question's subject with one that makes the point, in the
point's words or in others.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

PAYMENT = (
    "The client generates an idempotency key per checkout and sends it in a header. The "
    "server stores each key with its response in Postgres under a unique constraint, and a "
    "repeated key gets the stored response back. {line} Keys expire after 24 hours."
)
PARTIAL = "partial failure between write and confirm"


def test_being_charged_twice_is_the_question_not_a_partial_failure() -> None:
    # "charged" is the question's own word ("never charged twice"): it says nothing of a
    # crash between taking the money and recording it. Saying that crash is the point.
    restated = "Without this, customers get charged twice when the mobile app retries."
    made = "The nasty case is charging the card and crashing before recording it."
    assert quote_for(scored("idempotent-apis", PAYMENT.format(line=restated)), PARTIAL) is None
    card = scored("idempotent-apis", PAYMENT.format(line=made))
    assert quote_for(card, PARTIAL) == made


# The answer a user saw credited with two points it never made.
QUEUE_ANSWER = (
    "I'd use a message queue between the API and the workers so that writes are not lost "
    "when workers restart. Each message carries an idempotency key; consumers record "
    "processed keys in Postgres within the same transaction as the side effect, so "
    "redelivery is harmless. For ordering we partition by customer id. We monitor consumer "
    "lag and alert when it passes 30 seconds."
)


def test_a_queue_between_api_and_workers_is_no_dead_letter_queue_or_dual_write() -> None:
    card = scored("message-queue-delivery", QUEUE_ANSWER)
    assert quote_for(card, "dead-letter queue for poison messages") is None
    assert quote_for(card, "dual write problem between database and broker") is None
    # What it does say is still credited.
    ordering = "For ordering we partition by customer id."
    assert quote_for(card, "ordering by partition key") == ordering
    assert quote_for(card, "idempotent consumers with deduplication") is not None


QUEUE_DESIGN = (
    "Every order event carries an event id, and consumers record the ids they have handled "
    "in the same transaction as their side effect, so a redelivered event is skipped. {line} "
    "Events for one order share a partition key, so they arrive in order."
)


@pytest.mark.parametrize(
    ("question_id", "template", "point", "restated", "made"),
    [
        (
            "message-queue-delivery",
            QUEUE_DESIGN,
            "dead-letter queue for poison messages",
            "We write the order to the database, then publish an event to a Kafka topic, "
            "and downstream services consume the messages from the queue.",
            "A message that still fails after three retries moves to a dead-letter topic, "
            "so one poison message can't block the partition.",
        ),
        (
            "message-queue-delivery",
            QUEUE_DESIGN,
            "dual write problem between database and broker",
            "We write the order to the database, then publish an event to a Kafka topic, "
            "and downstream services consume the messages from the queue.",
            "Writing to the database and then to Kafka is a dual write: the commit can "
            "succeed while the publish fails.",
        ),
        (
            "deployment-strategies",
            "For a risky change I'd start with a canary that takes 5% of traffic, and roll "
            "back by itself if the error rate rises. {line} Schema changes must work with "
            "the old and the new code.",
            "blue-green switch with instant rollback",
            "Rolling, blue-green and canary deployments are all ways to release a change.",
            "Blue-green keeps two full environments and flips the load balancer, so going "
            "back is one switch.",
        ),
        (
            "authentication-sessions-jwt",
            "{line} A JWT carries signed claims that any service can verify with the public "
            "key. The catch is revocation: a JWT stays valid until it expires.",
            "session ID cookie with server-side store",
            "Server-side sessions and JWTs are two ways of authenticating users in a web "
            "application.",
            "With sessions, the browser holds an opaque session id in a cookie and the server "
            "looks it up in Redis.",
        ),
        (
            "javascript-event-loop",
            "{line} The order is the synchronous code first, then the promise, then the "
            "setTimeout. Long tasks block rendering, so I keep them short.",
            "microtask queue for promise callbacks",
            "JavaScript is single-threaded, so it uses the event loop to check if there are "
            "callbacks waiting and runs them.",
            "A resolved promise queues its callback as a microtask, and microtasks all run "
            "before the next timer.",
        ),
        (
            "design-offline-web-app",
            "Forms and assigned jobs live in IndexedDB, and every submission goes to a local "
            "outbox first. {line} Each record carries a version, so a clash with the server "
            "is shown to the technician to choose.",
            "show offline and pending sync status",
            "The app has to keep working offline and sync when the signal comes back.",
            "Then an honest UI: an offline banner and a '3 inspections waiting to sync' badge.",
        ),
    ],
    ids=[
        "dead-letter-queue",
        "dual-write",
        "blue-green",
        "session-cookie",
        "microtask-queue",
        "pending-sync",
    ],
)
def test_the_question_s_own_subject_does_not_make_a_point_and_the_point_s_words_do(
    question_id: str, template: str, point: str, restated: str, made: str
) -> None:
    assert quote_for(scored(question_id, template.format(line=restated)), point) is None
    assert quote_for(scored(question_id, template.format(line=made)), point) == made
