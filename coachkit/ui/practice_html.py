"""What the practice view renders from plain data: the question, its guidance, the word
count, the answers kept elsewhere (another window's, unscored/), and what is said of an
answer kept in a file."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from pathlib import Path

from ..models import Question
from ..rubric import word_target
from ..store import KeptDraft
from ..unscored import KeptAnswer
from .spill import Taken

__all__ = [
    "ADD_BELOW",
    "ADD_BELOW_TIP",
    "PUT_IN",
    "PUT_IN_TIP",
    "guidance_html",
    "kept_html",
    "kept_said",
    "kept_words",
    "option_label",
    "question_html",
    "taken_words",
    "waiting_html",
    "word_count_text",
]

PUT_IN = "Put it in the box"
PUT_IN_TIP = "Put the answer kept in unscored/ in the answer box"
ADD_BELOW = "Add it below your answer"
ADD_BELOW_TIP = "Add the answer kept in unscored/ below what you typed (nothing is replaced)"

_WORDLIKE = re.compile(r"[^\W_]")


FAR_OVER = 2  # past twice the top of its range, an answer is told how long it runs
SPOKEN_PER_MINUTE = 150  # words a candidate says in a minute, at an interview's pace


def word_count_text(text: str, question: Question | None) -> str:
    # A word has a letter or a digit: an emoji, a dash or a bullet on its own is none.
    words = sum(1 for token in text.split() if _WORDLIKE.search(token))
    low, high = word_target(question)
    hint = f"aim for {low}-{high}"
    if words and words < low:
        hint = f"a little short: aim for {low}-{high}"
    elif words > FAR_OVER * high:
        # 3,000 words read as 310 did; said aloud, it is a quarter of an hour.
        minutes = round(words / SPOKEN_PER_MINUTE)
        hint = f"far over the {low}-{high} aim, about {minutes} minutes said aloud: cut it down"
    elif words > high:
        hint = f"over the {low}-{high} aim: tighten it"
    return f"{words:,} word{'s' if words != 1 else ''} · {hint}"


def question_html(question: Question) -> str:
    roles = "any role" if tuple(question.roles) == ("any",) else ", ".join(question.roles)
    tags = " ".join(f'<span class="ck-badge">#{escape(t)}</span>' for t in question.tags)
    return (
        f'<div class="ck-panel"><span class="ck-badge">{escape(question.category)}</span>'
        f'<span class="ck-badge">{escape(question.difficulty)}</span>'
        f'<span class="ck-muted">for {escape(roles)}</span>'
        f'<div class="ck-prompt">{escape(question.prompt)}</div>{tags}</div>'
    )


def guidance_html(question: Question) -> str:
    """Why the question is asked and how to answer it, each folded until opened."""
    return "".join(
        f'<details class="ck-details"><summary>{title}</summary><p>{escape(text)}</p></details>'
        for title, text in (
            ("Why it is asked", question.why_asked),
            ("How to answer", question.how_to_answer),
        )
    )


def kept_said(kept: Sequence[KeptDraft]) -> str:
    """What the panel of the answers a save here went over says of them (read out: it is
    in a live region that is on the page before it, see ``PracticeView.other_said``)."""
    # Said of no one in particular: a view just opened may show what others replaced.
    said = (
        "A different answer to this question, saved from another window (another "
        "notebook, or the app) or an earlier run, was replaced by a later save. Nothing "
        "is lost: it is kept below. Copy what you need into your answer, then dismiss it."
        if len(kept) == 1
        else f"{len(kept)} different answers to this question, saved from other windows "
        "(another notebook, or the app) or earlier runs, were replaced by later saves. "
        "Nothing is lost: they are kept below. Copy what you need into your answer, then "
        "dismiss them."
    )
    return f'<p class="ck-warn" role="status">{said}</p>'


def kept_html(kept: Sequence[KeptDraft]) -> str:
    """The answers a save here went over, kept to copy from (see ``Store.save_draft``);
    not read out: a screen reader need not read every answer again."""
    today = datetime.now().astimezone().date()
    texts = "".join(
        f"<details open><summary>Kept {_kept_when(draft.kept_at, today)}</summary>"
        f'<pre class="ck-answer">{escape(draft.text)}</pre></details>'
        for draft in kept
    )
    return f'<div class="ck-warn">{texts}</div>'


def _kept_when(when: datetime, today: date) -> str:
    local = when.astimezone()
    if local.date() == today:
        return f"at {local:%H:%M}"
    return f"on {local.day} {local:%b %Y} at {local:%H:%M}"


def option_label(question: Question) -> str:
    prompt = question.prompt if len(question.prompt) <= 90 else question.prompt[:89] + "…"
    return f"[{question.category}] {prompt}"


def waiting_html(
    waiting: Sequence[KeptAnswer], restored: Sequence[KeptAnswer], *, offline: bool
) -> str:
    """What the line under the box says of the answers to this question kept in
    unscored/ by an earlier run ("" for none)."""
    offered = [k for k in waiting if k.text is not None]
    unread = [k for k in waiting if k.text is None]
    saved = (
        "once the database is fixed and it is scored and saved to your history"
        if offline
        else "once it is scored and saved to your history"
    )
    said: list[str] = []
    if offered:
        when = _kept_stamp(offered[-1].kept_at)
        said.append(
            f"1 answer kept in unscored/ from {when} (the database could not take it then)."
            if len(offered) == 1
            else f"{len(offered)} answers kept in unscored/, the latest from {when} (the "
            "database could not take them then)."
        )
        said.append(f"The button below puts the latest in the box: {saved}, its file is removed.")
    elif restored:
        names = ", ".join(escape(k.path.name) for k in restored)
        said.append(f"In the box from {names} in unscored/: {saved}, that file is removed.")
    if unread:
        names = ", ".join(escape(k.path.name) for k in unread)
        said.append(
            f"{names} in unscored/ cannot be put in the box (too large, or not text): "
            "open it yourself."
        )
    return f'<p class="ck-warn" role="status">{" ".join(said)}</p>' if said else ""


def _kept_stamp(when: datetime) -> str:
    """A file's stamp as the user reads it: "30 Nov 10:15" (with the year if not this one)."""
    year = "" if when.year == datetime.now().year else f" {when.year}"
    return f"{when.day} {when:%b}{year} {when:%H:%M}"


def taken_words(taken: Taken) -> str:
    """What became of the files that kept a draft while the database did not take it."""
    if taken.left:
        names = ", ".join(escape(str(path)) for path in taken.left)
        return (
            f" {names} is left as it is: the database does not hold its text (the box was "
            "cleared, say), so it may be the only copy. Delete it once you do not need it."
        )
    if taken.unchecked:
        names = ", ".join(escape(path.name) for path in taken.unchecked)
        return f" Also still in {names}: the database could not be read back to check it."
    if taken.removed:
        return " The file that kept it meanwhile is removed."
    return ""


def kept_words(question_id: str, kept: Path | None) -> str:
    """Where an answer scored without the database is kept, and how to save it later."""
    if kept is None:
        return (
            "Your answer could not be kept in a file (the message above says why): it is "
            "only on this page, so copy it somewhere to be safe."
        )
    path = shlex.quote(str(kept))
    return (
        f"Your answer is kept in {escape(str(kept))}: once the database is fixed, "
        f"<code>coachkit score {escape(question_id)} --answer-file {escape(path)}</code> "
        "scores it again and saves it to your history."
    )
