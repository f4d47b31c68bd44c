"""Word lists and patterns the offline scorer reads sentences with. Data, not logic.

Patterns are written in lower case and matched against lower-cased text: in
``re``, case-insensitive matching of large alternations is several times slower.
"""

from __future__ import annotations

import re

from .keyed import keyed


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _alternatives(pattern: str) -> list[str]:
    """Split a pattern at its top-level ``|`` (not inside groups or character classes)."""
    parts: list[str] = []
    depth, start, index, in_class = 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return [*parts, pattern[start:]]


def any_of(*patterns: str) -> re.Pattern[str]:
    r"""One pattern from many, arranged so that ``re`` matches it quickly.

    ``re`` skips a branch cheaply when it opens with a letter, but must enter
    every branch that opens with ``\b``. So the leading word boundaries of the
    branches are tested once, in front of all of them.
    """
    bounded: list[str] = []
    free: list[str] = []
    for pattern in patterns:
        for alternative in _alternatives(pattern):
            if alternative.startswith(r"\b"):
                bounded.append(alternative[2:])
            else:
                free.append(alternative)
    parts = [r"\b(?:" + "|".join(bounded) + ")"] if bounded else []
    parts += [f"(?:{a})" for a in free]
    return re.compile("|".join(parts))


FIRST_PERSON = _words("i i'm i've i'd i'll me my myself mine")
WE = _words("we we're we've we'd we'll our ours us ourselves")

FILLER = any_of(
    r"\b(?:um+|uh+|erm+|uhm+|hmm+)\b[,.]?\s*",
    r"\b(?:you know|i mean|so yeah|at the end of the day|needless to say)\b,?\s*",
    # "To be honest" is filler where it opens a sentence or a clause, not where it is
    # what someone has to be ("you have to be honest", "I wanted to be honest about it").
    # (The checks look back from the phrase: a regex starting with a word scans fast.)
    r"\bto be honest\b(?<![a-z0-9'’] to be honest),?\s*",
    r"\b(?:basically|literally|honestly|actually|anyway)\b,\s*",
    # "Like," is filler after a pause or a joining word ("I was, like, a data engineer"),
    # not where it is the verb ("whatever they like, because", "what a 4 looks like, so").
    r"\blike,(?:(?<![a-z0-9'’] like,)|(?<=\bso like,)|(?<=\band like,)|(?<=\bbut like,)|"
    r"(?<=\bwas like,)|(?<=\bis like,))\s*",
    r"\b(?:basically|literally)\s+",
    r"\b(?<!\ba )(?<!\bthe )(?<!\bsame )(?:kind of|sort of)\s+",
)
_SIGNPOSTS = (
    "situation task action result context outcome star challenge impact learning lesson "
    "conclusion summary"
).split()
SIGNPOST = keyed(
    re.compile(r"\b(?:" + "|".join(_SIGNPOSTS) + r")s?\b(?:\s*\([^)]{0,20}\))?\s*[:\-–—]"),
    " ".join(word + plural for word in _SIGNPOSTS for plural in ("", "s")),
)
SIGNPOST_WORD = _words(
    "situation situations task tasks action actions result results context outcome outcomes "
    "star challenge impact"
)
# Words that say a STAR part exists without saying anything: they earn nothing.
HOLLOW = _words(
    """situation task action result outcome context star took take taking done did doing do
    thing things stuff something happen happened good great well bad better best very really
    successful success successfully problem issue issues solved resolved handled dealt worked
    work make made everything overall positive nice fine okay ok important step steps
    various certain relevant appropriate necessary needed time times lot lots kind sort
    basically literally actually just like know mean yeah um uh also obviously always
    approach solution solutions situation challenge challenges impact impactful end day
    able plan planned execute executed executing achieve achieved goal goals"""
)
BUZZWORDS = _words(
    """leverage leveraged leveraging synergy synergies synergistic paradigm paradigms
    holistic holistically innovative innovation disruptive disrupt seamless seamlessly
    robust world-class best-in-class cutting-edge next-gen next-generation game-changer
    game-changing value-add value-added empower empowered empowering cloud-native ai-driven
    ai-powered blockchain agile agility scalable scalability proactive proactively
    dynamic visionary transformational transformative mindset ecosystem ecosystems
    alignment bandwidth circle deep-dive deliverables deliverable move-the-needle
    impactful stakeholder-centric customer-centric data-driven results-driven
    end-to-end frictionless optimize optimized optimizing optimization streamline
    streamlined actionable strategic strategically excellence passionate rockstar
    ninja guru thought-leadership growth-minded technologist thrive thrives thriving
    intersection cross-functional champion championed championing north-star
    operationalize operationalized operationalizes operationalizing orchestrate
    orchestrating orchestrated spearhead spearheaded spearheading greenfield
    self-starter mission-driven force-multiplier multiplier candor servant win-win
    solution-oriented hyperscale hyper-personalized omnichannel composable headless
    future-proof future-proofed category-defining time-to-value
    enterprise-grade zero-trust ai-first ai-augmented customer-obsessed high-performing
    high-performance fast-paced digital-transformation unlock unlocking
    unlocked empathy-driven feedback-rich co-create flourish
    acumen visionary game-changer disruption disrupts
    world-class lifelong embraces"""
)

# "I give a hundred percent", "I'm 100% sure": a figure of speech, not a measurement.
EFFORT_IDIOM = re.compile(
    r"\b(?:(?:give|gives|giving|gave|put|puts|putting)\s+(?:in\s+)?(?:it\s+|my\s+)?"
    r"(?:a\s+|one\s+)?(?:hundred(?:\s+and\s+ten)?|100|110)\s*(?:%|percent|per\s+cent)"
    r"|(?:a\s+|one\s+)?(?:hundred|100)\s*(?:%|percent|per\s+cent)\s+"
    r"(?:sure|certain|committed|confident|honest|focused|invested|behind))",
)
# A share that cannot be: more than all of something ("uptime 340%"), or a fall of more
# than all of it ("costs fell by 180%"). Rises past 100% are real ("revenue grew 212%").
_PERCENT = r"(\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)"
PERCENT = re.compile(_PERCENT)
# A share of a whole: every percentage within SHARE_REACH characters after it counts
# ("uptime went from 99 percent to 340 percent").
SHARE_OF_WHOLE = re.compile(
    r"\b(?:uptime|availability|accuracy|coverage|success rate|hit rate|sla|slo|"
    r"retention|satisfaction)\b"
)
SHARE_REACH = 50
CLAUSE_END = re.compile(r"[.;,]\s|\band\b|\bwhile\b|\bbut\b")
IMPOSSIBLE_FALL = re.compile(
    r"\b(?:reduc|cut|decreas|lower|dropp|fell|fall|shrank|shrunk|sav|slash|trimm)\w*"
    r"[^.;]{0,30}?\bby\s+" + _PERCENT
)
# A closing courtesy ("Thanks for listening!", "Hope that answers it."): polite, not part of
# the story, so never its Result. "Thanks to the cache, ..." is not one.
COURTESY = re.compile(
    r"^\W*(?:(?:many |big )?thanks?\b(?! to\b)|thank you|cheers\b|(?:i )?hope (?:that|this|it) "
    r"(?:answers|helps|makes sense|gives)|that'?s (?:it|all|about it|my (?:answer|story|example))"
    r"\b|any questions\b|(?:i'?m )?happy to (?:go|expand|elaborate|answer|talk)|let me know\b)"
)
COURTESY_MAX_WORDS = 12

NON_ANSWER = re.compile(
    r"^\W*(?:i\s+(?:don'?t|do not)\s+(?:know|have|remember|really)|no idea|not sure|pass\b|"
    r"i'?m not (?:really |too |quite )?sure\b|"
    r"skip\b|n/?a\b|nothing\b|i can'?t (?:think|remember|recall)|i'?d rather not|i have no|"
    r"i haven'?t (?:had|ever|really)|no comment|next question|i never (?:fail|had)|"
    r"i (?:can'?t|cannot) (?:answer|say)|dunno|idk\b|hmm+\W*$)",
)

# Numbers; "one" alone is left out: "one of my colleagues" is not a figure.
_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions "
    "billion half halved double doubled triple tripled quadrupled twice dozen dozens percent "
    "zero thirds quarters"
)
NUMBER = keyed(
    re.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS.split()) + r")\b"), r"\d " + _NUMBER_WORDS
)
# A share said in words, which NUMBER leaves out: "the third sprint" and "last quarter"
# are no numbers, though "a third of the tickets" is a figure (METRIC says which).
SHARE_WORD = keyed(re.compile(r"\b(?:third|quarter|fifth|tenth)\b"), "third quarter fifth tenth")
# A number, in digits or in words.
_NUM = (
    r"\b(?:\d[\d.,]*|(?:a |one )?(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    r"million|billion|dozen|half|zero)(?:[- ](?:two|three|four|five|six|seven|eight|nine|hundred|"
    r"thousand|million))?)"
)
_COUNTED = (
    r"(?:users?|customers?|clients?|requests?|orders?|errors?|tickets?|pages?|incidents?|"
    r"engineers?|people|deploys?|deployments?|releases?|bugs?|calls?|accounts?|sign-?ups?|"
    r"rows?|transactions?|services?|teams?|students?|merchants?|sites?|wards?|checks?|"
    r"stores?|pipelines?|templates?|failures?|crashes|sessions?|leads|deals|dollars|euros|"
    r"pounds|points|queries|jobs|tests|servers|nodes|pods|alerts|cases|downloads|installs|"
    r"visits|conversions|reports|hires|candidates|features|regions|markets|countries|"
    r"files|records|events|messages|emails|notifications|complaints|outages|pages|"
    r"clinics|schools|depots|managers|members|developers|analysts|nurses|lines|screens|"
    r"apps|repos|repositories|modules|components|microservices|machines|dashboards|"
    r"mismatches|migrations|defects|regressions|escalations|rollbacks|refunds|invoices|"
    r"payments|shipments|launches|experiments|issues|vulnerabilities|findings|"
    r"duplicates|blockers)"
)
_DURATION = r"(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)"
# A number a scale word sizes, said in digits or words ("1.2 million", "forty thousand",
# "two hundred thousand"): "a million" and "thousands" stay idioms ("a million things").
_SCALED = (
    r"\b(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?\s+(?:thousand|million|billion)\b"
)
# A figure that measures something: a unit, a percentage, a before/after or a money sign.
# The branches that open with a number share one ``_NUM``, which is tried at every word.
METRIC = any_of(
    _NUM + r"(?:\s*(?:%|x\b|percent|per ?cent|percentage points?|pp\b|k\b|m\b|bn\b|gb\b|"
    r"tb\b|mb\b|qps\b|rps\b|ms\b)"
    r"|\s*" + _DURATION + r" (?:a|per|each|every) (?:day|week|month|sprint|quarter)\b"
    r"|(?:\s+[a-z-]+){0,2}?\s+" + _COUNTED + r"\b)",
    r"[$€£¥]\s?\d",
    # A sum in a currency's code, either side ("EUR 2m", "USD 40,000", "40k EUR").
    r"\b(?:usd|eur|gbp|chf|cad|aud|inr|jpy)\s?\d|\d\s?(?:k|m|bn)?\s?(?:usd|eur|gbp|chf)\b",
    _SCALED,
    # Digits grouped by thousands ("40,000") are a figure, as "forty thousand" is.
    r"\b\d{1,3}(?:,\d{3})+(?![\d,])",
    # A share said as a fraction: "two thirds of the team", "three quarters of it".
    r"\b(?:two|three|four) (?:thirds|quarters|fifths|tenths) of\b",
    # "Fell by a third", "a quarter of the tickets", "to a tenth of what it was": a share
    # said with "a". ("The third sprint", "last quarter" count nothing.)
    r"\bby (?:a |one )?(?:half|third|quarter|fifth|tenth)\b(?! (?:past|to)\b)",
    r"\b(?:a|one) (?:third|quarter|fifth|tenth) (?:of (?:the|our|all|its|their|what|every|"
    r"his|her|my|them|those|these)|as (?:many|much|long|often))\b",
    # A time missed or beaten: "we shipped six weeks late", "two days ahead".
    _NUM + r"\s*" + _DURATION + r"\s+(?:late|behind|early|ahead|sooner|overdue)\b",
    r"(?<=\w)-fold\b",
    r"\bfrom\b[^.;:]{0,40}?" + _NUM + r"[^.;:]{0,25}?\bto\b[^.;:]{0,12}?" + _NUM,
    r"\bby (?:about |roughly |around |over |nearly |almost |more than |at least )?" + _NUM + r"\b",
    r"\b(?:halved|doubled|tripled|quadrupled|cut (?:[\w'’-]+ ){0,3}?in half|twice as|"
    r"(?:two|three|four|five|ten) times (?:faster|more|fewer|less|as))\b",
    r"\b(?:zero|no more|no) (?:\w+ )?(?:incidents?|outages?|pages?|errors?|complaints?|bugs?|"
    r"downtime|breakages?|repeats?|crashes|failures?|tickets?|orders? lost|data loss)\b",
    r"\b(?:in|within|under|to|from|by|after|took|takes|saving|saved) (?:about |roughly |"
    r"around |under |just |only |nearly |over )?" + _NUM + r"\s*" + _DURATION + r"\b",
    # A date met with time to spare: "shipped three days before the deadline".
    _NUM + r"\s*" + _DURATION + r" (?:early|ahead of (?:schedule|time|the \w+)|before (?:the |"
    r"our |its |their )?(?:deadline|due date|cut-?off|launch date|go-live|target date))\b",
)
# A comparison with what something else would have done ("helped me much more than a
# nice comment would have") is a judgement, not a change claimed without its figure.
# ("than I thought it would" is what was expected: a change claimed all the same.)
_BESIDE_WHAT_WOULD = (
    r"(?!(?: [\w-]+)? than (?:(?!(?:thought|think|hoped|feared|planned|expected)\b)[\w'’-]+ )"
    r"{1,6}?(?:would|could|might)\b)"
)
VAGUE_METRIC = keyed(
    any_of(
        # "A lot" measures a change ("improved a lot", "a lot faster"), not a habit or an
        # amount ("I read a lot", "a lot of room in how I solve it").
        r"\b(?:a lot|lots|tons|a ton) (?:better|faster|quicker|more|less|easier|smoother|"
        r"happier|fewer|cheaper|calmer|safer|simpler|clearer|higher|lower|quieter|healthier)\b"
        + _BESIDE_WHAT_WOULD,
        r"\b(?:improv|help|grow|grew|chang|sped|speed|reduc|increas|sav|cut|drop|fell|rose|"
        r"went (?:up|down)|came down|boost|gain|freed|lower|rais|shr[ai]nk|simplif|decreas|"
        r"declin|climb|jump|shorten|learn)\w*(?: [\w']+){0,3}? (?:a lot|lots|tons?|a ton)\b",
        # "Much", "far" and "way" better are one claim in three registers ("so far, more
        # teams" and "as far" are no claim).
        r"\b(?:much|way|(?<!\bso )(?<!\bthus )(?<!\bas )far) (?:better|faster|quicker|happier|"
        r"more|less|fewer|smoother|easier)\b" + _BESIDE_WHAT_WOULD,
        r"\b(?:significantly|dramatically|hugely|greatly|massively|tremendously|substantially|"
        r"drastically|considerably|vastly)\b" + _BESIDE_WHAT_WOULD,
        # A change told by its degree alone ("tickets went down noticeably", "it improved a
        # bit", "slightly faster") claims a measure as much as "a lot" does, and gives none.
        r"\b(?:improv|grow|grew|sped|reduc|increas|drop|fell|rose|went (?:up|down)|came down|"
        r"boost|lower|shr[ai]nk|decreas|declin|climb|jump|shorten)\w*(?: [\w']+){0,3}? "
        r"(?:noticeably|markedly|appreciably|visibly|somewhat|slightly|(?:quite )?a bit|"
        r"a little)\b(?! (?:of|later|after|before|longer|while)\b)",
        r"\b(?:noticeably|markedly|appreciably|visibly|somewhat|slightly|a bit|a little) "
        r"(?:better|faster|quicker|happier|fewer|less|smoother|easier|calmer|cheaper|safer|"
        r"simpler|clearer|quieter)\b" + _BESIDE_WHAT_WOULD,
        r"\breally (?:well|good)\b",
        r"\bimproved (?:things|it|everything|a lot)\b",
        r"\b(?:big|huge|great|major|real|positive) (?:impact|difference|improvement|success|win)\b",
        r"\b(?:everyone|everybody|the team|the client|the customer|management) (?:was|were) "
        r"(?:happy|pleased|satisfied|impressed)\b",
        r"\bwent (?:really |very )?well\b|\bworked out (?:fine|well|great)\b",
    ),
    (
        "lot lots ton tons much far significantly dramatically hugely greatly massively "
        "tremendously substantially drastically considerably vastly way really improved "
        "impact difference improvement success win happy pleased satisfied impressed went "
        "worked noticeably markedly appreciably visibly somewhat slightly bit little"
    ),
)
# A comparative inside a conditional ("that would hurt her far more than one weak number")
# weighs an alternative; it claims no change, so it is no vague figure either ("I would
# say it went much better" is a claim, hedged).
HYPOTHETICAL_COMPARISON = re.compile(
    r"\b(?:would|could|might)(?:n't|n’t)?(?! (?:say|guess|think)\b)(?: [\w'’-]+){0,5}? "
    r"(?:much|way|far|a lot) (?:better|faster|quicker|happier|more|less|fewer|smoother|easier|"
    r"worse|harder|slower)\b"
)
# A comparison in a belief the candidate holds ("I learned that finding problems early saves
# much more time") says how the work goes in general, not how a change went: no vague
# figure. Told in the past ("I realised it was much faster") it is a claim again.
BELIEVED_COMPARISON = re.compile(
    r"\b(?:learned|learnt|realised|realized|believe|know)\b(?: that)?"
    r"(?: (?!(?:was|were|had|got|went|did)\b)(?![\w'’-]+ed\b)[\w'’-]+){1,8}? "
    r"(?:much|way|far|a lot) (?:better|faster|quicker|happier|more|less|fewer|smoother|easier)\b"
)
TIME_MARKER = keyed(
    any_of(
        r"\b(?:last|that|this|the following|the next|the previous|one) (?:year|month|quarter|"
        r"week|spring|summer|autumn|fall|winter|sprint|friday|monday|weekend|night|morning)\b",
        r"\b(?:19|20)\d\d\b",
        r"\b(?:january|february|march|april|june|july|august|september|october|november|"
        r"december)\b",
        r"\bq[1-4]\b",
        r"\b(?:\d+|two|three|four|five|six|eight|ten|twelve|a few|several|a couple of)\s+"
        r"(?:weeks?|months?|days?|hours?|minutes?|years?|quarters?|sprints?)\b",
        r"\b(?:deadline|yesterday|at the time|back then|black friday|cyber monday|"
        r"overnight|at \d+\s?(?:a\.m|p\.m|am|pm))",
        # "I was on call" says when; "the on-call engineer" names a role, at any time.
        r"\bon[ -]call\b(?!\s+(?:engineers?|developers?|devs?|leads?|person|people|sres?|"
        r"managers?|responders?)\b)",
        r"\bwhen i (?:was|joined|started)\b|\bmy first (?:week|month|year|job|role)\b",
        # A promotion or review comes in a cycle: "he got promoted that cycle".
        r"\b(?:that|this|last|the next|the following|the last) (?:promo(?:tion)? |review |"
        r"performance )?cycle\b(?! of)",
        r"\b(?:previous|former|last|current) (?:job|role|company|employer|team)\b",
    ),
    (
        r"\d year years month months quarter quarters week weeks day days hour hours minute "
        r"minutes sprint sprints spring summer autumn fall winter weekend night morning "
        r"january february march april june july august september october november december q1 "
        r"q2 q3 q4 friday* monday* deadline* yesterday* time* then* call* overnight* when job "
        r"role company employer team cycle"
    ),
)
STAKES = keyed(
    any_of(
        r"\bat stake\b|\brisk(?:ed|ing|s)?\b|\bwould have\b|\bcould have\b",
        r"\b(?:cost|costing|losing|lose|lost|churn(?:ed)?|revenue|contract|renewal|fine[sd]?|"
        r"audit|regulat\w*|compliance|penalt\w+|sla)\b",
        r"\b(?:customers?|users?|clients?|orders?|payments?) (?:were|was|are|could|would) "
        r"(?:affected|impacted|blocked|stuck|unable|failing|waiting)\b",
        r"\b(?:outage|downtime|down for|blocked|blocking|critical|urgent|escalat\w+|launch|"
        r"go-live|board|investors?|biggest (?:customer|client|account))\b",
        # Time thrown away is a cost: "we wasted two sprints", "the discussion went in
        # circles for twenty minutes".
        r"\b(?:wasted|wasting|went (?:round |around )?in circles)\b",
    ),
    (
        "wasted wasting circles "
        "stake risk risked risking risks would could cost costing losing lose lost churn "
        "churned revenue contract renewal fine fines fined audit regulat* compliance penalt* "
        "sla affected impacted blocked stuck unable failing waiting outage downtime down "
        "blocking critical urgent escalat* launch go board investor investors biggest"
    ),
)
TASK_MARKER = keyed(
    any_of(
        r"\bmy (?:job|role|task|goal|responsibility|remit|mandate|brief|assignment|aim|"
        r"objective|area|call|deadline|deliverable)\b",
        r"\bi(?: was|'d been| had been| am|'m) (?:\w+ )?(?:responsible|accountable|asked|tasked|"
        r"in charge|assigned|the owner|the lead|leading|on call|on-call|the on-call|hired|"
        r"brought in|expected|supposed|the only|the one who)\b",
        r"\bi(?:'ve| have)? (?:owned|own|needed to|had to|wanted to|set out to|aimed to|"
        r"volunteered to|took (?:it )?on|took ownership|agreed to|promised|committed to|"
        r"was given|inherited)\b",
        r"\b(?:the|our|my) (?:goal|task|brief|mandate|target|objective|requirement|ask|job)\b"
        r"(?: [\w'-]+){0,6}? (?:was|were|is)\b",
        r"\bi'?d be (?:owning|responsible|leading|accountable|in charge)\b",
        r"\bas (?:the )?(?:only|sole|incident commander|tech lead|team lead|lead|owner|"
        r"on-call|manager|pm|product manager|developer|engineer)\b",
        r"\bon call for\b|\bon-call for\b|\bdue (?:on |by )?(?:monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday|the|next|in|\d)",
        r"\b(?:needed|had) to (?:\w+ ){0,6}(?:by|before|within|without|in time|under)\b",
        r"\b(?:without (?:breaking|downtime|losing|hiring|extra)|on a budget|budget of|"
        r"deadline|constraint|in (?:two|three|four|six|\d+) (?:weeks|days|months))\b",
    ),
    (
        "job role task goal responsibility remit mandate brief assignment aim objective area "
        "call deadline deliverable responsible accountable asked tasked charge assigned owner "
        "lead leading hired brought expected supposed only who owned own needed had wanted "
        "set aimed volunteered took agreed promised committed given inherited target "
        "requirement ask owning sole incident tech team manager pm product developer engineer "
        "due without budget constraint weeks days months"
    ),
)
# In a story of growing someone, their career goal is the one the candidate took up ("Daniel
# told me he wanted to get to senior within a year"): a task, though not said as their own.
THEIR_GOAL = keyed(
    any_of(
        r"\b(?:he|she|they|who) (?:really )?(?:wanted|hoped|was hoping|was aiming|aimed) to "
        r"(?:reach|get to|become|be promoted|get promoted|move up|move into|grow into|step up|"
        r"step into)\b"
    ),
    "wanted hoped hoping aiming aimed",
)
# What a design leaves out, said in any of the usual ways: "voice and video are out",
# "co-editing is out of scope", "analytics is a non-goal", "we can leave billing out".
_EXCLUDED = (
    r"\b(?:is|are) (?:left )?out\b(?! of (?:date|stock|memory|order|sync|hand|the|a|our|its))"
    r"|\bout of scope\b|\bnot in scope\b|\bnon-goals?\b"
    r"|\b(?:leave|leaving|left) (?:\w+ ){1,3}out\b"
)
TECH_EXCLUDED = keyed(any_of(_EXCLUDED), "out scope non goal goals")
TECH_SCOPE = keyed(
    any_of(
        r"\bscope\b|\bassum\w*|\bclarif\w*",
        # Finding out first is clarifying the problem: "I'd first find which queries hurt".
        r"\bfirst,? i'?d (?:want to )?(?:ask|pin|check|clarify|size|find|look|measure|confirm|"
        r"understand)",
        r"\bi'?d first (?:want to )?(?:ask|check|clarify|find|look|measure|profile|pin|confirm|"
        r"understand)",
        r"\bbefore (?:picking|choosing|designing) anything\b",
        r"\bi'?d (?:start|begin) (?:by (?:asking|checking|looking|finding|measuring|confirming)|"
        r"with (?:data|the data|what|which|who|why|a question))\b",
        # The same, spelt out: "First I would check ...", "I would first ask ...".
        r"\bfirst,? i (?:would|will) (?:want to )?(?:ask|pin|check|clarify|size|find|look|"
        r"measure|confirm|understand)",
        r"\bi (?:would|will) first (?:want to )?(?:ask|check|clarify|find|look|measure|profile|"
        r"pin|confirm|understand)",
        # Where the work starts, spelt out or from the evidence: "I would start from real
        # user data", "I'll begin with what the crash reports say".
        r"\bi (?:would|will) (?:start|begin) (?:by (?:asking|checking|looking|finding|measuring|"
        r"confirming)|with (?:data|the data|what|which|who|why|a question))\b",
        r"\bi(?:'?d| would| will) (?:start|begin) from (?:the |our |real |actual |field )*"
        r"(?:user )?(?:data|numbers|metrics|measurements?|evidence)\b",
        # What must hold before anything else: "First, crash reporting has to be readable".
        r"^\s*first,? [^,.;:]{0,40}?\b(?:has|have|needs?) to be\b",
        # "Say 10,000 keys." or "Scale: say 40,000 orders" states an assumption, and so
        # does an aside that sizes a load ("writes beyond one primary, say 300k a second");
        # a bare figure mid-sentence ("if it goes over the limit, say 100, we reject") is
        # an example.
        r"(?:^|[:;]\s*|\blet'?s |\blet us )say \d",
        r"\bsay \d[\d,.]*\s?[km]? (?:\w+ ){0,2}(?:per|a|an|each) "
        r"(?:second|minute|hour|day|week|month|year)\b",
        r"\bsize it\b|\bwho are (?:we|the)\b|\bhow (?:many|big|much)\b",
        r"\b(?:requests|reads|writes|queries|events|links|users|messages|redirects) (?:per|a) "
        r"(?:second|minute|day|month)\b|\b[qr]ps\b|\bread[- /]heavy\b|\bread/write\b",
        r"\b(?:the|this|our) (?:endpoint|service|system|api|table|workload|site) (?:is|was|gets|"
        r"serves|handles)\b",
        r"\bin scope\b|\bout of scope\b|\bthis is a\b|\baccess patterns?\b",
        r"\b(?:did|built|ran|had) (?:exactly )?this at\b|\bat my (?:last|previous|current) "
        r"(?:job|company|team)\b",
    ),
    (
        "scope assum* clarif* first anything asking checking looking finding measuring "
        "confirming with from say size who how second minute day month "
        "qps rps read endpoint service system api table workload site this access job company "
        "team"
    ),
)
# Scale said of whatever a design moves or serves: "5 million notifications a day", "300
# million daily users", "10k writes per second". Up front it sizes the problem; later the
# same words are as often a threshold or an outcome (see roles).
TECH_SIZING = keyed(
    any_of(
        r"\b(?:\d[\d,.]*\s?[km]?|million|billion|thousand) (?:\w+ ){0,2}(?:per|a|an|each) "
        r"(?:second|minute|hour|day|week|month|year)\b",
        r"\b(?:\d[\d,.]*\s?[km]?|million|billion|thousand) (?:(?:daily|monthly|weekly|active|"
        r"concurrent|paying|registered) )*(?:users|customers|clients|devices|tenants|"
        r"subscribers|merchants|drivers|accounts|people|employees|readers|players|sellers|"
        r"buyers|members)\b",
    ),
    (
        "second minute hour day week month year users customers clients devices tenants "
        "subscribers merchants drivers accounts people employees readers players sellers "
        "buyers members"
    ),
)
# A target set with its figure ("I'd target 99.9% of requests", "the goal is p99 under
# 200 ms"): a goal stated, as a requirement is. "Target leakage" and "our target users"
# carry no figure within reach.
TECH_TARGET = keyed(
    re.compile(
        r"\b(?:target(?:s|ed|ing)?|aim(?:s|ed|ing)?\s+(?:for|at)|goal\s+(?:is|was|of|would\s+be))"
        r"\b[^.;:]{0,50}?\d",
        re.IGNORECASE,
    ),
    "target targets targeted targeting aim aims aimed aiming goal",
)
PERCENT_FIGURE = re.compile(r"\d\s*(?:%|percent\b)|\bnines\b", re.IGNORECASE)
# What a target is measured by: a window, a threshold or what is counted. A target with
# none of these ("a high availability target like 99.99%") is its figure alone.
TARGET_MEASURE = re.compile(
    r"\b(?:over|per|rolling|window|within|under|below|above|ms|seconds?|minutes?|hours?|days?|"
    r"weeks?|months?|quarters?|years?|requests?|calls?|queries|errors?|p\d\d)\b|\d+\s*ms\b",
    re.IGNORECASE,
)
# The speaker's own step said as a need ("we need to compare the price", "you need to
# know which half failed") or a need denied ("we don't need to maintain it"): a step of
# the approach, or none, not a requirement. "We need to watch 2,000 hosts" states one.
SPEAKER_NEED = keyed(
    re.compile(
        r"\b(?:i|we|you)(?:'d|'ll|\s+would|\s+will|\s+(?:just|also|first|then|still|really|"
        r"probably|might|may))*\s+(?:(?:do|did|does|would|will)(?:n't|\s+not)\s+(?:need|have)"
        r"\s+to|(?:need|have)\s+to\s+(?:(?:first|also|then|really|carefully)\s+)?(?:compare|"
        r"check|decide|figure|look|think|consider|talk|ask|understand|evaluate|measure|monitor|"
        r"investigate|find|see|know|make\s+sure|be\s+careful|test|weigh|discuss|review|"
        r"agree|convince|explain))\b",
        re.IGNORECASE,
    ),
    "need have",
)
TECH_REQUIREMENT = keyed(
    any_of(
        r"\brequirements?\b|\bmust\b|\bneeds? to\b|\bgoal\b|\bhas to\b|\bshould never\b",
        r"\bnon-functional\b|\bp9\d\b|\bunder \d+\s?ms\b|\bexactly[- ]once\b|\bsla\b|\bslo\b",
        r"\b(?:rpo|rto)\b|\brecovery (?:point|time) objective\b",
        r"\b(?:latency|availability|consistency|durability|throughput) (?:of|under|target|budget|"
        r"must|should|matters)\b|\bbudget of\b|\bwithout (?:downtime|losing)\b",
    ),
    (
        r"requirement requirements must need needs goal has should non \d under exactly sla "
        "slo latency availability consistency durability throughput budget without rpo rto "
        "recovery"
    ),
)
# A reason that says only that the target matters ("since it's important", "because
# it's very important for revenue"): no use it serves, no constraint, no cost weighed.
HOLLOW_REASON = re.compile(
    r"\b(?:since|because|as|cause)\s+(?:it'?s|it is|that'?s|that is|this is|it'?s just|"
    r"(?:the )?\w+ (?:is|are))\s+(?:(?:very|really|so|super|quite|extremely|pretty|"
    r"obviously|clearly)\s+)?(?:important|critical|crucial|essential|vital|key|a priority|"
    r"business[- ]critical|mission[- ]critical)(?:\s+(?:for|to)(?:\s+(?:the|our|us|its))?"
    r"(?:\s+[\w-]+)?)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
TECH_TRADEOFF = keyed(
    any_of(
        r"\btrade-?offs?\b|\bdownsides?\b|\bdrawbacks?\b|\bat the cost of\b|\bcosts?\b",
        r"\bfail(?:s|ed|ure|ures)?\b|\bfail[- ](?:open|closed)\b|\bfallback\b|\bdegrad\w+",
        r"\bif (?:\w+ ){0,3}(?:is |goes |are )?"
        r"(?:down|unavailable|unreachable|fails|crashes|slow)\b",
        r"\brisk\b|\bstale\b|\bstampede\b|\bbottleneck\b|\bhot keys?\b|\bedge cases?\b",
        r"\bthe (?:hard|tricky|nasty|awkward) (?:part|case|bit)\b|\bgive up\b|\bwe lose\b",
    ),
    (
        "trade tradeoff tradeoffs downside downsides drawback drawbacks cost costs fail fails "
        "failed failure failures fallback degrad* down unavailable unreachable crashes slow "
        "risk stale stampede bottleneck hot edge hard tricky nasty awkward give lose"
    ),
)
# Words that promise a quality without saying how it is reached ("handle the retries
# properly", "make sure it stays correct", "keep it simple and robust"): a sentence of a
# technical answer that leans on them tells no working, however long it is.
TECH_PROMISE = keyed(
    any_of(
        r"\b(?:properly|correctly|carefully|appropriately|sensibly)\b",
        r"\bkeep (?:it|things|them) simple\b|\bsimple and robust\b|\bkeep an eye on\b",
        r"\b(?:the|any|all|those) edge cases\b|\bmakes? sense\b",
        r"\bmak(?:e|es|ing) sure (?:that )?(?:it|everything|things) (?:works?|is|are|stays?)\b",
        r"\b(?:if|when) (?:anything|something) goes wrong\b",
        # Reassurances: a guarantee with no mechanism behind it ("users will never see
        # stale data", "it will handle any amount of traffic", "nothing to worry about").
        r"\bnothing to worry about\b|\bany amount of\b|\bbest practices?\b",
        r"\b(?:will|would|'ll) (?:always|never)\b|\bsecure and reliable\b",
    ),
    (
        "properly correctly carefully appropriately sensibly simple eye edge sense sure wrong "
        "nothing amount best secure will would ll"
    ),
)
# How a part of a design behaves, said in any words: a condition, a sequence, a purpose
# ("if the same number comes in again", "only one request rebuilds it", "so two tries
# can't both get through").
TECH_WORKING = keyed(
    any_of(
        r"\b(?:if|when|whenever|once|until|unless|so|only|since|because|before|after|instead"
        r"|while)\b",
    ),
    "if when whenever once until unless so only since because before after instead while",
)
# Weaker signs of weighing options: a contrast, an alternative, a safety net.
TECH_CONTRAST = keyed(
    any_of(
        r"\bbut\b|\bhowever\b|\brather than\b|\binstead of\b|\balternative\b|\bwhereas\b",
        r"\bmonitor\w*|\balert\w*|\bretry\b|\breconcil\w+|\bsweeper\b|\bexpire\w*|\bttl\b",
    ),
    (
        "but however rather instead alternative whereas monitor* alert* retry reconcil* "
        "sweeper expire* ttl"
    ),
)
BEFORE_AFTER = keyed(
    any_of(
        r"\bfrom\b[^.;:]{0,40}?" + _NUM + r"[^.;:]{0,25}?\bto\b",
        r"\b(?:went|dropped|fell|rose|grew|cut|brought|took)\b[^.;:]{0,30}?"
        r"\b(?:from|down to|up to)\b",
        r"\bbefore\b[^.;:]{0,40}\bafter\b|\binstead of\b[^.;:]{0,20}" + _NUM,
    ),
    "from went dropped fell rose grew cut brought took before instead",
)
DEFLECTION = keyed(
    any_of(
        r"\b(?:talk|tell you|speak|focus) about (?:[\w'-]+ ){0,6}instead\b",
        r"\blet me (?:talk|tell you) about (?:that|this|something)\b",
        r"\bthe (?:bigger|more important|real) (?:issue|question|problem|decision) "
        r"(?:is|here|with)\b",
        r"\bcan i (?:tell you|talk) about\b|\brather than answer\b|\binstead of answering\b",
        r"\bdifferent question\b|\bnot (?:really )?what you asked\b",
    ),
    ("instead let issue question problem decision can rather different asked"),
)
NON_ANSWER_PHRASE = any_of(
    r"\bnothing (?:really )?comes to mind\b|\bcan'?t think of (?:one|any|anything)\b",
    r"\b(?:isn'?t|not) (?:really )?my (?:area|thing|field)\b|\bno idea\b",
    r"\bi (?:don'?t|do not) (?:really )?(?:know|have an answer|think in terms)\b",
    r"\b(?:have|need) to look it up\b|\bi'?d rather (?:not|you|do|skip)\b",
    r"\bcome back to (?:this|that|it)\b|\bskip (?:this|that|it)\b|^\W*pass\b",
    r"\bi haven'?t (?:\w+ )?(?:done|designed|built|had|used|worked on) (?:one|that|this|any)",
    r"\bit'?s all on my (?:cv|resume|résumé)\b|\bask (?:them|someone else|another team)\b",
    r"\bi never (?:really )?(?:fail|failed|had a conflict|disagree)\b",
)
REASONING = keyed(
    any_of(
        r"\bbecause\b|\bso that\b|\bin order to\b|\bto make sure\b|\bto avoid\b|\bto ensure\b",
        r"\bthe reason\b|\bwhich meant\b|\brather than\b|\binstead of\b|\btrade-?offs?\b",
        r"\bthat way\b|\bsince (?:it|the|we|they|that|our)\b|\bgiven that\b|\bwhy\b",
        # A purpose said in an infinitive: "I skipped the load test to hit the date". Not
        # after a verb that makes it the thing done ("I had to meet the deadline").
        "".join(
            rf"(?<!\b{word} )"
            for word in (
                "had have has need needed needs want wants wanted going used able asked "
                "decided try tries trying tried managed agreed chose planned promised hope "
                "hoped hoping expected supposed started began help helped"
            ).split()
        )
        + r"\bto (?:hit|meet|keep|save|protect|buy|free up|unblock|limit|contain|de-?risk|"
        r"stop|prevent|spare|shield|cut) (?:the|our|a|an|my|their|time|costs?|money|"
        r"customers|users)\b",
    ),
    (
        "because so order sure avoid ensure reason meant rather instead trade tradeoff "
        "tradeoffs way since given why hit meet keep save protect buy free unblock limit "
        "contain derisk risk stop prevent spare shield cut"
    ),
)
LESSON = keyed(
    any_of(
        # ("Realistic" is no realising: "the new one was more realistic".)
        # What a step found out about someone ("I asked her and learned she was stuck on
        # the build", "learned the build had been failing") is part of the action.
        r"\blearn(?:ed|t|ing)?\b(?!\s+(?:that\s+)?(?:she|he|they|(?:the|his|her|their)\s+\w+"
        r"(?:\s+\w+)?)\s+(?:was|were|had|wasn['’]t|weren['’]t|hadn['’]t|didn['’]t)\b)"
        r"|\blessons?\b|\btaught me\b|\breali[sz](?!t|m)",
        # What the candidate took from it: "What I took away was ...", "the main thing I
        # took away", "I took away that ...", "my takeaway", "the takeaway for me". Not
        # what was removed ("we took away the bot's admin rights", "it took away two hours
        # of checks"), nor a meal ("takeaway orders").
        r"\b(?:what|things?|one) (?:i|we)(?:['’]d|['’]ve| would| have| had)? (?:\w+ )?"
        r"(?:took|take|taken) away\b",
        r"\b(?:i|we) (?:\w+ )?took away (?:that|from|(?:two|three|a few|a couple of) "
        r"(?:\w+ )?(?:things|points|ideas))\b",
        r"\bmy (?:\w+ )?take-?aways?\b|\b(?:main|key|biggest|big|real|first|one|personal) "
        r"take-?aways?\b|\btake-?aways? (?:for me|here|from (?:it|this|that)|(?:was|is) "
        r"(?:that|to))\b",
        r"\bsince then\b|\bever since\b|\bfrom then on\b|\bgoing forward\b|\bthese days\b",
        r"\bnow i\b|\bi now\b|\bi always\b|\bi never\b|\bnext time\b|\bthe next (?:time|quarter|"
        r"project|release|launch)\b",
        # A habit taken up or dropped ("I started writing ...", "I stopped ..."), not a
        # first step ("I started by reading the last audit report") nor where a career
        # began ("I started out in support", "I started as a tester at a bank").
        r"\bchanged (?:how|the way|my)\b|\bhabit\b|\bi (?:started|stopped|began)\b"
        r"(?! (?:by|with|from|off|out|my career|in|as|at|on|there)\b)",
        r"\bwould do differently\b|\bdo (?:it )?differently\b|\bin hindsight\b",
    ),
    (
        "learn learned learnt learning lesson lessons taught realis* realiz* away takeaway "
        "takeaways aways since then forward days now always never next changed started "
        "stopped began habit differently hindsight"
    ),
)
# A new way of working: a step added to how the work is done ("added a load test gate to
# our release checklist", "made design reviews mandatory", "wrote a runbook"), or a habit
# taken up ("now I always ...", "I started writing ..."). Not a result: the change itself.
PRACTICE = keyed(
    any_of(
        r"\b(?:add(?:ed|ing)?|introduc\w*|institut\w*|set up|put in place|establish\w*|adopt\w*)"
        r"\b[^.;:]{0,50}?\b(?:checklists?|gates?|steps?|stages?|reviews?|runbooks?|playbooks?|"
        r"process(?:es)?|polic(?:y|ies)|rules?|templates?|checks?|guidelines?|rotas?|"
        r"sign-?offs?|(?:test |device )?matri(?:x|ces)|test suites?)\b",
        r"\b(?:made|make|making)\b[^.;:]{0,40}?\b(?:mandatory|compulsory|required|a rule|"
        r"a requirement)\b",
        r"\bwr(?:ote|ite|itten)\b[^.;:]{0,30}?\b(?:runbooks?|playbooks?|checklists?)\b",
        r"\bnow i\b|\bi now\b|\bi always\b|\bfrom then on\b|\bgoing forward\b",
        r"\bi (?:started|stopped|began) \w+ing\b",
        # "Now for any external integration I ask for a spike first": a rule for a kind of
        # work, said before the "I" it binds.
        r"\bnow,? (?:for|on|with|before|when|whenever|in|at) (?:any|every|each|all)\b"
        r"(?: [\w'’-]+){1,5}?,? i (?:always |usually |first )?(?!was\b|had\b|think\b|feel\b)\w+",
    ),
    (
        "add added adding introduc* institut* set put establish* adopt* made make making "
        "wrote write written now always from going started stopped began"
    ),
)
# "I did not learn anything", "I changed nothing afterwards": a lesson's words, denied.
NO_LESSON = re.compile(
    r"\b(?:did not|didn['’]t|never|not) (?:really |actually )?(?:learn|change)\w*"
    r"|\b(?:learn(?:ed|t)|changed|taught me) (?:nothing|very little|little)\b"
    r"|\bnothing (?:changed|was learned)\b"
)
OUTCOME = keyed(
    any_of(
        # ("I grew up in a small town" is no outcome.)
        r"\b(?:reduc|cut|increas|improv|dropp|fell|rose|grew(?! up\b)|grown(?! up\b)|sav|"
        r"shrank|halv|doubl|tripl|shorten|lower|boost|recover|restor|prevent|eliminat|remov|"
        r"avoid|fix|shipp|launch|relaunch|deliver|releas|complet|finish|won|renew|retain|promot|adopt|"
        r"pass|clos|resolv|stabilis|stabiliz)\w*\b",
        r"\bwent from\b|\bdown from\b|\bup from\b|\bon time\b|\bahead of\b|\bas a result\b",
        # A figure raised, not a matter raised with someone ("I raised it in our one-on-one").
        r"\brais\w*\b(?! (?:it|this|that|them|the (?:issue|topic|point|question|concern|problem|"
        r"alarm|risk)|an? (?:concern|flag|question|point|issue|risk)|concerns|questions|issues|"
        r"risks|with|in|at|(?:my|our|his|her|their) (?:concerns?|questions?|issues?|doubts?|"
        r"hand|voice))\b)",
        r"\b(?:was|were|came|is|are) back\b|\bback (?:up|online|to normal|under|within)\b",
        r"\bin the end\b|\bended up\b|\bnever (?:recurred|happened again)\b|\bhasn'?t happened\b",
        r"\bresult(?:ed|s)? (?:in|was)\b|\boutcome was\b|\bthe impact\b|\bfeedback\b|\bnow\b",
        # What did not happen: "ran with no downtime", "none of our 40 migrations caused
        # an outage", "the check caught two mismatches".
        r"\b(?:with|had) (?:no|zero) (?:\w+ )?(?:downtime|outages?|incidents?|errors?|"
        r"complaints?|bugs?|failures?|escalations?)\b",
        r"\bnone of (?:\w+ ){0,4}(?:caused|failed|broke|needed|had|hit)\b|\bcaught\b",
        # What the next of them were like: "the next critiques were much more focused",
        # "the next two releases went out clean".
        # ("The next steps were ..." and "the next few weeks were hectic" tell no outcome.)
        r"\bthe next (?!(?:steps|few|couple|days|weeks|months|years|hours|minutes|sprints|"
        r"quarters)\b)(?:\w+ ){0,2}(?!(?:steps|days|weeks|months|years|hours|minutes|sprints|"
        r"quarters)\b)\w+s "
        r"(?:were|went|ran|felt|stayed|came)\b",
        # A trouble that has not come back: "we haven't had a skew incident since".
        # ("We didn't hit it again" is as often a wish: "to make sure we didn't hit it again".)
        r"\b(?:haven['’]?t|hasn['’]?t|have not|has not) (?:had|have|seen|"
        r"see|hit|gotten|got)\b(?: (?!time\b)[\w-]+){0,4}? (?:incidents?|outages?|errors?|"
        r"complaints?|bugs?|failures?|escalations?|pages?|issues?|problems?|regressions?|"
        r"tickets?|one)"
        r"(?: like (?:it|that|this))? (?:since|again)\b",
    ),
    (
        "reduc* cut* increas* improv* dropp* fell* rose* grew* grown* sav* shrank* halv* "
        "doubl* tripl* shorten* lower* rais* boost* recover* restor* prevent* eliminat* "
        "remov* avoid* fix* shipp* launch* relaunch* deliver* releas* complet* finish* won* "
        "renew* "
        "retain* promot* adopt* pass* clos* resolv* stabilis* stabiliz* from time ahead "
        "result resulted results back end ended never hasn hasnt outcome impact feedback now "
        "with had none caught haven havent have has next"
    ),
)
HEDGE = keyed(
    any_of(
        r"\bi (?:think|guess|suppose|believe|don'?t (?:really )?(?:remember|know)|"
        r"can'?t remember)\b",
        r"\bmaybe\b|\bprobably\b|\bor (?:maybe|something|whatever|it might)\b|\bsomehow\b",
        r"\bsomething (?:like|about|with)\b|\bsome (?:stuff|things|other ones)\b|\bwhatever\b",
        r"\ba bit of everything\b|\bnot (?:totally |really )?sure\b|\bit'?s hard to tell\b",
        r"\bit depends\b|\bi'?m not sure\b|\bor so\b|\bor whatever\b",
    ),
    (
        "think guess suppose believe don dont can cant maybe probably something whatever "
        "might somehow stuff things ones everything sure hard depends so"
    ),
)
DIGRESSION = keyed(
    any_of(
        r"\bby the way\b|\bfunny (?:story|thing)\b|\bside note\b|\btangent\b|\bdigress\b",
        r"\bmy (?:dog|cat|kids?|wife|husband|partner|family|mum|mom|dad|holiday|vacation|"
        r"weekend|hobby|hobbies|lunch|coffee|car|commute|apartment|flat|gym|daughter|son|toddler)\b",
        # Not "holiday": "a public holiday in a big market" is the story, and "my holiday"
        # is caught above. Not "anyway": it comes back to the point ("… cap us anyway").
        r"\b(?:weather|football|soccer|netflix|recipe|cooking|hiking|marathon|yoga|"
        r"video games?|ramen|book club|diet)\b",
        r"\bwhere was i\b|\bwhat was i saying\b|\bgetting off track\b",
    ),
    (
        "way funny side tangent digress dog cat kid kids wife husband partner family mum mom "
        "dad holiday vacation weekend hobby hobbies lunch coffee car commute apartment flat "
        "gym daughter son toddler weather football soccer netflix recipe cooking hiking "
        "marathon yoga video ramen book diet where what getting"
    ),
)
# Life outside work: a story set here does not answer a question about work.
PERSONAL = keyed(
    any_of(
        r"\b(?:landlord|landlady|tenant|tenancy|rent|lease|deposit|flatmates?|housemates?|"
        r"roommates?|neighbou?rs?|mortgage|apartment|my flat|my house|letting agent)\b",
        r"\bmy (?:dog|cat|kids?|children|wife|husband|girlfriend|boyfriend|family|mum|mom|dad|"
        r"parents|brother|sister|daughter|son|toddler|baby|wedding|holiday|vacation|weekend|"
        r"hobby|hobbies|gym|car|bike|garden|church|neighbou?r)\b",
        r"\b(?:marathon|half marathon|running club|five-a-side|football club|yoga|hiking|"
        r"sourdough|baking|recipe|wedding|honeymoon|road trip|camping|"
        r"video games?|netflix|book club|choir|band practice)\b",
        # A holiday taken ("on holiday last week"), not a business's calendar: "holiday
        # weeks", "holiday error" and "holiday features" are what a forecast is about.
        r"\b(?:holiday|vacation)\b(?!\s+(?!(?:in|to|at|with|for|on|and|or|was|is|we|i|my|"
        r"the|a|last|this|that|after|before|when|so|but|of)\b)[a-z])",
    ),
    (
        "landlord landlady tenant tenancy rent lease deposit flatmate flatmates housemate "
        "housemates roommate roommates neighbour neighbours neighbor neighbors mortgage "
        "apartment flat house letting dog cat kid kids children wife husband girlfriend "
        "boyfriend family mum mom dad parents brother sister daughter son toddler baby "
        "wedding holiday vacation weekend hobby hobbies gym car bike garden church marathon "
        "running five football yoga hiking sourdough baking recipe honeymoon road camping "
        "video netflix book choir band"
    ),
)
# Red flags an interviewer hears at once, whatever else the answer says.
FLATTERY = keyed(
    any_of(
        r"\b(?:the )?best (?:company|employer|team|place to work)(?: in| on| of)? "
        r"(?:the )?(?:industry|world|market|planet|country|earth)\b",
        r"\byou(?:['’]re| are) (?:simply |just |clearly )?the best\b",
        r"\beveryone knows (?:it|that)\b",
        r"\b(?:my )?dream (?:company|job|employer)\b|\b(?:amazing|incredible|legendary|"
        r"world-class|iconic) (?:company|brand|employer)\b",
        # Said of the interviewer's company, not of a runbook in a story.
        r"\b(?:you(?:['’]re| are)|your (?:company|team|product) is) (?:simply |clearly )?the gold "
        r"standard\b|\beveryone wants to work (?:here|there|for you)\b",
    ),
    "best you re are everyone dream amazing incredible legendary world class iconic gold",
)
MONEY_FIRST = keyed(
    any_of(
        r"\b(?:pays?|paying) (?:\d+ ?(?:%|percent) |a lot |much |way )?(?:more|better)\b",
        r"\b(?:the |a )?(?:salary|pay|money|compensation|bonus|perks|stock options) "
        r"(?:is|are|was|were|would be) (?:a lot |much |way |far )?(?:better|higher|bigger|great|"
        r"good)\b",
        # "I'd get paid more", "I'd be getting about 30% more." (more of what the speaker
        # earns, not "30% more sellers through verification")
        r"\bi(?:['’]d| would)? (?:get|be) paid (?:a lot |much |way |far )?more\b",
        r"\bi(?:['’]d| would) be getting (?:about |around |roughly |nearly )?\d+ ?(?:%|percent) "
        r"more(?= *(?:[.,;:!?]|$|than\b|money\b|pay\b))",
        r"\b(?:for|because of|it['’]s about|mainly|mostly|just|only) (?:the )?"
        r"(?:money|salary|pay|perks|bonus)\b",
        r"\b(?:closer to|near) (?:my (?:home|house|flat|place)|where i live)\b|\bshorter commute\b|"
        r"\bcommute would\b",
        # "I would love a higher salary", "I'm looking for more money"
        r"\b(?:want|wanted|love|like|need|looking for|hoping for) (?:a |to earn )?(?:much |a lot )?"
        r"(?:higher|bigger|better|more) (?:salary|pay|money|compensation|package)\b",
        # "the commute is two hours", "my commute is killing me"
        r"\b(?:the|my) commute (?:is|was|takes|took) (?:just |far |way )?(?:too |so |really )?"
        r"(?:long|awful|terrible|brutal|killing|(?:an?|one|two|three|four|\d+)"
        r"(?: and a half)? hours?)\b",
    ),
    "pays pay paying paid salary money compensation bonus perks stock for because it mainly "
    "mostly just only closer near shorter commute want wanted love like need looking hoping "
    "paid getting",
)
DISPARAGES = keyed(
    any_of(
        r"\b(?:manager|boss|lead|cto|ceo|company|team|colleagues?|management|employer|"
        r"coworkers?|co-workers?) (?:is|are|was|were) (?:an? |such an? |just |totally |"
        r"completely )?(?:idiots?|incompetent|useless|toxic|clueless|stupid|morons?|a joke|"
        r"a sinking ship|awful|terrible|hopeless|lazy)\b",
        r"\bsinking ship\b|\bi (?:hate|can['’]?t stand) (?:my|the|our)\b",
        # "He micromanages everything and takes credit for the team's work." Said of a
        # boss, in the present: "new managers often micromanage; I did" owns a habit, and
        # "they take credit in front of the team" is praise a mentor gives.
        r"\b(?:(?:my|our) (?:manager|boss|lead|cto|ceo)|management|he|she) (?:micro-?manages|"
        r"takes (?:all )?(?:the )?credit for (?:my|our|the team['’]s|everyone['’]s))\b",
        # Present tense only: "the team was a mess when I joined" is a turnaround story.
        r"\b(?:my|our) (?:company|organisation|organization) is (?:pretty |so |really |just |"
        r"totally )?(?:badly run|poorly run|dysfunctional)\b",
        r"\b(?:leadership|management) (?:has|had) lost the plot\b",
        r"\b(?:is|was) (?:all )?(?:his|her|their|management['’]s) fault\b",
        r"\bdesperate to (?:leave|get out)\b",
    ),
    "manager boss lead cto ceo company team colleague colleagues management employer coworker "
    "coworkers co workers sinking hate can cant fault desperate micromanages micro takes "
    "badly poorly dysfunctional lost",
)
# Colleagues run down by what they are: "the previous team had no idea what they were
# doing", "the contractors, who frankly weren't very good", "the DBAs didn't really
# understand our app". Said of people at work only, never of the candidate ("my estimate
# was honestly pretty bad" owns a mistake), users or learners ("new users had no idea
# what they were doing", "interns who weren't very good at tests yet": see
# LEARNERS_OR_USERS). Heard in technical answers too.
_COLLEAGUES = (
    r"(?:team|teams|people|folks|contractors|consultants|vendors|engineers|developers|devs|"
    r"dbas|sres|managers|management|leadership|execs|executives|colleagues|teammates|"
    r"coworkers|co-workers|they|he|she)"
)
RUNS_DOWN_COLLEAGUES = keyed(
    any_of(
        rf"\b{_COLLEAGUES}(?: there)? (?:had|has|have) no idea what (?:they|he|she) "
        r"(?:(?:were|was|are|is) doing|wanted|want|wants)\b",
        r"\bwho (?:frankly |honestly |really )?(?:weren['’]t|wasn['’]t|aren['’]t|isn['’]t) "
        r"(?:very |that |particularly |really )?(?:good|competent|capable|up to (?:the job|it))"
        r"(?=\s*(?:[.,;:!?]|$|and\b|so\b|anyway\b))",
        rf"\b{_COLLEAGUES}(?: there)? (?:were|was|are|is) (?:frankly|honestly) (?:pretty |very |"
        r"quite |really |just )?(?:weak|bad|useless|incompetent|clueless|mediocre|rubbish)\b",
        # ("The new hires didn't understand our system yet" is onboarding; "they didn't
        # understand our app" may be users: "our app" only of people at work by name.)
        rf"\b(?:the )?{_COLLEAGUES}(?: there)? (?:didn['’]t|don['’]t|doesn['’]t) (?:really |even )?"
        r"understand (?:operations|engineering|anything)\b",
        rf"\bthe {_COLLEAGUES}(?: there)? (?:didn['’]t|don['’]t|doesn['’]t) (?:really|even) "
        r"understand our (?:app|code|system|product)\b",
    ),
    "idea who frankly honestly understand",
)
# People still learning, or the product's users: not colleagues run down.
LEARNERS_OR_USERS = re.compile(
    r"\b(?:interns?|juniors?|new hires?|graduates?|mentees?|trainees?|students?|users?|"
    r"customers?|clients?|visitors?)\b|\byet\b",
    re.IGNORECASE,
)
# Disowning the outcome of a story the candidate was part of: "the bugs weren't in my
# code", "I'd done my part", "you can't rely on other people". Naming a cause ("a bad
# config from another team took us down") is not blame, and "even though it wasn't
# my code, I took the incident" is ownership (see DISOWN_EXCUSED).
BLAMES_OTHERS = keyed(
    any_of(
        r"\b(?:wasn['’]t|weren['’]t|isn['’]t|aren['’]t|was not|were not|is not|are not) "
        r"(?:really |even |actually |ever )?(?:in |from |on )?my (?:code|fault|bug|problem|"
        r"responsibility|doing|part)\b",
        # "I'd done my part" (but "I did my part first, then paired" is plain telling).
        r"\bi(?:['’]d| had) (?:already )?done my (?:part|bit|job)\b",
        # A verdict on people ("you can't rely on other people"), not a lesson about a
        # manual step ("can't rely on people to remember it, so I automated it"), nor
        # what someone else felt ("he felt his team couldn't trust my team").
        r"\b(?:i|you) (?:can['’]?t|cannot|couldn['’]t) (?:rely on|trust|count on) (?:other "
        r"people|others|anyone|anybody|people)(?: to do their jobs?)?(?=\s*(?:[.,;:!?]|$|and\b))",
        r"\bnothing to do with me\b",
        # "Which was on them for changing the spec" (but "the focus was on her goals").
        r"\b(?:was|is|it['’]s|that['’]s) (?:really |all |entirely )?on (?:them|him|her)"
        r"(?=\s*(?:[.,;:!?]|$)|\s+for\b)",
        r"\bthrew (?:me|us) under the bus\b",
    ),
    "my done rely trust count nothing them him her threw",
)
# Disowning the work itself: "security is the security team's job, not mine". Heard in
# technical answers too. (Not "someone else's problem": "before it becomes someone
# else's problem downstream" is backpressure.)
DISOWNS_WORK = keyed(
    any_of(
        r"\b(?:job|problem|responsibility|fault),? not mine\b",
        r"\bsomeone else['’]s (?:job|responsibility)\b",
    ),
    "mine else",
)
DISOWN_EXCUSED = re.compile(
    r"\b(?:though|although|even if|anyway|regardless)\b|\bbut (?:i|we)\b"
    # Taking on what was not yours: "it wasn't my responsibility, so I asked to take it",
    # "once I had done my part, I offered to help".
    r"|\bi (?:offered|volunteered|stepped|asked|took|picked|jumped|helped)\b",
    re.IGNORECASE,
)
# "I'm not in it for the money": money named to be set aside is no money-first reason.
MONEY_DENIED = re.compile(
    r"\b(?:not|n['’]t|never|isn['’]t)\b[^.,;]{0,20}\b(?:money|salary|pay|perks|bonus)\b"
    # "... is a nice bonus, but the real reason is the work": set aside in the same breath.
    r"|\b(?:but|though|although|however)\b(?! also\b)"
)
# Telling what was not the candidate's to tell: "keep it between us", "off the record",
# "I'm not supposed to tell you this". (Not "it's under NDA, so I'll keep the client's
# name out", nor "I'm not supposed to share the exact numbers, but revenue doubled":
# those keep the confidence.)
SHARES_CONFIDENTIAL = keyed(
    any_of(
        r"\b(?:keep (?:it|this|that) )?between (?:us|you and me|ourselves)(?=\s*(?:[.,;:!?]|$|"
        r"but\b|though\b|i['’]m\b|i\b))",
        r"\boff the record\b",
        r"\b(?:i|we)(?:['’]m| am| are|['’]re) not (?:supposed|meant|allowed) to "
        r"(?:say|tell(?: you)?|share|mention) (?:this|that)\b",
        r"\bi (?:probably |really )?shouldn['’]t (?:be )?(?:say(?:ing)?|tell(?:ing)?(?: you)?|"
        r"shar(?:e|ing)|mention(?:ing)?) (?:this|that)\b",
    ),
    "between off supposed meant allowed shouldn",
)
HUMBLE_BRAG = keyed(
    any_of(
        r"\b(?:i['’]?m|i am|being) (?:a |too much of a |such a )?perfectionist\b",
        r"\b(?:weakness|problem) is (?:that i['’]?m |that i am |my |being )?(?:a )?"
        r"perfectionis(?:t|m)\b",
        r"\bi (?:work|care|try) too (?:hard|much)\b|\bi (?:just )?care too much\b",
        r"\btoo (?:dedicated|passionate|detail-oriented|committed|hard-working|hardworking)\b",
    ),
    "perfectionist perfectionism weakness problem work care try too",
)
# Verbs of a learning or working habit, in the present: what one does each week.
_HABIT_VERB = (
    r"(?:\w+ly )?(?:read|go|skim|follow|watch|listen|check|review|write|spend|try|attend|"
    r"block|meet|catch|look|sit|pair|post|share|learn|take|set)\b"
)
# What moves the candidate, said as theirs: "For me the biggest motivation is ...".
_FOR_ME_MOTIVE = (
    r"\bfor me,? (?:the )?(?:biggest|main|real|greatest|strongest|first) (?:motivation|"
    r"motivator|driver)\b"
)
# The candidate's own view, now or ahead: what a "Why this role?" answer must say
# somewhere, and a story told in the past tense for another question never does.
# Ambiguous present forms ("I set", "I read", "I'd built") are left out on purpose, but
# for a habit told with its cadence ("every week I read ...").
STANCE = keyed(
    any_of(
        r"\bi(?:['’]m| am)\b|\bi(?:['’]ll| will)\b",
        r"\bi(?:['’]d| would) (?:\w+ )?(?:love|like|want|bring|be|start|spend|use|focus|do|"
        r"make|build|expect|hope|prefer|ask|meet|learn|grow|say|aim|push|keep|look|take|"
        r"lead|work|join|go|try|need|rather|listen|set up|sit|contribute|describe|call)\b",
        r"\bi (?:(?:really|also|still|genuinely|usually|always|now|just|often|generally|"
        r"typically|personally|actually|honestly|mostly|deeply|increasingly|do|can|tend to|"
        r"try to|like to|want to|need to|get to|have to) )?(?:want|like|love|enjoy|prefer|hope|"
        r"plan|aim|see|believe|care|value|need|look|keep|try|learn|spend|find|feel|bring|ask|"
        r"struggle|do|don['’]?t|can|can['’]?t|get|make|write|block|start|tend|rely|thrive|"
        r"lean|expect|miss|wish|admire|respect|schedule|review|check|share|default|protect|"
        r"treat|push|pair|document|work|lose|prioriti[sz]e|measure|meet|ship|mentor|coach|"
        r"delegate|overcommit|over-commit|say|hold|own|follow|listen|watch|subscribe|skim)\b",
        # A habit told by its cadence: "every week I read a couple of engineering blogs", "on
        # Sunday mornings I go through ...", "I read the release notes once a month".
        # (Present verbs only: "every week I met with him" tells a story.)
        r"\b(?:(?:every|each) (?:other )?(?:day|morning|evening|week|weekend|month|sprint|"
        r"monday|friday|saturday|sunday)|on (?:\w+ )?(?:mondays|fridays|saturdays|sundays|"
        r"weekends|mornings|evenings)),? i " + _HABIT_VERB,
        r"\bi " + _HABIT_VERB + r"\b[^.;]*\b(?:once|twice) (?:a|per) (?:day|week|month|quarter|"
        r"year)\b",
        r"\bi(?:['’]ve| have) (?:always |long )(?:wanted|been|loved|enjoyed|liked|cared)\b",
        r"\b(?:motivates|excites|drives|energi[sz]es|interests|appeals to|draws|keeps|gets|"
        r"drew) me\b",
        _FOR_ME_MOTIVE,
        r"\bmy (?:\w+ )?(?:goals?|weakness(?:es)?|style|approach|plan|aim|ambition|reasons?|"
        r"strengths?|priorit(?:y|ies)|philosophy|motivation|hope|default|rule|habit|"
        r"instinct) (?:is|are|would|will|has|now)\b",
        r"\b(?:in|within) (?:five|5|ten|10) years\b|\byears from now\b|\bover the next (?:few|"
        r"two|three|five|couple of) years\b|\bsee myself\b|\b(?:ideally|hopefully|by then)\b",
        r"\bthis (?:role|position|job|opening|company)\b|\bjoin(?:ing)? (?:you|your|this)\b",
        r"\byour (?:team|company|product|platform|mission|stack|roadmap|customers|users|"
        r"engineering|org|organi[sz]ation|work)\b|\byou(?:['’]re| are) (?:building|doing|"
        r"hiring|looking)\b",
    ),
    (
        "i m am ll will d would ve have me my years now next myself ideally hopefully by this "
        "join joining your you re"
    ),
)
# What the role the candidate is moving to offers, told as the employer's ("your team is
# building ...", "you're rebuilding search") or as this role's ("this role is customer-facing").
ON_OFFER = keyed(
    any_of(
        r"\byour (?:[\w-]+ ){0,3}?(?:team|teams|company|product|products|platform|mission|"
        r"stack|roadmap|customers|users|engineering|org|organi[sz]ation|work|app|service|"
        r"group|department|job description|posting)\b",
        r"\byou(?:['’]re| are) (?:now |currently |still |already )?(?:building|rebuilding|"
        r"doing|hiring|working|investing|growing|scaling|launching|creating|running|early)\b",
        r"\bthis (?:[\w-]+ )?(?:role|position|job|team|opening|company|opportunity)\b|"
        r"\ba role like this\b",
    ),
    "you* this",
)
# "Tell me about yourself" asks for a career in brief: where the candidate came from,
# where they are now and where they are heading. Each beat is one of the plain ways of
# saying it; a story with one line of framing ("I'm a backend engineer.") has one beat.
# Only a pitch's answers are searched, whole, so these need no keys.
#
# Said as where the candidate came from, whatever else the sentence says ("I've been a
# PM for six years, after starting out as an analyst"): pitch.py reads a sentence by these.
# ("I'm originally from Lagos", "I was a bit nervous" and "I studied the job description"
# say nothing of a career.)
_CAME_FROM = (
    r"\b(?:started|began) (?:my|out|off|as|at|in|on)\b|\bstarting out\b|"
    r"\bmy career (?:kicked off|began|started)\b",
    r"\bmy (?:first|previous|last|earlier) (?:job|gig|role|position|company|team|career)\b",
    r"\b(?:before (?:that|then)|before this (?!call|interview|meeting)|previously|prior to|"
    r"early in my career)\b|"
    r"\bbefore \w+,? i (?:worked|was|spent|joined|did|led|ran)\b|\bback in (?:19|20)\d\d\b",
    r"\boriginally (?:a|an|trained|studied|worked|started)\b|\bstudied (?!the |your )\w+|"
    r"\b(?:graduated|graduating|degree|bootcamp|university|college|phd|master['’]?s|"
    r"internships?|co-?op)\b",
    # "Until two years ago I was a teacher", "First I was doing manual testing".
    r"\buntil (?:\w+ ){0,2}(?:ago|last year)\b|\bduring my\b",
    r"\bi was (?:a|an) (?!(?:bit|little|lot|kid|child|teenager|shy|big|huge)\b)|"
    r"\bi (?:was working|worked) as\b|\bfirst i (?:was|worked|did)\b",
    # "My first three years out of school", "I got here through journalism", "I spent my
    # twenties as a reporter", "I cut my teeth in support".
    r"\bmy first (?:\w+ ){0,2}years\b|\bi got (?:here|into \w+) (?:through|via|by|from)\b|"
    r"\bspent (?:most of )?my (?:twenties|thirties|early career|first)\b|\bcut my teeth\b|"
    r"\bout of (?:school|college|university|uni)\b",
    r"\bmy background is\b|\bi come from (?:a|an)\b|\bi used to (?:be|work)\b|"
    r"\bby (?:background|training)\b|\btrained as\b|\bapprentice(?:ship)?\b|"
    r"\b(?:straight |right )?after (?:my |school|uni|college)(?:a-levels|gcses|degree|studies|"
    r"school|uni|college)?\b",
)
CAME_FROM = any_of(*_CAME_FROM)
# A move or years spent, which tell where the candidate came from unless the same sentence
# says where they are ("I moved to Kestrel two years ago, where I work on the ledger").
# ("Nine years of experience" is where they are.)
_MOVED_ON = (
    r"(?<!we )(?<!they )(?<!it )\b(?:moved|switched|transitioned|pivoted|came) "
    r"(?:to|into|over|across|from)\b",
    r"\b(?:spent|after) (?:about |almost |nearly |over |the (?:last|past) )?(?:\w+|\d+) years\b",
    r"\b(?:\w+|\d+) years (?:at|in|as|with|building|working)\b",
)
MOVED_ON = any_of(*_MOVED_ON)
# A pitch read whole for its beats (Analysis.career_beats) hears a past more loosely.
CAREER_PAST = any_of(
    *_CAME_FROM,
    *_MOVED_ON,
    r"\bcareer\b|\boriginally\b|\bstudied\b|\bi was (?:a|an)\b|\b(?:\w+|\d+) years of\b",
    r"\b(?:for|over) (?:about |almost |nearly |over |the (?:last|past) )?(?:\w+|\d+) years\b",
)
CAREER_NOW = any_of(
    r"\bi(?:['’]m| am) (?:currently |now |still |basically |mostly )?(?:(?:a|an)\b"
    r"(?! (?:big|huge|good|great|firm|strong|quick|fast|bit|little|mother|father|parent|mum|"
    r"mom|dad|fan|believer|people person|team player|keen|runner)\b)|the|one of|part of|"
    r"working|leading|running|on|at|in|with|responsible for|in charge of|"
    r"still (?:there|here|at))\b",
    r"\bpresently\b|^working as\b|\bi now (?:own|lead|run|manage|work)\b|"
    r"\bmy (?:main )?focus (?:at \w+ )?is\b|\b(?:my current|present) (?:gig|role|job|position|"
    r"title)\b|\bcurrently working\b|\bi sit (?:in|on)\b|\bi(?:['’]m| am) over at\b",
    r"\bi(?:['’]m| am) (?:\w+ ){0,3}(?:engineer|developer|designer|manager|analyst|"
    r"scientist|researcher|architect|consultant|lead|student|graduate|specialist|tester)\b",
    r"\b(?:currently|these days|right now|nowadays|at the moment|at present|today)\b",
    r"\bsince (?:about |almost |nearly |over )?(?:\w+|\d+) years\b|"
    r"\bmy (?:actual|present|current) (?:company|role|job|team|employer|position)\b",
    r"\bi(?:['’]ve| have) (?:been|spent|worked|led|owned|run|built|managed|taught)\b",
    r"\bi (?:work|lead|run|own|manage|look after|build|design|teach|study|handle|oversee|"
    r"mentor|head(?: up)?)\b",
    r"\bmy (?:day-to-day|day to day)\b|\bmy (?:role|job|work) (?:is|involves)\b",
)
# What the candidate wants next, said so, as pitch.py reads a sentence: a want with what
# is wanted ("I want a lead role", "I'm looking for", "I'd like to move"), not a way into
# the answer ("I'd like to walk you through ...", "I'm excited to be here") nor an interest
# ("I'm interested in streaming, so I've been leading ...", "where I plan and run ...").
_INTO = (
    r"(?! to (?:quickly |briefly |just |first )?(?:talk|share|say|mention|add|start|begin|"
    r"tell|describe|give|walk|explain|answer|focus on|be here|think|run through|go through|"
    r"cover|hear)\b)"
)
_WANTS_NEXT = (
    r"\bnext,? i\b(?!['’]ll| will)|\bwhat(?:['’]s| is| comes) next\b|\bnext thing for me\b|"
    r"\bmy next\b|\bnext (?:role|move|chapter|challenge|few years)\b|"
    r"\bnext step (?:for me|in my)\b",
    r"\bi(?:['’]m| am) (?:now |currently |really |also )?(?:looking (?:now )?(?:for|to)|"
    r"hoping (?:to|for)|keen (?:to|on)|eager to|aiming (?:to|for)|ready (?:for|to)|seeking|"
    r"searching for|applying (?:for|to)|(?:really )?after|open to (?:moving|a|an|taking)|"
    r"(?:really )?focused on finding|excited (?:about|by) (?:the "
    r"(?:chance|idea|prospect)|joining|moving|working|taking|growing|leading))\b",
    r"\bi(?:['’]d| would) (?:really |also |quite |very much |definitely )?(?:like|love|enjoy)\b"
    + _INTO,
    r"\bi(?:['’]d| would) be (?:keen|happy|excited|glad|interested) (?:to|in) (?:move|moving|"
    r"take|taking|grow|growing|join|joining|lead|leading|step)\b|\bi fancy\b",
    r"\bi (?:really |now |also )?(?:want|hope|plan|aim|wish)(?: (?:a|an|more|something)\b|"
    + _INTO
    + r" to\b)",
    r"\b(?:in|for) the future,? i\b|\bgoing forward\b|\bdown the road\b|\bi see myself\b|"
    r"\blonger[- ]term\b|"
    r"\bthe dream (?:would be|is)\b|\bwhere i(?:['’]m| am) (?:going|heading)\b|"
    r"\b(?:in the long[- ]term|long[- ]term,? i|long[- ]term (?:goal|plan|ambition|aim))\b",
    r"\bmy (?:\w+ )?(?:goals?|ambition)\b(?! (?:in|for|with|on) (?:every|each)\b)|"
    r"\b(?:my|the) (?:[\w-]+ )?plan is to\b|"
    r"\bwhat i(?:['’]m| am) (?:after|looking for)\b|(?<!out )\bwhat i (?:really )?want\b|"
    r"\bwhat excites me (?:now |next |most )?is\b|\bideally\b",
)
WANTS_NEXT = any_of(*_WANTS_NEXT)
# The same, more loosely, as a whole pitch is read for its beats (Analysis.career_beats):
# a pitch that says "I'm interested in" or "this role" anywhere is heading somewhere.
CAREER_NEXT = any_of(
    *_WANTS_NEXT,
    r"\bnext,? i\b|\bnext (?:step|role|move|chapter|challenge|few years)\b|"
    r"\bin the future\b|\blong[- ]term\b",
    r"\bi(?:['’]m| am) (?:now |currently |really )?(?:looking|hoping|keen|excited|ready|"
    r"eager|aiming|interested)\b",
    r"\bi(?:['’]d| would) (?:really )?(?:like|love|enjoy)\b",
    r"\bi (?:really |now )?(?:want|hope|plan|aim|wish)\b",
    r"\bthis (?:role|position|job|team|opening|company|opportunity)\b|"
    r"\byour (?:team|company|product|mission)\b",
    r"\b(?:applied|applying)\b",
)
# A story's role named with its remit: "I was the PM for invoicing", "As engineering
# manager for payments, I ...", "I managed a team of seven". ("I was the developer and I
# was worried" names no remit; "I joined as the second engineer on ..." and "a backend
# engineer at ..." tell a career.)
_TITLE = (
    r"(?:[\w-]+ ){0,2}?(?:pm|manager|engineer|scientist|analyst|designer|developer|architect|"
    r"lead|owner)"
)
ROLE_REMIT = any_of(
    rf"\bi(?: was|['’]d been| had been) the {_TITLE} (?:for|on|of|responsible|accountable)\b",
    rf"(?:^|[,;:]\s*)as (?:the )?{_TITLE} (?:for|on|of)\b",
    r"\bi (?:managed|led|ran) (?:a|the|our) team of\b",
)
# What a view's candidate wants or aims for: the view's task, as a story's is its goal.
AIM = any_of(
    # Not the way into an answer: "I'd like to talk about ...", "I want to mention ...".
    r"\bi(?:['’]d| would) (?:really |also |now )?(?:like|love|prefer)\b(?! to (?:talk|"
    r"share|say|mention|add|start|begin|tell|describe|give|walk|explain|answer|focus on))",
    r"\bi (?:really |also |now |still )?(?:want|hope|plan|aim|intend)\b(?! to (?:talk|"
    r"share|say|mention|add|start|begin|tell|describe|give|walk|explain|answer|focus on))",
    r"\bi(?:['’]m| am) (?:now |currently |really )?(?:looking|hoping|keen|eager|aiming|"
    r"excited)\b",
    r"\bmy (?:\w+ )?(?:goals?|aims?|ambition|plan)\b|\bwhat i(?:['’]m| am) (?:after|looking)\b",
    r"\b(?:next|ideally|long[- ]term),? i\b|\bi see myself\b",
    # What moves them is what they want: "What motivates me is seeing ...", "For me the
    # biggest motivation is when a customer ...".
    r"\b(?:what|that|which) (?:really |most |also |truly )?(?:motivates|drives|energi[sz]es|"
    r"excites) me\b(?! (?:crazy|mad|nuts|insane|up the wall|round the bend|to despair)\b)",
    _FOR_ME_MOTIVE,
)
BLAME = keyed(
    any_of(
        r"\b(?:their|his|her|the other team's|the client's|management's) fault\b",
        r"\bblame[ds]?\b|\bbecause (?:of )?(?:the|my) (?:manager|team|client|qa|ops|vendor)\b",
        r"\bit wasn'?t (?:really )?my fault\b|\bnot my fault\b",
        # Circumstances as the cause: "failed because the deadline was too tight".
        r"\bbecause (?:the|our|my) (?:deadline|timeline|schedule|budget|requirements?|spec|"
        r"scope|estimates?)s? (?:was|were|kept|had been) (?:too |so |very |completely |really )?"
        r"(?:tight|short|unrealistic|impossible|vague|unclear|changing|small)\b",
    ),
    "fault blame blamed blames because",
)

# Where a story happened and who was in it: organisations, roles, people.
SETTING = keyed(
    any_of(
        r"\b(?:company|startup|start-up|scale-?up|bank|retailer|agency|hospital|clinic|insurer|"
        r"insurtech|fintech|telco|telecom|school|university|consultancy|marketplace|platform|"
        r"department|ward|warehouse|firm|studio|lab|nonprofit|charity|council|ministry|"
        r"chain|e-?commerce|saas|b2b|b2c|acquirer|provider|publisher|site|shop|store|"
        r"project|product|service|app|team)\b",
    ),
    (
        "company startup start scale scaleup bank retailer agency hospital clinic insurer "
        "insurtech fintech telco telecom school university consultancy marketplace platform "
        "department ward warehouse firm studio lab nonprofit charity council ministry chain e "
        "ecommerce saas b2b b2c acquirer provider publisher site shop store project product "
        "service app team"
    ),
)
PEOPLE = keyed(
    any_of(
        # Up to three words before the role: "Mei was a mid-level data scientist".
        r"\b(?:as|was|am|i'm) (?:a|an|the|our) (?:\w+[- ]){0,3}?(?:developer|engineer|analyst|"
        r"manager|lead|designer|scientist|nurse|teacher|pm|intern|consultant|informaticist|architect|"
        r"owner|admin|administrator|commander|contractor|founder|director|specialist)\b",
        r"\b(?:teammate|colleague|manager|director|lead|ceo|cto|vp|customer|client|copywriter|"
        r"developer|engineer|analyst|designer|stakeholders?|executives?|directors|leads|"
        r"managers|partner|vendor|users?)\b",
    ),
    (
        "developer engineer analyst manager lead designer scientist nurse teacher pm intern "
        "consultant informaticist architect owner admin administrator commander contractor "
        "founder director specialist teammate colleague ceo cto vp customer client copywriter "
        "stakeholder stakeholders executive executives directors leads managers partner "
        "vendor user users"
    ),
)

# Verbs that show a person doing something (base or past form).
ACTION_VERBS = frozenset(
    """add added begun chosen driven rewritten written taken saw spot spotted
    align aligned analyse analysed analyze analyzed apologise apologised
    apologize apologized argue argued ask asked audit audited automate automated benchmark
    benchmarked bisect bisected block blocked book booked break broke build built call
    called change changed check checked choose chose clarify clarified coach coached
    collect collected compare compared compromise compromised configure configured
    convince convinced coordinate coordinated create created cut debug debugged decide
    decided delegate delegated deploy deployed design designed disable disabled document
    documented draft drafted drive drove enable enabled escalate escalated estimate
    estimated explain explained facilitate facilitated file filed find found fix fixed flag
    flagged follow followed gather gathered give gave grouped hire hired identify
    identified implement implemented instrument instrumented interview interviewed
    introduce introduced investigate investigated isolate isolated kick kicked launch
    launched lead led list listed map mapped measure measured meet met mentor mentored
    merge merged migrate migrated mitigate mitigated model modelled modeled monitor
    monitored move moved negotiate negotiated note noted notice noticed offer offered open
    opened organise organised organize organized own owned pair paired patch patched pause
    paused pick picked pitch pitched plan planned post posted prepare prepared present
    presented prioritise prioritised prioritize prioritized profile profiled propose
    proposed prototype prototyped pull pulled push pushed put raise raised ran read
    rebuild rebuilt recommend recommended refactor refactored remove removed replace
    replaced reply replied reproduce reproduced request requested research researched
    restore restored revert reverted review reviewed rewrite rewrote roll rolled run ran
    schedule scheduled scope scoped script scripted send sent set ship shipped show showed
    shown simplify simplified sketch sketched split spoke stabilise stabilised start
    started stop stopped suggest suggested summarise summarised switch switched take took
    talk talked teach taught test tested trace traced track tracked train trained triage
    triaged update updated use used validate validated verify verified volunteer
    volunteered walk walked wrote write told tell spent spend kept keep brought bring sat
    spoke speak hold held paid pay drew draw made make got sought seek caught catch
    dug dig went built paired pinged paged emailed messaged called shadowed interviewed
    inventoried grouped templated clustered logged rebuilt rewired ported shipped
    promoted pointed scripted reran rerun swapped traced found fought
    asked offered invited booked showed ran taught learnt learned studied joined
    left moved started quit hired fired onboarded handed""".split()
)
# Verbs that open a step of an approach besides ACTION_VERBS ("Export the pages", "Tune it").
STEP_VERBS = _words(
    """export tune look confirm segment group route drop compare cap limit enable disable
    avoid separate isolate slice filter sample roll canary alert page watch instrument
    cache index shard batch retry queue dedupe deduplicate archive delete clean rotate
    define pick choose agree align interview survey score rank estimate"""
)
IRREGULAR_PAST = _words(
    """broke built chose cut drew drove found gave held kept led made met paid put ran
    read rebuilt rewrote sat sent set shown showed spent spoke split taught told took
    wrote brought caught dug fought sought went began quit begun chosen driven rewritten
    written taken"""
)
STATE_VERBS = _words(
    """was were am is be been felt feel think thought guess believe believed hope hoped
    wish wished like liked love loved want wanted had have has know knew mean meant
    would could should might may must can will did do does got get failed missed"""
)

# Cue stems by STAR role for stories (see text.stem: inflections collapse).
CUES: dict[str, frozenset[str]] = {
    "situation": _words(
        """compan team startup client customer project product platform service system
        role joined job previous back year quarter month context stake launch release
        migration legacy grow growing outage incident organization org department bank
        retailer agency scaleup scale-up enterprise employ employer contract fintech
        ecommerce e-commerce hospital school university consultancy firm at during while
        when"""
    ),
    "task": _words(
        """responsib goal task own owner ownership asked assign need had must expect
        requirement constraint deadline budget target objective mission charg
        accountable aim deliver priority lead mandate brief supposed promis commit"""
    ),
    "action": _words(
        """built build wrote write led design propos migrat implement creat set add ran
        run fix refactor analys analyz investigat profil negotiat present organiz
        automat introduc decid chose choose convinc talk met meet review sched draft
        prototyp test deploy rewrote rewrit split pair mentor coach escalat measur reach
        call ask explain start roll ship push plan document map align then first next
        pull trac reproduc bisect revert paus triag communicat updat post sent"""
    ),
    "result": _words(
        """result outcome reduc increas improv cut sav drop grew grow doubl halv launch
        deliver since now lesson learn taught chang afterward end eventual impact
        feedback promot adopt retain recover prevent zero fewer faster slower lower
        higher percent later month week since renew won stopp never again habit"""
    ),
}

TECH_CUES: dict[str, frozenset[str]] = {
    "situation": _words(
        """clarify clarif assum scope scale traffic qps rps ratio million billion
        question size volume context global region peak daily estimate"""
    ),
    "task": _words(
        """requirement need must should goal latency availab consisten durab throughput
        functional non-functional sla slo support guarantee correct correctness
        want expect budget p99 p95 uptime"""
    ),
    "action": _words(
        """use store design approach implement choose pick algorithm key table index
        shard partition replica cache queue api endpoint service database redis postgres
        layer model schema write read token bucket window counter lock insert header
        transaction column check return send"""
    ),
    "result": _words(
        """trade tradeoff trade-off downside cost risk fail failure fallback fail-open
        fail-closed outage degrad down however but instead alternative monitor alert
        limit limitation edge case bottleneck recover retry timeout expire ttl
        consistency eventual con cons pro pros drawback mitigate"""
    ),
}

# The buzzwords written as phrases ("north star", "data-driven", "moving the needle"):
# split into words, a hyphenated one is never one word, so each is looked for whole,
# hyphens or spaces between its parts.
BUZZ_PHRASES = re.compile(
    r"\b(?:"
    + "|".join(
        sorted(
            (
                r"[- ]".join(map(re.escape, phrase.split("-")))
                for phrase in BUZZWORDS
                if "-" in phrase
            ),
            key=len,
            reverse=True,
        )
    )
    + r"|mov(?:e|es|ed|ing) the needle|low[- ]hanging fruit|best practices"
    r"|state[- ]of[- ]the[- ]art|circle back|double[- ]click)\b"
)


# The first word of each: a sentence with none of them holds no such phrase.
BUZZ_PHRASE_HEADS = frozenset(
    {phrase.split("-")[0] for phrase in BUZZWORDS if "-" in phrase}
    | set("move moves moved moving low best state circle double".split())
)


# Every-day words that tell a work story from a story about something else.
WORK_CONTEXT = _words(
    """team teammate teammates manager engineer engineers engineering code service project
    customer customers client clients release deploy production product feature bug
    incident deadline stakeholder stakeholders company colleague colleagues review design
    meeting sprint roadmap launch user users data system api database migration outage
    role job interview hire hiring report lead ticket tickets pipeline dashboard metric
    metrics test tests qa on-call postmortem backlog spec requirements architecture
    budget quarter okr okrs lead director vp cto ceo org startup standup standups retro
    retros reorg boss coworker coworkers projects services releases features bugs incidents
    deadlines meetings reviews managers jobs"""
)
