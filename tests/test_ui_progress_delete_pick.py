"""Progress's Delete an attempt: the Attempt box shows only when it has an attempt."""

from __future__ import annotations

from ui_fakes import make_attempts

from coachkit import Coach, QuestionBank, Store
from coachkit.ui import ProgressView


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
