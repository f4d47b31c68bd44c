"""What each sentence does for the story: context, responsibility, action, outcome.

Every sentence gets one main ``role`` (its place in the rebuild). A sentence can
also serve other parts: "As the only engineer, I had the filing due Friday"
sets the scene and states the task. ``serves`` answers that wider question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import DIMENSIONS, Dimension
from .features import SentenceInfo

__all__ = [
    "assign_by_position",
    "assign_roles",
    "checks_it_worked",
    "decides_it",
    "position",
    "role_weights",
    "serves",
    "sizes_it",
]

_AFTERWARDS = re.compile(
    r"^\W*(?:since then|ever since|from then on|from that day|these days|going forward)\b",
    re.IGNORECASE,
)


# "I would know it worked because ...", "to confirm the fix, ...": how a technical answer
# checks its approach worked, its result however it is worded.
_CHECKS_IT_WORKED = re.compile(
    r"\b(?:(?:i|we|you)(?:['’]d| would| will| can)? know (?:it|that it|this|the fix)(?: has)? "
    r"(?:worked|works|is working|was working|helped)"
    r"|(?:to|i['’]d|i would|we['’]d|we would|then) (?:verify|confirm|check) (?:that )?"
    r"(?:it|the fix|the change) (?:worked|works|helped)?"
    r"|success (?:looks like|would look like|means|would mean|would be))\b",
    re.IGNORECASE,
)
# "We decide at 95% confidence", "ship only if the guardrails hold", "alert when p99 passes
# 300 ms", "a sample-ratio check": how the answer decides it worked, or learns it did not.
_DECIDES = re.compile(
    r"\b(?:(?:decide|call (?:it|the test)|declare (?:a|the) winner)\b.{0,40}?"
    r"\b(?:at|with) \d{2}(?:\.\d+)?\s?% (?:confidence|significance)"
    r"|(?:ship|launch|roll (?:it )?out|keep)(?: it)? only (?:if|when)"
    r"|roll(?:s|ing)? (?:it |them |the change )?back (?:if|when)"
    r"|(?:alert|page)(?:s|ing)?(?: (?:the on-call|someone|us))? (?:when|if|once)\b"
    r"|guardrail(?: metric)?s?"
    r"|sample[- ]ratio (?:check|mismatch)"
    r"|statistically significant)",
    re.IGNORECASE,
)
# "Afterwards, the profiler showed commits under 8 ms per keystroke": what was measured
# once the work was done reports how it turned out; its figure is no number still to reach.
_MEASURED_AFTER = re.compile(
    r"^\W*(?:afterwards|after (?:that|the (?:fix|fixes|change|changes)))\b|\bshowed\b",
    re.IGNORECASE,
)
_LATE = 0.5
# "I started with the React DevTools profiler", "We began by ...": the first step taken,
# told as one, though it opens the answer where the context usually stands. ("First I'd
# measure which pages are hot" often scopes the problem: it is left to its cues.)
_FIRST_STEP = re.compile(
    r"^\W*(?:(?:so|then|well),? )?(?:i|we) (?:started|began|kicked off) (?:with|by)\b",
    re.IGNORECASE,
)
# The story's last sentence or two: where it says how things stand now.
_CLOSING = 0.85


def checks_it_worked(info: SentenceInfo, at: float) -> bool:
    """Says how the approach is known to work: "I'd know it worked because ...", or, in
    the second half (``at`` runs 0..1), a requirement's figure measured afterwards."""
    if _CHECKS_IT_WORKED.search(info.text):
        return True
    return at > _LATE and info.requirement and _MEASURED_AFTER.search(info.text) is not None


# Up to here a scale said ("it serves 300 million daily users") sizes the problem.
_EARLY = 0.4


def decides_it(text: str) -> bool:
    """Says how a technical answer decides its approach worked, or learns it did not: a
    threshold to decide or alert on, a guardrail, a check of the experiment itself. It
    serves the result whatever its main part (it often also states a requirement)."""
    return _DECIDES.search(text) is not None


def sizes_it(info: SentenceInfo, at: float) -> bool:
    """Clarifies a technical answer's scope: in so many words ("assuming", "out of scope"),
    or, in its first part (``at`` runs 0..1), by a scale. A design stated directly ("I
    would design it as ...") often gives its scale as a requirement, and that is the
    context a stranger needs; a rate near the end is as often an alert's threshold."""
    return info.scope or (info.sizing and at < _EARLY)


def role_weights(info: SentenceInfo, position: float, technical: bool) -> dict[Dimension, float]:
    """How strongly a sentence reads as each STAR part; ``position`` runs 0..1."""
    weights: dict[Dimension, float] = {d: info.cues[d] for d in DIMENSIONS}
    # Answers mostly run situation -> task -> action -> result, so position is a
    # gentle prior that breaks ties between cue words.
    weights["situation"] += 1.2 * (1 - position) ** 2
    weights["task"] += 0.6 * (1 - abs(position - 0.25) * 2)
    weights["action"] += 0.6 * (1 - abs(position - 0.6) * 2)
    weights["result"] += 1.2 * position**2
    if technical:
        # "I would know it worked because p95 falls" names a number to reach, but as the
        # check that the approach worked: a result, not a requirement.
        checks = checks_it_worked(info, position)
        weights["situation"] += 2.0 * int(sizes_it(info, position))
        weights["task"] += 2.0 * int(_requires(info, checks))
        weights["action"] += 2.0 * int(_FIRST_STEP.match(info.text) is not None)
        weights["action"] += 0.5 * int(info.reasoning)
        # A step of the approach ("I'd tune the thresholds"), or one taken in an example.
        weights["action"] += 0.6 * min(info.steps + info.own_actions, 2)
        weighed = 1.5 * int(info.tradeoff) + 0.5 * int(info.contrast) + 1.0 * int(info.before_after)
        weights["result"] += weighed * (0.5 + position)
        if info.numbers and position < 0.3:
            weights["situation"] += 0.8
        weights["result"] += 2.5 * int(checks)
        return weights
    weights["situation"] += (0.8 * int(info.time_marker) + 0.6 * int(info.stakes)) * (1 - position)
    weights["situation"] += 0.3 * min(info.proper_nouns, 2) * (1 - position)
    weights["task"] += 2.5 * int(info.task_marker)
    weights["action"] += 0.6 * info.own_actions + 1.0 * min(info.own_verbs, 3)
    weights["action"] += 0.9 * info.we_actions
    weights["action"] += 0.4 * int(info.reasoning)
    weights["result"] += 1.2 * int(info.outcome) + 2.2 * int(info.lesson)
    weights["result"] += 1.2 * int(info.metric) * position + 1.0 * int(info.before_after)
    if info.lesson or info.outcome:
        weights["situation"] -= 0.6
    if info.practice and position > _CLOSING:
        # A step the candidate added for good, told last ("I added a canary stage for
        # config changes; no outage since."), is what they now do differently: the
        # story's result, however many verbs tell it. Earlier, it is one of the actions.
        weights["result"] += 3.0
    if _AFTERWARDS.match(info.text):
        # "Since then I always ...": what changed afterwards closes the story, however
        # many verbs it has (the rubric's result for a failure: the behaviour that changed).
        weights["result"] += 2.5
    return weights


# Figures still to reach: "I'd expect p95 to go from 900 ms to under 100 ms" is a target.
_EXPECTED = re.compile(
    r"\b(?:expect\w*|would|should|will|target\w*|aim\w*|goals?|must|needs?|has to|have to)\b"
    r"|\b(?:i|we|it)['’](?:d|ll)\b",
    re.IGNORECASE,
)


def _requires(info: SentenceInfo, checks: bool) -> bool:
    """States a technical requirement: a figure to reach, not one reached ("Input delay
    dropped from about 450 ms to under 50 ms" is a result, figures before and after) nor
    the check that the approach worked (``checks``)."""
    reached = info.before_after and _EXPECTED.search(info.text) is None
    return info.requirement and not checks and not reached


def position(info: SentenceInfo, count: int) -> float:
    """Where the sentence stands in an answer of ``count`` sentences: 0 first, 1 last."""
    return info.sentence.index / max(count - 1, 1)


def _strongest(weights: dict[Dimension, float]) -> Dimension:
    """The heaviest role; ties go to the earlier STAR part."""
    best: Dimension = DIMENSIONS[0]
    for dimension in DIMENSIONS[1:]:
        if weights[dimension] > weights[best]:
            best = dimension
    return best


def assign_roles(infos: Sequence[SentenceInfo], technical: bool) -> None:
    """Set ``role`` on every sentence that carries content (injected ones get none)."""
    for info in infos:
        if not info.usable:
            continue
        weights = role_weights(info, position(info, len(infos)), technical)
        info.role = _strongest(weights)


def assign_by_position(infos: Sequence[SentenceInfo]) -> None:
    """Roles from position alone, for answers whose words the cue lists cannot read."""
    usable = [i for i in infos if i.usable]
    for rank, info in enumerate(usable):
        info.role = DIMENSIONS[min(3, rank * 4 // max(len(usable), 1))]


def serves(info: SentenceInfo, dimension: Dimension, technical: bool, count: int) -> bool:
    """True when the sentence does work for ``dimension`` (its main role or not)."""
    if not info.usable or info.role is None:
        return False
    if technical and info.promise and dimension in ("situation", "result"):
        return False  # a reassurance ("it will handle any traffic") sets no scope, weighs no cost
    if info.role == dimension:
        return True
    at = position(info, count)
    if technical:
        if dimension == "situation":
            early = at < 0.4
            return sizes_it(info, at) or (
                early and (info.time_marker or info.stakes) and info.numbers
            )
        if dimension == "task":
            return _requires(info, checks_it_worked(info, at))
        if dimension == "action":
            return (info.reasoning and info.cues["action"] >= 1) or bool(
                info.steps or info.own_actions
            )
        weighed = info.tradeoff or info.contrast or info.before_after
        return (weighed and at > 0.3) or checks_it_worked(info, at) or decides_it(info.text)
    if dimension == "situation":
        return at < 0.35 and (info.time_marker or info.stakes or info.proper_nouns > 0)
    if dimension == "task":
        return info.task_marker or info.aim or info.remit
    if dimension == "action":
        return info.own_actions > 0 or info.we_actions > 0
    if at < 0.3:
        return False  # an opening figure sets the scene; it is not the outcome
    return info.lesson or info.before_after or (info.outcome and (info.metric or at > 0.5))
