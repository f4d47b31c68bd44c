"""The bundled product-manager track: fourteen questions, with key points worded so that
what a strong answer says meets them and a vague one does not."""

from __future__ import annotations

from collections import Counter

import pytest

from coachkit import QuestionBank, paths
from coachkit.bank import load_question_file
from coachkit.scoring import LocalScorer
from coachkit.scoring.analysis import analyse

NEW = (
    "design-product-for-new-managers",
    "sunset-a-feature",
    "competitor-launch-response",
)


def _covered(bank: QuestionBank, question_id: str, answer: str) -> set[str]:
    """The key points the scorer credits to ``answer``, read as it reads them (a technical
    question's "no X" point is made only where the answer turns X down)."""
    hits = analyse(bank.get(question_id), answer).keypoints
    return {hit.point for hit in hits if hit.covered}


def test_the_product_manager_track_has_its_fourteen_questions(bank: QuestionBank) -> None:
    """Product design, retiring a feature and a competitor's launch joined the eleven it had
    (saying no to a senior stakeholder is asked of every role: pushed-back-on-stakeholder)."""
    track = load_question_file(paths.bundled_questions_dir() / "product-manager.yaml")
    assert len(track) == 14
    assert set(NEW) <= {q.id for q in track}
    assert all("product-manager" in q.roles for q in track)
    assert all(4 <= len(q.keypoints) <= 6 for q in track)
    kinds = Counter(bank.get(qid).category for qid in NEW)
    assert kinds == {"technical": 3}
    assert {q.id for q in track} <= {q.id for q in bank.filter(role="product-manager")}


@pytest.mark.parametrize(
    ("question_id", "point", "said", "vague"),
    [
        # "Pain points ranked by frequency and severity" was met by naming pain points, and
        # not by the sentence that ranked them.
        (
            "design-product-for-new-managers",
            "pains ranked or prioritised by how often they happen",
            "I'd rank the forgotten follow-ups and the status-update drift highest, because "
            "they happen every week, while hard feedback is rarer.",
            "Their main pain points are not knowing what to talk about and forgetting follow-ups.",
        ),
        # "Private" brings "talk" and "chat" with it: "notes kept private between manager
        # and report" was met by talking to a few managers.
        (
            "design-product-for-new-managers",
            "notes kept private from HR",
            "The biggest risk is trust: notes stay private to the two of them and are never "
            "visible to HR or the manager's boss, otherwise nobody writes honestly.",
            "I'd talk to a few managers to understand what they need and make sure the design "
            "is simple and easy to use.",
        ),
        # "Usage data on who depends on it" wanted "depends" said beside the usage; usage
        # broken down by account says who does, and a head count of users does not.
        (
            "sunset-a-feature",
            "usage data on which accounts depend on it",
            "Only 4% of accounts had used it in the last 90 days, but when I broke usage down "
            "by account, 30 of them were enterprise customers who scheduled reports every "
            "week.",
            "I'd look at how many people use the feature and, if it's not many, decide to "
            "remove it.",
        ),
        # "Maintenance cost of keeping it" was met by saying that keeping it costs time.
        (
            "sunset-a-feature",
            "maintenance cost such as fixes, on-call or security patches",
            "It took roughly a fifth of one team's time in bug fixes and on-call, and the "
            "library it ran on had two open security issues.",
            "Keeping old features around costs the team time.",
        ),
        # "No reflexive copying of the feature" wanted "reflexive" or "feature" said beside
        # the refusal; a strong answer refuses to copy in its own words.
        (
            "competitor-launch-response",
            "no copying by reflex",
            "My first instinct is not to copy it: their launch tells me something about the "
            "market, not what to build.",
            "It's important to stay competitive, so I'd see whether we can build something "
            "similar or better.",
        ),
    ],
    ids=["pains-ranked", "private-notes", "usage-by-account", "upkeep", "copying"],
)
def test_a_strong_answers_move_is_credited_and_a_vague_one_is_not(
    bank: QuestionBank, question_id: str, point: str, said: str, vague: str
) -> None:
    assert point in bank.get(question_id).keypoints
    assert point in _covered(bank, question_id, said)
    assert point not in _covered(bank, question_id, vague)


def test_a_vague_ab_test_answer_is_not_read_as_one_to_the_product_design_question(
    bank: QuestionBank,
) -> None:
    """Asked to help managers "run better one-on-ones with the people who report to them",
    the design question drew a vague A/B test answer ("if the new one is better", "how
    many people complete") nearer to it than to its own, which called it off topic."""
    answer = (
        "I'd split users into two groups, one with the old checkout and one with the new "
        "one. Then I'd compare how many people complete their purchase in each group. If "
        "the new one is better and the result is statistically significant, we would roll "
        "it out to everyone. It's also good to let the test run long enough."
    )
    card = LocalScorer().score(bank.get("ab-test-design"), answer)
    assert "off_topic" not in card.flags
