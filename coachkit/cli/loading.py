"""The question bank and the saved attempts as commands read them: a warning on stderr
about each part left out, and where an unknown question may be."""

from __future__ import annotations

from ..bank import QuestionBank
from ..coach import Coach
from ..models import Attempt
from ..store import AttemptsRead
from .output import stderr

__all__ = ["left_out", "question_bank", "readable"]


def left_out(bank: QuestionBank, question_id: str | None = None) -> str:
    """What to add to "unknown" when questions were left out: it may be one of them."""
    if not bank.problems:
        return ""
    named = bank.problem_for(question_id) if question_id else None
    if named is not None and named.left_out == "file":  # what to fix, at which line
        return f" It is in {named.path}, which is there but cannot be read: {named}."
    if named is not None:
        return f" It is in {named.path}, but was left out: {named.problem}."
    if all(p.left_out == "question" for p in bank.problems):
        return " Some questions were left out (see the warnings above): it may be one of them."
    return " Some question files were left out (see the warnings above): it may be in one."


def question_bank(coach: Coach | None = None) -> QuestionBank:
    """The bank (the coach's, or loaded afresh), after a warning on stderr about each
    problem in the user's question files: those are left out, the rest works."""
    bank = QuestionBank.load() if coach is None else coach.bank
    for problem in bank.problems:
        stderr(f"coachkit: warning: {problem.note}\n")
    if bank.problems:
        stderr(f"coachkit: warning: {bank.advice()}\n")
    return bank


def readable(read: AttemptsRead) -> list[Attempt]:
    """The attempts that could be read; a warning on stderr about any that could not."""
    if read.warning:
        stderr(f"coachkit: warning: {read.warning}\n")
    return read.attempts
