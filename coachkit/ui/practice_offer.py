"""Answers an earlier run kept in unscored/ (the database could not take them then),
offered back under the box, and their files removed once the database holds them."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from ..errors import CorruptDatabaseError, StoreError
from ..store import storable
from ..unscored import KeptAnswer, forget_kept, kept_answers
from .practice_html import ADD_BELOW, ADD_BELOW_TIP, PUT_IN, PUT_IN_TIP, waiting_html
from .practice_layout import PracticeLayout

__all__ = ["PracticeOffer"]


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
