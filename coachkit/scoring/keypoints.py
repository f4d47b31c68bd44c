"""Which of a question's key points an answer covers, and the sentence that shows it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from . import lexicon as lx
from .concepts import expand
from .features import SentenceInfo
from .pitch import Beat, beat_of, rank, told
from .text import STOPWORDS, WORD, base_form, content_words, join_compounds, stem, words

__all__ = ["KeypointHit", "argued_against", "credited", "firmly_shown", "keypoint_hits", "negated"]

SHARE_NEEDED = 0.4

# Words in key points that describe how to say something rather than what. ("Honest" is
# how a reason is given: no sentence shows it, and "to be honest" is read as filler.)
_MANNER = frozenset(
    content_words(
        """such like specific concrete clear clearly real stated plainly one two e.g
        versus vs using based approach handling behaviour behavior way ways part
        whether when where what how explicit explicitly instead early then each
        substantive exact exactly genuine genuinely named name something including
        needed need without formal proper honest honestly"""
    )
)


def _follows_up(info: SentenceInfo) -> bool:
    return info.refers  # "Earlier you mentioned …" (set for the candidate's own questions)


# Key-point words that say when a move came, not what it was ("evidence the change
# worked later").
_WHEN = frozenset(content_words("afterwards later since"))

# Key-point words for wanting ("what you want to learn"): what is wanted is the point, so a
# sentence that only wants ("they didn't want a dashboard") does not make it.
_DESIRE = frozenset(content_words("want wants wish hope"))
# Likewise "reason" names what kind of thing is asked for, not which: a point's other words
# say which ("a neutral reason"), and a sentence that only gives a reason ("which is why I
# want to learn ...") does not make it.
_KIND = _DESIRE | frozenset(content_words("reason reasons"))


# An outcome wished for is none: "someone who wanted to be promoted" tells how a story
# began, not how it ended; nor is one set as a goal ("my goal was to get every squad to
# adopt the format"), up to the clause's end.
_WISHED = re.compile(
    r"\b(?:wants?|wanted|wanting|hopes?|hoped|hoping|wish(?:es|ed)?|aim(?:s|ed|ing)?|"
    r"keen|eager|asked|would like|'d like) (?:to )?(?:be |get |become )?[\w-]+"
    r"|\b(?:goal|aim|target|plan|job|task|mandate) (?:was|is) to\b[^,.;:]*",
    re.IGNORECASE,
)


def _outcome(info: SentenceInfo) -> bool:
    if info.before_after:
        return True
    if not info.outcome:
        return False
    wished = _WISHED.search(info.text)
    return wished is None or lx.OUTCOME.regex.search(_WISHED.sub(" ", info.text)) is not None


def _practice(info: SentenceInfo) -> bool:
    return info.practice


def _result(info: SentenceInfo) -> bool:
    """An outcome told after a change: the sentence that makes the change ("added a load
    test gate to our release checklist") is not its result, unless it has the figures
    before and after."""
    return info.before_after or (info.outcome and not info.practice)


def _outcome_words(info: SentenceInfo) -> frozenset[str]:
    """The stems of the words that tell an outcome ("shipped", "fell"): what meets a
    point's "outcome", and must not also be the other word a point needs."""
    text = info.text.lower()
    return frozenset(stem(w) for m in lx.OUTCOME.regex.finditer(text) for w in words(m.group()))


def _own_moment(info: SentenceInfo) -> bool:
    """A moment of the candidate's own, placed in time or by a name ("At Stripe we ...",
    "Last year I ...")."""
    return (info.time_marker or info.proper_nouns > 0) and (info.first_person or info.we)


# Key-point words a sentence can meet through its features rather than its words.
_FEATURE_WORDS: dict[str, Callable[[SentenceInfo], bool]] = {
    **dict.fromkeys(
        content_words("number numbers quantified quantify measurable measured metric figure"),
        lambda s: s.metric,
    ),
    **dict.fromkeys(content_words("lesson learned learning took away"), lambda s: s.lesson),
    **dict.fromkeys(_WHEN, lambda s: s.lesson),
    **dict.fromkeys(content_words("consequences impact stakes"), lambda s: s.stakes or s.metric),
    **dict.fromkeys(content_words("reasoning why because"), lambda s: s.reasoning),
    # A follow-up "on something discussed earlier" says where it came from.
    **dict.fromkeys(content_words("discussed mentioned"), _follows_up),
    # "An example from a past team" is any moment of the candidate's own, placed in time
    # or by a name ("At Stripe we ...", "Last year I ...").
    "example": _own_moment,
    # So is "a story" a point asks for ("short story proving each motivator", "story that
    # drew you to product"): nobody tells one by saying "story".
    **dict.fromkeys(content_words("story stories anecdote"), _own_moment),
    # In a view, moving towards something is what the candidate says they want or look
    # for ("I'm looking for a move toward reliability work", "what I'm after next").
    **dict.fromkeys(content_words("toward towards"), lambda s: s.aim),
    # What a role offers, told as the employer's: "your platform team owns exactly that".
    # (The "offs" of "trade-offs" is "off" too: no design answer is read for this.)
    **dict.fromkeys(content_words("offers offer"), lambda s: s.on_offer),
    # "The outcome" of a story is whatever sentence tells how it ended.
    **dict.fromkeys(content_words("outcome outcomes"), _outcome),
}
# "figure" stays "figure" but "figures" is "figur": each key under both forms.
_FEATURE_WORDS |= {
    (key[:-1] if key.endswith("e") else key + "e"): feature
    for key, feature in list(_FEATURE_WORDS.items())
    if len(key) >= 4
}


def _show(words: str, *phrases: re.Pattern[str]) -> None:
    """Key-point ``words`` shown by a sentence that says any of ``phrases``. A word is
    shown one way: a second would silently replace the first, so it is refused."""
    stems = content_words(words)
    taken = [word for word in stems if word in _SHOWN_BY]
    if taken:
        raise ValueError(f"already shown another way: {', '.join(taken)}")
    _SHOWN_BY.update(
        dict.fromkeys(stems, lambda s: any(p.search(s.text) is not None for p in phrases))
    )


# A change in process or habit is a step added to how the work is done ("added a load test
# gate to our release checklist"), in whatever words, or a habit taken up ("now I always").
_SHOWN_BY: dict[str, Callable[[SentenceInfo], bool]] = dict.fromkeys(
    content_words("change changes changed process processes habit habits"), _practice
)
# A story's role, named with its remit ("I was the only engineer on it", "As tech lead for
# billing, I ...") in whatever words: as telling as the word "role" (set only in stories).
_SHOWN_BY["role"] = lambda s: s.remit
# Words quoted or paraphrased are reported, not named: "my manager told me that my reviews
# were slowing the team down", or the words themselves in quotation marks.
_REPORTED = re.compile(
    r"\b(?:told|tell|tells) (?:me|us)\b|\b(?:said|wrote|mentioned|pointed out|put it) "
    r"(?:to me |to us )?(?:that\b|:)|[\"“‘'][^\"”’']{12,}[\"”’']",
    re.IGNORECASE,
)
_show("quoted quote paraphrased paraphrase", _REPORTED)
# A question asked to clarify is told as the asking: "I asked what decisions they made each
# week". (Only for "clarify": "asking experts targeted questions" would meet two of its
# words with one "asked".)
_ASKED_WHAT = re.compile(
    r"\bask(?:ed|ing)? (?:(?:them|him|her|us|users|customers|people|each|everyone|the \w+) )?"
    r"(?:what|why|how|which|whether|when|who)\b",
    re.IGNORECASE,
)
_show("clarify clarifying", _ASKED_WHAT)
# Learning ahead, in no word for it: "something I want to get good at".
_GETS_BETTER = re.compile(
    r"\b(?:get|gets|getting|got|become|becoming) (?:really |much )?(?:good|better|fluent) "
    r"(?:at|with)\b",
    re.IGNORECASE,
)
_show("learn learning grow", _GETS_BETTER)
# Daily work is said in phrases more often than in the word: "I'd get both every day",
# "the day-to-day is exactly this". ("Day" alone is no habit: "on day one", "two days";
# "every week" is a team's rhythm, "we shipped every week", more than the role's work.)
_EVERY_DAY = re.compile(
    r"\b(?:every|each) (?:single )?day\b|\bday[- ]to[- ]day\b|\beveryday\b"
    r"|\bday in,? day out\b",
    re.IGNORECASE,
)
_show("daily", _EVERY_DAY)
# A regular or recurring practice is told by its cadence more often than in the word:
# "weekly", "every two weeks", "every other Friday", "fortnightly", "twice a month". (A
# count of times alone, "three times", or a span, "two weeks later", is no cadence.) Days
# named in the plural are a cadence too: "on Fridays", "on Sunday mornings".
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_UNIT = (
    r"(?:day|night|morning|evening|week|weekend|fortnight|month|quarter|year|sprint|release|"
    r"cycle|" + _DAY + r")s?"
)
_CADENCE = re.compile(
    r"\b(?:daily|nightly|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly)\b"
    r"|\b(?:every|each) (?:(?:other|second|third|\d+|two|three|four|six|couple of|few)"
    r"(?: or (?:\d+|three|four|six))? )?" + _UNIT + r"\b"
    r"|\b(?:once|twice|\w+ times) (?:a|an|per|each|every) " + _UNIT + r"\b"
    r"|\b(?:on a|at a) (?:regular|set|fixed) (?:basis|cadence|rhythm)\b"
    r"|\bon (?:" + _DAY + r" )?(?:" + _DAY + r"s|weekends|mornings|evenings)\b",
    re.IGNORECASE,
)
_show("regular regularly recurring", _CADENCE)


def _habit(info: SentenceInfo) -> bool:
    """A habit is told by its cadence as often as by the step it adds ("every week I read a
    couple of engineering blogs", "on Sunday mornings"): either shows it."""
    return _practice(info) or _CADENCE.search(info.text) is not None


_SHOWN_BY |= dict.fromkeys(content_words("habit habits"), _habit)
# Promptness is told by when the move came more often than in the word: "that same week
# rather than waiting for the monthly review", "the same morning", "within the hour".
_PROMPTLY = re.compile(
    r"\b(?:the|that) same (?:day|morning|afternoon|evening|week|hour)\b"
    # ("I didn't escalate right away" says the opposite: no "n't" and a verb just before.)
    r"|"
    + "".join(rf"(?<!n['’]t \w{{{n}}} )" for n in range(3, 10))
    + r"\b(?:immediately|promptly|straight away|right away)\b"
    r"|\bwithin (?:the|an|a|one|two|\d+) (?:hours?|minutes?|days?)\b"
    # "I asked my VP for time the next morning", "first thing on Monday"
    r"|\bthe next morning\b|\bfirst thing (?:the next day|in the morning|on \w+day)\b"
    r"|\b(?:rather than|instead of|without) (?:waiting|holding)\b"
    r"|\b(?:didn['’]t|did not|wouldn['’]t|would not) (?:want to )?wait\b",
    re.IGNORECASE,
)
_show("prompt promptly", _PROMPTLY)
# A direct conversation is told as the matter raised with the person, or raised soon: "I
# raised it in our next one-on-one rather than waiting for the review cycle", "I talked to
# her about it within a week, and I kept it factual". ("We had some conversations about
# it" names no gap raised.)
_RAISED = re.compile(
    r"\b(?:raised|named|brought up|called out) (?:it|this|that|the (?:gap|issue|problem|concern))\b"
    r"|\b(?:directly|face to face|in person)\b"
    r"|\bkept (?:it|things|the conversation) (?:factual|specific|concrete)\b"
    r"|\bwithin (?:a|one) week\b",
    re.IGNORECASE,
)
_SHOWN_BY["direct"] = lambda s: (
    _RAISED.search(s.text) is not None or _PROMPTLY.search(s.text) is not None
)
# Evidence is told as what something showed more often than in the word: "support
# tickets showed that 30% of new customers got stuck", "the interviews revealed that".
_FINDING = re.compile(
    r"\b(?:showed|shows|shown|revealed|reveals|indicated|suggested|found) that\b", re.IGNORECASE
)
# ... or as what others now say of the candidate's work: "Recent reviews say I'm more
# direct", "a couple of people said it was really clear".
_SAID_OF_ME = re.compile(
    r"\b(?:reviews?|feedback|reviewers|colleagues|people|my (?:manager|lead|peers|team)|"
    r"a couple of (?:people|them)|(?:two|three|several) (?:people|of them))\b[^.;]{0,20}?"
    r"\b(?:say|says|said|told me|noted|mentioned)\b",
    re.IGNORECASE,
)
_SHOWN_BY["evidence"] = lambda s: (
    _FINDING.search(s.text) is not None or _SAID_OF_ME.search(s.text) is not None
)
# Evidence is what something showed, or a figure: a word for its kind alone ("we had a
# lot of data", "the numbers looked good") shows nothing. The word itself still counts.
_EVIDENCE_OF = re.compile(r"\bevidence (?:of|the)\b", re.IGNORECASE)
_GROUNDED: dict[str, Callable[[SentenceInfo], bool]] = {
    stem("evidence"): lambda s: (
        (s.metric and not s.vague_metric) or _FINDING.search(s.text) is not None
    )
}
# A cause is told as what the candidate found out more often than in the word: "I saw
# that the CameraX version we had upgraded to called an API that behaves differently",
# "we traced it to a schema change". ("It turned out" tells how a story went as often:
# "it turned out he was clear on what was expected" is no unclear expectation.)
_FOUND_CAUSE = re.compile(
    r"\b(?:found|saw|discovered|realised|realized) that\b"
    r"|\btraced (?:it|them|the \w+) (?:back )?to\b|\bcame down to\b|\bwas caused by\b",
    re.IGNORECASE,
)
# Or as the failure's mechanism: what was missing made it fail ("it crashed because the
# permission was not granted"), or the failure told as what followed from the clause
# before ("on some of those devices it wasn't available yet, ..., so it threw
# ActivityNotFoundException"): with the device or version said beside it, that is the
# cause. (A failure alone, "users complained in reviews", is not.)
_BROKE = r"\b(?:threw|throws|crashed|crashes|failed|fails|broke|errored|hung|froze)\b"
_TOLD_CAUSE = re.compile(
    r"\b(?:so|which made|which meant|and so) (?:it|the app|the call|the screen|that) "
    + _BROKE
    + "|"
    + _BROKE
    + r"[^.;]*\bbecause\b[^.;]*\b(?:wasn'?t|was not|weren'?t|were not|isn'?t|"
    r"is not|didn'?t|did not|never|no longer)\b",
    re.IGNORECASE,
)
_SHOWN_BY["cause"] = lambda s: (
    _FOUND_CAUSE.search(s.text) is not None or _TOLD_CAUSE.search(s.text) is not None
)
# State colocated is told as moved down to where it is used: "I moved the search state down
# into the filter bar", "kept the input's state inside the input". ("Moved state into
# Redux" lifts it up: no "down", "inside" or "closer".)
_STATE_DOWN = re.compile(
    r"\b(?:mov\w*|push\w*|kept|keep\w*|put|putting) (?:the |that |this |its |our )?"
    r"(?:[\w'’-]+ ){0,2}state (?:down|closer|inside|next to|local)\b",
    re.IGNORECASE,
)
_show("colocate closer", _STATE_DOWN)
# Enabling sales or support is told as preparing those teams: "trained the support team",
# "briefed sales before the release" ("I trained hard" enables nobody).
_ENABLE_TEAMS = r"(?:sales|support|success|account|customer|cs|care|helpdesk|service)"
_ENABLES = re.compile(
    r"\b(?:trained|briefed|coached|onboarded|prepared|equipped|walked) (?:the |our |every |each )?"
    r"(?:\w+ )?" + _ENABLE_TEAMS + r"\b"
    # Material made for them: "wrote an FAQ for support", "a training session for sales".
    r"|\b(?:faqs?|playbooks?|runbooks?|macros|battle ?cards?|talk tracks?|scripts?|guides?|"
    r"docs|documentation|training|trainings|briefings?|demos?|sessions?|decks?|webinars?) "
    r"(?:\w+ ){0,2}(?:for|to|with) (?:the |our |every |each )?(?:\w+ )?" + _ENABLE_TEAMS + r"\b"
    r"|\b" + _ENABLE_TEAMS + r"(?: team)? (?:faqs?|playbooks?|runbooks?|macros|battle ?cards?|"
    r"talk tracks?|scripts?|training|briefings?|decks?|enablement)\b",
    re.IGNORECASE,
)


def _enables(info: SentenceInfo) -> bool:
    return _ENABLES.search(info.text) is not None


_SHOWN_BY["enable"] = _enables
# A motivator is said as what drives or matters to the candidate more often than in the
# word: "which is why ownership matters to me", "that's what keeps me going", "teaching
# energises me". (Liking alone is no motivator: "I like Python".)
_MOTIVES = re.compile(
    r"\b(?:matters?|mattered) (?:(?:so |very )?much |most |a lot )?to me\b"
    r"|\b(?:keeps?|kept) me (?:going|motivated|hooked|engaged)\b"
    r"|\b(?:drives?|drove|energi[sz]es?|energi[sz]ed|motivates?|motivated|excites?|excited) me\b"
    r"(?! (?:crazy|nuts|mad|up the wall|round the bend))"
    r"|\bgets? me (?:going|up|out of bed)\b",
    re.IGNORECASE,
)
_show("motivator motivators", _MOTIVES)
# Respecting someone's judgement, told as siding with it: standing behind an estimate,
# backing someone's number, granting that what drove it was real. ("Backed" alone is too
# common a word: "came back", "pushed back" say the opposite.)
_SIDES_WITH = re.compile(
    r"\b(?:stood|stand|stands|standing) (?:firmly )?(?:behind|by) (?:it|them|him|her|the|their|"
    r"his|my|our)\b(?! (?:own )?(?:decision|call|plan|design|idea))"
    r"|\bbacked (?:up )?(?:her|his|their|the|my|our) (?:number|estimate|call|judge?ment|"
    r"team|lead|engineers?)\b"
    r"|\b(?:that|it|this|those|these) (?:was|were) (?:all |entirely |genuinely )?"
    r"(?:real|legitimate|justified|sound|fair)\b",
    re.IGNORECASE,
)
_show("respect judgement judgment", _SIDES_WITH)
# A preference is told as liking or working best: "I like a steady pace", "I'd rather read
# a doc than sit in a call", "that's what I look for".
_PREFERS = re.compile(
    r"\bI (?:really |also |generally |usually |just )?(?:like|love|prefer|enjoy|value)\b"
    r"(?! to think)"
    r"|\bI['’]d (?:much |still )?rather\b|\bI(?:['’]m| am) happiest\b"
    r"|\bI (?:work|do my) best\b|\bwhat I look for\b",
    re.IGNORECASE,
)
_show("preference preferences prefer", _PREFERS)
# A style is a way preferred over another ("I'd rather read a doc than sit in a call"), not
# anything liked ("I really like what the company does").
_PREFERS_OVER = re.compile(
    r"\bI['’]d (?:much |still )?rather\b|\bI (?:really |also |generally |usually )?prefer\b",
    re.IGNORECASE,
)
# A style adapted is told as fitted to each person: "I adapt to the person", "I adjust a
# lot by person", "I tailor it to each engineer".
_PER_PERSON = re.compile(
    r"\b(?:adapt|adapts|adapted|adapting|adjust|adjusts|adjusted|adjusting|tailor|tailors|"
    r"tailored|tailoring)\b(?: [\w'’-]+){0,4}? (?:to|by|for) (?:the |each |every |a )?"
    r"(?:person|individual|report|engineer|people|one)\b",
    re.IGNORECASE,
)
# A style adapted is also told as what each gets: "Juniors get more structure, seniors
# more room", "it's different for everyone". One idea, so it meets "adapting" and "style".
_BY_PERSON = re.compile(
    r"\b(?:juniors?|seniors?|new (?:hires|joiners)) (?:\w+ )?(?:get|need|want)s? (?:a lot |much "
    r"|far )?(?:more|less)\b[^.]{0,60}\b(?:juniors?|seniors?|others?)\b(?: (?:get|need|want)s?)?"
    r" (?:a lot |much |far )?(?:more|less)\b"
    r"|\b(?:it['’]s|it is) different (?:for|with) (?:each|every)"
    r"(?:one| person| report| engineer)\b"
    # or as a manager closer to one who needs it: "When someone's struggling I get more
    # involved for a while".
    r"|\bwhen (?:someone|somebody|a report|an engineer|a person|people|they)(?:['’]s|['’]re| is"
    r"| are)? (?:struggling|stuck|new|starting)\b[^.]{0,40}?\bmore (?:involved|hands[- ]on)\b",
    re.IGNORECASE,
)
_show("style", _PREFERS_OVER, _PER_PERSON, _BY_PERSON)
_show("adapt", _PER_PERSON, _BY_PERSON)
# Autonomy is told as the how left to the team: "left the how to us", "lots of room on the
# how", "each person is choosing how to do it", "being left alone to figure things out"
# (a manager's "I decide how" is the opposite, and "step back for a second" an idiom);
_LEFT_TO_US = re.compile(
    r"\bleft (?:the how|it) to (?:us|me|them)\b|\broom (?:on|for|in) (?:the )?how\b"
    r"|(?<!\bI )\b(?:choose|chooses|choosing|decide|decides|deciding) how\b"
    r"|\bleft alone\b|\b(?:own|owns|owned) (?:the|our|my|their) approach\b"
    # and, by a manager, as stepping back: "then let people run", "get out of the way".
    r"|\bstep(?:s|ped|ping)? back\b(?! for a (?:second|moment|minute))"
    r"|\blet (?:people|them|the team|him|her) (?:run|decide)\b"
    r"|\bget(?:ting)? out of (?:the|their) way\b|\bhands[- ]off (?:on|about|with) (?:the )?how\b"
    r"|(?<!n['’]t )(?<!not )\btrust(?:s|ed|ing)? (?:them|people|the team|"
    r"him|her) to\b",
    re.IGNORECASE,
)
_show("autonomy", _LEFT_TO_US)
# Expectations are told as what good looks like: "what done looks like", "explain what
# success looks like", "what a good outcome looks like".
_LOOKS_LIKE = re.compile(
    r"\bwhat (?:would |does |will )?(?:done|success|good|great|(?:a |the )?(?:good|great|"
    r"successful)(?: [\w-]+){1,3}?) (?:looks|look|would look) like\b|\bdefinition of done\b",
    re.IGNORECASE,
)
# or as being clear on the what: "hands-off on the how, but very clear about the what".
_CLEAR_ON_WHAT = re.compile(
    r"\b(?:very |really |always )?clear (?:about|on) (?:the )?what\b", re.IGNORECASE
)
_show("expectation expectations", _LOOKS_LIKE, _CLEAR_ON_WHAT)
# A principle is told as a belief or a rule one keeps: "I believe people do their best work
# when ...", "my rule is ...". ("I believe the team was twelve people" is a hedge.)
_BELIEVES = re.compile(
    r"\bI (?:really |firmly |strongly |genuinely |still )?believe (?:in\b|(?:that )?"
    r"(?:(?:the )?people|teams?|engineers|good|great|the best|most|every|"
    r"a (?:good|great|team|manager))\b)"
    r"|\bI(?:['’]m| am) a (?:big |firm |strong )?believer\b"
    r"|\bmy (?:\w+ )?(?:rule|principle|mantra|belief)s? (?:is|are|has)\b",
    re.IGNORECASE,
)
_show("principle principles", _BELIEVES)
# A way of managing a weakness is told as what one does now: "what I do now is keep a
# visible list", "now I raise concerns in writing early", "I now deliberately assign ...",
# "I have a rule for myself". One idea, so it meets both of the point's words. ("I now
# lead a team of six" tells where one is, not what one does about it.)
_NOW_I_DO = re.compile(
    r"\bwhat I do (?:now|about it|differently)\b"
    r"|\b(?:now|nowadays|these days|since then),? I (?:always |deliberately |also )?(?:try to |"
    r"make sure |have |keep |write |raise |ask |set |timebox |time-box |rehearse |block |check |"
    r"use |assign |pair |flag |book |schedule |limit )"
    r"|\bI now (?:always |deliberately |also )?(?:try to|make sure|keep|write|raise|ask|set|"
    r"timebox|time-box|rehearse|block|check|assign|pair|flag|book|schedule|limit|say|share)\b"
    r"|\b(?:a|my) rule for myself\b|\bI(?:['’]ve| have) (?:made )?a rule\b"
    # and as a device kept, in the present: "I keep a visible list of my commitments", "I
    # rehearse every talk out loud", "I timebox it". (Most present habits tell the weakness
    # itself, "I write really long documents", or a design, "I write each window to a topic".)
    r"|\bI (?:always |also |still )?(?:rehearse|timebox|time-box|keep a (?:\w+ )?(?:list|log|"
    r"tally)|block (?:out )?(?:time|an hour|a slot)|set (?:myself )?(?:a )?(?:rule|limit|"
    r"reminder|timer))\b",
    re.IGNORECASE,
)
_show("strategy", _NOW_I_DO)
# Improvement is told as being better now, or as a figure back where it belongs: "recent
# reviews say I'm more direct", "I've gotten better at pushing back", "review time is back
# under a day", "on my last two projects I hit my dates".
_BETTER_NOW = re.compile(
    r"\b(?:got|gotten|getting|become|became|grown) (?:much |a lot |far |noticeably )?better\b"
    r"|\b(?:I['’]m|I am|I['’]ve been|I was) (?:much |a lot |far |noticeably )?more "
    r"(?:direct|confident|clear|communicative|comfortable|concise|assertive|organi[sz]ed)\b"
    # (A figure that is back, not a release rolled back "within 20 minutes".)
    r"|\b(?:is|are|was|were|stays?|stayed|now|it['’]s) back (?:under|below|down to)\b"
    r"|\b(?:hit|met|made) (?:my|our|all (?:my|our)) "
    r"(?:dates|deadlines|estimates)\b"
    # and, of someone given feedback, as doing it the next time: "Next incident, he did
    # it", "the next critiques were much more focused".
    r"|\bnext (?:time|incident|critiques?|reviews?|meetings?|retros?|sprint|demo|standups?)\b"
    r",? (?:he|she|they) (?:did it|did that|posted|asked|opened|came)\b(?! again)"
    r"|\b(?:was|were) (?:much |a lot |far )?more (?:focused|productive|useful)\b",
    re.IGNORECASE,
)
_show("improve improvement", _BETTER_NOW)
# Following up on feedback is told as going back to the person: "I made a point of telling
# him it really helped", "I checked in with her a week later".
_WENT_BACK = re.compile(
    r"\bmade a point of (?:telling|thanking|saying|recognising|recognizing)\b"
    r"|\b(?:told|telling|tell) (?:him|her|them) (?:that )?it (?:really )?helped\b"
    r"|\bchecked in (?:with (?:him|her|them) )?(?:again )?(?:a (?:week|month|few days)|"
    r"\w+ (?:days|weeks)) later\b",
    re.IGNORECASE,
)
_show("followup", _WENT_BACK)
# Staying is told as growing here rather than hopping on: "I'd like to grow here rather
# than hop around", "I hope I can grow here for long time", "a place to invest in for
# several years". One idea, so it meets both "commitment" and "staying" (a commitment is
# also one to a decision: see _WENT_WITH_IT). A stint elsewhere ("I was at Shopify for
# several years") or a long term away ("starting my own company") is no staying.
_STAYING = re.compile(
    r"\b(?:grow|growing|stay|staying|earn it|build a career|career)\b(?: [\w'’-]+){0,6} here\b"
    r"|\brather than (?:hop|hopping|jump|jumping|job-hop|job-hopping)\b|\bnot somewhere else\b"
    r"|\b(?:stay|staying|grow|growing|build|building|invest|investing|contribute|contributing"
    r"|commit|committed)\b(?: [\w'’-]+){0,5} (?:for|over) (?:the |a )?(?:long term|long haul|"
    r"long time|several years|many years)\b",
    re.IGNORECASE,
)
_show("staying", _STAYING)
# The company asked about is the employer's, told as theirs: "your engineering blog post",
# "your settlements team is rebuilding payouts", "you're opening in Portugal".
_SHOWN_BY["company"] = lambda s: s.on_offer
# Something said earlier is told as where a question comes from: "You mentioned the team
# took over the payments gateway", "Going back to the migration you described".
_SHOWN_BY |= dict.fromkeys(content_words("earlier"), _follows_up)
# Success is told as what good looks like ("what would a great first six months look
# like?"), as expectations are, or in a question about the first months or doing well:
# "What does the first three months look like for someone in this role, and what would
# make you say they'd done well?"
_FIRST_MONTHS = re.compile(
    r"\bwhat (?:do|does|would|will|should) (?:the )?first (?:\w+ ){0,2}(?:days|weeks|months|"
    r"year)\b[^.?!]* look like\b"
    r"|\b(?:they|I|someone|you|he|she)(?:['’]d| would| had| have)? (?:done|did|do|doing) "
    r"(?:well|a (?:good|great) job)\b[^.!]*\?",
    re.IGNORECASE,
)
_show("success", _LOOKS_LIKE, _FIRST_MONTHS)
# Priorities are told as what goes on the plan, or is done first: "how does the team decide
# what goes on the roadmap versus what comes from sales?"
_GOES_FIRST = re.compile(
    r"\bwhat (?:goes|gets|makes it|ends up) (?:on|onto|into|in) the (?:roadmap|backlog|sprint|"
    r"plan|quarter)\b"
    r"|\bwhat (?:gets|to) (?:built|build|worked on|work on|done|do) (?:first|next)\b",
    re.IGNORECASE,
)
_show("priority priorities", _GOES_FIRST)
# What is useful is told as what solves a real problem: "if I can't name the problem it'd
# solve", "I ask myself if it solves a real problem we have".
_REAL_PROBLEM = re.compile(
    r"\b(?:solves?|solving|fix(?:es)?|tie (?:it |them )?to|name) (?:a |the |any )?"
    r"(?:real |actual |concrete )?problem\b|\breal problem\b",
    re.IGNORECASE,
)
_show("useful", _REAL_PROBLEM)
# A mentee's progress is told as what they now do alone: "he was shipping features on his
# own", "she was reviewing other people's code", "they got promoted".
_ON_THEIR_OWN = re.compile(
    r"\bon (?:his|her|their) own\b|(?<!\bI )(?<!\bI['’]ve )\b(?:was|were|got|been) promoted\b"
    r"|\b(?:he|she|they) (?:was|were|is|are) (?:now )?(?:leading|running|reviewing|owning|"
    r"mentoring|shipping)\b",
    re.IGNORECASE,
)
_show("progress", _ON_THEIR_OWN)
# A stretch, and the ownership it increases, is told as something handed over to own: "I
# gave him the on-call runbook to own". ("Bigger projects" alone is how a weak answer waves
# at one.)
_STRETCH = re.compile(
    r"\b(?:gave|give|giving|handed|hand) (?:him|her|them) (?:[\w-]+ ){0,5}?to (?:own|lead|run)\b"
    # "I gave it to him to lead, even though there were more experienced people around"
    r"|\b(?:gave|give|giving|handed|hand) (?:it|that|this|the [\w-]+) to (?:him|her|them) "
    r"to (?:own|lead|run)\b",
    re.IGNORECASE,
)
_show("stretch increasing", _STRETCH)
# Correlating is told as lining one thing up with another: "whether it lines up with a
# deploy", "the graph next to the deploy markers", "it started at the same time as".
_LINES_UP = re.compile(
    r"\b(?:line|lines|lined|lining) up with\b|\bcoincid(?:e|es|ed|ing)\b"
    r"|\bat the same time as\b|\b(?:next to|against|alongside) (?:the )?(?:deploys?|"
    r"releases?|changes?|deploy markers|release markers)\b",
    re.IGNORECASE,
)
_show("correlate", _LINES_UP)
# What a weakness caused is told as its cost: "the main feature slipped by three weeks",
# "I shipped it three weeks late", "we rewrote it two months later", "it cost the team
# four weeks".
_COST_OF_IT = re.compile(
    r"\b(?:slipped|had to (?:rewrite|redo|rework)|missed (?:the|our|a) (?:deadline|date|"
    r"launch))\b|\bcost (?:us|me|the team|them|the company)\b"
    # Done again, not a rewrite as an achievement ("I rewrote its nightly batch as ...").
    r"|\b(?:we|they|I|someone) (?:later )?rewrote (?:it|them|that|the whole thing)\b"
    # Work of one's own that came late, not anyone's lateness ("merchants were paid three
    # days late" is the problem a story solved).
    r"|\b(?:shipped|delivered|launched|landed|finished|released)\b[^.;]{0,40}\b(?:days?|weeks?|"
    r"months?) late\b",
    re.IGNORECASE,
)
_show("caused", _COST_OF_IT)
# A motivator connected to the role is told as the role having it: "this role has both",
# "this role is customer-facing and has plenty of both", "your team would give me that".
_ROLE_HAS_IT = re.compile(
    r"\b(?:this|the|your) (?:role|job|position|team)\b[^.;]{0,50}?\b(?:has|have|offers?|"
    r"gives?|would give me) (?:me )?(?:plenty of |a lot of |lots of )?(?:both|each|all of that|"
    r"exactly that|that(?=\s*[.,;!?]|\s*$))",
    re.IGNORECASE,
)
_show("connection", _ROLE_HAS_IT)
# Conditions that differ are told as the other kind of team or place worked in: "I've been
# on teams that do everything over Zoom", "when teams are more meeting-heavy I adjust".
_ELSEWHERE = re.compile(
    r"\b(?:on|in|with|at) (?:a |an |other |some )?(?:[\w-]+ )?(?:teams?|companies|company|"
    r"places?|managers?) (?:that|which|where|who|with)\b"
    r"|\bwhen (?:the )?(?:teams?|managers?|things) (?:are|is|were|was|get|gets)\b",
    re.IGNORECASE,
)
_show("differ", _ELSEWHERE)
# A relationship is told as getting to know people: "virtual coffee to actually know
# people", "random 1:1 coffee calls", "a silly show-and-tell thing on Fridays" (not a
# codebase: "getting to know the codebase through small fixes").
_GETS_TO_KNOW = re.compile(
    r"\b(?:get|gets|getting|got) to know (?!(?:the |our |a |its )?(?:code|codebase|system|"
    r"domain|product|stack|tools?|service|services|repo|basics)\b)"
    r"|\bto know (?:people|them|each other|everyone|"
    r"colleagues|the team)\b|\bcoffee (?:chats?|calls?)\b|\bvirtual coffees?\b"
    r"|\bshow[- ]and[- ]tell\b|\bsocial (?:calls?|chats?|time|stuff)\b",
    re.IGNORECASE,
)
_show("relationship relationships", _GETS_TO_KNOW)
# A relationship kept whole is told as still getting on: "we still work well together",
# "the relationship came out of it fine", "she didn't hold the pushback against me". People
# get on; "so existing clients still work" says nothing of them.
_STILL_GET_ON = re.compile(
    r"\b(?:we|I|they|he|she|and I) (?:\w+ )?still (?:work (?:well |closely )?together|working "
    r"together|get on|get along|talk|are friends|collaborate)\b"
    r"|\b(?:get|got|getting) (?:on|along) (?:well|fine|great)\b|\bno hard feelings\b"
    r"|\b(?:didn['’]t|did not|never) (?:hold|held) (?:it|that|this|the \w+) against (?:me|us)\b"
    r"|\bcame out of it (?:fine|well|stronger|closer|better)\b"
    r"|\bended up (?:pairing|working (?:closely|together))\b",
    re.IGNORECASE,
)
_show("healthy preserved", _STILL_GET_ON)
# Committing to a decision one disagreed with is told as going with it: "I was happy to go
# with it", "I focused on making the decision work rather than complaining", "I got behind
# it". One idea, so it meets "disagree", "commit" and "fully" alike.
_WENT_WITH_IT = re.compile(
    r"\b(?:go|went|going|gone) (?:along )?with (?:it|that|the decision|their call|his call|"
    r"her call)\b|\bmak(?:e|ing) (?:the|that|this) (?:decision |plan |call )?work\b"
    # "I disagreed, but I made it work"; not "two days to make it work".
    r"|\b(?:but|still|then|and) (?:I|we) (?:\w+ )?(?:made|make|did (?:my|our) best to make) it "
    r"work\b"
    r"|\bgot (?:fully )?behind (?:it|that|the decision)\b"
    r"|\bcommitted (?:to (?:it|that|the decision|the plan) )?fully\b"
    # Or the other side's option taken up: "Boosting won by two points, so we shipped his
    # model".
    r"|\b(?:we|I) (?:shipped|went with|adopted|chose|picked|used) (?:his|her|their) "
    r"(?:[\w-]+ )?(?:model|design|approach|version|plan|option|proposal|idea|solution)\b",
    re.IGNORECASE,
)
_show("disagree fully", _WENT_WITH_IT)
_show("commitment", _STAYING, _WENT_WITH_IT)
# A quick win is told as a small fix soon made: "fix one or two small irritants", "some
# small problems that are easy to solve", "if I can kill that quickly".
_QUICK_WIN = re.compile(
    r"\b(?:one or two|a couple of|a few|some) (?:(?:small|annoying|quick|easy|dumb|little) )*"
    r"(?:irritants?|annoyances?|sources? of friction|papercuts?|pain points?|fixes|wins)\b"
    r"|\b(?:one or two|a couple of|a few|some) (?:(?:small|annoying|quick|easy|dumb|little) )+"
    r"(?:things?|problems?|issues?)\b"
    r"|\b(?:fix|fixed|fixing|kill|killing|solve|solving|resolve|resolving|remove|removing)\b"
    r"(?: \w+){0,3} (?:fast|quickly)\b|\beasy to (?:solve|fix)\b",
    re.IGNORECASE,
)
_show("win wins", _QUICK_WIN)
# What reports said of a manager is told as what the team said of them: "my team said I am
# a good listener", "feedback from my team: I'm clear and fair", "one piece of feedback I
# got from my reports", "told me in a skip-level". Said of the candidate, not of the work
# ("my team told me checkout was down"). One idea, so it meets "reports" and "gave".
_FROM_MY_TEAM = re.compile(
    r"\b(?:my|our) (?:team|reports|direct reports|directs|engineers|people)(?: members)?,? "
    r"(?:\w+ )?(?:said|says|told me|tell me|tells me)(?: that)? I(?:['’]m| need(?:ed)? to "
    r"(?:be|get|work|step|speak|decide|delegate)| (?!need|needed|had to|have to|should)\w+)\b"
    r"|\bfeedback (?:I (?:got|get|had|received|receive)) (?:\w+ ){0,3}from (?:my|our) "
    r"(?:team|reports|direct reports|directs|engineers|people)\b"
    r"|\bfeedback from (?:my|our) (?:team|reports|direct reports|directs)(?::| (?:was|is) that)"
    r"|\b(?:told|said to) me in (?:a|my|our) skip-level\b",
    re.IGNORECASE,
)
_show("reports gave", _FROM_MY_TEAM)
# A role's aspect is linked to the candidate's past by telling that work as theirs: "I did
# the batch-to-streaming migration at my last job", "I led a similar migration", "for the
# last two years I've led the CI work", "I have experience with localisation", "I've been
# the person who writes the runbooks before". One idea, so it meets "linked" and "past".
_MY_TRACK_RECORD = re.compile(
    r"\bI (?:also )?(?:did|led|built|shipped|owned|designed|migrated|rebuilt|wrote|set up|"
    r"introduced|pushed for|worked on|scaled) (?:[\w'’-]+ ){0,8}?(?:at|in) my "
    r"(?:last|previous|former|current) (?:job|company|role|team|employer)\b"
    r"|\bI (?:\w+ ){0,2}(?:led|did|built|shipped|owned|designed) (?:a|the) (?:very )?similar\b"
    r"|\bfor the (?:last|past) (?:\w+ )?(?:years?|months),? I['’]ve (?:led|built|run|owned|"
    r"worked on|been (?:leading|building|running|doing|working on))\b"
    # (Not "I've built something like this before": in a design, that is no link to a role.)
    r"|\bI['’]ve (?:been the (?:person|one)|done)(?! nothing\b) (?:[\w'’-]+ ){0,10}?before\b",
    re.IGNORECASE,
)
# Experience one has ("I have experience with localisation") links a role to one's past,
# and says so in its own word; it is no example from a past team.
_HAVE_EXPERIENCE = re.compile(
    r"\bI (?:have|['’]ve got) (?:(?!no\b|zero\b|little\b|limited\b|less\b)\w+ )?experience "
    r"(?:with|in|of)\b",
    re.IGNORECASE,
)
_show("linked", _MY_TRACK_RECORD, _HAVE_EXPERIENCE)
_show("past", _MY_TRACK_RECORD)
# A direction is told as the path itself: deeper ("Deeper, not broader.", "be an expert
# in ML infrastructure", "the staff track") or managing ("managing a small team", "become an
# engineering manager"). One idea, so each meets "direction" and its own side.
_DEEPER = re.compile(
    r"\b(?:go|going|get|getting|grow|growing) deeper\b|^\W*deeper\b"
    r"|\b(?:be|become|becoming) (?:an |the )?expert (?:in|on)\b"
    r"|\b(?:technical|individual[- ]contributor|IC|staff|principal) (?:track|path|route)\b"
    r"|\b(?:be|become|becoming|grow into|growing into|get to) (?:a )?(?:staff|principal) "
    r"engineer\b",
    re.IGNORECASE,
)
_MANAGING = re.compile(
    r"\b(?:to|be) manag(?:e|ing) (?:a |the |my own |our )?(?:small |bigger |larger )?(?:team|"
    r"people|engineers)\b|\b(?:become|becoming|be) (?:a |an )?(?:people|engineering|first-line) "
    r"manager\b",
    re.IGNORECASE,
)
_show("direction", _DEEPER, _MANAGING)
_show("depth", _DEEPER)
# (A weakness is managed as a direction is: "manage" is the word of both.)
_show("manage management", _NOW_I_DO, _MANAGING)
# Earning trust before big changes is told as holding the changes back: "No big process
# changes early.", "before touching anything big", "I would not come in and start
# changing stuff". One idea, so it meets "earning" and "trust".
_CHANGES_HELD = re.compile(
    r"\bno (?:big|major|sweeping|drastic) (?:\w+ )?changes? (?:early|yet|at first|in the first|"
    r"until|straight away|right away|for the first|before)\b"
    r"|\bbefore (?:touching|changing|making) anything(?: big)?\b"
    r"|\bhold(?:ing)? off on (?:any |making )?(?:big|major|sweeping|drastic)\b"
    r"|\bI(?: wouldn['’]t| won['’]t| would not| will not| don['’]t| do not|['’]d not|['’]d never|"
    r" would never| will never)(?: want to| try to)? (?:come in and )?(?:start )?(?:make|making|"
    r"push|pushing|change|changing|touch|touching)\b[^.]{0,30}?\b(?:big|major|sweeping|"
    r"drastic|anything|stuff|things)\b",
    re.IGNORECASE,
)
_show("earning trust", _CHANGES_HELD)
# Something unfamiliar is told as new to the candidate: "I had never used Kubernetes in
# production", "I knew nothing about the regulatory side", "no experience with Go".
_NEW_TO_ME = re.compile(
    r"\bnew to (?:me|us)\b"
    r"|\b(?:I|we)(?:['’]d|['’]ve| had| have)? (?:never|hadn['’]t|haven['’]t|didn['’]t|had not|"
    r"have not|did not)(?: ever| really)? (?:used|use|worked with|work with|worked in|touched)\b"
    r"|\b(?:knew|know|knowing) (?:nothing|little|next to nothing|almost nothing) about\b"
    r"|\bno (?:real |prior |previous )?experience (?:with|in|of)\b"
    r"|\b(?:used|worked with|known)\b[^.;]{0,40}\bbut never\b",
    re.IGNORECASE,
)
_show("unfamiliar", _NEW_TO_ME)
# Something unclear is told as nobody able to say what it was: "Nobody could tell me what
# better meant", "no one had agreed on what done looked like", "nobody had told him what
# was expected".
_NOBODY_KNEW = re.compile(
    r"\b(?:nobody|no one|no-one|none of us|none of them)"
    r"(?: (?:could|would|had|really|ever|actually|quite))* "
    r"(?:tell|told|say|said|define|defined|explain|explained|agree on|agreed on|knew|know|"
    r"spell out|spelled out)(?: (?:me|us|him|her|them))? (?:exactly )?(?:what|how|which|who)\b",
    re.IGNORECASE,
)
_show("unclear", _NOBODY_KNEW)
# Ownership of a miss is told as whose it was: "I was clear that the miss was ours", "that
# was a planning call I'd made", "the delay was on me" (not "it was on me to tell them",
# a task; nor "the decision I made was to launch", what was decided).
_OWNED_UP = re.compile(
    r"\b(?:the|that|this|our|my) (?:miss|mistake|slip|delay|failure|error|call|decision) "
    r"(?:was|is) (?:ours|mine|on (?:me|us)|my (?:call|doing|decision))\b"
    r"|\b(?:that|it|this) (?:one )?(?:was|is) (?:on me|all on me|my (?:call|doing))\b(?! to\b)"
    r"|\b(?:that|it|this) was (?:a|the|my) (?:[\w-]+ )?(?:call|decision|mistake) "
    r"(?:I['’]d|I had|I) made\b",
    re.IGNORECASE,
)
_show("ownership", _OWNED_UP)
# What drew someone to a field is told as the moment it did: "That's when I moved into
# product", "This is when I understood that I like fixing the reason for a problem", "what
# pulled me in was ...".
_DREW_ME = re.compile(
    r"\b(?:that|this)(?:['’]s| is| was) (?:when|the moment|the point) (?:I|it)\b"
    r"[^.;]{0,20}?\b(?:knew|realised|realized|understood|clicked|got hooked|fell for|"
    # A move is to the field, not anywhere: "that's when I moved to Berlin" drew nobody.
    r"(?:moved|switched|went|started|decided to move) (?:in)?to (?:product|pm|management|"
    r"design|engineering|data|tech|it)\b)"
    r"|\b(?:what|that|it) (?:first )?(?:drew|pulled|hooked) me (?:in|into|to|towards)\b"
    # ... or as the way in, from where, how or why: "I came to product management from
    # customer support", "I got into product sideways", "I moved into UX because ...".
    r"|\bI (?:came|got|moved|switched|transitioned) (?:in)?to (?:product|pm|design|ux|data|"
    r"engineering|tech|software)(?: management| design)?,? (?:from|sideways|through|because|"
    r"after)\b",
    re.IGNORECASE,
)
_show("drew", _DREW_ME)
# An adjustment is told as a snag and the change it brought ("The rotation worked well, but
# the line limit caused friction on generated code, so we excluded those files"), as a part
# replaced ("We removed the bot, and instead the reviewer of the day checks the list") or
# as what was there changed to work otherwise ("We changed it so that every rotation has one
# senior").
_ADJUSTED = re.compile(
    r"\bbut\b[^.;]{3,90}?,? (?:so|and so) (?:we|I) (?:\w+ )?(?:excluded|dropped|changed|"
    r"relaxed|loosened|removed|switched|moved|cut|split|narrowed|shortened|extended|raised|"
    r"lowered|reworked|rewrote|simplified|added)\b"
    r"|\b(?:we|I) (?:removed|dropped|scrapped|replaced|retired) (?:it|them|the|that|this|our)\b"
    r"[^.;]{0,40}?\binstead\b"
    r"|\b(?:we|I) (?:changed|tweaked|reworked) (?:it|them|that|this|the \w+) so (?:that )?",
    re.IGNORECASE,
)
_show("adjustments adjustment adjusted", _ADJUSTED)
# Someone is involved by working with them or bringing them in: "we worked with HR on
# flexible hours", "I looped in HR", "I brought legal in early".
_BROUGHT_IN = re.compile(
    r"\b(?:I|we) (?:\w+ )?(?:worked|work|partnered) (?:closely )?with\b"
    r"|\b(?:looped|brought|pulled|roped) (?:in\b|(?:\w+ ){1,3}in\b)"
    r"|\b(?:I|we) (?:\w+ )?consulted\b",
    re.IGNORECASE,
)
_show("involving involve involved", _BROUGHT_IN)
# Bad news is communicated by taking it to someone who decides: "I took that reasoning to
# my director and the head of sales on Monday", "I went to my manager and the marketing
# lead, explained the clash" (not "I took the bus to the office").
_PEOPLE_WHO_DECIDE = (
    r"(?:my|our|the) (?:[\w-]+ )?(?:director|manager|lead|vp|boss|head|ceo|cto|stakeholders?|"
    r"client|customer|sponsor)\b"
)
_TOOK_IT_TO = re.compile(
    r"\b(?:took|brought|escalated) (?:it|this|that|them|(?:the|that|this|my|our) (?:[\w-]+ )?"
    r"(?:reasoning|trade-?offs?|risks?|problem|issue|clash|conflict|options?|plan|case|"
    r"concerns?|numbers|news)) to "
    + _PEOPLE_WHO_DECIDE
    + r"|\bwent to "
    + _PEOPLE_WHO_DECIDE
    + r"[^.;]{0,40}?\b(?:explained|told|flagged|showed|"
    r"laid out|walked)\b",
    re.IGNORECASE,
)
_show("communication communicate communicated", _TOOK_IT_TO)
# Research on a company is told as what the candidate did or learned of it: "I signed up
# for the free trial last week and poked around", "I saw in the news you are opening in
# Portugal", "Your settlements team is rebuilding payouts to run near real-time".
_LOOKED_INTO = re.compile(
    r"\bsigned up for (?:the|your|a) (?:free )?(?:trial|account|beta|demo)\b|\bpoked around\b"
    r"|\btried (?:out )?(?:your|the) (?:app|product|api|demo|beta)\b"
    r"|\b(?:saw|read|heard|noticed) (?:in the news|on your|in your|about your)\b"
    r"|\byour (?:[\w-]+ ){0,2}(?:team|company|product|app|platform) (?:is|are|has been|have been|"
    r"just|recently) (?:\w+ing|launched|opened|moved|shipped|announced)\b",
    re.IGNORECASE,
)
_show("research researched", _LOOKED_INTO)
# Deciding what not to do is told as saying no: "Last quarter I said no to a custom
# reporting feature", "saying no is a big part of the job", "we turned down the request"
# (the candidate's no: not "my manager said no to my transfer").
_SAID_NO = re.compile(
    r"\b(?:I|we)(?: \w+)? (?:said|say) no\b|\bsaying no\b"
    r"|\b(?:I|we)(?: \w+)? (?:turned|turn) down (?:a|the|that|their|his|her|our)\b"
    r"|\b(?:decided|chose|choosing|deciding) (?:not to|against) (?:build|building|ship|shipping|"
    r"do|doing|add|adding)\b",
    re.IGNORECASE,
)
_show("deciding", _SAID_NO)
# A thin slice is told as a part built instead of the whole: "instead of a full redesign I
# made a rough prototype of one panel", "for the top 40 ingredients rather than the whole
# catalog".
_PART_NOT_WHOLE = re.compile(
    r"\b(?:instead of|rather than) (?:a|the|building the|building a|doing the|doing a) "
    r"(?:full|whole|complete|entire|big|total)\b",
    re.IGNORECASE,
)
_show("slice", _PART_NOT_WHOLE)
# A release delivered is told as gone out: "The first phase went out on time", "it went
# live in March". (Only a release: "the email went out twice" delivers nothing.)
_WENT_OUT = re.compile(
    r"\b(?:it|(?:the|our) (?:first |second |next |new )?(?:phase|release|feature|version|"
    r"change|update|launch|product|fix|redesign|mvp)) (?:went|has gone|had gone) (?:out|live)\b"
    r"|\bwent live\b",
    re.IGNORECASE,
)
_show("deliver delivered", _WENT_OUT)
# Returning to a problem is told as going back to it: "So we went back to the actual
# problem from our research".
_BACK_TO = re.compile(
    r"\b(?:went|go|going|came|come|coming|got|get|getting) back to (?:the|our|what|basics)\b",
    re.IGNORECASE,
)
_show("return", _BACK_TO)
# Feedback given is told as being direct on someone's work: "I was pretty direct on his
# design doc", "I was blunt with her about her review" (their work, not "the deadline").
_DIRECT_ON = re.compile(
    r"\bI (?:was|am|['’]m|['’]ve been) (?:\w+ )?(?:direct|blunt|candid|frank) "
    r"(?:on|about|with (?:him|her|them) (?:on|about)) (?:his|her|their)\b",
    re.IGNORECASE,
)
_show("feedback", _DIRECT_ON)
# Knowledge shared is told as a guide, talk or session made for others: "Later I wrote an
# internal guide for the team", "I ran a lunch-and-learn for the other squads".
_PASSED_ON = re.compile(
    r"\b(?:wrote|write|writing|put together|gave|give|giving|ran|run|running|held|hold) "
    r"(?:up )?(?:an? |the |our )?(?:[\w-]+ ){0,2}?(?:guide|wiki|docs?|write-up|writeup|"
    r"runbook|talk|session|workshop|brown-bag|lunch-and-learn|tutorial|walkthrough|"
    r"cheat sheet)s?\b(?: [\w-]+){0,3}? (?:for|to|with) (?:the|my|our|other|every)\b",
    re.IGNORECASE,
)
_show("shared share", _PASSED_ON)
# Practice on the side is told as a place to try things and break them: "I built a small
# cluster on my laptop and broke it many times on purpose", "a toy app", "a sandbox".
_TRIED_ON_THE_SIDE = re.compile(
    r"\bon (?:my|a) (?:own )?laptop\b|\bsandbox\b"
    r"|\bbr(?:oke|eak|eaking) (?:it|things|them)\b[^.;]{0,30}\bon purpose\b"
    r"|\b(?:toy|throwaway|scratch) (?:[\w-]+ )?(?:app|project|cluster|repo|version|service)\b",
    re.IGNORECASE,
)
_show("practice", _TRIED_ON_THE_SIDE)
# Urgency in learning is a date the learning had to meet: "we had a deadline to move the
# first ten services", "an audit coming up in about two months". (Someone else's deadline,
# "a customer had a deadline too", is no urgency of the candidate's.)
_DUE_SOON = re.compile(
    r"\b(?:we|I)(?: had| have| were under| was under|['’]d| also had) (?:a |an |the )?"
    r"(?:hard |tight |fixed |firm )?deadline\b"
    r"|\b(?:coming up|due) (?:in|within) "
    r"(?:a|an|about|only|just|\d+|one|two|three|four|five|six)\b",
    re.IGNORECASE,
)
_show("urgency", _DUE_SOON)
# The need under a request is told as what the asker really needed: "a call with the VP to
# understand what they actually needed", "the real problem behind the request". (What
# they wanted is the request itself: "I knew what the customer wanted: no limits".)
_THEIR_NEED = re.compile(
    r"\bwhat (?:she|he|they|the [a-z]+) (?:really |actually |truly )?(?:needed|"
    r"cared about|(?:was|were) (?:after|worried about|trying to (?:solve|fix|achieve)))\b"
    r"|\bthe (?:real|actual|underlying) (?:need|problem|goal|worry|concern)\b"
    r"|\bthe (?:need|problem|goal|worry|concern) behind (?:it|that|this|the (?:request|ask))\b",
    re.IGNORECASE,
)
_show("underlying", _THEIR_NEED)
# Asking for the other person's view is told as asking how they saw it: "Then I asked how
# she saw it", "I asked him what he made of it", "I asked for her side of it". Only the
# candidate asking: "she asked how I saw it" is the other way round.
_THEIR_VIEW = re.compile(
    r"\bI (?:then |first |also )?(?:asked|ask)(?: (?:her|him|them))? (?:how|what) "
    r"(?:she|he|they) (?:saw|sees|see|made of|thought (?:of|about)|read) "
    r"(?:it|that|this|things|the situation)\b"
    r"|\bI (?:then |first |also )?(?:asked|ask) (?:for )?(?:her|his|their) "
    r"(?:side|view|take|read)(?: of (?:it|things|the story|what happened))?\b",
    re.IGNORECASE,
)
_show("perspective", _THEIR_VIEW)
# Owning your part: a first-person sentence that owns the responsibility or a misstep.
# Owning words count beside any "I" or "my" ("my mistake", "I was responsible");
# owning verbs only in an "I <verb>" clause ("I owned the cut-over", "I skipped the test").
_OWNING_WORDS = frozenset(content_words("responsible responsibility accountable fault mistake"))
_OWNING_VERBS = frozenset(
    content_words(
        """owned misjudged underestimated overestimated assumed skipped missed ignored overrode
        forgot rushed wrong"""
    )
)


def _owns_part(info: SentenceInfo) -> bool:
    if not info.first_person or info.blame:
        return False
    if not info.stems.isdisjoint(_OWNING_WORDS):
        return True
    return info.own_actions > 0 and not info.stems.isdisjoint(_OWNING_VERBS)


# Key-point words that are stopwords in answers ("my own laptop") but ask for something
# in a key point ("your own part in it"); met by a feature alone, not by related words.
_ASKED_BY_FEATURE: dict[str, Callable[[SentenceInfo], bool]] = {"own": _owns_part}
_NEGATED = re.compile(r"^\s*(?:no|not|never|without|avoid(?:ing)?|don'?t)\b", re.IGNORECASE)
_NEGATED_FEATURES: dict[str, Callable[[SentenceInfo], bool]] = {
    **dict.fromkeys(content_words("blame blaming blamed"), lambda s: s.blame),
    **dict.fromkeys(content_words("buzzwords jargon"), lambda s: s.buzzwords >= 2),
    **dict.fromkeys(content_words("flattery"), lambda s: s.buzzwords >= 2 or "flattery" in s.red),
    **dict.fromkeys(
        content_words("criticism criticising"), lambda s: "disparages_employer" in s.red
    ),
    **dict.fromkeys(content_words("humble brag"), lambda s: "humble_brag" in s.red),
    **dict.fromkeys(content_words("rambling filler"), lambda s: s.digression),
}


_WITHOUT = re.compile(r"\bwithout\b(.*)$", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _conduct_refused(point: str) -> tuple[Callable[[SentenceInfo], bool], ...]:
    """What a point's "without" clause refuses, when it is a conduct ("ownership without
    blaming the team"): the evidence must not do it, and need not say its words."""
    found = _WITHOUT.search(point)
    if found is None:
        return ()
    clause = content_words(found.group(1))
    return tuple(dict.fromkeys(_NEGATED_FEATURES[w] for w in clause if w in _NEGATED_FEATURES))


def negated(point: str) -> bool:
    """A "no X" point ("no blaming teammates"), met by an answer that never does X."""
    return _NEGATED.match(point) is not None


@dataclass(frozen=True)
class KeypointHit:
    """A key point and the sentence that covers it (None when it is missing), or, for a
    "no X" point not covered, the sentence that does X (if one does). A point made over
    two sentences in a row has the other in ``beside``: its quote is both, as neither
    alone makes it."""

    point: str
    covered: bool
    evidence: SentenceInfo | None
    beside: SentenceInfo | None = None


@dataclass(frozen=True)
class _Slot:
    """One thing a key point asks for: a word, or alternatives joined by "or"."""

    stems: tuple[str, ...]
    literal: tuple[bool, ...]  # a name ("Redis", "HTTP 429") must be said, not paraphrased
    names: frozenset[str] = frozenset()  # the literal stems
    family: frozenset[str] = frozenset()  # every stem that says the same as the others
    features: tuple[Callable[[SentenceInfo], bool], ...] = ()
    known: frozenset[str] = frozenset()  # names | family: one set test per sentence
    denied: bool = False  # the point denies it ("the deadline could not move"): so may the answer
    # What shows the slot in other words: a step added to a process for "change", a result
    # for "worked". As telling as the slot's own words (a feature, such as a figure or a
    # lesson, is something any story has), so the slot stays plain.
    shown_by: Callable[[SentenceInfo], bool] | None = None
    gate: bool = False  # what the point is ("the change worked"): no sentence makes it without
    # Said by every sentence that makes the point, as its quote: a failure ("fail open or
    # closed") by a word for failing, a clarifying step by the asking.
    required: bool = False
    # What the slot's "un-" word says when denied: "clear" for "unclear" ("he wasn't clear
    # on what was expected of him").
    unsaid: frozenset[str] = frozenset()
    # Refused by the point ("escalated promptly without delay", "influence without formal
    # authority"): met where the answer refuses it too ("rather than waiting", "I had no
    # authority"), not where it happens ("the partner slipped").
    refused: bool = False

    @property
    def plain(self) -> bool:
        """Met only by words: it names the point's subject ("failure"), where a slot met by
        a feature ("measurable": any figure) could be met by any story."""
        return bool(self.known) and not self.features

    def said(self, info: SentenceInfo) -> bool:
        """Met by a word of the sentence. A word denied is not said ("without slipping the
        date"); a name is, either way ("302, not 301" weighs the 301); an "un-" word is
        said as its root denied ("wasn't clear" for "unclear")."""
        if self.refused:
            return not (info.stems - info.affirmed).isdisjoint(self.known)
        said = info.stems if self.denied else info.affirmed
        if not said.isdisjoint(self.known) or not info.named.isdisjoint(self.names):
            return True
        return bool(self.unsaid) and not (info.named - info.affirmed).isdisjoint(self.unsaid)

    def matches(self, info: SentenceInfo) -> bool:
        if self.said(info):
            return True
        if self.shown_by is not None and self.shown_by(info):
            return True
        # Most slots have no feature words: skip building a generator for them.
        return bool(self.features) and any(feature(info) for feature in self.features)


_POSSESSIVE = re.compile(r".{2,}['’]s$", re.IGNORECASE).match
# Key points about delivery ("a concise pitch around sixty seconds") are met by the
# answer's length, not by any sentence.
# ("short" is left out: "short-lived tokens" and "a short story proving it" ask for content.)
# A unit of time asks for a length only after a number ("around sixty seconds", "under 2
# minutes"), not as a rate or a measure: "forecast converted to requests per second" and
# "impact in users or minutes" ask for content.
_CONCISION = re.compile(
    r"\b(?:concise|concisely|brief)\b"
    r"|\b(?:\d+|a|one|two|three|thirty|sixty|ninety) (?:seconds?|minutes?)\b",
    re.IGNORECASE,
)
CONCISE_WORDS = (50, 220)
_UNCREDITED = ("non_answer", "off_topic", "signpost_stuffing", "buzzword_heavy")
_WEAK = ("we_not_i", "filler_heavy", "rambling", "vague_metrics", "too_short")


def _finish(
    stems: tuple[str, ...],
    literal: tuple[bool, ...],
    raw: Sequence[str] = (),
    denied: bool = False,
    gate: bool = False,
    asked_for: frozenset[str] = frozenset(),
    required: bool = False,
    refused: bool = False,
    ground: bool = True,
) -> _Slot:
    """Resolve a slot's words once: names stay names, other words bring their family
    (``raw``: the words as the point wrote them, whose stems may differ from an answer's
    forms of them; ``asked_for``: words the point has someone ask for, read by no
    feature)."""
    loose = [w for w, lit in zip(stems, literal, strict=True) if not lit]
    features = tuple(
        dict.fromkeys(
            _FEATURE_WORDS[w] for w in loose if w in _FEATURE_WORDS and w not in asked_for
        )
    )
    names = frozenset(w for w, lit in zip(stems, literal, strict=True) if lit)
    # A word for when ("added afterwards") is met by its own words or a lesson, not by
    # every word for a later change ("fixed", "added", "now"): those say what, not when.
    family = frozenset(loose) if _WHEN.issuperset(loose) else expand(frozenset(loose))
    # The stemmer keeps a final e and strips once: "scoring" is "scor" but "score" stays,
    # "quarterly" is "quarter" but "quarter's" is "quart". Either form meets the point,
    # unless the other form is a word for when: "late" less its e is "lat", the stem of
    # "later", and "two days later" is no "new date".
    family |= {variant for w in family for variant in _variants(w)} - _WHEN
    # "filter" is "filt", but "filtered" is "filter": the word as written meets it too.
    family |= {w for w, lit in zip(raw, literal, strict=False) if not lit and len(w) >= 4}
    grounded = next((_GROUNDED[w] for w in loose if w in _GROUNDED), None)
    if grounded is not None and len(loose) == 1 and ground:
        # Its relatives meet it only in a sentence that grounds them (see _GROUNDED).
        own = frozenset({*loose, *(v for w in loose for v in _variants(w)), *raw})
        related, shows = family - own, grounded

        def grounded_by(info: SentenceInfo) -> bool:
            return shows(info) and not info.affirmed.isdisjoint(related)

        return _Slot(
            stems,
            literal,
            names=names,
            family=own,
            known=names | own,
            shown_by=lambda info: (
                grounded_by(info) or _SHOWN_BY[loose[0]](info)
                if loose[0] in _SHOWN_BY
                else grounded_by(info)
            ),
        )
    return _Slot(
        stems,
        literal,
        names=names,
        family=family,
        features=features,
        known=names | family,
        unsaid=frozenset(
            stem(w[2:]) for w, lit in zip(raw, literal, strict=False) if not lit and _UN.match(w)
        ),
        denied=denied,
        shown_by=_result
        if gate
        else _REQUIRED_SHOWN_BY[stems]
        if required
        else next((_SHOWN_BY[w] for w in loose if w in _SHOWN_BY), None),
        gate=gate,
        required=required,
        refused=refused,
    )


# "unclear", "unfamiliar", "unavailable": a word that is another denied.
_UN = re.compile(r"un[a-z]{4,}$")


def _variants(word: str) -> tuple[str, ...]:
    """The other forms the stemmer gives the same word (see _finish)."""
    if len(word) < 4:
        return ()
    again = stem(word)  # only a long one: a short one stripped is another ("later": "lat")
    twice = (again,) if again != word and len(again) >= 5 else ()
    return (word[:-1] if word.endswith("e") else word + "e", *twice)


# "L1, L2 regularisation or dropout": names listed before an "or" are alternatives too.
# (Only names: "data, prototype or experiment to decide" still asks for data.)
_LISTED_OR = re.compile(r"(?<![\w-])([A-Z0-9][\w-]*),\s+(?=[^,]*\bor\b)")


# What a point sets aside ("percentiles and histograms, not averages", "PR-AUC preferred
# over ROC-AUC"): an answer naming only that has chosen the other side, not made the point.
_SET_ASIDE = re.compile(
    r"(?:,\s*not\b|(?<=preferred) over\b|\brather than\b|\binstead of\b).*$", re.IGNORECASE
)


# What a point has the candidate ask for ("asked for examples to understand it") is the
# other person's to give: a moment of the candidate's own placed in time ("Last year my
# lead ..."), the feature that shows "an example from a past team", does not show it.
_ASKED_FOR = re.compile(r"\b(?:ask|asks|asked|asking|request|requested) for (\w+)", re.I)


# "A short story", "a brief example": how long to tell it, not what it is about. (Said of
# anything else, "short" asks for something: "short-lived tokens", "short code mapping".)
_TOLD_BRIEFLY = re.compile(
    r"\b(?:short|brief|quick)\s+(?=(?:story|stories|anecdotes?|examples?)\b)", re.IGNORECASE
)


@lru_cache(maxsize=1024)
def _slots(point: str) -> tuple[_Slot, ...]:
    if _conduct_refused(point):
        point = _WITHOUT.sub("", point)
    point = _TOLD_BRIEFLY.sub("", _SET_ASIDE.sub("", point))
    asked_for = frozenset(stem(m.group(1).lower()) for m in _ASKED_FOR.finditer(point))
    groups: list[tuple[list[str], list[bool], list[str]]] = []
    denied: set[int] = set()  # the groups the point itself denies
    refused: set[int] = set()  # the groups after its "without"
    without = False
    gated: set[int] = set()  # the groups that ask for a result
    by_feature: list[_Slot] = []
    join = deny = False
    for token in WORD.findall(_LISTED_OR.sub(r"\1 or ", join_compounds(point))):
        low = token.lower()
        if low == "or":
            join = True
            continue
        if low in _POINT_DENIERS:
            deny = True
            continue
        if low == "without":
            without = True
            continue
        if low in _ASKED_BY_FEATURE:
            by_feature.append(_Slot((low,), (False,), features=(_ASKED_BY_FEATURE[low],)))
            join = False
            continue
        if low in STOPWORDS or len(low) < 2:
            continue
        word = stem(low)
        if word in _MANNER:
            # Between "or" and its word ("peeking or early stopping") a manner word leaves
            # the alternatives joined: the point asks for either, not for both.
            continue
        # A name, a figure, or a possessor ("this team's needs": this team, not the
        # company or the product) must be said as written.
        literal = (
            token[0].isupper() or any(c.isdigit() for c in token) or _POSSESSIVE(token) is not None
        )
        if join and groups:
            groups[-1][0].append(word)
            groups[-1][1].append(literal)
            groups[-1][2].append(low)
        else:
            groups.append(([word], [literal], [low]))
        if deny:
            denied.add(len(groups) - 1)
        if without:
            refused.add(len(groups) - 1)
        if low in _RESULT_WORDS:
            gated.add(len(groups) - 1)
        join = deny = False
    if _MORE_OF.match(point):
        # "More training data" asks for more of it: a sentence that names the data ("too
        # good on the training data") without asking for more is no such point.
        by_feature.append(
            _Slot(("more",), (False,), features=(_asks_more,), known=frozenset(), required=True)
        )
    if _BEFORE_AFTER.search(point):
        # "before and after figures": stopwords both, yet what the point asks for.
        by_feature.append(_Slot(("before-after",), (False,), features=(_before_after,)))
    slots = (
        _finish(
            tuple(w),
            tuple(lit),
            raw,
            n in denied,
            n in gated,
            asked_for,
            required=w in ([_FAIL], [_ENABLE], [_DELTA], [_MEASURABLE])
            or (n == 0 and raw == ["clarify"]),
            refused=n in refused,
            # "Evidence of research", "evidence the change worked": what it is evidence
            # of is what the point asks for, told in its own words (see _GROUNDED).
            ground=_EVIDENCE_OF.search(point) is None,
        )
        for n, (w, lit, raw) in enumerate(groups)
    )
    return (*slots, *by_feature)


# A point about failing ("behaviour when the store is down, fail open or closed") is made
# only where a sentence says something fails ("if Redis is unavailable"), not by one that
# names the store and some relative of "open". One that opens on clarifying ("clarify
# scope per user, IP or API key") is made where the answer asks or states the design's
# scope ("Scope: per API key"), not by any step that says "per user" ("Each server keeps
# a counter per user"). Only the verbs: a story's "real failure" is told in its
# consequences, and its "clarifying questions to users" keep their own words (read as a
# scene, every story's opening met them, and 18 stories told for "ambiguous
# requirements" rose to 60 or more).
_FAIL = stem("fail")
_CLARIFY = stem("clarify")
_MEASURABLE = stem("measurable")
# "Sales and support enablement" is made by preparing those teams ("briefed support",
# "an FAQ for sales"): naming them ("Sales and support were happy") is not it.
_ENABLE = stem("enablement")
# "Delta sync" is sending only what changed ("only the changed chunks are uploaded", "asks
# for everything after its cursor"), not any sync that checks for changes ("the app checks
# for changes and uploads files to keep everything in sync").
_DELTA = stem("delta")
_SENDS_DELTA = re.compile(
    r"\b(?:deltas?|diffs?|incremental\w*|rsync)\b"
    r"|\b(?:only|just)\b(?:\s+[\w-]+){0,3}?\s+(?:changed|changes|modified|new|edited|"
    r"updated|different|missing)\b"
    r"|\b(?:changed|modified|edited|new|missing)\s+(?:chunks?|blocks?|parts?|pieces?|bytes|"
    r"ranges?|fields?|rows?|records?)\b"
    r"|\b(?:after|since)\s+(?:its|the|their|our|my|that|a)\s+(?:last\s+)?(?:cursor|token|"
    r"sync|version|checkpoint|timestamp|sequence)\b"
    r"|\bnot (?:every|the whole|the entire|all (?:of )?the)\b",
    re.IGNORECASE,
)
_FAILS = re.compile(
    r"\b(?:fail\w*|down|outages?|unavailable|unreachable|crash\w*|dies|died|dead|"
    r"times? out|timeouts?|partition\w*|lost)\b",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"\?|\b(?:ask\w*|assum\w*|clarif\w*|confirm\w*|question\w*|depends on|whether|find out|"
    r"pin down)\b",
    re.IGNORECASE,
)


def _fails(info: SentenceInfo) -> bool:
    return _FAILS.search(info.text) is not None


def _sends_delta(info: SentenceInfo) -> bool:
    return _SENDS_DELTA.search(info.text) is not None


def _clarifies(info: SentenceInfo) -> bool:
    return info.scope or _ASKING.search(info.text) is not None


# How long something lasted or took: "failed for two hours", "a couple of sprints".
_SPAN = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several|a couple of) "
    r"(?:full |whole |more |extra )?(?:minutes?|hours?|days?|weeks?|sprints?|months?)\b",
    re.IGNORECASE,
)


# The sentences that say a required word's point, by the word (see _Slot.required).
_REQUIRED_SHOWN_BY: dict[tuple[str, ...], Callable[[SentenceInfo], bool]] = {
    (_FAIL,): _fails,
    (_CLARIFY,): _clarifies,
    (_ENABLE,): _enables,
    (_DELTA,): _sends_delta,
    # "Measurable outcome", "measurable consequences": told with its measure, a figure or
    # how long it lasted ("the launch failed for two hours"). Its other words alone ("my
    # manager changed", "a launch slipped") measure nothing.
    (_MEASURABLE,): lambda s: s.metric or _SPAN.search(s.text) is not None,
}


_MORE_OF = re.compile(r"\s*more\b", re.IGNORECASE)
_MORE = re.compile(
    r"\b(?:more|additional|extra|bigger|larger|collect\w*|gather\w*|augment\w*|label\w* more)\b",
    re.IGNORECASE,
)


def _asks_more(info: SentenceInfo) -> bool:
    return _MORE.search(info.text) is not None


# "The deadline could not move", "quality not compromised": the answer says it denied too.
_POINT_DENIERS = frozenset({"not", "never"})
# Words, as a point writes them, that ask whether something worked ("evidence the change
# worked later"): only a sentence telling a result after it makes the point, not one that
# merely places the change in time ("Afterwards I added ...") or names a test ("a load
# test gate"). ("work" and "works" are not among them: "feature work", "how decisions work".)
_RESULT_WORDS = frozenset({"worked"})
_BEFORE_AFTER = re.compile(r"\bbefore\b.{0,12}\bafter\b", re.IGNORECASE)


def _before_after(info: SentenceInfo) -> bool:
    return info.before_after


# Two two-word phrases either side of an "or" ("staged rollout or beta program"): each
# modifier is its own phrase's, so a sentence telling one ("we ran a beta") need not
# say the other's ("staged"). The word beside the "or" is the one that tells which
# ("beta", "shadow" of "shadow evaluation"): a reading is made only with it said.
_PHRASES_OR = re.compile(
    r"(?<![,\w] )\b([a-z][\w-]*) ([a-z][\w-]*) or ([a-z][\w-]*) ([a-z][\w-]*)\b"
)


@lru_cache(maxsize=1024)
def _readings(point: str) -> tuple[tuple[tuple[_Slot, ...], _Slot], ...]:
    """The point read with each phrase of such an "or" alone, beside the slot of its word
    that tells which (none when it has no such "or")."""
    found = _PHRASES_OR.search(point)
    if found is None or any(w in STOPWORDS or stem(w) in _MANNER for w in found.groups()):
        return ()
    head, tail = point[: found.start()], point[found.end() :]
    first, second, third, fourth = found.groups()
    readings = []
    # A participle before its noun is what tells which kind ("staged rollout"): every
    # launch has a rollout, and "we planned the rollout" is no staged one.
    told = first if first.endswith("ed") else second
    for phrase, telling in ((f"{first} {second}", told), (f"{third} {fourth}", third)):
        slots = _slots(head + phrase + tail)
        which = next((slot for slot in slots if stem(telling) in slot.stems), None)
        if which is not None:
            readings.append((slots, which))
    return tuple(readings)


# Verbs that open a point as the step done to what follows ("filter offensive or unsafe
# suggestions"): they govern both phrases of its "or".
_GOVERNS = lx.STEP_VERBS | {stem("cancel")}


@lru_cache(maxsize=1024)
def _halves(point: str) -> tuple[_Slot, _Slot, _Slot, _Slot] | None:
    """The slots of the four words of a point's two phrases either side of an "or"
    ("staged rollout or beta program"), when they are two things, not one noun two
    words qualify. None where a word is said of either phrase: a last word that is a
    verb ("guideline cited by review", "prototype building the case"), or a first that
    is the step done to either ("cancel stale or out-of-order requests")."""
    found = _PHRASES_OR.search(point)
    if (
        found is None
        or not _readings(point)
        or found.group(4).endswith(("ed", "ing"))
        or (found.start() == 0 and stem(found.group(1)) in _GOVERNS)
    ):
        return None
    slots = [_slots(word) for word in found.groups()]
    if any(len(one) != 1 for one in slots):
        return None
    first, second, third, fourth = (one[0] for one in slots)
    return first, second, third, fourth


def _mixes_halves(halves: tuple[_Slot, _Slot, _Slot, _Slot], info: SentenceInfo) -> bool:
    """The sentence meets one word of each phrase and the same part of each: both nouns
    ("the rollout ... a great program of work") or both qualifiers ("testing is important
    ... careful with releases"), so neither phrase. A qualifier of one and the noun of the
    other ("something broke upstream" for "upstream pipeline or schema breakage") may be
    the whole point, read as one noun two words qualify."""
    first, second, third, fourth = (slot.matches(info) for slot in halves)
    return (second and fourth and not first and not third) or (
        first and third and not second and not fourth
    )


@lru_cache(maxsize=1024)
def _worded(point: str) -> tuple[_Slot, ...]:
    """A point's slots matched by their words, and by no feature of a story (a figure,
    a lesson): only a follow-up still counts."""
    kept = [
        replace(slot, features=tuple(f for f in slot.features if f is _follows_up))
        for slot in _slots(point)
    ]
    return tuple(slot for slot in kept if slot.known or slot.features)


_COMPARES = re.compile(r"\b(?:versus|vs)\b", re.IGNORECASE)


def _sets_aside(point: str, info: SentenceInfo, need: int) -> bool:
    """The sentence dismisses as much of the point as it takes to make it ("Cold start
    isn't really an issue: new users can just see random products" for "cold start for
    new users and items"): what else it says of the point is said against it. One word
    of it turned down ("I'd avoid storing component state" for "local state for local
    concerns") is not the point, and turning down one of a point's alternatives while
    taking another ("avoid hashing; lease IDs from a counter" for "ID generation from
    counter or hash") still makes it.

    A point that names a problem is argued against only where the problem itself is
    dismissed ("data leakage is mostly an academic concern"): "accuracy is pointless
    here" agrees with "accuracy misleading with class imbalance". A comparison ("token
    bucket versus sliding window") is made by choosing one over the other.
    """
    if len(info.named) == len(info.stems):  # nothing dismissed: most sentences, at once
        return False
    comparison, problems = _shape(point)
    if comparison:
        return False
    dismissed = info.stems - info.named
    set_aside = [
        slot
        for slot in _slots(point)
        if not slot.said(info) and not slot.known.isdisjoint(dismissed)
    ]
    if problems:
        return any(slot in set_aside for slot in problems)
    # The name a point stands on ("IndexedDB for forms and data"), set aside whole
    # ("IndexedDB is overkill for forms"), is the point argued against; one word of a
    # longer name ("a plain CREATE INDEX" for "CREATE INDEX CONCURRENTLY") is not.
    named = [slot for slot in _slots(point) if slot.names and len(slot.names) == len(slot.stems)]
    return len(set_aside) >= need or (bool(named) and all(slot in set_aside for slot in named))


@lru_cache(maxsize=1024)
def _shape(point: str) -> tuple[bool, tuple[_Slot, ...]]:
    """Whether a point is a comparison, and its slots that name a problem (read once per
    point, not once per sentence)."""
    problems = tuple(
        slot for slot in _slots(point) if any(_NAMES_A_PROBLEM.fullmatch(w) for w in slot.stems)
    )
    return _COMPARES.search(point) is not None, problems


_NAMES_A_PROBLEM = re.compile(
    r"(?:mislead\w*|meaningless|pitfall\w*|trap\w*|risk\w*|problem\w*|bug\w*|race|leak\w*|"
    r"anti-?pattern\w*|avoid\w*|stale|outage\w*|fail\w*|drift|skew|stampede\w*|lost|"
    r"duplicat\w*|inconsisten\w*|hotspot\w*|bottleneck\w*|thundering|flaky|debt)",
    re.IGNORECASE,
)


def argued_against(hits: Sequence[KeypointHit], infos: Sequence[SentenceInfo]) -> list[str]:
    """The key points the answer argues against: not covered, and dismissed or turned
    down where it names them ("secret scanning in CI just creates noise")."""
    usable = [info for info in infos if info.usable and len(info.stems) != len(info.named)]
    against = []
    for hit in hits:
        if hit.covered or negated(hit.point):
            continue
        slots = _slots(hit.point)
        need = 1 if len(slots) <= 2 else 2
        if any(_sets_aside(hit.point, info, need) for info in usable):
            against.append(hit.point)
    return against


def _readable(info: SentenceInfo) -> bool:
    """A sentence that can show a point: has content and is not hedged into vagueness."""
    return info.usable and (info.hedges <= 1 or info.substance >= 8)


def _negated_hit(
    point: str, infos: Sequence[SentenceInfo], said: bool, shared: frozenset[str]
) -> KeypointHit:
    """A "no X" point is covered when a substantive answer never does X. One broken by
    a sentence that does X ("my manager is clueless" for "no criticism of current
    employer") is not covered, and that sentence is its evidence. ``said``: the point
    is a practice to state ("no peeking or early stopping"), covered only by a sentence
    that turns X down in X's own words beyond the ``shared`` ones, which is its evidence."""
    slots = _slots(_NEGATED.sub("", point))
    words = [w for slot in slots for w in slot.stems]
    checks = [_NEGATED_FEATURES[w] for w in words if w in _NEGATED_FEATURES]
    if checks:
        breaking = next((i for i in infos if any(check(i) for check in checks)), None)
        if breaking is not None:
            return KeypointHit(point, covered=False, evidence=breaking)
        breaks = False
    else:
        # Doing X is said in X's own words: a relative that shows a point made in other
        # words ("started" beside "stopping", through "a change of habit") does not do it.
        touching = [i for i in infos if _meets_half(slots, i) and _names_any(slots, i)]
        doing = [i for i in touching if _meets_two(slots, i)]
        # "I'd avoid lines of code as a measure" says the point; it does not break it.
        # (One that refuses only the subject, "most state should never leave the
        # component", says nothing of it either way.)
        refusing = [i for i in touching if _REFUSES.search(i.text)]
        # Refused whole ("no secrets in source code or images"), the point is made beside
        # a sentence that only touches it ("gitleaks runs secret scanning"); not beside one
        # that does all of it ("bake the secrets into the image").
        # (Named, said or denied: "no secrets" names the secrets it refuses.)
        # Refused with all but one of its words ("not in source code, not baked into a
        # Docker image"), it is made too, unless a sentence does all of it.
        met = {id(i): sum(not slot.known.isdisjoint(i.stems) for slot in slots) for i in touching}
        whole = [i for i in touching if met[id(i)] == len(slots)]
        refused = [i for i in refusing if met[id(i)] >= max(len(slots) - 1, min(len(slots), 2))]
        if doing and all(i in refusing for i in doing):
            return KeypointHit(point, covered=True, evidence=doing[0])
        if refused and all(i in refusing for i in whole):
            return KeypointHit(point, covered=True, evidence=refused[0])
        breaks = bool(doing)
        if said:
            # Not doing X in a technical answer is not knowing to avoid it: an A/B test
            # plan that never mentions peeking has not said not to peek. Turned down in
            # X's own words ("we don't stop early"), denied words count, which the
            # touching sentences above leave out; as much of X as a point asks of any
            # sentence, and more than the question's subject ("no duplicated copies",
            # not "server state never goes in Redux", for "avoid duplicated or derived
            # state").
            # What follows "like" is an example ("vanity metrics like page views"): an
            # answer may give its own ("vanity counts like total documents created").
            named = _slots(_EXAMPLE.sub("", _NEGATED.sub("", point))) or slots
            least = 1 if len(named) <= 2 else 2
            stated = [
                i
                for i in infos
                if _REFUSES.search(i.text)
                and _names_any(slots, i)
                and sum(not s.known.isdisjoint(i.stems) for s in slots) >= least
                and any((s.known & i.stems) - shared for s in slots)
            ]
            if stated and not breaks:
                return KeypointHit(point, covered=True, evidence=stated[0])
            return KeypointHit(point, covered=False, evidence=None)
    substantive = sum(i.substance for i in infos) >= 25
    return KeypointHit(point, covered=substantive and not breaks, evidence=None)


_EXAMPLE = re.compile(r"\s+(?:like|such as|e\.g\.?)\s.*$", re.IGNORECASE)


def _affirms_denied(slot: _Slot, info: SentenceInfo) -> bool:
    """``slot`` is one its point denies, said in ``info`` only as done, never denied."""
    return (
        slot.denied
        and not info.affirmed.isdisjoint(slot.known)
        and (info.stems - info.affirmed).isdisjoint(slot.known)
    )


def _meets_half(slots: Sequence[_Slot], info: SentenceInfo) -> bool:
    return sum(slot.matches(info) for slot in slots) >= max(1, len(slots) // 2)


def _meets_two(slots: Sequence[_Slot], info: SentenceInfo) -> bool:
    """Two of what a "no X" point refuses (or its only one): doing X is saying X, not the
    one word of it that names the question's subject ("state" of "avoid duplicated or
    derived state", "team" of "no undermining or complaining to the team")."""
    return sum(slot.matches(info) for slot in slots) >= min(len(slots), 2)


def _names_any(slots: Sequence[_Slot], info: SentenceInfo) -> bool:
    """Whether the sentence says one of the slots' own words, in any form."""
    return any(_same_word(own, word) for slot in slots for own in slot.stems for word in info.stems)


# Words that turn a sentence against what it names ("I'd avoid story points", "steer him
# away from story points"), or call it harmful ("stopping early inflates false positives").
_REFUSES = re.compile(
    r"\b(?:avoid\w*|instead of|rather than|stay(?:ed)? away|steer(?:ed)? clear|away from|"
    r"refus\w*|against|don'?t|never|not|no|inflat\w*|invalidat\w*|mislead\w*)\b",
    re.IGNORECASE,
)


def _concision_hit(point: str, infos: Sequence[SentenceInfo]) -> KeypointHit:
    words = sum(len(i.words) for i in infos)
    low, high = CONCISE_WORDS
    return KeypointHit(point, covered=low <= words <= high and len(infos) >= 3, evidence=None)


# A list of the key points' own words ("Idempotency key, client generated, request
# header.") names them without showing any: no connecting words, no figures, and
# almost nothing the key points did not already say.
ECHO_MIN_WORDS = 5
ECHO_FUNCTION_SHARE = 0.15
ECHO_KEYPOINT_SHARE = 0.8


def _echoes(info: SentenceInfo, vocabulary: frozenset[str]) -> bool:
    """``vocabulary``: the stems of every key point, their figures ("429") included."""
    words = info.words
    if len(words) < ECHO_MIN_WORDS or not info.stems:
        return False
    if any(w.isdigit() and w not in vocabulary for w in words):
        return False  # a figure of its own ("40 servers") is substance
    if sum(w in STOPWORDS for w in words) >= ECHO_FUNCTION_SHARE * len(words):
        return False
    return len(info.stems & vocabulary) >= ECHO_KEYPOINT_SHARE * len(info.stems)


def keypoint_hits(
    keypoints: Sequence[str],
    infos: Sequence[SentenceInfo],
    *,
    by_feature: bool = True,
    shared: frozenset[str] = frozenset(),
    prompt: frozenset[str] = frozenset(),
    technical: bool = False,
    pitch: bool = False,
) -> list[KeypointHit]:
    """For each key point, the sentence covering most of what it asks for (or none).

    ``by_feature`` False matches words only: in a list of questions, a figure
    ("Do you offer 5 percent?") does not show a question about how success is measured.
    ``shared``: the stems every answer to the question says (Topic.shared), which make
    none of its points alone (see _beyond_shared). ``prompt``: the stems its prompt says,
    held to the same test for any question where a point words them otherwise (see
    _echoed).
    ``technical``: a "no X" point is a practice the answer must state, not a conduct its
    telling shows by never doing X (see _negated_hit).
    ``pitch``: a point about a beat of the candidate's career is made by a sentence telling
    that beat (see pitch.py).
    """
    vocabulary = frozenset(stem(w) for point in keypoints for w in content_words(point))
    shared |= {form for word in shared for form in _variants(word)}
    prompt |= {form for word in prompt for form in _variants(word)}
    readable = [i for i in infos if _readable(i) and not _echoes(i, vocabulary)]
    usable = [i for i in infos if i.usable]
    # A sentence right after a question answers it ("Who are we limiting? Per API key for
    # authenticated calls ..."): the asking is said, in a sentence too short to read.
    answering = {i.sentence.index + 1 for i in infos if i.text.rstrip().endswith("?")}
    hits: list[KeypointHit] = []
    for point in keypoints:
        if negated(point):
            hits.append(_negated_hit(point, usable, technical, shared))
            continue
        slots = _slots(point) if by_feature else _worded(point)
        if _CONCISION.search(point):
            hits.append(_concision_hit(point, usable))
            continue
        beat = beat_of(point) if pitch else None
        if beat is not None:
            hits.append(_beat_hit(point, slots, readable, beat))
            continue
        need = 1 if len(slots) <= 2 else 2
        # A point that says a word twice ("component tests with Testing Library") is not
        # made twice by one word of the answer (read only for such points: few are).
        repeats = len({slot.stems for slot in slots}) < len(slots)
        term = _glossed_term(point) if by_feature else None
        # Of the sentences meeting as much of the point, the one that says its subject in
        # words is the evidence ("the launch failed for two hours", not "moving 40,000
        # customers" for a real failure with measurable consequences).
        plain = [slot for slot in slots if slot.plain]
        # A point that asks for a result is made only where one is told: the words that
        # meet its slot ("built" for "worked") do not.
        gates = [slot.shown_by for slot in slots if slot.gate and slot.shown_by is not None]
        # Such a result told after the change ("The next three releases went out clean."
        # after "I added a load test gate") is told later, in whatever words.
        when = [slot for slot in slots if _WHEN.issuperset(slot.stems)] if gates else []
        changed = min((i.sentence.index for i in usable if i.practice), default=None)
        sought = [slot for slot in slots if not _KIND.issuperset(slot.stems)]
        earlier = _before_what(point, slots)
        theirs = _OTHERS.match(point) is not None
        must = [slot for slot in slots if slot.required]
        denying = any(slot.denied for slot in slots) and not all(slot.denied for slot in slots)
        ending = any(_outcome in slot.features or _result in slot.features for slot in slots)
        beyond = _beyond_prompt(point, slots, shared, _echoed(prompt, slots))
        refused = _conduct_refused(point)
        readings = _readings(point) if by_feature and term is None else ()
        halves = _halves(point) if readings else None
        best: SentenceInfo | None = None
        best_key: tuple[float, int, int, bool] = (0.0, 0, 0, False)
        for info in readable:
            if _sets_aside(point, info, need):
                continue
            if not all(shows(info) for shows in gates):
                continue
            if any(does(info) for does in refused):
                continue
            if len(sought) < len(slots) and not any(slot.matches(info) for slot in sought):
                continue
            if theirs and not _about_someone(info):
                continue
            if (
                len(earlier) < len(slots)
                and not any(slot.matches(info) for slot in earlier)
                and _IN_SEQUENCE.search(info.text) is None
            ):
                continue
            if info.sentence.index not in answering and not all(
                slot.matches(info) for slot in must
            ):
                continue
            # A point that is a term and its spelled-out words ("RPO recovery point
            # objective") is met by either: saying "an RPO of 5 minutes" is the point.
            if term is not None and _says_term(info, term):
                matched = len(slots)
            else:
                meeting = [slot for slot in slots if slot.matches(info)]
                if denying and meeting and all(_affirms_denied(s, info) for s in meeting):
                    # Only what the point denies ("what not to build") is said, and said as
                    # done: "your team builds tools" tells the opposite of deciding not to
                    # build ("that part didn't work" is what "did not work" asks for).
                    continue
                matched = len(meeting)
                if repeats and matched >= need:
                    matched -= _said_twice(slots, info)
                if technical and matched >= need and matched > 1:
                    # Stories and pitches let one word stand for related slots ("He got
                    # promoted" for "outcome such as promotion achieved"); a technical
                    # point's words are each a thing to say.
                    matched -= _lent_twice(slots, info)
                if changed is not None and info.sentence.index > changed:
                    matched += sum(not slot.matches(info) for slot in when)
            share = matched / max(len(slots), 1)
            enough = matched >= need
            if halves is not None and _mixes_halves(halves, info):
                share, enough = 0.0, False  # only a reading of one phrase can make it
            # Read with one phrase of its "or" ("beta program"), the point may be made.
            for reading, which in readings:
                if not which.matches(info):
                    continue
                met = sum(slot.matches(info) for slot in reading)
                # Beside its phrase, a longer reading needs another word said, not only
                # a feature of any story: a lesson is no "release gate changed afterwards".
                worded = sum(slot.said(info) for slot in reading)
                if len(reading) > 2 and worded < 2:
                    continue
                if met / len(reading) > share and met >= (1 if len(reading) <= 2 else 2):
                    share, enough = met / len(reading), True
            if not enough or share < best_key[0]:
                continue
            if beyond is not None and not beyond(info):
                continue
            if (
                by_feature
                and info.metric
                and not _counts_with_figure_once(slots, info, need, plain)
            ):
                continue
            # Then the one that says the point in its own words ("Keys expire after 24
            # hours" for "key expiry"), not only in related ones ("an Idempotency-Key
            # header" meets "key" and, through "idempotency", "deduplication").
            # Last, for a point that asks for an outcome, the one that tells how it ended:
            # "these two bugs, and this was the impact" opens the story it ends.
            key = (
                share,
                sum(slot.matches(info) for slot in plain),
                sum(_in_own_words(slot, info) for slot in plain),
                ending and info.role == "result",
            )
            if key > best_key:
                best, best_key = info, key
        best_share = best_key[0]
        covered = best is not None and best_share >= SHARE_NEEDED
        beside = None
        if not covered and by_feature and len(slots) >= 3 and not gates:
            pair = _across_two(slots, readable, beyond, must, point, earlier)
            covered = pair is not None
            best, beside = pair or (None, None)
        if covered and beside is None and best is not None:
            beside = _announced(best, readable)
        hits.append(KeypointHit(point, covered, best if covered else None, beside))
    return hits


# A point about another person's part ("mentee's concrete progress or promotion") is made
# by a sentence about them: "I got promoted that cycle" is the mentor's own.
_OTHERS = re.compile(r"^(?:the )?(?:mentee|teammate|peer|report|colleague)['’]s\b", re.IGNORECASE)
_SOMEONE = re.compile(
    r"\b(?:he|she|they|him|her|his|hers|their|them|mentee|teammate|peer)\b", re.IGNORECASE
)
_MY_OWN = re.compile(r"\bmy own (?:promotion|progress|growth|perspective|view)\b", re.IGNORECASE)


def _beat_hit(
    point: str,
    slots: Sequence[_Slot],
    infos: Sequence[SentenceInfo],
    beat: Beat,
) -> KeypointHit:
    """A pitch's point made by the sentence telling its beat that best shows it (then says
    most of its words, then comes first)."""
    telling = [info for info in infos if told(beat, info)]
    if not telling:
        return KeypointHit(point, False, None)
    best = max(
        telling,
        key=lambda info: (
            rank(beat, info),
            sum(slot.matches(info) for slot in slots),
            -info.sentence.index,
        ),
    )
    return KeypointHit(point, True, best)


# A sentence that announces what follows ("Concretely, there are three skills I want to
# build.", "For me this role is interesting because of two things:"): it says the point's
# words, and the next sentence says the point. ("I changed two things and the errors
# stopped" tells what followed itself.)
_ANNOUNCES = re.compile(
    r"\b(?:two|three|four|a couple of) (?:\w+ )?(?:things|parts|reasons|skills|"
    r"aspects|areas|ways|points|habits|sources|questions)\b(?:(?! (?:and|but|so) )[^.;!?])*"
    r"[.:]\s*$",
    re.IGNORECASE,
)
_ANNOUNCED_WORDS = 16


def _announced(info: SentenceInfo, infos: Sequence[SentenceInfo]) -> SentenceInfo | None:
    """The sentence right after ``info`` when ``info`` only announces it, to quote beside it."""
    if len(info.words) > _ANNOUNCED_WORDS or _ANNOUNCES.search(info.text) is None:
        return None
    after = info.sentence.index + 1
    return next((i for i in infos if i.sentence.index == after), None)


def _about_someone(info: SentenceInfo) -> bool:
    """Whether the sentence speaks of someone besides the candidate: not of "I" alone, or
    with a pronoun or a name beside it."""
    if _MY_OWN.search(info.text):
        return False  # "mentoring Sam was part of my own promotion case"
    return not info.first_person or info.proper_nouns > 0 or _SOMEONE.search(info.text) is not None


# "X before Y": Y says when X comes ("earning trust before big changes").
_BEFORE = re.compile(r"\bbefore (?!and after\b)(.+)$", re.IGNORECASE)
# A sentence that tells Y as coming after something else keeps the order the point asks
# for, whatever words it has for X: "run it dark on live requests, and only then do a full
# rollout", "it stays valid until it expires".
_IN_SEQUENCE = re.compile(r"\b(?:only then|only after|until)\b", re.IGNORECASE)


def _before_what(point: str, slots: Sequence[_Slot]) -> list[_Slot]:
    """The slots of what a point puts first ("earning trust" of "earning trust before big
    changes"): a sentence that meets none of them makes none of it, whatever it says of
    what comes after ("I'd make big changes in month two"), unless it tells that as
    coming after something (_IN_SEQUENCE). Every slot, when the point has no "before"."""
    after = _BEFORE.search(point)
    if after is None:
        return list(slots)
    later = set(content_words(after.group(1)))
    return [slot for slot in slots if not later.issuperset(slot.stems)]


def _said_twice(slots: Sequence[_Slot], info: SentenceInfo) -> int:
    """How many of the slots ``info`` meets repeat a word of the point met by the same one
    word: "tests" is one of "component tests with Testing Library", not two."""
    alone: dict[tuple[str, ...], set[object]] = {}
    extra = 0
    for slot in slots:
        met = _meeting(slot, info)
        if len(met) != 1:
            continue
        words = alone.setdefault(slot.stems, set())
        extra += bool(words & met)
        words |= met
    return extra


def _lent_twice(slots: Sequence[_Slot], info: SentenceInfo) -> int:
    """How many of the slots ``info`` meets are met again by one word that is none of the
    point's own words, only a relative of several: "data" is a relative of both
    "prototypes" and "tests" of "prototypes or fake-door tests", and says one thing, not
    two. (A word that is one slot's own, "retry" beside "backoff", or "randomness" beside
    "jitter", meets the other too.)"""
    times: dict[str, int] = {}
    for slot in slots:
        met = _meeting(slot, info)
        if len(met) == 1:
            (word,) = met
            if isinstance(word, str):
                times[word] = times.get(word, 0) + 1
    return sum(
        count - 1
        for word, count in times.items()
        if count > 1 and not any(_same_word(own, word) for slot in slots for own in slot.stems)
    )


def _counts_with_figure_once(
    slots: Sequence[_Slot], info: SentenceInfo, need: int, plain: Sequence[_Slot]
) -> bool:
    """Whether ``info`` still meets enough of the point with its figure counted once: a
    figure is one thing ("1,300 invoices were wrong by a few cents" meets "measurable"
    or "consequences", not both), and with nothing else of the point it meets none of a
    point with words of its own subject (``plain``): "in 2022 we grew to 40 people" is
    no "early detection through milestones or metrics"."""
    met = [slot for slot in slots if slot.matches(info)]
    unmeasured = replace(info, metric=False)
    by_figure = sum(not slot.matches(unmeasured) for slot in met)
    if by_figure <= 1 and (not by_figure or len(met) > 1 or not plain):
        return True
    rest = len(met) - by_figure
    counted = rest + (1 if by_figure and (rest or not plain) else 0)
    return counted >= need and counted / len(slots) >= SHARE_NEEDED


PAIR_SHARE_NEEDED = 0.5


def _across_two(
    slots: Sequence[_Slot],
    readable: Sequence[SentenceInfo],
    beyond: Callable[[SentenceInfo], bool] | None = None,
    must: Sequence[_Slot] = (),
    point: str = "",
    earlier: Sequence[_Slot] | None = None,
) -> tuple[SentenceInfo, SentenceInfo] | None:
    """A point made over two sentences in a row ("Then the question is what changed.
    The table grew from 500,000 rows to 50 million."): each says a part the other does
    not, and together they say at least half of it, with two of its plain words, and
    one of them says more than the question's subject (``beyond``). The pair is given
    with its evidence first: the one saying more, or the one saying all the ``must``
    slots, when only one does. Together they meet one of the ``earlier`` slots, those of
    what the point puts first (see _before_what)."""
    modifiers = _modifiers(slots, point)
    for first, second in pairwise(readable):
        if second.sentence.index != first.sentence.index + 1:
            continue
        one = {slot for slot in slots if _meets_in_pair(slot, first, modifiers)}
        two = {slot for slot in slots if _meets_in_pair(slot, second, modifiers)}
        both = one | two
        if earlier is not None and both.isdisjoint(earlier):
            continue
        if not (one - two) or not (two - one) or len(both) / len(slots) < PAIR_SHARE_NEEDED:
            continue
        # A word the point says twice ("late events" after "event ID") is met once by
        # "events", in one sentence or the other.
        said = {slot.stems for slot in both}
        if len(said) / len(slots) < PAIR_SHARE_NEEDED:
            continue
        if len({slot.stems for slot in both if slot.plain}) < 2:
            continue
        if beyond is not None and not (beyond(first) or beyond(second)):
            continue
        saying = [info for info in (first, second) if all(slot.matches(info) for slot in must)]
        if not saying:
            continue
        if saying == [second] or (len(saying) == 2 and len(two) > len(one)):
            return second, first
        return first, second
    return None


def _modifiers(slots: Sequence[_Slot], point: str) -> frozenset[_Slot]:
    """The slots of a point's words that qualify the next one ("improvement" of
    "improvement plan"), not a thing asked for ("evidence of improvement over time")."""
    return frozenset(
        first
        for first, second in pairwise(slots)
        if re.search(rf"\b{re.escape(first.stems[-1])}[\w-]*\s+{re.escape(second.stems[0])}", point)
    )


def _meets_in_pair(
    slot: _Slot, info: SentenceInfo, modifiers: frozenset[_Slot] = frozenset()
) -> bool:
    """Whether ``slot`` is met in ``info`` as half of a point made over two sentences. A
    story's vague ending is not half of a move: "they improved a bit" after "We put a plan
    in place" is no "improvement plan", so the words that tell an outcome with no figure,
    date or name do not meet a word that qualifies another (``modifiers``)."""
    if not slot.matches(info):
        return False
    if slot not in modifiers or not info.outcome or info.specific:
        return True
    met = _meeting(slot, info)
    told = _outcome_words(info)
    return any(not isinstance(w, str) or w not in told for w in met)


def _beyond_shared(
    slots: Sequence[_Slot], shared: frozenset[str]
) -> Callable[[SentenceInfo], bool] | None:
    """Whether a sentence says something of a point beyond its question's subject: meets
    one of the point's slots with a word outside ``shared``, a name the point writes
    (said, though a tag names it too: "Redis") or a feature. Two of a point's five slots
    make it, and any answer to "Your service writes an order to the database and then
    publishes an event to Kafka" says two of "dead-letter queue for poison messages" ("a
    message queue") and of "dual write problem between database and broker" ("writes",
    "queue"), whatever it says of poison messages or of a write lost. A related word
    still meets its slot ("Postgres" for "database"), and one related to the question's
    own words is shared like them ("queue" beside its "Kafka"). None where there is
    nothing to test: no shared words, or a point all in its question's words (then
    those are what it asks for)."""
    if not shared or all(not slot.names and not shared.isdisjoint(slot.stems) for slot in slots):
        return None

    def beyond(info: SentenceInfo) -> bool:
        return any(
            not slot.names.isdisjoint(info.named)
            or any(not isinstance(w, str) or w not in shared for w in _meeting(slot, info))
            for slot in slots
        )

    return beyond


def _echoed(prompt: frozenset[str], slots: Sequence[_Slot]) -> frozenset[str]:
    """The prompt's words that are none of a point's own: said back, they meet the point
    only through a relative ("due" of "two urgent things due at once" for "deadlines"),
    so "two things due at the same time" is no "two conflicting deadlines named". A word
    the point says too ("weakness" of "real weakness ...") is what the point is about."""
    own = [word for slot in slots for word in slot.stems]
    return frozenset(w for w in prompt if not any(_same_word(w, o) for o in own))


# A point that asks for things named ("two concrete conflicting deadlines named") is made
# by naming them ("the billing migration and the SOC 2 audit were both due Friday"),
# though its own words are the prompt's.
_ASKS_NAMES = re.compile(r"\b(?:named|concrete|specific)\b", re.IGNORECASE)


def _beyond_prompt(
    point: str, slots: Sequence[_Slot], shared: frozenset[str], echoed: frozenset[str]
) -> Callable[[SentenceInfo], bool] | None:
    """Whether a sentence says more of a point than the question's subject (``shared``,
    see _beyond_shared) and than the prompt's words said back (``echoed``); a name is
    more than the prompt said, where the point asks for things named."""
    subject = _beyond_shared(slots, shared)
    said = _beyond_shared(slots, shared | echoed) if echoed else None
    if said is None:
        return subject
    names = _ASKS_NAMES.search(point) is not None

    def beyond(info: SentenceInfo) -> bool:
        if subject is not None and not subject(info):
            return False
        return said(info) or (names and info.proper_nouns > 0)

    return beyond


def _glossed_term(point: str) -> str | None:
    """The acronym a point is when the rest of the point spells it out ("RTO recovery
    time objective"); None for a point that asks for more than a term ("TTL expiry
    with random jitter", "CSRF forges authenticated requests")."""
    tokens: list[str] = WORD.findall(point) or [""]
    head, *gloss = tokens
    if not (head.isalpha() and head.isupper() and 2 <= len(head) <= 5):
        return None
    if "".join(word[0] for word in gloss).upper() != head:
        return None
    return head.lower()


def _says_term(info: SentenceInfo, term: str) -> bool:
    """``term`` said as written, or spelled out: words whose initials make it."""
    words = info.words
    if term in words:
        return True
    size = len(term)
    return any(
        "".join(word[:1] for word in words[start : start + size]) == term
        for start in range(len(words) - size + 1)
        if words[start][:1] == term[0]
    )


def firmly_shown(hit: KeypointHit, common: frozenset[str] = frozenset()) -> bool:
    """Covered by a sentence that meets two of the point's words (or its only one), one
    of them by what it says: "a real failure with measurable consequences" is not shown
    by any figure ("improved by 40 percent") without a word for the failure, and "your
    own part in it" (met by any "I owned ...") is never shown firmly. The word said must
    be one other than the ``common`` stems (words any story says: "asked", "wrote")."""
    if not hit.covered or hit.evidence is None:
        return False
    slots = _slots(hit.point)
    evidence = hit.evidence
    # A point that is a change ("concrete behaviour change that followed") is shown by a
    # habit the candidate took up ("I started posting a weekly update"), however common
    # the words that tell it; a step added to a process ("added a bundle-size check to
    # CI") is not: every kind of story tells one.
    if slots[0].shown_by is _practice and _HABIT.search(evidence.text):
        return True
    # The subject is said in the point's plain words ("failure"), not in the words of
    # a feature every story has ("percent" for "measurable", "I owned" for your part).
    worded = [slot for slot in slots if slot.plain] or [slot for slot in slots if slot.known]
    said = [
        slot
        for slot in worded
        if ((slot.known & evidence.affirmed) | (slot.names & evidence.named)) - common
    ]
    if not said:
        return False
    # One word of a point with a conduct refused ("ownership without blaming the team":
    # "I owned the migration") is any story's, like "your own part in it".
    if len(slots) == 1:
        return not _conduct_refused(hit.point)
    # Two of the point's words, met by two of the sentence's: one word meeting two slots
    # ("learned" for both "understand" and "reasoning", "test" for both "data" and
    # "prototype") is one word of the point, however loose the families that share it.
    # A word for when ("shipped two weeks later") places a sentence in time but says
    # nothing of what it shows: it is never one of the two.
    met = {slot: _meeting(slot, evidence) for slot in slots}
    return any(
        _two_words(first, second, met)
        for first in said
        for second in slots
        if second is not first and met[second] and _WHEN.isdisjoint(second.stems)
    )


# A habit of the candidate's own, taken up or dropped (lexicon.PRACTICE holds these too).
_HABIT = re.compile(r"\b(?:now i|i now|i always|i (?:started|stopped|began) \w+ing)\b", re.I)


def _in_own_words(slot: _Slot, info: SentenceInfo) -> bool:
    """Met by one of the slot's own words in any form ("expire" for "expiry"), not only
    by a word its family relates to it."""
    return any(_same_word(own, word) for own in slot.stems for word in info.affirmed)


def _same_word(a: str, b: str) -> bool:
    """Two stems of one word: equal, or alike but for the last letter or two."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    return shorter >= 5 and a[: shorter - 1] == b[: shorter - 1]


def _two_words(first: _Slot, second: _Slot, met: dict[_Slot, frozenset[object]]) -> bool:
    """Two slots met by two words, or by one word that is one slot's own ("two options"
    for "alternative options"), not by one word both merely relate to."""
    words = met[first] | met[second]
    if len(words) >= 2:
        return True
    own = {base_form(word) for word in (*first.stems, *second.stems)}
    return any(isinstance(word, str) and base_form(word) in own for word in words)


def _meeting(slot: _Slot, info: SentenceInfo) -> frozenset[object]:
    """What in ``info`` meets ``slot``: its words, or the slot itself when a feature does."""
    words = (slot.known & info.affirmed) | (slot.names & info.named)
    if words:
        return frozenset(words)
    if not slot.matches(info):
        return frozenset()
    if _outcome in slot.features and not info.before_after:
        # Met by the words that tell the outcome: "we shipped one day late" meets an
        # "outcome" with "shipped", the same word that is a relative of "achieved".
        return _outcome_words(info) or frozenset({slot})
    return frozenset({slot})


def credited(hits: Sequence[KeypointHit], flags: Sequence[str]) -> list[KeypointHit]:
    """Key points as the card reports them once the answer's flags are known.

    Listing a key point's words in a dodge, a label dump or jargon earns nothing,
    nor does a sentence of an answer to another question; a "no X" point only
    counts for an answer that is otherwise sound.
    """
    if any(flag in flags for flag in _UNCREDITED):
        return [KeypointHit(h.point, False, None) for h in hits]
    if "misses_question" in flags or "no_story" in flags:
        # The card says the answer is about something else: a sentence that seemed to
        # show a point ("what you would contribute" in "I added a canary stage") does not.
        hits = [KeypointHit(h.point, False, None) if h.evidence else h for h in hits]
    weak = any(flag in flags for flag in _WEAK)
    return [
        KeypointHit(h.point, False, None) if weak and h.covered and h.evidence is None else h
        for h in hits
    ]
