"""The end of a mock interview: every answer scored and saved (or why not), and the
report card shown."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from functools import partial
from html import escape

from ..config import LOCAL
from ..errors import CoachkitError, CorruptDatabaseError, NotSavedError
from ..interview import GONE, MockReport, MockSession, build_report, session_key
from ..models import Attempt
from .mock_base import SCORING_HERE, plural
from .mock_layout import MockLayout
from .parts import damage_in, readable, status_html
from .report import headline_text, report_html

__all__ = ["MockScoring"]


class MockScoring(MockLayout):
    """Scoring the answers at the end, and the report."""

    def _finish(self) -> None:
        session = self._require()
        self.countdown.stop()
        self.timer_label.value = ""  # the questions are over: no time left to count
        session.finished = True
        # Words typed just before may still be on their way (see LateWords): scored at
        # once, an answer typed up to Finish lost its last words.
        if self._answer_saved:
            self._late.forget()
        else:
            self._late.leave(session.current, session.answer(session.current))
        self._persist()
        self.busy = True
        SCORING_HERE.add(session.id)
        for control in (self.next_button, self.finish_button, self.answer):
            control.disabled = True
        self.progress.value = status_html("Scoring your answers…")
        self._late.settle(self.errors.guard(lambda: self._score_settled(session)))

    def _score_settled(self, session: MockSession) -> None:
        """Score the answers once the words typed before Finish came in (or none did)."""
        self._late.forget()  # any words later than this are not scored: none are taken
        self.runner.run(
            lambda: self._score_all(session, partial(self._report_progress, session)),
            self.errors.guard(self._scored),
            self.errors.guard(self._failed),
        )

    def _report_progress(
        self, session: MockSession, done: int, total: int, stood_in: Sequence[str] = ()
    ) -> None:
        """How far scoring got; once the scorer chosen failed on an answer (a provider
        down, a budget spent), that another scorer stood in, and why the next ones may
        take a while: each is tried with the scorer chosen first."""
        said = f"Scoring {done + 1} of {total}…"
        if stood_in:
            chosen = escape(session.scorer)
            which = plural(len(stood_in), "1 answer", "{count} answers")
            said += (
                f" {chosen} could not score {which} so far: {escape(_and(sorted(set(stood_in))))}"
                f" scored {'it' if len(stood_in) == 1 else 'them'} instead, as the report will "
                f"say. Each answer left is tried with {chosen} first."
            )
        self.progress.value = status_html(said)

    def _score_all(
        self, session: MockSession, progress: Callable[[int, int, Sequence[str]], None]
    ) -> MockReport:
        outcomes: dict[str, Attempt | str] = {}
        stood_in: list[str] = []  # the scorer of each answer a fallback scored, so far
        self._unsaved = set()
        # Deleted while the interview was open (its answer still held here): scored by
        # its key again, it would be saved again.
        deleted = self._deleted(session)
        answered = [q for q in session.question_ids if session.answer(q).strip()]
        for done, qid in enumerate(answered):
            progress(done, len(answered), stood_in)
            if qid not in self.coach.bank:
                # Scored and saved when the interview first ended, it stays scored (else
                # the interview would be kept to score it again, for ever); else it waits.
                first = self._saved_attempt(session.key(qid))
                outcomes[qid] = first or f"Not scored: this question is {GONE}. The answer is kept."
                continue
            outcomes[qid] = outcome = self._score_one(session, qid)
            if isinstance(outcome, Attempt) and outcome.card.stood_in:
                stood_in.append(outcome.card.scorer)
        session.saved = [
            qid
            for qid in session.question_ids
            if qid in deleted
            or (isinstance(outcomes.get(qid), Attempt) and qid not in self._unsaved)
        ]
        return build_report(session, self.coach.bank, outcomes, self._history(), deleted)

    def _score_one(self, session: MockSession, qid: str) -> Attempt | str:
        """One answer scored and saved: its attempt, or why not. Damage found on the way
        switches the view, and the answer is then scored but saved nowhere."""
        if self._db_problem is None:
            try:
                return self.coach.submit(
                    qid, session.answer(qid), scorer=session.scorer, key=session.key(qid)
                )
            except CoachkitError as exc:
                damage = damage_in(exc)
                if damage is None or not self._damage_found(damage):
                    return _not_scored(exc)
                if isinstance(exc, NotSavedError):  # scored: the card is not lost
                    self._unsaved.add(qid)
                    return exc.attempt
        try:
            # The offline scorer: an LLM profile keeps its budget in the database.
            attempt = self.coach.submit(
                qid, session.answer(qid), scorer=LOCAL, key=session.key(qid), save=False
            )
        except CoachkitError as exc:
            return _not_scored(exc)
        self._unsaved.add(qid)
        return attempt

    def _history(self) -> list[Attempt]:
        """The saved attempts, for what to practise next; none while the database is not
        used (damage a read finds switches the view)."""
        if self._db_problem is not None:
            return []
        try:
            read = self.coach.read_history()
        except CorruptDatabaseError as exc:
            if self._damage_found(exc):
                return []
            raise
        if read.damaged:
            self._damage_found(CorruptDatabaseError(read.warning or ""), certain=True)
        return read.attempts

    def _scored(self, report: MockReport) -> None:
        SCORING_HERE.discard(report.session.id)
        self.busy = False
        self.report = report
        session, self.session = report.session, None
        unscored = sum(1 for r in report.rows if r.answer.strip() and r.attempt is None)
        if self._db_problem is not None:
            self._kept_note = ""  # nothing to resume: the answers are in their files
        elif unscored:
            # Those answers are in no attempt: the session's draft is all that keeps them
            # past a kernel restart, so it stays until a resumed finish saves them.
            self._keep(session, unscored)
        else:
            self._kept_note = ""
            self.drafts.save_now(session_key(session), "")
        self.report_view.value = self._not_saved_html(report) + report_html(report)
        self.progress.value = ""
        self.new_button.layout.display = "none" if self._retired else ""
        self.saved = None
        # A report of nothing but skipped questions has nothing worth keeping.
        empty = len(report.skipped) == len(report.rows)
        self.save_button.disabled = empty
        if empty:
            self.status.value = status_html("Nothing to save: no question was answered.")
        else:
            # Focus moves to Save report, whose name says nothing of the report: without
            # this line a screen reader user heard "Save report, button" and no score.
            ready = f"Your report is below: {escape(headline_text(report).rstrip('.'))}."
            kept = self._kept_note
            self.status.value = (
                f'<span role="status">{ready} {kept}</span>' if kept else status_html(ready)
            )
        self._show(self.done)
        if not self._retired:  # else focus is in the newer view: it stays there
            # The questions' buttons are hidden: focus goes to the first of the report's.
            (self.new_button if empty else self.save_button).focus()

    def _not_saved_html(self, report: MockReport) -> str:
        """Above a report whose answers were scored but saved nowhere (the database found
        damaged): which, and the command that saves each from its file once it is fixed."""
        rows = [r for r in report.rows if r.attempt is not None and r.question.id in self._unsaved]
        if not rows or self._files is None:
            return ""
        key = session_key(report.session)
        kept = [(r.question.id, self._files.file(key, r.question.id)) for r in rows]
        commands = "".join(
            f"<li><code>coachkit score {escape(qid)} --answer-file "
            f"{escape(shlex.quote(str(path)))}</code></li>"
            for qid, path in kept
            if path is not None
        )
        where = (
            " Each is kept in a file of its own: once the database is fixed, its command "
            f"below scores it again and saves it.</p><ul>{commands}</ul>"
            if commands
            else "</p>"
        )
        which = plural(len(rows), "this answer was", "{count} answers were")
        return (
            '<div class="ck-warn"><p><b>Not saved to your history</b>: the database has the '
            f"problem said at the top, so {which} scored but saved nowhere.{where}</div>"
        )

    def _failed(self, exc: Exception) -> None:
        if self.session is not None:
            SCORING_HERE.discard(self.session.id)
        self.busy = False
        for control in (self.next_button, self.finish_button):
            control.disabled = False
        self.answer.disabled = self._answer_saved
        self.progress.value = ""
        if self._retired:
            # End now is off the page, and the newer view said the report comes here.
            self.errors.show(
                f"{readable(exc)}\nYour answers are kept: run the notebook again, then "
                "Resume interview and End now to score them."
            )
            return
        self.errors.show(exc)
        self.finish_button.focus()  # disabled while scoring, it had lost focus; it retries


def _not_scored(exc: CoachkitError) -> str:
    """What the report says of an answer scoring or saving failed on."""
    if isinstance(exc, NotSavedError):  # scored: "not scored" would be untrue
        return f"Scored {exc.attempt.card.overall}/100, not saved: {exc.cause} It is kept."
    return f"Not scored: {exc}"


def _and(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
