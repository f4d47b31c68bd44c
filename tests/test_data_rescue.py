"""Rescuing a damaged database without a terminal: what can be read is exported and
imported into a fresh file, the damaged one is moved aside as it was, and any failure
on the way leaves it where it was, saying what to do."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from file_damage import zero_leaf_page, zero_page

from coachkit import Coach, QuestionBank, Store
from coachkit import rescue as rescue_module
from coachkit.errors import BadInputError, StoreError
from coachkit.exchange import parse_attempts
from coachkit.rescue import rescue
from coachkit.ui import StartHere
from coachkit.ui.start import RESCUE

QUESTION = "time-you-failed"
SAVED = 40
DRAFT = "I am a backend developer who ships billing systems."


def _save(db: Path, bank: QuestionBank) -> list[str]:
    with Store(db) as store:
        coach = Coach(bank=bank, store=store)
        ids = [
            coach.submit(QUESTION, f"In 2023 I broke build {n} at Acme; I fixed it in a day.").id
            for n in range(SAVED)
        ]
        store.save_draft("tell-me-about-yourself", DRAFT)
    return ids


def _damaged(home: Path, bank: QuestionBank) -> Path:
    """The database in ``home``, a page of its attempts table zeroed: the attempts on it
    are lost, the rest read."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "coachkit.db"
    ids = _save(path, bank)
    zero_leaf_page(path, ids[20].encode())
    return path


@pytest.fixture
def db(coachkit_home: Path, bank: QuestionBank) -> Path:
    return _damaged(coachkit_home, bank)


@pytest.fixture
def readable(db: Path, bank: QuestionBank) -> list[tuple[str, str]]:
    """(id, answer) of each attempt the damaged file still yields."""
    with Store(db) as store:
        read = store.read_attempts()
    assert read.damaged and 0 < read.skipped < SAVED
    return [(a.id, a.answer) for a in read.attempts]


@pytest.fixture
def before(db: Path, readable: list[tuple[str, str]]) -> bytes:
    return db.read_bytes()


def _leftovers(home: Path) -> list[str]:
    """Files a failed rescue must not leave: the half-built fresh database."""
    return sorted(p.name for p in home.iterdir() if ".rescue-" in p.name)


def test_rescue_keeps_what_can_be_read_and_moves_the_damaged_file_aside(
    bank: QuestionBank, db: Path, readable: list[tuple[str, str]], before: bytes
) -> None:
    coach = Coach(bank=bank)
    done = rescue(coach)

    # The damaged file is kept, byte for byte, under a name beside the new one.
    assert done.aside.parent == db.parent and done.aside.name.startswith("coachkit.db.damaged-")
    assert done.aside.read_bytes() == before
    # The export holds every readable attempt, and is private like the database.
    assert done.export is not None and done.export.parent == db.parent
    exported = parse_attempts(done.export.read_text(encoding="utf-8"), "x")
    assert [(a.id, a.answer) for a in exported] == readable
    assert stat.S_IMODE(done.export.stat().st_mode) == 0o600
    # The fresh database in its place holds them all, and is whole.
    with Store(db) as fresh:
        assert [(a.id, a.answer) for a in fresh.attempts()] == readable
        assert fresh.damage() is None
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    # What was typed went to unscored/, where Practice offers it back.
    kept = list((db.parent / "unscored").glob("tell-me-about-yourself-*.txt"))
    assert [p.read_text(encoding="utf-8") for p in kept] == [DRAFT]
    assert (done.kept, done.left_out) == (len(readable), SAVED - len(readable))
    note = done.note
    assert f"Kept {len(readable)} attempts in a fresh database" in note
    lost = SAVED - len(readable)
    assert f"{lost} attempt{' was' if lost == 1 else 's were'} too damaged to read" in note
    assert str(done.aside) in note and str(done.export) in note and "Kept 1 draft" in note
    # The same coach goes on with the fresh file: a new score is saved there.
    coach.submit(QUESTION, "In 2024 I broke the nightly build at Acme; I fixed it in an hour.")
    assert len(coach.history()) == len(readable) + 1
    assert _leftovers(db.parent) == []


def test_a_file_that_is_no_database_is_moved_aside_and_started_afresh(
    bank: QuestionBank, coachkit_home: Path
) -> None:
    coachkit_home.mkdir(parents=True)
    db = coachkit_home / "coachkit.db"
    junk = os.urandom(5000)
    db.write_bytes(junk)
    coach = Coach(bank=bank)
    done = rescue(coach)
    assert done.export is None and done.kept == 0
    assert done.aside.read_bytes() == junk
    assert "None of the attempts could be read" in done.note
    assert coach.history() == []
    coach.submit(QUESTION, "In 2024 I broke the nightly build at Acme; I fixed it in an hour.")
    assert len(coach.history()) == 1


def test_a_whole_database_is_not_moved(bank: QuestionBank, coachkit_home: Path) -> None:
    coachkit_home.mkdir(parents=True)
    db = coachkit_home / "coachkit.db"
    _save(db, bank)
    with pytest.raises(StoreError, match="is not damaged"):
        rescue(Coach(bank=bank))
    assert [p.name for p in coachkit_home.iterdir() if not p.name.startswith("coachkit.db")] == []
    assert not list(coachkit_home.glob("coachkit.db.*"))


@pytest.fixture
def other_reader(db: Path) -> Iterator[sqlite3.Connection]:
    """Another notebook's kernel with the file open, idle."""
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield conn


def test_an_open_file_elsewhere_is_not_moved(
    bank: QuestionBank, db: Path, before: bytes, other_reader: sqlite3.Connection
) -> None:
    with pytest.raises(StoreError) as raised:
        rescue(Coach(bank=bank))
    message = str(raised.value)
    assert f"Nothing was moved: {db} is where it was" in message
    assert "Another notebook or program has coachkit.db open" in message
    [export] = db.parent.glob("rescued-*.jsonl")  # what was read is kept all the same
    assert f"The readable attempts are saved meanwhile in {export}." in message
    assert db.read_bytes() == before
    assert _leftovers(db.parent) == []


def test_an_open_file_elsewhere_on_a_voila_page_says_to_close_the_other_pages(
    bank: QuestionBank,
    db: Path,
    other_reader: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Voila page has no Kernel menu: "Kernel > Shut Down Kernel" sent its user to one."""
    monkeypatch.setenv("VOILA_KERNEL_ID", "page-kernel")
    with pytest.raises(StoreError) as raised:
        rescue(Coach(bank=bank))
    message = str(raised.value)
    assert (
        "has coachkit.db open: close the other coachkit pages (a closed page's kernel stops"
        in message
    )
    assert "Kernel >" not in message


def test_a_failed_swap_puts_the_damaged_file_back(
    bank: QuestionBank, db: Path, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    real, failed = os.rename, []

    def rename(source: str | Path, target: str | Path) -> None:
        if Path(target) == db and not failed:  # the fresh file into its place
            failed.append(source)
            raise PermissionError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr(rescue_module.os, "rename", rename)
    with pytest.raises(StoreError, match="could not take its place") as raised:
        rescue(Coach(bank=bank))
    assert "Nothing was moved" in str(raised.value)
    assert failed and db.read_bytes() == before
    assert not list(db.parent.glob("coachkit.db.damaged-*"))
    assert _leftovers(db.parent) == []


def test_a_failed_import_leaves_the_damaged_file_in_place(
    bank: QuestionBank, db: Path, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Coach, source: Path | str) -> None:
        raise BadInputError(f"{source}:3: not a coachkit attempt; nothing was imported.")

    monkeypatch.setattr(Coach, "import_attempts", refuse)
    with pytest.raises(StoreError, match="The fresh database could not be made") as raised:
        rescue(Coach(bank=bank))
    message = str(raised.value)
    assert f"Nothing was moved: {db} is where it was" in message
    assert "The readable attempts are in" in message
    # Read in a notebook or a terminal alike: "in a terminal" read oddly from `coachkit rescue`.
    assert message.endswith(
        f"Keep a copy of it (cp '{db}' '{db}.bak') and try again, or do the steps by hand: "
        "`coachkit export --out rescued.jsonl`, move the file aside, and `coachkit import "
        "rescued.jsonl` into a fresh one."
    )
    assert db.read_bytes() == before
    assert _leftovers(db.parent) == []


def test_drafts_that_cannot_be_kept_stop_the_move(
    bank: QuestionBank, db: Path, before: bytes
) -> None:
    """Only the damaged file would hold them: it is not moved aside."""
    (db.parent / "unscored").write_text("in the way")  # unscored/ cannot be made
    with pytest.raises(StoreError, match="do not move it aside") as raised:
        rescue(Coach(bank=bank))
    assert "Nothing was moved" in str(raised.value)
    assert db.read_bytes() == before


def test_start_here_offers_the_rescue_and_says_what_it_did(
    bank: QuestionBank, db: Path, readable: list[tuple[str, str]], before: bytes
) -> None:
    view = StartHere(Coach(bank=bank))
    assert view.rescue.layout.display == "" and view.rescue_button.description == RESCUE
    view.rescue_button.click()
    status = view.rescue_status.value
    assert "Rescued." in status and f"Kept {len(readable)} attempts" in status
    assert "coachkit.db.damaged-" in status
    assert view.store_problem.layout.display == "none"
    assert view.rescue.layout.display == "none"
    assert f"<b>{len(readable)}</b>" in view.summary.value
    [aside] = db.parent.glob("coachkit.db.damaged-*")
    assert aside.read_bytes() == before


def test_start_here_says_why_a_rescue_failed_and_keeps_the_button(
    bank: QuestionBank, db: Path, before: bytes, other_reader: sqlite3.Connection
) -> None:
    view = StartHere(Coach(bank=bank))
    view.rescue_button.click()
    status = view.rescue_status.value
    assert 'class="ck-error"' in status
    assert "Another notebook or program has coachkit.db open" in status
    assert not view.rescue_button.disabled and view.rescue.layout.display == ""
    assert view.store_problem.layout.display == ""
    assert view.errors.message is None
    assert db.read_bytes() == before


def test_an_interrupted_kernel_stops_start_heres_rescue_and_says_so(
    bank: QuestionBank, db: Path, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: Jupyter's stop button left "Rescuing: reading what can be read..." for
    good, the interrupt a traceback in the log."""

    def carry(source: Path, fresh: Path) -> int | None:
        raise KeyboardInterrupt  # the fresh database is being made

    monkeypatch.setattr(rescue_module, "_carry_usage", carry)
    view = StartHere(Coach(bank=bank))
    view.rescue_button.click()
    status = view.rescue_status.value
    assert status.startswith('<div class="ck-error" role="alert">Interrupted. The rescue stopped')
    assert "press Rescue again" in status and "Rescuing" not in status
    assert not view.rescue_button.disabled and view.rescue.layout.display == ""
    assert db.read_bytes() == before


def test_start_here_offers_no_rescue_for_a_whole_or_newer_database(
    bank: QuestionBank, coachkit_home: Path
) -> None:
    coachkit_home.mkdir(parents=True)
    db = coachkit_home / "coachkit.db"
    _save(db, bank)
    assert StartHere(Coach(bank=bank)).rescue.layout.display == "none"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
    view = StartHere(Coach(bank=bank))
    assert "newer coachkit" in view.store_problem.value
    assert view.rescue.layout.display == "none"


def test_start_here_rescues_a_file_that_is_no_database(
    bank: QuestionBank, coachkit_home: Path
) -> None:
    coachkit_home.mkdir(parents=True)
    junk = os.urandom(5000)
    (coachkit_home / "coachkit.db").write_bytes(junk)
    view = StartHere(Coach(bank=bank))
    assert "is not a readable coachkit database" in view.store_problem.value
    assert view.rescue.layout.display == ""
    view.rescue_button.click()
    assert "None of the attempts could be read" in view.rescue_status.value
    assert view.store_problem.layout.display == "none"
    [aside] = coachkit_home.glob("coachkit.db.damaged-*")
    assert aside.read_bytes() == junk
    assert "<b>0</b>" in view.summary.value


def test_a_folder_read_only_for_the_user_is_said_before_anything_is_written(
    bank: QuestionBank, db: Path, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the export failed with "Cannot write ...partial: Permission denied" and
    "try again", which could never work there."""
    real = os.access

    def access(path: str | Path, mode: int, **kwargs: object) -> bool:
        return not (Path(path) == db.parent and mode & os.W_OK) and real(path, mode)

    monkeypatch.setattr(rescue_module.os, "access", access)
    with pytest.raises(StoreError) as raised:
        rescue(Coach(bank=bank))
    message = str(raised.value)
    assert message.startswith(f"The rescue stopped: {db.parent} is read-only for you.")
    assert "point COACHKIT_HOME there, and rescue it there" in message
    assert "try again" not in message
    assert [p.name for p in db.parent.iterdir() if not p.name.startswith("coachkit.db")] == []
    assert not list(db.parent.glob("coachkit.db.*"))
    assert db.read_bytes() == before


def test_the_other_notebooks_point_to_the_rescue_in_start_here(
    bank: QuestionBank, coachkit_home: Path, db: Path
) -> None:
    """Before: Practice and Progress named only terminal commands, which a Voila page or a
    hub without a terminal cannot run."""
    from coachkit.ui import ProgressView

    assert "Rescue what can be read, in the Start here notebook" in (
        ProgressView(Coach(bank=bank)).store_problem.value
    )
    db.write_bytes(os.urandom(5000))  # no database at all any more
    assert "Rescue what can be read, in the Start here notebook" in (
        ProgressView(Coach(bank=bank)).store_problem.value
    )


def test_a_swap_that_cannot_be_undone_says_where_the_damaged_file_is(
    bank: QuestionBank, db: Path, before: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saying "where it was" of a file left under another name would send the user to
    an empty path."""
    real = os.rename

    def rename(source: str | Path, target: str | Path) -> None:
        if Path(target) == db:  # neither the fresh file nor the damaged one, back
            raise PermissionError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr(rescue_module.os, "rename", rename)
    with pytest.raises(StoreError) as raised:
        rescue(Coach(bank=bank))
    [aside] = db.parent.glob("coachkit.db.damaged-*")
    message = str(raised.value)
    assert f"the damaged file could not be renamed back: it is {aside}." in message
    assert f"Rename it back to {db}" in message and "Nothing was moved" not in message
    assert aside.read_bytes() == before


def test_ctrl_c_between_the_two_renames_leaves_no_database_missing(
    bank: QuestionBank,
    db: Path,
    readable: list[tuple[str, str]],
    before: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: a Ctrl-C as the fresh file was to take the damaged one's place left no
    file there (the fresh one deleted as a leftover): the next use started an empty
    database, the whole history gone from view."""
    real = os.rename

    def rename(source: str | Path, target: str | Path) -> None:
        if Path(target) == db:  # the damaged file is aside: the fresh one goes in next
            signal.raise_signal(signal.SIGINT)  # the real signal, to its real handler
        real(source, target)

    monkeypatch.setattr(rescue_module.os, "rename", rename)
    try:
        done = rescue(Coach(bank=bank))
    except KeyboardInterrupt:
        pytest.fail("the rescue was cut between its two renames")
    assert done.aside.read_bytes() == before
    with Store(db) as fresh:
        assert [(a.id, a.answer) for a in fresh.attempts()] == readable
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def _log_calls(db: Path, costs: list[float]) -> None:
    """LLM calls logged today, and this hour's bucket of scores part spent."""
    now = datetime.now(UTC)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.executemany(
            "INSERT INTO llm_usage (created_at, profile, model, purpose, outcome, "
            "prompt_tokens, completion_tokens, cost_usd, latency_ms) "
            "VALUES (?, 'gpt', 'openai/gpt-4o-mini', 'score', 'ok', 900, 300, ?, 812.0)",
            [(now.isoformat(), cost) for cost in costs],
        )
        conn.execute(
            "INSERT INTO llm_budget (name, tokens, updated_at) VALUES ('scores', 27.0, ?)",
            (now.timestamp(),),
        )


def _usage(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with closing(sqlite3.connect(db)) as conn:
        calls = conn.execute("SELECT created_at, cost_usd FROM llm_usage ORDER BY id").fetchall()
        buckets = conn.execute("SELECT name, tokens FROM llm_budget").fetchall()
    return calls, buckets


def test_the_llm_usage_log_comes_along_so_the_budget_counts_as_before(
    bank: QuestionBank, coachkit_home: Path
) -> None:
    """The fresh database started with no usage log: today's spend and this hour's LLM
    scores counted from zero, past the limits the user set."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "coachkit.db"
    ids = _save(path, bank)
    _log_calls(path, [0.25, 0.25, 0.5])
    logged = _usage(path)
    zero_leaf_page(path, ids[20].encode())
    done = rescue(Coach(bank=bank))
    assert done.usage_calls == 3
    assert _usage(path) == logged  # the fresh file, in the damaged one's place
    assert (
        "The LLM usage log came along (3 calls), so today's spend and this hour's scores "
        "count as before." in done.note
    )


def test_a_usage_log_that_cannot_be_read_is_said_and_nothing_of_it_is_copied(
    bank: QuestionBank, coachkit_home: Path
) -> None:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "coachkit.db"
    _save(path, bank)
    _log_calls(path, [0.25])
    with closing(sqlite3.connect(path)) as conn:
        [root] = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'llm_usage'"
        ).fetchone()
    zero_page(path, int(root))
    done = rescue(Coach(bank=bank))
    assert done.kept == SAVED and done.usage_calls is None
    assert _usage(path) == ([], [])  # none of it, not the budget without the log
    assert (
        "The LLM usage log could not be read: today's spend and this hour's LLM scores "
        "count from zero." in done.note
    )
