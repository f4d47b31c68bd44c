"""Rebuild an answer line by line in STAR order, using only the candidate's own facts.

Every kept line is one of the candidate's sentences with labels and filler taken
out. Nothing is invented: gaps become ``[placeholder?]`` lines the candidate
fills in. "We" becomes "I" only where the sentence itself says the candidate
took part ("my team and I ..."); a story told only as "we" gets a placeholder
asking for the candidate's own part instead.
"""

from __future__ import annotations

import itertools
import re
from typing import TypeGuard

from ..models import DIMENSIONS, Dimension, RebuiltLine
from ..rubric import Reading
from . import lexicon as lx
from .analysis import Analysis
from .bands import evidence_for, late_figures
from .features import SentenceInfo
from .flags import person_outcome, red_flags
from .roles import checks_it_worked, position
from .text import STOPWORDS, is_parameter

__all__ = [
    "DESIGN_PLACEHOLDERS",
    "EXPLAIN_PLACEHOLDERS",
    "METRIC",
    "OWN_PART",
    "PLACEHOLDERS",
    "QUESTION_PLACEHOLDERS",
    "TECH_PLACEHOLDERS",
    "VIEW_PLACEHOLDERS",
    "placeholders",
    "rebuild",
]

PLACEHOLDERS: dict[Dimension, str] = {
    "situation": "[situation?: when and where was this, who was involved, what was at stake?]",
    "task": "[task?: what were you responsible for, and under what constraint?]",
    "action": "[action?: what did you do yourself, step by step, and why?]",
    "result": "[result?: what changed, and by how much?]",
}
# A system design.
DESIGN_PLACEHOLDERS: dict[Dimension, str] = {
    "situation": "[scope?: who are the users, what scale, what is in or out?]",
    "task": "[requirements?: what must it do, and how fast, available, consistent?]",
    "action": "[design?: which approach, and why that one?]",
    "result": "[trade-offs?: what does it cost, and what happens when a part fails?]",
}
# Any other technical question: diagnose, decide, plan.
TECH_PLACEHOLDERS: dict[Dimension, str] = {
    "situation": "[context?: what would you check or ask first, and what do you assume?]",
    "task": "[goal?: what is a good outcome, and which constraints matter?]",
    "action": "[approach?: which steps, in what order, and why?]",
    "result": "[limits?: what does it cost, where does it fall short, how would you know it "
    "worked?]",
}
# A technical question that asks to explain or compare: no goal of its own to state.
EXPLAIN_PLACEHOLDERS: dict[Dimension, str] = {
    "situation": "[context?: where does this come up, in a system you know?]",
    "task": "[why it matters?: what problem does it cause or solve, and when does it come up?]",
    "action": "[how it works?: step by step, and why each step?]",
    "result": "[limits?: what does it cost, and where does it fall short?]",
}
QUESTION_PLACEHOLDERS: dict[Dimension, str] = {
    "situation": "[context?: what was said earlier, or what you read, that led you here?]",
    "task": "[why?: why does the answer matter to you?]",
    "action": "[question?: what would you ask this interviewer?]",
    "result": "[so what?: what would the answer tell you?]",
}
METRIC = "[metric?: how much, before vs after?]"
OWN_PART = "[your part?: what did you do yourself here?]"
VIEW_PLACEHOLDERS: dict[Dimension, str] = {
    "situation": "[context?: your role, your background, or what shaped this view?]",
    "task": "[aim?: what do you want or look for, in your own words?]",
    "action": "[example?: one time you acted on it, and why?]",
    "result": "[fit?: what would you bring to this role or team?]",
}
_PLACEHOLDERS: dict[Reading, dict[Dimension, str]] = {
    "view": VIEW_PLACEHOLDERS,
    "technical": TECH_PLACEHOLDERS,
    "questions": QUESTION_PLACEHOLDERS,
}

_LEADING = re.compile(
    r"^(?:\s*(?:(?:situation|task|action|result|context|outcome|challenge|impact)s?\s*[:\-–—]"
    r"|so|and|okay|ok|well|right|yeah|anyway|basically|honestly|um+|uh+)\b[\s,:.\-–—]*)+",
    re.IGNORECASE,
)
# The rebuild edits the candidate's own casing, so it matches labels and filler in any case.
_SIGNPOST = re.compile(lx.SIGNPOST.regex.pattern, re.IGNORECASE)
_FILLER = re.compile(lx.FILLER.pattern, re.IGNORECASE)
# "My team and I fixed it" -> "With my team, I fixed it": the candidate said they took part.
_TOGETHER = re.compile(r"^(?P<who>(?:[Mm]y|[Oo]ur|[Tt]he) [\w-]+(?: [\w-]+)?|[A-Z][a-z]+) and I\b")
_ME_AND = re.compile(r"^I and (?P<who>(?:my|our|the) [\w-]+(?: [\w-]+)?)\b")


_SPACED_MARK = re.compile(r"\s+([,.;:!?])(?!\w)")


def _closed_up(match: re.Match[str]) -> str:
    """The mark without the space before it, unless it is a bound parameter in code."""
    mark = match.group(1)
    return match.group() if is_parameter(match.string, match.end() - 1) else mark


def _tidy(text: str, fillers: int = 1) -> str:
    """Drop STAR labels and filler words; keep every fact the candidate wrote."""
    tidy = _SIGNPOST.sub(" ", text) if _SIGNPOST.match(text) else text
    lead = _LEADING.match(tidy)
    cut = lead is not None and lead.end() > 0  # "And third, ..." loses its "And"
    tidy = tidy[lead.end() :] if cut and lead is not None else tidy
    if fillers:
        tidy = _FILLER.sub("", tidy)
    tidy = re.sub(r"\s+", " ", tidy)
    # A space left before punctuation goes, but not before code (".then", ".NET", ":hover",
    # the "?" of "status = ?").
    tidy = _SPACED_MARK.sub(_closed_up, tidy)
    tidy = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", tidy).strip(" ,;:-–—")
    if not tidy:
        return tidy
    first = tidy.split(" ", 1)[0].lower()
    if tidy[0].islower() and (cut or first in STOPWORDS):
        tidy = tidy[0].upper() + tidy[1:]
    if tidy[-1] not in ".!?\"'”)":
        tidy += "."
    return tidy


def _own_voice(text: str) -> str:
    """Put the candidate first where the sentence already names them among the doers."""
    match = _TOGETHER.match(text) or _ME_AND.match(text)
    if not match:
        return text
    who = match.group("who")
    who = who[0].lower() + who[1:] if who.split(" ")[0].lower() in ("my", "our", "the") else who
    return f"With {who}, I{text[match.end() :]}"


def _line(info: SentenceInfo, dimension: Dimension, text: str | None = None) -> RebuiltLine | None:
    said = info.text if text is None else text
    tidy = _own_voice(_tidy(said, info.fillers))
    if len(tidy) < 3:
        return None
    source = "kept" if tidy == said else "edited"
    return RebuiltLine(text=tidy, dimension=dimension, source=source)


# At most this many words make a question or its answer too slight to be a line alone.
_SLIGHT_WORDS = 6


def _slight(info: SentenceInfo) -> bool:
    """Short, and more than filler ("Yeah.") or text that earns nothing."""
    hollow = info.injected or info.repeated or info.echoes or info.digression
    if hollow or len(info.text.split()) > _SLIGHT_WORDS:
        return False
    return any(c.isalnum() for c in _tidy(info.text, info.fillers))


def _asked(info: SentenceInfo) -> bool:
    """Ends in a question mark (before any closing quote or bracket)."""
    return info.text.rstrip("\"'”’)] ").endswith("?")


def _left_out(info: SentenceInfo | None, kept: set[int]) -> TypeGuard[SentenceInfo]:
    """A sentence beside a kept one that is left out, and too slight to be kept alone."""
    return info is not None and info.sentence.index not in kept and _slight(info)


def _with_asking(analysis: Analysis, kept: set[int]) -> dict[int, str]:
    """The text a kept sentence is rebuilt from, where it differs from its own: with the
    short question it answers ("Redux? Only if the team already knows it.") or the short
    answer it gets ("Do we need time travel? Usually not."), too slight to be kept alone.
    Left out, the line answered nothing, or asked and was never answered."""
    told = analysis.sentences
    joined: dict[int, str] = {}
    for at, info in enumerate(told):
        if info.sentence.index not in kept:
            continue
        text = info.text
        before = told[at - 1] if at > 0 else None
        after = told[at + 1] if at + 1 < len(told) else None
        if _left_out(before, kept) and _asked(before) and not _asked(info):
            text = f"{before.text} {text}"
        if _left_out(after, kept) and not _asked(after) and _asked(info):
            text = f"{text} {after.text}"
        if text != info.text:
            joined[info.sentence.index] = text
    return joined


def _placeholder(text: str, dimension: Dimension) -> RebuiltLine:
    return RebuiltLine(text=text, dimension=dimension, source="placeholder")


def placeholders(
    how: Reading, *, design: bool = False, explain: bool = False
) -> dict[Dimension, str]:
    """The gap line of each dimension, in the words of the question's reading
    (``design``: a system-design question, asked in a design's words; ``explain``: a
    technical question that asks to explain or compare)."""
    if how == "technical" and design:
        return DESIGN_PLACEHOLDERS
    if how == "technical" and explain:
        return EXPLAIN_PLACEHOLDERS
    return _PLACEHOLDERS.get(how, PLACEHOLDERS)


# A sentence that opens by pointing at the one before ("That was my call.", "This
# meant ...", "It cost us a week.").
_POINTS_BACK = re.compile(
    r"(?:that|this|it)(?:['’]s| (?:was|is|meant|means|cost|costs|caused|made|took|led|"
    r"became|hurt|showed|taught))\b(?! (?:when|why|how|where)\b)",
    re.IGNORECASE,
)


def _owns_up(info: SentenceInfo) -> bool:
    """ "That was on me, honestly.": too slight to earn points, but the candidate owning
    what the sentence before it says; left out, the rebuild dropped the one line that
    owned the failure."""
    hollow = info.injected or info.repeated or info.echoes
    return not hollow and bool(_POINTS_BACK.match(info.text) and _MINE.search(info.text))


# Owned, not just said by someone ("That's it, I think." is a close, not owning up).
_MINE = re.compile(r"\b(?:me|my|mine|myself)\b", re.IGNORECASE)


def _placement(
    analysis: Analysis,
) -> tuple[dict[Dimension, list[SentenceInfo]], dict[int, Dimension], set[Dimension]]:
    """Sentences by STAR part, in answer order; digressions and injected text left out;
    the part a line is labelled with where that is not the part it is placed in, by its
    id (the close's steps, see ``_as_told``; a view's aim told first); and the parts
    covered by a line placed in another part, which ask for no placeholder.

    A part with no sentence of its own borrows one that also serves it ("I was on
    call for the API" sets the scene and states the task) when the sentence's own
    part keeps another line, so the rebuild shows no placeholder for a part the
    candidate did cover. A lent line keeps the telling order (see ``_in_order``): an
    opening line told before another scene line stays in its place, as the scene, and
    covers the task.
    """
    kept = [s for s in analysis.sentences if (s.usable or _owns_up(s)) and not s.digression]
    count = len(analysis.sentences)
    roles = {id(s): s.role for s in kept}
    for before, info in itertools.pairwise(kept):
        if roles[id(info)] is None and roles[id(before)] is not None:
            roles[id(info)] = roles[id(before)]  # owning up to what was just said, beside it
            continue
        # "That was my call and my mistake." speaks of the sentence before it: placed
        # apart from it, in an earlier part, "that" would point at nothing.
        later, own = roles[id(before)], roles[id(info)]
        # A scene ("It was early 2022, at a retailer") after a headline opening stays one.
        if later is None or own in (None, "situation") or not _POINTS_BACK.match(info.text):
            continue
        if DIMENSIONS.index(later) > DIMENSIONS.index(own):
            roles[id(info)] = later
    if analysis.reading == "questions":
        # A list of questions keeps its order: a gap gets its placeholder.
        return {d: [s for s in kept if roles[id(s)] == d] for d in DIMENSIONS}, {}, set()
    acts = set() if analysis.technical else _as_told(kept, roles, analysis)
    labels: dict[int, Dimension] = dict.fromkeys(acts, "action")
    covered: set[Dimension] = set()
    placed: dict[Dimension, list[SentenceInfo]] = {
        d: [s for s in kept if roles[id(s)] == d] for d in DIMENSIONS
    }
    for dimension in DIMENSIONS:
        if placed[dimension]:
            continue
        serving = evidence_for(analysis, dimension)
        named = False
        if analysis.pitch and dimension == "task":
            # A pitch's task is what the candidate wants next, before a task they once had.
            serving.sort(key=lambda s: not s.aim)
        for info in serving:
            home = roles.get(id(info))
            if home == "result" and checks_it_worked(info, position(info, count)):
                continue  # how you would know it worked is what a result asks for: it stays
            if home is None or home == dimension or id(info) in labels:
                continue
            lent = _lent(info, home, dimension, placed, analysis)
            if not lent and (home, dimension) == ("situation", "task"):
                # The only scene line, naming the role too ("At Acme I was the on-call
                # lead when payments failed"): it stays the scene and, unless another
                # line is lent, covers the task, which a [task?] would ask for again.
                named = True
            if not lent:
                continue
            if not _in_order(lent, home, dimension, placed, analysis):
                if (home, dimension) != ("situation", "task"):
                    continue
                # "At Acme, a 40-person fintech, I was the on-call lead ...", told before
                # "At 2:10 pm checkout errors jumped": labelled the task in its place, it
                # opened the rebuild with the task, above the scene it sets. It stays the
                # scene, and covers the task (no placeholder asks for the role it names).
                # A view's aim told first ("I want this role for two reasons") sets no
                # scene: it stays first, labelled the task.
                if any(line.aim for line in lent):
                    labels.update(dict.fromkeys(map(id, lent), dimension))
                covered.add(dimension)
                break
            for line in lent:
                # A result told before an action lent from the task comes along from
                # the result, not from the task.
                placed[roles[id(line)] or home].remove(line)
                placed[dimension].append(line)
                roles[id(line)] = dimension
                labels.pop(id(line), None)
            break
        else:
            if named:
                covered.add(dimension)
    ordered = {d: sorted(infos, key=lambda s: s.sentence.index) for d, infos in placed.items()}
    return ordered, labels, covered


def _in_order(
    lent: list[SentenceInfo],
    home: Dimension,
    dimension: Dimension,
    placed: dict[Dimension, list[SentenceInfo]],
    analysis: Analysis,
) -> bool:
    """Lines lent to a later part go below the lines left in their own part: they keep
    the telling order only if they were told after them ("In 2022 I was the on-call lead
    ...", lent to the task, went below "At 2:10 pm checkout errors jumped to 38%", told
    after it). A line lent to an earlier part moves up as a scene or task does; a pitch
    is rebuilt in its own order, where nothing moves."""
    if analysis.pitch or analysis.technical:
        return True
    if DIMENSIONS.index(dimension) < DIMENSIONS.index(home):
        return True
    going = {id(s) for s in lent}
    left = [s.sentence.index for s in placed[home] if id(s) not in going]
    return min(s.sentence.index for s in lent) > max(left, default=-1)


def _headline(info: SentenceInfo, kept: list[SentenceInfo], analysis: Analysis) -> bool:
    """A story that opens on its result, measured ("We cut checkout time from 4.1 s to
    1.3 s. Here's how ..."): a hook, not something that happened before the actions."""
    opening = analysis.story and info is kept[0]
    return opening and info.plain_outcome and (info.metric or info.before_after)


def _as_told(
    kept: list[SentenceInfo], roles: dict[int, Dimension | None], analysis: Analysis
) -> set[int]:
    """Place a story's lines (or a view's) so the rebuild tells nothing out of order.

    A coach moves the scene and the task up front and ends on the result, but tells what
    happened in the order it happened. So the rebuild ends on the answer's close, the
    last run of result lines and what follows it ("Afterwards I rewrote the guide"); a
    result-like line told before more actions ("the database fell over at 3x traffic",
    then "I rolled back") is something that happened on the way, placed with the actions
    where it was told. In a story, a scene or task line told in its second half, after the
    actions began ("We paused the job at 2:41"), is part of what happened too. Only a story's
    measured result told first as a headline moves to the end: after the actions that
    led to it is where STAR puts it.

    The ids returned are the close's lines told after its results that are steps all the
    same ("After that I sent a weekly update"): the rebuild labels them as actions.
    """
    count = len(analysis.sentences)
    acted = [s.sentence.index for s in kept if roles[id(s)] == "action"]
    if not acted:
        return set()
    first = acted[0]

    def told(info: SentenceInfo) -> bool:
        """Part of what happened, placed where it was told."""
        role = roles[id(info)]
        if role in ("situation", "task"):
            late = info.sentence.index > first and position(info, count) > 0.5
            return analysis.story and late
        return role is not None and not _headline(info, kept, analysis)

    body = [s for s in kept if told(s)]
    ends = [k for k, s in enumerate(body) if roles[id(s)] == "result"]
    close = len(body)
    if ends:
        close = ends[-1]
        while close > 0 and roles[id(body[close - 1])] == "result":
            close -= 1
        # A result-like line early on, with actions after it, sets the story up: it
        # does not close it.
        trailing = any(roles[id(s)] == "action" for s in body[close:])
        if trailing and position(body[close], count) < 0.5:
            close = len(body)
    for k, info in enumerate(body):
        roles[id(info)] = "action" if k < close else "result"
    if close == len(body):
        return set()
    # After the close's results, a step still taken ("After that I sent a weekly update")
    # is told there, but it is an action, and is labelled one.
    return {id(s) for s in body[max(ends) + 1 :] if _a_step(s)}


# The candidate or their team is the one doing it: "I was clear that ...", "We'd scheduled ...".
_DOER = re.compile(r"(?:I|We)\b")
# An opinion on what came before: "I think that's the mark of a good mentor."
_OPINION = re.compile(r"^I (?:think|guess|feel|believe|suppose),? ", re.IGNORECASE)


def _a_step(info: SentenceInfo) -> bool:
    """A step the candidate (or their team) took, and not how it turned out: no figure,
    lesson, new way of working or view of their own ("I'm proud of ..."), no comment on
    what came before ("It's a lot better now"), and no more of a result than an action
    in its words."""
    doer = info.own_actions or info.we_actions or _DOER.match(info.text)
    ending = info.metric or info.before_after or info.lesson or info.practice or info.stance
    comment = _POINTS_BACK.match(_OPINION.sub("", info.text, count=1))
    outcome = info.cues.get("result", 0) > info.cues.get("action", 0)
    return bool(doer) and not (ending or comment or outcome)


def _lent(
    info: SentenceInfo,
    home: Dimension,
    dimension: Dimension,
    placed: dict[Dimension, list[SentenceInfo]],
    analysis: Analysis,
) -> list[SentenceInfo]:
    """The lines that go with ``info`` when it is lent to the empty ``dimension``: none
    when that would leave its own part empty or tell a story out of order (see
    ``_as_told``)."""
    at = info.sentence.index
    stays = len(placed[home]) > 1
    if analysis.technical:  # a technical answer is rebuilt in the order it was given
        return [info] if stays else []
    acted = [s.sentence.index for s in placed["action"] if s is not info]
    if dimension == "result":  # the ending: nothing told after it comes before it
        return [info] if stays and all(i < at for i in acted) else []
    if dimension == "action":
        # What was told before it, bar a headline, happened before it too: it comes along.
        kept = sorted((s for d in DIMENSIONS for s in placed[d]), key=lambda s: s.sentence.index)
        before = [
            s
            for s in placed["result"]
            if s is not info and s.sentence.index < at and not _headline(s, kept, analysis)
        ]
        taken = len(before) + int(home == "result")
        ending = not taken or len(placed["result"]) > taken  # the story keeps an ending
        return [info, *before] if stays and ending else []
    late = analysis.story and bool(acted) and at > acted[0]
    if late and position(info, len(analysis.sentences)) > 0.5:
        return []
    # A pitch ends on its aim ("What I want next is ..."): that is the aim even with
    # nothing else left to show the fit, which is asked for instead.
    aim = analysis.pitch and dimension == "task" and home == "result"
    return [info] if stays or aim else []


def rebuild(analysis: Analysis) -> list[RebuiltLine]:
    """The answer in STAR order (a technical answer or a pitch in its own): the scene and
    task first, what happened in the order it was told, the ending last (see ``_as_told``;
    a step told after the result stays there, labelled an action); gaps become explicit
    ``[placeholder?]`` lines.

    Sentences that earn nothing (grader-directed text, digressions, hollow
    labels) are left out: the rebuild is the answer as it could be told.
    """
    gaps = placeholders(analysis.reading, design=analysis.design, explain=analysis.explain)
    questions = analysis.reading == "questions"
    we_story = analysis.story and analysis.we_actions > 0 and analysis.own_actions == 0
    raised = set(red_flags(analysis))
    lines: list[RebuiltLine] = []
    said_at: dict[int, int] = {}  # id of a kept line -> where its sentence is in the answer
    placed, labels, covered = _placement(analysis)
    covered |= set(labels.values())
    kept_at = {info.sentence.index for infos in placed.values() for info in infos}
    asking = {} if questions else _with_asking(analysis, kept_at)
    for dimension, chosen in placed.items():
        kept: list[RebuiltLine] = []
        for info in chosen:
            label = labels.get(id(info), dimension)
            # A line heard as a red flag is not one to say again: say what to say instead,
            # or, in a design, nothing (blame adds nothing to a design).
            reframes = STORY_REFRAMES if analysis.story else REFRAMES
            red = [text for flag, text in reframes.items() if flag in info.red and flag in raised]
            if red and analysis.technical:
                continue
            text = asking.get(info.sentence.index)
            line = _placeholder(red[0], label) if red else _line(info, label, text)
            if line is not None and line not in kept:
                kept.append(line)
                said_at[id(line)] = info.sentence.index
        lines.extend(kept)
        if dimension == "action" and we_story and kept:
            lines.append(_placeholder(OWN_PART, "action"))
        if not kept:
            # A question that also does this part's work ("You mentioned X earlier: ...")
            # stays with the questions, and the part is not asked for again; so does a
            # line that covers it in another part's place.
            asked = questions and any(i.usable for i in evidence_for(analysis, dimension))
            if not asked and dimension not in covered:
                lines.append(_placeholder(gaps[dimension], dimension))
        elif (
            dimension == "result"
            and analysis.story
            and not _measured(analysis, chosen)
            and not person_outcome(analysis)
        ):
            lines.append(_placeholder(METRIC, "result"))
    if analysis.pitch:
        # A pitch is a career told in order: where the candidate came from, where they
        # are now, what they want next (or now, then, next). STAR order put "Today I'm a
        # security engineer" before the story that led there, and the aim before the
        # past; its own order keeps the timeline, and a missing aim is asked for last.
        return _in_answer_order(lines, said_at, last=("task",))
    return _in_answer_order(lines, said_at) if analysis.technical else lines


def _in_answer_order(
    lines: list[RebuiltLine], said_at: dict[int, int], last: tuple[Dimension, ...] = ()
) -> list[RebuiltLine]:
    """A technical answer's lines in the order the candidate gave them: its steps
    ("First ...", "Then ...") are its reasoning, and STAR order would shuffle them. A
    part's placeholder goes before the first line of a later part (or at the end; a
    placeholder of a part in ``last`` always at the end)."""
    said = [(said_at[id(line)], line) for line in lines if id(line) in said_at]
    end = max((at for at, _ in said), default=0) + 1

    def at(line: RebuiltLine) -> float:
        if id(line) in said_at:
            return said_at[id(line)]
        if line.dimension in last:
            return end - 0.5
        rank = DIMENSIONS.index(line.dimension)
        later = [i for i, kept in said if DIMENSIONS.index(kept.dimension) > rank]
        return (min(later) if later else end) - 0.5

    return sorted(lines, key=at)  # stable: placeholders of one spot stay in STAR order


# What to say instead of a line an interviewer hears as a red flag.
REFRAMES: dict[str, str] = {
    "disparages_employer": "[reason?: what you are moving towards, said without blame]",
    "money_first": "[reason?: what the work itself offers you, beyond pay or the commute]",
    "flattery": "[why them?: something specific you found about the team or product]",
    "humble_brag": "[a real weakness?: one that costs you something, and what you do about it]",
    "blames_others": "[your part?: what you owned, and what you would do differently]",
    "shares_confidential": "[what you can share?: the story without the names or figures "
    "that were not yours to tell]",
}
# The same lines in a story ("a time you failed"): what to tell instead is what happened.
STORY_REFRAMES: dict[str, str] = {
    "disparages_employer": "[what happened?: the facts, and your own part, said without blame]",
    "money_first": "[what mattered?: what the work itself meant to you, beyond pay or the commute]",
    "flattery": "[why it mattered?: something specific about the team or product]",
    "humble_brag": "[a real misstep?: what you got wrong, and what it cost]",
    "blames_others": "[your part?: what you owned, and what you would do differently]",
    "shares_confidential": "[what you can share?: the story without the names or figures "
    "that were not yours to tell]",
}


def _measured(analysis: Analysis, chosen: list[SentenceInfo]) -> bool:
    """The outcome has a figure: in a line placed as the result, or in any other that
    tells the outcome ("we relaunched with latency at 150 ms", placed as an action).
    A line the scorer read as the result counts wherever the rebuild tells it (the
    card's ``no_metrics`` reads the same lines)."""
    told = [*chosen, *analysis.by_role("result"), *late_figures(analysis)]
    return any(i.metric for i in told)
