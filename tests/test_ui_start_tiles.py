"""Start here's stat tiles: how many equal columns they take on a wide view."""

from __future__ import annotations

import re

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config, PracticeSettings
from coachkit.ui import StartHere
from coachkit.ui.start import stat_columns


def test_wide_rows_leave_no_tile_alone() -> None:
    """Up to 4 tiles in one row; 5 and 6 in rows of 3, 7 in 4 and 3 (flex wrapped 5 as
    4 + 1 on a wide page)."""
    assert [stat_columns(n) for n in range(4, 8)] == [4, 3, 3, 4]
    for tiles in range(4, 8):
        columns = stat_columns(tiles)
        assert tiles % columns == 0 or tiles % columns >= columns - 1


def test_the_summary_says_its_column_count(bank: QuestionBank, store: Store) -> None:
    role = sorted(bank.roles())[0]
    config = Config(practice=PracticeSettings(role=role))  # Practising for: 5 tiles
    view = StartHere(Coach(bank=bank, store=store, config=config))
    tiles = view.summary.value.count('class="ck-stat"')
    found = re.search(
        r'class="ck-stats ck-stats-even" style="--ck-stat-columns: (\d+)"', (view.summary.value)
    )
    assert tiles == 5 and found is not None and int(found.group(1)) == 3
