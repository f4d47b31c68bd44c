"""The ``coachkit`` command: a thin layer over the Python API.

Exit codes: 0 ok; 1 problems found by `questions --check`; 2 bad input or usage;
3 scoring or provider failure; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import os
import re
import shlex
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from . import paths
from .bank import QuestionBank, question_files
from .coach import MIN_ID_PREFIX, Coach
from .config import (
    LOCAL,
    OFFLINE_MEANWHILE,
    Config,
    PracticeSettings,
    config_without_environment,
    load_config,
)
from .errors import (
    BadInputError,
    CoachkitError,
    ConfigError,
    EmptyAnswerError,
    NotSavedError,
    ProviderError,
    ScoringError,
    StoreError,
    UnknownQuestionError,
)
from .models import ANY_ROLE, CATEGORIES, DIMENSIONS, SHORT_ID, Attempt, Question, short_ids
from .rubric import OFFLINE_LIMIT, band_name, flag_explanation
from .store import AttemptsRead
from .yamlpos import undecodable

if TYPE_CHECKING:
    from .llm import CheckResult, DriftReport, Stability

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_SCORING = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
# Provider failures about the answer's size: another try with the same profile fails too.
_SIZE_KINDS = frozenset({"too_long", "context_window", "too_large"})

Handler = Callable[[argparse.Namespace, TextIO], int]


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 like other bad input, and an
    option must be written whole: "--q" is refused, not taken for "--question", so an
    option added later never changes what a script's shorthand meant."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise BadInputError(f"{message}{self._close_choice(message)} (see `{self.prog} --help`)")

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


CHART_SUFFIXES = (".png", ".svg", ".pdf")


def _output_path(name: str, suffixes: Sequence[str] = (), example: str = "out") -> Path:
    """Check a file to write before any work is done: its folder exists, it is no folder,
    device or pipe (a symlink is fine: its target is written). ``example`` is a file name
    to suggest."""
    if not name.strip():
        raise BadInputError(f"The file name to write is empty: give one, e.g. {example}.")
    path = Path(name)
    paths.output_file(path, example)
    if not path.parent.is_dir():
        raise BadInputError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    if suffixes and path.suffix.lower() not in suffixes:
        # ".png" alone is a name with no suffix: suggest a whole name, not ".png.png".
        named = path.stem and not path.name.startswith(".")
        better = path.with_suffix(suffixes[0]) if named else path.parent / example
        raise BadInputError(
            f"Cannot write a chart to {path}: name a {', '.join(suffixes)} file, e.g. {better}."
        )
    return path


def _print_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


# -- commands ------------------------------------------------------------------
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
        raise BadInputError(f"{exc}{_left_out(bank)}") from None
    return bank.filter(category=args.category, role=_role(args.role), tag=args.tag)


def _left_out(bank: QuestionBank, question_id: str | None = None) -> str:
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


def _role(role: str | None) -> str | None:
    """The role to filter by: ``any`` is every role, as in ``practice.role``."""
    return None if role == ANY_ROLE else role


def _bank(coach: Coach | None = None) -> QuestionBank:
    """The bank (the coach's, or loaded afresh), after a warning on stderr about each
    problem in the user's question files: those are left out, the rest works."""
    bank = QuestionBank.load() if coach is None else coach.bank
    for problem in bank.problems:
        _stderr(f"coachkit: warning: {problem.note}\n")
    if bank.problems:
        _stderr(f"coachkit: warning: {bank.advice()}\n")
    return bank


def _check_questions(args: argparse.Namespace, out: TextIO) -> int:
    """Every problem in the user's question files (not only the first); exit 1 if any."""
    if args.category or args.role or args.tag:
        raise BadInputError("--check reads every file: give it no --category, --role or --tag.")
    folder = paths.user_questions_dir()
    files = question_files(folder)
    bank = QuestionBank.load()  # a broken bundled file raises: a broken install
    problems = bank.problems
    if args.json:
        _print_json([{**asdict(p), "message": str(p)} for p in problems], out)
    else:
        out.write("".join(f"{problem}\n" for problem in problems))
    if any(p.left_out == "folder" for p in problems):
        _stderr(
            f"coachkit: the questions folder {folder} cannot be read: fix it, then run "
            "`coachkit questions --check` again.\n"
        )
        return EXIT_PROBLEMS
    if problems:
        bad = len({p.path for p in problems})
        _stderr(
            f"coachkit: {len(problems)} problem{'' if len(problems) == 1 else 's'} in {bad} of "
            f"{len(files)} file{'' if len(files) == 1 else 's'} in {folder}: fix "
            f"{'it' if len(problems) == 1 else 'each one'}, then run "
            "`coachkit questions --check` again.\n"
        )
        return EXIT_PROBLEMS
    if not args.json:
        if files:
            out.write(
                f"{len(files)} file{'' if len(files) == 1 else 's'} in {folder}: no problems "
                f"({len(bank)} questions in the bank).\n"
            )
        else:
            out.write(f"No question files in {folder}: nothing to check.\n")
    return EXIT_OK


def _questions(args: argparse.Namespace, out: TextIO) -> int:
    if args.check:
        return _check_questions(args, out)
    found = _filtered(_bank(), args)
    if args.json:
        _print_json([q.model_dump(mode="json") for q in found], out)
        return EXIT_OK
    width = max((len(q.id) for q in found), default=10)
    for q in found:
        out.write(f"{q.id:<{width}}  {q.category:<13}  {' '.join(q.prompt.split())}\n")
    if not found:
        out.write("No questions match those filters.\n")
    return EXIT_OK


def _next(args: argparse.Namespace, out: TextIO) -> int:
    from .schedule import Schedule

    coach = Coach()
    bank = _bank(coach)
    from_config = args.role is None
    if from_config:
        args.role = coach.role  # the role you practise for (practice.role), if any
        problem = coach.role_problem()
        if problem:
            _stderr(f"coachkit: warning: {problem}\n")
    found = _filtered(bank, args)
    try:
        practice = coach.config.practice
    except ConfigError as exc:
        # Picking a question scores nothing: a broken config (the coach's, perhaps) must
        # not stop practice, as it does not in the notebooks. Say what is wrong.
        files = config_without_environment()
        if files is not None:  # the files are fine: the environment is not
            _stderr(
                f"coachkit: warning: {exc}\ncoachkit: warning: fix or unset {files[1]} (an "
                "environment variable; the config itself is fine, and its practice plan "
                "applies).\n"
            )
            practice = files[0].practice
        else:
            _stderr(
                f"coachkit: warning: {exc}\ncoachkit: warning: until it is fixed, the "
                "practice plan's defaults apply (every role, "
                f"{PracticeSettings().new_per_day} new questions a day, no interview date).\n"
            )
            practice = PracticeSettings()
    today = datetime.now().astimezone().date()
    if practice.interview_date is not None and practice.interview_date < today:
        # The schedule leaves a past date out: say so, or the plan quietly changes.
        _stderr(
            f"coachkit: warning: practice.interview_date in your config, "
            f"{practice.interview_date:%d %b %Y}, has passed, so it is left out of the plan: "
            "set your next interview's date, or remove it.\n"
        )
    if not from_config:  # the role asked for comes first, as practice.role's would
        practice = practice.model_copy(update={"role": _role(args.role)})
    schedule = Schedule(_readable(coach.read_history()), practice)
    suggestion = schedule.suggest(found)
    plan = schedule.plan(found)
    if args.json:
        _print_json(
            {
                "question_id": suggestion.question.id if suggestion else None,
                "prompt": " ".join(suggestion.question.prompt.split()) if suggestion else None,
                "reason": suggestion.reason if suggestion else None,
                "role": _role(args.role),
                **asdict(plan),
            },
            out,
        )
        return EXIT_OK
    role = ""
    if from_config and args.role:
        role = f"For your role, {args.role} (practice.role in your config; --role picks another).\n"
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


def _read_answer(args: argparse.Namespace) -> str:
    if args.answer_file is not None:  # '' too (an unset variable): never stdin instead
        if not args.answer_file.strip():
            raise BadInputError(
                "No answer file named: give the path of a UTF-8 text file, or pipe the answer in."
            )
        try:
            # Bytes decoded, not read as text: its line ends are kept as typed ('\r\n'),
            # as an answer piped in keeps them.
            return Path(args.answer_file).read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line, problem = undecodable(exc)
            raise BadInputError(f"{args.answer_file}:{line}: {problem}, and try again.") from None
        except OSError as exc:
            raise BadInputError(
                f"Cannot read {args.answer_file} ({paths.os_reason(exc)}): check the path."
            ) from None
    if sys.stdin is None or sys.stdin.isatty():
        raise BadInputError(
            "No answer given: pipe it in (echo '...' | coachkit score ID) or use --answer-file."
        )
    raw = getattr(sys.stdin, "buffer", None)
    if raw is None:  # a text stream with no bytes underneath (tests, some embedders)
        return sys.stdin.read()
    data = raw.read()
    try:
        return str(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        # Read strictly, as --answer-file is: an answer is never scored (or paid for)
        # with characters it does not contain.
        line, _ = undecodable(exc)
        # The byte from exc.object: past a BOM, exc.start counts from after it.
        raise BadInputError(
            f"The answer on stdin is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} on line "
            f"{line}): send it as UTF-8 (save the file as UTF-8, or set your terminal to "
            "UTF-8) and try again."
        ) from None


def _read_audio(coach: Coach, name: str) -> str:
    """A recording's text, by the config's transcriber (nothing is saved)."""
    if not name.strip():
        raise BadInputError("No recording named: give the path of an audio file.")
    path = Path(name)
    try:
        audio = path.read_bytes()
    except OSError as exc:
        raise BadInputError(f"Cannot read {name}: {exc.strerror or exc}.") from None
    return coach.transcribe(audio, path.name)


def _transcribe(args: argparse.Namespace, out: TextIO) -> int:
    coach = Coach(config=load_config(transcriber=args.transcriber))
    out.write(_read_audio(coach, args.file) + "\n")
    return EXIT_OK


def _config_or_defaults(scorer: str | None) -> Config:
    """The config, or with a mistake in it (a date typo in the coach's file, perhaps) and
    no LLM profile asked for, the defaults, as the notebooks carry on: the offline scorer
    needs nothing from the file. A profile asked for by name needs the file fixed."""
    try:
        return load_config(scorer=scorer)
    except ConfigError as exc:
        if scorer not in (None, LOCAL):
            raise
        files = config_without_environment()
        if files is not None:  # the files are fine: the environment is not
            _stderr(
                f"coachkit: warning: {exc}\ncoachkit: warning: until {files[1]} (an "
                "environment variable) is fixed or unset, answers are scored by the offline "
                "scorer (local); the config itself is fine, and your practice is saved as "
                "usual.\n"
            )
            return files[0].model_copy(update={"scorer": LOCAL})
        _stderr(f"coachkit: warning: {exc}\ncoachkit: warning: {OFFLINE_MEANWHILE}\n")
        return Config()


def _score(args: argparse.Namespace, out: TextIO) -> int:
    if args.answer_file == "-":  # the usual name for stdin: not a file that keeps the answer
        args.answer_file = None
    if args.audio is not None and args.answer_file is not None:
        raise BadInputError("Give the answer once: --audio or --answer-file, not both.")
    coach = Coach(config=_config_or_defaults(args.scorer))
    question = _bank(coach).get(args.question_id)  # bad id fails before reading stdin
    answer = _read_audio(coach, args.audio) if args.audio is not None else _read_answer(args)
    if args.audio:  # the text scored is the transcript: show it (stderr keeps --json clean)
        transcript = f"Transcript of {Path(args.audio).name}:\n{answer}\n\n"
        # On stderr as every note is: escaped, and nowhere when it is closed (2>&-).
        if args.json:
            _stderr(transcript)
        else:
            out.write(transcript)
    stability = None
    try:
        if args.repeat is not None:  # a bare --repeat takes k from the config (llm.repeats)
            k = args.repeat or coach.config.llm.repeats
            attempt, stability = _score_repeated(coach, question, answer, k)
        else:
            attempt = coach.submit(question.id, answer, save=False)
    except (ScoringError, StoreError) as exc:  # a store error here: the LLM's cache or budget
        if args.answer_file:  # the answer is safe in its file already
            raise
        # Too long for this model: the same command would fail the same way.
        repeats = isinstance(exc, ProviderError) and exc.kind in _SIZE_KINDS
        scorer = LOCAL if repeats else args.scorer
        return _keep_unscored(question.id, answer, str(exc), exc.exit_code, scorer)
    except KeyboardInterrupt as exc:
        if args.repeat is not None:
            _show_runs_finished(args, exc, out)
        if args.answer_file:
            raise
        return _keep_unscored(question.id, answer, "interrupted.", EXIT_INTERRUPTED, args.scorer)
    unsaved: StoreError | None = None
    if not args.no_save:
        try:
            coach.save(attempt)
        except NotSavedError as exc:  # busy, read-only, damaged: show the card, keep the answer
            unsaved = exc.cause
    _show_card(args, question, attempt, stability, out, saved=not args.no_save and not unsaved)
    if unsaved is None:
        if args.answer_file and not args.no_save:
            _forget_kept_copy(args.answer_file)
        return EXIT_OK
    problem = f"{unsaved} The score above was not saved."
    if args.answer_file:
        _stderr(f"coachkit: {problem} Your answer is still in {args.answer_file}.\n")
        return unsaved.exit_code
    return _keep_unscored(question.id, answer, problem, unsaved.exit_code, args.scorer)


def _show_card(
    args: argparse.Namespace,
    question: Question,
    attempt: Attempt,
    stability: Stability | None,
    out: TextIO,
    *,
    saved: bool,
) -> None:
    card = attempt.card
    if args.json:
        out.write(card.model_dump_json(indent=2) + "\n")
        return
    # An offline card (no model behind it) says what it cannot tell, as the notebook's does.
    limit = f"; {OFFLINE_LIMIT}" if card.model is None else ""
    out.write(
        f"{question.prompt.strip()}\n\nOverall: {card.overall}/100  "
        f"(scorer: {card.scorer}{limit})\n"
    )
    if card.stood_in:  # at once, not after the rebuild: this is not the scorer asked for
        out.write(f"Note: {card.stood_in}\n")
    if stability is not None:
        runs = "1 run" if stability.k == 1 else f"{stability.k} runs"
        out.write(f"\nStability over {runs}:\n{stability.table()}\n\n")
    for dimension in DIMENSIONS:
        part = card.dimensions[dimension]
        out.write(f"  {dimension.title():<10} {part.score}/5 {band_name(part.score):<10}")
        out.write(f" {part.feedback}\n")
    covered = [k for k in card.keypoints if k.covered]
    if card.keypoints:
        out.write(f"\nKey points covered: {len(covered)}/{len(card.keypoints)}\n")
        for k in card.keypoints:
            out.write(f"  [{'x' if k.covered else ' '}] {k.point}\n")
        if card.scorer == "local" and len(covered) < len(card.keypoints):
            out.write(
                "  (the offline scorer matches words; if you made a point in other words,"
                " state it more directly)\n"
            )
    if card.flags:
        out.write(
            "\nFlags:\n"
            + "".join(f"  - {flag}: {flag_explanation(flag, question)}\n" for flag in card.flags)
        )
    tips = card.further_tips()  # the feedback lines above already gave the rest
    if tips:
        out.write("\nTips:\n" + "".join(f"  - {tip}\n" for tip in tips))
    if card.rebuilt:
        out.write("\nRebuilt answer:\n")
        out.write("".join(f"  {line.dimension[0].upper()}  {line.text}\n" for line in card.rebuilt))
    for note in card.notes:
        if note != card.stood_in:
            out.write(f"\nNote: {note}\n")
    if saved:
        out.write(f"\nSaved as attempt {attempt.id}.\n")


def _keep_unscored(
    question_id: str, answer: str, problem: str, code: int, scorer: str | None = None
) -> int:
    """Scoring or saving failed on an answer that exists nowhere else: keep it, say where."""
    folder = paths.unscored_dir()
    try:
        path = _new_unscored_file(folder, question_id, answer)
    except OSError as error:
        # Said plainly, and the answer is not echoed back: it may be a megabyte.
        kept = (
            f"Your answer could not be kept ({error.strerror or error}: {folder}); it is not "
            "saved anywhere, so keep your own copy."
        )
    else:
        kept = (
            f"Your answer is saved in {path}: score it again with "
            f"`coachkit score {question_id} --answer-file {shlex.quote(str(path))}"
            # the scorer the user chose, not the config's default
            + (f" --scorer {shlex.quote(scorer)}" if scorer else "")
            + "`."
        )
    _stderr(f"coachkit: {problem} {kept}\n")  # still one line, as every error
    return code


def _forget_kept_copy(name: str) -> None:
    """Once its answer is saved, remove a copy ``_keep_unscored`` kept, so the copies
    left there are the answers still waiting. Only a regular file directly in this
    COACHKIT_HOME's unscored/ folder is removed; the note goes to stderr (--json)."""
    path = Path(name).absolute()
    try:
        kept = path.parent.resolve() == paths.unscored_dir().resolve()
        if not kept or path.is_symlink() or not path.is_file():
            return
        path.unlink()
    except OSError as error:
        _stderr(
            f"coachkit: your answer is saved, but its kept copy {path} could not be removed "
            f"({error.strerror or error}); delete it yourself.\n"
        )
        return
    _stderr(f"coachkit: your answer is saved, so its kept copy {path} was removed.\n")


def _new_unscored_file(folder: Path, question_id: str, answer: str) -> Path:
    """Write ``answer`` to a file of its own under ``folder``.

    Created exclusively: two failures in the same second (two terminals, a script)
    get two files, never one overwriting the other. Readable by the user alone (0600),
    as an export is: it is an answer.
    """
    paths.make_private_dirs(folder)
    stamp = f"{question_id}-{datetime.now():%Y%m%d-%H%M%S}"
    number = 1
    while True:
        path = folder / (f"{stamp}.txt" if number == 1 else f"{stamp}-{number}.txt")
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            handle = open(descriptor, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except FileExistsError:
            number += 1
            continue
        try:
            with handle:
                handle.write(answer)
        except BaseException:
            path.unlink(missing_ok=True)  # a half-written copy would pass for the answer
            raise
        return path


def _score_repeated(
    coach: Coach, question: Question, answer: str, k: int
) -> tuple[Attempt, Stability]:
    """Score k times afresh, without fallback (a mix of scorers has no meaningful spread)."""
    from .llm import score_repeated
    from .scoring.registry import make_scorer

    if not answer.strip():
        raise EmptyAnswerError()
    name = coach.config.scorer
    store = None if name == LOCAL else coach.store
    scorer = make_scorer(name, coach.config, store=store, fallback=False)
    stability = score_repeated(scorer, question, answer, k)
    attempt = Attempt(
        question_id=question.id, category=question.category, answer=answer, card=stability.card
    )
    return attempt, stability  # saved by the caller, which keeps the answer if that fails


def _show_runs_finished(args: argparse.Namespace, exc: KeyboardInterrupt, out: TextIO) -> None:
    """The runs of ``--repeat`` that finished before Ctrl-C: paid for, so shown (not saved)."""
    from .llm.stability import RepeatInterrupted

    stability = exc.stability if isinstance(exc, RepeatInterrupted) else None
    if stability is None:
        return
    shown = f"Stability over the {stability.k} runs that finished:\n{stability.table()}\n"
    if args.json:  # stdout holds JSON only, and a command that fails prints none
        _stderr(shown)
    else:
        out.write(f"{shown}Not saved.\n")


def _readable(read: AttemptsRead) -> list[Attempt]:
    """The attempts that could be read; a warning on stderr about any that could not."""
    if read.warning:
        _stderr(f"coachkit: warning: {read.warning}\n")
    return read.attempts


def _history(args: argparse.Namespace, out: TextIO) -> int:
    coach = Coach()
    attempts = _readable(coach.read_history(args.question))
    if args.question and not attempts:
        coach.question(args.question)  # no attempts: a typo? (imported ones need no question)
    if args.json:
        _print_json([a.model_dump(mode="json") for a in attempts], out)
        return EXIT_OK
    if not attempts:
        # Where it looked: a mistyped COACHKIT_HOME shows here as an empty history.
        out.write(
            f"No attempts yet in {paths.home()}: score an answer with "
            "`coachkit score QUESTION_ID`.\n"
        )
    # Unique among all attempts, not just those listed: `coachkit delete` looks in all.
    everyone = coach.read_history().attempts if args.question else attempts
    shown = short_ids([a.id for a in everyone])
    width = max((len(shown[a.id]) for a in attempts), default=SHORT_ID)
    for a in attempts:
        out.write(_attempt_line(a, shown[a.id], width))
    return EXIT_OK


def _attempt_line(a: Attempt, ident: str, width: int) -> str:
    """One attempt as ``coachkit history`` lists it, the start of its id that names it
    (``coachkit delete`` takes it) first."""
    scores = " ".join(f"{d[0].upper()}{a.card.score(d)}" for d in DIMENSIONS)
    flag = "  [flagged]" if a.card.flagged else ""
    return (
        f"{ident:<{width}}  {a.created_at.astimezone():%Y-%m-%d %H:%M}  "
        f"{a.question_id:<32} {a.card.overall:>3}/100  {scores}  {a.card.scorer}{flag}\n"
    )


def _delete(args: argparse.Namespace, out: TextIO) -> int:
    deleted = Coach().delete_attempts(args.ids)
    if args.json:
        _print_json(
            {
                "deleted": [a.model_dump(mode="json") for a in deleted.attempts],
                "count": deleted.count,
                "cached_scores": deleted.cached_scores,
                "kept_copies": deleted.kept_copies,
            },
            out,
        )
        return EXIT_OK
    shown = short_ids([a.id for a in deleted.attempts])
    width = max((len(s) for s in shown.values()), default=SHORT_ID)
    for attempt in deleted.attempts:
        out.write(_attempt_line(attempt, shown[attempt.id], width))
    also = [
        _count(deleted.cached_scores, "cached LLM score"),
        _count(deleted.kept_copies, "copy kept in unscored/", "copies kept in unscored/"),
    ]
    with_them = " and ".join(part for part in also if part)
    out.write(
        f"Deleted {_count(deleted.count, 'attempt')}"
        f"{f' (with {with_them})' if with_them else ''}, for good.\n"
    )
    reports = paths.reports_dir()
    if reports.is_dir() and any(reports.iterdir()):
        out.write(f"Mock reports you saved are files of their own, in {reports}.\n")
    return EXIT_OK


def _count(number: int, one: str, many: str | None = None) -> str:
    """``1 attempt``, ``2 attempts``; "" for none."""
    if not number:
        return ""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def _many(number: int, noun: str) -> str:
    """``0 attempts``, ``1 attempt``, ``2 attempts``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _progress(args: argparse.Namespace, out: TextIO) -> int:
    from .chartnotes import heatmap_note, trends_note
    from .charts import progress_report, save
    from .progress import charted

    path = _output_path(args.out, CHART_SUFFIXES, example="progress.png")
    coach = Coach()
    frame = coach.progress(_readable(coach.read_history()))
    drawn = len(charted(frame)) if len(frame) else 0
    # The chart in words, in the file and on the terminal: its exact numbers, readable
    # without the picture.
    notes = [trends_note(frame, args.window), heatmap_note(frame)] if drawn else []
    report = progress_report(frame, window=args.window)
    path = save(report, path, description=" ".join(notes) or None)
    left = f"; {len(frame) - drawn} flagged, left out" if drawn < len(frame) else ""
    out.write(f"Wrote {path} ({_many(drawn, 'attempt')}{left}).\n")
    out.writelines(f"{note}\n" for note in notes)
    return EXIT_OK


def _export(args: argparse.Namespace, out: TextIO) -> int:
    path = _output_path(args.out, example="attempts.jsonl")
    read = Coach().export_attempts(path, force=args.force)
    _readable(read)
    out.write(f"Exported {_many(len(read.attempts), 'attempt')} to {path}.\n")
    return EXIT_OK


def _import(args: argparse.Namespace, out: TextIO) -> int:
    coach = Coach()
    result = coach.import_attempts(args.file)
    repaired = (
        f"; {_many(result.repaired, 'unreadable saved attempt')} restored from the file"
        if result.repaired
        else ""
    )
    repeated = (
        f"; {_many(result.repeated, 'line')} repeated in the file, read once"
        if result.repeated
        else ""
    )
    out.write(
        f"Imported {_many(result.added, 'new attempt')} ({result.present} already present"
        f"{repeated}{repaired}).\n"
    )
    # Kept as they are (they are the user's), but say why they cannot be practised again.
    unknown = sorted({a.question_id for a in coach.history()} - {q.id for q in _bank(coach)})
    if unknown:
        shown = ", ".join(unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        _stderr(
            f"coachkit: warning: your history has attempts at {len(unknown)} question(s) not "
            f"in your bank ({shown}); add their YAML to {paths.user_questions_dir()} to "
            "practise or rescore them.\n"
        )
    return EXIT_OK


def _config_show(args: argparse.Namespace, out: TextIO) -> int:
    import yaml

    config = load_config()
    source = config.source or f"no config file at {paths.config_path()}: defaults"
    own = paths.personal_config_path()  # over a shared file: named before its first save too
    if own is not None:
        created = "" if config.personal else " (not created yet)"
        source += f", with your own settings {own} over it{created}"
    out.write(f"# {source}\n")
    out.write(yaml.safe_dump(config.shown(), sort_keys=False))
    return EXIT_OK


def _config_check(args: argparse.Namespace, out: TextIO) -> int:
    from .llm import check_profile

    config = load_config()
    names = [args.name] if args.name else [e.model_name for e in config.model_list]
    if not names:
        if args.json:
            _print_json([], out)
        else:
            out.write("Only the offline scorer is configured: nothing to check.\n")
        return EXIT_OK
    for name in names:
        config.check_name(name, scoring=False)  # unknown names fail before anything is sent
    coach = Coach(config=config)
    results = [check_profile(config, name, store=coach.store) for name in names]
    if args.json:
        _print_json([asdict(r) for r in results], out)
    else:
        out.write("".join(f"{r.line()}\n" for r in results))
    failed = [r for r in results if not r.ok]
    if failed:
        _stderr(f"coachkit: {_check_failures(failed, len(results), as_json=args.json)}\n")
        return EXIT_SCORING
    return EXIT_OK


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


def _usage(args: argparse.Namespace, out: TextIO) -> int:
    import time

    from .llm import BudgetGate, UsageLog, usage_table

    config = load_config()
    store = Coach(config=config).store
    log = UsageLog(store)
    budget = BudgetGate(store, config.budget, log)
    # A database not created yet reads as empty, and is not created: a reading command
    # leaves no files behind. The budget is then the config's, all of it unspent.
    if not paths.db_path().exists():
        if args.json:
            _print_json([], out)
        else:
            out.write(f"No LLM calls logged yet.\n\nBudget: {budget.describe()}\n")
        return EXIT_OK
    now = time.time()
    # More days than the clock has (--days 1000000) is all of it, not a date before year 1.
    since = now - args.days * 86400 if args.days and args.days * 86400 < now else None
    rows = log.summary(since)
    if args.json:
        _print_json([asdict(r) for r in rows], out)
        return EXIT_OK
    period = (
        "all time"
        if since is None
        else "the last day"
        if args.days == 1
        else (f"the last {args.days} days")
    )
    out.write(f"LLM usage, {period}:\n{usage_table(rows)}\n")
    out.write(f"\nBudget: {budget.describe()}\n")
    return EXIT_OK


def _rescore(args: argparse.Namespace, out: TextIO) -> int:
    from .llm import rescore
    from .llm.drift import RescoreInterrupted
    from .scoring.registry import make_scorer

    config = load_config()
    config.check_name(args.scorer)
    coach = Coach(config=config)
    attempts = _readable(coach.read_history(args.question))
    if args.question:
        _rescorable(coach, args.question, len(attempts))
    if not attempts:
        if args.json:
            _print_json(
                {"scorer": args.scorer, "mean_change": None, "rows": [], "skipped": []}, out
            )
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
            _bank(coach),
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
        first = report.failed[0]
        _stderr(
            f"coachkit: {len(report.failed)} of {len(report.rows)} attempts could not be "
            f"rescored ({first.error})\n"
        )
        return EXIT_SCORING
    return EXIT_OK


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
        _print_json(
            {
                "scorer": report.scorer,
                "mean_change": mean_change,
                "rows": rows,
                "skipped": skipped,
            },
            out,
        )
        if report.skipped:  # the text output's note, where notes go with --json
            _stderr(f"coachkit: {report.skipped_note()}\n")
    else:
        out.write(report.table() + "\n")


# -- wiring --------------------------------------------------------------------
def _command(sub: Any, name: str, summary: str, handler: Handler | None = None) -> Any:
    """A subcommand whose --help opens with the same line the command list shows."""
    parser = sub.add_parser(name, help=summary, description=summary[0].upper() + summary[1:] + ".")
    if handler is not None:
        parser.set_defaults(handler=handler, parser=parser)
    return parser


def _filters(p: argparse.ArgumentParser, role: str = "") -> None:
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--category", choices=CATEGORIES, help="only this category")
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

    p = _command(sub, "questions", "list the question bank", _questions)
    _filters(p)
    p.add_argument(
        "--check",
        action="store_true",
        help="check your own question files (in $COACHKIT_HOME/questions): list every "
        "problem, exit 1 if any",
    )
    _filters(
        _command(sub, "next", "what to practise next (spaced repetition), and today's load", _next),
        role=" (default: practice.role in your config)",
    )

    p = _command(sub, "score", "score an answer, read from stdin, --answer-file or --audio", _score)
    p.add_argument("question_id", metavar="QUESTION_ID", help="see `coachkit questions`")
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
    p.add_argument("--no-save", action="store_true", help="do not record the attempt")
    p.add_argument(
        "--repeat",
        type=_positive,
        nargs="?",
        const=0,
        metavar="K",
        help="score K times afresh (default: llm.repeats) and show mean and spread",
    )

    p = _command(
        sub, "transcribe", "print a recorded answer as text (needs `transcriber:`)", _transcribe
    )
    p.add_argument("file", metavar="FILE", help="a recording: m4a, mp3, wav, webm, ogg, flac ...")
    p.add_argument("--transcriber", metavar="NAME", help="profile name (default: `transcriber:`)")

    p = _command(sub, "history", "list saved attempts, oldest first", _history)
    p.add_argument("--json", action="store_true", help="print the attempts as JSON")
    p.add_argument(
        "--question", metavar="ID", type=_question_id, help="only attempts at this question"
    )

    p = _command(sub, "delete", "delete saved attempts for good (ids from `history`)", _delete)
    p.add_argument("--json", action="store_true", help="print what was deleted as JSON")
    p.add_argument(
        "ids",
        nargs="+",
        metavar="ID",
        help=f"an attempt's id, or its first {MIN_ID_PREFIX} or more characters",
    )

    p = _command(sub, "progress", "write a progress chart (PNG, SVG or PDF)", _progress)
    p.add_argument("--out", required=True, metavar="chart.png", help="the file to write")
    p.add_argument(
        "--window",
        type=_positive,
        default=5,
        metavar="N",
        help="rolling-mean window in attempts (default 5)",
    )

    p = _command(sub, "export", "write all attempts as JSON Lines (a backup)", _export)
    p.add_argument("--out", required=True, metavar="attempts.jsonl", help="the file to write")
    p.add_argument(
        "--force",
        action="store_true",
        help="replace --out even if it is not an export, or holds attempts this one does not",
    )

    p = _command(sub, "import", "add attempts from a JSON Lines export", _import)
    p.add_argument("file", metavar="attempts.jsonl", help="a file written by `coachkit export`")

    p = _command(sub, "config", "show or check the configuration")
    config_sub = p.add_subparsers(
        dest="config_command", required=True, parser_class=_Parser, metavar="show|check"
    )
    _command(config_sub, "show", "print the resolved config, secrets masked", _config_show)
    c = _command(config_sub, "check", "send one tiny request to a profile (or all)", _config_check)
    c.add_argument("name", nargs="?", metavar="NAME", help="profile name (default: every one)")
    c.add_argument("--json", action="store_true", help="print the results as JSON")

    p = _command(sub, "usage", "summarise LLM calls: tokens, cost, latency, budget", _usage)
    p.add_argument(
        "--json", action="store_true", help="print the per-profile rows as JSON (not the budget)"
    )
    p.add_argument(
        "--days", type=_positive, metavar="N", help="only the last N days (default: all time)"
    )

    p = _command(sub, "rescore", "re-score past attempts with another profile: drift", _rescore)
    p.add_argument("--scorer", required=True, metavar="NAME", help="profile to rescore with")
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


# Control characters an answer, an imported id or a provider's message may hold: printed
# raw, an escape sequence recolours or clears the terminal, or fakes lines of output. They
# are shown as escapes ("\u001b"), which JSON output reads back as the same characters.
_CONTROLS = {
    code: f"\\u{code:04x}"
    for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))
    if code not in (9, 10)
}


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline shown as an escape."""
    return text.translate(_CONTROLS)


def _escape(char: str) -> str:
    """``char`` as a JSON escape (``\\u2026``); past U+FFFF, as its UTF-16 surrogate pair."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _encodable(text: str, encoding: str) -> str:
    """``text`` with each character ``encoding`` cannot write shown as an escape."""
    return "".join(c if c.encode(encoding, "ignore") else _escape(c) for c in text)


class _Printable(io.TextIOBase):
    """``stream``, with control characters written as escapes (see ``printable``), and
    characters its encoding lacks too: a terminal under LANG=C or a Latin-1 console shows
    a card's '…' as ``\\u2026`` instead of stopping with a traceback, and --json stays
    JSON that reads back the same text."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        shown = printable(text)
        try:
            self._stream.write(shown)
        except UnicodeEncodeError:  # raised before a byte is written: nothing is doubled
            self._stream.write(_encodable(shown, self._stream.encoding or "utf-8"))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


def _stderr(text: str) -> None:
    if sys.stderr is not None:  # closed (2>&-): the exit code still says what happened
        sys.stderr.write(printable(text))


def _meant(args: argparse.Namespace, extras: list[str]) -> str:
    """The hint after unknown options: '. Did you mean: --scorer?' for '--scoer'."""
    parser = getattr(args, "parser", None)
    if not isinstance(parser, _Parser):
        return ""
    meant = [m for e in extras if e.startswith("--") and (m := parser.close_option(e))]
    return f". Did you mean: {', '.join(dict.fromkeys(meant))}?" if meant else ""


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit code (``console_scripts`` passes it to sys.exit)."""
    stream = out or sys.stdout
    if stream is None:  # closed (>&-): say so before anything is scored or saved
        _stderr(
            "coachkit: standard output is closed, so nothing could be shown: run the "
            "command again with it open (or sent to a file: > out.txt).\n"
        )
        return EXIT_BAD_INPUT
    out = cast(TextIO, _Printable(stream))
    try:
        args, extras = build_parser().parse_known_args(argv)
        if extras:  # point at the help of the command that was run, not the top level
            command = " ".join(filter(None, (args.command, getattr(args, "config_command", None))))
            raise BadInputError(
                f"unrecognized arguments: {' '.join(extras)}{_meant(args, extras)} "
                f"(see `coachkit {command} --help`)"
            )
        handler: Handler = args.handler
        return handler(args, out)
    except UnknownQuestionError as exc:
        _stderr(f"coachkit: {exc}{_left_out(QuestionBank.load(), exc.question_id)}\n")
        return exc.exit_code
    except CoachkitError as exc:
        _stderr(f"coachkit: {exc}\n")
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`coachkit questions | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a path that cannot be used: COACHKIT_HOME a file, a full disk
        where = f" {exc.filename}" if exc.filename else ""
        _stderr(
            f"coachkit: cannot use{where}: {exc.strerror or exc}. Check the path "
            "(and COACHKIT_HOME, where your data lives).\n"
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _log_cut_calls()
        _stderr("coachkit: interrupted\n")
        return EXIT_INTERRUPTED


def _log_cut_calls() -> None:
    """Log the requests other threads still wait on (a rescore's), which this process
    leaves unanswered as it exits: they were sent, and the provider may bill them. The
    hourly scores of those threads' scores are given back: none of them finished."""
    client = sys.modules.get("coachkit.llm.client")  # none without an LLM call: no import
    if client is not None:
        client.abandon_open_calls()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
