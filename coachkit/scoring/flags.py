"""Flags: named problems with an answer, each explained to the user by coachkit.rubric."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Question
from ..rubric import reading
from . import lexicon as lx
from .analysis import Analysis
from .bands import evidence_for, late_figures
from .features import RED_FLAGS
from .keypoints import KeypointHit, argued_against, firmly_shown, keypoint_hits
from .roles import position
from .similarity import Standing, bundled, nearest
from .text import content_words

__all__ = [
    "answer_flags",
    "answered_instead",
    "far_from_question",
    "person_outcome",
    "red_flags",
    "shown_points",
]

OFF_TOPIC_BELOW = 0.3
# Fewer words than this are too few to tell an answer's subject by how much of the
# question's vocabulary it uses: three plain sentences on the subject ("Our code reviews
# used to sit for days. I suggested...") share a word or two with the question, as an
# answer about something else does. Below it, an answer is off the topic when it is a
# deflection, or says no word of work and at most one of the question ("we renovated our
# kitchen"); "too_short" says what else is wrong with it.
JUDGED_BY_WORDS = 60
TECH_TOPIC_WORDS = 10
STORY_TOPIC_WORDS = 10
TECH_TOPIC_ELSEWHERE = 12
# How many times closer to its own question than to any other an answer must be to be
# plainly about it, whatever few of its words it uses.
PLAINLY_THIS = 1.5
# A short, vague technical answer on its own subject ("make sure autoscaling is on and
# add some servers before the launch") shares few words with any question, and another
# may be as near by chance. It is weak, not off the question, when no other is clearly
# closer (within this share of it) and it says this many words of the subject beyond the
# prompt's ("autoscaling", "testing"). A neighbouring subject ("data leakage" as a PII
# breach: encryption, GDPR) says the prompt's words and few of the key points'.
ELSEWHERE_SHARE = 0.7
SUBJECT_WORDS = 2
TOO_SHORT_WORDS = 40
TOO_SHORT_QUESTIONS = 20
TOO_LONG_WORDS = 450
RAMBLING_WORDS = 180
# Sentences said again (a story pasted twice): how many, and what share of the answer.
REPEATS, REPEATS_SHARE = 2, 0.25
# A story answer with this share of its sentences giving views may be views alone.
_VIEW_SHARE = 0.4


# What became of a person, said without a figure: "he was promoted", "she now leads the
# on-call rota", "his cycle time was in line with the team".
_GREW = re.compile(
    r"\b(?:promoted|(?:became|becoming) (?:a|an|the|our|my|his|her|their)|now (?:leads|runs|"
    r"owns|mentors)|(?:led|owned|ran|took over|took on) (?:the|a|his|her|their)|in line with|"
    r"back on track|caught up|passed (?:the|her|his)|got the (?:offer|role|promotion|job)|"
    r"stayed (?:on|with)|kept (?:him|her|them))\b",
    re.IGNORECASE,
)


def person_outcome(analysis: Analysis) -> bool:
    """Whether a story about people ends on what became of one ("he was promoted that
    cycle"): the result such a story has, where asking for a percentage misleads (no
    ``no_metrics`` flag, and no figure asked for in the rebuild)."""
    return analysis.people and any(
        i.plain_outcome or _GREW.search(i.text) is not None for i in analysis.by_role("result")
    )


def _signpost_stuffing(analysis: Analysis) -> bool:
    """STAR labels or words with little specific behind them."""
    labels = analysis.signposts
    star_words = sum(1 for s in analysis.sentences for w in s.words if w in lx.SIGNPOST_WORD)
    if labels < 2 and star_words < 4:
        return False
    per_label = analysis.substance / max(labels, star_words / 2, 1)
    dense = star_words / max(analysis.word_count, 1) >= 0.08
    specific = sum(1 for s in analysis.usable if s.metric or s.proper_nouns or s.time_marker)
    return per_label < 7 or dense or (labels >= 3 and specific <= 1)


def _off_topic(analysis: Analysis) -> bool:
    """Answers another question, or talks about something other than work."""
    usable = analysis.usable
    if any(s.deflection for s in usable[:3]):
        return True  # "let me talk about something else instead"
    relevance = analysis.relevance
    if analysis.technical:
        # A design that meets none of the key points and little of the question's
        # vocabulary is about something else.
        covered = sum(hit.covered for hit in analysis.keypoints)
        where = analysis.standing
        if (
            not covered
            and relevance.topic_hits < TECH_TOPIC_WORDS
            and not _plainly_this(where)
            and not _weak_on_subject(where, relevance.beyond_prompt)
        ):
            return True
        # Reads more like an answer to another question in the bank than to this one,
        # unless it uses much of this question's vocabulary: a strong answer in plain
        # words ("keep a copy the app checks first") names few key points, and its
        # closeness to the bank's questions is a near tie.
        return (
            where is not None
            and where.closer_elsewhere
            and not _weak_on_subject(where, relevance.beyond_prompt)
            and covered <= 1
            and relevance.topic_hits < TECH_TOPIC_ELSEWHERE
        )
    personal = sum(1 for s in usable if s.personal and not s.words_at_work)
    at_work = sum(1 for s in usable if s.setting or s.people or s.words_at_work)
    # Rent, tenants or a car in a sentence about a product or a team are the business's
    # domain (a lettings app, a ride-share), not life outside work.
    if personal >= 2 and personal / len(usable) >= 0.3 and at_work / len(usable) < 0.5:
        return True  # a story from home, a hobby or family life
    elsewhere = len(relevance.off_topic_sentences) / max(len(usable), 1)
    if analysis.word_count < JUDGED_BY_WORDS:
        return (
            relevance.work_hits == 0
            and relevance.prompt_words == 0
            and relevance.topic_hits <= 1
            and elsewhere >= 0.5
        )
    # Few work words and many sentences off the topic: life outside work. Unless the story
    # names the question's subject in much of its vocabulary: short sentences about a
    # mentee ("She got a return offer.") carry no work words of their own.
    on_subject = relevance.prompt_words > 0 and relevance.topic_hits >= STORY_TOPIC_WORDS
    if relevance.work_hits <= 1 and elsewhere >= 0.4 and not on_subject:
        return True
    # A story of the candidate's own, told in full and wholly about work, answers a story
    # question in its own words: whether it is the right story is for misses_question to
    # say. (A project told for "most proud of" shares few words with its key points.)
    if analysis.story and not relevance.off_topic_sentences and _told_in_full(analysis):
        return False
    return relevance.score < OFF_TOPIC_BELOW


# A story needs room to be told in full: a setting, what the candidate did, and an end.
_STORY_SENTENCES = 3
_STORY_ACTIONS = 2


def _told_in_full(analysis: Analysis) -> bool:
    """The candidate's own story, with an ending: three sentences or more, two things
    they did ("I profiled ..., lazy-loaded ..."), and a result that says how it ended
    (an outcome or a figure)."""
    usable = analysis.usable
    return (
        len(usable) >= _STORY_SENTENCES
        and analysis.own_actions >= _STORY_ACTIONS
        and any(s.role == "result" and (s.outcome or s.metric) for s in usable)
    )


def _weak_on_subject(where: Standing | None, beyond_prompt: int) -> bool:
    """A vague answer on this question's subject: no other question clearly closer, and
    words of its own for the subject (see ELSEWHERE_SHARE)."""
    return (
        where is not None
        and where.own >= ELSEWHERE_SHARE * where.best_other
        and beyond_prompt >= SUBJECT_WORDS
    )


def _plainly_this(where: Standing | None) -> bool:
    """Far closer to this question than to any other in the bank: a short, vague answer
    ("I'd add caching and maybe a queue") is weak on the subject, not beside it."""
    return where is not None and where.own >= PLAINLY_THIS * where.best_other


# Flags that already say what is wrong, or mark text too noisy to read key points in.
_MISSES_UNREAD = frozenset(
    (
        "injection_suspected",
        "echoes_guidance",
        "signpost_stuffing",
        "buzzword_heavy",
        "non_answer",
        "non_english",
        "off_topic",
        "too_short",
        "filler_heavy",
    )
)


# Words of key points that stories told for other questions say far more often than
# their own ("started", "shipped", "later", "since"): meeting a point with one of them
# does not tie a story to this question. Nouns of a subject ("data", "the CEO") do, and
# so do "asked", "wrote" and "manager": real stories meet their own points with them
# ("asked for examples", "a written proposal", "consulting my manager").
_EVERY_STORY = frozenset(
    content_words(
        """started start built build offered offer talked talk shipped ship told tell
        later late since time next handed hand stopped stop updated update
        first new"""
    )
)


def _no_story(analysis: Analysis, flags: list[str]) -> bool:
    """A story question answered with views or a career in brief, and no story.

    Much of it is the candidate's view ("What draws me to this role", "I want to"),
    and it is either a pitch (two of where they came from, are now and want next) or
    tells nothing they did. Real stories give a view in a sentence or two at most,
    and one with a line of career framing still tells what the candidate did.
    """
    if analysis.reading != "story" or not _MISSES_UNREAD.isdisjoint(flags):
        return False
    usable = analysis.usable
    if len(usable) < 3:
        return False  # too short to tell either way: "too_short" speaks for it
    views = sum(1 for s in usable if s.stance)
    if views / len(usable) < _VIEW_SHARE:
        return False
    return analysis.career_beats >= 2 or not any(s.own_verbs for s in usable)


def _misses_question(analysis: Analysis, flags: list[str]) -> bool:
    """An answer about work that does not answer this question, however well told.

    A story question: the story names neither the question's subject nor any key
    point. Either sign alone also fits some real answers (the key-point match misses
    plain wording, and a story need not repeat the prompt's words), so both must
    hold. A view ("Why this role?"): a story told with no view of the candidate's
    own. An invitation to ask: no question asked. How often real answers are
    flagged on their own question, and stories told for another one, is printed
    by ``benchmarks/scorer_quality.py``.
    """
    if analysis.technical or not _MISSES_UNREAD.isdisjoint(flags):
        return False  # a design's misses are judged by _off_topic
    if analysis.reading == "questions":
        return not analysis.asking  # invited to ask, and asked nothing
    if not analysis.keypoints:
        return False
    if analysis.reading == "view":
        # A view is the candidate's own, now or ahead ("I want", "what drives me is"). A
        # story told in the past tense never gives one, whatever words it shares with the
        # prompt (a failure story "answered" "Why this role?" through "responsible"). One
        # that does give a view is judged by its bands: real views rarely use the
        # prompt's or the key points' words ("public speaking" for a weakness).
        told = sum(s.own_verbs for s in analysis.usable)  # "I rolled back, added ..."
        if told < 2:
            return False
        if not analysis.states_view:
            return True
        # A pitch is a career in brief: where you came from, are now, want next. One
        # story with a line of framing ("I'm a backend engineer.", "That's why I
        # applied.") gives one of the three; every real pitch in the sets gives two.
        return analysis.pitch and analysis.career_beats < 2
    # A story names the question's subject as the prompt words it ("a conflict with a
    # teammate").
    if analysis.relevance.prompt_words:
        return False
    # An open question ("What project are you most proud of?") names no subject: the
    # candidate's story, told in full, is the answer, whatever it is about.
    if analysis.relevance.open and _told_in_full(analysis):
        return False
    # Points met by what an answer does not do ("no blaming") or by its length hold for
    # any story; only a point shown by a sentence says the story is about this question.
    # A point shown by one common word ("the role" in "I was responsible") says little
    # about which question a story answers; two of its words say more.
    return not any(firmly_shown(hit, _EVERY_STORY) for hit in analysis.keypoints)


# A story whose words stay this far from its question's own (the TF-IDF cosine to its
# prompt, key points, tags and guidance) may be one told for another question. Real
# answers told in few of their question's words still cover or show enough of its key
# points that the cap it gets (overall.fit_cap) rarely reaches them.
FAR_FROM_QUESTION = 0.09
# A view is told further from its question's words than a story ("Seeing people use
# what I build" answers "What motivates you?" in none of them): of the 55 views of
# view_answers.jsonl, 7 sit below this on their own question, and 411 of the 605 pairs
# of one told for another view question. Being far is not enough to hold a view down
# (overall.fit_cap): it must read as an answer to another question too.
FAR_FROM_VIEW = 0.06


def far_from_question(analysis: Analysis, flags: Sequence[str]) -> bool:
    """A story or view whose words stay far from its question's, and no flag says already
    what is wrong with it (missing the question, no story, a dodge, text too noisy to
    read). A pitch is never far: "Tell me about yourself" names no subject to stay near."""
    if analysis.reading not in ("story", "view") or analysis.pitch:
        return False
    if "misses_question" in flags or "no_story" in flags:
        return False
    near = analysis.closeness
    far = FAR_FROM_QUESTION if analysis.story else FAR_FROM_VIEW
    return near is not None and near < far and _MISSES_UNREAD.isdisjoint(flags)


def answered_instead(question: Question, analysis: Analysis) -> Question | None:
    """The view question of the bundled bank, other than ``question``, that the answer
    reads as answering: the one nearest its words, if it covers half its key points or
    more (the test a story passes to fit its own question); else the one it covers most
    of, if that is more than half with two shown in their own words (see shown_points);
    else None.

    Far from its question's words and covering little of it, a real view often fits no
    other question either ("Public speaking to large groups" for a weakness, nearest the
    words of a new manager's first 90 days, covers one of its six key points); a view
    told for another question fits that one. Its words need not sit nearest it: a pitch
    ("five years as a data scientist ... I'd like to step into a lead role") is nearest
    "Where do you see yourself in five years?", yet covers four of the six key points of
    "Tell me about yourself" and shows three of "What motivates you?". Points met only by
    loose words say less: a weakness ("Now I raise concerns in writing early") covers
    three of the four of "How do you stay current?" and shows one.
    """
    views = [q for q in bundled() if q.id != question.id and reading(q) == "view"]
    words = [w for info in analysis.usable for w in content_words(info.text)]
    other = nearest(views, words)
    if other is None:
        return None
    hits = keypoint_hits(other.keypoints, analysis.sentences)
    if 2 * sum(hit.covered for hit in hits) >= len(hits):
        return other
    best, most = None, (0.0, 0)
    for view in views:
        hits = keypoint_hits(view.keypoints, analysis.sentences)
        fit = (sum(hit.covered for hit in hits) / max(len(hits), 1), shown_points(hits))
        if 2 * fit[0] > 1 and fit[1] >= _SHOWN_ELSEWHERE and fit > most:
            best, most = view, fit
    return best


# Key points of another view question an answer shows in their own words, beside covering
# more than half of them, to read as that question's answer wherever its words sit.
_SHOWN_ELSEWHERE = 2


def shown_points(hits: Sequence[KeypointHit]) -> int:
    """How many key points a story shows in the point's own words (see firmly_shown), not
    by the words and features any story has."""
    return sum(firmly_shown(hit, _EVERY_STORY) for hit in hits)


def _rambling(analysis: Analysis, flags: list[str]) -> bool:
    """Long, hedged and unmeasured, or wandering away from the question."""
    usable = analysis.usable
    # Sentences off the question's subject wander from a story about it. A story for
    # another question is off it throughout: misses_question (or loose_fit, for an open
    # question that any story fits, or a story far from this one's words that shows a
    # point of it) says so, and its telling is judged as it is. (A view far from its
    # question's words may still wander: views are told further from their words.)
    about_it = (
        not analysis.relevance.open
        and not _misses_question(analysis, flags)
        and not (analysis.story and far_from_question(analysis, flags))
    )
    off = len(analysis.relevance.off_topic_sentences) if about_it else 0
    digressions = sum(1 for s in usable if s.digression)
    if (off >= 3 and off / max(len(usable), 1) >= 0.25) or digressions >= 3:
        return True
    if analysis.word_count < RAMBLING_WORDS or any(s.metric for s in usable):
        return False
    hedges = sum(s.hedges for s in analysis.sentences)
    return hedges / analysis.word_count >= 0.025


def answer_flags(analysis: Analysis) -> list[str]:
    """Every flag that applies, in a stable order."""
    flags: list[str] = []
    if analysis.injection:
        flags.append("injection_suspected")
    echoed = analysis.echoed
    if echoed:
        flags.append("echoes_guidance")
    if _signpost_stuffing(analysis):
        flags.append("signpost_stuffing")
    # A question asked answers "Any questions for us?", however plain: how good a
    # question it is shows in the bands, not in a dodge or off-topic flag.
    asked = analysis.reading == "questions" and analysis.asking
    # Guidance said back leaves little of the candidate's own: the echo flag says why.
    non_answer = not echoed and (analysis.non_answer or (analysis.substance < 5 and not asked))
    if non_answer:
        flags.append("non_answer")
    if not analysis.english:
        flags.append("non_english")
    elif not non_answer and not echoed and not asked and _off_topic(analysis):
        flags.append("off_topic")
    # Told as "we", and claims to quantify, belong to a story or a view: a design has its
    # own checks, and a list of questions ("How do we ship?") neither tells nor claims.
    if analysis.reading in ("story", "view") and not non_answer and analysis.english:
        if analysis.we_actions and not analysis.own_actions:
            flags.append("we_not_i")
        results = analysis.by_role("result")
        # The sentences the card quotes for the result count too: "Errors were back to
        # normal in twelve minutes, but 2,300 shoppers had hit them" is its figure.
        serving = evidence_for(analysis, "result") if results else []
        if results and not any(i.metric for i in (*results, *serving)):
            # "A lot better" is vague in a view too; "I'm much more hands-on" in the
            # opening describes the candidate, not a result.
            count = len(analysis.sentences)
            if any(
                i.vague_metric and (i.role == "result" or position(i, count) > 0.5)
                for i in analysis.usable
            ):
                flags.append("vague_metrics")
            # A view ("Why this role?") needs no figure; a story does, and one late in it
            # counts whatever the sentence's main part ("we relaunched at 150 ms").
            elif analysis.story and not late_figures(analysis) and not person_outcome(analysis):
                flags.append("no_metrics")
    # Three plain questions take about 30 words; a story needs more room.
    short = TOO_SHORT_QUESTIONS if analysis.reading == "questions" else TOO_SHORT_WORDS
    if analysis.word_count < short:
        flags.append("too_short")
    elif analysis.word_count > TOO_LONG_WORDS:
        flags.append("too_long")
    if any(s.impossible for s in analysis.usable):
        flags.append("implausible_figures")
    if analysis.filler_heavy:
        flags.append("filler_heavy")
    if analysis.english and _rambling(analysis, flags):
        flags.append("rambling")
    repeats, share = analysis.repeated
    if repeats >= REPEATS and share >= REPEATS_SHARE:  # no real answer says two things twice
        flags.append("repeats")
    if analysis.buzzword_ratio > 0.05 and analysis.word_count >= 30:
        flags.append("buzzword_heavy")
    if _no_story(analysis, flags):
        flags.append("no_story")
    elif _misses_question(analysis, flags):
        flags.append("misses_question")
    # A technical question's key points are the practice it expects: an answer that
    # argues against two or more of them is fluent, and wrong.
    if analysis.technical and len(argued_against(analysis.keypoints, analysis.sentences)) >= 2:
        flags.append("rejects_key_points")
    flags.extend(red_flags(analysis))
    return flags


def red_flags(analysis: Analysis) -> list[str]:
    """The red flags the card raises: those said, where the question's reading counts them."""
    if not analysis.english:
        return []
    found = analysis.red_flags  # a technical answer's are only blame and disparagement
    # Money as the reason matters where the candidate explains a move ("Why this
    # role?"); pay and perks questions are read by asking.py.
    if analysis.reading != "view":
        found.discard("money_first")
    return [name for name in RED_FLAGS if name in found]
