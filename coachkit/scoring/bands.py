"""The 0-5 band of each STAR dimension, from the sentences that serve it.

Points come only from substance: specific details, the candidate's own actions,
reasons, concrete outcomes. Labels, hollow words and hedging earn nothing. The
weights were set by hand against the tune split of tests/data/labelled_answers.jsonl.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Dimension
from . import asking
from . import lexicon as lx
from .analysis import Analysis
from .features import SentenceInfo
from .roles import checks_it_worked, decides_it, position, serves, sizes_it
from .text import STOPWORDS, words

__all__ = ["band", "bands", "evidence_for", "late_figures"]

# Points needed for bands 2, 3, 4 and 5 (below the first: band 1, a vague gesture).
LADDER = (1.0, 2.0, 3.0, 4.0)


def evidence_for(analysis: Analysis, dimension: Dimension) -> list[SentenceInfo]:
    """Sentences that earn a dimension its points: its own first, then helpers."""
    cached = analysis.serving.get(dimension)
    if cached is None:
        count = len(analysis.sentences)
        if analysis.reading == "questions":
            showing = {id(h.evidence) for h in analysis.keypoints if h.covered and h.evidence}
            serving = [
                s for s in analysis.sentences if asking.serves(s, dimension, id(s) in showing)
            ]
        else:
            technical = analysis.technical
            serving = [s for s in analysis.sentences if serves(s, dimension, technical, count)]
        # For the task, a role named with its remit ("I was the tech lead on a rewrite")
        # comes after a line that states it ("I owned the plan and the estimate").
        named = dimension == "task"
        cached = sorted(
            serving,
            key=lambda s: (
                s.role != dimension,
                named and s.remit and not s.task_marker,
                s.sentence.index,
            ),
        )
        analysis.serving[dimension] = cached
    return list(cached)


def late_figures(analysis: Analysis) -> list[SentenceInfo]:
    """Sentences in the second half that measure an outcome, whatever their main part:
    "I added an index and we relaunched with latency at 150 ms" is an action too."""
    count = len(analysis.sentences)
    return [
        i
        for i in analysis.sentences
        if i.usable and i.metric and (i.outcome or i.before_after) and position(i, count) > 0.5
    ]


def _ladder(points: float) -> int:
    return 1 + sum(1 for threshold in LADDER if points >= threshold)


def _substance(infos: Sequence[SentenceInfo], per_point: float, cap: float) -> float:
    return min(sum(min(i.substance, 14) for i in infos) / per_point, cap)


def _hedging(infos: Sequence[SentenceInfo]) -> float:
    """Hedges ("I think", "maybe", "or something") per sentence: vagueness, not humility."""
    return sum(i.hedges for i in infos) / max(len(infos), 1)


# -- stories -----------------------------------------------------------------------
def _situation(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    # The rubric's situation: when, where, who, what was at stake; a figure sizes it.
    elements = (
        any(i.time_marker for i in infos)
        + any(i.setting or i.proper_nouns for i in infos)
        + any(i.people for i in infos)
        + any(i.numbers for i in infos)
        + any(i.stakes for i in infos)
    )
    # Words are worth less than one element (0.7 < 0.8), so an exemplary 5 takes all
    # five: at 1.2 they stood in for one, and most stories reached 5 where coaches gave 4.
    return 0.8 * elements + _substance(infos, 12, 0.7) - 0.8 * _hedging(infos)


def _task(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    explicit = [i for i in infos if i.task_marker or i.aim]
    points = _substance(infos, 10, 1.0)
    if explicit:
        # Said as their own ("I owned"), not only as a goal they took up from someone else.
        points += 1.2 + 0.6 * any(i.first_person and not i.their_goal for i in explicit)
        points += 0.7 * any(i.specific or i.stakes for i in infos)
    return points - 0.8 * _hedging(infos)


def _action(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    verbs = sum(i.own_verbs for i in infos)
    points = 0.45 * min(verbs, 7) + _substance(infos, 15, 1.2)
    points += 0.7 * any(i.reasoning for i in infos)
    points += 0.25 * min(sum(i.specifics for i in infos), 4)
    return points - 1.0 * _hedging(infos)


def _result(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    points = _substance(infos, 10, 1.0)
    points += 1.4 * any(i.metric and not i.vague_metric for i in infos)
    points += 0.6 * any(i.before_after for i in infos)
    points += 0.6 * (sum(1 for i in infos if i.metric and not i.vague_metric) > 1)
    points += 0.8 * any(i.outcome for i in infos)
    # A plain, unhedged outcome ("He was promoted that cycle", "The port passed
    # certification") is concrete without a figure; the cap below still keeps it at 3
    # unless it says when, how many or who ("promoted to senior eight months later"):
    # coaches gave those 4, as for a measured outcome.
    points += 0.5 * any(i.plain_outcome for i in infos)
    points += 0.7 * any(i.checkable_outcome for i in infos)
    points += 0.8 * any(i.lesson for i in infos)
    # "Much faster" claims a measure it does not give, and costs the result. A story about
    # people ends on how someone changed ("the next critiques were much more focused"),
    # which no figure measures: there, a comparison is only held to 2 (see band).
    if not analysis.people:
        points -= 0.8 * any(i.vague_metric and not i.metric for i in infos)
    return points - 1.0 * _hedging(infos)


# -- technical and system design ------------------------------------------------
def _coverage(analysis: Analysis) -> float:
    hits = analysis.keypoints
    return sum(h.covered for h in hits) / len(hits) if hits else 0.5


def _tech_situation(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    # Scope clarified (users, scale, in or out) before designing; figures size it.
    count = len(analysis.sentences)
    scoped = [i for i in infos if sizes_it(i, position(i, count))]
    points = 1.2 * bool(scoped) + 0.5 * min(len(scoped), 3)
    points += 0.5 * min(sum(1 for i in infos if i.numbers), 3)
    return points + _substance(infos, 10, 1.5)


# Between two requirements of a list: "create a short link, redirect fast (p99 under
# 20 ms), links don't expire by default".
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:and|or)\b")


def _requirements(info: SentenceInfo) -> int:
    """How many requirements a sentence states: its clauses of two content words or
    more, up to four. Counted by sentence, a list of five in one read as one."""
    clauses = _CLAUSE_BREAK.split(info.text.lower())
    said = sum(1 for c in clauses if sum(w not in STOPWORDS and len(w) > 2 for w in words(c)) > 1)
    return max(1, min(said, 4))


def _bare_target(info: SentenceInfo) -> bool:
    """A target given with a reason that only says it matters ("I'd set 99.99% since it's
    important") or with its share alone ("a high availability target like 99.99%": no
    window, threshold or count it is measured by), and no constraint or cost beside it:
    a number, not a goal stated. ("WCAG 2.1 AA" is a standard named, not a share.)"""
    if info.tradeoff or info.contrast:
        return False
    if lx.HOLLOW_REASON.search(info.text) is not None:
        return True
    return (
        lx.TECH_TARGET.regex.search(info.text) is not None
        and lx.PERCENT_FIGURE.search(info.text) is not None
        and not info.reasoning
        and lx.TARGET_MEASURE.search(info.text) is None
    )


def _tech_task(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    stated = [i for i in infos if i.requirement and not _bare_target(i)]
    points = 1.2 * bool(stated) + 0.4 * min(sum(map(_requirements, stated)), 3)
    points += 0.4 * min(sum(1 for i in stated if i.numbers), 2)
    # Ten content words, as for a story's task: at fifteen no one sentence (each counts
    # for fourteen at most) could earn the whole point, however much it states.
    return points + _substance(infos, 10, 1.0)


# A sentence that tells the working of an approach: ten content words or more, unhedged,
# promising nothing ("handle it properly"), saying how a part behaves or why, or sizing it.
_WORKING_SUBSTANCE = 10
# An approach told this way in four sentences or more, most of the answer, shows its design
# as key points met by name do, at this weight: a coach gave such answers in plain words
# 87, the offline scorer 50, as their key points' terms were never said.
_WORKING_MOST, _WORKING_WEIGHT = 4, 0.8


def _tells_working(info: SentenceInfo) -> bool:
    return (
        info.substance >= _WORKING_SUBSTANCE
        and not info.hedges
        and not info.promise
        and (info.working or info.reasoning or info.tradeoff or info.contrast or info.numbers)
    )


def told_working(analysis: Analysis) -> float:
    """How much of a technical answer tells, in whatever words, how its approach works:
    the share of its sentences that do (see _tells_working), weighed down, and 0 for one
    with fewer than four. Read from every sentence: one that tells the design in plain
    words names no part ("the server saves the ticket number") and may be read as scene."""
    usable = analysis.usable
    told = sum(map(_tells_working, usable))
    if told < _WORKING_MOST:
        return 0.0
    return _WORKING_WEIGHT * told / len(usable)


def _tech_action(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    # Key points are found by their terms: an approach told in plain words meets few of
    # them, and is read by how much of it tells its working instead.
    shown = max(_coverage(analysis), told_working(analysis))
    # "I'd handle the retries properly", "make sure the edge cases are covered": a step
    # that promises its quality says nothing of what it does, and earns nothing here.
    infos = [i for i in infos if not i.promise]
    points = 2.5 * shown + _substance(infos, 20, 1.2)
    points += 0.3 * min(sum(1 for i in infos if i.reasoning), 3)
    # Steps of an approach, in whatever words: key points said plainly are often missed.
    points += 0.25 * min(sum(1 for i in infos if i.steps or i.own_actions), 4)
    return points - 0.8 * _hedging(infos)


def _tech_result(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    # Trade-offs weighed and failure modes handled; a contrast alone is a hint.
    weighed = sum(1.0 if i.tradeoff else 0.4 for i in infos if i.tradeoff or i.contrast)
    # A rule that decides it worked or catches that it did not ("we decide at 95%
    # confidence", "alert when p99 passes 300 ms") is how the approach is judged: the
    # rubric's result for a technical answer, as a trade-off is. Two say it; more repeat.
    decided = sum(1 for i in infos if decides_it(i.text) and not i.tradeoff)
    weighed += 0.6 * min(decided, 2)
    points = 1.0 * _coverage(analysis) + 0.7 * min(weighed, 4)
    # The rubric's outcome: how the approach is known to work ("p95 from 900 ms to under
    # 100 ms after the rollout"). Strong answers that end on that, and weigh few costs in
    # so many words, were held to 3 where coaches gave 4 or 5.
    count = len(analysis.sentences)
    measured = any(
        i.before_after
        or (i.metric and not i.vague_metric)
        or checks_it_worked(i, position(i, count))
        or decides_it(i.text)
        for i in infos
    )
    points += 0.7 * measured
    return points + _substance(infos, 20, 1.0) - 0.8 * _hedging(infos)


# -- the candidate's own questions ("Any questions for us?") -----------------------
def _ask_situation(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    # Questions grounded in the conversation or the candidate's research.
    grounded = sum(1 for i in infos if i.refers)
    points = 1.4 * bool(grounded) + 0.5 * min(grounded, 3)
    points += 0.5 * any(i.setting or i.proper_nouns for i in infos)
    return points + _substance(infos, 12, 1.2) - 0.8 * _hedging(infos)


def _ask_task(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    # Why the candidate wants to know: each reason given counts.
    reasons = sum(1 for i in infos if i.purpose)
    points = 1.3 * bool(reasons) + 0.5 * min(reasons, 3)
    return points + _substance(infos, 12, 1.0) - 0.8 * _hedging(infos)


def _ask_action(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    # The questions: a few, each specific; a fifth adds nothing, nor do pay and perks.
    asked = [i for i in infos if i.asks and not i.shallow]
    points = 0.8 * min(len(asked), 4) + 0.25 * min(sum(i.specifics for i in asked), 4)
    return points + _substance(asked, 15, 1.0) - 1.0 * _hedging(infos)


def _ask_result(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    # What the answers would tell the candidate, and whether they ask what matters.
    points = 1.4 * any(i.payoff for i in infos) + 2.5 * _coverage(analysis)
    return points + _substance(infos, 12, 1.0) - 0.8 * _hedging(infos)


def _foreign(infos: Sequence[SentenceInfo], analysis: Analysis) -> float:
    """Language-neutral points: substance, figures and names, read by position."""
    points = 1.0 + _substance(infos, 12, 1.5)
    points += 0.8 * any(i.numbers for i in infos) + 0.5 * any(i.proper_nouns for i in infos)
    return points


_STORY = {"situation": _situation, "task": _task, "action": _action, "result": _result}
_TECH = {
    "situation": _tech_situation,
    "task": _tech_task,
    "action": _tech_action,
    "result": _tech_result,
}
_QUESTIONS = {
    "situation": _ask_situation,
    "task": _ask_task,
    "action": _ask_action,
    "result": _ask_result,
}


def band(analysis: Analysis, dimension: Dimension) -> int:
    """The dimension's 0-5 band, with the rubric's caps applied."""
    infos = [i for i in evidence_for(analysis, dimension) if i.usable]
    if not infos:
        return 0
    # Three content words or fewer are a vague gesture, unless they measure something or
    # say plainly how it ended ("He got promoted that cycle.").
    if sum(i.substance for i in infos) < 3 and not any(i.metric or i.plain_outcome for i in infos):
        return 1
    if not analysis.english:
        return _ladder(_foreign(infos, analysis))
    how = analysis.reading
    points = (_TECH if how == "technical" else _QUESTIONS if how == "questions" else _STORY)[
        dimension
    ](infos, analysis)
    score = _ladder(points)
    if dimension == "situation" and analysis.filler_heavy:
        # A scene told through "um, like, you know" is not one a stranger can follow:
        # adequate at most, whatever it names (the five in the tune split are labelled 1-3).
        score = min(score, 3)
    if how in ("technical", "questions"):
        return score  # the story caps (own actions, a concrete outcome) do not apply
    if dimension == "action" and analysis.we_actions and not analysis.own_actions:
        score = min(score, 2)  # the rubric: "we" without "I" caps Action at 2
    if dimension == "result":
        concrete = any(
            (i.metric and not i.vague_metric) or i.lesson or i.checkable_outcome for i in infos
        )
        if not concrete:
            score = min(score, 3)  # above 3 needs a concrete outcome
        if any(i.vague_metric for i in infos) and not any(i.metric for i in infos):
            score = min(score, 2)  # "much faster" is not a quantified result
    return score


def _implied_task(found: dict[Dimension, int]) -> int:
    """A responsibility or goal a listener can infer from a well-told answer.

    Labellers credit the task of a strong story or design even when nobody says
    "my goal was" or lists requirements; a weak one implies little. Other parts averaging
    4.5 or more imply a clear one (4: coaches gave those 4, not the 3 it was held to).
    """
    others = (found["situation"] + found["action"] + found["result"]) / 3
    return max(0, min(4, round(others - 1.0)))


def bands(analysis: Analysis) -> dict[Dimension, int]:
    """All four bands; the task may be implied by the other three."""
    found: dict[Dimension, int] = {
        d: band(analysis, d) for d in ("situation", "task", "action", "result")
    }
    if analysis.english:
        found["task"] = max(found["task"], _implied_task(found))
    return found
