"""The rescue of a damaged database through an export: every attempt that can be read
exported, the damaged file moved aside (never deleted), and a fresh one imported."""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Sequence
from contextlib import closing, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .errors import BadInputError, CorruptDatabaseError, StoreError
from .jupyter import in_voila
from .sigint import held_off
from .store import AttemptsRead, DraftsRead, Store
from .storefile import in_use_elsewhere, move_aside, put_back, sqlite_uri, with_companions

if TYPE_CHECKING:  # coach imports the export module, which this one follows
    from .bank import QuestionBank
    from .coach import Coach
    from .models import Attempt
    from .unscored import DraftsKept

__all__ = ["Recategorised", "RescueInterrupted", "Rescued", "rescue"]


class RescueInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped the rescue before anything was moved; its text says so, where
    the damaged file and any export written are, and how to try again."""


@dataclass(frozen=True)
class Recategorised:
    """``attempts`` at ``question_id`` saved as ``saved``, a category the bank now
    gives as ``now`` (its question file edited since, most often the user's own): kept
    as saved."""

    question_id: str
    saved: str
    now: str
    attempts: int


@dataclass(frozen=True)
class Rescued:
    """What ``rescue`` did: the attempts it ``kept`` (in ``export`` and in the fresh
    ``database``), those ``left_out`` as unreadable, what is typed kept in unscored/
    (``drafts``), and where the damaged file now is (``aside``). ``database`` is the
    file a ``link`` pointed to, when the rescue went through one; ``recategorised``, the
    attempts kept under a category their question no longer has."""

    kept: int
    left_out: int
    export: Path | None  # None when no attempt could be read
    aside: Path
    drafts: DraftsKept
    database: Path
    usage_calls: int | None = None  # LLM calls whose log came along; None: it could not
    link: Path | None = None  # the symlink to ``database`` the rescue went through
    recategorised: tuple[Recategorised, ...] = ()

    @property
    def sentences(self) -> list[str]:
        """What was kept, what was not, and where everything is: one sentence (or two)
        a line, as the command prints them."""
        kept = f"{self.kept} attempt{'' if self.kept == 1 else 's'}"
        saved = (
            f"Kept {kept} in a fresh database; they are also in {self.export}."
            if self.export is not None
            else "None of the attempts could be read (0 kept): the fresh database starts "
            "with none (an earlier export you import brings them back)."
        )
        one = self.left_out == 1
        lost = (
            f"{self.left_out} attempt{' was' if one else 's were'} too damaged to read and "
            f"left out (an earlier export you import brings {'it' if one else 'them'} back)."
        )
        usage = (
            f"The LLM usage log came along ({self.usage_calls} call"
            f"{'' if self.usage_calls == 1 else 's'}), so today's spend and this hour's "
            "scores count as before."
            if self.usage_calls is not None
            else "The LLM usage log could not be read: today's spend and this hour's LLM "
            "scores count from zero."
        )
        linked = (
            [f"{self.link} still links to {self.database}, which holds the fresh database now."]
            if self.link is not None
            else []
        )
        return [
            saved,
            *([lost] if self.left_out else []),
            *([self._recategorised] if self.recategorised else []),
            self.drafts.note,
            # With no LLM call ever logged, nothing changes: nothing to say.
            *([usage] if self.usage_calls != 0 else []),
            *linked,
            f"The damaged file is now {self.aside}, kept as it was (with its LLM usage log): "
            "delete it once you no longer need it.",
        ]

    @property
    def _recategorised(self) -> str:
        """The attempts kept under a category their question no longer has, and what that
        means for the export."""
        each = "; ".join(
            f"{r.attempts} attempt{'' if r.attempts == 1 else 's'} at {r.question_id} (saved "
            f"as {r.saved}; its question now says {r.now})"
            for r in self.recategorised
        )
        export = "the export" if self.export is None else str(self.export)
        return (
            f"Kept under the category they were saved with: {each}. `coachkit import` into "
            f"another COACHKIT_HOME refuses those lines of {export} until the two agree."
        )

    @property
    def note(self) -> str:
        """What was kept, what was not, and where everything is, in a few sentences."""
        return " ".join(self.sentences)


def rescue(
    coach: Coach, *, now: datetime | None = None, again: str = "press Rescue again"
) -> Rescued:
    """Put a damaged database right: export every attempt that can be read to a file
    beside it, keep what is typed in unscored/, build a fresh database from the export
    (an empty one if none can be read, the LLM usage log carried either way), then move
    the damaged file aside (never deleted) and the fresh one into its place.

    Nothing is moved until the fresh database holds every attempt exported, so on any
    failure the damaged file is where it was, and the StoreError raised says what to do;
    on Ctrl-C, RescueInterrupted says the same. A symlinked database is rescued where it
    points, the link left as it is. The coach's store opens the fresh file at its next
    use. ``again``: how to try again once the file's other users are closed (the
    button, or the command).
    """
    stamp = (now or datetime.now(UTC)).astimezone().strftime("%Y%m%d-%H%M%S")
    store: Store | None = None
    try:
        store = coach.store  # opening it reads its header and schema
        problem: StoreError | None = store.damage()
    except CorruptDatabaseError as exc:  # it cannot even be opened
        problem = exc
    linked = store.path if store is not None else paths.db_path()
    # A database kept on another disk and linked from the home: renamed at the link,
    # the link would go aside and the fresh file land in the home, off that disk. SQLite
    # keeps the WAL beside the file the link points to, so the rescue is done there.
    path = linked.resolve() if linked.is_symlink() else linked
    if problem is None:
        raise StoreError(f"{path} is not damaged (every page of it reads): nothing to rescue.")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        # Export, fresh file and renames all go beside it.
        raise _stopped(
            path,
            f"{path.parent} is read-only for you. Copy the damaged file to a folder you can "
            "write, point COACHKIT_HOME there, and rescue it there.",
            retry=False,
        )
    export = _free(path.with_name(f"rescued-{stamp}.jsonl"))
    fresh = path.with_name(f".{path.name}.rescue-{stamp}")
    done: list[Rescued] = []
    try:
        _rescue(coach, store, path, export, fresh, stamp, again, done)
    except KeyboardInterrupt:
        if done:  # cut after the swap: it is done, and "nothing was moved" would be untrue
            raise
        # The export is written whole or not at all (see Coach.export_attempts).
        saved = (
            f" The readable attempts are saved meanwhile in {export}." if export.exists() else ""
        )
        raise RescueInterrupted(
            f"The rescue stopped before anything was moved: {path} is where it was, "
            f"damaged.{saved} To finish it, {again}."
        ) from None
    finally:
        for leftover in with_companions(fresh):
            with suppress(OSError):
                leftover.unlink()
    [rescued] = done
    return replace(rescued, link=linked if linked != path else None)


def _rescue(
    coach: Coach,
    store: Store | None,
    path: Path,
    export: Path,
    fresh: Path,
    stamp: str,
    again: str,
    done: list[Rescued],
) -> None:
    """The steps of ``rescue`` on the damaged file at ``path``, once it is known to be
    damaged and its folder writable; what was done goes into ``done`` as the swap ends."""
    try:
        read: AttemptsRead = coach.export_attempts(export)
    except CorruptDatabaseError:
        read, export_or_none = AttemptsRead(), None  # none can be read: nothing to write
    except BadInputError as exc:  # the export could not be written (a full disk)
        raise _stopped(path, str(exc)) from None
    else:
        export_or_none = export
    drafts = DraftsRead()
    with suppress(CorruptDatabaseError):
        drafts = store.read_drafts() if store is not None else drafts
    from .unscored import keep_drafts

    kept = keep_drafts(drafts, read.attempts)
    if kept.warning:
        raise _stopped(path, kept.warning)
    _build(coach, fresh, export_or_none, len(read.attempts), path)
    calls = _carry_usage(path, fresh)
    if store is not None:
        store.release()  # its own connection would count as another's
    saved = f" The readable attempts are saved meanwhile in {export}." if read.attempts else ""
    if in_use_elsewhere(path):
        # A Voila page has no Kernel menu: its user closes the other pages instead.
        others = (
            "close the other coachkit pages (a closed page's kernel stops about 2 minutes later)"
            if in_voila()
            else "shut down the other coachkit notebooks' kernels (Kernel > Shut Down "
            "Kernel; a closed Voila page's kernel stops about 2 minutes later)"
        )
        raise _stopped(
            path,
            f"Another notebook or program has {path.name} open: {others} and any other coachkit "
            f"command, then {again}.{saved}",
            retry=False,
        )
    # No Ctrl-C between the two renames: cut there, no database would be left at its
    # path (the fresh one deleted as a leftover), and the next use would start an
    # empty one, all history gone from view.
    with held_off():
        aside = _free(path.with_name(f"{path.name}.damaged-{stamp}"))
        try:
            moved = move_aside(path, aside)
        except OSError as exc:
            # "[Errno 13] Permission denied: '…'" says less than its reason alone.
            raise _stopped(
                path, f"{path.name} could not be moved aside ({paths.os_reason(exc)})."
            ) from None
        try:
            os.rename(fresh, path)
        except OSError as exc:
            if not put_back(moved):  # said as it is: "where it was" would be untrue
                raise StoreError(
                    f"The rescue stopped: the fresh database could not take its place "
                    f"({exc}), and the damaged file could not be renamed back: it is "
                    f"{aside}. Rename it back to {path} ({aside.name}-wal too, if there "
                    "is one) before anything else."
                ) from None
            raise _stopped(path, f"The fresh database could not take its place ({exc}).") from None
        done.append(
            Rescued(
                len(read.attempts),
                read.skipped,
                export_or_none,
                aside,
                kept,
                path,
                calls,
                recategorised=_recategorised(read.attempts, coach.bank),
            )
        )


def _recategorised(attempts: Sequence[Attempt], bank: QuestionBank) -> tuple[Recategorised, ...]:
    """The attempts whose question the bank now gives another category, by question."""
    counts = Counter(
        (a.question_id, a.category, bank.get(a.question_id).category)
        for a in attempts
        if a.question_id in bank and bank.get(a.question_id).category != a.category
    )
    return tuple(
        Recategorised(question_id, str(saved), str(now), count)
        for (question_id, saved, now), count in counts.items()
    )


# What the budget counts (the calls logged today, this hour's scores left) and
# `coachkit usage` sums; the cache and the calls in flight are not worth a damaged read.
_CARRIED = ("llm_usage", "llm_budget")


def _carry_usage(damaged: Path, fresh: Path) -> int | None:
    """Copy the LLM usage log and budget of ``damaged`` into ``fresh``, as far as both
    read whole (a page lost there: neither, rather than part of a day's spend); how many
    calls came, or None."""
    try:
        with closing(sqlite3.connect(sqlite_uri(damaged, "ro"), uri=True)) as source:
            tables = {
                table: (
                    [row[1] for row in source.execute(f"PRAGMA table_info({table})")],
                    source.execute(f"SELECT * FROM {table}").fetchall(),
                )
                for table in _CARRIED
            }
        with closing(sqlite3.connect(fresh)) as target, target:
            for table, (columns, rows) in tables.items():
                marks = ", ".join("?" * len(columns))
                target.executemany(
                    f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                    rows,
                )
    except sqlite3.Error:  # damaged there, or a schema older than the log
        return None
    return len(tables["llm_usage"][1])


def _build(coach: Coach, fresh: Path, export: Path | None, expected: int, damaged: Path) -> None:
    """A database at ``fresh`` holding the attempts of ``export`` (none without one),
    whole in its own file (no WAL beside it) so it can be renamed; StoreError, naming the
    ``damaged`` file left in place, if it does not hold them all."""
    from .bank import QuestionBank
    from .coach import Coach

    for leftover in with_companions(fresh):
        leftover.unlink(missing_ok=True)
    try:
        with Store(fresh) as new:
            if export is not None:
                # No bank: an import checks each attempt's category against its question's,
                # and a question of the user's own, its category edited since, would stop
                # the rescue of their own attempts (said apart, see Recategorised).
                Coach(bank=QuestionBank(), store=new).import_attempts(export)
            held = new.count_attempts()
            new.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except (BadInputError, OSError, sqlite3.Error) as exc:
        readable = "" if export is None else f" The readable attempts are in {export}."
        raise _stopped(
            # A sentence of its own: "(...; nothing was imported.)." read twice over.
            damaged,
            f"The fresh database could not be made: {str(exc).rstrip('.')}.{readable}",
        ) from None
    if held != expected:
        raise _stopped(
            damaged,
            f"The fresh database holds {held} of the {expected} attempts exported to {export}.",
        )
    with closing(sqlite3.connect(fresh)) as conn:  # whole in the main file from now on
        conn.execute("PRAGMA journal_mode = DELETE")


def _stopped(path: Path, reason: str, *, retry: bool = True) -> StoreError:
    """The rescue stopped for ``reason``: the damaged file is where it was; what to do."""
    advice = (
        f" Keep a copy of it (cp '{path}' '{path}.bak') and try again, or do the steps by "
        "hand: `coachkit export --out rescued.jsonl`, move the file aside, and `coachkit "
        "import rescued.jsonl` into a fresh one."
        if retry
        else ""
    )
    ended = reason if reason.endswith((".", ")")) else f"{reason}."
    return StoreError(
        f"The rescue stopped: {ended} Nothing was moved: {path} is where it was, damaged.{advice}"
    )


def _free(path: Path) -> Path:
    """``path``, or the first of ``path-2``, ``path-3``... no file has yet."""
    candidate, number = path, 1
    while any(p.exists() for p in with_companions(candidate)):
        number += 1
        stem = path.name.removesuffix(".jsonl")
        candidate = path.with_name(f"{stem}-{number}{path.name[len(stem) :]}")
    return candidate
