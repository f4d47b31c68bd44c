"""Unclear requirements, told in a candidate's words. Something unclear is nobody able to
say what it was: "Nobody could tell me what better meant", "nobody had told him what was
expected"; someone who could say, or nobody doing something else, is not. A thin slice is
a part built instead of the whole: "instead of a full redesign I made a rough prototype of
one panel"; the whole passed over with nothing built is not.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

AMBIGUOUS = (
    "Last year at an edtech company I was handed a project to make the teacher dashboard "
    "better. {line} So I talked to eight teachers in two weeks and wrote up a short brief. "
    "It shipped in the fall and support tickets went down."
)
UNDERPERFORMER = (
    "One of my engineers kept missing his sprint commitments after a reorganisation. I met "
    "him within a week. {line} We wrote down his goals for the next two months and met "
    "weekly. By the end of the quarter he was delivering like the rest of the team."
)


@pytest.mark.parametrize(
    "line",
    [
        "Nobody could tell me what better meant, and every stakeholder had a different idea.",
        "No one had agreed on what done looked like.",
        "None of us could say exactly which teachers it was for.",
    ],
)
def test_nobody_able_to_say_what_it_was_is_what_was_unclear(line: str) -> None:
    card = scored("ambiguous-requirements", AMBIGUOUS.format(line=line))
    assert quote_for(card, "what exactly was unclear") == line


def test_nobody_having_told_him_what_was_expected_is_unclear_expectations() -> None:
    line = "It came out that nobody had told him what was expected of him in the new team."
    card = scored("managing-underperformer", UNDERPERFORMER.format(line=line))
    assert quote_for(card, "root cause such as unclear expectations") == line


@pytest.mark.parametrize(
    "line",
    [
        "The head of product could tell me exactly what better meant.",
        "Nobody could believe what the old dashboard looked like.",
        "Nobody wanted a full redesign.",
    ],
)
def test_someone_who_could_say_or_nobody_doing_else_is_nothing_unclear(line: str) -> None:
    card = scored("ambiguous-requirements", AMBIGUOUS.format(line=line))
    assert quote_for(card, "what exactly was unclear") is None


@pytest.mark.parametrize(
    "line",
    [
        "Then instead of a full redesign I made a rough prototype of one panel.",
        "I built a thin first version for one school rather than the whole district.",
    ],
)
def test_a_part_built_instead_of_the_whole_is_a_thin_slice(line: str) -> None:
    card = scored("ambiguous-requirements", AMBIGUOUS.format(line=line))
    assert quote_for(card, "prototype or thin slice to learn quickly") == line


def test_the_whole_passed_over_with_nothing_built_is_no_thin_slice() -> None:
    line = "Instead of a full day of meetings, I wrote everyone a memo."
    card = scored("ambiguous-requirements", AMBIGUOUS.format(line=line))
    assert quote_for(card, "prototype or thin slice to learn quickly") is None
