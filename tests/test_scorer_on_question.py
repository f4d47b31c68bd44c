"""Whether an answer speaks to its question: real answers are read as on topic, and a
good story told for the wrong question is not a good answer to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_scorer_quality import sq

from coachkit import QuestionBank
from coachkit.models import DIMENSIONS
from coachkit.rubric import flag_explanation, reading
from coachkit.scoring import LocalScorer
from coachkit.scoring.analysis import analyse
from coachkit.scoring.keypoints import firmly_shown
from coachkit.scoring.overall import CAPS
from coachkit.scoring.relevance import topic_of
from coachkit.scoring.similarity import closeness
from coachkit.scoring.text import base_form, content_words, stem

DATA = Path(__file__).parent / "data"
# A failure story with figures, a clear "I" and a lesson: strong for its own question.
FAILURE = (
    "In 2023 I was the backend lead at Lumen when our payment service failed during a launch. "
    "I was responsible for restoring checkout within the hour, with the CFO watching. "
    "I rolled back the release, added a canary stage and wrote a runbook for the team. "
    "Checkout errors fell from 12% to 0.3% and we had no incident in the next six months."
)
# The labelled kinds that are real stories, as benchmarks/scorer_quality.py reads them.
STORY_KINDS = set(sq.STORY_KINDS)


@pytest.fixture(scope="module")
def scorer() -> LocalScorer:
    return LocalScorer()


def _rows(name: str) -> list[dict[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("question_id", ["conflict-with-teammate", "mentored-someone"])
def test_a_story_for_another_question_is_flagged_and_capped(
    bank: QuestionBank, scorer: LocalScorer, question_id: str
) -> None:
    home = scorer.score(bank.get("time-you-failed"), FAILURE)
    away = scorer.score(bank.get(question_id), FAILURE)

    assert "misses_question" not in home.flags
    assert home.overall > CAPS["misses_question"]
    assert "misses_question" in away.flags
    assert away.overall <= CAPS["misses_question"]
    assert not any(k.covered for k in away.keypoints)
    # The telling is judged as before: only the answer to this question is weak.
    assert all(away.score(d) == home.score(d) for d in DIMENSIONS)
    assert "key points" in flag_explanation("misses_question")


def test_points_any_story_meets_do_not_hide_a_story_for_another_question(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """ "No blaming teammates" holds for a mentoring story too: it is no sign of a failure."""
    mentoring = (
        "Last spring a new graduate, Priya, joined my team at Fernhill and struggled with code "
        "reviews. I paired with her twice a week and we went through each of my review comments "
        "together. I also asked her to review my pull requests, so she saw how I read code. By "
        "the summer her reviews were the most thorough on the team, and she led her first "
        "feature in August."
    )
    card = scorer.score(bank.get("time-you-failed"), mentoring)
    assert "misses_question" in card.flags
    assert any(k.covered and k.evidence is None for k in card.keypoints)  # "no blaming ..."


@pytest.mark.parametrize("flag", ["misses_question", "no_story", "off_topic"])
def test_no_real_answer_is_flagged_as_beside_its_question(
    bank: QuestionBank, scorer: LocalScorer, flag: str
) -> None:
    """The labelled stories; 60 answers to 30 questions in six styles (polished,
    plain, casual, brief, long, non-native); and 55 answers to the 11 view questions
    in five (story-led, terse, spoken, non-native, polished), both written apart from
    the scorer. One answer, about a lettings product (landlords, rent, late fees), was
    once read as a story from home; three spoken views ("public speaking" for a
    weakness) were once capped for using none of the key points' words."""
    labelled = [r for r in _rows("labelled_answers.jsonl") if r["kind"] in STORY_KINDS]
    stories = labelled + _rows("genuine_answers.jsonl") + _rows("view_answers.jsonl")
    assert len(stories) >= 150
    flagged = [
        r["id"]
        for r in stories
        if flag in scorer.score(bank.get(r["question_id"]), r["answer"]).flags
    ]
    assert flagged == []


def test_most_good_stories_told_for_another_question_score_lower(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """Measured: 50% of these (labelled story, other question) pairs flagged; none on
    their own question. (43% before one word stopped meeting two parts of a key point;
    19% before views asked for a view and key points for a word.)"""
    others = [q for q in bank if q.category in ("behavioral", "cultural-fit")]
    stories = [
        r
        for r in _rows("labelled_answers.jsonl")
        if r["kind"] in STORY_KINDS and bank.get(r["question_id"]).category == "behavioral"
    ]
    pairs = flagged = 0
    for row in stories[::3]:  # a third of them keeps the test quick
        for question in others:
            if question.id != row["question_id"]:
                pairs += 1
                flagged += "misses_question" in scorer.score(question, row["answer"]).flags
    assert pairs > 200
    assert flagged / pairs >= 0.3


def test_a_design_answer_is_judged_by_the_off_topic_rule_instead(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    card = scorer.score(bank.get("design-rate-limiter"), FAILURE)
    assert "misses_question" not in card.flags


@pytest.mark.parametrize(
    ("answer", "flag"),
    [
        ("Situation: launch. Task: fix. Action: fixed. Result: fixed.", "signpost_stuffing"),
        ("I don't know, I have never had one of those.", "non_answer"),
    ],
    ids=["signposts", "non-answer"],
)
def test_answers_already_flagged_for_a_clearer_reason_are_not_also_missing(
    bank: QuestionBank, scorer: LocalScorer, answer: str, flag: str
) -> None:
    card = scorer.score(bank.get("conflict-with-teammate"), answer)
    assert flag in card.flags
    assert "misses_question" not in card.flags


def test_a_story_too_padded_to_read_is_not_said_to_miss_the_question(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """Filler hides most key points from the matcher, not from the interviewer."""
    (row,) = [r for r in _rows("labelled_answers.jsonl") if r["id"] == "lwa-09"]
    card = scorer.score(bank.get(row["question_id"]), row["answer"])
    credited = {k.point for k in card.keypoints if k.covered}
    assert credited <= set(row["keypoints_covered"])  # what it finds, the label has
    assert len(credited) < len(row["keypoints_covered"])
    assert "filler_heavy" in card.flags
    assert "misses_question" not in card.flags


def test_a_no_blame_point_is_not_a_point_to_make_explicit() -> None:
    question = QuestionBank.load().get("time-you-failed")
    card = LocalScorer().score(question, "I failed once. It was bad.")
    assert any("Make these key points explicit" in tip for tip in card.tips)
    assert not any("no blaming" in tip for tip in card.tips)


def test_short_lived_tokens_are_a_design_point_not_a_length() -> None:
    """ "short-lived access and refresh tokens" was judged by the answer's length."""
    question = QuestionBank.load().get("authentication-sessions-jwt")
    unrelated = (
        "In March our checkout team shipped a release on time. I wrote the migration plan and "
        "ran the rehearsal with the support lead. We moved traffic in steps over two days. "
        "Errors stayed under one percent the whole week. The finance team signed off on Friday. "
        "I wrote up what went well and shared it with the other teams."
    )
    hits = {hit.point: hit.covered for hit in analyse(question, unrelated).keypoints}
    assert hits["short-lived access and refresh tokens"] is False


def test_one_common_word_does_not_tie_a_story_to_another_question() -> None:
    """A career pitch's "I started at a bank" does not meet "concrete behaviour change"
    by one word ("started"): told for "critical feedback received", it is flagged."""
    rows = [json.loads(line) for line in (DATA / "labelled_answers.jsonl").read_text().splitlines()]
    pitch = next(r["answer"] for r in rows if r["id"] == "tmay-01")
    bank = QuestionBank.load()
    card = LocalScorer().score(bank.get("critical-feedback-received"), pitch)
    assert {"misses_question", "no_story"} & set(card.flags)
    assert card.overall <= CAPS["misses_question"]
    assert (
        "misses_question"
        not in LocalScorer().score(bank.get("tell-me-about-yourself"), pitch).flags
    )


def test_a_related_word_is_not_the_subject_of_a_story_question() -> None:
    """An incident story says "customer" and "support", kin of the stakeholder prompt's
    words: told for "said no to a senior stakeholder", it was not flagged."""
    rows = [json.loads(line) for line in (DATA / "labelled_answers.jsonl").read_text().splitlines()]
    incident = next(r["answer"] for r in rows if r["id"] == "pi-01")
    bank = QuestionBank.load()
    told_elsewhere = LocalScorer().score(bank.get("pushed-back-on-stakeholder"), incident)
    assert "misses_question" in told_elsewhere.flags
    assert (
        "misses_question"
        not in LocalScorer().score(bank.get("production-incident"), incident).flags
    )


PROMOTION = (
    "Last year I coached Maya, a mid-level engineer on my team, towards senior. We looked at "
    "our career ladder together and the gap was clear: she had never led a cross-team "
    "project. I found her one, the migration of our auth service, and we met every two weeks "
    "to review her plan. She shipped it in March and was promoted to senior in the next cycle."
)


def test_a_prompts_everyday_word_does_not_tie_a_story_to_it() -> None:
    """A promotion story's "senior" tied it to "deliver bad news to senior leadership",
    where it scored 62 unflagged; "told", "take" and "long" are as common."""
    bank = QuestionBank.load()
    card = LocalScorer().score(bank.get("delivering-bad-news-upward"), PROMOTION)
    assert "misses_question" in card.flags and card.overall <= CAPS["misses_question"]
    assert (
        "misses_question" not in LocalScorer().score(bank.get("mentored-someone"), PROMOTION).flags
    )


def test_a_story_is_no_answer_to_a_question_that_asks_for_a_view(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """The failure story, told for "Why do you want this role?", scored 84 (above its
    82 on its own question): "responsible" passed for "role" and "next" for "want"."""
    card = scorer.score(bank.get("why-this-role"), FAILURE)
    assert "misses_question" in card.flags
    assert card.overall <= CAPS["misses_question"]
    # "What you would contribute" was shown by "added a canary stage": not any more.
    assert not any(k.covered and k.evidence for k in card.keypoints)
    explained = flag_explanation("misses_question", bank.get("why-this-role"))
    assert "view" in explained and "key points" not in explained
    # The same story with a view of the candidate's own answers the question.
    view = FAILURE + " That is why I want this role: your payments team is rebuilding checkout."
    assert "misses_question" not in scorer.score(bank.get("why-this-role"), view).flags


@pytest.mark.parametrize(
    ("question_id", "view"),
    [
        ("why-this-role", "I'm drawn to this role: you run checkout at ten times our scale."),
        ("what-motivates-you", "That is what motivates me: a number a customer can feel."),
        ("where-in-five-years", "In five years I see myself leading a platform team."),
        ("biggest-weakness", "My biggest weakness is that I take on too much myself."),
        ("management-philosophy", "I'd describe my style as hands-off with clear goals."),
        ("staying-current", "These days I keep a reading list and try one new tool a month."),
    ],
)
def test_a_view_stated_in_any_of_its_usual_forms_is_read_as_one(
    bank: QuestionBank, scorer: LocalScorer, question_id: str, view: str
) -> None:
    question = bank.get(question_id)
    assert "misses_question" in scorer.score(question, FAILURE).flags
    assert "misses_question" not in scorer.score(question, f"{FAILURE} {view}").flags


def test_most_good_stories_told_for_a_view_are_flagged(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """Measured: 87 of these 176 pairs, and 66% of the pairs of a good story (labelled
    60 or more) with a view. Those left are career pitches, stories too short to read,
    and stories that end on a habit ("now I always ...")."""
    views = [q for q in bank if reading(q) == "view"]
    stories = [
        r
        for r in _rows("labelled_answers.jsonl")
        if r["kind"] in STORY_KINDS and reading(bank.get(r["question_id"])) == "story"
    ]
    pairs = [(q, r["answer"]) for r in stories[::2] for q in views]
    flagged = sum("misses_question" in scorer.score(q, a).flags for q, a in pairs)
    assert len(pairs) > 150
    assert flagged / len(pairs) >= 0.4


def test_the_prompts_words_count_in_any_form(bank: QuestionBank, scorer: LocalScorer) -> None:
    """A plain failure story that says "my failure", not "I failed", was capped as
    missing the question: the stemmer keeps "failure" and "fail" apart, as it does
    "teammates" and "teammate"."""
    plain = (
        "The one that still stings is from my first team lead job. I had a new hire who was "
        "struggling, and I kept telling myself she just needed time, so I never had the "
        "direct conversation. Months went by, she got more and more anxious, and eventually "
        "she quit. In the exit interview she said she never knew where she stood with me. "
        "That was my failure, not hers: I avoided an awkward talk and she paid for it. What I "
        "do now is tell people early and plainly when something is not working, in a "
        "one-to-one, with an example, and then agree on what good looks like. I did that with "
        "the next person who was struggling and we sorted it out within a couple of months; "
        "he is still on the team and doing well."
    )
    assert "misses_question" not in scorer.score(bank.get("time-you-failed"), plain).flags


# A performance win: a fine story for "most proud of", no failure of the candidate's.
WIN = (
    "Last spring our signup page took five seconds to load on phones and signups had dropped "
    "by 9 percent. I owned the frontend performance budget for our team of four. I profiled "
    "the bundle, lazy-loaded the map widget and swapped a 250 KB charting library for plain "
    "SVG. I also added a bundle-size check to CI so it could not creep back. Load time fell "
    "to 1.8 seconds and signups recovered within three weeks."
)


def test_a_success_story_is_no_answer_to_a_failure_question(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """It scored 88 on "a time you failed": "9 percent" met "measurable consequences" and
    "I owned" met "your own part", as if the story were about a failure."""
    card = scorer.score(bank.get("time-you-failed"), WIN)
    assert "misses_question" in card.flags and card.overall <= CAPS["misses_question"]
    assert "misses_question" not in scorer.score(bank.get("proudest-project"), WIN).flags
    assert "misses_question" not in scorer.score(bank.get("time-you-failed"), FAILURE).flags


def test_a_failure_denied_is_not_a_failure_shown(bank: QuestionBank, scorer: LocalScorer) -> None:
    story = (
        "In 2023 I had to move our reconciliation to the bank's new file format without "
        "slipping the launch our merchants had planned for. {rest}"
    )
    rest = "I wrote the parser and contract tests, and we launched on the day."
    card = scorer.score(bank.get("time-you-failed"), story.format(rest=rest))
    failure = "a real failure with measurable consequences"
    assert not next(k for k in card.keypoints if k.point == failure).covered
    # Told with its measure, as "measurable consequences" asks (a slip alone measures nothing).
    slipped = story.replace("without slipping", "and I slipped").replace(
        "planned for.", "planned for by two weeks."
    )
    slipped = slipped.format(rest=rest)
    assert next(
        k
        for k in scorer.score(bank.get("time-you-failed"), slipped).keypoints
        if k.point == failure
    ).covered


def test_a_name_weighed_against_another_is_still_named(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """ "302, not 301" weighs the 301: denying a name still discusses it."""
    answer = (
        "Requirements first: 100 million new links a month, reads far above writes, links "
        "that live for years. I'd hash to a seven-character base62 code and store it in a "
        "key-value store, with a Redis cache in front for hot codes. Redirects return 302, "
        "not 301, so clicks stay measurable and a link can be repointed, at the cost of more "
        "traffic."
    )
    card = scorer.score(bank.get("design-url-shortener"), answer)
    assert next(k for k in card.keypoints if k.point == "301 versus 302 redirect choice").covered


def test_one_word_meeting_two_parts_of_a_point_is_one_word(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """A failure story scored 88 on "a disagreement with a teammate": "learned" met both
    "understand" and "reasoning", and "load test" both "data" and "prototype", as if the
    story held a talk and an experiment. A word that is one part's own still serves two
    ("two options" says "alternative options")."""
    failure = (
        "In 2022 I led the billing migration at Acme, a team of five. "
        "I was responsible for the cutover plan and the launch date. "
        "I skipped a full load test to hit the date, and the launch failed for two hours. "
        "I rolled back, ran the postmortem and added a load test gate to our release checklist. "
        "Since then we shipped 5 migrations with zero downtime, and I learned to test under "
        "real load."
    )
    card = scorer.score(bank.get("conflict-with-teammate"), failure)
    assert "misses_question" in card.flags and card.overall <= CAPS["misses_question"]
    assert "misses_question" not in scorer.score(bank.get("time-you-failed"), failure).flags

    options = analyse(
        bank.get("delivering-bad-news-upward"),
        "I told my director the same day that the migration would cost 40 percent more. "
        "I owned that our estimate had been too optimistic and gave her two options.",
    ).keypoints
    point = next(h for h in options if h.point == "recommendation with alternative options")
    assert firmly_shown(point)


def test_a_verbs_irregular_forms_are_one_word() -> None:
    assert base_form(stem("wrote")) == base_form(stem("written")) == base_form(stem("write"))
    assert base_form(stem("understood")) == base_form(stem("understand"))
    assert base_form(stem("tested")) == "test"


def test_zero_denies_what_follows_it(bank: QuestionBank, scorer: LocalScorer) -> None:
    """ "zero sev-1 bugs" is no failure: the figure between does not hide the "zero"."""
    info = analyse(bank.get("time-you-failed"), "We launched with zero sev-1 bugs.").sentences[0]
    assert "bug" in info.stems and "bug" not in info.affirmed
    said = analyse(bank.get("time-you-failed"), "We launched with two sev-1 bugs.").sentences[0]
    assert "bug" in said.affirmed


def test_buzzword_salad_is_not_also_said_to_miss_the_question(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """The buzzword flag already says what is wrong; "conflict" names the subject."""
    (row,) = [r for r in _rows("labelled_answers.jsonl") if r["id"] == "cwt-10"]
    card = scorer.score(bank.get(row["question_id"]), row["answer"])
    assert "buzzword_heavy" in card.flags
    assert "misses_question" not in card.flags


def test_one_story_is_no_career_pitch(bank: QuestionBank, scorer: LocalScorer) -> None:
    """A failure story scored 91 on "Tell me about yourself": a pitch says where you
    are, how you got there and what you want next, and reads as a view."""
    question = bank.get("tell-me-about-yourself")
    assert reading(question) == "view"
    card = scorer.score(question, FAILURE)
    assert "misses_question" in card.flags and card.overall <= CAPS["misses_question"]
    assert "where you are now" in flag_explanation("misses_question", question)
    assert "Today I" in flag_explanation("misses_question", bank.get("why-this-role"))
    pitch = question.model_copy(update={"id": "resume", "prompt": "Walk me through your CV."})
    assert reading(pitch) == "view" and pitch.asks_for_pitch
    assert reading(bank.get("time-you-failed")) == "story"


@pytest.mark.parametrize(
    ("before", "after"),
    [("I'm a backend engineer. ", ""), ("", " That's why I applied for this role.")],
)
def test_a_line_of_framing_does_not_make_a_story_a_pitch(
    bank: QuestionBank, scorer: LocalScorer, before: str, after: str
) -> None:
    """One stock line around a failure story scored 87 and 91 on "Tell me about
    yourself": it gave a view, but none of a career's arc."""
    card = scorer.score(bank.get("tell-me-about-yourself"), before + FAILURE + after)
    assert "misses_question" in card.flags and card.overall <= CAPS["misses_question"]


def test_a_story_framed_by_two_beats_is_a_pitch(bank: QuestionBank, scorer: LocalScorer) -> None:
    """Where you are now and what you want next, around one story, is a story-led pitch:
    judged by its bands, not flagged."""
    framed = f"I'm a backend engineer with six years in payments. {FAILURE} Next I want a "
    card = scorer.score(bank.get("tell-me-about-yourself"), framed + "platform team.")
    assert "misses_question" not in card.flags


def test_no_real_pitch_misses_its_question(bank: QuestionBank, scorer: LocalScorer) -> None:
    """74 pitches written apart from the scorer (tests/data/pitch_answers.jsonl: the first 30
    in 17 roles, 7 of them story-led, 3 in non-native English; 44 more in other roles and
    styles, returners and graduates among them) and the 10 labelled ones."""
    rows = _rows("pitch_answers.jsonl") + [
        r for r in _rows("labelled_answers.jsonl") if r["question_id"] == "tell-me-about-yourself"
    ]
    assert len(rows) == 84
    flagged = [
        r["id"]
        for r in rows
        if "misses_question" in scorer.score(bank.get(r["question_id"]), r["answer"]).flags
    ]
    assert flagged == []


def test_a_word_for_when_does_not_tie_a_story_to_a_question(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """A deadline story scored 93 on "a time you failed": "shipped two weeks later" met
    "evidence the change worked later" by "shipped" (kin of "work") and "later"."""
    deadline = (
        "In 2023 a partner moved our integration launch forward by a month. I owned the API "
        "and had four weeks instead of eight. I cut the scope to the three endpoints the "
        "partner needed on day one and shared the plan with everyone. I paired with QA every "
        "afternoon so testing never queued up. We launched on the new date with zero sev-1 "
        "bugs, and the deferred endpoints shipped two weeks later."
    )
    failed = scorer.score(bank.get("time-you-failed"), deadline)
    assert "misses_question" in failed.flags and failed.overall <= CAPS["misses_question"]
    own = scorer.score(bank.get("shipped-under-tight-deadline"), deadline)
    assert "misses_question" not in own.flags and own.overall >= 85


# A failure story with a lesson, as a user wrote it: strong for "a time you failed".
MIGRATION = (
    "In 2023 I was the backend lead at Lumen, a payments startup with 40 engineers. I "
    "owned the migration of our billing service to a new database, with a deadline of six"
    " weeks before Black Friday. I planned the cutover myself, but I skipped a load test "
    "to save time, and on launch day checkout latency rose from 200 ms to 3 seconds. I "
    "rolled back within 20 minutes, wrote the incident report, and ran a load test that "
    "reproduced the problem. I added a missing index and we relaunched a week later with "
    "latency at 150 ms. Since then I always load test before a cutover, and I added it to"
    " our release checklist, which the team still uses."
)


@pytest.mark.parametrize(
    "question_id", ["mentored-someone", "managing-underperformer", "delivering-bad-news-upward"]
)
def test_a_word_every_story_says_does_not_name_the_subject(
    bank: QuestionBank, scorer: LocalScorer, question_id: str
) -> None:
    """The failure story scored 88-90 on these, unflagged: "a new database" said the
    "new hire" and the "bad news", "40 engineers" the "engineer who was underperforming"."""
    card = scorer.score(bank.get(question_id), MIGRATION)
    assert "misses_question" in card.flags and card.overall <= CAPS["misses_question"]
    assert "misses_question" not in scorer.score(bank.get("time-you-failed"), MIGRATION).flags


@pytest.mark.parametrize("ending", ["", " That is the whole story."])
def test_a_figure_told_in_an_action_is_the_results_figure(
    bank: QuestionBank, scorer: LocalScorer, ending: str
) -> None:
    """A 100/100 story was flagged no_metrics ("The result has no number") and rebuilt
    with a [metric?] placeholder: its figure was in "I added an index and we relaunched
    with latency at 150 ms", read as an action, and a closing line took the result."""
    card = scorer.score(bank.get("time-you-failed"), MIGRATION + ending)
    assert "no_metrics" not in card.flags
    assert not any("[metric?" in line.text for line in card.rebuilt)


def test_milliseconds_end_a_sentence() -> None:
    """ "... fell to 90 ms. Since then ..." was quoted and rebuilt as one sentence: "ms."
    was read as the title "Ms."."""
    from coachkit.scoring.text import sentences

    said = [s.text for s in sentences("Latency fell to 90 ms. Since then I add alerts.")]
    assert said == ["Latency fell to 90 ms.", "Since then I add alerts."]
    assert len(sentences("I met Ms. Smith. She agreed.")) == 2


def test_the_subject_said_without_its_prefix_is_the_subject() -> None:
    """Someone "who wasn't performing well" is the underperformer the question asks about."""
    answer = (
        "We had someone on the team who wasn't performing very well. We talked to him a few "
        "times about it and tried to support him. We gave him some feedback and set some "
        "goals. It took a while but things got a bit better in the end. I think it's "
        "important to be supportive but also honest with people."
    )
    card = LocalScorer().score(QuestionBank.load().get("managing-underperformer"), answer)
    assert "misses_question" not in card.flags


def test_one_outcome_word_does_not_show_an_outcome_point_twice() -> None:
    """A missed-deadline story scored 58 on "someone whose career you helped develop":
    "we shipped one day late" met both "outcome" and (as a relative) "achieved" of
    "outcome such as promotion achieved", so the story seemed to answer the question."""
    story = (
        "In 2021 we missed a big deadline for a client demo because the API wasn't ready. I "
        "was the tech lead. I stayed late for three nights, rewrote the authentication layer "
        "myself, and we shipped one day late. The client was okay with it in the end. I "
        "learned that I should estimate better and add buffer to my plans."
    )
    card = LocalScorer().score(QuestionBank.load().get("growing-engineers-careers"), story)
    assert "misses_question" in card.flags and card.overall <= 45


# Answers that give views or a career in brief where the question asks for one time it
# happened: no story is told, however fluent.
PITCH = (
    "I'm a platform engineer with eight years behind me, the first three at a telecom in "
    "Porto where I looked after billing systems. For the last five years I've been at "
    "Quayside, where I lead the team that runs our Kubernetes clusters. What I enjoy most is "
    "making other teams faster, and I care a lot about good developer experience. Next I want "
    "a role where I can shape the platform for a much larger engineering group, which is why "
    "this opening appeals to me."
)
VIEWS = (
    "I think failure is a normal part of engineering work. I believe the most important "
    "thing is to be honest about mistakes and to see them as chances to learn. I want to work "
    "in a team where people feel safe to admit what went wrong. For me, what matters most is "
    "that the same mistake does not happen twice."
)
# A real story with a line of career framing and a view of its own.
FRAMED_STORY = (
    "I'm a backend engineer, and I believe you learn most from what breaks. In 2022 I owned "
    "the invoice service at Ledgerline when I shipped a migration that double-charged 300 "
    "customers. I rolled it back within the hour, refunded every charge myself and wrote the "
    "postmortem. I added a dry-run mode to our migrations, and we have had no repeat in two "
    "years."
)


@pytest.mark.parametrize("answer", [PITCH, VIEWS], ids=["pitch", "views"])
def test_views_or_a_pitch_for_a_story_question_are_no_story(
    bank: QuestionBank, scorer: LocalScorer, answer: str
) -> None:
    card = scorer.score(bank.get("time-you-failed"), answer)
    assert "no_story" in card.flags and "misses_question" not in card.flags
    assert card.overall <= CAPS["no_story"]
    assert not any(k.covered and k.evidence is not None for k in card.keypoints)
    assert "not a story" in flag_explanation("no_story")


def test_a_story_with_a_line_of_framing_and_a_view_is_a_story(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    card = scorer.score(bank.get("time-you-failed"), FRAMED_STORY)
    assert "no_story" not in card.flags and "misses_question" not in card.flags
    assert card.overall > 60


def test_a_pitch_for_a_pitch_question_is_not_flagged(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    card = scorer.score(bank.get("tell-me-about-yourself"), PITCH)
    assert "no_story" not in card.flags


def test_short_sentences_about_a_mentee_do_not_make_a_mentoring_story_off_topic(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """ "She got a return offer." has no work word of its own; the story names its subject
    (an intern) and much of the question's vocabulary, so it is not life outside work."""
    answer = (
        "Last summer I mentored an intern who was building our internal analytics dashboard. "
        "She was sharp but hadn't written Vue before. I set up a weekly one-on-one, paired with "
        "her during the first few weeks, and reviewed every pull request she opened, explaining "
        "the reasoning behind each suggestion rather than just the change. Over time I gave her "
        "larger pieces, and by the end she had built a new reporting page by herself. She got a "
        "return offer."
    )
    card = scorer.score(bank.get("mentored-someone"), answer)
    assert "off_topic" not in card.flags
    assert card.overall > 45


def test_a_word_most_stories_say_does_not_tie_a_story_to_a_question(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """An incident story's "customer update" is not "a request from a senior stakeholder
    or customer": a fifth of real stories say "customer" whatever they answer."""
    incident = (
        "In May our search API timed out for half an hour during a marketing push at Fernhill. "
        "As the on-call engineer I owned the fix and the customer update. I paged the platform "
        "team and rolled back the release that added an unindexed query. I kept the timeline "
        "while we recovered and ran the postmortem the next morning. Timeouts fell to zero "
        "within ten minutes of the rollback, and a new slow-query alert has caught three "
        "regressions since."
    )
    card = scorer.score(bank.get("pushed-back-on-stakeholder"), incident)
    assert "misses_question" in card.flags
    # "Has caught three regressions since" is no "measurable outcome of the change" in a
    # group's way of working: "since" is said by stories of every kind.
    assert (
        "misses_question" in scorer.score(bank.get("leadership-without-authority"), incident).flags
    )
    assert scorer.score(bank.get("production-incident"), incident).overall > CAPS["misses_question"]


UNDERPERFORMER = (
    "Last year at Brightdesk one of my engineers, Tom, kept missing sprint commitments and "
    "his reviews had slipped. As his manager it was my job to turn it around or start a "
    "formal process. I met him one-to-one, set three written expectations and paired him "
    "with our payments expert twice a week. I kept HR informed and wrote up each check-in. "
    "{result}"
)


def test_what_became_of_a_person_is_a_result_without_a_figure() -> None:
    """A people story's result ("the next quarter he owned the refunds rewrite") was
    asked for "a before/after, a percentage or a count"."""
    scorer, bank = LocalScorer(), QuestionBank.load()
    grew = UNDERPERFORMER.format(
        result="By week eight his cycle time was in line with the team, and the next "
        "quarter he owned the refunds rewrite."
    )
    card = scorer.score(bank.get("managing-underperformer"), grew)
    assert "no_metrics" not in card.flags
    # A story about a system still asks for its figure.
    shipped = FAILURE.replace(
        "Checkout errors fell from 12% to 0.3% and we had no incident in the next six months.",
        "After that the next launch went smoothly.",
    )
    assert "no_metrics" in scorer.score(bank.get("time-you-failed"), shipped).flags


# An engineering manager's plain story of an underperformer, never saying "underperforming".
PERSON = (
    "I had an engineer on my team who was missing deadlines and whose code reviews were slow. "
    "I talked to him about it in a one-on-one and he said he was struggling with the new "
    "service he had taken over. I set up some pairing sessions with a more senior engineer "
    "and we met more often to check in. I also talked to HR to make sure I was handling it "
    "properly. After a couple of months {whose} performance got better and he was doing fine."
)


def test_a_persons_performance_is_the_underperformers_subject() -> None:
    """The story above, "his performance got better", was flagged misses_question and held
    to 45. "Performance" alone is mostly a system's: a tuning story keeps its flag."""
    question = QuestionBank.load().get("managing-underperformer")
    scorer = LocalScorer()
    assert "misses_question" not in scorer.score(question, PERSON.format(whose="his")).flags
    assert "misses_question" in scorer.score(question, PERSON.format(whose="the team's")).flags
    tuning = (
        "In 2022 at Orbit I owned the search API. Its performance had slipped and p95 latency "
        "reached 2 seconds. I profiled the slow queries, added two indexes and cached the hot "
        "results in Redis. Query performance recovered and p95 fell to 180 ms within a week."
    )
    assert "misses_question" in scorer.score(question, tuning).flags


def test_a_questions_compounds_read_as_an_answers_do() -> None:
    """An answer's "on call" and "1:1s" were one word each ("oncall", "oneonone") while
    its question's "on-call" and "one-on-ones" were "call" and "one": neither met."""
    bank = QuestionBank.load()
    assert "oncall" in topic_of(bank.get("alert-fatigue")).core
    assert "oneonone" in topic_of(bank.get("first-90-days-manager")).wide
    said = content_words("I was on call for it, and I held 1:1s with both of them.")
    assert {"oncall", "oneonone"} <= set(said)
    assert (closeness(bank.get("alert-fatigue"), ["oncall"]) or 0.0) > 0.0
    assert (closeness(bank.get("first-90-days-manager"), ["oneonone"]) or 0.0) > 0.0


def test_a_prompts_manager_shows_nothing_of_which_question_a_story_answers() -> None:
    """ "my manager" is said by a fifth of real stories, whatever they answer: now that
    "manager" has a stem of its own ("manag" was set aside with "managed"), it is set
    aside too, so a story about anything does not "name" the subject of "when you were
    not anyone's manager"."""
    topic = topic_of(QuestionBank.load().get("leadership-without-authority"))
    assert stem("manager") in topic.core and stem("manager") not in topic.said


# Projects a candidate is proud of, told in full in their own words: none says "project".
INVOICES = (
    "In 2022 I led the rebuild of our invoicing app at Carrow, a small accounting firm, "
    "because clients kept phoning us to ask where their invoices were. I was the only "
    "engineer on it for six months. The hardest call was to drop our old PDF generator, "
    "which the founders loved, for a hosted one; I showed them the support logs to make the "
    "case. I wrote the new sending flow and a status page clients could check themselves. "
    "Support calls about invoices fell from about 40 a week to 6. I am proud of it because "
    "it was the first time I saw my work change someone's day."
)
RECIPES = (
    "Two years ago I rewrote the search for our recipe website. Results were slow and often "
    "wrong, and readers were leaving. I moved the index to Elasticsearch, tuned the ranking "
    "with the editors, and added typo tolerance. Searches that ended in a click went from 31 "
    "percent to 58 percent, and page views per visit rose by a fifth. It mattered to me "
    "because I had started on that site as a junior and this was the first thing I owned end "
    "to end."
)
KITCHEN = (
    "Last summer my partner and I renovated our kitchen ourselves. I tore out the old "
    "cabinets, rewired the lights and tiled the floor over four weekends. My sister helped me "
    "paint. It cost us half the quote we had from a builder, and we cooked our first dinner "
    "there in August."
)


@pytest.mark.parametrize("answer", [WIN, INVOICES, RECIPES], ids=["win", "invoices", "recipes"])
def test_any_story_told_in_full_answers_an_open_question(
    bank: QuestionBank, scorer: LocalScorer, answer: str
) -> None:
    """The performance win scored 15, off_topic with no key point met, on "What project
    are you most proud of?": it shares few words with the key points, and an open question
    names no subject of its own to share. A key point it misses costs that point: a story
    far from the question's words is still held to what it covers (loose_fit, 65 here)."""
    question = bank.get("proudest-project")
    card = scorer.score(question, answer)
    assert not {"off_topic", "misses_question"} & set(card.flags)
    assert card.overall >= 60
    if answer != INVOICES:  # "I owned ... end to end", "I owned the ... budget"
        role = next(k for k in card.keypoints if k.point == "your specific role and ownership")
        assert role.covered and "owned" in (role.evidence or "")
    assert topic_of(question).open and not topic_of(bank.get("time-you-failed")).open


def test_a_short_plain_answer_on_the_question_is_not_off_it(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """Three plain sentences share a word or two with any question: 9 of 60 short answers
    written for their questions (short_answers.jsonl, 20-59 words) were off_topic, scored
    15, "I suggested everyone checks the review queue after standup ... time to merge went
    from two and a half days to under one" among them. Too short to judge by vocabulary;
    "too_short" says what is wrong, and the decent ones still score well above the weak."""
    rows = _rows("short_answers.jsonl")
    cards = {row["id"]: scorer.score(bank.get(row["question_id"]), row["answer"]) for row in rows}
    assert not [i for i, card in cards.items() if "off_topic" in card.flags]
    mean = {
        quality: sum(cards[r["id"]].overall for r in rows if r["quality"] == quality)
        / sum(r["quality"] == quality for r in rows)
        for quality in ("decent", "weak")
    }
    assert mean["decent"] >= mean["weak"] + 20, mean
    reviews = cards["short-31"]
    assert reviews.overall >= 35 and reviews.dimensions["result"].score >= 3, reviews


@pytest.mark.parametrize(
    "answer",
    [
        "I'm not sure, to be honest. I guess it depends on the situation, really. Every case "
        "is different, and I'd have to see what the deadlines were first.",
        "I'm not really sure. It would depend on who was asking.",
    ],
)
def test_not_sure_and_it_depends_is_no_answer(
    bank: QuestionBank, scorer: LocalScorer, answer: str
) -> None:
    """Short, it meets no key point by naming the question's words back ("deadlines")."""
    card = scorer.score(bank.get("prioritize-competing-deadlines"), answer)
    assert "non_answer" in card.flags and card.overall <= 5, card
    assert not any(k.covered for k in card.keypoints)


def test_an_open_question_still_wants_a_story_from_work(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    question = bank.get("proudest-project")
    assert "off_topic" in scorer.score(question, KITCHEN).flags
    win = scorer.score(question, WIN)
    missing = "personal reason it matters to you"
    assert not next(k for k in win.keypoints if k.point == missing).covered
    assert any(missing in tip for tip in win.tips)
    # Told for a design question, the same story is still beside it.
    assert "off_topic" in scorer.score(bank.get("design-rate-limiter"), WIN).flags
