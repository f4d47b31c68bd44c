"""Waiting for the first chart in a narrow view: the page's first chart image there is
the wide one, hidden (the narrow one is shown in its place), so a wait for that image to
show never ended. The tests and the screenshots wait for the image on show, once every
layout of the chart is in (the view is shown with the chart's place held; the wide
layout, then the narrow and compact ones, come a moment later)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

from coachkit.charts import COMPACT_WIDTH, NARROW_WIDTH
from coachkit.ui.progress_view import CHART_DENSITY

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# What the tests and scripts/screenshots.py wait on for the first chart.
CHART = ".coachkit-charts .ck-chart-ready img:visible"
LOADED_JS = """img => img.complete && img.naturalWidth ? img.naturalWidth
  : new Promise(done => img.addEventListener('load', () => done(img.naturalWidth)))"""


def test_the_first_chart_waited_for_in_a_narrow_view_is_the_one_on_show(
    lab: Server, lab_dir: str, page: Page
) -> None:
    harness.seed_attempts(
        lab.home, [("time-you-failed", harness.GOOD_ANSWER[: 80 * n]) for n in range(1, 5)]
    )
    page.set_viewport_size({"width": 640, "height": 900})  # a chart box of about 476 px
    harness.open_in_lab(page, lab, f"{lab_dir}/02_progress.ipynb")
    page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-progress")
    chart = page.locator(CHART).first
    chart.wait_for(timeout=harness.UI_TIMEOUT_MS)
    assert chart.get_attribute("class") == "ck-chart-narrow"
    assert chart.evaluate(LOADED_JS) == round(NARROW_WIDTH * 96 * CHART_DENSITY)
    assert (chart.get_attribute("alt") or "").startswith("Chart of your STAR scores over time")
    # What the waits used to pick: the page's first chart image, not shown at this width.
    assert page.locator(".coachkit-charts img").first.is_hidden()


def test_beside_the_file_browser_the_compact_trends_come_after_the_view(
    lab: Server, lab_dir: str, page: Page
) -> None:
    """At 640 px with the file browser open (a chart box of about 250 px) the compact
    trends are shown once drawn, alone."""
    harness.seed_attempts(
        lab.home, [("time-you-failed", harness.GOOD_ANSWER[: 80 * n]) for n in range(1, 5)]
    )
    page.set_viewport_size({"width": 640, "height": 900})
    harness.open_in_lab(page, lab, f"{lab_dir}/02_progress.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-progress")
    chart = page.locator(CHART).first
    chart.wait_for(timeout=harness.UI_TIMEOUT_MS)
    assert chart.get_attribute("class") == "ck-chart-compact"
    assert chart.evaluate(LOADED_JS) == round(COMPACT_WIDTH * 96 * CHART_DENSITY)
    box = page.locator(".coachkit-charts .ck-chart-box").first
    assert box.evaluate("el => el.clientWidth") < 300  # beside the file browser
    assert page.locator(".coachkit-charts img:visible").count() == 1  # only the compact one
