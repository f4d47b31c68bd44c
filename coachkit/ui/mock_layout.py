"""The mock interview view's page: three panels, one shown at a time (setting up, asking,
the report), and the notices above them."""

from __future__ import annotations

import ipywidgets as w

from ..config import LOCAL
from ..errors import CoachkitError
from ..interview import MIXED
from .mock_base import NEXT, MockBase
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
from .recording import RecordingButton
from .warmup import warm_for

__all__ = ["END_NOW", "END_NOW_TIP", "MockLayout"]

# Before the last question; on it the button reads Finish (see MockAsking._show_way_on).
END_NOW, END_NOW_TIP = "End now", "Skip the remaining questions and score"


class MockLayout(MockBase):
    """The widgets, built once as the view opens (MockInterviewView wires them)."""

    def _build(self) -> None:
        """Three panels, one shown at a time: setting up, asking, the report."""
        self._build_setup()
        self._build_asking()
        self._build_report()
        self._wire()
        self.bank_problems = bank_notice()
        self.store_problem = store_notice()
        self.root = root(
            "mock",
            [
                header("Mock interview", "timed questions, a report card at the end"),
                self.store_problem,
                self.bank_problems,
                self.said,
                self.setup,
                self.asking,
                self.errors.widget,
                self.status,
                self.done,
            ],
        )

    def _build_setup(self) -> None:
        """How many questions, which preset, how long each, the scorer, and resuming."""
        self.count = w.BoundedIntText(
            value=5,
            min=1,
            max=10,
            description="Questions",
            style={"description_width": "initial"},
            layout=w.Layout(width="150px"),
        )
        self.count.add_class("coachkit-mock-count")
        # As wide as its widest preset: a fixed width cut "mixed categories, every role".
        self.preset = dropdown("Preset", [("mixed categories", MIXED)], width="auto")
        self.preset.add_class("coachkit-mock-preset")
        self.minutes = dropdown(
            "Minutes per question",
            [("1", 60), ("2", 120), ("3", 180), ("5", 300)],
            120,
            width="210px",
        )
        self.scorer = dropdown("Scorer", [(LOCAL, LOCAL)], width=SCORER_WIDTH)
        self.scorer.observe(self._say_offer, names="value")  # the offer names the scorer
        self.scorer.observe(lambda change: warm_for(self.coach, change["new"]), names="value")
        self.scorer.add_class("coachkit-scorer")
        self.start_button = button(
            "Start interview", "coachkit-mock-start", icon="play", style="primary"
        )
        self.resume_button = button(
            "Resume interview", "coachkit-mock-resume", icon="history", width="auto", hidden=True
        )
        # Beside Resume: stops offering the interview on offer (see MockResume._put_away).
        self.discard_button = button(
            "Discard",
            "coachkit-mock-discard",
            icon="trash",
            tooltip="Stop offering this interview; answers not scored are kept in unscored/",
            width="auto",
            hidden=True,
        )
        self.resume_note = html("", "ck-muted")
        # Shown when more than one unfinished interview is saved: pick which to resume.
        self.resume_pick = dropdown("Unfinished", [("", 0)], width="auto")
        self.resume_pick.add_class("coachkit-mock-pick")
        self.resume_pick.layout.display = "none"
        # Whether the LLM budget covers the interview (see MockAsking._say_budget).
        self.budget_note = html("", "coachkit-mock-budget")
        self.setup = w.VBox(
            [
                html(
                    '<p class="ck-muted">Questions come one at a time with a countdown. '
                    "Scores stay hidden until the end, as in a real interview.</p>"
                ),
                row([self.count, self.preset, self.minutes, self.scorer]),
                self.budget_note,
                row(
                    [
                        self.start_button,
                        self.resume_pick,
                        self.resume_button,
                        self.discard_button,
                        self.resume_note,
                    ]
                ),
            ],
            layout=w.Layout(width="100%"),
        )
        self.setup.add_class("coachkit-mock-setup")

    def _build_asking(self) -> None:
        """One question at a time with its countdown, the answer, Next and End now."""
        self.position = html("", "coachkit-mock-position")
        # What a question's first show says (its number, its prompt, a locked answer's
        # note) is read out from here: a line of the panel, hidden until Start or Resume
        # shows it, is on the page only along with its words, and such a live region is
        # often not read out. Said only: the panel shows the same.
        self.said = live_html(
            "coachkit-mock-said", width="1px", height="1px", overflow="hidden", margin="0px"
        )
        self.said.add_class("ck-sr")
        self.timer_label = html("", "coachkit-timer")
        self.prompt = html("", "coachkit-prompt", width="100%")
        self.answer = w.Textarea(
            description="Answer",
            placeholder="Answer as you would out loud. Scores come at the end.",
            layout=w.Layout(width="100%", height="200px"),
            style={"description_width": "initial"},
        )
        self.answer.add_class("coachkit-answer")
        self.word_count = html("", "coachkit-wordcount")  # see MockAsking._count_words
        self.next_button = button(NEXT, "coachkit-mock-next", icon="forward", style="primary")
        # A finish flag: the "stop" square, drawn in the button's text colour, read as a
        # checkbox beside the words.
        self.finish_button = button(
            END_NOW, "coachkit-mock-finish", icon="flag-checkered", tooltip=END_NOW_TIP
        )
        self.progress = live_html("coachkit-status")
        # Answer aloud, as in the room: shown once a `transcriber:` profile is set.
        self.recorder = RecordingButton(
            self.coach,
            self.answer,
            runner=self.runner,
            errors=self.errors,
            status=self.progress,
            busy=self._lock,
        )
        self.asking = w.VBox(
            [
                row([self.position, self.timer_label]),
                self.prompt,
                self.answer,
                self.word_count,
                row(
                    [
                        self.next_button,
                        self.finish_button,
                        self.recorder.widget,
                        self.recorder.refused,
                        self.progress,
                    ]
                ),
            ],
            layout=w.Layout(width="100%", display="none"),
        )
        self.asking.add_class("coachkit-mock-question")

    def _build_report(self) -> None:
        """The report card, and saving it."""
        self.report_view = html("", "coachkit-result", width="100%")
        self.save_button = button(
            "Save report",
            "coachkit-mock-save",
            icon="download",
            tooltip="Save the report card as a standalone HTML file",
        )
        self.new_button = button("New interview", "coachkit-mock-new", icon="refresh")
        # Above the report's buttons, on the page (empty) from the start, not in the report
        # panel: a live region shown along with its words is often not read out.
        self.status = live_html("coachkit-status", width="100%")
        self.status.add_class("coachkit-mock-report-status")
        self.done = w.VBox(
            [row([self.save_button, self.new_button]), self.report_view],
            layout=w.Layout(width="100%", display="none"),
        )
        self.done.add_class("coachkit-mock-report")

    def _refresh_scorers(self, *, then: str) -> bool:
        """Put the scorers the config has now in the Scorer box if they changed since it
        was filled (Coach.config reads the file again only when a stat says it changed),
        the choice kept where it still exists. True when it does not: then the config's
        scorer is shown, and said why, with ``then`` the button to press again (started
        or resumed, every answer would fail to score at the end). A config that cannot be
        read changes nothing (its error is said where it is read)."""
        try:
            config = self.coach.config
            names = config.profile_names()
        except CoachkitError:
            return False
        options = tuple((name, name) for name in names)
        if tuple(self.scorer.options) == options:
            return False
        chosen = str(self.scorer.value)
        self.scorer.options = options
        self.scorer.value = chosen if chosen in names else config.scorer
        if chosen in names:
            return False
        self.errors.show(
            f"The scorer chosen above, {chosen}, is no longer in your config (it was edited "
            f"since this notebook ran). The Scorer box now lists {', '.join(names)}, and "
            f"shows {self.scorer.value}: pick one, then press {then}."
        )
        return True
