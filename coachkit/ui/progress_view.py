"""The progress view: trends, heatmap, radar, streaks and the attempts table, filtered;
and a way to delete one saved attempt."""

from __future__ import annotations

import asyncio
import base64
import io
from collections.abc import Callable, Hashable, Mapping
from datetime import date, datetime
from functools import partial
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import ipywidgets as w
import pandas as pd

# matplotlib, and charts with it (~0.4 s to import), load once the view is on the page:
# its first paint waits for neither (see ``ProgressView._draw``).
from .. import chartnotes, paths
from ..coach import Coach
from ..errors import CorruptDatabaseError, DatabaseBusyError, StoreError
from ..figures import shown
from ..models import CATEGORIES, DIMENSIONS, SHORT_ID, Attempt, Category
from ..progress import charted, compared, filter_attempts, streak, weakest_dimension
from ..rubric import dimension_brief, flag_labels
from ..store import AttemptsRead, Deleted
from .live import FOCUS_CLASS
from .parts import (
    PARTLY,
    ErrorPanel,
    View,
    bank_notice,
    button,
    checked,
    download_link,
    dropdown,
    header,
    html,
    live_html,
    readable,
    reported_by_sqlite,
    root,
    row,
    show_bank_problems,
    show_store_problem,
    show_store_warning,
    status_html,
    store_notice,
)
from .start import stat_columns
from .theme import DIMENSION_LETTERS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..charts import Drawer

__all__ = [
    "DeleteSection",
    "ProgressView",
    "attempt_label",
    "chart_failed_html",
    "chart_html",
    "chart_placeholder_html",
    "chosen_html",
    "summary_html",
    "table_html",
]

_CHARTS = ("Trends", "By category", "First vs latest", "Per day")
# Each picture's alt text: what it is, briefly; its numbers are in the words beneath it.
_CHART_NAMES = (
    "Chart of your STAR scores over time",
    "Heatmap of your mean score by category and dimension",
    "Radar chart of your first and latest STAR scores",
    "Chart of your attempts per day",
)
# Each chart's own size in inches (its wide layout, as charts.py draws it): the box that
# holds its place until it is drawn is as big, so nothing below it moves when it comes.
_CHART_INCHES = ((9.0, 4.0), (7.0, 3.5), (5.0, 4.2), (7.0, 3.0))
TABLE_ROWS = 50
# Rows that fit the table's 440 px box at 1280 px (a one-line row is 29 px): with more,
# its caption says it scrolls.
SCROLLS_PAST = 12
EXCERPT = 120  # characters of the answer the delete confirmation quotes


# Image pixels to each CSS pixel: at 200% zoom or on a HiDPI screen, a chart drawn one to
# one was stretched and blurred. Its size on the page is the same (96 CSS px an inch).
CHART_DENSITY = 2


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # On no background of its own, a chart sits on the view's: drawn on white, the dark
    # theme's inverted chart was a box of #1F1F1F on Voila's #212121 panel (see theme.py).
    figure.savefig(buffer, format="png", dpi=96 * CHART_DENSITY, transparent=True)
    return buffer.getvalue()


# The least share of its own size a chart is drawn at: its 13 px labels stay 8.6 px or
# more (17 on the screen at 200% zoom). Fitted to any width, it shrank to half at 200%
# zoom, and zooming in never made its words bigger; below this it scrolls sideways
# instead. Small enough that in an 800 px window the trend chart still fits whole.
CHART_MIN_SCALE = 0.65


def chart_html(
    png: bytes,
    name: str,
    narrow: bytes | None = None,
    *,
    compact: bytes | None = None,
    timeline: bool = False,
    pending: bool = False,
) -> str:
    """A chart as an image with alt text (a screen reader said only "image" before), as
    wide as the view allows down to ``CHART_MIN_SCALE`` of its own width (the PNG's
    width over ``CHART_DENSITY``); with ``narrow`` (the chart laid out narrow), that one
    in a view too narrow for the first, and ``compact`` in one too narrow for that (the
    stylesheet picks: see ``theme.py``).
    ``timeline``: its newest is on the right, so a narrow chart wider than its box opens
    scrolled to its right end. ``pending``: its other layouts are still to come; without
    it the box is marked ``READY`` (what the browser tests and screenshots wait for)."""
    pictures = [_img(png, name, "ck-chart-wide")]
    if narrow is not None:
        pictures.append(_img(narrow, name, "ck-chart-narrow"))
    if compact is not None:
        pictures.append(_img(compact, name, "ck-chart-compact"))
    kind = "ck-chart-box ck-chart-timeline" if timeline else "ck-chart-box"
    if not pending:
        kind += f" {READY}"
    # The box is the container the stylesheet queries, the one inside scrolls: a container
    # query cannot restyle the container itself.
    return f'<div class="{kind}"><div class="ck-chart-scroll">{"".join(pictures)}</div></div>'


def chart_placeholder_html(index: int) -> str:
    """Where chart ``index`` goes, until it is drawn just after the view is shown: a line
    a screen reader reads out when it is quiet, in a box of the chart's own shape."""
    wide, high = (round(96 * inches) for inches in _CHART_INCHES[index])
    shape = (
        f"width: {wide}px; max-width: 100%; aspect-ratio: {wide} / {high}; "
        "display: flex; align-items: center; justify-content: center; "
        "border: 1px dashed currentColor; box-sizing: border-box"
    )
    return (
        '<div class="ck-chart-box ck-chart-pending">'
        f'<div class="ck-muted ck-chart-placeholder" role="status" aria-live="polite" '
        f'style="{shape}">Drawing your charts…</div></div>'
    )


def chart_failed_html(exc: BaseException, drawn: str = "") -> str:
    """A chart that could not be drawn, said in its place (``drawn``: what of it was, kept
    above the message); the rest of the view works on."""
    return (
        f'{drawn}<div class="ck-warn ck-chart-failed" role="alert"><p>This chart could not '
        f"be drawn. {escape(readable(exc))}</p><p>The numbers above and the attempts below "
        "are as saved; show this tab again, or press <b>Refresh</b>, to draw it again.</p></div>"
    )


# On a chart box once every layout of its chart is in: until then a narrow view shows the
# wide one (see ``ProgressView._draw``).
READY = "ck-chart-ready"

Later = Callable[[Callable[[], None]], None]
"""Runs a task once the view is on the page (see ``after_shown``)."""


def after_shown(task: Callable[[], None]) -> None:
    """Run ``task`` once the kernel is free again: by then the cell's output, the view,
    has been sent (ipykernel and Voila run cells on an asyncio loop, and a callback on it
    runs once the cell is done). Outside a running loop (a script, a test), at once."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        task()
        return
    loop.call_soon(task)


def _img(png: bytes, name: str, kind: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    alt = escape(f"{name}; told in words below it")
    width = int.from_bytes(png[16:20], "big") // CHART_DENSITY  # from the PNG's header
    return (
        f'<img src="data:image/png;base64,{data}" class="{kind}" alt="{alt}" '
        f'width="{width}" style="min-width: {round(width * CHART_MIN_SCALE)}px; '
        'max-width: 100%; height: auto">'
    )


WEAKEST_OF = 10  # attempts the Weakest dimension tile is the mean of


def summary_html(frame: pd.DataFrame, today: date | None = None) -> str:
    """The headline numbers as tiles: attempts, days, streaks, recent score, weakest
    dimension; the scores, with several scorers, the latest one's (said, with why)."""
    scored = charted(frame)
    run = streak(frame, today)
    # Scorers grade differently (an LLM's 50 may be the offline scorer's 15): a mean
    # across them is neither's, so the score tiles take the latest scorer's attempts,
    # as first vs latest does.
    own, scorer = compared(frame)
    recent = shown(own["overall"].tail(5).mean()) if not own.empty else "-"
    # Say which attempts the number covers: "recent" alone reads as the latest score.
    last = min(5, len(own))
    by = f" by {escape(scorer)}" if scorer else ""
    # "last&nbsp;5" kept together: in three columns at 640 px the 5 wrapped onto a line alone.
    recent_label = f"Overall, mean of last&nbsp;{last}{by}" if last > 1 else f"Overall, latest{by}"
    weakest = weakest_dimension(own, WEAKEST_OF)
    # Its attempts said too: the trends' "Lowest now" is of another window, and may name
    # another dimension.
    of = min(WEAKEST_OF, len(own))
    weakest_label = f"Weakest dimension, last&nbsp;{of}{by}" if of > 1 else f"Weakest dimension{by}"
    tiles = [
        ("Attempts", str(len(frame))),
        ("Days practised", str(run.days_practised)),
        ("Current streak", f"{run.current} day{'s' if run.current != 1 else ''}"),
        ("Best streak", f"{run.longest} day{'s' if run.longest != 1 else ''}"),
        (recent_label, f"{recent}<small>/100</small>" if recent != "-" else "-"),
        (weakest_label, weakest.title() if weakest else "-"),
    ]
    body = "".join(
        f'<div class="ck-stat"><span class="ck-muted">{label}</span><b>{value}</b></div>'
        for label, value in tiles
    )
    advice = ""
    if weakest:
        # Read the dimension the way the user's most practised category reads it.
        mode = str(scored["category"].mode().iloc[0]) if not scored.empty else "behavioral"
        brief = dimension_brief(cast(Category, mode), weakest)
        advice = (
            f'<p class="ck-note">Work on <b>{weakest.title()}</b> next. It means '
            f"{escape(brief)}. "
            "The practice view's <i>Next up</i> picks a question for you.</p>"
        )
    others = len(scored) - len(own)
    left_out = (
        f'<p class="ck-muted">Overall and weakest dimension are of your {len(own):,} '
        f"attempt{'s' if len(own) != 1 else ''} scored by {escape(str(scorer))}, your latest "
        f"scorer; the {others:,} scored by other scorers are left out, as scorers grade "
        "differently (pick one under <b>Scorer</b> to see its own).</p>"
        if scorer
        else ""
    )
    flagged = int(frame["flagged"].sum())
    note = (
        f'<p class="ck-muted">{flagged} flagged attempt{"s" if flagged != 1 else ""} '
        "(text addressed to the grader) left out of the score charts; the attempts per day "
        "count them as practice.</p>"
        if flagged
        else ""
    )
    # Even rows, as Start here's: flex wrapped them by their own widths, 5 + 1 at 1280 px,
    # 3 + 2 + 1 at 640 and one a row at uneven widths beside JupyterLab's file browser.
    # ck-stats-whole: its values never break inside a word (theme.py).
    columns = stat_columns(len(tiles))
    grid = f'class="ck-stats ck-stats-even ck-stats-whole" style="--ck-stat-columns: {columns}"'
    return f'<div class="ck-html"><div {grid}>{body}</div>{left_out}{advice}{note}</div>'


def table_html(frame: pd.DataFrame, prompts: dict[str, str], limit: int = TABLE_ROWS) -> str:
    """The attempts, newest first; user-editable text is escaped."""
    head = "".join(f'<th class="ck-num">{DIMENSION_LETTERS[d]}</th>' for d in DIMENSIONS)
    rows = []
    for values in frame.iloc[::-1].head(limit).to_dict("records"):
        qid = str(values["question_id"])
        prompt = prompts.get(qid, qid)
        short = prompt if len(prompt) <= 70 else prompt[:69] + "…"
        # Each figure names its column (data-label): on a phone a row is stacked, its
        # header out of sight (theme.py).
        cells = "".join(
            f'<td class="ck-num ck-dim" data-label="{DIMENSION_LETTERS[d]}">{int(values[d])}</td>'
            for d in DIMENSIONS
        )
        # And as one group, shown in their place on a phone (theme.py): as four cells of
        # their own they wrapped apart, "S 4" ending one line and "T 4 A 5 R 5" the next.
        star = "".join(
            f'<span class="ck-star-part"><span class="ck-star-letter">{DIMENSION_LETTERS[d]}'
            f"</span> {int(values[d])}</span>"
            for d in DIMENSIONS
        )
        flag = " ⚑" if values["flagged"] else ""
        # What holds the overall down, named: "45" beside S4 T4 A5 R5 reads as a fault.
        held = str(values.get("held") or "")
        why = (
            f'<br><small class="ck-muted">overall held down: {escape(flag_labels(held.split(",")))}'
            "</small>"
            if held
            else ""
        )
        when = values["created_at"].to_pydatetime().astimezone()
        rows.append(
            f"<tr><td>{when:%d %b %Y %H:%M}</td>"
            f'<td title="{escape(prompt)}">{escape(short)}{why}</td>'
            f'<td data-label="category">{escape(str(values["category"]))}</td>'
            f'<td data-label="scorer">{escape(str(values["scorer"]))}</td>'
            f'<td class="ck-num" data-label="overall"><b>{int(values["overall"])}</b>{flag}</td>'
            f'{cells}<td class="ck-star-group">{star}</td></tr>'
        )
    more = len(frame) - limit
    tail = f'<p class="ck-muted">and {more} older attempts.</p>' if more > 0 else ""
    attempts = f"attempt{'s' if len(frame) != 1 else ''}"
    which = (
        f"The newest {len(rows)} of your {len(frame):,} {attempts}"
        if more > 0
        else f"Your {len(rows)} {attempts}"
    )
    # The box is capped in height (theme.py) and ended mid-row with no sign that it
    # scrolls: said above it. Focusable and named, so keyboard users can scroll it too.
    scrolls = (
        "; the table scrolls (Tab to it, then the arrow keys)" if len(rows) > SCROLLS_PAST else ""
    )
    return (
        f'<div class="ck-html"><p class="ck-muted ck-table-caption">{which}, newest first'
        f"{scrolls}.</p>"
        f'<div class="ck-scroll ck-table-box" tabindex="0" role="region" '
        f'aria-label="Attempts table: {which.lower()}, newest first">'
        '<table class="ck-table ck-attempts-table">'
        "<thead><tr><th>when</th><th>question</th>"
        f'<th>category</th><th>scorer</th><th class="ck-num">overall</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{tail}</div>"
    )


def _local(when: datetime) -> str:
    """A saved time as the user reads it: in their own time zone, like the table."""
    return f"{when.astimezone():%Y-%m-%d %H:%M}"


def _excerpt(answer: str, limit: int = EXCERPT) -> str:
    text = " ".join(answer.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def attempt_label(values: Mapping[Hashable, Any]) -> str:
    """An attempts-frame row as the delete list names it: id · when · question · overall.

    The id first: it tells two attempts apart, and at the end it was cut off in the
    box's 190 px beside JupyterLab's file browser."""
    when = _local(values["created_at"].to_pydatetime())
    ident = str(values["attempt_id"])[:SHORT_ID]
    flag = " ⚑" if values.get("flagged") else ""  # as the table marks it
    return f"{ident} · {when} · {values['question_id']} · {int(values['overall'])}/100{flag}"


def chosen_html(label: str) -> str:
    """The attempt chosen in the delete list, its ``attempt_label`` whole, for a narrow
    view (theme.py shows it there): on a phone the list's box cut it at the question,
    its score out of sight until Delete… was pressed. Lines break between its parts."""
    if not label:
        return ""
    # Each part a box of its own (theme.py), moved whole onto the next line: beside the
    # files lines began "· imbalanced-…", or broke the date at its hyphens.
    *first, last = (escape(part) for part in label.split(" · "))
    parts = " ".join([*(f"<span>{part} ·</span>" for part in first), f"<span>{last}</span>"])
    # Hidden from screen readers: it says again what the list's own value says.
    return f'<p class="ck-delete-chosen" aria-hidden="true">Chosen: {parts}</p>'


def confirm_html(attempt: Attempt, prompt: str) -> str:
    """What the user is asked before an attempt goes: which one, and that it is final."""
    return (
        '<div class="ck-warn" role="alert">'
        f"<p><b>Delete your attempt from {_local(attempt.created_at)} "
        f"({attempt.overall}/100)?</b></p>"
        f"<p>{escape(prompt)}</p>"
        f'<p class="ck-muted">“{escape(_excerpt(attempt.answer))}”</p>'
        "<p><b>This cannot be undone.</b> Any LLM score cached for it goes too.</p></div>"
    )


def deleted_message(attempt: Attempt, deleted: Deleted) -> str:
    """The one line said once an attempt is gone."""
    cached = deleted.cached_scores
    also = f" (and {cached} cached LLM score{'s' if cached != 1 else ''} of it)" if cached else ""
    return f"Deleted the attempt at {attempt.question_id} from {_local(attempt.created_at)}{also}."


Writable = Callable[[CorruptDatabaseError | None], bool]
"""Whether the database may be written now, read again first (after a write that failed
on damage, given): if not, the view has said why (see ``ProgressView._writable``)."""


class DeleteSection:
    """Below the table: pick one of the attempts shown and delete it, once confirmed.

    ``refresh`` reloads the whole view after a deletion; ``writable`` is asked before
    each, so that nothing is deleted from a file damaged since the view last read it.
    Failures are said in the section's own panel, beside the buttons: the view's is far
    above, out of sight.
    """

    def __init__(
        self,
        coach: Coach,
        refresh: Callable[[], None],
        writable: Writable = lambda _found: True,
    ) -> None:
        self.coach = coach
        self.errors = ErrorPanel()
        self._refresh = refresh
        self._writable = writable
        self.pending: Attempt | None = None  # the attempt the open confirmation names
        self._damaged = False  # the database is damaged in part: nothing is deleted
        self._listing = False  # the list is being refilled: a pick that is not the user's
        self._build()
        self.show(pd.DataFrame())  # nothing listed until the view has loaded attempts

    def _build(self) -> None:
        guard = self.errors.guard
        # As wide as its longest attempt ("... · imbalanced-classification-metrics · ..."):
        # a fixed 560 px cut such ids short.
        self.pick = dropdown("Attempt", [("", "")])
        self.pick.add_class("coachkit-delete-pick")
        self.ask_button = button(
            "Delete…",
            "coachkit-delete",
            icon="trash",
            tooltip="Delete the chosen attempt (asks first)",
        )
        self.note = html("", "ck-muted")
        self.chosen = html("", "coachkit-delete-chosen", width="100%")
        self.older = html("", "ck-muted", width="100%")
        self.older.add_class("coachkit-delete-older")
        self.question = html("", width="100%")
        self.confirm_button = button(
            "Delete for good", "coachkit-delete-confirm", icon="trash", style="danger"
        )
        self.cancel_button = button("Cancel", "coachkit-delete-cancel")
        self.confirm = w.VBox(
            [self.question, row([self.confirm_button, self.cancel_button])],
            layout=w.Layout(width="100%", display="none"),
        )
        self.confirm.add_class("coachkit-delete-confirmation")
        self.status = live_html("coachkit-delete-status", width="100%")
        self.status.add_class(FOCUS_CLASS)  # where focus goes once Delete… is disabled

        self.pick.observe(self._picked, names="value")
        self.ask_button.on_click(guard(self._ask))
        self.confirm_button.on_click(guard(self._delete))
        self.cancel_button.on_click(guard(self._on_cancel))
        self.widget = w.VBox(
            [
                html("<h4>Delete an attempt</h4>"),
                row([self.pick, self.ask_button, self.note]),
                self.chosen,
                self.older,
                self.errors.widget,
                self.confirm,
                self.status,
            ],
            layout=w.Layout(width="100%"),
        )
        self.widget.add_class("coachkit-delete-section")

    def show(
        self,
        frame: pd.DataFrame,
        limit: int = TABLE_ROWS,
        *,
        unreadable: bool = False,
        damaged: bool = False,
    ) -> None:
        """List the newest ``limit`` of ``frame``'s attempts, newest first (those the table
        shows), keeping the pick if it is still there; ``unreadable``: none can be listed,
        as the database cannot be read; ``damaged``: it is in part, so none is deleted
        (nothing is written to it)."""
        self.hide()
        self._damaged = damaged
        picked = self.pick.value
        # All of them made a dropdown of thousands, no use to anyone (and slow to fill):
        # an older attempt is reached by narrowing the filters, as the table's are.
        options = [
            (attempt_label(values), str(values["attempt_id"]))
            for values in frame.tail(limit).iloc[::-1].to_dict("records")
        ]
        self._listing = True
        try:
            self.pick.options = options
            # New options leave no pick (a blank box, and a Delete… that does nothing):
            # keep the one picked while it is listed, else the newest.
            if any(value == picked for _label, value in options):
                self.pick.value = picked
            elif options:
                self.pick.value = options[0][1]
        finally:
            self._listing = False
        self.chosen.value = chosen_html((self.pick.label or "") if options else "")
        self.pick.disabled = self.ask_button.disabled = not options or damaged
        # Empty, the box was a blank ~30 px frame with only its arrow: the note says why.
        self.pick.layout.display = "" if options else "none"
        self.note.value = (
            "Nothing can be deleted while the database cannot be read."
            if unreadable
            else "Nothing can be deleted while the database is damaged (see the top)."
            if damaged
            else ""
            if options
            else "Nothing to delete: no attempts are shown."
        )
        self.older.value = (
            f"The list holds the newest {limit} of these {len(frame):,} attempts, as the "
            "table does: to delete an older one, narrow the dates or category above."
            if len(frame) > limit
            else ""
        )

    def _picked(self, _change: object) -> None:
        """The confirmation names one attempt: picking another withdraws it. The last
        deletion's status goes too once the user moves on, but not when the list is
        refilled after that deletion, which is when it must be read."""
        self.hide()
        self.chosen.value = chosen_html(self.pick.label or "")
        if not self._listing:
            self.status.value = ""

    def hide(self) -> None:
        """Close the confirmation; nothing is deleted."""
        self.pending = None
        self.question.value = ""
        self.confirm.layout.display = "none"

    def _on_cancel(self, _button: w.Button) -> None:
        self.hide()
        self._refocus()

    def _refocus(self) -> None:
        """Focus back on Delete…: the confirmation's buttons, focus with them, are hidden.
        With the last attempt gone Delete… is disabled, which takes no focus: focus goes
        to the status line saying what was deleted, not to the page's top."""
        (self.status if self.ask_button.disabled else self.ask_button).focus()

    def _ask(self, _button: w.Button) -> None:
        if not self.pick.value or self._damaged:  # click() fires on a disabled button too
            return
        self.status.value = ""
        self.errors.clear()
        if not self._writable(None):  # damaged since it was read: the view says so now
            return
        # Read it afresh: the answer to quote, and whether it is still saved at all.
        try:
            attempt = self.coach.store.get_attempt(self.pick.value)
        except CorruptDatabaseError as exc:
            if self._writable(exc):
                raise  # that attempt's row alone: said, and another may be deleted
            return
        if attempt is None:
            self._gone_elsewhere()
            return
        bank = self.coach.bank
        prompt = bank.get(attempt.question_id).prompt if attempt.question_id in bank else ""
        self.question.value = confirm_html(attempt, prompt or attempt.question_id)
        self.confirm.layout.display = ""
        self.pending = attempt

    def _not_deleted(self) -> None:
        """The database was found damaged at the delete: nothing is written to it."""
        self.hide()
        self.errors.clear()
        self.status.value = (
            '<p role="status">Nothing was deleted: the database has the problem said at the '
            "top, and nothing is written to it until it is put right.</p>"
        )

    def _gone_elsewhere(self) -> None:
        """The attempt picked was deleted meanwhile (another notebook, the CLI): a note,
        not an error, and the view as it now is."""
        self._refresh()
        self.status.value = (
            '<p role="status">That attempt was already deleted elsewhere; the list is up '
            "to date now.</p>"
        )

    def _delete(self, _button: w.Button) -> None:
        attempt = self.pending
        if attempt is None:  # a second click queued behind the first
            return
        if not self._writable(None):  # damaged since the question was asked
            self._not_deleted()
            return
        if self.coach.store.get_attempt(attempt.id) is None:  # asked, then deleted elsewhere
            self.hide()
            self._gone_elsewhere()
            return
        # A CoachkitError (read-only or busy database) reaches the guard, which shows it;
        # the confirmation stays open so the user can try again.
        try:
            deleted = self.coach.delete_attempts([attempt.id])
        except CorruptDatabaseError as exc:
            if self._writable(exc):
                raise
            self._not_deleted()  # rolled back: the file is as it was
            return
        self.errors.clear()
        self.hide()
        # Said before the reload, so a failure to reload cannot hide that it is gone.
        self.status.value = f'<p role="status">{escape(deleted_message(attempt, deleted))}</p>'
        self._refresh()
        self._refocus()


class ProgressView(View):
    """Charts and numbers over the saved attempts, with filters and "Save PNG"."""

    def __init__(
        self,
        coach: Coach | None = None,
        *,
        today: Callable[[], date] = date.today,
        charts_dir: Path | None = None,
        later: Later = after_shown,
    ) -> None:
        self.coach = coach or Coach()
        self._later = later
        self.errors = ErrorPanel()
        self._today = today
        self._charts_dir = charts_dir
        self.frame = pd.DataFrame()
        self.filtered = pd.DataFrame()
        self.saved: Path | None = None
        self._stale: set[int] = set()
        # Counts the renders: layouts drawn later for an older one are not shown.
        self._generation = 0
        self._problem: StoreError | None = None  # why the database cannot be read, if so
        self._damaged = False  # it is damaged in part: what can be read is shown, no delete
        self._build()
        self.errors.guard(self._start)()

    def _build(self) -> None:
        guard = self.errors.guard
        # As wide as their widest option: a fixed width showed "5 attempt", and cut roles.
        self.role = dropdown("Role", [("every role", "")], width="auto")
        self.category = dropdown(
            "Category", [("all", ""), *((c, c) for c in CATEGORIES)], width="210px"
        )
        # Shown with two scorers or more (see _list_scorers): the score tiles, heatmap and
        # radar take the latest one's attempts, and this shows another's.
        self.scorer = dropdown("Scorer", [("every scorer", "")], width="auto")
        self.scorer.add_class("coachkit-scorer")
        self.scorer.layout.display = "none"
        self._listing = False  # the scorers are being listed: no pick of the user's
        picker = {"style": {"description_width": "initial"}, "layout": w.Layout(width="190px")}
        self.start = w.DatePicker(description="From", **picker)
        self.end = w.DatePicker(description="To", **picker)
        self.window = dropdown(
            "Rolling mean",
            [("3 attempts", 3), ("5 attempts", 5), ("10 attempts", 10)],
            5,
            width="auto",
        )
        self.refresh_button = button(
            "Refresh", "coachkit-refresh", icon="refresh", tooltip="Reload attempts from the store"
        )
        self.save_button = button(
            "Save PNG",
            "coachkit-save-png",
            icon="download",
            tooltip="Save these charts as a PNG file",
        )
        self.status = live_html("coachkit-status")
        self.summary = html("", "coachkit-summary", width="100%")
        # An <img> in HTML, not an Image widget: that has no alt text, and setting its
        # tooltip instead breaks its view (ipywidgets reads a description it lacks).
        self.images = [html("", "coachkit-chart", width="100%") for _ in _CHARTS]
        # An image has no words for a screen reader, or exact numbers for anyone: each
        # chart is told in words beneath it.
        self.notes = [html("", "coachkit-chart-note", width="100%") for _ in _CHARTS]
        pages = [w.VBox(pair) for pair in zip(self.images, self.notes, strict=True)]
        self.tabs = w.Tab(children=pages, layout=w.Layout(width="100%"))
        for index, title in enumerate(_CHARTS):
            self.tabs.set_title(index, title)
        self.tabs.add_class("coachkit-charts")
        self.table = html("", "coachkit-table", width="100%")
        self.details = w.VBox(
            [self.tabs, html("<h3>Attempts</h3>"), self.table], layout=w.Layout(width="100%")
        )

        for control in (
            self.role,
            self.category,
            self.scorer,
            self.start,
            self.end,
            self.window,
        ):
            control.observe(guard(self._on_filter), names="value")
        self.tabs.observe(guard(self._on_tab), names="selected_index")
        self.refresh_button.on_click(guard(self._on_refresh))
        self.save_button.on_click(guard(self._on_save))
        self.bank_problems = bank_notice()
        self.store_problem = store_notice()
        self.deleter = DeleteSection(self.coach, self.refresh, self._writable)
        # In even columns (theme.py): wrapped by their own widths, Rolling mean stood on a
        # line of its own at 1280 px.
        filters = row([self.role, self.category, self.scorer, self.start, self.end, self.window])
        filters.add_class("coachkit-filters")

        self.root = root(
            "progress",
            [
                header("Progress", "how your STAR scores move over time"),
                self.store_problem,
                self.bank_problems,
                filters,
                row([self.refresh_button, self.save_button, self.status]),
                self.errors.widget,
                self.summary,
                self.details,
                self.deleter.widget,
            ],
        )

    def _start(self) -> None:
        show_bank_problems(self.bank_problems, self.coach.bank)
        self.role.options = [("every role", ""), *((r, r) for r in self.coach.bank.roles())]
        self.refresh()

    def _on_refresh(self, _button: w.Button) -> None:
        """Refresh pressed: what was said of an earlier save or deletion is done with."""
        self.status.value = ""
        self.deleter.status.value = ""
        self.refresh()

    def refresh(self) -> None:
        """Reload the attempts (another notebook may have added some) and redraw."""
        self.errors.clear()
        self._show_read(*self._read())

    def _read(self) -> tuple[AttemptsRead, StoreError | None]:
        """The attempts as the view reads them (checked: nothing is deleted from a file
        damaged where they are not), or why the database cannot be read."""
        try:
            return checked(self.coach.store, self.coach.read_history()), None
        except StoreError as exc:  # damaged, or a newer coachkit's: said at the top
            return AttemptsRead(), exc

    def _writable(self, found: CorruptDatabaseError | None) -> bool:
        """Whether the database may be written now (``found``: a write just failed on
        damage). It is read again as Refresh reads it; if that finds it damaged, or cannot
        read it, or SQLite itself found the damage, the view shows it as Refresh would."""
        read, problem = self._read()
        if isinstance(problem, DatabaseBusyError):
            raise problem  # held by another program for now: said beside the buttons
        damage = found if found is not None and reported_by_sqlite(found) else None
        if problem is None and not read.damaged and damage is None:
            return True  # the view is left as it is: redrawn, the charts would flicker
        self.errors.clear()
        self._show_read(read, problem, damage)
        return False

    def _show_read(
        self,
        read: AttemptsRead,
        problem: StoreError | None,
        damage: CorruptDatabaseError | None = None,
    ) -> None:
        """Show what was read (``problem``: why nothing could be); ``damage``, found by a
        write in pages the read does not go through, makes it a file damaged in part."""
        self._problem = problem
        self.frame = pd.DataFrame() if problem is not None else self.coach.progress(read.attempts)
        self._damaged = problem is None and (read.damaged or damage is not None)
        if self._damaged:
            show_store_problem(
                self.store_problem,
                read.warning if read.damaged else damage,
                "The charts and attempts below are those that can be read. Nothing here "
                "writes to the file until it is put right, so none can be deleted: a write "
                "into a damaged file can fail halfway or spread the damage. Once it is put "
                "right, press <b>Refresh</b>.",
                headline=PARTLY,
            )
        elif read.warning:
            show_store_warning(self.store_problem, read.warning)
        else:
            show_store_problem(
                self.store_problem,
                problem,
                "Your charts and attempts cannot be shown, and none can be deleted, until it "
                "is fixed; nothing here changes the file. Once it is fixed, press "
                "<b>Refresh</b> (after updating coachkit, restart the kernel and run this "
                "notebook again).",
            )
        self._list_scorers()
        self._render()

    def _list_scorers(self) -> None:
        """Offer each scorer of the attempts read, keeping the one picked while it is
        there; hidden with fewer than two, when there is nothing to choose."""
        names = [str(n) for n in self.frame["scorer"].unique()] if "scorer" in self.frame else []
        picked = self.scorer.value if self.scorer.value in names else ""
        self._listing = True
        try:
            self.scorer.options = [("every scorer", ""), *((name, name) for name in names)]
            self.scorer.value = picked
        finally:
            self._listing = False
        self.scorer.layout.display = "" if len(names) > 1 else "none"

    def _on_filter(self, _change: dict[str, Any]) -> None:
        if not self._listing:  # a refresh renders once the scorers are listed
            self._render()

    def _render(self) -> None:
        self._generation += 1  # what is still to be drawn of the last render is not shown
        if self._problem is not None:
            # No "No attempts yet": there may be many, unreadable for now.
            self.filtered = self.frame
            self.summary.value = ""
            self._show_details(False)
            self.deleter.show(self.filtered, unreadable=True)
            return
        self._render_filtered()
        self.deleter.show(self.filtered, damaged=self._damaged)

    def _render_filtered(self) -> None:
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
            scorer=self.scorer.value or None,
        )
        if self.filtered.empty:
            # The scorer is named only when one is picked: the list is hidden otherwise.
            what = (
                "role, category, scorer or dates"
                if self.scorer.value
                else "role, category or dates"
            )
            self.summary.value = (
                '<div class="ck-html ck-note">No attempts match these filters: widen the '
                f"{what}.</div>"
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
        """Hold chart ``index``'s place, and draw it once the view is on the page: the
        first paint waits neither for matplotlib's import nor for a chart."""
        if index not in self._stale or self.filtered.empty:
            return
        self.images[index].value = chart_placeholder_html(index)
        self.notes[index].value = ""
        self._stale.discard(index)
        generation = self._generation
        self._later(partial(self._draw_wide, index, generation))

    def _draw_wide(self, index: int, generation: int) -> None:
        """Chart ``index``'s wide layout and its words; the narrow and compact ones next."""
        if generation != self._generation:
            return  # the filters changed since: drawn anew from the new ones
        try:
            draw, note = self._drawer(index)
            wide = _png(draw(fit="wide"))
        except Exception as exc:  # said in the chart's place: the rest of the view works
            self._failed(index, chart_failed_html(exc))
            return
        # The wide layout first, shown at once (the stylesheet shows it in any width until
        # the others come); the narrow and compact ones (about 0.4 s of the trends' 0.6 at
        # 2,000 attempts) next.
        timeline = index in (0, 3)  # trends and per day: the newest on the right
        shown = chart_html(wide, _CHART_NAMES[index], timeline=timeline, pending=True)
        self.images[index].value = shown
        self.notes[index].value = f'<p class="ck-html ck-muted">In words: {escape(note)}</p>'

        def rest() -> None:
            if generation != self._generation:
                return
            try:
                narrow, compact = (_png(draw(fit=fit)) for fit in ("narrow", "compact"))
            except Exception as exc:
                self._failed(index, chart_failed_html(exc, shown))
                return
            self.images[index].value = chart_html(
                wide, _CHART_NAMES[index], narrow, compact=compact, timeline=timeline
            )

        self._later(rest)

    def _failed(self, index: int, said: str) -> None:
        """Chart ``index`` could not be drawn: said in its place, and drawn again when its
        tab is shown again (a failure such as memory running short may pass)."""
        self.images[index].value = said
        self._stale.add(index)

    def _drawer(self, index: int) -> tuple[Drawer, str]:
        """What draws chart ``index`` of the filtered attempts, in any layout, and the
        chart in words."""
        from .. import charts

        data, window, by = self.filtered, int(self.window.value), self._scorer_picked()
        # Each chart is drawn three times: wide, and laid out narrow and compact for
        # narrower views (a 640 px window; JupyterLab's file browser open beside it),
        # where the wider ones, at their least scale, scrolled and hid part of themselves.
        if index == 0:
            # Its data worked out once, for its three layouts and its words alike.
            found = charts.trends(data, window)
            note = chartnotes.trends_note(
                data, window, scorer=by, days=found.dates, means=found.means
            )
            return charts.drawer_of(found, scorer=by), note
        if index == 1:
            note = chartnotes.heatmap_note(data, scorer=by)
            return partial(charts.category_heatmap, data, scorer=by), note
        if index == 2:
            note = chartnotes.first_vs_latest_note(data, scorer=by)
            return partial(charts.radar, data, scorer=by), note
        today, end = self._days()
        note = chartnotes.daily_note(data, today=today, end=end, scorer=by)
        return partial(charts.daily_activity, data, today=today, end=end, scorer=by), note

    def _scorer_picked(self) -> str | None:
        """The scorer the Scorer filter shows alone, named in the charts' titles as
        `coachkit progress --scorer` names it; None for every scorer."""
        return str(self.scorer.value) or None

    def _days(self) -> tuple[date, date]:
        """Today, and the day the attempts per day end on: today, or an earlier To date."""
        today, end = self._today(), self.end.value
        return today, min(end, today) if end else today

    def _show_details(self, visible: bool) -> None:
        self.details.layout.display = "" if visible else "none"
        self.save_button.disabled = not visible

    def _on_save(self, _button: w.Button) -> None:
        if self._problem is not None:  # click() fires on a disabled button too
            self.errors.show("The charts cannot be drawn: the database cannot be read (above).")
            return
        if self.filtered.empty:
            self.errors.show("There is nothing to chart yet: score an answer first.")
            return
        folder = self._charts_dir or paths.charts_dir()
        path = folder / f"progress-{datetime.now():%Y%m%d-%H%M%S}.png"
        # Drawing the dashboard takes a second or two: say so, and take no second click.
        self.save_button.disabled = True
        self.status.value = status_html("Saving the charts…")
        try:
            from .. import charts

            data, window = self.filtered, int(self.window.value)
            today, end = self._days()
            by = self._scorer_picked()
            words = chartnotes.dashboard_note(
                data, window, charts.DASHBOARD_DAYS, today=today, end=end, scorer=by
            )
            figure = charts.dashboard(data, window, today=today, end=end, scorer=by)
            self.saved = charts.save(figure, path, description=words)
        except OSError as exc:
            # A full or read-only disk: said as such, with what to do, not as a bug.
            self.status.value = ""
            in_home = self._charts_dir is None
            fix = paths.write_fix(folder, exc, "press Save PNG again", in_home=in_home)
            self.errors.show(
                f"The charts were not saved: cannot write {path} ({paths.os_reason(exc)}). "
                f"{fix} Your attempts are unchanged."
            )
            return
        except BaseException:
            self.status.value = ""
            raise
        finally:
            self.save_button.disabled = False
            self.save_button.focus()  # disabled while drawing, it had dropped focus
        if (self.errors.message or "").startswith("The charts were not saved"):
            self.errors.clear()  # only that: it is put right
        # The path is on the server, out of reach in Voila: the file comes with a link too.
        link = download_link(self.saved, "image/png")
        self.status.value = status_html(f"Saved {escape(str(self.saved))} {link}".rstrip())
