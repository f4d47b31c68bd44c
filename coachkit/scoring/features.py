"""What one sentence contains: ownership, specifics, outcomes, reasons, noise."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..models import DIMENSIONS, Dimension
from . import lexicon as lx
from .keyed import Keyed, Present
from .keyed import present as words_present
from .terms import both_forms
from .text import STOPWORDS, Sentence, join_compounds, stem, words

__all__ = ["RED_FLAGS", "SentenceInfo", "sentence_info"]

_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_I_FORMS = frozenset({"I", "I'm", "I've", "I'd", "I'll", "I’m", "I’ve", "I’d", "I’ll"})
# Words that may sit between a subject and its verb without changing who acted.
_BRIDGE = frozenset(
    """then also first just quickly finally immediately personally eventually still even
    actually really myself ourselves together both all initially later next soon
    again directly carefully like um uh erm basically honestly kind sort of you know
    mean guess so simply""".split()
)
_NOT_NAMES = lx.SIGNPOST_WORD | lx.HOLLOW | STOPWORDS
_NO_SUBSTANCE = _NOT_NAMES | lx.BUZZWORDS
_I = frozenset({"i", "i've"})
_WE = frozenset({"we", "we've"})
# Between a subject and its verb: "I have rewritten", "I was the one who rewrote".
_AUXILIARY = frozenset({"have", "has", "had"})
_THE_ONE_WHO = (["was", "the", "one", "who"], ["was", "the", "one", "that"])
_PAST_ACTIONS = frozenset(w for w in lx.ACTION_VERBS if w.endswith("ed") or w in lx.IRREGULAR_PAST)
_LIST_MARKER = re.compile(r"\d{1,2}[.)]\s+(?=\D)")
# "I'd check", "we'll add", "let's split": a step the candidate would take.
_PLANNERS = frozenset({"i'd", "i'll", "we'd", "we'll", "let's"})
_MODALS = frozenset({"would", "will"})
# After "I'd": a view or a wish, not a step ("I'd say", "I'd rather", "I'd like").
_NOT_STEPS = lx.STATE_VERBS | frozenset({"say", "rather", "prefer", "argue", "not"})
# Words that may open a step before its verb: "First, check", "Then, step two: add".
_SEQUENCERS = frozenset(
    """first firstly second secondly third thirdly then next after that finally lastly
    step one two three four five also and""".split()
)


@dataclass
class SentenceInfo:
    """Features of one sentence; ``role`` is the STAR part it serves best."""

    sentence: Sentence
    words: list[str]
    stems: frozenset[str]
    affirmed: frozenset[str]  # the stems neither denied ("without slipping") nor dismissed
    named: frozenset[str]  # the stems not dismissed ("no need for SELECT FOR UPDATE")
    substance: int  # content words that are not hollow STAR vocabulary or buzzwords
    first_person: bool
    we: bool
    own_actions: int  # "I <verb>" clauses
    own_verbs: int  # action verbs in sentences where the candidate is the subject
    steps: int  # steps the candidate would take ("I'd check …", "First, add …")
    continues: bool  # starts "and asked ...": the subject is the previous sentence's
    we_actions: int  # "we <verb>" clauses
    hedges: int
    numbers: bool
    metric: bool  # a figure that measures something (unit, %, before/after)
    impossible: bool  # a share that cannot be ("uptime 340%", "costs fell by 180%")
    vague_metric: bool
    time_marker: bool
    proper_nouns: int
    signposts: int
    fillers: int  # um, you know, basically ...
    buzzwords: int
    injected: bool
    stakes: bool
    task_marker: bool
    their_goal: bool  # the task only as another's goal the candidate took up (THEIR_GOAL)
    reasoning: bool
    lesson: bool
    outcome: bool
    digression: bool
    personal: bool  # set in life outside work: home, family, hobbies
    stance: bool  # the candidate's own view, now or ahead ("I want", "what drives me")
    on_offer: bool  # what the role offers: "your team is building ...", "this role is ..."
    red: tuple[str, ...]  # red flags said here (RED_FLAGS: flattery, money_first ...)
    blame: bool
    deflection: bool
    setting: bool  # names where: an organisation, a product, a team
    people: bool  # names who: a role, a colleague, a customer
    scope: bool  # technical: clarifies scope or scale
    sizing: bool  # technical: a scale ("5 million a day"), scope when said up front (roles)
    requirement: bool  # technical: states a requirement or goal
    tradeoff: bool  # technical: weighs a cost or a failure mode
    contrast: bool  # technical: a weaker sign: an alternative, a "but", a safety net
    promise: bool  # technical: promises a quality without saying how ("handle it properly")
    working: bool  # technical: says how a part behaves (a condition, a sequence, a purpose)
    before_after: bool  # a figure before and after ("from 9 hours to 40 minutes")
    cues: dict[Dimension, float] = field(default_factory=dict)
    role: Dimension | None = None
    repeated: bool = False  # says again what an earlier sentence said
    aim: bool = False  # in a view, what the candidate wants: the view's task (see analysis)
    remit: bool = False  # in a story, the candidate's role and its remit (see analysis)
    echoes: bool = False  # says back the question's own guidance (see echo.py)
    practice: bool = False  # a story's new way of working: a step added, a habit taken up
    # Set only for an answer made of the candidate's own questions (see asking.py).
    asks: bool = False  # a question for the interviewer, put directly or not
    shallow: bool = False  # one the recruiter or the website answers (pay, perks, founding)
    refers: bool = False  # says where it comes from: the conversation, the candidate's research
    purpose: bool = False  # says why the candidate asks
    payoff: bool = False  # says what the answer would tell them

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def words_at_work(self) -> bool:
        """Uses everyday work vocabulary (team, release, customer, deadline ...)."""
        return any(w in lx.WORK_CONTEXT for w in self.words)

    @property
    def specifics(self) -> int:
        """Concrete details a stranger could check: figures, dates, names."""
        return int(self.numbers) + int(self.time_marker) + min(self.proper_nouns, 2)

    @property
    def specific(self) -> bool:
        return self.specifics > 0

    @property
    def plain_outcome(self) -> bool:
        """Tells, unhedged and without vague words, how things ended well ("He was
        promoted that cycle"): concrete even without a figure. A setback ("the launch
        failed") is an outcome of a kind, but not one a result can stand on."""
        if self.role != "result" or not self.outcome or self.vague_metric or self.hedges:
            return False
        return _SETBACK.search(self.text) is None

    @property
    def checkable_outcome(self) -> bool:
        """A plain outcome told with a figure, a date or a name ("Finance shipped on the
        3rd", "2,000 landlords used it in the first two months"): concrete, as a measured
        one is, though nothing in it measures a change."""
        return self.plain_outcome and self.specific

    @property
    def usable(self) -> bool:
        """Carries content that can earn points (not injected, not hollow). A question
        for the interviewer is short by nature: "How is success measured?" counts."""
        if self.injected or self.repeated or self.echoes:
            return False
        return self.substance >= (1 if self.asks or self.own_actions else 2)


_SETBACK = re.compile(
    r"\b(?:fail\w*|broke|broken|crash\w*|outage|went down|missed|lost|slipp\w*|delay\w*|"
    r"late|wrong|mistake|regress\w*|churn\w*|cancel+ed)\b",
    re.IGNORECASE,
)


# Each red flag by the name a card gives it (see flags.py), in a card's order, with
# whether it is heard in a technical answer too ("security is the security team's job,
# not mine"): flattery, pay, humble brags and a story's blame are a story's, where "the
# best", "pays more" or "that's on them" can be a design's.
_RED_FLAGS: tuple[tuple[str, Keyed, bool], ...] = (
    ("flattery", lx.FLATTERY, False),
    ("money_first", lx.MONEY_FIRST, False),
    ("disparages_employer", lx.DISPARAGES, False),
    ("disparages_employer", lx.RUNS_DOWN_COLLEAGUES, True),
    ("humble_brag", lx.HUMBLE_BRAG, False),
    ("blames_others", lx.BLAMES_OTHERS, False),
    ("blames_others", lx.DISOWNS_WORK, True),
    ("shares_confidential", lx.SHARES_CONFIDENTIAL, True),
)
RED_FLAGS = tuple(dict.fromkeys(name for name, _, _ in _RED_FLAGS))


def _impossible(text: str) -> bool:
    if "%" not in text and "cent" not in text:
        return False
    if any(float(match.group(1)) > 100 for match in lx.IMPOSSIBLE_FALL.finditer(text)):
        return True
    for share in lx.SHARE_OF_WHOLE.finditer(text):
        after = lx.CLAUSE_END.split(text[share.end() : share.end() + lx.SHARE_REACH])[0]
        if any(float(found) > 100 for found in lx.PERCENT.findall(after)):
            return True
    return False


def _requires(text: str, seen: Present) -> bool:
    """Whether a technical sentence states a requirement or a target with its figure,
    once any need of the speaker's own ("we need to compare the price") is set aside."""
    if lx.TECH_TARGET.search(text, seen):
        return True
    if not lx.TECH_REQUIREMENT.search(text, seen):
        return False
    if not lx.SPEAKER_NEED.could_match(text, seen):
        return True
    return lx.TECH_REQUIREMENT.regex.search(lx.SPEAKER_NEED.regex.sub(" ", text)) is not None


def _red_flags(text: str, seen: Present, story: bool = True) -> tuple[str, ...]:
    found = tuple(
        dict.fromkeys(
            name
            for name, pattern, technical in _RED_FLAGS
            if (story or technical)
            and pattern.search(text, seen)
            # Learners and users are not colleagues run down ("interns who weren't very
            # good at tests yet"): only the colleague patterns are excused for them.
            and not (pattern is lx.RUNS_DOWN_COLLEAGUES and lx.LEARNERS_OR_USERS.search(text))
        )
    )
    if "money_first" in found and lx.MONEY_DENIED.search(text):
        found = tuple(name for name in found if name != "money_first")
    if "humble_brag" in found and "humble" in seen.words:  # "I know that word is a humble-brag"
        found = tuple(name for name in found if name != "humble_brag")
    if "blames_others" in found and lx.DISOWN_EXCUSED.search(text):
        found = tuple(name for name in found if name != "blames_others")
    return found


def _subject_verbs(ws: list[str], subjects: frozenset[str]) -> int:
    """How many times a subject in ``subjects`` is followed by an action verb."""
    found = 0
    for index, word in enumerate(ws):
        if word not in subjects:
            continue
        after = ws[index + 1 : index + 6]
        if after[:4] in _THE_ONE_WHO:
            after = after[4:]
        for follower in after:
            if follower in _BRIDGE or follower in _AUXILIARY or follower.endswith("ly"):
                continue
            if follower in lx.ACTION_VERBS or (
                follower.endswith("ed") and follower not in lx.STATE_VERBS and len(follower) > 4
            ):
                found += 1
            break
    return found


def _steps(ws: list[str]) -> int:
    """Steps of an approach: "I'd tune the thresholds", "we'll add a cache", or a
    sentence that opens on an order ("First, check the deploys", "2. Add an index")."""
    found = 0
    for index, word in enumerate(ws):
        planned = word in _PLANNERS
        if not planned and word in ("i", "we") and index + 1 < len(ws):
            planned = ws[index + 1] in _MODALS
            index += planned
        if not planned:
            continue
        for follower in ws[index + 1 : index + 5]:
            if follower in _NOT_STEPS:
                break
            if follower in _BRIDGE or follower.endswith("ly"):
                continue
            found += follower.isalpha()
            break
    opening = next((w for w in ws if w not in _SEQUENCERS and not w.isdigit()), "")
    return found + (opening in lx.ACTION_VERBS or opening in lx.STEP_VERBS)


def _buzz_phrases(text: str, ws: list[str]) -> int:
    """Buzzwords of two words or more ("north star", "data-driven"), counted once each."""
    if lx.BUZZ_PHRASE_HEADS.isdisjoint(ws):
        return 0
    return len(lx.BUZZ_PHRASES.findall(text))


def _continues(ws: list[str]) -> bool:
    """True for a clause like "and then asked them": a verb with its subject left behind."""
    for word in ws[:4]:
        if word in ("and", "then", "so") or word in _BRIDGE:
            continue
        return word in _PAST_ACTIONS
    return False


def _past_actions(ws: list[str]) -> int:
    """Action verbs in the past tense: what was done, by whoever the subject is."""
    return sum(map(_PAST_ACTIONS.__contains__, ws))


def _proper_nouns(text: str) -> int:
    """Names, products and acronyms: capitalised words that do not start the sentence."""
    if text[1:] == text[1:].lower():
        return 0  # no capital after the first letter: nothing to look at
    count = 0
    for position, match in enumerate(_TOKEN.finditer(text)):
        token = match.group()
        if token in _I_FORMS or not token[0].isupper():
            continue
        capitals = sum(1 for c in token if c.isupper())
        if position == 0 and capitals < 2:
            continue
        if capitals < 2 and token.lower() in _NOT_NAMES:
            continue
        if text[max(0, match.start() - 2) : match.start()].rstrip().endswith((":", '"', "“")):
            continue  # a capital after a colon or quote starts a clause
        count += 1
    return count


@lru_cache(maxsize=8192)
def _word_cues(word: str, technical: bool) -> tuple[Dimension, ...]:
    """The STAR parts a word is a cue for, by itself or by its stem.

    A pure function of one word, so it is worked out once per word rather than
    once per sentence the word appears in.
    """
    cue_sets = lx.TECH_CUES if technical else lx.CUES
    word_stem = stem(word)
    return tuple(d for d in DIMENSIONS if word in cue_sets[d] or word_stem in cue_sets[d])


def _cue_scores(ws: list[str], technical: bool) -> dict[Dimension, float]:
    """How many words of the sentence are cues for each STAR part."""
    scores: dict[Dimension, float] = dict.fromkeys(DIMENSIONS, 0.0)
    for word in ws:
        for dimension in _word_cues(word, technical):
            scores[dimension] += 1
    return scores


# A word within two of these is denied, not said: "without slipping the date",
# "no outage since", "never missed a release", "zero sev-1 bugs" (figures are not
# counted between them).
_DENIERS = frozenset(
    "no not never without nobody none zero didn't don't wasn't weren't isn't hasn't haven't "
    "wouldn't won't shouldn't doesn't aren't can't couldn't".split()
)


def _denied(ws: list[str]) -> frozenset[str]:
    if _DENIERS.isdisjoint(ws):
        return frozenset()
    words = [w for w in ws if not w.isdigit()]
    denied: set[str] = set()
    said: set[str] = set()
    for i, w in enumerate(words):
        if w not in STOPWORDS:
            (said if _DENIERS.isdisjoint(words[max(0, i - 2) : i]) else denied).add(stem(w))
    # Denied only where it is never said plainly: "with the keyboard alone … and no
    # keyboard traps" still says keyboard.
    return frozenset(denied - said)


# "There's no need for X", "we don't really need X", "we wouldn't need X": what follows
# is named only to be set aside.
_NOT_NEEDING = frozenset("no don't dont doesn't didn't wouldn't won't shouldn't never".split())
_SOFTENERS = frozenset("really even actually necessarily".split())
_DISMISSED_WORDS = 12  # how far a dismissal reaches: a list of what is not needed
# "Cold start isn't really an issue", "duplicates aren't a real problem", "the order
# doesn't matter", "logs aren't useful here", "debouncing is unnecessary", "listening
# tours waste time", "caching is a bad idea", "locking is never worth it": the words
# before it, within the clause, are set aside. A problem gone ("the load wasn't an issue
# anymore") is a result, not a dismissal.
_NOT_A_PROBLEM = re.compile(
    # From a word's start: from inside a long token the words are tried at every letter.
    r"(?<![\w'’-])(?P<what>(?:[\w'’-]+ ){0,4}[\w'’-]+) (?:(?:(?:is|are|was|were)(?: not|n['’]t)"
    r"(?: (?:really|even|actually))? (?:(?:an? )?(?:real |big |major )?"
    r"(?:issue|problem|concern|worry)s?|needed|necessary|required|useful|helpful|relevant|"
    r"worth (?:it|the (?:effort|trouble|complexity|cost)))"
    r"|(?:does|do|did)(?: not|n['’]t)(?: (?:really|even|actually))? matter"
    r"|(?:does|do|did)(?: not|n['’]t)(?: (?:really|even|actually))? apply"
    r"|(?:is|are|was|were) (?:really |usually |just |mostly |basically |effectively |largely |"
    r"completely |totally )?(?:unnecessary|"
    r"(?:never|rarely|seldom) worth (?:it|the (?:effort|trouble|complexity|cost))|"
    r"unnecessarily|pointless|overkill|not worth it|a waste(?: of\b)?|wasted|busywork|bureaucracy|"
    r"over-?engineering|premature|outdated|noise|an? (?:academic|recipe)|academic|"
    r"deprecated|(?:a lot of |too much )?(?:work|engineering|effort|overhead) for nothing|"
    r"mostly useful for|the product team's|someone else's|each \w+ team's)"
    r"|(?:just )?(?:wastes?|creates?|adds?) (?:time|effort|money|noise))\b"
    r"(?! (?:any ?more|any longer|after|since|once|now)\b)"
    # A bad idea stays one "since" it is said: no problem gone here.
    r"|(?:is|are) (?:really |usually |just |basically )?(?:(?:a )?bad (?:idea|practice)|"
    r"an anti-?pattern)\b)"
)

# Every match of _NOT_A_PROBLEM holds one of these or the word "not": most sentences
# hold none, and skip the search.
_SET_ASIDE_CUES = (
    "n't", "matter", "unnecessar", "pointless", "overkill", "worth", "waste", "busywork",
    "bureaucra", "engineering", "premature", "outdated", "noise", "academic", "recipe",
    "useful for", "team's", "else's", "add", "bad ", "anti", "deprecated",
    "for nothing",
)  # fmt: skip
# "I wouldn't bother with X", "I'd avoid X", "skip X", "I wouldn't spend time on X",
# "rather than messing with X": what follows, up to the end of its clause, is named only
# to be turned down.
_TURNS_DOWN = re.compile(
    # "The bug to avoid is a lost update" names what to avoid: that is the point.
    # "To avoid the lost update, I'd lock the row" avoids a problem: that is the point.
    r"\b(?<!\bto )(?<!\bhelps )(?<!\bhelp )(?:avoid(?:ing|ed)?(?!\s+(?:is|are|was|were)\b)|"
    r"skip(?:ping|ped)?|"
    r"(?:would|will|do|did)(?:n['’]t| not) (?:bother|worry)(?: (?:with|about|defining|to))?|"
    r"(?:would|will|do|did)(?:n['’]t| not) (?:spend (?:any )?(?:time|effort)|invest(?: time)?|"
    r"waste time)(?: (?:on|in|with))?|"
    r"mess(?:ing)? (?:around )?with|"
    # "The answer isn't to slow down releases", "a common myth is that you have to ..."
    r"\b(?:answer|fix|solution) (?:is not|isn['’]t)(?: to)?|\bmyth (?:is )?that|"
    r"no point (?:in )?)\s+"
    r"(?P<what>[^,;:.!?]*?)(?=\s*(?:[,;:.!?]|\b(?:and|but|so|because|since|as|which|then|"
    r"while|or just|just|i|we|i'd|we'd|they)\b|$))",
    re.IGNORECASE,
)
_TURN_DOWN_WORDS = 8
# Not "rather than" or "instead of": those choose between alternatives ("a time-based split
# rather than a random one"), which strong answers do all the time.
_TURN_DOWN_CUES = (
    "avoid", "skip", "bother", "worry", "no point", "spend", "invest", "waste time", "mess",
    "answer is", "fix is", "solution is", "myth",
)  # fmt: skip
# One search, in C, for any cue: most sentences hold none.
_SET_ASIDE_CUE = re.compile("|".join(map(re.escape, _SET_ASIDE_CUES)))
_TURN_DOWN_CUE = re.compile("|".join(map(re.escape, _TURN_DOWN_CUES)))


def _dismissed(ws: list[str], text: str) -> frozenset[str]:
    """The stems a sentence names only to set aside: after "no need for" and its kin,
    before "isn't a problem" and its kin, and after "I wouldn't bother with"."""
    found = _not_needed(ws)
    spans: list[tuple[int, int]] = []
    if "not" in ws or _SET_ASIDE_CUE.search(text):
        spans += [_its_clause(text, *m.span("what")) for m in _NOT_A_PROBLEM.finditer(text)]
    if _TURN_DOWN_CUE.search(text):
        spans += [m.span("what") for m in _TURNS_DOWN.finditer(text)]
    # Read together: "I wouldn't bother with locking: SELECT FOR UPDATE locking is never
    # worth it" says "locking" only in what it sets aside.
    return frozenset((found | _set_aside(text, sorted(spans))) - STOPWORDS)


# Where the clause of "... is never worth it" begins: what it sets aside is said after
# these ("I learned that skipping the rehearsal is never worth it" sets aside the skipping,
# not the learning).
_CLAUSE_OPENER = re.compile(
    r"\b(?:that|which|because|so|but|if|when|whether|since|although|though|once)\s+",
    re.IGNORECASE,
)


def _its_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span from ``start`` to ``end``, begun after the last clause opener in it."""
    for opener in _CLAUSE_OPENER.finditer(text, start, end):
        start = opener.end()
    return start, end


def _not_needed(ws: list[str]) -> set[str]:
    """The stems after "no need for", "we don't really need", "no point"."""
    found: set[str] = set()
    if "need" not in ws and "point" not in ws:
        return found
    for i, w in enumerate(ws):
        if w not in ("need", "point"):
            continue
        j = i - 1 if i and ws[i - 1] not in _SOFTENERS else i - 2
        if j < 0:
            continue
        negated = ws[j] == "no" or (
            w == "need" and (ws[j] in _NOT_NEEDING or (ws[j] == "not" and j and ws[j - 1] == "do"))
        )
        if negated:
            found.update(stem(x) for x in ws[i + 1 : i + 1 + _DISMISSED_WORDS])
    return found


# "Relying on a CSP alone is a bad idea", "I'd skip a plain CREATE INDEX": what is set
# aside is a narrower thing than the one named, which the answer may well take.
# ("only" is left out: "the myth that scalers are fit only on the training fold" sets
# aside the whole practice.)
_NARROWED = re.compile(r"\b(?:alone|by itself|on its own|plain|bare)\b", re.IGNORECASE)


def _set_aside(text: str, spans: list[tuple[int, int]]) -> set[str]:
    """The stems in the spans (in order) a dismissal names (at most _TURN_DOWN_WORDS of each). Said
    plainly elsewhere in the sentence, a word is not set aside: "avoid offset pagination
    and use cursor pagination" and "offset pagination is an anti-pattern, so use keyset
    pagination" still say pagination."""
    spans = [(start, end) for start, end in spans if not _NARROWED.search(text, start, end)]
    if not spans:
        return set()
    kept: set[str] = set()
    said_from = 0  # spans may overlap ("avoid X, which is overkill"): keep what none holds
    for start, end in spans:
        kept.update(stem(x) for x in words(text[said_from:start]))
        said_from = max(said_from, end)
    kept.update(stem(x) for x in words(text[said_from:]))
    found: set[str] = set()
    for start, end in spans:
        found.update({stem(x) for x in words(text[start:end])[:_TURN_DOWN_WORDS]} - kept)
    return found


# "We worked hard": effort, not something that worked ("evidence the change worked").
_WORKED_HARD = re.compile(
    r"\bwork(?:ed|ing|s)? (?:really |very |so |extremely )?(?:hard|late|long hours|overtime|"
    r"nights|weekends|around the clock|flat out)\b"
)
_WORK_WORD = re.compile(r"\bwork(?:ed|ing|s)?\b")


def _effort(text: str) -> frozenset[str]:
    """ "work" when every use of it in the sentence is the effort put in."""
    if "work" not in text or not _WORKED_HARD.search(text):
        return frozenset()
    if len(_WORK_WORD.findall(text)) > len(_WORKED_HARD.findall(text)):
        return frozenset()
    return frozenset({stem("worked")})


# The candidate's own title: "as a product manager", "I was the tech lead". Its head noun
# names no one else to consult or agree with ("consulting manager or stakeholders").
_OWN_TITLE = re.compile(
    r"(?:\b(?<!such )as (?:a|an|the)|\bi(?:'m|’m| am| was| became) (?:a|an|the)|"
    r"\bmy (?:role|job|time) as (?:a|an|the)?)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<head>manager|lead|director|head)\b(?! time\b)"
)
_TITLE_HEADS = re.compile(r"\b(?:manager|lead|director|head)\b")


def _own_title(text: str) -> frozenset[str]:
    """The head noun of the candidate's own title, when every use of it in the sentence is
    in one: "as a product manager, I asked my manager" still has a manager to ask."""
    if not _TITLE_HEADS.search(text):
        return frozenset()
    titled = [m.group("head") for m in _OWN_TITLE.finditer(text)]
    if not titled:
        return frozenset()
    return frozenset(
        stem(head) for head in titled if len(re.findall(rf"\b{head}\b", text)) == titled.count(head)
    )


# "Since" after a comma gives a reason ("I read the last audit report, since that told me
# what the auditors looked at"), not a time after which things changed ("since then").
_SINCE = re.compile(r"\bsince\b")
_BECAUSE_SINCE = re.compile(r"[,;]\s*since\b(?! then\b)")


def _because_since(text: str) -> frozenset[str]:
    """ "since" when every use of it in the sentence gives a reason."""
    if "since" not in text:
        return frozenset()
    if len(_SINCE.findall(text)) > len(_BECAUSE_SINCE.findall(text)):
        return frozenset()
    return frozenset({stem("since")})


_CONDITIONAL = frozenset({"would", "could", "might", "wouldn't", "couldn't", "mightn't"})


_BELIEVING = frozenset({"learned", "learnt", "realised", "realized", "believe", "know"})


def _claimed(text: str, present: Present) -> str:
    """``text`` without its comparisons inside a conditional or a belief, which claim no
    change."""
    if not _CONDITIONAL.isdisjoint(present.words):
        text = lx.HYPOTHETICAL_COMPARISON.sub(" ", text)
    if not _BELIEVING.isdisjoint(present.words):
        text = lx.BELIEVED_COMPARISON.sub(" ", text)
    return text


def sentence_info(sentence: Sentence, technical: bool, filler: bool = True) -> SentenceInfo:
    """Read one sentence; ``technical`` picks the cue words for design answers.

    ``filler`` False says the answer has no filler words at all, so none are looked for.
    """
    raw = sentence.text
    lowered = raw.lower()
    # Filler says nothing; reading past it lets "I, um, like, rebuilt" count as "I rebuilt".
    text, fillers = lx.FILLER.subn(" ", lowered) if filler else (lowered, 0)
    ws = words(text)
    present = words_present(ws)
    substance = sum(1 for w in ws if w not in _NO_SUBSTANCE and len(w) > 2)
    if len(ws) <= lx.COURTESY_MAX_WORDS and lx.COURTESY.match(text):
        substance = 0  # a sign-off carries nothing the story can be scored on
    figures, present_figures = text, present
    if "%" in text or "cent" in text:  # "I give a hundred percent" measures nothing
        figures = lx.EFFORT_IDIOM.sub(" ", text)
        present_figures = present if figures == text else words_present(words(figures))
    if text[:1].isdigit() and (marker := _LIST_MARKER.match(figures)):
        # "2. Usually a handful of alerts …": the number of a list item measures nothing.
        figures = figures[marker.end() :]
        present_figures = words_present(words(figures))
    numbers = lx.NUMBER.search(figures, present_figures)
    impossible = numbers and _impossible(figures)
    own_actions = _subject_verbs(ws, _I)
    # Stems read compounds as one word ("start-up") and terms in both their forms ("DLQ",
    # "dead-letter queue"); the words, counted, stay as written.
    joined = both_forms(join_compounds(text))
    stems = frozenset(
        stem(w) for w in (ws if joined == text else words(joined)) if w not in STOPWORDS
    )
    story = not technical  # cues only stories use are not looked for in designs
    own_task = lx.TASK_MARKER.search(text, present)
    their_goal = lx.THEIR_GOAL.search(text, present)
    dismissed = _dismissed(ws, text) | _effort(text) | _because_since(text)
    return SentenceInfo(
        sentence=sentence,
        words=ws,
        stems=stems,
        affirmed=stems - _denied(ws) - dismissed - _own_title(text),
        named=stems - dismissed,
        substance=substance,
        first_person=not lx.FIRST_PERSON.isdisjoint(ws),
        we=not lx.WE.isdisjoint(ws),
        own_actions=own_actions,
        own_verbs=max(own_actions, _past_actions(ws)) if own_actions else 0,
        steps=_steps(ws) if technical else 0,
        continues=_continues(ws),
        hedges=lx.HEDGE.count(text, present),
        we_actions=_subject_verbs(ws, _WE),
        numbers=numbers,
        # A figure that cannot be true measures nothing, and is named on the card.
        metric=(numbers or lx.SHARE_WORD.search(figures, present_figures))
        and not impossible
        and bool(lx.METRIC.search(figures)),
        impossible=impossible,
        vague_metric=lx.VAGUE_METRIC.search(_claimed(text, present), present),
        time_marker=lx.TIME_MARKER.search(text, present),
        proper_nouns=_proper_nouns(raw),
        # Signposts are read before fillers go; none is a filler word, so the keys hold.
        signposts=lx.SIGNPOST.count(lowered, present),
        fillers=fillers,
        buzzwords=sum(map(lx.BUZZWORDS.__contains__, ws)) + _buzz_phrases(text, ws),
        injected=False,  # set by the analysis, which sees whole paragraphs
        stakes=lx.STAKES.search(text, present),
        task_marker=story and (own_task or their_goal),
        their_goal=story and their_goal and not own_task,
        reasoning=lx.REASONING.search(text, present),
        lesson=lx.LESSON.search(text, present) and not lx.NO_LESSON.search(text),
        outcome=story and lx.OUTCOME.search(text, present),
        digression=lx.DIGRESSION.search(text, present),
        personal=story and lx.PERSONAL.search(text, present),
        stance=story and lx.STANCE.search(text, present),
        on_offer=story and lx.ON_OFFER.search(text, present),
        red=(red := _red_flags(text, present, story)),
        blame=story and ("blames_others" in red or lx.BLAME.search(text, present)),
        deflection=lx.DEFLECTION.search(text, present),
        setting=story and lx.SETTING.search(text, present),
        people=story and lx.PEOPLE.search(text, present),
        # A question put to the interviewer ("Are we limiting per key or per IP?") is
        # clarifying the scope, not a design choice or a result.
        scope=technical and (lx.TECH_SCOPE.search(text, present) or raw.rstrip().endswith("?")),
        sizing=technical and lx.TECH_SIZING.search(text, present),
        requirement=technical and _requires(text, present),
        tradeoff=technical and lx.TECH_TRADEOFF.search(text, present),
        contrast=technical and lx.TECH_CONTRAST.search(text, present),
        promise=technical and lx.TECH_PROMISE.search(text, present),
        working=technical and lx.TECH_WORKING.search(text, present),
        before_after=numbers and lx.BEFORE_AFTER.search(text, present),
        cues=_cue_scores(ws, technical),
        practice=story and lx.PRACTICE.search(text, present),
    )
