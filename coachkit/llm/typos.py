"""Find a quote in the answer when the model tidied the candidate's typos as it quoted.

Models correct spelling as they quote ("responsable" comes back "responsible"). The
quote is still the candidate's own words, so it still counts as evidence; what goes on
the card is the answer's text, typo and all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

__all__ = ["locate_loosely"]

MIN_WORDS = 3  # two words with a typo between them prove too little
MAX_WORDS = 60  # longer "quotes" are not quotes; and the search stays cheap
MIN_TYPO_LENGTH = 4  # "it"/"is" or "cat"/"car" are different words, not typos
EXACT_SHARE = 0.75  # most words must be exactly the candidate's


def locate_loosely(
    words: Sequence[str], answer: str, word: re.Pattern[str]
) -> tuple[int, int] | None:
    """The span of ``answer`` that ``words`` quote, allowing one typo in a word.

    ``words`` are the quote's words, case-folded; ``word`` is the pattern that found
    them, run over ``answer`` here so both sides split alike.
    """
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    spans = _spans(answer, word)
    size, need = len(words), max(MIN_WORDS - 1, round(EXACT_SHARE * len(words)))
    for start in range(len(spans) - size + 1):
        # Every alignment starts with one of the quote's first two words said exactly.
        if spans[start][2] != words[0] and spans[start + 1][2] != words[1]:
            continue
        window = spans[start : start + size]
        exact = sum(said == quoted for (_, _, said), quoted in zip(window, words, strict=True))
        if exact >= need and all(
            said == quoted or _one_typo(said, quoted)
            for (_, _, said), quoted in zip(window, words, strict=True)
        ):
            return window[0][0], window[-1][1]
    return None


@functools.lru_cache(maxsize=4)
def _spans(answer: str, word: re.Pattern[str]) -> tuple[tuple[int, int, str], ...]:
    """The answer's words and where they stand: once per answer, not once per quote."""
    return tuple((m.start(), m.end(), m.group().casefold()) for m in word.finditer(answer))


def _one_typo(said: str, quoted: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped, in a word of 4+ letters."""
    if min(len(said), len(quoted)) < MIN_TYPO_LENGTH or abs(len(said) - len(quoted)) > 1:
        return False
    if len(said) == len(quoted):
        diffs = [i for i, (a, b) in enumerate(zip(said, quoted, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and said[diffs[0]] == quoted[diffs[1]]
            and said[diffs[1]] == quoted[diffs[0]]
        )
    short, long = sorted((said, quoted), key=len)
    index = next(
        (i for i, (a, b) in enumerate(zip(short, long, strict=False)) if a != b), len(short)
    )
    return short[index:] == long[index + 1 :]
