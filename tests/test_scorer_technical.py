"""Technical questions that are not system designs: explain, diagnose, decide, measure.

A product manager prioritising a roadmap, an SRE taming alerts or an engineering
manager measuring productivity answers with the steps they would take, a goal,
and how they would know it worked. These answers were scored as if they had to
be designs: Action 0/5 for an answer made of actions, and tips asking for "the
latency you need" and "what happens when a part fails".
"""

from __future__ import annotations

import pytest

from coachkit import QuestionBank, ScoreCard
from coachkit.rubric import flag_explanation
from coachkit.scoring import LocalScorer
from coachkit.scoring.overall import CAPS

SCORER = LocalScorer()
BANK = QuestionBank.load()

ALERT_FATIGUE = (
    "I'd start with data: export the last month of pages and record for each one whether "
    "anyone took action. Usually a handful of alerts cause most of the noise. Then I'd apply "
    "one rule: a page must be urgent, actionable and about user impact. Alerts on causes, like "
    "CPU at 80%, get downgraded to tickets or dashboards. Pages should fire on symptoms users "
    "feel, ideally SLO burn-rate alerts. I'd tune thresholds and add for-durations so brief "
    "blips don't page, and group related alerts so one outage is one page. Every page must "
    "link to a runbook. I'd make this a standing item in the weekly on-call handover. On my "
    "last team we went from 35 pages a week to 6 in six weeks."
)


def _card(question_id: str, answer: str) -> ScoreCard:
    return SCORER.score(BANK.get(question_id), answer)


def _said(card: ScoreCard) -> str:
    return " ".join(
        [
            *(d.feedback for d in card.dimensions.values()),
            *card.tips,
            *(r.text for r in card.rebuilt),
        ]
    )


def test_the_steps_of_an_approach_are_its_action() -> None:
    card = _card("alert-fatigue", ALERT_FATIGUE)
    assert card.dimensions["action"].score >= 3
    assert card.overall >= 60
    assert "rambling" not in card.flags


def test_a_measured_outcome_counts_for_the_result_of_an_approach() -> None:
    card = _card("alert-fatigue", ALERT_FATIGUE)
    result = card.dimensions["result"]
    assert result.score >= 3
    assert "35 pages a week to 6" in result.feedback  # quoted as the proof that it worked


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("alert-fatigue", ALERT_FATIGUE),
        (
            "prioritize-roadmap",
            "I'd group the twenty requests by the problem behind them, score each on reach, "
            "impact, confidence and effort, and tie them back to the quarter's goal. Then I'd "
            "publish why the other sixteen were deferred.",
        ),
    ],
)
def test_an_approach_is_not_asked_for_a_designs_qualities(question_id: str, answer: str) -> None:
    said = _said(_card(question_id, answer))
    for design_word in ("latency", "a part fails", "requests per second", "consistent"):
        assert design_word not in said


def test_a_system_design_that_gives_its_latency_in_milliseconds_is_not_asked_for_it() -> None:
    card = _card(
        "design-autocomplete",
        "Requirements first: suggestions within 100 ms of a keystroke for 50 million daily "
        "users. I'd serve them from a trie of prefixes with the top ten completions stored at "
        "each node, rebuilt hourly from query logs, because reads must be cheap.",
    )
    assert "latency you need" not in card.dimensions["task"].feedback


def test_a_quality_given_in_a_design_choice_is_not_asked_for() -> None:
    """ "so opening a chat takes a few milliseconds" in an action sentence gave the
    latency, yet the task tip asked for it: only the requirement sentences were read."""
    card = _card(
        "design-chat-system",
        "We need one-to-one and group chat for 20 million daily users, and messages must "
        "arrive in order within a conversation. Each client holds a websocket to a gateway, "
        "and every message goes to a log partitioned by conversation. I would cache the last "
        "fifty messages of each conversation in Redis, so opening a chat takes a few "
        "milliseconds, because most reads are of recent messages. The cost is an extra hop "
        "through the log, and if a gateway dies its clients reconnect to another one.",
    )
    tip = card.dimensions["task"].feedback
    assert "latency you need" not in tip
    assert "availability you need" in tip  # the next quality it does not give


def test_a_sampling_period_outside_the_requirements_is_no_latency() -> None:
    """ "scraped every 15 seconds" in a design choice is how often, not how fast: the
    latency is still asked for."""
    card = _card(
        "design-metrics-monitoring",
        "We need to watch 2,000 hosts and alert the on-call team on any host that stops "
        "reporting. Each host runs an agent that is scraped every 15 seconds into a "
        "time-series database sharded by host, because queries are per host. The cost is "
        "one more store to run, and if a shard dies its hosts show as missing until a "
        "replica takes over.",
    )
    assert "latency you need" in card.dimensions["task"].feedback


@pytest.mark.parametrize(
    ("question_id", "point", "answer"),
    [
        # A "no X" point said as a refusal of X is made, not broken.
        (
            "measuring-team-productivity",
            "avoid lines of code or story points",
            "I'd avoid individual metrics like lines of code or story points per person, "
            "because people game them. I'd report DORA metrics for the team instead and pair "
            "them with a developer survey each quarter.",
        ),
        # Names listed before an "or" are alternatives: dropout alone is the point.
        (
            "bias-variance-overfitting",
            "simpler model, L1 or L2 regularisation or dropout",
            "The model overfits: 98% on training data and 71% on validation. I'd add dropout "
            "and early stopping, and get more training data.",
        ),
        # "score" and "scoring" are one word; so are "quarter's" and "quarterly".
        (
            "prioritize-roadmap",
            "RICE or value versus effort scoring",
            "I'd group the twenty by the problem behind them. I'd score each problem on "
            "reach, impact, confidence and effort, with support tickets and revenue as evidence.",
        ),
        (
            "prioritize-roadmap",
            "anchor on strategy and quarterly goals",
            "Then I'd tie the requests back to the quarter's goal. I'd group the twenty by "
            "the problem behind them and ask engineering for rough effort estimates.",
        ),
        # A word denied once ("no keyboard traps") is still said where it is not.
        (
            "web-accessibility",
            "keyboard navigation and focus management",
            "Everything has to work with the keyboard alone: visible focus, a logical tab "
            "order, and no keyboard traps.",
        ),
    ],
)
def test_a_point_in_its_own_words_is_credited(question_id: str, point: str, answer: str) -> None:
    card = _card(question_id, answer)
    (hit,) = [k for k in card.keypoints if k.point == point]
    assert hit.covered, card.keypoints


def test_a_rationale_for_what_is_deferred_said_plainly_is_credited() -> None:
    card = _card(
        "prioritize-roadmap",
        "I'd group the twenty requests by the problem behind them and score each one. Then I'd "
        "take the top four back to the stakeholders, explain why each of the other sixteen "
        "didn't make it, and publish the decision with the scores so it's transparent.",
    )
    (hit,) = [k for k in card.keypoints if k.point == "transparent rationale for what is deferred"]
    assert hit.covered


PLAIN_CACHING = (
    "First I'd look at what's actually being asked for most. Usually it's a small set of "
    "popular items read fifty times for every time they're changed, so those are the ones "
    "worth keeping a copy of. I'd keep the copies in a separate in-memory store that all the "
    "app servers share. The app checks the copy first; if it isn't there, it asks the main "
    "database and saves what it got for next time. When someone changes an item, we throw away "
    "its copy right after the change is saved, instead of trying to patch it, so two updates "
    "can't fight and leave an old version behind. Copies also go out of date on their own after "
    "about five minutes, and I'd add a random extra minute to each so they don't all vanish at "
    "the same moment. The classic problem is when a very popular copy vanishes and hundreds of "
    "requests all rush to the database together. I'd let just one request rebuild it while the "
    "rest wait briefly or get the old copy. If the shared memory store goes down, the app should "
    "go to the database slowly, with a cap on how many at a time, so one outage doesn't cause a "
    "second one. I'd call it done when nine in ten reads are served from the copy and the "
    "database load drops by half; the price is that users may see data a few minutes old."
)


def test_a_strong_answer_in_plain_words_is_not_off_topic() -> None:
    """It named no key point in their words, sat a hair closer to another question of the
    bank, and was capped at 15 as off-topic, below a generic answer."""
    card = _card("caching-strategy", PLAIN_CACHING)
    assert "off_topic" not in card.flags
    assert card.overall >= 40


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        (
            "hiring-bar",
            "I'd have a few rounds, like a phone screen, a coding round, a system design round "
            "and a culture fit round. To keep the bar consistent I'd make sure the interviewers "
            "are experienced and know what we're looking for, and we'd use a scorecard. After "
            "the interviews we have a debrief where everyone discusses and we decide together. I "
            "also think every hire should be better than the current team average, so we keep "
            "raising the bar.",
        ),
        (
            "prioritize-roadmap",
            "I'd look at all twenty requests and decide which ones are the most important for "
            "the business. I'd ask sales, support and leadership why they want each one. Then "
            "I'd pick the top four and communicate the decision to everyone. It's impossible to "
            "please everyone, so you have to make tough calls sometimes.",
        ),
        (  # 1.96 times closer to its own question than to the next
            "design-component-library",
            "I'd create a shared repository with the common components like buttons, inputs "
            "and modals, and publish it as a package the teams can install. It would need good "
            "documentation so people know how to use it. I'd also ask the teams what "
            "components they need most and build those first. Keeping it consistent with the "
            "design is important.",
        ),
    ],
)
def test_a_vague_answer_on_the_subject_is_weak_not_off_topic(question_id: str, answer: str) -> None:
    """It named no key point and few of the question's words, so it was called an answer
    to something else and capped at 15, though it was far closer to its own question than
    to any other: the card blamed the subject, not the vagueness."""
    card = _card(question_id, answer)
    assert "off_topic" not in card.flags
    assert 15 < card.overall < 40


def test_a_short_answer_to_a_neighbouring_subject_is_still_off_topic() -> None:
    """Security leaks answered for ML data leakage: about as close to another question."""
    card = _card(
        "data-leakage",
        "Data leakage is when sensitive data like customer PII gets leaked outside the "
        "company, like a breach. You prevent it with encryption, access control, DLP tools "
        "and GDPR compliance.",
    )
    assert "off_topic" in card.flags


def test_a_key_point_dismissed_is_not_credited() -> None:
    """An answer saying it does not need SELECT FOR UPDATE covered four key points."""
    card = _card(
        "transaction-isolation",
        "We don't need SELECT FOR UPDATE, version columns, a conditional update, a unique "
        "constraint or serializable isolation, and there's no point retrying on deadlocks. "
        "Those are all overkill. I'd just read the row, check the count in the app and write "
        "it back, and it worked fine for 2 million bookings a month at my last job.",
    )
    credited = [k.point for k in card.keypoints if k.covered]
    assert "SELECT FOR UPDATE pessimistic locking" not in credited
    assert "optimistic locking with version column" not in credited
    assert card.overall < 40


@pytest.mark.parametrize(
    ("question_id", "answer", "point"),
    [
        (
            "react-rerender-optimization",
            "I'd wrap the list items in React.memo and keep the input state local. You don't "
            "really need the React DevTools profiler here; it is obviously the list.",
            "React DevTools profiler measurement",
        ),
        (
            "design-recommendation-system",
            "I'd score every product with one big model on each page load. Cold start for new "
            "users isn't really a problem, since the model generalises to any user.",
            "cold start for new users and items",
        ),
        (
            "design-notification-service",
            "Each team calls the email and SMS providers directly and retries in a loop. "
            "Duplicate notifications aren't a real concern, as users can ignore them.",
            "idempotency to avoid duplicate notifications",
        ),
    ],
    ids=["dont-really-need", "isnt-really-a-problem", "arent-a-real-concern"],
)
def test_a_key_point_waved_away_is_not_credited(question_id: str, answer: str, point: str) -> None:
    """What an answer says it does not need, or says is not a problem, is not covered."""
    (hit,) = [k for k in _card(question_id, answer).keypoints if k.point == point]
    assert not hit.covered


def test_a_problem_that_went_away_still_names_its_subject() -> None:
    """ "The load wasn't an issue anymore" is a result, not a dismissal."""
    from coachkit.scoring.features import _dismissed
    from coachkit.scoring.text import words

    text = "once we added the cache, the database load wasn't an issue anymore."
    assert _dismissed(words(text), text) == frozenset()


def test_a_point_made_over_two_sentences_in_a_row_is_credited() -> None:
    """An answer said "what changed, such as data growth" over two sentences, and the
    card asked to make it explicit."""
    card = _card(
        "slow-query-indexing",
        "First I'd run EXPLAIN ANALYZE on the slow query to see the plan. Then the question "
        "is what changed. The orders table grew from 500,000 rows to 50 million, and the "
        "planner switched from an index scan to a sequential scan. I'd add a composite index "
        "on customer_id and created_at, built concurrently so writes are not blocked.",
    )
    (hit,) = [k for k in card.keypoints if k.point == "what changed, such as data growth"]
    assert hit.covered
    # Neither sentence makes it alone: the quote is both, as the answer wrote them.
    assert hit.evidence == (
        "Then the question is what changed. The orders table grew from 500,000 rows to 50 "
        "million, and the planner switched from an index scan to a sequential scan."
    )


def test_two_unrelated_sentences_do_not_make_a_point_together() -> None:
    card = _card(
        "slow-query-indexing",
        "Things changed a lot at my last job. We had a big team offsite in Lisbon. "
        "Everyone enjoyed it and we grew as a team.",
    )
    assert not any(k.covered for k in card.keypoints)


def test_an_off_topic_answer_gets_no_praise() -> None:
    """An off-topic opening was told it "frames the problem; keep it this short"."""
    card = _card(
        "alert-fatigue",
        "On-call is really hard, I've been there. Honestly the best teams just have a good "
        "culture and people who care. At my last company we had pizza on Fridays and it "
        "helped morale a lot. I think that matters more than any tool.",
    )
    assert "off_topic" in card.flags
    assert not any("keep it this short" in d.feedback for d in card.dimensions.values())


def test_a_design_opening_with_questions_to_the_interviewer_is_read_as_its_scope() -> None:
    card = _card(
        "design-rate-limiter",
        "Can I ask a few things first? Are we limiting per API key, per user or per IP? "
        "Assuming per API key at 1,000 requests a minute, and the limiter must add less than "
        "a millisecond or two per request. I'd use a token bucket per key in Redis, because "
        "it allows short bursts, with a Lua script so the check and decrement are atomic. If "
        "Redis is down we fail open, because blocking every customer is worse than a few "
        "extra requests; the trade-off is a short window without limits.",
    )
    said = " ".join(d.feedback for d in card.dimensions.values())
    assert "latency you need" not in said  # "a millisecond or two" is the latency
    assert "Are we limiting" not in card.dimensions["action"].feedback


def test_a_question_that_asks_to_explain_asks_for_why_it_matters_not_a_goal() -> None:
    """The N+1 question was asked for "[goal?: what is a good outcome …]"."""
    card = _card(
        "n-plus-one-queries",
        "N+1 is when you run one query to load a list, then one more query per item to load "
        "something related, so 100 orders means 101 queries. To detect it I watch the query "
        "log in development and count queries per request in tests. To fix it I eager load "
        "the relation with a join or a second IN query, so 101 queries become 2.",
    )
    gaps = " ".join(line.text for line in card.rebuilt if line.source == "placeholder")
    assert "[goal?" not in gaps and "a good outcome" not in card.dimensions["task"].feedback
    assert "why it matters" in gaps or "causes or solves" in card.dimensions["task"].feedback


def test_how_you_would_know_it_worked_is_the_result_not_the_goal() -> None:
    """ "I would know it worked because the query count drops" was placed as the Task in
    the rebuild, and the Result tip asked to add how you would know it worked."""
    card = _card(
        "n-plus-one-queries",
        "The N+1 problem is one query for a list and then one more per row, so a page of 50 "
        "invoices makes 51 round trips. It hides behind lazy loading in an ORM. I find it by "
        "counting queries per request in tests. I fix it with eager loading, a join or an IN "
        "query, which turns 51 queries into 2. The trade-off is that a join can fetch too "
        "much data, so for big collections I batch instead. I would know it worked because "
        "the query count per request drops and p95 latency falls.",
    )
    (check,) = [line for line in card.rebuilt if line.text.startswith("I would know it worked")]
    assert check.dimension == "result"
    assert "add how you would know it worked" not in card.dimensions["result"].feedback
    assert "I would know it worked" not in card.dimensions["task"].feedback


def test_a_figure_measured_afterwards_is_the_result_not_the_goal() -> None:
    """ "Afterwards, the profiler showed commits under 8 ms per keystroke" read as a goal
    ("under 8 ms"): the Task quoted it as "states the goal with a number" and the
    rebuild ended on a task line. A goal said before the work is still the task."""
    steps = (
        "I'd record a few keystrokes in the React Profiler to see which components render. "
        "In one case every keystroke took 120 ms because the query state lived at the top "
        "of the page. I moved that state into the search box and wrapped the rows in "
        "React.memo. I added react-window so only the visible rows render. "
    )
    measured = "Afterwards, the profiler showed commits under 8 ms per keystroke."
    card = _card("react-rerender-optimization", steps + measured)
    (line,) = [line for line in card.rebuilt if line.text == measured]
    assert line.dimension == "result"
    assert measured in card.dimensions["result"].evidence
    assert measured not in card.dimensions["task"].evidence

    goal = "The goal was commits under 16 ms per keystroke."
    card = _card("react-rerender-optimization", goal + " " + steps + measured)
    assert card.dimensions["task"].evidence == [goal]


def test_the_evidence_says_the_point_in_its_own_words_when_two_sentences_tie() -> None:
    """ "key expiry" was quoted from "an Idempotency-Key header" (related words) while the
    answer said "Keys expire after a day." The coach-labelled quotes: 139 of 252 held by
    the evidence before, 152 after."""
    card = _card(
        "idempotent-apis",
        "The client sends an Idempotency-Key header with a UUID it generates per payment. I "
        "store the key, a hash of the body and the response in one table with a unique "
        "constraint, in the same transaction as the charge. A retry with the same key gets "
        "the stored response; a different body gets a 422. Keys expire after a day.",
    )
    (hit,) = [k for k in card.keypoints if k.point == "deduplication window or key expiry TTL"]
    assert hit.covered and hit.evidence == "Keys expire after a day."


WRONG_LEAKAGE = (
    "Data leakage is mostly an academic concern, honestly. I fit my scalers and encoders on "
    "the full dataset before splitting, because the statistics are more stable that way. A "
    "random 80/20 split is fine even for time-stamped data; I'd avoid time-based splits, "
    "since they shrink the training set. Worrying about point-in-time joins is "
    "overengineering for most teams. If validation looks great, that usually means the "
    "model is great, and we ship it."
)


def test_an_answer_that_argues_against_the_key_points_is_flagged_and_capped() -> None:
    """Fluent and wrong, it scored 62 to 86 with the points it rejected ticked."""
    card = _card("data-leakage", WRONG_LEAKAGE)
    assert "rejects_key_points" in card.flags and card.overall <= CAPS["rejects_key_points"]
    assert "argues against points" in flag_explanation("rejects_key_points", "technical")


def test_turning_down_one_alternative_is_no_argument_against_the_question() -> None:
    card = _card(
        "api-pagination",
        "For a large table that changes often I'd avoid offset pagination, because rows "
        "shift between pages and deep offsets scan everything they skip. I'd use cursor "
        "pagination on an indexed, unique sort key like (created_at, id), return an opaque "
        "next cursor, and cap the page size at 100. Clients can't jump to page 40, which is "
        "the trade-off; for an admin table that needs it I'd keep offset with a hard limit.",
    )
    assert "rejects_key_points" not in card.flags


STRONG_FRAUD = (
    "With 0.5% fraud, accuracy is pointless: a model that never flags fraud scores 99.5%. "
    "I'd look at precision and recall, because each false positive blocks a real customer and "
    "each false negative costs a chargeback, and the trade-off between them is a business "
    "decision. For a single summary I'd use PR-AUC, since ROC-AUC looks flattering when "
    "negatives dominate. I'd pick the threshold from the cost of each error, with the fraud "
    "team. In training I'd use class weights rather than throwing data away. A random split "
    "is a recipe for leakage here, because fraud patterns drift, so I'd train on earlier "
    "months and test on the latest month."
)
STRONG_STATE = (
    "I start by asking who needs the state. Data from the server lives in React Query, which "
    "handles caching and refetching, rather than being copied into a Redux store. Search "
    "filters and the current page go in the URL instead of component state, so a link can be "
    "shared and the back button works. Something only one form uses, like whether a dropdown "
    "is open, stays in useState inside that component. When two siblings need the same value "
    "I lift it up to their closest parent. I never store what can be computed from other "
    "state, like a filtered list; I compute it during render."
)


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("imbalanced-classification-metrics", STRONG_FRAUD),
        ("frontend-state-management", STRONG_STATE),
    ],
)
def test_a_strong_answer_that_dismisses_the_wrong_way_is_not_argued_against(
    question_id: str, answer: str
) -> None:
    """Capped at 40 in review: "accuracy is pointless" agrees with "accuracy misleading",
    and "instead of component state" chooses where state goes."""
    card = _card(question_id, answer)
    assert "rejects_key_points" not in card.flags and card.overall >= 60


OFFLINE_STRONG = (
    "First I'd ask which screens have to work offline and for how long; say a technician is "
    "out of signal for a full day with about fifty forms. A service worker precaches the app "
    "shell, scripts and form templates, so the app opens with no network. Drafts and the "
    "reference data they need go into IndexedDB, because localStorage is tiny and blocks the "
    "main thread. Every save goes to a local outbox with a unique change id, and when the "
    "browser is back online a sync loop sends the queue with backoff. If the server copy "
    "changed meanwhile, I merge per field and ask the technician only when the same field was "
    "edited on both sides. The header shows an offline badge and '3 forms waiting to sync'."
)
OFFLINE_WRONG = (
    "Offline support is mostly a backend problem, so on the client I'd keep it simple. I'd "
    "store everything in localStorage because IndexedDB is overkill for forms. A service "
    "worker isn't needed; the browser cache already keeps the page. If a save fails offline "
    "I'd show an error and ask the technician to try again later."
)


def test_the_frontend_offline_design_reads_a_strong_answer_and_a_wrong_one() -> None:
    strong = _card("design-offline-web-app", OFFLINE_STRONG)
    assert all(hit.covered for hit in strong.keypoints) and strong.overall >= 75
    wrong = _card("design-offline-web-app", OFFLINE_WRONG)
    assert "rejects_key_points" in wrong.flags and wrong.overall <= 40


def test_one_key_point_argued_against_is_a_choice_not_a_wrong_answer() -> None:
    """Two points argued against make a fluent answer wrong; one turned down is a choice
    its band weighs (this design, without a service worker, still covers the rest)."""
    answer = OFFLINE_STRONG.replace(
        "A service worker precaches the app shell, scripts and form templates, so the app "
        "opens with no network.",
        "A service worker isn't needed; the browser cache already keeps the page.",
    )
    assert answer != OFFLINE_STRONG
    assert "rejects_key_points" not in _card("design-offline-web-app", answer).flags


def test_a_goal_with_a_number_is_not_asked_for_one() -> None:
    """The task tip said "put a number on it if it has one" of "LCP under 2.5 seconds at
    the 75th percentile"."""
    answer = (
        "First I would measure: Lighthouse on a mid-range phone over throttled 4G, and real-"
        "user Core Web Vitals from our RUM data. The goal is to get LCP under 2.5 seconds at "
        "the 75th percentile on mobile without a rewrite. I'd serve the hero image as AVIF "
        "with fetchpriority=high and a preload, because it was the LCP element, and split the "
        "JavaScript bundle so the reviews widget loads later. The cost is more build "
        "complexity; I'd know it worked when the RUM p75 LCP drops under 2.5 seconds."
    )
    card = _card("core-web-vitals", answer)
    task = next(tip for tip in card.tips if tip.startswith("Task:"))
    assert "put a number on it" not in task


def test_a_high_overall_beside_a_thin_part_says_why() -> None:
    """93/100 with a star sat beside Situation 2/5 thin, with nothing to say why."""
    answer = (
        "First I would anchor on the company's strategy and this quarter's goals, because a "
        "request only matters if it moves one of them. Then I would group the twenty requests "
        "by the underlying customer problem, which usually collapses twenty into about eight. "
        "For each problem I'd gather evidence: revenue at risk from the CRM, ticket volume from "
        "support and usage data, and I'd ask engineering for rough t-shirt estimates. I'd then "
        "score them with RICE so the trade-offs are visible. I'd pick the top four, and for the "
        "deferred ones write a short rationale and share it with sales, support and leadership, "
        "with a date when we'll revisit. The cost is that some stakeholders are unhappy this "
        "quarter; I'd know it worked if the chosen four move retention and escalations stay low."
    )
    card = _card("prioritize-roadmap", answer)
    thin = [d for d, part in card.dimensions.items() if part.score <= 2]
    assert card.overall >= 80 and thin
    (note,) = [n for n in card.notes if "rests on what the answer covers" in n]
    assert f"{thin[0].title()} ({card.dimensions[thin[0]].score}/5)" in note
    for question_id, other in (
        ("design-offline-web-app", OFFLINE_STRONG),
        ("frontend-state-management", STRONG_STATE),
        ("imbalanced-classification-metrics", STRONG_FRAUD),
    ):
        card = _card(question_id, other)
        weak = any(part.score <= 2 for part in card.dimensions.values())
        assert bool(card.notes) == (card.overall >= 80 and weak), question_id


def test_the_goal_with_a_number_is_the_sentence_that_has_it() -> None:
    """The Task tip quoted the first of its sentences as "states the goal with a number"
    when only a later one had the number ("SLI is the service level indicator" for
    "99.9% uptime per month"); a number word ("two siblings") puts no number on a goal."""
    card = _card(
        "slo-sli-error-budget",
        "SLI is the service level indicator, a measure like uptime. SLO is the objective, "
        "like 99.9% uptime per month. The error budget is what is left, so 0.1% of requests "
        "can fail. We alert when we burn it fast and we stop releases when it is gone.",
    )
    assert card.dimensions["task"].feedback == (
        '"SLO is the objective, like 99.9% uptime per month." states the goal with a number; '
        "keep it that concrete."
    )
    card = _card(
        "frontend-state-management",
        "Most state should never leave the component that uses it. When two siblings need the "
        "same value, I lift it up to their nearest common parent. Server data goes in a query "
        "cache like React Query, with loading and error states. Global state is for the few "
        "things every page needs, like the signed-in user.",
    )
    assert card.dimensions["task"].feedback.endswith(
        "states the goal; put a number on it if it has one."
    )


FEED_DESIGN = (
    "We have about two hundred million daily users, and each follows a few hundred accounts. "
    "{requirement} I'd fan out on write to a Redis list per user, except for celebrities, "
    "whose posts are merged at read time because fanning them out is too costly. The "
    "trade-off is extra storage, and a feed can miss a post if the fan-out worker fails."
)


@pytest.mark.parametrize(
    "requirement",
    [
        "New posts must reach followers' feeds within five to ten seconds, and the feed "
        "must be up 99.9% of the time.",
        "Feeds refresh every two seconds, and the feed must be up 99.9% of the time.",
        "New posts must reach followers' feeds within 5 seconds, and the feed must be up "
        "99.9% of the time.",
    ],
)
def test_a_latency_given_in_words_is_not_asked_for(requirement: str) -> None:
    """ "within five to ten seconds" was met with "also state the latency you need", as if
    the requirement had no figure; in digits it was read."""
    card = LocalScorer().score(
        QuestionBank.load().get("design-news-feed"), FEED_DESIGN.format(requirement=requirement)
    )
    said = card.dimensions["task"].feedback
    assert "latency" not in said and "also state the consistency you need" in said


CACHING_MEASURED = (
    "First I'd look at the slow query log to find which reads are hot and how often the data "
    "changes. For the product pages I'd use cache-aside in Redis: read the cache, and on a miss "
    "read Postgres and store the row with a ten-minute TTL plus random jitter. Every write "
    "deletes the key, so the next read loads the new row. One request per hot key refreshes it "
    "under a short lock while the rest wait on that refresh. After the rollout I'd compare the "
    "endpoint with the week before: p95 should go from 900 ms to under 100 ms and database CPU "
    "from 85% to below 40%."
)


def test_how_a_fix_is_known_to_work_is_a_result_of_its_own() -> None:
    """An approach that ends on its measured outcome, before and after, was held to Result
    3/5 (87 overall) for naming one cost: the rubric's result is the outcome too."""
    card = _card("caching-strategy", CACHING_MEASURED)
    assert card.dimensions["result"].score >= 4
    assert any("900 ms" in quote for quote in card.dimensions["result"].evidence)


N_PLUS_ONE = (
    "The N+1 problem is when code loads a list with one query and then runs another query for "
    "each row in the loop. Load 50 orders, then touch order.customer inside the loop, and the "
    "ORM's lazy loading fires 50 more SELECTs, one per order. Each query is fast on its own, "
    "so nobody notices in development with ten rows, but in production the page makes hundreds "
    "of round trips and the latency adds up. You spot it in the query log or the APM trace: the "
    "same SELECT repeated with a different id. The fix is eager loading: a join, or "
    "select_related and prefetch_related in Django, so the related rows come back in one or two "
    "queries. For GraphQL resolvers, a DataLoader batches the ids requested in one tick into a "
    "single IN query. Eager loading everything has its own cost, wide joins and rows you never "
    "use, so load only what the view needs."
)


def test_why_an_explained_problem_matters_is_its_task() -> None:
    """ "What is the N+1 problem?" has no goal to state: the card asks why it matters, and
    an answer that said so ("in production ... the latency adds up") got Task 2/5."""
    card = _card("n-plus-one-queries", N_PLUS_ONE)
    assert card.dimensions["task"].score >= 4
    assert any("in production" in quote for quote in card.dimensions["task"].evidence)


def test_a_choice_justified_is_not_why_the_problem_matters() -> None:
    answer = N_PLUS_ONE.replace(
        "Each query is fast on its own, so nobody notices in development with ten rows, but in "
        "production the page makes hundreds of round trips and the latency adds up. ",
        "That's why I use select_related on every list view. ",
    )
    task = _card("n-plus-one-queries", answer).dimensions["task"]
    assert not any("That's why" in quote for quote in task.evidence)
    assert task.score <= 3  # the task implied by the rest of a strong answer, no more


def test_what_a_point_puts_after_before_alone_makes_none_of_it() -> None:
    """ "shadow deployment before full rollout" was credited to "we did a full rollout":
    what comes after "before" says when the point's own move comes."""
    card = _card(
        "training-serving-skew",
        "The usual cause is feature code written twice, once for training and once for "
        "serving, and the two disagree on time zones and nulls. I'd log the features the "
        "live model sees and train on those logged values. I'd put the shared definitions in "
        "a feature store. Then we did a full rollout to every region once the numbers matched.",
    )
    (hit,) = [k for k in card.keypoints if k.point == "shadow deployment before full rollout"]
    assert not hit.covered


def test_what_comes_after_told_in_its_order_still_makes_the_point() -> None:
    """ "and only then do a full rollout" keeps the order "before" asks for, whatever
    words it has for the shadow run ("run it dark")."""
    card = _card(
        "training-serving-skew",
        "The usual cause is feature code written twice, once for training and once for "
        "serving. I'd log the features the live model sees and train on those logged "
        "values. Before a new model takes traffic, we run it dark on live requests for a "
        "week, logging its scores next to the current model's, and only then do a full "
        "rollout.",
    )
    (hit,) = [k for k in card.keypoints if k.point == "shadow deployment before full rollout"]
    assert hit.covered
