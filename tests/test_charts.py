"""Charts: every figure draws, empty or full, and saves as a PNG."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure
from ui_fakes import make_attempts

from coachkit import QuestionBank, charts
from coachkit.progress import attempts_frame

FIGURES = [
    charts.dimension_trends,
    charts.category_heatmap,
    charts.radar,
    charts.daily_activity,
    charts.progress_report,
    charts.dashboard,
]


@pytest.fixture(scope="module")
def frame(bank: QuestionBank) -> pd.DataFrame:
    plan = [
        (q, (i % 6, (i + 1) % 6, (i + 2) % 6, i % 4))
        for i, q in enumerate(
            ["time-you-failed", "design-rate-limiter", "why-this-role", "idempotent-apis"] * 3
        )
    ]
    return attempts_frame(make_attempts(bank, plan), bank)


@pytest.mark.parametrize("draw", FIGURES, ids=lambda f: f.__name__)
def test_figures_draw_with_and_without_attempts(
    draw: object, frame: pd.DataFrame, bank: QuestionBank, tmp_path: Path
) -> None:
    for data in (frame, attempts_frame([], bank)):
        figure = draw(data)  # type: ignore[operator]
        assert isinstance(figure, Figure)
        path = charts.save(figure, tmp_path / "out" / "chart.png", dpi=40)
        assert path.read_bytes().startswith(b"\x89PNG")


def test_empty_charts_say_so(bank: QuestionBank) -> None:
    figure = charts.dimension_trends(attempts_frame([], bank))
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert any("No attempts yet" in t for t in texts)


def test_radar_compares_first_and_latest(frame: pd.DataFrame) -> None:
    figure = charts.radar(frame, n=2)
    labels = [line.get_label() for line in figure.axes[0].get_lines()]
    assert labels == ["first 2", "latest 2"]


def test_daily_activity_titles_the_streak(frame: pd.DataFrame) -> None:
    title = charts.daily_activity(frame).axes[0].get_title()
    assert "Attempts per day" in title and "best 12" in title


@pytest.mark.parametrize("count", [1, 2, 12])
def test_trend_ticks_are_whole_attempts(frame: pd.DataFrame, count: int) -> None:
    figure = charts.dimension_trends(frame.iloc[:count])
    figure.canvas.draw()  # ticks are placed when drawn
    ticks = [t for t in figure.axes[0].get_xticks() if 0.5 <= t <= count + 0.5]
    assert ticks and all(float(t).is_integer() for t in ticks)
