"""The rescue of a damaged database carries what is typed but not scored: `coachkit export`
keeps each draft and each unscored answer of a kept mock interview in unscored/, where
Practice offers them back, once the file is moved aside; the export lines stay as they were."""

from __future__ import annotations

import io
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from file_damage import PAGE, zero_leaf_page

from coachkit import Coach, QuestionBank, Store
from coachkit.cli import main
from coachkit.exchange import export_line
from coachkit.interview import MockSession, session_key
from coachkit.unscored import kept_answers

QUESTION = "time-you-failed"
SAVED = 40

DRAFT = "I am a backend developer who moved into platform work in 2021."
MINE = "At Acme I pushed a config change that took checkout down for 20 minutes."
THEIRS = "In 2022 a migration I owned ran a day late; I had not sized the backfill."
FIRST = "At Brightcart I cached product pages in Redis; p99 fell from 900 ms to 80 ms."
SECOND = "I keep a written decision log, so the team can see why we chose Postgres."
SCORED = "In 2023 I led the on-call rotation at Acme and cut pages by half in 6 weeks."

# Each answer typed but not scored, by its question: what the rescue must carry.
TYPED = {
    ("tell-me-about-yourself", DRAFT),
    (QUESTION, MINE),
    (QUESTION, THEIRS),
    ("caching-strategy", FIRST),
    ("postgres-vs-nosql", SECOND),
}


def _fill(db: Path, bank: QuestionBank) -> list[str]:
    """Attempts, drafts (one kept from another window, one holding a saved answer) and two
    kept mock interviews: one with two unscored answers, one whose answer was scored."""
    with Store(db) as store:
        coach = Coach(bank=bank, store=store)
        ids = [
            coach.submit(QUESTION, f"In 2023 I broke build {n} at Acme; fixed.").id
            for n in range(SAVED)
        ]
        store.save_draft("tell-me-about-yourself", DRAFT)
        store.save_draft("ui:practice:question", "tell-me-about-yourself")  # holds no answer
        # Another window saved THEIRS; this one saved over it: THEIRS is kept aside.
        store.save_draft(QUESTION, THEIRS, writer="other")
        store.save_draft(QUESTION, MINE, over=None, writer="this")
        # The box still holding the answer just scored: the export holds it already.
        store.save_draft("idempotent-apis", coach.submit("idempotent-apis", SCORED).answer)
        running = MockSession(["caching-strategy", "postgres-vs-nosql", "api-pagination"])
        running.answers = {"caching-strategy": FIRST, "postgres-vs-nosql": SECOND}
        store.save_draft(session_key(running), running.to_json())
        ended = MockSession(["async-vs-threads", "rest-vs-grpc-vs-graphql"], finished=True)
        ended.answers = {"async-vs-threads": SCORED}
        coach.submit("async-vs-threads", SCORED, key=ended.key("async-vs-threads"))
        ended.saved = ["async-vs-threads"]
        store.save_draft(session_key(ended), ended.to_json())
    return ids


def _zero_page(db: Path, marker: bytes) -> None:
    """Zero the table leaf page (type 0x0D) holding ``marker``: what is on it is lost."""
    lost = zero_leaf_page(db, marker)
    assert all(text.encode() not in lost for _, text in TYPED)


def _garble_root(db: Path, name: str) -> bytes:
    """Overwrite the root page of table or index ``name`` with junk; the file's bytes."""
    with closing(sqlite3.connect(db)) as conn:
        sql = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        root = conn.execute(sql, (name,)).fetchone()[0]
    data = bytearray(db.read_bytes())
    data[(root - 1) * PAGE : root * PAGE] = b"\xa5" * PAGE
    db.write_bytes(bytes(data))
    return bytes(data)


@pytest.fixture
def db(coachkit_home: Path, bank: QuestionBank) -> Path:
    """A database damaged in part (test_store_damage's damage: a page of attempts lost),
    its drafts and kept interviews whole."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "coachkit.db"
    ids = _fill(path, bank)
    _zero_page(path, ids[20].encode())
    return path


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def _kept(folder: Path | None = None) -> set[tuple[str, str | None]]:
    return {(kept.question_id, kept.text) for kept in kept_answers(None, folder)}


def test_the_rescue_carries_drafts_and_a_kept_interview_to_practice(
    db: Path,
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = db.read_bytes()
    with Store(db) as store:
        readable = store.read_attempts()
    assert readable.damaged and 0 < readable.skipped < SAVED
    rescued = tmp_path / "rescued.jsonl"

    # The steps the warning gives, as a user reads them from memory: no --drafts.
    code, out = _run(["export", "--out", str(rescued)], monkeypatch)
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err
    assert "`coachkit export --out rescued.jsonl` (drafts" in err and "unscored/" in err
    unscored = coachkit_home / "unscored"
    exported, kept = out.splitlines()
    assert exported == f"Exported {len(readable.attempts)} attempts to {rescued}."
    assert kept.startswith(f"Kept 3 drafts and 2 unscored mock interview answers in {unscored}")
    assert "Put it in the box" in kept
    # The export's lines are as they were: only the readable attempts, each as written.
    assert rescued.read_text(encoding="utf-8") == "".join(map(export_line, readable.attempts))
    assert db.read_bytes() == before  # read, never written

    db.rename(db.with_name("coachkit.db.damaged"))
    assert _run(["import", str(rescued)], monkeypatch)[0] == 0
    # What the practice notebook offers under each question's box.
    assert _kept() == TYPED
    [offered] = kept_answers("tell-me-about-yourself")
    assert offered.text == DRAFT and offered.path.stat().st_mode & 0o077 == 0


def test_a_second_export_keeps_nothing_twice(
    db: Path, coachkit_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = str(tmp_path / "rescued.jsonl")
    assert _run(["export", "--out", out], monkeypatch)[0] == 0
    files = sorted((coachkit_home / "unscored").iterdir())
    code, said = _run(["export", "--out", out], monkeypatch)
    assert code == 0 and sorted((coachkit_home / "unscored").iterdir()) == files
    folder = coachkit_home / "unscored"
    expected = f"No draft or unscored mock interview answer to keep in {folder} (5 there already)."
    assert said.splitlines()[-1] == expected


def test_a_healthy_export_keeps_drafts_only_when_asked(
    coachkit_home: Path, bank: QuestionBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coachkit_home.mkdir(parents=True)
    _fill(coachkit_home / "coachkit.db", bank)
    out = str(tmp_path / "all.jsonl")

    code, said = _run(["export", "--out", out], monkeypatch)
    assert code == 0 and said == f"Exported {SAVED + 2} attempts to {out}.\n"
    assert not (coachkit_home / "unscored").exists()  # a backup litters nothing

    code, said = _run(["export", "--drafts", "--out", out], monkeypatch)
    assert code == 0 and "Kept 3 drafts and 2 unscored mock interview answers" in said
    assert _kept() == TYPED


def test_drafts_on_a_lost_page_are_counted_and_the_rest_carried(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The attempts whole, a page of drafts lost: the file is damaged all the same, so
    the export keeps what can be read of the drafts without being asked."""
    coachkit_home.mkdir(parents=True)
    db = coachkit_home / "coachkit.db"
    _fill(db, bank)
    with Store(db) as store:
        for n in range(120):
            store.save_draft(f"question-{n}", f"Draft number {n}, typed at length. " * 3)
    _zero_page(db, b"Draft number 60,")
    with Store(db) as store:
        read = store.read_drafts()
        assert not store.read_attempts().damaged
    assert read.damaged and 0 < read.skipped < 120
    carried = {(key, text) for key, text in read.drafts if key.startswith("question-")}
    assert len(carried) == 120 - read.skipped

    code, said = _run(["export", "--out", str(tmp_path / "rescued.jsonl")], monkeypatch)
    assert code == 0 and "Traceback" not in capsys.readouterr().err
    drafts = 3 + len(carried)
    assert f"Kept {drafts} drafts and 2 unscored" in said
    assert f"({read.skipped} drafts could not be read)" in said
    assert _kept() == TYPED | carried


def test_unreadable_drafts_are_skipped_and_counted(
    coachkit_home: Path, bank: QuestionBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coachkit_home.mkdir(parents=True)
    db = coachkit_home / "coachkit.db"
    _fill(db, bank)
    with closing(sqlite3.connect(db)) as conn, conn:
        # Not UTF-8, an interview that is no JSON, too deep to read, an answer that is no
        # text, and one to a question whose id is no file name.
        conn.execute("UPDATE drafts SET text = CAST(x'ff41' AS TEXT) WHERE key = ?", (QUESTION,))
        stamp = "2026-01-01T00:00:00+00:00"
        conn.executemany(
            "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?)",
            [
                ("ui:mock:session:broken", "{", stamp),
                ("ui:mock:session:odd", '{"question_ids": ["a"], "answers": {"a": 3}}', stamp),
                ("ui:mock:session:deep", "[" * 100_000, stamp),
                (
                    "ui:mock:session:far",
                    '{"question_ids": ["../a"], "answers": {"../a": "x"}}',
                    stamp,
                ),
            ],
        )
    code, said = _run(["export", "--drafts", "--out", str(tmp_path / "all.jsonl")], monkeypatch)
    assert code == 0
    assert "Kept 2 drafts and 2 unscored mock interview answers" in said
    assert "(5 drafts could not be read)" in said
    assert _kept() == TYPED - {(QUESTION, MINE)}


def test_an_unscored_folder_that_cannot_be_made_is_said(
    db: Path,
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (coachkit_home / "unscored").write_text("in the way", encoding="utf-8")
    code, said = _run(["export", "--out", str(tmp_path / "rescued.jsonl")], monkeypatch)
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err
    assert said.splitlines()[-1].startswith("Kept nothing in ")
    assert "(5 could not be written)" in said
    assert "coachkit: warning: 5 typed answers could not be written to " in err
    assert "do not move it aside" in err


def test_damage_the_attempts_read_does_not_see_still_carries_the_drafts(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A lost page of the index: every attempt and draft reads, yet the file is damaged,
    warned of and moved aside; the drafts must go with the export, not with the file."""
    coachkit_home.mkdir(parents=True)
    path = coachkit_home / "coachkit.db"
    _fill(path, bank)
    _garble_root(path, "attempts_by_question")
    with Store(path) as store:
        assert not store.read_attempts().damaged and not store.read_drafts().damaged

    code, said = _run(["export", "--out", str(tmp_path / "rescued.jsonl")], monkeypatch)
    assert code == 0 and f"{path} is damaged" in capsys.readouterr().err
    assert "Kept 3 drafts and 2 unscored mock interview answers" in said
    assert _kept() == TYPED


def test_drafts_are_kept_when_no_attempt_can_be_read(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The attempts' root page lost, the drafts whole: export refused and kept nothing, so
    moving the file aside, as the warning said, took the drafts along."""
    coachkit_home.mkdir(parents=True)
    path = coachkit_home / "coachkit.db"
    _fill(path, bank)
    data = _garble_root(path, "attempts")

    rescued = tmp_path / "rescued.jsonl"
    code, said = _run(["export", "--out", str(rescued)], monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and not rescued.exists()
    assert "none of its attempts can be read" in err and "keep its drafts with" in err
    # With no attempt exported, the answers scored from a box or a mock are kept too.
    assert said.startswith("Kept 4 drafts and 3 unscored mock interview answers")
    assert _kept() == TYPED | {("idempotent-apis", SCORED), ("async-vs-threads", SCORED)}
    assert path.read_bytes() == data
