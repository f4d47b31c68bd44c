"""What a screen reader hears: status lines read out as they change, names for what has
no words (a chart, a sign), nothing said twice."""

from __future__ import annotations

import random
import re
from html import escape
from pathlib import Path

import ipywidgets as w
from ui_fakes import FakeScorer, coach_with, make_attempts

from coachkit import Coach, QuestionBank, Store
from coachkit.interview import MockSession, session_key
from coachkit.ui import MockInterviewView, PracticeView, ProgressView, SettingsView
from coachkit.ui.live import LIVE_CLASS, LIVE_SCRIPT
from coachkit.ui.runtime import InlineRunner, ManualRunner, ManualScheduler
from coachkit.ui.settings import ConnectionCheck

ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)


def announced(html: str, words: str) -> bool:
    """``words`` are inside a role="status" element of ``html`` (a polite live region),
    between its start tag and the end tag that closes it: not merely after it."""
    for opening in re.finditer(r'<(\w+)\b[^>]*\brole="status"[^>]*>', html):
        tag, depth = opening.group(1), 1
        for mark in re.finditer(rf"<(/?){tag}\b[^>]*>", html[opening.end() :]):
            depth += -1 if mark.group(1) else 1
            if depth == 0:
                if words in html[opening.end() : opening.end() + mark.start()]:
                    return True
                break
    return False


def test_announced_reads_only_inside_the_status_element() -> None:
    status = '<div><p role="status">Saved <b>it</b></p> Edited</div>'
    assert announced(status, "Saved <b>it</b>")
    assert not announced(status, "Edited")  # after the region: not read out
    assert announced('<span role="status"><span>a</span> b</span> c', "a</span> b")
    assert not announced('<span role="status"><span>a</span> b</span> c', "c")
    assert not announced('<p role="status">unclosed', "unclosed")


def test_the_practice_status_line_is_read_out(bank: QuestionBank, store: Store) -> None:
    runner = ManualRunner()
    view = PracticeView(
        coach_with(bank, store, FakeScorer()),
        question_id="time-you-failed",
        runner=runner,
        scheduler=ManualScheduler(),
    )
    view.answer.value = ANSWER
    view.score_button.click()
    assert announced(view.status.value, "Scoring with local")
    runner.finish()
    assert announced(view.status.value, "Saved to your history")
    view.answer.value = ANSWER + " Since then I test under load."
    assert announced(view.status.value, "Edited since it was scored")
    view.retry_button.click()
    assert announced(view.status.value, "Revise your answer")
    # Typing is not read out: a "Draft saved" every pause would talk over the user.
    assert "role=" not in view.draft_status.value and "role=" not in view.word_count.value


def test_the_mock_interviews_scoring_and_saving_are_read_out(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    runner = ManualRunner()
    view = MockInterviewView(
        coach_with(bank, store, FakeScorer()),
        runner=runner,
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path,
    )
    view.count.value = 1
    view.start_button.click()
    view.answer.value = ANSWER
    view.next_button.click()
    assert announced(view.progress.value, "Scoring your answers")
    runner.finish()
    view.save_button.click()
    assert announced(view.status.value, f"Saved {tmp_path}")


def test_a_connection_test_and_a_saved_setting_are_read_out(
    bank: QuestionBank, store: Store
) -> None:
    coach: Coach = coach_with(bank, store, FakeScorer())
    view = SettingsView(
        coach,
        runner=InlineRunner(),
        checker=lambda _c, _n: ConnectionCheck(True, "ok"),
        budget=lambda _c: "b",
    )
    view.test_button.click()
    assert announced(view.status.value, "Ready")
    view.save_button.click()
    assert announced(view.status.value, "Saved")
    view.plan_button.click()
    assert announced(view.plan_status.value, "Saved the practice plan")


def test_each_chart_has_a_name_and_points_to_its_words(bank: QuestionBank, store: Store) -> None:
    # An image with no name is read as "image", or as its blob: address.
    store.add_attempts(make_attempts(bank, [("time-you-failed", (1, 2, 3, 4))]))
    view = ProgressView(coach_with(bank, store))
    for index in range(4):
        view.tabs.selected_index = index  # each chart is drawn when its tab opens
    names = [re.findall(r' alt="([^"]*)"', image.value) for image in view.images]
    # The trend chart comes wide and narrow (one shown at a time): both carry its name.
    assert set(names[0]) == {"Chart of your STAR scores over time; told in words below it"}
    assert len({name[0] for name in names}) == 4


def test_next_up_says_which_question_is_now_on(bank: QuestionBank, store: Store) -> None:
    # Focus stays on the button; the question above changed without a word.
    view = PracticeView(
        coach_with(bank, store, FakeScorer()),
        question_id="time-you-failed",
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
    )
    view.next_button.click()
    prompt = escape(bank.get(view.state.question_id or "").prompt)
    assert view.state.question_id != "time-you-failed"
    assert announced(view.status.value, f"Now on: {prompt}")
    assert '<span class="ck-sr" role="status">' in view.status.value  # on screen already


def test_each_mock_question_is_read_out_as_it_shows(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    view = MockInterviewView(
        coach_with(bank, store, FakeScorer()),
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path,
    )
    view.count.value = 2
    view.start_button.click()
    first = view.session.current if view.session else ""
    assert announced(view.said.value, f"Question 1 of 2: {escape(bank.get(first).prompt)}")
    assert "ck-sr" in view.said._dom_classes  # said only: the panel shows it
    assert view.position.value == "<b>Question 1 of 2</b>" and "role=" not in view.position.value
    view.next_button.click()
    assert announced(view.said.value, "Question 2 of 2")


def test_every_status_line_is_a_live_region_that_lasts(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    """An HTML widget's update replaces its content, so a role="status" in its value is a
    new element each time, often not read out: the status lines carry LIVE_CLASS, whose
    lasting content element each root's script makes the region (tests/e2e checks the
    page: one role="status" element, the same before and after an update)."""
    coach = coach_with(bank, store, FakeScorer())
    practice = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=ManualScheduler()
    )
    mock = MockInterviewView(
        coach, runner=InlineRunner(), scheduler=ManualScheduler(), reports_dir=tmp_path
    )
    progress = ProgressView(coach)
    settings = SettingsView(
        coach,
        runner=InlineRunner(),
        checker=lambda _c, _n: ConnectionCheck(True, "ok"),
        budget=lambda _c: "b",
    )
    lines = [practice.status, mock.said, mock.progress, mock.status, settings.status]
    lines += [progress.status, progress.deleter.status]
    assert all(LIVE_CLASS in line._dom_classes for line in lines)
    assert f".{LIVE_CLASS} > .widget-html-content" in LIVE_SCRIPT
    for view in (practice, mock, progress, settings):
        (script,) = [c for c in view.root.children if "coachkit-live-script" in c._dom_classes]
        assert [o["data"]["application/javascript"] for o in script.outputs] == [LIVE_SCRIPT]
        assert script.layout.display == "none"


def on_page(root: w.Widget, widget: w.Widget) -> bool:
    """``widget`` is in ``root``'s tree with nothing on the way hidden: on the page, where a
    screen reader knows it (a live region inside a hidden box is not one yet)."""
    if root is widget:
        return root.layout.display != "none"
    if root.layout.display == "none":
        return False
    return any(on_page(child, widget) for child in getattr(root, "children", ()))


def test_status_regions_are_on_the_page_before_they_speak(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    """A live region shown along with its words is often not read out: the mock report's
    status was inside the report, the other window's answer's sentence inside its panel,
    and the saved plan's note in the plan's text, none a region that lasts."""
    coach = coach_with(bank, store, FakeScorer())
    mock = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path,
    )
    assert on_page(mock.root, mock.status) and mock.status.value == ""
    mock.count.value = 1
    mock.start_button.click()
    assert on_page(mock.root, mock.status) and mock.status.value == ""
    mock.answer.value = ANSWER
    mock.next_button.click()  # the last question: the report
    mock.save_button.click()
    assert on_page(mock.root, mock.status) and announced(mock.status.value, "Saved")
    mock.new_button.click()
    assert on_page(mock.root, mock.status) and mock.status.value == ""  # of the report only

    practice = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=ManualScheduler()
    )
    said = practice.other_said
    assert on_page(practice.root, said) and said.value == ""
    assert practice.other_answer.layout.display == "none"
    store.save_draft("time-you-failed", "Another window's answer about Toastmasters.")
    practice.answer.value = ANSWER
    assert practice.drafts.flush()
    assert on_page(practice.root, said) and announced(said.value, "Nothing is lost")
    assert "Toastmasters" in practice.other_text.value and "role=" not in practice.other_text.value

    settings = SettingsView(
        coach,
        runner=InlineRunner(),
        checker=lambda _c, _n: ConnectionCheck(True, "ok"),
        budget=lambda _c: "b",
    )
    assert on_page(settings.root, settings.plan_status) and settings.plan_status.value == ""
    settings.plan_button.click()
    assert on_page(settings.root, settings.plan_status)
    assert announced(settings.plan_status.value, "Saved the practice plan")
    assert LIVE_CLASS in said._dom_classes and LIVE_CLASS in settings.plan_status._dom_classes


def test_a_mock_question_shown_first_is_said_in_a_region_on_the_page_before(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    """The asking panel is hidden until Start or Resume shows it: its position line and
    its note on a locked answer came on the page along with their first words, often not
    read out. What that first show says is said in a region on the page (empty) before."""
    coach = coach_with(bank, store, FakeScorer())
    session = MockSession(
        question_ids=["time-you-failed", "no-longer-here"],
        answers={"time-you-failed": ANSWER, "no-longer-here": "an answer kept"},
        index=1,
    )
    coach.save_draft(session_key(session), session.to_json())
    mock = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path,
    )

    def speaking(words: str) -> list[w.HTML]:
        """The status lines of the view whose region says ``words``."""
        lines = [mock.said, mock.position, mock.progress, mock.status]
        return [line for line in lines if announced(line.value, words)]

    assert not on_page(mock.root, mock.asking)
    assert on_page(mock.root, mock.said) and mock.said.value == ""
    mock.resume_button.click()
    assert mock.errors.message is None and on_page(mock.root, mock.asking)
    assert speaking("Question 2 of 2") == [mock.said]
    assert speaking("no longer in the question bank") == [mock.said]  # the locked note
    assert "no longer in the question bank" in mock.progress.value  # shown as before
    mock.finish_button.click()
    mock.new_button.click()  # the panel hidden again: the region is emptied...
    assert on_page(mock.root, mock.said) and mock.said.value == ""
    mock.count.value = 1
    mock.start_button.click()  # ...so the next first show is said, even the same words
    assert speaking("Question 1 of 1") == [mock.said]
    assert LIVE_CLASS in mock.said._dom_classes
