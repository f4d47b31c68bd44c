"""A well-told story scores by how well it answers this question: told for one it does not
fit, it scores clearly lower than on its own, and the card says why."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from coachkit import QuestionBank
from coachkit.models import DIMENSIONS, Question
from coachkit.rubric import flag_explanation, held_down, reading
from coachkit.scoring import LocalScorer
from coachkit.scoring.analysis import analyse
from coachkit.scoring.flags import FAR_FROM_QUESTION, FAR_FROM_VIEW, answered_instead
from coachkit.scoring.keypoints import KeypointHit
from coachkit.scoring.overall import CAPS, fit_cap
from coachkit.scoring.similarity import standing
from coachkit.scoring.text import content_words

DATA = Path(__file__).parent / "data"
# The flags that tell the user a story does not answer this question, or only loosely.
BESIDE = {"misses_question", "loose_fit"}


@pytest.fixture(scope="module")
def scorer() -> LocalScorer:
    return LocalScorer()


@pytest.fixture(scope="module")
def genuine() -> list[dict[str, str]]:
    """60 answers to 30 story questions in six styles, written apart from the scorer."""
    lines = (DATA / "genuine_answers.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _far(question: Question, answer: str) -> bool:
    """The story's words stay far from the question's (prompt, key points, guidance)."""
    words = [w for info in analyse(question, answer).usable for w in content_words(info.text)]
    where = standing(question, words)
    return where is not None and where.own < FAR_FROM_QUESTION


def test_a_story_far_from_a_question_covering_little_of_it_scores_clearly_lower(
    bank: QuestionBank, scorer: LocalScorer, genuine: list[dict[str, str]]
) -> None:
    """Every well-told story (85 or more on its own question), told for each other story
    question whose words it stays far from and of whose key points it covers at most
    one. Measured: 267 pairs, each 15 or more below its own score and flagged; before,
    they scored within a few points of it (a failure story scored 90 on "two senior
    engineers in a long-running disagreement", 97 on its own)."""
    stories = [q for q in bank if reading(q) == "story"]
    pairs = []
    for row in genuine:
        home = bank.get(row["question_id"])
        if reading(home) != "story":
            continue
        own = scorer.score(home, row["answer"])
        if own.overall < 85:
            continue
        for question in stories:
            if question.id == home.id or not _far(question, row["answer"]):
                continue
            card = scorer.score(question, row["answer"])
            if sum(k.covered for k in card.keypoints) <= 1:
                pairs.append((row["id"], question.id, own, card))
    assert len(pairs) >= 200
    high = [
        (a, q, own.overall, c.overall) for a, q, own, c in pairs if c.overall > own.overall - 15
    ]
    assert high == []
    assert [(a, q) for a, q, _, card in pairs if not BESIDE & set(card.flags)] == []
    # The telling is judged as it is: only the answer to this question is weak.
    assert all(card.score(d) == own.score(d) for _, _, own, card in pairs for d in DIMENSIONS)


def test_stories_about_work_score_clearly_lower_on_questions_about_people(
    bank: QuestionBank, scorer: LocalScorer, genuine: list[dict[str, str]]
) -> None:
    """A failure, an incident or a launch is no answer to "someone you helped grow" or
    "an engineer who was underperforming". Measured over the 140 pairs of a well-told
    story (80 or more) with the five questions about people: 117 score 15 or more below
    their own score, mean fall 34 (with four questions, 104 pairs: 83 and 32, and 42 and
    21 before stories far from a question were held to what they cover of it)."""
    people = [q for q in bank if q.category == "behavioral" and q.about_people]
    assert len(people) == 5
    falls = []
    for row in genuine:
        home = bank.get(row["question_id"])
        if home.category != "behavioral" or home.about_people:
            continue
        own = scorer.score(home, row["answer"]).overall
        if own >= 80:
            falls += [own - scorer.score(q, row["answer"]).overall for q in people]
    assert len(falls) >= 100
    assert sum(fall >= 15 for fall in falls) / len(falls) >= 0.7
    assert statistics.mean(falls) >= 25


def test_the_card_says_why_a_story_for_another_question_is_held_down(
    bank: QuestionBank, scorer: LocalScorer, genuine: list[dict[str, str]]
) -> None:
    """A failure story (91 on its own question) told for "Two senior engineers on your team
    are in a long-running disagreement": it shares few of the question's words, and one
    sentence meets one key point ("I'd decided the shadow run wasn't worth the extra
    week" for a decision process). It scored 90."""
    story = next(r["answer"] for r in genuine if r["id"] == "genuine-01")
    question = bank.get("mediating-team-conflict")
    card = scorer.score(question, story)
    covered = sum(k.covered for k in card.keypoints)
    assert covered == 1 and card.overall == 70
    assert "loose_fit" in card.flags and "misses_question" not in card.flags
    assert f"covers 1 of its {len(question.keypoints)} key points" in " ".join(card.notes)
    assert "held to 70" in " ".join(card.notes)
    explained = flag_explanation("loose_fit", question)
    assert "far from this question" in explained and "another question" in explained
    # On its own question the story is close to the question's words: no cap, no flag.
    home = scorer.score(bank.get("time-you-failed"), story)
    assert home.overall >= 90 and not BESIDE & set(home.flags) and not home.notes


def test_the_cap_grows_with_what_the_story_covers_of_the_question(
    bank: QuestionBank,
) -> None:
    """From the cap of a story that misses the question, 10 for each key point covered
    and 15 more for each shown in its own words; none at half the key points or more."""
    question = bank.get("mediating-team-conflict")
    failure = (
        "In 2022 I led the billing migration at Acme, a team of five. I was responsible for "
        "the cutover plan. I skipped a full load test to hit the date, and the launch failed "
        "for two hours. I rolled back, ran the postmortem and added a load test gate to our "
        "release checklist. Since then we shipped 5 migrations with zero downtime."
    )
    analysis = analyse(question, failure)
    hits = analysis.keypoints
    assert fit_cap(question, analysis, ["misses_question"], hits) is None  # already says so
    none = [KeypointHit(h.point, False, None) for h in hits]
    assert fit_cap(question, analysis, [], none) == CAPS["misses_question"]
    one = [KeypointHit(h.point, i == 0, None) for i, h in enumerate(hits)]
    assert fit_cap(question, analysis, [], one) == CAPS["misses_question"] + 10  # not shown
    half = [KeypointHit(h.point, i < len(hits) // 2, None) for i, h in enumerate(hits)]
    assert fit_cap(question, analysis, [], half) is None
    # A design keeps its own rules, and so does a view that answers no other question.
    for other in ("design-rate-limiter", "why-this-role"):
        asked = bank.get(other)
        read = analyse(asked, failure)
        assert fit_cap(asked, read, [], read.keypoints) is None


def test_real_answers_are_rarely_held_down_on_their_own_question(
    bank: QuestionBank, scorer: LocalScorer, genuine: list[dict[str, str]]
) -> None:
    """Of the labelled stories and the 60 written apart, two are (by 2 and 12 points): a
    conflict story and a casual one about unclear requirements that each cover one key
    point in words of their own."""
    lines = (DATA / "labelled_answers.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()] + genuine
    held = [
        r["id"]
        for r in rows
        if "loose_fit" in scorer.score(bank.get(r["question_id"]), r["answer"]).flags
    ]
    assert len(rows) == 182
    assert len(held) <= 2


def _rows(name: str) -> list[dict[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_a_view_given_for_another_view_question_is_held_down_and_the_card_says_why(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """A "Why this role?" answer (90 on its own question) given to "What is your biggest
    weakness?" scored 82: it covers one of its key points (no humble-brag, met by saying
    none) and stays far from its words, but views were never held to what they cover."""
    view = next(r["answer"] for r in _rows("view_answers.jsonl") if r["id"] == "why-this-role-1")
    question = bank.get("biggest-weakness")
    card = scorer.score(question, view)
    assert card.overall == CAPS["misses_question"] + 10
    assert "loose_fit" in card.flags and "misses_question" not in card.flags
    note = " ".join(card.notes)
    assert 'reads as one to "Why do you want this role?"' in note
    assert "covers 1 of its 5 key points" in note and "held to 55" in note
    explained = flag_explanation("loose_fit", question)
    assert "another" in explained and "your view" in explained
    # Its telling is judged as it is, and on its own question nothing changes.
    home = scorer.score(bank.get("why-this-role"), view)
    assert all(card.score(d) == home.score(d) for d in DIMENSIONS)
    assert home.overall == 90 and not BESIDE & set(home.flags)


def test_a_view_far_from_its_question_that_answers_no_other_keeps_its_score(
    bank: QuestionBank,
) -> None:
    """A real weakness told in none of the question's words ("Speaking to large groups",
    coach 80 as "Public speaking", which names a weakness, and with its habit told as a
    colleague's) covers one of its five key points, as many views told for another
    question do; but it answers no other question either, so it is not held down."""
    weakness = next(r for r in _rows("edge_answers.jsonl") if r["id"] == "edge-11")
    answer = weakness["answer"].replace("Public speaking to", "Speaking to", 1)
    answer = answer.replace(
        "I rehearse every talk out loud twice with a colleague",
        "a colleague hears every talk out loud twice",
    )
    assert answer.count("Speaking to") == 1 and "a colleague hears" in answer
    question = bank.get("biggest-weakness")
    analysis = analyse(question, answer)
    assert analysis.closeness is not None and analysis.closeness < FAR_FROM_VIEW
    hits = analysis.keypoints
    assert sum(h.covered for h in hits) == 1
    assert answered_instead(question, analysis) is None
    assert fit_cap(question, analysis, [], hits) is None


@pytest.mark.parametrize(
    ("name", "answer_id"),
    [("pitch_answers.jsonl", "pitch-20"), ("labelled_answers.jsonl", "tmay-01")],
)
def test_a_pitch_given_for_another_view_question_is_held_down_wherever_its_words_sit(
    bank: QuestionBank, scorer: LocalScorer, name: str, answer_id: str
) -> None:
    """A "Tell me about yourself" pitch scored 91 on "What is your biggest weakness?",
    covering only "no humble-brag" (met by saying none): its words sit nearest "Where do
    you see yourself in five years?" ("years", "next"), of which it covers little, so it
    read as answering no other question. It covers most of another view question's key
    points, and is held to what it covers of this one."""
    pitch = next(r["answer"] for r in _rows(name) if r["id"] == answer_id)
    question = bank.get("biggest-weakness")
    analysis = analyse(question, pitch)
    other = answered_instead(question, analysis)
    assert other is not None and other.id != "where-in-five-years"
    card = scorer.score(question, pitch)
    assert sum(k.covered for k in card.keypoints) == 1
    assert card.overall == CAPS["misses_question"] + 10
    assert "loose_fit" in card.flags
    assert f'reads as one to "{other.prompt}"' in " ".join(card.notes)
    home = scorer.score(bank.get("tell-me-about-yourself"), pitch)
    assert home.overall >= 85 and not BESIDE & set(home.flags)


def test_views_given_for_other_view_questions_score_lower(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    """Each of the 55 views of view_answers.jsonl given to each other view question: 605
    pairs, 54.3 on average (67.6 on their own questions); 257 score 60 or more. Before
    views far from a question were held to what they cover, 58.1 and 339; before one
    that fits another question its words do not sit nearest was held, 55.2 and 275. Each
    one held down says so, and no view is held down on its own question."""
    rows = _rows("view_answers.jsonl")
    views = [q for q in bank if reading(q) == "view"]
    cards = [scorer.score(q, r["answer"]) for r in rows for q in views if q.id != r["question_id"]]
    assert len(cards) == 605
    assert statistics.mean(c.overall for c in cards) <= 55
    assert sum(c.overall >= 60 for c in cards) <= 265
    held = [c for c in cards if "loose_fit" in c.flags]
    assert len(held) >= 80
    assert all("reads as one to" in " ".join(c.notes) for c in held)
    own = [
        r["id"]
        for name in ("view_answers.jsonl", "edge_answers.jsonl", "pitch_answers.jsonl")
        for r in _rows(name)
        if "loose_fit" in scorer.score(bank.get(r["question_id"]), r["answer"]).flags
    ]
    assert own == []


def _long_paste() -> str:
    """About 3,000 words of a migration told week by week: an answer to no design question."""
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
    services = ("the ledger", "the invoice renderer", "the search indexer", "the refunds worker")
    return " ".join(
        f"On {days[n % 5]} of week {n // 5 + 1} I moved {services[n % 4]} to the new "
        f"cluster, and its p95 latency fell from {300 + n} ms to {90 + n % 40} ms."
        for n in range(120)
    )


@pytest.mark.parametrize("question_id", ["design-url-shortener", "idempotent-apis"])
def test_a_long_paste_to_another_question_is_held_down_by_both(
    scorer: LocalScorer, bank: QuestionBank, question_id: str
) -> None:
    """A 3,000-word paste off the question was held down "off the question" alone: capped
    at 15 with bands worth 15, its length took the rest, unnamed. The user should learn
    both: answer this question, and in far fewer words."""
    paste = _long_paste()
    assert len(paste.split()) > 2500
    card = scorer.score(bank.get(question_id), paste)
    assert card.overall == 0
    assert {"off_topic", "too_long"} <= set(held_down(card))
