"""Start here's Rescue keeps the keyboard's place: the button, focus with it, is hidden
once the rescue is done, and focus moves to the message that says what it did."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ui_fakes import FocusLog

from coachkit import Coach, QuestionBank
from coachkit.errors import StoreError
from coachkit.ui import StartHere, start
from coachkit.ui.live import FOCUS_CLASS, LIVE_SCRIPT


def test_focus_moves_to_what_the_rescue_did_as_its_button_is_hidden(
    bank: QuestionBank, coachkit_home: Path
) -> None:
    coachkit_home.mkdir(parents=True)
    (coachkit_home / "coachkit.db").write_bytes(os.urandom(5000))  # no database at all
    view = StartHere(Coach(bank=bank))
    focus = FocusLog(view.rescue_button, view.rescue_status)
    assert view.rescue.layout.display == ""

    view.rescue_button.click()

    assert view.rescue.layout.display == "none" and "Rescued." in view.rescue_status.value
    assert focus.focused == [view.rescue_status]
    # The script on the page makes that message's element one focus can rest on.
    assert FOCUS_CLASS in view.rescue_status._dom_classes
    assert f'const HERE = ".{FOCUS_CLASS} > .widget-html-content";' in LIVE_SCRIPT
    assert 'message.setAttribute("tabindex", "-1")' in LIVE_SCRIPT


def test_a_failed_rescue_leaves_focus_on_its_button(
    bank: QuestionBank, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Still there to press again: focus stays where the user left it."""
    coachkit_home.mkdir(parents=True)
    (coachkit_home / "coachkit.db").write_bytes(os.urandom(5000))

    def fails(coach: Coach) -> None:
        raise StoreError("Nothing was moved: another program has the file open.")

    monkeypatch.setattr(start, "rescue", fails)
    view = StartHere(Coach(bank=bank))
    focus = FocusLog(view.rescue_button, view.rescue_status)

    view.rescue_button.click()

    assert 'class="ck-error"' in view.rescue_status.value
    assert view.rescue.layout.display == "" and focus.focused == []
