"""``coachkit score`` and ``coachkit transcribe``: the answer read (from stdin, a file or
a recording), scored once or ``--repeat`` times, and saved."""

from __future__ import annotations

import argparse
import os
import select
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import paths
from ..coach import Coach
from ..config import LOCAL, OFFLINE_MEANWHILE, Config, config_without_environment, load_config
from ..errors import (
    AudioFileError,
    BadInputError,
    ConfigError,
    CorruptDatabaseError,
    EmptyAnswerError,
    NotSavedError,
    ProviderError,
    ScoringError,
    StoreError,
)
from ..models import Attempt, Question
from ..scoring.text import clean
from ..sigint import held_off
from ..yamlpos import undecodable
from .card import show_card
from .exits import EXIT_INTERRUPTED, EXIT_OK
from .loading import (
    WRITE_RISK,
    config_but_the_scorer,
    question_bank,
    refuse_writes,
    said_set_aside,
)
from .output import stderr, warn
from .unscored import NO_SAVE, forget_kept_copy, keep_unscored, still_kept

if TYPE_CHECKING:
    from ..llm import Stability

__all__ = ["score_command", "transcribe_command"]

# What a recording not transcribed beside a damaged database says (its text is the answer).
_NOT_TRANSCRIBED = (
    "Nothing was transcribed (a transcription logs its cost in the database; your recording "
    "is as it was)"
)

# How long --audio waits for stdin to say whether it holds an answer too: a shell's pipe
# (echo '...' |) has written by the time coachkit has started; a stdin nobody writes to
# (ssh without -t, an IDE's runner) is never read, so the score does not hang on it.
_STDIN_WAIT = 0.2

# Provider failures about the answer's size: another try with the same profile fails too.
_SIZE_KINDS = frozenset({"too_long", "context_window", "too_large"})


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
            # `coachkit next` ends "Answer it: ... --answer-file answer.txt": run as shown,
            # there is no such file yet, and "check the path" alone did not say to write it.
            first = (
                ", or write your answer in it first (or pipe it in: echo '...' | coachkit "
                f"score {shlex.quote(args.question_id)})"
                if isinstance(exc, FileNotFoundError)
                else ""
            )
            raise BadInputError(
                f"Cannot read {args.answer_file} ({paths.os_reason(exc)}): check the path{first}."
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


def _typed_too() -> bool:
    """Whether stdin holds an answer as well as the recording named by ``--audio``: one
    of the two would be scored and the other dropped without a word. A terminal, an
    empty pipe (``< /dev/null``) or one with nothing written to it yet holds none."""
    stream = sys.stdin
    if stream is None or stream.isatty():
        return False
    try:
        fd = stream.fileno()
    except OSError:  # a stream in memory (tests, embedders): read as the answer would be
        try:
            return bool(stream.read().strip())
        except OSError:  # one that cannot be read (pytest's) holds nothing to drop
            return False
    try:
        ready, _, _ = select.select([fd], [], [], _STDIN_WAIT)
    except (OSError, ValueError):  # not selectable (a Windows pipe): not looked at
        return False
    # One read of what is there, never a wait for more: a blank line is no answer.
    return bool(ready) and bool(os.read(fd, 65536).strip())


def _read_audio(coach: Coach, name: str) -> str:
    """A recording's text, by the config's transcriber (nothing is saved), cleaned as the
    scorer cleans an answer: a provider's control characters (a terminal escape, a
    ``\r``) would otherwise reach ``> answer.txt`` as literal ``\u001b`` text to edit out."""
    if not name.strip():
        raise BadInputError("No recording named: give the path of an audio file.")
    path = Path(name)
    try:
        audio = path.read_bytes()
    except OSError as exc:
        raise BadInputError(
            f"Cannot read {name} ({paths.os_reason(exc)}): check the path."
        ) from None
    text = clean(coach.transcribe(audio, path.name))
    if not text:  # only controls: as the transcriber says of no text at all
        raise AudioFileError(
            f"No speech was heard in {path.name}. Check the recording plays back, then try again."
        )
    return text


def transcribe_command(args: argparse.Namespace, out: TextIO) -> int:
    coach = Coach(config=config_but_the_scorer(args.transcriber))
    refuse_writes(coach, _NOT_TRANSCRIBED)
    out.write(_read_audio(coach, args.file) + "\n")
    return EXIT_OK


def _config_or_defaults(scorer: str | None) -> Config:
    """The config, or with a mistake in it (a date typo in the coach's file, perhaps) and
    no LLM profile asked for, the defaults, as the notebooks carry on: the offline scorer
    needs nothing from the file. A profile asked for by name needs the file fixed."""
    try:
        return said_set_aside(load_config(scorer=scorer))
    except ConfigError as exc:
        if scorer not in (None, LOCAL):
            raise
        files = config_without_environment()
        if files is not None:  # the files are fine: the environment is not
            warn(
                f"{exc}\nuntil {files[1]} (an environment variable) is fixed or unset, "
                "answers are scored by the offline scorer (local); the config itself is "
                "fine, and your practice is saved as usual."
            )
            return files[0].model_copy(update={"scorer": LOCAL})
        warn(f"{exc}\n{OFFLINE_MEANWHILE}")
        return Config()


def score_command(args: argparse.Namespace, out: TextIO) -> int:
    if args.answer_file == "-":  # the usual name for stdin: not a file that keeps the answer
        args.answer_file = None
    if args.audio is not None and args.answer_file is not None:
        raise BadInputError("Give the answer once: --audio or --answer-file, not both.")
    coach = Coach(config=_config_or_defaults(args.scorer))
    question = question_bank(coach).get(args.question_id)  # bad id fails before reading stdin
    damaged = _damaged(args, coach)
    if damaged is not None and args.audio is not None:
        raise CorruptDatabaseError(f"{damaged} {_NOT_TRANSCRIBED}, as {WRITE_RISK}.")
    # Refused before the recording is paid for; a recording not named is said first.
    if args.audio is not None and args.audio.strip() and _typed_too():
        raise BadInputError("Give the answer once: --audio or the answer on stdin, not both.")
    answer = _read_audio(coach, args.audio) if args.audio is not None else _read_answer(args)
    if args.answer_file is not None and not Path(args.answer_file).is_file():
        # A pipe given as a file (--answer-file <(pbpaste), a FIFO) is read once and is
        # empty after: its answer is nowhere else, so it is kept as one piped in is.
        args.answer_file = None
    if args.audio:  # the text scored is the transcript: show it (stderr keeps --json clean)
        transcript = f"Transcript of {Path(args.audio).name}:\n{answer}\n\n"
        # On stderr as every note is: escaped, and nowhere when it is closed (2>&-).
        if args.json:
            stderr(transcript)
        else:
            out.write(transcript)
    stability = None
    try:
        if damaged is not None:  # offline: an LLM profile writes its usage and budget
            attempt = coach.submit(question.id, answer, scorer=LOCAL, save=False)
        elif args.repeat is not None:  # a bare --repeat takes k from the config (llm.repeats)
            k = args.repeat or coach.config.llm.repeats
            attempt, stability = _score_repeated(coach, question, answer, k)
        elif args.no_save:  # nor its card cached: the card quotes the answer
            from ..llm.cache import unremembered

            with unremembered():
                attempt = coach.submit(question.id, answer, save=False)
        else:
            attempt = coach.submit(question.id, answer, save=False)
    except EmptyAnswerError:
        if args.audio is not None:  # its own words: nothing was heard in the recording
            raise
        raise BadInputError(_empty(args)) from None
    except (ScoringError, StoreError) as exc:  # a store error here: the LLM's cache or budget
        if args.answer_file:  # the answer is safe in its file already: nothing more kept
            return _still_in_file(args, str(exc), exc.exit_code)
        # Too long for this model: the same command would fail the same way.
        repeats = isinstance(exc, ProviderError) and exc.kind in _SIZE_KINDS
        scorer = LOCAL if repeats else args.scorer
        again = _asked(args)
        return keep_unscored(question.id, answer, str(exc), exc.exit_code, scorer, again)
    except KeyboardInterrupt as exc:
        if args.repeat is not None:
            _show_runs_finished(args, exc, out)
        interrupted = "interrupted."
        if args.answer_file:  # said as a piped answer's is: where the answer still is
            return _still_in_file(args, interrupted, EXIT_INTERRUPTED)
        return keep_unscored(
            question.id, answer, interrupted, EXIT_INTERRUPTED, args.scorer, _asked(args)
        )
    if damaged is not None:
        show_card(args, question, attempt, None, out, saved=False, failed=not args.no_save)
        return _not_written(args, coach, question, answer, damaged)
    unsaved: StoreError | None = None
    if not args.no_save:
        try:
            coach.save(attempt)
        except NotSavedError as exc:  # busy, read-only, damaged: show the card, keep the answer
            unsaved = exc.cause
        except KeyboardInterrupt:  # Ctrl-C, as the save waits on a busy database (10 s)
            stopped = "interrupted before the score was saved."
            if args.answer_file:
                return _still_in_file(args, stopped, EXIT_INTERRUPTED)
            return keep_unscored(
                question.id, answer, stopped, EXIT_INTERRUPTED, args.scorer, _asked(args)
            )
    show_card(
        args,
        question,
        attempt,
        stability,
        out,
        saved=not args.no_save and not unsaved,
        failed=unsaved is not None,
    )
    if unsaved is None:
        if args.answer_file and not args.no_save:
            forget_kept_copy(args.answer_file)
        elif args.answer_file:
            still_kept(args.answer_file)
        return EXIT_OK
    problem = f"{unsaved} The score above was not saved."
    if args.answer_file:
        return _still_in_file(args, problem, unsaved.exit_code)
    return keep_unscored(question.id, answer, problem, unsaved.exit_code, args.scorer)


def _still_in_file(args: argparse.Namespace, problem: str, code: int) -> int:
    """Scoring or saving an answer read from --answer-file failed or was stopped: say why,
    and that the answer is safe in that file (nothing more is kept)."""
    # Ctrl-C held off: a second one would cut the line short and say "interrupted" again.
    with held_off():
        stderr(f"coachkit: {problem} Your answer is still in {args.answer_file}.\n")
    return code


def _empty(args: argparse.Namespace) -> str:
    """What to do about an empty answer, where it came from (the notebook's message says
    to type it, which a command line offers no place for)."""
    if args.answer_file:
        return (
            f"{args.answer_file} holds no answer (it is empty, or only spaces): write your "
            "answer in it, save it, and try again."
        )
    return (
        "The answer piped in is empty: pipe in your answer "
        f"(echo '...' | coachkit score {args.question_id}), or use --answer-file."
    )


def _asked(args: argparse.Namespace) -> list[str]:
    """The flags of a score that failed that the command scoring it again must keep: run
    again without them, ``--no-save`` would save and ``--repeat`` would score once."""
    flags = (
        [] if args.repeat is None else ["--repeat", *([str(args.repeat)] if args.repeat else [])]
    )
    return [*flags, NO_SAVE] if args.no_save else flags


def _damaged(args: argparse.Namespace, coach: Coach) -> CorruptDatabaseError | None:
    """Why nothing may be written to the database, damaged in part (or with none of its
    attempts readable), when this score would write: save the attempt, or log an LLM
    profile's usage (a recording's transcription, too). A file that cannot be opened
    at all (not a database, a newer coachkit's, busy) is left to the save, which shows
    the card and keeps the answer when it fails, as before."""
    if args.no_save and coach.config.scorer == LOCAL and args.audio is None:
        return None  # nothing is written: the file is not even read
    try:
        return coach.store.damage()
    except StoreError:
        return None


def _not_written(
    args: argparse.Namespace,
    coach: Coach,
    question: Question,
    answer: str,
    damaged: CorruptDatabaseError,
) -> int:
    """The note after a card scored offline, beside a damaged database: nothing was
    written, which scorer scored, and (unless --no-save) where the answer waits for the
    command that saves it once the database is put right."""
    asked = coach.config.scorer
    instead = (
        f", not {asked} (an LLM profile logs its usage and budget in the database)"
        if asked != LOCAL
        else ""
    )
    once = " once" if args.repeat is not None else ""
    problem = (
        f"{damaged} Nothing was written to it, as {WRITE_RISK}: your answer was scored{once} "
        f"by the offline scorer (local){instead}."
    )
    if args.no_save:
        stderr(f"coachkit: {problem}\n")
        return damaged.exit_code
    problem += " The score above was not saved."  # as when a save fails
    if not args.answer_file:
        return keep_unscored(question.id, answer, problem, damaged.exit_code, args.scorer)
    again = f"coachkit score {question.id} --answer-file {shlex.quote(args.answer_file)}"
    if args.scorer:
        again += f" --scorer {shlex.quote(args.scorer)}"
    stderr(
        f"coachkit: {problem} Your answer is still in {args.answer_file}: `{again}` saves "
        "it once the database is put right.\n"
    )
    return damaged.exit_code


def _score_repeated(
    coach: Coach, question: Question, answer: str, k: int
) -> tuple[Attempt, Stability]:
    """Score k times afresh, without fallback (a mix of scorers has no meaningful spread)."""
    from ..llm import score_repeated
    from ..scoring.registry import make_scorer

    if not answer.strip():
        raise EmptyAnswerError()
    name = coach.config.scorer
    if name == LOCAL:  # k identical runs: the table's zeros say nothing about the scorer
        stderr(
            "coachkit: note: the offline scorer (local) gives the same card every time, "
            "so its runs always agree; --repeat measures the spread of an LLM profile "
            "(--scorer NAME).\n"
        )
    store = None if name == LOCAL else coach.store
    scorer = make_scorer(name, coach.config, store=store, fallback=False)
    stability = score_repeated(scorer, question, answer, k)
    attempt = Attempt(
        question_id=question.id, category=question.category, answer=answer, card=stability.card
    )
    return attempt, stability  # saved by the caller, which keeps the answer if that fails


def _show_runs_finished(args: argparse.Namespace, exc: KeyboardInterrupt, out: TextIO) -> None:
    """The runs of ``--repeat`` that finished before Ctrl-C: paid for, so shown (not saved)."""
    from ..llm.stability import RepeatInterrupted

    stability = exc.stability if isinstance(exc, RepeatInterrupted) else None
    if stability is None:
        return
    runs = "1 run" if stability.k == 1 else f"{stability.k} runs"
    shown = f"Stability over the {runs} that finished:\n{stability.table()}\n"
    if args.json:  # stdout holds JSON only, and a command that fails prints none
        stderr(shown)
    else:
        out.write(f"{shown}Not saved.\n")
