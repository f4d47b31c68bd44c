"""Mobile key points are met by what they claim (a dedup, a verified fix), not by the
words any answer to their question says (retries, a fix, a release)."""

from __future__ import annotations

from tests.scorer_helpers import scored

DEDUP = "outgoing message id generated on the device so retries are deduplicated"
TESTED = "fix tested on the affected OS version"


def _covered(question_id: str, answer: str, point: str) -> bool:
    return next(k.covered for k in scored(question_id, answer).keypoints if k.point == point)


def test_a_retry_is_no_deduplication() -> None:
    weak = (
        "I would store messages on the phone and show them in a list. When the user sends "
        "a message the app retries sending until it works. Messages are ordered by time."
    )
    strong = (
        "Each outgoing message gets an id generated on the phone and waits in an outbox. "
        "The outbox retries with backoff, and the server deduplicates by that id, so a "
        "retry never posts twice."
    )
    assert not _covered("design-mobile-chat-client", weak, DEDUP)
    assert _covered("design-mobile-chat-client", strong, DEDUP)


def test_a_quick_fix_is_no_fix_tested_on_the_version() -> None:
    weak = (
        "Last year our app crashed for some users after a release. Users complained in "
        "reviews. We looked at it as a team. We fixed it and released an update quickly."
    )
    strong = (
        "Last spring crash reports showed our 4.2 release crashing on launch for 3 percent "
        "of Android 9 users. I halted the staged rollout first. The cause was a font API "
        "missing on Android 9. I wrote the fix and tested it on Android 9 devices before we "
        "released 4.2.1."
    )
    assert not _covered("release-broke-on-one-os-version", weak, TESTED)
    assert _covered("release-broke-on-one-os-version", strong, TESTED)
