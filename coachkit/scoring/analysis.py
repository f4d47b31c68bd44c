"""Read a whole answer: its sentences, their STAR roles, relevance, key points, language."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from ..models import Dimension, Question
from ..rubric import Reading, reading
from . import lexicon as lx
from .asking import mark_questions
from .echo import echoed, echoes, guidance
from .features import SentenceInfo, sentence_info
from .injection import grader_directed
from .keypoints import KeypointHit, keypoint_hits
from .language import looks_english
from .pitch import beat_text
from .relevance import Relevance, relevance, topic_of
from .roles import assign_by_position, assign_roles
from .similarity import Standing, closeness, standing
from .text import Cleaned, Sentence, clean_mapped, content_words, sentences

__all__ = ["Analysis", "SentenceInfo", "analyse"]

NON_ANSWER_WORDS = 90
_SURROGATE = re.compile("[\ud800-\udfff]+")
# A blank line, or a rule of dashes, starts a new paragraph.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|^[ \t]*(?:-{3,}|={3,}|\*{3,})[ \t]*$", re.MULTILINE)


@dataclass
class Analysis:
    """Everything the scorer knows about one answer."""

    original: str
    cleaned: Cleaned
    technical: bool
    sentences: list[SentenceInfo]
    word_count: int
    relevance: Relevance
    english: bool
    non_answer: bool
    filler_count: int
    keypoints: list[KeypointHit]
    standing: Standing | None  # technical answers: closeness to this question vs the bank
    reading: Reading = "story"  # how the question reads STAR: story, view, questions or design
    design: bool = False  # a system-design question: technical, in a design's words
    explain: bool = False  # a technical question that asks to explain or compare
    pitch: bool = False  # "Tell me about yourself": a view that is a career in brief
    people: bool = False  # a story about growing or managing people (Question.about_people)
    # A story's or a view's closeness to its question's text (TF-IDF cosine; None for a
    # design or for questions asked).
    closeness: float | None = None
    serving: dict[Dimension, list[SentenceInfo]] = field(default_factory=dict, repr=False)

    @property
    def story(self) -> bool:
        return self.reading == "story"

    def by_role(self, dimension: Dimension) -> list[SentenceInfo]:
        return [s for s in self.sentences if s.role == dimension]

    def quote(self, info: SentenceInfo, *more: SentenceInfo) -> str:
        """The sentence exactly as the candidate wrote it (a substring of the answer), or
        the run of sentences from the first to the last of ``info`` and ``more``.

        A lone surrogate cannot be written as JSON, so a quote never contains one:
        the longest stretch without one is quoted instead.
        """
        run = (info, *more)
        first = min(i.sentence.start for i in run)
        last = max(i.sentence.end for i in run)
        start, end = self.cleaned.source_span(first, last)
        quote = self.original[start:end]
        if not quote.isascii() and _SURROGATE.search(quote):
            quote = max(_SURROGATE.split(quote), key=len).strip()
        return quote

    @property
    def usable(self) -> list[SentenceInfo]:
        return [s for s in self.sentences if s.usable]

    @property
    def own_actions(self) -> int:
        return sum(s.own_actions for s in self.usable)

    @property
    def we_actions(self) -> int:
        return sum(s.we_actions for s in self.usable)

    @property
    def red_flags(self) -> set[str]:
        """The red flags said anywhere in the answer (see lexicon: FLATTERY ...)."""
        return {kind for s in self.usable for kind in s.red}

    @property
    def states_view(self) -> bool:
        """Gives the candidate's own view somewhere ("I want", "what drives me is")."""
        return any(s.stance for s in self.usable)

    @property
    def career_beats(self) -> int:
        """How many of a pitch's three beats the answer has: where the candidate came
        from, where they are now, and what they want next."""
        text = beat_text(self.cleaned.text)
        return sum(
            1 for beat in (lx.CAREER_PAST, lx.CAREER_NOW, lx.CAREER_NEXT) if beat.search(text)
        )

    @property
    def asking(self) -> bool:
        """Puts questions to the interviewer: two, or one that the answer leads up to
        (a good share of it, or framed by what was said earlier or what it would tell
        the candidate). A story that ends on one rhetorical question asks nothing."""
        usable = self.usable
        asked = sum(1 for s in usable if s.asks)
        if asked != 1:
            return asked >= 2
        return 4 * asked >= len(usable) or any(s.refers or s.payoff for s in usable)

    @property
    def echoed(self) -> bool:
        """Much of the answer says back the question's own guidance."""
        return echoed(s.echoes for s in self.sentences if s.words)

    @property
    def injection(self) -> bool:
        return any(s.injected for s in self.sentences)

    @property
    def signposts(self) -> int:
        return sum(s.signposts for s in self.sentences)

    @property
    def substance(self) -> int:
        return sum(s.substance for s in self.usable)

    @property
    def repeated(self) -> tuple[int, float]:
        """How many sentences say again what an earlier one said, and their share."""
        said = [s for s in self.sentences if s.words]
        count = sum(s.repeated for s in said)
        return count, count / max(len(said), 1)

    @property
    def filler_ratio(self) -> float:
        return self.filler_count / max(self.word_count, 1)

    @property
    def filler_heavy(self) -> bool:
        """Padded with "um", "like", "you know" throughout: hard to follow."""
        return self.filler_ratio > 0.04 and self.filler_count >= 5

    @property
    def buzzword_ratio(self) -> float:
        return sum(s.buzzwords for s in self.sentences) / max(self.word_count, 1)


def _non_answer(text: str, infos: list[SentenceInfo], word_count: int) -> bool:
    """Declines, deflects to someone else, or says nothing comes to mind."""
    if word_count >= NON_ANSWER_WORDS:
        return False  # a long answer that says "I don't know" once is still an answer
    if lx.NON_ANSWER.search(text.lower()) and word_count < 40:
        return True
    declined = any(lx.NON_ANSWER_PHRASE.search(i.text.lower()) for i in infos if not i.injected)
    specific = sum(1 for i in infos if i.usable and (i.metric or i.proper_nouns))
    return declined and specific <= 1


def _stems(infos: list[SentenceInfo]) -> list[str]:
    return [w for i in infos if i.usable for w in content_words(i.text)]


def _standing(question: Question, infos: list[SentenceInfo]) -> Standing | None:
    return standing(question, _stems(infos))


def _mark_injected(text: str, infos: list[SentenceInfo]) -> None:
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    paragraphs = [bisect.bisect_left(breaks, i.sentence.start) for i in infos]
    for index in grader_directed([i.text for i in infos], paragraphs):
        infos[index].injected = True


# A sentence that shares this much of its wording with an earlier one says it again.
REWORDED_OVERLAP = 0.6
REWORDED_MIN_STEMS = 6
REWORDED_LOOKBACK = 30  # sentences compared: bounds the work on a huge paste


def _mark_repeats(infos: list[SentenceInfo]) -> None:
    """Saying it twice does not make it truer, in the same words or in others ("In
    2021 at Acme I led ..." five times over, reworded)."""
    seen: set[tuple[str, ...]] = set()
    earlier: list[frozenset[str]] = []
    for info in infos:
        key = tuple(info.words)
        stems = info.stems
        info.repeated = key in seen or (
            len(stems) >= REWORDED_MIN_STEMS
            and any(
                len(stems & other) >= REWORDED_OVERLAP * len(stems | other)
                for other in earlier[-REWORDED_LOOKBACK:]
            )
        )
        seen.add(key)
        if len(stems) >= REWORDED_MIN_STEMS:
            earlier.append(stems)


def _mark_echoes(question: Question, infos: list[SentenceInfo]) -> None:
    """Sentences that say back the question's guidance earn nothing. In a design, one
    such line may simply be the right design; a design made of them is not the
    candidate's own."""
    runs = guidance(question)
    marks = [echoes(info.words, runs) for info in infos]
    whole = echoed(mark for mark, info in zip(marks, infos, strict=True) if info.words)
    for info, mark in zip(infos, marks, strict=True):
        info.echoes = mark and (whole or not question.technical)


def _join_clauses(infos: list[SentenceInfo]) -> None:
    """ "I profiled it, and then rewrote ..." split in two: the second part is still mine."""
    for before, after in itertools.pairwise(infos):
        if after.continues and not after.own_actions and (before.own_actions or before.continues):
            after.own_actions = 1
            after.own_verbs = max(1, after.own_verbs)


def _with_filler(text: str) -> list[tuple[Sentence, bool]]:
    """Each sentence, and whether a filler word may be in it (so only those are searched).

    One scan of the whole answer finds the fillers; a sentence is searched again
    when a filler found there overlaps it. The answer's punctuation sits between
    sentences, so a filler a sentence has on its own is also found in the whole.
    """
    lowered = text.lower()
    found = sentences(text)
    if len(lowered) != len(text):  # offsets would not line up: search every sentence
        return [(s, True) for s in found]
    spans = [m.span() for m in lx.FILLER.finditer(lowered)]
    return [(s, any(a < s.end and b > s.start for a, b in spans)) for s in found]


def _mark_aims(infos: list[SentenceInfo]) -> None:
    """In a view, what the candidate wants or aims for is its task ("I'd like to move
    toward platform work"), as "my goal was" is a story's."""
    for info in infos:
        info.aim = info.stance and lx.AIM.search(info.text.lower()) is not None


# Why a thing matters, in an answer that explains it: the problem it causes and when it
# comes up ("in production the page makes hundreds of round trips and the latency adds
# up", "a long task freezes the page"). Not "that's why": it justifies a choice as often.
_MATTERS = re.compile(
    r"\b(?:why (?:it|this|that) matters|(?:it|this|that) matters (?:because|when|for|in)|"
    r"in production|at scale|under (?:real )?load|"
    r"adds? up|blows? up|falls? over|freez\w*|stall\w*|"
    r"(?:causes?|leads? to|results? in|shows? up (?:as|when|in)|comes? up (?:when|in))\b)",
    re.IGNORECASE,
)
# Where it comes up ("It comes up constantly in churn and fraud models", "you see it
# most in reporting jobs"): an explanation's context, as scope is a design's. Said of the
# thing explained, not of a part of an example ("the same customer shows up in both").
_COMES_UP = re.compile(
    r"(?:\b(?:it|this|that|these|they)\s+(?:\w+ly\s+)?(?:comes?|shows?|crops?|turns?) up"
    r"|\byou (?:see|hit|find|meet) (?:it|this|them))"
    r"(?:\s+(?:\w+ly|all the time|a lot|most|most often|often))?\s+(?:in|with|on|across)\b",
    re.IGNORECASE,
)


def _mark_matters(infos: list[SentenceInfo]) -> None:
    """In a technical answer that explains or compares, why it matters is its task: the
    question has no goal of its own, so a requirement is never stated there. Where it
    comes up is its context."""
    for info in infos:
        if _COMES_UP.search(info.text):
            info.scope = True
        elif not info.requirement and _MATTERS.search(info.text):
            info.requirement = True


def _mark_remits(infos: list[SentenceInfo]) -> None:
    """In a story, a role named with its remit ("I was the PM for invoicing") says what
    the candidate was responsible for: it serves the task, whatever its main part."""
    for info in infos:
        info.remit = lx.ROLE_REMIT.search(info.text.lower()) is not None


_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")
_PRONOUN_I = re.compile(r"\bi\b")


def _unshouted(text: str) -> str:
    """An answer typed with caps lock on, in sentence case: read as typed, every word
    would be a name ("IN 2023 I LED THE TEAM"), and it scored above the same answer
    written normally. Characters keep their places, so quotes still point into it."""
    if len(text) < 20 or not text.isupper():  # checked in C: no cost to every other answer
        return text
    lowered = "".join(low if len(low := c.lower()) == 1 else c for c in text)
    lowered = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)
    return _PRONOUN_I.sub("I", lowered)


def _shared(question: Question) -> frozenset[str]:
    """The words every answer to a technical question says (its prompt's subject and its
    tags), which make none of its key points alone (see keypoints.keypoint_hits). Not a
    story's or a view's: their key points are moves made about the prompt's subject ("two
    specific aspects of the role", "substantive disagreement" in a conflict), told in the
    prompt's words; held to the same test, they lost 61 labelled credits in tests/data
    for 7 wrong ones removed."""
    return topic_of(question).shared if question.technical else frozenset()


def analyse(question: Question, answer: str) -> Analysis:
    """Read ``answer`` as an answer to ``question``; the scorer's bands build on this."""
    cleaned = clean_mapped(answer)
    text = _unshouted(cleaned.text)
    technical = question.technical
    infos = [sentence_info(s, technical, filler) for s, filler in _with_filler(text)]
    _mark_injected(text, infos)
    _mark_repeats(infos)
    _mark_echoes(question, infos)
    _join_clauses(infos)
    how = reading(question)
    if how == "view":
        _mark_aims(infos)
    if how == "story":
        _mark_remits(infos)
    if technical and question.asks_to_explain:
        _mark_matters(infos)
    if how == "questions":
        mark_questions(infos)
    else:
        assign_roles(infos, technical)
    all_words = [w for i in infos for w in i.words]
    english = looks_english(all_words[:1000], text[:5000])
    if not english:
        assign_by_position(infos)  # the English cue words say nothing here
    # Only a question can show what the candidate wants to find out, or the remark it
    # follows up ("Earlier you mentioned …"); pay and perks are for the recruiter.
    if how == "questions":
        shows = [i for i in infos if (i.asks and not i.shallow) or (i.refers and not i.asks)]
    else:
        shows = infos
    return Analysis(
        original=answer,
        cleaned=cleaned,
        technical=technical,
        sentences=infos,
        word_count=len(all_words),
        relevance=relevance(question, infos),
        english=english,
        non_answer=_non_answer(text, infos, len(all_words)),
        filler_count=sum(i.fillers for i in infos),
        keypoints=keypoint_hits(
            question.keypoints,
            shows,
            by_feature=how != "questions",
            shared=_shared(question),
            prompt=frozenset(content_words(question.prompt)),
            technical=technical,
            pitch=question.asks_for_pitch,
        ),
        standing=_standing(question, infos) if technical and english else None,
        reading=how,
        design=question.asks_for_design,
        explain=question.asks_to_explain,
        pitch=question.asks_for_pitch,
        people=question.about_people,
        closeness=(
            closeness(question, _stems(infos)) if english and how in ("story", "view") else None
        ),
    )
