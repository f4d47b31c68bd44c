"""Words read in the sense their sentence gives them: a first step is no habit taken up,
a "since" after a comma gives a reason, and a hyphenated term is one word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachkit import QuestionBank
from coachkit.scoring import LocalScorer, concepts
from coachkit.scoring.features import SentenceInfo, sentence_info
from coachkit.scoring.text import Sentence, content_words, stem

SCORER = LocalScorer()
BANK = QuestionBank.load()


def _info(text: str) -> SentenceInfo:
    return sentence_info(Sentence(text, 0, 0), technical=False)


def _genuine(answer_id: str) -> dict[str, str]:
    rows = (Path(__file__).parent / "data" / "genuine_answers.jsonl").read_text("utf-8")
    return next(r for r in map(json.loads, rows.splitlines()) if r["id"] == answer_id)


@pytest.mark.parametrize(
    ("text", "lesson"),
    [
        ("I started by reading the existing test protocols and the last audit report.", False),
        ("I started with the three slowest queries.", False),
        ("I started out in customer support at a bank in Leeds.", False),
        ("I started as a manual tester at a game studio.", False),
        ("I started writing a one-page summary before every design review.", True),
        ("I stopped taking meetings on Friday afternoons.", True),
        ("After that I began every escalation call by restating the problem.", True),
    ],
)
def test_a_first_step_or_a_career_start_is_no_habit_taken_up(text: str, lesson: bool) -> None:
    """ "I started by reading the last audit report" read as a lesson, and met "knowledge
    shared with the team afterwards" in genuine-26 (coach: not covered); "I started out in
    architecture" gave a pitch a result."""
    assert _info(text).lesson is lesson


@pytest.mark.parametrize(
    ("text", "since"),
    [
        ("I read the last audit report, since that told me what the auditors looked at.", False),
        ("I'd cache it at the edge, since every lookup is by code.", False),
        ("We haven't had an outage since the migration.", True),
        ("It has run clean, since then, for six months.", True),
        ("I raised it early, since that's my habit, and it has held since March.", True),
    ],
)
def test_since_after_a_comma_gives_a_reason_not_a_time(text: str, since: bool) -> None:
    assert (stem("since") in _info(text).affirmed) is since


def test_a_reason_given_with_since_meets_no_later_change() -> None:
    """genuine-26's "I started by reading ... the last audit report, since that told me what
    the auditors had actually looked at" met "knowledge shared with the team afterwards"
    (a lesson and "since" as afterwards) and was the quote for "time to first shipped
    contribution" ("since" as a later change); the coach credits neither to it."""
    row = _genuine("genuine-26")
    card = SCORER.score(BANK.get(row["question_id"]), row["answer"])
    hits = {k.point: k for k in card.keypoints}
    assert not hits["knowledge shared with the team afterwards"].covered
    shipped = hits["time to first shipped contribution"]
    assert not shipped.covered or "I started by reading" not in (shipped.evidence or "")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("We got buy-in from the platform team.", "buyin"),
        ("The post-mortem found the cause.", "postmortem"),
        ("There was push-back from sales.", "pushback"),
        ("I wrote a two-page proposal.", "twopage"),
        ("We load-tested it at twice the peak.", "loadtest"),
        ("We sized it in t-shirt sizes.", "tshirt"),
    ],
)
def test_a_hyphenated_term_is_one_word(text: str, word: str) -> None:
    assert word in content_words(text)


def test_a_t_test_is_still_a_test() -> None:
    assert stem("test") in content_words("We ran a t-test on the two groups.")


def test_buy_in_is_met_by_an_agreement() -> None:
    """ "team buy-in" was read as "buy" (a group's "buy-in" was never met), so "we agreed
    that each squad fixes its top two quarantined tests" did not meet it."""
    answer = (
        "Our CI pipeline had become so flaky that people hit retry until it went green. I "
        "spent a day on our CI history: 23% of builds failed once and passed on retry. I "
        "shared those numbers in our retro and proposed a quarantine for flaky tests. So we "
        "agreed that each squad fixes its top two quarantined tests every sprint, and we put "
        "the count on the team dashboard. Three months later flaky failures were down to 3%."
    )
    card = SCORER.score(BANK.get("improved-team-process"), answer)
    hit = next(k for k in card.keypoints if k.point == "team buy-in and adoption of change")
    assert hit.covered and "we agreed" in (hit.evidence or "")
    assert stem("buyin") in concepts.related(stem("agreed"))


def test_a_concept_word_no_text_is_read_as_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A group's word must be one word as texts are read, or it is never met."""
    monkeypatch.setattr(concepts, "_GROUPS", ["agreed consensus sign-off"])
    with pytest.raises(ValueError, match="sign-off"):
        concepts._build()
