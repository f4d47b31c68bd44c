"""The mock interview's report card: the means it shows, and the advice it leads with."""

from __future__ import annotations

import re
from html import escape

from ui_fakes import card_for

from coachkit import Coach, QuestionBank, Store
from coachkit.interview import MockReport, MockSession, build_report
from coachkit.models import DIMENSIONS, Attempt
from coachkit.rubric import flag_explanation
from coachkit.ui.report import report_html, standalone_html

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
    from coachkit.figures import shown

    assert [shown(v, 1) for v in (4.25, 4.35, 4.15, 4.2, 3.0, 4.333)] == [
        "4.3",
        "4.4",
        "4.2",
        "4.2",
        "3.0",
        "4.3",
    ]
    assert [shown(v, 0) for v in (52.5, 53.5, 52.49, 100.0, 0.0)] == [
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


def _advice(html: str) -> list[str]:
    """The items of "What to practise next", in order."""
    part = html.split("What to practise next")[1].split("</ul>")[0]
    return re.findall(r"<li>(.*?)</li>", part)


def _pasted() -> str:
    """A failure story with about 3,000 words of day-by-day detail pasted after it."""
    places = "Berlin Lisbon Austin Denver Osaka Leeds Porto Tallinn Quito Perth Lagos".split()
    things = "ledger invoices refunds coupons payouts taxes receipts webhooks exports".split()
    days = " ".join(
        f"On day {i + 1} I checked the {things[i % len(things)]} for the "
        f"{places[i % len(places)]} office and found {i % 7 + 2} mismatches, which I fixed "
        "by hand before noon."
        for i in range(132)
    )
    return (
        "In 2023 I led the billing migration at Acme, a team of six with a March deadline. "
        "I owned the cutover plan and the rollback. I skipped a full load test to hit the "
        "date, and the launch failed for two hours. I rolled back, wrote the runbook, "
        "rehearsed it twice and moved 40 customers a night. Late invoices fell from 120 to "
        "0 and support tickets dropped 30 percent. I learned never to skip the load test, "
        f"and I now add a load test gate to every release checklist. {days}"
    )


def test_a_pasted_essay_is_told_first_what_held_it_down(bank: QuestionBank, store: Store) -> None:
    """3,000 words scored 0/100 with bands 4/4/5/5, and the report's first advice was
    "Work on Task" (its lowest band), never that the answer was far too long."""
    coach = Coach(bank=bank, store=store)
    answers = {"time-you-failed": _pasted(), "conflict-with-teammate": STORY}
    assert 2_900 < len(answers["time-you-failed"].split()) < 3_100
    outcomes: dict[str, Attempt | str] = {
        qid: coach.submit(qid, answer, save=False) for qid, answer in answers.items()
    }
    pasted = outcomes["time-you-failed"]
    assert isinstance(pasted, Attempt) and pasted.overall == 0
    assert "too_long" in pasted.card.flags and min(pasted.card.score(d) for d in DIMENSIONS) >= 4
    report = build_report(MockSession(question_ids=list(answers), answers=answers), bank, outcomes)
    first, *rest = _advice(report_html(report))
    told = escape(flag_explanation("too_long", bank.get("time-you-failed")))
    assert first.startswith("First fix what held down answer 1 (0/100, bands S") and told in first
    assert rest[0].startswith("Also fix what held down answer 2")  # off topic, and short
    assert not any(item.startswith("Work on") for item in rest)  # polish comes after
    # The weakest answer's tip says it too, not the tip on its lowest band.
    html = report_html(report)
    # The weakest answer points to that fix, which read twice word for word as its tip.
    weakest = html.split("<b>Weakest answer</b>")[1].split("</p>")[0]
    assert "Held down (too long): what to fix first leads the advice below." in weakest
    assert told not in weakest
    # And the scores table says why 0 stands beside S4 T4 A5 R5, as the progress table does.
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "overall held down: too long, says things twice" in row


def test_a_cap_comes_first_and_answers_held_alike_are_named_together(bank: QuestionBank) -> None:
    report = _report(
        bank,
        [
            ("time-you-failed", (5, 4, 5, 4), 45, ("misses_question",)),
            ("conflict-with-teammate", (4, 2, 4, 4), 70, ()),
            ("production-incident", (5, 4, 5, 5), 40, ("misses_question",)),
        ],
    )
    first, second, *_ = _advice(report_html(report))
    told = escape(flag_explanation("misses_question", bank.get("production-incident")))
    assert first == (
        "First fix what held down answers 3 (40/100, bands S5 T4 A5 R5) and "
        f"1 (45/100, bands S5 T4 A5 R4): {told}"
    )
    assert second.startswith("Then work on <b>Task</b>.")


def test_a_small_length_penalty_leaves_the_advice_on_the_lowest_band(bank: QuestionBank) -> None:
    """450 words cost a few points: the band to work on is still the better advice."""
    report = _report(
        bank,
        [
            ("time-you-failed", (3, 2, 3, 3), 50, ("too_long",)),
            ("conflict-with-teammate", (4, 3, 4, 4), 70, ()),
        ],
    )
    first, *_ = _advice(report_html(report))
    assert first.startswith("Work on <b>Task</b>.")


def _strongest_line(html: str) -> str | None:
    """The highlights' "Strongest answer" paragraph, if any."""
    found = re.search(r"<p><b>Strongest answer</b>(.*?)</p>", html)
    return found.group(1) if found else None


def test_the_strongest_answer_is_one_its_overall_was_not_held_down_on(
    bank: QuestionBank,
) -> None:
    """A story told for another question (45/100, bands 5/4/5/5, capped) was named the
    strongest answer over two that answered theirs."""
    report = _report(
        bank,
        [
            ("time-you-failed", (5, 4, 5, 5), 45, ("misses_question",)),
            ("conflict-with-teammate", (2, 2, 2, 2), 40, ()),
            ("production-incident", (2, 1, 2, 2), 35, ()),
        ],
    )
    assert report.strongest is not None
    assert report.strongest.question.id == "conflict-with-teammate"
    line = _strongest_line(report_html(report))
    assert line == f" (40/100): {escape(bank.get('conflict-with-teammate').prompt)}"


def test_no_strongest_answer_when_every_answer_was_held_down(bank: QuestionBank) -> None:
    """An off-topic answer capped at 15/100 was the "Strongest answer" beside a
    non-answer at 5/100."""
    report = _report(
        bank,
        [
            ("time-you-failed", (1, 1, 1, 1), 15, ("off_topic",)),
            ("conflict-with-teammate", (0, 0, 0, 0), 5, ("non_answer",)),
        ],
    )
    html = report_html(report)
    assert report.strongest is None and _strongest_line(html) is None
    assert report.weakest is not None and "Weakest answer</b> (5/100)" in html


def test_the_only_answer_that_was_not_held_down_is_not_also_named_strongest(
    bank: QuestionBank,
) -> None:
    """The best answer not held down, when it is also the lowest, would be named both
    strongest and weakest."""
    report = _report(
        bank,
        [
            ("time-you-failed", (5, 4, 5, 4), 45, ("misses_question",)),
            ("conflict-with-teammate", (2, 2, 2, 2), 40, ()),
        ],
    )
    html = report_html(report)
    assert report.strongest is None and _strongest_line(html) is None
    assert "Weakest answer</b> (40/100)" in html


def test_one_answer_is_neither_strongest_nor_weakest_and_offered_again(
    bank: QuestionBank,
) -> None:
    """With one answer scored, it was named "Strongest answer": of one."""
    report = _report(bank, [("time-you-failed", (4, 3, 4, 4), 75, ())])
    html = report_html(report)
    assert report.strongest is None and _strongest_line(html) is None
    assert "Weakest answer" not in html
    assert report.practise_next[0].id == "time-you-failed"  # still offered again


def test_no_dimension_is_taught_from_answers_that_miss_their_question(
    bank: QuestionBank,
) -> None:
    """Every answer beside its question: the advice went on "Then work on Task. Here it
    means ...", the dimension and its meaning taken from answers whose bands say nothing
    of this question."""
    report = _report(
        bank,
        [
            ("time-you-failed", (5, 2, 5, 4), 45, ("misses_question",)),
            ("rest-vs-grpc-vs-graphql", (2, 1, 2, 2), 15, ("off_topic",)),
        ],
    )
    assert report.weakest_dimension is None
    advice = _advice(report_html(report))
    assert advice[0].startswith("First fix what held down answer 2 (15/100")
    assert advice[1].startswith("Also fix what held down answer 1 (45/100")
    assert not any("work on" in item.lower() for item in advice)
    assert advice[2].startswith("Try again: ")  # the weakest one's question, still


def test_a_long_paste_to_another_question_is_told_first_of_its_length(
    bank: QuestionBank,
) -> None:
    """3,000 words of a story for another question scored 0/100: a cap of 45 for missing
    the question, and the rest lost to length. The first fix (and the weakest answer's
    tip) said only to tell a story that answers the question, which told at that length
    scores 0 again."""
    plan = [
        ("learned-something-fast", (4, 4, 5, 5), 0, ("misses_question", "too_long", "repeats")),
        ("conflict-with-teammate", (3, 3, 3, 3), 60, ()),
    ]
    html = report_html(_report(bank, plan))
    first, *_ = _advice(html)
    long = escape(flag_explanation("too_long", bank.get("learned-something-fast")))
    assert first == f"First fix what held down answer 1 (0/100, bands S4 T4 A5 R5): {long}"
    weakest = html.split("<b>Weakest answer</b>")[1].split("</p>")[0]
    assert "Held down (too long)" in weakest and long not in weakest
    # Where the cap is what held it (45/100, a few points lost to length), the cap is first.
    plan[0] = ("learned-something-fast", (4, 4, 5, 5), 45, ("misses_question", "too_long"))
    first, *_ = _advice(report_html(_report(bank, plan)))
    missed = escape(flag_explanation("misses_question", bank.get("learned-something-fast")))
    assert first.endswith(missed)


def _means_line(html: str) -> str:
    """The "Mean by dimension" paragraph, tags stripped."""
    part = html.split("<b>Mean by dimension")[1].split("</p>")[0]
    return re.sub(r"<[^>]+>", "", "Mean by dimension" + part)


def test_the_means_leave_out_an_answer_that_missed_its_question(bank: QuestionBank) -> None:
    """One story told for a design question (bands 1 1 1 1) read "Situation 3.0 · Task
    3.0 ..." for bands of 4 and 4: every mean dragged down by an answer the advice
    already leaves out, and no word of it on the line."""
    report = _report(
        bank,
        [
            ("time-you-failed", (4, 4, 4, 3), 70, ()),
            ("rest-vs-grpc-vs-graphql", (1, 1, 1, 1), 15, ("off_topic",)),
            ("conflict-with-teammate", (4, 5, 4, 4), 80, ()),
        ],
    )
    line = _means_line(report_html(report))
    assert line == (
        "Mean by dimension (2 of 3 answers; answer 2 did not answer its question): "
        "Situation 4.0 · Task 4.5 · Action 4.0 · Result 3.5"
    )
    assert report.missed == [2]
    # Nothing said at all reads the same: "missed its question" sounded like one not reached.
    empty = _report(bank, [("time-you-failed", (1, 1, 1, 1), 10, ("non_answer",))])
    assert "answer 1 did not answer its question" in _means_line(report_html(empty))
    # The saved page is read apart from the notebook: it says the same.
    assert _means_line(standalone_html(report)) == line


def test_with_every_answer_beside_its_question_the_means_say_why_there_are_none(
    bank: QuestionBank,
) -> None:
    report = _report(
        bank,
        [
            ("time-you-failed", (5, 2, 5, 4), 45, ("misses_question",)),
            ("rest-vs-grpc-vs-graphql", (2, 1, 2, 2), 15, ("off_topic",)),
        ],
    )
    assert report.dimension_means() == {}
    html = report_html(report)
    assert _means_line(html) == (
        "Mean by dimension: none to show: answers 1 and 2 did not answer their questions, "
        "so their bands say nothing of them."
    )
    assert _means_line(standalone_html(report)) == _means_line(html)
    one = _report(bank, [("rest-vs-grpc-vs-graphql", (2, 1, 2, 2), 15, ("off_topic",))])
    assert _means_line(report_html(one)) == (
        "Mean by dimension: none to show: answer 1 did not answer its question, so its "
        "bands say nothing of it."
    )


def test_means_over_answers_that_all_answer_their_question_say_nothing_more(
    bank: QuestionBank,
) -> None:
    report = _report(
        bank,
        [
            ("time-you-failed", (3, 4, 3, 3), 50, ()),
            ("conflict-with-teammate", (3, 2, 3, 5), 55, ()),
        ],
    )
    assert _means_line(report_html(report)) == (
        "Mean by dimension: Situation 3.0 · Task 3.0 · Action 3.0 · Result 4.0"
    )
    assert report.missed == []


def test_answers_held_down_by_one_flag_each_get_their_own_questions_advice(
    bank: QuestionBank,
) -> None:
    """A design answer and a story both off topic read "First fix what held down answers 2
    (...) and 1 (...): The answer does not get to this question: it names none of its key
    points ...": the design question's advice, given to the story question too."""
    report = _report(
        bank,
        [
            ("time-you-failed", (1, 0, 0, 1), 12, ("off_topic",)),
            ("rest-vs-grpc-vs-graphql", (1, 1, 1, 0), 0, ("off_topic",)),
            ("conflict-with-teammate", (4, 4, 4, 4), 80, ()),
        ],
    )
    design = escape(flag_explanation("off_topic", bank.get("rest-vs-grpc-vs-graphql")))
    story = escape(flag_explanation("off_topic", bank.get("time-you-failed")))
    assert design != story
    first, second, *_ = _advice(report_html(report))
    assert first == f"First fix what held down answer 2 (0/100, bands S1 T1 A1 R0): {design}"
    assert second == f"Also fix what held down answer 1 (12/100, bands S1 T0 A0 R1): {story}"


def _two_scorers(bank: QuestionBank, ids: list[str], llm: int) -> MockReport:
    """An interview chosen to be scored by gpt whose first ``llm`` answers gpt scored
    and whose others local scored in its place (its budget used up)."""
    why = (
        "gpt could not score: Your LLM budget of 2 scores per hour is used up. "
        "Scored by local instead."
    )
    outcomes: dict[str, Attempt | str] = {}
    for number, qid in enumerate(ids):
        question = bank.get(qid)
        if number < llm:
            card = card_for(question, STORY, (4, 4, 4, 4), overall=80, scorer="gpt")
        else:
            card = card_for(question, STORY, (2, 2, 2, 2), overall=40, scorer="local")
            card = card.model_copy(update={"notes": [why]})
        outcomes[qid] = Attempt(
            question_id=qid, category=question.category, answer=STORY, card=card
        )
    session = MockSession(question_ids=ids, answers=dict.fromkeys(ids, STORY), scorer="gpt")
    return build_report(session, bank, outcomes)


def test_a_report_two_scorers_graded_says_its_means_mix_them(bank: QuestionBank) -> None:
    """The budget spent after two of five answers, local scored the other three: the
    headline's 56/100 and the means by dimension mixed gpt's grades with local's without
    a word, as if the five compared."""
    ids = [q.id for q in list(bank)[:5]]
    html = report_html(_two_scorers(bank, ids, 2))
    head = html.split("<h3>Scores</h3>")[0]
    assert "56<small>/100 mean · mixes gpt and local, which grade differently</small>" in head
    mixed = html.split("</table></div>")[1].split("<h3>")[0]
    assert "answers 1 and 2 by gpt (mean 80/100)" in mixed
    assert "answers 3, 4 and 5 by local (mean 40/100), as gpt could not score them" in mixed
    assert "their scores do not compare" in mixed
    assert "Mean by dimension</b> (mixes gpt and local):" in html
    # Each answer local scored says how to see what gpt makes of it, once it can.
    details = html.split("<h3>Each answer</h3>")[1].split("</details>")
    command = "coachkit rescore --scorer gpt --question {} --from local --last 1"
    for number, qid in enumerate(ids):
        assert (escape(command.format(qid)) in details[number]) == (number >= 2), number
        # and where a page with no terminal does it: Settings' panel, the same choices
        panel = f"<b>Compare on past answers</b> with profile gpt, question {qid}, scored by"
        assert (panel in details[number]) == (number >= 2), number
    # One scorer alone: nothing of the kind.
    one = report_html(_two_scorers(bank, ids, 5))
    assert "mixes" not in one and "do not compare" not in one and "rescore" not in one


def test_each_figure_in_the_scores_table_names_its_column_for_a_narrow_view(
    bank: QuestionBank,
) -> None:
    """Under 480 px the table's rows stack and its header is hidden (theme.CSS): a bare
    "0:00 45 4 4 5 5" would not say what each figure is, so each cell carries its
    column's name, shown before it there."""
    ids = [q.id for q in list(bank)[:2]]
    html = report_html(
        _report(bank, [(ids[0], (4, 4, 5, 5), 82, ()), (ids[1], (1, 1, 1, 1), 15, ())])
    )
    table = html.split("<h3>Scores</h3>")[1].split("</table>")[0]
    assert 'class="ck-table ck-report-table"' in table
    heads = re.findall(r"<th[^>]*>([^<]+)</th>", table)
    assert heads == ["#", "question", "category", "time", "overall", "S", "T", "A", "R"]
    for row in re.findall(r"<tr><td>\d.*?</tr>", table):
        labels = re.findall(r'data-label="([^"]+)"', row)
        assert labels == heads[3:], row
    page = standalone_html(_report(bank, [(ids[0], (4, 4, 5, 5), 82, ())]))
    stacked = page.split("@container (max-width: 479.98px) {\n  .ck-report-table thead")
    assert len(stacked) == 2, "the stacked rows' rule is gone from the saved page"
    assert "td[data-label]::before { content: attr(data-label)" in stacked[1]
