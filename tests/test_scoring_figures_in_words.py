"""Figures said in words or with a currency's name count as figures in digits do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scorer_helpers import scored


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
