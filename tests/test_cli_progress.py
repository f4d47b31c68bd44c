"""`coachkit progress --scorer`: one scorer's attempts alone, as the progress notebook's
Scorer filter shows them (scorers grade on scales of their own)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure
from ui_fakes import make_attempts

from coachkit import Coach, QuestionBank, paths
from coachkit.cli import main

PLAN = [
    ("time-you-failed", (1, 1, 1, 0)),
    ("design-rate-limiter", (2, 2, 3, 2)),
    ("why-this-role", (3, 3, 3, 2)),
    ("time-you-failed", (4, 4, 5, 3)),
    ("time-you-failed", (2, 2, 2, 2)),
]


@pytest.fixture
def two_scorers(bank: QuestionBank) -> None:
    """Three attempts scored offline, then two by an LLM profile, "gpt"."""
    attempts = make_attempts(bank, PLAN, scorer=lambda i: "local" if i < 3 else "gpt")
    Coach(bank=bank).store.add_attempts(attempts)


def run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


@pytest.mark.usefixtures("two_scorers")
def test_scorer_charts_that_scorers_attempts_alone(tmp_path: Path) -> None:
    chart = tmp_path / "gpt.png"
    code, out = run(["progress", "--out", str(chart), "--scorer", "gpt"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Wrote {chart} (2 attempts scored by gpt)."
    # gpt's figures alone: its first and latest, no line or mean of the offline scorer's.
    assert lines[1].startswith("2 attempts scored by gpt from")
    assert "Situation 4.0 to 3.0 (down 1.0)" in lines[1]
    assert "local" not in out and "other scorers" not in out
    assert "behavioral (2 attempts): Situation 3.0, Task 3.0, Action 3.5, Result 2.5" in lines[2]
    assert b"2 attempts scored by gpt from" in chart.read_bytes()


@pytest.mark.usefixtures("two_scorers")
def test_scorer_names_the_scorer_in_the_chart_s_titles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: "Your STAR scores over time (...)" and "Mean score by category", a PNG
    that said nowhere it was on gpt's scale alone."""
    from coachkit import charts

    drawn: list[Figure] = []
    real = charts.save

    def save(figure: Figure, path: Path, **kwargs: Any) -> Path:
        drawn.append(figure)
        return real(figure, path, **kwargs)

    monkeypatch.setattr(charts, "save", save)
    assert run(["progress", "--out", str(tmp_path / "gpt.png"), "--scorer", "gpt"])[0] == 0
    trends, heatmap = drawn[0].axes[:2]
    assert trends.get_title().startswith("Your STAR scores over time scored by gpt (each line:")
    assert heatmap.get_title() == "Mean score by category\nscored by gpt"
    assert run(["progress", "--out", str(tmp_path / "all.png")])[0] == 0
    trends, heatmap = drawn[1].axes[:2]
    assert "scored by" not in trends.get_title()  # two scorers: the legend names them


@pytest.mark.usefixtures("two_scorers")
def test_without_scorer_every_scorer_is_charted_and_the_option_is_offered(
    tmp_path: Path,
) -> None:
    """The default is the notebook's: every scorer, each with lines of its own."""
    code, out = run(["progress", "--out", str(tmp_path / "p.png")])
    assert code == 0
    assert out.startswith(f"Wrote {tmp_path / 'p.png'} (5 attempts by 2 scorers).\n")
    assert "By local (3 attempts)" in out and "By gpt (2 attempts)" in out
    assert out.endswith("To chart one scorer's attempts alone: --scorer local, or --scorer gpt.\n")


@pytest.mark.usefixtures("two_scorers")
@pytest.mark.parametrize(
    ("name", "hint"),
    [("GPT", " Did you mean 'gpt'?"), ("gtp", " Did you mean 'gpt'?"), ("claude", "")],
)
def test_an_unknown_scorer_names_those_there_are_and_writes_nothing(
    name: str, hint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chart = tmp_path / "p.png"
    assert run(["progress", "--out", str(chart), "--scorer", name]) == (2, "")
    assert capsys.readouterr().err == (
        f"coachkit: No attempts scored by {name!r}.{hint} Your attempts were scored by: "
        "local, gpt.\n"
    )
    assert not chart.exists()


def test_scorer_over_no_attempts_writes_the_empty_chart(tmp_path: Path) -> None:
    """Nothing to name yet: the chart says there is nothing, as without --scorer."""
    code, out = run(["progress", "--out", str(tmp_path / "p.png"), "--scorer", "gpt"])
    assert (code, out) == (
        0,
        f"Wrote {tmp_path / 'p.png'} (0 attempts).\nNo attempts yet in {paths.home()}: score "
        "an answer with `coachkit score QUESTION_ID`, and the chart fills in.\n",
    )


def test_an_empty_history_says_where_it_looked(tmp_path: Path) -> None:
    """Before: "Wrote p.png (0 attempts)." alone, for a COACHKIT_HOME mistyped as for a
    new one: the empty chart named neither the folder read nor what to do."""
    code, out = run(["progress", "--out", str(tmp_path / "p.png")])
    assert code == 0
    assert out.splitlines()[1] == (
        f"No attempts yet in {paths.home()}: score an answer with `coachkit score "
        "QUESTION_ID`, and the chart fills in."
    )


def test_a_folder_that_does_not_exist_says_how_to_make_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: "the folder ... does not exist." and no word of what to do."""
    chart = tmp_path / "my charts" / "p.png"
    assert run(["progress", "--out", str(chart)]) == (2, "")
    assert capsys.readouterr().err == (
        f"coachkit: Cannot write {chart}: the folder {chart.parent} does not exist. Create it "
        f"first (mkdir -p '{chart.parent}'), or name a file in a folder that exists.\n"
    )
    assert not chart.parent.exists()


def test_help_offers_scorer(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["progress", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "--scorer NAME only the attempts this scorer scored" in shown
