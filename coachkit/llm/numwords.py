"""Numbers written out in words ("six months", "twenty-five percent"), read as digits.

A model rebuilding an answer often writes "6 months" where the candidate said "six
months": the same fact, not an invented one.
"""

from __future__ import annotations

import re

__all__ = ["spelled_numbers", "spelled_spans"]

_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen"
        " fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * (index + 2)
    for index, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_MULTIPLIERS = {"hundred": 100, "dozen": 12}  # "five hundred", "two dozen", "a dozen"
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = re.compile(
    r"\b(?:" + "|".join([*_UNITS, *_TENS, *_MULTIPLIERS, *_SCALES]) + r")\b", re.IGNORECASE
)
# Words, and any other mark but a space or hyphen: a comma or a full stop ends a number.
_TOKEN = re.compile(r"[a-z]+|[^a-z\s-]", re.IGNORECASE)


def spelled_numbers(text: str) -> frozenset[str]:
    """The values of the numbers ``text`` spells out, as digit strings ("25" for "twenty-five")."""
    return frozenset(value for _, _, value in spelled_spans(text))


def spelled_spans(text: str) -> list[tuple[int, int, str]]:
    """Each number ``text`` spells out: where it starts and ends, and its value in digits.

    "a" before a hundred, a dozen or a million is part of the number ("a million" is 1000000).
    """
    first = _NUMBER_WORD.search(text)
    if first is None:
        return []  # the usual text: no number word at all, and no need to read each word
    # From the word before the first number word: an "a" there belongs to it.
    begin = text.rfind(" ", 0, max(0, first.start() - 1)) + 1
    spans: list[tuple[int, int, str]] = []
    total = current = 0
    last = ""  # the kind of the number's previous word; "" outside a number
    start = end = 0
    article: int | None = None  # where an "a" or "an" just before stands

    for match in _TOKEN.finditer(text, begin):
        token = match.group(0).lower()
        kind, value = _kind(token)
        if not kind:
            if token != "and" or last not in ("multiplier", "scale"):  # "a hundred and five"
                if last:
                    spans.append((start, end, str(total + current)))
                total = current = 0
                last = ""
            article = match.start() if token in ("a", "an") else None
            continue
        # "two three-person teams" is two numbers, "twenty five" one: a unit after a
        # unit, or a ten after a unit or a ten, starts the next number.
        starts_anew = (kind == "unit" and (last == "unit" or (last == "ten" and value >= 10))) or (
            kind == "ten" and last in ("unit", "ten")
        )
        if starts_anew:
            spans.append((start, end, str(total + current)))
            total = current = 0
        if not last or starts_anew:
            opens_with_a = article is not None and kind in ("multiplier", "scale")
            start = article if opens_with_a and article is not None else match.start()
        if kind in ("unit", "ten"):
            current += value
        elif kind == "multiplier":
            current = (current or 1) * value
        else:  # a scale closes a group: "three thousand five hundred"
            total += (current or 1) * value
            current = 0
        last, end, article = kind, match.end(), None
    if last:
        spans.append((start, end, str(total + current)))
    return spans


def _kind(word: str) -> tuple[str, int]:
    if word in _UNITS:
        return "unit", _UNITS[word]
    if word in _TENS:
        return "ten", _TENS[word]
    if word in _MULTIPLIERS:
        return "multiplier", _MULTIPLIERS[word]
    if word in _SCALES:
        return "scale", _SCALES[word]
    return "", 0
