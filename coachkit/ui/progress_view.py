"""The progress view: trends, heatmap, radar, streaks and the attempts table, filtered."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
from matplotlib.figure import Figure

from .. import charts, paths
from ..coach import Coach
from ..models import CATEGORIES, DIMENSIONS
from ..progress import charted, filter_attempts, streak, weakest_dimension
from ..rubric import dimension_brief
from .parts import (
    ErrorPanel,
    View,
    bank_notice,
    dropdown,
    header,
    html,
    root,
    row,
    show_bank_problems,
)
from .theme import DIMENSION_LETTERS

__all__ = ["ProgressView", "summary_html", "table_html"]

_CHARTS = ("Trends", "By category", "First vs latest", "Per day")
TABLE_ROWS = 50


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()


def summary_html(frame: pd.DataFrame, today: date | None = None) -> str:
    """The headline numbers as tiles: attempts, days, streaks, recent score, weakest dimension."""
    scored = charted(frame)
    run = streak(frame, today)
    recent = f"{scored['overall'].tail(5).mean():.0f}" if not scored.empty else "-"
    # Say which attempts the number covers: "recent" alone reads as the latest score.
    last = min(5, len(scored))
    recent_label = f"Overall, mean of last {last}" if last > 1 else "Overall, latest"
    weakest = weakest_dimension(frame)
    tiles = [
        ("Attempts", str(len(frame))),
        ("Days practised", str(run.days_practised)),
        ("Current streak", f"{run.current} day{'s' if run.current != 1 else ''}"),
        ("Best streak", f"{run.longest} day{'s' if run.longest != 1 else ''}"),
        (recent_label, f"{recent}<small>/100</small>" if recent != "-" else "-"),
        ("Weakest dimension", weakest.title() if weakest else "-"),
    ]
    body = "".join(
        f'<div class="ck-stat"><span class="ck-muted">{label}</span><b>{value}</b></div>'
        for label, value in tiles
    )
    advice = ""
    if weakest:
        # Read the dimension the way the user's most practised category reads it.
        category = str(scored["category"].mode().iloc[0]) if not scored.empty else "behavioral"
        brief = dimension_brief(category, weakest)  # type: ignore[arg-type]
        advice = (
            f'<p class="ck-note">Work on <b>{weakest.title()}</b> next: {escape(brief)}. '
            "The practice view's <i>Next up</i> picks a question for you.</p>"
        )
    flagged = int(frame["flagged"].sum())
    note = (
        f'<p class="ck-muted">{flagged} flagged attempt{"s" if flagged != 1 else ""} '
        "(text addressed to the grader) left out of the charts.</p>"
        if flagged
        else ""
    )
    return f'<div class="ck-html"><div class="ck-stats">{body}</div>{advice}{note}</div>'


def table_html(frame: pd.DataFrame, prompts: dict[str, str], limit: int = TABLE_ROWS) -> str:
    """The attempts, newest first; user-editable text is escaped."""
    head = "".join(f'<th class="ck-num">{DIMENSION_LETTERS[d]}</th>' for d in DIMENSIONS)
    rows = []
    for values in frame.iloc[::-1].head(limit).to_dict("records"):
        qid = str(values["question_id"])
        prompt = prompts.get(qid, qid)
        short = prompt if len(prompt) <= 70 else prompt[:69] + "…"
        cells = "".join(f'<td class="ck-num">{int(values[d])}</td>' for d in DIMENSIONS)
        flag = " ⚑" if values["flagged"] else ""
        when = values["created_at"].to_pydatetime().astimezone()
        rows.append(
            f"<tr><td>{when:%d %b %Y %H:%M}</td>"
            f'<td title="{escape(prompt)}">{escape(short)}</td>'
            f"<td>{escape(str(values['category']))}</td><td>{escape(str(values['scorer']))}</td>"
            f'<td class="ck-num"><b>{int(values["overall"])}</b>{flag}</td>{cells}</tr>'
        )
    more = len(frame) - limit
    tail = f'<p class="ck-muted">and {more} older attempts.</p>' if more > 0 else ""
    return (
        '<div class="ck-html"><table class="ck-table"><thead><tr><th>when</th><th>question</th>'
        f'<th>category</th><th>scorer</th><th class="ck-num">overall</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{tail}</div>"
    )


class ProgressView(View):
    """Charts and numbers over the saved attempts, with filters and "Save PNG"."""

    def __init__(
        self,
        coach: Coach | None = None,
        *,
        today: Callable[[], date] = date.today,
        charts_dir: Path | None = None,
    ) -> None:
        self.coach = coach or Coach()
        self.errors = ErrorPanel()
        self._today = today
        self._charts_dir = charts_dir
        self.frame = pd.DataFrame()
        self.filtered = pd.DataFrame()
        self.saved: Path | None = None
        self._stale: set[int] = set()
        self._build()
        self.errors.guard(self._start)()

    def _build(self) -> None:
        guard = self.errors.guard
        self.role = dropdown("Role", [("every role", "")], width="190px")
        self.category = dropdown(
            "Category", [("all", ""), *((c, c) for c in CATEGORIES)], width="210px"
        )
        picker = {"style": {"description_width": "initial"}, "layout": w.Layout(width="190px")}
        self.start = w.DatePicker(description="From", **picker)
        self.end = w.DatePicker(description="To", **picker)
        self.window = dropdown(
            "Rolling mean",
            [("3 attempts", 3), ("5 attempts", 5), ("10 attempts", 10)],
            5,
            width="190px",
        )
        self.refresh_button = w.Button(
            description="Refresh", icon="refresh", tooltip="Reload attempts from the store"
        )
        self.refresh_button.add_class("coachkit-refresh")
        self.save_button = w.Button(
            description="Save PNG", icon="download", tooltip="Save these charts as a PNG file"
        )
        self.save_button.add_class("coachkit-save-png")
        self.status = html("", "coachkit-status")
        self.summary = html("", "coachkit-summary", width="100%")
        self.images = [w.Image(format="png", layout=w.Layout(max_width="100%")) for _ in _CHARTS]
        self.tabs = w.Tab(children=self.images, layout=w.Layout(width="100%"))
        for index, title in enumerate(_CHARTS):
            self.tabs.set_title(index, title)
        self.tabs.add_class("coachkit-charts")
        self.table = html("", "coachkit-table", width="100%")
        self.details = w.VBox(
            [self.tabs, html("<h3>Attempts</h3>"), self.table], layout=w.Layout(width="100%")
        )

        for control in (self.role, self.category, self.start, self.end, self.window):
            control.observe(guard(self._on_filter), names="value")
        self.tabs.observe(guard(self._on_tab), names="selected_index")
        self.refresh_button.on_click(guard(lambda _b: self.refresh()))
        self.save_button.on_click(guard(self._on_save))
        self.bank_problems = bank_notice()

        self.root = root(
            "progress",
            [
                header("Progress", "how your STAR scores move over time"),
                self.bank_problems,
                row([self.role, self.category, self.start, self.end, self.window]),
                row([self.refresh_button, self.save_button, self.status]),
                self.errors.widget,
                self.summary,
                self.details,
            ],
        )

    def _start(self) -> None:
        show_bank_problems(self.bank_problems, self.coach.bank)
        self.role.options = [("every role", ""), *((r, r) for r in self.coach.bank.roles())]
        self.refresh()

    def refresh(self) -> None:
        """Reload the attempts (another notebook may have added some) and redraw."""
        self.errors.clear()
        self.frame = self.coach.progress()
        self._render()

    def _on_filter(self, _change: dict[str, Any]) -> None:
        self._render()

    def _render(self) -> None:
        if self.frame.empty:
            self.filtered = self.frame
            self.summary.value = (
                '<div class="ck-html ck-note"><b>No attempts yet.</b> Open '
                "<code>01_practice.ipynb</code>, answer a question and press <b>Score</b>: "
                "your charts start here.</div>"
            )
            self._show_details(False)
            return
        start, end = self.start.value, self.end.value
        if start and end and start > end:
            # Nothing of the previous filter stays on screen (or saved) as if it were this one.
            self.errors.show("The From date is after the To date: swap them.")
            self.filtered = self.frame.iloc[0:0]
            self.summary.value = ""
            self._show_details(False)
            return
        self.errors.clear()  # a date mistake just fixed
        self.filtered = filter_attempts(
            self.frame,
            role=self.role.value or None,
            category=self.category.value or None,
            start=start,
            end=end,
        )
        if self.filtered.empty:
            self.summary.value = (
                '<div class="ck-html ck-note">No attempts match these filters: widen the '
                "role, category or dates.</div>"
            )
            self._show_details(False)
            return
        self.summary.value = summary_html(self.filtered, self._today())
        # Charts are drawn when their tab is shown: a filter change redraws one, not four.
        self._stale = set(range(len(_CHARTS)))
        self._draw(self.tabs.selected_index or 0)
        prompts = {q.id: q.prompt for q in self.coach.bank}
        self.table.value = table_html(self.filtered, prompts)
        self._show_details(True)

    def _on_tab(self, change: dict[str, Any]) -> None:
        if change["new"] is not None:
            self._draw(change["new"])

    def _draw(self, index: int) -> None:
        if index not in self._stale or self.filtered.empty:
            return
        data = self.filtered
        if index == 0:
            figure = charts.dimension_trends(data, int(self.window.value))
        elif index == 1:
            figure = charts.category_heatmap(data)
        elif index == 2:
            figure = charts.radar(data)
        else:
            figure = charts.daily_activity(data)
        self.images[index].value = _png(figure)
        self._stale.discard(index)

    def _show_details(self, visible: bool) -> None:
        self.details.layout.display = "" if visible else "none"
        self.save_button.disabled = not visible

    def _on_save(self, _button: w.Button) -> None:
        if self.filtered.empty:
            self.errors.show("There is nothing to chart yet: score an answer first.")
            return
        folder = self._charts_dir or paths.home() / "charts"
        path = folder / f"progress-{datetime.now():%Y%m%d-%H%M%S}.png"
        self.saved = charts.save(charts.dashboard(self.filtered, int(self.window.value)), path)
        self.status.value = f'<span class="ck-muted">Saved {escape(str(self.saved))}</span>'
