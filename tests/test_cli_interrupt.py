"""Ctrl-C while the ``coachkit`` command is still starting (its imports, before any
command runs), and a second one while the first is handled. Each test holds one import,
or one write, until the signal comes, so the moment is exact, not a matter of timing."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from coachkit.cli import main

# Before the command's own code: the console script's import (`from coachkit.cli import
# main`), or `python -m coachkit`. The held import stops, says so on fd HELD_FD, and
# waits for the signal.
HOLD = """
import os, sys, time
from importlib.abc import MetaPathFinder

class Hold(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == {held!r}:
            os.write({fd}, b"held")
            time.sleep(120)
        return None

sys.meta_path.insert(0, Hold())
"""

(SCRIPT,) = entry_points(group="console_scripts", name="coachkit")
CONSOLE = f"from {SCRIPT.module} import {SCRIPT.attr}\nsys.exit({SCRIPT.attr}())\n"
MODULE = "import runpy\nrunpy.run_module('coachkit', run_name='__main__', alter_sys=True)\n"


def interrupted_at(held: str, start: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``start`` (the command's first lines) with ``args``, send SIGINT once the
    import of ``held`` begins, and return how it ended."""
    read, write = os.pipe()
    code = HOLD.format(held=held, fd=write) + start
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        pass_fds=(write,),
    )
    os.close(write)
    try:
        said = os.read(read, 4)  # b"": it ended without importing ``held``
        if said:
            proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(read)
        if proc.poll() is None:
            proc.kill()
    assert said == b"held", f"{held} was never imported: {err}"
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize("start", [CONSOLE, MODULE], ids=["console-script", "python-m"])
@pytest.mark.parametrize(
    "held",
    [
        "pydantic",  # the models, loaded by nearly every command
        "yaml",  # the config and the bank
        "coachkit.cli.parser",  # the commands themselves
    ],
)
def test_ctrl_c_while_the_command_loads_is_one_line_and_exit_130(held: str, start: str) -> None:
    result = interrupted_at(held, start, ["questions"])
    assert (result.returncode, result.stdout, result.stderr) == (
        130,
        "",
        "coachkit: interrupted\n",
    )


def test_without_ctrl_c_the_held_command_runs() -> None:
    """The hold itself changes nothing: the same start runs the command to its end."""
    code = HOLD.format(held="no.such.module", fd=2) + CONSOLE
    result = subprocess.run(
        [sys.executable, "-c", code, "questions", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("[")


class _SecondCtrlC(io.StringIO):
    """stderr on which, ``on_write``, a second Ctrl-C comes the moment the first line is
    written; else it comes as the requests cut are logged (``ctrl_c``)."""

    def __init__(self, *, on_write: bool) -> None:
        super().__init__()
        self.on_write = on_write

    def write(self, text: str) -> int:
        first = not self.tell()
        written = super().write(text)
        if first and self.on_write:
            self.ctrl_c()
        return written

    @staticmethod
    def ctrl_c() -> None:
        signal.raise_signal(signal.SIGINT)  # the real signal, to its real handler


def ctrl_c_in_a_command(monkeypatch: pytest.MonkeyPatch, *, on_write: bool) -> _SecondCtrlC:
    """`coachkit questions` stopped by a first Ctrl-C; a second as its end is handled.
    Called in the test itself: pytest sets its own stderr again after the fixtures."""

    def stopped(args: object, out: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("coachkit.cli.parser.questions_command", stopped)
    err = _SecondCtrlC(on_write=on_write)
    monkeypatch.setattr(sys, "stderr", err)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    return err


def test_a_second_ctrl_c_as_the_first_is_said_says_it_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: "coachkit: interrupted" twice, the second Ctrl-C ending the command again."""
    err = ctrl_c_in_a_command(monkeypatch, on_write=True)
    assert main(["questions"], out=io.StringIO()) == 130
    assert err.getvalue() == "coachkit: interrupted\n"
    # A Ctrl-C after the command ends is the caller's again.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_second_ctrl_c_does_not_cut_the_log_of_cut_requests_short(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: the requests a rescore left waiting (which the provider may bill) went
    unlogged when a second Ctrl-C came as they were logged."""
    from coachkit.llm import opencalls

    logged = []

    def abandon() -> int:
        if not logged:
            _SecondCtrlC.ctrl_c()
        logged.append("cut requests")
        return 1

    monkeypatch.setattr(opencalls, "abandon_open_calls", abandon)
    err = ctrl_c_in_a_command(monkeypatch, on_write=False)
    assert main(["questions"], out=io.StringIO()) == 130
    assert logged == ["cut requests"]
    assert err.getvalue() == "coachkit: interrupted\n"
