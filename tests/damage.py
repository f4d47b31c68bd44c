"""Damage a coachkit database the way a lost disk page does, for the damage tests."""

from __future__ import annotations

from pathlib import Path

PAGE = 4096  # SQLite's default page size, which coachkit's files keep


def zero_leaf_page(db: Path, marker: bytes) -> bytes:
    """Zero the table leaf page (type 0x0D) of ``db`` that holds ``marker`` (an attempt's
    id, say): what is on it is lost, the rest still reads. Returns the page as it was."""
    data = bytearray(db.read_bytes())
    pages = [bytes(data[n * PAGE : (n + 1) * PAGE]) for n in range(len(data) // PAGE)]
    victim = next(n for n, page in enumerate(pages) if page[0] == 0x0D and marker in page)
    data[victim * PAGE : (victim + 1) * PAGE] = bytes(PAGE)
    db.write_bytes(bytes(data))
    return pages[victim]
