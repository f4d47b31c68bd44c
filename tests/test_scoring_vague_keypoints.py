"""Vague answers do not meet key points by generic words, nor state a goal by a filler
reason; strong ones in other words do."""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

ROOT_CAUSE = "root cause specific to that OS version or device"
ENABLEMENT = "sales and support enablement"

VAGUE_OS = (
    "At my last company we shipped a release of our app and some users had problems after "
    "updating. Users complained in reviews and the rating went down a bit. I looked into it "
    "with the team and we worked hard to understand what was going on. We found the issue and "
    "fixed it quickly, and then we released a new version. After that things were back to "
    "normal and users were happy again. I think the main lesson was that testing is really "
    "important and we should always be careful with releases. We talked about it as a team and "
    "agreed to be more careful in the future."
)
STRONG_OS = (
    "In March our Android app started crashing on launch for users who had just updated to "
    "Android 14, about 4% of daily users. I halted the staged rollout at 20% the same morning. "
    "We traced it to the photo picker: Android 14 revoked the partial media permission our "
    "upload screen assumed, so the call threw on that version only. I fixed the permission "
    "check and tested it on three Android 14 devices and the emulator before resuming the "
    "rollout, and crash-free users went back to 99.8%. Afterwards we added Android 14 to the "
    "test matrix that gates every release."
)

VAGUE_LAUNCH = (
    "I led the launch of a new reporting feature at my last company. We had a lot of data and "
    "it was clear there was a problem worth solving, so I got everyone aligned. It was a great "
    "program of work and the team worked really hard on it for several months. I made sure "
    "design and engineering were talking and we kept the scope reasonable. We launched it on "
    "time and everyone was pleased. Sales and support were happy with how it went and "
    "customers liked it. After launch things went well and the numbers looked good overall. I "
    "learned a lot about communication and I would do some things differently next time."
)
STRONG_LAUNCH = (
    "Our onboarding survey and 140 support tickets showed that 30% of new accounts stalled at "
    "the import step. Before any code we agreed the success metric: import completion from 55% "
    "to 75% within a quarter of launch. We ran a beta with 12 customers for three weeks and "
    "fixed the two biggest issues they hit. Two weeks before launch I ran a training session "
    "for the support team and wrote a one-page FAQ for sales with the pricing questions. After "
    "launch import completion reached 71% against the 75% target, so we iterated on the "
    "mapping screen and got to 78% by the next quarter."
)


def test_users_complaining_in_reviews_is_no_root_cause() -> None:
    # "review" shared a word group with "root cause": one complaint met two of its words.
    assert quote_for(scored("release-broke-on-one-os-version", VAGUE_OS), ROOT_CAUSE) is None


def test_a_root_cause_traced_to_the_os_version_still_meets_it() -> None:
    quote = quote_for(scored("release-broke-on-one-os-version", STRONG_OS), ROOT_CAUSE)
    assert quote is not None and quote.startswith("We traced it to the photo picker")


def test_sales_and_support_being_happy_is_no_enablement() -> None:
    assert quote_for(scored("product-launch-story", VAGUE_LAUNCH), ENABLEMENT) is None


def test_training_support_and_an_faq_for_sales_is_enablement() -> None:
    quote = quote_for(scored("product-launch-story", STRONG_LAUNCH), ENABLEMENT)
    assert quote is not None and "training session for the support team" in quote


def test_enablement_in_other_words() -> None:
    for sentence in (
        "Before the release I briefed the sales team on the new pricing page.",
        "I wrote the support playbook and a script for the account managers.",
    ):
        answer = STRONG_LAUNCH.replace(
            "Two weeks before launch I ran a training session for the support team and wrote "
            "a one-page FAQ for sales with the pricing questions.",
            sentence,
        )
        assert quote_for(scored("product-launch-story", answer), ENABLEMENT) == sentence


EVIDENCE = "problem and evidence behind it"


def test_having_data_is_no_evidence() -> None:
    # "data" is of the evidence's word group, but having it shows nothing.
    assert quote_for(scored("product-launch-story", VAGUE_LAUNCH), EVIDENCE) is None


def test_what_tickets_showed_is_evidence() -> None:
    sentence = "Support tickets showed that 30% of new customers got stuck at the import step."
    answer = STRONG_LAUNCH.replace(
        "Our onboarding survey and 140 support tickets showed that 30% of new accounts "
        "stalled at the import step.",
        sentence,
    )
    assert quote_for(scored("product-launch-story", answer), EVIDENCE) == sentence


CRITERIA = "criteria such as customer impact and urgency"
STRONG_DEADLINES = (
    "As the only data engineer at a 30-person insurtech, I once had the regulator's solvency "
    "extract due Friday and a sales demo dataset due the same day. I ranked them by what a "
    "miss would cost. A late filing meant a fine; a late demo meant an awkward slide. I told "
    "sales on Monday that the demo would use last month's data, filed the extract on Thursday "
    "and the demo went ahead with the older numbers."
)


def test_a_choice_that_was_fine_is_no_criterion() -> None:
    # "fine" was of the criteria's word group as a penalty: "which was fine" met three of
    # the point's four words.
    answer = STRONG_DEADLINES.replace(
        "I ranked them by what a miss would cost. A late filing meant a fine; a late demo "
        "meant an awkward slide.",
        "I picked one first, which was fine.",
    )
    assert quote_for(scored("prioritize-competing-deadlines", answer), CRITERIA) is None


def test_a_fine_as_the_cost_of_a_miss_is_still_a_criterion() -> None:
    for said in ("a fine", "regulatory fines"):
        sentence = f"A late filing meant {said}; a late demo meant an awkward slide."
        answer = STRONG_DEADLINES.replace(
            "A late filing meant a fine; a late demo meant an awkward slide.", sentence
        ).replace("I ranked them by what a miss would cost. ", "")
        assert quote_for(scored("prioritize-competing-deadlines", answer), CRITERIA) == sentence


STAGED = "staged rollout or beta program"
MIX_LAUNCH = STRONG_LAUNCH.replace(
    "We ran a beta with 12 customers for three weeks and fixed the two biggest issues they hit.",
    "We planned the rollout carefully and it was a great program of work.",
)


def test_a_planned_rollout_and_a_program_of_work_is_no_staged_rollout() -> None:
    # The noun of each phrase ("rollout", "program") made two of the point's three words.
    assert quote_for(scored("product-launch-story", MIX_LAUNCH), STAGED) is None


def test_a_rollout_told_in_steps_or_a_beta_still_meets_it() -> None:
    for sentence in (
        "We ran a beta with 12 customers for three weeks and fixed the two biggest issues.",
        "We did a staged rollout over three weeks and fixed the two biggest issues.",
        "We rolled it out to 10% of accounts for two weeks and then to everyone.",
    ):
        answer = MIX_LAUNCH.replace(
            "We planned the rollout carefully and it was a great program of work.", sentence
        )
        assert quote_for(scored("product-launch-story", answer), STAGED) == sentence


GATE = "test matrix or release gate changed afterwards"


def test_a_lesson_that_testing_matters_is_no_release_gate() -> None:
    # "testing" and "releases", one qualifier of each phrase, and a lesson for
    # "afterwards", made three of the point's five words.
    assert quote_for(scored("release-broke-on-one-os-version", VAGUE_OS), GATE) is None


def test_a_device_added_to_the_test_matrix_still_meets_it() -> None:
    sentence = "After that I put Android 14 devices in the test matrix every release runs on."
    answer = STRONG_OS.replace(
        "Afterwards we added Android 14 to the test matrix that gates every release.", sentence
    )
    assert quote_for(scored("release-broke-on-one-os-version", answer), GATE) == sentence


UPSTREAM = "upstream pipeline or schema breakage"
DRIFT = (
    "I'd watch the model's inputs and outputs every day: feature distributions against the "
    "training window, with a PSI alert above 0.2. {sentence} When the alert fires I check "
    "the feature store's lineage before retraining anything, and once we traced a drop of "
    "4 points in precision to a unit change in one feature."
)


def test_something_broken_upstream_still_meets_the_upstream_point() -> None:
    # A qualifier of one phrase and the noun of the other: the point read as one noun
    # ("breakage") that both qualify, as its grammar allows.
    sentence = "Often something broke upstream: a column renamed, or a join returning nulls."
    card = scored("model-monitoring-drift", DRIFT.format(sentence=sentence))
    assert quote_for(card, UPSTREAM) == sentence


REVIEW = "rejection reason or guideline cited by review"


def test_a_rejection_under_a_guideline_still_meets_the_review_point() -> None:
    # "cited" is said of either phrase: the two halves are not two things to keep apart.
    sentence = "The rejection came under guideline 5.1.1(v), for missing account deletion."
    answer = (
        f"We submitted two weeks before our launch date. {sentence} I read the guideline "
        "with our PM, built an in-app deletion screen in three days and replied in App "
        "Store Connect with a screen recording. The second review passed in 26 hours and "
        "we launched on the planned date."
    )
    assert quote_for(scored("shipping-under-app-review", answer), REVIEW) == sentence


TRACED = (
    "We traced it to the photo picker: Android 14 revoked the partial media permission our "
    "upload screen assumed, so the call threw on that version only."
)


def test_a_cause_told_as_what_was_missing_and_what_it_threw_meets_the_root_cause() -> None:
    # Told as a story, not as "we traced it to": the long sentence is read in clauses, the
    # device in one and "so it threw" in the next.
    story = (
        "Then I dug in. The photo picker is backported to older versions through Google Play "
        "services, but on some of those devices it wasn't available yet, and our code "
        "launched MediaStore's ACTION_PICK_IMAGES intent directly instead of the AndroidX "
        "contract, which falls back on its own, so it threw ActivityNotFoundException."
    )
    quote = quote_for(
        scored("release-broke-on-one-os-version", STRONG_OS.replace(TRACED, story)), ROOT_CAUSE
    )
    assert quote is not None and "it wasn't available yet" in quote


def test_a_crash_because_something_was_not_supported_meets_the_root_cause() -> None:
    sentence = "The app crashed on Android 12 because the new picker was not supported there."
    answer = STRONG_OS.replace(TRACED, sentence)
    # Made with the next sentence's devices ("OS version or device"): both are quoted.
    quote = quote_for(scored("release-broke-on-one-os-version", answer), ROOT_CAUSE)
    assert quote is not None and quote.startswith(sentence)


def test_a_crash_with_no_cause_told_is_no_root_cause() -> None:
    sentence = "The app crashed on Android 12 devices and users complained in reviews."
    answer = STRONG_OS.replace(TRACED, sentence)
    assert quote_for(scored("release-broke-on-one-os-version", answer), ROOT_CAUSE) is None


# A target with a reason that only says it matters: the weak coverage answer's own line.
BARE_TARGET = "For checkout I'd set a high availability target like 99.99% since it's important."
SLO_WEAK = (
    "SLIs are the metrics, SLOs are the goals and error budgets are how much you can fail. "
    f"{BARE_TARGET} We'd monitor it with dashboards and alert when things go wrong. If we "
    "miss it too much we should focus more on reliability."
)


def test_a_target_with_a_filler_reason_states_no_goal() -> None:
    # "since it's important" says no use, constraint or cost: the Task was 4 of 5.
    card = scored("slo-sli-error-budget", SLO_WEAK)
    assert card.dimensions["task"].score <= 2
    hollow = SLO_WEAK.replace("since it's important", "because it's very important for revenue")
    assert scored("slo-sli-error-budget", hollow).dimensions["task"].score <= 2


@pytest.mark.parametrize(
    "target",
    [
        # What it is for, and what a higher one would cost.
        "For checkout I'd set an availability target of 99.9% over 30 days, because a failed "
        "payment loses the order, and 99.99% would leave about four minutes a month for every "
        "deploy and dependency outage.",
        # The same hollow reason, with the cost weighed beside it.
        "For checkout I'd set a high availability target like 99.99% since it's important, but "
        "that leaves only four minutes of downtime a month.",
    ],
)
def test_a_target_with_its_use_or_cost_is_still_a_goal(target: str) -> None:
    card = scored("slo-sli-error-budget", SLO_WEAK.replace(BARE_TARGET, target))
    assert card.dimensions["task"].score >= 4


def test_a_target_with_its_share_alone_states_no_goal() -> None:
    # No reason, window, threshold or count: the Task was 4 of 5, above the same target
    # with a filler reason (2).
    naked = SLO_WEAK.replace(
        BARE_TARGET, "For checkout I'd set a high availability target like 99.99%."
    )
    assert scored("slo-sli-error-budget", naked).dimensions["task"].score <= 2


@pytest.mark.parametrize(
    "target",
    [
        "For checkout I'd target 99.9% of requests succeeding within 300 ms over a rolling "
        "28 days.",
        "I'd aim for 99.95% of checkout calls returning a 2xx in under 500 ms.",
    ],
)
def test_a_target_with_what_it_measures_is_a_goal(target: str) -> None:
    # Said with "target" or "aim for" and no requirement word, it was no goal: Task 2.
    card = scored("slo-sli-error-budget", SLO_WEAK.replace(BARE_TARGET, target))
    assert card.dimensions["task"].score >= 4


# The speaker's own steps said as needs: tq-07b in the technical set, labelled Task 1.
BUILD_OR_BUY = (
    "For feature flag I think buy is usually better because it's not our core business. "
    "Vendors like LaunchDarkly have many features already and we don't need to maintain it. "
    "But it can be expensive, so we need to compare the price with how much time it take us "
    "to build. If the price is too much, we can build a simple version ourself, it's not so "
    "hard, just a config in database."
)


def test_the_speakers_own_need_to_do_something_is_no_requirement() -> None:
    # "we don't need to maintain it", "we need to compare the price": Task was 4 of 5.
    assert scored("build-vs-buy", BUILD_OR_BUY).dimensions["task"].score <= 2


def test_a_need_of_the_system_is_still_a_requirement() -> None:
    stated = BUILD_OR_BUY.replace(
        "But it can be expensive",
        "Flags need to flip in under a second for every service and must never block a "
        "request. But it can be expensive",
    )
    assert scored("build-vs-buy", stated).dimensions["task"].score >= 3


# The prompt asks for "two urgent things due at once": its "due" said back is no deadline.
DEADLINES = "two concrete conflicting deadlines named"
ECHOED = "Last spring I had two things due at the same time and I could not do both well."
DUE_AT_ONCE = (
    f"{ECHOED} I talked to my manager and we agreed which one mattered more. I did that one "
    "first and the other slipped a bit. In the end it worked out fine."
)


def test_the_prompts_own_word_said_back_names_no_deadlines() -> None:
    # "due" meets "deadlines" as its relative, and is the prompt's word, not the answer's.
    assert quote_for(scored("prioritize-competing-deadlines", DUE_AT_ONCE), DEADLINES) is None


@pytest.mark.parametrize(
    "named",
    [
        "Last spring I had two deadlines on the same Friday: the billing migration and the "
        "audit report.",
        # The prompt's "due", with the two things it was said of named.
        "Last spring the billing migration was due on Friday and the SOC 2 audit evidence was "
        "due the same day.",
    ],
)
def test_two_deadlines_named_still_meet_the_point(named: str) -> None:
    answer = DUE_AT_ONCE.replace(ECHOED, named)
    assert quote_for(scored("prioritize-competing-deadlines", answer), DEADLINES) == named


# "Delta sync" is the delta: only what changed is sent, not any sync that looks for changes.
DELTA_SYNC = "delta sync of changed chunks only"
SYNCS_FILES = (
    "Users upload their files to our servers and we store them in cloud storage like S3. We "
    "keep a database of which files belong to which user. The desktop app checks for changes "
    "and uploads or downloads files to keep everything in sync. We'd also need to handle "
    "sharing files with other users and keep backups so nothing gets lost."
)
SYNCS_CHUNKS = (
    "When a file is edited, the desktop app uploads only the changed chunks, and other devices "
    "download just those to stay in sync."
)


def test_checking_for_changes_to_stay_in_sync_is_no_delta_sync() -> None:
    assert quote_for(scored("design-file-storage", SYNCS_FILES), DELTA_SYNC) is None


def test_only_the_changed_chunks_sent_is_delta_sync() -> None:
    answer = SYNCS_FILES.replace(
        "The desktop app checks for changes and uploads or downloads files to keep everything "
        "in sync.",
        SYNCS_CHUNKS,
    )
    assert quote_for(scored("design-file-storage", answer), DELTA_SYNC) == SYNCS_CHUNKS


def test_sending_changes_and_downloading_the_latest_is_no_delta_sync_from_a_cursor() -> None:
    point = "delta sync from a server cursor or change token"
    weak = (
        "I would save the notes locally on the device so the app works offline. When the "
        "network comes back, the app sends the changes to the server and downloads the latest "
        "notes."
    )
    cursor = (
        "For pulling, the server keeps a change log and hands each device a cursor. The tablet "
        "asks for everything after its cursor, so a sync sends kilobytes, not every note."
    )
    assert quote_for(scored("mobile-offline-sync-conflicts", weak), point) is None
    quote = quote_for(scored("mobile-offline-sync-conflicts", f"{weak} {cursor}"), point)
    assert quote is not None and quote.startswith("The tablet asks for everything after")
