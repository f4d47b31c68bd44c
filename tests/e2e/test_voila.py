"""The practice notebook as a Voila app: the fastest real-browser round trip."""

from __future__ import annotations

import os
import re
import signal
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


def test_voila_app_scores_an_answer(voila: Server, page: Page) -> None:
    harness.open_in_voila(page, voila, PRACTICE, ready=harness.ANSWER)
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)

    harness.click_score(page)

    assert len(harness.wait_scored(page)) == 4
    assert "Your answer, rebuilt" in page.locator(harness.RESULT).first.inner_text()


def test_the_status_line_is_one_live_region_that_lasts(voila: Server, page: Page) -> None:
    """The script that keeps the status line's live region runs under the app's
    Content-Security-Policy: the role="status" element is the same before and after."""
    harness.open_in_voila(page, voila, PRACTICE, ready=harness.ANSWER)
    harness.pick_question(page, "time-you-failed")
    status = ".coachkit-practice .coachkit-status"
    harness.tag_status_region(page, status)
    harness.type_answer(page, f"{harness.GOOD_ANSWER} Run {uuid.uuid4().hex[:8]}.")
    harness.click_score(page)
    harness.wait_scored(page)
    page.locator(f"{status} [role='status']", has_text="Saved to your history").wait_for()
    count, kept, said = harness.status_region(page, status)
    assert (count, kept) == (1, True) and said.startswith("Scored"), said


def test_the_app_loads_nothing_from_outside_its_server(voila: Server, page: Page) -> None:
    """voila.json's Content-Security-Policy: Voila's page asks a CDN for icon styles (and
    would for MathJax); the browser refuses, and the page works on what the server sends."""
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    with page.expect_response(lambda r: r.url.endswith(PRACTICE)) as first:
        harness.open_in_voila(page, voila, PRACTICE, ready=harness.ANSWER)
    policy = first.value.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "https:" not in policy
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)
    harness.click_score(page)
    assert len(harness.wait_scored(page)) == 4
    assert any("cdn.jsdelivr.net" in text for text in blocked), blocked


def test_scorer_failure_is_readable_and_keeps_the_answer(broken_voila: Server, page: Page) -> None:
    harness.open_in_voila(page, broken_voila, PRACTICE, ready=harness.ANSWER)
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)

    harness.click_score(page)

    message = harness.wait_error(page)
    assert "broken" in message, message  # names the profile that failed
    assert "Traceback" not in message and len(message) < 600, message
    # Its lines were 28px apart (a control row's height), as if double spaced.
    spacing = page.locator(f"{harness.ERROR} [role='alert']").first.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return parseFloat(s.lineHeight) / parseFloat(s.fontSize); }"
    )
    assert spacing <= 1.6, spacing
    assert harness.answer_text(page) == harness.GOOD_ANSWER
    assert page.locator(harness.DIMENSION_BAR).count() == 0
    # The Score button is usable again, so the user can retry or switch scorer.
    assert page.locator(f"{harness.SCORE} button, button{harness.SCORE}").first.is_enabled()


def test_dark_theme_reaches_the_browsers_own_controls(voila: Server, page: Page) -> None:
    """In Voila's dark theme, scrollbars and a dropdown's open list are dark too."""
    harness.open_in_voila(page, voila, f"{PRACTICE}?theme=dark", ready=harness.ANSWER)

    assert page.evaluate("() => document.body.dataset.jpThemeLight") == "false"
    scheme = page.locator(harness.ANSWER).first.evaluate("el => getComputedStyle(el).colorScheme")
    assert scheme == "dark"


def test_settings_in_voila_say_to_reload_pages_not_to_restart_kernels(
    voila: Server, page: Page
) -> None:
    """A Voila page is told apart from a notebook by the variable Voila sets in its kernel."""
    harness.open_in_voila(page, voila, "04_settings.ipynb", ready=".coachkit-save-scorer")
    page.locator(".coachkit-save-scorer").click()  # saves the scorer shown, local

    status = page.locator(".coachkit-settings [role='status']").first
    status.wait_for()
    assert "Reload the pages open already" in status.inner_text(), status.inner_text()


def test_a_saved_chart_downloads_from_the_page(voila: Server, page: Page) -> None:
    """Save PNG names a path on the server, out of reach from a Voila page: the link
    beside it downloads the file as written."""
    harness.seed_attempts(voila.home, [("time-you-failed", harness.GOOD_ANSWER)])
    harness.open_in_voila(page, voila, "02_progress.ipynb", ready=".coachkit-save-png")
    page.locator(".coachkit-save-png").click()

    link = page.locator(".coachkit-progress [role='status'] a.ck-download")
    with page.expect_download() as info:
        link.click()
    download = info.value
    saved = sorted((voila.home / "charts").glob("progress-*.png"))[-1]
    assert link.inner_text() == f"Download {saved.name}"
    assert download.suggested_filename == saved.name
    assert Path(download.path()).read_bytes() == saved.read_bytes()


def test_a_damaged_database_still_lets_an_answer_be_scored_and_kept(
    damaged_voila: Server, page: Page
) -> None:
    """The questions list was empty and Score greyed out under the database's message."""
    db = damaged_voila.home / "coachkit.db"
    before = db.read_bytes()
    harness.open_in_voila(page, damaged_voila, PRACTICE, ready=harness.ANSWER)
    notice = page.locator(".coachkit-store-problem [role='alert']").first
    assert "is not a readable coachkit database" in notice.inner_text()
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)

    harness.click_score(page)

    assert len(harness.wait_scored(page)) == 4
    assert "Not saved to your history" in page.locator(harness.RESULT).first.inner_text()
    [kept] = (damaged_voila.home / "unscored").glob("time-you-failed-*.txt")
    status = page.locator(".coachkit-practice .coachkit-status").first.inner_text()
    assert f"Your answer is kept in {kept}" in status, status
    assert kept.read_text(encoding="utf-8") == harness.GOOD_ANSWER

    harness.open_in_voila(page, damaged_voila, "02_progress.ipynb", ready=".coachkit-save-png")
    assert page.locator(".coachkit-store-problem [role='alert']").first.is_visible()
    assert page.locator(".coachkit-save-png").first.is_disabled()
    assert page.locator(".coachkit-chart img").count() == 0
    assert not page.locator(".coachkit-charts").first.is_visible()
    assert db.read_bytes() == before


def _kernel_pid(kernel_id: str) -> int:
    """The process of the kernel with this id (its connection file is named after it)."""
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:  # gone meanwhile, or not a process
            continue
        if f"kernel-{kernel_id}.json".encode() in cmdline:
            return int(proc.name)
    raise AssertionError(f"no process runs kernel {kernel_id}")


def test_a_page_whose_kernel_dies_says_to_reload_and_keeps_the_words(
    voila: Server, page: Page
) -> None:
    """A killed kernel left every control a broken-link icon and not one word on what to
    do: now a notice at the top of the window says to reload, and the words stay."""
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    harness.open_in_voila(page, voila, PRACTICE, ready=harness.ANSWER)
    [kernel_id] = {m.group(1) for u in sockets if (m := re.search(r"/api/kernels/([\w-]+)", u))}
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)
    page.locator(harness.SCORE).first.scroll_into_view_if_needed()  # the top is out of sight

    os.kill(_kernel_pid(kernel_id), signal.SIGKILL)

    notice = page.locator("body > .ck-lost-pinned[role='alert']")
    notice.wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    said = notice.inner_text()
    assert said.startswith("This page lost its Python kernel") and "Reload the page" in said
    assert notice.evaluate("el => el.getBoundingClientRect().top") < 20  # in sight
    assert page.locator(".coachkit .ck-lost [role='alert']").is_hidden()  # one alert, not two
    assert harness.answer_text(page) == harness.GOOD_ANSWER  # there to copy


def test_start_here_links_look_like_links_and_open_the_other_pages(
    voila: Server, page: Page
) -> None:
    """Start here's links to the other notebooks read as plain bold text, in the text's
    own colour: nothing said they could be clicked."""
    harness.open_in_voila(page, voila, "00_start_here.ipynb", ready=".coachkit-summary li a")
    links = page.locator(".coachkit-summary li a")
    text = page.locator(".coachkit-summary li").first.evaluate("el => getComputedStyle(el).color")
    for i in range(links.count()):
        link = links.nth(i)
        style = link.evaluate(
            "el => [getComputedStyle(el).textDecorationLine, getComputedStyle(el).color]"
        )
        assert style[0] == "underline" and style[1] != text, style
        href = link.evaluate("el => el.href")
        name = href.removeprefix(f"{voila.url}/voila/render/")
        assert (voila.root / name).is_file(), href  # a page Voila serves, not a dead link
    with page.context.expect_page() as opened:
        links.first.click()
    opened.value.locator(harness.ANSWER).first.wait_for(timeout=harness.KERNEL_TIMEOUT_MS)
    opened.value.close()


@pytest.mark.parametrize(
    ("notebook", "view"),
    [
        ("00_start_here.ipynb", ".coachkit-summary"),
        (PRACTICE, harness.ANSWER),
        ("02_progress.ipynb", ".coachkit-progress"),
        ("03_mock_interview.ipynb", ".coachkit-mock"),
        ("04_settings.ipynb", ".coachkit-settings"),
    ],
)
def test_a_page_says_nothing_of_jupyterlabs_menus_or_kernel(
    voila: Server, page: Page, notebook: str, view: str
) -> None:
    """Each notebook's opening words told a Voila user to "run the notebook first: Run >
    Run All Cells" (and Practice's, to Run All after a kernel restart): a page has no
    menus, and runs itself."""
    harness.open_in_voila(page, voila, notebook, ready=view)
    said = page.locator("body").inner_text()
    assert "Run All" not in said and "JupyterLab" not in said and "kernel restart" not in said
    assert page.locator(".jp-MarkdownOutput").first.inner_text().strip()  # the rest stays
