"""Start here tells a user who is not a backend engineer how to practise for their role."""

from __future__ import annotations

import re

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config, PracticeSettings
from coachkit.ui import StartHere


def _text(view: StartHere) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", view.summary.value))


def test_with_no_role_set_it_names_the_roles_and_where_to_choose_one(
    bank: QuestionBank, store: Store
) -> None:
    """It counted every question ("Questions 120") and never said a mobile engineer could
    get mobile questions, nor where."""
    text = _text(StartHere(Coach(bank=bank, store=store, config=Config())))
    roles = re.search(r"There are questions for ([^.]+)\.", text)
    assert roles is not None
    for role in ("mobile", "frontend", "product-manager"):
        assert role in roles.group(1)
    assert "Choose yours as Your role in Settings and press Save plan" in text
    assert "Role filter" in text and "Preset" in text
    assert "plan your practice: your role" in text  # the Settings link says it too


def test_with_a_role_set_the_tiles_say_it_and_the_hint_is_gone(
    bank: QuestionBank, store: Store
) -> None:
    config = Config(practice=PracticeSettings(role="mobile"))
    text = _text(StartHere(Coach(bank=bank, store=store, config=config)))
    assert re.search(r"Practising for ?mobile", text)
    assert "Practising for one role?" not in text


def test_with_a_role_set_the_count_says_what_it_is_made_of_and_where_to_change_it(
    bank: QuestionBank, store: Store
) -> None:
    """The tile read "45 for engineering-manager", broken across two lines beside the
    "Practising for" tile, and nothing said how to practise for another role."""
    role = "engineering-manager"
    config = Config(practice=PracticeSettings(role=role))
    view = StartHere(Coach(bank=bank, store=store, config=config))
    questions = bank.filter(role=role)
    own = sum("any" not in q.roles for q in questions)
    assert 0 < own < len(questions)
    assert f"for {role}</b>" not in view.summary.value  # the role is its own tile's
    text = _text(view)
    assert f"Questions for your role{len(questions)}Practising for" in text
    assert (
        f"Of these questions, {own} are written for {role} and {len(questions) - own} are "
        "asked of every role."
    ) in text
    assert "Change Your role in Settings and press Save plan" in text
