"""Manager and data answers meet a key point by what they say of it, not by a word near it.

Each vague answer below is read as missing the point; the strong answer beside it, in
other words, still makes it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scorer_helpers import quote_for, scored

WISHED = (
    "I had someone on my team who wanted to be promoted. We talked about it in our "
    "one-on-ones and I gave them some bigger projects to work on. I supported them and gave "
    "feedback along the way. Eventually they got promoted, which was great to see, and they "
    "are doing well now."
)
ADVOCATED = (
    "At Finlytics I managed Priya, a mid-level backend engineer who wanted to reach senior "
    "within a year. I kept a running document of evidence against each senior criterion. At "
    "the promotion calibration I presented that evidence and answered the challenge that her "
    "project was only a migration. She was promoted to senior eleven months later."
)
VAGUE_UNDERPERFORMER = (
    "I had someone on my team who wasn't performing well. We had some conversations about it "
    "and I tried to support them. We put a plan in place and kept an eye on things. In the end "
    "it worked out okay and they improved a bit. It was a good learning experience for "
    "everyone."
)
DIRECT_UNDERPERFORMER = (
    "At Ledgerly I inherited a backend engineer, Tom, whose pull requests had dropped to about "
    "one a fortnight and who missed two sprint commitments in a row. I raised it in our next "
    "one-on-one rather than waiting for the review cycle, with the two examples, and asked "
    "what was going on. I wrote down three specific expectations for the next six weeks. "
    "Within six weeks he shipped the refund endpoint end to end."
)
SYMPTOM = (
    "The model is too good on the training data and not good enough on validation. I would "
    "try to make the model simpler or add some regularisation and see if that helps."
)
MORE_DATA = (
    "The gap between training and validation says the model has high variance. The levers "
    "are collecting more labelled examples, or augmentation for images, and regularisation."
)
VANITY = (
    "First I'd ask what the feature is for and who it serves. The primary metric is the share "
    "of weekly active documents edited by two people. I'd avoid vanity counts like total "
    "documents created, which rise with sign-ups whatever the feature does."
)
COUNTS_ONLY = (
    "First I'd ask what the feature is for and who it serves. I'd track page views and total "
    "documents created as the main measure of success, and report them every week."
)


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("advocacy in promotion calibration", WISHED),
        ("early direct conversation about the gap", VAGUE_UNDERPERFORMER),
        ("written expectations and improvement plan", VAGUE_UNDERPERFORMER),
        ("more training data or augmentation", SYMPTOM),
        ("avoid vanity metrics like page views", COUNTS_ONLY),
    ],
)
def test_vague_answer_misses_point(point: str, answer: str) -> None:
    qid = {
        "advocacy in promotion calibration": "growing-engineers-careers",
        "early direct conversation about the gap": "managing-underperformer",
        "written expectations and improvement plan": "managing-underperformer",
        "more training data or augmentation": "bias-variance-overfitting",
        "avoid vanity metrics like page views": "define-success-metrics",
    }[point]
    assert quote_for(scored(qid, answer), point) is None


def test_wish_to_be_promoted_is_no_outcome() -> None:
    # The promotion that happened is the outcome, not the wish the story opens with.
    quote = quote_for(
        scored("growing-engineers-careers", WISHED), "outcome such as promotion achieved"
    )
    assert quote is not None and "Eventually they got promoted" in quote


@pytest.mark.parametrize(
    ("qid", "answer", "point", "said"),
    [
        (
            "growing-engineers-careers",
            ADVOCATED,
            "advocacy in promotion calibration",
            "calibration",
        ),
        (
            "managing-underperformer",
            DIRECT_UNDERPERFORMER,
            "early direct conversation about the gap",
            "I raised it",
        ),
        (
            "managing-underperformer",
            DIRECT_UNDERPERFORMER,
            "written expectations and improvement plan",
            "I wrote down",
        ),
        ("bias-variance-overfitting", MORE_DATA, "more training data or augmentation", "more"),
        ("define-success-metrics", VANITY, "avoid vanity metrics like page views", "vanity"),
    ],
)
def test_strong_answer_in_other_words_meets_point(
    qid: str, answer: str, point: str, said: str
) -> None:
    quote = quote_for(scored(qid, answer), point)
    assert quote is not None and said in quote


def _coverage(question_id: str, kind: str) -> str:
    rows = Path(__file__).parent / "data" / "coverage_answers.jsonl"
    for line in rows.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["question_id"] == question_id and row["kind"] == kind:
            return str(row["answer"])
    raise AssertionError(f"no {kind} answer for {question_id}")


@pytest.mark.parametrize("question_id", ["engineer-thinking-of-leaving", "mediating-team-conflict"])
def test_a_story_ending_on_what_became_of_a_person_is_asked_for_no_metric(
    question_id: str,
) -> None:
    # The card raised no no_metrics flag for them, yet the rebuild ended on "[metric?: how
    # much, before vs after?]" under "He stayed, and was promoted to staff nine months later".
    card = scored(question_id, _coverage(question_id, "strong"))
    assert "no_metrics" not in card.flags
    assert not any(line.text.startswith("[metric?") for line in card.rebuilt)


def test_a_delivery_story_with_no_figure_is_still_asked_for_one() -> None:
    card = scored(
        "shipped-under-tight-deadline",
        "Last spring our payments team at Acme had three weeks to ship card refunds before "
        "a partner launch. I owned the refund API. I cut the admin screens from scope, wrote "
        "the API first and paired with QA every afternoon. We shipped on time and the "
        "partner launched with refunds working.",
    )
    assert any(line.text.startswith("[metric?") for line in card.rebuilt)
