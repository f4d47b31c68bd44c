"""The offline scorer: deterministic, explainable, pure Python, and the default."""

from __future__ import annotations

import time
from collections.abc import Sequence

from ..errors import EmptyAnswerError
from ..models import DIMENSIONS, Dimension, DimensionScore, KeypointResult, Question, ScoreCard
from ..rubric import RUBRIC_VERSION
from .analysis import Analysis, analyse
from .bands import bands as score_bands
from .bands import evidence_for
from .feedback import dimension_feedback, tips
from .flags import answer_flags, answered_instead
from .keypoints import KeypointHit, credited
from .overall import fit_cap, overall
from .rebuild import rebuild
from .text import clean

__all__ = ["MAX_ANSWER_CHARS", "LocalScorer"]

# Beyond this only the start is read: a real answer is a few thousand characters,
# and a pasted book must not freeze the notebook.
MAX_ANSWER_CHARS = 60_000
_EVIDENCE_PER_DIMENSION = 3
_EVIDENCE_CHARS = 240


def _evidence(analysis: Analysis, dimension: Dimension, score: int) -> list[str]:
    """Verbatim quotes (substrings of the answer) of the sentences behind a band."""
    if score == 0:
        return []
    quotes = []
    for info in evidence_for(analysis, dimension)[:_EVIDENCE_PER_DIMENSION]:
        quote = analysis.quote(info).strip()
        if len(quote) > _EVIDENCE_CHARS:
            quote = quote[:_EVIDENCE_CHARS].rsplit(" ", 1)[0] or quote[:_EVIDENCE_CHARS]
        if quote:
            quotes.append(quote)
    return quotes


def _keypoint_quote(analysis: Analysis, hit: KeypointHit) -> str | None:
    """The words behind a key point: its sentence, or both of a point made over two."""
    if hit.evidence is None:
        return None
    more = () if hit.beside is None else (hit.beside,)
    return analysis.quote(hit.evidence, *more) or None


# Flags that make every dimension's evidence worthless, whatever its words.
_ZEROING = ("non_answer", "off_topic", "signpost_stuffing")
_CAPPING = ("injection_suspected",)


def _capped(dimension: Dimension, score: int, analysis: Analysis, flags: list[str]) -> int:
    if "non_answer" in flags:
        return 0  # declining tells no part of a story: each is absent, as coaches mark it
    if any(flag in flags for flag in _ZEROING):
        return min(score, 1)
    if any(flag in flags for flag in _CAPPING):
        return min(score, 2)
    if len(analysis.usable) <= 1:
        return min(score, 1)  # one sentence cannot tell a story
    if "buzzword_heavy" in flags and not any(s.metric for s in analysis.usable):
        return min(score, 1)  # jargon with nothing checkable behind it
    if "rambling" in flags:
        return min(score, 2 if dimension == "situation" else 1)
    return score


# An overall this high beside a part this thin reads as "done" while a bar says "weak".
_HIGH_OVERALL, _THIN_PART = 80, 2


def _notes(
    answer: str,
    overall: int,
    bands: dict[Dimension, int],
    loose: Sequence[KeypointHit] | None = None,
    instead: Question | None = None,
) -> list[str]:
    notes = []
    if loose is not None:
        covered = sum(hit.covered for hit in loose)
        told = (
            "The story stays far from this question's words and covers"
            if instead is None
            else f'The answer reads as one to "{instead.prompt}": it stays far from this '
            "question's words and covers"
        )
        notes.append(
            f"{told} {covered} of its {len(loose)} key points, so its overall is held to "
            f"{overall}: the more of this question it shows, the higher that limit."
        )
    if len(answer) > MAX_ANSWER_CHARS:
        notes.append(
            f"Only the first {MAX_ANSWER_CHARS:,} characters were read; "
            "an interview answer is rarely a tenth of that."
        )
    thin = [d for d in DIMENSIONS if bands[d] <= _THIN_PART]
    if overall >= _HIGH_OVERALL and thin:
        parts = " and ".join(f"{d.title()} ({bands[d]}/5)" for d in thin)
        verb, tip = ("is", "its tip says") if len(thin) == 1 else ("are", "their tips say")
        notes.append(
            f"The overall {overall} rests on what the answer covers; {parts} {verb} still "
            f"thin: {tip} what to add."
        )
    return notes


class LocalScorer:
    """Scores answers with sentence-level features; no network, no model files.

    ``score`` raises EmptyAnswerError for an answer with nothing visible in it;
    anything else (any unicode, control characters, huge pastes) gets a card.
    """

    name = "local"

    def score(self, question: Question, answer: str) -> ScoreCard:
        started = time.perf_counter()
        # Only invisible characters (zero-width spaces, a lone BOM) are empty too.
        if not answer.strip() or (not answer.isascii() and not clean(answer)):
            raise EmptyAnswerError()
        analysis = analyse(question, answer[:MAX_ANSWER_CHARS])
        flags = answer_flags(analysis)

        bands = {d: _capped(d, b, analysis, flags) for d, b in score_bands(analysis).items()}
        feedback: dict[Dimension, str] = {}
        for dimension in DIMENSIONS:
            feedback[dimension] = dimension_feedback(
                analysis, dimension, bands[dimension], evidence_for(analysis, dimension)
            )
        dimensions = {
            d: DimensionScore(
                score=bands[d], evidence=_evidence(analysis, d, bands[d]), feedback=feedback[d]
            )
            for d in DIMENSIONS
        }
        hits = credited(analysis.keypoints, flags)
        total = overall(analysis, bands, flags, hits)
        # A story far from this question's words, or a view that answers another question,
        # is held to what it covers of it; the flag (and a note) say so only where that
        # lowers the overall.
        cap = fit_cap(question, analysis, flags, hits)
        if cap is not None and total > cap:
            flags.append("loose_fit")
            total = cap
        keypoints = [
            KeypointResult(
                point=hit.point,
                covered=hit.covered,
                evidence=_keypoint_quote(analysis, hit),
            )
            for hit in hits
        ]
        return ScoreCard(
            question_id=question.id,
            scorer=self.name,
            model=None,
            rubric_version=RUBRIC_VERSION,
            dimensions=dimensions,
            overall=total,
            keypoints=keypoints,
            rebuilt=rebuild(analysis),
            flags=flags,
            tips=tips(feedback, hits),
            notes=_notes(
                answer,
                total,
                bands,
                hits if "loose_fit" in flags else None,
                answered_instead(question, analysis)
                if "loose_fit" in flags and analysis.reading == "view"
                else None,
            ),
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
            cost_usd=None,
        )
