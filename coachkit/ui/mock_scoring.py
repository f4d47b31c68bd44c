"""The end of a mock interview: every answer scored and saved (or why not), and the
report card shown."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from html import escape

from ..config import LOCAL
from ..errors import (
    BudgetExceededError,
    CoachkitError,
    CorruptDatabaseError,
    NotSavedError,
    ProviderError,
)
from ..interview import GONE, MockReport, MockSession, build_report, session_key
from ..models import Attempt
from ..scoring.base import Scorer
from ..wording import and_list
from .mock_base import SCORING_HERE, plural
from .mock_layout import MockLayout
from .parts import damage_in, readable, status_html
from .report import headline_text, report_html

__all__ = ["MockScoring"]

# Failures that will not pass in the seconds between two answers, by ProviderError kind,
# as said of the answer they happened on. A rate limit, a server error or a reply that
# could not be read may, and the next answer is tried with the LLM again.
_LASTING = {
    "timeout": "timed out",
    "connection": "could not be reached",
    "auth": "was refused its key",
    "missing_key": "has no API key set",
    "unknown_model": "does not know its model",
    "quota": "is out of credit",
    "redirect": "is redirected elsewhere",
}


_WAITS = f"Not scored: this question is {GONE}. The answer is kept."


@dataclass(frozen=True)
class _GaveUp:
    """The scorer chosen failed on an answer for a reason that lasts: the answers after
    it are scored by the one that stood in, without trying it again; with none to stand
    in (no fallback), they are kept unscored, to score once it is back."""

    chosen: str
    what: str  # "timed out"
    number: int  # the answer it failed on, counted from 1 as the report counts them
    by: str | None  # the scorer that stood in; None: no fallback

    @property
    def said(self) -> str:
        return f"{self.chosen} {self.what} on answer {self.number}"


def _lasting(scorer: Scorer | None) -> str | None:
    """How the failure that made ``scorer`` fall back on its last score is said, if it
    lasts ("timed out"); None when it scored, or for a failure that may pass."""
    from ..llm.fallback import FallbackScorer  # loaded already: the profile was built

    return _lasts(scorer.last_failure if isinstance(scorer, FallbackScorer) else None)


def _lasts(failure: CoachkitError | None) -> str | None:
    """How ``failure`` is said if it lasts ("timed out"), else None."""
    if isinstance(failure, BudgetExceededError):
        return "reached the LLM budget"
    if isinstance(failure, ProviderError):
        return _LASTING.get(failure.kind)
    return None


class MockScoring(MockLayout):
    """Scoring the answers at the end, and the report."""

    def _finish(self) -> None:
        session = self._require()
        self.countdown.stop()
        self.timer_label.value = ""  # the questions are over: no time left to count
        session.finished = True
        self.recorder.forget()  # the questions are over: no recording to fix now
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
        self,
        session: MockSession,
        done: int,
        total: int,
        stood_in: Sequence[str] = (),
        gave_up: _GaveUp | None = None,
    ) -> None:
        """How far scoring got; once the scorer chosen failed on an answer (a provider
        down, a budget spent), that another scorer stood in, and why the next ones may
        take a while: each is tried with the scorer chosen first, unless it failed for a
        reason that lasts (see _GaveUp)."""
        said = f"Scoring {done + 1} of {total}…"
        if gave_up is not None:
            left = (
                f"scored by {escape(gave_up.by)} without trying {escape(gave_up.chosen)} again"
                if gave_up.by
                else "not sent to it again, and are kept to score later"
            )
            said += f" {escape(gave_up.said)}: the answers left are {left}, as the report will say."
        elif stood_in:
            chosen = escape(session.scorer)
            which = plural(len(stood_in), "1 answer", "{count} answers")
            others = escape(and_list(sorted(set(stood_in))))
            said += (
                f" {chosen} could not score {which} so far: {others}"
                f" scored {'it' if len(stood_in) == 1 else 'them'} instead, as the report will "
                f"say. Each answer left is tried with {chosen} first."
            )
        self.progress.value = status_html(said)

    def _score_all(
        self,
        session: MockSession,
        progress: Callable[[int, int, Sequence[str], _GaveUp | None], None],
    ) -> MockReport:
        outcomes: dict[str, Attempt | str] = {}
        stood_in: list[str] = []  # the scorer of each answer a fallback scored, so far
        self._unsaved = set()
        self._gave_up_note = ""
        # Deleted while the interview was open (its answer still held here): scored by
        # its key again, it would be saved again.
        deleted = self._deleted(session)
        answered = [q for q in session.question_ids if session.answer(q).strip()]
        gave_up: _GaveUp | None = None
        skipped: list[int] = []  # the answers scored without trying the scorer chosen
        chosen = self._chosen(session)
        for done, qid in enumerate(answered):
            progress(done, len(answered), stood_in, gave_up)
            if qid not in self.coach.bank:
                # Scored and saved when the interview first ended, it stays scored
                # (else the interview would be kept to score it again, for ever);
                # else it waits.
                outcomes[qid] = self._saved_attempt(session.key(qid)) or _WAITS
                continue
            number = session.question_ids.index(qid) + 1
            if gave_up is not None and gave_up.by is None:
                # No fallback: sent again, it would only wait out the same timeout.
                outcomes[qid] = (
                    f"Not scored: {gave_up.said}, so it was not sent again. The answer is kept."
                )
                skipped.append(number)
                continue
            outcomes[qid] = outcome = self._score_one(session, qid, gave_up)
            if gave_up is not None:
                if isinstance(outcome, Attempt):
                    skipped.append(number)
                continue
            if isinstance(outcome, Attempt) and outcome.card.stood_in:
                stood_in.append(outcome.card.scorer)
                if lasting := _lasting(chosen):
                    # With a server that hangs, each answer left would wait out its
                    # timeout and retries first, minutes each, to be scored the same.
                    gave_up = _GaveUp(session.scorer, lasting, number, outcome.card.scorer)
            elif isinstance(outcome, str) and (lasting := _lasts(self._failure)):
                gave_up = _GaveUp(session.scorer, lasting, number, None)
        if gave_up is not None and skipped:
            one = len(skipped) == 1
            self._gave_up_note = f"{gave_up.said}: {_numbers(skipped)} " + (
                f"{'was' if one else 'were'} scored by {gave_up.by} without trying it again."
                if gave_up.by
                else f"{'was' if one else 'were'} not sent to it again, and "
                f"{'is' if one else 'are'} kept to score later."
            )
        session.saved = [
            qid
            for qid in session.question_ids
            if qid in deleted
            or (isinstance(outcomes.get(qid), Attempt) and qid not in self._unsaved)
        ]
        return build_report(session, self.coach.bank, outcomes, self._history(), deleted)

    def _chosen(self, session: MockSession) -> Scorer | None:
        """The scorer the interview is scored by; None for the offline one (no LLM to
        give up on) and when it cannot be built (each answer says why)."""
        if session.scorer == LOCAL:
            return None
        try:
            return self.coach.scorer(session.scorer)
        except CoachkitError:
            return None

    def _score_one(
        self, session: MockSession, qid: str, gave_up: _GaveUp | None = None
    ) -> Attempt | str:
        """One answer scored and saved: its attempt, or why not. Damage found on the way
        switches the view, and the answer is then scored but saved nowhere."""
        self._failure = None
        if self._db_problem is None:
            try:
                return self._submit(session, qid, gave_up)
            except CoachkitError as exc:
                self._failure = exc  # a lasting one: the answers left are not sent
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

    def _submit(self, session: MockSession, qid: str, gave_up: _GaveUp | None) -> Attempt:
        """Score and save one answer by the interview's scorer or, once it gave up, by
        the one that stood in, the card saying why (as a fallback's does, so the report
        marks it and offers to rescore it)."""
        key = session.key(qid)
        if gave_up is None:
            return self.coach.submit(qid, session.answer(qid), scorer=session.scorer, key=key)
        first = self.coach.store.get_attempt(key)
        if first is not None:  # saved when the interview first ended: it stays
            return first
        attempt = self.coach.submit(
            qid, session.answer(qid), scorer=gave_up.by, key=key, save=False
        )
        card = attempt.card
        note = (
            f"{gave_up.chosen} was not tried again: it {gave_up.what} on answer "
            f"{gave_up.number} (see its note). Scored by {card.scorer} instead."
        )
        card = card.model_copy(update={"notes": [*card.notes, note]})
        return self.coach.save(attempt.model_copy(update={"card": card}))

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
            if self._gave_up_note:
                ready += f" {escape(self._gave_up_note)}"
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
                "Resume interview, and End now or Finish, to score them."
            )
            return
        self.errors.show(exc)
        self.finish_button.focus()  # disabled while scoring, it had lost focus; it retries


def _not_scored(exc: CoachkitError) -> str:
    """What the report says of an answer scoring or saving failed on."""
    if isinstance(exc, NotSavedError):  # scored: "not scored" would be untrue
        return f"Scored {exc.attempt.card.overall}/100, not saved: {exc.cause} It is kept."
    return f"Not scored: {exc}"


def _numbers(numbers: list[int]) -> str:
    """``answer 4``, ``answers 4-5``, ``answers 2, 4 and 5``."""
    if len(numbers) == 1:
        return f"answer {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"answers {numbers[0]}-{numbers[-1]}"
    return f"answers {and_list([str(n) for n in numbers])}"
