"""Weak answers are not credited with key points they do not make.

Each case is a weak answer from the coverage set that was credited with a point a coach
would not give it, beside a sentence that truly makes the point and is still credited.
"""

from __future__ import annotations

from scorer_helpers import quote_for, scored

from coachkit.scoring.concepts import related
from coachkit.scoring.text import stem

TESTING_WEAK = (
    "I'd have unit tests and end-to-end tests, and make sure we get good coverage, maybe "
    "80% or more. We'd use a framework like Jest or Cypress. All the tests should run in "
    "the CI pipeline before merging. Having tests gives the team confidence to make changes "
    "without breaking things."
)
COMPONENT = "component tests with Testing Library"


def test_a_word_the_point_says_twice_is_not_met_twice_by_one_word() -> None:
    # "tests" meets both "tests" of the point: that is one of its four words, not two.
    assert quote_for(scored("frontend-testing-strategy", TESTING_WEAK), COMPONENT) is None
    made = "Component tests render each form with React Testing Library and query by role."
    card = scored("frontend-testing-strategy", f"{TESTING_WEAK} {made}")
    assert quote_for(card, COMPONENT) == made


PIPELINE_WEAK = (
    "The apps would send events to our servers, which store them in a database. Then we'd "
    "load the data into a data warehouse where analysts can query it with SQL. We'd run the "
    "pipeline regularly so the data is up to date within an hour. Using a tool like Kafka "
    "could help handle lots of events."
)
DEDUP = "deduplication by event ID and late events"


def test_a_word_said_twice_is_met_once_across_two_sentences() -> None:
    # "events" in one sentence and "up to date" in the next ("date" is a relative of
    # "late") met three of the point's five slots; "events" is one of its words.
    assert quote_for(scored("design-analytics-pipeline", PIPELINE_WEAK), DEDUP) is None
    made = (
        "Every event carries an event ID, so the consumer drops duplicates, and late events "
        "up to a day old are merged into their hour."
    )
    card = scored("design-analytics-pipeline", f"{PIPELINE_WEAK} {made}")
    assert quote_for(card, DEDUP) == made


RESEARCH_WEAK = (
    "I would do some user research, like talking to customers and sending out surveys, to "
    "see if they really have the problem. I'd also look at data and talk to the team about "
    "it. If it seems like a big enough problem and customers want it, then we'd go ahead "
    "and build it. Validation saves wasted effort."
)
PROTOTYPES = "prototypes or fake-door tests"


def test_one_related_word_is_not_two_words_of_a_technical_point() -> None:
    # "data" is a relative of both "prototypes" and "tests": one word, one slot of three.
    assert quote_for(scored("user-research-discovery", RESEARCH_WEAK), PROTOTYPES) is None
    made = "Before building, we'd run a fake-door test to measure how many people click."
    card = scored("user-research-discovery", f"{RESEARCH_WEAK} {made}")
    assert quote_for(card, PROTOTYPES) == made


IDEMPOTENT = (
    "The client sends an idempotency key in a header, and the server stores it with the "
    "response under a unique constraint. {line} Keys expire after a day."
)


def test_a_crash_before_saving_is_still_the_partial_failure() -> None:
    # "crash" alone is one word for both "partial" and "confirm"; with the saving it
    # crashes before, the sentence tells both sides of the gap.
    made = "The tricky bit is where the payment goes through but you crash before saving."
    card = scored("idempotent-apis", IDEMPOTENT.format(line=made))
    assert quote_for(card, "partial failure between write and confirm") == made


NOTIFY_WEAK = (
    "I'd make a notification service with an API that other teams can call to send "
    "messages. It would support email, SMS and push by connecting to services like SendGrid "
    "and Twilio. We'd store the notifications in a database and have some retry logic if "
    "sending fails. It should be scalable since lots of teams will use it."
)
BACKOFF = "retries with exponential backoff"


def test_retrying_is_no_backoff() -> None:
    # "retry" met both "retries" and, as a relative, "backoff": two of three slots.
    assert quote_for(scored("design-notification-service", NOTIFY_WEAK), BACKOFF) is None
    made = "A failed send is retried with exponential backoff, up to five times."
    card = scored("design-notification-service", f"{NOTIFY_WEAK} {made}")
    assert quote_for(card, BACKOFF) == made


def test_backing_off_still_shows_a_retry() -> None:
    # One way only: a story's "backoff" still tells of retrying.
    assert stem("backoff") in related(stem("retries"))
    assert stem("retries") not in related(stem("backoff"))


REJECTED = (
    "We had an app update rejected by Apple once, right before a launch. It was stressful "
    "because marketing was waiting."
)
TOLD = "stakeholders told the risk and options early"


def test_an_app_update_is_no_news_told_to_stakeholders() -> None:
    # The "update" of a status update met both "stakeholders" and "told".
    assert quote_for(scored("shipping-under-app-review", REJECTED), TOLD) is None
    made = "I told marketing and the sales lead the risk that day, with two options."
    card = scored("shipping-under-app-review", f"{REJECTED} {made}")
    assert quote_for(card, TOLD) == made
