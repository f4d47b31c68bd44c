"""The notebooks in JupyterLab, as a user drives them: run all, click, read."""

from __future__ import annotations

import json
import re
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

PRACTICE = "01_practice.ipynb"
PROGRESS = "02_progress.ipynb"
PRACTICE_VIEW = ".coachkit-practice"
DIMENSION_LABEL = re.compile(r"^(Situation|Task|Action|Result): [0-5] of 5$")
# Which practice control has keyboard focus: "coachkit-score", "-retry", "-answer", or
# the tag of whatever else does ("BODY" when focus was dropped to the page).
FOCUSED = (
    "() => { const el = document.activeElement;"
    " const hit = el.closest('.coachkit-score, .coachkit-retry, .coachkit-answer');"
    " return hit ? hit.className.match(/coachkit-(score|retry|answer)/)[0] : el.tagName; }"
)


def open_and_run(page: Page, lab: Server, path: str, view: str) -> None:
    """Open a notebook, Run All, and wait for its view (e.g. ``.coachkit-practice``)."""
    harness.open_in_lab(page, lab, path)
    harness.run_all(page)
    errors = harness.lab_cell_errors(page)
    assert not errors, f"{path} raised while running all cells:\n" + "\n".join(errors)
    harness.wait_lab_view(page, view)


def test_practice_scores_an_answer(lab: Server, lab_dir: str, page: Page) -> None:
    open_and_run(page, lab, f"{lab_dir}/{PRACTICE}", PRACTICE_VIEW)
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)

    harness.click_score(page)

    labels = harness.wait_scored(page)
    assert [label.split(":")[0] for label in labels] == ["Situation", "Task", "Action", "Result"]
    assert all(DIMENSION_LABEL.match(label) for label in labels), labels
    result = page.locator(harness.RESULT).first
    assert "Your answer, rebuilt" in result.inner_text()
    assert page.locator(harness.REBUILD_ROWS).count() >= 4  # at least one line per dimension
    assert harness.answer_text(page) == harness.GOOD_ANSWER


def test_practice_by_keyboard_alone_keeps_focus_on_the_way(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """Enter on Score, Tab, Enter on Try again: focus is never dropped to the page (a
    button disabled while it works loses it), and the score is announced."""
    open_and_run(page, lab, f"{lab_dir}/{PRACTICE}", PRACTICE_VIEW)
    harness.pick_question(page, "time-you-failed")
    # An answer of its own: one scored already (the lab's home is shared) is not scored again.
    answer = f"{harness.GOOD_ANSWER} Run {uuid.uuid4().hex[:8]}."
    harness.type_answer(page, answer)
    _wait_words(page, answer)
    page.locator(harness.SCORE).focus()

    page.keyboard.press("Enter")
    harness.wait_scored(page)
    page.wait_for_function(f"() => ({FOCUSED})() === 'coachkit-score'")

    # Each widget applies its own state: the status and Try again may change a moment
    # after Score has focus back (no one presses Tab that fast).
    page.locator(".coachkit-status [role='status']", has_text="Saved to your history").wait_for()
    page.locator("button.coachkit-retry:enabled").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "coachkit-retry"
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({FOCUSED})() === 'coachkit-answer'")


def test_a_long_llm_score_leaves_focus_where_the_user_is(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """Score, disabled while the LLM worked, dropped focus to the page; handed back when
    the score came, it pulled a user who had moved on meanwhile back to Score. It now
    keeps focus while it works, no focus moves at the end, and the score is announced."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from fake_openai_server import FakeLLMServer, Reply, Seen, fair_grade, write_config

    release = threading.Event()

    def slow(seen: Seen) -> Reply:
        release.wait(timeout=harness.KERNEL_TIMEOUT_MS / 1000)
        return fair_grade(seen)

    with FakeLLMServer(slow) as llm:
        params = {"model": "openai/gpt-4o-mini", "api_base": f"{llm.url}/v1", "api_key": "none"}
        config = write_config(lab.home / "config.yaml", {"slow": params}, scorer="slow")
        try:
            open_and_run(page, lab, f"{lab_dir}/{PRACTICE}", PRACTICE_VIEW)
            harness.pick_question(page, "time-you-failed")
            answer = f"{harness.GOOD_ANSWER} Run {uuid.uuid4().hex[:8]}."
            harness.type_answer(page, answer)
            _wait_words(page, answer)
            page.locator(harness.SCORE).focus()
            page.keyboard.press("Enter")
            status = page.locator(".coachkit-status [role='status']")
            status.filter(has_text="Scoring with slow").wait_for()
            assert page.evaluate(FOCUSED) == "coachkit-score"  # not dropped to the page
            # While the LLM works, the user moves on (here, to the timer).
            page.locator("button.coachkit-timer-button").focus()
            release.set()
            status.filter(has_text="Saved to your history").wait_for(
                timeout=harness.KERNEL_TIMEOUT_MS
            )
            page.locator("button.coachkit-retry:enabled").wait_for()
            page.wait_for_timeout(1000)  # a focus request would have come with the score
            focused = page.evaluate("() => document.activeElement.className")
            assert "coachkit-timer-button" in focused, focused
        finally:
            release.set()
            config.unlink()


def test_a_score_in_flight_when_the_cell_runs_again_lands_in_the_newer_view(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """Score with an LLM profile, then Run All while the model works: the newer view showed
    the answer as a draft with no card, ever (the score was saved, and seen only after
    the next action), and opened on the config's scorer. It now waits for the score on
    the scorer chosen, then shows the card under the answer scored."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from fake_openai_server import FakeLLMServer, Reply, Seen, fair_grade, write_config

    arrived, release = threading.Event(), threading.Event()

    def slow(seen: Seen) -> Reply:
        arrived.set()
        release.wait(timeout=harness.KERNEL_TIMEOUT_MS / 1000)
        return fair_grade(seen)

    with FakeLLMServer(slow) as llm:
        params = {"model": "openai/gpt-4o-mini", "api_base": f"{llm.url}/v1", "api_key": "none"}
        # The profile is not the config's scorer: the user picks it in the view.
        config = write_config(lab.home / "config.yaml", {"slow": params})
        try:
            open_and_run(page, lab, f"{lab_dir}/{PRACTICE}", PRACTICE_VIEW)
            harness.pick_question(page, "time-you-failed")
            scorer = page.locator(".coachkit-scorer select").first
            scorer.select_option("slow")
            answer = f"{harness.GOOD_ANSWER} Run {uuid.uuid4().hex[:8]}."
            harness.type_answer(page, answer)
            _wait_words(page, answer)
            harness.click_score(page)
            status = page.locator(".coachkit-status [role='status']")
            status.filter(has_text="Scoring with slow").wait_for()
            assert arrived.wait(timeout=harness.KERNEL_TIMEOUT_MS / 1000)

            harness.run_all(page)  # the cell runs again while the model works
            harness.wait_lab_view(page, PRACTICE_VIEW)
            status.filter(has_text="Score was pressed before the notebook ran again").wait_for()
            assert page.locator(PRACTICE_VIEW).count() == 1
            assert scorer.input_value() == "slow"
            assert harness.answer_text(page) == answer
            assert page.locator(harness.ANSWER).first.is_disabled()

            release.set()
            harness.wait_scored(page, timeout_ms=harness.KERNEL_TIMEOUT_MS)
            status.filter(has_text="Saved to your history").wait_for()
            assert "by slow" in status.first.inner_text()
            assert harness.answer_text(page) == answer
            # Each widget applies its own state: the box may unlock a moment after.
            page.locator(f"{harness.ANSWER}:enabled").wait_for()
            assert not harness.lab_cell_errors(page)
            assert llm.hits == 1
        finally:
            release.set()
            config.unlink()


def test_the_practice_status_line_is_one_live_region_that_lasts(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """A screen reader reads out a change inside a live region that was on the page
    before it: the status line's role="status" element was a new one at each update."""
    open_and_run(page, lab, f"{lab_dir}/{PRACTICE}", PRACTICE_VIEW)
    harness.pick_question(page, "time-you-failed")
    status = f"{PRACTICE_VIEW} .coachkit-status"
    harness.tag_status_region(page, status)  # there before anything is said in it
    answer = f"{harness.GOOD_ANSWER} Run {uuid.uuid4().hex[:8]}."
    harness.type_answer(page, answer)
    _wait_words(page, answer)
    harness.click_score(page)
    saved = page.locator(f"{status} [role='status']", has_text="Saved to your history")
    saved.wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    count, kept, said = harness.status_region(page, status)
    assert (count, kept) == (1, True) and said.startswith("Scored"), said
    harness.type_answer(page, f"{answer} Since then I test under load.")
    page.locator(status, has_text="Edited since it was scored").wait_for()
    count, kept, said = harness.status_region(page, status)
    assert (count, kept) == (1, True) and "Edited since it was scored" in said, said


def _wait_words(page: Page, answer: str) -> None:
    """Wait until the kernel holds the whole answer, as its word count says: scored before
    the box's text arrived, the text arriving after reads as an edit since the score."""
    words = sum(1 for token in answer.split() if any(c.isalnum() for c in token))
    page.locator(".coachkit-wordcount", has_text=f"{words} words").wait_for()


def test_draft_is_restored_after_a_reload(lab: Server, lab_dir: str, page: Page) -> None:
    path = f"{lab_dir}/{PRACTICE}"
    open_and_run(page, lab, path, PRACTICE_VIEW)
    harness.pick_question(page, "time-you-failed")
    draft = f"Half-written answer {uuid.uuid4().hex[:8]}: in 2021 I missed a deadline because"
    harness.type_answer(page, draft)
    # The kernel saves drafts once typing pauses; the status line says when it has.
    page.locator(".coachkit-draft-status", has_text="Draft saved").wait_for()

    # Stop the kernel first so the draft can only come back from the store on disk.
    # (A restart from the page races JupyterLab's reconnect and can stick at "Starting".)
    harness.shutdown_lab_sessions(lab)
    page.reload()
    harness.wait_lab_notebook(page, path)
    harness.run_all(page)
    harness.wait_lab_view(page, PRACTICE_VIEW)
    harness.pick_question(page, "time-you-failed")

    page.locator(".coachkit-draft-status", has_text="Draft restored").wait_for()
    assert harness.answer_text(page) == draft


def test_progress_shows_the_chart(lab: Server, lab_dir: str, page: Page) -> None:
    harness.seed_attempts(
        lab.home,
        [("time-you-failed", harness.GOOD_ANSWER), ("production-incident", harness.GOOD_ANSWER)],
    )
    open_and_run(page, lab, f"{lab_dir}/{PROGRESS}", ".coachkit-progress")

    # Once every layout is in: the chart is drawn just after the view shows (its place
    # held until then), and the chart's HTML is replaced as each layout comes.
    chart = page.locator(".coachkit-progress .coachkit-charts .ck-chart-ready img:visible").first
    chart.wait_for()
    size = chart.evaluate("img => [img.complete, img.naturalWidth, img.naturalHeight]")
    assert size[0] and size[1] > 200 and size[2] > 100, f"the chart image did not load: {size}"
    assert (chart.get_attribute("alt") or "").startswith("Chart of your STAR scores over time")
    # Charts are drawn on white; under a dark theme the stylesheet turns them dark.
    assert chart.evaluate("img => getComputedStyle(img).filter") == "none"
    page.evaluate("() => { document.body.dataset.jpThemeLight = 'false'; }")
    assert "invert" in chart.evaluate("img => getComputedStyle(img).filter")
    page.evaluate("() => { document.body.dataset.jpThemeLight = 'true'; }")


def test_the_choices_of_each_view_are_shown_whole(lab: Server, lab_dir: str, page: Page) -> None:
    """Progress opened on "5 attempt" (Rolling mean), the mock interview on "mixed
    categories, every rol" (Preset), and a role or tag chosen in Practice or Progress
    ("engineering-manager", "frontend-system-design") was cut the same way: their boxes
    were narrower than their own options."""
    views = {
        PRACTICE: PRACTICE_VIEW,
        PROGRESS: ".coachkit-progress",
        "03_mock_interview.ipynb": ".coachkit-mock",
    }
    # The attempt to delete, listed by its question's id: the longest in the bank was cut.
    harness.seed_attempts(lab.home, [("imbalanced-classification-metrics", harness.GOOD_ANSWER)])
    for notebook, view in views.items():
        open_and_run(page, lab, f"{lab_dir}/{notebook}", view)
        # The question picker cuts its long prompts itself, with an ellipsis.
        assert harness.cut_options(page, view, skip=".coachkit-question") == {}, notebook
        harness.shutdown_lab_sessions(lab)


def test_an_attempt_is_deleted_from_progress_once_confirmed(
    lab: Server, lab_dir: str, page: Page
) -> None:
    harness.seed_attempts(
        lab.home,
        [("time-you-failed", harness.GOOD_ANSWER), ("production-incident", harness.GOOD_ANSWER)],
    )
    from playwright.sync_api import expect

    open_and_run(page, lab, f"{lab_dir}/{PROGRESS}", ".coachkit-progress")
    pick = page.locator(".coachkit-delete-pick select")
    before = pick.locator("option").count()
    # The newest attempt is picked (other tests may have added to this home's history).
    picked = pick.evaluate("s => s.selectedOptions[0].text").replace("\xa0", " ")
    question = picked.split(" · ")[2]  # after the id and the time
    assert before >= 2 and question in {"time-you-failed", "production-incident"}

    page.locator("button.coachkit-delete").click()
    page.locator(".coachkit-delete-confirmation", has_text="This cannot be undone").wait_for()
    page.locator("button.coachkit-delete-confirm").click()

    page.locator(
        ".coachkit-delete-status", has_text=f"Deleted the attempt at {question}"
    ).wait_for()
    expect(pick.locator("option")).to_have_count(before - 1)  # the list follows the kernel
    assert not page.locator(".coachkit-delete-section .coachkit-error").is_visible()


def test_a_recorded_answer_is_transcribed_into_the_answer_box(
    lab: Server, lab_dir: str, page: Page, tmp_path: Path
) -> None:
    """The browser uploads the file, the kernel sends it to a Whisper-style server on
    127.0.0.1, and the text lands after what was typed."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from fake_openai_server import FakeLLMServer, Reply, write_config

    from coachkit.audio import silent_wav

    spoken = "In 2023 I led the billing migration at Lumen and it shipped two weeks early."
    recording = tmp_path / "answer.wav"
    recording.write_bytes(silent_wav())
    with FakeLLMServer(lambda seen: Reply(spoken)) as whisper:
        params = {"model": "openai/whisper-1", "api_base": f"{whisper.url}/v1", "api_key": "none"}
        config = write_config(lab.home / "config.yaml", {"whisper": params}, transcriber="whisper")
        try:
            open_and_run(page, lab, f"{lab_dir}/{PRACTICE}", PRACTICE_VIEW)
            harness.pick_question(page, "time-you-failed")
            harness.type_answer(page, "Typed first.")
            button = page.locator(".coachkit-recording").first
            assert button.evaluate("b => getComputedStyle(b, '::after').content") == (
                '"From a recording"'
            )
            with page.expect_file_chooser() as chooser:
                button.click()
            chooser.value.set_files(recording)
            page.locator(".coachkit-status", has_text="Transcribed answer.wav").wait_for(
                timeout=harness.KERNEL_TIMEOUT_MS
            )
            assert harness.answer_text(page) == f"Typed first.\n\n{spoken}"
            (seen,) = whisper.requests
            assert seen.form["file"] == recording.read_bytes()
        finally:
            config.unlink()


def test_two_notebooks_on_one_question_keep_both_answers(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """The same notebook open twice (two copies, two kernels): each saves its draft, and
    the answer one saves over is kept and shown in the other, never lost."""
    other_dir = f"{lab_dir}-copy"
    harness.copy_notebooks(lab.root / other_dir)
    first_text = "In 2021 I missed a deadline on the billing export"
    open_and_run(page, lab, f"{lab_dir}/{PRACTICE}", PRACTICE_VIEW)
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, first_text)
    page.locator(".coachkit-draft-status", has_text="Draft saved").wait_for()

    second = page.context.new_page()
    open_and_run(second, lab, f"{other_dir}/{PRACTICE}", PRACTICE_VIEW)
    harness.pick_question(second, "time-you-failed")
    assert harness.answer_text(second) == first_text  # the draft, as the first saved it
    region = f"{PRACTICE_VIEW} .coachkit-other-said"
    harness.tag_status_region(second, region)  # on the page, empty, before it says anything
    # Typed on in the first window, after the second read the draft...
    typed_on = first_text + ", because I never asked for help."
    harness.type_answer(page, typed_on)
    _wait_draft(lab, "time-you-failed", typed_on)  # the status line still says "saved"
    # ...and the second saves a different answer over it.
    harness.type_answer(second, "My first on-call week: I paged the whole team at 3 a.m.")

    # Read out: said in the live region that was on the page, empty, before it.
    second.locator(region, has_text="Nothing is lost").wait_for()
    count, tagged, said = harness.status_region(second, region)
    assert (count, tagged) == (1, True) and "Nothing is lost" in said, said
    kept = second.locator(".coachkit-other-answer")
    assert "never asked for help" in kept.inner_text()
    second.get_by_role("button", name=re.compile(r"Dismiss\s*$")).click()
    kept.wait_for(state="hidden")
    second.close()


def _wait_draft(lab: Server, question_id: str, text: str, timeout: float = 30.0) -> None:
    """Wait until the kernel has saved ``text`` as the question's draft."""
    from coachkit import Store

    deadline = time.monotonic() + timeout
    with Store(lab.home / "coachkit.db") as store:
        while store.load_draft(question_id) != text:
            if time.monotonic() > deadline:
                raise AssertionError(f"the draft of {question_id!r} was never saved as {text!r}")
            time.sleep(0.1)


def test_a_mock_question_is_said_in_a_region_on_the_page_before_start(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """The asking panel is hidden until Start: its lines came on the page with their first
    words. The view's own line, on the page and empty before, says the question."""
    view = ".coachkit-mock"
    open_and_run(page, lab, f"{lab_dir}/03_mock_interview.ipynb", view)
    said = f"{view} .coachkit-mock-said"
    harness.tag_status_region(page, said)
    count, tagged, text = harness.status_region(page, said)
    assert (count, tagged, text) == (1, True, "")
    box = page.locator(said).bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1  # said, not shown
    page.locator(f"{view} button.coachkit-mock-start").click()
    page.locator(said, has_text="Question 1 of").wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    count, tagged, text = harness.status_region(page, said)
    assert (count, tagged) == (1, True) and text.startswith("Question 1 of 5: "), text
    assert page.locator(f"{view} .coachkit-mock-position").inner_text() == "Question 1 of 5"
    assert page.locator(f"{view} .coachkit-mock-position [role='status']").count() == 0


def test_practice_damaged_while_open_keeps_the_answer_in_a_file(
    lab: Server, lab_dir: str, page: Page, tmp_path: Path
) -> None:
    """The database is damaged after the view opened (its drafts page lost): the save
    that fails on it, on the kernel's timer thread, switches the view on the page to what
    it says of a damaged database; what was typed is in a file, and Score scores offline."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from file_damage import damage_drafts

    home = tmp_path / "home"  # its own database: the lab's is shared with the other tests
    harness.seed_attempts(home, [("time-you-failed", harness.GOOD_ANSWER)])
    db = home / "coachkit.db"
    notebook = lab.root / lab_dir / "damaged_meanwhile.ipynb"
    cells = [
        f"import os\nos.environ['COACHKIT_HOME'] = {str(home)!r}",
        "from coachkit.ui import PracticeView\n\nPracticeView(question_id='time-you-failed')",
    ]
    notebook.write_text(json.dumps(harness.notebook_json(cells)), encoding="utf-8")
    open_and_run(page, lab, f"{lab_dir}/{notebook.name}", PRACTICE_VIEW)
    harness.type_answer(page, "In 2021 I missed a deadline")
    page.locator(".coachkit-draft-status", has_text="Draft saved").wait_for()
    damage_drafts(db)

    harness.type_answer(page, harness.GOOD_ANSWER)

    notice = page.locator(".coachkit-store-problem [role='alert']").first
    notice.wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    assert "is damaged" in notice.inner_text()
    page.locator(".coachkit-draft-status", has_text="Kept in time-you-failed-").wait_for()
    [kept] = (home / "unscored").glob("time-you-failed-*.txt")
    assert kept.read_text(encoding="utf-8") == harness.GOOD_ANSWER
    before = db.read_bytes()
    harness.click_score(page)
    assert len(harness.wait_scored(page)) == 4
    assert "Not saved to your history" in page.locator(harness.RESULT).first.inner_text()
    assert not page.locator(f"{PRACTICE_VIEW} {harness.ERROR}").first.is_visible()
    assert db.read_bytes() == before
