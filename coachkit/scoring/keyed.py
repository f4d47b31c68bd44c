"""Patterns guarded by key words, so that most sentences never reach the regex.

A sentence holds about twenty words, and most of the scorer's patterns need one
of a few dozen particular words to match at all. Looking those up in the
sentence's set of words costs far less than scanning it with a large
alternation, so each pattern runs only on the sentences that hold one of its
keys. The answer is exactly the pattern's own: keys only skip scans that could
not match (``tests/test_scorer_keyed.py`` checks every pattern against its keys).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass

__all__ = ["Keyed", "Present", "keyed", "present"]

_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"[^\W_]+")  # a word as keys see it: letters and digits, no apostrophes
_HEAD = 3  # prefixes are first compared by their first three letters


@dataclass(frozen=True)
class Present:
    """The words of one text, and their first three letters."""

    words: Set[str]
    heads: Set[str]


def present(tokens: Iterable[str]) -> Present:
    """The words in ``tokens``, with words joined by apostrophes also taken apart.

    ``tokens`` are lower-cased words as ``text.words`` returns them, so "don't"
    gives "don't", "don" and "t": a pattern's ``\\bdon'?t`` starts at "don".
    """
    found = set(tokens)
    for token in found.copy():
        if "'" in token:
            found.update(token.split("'"))
    return Present(found, {word[:_HEAD] for word in found})


@dataclass(frozen=True)
class Keyed:
    """A compiled pattern and its keys: every match holds at least one of them."""

    regex: re.Pattern[str]
    words: frozenset[str]
    prefixes: tuple[str, ...]
    heads: frozenset[str]  # the prefixes' first three letters
    digit: bool

    def could_match(self, text: str, seen: Present) -> bool:
        """False when ``text``, whose words are ``seen``, holds no key."""
        if not self.words.isdisjoint(seen.words):
            return True
        if not self.heads.isdisjoint(seen.heads) and any(
            word.startswith(self.prefixes) for word in seen.words
        ):
            return True
        return self.digit and _DIGIT.search(text) is not None

    def search(self, text: str, seen: Present) -> bool:
        """Whether the pattern matches ``text`` anywhere."""
        return self.could_match(text, seen) and self.regex.search(text) is not None

    def count(self, text: str, seen: Present) -> int:
        """How many times the pattern matches ``text`` (without overlaps)."""
        return len(self.regex.findall(text)) if self.could_match(text, seen) else 0


def keyed(regex: re.Pattern[str], keys: str) -> Keyed:
    r"""``regex`` guarded by ``keys``, separated by whitespace: ``word`` is a whole
    word, ``word*`` any word beginning so (three letters or more), and ``\d`` any
    digit. Every match of the regex must hold one of them, where a word is a run of
    letters and digits.
    """
    split = keys.split()
    short = [k for k in split if k.endswith("*") and len(k) <= _HEAD]
    if short:  # the first-letters check below would miss words they begin
        raise ValueError(f"word beginnings need {_HEAD} letters or more: {short}")
    odd = [k for k in split if k != r"\d" and not _RUN.fullmatch(k.rstrip("*"))]
    if odd:  # a key must be one word as present() splits text
        raise ValueError(f"keys must be letters and digits only: {odd}")
    prefixes = tuple(k[:-1] for k in split if k.endswith("*"))
    return Keyed(
        regex,
        words=frozenset(k for k in split if not k.endswith("*") and k != r"\d"),
        prefixes=prefixes,
        heads=frozenset(p[:_HEAD] for p in prefixes),
        digit=r"\d" in split,
    )
