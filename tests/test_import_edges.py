"""`coachkit import` on lines and files at the edges: each refused with its place named,
nothing imported."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import ANSWER, exported_line, run_cli

from coachkit import Coach, QuestionBank, Store


def test_a_number_past_pythons_digit_limit_names_the_line_and_column(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = json.dumps(exported_line(bank, tmp_path))
    big = "9" * 5000
    text = line.replace('"overall":', f'"overall":{big},"was":', 1)
    backup = tmp_path / "big.jsonl"
    backup.write_text(line + "\n" + text + "\n", encoding="utf-8")
    code, _ = run_cli(["import", str(backup)], monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    column = text.index(big) + 1
    assert f"{backup}:2: a number of 5,000 digits at column {column}" in err
    assert "nothing was imported" in err
    assert not (coachkit_home / "coachkit.db").exists()


def _two_saved_and_a_backup(
    coachkit_home: Path, bank: QuestionBank, tmp_path: Path
) -> tuple[list[str], Path]:
    """Two attempts saved in the user's database, and a backup of both."""
    with Store(coachkit_home / "coachkit.db") as store:
        coach = Coach(bank=bank, store=store)
        ids = [coach.submit("time-you-failed", f"{ANSWER} Take {n}.").id for n in range(2)]
        backup = tmp_path / "backup.jsonl"
        coach.export_attempts(backup)
    return ids, backup


def _damage(db: Path, attempt_id: str, **columns: str) -> None:
    with closing(sqlite3.connect(db)) as conn:
        for column, value in columns.items():
            conn.execute(f"UPDATE attempts SET {column} = ? WHERE id = ?", (value, attempt_id))
        conn.commit()


def test_a_backup_restores_the_good_copy_of_an_unreadable_saved_attempt(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids, backup = _two_saved_and_a_backup(coachkit_home, bank, tmp_path)
    _damage(coachkit_home / "coachkit.db", ids[0], created_at="garbage")
    code, out = run_cli(["import", str(backup)], monkeypatch)
    assert code == 0, capsys.readouterr().err
    assert out == (
        "Imported 0 new attempts (1 already present; 1 unreadable saved attempt restored "
        "from the file).\n"
    )
    with Store(coachkit_home / "coachkit.db") as store:
        read = store.read_attempts()
    assert sorted(a.id for a in read.attempts) == sorted(ids) and read.skipped == 0


def test_an_unreadable_saved_attempt_with_another_answer_names_the_delete_command(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids, backup = _two_saved_and_a_backup(coachkit_home, bank, tmp_path)
    db = coachkit_home / "coachkit.db"
    _damage(db, ids[1], created_at="garbage", answer="Something else entirely.")
    before = db.read_bytes()
    code, _ = run_cli(["import", str(backup)], monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert f"{backup}:2: the attempt {ids[1][:8]} saved in the database is unreadable" in err
    assert f"`coachkit delete {ids[1][:8]}`" in err and "Nothing was imported" in err
    assert db.read_bytes() == before


def test_a_line_export_would_write_back_too_long_is_refused(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Under the line limit as given, but export adds `"evidence":null` to each point."""
    line = exported_line(bank, tmp_path)
    card = line["card"]
    assert isinstance(card, dict)
    card["keypoints"] = [{"point": f"p{n}", "covered": False} for n in range(20_000)]
    text = json.dumps(line, separators=(",", ":"))
    assert len(text) < 1_000_000
    backup = tmp_path / "many.jsonl"
    backup.write_text(text + "\n", encoding="utf-8")
    code, _ = run_cli(["import", str(backup)], monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert f"{backup}:1: written back by `coachkit export` this attempt would be" in err
    assert "nothing was imported" in err
    assert not (coachkit_home / "coachkit.db").exists()


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff\n"])
def test_an_empty_file_is_said_to_hold_no_attempts(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: "Imported 0 new attempts (0 already present)", as if attempts were read."""
    empty = tmp_path / "attempts.jsonl"
    empty.write_text(text, encoding="utf-8")
    assert run_cli(["import", str(empty)], monkeypatch) == (
        0,
        f"{empty} holds no attempts: nothing was imported (an export of an empty history "
        "is empty; if yours should hold attempts, export it again).\n",
    )


def test_attempts_scored_on_a_newer_rubric_are_imported_and_said(
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: a line from a newer coachkit's rubric imported without a word, its scores
    then charted beside this rubric's as if on the same bands."""
    from coachkit.rubric import RUBRIC_VERSION

    line = exported_line(bank, tmp_path)
    card = line["card"]
    assert isinstance(card, dict)
    export = tmp_path / "attempts.jsonl"
    export.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert run_cli(["import", str(export)], monkeypatch)[0] == 0
    assert capsys.readouterr().err == ""  # this rubric's: nothing to say
    line["id"], card["rubric_version"] = "newer-one", "star-2099.01"
    export.write_text(json.dumps(line) + "\n", encoding="utf-8")

    code, out = run_cli(["import", str(export)], monkeypatch)

    assert (code, out) == (0, "Imported 1 new attempt (0 already present).\n")
    err = capsys.readouterr().err
    assert err.startswith(
        "coachkit: warning: 1 attempt in the file was scored on a rubric this coachkit "
        f"does not know (star-2099.01; it scores on {RUBRIC_VERSION}), most likely by a newer "
        "coachkit: kept and charted as scored. Update coachkit"
    )
    assert err.count("\n") == 1


def test_an_import_warns_of_the_files_attempts_without_reading_the_history_back(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: after the import, the whole history was read again (a tenth of importing
    2,000 attempts) to warn of unknown questions and rubrics, and each import warned
    again of attempts saved long before, not in its file at all."""
    line = exported_line(bank, tmp_path)
    card = line["card"]
    assert isinstance(card, dict)
    old = {**line, "id": "old-one", "question_id": "gone-question"}
    old["card"] = {**card, "question_id": "gone-question", "rubric_version": "star-2099.01"}
    before = tmp_path / "before.jsonl"
    before.write_text(json.dumps(old) + "\n", encoding="utf-8")
    assert run_cli(["import", str(before)], monkeypatch)[0] == 0
    assert "gone-question" in capsys.readouterr().err  # said once, by its import
    own = {**line, "id": "new-one", "question_id": "my-story"}
    own["card"] = {**card, "question_id": "my-story"}
    export = tmp_path / "attempts.jsonl"
    export.write_text(json.dumps(line) + "\n" + json.dumps(own) + "\n", encoding="utf-8")
    reads: list[object] = []
    real = Store.read_attempts
    monkeypatch.setattr(Store, "read_attempts", lambda *a, **k: reads.append(a) or real(*a, **k))

    code, out = run_cli(["import", str(export)], monkeypatch)

    assert (code, out, reads) == (0, "Imported 2 new attempts (0 already present).\n", [])
    assert capsys.readouterr().err == (
        "coachkit: warning: the file has attempts at 1 question not in your bank (my-story); "
        f"add their YAML to {coachkit_home / 'questions'} to practise or rescore them.\n"
    )


def _set(line: dict[str, Any], path: str, value: object) -> None:
    """Set (or, with _GONE, remove) the field at a dotted ``path`` of an exported line."""
    *parents, last = path.split(".")
    held: Any = line
    for part in parents:
        held = held[part]
    if value is _GONE:
        del held[last]
    else:
        held[last] = value


_GONE = object()  # a field left out of the line


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        (
            {"card.dimensions.task.score": 7},
            "the task score is 7, but scores run 0-5: write a whole number from 0 to 5 there",
        ),
        (
            {"card.overall": -3},
            "the overall score is -3, but the overall score runs 0-100: write a whole number "
            "from 0 to 100 there",
        ),
        (
            {"card.dimensions.result.score": "4"},
            'the result score is "4": write a whole number from 0 to 5 there, without quotes',
        ),
        (
            {"card.dimensions.task.score": _GONE},
            "the task dimension has no score: add it, as `coachkit export` writes it",
        ),
        (
            {"card.dimensions.action": _GONE},
            "card.dimensions has no action: a card scores all four (situation, task, action, "
            "result); add the missing one",
        ),
        (
            {"card.scorer": _GONE},
            "card has no scorer: add it, as `coachkit export` writes it",
        ),
        (  # each problem of the line said, not one per try
            {"card.dimensions.task.score": 9, "card.overall": 101},
            "the task score is 9, but scores run 0-5: write a whole number from 0 to 5 there; "
            "the overall score is 101, but",
        ),
        (  # a newer coachkit's dimension beside a broken score: both named
            {"card.dimensions.impact": {"score": 3}, "card.dimensions.task.score": 6},
            "the task score is 6, but scores run 0-5: write a whole number from 0 to 5 there; "
            "card.dimensions has 'impact', which this coachkit does not know (it knows "
            "'situation', 'task', 'action' or 'result'). If the file comes from a newer "
            "coachkit: Update coachkit",
        ),
    ],
    ids=[
        "out of range",
        "overall below 0",
        "text",
        "no score",
        "no dimension",
        "no scorer",
        "two problems",
        "unknown dimension and a bad score",
    ],
)
def test_a_line_pydantic_refuses_is_said_in_coachkits_words(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    changes: dict[str, object],
    said: str,
) -> None:
    """Before: "not a coachkit attempt (card.dimensions.task.score: Input should be less
    than or equal to 5)", the library's words, and only the first of the line's problems."""
    good = exported_line(bank, tmp_path)
    bad = exported_line(bank, tmp_path)
    bad["id"] = "another"
    for path, value in changes.items():
        _set(bad, path, value)
    backup = tmp_path / "backup.jsonl"
    backup.write_text(f"{json.dumps(good)}\n\n{json.dumps(bad)}\n", encoding="utf-8")

    code, out = run_cli(["import", str(backup)], monkeypatch)

    err = capsys.readouterr().err
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert err.startswith(f"coachkit: {backup}:3: {said}")
    assert err.endswith("; nothing was imported.\n")
    assert "Input should" not in err and "not a coachkit attempt" not in err
    assert not (coachkit_home / "coachkit.db").exists()


def test_a_newer_coachkits_dimension_alone_still_says_to_update(
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Scored on a scale this version bounds (7 of a newer 0-10), it is no broken file."""
    line = exported_line(bank, tmp_path)
    _set(line, "card.dimensions.impact", {"score": 7})
    backup = tmp_path / "backup.jsonl"
    backup.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert run_cli(["import", str(backup)], monkeypatch)[0] == 2
    err = capsys.readouterr().err
    assert "card.dimensions has 'impact', which this coachkit does not know" in err
    assert "If the file comes from a newer coachkit: Update coachkit" in err
    assert "scores run" not in err


MINE = """\
track: mine
questions:
  - id: my-question
    category: {category}
    roles: [any]
    prompt: Tell me about a time you shipped something.
    why_asked: To hear about delivery.
    how_to_answer: One story, your part, the outcome.
    keypoints: [a shipped outcome]
"""


def test_a_backup_imported_again_after_its_question_changed_category_adds_nothing(
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: with a question of the user's own moved to another category since, importing
    their own backup back into the same home refused the whole file ("my-question is a
    technical question, but the line says behavioral; nothing was imported"), though every
    line was saved there already; and the refusal said nothing of what to do."""
    questions = coachkit_home / "questions"
    questions.mkdir(parents=True)
    (questions / "mine.yaml").write_text(MINE.format(category="behavioral"))
    backup = tmp_path / "backup.jsonl"
    with Store(coachkit_home / "coachkit.db") as store:
        coach = Coach(bank=QuestionBank.load(), store=store)
        coach.submit("my-question", f"In 2024 I shipped the release. {ANSWER}")
        coach.export_attempts(backup)
    (questions / "mine.yaml").write_text(MINE.format(category="technical"))
    assert run_cli(["import", str(backup)], monkeypatch) == (
        0,
        "Imported 0 new attempts (1 already present).\n",
    )
    # Into another home, the line is refused still, saying how to make the two agree.
    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "other"))
    (tmp_path / "other" / "questions").mkdir(parents=True)
    (tmp_path / "other" / "questions" / "mine.yaml").write_text(MINE.format(category="technical"))
    capsys.readouterr()
    assert run_cli(["import", str(backup)], monkeypatch) == (2, "")
    assert capsys.readouterr().err == (
        f"coachkit: {backup}:1: my-question is a technical question, but the line says "
        'behavioral (saved before the question changed category?): write "category": '
        '"technical" on that line, or put the question back in behavioral; nothing was '
        "imported.\n"
    )
