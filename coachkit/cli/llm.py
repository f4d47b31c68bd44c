"""The commands about the config and LLM scoring: ``config show``, ``config check``,
``usage`` and ``rescore``. Those that need ``coachkit.llm`` import it when they run."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, TextIO

from .. import paths
from ..coach import Coach
from ..config import LOCAL, Config, load_config
from ..errors import (
    BadInputError,
    ConfigError,
    UnknownQuestionError,
    UnknownScorerError,
    not_scored_by,
)
from .exits import EXIT_BAD_INPUT, EXIT_OK, EXIT_SCORING
from .loading import (
    asked_question,
    config_but_the_scorer,
    question_bank,
    readable,
    refuse_writes,
    said_set_aside,
    warn_damage,
)
from .output import print_json, stderr, terminal_columns

if TYPE_CHECKING:
    from ..llm import CheckResult, DriftReport

__all__ = ["config_check_command", "config_show_command", "rescore_command", "usage_command"]


def config_show_command(args: argparse.Namespace, out: TextIO) -> int:
    import yaml

    config = said_set_aside(load_config())
    source = config.source or f"no config file at {paths.config_path()}: defaults"
    own = paths.personal_config_path()  # over a shared file: named before its first save too
    if own is not None:
        created = (
            " (set aside until its mistake, above, is fixed)"
            if config.own_set_aside
            else ""
            if config.personal
            else " (not created yet)"
        )
        source += f", with your own settings {own} over it{created}"
    out.write(f"# {source}\n")
    out.write(yaml.safe_dump(config.shown(), sort_keys=False))
    return EXIT_OK


def config_check_command(args: argparse.Namespace, out: TextIO) -> int:
    from ..llm import check_profile

    config = config_but_the_scorer()
    names = [args.name] if args.name else [e.model_name for e in config.model_list]
    if not names:
        if args.json:
            print_json([], out)
        else:
            out.write("Only the offline scorer is configured: nothing to check.\n")
        return _set_aside_fails(config)
    for name in names:  # unknown names fail before anything is sent
        try:
            config.check_name(name, scoring=False)
        except UnknownScorerError as exc:  # any profile is checked, a transcriber too
            raise ConfigError(
                f"Unknown profile {name!r}.{exc.suggestion} Profiles to check: "
                f"{', '.join(exc.valid)}. {exc.define}"
            ) from None
    coach = Coach(config=config)
    if any(name != LOCAL for name in names):
        refuse_writes(coach, "Nothing was sent (a check logs its usage in the database)")
    results = [check_profile(config, name, store=coach.store) for name in names]
    if args.json:
        print_json([asdict(r) for r in results], out)
    else:
        out.write("".join(f"{r.line()}\n" for r in results))
    failed = [r for r in results if not r.ok]
    if failed:
        stderr(f"coachkit: {_check_failures(failed, len(results), as_json=args.json)}\n")
        return EXIT_SCORING
    return _set_aside_fails(config)


def _set_aside_fails(config: Config) -> int:
    """A check passes only a config with nothing set aside: the other commands go on
    without a scorer of the user's own that names no profile, the check says it fails."""
    if not config.set_aside:
        return EXIT_OK
    count = len(config.set_aside)
    stderr(
        f"coachkit: {count} mistake{'' if count == 1 else 's'} in your own settings "
        f"(above): fix {'it' if count == 1 else 'each one'}, then run `coachkit config check` "
        "again.\n"
    )
    return EXIT_BAD_INPUT


def _check_failures(failed: Sequence[CheckResult], checked: int, *, as_json: bool) -> str:
    """One line naming every profile that failed; what to do is in each one's result
    (repeating only the first here would hide the others)."""
    one = len(failed) == 1
    whose = "its" if one else "each one's"
    says = "`message` says" if as_json else "line above says"
    again = f"coachkit config check {failed[0].profile}" if one else "coachkit config check"
    return (
        f"{len(failed)} of {checked} profile{'' if checked == 1 else 's'} failed the check "
        f"({', '.join(r.profile for r in failed)}): fix what {whose} {says}, then run `{again}`."
    )


def usage_command(args: argparse.Namespace, out: TextIO) -> int:
    import time

    from ..llm import BudgetGate, UsageLog, usage_table
    from ..llm.usage import budget_lines

    try:
        config: Config | None = config_but_the_scorer()
    except ConfigError as exc:
        # The log is the user's own and needs no config: shown all the same, with why the
        # budget is not (a shared config they cannot read, a mistake in the file).
        config, unread = None, str(exc)
    store = Coach(config=config or Config()).store
    log = UsageLog(store)
    budget = BudgetGate(store, config.budget, log) if config is not None else None

    def budget_said() -> str:
        if budget is not None:
            return budget_lines(budget.describe())
        return f"Budget: not shown, the config could not be read: {unread}"

    # A database not created yet reads as empty, and is not created: a reading command
    # leaves no files behind. The budget is then the config's, all of it unspent.
    if not paths.db_path().exists():
        if args.json:
            print_json([], out)
        else:
            out.write(f"No LLM calls logged yet.\n\n{budget_said()}\n")
        return EXIT_OK
    warn_damage(store)  # read all the same: nothing here writes
    now = time.time()
    # More days than the clock has (--days 1000000) is all of it, not a date before year 1.
    since = now - args.days * 86400 if args.days and args.days * 86400 < now else None
    rows = log.summary(since)
    if args.json:
        print_json([asdict(r) for r in rows], out)
        return EXIT_OK
    period = (
        "all time"
        if since is None
        else "the last day"
        if args.days == 1
        else (f"the last {args.days} days")
    )
    if rows:
        out.write(f"LLM usage, {period}:\n{usage_table(rows)}\n")
    else:  # "LLM usage, all time:" above "No LLM calls logged in this period."
        out.write(
            "No LLM calls logged yet.\n" if since is None else f"No LLM calls logged in {period}.\n"
        )
    out.write(f"\n{budget_said()}\n")
    return EXIT_OK


def rescore_command(args: argparse.Namespace, out: TextIO) -> int:
    from ..llm import rescore
    from ..llm.drift import RescoreInterrupted
    from ..scoring.registry import make_scorer

    command = f"coachkit rescore --scorer {shlex.quote(args.scorer)}"
    args.question = asked_question(args, "rescore takes", command)
    config = config_but_the_scorer()
    config.check_name(args.scorer)
    coach = Coach(config=config)
    if args.scorer != LOCAL:
        refuse_writes(
            coach,
            "Nothing was rescored (an LLM profile logs its usage and budget in the database)",
            " `coachkit rescore --scorer local` writes nothing.",
        )
    attempts = readable(coach.read_history(args.question), coach.store)
    if args.question:
        _rescorable(coach, args.question, len(attempts))
    if args.source and attempts:
        present = list(dict.fromkeys(a.card.scorer for a in attempts))
        if args.source not in present:
            raise not_scored_by(args.source, present)
        attempts = [a for a in attempts if a.card.scorer == args.source]
    if not attempts:
        if args.json:
            print_json({"scorer": args.scorer, "mean_change": None, "rows": [], "skipped": []}, out)
        else:
            out.write("No attempts to rescore yet.\n")
        return EXIT_OK
    store = None if args.scorer == LOCAL else coach.store
    scorer = make_scorer(args.scorer, config, store=store, fallback=False)
    concurrency = args.concurrency or config.llm.concurrency
    try:
        # A bar only on a terminal: in a log (2> file) its frames are noise.
        bar = not args.json and sys.stderr is not None and sys.stderr.isatty()
        report = rescore(
            attempts,
            scorer,
            question_bank(coach),
            last=args.last,
            concurrency=concurrency,
            progress=bar,
            fewer=_last_few,
        )
    except RescoreInterrupted as stopped:  # Ctrl-C: nothing more is sent; show what finished
        _show_rescore(args, stopped.report, out)
        raise
    _show_rescore(args, report, out)
    if report.failed:
        stderr(
            f"coachkit: {_not_rescored(len(report.failed), len(report.rows))} "
            f"({report.failed[0].error})\n"
        )
        return EXIT_SCORING
    return EXIT_OK


def _not_rescored(failed: int, tried: int) -> str:
    """How many of the ``tried`` attempts failed, the noun agreeing with the number:
    "1 of 1 attempts" read as a slip."""
    if tried == 1:
        return "The attempt could not be rescored"
    if failed == tried:
        return f"None of the {tried} attempts could be rescored"
    return f"{failed} of {tried} attempts could not be rescored"


def _rescorable(coach: Coach, question_id: str, attempts: int) -> None:
    """Refuse --question for a question not in the bank; one that left it (an own
    question file since removed) says how to rescore the attempts still at it."""
    try:
        coach.question(question_id)
    except UnknownQuestionError:
        if not attempts or coach.bank.problems:  # a file left out: main says which, why
            raise
        their, them = (
            ("its attempt", "it") if attempts == 1 else (f"its {attempts} attempts", "them")
        )
        raise BadInputError(
            f"Question {question_id!r} is no longer in the bank, so {their} cannot be "
            f"rescored: put its question file back in {paths.user_questions_dir()} to "
            f"include {them}."
        ) from None


def _last_few(n: int) -> str:
    """How to rescore no more than the budget allows now: the newest n."""
    return f"use --last {n} to rescore the newest {'one' if n == 1 else n}"


def _show_rescore(args: argparse.Namespace, report: DriftReport, out: TextIO) -> None:
    if args.json:
        rows = [
            {
                "attempt_id": row.attempt.id,
                "question_id": row.attempt.question_id,
                "before": row.before.model_dump(mode="json"),
                "after": row.after.model_dump(mode="json") if row.after else None,
                "error": row.error,
            }
            for row in report.rows
        ]
        rescored = len(report.failed) < len(report.rows)
        mean_change = report.mean_change if rescored else None  # no drift, not a drift of 0
        skipped = [
            {"attempt_id": attempt.id, "question_id": attempt.question_id}
            for attempt in report.skipped
        ]
        print_json(
            {
                "scorer": report.scorer,
                "mean_change": mean_change,
                "rows": rows,
                "skipped": skipped,
            },
            out,
        )
        if report.skipped:  # the text output's note, where notes go with --json
            stderr(f"coachkit: {report.skipped_note()}\n")
    else:
        out.write(report.table(terminal_columns(out)) + "\n")
    mixed = report.mixed_scales("`--from NAME` rescores one scorer's attempts alone.")
    if mixed and args.json:  # notes go to stderr, as the skipped ones do
        stderr(f"coachkit: {mixed}\n")
    elif mixed:
        out.write(f"{mixed}\n")
