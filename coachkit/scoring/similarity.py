"""Does an answer read like an answer to its question, or to another one in the bank?

Each question of the bundled bank becomes a TF-IDF vector of its prompt, key
points, tags and guidance. An answer whose words sit closer to another question
than to its own is probably answering that other question. Only the bundled bank
is used, so a user's own question files cannot change how anything is scored.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from ..models import Question
from .text import content_words

__all__ = ["Standing", "bundled", "closeness", "nearest", "standing"]

# How much each part of a question says about its subject.
_PARTS = (("prompt", 2.0), ("keypoints", 1.5), ("tags", 1.0), ("how_to_answer", 0.5))


@dataclass(frozen=True)
class Standing:
    """Cosine similarity of the answer to its own question and to the closest other one."""

    own: float
    best_other: float

    @property
    def closer_elsewhere(self) -> bool:
        return self.best_other > self.own


def _terms(question: Question) -> dict[str, float]:
    counts: dict[str, float] = {}
    for part, weight in _PARTS:
        value = getattr(question, part)
        text = " ".join(value) if isinstance(value, tuple) else str(value)
        for word in content_words(text):  # "on-call" is one word, as in an answer
            counts[word] = counts.get(word, 0.0) + weight
    return counts


@dataclass(frozen=True)
class _Index:
    idf: dict[str, float]
    unseen_idf: float
    ids: tuple[str, ...]
    vectors: dict[str, dict[str, float]]
    postings: dict[str, list[tuple[int, float]]]  # stem -> (question number, weight)


def _vector(counts: Mapping[str, float], idf: dict[str, float], unseen: float) -> dict[str, float]:
    raw = {w: (1 + math.log(c)) * idf.get(w, unseen) for w, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {w: v / norm for w, v in raw.items()}


@cache
def bundled() -> tuple[Question, ...]:
    """The bundled bank's questions; none when it cannot be read (no signal then)."""
    from .. import paths
    from ..bank import load_question_file
    from ..errors import CoachkitError

    try:
        folder = paths.bundled_questions_dir()
        return tuple(q for p in sorted(folder.glob("*.yaml")) for q in load_question_file(p))
    except (OSError, CoachkitError):
        return ()


@cache
def _index() -> _Index | None:
    """The bundled bank as vectors; None when it cannot be read (no signal then)."""
    questions = bundled()
    if len(questions) < 2:
        return None
    terms = {q.id: _terms(q) for q in questions}
    documents: Counter[str] = Counter()
    for counts in terms.values():
        documents.update(counts.keys())
    n = len(questions)
    idf = {w: math.log((n + 1) / (d + 0.5)) for w, d in documents.items()}
    unseen = math.log(n + 1)
    vectors = {qid: _vector(counts, idf, unseen) for qid, counts in terms.items()}
    ids = tuple(vectors)
    postings: dict[str, list[tuple[int, float]]] = {}
    for number, qid in enumerate(ids):
        for word, weight in vectors[qid].items():
            postings.setdefault(word, []).append((number, weight))
    return _Index(idf, unseen, ids, vectors, postings)


def _cosine(answer: dict[str, float], vector: dict[str, float]) -> float:
    if len(vector) < len(answer):
        return sum(v * answer.get(w, 0.0) for w, v in vector.items())
    return sum(v * vector.get(w, 0.0) for w, v in answer.items())


def _answer_vector(index: _Index, answer_stems: Iterable[str]) -> dict[str, float]:
    counts = Counter(w for w in answer_stems if w in index.idf)
    return _vector(counts, index.idf, index.unseen_idf) if counts else {}


def _own_vector(index: _Index, question: Question) -> dict[str, float]:
    return index.vectors.get(question.id) or _vector(_terms(question), index.idf, index.unseen_idf)


def closeness(question: Question, answer_stems: Iterable[str]) -> float | None:
    """The cosine of the answer to its own question alone (the bank weighs the words by
    how rare they are in it); None without a bank."""
    index = _index()
    if index is None:
        return None
    answer = _answer_vector(index, answer_stems)
    return _cosine(answer, _own_vector(index, question)) if answer else 0.0


def nearest(questions: Iterable[Question], answer_stems: Iterable[str]) -> Question | None:
    """Of ``questions``, the one whose words the answer is closest to; None without a bank
    or without a word of the bank in the answer."""
    index = _index()
    if index is None:
        return None
    answer = _answer_vector(index, answer_stems)
    if not answer:
        return None
    return max(questions, key=lambda q: _cosine(answer, _own_vector(index, q)), default=None)


def standing(question: Question, answer_stems: Iterable[str]) -> Standing | None:
    """Where the answer sits among the bank's questions; None without a bank."""
    index = _index()
    if index is None:
        return None
    answer = _answer_vector(index, answer_stems)
    if not answer:
        return Standing(0.0, 0.0)
    # Every question's cosine at once, walking only the postings of the answer's words.
    scores = [0.0] * len(index.ids)
    for word, weight in answer.items():
        for number, other in index.postings.get(word, ()):
            scores[number] += weight * other
    others = (score for qid, score in zip(index.ids, scores, strict=True) if qid != question.id)
    own = _cosine(answer, _own_vector(index, question))
    return Standing(own=own, best_other=max(others, default=0.0))
