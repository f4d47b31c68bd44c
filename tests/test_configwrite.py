"""Writing the notebooks' choices back to config.yaml: the rest of the file stays as typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coachkit import ConfigError, load_config
from coachkit.config import PracticeSettings
from coachkit.configwrite import save_practice_plan, save_scorer_choice

PLAN = PracticeSettings(new_per_day=3, interview_date=date(2026, 12, 15))
WRITTEN = "practice:\n  new_per_day: 3\n  interview_date: 2026-12-15\n"


def test_a_missing_file_is_created_with_the_plan(tmp_path: Path) -> None:
    path = save_practice_plan(PLAN, tmp_path / "config.yaml")
    assert path.read_text(encoding="utf-8").endswith(WRITTEN)
    assert load_config(path).practice == PLAN


@pytest.mark.parametrize(
    "before",
    [
        "scorer: local\n",
        "scorer: local",  # no final newline
        "scorer: local\npractice: {new_per_day: 9}\nfallback: null\n",
        "scorer: local\npractice:\n  new_per_day: 9\n\n  interview_date: 2026-01-02\n"
        "fallback: null\n",
        "# mine\npractice:\n  # how many\n  new_per_day: 9\n",
    ],
)
def test_the_plan_replaces_the_old_one_and_keeps_the_rest(tmp_path: Path, before: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(before, encoding="utf-8")
    save_practice_plan(PLAN, path)
    text = path.read_text(encoding="utf-8")
    assert text.count("practice:") == 1 and "new_per_day: 9" not in text
    config = load_config(path)
    assert config.practice == PLAN
    for line in before.splitlines():
        if not line.strip().startswith(("practice", "new_per_day", "interview_date")) and line:
            assert line in text  # other entries and comments survive
    if "fallback: null" in before:
        assert config.fallback is None


def test_a_comment_after_a_flow_mapping_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "scorer: local\npractice: {new_per_day: 9}  # my December plan\nfallback: null\n",
        encoding="utf-8",
    )
    save_practice_plan(PLAN, path)
    assert path.read_text(encoding="utf-8") == (
        "scorer: local\npractice:  # my December plan\n  new_per_day: 3\n"
        "  interview_date: 2026-12-15\nfallback: null\n"
    )
    assert load_config(path).practice == PLAN


def test_no_date_writes_no_date(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    save_practice_plan(PLAN, path)
    save_practice_plan(PracticeSettings(new_per_day=4), path)
    assert load_config(path).practice == PracticeSettings(new_per_day=4)
    assert "interview_date" not in path.read_text(encoding="utf-8")


def test_a_broken_file_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    broken = "scorer: local\nbudget: {usd_per_day: -1}\n"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"budget\.usd_per_day"):
        save_practice_plan(PLAN, path)
    assert path.read_text(encoding="utf-8") == broken


def test_the_scorer_and_the_plan_are_written_side_by_side(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    save_practice_plan(PLAN, path)
    save_scorer_choice("local", path)
    save_scorer_choice("local", path)
    text = path.read_text(encoding="utf-8")
    assert text.count("scorer: local\n") == 1 and WRITTEN in text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "scorer: local   # offline until the interview\n",
            "scorer: gpt   # offline until the interview\n",
        ),
        ("scorer:  # pick one later\n", "scorer: gpt  # pick one later\n"),
        ("'scorer': 'local' # quoted\n", "scorer: gpt # quoted\n"),
    ],
)
def test_save_as_default_keeps_the_comment_after_the_scorer(
    tmp_path: Path, before: str, after: str
) -> None:
    """Save as default rewrote the whole `scorer:` line, and the note after it went."""
    path = tmp_path / "config.yaml"
    profiles = "model_list:\n  - model_name: gpt\n    litellm_params: {model: openai/gpt-4o-mini}\n"
    path.write_text(f"# mine\n{before}{profiles}", encoding="utf-8")
    save_scorer_choice("gpt", path)
    assert path.read_text(encoding="utf-8") == f"# mine\n{after}{profiles}"
    assert load_config(path).scorer == "gpt"


def test_the_plan_is_edited_in_place_keeping_its_comments(tmp_path: Path) -> None:
    """Save plan rewrote the whole block, and the user's notes on its lines went."""
    path = tmp_path / "config.yaml"
    path.write_text(
        "practice:   # my plan\n"
        "    # fewer in December\n"
        "    new_per_day: 9   # was 5\n"
        "    role: backend # for now\n"
        "\n"
        "# the rest\n"
        "scorer: local\n",
        encoding="utf-8",
    )
    save_practice_plan(PracticeSettings(new_per_day=3, role="backend"), path)
    assert path.read_text(encoding="utf-8") == (
        "practice:   # my plan\n"
        "    # fewer in December\n"
        "    new_per_day: 3   # was 5\n"
        "    role: backend # for now\n"
        "\n"
        "# the rest\n"
        "scorer: local\n"
    )
    save_practice_plan(PLAN, path)  # a date comes in at the block's end; the role goes
    text = path.read_text(encoding="utf-8")
    assert "    new_per_day: 3   # was 5\n    interview_date: 2026-12-15\n\n# the rest" in text
    assert "role" not in text and "# fewer in December" in text
    assert load_config(path).practice == PLAN


@pytest.mark.parametrize(
    "before",
    [
        "practice:\n  new_per_day: 3\n# interview soon\n  role: frontend\nscorer: local\n",
        "\ufeffpractice:\n  new_per_day: 3\nscorer: local\n",  # Notepad's byte-order mark
        '"practice":\n  new_per_day: 3\n',
        "practice :\n  new_per_day: 3\n",
    ],
    ids=["column-0-comment", "bom", "quoted-key", "space-before-colon"],
)
def test_a_practice_block_written_any_valid_way_is_the_one_saved(
    tmp_path: Path, before: str
) -> None:
    """Each was "'practice' is given twice": a second block was added beside it."""
    path = tmp_path / "config.yaml"
    path.write_text(before, encoding="utf-8")
    save_practice_plan(PLAN, path)
    assert load_config(path).practice == PLAN
    text = path.read_text(encoding="utf-8")
    assert text.count("practice") == 1
    if "interview soon" in before:
        assert "# interview soon" in text


def test_a_crlf_file_keeps_its_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"# mine\r\nscorer: local\r\npractice:\r\n  new_per_day: 9  # was 5\r\n")
    save_practice_plan(PLAN, path)
    save_scorer_choice("local", path)
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"  new_per_day: 3  # was 5\r\n  interview_date: 2026-12-15\r\n" in data
    assert load_config(path).practice == PLAN


def test_a_file_broken_before_the_save_is_reported_at_its_own_lines(tmp_path: Path) -> None:
    """The error named line 5 of the text that was tried and put back, not the user's 3."""
    path = tmp_path / "config.yaml"
    broken = "practice:\n  new_per_day: 3\nscorerr: local\n"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config\.yaml:3\b"):
        save_practice_plan(PLAN, path)
    assert path.read_text(encoding="utf-8") == broken


def test_a_key_that_goes_takes_its_comment_and_a_new_key_comes_after_the_last_key(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "practice:\n"
        "  new_per_day: 5\n"
        "  # the onsite at Acme\n"
        "  interview_date: 2026-12-15\n"
        "  # role: frontend  (maybe later)\n"
        "\n"
        "scorer: local\n",
        encoding="utf-8",
    )
    save_practice_plan(PracticeSettings(new_per_day=5), path)  # the date is cleared
    assert path.read_text(encoding="utf-8") == (
        "practice:\n  new_per_day: 5\n  # role: frontend  (maybe later)\n\nscorer: local\n"
    )
    save_practice_plan(PracticeSettings(new_per_day=5, role="backend"), path)
    assert path.read_text(encoding="utf-8") == (
        "practice:\n"
        "  new_per_day: 5\n"
        "  role: backend\n"
        "  # role: frontend  (maybe later)\n"
        "\n"
        "scorer: local\n"
    )
    assert load_config(path).practice == PracticeSettings(new_per_day=5, role="backend")


@pytest.mark.parametrize(
    "before",
    [
        "---\n# mine\nmodel_list:\n  - model_name: gpt\n    litellm_params: {model: openai/x}\n",
        "%YAML 1.2\n--- # mine\nmodel_list:\n  - model_name: gpt\n"
        "    litellm_params: {model: openai/x}\n...\n",
        "model_list:\n  - model_name: gpt\n    litellm_params: {model: openai/x}\n...\n# end\n",
    ],
)
def test_yamls_document_markers_stay_around_the_settings_saved(tmp_path: Path, before: str) -> None:
    """A file opening with "---" refused Save as default with "config.yaml:2: but found
    another document" (its scorer went above the marker); one ending with "..." refused
    Save plan (it went below)."""
    path = tmp_path / "config.yaml"
    path.write_text(before, encoding="utf-8")
    save_scorer_choice("gpt", path)
    save_practice_plan(PLAN, path)
    assert load_config(path).scorer == "gpt" and load_config(path).practice == PLAN
    text = path.read_text(encoding="utf-8")
    assert text.replace("scorer: gpt\n", "").replace(WRITTEN, "") == before
