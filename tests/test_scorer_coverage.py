"""Every question in the bank has a test answer, and on the questions no other set answers
the offline scorer ranks a strong answer above a weak one without calling it a miss.

tests/data/coverage_answers.jsonl holds, for each question that no other file in tests/data
answered and for each question of a role's walk as an interviewer, a strong answer (150-300
words: concrete and correct, with trade-offs, or a story with a measured result) and a weak
one (40-90 words: on topic but vague), written before they were scored. A strong answer
scores at least STRONG_FLOOR and a weak one at most WEAK_CEILING, the bounds the other
scorer tests hold a good and a poor answer to. A question the scorer gets wrong goes in
KNOWN_MISSES with the reason: its test is then expected to fail, and a fix that makes it
pass fails the run (strict xfail) until the entry is removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coachkit import QuestionBank
from coachkit.models import ScoreCard
from coachkit.scoring import LocalScorer

DATA = Path(__file__).parent / "data"
COVERAGE = DATA / "coverage_answers.jsonl"
# The flags that say an answer does not answer its question.
MISSES = frozenset({"off_topic", "misses_question", "no_story", "non_answer"})
STRONG_WORDS, WEAK_WORDS = (150, 300), (40, 90)
STRONG_FLOOR, WEAK_CEILING = 70, 45
# Where the scorer gets the coverage set wrong today: for each check, question id -> why,
# in a line.
KNOWN_MISSES: dict[str, dict[str, str]] = {
    "strong_above_weak": {},
    "strong_not_missed": {},
    "strong_at_floor": {},
    "weak_at_ceiling": {},
}


def _rows(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# Read at collection, so that each case is named by its question.
BUNDLED = [question.id for question in QuestionBank.load(user=())]
COVERED = list(dict.fromkeys(row["question_id"] for row in _rows(COVERAGE)))


def _cases(check: str) -> list[Any]:
    known = KNOWN_MISSES[check]
    return [
        pytest.param(
            qid,
            id=qid,
            marks=[pytest.mark.xfail(strict=True, reason=known[qid])] if qid in known else [],
        )
        for qid in COVERED
    ]


@pytest.fixture(scope="module")
def answered() -> set[str]:
    """The questions with an answer in any file of tests/data."""
    return {
        row["question_id"]
        for path in sorted(DATA.glob("*.jsonl"))
        for row in _rows(path)
        if "answer" in row and "question_id" in row
    }


@pytest.fixture(scope="module")
def cards(bank: QuestionBank) -> dict[str, ScoreCard]:
    scorer = LocalScorer()
    return {
        row["id"]: scorer.score(bank.get(row["question_id"]), row["answer"])
        for row in _rows(COVERAGE)
    }


@pytest.mark.parametrize("question_id", BUNDLED)
def test_every_question_has_a_test_answer(question_id: str, answered: set[str]) -> None:
    assert question_id in answered, (
        f"{question_id!r} has no answer in tests/data, so the scorer is never checked on it: "
        f"add a strong and a weak answer for it to {COVERAGE.name} (see {Path(__file__).name})"
    )


def test_coverage_set_pairs_a_strong_and_a_weak_answer(bank: QuestionBank) -> None:
    """One of each per question, for a role it is for, each within its length."""
    seen: dict[str, list[str]] = {}
    for row in _rows(COVERAGE):
        question = bank.get(row["question_id"])
        kind = row["kind"]
        assert row["id"] == f"cov-{question.id}-{kind}"
        assert question.fits_role(row["role"]), row["id"]
        low, high = STRONG_WORDS if kind == "strong" else WEAK_WORDS
        assert low <= len(row["answer"].split()) <= high, row["id"]
        seen.setdefault(question.id, []).append(kind)
    unpaired = {qid: kinds for qid, kinds in seen.items() if sorted(kinds) != ["strong", "weak"]}
    assert not unpaired, f"each question needs one strong and one weak answer: {unpaired}"


def test_known_misses_name_questions_of_the_coverage_set() -> None:
    stale = {qid for known in KNOWN_MISSES.values() for qid in known} - set(COVERED)
    assert not stale, f"KNOWN_MISSES names questions with no coverage answers: {sorted(stale)}"


@pytest.mark.parametrize("question_id", _cases("strong_above_weak"))
def test_strong_answer_scores_above_weak(question_id: str, cards: dict[str, ScoreCard]) -> None:
    strong, weak = cards[f"cov-{question_id}-strong"], cards[f"cov-{question_id}-weak"]
    assert strong.overall > weak.overall, (
        f"{question_id}: strong {strong.overall} {strong.flags}, weak {weak.overall} {weak.flags}"
    )


@pytest.mark.parametrize("question_id", _cases("strong_not_missed"))
def test_strong_answer_is_not_flagged_as_missing_the_question(
    question_id: str, cards: dict[str, ScoreCard]
) -> None:
    card = cards[f"cov-{question_id}-strong"]
    assert not MISSES & set(card.flags), f"{question_id}: {card.overall}, {card.flags}"


@pytest.mark.parametrize("question_id", _cases("strong_at_floor"))
def test_strong_answer_scores_at_least_the_floor(
    question_id: str, cards: dict[str, ScoreCard]
) -> None:
    card = cards[f"cov-{question_id}-strong"]
    missed = [k.point for k in card.keypoints if not k.covered]
    assert card.overall >= STRONG_FLOOR, f"{question_id}: {card.overall}, missed {missed}"


@pytest.mark.parametrize("question_id", _cases("weak_at_ceiling"))
def test_weak_answer_scores_at_most_the_ceiling(
    question_id: str, cards: dict[str, ScoreCard]
) -> None:
    card = cards[f"cov-{question_id}-weak"]
    met = [k.point for k in card.keypoints if k.covered]
    assert card.overall <= WEAK_CEILING, f"{question_id}: {card.overall}, met {met}"
