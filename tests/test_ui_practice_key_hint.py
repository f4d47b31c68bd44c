"""Practice says by the Scorer box when the profile chosen reads a key nobody set (a
cohort's shared profile, say): before, nothing said so until Score fell back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import QuestionBank, Store
from coachkit.config import Config, ModelEntry
from coachkit.ui import PracticeView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

TEAM = {"model": "openai/gpt-4o-mini", "api_key": "os.environ/COHORT_PROXY_KEY"}
SECRET = "sk-cohort-0123456789"


def _view(bank: QuestionBank, store: Store, scorer: str, fallback: str | None) -> PracticeView:
    config = Config(
        scorer=scorer,
        fallback=fallback,
        model_list=[
            ModelEntry(model_name="team", litellm_params=TEAM),
            ModelEntry(model_name="ollama", litellm_params={"model": "ollama_chat/llama3.1"}),
        ],
    )
    coach = coach_with(bank, store, FakeScorer("local"), config=config)
    return PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=ManualScheduler()
    )


def test_a_profile_whose_key_is_unset_is_said_as_the_view_opens(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COHORT_PROXY_KEY", raising=False)
    view = _view(bank, store, "team", "local")
    assert view.key_hint.layout.display == ""
    assert (
        "team reads COHORT_PROXY_KEY, which is not set: until then your answers are scored "
        "by local instead. <b>Settings</b> says how to set it."
    ) in view.key_hint.value


def test_the_hint_follows_the_scorer_picked_and_a_key_set_since(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COHORT_PROXY_KEY", raising=False)
    view = _view(bank, store, "local", None)
    assert view.key_hint.layout.display == "none"  # the offline scorer needs no key

    view.scorer.value = "team"
    assert "until then scoring with it fails (no fallback is set)" in view.key_hint.value
    view.scorer.value = "ollama"  # a local server: no key to set
    assert view.key_hint.layout.display == "none"

    view.scorer.value = "team"
    monkeypatch.setenv("COHORT_PROXY_KEY", SECRET)  # set in a cell, as Settings says
    view.answer.value = "In 2023 I missed a launch by three weeks and learned to plan."
    view.score_button.click()
    assert view.key_hint.layout.display == "none" and view.key_hint.value == ""
    assert SECRET not in view.key_hint.value


def test_a_key_set_in_a_cell_takes_the_hint_down_at_the_next_question(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COHORT_PROXY_KEY", raising=False)
    view = _view(bank, store, "team", "local")
    assert (
        "Once it is set (in a cell, say), the next <b>Score</b> uses it, and this note goes "
        "then or when you change question."
    ) in view.key_hint.value

    monkeypatch.setenv("COHORT_PROXY_KEY", SECRET)  # a cell runs: no event of the view's
    assert view.key_hint.layout.display == ""
    view.question.value = "tell-me-about-yourself"

    assert view.key_hint.layout.display == "none" and view.key_hint.value == ""
    monkeypatch.delenv("COHORT_PROXY_KEY")  # unset again (a restarted kernel): said again
    view.next_button.click()
    assert "team reads COHORT_PROXY_KEY, which is not set" in view.key_hint.value


def test_opening_the_view_with_such_a_profile_imports_no_litellm(tmp_path: Path) -> None:
    code = (
        "import os, pathlib, sys; home = pathlib.Path(os.environ['COACHKIT_HOME']);"
        "home.mkdir(parents=True, exist_ok=True); (home / 'config.yaml').write_text("
        "'scorer: team\\nmodel_list:\\n  - model_name: team\\n    litellm_params:\\n"
        "      model: openai/gpt-4o-mini\\n      api_key: os.environ/COHORT_PROXY_KEY\\n');"
        "from coachkit.ui import PracticeView; view = PracticeView();"
        "assert 'COHORT_PROXY_KEY' in view.key_hint.value, view.key_hint.value;"
        "print('litellm' in sys.modules)"
    )
    # This checkout's coachkit, and no provider key from the environment.
    env = {
        "COACHKIT_HOME": str(tmp_path / "home"),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "False"
