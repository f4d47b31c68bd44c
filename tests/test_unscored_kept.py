"""Finding the answers kept in unscored/ for one question: strict names, no symlinks
followed, no more than a sane size read, and a file removed only once saved."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from coachkit import Coach, QuestionBank, Store
from coachkit.unscored import (
    MAX_KEPT_BYTES,
    forget_kept,
    kept_answers,
    kept_name,
    new_answer_file,
)

QUESTION = "time-you-failed"


def _write(folder: Path, name: str, text: str | bytes = "My answer.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_only_this_questions_files_named_as_coachkit_names_them(tmp_path: Path) -> None:
    mine = _write(tmp_path, f"{QUESTION}-20261130-101500.txt", "First.")
    second = _write(tmp_path, f"{QUESTION}-20261130-101500-2.txt", "Second.")
    for name in (
        f"{QUESTION}-20261130-1015.txt",  # stamp cut short
        f"{QUESTION}-20261130-101500.txt.bak",
        f"{QUESTION}-20261130-101500-0.txt",  # new_answer_file numbers from 2
        f"{QUESTION}-20261340-101500.txt",  # no such month
        f"{QUESTION}-20261130-101500-x.txt",
        f"{QUESTION}-extra-20261130-101500.txt",  # another question's (a longer id)
        "time-you-20261130-101500.txt",  # a question whose id this one begins
        f"x{QUESTION}-20261130-101500.txt",
        "notes.txt",
    ):
        _write(tmp_path, name)
    found = kept_answers(QUESTION, tmp_path)
    assert [k.path for k in found] == [mine, second]  # oldest first, -2 after the first
    assert found[0].kept_at == datetime(2026, 11, 30, 10, 15, 0)
    assert [k.text for k in found] == ["First.", "Second."]
    assert [k.path for k in kept_answers("time-you", tmp_path)] == [
        tmp_path / "time-you-20261130-101500.txt"
    ]


def test_every_questions_files_with_the_question_each_is_for(tmp_path: Path) -> None:
    _write(tmp_path, f"{QUESTION}-20261130-101500.txt", "Failed.")
    _write(tmp_path, "why-leaving-current-job-20261129-090000-2.txt", "Leaving.")
    for name in ("notes.txt", "Upper-20261130-101500.txt", f"{QUESTION}-20261130-1015.txt"):
        _write(tmp_path, name)
    found = kept_answers(None, tmp_path)
    assert [(k.question_id, k.text) for k in found] == [
        ("why-leaving-current-job", "Leaving."),
        (QUESTION, "Failed."),
    ]


def test_a_file_new_answer_file_writes_is_found(tmp_path: Path) -> None:
    path = new_answer_file(tmp_path, QUESTION, "Kept.")
    [found] = kept_answers(QUESTION, tmp_path)
    assert found.path == path and found.text == "Kept."


def test_symlinks_directories_and_empty_files_are_not_offered(tmp_path: Path) -> None:
    outside = _write(tmp_path / "elsewhere", "secret.txt", "Not an answer.")
    folder = tmp_path / "unscored"
    folder.mkdir()
    (folder / f"{QUESTION}-20261130-101500.txt").symlink_to(outside)
    (folder / f"{QUESTION}-20261130-101501.txt").mkdir()
    _write(folder, f"{QUESTION}-20261130-101502.txt", "  \n")
    fifo = folder / f"{QUESTION}-20261130-101503.txt"
    os.mkfifo(fifo)  # opening it for reading would block: it is never opened that way
    assert kept_answers(QUESTION, folder) == []


def test_a_huge_or_binary_file_is_listed_unread(tmp_path: Path) -> None:
    big = _write(tmp_path, f"{QUESTION}-20261130-101500.txt", b"a" * (MAX_KEPT_BYTES + 1))
    binary = _write(tmp_path, f"{QUESTION}-20261130-101501.txt", b"\xff\xfe\x00bad")
    found = kept_answers(QUESTION, tmp_path)
    assert [(k.path, k.text) for k in found] == [(big, None), (binary, None)]
    assert not forget_kept(found[0], ["a" * (MAX_KEPT_BYTES + 1)])
    assert big.exists()


def test_no_folder_is_no_answer(tmp_path: Path) -> None:
    assert kept_answers(QUESTION, tmp_path / "missing") == []


def test_forget_kept_only_once_saved_and_unchanged(tmp_path: Path) -> None:
    path = _write(tmp_path, f"{QUESTION}-20261130-101500.txt", "My answer.\n")
    [kept] = kept_answers(QUESTION, tmp_path)
    assert not forget_kept(kept, ["Another answer."])
    path.write_text("My answer, typed on in another notebook.", encoding="utf-8")
    assert not forget_kept(kept, ["My answer."])  # the file holds more now: kept
    path.write_text("My answer.\n", encoding="utf-8")
    assert forget_kept(kept, ["Intro.\n\nMy answer."])  # held word for word
    assert not path.exists()


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="POSIX only")
def test_a_file_swapped_for_a_symlink_is_not_removed(tmp_path: Path) -> None:
    path = _write(tmp_path, f"{QUESTION}-20261130-101500.txt", "My answer.")
    [kept] = kept_answers(QUESTION, tmp_path)
    target = _write(tmp_path / "elsewhere", "x.txt", "My answer.")
    path.unlink()
    path.symlink_to(target)
    assert not forget_kept(kept, ["My answer."])
    assert path.is_symlink() and target.exists()


# Ids ending as a stamp or a number do: each of their files is read as theirs alone.
TRICKY = ("q", "q-2", "q-20240101-120000", "q-20240101-120000-2", "2024-review", "2024")


def test_a_name_is_read_one_way_whatever_digits_the_id_ends_in(tmp_path: Path) -> None:
    written = {
        (qid, n): new_answer_file(tmp_path, qid, f"{qid} {n}") for qid in TRICKY for n in (1, 2)
    }
    for (qid, _n), path in written.items():
        parsed = kept_name(path.name)
        assert parsed is not None and parsed[0] == qid, path.name
    assert kept_name("q-20240101-120000-3.txt") == ("q", datetime(2024, 1, 1, 12, 0), 3)
    assert kept_name("q-20240101-120000-20261130-101500.txt") == (
        "q-20240101-120000",
        datetime(2026, 11, 30, 10, 15),
        1,
    )
    for qid in TRICKY:
        found = kept_answers(qid, tmp_path)
        assert {k.text for k in found} == {f"{qid} 1", f"{qid} 2"}, qid
    assert len(kept_answers(None, tmp_path)) == 2 * len(TRICKY)


def test_deleting_an_attempt_leaves_a_copy_kept_for_a_question_its_id_begins(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    """q's second copy of 12:00:00 on 1 Jan 2024 begins as q-20240101-120000's names do."""
    ids = {"time-you-failed": "q", "tell-me-about-yourself": "q-20240101-120000"}
    tricky = QuestionBank(q.model_copy(update={"id": ids.get(q.id, q.id)}) for q in bank)
    kept = _write(coachkit_home / "unscored", "q-20240101-120000-2.txt", "The same story.")
    coach = Coach(bank=tricky, store=store)
    attempt = coach.submit("q-20240101-120000", "The same story.")

    assert coach.delete_attempts([attempt.id]).kept_copies == 0
    assert kept.read_text(encoding="utf-8") == "The same story."  # q's: still waiting


def test_asked_for_what_cannot_be_read_is_listed_with_why_and_never_removed(
    tmp_path: Path,
) -> None:
    outside = _write(tmp_path / "elsewhere", "secret.txt", "Not an answer.")
    folder = tmp_path / "unscored"
    folder.mkdir()
    (folder / f"{QUESTION}-20261130-101500.txt").symlink_to(outside)
    (folder / f"{QUESTION}-20261130-101501.txt").mkdir()
    _write(folder, f"{QUESTION}-20261130-101502.txt", "")  # empty: no answer, not listed
    assert kept_answers(QUESTION, folder) == []  # not asked for: not offered, as before

    found = kept_answers(QUESTION, folder, unreadable=True)

    assert [(k.path.name[-10:], k.text, k.why) for k in found] == [
        ("101500.txt", None, "a link, which coachkit does not follow"),
        ("101501.txt", None, "a folder, not a file"),
    ]
    assert not forget_kept(found[0], ["Not an answer."])
    assert outside.exists() and (folder / f"{QUESTION}-20261130-101500.txt").is_symlink()
