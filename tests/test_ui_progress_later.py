"""The progress view draws a chart's wide layout before it is shown and its narrow and
compact layouts once it is on the page: only the wide one is waited for, and layouts
drawn later for filters since changed are never shown."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from matplotlib.figure import Figure
from ui_fakes import seeded_coach

from coachkit import QuestionBank, Store, charts
from coachkit.ui import ProgressView
from coachkit.ui.progress_view import READY, _png, after_shown, chart_html


class Queue:
    """Holds the tasks a view leaves for later, as the kernel's loop would."""

    def __init__(self) -> None:
        self.tasks: list[Callable[[], None]] = []

    def __call__(self, task: Callable[[], None]) -> None:
        self.tasks.append(task)

    def run(self) -> None:
        tasks, self.tasks = self.tasks, []
        for task in tasks:
            task()


def test_only_the_wide_layout_is_drawn_before_the_view_is_shown(
    bank: QuestionBank, store: Store
) -> None:
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later, today=lambda: date(2026, 3, 4))
    shown = view.images[0].value
    assert 'class="ck-chart-wide"' in shown and "ck-chart-narrow" not in shown
    assert "ck-chart-compact" not in shown and READY not in shown
    assert "In words:" in view.notes[0].value  # the words come with the first picture
    assert len(later.tasks) == 1
    later.run()
    done = view.images[0].value
    assert 'class="ck-chart-narrow"' in done and 'class="ck-chart-compact"' in done
    assert f'class="ck-chart-box ck-chart-timeline {READY}"' in done
    assert done.startswith(shown.split('<img src="data:image/png;base64,', 1)[0].split(" ")[0])
    assert view.errors.message is None


def test_layouts_drawn_for_an_older_filter_are_not_shown(bank: QuestionBank, store: Store) -> None:
    """A filter changed before the narrow and compact trends of the last one come: only
    the new filter's layouts are shown, not a narrow picture of the old one."""
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    view.category.value = "behavioral"
    assert len(later.tasks) == 2  # the first filter's, then this one's
    later.tasks[1]()  # this one's first: the old one's comes after it
    filtered = view.images[0].value
    assert READY in filtered
    later.tasks[0]()
    assert view.images[0].value == filtered
    # Its narrow picture is the new filter's own.
    narrow = _png(charts.trend_drawer(view.filtered, 5)("narrow"))
    assert base64.b64encode(narrow).decode("ascii") in filtered


def test_a_tab_opened_draws_its_own_layouts_later(bank: QuestionBank, store: Store) -> None:
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    view.tabs.selected_index = 1
    assert 'class="ck-chart-wide"' in view.images[1].value and READY not in view.images[1].value
    later.run()
    assert all(READY in view.images[i].value for i in (0, 1))
    assert not view.images[2].value  # not opened: not drawn
    view.category.value = "behavioral"  # on tab 1: the trends go stale, drawn when opened
    later.run()
    assert "Heatmap" in view.images[1].value and READY in view.images[1].value
    view.tabs.selected_index = 0
    assert READY not in view.images[0].value
    later.run()
    assert READY in view.images[0].value


def test_a_failure_drawing_later_is_said_in_the_view(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = charts.drawer_of

    def failing(*args: Any, **kwargs: Any) -> charts.Drawer:
        draw = real(*args, **kwargs)

        def drawn(fit: charts.Fit = "wide") -> Figure:
            if fit != "wide":
                raise RuntimeError("out of memory drawing")
            return draw(fit=fit)

        return drawn

    monkeypatch.setattr(charts, "drawer_of", failing)
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    later.run()
    assert view.errors.message is not None and "out of memory drawing" in view.errors.message
    assert 'class="ck-chart-wide"' in view.images[0].value  # the wide chart stays


def test_outside_a_running_loop_the_layouts_are_drawn_at_once() -> None:
    done: list[int] = []
    after_shown(lambda: done.append(1))
    assert done == [1]


def test_in_a_running_loop_the_layouts_wait_until_the_cell_is_done() -> None:
    done: list[str] = []

    async def cell() -> None:
        after_shown(lambda: done.append("layouts"))
        done.append("shown")
        await asyncio.sleep(0)

    asyncio.run(cell())
    assert done == ["shown", "layouts"]


def test_the_box_is_marked_ready_unless_layouts_are_pending() -> None:
    png = b"\x89PNG" + bytes(20)
    assert READY in chart_html(png, "x")
    assert READY not in chart_html(png, "x", pending=True)
