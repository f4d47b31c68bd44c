"""Scores already paid for: the same model, rubric, prompt, question and answer never pay twice."""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pydantic import ValidationError

from ..config import is_secret_key
from ..models import Question, ScoreCard
from ..rubric import RUBRIC_VERSION
from ..store import Store, answer_digest
from .prompt import PROMPT_VERSION
from .usage import iso

__all__ = ["ScoreCache", "cache_key", "grading_settings", "remembering", "unremembered"]

_REMEMBER: ContextVar[bool] = ContextVar("coachkit_remember_scores", default=True)


@contextmanager
def unremembered() -> Iterator[None]:
    """Scores made inside are not written to the score cache (``coachkit score
    --no-save``): a cached card quotes its answer, which the user asked not to keep.
    A score already cached is still reused, and every call is still logged (its
    profile, model, tokens, cost and time: nothing of the answer), as the budget needs."""
    token = _REMEMBER.set(False)
    try:
        yield
    finally:
        _REMEMBER.reset(token)


def remembering() -> bool:
    """Whether a score made now may be written to the score cache."""
    return _REMEMBER.get()


# Params that change how a call is made, not what the model answers.
_NOT_GRADING = frozenset(
    {"model", "api_base", "base_url", "timeout", "stream_timeout", "max_retries", "num_retries"}
)


def grading_settings(params: Mapping[str, Any]) -> str:
    """The profile's params that can change a grade (temperature, seed, ...) as one
    string for ``cache_key``: two profiles of one model with other settings do not
    share scores. Secrets are left out; "" when there are none, as for most profiles."""
    kept = {
        key: value
        for key, value in params.items()
        if key not in _NOT_GRADING and not is_secret_key(str(key))
    }
    return json.dumps(kept, sort_keys=True, default=str) if kept else ""


def cache_key(
    model: str, api_base: str | None, question: Question, answer: str, *, settings: str = ""
) -> str:
    """A hash of everything that decides a score (the answer as sent, after cleaning)."""
    scorer = (model, api_base or "", RUBRIC_VERSION, PROMPT_VERSION)
    head = _key_head(
        (*scorer, settings) if settings else scorer,
        (question.id, question.category, question.prompt),
        question.keypoints,
    )
    text = head + _as_json(answer) + "]"
    return hashlib.sha256(text.encode()).hexdigest()


# json.dumps(answer, ensure_ascii=False) without making an encoder at every call.
_as_json = json.JSONEncoder(ensure_ascii=False).encode


@functools.lru_cache(maxsize=256)
def _key_head(scorer: tuple[str, ...], asked: tuple[str, ...], keypoints: tuple[str, ...]) -> str:
    """The key's JSON list up to the answer, which is the same for every answer."""
    return json.dumps([*scorer, *asked, list(keypoints)], ensure_ascii=False)[:-1] + ", "


class ScoreCache:
    """``llm_score_cache`` in the store."""

    def __init__(self, store: Store, *, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock

    def get(self, key: str) -> ScoreCard | None:
        rows = self._store.query("SELECT card FROM llm_score_cache WHERE key = ?", (key,))
        row = rows[0] if rows else None
        if row is None:
            return None
        try:
            return ScoreCard.model_validate_json(row[0])
        except ValidationError:
            return None  # written by another version: score afresh and overwrite

    def put(
        self, key: str, card: ScoreCard, conn: sqlite3.Connection | None = None, *, answer: str
    ) -> None:
        """Keep a card for ``answer`` (as scored, after cleaning), in ``conn``'s open
        transaction if given. The answer itself is not kept: only a hash of it, by which
        deleting its attempt deletes this score too."""
        if conn is None:
            with self._store.transaction() as opened:
                self.put(key, card, opened, answer=answer)
            return
        conn.execute(
            "INSERT INTO llm_score_cache (key, profile, model, card, created_at, answer_digest)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET card = excluded.card,"
            " profile = excluded.profile, created_at = excluded.created_at,"
            " answer_digest = excluded.answer_digest",
            (
                key,
                card.scorer,
                card.model or "",
                card.model_dump_json(),
                iso(self._clock()),
                answer_digest(card.question_id, answer),
            ),
        )
