"""Button icons read as what the button does, not as a control of another kind."""

from __future__ import annotations

import re

from ui_fakes import coach_with

from coachkit import QuestionBank, Store
from coachkit.ui import MockInterviewView


def test_end_now_does_not_look_like_a_checkbox(bank: QuestionBank, store: Store) -> None:
    view = MockInterviewView(coach_with(bank, store))
    # "stop" is a filled square in the text colour: beside "End now" it read as a
    # checkbox. Any square or circle would read as a control too.
    assert not re.search(r"stop|square|circle", view.finish_button.icon)
    assert view.finish_button.icon == "flag-checkered"
