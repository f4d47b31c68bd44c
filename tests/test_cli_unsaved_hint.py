"""A card the fallback scored in place of an LLM profile names `coachkit rescore ...
--from local --last 1` only when its score was saved: not saved (--no-save, or a save
that failed), that command would rescore an older attempt, or find none."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from fake_openai_server import (
    STORY,
    free_port,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Coach, ScoreCard
from coachkit.cli import main
from coachkit.errors import NotSavedError, StoreError

pytestmark = pytest.mark.usefixtures("loopback_only")

RESCORE = "coachkit rescore --scorer down --question time-you-failed --from local --last 1"
HINT = f"To see what down makes of this answer once it works: `{RESCORE}`."
ADVICE = (
    "This score is not saved, so `coachkit rescore` cannot find it: to see what down makes "
    "of this answer, score it again once down works."
)


@pytest.fixture(autouse=True)
def down(coachkit_home: Path) -> Path:
    """A profile whose server is not there, and the offline scorer as its fallback."""
    params = {
        "model": "openai/gpt-4o-mini",
        "api_base": f"http://127.0.0.1:{free_port()}/v1",
        "api_key": "sk-cli-test-0000000",
    }
    return write_config(
        coachkit_home / "config.yaml",
        {"down": params},
        scorer="down",
        fallback="local",
        llm={"max_retries": 0},
    )


def run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(STORY))
    out = io.StringIO()
    return main(["score", "time-you-failed", *args], out=out), out.getvalue()


def test_a_score_not_saved_says_to_score_again_not_to_rescore(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: the note under the overall ended with the rescore command."""
    code, out = run(["--no-save"], monkeypatch)
    assert code == 0 and "(scorer: local" in out
    note = next(line for line in out.splitlines() if line.startswith("Note: down could not"))
    assert note.endswith(f"is `api_base` right? {ADVICE} Scored by local instead.")
    assert "coachkit rescore --scorer" not in out


def test_a_score_not_saved_in_json_is_a_card_without_the_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out = run(["--no-save", "--json"], monkeypatch)
    card = ScoreCard.model_validate_json(out)
    assert code == 0 and card.scorer == "local"
    assert card.stood_in is not None and card.stood_in.endswith(
        f"{ADVICE} Scored by local instead."
    )
    assert "coachkit rescore --scorer" not in out


def test_a_score_whose_save_failed_says_to_score_again_not_to_rescore(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], coachkit_home: Path
) -> None:
    def full(self: Coach, attempt: object) -> None:
        raise NotSavedError(attempt, StoreError("The disk is full."))  # type: ignore[arg-type]

    monkeypatch.setattr(Coach, "save", full)
    code, out = run([], monkeypatch)
    assert code != 0 and f"{ADVICE} Scored by local instead." in out
    assert "coachkit rescore --scorer" not in out
    kept = next((coachkit_home / "unscored").glob("time-you-failed-*.txt"))
    assert f"--answer-file {kept}`" in capsys.readouterr().err  # what scores it again


@pytest.mark.parametrize("as_json", [[], ["--json"]], ids=["text", "json"])
def test_a_saved_score_still_names_the_rescore_command(
    monkeypatch: pytest.MonkeyPatch, as_json: list[str]
) -> None:
    """Saved, the command finds this very attempt: it is kept, word for word."""
    code, out = run(as_json, monkeypatch)
    assert code == 0
    said = ScoreCard.model_validate_json(out).stood_in if as_json else out
    assert said is not None and f"{HINT} Scored by local instead." in said
    out = io.StringIO()
    assert main(["history", "--json"], out=out) == 0
    (attempt,) = json.loads(out.getvalue())
    assert HINT in attempt["card"]["notes"][-1]  # the attempt the command will rescore
