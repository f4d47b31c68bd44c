"""Config: defaults, precedence, secrets masked, errors that name the file and line."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from coachkit import ConfigError, UnknownScorerError, load_config
from coachkit.config import Config, resolve_env_refs

CONFIG = """\
scorer: gpt
fallback: local
budget: {llm_scores_per_hour: 10, usd_per_day: 0.5}
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY}
  - model_name: literal
    litellm_params: {model: openai/x, api_key: sk-literal-secret-123456}
"""


def _write(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.yaml"
    path.write_text(text)
    return path


def test_defaults_without_a_file() -> None:
    config = load_config()
    assert config.scorer == "local" and config.fallback == "local"
    assert config.profile_names() == ["local"]
    assert config.source is None


def test_file_env_and_argument_precedence(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(coachkit_home, CONFIG)
    assert load_config().scorer == "gpt"
    monkeypatch.setenv("COACHKIT_SCORER", "literal")
    assert load_config().scorer == "literal"
    assert load_config(scorer="local").scorer == "local"


def test_unknown_scorer_lists_the_valid_names(coachkit_home: Path) -> None:
    _write(coachkit_home, CONFIG)
    with pytest.raises(UnknownScorerError) as info:
        load_config(scorer="claude")
    assert "local, gpt, literal" in str(info.value)


def test_show_masks_literal_secrets_and_keeps_env_references(coachkit_home: Path) -> None:
    _write(coachkit_home, CONFIG)
    shown = str(load_config().shown())
    assert "sk-literal-secret-123456" not in shown
    assert "os.environ/OPENAI_API_KEY" in shown


def test_env_references_resolve_and_report_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SET_KEY", "value")
    monkeypatch.delenv("UNSET_KEY", raising=False)
    params, missing = resolve_env_refs(
        {"model": "m", "api_key": "os.environ/SET_KEY", "x": "os.environ/UNSET_KEY"}
    )
    assert params == {"model": "m", "api_key": "value"}
    assert missing == ["UNSET_KEY"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("scorer: a: b\n", "config.yaml:1"),
        ("- a list\n", "config.yaml:1"),
        ("scorer: local\nbudget: {usd_per_day: -1}\n", "config.yaml:2: budget.usd_per_day"),
        (
            "model_list:\n  - model_name: x\n    litellm_params: {}\n",
            "config.yaml:3: model_list.0.litellm_params",
        ),
        (
            "model_list:\n  - model_name: x\n    litellm_params: {model: m}\n    tier: 2\n",
            "config.yaml:4: model_list.0.tier: not a setting coachkit knows: check its spelling",
        ),
        ("scorer: local\n\ncolour: blue\n", "config.yaml:3: colour"),
        ("practice:\n  new_per_day: -1\n", "config.yaml:2: practice.new_per_day"),
        # A date that does not exist is the user's to fix, not a crash in YAML's reader.
        ("scorer: local\npractice:\n  interview_date: 2026-02-30\n", "config.yaml:3: practice"),
        ("practice:\n  interview_date: 2026-13-45\n", "config.yaml:2: practice.interview_date"),
        ("scorer: local\nfallback: local\nscorer: gpt\n", "config.yaml:3: 'scorer' is given twice"),
        ("? [a, b]\n: 1\n", "config.yaml:1: a key that is a list or mapping"),
        ("scorer: local\nfallback: lo\x07cal\n", "config.yaml:2: a control character (U+0007)"),
        pytest.param(
            f"scorer: local\nbudget: {{llm_scores_per_hour: {'9' * 5000}}}\n",
            "config.yaml:2: a number of 5,000 digits, more than coachkit reads",
            id="number-past-the-digit-limit",
        ),
        ("budget:\n  ? {a: 1}\n  : 1\n", "config.yaml:2: a key that is a list or mapping"),
        # Nine anchors of nine aliases each: a few hundred bytes that took minutes to report.
        pytest.param(
            "".join(
                f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in pairwise("abcdefghi")
            ).join(["a: &a [lol, lol]\n", "scorer: local\n"]),
            "config.yaml:6: its aliases (*name) repeat values more than 100,000 times",
            id="billion-laughs",
        ),
        (
            "model_list:\n  - model_name: x\n    litellm_params:\n      model: openai/m\n"
            "      api_key: os.environ/\n",
            "config.yaml:3: model_list.0.litellm_params: 'os.environ/' names no",
        ),
    ],
)
def test_malformed_config_is_a_clear_error(coachkit_home: Path, text: str, fragment: str) -> None:
    _write(coachkit_home, text)
    with pytest.raises(ConfigError) as info:
        load_config()
    assert fragment in str(info.value)


def test_every_problem_is_reported_at_its_line_and_a_date_says_its_form(
    coachkit_home: Path,
) -> None:
    """Only the first problem was named, and a date written 12/20/2026 was "invalid
    character in year"."""
    _write(coachkit_home, "scorer: local\ntimeout: 30\npractice:\n  interview_date: 12/20/2026\n")
    with pytest.raises(ConfigError) as info:
        load_config()
    lines = str(info.value).splitlines()
    assert [line.split(": ", 1)[0].rsplit(":", 1)[1] for line in lines] == ["2", "4"]
    assert lines[0].endswith(
        "timeout: not a top-level setting: it goes in the llm: section, indented below it"
    )
    assert lines[1].endswith(
        "practice.interview_date: '12/20/2026' is not a date: write it as YYYY-MM-DD, "
        "e.g. 2026-12-20"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("scorrer: local\n", "config.yaml:1: scorrer: not a setting coachkit knows: did you mean "
         "'scorer'? Fix the name, or remove it"),
        ("budget: {usd_per_dya: 1}\n", "budget.usd_per_dya: not a setting coachkit knows: did "
         "you mean 'usd_per_day'?"),
        ("llm:\n  timout: 30\n", "config.yaml:2: llm.timout: not a setting coachkit knows: did "
         "you mean 'timeout'?"),
        ("practice:\n  new_per_dya: 3\n", "practice.new_per_dya: not a setting coachkit knows: "
         "did you mean 'new_per_day'?"),
        ("model_list:\n  - model_name: x\n    litellm_params: {model: m}\n    model_inf: {}\n",
         "config.yaml:4: model_list.0.model_inf: not a setting coachkit knows: did you mean "
         "'model_info'?"),
        ("role: backend\n", "config.yaml:1: role: not a top-level setting: it goes in the "
         "practice: section, indented below it"),
        ("usd_per_day: 2\n", "usd_per_day: not a top-level setting: it goes in the budget: "
         "section"),
    ],
)  # fmt: skip
def test_a_misspelt_or_misplaced_setting_says_which_was_meant(
    coachkit_home: Path, text: str, said: str
) -> None:
    """A typo'd key said only 'check its spelling', where question files name the field
    meant; a section's setting at the top level looks spelt right, so said nothing more."""
    _write(coachkit_home, text)
    with pytest.raises(ConfigError) as info:
        load_config()
    assert said in str(info.value)


@pytest.mark.parametrize(
    ("params", "meant", "line"),
    [
        ('{model: openai/m, api_bse: "http://127.0.0.1:1234/v1", api_key: none}', "api_base", 3),
        ("\n      model: openai/m\n      API_KEY: os.environ/TEAM_KEY", "api_key", 5),
        ("{model: openai/m, base_uri: http://127.0.0.1:1234/v1}", "base_url", 3),
        ("{model: azure/m, api_versoin: 2024-02-01}", "api_version", 3),
    ],
)
def test_a_misspelt_address_or_key_of_a_profile_is_refused(
    coachkit_home: Path, params: str, meant: str, line: int
) -> None:
    """'api_bse' was passed on unread: an answer meant for a server on this machine went
    to the provider's own API (and a misspelt api_key let the provider's default key pay)."""
    _write(coachkit_home, f"model_list:\n  - model_name: x\n    litellm_params: {params}\n")
    with pytest.raises(ConfigError) as info:
        load_config()
    said = str(info.value)
    assert f"config.yaml:{line}: model_list.0.litellm_params." in said
    assert f"not a setting litellm knows: did you mean {meant!r}? Spelt this way" in said


def test_litellm_settings_near_an_address_or_key_are_not_taken_for_typos(
    coachkit_home: Path,
) -> None:
    _write(
        coachkit_home,
        "model_list:\n  - model_name: x\n    litellm_params: {model: watsonx/m, apikey: k, "
        "dd_api_key: d, api_version: v, base_url: http://127.0.0.1:9/v1}\n",
    )
    assert load_config().model_list[0].litellm_params["apikey"] == "k"


def test_a_missing_coachkit_config_file_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = tmp_path / "nowhere" / "config.yaml"
    monkeypatch.setenv("COACHKIT_CONFIG", str(named))
    with pytest.raises(ConfigError) as info:
        load_config()
    assert str(named) in str(info.value)
    assert "does not exist" in str(info.value) and "unset COACHKIT_CONFIG" in str(info.value)


def test_a_coachkit_config_directory_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACHKIT_CONFIG", str(tmp_path))
    with pytest.raises(ConfigError) as info:
        load_config()
    assert f"COACHKIT_CONFIG names {tmp_path}, which is a directory" in str(info.value)


def test_coachkit_config_naming_a_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = _write(tmp_path / "elsewhere", CONFIG)
    monkeypatch.setenv("COACHKIT_CONFIG", str(named))
    config = load_config()
    assert config.scorer == "gpt" and config.source == str(named)


def test_an_unknown_scorer_in_the_file_names_the_file_and_line(coachkit_home: Path) -> None:
    path = _write(coachkit_home, "budget: {usd_per_day: 1}\nscorer: gtp\n")
    with pytest.raises(UnknownScorerError) as info:
        load_config()
    message = str(info.value)
    assert message.startswith(f"Unknown scorer 'gtp' (`scorer:` in {path}:2). Valid scorers: local")


@pytest.mark.parametrize("variable", ["COACHKIT_SCORER", "COACHKIT_FALLBACK"])
def test_an_unknown_scorer_from_the_environment_names_the_variable(
    variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, "bogus")
    with pytest.raises(UnknownScorerError) as info:
        load_config()
    assert str(info.value).startswith(f"Unknown scorer 'bogus' (set by {variable}). Valid")


@pytest.mark.parametrize("value", ["none", "None", "null", "~", "off"])
def test_coachkit_fallback_none_turns_the_fallback_off(
    value: str, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(coachkit_home, CONFIG)  # the file asks for `fallback: local`
    monkeypatch.setenv("COACHKIT_FALLBACK", value)
    assert load_config().fallback is None


def test_a_duplicate_model_name_is_an_error_at_its_line(coachkit_home: Path) -> None:
    _write(
        coachkit_home,
        CONFIG + "  - model_name: gpt\n    litellm_params: {model: anthropic/claude}\n",
    )
    with pytest.raises(ConfigError) as info:
        load_config()
    message = str(info.value)
    assert "config.yaml:9: model_list.2.model_name: 'gpt'" in message
    assert "model_list.0 (line 5)" in message


def test_date_like_values_stay_text_where_text_is_meant(coachkit_home: Path) -> None:
    """Azure's api_version looks like a date: it must reach litellm as the string written."""
    _write(
        coachkit_home,
        "practice:\n  interview_date: 2026-12-15\nmodel_list:\n  - model_name: azure\n"
        "    litellm_params: {model: azure/gpt-4o, api_version: 2024-02-01}\n",
    )
    config = load_config()
    assert config.practice.interview_date == date(2026, 12, 15)
    assert config.entry("azure").litellm_params["api_version"] == "2024-02-01"


def test_a_config_that_is_not_utf8_names_the_line(coachkit_home: Path) -> None:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_bytes(b"scorer: local\n# caf\xe9\n")
    with pytest.raises(ConfigError, match=r"config\.yaml:2: byte 0xe9 is not UTF-8 text"):
        load_config()


def test_whole_numbers_are_shown_as_written() -> None:
    """Settings showed the default limit of 30 scores an hour as "30.0"."""
    shown = Config.model_validate({"budget": {"usd_per_day": 2.5}}).shown()
    assert shown["budget"] == {"llm_scores_per_hour": 30, "usd_per_day": 2.5}
    assert isinstance(shown["llm"]["timeout"], int)


def test_a_folder_where_the_config_file_should_be_is_an_error(tmp_path: Path) -> None:
    """It was read as "no config file; defaults": the user's edits inside it did nothing."""
    folder = tmp_path / "config.yaml"
    folder.mkdir()
    with pytest.raises(ConfigError, match=r"config.yaml \(is a folder, not a file\)"):
        load_config(folder)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("scorer: [a, b]\n", "scorer: should be a name or text, not list"),
        ("model_list:\n  - model_name: x\n", "litellm_params: missing: this setting needs it"),
        ("budget: {llm_scores_per_hour: -3}\n", "llm_scores_per_hour: -3 is too small: use 0"),
        ("llm: {repeats: 50}\n", "repeats: 50 is too large: use 20 or less"),
        ("llm: {timeout: 0}\n", "timeout: 0 is too small: use a number above 0"),
        ("budget: {usd_per_day: lots}\n", "usd_per_day: 'lots' is not a number"),
        ("llm: {cache: maybe}\n", "cache: 'maybe' is not true or false"),
        # Every setting under it commented out: YAML reads the section as null.
        ("practice:\n  # role: backend\n", "practice: has no settings: put them on indented"),
        ("budget: 5\n", "budget: should be settings on indented lines below it"),
        ("model_list:\n", "model_list: has no entries: list them below it"),
        ("model_list: {gpt: x}\n", "model_list: should be a list, each entry starting with '- '"),
    ],
)
def test_validation_is_said_in_plain_words(tmp_path: Path, text: str, said: str) -> None:
    """ "Input should be a valid string", "Field required", "Input should be greater than
    or equal to 0" and "Input should be a valid dictionary or instance of PracticeSettings"
    (a section whose settings are all commented out) came through as they were."""
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert said in str(info.value) and "Input should" not in str(info.value)


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("timeout: soon", "timeout: 'soon' is not a number of seconds above 0"),
        ("timeout: -5", "timeout: -5 is out of range"),
        ("max_retries: two", "max_retries: 'two' is not a whole number from 0 to 10"),
        ("temperature: 3", "temperature: 3 is out of range"),
        ("max_tokens: 1.5", "max_tokens: 1.5 is not a whole number of tokens"),
    ],
)
def test_a_profile_setting_that_must_be_a_number_is_checked_at_its_line(
    coachkit_home: Path, setting: str, said: str
) -> None:
    """`timeout: soon` was accepted, then crashed `config check` with a traceback and
    made every score fail without the fallback."""
    path = _write(
        coachkit_home,
        "model_list:\n  - model_name: p\n    litellm_params:\n      model: openai/x\n"
        f"      api_key: os.environ/KEY\n      {setting}\n",
    )
    with pytest.raises(ConfigError) as info:
        load_config()
    assert f"{path}:6: model_list.0.litellm_params.{said}" in str(info.value)


def test_a_profile_setting_read_from_the_environment_is_not_checked_here(
    coachkit_home: Path,
) -> None:
    _write(
        coachkit_home,
        "model_list:\n  - model_name: p\n    litellm_params:\n      model: openai/x\n"
        "      timeout: os.environ/P_TIMEOUT\n      temperature: 0.2\n",
    )
    assert load_config().entry("p").litellm_params["temperature"] == 0.2
