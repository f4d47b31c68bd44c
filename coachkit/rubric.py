"""The STAR rubric as data both scorers share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from .models import DIMENSIONS, Category, Dimension, Question, ScoreCard

__all__ = [
    "BANDS",
    "CAPS",
    "DIMENSION_COLORS",
    "HELD_DOWN",
    "RUBRIC_VERSION",
    "WORD_TARGETS",
    "Reading",
    "band_name",
    "briefs",
    "dimension_brief",
    "flag_explanation",
    "flag_label",
    "flag_labels",
    "held_down",
    "held_down_by",
    "reading",
    "word_target",
]

# Bump when the meaning of a score changes, so old attempts can be told apart.
RUBRIC_VERSION = "star-2026.11"

BANDS: dict[int, str] = {
    0: "absent",
    1: "vague",
    2: "thin",
    3: "adequate",
    4: "strong",
    5: "exemplary",
}

_STORY_BRIEFS: dict[Dimension, str] = {
    "situation": "when, where, who, and what was at stake: context a stranger can follow",
    "task": "your own responsibility or goal, and the constraint",
    "action": 'what you personally did, and why ("we" without "I" caps this at 2)',
    "result": "the outcome, ideally quantified, or the concrete lesson and what changed",
}

# "Why this role?", "Where in five years?": a view, not a story, read on the same four.
_VIEW_BRIEFS: dict[Dimension, str] = {
    "situation": "where you are now: your background or role, the context for your view",
    "task": "what you want or aim for, said as your own",
    "action": "how you act on it: a concrete example of what you do, and why",
    "result": "where it leads: what you would bring to this role or team",
}

# "Any questions for us?": the answer is the candidate's own questions for the interviewer.
_QUESTIONS_BRIEFS: dict[Dimension, str] = {
    "situation": "what your questions come from: the role, something said earlier, your research",
    "task": "what you want to find out, and why it matters to you",
    "action": "the questions themselves: a few, specific, that this interviewer can answer",
    "result": "what the answers would tell you: questions on what matters, and why they do",
}

# What every offline card says beside its score (the notebook's and `coachkit score`'s).
OFFLINE_LIMIT = "reads how it is told, not whether it is true or right"

_TECHNICAL_BRIEFS: dict[Dimension, str] = {
    "situation": "scope and context clarified: users, scale, what is in or out",
    "task": "requirements and goals stated, functional and non-functional",
    "action": "the design or approach, and the reasoning behind the choices",
    "result": "trade-offs weighed, failure modes and how they are handled",
}

# A technical question that is no design ("30% of a feature is missing", "you are the
# incident commander", "how do you design a hiring process"): its answer is an approach,
# and "functional and non-functional requirements" asked a manager for a spec.
_APPROACH_BRIEFS: dict[Dimension, str] = {
    "situation": "context clarified: what you would check or ask first, and what you assume",
    "task": "the goal stated: what a good outcome is, and which constraints matter",
    "action": "the approach, step by step, and the reasoning behind each step",
    "result": "trade-offs weighed: what it costs, where it falls short, how you would know it "
    "worked",
}

Reading = Literal["story", "view", "questions", "technical"]
# How long an answer runs, in words: about one to two minutes spoken (a design, three).
# The practice view's word count and the "too short" flag both say these.
WORD_TARGETS: dict[Reading, tuple[int, int]] = {
    "story": (150, 300),
    "view": (100, 250),
    "questions": (40, 150),
    "technical": (150, 400),
}
_BRIEFS: dict[Reading, dict[Dimension, str]] = {
    "story": _STORY_BRIEFS,
    "view": _VIEW_BRIEFS,
    "questions": _QUESTIONS_BRIEFS,
    "technical": _TECHNICAL_BRIEFS,
}

# Whatever the bands say, these answers cannot score above the cap.
CAPS: dict[str, int] = {
    "non_answer": 5,
    "off_topic": 15,
    "signpost_stuffing": 15,
    "injection_suspected": 15,
    "echoes_guidance": 15,  # the question's own advice said back
    "too_short": 30,
    # A story that answers another question: its telling keeps its bands, but as an
    # answer to this question it is weak.
    "misses_question": 45,
    # A story question answered with views or a career summary: no story is told at all.
    "no_story": 30,
    # Argues against two or more of a technical question's key points: fluent, and wrong.
    "rejects_key_points": 40,
    # Red flags an interviewer hears at once, however well the rest is told.
    "disparages_employer": 40,
    "money_first": 50,
    "humble_brag": 50,
    "blames_others": 45,
    # A confidence broken in the room is one the interviewer's company would not trust.
    "shares_confidential": 40,
}
# The flags that hold an overall down whatever the telling: a card's first fix.
HELD_DOWN = frozenset([*CAPS, "loose_fit"])


# Flags whose points off grow with the answer (a 3,000-word paste loses 60 to length):
# they hold an overall down once they cost it more than HELD_GAP below what its bands
# are worth.
_GROWING_PENALTIES = ("too_long", "repeats")
HELD_GAP = 20


def held_down(card: ScoreCard) -> list[str]:
    """The flags that held ``card``'s overall down, its first fix: a cap (HELD_DOWN), or
    a penalty that grows with the answer once it cost more than HELD_GAP points below
    what the bands are worth (20 a band: 5/4/5/5 is worth 95, scored 0 for its length),
    or took all that its bands and caps left: a 3,000-word paste to another question,
    capped at 15 off the question and scored 0, is held down by its length too."""
    held = [flag for flag in card.flags if flag in HELD_DOWN]
    worth = 20 * sum(card.score(d) for d in DIMENSIONS) / len(DIMENSIONS)
    capped = min((CAPS[flag] for flag in card.flags if flag in CAPS), default=100)
    if card.overall <= worth - HELD_GAP or card.overall == 0 < min(worth, capped):
        held += [flag for flag in card.flags if flag in _GROWING_PENALTIES]
    return held


def held_down_by(card: ScoreCard) -> list[str]:
    """``held_down`` as a list of attempts names them beside an overall; the
    grader-steering flag is left to its own mark there (⚑, ``[flagged]``)."""
    return [flag for flag in held_down(card) if flag != "injection_suspected"]


_FLAGS: dict[str, str] = {
    "injection_suspected": "The answer contains text addressed to the grader; it earns nothing "
    "and this attempt is left out of your charts.",
    "echoes_guidance": "Much of the answer repeats the question's own guidance (why it is "
    "asked, how to answer): that earns nothing. Answer it with an example of your own.",
    "signpost_stuffing": "STAR labels with little behind them: labels earn no points, "
    "specifics do.",
    "we_not_i": 'The actions are told as "we": say what you did yourself.',
    "no_metrics": "The result has no number: add a before/after, a percentage or a count.",
    "vague_metrics": "The result is vague (words such as a lot or much better): replace it "
    "with a figure.",
    "too_short": "The answer is too short to tell a story: aim for {}-{} words.".format(
        *WORD_TARGETS["story"]
    ),
    "too_long": "The answer is long: interviewers lose the thread past about 400 words, and "
    "the longer it runs, the more it costs. Tell one story, in two minutes or less.",
    "off_topic": "The answer does not seem to address this question.",
    "repeats": "Much of the answer says again what it already said: say each thing once.",
    "no_story": "This reads as your views or your career in brief, not a story: the "
    "question asks about one time it happened. Tell what happened, what you did and how it "
    "ended.",
    "misses_question": "The story does not seem to answer this question (neither its subject "
    "nor its key points come up): it may fit another question better. Tell one that shows "
    "what this one asks.",
    "loose_fit": "The story stays far from this question: few of its words and few of its key "
    "points come up, so it may fit another question better. Its overall is held to what it "
    "covers of this one: bring out the part that answers it, or tell a story that does.",
    "non_answer": "This reads as a non-answer: even a partial story scores better.",
    "rejects_key_points": "The answer argues against points this question expects (see the "
    "key points not found): an interviewer will push back there. If you mean it, give the "
    "reason they would accept; if not, say what you would do instead.",
    "non_english": "The answer does not look like English: the offline scorer reads English "
    "best, so these scores are rough.",
    "filler_heavy": "Lots of filler words (um, like, basically): cut them.",
    "rambling": "Much of the answer is not about the story: keep to what you did and why.",
    "buzzword_heavy": "Many buzzwords, few facts: swap each one for what actually happened.",
    "implausible_figures": "A figure cannot be right (a share above 100%, a fall of more "
    "than 100%): an interviewer stops there and doubts the rest. Check it.",
    "flattery": 'Flattery ("the best company in the industry") says nothing about you or the '
    "role: name what you know of their work instead.",
    "money_first": "Pay, perks or the commute come across as the reason: keep them for the "
    "recruiter, and give a reason about the work.",
    "disparages_employer": "The answer runs down a manager, team or employer: interviewers "
    "hear how you would talk about them. Say what you want next, not what you are escaping.",
    "humble_brag": 'A strength dressed as a weakness ("I\'m a perfectionist", "I care too '
    'much") reads as a dodge: name a real one, and what you do about it.',
    "shares_confidential": 'The answer tells what was not yours to tell ("keep it between '
    'us", "this never went public"): interviewers hear how you would keep their secrets. '
    "Tell the story without the names and figures that are confidential.",
    "blames_others": 'The answer puts the outcome on others ("the bugs weren\'t in my code", '
    '"I\'d done my part"): interviewers listen for your own part. Say what you owned, and '
    "what you would do differently.",
    "unsupported_score": "The model gave a score without a quote from your answer to back it "
    "(or quoted most of the answer, which shows no one part of it); that score was capped.",
    "invented_facts": "The model's rebuild added numbers or names you never wrote; they were "
    "replaced by placeholders.",
}


# One colour per dimension in charts and views alike: blue, amber, green and plum, each
# 3.6:1 or more on white (WCAG's 3:1 for a line or a mark; Okabe-Ito's orange was 2.3:1,
# its pink 3.1:1), and apart in lightness as well as hue, so the four stay distinct with
# any of the three kinds of colour blindness (tests/test_a11y_charts.py simulates them).
DIMENSION_COLORS: dict[Dimension, str] = {
    "situation": "#1F4FA8",
    "task": "#B77A00",
    "action": "#008F68",
    "result": "#8A2B6E",
}


def band_name(score: int) -> str:
    return BANDS.get(score, "?")


def reading(question: Question | Category) -> Reading:
    """How the four dimensions read for a question: a story, a view, the candidate's own
    questions, or a design. Given only a category, a cultural-fit question is a story."""
    if isinstance(question, str):
        return "technical" if question in ("technical", "system-design") else "story"
    if question.technical:
        return "technical"
    if question.asks_for_questions:
        return "questions"
    return "story" if question.asks_for_story else "view"


def word_target(question: Question | Category | None) -> tuple[int, int]:
    """The (fewest, most) words an answer to ``question`` should run to."""
    return WORD_TARGETS[reading(question) if question is not None else "story"]


def briefs(how: Reading) -> dict[Dimension, str]:
    """What each dimension asks for, in one reading."""
    return _BRIEFS[how]


def dimension_brief(question: Question | Category, dimension: Dimension) -> str:
    """What a dimension asks for, read for the question (see ``reading``); a technical
    question's in an approach's words, a system design's in a design's."""
    category = question if isinstance(question, str) else question.category
    if category == "technical":
        return _APPROACH_BRIEFS[dimension]
    return _BRIEFS[reading(question)][dimension]


# A design or technical answer is not a story: the same flags, in its own words.
_TECHNICAL_FLAGS: dict[str, str] = {
    "echoes_guidance": "Much of the answer repeats the question's own guidance (why it is "
    "asked, how to answer): that earns nothing. Give your own approach, with the numbers and "
    "trade-offs behind it.",
    # A generic answer and one to another question both meet none of the key points.
    "off_topic": "The answer does not get to this question: it names none of its key points "
    "and little of its subject. Say concretely what you would do here, and why.",
    "too_short": "The answer is too short to cover the question: aim for {}-{} words.".format(
        *WORD_TARGETS["technical"]
    ),
    "no_metrics": "The answer has no numbers: give the scale you design for (users, requests "
    "per second, data size, latency targets).",
    "non_answer": "This reads as a non-answer: even a partial approach scores better.",
    "rambling": "Much of the answer is not about the question: keep to your approach and why.",
    "we_not_i": 'The approach is told as "we": say what you would do or did yourself.',
    "disparages_employer": "The answer runs down colleagues or another team (\"the DBAs didn't "
    'really understand our app"): interviewers hear how you would talk about theirs. Say what '
    "they needed, and what you would do.",
    "blames_others": "The answer disowns part of the work (\"security is the security team's "
    'job, not mine"): interviewers hire people who own what they build. Say what you would '
    "own.",
}


# "Any questions for us?" asks for questions: the same flags, in its words.
_QUESTIONS_FLAGS: dict[str, str] = {
    "too_short": "The answer is short: ask two or three questions, each with a word on why.",
    "misses_question": "The answer asks no questions, and this one invites yours: ask two or "
    "three that this interviewer can answer (how success is measured, the team's challenges).",
    "non_answer": 'This reads as "no questions", which sounds uninterested: ask at least one.',
    "rambling": "Much of the answer is not about your questions: ask them plainly.",
}


# A view ("Why this role?") asks what the candidate thinks or wants, not for a story.
_VIEW_FLAGS: dict[str, str] = {
    "too_short": "The answer is too short to give your view and back it: aim for {}-{} "
    "words.".format(*WORD_TARGETS["view"]),
    "too_long": "The answer is long: interviewers lose the thread past about 400 words, and "
    "the longer it runs, the more it costs. Give your view and what backs it, in two minutes "
    "or less.",
    "non_answer": "This reads as a non-answer: even a short view of your own, with one reason "
    "for it, scores better.",
    "rambling": "Much of the answer is not about the question: keep to your view and what "
    "backs it.",
    "misses_question": "The answer tells a story but never gives your own view, which is "
    'what this question asks: say it in a sentence of your own ("I want this role '
    'because …", "What motivates me is …", "Today I …, and next I want …"), then let the '
    "story back it.",
    "loose_fit": "The answer stays far from this question and reads as one to another (the "
    "note says which): few of this one's words and few of its key points come up. Its "
    "overall is held to what it covers of this one: give your view on what it asks.",
}


# "Tell me about yourself" is a view of one kind: a career in brief.
_PITCH_FLAGS: dict[str, str] = {
    "misses_question": "The answer tells a story but not your career in brief, which is what "
    "this question asks: say where you are now, how you got there and what you want next "
    '("I\'m a … with … years in …; I started …; next I want …"), and let the story be the '
    "example.",
}


# A flag in a few plain words, where a list names it beside a score ("overall held down:
# off the question"): its name is the ScoreCard's, for programs; the card explains it.
_LABELS: dict[str, str] = {
    "injection_suspected": "text addressed to the grader",
    "echoes_guidance": "repeats the question's guidance",
    "signpost_stuffing": "STAR labels with little behind them",
    "we_not_i": '"we", not "I"',
    "no_metrics": "no figure in the result",
    "vague_metrics": "a vague result",
    "too_short": "too short",
    "too_long": "too long",
    "off_topic": "off the question",
    "repeats": "says things twice",
    "no_story": "no story told",
    "misses_question": "misses the question",
    "loose_fit": "fits another question better",
    "non_answer": "no answer",
    "rejects_key_points": "argues against key points",
    "non_english": "not in English",
    "filler_heavy": "filler words",
    "rambling": "rambles",
    "buzzword_heavy": "buzzwords",
    "implausible_figures": "implausible figures",
    "flattery": "flattery",
    "money_first": "money first",
    "disparages_employer": "runs down an employer",
    "humble_brag": "a humble brag",
    "shares_confidential": "shares a confidence",
    "blames_others": "blames others",
    "unsupported_score": "a score without evidence",
    "invented_facts": "invented facts",
}


def flag_label(flag: str) -> str:
    """``flag`` in a few plain words ("off_topic": "off the question"); an unknown flag
    (a newer coachkit's, read from an import) by its name, spaced."""
    return _LABELS.get(flag, flag.replace("_", " "))


def flag_labels(flags: Iterable[str]) -> str:
    """``flags`` as a list of them reads beside a score: "off the question, too long"."""
    return ", ".join(flag_label(flag) for flag in flags)


def flag_explanation(flag: str, question: Question | Category | None = None) -> str:
    """One line on what ``flag`` means, in the words of the question's reading."""
    how = reading(question) if question is not None else "story"
    if isinstance(question, Question) and question.asks_for_pitch and flag in _PITCH_FLAGS:
        return _PITCH_FLAGS[flag]
    if how == "technical" and flag in _TECHNICAL_FLAGS:
        return _TECHNICAL_FLAGS[flag]
    if how == "questions" and flag in _QUESTIONS_FLAGS:
        return _QUESTIONS_FLAGS[flag]
    if how == "view" and flag in _VIEW_FLAGS:
        return _VIEW_FLAGS[flag]
    return _FLAGS.get(flag, flag.replace("_", " "))
