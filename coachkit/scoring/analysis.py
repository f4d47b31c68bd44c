"""Read an answer sentence by sentence: what each one does for the story."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import DIMENSIONS, Dimension, Question
from . import lexicon as lx
from .injection import injection_spans
from .text import STOPWORDS, Sentence, clean, content_words, sentences, stem, words

__all__ = ["Analysis", "SentenceInfo", "analyse"]

_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z0-9]+(?:[A-Z][a-z0-9]+)*\b")
_ACRONYM = re.compile(r"\b[A-Z]{2,}[0-9]*s?\b")


@dataclass
class SentenceInfo:
    """Features of one sentence; ``role`` is the STAR part it serves best."""

    sentence: Sentence
    words: list[str]
    substance: int  # content words that are not hollow STAR vocabulary
    first_person: bool
    we: bool
    numbers: bool
    vague_metric: bool
    time_marker: bool
    proper_nouns: int
    signposts: int
    injected: bool
    cues: dict[Dimension, float] = field(default_factory=dict)
    role: Dimension | None = None

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def specific(self) -> bool:
        return self.numbers or self.time_marker or self.proper_nouns > 0


@dataclass
class Analysis:
    """Everything the scorer knows about one answer."""

    text: str
    sentences: list[SentenceInfo]
    word_count: int
    relevance: float  # 0..1: overlap with the question and a work-story vocabulary
    english: bool
    non_answer: bool
    filler_ratio: float
    injection: bool
    signpost_ratio: float
    keypoint_hits: list[tuple[str, SentenceInfo | None]]

    def by_role(self, dimension: Dimension) -> list[SentenceInfo]:
        return [s for s in self.sentences if s.role == dimension]

    @property
    def uses_i(self) -> bool:
        return any(s.first_person for s in self.sentences)


def _cue_score(ws: list[str], cues: frozenset[str]) -> float:
    return float(sum(1 for w in ws if w in cues or stem(w) in cues))


def _sentence_info(sentence: Sentence, technical: bool) -> SentenceInfo:
    text = sentence.text
    ws = words(text)
    unlabelled = lx.SIGNPOST.sub(" ", text)
    substance = sum(
        1 for w in words(unlabelled) if w not in STOPWORDS and w not in lx.HOLLOW and len(w) > 2
    )
    proper = [m for m in _PROPER.findall(text) if m.lower() not in STOPWORDS] + _ACRONYM.findall(
        text
    )
    cue_sets = lx.TECH_CUES if technical else lx.CUES
    return SentenceInfo(
        sentence=sentence,
        words=ws,
        substance=substance,
        first_person=any(w in lx.FIRST_PERSON for w in ws),
        we=any(w in lx.WE for w in ws),
        numbers=bool(lx.NUMBER.search(text)),
        vague_metric=bool(lx.VAGUE_METRIC.search(text)),
        time_marker=bool(lx.TIME_MARKER.search(text)),
        proper_nouns=len(proper),
        signposts=len(lx.SIGNPOST.findall(text)),
        injected=bool(injection_spans(text)),
        cues={d: _cue_score(ws, cue_sets[d]) for d in DIMENSIONS},
    )


def _assign_roles(infos: list[SentenceInfo], technical: bool) -> None:
    """Give each substantive sentence the STAR role it serves best.

    Cue words decide first; position in the answer breaks ties, because stories
    mostly run situation -> task -> action -> result.
    """
    n = len(infos)
    for info in infos:
        if info.injected or info.substance < 2:
            continue
        position = info.sentence.index / max(n - 1, 1)
        weights: dict[Dimension, float] = dict(info.cues)
        # A gentle prior from position in the answer.
        weights["situation"] += 1.2 * (1 - position) ** 2
        weights["task"] += 0.6 * (1 - abs(position - 0.25) * 2)
        weights["action"] += 0.6 * (1 - abs(position - 0.6) * 2)
        weights["result"] += 1.2 * position**2
        if not technical:
            if info.first_person:
                weights["action"] += 0.5
            if info.numbers and position > 0.5:
                weights["result"] += 0.8
        best: Dimension = max(DIMENSIONS, key=lambda d: (weights[d], -DIMENSIONS.index(d)))
        info.role = best


_KEYPOINT_SYNONYMS: dict[str, set[str]] = {
    "store": {"redis", "memcached", "database", "db", "dynamodb", "postgres", "table"},
    "redis": {"memcached", "cache", "store"},
    "bucket": {"token"},
    "window": {"sliding", "fixed"},
    "burst": {"spike", "peak"},
    "down": {"outage", "unavailable", "fail", "fails", "failure"},
    "key": {"keys", "token", "uuid", "header"},
    "dedup": {"duplicate", "duplicates", "deduplicate", "deduplication"},
    "transaction": {"acid", "atomic", "transactional"},
    "join": {"joins", "relational"},
    "metric": {"number", "percent"},
}


def _keypoint_hits(
    keypoints: tuple[str, ...], infos: list[SentenceInfo]
) -> list[tuple[str, SentenceInfo | None]]:
    """For each key point, the sentence that covers it best (or None)."""
    hits: list[tuple[str, SentenceInfo | None]] = []
    stems_by_sentence = [set(content_words(i.text)) for i in infos]
    for point in keypoints:
        wanted = [w for w in dict.fromkeys(content_words(point)) if len(w) > 2]
        best, best_score = None, 0.0
        for info, have in zip(infos, stems_by_sentence, strict=True):
            if info.injected:
                continue
            matched = 0
            for w in wanted:
                alternatives = {w} | {stem(s) for s in _KEYPOINT_SYNONYMS.get(w, set())}
                if have & alternatives:
                    matched += 1
            score = matched / max(len(wanted), 1)
            if matched >= min(2, len(wanted)) and score > best_score:
                best, best_score = info, score
        hits.append((point, best if best_score >= 0.34 else None))
    return hits


def _relevance(question: Question, infos: list[SentenceInfo]) -> float:
    """How much the answer speaks to this question rather than something else."""
    topic = set(content_words(" ".join([question.prompt, *question.keypoints, *question.tags])))
    topic |= set(content_words(question.how_to_answer))
    answer_stems = [stem(w) for i in infos for w in i.words if w not in STOPWORDS]
    if not answer_stems:
        return 0.0
    distinct = set(answer_stems)
    on_topic = len(distinct & topic) / max(min(len(topic), 12), 1)
    work = len({w for i in infos for w in i.words} & lx.WORK_CONTEXT) / 6
    weight_work = 0.2 if question.technical else 0.5
    return float(min(1.0, on_topic * (1 - weight_work) + min(work, 1.0) * weight_work))


def analyse(question: Question, answer: str) -> Analysis:
    text = clean(answer)
    technical = question.technical
    infos = [_sentence_info(s, technical) for s in sentences(text)]
    _assign_roles(infos, technical)
    all_words = [w for i in infos for w in i.words]
    english_hits = sum(1 for w in all_words if w in STOPWORDS)
    english = len(all_words) < 8 or english_hits / len(all_words) >= 0.18
    fillers = len(lx.FILLER.findall(text))
    signposts = sum(i.signposts for i in infos)
    return Analysis(
        text=text,
        sentences=infos,
        word_count=len(all_words),
        relevance=_relevance(question, infos),
        english=english,
        non_answer=bool(lx.NON_ANSWER.search(text)) and len(all_words) < 40,
        filler_ratio=fillers / max(len(all_words), 1),
        injection=any(i.injected for i in infos),
        signpost_ratio=signposts / max(len(infos), 1),
        keypoint_hits=_keypoint_hits(question.keypoints, infos),
    )
