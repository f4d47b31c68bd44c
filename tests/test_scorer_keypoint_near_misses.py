"""Sentences a candidate might well say that read, word for word, like a key point's
phrases but make none of it: a stint in the past for staying, a codebase for people,
clients for colleagues. Each was credited once; none may be.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

from coachkit.scoring.keypoints import _ANNOUNCES
from coachkit.scoring.lexicon import OUTCOME

FIVE_YEARS = (
    "Five years from now I'd like to be leading the design of a large system end to end. I "
    "want to get much better at distributed systems and at writing clear design docs. This "
    "role is a good fit because the platform team owns exactly those problems. {line}"
)
REMOTE = (
    "Most of our decisions go into short design docs with a decision log at the bottom. I "
    "post a written status update in our team channel every Friday. We keep two overlap hours "
    "with the US folks for anything that needs a real conversation. {line} Before I sign off "
    "I leave hand-off notes in the ticket so Sydney can pick it up."
)
CONFLICT = (
    "Last year a teammate and I disagreed about whether to version our public API or just "
    "add optional fields. He wanted to avoid the overhead of maintaining two versions, which "
    "was a fair concern. We sat down one-on-one and I walked through which partners would "
    "break. {line} I'd still argue for versioning next time."
)


@pytest.mark.parametrize(
    ("question_id", "template", "line", "point"),
    [
        (
            "where-in-five-years",
            FIVE_YEARS,
            "Before this I was at Shopify for several years, which taught me a lot about scale.",
            "commitment to staying and contributing",
        ),
        (
            "where-in-five-years",
            FIVE_YEARS,
            "Over the long term I could even see myself starting my own company.",
            "commitment to staying and contributing",
        ),
        (
            "remote-async-collaboration",
            REMOTE,
            "When I joined I spent two weeks getting to know the codebase through small fixes.",
            "building relationships remotely",
        ),
        (
            "conflict-with-teammate",
            CONFLICT,
            "We kept the v1 endpoints so existing clients still work.",
            "relationship stayed healthy afterwards",
        ),
        (
            "ideal-team-environment",
            "{line} At Spotify my squad planned its own sprints and our PM set the goals. "
            "Decisions were written up in short docs and anyone could comment.",
            "I like to think I'm pretty adaptable, and at my last job the pace changed often.",
            "specific preferences on autonomy and pace",
        ),
        (
            "managing-underperformer",
            "Last year one of my engineers started missing sprint commitments, and I raised "
            "it with him the same week. It turned out he didn't understand what senior meant "
            "on our team. {line} I checked in with him every week, and within two months he "
            "was leading the payments refactor.",
            "He was much stronger in writing than in meetings, so we agreed a plan over Slack.",
            "written expectations and improvement plan",
        ),
    ],
)
def test_a_phrase_in_another_sense_makes_no_point(
    question_id: str, template: str, line: str, point: str
) -> None:
    card = scored(question_id, template.format(line=line))
    assert quote_for(card, point) is None


@pytest.mark.parametrize(
    "line",
    [
        "Over the long term I'd like to stay and grow here for several years.",
        "I'd like to grow here rather than hop around.",
    ],
)
def test_staying_is_still_told_as_ones_own_plan(line: str) -> None:
    card = scored("where-in-five-years", FIVE_YEARS.format(line=line))
    assert quote_for(card, "commitment to staying and contributing") == line


@pytest.mark.parametrize(
    ("question_id", "answer", "point"),
    [
        (
            "delivering-bad-news-upward",
            "Last spring our data migration was going to miss the March deadline by three "
            "weeks. I didn't escalate right away, which I regret. When I did, I led with the "
            "new date and the cost, and proposed cutting two reports to recover a week.",
            "escalated promptly without delay",
        ),
        (
            "scope-tradeoff-with-engineering",
            "Engineering estimated ten weeks for the reporting feature, and sales wanted it in "
            "four. I pushed for the full scope and I stood by my decision in the review. We "
            "shipped it in eleven weeks.",
            "respect for engineering judgement",
        ),
        (
            "conflict-with-teammate",
            "Last year a teammate and I disagreed about whether to cache at the edge or in the "
            "service. We had two days to make it work, so we shipped my design. It held up "
            "through the launch.",
            "disagree and commit once decided",
        ),
    ],
)
def test_a_phrase_said_of_the_opposite_or_of_oneself_makes_no_point(
    question_id: str, answer: str, point: str
) -> None:
    assert quote_for(scored(question_id, answer), point) is None


MENTORED = (
    "Last year I mentored a junior engineer, Priya, who wanted to own a service. We paired "
    "twice a week and I reviewed her pull requests. {line}"
)


@pytest.mark.parametrize(
    ("line", "credited"),
    [
        ("Looking back, it was also why I got promoted to senior that cycle.", False),
        ("Priya was promoted to mid-level that cycle.", True),
        ("In March, Priya was promoted to mid-level.", True),
        ("Six months later she was promoted and now leads the service.", True),
    ],
)
def test_a_mentees_progress_is_theirs_not_the_mentors(line: str, credited: bool) -> None:
    card = scored("mentored-someone", MENTORED.format(line=line))
    assert (quote_for(card, "mentee's concrete progress or promotion") == line) is credited


ROLE = (
    "I'd like this role for two reasons: your team is moving payouts to near real-time, and "
    "it's about to double in size. {line} I'd like to learn multi-currency ledgers."
)


@pytest.mark.parametrize(
    ("line", "credited"),
    [
        ("I did the batch-to-streaming migration for payouts at my last job.", True),
        ("I led a similar migration of our invoicing service onto Kafka.", True),
        ("For the last two years I've led the CI and build work at a similar company.", True),
        ("I have experience with onboarding new hires and writing runbooks.", True),
        ("I've been the person who writes the runbooks and onboarding docs before.", True),
        # Past work with no tie to it: a mood, a lack, or someone else's.
        ("I was honestly bored at my last job.", False),
        ("I ran into a lot of politics at my last job, which is part of why I'm looking.", False),
        ("To be upfront, I have no experience with Kafka, but I'm keen to learn it.", False),
        ("For the last few years I've felt stuck doing maintenance work.", False),
        ("I've done nothing but batch jobs before, so streaming is a stretch.", False),
        ("My manager did a similar migration at his last company.", False),
    ],
)
def test_a_role_is_linked_to_past_work_told_as_ones_own(line: str, credited: bool) -> None:
    card = scored("why-this-role", ROLE.format(line=line))
    assert (quote_for(card, "each linked to your past experience") == line) is credited


@pytest.mark.parametrize(
    ("question_id", "answer", "point"),
    [
        (
            "design-url-shortener",
            "I'd generate short codes from a counter in base62 and store the mapping in a "
            "key-value store. I've built something like this before, with a read-through cache "
            "in front of the database. Redirects would be 302s so clicks are counted.",
            "cache hot links in Redis or CDN",
        ),
        (
            "ideal-team-environment",
            "I like small teams with clear goals and room to decide how. I have experience with "
            "fully remote teams and with office-first ones. I prefer written decisions to long "
            "meetings.",
            "example from a past team",
        ),
        (
            "ideal-team-environment",
            "I like small teams with clear goals and room to decide how. I'm looking for a team "
            "that has broken that cycle of constant firefighting. I prefer written decisions to "
            "long meetings.",
            "example from a past team",
        ),
        (
            "how-you-give-feedback",
            "I give feedback privately and soon, usually the same day. Last year a designer kept "
            "skipping the research in critiques, and I told her what it cost the discussion. I "
            "can be quite blunt, so I follow up a day later to see how it landed.",
            "follow-up and noticing improvement",
        ),
        (
            "time-you-failed",
            "In 2023 I skipped a load test to hit a launch date, and checkout failed for two "
            "hours. I owned it in the post-mortem. I wanted to make sure we didn't hit the same "
            "outage again. The next two sprints were mostly spent cleaning up after it.",
            "evidence the change worked later",
        ),
    ],
)
def test_past_work_a_wish_or_a_trait_said_elsewhere_makes_no_point(
    question_id: str, answer: str, point: str
) -> None:
    assert quote_for(scored(question_id, answer), point) is None


@pytest.mark.parametrize(
    "line",
    [
        "Mentoring Sam also ended up being a big part of my own promotion case.",
        "My manager said mentoring him would count toward my own promotion.",
    ],
)
def test_the_mentors_own_promotion_is_no_progress_of_the_mentee(line: str) -> None:
    card = scored("mentored-someone", MENTORED.format(line=line))
    assert quote_for(card, "mentee's concrete progress or promotion") is None


UNDERPERFORMER = (
    "When I took over my current team, one engineer, Dan, stood out: his tickets were "
    "slipping by a week or more. {raised} I shared three specific examples and asked what "
    "was going on from his side. We agreed a written eight-week plan with pairing twice a "
    "week. {outcome}"
)


def test_a_matter_raised_with_someone_is_no_outcome() -> None:
    """ "I raised it in our one-on-one" was quoted as the outcome: "raised" is a result
    when a figure is raised ("raised conversion by 4 percent"), not a matter."""
    raised = "I raised it in our second one-on-one, directly but privately."
    outcome = "By week six he was closing tickets on estimate."
    answer = UNDERPERFORMER.format(raised=raised, outcome=outcome)
    assert (
        quote_for(scored("managing-underperformer", answer), "outcome including exit if needed")
        == outcome
    )


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("i raised it in our second one-on-one.", False),
        ("i raised the issue with my manager that week.", False),
        ("i raised a concern about the rollout.", False),
        ("we raised conversion by 4 percent.", True),
        ("the change raised our nps from 31 to 44.", True),
    ],
)
def test_raised_is_an_outcome_only_when_something_is_raised(text: str, outcome: bool) -> None:
    assert (OUTCOME.regex.search(text) is not None) is outcome


def test_an_outcome_set_as_a_goal_is_not_the_outcome() -> None:
    """ "My goal was to get every squad to adopt the new format" was quoted as the
    measurable outcome: an outcome aimed for tells how the story began."""
    goal = (
        "My goal was to get every squad to adopt the new logging format within a quarter, "
        "without being anyone's manager."
    )
    outcome = (
        "By the end of the quarter 11 of 12 squads had migrated, and incident triage time "
        "dropped from about 40 to 15 minutes."
    )
    answer = (
        f"{goal} I wrote a migration script that converted most log calls automatically and "
        f"ran office hours twice a week. {outcome}"
    )
    card = scored("leadership-without-authority", answer)
    assert quote_for(card, "measurable outcome of the change") == outcome


@pytest.mark.parametrize(
    ("question_id", "point", "announced", "said"),
    [
        (
            "where-in-five-years",
            "specific skills you want to build",
            "Concretely, there are three skills I want to build.",
            "First, deeper expertise in data-intensive systems, second, writing design docs "
            "that persuade, and third, mentoring.",
        ),
        (
            "why-this-role",
            "two specific aspects of the role",
            "For me this role is interesting because of two things.",
            "First is the data platform you are building for logistics customers, and second "
            "is the small team that is about to double.",
        ),
    ],
)
def test_an_announced_point_is_quoted_with_what_it_announces(
    question_id: str, point: str, announced: str, said: str
) -> None:
    """ "Concretely, there are three skills I want to build." was the whole quote: it says
    the point's words, and the sentence after it says the point."""
    answer = (
        f"I've spent four years on backend services at a payments company. {announced} {said} "
        "I'd like to grow here for several years rather than move on quickly."
    )
    assert quote_for(scored(question_id, answer), point) == f"{announced} {said}"


@pytest.mark.parametrize(
    ("text", "announces"),
    [
        ("Two things consistently drive me.", True),
        ("There are two parts of this role that line up with what I've done:", True),
        ("Stage one pulls a few hundred plausible items cheaply from several sources.", False),
        ("I changed two things and the errors stopped.", False),
    ],
)
def test_an_announcement_is_a_count_of_what_follows(text: str, announces: bool) -> None:
    assert (_ANNOUNCES.search(text) is not None) is announces
