"""Profiles by name; litellm stays out of `import coachkit` and offline scoring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fake_openai_server import (
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Coach, QuestionBank, Store, UnknownScorerError, load_config
from coachkit.llm import FallbackScorer, LLMScorer
from coachkit.scoring import LocalScorer
from coachkit.scoring.registry import make_scorer

pytestmark = pytest.mark.usefixtures("loopback_only")


def _config_file(tmp_path: Path, **top: object) -> Path:
    return write_config(
        tmp_path / "c.yaml",
        {"gpt": {"model": "openai/gpt-4o-mini", "api_key": "os.environ/OPENAI_API_KEY"}},
        **top,
    )


def test_a_profile_is_an_llm_scorer_wrapped_in_its_fallback(tmp_path: Path) -> None:
    config = load_config(_config_file(tmp_path))
    scorer = make_scorer("gpt", config)
    assert isinstance(scorer, FallbackScorer) and scorer.name == "gpt"
    assert isinstance(scorer.primary, LLMScorer) and isinstance(scorer.fallback, LocalScorer)
    assert isinstance(make_scorer("gpt", config, fallback=False), LLMScorer)


def test_no_fallback_configured_means_no_wrapper(tmp_path: Path) -> None:
    config = load_config(_config_file(tmp_path, fallback=None))
    assert isinstance(make_scorer("gpt", config), LLMScorer)


def test_unknown_profiles_list_the_valid_names(tmp_path: Path) -> None:
    config = load_config(_config_file(tmp_path))
    with pytest.raises(UnknownScorerError, match="Valid scorers: local, gpt"):
        make_scorer("claude", config)


def test_the_coach_hands_its_store_to_llm_profiles(
    tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    coach = Coach(bank=bank, store=store, config=load_config(_config_file(tmp_path)))
    scorer = coach.scorer("gpt")
    assert isinstance(scorer, FallbackScorer) and isinstance(scorer.primary, LLMScorer)
    assert scorer.primary.store is store


def _run(code: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        env=env,
    )
    return result.stdout.strip()


def test_building_an_llm_scorer_does_not_import_litellm(tmp_path: Path) -> None:
    config_file = _config_file(tmp_path)
    code = (
        "import sys, coachkit\n"
        "from coachkit.scoring.registry import make_scorer\n"
        f"config = coachkit.load_config(__import__('pathlib').Path({str(config_file)!r}))\n"
        "make_scorer('gpt', config)\n"
        "import coachkit.llm\n"
        "print('litellm' in sys.modules)"
    )
    assert _run(code, tmp_path) == "False"


def test_a_missing_key_falls_back_at_once_without_loading_litellm(tmp_path: Path) -> None:
    """The offline score comes straight away, not after litellm's seconds-long import."""
    config_file = _config_file(tmp_path)
    code = (
        "import sys, coachkit\n"
        f"config = coachkit.load_config(__import__('pathlib').Path({str(config_file)!r}))\n"
        "coach = coachkit.Coach(config=config)\n"
        "card = coach.submit('time-you-failed', 'In 2022 I broke the build at Acme.', "
        "scorer='gpt', save=False).card\n"
        "print(card.scorer, 'litellm' in sys.modules, 'OPENAI_API_KEY' in ' '.join(card.notes))"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
    env["COACHKIT_HOME"] = str(tmp_path / "home")
    assert _run(code, tmp_path, env) == "local False True"


def test_litellm_is_loaded_with_a_local_cost_map_and_no_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("COACHKIT_DOTENV_PROBE=sk-from-a-stray-dotenv\n")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"LITELLM_LOCAL_MODEL_COST_MAP", "PYTHON_DOTENV_DISABLED", "LITELLM_MODE"}
    }
    code = (
        "import os\n"
        "from coachkit.llm.runtime import load_litellm\n"
        "load_litellm()\n"
        "print(os.environ.get('LITELLM_LOCAL_MODEL_COST_MAP'),"
        " os.environ.get('COACHKIT_DOTENV_PROBE'))"
    )
    assert _run(code, tmp_path, env) == "True None"
