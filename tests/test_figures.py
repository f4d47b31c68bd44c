"""Means read the same in every view: a half rounded up, as the mock report does."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
from ui_fakes import card_for, make_attempts

from coachkit import QuestionBank, chartnotes, charts
from coachkit.figures import rounded, shown
from coachkit.llm.stability import Stability
from coachkit.progress import attempts_frame
from coachkit.ui.progress_view import summary_html

# Task 4, 4, 4, 5 in one category: a mean of 4.25, which round() and format() read 4.2.
PLAN = [
    ("time-you-failed", (3, 4, 3, 3)),
    ("time-you-failed", (3, 4, 3, 3)),
    ("time-you-failed", (3, 4, 3, 3)),
    ("time-you-failed", (3, 5, 3, 3)),
]


def test_a_half_is_rounded_up_and_odd_values_pass_through() -> None:
    assert rounded(4.125, 2) == 4.13 and rounded(2.5) == 3.0 and rounded(-0.04, 1) == 0.0
    assert shown(np.float64(2.25), 1) == "2.3"  # a NumPy float's repr() is not its digits
    assert math.isnan(rounded(float("nan"), 1)) and shown(float("inf"), 1) == "inf"


def test_the_heatmap_and_its_words_read_4_25_as_4_3(bank: QuestionBank) -> None:
    """They read 4.2 where the mock report read 4.3, of the same four attempts."""
    frame = attempts_frame(make_attempts(bank, PLAN), bank)
    assert "Task 4.3" in chartnotes.heatmap_note(frame)
    texts = [t.get_text() for t in charts.category_heatmap(frame).axes[0].texts]
    assert "4.3" in texts and "4.2" not in texts


def test_the_overall_tile_reads_52_5_as_53(bank: QuestionBank) -> None:
    frame = attempts_frame(make_attempts(bank, PLAN[:2]), bank)
    frame["overall"] = [50, 55]
    assert "<b>53<small>/100</small>" in summary_html(frame, date(2026, 3, 3))


def test_repeated_scores_read_4_125_as_4_13(bank: QuestionBank) -> None:
    """`coachkit score --repeat 8`: Task 4 seven times and 5 once read 4.12."""
    question = bank.get("time-you-failed")
    cards = [card_for(question, "An answer.", (3, 4, 3, 3))] * 7
    cards.append(card_for(question, "An answer.", (3, 5, 3, 3)))
    assert Stability(cards).mean["task"] == 4.13
