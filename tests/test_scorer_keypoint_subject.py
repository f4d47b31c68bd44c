"""A technical key point is credited for what it names, not for the question's own subject.

Every answer to "Your service writes an order to the database and then publishes an event
to Kafka" talks about queues, messages, writes and the database; a key point such as
"dead-letter queue for poison messages" shares two of those words, yet only an answer that
says what happens to a message that keeps failing makes it. Each case below pairs a
sentence that only restates the question's subject with one that makes the point, in the
point's words or in others.
"""

from __future__ import annotations

from coachkit import QuestionBank, ScoreCard
from coachkit.scoring import LocalScorer

SCORER = LocalScorer()
BANK = QuestionBank.load()


def _card(question_id: str, answer: str) -> ScoreCard:
    return SCORER.score(BANK.get(question_id), answer)


def _evidence(card: ScoreCard, point: str) -> str | None:
    (hit,) = [k for k in card.keypoints if k.point == point]
    return hit.evidence if hit.covered else None


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
    assert _evidence(_card("idempotent-apis", PAYMENT.format(line=restated)), PARTIAL) is None
    card = _card("idempotent-apis", PAYMENT.format(line=made))
    assert _evidence(card, PARTIAL) == made
