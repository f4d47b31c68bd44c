"""Start here's damaged-database notice names its own Rescue button, right below it;
the CLI and the other views still send the user to the Start here notebook."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from file_damage import zero_leaf_page

from coachkit import Coach, QuestionBank, Store
from coachkit.storefile import NO_TERMINAL
from coachkit.ui import ProgressView, StartHere
from coachkit.ui.parts import said_html

ELSEWHERE = "in the Start here notebook"
BELOW = (
    "<code>coachkit rescue</code> does all of this in one step; without a terminal, so "
    "does <b>Rescue what can be read</b> below."
)


def _partly_damaged(home: Path, bank: QuestionBank) -> None:
    home.mkdir(parents=True, exist_ok=True)
    with Store(home / "coachkit.db") as store:
        coach = Coach(bank=bank, store=store)
        ids = [coach.submit("time-you-failed", f"In 2023 I fixed build {n}.").id for n in range(40)]
    zero_leaf_page(home / "coachkit.db", ids[20].encode())


def _no_database(home: Path, bank: QuestionBank) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "coachkit.db").write_bytes(os.urandom(5000))


@pytest.mark.parametrize("damage", [_partly_damaged, _no_database])
def test_start_here_says_rescue_is_below(
    bank: QuestionBank, coachkit_home: Path, damage: Callable[[Path, QuestionBank], None]
) -> None:
    """The notice ended "...so does Rescue what can be read, in the Start here notebook."
    on Start here itself, the button right below it."""
    damage(coachkit_home, bank)
    view = StartHere(Coach(bank=bank))
    assert view.rescue.layout.display == ""
    notice = view.store_problem.value
    assert notice.count(BELOW) == 1 and ELSEWHERE not in notice

    # The same file in another view (and the CLI, from the same message): its own words.
    other = ProgressView(Coach(bank=bank)).store_problem.value
    assert said_html(NO_TERMINAL) in other and ELSEWHERE in NO_TERMINAL
