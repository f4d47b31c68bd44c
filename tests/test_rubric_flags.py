"""Flags in plain words: what a list of attempts says beside a score it held down."""

from __future__ import annotations

from test_scorer_contract import ALL_FLAGS

from coachkit.llm.prompt import LLM_FLAGS
from coachkit.rubric import _FLAGS, _LABELS, CAPS, flag_label, flag_labels

# What either scorer can put on a card: the offline scorer's, the LLM's, and the checks
# coachkit runs on an LLM's reply.
EVERY_FLAG = ALL_FLAGS | set(LLM_FLAGS) | set(CAPS) | set(_FLAGS)


def test_every_flag_a_scorer_raises_has_its_own_plain_label() -> None:
    assert set(_LABELS) >= EVERY_FLAG  # not left to the fallback, its name spaced
    labels = {flag: flag_label(flag) for flag in EVERY_FLAG}
    assert not any("_" in label for label in labels.values())
    assert len(set(labels.values())) == len(labels)  # no two read the same


def test_a_list_of_flags_reads_as_words_and_an_unknown_one_by_its_name() -> None:
    assert flag_labels(["off_topic", "too_long"]) == "off the question, too long"
    # A flag from a newer coachkit's export: still readable, never a KeyError.
    assert flag_label("sounds_rehearsed") == "sounds rehearsed"
    assert flag_labels([]) == ""
