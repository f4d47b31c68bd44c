"""Whatever a valid reply holds, the checked grade makes a ScoreCard that validates."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachkit import QuestionBank
from coachkit.llm import verify
from coachkit.llm.reply import Grade, KeypointGrade
from coachkit.llm.verify import check_grade
from coachkit.models import DIMENSIONS, ScoreCard

ANSWER = (
    "In 2023 I was the backend lead at Lumen when our payment service failed during a launch. "
    "I was responsible for restoring checkout within the hour, with the CFO watching. "
    "I rolled back the release, added a canary stage and wrote a runbook for the team. "
    "Checkout errors fell from 12% to 0.3% and we had no incident in the next six months."
)
QUESTION = QuestionBank.load().get("time-you-failed")
_WORDS = ANSWER.split()

fragment = st.builds(
    lambda start, size: " ".join(_WORDS[start : start + size]),
    st.integers(0, len(_WORDS) - 1),
    st.integers(1, 12),
)
line_text = st.one_of(
    fragment,
    st.text(min_size=1, max_size=80).filter(str.strip),
    st.sampled_from(["At Acme we cut 40% of costs.", "[result?: by how much?]", "Maria said OK."]),
)
grade = st.fixed_dictionaries(
    {
        "dimensions": st.fixed_dictionaries(
            {
                d: st.fixed_dictionaries(
                    {
                        "score": st.integers(0, 5),
                        "evidence": st.lists(st.one_of(fragment, st.text(max_size=30)), max_size=3),
                        "feedback": st.text(max_size=40),
                    }
                )
                for d in DIMENSIONS
            }
        ),
        "overall": st.integers(0, 100),
        "keypoints": st.lists(
            st.fixed_dictionaries(
                {
                    "point": st.sampled_from(QUESTION.keypoints),
                    "covered": st.booleans(),
                    "evidence": st.one_of(st.none(), fragment),
                }
            ),
            max_size=6,
        ),
        "rebuilt": st.lists(
            st.fixed_dictionaries({"text": line_text, "dimension": st.sampled_from(DIMENSIONS)}),
            max_size=6,
        ),
        "tips": st.lists(st.text(max_size=50), max_size=4),
        "flags": st.lists(st.sampled_from(["we_not_i", "too_short", "made_up"]), max_size=3),
    }
)


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(grade)
def test_a_checked_grade_makes_a_valid_scorecard(reply: dict[str, object]) -> None:
    checked = check_grade(Grade.model_validate(reply), QUESTION, ANSWER)
    card = ScoreCard(
        question_id=QUESTION.id,
        scorer="test",
        rubric_version="test",
        dimensions=checked.dimensions,
        overall=checked.overall,
        keypoints=checked.keypoints,
        rebuilt=checked.rebuilt,
        flags=checked.flags,
        tips=checked.tips,
    )
    # Validating the card from its JSON must give the same card: no check lets
    # through a value the model forbids, or one that does not survive a round trip.
    assert ScoreCard.model_validate_json(card.model_dump_json()) == card
    order = [DIMENSIONS.index(line.dimension) for line in card.rebuilt]
    assert order == sorted(order) and set(order) == set(range(len(DIMENSIONS)))
    assert all(quote in ANSWER for d in card.dimensions.values() for quote in d.evidence)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 _-'’.\né٣日İ")), max_size=40), st.integers(1, 8))
def test_counting_words_stops_early_but_counts_as_findall(text: str, count: int) -> None:
    assert verify._has_words(text, count) is (len(verify._WORD.findall(text)) >= count)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_words_are_read_as_any_text_is(text: str) -> None:
    normal = unicodedata.normalize("NFKC", text).translate(verify._QUOTES)
    general = frozenset(map(str.casefold, verify._WORD.findall(normal)))
    assert verify._norm(text) == normal
    assert verify._words(text) == general


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from([*"aZ19 .,_-&'’\néX٣", "3.5", "A1"]), max_size=30).map("".join))
def test_numbers_and_names_are_found_as_the_plain_patterns_find_them(text: str) -> None:
    # verify's patterns test what comes before a match after its first character,
    # which is faster; the spans must be those of the patterns written plainly.
    number = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
    capital = re.compile(r"(?<![\w.])[A-Z][\w&\-]*[A-Za-z0-9]")
    for fast, plain in ((verify._NUMBER, number), (verify._CAPITALISED, capital)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    ascii_text = text.encode("ascii", "ignore").decode().lower()
    assert set(verify._ASCII_WORD.findall(ascii_text)) == set(verify._WORD.findall(ascii_text))


# Names (possessive, plural, hyphenated, accented), numbers in digits and words, and stops.
_TOKENS = "Lumen Lumen's APIs API CFO I OK Anne-Marie AT&T B2B Zürich".split()
_TOKENS += "12 2,000 2000 0.3 six 6 the we cut . , : ( —".split()
_TOKENS += "$2.5M 2.5 million two and a half 2,500,000 500k".split()


@settings(max_examples=400, deadline=None, database=None)
@given(
    st.lists(st.sampled_from(_TOKENS), max_size=14).map(" ".join),
    st.lists(st.sampled_from(_TOKENS), max_size=14).map(" ".join),
)
def test_the_quick_test_for_given_facts_agrees_with_the_full_check(line: str, answer: str) -> None:
    facts = verify._Facts(QUESTION, answer)
    if verify._all_given(line, facts):
        assert verify._replace_invented(line, facts) == (line, False)


@settings(max_examples=200, deadline=None, database=None)
@given(st.data())
def test_each_verdict_answers_the_point_it_names_copied_or_reworded(data: st.DataObject) -> None:
    points = QUESTION.keypoints
    chosen = data.draw(st.lists(st.sampled_from(range(len(points))), unique=True))
    given = {
        i: KeypointGrade(
            point=points[i].upper() + " (my words)" if data.draw(st.booleans()) else points[i],
            covered=True,
        )
        for i in chosen
    }
    listed = list(given.values())
    if data.draw(st.booleans()):
        listed.reverse()  # the order the model lists them in does not matter
    matches = verify._match_points(points, listed)
    assert {i: m for i, m in enumerate(matches) if m is not None} == given
