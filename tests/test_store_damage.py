"""A damaged, locked or partly unreadable database: clear one-line errors, no lost data."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from file_damage import PAGE, zero_leaf_page

import coachkit.store
from coachkit import Coach, CorruptDatabaseError, QuestionBank, Store, StoreError
from coachkit.cli import main
from coachkit.errors import DatabaseBusyError
from coachkit.migrations import SCHEMA_VERSION


def _save(path: Path, bank: QuestionBank, count: int) -> list[str]:
    """Save ``count`` attempts to a database at ``path``; returns their ids, oldest first."""
    with Store(path) as store:
        coach = Coach(bank=bank, store=store)
        ids = [
            coach.submit(
                "time-you-failed", f"In 2023 I broke build {n} at Acme; fixed in 2 days."
            ).id
            for n in range(count)
        ]
    # Closing checkpointed the WAL: every row now lives in the main file.
    assert not path.with_name(path.name + "-wal").exists()
    return ids


def _run(args: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["export", "--out", "{tmp}/out.jsonl"],
        ["progress", "--out", "{tmp}/p.png"],
        ["score", "time-you-failed"],
    ],
    ids=lambda args: args[0],
)
def test_a_malformed_page_is_a_one_line_error_and_the_file_is_left_alone(
    args: list[str],
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = coachkit_home / "coachkit.db"
    _save(db, bank, 3)
    with sqlite3.connect(db) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'attempts'")
        assert root.fetchone()[0] == 2
    conn.close()
    damaged = bytearray(db.read_bytes())
    damaged[PAGE : 2 * PAGE] = b"\xa5" * PAGE  # page 2: the attempts table's root
    db.write_bytes(bytes(damaged))

    args = [a.format(tmp=tmp_path) for a in args]
    code, _ = _run(args, monkeypatch, "In 2024 I fixed a bug at Acme.")

    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "is damaged" in err and "Traceback" not in err
    assert f"mv '{db}'" in err  # says how to move it aside
    assert db.read_bytes() == bytes(damaged)
    assert not (tmp_path / "out.jsonl").exists()


def test_a_damaged_page_costs_only_the_attempts_on_it(tmp_path: Path, bank: QuestionBank) -> None:
    db = tmp_path / "big.db"
    ids = _save(db, bank, 40)
    # The leaf of the attempts table that holds the 21st attempt.
    page = zero_leaf_page(db, ids[20].encode())
    lost = {i for i in ids if i.encode() in page}

    with Store(db) as store:
        read = store.read_attempts()
        assert [a.id for a in read.attempts] == [i for i in ids if i not in lost]
        assert read.skipped == len(lost) and 0 < len(lost) < 40
        assert read.warning is not None and "is damaged" in read.warning
        assert read.damaged  # the file, not rows in it: the notebooks write nothing to it
        out = tmp_path / "rescued.jsonl"
        exported = Coach(bank=bank, store=store).export_attempts(out)
    assert exported.skipped == len(lost)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [a.id for a in read.attempts]


def test_a_damaged_index_loses_no_attempt_but_is_said(tmp_path: Path, bank: QuestionBank) -> None:
    """Read through the damaged index, every attempt is found all the same: the file is
    damaged still, and writing on is not safe (the notebooks stop)."""
    db = tmp_path / "index.db"
    ids = _save(db, bank, 5)
    with closing(sqlite3.connect(db)) as conn:
        sql = "SELECT rootpage FROM sqlite_master WHERE name = 'attempts_by_question'"
        root = conn.execute(sql).fetchone()[0]
    data = bytearray(db.read_bytes())
    data[(root - 1) * PAGE : root * PAGE] = b"\xa5" * PAGE
    db.write_bytes(bytes(data))
    with Store(db) as store:
        read = store.read_attempts("time-you-failed")
    assert [a.id for a in read.attempts] == ids and read.skipped == 0
    assert read.damaged and read.warning is not None and read.warning.startswith(f"{db} is damaged")


def _break_card(db: Path, attempt_id: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE attempts SET card = '{\"overall\": ' WHERE id = ?", (attempt_id,))
    conn.close()


def test_one_unreadable_attempt_is_skipped_counted_and_kept(
    tmp_path: Path, bank: QuestionBank
) -> None:
    db = tmp_path / "rows.db"
    ids = _save(db, bank, 3)
    _break_card(db, ids[1])
    with Store(db) as store:
        read = store.read_attempts()
        assert [a.id for a in read.attempts] == [ids[0], ids[2]]
        assert read.skipped == 1
        assert read.warning is not None and "1 saved attempt was left out" in read.warning
        assert not read.damaged  # the file is whole: writing goes on
        assert store.attempts() == read.attempts
        assert store.read_attempts("time-you-failed", limit=1).attempts == read.attempts[-1:]
        coach = Coach(bank=bank, store=store)
        assert coach.read_history().skipped == 1
        exported = coach.export_attempts(tmp_path / "all.jsonl")
        assert store.count_attempts() == 3  # the unreadable row is left as it was
    assert exported.skipped == 1
    written = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in written] == [ids[0], ids[2]]


def test_history_and_export_commands_work_around_an_unreadable_attempt(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = coachkit_home / "coachkit.db"
    ids = _save(db, bank, 3)
    _break_card(db, ids[0])
    code, out = _run(["history", "--json"], monkeypatch)
    assert code == 0 and [a["id"] for a in json.loads(out)] == ids[1:]
    warning = "coachkit: warning: 1 saved attempt was left out: unreadable rows in"
    assert capsys.readouterr().err.startswith(warning)
    code, out = _run(["export", "--out", str(tmp_path / "e.jsonl")], monkeypatch)
    assert code == 0 and len((tmp_path / "e.jsonl").read_text().splitlines()) == 2
    assert out.startswith("Exported 2 attempts") and capsys.readouterr().err.startswith(warning)


@pytest.mark.parametrize("column", ["answer", "card", "question_id"])
def test_text_that_is_not_utf8_is_one_unreadable_attempt_not_a_crash(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    column: str,
) -> None:
    """Bytes that are not UTF-8 in one row (damage, or another program) ended every
    read with SQLite's "Could not decode to UTF-8": history, export, progress, next and
    the delete that would remove the row all failed with a traceback."""
    db = coachkit_home / "coachkit.db"
    ids = _save(db, bank, 3)
    with sqlite3.connect(db) as conn:
        conn.execute(
            f"UPDATE attempts SET {column} = CAST(x'496eff' AS TEXT) WHERE id = ?", (ids[1],)
        )
    conn.close()
    code, out = _run(["history", "--json"], monkeypatch)
    assert code == 0 and [a["id"] for a in json.loads(out)] == [ids[0], ids[2]]
    assert f"`coachkit delete {ids[1][:8]}` deletes it" in capsys.readouterr().err
    code, out = _run(["export", "--out", str(tmp_path / "e.jsonl")], monkeypatch)
    assert code == 0 and len((tmp_path / "e.jsonl").read_text().splitlines()) == 2
    for args in (["progress", "--out", str(tmp_path / "p.png")], ["next"]):
        assert _run(args, monkeypatch)[0] == 0
    code, out = _run(["delete", ids[1][:8]], monkeypatch)
    assert code == 0 and out.startswith("Deleted 1 attempt")
    capsys.readouterr()
    code, out = _run(["history", "--json"], monkeypatch)
    assert len(json.loads(out)) == 2 and capsys.readouterr().err == ""


@pytest.fixture
def locked(coachkit_home: Path, bank: QuestionBank) -> Iterator[Path]:
    """The home's database, held by another program with BEGIN EXCLUSIVE (one attempt saved)."""
    db = coachkit_home / "coachkit.db"
    _save(db, bank, 1)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield db
    holder.execute("ROLLBACK")
    holder.close()


def test_a_locked_database_is_a_busy_error_and_the_write_changes_nothing(
    locked: Path, coach: Coach
) -> None:
    attempt = coach.submit("time-you-failed", "In 2021 I shipped late at Acme.", save=False)
    with Store(locked, timeout=0.05) as store:
        with pytest.raises(DatabaseBusyError, match=r"another program .* try again"):
            store.add_attempts([attempt, attempt.model_copy(update={"id": "second"})])
        with pytest.raises(DatabaseBusyError):
            store.save_draft("q", "text")
        assert store.count_attempts() == 1  # reads still work under WAL
    with sqlite3.connect(locked, timeout=5) as conn:
        assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 1


def test_the_cli_reports_a_locked_database_in_one_line(
    locked: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(coachkit.store, "BUSY_TIMEOUT", 0.05)
    code, _ = _run(["score", "time-you-failed"], monkeypatch, "In 2022 I fixed the build at Acme.")
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "is busy" in err
    with sqlite3.connect(locked, timeout=5) as conn:
        assert conn.execute("SELECT count(*) FROM attempts").fetchone()[0] == 1


def test_a_statement_failing_inside_a_transaction_is_a_store_error_and_undoes_it(
    store: Store,
) -> None:
    with pytest.raises(StoreError, match="Cannot use"), store.transaction() as conn:
        conn.execute("INSERT INTO drafts (key, text, updated_at) VALUES ('k', 't', 'now')")
        conn.execute("PRAGMA query_only = 1")  # the next write fails as on a read-only disk
        conn.execute("INSERT INTO drafts (key, text, updated_at) VALUES ('k2', 't', 'now')")
    store.connection.execute("PRAGMA query_only = 0")
    assert store.load_draft("k") is None


def test_damage_where_the_schema_is_read_does_not_send_them_to_export(
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The schema page damaged: no attempt can be read, export included; say so."""
    db = coachkit_home / "coachkit.db"
    _save(db, bank, 3)
    damaged = bytearray(db.read_bytes())
    damaged[100:PAGE] = b"\xa5" * (PAGE - 100)  # page 1 after the header: the schema
    db.write_bytes(bytes(damaged))

    code, _ = _run(["export", "--out", str(tmp_path / "rescued.jsonl")], monkeypatch)

    err = capsys.readouterr().err
    assert code == 2 and "none of its attempts can be read" in err
    assert "coachkit export" not in err  # the advice that cannot work
    assert db.read_bytes() == bytes(damaged)


def test_a_database_moved_or_deleted_under_an_open_store_does_not_swallow_saves(
    tmp_path: Path, bank: QuestionBank
) -> None:
    home = tmp_path / "home"
    db = home / "coachkit.db"
    with Store(db) as store:
        coach = Coach(bank=bank, store=store)
        coach.submit("time-you-failed", "In 2023 I broke the build at Acme; fixed it in 2 days.")
        db.rename(home / "coachkit.db.bak")  # the user moves it aside, notebook still open
        kept = coach.submit("time-you-failed", "In 2024 I broke a deploy; rolled back in 5 min.")
        with Store(db) as fresh:
            assert [a.id for a in fresh.attempts()] == [kept.id]  # where the next run looks
        for leftover in home.iterdir():
            leftover.unlink()
        home.rmdir()  # and now the whole home folder goes
        again = coach.submit("time-you-failed", "In 2025 I broke a migration; fixed it in a day.")
        assert [a.id for a in coach.history()] == [again.id]
    with Store(db) as fresh:
        assert [a.id for a in fresh.attempts()] == [again.id]


def _refuse_writable(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Make ``path`` behave as a file this user may read but not write."""

    def refuse(store: Store) -> sqlite3.Connection:
        raise StoreError(f"Cannot use {store.path} (attempt to write a readonly database)")

    monkeypatch.setattr(Store, "_open_writable", refuse)
    monkeypatch.setattr(coachkit.store, "read_only_here", lambda p: p == path)


def test_a_database_that_may_only_be_read_is_read_and_never_written(
    tmp_path: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "coachkit.db"
    ids = _save(db, bank, 2)
    before = db.read_bytes()
    _refuse_writable(monkeypatch, db)
    with Store(db) as store:
        assert [a.id for a in store.attempts()] == ids
        with pytest.raises(StoreError, match=r"can only be read here.*export work"):
            Coach(bank=bank, store=store).submit("time-you-failed", "In 2024 I fixed a bug.")
        with pytest.raises(StoreError, match="can only be read here"):
            store.save_draft("q", "words")
    assert db.read_bytes() == before


def _as_schema_2(path: Path) -> None:
    """Turn a database back into what coachkit wrote before schema 3."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TABLE llm_reservations")  # schema 4's
        conn.execute("DROP INDEX llm_score_cache_by_answer")
        conn.execute("ALTER TABLE llm_score_cache DROP COLUMN answer_digest")
        conn.execute("PRAGMA user_version = 2")
        conn.commit()


def test_an_older_coachkits_file_that_may_only_be_read_is_read(
    tmp_path: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It needs a migration, which a read-only file cannot take: its history and export
    were refused, with a message about disk space."""
    db = tmp_path / "coachkit.db"
    ids = _save(db, bank, 2)
    _as_schema_2(db)
    before = db.read_bytes()
    _refuse_writable(monkeypatch, db)
    with Store(db) as store:
        assert [a.id for a in store.attempts()] == ids  # migrated in a copy in memory
        assert store.schema_version() == SCHEMA_VERSION
        assert store.query("SELECT COUNT(*) FROM llm_reservations")[0][0] == 0  # schema 4's
        with pytest.raises(StoreError, match="can only be read here"):
            store.save_draft("q", "words")
    assert db.read_bytes() == before


def test_a_full_disk_still_lets_history_be_read_and_says_why_nothing_saves(
    tmp_path: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk is when exporting elsewhere is the advice: reads failed too."""
    db = tmp_path / "coachkit.db"
    ids = _save(db, bank, 2)
    full = StoreError(f"Cannot use {db} (database or disk is full): check that the disk has space")
    real_open = Store._open_writable
    disk = {"full": True}

    def open_writable(store: Store) -> sqlite3.Connection:
        if disk["full"]:
            raise full
        return real_open(store)

    monkeypatch.setattr(Store, "_open_writable", open_writable)
    with Store(db) as store:
        assert [a.id for a in store.attempts()] == ids
        with pytest.raises(StoreError, match="disk is full"):
            store.save_draft("q", "words")
        disk["full"] = False  # space freed: the next save goes through, no restart
        store.save_draft("q", "words")
        assert store.load_draft("q") == "words"


def _read_only_mount(source: Path, target: Path) -> bool:
    """Bind ``source`` read-only at ``target``; False where this machine does not allow it."""
    target.mkdir()
    steps = (
        ["mount", "--bind", str(source), str(target)],
        ["mount", "-o", "remount,bind,ro", str(target)],
    )
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return False
        if done.returncode != 0:
            subprocess.run(["umount", str(target)], capture_output=True, timeout=10)
            return False
    return True


def test_history_and_export_work_from_a_read_only_mount(
    tmp_path: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real thing, where the machine lets the tests mount (root, no sandbox)."""
    home = tmp_path / "home"
    ids = _save(home / "coachkit.db", bank, 2)
    mounted = tmp_path / "ro"
    if not _read_only_mount(home, mounted):
        pytest.skip("cannot make a read-only bind mount here")
    try:
        monkeypatch.setenv("COACHKIT_HOME", str(mounted))
        out = tmp_path / "out.jsonl"
        code, _ = _run(["export", "--out", str(out)], monkeypatch)
        assert code == 0
        assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ids
        code, _ = _run(["score", "time-you-failed"], monkeypatch, "In 2024 I fixed a bug.")
        assert code == 2
    finally:
        # Lazily: a connection the in-process CLI left for the garbage collector holds it.
        subprocess.run(["umount", "-l", str(mounted)], capture_output=True, timeout=10)


@pytest.mark.parametrize(
    ("damage", "args", "none_readable"),
    [
        ("DROP TABLE llm_usage", ["usage"], False),
        ("ALTER TABLE attempts RENAME COLUMN card TO card_old", ["history"], True),
        (
            "ALTER TABLE attempts RENAME COLUMN card TO card_old",
            ["export", "--out", "{tmp}/o"],
            True,
        ),
        ("DROP TABLE attempts", ["next"], True),
    ],
)
def test_a_table_or_column_gone_is_damage_not_a_traceback(
    damage: str,
    args: list[str],
    none_readable: bool,
    coachkit_home: Path,
    bank: QuestionBank,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = coachkit_home / "coachkit.db"
    _save(db, bank, 2)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(damage)
        conn.commit()
    before = db.read_bytes()
    code, _ = _run([a.format(tmp=tmp_path) for a in args], monkeypatch)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert f"{db} is damaged" in err and f"mv '{db}'" in err
    assert ("none of its attempts can be read" in err) == none_readable
    assert db.read_bytes() == before
    assert not (tmp_path / "o").exists()


def test_a_file_without_its_attempts_table_sends_no_one_to_export(
    tmp_path: Path, bank: QuestionBank
) -> None:
    """Each read of the attempts says none can be read, not to save those that can."""
    db = tmp_path / "coachkit.db"
    attempt_id = _save(db, bank, 1)[0]
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("DROP TABLE attempts")
        conn.commit()
    with Store(db) as store:
        for read in (
            store.count_attempts,
            lambda: store.get_attempt(attempt_id),
            lambda: store.attempt_ids(attempt_id[:4]),
        ):
            with pytest.raises(CorruptDatabaseError, match="none of its attempts can be read"):
                read()


def test_a_header_overwritten_under_an_open_store_is_damage_not_a_traceback(
    tmp_path: Path,
) -> None:
    db = tmp_path / "coachkit.db"
    with Store(db) as store:
        store.save_draft("k", "what I typed")
        with closing(sqlite3.connect(db)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with db.open("r+b") as handle:
            handle.write(b"not a database!!")  # SQLite's 16-byte magic string, gone
        with pytest.raises(CorruptDatabaseError, match="is damaged"):
            store.load_draft("k")


def test_a_mistake_in_coachkits_own_sql_on_a_whole_schema_is_not_called_damage(
    tmp_path: Path, bank: QuestionBank
) -> None:
    db = tmp_path / "whole.db"
    _save(db, bank, 1)
    with Store(db) as store, pytest.raises(sqlite3.OperationalError):
        store.query("SELECT no_such_column FROM attempts")


def test_a_mistake_in_coachkits_own_sql_on_an_older_file_read_only_is_not_called_damage(
    tmp_path: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read through a migrated copy, an older file lacks only what its schema never had."""
    db = tmp_path / "coachkit.db"
    _save(db, bank, 1)
    _as_schema_2(db)
    _refuse_writable(monkeypatch, db)
    with Store(db) as store, pytest.raises(sqlite3.OperationalError):
        store.query("SELECT no_such_column FROM attempts")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs a folder no one may create")
def test_a_home_that_cannot_be_created_is_said_in_words_not_errno() -> None:
    store = Store(Path("/proc/coachkit-nowhere/coachkit.db"))  # not even root may mkdir here
    with pytest.raises(StoreError) as raised:
        store.save_draft("k", "an answer")
    message = str(raised.value)
    assert "(no such file or directory)" in message and "[Errno" not in message
    assert "may create and write to /proc/coachkit-nowhere" in message
