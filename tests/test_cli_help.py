"""`coachkit --help` and each command's --help, read in an 80-column terminal."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from coachkit.cli import build_parser
from coachkit.errors import BadInputError


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` and every command's parser under it (`config check` too)."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def test_every_help_fits_80_columns() -> None:
    """`questions --help` and `next --help` ran their usage line to 88 and 83 columns
    with --category's choices spelt out in braces; they are in its help now."""
    helps = {p.prog: p.format_help() for p in _parsers(build_parser())}
    assert len(helps) == 16  # coachkit, its 13 commands, config show and config check
    for prog, text in helps.items():
        assert max(len(line) for line in text.splitlines()) <= 80, prog
    questions = helps["coachkit questions"]
    assert "[--category C]" in questions and "{" not in questions
    assert "--category C  only this category: behavioral, cultural-fit, technical or" in questions


def test_each_command_is_listed_beside_its_summary() -> None:
    """`questions` and `transcribe` went on lines of their own, their summaries below."""
    text = build_parser().format_help()
    assert "    questions   list the question bank\n" in text
    assert "    transcribe  print a recorded answer as text (needs `transcriber:`)\n" in text
    listed = text.split("\n  COMMAND\n")[1].split("\n\n")[0].splitlines()
    named = [line for line in listed if not line.startswith("     ")]  # not a summary's 2nd
    assert len(named) == 13 and all(len(line.split()) > 1 for line in named), listed


def test_a_wrong_category_is_refused_with_the_choices() -> None:
    parser = build_parser()
    with pytest.raises(BadInputError, match="choose from 'behavioral', 'cultural-fit'"):
        parser.parse_args(["questions", "--category", "behavioural"])
