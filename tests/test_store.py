"""The SQLite store: migrations, idempotency, drafts, concurrency, refusing bad files."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coachkit import Coach, CorruptDatabaseError, NewerDatabaseError, QuestionBank, Store
from coachkit.models import Attempt
from coachkit.store import MIGRATIONS, SCHEMA_VERSION


def _attempt(coach: Coach, answer: str = "In 2023 I led a migration at Acme.") -> Attempt:
    return coach.submit("time-you-failed", answer, save=False)


def test_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        assert store.schema_version() == SCHEMA_VERSION
        mode = store.connection.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_attempt_round_trips_with_its_full_scorecard(coach: Coach, store: Store) -> None:
    attempt = _attempt(coach)
    assert store.add_attempt(attempt)
    loaded = store.get_attempt(attempt.id)
    assert loaded == attempt
    assert store.attempts("time-you-failed") == [attempt]
    assert store.attempts("other") == []


def test_same_idempotency_key_gives_one_row(coach: Coach, store: Store) -> None:
    attempt = _attempt(coach)
    assert store.add_attempt(attempt) is True
    assert store.add_attempt(attempt) is False
    assert store.count_attempts() == 1


def test_resubmitting_with_the_same_key_through_the_coach_gives_one_row(
    bank: QuestionBank, store: Store
) -> None:
    """A notebook cell run again returns the attempt it saved, not a second scoring."""
    ticks = itertools.count()
    coach = Coach(
        bank=bank,
        store=store,
        clock=lambda: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=next(ticks)),
    )
    first = coach.submit("time-you-failed", "I broke the build at Acme in 2022.", key="k1")
    again = coach.submit("time-you-failed", "I broke the build at Acme in 2022.", key="k1")
    assert first.id == again.id == "k1"
    assert again == first  # its card and time as saved: nothing scored again
    assert coach.store.count_attempts() == 1


def test_a_migration_another_process_made_meanwhile_is_not_made_again(tmp_path: Path) -> None:
    """Two processes opening a new file at once: the second read the version before the
    first migrated it, and must not run the migrations again once it holds the lock."""
    path = tmp_path / "raced.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the other process, migrating

    def migrate_then_commit() -> None:
        time.sleep(1.0)  # till this process has read version 0 and waits for the lock
        for migration in MIGRATIONS:
            migration(other)
        other.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        other.execute("COMMIT")

    thread = threading.Thread(target=migrate_then_commit)
    thread.start()
    try:
        with Store(path) as store:
            assert store.schema_version() == SCHEMA_VERSION
            assert store.count_attempts() == 0
    finally:
        thread.join()
        other.close()


def test_draft_keys_list_one_prefix_newest_first(store: Store) -> None:
    for key in ("ui:mock:session:a", "ui:mock:session:b", "UI:MOCK:SESSION:c", "ui:mockx", "q1"):
        store.save_draft(key, f"text of {key}")
    store.save_draft("ui:mock:session:a", "typed again")  # now the newest
    assert store.draft_keys("ui:mock:session:") == ["ui:mock:session:a", "ui:mock:session:b"]
    assert store.draft_keys("50%_") == []  # no wildcards, and case counts
    store.delete_draft("ui:mock:session:b")
    assert store.draft_keys("ui:mock:session:") == ["ui:mock:session:a"]


def test_drafts_are_saved_replaced_and_cleared(store: Store) -> None:
    assert store.load_draft("q") is None
    store.save_draft("q", "first words")
    store.save_draft("q", "first words and more")
    assert store.load_draft("q") == "first words and more"
    store.save_draft("q", "   ")
    assert store.load_draft("q") is None


@pytest.mark.parametrize("ahead", [1, 5])
def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path, ahead: int) -> None:
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + ahead}")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer coachkit"):
        Store(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CorruptDatabaseError, match="Move it aside"):
        Store(path)
    assert path.read_bytes() == b"this is not a database at all" * 100


def _writer(path: str, prefix: str, count: int) -> None:
    coach = Coach(store=Store(path))
    for index in range(count):
        coach.submit("time-you-failed", f"I fixed bug {index} at Acme.", key=f"{prefix}-{index}")


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")  # no file yet: both also race to create and migrate it
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(path, p, 60)) for p in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with Store(path) as store:
        assert store.count_attempts() == 120


def test_a_second_store_in_one_process_keeps_the_first_ones_locks(
    coach: Coach, tmp_path: Path
) -> None:
    """Opening the file a second time (Run All twice in a kernel) read its header with
    open(); closing that descriptor dropped the first connection's locks, so another
    program closing its own store deleted the live WAL and the writes after it were lost."""
    import subprocess
    import sys

    path = tmp_path / "shared.db"
    first = Store(path)
    first.add_attempt(_attempt(coach, "The first answer, saved before anything else."))
    second = Store(path)
    assert second.count_attempts() == 1
    other = f"from coachkit import Store; s = Store({str(path)!r}); s.count_attempts(); s.close()"
    subprocess.run([sys.executable, "-c", other], check=True)  # e.g. `coachkit history`
    assert path.with_name("shared.db-wal").exists()  # still ours: nobody could remove it
    later = _attempt(coach, "The second answer, saved after the other program closed.")
    first.add_attempt(later)
    first.close()
    second.close()
    with Store(path) as reopened:
        assert reopened.get_attempt(later.id) is not None


def test_a_deleted_attempt_leaves_no_copy_in_the_file_or_its_wal(
    coach: Coach, tmp_path: Path
) -> None:
    path = tmp_path / "private.db"
    secret = "In 2023 I led the WOMBATSECRET migration at Acme and it failed for an hour."
    with Store(path) as store:
        attempt = _attempt(coach, secret)
        store.add_attempt(attempt)
        store.save_draft("time-you-failed", secret)
        store.delete_attempts([attempt.id])
        for name in ("private.db", "private.db-wal"):  # while the store is still open
            file = tmp_path / name
            assert not file.exists() or b"WOMBATSECRET" not in file.read_bytes(), name


@pytest.mark.parametrize("collecting", [True, False])
def test_reading_history_leaves_garbage_collection_as_it_found_it(
    coach: Coach, store: Store, collecting: bool
) -> None:
    # Reading pauses the collector while it parses the cards (see store._gc_paused).
    store.add_attempt(_attempt(coach))
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        assert len(store.attempts()) == 1
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
