"""What is typed in the practice view: saved as a draft while typing, kept in a file in
unscored/ while the database does not take it, and the answers another window saved
that a save here went over."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..errors import CorruptDatabaseError
from ..store import storable
from .parts import damage_in, status_html
from .practice_base import LAST_QUESTION_KEY
from .practice_html import kept_html, kept_said, taken_words
from .practice_layout import PracticeLayout
from .single import retire_root
from .spill import refusal

__all__ = [
    "PracticeDrafts",
    "typed_answers",
]


class PracticeDrafts(PracticeLayout):
    """The answer box's drafts, and the answers other windows saved to this question."""

    def _on_answer(self, change: dict[str, Any]) -> None:
        self._update_word_count()
        if self._retired and not self._syncing and change["new"].strip():
            # The box is off the page: only a transcript still on its way lands here.
            retire_root(
                self.root, saved=False, kept=[(self._answer_label(), change["new"])], late=True
            )
            return
        if self._retired or self._syncing or self.state.question_id is None:
            return
        left = self._late.left_for(change["new"], change["old"])
        if left is not None and left != self.state.question_id:
            self._late_for_left(left, change["new"], change["old"])
            return
        self.drafts.update(self.state.question_id, change["new"])
        self._label_restore()
        if self._set_aside is not None and change["new"].strip():
            self._set_aside = None  # answering this one now: the other stays a draft
        if self._refused_empty and change["new"].strip():
            self._refused_empty = False
            self.errors.clear()  # answered: "the answer is empty" no longer holds
        self._show_stale(self._edited)
        self._late.typed()  # last: Score may be waiting for these words (see _on_score)

    def _late_for_left(self, question_id: str, text: str, shown: str) -> None:
        """``text``, the last words typed for ``question_id``, came in after another
        question was put on screen (see LateWords): kept as its draft, and the box shows
        ``shown``, this question's text, again. They came in as this question's answer."""
        self.drafts.update(question_id, text)
        self._set_answer(shown)
        prompt = self.coach.question(question_id).prompt
        self.status.value += status_html(
            f"The last words you typed for “{escape(prompt)}” came in after you left it: "
            "they are kept with that question."
        )

    def _draft_failed(self, exc: Exception) -> None:
        damage = damage_in(exc)
        if damage is not None and self._damage_found(damage):
            return  # said at the top; the text went on to its file (see _database_down)
        spill = self.drafts.spill
        if spill is None:  # files already (the database could not be used at all)
            self._draft_alert.failed(exc)
        else:
            self._draft_alert.failed(exc, spill.files(), spill.error)
        kept = self._spilled()
        if kept is None:
            # An older "Draft saved" would say the opposite of the alert above it.
            self.draft_status.value = "Not saved yet: trying again shortly."
            return
        reason = refusal(exc)
        why = f" ({escape(reason)})" if reason else ""
        self.draft_status.value = (
            f"Kept in {escape(kept.name)} at {datetime.now():%H:%M:%S}: the database could "
            f"not take it{why}."
        )

    def _spilled(self) -> Path | None:
        """The file holding the text on screen while the database does not take it."""
        spill, question_id = self.drafts.spill, self.state.question_id
        if spill is None or question_id is None:
            return None
        return spill.file(question_id, question_id)

    def _draft_saved(self, key: str) -> None:
        self._draft_alert.saved()
        files = self._answer_files
        path = files.path(key) if files is not None and files.text(key) else None
        if files is not None:
            # In a file, not the database: say which (an empty box has none).
            kept = f"Kept in {escape(path.name)} at {datetime.now():%H:%M:%S}." if path else ""
            self.draft_status.value = kept
        elif key != LAST_QUESTION_KEY:
            saved = f"Draft saved {datetime.now():%H:%M:%S}."
            spill = self.drafts.spill
            self.draft_status.value = saved + (taken_words(spill.last_taken(key)) if spill else "")
        if self._store_failed:
            # The database takes writes again (space freed, the lock gone): the error that
            # stopped the last score no longer holds.
            self._store_failed = False
            self.errors.clear()

    def _other_window_saved(self, key: str, _text: str) -> None:
        """A save here went over an answer saved elsewhere; it was kept: show it."""
        if key == self.state.question_id and not self._retired:
            self._refresh_kept()

    def _refresh_kept(self) -> None:
        """Show the answers kept for the question on screen (see ``_kept``)."""
        if self._db_problem is not None:
            return  # none can be read
        try:
            self._show_kept()
        except CorruptDatabaseError as exc:
            if not self._damage_found(exc):
                raise

    def _show_kept(self) -> None:
        with self._kept_lock:
            question_id = self.state.question_id
            kept = []
            if question_id is not None:
                # This view's own earlier text, kept by another window, is in the box
                # already (since the box last loaded: see DraftKeeper.writer); and so is
                # any the box goes on from (its own, kept before a re-run, say).
                own, box = self.drafts.writer(question_id), storable(self.answer.value)
                kept = [
                    d
                    for d in self.coach.kept_drafts(question_id)
                    if d.writer != own and not box.startswith(d.text)
                ]
            self._kept = kept
            self.other_said.value = kept_said(kept) if kept else ""
            self.other_text.value = kept_html(kept) if kept else ""
            self.other_answer.layout.display = "" if kept else "none"

    def _on_dismiss_other(self, _button: w.Button) -> None:
        with self._kept_lock:
            shown = list(self._kept)
        if self._db_problem is None:
            try:
                self.coach.forget_kept_drafts(shown)  # only what was shown: one kept since stays
                self._refresh_kept()
                return
            except CorruptDatabaseError as exc:
                if not self._damage_found(exc):
                    raise
        # Nothing is written to the database now: they go from the page, not from it.
        with self._kept_lock:
            self._kept = []
        self.other_said.value = self.other_text.value = ""
        self.other_answer.layout.display = "none"


def typed_answers(key: str, text: str) -> dict[str, str]:
    """The answer a practice draft holds, by question (the question last open is none)."""
    return {} if key == LAST_QUESTION_KEY else {key: text}
