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

__all__ = ["beat_of", "rank"]

Beat = Callable[[SentenceInfo], bool]

_COMMAS = re.compile(r"[,\s]+")
# Said by a candidate with no job now: a graduate, a returner.
_NO_ROLE = re.compile(
    r"\b(?:don['’]t|do not) (?:have|hold) (?:a|any) (?:[\w-]+ )?job\b|"
    r"\bbetween (?:jobs|roles|positions)\b|"
    r"\breturning to (?:work|the workforce)\b|\bcareer break\b|"
    r"\b(?:during|after) (?:the|my) (?:[\w-]+ )?break\b",
    re.IGNORECASE,
)
# A figure that dates, times or sizes the work rather than measures what it achieved ("in
# five weeks", "three years", "in 2015", "a team of seven").
_NO_MEASURE = re.compile(
    r"\b(?:\d[\d.,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|half a|a couple of|a few)\s+"
    r"(?:years?|months?|weeks?|days?|quarters?|hours?|sprints?)\b|\b(?:19|20)\d\d\b|"
    r"\bteam of \w+\b",
    re.IGNORECASE,
)
# Said of the role itself, whoever says it: "a great fit for that", "the one to apply for".
_FITS = re.compile(r"\b(?:fit|fits|match|matches|apply|applied|applying)\b", re.IGNORECASE)
# "Now" says when, not what came of it: "now I manage eight engineers" is no result.
_NOW = re.compile(r"\bnow\b")
# The role applied for, named ("this role", "your platform team", "you're hiring").
_THIS_ROLE = re.compile(
    r"\bthis (?:role|position|job|team|opening|company|opportunity)\b|"
    r"\byour (?!question|time\b|interest\b)[\w-]+|\byou(?:['’]re| are) (?:building|hiring|growing|"
    r"doing|looking)\b|\byou (?:do|guys)\b|\b(?:applied|applying|apply)\b",
    re.IGNORECASE,
)


def _text(info: SentenceInfo) -> str:
    """The sentence as the career beats read it (see Analysis.career_beats)."""
    return _COMMAS.sub(" ", lx.FILLER.sub("", info.text.lower()))


def wants_next(info: SentenceInfo) -> bool:
    """Says what the candidate wants next ("What I'm looking for now is ...")."""
    return info.aim or lx.WANTS_NEXT.search(_text(info)) is not None


def is_now(info: SentenceInfo) -> bool:
    """Says where the candidate is now: the job they hold, what they do in it."""
    if wants_next(info):
        return False
    text = _text(info)
    return lx.CAREER_NOW.search(text) is not None and _NO_ROLE.search(text) is None


def came_from(info: SentenceInfo) -> bool:
    """Says where the candidate came from: earlier jobs, studies, a first role. "For the
    past three years I've been the analyst at Fairway" is where they are now, and "a
    bucket public for two years" is no career."""
    if wants_next(info):
        return False
    text = _text(info)
    if lx.CAME_FROM.search(text):
        return True
    return lx.MOVED_ON.search(text) is not None and lx.CAREER_NOW.search(text) is None


def fits_role(info: SentenceInfo) -> bool:
    """Ties the role applied for to the candidate: "Your team writes detections as code,
    which is exactly how I'd like to work", "that's why I applied", "your internship is a
    great fit for that"."""
    if _THIS_ROLE.search(info.text) is None:
        return False
    return info.first_person or _FITS.search(info.text) is not None


def achieved(info: SentenceInfo) -> bool:
    """A result with the figure that measures it: a before and after ("from four hours to
    forty minutes"), or a result with a figure other than a time, a year or a team's size
    ("our cloud bill dropped by about a third")."""
    if info.before_after:
        return True
    if not info.outcome:
        return False
    measured = _NO_MEASURE.sub(" ", _text(info))
    figure = lx.NUMBER.regex.search(measured) or lx.SHARE_WORD.regex.search(measured)
    return figure is not None and lx.OUTCOME.regex.search(_NOW.sub(" ", measured)) is not None


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


def rank(beat: Beat, info: SentenceInfo) -> tuple[bool, ...]:
    """How well ``info`` tells ``beat``, as evidence: an achievement's before and after,
    then its figure with a unit; any other beat, equally."""
    if beat is achieved:
        return (info.before_after, info.metric)
    return ()
