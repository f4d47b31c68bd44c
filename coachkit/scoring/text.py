"""Plain-text utilities the offline scorer builds on: cleaning, sentences, words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "STOPWORDS",
    "WORD",
    "Cleaned",
    "Sentence",
    "clean",
    "clean_mapped",
    "content_words",
    "sentences",
    "stem",
    "words",
]

_SPACES = re.compile(r"[ \t]+")
_BLANK_LINES = re.compile(r"\n{3,}")
# Text that needs no cleaning at all: printable ASCII, newlines and tabs.
_PLAIN = re.compile(r"[\x20-\x7e\n\t]*")
# Spacing that clean_mapped tidies: a run of spaces, a tab, a space beside a line break.
_LOOSE_SPACE = re.compile(r"  |\t| \n|\n ")
# A word: letters and digits, with an apostrophe inside ("don't", "team’s").
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A sentence ends at . ! ? (plus closing quotes or brackets) before whitespace, or at a newline.
# Semicolons join clauses of one thought, so they do not end a sentence.
_CLOSERS = "\"'”’)]"
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n")
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs dr mr mrs ms prof approx no st inc ltd jr sr a.m p.m u.s cf al fig".split()
)
# Transcripts often lack punctuation: split long runs at clause joints.
_CLAUSE = re.compile(
    r",\s+(?=(?:and|but|so|then|which|because|after|while)\b)|\s+(?=and then\b)"
    r"|\s+(?=(?:and|but|so)\s+(?:[Ii]|we)\s)"
)
_LONG_SENTENCE_WORDS = 45
# A line that starts a list item ("- ", "* ", "• ", "1. ", "2) ") is a sentence of its own.
_LIST_ITEM = re.compile(r"(?:[-*•–—]|\d{1,2}[.)])\s")

STOPWORDS = frozenset(
    """a about above across after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i i'd
    i'll i'm i've if in into is it it's its itself just let's me more most my myself no nor
    not now of off on once only or other our ours ourselves out over own same she should so
    some such than that that's the their theirs them themselves then there there's these they
    this those through to too under until up very was we we'd we'll we're we've were what
    when where which while who whom why will with would you your yours yourself yourselves
    us got get gets going go went really thing things lot lots much many way would've
    don't didn't doesn't isn't wasn't can't couldn't won't wouldn't""".split()
)


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text, and for each of its characters the index it came from.

    ``origin`` is None when cleaning changed nothing, which is the common case.
    """

    text: str
    origin: tuple[int, ...] | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if self.origin is None or end <= start:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def _clean_char(char: str) -> str:
    """One character made plain: invisible ones dropped, controls become spaces."""
    if char in "\n\t":
        return char
    if char in "\r\u2028\u2029\x85":
        return "\n"
    category = unicodedata.category(char)
    # Format characters (zero-width, BiDi) can hide text from a reader; surrogates
    # cannot be encoded. Neither carries meaning for scoring.
    if category in ("Cf", "Cs", "Co", "Cn"):
        return ""
    if category == "Cc":
        return " "
    return char if char.isascii() else unicodedata.normalize("NFKC", char)


def clean_mapped(text: str) -> Cleaned:
    """Normalise unicode, drop invisible or control characters and collapse runs of
    spaces, keeping offsets: how an answer is spaced must not change its score."""
    if _PLAIN.fullmatch(text) and not _LOOSE_SPACE.search(text):
        return Cleaned(text)
    out: list[str] = []
    origin: list[int] = []
    previous = ""
    for index, char in enumerate(text):
        if char == "\n" and previous == "\r":
            previous = char
            continue  # \r\n is one line break
        previous = char
        for plain in _clean_char(char):  # NFKC can make one character several
            if plain == "\t":
                plain = " "
            if plain == " " and out and out[-1] in " \n":
                continue  # a space after a space or a line break adds nothing
            if plain == "\n" and out and out[-1] == " ":
                out[-1], origin[-1] = plain, index  # nor does one before a line break
                continue
            out.append(plain)
            origin.append(index)
    return Cleaned("".join(out), tuple(origin))


def clean(text: str) -> str:
    """The cleaned text alone (see ``clean_mapped``), with whitespace tidied."""
    tidy = clean_mapped(text).text
    if "  " in tidy or "\t" in tidy:  # most answers have neither: skip the scans
        tidy = _SPACES.sub(" ", tidy)
    if "\n\n\n" in tidy:
        tidy = _BLANK_LINES.sub("\n\n", tidy)
    return tidy.strip()


def words(text: str) -> list[str]:
    """Lower-cased word tokens (apostrophes kept inside words)."""
    return [w.replace("’", "'") for w in WORD.findall(text.lower())]


_SUFFIXES = (
    "ational",
    "ization",
    "isation",
    "ations",
    "ation",
    "ments",
    "ment",
    "ingly",
    "edly",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "ed",
    "es",
    "ly",
    "s",
)


# A soft g before "-er" makes a noun of its own: a "manager" is no "managed", a "pager"
# no web "pages", a "challenger" no "challenges". ("longer", "younger", "finger" and a
# doubled g, "bigger" or "logger", are hard: their -er goes as before.)
_SOFT_G = re.compile(r"(?:[aeiourd]|[ae]n)g$")


# Words whose -er is their own, not a doer's or a comparison's: stripped, "matter" was
# "mat" and "mattered" "matter", so a point's "it matters" was never met by "it mattered",
# and "letter" met "let", "tender" "tend", "career" "care". Each keeps its -er in every form
# ("orders", "ordered", "ordering" are "order"). Doers and comparisons of a word of their
# own ("owner", "reviewer", "server", "longer", "bigger") still meet that word. Nor are
# people named apart from the act: a subscriber or a shopper is a customer, where
# "consumers subscribe to the topic" or "a coffee shop" names none. Nor is a thing named
# for what it once did another word's: a customer is no "custom" build, a header no
# "head" of engineering, a layer no "laying", a folder no "fold", a meter no "met", a
# timer no "times" (stripped, "tim", as "timed" and "timing" are), and Docker no ship
# "docked". A counter still counts and a router routes: "count requests per key in Redis"
# makes "Redis or shared store for counters".
_OWN_ER = frozenset(
    """after alter another answer banner better bother brother buffer butter career center
    chapter character charter cluster consider copper corner cover customer deliver differ
    dinner disaster discover docker either encounter engineer enter ever father filter flower
    folder gather hammer header however hunger ladder layer letter manner master matter member
    meter monster mother neither never number offer order other outer paper parameter partner
    pioneer poster power prefer proper quarter rather recover refer register remember render
    shoulder shower suffer summer super sweater temper tender timer together tower transfer
    trigger uncover under volunteer wander water weather whatever whether winter wonder
    shopper subscriber""".split()
)
_OWN_ER_FORM = re.compile(r"(\w+?er)(?:s|ed|ing|red|ring)?")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A tiny suffix stripper: "caching" and "caches" meet at "cach".

    A final e stays ("cache"), so word families list such forms side by side, and a
    possessive goes ("the team's" meets "the team").
    """
    if word.endswith("'s") and len(word) > 4:
        word = word[:-2]
    own = _OWN_ER_FORM.fullmatch(word)
    if own is not None and own.group(1) in _OWN_ER:
        return own.group(1)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("er", "ers") and _SOFT_G.search(base):
                return word[:-1] if suffix == "ers" else word  # "managers" is a "manager"
            if suffix in ("ies", "ied"):
                base += "y"
            elif len(base) > 3 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # "stopped" -> "stop"
            return base
    return word


# Irregular verb forms the suffix stripper leaves apart, so a key point's "written"
# and a story's "wrote" can be seen as one word.
_IRREGULAR = {
    form: base
    for base, forms in {
        "begin": "began begun",
        "bring": "brought",
        "build": "built",
        "choose": "chose chosen",
        "drive": "drove driven",
        "find": "found",
        "give": "gave given",
        "grow": "grew grown",
        "hold": "held",
        "know": "knew known",
        "lead": "led",
        "make": "made",
        "meet": "met",
        "run": "ran",
        "show": "shown",
        "speak": "spoke spoken",
        "take": "took taken",
        "teach": "taught",
        "tell": "told",
        "think": "thought",
        "understand": "understood",
        "win": "won",
        "write": "wrote written writ",
    }.items()
    for form in (base, *forms.split())
}


def base_form(word_stem: str) -> str:
    """The stem of a verb's base form: "wrote", "written" and "write" are all "write"."""
    return _IRREGULAR.get(word_stem, word_stem)


# Traits and habits a candidate names as a weakness (see _COMPOUNDS), and a word of each.
_TRAIT = (
    r"(?:impatient|stubborn|blunt|defensive|shy|introverted|disorgani[sz]ed|"
    r"conflict[- ]averse|(?:too )?(?:quiet|slow to (?:delegate|decide|speak up)))"
)
_HABIT_OF_MINE = (
    r"(?:procrastinat\w*|overcommit\w*|overthink\w*|over-?promis\w*|"
    r"put(?:ting)? off (?:\w+ing\b|(?:the )?(?:hard|boring|difficult|unpleasant)\b)|"
    r"avoid(?:s|ing)? (?:conflicts?|confrontation)|say(?:ing)? yes to too much|"
    r"leave (?:\w+ ){1,3}(?:to|until|till) the last minute|"
    r"find it (?:hard|difficult) to|struggle (?:to|with)|"
    r"(?:am|['’]m) (?:not (?:very |that |great |good |always )*(?:great|good) at|"
    r"a people[- ]pleaser))"
)
_WEAKNESS_NEEDLES = (
    "impatien",
    "stubborn",
    "blunt",
    "defensive",
    "shy",
    "introvert",
    "disorgani",
    "averse",
    "quiet",
    "slow to",
    "procrastinat",
    "overcommit",
    "overthink",
    "promis",
    "avoid",
    "yes to",
    "public",
    "presenting",
    "put",
    "last minute",
    "find it",
    "struggle",
    "good at",
    "great at",
    "pleaser",
)


# Terms ``words`` splits, read as one word so that a key point and an answer meet on
# them: "1:1s" and "one-on-ones" are one thing, and a "start-up" is no "start".
_COMPOUNDS = (
    (re.compile(r"\b(?:one[- ]on[- ]ones?|1[:-]1s?|1[- ]on[- ]1s?)\b", re.IGNORECASE), "oneonone"),
    # The British "a one-to-one" is that meeting too; "a one-to-one mapping" or "one-to-one
    # chat" is not.
    (
        re.compile(
            r"\bone-to-ones?\b(?! (?:mapping|relationship|relation|correspondence|chat|"
            r"messag\w*|conversations?|function|join)s?\b| (?:and|or) group)",
            re.IGNORECASE,
        ),
        "oneonone",
    ),
    (re.compile(r"\bstart-ups?\b", re.IGNORECASE), "startup"),
    # A follow-up is no following ("we followed the runbook"), and a roll-out no rollback
    # ("rolled back"): the verbs join too, so "I followed up" makes a point's "follow-up".
    (re.compile(r"\bfollow(?:s|ed|ing)?[- ]?ups?\b", re.IGNORECASE), "followup"),
    (re.compile(r"\broll(?:s|ed|ing)?(?: it| them)?[- ]?outs?\b", re.IGNORECASE), "rollout"),
    # A rollout told as a step, to the rest after a first group ("then we rolled it out to
    # everyone") or to a share of users ("rolled out to 10%"), is a staged one.
    (
        re.compile(
            r"\b(then|later|finally|gradually|afterwards)((?: \w+)?) rollout(?= (?:to|for) )"
            r"|\brollout(?= (?:to|for) (?:\d+ ?%|\d+ percent)(?!\w))",
            re.IGNORECASE,
        ),
        r"\1\2 staged rollout",
    ),
    # Being on call is no call: "on-call" and "I was on call" are one word, where "calls
    # with bookkeepers" and "blocking calls" are calls. Apart, it is on call only after a
    # word that says who or when ("was on call", "someone on call"): "based on call
    # volume" is not.
    (re.compile(r"\bon-call\b", re.IGNORECASE), "oncall"),
    (
        re.compile(
            r"\b(be|is|am|are|was|were|been|being|i'm|someone|somebody|nobody|anyone|engineers?|"
            r"person|people|stay|stayed|staying|while|when|weeks?|weekends?|nights?|shifts?) "
            r"on call\b",
            re.IGNORECASE,
        ),
        r"\1 oncall",
    ),
    # A hard call is a decision ("the hardest call was dropping the cache", "made the call
    # to roll back"); a call with someone, a support call or an API call is not.
    (
        re.compile(
            r"\b(hard|harder|hardest|tough|tougher|toughest|difficult|big|bigger|biggest|right|"
            r"wrong|judge?ment|bold|brave|risky|good|bad|final) call(s?)\b(?! with\b)",
            re.IGNORECASE,
        ),
        r"\1 decision\2",
    ),
    (
        re.compile(
            r"\b(?:made|make|makes|making) the call (?=that\b|to (?!the|an?|our|their|his|her|"
            r"its|my|your|them|him|us|me|support|customers?|clients?)\w)",
            re.IGNORECASE,
        ),
        "decided ",
    ),
    # Support calls, tickets and contacts are users' ("support calls fell from 40 to 6"):
    # one word that the user family takes in (see concepts), and "support" still meets it.
    (
        re.compile(
            r"\b(?:customer |user )?support (calls?|tickets?|requests?|contacts?|emails?|chats?|"
            r"queues?|load|volume)\b",
            re.IGNORECASE,
        ),
        r"usersupport \1",
    ),
    # An app's update is a release, not news told to anyone: "an app update rejected by
    # Apple" met "stakeholders told the risk" through the update a status update is.
    (
        re.compile(r"\b(app|software|os|ios|android|firmware|security)[ -](updates?)\b", re.I),
        r"\1\2",
    ),
    # A failure told as an idiom ("the job fell over halfway through") is a failure.
    (re.compile(r"\b(?:fell|falls|falling|fall) over\b|\bbackfired\b", re.IGNORECASE), "failed"),
    # A fine is a penalty only as a noun ("a late filing meant a fine", "fines"): "which
    # was fine" and "it went fine" say all was well, and met "customer impact" as a cost.
    (
        re.compile(
            r"\b(a|an|the|any|no|regulatory|contractual|big|hefty|heavy|daily)((?: [$£€\d]"
            r"[\w$£€.,]*)?) fine\b(?! line| print| tun)",
            re.IGNORECASE,
        ),
        r"\1\2 penalty",
    ),
    (re.compile(r"\bfine[sd]\b", re.IGNORECASE), "penalty"),
    (re.compile(r"\brelease[- ]notes\b", re.IGNORECASE), "releasenotes"),
    # "Last quarter I ..." tells of something recent.
    (re.compile(r"\blast (?:week|month|quarter|sprint)\b", re.IGNORECASE), r"\g<0> recent"),
    # A hand-off is told as one word, two or a verb ("handover", "I hand it off"); time
    # zones as one word or two. Writing up is writing too: "writeup" is added, not put in.
    (
        re.compile(
            r"\bhand(?:s|ed|ing)?[- ]?(?:offs?|overs?)\b"
            r"|\bhand(?:s|ed|ing)? (?:it|them|this|that|work|something|things) (?:off|over)\b",
            re.IGNORECASE,
        ),
        "handoff",
    ),
    (re.compile(r"\btime[- ]?zones?\b", re.IGNORECASE), "timezone"),
    # "It turned out ..." tells what was understood: one word, not any "turned".
    (re.compile(r"\bturn(?:s|ed)? out\b", re.IGNORECASE), "turnedout"),
    (
        re.compile(
            r"\bwrite[- ]?ups?\b|\b(?:write|writes|writing|wrote|written) (?:it |this |that )?up\b",
            re.IGNORECASE,
        ),
        r"\g<0> writeup",
    ),
    # A weakness is told by naming it: of oneself ("I can be impatient", "I tend to
    # overcommit") or alone, to open an answer ("Public speaking to large groups.",
    # "Honestly, avoiding conflict."). It is said to be one, as a word that means only that
    # is added (concepts: "namedweakness"; "weakness" itself is kin to "improve"); a trait
    # of someone else ("my manager was impatient") is none of the candidate's.
    (
        re.compile(
            rf"\bI(?:['’]m| am| can be| can get| get| tend to be)(?: a bit| too| quite| very|"
            rf" sometimes| often| really)* {_TRAIT}\b"
            rf"|\bI(?: tend to| often| sometimes| still)? ?{_HABIT_OF_MINE}"
            rf"|^[\s,.]*(?:(?:uh|um|okay|ok|so|well|honestly|probably)[,.]?\s+)*(?:public speaking|"
            rf"speaking in public|presenting to (?:big|large) groups|conflict avoidance|"
            rf"impatience|procrastination|{_HABIT_OF_MINE})\b",
            re.IGNORECASE,
        ),
        r"\g<0> namedweakness",
    ),
    # A plan or an agreement "in writing", or "written down", is written.
    (
        re.compile(
            r"(?<!better )(?<!stronger )(?<!weaker )(?<!good )(?<!clearer )\bin writing\b"
            r"|\b(?:write|writes|wrote|writing) (?:it |them |this |that )?down\b",
            re.IGNORECASE,
        ),
        r"\g<0> written",
    ),
    # Hyphenated terms are one word, as written without it: "buy-in" is no buying,
    # "post-mortem" is the postmortem, "push-back" the pushback. (A "t-test" stays two.)
    (
        re.compile(
            r"\b(buy|post|push|mock|hard|load|long|two)-(in|mortems?|back|ups?|coded|"
            r"test(?:s|ed|ing)?|term|page)\b|\b(t)-(shirts?)\b",
            re.IGNORECASE,
        ),
        r"\1\2\3\4",
    ),
    (re.compile(r"\bmust[- ]haves?\b", re.IGNORECASE), "musthave"),
    (re.compile(r"\bnice[- ]to[- ]haves?\b", re.IGNORECASE), "nicetohave"),
    # Work due "by March 1st" or "by Friday" has a deadline, in other words. ("By March 1st,
    # all had moved", opening a sentence, tells when a result came.)
    (
        re.compile(
            r"(?<=[a-z] )by (?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.? "
            r"\d{1,2}(?:st|nd|rd|th)?|(?:the )?\d{1,2}(?:st|nd|rd|th)(?: of \w+)?|"
            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
            re.IGNORECASE,
        ),
        r"\g<0> deadline",
    ),
)


# A word each of _COMPOUNDS' terms contains, lower-cased: most texts hold none, and a
# substring test skips the pattern (every question text goes through here, at first use).
_NEEDLES: tuple[tuple[str, ...], ...] = (
    ("one", "1"),
    ("one",),
    ("start",),
    ("follow",),
    ("roll",),
    ("roll",),
    ("call",),
    ("call",),
    ("call",),
    ("call",),
    ("support",),
    ("update",),
    ("fell", "fall", "backfired"),
    ("fine",),
    ("fine",),
    ("release",),
    ("last ",),
    ("hand",),
    ("zone",),
    ("turn",),
    ("up",),
    _WEAKNESS_NEEDLES,
    ("writ", "wrote"),
    ("-",),
    ("must",),
    ("nice",),
    ("by ",),
)


# Each compound's needles as one search (a compound with many, as the weakness names have,
# costs one scan of the text, not one per needle).
_GATES = tuple(re.compile("|".join(map(re.escape, needles))) for needles in _NEEDLES)


def join_compounds(text: str) -> str:
    """``text`` with each such term written as one word."""
    lowered = text.lower()
    for (pattern, word), gate in zip(_COMPOUNDS, _GATES, strict=True):
        if gate.search(lowered) and pattern.search(text):
            text = pattern.sub(word, text)
    return text


def content_words(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stopwords, no 1-letter tokens), with
    compounds joined as ``join_compounds`` joins them: a question's "one-on-ones" and an
    answer's "1:1s" are one word."""
    return [stem(w) for w in words(join_compounds(text)) if w not in STOPWORDS and len(w) > 1]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned answer and where it sits in that text."""

    text: str
    start: int
    index: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` ends an abbreviation, an initial or the
    number of a list item ("1. I rolled back")."""
    if text[dot] != ".":
        return False
    begin = dot
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "."):
        begin -= 1
    token = text[begin:dot].lower()
    if token.isdigit() and len(token) <= 2:  # a list number starts its line
        return not text[text.rfind("\n", 0, begin) + 1 : begin].strip()
    previous = begin - 1
    while previous >= 0 and text[previous] == " ":
        previous -= 1
    after_figure = previous >= 0 and text[previous].isdigit()
    if len(token) == 1 and token.isalpha():
        # After a figure a letter is a unit ("p99 hit 2 s."), not an initial.
        return token != "i" and not after_figure
    if token == "etc":
        # A list's "etc." ends the sentence too when a capital follows ("toggles etc.
        # Server data goes in ..."), where "e.g. Redis" goes on.
        return not _CAPITAL_NEXT.match(text, dot + 1)
    # And "ms" is milliseconds ("fell to 150 ms. Since then"), not a title.
    return token in _ABBREVIATIONS and not (token == "ms" and after_figure)


_CAPITAL_NEXT = re.compile(r"[\"'”’)\]]*\s+[\"'“‘(]?[A-Z]")


_CAPS_BEFORE = re.compile(r"\b[A-Z][A-Z0-9_]+\s+$")
_CAPS_AFTER = re.compile(r"\s+[A-Z][A-Z0-9_]+\b")


def _elides_code(text: str, match: re.Match[str]) -> bool:
    """An ellipsis inside code between two keywords ("SELECT ... FOR UPDATE") leaves out
    part of a statement; it does not end a sentence."""
    if match.group().rstrip("\"'”’)]") != "...":
        return False
    before = _CAPS_BEFORE.search(text, max(0, match.start() - 40), match.start())
    return before is not None and _CAPS_AFTER.match(text, match.end()) is not None


# A "?" after an operator, a bracket or a comma is a bound parameter in code ("WHERE
# tenant_id = ? AND status = ?", "IN (?, ?)"), not a question's end.
_PARAMETER_AFTER = re.compile(r"(?:[=<>(,]|\bLIKE|\bIN)\s*$")


def is_parameter(text: str, mark: int) -> bool:
    """True when the "?" at ``mark`` stands for a value in code, not a question's end."""
    return text[mark] == "?" and _PARAMETER_AFTER.search(text, max(0, mark - 8), mark) is not None


def _ends_sentence(text: str, end: int) -> bool:
    """True when ``text[:end]`` ends with a sentence's full stop (not an abbreviation's)."""
    stop = len(text[:end].rstrip(_CLOSERS)) - 1
    return (
        stop >= 0
        and text[stop] in ".!?"
        and not _is_abbreviation(text, stop)
        and not is_parameter(text, stop)
    )


def _soft_wraps(text: str) -> frozenset[int]:
    """The line breaks that fall inside a sentence, as an editor or email client wraps.

    A break that ends a paragraph, a heading ("Result:") or a sentence, or that starts
    a list item, is a real one. A break before a lower-case word is a wrap. A break
    before a capital is a wrap only in a paragraph that wraps mostly before lower-case
    words; otherwise it is read as one unpunctuated sentence a line, as notes and
    transcripts often are.
    """
    if "\n" not in text:
        return frozenset()
    soft: set[int] = set()
    lower: list[int] = []
    upper: list[int] = []
    offset = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        newline = offset + len(line)
        offset = newline + 1
        after = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
        before = line.rstrip()
        if not after or not before:  # the paragraph ends: settle its breaks before capitals
            if lower and len(lower) >= len(upper):
                soft.update(upper)
            lower, upper = [], []
        elif _LIST_ITEM.match(after) or _ends_sentence(text, newline - len(line) + len(before)):
            continue
        elif after[0].isupper():
            upper.append(newline)
        else:
            lower.append(newline)
            soft.add(newline)
    return frozenset(soft)


_LOWER_NEXT = re.compile(r"\s+[a-z]")


def _quote_goes_on(text: str, match: re.Match[str]) -> bool:
    """A quotation ending in its own mark, then a lower-case word, is part of the
    sentence: "'Would you use it?' gets a polite yes." """
    return match.group()[-1] in "\"'”’" and _LOWER_NEXT.match(text, match.end()) is not None


def _spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    wraps = _soft_wraps(text)
    for match in _BOUNDARY.finditer(text):
        if _is_abbreviation(text, match.start()) or match.start() in wraps:
            continue
        if is_parameter(text, match.start()) or _quote_goes_on(text, match):
            continue
        if text.startswith("...", match.start()) and _elides_code(text, match):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Break an unpunctuated run into clauses so each can play its own STAR role."""
    piece = text[start:end]
    # Words, not spaces: a double space or a wrapped line must not make a sentence longer.
    if len(piece.split()) < _LONG_SENTENCE_WORDS:
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    cursor = 0
    for match in _CLAUSE.finditer(piece):
        if len(piece[cursor : match.start()].split()) >= 12:
            parts.append((start + cursor, start + match.start() + 1))
            cursor = match.end()
    parts.append((start + cursor, end))
    return parts


def sentences(text: str) -> list[Sentence]:
    """Split cleaned text into sentences, keeping each one's offset in ``text``."""
    found: list[Sentence] = []
    for span_start, span_end in _spans(text):
        for start, end in _split_long(text, span_start, span_end):
            piece = text[start:end]
            stripped = piece.strip()
            if not stripped or not any(c.isalnum() for c in stripped):
                continue
            offset = start + piece.index(stripped)
            # A sentence wrapped over lines reads as one line (same length: offsets hold).
            found.append(Sentence(stripped.replace("\n", " "), offset, len(found)))
    return found
