"""Answers an earlier run kept in unscored/ (the database could not take them then),
offered back under the box, and their files removed once the database holds them; and
answers typed for questions the bank no longer has (drafts, and files in unscored/),
offered back at the top."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Literal

import ipywidgets as w

from .. import paths
from ..bank import question_files
from ..errors import CorruptDatabaseError, StoreError
from ..models import Attempt
from ..store import KeptDraft, storable
from ..unscored import KeptAnswer, forget_kept, kept_answers, remove_kept
from .practice_html import ADD_BELOW, ADD_BELOW_TIP, PUT_IN, PUT_IN_TIP, waiting_html
from .practice_layout import PracticeLayout

__all__ = [
    "Orphan",
    "PracticeOffer",
    "orphan_drafts",
    "orphan_files",
    "orphans_html",
    "questions_source",
    "unread_orphans",
]

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a question id: a practice draft's key
_REPLACED = "replaced:"  # a draft kept from another window: "replaced:<id>:<writer>"
_WRITER = "writer:"  # who wrote a draft: "writer:<id>"


@dataclass(frozen=True)
class Orphan:
    """An answer typed for ``question_id``, a question the bank no longer has (renamed
    or removed since), and the drafts rows and files in unscored/ that hold it
    (forgotten once dismissed)."""

    question_id: str
    text: str
    rows: tuple[KeptDraft, ...]
    files: tuple[KeptAnswer, ...] = ()


def _answers_by_question(attempts: Sequence[Attempt]) -> dict[str, list[str]]:
    """The answers already in the history, by question: a kept answer one of them holds
    word for word is not offered again."""
    scored: dict[str, list[str]] = {}
    for attempt in attempts:
        scored.setdefault(attempt.question_id, []).append(attempt.answer)
    return scored


def orphan_drafts(
    drafts: Sequence[tuple[str, str]], known: Container[str], attempts: Sequence[Attempt]
) -> list[Orphan]:
    """The answers ``drafts`` (key, text) hold for questions not in ``known``, each once,
    oldest saved first; one an attempt to its question holds word for word is in the
    history already, and left out."""
    scored = _answers_by_question(attempts)
    found: dict[tuple[str, str], list[KeptDraft]] = {}
    texts: dict[tuple[str, str], str] = {}
    writers: dict[str, KeptDraft] = {}
    for key, text in drafts:
        # Only the kept rows' text matters to forget them: "when" is not read back.
        row = KeptDraft(key, text, datetime.min.replace(tzinfo=UTC), "")
        if key.startswith(_WRITER):
            writers[key.removeprefix(_WRITER)] = row
            continue
        question_id = key
        if key.startswith(_REPLACED):
            question_id = key.removeprefix(_REPLACED).rpartition(":")[0]
        if not _SLUG.fullmatch(question_id) or question_id in known or not text.strip():
            continue  # a question of the bank's, the question last open, an interview
        stripped = storable(text).strip()
        if any(stripped in answer for answer in scored.get(question_id, ())):
            continue
        found.setdefault((question_id, stripped), []).append(row)
        texts.setdefault((question_id, stripped), text)
    orphans = []
    for (question_id, stripped), rows in found.items():
        # Who wrote a draft goes with it: left behind, it would name a writer of nothing.
        writer = writers.get(question_id) if any(r.key == question_id for r in rows) else None
        rows = [*rows, *([writer] if writer is not None else [])]
        orphans.append(Orphan(question_id, texts[(question_id, stripped)], tuple(rows)))
    return orphans


def orphan_files(
    kept: Sequence[KeptAnswer],
    known: Container[str],
    attempts: Sequence[Attempt],
    orphans: Sequence[Orphan] = (),
) -> list[Orphan]:
    """``orphans`` with the answers ``kept`` in unscored/ for questions not in ``known``
    added: a file holding an orphan's text goes with it (shown once), one an attempt
    to its question holds word for word is in the history already, and left out; so is
    one that cannot be shown (too long, not text), which stays in its file."""
    scored = _answers_by_question(attempts)
    merged = {(o.question_id, storable(o.text).strip()): o for o in orphans}
    for file in kept:
        if file.text is None or file.question_id in known:
            continue
        stripped = storable(file.text).strip()
        if any(stripped in answer for answer in scored.get(file.question_id, ())):
            continue
        key = (file.question_id, stripped)
        found = merged.get(key) or Orphan(file.question_id, file.text, ())
        merged[key] = Orphan(found.question_id, found.text, found.rows, (*found.files, file))
    return list(merged.values())


def unread_orphans(kept: Sequence[KeptAnswer], known: Container[str]) -> list[KeptAnswer]:
    """The files ``kept`` in unscored/ for questions not in ``known`` that cannot be shown
    (too large, not text, not readable): left out of the orphans, said where they are."""
    return [file for file in kept if file.text is None and file.question_id not in known]


def orphans_html(
    orphans: Sequence[Orphan],
    *,
    unread: Sequence[KeptAnswer] = (),
    problems: bool = False,
    source: tuple[Source, str] | None = None,
) -> tuple[str, str]:
    """What the panel of answers typed for questions gone from the bank says (read out),
    and the answers themselves, to copy (not read out: a screen reader need not read
    every answer); ("", "") for none. ``unread``: files for such questions that cannot
    be shown, named with their folder. ``problems``: the bank left files out (said above).
    ``source``: whose such questions were, and their folder (see ``questions_source``)."""
    if not orphans and not unread:
        return "", ""
    whose = escape(_whose_said(orphans, source))
    said = (_orphans_said(orphans, problems=problems, whose=whose) + _unread_said(unread)).strip()
    texts = "".join(
        f"<details open><summary>Typed for <code>{escape(orphan.question_id)}</code>"
        f"{_files_said(orphan.files)}"
        f'</summary><pre class="ck-answer">{escape(orphan.text)}</pre></details>'
        for orphan in orphans
    )
    texts += "".join(
        f"<p>Kept for <code>{escape(file.question_id)}</code> in <code>{escape(str(file.path))}"
        f"</code>: it cannot be shown here ({escape(file.why or 'not readable')}). Open it "
        "yourself; Dismiss leaves it as it is.</p>"
        for file in unread
    )
    return f'<p class="ck-warn" role="status">{said}</p>', f'<div class="ck-warn">{texts}</div>'


Source = Literal["shared", "own", "both"]


def questions_source() -> tuple[Source, str] | None:
    """Whose the questions beside the bundled ones are, and their folder: a cohort's
    folder linked in (as the README sets it up) is the coach's, read from its real path;
    a folder of plain files, the user's own; None without one (an answer's question is
    gone then with an update of coachkit, no one's to ask about)."""
    folder = paths.user_questions_dir()
    linked = paths.shared_folder(folder)
    if linked is not None and folder.is_dir():
        return "shared", linked
    files = question_files(folder)
    shared = {str(real) for file in files if (real := paths.linked_in(file)) is not None}
    if not files:
        return None
    if not shared:
        return "own", str(folder)
    # Files linked in one by one: the coach's, where they really are, beside any of theirs.
    if all(paths.linked_in(file) is not None for file in files):
        return "shared", " and ".join(sorted(shared))
    return "both", str(folder)


def _whose_said(orphans: Sequence[Orphan], source: tuple[Source, str] | None) -> str:
    """Whom to ask what became of the questions of ``orphans``. Said as "if": a question
    gone leaves no trace of the file it was in, and a bundled one renamed by an update of
    coachkit would be neither the coach's nor the user's."""
    if not orphans or source is None:
        return ""
    whose, folder = source
    one = len(orphans) == 1
    was = "it was" if one else "they were"
    them = "it" if one else "them"
    if whose == "shared":
        return (
            f" If {was} among the shared questions (from {folder}), ask whoever keeps "
            f"them (your coach) what became of {them}."
        )
    if whose == "own":
        return f" If {was} among your own questions, look in {folder}."
    return (
        f" If {was} among the shared questions linked into {folder}, ask whoever keeps "
        f"them (your coach) what became of {them}; if among your own, look there."
    )


def _unread_said(unread: Sequence[KeptAnswer]) -> str:
    """The sentence on files for questions gone from the bank that cannot be shown."""
    if not unread:
        return ""
    if len(unread) == 1:
        return (
            " A file in unscored/ kept for a question no longer in the question bank cannot "
            "be shown here: where it is, and why, is said below, to open it yourself."
        )
    return (
        f" {len(unread)} files in unscored/ kept for questions no longer in the question "
        "bank cannot be shown here: where they are, and why, is said below, to open them "
        "yourself."
    )


def _orphans_said(orphans: Sequence[Orphan], *, problems: bool, whose: str = "") -> str:
    """The sentences on answers typed for questions gone from the bank ("" for none),
    ``whose`` (see ``_whose_said``) right after why they are gone."""
    if not orphans:
        return ""
    if len(orphans) == 1:
        said = (
            "An answer you typed is for a question no longer in the question bank (its id "
            "was changed or it was removed since"
            + (", or its file has a problem said above" if problems else "")
            + f").{whose} Nothing is lost: it is kept below, with the id it was typed for. Copy "
            "what you need into your answer, then dismiss it."
        )
    else:
        said = (
            f"{len(orphans)} answers you typed are for questions no longer in the question "
            "bank (their ids were changed or they were removed since"
            + (", or their files have a problem said above" if problems else "")
            + f").{whose} Nothing is lost: they are kept below, each with the id it was typed for. "
            "Copy what you need into your answer, then dismiss them."
        )
    return said


def _files_said(files: Sequence[KeptAnswer]) -> str:
    """Where an orphan's text is kept in unscored/ ("" for the database alone)."""
    if not files:
        return ""
    names = ", ".join(f"<code>{escape(file.path.name)}</code>" for file in files)
    return f" (kept in unscored/ as {names})"


class PracticeOffer(PracticeLayout):
    """The answers to the question on screen waiting in unscored/."""

    def _refresh_waiting(self) -> None:
        """Say which answers to the question on screen an earlier run kept in unscored/,
        and offer the newest back (this view's own files are said beside the word count)."""
        question_id = self.state.question_id
        self._restored = [k for k in self._restored if k.question_id == question_id]
        waiting: list[KeptAnswer] = []
        if question_id is not None:
            skip = self._own_files() | {k.path for k in self._restored}
            box = storable(self.answer.value).strip()
            for kept in kept_answers(question_id, self._unscored_folder):
                if kept.path in skip:
                    continue
                if box and kept.text is not None and storable(kept.text).strip() == box:
                    self._restored.append(kept)  # in the box already (as its draft)
                    continue
                waiting.append(kept)
        self._waiting = waiting
        offline = self._answer_files is not None
        self.waiting_said.value = waiting_html(waiting, self._restored, offline=offline)
        offered = any(k.text is not None for k in waiting)
        self.restore_waiting.layout.display = "" if offered else "none"
        self._label_restore()

    def _refresh_orphans(self) -> None:
        """Offer back the answers typed for questions the bank no longer has: a question
        whose id was changed or that was removed (a coach editing a shared folder, the
        user their own file) left its draft, or its file in unscored/, under the old id,
        where no box shows it."""
        orphans: list[Orphan] = []
        bank, attempts, now = self.coach.bank, self.state.attempts, self._bank_now()
        # Known: in the bank shown here and still in its files. One gone from them since
        # the view read them (Score refuses it, its draft kept) is offered back at once;
        # one new in them is not on this page, so it is offered back too.
        known = {question.id for question in bank if question.id in now}
        if self._db_problem is None:
            try:
                read = self.coach.store.read_drafts()
            except StoreError:
                read = None  # the top of the view says what is wrong with the database
            if read is not None and not read.damaged:
                orphans = orphan_drafts(read.drafts, known, attempts)
        # Files too, with the database down or not: kept_answers finds a question's files
        # only for the question on screen, which an id gone from the bank never is.
        kept = kept_answers(None, self._unscored_folder, unreadable=True)
        orphans = orphan_files(kept, known, attempts, orphans)
        # Not one dismissed here: it is never deleted (it could not be read), only hidden.
        unread = [k for k in unread_orphans(kept, known) if k.path not in self._dismissed_unread]
        self._orphans, self._unread_orphans = orphans, unread
        problems = bool(self.coach.bank.problems)
        source = questions_source() if orphans else None
        said, texts = orphans_html(orphans, unread=unread, problems=problems, source=source)
        self.orphans_said.value, self.orphans_text.value = said, texts
        self.orphans.layout.display = "" if orphans or unread else "none"
        self._ask_orphans(False)  # what is shown changed: a delete is asked for again

    def _ask_orphans(self, asking: bool) -> None:
        """Show Delete for good and Keep them in Dismiss's place, or Dismiss again."""
        self.dismiss_orphans.layout.display = "none" if asking else ""
        self.orphans_confirm.layout.display = "" if asking else "none"

    def _on_dismiss_orphans(self, _button: w.Button) -> None:
        """Ask before deleting: the panel's text may be the only copy. Files that could
        not be read are never deleted, so with only those, Dismiss hides them at once."""
        if not self._orphans:
            self._dismiss_orphans()
            self.role.focus()  # the panel went with the focus on it: on to the filters
            return
        n = len(self._orphans)
        these, them = ("this answer", "it") if n == 1 else (f"these {n} answers", "them")
        kept = " (the files that cannot be shown stay)" if self._unread_orphans else ""
        self._ask_orphans(True)
        self.orphans_said.value = (
            f'<p class="ck-warn" role="status">Delete {these} for good{kept}? Nothing brings '
            f"{them} back: copy what you need first. Delete for good, or Keep them.</p>"
        )
        self.delete_orphans.focus()  # Dismiss is gone from under the keyboard's focus

    def _on_keep_orphans(self, _button: w.Button) -> None:
        self._refresh_orphans()  # said as before; Dismiss back
        self.dismiss_orphans.focus()

    def _on_delete_orphans(self, _button: w.Button) -> None:
        n = len(self._orphans)
        self._dismiss_orphans()
        if self.orphans.layout.display == "none":
            # The panel went with the focus on it: say so, and go on to the filters.
            gone = (
                "The answer typed for a question no longer in the question bank is deleted."
                if n == 1
                else f"The {n} answers typed for questions no longer in the question bank "
                "are deleted."
            )
            self.orphans_said.value = f'<p class="ck-muted" role="status">{gone}</p>'
            self.role.focus()
        else:
            self.dismiss_orphans.focus()  # what is left, typed on since, is shown again

    def _dismiss_orphans(self) -> None:
        """Delete the drafts and files shown (each only while it holds the text shown)
        and hide the files that cannot be read."""
        shown = [row for orphan in self._orphans for row in orphan.rows]
        self._dismissed_unread.update(file.path for file in self._unread_orphans)
        # Each file, like each row, only while it holds the text shown.
        for file in (file for orphan in self._orphans for file in orphan.files):
            remove_kept(file)
        try:
            # Each row only while it holds the text shown: one typed on since stays.
            if shown and self._db_problem is None:
                self.coach.forget_kept_drafts(shown)
        except StoreError:
            pass  # nothing is written to a database with a problem: gone from the page only
        else:
            self._refresh_orphans()
            return
        self._orphans, self._unread_orphans = [], []
        self.orphans_said.value = self.orphans_text.value = ""
        self.orphans.layout.display = "none"
        self._ask_orphans(False)

    def _own_files(self) -> set[Path]:
        """The files in unscored/ this view writes to (said beside the word count)."""
        spill, files = self.drafts.spill, self._answer_files
        own = set(spill.files()) if spill is not None else set()
        question_id = self.state.question_id
        path = files.path(question_id) if files is not None and question_id else None
        return own | ({path} if path is not None else set())

    def _label_restore(self) -> None:
        """Put in an empty box; below what is typed otherwise: never over it."""
        empty = not self.answer.value.strip()
        self.restore_waiting.description = PUT_IN if empty else ADD_BELOW
        self.restore_waiting.tooltip = PUT_IN_TIP if empty else ADD_BELOW_TIP

    def _on_restore_waiting(self, _button: w.Button) -> None:
        question_id = self.state.question_id
        offered = [k for k in self._waiting if k.text is not None]
        if self.state.busy or self._retired or question_id is None or not offered:
            return
        kept = offered[-1]  # the newest: the last text the earlier run kept
        assert kept.text is not None
        box = self.answer.value
        if box.strip():
            text = f"{box.rstrip()}\n\n{kept.text}"
        else:
            text = kept.text
            if self._answer_files is not None:
                # Typing on goes on in that file: the same answer is not kept twice.
                self._answer_files.adopt(question_id, kept.path, kept.text)
        self._restored.append(kept)
        self.answer.value = text  # saved as a draft, as typing is
        self._refresh_waiting()
        self.answer.focus()  # the button may be gone: the box is where to go on

    def _forget_restored(self, question_id: str) -> str:
        """Remove the files put back in the box whose text the database, read back, now
        holds in an attempt; what the status line says of it ("" for nothing)."""
        restored = [k for k in self._restored if k.question_id == question_id]
        if not restored:
            return ""
        try:
            read = self.coach.read_history(question_id)
        except StoreError:
            return ""  # not read back: kept, as it may be the only copy
        if read.damaged:
            # Not a file to leave the only copy in, and one nothing more is written to.
            self._damage_found(CorruptDatabaseError(read.warning or ""), certain=True)
            return ""
        saved = [attempt.answer for attempt in read.attempts]
        gone = [k for k in restored if forget_kept(k, saved)]
        # The rest (edited before scoring, say) are offered again, as they are.
        self._restored = [k for k in self._restored if k.question_id != question_id]
        self._refresh_waiting()
        if not gone:
            return ""
        names = ", ".join(escape(k.path.name) for k in gone)
        return f" Its file in unscored/ ({names}) is removed."
