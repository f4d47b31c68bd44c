"""An answer that could not be scored or saved, kept in a file of its own in unscored/
until it is, and removed once it is."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from .. import paths
from ..unscored import new_answer_file
from .output import stderr

__all__ = ["NO_SAVE", "forget_kept_copy", "keep_unscored", "still_kept"]

NO_SAVE = "--no-save"


def keep_unscored(
    question_id: str,
    answer: str,
    problem: str,
    code: int,
    scorer: str | None = None,
    flags: Sequence[str] = (),
) -> int:
    """Scoring or saving failed on an answer that exists nowhere else: keep it, say where,
    and how to score it again with the ``scorer`` and ``flags`` (``--no-save``) asked for."""
    folder = paths.unscored_dir()
    try:
        path = new_answer_file(folder, question_id, answer)
    except OSError as error:
        # Said plainly, and the answer is not echoed back: it may be a megabyte.
        kept = (
            f"Your answer could not be kept ({error.strerror or error}: {folder}); it is not "
            "saved anywhere, so keep your own copy."
        )
    else:
        again = (
            f"`coachkit score {question_id} --answer-file {shlex.quote(str(path))}"
            # the scorer the user chose, not the config's default
            + (f" --scorer {shlex.quote(scorer)}" if scorer else "")
            + "".join(f" {flag}" for flag in flags)
            + "`"
        )
        if NO_SAVE in flags:
            # Asked to save nothing, yet kept: it was piped in, so it is nowhere else.
            kept = (
                f"Your answer is kept in {path} all the same (--no-save saves no "
                f"attempt, but an answer piped in exists nowhere else): score it again "
                f"with {again}, then delete the file."
            )
        else:
            kept = f"Your answer is saved in {path}: score it again with {again}."
    stderr(f"coachkit: {problem} {kept}\n")  # still one line, as every error
    return code


def forget_kept_copy(name: str) -> None:
    """Once its answer is saved, remove a copy ``keep_unscored`` kept, so the copies
    left there are the answers still waiting. Only a regular file directly in this
    COACHKIT_HOME's unscored/ folder is removed; the note goes to stderr (--json)."""
    path = Path(name)
    try:
        if not _in_unscored(path) or path.is_symlink() or not path.is_file():
            return
        path.unlink()
    except OSError as error:
        stderr(
            f"coachkit: your answer is saved, but its kept copy {_shown(path)} could not be "
            f"removed ({error.strerror or error}); delete it yourself.\n"
        )
        return
    stderr(f"coachkit: your answer is saved, so its kept copy {_shown(path)} was removed.\n")


def still_kept(name: str) -> None:
    """After ``--no-save`` scored a copy ``keep_unscored`` kept: say it is still there.
    It is not removed, as a saved one is: the card does not hold the whole answer, and
    it was not saved anywhere else."""
    path = Path(name)
    try:
        kept = _in_unscored(path) and path.is_file()
    except OSError:
        return
    if kept:
        stderr(
            f"coachkit: not saved (--no-save); your answer is still kept in {_shown(path)}: "
            "delete it once you no longer need it, or score it without --no-save to save "
            "it (which removes the file).\n"
        )


def _in_unscored(path: Path) -> bool:
    """Whether ``path`` (relative to the working folder, or not) is directly in this
    COACHKIT_HOME's unscored/ folder, links and ``..`` followed."""
    return path.absolute().parent.resolve() == paths.unscored_dir().resolve()


def _shown(path: Path) -> Path:
    """A kept copy as ``keep_unscored`` named it: in the home as the user set it (a linked
    home not followed), never ``repo/../home/unscored/...`` for a relative --answer-file."""
    return paths.unscored_dir() / path.name
