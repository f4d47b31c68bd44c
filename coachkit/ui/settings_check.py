"""Test connection and Test transcriber's check: one tiny request to a profile."""

from __future__ import annotations

from dataclasses import dataclass

from ..coach import Coach
from ..config import LOCAL
from ..errors import CorruptDatabaseError
from .parts import readable, unwritable
from .settings_config import config_of

__all__ = ["ConnectionCheck", "check_connection"]


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str
    latency_ms: float | None = None


def check_connection(coach: Coach, name: str) -> ConnectionCheck:
    """One tiny request to profile ``name`` (what `coachkit config check` sends).

    Its latency, or the reason it failed. A database damaged (even in part) or one that
    cannot be used (a newer coachkit's) is not written to: the check is sent all the same,
    its usage not logged, and the result says so (the check tests the provider, which the
    database does not touch; its cost is a few tokens).
    """
    from ..llm.check import check_profile  # imported here: it is only needed on a click

    try:
        problem = None if name == LOCAL else unwritable(coach)
        config = config_of(coach)
        result = check_profile(config, name, store=None if problem else coach.store)
    except Exception as exc:
        return ConnectionCheck(False, readable(exc))
    message = result.message
    if problem is not None:
        why = "a damaged database" if isinstance(problem, CorruptDatabaseError) else "this one"
        message += f"; not logged in your LLM usage, as nothing is written to {why}: {problem}"
    return ConnectionCheck(result.ok, message, result.latency_ms)
