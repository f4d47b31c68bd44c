"""An explain question's context is where the thing comes up: "It comes up constantly
in churn and fraud models" is that (Situation), not a step of the answer."""

from __future__ import annotations

import pytest

from coachkit.scoring.analysis import analyse
from tests.scorer_helpers import BANK, scored

OPENING = (
    "Data leakage is when the training data contains information that will not be "
    "available at prediction time."
)
REST = (
    "For example, a churn model that uses the cancellation date as a feature looks perfect "
    "offline. I prevent it by splitting by time and building features only from data "
    "before the cutoff."
)


@pytest.mark.parametrize(
    "where",
    [
        "It comes up constantly in churn and fraud models.",
        "You see it most in forecasting and credit scoring.",
    ],
)
def test_where_it_comes_up_is_the_context(where: str) -> None:
    answer = f"{OPENING} {where} {REST}"
    sentence = analyse(BANK.get("data-leakage"), answer).sentences[1]
    assert sentence.role == "situation"
    card = scored("data-leakage", answer)
    (tip,) = [t for t in card.tips if t.startswith("Situation")]
    assert "say where this comes up" not in tip
    assert card.dimensions["situation"].score >= 3


def test_a_part_of_an_example_showing_up_is_no_context() -> None:
    step = "Or the same customer shows up in both the training and the test split."
    sentence = analyse(BANK.get("data-leakage"), f"{OPENING} {REST} {step}").sentences[-1]
    assert not sentence.scope
