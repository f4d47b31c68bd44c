"""The mock interview's report in a narrow view: JupyterLab at 640 px with the file
browser open leaves the notebook 272 px. The report fits it, without a sideways scroll."""

from __future__ import annotations

from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# The report widget's width and how far its content runs past it; the Scores table's too.
WIDTHS_JS = """() => {
  const report = document.querySelector('.coachkit-mock-report .coachkit-result');
  const table = report.querySelector('.ck-scroll table');
  return [report.clientWidth, report.scrollWidth, table.getBoundingClientRect().width]; }"""


def test_the_report_fits_beside_the_file_browser(lab: Server, lab_dir: str, page: Page) -> None:
    page.set_viewport_size({"width": 640, "height": 900})
    harness.open_in_lab(page, lab, f"{lab_dir}/03_mock_interview.ipynb")  # file browser open
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-mock-setup")
    harness.click_button(page, "Start interview")
    # Answered, skipped (no answer), answered short (held down), then ended: two skipped.
    for number, answer in enumerate([harness.GOOD_ANSWER, "", "I work too hard."], start=1):
        page.locator(".coachkit-mock-position", has_text=f"Question {number} of 5").wait_for()
        if answer:
            harness.type_answer(page, answer)
        harness.click_button(page, "Next question")
    harness.click_button(page, "End now")
    report = page.locator(".coachkit-mock-report").first
    report.get_by_text("What to practise next").wait_for()
    page.wait_for_timeout(300)  # the layout settles

    width, content, table = page.evaluate(WIDTHS_JS)
    # The report widget was as wide as its headline's line, 423 px in 256: the headline
    # ("20/100 mean of 2 answers · 3 of 5 questions skipped") and the table's right side cut
    # off. Now the headline wraps and the table's rows stack inside the view.
    assert width < 300, width  # the narrow view this is about
    assert content <= width and table <= width, (width, content, table)
    # Stacked, each figure is named (the header row is hidden).
    overall = report.locator(".ck-scroll td[data-label='overall']").first
    assert overall.evaluate("td => getComputedStyle(td, '::before').content") == '"overall "'
