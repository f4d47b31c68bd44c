"""Plain-text utilities the offline scorer builds on: cleaning, sentences, words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Sentence", "clean", "content_words", "sentences", "stem", "words"]

# Zero-width and bidirectional controls can hide text from a reader but not a model.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+|(?<=[.!?])(?=[A-Z])")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i i'd
    i'll i'm i've if in into is it it's its itself just let's me more most my myself no nor
    not now of off on once only or other our ours ourselves out over own same she should so
    some such than that that's the their theirs them themselves then there there's these they
    this those through to too under until up very was we we'd we'll we're we've were what
    when where which while who whom why will with would you your yours yourself yourselves
    us got get gets going go went really thing things lot lots much many way would've""".split()
)


def clean(text: str) -> str:
    """Normalise unicode, drop invisible and control characters, tidy whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def words(text: str) -> list[str]:
    """Lower-cased word tokens (apostrophes kept inside words)."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A tiny suffix stripper: enough to match 'caching' with 'cache'."""
    for suffix in (
        "ational",
        "ization",
        "ations",
        "ation",
        "ments",
        "ment",
        "ingly",
        "edly",
        "ings",
        "ing",
        "ies",
        "ied",
        "ers",
        "er",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                base += "y"
            elif len(base) > 3 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # "stopped" -> "stop"
            return base
    return word


def content_words(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stopwords, no 1-letter tokens)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the answer and where it sits in the original text."""

    text: str
    start: int
    index: int


def sentences(text: str) -> list[Sentence]:
    """Split cleaned text into sentences, keeping each one's offset in ``text``."""
    found: list[Sentence] = []
    position = 0
    for piece in _SPLIT.split(text):
        if not piece or not piece.strip():
            continue
        start = text.find(piece, position)
        stripped = piece.strip()
        start += piece.find(stripped)
        position = start + len(stripped)
        found.append(Sentence(stripped, start, len(found)))
    return found
