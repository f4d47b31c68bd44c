"""The "From a recording" button: an answer spoken aloud, transcribed into an answer box."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from ..audio import AUDIO_SUFFIXES, check_audio, check_chosen
from ..coach import Coach
from ..errors import AudioFileError
from .parts import ErrorPanel, status_html
from .runtime import Runner

__all__ = ["REFUSED_CLASS", "RecordingButton"]

REFUSED_CLASS = "ck-recording-refused"
"""The hidden text box the page script fills with a file it would not send (see ``live``)."""


class RecordingButton:
    """Uploads a recording, has the coach transcribe it, and adds the text to ``answer``.

    Hidden until the config names a ``transcriber``. The text goes after what is
    typed, never in its place; while the call runs, ``busy(True)`` lets the view
    lock its answer box, and a failure leaves the answer as it was.

    ``refused`` goes beside ``widget`` in the view, hidden: a file too large to transcribe
    is not sent by the browser (a large one cut the connection, and was lost without a
    word); the page script writes its name and size there, to be refused here in words.
    """

    def __init__(
        self,
        coach: Coach,
        answer: w.Textarea,
        *,
        runner: Runner,
        errors: ErrorPanel,
        status: w.HTML,
        busy: Callable[[bool], None],
    ) -> None:
        self._coach, self._answer, self._runner = coach, answer, runner
        self._errors, self._status, self._busy = errors, status, busy
        self.working = False
        # What it last put in the error panel and the status line, for ``forget``.
        self._said_error: str | None = None
        self._said_status: str | None = None
        self.widget = w.FileUpload(
            accept=",".join(("audio/*", *AUDIO_SUFFIXES)),
            multiple=False,
            description="",  # the label is drawn by the stylesheet (coachkit-recording)
            icon="microphone",
            tooltip="Turn a recorded answer into text, to edit and score",
            layout=w.Layout(display="none"),
        )
        self.widget.add_class("coachkit-recording")
        self.widget.add_class("ck-label-drawn")  # named by that label (see live.py)
        self.widget.observe(errors.guard(self._on_upload), names="value")
        # Never shown (a channel from the page script), but named as every field is.
        self.refused = w.Text(description="Refused recording", layout=w.Layout(display="none"))
        self.refused.add_class(REFUSED_CLASS)
        self.refused.observe(errors.guard(self._on_refused), names="value")

    def refresh(self) -> None:
        """Show the button when a transcriber is configured."""
        self.widget.layout.display = None if self._coach.can_transcribe else "none"

    def _on_refused(self, change: dict[str, Any]) -> None:
        said = change["new"]
        if not said:
            return
        self.refused.value = ""  # the same file refused again is said again
        try:
            chosen = json.loads(said)
            name, size = str(chosen["name"]), int(chosen["size"])
        except (ValueError, TypeError, KeyError):
            return  # not the page script's (nothing else writes here)
        if self.working or self._answer.disabled:
            return
        self._errors.clear()
        try:
            check_chosen(name, size)
        except AudioFileError as exc:
            self._errors.show(exc)
            self._said_error = self._errors.message

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        name, audio = str(upload["name"]), bytes(upload["content"])
        # Let the file go at once: the widget's state must not keep (or save) the audio,
        # and the same file can then be chosen again.
        self.widget.value = ()
        if self.working or self._answer.disabled:
            return
        self._errors.clear()
        try:
            check_audio(audio, name)  # a wrong file is refused here, before any thread
        except AudioFileError as exc:
            self._errors.show(exc)
            self._said_error = self._errors.message
            return
        self._set_working(True)
        self._status.value = status_html(f"Transcribing {escape(name)}…")

        def done(text: str) -> None:
            self._set_working(False)
            typed = self._answer.value
            self._answer.value = f"{typed.rstrip()}\n\n{text}" if typed.strip() else text
            self._status.value = status_html(
                f"Transcribed {escape(name)}: read it through, fix what "
                "the transcript misheard, then carry on."
            )
            self._said_status = self._status.value

        def failed(exc: Exception) -> None:
            self._set_working(False)
            self._errors.show(exc)
            self._status.value = status_html("Not transcribed. Your answer is unchanged.")
            self._said_error, self._said_status = self._errors.message, self._status.value

        self._runner.run(
            lambda: self._coach.transcribe(audio, name),
            self._errors.guard(done),
            self._errors.guard(failed),
        )

    def forget(self) -> None:
        """Take back what it said about a recording once that answer is off the page: in a
        mock interview, "q1.wav is empty" stayed over the next question and the report."""
        # Only its own words: the panel and the line also carry the view's.
        if self._said_error is not None and self._errors.message == self._said_error:
            self._errors.clear()
        if self._said_status is not None and self._status.value == self._said_status:
            self._status.value = ""
        self._said_error = self._said_status = None

    def _set_working(self, working: bool) -> None:
        self.working = working
        self.widget.disabled = working
        self._busy(working)
