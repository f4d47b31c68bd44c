"""The export file: attempts as JSON Lines, written so any line reader splits them right,
and read back strictly (a bad line names its place, and nothing is imported); and the
rescue of a damaged database through one (export, move aside, import afresh)."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from . import paths
from .bank import QuestionBank
from .errors import UPDATE_COACHKIT, BadInputError, CorruptDatabaseError, StoreError
from .models import MAX_ANSWER_CHARS, Attempt
from .scoring.text import clean
from .store import SHOWABLE_DATES, AttemptsRead, DraftsRead, Store, showable, storable
from .storefile import in_use_elsewhere, move_aside, put_back

if TYPE_CHECKING:  # coach imports this module
    from .coach import Coach
    from .unscored import DraftsKept

__all__ = [
    "CLOCK_SKEW",
    "Rescued",
    "export_line",
    "numbered_attempts",
    "parse_attempts",
    "rescue",
    "same_attempt",
]


# JSON allows these raw inside strings, but str.splitlines(), editors and many line-based
# tools take them for line breaks: an export escapes them so each attempt stays one line.
_LINE_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

MAX_LINE_CHARS = 1_000_000
"""The longest line an import reads: an attempt, card and all, is a few thousand."""

CLOCK_SKEW = timedelta(days=1)
"""How far in the future an imported attempt may be dated (another machine's clock)."""


def export_line(attempt: Attempt) -> str:
    """One attempt as a line of JSON Lines, newline included, that any line reader splits right."""
    # Outside strings JSON never holds these characters, so replacing them is lossless.
    return attempt.model_dump_json().translate(_LINE_SEPARATORS) + "\n"


def parse_attempts(
    text: str, source: str, *, now: datetime | None = None, bank: QuestionBank | None = None
) -> list[Attempt]:
    """The attempts in JSON Lines text (see ``numbered_attempts``)."""
    return [attempt for _, attempt in numbered_attempts(text, source, now=now, bank=bank)]


def numbered_attempts(
    text: str, source: str, *, now: datetime | None = None, bank: QuestionBank | None = None
) -> list[tuple[int, Attempt]]:
    """The attempts in JSON Lines text; BadInputError naming ``source:line`` for a bad line.

    Lines end at "\n" (or "\r\n") only, so line numbers match an editor's and an answer
    holding U+2028 or U+0085 stays whole. A leading UTF-8 BOM (Notepad) is ignored. With
    ``bank``, an attempt at one of its questions must carry that question's category.
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
                if attempt.category != category:
                    # It would be charted with the wrong questions.
                    raise BadInputError(
                        f"{source}:{number}: {attempt.question_id} is a {category} question, "
                        f"but the line says {attempt.category}; nothing was imported."
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
            f"{where}: line {number} is not valid JSON ({problem} at column {exc.colno})"
            f"{cut}; {refused}"
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
        first = errors[0]
        field = ".".join(str(p) for p in first["loc"]) or f"line {number}"
        if all(e["type"] in _UNKNOWN for e in errors):
            # A category, a dimension or a kind of rebuilt line this version does not
            # know: a typo, or a newer coachkit's (a new dimension is not a broken file).
            raise BadInputError(f"{where}: {_unknown_value(first)}; {refused}") from None
        raise BadInputError(
            f"{where}: not a coachkit attempt ({field}: {first['msg']}); {refused}"
        ) from None
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
    loc = error["loc"]
    if loc and loc[-1] == "[key]":
        loc = loc[:-2]  # ("dimensions", "impact", "[key]"): the key is the value named
    known = str(error["msg"]).removeprefix("Input should be ")
    return (
        f"{'.'.join(map(str, loc))} has {error['input']!r}, which this coachkit does not know (it "
        f"knows {known}). If the file comes from a newer coachkit: {UPDATE_COACHKIT}, "
        "then import it again"
    )


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
        (f"card.keypoints.{i}.evidence", point.evidence)
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
            return f"card.{field} is {value:g}: it cannot be negative; write 0 or more"
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


@dataclass(frozen=True)
class Rescued:
    """What ``rescue`` did: the attempts it ``kept`` (in ``export`` and in the fresh
    database), those ``left_out`` as unreadable, what is typed kept in unscored/
    (``drafts``), and where the damaged file now is (``aside``)."""

    kept: int
    left_out: int
    export: Path | None  # None when no attempt could be read
    aside: Path
    drafts: DraftsKept

    @property
    def note(self) -> str:
        """What was kept, what was not, and where everything is, in a few sentences."""
        kept = f"{self.kept} attempt{'' if self.kept == 1 else 's'}"
        saved = (
            f"Kept {kept} in a fresh database; they are also in {self.export}."
            if self.export is not None
            else "None of the attempts could be read; the fresh database starts empty."
        )
        lost = (
            f" {self.left_out} attempt{' was' if self.left_out == 1 else 's were'} too "
            "damaged to read and left out (an earlier export you import brings them back)."
            if self.left_out
            else ""
        )
        return (
            f"{saved}{lost} {self.drafts.note} The damaged file is now {self.aside}, kept "
            "as it was (with its LLM usage log): delete it once you no longer need it."
        )


def rescue(coach: Coach, *, now: datetime | None = None) -> Rescued:
    """Put a damaged database right: export every attempt that can be read to a file
    beside it, keep what is typed in unscored/, build a fresh database from the export,
    then move the damaged file aside (never deleted) and the fresh one into its place.

    Nothing is moved until the fresh database holds every attempt exported, so on any
    failure the damaged file is where it was, and the StoreError raised says what to do.
    The coach's store opens the fresh file at its next use.
    """
    stamp = (now or datetime.now(UTC)).astimezone().strftime("%Y%m%d-%H%M%S")
    store: Store | None = None
    try:
        store = coach.store  # opening it reads its header and schema
        problem: StoreError | None = store.damage()
    except CorruptDatabaseError as exc:  # it cannot even be opened
        problem = exc
    path = store.path if store is not None else paths.db_path()
    if problem is None:
        raise StoreError(f"{path} is not damaged (every page of it reads): nothing to rescue.")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        # Export, fresh file and renames all go beside it.
        raise _stopped(
            path,
            f"{path.parent} is read-only for you. Copy the damaged file to a folder you can "
            "write, point COACHKIT_HOME there, and rescue it there.",
            retry=False,
        )
    export = _free(path.with_name(f"rescued-{stamp}.jsonl"))
    try:
        read: AttemptsRead = coach.export_attempts(export)
    except CorruptDatabaseError:
        read, export_or_none = AttemptsRead(), None  # none can be read: nothing to write
    except BadInputError as exc:  # the export could not be written (a full disk)
        raise _stopped(path, str(exc)) from None
    else:
        export_or_none = export
    drafts = DraftsRead()
    with suppress(CorruptDatabaseError):
        drafts = store.read_drafts() if store is not None else drafts
    from .unscored import keep_drafts

    kept = keep_drafts(drafts, read.attempts)
    if kept.warning:
        raise _stopped(path, kept.warning)
    fresh = path.with_name(f".{path.name}.rescue-{stamp}")
    try:
        if export_or_none is not None:
            _build(coach, fresh, export_or_none, len(read.attempts), path)
        if store is not None:
            store.release()  # its own connection would count as another's
        saved = f" The readable attempts are saved meanwhile in {export}." if read.attempts else ""
        if in_use_elsewhere(path):
            raise _stopped(
                path,
                "Another notebook or program has it open: shut down the other coachkit "
                "notebooks' kernels (Kernel > Shut Down Kernel; a closed Voila page's kernel "
                "stops about 2 minutes later) and any coachkit command, then press Rescue "
                f"again.{saved}",
                retry=False,
            )
        aside = _free(path.with_name(f"{path.name}.damaged-{stamp}"))
        try:
            moved = move_aside(path, aside)
        except OSError as exc:
            raise _stopped(path, f"It could not be renamed ({exc}).") from None
        if fresh.exists():
            try:
                os.rename(fresh, path)
            except OSError as exc:
                if not put_back(moved):  # said as it is: "where it was" would be untrue
                    raise StoreError(
                        f"The rescue stopped: the fresh database could not take its place "
                        f"({exc}), and the damaged file could not be renamed back: it is "
                        f"{aside}. Rename it back to {path} ({aside.name}-wal too, if there "
                        "is one) before anything else."
                    ) from None
                raise _stopped(
                    path, f"The fresh database could not take its place ({exc})."
                ) from None
    finally:
        for leftover in _with_companions(fresh):
            with suppress(OSError):
                leftover.unlink()
    return Rescued(len(read.attempts), read.skipped, export_or_none, aside, kept)


def _build(coach: Coach, fresh: Path, export: Path, expected: int, damaged: Path) -> None:
    """A database at ``fresh`` holding the attempts of ``export``, whole in its own file
    (no WAL beside it) so it can be renamed; StoreError, naming the ``damaged`` file left
    in place, if it does not hold them all."""
    from .coach import Coach

    for leftover in _with_companions(fresh):
        leftover.unlink(missing_ok=True)
    try:
        with Store(fresh) as new:
            Coach(bank=coach.bank, store=new).import_attempts(export)
            held = new.count_attempts()
            new.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except (BadInputError, OSError, sqlite3.Error) as exc:
        raise _stopped(
            damaged,
            f"The fresh database could not be made ({exc}). The readable attempts are in {export}.",
        ) from None
    if held != expected:
        raise _stopped(
            damaged,
            f"The fresh database holds {held} of the {expected} attempts exported to {export}.",
        )
    with closing(sqlite3.connect(fresh)) as conn:  # whole in the main file from now on
        conn.execute("PRAGMA journal_mode = DELETE")


def _stopped(path: Path, reason: str, *, retry: bool = True) -> StoreError:
    """The rescue stopped for ``reason``: the damaged file is where it was; what to do."""
    advice = (
        f" Keep a copy of it (cp '{path}' '{path}.bak') and try again, or use `coachkit "
        "export` and `coachkit import` in a terminal."
        if retry
        else ""
    )
    ended = reason if reason.endswith((".", ")")) else f"{reason}."
    return StoreError(
        f"The rescue stopped: {ended} Nothing was moved: {path} is where it was, damaged.{advice}"
    )


def _free(path: Path) -> Path:
    """``path``, or the first of ``path-2``, ``path-3``... no file has yet."""
    candidate, number = path, 1
    while any(p.exists() for p in _with_companions(candidate)):
        number += 1
        stem = path.name.removesuffix(".jsonl")
        candidate = path.with_name(f"{stem}-{number}{path.name[len(stem) :]}")
    return candidate


def _with_companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm")]
