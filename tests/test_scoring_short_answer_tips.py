"""A short answer's Situation tip asks only for what its sentence does not already say."""

from __future__ import annotations

from scorer_helpers import scored

QUESTION = "release-broke-on-one-os-version"


def _situation_tip(answer: str) -> str:
    (tip,) = [t for t in scored(QUESTION, answer).tips if t.startswith("Situation:")]
    return tip


def test_a_sentence_saying_when_and_where_gets_asked_only_for_the_stakes() -> None:
    # It was asked, before the sentence, for the when and where it had just said.
    assert _situation_tip("In 2024 I was the iOS lead at Acme.") == (
        'Situation: After "In 2024 I was the iOS lead at Acme.", add what was at stake.'
    )


def test_a_sentence_saying_where_gets_asked_for_when_and_who() -> None:
    assert _situation_tip("At Acme we had an outage.") == (
        'Situation: After "At Acme we had an outage.", add when this was and who was involved.'
    )


def test_a_sentence_setting_no_scene_still_gets_asked_for_all_of_it() -> None:
    assert _situation_tip("I fixed the crash quickly.") == (
        'Situation: Before "I fixed the crash quickly.", add when and where this was, who was '
        "involved and what was at stake."
    )
