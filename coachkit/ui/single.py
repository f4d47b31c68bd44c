"""One live view of each kind per kernel and database: the newest.

Running a notebook's cell again, or opening the notebook in a second browser tab on
the same kernel, makes a new view while the old one's widgets stay alive. Two views
typing into one draft would each save over the other, and a view opened within a
second of the last keystroke would load a draft that keystroke has not reached yet.
So a new view first retires the one before it: the old view writes what it holds,
then says where to carry on, and takes no more typing.
"""

from __future__ import annotations

import threading
import weakref
from html import escape
from typing import Protocol

import ipywidgets as w

from .. import paths
from ..coach import Coach
from ..errors import StoreError

__all__ = ["Retirable", "database_key", "retire_root", "take_over"]


class Retirable(Protocol):
    def retire(self) -> None:
        """Write what the view holds and stop taking input; say why on the view."""


_live: dict[tuple[str, str], weakref.ref[Retirable]] = {}
_lock = threading.Lock()


def take_over(kind: str, database: str, view: Retirable) -> None:
    """Make ``view`` the live ``kind`` of view on ``database``, retiring the one before it.

    Call it before the new view reads any draft, so it reads what the old one wrote.
    """
    with _lock:
        previous = _live.get((kind, database))
        _live[(kind, database)] = weakref.ref(view)
    old = previous() if previous is not None else None
    if old is not None and old is not view:
        old.retire()


def database_key(coach: Coach) -> str:
    """The name ``take_over`` knows ``coach``'s database by (``Store.key``), also when it
    cannot be opened (damaged, or a newer coachkit's): it is then the file at the
    default place, where a store made later opens it."""
    try:
        return coach.store.key
    except StoreError:
        return str(paths.db_path().resolve())


def retire_root(
    root: w.VBox,
    *,
    saved: bool,
    kept: list[tuple[str, str]],
    late: bool = False,
    said: str | None = None,
) -> None:
    """Replace a retired view's controls with a note saying where to carry on.

    ``kept`` is what the view held, as (label, text): shown here too, so nothing typed
    seems gone, and so it can be copied should saving have failed (``saved`` False).
    ``late``: text reached the view after it was retired (a recording turned into text
    meanwhile); it is shown open, to be copied into the newer view. ``said`` (HTML)
    replaces what the note says of the text (it is then shown open too).
    """
    if said is not None:
        late = True  # open: the note says it is to be copied
    elif late:
        said = (
            "Text reached this view after a newer one replaced it (a recording turned into "
            "text, say). It is below and is not saved: copy it into the newer view."
        )
    elif saved:
        said = (
            "This view was replaced by a newer one: the notebook ran again, here or in "
            "another tab. What you typed here is saved; carry on in the newer view."
        )
    else:
        said = (
            "This view was replaced by a newer one, and what you typed here could not be "
            "saved yet (it is tried again on its own). Copy it from below to be safe."
        )
    opened = " open" if late else ""
    texts = "".join(
        f"<details{opened}><summary>{escape(label)}</summary>"
        f'<pre class="ck-answer">{escape(text)}</pre></details>'
        for label, text in kept
        if text.strip()
    )
    note = w.HTML(
        value=f'<div class="ck-warn" role="status"><p>{said}</p>{texts}</div>',
        layout=w.Layout(width="100%"),
    )
    note.add_class("coachkit-retired")
    style, *_ = root.children  # the stylesheet stays: the note uses its classes
    root.children = (style, note)
