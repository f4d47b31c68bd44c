"""Words that mean the same thing in an interview answer, so a point can be made in prose.

Each group is a loose family of words for one idea. Questions and key points are
written in one vocabulary and answers in another ("a real failure" vs "I missed
the launch"); a shared family lets either side match the other. Words after a "|"
show the group's idea in a story ("I learned their reasoning" understands it) but
have a sense of their own: "what you want to learn" is not met by "I asked why".
"""

from __future__ import annotations

from functools import lru_cache

from .text import STOPWORDS, stem, words

__all__ = ["expand", "related"]

_GROUPS = [
    "fail failure failed mistake wrong missed miss broke broken error blunder slipped regret "
    "screwed outage bug",
    "conflict disagree disagreement disagreed argue argued argument tension clash debate "
    "friction objected pushback",
    "resolve resolved resolution agree agreed agreement compromise settled consensus",
    # Being paged tells of an incident or its detection, but a point's "page" or "pages"
    # has a sense of its own as often ("deep pages", "per page type"), and "pages" and
    # "paged" share a stem: paging is only lent to these groups.
    "incident outage down downtime sev alert alerts degraded | paged",
    "detect detection detected noticed alert alerts alerted monitoring dashboard spotted | paged",
    "mitigate mitigation mitigated rollback rolled revert reverted flag failover hotfix",
    "communicate communication updates update status informed told stakeholders slack email",
    # A root cause is what a post-mortem finds, not the review itself: "users complained
    # in reviews" is no root cause, so the two words are only lent.
    "postmortem retro retrospective review blameless | root cause",
    # A follow-up is often an action item or a fix shipped, but "invite follow-up" or a
    # "follow-up on team dynamics" is none: the word is only lent.
    "action items actions tickets fixes | followup followups",
    # Support calls and tickets are users' (see text.join_compounds).
    "customer customers user users client clients signup signups subscriber subscribers "
    "shopper shoppers visitor visitors | usersupport",
    "support usersupport",
    "impact impacted affected consequences consequence cost lost losing",
    "measurable quantified number numbers metric metrics figure percent",
    "lesson learned learnt learn taught realised realized",
    "change changed habit process afterwards since started stopped now adopted",
    "own ownership owned responsible responsibility accountable my fault my mistake i",
    "blame blaming fault blamed",
    "lead led leading leadership drove drive organised organized rallied influence",
    # The stemmer keeps "deadline" but strips "deadlines" to "deadlin": both are listed.
    "deadline deadlines date launch due timeline schedule late",
    "priority prioritise prioritize priorities prioritised prioritized triage urgent",
    "decide decides decided deciding decision decisions",
    "feedback criticism critique review told",
    "mentor mentored mentoring mentorship coach coached junior intern | grow growth develop",
    "motivate motivation motivates enjoy energy excites excited care",
    # ("working" is left out: its stem, "work", is in every answer, not only "I'm working
    # on it", and met "real weakness" and "evidence of improvement" in pitches and views.)
    "weakness weak struggle improve improving tend tends tendency nervous anxious "
    "uncomfortable easier",
    # A point's "open" ("fail open or closed") is no job: "opening" is only lent.
    "role position job | opening",
    "company product team mission",
    # ("develop" is left out: "developers" is "develop", in every engineer's answer.)
    "learn learning grow growth skills",
    # Learning is coming to understand ("podcasts I listen to"); growing is not.
    "learn learning understand understood listen listened",
    "experience built shipped worked done",
    "contribute contribution bring add",
    "research researched read studied looked",
    "past background started career began studied",
    "current currently now today present",
    "future next goal goals want hope aim",
    "achievement achieved result delivered shipped accomplished",
    "concise short brief minute sixty",
    "cache caching cached redis memcached cdn",
    "store storage stored database db redis postgres table dynamodb",
    "key keys token uuid header",
    "duplicate duplicates dedup deduplicate deduplication idempotent idempotency",
    "expire expiry expiration ttl window",
    "transaction transactions atomic acid transactional",
    "join joins relational schema",
    "lock locks locking mutex unique constraint",
    "burst bursts spike spikes peak",
    "fallback degrade",
    "scale scaling throughput load traffic qps",
    "latency fast slow speed performance",
    "consistency consistent strong eventual",
    "partition shard sharding partitioned",
    "replica replication replicas follower",
    "queue queues kafka broker stream",
    # Backing off is a way of retrying, but retrying is no backoff: a point's "retries
    # with exponential backoff" is not made by "some retry logic" (backoff is only lent).
    "retry retries retried | backoff",
    "test tests testing tested",
    "monitor monitoring observability metrics alerting",
    "access queries query lookup lookups",
    # Behavioural key points name moves a story makes; these are the words stories use.
    # A call is a conversation in a story, but a point's "calls" may be a program's
    # ("blocking calls inside async code"): calling is only lent to the group. So is a
    # one-on-one: a conversation, though a point's "one-on-ones" are not any talk.
    "conversation talk talked chat chatted met meeting privately asked ask "
    "discussed discuss coffee sat listen listened | call called oneonone",
    # What "turned out" ("it turned out she was worried about the cart") is understood; a
    # thing turned into another ("the app turned into a mess") is not: see
    # text.join_compounds.
    "understand understood reasoning why asked listen listened turnedout comfortable | learned",
    "prototype prototypes experiment pilot spike test tested loadtested data analytics "
    "measured benchmark evidence numbers results mocked mockup mockups wireframe "
    "wireframes",
    "relationship trust pair paired reviewer together friends afterwards",
    "viewpoint perspective worried concern concerns burned proud fair felt | wanted",
    "sceptic sceptics skeptic skeptics sceptical skeptical objection objections doubts pushback",
    "ally allies champion champions supporter backed advocate recruited spoke",
    "credit thanked acknowledged presented",
    "proposal proposed pitch doc document rfc twopage written wrote memo",
    "buyin convince convinced persuade persuaded agreed adopted signed",
    "initiative started proposed volunteered",
    "consult consulted manager stakeholders ceo director lead told asked escalated",
    # Handing work off is one way to renegotiate it, but a point's "hand-off notes" are
    # notes, not a new scope or date: handing off is only lent.
    "renegotiate renegotiated scope moved offered partial contractor delay delayed slipped "
    "| handoff handed",
    # A fine is one as a noun only: text.join_compounds writes it "penalty".
    "criteria impact urgency urgent consequence penalty penalties cost risk hard",
    "conflicting competing clash",
    # Being on call ("oncall": see text.join_compounds) is carrying the pager.
    "oncall pager",
    # The stemmer makes "pages" (and "paged") "pag" but leaves "page": one word to a point.
    "page pages",
    "background started began first studied career came",
    "current currently today present",
    "responsibilities owned own responsible job role",
    "achievement cut cutting reduced saved grew won shipped built",
    "research researched read blog posting ad website",
    "contribute contribution bring quarter",
    "learn grow growth step",
    "detection detected alert alerts monitoring noticed fired | paged",
    "shipped added fixed afterwards since postmortem | followup followups",
    "concurrent concurrency together simultaneous simultaneously parallel race",
    "duplicate duplicates copies copy twice repeated again retry retries",
    "reject rejected rejects 409 loser refuse lock locked conflict",
    # ("charged" is left out: it is what the idempotency question asks about, "never charged
    # twice", so "customers were charged twice" met "partial failure between write and
    # confirm" in answers that never said what a crash between the two leaves behind.)
    # Saving is the recording ("you crash before saving"): with the crash it tells both
    # sides of the gap, where the crash alone is one word for both (see
    # keypoints._lent_twice).
    "partial crash crashing crashed halfway before recording saving confirm",
    # Moves that key points name in a coach's words and stories tell in their own.
    "document documented documentation logged ticket backlog note notes writeup",
    "mvp phase phased phases slice smaller minimal trimmed pared",
    # A scope cut to its minimum is told as its must-haves ("what the law required and what
    # was nice to have": text.join_compounds joins both).
    "minimum musthave musthaves nicetohave nicetohaves",
    # Calibration is where a promotion is argued ("In calibration I brought ..."), but a
    # promotion is no calibration: "wanted to be promoted" is no "advocacy in promotion
    # calibration". The word is only lent.
    "promotion promoted promo packet | calibration",
    "alternative alternatives option options",
    "recommend recommended recommendation suggested suggest",
    "clarify clarifying clarified questions interviewed",
    "unclear vague ambiguous ambiguity undefined fuzzy",
    "harmful harm damage hurt risky dangerous",
    # ("bugging" is left out: its stem is "bug", and a bug is no friction.)
    "friction bottleneck bottlenecks painful frustrating waited waiting irritant irritants "
    "annoying annoyance annoyances papercut papercuts",
    # Work not yet sent ("3 inspections waiting to sync") is what "pending" names.
    "pending waiting unsent unsynced",
    "adjust adjusted adjustment tweaked revised iterated",
    "baseline measured tracked",
    "respect trusted judgement judgment expertise",
    "escalate escalated escalation flagged raised",
    # Words of views ("Why are you leaving?", "Where in five years?") and their key points.
    "layoff layoffs laid redundancy redundant restructuring downsizing",
    "depth deep deeper deepen expertise specialise specialize specialist",
    "stay staying longterm tenure",
    # Views in a candidate's own words: "lots of room on the how", "I just adapt".
    "autonomy autonomous freedom independence independently latitude",
    "flexibility flexible adapt adapted adapting adaptable adjust adjusted",
    "influence influencing persuade persuading persuaded convince convincing convinced",
    "motivator motivators driver drivers drives driven motivate motivates motivated",
    "contribute contributing contribution help helping useful",
    "fit fits match matches connect connected connection",
    "opportunity opportunities next want",
    # "moving" is "mov" and "a move" is "move": the stemmer keeps the e only when there is
    # no suffix to strip.
    "move moves moved moving",
    "escape escaping escaped running leaving quit quitting",
    "source sources newsletter newsletters podcast podcasts blog blogs article articles "
    "changelog changelogs releasenotes paper papers book books",
    "hype hyped shiny trendy fad fads",
    "rationale reason reasons explain explained why",
    # What a candidate is proud of matters to them ("I'm proud of it because ..."); a
    # point's "proud" is not met by whatever "matters".
    "matter matters meaningful | proud",
    "defer deferred postpone postponed later backlog parked",
    "growth grow grew grown growing",
    # Roles' own words for moves their key points name ("My first hypothesis ...", "abort
    # the previous fetch", "a blocklist strips ...", "we calibrate every quarter").
    "hypothesis hypotheses hypothesise hypothesize theory theories",
    "calibrate calibrated calibrating calibration",
    "cancel cancelled canceled cancelling abort aborted aborting abortcontroller",
    "filter filtered filtering blocklist denylist",
    "randomise randomize randomised randomized randomisation randomization bucketed",
    "beta canary pilot",
    # A user's problem is told as where they got stuck or what they complained of.
    "problem problems stuck complaint complaints",
    "estimate estimates estimated estimation sizing tshirt",
    # The stemmer makes "success" "succes" and leaves "successful": one word to a point.
    "success successful successfully succeed succeeded succeeding",
    # Scope creep is told in the past as often: "scope had crept", "it kept creeping".
    "creep crept creeping",
    # A percentile is named by its number: "the p99 went from 300 ms to 2 seconds".
    "percentile percentiles p50 p75 p90 p95 p99 p999",
    # Debt taken on is told as what was cut: "we hardcoded the pricing rules", "a hack".
    "shortcut shortcuts hack hacks hacky hardcoded hardcode workaround stopgap",
    "deliberate deliberately knowingly intentionally consciously",
]


# Words a key point's word stands for in answers, one way only. A "neutral" reason for
# leaving is the employer's call granted ("quite reasonably", "a sensible call for them")
# or the work's own course: its direction changed, its scope is outgrown, it is stable and
# mostly maintenance. A point's "scope" or "direction" ("scope cut or new date agreed")
# is no neutral reason.
_ONE_WAY = {
    "neutral": "reasonable reasonably sensible direction scope outgrown outgrow roadmap stable "
    "maintenance maintaining mature laid layoff layoffs acquired",
    # Management as a direction is being a manager ("not a people manager"); a point's
    # "manager" is a person, whom "I managed the migration" does not consult.
    "management": "manager managers",
    # A discussion is communication ("written discussion before big decisions"), but a
    # point's "discussion" is a talk ("overlap hours for synchronous discussion"), which a
    # status update is not.
    "communication": "discussion discussions",
    # Working remotely is told by its means ("virtual coffee", "a video call"); a point's
    # "distributed" is a system's ("distributed tracing"), so that word is left out.
    "remote": "remotely virtual video zoom",
    # A weakness named ("I can be impatient": see text.join_compounds) is one, and only that.
    "weakness": "namedweakness",
    # A technology is told as the thing itself: a framework, a tool, a library, a language.
    "technology": "technologies framework frameworks tool tools library libraries language "
    "languages",
}


def _build() -> dict[str, frozenset[str]]:
    families: dict[str, set[str]] = {}
    for group in _GROUPS:
        # A word that texts are never read as ("buy-in" is read "buy", "in") would never
        # be met: each must be one word as texts are split (a cheap test, as this runs at
        # the first score: content_words would cost 10 ms more).
        unread = [
            w for w in group.replace("|", " ").split() if w not in STOPWORDS and words(w) != [w]
        ]
        if unread:
            raise ValueError(f"not one word as texts are read: {', '.join(unread)}")
        own, _, borrowed = group.partition("|")
        stems = {stem(w) for w in own.split()}
        lent = {stem(w) for w in borrowed.split()}
        for s in stems:
            families.setdefault(s, set()).update(stems | lent)
        for s in lent:
            families.setdefault(s, {s})
    for word, senses in _ONE_WAY.items():
        families.setdefault(stem(word), {stem(word)}).update(stem(w) for w in senses.split())
    return {s: frozenset(family) for s, family in families.items()}


_FAMILIES = _build()


def related(word_stem: str) -> frozenset[str]:
    """The stem and every stem in a family with it."""
    return _FAMILIES.get(word_stem, frozenset({word_stem}))


@lru_cache(maxsize=4096)
def expand(stems: frozenset[str]) -> frozenset[str]:
    """Every stem related to any of ``stems``."""
    out: set[str] = set()
    for s in stems:
        out |= related(s)
    return frozenset(out)
