"""A technical answer's evidence is filed under the part it does: a measured outcome
under Result, the first step taken under Action; and state moved down meets colocation."""

from __future__ import annotations

from scorer_helpers import quote_for, scored

QUESTION = "react-rerender-optimization"
FIRST_STEP = (
    "I started with the React DevTools profiler and recorded a few keystrokes in the search box."
)
MOVED_DOWN = "I moved the search state down into the filter bar and passed only the query up."
MEASURED = "Input delay dropped from about 450 ms to under 50 ms."
ANSWER = (
    f"{FIRST_STEP} It showed that every keystroke re-rendered the whole list of 2,000 rows, "
    "because the search state lived in the page component. "
    f"{MOVED_DOWN} Then I wrapped each row in React.memo and virtualised the list with "
    f"react-window. {MEASURED}"
)


def test_a_figure_before_and_after_is_a_result_not_a_requirement() -> None:
    # "450 ms" read as a latency to reach made the outcome the answer's Task.
    card = scored(QUESTION, ANSWER)
    assert MEASURED in card.dimensions["result"].evidence
    assert MEASURED not in card.dimensions["task"].evidence


def test_a_latency_to_reach_is_still_a_requirement() -> None:
    for target in (
        "The input has to respond in under 50 ms on a mid-range laptop.",
        "I'd expect input delay to go from about 450 ms to under 50 ms.",
    ):
        card = scored(QUESTION, ANSWER.replace(FIRST_STEP, f"{target} {FIRST_STEP}"))
        assert target in card.dimensions["task"].evidence


def test_i_started_with_the_profiler_is_the_first_action() -> None:
    card = scored(QUESTION, ANSWER)
    assert FIRST_STEP in card.dimensions["action"].evidence
    assert FIRST_STEP not in card.dimensions["situation"].evidence
    assert FIRST_STEP not in card.dimensions["result"].evidence


def test_state_moved_down_to_where_it_is_used_is_colocated() -> None:
    card = scored(QUESTION, ANSWER)
    assert quote_for(card, "colocate state closer to usage") == MOVED_DOWN
    for other in (
        "I kept the input's state inside the search box and lifted only the query.",
        "We colocated the search state with the input, so typing never touched the list.",
    ):
        card = scored(QUESTION, ANSWER.replace(MOVED_DOWN, other))
        assert quote_for(card, "colocate state closer to usage") == other


def test_state_moved_up_into_a_store_is_not_colocated() -> None:
    lifted = "I moved the search state up into Redux so every component could read it."
    card = scored(QUESTION, ANSWER.replace(MOVED_DOWN, lifted))
    assert quote_for(card, "colocate state closer to usage") is None
