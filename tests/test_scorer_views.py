"""Questions that ask for a view, not a story ("Why this role?"), are read as views."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachkit import QuestionBank
from coachkit.llm.prompt import build_prompt
from coachkit.rubric import dimension_brief, flag_explanation, reading
from coachkit.scoring import LocalScorer
from coachkit.scoring.features import RED_FLAGS

BANK = QuestionBank.load()
SCORER = LocalScorer()
VIEW = (
    "I'm a backend engineer at a logistics company, where I've spent three years on our "
    "routing API. What I want next is to work on reliability at a larger scale, and your "
    "platform team owns exactly that. I already do some of it: I run our on-call reviews "
    "every month and I rewrote our alerting so pages point at a runbook. I'd bring that "
    "habit of making incidents boring, and I want to learn how you run capacity planning."
)
# The same view, with the reason for leaving that "Why are you leaving?" asks for: without
# one it reads as an answer to "Why this role?" and is held down there (loose_fit).
LEAVING = (
    "After three years the routing API is stable and mostly maintenance, so I am looking "
    "for a move toward larger-scale reliability work. " + VIEW
)
# A weakness told plainly: the view above shows no weakness, and is held down there.
WEAKNESS = (
    "I tend to avoid conflict. Last year I let a teammate's flawed API design through review "
    "because I didn't want friction, and we rewrote it two months later. Now I raise concerns "
    "in writing early and ask my lead to hold me to it. Recent reviews say I'm more direct."
)


@pytest.mark.parametrize(
    ("question_id", "expected"),
    [
        ("why-this-role", "view"),
        ("questions-for-interviewer", "questions"),  # the candidate's own questions
        ("biggest-weakness", "view"),
        ("disagree-with-company-decision", "story"),  # "Tell me about a time ..."
        ("how-you-give-feedback", "story"),  # "... Give an example."
        ("time-you-failed", "story"),
        ("tell-me-about-yourself", "view"),  # a pitch: now, how you got here, what next
        ("design-rate-limiter", "technical"),
    ],
)
def test_each_question_is_read_as_a_story_a_view_questions_or_a_design(
    question_id: str, expected: str
) -> None:
    assert reading(BANK.get(question_id)) == expected


def test_a_view_is_not_asked_for_stakes_constraints_or_figures() -> None:
    question = BANK.get("why-this-role")
    card = SCORER.score(question, VIEW)
    assert "no_metrics" not in card.flags and "misses_question" not in card.flags
    said = " ".join(card.tips)
    for story_words in ("at stake", "revenue", "the constraint", "add a figure"):
        assert story_words not in said
    assert "what you would bring" in dimension_brief(question, "result")


def test_vague_claims_are_still_vague_in_a_view() -> None:
    vague = VIEW + " Since I started doing that, our on-call got a lot better and much calmer."
    assert "vague_metrics" in SCORER.score(BANK.get("why-this-role"), vague).flags


@pytest.mark.parametrize(
    "vague",
    ["Our pages improved a lot.", "Deploys got a lot faster.", "It saved us a ton of time."],
)
def test_a_lot_of_change_is_a_vague_result(vague: str) -> None:
    assert "vague_metrics" in SCORER.score(BANK.get("why-this-role"), f"{VIEW} {vague}").flags


@pytest.mark.parametrize(
    "habit",
    [
        "I read a lot, mostly changelogs.",
        "I like a team that gives me a lot of room in how I solve a problem.",
        "I adjust a lot by person, and I give a lot of context up front.",
    ],
)
def test_a_lot_of_a_habit_or_an_amount_is_no_claimed_result(habit: str) -> None:
    """Genuine views ("I read a lot", "a lot of latitude") were told their result was
    vague: 14 of the 55 in tests/data/view_answers.jsonl, against 6 after."""
    card = SCORER.score(BANK.get("why-this-role"), f"{VIEW} {habit}")
    assert "vague_metrics" not in card.flags


def test_a_story_question_keeps_the_story_reading() -> None:
    story = BANK.get("time-you-failed")
    answer = (
        "In 2022 at Acme I led the billing migration for our finance team. I skipped a load "
        "test to hit the date, and the launch failed for two hours. I rolled back and added a "
        "load test gate to our release checklist. After that our launches went smoothly."
    )
    assert "no_metrics" in SCORER.score(story, answer).flags
    assert "what was at stake" in dimension_brief(story, "situation")


def test_the_llm_is_told_which_questions_ask_for_a_view() -> None:
    view = build_prompt(BANK.get("why-this-role"), "An answer.").messages
    story = build_prompt(BANK.get("time-you-failed"), "An answer.").messages
    assert "a view, not a story" in view[1]["content"]
    assert "a view, not a story" not in story[1]["content"]
    assert view[0] == story[0]  # one system prompt for every question
    # As offline: a story with no view of the candidate's own misses the question.
    assert "never gives the candidate's own view" in view[0]["content"]


def test_a_view_that_names_the_role_is_not_told_to_link_it_to_the_role() -> None:
    base = (
        "I'm a backend engineer at a logistics company, where I've spent three years on our "
        "routing API. I want to work on payments at scale. I read your engineering blog post "
        "on the ledger migration. "
    )
    question = BANK.get("why-this-role")
    brings = SCORER.score(question, base + "I could contribute early by helping with it.")
    names = SCORER.score(question, base + "This role is the payments work I want.")
    for card in (brings, names):
        assert "link it to this role" not in card.dimensions["result"].feedback
    assert "a time you did it before" in brings.dimensions["result"].feedback
    assert "what you would do first" in names.dimensions["result"].feedback


def test_a_past_duty_is_not_praised_as_an_aim_nor_a_story_line_as_a_tie_to_the_role() -> None:
    """A failure story told for "Why this role?" was told its "I was responsible for
    restoring checkout" "says what you aim for", and that its last line "ties it to the
    role"."""
    story = (
        "In 2023 I was the backend lead at Lumen when our payment service failed during a "
        "launch. I was responsible for restoring checkout within the hour, with the CFO "
        "watching. I rolled back the release, added a canary stage and wrote a runbook for "
        "the team. Checkout errors fell from 12% to 0.3% and we had no incident in the next "
        "six months."
    )
    card = SCORER.score(BANK.get("why-this-role"), story)
    assert "make it yours" in card.dimensions["task"].feedback
    assert "ties it to the role" not in card.dimensions["result"].feedback
    assert "link" in card.dimensions["result"].feedback


@pytest.mark.parametrize(
    "aim",
    [
        "I'd like to move toward a platform engineering role where we treat tooling as a product.",
        "Next, I want to join a team that builds security into the product from day one.",
    ],
)
def test_what_you_want_is_a_views_task(aim: str) -> None:
    """A pitch that said "I'd like to move toward ..." scored Task 1, and was told to add
    "what you want or aim for" after that very sentence."""
    pitch = (
        "I've been a DevOps engineer for four years, mostly running Kubernetes on GCP for "
        "about sixty developers at a gaming studio in Montreal. I'm the person who automates "
        f"the thing everyone else does by hand twice a week. {aim}"
    )
    card = SCORER.score(BANK.get("tell-me-about-yourself"), pitch)
    task = card.dimensions["task"]
    assert task.score >= 3
    assert "says what you aim for" in task.feedback and "add what you want" not in task.feedback


MOTIVE = (
    "{motive} Last spring a florist's shop stopped taking orders the week before a holiday, "
    "and I stayed on the call until I found the fraud rule blocking her payments. She sent "
    "the team a photo of her first order that evening."
)


@pytest.mark.parametrize(
    "motive",
    [
        "For me the biggest motivation is a customer who ends a call relieved.",
        "What motivates me most is a customer who ends a call relieved.",
        "The thing that really drives me is a customer who ends a call relieved.",
    ],
)
def test_what_moves_you_is_what_motivates_you_asks_for(motive: str) -> None:
    """ "For me the biggest motivation is when a customer ... ends the conversation
    relieved" was read as no aim, and the card asked for "what you want or aim for"."""
    card = SCORER.score(BANK.get("what-motivates-you"), MOTIVE.format(motive=motive))
    task = card.dimensions["task"]
    assert task.evidence == [motive]
    assert "add what you want" not in task.feedback


def test_what_drives_you_mad_is_no_aim() -> None:
    motive = "The thing that drives me crazy is a customer left waiting on hold."
    card = SCORER.score(BANK.get("what-motivates-you"), MOTIVE.format(motive=motive))
    assert motive not in card.dimensions["task"].evidence


@pytest.mark.parametrize(
    ("question_id", "said", "flag", "point"),
    [
        (
            "why-this-role",
            "You are simply the best company in the industry and everyone knows it.",
            "flattery",
            "no generic flattery",
        ),
        (
            "why-this-role",
            "Mainly I want it because it pays 30 percent more and it is closer to my flat.",
            "money_first",
            None,
        ),
        (
            "why-leaving-current-job",
            "Honestly my manager is an idiot and the company is a sinking ship.",
            "disparages_employer",
            "no criticism of current employer or manager",
        ),
        (
            "why-leaving-current-job",
            "Also the commute is two hours, and I would love a higher salary.",
            "money_first",
            None,
        ),
        (
            "biggest-weakness",
            "My biggest weakness is that I am a perfectionist and I work too hard.",
            "humble_brag",
            "no humble-brag disguised strength",
        ),
        # Said in other words: missed on a blind set of red-flag answers.
        (
            "why-leaving-current-job",
            "He micromanages everything and takes credit for the team's work.",
            "disparages_employer",
            "no criticism of current employer or manager",
        ),
        (
            "why-leaving-current-job",
            "And to be frank, the pay is a lot better with you: I'd be getting about 30% more.",
            "money_first",
            None,
        ),
        (
            "why-this-role",
            "Your company is the gold standard in this space and everyone wants to work here.",
            "flattery",
            "no generic flattery",
        ),
        # Colleagues run down in other words: missed on a second blind set.
        (
            "why-leaving-current-job",
            "The product people there had no idea what they wanted.",
            "disparages_employer",
            "no criticism of current employer or manager",
        ),
        (
            "why-leaving-current-job",
            "The two contractors, who frankly weren't very good, slowed everything down.",
            "disparages_employer",
            "no criticism of current employer or manager",
        ),
        (
            "why-leaving-current-job",
            "The offshore team was frankly pretty weak.",
            "disparages_employer",
            "no criticism of current employer or manager",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and v.islower() and "_" in v else None,
)
def test_red_flags_an_interviewer_hears_at_once_are_named_and_cost_points(
    question_id: str, said: str, flag: str, point: str | None
) -> None:
    """Flattery scored 89 and a salary-only reason 80 on "Why this role?", against 66
    for a researched answer; a manager called an idiot 79; "I'm a perfectionist" 84,
    with "no humble-brag" marked covered."""
    question = BANK.get(question_id)
    view = {"why-leaving-current-job": LEAVING, "biggest-weakness": WEAKNESS}.get(question_id, VIEW)
    plain = SCORER.score(question, view)
    card = SCORER.score(question, f"{view} {said}")
    assert flag in card.flags and flag not in plain.flags
    assert card.overall <= plain.overall - 15
    assert flag_explanation(flag, question) != flag.replace("_", " ")
    if point is not None:
        (kept,) = [k for k in card.keypoints if k.point == point]
        # Broken, not merely uncredited: the sentence that breaks it is its evidence.
        assert kept.covered is False and kept.evidence is not None and kept.evidence in said


def test_a_reason_for_leaving_beside_a_view_of_the_role_answers_why_you_are_leaving() -> None:
    """The leaving answer reads partly as one to "Why this role?", yet it answers its own
    question: "looking for a move toward larger-scale reliability work" moves towards an
    opportunity, and "your platform team owns exactly that" links to what the role
    offers. Credited neither, it covered one of five key points and was held to 55 as an
    answer to "Why this role?" (72 before such views were held). It scores 74: its
    context says when, where and who but not what is at stake, a 4, not a 5."""
    card = SCORER.score(BANK.get("why-leaving-current-job"), LEAVING)
    covered = {k.point for k in card.keypoints if k.covered}
    assert {"moving towards an opportunity, not escaping", "link to what this role offers"} <= (
        covered
    )
    assert "loose_fit" not in card.flags and card.overall >= 70


def test_real_answers_raise_no_red_flag() -> None:
    """Of the 237 answers in tests/data, only a one-sentence "the salary is better and
    it's closer to where I live" (labelled 12) is flagged: money_first."""
    data = Path(__file__).parent / "data"
    red = set(RED_FLAGS)
    flagged = []
    for name in ("labelled_answers.jsonl", "genuine_answers.jsonl", "view_answers.jsonl"):
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            card = SCORER.score(BANK.get(row["question_id"]), row["answer"])
            flagged += [(row["id"], flag) for flag in red & set(card.flags)]
    assert flagged == [("wtr-07", "money_first")]


@pytest.mark.parametrize(
    ("question_id", "said", "flag"),
    [
        (
            "why-this-role",
            "Honestly I'm not in it for the money: I want this problem.",
            "money_first",
        ),
        (
            "why-leaving-current-job",
            "The team was a mess when I joined, and I spent a year turning it round.",
            "disparages_employer",
        ),
    ],
)
def test_money_set_aside_and_a_hard_start_are_no_red_flags(
    question_id: str, said: str, flag: str
) -> None:
    assert flag not in SCORER.score(BANK.get(question_id), f"{VIEW} {said}").flags


def test_good_answers_that_brush_against_a_red_flag_raise_none() -> None:
    """40 good-faith answers written apart from the scorer (tests/data/edge_answers.jsonl):
    pay mentioned and set aside, "perfectionism" owned with its cost, a mess inherited,
    growth past 100%, "I thought I had learned nothing, until ...". Three were capped at
    50 by the first red-flag patterns; none raises a red flag, an echo, an impossible
    figure or a missed question now."""
    data = Path(__file__).parent / "data" / "edge_answers.jsonl"
    wrong = {
        "flattery",
        "money_first",
        "disparages_employer",
        "humble_brag",
        "implausible_figures",
        "echoes_guidance",
        "misses_question",
        "off_topic",
        "non_answer",
    }
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) == 40
    flagged = [
        (
            row["id"],
            sorted(wrong & set(SCORER.score(BANK.get(row["question_id"]), row["answer"]).flags)),
        )
        for row in rows
    ]
    assert [f for f in flagged if f[1]] == []


@pytest.mark.parametrize(
    ("question_id", "said", "point"),
    [
        (
            "why-leaving-current-job",
            "I was laid off in March with a third of engineering, and I am looking for stability.",
            "reason or layoff stated plainly and briefly",
        ),
        (
            "where-in-five-years",
            "I want to go much deeper into replication and consensus, as a technical specialist.",
            "direction such as technical depth or management",
        ),
    ],
)
def test_view_key_points_are_found_in_the_words_people_use(
    question_id: str, said: str, point: str
) -> None:
    """ "I was laid off" did not show "layoff stated plainly"; "deeper" did not show
    "technical depth" (the stemmer keeps such words apart)."""
    card = SCORER.score(BANK.get(question_id), f"{VIEW} {said}")
    assert {k.point: k.covered for k in card.keypoints}[point]


@pytest.mark.parametrize(
    "said",
    [
        "Our company was acquired last spring and the new owners folded my product into theirs.",
        "I was let go in a layoff when the hardware line closed.",
        "The product is mature now and we mostly maintain it.",
    ],
)
def test_a_neutral_reason_for_leaving_needs_no_word_for_honesty(said: str) -> None:
    """ "One honest and neutral reason" was missed unless the answer said "honest" (which
    "to be honest" as filler never does) or "reason": a plain neutral reason is the point."""
    card = SCORER.score(BANK.get("why-leaving-current-job"), f"{said} {VIEW}")
    assert {k.point: k.covered for k in card.keypoints}["one honest and neutral reason"]


def test_a_reason_that_is_not_neutral_does_not_make_a_neutral_reason() -> None:
    """ "Reason" says what kind of thing the point asks for; "which is why I want to learn"
    gives a reason, not a neutral one."""
    said = "Honestly, that is why I want to learn how you run capacity planning."
    card = SCORER.score(BANK.get("why-leaving-current-job"), f"{said} {VIEW}")
    assert not {k.point: k.covered for k in card.keypoints}["one honest and neutral reason"]


def test_a_comparison_that_describes_the_candidate_is_no_vague_result() -> None:
    """A management philosophy opened "I'm much more hands-on than most managers", and
    the card said the result was vague."""
    answer = (
        "I'm much more hands-on than most managers, and I want my team to have high clarity "
        "and high trust. " + VIEW
    )
    assert "vague_metrics" not in SCORER.score(BANK.get("why-this-role"), answer).flags


def test_a_comparison_in_a_belief_is_no_vague_result() -> None:
    """A view that closed "I learned that finding problems early saves much more time" was
    flagged vague_metrics: the belief says how work goes, not how a change went."""
    said = "I learned that reviewing designs early saves far more time than fixing them later."
    assert "vague_metrics" not in SCORER.score(BANK.get("why-this-role"), f"{VIEW} {said}").flags


def test_a_comparison_told_as_what_happened_is_still_vague() -> None:
    """Realising in the past how a change went is a claim: without its figure, vague."""
    said = "I realised the new release flow was much faster."
    assert "vague_metrics" in SCORER.score(BANK.get("why-this-role"), f"{VIEW} {said}").flags


@pytest.mark.parametrize(
    ("question_id", "said"),
    [
        ("time-you-failed", "Skipping the canary was a stupid decision on my part."),
        ("mentored-someone", "When she ships something, I make sure they take credit for it."),
        ("what-motivates-you", "I was getting 30% more sellers through verification."),
        ("improved-team-process", "The platform team adopted our runbooks as the gold standard."),
    ],
)
def test_owning_praising_or_counting_is_no_red_flag(question_id: str, said: str) -> None:
    """Each of these raised a red flag in review, capping a strong answer at 40 or 50."""
    card = SCORER.score(BANK.get(question_id), f"{VIEW} {said}")
    assert not set(RED_FLAGS) & set(card.flags)


FAILURE = (
    "In 2023 I was the backend lead at Lumen when our payment service failed during a launch. "
    "I was responsible for restoring checkout within the hour, with the CFO watching. I rolled "
    "back the release, added a canary stage and wrote a runbook for the team. Checkout errors "
    "fell from 12% to 0.3% and we had no incident in the next six months."
)


@pytest.mark.parametrize(
    "said",
    [
        "The bugs that went out weren't in my code.",
        "Honestly, I'd done my part: my API was ready on time.",
        "What I learned is that you can't rely on other people to do their jobs.",
        "The outage itself had nothing to do with me.",
        "It shipped late, which was on them for changing the spec.",
        "Then the product manager threw me under the bus in the retro.",
    ],
)
def test_a_failure_put_on_others_is_named_and_capped(said: str) -> None:
    """Missed on a blind red-flag set: a failure story whose bugs "weren't in my code"
    scored 82, with "no blaming teammates" marked covered."""
    question = BANK.get("time-you-failed")
    card = SCORER.score(question, f"{FAILURE} {said}")
    assert "blames_others" in card.flags and card.overall <= 45
    assert "blames_others" not in SCORER.score(question, FAILURE).flags
    (kept,) = [k for k in card.keypoints if k.point == "no blaming teammates or circumstances"]
    assert kept.covered is False and kept.evidence is not None and kept.evidence in said
    assert any("your part?" in line.text for line in card.rebuilt)
    assert "weren't in my code" in flag_explanation("blames_others", question)


@pytest.mark.parametrize(
    "said",
    [
        "Even though it wasn't my code, I took the pager and fixed it.",
        "The root cause wasn't in my code, but I still ran the postmortem.",
        "I did my part of the migration first, then paired with Ana on hers.",
        "You can't rely on people to remember a manual step, so I automated it.",
        "It wasn't my call, so I took the numbers to my lead.",
        "That was on me, not on them.",
        # Each capped a strong story at 45 in review.
        "The pipeline wasn't my responsibility, so I asked the platform lead to let me try.",
        "In our one-on-ones the focus was on her goals rather than my to-do list.",
        "I didn't want it to become someone else's problem the next morning, so I stayed on.",
        "He felt his team couldn't trust my team, so he wanted to review every change.",
        "Once I had done my part, a week early, I offered to help the mobile team.",
        "The release process had nothing to do with me at first; I volunteered to fix it.",
        # Not knowing yet, owning a mistake, or describing users and learners: each
        # capped a strong answer at 40 in review.
        "At first I had no idea what they wanted, so I set up five interviews.",
        "The new hires didn't understand our system yet, so I wrote them a guide.",
        "My estimate was honestly pretty bad: I said two weeks without looking.",
        "My writing was frankly pretty weak at the time, and I didn't want to get defensive.",
        "When we tested the prototype, the users didn't really understand our app.",
        "New users had no idea what they were doing in our internal admin tool.",
        "I set up pairing sessions for the interns who weren't very good at writing tests yet.",
        # Keeping a confidence.
        "The client is under NDA, so I'll keep their name out of it.",
        "I'm not supposed to share the exact numbers, but revenue doubled.",
        "We split the on-call work between us and the platform team.",
    ],
)
def test_owning_taking_on_or_describing_is_no_red_flag(said: str) -> None:
    card = SCORER.score(BANK.get("time-you-failed"), f"{FAILURE} {said}")
    assert not set(RED_FLAGS) & set(card.flags)


def test_a_failure_told_as_an_idiom_answers_the_failure_question() -> None:
    """A strong failure story that never says "fail" ("the export fell over halfway
    through") scored 45, flagged as answering another question."""
    story = (
        "So at Arden, about two years ago, I owned moving our nightly billing export off an "
        "old cron box onto our new queue. I tested it against a staging dataset and signed it "
        "off myself. What I didn't do was check it at month-end, when volume is about five "
        "times a normal day, and on the first of April the new export fell over halfway "
        "through. About 900 customer invoices went out two days late and support answered "
        "forty upset emails. That was on me: I'd assumed staging volume was representative "
        "and never asked anyone to confirm it. I wrote the incident review myself and named "
        "my assumption as the cause. Since then, for any batch migration I replay a copy of "
        "the busiest real day before go-live, and I added that step to our checklist. Six "
        "months later we moved the payroll exports the same way, the replay caught a memory "
        "problem a week early, and that go-live had no late files."
    )
    card = SCORER.score(BANK.get("time-you-failed"), story)
    assert "misses_question" not in card.flags and card.overall >= 70


XSS = (
    "XSS is injecting script into a page that then runs in other users' browsers, so I escape "
    "all output by default and sanitise any HTML users may post, and I set a Content Security "
    "Policy header that blocks inline scripts. CSRF forges a request from a logged-in "
    "browser, so session cookies are SameSite=Lax, state-changing requests carry a CSRF "
    "token, and cookies are HttpOnly so a script cannot steal the session."
)


@pytest.mark.parametrize(
    ("said", "flag"),
    [
        ("Honestly, security is the security team's job, not mine.", "blames_others"),
        ("Operating it in production is someone else's job.", "blames_others"),
        ("The DBAs there didn't really understand our app anyway.", "disparages_employer"),
    ],
)
def test_blame_and_disparagement_are_heard_in_a_technical_answer_too(said: str, flag: str) -> None:
    """A design answer that ends "security is the security team's job, not mine"
    scored 75 with no flag: red flags were read in stories only."""
    question = BANK.get("frontend-security-xss-csrf")
    plain = SCORER.score(question, XSS)
    card = SCORER.score(question, f"{XSS} {said}")
    assert flag in card.flags and not set(RED_FLAGS) & set(plain.flags)
    assert card.overall <= 45
    # The rebuild leaves the line out, with no placeholder about a move or a story's part.
    rebuilt = " ".join(line.text for line in card.rebuilt)
    assert said not in rebuilt and "reason?" not in rebuilt and "your part?" not in rebuilt


@pytest.mark.parametrize(
    "said",
    [
        "In a zero-trust setup you can't trust anybody, so every workload authenticates.",
        "If a client reuses a key for a different payment, that's on them, and we reject it.",
        "I'd apply backpressure rather than let the overload become someone else's problem.",
        "The current cache hit rate was honestly pretty bad at 20 percent.",
        "Generic embeddings don't really understand our product names.",
        "Honestly I can't stand the boilerplate Redux makes you write.",
        "A 4xx tells the client the error is their fault, while a 5xx says it's ours.",
    ],
)
def test_ordinary_technical_talk_raises_no_red_flag(said: str) -> None:
    """Each capped a sound technical answer at 40 or 45 in review."""
    card = SCORER.score(BANK.get("frontend-security-xss-csrf"), f"{XSS} {said}")
    assert not set(RED_FLAGS) & set(card.flags)


def test_a_design_s_words_for_money_or_praise_are_no_red_flag() -> None:
    """Flattery, pay and humble brags are a story's: a design may say "the best" or
    "pays more"."""
    said = "I'd pick the CDN that pays more attention to tail latency; it's the best option."
    card = SCORER.score(BANK.get("frontend-security-xss-csrf"), f"{XSS} {said}")
    assert not set(RED_FLAGS) & set(card.flags)


def test_a_short_weakness_in_plain_words_is_on_the_question() -> None:
    """Naming a weakness ("I get nervous ... it's getting easier") and what is
    done about it without the word "weakness": it was flagged off the question (12)."""
    answer = (
        "Speaking to large groups: I get nervous and rush. I've been volunteering to run our "
        "team demo every other week, and it's slowly getting easier."
    )
    card = SCORER.score(BANK.get("biggest-weakness"), answer)
    assert "off_topic" not in card.flags and "too_short" in card.flags


def test_a_failure_owned_as_a_mistake_answers_the_failure_question() -> None:
    """A failure owned as "my call and my mistake" scored 45, flagged as
    answering another question; with "failure" for "mistake" it scored 72."""
    story = (
        "In 2022 I was the on-call lead for the payments API at a 40-person fintech. I was "
        "responsible for a schema migration on the orders table, and checkout could not go "
        "down during business hours. I ran it on a Friday afternoon without a rollback plan, "
        "and it locked the orders table for 12 minutes at peak. That was my call and my "
        "mistake. I rolled it back by hand and wrote the post-mortem myself."
    )
    card = SCORER.score(BANK.get("time-you-failed"), story)
    assert "misses_question" not in card.flags


@pytest.mark.parametrize(
    "said",
    [
        "This one never went public, so keep it between us.",
        "Between us, I'm not convinced legal told the customers the truth.",
        "I'm not supposed to tell you this, but the client was Marston Insurance.",
        "I probably shouldn't say this, but their churn was 40 percent.",
    ],
)
def test_telling_what_was_not_yours_to_tell_is_named_and_capped(said: str) -> None:
    """An incident story that opened "This one never went public, so keep it between
    us" and named the client scored 65 with no flag."""
    question = BANK.get("time-you-failed")
    card = SCORER.score(question, f"{FAILURE} {said}")
    assert "shares_confidential" in card.flags and card.overall <= 40
    assert any("what you can share?" in line.text for line in card.rebuilt)
    assert "keep their secrets" in flag_explanation("shares_confidential", question)
