"""Progress in the Voila app on a phone (375 x 740), light and dark, with 60 attempts
over 30 days in four categories by two scorers: what a candidate checking their
progress on the bus reads and taps."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 740}
THEMES = {"light": "", "dark": "?theme=dark"}
PROGRESS = "02_progress.ipynb"
IDS = [
    "time-you-failed",
    "design-rate-limiter",
    "why-this-role",
    "imbalanced-classification-metrics",
]


@pytest.fixture(scope="module")
def month_voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Voila over the progress notebook, with 60 attempts over 30 days, every other one
    by a second scorer."""
    tmp = tmp_path_factory.mktemp("phone-progress")
    home = tmp / "home"
    answers = ["I fixed a bug.", harness.GOOD_ANSWER]
    plan = [(IDS[i % 4], answers[(i // 20 + i) % 2]) for i in range(60)]
    harness.seed_attempts(home, plan, days_apart=0.5)
    with sqlite3.connect(home / "coachkit.db") as db:
        db.execute(
            "UPDATE attempts SET scorer = 'llm:gpt', card = json_set(card, '$.scorer', "
            "'llm:gpt') WHERE rowid % 2 = 0"
        )
    db.close()
    root = harness.copy_notebooks(tmp / "root", [PROGRESS])
    with harness.running(harness.start_voila(root, home, tmp / "state")) as server:
        yield server


def _open(page: Page, server: Server, theme: str) -> None:
    page.set_viewport_size(PHONE)
    harness.open_in_voila(page, server, f"{PROGRESS}{THEMES[theme]}", ".coachkit-progress")
    # The narrow and compact layouts are drawn just after the view shows.
    page.locator(".coachkit-charts .ck-chart-ready").first.wait_for()


# The chart on show in a tab: its layout, its width on screen over its own (the PNG's
# over its density, 2), and how far its box scrolls sideways.
SHOWN_JS = """(box) => { const img = [...box.querySelectorAll('img')]
    .find(i => getComputedStyle(i).display !== 'none');
  const scroll = box.querySelector('.ck-chart-scroll');
  return [img.className, img.getBoundingClientRect().width / (img.naturalWidth / 2),
          scroll.scrollWidth - scroll.clientWidth]; }"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_each_chart_on_a_phone_is_its_compact_layout_at_a_readable_size(
    month_voila: Server, page: Page, theme: str
) -> None:
    """Each chart was its narrow layout at 0.67 of its size, its smallest labels 7.2 px
    (tick labels of the per-day bars and the radar) and 8 px (the trends' axes): the
    compact one fits near its own size, its words 11.6 px at least."""
    _open(page, month_voila, theme)
    tabs = page.locator(".coachkit-charts .lm-TabBar-tab")
    for index in range(4):
        tabs.nth(index).click()
        box = page.locator(".coachkit-charts .ck-chart-box").nth(index)
        box.and_(page.locator(".ck-chart-ready")).wait_for()
        kind, scale, scrolled = box.evaluate(SHOWN_JS)
        assert kind == "ck-chart-compact", (index, kind, scale)
        assert scale >= 0.9 and scrolled <= 0, (index, scale, scrolled)


# How far the attempts table scrolls sideways in its box, and the right edge of each
# row's overall score past the box's own (at most 0 when in sight).
TABLE_JS = """() => { const box = document.querySelector('.coachkit-table .ck-table-box');
  const edge = box.getBoundingClientRect().right;
  const past = [...box.querySelectorAll('tbody tr td:nth-child(5)')]
    .map(td => td.getBoundingClientRect().right - edge);
  return [box.scrollWidth - box.clientWidth, Math.round(Math.max(...past)), past.length]; }"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_attempts_table_on_a_phone_shows_each_score_without_a_sideways_scroll(
    month_voila: Server, page: Page, theme: str
) -> None:
    """The table was 665 px wide in a 329 px box, scrolled 340 px sideways: its question
    cut mid-word, the overall and S T A R past the edge."""
    _open(page, month_voila, theme)
    page.locator(".coachkit-table .ck-table-box").scroll_into_view_if_needed()
    scrolled, past, rows = page.evaluate(TABLE_JS)
    assert rows == 50 and scrolled <= 0 and past <= 0, (scrolled, past, rows)


# The least words of each layout, in pt (charts._LEAST_PT, charts._COMPACT_PT).
LEAST_PT = {"ck-chart-wide": 9, "ck-chart-narrow": 9, "ck-chart-compact": 10}


@pytest.mark.parametrize("box", [600, 700])
def test_each_chart_in_a_600_or_700_px_box_reads_9_px_or_more(
    month_voila: Server, page: Page, box: int
) -> None:
    """In a 562-700 px chart box (JupyterLab in a 640-800 px window) the wide charts were
    shown at down to 0.65 of their size: the trends' breaks, the radar's legend and the
    per-day dates, 8 pt, read 6.9 px. Each chart is now shown where its words read 9 px."""
    _open(page, month_voila, "light")
    # The window that makes the first chart's box ``box`` px wide.
    width = page.locator(".coachkit-charts .ck-chart-box").first.evaluate("b => b.clientWidth")
    page.set_viewport_size({"width": PHONE["width"] + box - width, "height": 900})
    tabs = page.locator(".coachkit-charts .lm-TabBar-tab")
    for index in range(4):
        tabs.nth(index).click()
        chart = page.locator(".coachkit-charts .ck-chart-box").nth(index)
        chart.and_(page.locator(".ck-chart-ready")).wait_for()
        assert chart.evaluate("b => b.clientWidth") == box
        kind, scale, scrolled = chart.evaluate(SHOWN_JS)
        least = LEAST_PT[kind] * 96 / 72 * scale
        assert least >= 9 and scrolled <= 0, (index, kind, scale, round(least, 1))


# Each row's S T A R figures on show: how many, on how many lines, and their words.
STAR_JS = """() => [...document.querySelectorAll('.coachkit-table tbody tr')].map(tr => {
  const shown = [...tr.querySelectorAll(
      'td[data-label="S"], td[data-label="T"], td[data-label="A"], td[data-label="R"], '
      + '.ck-star-part')].filter(e => e.getClientRects().length > 0);
  return [shown.length, new Set(shown.map(e => Math.round(e.getBoundingClientRect().top))).size,
          shown.map(e => e.innerText.trim()).join(' ')]; })"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_an_attempt_s_s_t_a_r_on_a_phone_stay_on_one_line_each_named(
    month_voila: Server, page: Page, theme: str
) -> None:
    """Stacked, the four figures were cells of their own that wrapped apart: "overall 3
    S 0" ending one line, "T 0 A 0 R 0" the next (30 of 50 rows)."""
    _open(page, month_voila, theme)
    rows = page.evaluate(STAR_JS)
    assert len(rows) == 50
    apart = [words for count, lines, words in rows if count != 4 or lines != 1]
    assert apart == []
    named = r"^S \d T \d A \d R \d$"
    assert all(re.match(named, words) for _count, _lines, words in rows), rows[:3]


# The delete list's chosen entry as it reads: the list's own box, and the line under it.
CHOSEN_JS = """() => { const s = document.querySelector('.coachkit-delete-pick select');
  const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(s).font;
  const line = document.querySelector('.ck-delete-chosen');
  const view = document.querySelector('.coachkit-progress').getBoundingClientRect();
  return [c.measureText(s.selectedOptions[0].text).width - s.clientWidth,
          line && line.offsetWidth ? line.innerText : '',
          line ? Math.round(line.getBoundingClientRect().right - view.right) : 0]; }"""


@pytest.mark.parametrize("theme", list(THEMES))
def test_the_attempt_chosen_to_delete_reads_whole_on_a_phone(
    month_voila: Server, page: Page, theme: str
) -> None:
    """The list's box cut the chosen entry at its question, the score out of sight until
    Delete… was pressed: it reads whole under the list, id first."""
    _open(page, month_voila, theme)
    page.locator(".coachkit-delete-pick select").scroll_into_view_if_needed()
    cut, line, past = page.evaluate(CHOSEN_JS)
    assert cut > 0  # the box still cuts it: the line says it whole
    listed = page.locator(".coachkit-delete-pick select").evaluate("s => s.selectedOptions[0].text")
    # (ipywidgets writes an entry's spaces as no-break ones, as the line writes its own.)
    line, listed = line.replace("\u00a0", " "), listed.replace("\u00a0", " ")
    assert line == f"Chosen: {listed}" and past <= 0, (line, listed)
    assert re.match(r"Chosen: [0-9a-f]{8} · ", line) and line.endswith("/100"), line
