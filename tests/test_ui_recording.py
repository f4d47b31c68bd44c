"""An answer recorded aloud, in the practice view: transcribed into the answer box, never
over what was typed, and a failure that changes nothing."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

import pytest
from ui_fakes import FakeScorer

from coachkit import Coach, ProviderError, QuestionBank, Store
from coachkit.config import Config
from coachkit.ui import MockInterviewView, PracticeView
from coachkit.ui.runtime import ManualRunner, ManualScheduler

SPOKEN = "In 2023 I led the billing migration at Acme and it shipped two weeks early."


class FakeTranscriber:
    def __init__(self, text: str = SPOKEN, error: Exception | None = None) -> None:
        self.text, self.error = text, error
        self.heard: list[tuple[bytes, str]] = []

    def transcribe(self, audio: bytes, filename: str) -> str:
        self.heard.append((audio, filename))
        if self.error is not None:
            raise self.error
        return self.text


def _upload(view: PracticeView, name: str = "answer.m4a", audio: bytes = b"fake audio") -> None:
    _upload_to(view.recording, name, audio)


def _upload_to(button: Any, name: str = "answer.m4a", audio: bytes = b"fake audio") -> None:
    entry: dict[str, Any] = {
        "name": name,
        "type": "audio/mp4",
        "size": len(audio),
        "content": memoryview(audio),
        "last_modified": datetime(2026, 11, 28),
    }
    button.value = (entry,)


def _coach(bank: QuestionBank, store: Store, transcriber: FakeTranscriber | None) -> Coach:
    return Coach(
        bank=bank,
        store=store,
        config=Config(),
        scorer_factory=lambda name, config: FakeScorer(),
        transcriber=transcriber,
    )


def _view(
    bank: QuestionBank, store: Store, transcriber: FakeTranscriber | None, runner: ManualRunner
) -> PracticeView:
    coach = _coach(bank, store, transcriber)
    return PracticeView(
        coach, question_id="time-you-failed", runner=runner, scheduler=ManualScheduler()
    )


@pytest.fixture
def runner() -> ManualRunner:
    return ManualRunner()


def test_the_recording_button_shows_only_with_a_transcriber(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    assert _view(bank, store, None, runner).recording.layout.display == "none"
    assert _view(bank, store, FakeTranscriber(), runner).recording.layout.display is None


def test_a_recording_fills_the_empty_answer_and_is_kept_as_a_draft(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    transcriber = FakeTranscriber()
    view = _view(bank, store, transcriber, runner)
    _upload(view)
    assert "Transcribing answer.m4a" in view.status.value
    assert view.answer.disabled and view.score_button.disabled  # no typing over it meanwhile
    assert view.recording.value == ()  # the same file can be chosen again
    runner.finish()
    assert transcriber.heard == [(b"fake audio", "answer.m4a")]
    assert view.answer.value == SPOKEN and not view.answer.disabled
    assert "fix what the transcript misheard" in view.status.value
    view.drafts.flush()
    assert view.coach.load_draft("time-you-failed") == SPOKEN


def test_a_recording_is_added_after_what_was_typed(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    view = _view(bank, store, FakeTranscriber(), runner)
    view.answer.value = "Situation first, typed.  "
    _upload(view)
    runner.finish()
    assert view.answer.value == f"Situation first, typed.\n\n{SPOKEN}"


def test_a_failed_transcription_changes_nothing_and_says_why(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    error = ProviderError("Profile 'whisper' did not answer within 60 s.", kind="timeout")
    view = _view(bank, store, FakeTranscriber(error=error), runner)
    view.answer.value = "What I typed."
    _upload(view)
    runner.finish()
    assert view.answer.value == "What I typed." and not view.answer.disabled
    assert view.errors.message is not None and "did not answer" in view.errors.message
    assert "Your answer is unchanged" in view.status.value
    assert not view.recording.disabled


def test_a_file_that_is_not_audio_is_refused_before_any_call(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    transcriber = FakeTranscriber()
    view = _view(bank, store, transcriber, runner)
    _upload(view, name="notes.docx")
    assert runner.pending == [] and transcriber.heard == []
    assert view.errors.message is not None and "not a recording" in view.errors.message
    assert not view.answer.disabled


def test_a_mock_interview_takes_an_answer_aloud(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    coach = _coach(bank, store, FakeTranscriber())
    view = MockInterviewView(
        coach, runner=runner, scheduler=ManualScheduler(), rng=random.Random(3)
    )
    assert view.recorder.widget.layout.display is None
    view.count.value = 2
    view.start_button.click()
    _upload_to(view.recorder.widget)
    assert view.next_button.disabled and view.answer.disabled
    runner.finish()
    assert view.answer.value == SPOKEN and not view.next_button.disabled
    session = view.session
    assert session is not None and session.answers[session.current] == SPOKEN


def test_a_mock_interview_waits_for_the_transcript_before_moving_on(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    view = MockInterviewView(
        _coach(bank, store, FakeTranscriber()),
        runner=runner,
        scheduler=ManualScheduler(),
        rng=random.Random(3),
    )
    view.count.value = 2
    view.start_button.click()
    session = view.session
    assert session is not None
    first = session.current
    view.answer.value = "typed for the first question"
    _upload_to(view.recorder.widget)
    view.next_button.click()  # fires even though disabled: must not move on
    view.finish_button.click()
    assert session.current == first and runner.finish() == 1
    assert session.answers[first] == f"typed for the first question\n\n{SPOKEN}"


def test_a_mock_interview_drops_what_a_recording_said_once_its_question_is_left(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    """A recording's words ("q1.wav is empty") stayed over the next question and the report."""
    view = MockInterviewView(
        _coach(bank, store, FakeTranscriber()),
        runner=runner,
        scheduler=ManualScheduler(),
        rng=random.Random(3),
    )
    view.count.value = 3
    view.start_button.click()
    _upload_to(view.recorder.widget, name="q1.wav", audio=b"")
    assert view.errors.message == "q1.wav is empty: record your answer again."
    view.next_button.click()
    assert view.errors.message is None
    _upload_to(view.recorder.widget, name="q2.wav")
    runner.finish()
    assert "Transcribed q2.wav" in view.progress.value
    view.next_button.click()
    assert "q2.wav" not in view.progress.value  # "read it through" is for the answer left
    session = view.session
    assert session is not None and session.answers[session.question_ids[1]] == SPOKEN
    _upload_to(view.recorder.widget, name="q3.txt")
    assert view.errors.message is not None and "not a recording" in view.errors.message
    view.finish_button.click()
    runner.finish()
    assert view.errors.message is None


def test_a_recording_forgets_only_its_own_words(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    """The panel and the line carry the view's messages too: those stay."""
    view = _view(bank, store, FakeTranscriber(), runner)
    _upload(view, name="a.wav", audio=b"")
    view.errors.show("The database is read-only: your answers wait in a file.")
    view.status.value = "Scored 80/100."
    view.recorder.forget()
    assert view.errors.message == "The database is read-only: your answers wait in a file."
    assert view.status.value == "Scored 80/100."


def test_a_file_the_browser_would_not_send_is_refused_in_words(
    bank: QuestionBank, store: Store, runner: ManualRunner
) -> None:
    """Over the server's 128 MB, the file cut the connection and was lost without a word;
    the page script now keeps it and writes its name and size in ``refused``."""
    transcriber = FakeTranscriber()
    view = _view(bank, store, transcriber, runner)
    view.answer.value = "Typed first."
    refused = view.recorder.refused
    assert _within(view.root, refused)
    refused.value = '{"name": "memo.wav", "size": 136314880}'
    assert view.errors.message.startswith("memo.wav is 130.0 MB; transcription takes at most")
    assert refused.value == "" and view.answer.value == "Typed first."
    assert transcriber.heard == [] and not view.answer.disabled
    view.errors.clear()
    refused.value = "not the page script's"  # ignored, never a traceback
    assert view.errors.message is None and refused.value == ""
    mock = MockInterviewView(_coach(bank, store, transcriber), runner=runner)
    assert _within(mock.root, mock.recorder.refused)


def _within(box: Any, widget: Any) -> bool:
    """Whether ``widget`` is shown somewhere under ``box`` (the script finds it there)."""
    children = getattr(box, "children", ())
    return any(child is widget or _within(child, widget) for child in children)
