"""Where coachkit keeps the user's state: one folder, moved by ``COACHKIT_HOME``."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from platformdirs import user_data_path

from .errors import BadInputError

__all__ = [
    "bundled_questions_dir",
    "charts_dir",
    "config_path",
    "db_path",
    "home",
    "linked_in",
    "make_private_dirs",
    "os_reason",
    "output_file",
    "personal_config_path",
    "private_file",
    "reports_dir",
    "same_file",
    "unscored_dir",
    "user_questions_dir",
    "write_fix",
]


def home() -> Path:
    """The folder holding the database, config and user questions.

    ``COACHKIT_HOME`` wins; otherwise the platform's user data dir. The folder
    is not created here: reading commands must not leave files behind.
    """
    override = os.environ.get("COACHKIT_HOME", "").strip()
    return Path(override).expanduser() if override else user_data_path("coachkit", appauthor=False)


def db_path() -> Path:
    return home() / "coachkit.db"


def config_path() -> Path:
    override = os.environ.get("COACHKIT_CONFIG", "").strip()
    return Path(override).expanduser() if override else home() / "config.yaml"


def personal_config_path() -> Path | None:
    """The user's own settings over a shared config, or None when there is none.

    When ``COACHKIT_CONFIG`` names a shared file (a cohort's, on JupyterHub),
    ``$COACHKIT_HOME/config.yaml`` holds the user's own choices layered over it,
    and is where the notebooks save them. None without ``COACHKIT_CONFIG``, or when
    it names that very file: then the one file is the user's own.
    """
    if not os.environ.get("COACHKIT_CONFIG", "").strip():
        return None
    own = home() / "config.yaml"
    return None if same_file(own, config_path()) else own


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (links and ``..`` followed; neither need exist)."""
    return first == second or os.path.realpath(first) == os.path.realpath(second)


def shared_folder(folder: Path) -> str | None:
    """The real path of a questions folder that is itself a link (a cohort's folder
    linked into each home, as the README sets it up), where its keeper edits it; None
    for a folder of its own. As in ``linked_in``, a link further up does not count."""
    return os.path.realpath(folder) if folder.is_symlink() else None


def linked_in(path: Path) -> Path | None:
    """Where a question file really is when it, or its folder, is a link (a cohort's
    folder linked into each home, as the README sets it up): the real folder; None
    otherwise. A link further up (a home on a network disk behind /home) makes nothing
    someone else's, so it does not count."""
    if path.is_symlink() or path.parent.is_symlink():
        return Path(os.path.realpath(path)).parent
    return None


def os_reason(exc: OSError) -> str:
    """Why the file system refused, in a few lower-case words ("permission denied")."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    text = exc.strerror or str(exc) or exc.__class__.__name__
    return text[:1].lower() + text[1:]


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_fix(folder: Path, exc: OSError, again: str, *, in_home: bool) -> str:
    """What a user can do when writing into ``folder`` failed with ``exc``, ending with
    ``again`` (how to retry: "save again"); ``in_home``: whether moving COACHKIT_HOME
    moves the folder too, so that a writable home is a way out."""
    if exc.errno in _FULL:
        return f"Free some space on that disk (or ask for a bigger quota), then {again}."
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        fix = f"Make {folder} writable for you"
        if in_home:
            fix += ", or set COACHKIT_HOME to a folder you can write and restart Jupyter"
        return fix + "."
    return f"Check that {folder} is a folder you can write, then {again}."


@contextmanager
def private_file(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for writing, created readable by its owner alone (0600): a report
    or chart holds answers, which an export keeps private too. An empty file there is
    made 0600 as well (one made under umask 002 is the group's); a file with something
    in it keeps the mode its owner gave it.

    It is written beside ``path`` and renamed over it once complete, so a failure or a
    Ctrl-C leaves the earlier file whole; a symlink is written through."""
    target = output_file(path)
    try:
        kept = target.stat()
        mode = stat.S_IMODE(kept.st_mode) if kept.st_size else None
    except FileNotFoundError:
        mode = None
    # A name of its own, made 0600 (mkstemp): two saves of one file at once (two
    # notebooks, the same second) each write their own, and the last rename wins whole.
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".partial", dir=target.parent
    )
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        if mode is not None:
            os.chmod(partial, mode)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing folders above it, each readable by its owner
    alone (0700). Answers hold employers, failures and salary talk: on a shared machine
    (a JupyterHub with 0755 homes) a folder made with the usual umask lets every user
    in. A folder that already exists keeps the mode its owner gave it.
    """
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            if not path.is_dir():
                raise


def user_questions_dir() -> Path:
    return home() / "questions"


def unscored_dir() -> Path:
    """Where an answer that could not be scored or saved is kept, a file each."""
    return home() / "unscored"


def reports_dir() -> Path:
    """Where a mock interview's report is saved."""
    return home() / "reports"


def charts_dir() -> Path:
    """Where Save PNG writes the progress charts."""
    return home() / "charts"


def bundled_questions_dir() -> Path:
    """The shipped bank: inside the wheel, or ``questions/`` of a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "_questions", package.parent / "questions"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "The bundled question bank is missing; reinstall coachkit (pip install -e .)."
    )


def output_file(path: Path, example: str = "out") -> Path:
    """The regular file that writing ``path`` should replace: symlinks followed
    (``example`` is a file name to suggest when ``path`` is a folder).

    A file written beside ``path`` and renamed over it would replace a symlink
    (leaving its target stale) or a device such as /dev/stdout: the rename goes to
    the link's target instead, and anything that is not a regular file is refused.
    """
    # os.stat follows links as the kernel does, /proc/self/fd/N included.
    if path.is_dir():
        raise BadInputError(
            f"Cannot write {path}: it is a folder. Give a file name, e.g. {path / example}."
        )
    if path.exists() and not path.is_file():
        raise BadInputError(
            f"Cannot write {path}: it is not a regular file (a device, pipe or socket). "
            "Give the name of a file to write, e.g. attempts.jsonl."
        )
    return path.resolve()  # a dangling link resolves to the file it will create
