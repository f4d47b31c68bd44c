"""The question bank: YAML files validated into Questions, with filters."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import paths
from .errors import QuestionFileError, UnknownQuestionError
from .models import Question
from .yamlpos import Loader, line_of, undecodable

__all__ = ["QuestionBank", "load_question_file"]


def load_question_file(path: Path) -> list[Question]:
    """Parse one question file; errors name the file and the offending line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise QuestionFileError(str(path), *undecodable(exc)) from None
    except OSError as exc:
        raise QuestionFileError(str(path), None, f"cannot read the file ({exc})") from None
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise QuestionFileError(str(path), mark.line + 1 if mark else None, problem) from None

    items = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise QuestionFileError(
            str(path), 1, "expected a `questions:` list (or a list of questions)"
        )
    questions = []
    for index, item in enumerate(items):
        try:
            questions.append(Question.model_validate(item))
        except ValidationError as exc:
            prefix = ["questions"] if isinstance(data, dict) else []
            raise _located_error(path, text, prefix, index, item, exc) from None
    return questions


def _located_error(
    path: Path, text: str, prefix: list[str], index: int, item: Any, exc: ValidationError
) -> QuestionFileError:
    """Turn a validation error into a message with the line of the bad field."""
    first = exc.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else None
    label = item.get("id") if isinstance(item, dict) and item.get("id") else f"#{index + 1}"
    message = first["msg"]
    if first["type"] == "tuple_type":  # YAML people write lists, not tuples
        message = "should be a list, e.g. [any] or [backend, frontend]"
    what = f"field {field!r}: {message}" if field else message
    where: list[str | int] = [*prefix, index]
    line = line_of(text, [*where, field] if field else where)
    return QuestionFileError(str(path), line, f"question {label}: {what}")


class QuestionBank:
    """All questions by id, in file order; ids are unique across files."""

    def __init__(self, questions: Iterable[Question] = ()) -> None:
        self._by_id: dict[str, Question] = {}
        for question in questions:
            self._by_id[question.id] = question

    @classmethod
    def load(cls, folders: Sequence[Path] | None = None) -> QuestionBank:
        """Load the bundled bank plus ``$COACHKIT_HOME/questions`` (if present)."""
        if folders is None:
            folders = [paths.bundled_questions_dir(), paths.user_questions_dir()]
        seen: dict[str, Path] = {}
        questions: list[Question] = []
        for folder in folders:
            if not folder.is_dir():
                continue
            files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
            for path in files:
                for question in load_question_file(path):
                    if question.id in seen:
                        # The line of this (later) definition: the second one when both
                        # are in this file.
                        again = 2 if seen[question.id] == path else 1
                        raise QuestionFileError(
                            str(path),
                            _line_of_id(path, question.id, again),
                            f"duplicate question id {question.id!r} "
                            f"(already defined in {seen[question.id]}); ids must be unique",
                        )
                    seen[question.id] = path
                    questions.append(question)
        return cls(questions)

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
            close = difflib.get_close_matches(question_id, list(self._by_id), n=3, cutoff=0.6)
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


def _line_of_id(path: Path, question_id: str, occurrence: int = 1) -> int | None:
    """The line of the ``occurrence``-th ``id: question_id`` (the whole id, not a prefix)."""
    pattern = re.compile(rf"""^\s*(?:-\s*)?id:\s*(["']?){re.escape(question_id)}\1\s*(?:#.*)?$""")
    found = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            found += 1
            if found == occurrence:
                return number
    return None
