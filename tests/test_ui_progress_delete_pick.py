"""Progress's Delete an attempt: the Attempt box shows only when it has an attempt."""

from __future__ import annotations

from ui_fakes import make_attempts

from coachkit import Coach, QuestionBank, Store
from coachkit.ui import ProgressView, theme


def _pick_shown(view: ProgressView) -> bool:
    return view.deleter.pick.layout.display != "none"


def test_the_attempt_box_hides_with_no_attempt_to_delete(bank: QuestionBank, store: Store) -> None:
    """With nothing listed, the box was an empty ~30 px frame showing only its arrow (at
    640 px, beside a disabled Delete…): the note beside it says why there is none."""
    view = ProgressView(Coach(bank=bank, store=store))
    assert not _pick_shown(view)
    assert "Nothing to delete" in view.deleter.note.value

    (only,) = make_attempts(bank, [("time-you-failed", (3, 3, 3, 3))])
    store.add_attempt(only)
    view.refresh_button.click()
    assert _pick_shown(view) and view.deleter.pick.value == only.id

    view.category.value = "cultural-fit"  # the filters show none of them
    assert not _pick_shown(view)
    view.category.value = view.category.options[0][1]
    assert _pick_shown(view)

    view.deleter.ask_button.click()
    view.deleter.confirm_button.click()  # the last one deleted: none left to pick
    assert store.attempts() == [] and not _pick_shown(view)
    assert "Nothing to delete" in view.deleter.note.value


def test_the_chosen_attempt_is_shown_whole_under_the_list(bank: QuestionBank, store: Store) -> None:
    """On a phone the list's box cut the chosen entry ("40d2fcee · 2026-11-30 16:46 ·
    desig…"), its score out of sight: under 480 px it is shown whole beneath, the id first
    as the CLI shows it, broken between its parts only."""
    plan = [("design-rate-limiter", (4, 4, 5, 5)), ("time-you-failed", (1, 2, 1, 1))]
    store.add_attempts(make_attempts(bank, plan))
    view = ProgressView(Coach(bank=bank, store=store))
    pick, chosen = view.deleter.pick, view.deleter.chosen
    newest, older = (value for _label, value in pick.options)
    *first, last = pick.label.split(" · ")
    assert chosen.value == (
        '<p class="ck-delete-chosen" aria-hidden="true">Chosen: '
        + "".join(f"<span>{part} ·</span> " for part in first)
        + f"<span>{last}</span></p>"
    )
    assert chosen.value.count(newest[:8]) == 1 and "/100" in chosen.value
    pick.value = older
    assert older[:8] in chosen.value and newest[:8] not in chosen.value
    view.category.value = "cultural-fit"  # none listed: nothing chosen
    assert chosen.value == ""
    rule = ".ck-delete-chosen { display: none;"
    assert rule in theme.CSS and ".ck-delete-chosen span { display: inline-block;" in theme.CSS
    assert "@container (max-width: 479.98px) { .ck-delete-chosen { display: block; } }" in (
        theme.CSS
    )
