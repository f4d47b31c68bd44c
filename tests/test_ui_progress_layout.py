"""Progress with three weeks of attempts: the delete list names each by its id first, the
attempts table says it scrolls and can be scrolled by keyboard, the filters sit in even
columns, and the narrow timelines open on their newest attempts."""

from __future__ import annotations

import re
from datetime import timedelta

from ui_fakes import coach_with, make_attempts

from coachkit import Coach, QuestionBank, Store
from coachkit.ui import ProgressView, theme
from coachkit.ui.progress_view import SCROLLS_PAST, TABLE_ROWS, chart_html


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


def test_the_attempts_table_says_it_scrolls_and_takes_the_keyboard(
    bank: QuestionBank, store: Store
) -> None:
    table = ProgressView(_weeks(bank, store)).table.value
    # It ended mid-row at 440 px with no sign of the rest, and took no focus, so it could
    # not be scrolled without a mouse.
    assert f"The newest {TABLE_ROWS} of your 60 attempts, newest first; the table scrolls" in (
        table
    )
    box = re.search(r'<div class="ck-scroll ck-table-box"[^>]*>', table)
    assert box is not None
    assert 'tabindex="0"' in box[0] and 'role="region"' in box[0]
    assert 'aria-label="Attempts table: the newest 50 of your 60 attempts' in box[0]
    # Capped in height there, with its header kept in sight.
    assert re.search(r"\.ck-table-box \{[^}]*max-height: 440px; overflow: auto", theme.CSS)
    assert ".ck-table-box thead th { position: sticky" in theme.CSS


def test_a_short_table_says_not_that_it_scrolls(bank: QuestionBank, store: Store) -> None:
    table = ProgressView(_weeks(bank, store, SCROLLS_PAST)).table.value
    assert f"Your {SCROLLS_PAST} attempts, newest first." in table
    assert "scrolls" not in table


def test_the_filters_sit_in_even_columns(bank: QuestionBank, store: Store) -> None:
    # Wrapped by their own widths, Rolling mean stood alone on a line at 1280 px.
    view = ProgressView(_weeks(bank, store))
    rows = [c for c in view.root.children if "coachkit-filters" in c._dom_classes]
    assert len(rows) == 1 and view.window in rows[0].children
    assert re.search(
        r"\.coachkit-filters \{ display: grid; grid-template-columns: repeat\(3,", theme.CSS
    )


def test_the_narrow_timelines_open_on_their_newest_attempts(
    bank: QuestionBank, store: Store
) -> None:
    # Beside the file browser, the narrow trend chart scrolled and opened on its oldest.
    view = ProgressView(_weeks(bank, store))
    for index in range(4):
        view.tabs.selected_index = index
    timeline = ["ck-chart-timeline" in image.value for image in view.images]
    assert timeline == [True, False, False, True]  # trends and per day, not heatmap, radar
    assert "ck-chart-timeline" not in chart_html(b"\x89PNG" + bytes(20), "x")
    assert re.search(
        r"\.ck-chart-timeline \.ck-chart-scroll \{ direction: rtl; text-align: left; \}", theme.CSS
    )


def test_on_a_phone_each_attempt_row_stacks_its_figures_each_named(
    bank: QuestionBank, store: Store
) -> None:
    # At 375 px the table was 665 px wide: the overall and S T A R behind a sideways
    # scroll, the question cut mid-word. Under 480 px each row stacks, each figure named.
    table = ProgressView(_weeks(bank, store)).table.value
    assert '<table class="ck-table ck-attempts-table">' in table
    row = re.search(r"<tbody><tr>(.*?)</tr>", table)
    assert row is not None
    labels = re.findall(r'data-label="([^"]+)"', row[1])
    assert labels == ["category", "scorer", "overall", "S", "T", "A", "R"]
    stacked = re.search(
        r"@container \(max-width: 479\.98px\) \{\s*\.ck-attempts-table thead", theme.CSS
    )
    assert stacked is not None
    rules = theme.CSS[stacked.start() : theme.CSS.index("\n}", stacked.start())]
    assert ".ck-attempts-table tr { display: flex; flex-wrap: wrap;" in rules
    assert '.ck-attempts-table td[data-label]::before { content: attr(data-label) " ";' in rules


def test_on_a_phone_an_attempt_s_s_t_a_r_stay_together_each_named(
    bank: QuestionBank, store: Store
) -> None:
    # Stacked, S T A R were four cells that wrapped apart: "overall 3 S 0" on one line,
    # "T 0 A 0 R 0" on the next. On a phone one group takes their place, kept on a line.
    table = ProgressView(_weeks(bank, store)).table.value
    row = re.search(r"<tbody><tr>(.*?)</tr>", table)
    assert row is not None
    group = re.search(r'<td class="ck-star-group">(.*?)</td>', row[1])
    assert group is not None
    parts = re.findall(
        r'<span class="ck-star-part"><span class="ck-star-letter">(\w)</span> (\d)</span>',
        group[1],
    )
    cells = re.findall(r'<td class="ck-num ck-dim" data-label="(\w)">(\d)</td>', row[1])
    assert [letter for letter, _ in parts] == ["S", "T", "A", "R"] and parts == cells
    stacked = theme.CSS.index(".ck-attempts-table .ck-star-group { display: none; }")
    rules = theme.CSS[stacked : theme.CSS.index("\n}", stacked)]
    assert (
        "@container (max-width: 479.98px) {\n  .ck-attempts-table td.ck-dim { display: none; }"
        in (rules)
    )
    assert "td.ck-star-group { display: flex; flex-wrap: wrap;" in rules
    assert ".ck-star-part { white-space: nowrap; }" in rules
