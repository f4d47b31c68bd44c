"""Unfinished interviews (kept as drafts) offered to resume: which, how far each got,
and claiming one for this kernel, so two notebooks never run the same interview."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import paths
from ..errors import StoreError
from ..interview import (
    LEGACY_SESSION_KEY,
    SESSION_PREFIX,
    STALE_DAYS,
    MockSession,
    session_key,
)
from ..store import DraftsRead
from ..unscored import DraftsKept, keep_drafts
from .mock_base import SCORING_HERE, plural
from .mock_layout import MockLayout
from .parts import in_voila

__all__ = ["MockResume"]


class MockResume(MockLayout):
    """The offer to resume, and Resume interview."""

    def _offer_resumable(self, found: list[tuple[str, MockSession]] | None = None) -> None:
        """Offer the unfinished interviews as the store has them now (``found``: as just
        read)."""
        self._resumable = None
        for hidden in (self.resume_button, self.discard_button, self.resume_pick):
            hidden.layout.display = "none"
        self._say("")
        self._candidates = self._find_resumable() if found is None else found
        if not self._candidates and self._scoring_here:
            self._say(
                "An interview is being scored in the view this one replaced: its report "
                "appears there."
            )
        elif not self._candidates and self._open_elsewhere:
            self._say(_open_elsewhere_note())
        if self._candidates:
            self._list(self._candidates)

    def _say(self, note: str) -> None:
        """Show ``note`` beside Resume, after what became of interviews put away."""
        said = "<br>".join(escape(part) for part in (self._put_away_note, note) if part)
        self.resume_note.value = f'<span class="ck-muted">{said}</span>' if said else ""

    def _tidy(self, found: list[tuple[str, MockSession]]) -> list[tuple[str, MockSession]]:
        """``found`` (newest first) less the interviews left for good, put away (see
        _put_away): one neither started nor resumed for STALE_DAYS days, and one with
        nothing typed that a newer one followed. The newest is kept even with nothing
        typed: it may be the one just left, its questions still to answer."""
        kept, stale, answers = [], 0, 0
        for index, (key, session) in enumerate(found):
            old = session.stale()
            if old or (index > 0 and not session.typed):
                try:
                    put = self._put_away(key)
                except StoreError:
                    put = None  # a home read only, say: it stays on offer, as before
                if isinstance(put, DraftsKept):
                    stale += old
                    answers += put.answers + put.present
                    continue
            kept.append((key, session))
        if stale:
            self._put_away_note = (
                plural(stale, "1 interview", "{count} interviews")
                + f" left over {STALE_DAYS} days ago "
                + plural(stale, "was", "were")
                + " put away"
                + (f": {_kept(answers, paths.unscored_dir())}" if answers else ".")
            )
        return kept

    def _put_away(self, key: str) -> DraftsKept | str:
        """Stop keeping the interview under ``key``: each answer typed in it and not in an
        attempt goes to a file of its own in unscored/, where Practice offers it back under
        its question, then its draft goes. Scored answers stay in the history. Why not
        when it is not: it is only kept while a file could not be written (the draft is
        then their only copy), or once another notebook resumed or changed it."""
        saved = self.coach.load_draft(key)
        session = self._readable(saved)
        if saved is None or session is None or session.open_elsewhere:
            return "another notebook resumed or changed it meanwhile"
        attempts = [self.coach.store.get_attempt(session.key(q)) for q in session.question_ids]
        kept = keep_drafts(
            DraftsRead(drafts=[(key, saved)]), [a for a in attempts if a is not None]
        )
        if kept.unwritten or kept.unreadable:
            return (
                f"its answers not scored could not be written to {kept.folder} "
                f"({kept.error or 'not readable'}), and it is their only copy"
            )
        if not self.coach.swap_draft(key, saved, ""):  # only as read: no typing lost
            return "another notebook resumed or changed it meanwhile"
        if self.coach.load_draft(key) == "":
            self.coach.save_draft(key, "")  # an empty text removes the row
        return kept

    def _on_discard(self, _button: w.Button) -> None:
        if self.busy or self.session is not None or self._resumable is None:
            return
        if self._db_problem is not None:  # click() fires on a hidden button too
            return
        if self.drafts.unsaved and not self.drafts.flush():
            return  # the alert says what is not saved yet
        self.errors.clear()
        key, session = self._resumable
        put = self._put_away(key)
        if isinstance(put, str):
            self.errors.show(
                f"This interview was not discarded: {put}. Resume it to finish it, or press "
                "Discard again."
            )
            self._offer_resumable()
            return
        kept = put.answers + put.present
        started = _started(session)
        self._put_away_note = f"Discarded the interview started {started}" + (
            f": {_kept(kept, put.folder)}"
            if kept
            else ": no answer in it was waiting for a score (scored ones stay in your history)."
        )
        self._offer_resumable()
        self.start_button.focus()  # Discard, with focus, is hidden or offers the next one

    def _list(self, candidates: list[tuple[str, MockSession]]) -> None:
        """Offer the first of ``candidates``; the others are a pick away (every
        unfinished interview can be reached, not just the newest)."""
        self._candidates = candidates
        self.resume_pick.options = [
            (self._describe(session), index) for index, (_key, session) in enumerate(candidates)
        ]
        self.resume_pick.value = 0
        self.resume_pick.layout.display = "" if len(candidates) > 1 else "none"
        self._offer_candidate(0)

    def _progress(self, session: MockSession) -> str:
        """How far an unfinished interview got, or how many answers wait for a score."""
        waiting = self._unscored(session)
        if waiting:
            return plural(waiting, "1 answer", "{count} answers") + " not scored yet"
        return f"question {session.index + 1} of {len(session.question_ids)}"

    def _describe(self, session: MockSession) -> str:
        """One line for the pick list: when it started, and its progress."""
        return f"{_started(session)} · {self._progress(session)}"

    def _offer_candidate(self, index: int) -> None:
        """Offer one, saying which (when it started) and what it holds: Discard is beside
        it, and one left with nothing typed is worth less than one half answered."""
        found = self._candidates[index]
        session = found[1]
        typed = sum(1 for answer in session.answers.values() if str(answer).strip())
        held = (
            ""
            if self._unscored(session)
            else ", " + plural(typed, "1 answer typed", "{count} answers typed")
            if typed
            else ", nothing typed yet"
        )
        progress = self._progress(session)
        self._offer(
            found, f"An unfinished interview, started {_started(session)}: {progress}{held}."
        )

    def _on_pick(self, change: dict[str, Any]) -> None:
        if self._candidates and isinstance(change["new"], int):
            self._offer_candidate(change["new"])

    def _find_resumable(self) -> list[tuple[str, MockSession]]:
        """The unfinished interviews this notebook may resume, newest first, with the
        keys they are saved under."""
        # The legacy key is a prefix of the new ones: one newest-first list holds both.
        self._open_elsewhere = self._scoring_here = 0
        found: list[tuple[str, MockSession]] = []
        for key in self.coach.draft_keys(LEGACY_SESSION_KEY):
            if key != LEGACY_SESSION_KEY and not key.startswith(SESSION_PREFIX):
                continue
            session = self._readable(self.coach.load_draft(key))
            if session is not None and session.id in SCORING_HERE:
                # Resumed here, its answers would be scored twice over: the older view
                # scoring them shows the report.
                self._scoring_here += 1
                continue
            # One open in another running notebook is that notebook's to finish: two
            # kernels writing one session would each undo the other's typing.
            if session is not None and session.open_elsewhere:
                self._open_elsewhere += 1
            elif session is not None:
                found.append((key, session))
        return found

    def _readable(self, saved: str | None) -> MockSession | None:
        if not saved:
            return None
        try:
            session = MockSession.from_json(saved)
            typed = any(answer.strip() for answer in session.answers.values())
        except (ValueError, TypeError, AttributeError):
            return None  # an unreadable old session is not worth an error
        # A question taken out of the bank since stands in (see asked): its answer stays.
        if not typed and not any(qid in self.coach.bank for qid in session.question_ids):
            return None
        return session

    def _unscored(self, session: MockSession) -> int:
        """Answers of ``session`` typed but not in any saved attempt (a finish failed)."""
        if not session.finished:
            return 0  # still being answered: nothing was sent for scoring yet
        # One saved, then deleted, is not waiting for a score (see MockSession.deleted).
        answered = [
            q for q in session.question_ids if session.answer(q).strip() and q not in session.saved
        ]
        return sum(1 for q in answered if self.coach.store.get_attempt(session.key(q)) is None)

    def _offer(self, found: tuple[str, MockSession], note: str) -> None:
        self._resumable, self._offer_note = found, note
        self.resume_button.layout.display = self.discard_button.layout.display = ""
        self._say_offer()

    def _say_offer(self, _change: object = None) -> None:
        """The offer to resume, naming the scorer it started with when another is shown.

        Resume and Start both use the scorer shown, so the offer never changes it: a
        scorer that changed by itself would score a new interview unasked.
        """
        if self._resumable is None:
            return
        started, chosen = self._resumable[1].scorer, str(self.scorer.value)
        scored = (
            f" It started with {started}; Resume scores it with the scorer chosen above "
            f"(now {chosen})."
            if started and started != chosen
            else " It will be scored by the scorer chosen above."
        )
        self._say(self._offer_note + scored)

    def _on_resume(self, _button: w.Button) -> None:
        if self.busy or self.session is not None or self._resumable is None:
            return
        if self._db_problem is not None:  # click() fires on a hidden button too
            return
        if self.drafts.unsaved and not self.drafts.flush():
            return  # the alert says what is not saved yet; Resume works once it is
        self.errors.clear()
        if self._refresh_scorers(then="Resume interview"):
            # Resumed, every answer would fail to score at the end, and the interview be
            # kept again: said now, before another round of questions.
            return
        key = self._resumable[0]
        session = self._claim(key)
        if session is None:
            return
        self.session = session
        self._resumable, self._candidates = None, []
        for hidden in (self.resume_button, self.discard_button, self.resume_pick):
            hidden.layout.display = "none"
        self._put_away_note = ""
        self.resume_note.value = ""
        self._ask()
        # Saved under its own key now, the session leaves the shared legacy key, which
        # every notebook would otherwise offer (and overwrite).
        if key == LEGACY_SESSION_KEY and self._persist():
            self.drafts.save_now(LEGACY_SESSION_KEY, "")

    def _claim(self, key: str) -> MockSession | None:
        """The interview under ``key``, as the store has it, now run by this kernel; None
        (and why, said) when the offer is out of date: another notebook resumed or
        finished it since, which two kernels running one interview would undo, or it
        changed between this read and this claim (an answer deleted from the history)."""
        offered = self._resumable[1] if self._resumable is not None else None
        saved = self.coach.load_draft(key)
        session = self._readable(saved)
        if saved is not None and session is not None and not session.open_elsewhere:
            read = self._readable(saved)  # as read, before it is claimed below
            session.scorer = str(self.scorer.value)  # the scorer chosen now, see _offer
            if session.finished:  # kept by a coachkit that did not write down what it saved
                session.saved = [
                    *session.saved,
                    *(q for q in self._in_attempts(session) if q not in session.saved),
                ]
            session.finished = False  # being answered again until the next finish
            session.claim()
            # Only while no other kernel has claimed it, nor a delete changed it, since it
            # was read.
            if self.coach.swap_draft(key, saved, session.to_json()):
                return session
            offered = read
        self.errors.show(self._not_claimed(key, offered or session))
        self._offer_resumable()
        return None

    def _not_claimed(self, key: str, offered: MockSession | None) -> str:
        """Why the interview ``offered`` (as last read here) could not be resumed: what
        the store says became of it meanwhile."""
        now = self._readable(self.coach.load_draft(key))
        if now is None and offered is not None and key == LEGACY_SESSION_KEY:
            # Resumed, it moves to its own key (see _on_resume).
            now = self._readable(self.coach.load_draft(session_key(offered)))
        if now is not None and now.open_elsewhere:
            return "This interview was resumed in another notebook meanwhile: carry on there."
        if now is not None:
            deleted = offered is not None and any(
                offered.answer(q).strip() and not now.answer(q).strip() for q in now.question_ids
            )
            why = (
                "an answer in it was deleted from your history"
                if deleted
                else "another notebook had it open"
            )
            return (
                f"This interview changed as it was being resumed ({why} meanwhile): press "
                "Resume interview again to resume it as it is now."
            )
        scored = offered is not None and any(
            offered.answer(q).strip() and q not in offered.saved and self._in_store(offered.key(q))
            for q in offered.question_ids
        )
        if scored or offered is None:
            return (
                "This interview is no longer waiting to be resumed: another notebook finished "
                "it since this offer was made."
            )
        return (
            "This interview is no longer waiting to be resumed: its answers were deleted from "
            "your history since this offer was made."
        )

    def _keep(self, session: MockSession, unscored: int) -> None:
        """Offer the session again, so its unscored answers can be scored later."""
        # No longer running here: any notebook may resume it to score what is left.
        session.kernel = ""
        key = session_key(session)
        self.drafts.save_now(key, session.to_json())
        self._list([(key, session), *(c for c in self._candidates if c[0] != key)])
        self._offer(
            (key, session),
            plural(unscored, "1 answer", "{count} answers")
            + " of this interview not scored yet: resume it, then press End now or Finish.",
        )
        told = plural(
            unscored,
            "1 answer was not scored; it is kept. Resume the interview to score it again",
            "{count} answers were not scored; they are kept. "
            "Resume the interview to score them again",
        )
        how = "run the notebook again" if self._retired else "press New interview"
        self._kept_note = (
            f"<span>{told}: {how}, pick a scorer that works, then Resume interview and End "
            "now.</span>"
        )


def _started(session: MockSession) -> str:
    """When ``session`` started, in this machine's time, as its report dates it (it is
    saved in UTC: a label cut from that was hours off away from Greenwich)."""
    try:
        return f"{datetime.fromisoformat(session.started_at).astimezone():%Y-%m-%d %H:%M}"
    except (TypeError, ValueError):
        return str(session.started_at)[:16].replace("T", " ")


def _kept(count: int, folder: Path) -> str:
    """Where the answers of interviews put away went, and how to get them back."""
    return plural(count, "1 answer not scored is", "{count} answers not scored are") + (
        f" kept in {folder}, a file each: the practice notebook offers each back under its "
        "question (Put it in the box)."
    )


def _open_elsewhere_note() -> str:
    """Why no interview is offered: one is open in another kernel. In Voila, that is
    often the kernel of this very page before a reload, or of a page closed: Voila leaves
    it running (the README's Voila command stops it once no page is connected)."""
    if not in_voila():
        return "An interview is open in another notebook: finish it there, or start a new one here."
    return (
        "An interview is open in another page: finish it there, or start a new one here. One "
        "left in a page you reloaded or closed is offered here again once Voila stops that "
        "page's kernel (2 to 3 minutes after its question's time ran out, with Voila started "
        "as the README says): reload this page then."
    )
