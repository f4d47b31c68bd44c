"""Views of how one likes to work, told in a candidate's words, meet the key points that
name them in a coach's: a preference told as liking, autonomy as the how left to the
team, a habit by its cadence, a hand-off however it is written, a relationship as
getting to know people. Each case also has the near miss that must stay uncredited.
"""

from __future__ import annotations

import pytest
from scorer_helpers import BANK, quote_for, scored

from coachkit.scoring.analysis import analyse
from coachkit.scoring.text import join_compounds

TEAM = (
    "The best team I was on was four people building a billing service. {line} We wrote "
    "decisions down in a shared doc and argued in the comments. Code reviews were blunt but "
    "kind. {other}"
)
ADAPTED = "I've also worked on teams that were far more top-down, and I adapted fine."


@pytest.mark.parametrize(
    "line",
    [
        "I like a steady pace, and I like being left alone to figure things out.",
        "I'd rather have lots of room on the how than a detailed plan.",
        "That's what I look for: clear outcomes and freedom on the approach.",
        "I work best where each person is choosing how to do it.",
    ],
)
def test_a_preference_told_as_liking_meets_preferences_on_autonomy(line: str) -> None:
    card = scored("ideal-team-environment", TEAM.format(line=line, other=ADAPTED))
    assert quote_for(card, "specific preferences on autonomy and pace") == line


def test_freedom_alone_is_no_preference_told() -> None:
    """One of the point's words is not the point: the team had freedom, the candidate
    said nothing of wanting it."""
    line = "Our lead gave us freedom on the approach."
    card = scored("ideal-team-environment", TEAM.format(line=line, other=ADAPTED))
    assert quote_for(card, "specific preferences on autonomy and pace") is None


@pytest.mark.parametrize(
    "other",
    [
        ADAPTED,
        "When teams are more meeting-heavy I adjust and push for notes afterwards.",
        "I've been on teams that do everything over video calls and I just adapt.",
    ],
)
def test_flexibility_is_met_where_another_kind_of_team_is_told(other: str) -> None:
    line = "I like a steady pace."
    card = scored("ideal-team-environment", TEAM.format(line=line, other=other))
    assert quote_for(card, "flexibility when conditions differ") == other


def test_adapting_alone_does_not_say_the_conditions_differed() -> None:
    other = "I adapted my code review comments to be kinder."
    card = scored("ideal-team-environment", TEAM.format(line="I like a steady pace.", other=other))
    assert quote_for(card, "flexibility when conditions differ") is None


CURRENT = (
    "{line} Last spring I kept hearing about OpenTelemetry, so I built a small prototype "
    "that traced one request through our order service. That prototype became our tracing "
    "setup, and we now find slow queries in minutes."
)


@pytest.mark.parametrize(
    "line",
    [
        "Every week I read a couple of engineering blogs.",
        "On Sunday mornings I go through a few engineering blogs.",
        "I read the release notes of our tools once a month.",
    ],
)
def test_a_learning_habit_is_told_by_its_cadence(line: str) -> None:
    card = scored("staying-current", CURRENT.format(line=line))
    assert quote_for(card, "specific learning habits and sources") == line


def test_a_source_read_once_is_no_habit() -> None:
    line = "I once read an engineering blog about tracing."
    card = scored("staying-current", CURRENT.format(line=line))
    assert quote_for(card, "specific learning habits and sources") is None


REMOTE = (
    "My team is split between Berlin and Singapore, so nobody is online at the same time. "
    "Any decision bigger than a one-liner goes into a written doc. {line}"
)


@pytest.mark.parametrize(
    "line",
    [
        "End-of-day handoff notes with links and blockers, so nobody waits on me.",
        "If I hand something off at the end of my day I write up where it's at and what's next.",
        "I leave a complete handover with notes on what I've ruled out.",
    ],
)
def test_a_hand_off_is_one_thing_however_it_is_written(line: str) -> None:
    card = scored("remote-async-collaboration", REMOTE.format(line=line))
    assert quote_for(card, "complete hand-off notes across time zones") == line


def test_a_scope_is_no_hand_off() -> None:
    """Handing off is one way to renegotiate work, but a brief that sets the scope is no
    hand-off note."""
    line = "I start every project with a short written brief on the audience and the scope."
    card = scored("remote-async-collaboration", REMOTE.format(line=line))
    assert quote_for(card, "complete hand-off notes across time zones") is None


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("time zones", "timezone"),
        ("a time-zone", "a timezone"),
        ("handed it over", "handoff"),
        ("I wrote it up", "I wrote it up writeup"),
        ("hands-on", "hands-on"),
    ],
)
def test_compounds_of_remote_work_are_joined(text: str, joined: str) -> None:
    assert join_compounds(text) == joined


@pytest.mark.parametrize(
    "line",
    [
        "Occasional virtual coffee to actually know people.",
        "I try to have a video call sometimes only for talking, to get to know people better.",
    ],
)
def test_a_relationship_built_remotely_is_told_as_getting_to_know_people(line: str) -> None:
    card = scored("remote-async-collaboration", REMOTE.format(line=line))
    assert quote_for(card, "building relationships remotely") == line


def test_a_video_call_about_work_builds_no_relationship() -> None:
    line = "We hold a video call every Monday to plan the week."
    card = scored("remote-async-collaboration", REMOTE.format(line=line))
    assert quote_for(card, "building relationships remotely") is None


@pytest.mark.parametrize(
    ("sentence", "view"),
    [
        ("Every week I read a couple of engineering blogs.", True),
        ("On Sunday mornings I skim the release notes.", True),
        ("I read the changelogs of our main libraries once a month.", True),
        ("I wrote a migration script and ran office hours twice a week.", False),
        ("Every week I met the squad leads.", False),
    ],
)
def test_a_habit_told_by_its_cadence_is_a_view_and_a_story_step_is_not(
    sentence: str, view: bool
) -> None:
    """How one works now is a view of one's own ("every week I read ..."); what one did
    in a story ("I ran office hours twice a week") is not, however regular it was."""
    (info,) = analyse(BANK.get("staying-current"), sentence).usable
    assert info.stance == view


FIVE_YEARS = (
    "In five years I want to be a staff engineer who owns the reliability of a platform. "
    "I'd get there by leading one big migration end to end. {line}"
)


@pytest.mark.parametrize(
    "line",
    [
        "I'd like to grow here rather than hop around.",
        "I hope I can grow here for a long time.",
        "I'm looking for a place to invest in for several years.",
    ],
)
def test_staying_is_told_as_growing_here(line: str) -> None:
    card = scored("where-in-five-years", FIVE_YEARS.format(line=line))
    assert quote_for(card, "commitment to staying and contributing") == line


def test_a_question_asked_here_is_no_commitment() -> None:
    line = "The question here is whether the platform team needs a staff engineer."
    card = scored("where-in-five-years", FIVE_YEARS.format(line=line))
    assert quote_for(card, "commitment to staying and contributing") is None


WHY_ROLE = (
    "In my last job I rebuilt our payout system so merchants were paid on time. "
    "{line} I'd like to learn multi-currency ledgers, and I could help with runbooks early on."
)


def test_research_on_the_company_is_told_as_theirs() -> None:
    line = (
        "When I read your engineering blog post about real-time settlements, I saw the next step."
    )
    card = scored("why-this-role", WHY_ROLE.format(line=line))
    assert quote_for(card, "evidence of research on the company or product") == line
    line = "When I read an engineering blog post about real-time settlements, I saw the next step."
    card = scored("why-this-role", WHY_ROLE.format(line=line))
    assert quote_for(card, "evidence of research on the company or product") is None


@pytest.mark.parametrize(
    "line",
    [
        "If I can't name the problem it'd solve, I usually let the hype pass.",
        "I try not to jump on every shiny new framework.",
        "Not every new technology is good for us, so I ask if it solves a real problem we have.",
    ],
)
def test_filtering_hype_is_told_as_asking_what_problem_it_solves(line: str) -> None:
    card = scored("staying-current", CURRENT.format(line=f"I read release notes weekly. {line}"))
    assert quote_for(card, "filtering hype from useful technology") == line


def test_a_new_framework_tried_is_no_hype_filtered() -> None:
    line = "I tried a new framework last month."
    card = scored("staying-current", CURRENT.format(line=f"I read release notes weekly. {line}"))
    assert quote_for(card, "filtering hype from useful technology") is None


@pytest.mark.parametrize(
    "line",
    [
        "I'd rather read a doc than sit in an hour-long call.",
        "I prefer decisions written up first.",
    ],
)
def test_a_communication_style_is_told_as_a_preference_for_writing(line: str) -> None:
    card = scored("ideal-team-environment", TEAM.format(line=line, other=ADAPTED))
    assert quote_for(card, "written or synchronous communication style") == line


MOTIVATED = (
    "Seeing people use what I build. Last year I shipped an offline mode for field "
    "technicians, and support tickets dropped by half. I also like a hard debugging problem. "
    "{line}"
)


@pytest.mark.parametrize(
    ("line", "connected"),
    [
        ("This role is customer-facing and has plenty of both.", True),
        ("From what you described, this role has both.", True),
        ("The pool has both idle and busy connections.", False),
        ("The team has that problem with its on-call rotation too.", False),
    ],
)
def test_a_motivator_connected_to_the_role_is_told_as_the_role_having_it(
    line: str, connected: bool
) -> None:
    card = scored("what-motivates-you", MOTIVATED.format(line=line))
    found = quote_for(card, "connection to this role's daily work")
    assert (found == line) if connected else found is None
