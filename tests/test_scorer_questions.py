""" "Do you have any questions for us?" is answered with questions, and scored on them."""

from __future__ import annotations

import pytest

from coachkit import QuestionBank
from coachkit.llm.prompt import build_prompt
from coachkit.models import Question
from coachkit.rubric import dimension_brief, flag_explanation, reading
from coachkit.scoring import LocalScorer
from coachkit.scoring.analysis import analyse
from coachkit.scoring.rebuild import METRIC, QUESTION_PLACEHOLDERS

BANK = QuestionBank.load()
SCORER = LocalScorer()
QUESTION = BANK.get("questions-for-interviewer")
GOOD = (
    "Yes, three. Earlier you mentioned the payments team is moving from the monolith to "
    "services; what's the hardest part of that migration right now? I ask because that's the "
    "work I did at Lumen for two years, and I'd like to know where I'd be useful first. "
    "Second, how do you measure success for someone in this role in the first six months? "
    "That would help me plan my first quarter. And last, when product and platform disagree "
    "on priorities, who makes the call and how?"
)
# The same questions, asked indirectly.
REPORTED = (
    "I'd like to know how you'd judge whether I'm doing well after three months. I'm also "
    "curious what the team finds hardest right now, since the job posting mentions a "
    "migration. And I'd ask how on-call works, because my last team burned out on it."
)
# A strong story, told for "Tell me about a time you failed".
STORY = (
    "In 2023 I was the backend lead at Lumen when our payment service failed during a launch. "
    "I was responsible for restoring checkout within the hour, with the CFO watching. I rolled "
    "back the release, added a canary stage and wrote a runbook for the team. Checkout errors "
    "fell from 12% to 0.3% and we had no incident in the next six months."
)


def _question(prompt: str, category: str = "cultural-fit") -> Question:
    return Question(
        id="custom",
        category=category,
        roles=("any",),
        prompt=prompt,
        why_asked="Why.",
        how_to_answer="How.",
        keypoints=("a point",),
    )


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Do you have any questions for us?", "questions"),
        ("Any questions for me before we wrap up?", "questions"),
        ("Is there anything you'd like to ask the panel?", "questions"),
        ("What would you ask your future manager?", "questions"),
        ("Why do you want this role?", "view"),
        ("Tell me about a time you asked hard questions of a vendor.", "story"),
    ],
)
def test_a_prompt_that_invites_questions_is_read_as_questions(prompt: str, expected: str) -> None:
    assert reading(_question(prompt)) == expected


def test_a_design_prompt_is_never_read_as_questions() -> None:
    assert reading(_question("What questions for the team would you ask first?", "technical")) == (
        "technical"
    )


def test_good_questions_score_well_and_a_story_told_instead_does_not() -> None:
    good = SCORER.score(QUESTION, GOOD)
    reported = SCORER.score(QUESTION, REPORTED)
    story = SCORER.score(QUESTION, STORY)
    assert good.overall >= 70 and reported.overall >= 70
    assert good.flags == [] and reported.flags == []
    assert good.score("action") >= 4  # the questions themselves
    # The same story scores high where it belongs, and low where it asks nothing.
    assert SCORER.score(BANK.get("time-you-failed"), STORY).overall >= 70
    assert "misses_question" in story.flags
    assert story.overall <= 45 < good.overall
    assert story.score("action") == 0


def test_each_dimension_quotes_what_serves_it() -> None:
    card = SCORER.score(QUESTION, GOOD)
    situation = card.dimensions["situation"].evidence
    assert any(q.startswith("Earlier you mentioned the payments team") for q in situation)
    assert any(q.startswith("I ask because") for q in card.dimensions["task"].evidence)
    assert any(q.startswith("That would help me") for q in card.dimensions["result"].evidence)
    # "I ask because …, and I'd like to know …" explains a question; it is not a new one.
    asked = [s.text for s in analyse(QUESTION, GOOD).sentences if s.asks]
    assert len(asked) == 3 and not any(text.startswith("I ask because") for text in asked)


def test_only_a_question_shows_a_key_point() -> None:
    card = SCORER.score(QUESTION, GOOD)
    covered = {k.point: k.evidence for k in card.keypoints if k.covered}
    assert covered["how success is measured early on"] == (
        "Second, how do you measure success for someone in this role in the first six months?"
    )
    assert "follow-up on something discussed earlier" in covered
    # A story's figures are not a question about how success is measured.
    story = SCORER.score(QUESTION, STORY)
    assert not any(k.covered for k in story.keypoints)


def test_no_questions_is_a_non_answer_and_one_plain_question_is_not() -> None:
    none = SCORER.score(QUESTION, "No, I think you covered everything. Thanks for your time.")
    assert "non_answer" in none.flags and none.overall <= 5
    plain = SCORER.score(QUESTION, "What's the team culture like? What do you like most here?")
    assert "non_answer" not in plain.flags and "off_topic" not in plain.flags
    assert "too_short" in plain.flags  # thin, and told so in the questions' own words
    assert flag_explanation("too_short", QUESTION).startswith("The answer is short: ask two")


def test_a_story_with_one_rhetorical_question_still_asks_nothing() -> None:
    card = SCORER.score(QUESTION, STORY + " What would you have done?")
    assert "misses_question" in card.flags
    assert "asks no questions" in flag_explanation("misses_question", QUESTION)


def test_tips_and_rebuild_speak_of_questions_not_of_a_story() -> None:
    card = SCORER.score(QUESTION, REPORTED)
    said = " ".join(card.tips)
    for story_words in ("at stake", "the constraint", "add a figure", "step by step"):
        assert story_words not in said
    plain = SCORER.score(QUESTION, "How do you measure success here? What is hardest now?")
    texts = [line.text for line in plain.rebuilt]
    assert QUESTION_PLACEHOLDERS["task"] in texts and METRIC not in texts
    assert dimension_brief(QUESTION, "action").startswith("the questions themselves")


def test_a_view_is_not_asked_for_a_metric_in_its_rebuild() -> None:
    view = (
        "I'm a backend engineer at a logistics company, where I've spent three years on our "
        "routing API. What I want next is reliability work at a larger scale, and your platform "
        "team owns exactly that. I run our on-call reviews every month and I rewrote our "
        "alerting so pages point at a runbook. I'd bring that habit of making incidents boring."
    )
    card = SCORER.score(BANK.get("why-this-role"), view)
    assert METRIC not in [line.text for line in card.rebuilt]


def test_the_llm_is_told_the_answer_is_the_candidates_questions() -> None:
    asks = build_prompt(QUESTION, "An answer.").messages
    view = build_prompt(BANK.get("why-this-role"), "An answer.").messages
    assert "the candidate's own questions" in asks[1]["content"]
    assert "the candidate's own questions" not in view[1]["content"]
    assert "a view, not a story" in view[1]["content"]
    assert asks[0] == view[0]  # one system prompt for every question
    assert "asks no question" in asks[0]["content"]
