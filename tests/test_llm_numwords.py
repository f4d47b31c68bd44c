"""Numbers spelled out in words, read as the digits a rebuilt line may use."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachkit.numwords import (
    quantities,
    quantity_spans,
    scaled_spans,
    spelled_numbers,
    spelled_spans,
)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("no incident in the next six months", {"6"}),
        ("about twenty-five percent", {"25"}),
        ("Twenty five engineers", {"25"}),
        ("two of my three engineers", {"2", "3"}),
        ("two three-person teams", {"2", "3"}),  # a unit after a unit starts a new number
        ("a hundred and five users", {"105"}),
        ("one hundred twenty three", {"123"}),
        ("three thousand five hundred requests", {"3500"}),
        ("in two thousand and nineteen", {"2019"}),
        ("a dozen alerts, then two dozen", {"12", "24"}),
        ("six, seven", {"6", "7"}),  # punctuation ends a number
        ("one million rows", {"1000000"}),
        ("hundreds of users and a handful of teams", set()),
        ("", set()),
    ],
)
def test_spelled_numbers_are_read_as_digits(text: str, values: set[str]) -> None:
    assert spelled_numbers(text) == values


@settings(max_examples=300, deadline=None, database=None)
@given(st.integers(min_value=0, max_value=999))
def test_every_number_below_a_thousand_reads_back(n: int) -> None:
    ones = "zero one two three four five six seven eight nine ten eleven twelve thirteen".split()
    ones += "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()

    def words(k: int) -> str:
        if k < 20:
            return ones[k]
        if k < 100:
            return tens[k // 10 - 2] + ("-" + ones[k % 10] if k % 10 else "")
        rest = k % 100
        return ones[k // 100] + " hundred" + (" and " + words(rest) if rest else "")

    assert spelled_numbers(f"It took {words(n)} days.") == {str(n)}


def test_each_spelled_number_is_found_where_it_stands() -> None:
    text = "Saved a million dollars with Three engineers, and a hundred and five users."
    assert [(text[start:end], value) for start, end, value in spelled_spans(text)] == [
        ("a million", "1000000"),
        ("Three", "3"),
        ("a hundred and five", "105"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$2.5M", "2500000"),
        ("$2.5m", "2500000"),
        ("$2.5mn", "2500000"),
        ("2.5 million", "2500000"),
        ("two and a half million", "2500000"),
        ("2,500,000", "2500000"),
        ("500k", "500000"),
        ("10K", "10000"),
        ("3bn", "3000000000"),
        ("$1B", "1000000000"),
        ("half a million", "500000"),
        ("four million", "4000000"),
        ("two and a half", "5/2"),
        ("2.5", "5/2"),
    ],
)
def test_a_figure_is_read_by_its_value_however_it_is_written(text: str, value: str) -> None:
    assert quantities(f"It saved {text} for the team.") == {Fraction(value)}


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("4Mbps and 500ms", {"4", "500"}),  # a unit, not a scale
        ("release 1.2.3", set()),  # a version, not a figure
        ("25 million, not 2.5M", {"25000000", "2500000"}),
        ("a million users in two thousand and nineteen", {"1000000", "2019"}),
        ("9" * 5000, set()),  # no figure anyone writes, and no error reading it
        ("3 to 5 million", {"3000000", "5000000"}),  # a range shares its scale
        ("3-5k or three to five million", {"3000", "5000", "3000000", "5000000"}),
        ("from 40 to 2 million", {"40", "2000000"}),  # falling: not a range
        ("3 engineers to 5 million users", {"3", "5000000"}),
    ],
)
def test_what_is_not_a_figure_or_is_another_is_read_apart(text: str, values: set[str]) -> None:
    assert quantities(text) == {Fraction(v) for v in values}


def test_each_figure_is_found_where_it_stands() -> None:
    text = "We saved $2.5 million, then two and a half million more, and 3bn."
    assert [(text[start:end], str(value)) for start, end, value in quantity_spans(text)] == [
        ("2.5 million", "2500000"),
        ("two and a half million", "2500000"),
        ("3bn", "3000000000"),
    ]


def test_only_figures_written_with_a_scale_are_scaled() -> None:
    text = "It took 2 and a half years, 3 to 5 million dollars, $2.5k, 12 people, half a dozen."
    assert [(text[start:end], str(value)) for start, end, value in scaled_spans(text)] == [
        ("2 and a half", "5/2"),
        ("3", "3000000"),
        ("5 million", "5000000"),
        ("2.5k", "2500"),
        ("half a dozen", "6"),
    ]
