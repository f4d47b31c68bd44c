"""The notebooks on a database they cannot use (damaged, or a newer coachkit's): the
questions still work, the message says what to do, nothing typed is lost, and the file
is left exactly as it was."""

from __future__ import annotations

import io
import os
import sqlite3
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from fake_openai_server import FakeLLMServer, Reply, loopback_only, write_config  # noqa: F401
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store
from coachkit.cli import main
from coachkit.config import LOCAL, Config, ModelEntry
from coachkit.ui import MockInterviewView, PracticeView, ProgressView, SettingsView, StartHere
from coachkit.ui.runtime import InlineRunner, ManualScheduler
from coachkit.ui.settings import check_connection

QUESTION = "time-you-failed"
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)
PAGE = 4096


def _not_a_database(db: Path, _bank: QuestionBank) -> None:
    db.write_bytes(os.urandom(5000))


def _newer(db: Path, _bank: QuestionBank) -> None:
    with Store(db) as store:
        store.save_draft(QUESTION, "a draft")
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA user_version = 99")
        conn.commit()


def _attempts_page_damaged(db: Path, bank: QuestionBank) -> None:
    """Opens, but no attempt can be read: the attempts table's root page is garbage."""
    with Store(db) as store:
        Coach(bank=bank, store=store).submit(QUESTION, ANSWER)
    data = bytearray(db.read_bytes())
    data[PAGE : 2 * PAGE] = b"\xa5" * PAGE
    db.write_bytes(bytes(data))


DAMAGES: dict[str, tuple[Callable[[Path, QuestionBank], None], str]] = {
    "not-a-database": (_not_a_database, "is not a readable coachkit database"),
    "newer": (_newer, "was written by a newer coachkit"),
    "attempts-damaged": (_attempts_page_damaged, "is damaged"),
}


@pytest.fixture(params=list(DAMAGES))
def damage(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db(coachkit_home: Path, bank: QuestionBank, damage: str) -> Path:
    path = coachkit_home / "coachkit.db"
    coachkit_home.mkdir(parents=True, exist_ok=True)
    DAMAGES[damage][0](path, bank)
    return path


@pytest.fixture
def before(db: Path) -> bytes:
    return db.read_bytes()


@pytest.fixture
def scorer() -> FakeScorer:
    return FakeScorer(name=LOCAL)


def _coach(bank: QuestionBank, scorer: FakeScorer, config: Config | None = None) -> Coach:
    """A coach on COACHKIT_HOME's database, opened (and failing) when first used."""
    return Coach(bank=bank, config=config or Config(), scorer_factory=lambda _n, _c: scorer)


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def view(
    bank: QuestionBank, scorer: FakeScorer, clock: ManualScheduler, before: bytes
) -> PracticeView:
    return PracticeView(
        _coach(bank, scorer), question_id=QUESTION, runner=InlineRunner(), scheduler=clock
    )


def _untouched(db: Path, before: bytes) -> bool:
    """The file as it was, and nothing written beside it waiting to go in (its WAL)."""
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() == before and (not wal.exists() or wal.stat().st_size == 0)


def _unscored(home: Path) -> list[Path]:
    folder = home / "unscored"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_practice_lists_the_questions_and_says_what_is_wrong(
    view: PracticeView, bank: QuestionBank, db: Path, before: bytes, damage: str
) -> None:
    """The questions list was empty and Score greyed out: the view read the database
    before listing the questions, which need none."""
    assert len(view.question.options) == len(bank)
    assert view.question.value == QUESTION
    assert bank.get(QUESTION).prompt in view.prompt.value
    assert not view.answer.disabled and not view.score_button.disabled
    notice = view.store_problem
    assert notice.layout.display != "none"
    assert DAMAGES[damage][1] in notice.value and str(db) in notice.value
    assert "unscored" in notice.value and "offline scorer" in notice.value
    assert view.errors.message is None  # the error panel stays free for what happens next
    assert view.next_button.disabled and "is off" in view.next_hint.value
    assert "cannot be read" in view.history.value
    view.category.value = "technical"  # the filters work too
    assert view.question.options and view.errors.message is None
    assert _untouched(db, before)


def test_an_answer_is_kept_as_typed_and_scored_not_saved(
    view: PracticeView,
    clock: ManualScheduler,
    scorer: FakeScorer,
    coachkit_home: Path,
    db: Path,
    before: bytes,
) -> None:
    view.answer.value = ANSWER
    clock.advance(3)  # the typing pause: the draft is written, to a file
    [kept] = _unscored(coachkit_home)
    assert kept.read_text(encoding="utf-8") == ANSWER
    assert kept.name.startswith(f"{QUESTION}-") and kept.stat().st_mode & 0o777 == 0o600
    assert f"Kept in {kept.name}" in view.draft_status.value
    assert view.errors.message is None

    view.score_button.click()

    assert scorer.calls == [(QUESTION, ANSWER)]
    assert view.errors.message is None
    assert "Not saved to your history" in view.result.value
    assert "/100" in view.result.value
    status = view.status.value
    assert "not saved to your history" in status and str(kept) in status
    assert f"coachkit score {QUESTION} --answer-file {kept}" in status
    assert view.state.attempt is not None and not view.retry_button.disabled
    assert _unscored(coachkit_home) == [kept]  # the file typed into is the one kept
    assert _untouched(db, before)


def test_each_version_scored_keeps_its_own_file(
    view: PracticeView, clock: ManualScheduler, coachkit_home: Path, db: Path, before: bytes
) -> None:
    view.answer.value = ANSWER
    view.score_button.click()
    [first] = _unscored(coachkit_home)
    view.retry_button.click()
    view.answer.value = ANSWER + " Revenue recovered."
    clock.advance(3)
    files = _unscored(coachkit_home)
    assert len(files) == 2 and first in files
    assert first.read_text(encoding="utf-8") == ANSWER  # as it was scored
    view.answer.value = ANSWER  # back to the version kept already: no third copy
    clock.advance(3)
    assert _unscored(coachkit_home) == [first]
    view.answer.value = ""
    clock.advance(3)
    assert _unscored(coachkit_home) == [first]  # clearing the box keeps what was scored
    assert _untouched(db, before)


def test_typing_follows_its_question_when_another_is_picked(
    view: PracticeView, coachkit_home: Path, db: Path, before: bytes
) -> None:
    view.answer.value = ANSWER
    view.question.value = "tell-me-about-yourself"
    assert view.answer.value == ""
    view.answer.value = "I am a backend developer."
    view.question.value = QUESTION
    assert view.answer.value == ANSWER
    assert len(_unscored(coachkit_home)) == 2  # each question's text in its own file
    assert _untouched(db, before)


def test_llm_profiles_wait_and_the_offline_scorer_scores(
    bank: QuestionBank, scorer: FakeScorer, clock: ManualScheduler, db: Path, before: bytes
) -> None:
    """An LLM profile keeps its budget and usage log in the database: it would fail on it,
    or write to a damaged file."""
    config = Config(
        scorer="gpt",
        model_list=[ModelEntry(model_name="gpt", litellm_params={"model": "openai/gpt-4o"})],
    )
    view = PracticeView(
        _coach(bank, scorer, config), question_id=QUESTION, runner=InlineRunner(), scheduler=clock
    )
    assert view.scorer.value == LOCAL and view.scorer.disabled
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.state.attempt is not None and view.state.attempt.card.scorer == LOCAL
    assert view.scorer.disabled  # a score landing does not unlock it
    assert _untouched(db, before)


def test_a_view_run_again_says_where_the_text_is(
    view: PracticeView,
    bank: QuestionBank,
    scorer: FakeScorer,
    clock: ManualScheduler,
    coachkit_home: Path,
    db: Path,
    before: bytes,
) -> None:
    view.answer.value = ANSWER
    PracticeView(_coach(bank, scorer), question_id=QUESTION, scheduler=clock)
    [kept] = _unscored(coachkit_home)
    [note] = view.root.children[1:]
    assert f"is kept in {kept}" in note.value and "copy it into the newer view" in note.value
    assert "<details open>" in note.value and "saved;" not in note.value
    assert _untouched(db, before)


def test_the_kept_answer_is_saved_by_the_command_it_names_once_fixed(
    view: PracticeView,
    coachkit_home: Path,
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    view.answer.value = ANSWER
    view.score_button.click()
    [kept] = _unscored(coachkit_home)
    db.rename(db.with_name("coachkit.db.damaged"))  # as the message says
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["score", QUESTION, "--answer-file", str(kept)], out=io.StringIO()) == 0
    assert "its kept copy" in capsys.readouterr().err and not kept.exists()
    with Store(db) as store:
        assert [a.answer for a in store.attempts()] == [ANSWER]


def test_progress_shows_no_chart_area_and_offers_nothing_to_save_or_delete(
    bank: QuestionBank, tmp_path: Path, db: Path, before: bytes, damage: str
) -> None:
    """An empty chart area and an enabled Save PNG were shown under the message."""
    view = ProgressView(Coach(bank=bank), charts_dir=tmp_path / "charts")
    notice = view.store_problem
    assert notice.layout.display != "none" and DAMAGES[damage][1] in notice.value
    assert "Refresh" in notice.value and "nothing here changes the file" in notice.value
    assert view.details.layout.display == "none" and view.summary.value == ""
    assert "No attempts yet" not in view.summary.value
    assert view.save_button.disabled and view.deleter.ask_button.disabled
    assert "cannot be read" in view.deleter.note.value
    assert view.errors.message is None
    view.category.value = "technical"  # a filter changes nothing of that
    assert view.details.layout.display == "none" and view.summary.value == ""
    view.save_button.click()  # fires on a disabled button too
    assert not (tmp_path / "charts").exists()
    assert _untouched(db, before)


def test_progress_refresh_reads_a_database_put_right(
    bank: QuestionBank, tmp_path: Path, db: Path
) -> None:
    view = ProgressView(Coach(bank=bank), charts_dir=tmp_path / "charts")
    db.rename(db.with_name("coachkit.db.damaged"))  # as the message says
    view.refresh_button.click()
    assert view.store_problem.layout.display == "none"
    assert "No attempts yet" in view.summary.value


def test_a_mock_interview_does_not_start_and_says_why(
    bank: QuestionBank,
    scorer: FakeScorer,
    clock: ManualScheduler,
    db: Path,
    before: bytes,
    damage: str,
) -> None:
    """Its answers live in the database as they are typed, and their scores go there at
    the end: started, it would lose both. The view failed as it opened (its presets
    unlisted), with Start enabled."""
    view = MockInterviewView(_coach(bank, scorer), runner=InlineRunner(), scheduler=clock)
    notice = view.store_problem
    assert notice.layout.display != "none" and DAMAGES[damage][1] in notice.value
    assert "cannot start until the database is fixed" in notice.value
    assert "Practice" in notice.value
    assert view.start_button.disabled and view.resume_button.layout.display == "none"
    assert len(view.preset.options) == 1 + len(bank.roles())  # it opened all the same
    assert view.errors.message is None
    view.start_button.click()  # fires on a disabled button too
    assert view.session is None and view.asking.layout.display == "none"
    assert scorer.calls == []
    assert _untouched(db, before)


def test_start_here_shows_where_to_go_and_says_what_works(
    bank: QuestionBank, db: Path, before: bytes, damage: str
) -> None:
    """It showed the message and nothing else: no questions count, no links."""
    view = StartHere(Coach(bank=bank))
    notice = view.store_problem
    assert notice.layout.display != "none" and DAMAGES[damage][1] in notice.value
    assert "<b>Practice</b> works" in notice.value
    summary = view.summary.value
    assert f"<b>{len(bank)}</b>" in summary and "cannot be read" in summary
    assert "01_practice.ipynb" in summary and "02_progress.ipynb" in summary
    assert view.errors.message is None
    assert _untouched(db, before)


@pytest.mark.usefixtures("loopback_only")
def test_settings_tests_a_profile_without_writing_to_the_file(
    bank: QuestionBank,
    db: Path,
    before: bytes,
    coachkit_home: Path,
    server: FakeLLMServer,
    damage: str,
) -> None:
    """Test connection said "Failed: <the database's problem>": the provider, which the
    file does not touch, went untested. It is tested, and its usage not logged."""
    params = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k1"}
    write_config(coachkit_home / "config.yaml", {"gpt": params})
    server.script(Reply('{"ok": true}'))
    view = SettingsView(Coach(bank=bank), runner=InlineRunner(), checker=check_connection)
    view.scorer.value = "gpt"
    view.test_button.click()
    status = view.status.value
    assert "Connected" in status and "not logged in your LLM usage" in status
    assert DAMAGES[damage][1] in status
    assert len(server.chats) == 1
    assert db.read_bytes() == before


@pytest.mark.parametrize("voila", [False, True])
def test_how_to_open_a_view_again_is_said_for_where_it_runs(
    bank: QuestionBank,
    scorer: FakeScorer,
    clock: ManualScheduler,
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    voila: bool,
) -> None:
    """A Voila page was told to "restart the kernel and run this notebook again (in
    Voila, reload the page)": it has no kernel to restart, only itself to reload."""
    if voila:
        monkeypatch.setenv("VOILA_KERNEL_ID", "0d4c1f2e")
    practice = PracticeView(_coach(bank, scorer), runner=InlineRunner(), scheduler=clock)
    mock = MockInterviewView(_coach(bank, scorer), runner=InlineRunner(), scheduler=clock)
    for notice in (practice.store_problem.value, mock.store_problem.value):
        assert "(in Voila" not in notice
        assert ("reload the page." in notice) == voila
        assert ("restart the kernel and run this notebook again." in notice) != voila
