"""How an answer is laid out (wrapped lines, spacing, line ends) does not change its score."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from coachkit import QuestionBank, ScoreCard
from coachkit.models import DIMENSIONS
from coachkit.scoring import LocalScorer
from coachkit.scoring.text import clean_mapped, sentences

SCORER = LocalScorer()
BANK = QuestionBank.load()
DATA = Path(__file__).parent / "data"
ROWS = [
    json.loads(line)
    for name in ("labelled_answers.jsonl", "genuine_answers.jsonl")
    for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _split(text: str) -> list[str]:
    return [s.text for s in sentences(clean_mapped(text).text)]


def _wrapped(answer: str, width: int) -> str:
    """As an editor or email client wraps it: each paragraph filled to ``width``."""
    return "\n\n".join(
        textwrap.fill(paragraph, width, break_on_hyphens=False)
        for paragraph in answer.split("\n\n")
    )


def _figures(card: ScoreCard) -> tuple[object, ...]:
    return (
        card.overall,
        [card.score(d) for d in DIMENSIONS],
        sorted(card.flags),
        [point.covered for point in card.keypoints],
    )


def test_a_wrapped_paragraph_reads_as_the_sentences_it_holds() -> None:
    wrapped = (
        "In 2023 I led the billing migration at Lumen, and two weeks\n"
        "before launch I found that refunds were\n"
        "double-counted. I owned the fix and we shipped on\n"
        "time."
    )
    assert _split(wrapped) == [
        "In 2023 I led the billing migration at Lumen, and two weeks before launch I found "
        "that refunds were double-counted.",
        "I owned the fix and we shipped on time.",
    ]


def test_a_capital_after_a_wrap_continues_the_sentence_in_a_wrapped_paragraph() -> None:
    wrapped = (
        "The outage hit checkout for about forty customers, so\n"
        "I rolled back the release and then\n"
        "wrote the runbook that the team still uses."
    )
    assert len(_split(wrapped)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # notes or a transcript: one unpunctuated sentence a line
            "I rolled back the release\nI added a canary stage\nErrors fell to zero",
            ["I rolled back the release", "I added a canary stage", "Errors fell to zero"],
        ),
        (
            "- I rolled back\n- I added a canary stage",
            ["- I rolled back", "- I added a canary stage"],
        ),
        ("1. I rolled back\n2) I added a canary", ["1. I rolled back", "2) I added a canary"]),
        (
            "Situation:\nWe were down.\nTask:\nFix it.",
            ["Situation:", "We were down.", "Task:", "Fix it."],
        ),
        (
            "We got alerts at 8 a.m.\nthat logins had dropped.",
            ["We got alerts at 8 a.m. that logins had dropped."],
        ),
        ("It worked.\nthen we left.", ["It worked.", "then we left."]),
        ("p99 hit 2 s. Errors fell.", ["p99 hit 2 s.", "Errors fell."]),
        ("I met J. R. Smith there.", ["I met J. R. Smith there."]),
        ("First part\n\nsecond part", ["First part", "second part"]),
    ],
    ids=[
        "line-per-sentence",
        "bullets",
        "numbered",
        "headings",
        "abbreviation",
        "full-stop",
        "paragraphs",
        "unit-after-a-figure",
        "initials",
    ],
)
def test_real_line_breaks_still_end_sentences(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_spacing_is_tidied_but_quotes_stay_exact() -> None:
    answer = "I  rolled\tback the release \n and cut errors  by 90%."
    assert _split(answer) == ["I rolled back the release and cut errors by 90%."]
    card = SCORER.score(BANK.get("production-incident"), answer)
    quotes = [q for d in DIMENSIONS for q in card.dimensions[d].evidence]
    assert quotes and all(q in answer for q in quotes)


@pytest.mark.parametrize("row", ROWS[::4], ids=lambda row: row["question_id"])
def test_wrapping_double_spacing_and_crlf_leave_the_card_unchanged(row: dict[str, str]) -> None:
    question, answer = BANK.get(row["question_id"]), row["answer"]
    expected = _figures(SCORER.score(question, answer))
    for variant in (
        _wrapped(answer, 60),
        _wrapped(answer, 72).replace("\n", "\r\n"),
        answer.replace(" ", "  "),
        answer.replace(". ", ".\t"),
    ):
        assert _figures(SCORER.score(question, variant)) == expected


def test_a_numbered_list_scores_as_the_same_list_with_bullets() -> None:
    """The number of a list item ("2. Usually a handful …") counted as a figure."""
    steps = [
        "I'd start with data: export the last month of pages and mark which needed action.",
        "Usually a handful of alerts cause most of the noise.",
        "Then I'd apply one rule: a page must be urgent, actionable and about user impact.",
        "Alerts on causes get downgraded to tickets or dashboards.",
        "Every page must link to a runbook.",
    ]
    numbered = "\n".join(f"{n}. {step}" for n, step in enumerate(steps, start=1))
    bulleted = "\n".join(f"- {step}" for step in steps)
    question = BANK.get("alert-fatigue")
    assert _figures(SCORER.score(question, numbered)) == _figures(SCORER.score(question, bulleted))


def test_an_ellipsis_inside_code_does_not_end_the_sentence() -> None:
    """The rebuild split "I'd use SELECT ... FOR UPDATE inside a transaction" in two."""
    assert _split("I'd use SELECT ... FOR UPDATE inside a transaction. It works.") == [
        "I'd use SELECT ... FOR UPDATE inside a transaction.",
        "It works.",
    ]
    assert _split("We waited... Then it broke.") == ["We waited...", "Then it broke."]


def test_an_unpunctuated_run_breaks_where_i_or_we_go_on() -> None:
    """A transcript with no commas read as one or two sentences of forty words, each
    playing every STAR part; "and I", "but we" or "so I" starts the next."""
    run = (
        "in 2022 i owned the migration of our payments database to postgres at a fintech "
        "and i was supposed to finish it before black friday but i skipped the dry run "
        "because we were late and when we cut over the migration locked the orders table "
        "for forty minutes and we lost about 3000 orders so i rolled it back and wrote a "
        "checklist"
    )
    assert _split(run) == [
        "in 2022 i owned the migration of our payments database to postgres at a fintech",
        "and i was supposed to finish it before black friday but i skipped the dry run "
        "because we were late and when we cut over the migration locked the orders table "
        "for forty minutes",
        "and we lost about 3000 orders so i rolled it back and wrote a checklist",
    ]


def test_a_quoted_question_inside_a_sentence_does_not_end_it() -> None:
    """ "'Would you use it?' gets a polite yes." was split before "gets", and the
    rebuild showed "Gets a polite yes." as a line of its own."""
    assert _split(
        "'Would you use a reminder?' gets a polite yes. Support can answer 'why am I "
        'throttled?\' without Redis. He said "we are done." Then he left.'
    ) == [
        "'Would you use a reminder?' gets a polite yes.",
        "Support can answer 'why am I throttled?' without Redis.",
        'He said "we are done."',
        "Then he left.",
    ]


def test_etc_ends_a_sentence_when_a_capital_follows() -> None:
    """ "toggles etc. Server data goes in TanStack Query" read as one sentence."""
    assert _split(
        "I keep toggles etc. Server data goes in a cache. We had Redis etc. and more."
    ) == [
        "I keep toggles etc.",
        "Server data goes in a cache.",
        "We had Redis etc. and more.",
    ]
    assert _split("Use a queue, e.g. Kafka or SQS.") == ["Use a queue, e.g. Kafka or SQS."]


def test_a_bound_parameter_in_code_does_not_end_the_sentence() -> None:
    """ "WHERE tenant_id = ? AND status = ? ORDER BY created_at" was read as three
    sentences, and the rebuild dropped "AND status = ?" as too short to keep."""
    assert _split(
        "I'd index WHERE tenant_id = ? AND status = ? ORDER BY created_at. Rows IN (?, ?) "
        "AND name LIKE ? match. Did it work? Did it work ? Yes."
    ) == [
        "I'd index WHERE tenant_id = ? AND status = ? ORDER BY created_at.",
        "Rows IN (?, ?) AND name LIKE ? match.",
        "Did it work?",
        "Did it work ?",
        "Yes.",
    ]
