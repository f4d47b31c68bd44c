"""Answers that say the question's own guidance back to it.

The practice view shows why a question is asked and how to answer it, right
beside the answer box. Pasted back, or lightly reworded, that advice reads like
a model answer to a scorer that counts the right words, yet says nothing about
the candidate. A sentence that shares most of its runs of three words with the
guidance is an echo of it, not an answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from ..models import Question
from .text import sentences, stem, words

__all__ = ["ECHO_SHARE", "answer_echoes", "echoed", "echoes", "guidance"]

MIN_RUNS = 4  # shorter sentences share a run by chance ("429 with Retry-After")
ECHO_RUNS = 0.5  # share of a sentence's runs found in the guidance
ECHO_SHARE = 0.5  # share of an answer's sentences that makes the whole answer an echo


def _runs(tokens: Sequence[str]) -> list[tuple[str, str, str]]:
    """Each run of three words, by stem ("answers" and "answer" match)."""
    stems = list(map(stem, tokens))
    return list(zip(stems, stems[1:], stems[2:], strict=False))


@lru_cache(maxsize=512)
def guidance(question: Question) -> frozenset[tuple[str, str, str]]:
    """The runs of words in what the question shows the candidate: its prompt, why it
    is asked, how to answer it, and (after a first score) its key points."""
    texts = [question.prompt, question.why_asked, question.how_to_answer, *question.keypoints]
    return frozenset(run for text in texts for run in _runs(words(text)))


def echoes(tokens: Sequence[str], runs: frozenset[tuple[str, str, str]]) -> bool:
    """Whether a sentence of ``tokens`` is mostly the guidance's ``runs``."""
    mine = _runs(tokens)
    if len(mine) < MIN_RUNS:
        return False
    return sum(map(runs.__contains__, mine)) >= ECHO_RUNS * len(mine)


def echoed(marks: Iterable[bool]) -> bool:
    """Whether an answer whose sentences echo as ``marks`` is an echo as a whole."""
    marked = list(marks)
    copied = sum(marked)
    return copied >= 2 and copied >= ECHO_SHARE * len(marked)


def answer_echoes(question: Question, text: str) -> bool:
    """Whether ``text`` (cleaned) is, as a whole, the question's guidance said back."""
    runs = guidance(question)
    # Two echoing sentences share at least four runs with the guidance between them: an
    # answer that shares fewer as a whole (nearly every one) needs no sentence split.
    if sum(map(runs.__contains__, _runs(words(text)))) < 2 * MIN_RUNS * ECHO_RUNS:
        return False
    tokens = [words(sentence.text) for sentence in sentences(text)]
    return echoed(echoes(t, runs) for t in tokens if t)
