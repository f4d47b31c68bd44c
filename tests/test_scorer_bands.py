"""Each STAR band reads an answer as the coach labels in tests/data do, without a lean.

The offline scorer's bands were read high on Situation and low on Task and Result
against those labels; these tests pin the causes found, one answer each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachkit import QuestionBank, ScoreCard
from coachkit.models import DIMENSIONS
from coachkit.scoring import LocalScorer

SCORER = LocalScorer()
BANK = QuestionBank.load()


def _card(question_id: str, answer: str) -> ScoreCard:
    return SCORER.score(BANK.get(question_id), answer)


# A strong incident story that never says "my job was": its task is plain from the rest.
UNSTATED_TASK = (
    "In March 2023 at Brightpath, a payroll startup of 40 people, our nightly payroll export "
    "started failing for our biggest customer, and 3,000 employees risked being paid late. "
    "I traced the failures to a timezone bug in the batch scheduler, wrote a fix with a "
    "regression test, and ran the export by hand that night so nobody was paid late. "
    "I then added an alert on export duration because the failure had been silent for two "
    "days. Failed exports went from four a month to zero over the next two quarters, and the "
    "alert caught one slow run before it mattered."
)


def test_a_strong_story_implies_a_clear_task() -> None:
    """Coaches credit the task of a strong story at 4 though it is never stated (the
    genuine answers' Task read 0.33 band low, mostly here); it was held to 3."""
    card = _card("production-incident", UNSTATED_TASK)
    assert [card.score(d) for d in ("situation", "action")] == [5, 5]
    assert card.score("task") == 4


def test_a_middling_story_implies_no_more_than_an_adequate_task() -> None:
    thin = UNSTATED_TASK.replace(
        " Failed exports went from four a month to zero over the next two quarters, and the "
        "alert caught one slow run before it mattered.",
        "",
    )
    assert _card("production-incident", thin).score("task") <= 3


# When, where, who and a figure, in plenty of words, but nothing said to be at stake.
FOUR_OF_FIVE = (
    "In 2022 I was a backend engineer at Tallyhouse, an accounting software company with a "
    "platform team of six, working with our product manager on the invoicing service. "
    "I rewrote the invoice renderer, I added a cache for tax tables, and I moved the PDF "
    "step to a queue so the web workers stopped blocking. Rendering time went from four "
    "seconds to 600 ms and support tickets about slow invoices fell by 70 percent."
)


def test_an_exemplary_situation_says_all_it_should() -> None:
    """The rubric's when, where, who and what was at stake, and a figure: four of them in
    plenty of words made a 5 (words stood in for the fifth); coaches gave such a 4."""
    assert _card("proudest-project", FOUR_OF_FIVE).score("situation") == 4
    at_stake = FOUR_OF_FIVE.replace(
        "working with our product manager on the invoicing service.",
        "working with our product manager on the invoicing service, where slow invoices "
        "risked our biggest customer's renewal.",
    )
    assert _card("proudest-project", at_stake).score("situation") == 5


MENTORED = (
    "At a streaming company, Mei was a mid-level data scientist on my team who wanted to reach "
    "senior. In our one-on-ones we compared her work with the career ladder, and the gap was "
    "owning a decision end to end. I gave her the lead on our recommendations testing "
    "programme, met her weekly, and gave her direct feedback on her analysis plans. In "
    "calibration I brought the product decisions she had driven. {end}"
)


def test_an_outcome_told_with_when_or_how_many_is_concrete() -> None:
    """ "Promoted to senior eight months later" can be checked as a figure can: coaches gave
    such outcomes 4 (7 of the 11 in the tune split), the scorer held them to 3."""
    dated = _card(
        "growing-engineers-careers",
        MENTORED.format(end="She was promoted to senior eight months later."),
    )
    assert dated.score("result") == 4
    plain = _card("growing-engineers-careers", MENTORED.format(end="She was promoted to senior."))
    assert plain.score("result") == 3


def test_a_short_plain_outcome_is_no_vague_gesture() -> None:
    """genuine-49 ends "He got promoted that cycle.": two content words, read as a vague
    gesture (1) though it says plainly how the story ended."""
    rows = (Path(__file__).parent / "data" / "genuine_answers.jsonl").read_text("utf-8")
    row = next(r for r in map(json.loads, rows.splitlines()) if r["id"] == "genuine-49")
    card = _card(row["question_id"], row["answer"])
    assert card.dimensions["result"].evidence == ["He got promoted that cycle."]
    # "that cycle" says when, as "eight months later" does: concrete, and checkable.
    assert card.score("result") >= 3


def test_a_trouble_that_has_not_come_back_is_an_outcome() -> None:
    """genuine-24 ends "We haven't had a skew incident since." (coach: Result 4), read as
    a vague gesture (1): no recurrence since the fix is how the story ended."""
    rows = (Path(__file__).parent / "data" / "genuine_answers.jsonl").read_text("utf-8")
    row = next(r for r in map(json.loads, rows.splitlines()) if r["id"] == "genuine-24")
    card = _card(row["question_id"], row["answer"])
    assert card.dimensions["result"].evidence == ["We haven't had a skew incident since."]
    assert card.score("result") >= 2


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("We haven't seen that bug again.", True),
        ("The team hasn't had a single outage like that since.", True),
        ("I haven't had time to look at it since.", False),
        ("We agreed a change, and the next critiques were much more focused.", True),
        ("The next two releases went out clean.", True),
        ("The next steps were unclear.", False),
        ("The next three weeks were hectic.", False),
    ],
)
def test_a_trouble_not_had_since_or_the_next_ones_told_are_outcomes(
    text: str, outcome: bool
) -> None:
    from coachkit.scoring.features import sentence_info
    from coachkit.scoring.text import Sentence

    assert sentence_info(Sentence(text, 0, 0), technical=False).outcome is outcome


def test_a_people_story_ending_on_a_comparison_is_thin_not_a_gesture() -> None:
    """genuine-45 (coach: Result 4) ends on how an engineer changed: "things improved a
    lot", "he hit his commitments and review churn dropped". The vague comparison took a
    point off, and the result read as a vague gesture (1); in a story about people it is
    only held to 2, and still flagged."""
    rows = (Path(__file__).parent / "data" / "genuine_answers.jsonl").read_text("utf-8")
    row = next(r for r in map(json.loads, rows.splitlines()) if r["id"] == "genuine-45")
    card = _card(row["question_id"], row["answer"])
    assert card.score("result") == 2
    assert "vague_metrics" in card.flags


# A design whose requirements are one list in one sentence.
LISTED = (
    "Requirements: create a short link, redirect fast with p99 under 20 ms, keep links "
    "forever by default, allow custom aliases, and count clicks. "
    "I'd generate codes as base62 of a counter, with each server leasing blocks of IDs so "
    "there's no single bottleneck. The mapping lives in a key-value store, since every "
    "lookup is by code. Hot links sit in Redis with a short TTL. I'd redirect with a 302 "
    "rather than a 301, because a 301 is cached by browsers and hides clicks from analytics. "
    "Clicks go onto a queue and are counted asynchronously, so a slow analytics store never "
    "slows a redirect."
)


def test_requirements_listed_in_one_sentence_count_one_by_one() -> None:
    """Five requirements, one quantified, read as one: Task 3, where coaches gave such
    lists 5 (dus-01, ia-01). Counted by clause, and one sentence earning its words."""
    card = _card("design-url-shortener", LISTED)
    assert card.dimensions["task"].evidence == [LISTED.split(". ")[0] + "."]
    assert card.score("task") == 4
    one = LISTED.replace(
        "create a short link, redirect fast with p99 under 20 ms, keep links forever by "
        "default, allow custom aliases, and count clicks.",
        "redirect fast with p99 under 20 ms.",
    )
    assert _card("design-url-shortener", one).score("task") <= 3


def test_a_declined_answer_shows_no_part_of_a_story() -> None:
    """Coaches mark every part of a non-answer absent (0); a line like "Could we come back
    to this one later?" read as a vague gesture (1) at Situation, Action or Result."""
    rows = (Path(__file__).parent / "data" / "labelled_answers.jsonl").read_text("utf-8")
    declined = [r for r in map(json.loads, rows.splitlines()) if r["kind"] == "non-answer"]
    assert len(declined) >= 5
    for row in declined:
        card = _card(row["question_id"], row["answer"])
        if "non_answer" in card.flags:
            assert [card.score(d) for d in DIMENSIONS] == [0, 0, 0, 0], row["id"]


def test_a_scene_told_through_filler_is_adequate_at_most() -> None:
    """Every filler-heavy answer in the labelled set has Situation 3 or less (the five in
    the tune split 1-3); told through "um, like, you know", all five elements read 5."""
    plain = (
        "In 2022 I was a backend engineer at Tallyhouse, an accounting software company with "
        "a platform team of six. Slow invoices risked our biggest customer's renewal. "
        "I rewrote the invoice renderer and added a cache for tax tables. "
        "Rendering time went from four seconds to 600 ms."
    )
    told = (
        "So, um, in 2022, like, I was, you know, a backend engineer at Tallyhouse, an "
        "accounting software company, basically, with, um, a platform team of six. And, like, "
        "slow invoices, you know, risked our biggest customer's renewal, basically. "
        "So, um, I rewrote, like, the invoice renderer, and I, you know, added a cache for "
        "tax tables, basically. And rendering time, um, went from four seconds to, like, "
        "600 ms, you know."
    )
    assert _card("proudest-project", plain).score("situation") == 5
    card = _card("proudest-project", told)
    assert "filler_heavy" in card.flags
    assert card.score("situation") == 3


def test_a_sound_design_implies_its_goal_as_a_story_does() -> None:
    """Sized, designed and reasoned, but no requirement listed: its implied Task was taken
    1.7 bands below the rest (a story's 1.0) and read 2; coaches give such designs 3."""
    unlisted = (
        "Assume 50 million new links a month, about 20 writes a second, and a hundred reads "
        "for every write, so 2,000 redirects a second. "
        "I'd generate codes as base62 of a counter, with each server leasing blocks of IDs so "
        "there's no single bottleneck. The mapping lives in a key-value store, since every "
        "lookup is by code. Hot links sit in Redis with a short TTL. I'd redirect with a 302, "
        "so every click reaches analytics."
    )
    card = _card("design-url-shortener", unlisted)
    assert card.dimensions["task"].evidence == []
    # Action 4: it meets five of the seven key points (no async analytics, no abuse handling).
    assert [card.score(d) for d in DIMENSIONS] == [4, 3, 4, 3]


def test_a_scene_short_of_exemplary_is_told_what_it_lacks() -> None:
    """At 4 the tip named nothing to add ("sets the scene"): it names the element missing."""
    failed = (
        "In 2022 I led the billing migration at Acme, a team of five. I was responsible for "
        "the cutover plan and the launch date. I skipped a full load test to hit the date, and "
        "the launch failed for two hours. I rolled back, ran the postmortem and added a load "
        "test gate to our release checklist. Since then we shipped 5 migrations with zero "
        "downtime, and I learned to test under real load."
    )
    situation = _card("time-you-failed", failed).dimensions["situation"]
    assert situation.score == 4
    assert "who was involved" in situation.feedback
