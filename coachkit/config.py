"""The config file: which scorer to use, LLM profiles (litellm's model_list shape), budget.

Precedence: explicit argument > ``COACHKIT_*`` environment > config file > defaults.
Secrets stay in the environment: the file holds ``os.environ/VAR`` references.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import paths
from .errors import ConfigError, UnknownScorerError
from .yamlpos import line_of

__all__ = [
    "LOCAL",
    "Budget",
    "Config",
    "LLMSettings",
    "ModelEntry",
    "PracticeSettings",
    "is_secret_key",
    "load_config",
    "mask_params",
    "resolve_env_refs",
]

LOCAL = "local"
ENV_PREFIX = "os.environ/"
_SECRET_HINTS = ("key", "token", "secret", "password")


class Budget(BaseModel):
    """The user's own spending limits for LLM scoring (None = unlimited)."""

    model_config = ConfigDict(extra="forbid")

    llm_scores_per_hour: float | None = Field(default=30, ge=0)
    usd_per_day: float | None = Field(default=1.00, ge=0)


class LLMSettings(BaseModel):
    """How coachkit drives LLM profiles (the provider settings live in litellm_params)."""

    model_config = ConfigDict(extra="forbid")

    timeout: float = Field(default=60, gt=0)  # seconds, for profiles that set no `timeout`
    max_retries: int = Field(default=2, ge=0, le=10)  # transient failures only
    repeats: int = Field(default=3, ge=1, le=20)  # k for stability scoring
    concurrency: int = Field(default=4, ge=1, le=64)  # batch scoring and rescoring
    max_answer_chars: int = Field(default=20_000, ge=200)  # checked before sending
    cache: bool = True  # reuse a score for the same model, prompt, question and answer


class PracticeSettings(BaseModel):
    """How "Next up" spaces practice (see ``coachkit.schedule``)."""

    model_config = ConfigDict(extra="forbid")

    new_per_day: int = Field(default=5, ge=0, le=1000)  # new questions suggested a day
    interview_date: date | None = None  # every question comes back before it


class ModelEntry(BaseModel):
    """One ``model_list`` entry: a profile name and litellm's parameters."""

    model_config = ConfigDict(extra="forbid")

    model_name: str = Field(min_length=1)
    litellm_params: dict[str, Any]

    @field_validator("model_name")
    @classmethod
    def _not_local(cls, value: str) -> str:
        if value == LOCAL:
            raise ValueError("'local' is the built-in offline scorer; pick another name")
        return value

    @field_validator("litellm_params")
    @classmethod
    def _has_model(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(value.get("model"), str) or not value["model"]:
            raise ValueError("litellm_params needs `model`, e.g. openai/gpt-4o-mini")
        return value

    @property
    def model(self) -> str:
        return str(self.litellm_params["model"])


class Config(BaseModel):
    """The resolved configuration."""

    model_config = ConfigDict(extra="forbid")

    scorer: str = LOCAL
    fallback: str | None = LOCAL
    budget: Budget = Budget()
    llm: LLMSettings = LLMSettings()
    practice: PracticeSettings = PracticeSettings()
    model_list: list[ModelEntry] = []
    source: str | None = Field(default=None, exclude=True)

    def profile_names(self) -> list[str]:
        return [LOCAL, *(entry.model_name for entry in self.model_list)]

    def entry(self, name: str) -> ModelEntry:
        """The model_list entry called ``name``; unknown names list the valid ones."""
        for entry in self.model_list:
            if entry.model_name == name:
                return entry
        raise UnknownScorerError(name, self.profile_names())

    def check_name(self, name: str) -> str:
        if name != LOCAL:
            self.entry(name)
        return name

    def shown(self) -> dict[str, Any]:
        """The config as ``config show`` prints it: literal secrets masked."""
        data = self.model_dump(mode="json")
        for entry in data["model_list"]:
            entry["litellm_params"] = mask_params(entry["litellm_params"])
        return data


def is_secret_key(name: str) -> bool:
    return any(hint in name.lower() for hint in _SECRET_HINTS)


def mask_params(params: dict[str, Any]) -> dict[str, Any]:
    """Copy of ``params`` with literal secrets hidden; env references are kept."""
    masked: dict[str, Any] = {}
    for key, value in params.items():
        if is_secret_key(key) and isinstance(value, str) and not value.startswith(ENV_PREFIX):
            masked[key] = "****" if len(value) < 12 else f"{value[:3]}****{value[-2:]}"
        else:
            masked[key] = value
    return masked


def resolve_env_refs(params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Replace ``os.environ/VAR`` values; return the params and the unset variables."""
    resolved: dict[str, Any] = {}
    missing: list[str] = []
    for key, value in params.items():
        if isinstance(value, str) and value.startswith(ENV_PREFIX):
            var = value[len(ENV_PREFIX) :]
            if os.environ.get(var):
                resolved[key] = os.environ[var]
            else:
                missing.append(var)
        else:
            resolved[key] = value
    return resolved, missing


def load_config(
    path: Path | None = None, *, scorer: str | None = None, fallback: str | None = None
) -> Config:
    """Read the config file (absent is fine: defaults), apply env and explicit overrides."""
    path = path or paths.config_path()
    data: dict[str, Any] = {}
    if path.is_file():
        data = _read_yaml(path)
    env_scorer = os.environ.get("COACHKIT_SCORER", "").strip()
    env_fallback = os.environ.get("COACHKIT_FALLBACK", "").strip()
    for key, value in (("scorer", env_scorer), ("fallback", env_fallback)):
        if value:
            data[key] = value
    for key, override in (("scorer", scorer), ("fallback", fallback)):
        if override:
            data[key] = override
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        line = _config_line(path, first["loc"])
        raise ConfigError(f"{path}{f':{line}' if line else ''}: {where}: {first['msg']}") from None
    config.source = str(path) if path.is_file() else None
    config.check_name(config.scorer)
    if config.fallback:
        config.check_name(config.fallback)
    return config


def _config_line(path: Path, loc: tuple[str | int, ...]) -> int | None:
    """The line of a bad field in the file (None when it came from elsewhere, or no file)."""
    try:
        return line_of(path.read_text(encoding="utf-8"), loc) if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}{line}: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config ({exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping such as `scorer: local`")
    return data
