"""Fakes the UI, progress and chart tests share: a scripted scorer and ready-made attempts."""

from __future__ import annotations

import base64
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import ipywidgets as w

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config
from coachkit.models import (
    DIMENSIONS,
    Attempt,
    Dimension,
    DimensionScore,
    KeypointResult,
    Question,
    RebuiltLine,
    ScoreCard,
)


def card_for(
    question: Question,
    answer: str,
    scores: tuple[int, int, int, int] = (3, 3, 3, 3),
    *,
    overall: int | None = None,
    scorer: str = "fake",
    flags: tuple[str, ...] = (),
) -> ScoreCard:
    """A plausible ScoreCard: evidence is the answer's first sentence, as a real one would be."""
    first = answer.split(". ")[0].strip()
    dims: dict[Dimension, DimensionScore] = {
        d: DimensionScore(score=s, evidence=[first] if s else [], feedback=f"{d} feedback")
        for d, s in zip(DIMENSIONS, scores, strict=True)
    }
    return ScoreCard(
        question_id=question.id,
        scorer=scorer,
        rubric_version="test",
        dimensions=dims,
        overall=overall if overall is not None else sum(scores) * 5,
        keypoints=[
            KeypointResult(point=p, covered=i % 2 == 0, evidence=first if i % 2 == 0 else None)
            for i, p in enumerate(question.keypoints)
        ],
        rebuilt=[
            RebuiltLine(text=first, dimension="situation", source="kept"),
            RebuiltLine(
                text="[result?: what changed, and by how much?]",
                dimension="result",
                source="placeholder",
            ),
        ],
        flags=list(flags),
        tips=["Result: add a number."],
        latency_ms=1.0,
    )


class FakeScorer:
    """Scores every answer the same way, counts calls, and can be told to fail or wait."""

    def __init__(
        self,
        name: str = "fake",
        scores: tuple[int, int, int, int] = (3, 3, 3, 3),
        *,
        error: Exception | None = None,
    ) -> None:
        self.name = name
        self.scores = scores
        self.error = error
        self.calls: list[tuple[str, str]] = []
        self.gate: threading.Event | None = None

    def score(self, question: Question, answer: str) -> ScoreCard:
        self.calls.append((question.id, answer))
        if self.gate is not None:
            self.gate.wait(30)
        if self.error is not None:
            raise self.error
        return card_for(question, answer, self.scores, scorer=self.name)


def coach_with(
    bank: QuestionBank, store: Store, *scorers: FakeScorer, config: Config | None = None
) -> Coach:
    """A Coach whose profiles are the given fakes (the first is used for ``local``)."""
    by_name = {s.name: s for s in scorers}
    default = scorers[0] if scorers else FakeScorer()

    def factory(name: str, _config: Config) -> FakeScorer:
        return by_name.get(name, default)

    return Coach(bank=bank, store=store, config=config or Config(), scorer_factory=factory)


def make_attempts(
    bank: QuestionBank,
    plan: list[tuple[str, tuple[int, int, int, int]]],
    *,
    start: datetime = datetime(2026, 3, 1, 12, tzinfo=UTC),
    step: timedelta = timedelta(days=1),
    flagged: Callable[[int], bool] = lambda _i: False,
    scorer: Callable[[int], str] = lambda _i: "fake",
) -> list[Attempt]:
    """Attempts at the given question ids with the given scores, one ``step`` apart;
    ``scorer`` names the scorer of each, by its place in ``plan``."""
    attempts = []
    for index, (question_id, scores) in enumerate(plan):
        question = bank.get(question_id)
        answer = f"In 2024 I handled case {index}. I did the work. It went well."
        flags = ("injection_suspected",) if flagged(index) else ()
        attempts.append(
            Attempt(
                question_id=question_id,
                category=question.category,
                answer=answer,
                card=card_for(question, answer, scores, flags=flags, scorer=scorer(index)),
                created_at=start + step * index,
            )
        )
    return attempts


class FocusLog:
    """The widgets a view asked the browser to focus, in order.

    ``widget.focus()`` is a message to the front end, which plain pytest has none of:
    each widget watched here writes the request down instead.
    """

    def __init__(self, *widgets: w.DOMWidget) -> None:
        self.focused: list[w.DOMWidget] = []
        for widget in widgets:
            widget.send = self._recorder(widget)

    def _recorder(self, widget: w.DOMWidget) -> Callable[..., None]:
        def send(content: dict[str, Any], buffers: Any = None) -> None:
            if content == {"do": "focus"}:
                self.focused.append(widget)

        return send

    @property
    def last(self) -> w.DOMWidget | None:
        return self.focused[-1] if self.focused else None


_DOWNLOAD = re.compile(
    r'<a class="ck-download" download="(?P<name>[^"]*)" '
    r'href="data:(?P<mime>[^,]*);base64,(?P<data>[A-Za-z0-9+/=]*)">Download (?P<text>[^<]*)</a>'
)


def download_in(html: str) -> tuple[str, str, bytes] | None:
    """The download link in ``html`` as (its file name as written, its media type, the
    bytes it downloads); None when there is none. The link text names the same file."""
    links = list(_DOWNLOAD.finditer(html))
    if not links:
        assert "<a " not in html, html[:300]  # a link of another shape: the regex is stale
        return None
    assert len(links) == 1, html[:300]
    link = links[0]
    assert link["text"] == link["name"]
    return link["name"], link["mime"], base64.b64decode(link["data"], validate=True)


def seeded_coach(bank: QuestionBank, store: Store) -> Coach:
    """A Coach over four attempts, stronger each time, in three categories (what the
    progress view's tests chart)."""
    plan = [
        ("time-you-failed", (1, 1, 1, 1)),
        ("design-rate-limiter", (2, 2, 3, 2)),
        ("why-this-role", (3, 3, 3, 2)),
        ("time-you-failed", (4, 4, 5, 3)),
    ]
    store.add_attempts(make_attempts(bank, plan))
    return coach_with(bank, store)
