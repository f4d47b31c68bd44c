"""A key point about failing needs a word for failing; one about clarifying, the asking.

drl-03 (label 34) was credited "behaviour when the store is down, fail open or
closed" and "clarify scope per user, IP or API key" from "Each server keeps a counter
per user in memory, in a dictionary keyed by user ID, and a background job resets all
the counters every minute": "job" met "open" (as in a job opening), "error" in the next
sentence met "fail", and "per user ... keyed" met the scope point with no asking.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.scorer_helpers import quote_for, scored

GENUINE = Path(__file__).parent / "data" / "genuine_answers.jsonl"

FAILURE = "behaviour when the store is down, fail open or closed"
SCOPE = "clarify scope per user, IP or API key"
IN_MEMORY = (
    "Each server keeps a counter per user in memory, in a dictionary keyed by user ID, and "
    "a background job resets all the counters every minute."
)
REJECTS = "If the counter goes over the limit, we reject the request with an error message."
REST = (
    "I'd use a token bucket per key with a capacity of 20 so short bursts get through. "
    "The counters live in Redis so every server sees the same number. "
    "A rejected call gets HTTP 429 with a Retry-After header. "
)
FAILS_OPEN = (
    "If Redis is unavailable, the limiter fails open on a local per-server bucket, so an "
    "outage of the store never takes the API down."
)
ASKED = "Who are we limiting?"
ANSWERED = "Per API key for authenticated calls, and per IP for anonymous traffic."
STATED = "Scope: per API key, 1,000 requests a minute, 40 servers."


def test_a_step_that_says_nothing_of_failing_or_asking_makes_neither_point() -> None:
    card = scored("design-rate-limiter", IN_MEMORY + " " + REJECTS + " " + REST)
    assert quote_for(card, FAILURE) is None
    assert quote_for(card, SCOPE) is None


def test_failing_open_when_the_store_is_down_is_the_point() -> None:
    card = scored("design-rate-limiter", IN_MEMORY + " " + REST + FAILS_OPEN)
    assert quote_for(card, FAILURE) == FAILS_OPEN


def test_a_scope_asked_then_answered_is_the_point() -> None:
    card = scored("design-rate-limiter", f"{ASKED} {ANSWERED} {REST}")
    assert quote_for(card, SCOPE) == ANSWERED


def test_a_scope_stated_up_front_is_the_point() -> None:
    card = scored("design-rate-limiter", f"{STATED} {REST}")
    assert quote_for(card, SCOPE) == STATED


def test_a_story_scene_is_no_clarifying_question() -> None:
    """Read as a scene, a story's opening met a story question's "clarifying questions to
    users or stakeholders": a story told for "ambiguous requirements" rose from 70 to 93."""
    rows = (json.loads(line) for line in GENUINE.read_text(encoding="utf-8").splitlines())
    (story,) = [row["answer"] for row in rows if row["id"] == "genuine-07"]
    card = scored("ambiguous-requirements", story)
    assert quote_for(card, "clarifying questions to users or stakeholders") is None
    assert card.overall <= 70
