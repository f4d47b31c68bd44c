"""The shared vocabulary: Question, ScoreCard and Attempt."""

from __future__ import annotations

import difflib
import re
import shlex
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

__all__ = [
    "CATEGORIES",
    "DIMENSIONS",
    "MAX_ANSWER_CHARS",
    "REUSED_NOTE",
    "ROLES",
    "SHORT_ID",
    "Attempt",
    "Category",
    "Dimension",
    "DimensionScore",
    "KeypointResult",
    "Question",
    "RebuiltLine",
    "ScoreCard",
    "dimension_means",
    "replace_rescore_hint",
    "rescore_command",
    "rescore_hint",
    "short_ids",
    "split_rescore_hint",
    "weakest",
]

Category = Literal["behavioral", "cultural-fit", "technical", "system-design"]
Dimension = Literal["situation", "task", "action", "result"]
CATEGORIES: tuple[Category, ...] = ("behavioral", "cultural-fit", "technical", "system-design")
DIMENSIONS: tuple[Dimension, ...] = ("situation", "task", "action", "result")
# In a question's roles, for every role; as a role to practise or filter by, every role.
ANY_ROLE = "any"
# A question is a sentence or two; a page pasted in is a mistake (background goes in
# how_to_answer). The longest bundled prompt is about 150 characters.
PROMPT_MAX_CHARS = 1000
# The bundled bank's roles. A question file may name others (a coach adds
# "security" or "qa"); one a letter or two off these is taken for a typo.
ROLES = (
    "any",
    "backend",
    "frontend",
    "mobile",
    "data-ml",
    "sre-platform",
    "engineering-manager",
    "product-manager",
)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]


def _not_misspelt(role: str) -> str:
    """A role that is not a near miss of a bundled one ("backnd" for "backend"):
    a typo would otherwise become a role of its own, holding one question."""
    if role not in ROLES:
        close = difflib.get_close_matches(role, ROLES, n=1, cutoff=0.85)
        if close:
            raise ValueError(
                f"{role!r} looks like a misspelling of {close[0]!r}: write {close[0]!r}, "
                "or give a new role a name of its own"
            )
    return role


Role = Annotated[Slug, AfterValidator(_not_misspelt)]
# Text a question needs: a prompt of spaces is as empty as none.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# Prompt words that ask for a story ("Tell me about a time", "Give an example").
_STORY_CUE = re.compile(
    r"\b(?:a time|an example|example of|tell me about a\b|describe a (?:time|situation)|"
    r"walk me through a|have you ever|a situation)\b",
    re.IGNORECASE,
)
# Openings of a technical question that asks to explain or compare, not to build.
_EXPLAIN_CUE = re.compile(
    r"^\s*(?:what (?:is|are)\b|explain\b|compare\b|what happens\b|"
    r"when (?:would|do) you (?:choose|use)\b|what'?s the difference\b)",
    re.IGNORECASE,
)
# Tags of a story about growing, coaching or managing people.
_PEOPLE_TAGS = frozenset(
    {
        "mentoring",
        "coaching",
        "people",
        "career-development",
        "performance-management",
        "team-health",
        "promotion",
    }
)
# Prompt words that ask for a career pitch: past, present and next, not one story.
_PITCH_CUE = re.compile(
    r"\b(?:tell (?:me|us) (?:a (?:little |bit )*)?about yourself|introduce yourself|"
    r"walk (?:me|us) through your (?:background|career|resume|résumé|cv))\b",
    re.IGNORECASE,
)
# Prompt words that invite the candidate's own questions ("Any questions for us?").
_QUESTIONS_CUE = re.compile(
    r"\b(?:questions? for (?:us|me|the (?:team|panel|interviewers?))|"
    r"anything (?:you(?:'d| would) like )?to ask|what would you (?:like to )?ask)\b",
    re.IGNORECASE,
)


class Question(BaseModel):
    """One interview question from the bank (see questions/*.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    category: Category
    roles: tuple[Role, ...] = Field(min_length=1)
    prompt: Text
    why_asked: Text
    how_to_answer: Text
    keypoints: tuple[Text, ...] = ()
    tags: tuple[Slug, ...] = ()
    difficulty: Literal["easy", "medium", "hard"] = "medium"

    @model_validator(mode="after")
    def _technical_needs_keypoints(self) -> Question:
        if self.category in ("technical", "system-design") and not self.keypoints:
            raise ValueError(f"{self.category} questions need at least one keypoint")
        return self

    def fits_role(self, role: str) -> bool:
        """True when the question is meant for ``role`` (or for every role)."""
        return "any" in self.roles or role in self.roles

    @property
    def technical(self) -> bool:
        return self.category in ("technical", "system-design")

    @property
    def asks_for_story(self) -> bool:
        """True for a behavioural question, or a cultural-fit one that asks for an example.

        "Why this role?" or "Where in five years?" ask for a view, not a story: the
        STAR dimensions then read as context, aim, how you act on it, and where it leads.
        So does "Tell me about yourself": a pitch of where you are, how you got there
        and what you want next, which one story (however good) is not.
        """
        if self.technical or self.asks_for_pitch:
            return False
        return self.category == "behavioral" or bool(_STORY_CUE.search(self.prompt))

    @property
    def asks_for_design(self) -> bool:
        """True for a system-design question: technical, read in a design's words."""
        return self.category == "system-design"

    @property
    def asks_to_explain(self) -> bool:
        """True for a technical question that asks to explain or compare ("What is the
        N+1 query problem?", "Compare sessions with JWTs"): the answer has no goal or
        requirements of its own, but a problem it solves and a time to choose it."""
        return self.category == "technical" and bool(_EXPLAIN_CUE.search(self.prompt))

    @property
    def asks_for_pitch(self) -> bool:
        """True for "Tell me about yourself" and its kin ("Walk me through your CV"):
        a career in brief, read as a view."""
        return not self.technical and bool(_PITCH_CUE.search(self.prompt))

    @property
    def about_people(self) -> bool:
        """A story about growing, coaching or managing people (by its tags): its result is
        what became of them ("he was promoted that cycle"), often with no figure."""
        return not self.technical and not _PEOPLE_TAGS.isdisjoint(self.tags)

    @property
    def asks_for_questions(self) -> bool:
        """True when the question invites the candidate's own ("Any questions for us?"):
        the answer is a few questions for the interviewer, not a story or a view.

        A behavioural prompt, or one that asks for an example ("Tell me about a time
        you answered hard questions for the team"), still asks for a story.
        """
        if self.technical or self.category == "behavioral" or _STORY_CUE.search(self.prompt):
            return False
        return bool(_QUESTIONS_CUE.search(self.prompt))


Score = Annotated[int, Field(ge=0, le=5)]


class DimensionScore(BaseModel):
    """A 0-5 band for one STAR dimension, with quotes from the answer."""

    model_config = ConfigDict(extra="forbid")

    score: Score
    evidence: list[str] = []
    feedback: str = ""


class KeypointResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    point: str
    covered: bool
    evidence: str | None = None


class RebuiltLine(BaseModel):
    """One line of the answer rebuilt in STAR order."""

    model_config = ConfigDict(extra="forbid")

    text: str
    dimension: Dimension
    source: Literal["kept", "edited", "placeholder"]


class ScoreCard(BaseModel):
    """The result of scoring one answer (the JSON of ``coachkit score --json``)."""

    model_config = ConfigDict(extra="forbid")

    question_id: str
    scorer: str
    model: str | None = None
    rubric_version: str
    dimensions: dict[Dimension, DimensionScore]
    overall: Annotated[int, Field(ge=0, le=100)]
    keypoints: list[KeypointResult] = []
    rebuilt: list[RebuiltLine] = []
    flags: list[str] = []
    tips: list[str] = []
    notes: list[str] = []
    latency_ms: float = 0.0
    cost_usd: float | None = None

    @field_validator("dimensions")
    @classmethod
    def _all_four(cls, value: dict[Dimension, DimensionScore]) -> dict[Dimension, DimensionScore]:
        missing = [d for d in DIMENSIONS if d not in value]
        if missing:
            raise ValueError(f"missing dimensions: {', '.join(missing)}")
        return {d: value[d] for d in DIMENSIONS}

    def score(self, dimension: Dimension) -> int:
        return self.dimensions[dimension].score

    def further_tips(self) -> list[str]:
        """The tips that do not repeat a dimension's feedback (shown beside its band)."""
        shown = {f"{d.title()}: {self.dimensions[d].feedback}" for d in DIMENSIONS}
        return [tip for tip in self.tips if tip not in shown]

    @property
    def stood_in(self) -> str | None:
        """The note saying this card's scorer stood in for the one chosen, which could not
        score ("gpt could not score: .... Scored by local instead."), if any. Cards saved
        before this wording said "...; scored by local instead." and are read too."""
        said = (
            *(f"{stop} Scored by {self.scorer} instead." for stop in ".?!)"),
            f"; scored by {self.scorer} instead.",
        )
        return next((note for note in self.notes if note.endswith(said)), None)

    @property
    def reused(self) -> bool:
        """Served from the LLM score cache: no call was made, so its time is a look-up's."""
        return REUSED_NOTE in self.notes

    @property
    def took(self) -> str:
        """How long the score took, as a card's footer says it ("812 ms"), or that it was
        reused from the cache, whose look-up time would read as a fault ("0 ms")."""
        return "reused, no new call" if self.reused else f"{self.latency_ms:.0f} ms"

    @property
    def flagged(self) -> bool:
        """True when the answer tried to steer the grader; charts leave it out."""
        return "injection_suspected" in self.flags


def rescore_hint(chosen: str, question_id: str, scorer: str) -> str:
    """The sentence a stand-in card's note ends on, before "Scored by ... instead.": how to
    see what ``chosen`` makes of the answer ``scorer`` scored in its place. The answer is
    scored, so "try again" would score it anew; this shows ``chosen``'s score beside it."""
    command = rescore_command(chosen, question_id, scorer)
    return f"To see what {chosen} makes of this answer once it works: `{command}`."


def rescore_command(chosen: str, question_id: str, scorer: str) -> str:
    """The command that rescores with ``chosen`` the newest answer to ``question_id`` that
    ``scorer`` scored, showing the two scores side by side (nothing is saved)."""
    args = ["--scorer", chosen, "--question", question_id, "--from", scorer, "--last", "1"]
    return shlex.join(["coachkit", "rescore", *args])


_RESCORE_HINT = re.compile(
    r" ?To see what (?P<chosen>.+?) makes of this answer once it works: "
    r"`(?P<command>coachkit rescore [^`]*)`\."
)


def split_rescore_hint(note: str) -> tuple[str, str | None, str | None]:
    """``note`` without its rescore_hint sentence, with the profile and the command it
    named (None, None: it had none), for a view that says it in its own way."""
    found = _RESCORE_HINT.search(note)
    if found is None:
        return note, None, None
    return replace_rescore_hint(note, ""), found["chosen"], found["command"]


def replace_rescore_hint(note: str, by: str) -> str:
    """``note`` with its rescore_hint sentence in place of ``by`` ("": without it)."""
    return _RESCORE_HINT.sub(
        lambda found: f" {by}" if by and found[0].startswith(" ") else by, note, count=1
    )


MAX_ANSWER_CHARS = 100_000
"""The longest answer saved or imported (about two hours of speech): an export of it,
card and all, stays within what an import reads (exchange.MAX_LINE_CHARS)."""
REUSED_NOTE = "Same answer, question and model as an earlier score: reused it (no new call)."
"""The note on a card served from the score cache."""

# How many characters of an attempt id ``coachkit history`` shows, at the least.
SHORT_ID = 8


def short_ids(ids: Sequence[str]) -> dict[str, str]:
    """Each id's shortest start of ``SHORT_ID`` or more characters that no other id
    shares: a mock interview's ids ("mock-c64e1b-<question>") share their first eight."""
    shown: dict[str, str] = {}
    ordered = sorted(set(ids))
    for i, ident in enumerate(ordered):
        neighbours = ordered[max(0, i - 1) : i] + ordered[i + 1 : i + 2]
        shared = max((_common_start(ident, other) for other in neighbours), default=0)
        shown[ident] = ident[: max(SHORT_ID, shared + 1)]
    return shown


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def dimension_means(cards: Sequence[ScoreCard]) -> dict[Dimension, float]:
    """Each STAR dimension's mean score over ``cards`` (empty for no cards)."""
    if not cards:
        return {}
    return {d: sum(card.score(d) for card in cards) / len(cards) for d in DIMENSIONS}


def weakest(cards: Sequence[ScoreCard]) -> Dimension | None:
    """The STAR dimension with the lowest mean over ``cards``; a tie goes to the first
    in STAR order (the one a story needs before the others)."""
    means = dimension_means(cards)
    if not means:
        return None
    return min(DIMENSIONS, key=means.__getitem__)


def usd(amount: float) -> str:
    """Dollars as people read them: cents from ten cents up, else four places, and a
    cost too small for those never shown as free ("<$0.0001")."""
    if amount >= 0.1 or amount == 0:
        return f"${amount:,.2f}"  # "$1,000.00", as people write dollars
    if amount < 0.00005:
        return "<$0.0001"
    return f"${amount:.4f}"


def _now() -> datetime:
    return datetime.now(UTC)


def new_key() -> str:
    """A fresh idempotency key for one submission."""
    return uuid.uuid4().hex


class Attempt(BaseModel):
    """One scored answer, as kept in the store."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=new_key)
    question_id: str
    category: Category
    answer: str
    card: ScoreCard
    created_at: datetime = Field(default_factory=_now)

    @property
    def overall(self) -> int:
        return self.card.overall
