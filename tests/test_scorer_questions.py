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
        # A story prompt that mentions questions still asks for a story.
        ("Tell me about a time you answered hard questions for the team.", "story"),
        ("What would you ask a stakeholder before starting a project? Give an example.", "story"),
    ],
)
def test_a_prompt_that_invites_questions_is_read_as_questions(prompt: str, expected: str) -> None:
    assert reading(_question(prompt)) == expected


def test_a_behavioural_question_is_never_read_as_questions() -> None:
    prompt = "What would you ask your manager in your first week?"
    assert reading(_question(prompt, "behavioral")) == "story"


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


SALARY = (
    "Yes, I have a few questions. What is the salary range for this position, and how is the "
    "annual bonus calculated? How many days of paid vacation do employees get in the first "
    "year? Is there a signing bonus or stock options for new engineers? Can I work from home "
    "five days a week, and is there a budget for home office equipment?"
)
WORK = (
    "Yes, I have a few questions. How do you measure success for someone in this role in the "
    "first six months? What is the biggest challenge the team is facing this year, and what "
    "has been tried so far? How does the team decide its priorities each quarter, and who has "
    "the final say? What does on-call look like for the team, and how often are people paged?"
)


def test_questions_about_pay_and_perks_score_well_below_questions_about_the_work() -> None:
    perks = SCORER.score(QUESTION, SALARY)
    work = SCORER.score(QUESTION, WORK)
    assert work.overall >= perks.overall + 30
    assert not any(k.covered for k in perks.keypoints)  # "5 days", "$" measure no success
    assert any("for the recruiter" in tip for tip in perks.tips)
    website = "When was the company founded, and where is the headquarters? How many offices?"
    assert SCORER.score(QUESTION, website).overall <= perks.overall


def test_a_figure_in_a_question_does_not_ask_how_success_is_measured() -> None:
    card = SCORER.score(QUESTION, "Do you have 3 coffee machines? Is the gym 5 minutes away?")
    assert not any(k.covered for k in card.keypoints)


def test_one_question_the_answer_leads_up_to_is_asked() -> None:
    one = (
        "Yes, one thing. Earlier you mentioned that the team inherited the billing service from "
        "another group last spring. In my current job I went through a similar handover, and the "
        "hardest part was the undocumented on-call knowledge. I care about that because it "
        "decides how the first months feel. So my question is how the team has been handling "
        "on-call for billing since the handover, and what is still missing? That would tell me "
        "where I could help first."
    )
    card = SCORER.score(QUESTION, one)
    assert "misses_question" not in card.flags and card.overall >= 55
    covered = {k.point for k in card.keypoints if k.covered}
    assert "follow-up on something discussed earlier" in covered


def test_questions_written_without_question_marks_are_questions() -> None:
    lines = (
        "How is success measured in the first six months\n"
        "What is the biggest challenge the team faces right now\n"
        "How are priorities decided between product and platform\n"
        "What does on-call look like for the team"
    )
    card = SCORER.score(QUESTION, lines)
    assert "misses_question" not in card.flags and card.score("action") >= 4
    assert "[question?: what would you ask this interviewer?]" not in [
        line.text for line in card.rebuilt
    ]


def test_a_short_question_is_an_answer_and_three_crisp_ones_are_not_too_short() -> None:
    alone = SCORER.score(QUESTION, "How is success measured?")
    assert "non_answer" not in alone.flags and alone.score("action") >= 1
    crisp = (
        "Yes. What does success look like for this role in the first few months? What is the "
        "biggest challenge the team is facing right now? And how does the team decide what to "
        "work on each quarter?"
    )
    assert "too_short" not in SCORER.score(QUESTION, crisp).flags


def test_a_question_is_not_asked_to_quantify_what_it_would_learn() -> None:
    answer = (
        "I'd like to know how the team decides what to build. The answer would tell me a lot "
        "about how decisions really get made. Also, what is the hardest problem you are on?"
    )
    assert "vague_metrics" not in SCORER.score(QUESTION, answer).flags


def test_the_rebuild_keeps_the_questions_in_order_and_starts_each_with_a_capital() -> None:
    answer = (
        "First, how do you measure success for someone in this role in the first six months? "
        "Second, what is the biggest challenge the team faces this year? And third, you "
        "mentioned a migration earlier: what is left of it?"
    )
    card = SCORER.score(QUESTION, answer)
    asked = [line.text for line in card.rebuilt if line.dimension == "action"]
    assert [text.split(",")[0] for text in asked] == ["First", "Second", "Third"]


def test_perks_and_dodging_work_are_questions_for_no_one() -> None:
    """Questions about the offsite, ping-pong during work hours, skipping the standup
    and whether anyone would notice an absence, put with "Earlier you mentioned ..."
    and "I ask because ...", scored 77 (Action 4)."""
    dodging = (
        "Yes, a few. Earlier you mentioned the team offsite, so where is it and can partners "
        "come? I read that you have a ping-pong table, so how often can I play during work "
        "hours? I ask because I want to know whether I can skip the standup for it. And how "
        "many days a week can I not come in at all, and would anyone notice?"
    )
    card = SCORER.score(QUESTION, dodging)
    assert card.dimensions["action"].score <= 1
    assert card.overall <= SCORER.score(QUESTION, WORK).overall - 10
    assert any("for the recruiter" in tip for tip in card.tips)


@pytest.mark.parametrize(
    ("line", "point"),
    [
        (
            "What does the first three months look like for someone in this role?",
            "how success is measured early on",
        ),
        ("And what would make you say they'd done well?", "how success is measured early on"),
        ("What do the first 90 days look like here?", "how success is measured early on"),
        (
            "How does the team decide what goes on the roadmap versus what comes from sales?",
            "how decisions and priorities are made",
        ),
        ("Who decides what gets built first?", "how decisions and priorities are made"),
    ],
)
def test_success_and_priorities_asked_in_plain_words_are_asked(line: str, point: str) -> None:
    """Asked without the point's words ("success", "priorities"), they met no point."""
    covered = {h.point: h for h in analyse(QUESTION, line).keypoints if h.covered}
    assert point in covered


@pytest.mark.parametrize(
    "line",
    [
        "I did well in my first months there.",
        "The first three months looked like chaos.",
        "We decided what to build next.",
    ],
)
def test_a_statement_about_months_or_plans_asks_nothing(line: str) -> None:
    assert not any(h.covered for h in analyse(QUESTION, line).keypoints)
