"""The facade notebooks and the CLI talk to: pick, score, save, look back."""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from . import paths
from .bank import QuestionBank
from .config import LOCAL, Config, PracticeSettings, load_config, plan_despite
from .errors import (
    BadInputError,
    CoachkitError,
    ConfigError,
    CorruptDatabaseError,
    EmptyAnswerError,
    NotSavedError,
    ScoringError,
    StoreError,
)
from .exchange import export_line, numbered_attempts, parse_attempts, same_attempt
from .interview import without_answers, without_deleted_answers
from .models import ANY_ROLE, MAX_ANSWER_CHARS, SHORT_ID, Attempt, Question
from .scoring.base import Scorer
from .scoring.text import clean
from .store import (
    UNREAD,
    AttemptsRead,
    Deleted,
    KeptDraft,
    Store,
    Unread,
    answer_digest,
    storable,
)
from .unscored import kept_name
from .yamlpos import undecodable

if TYPE_CHECKING:  # pandas is only needed when progress is asked for
    import pandas as pd

__all__ = ["Coach", "ImportResult", "role_problem"]

ScorerFactory = Callable[[str, Config], Scorer]


class Transcribes(Protocol):
    """Turns a recording into answer text (``coachkit.llm.transcribe.Transcriber``)."""

    def transcribe(self, audio: bytes, filename: str) -> str: ...


@dataclass(frozen=True)
class ImportResult:
    """What an import did: attempts added, those already in the store, and the lines
    that repeat an attempt an earlier line of the file holds (read once); ``attempts``
    are the file's, each once (all in the store now), for what is said of them."""

    added: int
    present: int
    repaired: int = 0  # unreadable saved rows replaced by the file's copy of the attempt
    repeated: int = 0  # lines repeating an earlier line's attempt: not "present" (it was)
    # Not compared or shown: what an import did is its counts, not a copy of the file.
    attempts: tuple[Attempt, ...] = field(default=(), compare=False, repr=False)


_SQLITE_HEADER = b"SQLite format 3\0"  # how every SQLite database file begins
# The fewest characters of an attempt id that may name it.
MIN_ID_PREFIX = 4
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
# An attempt id as coachkit makes them: a submission's key (a UUID's hex, or an imported
# line's digest) or a mock interview's ("mock-<interview>-<question id>").
_FULL_ID = re.compile(r"[0-9a-f]{32}|mock-[0-9a-f]{12}-[a-z0-9]+(?:-[a-z0-9]+)*")
# The start of a submission's id as `coachkit history` shows it (SHORT_ID hex characters
# or more): copied from a listing, it may name an attempt deleted since as well as a typo.
_SHORT_HEX = re.compile(rf"[0-9a-f]{{{SHORT_ID},}}")


def _forget_kept_copies(answers: Sequence[tuple[str, str]]) -> int:
    """Remove the copies of these (question id, answer) pairs the CLI kept in unscored/
    while they waited for a score (see cli.unscored.keep_unscored); returns how many went. A
    copy of the same text kept for another question is another answer, and stays."""
    folder = paths.unscored_dir()
    wanted = {(qid, answer.strip()) for qid, answer in answers if answer.strip()}
    if not wanted or not folder.is_dir():
        return 0
    questions = {qid for qid, _ in wanted}
    removed = 0
    for path in folder.glob("*.txt"):
        question = _kept_for(path.name, questions)
        if question is None:
            continue  # kept for another question: not read at all
        with suppress(OSError, UnicodeDecodeError):
            kept = path.is_file() and not path.is_symlink()
            if kept and (question, path.read_text(encoding="utf-8").strip()) in wanted:
                path.unlink()
                removed += 1
    return removed


def _kept_for(name: str, question_ids: set[str]) -> str | None:
    """The one of ``question_ids`` a kept copy was written for, read from its name as
    ``new_answer_file`` gives it (not its start: q's "q-20261130-101500-2.txt" begins
    as q-20261130-101500's names do); None for another's, or another name."""
    parsed = kept_name(name)
    return parsed[0] if parsed is not None and parsed[0] in question_ids else None


class Coach:
    """Questions, scorers and the store, wired together.

    Every collaborator can be passed in (tests hand in fakes); anything not
    given is built lazily from ``COACHKIT_HOME`` on first use, so creating a
    Coach is instant and touches no files.
    """

    def __init__(
        self,
        *,
        bank: QuestionBank | None = None,
        store: Store | None = None,
        config: Config | None = None,
        scorer_factory: ScorerFactory | None = None,
        transcriber: Transcribes | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._bank = bank
        self._store = store
        self._config = config
        self._config_given = config is not None
        self._config_stamp: tuple[object, ...] | None = None
        self._scorer_factory = scorer_factory
        self._transcriber = transcriber
        self._scorers: dict[str, Scorer] = {}
        self._clock = clock

    # -- collaborators, built on first use --------------------------------
    @property
    def bank(self) -> QuestionBank:
        if self._bank is None:
            self._bank = QuestionBank.load()
        return self._bank

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    @property
    def config(self) -> Config:
        """The config, read again when its files change: an open notebook follows a new
        budget or fallback at once, as the CLI does (one given to the Coach is kept)."""
        if self._config_given:
            assert self._config is not None
            return self._config
        stamp = _config_stamp()
        if self._config is None or stamp != self._config_stamp:
            config = load_config()
            if self._config is not None:
                self._scorers.clear()  # LLM scorers hold the old profiles and budget
            self._config, self._config_stamp = config, stamp
        return self._config

    @property
    def role(self) -> str | None:
        """The role practised for (``practice.role``), if the bank has questions for it;
        None for every role, and while the config has an error (shown elsewhere)."""
        role = self._configured_role()
        return role if role in self.bank.roles() else None

    def role_problem(self) -> str | None:
        """Why ``practice.role`` is not followed (a typo, a question file left out), in
        words that say what to do; None when it is followed or not set."""
        try:
            origin = self.config.practice_origin("role")
        except CoachkitError:
            origin = ("your config", "")
        return role_problem(self._configured_role(), self.bank, *origin)

    def _configured_role(self) -> str | None:
        """``practice.role`` as the config sets it (see practice_plan)."""
        return self.practice_plan().role

    def practice_plan(self) -> PracticeSettings:
        """The practice plan (role, interview date, new questions a day) as the config
        sets it. A mistake only in a ``COACHKIT_*`` variable, ``scorer:`` or
        ``fallback:`` keeps it (see plan_despite); another, the plan's defaults, as the
        mistake is shown elsewhere."""
        try:
            return self.config.practice
        except CoachkitError as exc:
            found = None
            if isinstance(exc, ConfigError) and not self._config_given:
                found = plan_despite(exc)
            return found[0].practice if found else PracticeSettings()

    def practice_questions(self) -> list[Question]:
        """The questions for the role practised for (all of them without one)."""
        role = self.role
        return self.bank.filter(role=role) if role else list(self.bank)

    def scorer(self, name: str | None = None) -> Scorer:
        """The scorer for a profile name (default: the config's ``scorer``)."""
        name = name or self.config.scorer
        if name not in self._scorers:
            if self._scorer_factory is not None:
                self._scorers[name] = self._scorer_factory(name, self.config)
            elif name == LOCAL:  # needs no config: works even when the config file is broken
                from .scoring.local import LocalScorer  # loaded at the first score

                self._scorers[name] = LocalScorer()
            else:  # LLM profiles keep cache, budget and usage in this coach's store
                from .scoring.registry import make_scorer

                self._scorers[name] = make_scorer(name, self.config, store=self.store)
        return self._scorers[name]

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- the practice loop --------------------------------------------------
    def question(self, question_id: str) -> Question:
        return self.bank.get(question_id)

    def submit(
        self,
        question_id: str,
        answer: str,
        *,
        scorer: str | None = None,
        key: str | None = None,
        save: bool = True,
    ) -> Attempt:
        """Score an answer and (by default) save it as an attempt.

        ``key`` is the submission's idempotency key: submitting the same key again
        returns the saved attempt instead of scoring twice. Bad input raises a
        BadInputError before anything is scored or written.
        """
        if not answer or not answer.strip():
            raise EmptyAnswerError()
        if len(answer) > MAX_ANSWER_CHARS:
            raise BadInputError(
                f"The answer is {len(answer):,} characters; an interview answer runs to a few "
                f"thousand, and coachkit keeps at most {MAX_ANSWER_CHARS:,}. Paste only the "
                "answer, then score it."
            )
        answer = storable(answer)  # scored as it will be saved
        question = self.bank.get(question_id)
        if key and save:
            existing = self.store.get_attempt(key)
            if existing is not None:
                return existing
        chosen = self.scorer(scorer)
        try:
            card = chosen.score(question, answer)
        except CoachkitError:
            raise
        except Exception as exc:  # a scorer bug must not cost the user their answer
            raise ScoringError(
                f"The {chosen.name!r} scorer failed ({exc.__class__.__name__}: {exc}). "
                "Your answer is kept: try again, or switch to the local scorer."
            ) from exc
        attempt = Attempt(
            question_id=question.id,
            category=question.category,
            answer=answer,
            card=card,
            created_at=self._clock(),
            **({"id": key} if key else {}),
        )
        return self.save(attempt) if save else attempt

    def save(self, attempt: Attempt) -> Attempt:
        """Save an attempt already scored (one a NotSavedError carried back, say); a
        NotSavedError again, with the attempt, if it still cannot be."""
        try:
            self.store.add_attempt(attempt)
        except StoreError as exc:  # scored all the same: the card is not lost with it
            raise NotSavedError(attempt, exc) from exc
        finally:
            if self._store is not None:  # else none was opened: no LLM score wrote to it
                _log_kept_calls(self._store)
        return attempt

    @property
    def can_transcribe(self) -> bool:
        """Whether a recording can be turned into text (``transcriber:`` is set)."""
        return self._transcriber is not None or bool(self.config.transcriber)

    def transcribe(self, audio: bytes, filename: str) -> str:
        """A recorded answer as text, by the config's ``transcriber`` profile.

        Nothing is saved: the caller puts the text in the answer, to edit and score.
        """
        if self._transcriber is None:
            from .llm.transcribe import Transcriber  # litellm waits until the first call

            self._transcriber = Transcriber(self.config, store=self.store)
        return self._transcriber.transcribe(audio, filename)

    def history(self, question_id: str | None = None) -> list[Attempt]:
        """Saved attempts that can be read, oldest first. read_history counts the rest and
        says if the file is damaged: what must not take a part for the whole reads that."""
        return self.store.attempts(question_id)

    def delete_attempts(self, refs: Sequence[str]) -> Deleted:
        """Delete saved attempts for good, each named by its id or the start of it (as
        ``coachkit history`` shows it), with the LLM scores cached for their answers.

        All or nothing: an id that names no attempt, or more than one, is a
        BadInputError and nothing is deleted.
        """
        ids = list(dict.fromkeys(self._attempt_id(ref) for ref in refs))
        # The answers as they were scored (read even from a damaged row), to find the
        # scores cached for them and the copies the CLI kept of them.
        answers = self.store.answers(ids)
        digests = [answer_digest(qid, clean(answer)) for qid, answer in answers]
        gone = frozenset(ids)
        deleted = self.store.delete_attempts(
            ids, digests, rewrite_draft=lambda key, text: without_answers(key, text, gone)
        )
        return replace(deleted, kept_copies=_forget_kept_copies(answers))

    def _attempt_id(self, ref: str) -> str:
        """The id of the one attempt ``ref`` names: its id as saved, or (in any case,
        with or without a UUID's dashes) the start of it; else a BadInputError."""
        for exact in dict.fromkeys((ref, ref.strip())):
            if exact and self.store.attempt_ids(exact, exact=True):
                return exact
        start = ref.strip()
        if _UUID.fullmatch(start):
            start = start.replace("-", "")  # coachkit writes them without dashes
        nothing = "Nothing was deleted."
        if len(start) < MIN_ID_PREFIX:
            raise BadInputError(
                f"{ref!r} is too short to name an attempt: give at least {MIN_ID_PREFIX} "
                f"characters of its id (`coachkit history` shows them). {nothing}"
            )
        found = self.store.attempt_ids(start)
        if not found and _FULL_ID.fullmatch(start.lower()):
            # A whole id, as history or an earlier delete printed it: most likely deleted
            # already (a second delete, the progress view, another window), not mistyped.
            raise BadInputError(
                f"No saved attempt has the id {start.lower()!r}: it may have been deleted already "
                f"(by an earlier `coachkit delete`, or in another window); `coachkit history` "
                f"lists those saved. {nothing}"
            )
        if not found and _SHORT_HEX.fullmatch(start.lower()):
            # The start history shows: as likely deleted already as mistyped.
            raise BadInputError(
                f"No saved attempt has an id starting {start!r}: mistyped, or deleted already "
                f"(by an earlier `coachkit delete`, or in another window)? `coachkit history` "
                f"lists those saved. {nothing}"
            )
        if not found:
            raise BadInputError(
                f"No saved attempt has an id starting {start!r}: `coachkit history` lists "
                f"them. {nothing}"
            )
        if len(found) > 1:
            raise BadInputError(
                f"{start!r} starts {len(found)} attempts' ids ({', '.join(found[:3])}"
                f"{', ...' if len(found) > 3 else ''}): give more of the one you mean. {nothing}"
            )
        return found[0]

    def read_history(self, question_id: str | None = None) -> AttemptsRead:
        """Saved attempts, oldest first, with how many were unreadable and a warning."""
        return self.store.read_attempts(question_id)

    def progress(self, attempts: Sequence[Attempt] | None = None) -> pd.DataFrame:
        """One row per attempt (default: the history), a column per dimension."""
        from .progress import attempts_frame

        return attempts_frame(self.history() if attempts is None else attempts, self.bank)

    # -- moving attempts between stores ---------------------------------------
    def export_attempts(self, out: Path | str, *, force: bool = False) -> AttemptsRead:
        """Write every readable attempt to ``out`` as JSON Lines; returns what was read.

        The file is replaced only once it is complete, so a failure leaves an
        earlier export intact. A symlink is written through (it keeps pointing at
        its file); a device, pipe or socket is refused. Without ``force``, a file that
        is not an export, or holds an attempt this export would not, is left alone.
        """
        path = Path(out)
        target = paths.output_file(path)
        database = self.store.path.resolve()
        if target.parent == database.parent and target.name.startswith(database.name):
            raise BadInputError(f"{path} is your coachkit database: export to another file.")
        read = self.read_history()
        try:
            held = self._exported_ids(path, target)
        except BadInputError:
            if not force:
                raise
            held = None  # replaced by --force: no export whose mode to keep
        if held is not None and not force:
            self._check_nothing_lost(path, held, {a.id for a in read.attempts})
        partial = target.with_name(f".{target.name}.partial")
        try:
            # Every answer is in it: readable by its owner alone, as the database is.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(descriptor, "w", encoding="utf-8") as handle:
                handle.writelines(export_line(attempt) for attempt in read.attempts)
            # An earlier export keeps the mode its owner gave it (chmod 600 stays private,
            # one shared on purpose stays shared); an empty file or another file does not:
            # made with the usual umask, it would hand every answer to the group.
            if held is not None:
                os.chmod(partial, stat.S_IMODE(target.stat().st_mode))
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BadInputError(_unwritable(path, exc)) from None
        except BaseException:
            partial.unlink(missing_ok=True)  # Ctrl-C: no half export (every answer) left
            raise
        return read

    def _exported_ids(self, path: Path, target: Path) -> set[str] | None:
        """The attempt ids an earlier export at ``target`` holds; None when there is no
        file or an empty one. BadInputError when the file is something else."""
        try:
            if not target.is_file() or target.stat().st_size == 0:
                return None
            text = target.read_text(encoding="utf-8")
            return {a.id for a in parse_attempts(text, str(path), now=self._clock())}
        except (OSError, UnicodeDecodeError, BadInputError):
            raise BadInputError(
                f"{path} already exists and is not a coachkit export; nothing was written. "
                "Choose another file, or add --force to replace it."
            ) from None

    def _check_nothing_lost(self, path: Path, held: set[str], ids: set[str]) -> None:
        """BadInputError if the export at ``path`` holds attempts these ``ids`` do not
        (another home's, a wrong COACHKIT_HOME's, or ones deleted since)."""
        missing = len(held - ids)
        if missing:
            raise BadInputError(
                f"{path} holds {missing} attempt{'s' if missing != 1 else ''} this export "
                f"does not (from another COACHKIT_HOME, or deleted since; this one is "
                f"{self.store.path.parent}); nothing was written. Export to another file, "
                "or add --force to replace it."
            )

    def import_attempts(self, source: Path | str) -> ImportResult:
        """Add the attempts of a JSON Lines export: all of them, or none if a line is bad.

        Attempts already present (same id) are not added twice.
        """
        if not str(source).strip():
            raise BadInputError("The file to import is empty: give an export, e.g. attempts.jsonl.")
        path = Path(source)
        if path.is_dir():
            raise BadInputError(
                f"Cannot import {path}: it is a folder. Give a file written by "
                "`coachkit export`, e.g. attempts.jsonl."
            )
        try:
            with path.open("rb") as file:
                if file.read(16) == _SQLITE_HEADER:
                    mine = path.resolve() == self.store.path.resolve()
                    raise BadInputError(
                        f"{path} is {'your coachkit' if mine else 'a SQLite'} database, not an "
                        "export: import a file written by `coachkit export`; nothing was "
                        "imported."
                    )
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line, problem = undecodable(exc)
            raise BadInputError(f"{path}:{line}: {problem}; nothing was imported.") from None
        except OSError as exc:
            raise BadInputError(
                f"Cannot read {path} ({paths.os_reason(exc)}): check the path; nothing was "
                "imported."
            ) from None
        numbered = numbered_attempts(
            text, str(path), now=self._clock(), bank=self.bank, saved=self._saved_as
        )
        # A repeated line is the attempt of its first line (numbered_attempts refuses an
        # id given twice with another answer): read once, and said apart.
        first: dict[str, tuple[int, Attempt]] = {}
        for number, attempt in numbered:
            first.setdefault(attempt.id, (number, attempt))
        repair: list[str] = []
        for number, attempt in first.values():
            try:
                saved = self.store.get_attempt(attempt.id)
            except CorruptDatabaseError:
                # The row is unreadable (its card or date), but if its question and answer
                # are this line's, the line is a good copy of it: restore that.
                if self.store.answers([attempt.id]) != [(attempt.question_id, attempt.answer)]:
                    short = attempt.id[:SHORT_ID]
                    raise BadInputError(
                        f"{path}:{number}: the attempt {short} saved in the database is "
                        "unreadable, and this line holds another answer under its id: "
                        f"`coachkit delete {short}` deletes the unreadable one; then import "
                        "again. Nothing was imported."
                    ) from None
                repair.append(attempt.id)
                continue
            if saved is not None and not same_attempt(saved, attempt):
                # Skipped as "already present", it would be lost without a word.
                raise BadInputError(
                    f"{path}:{number}: an attempt with the id {attempt.id[:SHORT_ID]}... is "
                    "already saved, with another answer: give this line another id (or "
                    "none); nothing was imported."
                )
        attempts = [attempt for _, attempt in first.values()]
        added = self.store.add_attempts(attempts, replacing=repair)
        return ImportResult(
            added=added - len(repair),
            present=len(attempts) - added,
            repaired=len(repair),
            repeated=len(numbered) - len(first),
            attempts=tuple(attempts),
        )

    def _saved_as(self, attempt: Attempt) -> bool:
        """Whether ``attempt`` is saved already as it is: its answer, under its category."""
        try:
            saved = self.store.get_attempt(attempt.id)
        except CorruptDatabaseError:
            return False  # unreadable: the import restores it only if the line is right
        return (
            saved is not None
            and same_attempt(saved, attempt)
            and saved.category == attempt.category
        )

    # -- drafts -------------------------------------------------------------
    def save_draft(
        self,
        key: str,
        text: str,
        *,
        over: str | Unread | None = UNREAD,
        writer: str | None = None,
    ) -> str | None:
        """Save a draft; with ``over``, what another window saved meanwhile is kept and
        returned (see ``Store.save_draft``). A kept mock interview is saved without the
        answers deleted from the history since (an open view still holds them)."""
        return self.store.save_draft(
            key,
            text,
            over=over,
            writer=writer,
            prune=lambda text, saved: without_deleted_answers(key, text, saved),
        )

    def load_draft(self, key: str) -> str | None:
        return self.store.load_draft(key)

    def swap_draft(self, key: str, old: str, new: str) -> bool:
        """Save ``new`` only while the draft is still ``old`` (see ``Store.swap_draft``)."""
        return self.store.swap_draft(key, old, new)

    def kept_drafts(self, key: str) -> list[KeptDraft]:
        """Drafts other windows saved under ``key`` that saves here went over, newest first."""
        return self.store.kept_drafts(key)

    def forget_kept_drafts(self, kept: Sequence[KeptDraft]) -> None:
        self.store.forget_kept_drafts(kept)

    def draft_keys(self, prefix: str) -> list[str]:
        """Keys of the saved drafts that start with ``prefix``, newest first."""
        return self.store.draft_keys(prefix)


def _unwritable(path: Path, exc: OSError) -> str:
    """An export the file system refused, said of the file asked for: not as the partial
    file beside it (a name the user never gave) nor as an errno, with what to do."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        # History and export still work on a full disk: another disk is the way out.
        fix = "free some space on that disk, or name a file on another one"
    else:
        fix = "name a file in a folder you can write to"
    return f"Cannot write {path} ({paths.os_reason(exc)}): {fix}. Nothing was written."


def _log_kept_calls(store: Store) -> None:
    """Write what a failed store kept an LLM score from writing (its calls' log, its
    cached card: see LLMScorer), if any: a save is a write that may work now, and the
    CLI ends after it. Nothing to do where no LLM was loaded."""
    if "coachkit.llm.usage" not in sys.modules:
        return  # not imported by a save: it would cost the CLI a tenth of a second
    from .llm.usage import UsageLog

    with suppress(StoreError):
        UsageLog(store).log_kept()


def _config_stamp() -> tuple[object, ...]:
    """What changes when a config file is edited, saved or replaced (or appears or goes),
    and the variables that choose or override one."""
    names = ("COACHKIT_CONFIG", "COACHKIT_SCORER", "COACHKIT_FALLBACK", "COACHKIT_TRANSCRIBER")
    stamp: list[object] = [os.environ.get(name) for name in names]
    personal = paths.personal_config_path()
    for path in (paths.config_path(), *([personal] if personal else [])):
        try:
            info = path.stat()
            stamp.append((str(path), info.st_mtime_ns, info.st_size, info.st_ino))
        except OSError:
            stamp.append((str(path), None))
    return tuple(stamp)


def role_problem(
    role: str | None, bank: QuestionBank, origin: str = "your config", keeper: str = ""
) -> str | None:
    """Why ``role`` (``practice.role``, set in ``origin``) cannot be followed with
    ``bank``, and what to do (``keeper``: who can fix it, when not the user); None when
    it can, or is not set ("any" is every role)."""
    roles = bank.roles()
    if role is None or role == ANY_ROLE or role in roles:
        return None
    close = difflib.get_close_matches(role, roles, n=1, cutoff=0.6)
    hint = f": did you mean {close[0]!r}? " if close else ". "
    left_out = " (is its question file among those left out?)" if bank.problems else ""
    return (
        f"practice.role in {origin} is {role!r}, a role no question is for{left_out}"
        f"{hint}Questions for every role are offered meanwhile.{f' {keeper}' if keeper else ''} "
        f"The roles: {', '.join(roles)}."
    )
