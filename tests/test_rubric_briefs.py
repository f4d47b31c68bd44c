"""What each dimension means, said for the question: a technical question that is no
design is not asked for a spec."""

from __future__ import annotations

import pytest

from coachkit import QuestionBank
from coachkit.models import DIMENSIONS
from coachkit.rubric import dimension_brief

DESIGN_WORDS = ("functional and non-functional", "users, scale", "failure modes")


@pytest.mark.parametrize(
    "question_id", ["missing-data-handling", "incident-commander", "hiring-bar"]
)
def test_an_approach_question_reads_as_an_approach(question_id: str) -> None:
    """A mock report told a data scientist, an incident commander and a manager
    designing a hiring process: "Work on Task. Here it means requirements and goals
    stated, functional and non-functional"."""
    question = QuestionBank.load().get(question_id)
    briefs = " ".join(dimension_brief(question, d) for d in DIMENSIONS)
    assert not any(words in briefs for words in DESIGN_WORDS), briefs
    assert dimension_brief(question, "task").startswith("the goal stated")
    assert dimension_brief("technical", "task") == dimension_brief(question, "task")


def test_a_system_design_keeps_its_design_words() -> None:
    question = QuestionBank.load().get("design-recommendation-system")
    assert dimension_brief(question, "task").endswith("functional and non-functional")
    assert dimension_brief("system-design", "situation").startswith("scope and context")
