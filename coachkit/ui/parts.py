"""Building blocks every view shares: the styled root, headers, and the error panel."""

from __future__ import annotations

import base64
import functools
import re
import sqlite3
import traceback
from collections.abc import Callable
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import ipywidgets as w

from .. import paths
from ..bank import QuestionBank
from ..config import LOCAL, Config, resolve_params
from ..errors import (
    CoachkitError,
    CorruptDatabaseError,
    DatabaseBusyError,
    NotSavedError,
    StoreError,
)
from ..jupyter import in_voila
from ..store import AttemptsRead, Store
from .live import LIVE_CLASS, PIN_CLASS, live_script
from .runtime import mmss
from .theme import style_tag

if TYPE_CHECKING:
    from ..coach import Coach

__all__ = [
    "DOWNLOAD_LIMIT",
    "PARTLY",
    "SCORER_WIDTH",
    "UNUSABLE",
    "ErrorPanel",
    "View",
    "bank_notice",
    "checked",
    "damage_in",
    "download_data",
    "download_link",
    "dropdown",
    "header",
    "html",
    "in_voila",
    "live_html",
    "lost_notice",
    "readable",
    "reported_by_sqlite",
    "root",
    "row",
    "show_bank_problems",
    "show_store_problem",
    "show_store_warning",
    "start_afresh",
    "status_html",
    "store_notice",
    "timer_html",
]

F = TypeVar("F", bound=Callable[..., Any])

UNUSABLE = "Your saved history cannot be used right now."
PARTLY = "Part of your saved history cannot be read."
"""The headline of a database damaged in part: the rest of it is read, nothing written."""

# The scorer picker with its label: room for a profile name of about 24 characters
# ("claude-sonnet-fallback") beside the dropdown's arrow.
SCORER_WIDTH = "280px"

# The largest saved file offered for download from the page. Its bytes go into the
# page's HTML (a third bigger again as base64) through the kernel's websocket; a chart
# is 100-300 KB and a report less, so past this the path alone is shown.
DOWNLOAD_LIMIT = 5 * 1024 * 1024


def damage_in(exc: BaseException) -> CorruptDatabaseError | None:
    """The damage ``exc`` reports: its own, or why a score was not saved; else None."""
    if isinstance(exc, NotSavedError):
        exc = exc.cause
    return exc if isinstance(exc, CorruptDatabaseError) else None


def checked(store: Store, read: AttemptsRead) -> AttemptsRead:
    """``read``, the attempts a view read as it opened (or read again on damage), as the
    view takes it: a file the store's check finds damaged where that read does not go
    (an index, the drafts, the LLM tables) is damaged in part too, every attempt read,
    with the words ``coachkit history`` warns with. StoreError if it cannot be checked."""
    if read.damaged:
        return read
    found = store.damage()
    return read if found is None else replace(read, warning=str(found), damaged=True)


@dataclass(frozen=True)
class Verdict:
    """What damage found after a view opened means: the ``problem`` the view stops
    writing for, what could be ``read`` (None if nothing was), and whether the file is
    damaged ``partly`` (read on) rather than unusable."""

    problem: StoreError
    read: AttemptsRead | None
    partly: bool


def unwritable(coach: Coach) -> StoreError | None:
    """Why the coach's database must not be written to (damaged, even in part, or a newer
    coachkit's, found as it opens or after), as an LLM profile's usage log would be; None
    if it is whole, or busy now (a log then waits its turn)."""
    try:
        return coach.store.damage()
    except DatabaseBusyError:
        return None
    except StoreError as exc:
        return exc


def judge_damage(
    probe: Callable[[], AttemptsRead], found: CorruptDatabaseError, *, certain: bool
) -> Verdict | None:
    """Read the file again as the view does as it opens (``probe``) after ``found``, what
    a read or a write failed with, or (``certain``) what a read found. None for an
    attempt's row that cannot be read in a file otherwise whole: the view writes on."""
    try:
        read: AttemptsRead | None = probe()
    except DatabaseBusyError:
        read = None  # held by another program for now: what was found decides
    except StoreError as exc:
        return Verdict(exc, None, partly=False)
    if read is not None and read.damaged:
        return Verdict(CorruptDatabaseError(read.warning or ""), read, partly=True)
    if certain or reported_by_sqlite(found):
        # Damaged where those reads do not go (a draft's or an index's page): in part.
        return Verdict(found, read, partly=True)
    return None


def reported_by_sqlite(exc: CorruptDatabaseError) -> bool:
    """Whether SQLite itself found the file damaged (a page it could not use), not
    coachkit one attempt's row it cannot read in a file otherwise whole."""
    return isinstance(exc.__cause__, sqlite3.Error)


def start_afresh() -> str:
    """How to open a view again once its database is put right: a Voila page has no
    kernel to restart or notebook to run, only itself to reload."""
    return "reload the page" if in_voila() else "restart the kernel and run this notebook again"


def readable(exc: BaseException) -> str:
    """A one-line message for a user: coachkit's own, or a plain summary of a bug."""
    if isinstance(exc, CoachkitError):
        return str(exc)
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    detail = f": {detail[:200]}" if detail else ""
    fresh = "reload the page" if in_voila() else "restart the kernel"
    return (
        f"Something went wrong ({exc.__class__.__name__}{detail}). "
        f"Nothing you typed is lost; try again, and if it keeps happening, {fresh}."
    )


class ErrorPanel:
    """Shows what failed in words; hidden while there is nothing to say.

    Widget callbacks run where JupyterLab swallows exceptions, so every callback
    goes through ``guard`` and its failures land here instead.
    """

    def __init__(self) -> None:
        self.widget = w.HTML(value="", layout=w.Layout(display="none", width="100%"))
        self.widget.add_class("coachkit-error")
        self.message: str | None = None
        self.details: str | None = None  # the traceback, for someone debugging
        self.sticky: str | None = None

    def show(self, exc_or_message: BaseException | str, *, sticky: bool = False) -> None:
        """Show a message; a sticky one (e.g. a broken config) comes back after ``clear``."""
        if isinstance(exc_or_message, BaseException):
            self.message = readable(exc_or_message)
            self.details = "".join(traceback.format_exception(exc_or_message))
        else:
            self.message, self.details = exc_or_message, None
        if sticky:
            self.sticky = self.message
        shown = said_html(self.message)  # lines kept: a config names each problem on one
        self.widget.value = f'<div class="ck-error" role="alert">{shown}</div>'
        self.widget.layout.display = ""

    def clear(self) -> None:
        if self.sticky is not None:
            self.show(self.sticky)
            return
        self.message = self.details = None
        self.widget.value = ""
        self.widget.layout.display = "none"

    def guard(self, callback: F) -> F:
        """Wrap a callback so an exception is shown here instead of vanishing."""

        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return callback(*args, **kwargs)
            except Exception as exc:
                self.show(exc)
                return None

        return wrapper  # type: ignore[return-value]


# A command or value a message quotes between backticks, as the CLI prints it: in a view
# it is code, not text with stray backticks around it ("`coachkit rescue` does ...").
_QUOTED = re.compile(r"`([^`\n]+)`")


def said_html(message: str) -> str:
    """``message``, plain text from coachkit's own words, as HTML: escaped, its lines
    kept, what it quotes between backticks shown as code."""
    shown = escape(message).replace("\n", "<br>")
    return _QUOTED.sub(r"<code>\1</code>", shown)


def status_html(message: str) -> str:
    """A status line (``message`` is HTML, escaped already) that a screen reader reads
    out as it appears: role="status" waits for what is being said to end, where an
    error's role="alert" cuts in."""
    return f'<span class="ck-muted" role="status">{message}</span>'


def download_link(path: Path, mime: str) -> str:
    """A link that downloads the file at ``path`` as it was written (its bytes read back
    into a data: URL), for a page whose server folders are out of reach (Voila, a remote
    hub); "" for a file over ``DOWNLOAD_LIMIT`` or one that cannot be read back."""
    try:
        with path.open("rb") as handle:
            data = handle.read(DOWNLOAD_LIMIT + 1)  # no more than that held in memory
    except OSError:
        return ""
    return download_data(path.name, data, mime)


def download_data(name: str, data: bytes, mime: str) -> str:
    """A link that downloads ``data`` as a file called ``name``, made in the browser: a
    file the server could not write is still the user's to keep; "" over
    ``DOWNLOAD_LIMIT``."""
    if len(data) > DOWNLOAD_LIMIT:
        return ""
    name = escape(name)
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="ck-download" download="{name}" href="data:{mime};base64,{encoded}">'
        f"Download {name}</a>"
    )


def timer_html(remaining: int | None, done: str = "Time is up.") -> str:
    """The countdown label: time left, or ``done`` announced once it runs out."""
    if remaining is None:
        return f'<span class="ck-timer ck-timeup" role="alert">{escape(done)}</span>'
    return f'<span class="ck-timer" role="timer">{mmss(remaining)} left</span>'


def html(value: str = "", css: str | None = None, **layout: str) -> w.HTML:
    widget = w.HTML(value=value, layout=w.Layout(**layout) if layout else w.Layout())
    widget.add_class("ck-html")
    if css:
        widget.add_class(css)
    return widget


def live_html(css: str, **layout: str) -> w.HTML:
    """A status line whose every update a screen reader reads out: its content element
    is a live region that lasts (see ``live``)."""
    widget = html("", css, **layout)
    widget.add_class(LIVE_CLASS)
    return widget


def header(title: str, subtitle: str) -> w.HTML:
    return html(
        f'<div class="ck-header"><h2>{escape(title)}</h2>'
        f'<span class="ck-muted">{escape(subtitle)}</span></div>'
    )


def button(
    description: str,
    css: str,
    *,
    icon: str = "",
    tooltip: str = "",
    style: str = "",
    width: str = "",
    hidden: bool = False,
    disabled: bool = False,
) -> w.Button:
    """A button with its own class (what page scripts, tests and the theme find it by);
    ``style`` is ipywidgets' button_style ("primary", "danger"...), ``hidden`` not shown
    until a view shows it, ``width`` "auto" where the default width cuts the label."""
    widget = w.Button(
        description=description,
        icon=icon,
        tooltip=tooltip or None,
        button_style=style,
        disabled=disabled,
        layout=w.Layout(width=width or None, display="none" if hidden else None),
    )
    widget.add_class(css)
    return widget


def dropdown(
    description: str,
    options: list[tuple[str, str]] | list[tuple[str, int]],
    value: object = None,
    *,
    width: str = "auto",
    tooltip: str = "",
) -> w.Dropdown:
    widget = w.Dropdown(
        description=description,
        options=options,
        value=value if value is not None else options[0][1],
        style={"description_width": "initial"},
        layout=w.Layout(width=width),
        tooltip=tooltip or None,
    )
    return widget


def row(children: list[w.Widget]) -> w.HBox:
    """A line of controls that wraps on narrow screens (spacing comes from the stylesheet)."""
    box = w.HBox(
        children, layout=w.Layout(flex_flow="row wrap", align_items="center", width="100%")
    )
    box.add_class("ck-row")
    return box


def root(name: str, children: list[w.Widget]) -> w.VBox:
    """The outer box of a view: carries the stylesheet, the script that keeps its status
    lines' live regions (see ``live``), the notice shown once its kernel is gone, and
    the ``coachkit`` classes."""
    style = w.HTML(value=style_tag(), layout=w.Layout(display="none"))
    box = w.VBox(
        [style, live_script(), lost_notice(drafts=name in _DRAFTING), *children],
        layout=w.Layout(width="100%", padding="4px 8px"),
    )
    box.add_class("coachkit")
    box.add_class(f"coachkit-{name}")
    return box


# The views that keep what is typed as a draft: their lost notice says what comes back.
_DRAFTING = frozenset({"practice", "mock"})

LOST_CLASS = "ck-lost"
"""The notice's class: the stylesheet shows it only once the view's kernel is gone."""


def lost_notice(*, drafts: bool) -> w.HTML:
    """What to do once the kernel behind the view is gone (killed, crashed, restarted):
    every control then only shows a broken-link icon. Written now, while the kernel runs,
    and shown by the stylesheet alone when ipywidgets marks the view disconnected, as no
    kernel is left to show it then. ``drafts``: the view keeps what is typed as a draft."""
    pin = ""
    if in_voila():
        what, how = "This page lost its Python kernel", "Reload the page"
        pin = f" {PIN_CLASS}"
    else:
        what, how = (
            "This notebook's kernel stopped or restarted",
            "Run the notebook again (<b>Run &gt; Run All Cells</b>)",
        )
    kept = (
        ": your draft comes back as last saved. Words typed in the last seconds before it "
        "stopped, or since, may be only on this page: copy them first."
        if drafts
        else "."
    )
    return html(
        f'<div class="ck-lost-text{pin}" role="alert">'
        f"<b>{what}, so nothing here works any more.</b> {how}{kept}</div>",
        LOST_CLASS,
        width="100%",
    )


class View:
    """A plain object holding a widget tree; Jupyter displays its root box."""

    root: w.VBox

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.root._repr_mimebundle_(**kwargs)


def bank_notice() -> w.HTML:
    """Where a view says which of the user's question files were left out (hidden until
    ``show_bank_problems`` has something to say)."""
    notice = html("", "coachkit-bank-problems", width="100%")
    notice.layout.display = "none"
    return notice


def show_bank_problems(
    notice: w.HTML,
    bank: QuestionBank,
    shown: int = 5,
    *,
    role_problem: str | None = None,
    changed: str = "",
) -> None:
    """A warning naming each problem in the user's question files (the first ``shown``)
    and what to do, and ``role_problem``: why the role practised for is not followed (see
    ``Coach.role_problem``); ``changed`` (plain text) first, if any: how the files changed
    since the view read them. The views work on with the rest of the bank."""
    problems = bank.problems
    if not problems and not role_problem and not changed:
        notice.value, notice.layout.display = "", "none"
        return
    role_part = f'<p class="ck-html">{escape(role_problem)}</p>' if role_problem else ""
    lead = f'<p class="ck-html">{escape(changed)}</p>' if changed else ""
    if not problems:
        notice.value = f'<div class="ck-warn" role="status">{lead}{role_part}</div>'
        notice.layout.display = ""
        return
    items = "".join(f"<li>{escape(p.note)}</li>" for p in problems[:shown])
    if len(problems) > shown:
        items += (
            f"<li>and {len(problems) - shown} more: <code>coachkit questions --check</code> "
            "lists them all</li>"
        )
    # Linked in from a cohort's folder, they are the coach's questions, not the user's.
    shared = any(paths.linked_in(Path(p.path)) is not None for p in problems)
    whose = "Some of the shared questions" if shared else "Some of your own questions"
    notice.value = (
        f'<div class="ck-warn" role="status">{lead}<b>{whose} could not be loaded.</b>'
        f"<ul>{items}</ul>{escape(bank.advice())}{role_part}</div>"
    )
    notice.layout.display = ""


def store_notice() -> w.HTML:
    """Where a view says the database cannot be used and what works meanwhile (hidden
    until ``show_store_problem`` has something to say)."""
    notice = html("", "coachkit-store-problem", width="100%")
    notice.layout.display = "none"
    return notice


def show_store_problem(
    notice: w.HTML,
    problem: StoreError | str | None,
    meanwhile: str = "",
    *,
    headline: str = UNUSABLE,
) -> None:
    """The database's problem in its own words (they say what to do about it), then
    ``meanwhile`` (HTML): what the view does until it is fixed. None hides the notice.
    ``headline``: PARTLY when the rest of the history can still be read.

    A notice of its own, not the error panel: it stays up while other messages come
    and go there."""
    if problem is None:
        notice.value, notice.layout.display = "", "none"
        return
    notice.value = (
        f'<div class="ck-error" role="alert"><p><b>{escape(headline)}</b> '
        f"{said_html(str(problem))}</p><p>{meanwhile}</p></div>"
    )
    notice.layout.display = ""


def show_store_warning(notice: w.HTML, warning: str) -> None:
    """Attempts left out of what the view shows, the file itself whole (rows that cannot
    be read): said in the store's words, which say how to delete them; the view works on."""
    notice.value = f'<div class="ck-warn" role="status"><p>{said_html(warning)}</p></div>'
    notice.layout.display = ""


def unset_key_text(config: Config, scorer: str) -> str:
    """What to say of ``scorer`` when it reads a key variable nobody set, as HTML ("" when
    it can be called): its name alone read as set up, while every score fell back at
    once. Names the variables, never a value."""
    if scorer == LOCAL:
        return ""
    missing = resolve_params(config.entry(scorer).litellm_params).missing
    if not missing:
        return ""
    names = " and ".join(escape(v) for v in missing)
    fallback = config.fallback
    meanwhile = (
        f"until then your answers are scored by {escape(fallback)} instead"
        if fallback and fallback != scorer
        else "until then scoring with it fails (no fallback is set)"
    )
    return (
        f"{escape(scorer)} reads {names}, which {'is' if len(missing) == 1 else 'are'} not "
        f"set: {meanwhile}. <b>Settings</b> says how to set it."
    )
