"""Answers from a walk of mobile, frontend and product-manager questions whose key points
and scenes the offline scorer missed, each said plainly; beside them, weak answers that
only gesture at the same points and must not meet them."""

from __future__ import annotations

from tests.scorer_helpers import scored

DEADLINES = "two concrete conflicting deadlines named"

# Names both deadlines by what they were and when, with no word "deadline" in it.
NAMED_DEADLINES = (
    "In my last role as a frontend engineer on a checkout team, one week in March "
    "everything landed at once: the redesigned payment form for a marketing launch on "
    "Friday, and an accessibility fix that legal needed before an audit on Thursday. I "
    "could not do both well alone, so I had to decide which came first. I compared the "
    "cost of missing each: the audit date was fixed by an outside firm and a failure "
    "meant a formal finding, while the launch could go out with the old form and still "
    "work. I took both options to my manager on Monday morning, recommended we put the "
    "accessibility fix first, and she agreed. The same day I told the marketing lead that"
    " the new form would slip to the following Tuesday and offered to ship the copy "
    "changes on Friday. I finished the accessibility fix on Wednesday and we passed the "
    "audit with no findings. The redesigned form shipped on Tuesday and lifted completed "
    "payments by 4% in its first week."
)

# Says only that things were due at once and felt urgent.
VAGUE_DEADLINES = (
    "It was a stressful week and everything felt urgent. I thought about what mattered "
    "most and talked to my manager about it. We agreed on which piece should go first and "
    "I focused on that. I told the other people involved that their work would come a bit "
    "later, and both turned out fine in the end."
)


def _covered(question_id: str, answer: str, point: str) -> bool:
    return next(k.covered for k in scored(question_id, answer).keypoints if k.point == point)


def test_deadlines_named_by_their_launch_and_audit_dates_are_named_deadlines() -> None:
    # "deadlines" stems to "deadlin", which once found none of the words of the group
    # written as "deadline" (date, due, launch).
    assert _covered("prioritize-competing-deadlines", NAMED_DEADLINES, DEADLINES)
    assert not _covered("prioritize-competing-deadlines", VAGUE_DEADLINES, DEADLINES)
