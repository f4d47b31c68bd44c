"""The offline scorer agrees with the held-back labelled answers (the project's quality bar).

These are quality thresholds on fixed data, not timings, so they are safe to assert.
The figures come from benchmarks/scorer_quality.py, which prints them in full.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from coachkit import QuestionBank
from coachkit.models import DIMENSIONS
from coachkit.scoring import LocalScorer

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "scorer_quality.py"


def _load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("scorer_quality", BENCHMARK)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


sq = _load_benchmark()


@pytest.fixture(scope="module")
def holdout(bank: QuestionBank) -> list[Any]:
    items = sq.load_labelled(split="holdout")
    assert len(items) >= 20, "the held-back split is missing or too small"
    return sq.score_all(LocalScorer(), bank, items)


@pytest.fixture(scope="module")
def baseline(bank: QuestionBank) -> list[Any]:
    return sq.word_count_baseline(bank, sq.load_labelled(split="holdout"))


def test_overall_ranks_like_the_labels(holdout: list[Any], baseline: list[Any]) -> None:
    mine, base = sq.overall_spearman(holdout), sq.overall_spearman(baseline)
    assert mine >= 0.80
    assert mine >= base + 0.25


def test_long_answers_are_ranked_by_quality_not_length(holdout: list[Any]) -> None:
    assert sq.overall_spearman(holdout, sq.LONG_ANSWER_WORDS) >= 0.70


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_presence_f1_per_dimension(holdout: list[Any], dimension: str) -> None:
    assert sq.presence_f1(holdout, dimension) >= 0.85


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_mean_absolute_error_per_dimension(holdout: list[Any], dimension: str) -> None:
    assert sq.dimension_mae(holdout, dimension) <= 0.9


@pytest.fixture(scope="module")
def labelled(bank: QuestionBank) -> list[Any]:
    """Every labelled answer, both splits, scored once for the tests that read them all."""
    return sq.score_all(LocalScorer(), bank, sq.load_labelled(split="all"))


def test_gaming_rules_hold_on_every_labelled_answer(labelled: list[Any]) -> None:
    assert sq.gaming_failures(labelled) == []


def test_labelled_answers_score_deterministically(bank: QuestionBank) -> None:
    assert sq.nondeterministic(LocalScorer(), bank, sq.load_labelled(split="holdout")) == []


def test_metric_helpers() -> None:
    assert sq.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert sq.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert sq.spearman([1, 1, 2], [1, 2, 3]) == pytest.approx(0.866, abs=1e-3)
    assert sq.f1([True, False, True], [True, True, False]) == pytest.approx(0.5)
    assert sq.f1([False], [False]) == 1.0
    assert sq.mae([1, 2], [2, 4]) == pytest.approx(1.5)


GENUINE = BENCHMARK.parent.parent / "tests" / "data" / "genuine_answers.jsonl"


@pytest.fixture(scope="module")
def genuine(bank: QuestionBank) -> list[Any]:
    """60 answers to 30 story questions in six styles, labelled apart from the scorer."""
    items = sq.load_labelled(GENUINE, split="all")
    assert len(items) == 60
    return sq.score_all(LocalScorer(), bank, items)


def test_key_points_of_unseen_answers_are_credited_where_made(genuine: list[Any]) -> None:
    """Measured: precision 0.99, recall 0.59 (0.54 on the half no wording was chosen on).

    The recall floor is a regression guard, not a claim: a story told in its own words
    still loses about half its key points to the word-family matcher.
    """
    precision, recall = sq.keypoint_precision_recall(genuine)
    assert precision >= 0.95
    assert recall >= 0.45


def test_unseen_answers_never_read_as_gaming_or_dodging(genuine: list[Any]) -> None:
    dodges = {
        "off_topic",
        "non_answer",
        "signpost_stuffing",
        "injection_suspected",
        "echoes_guidance",
    }
    assert [r.item.id for r in genuine if dodges & set(r.flags)] == []


def test_key_points_of_views_are_credited_where_a_coach_sees_them(bank: QuestionBank) -> None:
    """95 views and edge answers, their key points judged by a coach apart from the scorer.

    Measured: precision 0.99, recall 0.54. The view word families (motivators,
    influence, autonomy, one-on-ones ...) were chosen reading this set's misses, so
    the recall floor guards against regressions; it is not an unseen-data claim.
    """
    precision, recall, judged = sq.judged_keypoints(LocalScorer(), bank)
    assert judged == 95
    assert precision >= 0.95
    assert recall >= 0.50


def test_key_points_of_pitches_are_credited_where_a_coach_sees_them(bank: QuestionBank) -> None:
    """74 pitches, their key points judged by a coach apart from the scorer.

    Measured: precision 0.99, recall 0.98 (0.86 and 0.67 before pitches were read as
    beats). The beats were written reading the misses of the first 54 (and, after one
    unseen run, of the last 20), so the floors guard against regressions.
    """
    precision, recall, judged = sq.pitch_keypoints(LocalScorer(), bank)
    assert judged == 74
    assert precision >= 0.95
    assert recall >= 0.90


TECHNICAL = BENCHMARK.parent.parent / "tests" / "data" / "technical_answers.jsonl"


@pytest.fixture(scope="module")
def technical(bank: QuestionBank) -> list[Any]:
    """68 answers to 20 technical questions of five roles (none backend), labelled apart
    from the scorer: strong, mediocre, poor, and strong in plain words."""
    items = sq.load_labelled(TECHNICAL, split="all")
    assert len(items) == 68
    return sq.score_all(LocalScorer(), bank, items)


def test_technical_answers_of_every_role_rank_like_their_labels(technical: list[Any]) -> None:
    """Measured: Spearman 0.91 (0.88 when every technical answer was read as a design)."""
    assert sq.overall_spearman(technical) >= 0.85
    precision, _recall = sq.keypoint_precision_recall(technical)
    assert precision >= 0.85


def test_a_strong_technical_answer_is_never_read_as_a_dodge(technical: list[Any]) -> None:
    """A product manager's strong answer was flagged rambling and scored 21."""
    strong = [r for r in technical if r.item.kind in ("technical-strong", "technical-plain")]
    dodges = {"off_topic", "rambling", "non_answer", "misses_question", "buzzword_heavy"}
    assert [r.item.id for r in strong if dodges & set(r.flags)] == []
    assert min(r.overall for r in strong if r.item.kind == "technical-strong") >= 60


def test_a_high_score_means_what_a_coach_gives(
    labelled: list[Any], genuine: list[Any], technical: list[Any]
) -> None:
    """Answers scored 88 or more sit, on average, within 2.5 of what their coaches gave.

    Measured: labelled -0.4 (tune) and -1.4 (holdout), genuine +0.5, technical -1.6. Before
    the points above 86 counted less, the points added up past 100 for a strong answer
    and the top of the scale ran high: +4.9, +2.8, +4.9 and +1.4 (a 5, 4, 5, 5 story
    scored 97 where its coaches gave 89-93). The order is the same (Spearman unchanged).
    """
    for rows in (labelled, genuine, technical):
        bias, scored_high = sq.top_bias(rows)
        assert scored_high >= 10
        assert abs(bias) <= 2.5, (rows[0].item.id, bias)
