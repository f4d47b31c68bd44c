"""Ctrl-C while the ``coachkit`` command is still starting: its imports, before any
command runs. Each test holds one import until the signal comes, so the moment is
exact, not a matter of timing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

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
