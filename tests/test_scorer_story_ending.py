"""How the offline scorer reads a story's ending: a step added for good, told last, is
what the candidate now does differently (the result), and its tip does not ask for it."""

from __future__ import annotations

import pytest

from coachkit.scoring.analysis import analyse
from tests.scorer_helpers import BANK, scored

INCIDENT = (
    "Last March our checkout API went down for 40 minutes after a bad config push, during "
    "our busiest hour. I was the on-call engineer, so I had to restore service and find the "
    "cause. Alerts fired on the error rate, and I rolled back the config within 10 minutes. "
    "I traced the failure to a missing timeout value and posted updates to support every "
    "15 minutes. Checkout recovered fully, and about 2,000 orders were delayed."
)


def _result_tip(answer: str) -> str:
    (tip,) = [t for t in scored("production-incident", answer).tips if t.startswith("Result")]
    return tip


@pytest.mark.parametrize(
    "ending",
    [
        "We added a canary stage for config changes; no outage since.",
        "I then added a canary stage for config changes and wrote the runbook; no outage since.",
    ],
)
def test_a_lasting_change_told_last_is_the_result(ending: str) -> None:
    answer = f"{INCIDENT} {ending}"
    last = analyse(BANK.get("production-incident"), answer).sentences[-1]
    assert last.role == "result"
    tip = _result_tip(answer)
    assert "what you now do differently" not in tip
    # It already says the change held: the tip does not ask for that either.
    assert "evidence the change stuck" not in tip


def test_a_lasting_change_without_evidence_is_asked_for_it() -> None:
    answer = f"{INCIDENT} We added a canary stage for config changes."
    tip = _result_tip(answer)
    assert "what you now do differently" not in tip
    assert "evidence the change stuck" in tip


def test_the_same_step_told_early_stays_an_action() -> None:
    answer = (
        "Last March our checkout API went down for 40 minutes after a bad config push. "
        "I was the on-call engineer. I added a canary stage for config changes that week. "
        "Then I traced the failure to a missing timeout value and fixed the validation. "
        "Checkout recovered fully, and about 2,000 orders were delayed. "
        "Errors fell from 4 percent to 0.1 percent."
    )
    step = analyse(BANK.get("production-incident"), answer).sentences[2]
    assert step.role == "action"


MENTORING = (
    "Last year a new graduate, Priya, joined my team and her first pull requests were "
    "taking two weeks to merge. As her mentor, I had to get her shipping on her own within "
    "a quarter. I paired with her for an hour each morning on her tickets. "
)


@pytest.mark.parametrize(
    "step",
    [
        "I asked her and learned she was stuck on the build.",
        "I learned that the build had been failing on her laptop for days.",
    ],
)
def test_learning_a_fact_in_a_step_is_no_lesson(step: str) -> None:
    answer = f"{MENTORING}{step} I wrote a setup guide and reviewed her pull requests the same day."
    info = next(
        i for i in analyse(BANK.get("mentored-someone"), answer).sentences if i.text == step
    )
    assert not info.lesson
    card = scored("mentored-someone", answer)
    (tip,) = [t for t in card.tips if t.startswith("Result")]
    assert step not in tip  # the tip asks for the ending, not about a step
    assert card.dimensions["result"].score == 0


def test_a_lesson_told_with_learned_is_still_one() -> None:
    lesson = "I learned that asking early saves a week, and now I ask on day one."
    info = next(
        i
        for i in analyse(BANK.get("mentored-someone"), f"{MENTORING}{lesson}").sentences
        if i.text == lesson
    )
    assert info.lesson
