""" "Tell me about yourself": each key point about a beat of the career is made by the
sentence telling that beat, not by one sharing its words. "Now I'm looking for a lead
role" is what the candidate wants next, not a current role; "for the past three years
I've been the analyst at Fairway" is where they are now, not where they started; a
tenure or "shipped in five weeks" is no achievement with a number.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

PAST = "past background and career starting point"
NOW = "current role and responsibilities today"
WIN = "one concrete achievement with a number"
NEXT = "future goals and what you want next"
FIT = "why this role fits that direction"


# A beat each, in plain words, to frame the line under test: a pitch of one beat misses
# the question, and its points are not credited.
FRAME = {
    PAST: "I started as a support engineer at a logistics firm in Rotterdam.",
    NOW: "Today I build the billing services at Kestrel Payments, mostly in Go.",
    NEXT: "Next, I want to lead a small product team on something I use myself.",
}
AROUND = "What drives me is explaining things clearly and writing them down."


def _pitch(line: str, point: str) -> str:
    """``line`` in a pitch whose other beats are told apart from it."""
    before = [FRAME[p] for p in (PAST, NOW) if p != point]
    after = [FRAME[NEXT]] if point != NEXT else []
    return " ".join([*before, line, AROUND, *after])


@pytest.mark.parametrize(
    ("line", "point"),
    [
        ("Right now I'm at Brightleaf, where I build the scheduling screens in React.", NOW),
        ("I'm an application security engineer, mostly doing threat modeling and reviews.", NOW),
        ("Until two years ago I was a high school chemistry teacher in Phoenix.", PAST),
        ("Before that I did a couple of years at an agency in Austin.", PAST),
        ("During my degree I did three co-op terms building internal tools.", PAST),
        ("What I'm looking for now is a product team where design sits with engineering.", NEXT),
        ("I'd like to move toward a platform engineering role.", NEXT),
        ("For the future I wish to grow into a test architect position.", NEXT),
        ("The dream would be to lead a small docs team and set its standards.", NEXT),
        ("My first three years out of school were at an agency, shipping apps.", PAST),
        ("I got here through journalism, as a reporter at a regional newspaper.", PAST),
        ("Your team writes detections as code, which is exactly how I'd like to work.", FIT),
        ("Your internship is a great fit for that, since interns own a real service.", FIT),
        # Found by probing: a duty, a past or a want in words the first version missed.
        ("I'm responsible for the billing pipelines at Northwind, which feed every invoice.", NOW),
        ("These days I work on long-term demand forecasting at Northwind.", NOW),
        (
            "I'm a data engineer at Northwind and I'm really interested in streaming, so I've "
            "been leading our Kafka work.",
            NOW,
        ),
        ("My background is in economics and customer support at a logistics firm.", PAST),
        ("Straight out of school I joined a small logistics firm as a support analyst.", PAST),
        ("I'm seeking a staff position where I can shape the data platform.", NEXT),
        ("Down the road, leading a data platform team is where I'm heading.", NEXT),
        ("I automated month-end reporting and saved the finance team ten hours a week.", WIN),
        ("I cut our monthly close by three days by automating the reconciliation.", WIN),
        ("I slashed our cloud spend by 30 percent last year.", WIN),
        ("That's exactly what drew me to the platform engineer position at Kestrel.", FIT),
        ("I head up customer success for EMEA at Quorum.", NOW),
        ("My current gig is senior SRE at a payments company in Dublin.", NOW),
        ("My career kicked off on the trading floor of a retail bank in Lagos.", PAST),
        ("I trained as a pharmacist and worked in a hospital pharmacy.", PAST),
        ("Longer term, I'd quite like to lead a design team.", NEXT),
        ("The plan is to move into engineering management in a couple of years.", NEXT),
        ("I hit 130 percent of my quota last year.", WIN),
        ("I got our AWS bill down by about 30 percent.", WIN),
        ("Your mission around clean energy really resonates with me.", FIT),
        ("I cut our end-of-day processing from four hours to about forty minutes.", WIN),
        ("Precision roughly doubled, and the agents started using the list again.", WIN),
        ("I right-sized the clusters, and our monthly cloud bill dropped by about a third.", WIN),
    ],
)
def test_a_beat_told_in_any_words_makes_its_point(line: str, point: str) -> None:
    card = scored("tell-me-about-yourself", _pitch(line, point))
    assert quote_for(card, point) == line


@pytest.mark.parametrize(
    ("line", "point"),
    [
        # What the candidate wants next says "now" and "role", but is no current role.
        ("Now I'm looking for a full-time role on a backend or infrastructure team.", NOW),
        ("Next, I want a lead role on a mobile team where the app is the core product.", NOW),
        # Nor is the time of a graduate or a returner without a job.
        ("I don't have a full-time job yet, so at the moment I'm finishing my app.", NOW),
        ("I'm a software developer returning to work after a four-year break.", NOW),
        ("So, I'm a UX researcher, and I'm currently between roles.", NOW),
        # Thanks for the question is no reason the role fits.
        ("Thanks for your question, it's a good one to start with.", FIT),
        # Where the job was seen, or a word that is no link, ties nothing.
        ("I saw this job on LinkedIn last week.", FIT),
        ("I applied machine learning to fraud detection at my last company.", FIT),
        # A way into the answer, or good manners, is no goal.
        ("Today I'd like to walk you through my background.", NEXT),
        ("I'm excited to be here, thanks for having me.", NEXT),
        ("I'd like to think I'm a calm person under pressure.", NEXT),
        # A trait or a home town is no job, nor a past.
        ("I'm a big believer in writing things down, and in short meetings.", NOW),
        ("I'm originally from Lagos, where my parents still live.", PAST),
        ("I was a bit nervous coming in today, so thanks for the welcome.", PAST),
        # An achievement hoped for, missed or asked for, a headcount or a course: none yet.
        ("Next year we hope to cut our cloud costs by 20 percent.", WIN),
        ("We didn't manage to hit the 20 percent cost reduction we were aiming for.", WIN),
        ("I was asked to reduce the warehouse bill by 15 percent, which is in progress.", WIN),
        ("I manage eight engineers who deliver the checkout service.", WIN),
        ("I completed a 12-week data bootcamp to make the switch.", WIN),
        ("If I got this role, I think I could improve conversion by 10 percent.", WIN),
        ("We never actually managed to reduce churn below 5 percent.", WIN),
        ("Thanks so much for having me today, I'm really excited to be here.", NOW),
        ("I'd like to quickly run through my background.", NEXT),
        ("Our next step as a team is migrating everything to Snowflake.", NEXT),
        ("In the future, AI is going to change how customer support works.", NEXT),
        ("My goal in every project is to keep things simple for the end user.", NEXT),
        ("I'd love to hear your thoughts on that at the end.", FIT),
        ("Your platform handles ten million transactions a day, which is impressive.", FIT),
        ("We moved to Kubernetes last year and it's been a huge improvement.", PAST),
        ("I'll start off with what I'm doing now and then work backwards.", PAST),
        # A tenure in the current job is where the candidate is, not where they began.
        ("For the past three years I've been the data analyst at Fairway Foods.", PAST),
        ("I had a cheap test phone on my desk, so I started loading the page on it.", PAST),
        (
            "A few years ago, while I was doing a review of our S3 permissions, I found a leak.",
            PAST,
        ),
        ("I found a storage bucket that had been public for almost two years.", PAST),
        # A past project's "next six months" is no goal.
        ("So I spent the next six months building an asset inventory and a tagging policy.", NEXT),
        # A figure that dates, times or sizes the work measures no achievement.
        ("I made the case to pause routing, and we shipped a parts log in five weeks.", WIN),
        ("For the past three years I've been the data analyst at Fairway Foods.", WIN),
        ("I wrote my first production code in 2009, at a small firm in Pune.", WIN),
        ("I write Go at a logistics company, and I'm on a team of seven.", WIN),
        ("I'm pretty comfortable in Figma and I can prototype in code a bit.", WIN),
        ("Now I manage eight engineers across two squads.", WIN),
        ("I grew up in a small town, and my dad had a hardware store with two aisles.", WIN),
    ],
)
def test_words_of_another_beat_do_not_make_the_point(line: str, point: str) -> None:
    card = scored("tell-me-about-yourself", _pitch(line, point))
    assert quote_for(card, point) in (None, FRAME.get(point))


def test_each_beat_of_a_pitch_quotes_its_own_sentence() -> None:
    started = "I started as a support engineer at a logistics startup in Rotterdam."
    now = "Today I lead the ledger team at Kestrel Payments, five engineers in Go."
    win = "Last year we cut end-of-day processing from four hours to forty minutes."
    goal = "Now I'm looking for a staff role where I can shape a platform across teams."
    card = scored("tell-me-about-yourself", " ".join([started, now, win, AROUND, goal]))
    assert [quote_for(card, point) for point in (PAST, NOW, WIN, NEXT)] == [
        started,
        now,
        win,
        goal,
    ]


def test_an_achievement_is_quoted_where_its_figure_is_a_before_and_after() -> None:
    told = "I rebuilt the unlock flow, and we launched it in 2021 to two million riders."
    measured = "That took median unlock time from 9 seconds to 2."
    answer = " ".join([FRAME[PAST], FRAME[NOW], told, measured, FRAME[NEXT]])
    card = scored("tell-me-about-yourself", answer)
    assert quote_for(card, WIN) == measured


def test_the_beats_are_read_only_in_a_pitch() -> None:
    # "Mentee's starting point and goal" is no career beat of the candidate's own: it is
    # met by what the story says of the mentee, as before.
    answer = (
        "Priya joined as a junior engineer who had never worked on a backend service. "
        "Her starting point was shaky SQL, and her goal was to own a service within a year. "
        "I paired with her twice a week and she shipped the billing service by spring."
    )
    card = scored("mentored-someone", answer)
    assert quote_for(card, "mentee's starting point and goal") == (
        "Her starting point was shaky SQL, and her goal was to own a service within a year."
    )
