"""The command line: every command's arguments and help, the handler each one runs, and
the hints a usage error gives."""

from __future__ import annotations

import argparse
import difflib
import os
import re
import shlex
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from .. import paths
from ..coach import MIN_ID_PREFIX
from ..errors import BadInputError
from ..models import ANY_ROLE, CATEGORIES
from .history import (
    delete_command,
    export_command,
    history_command,
    import_command,
    progress_command,
)
from .llm import config_check_command, config_show_command, rescore_command, usage_command
from .questions import next_command, questions_command
from .rescue import rescue_command
from .score import score_command, transcribe_command

__all__ = ["Handler", "build_parser", "meant"]

Handler = Callable[[argparse.Namespace, TextIO], int]


class _Help(argparse.HelpFormatter):
    """argparse's help, with the command list aligned: it measures subcommands without
    the indent they are printed at, so `questions` and `transcribe` (one column too
    long) went on lines of their own, their summaries below."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is argparse.SUPPRESS or not isinstance(action, argparse._SubParsersAction):
            return
        indent = self._current_indent + self._indent_increment
        for sub in action._get_subactions():
            self._action_max_length = max(
                self._action_max_length, len(self._format_action_invocation(sub)) + indent
            )


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like other bad input, and an
    option must be written whole: "--q" is refused, not taken for "--question", so an
    option added later never changes what a script's shorthand meant."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)
        # The option a bare word given to this command was likely meant for
        # (`coachkit history time-you-failed`: --question); None: no guess.
        self.bare_means: str | None = None
        # Takes --category, --role and --tag: a bare word is looked up among them.
        self.bare_filter = False
        self._given: list[str] = []

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # The words this command was given: error() has only argparse's message.
        self._given = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> None:  # type: ignore[override]
        if message == "the following arguments are required: COMMAND":
            raise BadInputError(self._no_command())
        if message.startswith("argument COMMAND: invalid choice:"):
            early = self._option_before_command()
            if early:  # `coachkit --last 3 history`: "invalid choice: '3'" said no more
                raise BadInputError(early)
        hint = self._close_choice(message) or self._missing_option(message)
        raise BadInputError(f"{message}{hint} (see `{self.prog} --help`)")

    def _option_before_command(self) -> str | None:
        """What to do when a command's option came before the command (`coachkit --scorer
        gpt`, whose value was then read as the command); None when none did."""
        given = self._given
        for n, word in enumerate(given):
            option, taking = self._taking(word)
            if not taking:
                continue
            named = next((w for w in given[n + 1 :] if w in taking), taking[0])
            rest = [w for w in given if w != named]
            return (
                f"{option} goes after the command: `{self.prog} {named} "
                f"{shlex.join(rest)}`. `{self.prog} --help` lists the commands."
            )
        return None

    def _taking(self, word: str) -> tuple[str, list[str]]:
        """The option ``word`` gives (``--out`` of ``--out=x``) and the commands that take
        it; none when it is no option."""
        option = word.split("=", 1)[0]
        if not option.startswith("-"):
            return option, []
        commands = next(
            a.choices for a in self._actions if isinstance(a, argparse._SubParsersAction)
        )
        return option, [name for name, p in commands.items() if option in p._option_string_actions]

    def _no_command(self) -> str:
        """What to do when no command was named: "required: COMMAND" said neither which
        command nor that an option given (`coachkit --json`) goes after one."""
        for word in self._given:
            option, taking = self._taking(word)
            if taking:
                return (
                    f"No command given: {option} goes after one, e.g. `{self.prog} {taking[0]} "
                    f"{word}`. `{self.prog} --help` lists the commands."
                )
        return (
            f"No command given: name one, e.g. `{self.prog} next` for the question to "
            f"practise next. `{self.prog} --help` lists them all."
        )

    def _missing_option(self, message: str) -> str:
        """The hint when a required option is missing and one bare word stands where its
        value would: '. Did you mean: --out p.png?' for `coachkit progress p.png`."""
        found = re.fullmatch(r"the following arguments are required: (--[\w-]+)", message)
        # A word an optional positional took (`coachkit rescore gpt`: as QUESTION_ID) is
        # still the one bare word meant for the option; a required one's is its own.
        if found is None or any(a.required for a in self._get_positional_actions()):
            return ""
        bare = self.bare_words(self._given)
        return f". Did you mean: {found[1]} {shlex.quote(bare[0])}?" if len(bare) == 1 else ""

    def bare_words(self, words: Sequence[str]) -> list[str]:
        """The words in ``words`` that are neither an option nor an option's value."""
        bare, value_next = [], False
        for word in words:
            if value_next:
                value_next = False
            elif word.startswith("-") and word != "-":
                action = self._option_string_actions.get(word)
                value_next = action is not None and action.nargs is None  # "--out x"
            else:
                bare.append(word)
        return bare

    def bare_hint(self, extras: Sequence[str]) -> str:
        """The hint after bare words this command takes no place for: '. Did you mean:
        --answer-file answer.txt?' for `coachkit score ID answer.txt`."""
        bare = self.bare_words(extras)
        if len(bare) != 1 or len(bare) != len(extras):
            return ""  # an unknown option among them: meant() names the one meant
        if self.bare_means is None:
            option = _filter_for(bare[0]) if self.bare_filter else None
            return f". Did you mean: {option} {shlex.quote(bare[0])}?" if option else ""
        if self.bare_means == "--answer-file" and len(bare[0].split()) > 1:
            # The answer itself, typed on the command line.
            return (
                ". The answer is read from stdin or a file: "
                "echo '...' | coachkit score ID, or --answer-file FILE"
            )
        if self.bare_means == "--answer-file" and not os.path.isfile(bare[0]):
            return ""  # `score answer.txt ID`: the id is no file to read
        return f". Did you mean: {self.bare_means} {shlex.quote(bare[0])}?"

    def _close_choice(self, message: str) -> str:
        """The hint after an invalid choice: 'Did you mean: score?' for 'scroe'."""
        found = re.search(r"invalid choice: '([^']*)'", message)
        if found is None:
            return ""
        choices = [str(c) for action in self._actions if action.choices for c in action.choices]
        close = difflib.get_close_matches(found[1].lower(), choices, n=1, cutoff=0.6)
        return f". Did you mean: {close[0]}?" if close else ""

    def close_option(self, written: str) -> str | None:
        """This command's option ``written`` was likely meant as: "--question" for "--q"
        or "--qestion"."""
        name = written.split("=", 1)[0]
        options = [o for o in self._option_string_actions if o.startswith("--")]
        starting = [o for o in options if o.startswith(name)]
        if len(name) > 2 and len(starting) == 1:
            return starting[0]
        close = difflib.get_close_matches(name.lower(), options, n=1, cutoff=0.7)
        return close[0] if close else None


def _filter_for(word: str) -> str | None:
    """The filter option ``word`` is a value of (`coachkit questions technical`:
    --category), or None; looked up only once a command is refused, so the bank loads
    on that path alone."""
    from ..bank import QuestionBank

    if word in CATEGORIES:
        return "--category"
    bank = QuestionBank.load()
    if word in (*bank.roles(), ANY_ROLE):
        return "--role"
    return "--tag" if word in bank.tags() else None


# The most any count option takes: far past any use (a window, days, attempts), and
# short of the limits of what it is handed to (pandas, dates, SQLite).
_MOST = 1_000_000


def _question_id(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a question id (see `coachkit questions`)")
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= _MOST:
        shown = text if len(text) <= 20 else f"{text[:20]}... ({len(text):,} characters)"
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {_MOST:,}, got {shown!r}"
        )
    return value


def _runs(text: str) -> int:
    """--repeat's count; a word instead is a question id that a bare --repeat took."""
    if any(c.isalpha() for c in text):
        raise argparse.ArgumentTypeError(
            f"expected a number of runs, got {text!r}: a bare --repeat (llm.repeats runs) "
            f"goes after the question id, e.g. `coachkit score {shlex.quote(text)} --repeat`"
        )
    return _positive(text)


def _bare_question(p: Any) -> None:
    """QUESTION_ID given bare, as `score` takes it (`coachkit history time-you-failed`):
    it was refused with a hint to write --question, which stays for the scripts that use it."""
    p.add_argument(
        "question_id",
        nargs="?",
        metavar="QUESTION_ID",
        type=_question_id,
        help="only attempts at this question (the same as --question ID)",
    )


def _command(sub: Any, name: str, summary: str, handler: Handler | None = None) -> Any:
    """A subcommand whose --help opens with the same line the command list shows."""
    parser = sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
    if handler is not None:
        parser.set_defaults(handler=handler, parser=parser)
    return parser


def _filters(p: _Parser, role: str = "") -> None:
    p.bare_filter = True  # `coachkit questions technical`: --category meant
    p.add_argument("--json", action="store_true", help="print JSON")
    # A metavar, not argparse's {behavioral,...}: the choices ran the usage line to 88
    # columns; they are listed in the help, and a wrong one is still refused with them.
    p.add_argument(
        "--category",
        choices=CATEGORIES,
        metavar="C",
        help=f"only this category: {', '.join(CATEGORIES[:-1])} or {CATEGORIES[-1]}",
    )
    p.add_argument(
        "--role",
        help=f"only questions for this role (and for any role), e.g. backend, frontend, "
        f"data-ml; `any` for every role{role}",
    )
    p.add_argument("--tag", help="only questions with this tag, e.g. failure, caching")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coachkit",
        description="Practise interview answers, scored on STAR.",
        epilog=f"Your data: {paths.home()} (set COACHKIT_HOME to move it). Exit codes: 0 ok; "
        "1 `questions --check` found problems; 2 bad input or usage; 3 the scorer or "
        "provider failed; 130 interrupted. `coachkit COMMAND --help` for each command.",
    )
    parser.add_argument("--version", action="version", version=f"coachkit {_version()}")
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, metavar="COMMAND"
    )

    p = _command(sub, "questions", "list the question bank", questions_command)
    _filters(p)
    p.add_argument(
        "--check",
        action="store_true",
        help="check your own question files (in $COACHKIT_HOME/questions): list every "
        "problem, exit 1 if any",
    )
    _filters(
        _command(
            sub, "next", "what to practise next (spaced repetition), and today's load", next_command
        ),
        role=" (default: practice.role in your config)",
    )

    p = _command(
        sub, "score", "score an answer, read from stdin, --answer-file or --audio", score_command
    )
    p.add_argument("question_id", metavar="QUESTION_ID", help="see `coachkit questions`")
    p.bare_means = "--answer-file"  # `coachkit score ID answer.txt`
    p.add_argument(
        "--scorer", metavar="NAME", help="profile name from the config (default: its `scorer`)"
    )
    p.add_argument("--json", action="store_true", help="print the ScoreCard as JSON")
    p.add_argument(
        "--answer-file", metavar="F", help="read the answer from this UTF-8 file ('-': stdin)"
    )
    p.add_argument(
        "--audio", metavar="F", help="a recorded answer, turned into text by `transcriber:`"
    )
    p.add_argument(
        "--no-save",
        action="store_true",
        help="score only: the attempt is not saved to your history, nor an LLM's card "
        "(which quotes the answer) to its cache; an LLM call is still logged for the "
        "budget, without the answer. If scoring fails, an answer piped in is kept in "
        "unscored/ all the same (it exists nowhere else)",
    )
    p.add_argument(
        "--repeat",
        type=_runs,
        nargs="?",
        const=0,
        metavar="K",
        help="score K times afresh (default: llm.repeats) and show mean and spread",
    )

    p = _command(
        sub,
        "transcribe",
        "print a recorded answer as text (needs `transcriber:`)",
        transcribe_command,
    )
    p.add_argument("file", metavar="FILE", help="a recording: m4a, mp3, wav, webm, ogg, flac ...")
    p.add_argument("--transcriber", metavar="NAME", help="profile name (default: `transcriber:`)")

    p = _command(sub, "history", "list saved attempts, oldest first", history_command)
    _bare_question(p)
    p.add_argument("--json", action="store_true", help="print the attempts as JSON")
    p.add_argument(
        "--question", metavar="ID", type=_question_id, help="only attempts at this question"
    )
    p.add_argument(
        "--last",
        type=_positive,
        metavar="N",
        help="only the newest N attempts (of those at the question, if given), still "
        "listed oldest first",
    )

    p = _command(
        sub, "delete", "delete saved attempts for good (ids from `history`)", delete_command
    )
    p.add_argument("--json", action="store_true", help="print what was deleted as JSON")
    p.add_argument(
        "ids",
        nargs="+",
        metavar="ID",
        help=f"an attempt's id, or its first {MIN_ID_PREFIX} or more characters",
    )

    p = _command(
        sub,
        "progress",
        "write a progress chart (PNG, SVG or PDF), and print it in words",
        progress_command,
    )
    p.add_argument("--out", required=True, metavar="chart.png", help="the file to write")
    p.add_argument(
        "--window",
        type=_positive,
        default=5,
        metavar="N",
        help="rolling-mean window in attempts (default 5)",
    )
    p.add_argument(
        "--scorer",
        metavar="NAME",
        help="only the attempts this scorer scored, as the notebook's Scorer filter (default: "
        "every scorer, each with trend lines of its own, as scorers grade differently)",
    )

    p = _command(sub, "export", "write all attempts as JSON Lines (a backup)", export_command)
    p.add_argument("--out", required=True, metavar="attempts.jsonl", help="the file to write")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace --out even if it is not an export, or holds attempts this one does not",
    )
    p.add_argument(
        "--drafts",
        action="store_true",
        help="also keep each draft and unscored mock interview answer in unscored/, a file "
        "each (done anyway when the database is damaged)",
    )

    p = _command(sub, "import", "add attempts from a JSON Lines export", import_command)
    p.add_argument("file", metavar="attempts.jsonl", help="a file written by `coachkit export`")

    p = _command(
        sub,
        "rescue",
        "put a damaged database right: keep what can be read in a fresh one, the damaged "
        "file moved aside",
        rescue_command,
    )
    p.epilog = (
        "Every attempt that can be read goes to rescued-STAMP.jsonl beside the database, "
        "drafts and unscored mock interview answers to unscored/; a fresh database is built "
        "from the export and checked to hold them all; only then is the damaged file renamed "
        "coachkit.db.damaged-STAMP (never deleted) and the fresh one put in its place. Close "
        "the notebooks using it first. Exit 2, with nothing moved, when it is not damaged, "
        "another program has it open, or a step fails."
    )
    p.add_argument("--json", action="store_true", help="print what was kept, and where, as JSON")

    p = _command(sub, "config", "show or check the configuration")
    config_sub = p.add_subparsers(
        dest="config_command", required=True, parser_class=_Parser, metavar="show|check"
    )
    _command(config_sub, "show", "print the resolved config, secrets masked", config_show_command)
    c = _command(
        config_sub, "check", "send one tiny request to a profile (or all)", config_check_command
    )
    c.add_argument("name", nargs="?", metavar="NAME", help="profile name (default: every one)")
    c.add_argument("--json", action="store_true", help="print the results as JSON")

    p = _command(sub, "usage", "summarise LLM calls: tokens, cost, latency, budget", usage_command)
    p.add_argument(
        "--json", action="store_true", help="print the per-profile rows as JSON (not the budget)"
    )
    p.add_argument(
        "--days", type=_positive, metavar="N", help="only the last N days (default: all time)"
    )

    p = _command(
        sub,
        "rescore",
        "re-score past attempts with another profile to show the drift (saved scores are kept)",
        rescore_command,
    )
    p.add_argument("--scorer", required=True, metavar="NAME", help="profile to rescore with")
    _bare_question(p)
    p.add_argument(
        "--question", metavar="ID", type=_question_id, help="only attempts at this question"
    )
    p.add_argument(
        "--last",
        type=_positive,
        metavar="N",
        help="only the newest N attempts that can be rescored (those at a question no longer "
        "in the bank do not count; the ones among them are noted as left out)",
    )
    p.add_argument(
        "--from",
        dest="source",
        metavar="NAME",
        help="only attempts this scorer scored: the drift from one scorer's scale (default: "
        "every attempt, whichever scorer scored it)",
    )
    p.add_argument(
        "--concurrency",
        type=_positive,
        metavar="C",
        help="requests in flight (default: llm.concurrency)",
    )
    p.add_argument("--json", action="store_true", help="print the drift as JSON")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("coachkit")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "(not installed)"


def meant(args: argparse.Namespace, extras: list[str]) -> str:
    """The hint after unknown options: '. Did you mean: --scorer?' for '--scoer'."""
    parser = getattr(args, "parser", None)
    if not isinstance(parser, _Parser):
        return ""
    # An option the command knows, left over: written before the command's name
    # (`coachkit --json history`), where only --help and --version go.
    early = [e for e in extras if e.split("=", 1)[0] in parser._option_string_actions]
    if early:
        return f". Give options after the command: `{parser.prog} {' '.join(early)}`"
    meant = [m for e in extras if e.startswith("--") and (m := parser.close_option(e))]
    if not meant:
        return parser.bare_hint(extras)
    return f". Did you mean: {', '.join(dict.fromkeys(meant))}?"
