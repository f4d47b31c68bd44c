"""Score-card HTML: bands, evidence marks, key points, the rebuild diff, history, escaping."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from ui_fakes import card_for

from coachkit import QuestionBank
from coachkit.models import (
    DIMENSIONS,
    Attempt,
    DimensionScore,
    KeypointResult,
    RebuiltLine,
    ScoreCard,
)
from coachkit.rubric import flag_explanation
from coachkit.ui.results import (
    answer_html,
    bars_html,
    comparison_html,
    flags_html,
    history_html,
    keypoints_html,
    rebuild_html,
    result_html,
    split_lines,
)

ANSWER = (
    "In 2023 I led the billing migration. I owned the plan; "
    "since then I check cron jobs first. Um, it was fine."
)


def _attempt(bank: QuestionBank, answer: str = ANSWER, **card: object) -> Attempt:
    question = bank.get("time-you-failed")
    made = card_for(question, answer)
    return Attempt(
        question_id=question.id,
        category=question.category,
        answer=answer,
        card=made.model_copy(update=card),
        created_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
    )


def test_bars_show_score_band_and_feedback(bank: QuestionBank) -> None:
    attempt = _attempt(bank)
    html = bars_html(attempt.card, bank.get("time-you-failed"))
    assert html.count('class="ck-track"') == 4
    assert "3/5</b> adequate" in html and 'style="width:60%"' in html
    assert "situation feedback" in html
    assert 'aria-label="Situation: 3 of 5"' in html


def test_evidence_is_marked_where_it_appears(bank: QuestionBank) -> None:
    attempt = _attempt(bank)
    html = answer_html(attempt.answer, attempt.card)
    # The four dimensions quote the same sentence: it is marked once, tagged with all four.
    assert html.count("<mark class=") == 1 + 4  # one in the text, four in the legend
    assert (
        '<mark class="ck-mark-situation ck-mark-task ck-mark-action ck-mark-result" '
        'title="Situation, Task, Action and Result evidence">'
        '<span class="ck-sr">Situation, Task, Action and Result evidence: </span>In 2023 I led'
    ) in html
    assert _tags(html) == [["S", "T", "A", "R"]]


def _tags(html: str) -> list[list[str]]:
    """The dimension letters after each marked stretch, in order."""
    tags = re.findall(r'<span class="ck-tag" aria-hidden="true">(.*?)</span></span>', html)
    return [re.findall(r'ck-tag-\w+">(\w)', tag) for tag in tags]


def _with_evidence(attempt: Attempt, **quotes: list[str]) -> ScoreCard:
    card = attempt.card.model_copy(deep=True)
    for dimension, evidence in quotes.items():
        card.dimensions[dimension] = DimensionScore(score=3, evidence=evidence)  # type: ignore[index]
    return card


def test_a_sentence_quoted_for_two_dimensions_shows_both(bank: QuestionBank) -> None:
    # The Task quote is also Situation evidence, and showed as S only.
    attempt = _attempt(bank)
    first, owned = "In 2023 I led the billing migration.", "I owned the plan;"
    card = _with_evidence(
        attempt, situation=[first, owned], task=[owned], action=[], result=[first]
    )
    html = answer_html(attempt.answer, card)
    assert '<mark class="ck-mark-situation ck-mark-result" ' in html
    assert (
        '<mark class="ck-mark-situation ck-mark-task" title="Situation and Task evidence">' in html
    )
    assert _tags(html) == [["S", "R"], ["S", "T"]]
    # Every dimension with evidence on the card has a mark of its own colour.
    for dimension in ("situation", "task", "result"):
        assert re.search(rf'<mark class="[^"]*ck-mark-{dimension}', html)
    assert not re.search(r'<mark class="[^"]*ck-mark-action[^"]*" title', html)


def test_partly_overlapping_quotes_are_cut_not_dropped(bank: QuestionBank) -> None:
    attempt = _attempt(bank)
    both = "In 2023 I led the billing migration. I owned the plan;"
    card = _with_evidence(
        attempt, situation=[both], task=["I owned the plan;"], action=[], result=[]
    )
    html = answer_html(attempt.answer, card)
    assert (
        '<mark class="ck-mark-situation" title="Situation evidence">'
        '<span class="ck-sr">Situation evidence: </span>In 2023 I led'
    ) in html
    # A screen reader hears where the Task quote starts, not the Situation quote again.
    assert (
        '<mark class="ck-mark-situation ck-mark-task" title="Situation and Task evidence">'
        '<span class="ck-sr">Task evidence: </span>I owned'
    ) in html
    assert "I owned the plan;</mark>" in html
    # The S letter comes once, where the Situation quote ends, not after each piece.
    assert _tags(html) == [["S", "T"]]


def test_evidence_not_in_the_answer_is_ignored(bank: QuestionBank) -> None:
    attempt = _attempt(bank)
    card = attempt.card.model_copy(deep=True)
    card.dimensions["result"] = DimensionScore(score=2, evidence=["not in the answer at all"])
    assert "not in the answer" not in answer_html(attempt.answer, card)


def test_user_text_is_escaped_everywhere(bank: QuestionBank) -> None:
    answer = 'In 2023 I led <img src=x onerror="alert(1)">. It went well.'
    attempt = _attempt(bank, answer)
    html = result_html(attempt, bank.get("time-you-failed"))
    assert "<img" not in html and "&lt;img" in html
    assert "<img" not in history_html([attempt]) + comparison_html(attempt)


def test_rebuild_marks_kept_edited_placeholder_and_left_out(bank: QuestionBank) -> None:
    rebuilt = [
        RebuiltLine(
            text="In 2023 I led the billing migration.", dimension="situation", source="kept"
        ),
        RebuiltLine(
            text="[task?: what were you responsible for?]", dimension="task", source="placeholder"
        ),
        RebuiltLine(
            text="I owned the plan; since then I check cron jobs first.",
            dimension="result",
            source="kept",
        ),
    ]
    attempt = _attempt(bank, rebuilt=rebuilt)
    html = rebuild_html(attempt.answer, attempt.card)
    assert html.count('class="ck-kept"') == 2
    assert html.count('class="ck-placeholder"') == 1
    # The ';' fragments are both inside the third line: only the filler sentence is left out.
    assert html.count('class="ck-removed"') == 1
    assert "<del>Um, it was fine.</del>" in html
    # Each sign is said as a word; aria-label on a plain span was not read (axe flagged it).
    assert 'aria-hidden="true">+</span><span><span class="ck-sr">to fill in: </span>' in html
    assert html.count('<span class="ck-sr">kept: </span>') == 2 and "aria-label" not in html


def test_edited_lines_show_word_changes(bank: QuestionBank) -> None:
    rebuilt = [
        RebuiltLine(
            text="In 2023 I led the billing migration at Acme.",
            dimension="situation",
            source="edited",
        ),
    ]
    attempt = _attempt(bank, rebuilt=rebuilt)
    html = rebuild_html(attempt.answer, attempt.card)
    assert 'class="ck-edited"' in html
    assert "<del>migration.</del>" in html and "<ins>migration at Acme.</ins>" in html


def test_a_full_stop_put_at_the_end_is_not_shown_as_the_word_retyped(
    bank: QuestionBank,
) -> None:
    """An answer ending without a full stop had its last word struck out and put back
    with one ("zero <del>downtime</del> <ins>downtime.</ins>"), as if the word were wrong."""
    answer = "In 2023 I led the billing migration. Since then we had zero downtime"
    rebuilt = [
        RebuiltLine(text="Since then we had zero downtime.", dimension="result", source="edited")
    ]
    attempt = _attempt(bank, answer=answer, rebuilt=rebuilt)
    html = rebuild_html(attempt.answer, attempt.card)
    assert "zero downtime<ins>.</ins>" in html
    assert "<del>" not in html.split('class="ck-edited"')[1].split("</div>")[0]


def test_no_rebuild_says_so(bank: QuestionBank) -> None:
    attempt = _attempt(bank, rebuilt=[])
    assert "did not rebuild" in rebuild_html(attempt.answer, attempt.card)


def test_keypoints_split_covered_and_missing(bank: QuestionBank) -> None:
    attempt = _attempt(bank, scorer="local")
    html = keypoints_html(attempt.card)
    cards = attempt.card.keypoints
    # A "no X" point is listed apart, under "To avoid".
    points = [k for k in cards if not k.point.startswith("no ")]
    covered = sum(k.covered for k in points)
    assert f"Covered ({covered})" in html
    assert f"Not found ({len(points) - covered})" in html
    assert len(points) < len(cards) and "To avoid" in html
    assert "in your own words" in html  # the offline matcher can miss a point
    llm = attempt.card.model_copy(update={"scorer": "gpt"})
    assert "in your own words" not in keypoints_html(llm)
    assert "no key-point checklist" in keypoints_html(
        attempt.card.model_copy(update={"keypoints": []})
    )


def test_a_point_to_avoid_that_the_answer_breaks_quotes_where(bank: QuestionBank) -> None:
    """It read "(not credited: check it holds)" beside a card flagging the very thing."""
    card = _attempt(bank, scorer="local").card
    points = [
        KeypointResult(
            point="no criticism of current employer or manager",
            covered=False,
            evidence="my manager is clueless",
        ),
        KeypointResult(point="no generic flattery", covered=False, evidence=None),
        KeypointResult(point="no humble-brag disguised strength", covered=True, evidence=None),
    ]
    html = keypoints_html(card.model_copy(update={"keypoints": points}))
    assert 'broken by "my manager is clueless"' in html
    assert html.count("check it holds") == 1  # the flattery point alone: not credited


def test_flags_are_explained_in_plain_words(bank: QuestionBank) -> None:
    attempt = _attempt(bank, flags=["we_not_i", "made_up_flag"])
    html = flags_html(attempt.card)
    assert "say what you did yourself" in html
    assert flag_explanation("made_up_flag") in html
    assert flags_html(_attempt(bank).card) == ""


def test_a_design_answer_is_not_told_it_is_too_short_to_tell_a_story(bank: QuestionBank) -> None:
    attempt = _attempt(bank, flags=["too_short", "no_metrics"])
    design = attempt.model_copy(update={"category": "system-design"})
    assert "too short to tell a story" in result_html(attempt)
    html = result_html(design)
    assert "too short to cover the question" in html and "tell a story" not in html
    assert "the scale you design for" in html


def test_notes_come_first(bank: QuestionBank) -> None:
    note = "gpt could not score (timeout); scored by local instead."
    html = result_html(_attempt(bank, notes=[note]))
    assert html.index(note) < html.index("STAR scores")


def test_history_lists_newest_first_and_stars_the_best(bank: QuestionBank) -> None:
    first = _attempt(bank, overall=40)
    second = _attempt(bank, overall=70)
    html = history_html([first, second])
    assert html.index("#2") < html.index("#1")
    # The star says what it means, on hover and to a screen reader ("black star" did not).
    # aria-label on a plain span is no name (axe: aria-prohibited-attr): the words are hidden
    # text beside the star.
    assert (
        '70</b> <span title="your best score here" aria-hidden="true">★</span>'
        '<span class="ck-sr"> (your best)</span>'
    ) in html
    assert "No attempts" in history_html([])
    # In a narrow view (JupyterLab's file browser open) the table scrolls, not the view.
    assert html.startswith('<div class="ck-scroll"><table') and "</table></div><p" in html
    # Practice deletes nothing: it says where to (it said nothing, and showed no ids).
    assert html.endswith(
        "To delete one for good: <b>Delete an attempt</b> in the Progress notebook, or "
        f"<code>coachkit delete ID</code> (ids from <code>coachkit history {first.question_id}"
        "</code>).</p>"
    )


def test_comparison_shows_changes(bank: QuestionBank) -> None:
    before = _attempt(bank, overall=40)
    after = _attempt(bank, overall=55)
    assert "40/100 → 55 (+15)" in comparison_html(before, after)
    assert "→" not in comparison_html(before)
    assert "scorers grade differently" not in comparison_html(before, after)


def test_the_answer_boxes_that_scroll_are_reached_by_the_keyboard(bank: QuestionBank) -> None:
    """In a 640 px window the marked answer showed 318 of its 541 px, in a box that scrolls
    and took no focus: the keyboard could not reach the rest of the evidence."""
    attempt = _attempt(bank)
    marked = answer_html(attempt.answer, attempt.card)
    assert (
        '<div class="ck-answer" tabindex="0" role="region" '
        'aria-label="Your answer, evidence marked"><mark'
    ) in marked
    previous = comparison_html(attempt)
    assert 'tabindex="0" role="region" aria-label="Previous answer">In 2023' in previous


def test_comparison_across_scorers_says_the_change_is_not_only_the_revision(
    bank: QuestionBank,
) -> None:
    """A budget spent after the first answer: the revision was scored by the offline
    fallback, and "+35" read as the revision's own gain."""
    before = _attempt(bank, overall=62, scorer="gpt")
    after = _attempt(bank, overall=97, scorer="local")
    html = comparison_html(before, after)
    assert "62/100 → 97 (+35)" in html
    assert (
        "Scored by gpt, the new answer by local: scorers grade differently, so the change "
        "is not only your revision's."
    ) in html
    assert "scorers grade differently" not in comparison_html(before)


def test_split_lines() -> None:
    assert split_lines("One. Two!  Three?\n\nFour; five") == [
        "One.",
        "Two!",
        "Three?",
        "Four;",
        "five",
    ]


def test_a_wrapped_answer_is_rebuilt_as_the_same_answer_on_one_line(bank: QuestionBank) -> None:
    """An answer pasted from an email wrapped at 30 columns listed "That was on me," and
    "honestly." as two lines left out, and marked words the user wrote as inserted
    ("often." after "Okay, one failure I think about"): the lines were cut at each wrap."""
    import textwrap

    from coachkit.scoring import LocalScorer

    question = bank.get("time-you-failed")
    answer = (
        "Okay, one failure I think about often. In 2022 I led the billing migration at "
        "Acme, a team of five. That was on me, honestly. I was responsible for the cutover "
        "plan and the launch date. I skipped a full load test to hit the date, and the "
        "launch failed for two hours. I rolled back and added a load test gate to our "
        "release checklist. Since then we shipped 5 migrations with zero downtime."
    )
    wrapped = "\n".join(textwrap.wrap(answer, 30))
    scorer = LocalScorer()
    assert rebuild_html(wrapped, scorer.score(question, wrapped)) == rebuild_html(
        answer, scorer.score(question, answer)
    )
    assert "That was on me, honestly." in split_lines(wrapped)


def test_a_view_is_not_told_to_tell_a_story(bank: QuestionBank) -> None:
    """The answer "I prefer small teams." to "How do you work effectively on a distributed
    team?" was told "even a partial story scores better", where a view, not a story, is
    asked for (and a story alone misses the question)."""
    from coachkit.scoring import LocalScorer

    question = bank.get("remote-async-collaboration")
    card = LocalScorer().score(question, "I prefer small teams.")
    assert "non_answer" in card.flags
    told = flags_html(card, question)
    assert "non-answer" in told and "story" not in told
    for flag in ("non_answer", "rambling", "too_long"):
        assert "story" not in flag_explanation(flag, question)
        assert "story" in flag_explanation(flag, bank.get("time-you-failed"))


def test_tips_leave_out_what_the_star_bars_already_say(bank: QuestionBank) -> None:
    from html import escape

    from coachkit.scoring import LocalScorer
    from coachkit.ui.results import result_html, tips_html

    question = bank.get("time-you-failed")
    card = LocalScorer().score(question, "In 2022 I led a migration at Acme. It failed.")

    def panel(scored: object) -> str:
        attempt = Attempt(question_id=question.id, category="behavioral", answer="x", card=scored)
        return result_html(attempt, question)

    html = panel(card)
    for part in card.dimensions.values():
        assert html.count(escape(part.feedback)) == 1  # beside its bar, not again as a tip
    assert "Make these key points explicit" in tips_html(card)
    covered = card.model_copy(update={"tips": card.tips[:4]})  # the dimension tips only
    assert tips_html(covered) == "" and "<h3>Tips</h3>" not in panel(covered)


def test_a_point_to_avoid_is_listed_apart_never_as_not_found() -> None:
    card = ScoreCard(
        question_id="questions-for-interviewer",
        scorer="local",
        rubric_version="v",
        dimensions={d: DimensionScore(score=2) for d in DIMENSIONS},
        overall=50,
        keypoints=[
            KeypointResult(point="how success is measured early on", covered=False),
            KeypointResult(point="no questions answerable from the website", covered=False),
        ],
    )
    html = keypoints_html(card)
    found, missing = html.split("Not found")
    assert "To avoid" in found and "no questions answerable from the website" in found
    assert "no questions answerable" not in missing
    assert "how success is measured early on" in missing


def test_an_offline_card_says_what_it_cannot_judge(bank: QuestionBank) -> None:
    """A made-up, generic story told well scores high offline: the card says the
    offline scorer reads how an answer is told, not whether it is true or right."""
    question = bank.get("time-you-failed")
    answer = "I missed a deadline in 2023. I fixed the plan."
    offline = card_for(question, answer, scorer="local")
    hosted = offline.model_copy(update={"scorer": "gpt", "model": "openai/gpt-4o-mini"})
    said = "not whether it is true or right"
    for card, shown in ((offline, True), (hosted, False)):
        attempt = Attempt(
            question_id=question.id, category=question.category, answer=answer, card=card
        )
        assert (said in result_html(attempt, question)) is shown


def test_too_short_names_the_same_word_target_as_the_practice_counter(
    bank: QuestionBank,
) -> None:
    """A view was told "too short to tell a story: aim for 150-300 words" while the word
    count beside the answer said "aim for 100-250"."""
    from coachkit.rubric import word_target
    from coachkit.ui.practice import word_count_text

    for question_id, kind in [
        ("why-this-role", "give your view"),
        ("time-you-failed", "tell a story"),
        ("design-rate-limiter", "cover the question"),
    ]:
        question = bank.get(question_id)
        low, high = word_target(question)
        told = flag_explanation("too_short", question)
        assert kind in told and f"aim for {low}-{high} words" in told
        assert f"aim for {low}-{high}" in word_count_text("", question)
    assert word_target(bank.get("why-this-role")) != word_target(bank.get("time-you-failed"))


def test_emoji_and_lone_dashes_are_not_counted_as_words(bank: QuestionBank) -> None:
    """An 87-word answer with 6 emoji showed "93 words"."""
    from coachkit.ui.practice import word_count_text

    question = bank.get("time-you-failed")
    assert word_count_text("I shipped it 🚀 — on time ✅ 2 days early", question).startswith(
        "8 words"
    )
    assert word_count_text("🎉", question).startswith("0 words")


def test_a_very_long_answer_lists_only_some_lines_left_out(bank: QuestionBank) -> None:
    """A 10,000-word answer listed hundreds of struck-out lines: a card 5,300 px tall."""
    from coachkit.scoring import LocalScorer
    from coachkit.ui.results import LEFT_OUT_SHOWN, rebuild_html

    question = bank.get("time-you-failed")
    first = "In 2023 I broke the billing build at Acme and fixed it in two days."
    answer = "\n".join([first, *(f"Um, so, yeah, anyway, number {n}." for n in range(300))])
    html = rebuild_html(answer, LocalScorer().score(question, answer))
    assert html.count("<del>") == LEFT_OUT_SHOWN
    assert "more lines left out" in html


def test_an_attempts_date_has_a_short_form_for_a_phone(bank: QuestionBank) -> None:
    """At 375 px "01 Mar 2026 09:00" wrapped onto three lines: a short form is there for
    the stylesheet to show instead, and the long one is the cell's title."""
    attempt = _attempt(bank).model_copy(update={"created_at": datetime(2020, 3, 1, 9, tzinfo=UTC)})
    html = history_html([attempt])
    local = attempt.created_at.astimezone()
    full = f"{local:%d %b %Y %H:%M}"
    short = f"{local.day}\u00a0{local:%b}\u00a0{local.year} {local:%H:%M}"
    assert (
        f'<td class="ck-when" title="{full}"><span class="ck-when-long">{full}</span>'
        f'<span class="ck-when-short">{short}</span></td>'
    ) in html
    # This year's attempts leave the year out of the short form.
    now = datetime.now(UTC).replace(month=1, day=2, hour=12)
    recent = history_html([attempt.model_copy(update={"created_at": now})])
    assert f'<span class="ck-when-short">2\u00a0Jan {now.astimezone():%H:%M}</span>' in recent
