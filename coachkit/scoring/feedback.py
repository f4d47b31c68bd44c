"""Feedback a person can act on: one tip per dimension, pointing at their own sentence."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..models import Dimension
from ..numwords import spelled_spans
from ..rubric import Reading
from . import lexicon as lx
from .analysis import Analysis
from .features import SentenceInfo
from .keypoints import KeypointHit, negated
from .roles import checks_it_worked, position

__all__ = ["dimension_feedback", "tips"]

_QUOTE_CHARS = 80
# Non-functional requirements a design answer usually pins down, most asked first.
_QUALITIES = ("latency", "availability", "consistency", "throughput", "durability")


def _q(analysis: Analysis, info: SentenceInfo) -> str:
    """A short quote of the candidate's sentence, cut at a word boundary."""
    # A sentence split at ", but" keeps its comma: a quote ending on one reads as cut off.
    text = " ".join(analysis.quote(info).split()).rstrip(",;:")
    if len(text) <= _QUOTE_CHARS:
        return f'"{text}"'
    return '"' + text[: _QUOTE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + '…"'


def _anchor(analysis: Analysis, dimension: Dimension) -> str:
    """Where a missing part belongs, said by pointing at a neighbouring sentence."""
    usable = analysis.usable
    if not usable:
        # Point at what they did say, never at text addressed to the grader.
        first = next((s for s in analysis.sentences if not s.injected), None)
        return f"Instead of {_q(analysis, first)}, tell" if first else "Tell"
    if dimension == "situation":
        return f"Before {_q(analysis, usable[0])}, add"
    if dimension == "result":
        return f"After {_q(analysis, usable[-1])}, add"
    earlier = [s for s in usable if s.role in ("situation", "task")]
    after = earlier[-1] if earlier else usable[0]
    return f"After {_q(analysis, after)}, add"


_MISSING: dict[tuple[Reading, Dimension], str] = {
    ("story", "situation"): "when and where this was, who was involved and what was at stake",
    ("story", "task"): "what you were responsible for and the constraint (deadline, budget, team)",
    ("story", "action"): "two or three things you did yourself, and why",
    ("story", "result"): "what changed and by how much, or the lesson and what you do differently",
    ("view", "situation"): "where you are now: your role, your background or what shaped this view",
    ("view", "task"): 'what you want or aim for, as your own ("I want …", "I look for …")',
    ("view", "action"): "one concrete example of how you act on it, and why",
    ("view", "result"): "how it connects to this role: what you would bring or do here",
    ("questions", "situation"): "where a question comes from: something said earlier, or read",
    ("questions", "task"): 'why you ask it: what matters to you ("I ask because …")',
    ("questions", "action"): "two or three questions this interviewer can answer",
    ("questions", "result"): 'what the answer would tell you ("that would help me judge …")',
    ("technical", "situation"): "the context: what you would check or ask first, and what "
    "you assume",
    ("technical", "task"): "the goal: what a good outcome is, and which constraints matter",
    ("technical", "action"): "your approach, step by step, and the reason for each step",
    ("technical", "result"): "what it costs or where it falls short, and how you would know "
    "it worked",
}
# A technical question that asks to explain or compare has no goal of its own.
_MISSING_IN_EXPLAIN: dict[Dimension, str] = {
    "situation": "where this comes up, in a system you know",
    "task": "why it matters: the problem it causes or solves, and when it comes up",
    "action": "how it works, step by step, and the reason for each step",
    "result": "what it costs, and where it falls short",
}
# A system design says the same in a design's words.
_MISSING_IN_DESIGN: dict[Dimension, str] = {
    "situation": "the scope: who the users are, what scale, what is in or out",
    "task": "the requirements: what it must do, and how fast, available, consistent",
    "action": "your design and the reason for each choice",
    "result": "a trade-off you accept and what happens when a part fails",
}


def _scene_unsaid(info: SentenceInfo) -> str | None:
    """What a story's scene still needs beside a sentence that sets part of it (when,
    where, who, what was at stake); None when it sets none or all of it."""
    when, where = info.time_marker, info.setting or info.proper_nouns > 0
    parts = {
        "when and where this was": not (when or where),
        "when this was": where and not when,
        "where this was": when and not where,
        "who was involved": not info.people,
        "what was at stake": not info.stakes,
    }
    unsaid = [part for part, missing in parts.items() if missing]
    if not (when or where or info.people or info.stakes) or not unsaid:
        return None
    return unsaid[0] if len(unsaid) == 1 else f"{', '.join(unsaid[:-1])} and {unsaid[-1]}"


def _we_only(analysis: Analysis, infos: Sequence[SentenceInfo]) -> SentenceInfo | None:
    """The first sentence told as "we", when the answer never says what "I" did."""
    if analysis.own_actions:
        return None
    return next((i for i in infos if i.we_actions and not i.own_actions), None)


def _story_tip(
    analysis: Analysis, dimension: Dimension, score: int, infos: Sequence[SentenceInfo]
) -> str:
    first = _q(analysis, infos[0])
    if dimension == "situation":
        if not any(i.specific for i in infos):
            return f"{first}: name the when and where (the year, the team or company, the scale)."
        if not any(i.stakes for i in infos):
            stakes = (
                "the person's growth, the team, a deadline"
                if analysis.people
                else "customers, revenue, a deadline"
            )
            return f"{first}: say what was at stake ({stakes})."
        # An exemplary scene has all of these (bands._situation): name the one missing.
        if score < 5 and not any(i.people for i in infos):
            return f"{first}: say who was involved: your role, and who you worked with or for."
        if score < 5 and not any(i.numbers for i in infos):
            return f"{first}: size it (how many people, users or weeks)."
        return f"{first} sets the scene; keep it to one or two sentences."
    if dimension == "task":
        if not any(i.first_person for i in infos):
            return f'{first}: make it yours ("I was responsible for …", "my goal was …").'
        if not (infos[0].task_marker or infos[0].remit):
            # Quote the role the candidate names ("At Glasshouse I managed a team of
            # seven"), not a line read as the task that says none of it ("His last three
            # tickets had each run two or three times over estimate").
            first = _q(analysis, next((i for i in infos if i.remit), infos[0]))
        if not any(i.specific or i.stakes for i in infos):
            return f"{first}: add the constraint (by when, with what budget or people)."
        return f"{first} states your responsibility; keep the constraint in it."
    if dimension == "action":
        we = _we_only(analysis, infos)
        if we is not None:
            return f'{_q(analysis, we)}: say what you did yourself ("I …", not "we …").'
        if not any(i.reasoning for i in infos):
            return f'{first}: add why you chose that ("because …", "so that …").'
        if score < 5 and not any(i.specific for i in infos):
            # An exemplary action needs no fixing; and a manager's steps are what they
            # changed for someone and whom they went to, not tools.
            what = (
                "what you changed for them and whom you went to"
                if analysis.people
                else "the tool, the person or the step"
            )
            return f"{first}: name {what}, so it is checkable."
        return f"{first} shows your own work; lead with the decision that mattered most."
    if infos[0].role != "result":
        # No sentence is the result's own: advice about the ending points at the one that
        # measures it, not at an action that earned a share ("I rolled back …, because …").
        first = _q(analysis, next((i for i in infos if i.metric), infos[0]))
    vague = [i for i in infos if i.vague_metric and not i.metric]
    # An outcome measured already ("errors fell from 3% to 0.2%"): asking for a number read
    # as if none had been given. A figure of the scene or the work ("4K textures", "an
    # hour with him") measures no outcome.
    measured = any(i.metric and i.role == "result" for i in infos)
    if vague and measured:
        return f"{_q(analysis, vague[0])} is vague beside your figures: cut it, or give its number."
    if vague:
        return f"{_q(analysis, vague[0])} is vague: replace it with a number, before vs after."
    if not any(i.metric for i in infos):
        if any(i.plain_outcome for i in infos):
            # A promotion or a passed audit is concrete already, and evidence the change
            # worked, lesson or not: ask for scale, not a number.
            return f"{first}: add its scale if it has one (how many, how much, how soon)."
        if any(i.lesson for i in infos):
            return f"{first}: add evidence the change worked (a number, the next time it came up)."
        if analysis.people:
            # A story about a person: what changed is theirs, not customers' or time saved.
            return (
                f"{first}: put a figure on what changed for them if there is one (work "
                "delivered on time, months to a promotion, the team's turnover)."
            )
        return f"{first}: add a figure (time saved, % change, customers affected)."
    # A step added for good and told as the ending ("We added a canary stage; no outage
    # since.") is what the candidate now does differently: asking for it quoted the
    # sentence before it.
    if score < 5 and not any(i.lesson or (i.practice and i.role == "result") for i in infos):
        return f"{first}: add the lesson, or what you now do differently."
    # Advice about the ending quotes the last outcome sentence, not an early one (for a
    # failure, the first "result" is often the failure itself).
    closing = [i for i in infos if i.role == "result"]
    ending = max(closing, key=lambda i: i.sentence.index) if closing else None
    last = _q(analysis, ending) if ending is not None else first
    if score < 5 and not (ending is not None and _STUCK.search(ending.text)):
        return f"{last}: end on evidence the change stuck (the next time it came up)."
    return f"{last} lands the story; end on it."


# An ending that says the change held ("no outage since", "it hasn't happened again",
# "the next release went out clean"): the evidence the tip would ask for.
_STUCK = re.compile(
    r"\b(?:since|ever since|again|the next (?:time|release|quarter|launch)|every \w+ since)\b",
    re.IGNORECASE,
)


# "The team" is as often a past one ("a runbook for the team"): only "this team" counts.
_TIES_TO_ROLE = re.compile(
    r"\b(?:this (?:role|job|position|team)|the (?:role|job|position)|your (?:team|company|"
    r"product|platform|customers|users)|here)\b",
    re.IGNORECASE,
)


_BRINGS = re.compile(
    r"\bi(?:'d|’d| would| could| can| will|'ll|’ll) (?:\w+ )?"
    r"(?:bring|contribute|help|start|build|own|lead|take)\b",
    re.IGNORECASE,
)


def _view_tip(
    analysis: Analysis, dimension: Dimension, score: int, infos: Sequence[SentenceInfo]
) -> str:
    """Tips for a view ("Why this role?"): no stakes, constraints or figures to ask for."""
    first = _q(analysis, infos[0])
    if dimension == "situation":
        if not any(i.specific for i in infos):
            return f"{first}: anchor it in your own experience (your role, team or a project)."
        return f"{first} gives the context; keep it to a sentence or two."
    if dimension == "task":
        # "I was responsible for ..." is first person, but a past duty, not an aim.
        if not any(i.stance for i in infos):
            return f'{first}: make it yours ("I want …", "what I look for is …").'
        return f"{first} says what you aim for; make it specific to this role."
    if dimension == "action":
        we = _we_only(analysis, infos)
        if we is not None:
            return f'{_q(analysis, we)}: say what you do yourself ("I …", not "we …").'
        if not any(i.specific for i in infos):
            return f"{first}: back it with one concrete example (a project, a habit, a time)."
        if not any(i.reasoning for i in infos):
            return f'{first}: add why ("because …", "so that …").'
        return f"{first} shows how you act on it; one example like this is enough."
    # The ending is the last of the result's own lines: ``infos`` lists those first, then
    # the lines that help it, so its last line was a helper told earlier ("I hold weekly
    # one-on-ones ...") and a close that ties to the role ("Here, I would bring ...") was
    # told to "end by linking it to this role".
    own = [i for i in infos if i.role == "result"] or list(infos)
    ending = max(own, key=lambda i: i.sentence.index)
    last = _q(analysis, ending)
    brings = _BRINGS.search(ending.text) is not None
    ties = _TIES_TO_ROLE.search(ending.text) is not None
    if score < 4:
        if brings:
            return f"{last} says what you would bring: back it with a time you did it before."
        if ties:
            # It names the role already: what is missing is something concrete to do there.
            return f"{last}: say what you would do first in this role, concretely."
        return f"{last}: link it to this role: what you would bring or do here."
    if not (brings or ties):
        return f"{last}: end by linking it to this role: what you would bring or do here."
    return f"{last} ties it to the role; end on it."


def _questions_tip(
    analysis: Analysis, dimension: Dimension, score: int, infos: Sequence[SentenceInfo]
) -> str:
    """Tips for the candidate's own questions: what makes a question worth asking."""
    first = _q(analysis, infos[0])
    asked = [i for i in analysis.usable if i.asks]
    if dimension == "situation":
        linked = [i for i in infos if i.refers]
        if not linked:
            return f"{_q(analysis, (asked or infos)[0])}: tie it to something said earlier or read."
        return f"{_q(analysis, linked[0])} shows you listened; keep that link."
    if dimension == "task":
        reasons = [i for i in infos if i.purpose]
        if not reasons:
            return f'{_q(analysis, (asked or infos)[0])}: say why you ask it ("I ask because …").'
        return f"{_q(analysis, reasons[0])} says why it matters to you; keep it to one clause."
    if dimension == "action":
        shallow = [i for i in asked if i.shallow]
        if shallow and len(shallow) == len(asked):
            return (
                f"{_q(analysis, shallow[0])}: pay, perks and company facts are for the recruiter "
                "or the website; ask about the work, the team or how success is judged."
            )
        if len(asked) < 2:
            return f"{first}: ask two or three questions, not one."
        if not any(i.specific for i in asked):
            return f"{first}: make it specific to this team, so the website could not answer it."
        return f"{first} is a question worth asking; lead with your best one."
    missing = [h.point for h in analysis.keypoints if not h.covered and not negated(h.point)]
    if score < 4 and missing:
        return f"{_q(analysis, infos[-1])}: also ask about {missing[0]}."
    payoff = [i for i in infos if i.payoff]
    if not payoff:
        return f'{first}: say what the answer would tell you ("that would help me judge …").'
    return f"{_q(analysis, payoff[-1])} says what you would learn; keep it."


def _excludes(info: SentenceInfo) -> bool:
    """Says what the design leaves out ("voice and video are out")."""
    return lx.TECH_EXCLUDED.regex.search(info.text.lower()) is not None


def _technical_tip(
    analysis: Analysis, dimension: Dimension, score: int, infos: Sequence[SentenceInfo]
) -> str:
    first = _q(analysis, infos[0])
    design = analysis.design
    if dimension == "situation":
        if design and not any(i.numbers for i in infos):
            return f"{first}: put a number on the scale (users, requests per second, data size)."
        if design and not any(_excludes(i) for i in analysis.usable):
            return f"{first} frames the problem; state what is out of scope too."
        if design:
            return f"{first} frames the problem and says what is left out; keep it this short."
        if score >= 4:
            return f"{first} frames the problem; keep it this short."
        if analysis.explain:
            # An explanation has nothing to check first or assume: its context is where
            # the thing comes up (as the gap line and the rebuild's placeholder say).
            where = next((i for i in infos if i.scope), None)
            if where is not None:
                # Said already ("It comes up in forecasting"): ask for the one step left.
                return f"{_q(analysis, where)}: name one system where you met it, and what it did."
            return f"{first}: say where this comes up, in a system you know."
        if not any(i.scope for i in infos):
            return f"{first}: say what you would check or ask first, and what you assume."
        return f"{first}: add what you assume, with a number where there is one."
    if dimension == "task":
        if design:
            missing = [q for q in _QUALITIES if not _stated(analysis, infos, q)]
            if not missing:
                return f"{first} states the requirements; put a number on each one."
            return f"{first}: also state the {missing[0]} you need, with a number if you can."
        if analysis.explain and (not any(i.requirement for i in infos) or score < 2):
            return f"{first}: say what problem it causes or solves, and when it comes up."
        if not any(i.requirement for i in infos) or score < 2:
            return f"{first}: say what a good outcome is, and how you would measure it."
        # A measure ("99.9% a month"), else a figure written as one ("WCAG 2.1"): "two
        # siblings" puts no number on a goal.
        numbered = next((i for i in infos if i.metric), None) or next(
            (i for i in infos if i.numbers and any(c.isdigit() for c in i.text)), None
        )
        if numbered is not None:  # "LCP under 2.5 s at the 75th percentile", quoted
            return f"{_q(analysis, numbered)} states the goal with a number; keep it that concrete."
        if analysis.explain:  # why it matters is its task: no goal to put a number on
            return f"{first} says why it matters; keep it to a sentence or two."
        return f"{first} states the goal; put a number on it if it has one."
    if dimension == "action":
        if not any(i.reasoning for i in infos):
            if analysis.explain:  # how a thing works, or when to pick it: not a plan's choice
                return f'{first}: say why it works this way, or when to pick it ("because …").'
            return f'{first}: say why this choice over the alternative ("because …").'
        missing = [h.point for h in analysis.keypoints if not h.covered]
        if missing:
            return f"{first}: also cover {missing[0]}."
        kind = "design choice" if design else "step"
        return f"{first} is a clear {kind}; keep the reason beside it."
    if design:
        return _design_result_tip(analysis, score, infos)
    weighed = [i for i in infos if i.tradeoff]
    if analysis.explain:
        # An explanation's ending is what it costs and where it falls short: there is no
        # approach of the candidate's to know worked.
        if weighed:
            return f"{_q(analysis, weighed[0])} weighs the cost; say where it falls short too."
        return f"{first}: name what it costs, and where it falls short."
    # Evidence it worked: a before and after, else a figure in the second half.
    count = len(analysis.sentences)
    worked = [i for i in infos if i.before_after or checks_it_worked(i, position(i, count))] or [
        i for i in infos if i.metric and position(i, count) > 0.5
    ]
    if weighed and worked:
        return (
            f"{_q(analysis, weighed[0])} weighs the cost, and you say how you would know it worked."
        )
    if weighed:
        return f"{_q(analysis, weighed[0])} weighs the cost; add how you would know it worked."
    if worked:
        shown = _q(analysis, worked[0])
        return f"{shown} shows it working; add what it costs or where it falls short."
    return f"{first}: name what it costs or where it falls short, and how you would know it worked."


# A part failing, said in any of the usual ways: "if the feature store fails", "falls
# back to rules", "when the signal drops", "if a shard is down".
_FAILS = re.compile(
    r"\b(?:fail\w*|fall(?:s|ing)? back|fallback|down|unavailable|unreachable|crash\w*|outage|"
    r"degrad\w*|(?:stops|drops|dies|lost) (?:arriving|out|connection)|signal drops)\b",
    re.IGNORECASE,
)

_COSTS = re.compile(
    r"\b(?:trade-?offs?|costs?|downsides?|drawbacks?|at the (?:cost|expense) of|price)\b",
    re.IGNORECASE,
)


def _design_result_tip(analysis: Analysis, score: int, infos: Sequence[SentenceInfo]) -> str:
    """A design's ending asks for what it lacks of a cost and a failure: an answer that
    says "The trade-off is freshness ..." and "If the feature store fails ..." was told to
    "name what it costs and what happens when a part fails" all the same."""
    failing = next((i for i in infos if _FAILS.search(i.text)), None)
    # A cost in so many words, else a trade-off sign in another sentence than the failure.
    weighed = next((i for i in infos if _COSTS.search(i.text)), None) or next(
        (i for i in infos if i.tradeoff and i is not failing), None
    )
    if weighed is None:
        if failing is None:
            first = _q(analysis, infos[0])
            return f"{first}: name what it costs and what happens when a part fails."
        return f"{_q(analysis, failing)} says what happens when a part fails; add what it costs."
    if failing is None:
        return f"{_q(analysis, weighed)} names the cost; add what happens when a part fails."
    if score < 5:
        # Both are there: what the band still lacks is how the design is known to work.
        return (
            f"{_q(analysis, weighed)} names the cost, and you say what happens when a part "
            "fails; add how you would know it works (a number you would watch)."
        )
    return f"{_q(analysis, weighed)} names the cost, and you say what happens when a part fails."


# A quality said in its own word or in the unit it is measured in: "within 100 ms" is a
# latency, "99.95% of requests" an availability.
_QUALITY_SIGNS: dict[str, re.Pattern[str]] = {
    "latency": re.compile(
        r"\b(?:latency|p9\d|\d+\s?(?:ms|milliseconds?|seconds?)|milliseconds?|"
        r"(?:fraction|tenth|few|couple) of (?:a )?seconds?|a few seconds|fast|"
        # A bound with no figure in digits: "open and save in under a second".
        r"(?:under|within|below|in) (?:a|one|half a) (?:second|minute))\b"
    ),
    "availability": re.compile(r"\b(?:availab\w*|uptime|9\d(?:\.\d+)?\s?%|nines|downtime)"),
    "consistency": re.compile(r"\b(?:consisten\w*|stale|read[- ]your[- ]writes|linearizab\w*)"),
    "throughput": re.compile(
        r"\b(?:throughput|[qr]ps|(?:requests|writes|reads|events|messages) (?:per|a) "
        r"(?:second|minute))\b"
    ),
    "durability": re.compile(r"\b(?:durab\w*|never lose|no data loss|lose no|replicat\w*)"),
}


# The signs that give a quality wherever they stand: "so opening a chat takes a few
# milliseconds" in a design choice gives its latency as a requirement does. A bare "fast",
# a percentage, "consistent hashing" or a period ("sampled every 10 seconds") says it only
# in a requirement.
_SIGNS_ANYWHERE: dict[str, re.Pattern[str]] = {
    **_QUALITY_SIGNS,
    "latency": re.compile(
        r"\b(?:latency|latencies|p9\d|\d+\s?(?:ms|milliseconds?|seconds?)|milliseconds?|"
        r"(?:fraction|tenth) of (?:a )?second)\b"
    ),
    "availability": re.compile(r"\b(?:availab\w*|uptime|nines|downtime)"),
    "consistency": re.compile(
        r"\b(?:consisten(?!t hash)\w*|stale|read[- ]your[- ]writes|linearizab\w*)"
    ),
}
_PERIOD = re.compile(r"\bevery (?:\d+(?:\.\d+)?(?:\s?(?:to|or|-)\s?\d+)?\s?)?[a-z]+")


def _states(info: SentenceInfo, quality: str) -> bool:
    return _QUALITY_SIGNS[quality].search(_in_digits(info.text.lower())) is not None


def _stated(analysis: Analysis, infos: Sequence[SentenceInfo], quality: str) -> bool:
    """Whether a design gives ``quality``: in its requirements (``infos``), or anywhere in
    a sign that cannot be read as anything else."""
    if any(_states(i, quality) for i in infos):
        return True
    sign = _SIGNS_ANYWHERE[quality]
    return any(sign.search(_PERIOD.sub(" ", _in_digits(i.text.lower()))) for i in analysis.usable)


def _in_digits(text: str) -> str:
    """``text`` with the numbers it spells out written in digits: "within five to ten
    seconds" gives its latency as "within 5 to 10 seconds" does."""
    for start, end, value in reversed(spelled_spans(text)):
        text = f"{text[:start]}{value}{text[end:]}"
    return text


def dimension_feedback(
    analysis: Analysis, dimension: Dimension, score: int, infos: Sequence[SentenceInfo]
) -> str:
    """One tip for a dimension that quotes the candidate's sentence or points at one."""
    usable = [i for i in infos if i.usable]
    if score == 0 or not usable:
        if analysis.technical and analysis.design:
            missing = _MISSING_IN_DESIGN[dimension]
        elif analysis.technical and analysis.explain:
            missing = _MISSING_IN_EXPLAIN[dimension]
        else:
            missing = _MISSING[(analysis.reading, dimension)]
            if (analysis.reading, dimension) == ("story", "situation") and analysis.usable:
                scene = _scene_unsaid(analysis.usable[0])
                if scene is not None:
                    # The first sentence sets part of the scene ("In 2024 I was the iOS
                    # lead at Acme."): asking for what it says already reads as unread.
                    return f"After {_q(analysis, analysis.usable[0])}, add {scene}."
        return f"{_anchor(analysis, dimension)} {missing}."
    if analysis.technical:
        return _technical_tip(analysis, dimension, score, usable)
    if analysis.reading == "questions":
        return _questions_tip(analysis, dimension, score, usable)
    if not analysis.story:
        return _view_tip(analysis, dimension, score, usable)
    return _story_tip(analysis, dimension, score, usable)


def tips(
    feedback: Mapping[Dimension, str],
    keypoints: Sequence[KeypointHit],
) -> list[str]:
    """The four dimension tips, then the key points still to cover."""
    out = [f"{d.title()}: {text}" for d, text in feedback.items()]
    # A "no X" point is met by not doing X: there is nothing to make explicit.
    missing = [h.point for h in keypoints if not h.covered and not negated(h.point)]
    if missing:
        out.append("Make these key points explicit: " + "; ".join(missing[:3]) + ".")
    return out
