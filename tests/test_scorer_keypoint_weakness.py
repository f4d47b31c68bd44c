"""A weakness managed, and the improvement since, told in a candidate's words: what one
does now ("now I raise concerns in writing early") is the strategy, and being better now
("review time is back under a day") the improvement. A story's past step is neither.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

WEAKNESS = (
    "My weakness is that I avoid conflict. Last year I let a teammate's flawed API design "
    "through review because I didn't want friction, and we rewrote it two months later. "
    "{line} {since}"
)


@pytest.mark.parametrize(
    "line",
    [
        "Now I raise concerns in writing early and ask my lead to hold me to it.",
        "What I do now is write my concerns in the design doc before the meeting.",
        "I now deliberately ask the quietest reviewer to argue the other side.",
        "Now I have a rule for myself: any concern I have goes in the review that day.",
    ],
)
def test_what_one_does_now_is_the_strategy_that_manages_a_weakness(line: str) -> None:
    card = scored("biggest-weakness", WEAKNESS.format(line=line, since=""))
    assert quote_for(card, "active strategy to manage it") == line


def test_a_step_taken_once_in_the_story_is_no_strategy() -> None:
    line = "I raised it with my lead the week after."
    card = scored("biggest-weakness", WEAKNESS.format(line=line, since=""))
    assert quote_for(card, "active strategy to manage it") is None


@pytest.mark.parametrize(
    "since",
    [
        "Review time is back under a day.",
        "Over time I've gotten much better at it: my last three design reviews raised issues "
        "before the build.",
    ],
)
def test_being_better_now_is_improvement_over_time(since: str) -> None:
    line = "Now I raise concerns in writing early."
    card = scored("biggest-weakness", WEAKNESS.format(line=line, since=since))
    assert quote_for(card, "evidence of improvement over time") == since


def test_a_release_rolled_back_within_minutes_is_no_figure_back_where_it_belongs() -> None:
    line = "Now I raise concerns in writing early."
    since = "When a release broke checkout I rolled back within 20 minutes."
    card = scored("biggest-weakness", WEAKNESS.format(line=line, since=since))
    assert quote_for(card, "evidence of improvement over time") is None


@pytest.mark.parametrize(
    "line",
    [
        "Last spring I said yes to everything, and the main feature slipped by three weeks.",
        "I kept polishing the charts and I shipped the dashboard three weeks late.",
        "Last spring I stayed quiet about a bad design, and it cost the team four weeks.",
    ],
)
def test_what_a_weakness_caused_is_told_as_its_cost(line: str) -> None:
    answer = f"My weakness is that I overcommit. {line} Now I keep a visible list of my work."
    card = scored("biggest-weakness", answer)
    assert quote_for(card, "example where it caused a problem") == line


@pytest.mark.parametrize(
    "line",
    [
        "I have said yes to too many things at times.",
        "Last spring I rewrote our nightly batch as a pipeline, cutting lag to 40 minutes.",
        "Last spring merchants were being paid three days late until I fixed the batch.",
    ],
)
def test_a_weakness_named_with_no_cost_gives_no_example(line: str) -> None:
    """A rewrite told as an achievement, or someone else's lateness fixed, is no cost."""
    answer = f"My weakness is that I overcommit. {line} Now I keep a visible list of my work."
    card = scored("biggest-weakness", answer)
    assert quote_for(card, "example where it caused a problem") is None


NAMED = (
    "{line} Last spring it cost us: the main feature slipped by three weeks. Now I keep a "
    "visible list of my work and review it with my lead every Monday."
)


@pytest.mark.parametrize(
    "line",
    [
        "Public speaking to large groups.",
        "Honestly, avoiding conflict.",
        "I can be impatient with slow reviews.",
        "I tend to overcommit when a team asks for help.",
        "I find it hard to say no when a team asks for help.",
        "I'm not great at saying no to other teams.",
        "I put off writing the documents I find boring.",
        "I procrastinate on the tasks I find boring.",
        "I'm quite shy in big meetings.",
    ],
)
def test_a_weakness_is_told_by_naming_it(line: str) -> None:
    card = scored("biggest-weakness", NAMED.format(line=line))
    assert quote_for(card, "real weakness that is not disqualifying") == line


@pytest.mark.parametrize(
    "line",
    [
        "My manager was impatient with the vendor.",
        "I helped two teams avoid conflict over the API.",
        "I love public speaking and give talks often.",
    ],
)
def test_a_trait_of_someone_else_or_a_liking_names_no_weakness(line: str) -> None:
    card = scored("biggest-weakness", NAMED.format(line=line))
    assert quote_for(card, "real weakness that is not disqualifying") is None


def test_a_short_answer_naming_its_weakness_is_on_topic() -> None:
    """Three sentences that never say "weakness" were flagged off_topic, their evidence
    and key points cleared: too short, yes, but about the question asked."""
    card = scored("biggest-weakness", NAMED.format(line="I can be impatient with slow reviews."))
    assert "off_topic" not in card.flags
    assert "too_short" in card.flags


def test_what_one_does_now_for_work_is_no_strategy() -> None:
    line = "I now lead a team of six, so that matters even more than it used to."
    card = scored("biggest-weakness", WEAKNESS.format(line=line, since=""))
    assert quote_for(card, "active strategy to manage it") is None


@pytest.mark.parametrize(
    "line",
    [
        "I keep a visible list of my commitments and review it with my lead.",
        "I rehearse every talk out loud twice with a colleague.",
        "I timebox the polish on every feature to one day.",
    ],
)
def test_a_habit_kept_in_the_present_is_the_strategy(line: str) -> None:
    card = scored("biggest-weakness", WEAKNESS.format(line=line, since=""))
    assert quote_for(card, "active strategy to manage it") == line


@pytest.mark.parametrize(
    "line",
    [
        "I keep forgetting my own deadlines when the week gets busy.",
        "I wrote my concerns down once, the week after it happened.",
        # A present habit as often tells the weakness itself.
        "I write really long documents, and my reviewers struggle to get through them.",
    ],
)
def test_the_weakness_itself_or_a_step_once_is_no_strategy(line: str) -> None:
    card = scored("biggest-weakness", WEAKNESS.format(line=line, since=""))
    assert quote_for(card, "active strategy to manage it") is None
