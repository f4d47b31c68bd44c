"""The export file: attempts as JSON Lines, written so any line reader splits them right,
and read back strictly (a bad line names its place, and nothing is imported)."""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from annotated_types import Ge, Le
from pydantic import ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from .bank import QuestionBank
from .errors import UPDATE_COACHKIT, BadInputError
from .models import DIMENSIONS, MAX_ANSWER_CHARS, Attempt, DimensionScore, ScoreCard
from .scoring.text import clean
from .store import SHOWABLE_DATES, showable, storable

__all__ = ["CLOCK_SKEW", "export_line", "numbered_attempts", "parse_attempts", "same_attempt"]


# JSON allows these raw inside strings, but str.splitlines(), editors and many line-based
# tools take them for line breaks: an export escapes them so each attempt stays one line.
_LINE_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_A_LINE_SEPARATOR = re.compile("[\x85\u2028\u2029]")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

MAX_LINE_CHARS = 1_000_000
"""The longest line an import reads: an attempt, card and all, is a few thousand."""

CLOCK_SKEW = timedelta(days=1)
"""How far in the future an imported attempt may be dated (another machine's clock)."""


def export_line(attempt: Attempt) -> str:
    """One attempt as a line of JSON Lines, newline included, that any line reader splits right."""
    # Outside strings JSON never holds these characters, so replacing them is lossless.
    # Only in a line that holds one: translate() looks up every character of the line in
    # the table, nine tenths of the time writing it takes, and most answers hold none.
    text = attempt.model_dump_json()
    if _A_LINE_SEPARATOR.search(text) is not None:
        text = text.translate(_LINE_SEPARATORS)
    return text + "\n"


def parse_attempts(
    text: str, source: str, *, now: datetime | None = None, bank: QuestionBank | None = None
) -> list[Attempt]:
    """The attempts in JSON Lines text (see ``numbered_attempts``)."""
    return [attempt for _, attempt in numbered_attempts(text, source, now=now, bank=bank)]


def numbered_attempts(
    text: str,
    source: str,
    *,
    now: datetime | None = None,
    bank: QuestionBank | None = None,
    saved: Callable[[Attempt], bool] | None = None,
) -> list[tuple[int, Attempt]]:
    """The attempts in JSON Lines text; BadInputError naming ``source:line`` for a bad line.

    Lines end at "\n" (or "\r\n") only, so line numbers match an editor's and an answer
    holding U+2028 or U+0085 stays whole. A leading UTF-8 BOM (Notepad) is ignored. With
    ``bank``, an attempt at one of its questions must carry that question's category,
    unless ``saved`` says it is saved already, category and all.
    """
    now = now or datetime.now(UTC)
    attempts: list[tuple[int, Attempt]] = []
    seen: dict[str, tuple[int, Attempt]] = {}
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            attempt = _parse_line(line, f"{source}:{number}", number, now)
            if bank is not None and attempt.question_id in bank:
                category = bank.get(attempt.question_id).category
                # It would be charted with the wrong questions; one saved so already was
                # saved before its question moved, and importing it again adds nothing.
                if attempt.category != category and not (saved and saved(attempt)):
                    raise BadInputError(
                        f"{source}:{number}: {attempt.question_id} is a {category} question, "
                        f"but the line says {attempt.category} (saved before the question "
                        f'changed category?): write "category": "{category}" on that line, '
                        f"or put the question back in {attempt.category}; nothing was "
                        "imported."
                    )
            first = seen.setdefault(attempt.id, (number, attempt))
            if first[0] != number and not same_attempt(first[1], attempt):
                raise BadInputError(
                    f"{source}:{number}: the id {_short(attempt.id)} is also on line {first[0]}, "
                    "with another answer: give one of them another id (or none); nothing was "
                    "imported."
                )
            attempts.append((number, attempt))
    return attempts


def same_attempt(one: Attempt, other: Attempt) -> bool:
    """Two attempts under one id that are one attempt: the same question and answer."""
    return (one.question_id, one.answer.strip()) == (other.question_id, other.answer.strip())


def _parse_line(line: str, where: str, number: int, now: datetime) -> Attempt:
    refused = "nothing was imported."
    if len(line) > MAX_LINE_CHARS:
        # Read, it would take gigabytes of memory, then sit in every history read.
        raise BadInputError(
            f"{where}: the line is {len(line):,} characters, more than any attempt coachkit "
            f"writes (at most {MAX_LINE_CHARS:,}); {refused}"
        )
    try:
        data = json.loads(line)
    except RecursionError:
        raise BadInputError(
            f"{where}: lists or objects nested too deep to be a coachkit attempt; {refused}"
        ) from None
    except json.JSONDecodeError as exc:
        # json's messages may end in "at" ("Unterminated string starting at").
        problem = exc.msg.removesuffix(" at")
        # A line that ends inside its object ("{" alone) is most often a file an editor
        # laid out over many lines: say so, as "Expecting property name" does not.
        cut = (
            ": the line ends before its attempt does (each attempt is one whole line, as "
            "`coachkit export` writes it: was the file reformatted?)"
            if exc.pos >= len(line.rstrip())
            else ""
        )
        raise BadInputError(
            f"{where}: not valid JSON ({problem} at column {exc.colno}){cut}; {refused}"
        ) from None
    except ValueError:
        # Only a number past Python's digit limit gets here (JSON errors are caught above).
        long = max(re.finditer(r"\d+", line), key=lambda m: len(m[0]), default=None)
        at = f" at column {long.start() + 1}" if long else ""
        size = f"of {len(long[0]):,} digits" if long else "too long"
        raise BadInputError(
            f"{where}: a number {size}{at}, longer than any coachkit attempt holds: write a "
            f"smaller number; {refused}"
        ) from None
    if not isinstance(data, dict):
        raise BadInputError(f"{where}: not a coachkit attempt (expected a JSON object); {refused}")
    infinite = _non_finite(data)
    if infinite is not None:
        # json reads NaN, Infinity and 1e999, but the store cannot keep them (they come
        # back as null, and the attempt would no longer read).
        field, value = infinite
        shown = "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
        raise BadInputError(
            f"{where}: {field} is {shown}, which coachkit cannot store: write a finite number "
            f"there; {refused}"
        )
    broken_text = _unpaired_surrogate(data)
    if broken_text is not None:
        # JSON can spell half an emoji ("\\ud83d"); no database can keep it.
        raise BadInputError(
            f"{where}: {broken_text} holds half of a character (an unpaired \\ud800-\\udfff "
            f"escape): remove it or write the whole character; {refused}"
        )
    if data.get("id") is None:
        data.pop("id", None)  # a null id counts as none: derived below
    for key in ("id", "question_id"):
        held = data.get(key)
        if isinstance(held, str) and (control := _CONTROL.search(held)):
            # Ids are printed (history, delete): a newline or escape in one would fake
            # lines of output or drive the terminal. coachkit never writes one.
            raise BadInputError(
                f"{where}: the {key} holds a control character ({control[0]!r}), which "
                f"coachkit never writes; {refused}"
            )
    try:
        # Strictly, as JSON: a value of another type is refused, not read as what it is
        # not (true as a score of 1, "80" as 80, a number as a date in 1970 seconds).
        attempt = Attempt.model_validate_json(json.dumps(data), strict=True)
    except ValidationError as exc:
        errors = _beside_unknown_keys(exc.errors())
        extra = [e for e in errors if e["type"] == "extra_forbidden"]
        missing = [
            str(e["loc"][0]) for e in errors if e["type"] == "missing" and len(e["loc"]) == 1
        ]
        if missing:
            # A line without an attempt's own fields is not one, from any version.
            raise BadInputError(
                f"{where}: not a coachkit attempt (it has no {', '.join(missing)}; each line "
                "of `coachkit export` has question_id, category, answer, card and "
                f"created_at); {refused}"
            ) from None
        if extra:
            fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in extra)
            raise BadInputError(
                f"{where}: unknown field {fields}: the file looks like it was written by a "
                f"newer coachkit. {UPDATE_COACHKIT} and import it again; {refused}"
            ) from None
        if all(e["type"] in _UNKNOWN for e in errors):
            # A category, a dimension or a kind of rebuilt line this version does not
            # know: a typo, or a newer coachkit's (a new dimension is not a broken file).
            raise BadInputError(f"{where}: {_unknown_value(errors[0])}; {refused}") from None
        # Each problem said as what to write there: the user fixes the line in an editor,
        # so the first alone would send them back once per problem.
        said = [_wrong_value(e) for e in errors[:_SAID]]
        more = f" (and {len(errors) - _SAID} more)" if len(errors) > _SAID else ""
        newer = _NEWER if any(e["type"] in _UNKNOWN for e in errors) else ""
        raise BadInputError(f"{where}: {'; '.join(said)}{more}{newer}; {refused}") from None
    broken = _broken_guarantee(attempt, now)
    if broken:
        raise BadInputError(f"{where}: {broken}; {refused}")
    if not data.get("id"):
        # A fresh random id would add the line again on every import: derive it from
        # the content instead, so importing the same file twice adds it once.
        created = attempt.created_at.astimezone(UTC).isoformat() if "created_at" in data else None
        content = json.dumps([attempt.question_id, created, attempt.answer], ensure_ascii=False)
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]
        attempt = attempt.model_copy(update={"id": digest})
    written = len(export_line(attempt)) - 1
    if written > MAX_LINE_CHARS:
        # Export spells out what the line left to defaults: the file it writes must
        # import again, so the attempt as written back is what is bounded.
        raise BadInputError(
            f"{where}: written back by `coachkit export` this attempt would be {written:,} "
            f"characters, more than an import reads (at most {MAX_LINE_CHARS:,}): it holds "
            f"far more (key points, evidence, rebuilt lines) than coachkit writes; {refused}"
        )
    return attempt


_UNKNOWN = ("literal_error", "enum")  # a value (or key) none of those this version knows


def _beside_unknown_keys(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """``errors`` less those inside the value of a key this version does not know: a
    newer coachkit's dimension may hold what this one cannot read (a score of 7), and
    the key is what to say ("card.dimensions.impact.[key]" was called a broken file)."""
    unknown = [
        e["loc"][:-1] for e in errors if e["loc"][-1:] == ("[key]",) and e["type"] in _UNKNOWN
    ]
    return [
        e
        for e in errors
        if e["loc"][-1:] == ("[key]",) or not any(e["loc"][: len(at)] == at for at in unknown)
    ]


def _unknown_value(error: ErrorDetails) -> str:
    """A value (or a field name) of a kind this coachkit does not know, said plainly:
    "card.dimensions has 'impact', which this coachkit does not know (it knows ...)"."""
    return _not_known(error) + _NEWER


_NEWER = f". If the file comes from a newer coachkit: {UPDATE_COACHKIT}, then import it again"


def _not_known(error: ErrorDetails) -> str:
    """The value (or field name) ``error`` names, and those this coachkit knows."""
    loc = error["loc"]
    if loc and loc[-1] == "[key]":
        loc = loc[:-2]  # ("dimensions", "impact", "[key]"): the key is the value named
    known = str(error["msg"]).removeprefix("Input should be ")
    return (
        f"{_place(loc)} has {error['input']!r}, which this coachkit does not know (it "
        f"knows {known})"
    )


_SAID = 3  # problems said of one line; the rest counted

# What to write where a value is of another type, by pydantic's error type ({span}: the
# range of a bounded field).
_EXAMPLE_DATE = '"2026-03-01T12:00:00Z"'
_WRITE = {
    "int_type": "write a whole number{span} there",
    "int_from_float": "write a whole number{span} there",
    "float_type": "write a number there",
    "string_type": "write text there, in double quotes",
    "bool_type": "write true or false there",
    "list_type": "write a list there, [...]",
    "dict_type": "write an object there, {{...}}",
    "model_type": "write an object there, {{...}}",
    "datetime_type": f"write a date and time there as export writes it, e.g. {_EXAMPLE_DATE}",
    "datetime_parsing": f"write a date and time there as export writes it, e.g. {_EXAMPLE_DATE}",
    "datetime_from_date_parsing": (
        f"write a date and time there as export writes it, e.g. {_EXAMPLE_DATE}"
    ),
}
_UNQUOTED = ("int_type", "float_type", "bool_type")  # "4" where 4 belongs: say the quotes
_OUT_OF_RANGE = ("greater_than_equal", "less_than_equal")

# Fields bounded to a range, by the last part of their path: "scores run 0-5".
_RANGES = {
    "score": ("scores run", DimensionScore.model_fields["score"]),
    "overall": ("the overall score runs", ScoreCard.model_fields["overall"]),
}


def _bounds(field: FieldInfo) -> tuple[int, int]:
    """The lowest and highest value a bounded field takes (its Field(ge=, le=))."""
    low = next(m.ge for m in field.metadata if isinstance(m, Ge))
    high = next(m.le for m in field.metadata if isinstance(m, Le))
    # annotated_types types the bounds as "comparable", not int: these fields' are ints.
    return int(low), int(high)  # type: ignore[call-overload]


def _named(loc: tuple[int | str, ...]) -> str:
    """A field as a user reads it: "the task score", "the overall score", or its place."""
    if len(loc) == 4 and loc[:2] == ("card", "dimensions") and loc[3] == "score":
        return f"the {loc[2]} score"
    if loc == ("card", "overall"):
        return "the overall score"
    return _place(loc)


# The card's lists, by what one item of each is called.
_ITEMS = {
    "keypoints": "key point",
    "rebuilt": "rebuilt line",
    "evidence": "evidence quote",
    "tips": "tip",
    "flags": "flag",
    "notes": "note",
}


def _place(loc: Sequence[int | str]) -> str:
    """Where a field is, its path with each list item counted from 1 and named, as a
    reader of the line counts them: ("card", "keypoints", 1, "covered") is
    "card.keypoints (key point 2).covered", not "card.keypoints.1.covered"."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            noun = _ITEMS.get(text.rsplit(".", 1)[-1], "item")
            text += f" ({noun} {part + 1})"
        else:
            text += f".{part}" if text else str(part)
    return text


def _shown(value: object) -> str:
    """A value as the line spells it (JSON: true, null, "4"), a list or object by kind."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False).translate(_LINE_SEPARATORS)
    return text if len(text) <= 40 else text[:40] + "..."


def _wrong_value(error: ErrorDetails) -> str:
    """One validation error of an import line in coachkit's words: the field, what the
    line holds there, and what to write instead ("the task score is 7, but scores run
    0-5: write a whole number from 0 to 5 there")."""
    kind, loc, value = error["type"], error["loc"], error["input"]
    name = _named(loc)
    bounded = _RANGES.get(str(loc[-1])) if loc else None
    span = ""
    if bounded is not None:
        low, high = _bounds(bounded[1])
        span = f" from {low} to {high}"
        if kind in _OUT_OF_RANGE:
            return (
                f"{name} is {_shown(value)}, but {bounded[0]} {low}-{high}: write a whole "
                f"number{span} there"
            )
    if kind in _UNKNOWN:
        return _not_known(error)
    if kind == "missing":
        parent = _place(loc[:-1]) or "the line"
        if loc[:2] == ("card", "dimensions") and len(loc) == 4:
            parent = f"the {loc[2]} dimension"
        return f"{parent} has no {loc[-1]}: add it, as `coachkit export` writes it"
    if kind == "value_error" and loc == ("card", "dimensions") and isinstance(value, dict):
        absent = [d for d in DIMENSIONS if d not in value]
        return (
            f"card.dimensions has no {' or '.join(absent)}: a card scores all four "
            f"({', '.join(DIMENSIONS)}); add the missing one, as `coachkit export` writes it"
        )
    if kind in _WRITE:
        quotes = ", without quotes" if isinstance(value, str) and kind in _UNQUOTED else ""
        return f"{name} is {_shown(value)}: {_WRITE[kind].format(span=span)}{quotes}"
    # Any other rule: pydantic's words, said as what the field should be.
    rule = str(error["msg"]).removeprefix("Value error, ").replace("Input should", "it should")
    return f"{name}: {rule}"


def _leaves(data: object, at: str = "") -> Iterator[tuple[str, object]]:
    """Every value in parsed JSON that is no object or list, with its field path; a
    field name counts as one too ("a field name in card")."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield f"a field name in {at or 'the line'}", key
            yield from _leaves(value, f"{at}.{key}" if at else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, f"{at}.{index}" if at else str(index))
    else:
        yield at or "the line", data


def _non_finite(data: object) -> tuple[str, float] | None:
    """The first NaN or infinite number in parsed JSON, with its field path."""
    for at, value in _leaves(data):
        if isinstance(value, float) and not math.isfinite(value):
            return at, value
    return None


def _unpaired_surrogate(data: object) -> str | None:
    """The field path of the first string in parsed JSON that SQLite cannot keep."""
    for at, value in _leaves(data):
        if isinstance(value, str) and storable(value) != value:
            return at
    return None


def _short(text: str) -> str:
    """A quote fit for a one-line message: escaped (no line breaks) and cut short."""
    return repr(text if len(text) <= 40 else text[:40] + "...")


def _broken_guarantee(attempt: Attempt, now: datetime) -> str | None:
    """What in a well-formed attempt breaks a promise coachkit makes, and how to fix it.

    Everything coachkit itself writes keeps these, so an export always imports.
    """
    card = attempt.card
    if not attempt.answer.strip():
        return "answer is empty: put the answer's text there, or delete the line"
    if len(attempt.answer) > MAX_ANSWER_CHARS:
        return (
            f"answer is {len(attempt.answer):,} characters, more than coachkit keeps "
            f"({MAX_ANSWER_CHARS:,}): shorten it to the answer itself"
        )
    if attempt.question_id != card.question_id:
        return (
            f"question_id {attempt.question_id!r} differs from card.question_id "
            f"{card.question_id!r}: make them the same"
        )
    quoted = [
        (f"card.dimensions.{name}.evidence", quote)
        for name, part in card.dimensions.items()
        for quote in part.evidence
    ] + [
        (_place(("card", "keypoints", i, "evidence")), point.evidence)
        for i, point in enumerate(card.keypoints)
        if point.evidence is not None
    ]
    cleaned: str | None = None
    for field, quote in quoted:
        if quote in attempt.answer:
            continue
        if cleaned is None:  # LLM scorers quote the answer as cleaned (spacing, unicode)
            cleaned = clean(attempt.answer)
        if quote not in cleaned:
            return (
                f"{field} quote {_short(quote)} is not in the answer: quote the answer "
                "word for word, or remove the quote"
            )
    for field, value in (("latency_ms", card.latency_ms), ("cost_usd", card.cost_usd)):
        if value is not None and value < 0:
            # As the file has it, in full: -1e-07 was "-1e-07", and rounded to six places
            # (``figure``) it would read "-0", no negative at all.
            shown = f"{Decimal(repr(value)).normalize():,f}"
            return f"card.{field} is {shown}: it cannot be negative; write 0 or more"
    if not showable(attempt.created_at):
        return (
            f"created_at {attempt.created_at.isoformat()} is outside the dates coachkit can "
            f"show in every time zone: write a date from {SHOWABLE_DATES}"
        )
    created = attempt.created_at.astimezone(UTC)  # a date without a zone is local time
    if created > now + CLOCK_SKEW:
        return (
            f"created_at {created.isoformat()} is in the future: fix the date (or the clock "
            "of the machine that wrote it)"
        )
    return None
