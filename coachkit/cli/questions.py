"""``coachkit questions`` (the bank listed, or your question files checked) and
``coachkit next`` (what to practise next)."""

from __future__ import annotations

import argparse
import difflib
import textwrap
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TextIO

from .. import paths
from ..bank import BankProblem, QuestionBank, question_files
from ..coach import Coach
from ..config import Config, PracticeSettings, plan_despite
from ..errors import BadInputError, ConfigError
from ..models import ANY_ROLE, Question
from .exits import EXIT_OK, EXIT_PROBLEMS
from .loading import left_out, question_bank, readable, said_set_aside
from .output import print_json, stderr, terminal_columns, warn

__all__ = ["next_command", "questions_command"]


def _known(kind: str, value: str | None, known: Sequence[str]) -> None:
    """A role or tag the bank has never heard of is a typo, not an empty result."""
    if value is None or value in known:
        return
    close = difflib.get_close_matches(value.lower(), known, n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    listing = (
        f"Known {kind}s: {', '.join(known)}."
        if len(known) <= 12
        else f"`coachkit questions --json` shows every question's {kind}s."
    )
    raise BadInputError(f"Unknown {kind} {value!r}.{hint} {listing}")


def _filtered(bank: QuestionBank, args: argparse.Namespace) -> list[Question]:
    try:
        _known("role", args.role, [*bank.roles(), ANY_ROLE])
        _known("tag", args.tag, bank.tags())
    except BadInputError as exc:
        raise BadInputError(f"{exc}{left_out(bank)}") from None
    return bank.filter(category=args.category, role=_role(args.role), tag=args.tag)


def _role(role: str | None) -> str | None:
    """The role to filter by: ``any`` is every role, as in ``practice.role``."""
    return None if role == ANY_ROLE else role


def _check_questions(args: argparse.Namespace, out: TextIO) -> int:
    """Every problem in the user's question files (not only the first); exit 1 if any."""
    if args.category or args.role or args.tag:
        raise BadInputError("--check reads every file: give it no --category, --role or --tag.")
    folder = paths.user_questions_dir()
    files = question_files(folder)
    bank = QuestionBank.load()  # a broken bundled file raises: a broken install
    problems = bank.problems
    if args.json:
        print_json([_problem_json(p) for p in problems], out)
    else:
        out.write("".join(f"{problem}\n" for problem in problems))
    again = "then run `coachkit questions --check` again"
    if any(p.left_out == "folder" for p in problems):
        fix = f"fix it, {again}"
        if folder.is_symlink():  # a cohort's, linked in: a learner cannot fix it
            fix = f"tell whoever keeps the shared one (your coach); if that is you, {fix}"
        stderr(f"coachkit: the questions folder {folder} cannot be read: {fix}.\n")
        return EXIT_PROBLEMS
    named = _named(folder)
    if problems:
        bad = len({p.path for p in problems})
        fix = f"fix {'it' if len(problems) == 1 else 'each one'}, {again}"
        linked = (paths.linked_in(Path(p.path)) for p in problems)
        shared = sorted({str(real) for real in linked if real is not None})
        if folder.is_symlink():
            fix = _keeper(fix)  # the folder named is the shared one
        elif shared:
            fix = f"they are the shared files from {' and '.join(shared)}: {_keeper(fix)}"
        stderr(
            f"coachkit: {len(problems)} problem{'' if len(problems) == 1 else 's'} in {bad} of "
            f"{len(files)} file{'' if len(files) == 1 else 's'} in {named}: {fix}.\n"
        )
        return EXIT_PROBLEMS
    if not args.json:
        if files:
            out.write(
                f"{len(files)} file{'' if len(files) == 1 else 's'} in {named}: no problems "
                f"({len(bank)} questions in the bank).\n"
            )
        else:
            out.write(f"No question files in {named}: nothing to check.\n")
    return EXIT_OK


def _problem_json(problem: BankProblem) -> dict[str, object]:
    """One problem as --check --json gives it: ``path`` as loaded (through a cohort's
    link, as before) and, next to it, ``real_path``, the coach's file that ``message``
    names and a script opens to fix it (the same path when nothing is linked)."""
    row: dict[str, object] = asdict(problem)
    return {
        "path": row.pop("path"),
        "real_path": problem.real_path,
        **row,
        "message": str(problem),
    }


def _named(folder: Path) -> str:
    """The questions folder as its keeper knows it: a cohort's, linked into each home (as
    the README sets it up), by its real path, which the coach checking from such a home
    edits, with the link it is read through."""
    real = paths.shared_folder(folder)
    return str(folder) if real is None else f"the shared folder {real} (linked in as {folder})"


def _keeper(fix: str) -> str:
    """What to do about the cohort's question files (linked in, as the README sets them
    up): a learner cannot edit them; whoever keeps them, checking from a home linked the
    same way, does the ``fix``."""
    return f"tell whoever keeps them (your coach); if that is you, {fix}"


_PROMPT_ROOM = 40
"""The fewest columns a prompt is wrapped into beside its id; fewer, it goes below."""


def _row(head: str, prompt: str, columns: int | None) -> str:
    """One question's line, its prompt wrapped to ``columns`` under itself: a row the
    terminal wraps at its edge runs back to column 0, under the ids (a prompt is ~120
    characters, a row ~170)."""
    if columns is None or len(head) + len(prompt) <= columns:
        return f"{head}{prompt}\n"
    if columns - len(head) >= _PROMPT_ROOM:
        lines = textwrap.wrap(prompt, columns - len(head))
        return head + f"\n{' ' * len(head)}".join(lines) + "\n"
    # A narrow terminal: the prompt below its id, indented.
    lines = textwrap.wrap(prompt, max(columns - 4, 20))
    return head.rstrip() + "\n" + "".join(f"    {line}\n" for line in lines)


def questions_command(args: argparse.Namespace, out: TextIO) -> int:
    if args.check:
        return _check_questions(args, out)
    found = _filtered(question_bank(), args)
    if args.json:
        print_json([q.model_dump(mode="json") for q in found], out)
        return EXIT_OK
    width = max((len(q.id) for q in found), default=10)
    columns = terminal_columns(out)
    for q in found:
        head = f"{q.id:<{width}}  {q.category:<13}  "
        out.write(_row(head, " ".join(q.prompt.split()), columns))
    if not found:
        out.write("No questions match those filters.\n")
    return EXIT_OK


def _origin(config: Config | None, key: str) -> tuple[str, str]:
    """Where ``practice.<key>`` was set and who can change it (see ``practice_origin``)."""
    return ("your config", "") if config is None else config.practice_origin(key)


def _plan_config(coach: Coach) -> Config | None:
    """The config the practice plan is read from, each mistake in it said as a warning on
    stderr; None: the plan's defaults apply. Picking a question scores nothing, so a
    broken config (the coach's, perhaps) must not stop practice, as it does not in the
    notebooks, and a mistake in ``scorer:`` or ``fallback:`` alone leaves the plan as set."""
    try:
        return said_set_aside(coach.config)
    except ConfigError as exc:
        found = plan_despite(exc)
        if found is not None:
            read, variables = found
            if variables:  # the files are fine: the environment is not
                warn(
                    f"{exc}\nfix or unset {variables} (an environment variable; the config "
                    "itself is fine, and its practice plan applies)."
                )
                return read
            # A typo in scorer: or fallback:, or the transcriber named.
            warn(
                f"{exc} Your practice plan applies meanwhile (choosing a question scores nothing)."
            )
            return said_set_aside(read)
        warn(
            f"{exc}\nuntil it is fixed, the practice plan's defaults apply (every role, "
            f"{PracticeSettings().new_per_day} new questions a day, no interview date)."
        )
        return None


def next_command(args: argparse.Namespace, out: TextIO) -> int:
    from ..schedule import Schedule

    coach = Coach()
    bank = question_bank(coach)
    read = _plan_config(coach)  # the config the practice plan is read from, if any
    practice = PracticeSettings() if read is None else read.practice
    if read is not None:  # practice.role as this config sets it, checked against the bank
        coach = Coach(bank=bank, config=read)
    from_config = args.role is None
    if from_config:
        args.role = coach.role  # the role you practise for (practice.role), if any
        problem = coach.role_problem()
        if problem:
            warn(problem)
    found = _filtered(bank, args)
    today = datetime.now().astimezone().date()
    if practice.interview_date is not None and practice.interview_date < today:
        # The schedule leaves a past date out: say so, or the plan quietly changes.
        where, keeper = _origin(read, "interview_date")
        todo = ": set your next interview's date, or remove it."
        if keeper:  # the cohort's date, in a file the user may not edit
            todo = ". Whoever keeps it (your coach) can set the next one; Settings saves a "
            todo += "date of your own."
        warn(
            f"practice.interview_date in {where}, {practice.interview_date:%d %b %Y}, has "
            f"passed, so it is left out of the plan{todo}"
        )
    if not from_config:  # the role asked for comes first, as practice.role's would
        practice = practice.model_copy(update={"role": _role(args.role)})
    schedule = Schedule(readable(coach.read_history(), coach.store), practice)
    suggestion = schedule.suggest(found)
    plan = schedule.plan(found)
    if args.json:
        print_json(
            {
                "question_id": suggestion.question.id if suggestion else None,
                "prompt": " ".join(suggestion.question.prompt.split()) if suggestion else None,
                "reason": suggestion.reason if suggestion else None,
                "role": _role(args.role),
                # The keys the README documents: the count not yet practised is in the
                # words of ``describe`` only.
                **{k: v for k, v in asdict(plan).items() if k != "not_practised"},
            },
            out,
        )
        return EXIT_OK
    role = ""
    if from_config and args.role:
        # A cohort's role is the shared config's: say so, as its warnings do.
        where = _origin(read, "role")[0]
        role = f"For your role, {args.role} (practice.role in {where}; --role picks another).\n"
    elif args.role:
        followed = "every role" if _role(args.role) is None else f"the role {args.role}"
        role = f"For {followed} (--role).\n"
    if suggestion is None:
        out.write(f"{role}No questions match those filters.\n")
        return EXIT_OK
    question = suggestion.question
    out.write(
        f"{role}Next up: {question.id} ({question.category})\n"
        f"  {' '.join(question.prompt.split())}\n"
        f"  {suggestion.reason}\nToday: {plan.describe()}.\n"
        f"Answer it: coachkit score {question.id} --answer-file answer.txt\n"
    )
    return EXIT_OK
