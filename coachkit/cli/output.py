"""What the commands print: JSON, counted nouns, notes on stderr, and every character
escaped where the terminal could not show it or would act on it."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from typing import TextIO

__all__ = [
    "Printable",
    "count",
    "drop_stdout",
    "many",
    "print_json",
    "printable",
    "stderr",
    "terminal_columns",
    "warn",
]


def print_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def count(number: int, one: str, many: str | None = None) -> str:
    """``1 attempt``, ``2 attempts``; "" for none."""
    if not number:
        return ""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def many(number: int, noun: str) -> str:
    """``0 attempts``, ``1 attempt``, ``2 attempts``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


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


class Printable(io.TextIOBase):
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

    def isatty(self) -> bool:
        """Whether ``stream`` is a terminal: a list then wraps to its width."""
        isatty = getattr(self._stream, "isatty", None)
        return bool(isatty and isatty())


def terminal_columns(out: TextIO) -> int | None:
    """The width of the terminal ``out`` writes to; None when it is not one (a pipe or a
    file keeps one line per row, for grep)."""
    if not out.isatty():
        return None
    return shutil.get_terminal_size().columns  # COLUMNS first, as a user may set it


def stderr(text: str) -> None:
    if sys.stderr is not None:  # closed (2>&-): the exit code still says what happened
        sys.stderr.write(printable(text))


def warn(text: str) -> None:
    """``text`` on stderr as a warning, each of its lines marked as one: a config's
    mistakes, a line each, read as loose lines of their own under only the first mark."""
    stderr("".join(f"coachkit: warning: {line}\n" for line in text.splitlines()))


def drop_stdout() -> None:
    """Send what is left for stdout to /dev/null: its reader went away (`| head -1`), and
    each later write, Python's own at exit too, would fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # none, or not a file (tests, embedders)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)
