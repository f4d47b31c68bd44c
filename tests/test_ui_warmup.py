"""litellm is imported in the background once a callable LLM profile is chosen, so the
first LLM score does not wait the seconds its import takes; never for the offline scorer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import QuestionBank, Store
from coachkit.config import Config, ModelEntry
from coachkit.ui import MockInterviewView, PracticeView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

KEYED = {"model": "openai/gpt-4o-mini", "api_key": "os.environ/WARMUP_TEST_KEY"}


def _config(scorer: str = "local") -> Config:
    return Config(
        scorer=scorer,
        model_list=[
            ModelEntry(model_name="gpt", litellm_params=KEYED),
            ModelEntry(model_name="ollama", litellm_params={"model": "ollama_chat/llama3.1"}),
        ],
    )


def _practice(bank: QuestionBank, store: Store, config: Config) -> PracticeView:
    coach = coach_with(bank, store, FakeScorer("local"), config=config)
    return PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=ManualScheduler()
    )


def test_the_offline_scorer_imports_nothing(
    bank: QuestionBank, store: Store, litellm_warmups: list[object]
) -> None:
    _practice(bank, store, _config())
    assert litellm_warmups == []


def test_an_llm_profile_in_the_config_starts_the_import_once(
    bank: QuestionBank,
    store: Store,
    litellm_warmups: list[object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WARMUP_TEST_KEY", "sk-test")
    view = _practice(bank, store, _config(scorer="gpt"))
    assert len(litellm_warmups) == 1
    # Once per process: other picks and other views share the one import.
    view.scorer.value = "local"
    view.scorer.value = "ollama"
    _practice(bank, store, _config(scorer="gpt"))
    assert len(litellm_warmups) == 1


def test_choosing_an_llm_profile_starts_it(
    bank: QuestionBank, store: Store, litellm_warmups: list[object]
) -> None:
    view = _practice(bank, store, _config())
    assert litellm_warmups == []
    view.scorer.value = "ollama"  # no key to set: a local server
    assert len(litellm_warmups) == 1


def test_a_profile_whose_key_is_unset_imports_nothing(
    bank: QuestionBank,
    store: Store,
    litellm_warmups: list[object],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its score falls back at once, without litellm (test_llm_registry)."""
    monkeypatch.delenv("WARMUP_TEST_KEY", raising=False)
    view = _practice(bank, store, _config(scorer="gpt"))
    view.scorer.value = "local"
    view.scorer.value = "gpt"
    assert litellm_warmups == []


def test_the_mock_interview_starts_it_too(
    bank: QuestionBank, store: Store, litellm_warmups: list[object]
) -> None:
    coach = coach_with(bank, store, FakeScorer("local"), config=_config())
    view = MockInterviewView(coach, runner=InlineRunner(), scheduler=ManualScheduler())
    assert litellm_warmups == []
    view.scorer.value = "ollama"
    assert len(litellm_warmups) == 1


def test_the_import_really_happens_in_the_background(tmp_path: Path) -> None:
    """In a fresh process: litellm is loaded while the view waits for an answer, with no
    score asked for; with the offline scorer it is not."""
    config = tmp_path / "config.yaml"
    config.write_text(
        "scorer: ollama\n"
        "model_list:\n"
        "  - model_name: ollama\n"
        "    litellm_params: {model: ollama_chat/llama3.1}\n",
        encoding="utf-8",
    )
    code = (
        "import sys, threading\n"
        "from coachkit.ui import PracticeView\n"
        "PracticeView()\n"
        "for thread in threading.enumerate():\n"
        "    if thread.name == 'coachkit-litellm-import':\n"
        "        thread.join(120)\n"
        "print('litellm' in sys.modules)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "COACHKIT_HOME": str(tmp_path / "home")}
    env["HOME"] = str(tmp_path)
    for config_env, expected in ((str(config), "True"), ("", "False")):
        run_env = {**env, "COACHKIT_CONFIG": config_env} if config_env else env
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=run_env, timeout=180
        )
        assert out.stdout.strip().splitlines()[-1:] == [expected], out.stderr[-2000:]
