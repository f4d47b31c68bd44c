"""The mock interview's report card: the means it shows, and the advice it leads with."""

from __future__ import annotations

import re

from ui_fakes import card_for

from coachkit import QuestionBank
from coachkit.interview import MockReport, MockSession, build_report
from coachkit.models import Attempt
from coachkit.ui.report import report_html

STORY = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."


def _report(
    bank: QuestionBank,
    plan: list[tuple[str, tuple[int, int, int, int], int, tuple[str, ...]]],
) -> MockReport:
    """A finished interview: each question answered, scored as ``plan`` says
    (bands, overall, flags)."""
    outcomes: dict[str, Attempt | str] = {}
    answers = {}
    for qid, bands, overall, flags in plan:
        question = bank.get(qid)
        answers[qid] = STORY
        card = card_for(question, STORY, bands, overall=overall, flags=flags)
        outcomes[qid] = Attempt(
            question_id=qid, category=question.category, answer=STORY, card=card
        )
    session = MockSession(question_ids=[p[0] for p in plan], answers=answers)
    return build_report(session, bank, outcomes)


def test_means_round_a_half_up_as_people_do() -> None:
    from coachkit.ui.report import shown_mean

    assert [shown_mean(v, 1) for v in (4.25, 4.35, 4.15, 4.2, 3.0, 4.333)] == [
        "4.3",
        "4.4",
        "4.2",
        "4.2",
        "3.0",
        "4.3",
    ]
    assert [shown_mean(v, 0) for v in (52.5, 53.5, 52.49, 100.0, 0.0)] == [
        "53",
        "54",
        "52",
        "100",
        "0",
    ]


def test_the_report_shows_a_mean_of_4_25_as_4_3_and_52_5_as_53(bank: QuestionBank) -> None:
    """Task scored 4, 4, 4 and 5 read "Task 4.2", and overalls of 50 and 55 "52"."""
    report = _report(
        bank,
        [
            ("time-you-failed", (3, 4, 3, 3), 50, ()),
            ("conflict-with-teammate", (3, 4, 3, 3), 55, ()),
            ("production-incident", (3, 4, 3, 3), 50, ()),
            ("leadership-without-authority", (3, 5, 3, 3), 55, ()),
        ],
    )
    html = report_html(report)
    assert "Task 4.3" in html and "Task 4.2" not in html
    headline = re.search(r'<span class="ck-overall">(\d+)<small>', html)
    assert headline is not None and headline.group(1) == "53"
