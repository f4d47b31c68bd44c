"""How much an answer speaks to its question rather than to something else."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..models import Question
from . import lexicon as lx
from .concepts import expand
from .features import SentenceInfo
from .text import content_words, stem

__all__ = ["Relevance", "Topic", "relevance", "topic_of"]

# Prompt words that frame a question rather than name its subject.
_FRAMING = frozenset(
    content_words(
        """tell me about time you describe walk through give example how would what did do
        handle explain when why which your have had been most ever situation approach
        decide make sure right"""
    )
)


# Prompt words that name a subject, but that a fifth or more of real stories told for
# other questions say as well ("a new database", "40 engineers", "my manager", "the
# customer update"): using one shows nothing of which question a story answers. ("team",
# said by most stories, stays: it is the only subject word many real answers to "a
# process in your team" use.)
_EVERY_STORY = frozenset(
    content_words(
        "two work worked manage managed managing manager managers change changed changing new "
        "engineer engineers move moved product products took customer customers look "
        "take taking told tell far long longer expect expected senior know knowingly"
    )
)


# Prompt words that name what the candidate picks, not what the story must be about:
# "What project are you most proud of?" is answered by any project, told well. A
# question whose subject words are all of these is open (Topic.open).
_OPEN = frozenset(
    content_words(
        """project projects proud prouder proudest achievement achievements accomplishment
        accomplishments favourite favorite"""
    )
)


@dataclass(frozen=True)
class Topic:
    """A question's vocabulary: its subject words, and a wider related set."""

    core: frozenset[str]  # subject words of the prompt, expanded with related words
    said: frozenset[str]  # the subject words of the prompt as written
    wide: frozenset[str]  # prompt, key points, tags and guidance, expanded
    # The prompt's subject words and the tags, expanded: what every answer to the question
    # talks about ("Kafka" is a queue, "messaging" a message), whichever key point it makes.
    shared: frozenset[str] = frozenset()
    open: bool = False  # the prompt names no subject but the candidate's pick (see _OPEN)


@lru_cache(maxsize=512)
def topic_of(question: Question) -> Topic:
    prompt = frozenset(content_words(question.prompt)) - _FRAMING
    wide = frozenset(
        content_words(" ".join([question.prompt, *question.keypoints, *question.tags]))
    ) | frozenset(content_words(question.how_to_answer))
    tags = frozenset(content_words(" ".join(question.tags)))
    return Topic(
        core=expand(prompt),
        said=prompt - _EVERY_STORY,
        wide=expand(wide - _FRAMING),
        shared=expand(prompt | tags),
        open=bool(prompt) and prompt <= _OPEN,
    )


@dataclass(frozen=True)
class Relevance:
    """0..1 scores for the whole answer, and which sentences wander off."""

    score: float
    prompt_words: int  # distinct subject words of the prompt the answer uses as written
    topic_hits: int  # distinct words shared with the question's wider vocabulary
    work_hits: int  # distinct every-day work words (a story about work, not a holiday)
    off_topic_sentences: frozenset[int]
    open: bool = False  # the question is open: any story of the candidate's fits (Topic.open)
    # Distinct words shared with the key points, tags and guidance but not the prompt: the
    # answer's own words on the subject ("autoscaling", "split"), not the question's echoed.
    beyond_prompt: int = 0


def _sentence_on_topic(info: SentenceInfo, topic: Topic) -> bool:
    if info.digression:
        return False
    if info.numbers or info.time_marker:
        return True  # a figure, or when it happened ("This was last spring.")
    if not info.stems.isdisjoint(topic.wide):
        return True
    if any(w in lx.WORK_CONTEXT for w in info.words):
        return True
    # In a technical answer, a step, a requirement, a scope or a trade-off is the answer
    # however plain its words ("I'd ship the toggle first").
    if info.steps or info.scope or info.requirement or info.tradeoff:
        return True
    return info.own_actions > 0 or info.outcome or info.task_marker


# A prompt word said in the one other word stories use for it: "my mistake" tells of
# a time you failed. (Kept to words that mean nothing else: "broke" or "late" are said
# by stories about anything.)
_SAID_AS = {"fail": frozenset({"mistak", "mistake"})}


def _said(prompt: frozenset[str], stems: set[str], owned: set[str]) -> int:
    """How many of the prompt's subject words the answer uses, in any form: "failure"
    says "failed", "teammates" says "teammate" (the stemmer leaves such pairs apart).
    ``owned``: the stems of the words a person's "his" or "her" owns."""
    found = prompt & stems
    count = len(found)
    for word in prompt - found:  # inline: this runs for every question in the bank
        if not stems.isdisjoint(_SAID_AS.get(word, ())) or (
            len(word) >= 4
            and any(
                other.startswith(word) or (word.startswith(other) and len(other) >= len(word) - 1)
                for other in stems
            )
        ):
            count += 1
        elif (rest := _UNPREFIXED.sub("", word)) != word and len(rest) >= 5:
            # "underperforming" said as "wasn't performing well", or as a person's
            # performance ("his performance slipped"): "performance" alone is mostly a
            # system's ("query performance"), told in stories about anything.
            count += rest in stems or any(other.startswith(rest) for other in owned)
    return count


_PERSONS = frozenset({"his", "her"})


def _owned(infos: Sequence[SentenceInfo]) -> set[str]:
    """The stems of the words right after "his" or "her": a person's own."""
    return {
        stem(after)
        for info in infos
        if not _PERSONS.isdisjoint(info.words)
        for word, after in itertools.pairwise(info.words)
        if word in _PERSONS
    }


_UNPREFIXED = re.compile(r"^(?:under|over|mis|non)-?")


def relevance(question: Question, infos: Sequence[SentenceInfo]) -> Relevance:
    topic = topic_of(question)
    usable = [i for i in infos if i.usable]
    stems: set[str] = set()
    for info in usable:
        stems |= info.stems
    answer_words = {w for i in usable for w in i.words}
    prompt_hits = len(stems & topic.core)
    topic_hits = len(stems & topic.wide)
    work_hits = len(answer_words & lx.WORK_CONTEXT)
    off = frozenset(
        i.sentence.index for i in usable if not _sentence_on_topic(i, topic)
    ) | frozenset(i.sentence.index for i in usable if i.digression)
    if not usable:
        return Relevance(0.0, 0, 0, 0, off, topic.open)
    on_topic = min(1.0, topic_hits / (6 if question.technical else 5))
    subject = min(1.0, prompt_hits / 2) if topic.core else on_topic
    work = min(1.0, work_hits / 5)
    if question.technical:
        score = 0.6 * on_topic + 0.3 * subject + 0.1 * work
    else:
        score = 0.4 * on_topic + 0.3 * subject + 0.3 * work
    prompt_words = _said(topic.said, stems, _owned(usable))
    beyond = len((stems & topic.wide) - topic.core)
    return Relevance(round(score, 4), prompt_words, topic_hits, work_hits, off, topic.open, beyond)
