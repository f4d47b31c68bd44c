"""The question bank: every shipped file validates, and bad files name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachkit import QuestionBank, QuestionFileError, UnknownQuestionError
from coachkit.bank import load_question_file
from coachkit.models import ROLES

REQUIRED = {
    "tell-me-about-yourself": "behavioral",
    "why-this-role": "cultural-fit",
    "time-you-failed": "behavioral",
    "design-rate-limiter": "system-design",
    "production-incident": "behavioral",
    "idempotent-apis": "technical",
    "postgres-vs-nosql": "technical",
    "conflict-with-teammate": "behavioral",
}

GOOD = """\
track: mine
questions:
  - id: my-question
    category: behavioral
    roles: [any]
    prompt: Tell me about a time you shipped something.
    why_asked: To hear about delivery.
    how_to_answer: One story, your part, the outcome.
    keypoints: [a shipped outcome]
"""


def test_bank_has_at_least_80_questions_including_the_required_ones(bank: QuestionBank) -> None:
    assert len(bank) >= 80
    for question_id, category in REQUIRED.items():
        assert bank.get(question_id).category == category


def test_every_role_is_covered(bank: QuestionBank) -> None:
    for role in ROLES[1:]:
        assert len(bank.filter(role=role)) >= 8, role


def test_technical_questions_have_keypoints_and_all_have_guidance(bank: QuestionBank) -> None:
    for question in bank:
        assert question.why_asked.strip() and question.how_to_answer.strip()
        if question.technical:
            assert question.keypoints, question.id


def test_filters_combine(bank: QuestionBank) -> None:
    found = bank.filter(category="system-design", role="backend")
    assert found and all(q.category == "system-design" and q.fits_role("backend") for q in found)
    assert bank.get("design-rate-limiter") in bank.filter(text="rate limit")
    assert bank.filter(tag="no-such-tag") == []


def test_unknown_id_suggests_close_matches(bank: QuestionBank) -> None:
    with pytest.raises(UnknownQuestionError) as info:
        bank.get("time-you-faild")
    assert "time-you-failed" in str(info.value)
    assert isinstance(info.value, KeyError)
    with pytest.raises(UnknownQuestionError) as info:
        bank.get("TIME-YOU-FAILED")  # ids are lower case: still close
    assert "Did you mean: time-you-failed?" in str(info.value)


def test_user_questions_extend_the_bank(tmp_path: Path, bank: QuestionBank) -> None:
    user = tmp_path / "questions"
    user.mkdir()
    (user / "mine.yaml").write_text(GOOD)
    from coachkit import paths

    combined = QuestionBank.load([paths.bundled_questions_dir(), user])
    assert len(combined) == len(bank) + 1
    assert combined.get("my-question").roles == ("any",)


def test_questions_may_share_fields_through_a_yaml_merge_key(tmp_path: Path) -> None:
    """`<<: *defaults`, YAML's way to share fields, was refused as an unknown tag."""
    shared = (
        "defaults: &shared\n  category: behavioral\n  difficulty: medium\n  roles: [any]\n"
        "  why_asked: To hear about delivery.\n  how_to_answer: Use STAR.\n"
        "  keypoints: [a shipped outcome]\n"
        "questions:\n"
        "  - <<: *shared\n    id: shared-one\n    prompt: Tell me about a launch.\n"
        "  - <<: *shared\n    id: shared-two\n    prompt: Tell me about a deadline.\n"
        "    difficulty: hard\n"
    )
    (tmp_path / "mine.yaml").write_text(shared)
    bank = QuestionBank.load([tmp_path])
    assert not bank.problems
    assert bank.get("shared-one").category == "behavioral"
    assert bank.get("shared-two").difficulty == "hard"  # its own value wins over the shared
    twice = shared.replace("difficulty: hard\n", "difficulty: hard\n    difficulty: easy\n")
    (tmp_path / "mine.yaml").write_text(twice)
    with pytest.raises(QuestionFileError, match="'difficulty' is given twice"):
        QuestionBank.load([tmp_path])  # said twice by the question itself, still refused


def test_user_file_in_coachkit_home_is_picked_up(coachkit_home: Path) -> None:
    (coachkit_home / "questions").mkdir(parents=True)
    (coachkit_home / "questions" / "mine.yaml").write_text(GOOD)
    assert "my-question" in QuestionBank.load()


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("questions:\n  - id: x\n    prompt: a: b\n", 3, "a colon followed by a space inside text"),
        (GOOD.replace("category: behavioral", "category: trivia"), 4, "category"),
        (GOOD.replace("    why_asked: To hear about delivery.\n", ""), 3, "why_asked"),
        (GOOD.replace("id: my-question", "id: My Question"), 3, "'id'"),
        ("just a string\n", 1, "questions"),
        (GOOD.replace("roles: [any]", "roles: any"), 5, "'roles': should be a list, e.g. [any]"),
        (
            GOOD.replace("keypoints: [a shipped outcome]", "keypoints: a shipped outcome, a date"),
            9,
            "'keypoints': should be a list: one point per line under it, each starting with '- '",
        ),
        (
            GOOD.replace("    keypoints:", "    tags: delivery, ownership\n    keypoints:"),
            9,
            "'tags': should be a list, e.g. [incident, ownership]",
        ),
        (
            GOOD.replace("    prompt: Tell me", "    prompt: Tell me\n    prompt: Again"),
            7,
            "given twice",
        ),
        (
            GOOD.replace("prompt: Tell me about a time you shipped something.", "prompt: '   '"),
            6,
            "'prompt'",
        ),
        (
            GOOD.replace("keypoints: [a shipped outcome]", "keypoints: [[a, b]]"),
            9,
            "'keypoints': should be text",
        ),
        ("questions:\n  - ? [a, b]\n    : 2\n", 2, "a key that is a list or mapping"),
        pytest.param(
            GOOD.replace("shipped something.", "shipped \x1b something."),
            6,
            "an escape character (ESC) (U+001B), which YAML does not allow",
            id="escape-character",
        ),
        pytest.param(
            "# caf\u00e9 \u00e9\u00e9\n" + GOOD.replace("delivery.", "delivery\x00."),
            8,
            "a NUL byte (U+0000)",
            id="nul-after-accents",
        ),
        pytest.param(
            GOOD.replace("keypoints:", f"tags: [{'9' * 5000}]\n    keypoints:"),
            9,
            "a number of 5,000 digits, more than coachkit reads",
            id="number-past-the-digit-limit",
        ),
        ("questions:\n  - id: x\n    ? {a: 1}\n    : 2\n", 3, "a key that is a list or mapping"),
    ],
)
def test_malformed_file_names_file_and_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(QuestionFileError) as info:
        load_question_file(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}")


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(GOOD.replace("shipped something", "shipped a caf\u00e9").encode("latin-1"))
    with pytest.raises(QuestionFileError) as info:
        load_question_file(path)
    assert str(info.value) == f"{path}:6: byte 0xe9 is not UTF-8 text: save the file as UTF-8"


def test_a_date_like_value_is_read_as_the_text_written(tmp_path: Path) -> None:
    """PyYAML would build a date, and crash on one that does not exist."""
    path = tmp_path / "dates.yaml"
    path.write_text(GOOD.replace("[a shipped outcome]", "[2026-02-30, 2026-01-05]"))
    (question,) = load_question_file(path)
    assert question.keypoints == ("2026-02-30", "2026-01-05")


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(GOOD)
    with pytest.raises(QuestionFileError, match="duplicate question id 'my-question'"):
        QuestionBank.load([tmp_path])


def test_technical_question_without_keypoints_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        GOOD.replace("behavioral", "technical").replace("    keypoints: [a shipped outcome]\n", "")
    )
    with pytest.raises(QuestionFileError, match="keypoint"):
        load_question_file(path)


def test_a_duplicate_id_points_at_the_later_definition(tmp_path: Path) -> None:
    """Not at a longer id that starts the same, and not at the first of two in one file."""
    longer = GOOD.replace("id: my-question", "id: my-question-longer")
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(longer + GOOD.split("questions:\n", 1)[1])
    with pytest.raises(QuestionFileError) as info:
        QuestionBank.load([tmp_path])
    assert info.value.path == str(tmp_path / "b.yaml") and info.value.line == 10

    (tmp_path / "b.yaml").unlink()
    (tmp_path / "a.yaml").write_text(GOOD + GOOD.split("questions:\n", 1)[1])
    with pytest.raises(QuestionFileError) as info:
        QuestionBank.load([tmp_path])
    assert info.value.line == 10


def test_no_bundled_question_has_a_slip_a_user_file_is_refused_for(bank: QuestionBank) -> None:
    from coachkit.bank import _slip

    assert [q.id for q in bank if _slip(q) is not None] == []
