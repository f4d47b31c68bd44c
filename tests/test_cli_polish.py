"""Small things the commands print: counts that agree with their nouns, config show
without empty defaults, warnings of several lines, rows that fit a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_cli
from fake_openai_server import free_port, loopback_only, write_config  # noqa: F401


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
