"""The score card under forced colours (Windows' high-contrast themes): the browser swaps
every colour for the user's few, and drops background colours, which is all a bar is."""

from __future__ import annotations

from typing import TYPE_CHECKING

import harness
import pytest
from harness import Server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.e2e

# Each STAR bar's fill: its width share of the track, and whether its colour differs
# from the track's (as drawn, after the browser forced the colours).
BARS_JS = """() => [...document.querySelectorAll('.coachkit-result .ck-track')].map(track => {
  const fill = track.querySelector('.ck-fill');
  return [track.getAttribute('aria-label'),
          fill.getBoundingClientRect().width / track.getBoundingClientRect().width,
          getComputedStyle(fill).backgroundColor !== getComputedStyle(track).backgroundColor];
})"""


def test_the_star_bars_show_under_forced_colours(lab: Server, lab_dir: str, page: Page) -> None:
    page.emulate_media(forced_colors="active")
    harness.open_in_lab(page, lab, f"{lab_dir}/01_practice.ipynb")
    harness.run_all(page)
    harness.wait_lab_view(page, ".coachkit-practice")
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)
    harness.click_score(page)
    harness.wait_scored(page)

    bars = page.evaluate(BARS_JS)
    assert len(bars) == 4
    for label, share, seen in bars:
        score = int(label.split(": ")[1].split(" of ")[0])
        assert share == pytest.approx(score / 5, abs=0.02), label
        # The fills took the track's colour: four empty bars, whatever the score.
        assert seen or score == 0, f"{label}: its bar is not drawn"
