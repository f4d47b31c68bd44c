"""Writing choices made in the notebooks back to the config file, keeping the rest as typed.

With a shared config (``COACHKIT_CONFIG``, e.g. a cohort's on JupyterHub) the choices
go to the user's own settings, ``$COACHKIT_HOME/config.yaml``, never to the shared
file. Every write is atomic: a temporary file in the same folder, renamed over the
old one, so a crash or a full disk leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import paths
from .config import LOCAL, Budget, Config, PracticeSettings, load_config, over_ceiling
from .errors import CoachkitError, ConfigError
from .yamlpos import load as load_yaml
from .yamlpos import undecodable

__all__ = [
    "save_budget",
    "save_practice_plan",
    "save_scorer_choice",
    "save_target",
    "shared_budget",
]

_HEADER = "# coachkit config: see the README for LLM profiles and the practice plan.\n"
_PERSONAL_HEADER = (
    "# Your own coachkit settings, over the shared config {shared} (COACHKIT_CONFIG).\n"
    "# Only scorer, fallback, transcriber, practice and budget (lower than the shared one)\n"
    "# may be set here.\n"
)


def _top_level(key: str) -> str:
    """A top-level key as YAML lets it be written: quoted or not, a space before its
    colon, after a byte-order mark (Notepad's) at the start of the file."""
    return rf"^\ufeff?(?:{key}|\"{key}\"|'{key}')[ \t]*:"


_TOP_LEVEL_SCORER = re.compile(_top_level("scorer") + r"[^\n]*\n?", re.MULTILINE)
# That line's parts: the comment after its value, if any (YAML needs a space before a
# comment's #, a plain value cannot start with #, and a quoted one may hold " #").
_SCORER_LINE = re.compile(
    _top_level("scorer")
    + r"[ \t]*?(?:\"[^\"\n]*\"|'[^'\n]*'|[^#\s][^\n]*?)?(?P<comment>[ \t]+#[^\n]*)?[ \t]*\n?"
)


# A top-level `practice:` entry: its line and the indented lines under it, with the
# blank and comment lines between them (a comment may start at column 0), and a flow
# mapping on the one line too.
def _block(key: str) -> re.Pattern[str]:
    return re.compile(
        _top_level(key) + r"[^\n]*(?:\n(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]+[^\n]*)*\n?", re.MULTILINE
    )


_PRACTICE_BLOCK = _block("practice")
_BUDGET_BLOCK = _block("budget")
# The lines that open the file before its first setting: comments, and YAML's directives
# and document start ("%YAML 1.2", "---"), which a setting put above would end up outside.
_HEADER_LINES = re.compile(r"(?:\ufeff?(?:[ \t]*#[^\n]*|%[^\n]*|---[ \t]*(?:#[^\n]*)?)\n)+")
# A document end marker ("...") and what follows it: a setting added after it is no part
# of the config.
_DOCUMENT_END = re.compile(r"^\.\.\.[ \t]*(?:#[^\n]*)?(?:\n[^\n]*)*\Z", re.MULTILINE)


def save_target(path: Path | None = None) -> tuple[Path, Path | None]:
    """The file a save writes, and the shared config it is layered over (or None).

    With ``COACHKIT_CONFIG`` naming a shared file, a save meant for it (``path``
    None, the shared file, or the personal one) goes to the user's own settings.
    """
    shared, personal = paths.config_path(), paths.personal_config_path()
    if personal is None:
        return path or shared, None
    if path is None or paths.same_file(path, shared) or paths.same_file(path, personal):
        return personal, shared
    return path, None  # a file named by the caller, standing alone


def _scalar(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9._/-]+", name) else json.dumps(name)


def _rewrite(
    path: Path | None,
    pattern: re.Pattern[str],
    entry: Callable[[Path | None], str],
    *,
    first: bool,
    check: Callable[[Config], object] = lambda _config: None,
    update: Callable[[str, Path | None], str | None] = lambda _old, _shared: None,
) -> Path:
    """Replace the entry ``pattern`` finds (or add it), then check the config still loads.

    ``entry`` is given the shared config the file is written over (or None);
    ``update``, the entry found and the same, may edit it in place instead (None:
    it cannot, write ``entry`` over it). On any error the file is put back as it
    was: a config that stops every notebook from starting must never be left behind.
    """
    target, shared = save_target(path)
    _refuse_through_link(target)
    try:
        original = target.read_bytes().decode("utf-8") if target.is_file() else None
    except OSError as exc:
        raise _not_saved(target, exc) from exc
    except UnicodeDecodeError as exc:
        at, problem = undecodable(exc)
        raise ConfigError(f"{target}:{at}: {problem}") from None
    written = entry(shared)
    # Edited with \n, written back with the line endings the file has.
    kept = original  # the file as it was, to put back
    crlf = original is not None and "\r\n" in original
    if original is not None:
        original = original.replace("\r\n", "\n")
    header = _HEADER if shared is None else _PERSONAL_HEADER.format(shared=shared)
    if original is None:
        text = f"{header}{written}"
    elif pattern.search(original):
        text = pattern.sub(lambda m: update(m.group(0), shared) or written, original, count=1)
    elif first:
        # First, but after the comment lines that open the file (its header).
        opening = _HEADER_LINES.match(original)
        at = opening.end() if opening else 0
        text = f"{original[:at]}{written}{original[at:]}"
    else:
        ending = _DOCUMENT_END.search(original)
        body, tail = (original, "") if ending is None else (original[: ending.start()], ending[0])
        separator = "\n" if body and not body.endswith("\n") else ""
        text = f"{body}{separator}{written}{tail}"
    if not text.strip():
        # Its last setting gone (the shared choice is not pinned): the header says what
        # the file is for, where an empty file would look broken; the file stays, as the
        # notebooks said it was saved there.
        text = header
    if crlf:
        text = text.replace("\n", "\r\n")

    def load() -> Config:
        # Over a shared config, the two files as every notebook will read them.
        return load_config(target) if shared is None else load_config(shared, personal=target)

    try:
        _write_atomic(target, text)
    except OSError as exc:
        raise _not_saved(target, exc) from exc
    try:
        check(load())
    except CoachkitError as exc:
        try:
            if kept is None:
                Path(os.path.realpath(target)).unlink(missing_ok=True)
            else:
                _write_atomic(target, kept)
        except OSError as put_back:
            exc.args = (
                f"{exc} Also, {target} could not be put back as it was "
                f"({paths.os_reason(put_back)}): fix the line named, or remove the file.",
            )
            raise
        if kept is not None:
            try:
                load()
            except ConfigError as before:
                # The file was broken before the save: its own problem, at its own lines
                # (not at those of the text that was tried and put back).
                raise before from None
        raise
    return target


def _refuse_through_link(target: Path) -> None:
    """Refuse a save that would go through a link into a file that is not the user's
    own: ``$COACHKIT_HOME/config.yaml`` linked to a cohort's shared config, as the
    questions folder is linked in, would rewrite that file for everyone (as root, or for
    a coach with write access)."""
    own = paths.home() / "config.yaml"
    links = [link for link in (target, own) if link.is_symlink()]
    link = next((link for link in links if paths.same_file(link, target)), None)
    if link is None:
        return
    real = Path(os.path.realpath(target))
    if not _someone_elses(real):
        return
    # With COACHKIT_CONFIG already naming that file, removing the link is all it takes.
    fix = (
        f"Remove the link: COACHKIT_CONFIG already names {real}, so"
        if os.environ.get("COACHKIT_CONFIG", "").strip()
        and paths.same_file(paths.config_path(), real)
        else f"Remove the link and set COACHKIT_CONFIG={real} instead (on a hub, whoever "
        "keeps it, your coach, sets it for everyone):"
    )
    raise ConfigError(
        f"Not saved: {link} is a link to {real}, which is not your own file (a shared "
        "config, perhaps), and saving would change it for everyone who uses it. "
        f"{fix} its settings still apply, and yours are saved in {own}, over them. "
        "Nothing was changed."
    )


def _someone_elses(real: Path) -> bool:
    """Whether ``real`` belongs to another user; for root, who owns every file it may
    write, whether it is outside COACHKIT_HOME."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # Windows: no owners to compare, and links need privileges there
        return False
    try:
        owner = real.stat().st_uid
    except OSError:  # nothing there yet, or unreadable: the save itself says why
        return False
    if owner != geteuid():
        return True
    home = Path(os.path.realpath(paths.home()))
    return geteuid() == 0 and not real.is_relative_to(home)


def _write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``.

    A symlink is followed (its target is replaced, the link stays); the file keeps
    its permissions, and a new one is readable by its owner only.
    """
    real = Path(os.path.realpath(path))
    paths.make_private_dirs(real.parent)
    try:
        mode: int | None = stat.S_IMODE(real.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, temporary = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _not_saved(path: Path, exc: OSError) -> ConfigError:
    """A save the file system refused: which file, why, and what the user can do."""
    if (isinstance(exc, PermissionError) or exc.errno == errno.EROFS) and _linked_in(path):
        own = paths.home() / "config.yaml"
        fix = (
            f"It is the shared config COACHKIT_CONFIG names, kept by whoever set it (your "
            f"coach), and {own} is a link to it: remove that link, and your own settings are "
            "saved there, over the shared config."
        )
    else:
        folder = path.parent
        fix = paths.write_fix(
            folder, exc, "save again", in_home=paths.same_file(folder, paths.home())
        )
    return ConfigError(
        f"Not saved: cannot write {path} ({paths.os_reason(exc)}). {fix} Nothing was changed."
    )


def _linked_in(path: Path) -> bool:
    """Whether ``path`` is the shared config (COACHKIT_CONFIG) reached through a link
    the user's own ``config.yaml`` is, which makes the one file theirs to save to."""
    own = paths.home() / "config.yaml"
    return (
        bool(os.environ.get("COACHKIT_CONFIG", "").strip())
        and own.is_symlink()
        and paths.same_file(own, paths.config_path())
        and paths.same_file(path, own)
    )


def save_scorer_choice(name: str, path: Path | None = None) -> Path:
    """Write ``scorer: name`` into the config file, keeping everything else as it was.

    Returns the file written: the user's own settings when a shared config is in use.
    """

    def entry(shared: Path | None) -> str:
        # The shared config's own choice is not pinned: the coach may change it later.
        if shared is not None and _shared_scorer(shared) == name:
            return ""
        return f"scorer: {_scalar(name)}\n"

    def update(line: str, shared: Path | None) -> str | None:
        # A note after the old value ("scorer: local  # until the interview") stays.
        written, parts = entry(shared), _SCORER_LINE.fullmatch(line)
        if not written or parts is None or not parts["comment"]:
            return None
        return f"{written.rstrip()}{parts['comment']}\n"

    return _rewrite(
        path,
        _TOP_LEVEL_SCORER,
        entry,
        first=True,
        # COACHKIT_SCORER may override the file when loading: check the name written.
        check=lambda config: config.check_name(name),
        update=update,
    )


def _shared_data(shared: Path) -> dict[str, Any] | None:
    """The shared config as written; None when it cannot be read (loading says why)."""
    try:
        data = load_yaml(shared.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # too deep too: load says why
        return None
    return data if isinstance(data, dict) else None


def _shared_scorer(shared: Path) -> str:
    data = _shared_data(shared)
    return "" if data is None else str(data.get("scorer") or LOCAL)


def save_practice_plan(plan: PracticeSettings, path: Path | None = None) -> Path:
    """Write the ``practice:`` section (new questions a day, interview date, role).

    Over a shared config only what differs from the shared plan is written, so the
    coach's later changes still reach the user; an empty date or role the shared plan
    sets is written as ``null`` (the user's own settings win field by field).
    """

    read: dict[Path, PracticeSettings] = {}  # the shared plan, read once per save

    def values(shared: Path | None) -> dict[str, str | None]:
        """Each key's value as written; None leaves the key out."""
        date = plan.interview_date.isoformat() if plan.interview_date else None
        written: dict[str, str | None] = {
            "new_per_day": str(plan.new_per_day),
            "interview_date": date,
            "role": plan.role,
        }
        if shared is None:
            return written
        if shared not in read:
            read[shared] = _shared_plan(shared)
        theirs = read[shared]
        return {
            key: None if getattr(plan, key) == getattr(theirs, key) else (value or "null")
            for key, value in written.items()
        }

    entry, update = _block_edits("practice", values)
    return _rewrite(path, _PRACTICE_BLOCK, entry, first=False, update=update)


def _shared_plan(shared: Path) -> PracticeSettings:
    """The practice plan the shared config sets (the defaults where it sets none)."""
    practice = (_shared_data(shared) or {}).get("practice")
    try:
        return PracticeSettings.model_validate(practice or {})
    except ValidationError:
        return PracticeSettings()  # a broken shared file: its own errors say so on load


def shared_budget(shared: Path) -> Budget:
    """The budget the shared config sets (the defaults where it sets none): the most
    the user's own settings may allow."""
    budget = (_shared_data(shared) or {}).get("budget")
    try:
        return Budget.model_validate(budget or {})
    except ValidationError:
        return Budget()  # a broken shared file: its own errors say so on load


def _limit(key: str, value: float | None) -> str:
    """A limit as written: null for none, dollars with their cents, a count whole."""
    if value is None:
        return "null"
    if key == "usd_per_day" and round(value, 2) == value:
        return f"{value:.2f}"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def save_budget(budget: Budget, path: Path | None = None) -> Path:
    """Write the ``budget:`` section (LLM scores per hour, dollars per day).

    Over a shared config the shared budget is a ceiling (its keeper's key pays): a
    limit above it, or none under it, is a ConfigError and nothing is written; only
    the limits lower than the shared ones are written, so the coach's later changes
    still reach the user where they set none of their own.
    """
    read: dict[Path, Budget] = {}  # the shared budget, read once per save

    def values(shared: Path | None) -> dict[str, str | None]:
        """Each key's value as written; None leaves the key out."""
        written: dict[str, str | None] = {
            key: _limit(key, getattr(budget, key)) for key in Budget.model_fields
        }
        if shared is None:
            return written
        if shared not in read:
            read[shared] = shared_budget(shared)
        theirs = read[shared]
        return {
            key: None if getattr(budget, key) == getattr(theirs, key) else value
            for key, value in written.items()
        }

    entry, update = _block_edits("budget", values)

    _, shared = save_target(path)
    if shared is not None:
        ceiling = shared_budget(shared)
        limits = {key: getattr(budget, key) for key in Budget.model_fields}
        if problems := over_ceiling(limits, ceiling):
            said = "; ".join(problems.values())
            raise ConfigError(
                f"Not saved: {said[0].upper()}{said[1:]}. The shared config is {shared} (set by "
                "COACHKIT_CONFIG). Nothing was changed."
            )
    return _rewrite(path, _BUDGET_BLOCK, entry, first=False, update=update)


# One `key: value` line of a block mapping, and the comment after it (YAML needs a
# space before a comment's #, so "a#b" is one value).
_KEY_LINE = re.compile(
    r"^(?P<indent>[ \t]+)(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*"
    r"(?P<value>\"[^\"\n]*\"|'[^'\n]*'|[^\n]*?)(?P<comment>[ \t]+#[^\n]*)?[ \t]*$"
)


# The comment after a flow mapping that ends on its first line: "{new_per_day: 5}  # mine".
_FLOW_COMMENT = re.compile(r"\}(?P<comment>[ \t]+#[^\n]*)$")


def _block_edits(
    name: str, values: Callable[[Path | None], dict[str, str | None]]
) -> tuple[Callable[[Path | None], str], Callable[[str, Path | None], str | None]]:
    """How a ``name:`` block of settings is written new (``entry``) and edited in place
    (``update``), from each key's value as written (``values``; None leaves it out)."""

    def entry(shared: Path | None) -> str:
        kept = [f"  {key}: {value}" for key, value in values(shared).items() if value]
        return "\n".join([f"{name}:", *kept]) + "\n" if kept else ""

    def update(block: str, shared: Path | None) -> str | None:
        given = values(shared)
        if not any(given.values()):
            return None  # nothing of the user's own: the block goes (see entry)
        return _edit_block(block, given)

    return entry, update


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _edit_block(block: str, values: dict[str, str | None]) -> str | None:
    """``block`` (a top-level mapping in block style) with ``values`` set in place, so
    its comments, order and blank lines stay as the user wrote them: a changed value
    keeps the comment after it, a key set to None goes, a key not there yet comes
    last. A flow mapping is written afresh as a block, keeping a comment after it;
    None for one that runs over several lines (written afresh, comments and all)."""
    head, *body = block.split("\n")
    indent = "  "
    if re.sub(r"[ \t]+#.*$", "", head).rstrip() != head.split(":", 1)[0] + ":":
        # "practice: {new_per_day: 5}  # mine": written afresh as a block, the comment kept.
        after = _FLOW_COMMENT.search(head)
        if after is None or any(line.strip() for line in body):
            return None
        fresh = [f"{indent}{key}: {value}" for key, value in values.items() if value is not None]
        return "\n".join([head.split(":", 1)[0] + ":" + after["comment"], *fresh, *body])
    lines = [head]
    pending = dict(values)
    for line in body:
        found = _KEY_LINE.match(line)
        if found is None or found["key"] not in pending:
            lines.append(line)  # a comment, a blank line, or a key coachkit does not set
            continue
        indent = found["indent"]
        value = pending.pop(found["key"])
        if value is not None:
            lines.append(f"{indent}{found['key']}: {value}{found['comment'] or ''}")
        else:
            # A key that goes takes the comment lines right above it, at its indent (its
            # note), along; a comment elsewhere is left as it was.
            while len(lines) > 1 and lines[-1].startswith(f"{indent}#"):
                lines.pop()
    # New keys after the last key, before the comments and blank lines that end the block
    # (a trailing comment is often a key commented out, or a note on what follows).
    end = len(lines)
    while end > 1 and (not lines[end - 1].strip() or _is_comment(lines[end - 1])):
        end -= 1
    added = [f"{indent}{key}: {value}" for key, value in pending.items() if value is not None]
    return "\n".join([*lines[:end], *added, *lines[end:]])
