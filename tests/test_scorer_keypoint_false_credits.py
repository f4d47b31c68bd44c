"""Weak answers are not credited with key points they do not make.

Each case is a weak answer from the coverage set that was credited with a point a coach
would not give it, beside a sentence that truly makes the point and is still credited.
"""

from __future__ import annotations

from scorer_helpers import quote_for, scored

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
