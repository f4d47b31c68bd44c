"""Hold an LLM's grade to the rubric in code: evidence, caps, injection, no invented facts."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..models import DIMENSIONS, Dimension, DimensionScore, KeypointResult, Question, RebuiltLine
from ..numwords import (
    Figure,
    quantities,
    quantity_spans,
    scaled_spans,
    spelled_numbers,
    spelled_spans,
)
from ..rubric import reading
from ..scoring.echo import answer_echoes
from ..scoring.flags import TOO_SHORT_WORDS
from ..scoring.injection import injection_spans, quoted_attack
from ..scoring.overall import CAPS
from ..scoring.rebuild import placeholders
from ..scoring.text import STOPWORDS, WORD, content_words
from .prompt import LLM_FLAGS
from .reply import Grade, KeypointGrade
from .typos import locate_loosely

__all__ = ["Checked", "check_grade", "find_quote"]

UNSUPPORTED_CAP = 1  # a score no quote supports is at most "a vague gesture"
FABRICATED_DIMENSIONS = 3  # this many scores quoting what the answer never said: a bad reply
# Text addressed to the grader: the same caps as offline, every dimension at 2 and the
# overall at overall.CAPS, so an obedient model's 5/5 is not what the card shows.
INJECTION_DIMENSION_CAP = 2
INJECTION_OVERALL_CAP = CAPS["injection_suspected"]
# The LLM's overall for a short answer is its own judgement, bounded a little above the
# offline scorer's cap (overall.CAPS["too_short"]).
SHORT_OVERALL_CAP = 35
SHORT_WORDS = TOO_SHORT_WORDS  # as short as the offline scorer's "too short"

METRIC = "[metric?]"
NAME = "[name?]"

_WORD = WORD
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # _WORD, in lower-cased ASCII
_TWO_WORDS = re.compile(r"\w\S*\s+\S*\w")
# The look-behinds come after the first character, not before it: a pattern that opens
# with a character class lets ``re`` skip ahead to candidates, which is several times
# faster than trying the look-behind at every position.
_NUMBER = re.compile(r"\d(?<![\w.]\d)\d*(?:[.,]\d+)*")  # no letter, digit or dot before
_CAPITALISED = re.compile(r"[A-Z](?<![\w.][A-Z])[\w&\-]*[A-Za-z0-9]")
_PLACEHOLDER = re.compile(r"^\[[^\[\]]*\?[^\[\]]*\]$")
_NAMES_IN_A_ROW = re.compile(r"\[name\?\](?:[ \t]+\[name\?\])+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*")
_UNIT_AFTER = frozenset("%‰°")
_UNIT_BEFORE = frozenset("$€£¥#")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
# Capitalised words that are not names even mid-sentence.
_COMMON_CAPS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "ok", "okay"})
# A number spelled out ("forty percent") is a fact as much as its digits; "one" and
# "zero" alone are words more than figures ("one of the engineers"), so only these hint.
_SPELLED_HINT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|billion|dozen)\b",
    re.IGNORECASE,
)
_SUFFIXED = re.compile(r"\d(?:bn|mn|[kmb])(?!\w)", re.IGNORECASE)  # "$2.5M", "500k", "3bn"
# A lower-case "m" on digits with no currency sign is as often minutes or metres as
# millions: "45m" in a rebuild is the candidate's "45 minutes", not a new figure.
_SHORT_M = re.compile(r"(?<![$€£¥])\b(\d+(?:\.\d+)?)m$")
_MINUTES_OR_METRES = re.compile(
    r"\b(\d+(?:\.\d+)?)\s*(?:minutes?|mins?|metres?|meters?|m)\b", re.IGNORECASE
)
# A capital at a sentence start is usually just the sentence's first word; what follows
# it says when it is a name all the same: "Maria, my manager, ...", "Priya and I",
# "Stripe's team".
_NAMED = re.compile(
    r"['’]s\b|,\s+(?:my|our|the|his|her|their)\s+[\w-]+(?:\s+[\w-]+)?,|\s+and\s+(?:I|me)\b"
)
# Sentence openers that take 's ("Today's", "Everyone's") or a comma ("However, the
# team, ...") without being names; so does any word in -ly ("Finally, my manager, ...").
_NOT_NAMES = STOPWORDS | frozenset(
    """today yesterday tomorrow tonight everyone everybody someone somebody nobody anyone
    anybody year week month day quarter team company customer user client manager however
    afterwards afterward meanwhile later first second third next last finally together
    instead still yet also thus overall again previously otherwise besides therefore
    ultimately eventually initially let nothing everything something anything one anyway
    anyhow yes yeah well now plus sure ok okay right oh""".split()
)
_ORDER = {d: i for i, d in enumerate(DIMENSIONS)}


@dataclass(frozen=True)
class Checked:
    """A grade after the checks: what goes on the ScoreCard."""

    dimensions: dict[Dimension, DimensionScore]
    overall: int
    keypoints: list[KeypointResult]
    rebuilt: list[RebuiltLine]
    flags: list[str]
    tips: list[str]
    # Dimensions scored above a gesture with quotes the answer never said (0 when the
    # answer addresses the grader: the injection rules judge it instead). Enough of
    # them and the model read some other text: the scorer asks it again.
    misquoted: int = 0

    @property
    def fabricated(self) -> bool:
        return self.misquoted >= FABRICATED_DIMENSIONS


def _norm(text: str) -> str:
    if text.isascii():
        return text  # NFKC and the quote table change no ASCII character
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def _locate(quote: str, answer: str) -> tuple[int, int] | None:
    """Where in ``answer`` a quote sits; whitespace, case and curly quotes may differ."""
    exact = answer.find(quote)
    if exact >= 0 and _TWO_WORDS.search(quote):
        return _with_units((exact, exact + len(quote)), answer)  # the usual case, and cheap
    words = _WORD.findall(_norm(quote))
    if len(words) < 2:
        return None  # one word proves nothing about a dimension
    pattern = r"\W+".join(re.escape(w) for w in words)
    # The answer is already NFKC-clean and the quote table maps one character to one,
    # so offsets found in the translated text are offsets in the answer.
    text = answer.translate(_QUOTES)
    found = re.search(pattern, text, re.IGNORECASE)
    # Models tidy the candidate's typos as they quote: look again, allowing one a word.
    span = found.span() if found else locate_loosely([w.casefold() for w in words], text, _WORD)
    return _with_units(span, answer) if span else None


def _with_units(span: tuple[int, int], answer: str) -> tuple[int, int]:
    """``span`` widened over the signs a figure carries: words alone stop at "0.3" in
    "0.3%", and "to 0.3" would misstate the figure highlighted."""
    start, end = span
    while end < len(answer) and answer[end] in _UNIT_AFTER:
        end += 1
    while start > 0 and answer[start - 1] in _UNIT_BEFORE:
        start -= 1
    return start, end


def find_quote(quote: str, answer: str) -> str | None:
    """The passage of ``answer`` a quote refers to, or None if the answer never says it.

    Whitespace, case, punctuation between words and curly quotes may differ; the
    words may not. Returns the answer's own text, so evidence is a real substring.
    """
    span = _locate(quote.strip(), answer)
    return answer[span[0] : span[1]] if span else None


def _valid_quotes(quotes: list[str], answer: str, injected: list[tuple[int, int]]) -> list[str]:
    valid: list[str] = []
    for quote in quotes:
        text = quote.strip().strip("\"'")
        parts = _ELLIPSIS.split(text) if "..." in text or "…" in text else [text]
        for part in parts:
            span = _locate(part.strip(), answer)
            if span is None:
                continue
            # Quoting the grader-directed text back as evidence earns nothing.
            if injected and any(start < span[1] and span[0] < end for start, end in injected):
                continue
            found = answer[span[0] : span[1]]
            if found not in valid:
                valid.append(found)
    return valid


def _answer_wide(quoted: dict[Dimension, list[str]], answer: str) -> frozenset[str]:
    """The quotes that show the answer, not a dimension: a passage of two sentences or more
    that is over half the words of an answer of three sentences or more, or that is given
    for every dimension. The whole answer quoted for each dimension kept the model's 4s."""
    passages = {quote for quotes in quoted.values() for quote in quotes}
    long = [quote for quote in passages if _sentences(quote) >= 2]
    if not long:
        return frozenset()  # the usual reply: quotes of a sentence or less
    everywhere = set.intersection(*(set(quotes) for quotes in quoted.values()))
    return frozenset(quote for quote in long if quote in everywhere or _most_of(quote, answer))


def _most_of(quote: str, answer: str) -> bool:
    """Whether ``quote`` is a passage of two sentences or more holding over half the
    words of an answer of three sentences or more: it shows the answer, not one part."""
    if _sentences(quote) < 2 or _sentences(answer) < 3:
        return False
    return 2 * len(_WORD.findall(quote)) > len(_WORD.findall(answer))


def _sentences(text: str) -> int:
    """How many sentences of two words or more ``text`` has, as _shortness reads them."""
    return sum(1 for part in _SENTENCE_SPLIT.split(text.strip()) if _has_words(part, 2))


def _has_words(text: str, count: int) -> bool:
    """Whether ``text`` has at least ``count`` words; stops reading once it knows."""
    # A long answer is settled by its first words, not by counting all of them.
    return _words_in_a_row(count).match(text) is not None


@functools.lru_cache(maxsize=8)
def _words_in_a_row(count: int) -> re.Pattern[str]:
    # Each word taken whole, as finditer would: atomic, and the gaps possessive,
    # so a word is never split in two to make up the count.
    return re.compile(rf"(?:[\W_]*+(?>{_WORD.pattern})){{{count}}}")


def _shortness(answer: str) -> tuple[bool, bool]:
    """(too short, at most one sentence), as the offline scorer reads them."""
    if _has_words(answer, SHORT_WORDS):
        return False, False  # sentences only matter for short answers
    sentences = [p for p in _SENTENCE_SPLIT.split(answer.strip()) if _has_words(p, 2)]
    return True, len(sentences) <= 1


class _Facts:
    """The numbers and words the candidate or the question gave, each read when first needed."""

    def __init__(self, question: Question, answer: str) -> None:
        self._question = question
        self._answer = answer

    @functools.cached_property
    def numbers(self) -> frozenset[str]:
        asked, _ = _question_facts(self._question.prompt, self._question.keypoints)
        return asked | _numbers(self._answer)

    @functools.cached_property
    def spelled(self) -> frozenset[str]:
        """Numbers given in words ("six months"), as digits: read only if a digit is not given."""
        asked = _question_spelled(self._question.prompt, self._question.keypoints)
        return asked | spelled_numbers(self._answer)

    @functools.cached_property
    def quantities(self) -> frozenset[Figure]:
        """Every figure given, by value ("$2.5M" and "2,500,000" alike): read only for a
        number not given as a line writes it."""
        asked = _question_quantities(self._question.prompt, self._question.keypoints)
        return asked | quantities(self._answer)

    @functools.cached_property
    def short_m(self) -> frozenset[str]:
        """Numbers given in minutes or metres, which a rebuild may write "45m"."""
        source = "\n".join((self._question.prompt, *self._question.keypoints, self._answer))
        return frozenset(_MINUTES_OR_METRES.findall(source))

    @functools.cached_property
    def words(self) -> frozenset[str]:
        _, asked = _question_facts(self._question.prompt, self._question.keypoints)
        return asked | _words(self._answer)


def _numbers(text: str) -> frozenset[str]:
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(text))


def _words(text: str) -> frozenset[str]:
    if text.isascii():  # where casefold is lower(), and lower() keeps every word whole
        return frozenset(_ASCII_WORD.findall(text.lower()))
    return frozenset(map(str.casefold, set(_WORD.findall(_norm(text)))))


@functools.lru_cache(maxsize=256)
def _question_facts(
    prompt: str, keypoints: tuple[str, ...]
) -> tuple[frozenset[str], frozenset[str]]:
    # Read per line, a number or word cannot span the line breaks joining the parts,
    # so the answer and the question can be read apart: the question's part once.
    source = prompt + "\n" + "\n".join(keypoints)
    return _numbers(source), _words(source)


@functools.lru_cache(maxsize=256)
def _question_spelled(prompt: str, keypoints: tuple[str, ...]) -> frozenset[str]:
    """The numbers a question spells out: read once per question, not once per score."""
    return frozenset().union(*map(spelled_numbers, (prompt, *keypoints)))


@functools.lru_cache(maxsize=256)
def _question_quantities(prompt: str, keypoints: tuple[str, ...]) -> frozenset[Figure]:
    """The figures a question gives, by value: read once per question, not once per score."""
    return frozenset().union(*map(quantities, (prompt, *keypoints)))


def _same_figures(text: str, facts: _Facts) -> list[tuple[int, int]]:
    """Where ``text`` gives a figure the candidate gave, maybe in another form: "2.5 million"
    or "two and a half million dollars" for "$2.5M"."""
    return [(start, end) for start, end, value in quantity_spans(text) if value in facts.quantities]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(outer_start <= start and end <= outer_end for outer_start, outer_end in spans)


def _all_given(text: str, facts: _Facts) -> bool:
    """Whether every number and capitalised word in ``text`` is one the candidate gave.

    A quick test for the usual line: where it says yes, the full check below would keep
    every token too (a given word is kept wherever it stands), and the line is left as is.
    """
    numbers = _NUMBER.findall(text)
    if numbers and not facts.numbers.issuperset([n.replace(",", "") for n in numbers]):
        return False
    if _may_be_scaled(text, digits=bool(numbers)) and _scaled_invented(text, facts):
        return False
    if _SPELLED_HINT.search(text) and _spelled_invented(text, facts):
        return False
    words = facts.words
    return all(
        (t := token.casefold()) in words or t in _COMMON_CAPS
        for token in _CAPITALISED.findall(text)
    )


def _strip_invented(text: str, facts: _Facts) -> tuple[str, bool]:
    """Replace numbers and names the candidate never gave by placeholders."""
    if _all_given(text, facts):
        return text, False
    return _replace_invented(text, facts)


def _may_be_scaled(text: str, *, digits: bool = True) -> bool:
    """Whether ``text`` may give a figure with a scale (see numwords.scaled_spans).

    A quick look, for every line checked: plain substrings cost a few times less than
    one pattern of words and suffixes.
    """
    low = text.lower()
    if "half" in low or "thousand" in low or "illion" in low:
        return True
    return digits and _SUFFIXED.search(text) is not None


def _scaled_invented(text: str, facts: _Facts) -> list[tuple[int, int]]:
    """Where ``text`` gives a figure with a scale that no figure given has by value.

    Its digits or words alone are not enough: "$2.5k" for "$2.5M", or "two and a half
    years" for "two years", changes the fact. A scale written on to digits is left
    outside the span, as for other numbers: "$[metric?]M".
    """
    return [
        (start, _number_end(text, start, end))
        for start, end, value in scaled_spans(text)
        if value not in facts.quantities and not _minutes_or_metres(text, start, end, facts)
    ]


def _minutes_or_metres(text: str, start: int, end: int, facts: _Facts) -> bool:
    """Whether a figure like "45m" is a number the candidate gave in minutes or metres."""
    short = _SHORT_M.search(text, max(0, start - 1), end)
    return short is not None and short.group(1) in facts.short_m


def _number_end(text: str, start: int, end: int) -> int:
    """Where the number in a figure ends: before the "M" of "$3M", else at the figure's end."""
    cut = end
    while cut > start and text[cut - 1].isalpha():
        cut -= 1
    return cut if cut > start and text[cut - 1].isdigit() else end


def _spelled_invented(text: str, facts: _Facts) -> list[tuple[int, int]]:
    """Where ``text`` spells out a number the candidate never gave, in digits or words."""
    spans = []
    same: list[tuple[int, int]] | None = None  # read only if a number is not given as is
    for start, end, value in spelled_spans(text):
        if value in ("0", "1"):
            continue
        # The usual case, and the quick one: the candidate's own words ("six months").
        if facts.words.issuperset(_ASCII_WORD.findall(text[start:end].lower())):
            continue
        if _number_given(value, facts):
            continue
        if same is None:
            same = _same_figures(text, facts)
        if not _inside(start, end, same):  # "million" in "2.5 million" for "$2.5M" is given
            spans.append((start, end))
    return spans


def _number_given(value: str, facts: _Facts) -> bool:
    """Whether the candidate gave ``value`` (digits, no grouping) as digits or in words;
    a figure with a scale ("four million" for "$4M") is read by value (_same_figures)."""
    return value in facts.numbers or value in facts.spelled


def _replace_invented(text: str, facts: _Facts) -> tuple[str, bool]:
    """The full check, token by token: a capital at a sentence start is not a name,
    unless what follows says it is ("Priya and I")."""
    invented = False
    if _may_be_scaled(text):  # first, so a changed figure is one placeholder, not two
        for start, end in reversed(_scaled_invented(text, facts)):
            text, invented = text[:start] + METRIC + text[end:], True
    if _SPELLED_HINT.search(text):
        for start, end in reversed(_spelled_invented(text, facts)):
            text, invented = text[:start] + METRIC + text[end:], True

    same: list[tuple[int, int]] | None = None  # read only if a number is not given as is

    def number(match: re.Match[str]) -> str:
        nonlocal invented, same
        if _number_given(match.group(0).replace(",", ""), facts):
            return match.group(0)
        if same is None:
            same = _same_figures(text, facts)  # the text the numbers are replaced in
        if _inside(match.start(), match.end(), same):  # "2,500,000" for "$2.5M"
            return match.group(0)
        invented = True
        return METRIC

    def name(match: re.Match[str]) -> str:
        nonlocal invented
        token = match.group(0)
        if token.casefold() in _COMMON_CAPS:
            return token  # "I", "OK": the usual capital mid-sentence, settled at once
        parts = [p.casefold() for p in _WORD.findall(token)]
        if all(p in _COMMON_CAPS for p in parts):
            return token
        before = text[: match.start()].rstrip()
        if (not before or before[-1] in ".!?:;\"'([") and not _named(match, text):
            return token  # a capital at a sentence start is not a name
        if all(p in _COMMON_CAPS or _given(p, facts.words) for p in parts):
            return token
        invented = True
        return NAME

    text = _NUMBER.sub(number, text)
    text = _CAPITALISED.sub(name, text)
    if invented:
        text = _NAMES_IN_A_ROW.sub(NAME, text)  # "Sarah Chen", "Acme Corp": one name each
    return text, invented


def _named(match: re.Match[str], text: str) -> bool:
    """Whether a sentence's capitalised first word is a name by what follows it."""
    word = match.group(0).casefold()
    if word in _NOT_NAMES or word.endswith("ly"):
        return False
    return _NAMED.match(text, match.end()) is not None


def _given(word: str, words: frozenset[str]) -> bool:
    """Whether the candidate (or the question) used ``word``, give or take an 's or a plural s.

    A rebuilt line may say "Lumen" where the answer said "Lumen's", or "API" for "APIs":
    the same name, not an invented one.
    """
    return (
        word in words
        or word + "'s" in words
        or word + "s" in words
        or (word.endswith("s") and word[:-1] in words)
    )


def _rebuild(grade: Grade, question: Question, answer: str) -> tuple[list[RebuiltLine], bool]:
    facts = _Facts(question, answer)  # read only if a line needs checking
    plain_answer: str | None = None  # likewise: placeholder lines never need it
    lines: list[RebuiltLine] = []
    invented_any = False
    for line in grade.rebuilt:
        text = " ".join(line.text.split())
        if _PLACEHOLDER.match(text):
            lines.append(RebuiltLine(text=text, dimension=line.dimension, source="placeholder"))
            continue
        plain_line = " ".join(_norm(text).casefold().split()).rstrip(".!?;,")
        if plain_answer is None:
            plain_answer = " ".join(_norm(answer).casefold().split())
        if plain_line in plain_answer:  # the candidate's own words: nothing was invented
            lines.append(RebuiltLine(text=text, dimension=line.dimension, source="kept"))
            continue
        text, invented = _strip_invented(text, facts)
        invented_any |= invented
        lines.append(RebuiltLine(text=text, dimension=line.dimension, source="edited"))
    given = {line.dimension for line in lines}
    # The offline scorer's, in the question's words.
    gaps = placeholders(
        reading(question),
        design=question.asks_for_design,
        explain=question.asks_to_explain,
    )
    lines += [
        RebuiltLine(text=gaps[d], dimension=d, source="placeholder")
        for d in DIMENSIONS
        if d not in given
    ]
    lines.sort(key=lambda line: _ORDER[line.dimension])  # stable: keeps the model's order within
    return lines, invented_any


def check_grade(grade: Grade, question: Question, answer: str) -> Checked:
    """Apply the rubric's hard rules to a validated grade of ``answer`` (already cleaned)."""
    flags = [f for f in dict.fromkeys(grade.flags) if f in LLM_FLAGS]
    injected = injection_spans(answer)
    if not injected and "injection_suspected" in flags and quoted_attack(answer):
        # A cautious model flags an attack the answer only quotes as an example (an
        # answer about LLM safety): the offline rule that lets it be holds here too.
        flags.remove("injection_suspected")
    if injected and "injection_suspected" not in flags:
        flags.insert(0, "injection_suspected")
    # The model is not shown why a question is asked or how to answer it, so it cannot
    # tell that advice said back from an answer: coachkit checks, as offline.
    if answer_echoes(question, answer):
        flags.insert(0, "echoes_guidance")
    short, one_sentence = _shortness(answer)
    if short and "too_short" not in flags:
        flags.append("too_short")

    dimensions: dict[Dimension, DimensionScore] = {}
    unsupported = False
    misquoted = 0  # dimensions scored with quotes the answer never said
    quoted = {d: _valid_quotes(grade.dimensions[d].evidence, answer, injected) for d in DIMENSIONS}
    wide = _answer_wide(quoted, answer)
    for dimension in DIMENSIONS:
        given = grade.dimensions[dimension]
        evidence = [quote for quote in quoted[dimension] if quote not in wide]
        score, feedback = given.score, given.feedback.strip()
        if score > UNSUPPORTED_CAP and not evidence:
            # Quotes of most of the answer are in it: not another text, no re-ask.
            misquoted += not quoted[dimension] and any(q.strip() for q in given.evidence)
            how = (
                "quoting most of your answer rather than what shows this dimension"
                if quoted[dimension]
                else "without a quote from your answer"
            )
            score, unsupported = UNSUPPORTED_CAP, True
            feedback = (feedback + " " if feedback else "") + (
                f"(Scored {given.score} by the model {how}: counted as {UNSUPPORTED_CAP}.)"
            )
        if dimension == "action" and "we_not_i" in flags and not question.technical:
            score = min(score, 2)
        if short and one_sentence:
            score = min(score, 1)
        if "injection_suspected" in flags:
            score = min(score, INJECTION_DIMENSION_CAP)
        dimensions[dimension] = DimensionScore(score=score, evidence=evidence, feedback=feedback)
    if unsupported:
        flags.append("unsupported_score")

    keypoints = _keypoints(grade, question, answer, injected)
    rebuilt, invented = _rebuild(grade, question, answer)
    if invented:
        flags.append("invented_facts")

    mean = sum(d.score for d in dimensions.values()) / len(DIMENSIONS)
    # Holistic, but not above what the verified dimensions can carry.
    overall = min(grade.overall, round(20 * mean + 20))
    if "injection_suspected" in flags:
        overall = min(overall, INJECTION_OVERALL_CAP)
    if "echoes_guidance" in flags:
        overall = min(overall, CAPS["echoes_guidance"])
    if short:
        overall = min(overall, SHORT_OVERALL_CAP)
    tips = [" ".join(t.split())[:300] for t in grade.tips if t.strip()][:3]
    return Checked(
        dimensions, overall, keypoints, rebuilt, flags, tips, 0 if injected else misquoted
    )


def _keypoints(
    grade: Grade, question: Question, answer: str, injected: list[tuple[int, int]]
) -> list[KeypointResult]:
    results: list[KeypointResult] = []
    matches = _match_points(question.keypoints, grade.keypoints)
    for point, match in zip(question.keypoints, matches, strict=True):
        quote = (
            _valid_quotes([match.evidence], answer, injected) if match and match.evidence else []
        )
        # Most of the answer quoted shows that it was said somewhere, not where.
        quote = [q for q in quote if not _most_of(q, answer)]
        covered = bool(match and match.covered and quote)
        results.append(
            KeypointResult(point=point, covered=covered, evidence=quote[0] if covered else None)
        )
    return results


def _match_points(
    points: tuple[str, ...], given: list[KeypointGrade]
) -> list[KeypointGrade | None]:
    """The model's verdict on each of the question's key points, or None where it gave none.

    Models copy the point, or reword it, or list only some; each verdict answers one point.
    """
    by_text = {_plain(k.point): k for k in given}
    matches = [by_text.get(plain) for plain in _plain_points(points)]
    if all(matches):
        return matches  # the usual case: every point copied as asked
    unused = [k for k in given if not any(k is m for m in matches)]
    said = [_point_words(verdict.point) for verdict in unused]
    # A reworded point shares most of its words with the point it answers: the closest
    # pairs are settled first, so a short point cannot take a longer point's verdict.
    pairs = sorted(
        (
            (_likeness(asked, words), index, n)
            for index, asked in enumerate(map(_point_words, points))
            if matches[index] is None
            for n, words in enumerate(said)
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    taken: set[int] = set()
    for (overlap, _), index, n in pairs:
        if overlap >= 0.5 and matches[index] is None and n not in taken:
            matches[index] = unused[n]
            taken.add(n)
    if len(given) == len(points):  # every point reworded past recognition: order holds
        free = {id(unused[n]) for n in range(len(unused)) if n not in taken}
        for index, match in enumerate(matches):
            if match is None and id(given[index]) in free:
                matches[index] = given[index]
    return matches


def _point_words(point: str) -> frozenset[str]:
    return frozenset(content_words(point))


def _likeness(asked: frozenset[str], said: frozenset[str]) -> tuple[float, float]:
    """(overlap, Jaccard) of two points' words: the first decides, the second breaks ties."""
    if not asked or not said:
        return 0.0, 0.0
    common = len(asked & said)
    return common / min(len(asked), len(said)), common / len(asked | said)


def _plain(point: str) -> str:
    return " ".join(point.casefold().split())


@functools.lru_cache(maxsize=256)
def _plain_points(points: tuple[str, ...]) -> tuple[str, ...]:
    """A question's key points as replies are matched to them: once per question."""
    return tuple(map(_plain, points))
