"""A manager's plans and principles, told in a candidate's words, meet the key points that
name them in a coach's: a quick win as a small fix soon made, expectations as what good
looks like, autonomy as stepping back, a principle as a belief, mentorship as coaching
(or being direct on their work) week by week, a stretch project as one handed to them to
lead. Each case also has the near miss that must stay uncredited.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

PLAN = (
    "The first month I'd spend listening: a one-on-one with every engineer, and time with "
    "product and my manager. {line} By day ninety I'd write up what I've seen and agree "
    "priorities with my manager."
)


@pytest.mark.parametrize(
    "line",
    [
        "In month two I'd fix one or two small irritants for the team.",
        "Then I'd look for one or two annoying things I can fix fast, like a flaky deploy.",
        "After a month I can find some small problems and fix them quickly.",
        "In the second month I'd pick one or two sources of friction, such as a slow CI.",
    ],
)
def test_a_quick_win_is_told_as_a_small_fix_soon_made(line: str) -> None:
    card = scored("first-90-days-manager", PLAN.format(line=line))
    assert quote_for(card, "early quick wins removing friction") == line


def test_a_fix_with_no_haste_or_smallness_is_no_quick_win() -> None:
    line = "In month two I'd look at the deploy pipeline and the on-call rotation."
    card = scored("first-90-days-manager", PLAN.format(line=line))
    assert quote_for(card, "early quick wins removing friction") is None


PHILOSOPHY = (
    "{principle} When I took over my team I reviewed every pull request myself and became "
    "the bottleneck. {line} With juniors I check in more often. My team told me in a "
    "skip-level that I was too helpful, and review waits fell once I stepped away."
)


@pytest.mark.parametrize(
    "line",
    [
        "Now I explain why the work matters and what done looks like, and then step back.",
        "I explain the why and what success looks like, then let people run.",
        "I make sure everyone knows what good looks like, and then I get out of the way.",
        "I'm pretty hands-off on the how, but very clear about the what and the why.",
    ],
)
def test_expectations_and_autonomy_are_told_as_what_good_looks_like_then_stepping_back(
    line: str,
) -> None:
    card = scored("management-philosophy", PHILOSOPHY.format(principle="", line=line))
    assert quote_for(card, "autonomy balanced with clear expectations") == line


@pytest.mark.parametrize(
    "line", ["Now I step back and let people run.", "I'm pretty hands-off on the how."]
)
def test_stepping_back_alone_sets_no_expectation(line: str) -> None:
    """Half the point is not the point: autonomy given with nothing said of what is
    expected of it."""
    card = scored("management-philosophy", PHILOSOPHY.format(principle="", line=line))
    assert quote_for(card, "autonomy balanced with clear expectations") is None


def test_a_principle_is_told_as_a_belief() -> None:
    principle = "I believe people do their best work when they understand the goal."
    line = "Now I explain the goal and leave the approach to the team."
    card = scored("management-philosophy", PHILOSOPHY.format(principle=principle, line=line))
    assert quote_for(card, "one or two core principles") == principle
    card = scored("management-philosophy", PHILOSOPHY.format(principle="", line=line))
    assert quote_for(card, "one or two core principles") is None


ASKED = (
    "What I'd really like to understand is how the team works. {line} How are priorities "
    "set between the platform work and feature requests?"
)


@pytest.mark.parametrize(
    ("line", "point"),
    [
        (
            "What would a great first six months look like for someone in this role?",
            "how success is measured early on",
        ),
        (
            "How will you judge whether I've been successful at the six-month mark?",
            "how success is measured early on",
        ),
        (
            "You mentioned the team took over the payments gateway in January: how has that gone?",
            "follow-up on something discussed earlier",
        ),
        (
            "Going back to the migration you described, who decides which services move first?",
            "follow-up on something discussed earlier",
        ),
    ],
)
def test_questions_to_ask_are_met_in_the_words_people_ask_them(line: str, point: str) -> None:
    card = scored("questions-for-interviewer", ASKED.format(line=line))
    assert quote_for(card, point) == line


def test_a_question_that_refers_to_nothing_said_is_no_follow_up() -> None:
    line = "What is the biggest challenge for the team right now?"
    card = scored("questions-for-interviewer", ASKED.format(line=line))
    assert quote_for(card, "follow-up on something discussed earlier") is None


MENTORED = (
    "At a logistics startup a junior developer, Sam, joined my team from a bootcamp and "
    "froze up in code review. My manager asked me to help him get up to speed. We paired "
    "on his tickets twice a week. {stretch} {progress}"
)


def test_a_mentee_s_stretch_and_progress_are_told_as_what_they_own_and_do_alone() -> None:
    stretch = "I also gave him the on-call runbook to own."
    progress = "After three months he was shipping features on his own."
    card = scored("mentored-someone", MENTORED.format(stretch=stretch, progress=progress))
    assert quote_for(card, "gradually increasing ownership and stretch tasks") == stretch
    assert quote_for(card, "mentee's concrete progress or promotion") == progress


def test_work_given_to_do_is_no_stretch_and_shipping_together_no_progress() -> None:
    stretch = "I also gave him the flaky tests to fix."
    progress = "After three months we were shipping features together."
    card = scored("mentored-someone", MENTORED.format(stretch=stretch, progress=progress))
    assert quote_for(card, "gradually increasing ownership and stretch tasks") is None
    assert quote_for(card, "mentee's concrete progress or promotion") is None


@pytest.mark.parametrize(
    ("line", "adapted"),
    [
        ("I adapt to the person: juniors get more structure, seniors more room.", True),
        ("I adjust a lot by person.", True),
        ("I adapted our sprint process to the new release train.", False),
        ("When someone's struggling I get more involved for a while.", True),
        ("When a release is near I get more involved in testing.", False),
    ],
)
def test_a_style_adapted_is_told_as_fitted_to_each_person(line: str, adapted: bool) -> None:
    principle = "I believe people do their best work when they understand the goal."
    card = scored("management-philosophy", PHILOSOPHY.format(principle=principle, line=line))
    found = quote_for(card, "adapting style to each report")
    assert (found == line) if adapted else found is None


def test_a_gap_raised_in_a_one_on_one_is_an_early_direct_conversation() -> None:
    answer = (
        "Last year a new engineer on my team kept missing her sprint commitments. {line} "
        "We agreed a written plan with weekly check-ins, and within two months she was "
        "closing her tickets on time."
    )
    line = "I raised it in our next one-on-one with two specific examples."
    card = scored("managing-underperformer", answer.format(line=line))
    assert quote_for(card, "early direct conversation about the gap") == line


def test_a_point_made_over_two_sentences_quotes_both() -> None:
    """Neither sentence alone is "one-on-ones with every team member": the card quoted
    only the first ("understand the team"), where the one-on-ones are in the second."""
    first = "First I will try to understand the team and the people before to change something."
    second = (
        "In first weeks I will have one-on-one meeting with each engineer, to know their "
        "background, their goals, and what problems they see."
    )
    card = scored(
        "first-90-days-manager",
        f"{first} {second} Then I meet the product manager and the stakeholders to learn "
        "what they expect from the team.",
    )
    assert quote_for(card, "one-on-ones with every team member") == f"{first} {second}"


REPORTS = (
    "I manage by context: people should know why the work matters. I run weekly "
    "one-on-ones and we set goals each quarter. {line}"
)


@pytest.mark.parametrize(
    "line",
    [
        "Last year my team said I am a good listener but slow to decide.",
        "Feedback from my team: I'm clear and fair, but I wait too long to step in.",
        "One piece of feedback I got last year from my reports was that I can be too diplomatic.",
        "A senior engineer told me in a skip-level that I was too helpful.",
    ],
)
def test_what_reports_said_of_a_manager_is_feedback_they_gave(line: str) -> None:
    card = scored("management-philosophy", REPORTS.format(line=line))
    assert quote_for(card, "feedback reports gave about you") == line


def test_what_the_team_said_of_the_work_is_no_feedback_on_the_manager() -> None:
    line = "Last year my team told me checkout was down before the alert fired."
    card = scored("management-philosophy", REPORTS.format(line=line))
    assert quote_for(card, "feedback reports gave about you") is None


@pytest.mark.parametrize(
    "line",
    ["Juniors get more structure, seniors more room.", "But it's different for everyone."],
)
def test_a_style_adapted_is_told_as_what_each_gets(line: str) -> None:
    card = scored("management-philosophy", REPORTS.format(line=line))
    assert quote_for(card, "adapting style to each report") == line


def test_juniors_and_seniors_named_together_adapt_no_style() -> None:
    line = "I paired two juniors with the seniors on call last quarter."
    card = scored("management-philosophy", REPORTS.format(line=line))
    assert quote_for(card, "adapting style to each report") is None


FIRST_MONTHS = (
    "The first month I'd spend listening: a one-on-one with every engineer, and time with "
    "product and my manager. {line} By day ninety I'd agree priorities with my manager."
)


@pytest.mark.parametrize(
    "line",
    [
        "No big process changes early.",
        "I'd keep notes on what I see before touching anything big.",
        "I would not come in and start changing stuff.",
    ],
)
def test_earning_trust_is_told_as_big_changes_held_back(line: str) -> None:
    card = scored("first-90-days-manager", FIRST_MONTHS.format(line=line))
    assert quote_for(card, "earning trust before big changes") == line


@pytest.mark.parametrize(
    "line",
    [
        "In month two I'd start changing stuff in the deploy process.",
        # What comes after "before" in a point says when, and alone makes none of it.
        "In month two I'd make big changes to the deploy process.",
    ],
)
def test_changes_made_early_earn_no_trust(line: str) -> None:
    card = scored("first-90-days-manager", FIRST_MONTHS.format(line=line))
    assert quote_for(card, "earning trust before big changes") is None


@pytest.mark.parametrize(
    "line",
    [
        "We agreed a plan in writing, with weekly check-ins for six weeks.",
        "I wrote down the plan and what good looks like, and we met weekly.",
    ],
)
def test_a_plan_in_writing_is_a_written_plan(line: str) -> None:
    answer = (
        "Last year one of my engineers missed three sprint commitments in a row. I raised it "
        f"in our next one-on-one and asked what was going on. {line} Within two months he was "
        "hitting his commitments again."
    )
    card = scored("managing-underperformer", answer)
    assert quote_for(card, "written expectations and improvement plan") == line


@pytest.mark.parametrize(
    "line",
    [
        "Before each planning cycle I gather feedback on the roadmap from my team.",
        "My own manager runs skip-levels with my engineers every quarter.",
        "Last month my team told me I needed to sign off on the new vendor contract.",
    ],
)
def test_feedback_on_the_work_or_a_request_is_no_feedback_on_the_manager(line: str) -> None:
    card = scored("management-philosophy", REPORTS.format(line=line))
    assert quote_for(card, "feedback reports gave about you") is None


def test_a_hedge_is_no_principle() -> None:
    line = "I believe the team was about twelve people when I took it over."
    card = scored("management-philosophy", REPORTS.format(line=line))
    assert quote_for(card, "one or two core principles") is None


@pytest.mark.parametrize(
    "line",
    [
        "In sprint planning I decide how the work gets split, and I set expectations.",
        "If I step back for a second, my expectations of the team are simple.",
        "As a new manager I didn't trust them to handle incidents, and my expectations were rigid.",
    ],
)
def test_a_manager_deciding_or_an_idiom_leaves_no_autonomy(line: str) -> None:
    card = scored("management-philosophy", REPORTS.format(line=line))
    assert quote_for(card, "autonomy balanced with clear expectations") is None


@pytest.mark.parametrize(
    "line",
    [
        "I wouldn't change anything big in the first couple of months.",
        "I'd hold off on any big changes until the team has reason to trust my judgement.",
    ],
)
def test_big_changes_held_back_are_told_with_contractions_and_holding_off(line: str) -> None:
    card = scored("first-90-days-manager", FIRST_MONTHS.format(line=line))
    assert quote_for(card, "earning trust before big changes") == line


@pytest.mark.parametrize(
    "line",
    [
        "I'd also ask why the mobile app has had no big changes in a year.",
        "I'd want to know how the team worked before the big changes last year.",
        "Early on I'd also want to quickly understand a few things about estimates.",
    ],
)
def test_big_changes_asked_about_hold_nothing_back(line: str) -> None:
    card = scored("first-90-days-manager", FIRST_MONTHS.format(line=line))
    assert quote_for(card, "earning trust before big changes") is None
    assert quote_for(card, "early quick wins removing friction") is None


CAREER = (
    "An engineer on my team, Daniel, told me in a one-on-one that he wanted to get to senior "
    "within a year. We went through our career ladder together, line by line. {line} He got "
    "promoted that cycle."
)


@pytest.mark.parametrize(
    "line",
    [
        "I met with him every week and coached him on his design doc.",
        "I mentored him every week through it.",
        "I met with him every week, and I was pretty direct on his design doc.",
    ],
)
def test_mentorship_is_told_as_mentoring_or_coaching_at_a_cadence(line: str) -> None:
    card = scored("growing-engineers-careers", CAREER.format(line=line))
    assert quote_for(card, "regular feedback and mentorship") == line


def test_coaching_once_is_no_regular_mentorship() -> None:
    line = "I once coached him on a design doc."
    card = scored("growing-engineers-careers", CAREER.format(line=line))
    assert quote_for(card, "regular feedback and mentorship") is None


def test_being_direct_about_something_else_is_no_feedback() -> None:
    line = "I met with him every week, and I was direct about the deadline with my manager."
    card = scored("growing-engineers-careers", CAREER.format(line=line))
    assert quote_for(card, "regular feedback and mentorship") is None


@pytest.mark.parametrize(
    ("line", "stretch"),
    [
        (
            "When a project came up to rebuild our fraud rules engine across three teams, I "
            "gave it to him to lead.",
            True,
        ),
        ("When a project came up across three teams, I gave it to the platform team.", False),
    ],
)
def test_a_project_handed_to_them_to_lead_is_a_stretch_project(line: str, stretch: bool) -> None:
    card = scored("growing-engineers-careers", CAREER.format(line=line))
    found = quote_for(card, "stretch project demonstrating next level")
    assert (found == line) if stretch else found is None
