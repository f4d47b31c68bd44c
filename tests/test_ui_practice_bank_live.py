"""An open practice view whose question files change under it (a coach editing a shared
folder while the learner's page is open): it says what changed and how to load it."""

from __future__ import annotations

import os
from html import unescape
from pathlib import Path

import pytest
from test_ui_practice_bank_changes import ANSWER, _own_bank_view, _write_mine

from coachkit import Store

ADDED = """\
questions:
  - id: push-notify
    category: technical
    roles: [any]
    difficulty: easy
    tags: [mobile]
    prompt: How would you design push notifications for a mobile app?
    why_asked: It checks delivery across unreliable networks.
    how_to_answer: Cover tokens, a delivery service, retries and user preferences.
    keypoints: [device tokens, retries]
"""


def _later(path: Path) -> None:
    """An edit a second later: the stamp must not hang on the clock's resolution."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_a_question_added_since_the_page_opened_is_said_with_how_to_see_it(
    store: Store, coachkit_home: Path
) -> None:
    _write_mine(coachkit_home)
    view = _own_bank_view(store)
    assert view.bank_problems.layout.display == "none"
    (coachkit_home / "questions" / "added.yaml").write_text(ADDED, encoding="utf-8")

    view.category.value = "technical"  # any action that reads the files' stamp

    said = unescape(view.bank_problems.value)
    assert view.bank_problems.layout.display == ""
    assert "The question files changed since this page opened (1 question added)." in said
    assert "run the notebook's cell again to practise on them as they are now" in said
    assert "could not be loaded" not in said


def test_a_file_broken_since_is_named_in_the_open_view_for_its_keeper(
    store: Store, coachkit_home: Path
) -> None:
    path = _write_mine(coachkit_home)
    view = _own_bank_view(store)
    path.write_text(path.read_text().replace("    difficulty: easy", "\t difficulty: ["))
    _later(path)

    view.next_button.click()

    said = unescape(view.bank_problems.value)
    assert "(2 questions removed)" in said  # the whole file is left out
    assert "Some of your own questions could not be loaded." in said
    assert f"{path}:" in said  # where: the file and its line


def test_files_put_back_as_read_take_the_notice_away(store: Store, coachkit_home: Path) -> None:
    path = _write_mine(coachkit_home)
    view = _own_bank_view(store)
    text = path.read_text()
    path.write_text(text.split("  - id: my-team-lead")[0], encoding="utf-8")
    _later(path)
    view.category.value = "behavioral"
    assert "(1 question removed)" in view.bank_problems.value

    path.write_text(text, encoding="utf-8")
    _later(path)
    _later(path)
    view.category.value = ""

    assert view.bank_problems.layout.display == "none"


def test_in_a_voila_app_the_page_is_reloaded_not_a_cell_run(
    store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOILA_KERNEL_ID", "k")  # as Voila sets it in each kernel
    path = _write_mine(coachkit_home)
    view = _own_bank_view(store)
    view.answer.value = ANSWER
    path.write_text(path.read_text().replace("my-first-job", "my-first-role"))
    _later(path)

    view.score_button.click()

    message = view.errors.message or ""
    assert "Reload the page to load the bank as it is now" in message, message
    assert "cell" not in message
    assert "reload the page to practise on them as they are now" in unescape(
        view.bank_problems.value
    )
