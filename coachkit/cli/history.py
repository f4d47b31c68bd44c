"""The commands over saved attempts: ``history``, ``delete``, ``progress`` (a chart),
``export`` and ``import``."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .. import paths
from ..bank import QuestionBank, not_bundled
from ..coach import Coach
from ..errors import BadInputError, CoachkitError, CorruptDatabaseError
from ..models import DIMENSIONS, SHORT_ID, Attempt, short_ids
from ..rubric import flag_labels, held_down_by
from ..store import DraftsRead
from ..unscored import keep_drafts
from ..wording import clipped
from .exits import EXIT_OK
from .loading import (
    asked_question,
    nothing_written,
    question_bank,
    readable,
    refuse_writes,
    warn_damage,
)
from .output import count, many, print_json, stderr, terminal_columns, warn

__all__ = [
    "delete_command",
    "export_command",
    "history_command",
    "import_command",
    "progress_command",
]

CHART_SUFFIXES = (".png", ".svg", ".pdf")


def _output_path(name: str, suffixes: Sequence[str] = (), example: str = "out") -> Path:
    """Check a file to write before any work is done: its folder exists, it is no folder,
    device or pipe (a symlink is fine: its target is written). ``example`` is a file name
    to suggest."""
    if not name.strip():
        raise BadInputError(f"The file name to write is empty: give one, e.g. {example}.")
    if name == "-":  # elsewhere the usual name for stdout: here it made a file named '-'
        raise BadInputError(
            f"--out - names no file: this command writes a file, not standard output. Give "
            f"a file name, e.g. {example}."
        )
    path = Path(name)
    paths.output_file(path, example)
    if not path.parent.is_dir():
        raise BadInputError(
            f"Cannot write {path}: the folder {path.parent} does not exist. Create it first "
            f"(mkdir -p {shlex.quote(str(path.parent))}), or name a file in a folder that "
            "exists."
        )
    if suffixes and path.suffix.lower() not in suffixes:
        # ".png" alone is a name with no suffix: suggest a whole name, not ".png.png".
        named = path.stem and not path.name.startswith(".")
        better = path.with_suffix(suffixes[0]) if named else path.parent / example
        kinds = (
            f"{', '.join(suffixes[:-1])} or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]
        )
        raise BadInputError(f"Cannot write a chart to {path}: name a {kinds} file, e.g. {better}.")
    return path


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """A failure to write ``path``, or the partial file made beside it until it is whole,
    said as one about ``path``: not as the partial file's name, which the user never gave,
    with advice about COACHKIT_HOME, which has nothing to do with it."""
    try:
        yield
    except OSError as exc:
        failed = Path(exc.filename) if isinstance(exc.filename, str) else None
        ours = failed is not None and (
            failed.name == path.name or failed.name.startswith(f".{path.name}.")
        )
        if not ours or failed is None or failed.parent.resolve() != path.parent.resolve():
            raise
        raise BadInputError(
            f"Cannot write {path} ({paths.os_reason(exc)}): name a file in a folder you can "
            "write to. Nothing was written."
        ) from None


def history_command(args: argparse.Namespace, out: TextIO) -> int:
    args.question = asked_question(args, "history lists", "coachkit history")
    coach = Coach()
    attempts = readable(coach.read_history(args.question), coach.store)
    if args.question and not attempts:
        coach.question(args.question)  # no attempts: a typo? (imported ones need no question)
    listed = attempts[-args.last :] if args.last else attempts
    if args.json:
        print_json([a.model_dump(mode="json") for a in listed], out)
        return EXIT_OK
    if not attempts and args.question:  # others there may be: not "No attempts yet"
        out.write(
            f"No attempts at {args.question} yet: score one with "
            f"`coachkit score {shlex.quote(args.question)}`.\n"
        )
    elif not attempts:
        # Where it looked: a mistyped COACHKIT_HOME shows here as an empty history.
        out.write(
            f"No attempts yet in {paths.home()}: score an answer with "
            "`coachkit score QUESTION_ID`.\n"
        )
    # Unique among all attempts, not just those listed: `coachkit delete` looks in all.
    everyone = coach.read_history().attempts if args.question else attempts
    shown = short_ids([a.id for a in everyone])
    width = max((len(shown[a.id]) for a in listed), default=SHORT_ID)
    # Loading the bank parses every question file, a tenth of the command's time: only
    # attempts at questions not bundled need it.
    bank = _bank(coach) if not_bundled(a.question_id for a in listed) else None
    gone = {a.question_id for a in listed if bank is not None and a.question_id not in bank}
    fit = _Fit.of(listed, width, terminal_columns(out))
    for a in listed:
        out.write(_attempt_line(a, shown[a.id], width, gone=a.question_id in gone, fit=fit))
    if bank is not None and gone:
        _say_not_in_bank(bank, [a for a in listed if a.question_id in gone])
    _say_waiting(args.question)
    return EXIT_OK


NOT_IN_BANK = "[not in your bank]"
"""How ``coachkit history`` marks an attempt at a question the bank no longer has."""


def _bank(coach: Coach) -> QuestionBank | None:
    """The bank, to mark attempts at questions gone from it; None if it cannot load (a
    broken install, said by the commands that need it): the list is shown all the same."""
    try:
        return coach.bank
    except (CoachkitError, OSError):
        return None


def _say_not_in_bank(bank: QuestionBank, marked: Sequence[Attempt]) -> None:
    """Once, what the rows marked not in the bank mean and how to get a question back:
    one of the user's own written in another COACHKIT_HOME by copying its file there,
    one whose file is here but left out by fixing it."""
    ids = sorted({a.question_id for a in marked})
    one = len(ids) == 1
    shown = ids[0] if one else f"questions ({', '.join(ids[:5])}{', ...' if len(ids) > 5 else ''})"
    said = (
        f"coachkit: {many(len(marked), 'attempt')} marked {NOT_IN_BANK} "
        f"{'is' if len(marked) == 1 else 'are'} at {shown}{', a question' if one else ''} "
        f"your bank does not have: kept in your history, but not practised or rescored until "
        f"{'it is' if one else 'they are'} back."
    )
    elsewhere = []
    for question_id in ids:
        problem = bank.problem_for(question_id)
        if problem is None:
            elsewhere.append(question_id)
        elif problem.left_out == "file":  # it is here: copying it again would not help
            said += f" {question_id} is in a file of yours that cannot be read: {problem}."
        else:
            said += f" {question_id} is in {problem.path}, but was left out: {problem.problem}."
    if elsewhere:
        its = "its file" if len(elsewhere) == 1 else "their files"
        said += (
            f" For a question of your own, copy {its} from the questions folder of the "
            f"COACHKIT_HOME you wrote {'it' if len(elsewhere) == 1 else 'them'} in into "
            f"{paths.user_questions_dir()}."
        )
    stderr(said + "\n")


def _say_waiting(question_id: str | None) -> None:
    """Answers kept in unscored/ (scoring or saving failed) are not in the history:
    say they are waiting, and how to save one, so none is forgotten there."""
    from ..unscored import kept_answers

    waiting = kept_answers(question_id)
    if not waiting:
        return
    newest = waiting[-1]
    they, it = (
        ("1 answer waits", "it") if len(waiting) == 1 else (f"{len(waiting)} answers wait", "they")
    )
    stderr(
        f"coachkit: {they} in {paths.unscored_dir()}, kept when {it} could not be scored or "
        f"saved (newest: {newest.path.name}). `coachkit score {newest.question_id} "
        f"--answer-file {shlex.quote(str(newest.path))}` scores and saves it and removes its "
        "file; the practice notebook offers them back too.\n"
    )


_QUESTION_COLUMN = 32
"""The width of ``coachkit history``'s question column, piped: ids longer run past it."""

_QUESTION_ROOM = 16
"""The fewest characters a question id is clipped to in a narrow terminal; fewer, the
ids go on a line of their own below each attempt."""


@dataclass(frozen=True)
class _Fit:
    """How attempt rows fit a terminal ``columns`` wide: the question column's width, ids
    longer clipped to it (0: ids below each row); ``columns`` None (a pipe, a file):
    every row on one line as ever, for grep."""

    columns: int | None = None
    question: int = _QUESTION_COLUMN

    @classmethod
    def of(cls, attempts: Sequence[Attempt], width: int, columns: int | None) -> _Fit:
        """The fit for ``attempts``, their ids ``width`` wide: one line each in
        ``columns``, with a question column no wider than the longest id listed and
        clipped to no fewer than ``_QUESTION_ROOM``; else ids below (a 90-column row
        wrapped at the terminal's edge ran back to column 0, under the ids)."""
        if columns is None or not attempts:
            return cls()
        # Id, date and time, the overall, S4 T4 A5 R5 and the scorer, around the question.
        rest = width + 43 + max(len(a.card.scorer) for a in attempts)
        longest = max(len(a.question_id) for a in attempts)
        if rest + max(longest, _QUESTION_COLUMN) <= columns:  # a longer id is not cut
            return cls(columns, max(longest, _QUESTION_COLUMN))
        question = min(longest, columns - rest)
        return cls(columns, question if question >= min(longest, _QUESTION_ROOM) else 0)


def _attempt_line(
    a: Attempt, ident: str, width: int, *, gone: bool = False, fit: _Fit = _Fit()
) -> str:
    """One attempt as ``coachkit history`` lists it, the start of its id that names it
    (``coachkit delete`` takes it) first; ``gone``: marked as at a question not in the
    bank. In a terminal (``fit``), what does not fit its width goes below, indented."""
    scores = " ".join(f"{d[0].upper()}{a.card.score(d)}" for d in DIMENSIONS)
    # A flag that holds the overall down, named: "45/100 S4 T4 A5 R5" reads as a fault
    # without the "misses_question" the card explains.
    held = held_down_by(a.card)
    flag = "  [flagged]" if a.card.flagged else ""
    flag += f"  [held down: {flag_labels(held)}]" if held else ""
    flag += f"  {NOT_IN_BANK}" if gone else ""
    when = f"{ident:<{width}}  {a.created_at.astimezone():%Y-%m-%d %H:%M}  "
    marks = f"{a.card.overall:>3}/100  {scores}  {a.card.scorer}"
    if fit.columns is None:
        return f"{when}{a.question_id:<{fit.question}} {marks}{flag}\n"
    below = [f"[{mark}" for mark in flag.split("  [")[1:]]  # each mark whole
    if fit.question:
        row = f"{when}{clipped(a.question_id, fit.question):<{fit.question}} {marks}"
    else:  # a narrow terminal: the question below, with the marks
        row, below = when + marks, [a.question_id, *below]
    if fit.question and len(row) + len(flag) <= fit.columns:
        return f"{row}{flag}\n"
    indent = " " * (width + 2)  # under the date: read as the same attempt's
    lines = _packed(below, fit.columns - len(indent))
    return f"{row}\n" + "".join(f"{indent}{line}\n" for line in lines)


def _packed(parts: Sequence[str], room: int) -> list[str]:
    """``parts`` two spaces apart on as few lines of ``room`` as hold each whole (one
    longer than ``room`` alone on its line): a mark is not split inside its brackets."""
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 2 + len(part) <= room:
            lines[-1] += f"  {part}"
        else:
            lines.append(part)
    return lines


def delete_command(args: argparse.Namespace, out: TextIO) -> int:
    coach = Coach()
    refuse_writes(coach, "Nothing was deleted")
    with nothing_written("Nothing was deleted."):
        deleted = coach.delete_attempts(args.ids)
    if args.json:
        print_json(
            {
                "deleted": [a.model_dump(mode="json") for a in deleted.attempts],
                "count": deleted.count,
                "cached_scores": deleted.cached_scores,
                "kept_copies": deleted.kept_copies,
            },
            out,
        )
        return EXIT_OK
    # As `history` showed them, among every attempt there was: among the deleted alone,
    # a mock interview's "mock-6c19d5460665-i" was shown as "mock-6c1".
    gone = [a.id for a in deleted.attempts]
    shown = short_ids([*gone, *coach.store.attempt_ids("")])
    width = max((len(s) for s in shown.values()), default=SHORT_ID)
    fit = _Fit.of(deleted.attempts, width, terminal_columns(out))
    for attempt in deleted.attempts:
        out.write(_attempt_line(attempt, shown[attempt.id], width, fit=fit))
    also = [
        count(deleted.cached_scores, "cached LLM score"),
        count(deleted.kept_copies, "copy kept in unscored/", "copies kept in unscored/"),
    ]
    with_them = " and ".join(part for part in also if part)
    out.write(
        f"Deleted {count(deleted.count, 'attempt')}"
        f"{f' (with {with_them})' if with_them else ''}, for good.\n"
    )
    if deleted.count:
        # No undo here: the way back, if any, is a file exported before; and a file that
        # keeps the answer the user meant to be rid of.
        it = "it" if deleted.count == 1 else "them"
        out.write(
            f"Any export made before this still holds {it}: `coachkit import FILE` brings "
            f"{it} back; delete that file to be rid of {it} there too.\n"
        )
    reports = paths.reports_dir()
    if reports.is_dir() and any(reports.iterdir()):
        out.write(f"Mock reports you saved are files of their own, in {reports}.\n")
    return EXIT_OK


def progress_command(args: argparse.Namespace, out: TextIO) -> int:
    from ..chartnotes import heatmap_note, trends_note
    from ..charts import progress_report, save
    from ..progress import charted, scored_by, scorers

    path = _output_path(args.out, CHART_SUFFIXES, example="progress.png")
    coach = Coach()
    frame = coach.progress(readable(coach.read_history(), coach.store))
    if args.scorer:
        frame = scored_by(frame, args.scorer)
    drawn = len(charted(frame)) if len(frame) else 0
    # The chart in words, in the file and on the terminal: its exact numbers, readable
    # without the picture.
    # Named in the titles and words: the chart is on that scorer's scale alone.
    scorer = args.scorer if args.scorer and len(frame) else None
    notes = (
        [trends_note(frame, args.window, scorer=scorer), heatmap_note(frame, scorer=scorer)]
        if drawn
        else []
    )
    report = progress_report(frame, window=args.window, scorer=scorer)
    with _writing(path):
        path = save(report, path, description=" ".join(notes) or None)
    left = f"; {len(frame) - drawn} flagged, left out" if drawn < len(frame) else ""
    names = scorers(frame)
    by = f" scored by {scorer}" if scorer else ""
    by = f" by {len(names)} scorers" if len(names) > 1 else by
    out.write(f"Wrote {path} ({many(drawn, 'attempt')}{by}{left}).\n")
    if not len(frame):
        # Where it looked, as history says: a mistyped COACHKIT_HOME draws an empty chart.
        out.write(
            f"No attempts yet in {paths.home()}: score an answer with "
            "`coachkit score QUESTION_ID`, and the chart fills in.\n"
        )
    out.writelines(f"{note}\n" for note in notes)
    if len(names) > 1:  # each scorer's lines apart, on one chart: one alone reads easier
        out.write(
            f"To chart one scorer's attempts alone: --scorer {', or --scorer '.join(names)}.\n"
        )
    return EXIT_OK


def export_command(args: argparse.Namespace, out: TextIO) -> int:
    path = _output_path(args.out, example="attempts.jsonl")
    coach = Coach()
    try:
        with _writing(path):
            read = coach.export_attempts(path, force=args.force)
    except CorruptDatabaseError:
        # No attempt can be read, and the file is moved aside next: what is typed in it
        # may still be, and goes where Practice finds it before the error is said.
        drafts = coach.store.read_drafts()
        if drafts.drafts or drafts.skipped:
            _keep(drafts, [], out)
        raise
    readable(read)
    # Damage anywhere (an index, the usage log) is checked, not only where attempts lie.
    damaged = read.damaged or warn_damage(coach.store)
    out.write(f"Exported {many(len(read.attempts), 'attempt')} to {path}.\n")
    drafts = coach.store.read_drafts()
    # A damaged file is moved aside next: what is typed in it goes where Practice finds it.
    # A whole one keeps its drafts: files for each would only be offered back twice.
    if args.drafts or damaged or drafts.damaged:
        _keep(drafts, read.attempts, out)  # its note names unscored/ already
    else:
        _say_left_behind(drafts, read.attempts)
    _say_own_questions(coach, read.attempts)
    return EXIT_OK


def _say_left_behind(drafts: DraftsRead, exported: Sequence[Attempt]) -> None:
    """Answers typed but not scored are not attempts: drafts stay in the database and
    waiting answers in unscored/, so an export moved to another COACHKIT_HOME leaves
    them behind unless told how to take them along; say so."""
    from ..unscored import kept_answers, left_in_database

    left = left_in_database(drafts, exported)
    if left:
        shown = ", ".join(left[:5]) + (", ..." if len(left) > 5 else "")
        stderr(
            f"coachkit: {_typed(len(left))} ({shown}) "
            f"{'stays' if len(left) == 1 else 'stay'} in the database, not in the export: "
            f"to take {'it' if len(left) == 1 else 'them'} to another COACHKIT_HOME, export "
            f"again with --drafts (each goes to a file in {paths.unscored_dir()}) and copy "
            "that folder too.\n"
        )
    waiting = len(kept_answers(None))
    if waiting:
        they = "1 answer waiting" if waiting == 1 else f"{waiting} answers waiting"
        stderr(
            f"coachkit: {they} in {paths.unscored_dir()} (never scored, or kept from drafts) "
            f"{'is' if waiting == 1 else 'are'} not in the export: to move to another "
            "COACHKIT_HOME, copy that folder into it too.\n"
        )


def _typed(number: int) -> str:
    """``1 answer typed but not scored`` (a draft, or a kept mock interview's answer)."""
    return f"{many(number, 'answer')} typed but not scored"


def _say_own_questions(coach: Coach, exported: Sequence[Attempt]) -> None:
    """An attempt holds its question's id, not the question: one of the user's own, in
    $COACHKIT_HOME/questions, is "not in your bank" in another home unless that folder
    goes along, so say so at export, while the folder is at hand."""
    others = not_bundled(a.question_id for a in exported)
    bank = _bank(coach) if others else None  # most often none: no bank loaded at all
    own = sorted(q for q in others if bank is not None and q in bank)
    if not own:
        return
    shown = ", ".join(own[:5]) + (", ..." if len(own) > 5 else "")
    they = "it" if len(own) == 1 else "them"
    stderr(
        f"coachkit: the export holds your attempts at {many(len(own), 'question')} of your "
        f"own ({shown}) but not the {'question' if len(own) == 1 else 'questions'}: copy "
        f"{paths.user_questions_dir()} into the other COACHKIT_HOME too, to practise "
        f"{they} there.\n"
    )


def _keep(drafts: DraftsRead, exported: Sequence[Attempt], out: TextIO) -> None:
    """Keep each of ``drafts`` not ``exported`` in unscored/, saying how many and where."""
    kept = keep_drafts(drafts, exported)
    out.write(f"{kept.note}\n")
    if kept.warning:
        warn(kept.warning)


def import_command(args: argparse.Namespace, out: TextIO) -> int:
    if args.file == "-":  # elsewhere the usual name for stdin: said, not 'no such file'
        raise BadInputError(
            "`coachkit import` reads a file, not standard input: give the name of the file "
            "`coachkit export --out` wrote, e.g. attempts.jsonl."
        )
    if not args.file.strip():  # the name is empty, not the file: said so
        raise BadInputError(
            "No file named to import: give the name of the file `coachkit export --out` "
            "wrote, e.g. attempts.jsonl."
        )
    coach = Coach()
    refuse_writes(coach, "Nothing was imported into it")
    with nothing_written("Nothing was imported."):
        result = coach.import_attempts(args.file)
    if not (result.added or result.present or result.repaired):
        # "Imported 0 new attempts (0 already present)" read as if something was checked.
        out.write(
            f"{args.file} holds no attempts: nothing was imported (an export of an empty "
            "history is empty; if yours should hold attempts, export it again).\n"
        )
        return EXIT_OK
    repaired = (
        f"; {many(result.repaired, 'unreadable saved attempt')} restored from the file"
        if result.repaired
        else ""
    )
    repeated = (
        f"; {many(result.repeated, 'line')} repeated in the file, read once"
        if result.repeated
        else ""
    )
    out.write(
        f"Imported {many(result.added, 'new attempt')} ({result.present} already present"
        f"{repeated}{repaired}).\n"
    )
    # Kept as they are (they are the user's), but say why they cannot be practised again.
    # Of the file's attempts, in hand: reading the whole history back (a tenth of the
    # command) only repeated what history marks and an earlier import said of the rest.
    bank = question_bank(coach)  # loaded already: the import checked categories in it
    unknown = sorted({a.question_id for a in result.attempts} - {q.id for q in bank})
    if unknown:
        shown = ", ".join(unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        warn(
            f"the file has attempts at {many(len(unknown), 'question')} not in your bank "
            f"({shown}); add their YAML to {paths.user_questions_dir()} to practise or "
            "rescore them."
        )
    _say_other_rubrics(result.attempts)
    return EXIT_OK


def _say_other_rubrics(imported: Sequence[Attempt]) -> None:
    """Attempts scored on a rubric this coachkit does not know (a newer one's) are kept
    and charted as they are, beside scores on this one's bands: say so, not silently."""
    from ..errors import UPDATE_COACHKIT
    from ..rubric import RUBRIC_VERSION

    other = [a for a in imported if a.card.rubric_version != RUBRIC_VERSION]
    if not other:
        return
    versions = ", ".join(sorted({a.card.rubric_version for a in other}))
    warn(
        f"{many(len(other), 'attempt')} in the file "
        f"{'was' if len(other) == 1 else 'were'} scored on a rubric this coachkit does not "
        f"know ({versions}; it scores on {RUBRIC_VERSION}), most likely by a newer coachkit: "
        f"kept and charted as scored. {UPDATE_COACHKIT} to score new answers on the same "
        "rubric."
    )
