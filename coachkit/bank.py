"""The question bank: YAML files validated into Questions, with filters.

The bundled files must load cleanly (a problem there is a broken install). The
user's own files are read leniently: a file that is not YAML or not a list of
questions is left out whole, a question with a bad field or a taken id is left
out alone, and each is kept as a problem
(``QuestionBank.problems``) so the rest of the bank still works.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from . import paths
from .errors import QuestionFileError, UnknownQuestionError
from .models import PROMPT_MAX_CHARS, ROLES, Question
from .yamlpos import line_of, undecodable, yaml_problem
from .yamlpos import load as load_yaml

__all__ = [
    "BankProblem",
    "QuestionBank",
    "load_question_file",
    "not_bundled",
    "question_files",
    "read_question_file",
]

_SLUG_RULE = "lowercase letters and digits joined by hyphens"
_SLUG_EXAMPLE = {"id": "my-question", "role": "backend", "tag": "system-design"}
_FIELDS = tuple(Question.model_fields)


@dataclass(frozen=True)
class BankProblem:
    """Something in a user's question file that was left out of the bank.

    ``left_out`` says what: the whole ``folder`` (it is missing or unreadable), the
    whole ``file`` (not YAML, or not a list of questions), or just the one
    ``question`` (a bad field, or its id was taken).
    ``str()`` reads like a QuestionFileError, naming a file in a folder linked in (a
    cohort's) by its real path, where its keeper fixes it; ``path`` is the one loaded.
    """

    path: str
    line: int | None
    problem: str
    left_out: Literal["folder", "file", "question"]
    question: str | None = None  # the question left out, where one is named

    @classmethod
    def of(cls, error: QuestionFileError, left_out: Literal["file", "question"]) -> BankProblem:
        return cls(error.path, error.line, error.problem, left_out, error.question)

    @property
    def real_path(self) -> str:
        """Where the file (or folder) really is: in a cohort's folder linked into each
        home (as the README sets it up), the coach's own path, which the coach who must
        fix it edits; otherwise ``path``, as loaded."""
        return _real_file(Path(self.path))

    def __str__(self) -> str:
        where = self.path if self.left_out == "folder" else self.real_path
        return f"{where}:{self.line}: {self.problem}" if self.line else f"{where}: {self.problem}"

    @property
    def note(self) -> str:
        """The problem and what was left out because of it, in one line."""
        what = {
            "folder": "no question in it can be read",
            "file": "the whole file is left out",
            "question": "this question is left out",
        }[self.left_out]
        return f"{self}; {what}"

    def error(self) -> QuestionFileError:
        """The same problem as an exception, for a caller that wants to stop on it."""
        return QuestionFileError(self.path, self.line, self.problem, question=self.question)


def _real_file(path: Path) -> str:
    """A question file (or folder) as whoever keeps it knows it: one in a cohort's folder
    linked into each home (as the README sets it up) by its real path, as the coach who
    must fix it sees it, not by the learner's link to it; any other as it is."""
    return str(path) if paths.linked_in(path) is None else os.path.realpath(path)


def question_files(folder: Path) -> list[Path]:
    """The question files of a folder, in load order (none when it is no folder)."""
    if not folder.is_dir():
        return []
    # A copy ("mine (copy).yaml", "mine (1).yaml", "mine.old.yaml") loads after the file
    # it copies, so the copy is the one a duplicate leaves out, not the one being edited.
    files = [*folder.glob("*.yaml"), *folder.glob("*.yml")]
    return sorted(files, key=lambda path: (_COPY_NAME.search(path.stem) is not None, path.name))


_COPY_NAME = re.compile(r"\bcopy\b|\(\d+\)\s*$|\b(?:old|bak|backup)\b|~$", re.IGNORECASE)


# A question's id line as the bundled files write it ("  - id: time-you-failed").
_ID_LINE = re.compile(r"""^\s*(?:-\s*)?id:\s*(["']?)([a-z0-9-]+)\1\s*(?:#.*)?$""", re.MULTILINE)


def not_bundled(question_ids: Iterable[str]) -> set[str]:
    """Those of ``question_ids`` no bundled question has: the ones whose question only
    the bank, with the user's own files, can tell (of theirs, or gone). Read from the
    bundled files' id lines, none parsed (loading the bank parses every file): the
    bundled bank loads strictly, so each id line is a question in it. All of them if
    those files cannot be read (the bank, loaded to tell them apart, says why)."""
    wanted = set(question_ids)
    if not wanted:
        return wanted
    try:
        files = question_files(paths.bundled_questions_dir())
        bundled = {m[2] for path in files for m in _ID_LINE.finditer(path.read_text("utf-8"))}
    except (OSError, UnicodeDecodeError):
        return wanted
    return wanted - bundled


def _slip(question: Question) -> str | None:
    """A mistake in one question of a user's file that the schema lets through: a page
    pasted in as the prompt, or a key point given twice."""
    if len(question.prompt) > PROMPT_MAX_CHARS:
        return (
            f"question {question.id}: field 'prompt': {len(question.prompt):,} characters: a "
            f"question is a sentence or two (at most {PROMPT_MAX_CHARS:,}); put the "
            "background in how_to_answer"
        )
    seen: set[str] = set()
    for point in question.keypoints:
        if point.casefold() in seen:
            return (
                f"question {question.id}: field 'keypoints': the key point {point!r} is given "
                "twice: remove one"
            )
        seen.add(point.casefold())
    return None


def _misspelt_roles(questions: Sequence[Question]) -> dict[str, str]:
    """A coach's own role a letter or two off another that more questions have
    ("data-engneer" beside "data-engineer"), with the role it was meant to be: left
    alone, its questions would sit under a role of their own that nobody picks.
    (A near miss of a bundled role is refused as each question is read.)"""
    counts = Counter(role for question in questions for role in question.roles)
    found: dict[str, str] = {}
    for role, count in counts.items():
        if role in ROLES:
            continue
        likelier = [other for other, n in counts.items() if n > count and other != role]
        close = difflib.get_close_matches(role, likelier, n=1, cutoff=0.85)
        if close:
            found[role] = close[0]
    return found


def _folder_problem(folder: Path) -> BankProblem | None:
    """Why a user's questions folder that is there cannot be read: a link to a folder
    that is gone (moved on a shared hub), a file, or a folder this user may not read.
    None when all is well, and when there is no folder at all (nothing was set up)."""
    if folder.is_symlink() and not folder.exists():
        target = os.readlink(folder)
        problem = f"is a link to {target}, which does not exist (moved or renamed?)"
    elif not folder.exists():
        return None
    elif not folder.is_dir():
        problem = "is a file, not a folder: question files go in a folder of that name"
    elif not os.access(folder, os.R_OK | os.X_OK):
        problem = "cannot be read: you have no permission to list it"
        if folder.is_symlink():  # a cohort's folder: its keeper knows it by its real path
            problem = (
                f"is a link to {os.path.realpath(folder)}, which you have no permission to list"
            )
    else:
        return None
    return BankProblem(str(folder), None, problem, "folder")


def load_question_file(path: Path) -> list[Question]:
    """Parse one question file; the first problem raises, naming the file and line."""
    questions, problems = read_question_file(path)
    if problems:
        raise problems[0]
    return questions


def read_question_file(path: Path) -> tuple[list[Question], list[QuestionFileError]]:
    """Every question of a file that validates, and every problem found in it.

    A file that cannot be read or parsed has one problem and no questions; otherwise
    each bad field of each question is a problem of its own, with its line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return [], [QuestionFileError(str(path), *undecodable(exc))]
    except OSError as exc:
        return [], [
            QuestionFileError(str(path), None, f"cannot read the file ({paths.os_reason(exc)})")
        ]
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        return [], [QuestionFileError(str(path), *yaml_problem(text, exc))]

    if isinstance(data, dict) and (unknown := _file_setting_problems(path, text, data)):
        return [], unknown
    items = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(items, list):
        problem = "expected a `questions:` list (or a list of questions)"
        if not text.strip():
            problem = "the file is empty: " + problem
        return [], [QuestionFileError(str(path), 1, problem)]
    prefix = ["questions"] if isinstance(data, dict) else []
    questions: list[Question] = []
    problems: list[QuestionFileError] = []
    for index, item in enumerate(items):
        try:
            questions.append(Question.model_validate(item))
        except ValidationError as exc:
            problems.extend(_located_errors(path, text, prefix, index, item, exc))
    return questions, problems


def _file_setting_problems(
    path: Path, text: str, data: dict[object, object]
) -> list[QuestionFileError]:
    """A problem for each top-level key a question file does not have (``trak:``), and
    for a ``track`` or ``description`` that is not text.

    Left unreported, a misspelt ``questions:`` reads as "no questions" and a misspelt
    ``track:`` is silently dropped; either way the writer never learns why.
    """
    found = []
    for key, value in data.items():
        if key in ("track", "description") and not isinstance(value, str | None):
            problem = f"`{key}:` should be text, e.g. {key}: {_FILE_EXAMPLE[key]}"
            found.append(QuestionFileError(str(path), line_of(text, [key]), problem))
            continue
        if key in _FILE_SETTINGS:
            continue
        line = line_of(text, [str(key)])  # parses the whole file: only for a stray key
        if _holds_anchor(text, line):
            continue
        close = difflib.get_close_matches(str(key), _FILE_SETTINGS, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        problem = (
            f"{str(key)!r} is not a setting of a question file: {hint}A file has "
            "`questions:` (the list), and optionally `track:` and `description:`"
        )
        found.append(QuestionFileError(str(path), line, problem))
    return found


def _holds_anchor(text: str, line: int | None) -> bool:
    """Whether the key on ``line`` holds a YAML anchor (``defaults: &shared``): fields
    shared between questions through ``<<: *shared``, not a misspelt setting."""
    if line is None:
        return False
    return re.match(r"[^#]*:\s*&", text.splitlines()[line - 1]) is not None


# The top-level keys of a question file, as the bundled files and the README write them.
_FILE_SETTINGS = ("questions", "track", "description")
_FILE_EXAMPLE = {"track": "security", "description": "Questions for our security cohort."}


def _located_errors(
    path: Path, text: str, prefix: list[str], index: int, item: Any, exc: ValidationError
) -> list[QuestionFileError]:
    """Each validation error of one question, with the line of its bad field."""
    label = item.get("id") if isinstance(item, dict) and item.get("id") else f"#{index + 1}"
    errors = exc.errors()
    found = []
    for error in errors:
        loc = list(error["loc"])
        if error["type"] == "too_short" and any(
            other["loc"][:1] == error["loc"] and other is not error for other in errors
        ):
            continue  # `roles: [devops]`: the bad role is the problem, not an empty list
        field = str(loc[0]) if loc else None
        message = _plain(error, field)
        what = f"field {field!r}: {message}" if field else message
        line = line_of(text, [*prefix, index, *loc])
        problem = f"question {label}: {what}"
        found.append(QuestionFileError(str(path), line, problem, question=str(label)))
    return found


def _plain(error: ErrorDetails, field: str | None) -> str:
    """A pydantic message in words: what is wrong, and what would be right."""
    kind, value, ctx = error["type"], error["input"], error.get("ctx") or {}
    if kind == "string_pattern_mismatch":  # ids, roles and tags are slugs
        what = {"tags": "tag", "roles": "role"}.get(str(field), "id")
        example = _slug(value) or _SLUG_EXAMPLE[what]
        return f"{value!r} is not a valid {what}: use {_SLUG_RULE}, e.g. {example}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"{value!r} is not allowed: use one of {', '.join(allowed)}"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(field), _FIELDS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return f"not a question field: {hint}The fields are {', '.join(_FIELDS)}"
    if kind == "missing":
        return "missing: every question needs it"
    if kind == "string_too_short":
        return "empty: write some text"
    if kind == "too_short" and field == "roles":
        return "needs at least one role, e.g. [any]"
    if kind == "tuple_type":  # YAML people write lists, not tuples
        return "should be a list" + _LIST_EXAMPLE.get(str(field), _LIST_EXAMPLE["roles"])
    if kind == "model_type":
        return "should be a question: id, category, roles, prompt and the other fields"
    if kind == "string_type":  # a list or a mapping where text belongs
        return "should be text (one line, or a block after >- as the bundled files do)"
    return str(error["msg"]).removeprefix("Value error, ")


# A list as each field would hold it, written the way the bundled files write it.
_LIST_EXAMPLE = {
    "roles": ", e.g. [any] or [backend, frontend]",
    "tags": ", e.g. [incident, ownership]",
    "keypoints": ": one point per line under it, each starting with '- '",
}


def _slug(value: object) -> str:
    """A value as an id or tag would be written (``Big Data`` -> ``big-data``)."""
    slug = "-".join(re.findall(r"[a-z0-9]+", str(value).lower()))[:80].strip("-")
    return slug


class QuestionBank:
    """All questions by id, in file order; ids are unique across files.

    ``problems`` lists what of the user's own files was left out, and why.
    """

    def __init__(
        self, questions: Iterable[Question] = (), problems: Iterable[BankProblem] = ()
    ) -> None:
        self._by_id: dict[str, Question] = {}
        for question in questions:
            self._by_id[question.id] = question
        self.problems: tuple[BankProblem, ...] = tuple(problems)

    @classmethod
    def load(
        cls, folders: Sequence[Path] | None = None, *, user: Sequence[Path] | None = None
    ) -> QuestionBank:
        """Load the bundled bank plus ``$COACHKIT_HOME/questions`` (if present).

        A problem in ``folders`` (default: the bundled bank) raises QuestionFileError.
        Files in ``user`` folders (default: ``$COACHKIT_HOME/questions``, unless
        ``folders`` is given) are the user's: a file that cannot be read as questions is
        left out whole, a question with a bad field or a taken id is left out alone, and
        each becomes a problem.
        """
        if user is None:
            user = [paths.user_questions_dir()] if folders is None else []
        if folders is None:
            folders = [paths.bundled_questions_dir()]
        questions, seen = _bundled(folders)
        problems = [problem for folder in user if (problem := _folder_problem(folder))]
        for path in (path for folder in user for path in question_files(folder)):
            fine, found = _user_file(path, seen, folders)
            problems.extend(found)
            seen.update((question.id, path) for question in fine)
            questions.extend(fine)
        questions, misspelt = _without_misspelt_roles(questions, seen)
        problems.extend(misspelt)
        problems.sort(key=lambda p: (p.path, p.line or 0))
        return cls(questions, problems)

    def advice(self) -> str:
        """What to do about ``problems`` (empty when there are none)."""
        if not self.problems:
            return ""
        if all(p.left_out == "folder" for p in self.problems):
            n = len(self)
            return (
                f"Fix the folder or the link (whoever set it up, your coach on a shared hub, "
                f"can); the other {n} question{'' if n == 1 else 's'} "
                f"{'is' if n == 1 else 'are'} available."
            )
        folders = sorted({str(Path(p.path).parent) for p in self.problems})
        files = {p.path for p in self.problems}
        n = len(self)
        rest = (
            f"the other {n} question{'' if n == 1 else 's'} {'is' if n == 1 else 'are'} available."
        )
        linked = (paths.linked_in(Path(p.path)) for p in self.problems)
        shared = sorted({str(real) for real in linked if real is not None})
        if shared:
            # Linked in from a cohort's folder: the learner cannot fix it, its keeper can.
            return (
                f"The question files are shared (from {' and '.join(shared)}): ask whoever "
                f"keeps them (your coach) to fix them; {rest}"
            )
        them = "the file, or move it" if len(files) == 1 else "the files, or move them"
        return f"Fix {them} out of {' and '.join(folders)}; {rest}"

    def problem_for(self, question_id: str) -> BankProblem | None:
        """The problem that left ``question_id`` out of the bank, where it can be told: one
        naming it, or one of a file left out whole that has its ``id:`` line."""
        named = next((p for p in self.problems if p.question == question_id), None)
        if named is not None:
            return named
        files = (p for p in self.problems if p.left_out == "file")
        return next((p for p in files if _defines(Path(p.path), question_id)), None)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Question]:
        return iter(self._by_id.values())

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._by_id

    def get(self, question_id: str) -> Question:
        try:
            return self._by_id[question_id]
        except KeyError:
            # Ids are lower case: "TIME-YOU-FAILED" is close to its id, not far from all.
            wanted = question_id.lower()
            close = difflib.get_close_matches(wanted, list(self._by_id), n=3, cutoff=0.6)
            raise UnknownQuestionError(question_id, close) from None

    def filter(
        self,
        *,
        category: str | None = None,
        role: str | None = None,
        tag: str | None = None,
        difficulty: str | None = None,
        text: str | None = None,
    ) -> list[Question]:
        """Questions matching every given criterion; ``text`` searches prompt, id and tags."""
        needle = (text or "").strip().lower()
        return [
            q
            for q in self
            if (not category or q.category == category)
            and (not role or q.fits_role(role))
            and (not tag or tag in q.tags)
            and (not difficulty or q.difficulty == difficulty)
            and (not needle or needle in f"{q.id} {q.prompt} {' '.join(q.tags)}".lower())
        ]

    def tags(self) -> list[str]:
        return sorted({tag for q in self for tag in q.tags})

    def roles(self) -> list[str]:
        return sorted({role for q in self for role in q.roles if role != "any"})


def _duplicate(
    path: Path,
    question_id: str,
    earlier: Path,
    occurrence: int,
    left_out: Literal["file", "question"] = "question",
) -> BankProblem:
    """A question whose id is taken, at the line of its ``occurrence``-th definition in
    ``path`` (the later one: the second when both are in this file)."""
    try:
        first = _line_of_id(earlier, question_id)
    except (OSError, UnicodeDecodeError):
        first = None
    where = f"{_real_file(earlier)}:{first}" if first else _real_file(earlier)
    return BankProblem(
        str(path),
        _line_of_id(path, question_id, occurrence),
        f"duplicate question id {question_id!r} (already defined at {where}); ids must be unique",
        left_out,
        question_id,
    )


def _id_line(question_id: str) -> re.Pattern[str]:
    """A line ``id: question_id`` (the whole id, not a prefix), as a question file has it."""
    return re.compile(rf"""^\s*(?:-\s*)?id:\s*(["']?){re.escape(question_id)}\1\s*(?:#.*)?$""")


def _defines(path: Path, question_id: str) -> bool:
    """Whether a file that could not be read as questions has ``question_id``'s id line
    (read as far as it can be: a byte that is not UTF-8 does not hide the line)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    pattern = _id_line(question_id)
    return any(pattern.match(line) for line in text.splitlines())


def _line_of_id(path: Path, question_id: str, occurrence: int = 1) -> int | None:
    """The line of the ``occurrence``-th ``id: question_id`` (the whole id, not a prefix)."""
    pattern = _id_line(question_id)
    found = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            found += 1
            if found == occurrence:
                return number
    return None


def _bundled(folders: Sequence[Path]) -> tuple[list[Question], dict[str, Path]]:
    """The shipped questions, strictly: a problem there is a broken install."""
    seen: dict[str, Path] = {}
    questions: list[Question] = []
    for path in (path for folder in folders for path in question_files(folder)):
        counts: Counter[str] = Counter()
        for question in load_question_file(path):
            counts[question.id] += 1
            if question.id in seen:
                earlier = seen[question.id]
                raise _duplicate(path, question.id, earlier, counts[question.id]).error()
            seen[question.id] = path
            questions.append(question)
    return questions, seen


def _user_file(
    path: Path, seen: Mapping[str, Path], folders: Sequence[Path]
) -> tuple[list[Question], list[BankProblem]]:
    """The questions of one of the user's files that can join the bank, and the problems
    of the rest. A file that cannot be read as questions is left out whole; a bad field,
    a slip or a taken id leaves out its own question."""
    found, errors = read_question_file(path)
    problems = [BankProblem.of(e, "question" if e.question else "file") for e in errors]
    if any(error.question is None for error in errors):
        return [], problems
    copied = {seen.get(q.id) for q in found}
    if len(found) > 1 and len(copied) == 1 and (original := next(iter(copied))) is not None:
        # A copy of a whole file ("data-engineer (copy).yaml"): one problem, not one per
        # question, and naming both files.
        fix = "remove this copy" if original.parent in folders else "keep one of the two"
        problem = (
            f"every question in it is already defined in {_real_file(original)} (a copy of that "
            f"file?): {fix}"
        )
        return [], [*problems, BankProblem(str(path), None, problem, "file")]
    counts: Counter[str] = Counter()
    fine: list[Question] = []
    for question in found:
        counts[question.id] += 1
        slip = _slip(question)
        if slip is not None:
            line = _line_of_id(path, question.id, counts[question.id])
            problems.append(BankProblem(str(path), line, slip, "question", question.id))
        elif question.id in seen or counts[question.id] > 1:
            earlier = seen.get(question.id, path)
            problems.append(_duplicate(path, question.id, earlier, counts[question.id], "question"))
        else:
            fine.append(question)
    return fine, problems


def _without_misspelt_roles(
    questions: list[Question], seen: Mapping[str, Path]
) -> tuple[list[Question], list[BankProblem]]:
    """The questions left once those with a role a letter or two off a commoner role
    (``data-engneer`` beside ``data-engineer``) are taken out, and a problem for each."""
    misspelt = _misspelt_roles(questions)
    problems: list[BankProblem] = []
    for question in questions:
        typo = next((r for r in question.roles if r in misspelt), None)
        if typo is not None:
            problems.append(
                BankProblem(
                    str(seen[question.id]),
                    _line_of_id(seen[question.id], question.id),
                    f"question {question.id}: role {typo!r} looks like a misspelling of "
                    f"{misspelt[typo]!r}, the role of more questions: write "
                    f"{misspelt[typo]!r}, or give a new role a name of its own",
                    "question",
                    question.id,
                )
            )
    return [q for q in questions if misspelt.keys().isdisjoint(q.roles)], problems
