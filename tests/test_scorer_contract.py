"""The offline scorer keeps the ScoreCard contract: bands, verbatim evidence, tips, flags."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coachkit import EmptyAnswerError, QuestionBank, ScoreCard
from coachkit.models import DIMENSIONS
from coachkit.rubric import RUBRIC_VERSION
from coachkit.scoring import LocalScorer

STORY = (
    "In March 2023 I was the on-call engineer for the payments API at Brightcart, a grocery "
    "delivery startup with 400,000 customers. At 7:40 on a Friday our error-rate alert fired: "
    "18 percent of card payments were failing, and the weekend rush was two hours away. "
    "My job was to stop the bleeding before the rush without losing any orders. "
    "I checked the deploy log, saw a config change to the payment client twenty minutes "
    "earlier, and rolled it back at 7:52 because it was the only change in the window. "
    "I posted updates to support every fifteen minutes so they could answer customers. "
    "Errors fell from 18 percent to under 0.5 percent by 8:05, and about 1,200 orders had "
    "to be retried. Afterwards I added a canary step for config changes, and in the six "
    "months since, it has caught two bad configs before they reached customers."
)
ALL_FLAGS = {
    "injection_suspected",
    "echoes_guidance",
    "signpost_stuffing",
    "non_answer",
    "non_english",
    "off_topic",
    "we_not_i",
    "vague_metrics",
    "no_metrics",
    "too_short",
    "too_long",
    "filler_heavy",
    "rambling",
    "buzzword_heavy",
    "misses_question",
    "loose_fit",
    "no_story",
    "repeats",
    "flattery",
    "money_first",
    "disparages_employer",
    "humble_brag",
    "implausible_figures",
    "rejects_key_points",
}


@pytest.fixture(scope="module")
def scorer() -> LocalScorer:
    return LocalScorer()


def test_name_is_the_profile_name(scorer: LocalScorer) -> None:
    assert scorer.name == "local"


def test_card_has_the_contract_fields(bank: QuestionBank, scorer: LocalScorer) -> None:
    card = scorer.score(bank.get("production-incident"), STORY)
    assert card.question_id == "production-incident"
    assert card.scorer == "local"
    assert card.model is None and card.cost_usd is None
    assert card.rubric_version == RUBRIC_VERSION
    assert list(card.dimensions) == list(DIMENSIONS)
    assert all(0 <= card.score(d) <= 5 for d in DIMENSIONS)
    assert 0 <= card.overall <= 100
    assert card.latency_ms >= 0
    assert len(card.keypoints) == len(bank.get("production-incident").keypoints)
    assert set(card.flags) <= ALL_FLAGS
    # The JSON round-trips through the model, as `coachkit score --json` relies on.
    assert ScoreCard.model_validate_json(card.model_dump_json()) == card


def test_a_strong_story_scores_high_with_evidence(bank: QuestionBank, scorer: LocalScorer) -> None:
    card = scorer.score(bank.get("production-incident"), STORY)
    assert card.overall >= 75
    assert all(card.score(d) >= 3 for d in DIMENSIONS)
    assert all(card.dimensions[d].evidence for d in DIMENSIONS)
    assert sum(k.covered for k in card.keypoints) >= 3


@pytest.mark.parametrize(
    "answer",
    [
        STORY,
        STORY.replace(" ", "  ").replace(". ", ".\r\n"),
        STORY.replace("payments", "pay\u200bments").replace("I ", "Ｉ "),
        "\ufeff" + STORY.replace("percent", "per\u00adcent"),
    ],
    ids=["plain", "crlf-and-double-spaces", "zero-width-and-fullwidth", "bom-and-soft-hyphen"],
)
def test_evidence_is_verbatim_from_the_answer(
    bank: QuestionBank, scorer: LocalScorer, answer: str
) -> None:
    card = scorer.score(bank.get("production-incident"), answer)
    quotes = [q for d in DIMENSIONS for q in card.dimensions[d].evidence]
    quotes += [k.evidence for k in card.keypoints if k.evidence]
    assert quotes
    for quote in quotes:
        assert quote and quote in answer


def test_one_tip_per_dimension_quoting_the_answer(bank: QuestionBank, scorer: LocalScorer) -> None:
    answer = (
        "Last year at a logistics company I was asked to cut our cloud bill. "
        "I looked at the invoices and found that idle staging clusters cost the most. "
        "I wrote a script that shut them down at night. The bill went down a lot."
    )
    card = scorer.score(bank.get("time-you-failed"), answer)
    by_dimension = {d: [t for t in card.tips if t.startswith(f"{d.title()}:")] for d in DIMENSIONS}
    assert all(len(tips) == 1 for tips in by_dimension.values()), card.tips
    for dimension, (tip,) in by_dimension.items():
        quoted = tip.split('"')[1].rstrip("…") if '"' in tip else ""
        assert quoted and quoted in answer, (dimension, tip)
        assert tip.endswith(card.dimensions[dimension].feedback)


def test_a_missing_part_is_pointed_at_a_neighbouring_sentence(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    answer = (
        "I rewrote the import job in Go and added retries with backoff because the old job "
        "dropped files. I paired with the data team to test it on a month of real uploads."
    )
    card = scorer.score(bank.get("time-you-failed"), answer)
    tip = card.dimensions["result"].feedback
    assert card.score("result") <= 1
    assert tip.startswith('After "') and "by how much" in tip


def test_empty_answers_are_a_documented_error(bank: QuestionBank, scorer: LocalScorer) -> None:
    for answer in ("", "   \n\t", "\u200b\u200b\n", "\ufeff", "\u00a0\u2003"):
        with pytest.raises(EmptyAnswerError):
            scorer.score(bank.get("time-you-failed"), answer)


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        (
            "conflict-with-teammate",
            "El año pasado tuve un desacuerdo con una compañera, Lucía, sobre el diseño de la "
            "API de pagos. Yo quería versionar la API y ella prefería cambiarla directamente. "
            "Hablé con ella a solas, preparé un prototipo en dos días y medimos el impacto con "
            "tres clientes. Al final adoptamos su propuesta con una capa de compatibilidad y "
            "redujimos los errores de integración un 40 por ciento.",
        ),
        (
            "design-rate-limiter",
            "Ich würde zuerst klären, ob das Limit pro Nutzer oder pro API-Schlüssel gilt. "
            "Dann würde ich einen Token Bucket in Redis verwenden, weil er kurze Spitzen "
            "erlaubt. Wenn Redis ausfällt, lassen wir die Anfragen durch, damit die API "
            "erreichbar bleibt, und antworten sonst mit HTTP 429 und Retry-After.",
        ),
    ],
    ids=["spanish-story", "german-design"],
)
def test_non_english_answers_are_flagged_and_still_scored(
    bank: QuestionBank, scorer: LocalScorer, question_id: str, answer: str
) -> None:
    card = scorer.score(bank.get(question_id), answer)
    assert "non_english" in card.flags
    assert "off_topic" not in card.flags
    assert card.overall >= 40  # specific, well-structured answers keep credit


def test_english_answers_are_not_flagged_non_english(
    bank: QuestionBank, scorer: LocalScorer
) -> None:
    card = scorer.score(bank.get("production-incident"), STORY)
    assert "non_english" not in card.flags


def _card_in_fresh_process(seed: str, question_id: str, answer: str) -> str:
    code = (
        "import json, sys\n"
        "from coachkit import QuestionBank\n"
        "from coachkit.scoring import LocalScorer\n"
        "q = QuestionBank.load().get(sys.argv[1])\n"
        "card = LocalScorer().score(q, sys.argv[2]).model_dump(mode='json')\n"
        "card['latency_ms'] = 0\n"
        "print(json.dumps(card, sort_keys=True))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", code, question_id, answer],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stdout


def test_same_input_gives_a_byte_identical_card_across_processes() -> None:
    answers = [("production-incident", STORY), ("design-rate-limiter", "Use Redis. " * 5)]
    for question_id, answer in answers:
        first = _card_in_fresh_process("1", question_id, answer)
        assert first == _card_in_fresh_process("2024", question_id, answer)
        assert json.loads(first)["question_id"] == question_id


def test_same_input_gives_the_same_card_in_process(bank: QuestionBank, scorer: LocalScorer) -> None:
    question = bank.get("production-incident")
    cards = [scorer.score(question, STORY).model_copy(update={"latency_ms": 0}) for _ in range(3)]
    assert len({c.model_dump_json() for c in cards}) == 1


def test_a_huge_paste_is_read_in_part_and_says_so(bank: QuestionBank, scorer: LocalScorer) -> None:
    from coachkit.scoring.local import MAX_ANSWER_CHARS

    answer = STORY + " " + "I kept going. " * (MAX_ANSWER_CHARS // 10)
    card = scorer.score(bank.get("production-incident"), answer)
    assert card.notes and f"{MAX_ANSWER_CHARS:,}" in card.notes[0]
    assert not scorer.score(bank.get("production-incident"), STORY).notes


OWN_PART = "your own part in it, stated plainly"


@pytest.mark.parametrize(
    ("answer", "owned"),
    [
        ("In 2022 I led the billing migration at Acme. I owned the cut-over plan.", True),
        ("I skipped the load test to hit the date, and the launch failed for two hours.", True),
        ("It was my mistake: the release went out untested and checkout broke.", True),
        ("I was responsible for the promo service, and my estimate slipped by a week.", True),
        ("We skipped the load test, and the launch failed for two hours.", False),
        ("The QA team skipped the load test, and it was their fault the launch failed.", False),
        ("My manager rushed the launch, and the release failed for two hours.", False),
    ],
)
def test_owning_your_part_of_a_failure_covers_that_key_point(
    bank: QuestionBank, scorer: LocalScorer, answer: str, owned: bool
) -> None:
    story = (
        f"{answer} Checkout errors stayed high until we rolled back the release. "
        "I added a load-test gate to our release checklist, and no launch has failed since."
    )
    card = scorer.score(bank.get("time-you-failed"), story)
    (point,) = [k for k in card.keypoints if k.point == OWN_PART]
    assert point.covered is owned
    if owned:
        assert point.evidence is not None and point.evidence in story


def test_every_key_point_in_the_bank_asks_for_something_an_answer_can_show(
    bank: QuestionBank,
) -> None:
    from coachkit.scoring.keypoints import _NEGATED, _slots

    # A point made only of words about manner ("stated plainly") could never be covered.
    unmeetable = [
        (q.id, p) for q in bank for p in q.keypoints if not _NEGATED.match(p) and not _slots(p)
    ]
    assert unmeetable == []
