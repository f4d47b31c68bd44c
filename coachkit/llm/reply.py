"""The contract with the LLM: a pydantic model, and parsing a reply into it."""

from __future__ import annotations

import json
import math
import re
from contextlib import suppress
from typing import Annotated

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from ..models import DIMENSIONS, Dimension
from ..scoring.overall import CAPS

__all__ = ["DimensionGrade", "Grade", "InvalidReply", "KeypointGrade", "LineGrade", "parse_reply"]


def _dimension_name(value: object) -> object:
    # Small local models write "Situation" for "situation": the same name, so it is read
    # as one (a wrong name is still an error to re-ask about).
    return value.strip().lower() if isinstance(value, str) else value


def _one_or_many(value: object) -> object:
    # ... and a lone string where a list belongs ("evidence": "I led ..."): a list of one.
    return [value] if isinstance(value, str) else value


def _whole_number(value: object) -> object:
    # ... and 4.0 for 4, the same number. 4.5 stays a float, to be refused below.
    return int(value) if isinstance(value, float) and value.is_integer() else value


# strict: "5" or 4.5 fails the fast, one-pass read; _lenient reads them as meant.
Band = Annotated[int, Field(ge=0, le=5, strict=True), BeforeValidator(_whole_number)]
Percent = Annotated[int, Field(ge=0, le=100, strict=True), BeforeValidator(_whole_number)]
DimensionName = Annotated[Dimension, BeforeValidator(_dimension_name)]
Strings = Annotated[list[str], BeforeValidator(_one_or_many)]


MAX_EVIDENCE, MAX_FEEDBACK, MAX_TIPS, MAX_FLAGS = 12, 2000, 10, 20
MAX_GOT = 80  # the longest value quoted back in a validation problem


class DimensionGrade(BaseModel):
    model_config = ConfigDict(extra="ignore")

    score: Band
    evidence: Strings = Field(default_factory=list, max_length=MAX_EVIDENCE)
    feedback: str = Field(default="", max_length=MAX_FEEDBACK)


class KeypointGrade(BaseModel):
    model_config = ConfigDict(extra="ignore")

    point: str
    covered: bool
    evidence: str | None = None


class LineGrade(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1, max_length=1000)
    dimension: DimensionName


class Grade(BaseModel):
    """What the grader must reply; extra keys are ignored, wrong values are not."""

    model_config = ConfigDict(extra="ignore")

    dimensions: dict[DimensionName, DimensionGrade]
    overall: Percent
    keypoints: list[KeypointGrade] = Field(default_factory=list, max_length=40)
    rebuilt: list[LineGrade] = Field(default_factory=list, max_length=60)
    tips: Strings = Field(default_factory=list, max_length=MAX_TIPS)
    flags: Strings = Field(default_factory=list, max_length=MAX_FLAGS)

    @field_validator("dimensions")
    @classmethod
    def _all_four(cls, value: dict[Dimension, DimensionGrade]) -> dict[Dimension, DimensionGrade]:
        missing = [d for d in DIMENSIONS if d not in value]
        if missing:
            raise ValueError(f"missing dimensions: {', '.join(missing)}")
        return value


class InvalidReply(ValueError):
    """The reply is not a valid Grade; ``str()`` is written to be sent back to the model,
    ``said`` is what a user reads of it (without the instructions meant for the model)."""

    def __init__(self, message: str, *, said: str | None = None) -> None:
        super().__init__(message)
        self.said = said or message


_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL | re.IGNORECASE)


_DECODER = json.JSONDecoder()


def _json_text(text: str) -> str:
    text = text.strip()
    fenced = _FENCE.match(text)
    if fenced:
        return fenced.group(1)
    if (text.startswith("{") and text.endswith("}")) or "{" not in text or "}" not in text:
        return text  # the usual case, or no object to find: validation says what is wrong
    # Small local models like to say "Here is the JSON:" first, or add a remark after:
    # the reply is the first object in the text that has the grade's dimensions.
    return _first_grade(text) or text[text.index("{") : text.rindex("}") + 1]


def _first_grade(text: str) -> str | None:
    """The first JSON object in ``text`` that has the grade's dimensions, if any."""
    start = text.find("{")
    while start >= 0:
        try:
            found, end = _DECODER.raw_decode(text, start)
        except ValueError:  # not JSON, or a number too long to read (see parse_reply)
            found, end = None, start
        if isinstance(found, dict) and "dimensions" in found:
            return text[start:end]
        start = text.find("{", max(end, start + 1))
    return None


# A string (kept as it is), or a comma before a closing bracket (taken out).
_TRAILING_COMMA = re.compile(r'("(?:[^"\\]|\\.)*")|,(\s*[}\]])', re.DOTALL)


def _loads(body: str) -> object:
    """``body`` read as JSON, commas before a closing bracket (``[1, 2,]``) forgiven: as
    JavaScript allows, models write them, and a re-ask for one costs a paid call. Any
    other fault is the parser's, as it said it of ``body``."""
    try:
        return json.loads(body)
    except json.JSONDecodeError:
        mended = _TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2), body)
        if mended != body:
            with suppress(json.JSONDecodeError):
                return json.loads(mended)
        raise


def parse_reply(text: str | None) -> Grade:
    """Parse and validate a reply; InvalidReply says what is wrong, briefly."""
    if not text or not text.strip():
        raise InvalidReply("the reply was empty; send the JSON object.", said="the reply was empty")
    body = _json_text(text)
    try:
        return _consistent(Grade.model_validate_json(body))  # the usual case, in one pass
    except ValidationError:
        pass  # parse again below, to say precisely what is wrong
    try:
        data = _loads(body)
    except json.JSONDecodeError as exc:
        # Two objects with nothing between ('{"thinking": ...}\n{"dimensions": ...}', or
        # the grade twice) read as one text: the grade is found as among prose.
        found = _first_grade(body) if exc.msg == "Extra data" else None
        if found is not None:
            return parse_reply(found)
        # The parser's words help the model mend its reply; the user is told what it was.
        raise InvalidReply(
            f"the reply is not JSON ({exc.msg} at character {exc.pos}).",
            said="the reply was not JSON",
        ) from None
    except ValueError:  # Python's limit on digits in an int: no score has thousands of them
        raise InvalidReply(
            "the reply holds a number thousands of digits long; every score is a small "
            "whole number.",
            said="it held a number thousands of digits long",
        ) from None
    if not isinstance(data, dict):
        raise InvalidReply("the reply must be one JSON object.")
    try:
        grade = Grade.model_validate(_lenient(data))
    except ValidationError as exc:
        problems: dict[str, list[str]] = {}  # what is wrong: where (in the reply's order)
        for error in exc.errors()[:6]:
            where = ".".join(str(part) for part in error["loc"]) or "reply"
            shown = repr(error.get("input"))
            # A value says what was wrong; a whole part of the reply (its dimensions, cut
            # off mid-quote) is only noise, to the model and to the user reading it.
            got = (
                f" (got {shown})"
                if "input" in error and error["type"] != "missing" and len(shown) <= MAX_GOT
                else ""
            )
            said = error["msg"].removeprefix("Value error, ")  # pydantic's, for a check of ours
            problems.setdefault(f"{said}{got}", []).append(where)
        # The same slip said once for all the places it is in: four scores of 9 repeated
        # "Input should be less than or equal to 5 (got 9)" four times over, to the model
        # and on the user's card.
        raise InvalidReply(
            "; ".join(f"{', '.join(where)}: {what}"[:200] for what, where in problems.items())
        ) from None
    return _consistent(grade)


def _lenient(data: dict[str, object]) -> dict[str, object]:
    """``data`` with the harmless slips of models that have no strict schema read as meant:
    null for an optional field (its default), "4" for 4, 4.5 rounded down (never up), an
    empty rebuilt line dropped, a dimension beyond the four ignored, too many tips, flags
    or quotes and an over-long feedback cut short. Wrong values (out of range, another
    type) stay, for validation to refuse. Only replies the fast, strict read refused come
    here."""
    data = {key: value for key, value in data.items() if value is not None}
    if "overall" in data:
        # 71.5 is 71, but 2.5 is a figure on the 0-5 scale, not 2 out of 100: asked again.
        data["overall"] = _whole(data["overall"], 100, least=5)
    dimensions = data.get("dimensions")
    if isinstance(dimensions, dict):
        if set(DIMENSIONS) <= {_dimension_name(name) for name in dimensions}:
            # The four and one more ("impact"): the rubric's four are all there, and the
            # rest is an extra key. One in place of a rubric's is still refused.
            dimensions = {n: g for n, g in dimensions.items() if _dimension_name(n) in DIMENSIONS}
        data["dimensions"] = {
            name: _lenient_dimension(grade) if isinstance(grade, dict) else grade
            for name, grade in dimensions.items()
        }
    for key, most in (("tips", MAX_TIPS), ("flags", MAX_FLAGS)):
        listed = data.get(key)
        if isinstance(listed, list):
            data[key] = listed[:most]
    rebuilt = data.get("rebuilt")
    if isinstance(rebuilt, list):
        data["rebuilt"] = [line for line in rebuilt if not _empty_line(line)]
    return data


def _lenient_dimension(grade: dict[str, object]) -> dict[str, object]:
    grade = {key: value for key, value in grade.items() if value is not None}
    if "score" in grade:
        grade["score"] = _whole(grade["score"], 5)
    evidence, feedback = grade.get("evidence"), grade.get("feedback")
    if isinstance(evidence, list):
        grade["evidence"] = evidence[:MAX_EVIDENCE]
    if isinstance(feedback, str) and len(feedback) > MAX_FEEDBACK:
        grade["feedback"] = feedback[: MAX_FEEDBACK - 1].rstrip() + "…"
    return grade


_DECIMAL = re.compile(r"\d{1,3}(?:\.\d+)?")


def _whole(value: object, top: int, *, least: float = 0) -> object:
    """A score as the whole number meant: "4" is 4, and 4.5 in range is 4 (rounded down:
    a slip never gains a point); a fraction is read only above ``least``. Anything else
    is left for validation to refuse: out of range is rejected, never clamped."""
    if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, float) and 0 <= value <= top and (value > least or value.is_integer()):
        return math.floor(value)
    return value


def _empty_line(line: object) -> bool:
    if not isinstance(line, dict):
        return False
    text = line.get("text")
    return text is None or (isinstance(text, str) and not text.strip())


# How far an overall may fall below what its dimension scores support (20 per point of
# their mean, less this) with no flag to say why.
UNEXPLAINED_DROP = 50
# Flags that cap an answer's overall whatever its telling (see scoring.overall.CAPS):
# "too_short" or "no_metrics" does not explain 3/100 over four 5s.
_EXPLAINS_LOW = frozenset(CAPS)


def _consistent(grade: Grade) -> Grade:
    """``grade``, unless its overall contradicts its own scores: 3/100 over four 5s, with
    no flag saying why, is a slip, and saved it would be charted as a collapse."""
    scores = [grade.dimensions[d].score for d in DIMENSIONS]
    supported = 20 * sum(scores) / len(scores)
    if grade.overall < supported - UNEXPLAINED_DROP and not set(grade.flags) & _EXPLAINS_LOW:
        shown = "/".join(str(score) for score in scores)
        raise InvalidReply(
            f"overall {grade.overall} is far below what the scores ({shown}) support, and no "
            "flag says why: give the overall they support, or the flag that explains it "
            "(such as misses_question).",
            said=f"its overall ({grade.overall}) contradicted its own scores ({shown})",
        )
    return grade
