"""The notebooks check the database file as they open, as the CLI does before it writes:
damage where their reads of the attempts do not go (an index, the drafts, the LLM tables)
makes it a file damaged in part, said in the words `coachkit history` warns with, every
attempt shown, what is typed kept in unscored/, and nothing written to the file.

The damage is real: a table's or an index's page zeroed in place (see file_damage)."""

from __future__ import annotations

import io
import random
import sqlite3
import sys
from contextlib import closing
from html import escape
from pathlib import Path

import pytest
from fake_openai_server import FakeLLMServer, Reply, loopback_only, write_config  # noqa: F401
from file_damage import damage_attempts, zero_page
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store
from coachkit.cli import main
from coachkit.config import LOCAL, Config
from coachkit.models import Attempt
from coachkit.store import AttemptsRead
from coachkit.storefile import NO_TERMINAL
from coachkit.ui import MockInterviewView, PracticeView, ProgressView, SettingsView, StartHere
from coachkit.ui.parts import PARTLY, said_html
from coachkit.ui.runtime import InlineRunner, ManualScheduler
from coachkit.ui.settings import check_connection
from coachkit.ui.spill import Spill

QUESTION = "time-you-failed"
OTHER = "tell-me-about-yourself"
OTHER_DRAFT = "I am a backend developer."
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)
SAVED = 40
# Where no read of the attempts goes: the index a save writes to, the drafts a typing
# pause writes to, the LLM usage log a score through a profile writes to.
ELSEWHERE = ["attempts_by_question", "drafts", "llm_usage"]


@pytest.fixture
def db(coachkit_home: Path, bank: QuestionBank) -> Path:
    """A healthy database: SAVED attempts at QUESTION, and a draft of OTHER."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    path = coachkit_home / "coachkit.db"
    with Store(path) as store:
        coach = Coach(bank=bank, store=store)
        for n in range(SAVED):
            coach.submit(QUESTION, f"In 2023 I broke build {n} at Acme; fixed.")
        store.save_draft(OTHER, OTHER_DRAFT)
    return path


def _damage(db: Path, name: str) -> None:
    """The root page of table or index ``name`` is lost (each is one page here)."""
    with closing(sqlite3.connect(db)) as conn:
        sql = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        [root] = conn.execute(sql, (name,)).fetchone()
    zero_page(db, int(root))


def _history_warning(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """What `coachkit history` says of the file on stderr, without its prefix."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["history"], out=io.StringIO()) == 0
    [line] = capsys.readouterr().err.splitlines()
    prefix = "coachkit: warning: "
    assert line.startswith(prefix) and "is damaged" in line
    return line[len(prefix) :]


def _state(db: Path) -> tuple[bytes, bytes]:
    """The file and its WAL as they are: equal later, nothing was written meanwhile."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes(), wal.read_bytes() if wal.exists() else b""


def _unscored(home: Path) -> list[Path]:
    folder = home / "unscored"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def _coach(bank: QuestionBank, scorer: FakeScorer) -> Coach:
    """A coach on COACHKIT_HOME's database, as a notebook makes one."""
    return Coach(bank=bank, config=Config(), scorer_factory=lambda _n, _c: scorer)


@pytest.mark.parametrize("where", ELSEWHERE)
def test_practice_opens_on_it_as_on_a_file_damaged_in_part(
    where: str,
    bank: QuestionBank,
    db: Path,
    coachkit_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whole as far as the attempts read went, the file was written on: the question
    last open, drafts and the attempt scored (a lost drafts page read as a database
    that cannot be used at all, no attempt shown)."""
    _damage(db, where)
    warning = _history_warning(capsys, monkeypatch)
    before = _state(db)
    scorer, clock = FakeScorer(name=LOCAL), ManualScheduler()
    view = PracticeView(
        _coach(bank, scorer), question_id=QUESTION, runner=InlineRunner(), scheduler=clock
    )
    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and said_html(warning) in notice
    assert "nothing is written to the file" in notice
    assert len(view.state.history) == SAVED  # every attempt reads
    assert view.scorer.value == LOCAL and view.scorer.disabled
    view.answer.value = ANSWER
    clock.advance(3)
    [kept] = _unscored(coachkit_home)
    assert kept.name.startswith(f"{QUESTION}-") and kept.read_text(encoding="utf-8") == ANSWER
    view.score_button.click()
    assert "Not saved to your history" in view.result.value and scorer.calls
    assert view.errors.message is None
    if where != "drafts":
        view.question.value = OTHER
        assert view.answer.value == OTHER_DRAFT  # its draft is read, not lost
    assert _state(db) == before


def test_progress_shows_every_attempt_and_deletes_nothing(
    bank: QuestionBank,
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _damage(db, "attempts_by_question")
    warning = _history_warning(capsys, monkeypatch)
    before = _state(db)
    view = ProgressView(Coach(bank=bank), charts_dir=tmp_path / "charts")
    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and said_html(warning) in notice
    assert len(view.frame) == SAVED
    assert view.deleter.ask_button.disabled and view.deleter.pick.disabled
    view.deleter.ask_button.click()  # fires on a disabled button too
    assert view.deleter.pending is None
    assert _state(db) == before


def test_progress_checks_the_file_again_before_a_delete(
    bank: QuestionBank,
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The index lost after the view opened: Delete… read the attempts again, found
    them whole and asked to delete one from the damaged file."""
    view = ProgressView(Coach(bank=bank), charts_dir=tmp_path / "charts")
    assert view.store_problem.layout.display == "none" and not view.deleter.ask_button.disabled
    _damage(db, "attempts_by_question")
    warning = _history_warning(capsys, monkeypatch)
    before = _state(db)
    view.deleter.ask_button.click()
    assert view.deleter.pending is None and view.deleter.confirm.layout.display == "none"
    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and said_html(warning) in notice
    assert view.deleter.ask_button.disabled and len(view.frame) == SAVED
    assert _state(db) == before


def test_a_mock_interview_does_not_start_on_it(
    bank: QuestionBank,
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _damage(db, "attempts_by_question")
    warning = _history_warning(capsys, monkeypatch)
    before = _state(db)
    view = MockInterviewView(
        _coach(bank, FakeScorer(name=LOCAL)),
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )
    notice = view.store_problem.value
    assert f"<b>{PARTLY}</b>" in notice and said_html(warning) in notice
    assert "cannot start until the database is fixed" in notice
    assert view.start_button.disabled
    view.start_button.click()
    assert view.session is None
    assert _state(db) == before


def test_start_here_says_it(
    bank: QuestionBank,
    db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _damage(db, "attempts_by_question")
    warning = _history_warning(capsys, monkeypatch)
    before = _state(db)
    view = StartHere(Coach(bank=bank))
    notice = view.store_problem.value
    # Its last sentence names the Rescue button below it (test_ui_start_rescue_wording).
    assert f"<b>{PARTLY}</b>" in notice
    assert said_html(warning.removesuffix(NO_TERMINAL)) in notice
    assert f"<b>{SAVED}</b>" in view.summary.value  # every attempt is counted
    assert _state(db) == before


def test_start_here_says_it_with_no_attempt_saved(bank: QuestionBank, coachkit_home: Path) -> None:
    """With no attempt the history was not read, nor anything else: a lost drafts page
    went unsaid."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    db = coachkit_home / "coachkit.db"
    with Store(db) as store:
        store.save_draft(OTHER, OTHER_DRAFT)
    _damage(db, "drafts")
    view = StartHere(Coach(bank=bank))
    assert f"<b>{PARTLY}</b>" in view.store_problem.value
    assert "is damaged" in view.store_problem.value


@pytest.mark.usefixtures("loopback_only")
def test_settings_tests_a_profile_without_logging_it(
    bank: QuestionBank,
    db: Path,
    coachkit_home: Path,
    server: FakeLLMServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check logged its request in the damaged file's LLM usage table. It tests the
    provider, which the damage does not touch: it is sent, and nothing is written."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k1"}
    write_config(coachkit_home / "config.yaml", {"gpt": params})
    _damage(db, "attempts_by_question")
    warning = _history_warning(capsys, monkeypatch)
    before = _state(db)
    server.script(Reply('{"ok": true}'))
    view = SettingsView(Coach(bank=bank), runner=InlineRunner(), checker=check_connection)
    view.scorer.value = "gpt"
    view.test_button.click()
    status = view.status.value
    assert "Connected" in status and "not logged in your LLM usage" in status
    assert escape(warning) in status
    assert len(server.chats) == 1
    assert _state(db) == before


@pytest.mark.usefixtures("loopback_only")
def test_a_profile_test_is_logged_in_a_whole_file(
    bank: QuestionBank, db: Path, coachkit_home: Path, server: FakeLLMServer
) -> None:
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k1"}
    write_config(coachkit_home / "config.yaml", {"gpt": params})
    server.script(Reply('{"ok": true}'))
    check = check_connection(Coach(bank=bank), "gpt")
    assert check.ok and "not logged" not in check.message
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT purpose FROM llm_usage").fetchall() == [("check",)]


# -- a history read in part (Coach.history) --------------------------------------------


def test_the_settings_plan_says_it_counts_only_what_can_be_read(
    bank: QuestionBank, db: Path
) -> None:
    """A question whose attempts were lost counted as new, or not due, and nothing
    said the plan was made from part of the history."""
    with Store(db) as store:
        newest = store.attempts()[-1]
    damage_attempts(db, newest.id)
    with Store(db) as store:
        read = store.read_attempts()
    assert read.damaged and read.skipped
    view = SettingsView(Coach(bank=bank), runner=InlineRunner(), budget=lambda _c: "b")
    plan = view.plan.value
    assert "Today:" in plan
    assert f"This plan is made from the {len(read.attempts)} attempts that can be read." in plan
    assert escape(read.warning or "") in plan


def test_practice_keeps_a_restored_file_when_the_read_back_finds_damage(
    bank: QuestionBank, db: Path, coachkit_home: Path
) -> None:
    """An answer put back from unscored/ was scored and saved; reading its attempts back
    found a page lost, and the view removed the file for an attempt in the damaged file,
    then went on writing there."""
    folder = coachkit_home / "unscored"
    folder.mkdir()
    path = folder / f"{QUESTION}-20261130-101500.txt"
    path.write_text(ANSWER, encoding="utf-8")
    scorer, clock = FakeScorer(name=LOCAL), ManualScheduler()
    view = PracticeView(
        _coach(bank, scorer), question_id=QUESTION, runner=InlineRunner(), scheduler=clock
    )
    view.restore_waiting.click()
    assert view.answer.value == ANSWER
    with Store(db) as store:
        oldest = store.attempts()[0]
    damage_attempts(db, oldest.id)
    view.score_button.click()
    assert f"<b>{PARTLY}</b>" in view.store_problem.value
    assert path.exists() and path.read_text(encoding="utf-8") == ANSWER
    before = _state(db)
    view.answer.value = ANSWER + " Since then I rehearse every rollback."
    clock.advance(3)
    assert _state(db) == before  # typing goes on in files


class _PartReader:
    """A coach whose history reads in part: its newest attempt holds the text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def load_draft(self, _key: str) -> str | None:
        return ""  # the box was cleared before the draft was taken

    def history(self, _question_id: str | None = None) -> list[Attempt]:
        return []  # as Coach.history reads a file damaged in part: the rest is left out

    def read_history(self, _question_id: str | None = None) -> AttemptsRead:
        return AttemptsRead([], 1, "1 saved attempt was left out: it is damaged.", True)


def test_a_spilled_file_is_not_said_to_be_held_nowhere_when_attempts_are_lost(
    tmp_path: Path,
) -> None:
    """The attempts read back in part: the file was said to hold text the database does
    not (the box cleared, say), when a lost attempt may hold it; it is kept unchecked."""
    spill = Spill(_PartReader(ANSWER), lambda key, text: {key: text}, tmp_path)
    assert spill.keep(QUESTION, ANSWER)
    [path] = spill.files(QUESTION)
    taken = spill.taken(QUESTION)
    assert taken.unchecked == [path] and not taken.left and not taken.removed
    assert path.read_text(encoding="utf-8") == ANSWER
