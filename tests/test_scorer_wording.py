"""The same story in other words gets the same credit: tenses, number words, phrasing."""

from __future__ import annotations

import pytest

from coachkit import QuestionBank, ScoreCard
from coachkit.models import DIMENSIONS
from coachkit.scoring import LocalScorer
from coachkit.scoring.analysis import analyse

SCORER = LocalScorer()
QUESTION = QuestionBank.load().get("production-incident")
SETTING = (
    "In 2023 our team at a logistics company had a nightly import job that failed about twice "
    "a week, and each failure delayed deliveries for 200 drivers. I was responsible for the "
    "import service. "
)
ENDING = (
    " We then ran it in parallel with the old job for a week. After the switch, failures "
    "dropped from 2 a week to 0 in the next 3 months."
)
PAST = (
    "I rewrote the retry logic, I added idempotent writes, and I set up an alert that paged "
    "me before drivers noticed."
)


def _card(action: str, ending: str = ENDING) -> ScoreCard:
    return SCORER.score(QUESTION, SETTING + action + ending)


def _bands(card: ScoreCard) -> list[int]:
    return [card.score(d) for d in DIMENSIONS]


@pytest.mark.parametrize(
    "action",
    [
        "I have rewritten the retry logic, I have added idempotent writes, and I have set up an "
        "alert that paged me before drivers noticed.",
        "I’ve rewritten the retry logic, I’ve added idempotent writes, and I’ve set up an alert "
        "that paged me before drivers noticed.",
        "I was the one who rewrote the retry logic, added idempotent writes, and set up an alert "
        "that paged me before drivers noticed.",
    ],
    ids=["present-perfect", "i-ve-curly", "was-the-one-who"],
)
def test_owning_the_actions_in_another_tense_is_still_owning_them(action: str) -> None:
    card = _card(action)
    assert "we_not_i" not in card.flags
    assert _bands(card) == _bands(_card(PAST))


def test_a_diagnosis_that_starts_with_i_saw_counts_as_mine() -> None:
    saw = _card("I saw the retry loop opened a connection per retry, traced it and rolled back.")
    noticed = _card(
        "I noticed the retry loop opened a connection per retry, traced it and rolled back."
    )
    assert _bands(saw) == _bands(noticed)
    assert "we_not_i" not in saw.flags


def test_figures_in_words_are_figures() -> None:
    in_words = _card(
        PAST,
        " We then ran it in parallel with the old job for a week. After the switch, failures "
        "dropped from two a week to zero in the next three months.",
    )
    assert "no_metrics" not in in_words.flags
    assert _bands(in_words) == _bands(_card(PAST))


@pytest.mark.parametrize(
    "closing", ["Thanks for listening!", "Hope that answers your question.", "That's my answer."]
)
def test_a_sign_off_is_never_evidence_or_the_result(closing: str) -> None:
    card = _card(PAST, ENDING + " " + closing)
    assert _bands(card) == _bands(_card(PAST))
    assert all(closing not in quote for d in DIMENSIONS for quote in card.dimensions[d].evidence)


def test_thanks_to_a_change_is_not_a_sign_off() -> None:
    thanks = "Thanks to the alert, we caught 3 failed imports before drivers noticed."
    card = _card(PAST, ENDING + " " + thanks)
    assert any(thanks in quote for quote in card.dimensions["result"].evidence)


def test_giving_a_hundred_percent_is_not_a_measured_result() -> None:
    bank = QuestionBank.load()
    answer = (
        "I am motivated by hard problems and by working with people I learn from. I always "
        "give one hundred percent, and I am 100% committed to the team every single week."
    )
    analysis = analyse(bank.get("what-motivates-you"), answer)
    assert not any(s.metric for s in analysis.sentences)


@pytest.mark.parametrize(
    "ending",
    [
        " The new job ran the next night, and in the following year none of our 40 "
        "migrations caused an outage.",
        " We switched over that Friday, and in the first three months the new alert caught "
        "two mismatches before any driver noticed.",
    ],
)
def test_what_did_not_happen_is_a_measured_result(ending: str) -> None:
    """ "None of our 40 migrations caused an outage" was read as an action, and the card
    asked for a number the answer had given."""
    card = _card(PAST, ending)
    assert "no_metrics" not in card.flags
    assert any(ending.strip() in quote for quote in card.dimensions["result"].evidence)
    assert card.dimensions["result"].score >= 3


@pytest.mark.parametrize("count", ["2 more issues", "two more issues"])
def test_a_count_of_issues_caught_is_a_figure(count: str) -> None:
    """ "The check has caught 2 more issues" was flagged no_metrics."""
    answer = (
        "In March 2023 I owned the nightly orders pipeline at Fernway that fed the finance "
        "dashboard. It was my job to fix bad revenue figures before invoices went out. I found "
        "duplicated rows from a loader retry, paused the invoice job, changed the load to a "
        f"MERGE on order_id and backfilled three days. Since then the new check has caught {count} "
        "before anyone saw them."
    )
    card = SCORER.score(QuestionBank.load().get("production-incident"), answer)
    assert "no_metrics" not in card.flags


def test_a_figure_in_a_sentence_the_card_quotes_for_the_result_is_no_missing_number() -> None:
    """The card quoted "... but around 2,300 shoppers had hit errors" as the result's
    evidence and, beside it, flagged that the result had no number."""
    answer = (
        "Okay, so this was at an online shop, and I was the on-call engineer one Tuesday "
        "evening. Our checkout error-rate alert fired; it jumped from under 1% to about "
        "30% within a few minutes. I checked the deploy log and saw a payments release "
        "had gone out twenty minutes earlier, so I rolled it back first rather than "
        "trying to debug live. Errors were back to normal in about twelve minutes, but "
        "around 2,300 shoppers had hit errors at checkout. While the rollback ran I "
        "posted updates in our status channel every fifteen minutes so support could "
        "answer people. The next day I ran the blameless review: a timeout value had been"
        " set in milliseconds instead of seconds. I owned two follow-ups, a schema check "
        "on that config file and a canary stage for payments deploys, and both were done "
        "within two weeks. We haven't had a repeat of that kind of problem since."
    )
    card = LocalScorer().score(QuestionBank.load().get("production-incident"), answer)
    assert any("2,300" in quote for quote in card.dimensions["result"].evidence)
    assert "no_metrics" not in card.flags


FAILURE = (
    "In 2023 I was the backend lead at Lumen, a payments startup, and I owned the launch of "
    "our new billing service. I skipped the load test to hit the date. On launch day the "
    "service fell over at three times normal traffic and we lost two hours of invoices. I "
    "rolled back, wrote the postmortem and re-ran the launch a week later. "
)


@pytest.mark.parametrize(
    "lesson",
    [
        "What I took away was to load-test before every launch.",
        "The main thing I took away is to load-test before every launch.",
        "I took away two things: load-test early, and say the risk out loud.",
        "My takeaway was to load-test before every launch.",
        "The takeaway for me was to load-test before every launch.",
        # Read as lessons already: kept so.
        "The lesson for me was to load-test before every launch.",
        "Since then I always load-test before every launch.",
    ],
)
def test_a_lesson_in_other_words_is_the_lesson(lesson: str) -> None:
    """ "What I took away was ..." and "my takeaway" were no lesson where "I learned" is:
    the failure's result read 4, not 5, and "I took away two things" was an action."""
    question = QuestionBank.load().get("time-you-failed")
    learned = SCORER.score(question, FAILURE + "I learned to load-test before every launch.")
    card = SCORER.score(question, FAILURE + lesson)
    assert analyse(question, FAILURE + lesson).sentences[-1].lesson
    assert card.score("result") == learned.score("result") == 5
    (line,) = [line for line in card.rebuilt if line.text == lesson]
    assert line.dimension == "result"
    (point,) = [k for k in card.keypoints if k.point == "the lesson you took away"]
    assert point.covered and point.evidence == lesson


@pytest.mark.parametrize(
    "said",
    [
        "We took away the deploy bot's admin rights.",
        "The new pipeline took away two hours of manual checks.",
        "We handled 40,000 takeaway orders a day.",
    ],
)
def test_taking_something_away_is_no_lesson(said: str) -> None:
    analysis = analyse(QuestionBank.load().get("time-you-failed"), FAILURE + said)
    assert not analysis.sentences[-1].lesson


@pytest.mark.parametrize(
    "said",
    [
        "I retrained the model, and the new one was more realistic.",
        "Realistically, the date was never going to hold.",
        "We set a realistic target of 20% for the quarter.",
    ],
)
def test_realistic_is_no_lesson(said: str) -> None:
    """ "Realistic" was read as "I realised": a step told before the lesson took its place
    as the result and as the evidence of "the lesson you took away"."""
    analysis = analyse(QuestionBank.load().get("time-you-failed"), FAILURE + said)
    assert not analysis.sentences[-1].lesson


@pytest.mark.parametrize(
    "said",
    [
        "I realised the test data was never like production.",
        "I realized too late that the split was random.",
        "The realisation was that a perfect score is a bug.",
    ],
)
def test_realising_is_still_a_lesson(said: str) -> None:
    analysis = analyse(QuestionBank.load().get("time-you-failed"), FAILURE + said)
    assert analysis.sentences[-1].lesson


def test_a_lesson_after_a_realistic_step_is_the_lesson() -> None:
    """A data scientist's failure, told plainly: its lesson was not the point's evidence
    (the step before it, "more realistic", was), so the story showed no key point and was
    said to answer another question (misses_question, overall 45)."""
    lesson = (
        "I learned to be more careful about data leakage and to check when features are available."
    )
    answer = (
        "I once built a credit-risk model that looked really good offline but performed badly "
        "after we launched it. It turned out one of the features was only available after the "
        "loan decision, so it was leaking information about the target. We had to roll the "
        "model back, and it cost the company some money. I fixed the feature and retrained the "
        "model, and the new one was more realistic. " + lesson
    )
    card = SCORER.score(QuestionBank.load().get("time-you-failed"), answer)
    (point,) = [k for k in card.keypoints if k.point == "the lesson you took away"]
    assert point.covered and point.evidence == lesson
    assert "misses_question" not in card.flags
    assert card.dimensions["result"].evidence[0] == lesson


@pytest.mark.parametrize(
    "purpose",
    [
        "I skipped a full load test to hit the date, and the launch failed for two hours.",
        "I moved the import to a queue to protect the checkout path.",
        "I cut the scope to meet the deadline.",
    ],
)
def test_a_purpose_said_in_an_infinitive_is_a_reason(purpose: str) -> None:
    """ "I skipped a full load test to hit the date" was told to "add why you chose that",
    the why being in it."""
    analysis = analyse(QUESTION, SETTING + purpose + ENDING)
    assert next(s for s in analysis.sentences if s.text == purpose).reasoning
    assert "add why you chose that" not in _card(purpose).dimensions["action"].feedback


@pytest.mark.parametrize(
    "duty",
    [
        "I had to meet the deadline.",
        "We try to save the real meetings for that window.",
        "I decided to cut the scope.",
    ],
)
def test_an_infinitive_that_is_the_thing_done_is_no_reason(duty: str) -> None:
    assert not next(
        s for s in analyse(QUESTION, SETTING + duty).sentences if s.text == duty
    ).reasoning


INCIDENT = (
    "In March 2024 our payments API at Acme started timing out for a third of checkouts "
    "during the spring sale. {task} I rolled back the release that had changed the connection "
    "pool, because the errors began within minutes of it. Checkout errors fell from 31% to 0.4% "
    "within 20 minutes."
)


@pytest.mark.parametrize(
    "role",
    [
        "As the on-call engineer I owned the response.",
        "I was the on call developer, so I owned the response.",
    ],
)
def test_an_on_call_role_is_no_constraint(role: str) -> None:
    """ "As the on-call engineer I owned the response." was told to "keep the constraint
    in it": "on-call" read as a time, when it names a role held at any time."""
    task = SCORER.score(QUESTION, INCIDENT.format(task=role)).dimensions["task"].feedback
    assert "add the constraint" in task


@pytest.mark.parametrize("when", ["I was on call.", "I was on-call for the payments team."])
def test_being_on_call_says_when(when: str) -> None:
    assert next(
        s for s in analyse(QUESTION, SETTING + when).sentences if s.text == when
    ).time_marker


def test_advice_on_the_ending_quotes_the_sentence_that_measures_it() -> None:
    """With no sentence the result's own (the figure shares one with "I wrote the
    postmortem"), the result's tip quoted the rollback, an action, to "add the lesson"."""
    answer = INCIDENT.format(task="As the on-call engineer I owned the response.").replace(
        "within 20 minutes.",
        "within 20 minutes, and I wrote the postmortem that added a pool-size check to our "
        "deploy pipeline.",
    )
    feedback = SCORER.score(QUESTION, answer).dimensions["result"].feedback
    assert feedback.startswith('"Checkout errors fell from 31% to 0.4%')


FIGURES_THEN_PRAISE = (
    "In 2022 I led the billing migration at Acme, a team of five, and I owned the cutover "
    "plan and the launch date. I skipped a full load test to hit the date, and the launch "
    "failed for two hours. I rolled back within ten minutes, wrote the postmortem, and added "
    "a load test gate to our release checklist. Since then we shipped 5 migrations with zero "
    "downtime, and checkout errors fell from 3% to 0.2%. I thanked my manager, because his "
    "feedback helped me much more than a nice comment would have, and things went really "
    "well after that."
)


def test_a_vague_line_beside_measured_outcomes_is_not_asked_for_a_number() -> None:
    """Result 5/5 beside 'replace it with a number, before vs after', as if the answer
    had given none; a vague ending with no figure is still asked for one."""
    scorer, question = LocalScorer(), QuestionBank.load().get("time-you-failed")
    card = scorer.score(question, FIGURES_THEN_PRAISE)
    said = card.dimensions["result"].feedback
    assert card.score("result") == 5 and "is vague beside your figures: cut it" in said
    assert "replace it with a number" not in said
    unmeasured = FIGURES_THEN_PRAISE.replace(
        "Since then we shipped 5 migrations with zero downtime, and checkout errors fell from "
        "3% to 0.2%. ",
        "",
    )
    said = scorer.score(question, unmeasured).dimensions["result"].feedback
    assert "is vague: replace it with a number, before vs after." in said


BLUNT_REVIEW = (
    "In 2023 at Fernwood my lead told me in my review that my design docs were too long for "
    "anyone to read. I was annoyed at first, so I asked her for two examples of where she "
    "stopped reading. I rewrote my next doc as one page with the decision first, and asked "
    "her to check it before it went out. {ending}"
)


def test_a_comparison_with_what_else_would_have_done_is_no_vague_metric() -> None:
    """ "much more than a nice comment would have" was flagged vague_metrics and its tip
    asked to replace it with a number, though it claims no change: a story without a
    figure is still asked for one, as no_metrics."""
    scorer, question = LocalScorer(), QuestionBank.load().get("critical-feedback-received")
    judged = BLUNT_REVIEW.format(
        ending="Her blunt review taught me much more than a polite one would have. My next "
        "three docs were approved in one round."
    )
    card = scorer.score(question, judged)
    assert "vague_metrics" not in card.flags and "no_metrics" in card.flags
    claimed = BLUNT_REVIEW.format(
        ending="After that my reviews went much faster than before. My next three docs were "
        "approved in one round."
    )
    assert "vague_metrics" in scorer.score(question, claimed).flags


@pytest.mark.parametrize(
    "ending",
    [
        "After that my docs got far better reviews than before.",
        "After that my reviews went way quicker than before.",
        "After that far fewer of my docs came back with questions.",
    ],
)
def test_far_and_way_better_are_as_vague_as_much_better(ending: str) -> None:
    """ "much faster" was flagged vague_metrics while "far better", "far fewer" and "way
    quicker", the same claim without its figure, went unflagged."""
    card = LocalScorer().score(
        QuestionBank.load().get("critical-feedback-received"), BLUNT_REVIEW.format(ending=ending)
    )
    assert "vague_metrics" in card.flags


@pytest.mark.parametrize(
    "ending",
    [
        "After that, questions on my docs went down noticeably.",
        "After that my reviews got a bit quicker.",
        "After that the rounds of review on each doc dropped slightly.",
        "After that my docs improved quite a bit.",
    ],
)
def test_a_change_told_by_its_degree_alone_is_a_vague_metric(ending: str) -> None:
    """ "Support tickets ... went down noticeably" (genuine-20, coach: Result 3, "only
    'noticeably' fewer tickets") read as a result of 4 with no figure asked for: a
    degree word claims a measure as "a lot" does."""
    card = LocalScorer().score(
        QuestionBank.load().get("critical-feedback-received"), BLUNT_REVIEW.format(ending=ending)
    )
    assert "vague_metrics" in card.flags
    assert card.score("result") <= 3


@pytest.mark.parametrize(
    "ending",
    [
        "After that I spent a bit of time on the summary of each doc.",
        "She went quiet a little while, then agreed to the one-page format.",
        "I was a bit annoyed, but the next three docs were approved in one round.",
    ],
)
def test_a_bit_of_time_or_a_little_while_is_no_vague_metric(ending: str) -> None:
    """ "A bit of time", "a little while" and a feeling held "a bit" measure no change."""
    card = LocalScorer().score(
        QuestionBank.load().get("critical-feedback-received"), BLUNT_REVIEW.format(ending=ending)
    )
    assert "vague_metrics" not in card.flags


def test_a_comparative_inside_a_conditional_is_no_vague_metric() -> None:
    """ "Skipping it would have cost us far more than the extra day" weighs an
    alternative: no change is claimed, so its tip must not ask for its number."""
    ending = (
        "I told her that skipping the check would have cost us far more than the extra day. "
        "My next three docs were approved in one round."
    )
    card = LocalScorer().score(
        QuestionBank.load().get("critical-feedback-received"), BLUNT_REVIEW.format(ending=ending)
    )
    assert "vague_metrics" not in card.flags
    assert not any("far more" in tip for tip in card.tips)


def test_so_far_before_a_comparative_is_no_vague_metric() -> None:
    """ "So far more teams ..." says how far things have got, not how much better."""
    ending = "So far more of the team have asked me to review their docs."
    card = LocalScorer().score(
        QuestionBank.load().get("critical-feedback-received"), BLUNT_REVIEW.format(ending=ending)
    )
    assert "vague_metrics" not in card.flags


GROWTH = (
    "At a logistics startup I managed Priya, a mid-level backend engineer. {goal}"
    "We went through the career ladder together, and the gap was leading work across teams. "
    "I gave her the lead on our routing migration, which touched three teams, met her every "
    "week and was direct about her design doc. In calibration I brought the decisions she had "
    "driven, and she was promoted to senior nine months later."
)


@pytest.mark.parametrize(
    "goal",
    [
        "In our first one-on-one she told me she wanted to get to senior within a year. ",
        "She was hoping to move into a staff role within a year. ",
        "Priya was a strong engineer who wanted to reach senior within a year. ",
    ],
)
def test_the_career_goal_of_the_person_grown_is_the_task(goal: str) -> None:
    """ "Daniel told me he wanted to get to senior within a year" is the task a manager
    takes up (coaches gave 3 and 4); it read as no task at all, and the card asked for one."""
    question = QuestionBank.load().get("growing-engineers-careers")
    told = SCORER.score(question, GROWTH.format(goal=goal)).dimensions["task"]
    untold = SCORER.score(question, GROWTH.format(goal="")).dimensions["task"]
    assert told.evidence == [goal.strip()]
    assert told.score >= 3
    assert not untold.evidence
    assert "what you were responsible for" in untold.feedback
    assert "what you were responsible for" not in told.feedback


@pytest.mark.parametrize(
    "said",
    [
        "He wanted to go home early that Friday.",
        "She wanted to know who had changed the config.",
        "They hoped to get the release out before the holidays.",
    ],
)
def test_another_s_other_wishes_are_no_task(said: str) -> None:
    assert not next(
        s for s in analyse(QUESTION, SETTING + said).sentences if s.text == said
    ).task_marker


def test_a_goal_taken_up_from_someone_else_is_not_said_as_one_s_own() -> None:
    """ "I had someone on my team who wanted to be promoted" names a goal, thinly: the
    "I" is not the candidate owning it, which would lift a thin answer's task to 3."""
    question = QuestionBank.load().get("growing-engineers-careers")
    answer = (
        "I had someone on my team who wanted to be promoted. We talked about it in our "
        "one-on-ones and I gave them some bigger projects to work on. Eventually they got "
        "promoted, which was great to see."
    )
    task = SCORER.score(question, answer).dimensions["task"]
    assert task.score == 2
    assert task.evidence == ["I had someone on my team who wanted to be promoted."]


@pytest.mark.parametrize(
    "who",
    [
        "Mei was a mid-level data scientist on my team.",
        "He was a junior solutions architect at the time.",
        "She was a first-year summer intern.",
    ],
)
def test_a_role_with_words_before_it_names_who(who: str) -> None:
    """ "Mei was a mid-level data scientist" names who the story is about, as "a data
    scientist" does; it gave the scene no one (a coach gave the situation 3, not 2)."""
    assert next(s for s in analyse(QUESTION, SETTING + who).sentences if s.text == who).people
