"""The config file: which scorer to use, LLM profiles (litellm's model_list shape), budget.

Precedence: explicit argument > ``COACHKIT_*`` environment > the user's own settings
(``$COACHKIT_HOME/config.yaml`` over a shared ``COACHKIT_CONFIG`` file) > config file >
defaults. Secrets stay in the environment: the file holds ``os.environ/VAR`` references.
"""

from __future__ import annotations

import base64
import difflib
import errno
import os
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from . import paths
from .errors import (
    DEFINE_ANOTHER,
    ConfigError,
    UnknownScorerError,
    closest_profile,
    mask_secrets,
    masked,
)
from .models import Slug
from .yamlpos import line_of, undecodable, yaml_problem
from .yamlpos import load as load_yaml

__all__ = [
    "LOCAL",
    "OFFLINE_MEANWHILE",
    "PERSONAL_KEYS",
    "Budget",
    "Config",
    "LLMSettings",
    "ModelEntry",
    "PracticeSettings",
    "Resolved",
    "budget_said",
    "config_without_environment",
    "define_another",
    "is_secret_key",
    "load_config",
    "mask_params",
    "over_ceiling",
    "plan_despite",
    "resolve_env_refs",
    "resolve_params",
    "secret_values",
]

LOCAL = "local"
ENV_PREFIX = "os.environ/"
# Substrings of parameter and header names whose values are credentials. `tokens`
# and `per_token` are counts and prices (max_tokens, input_cost_per_token), not secrets.
_SECRET_KEY = re.compile(
    r"key|secret|passw|pwd|credential|auth|cookie|(?<!per_)token(?!s|izer)", re.IGNORECASE
)
# The userinfo of a URL (`https://user:password@host`): group 1 the user, 2 the password.
_URL_USERINFO = re.compile(r"(?<=://)([^/?#@\s:]*)(?::([^/?#@\s]*))?@")
_URL_QUERY_PARAM = re.compile(r"([?&])([^=&#\s]+)=([^&#\s]*)")
# An Authorization-style value: a scheme word, then the credential a provider may echo alone.
_AUTH_SCHEME = re.compile(r"^[A-Za-z][\w-]*\s+(\S+)$")
_NO_FALLBACK = {"", "none", "null", "~", "off", "false"}
# Keys that name a profile, settable by COACHKIT_<KEY> too.
_NAMED = ("scorer", "fallback", "transcriber")
# What the user's own settings may set over a shared config (COACHKIT_CONFIG), and
# what only the shared config sets. The budget only lower than the shared one: the coach's
# key pays, so the shared limits are a ceiling (see ``over_ceiling``).
PERSONAL_KEYS = (*_NAMED, "practice", "budget")
_SHARED_KEYS = ("llm", "model_list")
# The sections of the user's own settings merged into the shared ones setting by setting.
_MERGED = ("practice", "budget")


class Budget(BaseModel):
    """The user's own spending limits for LLM scoring (None = unlimited)."""

    model_config = ConfigDict(extra="forbid")

    # Finite: .inf read as a limit made the budget's int() of it fail (null is no limit).
    llm_scores_per_hour: float | None = Field(default=30, ge=0, allow_inf_nan=False)
    usd_per_day: float | None = Field(default=1.00, ge=0, allow_inf_nan=False)


def budget_said(key: str, value: float | None) -> str:
    """A budget limit as the notebooks say it: "30 LLM scores per hour", "$1.00 per day"."""
    if key == "llm_scores_per_hour":
        if value is None:
            return "unlimited LLM scores per hour"
        count = f"{int(value):,}" if float(value).is_integer() else f"{value:g}"
        return f"{count} LLM score{'' if value == 1 else 's'} per hour"
    return "no limit per day" if value is None else f"${value:,.2f} per day"


def over_ceiling(own: Mapping[str, float | None], ceiling: Budget) -> dict[str, str]:
    """The limits in ``own`` (the user's own, by name) above the shared config's
    ``ceiling`` (or unlimited under one), by name, each with why: the coach's key pays,
    so the user may only spend less."""
    problems = {}
    for key in Budget.model_fields:
        theirs = getattr(ceiling, key)
        if key not in own or theirs is None:
            continue
        mine = own[key]
        if mine is None or mine > theirs:
            problems[key] = (
                f"{budget_said(key, mine)} is above "
                f"the shared config's {budget_said(key, theirs)}, which is the most you may set "
                "(your coach's key pays): set a lower limit, or none to use theirs"
            )
    return problems


class LLMSettings(BaseModel):
    """How coachkit drives LLM profiles (the provider settings live in litellm_params)."""

    model_config = ConfigDict(extra="forbid")

    timeout: float = Field(default=60, gt=0)  # seconds, for profiles that set no `timeout`
    max_retries: int = Field(default=2, ge=0, le=10)  # transient failures only
    repeats: int = Field(default=3, ge=1, le=20)  # k for stability scoring
    concurrency: int = Field(default=4, ge=1, le=64)  # batch scoring and rescoring
    max_answer_chars: int = Field(default=20_000, ge=200)  # checked before sending
    cache: bool = True  # reuse a score for the same model, prompt, question and answer


NEW_PER_DAY_RANGE = (0, 1000)
"""The fewest and most new questions a day a practice plan may suggest."""


class PracticeSettings(BaseModel):
    """How "Next up" spaces practice (see ``coachkit.schedule``)."""

    model_config = ConfigDict(extra="forbid")

    # New questions suggested a day.
    new_per_day: int = Field(default=5, ge=NEW_PER_DAY_RANGE[0], le=NEW_PER_DAY_RANGE[1])
    interview_date: date | None = None  # every question comes back before it
    # The role practised for: Next up, the role filters and the mock's preset start on its
    # questions (and those for any role). None: every role.
    role: Slug | None = None


# Said after a broken config's problems, wherever answers are still scored.
OFFLINE_MEANWHILE = (
    "Until the config is fixed, answers are scored by the offline scorer (local) and the "
    f"practice plan's defaults apply (every role, {PracticeSettings().new_per_day} new "
    "questions a day); your practice is saved as usual."
)


class ModelEntry(BaseModel):
    """One ``model_list`` entry: a profile name and litellm's parameters."""

    model_config = ConfigDict(extra="forbid")

    model_name: str = Field(min_length=1)
    litellm_params: dict[str, Any]
    # As in litellm's proxy config; coachkit reads max_input_tokens (the context window
    # of a model litellm does not know) and keeps the rest as it is.
    model_info: dict[str, Any] = Field(default_factory=dict)

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

    @field_validator("litellm_params")
    @classmethod
    def _references_name_variables(cls, value: dict[str, Any]) -> dict[str, Any]:
        for reference in _env_refs(value):
            var = reference[len(ENV_PREFIX) :]
            if not _ENV_NAME.fullmatch(var):
                raise ValueError(
                    f"{reference!r} names no environment variable: write "
                    f"{ENV_PREFIX}YOUR_VAR, e.g. {ENV_PREFIX}OPENAI_API_KEY"
                )
        return value

    @field_validator("litellm_params")
    @classmethod
    def _numbers_are_numbers(cls, value: dict[str, Any]) -> dict[str, Any]:
        """The settings coachkit and litellm read as numbers: a word there ("timeout:
        soon") would fail at the first score, far from the file."""
        for key, (low, high, whole, what) in _NUMERIC_PARAMS.items():
            given = value.get(key)
            if given is None or (isinstance(given, str) and given.startswith(ENV_PREFIX)):
                continue
            number = not isinstance(given, bool) and isinstance(given, int | float)
            if not number or (whole and not float(given).is_integer()):
                raise ValueError(f"{key}: {given!r} is not {what}")
            if not low <= given <= high:
                raise ValueError(f"{key}: {given!r} is out of range: {what}")
        return value

    @field_validator("litellm_params")
    @classmethod
    def _endpoint_and_key_spelt_right(cls, value: dict[str, Any]) -> dict[str, Any]:
        """A misspelt ``api_base`` is passed on unread: the answer would go to the
        provider's own API, not the server named; a misspelt ``api_key``, with the
        provider's default key, if one is set."""
        for key in value:
            meant = _misspelt_param(str(key))
            if meant is not None:
                raise ValueError(
                    f"{key}: not a setting litellm knows: did you mean {meant!r}? Spelt this "
                    f"way it is not read, and {_WITHOUT[meant]}"
                )
        return value

    @property
    def model(self) -> str:
        return str(self.litellm_params["model"])


# The profile settings that say where an answer goes and as whom, and what happens when
# one of them is misspelt (and so not read).
_WITHOUT = {
    "api_base": "requests go to the provider's own API, not the server you named",
    "base_url": "requests go to the provider's own API, not the server you named",
    "api_key": "the provider's default key is used, if one is set (e.g. OPENAI_API_KEY)",
    "api_version": "the request is made without it",
}
# litellm settings of their own that are a letter or two off one of those (watsonx's
# key, Datadog's).
_NEAR_BUT_REAL = frozenset({"apikey", "dd_api_key"})


def _misspelt_param(key: str) -> str | None:
    """The setting of ``_WITHOUT`` that ``key`` misspells ('api_bse', 'API_KEY'), if any."""
    if key in _WITHOUT or key in _NEAR_BUT_REAL:
        return None
    close = difflib.get_close_matches(key.lower(), list(_WITHOUT), n=1, cutoff=0.85)
    return close[0] if close else None


# Per-profile settings that must be numbers: (least, most, whole numbers only, in words).
_NUMERIC_PARAMS: dict[str, tuple[float, float, bool, str]] = {
    "timeout": (0.001, 86_400, False, "a number of seconds above 0, e.g. 60"),
    "max_retries": (0, 10, True, "a whole number from 0 to 10, e.g. 2"),
    "num_retries": (0, 10, True, "a whole number from 0 to 10, e.g. 2"),
    "temperature": (0, 2, False, "a number from 0 to 2, e.g. 0"),
    "top_p": (0, 1, False, "a number from 0 to 1, e.g. 1"),
    "max_tokens": (1, 1_000_000, True, "a whole number of tokens above 0, e.g. 1500"),
}

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _setting_loc(loc: tuple[int | str, ...], message: str) -> tuple[int | str, ...]:
    """The place of a bad profile setting: its own line, not its profile's
    ``litellm_params:`` (the validator names the setting first in its message)."""
    if loc and loc[-1] == "litellm_params":
        key = message.removeprefix("Value error, ").split(":", 1)[0]
        if key in _NUMERIC_PARAMS or _misspelt_param(key) is not None:
            return (*loc, key)
    return loc


def _env_refs(value: Any) -> list[str]:
    """Every ``os.environ/...`` string in ``value``, at any depth (headers too)."""
    if isinstance(value, str):
        return [value] if value.startswith(ENV_PREFIX) else []
    if isinstance(value, Mapping):
        return [ref for item in value.values() for ref in _env_refs(item)]
    if isinstance(value, list | tuple):
        return [ref for item in value for ref in _env_refs(item)]
    return []


class Config(BaseModel):
    """The resolved configuration."""

    model_config = ConfigDict(extra="forbid")

    scorer: str = LOCAL
    fallback: str | None = LOCAL
    transcriber: str | None = None  # a model_list profile with a speech-to-text model
    budget: Budget = Budget()
    llm: LLMSettings = LLMSettings()
    practice: PracticeSettings = PracticeSettings()
    model_list: list[ModelEntry] = []
    source: str | None = Field(default=None, exclude=True)  # the config file read, if any
    # The user's own settings read over a shared ``source`` (COACHKIT_CONFIG), if any.
    personal: str | None = Field(default=None, exclude=True)
    # The practice settings a shared ``source`` sets and the user's own do not.
    shared_practice: frozenset[str] = Field(default=frozenset(), exclude=True)
    # The budget limits the user's own settings set over a shared ``source`` (lower).
    own_budget: frozenset[str] = Field(default=frozenset(), exclude=True)
    # Mistakes in the user's own settings over a shared ``source`` that were set aside (a
    # profile the coach renamed), each said with what to do: the rest still applies.
    set_aside: tuple[str, ...] = Field(default=(), exclude=True)
    # The user's own settings over a shared ``source`` could not be read at all (a YAML
    # mistake, a key not theirs): the shared config applies alone, ``set_aside`` says why.
    own_set_aside: bool = Field(default=False, exclude=True)

    @field_validator("fallback", "transcriber", mode="before")
    @classmethod
    def _none_words(cls, value: object) -> object:
        # `none` from COACHKIT_FALLBACK (or `fallback: off`, read by YAML as False)
        # means what `fallback: null` means in the file.
        if value is False or (isinstance(value, str) and value.strip().lower() in _NO_FALLBACK):
            return None
        return value

    @field_validator("model_list")
    @classmethod
    def _unique_names(cls, value: list[ModelEntry]) -> list[ModelEntry]:
        clash = _duplicate([entry.model_name for entry in value])
        if clash is not None:
            raise ValueError(f"duplicate model_name {value[clash[1]].model_name!r}")
        return value

    def profile_names(self, *, scoring: bool = True) -> list[str]:
        """The profiles that can score: ``local`` and model_list's, but the transcriber
        (speech to text); every profile with ``scoring`` False."""
        names = (entry.model_name for entry in self.model_list)
        return [LOCAL, *(name for name in names if not scoring or name != self.transcriber)]

    def entry(self, name: str) -> ModelEntry:
        """The model_list entry called ``name``; unknown names list the valid ones."""
        for entry in self.model_list:
            if entry.model_name == name:
                return entry
        raise UnknownScorerError(name, self.profile_names(), define=define_another())

    def check_name(self, name: str, *, scoring: bool = True, define: str | None = None) -> str:
        """``name``, if it names a scorer (any profile with ``scoring`` False); else
        UnknownScorerError listing those that do, ending with ``define`` (default:
        ``define_another``)."""
        if name == LOCAL:
            return name
        if all(entry.model_name != name for entry in self.model_list):
            raise UnknownScorerError(
                name, self.profile_names(scoring=scoring), define=define or define_another()
            )
        if scoring and name == self.transcriber:
            raise UnknownScorerError(
                name, self.profile_names(), transcriber=True, define=define or define_another()
            )
        return name

    def practice_origin(self, key: str) -> tuple[str, str]:
        """Where ``practice.<key>`` was set, as a message names it, and who can change it
        there ("" for the user): a cohort's plan is its coach's, over it the user's own."""
        if key not in self.shared_practice:
            return "your config", ""
        return (
            f"the shared config {self.source}",
            "Whoever keeps it (your coach) can fix it; Settings saves a role of your own.",
        )

    def shown(self) -> dict[str, Any]:
        """The config as ``config show`` prints it: literal secrets masked."""
        data: dict[str, Any] = _whole_numbers(self.model_dump(mode="json"))
        for entry in data["model_list"]:
            entry["litellm_params"] = mask_params(entry["litellm_params"])
            if not entry.get("model_info"):  # the default: "model_info: {}" under each profile
                entry.pop("model_info", None)
        return data


def _whole_numbers(data: Any) -> Any:
    """``data`` with each whole float as an int: a limit of 30 is shown "30", not "30.0"."""
    if isinstance(data, dict):
        return {key: _whole_numbers(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_whole_numbers(value) for value in data]
    if isinstance(data, float) and data.is_integer():
        return int(data)
    return data


def is_secret_key(name: str) -> bool:
    """Whether a parameter or header called ``name`` holds a credential."""
    return bool(_SECRET_KEY.search(name))


def mask_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Copy of ``params`` with literal secrets hidden at any depth; env references are kept.

    Hidden: values under secret-looking names (nested headers too), and credentials
    inside URLs (``user:password@``, secret query parameters).
    """
    return {key: _mask(value, is_secret_key(str(key)), []) for key, value in params.items()}


def secret_values(params: Mapping[str, Any]) -> list[str]:
    """Every literal secret ``mask_params`` hides, for redacting messages and logs."""
    found: list[str] = []
    for key, value in params.items():
        _mask(value, is_secret_key(str(key)), found)
    return _unique(found)


class Resolved(NamedTuple):
    """litellm params with ``os.environ/VAR`` filled in, at any depth."""

    params: dict[str, Any]
    missing: list[str]  # variables referenced but unset (or empty)
    secrets: list[str]  # literal secrets and every value read from the environment
    refs: list[str]  # every variable referenced: the result changes when they do


def resolve_params(params: Mapping[str, Any]) -> Resolved:
    """Fill in ``os.environ/VAR`` references in nested dicts and lists too."""
    missing: list[str] = []
    read: list[str] = []
    refs: list[str] = []
    resolved = _resolve_mapping(params, missing, read, refs)
    # Values from the environment are secrets whatever their key (a header, a URL).
    secrets = _unique([*read, *secret_values(resolved)])
    return Resolved(resolved, _unique(missing), secrets, _unique(refs))


def resolve_env_refs(params: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Replace ``os.environ/VAR`` values; return the params and the unset variables."""
    resolved = resolve_params(params)
    return resolved.params, resolved.missing


_UNSET = object()  # a reference to an unset variable: left out of the resolved params


def _resolve(value: Any, missing: list[str], read: list[str], refs: list[str]) -> Any:
    if isinstance(value, str) and value.startswith(ENV_PREFIX):
        var = value[len(ENV_PREFIX) :]
        refs.append(var)
        found = os.environ.get(var)
        if not found:
            missing.append(var)
            return _UNSET
        read.append(found)
        return found
    if isinstance(value, Mapping):
        return _resolve_mapping(value, missing, read, refs)
    if isinstance(value, list | tuple):
        resolved = (_resolve(v, missing, read, refs) for v in value)
        return [v for v in resolved if v is not _UNSET]
    return value


def _resolve_mapping(
    value: Mapping[str, Any], missing: list[str], read: list[str], refs: list[str]
) -> dict[str, Any]:
    resolved = ((k, _resolve(v, missing, read, refs)) for k, v in value.items())
    return {k: v for k, v in resolved if v is not _UNSET}


def _mask(value: Any, secret: bool, found: list[str]) -> Any:
    """``value`` with its secrets hidden; the hidden originals are appended to ``found``."""
    if isinstance(value, Mapping):
        return {k: _mask(v, secret or is_secret_key(str(k)), found) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mask(v, secret, found) for v in value]
    if isinstance(value, str) and value.startswith(ENV_PREFIX):
        return value  # a reference, not a secret: shown so the user sees which variable
    if secret and (isinstance(value, str) or type(value) in (int, float)):
        text = str(value)
        found.append(text)
        scheme = _AUTH_SCHEME.match(text)
        if scheme:  # "Bearer X": a provider may echo X without the scheme
            found.append(scheme.group(1))
        return masked(text)
    if isinstance(value, str) and "://" in value:
        return _mask_url(value, found)
    return value


def _mask_url(text: str, found: list[str]) -> str:
    def userinfo(match: re.Match[str]) -> str:
        user, password = match.group(1), match.group(2)
        if password is None:  # a lone userinfo is often a token (https://TOKEN@host)
            found.append(user)
            return "****@"
        found.append(password)
        found.append(urllib.parse.unquote(password))  # "s%40cret" is sent as "s@cret"
        # HTTP clients send these as "Authorization: Basic base64(user:password)", which
        # a proxy may echo back in an error, with its padding or without.
        pair = f"{urllib.parse.unquote(user)}:{urllib.parse.unquote(password)}"
        encoded = base64.b64encode(pair.encode("utf-8")).decode("ascii")
        found.extend((encoded, encoded.rstrip("=")))
        return f"{user}:****@"

    def query(match: re.Match[str]) -> str:
        lead, name, value = match.groups()
        if not value or not is_secret_key(name):
            return match.group(0)
        found.append(value)
        return f"{lead}{name}=****"

    return _URL_QUERY_PARAM.sub(query, _URL_USERINFO.sub(userinfo, text))


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _duplicate(names: list[Any]) -> tuple[int, int] | None:
    """Indexes of the first name used twice (first use, repeat), or None; None is no name."""
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        if not isinstance(name, str):
            continue
        if name in seen:
            return seen[name], index
        seen[name] = index
    return None


def load_config(
    path: Path | None = None,
    *,
    personal: Path | None = None,
    scorer: str | None = None,
    fallback: str | None = None,
    transcriber: str | None = None,
    environment: bool = True,
    strict: bool = False,
) -> Config:
    """Read the config file (absent is fine: defaults), apply env and explicit overrides
    (the ``COACHKIT_*`` variables only with ``environment``).

    A scorer or fallback the user's own file names and the shared one does not define
    (a profile the coach renamed) is set aside, not an error: the shared file's choice
    stands in, ``Config.set_aside`` says why, and the rest of the user's settings apply.
    With ``strict`` it is an error, as any other mistake is.

    A file named by ``COACHKIT_CONFIG`` must exist: the user asked for it. It is then
    a shared config (a cohort's, read-only), and ``personal`` (by default
    ``$COACHKIT_HOME/config.yaml``, see ``paths.personal_config_path``) holds the
    user's own ``scorer``, ``fallback``, ``transcriber``, ``practice`` and ``budget``
    over it, a budget no higher than the shared one's.
    """
    default = paths.config_path()
    path = path or default
    if personal is None and path == default:
        personal = paths.personal_config_path()
    if personal is not None and paths.same_file(personal, path):
        personal = None
    _check_named_file(path)
    if personal is not None and not strict:
        try:
            return _load(path, personal, _given(scorer, fallback, transcriber), environment)
        except ConfigError as exc:
            if str(personal) not in str(exc):
                raise  # the shared file's own mistake, or an override's: said as it is
            # A mistake in the user's own file sets their settings aside, not the coach's:
            # the shared config's scorer, plan and budget still apply, and it is said.
            config = _load(path, None, _given(scorer, fallback, transcriber), environment)
            config.personal, config.own_set_aside = str(personal), True
            said = str(exc).rstrip()
            config.set_aside = (
                f"{said}{'' if said.endswith(('.', '!', '?')) else '.'} Until it is fixed, "
                f"the shared config {path} applies alone: your own scorer, plan and budget "
                "wait.",
            )
            return config
    return _load(path, personal, _given(scorer, fallback, transcriber), environment, strict)


def _given(scorer: str | None, fallback: str | None, transcriber: str | None) -> dict[str, Any]:
    """The profiles named by an explicit argument (None: not given)."""
    return {"scorer": scorer, "fallback": fallback, "transcriber": transcriber}


def _load(
    path: Path,
    personal: Path | None,
    given: dict[str, Any],
    environment: bool,
    strict: bool = False,
) -> Config:
    """``load_config`` once the files are known: read, merged, checked."""
    layers = _layers(path, personal)
    layers.override(given, environment=environment)
    try:
        config = Config.model_validate(layers.data)
    except ValidationError as exc:
        raise _invalid(exc, layers) from None
    config.source = str(path) if layers.exists else None
    config.personal = str(personal) if layers.own_exists else None
    if personal is not None and isinstance(shared := layers.shared_practice, dict):
        own = layers.own.get("practice")
        config.shared_practice = frozenset(set(shared) - set(own if isinstance(own, dict) else ()))
    if personal is not None:
        config.own_budget = _check_ceiling(layers, personal, config, strict=strict)
    if not strict:
        _set_aside_unknown(config, layers)
    _check_names(config, layers)
    if config.transcriber:
        _check_transcriber(config, layers.origin.get("transcriber"))
    return config


def _environment_variables_set() -> list[str]:
    """The ``COACHKIT_<KEY>`` variables that name a profile over the config file."""
    return [
        variable
        for variable in (f"COACHKIT_{key.upper()}" for key in _NAMED)
        if os.environ.get(variable, "").strip()
    ]


def config_without_environment() -> tuple[Config, str] | None:
    """When the config does not load, the files' config and the ``COACHKIT_*`` variables
    to blame, if the files are fine without them (a typo in COACHKIT_SCORER, say); None
    when the problem is in a file (or no variable is set)."""
    variables = _environment_variables_set()
    if not variables:
        return None
    try:
        return load_config(environment=False), " or ".join(variables)
    except ConfigError:
        return None


def plan_despite(exc: ConfigError) -> tuple[Config, str | None] | None:
    """The config a practice plan is read from while ``exc`` keeps the config from
    loading, and the ``COACHKIT_*`` variables to blame, if any: the files' own when only
    a variable is wrong; read with the local scorer when only ``scorer:`` or
    ``fallback:`` is (a typo, the transcriber named; variables None); None otherwise,
    and the plan's defaults apply. Choosing a question scores nothing: a scorer's
    mistake must not drop the role and interview date the file sets well."""
    files = config_without_environment()
    if files is not None:
        return files
    if isinstance(exc, UnknownScorerError):
        try:
            return load_config(scorer=LOCAL, fallback=LOCAL), None
        except ConfigError:
            pass  # another mistake besides: the defaults
    return None


@dataclass
class _Layers:
    """The settings as read, layer over layer, and where each came from."""

    path: Path  # the config file (a shared one when ``personal`` is set)
    personal: Path | None  # the user's own settings over a shared file
    exists: bool
    own_exists: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # where each named profile came from
    own: dict[str, Any] = field(default_factory=dict)  # the user's own settings
    shared_practice: object = None  # the shared file's ``practice:`` as read
    shared_budget: object = None  # the shared file's ``budget:`` as read
    mine: set[str] = field(default_factory=set)  # keys whose value is the personal file's
    shared_named: dict[str, Any] = field(default_factory=dict)  # the shared file's own names

    def override(self, given: Mapping[str, str | None], *, environment: bool = True) -> None:
        """``COACHKIT_<KEY>`` variables, then what the caller passed, win over the files."""
        for key in _NAMED if environment else ():
            variable = f"COACHKIT_{key.upper()}"
            value = os.environ.get(variable, "").strip()
            if value:
                self.data[key], self.origin[key] = value, f"set by {variable}"
                self.mine.discard(key)
        for key, passed in given.items():
            if passed:
                self.data[key] = passed
                self.origin.pop(key, None)  # the caller passed it: the caller knows where from
                self.mine.discard(key)


def _layers(path: Path, personal: Path | None) -> _Layers:
    """The config file, and the user's own file over it."""
    layers = _Layers(path, personal, exists=_is_file(path, lambda exc: _unreadable(path, exc)))
    if layers.exists:
        # Over a shared file a mistake in it is the coach's: a learner cannot edit it.
        keeper = _coach_fixes(path) if personal is not None else ""
        layers.data = _read_yaml(path, lambda exc: _unreadable(path, exc), keeper=keeper)
        for key in _NAMED:
            if key in layers.data:
                layers.origin[key] = _origin(path, key)
        _check_unique_names(path, layers.data.get("model_list"), keeper=keeper)
    if personal is None:
        return layers
    layers.shared_practice = layers.data.get("practice")
    layers.shared_budget = layers.data.get("budget")
    layers.shared_named = {key: layers.data[key] for key in _NAMED if key in layers.data}
    layers.own_exists = _is_file(personal, lambda exc: _unreadable(personal, exc, shared=path))
    if layers.own_exists:
        layers.own = _read_personal(personal, path)
        data = layers.data
        for key, value in layers.own.items():
            if key in _NAMED:
                layers.origin[key] = _origin(personal, key)
            if key in _MERGED and isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}  # each plan or budget setting given wins
            else:
                data[key] = value
        layers.mine = set(layers.own)
    return layers


def _invalid(exc: ValidationError, layers: _Layers) -> ConfigError:
    """Every problem of a config that does not validate, each at its file and line, so
    that one edit fixes them all."""
    path, personal = layers.path, layers.personal
    problems = []
    for error in exc.errors():
        loc = _setting_loc(error["loc"], str(error["msg"]))
        given_there = personal is not None and _given_in(layers.own, layers.mine, loc)
        file = personal if given_there and personal is not None else path
        line = _config_line(file, loc)
        where = ".".join(str(part) for part in loc)
        said = _plain(error)
        if loc != error["loc"]:  # the setting is in the place now: not twice
            said = said.split(": ", 1)[-1]
        problems.append(
            (str(file), line or 0, f"{file}{f':{line}' if line else ''}: {where}: {said}")
        )
    files: dict[str, Path] = {
        key: personal if personal is not None and key in layers.mine else path
        for key in ("scorer", "fallback")
        if key in layers.origin and not layers.origin[key].startswith("set by")
    }
    shared = path if personal else None
    problems += _unknown_names(layers.data, layers.origin, files, shared=shared)
    lines = [text for *_, text in sorted(problems)]
    in_shared = any(file == str(path) for file, *_ in problems)
    if personal is not None and in_shared and _coach_fixes(path) not in "".join(lines):
        return ConfigError(  # a learner cannot edit the coach's file
            _with_advice(lines, _coach_fixes(path)), secrets=_given_secrets(layers.data)
        )
    return ConfigError("\n".join(lines), secrets=_given_secrets(layers.data))


def _with_advice(problems: list[str], advice: str) -> str:
    """``problems`` one a line, then ``advice``: on the same line after a single problem,
    which the command line's contract prints as one line; on a line of its own after
    several, as it is about them all."""
    if len(problems) == 1:
        return _then(problems[0], advice)
    return "\n".join([*problems, advice])


def _then(problem: str, advice: str) -> str:
    """``problem``, closed as a sentence, and ``advice`` (if any) after it."""
    if not advice:
        return problem
    return f"{problem}{'' if problem.endswith(('.', '?', '!')) else '.'} {advice}"


def _given_secrets(value: Any, secret: bool = False) -> list[str]:
    """Every value given under a secret's name (``api_key``, a header's ``Authorization``)
    but a well-formed ``os.environ/VAR`` reference, which names no secret."""
    if isinstance(value, Mapping):
        return [
            found
            for key, item in value.items()
            for found in _given_secrets(item, secret or is_secret_key(str(key)))
        ]
    if isinstance(value, list | tuple):
        return [found for item in value for found in _given_secrets(item, secret)]
    if not secret or isinstance(value, bool) or not isinstance(value, str | int | float):
        return []
    text = str(value)
    named = text.removeprefix(ENV_PREFIX)
    if text.startswith(ENV_PREFIX) and (not named or _ENV_NAME.fullmatch(named)):
        return []
    return [text]


def _check_names(config: Config, layers: _Layers) -> None:
    """The scorer and fallback named are profiles; an unknown one is said with where it
    was set, and, over a shared file, who can add a profile, or fix the shared file's
    own mistake."""
    path, origin = layers.path, layers.origin
    for key, name in (("scorer", config.scorer), ("fallback", config.fallback)):
        if not name:
            continue
        # Set in the shared file itself: a mistake there, which only its keeper can fix.
        in_shared = layers.personal is not None and key in origin
        in_shared = in_shared and not origin[key].startswith("set by")
        try:
            config.check_name(name, define=_coach_fixes(path) if in_shared else None)
        except UnknownScorerError as exc:
            exc.key = key
            if key in layers.mine and not exc.transcriber:  # the shared file's profiles
                exc.args = (mask_secrets(_unknown_own(exc, origin[key], path)),)
            elif key in origin:  # insert the source, keeping the rest of the message as it is
                head = exc.head
                message = str(exc)
                if message.startswith(head):
                    message = f"{head} ({origin[key]}){message[len(head) :]}"
                exc.args = (mask_secrets(message),)
            if exc.transcriber and "transcriber" in origin:
                # Set apart from the scorer (COACHKIT_TRANSCRIBER, say), it may be what to change.
                said = " is the transcriber ("
                message = str(exc).replace(said, f"{said}{origin['transcriber']}; ", 1)
                exc.args = (mask_secrets(message),)
            raise


def _unknown_own(exc: UnknownScorerError, origin: str, shared: Path) -> str:
    """An unknown profile the user's own file names over ``shared``, which defines them."""
    return (
        f"Unknown scorer {exc.name!r} ({origin}).{exc.suggestion} Valid scorers: "
        f"{', '.join(exc.valid)}. The profiles come from the shared config {shared} (set by "
        "COACHKIT_CONFIG): pick one of these, or ask whoever set it (your coach) to add one."
    )


def _set_aside_unknown(config: Config, layers: _Layers) -> None:
    """A scorer or fallback of the user's own that the shared file does not define (the
    coach renamed a profile) gives way to the shared file's choice, rather than stop the
    whole config, and with it the cohort's plan, until the user edits their file."""
    for key in ("scorer", "fallback"):
        name = getattr(config, key)
        if key not in layers.mine or not name:
            continue
        try:
            config.check_name(name)
        except UnknownScorerError as exc:
            if exc.transcriber:  # a profile that exists, misused: said as an error below
                continue
            said = _unknown_own(exc, layers.origin[key], layers.path)
            theirs = layers.shared_named.get(key, _SKIP)
            if theirs is _SKIP:
                layers.origin.pop(key, None)
                replacement = Config.model_fields[key].default
            else:
                layers.origin[key] = _origin(layers.path, key)
                replacement = getattr(Config.model_validate({key: theirs}), key)
            setattr(config, key, replacement)
            layers.mine.discard(key)
            instead = (
                f"the shared config's {key} ({replacement or 'none'})"
                if theirs is not _SKIP
                else "the offline scorer (local)"
            )
            used = "scores your answers" if key == "scorer" else "is the fallback"
            config.set_aside = (
                *config.set_aside,
                mask_secrets(
                    f"{said} Until your file is fixed, {instead} {used}; the rest of your "
                    "settings apply."
                ),
            )


_SKIP = object()  # a name the shared file does not set


def define_another() -> str:
    """How an unknown profile's message ends: who can add a profile. Over a shared config
    (COACHKIT_CONFIG), whoever keeps it: a user's own file may not hold a model_list."""
    if paths.personal_config_path() is None:
        return DEFINE_ANOTHER
    return (
        f"The profiles come from the shared config {paths.config_path()} (set by "
        "COACHKIT_CONFIG): ask whoever keeps it (your coach) to add one."
    )


def _coach_fixes(shared: Path) -> str:
    """What a user over a shared config can do about a mistake in it: not edit it."""
    return (
        f"This is in the shared config {shared} (set by COACHKIT_CONFIG): whoever keeps it "
        "(your coach) can fix it."
    )


def _unknown_names(
    data: Mapping[str, Any],
    origin: Mapping[str, str],
    files: Mapping[str, Path],
    shared: Path | None = None,
) -> list[tuple[str, int, str]]:
    """The scorer and fallback named but not defined, listed beside the other problems
    of a config that does not validate (once it does, ``check_name`` says the same).
    ``files``: the file each name was read from (none when the environment set it)."""
    entries = data.get("model_list")
    names = [LOCAL] + [
        str(entry.get("model_name"))
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict)
    ]
    found = []
    for key in ("scorer", "fallback"):
        name = data.get(key)
        if not isinstance(name, str) or not name or name in names:
            continue
        file = files.get(key)
        define = _coach_fixes(shared) if shared is not None and file == shared else DEFINE_ANOTHER
        problem = str(UnknownScorerError(name, names, define=define))
        if file is None:
            found.append(("", 0, f"{key} ({origin.get(key, 'given')}): {problem}"))
            continue
        line = _config_line(file, (key,))
        found.append(
            (str(file), line or 0, f"{file}{f':{line}' if line else ''}: {key}: {problem}")
        )
    return found


def _plain(error: ErrorDetails) -> str:
    """A validation message, with the form a date is written in when one is wrong."""
    if error["type"].startswith(("date_", "datetime_")):
        return f"{error['input']!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-12-20"
    if error["type"] == "extra_forbidden":
        return _unknown_setting(error["loc"])
    if error["type"] == "string_pattern_mismatch":  # a role: written like a question's roles
        slug = "-".join(re.findall(r"[a-z0-9]+", str(error["input"]).lower())) or "backend"
        return (
            f"{error['input']!r} is not a role name: use lowercase letters and digits joined "
            f"by hyphens, e.g. {slug}"
        )
    if error["type"] == "int_parsing":
        return f"{error['input']!r} is not a whole number: write one, e.g. 5"
    if error["type"] == "string_type":
        return f"should be a name or text, not {type(error['input']).__name__}"
    if error["type"] == "missing":
        return "missing: this setting needs it"
    if error["type"] == "finite_number":  # .inf: "no limit" is written null
        return f"{error['input']!r} is not a number coachkit can use: write one, or null for none"
    return _plain_shape(error) or str(error["msg"]).removeprefix("Value error, ")


_UNKNOWN = "not a setting coachkit knows"
# The sections of the config, by their place in it, and the models that read them.
_SECTIONS: dict[tuple[str, ...], type[BaseModel]] = {
    (): Config,
    ("budget",): Budget,
    ("llm",): LLMSettings,
    ("practice",): PracticeSettings,
    ("model_list",): ModelEntry,  # an entry's place has its index too: dropped below
}


def _settings(section: type[BaseModel]) -> list[str]:
    return [name for name, info in section.model_fields.items() if not info.exclude]


def _unknown_setting(loc: tuple[int | str, ...]) -> str:
    """What is wrong with a setting no section takes: a near miss of one it does, a
    section's setting written at the top level (`timeout:` for `llm: {timeout: ...}`), or
    neither."""
    key = str(loc[-1])
    place = tuple(str(part) for part in loc[:-1] if not isinstance(part, int))
    section = _SECTIONS.get(place)
    meant = _meant(key, _settings(section) if section else [])
    if meant:
        return f"{_UNKNOWN}: {meant}"
    homes = [found[0] for found, model in _SECTIONS.items() if found and key in _settings(model)]
    if not place and homes:
        return f"not a top-level setting: it goes in the {homes[0]}: section, indented below it"
    return f"{_UNKNOWN}: check its spelling and indentation, or remove it"


def _meant(key: str, known: list[str]) -> str:
    """ "did you mean 'scorer'? ..." for a setting a letter or two off a known one, else ""."""
    close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.75)
    return f"did you mean {close[0]!r}? Fix the name, or remove it" if close else ""


# A number's bound (pydantic's ctx key) -> how the fix is said.
_BOUNDS = {
    "ge": "{} or more",
    "gt": "a number above {}",
    "le": "{} or less",
    "lt": "a number below {}",
}


def _plain_shape(error: ErrorDetails) -> str | None:
    """Plain words for a number out of its bounds, a word where a number or true/false
    goes, and a section (budget:, llm:, practice:, model_list:) left empty or written
    as a single value; None for any other error."""
    kind, given = error["type"], error["input"]
    bound = next((key for key in _BOUNDS if key in error.get("ctx", {})), None)
    if bound is not None and kind.startswith(("greater_than", "less_than")):
        limit = error["ctx"][bound]
        shown = f"{limit:g}" if isinstance(limit, float) else str(limit)
        size = "small" if bound in ("ge", "gt") else "large"
        return f"{given!r} is too {size}: use {_BOUNDS[bound].format(shown)}"
    if kind in ("float_parsing", "float_type"):
        return f"{given!r} is not a number: write one, e.g. 2.5"
    if kind in ("bool_parsing", "bool_type"):
        return f"{given!r} is not true or false: write true or false"
    if kind in ("model_type", "dict_type"):
        if given is None:
            return "has no settings: put them on indented lines below it, or remove the line"
        return f"should be settings on indented lines below it (name: value), not {_kind(given)}"
    if kind == "list_type":
        if given is None:
            return "has no entries: list them below it (- model_name: ...), or remove the line"
        return f"should be a list, each entry starting with '- ', not {_kind(given)}"
    return None


def _kind(value: object) -> str:
    """A YAML value's kind as a config's author knows it."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    names |= {dict: "settings (name: value)", list: "a list"}
    return names.get(type(value), type(value).__name__)


def _origin(path: Path, key: str) -> str:
    line = _config_line(path, (key,))
    return f"`{key}:` in {path}{f':{line}' if line else ''}"


def _given_in(own: Mapping[str, Any], mine: set[str], loc: tuple[int | str, ...]) -> bool:
    """Whether the value at ``loc`` came from the personal file (for the line to name)."""
    if not loc or loc[0] not in mine:
        return False
    value = own[str(loc[0])]
    return len(loc) < 2 or not isinstance(value, dict) or loc[1] in value


def _check_ceiling(
    layers: _Layers, personal: Path, config: Config, *, strict: bool
) -> frozenset[str]:
    """The budget limits the user's own file sets (``budget`` read with them), each at
    most the shared config's (the coach's key pays). One above it is set aside, and the
    shared limit applies, as a profile the coach renamed is: a coach who lowers the
    cohort's budget must not stop, for each learner who saved a lower one, their LLM
    scoring and their plan. With ``strict`` it is a ConfigError at its line."""
    given = layers.own.get("budget")
    if not isinstance(given, dict):
        return frozenset()
    budget = config.budget
    own = {str(key): getattr(budget, str(key)) for key in given}
    try:
        ceiling = Budget.model_validate(layers.shared_budget or {})
    except ValidationError:  # broken, but every setting replaced: the defaults cap it
        ceiling = Budget()
    over = over_ceiling(own, ceiling)
    problems = [
        f"{personal}{f':{line}' if (line := _config_line(personal, ('budget', key))) else ''}: "
        f"budget.{key}: {problem}."
        for key, problem in over.items()
    ]
    shared = f"The shared config is {layers.path} (set by COACHKIT_CONFIG)."
    if problems and strict:
        raise ConfigError(_with_advice(problems, shared))
    if problems:
        config.budget = budget.model_copy(update={key: getattr(ceiling, key) for key in over})
        limits = " and ".join(budget_said(key, getattr(ceiling, key)) for key in over)
        config.set_aside = (
            *config.set_aside,
            f"{' '.join(problems)} {shared} Until your file is fixed, the shared config's "
            f"{limits} {'applies' if len(over) == 1 else 'apply'}; the rest of your settings "
            "apply.",
        )
    return frozenset(own) - set(over)


def _read_personal(path: Path, shared: Path) -> dict[str, Any]:
    """The user's own settings over ``shared``: only the keys that are theirs to choose."""
    data = _read_yaml(path, lambda exc: _unreadable(path, exc, shared=shared))
    problems = []
    for key in data:
        if key in PERSONAL_KEYS:
            continue
        line = _config_line(path, (str(key),))
        if key in _SHARED_KEYS:
            problem = (
                f"{key} comes from the shared config set by COACHKIT_CONFIG ({shared}), not "
                "from your own settings: remove it from this file"
            )
        else:
            meant = _meant(str(key), list(PERSONAL_KEYS))
            problem = f"{_UNKNOWN}{f': {meant}' if meant else ''}"
        problems.append(f"{path}{f':{line}' if line else ''}: {key}: {problem}.")
    if problems:  # every one, so that one edit fixes them all
        allowed = f"{', '.join(PERSONAL_KEYS[:-1])} and {PERSONAL_KEYS[-1]}"
        raise ConfigError(
            _with_advice(
                problems, f"Your own settings over the shared config may set only {allowed}."
            )
        )
    return data


def _is_file(path: Path, unreadable: Callable[[OSError], ConfigError]) -> bool:
    """``path.is_file()``, with a folder one may not look into a ConfigError, not a crash."""
    try:
        if path.is_dir():
            # A folder where the file should be is a mistake, not "no config": say so,
            # rather than run on the defaults while the user edits files inside it.
            raise unreadable(IsADirectoryError(errno.EISDIR, "is a folder, not a file"))
        return path.is_file()
    except OSError as exc:
        raise unreadable(exc) from None


def _is_named(path: Path) -> bool:
    """Whether ``path`` is the file ``COACHKIT_CONFIG`` names."""
    return bool(os.environ.get("COACHKIT_CONFIG", "").strip()) and path == paths.config_path()


def _unreadable(path: Path, exc: OSError, *, shared: Path | None = None) -> ConfigError:
    """A config file that cannot be read, and who can fix it: its owner."""
    denied = isinstance(exc, PermissionError)
    reason = paths.os_reason(exc)
    if _is_named(path):
        fix = "make it readable" if denied else "check it and the disk it is on"
        return ConfigError(
            f"cannot read {path} ({reason}): whoever set COACHKIT_CONFIG (your coach) must "
            f"{fix}{' for you (the file and the folders above it)' if denied else ''}."
        )
    fix = f"make it readable (e.g. chmod u+rw '{path}')" if denied else "check the file"
    if shared is not None:
        return ConfigError(
            f"cannot read {path} ({reason}): it holds your own settings over the shared "
            f"config {shared}: {fix}, or move it away to use the shared settings as they are."
        )
    return ConfigError(
        f"cannot read {path} ({reason}): it is your own config file: {fix}, or move it "
        "away to use the defaults."
    )


def _check_transcriber(config: Config, origin: str | None) -> None:
    """``transcriber`` must name a model_list profile: the offline scorer cannot hear."""
    name = config.transcriber
    where = f" ({origin})" if origin else ""
    profiles = [entry.model_name for entry in config.model_list]
    if name in profiles:
        return
    choices = f"one of: {', '.join(profiles)}" if profiles else "add one to model_list first"
    close = closest_profile(str(name), profiles)
    meant = f" Did you mean {close!r}?" if close else ""  # as an unknown scorer says
    raise ConfigError(
        f"Unknown transcriber {name!r}{where}.{meant} It must name a model_list profile "
        f"with a speech-to-text model, e.g. openai/whisper-1; {choices}."
    )


def _check_named_file(path: Path) -> None:
    """Refuse a missing ``COACHKIT_CONFIG`` file, which would silently mean defaults."""
    if not _is_named(path):
        return
    try:
        is_dir = path.is_dir()
    except OSError as exc:  # e.g. a folder above it that the user may not enter
        raise _unreadable(path, exc) from None
    if is_dir:
        raise ConfigError(
            f"COACHKIT_CONFIG names {path}, which is a directory: point it at a config "
            f"file (e.g. {path / 'config.yaml'}), or unset COACHKIT_CONFIG."
        )
    if not _is_file(path, lambda exc: _unreadable(path, exc)):
        # On a hub the variable is the coach's and the folder read-only: a learner can
        # only pass the word on; someone who set it themselves can do the rest.
        raise ConfigError(
            f"COACHKIT_CONFIG names {path}, which does not exist: whoever set "
            "COACHKIT_CONFIG (your coach, on a shared hub: tell them) can create it or fix "
            "the path. If you set it yourself, create it (see the README's Configuration "
            f"section), or unset COACHKIT_CONFIG to use {paths.home() / 'config.yaml'}."
        )


def _check_unique_names(path: Path, model_list: object, *, keeper: str = "") -> None:
    """A repeated model_name would shadow the later entry: report it at its line
    (``keeper``: who can fix the file, when it is not the user)."""
    if not isinstance(model_list, list):
        return  # validation reports the shape
    names = [e.get("model_name") if isinstance(e, dict) else None for e in model_list]
    clash = _duplicate(names)
    if clash is None:
        return
    first, repeat = clash
    line = _config_line(path, ("model_list", repeat, "model_name"))
    first_line = _config_line(path, ("model_list", first, "model_name"))
    problem = (
        f"{path}{f':{line}' if line else ''}: model_list.{repeat}.model_name: "
        f"{names[repeat]!r} is already the name of model_list.{first}"
        f"{f' (line {first_line})' if first_line else ''}: give each profile its own model_name."
    )
    raise ConfigError(_then(problem, keeper))


def _config_line(path: Path, loc: tuple[str | int, ...]) -> int | None:
    """The line of a bad field in the file (None when it came from elsewhere, or no file)."""
    try:
        return line_of(path.read_text(encoding="utf-8"), loc) if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _read_yaml(
    path: Path, unreadable: Callable[[OSError], ConfigError], *, keeper: str = ""
) -> dict[str, Any]:
    """The file's top-level mapping; a file that is not one is a ConfigError at its line,
    with ``keeper`` (who can fix it, when it is not the user) after it."""
    text = ""
    try:
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        at, problem = yaml_problem(text, exc)
        raise ConfigError(_then(f"{path}{f':{at}' if at else ''}: {problem}", keeper)) from None
    except UnicodeDecodeError as exc:
        at, problem = undecodable(exc)
        raise ConfigError(_then(f"{path}:{at}: {problem}", keeper)) from None
    except OSError as exc:
        raise unreadable(exc) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(_then(f"{path}:1: expected a mapping such as `scorer: local`", keeper))
    return data
