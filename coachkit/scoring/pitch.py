"""A pitch's key points ("Tell me about yourself") read as the beats of a career.

A point about where the candidate came from, where they are now or what they want next
is made by a sentence that tells that beat, in whatever words: "Right now I'm at
Brightleaf" is a current role, and "Now I'm looking for a lead role" is not, though it
says "now" and "role". An achievement with a number is made by a result and the figure
that measures it: a tenure ("for the past three years") or a date is no such figure. Why
the role fits is told by a sentence that ties the role applied for to the candidate.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import lexicon as lx
from .features import SentenceInfo
from .text import content_words

__all__ = ["Beat", "beat_of", "beat_text", "rank", "told"]

Beat = Callable[[SentenceInfo], bool]

_COMMAS = re.compile(r"[,\s]+")
# Said by a candidate with no job now: a graduate, a returner.
_NO_ROLE = re.compile(
    r"\b(?:don['’]t|do not) (?:have|hold) (?:a|any) (?:[\w-]+ )?job\b|"
    r"\bbetween (?:jobs|roles|positions)\b|"
    r"\breturning to (?:work|the workforce)\b|\bcareer break\b|\bnot working\b|"
    r"\bunemployed\b|\bout of work\b|\bbetween things\b|\btime (?:out|off)\b|\bsabbatical\b|"
    r"\b(?:during|after) (?:the|my) (?:[\w-]+ )?break\b",
    re.IGNORECASE,
)
# A figure that dates, times or sizes the work rather than measures what it achieved ("in
# five weeks", "three years", "in 2015", "a team of seven", "I manage eight engineers"). A
# time saved or gained stays ("ten hours a week", "three weeks ahead of schedule").
_NO_MEASURE = re.compile(
    r"(?<!\bby )\b(?:\d[\d.,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|half a|a couple of|a few)[\s-]+"
    r"(?:years?|months?|weeks?|days?|quarters?|hours?|sprints?)\b"
    r"(?!\s+(?:a|per|each|every|ahead|early|earlier|sooner|faster|less|fewer|late|behind)\b)|"
    r"\b(?:19|20)\d\d\b|\bteam of \w+\b|"
    r"\b(?:manage|managing|lead|leading|run|running|mentor|mentoring|with) (?:a group of )?"
    r"\w+ (?:engineers|people|developers|designers|analysts|reports|testers|researchers)\b",
    re.IGNORECASE,
)
# An achievement hoped for is none yet: "next year we hope to cut costs by 20 percent".
# ("We didn't manage to hit the 20 percent", "I was asked to reduce it by 15 percent", "we
# would have saved 200,000 dollars" are none either.)
_HOPED = re.compile(
    r"\b(?:hope|hoping|plan|planning|aim|aiming|want|wants|going|expect|expecting|asked|"
    r"trying) to\b|\bworking towards?\b|\b(?:would|could) have\b|"
    r"\b(?:didn['’]t|did not|never|failed to) (?:actually |quite )?(?:manag\w*|hit|reach\w*|"
    r"get|got|make|made)\b|\bif i\b|\bi (?:think i )?could\b",
    re.IGNORECASE,
)
# An achievement in words beside a figure, where the story's outcome words do not reach:
# "slashed", "signed 14 new clients", "three times faster", "NPS went up 12 points".
_ACHIEVED = re.compile(
    r"\b(?:slashed|signed|generated|earned|landed|secured|attracted|onboarded|won|hit|beat|"
    r"exceeded|surpassed|(?:went|is|was|are|were) (?:up|down)|faster|cheaper|quicker|"
    r"brought in|rolled out|without a single)\b|"
    r"\b(?:got|brought) (?:\w+ ){1,3}(?:down|up)\b",
    re.IGNORECASE,
)
# The role tied to the candidate's direction ("a great fit for that", "exactly how I'd like
# to work", "because you run experiments"): saying where the job was seen ties nothing.
_LINK = re.compile(
    r"\b(?:fit|fits|match|matches|exactly|why|because|direction|heading|want|wanted|wanting|"
    r"resonat\w*|reads like|the reason|like to|love to|looking for|hoping|where i can|"
    r"drives? me|care about|cared about|"
    r"excit\w*|draw\w*|drew|appeal\w*|align\w*|interest\w*|next step|for me|obvious|natural|"
    r"right at|a place where|lines? up|the kind of|that['’]s (?:what|how))\b",
    re.IGNORECASE,
)
# Said so plainly it needs no role named: "exactly the direction I'm heading in".
_FITS = re.compile(
    r"\bexactly (?:the direction|what i|how i|where i|the kind|what drew)\b|"
    r"\bstood out to me\b|\b(?:why|the reason) i(?:['’]m| am)? ?(?:applied|applying|here)\b|"
    r"\bthe direction i(?:['’]m| am) heading\b",
    re.IGNORECASE,
)
# Good manners, not a beat: "Thanks for having me today, I'm excited to be here."
_PLEASANTRY = re.compile(
    r"\b(?:thanks?|thank you)\b|\bhaving me\b|\b(?:excited|glad|happy) to be here\b|"
    r"\b(?:walk|take) you through\b|\b(?:run|go) through (?:my|how)\b|"
    r"\btell you (?:a (?:bit|little) )?about\b|\bi['’]ll start (?:off )?with\b",
    re.IGNORECASE,
)
# "Now" says when, not what came of it: "now I manage eight engineers" is no result.
_NOW = re.compile(r"\bnow\b")
# The role applied for, named ("this role", "your platform team", "you're hiring").
_THIS_ROLE = re.compile(
    r"\bthis (?:role|position|job|team|opening|company|opportunity)\b|"
    r"\bthe job (?:ad|advert|description|posting|listing|spec)\b|\blike yours\b|"
    r"\bthe (?:role|position|opening) (?:here|you|lines|fits|is|sounds|looks)\b|"
    r"\byour (?!(?:question|time|interest|thoughts|view|views|feedback|perspective)\b)[\w-]+|"
    r"\byou(?:['’]re| are) (?:building|hiring|growing|"
    r"doing|looking)\b|\byou (?:do|guys)\b|\b(?:applied|applying|apply) (?:for|to|here)\b",
    re.IGNORECASE,
)


def beat_text(text: str) -> str:
    """``text`` as the career beats read it: lower case, fillers and commas gone ("I've
    been, like, doing that for four years" is a beat)."""
    return _COMMAS.sub(" ", lx.FILLER.sub("", text.lower()))


def _text(info: SentenceInfo) -> str:
    return beat_text(info.text)


def wants_next(info: SentenceInfo) -> bool:
    """Says what the candidate wants next ("What I'm looking for now is ...")."""
    return lx.WANTS_NEXT.search(_text(info)) is not None


def is_now(info: SentenceInfo) -> bool:
    """Says where the candidate is now: the job they hold, what they do in it."""
    text = _text(info)
    if lx.WANTS_NEXT.search(text) or _THIS_ROLE.search(info.text):
        return False  # "Your team is rebuilding its warehouse right now" is theirs
    return lx.CAREER_NOW.search(text) is not None and _NO_ROLE.search(text) is None


def came_from(info: SentenceInfo) -> bool:
    """Says where the candidate came from: earlier jobs, studies, a first role. "For the
    past three years I've been the analyst at Fairway" is where they are now, and "a
    bucket public for two years" is no career."""
    text = _text(info)
    if lx.CAME_FROM.search(text):
        return True  # "I started out in support, and now I'd like to ..." says both
    return (
        lx.MOVED_ON.search(text) is not None
        and lx.CAREER_NOW.search(text) is None
        and lx.WANTS_NEXT.search(text) is None
    )


def fits_role(info: SentenceInfo) -> bool:
    """Ties the role applied for to the candidate: "Your team writes detections as code,
    which is exactly how I'd like to work", "that's why I applied", "your internship is a
    great fit for that"."""
    if _FITS.search(info.text):
        return True
    return _THIS_ROLE.search(info.text) is not None and _LINK.search(info.text) is not None


def achieved(info: SentenceInfo) -> bool:
    """A result with the figure that measures it: a before and after ("from four hours to
    forty minutes"), or a result with a figure other than a time, a year or a team's size
    ("our cloud bill dropped by about a third")."""
    if info.before_after:
        return True
    if _HOPED.search(info.text):
        return False
    measured = _NO_MEASURE.sub(" ", _text(info))
    figure = lx.NUMBER.regex.search(measured) or lx.SHARE_WORD.regex.search(measured)
    if figure is None:
        return False
    told = _NOW.sub(" ", measured)
    return lx.OUTCOME.regex.search(told) is not None or _ACHIEVED.search(told) is not None


# A pitch's point, by its words, and the beat that makes it.
_BEATS: tuple[tuple[frozenset[str], Beat], ...] = (
    (frozenset(content_words("future next want goal aspiration")), wants_next),
    (frozenset(content_words("current today present")), is_now),
    (frozenset(content_words("past background starting previous earlier")), came_from),
    (frozenset(content_words("achievement accomplishment")), achieved),
    (frozenset(content_words("fits")), fits_role),
)


def beat_of(point: str) -> Beat | None:
    """The beat that makes a pitch's ``point``, or None for a point that is not one."""
    said = frozenset(content_words(point))
    return next((beat for words, beat in _BEATS if not words.isdisjoint(said)), None)


def told(beat: Beat, info: SentenceInfo) -> bool:
    """Whether ``info`` tells ``beat``: good manners tell none."""
    return _PLEASANTRY.search(info.text) is None and beat(info)


def rank(beat: Beat, info: SentenceInfo) -> tuple[bool, ...]:
    """How well ``info`` tells ``beat``, as evidence: an achievement's before and after,
    then its figure with a unit; any other beat, equally."""
    if beat is achieved:
        return (info.before_after, info.metric)
    return ()
