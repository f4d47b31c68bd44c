"""The progress view is shown with its charts' place held, and draws them once it is on
the page (matplotlib loads then): the wide layout, then the narrow and compact ones;
what is drawn for filters since changed is never shown, and a failure is said in the
chart's place."""

from __future__ import annotations

import asyncio
import base64
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from matplotlib.figure import Figure
from ui_fakes import seeded_coach

from coachkit import QuestionBank, Store, charts, paths
from coachkit.ui import ProgressView
from coachkit.ui.progress_view import (
    CHART_DENSITY,
    READY,
    _png,
    after_shown,
    chart_html,
    chart_placeholder_html,
)


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


def drained(later: Queue) -> None:
    """Run what the view leaves for later, and what that leaves, until nothing is left."""
    while later.tasks:
        later.run()


def test_the_first_paint_holds_the_charts_place_and_draws_them_after(
    bank: QuestionBank, store: Store
) -> None:
    """Shown at once: the numbers, the table and the delete list; the chart's place says
    it is being drawn. Its wide layout comes next, then its narrow and compact ones."""
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later, today=lambda: date(2026, 3, 4))
    first = view.images[0].value
    assert "Drawing your charts…" in first and 'aria-live="polite"' in first
    assert 'role="status"' in first and "<img" not in first and READY not in first
    assert not view.notes[0].value  # the words come with the picture
    assert "<b>4</b>" in view.summary.value and "Your 4 attempts" in view.table.value
    assert len(view.deleter.pick.options) == 4 and view.details.layout.display == ""
    assert len(later.tasks) == 1
    later.run()
    shown = view.images[0].value
    assert 'class="ck-chart-wide"' in shown and "ck-chart-narrow" not in shown
    assert READY not in shown and "Drawing your charts" not in shown
    assert "In words:" in view.notes[0].value
    assert len(later.tasks) == 1
    later.run()
    done = view.images[0].value
    assert 'class="ck-chart-narrow"' in done and 'class="ck-chart-compact"' in done
    assert f'class="ck-chart-box ck-chart-timeline {READY}"' in done
    assert view.errors.message is None


def test_the_placeholder_is_each_charts_own_shape(bank: QuestionBank, store: Store) -> None:
    """No jump as a chart replaces its placeholder in a wide view: the same aspect ratio,
    and the same width (the PNG's, over its density)."""
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    for index in range(len(view.images)):
        view.tabs.selected_index = index
        held = chart_placeholder_html(index)
        assert view.images[index].value == held
        drained(later)
        png = base64.b64decode(view.images[index].value.split("base64,", 1)[1].split('"', 1)[0])
        width = int.from_bytes(png[16:20], "big") / CHART_DENSITY
        height = int.from_bytes(png[20:24], "big") / CHART_DENSITY
        found = re.search(r"width: (\d+)px; .*aspect-ratio: (\d+) / (\d+)", held)
        assert found is not None
        wide, ratio_w, ratio_h = (int(g) for g in found.groups())
        assert abs(wide - width) <= 1 and abs(ratio_w / ratio_h - width / height) < 0.01


def test_filters_changed_before_the_charts_come_end_with_theirs(
    bank: QuestionBank, store: Store
) -> None:
    """A filter changed before the first chart is drawn, then again before its narrow
    and compact layouts: only the last filter's charts are drawn and shown."""
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    view.category.value = "behavioral"
    assert "Drawing your charts…" in view.images[0].value
    later.run()  # the first filter's is dropped; this one's wide layout is drawn
    assert 'class="ck-chart-wide"' in view.images[0].value
    view.window.value = 3
    assert "Drawing your charts…" in view.images[0].value
    drained(later)
    done = view.images[0].value
    assert READY in done
    narrow = _png(charts.trend_drawer(view.filtered, 3)("narrow"))
    assert base64.b64encode(narrow).decode("ascii") in done
    assert set(view.filtered["category"]) == {"behavioral"}


def test_a_tab_opened_draws_its_own_chart_later(bank: QuestionBank, store: Store) -> None:
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    view.tabs.selected_index = 1
    assert "Drawing your charts…" in view.images[1].value
    drained(later)
    assert all(READY in view.images[i].value for i in (0, 1))
    assert not view.images[2].value  # not opened: not drawn
    view.category.value = "behavioral"  # on tab 1: the trends go stale, drawn when opened
    drained(later)
    assert "Heatmap" in view.images[1].value and READY in view.images[1].value
    view.tabs.selected_index = 0
    assert "Drawing your charts…" in view.images[0].value
    drained(later)
    assert READY in view.images[0].value


def failing_drawer(monkeypatch: pytest.MonkeyPatch, failing_fit: str) -> None:
    """The trends chart fails to draw in the layout ``failing_fit``."""
    real = charts.drawer_of

    def failing(*args: Any, **kwargs: Any) -> charts.Drawer:
        draw = real(*args, **kwargs)

        def drawn(fit: charts.Fit = "wide") -> Figure:
            if fit == failing_fit:
                raise RuntimeError("out of memory drawing")
            return draw(fit=fit)

        return drawn

    monkeypatch.setattr(charts, "drawer_of", failing)


def test_a_chart_that_cannot_be_drawn_is_said_in_its_place(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Said where the chart goes, in words, no traceback; the rest of the view works on."""
    failing_drawer(monkeypatch, "wide")
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    drained(later)
    failed = view.images[0].value
    assert "This chart could not be drawn" in failed and "out of memory drawing" in failed
    assert 'role="alert"' in failed and "Traceback" not in failed and READY not in failed
    assert "Drawing your charts" not in failed
    assert view.errors.message is None  # said once, in its place
    assert "<b>4</b>" in view.summary.value and view.table.value
    view.tabs.selected_index = 1  # the other charts still draw
    drained(later)
    assert READY in view.images[1].value
    monkeypatch.undo()
    view.category.value = "behavioral"  # and this one once it can be
    drained(later)
    assert READY in view.images[1].value
    view.tabs.selected_index = 0
    drained(later)
    assert READY in view.images[0].value


def test_a_chart_that_failed_is_drawn_again_when_its_tab_is_shown_again(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure that passes (memory short for a moment) needs no Refresh: back on its
    tab, the chart is drawn; a chart drawn is not drawn again."""
    failing_drawer(monkeypatch, "wide")
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    drained(later)
    assert "show this tab again" in view.images[0].value
    monkeypatch.undo()
    view.tabs.selected_index = 1
    drained(later)
    drawn = view.images[1].value
    view.tabs.selected_index = 0
    drained(later)
    assert READY in view.images[0].value
    view.tabs.selected_index = 1
    assert not later.tasks and view.images[1].value == drawn


def test_a_failure_drawing_the_narrow_layouts_keeps_the_wide_one(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing_drawer(monkeypatch, "narrow")
    later = Queue()
    view = ProgressView(seeded_coach(bank, store), later=later)
    drained(later)
    shown = view.images[0].value
    assert 'class="ck-chart-wide"' in shown and READY not in shown
    assert "This chart could not be drawn" in shown and "out of memory drawing" in shown
    assert view.errors.message is None


def test_the_first_paint_imports_no_matplotlib(bank: QuestionBank) -> None:
    """Opened in a running loop, as a notebook cell runs: matplotlib loads once the cell
    is done, and the chart is drawn then; importing the view loads neither it nor pandas."""
    with Store(paths.db_path()) as saved:
        seeded_coach(bank, saved)
    code = (
        "import asyncio, sys\n"
        "import coachkit\n"
        "assert 'pandas' not in sys.modules and 'matplotlib' not in sys.modules\n"
        "from coachkit.ui import ProgressView\n"
        "assert 'matplotlib' not in sys.modules\n"
        "async def cell():\n"
        "    view = ProgressView()\n"
        "    print('matplotlib' in sys.modules, 'Drawing your charts' in view.images[0].value)\n"
        "    return view\n"
        "view = asyncio.run(cell())\n"
        "print('matplotlib' in sys.modules, 'ck-chart-ready' in view.images[0].value)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True", "True"], out.stderr


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
