"""A design stated directly ("I would design it as ...") sets its context with its scale.

The rubric reads Situation for a design as scope and context: who the users are, what
scale, what is in or out. A direct answer often gives these as its requirements ("It
serves 300 million daily users ..."), which read as Task only: Situation 0, and a tip
asking for the scale the answer had just given.
"""

from __future__ import annotations

from coachkit import QuestionBank, ScoreCard
from coachkit.scoring import LocalScorer
from coachkit.scoring.analysis import analyse
from coachkit.scoring.roles import sizes_it

SCORER = LocalScorer()
BANK = QuestionBank.load()

NEWS_FEED = (
    "I would design it as a fan-out-on-write system with a pull path for celebrities. It "
    "serves 300 million daily users who follow on average 200 accounts, the feed must load "
    "in under 200 ms, and a new post should reach followers within a minute. When someone "
    "posts, workers push the post ID into each follower's feed list in Redis, except for "
    "accounts with over a million followers, whose posts are merged in at read time. "
    "Ranking happens at read time on the 500 newest IDs. The trade-off is heavy write load "
    "for popular accounts, which the pull path avoids."
)
NOTIFICATIONS = (
    "I would design it as a queue-based service that other teams call with a user ID and a "
    "message. It needs to send about 5 million notifications a day across email, push and "
    "SMS, deliver urgent ones within 10 seconds, never send the same notification twice, "
    "and respect each user's preferences and quiet hours. The API writes each request to a "
    "queue keyed by an idempotency key; per-channel workers read it, check the preference "
    "store, and call the provider. Failed sends retry with backoff and go to a dead-letter "
    "queue after five tries. The trade-off is that batching email keeps costs down but "
    "delays non-urgent messages by up to a minute."
)
CHAT = (
    "I would design it for one-to-one and small group chats of up to 100 people, for around "
    "20 million daily users on mobile and web; voice and video are out. Messages must "
    "arrive in order within a conversation and be delivered within a second when both "
    "people are online. Each client keeps a WebSocket to a gateway, and the gateway "
    "publishes messages to a per-conversation partition in Kafka, so order is kept per "
    "conversation. Messages are stored in Cassandra keyed by conversation and time, and "
    "offline users get a push notification and fetch what they missed on reconnect. The "
    "trade-off is that group fan-out on write gets expensive for large groups, which is "
    "why groups are capped at 100."
)


def _card(question_id: str, answer: str) -> ScoreCard:
    return SCORER.score(BANK.get(question_id), answer)


def test_a_direct_design_that_gives_its_scale_sets_its_context() -> None:
    feed = _card("design-news-feed", NEWS_FEED)
    # Before: Situation 0, 68 overall, and a tip asking "who the users are, what scale".
    assert feed.dimensions["situation"].score >= 3
    assert "300 million daily users" in feed.dimensions["situation"].feedback
    assert "what scale" not in feed.dimensions["situation"].feedback
    assert feed.dimensions["task"].score >= 4  # still its requirements too
    # Before: Situation 2 ("notifications" a day was no scale).
    assert _card("design-notification-service", NOTIFICATIONS).dimensions["situation"].score >= 3


def test_a_rate_at_the_end_is_no_scope() -> None:
    (info,) = analyse(
        BANK.get("alert-fatigue"), "Page when errors pass 50 per minute for five minutes."
    ).sentences
    assert info.sizing
    assert sizes_it(info, 0.0)
    assert not sizes_it(info, 0.9)  # an alert's threshold, not the size of the problem


def test_a_design_that_says_what_it_leaves_out_is_not_asked_to() -> None:
    # Before: "state what is out of scope too", beside "voice and video are out".
    said = _card("design-chat-system", CHAT).dimensions["situation"].feedback
    assert "out of scope" not in said
    assert "left out" in said
    assert "out of scope" in _card("design-news-feed", NEWS_FEED).dimensions["situation"].feedback
