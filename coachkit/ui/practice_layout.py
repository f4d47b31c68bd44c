"""The practice view's page: its widgets, top to bottom, and the few helpers that set
what they show of the question on screen."""

from __future__ import annotations

import ipywidgets as w

from ..config import LOCAL
from ..models import CATEGORIES, Question
from .parts import (
    SCORER_WIDTH,
    bank_notice,
    button,
    dropdown,
    header,
    html,
    live_html,
    root,
    row,
    store_notice,
)
from .practice_base import SCORE, TIMER_CHOICES, PracticeBase
from .practice_html import PUT_IN, PUT_IN_TIP, word_count_text
from .recording import RecordingButton

__all__ = ["PracticeLayout"]


class PracticeLayout(PracticeBase):
    """The widgets, built once as the view opens (PracticeView wires them)."""

    def _build(self) -> None:
        """The page, top to bottom: what to answer, the answer, scoring, the results."""
        self._build_picker()
        self._build_answer_box()
        self._build_scoring()
        self._wire()
        self._lay_out()

    def _build_picker(self) -> None:
        """The scorer, the filters, the question and its guidance."""
        self.scorer = dropdown(
            "Scorer", [(LOCAL, LOCAL)], width=SCORER_WIDTH, tooltip="Which scorer grades answers"
        )
        self.scorer.add_class("coachkit-scorer")
        # The scorer chosen cannot be called (its key unset): said under the box, as it
        # is picked (see PracticeView._show_key_hint).
        self.key_hint = html("", "coachkit-key-hint", width="100%")
        self.key_hint.layout.display = "none"
        # As wide as their widest option: a fixed width cut "engineering-manager" and long tags.
        self.role = dropdown("Role", [("every role", "")], width="auto")
        self.category = dropdown(
            "Category", [("all", ""), *((c, c) for c in CATEGORIES)], width="210px"
        )
        self.difficulty = dropdown(
            "Difficulty",
            [("any", ""), ("easy", "easy"), ("medium", "medium"), ("hard", "hard")],
            width="160px",
        )
        self.tag = dropdown("Tag", [("any", "")], width="auto")
        self.search = w.Text(
            description="Search",
            placeholder="words in the question",
            style={"description_width": "initial"},
            layout=w.Layout(width="230px"),
        )
        self.search.add_class("coachkit-search")
        self.question = w.Dropdown(
            description="Question",
            options=[],
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.question.add_class("coachkit-question")
        self.match_count = html("", "ck-muted")
        self.next_button = button(
            "Next up", "coachkit-next", icon="forward", tooltip="Go to the suggested question"
        )
        self.next_hint = html("", "coachkit-next-hint", width="100%")
        self.prompt = html("", "coachkit-prompt", width="100%")
        # <details> rather than an Accordion: its summary takes keyboard focus.
        self.guidance = html("", "coachkit-guidance", width="100%")
        self._filters = (self.role, self.category, self.difficulty, self.tag, self.search)

    def _build_answer_box(self) -> None:
        """The answer, its word count and draft status, and the countdown."""
        self.answer = w.Textarea(
            description="Answer",
            placeholder="Type or paste your answer. It is saved as a draft while you type.",
            layout=w.Layout(width="100%", height="220px"),
            style={"description_width": "initial"},
        )
        self.answer.add_class("coachkit-answer")
        self.word_count = html("", "coachkit-wordcount")
        self.draft_status = html("", "ck-muted")
        self.draft_status.add_class("coachkit-draft-status")
        self.timer_length = dropdown("Timer", TIMER_CHOICES, 120, width="150px")
        self.timer_button = button("Start timer", "coachkit-timer-button", icon="clock-o")
        self.timer_label = html("", "coachkit-timer")
        # Answers to this question another window (or an earlier run) saved, kept when a
        # save here went over them (see DraftKeeper): shown until dismissed, to copy from.
        # Its sentence goes in a live region on the page (empty) before it is said: one
        # shown along with its words, as the panel below is, is often not read out.
        self.other_said = live_html("coachkit-other-said", width="100%")
        self.other_text = html("", width="100%")
        self.dismiss_other = button(
            "Dismiss",
            "coachkit-dismiss-other",
            icon="times",
            tooltip="Forget the answers shown above",
        )
        self.other_answer = w.VBox(
            [self.other_text, self.dismiss_other], layout=w.Layout(width="100%", display="none")
        )
        self.other_answer.add_class("coachkit-other-answer")
        # Answers kept in unscored/ by an earlier run: said in a live region on the page
        # from the start, and offered back with a button (shown only when there are).
        self.waiting_said = live_html("coachkit-waiting-said", width="100%")
        self.restore_waiting = button(
            PUT_IN, "coachkit-restore-waiting", icon="undo", tooltip=PUT_IN_TIP, hidden=True
        )
        # Answers typed for questions the bank no longer has (see _refresh_orphans): said
        # in a live region on the page from the start, as the panel above.
        self.orphans_said = live_html("coachkit-orphans-said", width="100%")
        self.orphans_text = html("", width="100%")
        # It deletes their drafts and files in unscored/, with the database down perhaps
        # the only copy: the tooltip says so before the click, and a click asks first.
        self.dismiss_orphans = button(
            "Dismiss",
            "coachkit-dismiss-orphans",
            icon="times",
            tooltip=(
                "Delete the answers shown above, for questions no longer in the bank (their "
                "drafts and files in unscored/): asks first; copy what you want to keep"
            ),
        )
        # Nothing undoes a delete, and Enter on a focused button is one keystroke: the
        # delete is asked for once more, as Progress asks before deleting an attempt.
        self.delete_orphans = button(
            "Delete for good", "coachkit-delete-orphans", icon="trash", style="danger"
        )
        self.keep_orphans = button("Keep them", "coachkit-keep-orphans", tooltip="Delete nothing")
        self.orphans_confirm = w.HBox([self.delete_orphans, self.keep_orphans])
        self.orphans_confirm.layout.display = "none"
        self.orphans = w.VBox(
            [self.orphans_text, self.dismiss_orphans, self.orphans_confirm],
            layout=w.Layout(width="100%", display="none"),
        )
        self.orphans.add_class("coachkit-orphans")

    def _build_scoring(self) -> None:
        """Score and Try again, a recorder when a transcriber is set, and the results."""
        self.score_button = button(
            SCORE, "coachkit-score", icon="check", tooltip="Score this answer", style="primary"
        )
        self.retry_button = button(
            "Try again",
            "coachkit-retry",
            icon="repeat",
            tooltip="Revise this answer; the scored one stays visible for comparison",
            disabled=True,
        )
        self.status = live_html("coachkit-status")
        # Shown once a `transcriber:` profile is set: an answer spoken aloud, as text.
        self.recorder = RecordingButton(
            self.coach,
            self.answer,
            runner=self.runner,
            errors=self.errors,
            status=self.status,
            busy=self._lock,
        )
        self.recording = self.recorder.widget
        self.result = html("", "coachkit-result", width="100%")
        self.previous = html("", "coachkit-previous", width="100%")
        self.history = html("", "coachkit-history", width="100%")
        # Hidden while no question is on screen (filters that match none): a heading over
        # nothing reads as a view that failed to load.
        self.history_title = html("<h3>Your attempts at this question</h3>")
        self.bank_problems = bank_notice()
        self.store_problem = store_notice()
        # A broken config is said in full beside Score; this says so where the view opens.
        self.config_notice = html("", "coachkit-config-notice", width="100%")
        self.config_notice.layout.display = "none"
        for control in (self.answer, self.score_button, self.timer_button):
            control.disabled = True  # until a question opens (none may: a broken bank)

    def _lay_out(self) -> None:
        self.root = root(
            "practice",
            [
                w.HBox(
                    [header("Practice", "answer a question, get a STAR score card"), self.scorer],
                    layout=w.Layout(
                        justify_content="space-between",
                        align_items="center",
                        width="100%",
                        flex_flow="row wrap",
                    ),
                ),
                self.key_hint,
                self.store_problem,
                self.bank_problems,
                self.config_notice,
                self.orphans_said,
                self.orphans,
                row([self.role, self.category, self.difficulty, self.tag, self.search]),
                w.HBox([self.question], layout=w.Layout(width="100%")),
                row([self.match_count, self.next_button, self.next_hint]),
                self.prompt,
                self.guidance,
                self.answer,
                self.other_said,
                self.other_answer,
                self.waiting_said,
                self.restore_waiting,
                row(
                    [
                        self.word_count,
                        self.draft_status,
                        self.timer_length,
                        self.timer_button,
                        self.timer_label,
                        self.recording,
                        self.recorder.refused,
                    ]
                ),
                row([self.score_button, self.retry_button, self.status]),
                self.errors.widget,
                self.result,
                self.previous,
                self.history_title,
                self.history,
            ],
        )

    def _answer_label(self) -> str:
        question = self._current_question()
        return f"Your answer to: {question.prompt}" if question else "Your answer"

    def _current_question(self) -> Question | None:
        qid = self.state.question_id
        return self.coach.question(qid) if qid else None

    def _set_answer(self, text: str) -> None:
        self._syncing = True
        try:
            self.answer.value = text
        finally:
            self._syncing = False
        self._update_word_count()

    def _update_word_count(self) -> None:
        question = self._current_question()
        self.word_count.value = (
            f'<span class="ck-muted">{word_count_text(self.answer.value, question)}</span>'
        )
