"""Packaging and docs agree with the code: deps, CLI commands, notebooks."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from coachkit.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_every_runtime_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)}
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    pip = {_name(d) for d in pip_section if not d.startswith("-")}
    runtime = {_name(d) for d in project["dependencies"]}
    assert runtime <= conda | pip, runtime - conda - pip
    assert any(".[dev]" in d for d in pip_section), "the pip section installs coachkit[dev]"


def test_environment_yml_bounds_match_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {_name(d): d.replace(" ", "") for d in project["dependencies"]}
    listed = [d for d in env["dependencies"] if isinstance(d, str)]
    listed += next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    for entry in listed:
        name = _name(entry)
        if name in pins:
            bounds = pins[name][len(name) :].lower()
            assert entry.replace(" ", "").lower().endswith(bounds), (entry, pins[name])


def test_litellm_is_floored_past_the_compromised_releases() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    litellm = next(d for d in project["dependencies"] if _name(d) == "litellm")
    floor = re.search(r">=\s*([\d.]+)", litellm)
    assert floor and tuple(int(p) for p in floor.group(1).split(".")) >= (1, 83, 9)


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    parser = build_parser()
    commands = next(
        a
        for a in parser._subparsers._group_actions  # type: ignore[union-attr]
    ).choices
    for name in commands:
        assert f"coachkit {name}" in readme, f"`coachkit {name}` is not documented in README.md"


def test_the_bank_ships_inside_the_wheel() -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]
    assert build["targets"]["wheel"]["force-include"]["questions"] == "coachkit/_questions"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    marker = next(i for i, line in enumerate(ci) if "README-TEST-COMMAND" in line)
    command = ci[marker + 1].strip()
    readme_lines = [line.strip() for line in (ROOT / "README.md").read_text().splitlines()]
    assert any(line.endswith(command) for line in readme_lines), command


def test_the_docs_question_file_example_loads_clean(tmp_path: Path) -> None:
    """The example own-questions file (docs/questions.md, linked from the README)."""
    from coachkit.bank import read_question_file

    page = (ROOT / "docs" / "questions.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```yaml\n(track:.*?)```", page, re.DOTALL)
    path = tmp_path / "mobile.yaml"
    path.write_text(example, encoding="utf-8")
    questions, problems = read_question_file(path)
    assert problems == [] and [q.id for q in questions] == ["threat-model-login"]


def test_voila_stops_the_kernels_of_closed_pages_when_run_from_the_folder() -> None:
    """Voila reads voila.json from where it is run (README, "As an app, with Voila"):
    the kernel of a page closed or reloaded is stopped after 2 minutes idle."""
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from traitlets.config.loader import JSONFileConfigLoader

    config = JSONFileConfigLoader("voila.json", path=str(ROOT)).load_config()
    manager = MappingKernelManager(config=config)
    assert (manager.cull_idle_timeout, manager.cull_interval) == (120, 30)
    assert not manager.cull_busy and not manager.cull_connected  # a page open is kept
    assert "idle for 2 minutes" in (ROOT / "README.md").read_text(encoding="utf-8")
