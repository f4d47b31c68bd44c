"""Numbers written out in words ("six months", "twenty-five percent"), read as digits,
and figures read by value whatever their form ("$2.5M", "2.5 million", "2,500,000").

A model rebuilding an answer often writes "6 months" where the candidate said "six
months", or "two and a half million dollars" for "$2.5M": the same fact, not an
invented one. The offline scorer reads "within two hundred milliseconds" as a figure
the same way.
"""

from __future__ import annotations

import functools
import re
from fractions import Fraction
from typing import NamedTuple

__all__ = [
    "Figure",
    "quantities",
    "quantity_spans",
    "scaled_spans",
    "spelled_numbers",
    "spelled_spans",
]

Figure = int | Fraction  # a whole number stays an int: quicker to make, and equal all the same

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
_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000}
# Digits as the rebuild check reads them (no letter, digit or dot before), and a scale
# written on to them: "$2.5M", "500k", "3bn".
_DIGITS = re.compile(r"(\d(?<![\w.]\d)\d*(?:[.,]\d+)*)(?:(bn|mn|[kmb])(?!\w))?", re.IGNORECASE)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_HALF_BEFORE = re.compile(r"\bhalf\s+$", re.IGNORECASE)  # "half a million"
_SPACE = re.compile(r"\s+")
_RANGE = re.compile(r"\s*[-–—]\s*|\s+(?:to|or)\s+", re.IGNORECASE)  # "3-5M", "3 to 5 million"
_LONGEST = 30  # digits beyond any figure's: not read (int() refuses thousands of them)


def spelled_numbers(text: str) -> frozenset[str]:
    """The values of the numbers ``text`` spells out, as digit strings ("25" for "twenty-five")."""
    return frozenset(value for _, _, value in _spelled(text))


def spelled_spans(text: str) -> list[tuple[int, int, str]]:
    """Each number ``text`` spells out: where it starts and ends, and its value in digits.

    "a" before a hundred, a dozen or a million is part of the number ("a million" is 1000000).
    """
    return list(_spelled(text))


# An answer is read for its spelled numbers and then, if need be, for its figures: once.
@functools.lru_cache(maxsize=8)
def _spelled(text: str) -> tuple[tuple[int, int, str], ...]:
    first = _NUMBER_WORD.search(text)
    if first is None:
        return ()  # the usual text: no number word at all, and no need to read each word
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
    return tuple(spans)


def quantities(text: str) -> frozenset[Figure]:
    """The value of each figure ``text`` gives, however it is written (see quantity_spans)."""
    return frozenset(figure.value for figure in _figures(text))


def quantity_spans(text: str) -> list[tuple[int, int, Figure]]:
    """Each figure in ``text``: where it starts and ends, and its value.

    Digits may be grouped ("2,500,000") or carry a scale ("2.5M", "500k", "3bn",
    "2.5 million"); words may too ("two and a half million", "half a million"). In a
    range the scale is shared: "3 to 5 million" is 3 million to 5 million.
    """
    return [(figure.start, figure.end, figure.value) for figure in _figures(text)]


def scaled_spans(text: str) -> list[tuple[int, int, Figure]]:
    """The figures of ``text`` written with a scale, as quantity_spans gives them.

    A scale is a suffix ("$2.5M"), a scale word ("2.5 million"), "and a half" or
    "half a", or one shared in a range ("3" in "3 to 5 million"). Its digits or
    words alone do not make such a figure: "$2.5k" is not "$2.5M".
    """
    return [(f.start, f.end, f.value) for f in _figures(text) if f.scaled]


class _Figure(NamedTuple):
    start: int
    end: int
    value: Figure
    scale: int  # what the scale it ends with multiplies by: 1_000_000 in "5M", 1 for none
    scaled: bool  # written with a scale of any kind (see scaled_spans)


# A line is read for its figures by the quick check and again by the full one.
@functools.lru_cache(maxsize=8)
def _figures(text: str) -> tuple[_Figure, ...]:
    atoms = sorted([*_digit_atoms(text), *_word_atoms(text)])
    figures: list[_Figure] = []
    index = 0
    while index < len(atoms):
        figure = atoms[index]
        index += 1
        if not figure.scaled:
            start, end, value, scale, scaled = figure
            half = _AND_A_HALF.match(text, end)
            if half:
                value, end, scaled = value + Fraction(1, 2), half.end(), True
            if index < len(atoms) and _SPACE.fullmatch(text, end, atoms[index].start):
                word = _SCALES.get(text[atoms[index].start : atoms[index].end].lower())
                if word:  # "2.5 million": the scale word alone, just after
                    value, end, scale, scaled = value * word, atoms[index].end, word, True
                    index += 1
            figure = _Figure(start, end, value, scale, scaled)
        figures.append(figure)
    # From the last: "3, 4 or 5 million" would share the scale back along the range.
    for index in range(len(figures) - 2, -1, -1):
        low, high = figures[index], figures[index + 1]
        if (
            high.scale > 1
            and not low.scaled
            and low.value * high.scale < high.value  # "from 40 to 2 million" is no range
            and _RANGE.fullmatch(text, low.end, high.start)
        ):
            figures[index] = _Figure(
                low.start, low.end, low.value * high.scale, high.scale, scaled=True
            )
    return tuple(figures)


def _digit_atoms(text: str) -> list[_Figure]:
    """Figures in digits, with any scale written on to them."""
    atoms: list[_Figure] = []
    for match in _DIGITS.finditer(text):
        digits, suffix = match.group(1).replace(",", ""), (match.group(2) or "").lower()
        if len(digits) > _LONGEST or digits.count(".") > 1:  # "1.2.3" is a version
            continue
        scale = _SUFFIXES.get(suffix, 1)
        value = (Fraction(digits) if "." in digits else int(digits)) * scale
        atoms.append(_Figure(match.start(), match.end(), value, scale, bool(suffix)))
    return atoms


def _word_atoms(text: str) -> list[_Figure]:
    """Figures in words, scaled if a scale word is part of one or "half a" opens it."""
    atoms: list[_Figure] = []
    for start, end, digits in _spelled(text):
        words = text[start:end].lower().split()
        value: Figure = int(digits)
        scaled = any(w in _SCALES for w in words)
        half = _HALF_BEFORE.search(text, max(0, start - 12), start)
        if half and words[0] in ("a", "an"):  # "half a million", "half a dozen"
            start, value, scaled = half.start(), Fraction(value, 2), True
        atoms.append(_Figure(start, end, value, _SCALES.get(words[-1], 1), scaled))
    return atoms


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
