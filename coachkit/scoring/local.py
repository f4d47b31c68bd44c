"""The offline scorer: deterministic, explainable, pure Python, and the default."""

from __future__ import annotations

import time

from ..models import DIMENSIONS, Dimension, DimensionScore, KeypointResult, Question, ScoreCard
from ..rubric import RUBRIC_VERSION, dimension_brief
from .analysis import Analysis, SentenceInfo, analyse
from .rebuild import rebuild

__all__ = ["LocalScorer"]

MAX_ANSWER_CHARS = 100_000  # beyond this only the start is read; huge pastes stay fast


def _quote(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _band(infos: list[SentenceInfo], dimension: Dimension, technical: bool) -> int:
    """0-5 from the sentences serving a dimension: substance and specifics earn points."""
    if not infos:
        return 0
    substance = sum(min(i.substance, 12) for i in infos)
    specifics = sum(int(i.numbers) + int(i.time_marker) + min(i.proper_nouns, 2) for i in infos)
    if substance < 3:
        return 1
    band = 2
    if specifics >= 1 or substance >= 12:
        band = 3
    if specifics >= 2 and substance >= 10:
        band = 4
    if specifics >= 4 and substance >= 18:
        band = 5
    if dimension == "result" and not technical:
        concrete = any(i.numbers and not i.vague_metric for i in infos)
        if not concrete:
            band = min(band, 3)
        if all(i.vague_metric or not i.specific for i in infos):
            band = min(band, 2)
    return band


class LocalScorer:
    """Scores answers with sentence-level features; no network, no model files."""

    name = "local"

    def score(self, question: Question, answer: str) -> ScoreCard:
        started = time.perf_counter()
        analysis = analyse(question, answer[:MAX_ANSWER_CHARS])
        technical = question.technical
        flags = self._flags(analysis, technical)

        dimensions: dict[Dimension, DimensionScore] = {}
        for dimension in DIMENSIONS:
            infos = analysis.by_role(dimension)
            score = _band(infos, dimension, technical)
            if dimension == "action" and not technical and "we_not_i" in flags:
                score = min(score, 2)  # the rubric's cap
            score = self._cap(score, analysis, flags)
            dimensions[dimension] = DimensionScore(
                score=score,
                evidence=[i.text for i in infos if score > 0][:3],
                feedback=self._feedback(question, dimension, score, infos, flags),
            )

        keypoints = [
            KeypointResult(point=point, covered=hit is not None, evidence=hit.text if hit else None)
            for point, hit in analysis.keypoint_hits
        ]
        overall = self._overall(question, analysis, dimensions, keypoints, flags)
        return ScoreCard(
            question_id=question.id,
            scorer=self.name,
            model=None,
            rubric_version=RUBRIC_VERSION,
            dimensions=dimensions,
            overall=overall,
            keypoints=keypoints,
            rebuilt=rebuild(analysis, technical),
            flags=flags,
            tips=self._tips(dimensions, keypoints),
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
            cost_usd=None,
        )

    # -- pieces -----------------------------------------------------------
    @staticmethod
    def _flags(analysis: Analysis, technical: bool) -> list[str]:
        flags: list[str] = []
        substantive = [i for i in analysis.sentences if i.substance >= 3 and not i.injected]
        if analysis.injection:
            flags.append("injection_suspected")
        if analysis.signpost_ratio >= 0.5 and sum(i.substance for i in substantive) < 25:
            flags.append("signpost_stuffing")
        if analysis.non_answer or not substantive:
            flags.append("non_answer")
        if not analysis.english:
            flags.append("non_english")
        elif analysis.relevance < 0.18 and "non_answer" not in flags:
            flags.append("off_topic")
        actions = [i for i in analysis.by_role("action")]
        if not technical and actions and not analysis.uses_i and any(i.we for i in actions):
            flags.append("we_not_i")
        results = analysis.by_role("result")
        if not technical and results:
            if any(i.vague_metric for i in results) and not any(i.numbers for i in results):
                flags.append("vague_metrics")
            elif not any(i.numbers for i in results):
                flags.append("no_metrics")
        if analysis.word_count < 40:
            flags.append("too_short")
        elif analysis.word_count > 450:
            flags.append("too_long")
        if analysis.filler_ratio > 0.04:
            flags.append("filler_heavy")
        return flags

    @staticmethod
    def _cap(score: int, analysis: Analysis, flags: list[str]) -> int:
        if "non_answer" in flags or "off_topic" in flags:
            return min(score, 1)
        if "signpost_stuffing" in flags:
            return min(score, 1)
        if "too_short" in flags and len(analysis.sentences) <= 1:
            return min(score, 1)
        return score

    @staticmethod
    def _overall(
        question: Question,
        analysis: Analysis,
        dimensions: dict[Dimension, DimensionScore],
        keypoints: list[KeypointResult],
        flags: list[str],
    ) -> int:
        """Holistic: dimensions, weighted by relevance and key points, minus padding."""
        weights = {"situation": 0.8, "task": 0.8, "action": 1.3, "result": 1.1}
        star = sum(weights[d] * dimensions[d].score for d in DIMENSIONS) / (
            5 * sum(weights.values())
        )
        coverage = sum(k.covered for k in keypoints) / len(keypoints) if keypoints else star
        blend = 0.5 * star + 0.5 * coverage if question.technical else 0.8 * star + 0.2 * coverage
        relevance = min(1.0, 0.55 + analysis.relevance)
        score = 100 * blend * relevance
        if "too_long" in flags or "rambling" in flags:
            score -= 8
        if "filler_heavy" in flags:
            score -= 5
        caps = {
            "non_answer": 10,
            "off_topic": 15,
            "injection_suspected": 25,
            "signpost_stuffing": 20,
            "too_short": 35,
        }
        for flag, cap in caps.items():
            if flag in flags:
                score = min(score, cap)
        return max(0, min(100, round(score)))

    @staticmethod
    def _feedback(
        question: Question,
        dimension: Dimension,
        score: int,
        infos: list[SentenceInfo],
        flags: list[str],
    ) -> str:
        brief = dimension_brief(question.category, dimension)
        if score == 0 or not infos:
            return f"Missing. Add {brief}."
        first = _quote(infos[0].text)
        if dimension == "action" and "we_not_i" in flags:
            return f'You wrote "{first}": say what you did yourself, with "I".'
        if dimension == "result" and "vague_metrics" in flags:
            return f'"{first}" is vague: replace it with a number, before vs after.'
        if dimension == "result" and "no_metrics" in flags:
            return f'"{first}": add a figure (time saved, % change, customers affected).'
        if score <= 2:
            return f'"{first}" is generic: make it specific ({brief}).'
        if score == 3:
            return f'"{first}" works; one more concrete detail (a name, a number) lifts it.'
        return f'Strong: "{first}".'

    @staticmethod
    def _tips(
        dimensions: dict[Dimension, DimensionScore], keypoints: list[KeypointResult]
    ) -> list[str]:
        weakest = sorted(DIMENSIONS, key=lambda d: (dimensions[d].score, DIMENSIONS.index(d)))
        tips = [
            f"{d.title()}: {dimensions[d].feedback}" for d in weakest[:2] if dimensions[d].score < 4
        ]
        missing = [k.point for k in keypoints if not k.covered]
        if missing:
            tips.append("Cover: " + "; ".join(missing[:3]) + ".")
        return tips
