"""Writing choices made in the notebooks back to the config file, keeping the rest as typed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from . import paths
from .config import Config, PracticeSettings, load_config
from .errors import CoachkitError

__all__ = ["save_practice_plan", "save_scorer_choice"]

_HEADER = "# coachkit config: see the README for LLM profiles and the practice plan.\n"
_TOP_LEVEL_SCORER = re.compile(r"^scorer:[^\n]*\n?", re.MULTILINE)
# A top-level `practice:` entry: its line and the indented lines under it, blank lines
# between them included (a flow mapping on the one line works too).
_PRACTICE_BLOCK = re.compile(r"^practice:[^\n]*(?:\n(?:[ \t]*\n)*[ \t]+[^\n]*)*\n?", re.MULTILINE)


def _scalar(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9._/-]+", name) else json.dumps(name)


def _rewrite(
    path: Path,
    pattern: re.Pattern[str],
    entry: str,
    *,
    first: bool,
    check: Callable[[Config], object] = lambda _config: None,
) -> Path:
    """Replace the entry ``pattern`` finds (or add it), then check the file still loads.

    On any error the file is put back as it was: a config that stops every notebook
    from starting must never be left behind.
    """
    original = path.read_text(encoding="utf-8") if path.is_file() else None
    if original is None:
        text = f"{_HEADER}{entry}"
    elif pattern.search(original):
        text = pattern.sub(lambda _m: entry, original, count=1)
    elif first:
        text = f"{entry}{original}"
    else:
        separator = "\n" if original and not original.endswith("\n") else ""
        text = f"{original}{separator}{entry}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        check(load_config(path))
    except CoachkitError:
        if original is None:
            path.unlink()
        else:
            path.write_text(original, encoding="utf-8")
        raise
    return path


def save_scorer_choice(name: str, path: Path | None = None) -> Path:
    """Write ``scorer: name`` into the config file, keeping everything else as it was."""
    return _rewrite(
        path or paths.config_path(),
        _TOP_LEVEL_SCORER,
        f"scorer: {_scalar(name)}\n",
        first=True,
        # COACHKIT_SCORER may override the file when loading: check the name written.
        check=lambda config: config.check_name(name),
    )


def save_practice_plan(plan: PracticeSettings, path: Path | None = None) -> Path:
    """Write the ``practice:`` section (new questions a day, interview date)."""
    lines = ["practice:", f"  new_per_day: {plan.new_per_day}"]
    if plan.interview_date is not None:
        lines.append(f"  interview_date: {plan.interview_date.isoformat()}")
    return _rewrite(
        path or paths.config_path(), _PRACTICE_BLOCK, "\n".join(lines) + "\n", first=False
    )
