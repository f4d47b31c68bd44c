"""The question bank and the saved attempts as commands read them: a warning on stderr
about each part left out, where an unknown question may be, and a database damaged in
part, which the commands that write refuse."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Iterator
from contextlib import contextmanager

from ..bank import QuestionBank
from ..coach import Coach
from ..config import LOCAL, Config, load_config
from ..errors import (
    BadInputError,
    CorruptDatabaseError,
    NotSavedError,
    StoreError,
    UnknownScorerError,
)
from ..models import Attempt
from ..store import AttemptsRead, Store
from .output import warn

__all__ = [
    "WRITE_RISK",
    "asked_question",
    "config_but_the_scorer",
    "left_out",
    "nothing_written",
    "question_bank",
    "readable",
    "refuse_writes",
    "warn_damage",
]

WRITE_RISK = "a write into a damaged file can fail halfway or spread the damage"
"""Why nothing is written to a damaged database, as the notebooks say it."""


def asked_question(args: argparse.Namespace, does: str, command: str) -> str | None:
    """The one question a command is to take, given bare (``args.question_id``) or as
    --question (``args.question``); ``does`` and ``command`` word the refusal of two:
    "history lists" and "coachkit history"."""
    given = dict.fromkeys(q for q in (args.question_id, args.question) if q)
    if len(given) > 1:
        one, other = (f"`{command} {shlex.quote(q)}`" for q in given)
        raise BadInputError(
            f"Two questions given ({', '.join(given)}): {does} one question's "
            f"attempts at a time, {one} or {other}."
        )
    return next(iter(given), None)


def left_out(bank: QuestionBank, question_id: str | None = None) -> str:
    """What to add to "unknown" when questions were left out: it may be one of them."""
    if not bank.problems:
        return ""
    named = bank.problem_for(question_id) if question_id else None
    if named is not None and named.left_out == "file":  # what to fix, at which line
        return f" It is in {named.real_path}, which is there but cannot be read: {named}."
    if named is not None:
        return f" It is in {named.real_path}, but was left out: {named.problem}."
    if all(p.left_out == "question" for p in bank.problems):
        return " Some questions were left out (see the warnings above): it may be one of them."
    return " Some question files were left out (see the warnings above): it may be in one."


def question_bank(coach: Coach | None = None) -> QuestionBank:
    """The bank (the coach's, or loaded afresh), after a warning on stderr about each
    problem in the user's question files: those are left out, the rest works."""
    bank = QuestionBank.load() if coach is None else coach.bank
    for problem in bank.problems:
        warn(problem.note)
    if bank.problems:
        warn(bank.advice())
    return bank


def readable(read: AttemptsRead, store: Store | None = None) -> list[Attempt]:
    """The attempts that could be read; a warning on stderr about any that could not,
    and (given the ``store`` read) about its file damaged where no attempt was read."""
    if read.warning:
        warn(read.warning)
    if store is not None and not read.damaged:
        warn_damage(store)
    return read.attempts


def warn_damage(store: Store) -> bool:
    """The warning ``coachkit history`` gives about a damaged database, if it is; and
    whether it is."""
    found = store.damage()
    if found is not None:
        warn(str(found))
    return found is not None


def refuse_writes(coach: Coach, nothing: str, instead: str = "") -> None:
    """Stop a command that would write to a damaged database before it does any work,
    with history's words about it, ``nothing`` (what was not done: "Nothing was
    deleted", with why that writes where it is not plain) and what works ``instead``."""
    found = coach.store.damage()
    if found is not None:
        raise CorruptDatabaseError(f"{found} {nothing}, as {WRITE_RISK}.{instead}")


@contextmanager
def nothing_written(nothing: str) -> Iterator[None]:
    """A database that fails the write (a full disk: "Cannot use … (disk I/O error)")
    rolls the whole command back: its message ends with ``nothing`` ("Nothing was
    imported."), as the user otherwise cannot tell whether part of it was done."""
    try:
        yield
    except StoreError as exc:
        if nothing.lower() in str(exc).lower() or isinstance(exc, NotSavedError):
            raise
        raise type(exc)(f"{exc} {nothing}") from exc


def said_set_aside(config: Config) -> Config:
    """``config``, once each mistake of the user's own settings that it set aside (a
    profile the coach renamed, see ``load_config``) is said as a warning."""
    for notice in config.set_aside:
        warn(notice)
    return config


def config_but_the_scorer(transcriber: str | None = None) -> Config:
    """The config, for a command that does not score with its ``scorer:`` or ``fallback:``
    (it names the profile it uses, or uses none): a mistake in those two alone is said
    as a warning, and the command goes on, as the notebooks' Settings does."""
    try:
        return said_set_aside(load_config(transcriber=transcriber))
    except UnknownScorerError as exc:
        # The scorer named as the transcriber given here is no mistake in the config.
        if not (exc.transcriber and transcriber):
            warn(str(exc))
    # Anything else wrong (the transcriber named, say) is this command's to stop on.
    return load_config(transcriber=transcriber, scorer=LOCAL, fallback=LOCAL)
