"""The CLI at its edges: bad paths, odd input, pipes, and --json that is always JSON."""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coachkit.cli import build_parser, main

ANSWER = (
    "In 2023 I was the backend lead at Lumen and I owned the billing migration. "
    "I skipped a rehearsal and we missed launch by three weeks. Since then I rehearse "
    "every migration on a full copy, and the next two shipped on time."
)


def run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def piped(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """stdin as a pipe delivers it: bytes underneath, possibly not UTF-8."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_an_answer_on_stdin_that_is_not_utf8_is_refused_before_scoring(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    piped(monkeypatch, b"I led \xff\xfe the team in 2023.")
    assert run(["score", "time-you-failed"]) == (2, "")
    err = capsys.readouterr().err
    assert "not UTF-8 text (byte 0xff on line 1): send it as UTF-8" in err
    assert err.count("\n") == 1 and "--answer-file" not in err  # which refuses it too
    assert not coachkit_home.exists()  # nothing scored, nothing saved


def test_an_answer_on_stdin_after_a_bom_names_the_byte_that_is_not_utf8(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    """After a BOM (Windows Notepad) the byte named was 3 places off: 'byte 0x6f' (the o
    of 'ok') for the 0xff that is not UTF-8."""
    piped(monkeypatch, b"\xef\xbb\xbfok \xff")
    assert run(["score", "time-you-failed"]) == (2, "")
    assert "not UTF-8 text (byte 0xff on line 1)" in capsys.readouterr().err


def test_a_file_that_is_not_utf8_names_its_line_and_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It printed Python's codec error ("'utf-8' codec can't decode byte 0xff in
    position 10: invalid start byte")."""
    answer = tmp_path / "answer.txt"
    answer.write_bytes(b"In 2023 I led\nthe \xff team.")
    assert run(["score", "time-you-failed", "--answer-file", str(answer)])[0] == 2
    utf16 = tmp_path / "export.jsonl"
    utf16.write_bytes("{}".encode("utf-16"))
    assert run(["import", str(utf16)])[0] == 2
    err = capsys.readouterr().err
    assert f"{answer}:2: byte 0xff is not UTF-8 text: save the file as UTF-8" in err
    assert f"{utf16}:1: byte 0xff is not UTF-8 text" in err and "codec" not in err


def test_a_utf8_answer_on_stdin_keeps_every_character(monkeypatch: pytest.MonkeyPatch) -> None:
    piped(monkeypatch, "\ufeff".encode() + ANSWER.replace("Lumen", "Lümen").encode())
    code, out = run(["score", "time-you-failed", "--json"])
    assert code == 0 and "Lümen" in json.loads(out)["dimensions"]["situation"]["evidence"][0]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["export", "--out", "{tmp}/no-such-folder/x.jsonl"], "the folder"),
        (["export", "--out", "{tmp}"], "is a folder"),
        (["progress", "--out", "{tmp}/chart.txt"], "name a .png, .svg or .pdf file"),
        (["progress", "--out", "{tmp}/chart"], "e.g. {tmp}/chart.png"),
        (
            ["progress", "--out", "{tmp}/chart.png", "--window", "0"],
            "a whole number from 1 to 1,000,000",
        ),
    ],
)
def test_bad_output_paths_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert run(args) == (2, "")
    err = capsys.readouterr().err
    assert fragment.replace("{tmp}", str(tmp_path)) in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["home"])


@pytest.mark.parametrize("name", ["attempts.jsonl", "chart.png"])
def test_a_folder_that_cannot_be_written_names_the_file_asked_for(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    """On a read-only disk, export and progress said "cannot use <folder>/.chart.png.
    k2j1x.partial: Read-only file system. Check the path (and COACHKIT_HOME, where your
    data lives)": a file never asked for, and a setting unrelated to it."""
    import errno

    # What a read-only file system does to the file written beside the one asked for
    # (a test run as root could write into a folder made read-only by its mode).
    def refused(path: Any) -> OSError:
        return OSError(errno.EROFS, "Read-only file system", str(path))

    real_open, real_unlink = os.open, Path.unlink

    def fake_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".partial"):
            raise refused(path)
        return real_open(path, *args, **kwargs)

    def fake_unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name.endswith(".partial"):
            raise refused(self)
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(Path, "unlink", fake_unlink)
    out = tmp_path / name
    command = "export" if name.endswith(".jsonl") else "progress"
    assert run([command, "--out", str(out)]) == (2, "")
    assert capsys.readouterr().err == (
        f"coachkit: Cannot write {out} (read-only file system): name a file in a folder you "
        "can write to. Nothing was written.\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (28, "no space left on device): free some space on that disk, or name a file on "),
        (30, "read-only file system): name a file in a folder you can write to."),
        (2, "no such file or directory): name a file in a folder you can write to."),
    ],
)
def test_an_export_the_disk_refuses_says_what_to_do_and_keeps_the_earlier_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    said: str,
) -> None:
    """On a full disk (or /proc) export said "Cannot write out.jsonl: [Errno 28] No space
    left on device: '.out.jsonl.partial'": an errno, a file never asked for, and nothing
    to do. Only the partial file's open fails here, as on a real disk (its removal works)."""
    out = tmp_path / "attempts.jsonl"
    out.write_text("", encoding="utf-8")  # an earlier, empty export: left as it was
    real_open = os.open

    def fake_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".partial"):
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    assert run(["export", "--out", str(out)]) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith(f"coachkit: Cannot write {out} ({said}")
    assert err.endswith(" Nothing was written.\n") and err.count("\n") == 1
    assert "partial" not in err and "Errno" not in err
    assert out.read_text(encoding="utf-8") == ""
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == [out.name]


def test_a_dash_for_a_file_is_refused_not_made_a_file_named_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --out -` wrote every answer to a file named '-' in the working folder
    ("Exported 3 attempts to -."), and `import -` said "Cannot read - (no such file)"."""
    monkeypatch.chdir(tmp_path)
    assert run(["export", "--out", "-"]) == (2, "")
    assert run(["progress", "--out", "-"]) == (2, "")
    assert run(["import", "-"]) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        "coachkit: --out - names no file: this command writes a file, not standard output. "
        "Give a file name, e.g. attempts.jsonl.",
        "coachkit: --out - names no file: this command writes a file, not standard output. "
        "Give a file name, e.g. progress.png.",
        "coachkit: `coachkit import` reads a file, not standard input: give the name of the "
        "file `coachkit export --out` wrote, e.g. attempts.jsonl.",
    ]
    assert not (tmp_path / "-").exists()


def test_export_refuses_to_overwrite_the_database(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    assert run(["score", "time-you-failed"])[0] == 0
    database = coachkit_home / "coachkit.db"
    # The score's store closes when collected, moving its WAL into the file: the bytes
    # compared must be those after that, or the timing of a collection decides the test.
    gc.collect()
    before = database.read_bytes()
    assert run(["export", "--out", str(database)]) == (2, "")
    assert "is your coachkit database" in capsys.readouterr().err
    assert database.read_bytes() == before


def test_a_home_that_is_a_file_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    monkeypatch.setenv("COACHKIT_HOME", str(home))
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    code, out = run(["score", "time-you-failed"])
    assert code == 2 and "Saved as attempt" not in out  # the card is shown, not saved
    err = capsys.readouterr().err
    assert err.startswith("coachkit: ") and err.count("\n") == 1 and "Traceback" not in err
    assert str(home) in err and "COACHKIT_HOME" in err
    assert f"{home} is a file, not a folder" in err and "disk has space" not in err
    assert "could not be kept" in err and ANSWER not in err


@pytest.mark.parametrize(
    ("args", "empty"),
    [
        (["usage", "--json"], []),
        (["config", "check", "--json"], []),
        (["rescore", "--scorer", "local", "--json"], {"scorer": "local", "mean_change": None}),
    ],
)
def test_json_is_json_even_when_there_is_nothing_to_show(args: list[str], empty: object) -> None:
    code, out = run(args)
    data = json.loads(out)
    assert code == 0
    if isinstance(empty, dict):
        assert {k: data[k] for k in empty} == empty and data["rows"] == []
    else:
        assert data == empty


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The working folder a temp one, with an answer.txt in it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answer.txt").write_text(ANSWER, encoding="utf-8")


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["questions", "--role", "Backend"], "Unknown role 'Backend'. Did you mean: backend?"),
        (["next", "--tag", "failur"], "Unknown tag 'failur'. Did you mean: failure?"),
        (["questions", "--bogus"], "unrecognized arguments: --bogus (see `coachkit questions"),
        (["config"], "required: show|check (see `coachkit config --help`)"),
        (["scroe"], "invalid choice: 'scroe' (choose from 'questions', "),
        (["scroe"], "Did you mean: score? (see `coachkit --help`)"),
        (["config", "shwo"], "Did you mean: show? (see `coachkit config --help`)"),
        (["questions", "--category", "behavioural"], "Did you mean: behavioral? (see"),
        (["questions", "--jsn"], "--jsn. Did you mean: --json? (see `coachkit questions"),
        (["usage", "--dayz=3"], "--dayz=3. Did you mean: --days? (see `coachkit usage"),
        (["score", "x", "--answer-fil", "a"], "Did you mean: --answer-file?"),
        # Written short, an option is refused, not guessed: "--q" might mean --question
        # today and something else once another option starts with it.
        (["questions", "--j"], "unrecognized arguments: --j. Did you mean: --json?"),
        (["next", "--cat", "behavioral"], "--cat behavioral. Did you mean: --category?"),
        # A word given bare where the command takes it after an option: `import FILE`
        # is bare, `export --out FILE` is not.
        (["score", "x", "answer.txt"], "answer.txt. Did you mean: --answer-file answer.txt?"),
        (["score", "x", "In 2023 I led it."], "is read from stdin or a file: echo '...' | "),
        (["export", "my attempts.jsonl"], "--out. Did you mean: --out 'my attempts.jsonl'?"),
        (["score", "x", "no-such.txt"], "unrecognized arguments: no-such.txt (see `coachkit"),
        (["progress", "--window", "3", "p.png"], "Did you mean: --out p.png? (see `coachkit"),
        (["rescore", "gpt"], "required: --scorer. Did you mean: --scorer gpt? (see"),
        # A filter's value given bare: it was "unrecognized arguments: technical".
        (["questions", "technical"], "technical. Did you mean: --category technical? (see"),
        (["next", "backend"], "backend. Did you mean: --role backend? (see `coachkit next"),
        (["questions", "caching"], "caching. Did you mean: --tag caching? (see"),
        (["next", "--json", "any"], "any. Did you mean: --role any? (see `coachkit next"),
        (["rescore", "--scorer", "gpt", "why", "x"], "unrecognized arguments: x (see"),
        # Before the command's name, an option of its own was offered back as the fix:
        # "unrecognized arguments: --json. Did you mean: --json?"
        (["--json", "history"], "--json. Give options after the command: `coachkit history"),
        # A bare --repeat takes the next word: before the id, the id was "not a number".
        (["score", "--repeat", "why"], "bare --repeat (llm.repeats runs) goes after the "),
        (["config", "--json", "check"], "after the command: `coachkit config check --json`"),
    ],
)
def test_typos_are_named(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert run(args) == (2, "")
    assert message in capsys.readouterr().err


def test_multi_line_prompts_stay_on_one_line(coachkit_home: Path) -> None:
    folder = coachkit_home / "questions"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "questions:\n  - id: my-multi\n    category: behavioral\n    roles: [any]\n"
        "    prompt: |\n      Tell me about a time\n      you changed your mind.\n"
        "    why_asked: w\n    how_to_answer: h\n",
        encoding="utf-8",
    )
    code, out = run(["questions"])
    line = next(line for line in out.splitlines() if line.startswith("my-multi"))
    assert code == 0 and line.endswith("Tell me about a time you changed your mind.")


def test_a_home_that_is_a_file_is_not_shown_as_an_empty_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """history and export said "No attempts yet" and "Exported 0 attempts" (exit 0)."""
    home = tmp_path / "afile"
    home.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("COACHKIT_HOME", str(home))
    assert run(["history"])[0] == 2
    assert run(["export", "--out", str(tmp_path / "x.jsonl")])[0] == 2
    assert f"{home} is a file, not a folder" in capsys.readouterr().err
    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "new-home"))
    code, out = run(["history"])
    assert code == 0 and f"No attempts yet in {tmp_path / 'new-home'}" in out  # where it looked


def test_history_of_a_question_not_yet_practised_does_not_call_the_history_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`history --question why-this-role` said "No attempts yet in <home>" beside attempts
    at other questions."""
    piped(monkeypatch, ANSWER.encode())
    assert run(["score", "time-you-failed"])[0] == 0
    assert run(["history", "--question", "why-this-role"]) == (
        0,
        "No attempts at why-this-role yet: score one with `coachkit score why-this-role`.\n",
    )


def test_history_names_what_holds_an_overall_down(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "45/100  S4 T4 A5 R5" read as a fault: the story answers another question."""
    piped(monkeypatch, ANSWER.encode())
    assert run(["score", "conflict-with-teammate"])[0] == 0
    piped(monkeypatch, ANSWER.encode())
    assert run(["score", "time-you-failed"])[0] == 0
    away, home = run(["history"])[1].splitlines()
    assert away.endswith("local  [held down: misses the question]"), away
    assert home.endswith("local"), home


def test_history_shows_local_times(monkeypatch: pytest.MonkeyPatch, coachkit_home: Path) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    assert run(["score", "time-you-failed"])[0] == 0
    saved = json.loads(run(["history", "--json"])[1])[0]["created_at"]
    env = {**os.environ, "COACHKIT_HOME": str(coachkit_home)}
    shown = {}
    for zone in ("UTC", "Asia/Tokyo"):
        result = subprocess.run(
            [sys.executable, "-m", "coachkit.cli", "history"],
            env={**env, "TZ": zone},
            capture_output=True,
            text=True,
            check=True,
        )
        shown[zone] = result.stdout[10:26]  # after the attempt id
    assert shown["UTC"] == saved[:16].replace("T", " ")
    assert shown["Asia/Tokyo"] != shown["UTC"]


def test_a_closed_pipe_ends_quietly() -> None:
    shell = f"{sys.executable} -m coachkit.cli questions | head -1"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, check=True)
    assert result.stdout.count("\n") == 1 and "Traceback" not in result.stderr
    assert "BrokenPipe" not in result.stderr


def test_a_closed_pipe_still_keeps_an_answer_that_was_not_saved(coachkit_home: Path) -> None:
    """`echo ... | coachkit score ID | head -3` beside a database it cannot save to: the
    card's write failed, the command ended there with exit 0, and the answer, neither
    saved nor kept in unscored/, was lost."""
    coachkit_home.mkdir(parents=True)
    (coachkit_home / "coachkit.db").write_bytes(b"not a database" * 100)
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the card is written
    try:
        result = subprocess.run(
            [sys.executable, "-m", "coachkit.cli", "score", "time-you-failed"],
            input=ANSWER.encode(),
            stdout=write,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write)
    err = result.stderr.decode()
    assert result.returncode == 2 and "Traceback" not in err, err
    [kept] = (coachkit_home / "unscored").glob("time-you-failed-*.txt")
    assert kept.read_text(encoding="utf-8") == ANSWER and f"saved in {kept}" in err


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coachkit.cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("coachkit ")


def test_usage_help_says_the_default_period(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["usage", "--help"])
    assert "(default: all time)" in " ".join(capsys.readouterr().out.split())


def _subcommands(parser: argparse.ArgumentParser, prefix: str) -> Iterator[tuple[str, Any]]:
    """Every command's name (``config check``) and parser, nested ones included."""
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        for name, sub in action.choices.items():
            yield f"{prefix}{name}", sub
            yield from _subcommands(sub, f"{prefix}{name} ")


def test_the_readme_command_line_section_shows_every_flag() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Command line\n", 1)[1].split("\n## ", 1)[0]
    missing = []
    for command, parser in _subcommands(build_parser(), ""):
        lines = " ".join(line for line in section.splitlines() if f"coachkit {command} " in line)
        for action in parser._actions:
            flags = [f for f in action.option_strings if f.startswith("--") and f != "--help"]
            if flags and not any(flag in lines for flag in flags):
                missing.append(f"coachkit {command} {flags[0]}")
    assert missing == []


def test_control_characters_are_shown_not_sent_to_the_terminal(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answer (or an imported id) holding an escape sequence recoloured or cleared the
    terminal, and a newline in an id faked a line of history."""
    answer = "I led the team\x1b[31m RED\x1b[0m in 2023 and cut errors by 40%."
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    out = io.StringIO()
    assert main(["score", "time-you-failed"], out=out) == 0
    assert "\x1b" not in out.getvalue() and "team\\u001b[31m RED" in out.getvalue()
    line = json.loads(
        subprocess.run(
            [sys.executable, "-m", "coachkit", "history", "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )[0]
    line["id"] = "evil\n\x1b[2J"
    (coachkit_home / "evil.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(coachkit_home / "evil.jsonl")], out=io.StringIO()) == 2
    error = capsys.readouterr().err
    assert "the id holds a control character ('\\n')" in error and "\x1b" not in error
    line["id"], line["question_id"] = "fine-id", "x\nFAKE LINE   82/100"
    line["card"]["question_id"] = line["question_id"]
    (coachkit_home / "evil.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert main(["import", str(coachkit_home / "evil.jsonl")], out=io.StringIO()) == 2
    assert "the question_id holds a control character" in capsys.readouterr().err
    out = io.StringIO()
    assert main(["history"], out=out) == 0
    assert len(out.getvalue().splitlines()) == 1  # nothing was imported


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # Before: "The file to import is empty", of a name left empty, not a file.
        (["import", ""], "No file named to import: give the name of the file `coachkit export"),
        (["import", "."], "it is a folder. Give a file written by `coachkit export`"),
        (["progress", "--out", ""], "The file name to write is empty: give one, e.g. progress.png"),
        (["progress", "--out", ".png"], "name a .png, .svg or .pdf file, e.g. progress.png"),
        (["export", "--out", "."], "it is a folder. Give a file name, e.g. attempts.jsonl"),
    ],
)
def test_an_empty_or_odd_file_argument_says_what_to_give(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    assert run(args) == (2, "")
    assert said in capsys.readouterr().err


def test_importing_the_database_itself_says_it_is_no_export(
    capsys: pytest.CaptureFixture[str], coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    assert run(["score", "time-you-failed"])[0] == 0  # the database now exists
    capsys.readouterr()
    assert run(["import", str(coachkit_home / "coachkit.db")]) == (2, "")
    err = capsys.readouterr().err
    assert "is your coachkit database, not an export" in err and "UTF-8" not in err


def test_an_empty_question_id_is_refused_not_read_as_every_question(
    capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    assert run(["history", "--question", ""]) == (2, "")
    assert "expected a question id" in capsys.readouterr().err


@pytest.mark.parametrize("as_json", [False, True])
def test_a_terminal_that_cannot_show_a_character_gets_it_as_an_escape(
    monkeypatch: pytest.MonkeyPatch, as_json: bool
) -> None:
    """Under a non-UTF-8 locale (LANG=C with Python's UTF-8 mode off, a Latin-1 console)
    a card's '…' or an answer's 'ü' stopped `score` with a UnicodeEncodeError traceback,
    after the attempt was saved; --json must stay JSON that reads back the same text."""
    answer = ANSWER.replace("Lumen", "Lümen 🚀")
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    raw = io.BytesIO()
    ascii_out = io.TextIOWrapper(raw, encoding="ascii", write_through=True)
    args = ["score", "time-you-failed", *(["--json"] if as_json else [])]
    assert main(args, out=ascii_out) == 0
    shown = raw.getvalue().decode("ascii")
    if as_json:
        evidence = json.loads(shown)["dimensions"]["situation"]["evidence"][0]
        assert "Lümen 🚀" in evidence and evidence in answer
    else:
        assert "L\\u00fcmen \\ud83d\\ude80" in shown and "Saved as attempt" in shown


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("--answer-file", "No answer file named: give the path of a UTF-8 text file"),
        ("--audio", "No recording named: give the path of an audio file."),
    ],
)
def test_an_empty_file_name_is_refused_not_read_as_stdin(
    option: str,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    coachkit_home: Path,
) -> None:
    """`--answer-file ''` (an unset shell variable) scored whatever stdin held instead."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    assert run(["score", "time-you-failed", option, ""]) == (2, "")
    assert said in capsys.readouterr().err
    assert not coachkit_home.exists()  # nothing scored, nothing saved


@pytest.mark.parametrize(
    "args",
    [
        ["score", "time-you-failed", "--answer-file", "{gone}"],
        ["import", "{gone}"],
        ["score", "time-you-failed", "--audio", "{gone}"],
        ["transcribe", "{gone}"],
    ],
)
def test_a_missing_file_is_named_once_with_what_to_do(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It read "Cannot read X: [Errno 2] No such file or directory: 'X'"; a recording's,
    "Cannot read X: No such file or directory." without what to do."""
    gone = tmp_path / "gone.txt"
    assert run([a.replace("{gone}", str(gone)) for a in args]) == (2, "")
    err = capsys.readouterr().err
    assert f"Cannot read {gone} (no such file or directory): check the path" in err
    assert err.count(str(gone)) == 1 and "Errno" not in err


def test_the_answer_file_next_names_says_to_write_it_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`coachkit next` ends "Answer it: coachkit score ID --answer-file answer.txt"; run as
    shown, before the file is written, it said only "check the path"."""
    monkeypatch.chdir(tmp_path)
    code, out = run(["next"])
    command = out.splitlines()[-1].removeprefix("Answer it: ").split()
    question = command[2]
    assert code == 0 and command[3:] == ["--answer-file", "answer.txt"]
    assert run(command[1:]) == (2, "")
    assert capsys.readouterr().err == (
        "coachkit: Cannot read answer.txt (no such file or directory): check the path, or "
        f"write your answer in it first (or pipe it in: echo '...' | coachkit score {question}).\n"
    )
    # A folder is no answer not yet written: the path is what to check.
    assert run(["score", question, "--answer-file", str(tmp_path)]) == (2, "")
    assert capsys.readouterr().err.endswith("(is a directory): check the path.\n")


def test_a_closed_stdout_is_one_line_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    """`coachkit score ID >&-` saved the attempt, then stopped with a traceback
    ('NoneType' object has no attribute 'write')."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["score", "time-you-failed"]) == 2
    assert "standard output is closed" in capsys.readouterr().err
    assert not coachkit_home.exists()  # nothing scored, nothing saved


def test_a_closed_stderr_still_gives_the_exit_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """With stderr closed (2>&-) a bad id exited 1 from an AttributeError, not 2."""
    monkeypatch.setattr(sys, "stderr", None)
    assert run(["score", "time-you-faild"]) == (2, "")


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["score"], "--scorer NAME"),
        (["rescore"], "--scorer NAME"),
        (["progress"], "--window N"),
    ],
)
def test_help_names_values_as_the_readme_does(
    command: list[str], shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """--help said `--scorer SCORER` and `--window WINDOW` where the README (and the
    other options) say NAME and N."""
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    assert shown in capsys.readouterr().out


def _json_keys(data: object) -> set[str]:
    """The keys of a JSON object, or of the first object in a list."""
    first = data[0] if isinstance(data, list) else data
    assert isinstance(first, dict)
    return set(first)


def test_the_docs_name_every_key_of_every_json_output(
    monkeypatch: pytest.MonkeyPatch, coachkit_home: Path
) -> None:
    """Only the ScoreCard and rescore's top level were documented: a script reading
    `history --json` or `next --json` had to guess the keys. The table is in docs/cli.md,
    which the README's Command line links to."""
    from dataclasses import fields

    from coachkit.llm.check import CheckResult
    from coachkit.llm.usage import UsageRow

    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    assert run(["score", "time-you-failed"])[0] == 0
    (coachkit_home / "questions").mkdir()
    (coachkit_home / "questions" / "bad.yaml").write_text("questions: [\n", encoding="utf-8")
    shown: dict[str, set[str]] = {}
    for command in ("questions", "questions --check", "next", "history", "rescore"):
        extra = ["--scorer", "local"] if command == "rescore" else []
        shown[command] = _json_keys(json.loads(run([*command.split(), *extra, "--json"])[1]))
    rows = json.loads(run(["rescore", "--scorer", "local", "--json"])[1])["rows"]
    shown["rescore"] |= _json_keys(rows)
    attempt_id = json.loads(run(["history", "--json"])[1])[0]["id"]
    shown["delete"] = _json_keys(json.loads(run(["delete", attempt_id, "--json"])[1]))
    shown["config check"] = {f.name for f in fields(CheckResult)}
    shown["usage"] = {f.name for f in fields(UsageRow)}

    page = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    rows_of = {
        line.split("`")[1].removesuffix(" --json"): line
        for line in page.splitlines()
        if line.startswith("| `") and " --json` |" in line
    }
    missing = {
        command: sorted(k for k in keys if f"`{k}`" not in rows_of.get(command, ""))
        for command, keys in shown.items()
    }
    assert {command: keys for command, keys in missing.items() if keys} == {}


def test_rescore_shows_its_progress_bar_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rescore 2> log.txt` filled the log with carriage-returned bar frames, and with
    stderr closed (2>&-) the bar stopped it with exit 1."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    assert run(["score", "time-you-failed"])[0] == 0
    capsys.readouterr()
    code, out = run(["rescore", "--scorer", "local"])
    assert code == 0 and "Mean change with local" in out
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys, "stderr", None)
    assert run(["rescore", "--scorer", "local"])[0] == 0


def test_the_top_level_help_says_where_data_lives_and_the_exit_codes(
    capsys: pytest.CaptureFixture[str], coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`coachkit --help` named neither: a new user had to find them in the README."""
    monkeypatch.setenv("COLUMNS", "400")  # a long temporary path is not broken across lines
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert f"Your data: {coachkit_home} (set COACHKIT_HOME to move it)" in shown
    assert "Exit codes: 0 ok; 1 `questions --check` found problems; 2 bad input" in shown
    assert "130 interrupted" in shown


def test_an_answer_file_saved_with_a_bom_is_saved_as_the_same_answer_piped_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file saved as "UTF-8 with BOM" (Windows Notepad) kept U+FEFF at the start of
    the saved answer; the same bytes on stdin did not."""
    answer_file = tmp_path / "answer.txt"
    answer_file.write_bytes("\ufeff".encode() + ANSWER.encode())
    assert run(["score", "time-you-failed", "--answer-file", str(answer_file)])[0] == 0
    piped(monkeypatch, "\ufeff".encode() + ANSWER.encode())
    assert run(["score", "time-you-failed"])[0] == 0
    saved = [a["answer"] for a in json.loads(run(["history", "--json"])[1])]
    assert saved == [ANSWER, ANSWER]


def test_an_empty_answer_file_is_named_with_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    """It said "type or paste your answer", the notebook's words, with no place to type."""
    empty = tmp_path / "answer.txt"
    empty.write_text(" \n", encoding="utf-8")  # not saved yet in the editor, or blank
    assert run(["score", "time-you-failed", "--answer-file", str(empty)]) == (2, "")
    assert capsys.readouterr().err == (
        f"coachkit: {empty} holds no answer (it is empty, or only spaces): write your answer "
        "in it, save it, and try again.\n"
    )
    assert not (coachkit_home / "coachkit.db").exists()


def test_an_answer_file_named_dash_is_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """`--answer-file -` said 'Cannot read - (no such file or directory)'."""
    piped(monkeypatch, ANSWER.encode())
    assert run(["score", "time-you-failed", "--answer-file", "-"])[0] == 0
    assert [a["answer"] for a in json.loads(run(["history", "--json"])[1])] == [ANSWER]


def test_windows_line_ends_are_saved_alike_from_stdin_and_from_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Piped in, an answer kept its '\\r\\n' (an answer is saved as given), while the same
    bytes read with --answer-file were saved with '\\n': one answer, two texts, and two
    LLM cache keys."""
    crlf = ANSWER.replace(". ", ".\r\n").encode()
    answer_file = tmp_path / "answer.txt"
    answer_file.write_bytes(crlf)
    assert run(["score", "time-you-failed", "--answer-file", str(answer_file)])[0] == 0
    piped(monkeypatch, crlf)
    assert run(["score", "time-you-failed"])[0] == 0
    saved = [a["answer"] for a in json.loads(run(["history", "--json"])[1])]
    assert saved == [crlf.decode()] * 2


def test_help_says_rescore_keeps_saved_scores_and_progress_prints_words(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`coachkit --help` left a user to guess whether `rescore` overwrites their history
    (it does not), and did not say `progress` prints the chart in words too."""
    monkeypatch.setenv("COLUMNS", "400")
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "rescore re-score past attempts with another profile to show the drift " in shown
    assert "(saved scores are kept)" in shown
    assert "progress write a progress chart (PNG, SVG or PDF), and print it in words" in shown
    # Both true: the history reads the same after a rescore; progress prints its words.
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    assert run(["score", "time-you-failed"])[0] == 0
    before = run(["history", "--json"])[1]
    assert run(["rescore", "--scorer", "local"])[0] == 0
    assert run(["history", "--json"])[1] == before
    code, out = run(["progress", "--out", str(tmp_path / "p.png")])
    assert code == 0 and "One scored attempt, on " in out


def test_import_and_delete_on_a_full_disk_say_nothing_was_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Cannot use …coachkit.db (disk I/O error): check that the disk has space…" left
    the user to wonder whether half the file went in, or the attempt is gone."""
    import sqlite3

    from coachkit.errors import StoreError
    from coachkit.store import Store
    from coachkit.storefile import unusable_message

    piped(monkeypatch, ANSWER.encode())
    assert run(["score", "time-you-failed"])[0] == 0
    backup = tmp_path / "attempts.jsonl"
    assert run(["export", "--out", str(backup)])[0] == 0
    (saved,) = json.loads(run(["history", "--json"])[1])
    capsys.readouterr()

    def full(self: Store, *args: Any, **kwargs: Any) -> Any:
        raise StoreError(unusable_message(self.path, sqlite3.OperationalError("disk I/O error")))

    monkeypatch.setattr(Store, "add_attempts", full)
    monkeypatch.setattr(Store, "delete_attempts", full)
    assert run(["delete", saved["id"]]) == (2, "")
    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "another"))
    assert run(["import", str(backup)]) == (2, "")
    deleting, importing = capsys.readouterr().err.splitlines()
    assert "(disk I/O error): check that the disk has space" in deleting
    assert deleting.endswith(" Nothing was deleted.")
    assert importing.endswith(" Nothing was imported.")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("columns", [100, 80, 60])
def test_questions_fit_the_terminal_and_a_pipe_keeps_one_line_each(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """Rows ran to ~170 columns: the terminal wrapped each at its edge, back to column 0
    under the ids."""
    monkeypatch.setenv("COLUMNS", str(columns))
    piped_out = io.StringIO()
    assert main(["questions", "--role", "mobile"], out=piped_out) == 0
    rows = piped_out.getvalue().splitlines()
    assert max(len(row) for row in rows) > 100  # one line per question, for grep
    shown = _Terminal()
    assert main(["questions", "--role", "mobile"], out=shown) == 0
    lines = shown.getvalue().splitlines()
    assert max(len(line) for line in lines) <= columns
    assert " ".join(" ".join(lines).split()) == " ".join(" ".join(rows).split())
    # Each question starts a line at column 0; what it wraps to is indented.
    starts = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert starts == [row.split()[0] for row in rows]


def test_an_error_of_several_lines_marks_each(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A config with three mistakes stopped `config show` with "coachkit:" on the first
    line alone: the next two read as loose lines, as its warnings did."""
    import os

    home = Path(os.environ["COACHKIT_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(
        "scorer: gtp\nllm:\n  timeout: -5\n  bogus: 1\n", encoding="utf-8"
    )
    assert run(["config", "show"]) == (2, "")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and all(line.startswith("coachkit: ") for line in lines)
    assert "config.yaml:3: llm.timeout" in lines[1] and "config.yaml:4: llm.bogus" in lines[2]
