"""Cards read as a candidate of each role would read them: frontend, data, SRE, managers.

Each answer here is written for the test; the advice on its card must fit what the
answer already says and what the question asks of that role.
"""

from __future__ import annotations

import pytest

from tests.scorer_helpers import scored


@pytest.mark.parametrize(
    ("question_id", "opening"),
    [
        (
            "disk-full-server",
            "First I would check whether it is still filling and how fast, with df -h and the "
            "disk graph, because at 98% I may have minutes.",
        ),
        (
            "metric-drop-diagnosis",
            "First I would check whether the drop is real: did the tracking or the definition "
            "of an active user change yesterday, or was there an outage.",
        ),
        (
            "measuring-team-productivity",
            "I would first ask the director what decision the question is for, headcount or a "
            "worry about speed, because that decides what to show.",
        ),
    ],
)
def test_an_opening_spelt_out_as_i_would_first_check_frames_the_problem(
    question_id: str, opening: str
) -> None:
    """ "First I would check ..." clarifies the problem as "First I'd check ..." does: the
    card asked to "say what you would check or ask first" of the line that said it."""
    rest = (
        " The goal is to find the cause within a day. I would then look at what changed, "
        "because a change lines up with the cause, and roll it back if it did. The cost is "
        "time, and I would know it worked when the number is back to normal."
    )
    card = scored(question_id, opening + rest)
    (situation,) = [t for t in card.tips if t.startswith("Situation:")]
    assert "what you would check or ask first" not in situation
    assert card.dimensions["situation"].score >= 3


_FRAUD_DESIGN = (
    "The scope is card payments for one processor, about 3,000 payments per second at peak; "
    "manual review tools are out of scope. Each decision must return within 100 ms at p99. "
    "The payment API calls a scoring service that reads precomputed features from Redis, "
    "because computing them at request time would blow the latency budget. "
)


@pytest.mark.parametrize(
    ("ending", "asks"),
    [
        (
            "The trade-off is freshness: features can lag a few seconds behind the stream. "
            "If the feature store fails, the service falls back to rules only.",
            "how you would know it works",
        ),
        (
            "The trade-off is freshness: features can lag a few seconds behind the stream.",
            "add what happens when a part fails",
        ),
        (
            "If the feature store fails, the service falls back to rules only and approves "
            "small payments.",
            "add what it costs",
        ),
    ],
)
def test_a_design_ending_asks_for_what_it_lacks_of_a_cost_and_a_failure(
    ending: str, asks: str
) -> None:
    """A design that names its trade-off and its failure was told to "name what it costs
    and what happens when a part fails" all the same."""
    card = scored("design-fraud-scoring", _FRAUD_DESIGN + ending)
    (result,) = [t for t in card.tips if t.startswith("Result:")]
    assert asks in result
    assert "name what it costs and what happens when a part fails" not in result


# Advice for a question that decides or plans, which an explanation has no use for.
_NOT_FOR_AN_EXPLANATION = (
    "what you would check or ask first",
    "how you would know it worked",
    "this choice over the alternative",
    "states the goal",
)


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        (
            "data-leakage",
            "Data leakage is when the model sees information in training that it will not "
            "have in production. For example, normalizing the whole dataset before the train "
            "test split. I prevent it by splitting the data first and fitting the "
            "preprocessing on the training set only, because otherwise the test score is too "
            "optimistic.",
        ),
        (
            "javascript-event-loop",
            "JavaScript runs on one thread. The call stack runs synchronous code. A setTimeout "
            "callback goes to the task queue and a resolved promise goes to the microtask "
            "queue. The microtasks run first, then the timeout. This matters because a long "
            "loop blocks clicks and rendering.",
        ),
        (
            "deployment-strategies",
            "A rolling deployment replaces instances a few at a time. Blue-green keeps two "
            "environments and switches traffic at once. A canary sends a small share of "
            "traffic to the new version first. For a risky change I would pick the canary.",
        ),
    ],
)
def test_an_explanation_gets_no_advice_meant_for_a_plan(question_id: str, answer: str) -> None:
    """A question that asks to explain or compare (data leakage, the event loop, release
    strategies) was told to "say what you would check or ask first", to say "how you would
    know it worked" and "why this choice over the alternative", advice for a plan."""
    card = scored(question_id, answer)
    said = [tip for tip in card.tips for phrase in _NOT_FOR_AN_EXPLANATION if phrase in tip]
    assert said == []


_MANAGER_SCENE = (
    "In 2022 I managed a team of eight at a logistics software company, and one engineer, "
    "Priya, had missed three sprint commitments in a row before a big customer launch. As "
    "her manager it was my job to find out why within the quarter. I asked her in our "
    "one-on-one what was going on, and found she was stuck on an unfamiliar service, so I "
    "paired her with a senior engineer twice a week because she needed context. "
)


def test_a_people_story_with_a_plain_outcome_is_not_asked_for_evidence_it_worked() -> None:
    """ "She was promoted a year later" is evidence the change worked: with a lesson beside
    it, the card still asked to "add evidence the change worked"."""
    card = scored(
        "managing-underperformer",
        _MANAGER_SCENE + "By the end of the plan she met her commitments, and she was "
        "promoted a year later. I learned to ask before I assume.",
    )
    result = card.dimensions["result"].feedback
    assert "add evidence the change worked" not in result
    assert "add its scale" in result


def test_a_people_story_without_an_outcome_is_asked_what_changed_for_the_person() -> None:
    """A manager's story with no outcome was asked for "time saved, % change, customers
    affected", figures of a product, not of the person managed."""
    card = scored(
        "managing-underperformer",
        _MANAGER_SCENE + "After that she felt more confident and spoke up in planning.",
    )
    result = card.dimensions["result"].feedback
    assert "customers affected" not in result
    assert "what changed for them" in result


def test_a_view_that_ends_on_the_role_is_not_told_to_link_it_to_the_role() -> None:
    """A management style that ends "Here, ... I would bring ..." was told to "end by
    linking it to this role", quoting a habit told two lines before the close."""
    card = scored(
        "management-philosophy",
        "I have managed engineering teams for six years, most recently twelve people on a "
        "payments platform. What I aim for is a team that decides well without me. For "
        "example, when I joined my current team every release needed my sign-off, so I "
        "wrote down my criteria and handed the call to the on-call lead, because I was the "
        "bottleneck. Releases went from weekly to daily within two months. I hold weekly "
        "one-on-ones that are the engineer's agenda, and I give feedback within a day, not at "
        "review time. Here, with a team that is growing fast, "
        "I would bring the same habit of writing decisions down.",
    )
    result = card.dimensions["result"].feedback
    assert result.startswith('"Here, with a team that is growing fast')
    assert "link" not in result


def test_a_bound_of_a_second_in_words_is_a_latency() -> None:
    """An offline form app that "must open and save in under a second" was told to "also
    state the latency you need"."""
    card = scored(
        "design-offline-web-app",
        "The users are about 2,000 field technicians on tablets, often with no signal for "
        "hours; admin screens are out of scope. Forms must open and save in under a second "
        "offline, and no submitted inspection may ever be lost. A service worker caches the "
        "app shell, and every save writes to IndexedDB first, because local writes never "
        "wait for the network. The trade-off is storage, and if the sync server is down "
        "the queue grows locally.",
    )
    assert "latency" not in card.dimensions["task"].feedback


def test_a_product_manager_agreeing_the_debt_plan_with_engineering_covers_the_point() -> None:
    """tech-debt-vs-features is offered to product managers, but its key point read
    "joint agreement with product manager": a product manager agreeing it with the
    engineering lead was asked to agree it with themselves."""
    point = "plan agreed jointly with the product manager or engineering lead"
    said = (
        "As the product manager I'd sit down with the engineering lead and agree a standing "
        "share of each sprint for maintenance, and we'd present it together."
    )
    covered = {k.point: k.covered for k in scored("tech-debt-vs-features", said).keypoints}
    assert covered[point]
    # Naming both sides of the argument is not agreeing anything.
    weak = (
        "I think tech debt matters. Engineers and product always argue about it, and product "
        "wants features. I would make sure we do some cleanup sometimes."
    )
    covered = {k.point: k.covered for k in scored("tech-debt-vs-features", weak).keypoints}
    assert not covered[point]
