"""Small things the commands print: counts that agree with their nouns, config show
without empty defaults, warnings of several lines, rows that fit a terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from cli_helpers import run_cli
from fake_openai_server import FakeLLMServer, free_port, loopback_only, write_config  # noqa: F401

from coachkit.cli import main


@pytest.mark.usefixtures("loopback_only")
def test_rescore_says_how_many_failed_with_the_noun_agreeing(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "1 of 1 attempts could not be rescored"."""
    for n in range(2):
        answer = f"In 2023 I broke the build at Acme; I fixed it in 2 days. Run {n}."
        assert run_cli(["score", "time-you-failed"], monkeypatch, answer)[0] == 0
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens: each call fails
    profile = {"model": "openai/gpt-4o-mini", "api_base": url, "api_key": "sk-test-0000000"}
    write_config(coachkit_home / "config.yaml", {"down": profile}, llm={"max_retries": 0})
    capsys.readouterr()
    assert run_cli(["rescore", "--scorer", "down"], monkeypatch)[0] == 3
    assert "coachkit: None of the 2 attempts could be rescored (" in capsys.readouterr().err
    from coachkit.cli.llm import _not_rescored  # the partial case, without a server

    assert _not_rescored(1, 1) == "The attempt could not be rescored"
    assert _not_rescored(1, 3) == "1 of 3 attempts could not be rescored"


def test_config_show_leaves_out_an_empty_model_info(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every profile was shown with "model_info: {}", a default nobody set."""
    params = {"model": "openai/gpt-4o-mini", "api_base": "http://127.0.0.1:9/v1"}
    write_config(coachkit_home / "config.yaml", {"plain": params, "sized": params})
    config = coachkit_home / "config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "- model_name: sized\n", "- model_name: sized\n  model_info: {max_input_tokens: 2000}\n"
        ),
        encoding="utf-8",
    )
    code, out = run_cli(["config", "show"], monkeypatch)
    assert code == 0 and "model_info: {}" not in out
    plain, sized = out.split("- model_name: ")[1:]
    assert "model_info" not in plain
    assert "model_info:\n    max_input_tokens: 2000\n" in sized


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "No command given: name one, e.g. `coachkit next` for the question to practise"),
        (["--json"], "No command given: --json goes after one, e.g. `coachkit questions --json`"),
        (["--last=3"], "--last goes after one, e.g. `coachkit history --last=3`"),
    ],
)
def test_no_command_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    """`coachkit --json` said only "the following arguments are required: COMMAND"."""
    assert run_cli(args, monkeypatch) == (2, "")
    said = capsys.readouterr().err
    assert said.startswith("coachkit: ") and message in said
    assert "`coachkit --help` lists" in said


@pytest.mark.parametrize("command", [["next"], ["score", "time-you-failed", "--no-save"]])
def test_each_line_of_a_warning_of_several_lines_is_marked(
    coachkit_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    """A config's mistakes, a line each, had "coachkit: warning:" on the first alone: the
    others read as lines of no command's."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text(
        "budget:\n  llm_scores_per_hour: many\n  usd_per_day: -3\npractice:\n  new_per_day: lots\n",
        encoding="utf-8",
    )
    assert run_cli(command, monkeypatch, "In 2023 I broke the build; I fixed it.")[0] == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) >= 3
    assert all(line.startswith("coachkit: warning: ") for line in lines)
    for mistake in ("llm_scores_per_hour: 'many'", "usd_per_day: -3", "new_per_day: 'lots'"):
        assert sum(mistake in line for line in lines) == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# A long id (33 characters, past the 32-column question column), a short one, and an
# answer too short, whose row is marked "[held down: no answer, too short]".
_ATTEMPTS = {
    "what-happens-when-you-load-a-page": "In 2023 I traced a slow page load at Acme: DNS, "
    "TLS, then the HTML; I cut it from 4s to 1s and now check the waterfall first.",
    "time-you-failed": "In 2023 I broke the build at Acme; I owned it, fixed it in 2 days and "
    "wrote a runbook, so it has not happened again.",
    "idempotent-apis": "I like cooking pasta on weekends.",
}


def _scored(monkeypatch: pytest.MonkeyPatch) -> None:
    for question_id, answer in _ATTEMPTS.items():
        assert run_cli(["score", question_id], monkeypatch, answer)[0] == 0


def _shown(text: str, question_id: str) -> bool:
    """Whether ``text`` holds ``question_id`` whole, or clipped to 16+ characters."""
    cut = [w for w in text.split() if w.endswith("\u2026") and len(w) >= 16]
    return question_id in text.split() or any(question_id.startswith(w[:-1]) for w in cut)


@pytest.mark.parametrize(("columns", "whole"), [(100, True), (80, False), (60, True)])
def test_history_rows_fit_the_terminal_and_a_pipe_keeps_one_line_each(
    monkeypatch: pytest.MonkeyPatch, columns: int, whole: bool
) -> None:
    """Rows ran to 90 columns (119 with a mark): a terminal wrapped each at its edge, back
    to column 0 under the ids. ``whole``: every question id is shown whole (in 100
    columns, beside its attempt; in 60, below it), not clipped (in 80)."""
    _scored(monkeypatch)
    monkeypatch.setenv("COLUMNS", str(columns))
    piped = run_cli(["history"], monkeypatch)[1].splitlines()
    assert len(piped) == 3 and max(len(row) for row in piped) > 100  # as ever, for grep
    assert "[held down: " in piped[2]
    shown = _Terminal()
    assert main(["history"], out=shown) == 0
    lines = shown.getvalue().splitlines()
    assert max(len(line) for line in lines) <= columns
    # Each attempt starts a line at column 0; what goes below it is indented.
    starts = [i for i, line in enumerate(lines) if not line.startswith(" ")]
    assert [lines[i].split()[0] for i in starts] == [row.split()[0] for row in piped]
    for n, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True)):
        attempt = " ".join(lines[start:end])
        assert _shown(attempt, list(_ATTEMPTS)[n])
        assert (list(_ATTEMPTS)[n] in attempt.split()) == (whole or n > 0)
        figures = re.search(r"\d+/100  S\d T\d A\d R\d  local", piped[n])
        assert figures is not None and figures[0] in attempt  # its scores, whole
    assert "[held down: " in " ".join(lines[starts[2] :])


@pytest.mark.usefixtures("loopback_only")
@pytest.mark.parametrize("columns", [80, 60])
def test_rescore_rows_fit_the_terminal_and_a_pipe_keeps_them_as_they_were(
    coachkit_home: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """Rows with an LLM profile's name ran to 87 columns, the means to 93."""
    _scored(monkeypatch)
    profile = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "sk-t"}
    write_config(coachkit_home / "config.yaml", {"gpt-4o-mini-eu": profile})
    monkeypatch.setenv("COLUMNS", str(columns))
    piped = run_cli(["rescore", "--scorer", "gpt-4o-mini-eu"], monkeypatch)[1].splitlines()
    assert (
        piped[0] == f"{'attempt':<10} {'question':<30} {'before':>14} {'after':>14} {'overall':>8}"
    )
    assert piped[1].split()[1] == "what-happens-when-you-load-a-pa"[:30]  # cut, as ever
    assert max(len(line) for line in piped) > 90
    shown = _Terminal()
    assert main(["rescore", "--scorer", "gpt-4o-mini-eu"], out=shown) == 0
    lines = shown.getvalue().splitlines()
    assert max(len(line) for line in lines) <= columns
    rows = lines[1:4]
    assert [row.split()[0] for row in rows] == [row.split()[0] for row in piped[1:4]]
    assert all(_shown(row, question) for row, question in zip(rows, _ATTEMPTS, strict=True))
    # The same figures: the overall before and after, and the change.
    assert [r.split()[-1] for r in rows] == [r.split()[-1] for r in piped[1:4]]
    means = " ".join(" ".join(lines[4:]).split())
    assert means == " ".join(" ".join(piped[4:]).split())


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--scorer", "gpt"], "--scorer goes after the command: `coachkit score --scorer gpt`."),
        (["--last", "3", "history"], "--last goes after the command: `coachkit history --last 3`."),
    ],
)
def test_a_commands_option_before_the_command_says_where_it_goes(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its value was read as the command: "invalid choice: 'gpt' (choose from …)"."""
    assert main(argv, out=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"coachkit: {said}") and "invalid choice" not in err
