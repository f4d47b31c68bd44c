"""A quote whose typos the model tidied still finds the candidate's own words."""

from __future__ import annotations

import pytest
from fake_openai_server import grade_json
from hypothesis import given, settings
from hypothesis import strategies as st

from coachkit import QuestionBank
from coachkit.llm.reply import parse_reply
from coachkit.llm.typos import _one_typo
from coachkit.llm.verify import check_grade, find_quote

ANSWER = (
    "In 2023 I was the backend lead at Lumen when our payment service failed. "
    "I was responsable for restoring chekout within the hour. "
    "I rolled back the release and we recieved 40 fewer tickets that week."
)


@pytest.mark.parametrize(
    ("said", "quoted", "typo"),
    [
        ("responsable", "responsible", True),  # a letter changed
        ("chekout", "checkout", True),  # a letter dropped
        ("checkkout", "checkout", True),  # a letter added
        ("recieved", "received", True),  # neighbours swapped
        ("release", "release", True),
        ("rollback", "rolled", False),  # another word
        ("recieve", "believe", False),  # two letters changed
        ("cat", "car", False),  # short words differ, they are not typos
        ("lead", "led", False),  # nor is a short word against a shorter one
    ],
)
def test_one_typo_is_one_slip_in_a_word_of_four_letters_or_more(
    said: str, quoted: str, typo: bool
) -> None:
    assert (said == quoted or _one_typo(said, quoted)) is typo


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        (
            "I was responsible for restoring checkout within the hour",
            "I was responsable for restoring chekout within the hour",
        ),
        ("we received 40 fewer tickets", "we recieved 40 fewer tickets"),
        ("I was accountable for fixing checkout", None),  # other words, not typos
        ("I saved the company", None),
        ("responsible restoring", None),  # two words prove too little with a typo
    ],
)
def test_a_quote_with_the_typos_tidied_finds_the_answers_own_text(
    quote: str, found: str | None
) -> None:
    assert find_quote(quote, ANSWER) == found


def test_a_score_quoted_with_a_tidied_typo_is_not_capped() -> None:
    question = QuestionBank.load().get("time-you-failed")
    quotes = {
        "situation": ["In 2023 I was the backend lead at Lumen"],
        "task": ["I was responsible for restoring checkout within the hour"],
        "action": ["I rolled back the release"],
        "result": ["we received 40 fewer tickets that week"],
    }
    checked = check_grade(parse_reply(grade_json(4, quotes)), question, ANSWER)
    assert [part.score for part in checked.dimensions.values()] == [4, 4, 4, 4]
    assert checked.dimensions["task"].evidence == [
        "I was responsable for restoring chekout within the hour"
    ]
    assert "unsupported_score" not in checked.flags


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("abcde fgh.,'’\n")), max_size=80), st.data())
def test_whatever_is_found_is_the_answers_own_text(answer: str, data: st.DataObject) -> None:
    words = answer.split()
    if len(words) < 3:
        return
    start = data.draw(st.integers(0, len(words) - 3))
    quote = " ".join(words[start : start + data.draw(st.integers(3, 6))])
    if data.draw(st.booleans()) and len(quote) > 4:
        at = data.draw(st.integers(0, len(quote) - 1))
        quote = quote[:at] + "x" + quote[at + 1 :]  # a typo the model did not make
    found = find_quote(quote, answer)
    assert found is None or found in answer
