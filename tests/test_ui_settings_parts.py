"""The settings view's parts, each a module that reads, imports and works on its own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coachkit import UnknownScorerError, load_config
from coachkit.ui import settings
from coachkit.ui.settings_budget import budget_line
from coachkit.ui.settings_check import ConnectionCheck, check_connection
from coachkit.ui.settings_config import but_the_scorer
from coachkit.ui.settings_html import key_hint, profile_html

PARTS = [
    "settings_base",
    "settings_budget",
    "settings_budget_form",
    "settings_check",
    "settings_config",
    "settings_html",
    "settings_layout",
    "settings_load",
    "settings_plan",
    "settings_scorer",
]
CONFIG = """\
scorer: gtp
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/COACHKIT_TEST_KEY}
  - model_name: box
    litellm_params: {model: openai/box, api_key: sk-literal-123456789}
"""


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_the_names_imported_from_settings_are_the_parts_own() -> None:
    """One class, one function, whichever module a caller imports them from."""
    assert settings.ConnectionCheck is ConnectionCheck
    assert settings.check_connection is check_connection
    assert settings.budget_line is budget_line
    assert sorted(settings.__all__) == [
        "ConnectionCheck",
        "SettingsView",
        "budget_line",
        "check_connection",
    ]


def test_each_part_imports_first_without_a_cycle_or_litellm() -> None:
    """Imported first, in a fresh interpreter, a part finds everything it needs (an import
    cycle shows only in the order that trips it), and the llm package waits for a click."""
    script = (
        "import importlib, sys\n"
        f"for name in {PARTS!r}:\n"
        "    for loaded in [m for m in sys.modules if m.startswith('coachkit')]:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module('coachkit.ui.' + name)\n"
        "    assert 'litellm' not in sys.modules, name\n"
        "    assert 'coachkit.llm.check' not in sys.modules, name\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_only_a_wrong_scorer_name_still_gives_the_rest_of_the_config(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UnknownScorerError) as raised:
        load_config(config_path, strict=True)
    config = but_the_scorer(raised.value, config_path, None)
    assert config is not None
    assert config.scorer == "local"
    assert config.profile_names(scoring=False)[1:] == ["gpt", "box"]
    # COACHKIT_SCORER wins over any file, so no save can fix the name: no stand-in.
    monkeypatch.setenv("COACHKIT_SCORER", "gtp")
    assert but_the_scorer(raised.value, config_path, None) is None


def test_a_profile_shows_its_key_masked_or_whether_its_variable_is_set(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COACHKIT_TEST_KEY", raising=False)
    config = load_config(config_path, scorer="local")
    box = profile_html(config, "box")
    assert "sk-literal-123456789" not in box
    assert "sk-****89" in box
    unset = profile_html(config, "gpt")
    assert "from $COACHKIT_TEST_KEY" in unset
    assert "not set" in unset
    assert "getpass" in unset  # how to set it follows
    monkeypatch.setenv("COACHKIT_TEST_KEY", "sk-test")
    now_set = profile_html(config, "gpt")
    assert '<span class="ck-ok">set</span>' in now_set
    assert "getpass" not in now_set
    assert "No network, no key" in profile_html(config, "local")


def test_the_key_hint_fits_where_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    assert key_hint([]) == ""
    monkeypatch.delenv("VOILA_KERNEL_ID", raising=False)
    cell = key_hint(["OPENAI_API_KEY"])
    assert "getpass.getpass()" in cell
    assert "restart Jupyter" in cell
    shared = key_hint(["A", "B"], Path("/hub/config.yaml"))
    assert "A, B are not set" in shared
    assert "/hub/config.yaml" in shared
    assert "your coach" in shared
    monkeypatch.setenv("VOILA_KERNEL_ID", "k")  # a Voila page has no cell to run it in
    page = key_hint(["OPENAI_API_KEY"])
    assert "getpass" not in page
    assert "restart Voila" in page
