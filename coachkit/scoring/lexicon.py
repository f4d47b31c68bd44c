"""Word lists the offline scorer reads sentences with. Data, not logic."""

from __future__ import annotations

import re

FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine"})
WE = frozenset({"we", "we're", "we've", "we'd", "we'll", "our", "ours", "us", "ourselves"})

FILLER = re.compile(
    r"\b(?:um+|uh+|erm|like,|you know,?|basically,?|kind of|sort of|literally|i mean,?|"
    r"actually,?|so yeah,?|anyway,?|honestly,?)\s*",
    re.IGNORECASE,
)
SIGNPOST = re.compile(
    r"\b(?:situation|task|action|result|context|outcome|star)s?\b\s*[:\-–—]?", re.IGNORECASE
)
# Words that say a STAR part exists without saying anything: they earn nothing.
HOLLOW = frozenset(
    """situation task action result outcome context star took take taking done did thing
    things stuff something happen happened good great well bad better best very really
    successful success successfully problem issue solved resolved handled dealt worked work
    make made everything overall positive nice fine okay ok important step steps various
    certain relevant appropriate""".split()
)

NON_ANSWER = re.compile(
    r"^\W*(?:i\s+(?:don'?t|do not)\s+(?:know|have|remember|really)|no idea|not sure|pass\b|"
    r"skip\b|n/?a\b|nothing\b|i can'?t (?:think|remember)|i'?d rather not|i have no|"
    r"i haven'?t (?:had|ever)|no comment|next question)",
    re.IGNORECASE,
)

NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|half|"
    r"double|doubled|triple|tripled|twice|dozen|percent)\b",
    re.IGNORECASE,
)
VAGUE_METRIC = re.compile(
    r"\b(?:a lot|lots|much (?:better|faster|quicker|happier|more|less)|significantly|"
    r"dramatically|hugely|greatly|massively|way (?:better|faster)|really (?:well|good)|"
    r"tremendously|substantially|improved (?:things|it|everything))\b",
    re.IGNORECASE,
)
TIME_MARKER = re.compile(
    r"\b(?:last (?:year|month|quarter|week|spring|summer|autumn|fall|winter)|"
    r"(?:19|20)\d\d|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|q[1-4]|(?:\w+ )?(?:weeks?|months?|days?|hours?|minutes?|years?|"
    r"quarters?|sprints?)\b(?: later| before| after| in)?|deadline|yesterday|at the time|"
    r"back then|when i (?:was|joined)|my first|previous (?:job|role|company))",
    re.IGNORECASE,
)

# Cue stems by STAR role. Stems (see text.stem) so that inflections match.
CUES: dict[str, frozenset[str]] = {
    "situation": frozenset(
        """compan team startup client customer project product platform service system
        role joined working work job previous back time year quarter month context
        stake stakes launch release migration legacy growing outage incident deadline
        when where while during organization org department bank retailer agency""".split()
    ),
    "task": frozenset(
        """responsib goal task job own owner ownership asked assign needed need had must
        expect expected requirement constraint deadline budget target objective mission
        charged accountable challenge aim deliver priority""".split()
    ),
    "action": frozenset(
        """built build wrote write led lead design designed propos proposed migrat
        implement implemented creat created set added add ran run fix fixed refactor
        analys analyz investigat investigated profil profiled negotiat negotiated
        present presented organiz organized automat automated introduc introduced
        decid decided chose choose convinc convinced talk talked met meet review reviewed
        sched scheduled draft drafted prototyp prototyped test tested deploy deployed
        rewrote rewrit split paired mentor mentored coach coached escalat escalated
        measur measured reach reached call called ask ask explain explained start started
        rolled roll shipped ship pushed push plan planned document documented map mapped
        align aligned""".split()
    ),
    "result": frozenset(
        """result outcome reduc reduced increas increased improv improved cut saved
        sav dropped drop grew grow doubl doubled halv halved shipped launched deliver
        delivered since now lesson learn learned learnt taught changed change afterward
        afterwards ended end eventual eventually impact feedback promot promoted adopt
        adopted retain retained recover recovered won win prevent prevented zero fewer
        faster slower lower higher percent""".split()
    ),
}

TECH_CUES: dict[str, frozenset[str]] = {
    "situation": frozenset(
        """clarify clarif assum assume scope scale user users traffic request requests
        qps rps read write ratio million billion per second day in out ask first
        question questions size volume load""".split()
    ),
    "task": frozenset(
        """requirement requirements need needs must should goal goals latency availabil
        availability consisten consistency durab durability throughput functional
        non-functional sla slo support guarantee correct correctness""".split()
    ),
    "action": frozenset(
        """use using store stor design approach would i'd implement choose pick algorithm
        key keys table index shard partition replica cache queue api endpoint service
        database redis postgres because since so that layer model schema""".split()
    ),
    "result": frozenset(
        """trade tradeoff trade-off downside cost risk fail failure fails fallback fail-open
        fail-closed outage degrade degrad down however but instead alternative monitor
        alert limit limitation edge case bottleneck recover retry""".split()
    ),
}

# Every-day words that tell a work story from a story about something else.
WORK_CONTEXT = frozenset(
    """team teammate manager engineer engineering code service project customer client
    release deploy production product feature bug incident deadline stakeholder company
    colleague review design meeting sprint roadmap launch user users data system api
    database migration outage role job interview hire hiring report lead""".split()
)
