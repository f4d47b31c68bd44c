"""Which of a question's key points an answer covers, and the sentence that shows it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .concepts import related
from .features import SentenceInfo
from .text import content_words

__all__ = ["KeypointHit", "keypoint_hits"]

# Words in key points that describe how to say something rather than what.
_MANNER = frozenset(
    content_words(
        """such like specific concrete clear clearly real stated plainly one two e.g
        versus vs using based approach handling behaviour behavior way ways own part
        whether when where what how explicit explicitly instead early then each"""
    )
)
# Key-point words a sentence can meet through its features rather than its words.
_FEATURE_WORDS: dict[str, Callable[[SentenceInfo], bool]] = {
    **dict.fromkeys(
        content_words("number numbers quantified quantify measurable measured metric figure"),
        lambda s: s.metric,
    ),
    **dict.fromkeys(content_words("lesson learned learning took away"), lambda s: s.lesson),
    **dict.fromkeys(content_words("afterwards later since"), lambda s: s.lesson),
    **dict.fromkeys(content_words("consequences impact stakes"), lambda s: s.stakes or s.metric),
    **dict.fromkeys(content_words("reasoning why because"), lambda s: s.reasoning),
}
_NEGATED = re.compile(r"^\s*(?:no|not|never|without|avoid(?:ing)?|don'?t)\b", re.IGNORECASE)
_NEGATED_FEATURES: dict[str, Callable[[SentenceInfo], bool]] = {
    **dict.fromkeys(content_words("blame blaming blamed"), lambda s: s.blame),
    **dict.fromkeys(content_words("flattery buzzwords jargon"), lambda s: s.buzzwords >= 2),
    **dict.fromkeys(content_words("rambling filler"), lambda s: s.digression),
}


@dataclass(frozen=True)
class KeypointHit:
    """A key point and the sentence that covers it (None when it is missing)."""

    point: str
    covered: bool
    evidence: SentenceInfo | None


def _wanted(point: str) -> list[str]:
    return [w for w in dict.fromkeys(content_words(point)) if w not in _MANNER and len(w) > 1]


def _matches(word: str, info: SentenceInfo) -> bool:
    feature = _FEATURE_WORDS.get(word)
    if feature is not None and feature(info):
        return True
    return not info.stems.isdisjoint(related(word))


def _negated_hit(point: str, infos: Sequence[SentenceInfo]) -> KeypointHit:
    """A "no X" point is covered when a substantive answer never does X."""
    wanted = _wanted(_NEGATED.sub("", point))
    checks = [_NEGATED_FEATURES[w] for w in wanted if w in _NEGATED_FEATURES]
    if checks:
        breaks = any(check(i) for i in infos for check in checks)
    else:
        breaks = any(sum(_matches(w, i) for w in wanted) >= max(1, len(wanted) // 2) for i in infos)
    substantive = sum(i.substance for i in infos) >= 25
    return KeypointHit(point, covered=substantive and not breaks, evidence=None)


def keypoint_hits(keypoints: Sequence[str], infos: Sequence[SentenceInfo]) -> list[KeypointHit]:
    """For each key point, the sentence covering most of its words (or none)."""
    usable = [i for i in infos if i.usable]
    hits: list[KeypointHit] = []
    for point in keypoints:
        if _NEGATED.match(point):
            hits.append(_negated_hit(point, usable))
            continue
        wanted = _wanted(point)
        need = 1 if len(wanted) <= 2 else 2
        best: SentenceInfo | None = None
        best_share = 0.0
        for info in usable:
            matched = sum(1 for w in wanted if _matches(w, info))
            share = matched / max(len(wanted), 1)
            if matched >= need and share > best_share:
                best, best_share = info, share
        covered = best is not None and best_share >= 0.4
        hits.append(KeypointHit(point, covered, best if covered else None))
    return hits
