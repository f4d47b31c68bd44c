"""Real damage to a database file in use: a page zeroed in place, as a failing disk or
another program leaves it. The WAL goes into the file first, so the connections open on
it (a view's, a kernel's) read the damage at their next read of that page."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

PAGE = 4096  # SQLite's default page size, which coachkit keeps


def zero_page(db: Path, page: int) -> None:
    """Zero page ``page`` (1-based) of the file in place, once the WAL is in the file."""
    with closing(sqlite3.connect(db, timeout=10)) as conn:
        busy, _frames, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0, "a reader held the WAL: the damage would be hidden behind it"
    with db.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(bytes(PAGE))


def damage_attempts(db: Path, attempt_id: str) -> None:
    """The attempts table's page holding ``attempt_id`` is lost (a leaf: the rest reads)."""
    with closing(sqlite3.connect(db, timeout=10)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db.read_bytes()
    [page] = [
        n + 1
        for n in range(len(data) // PAGE)
        if data[n * PAGE] == 0x0D and attempt_id.encode() in data[n * PAGE : (n + 1) * PAGE]
    ]
    zero_page(db, page)


def damage_drafts(db: Path) -> None:
    """The drafts table's page is lost: a draft saved there fails, as the file is damaged."""
    with closing(sqlite3.connect(db, timeout=10)) as conn:
        [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'drafts'").fetchone()
    zero_page(db, int(root))


def zero_leaf_page(db: Path, marker: bytes) -> bytes:
    """Zero the table leaf page (type 0x0D) of a closed ``db`` that holds ``marker`` (an
    attempt's id, say): what is on it is lost, the rest still reads. Returns the page as
    it was."""
    data = bytearray(db.read_bytes())
    pages = [bytes(data[n * PAGE : (n + 1) * PAGE]) for n in range(len(data) // PAGE)]
    victim = next(n for n, page in enumerate(pages) if page[0] == 0x0D and marker in page)
    data[victim * PAGE : (victim + 1) * PAGE] = bytes(PAGE)
    db.write_bytes(bytes(data))
    return pages[victim]
