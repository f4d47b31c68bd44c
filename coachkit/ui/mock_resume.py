"""Unfinished interviews (kept as drafts) offered to resume: which, how far each got,
and claiming one for this kernel, so two notebooks never run the same interview."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from ..interview import LEGACY_SESSION_KEY, SESSION_PREFIX, MockSession, session_key
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
        self.resume_button.layout.display = self.resume_pick.layout.display = "none"
        self.resume_note.value = ""
        self._candidates = self._find_resumable() if found is None else found
        if not self._candidates and self._scoring_here:
            self.resume_note.value = (
                '<span class="ck-muted">An interview is being scored in the view this one '
                "replaced: its report appears there.</span>"
            )
        elif not self._candidates and self._open_elsewhere:
            self.resume_note.value = f'<span class="ck-muted">{_open_elsewhere_note()}</span>'
        if self._candidates:
            self._list(self._candidates)

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
        return f"{session.started_at[:16].replace('T', ' ')} · {self._progress(session)}"

    def _offer_candidate(self, index: int) -> None:
        found = self._candidates[index]
        self._offer(found, f"An unfinished interview: {self._progress(found[1])}.")

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
        self.resume_button.layout.display = ""
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
        self.resume_note.value = (
            f'<span class="ck-muted">{escape(self._offer_note + scored)}</span>'
        )

    def _on_resume(self, _button: w.Button) -> None:
        if self.busy or self.session is not None or self._resumable is None:
            return
        if self._db_problem is not None:  # click() fires on a hidden button too
            return
        if self.drafts.unsaved and not self.drafts.flush():
            return  # the alert says what is not saved yet; Resume works once it is
        self.errors.clear()
        key = self._resumable[0]
        session = self._claim(key)
        if session is None:
            return
        self.session = session
        self._resumable, self._candidates = None, []
        self.resume_button.layout.display = "none"
        self.resume_pick.layout.display = "none"
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
            + " of this interview not scored yet: resume it, then press End now.",
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
