"""Figures said in words or with a currency's name count as figures in digits do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scorer_helpers import BANK, scored

from coachkit.scoring.analysis import analyse

QUESTION = "delivering-bad-news-upward"

STORY = (
    "Last year I was the engineering manager for our payments integration, which "
    "leadership had promised to a large customer for the first of March. In January our "
    "payment partner told us their new API would be three months late. That meant we "
    "would miss the date and put a contract worth 1.2 million dollars a year at risk. I "
    "asked for fifteen minutes at the weekly leadership meeting that same week rather "
    "than waiting for the monthly review. I opened with the headline: we would miss March "
    "1. Then I gave the facts, the revenue at risk, and two options: switch to a second "
    "partner at a higher cost and ship by mid-April, or wait for the original partner and "
    "ship in June. I recommended the second partner. I took responsibility for not having "
    "a backup partner in the plan. Leadership approved the switch, and I sent them a short "
    "written update every Friday. {result}"
)
IN_WORDS = "We shipped on April 12, six weeks late, and kept the customer."
IN_DIGITS = "We shipped on April 12, 6 weeks late, and kept the customer."
COST_IN_WORDS = "We kept the customer, and the switch cost forty thousand."


def _measures(sentence: str) -> bool:
    """Whether the scorer reads ``sentence``, said on its own, as measuring something."""
    (info,) = analyse(BANK.get(QUESTION), sentence).sentences
    return info.metric


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("We shipped six weeks late.", "We shipped 6 weeks late."),
        ("We were three months behind.", "We were 3 months behind."),
        ("We would miss the date by at least six weeks.", "We would miss it by at least 6 weeks."),
        ("The delay cost us forty thousand.", "The delay cost us 40,000."),
        ("Revenue grew by two million.", "Revenue grew by 2M."),
        ("The budget was EUR 2m.", "The budget was €2m."),
        ("The contract was worth USD 2 million.", "The contract was worth $2 million."),
        ("Two thirds of the team moved over.", "66% of the team moved over."),
        ("Three quarters of the backlog was closed.", "75% of the backlog was closed."),
        ("A dozen customers signed up.", "12 customers signed up."),
        ("Half the team was out.", "50% of the team was out."),
        ("The switch saved $40k.", "The switch saved $40,000."),
        # A share said with "a": each measured nothing, and a result of it was Result 1-3.
        ("Timeouts fell by a third.", "Timeouts fell by 33%."),
        ("We cut the timeouts in half.", "We cut the timeouts by 50%."),
        ("A quarter of the support tickets went away.", "25% of the support tickets went away."),
        ("Errors dropped to a tenth of what they were.", "Errors dropped by 90%."),
    ],
)
def test_a_figure_in_words_measures_as_its_digits_do(words: str, digits: str) -> None:
    assert _measures(words) and _measures(digits)


@pytest.mark.parametrize(
    "vague",
    [
        "We shipped a few weeks late.",
        "Many users signed up.",
        "It cost a lot of money.",
        "It took several months.",
        "We shipped a couple of weeks late.",
        "There were a million things to do.",
        "Thousands of users were affected.",
        # Ordinals and the calendar, not shares.
        "By the third sprint the pages stopped.",
        "Last quarter the pages stopped.",
        "We met at a quarter past nine.",
    ],
)
def test_a_vague_quantity_measures_nothing(vague: str) -> None:
    assert not _measures(vague)


def test_a_result_with_its_delay_in_words_is_measured_as_in_digits() -> None:
    # "six weeks late" sizes the outcome as "6 weeks late" does: no "add a figure" flag.
    words = scored(QUESTION, STORY.format(result=IN_WORDS))
    digits = scored(QUESTION, STORY.format(result=IN_DIGITS))
    assert "no_metrics" not in words.flags
    assert words.dimensions["result"].score == digits.dimensions["result"].score
    assert words.overall == digits.overall


def test_a_cost_said_in_words_is_the_results_figure() -> None:
    card = scored(QUESTION, STORY.format(result=COST_IN_WORDS))
    assert "no_metrics" not in card.flags


def _genuine(answer_id: str) -> str:
    rows = (Path(__file__).parent / "data" / "genuine_answers.jsonl").read_text(encoding="utf-8")
    (row,) = [json.loads(line) for line in rows.splitlines() if f'"{answer_id}"' in line]
    return str(row["answer"])


@pytest.mark.parametrize("other", ["mentored-someone", "proudest-project"])
def test_a_story_told_for_another_question_is_not_rambling_there(other: str) -> None:
    # A well-told scope trade-off story is off "mentored someone" throughout: that is
    # misses_question, and an open question fits any story (loose_fit). Read as
    # wandering too, its bands fell to 2/1/1/1 beside the flag that already said it was
    # the wrong story.
    answer = _genuine("genuine-55")
    own = scored("scope-tradeoff-with-engineering", answer)
    card = scored(other, answer)
    assert "rambling" not in card.flags
    assert {"misses_question", "loose_fit"} & set(card.flags)
    assert {d: s.score for d, s in card.dimensions.items()} == {
        d: s.score for d, s in own.dimensions.items()
    }
