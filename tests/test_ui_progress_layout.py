"""Progress with three weeks of attempts: the delete list names each by its id first, the
attempts table says it scrolls and can be scrolled by keyboard, the filters sit in even
columns, and the narrow timelines open on their newest attempts."""

from __future__ import annotations

import re
from datetime import timedelta

from ui_fakes import coach_with, make_attempts

from coachkit import Coach, QuestionBank, Store
from coachkit.ui import ProgressView


def _weeks(bank: QuestionBank, store: Store, count: int = 60) -> Coach:
    """``count`` attempts over three weeks, by two scorers in turn."""
    ids = ["time-you-failed", "design-rate-limiter", "why-this-role"]
    plan = [(ids[i % 3], (i % 5, 2, 3, 4)) for i in range(count)]
    store.add_attempts(
        make_attempts(
            bank,
            plan,
            step=timedelta(hours=8),
            scorer=lambda i: "local" if i % 2 else "llm:gpt",
        )
    )
    return coach_with(bank, store)


def test_the_delete_list_names_each_attempt_by_its_id_first(
    bank: QuestionBank, store: Store
) -> None:
    # At the end, the id was cut off ("· 9c3b…") in the 190 px box beside the file browser.
    view = ProgressView(_weeks(bank, store))
    newest = view.frame.iloc[-1]
    label, value = view.deleter.pick.options[0]
    assert value == newest["attempt_id"]
    assert label.startswith(f"{str(value)[:8]} · ")
    assert re.fullmatch(r"\w{8} · \d{4}-\d\d-\d\d \d\d:\d\d · [\w-]+ · \d+/100( ⚑)?", label)
