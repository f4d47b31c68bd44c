"""The rescue's edge cases: a database linked from the home, Ctrl-C on the way, no
attempt readable at all, and attempts whose own question changed category since."""

from __future__ import annotations

import json
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from cli_helpers import run_cli
from file_damage import PAGE, zero_leaf_page
from test_data_rescue import _damaged, _leftovers, _log_calls, _save, _usage

from coachkit import Coach, QuestionBank, Store
from coachkit import coach as coach_module
from coachkit import rescue as rescue_module
from coachkit.errors import BadInputError, StoreError
from coachkit.exchange import parse_attempts
from coachkit.rescue import rescue


def _readable(db: Path) -> list[tuple[str, str]]:
    with Store(db) as store:
        return [(a.id, a.answer) for a in store.read_attempts().attempts]


# -- a database kept elsewhere, linked from the home -------------------------------------


@pytest.fixture
def linked(coachkit_home: Path, tmp_path: Path, bank: QuestionBank) -> tuple[Path, Path]:
    """(link, file): $COACHKIT_HOME/coachkit.db links to a damaged file on another disk."""
    disk = tmp_path / "disk"
    disk.mkdir()
    target = disk / "coachkit.db"
    ids = _save(target, bank)
    zero_leaf_page(target, ids[20].encode())
    coachkit_home.mkdir(parents=True, exist_ok=True)
    link = coachkit_home / "coachkit.db"
    link.symlink_to(target)
    return link, target


def test_a_linked_database_is_rescued_where_the_link_points_and_the_link_is_kept(
    bank: QuestionBank, linked: tuple[Path, Path]
) -> None:
    """Before: the link itself went aside as coachkit.db.damaged-*, and the fresh file
    landed in the home as a plain file, off the disk the user keeps it on."""
    link, target = linked
    readable, before = _readable(target), target.read_bytes()
    done = rescue(Coach(bank=bank))
    assert link.is_symlink() and link.resolve() == target
    assert done.database == target and done.link == link
    assert done.aside.parent == target.parent and done.aside.read_bytes() == before
    assert done.export is not None and done.export.parent == target.parent
    assert _readable(target) == readable and len(readable) == done.kept
    with Store(target) as fresh:
        assert fresh.damage() is None
    assert sorted(p.name for p in link.parent.iterdir()) == ["coachkit.db", "unscored"]
    assert f"{link} still links to {target}, which holds the fresh database now." in done.note
    assert f"The damaged file is now {done.aside}" in done.note
    assert _leftovers(target.parent) == []


def test_the_command_names_the_linked_file_and_the_link(
    linked: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    link, target = linked
    code, out = run_cli(["rescue", "--json"], monkeypatch)
    said = json.loads(out)
    assert code == 0 and (said["database"], said["link"]) == (str(target), str(link))
    assert Path(said["damaged_file"]).parent == target.parent
    assert link.is_symlink()


def test_a_linked_database_open_elsewhere_through_the_link_is_not_moved(
    bank: QuestionBank, linked: tuple[Path, Path]
) -> None:
    """The check for other users is made on the file the link points to: a kernel that
    opened it through the link holds that very file."""
    link, target = linked
    before = target.read_bytes()
    with closing(sqlite3.connect(link)) as other:
        other.execute("SELECT count(*) FROM sqlite_master").fetchone()
        with pytest.raises(StoreError, match=r"program has \w+\.db open") as raised:
            rescue(Coach(bank=bank))
    assert f"Nothing was moved: {target} is where it was" in str(raised.value)
    assert link.is_symlink() and target.read_bytes() == before
    assert not list(target.parent.glob("coachkit.db.damaged-*"))


# -- Ctrl-C on the way ---------------------------------------------------------------------


@pytest.fixture
def damaged(coachkit_home: Path, bank: QuestionBank) -> Path:
    return _damaged(coachkit_home, bank)


@pytest.fixture
def default_sigint() -> Iterator[None]:
    """Ctrl-C raising KeyboardInterrupt, as in a terminal, whatever started the tests."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_ctrl_c_while_the_export_is_written_leaves_no_export_and_says_so(
    damaged: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    default_sigint: None,
) -> None:
    """A half-written export is removed, never left to look like a whole one."""
    before, real, lines = damaged.read_bytes(), coach_module.export_line, []

    def export_line(attempt: object) -> str:
        lines.append(attempt)
        if len(lines) == 5:  # the real signal, to its real handler, halfway through
            signal.raise_signal(signal.SIGINT)
        return real(attempt)  # type: ignore[arg-type]

    monkeypatch.setattr(coach_module, "export_line", export_line)
    code, out = run_cli(["rescue"], monkeypatch)
    err = capsys.readouterr().err
    assert (code, out) == (130, "") and len(lines) == 5
    assert err == (
        f"coachkit: interrupted. The rescue stopped before anything was moved: {damaged} is "
        "where it was, damaged. To finish it, run `coachkit rescue` again.\n"
    )
    # Only the database (and the WAL of its connection, still open here) is left.
    assert [p.name for p in damaged.parent.iterdir() if not p.name.startswith("coachkit.db")] == []
    assert damaged.read_bytes() == before


def test_ctrl_c_after_the_export_keeps_it_whole_and_names_it(
    damaged: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    default_sigint: None,
) -> None:
    """Before: only "coachkit: interrupted", and a rescued-*.jsonl left beside the damaged
    file with nothing said of it or of the file."""
    before, readable = damaged.read_bytes(), _readable(damaged)

    def carry(source: Path, fresh: Path) -> int | None:
        signal.raise_signal(signal.SIGINT)  # the fresh database is being made
        return None

    monkeypatch.setattr(rescue_module, "_carry_usage", carry)
    code, out = run_cli(["rescue"], monkeypatch)
    err = capsys.readouterr().err
    [export] = damaged.parent.glob("rescued-*.jsonl")
    assert (code, out) == (130, "")
    assert err == (
        f"coachkit: interrupted. The rescue stopped before anything was moved: {damaged} is "
        f"where it was, damaged. The readable attempts are saved meanwhile in {export}. To "
        "finish it, run `coachkit rescue` again.\n"
    )
    exported = parse_attempts(export.read_text(encoding="utf-8"), "x")
    assert [(a.id, a.answer) for a in exported] == readable
    assert damaged.read_bytes() == before
    assert not list(damaged.parent.glob("coachkit.db.damaged-*"))
    assert _leftovers(damaged.parent) == []


def test_a_fresh_database_that_cannot_be_filled_says_why_in_one_sentence(
    damaged: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: "The fresh database could not be made (...: no such table; nothing was
    imported.)." with its punctuation doubled."""
    before = damaged.read_bytes()

    def refuse(self: Coach, path: Path) -> None:
        raise BadInputError(f"{path}:1: no such table; nothing was imported.")

    monkeypatch.setattr(Coach, "import_attempts", refuse)
    with pytest.raises(StoreError) as caught:
        rescue(Coach(bank=bank))
    said = str(caught.value)
    assert "The fresh database could not be made: " in said and "no such table; nothing " in said
    assert ".)." not in said and ".." not in said
    assert damaged.read_bytes() == before


# -- no attempt readable at all ------------------------------------------------------------


def _zero_every_attempt_page(db: Path, ids: list[str]) -> None:
    """Every leaf page of the attempts table lost: none of them can be read."""
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    for start in range(0, len(data), PAGE):
        page = data[start : start + PAGE]
        if page[0] == 0x0D and any(i.encode() in page for i in ids):
            data[start : start + PAGE] = bytes(PAGE)
    db.write_bytes(bytes(data))


def test_no_attempt_readable_still_gives_a_fresh_database_with_the_usage_log(
    bank: QuestionBank, coachkit_home: Path
) -> None:
    """Before: no fresh database was made, so the LLM usage log and budget stayed behind
    in the damaged file, and today's spend counted from zero without a word."""
    coachkit_home.mkdir(parents=True)
    db = coachkit_home / "coachkit.db"
    ids = _save(db, bank)
    _log_calls(db, [0.25, 0.5])
    logged = _usage(db)
    _zero_every_attempt_page(db, ids)
    before = db.read_bytes()
    done = rescue(Coach(bank=bank))
    assert (done.kept, done.export, done.usage_calls) == (0, None, 2)
    assert done.aside.read_bytes() == before
    assert _usage(db) == logged  # a fresh file, in the damaged one's place
    with Store(db) as fresh:
        assert fresh.damage() is None and fresh.count_attempts() == 0
    assert done.sentences[0] == (
        "None of the attempts could be read (0 kept): the fresh database starts with none "
        "(an earlier export you import brings them back)."
    )
    assert "The LLM usage log came along (2 calls)" in done.note
    assert f"The damaged file is now {done.aside}" in done.note
    assert _leftovers(coachkit_home) == []


# -- an attempt whose own question changed category since -----------------------------------

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


def test_an_attempt_whose_question_changed_category_is_rescued_and_named(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the rescue stopped at "rescued-*.jsonl:41: my-question is a technical
    question, but the line says behavioral", and told the user to try again, in vain."""
    questions = coachkit_home / "questions"
    questions.mkdir(parents=True)
    (questions / "mine.yaml").write_text(MINE.format(category="behavioral"))
    db = coachkit_home / "coachkit.db"
    ids = _save(db, QuestionBank.load())
    with Store(db) as store:
        coach = Coach(bank=QuestionBank.load(), store=store)
        mine = [coach.submit("my-question", f"In 2024 I shipped release {n}.").id for n in (1, 2)]
    (questions / "mine.yaml").write_text(MINE.format(category="technical"))
    zero_leaf_page(db, ids[20].encode())
    readable = _readable(db)
    assert {i for i, _ in readable} >= set(mine)
    done = rescue(Coach(bank=QuestionBank.load()))
    assert [(r.question_id, r.saved, r.now, r.attempts) for r in done.recategorised] == [
        ("my-question", "behavioral", "technical", 2)
    ]
    with Store(db) as fresh:
        assert [(a.id, a.answer) for a in fresh.attempts()] == readable
        assert {a.category for a in fresh.attempts() if a.id in mine} == {"behavioral"}
    assert (
        "Kept under the category they were saved with: 2 attempts at my-question (saved as "
        f"behavioral; its question now says technical). `coachkit import` into another "
        f"COACHKIT_HOME refuses those lines of {done.export} until the two agree." in done.note
    )
    # Here, where they are saved as they are, importing the export again adds nothing.
    again = Coach(bank=QuestionBank.load())
    assert again.import_attempts(done.export).added == 0
    again.close()
    # The command says the same, and --json lists them.
    db.unlink()
    done.aside.rename(db)
    code, out = run_cli(["rescue", "--json"], monkeypatch)
    assert code == 0 and json.loads(out)["recategorised"] == [
        {"question_id": "my-question", "saved": "behavioral", "now": "technical", "attempts": 2}
    ]


def test_a_database_that_cannot_be_moved_aside_says_why_in_words(
    coachkit_home: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "It could not be renamed ([Errno 13] Permission denied: '…')"."""
    db = _damaged(coachkit_home, bank)

    def refused(path: Path, aside: Path) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(rescue_module, "move_aside", refused)
    with pytest.raises(StoreError) as raised:
        rescue(Coach(bank=bank))
    said = str(raised.value)
    assert said.startswith(
        "The rescue stopped: coachkit.db could not be moved aside (permission denied). "
        f"Nothing was moved: {db} is where it was"
    )
    assert "Errno" not in said
