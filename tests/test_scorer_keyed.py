"""The key words that let the scorer skip a pattern never skip a match.

Each keyed pattern in the lexicon promises that every match holds one of its
keys. Hypothesis writes strings that match each pattern (every branch gets
visited), and each must pass the key check; otherwise the scorer would quietly
miss a feature it used to find.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coachkit.scoring import lexicon as lx
from coachkit.scoring.analysis import _with_filler
from coachkit.scoring.keyed import Keyed, keyed, present
from coachkit.scoring.text import words

KEYED = {name: value for name, value in vars(lx).items() if isinstance(value, Keyed)}
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def test_the_lexicon_keys_its_sentence_patterns() -> None:
    assert {"TIME_MARKER", "OUTCOME", "SETTING", "SIGNPOST", "NUMBER"} <= KEYED.keys()


@pytest.mark.parametrize("name", sorted(KEYED))
def test_every_match_holds_a_key(name: str) -> None:
    pattern = KEYED[name]

    @SETTINGS
    @given(st.from_regex(pattern.regex))
    def check(generated: str) -> None:
        text = generated.lower()  # the scorer matches lower-cased text
        assume(pattern.regex.search(text))
        assert pattern.could_match(text, present(words(text))), text

    check()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i don't know", True),  # "don" is a key, reached inside "don't"
        ("we shipped it", True),  # a prefix key: "shipp*"
        ("the team met", False),
        ("it took 3 tries", True),  # the digit key
    ],
)
def test_keys_of_each_kind(text: str, expected: bool) -> None:
    pattern = keyed(re.compile(r"\bdon'?t\b|\bshipp\w*|\d"), r"don shipp* \d")
    assert pattern.could_match(text, present(words(text))) is expected
    assert bool(pattern.regex.search(text)) is expected


def test_a_short_word_beginning_is_refused() -> None:
    with pytest.raises(ValueError, match="3 letters or more"):
        keyed(re.compile(r"\bum+"), "um*")
    with pytest.raises(ValueError, match="letters and digits only"):
        keyed(re.compile(r"\bdon't"), "don't")


_FRAGMENTS = st.sampled_from(
    [
        "I fixed the build",
        "um",
        "um,",
        "you know",
        "like,",
        "kind of",
        "a kind of",
        "the sort of",
        "basically",
        "I mean",
        "so yeah",
        "Honestly,",
        "We shipped it",
        "and then we left",
        "İ",
        "sort of done",
    ]
)
_SEPARATORS = st.sampled_from([". ", "\n", ", and ", "! ", "? ", ".\n\n", " ", ", ", "; "])


@SETTINGS
@given(st.lists(st.tuples(_FRAGMENTS, _SEPARATORS), min_size=1, max_size=12))
def test_a_sentence_with_filler_is_never_skipped(parts: list[tuple[str, str]]) -> None:
    text = "".join(fragment + separator for fragment, separator in parts)
    for sentence, searched in _with_filler(text):
        if lx.FILLER.search(sentence.text.lower()):
            assert searched, sentence.text
