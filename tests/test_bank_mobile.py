"""The bundled mobile track: iOS and Android questions a mobile engineer can practise, with
key points worded so that what a strong answer says meets them and a vague one does not."""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest

from coachkit import QuestionBank
from coachkit.cli import main
from coachkit.scoring.analysis import analyse
from coachkit.scoring.keypoints import keypoint_hits


def _covered(bank: QuestionBank, question_id: str, answer: str) -> set[str]:
    question = bank.get(question_id)
    hits = keypoint_hits(question.keypoints, analyse(question, answer).sentences)
    return {hit.point for hit in hits if hit.covered}


def test_mobile_engineers_get_their_own_track(bank: QuestionBank) -> None:
    """Before, `--role mobile` was an unknown role: only questions for every role fitted."""
    own = [q for q in bank if "mobile" in q.roles]
    kinds = Counter(q.category for q in own)
    assert kinds["technical"] >= 12 and kinds["system-design"] >= 2 and kinds["behavioral"] >= 2
    assert all(4 <= len(q.keypoints) <= 6 for q in own)
    assert "mobile" in bank.roles()
    out = io.StringIO()
    assert (
        main(["questions", "--json", "--role", "mobile", "--category", "system-design"], out=out)
        == 0
    )
    listed = {q["id"] for q in json.loads(out.getvalue())}
    assert {"design-mobile-image-feed", "design-mobile-chat-client"} <= listed


@pytest.mark.parametrize(
    ("question_id", "point", "answer"),
    [
        # "SDK initialisation deferred or made lazy" missed an answer that named the SDKs in
        # one sentence and deferred them in the next.
        (
            "mobile-app-startup-time",
            "SDKs deferred or initialised lazily",
            "A dozen SDKs were initialised in Application.onCreate. Analytics and the chat "
            "widget don't need to run before the first frame, so I defer them or initialise "
            "them lazily.",
        ),
        # "...run when the system chooses" asked for one verb; the strong answer said the
        # system runs the work in its own words.
        (
            "mobile-background-work-limits",
            "BGTaskScheduler app refresh and processing tasks, scheduled by the system",
            "The system carries out the transfer even after our app is suspended or killed, and "
            "relaunches us in the background to handle completion. For refreshing data I'd use "
            "BGTaskScheduler: a BGAppRefreshTask for a quick fetch and a BGProcessingTask, which "
            "can require external power and network, for heavier work like compacting the "
            "database.",
        ),
    ],
    ids=["startup-sdks", "bgtaskscheduler"],
)
def test_a_strong_answers_move_is_credited(
    bank: QuestionBank, question_id: str, point: str, answer: str
) -> None:
    assert point in bank.get(question_id).keypoints
    assert point in _covered(bank, question_id, answer)


@pytest.mark.parametrize(
    ("question_id", "point", "answer"),
    [
        # Versioning the URL is not telling the server which build is calling.
        (
            "mobile-api-old-app-versions",
            "app version sent in a header and traffic tracked per version",
            "I would version the API, like /v1 and /v2, so old apps can keep using the old "
            "version.",
        ),
        # "Testing helps" is not replaying what old builds send.
        (
            "mobile-api-old-app-versions",
            "contract tests replaying requests recorded from old builds",
            "Eventually we can force users to update the app so we don't have to support old "
            "versions forever. Testing helps too.",
        ),
    ],
    ids=["version-in-url", "testing-helps"],
)
def test_a_vague_answer_is_not_credited(
    bank: QuestionBank, question_id: str, point: str, answer: str
) -> None:
    assert point in bank.get(question_id).keypoints
    assert point not in _covered(bank, question_id, answer)


@pytest.mark.parametrize(
    ("question_id", "point", "strong", "vague"),
    [
        # Asking at a moment that shows the value is the move; asking for permission is not.
        (
            "mobile-push-notifications",
            "permission prompt timed for when the user sees its value",
            "For permission, I wouldn't prompt on the first screen. I'd ask when the user does "
            "something that makes the value obvious, like following an order.",
            "We ask the user for permission when they open the app.",
        ),
        # A link that opens the order screen with nothing behind it strands the user.
        (
            "mobile-deep-links",
            "back stack built so Back leads to the parent screen",
            "If someone taps a link to an order, I build the back stack, home then orders then "
            "the order, so Back takes them to the parent screen instead of out of the app.",
            "When the user presses back it should work properly.",
        ),
        # Naming the formats is the move; "make images smaller" is not.
        (
            "mobile-app-size",
            "images converted to WebP or replaced by vector drawables",
            "Images are usually the biggest easy win, so I converted the PNGs to WebP and "
            "replaced icons with vector drawables.",
            "Images are usually large, so making them smaller would help.",
        ),
        # Saying binding does too much work names the cause, not the fix.
        (
            "mobile-scroll-jank",
            "cell binding kept cheap by precomputing on a background thread",
            "Binding should be cheap, so I format dates and build captions in the view model on "
            "a background thread, not in onBindViewHolder.",
            "Too much work happens while binding a cell.",
        ),
        # "Secure storage" that is encrypted is not a key held in the Keystore.
        (
            "mobile-secure-token-storage",
            "encryption key in the Android Keystore",
            "On Android I generate an AES key in the Android Keystore and encrypt the token with "
            "it before writing it to DataStore.",
            "The tokens should be stored securely on the device, and I would make sure the data "
            "is encrypted.",
        ),
        # Colours that are easy to read are not a contrast ratio checked against WCAG.
        (
            "mobile-accessibility",
            "contrast checked against the WCAG ratio of 4.5 to 1",
            "For contrast I check against WCAG: 4.5 to 1 for body text and 3 to 1 for large text.",
            "We should also support bigger text and make sure colours are easy to read.",
        ),
    ],
    ids=[
        "push-permission",
        "deep-link-back-stack",
        "size-images",
        "jank-binding",
        "token-keystore",
        "a11y-contrast",
    ],
)
def test_a_new_questions_move_is_credited_and_a_vague_one_is_not(
    bank: QuestionBank, question_id: str, point: str, strong: str, vague: str
) -> None:
    assert point in bank.get(question_id).keypoints
    assert point in _covered(bank, question_id, strong)
    assert point not in _covered(bank, question_id, vague)
