"""A short, vague technical answer on its own subject is weak, not off the question.

It names no key point and few of the question's words, and another question in the bank
may be about as near by chance: with words of the subject beyond the prompt's own
("autoscaling", "split") it was still called off-topic and capped at 15.
"""

from __future__ import annotations

import pytest
from scorer_helpers import scored


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        (
            "capacity-planning",
            "I'd make sure autoscaling is turned on and maybe add some more servers before the "
            "launch. We could do some testing to see if the system can handle it. On the day "
            "we'd keep an eye on the dashboards and be ready to fix things if anything goes "
            "wrong. It's important to be prepared for big events like this.",
        ),
        (
            "build-vs-buy",
            "I'd look at how much it costs to buy versus how long it would take to build. If "
            "it's cheap to build we could do it ourselves, otherwise we buy something. I'd also "
            "ask the team what they think and maybe try out a couple of options before we "
            "decide. In the end it depends on the situation and what the company needs.",
        ),
        (
            "data-leakage",
            "Data leakage is when the model sees data it shouldn't. We had a model once that "
            "looked really good in testing and then didn't work as well later. We looked into "
            "it and fixed the way we split the data. You should be careful with your data and "
            "check everything twice so the results are good.",
        ),
    ],
)
def test_vague_answer_on_the_subject_is_not_off_topic(question_id: str, answer: str) -> None:
    card = scored(question_id, answer)
    assert "off_topic" not in card.flags
    assert card.overall <= 45


def test_security_leak_for_ml_leakage_is_still_off_topic() -> None:
    # Says the prompt's words ("data leakage", "prevent") and none of the key points'.
    card = scored(
        "data-leakage",
        "Data leakage is when sensitive data like customer PII gets leaked outside the "
        "company, like a breach. You prevent it with encryption, access control, DLP tools "
        "and GDPR compliance.",
    )
    assert "off_topic" in card.flags
