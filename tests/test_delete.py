"""Deleting saved attempts: by id or its start, all or nothing, with the LLM scores
cached for their answers, from the Python API and the CLI."""

from __future__ import annotations

import io
import json
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from fake_openai_server import (
    STORY,
    FakeLLMServer,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import Coach, QuestionBank, Store, load_config
from coachkit.cli import main
from coachkit.errors import BadInputError
from coachkit.interview import SESSION_PREFIX, MockSession, session_key
from coachkit.store import SCHEMA_VERSION

ANSWER = (
    "In 2022 I led the billing migration at Acme. I skipped a load test and the launch "
    "failed for two hours. I rolled back and added a load test gate to our checklist."
)


def _cached(store: Store) -> int:
    return int(store.query("SELECT count(*) FROM llm_score_cache")[0][0])


def _llm_coach(tmp_path: Path, server: FakeLLMServer, bank: QuestionBank, store: Store) -> Coach:
    base = {"model": "openai/gpt-4o-mini", "api_base": f"{server.url}/v1", "api_key": "k-0000"}
    profiles = {"gpt": base, "hot": {**base, "temperature": 1.0}}
    config = load_config(write_config(tmp_path / "c.yaml", profiles, scorer="gpt"))
    return Coach(bank=bank, store=store, config=config)


def test_an_attempt_is_deleted_by_the_start_of_its_id(store: Store, bank: QuestionBank) -> None:
    coach = Coach(bank=bank, store=store)
    kept = coach.submit("time-you-failed", ANSWER)
    gone = coach.submit("conflict-with-teammate", ANSWER)

    deleted = coach.delete_attempts([gone.id[:6]])

    assert [a.id for a in deleted.attempts] == [gone.id]
    assert deleted.attempts[0].answer == ANSWER  # what was deleted, to show the user
    assert [a.id for a in coach.history()] == [kept.id]
    assert store.get_attempt(gone.id) is None


def test_a_draft_still_holding_the_answer_goes_with_it(store: Store, bank: QuestionBank) -> None:
    coach = Coach(bank=bank, store=store)
    attempt = coach.submit("time-you-failed", ANSWER)
    coach.save_draft("time-you-failed", ANSWER)  # the practice box keeps what was scored
    coach.save_draft("conflict-with-teammate", "Something else, still being typed.")
    coach.delete_attempts([attempt.id])
    assert coach.load_draft("time-you-failed") is None
    assert coach.load_draft("conflict-with-teammate") == "Something else, still being typed."


def test_the_same_story_drafted_for_another_question_stays(
    store: Store, bank: QuestionBank, coachkit_home: Path
) -> None:
    """Deleting the attempt at one question took the draft and the kept copy of the same
    story being told for another."""
    coach = Coach(bank=bank, store=store)
    attempt = coach.submit("time-you-failed", ANSWER)
    coach.save_draft("conflict-with-teammate", ANSWER)
    kept = coachkit_home / "unscored"
    kept.mkdir(parents=True)
    (kept / "conflict-with-teammate-20261128-101500.txt").write_text(ANSWER, encoding="utf-8")

    assert coach.delete_attempts([attempt.id]).kept_copies == 0
    assert coach.load_draft("conflict-with-teammate") == ANSWER
    assert [p.name for p in kept.iterdir()] == ["conflict-with-teammate-20261128-101500.txt"]


def test_a_deleted_mock_answer_leaves_the_kept_interview(store: Store, bank: QuestionBank) -> None:
    """An interview kept for its unscored answers still held a deleted one: resuming it
    scored the answer and saved the deleted attempt again."""
    coach = Coach(bank=bank, store=store)
    session = MockSession(["time-you-failed", "conflict-with-teammate"])
    session.answers = {"time-you-failed": ANSWER, "conflict-with-teammate": "Not scored yet."}
    attempt = coach.submit("time-you-failed", ANSWER, key=session.key("time-you-failed"))
    coach.save_draft(session_key(session), session.to_json())

    coach.delete_attempts([attempt.id])

    kept = MockSession.from_json(coach.load_draft(session_key(session)) or "")
    assert kept.answers == {"conflict-with-teammate": "Not scored yet."}
    assert ANSWER not in str(store.query("SELECT text FROM drafts"))


def test_an_interview_left_with_no_answer_goes(store: Store, bank: QuestionBank) -> None:
    coach = Coach(bank=bank, store=store)
    session = MockSession(["time-you-failed"])
    session.answers = {"time-you-failed": ANSWER}
    attempt = coach.submit("time-you-failed", ANSWER, key=session.key("time-you-failed"))
    coach.save_draft(session_key(session), session.to_json())
    coach.delete_attempts([attempt.id])
    assert coach.draft_keys(SESSION_PREFIX) == []


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("abc", "too short"),
        ("ffffffff", "No saved attempt"),
    ],
)
def test_a_bad_id_deletes_nothing_even_beside_good_ones(
    store: Store, bank: QuestionBank, ref: str, message: str
) -> None:
    coach = Coach(bank=bank, store=store)
    attempt = coach.submit("time-you-failed", ANSWER)
    with pytest.raises(BadInputError, match=message):
        coach.delete_attempts([attempt.id, ref])
    assert [a.id for a in coach.history()] == [attempt.id]


def test_an_id_start_shared_by_two_attempts_names_neither(store: Store, bank: QuestionBank) -> None:
    coach = Coach(bank=bank, store=store)
    coach.submit("time-you-failed", ANSWER, key="abcd1111")
    coach.submit("time-you-failed", ANSWER + " Twice.", key="abcd2222")
    with pytest.raises(BadInputError, match="starts 2 attempts' ids"):
        coach.delete_attempts(["abcd"])
    assert len(coach.history()) == 2
    assert [a.id for a in coach.delete_attempts(["abcd2"]).attempts] == ["abcd2222"]


def test_deleting_from_a_store_not_yet_written_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "never.db"
    with Store(path) as store:
        assert store.delete_attempts(["abcd1234"]).attempts == []
    assert not path.exists()


@pytest.mark.usefixtures("loopback_only")
def test_the_scores_cached_for_an_answer_go_with_it_under_every_profile(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """A cached card quotes the answer: deleting the attempt must not leave it there."""
    coach = _llm_coach(tmp_path, server, bank, store)
    attempt = coach.submit("time-you-failed", STORY)
    coach.submit("time-you-failed", STORY, scorer="hot", save=False)  # a drift check, say
    other = coach.submit("time-you-failed", STORY + " I now rehearse every rollback.")
    assert _cached(store) == 3 and server.hits == 3

    deleted = coach.delete_attempts([attempt.id])

    assert deleted.cached_scores == 2
    assert _cached(store) == 1  # the other answer's score stays
    assert [a.id for a in coach.history()] == [other.id]
    coach.submit("time-you-failed", STORY)  # scored afresh: nothing of it was kept
    assert server.hits == 4


@pytest.mark.usefixtures("loopback_only")
def test_scores_cached_before_answers_had_digests_are_found_by_their_card(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    coach = _llm_coach(tmp_path, server, bank, store)
    attempt = coach.submit("time-you-failed", STORY)
    with store.transaction() as conn:  # as a database migrated from schema 2 holds it
        conn.execute("UPDATE llm_score_cache SET answer_digest = NULL")
        conn.execute(
            "INSERT INTO llm_score_cache (key, profile, model, card, created_at)"
            " SELECT 'another', profile, model, replace(card, 'time-you-failed',"
            " 'production-incident'), created_at FROM llm_score_cache"
        )
    assert coach.delete_attempts([attempt.id]).cached_scores == 1
    assert [row[0] for row in store.query("SELECT key FROM llm_score_cache")] == ["another"]


def test_a_schema_2_database_keeps_its_cached_scores_when_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        from coachkit.store import MIGRATIONS

        for migration in MIGRATIONS[:2]:
            migration(conn)
        conn.execute("PRAGMA user_version = 2")
        conn.execute(
            "INSERT INTO llm_score_cache (key, profile, model, card, created_at)"
            " VALUES ('k', 'gpt', 'openai/x', '{}', '2026-11-01T00:00:00+00:00')"
        )
    conn.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        rows = store.query("SELECT key, answer_digest FROM llm_score_cache")
        assert [(row[0], row[1]) for row in rows] == [("k", None)]


def _run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def test_the_cli_lists_ids_and_deletes_by_them(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for question in ("time-you-failed", "conflict-with-teammate"):
        monkeypatch.setattr("sys.stdin", io.StringIO(ANSWER))
        assert _run(["score", question])[0] == 0
    code, listed = _run(["history"])
    first, second = listed.splitlines()
    short = first.split()[0]
    assert code == 0 and len(short) == 8 and "time-you-failed" in first

    code, out = _run(["delete", short])

    assert code == 0
    assert out.splitlines()[0] == first  # what was deleted, as history showed it
    assert "Deleted 1 attempt, for good." in out
    assert _run(["history"])[1].splitlines() == [second]

    code, out = _run(["delete", short])
    assert code == 2 and "Nothing was deleted" in capsys.readouterr().err


def test_history_shows_mock_interview_ids_long_enough_to_delete_by(
    coachkit_home: Path, bank: QuestionBank
) -> None:
    """A mock interview's attempts share their first eight characters ("mock-c64"), which
    history showed for each of them and delete refused as naming several."""
    with Store(coachkit_home / "coachkit.db") as store:
        coach = Coach(bank=bank, store=store)
        for question in ("time-you-failed", "conflict-with-teammate"):
            coach.submit(question, ANSWER, key=f"mock-c64e1b-{question}")
    code, listed = _run(["history"])
    shown = [line.split()[0] for line in listed.splitlines()]
    assert code == 0 and len(set(shown)) == 2 and all(s.startswith("mock-c64e1b-") for s in shown)
    assert _run(["history", "--question", "time-you-failed"])[1].split()[0] == shown[0]

    code, out = _run(["delete", shown[0]])
    assert code == 0 and "time-you-failed" in out and "Deleted 1 attempt" in out
    # Said by the id history showed, not by one short among the deleted alone ("mock-c64").
    assert out.split()[0] == shown[0]


def test_an_id_is_found_in_any_case_with_dashes_or_exactly_as_imported(
    store: Store, bank: QuestionBank
) -> None:
    coach = Coach(bank=bank, store=store)
    uuid_like = coach.submit("time-you-failed", ANSWER, key="e0fd421d9c3a4b5e8f7a6b5c4d3e2f1a")
    odd = coach.submit("time-you-failed", ANSWER + " Imported.", key=" x ")  # from an old export
    dashed = "E0FD421D-9C3A-4B5E-8F7A-6B5C4D3E2F1A"
    assert [a.id for a in coach.delete_attempts([dashed]).attempts] == [uuid_like.id]
    assert [a.id for a in coach.delete_attempts([" x "]).attempts] == [odd.id]
    assert coach.history() == []


def test_a_damaged_attempt_can_still_be_deleted(store: Store, bank: QuestionBank) -> None:
    """Its card no longer reads, so history leaves it out: it names it, and delete
    deletes it (answer and all)."""
    coach = Coach(bank=bank, store=store)
    attempt = coach.submit("time-you-failed", ANSWER)
    store.execute("UPDATE attempts SET card = '{broken' WHERE id = ?", (attempt.id,))
    warning = coach.read_history().warning or ""
    assert f"coachkit delete {attempt.id[:8]}" in warning

    deleted = coach.delete_attempts([attempt.id[:8]])

    assert deleted.count == 1 and deleted.attempts == []
    assert store.query("SELECT count(*) FROM attempts")[0][0] == 0


def test_copies_kept_while_an_answer_waited_for_a_score_go_too(
    store: Store, bank: QuestionBank, coachkit_home: Path
) -> None:
    kept = coachkit_home / "unscored"
    kept.mkdir(parents=True)
    (kept / "time-you-failed-20261128-101500.txt").write_text(ANSWER + "\n", encoding="utf-8")
    (kept / "time-you-failed-20261128-101600.txt").write_text("Another answer.", encoding="utf-8")
    coach = Coach(bank=bank, store=store)
    attempt = coach.submit("time-you-failed", ANSWER)

    assert coach.delete_attempts([attempt.id]).kept_copies == 1
    assert [p.name for p in kept.iterdir()] == ["time-you-failed-20261128-101600.txt"]


def test_the_cli_says_what_it_deleted_as_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    monkeypatch.setattr("sys.stdin", io.StringIO(ANSWER))
    assert _run(["score", "time-you-failed"])[0] == 0
    attempt_id = json.loads(_run(["history", "--json"])[1])[0]["id"]

    code, out = _run(["delete", attempt_id[:6].upper(), "--json"])

    data = json.loads(out)
    assert code == 0 and data["count"] == 1 and data["cached_scores"] == 0
    assert [a["id"] for a in data["deleted"]] == [attempt_id]
    assert data["deleted"][0]["answer"] == ANSWER


def test_the_cli_says_how_a_deleted_attempt_comes_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Before: "Deleted 2 attempts, for good." and no word of the way back; now it names
    it, and that way works: an export made before brings them back."""
    for question in ("time-you-failed", "conflict-with-teammate"):
        monkeypatch.setattr("sys.stdin", io.StringIO(ANSWER))
        assert _run(["score", question])[0] == 0
    export = tmp_path / "before.jsonl"
    assert _run(["export", "--out", str(export)])[0] == 0
    ids = [line.split()[0] for line in _run(["history"])[1].splitlines()]

    code, out = _run(["delete", *ids])

    assert code == 0
    assert out.splitlines()[-1] == (
        "Any export made before this still holds them: `coachkit import FILE` brings them "
        "back; delete that file to be rid of them there too."
    )
    assert "Imported 2 new attempts" in _run(["import", str(export)])[1]
    assert [line.split()[0] for line in _run(["history"])[1].splitlines()] == ids


@pytest.mark.parametrize(
    "shown",
    [
        lambda attempt_id: attempt_id,  # as `delete --json` or an export names it
        lambda attempt_id: str(uuid.UUID(attempt_id)).upper(),  # as a UUID, dashes and all
    ],
    ids=["hex", "uuid"],
)
def test_a_second_delete_by_a_whole_id_says_it_may_be_gone_already(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    shown: Callable[[str], str],
) -> None:
    """Before: "No saved attempt has an id starting '…'", as if the id were mistyped,
    when another delete (this one again, another window) had deleted it."""
    monkeypatch.setattr("sys.stdin", io.StringIO(ANSWER))
    assert _run(["score", "time-you-failed"])[0] == 0
    capsys.readouterr()
    attempt_id = json.loads(_run(["history", "--json"])[1])[0]["id"]
    assert _run(["delete", shown(attempt_id)])[0] == 0

    code, out = _run(["delete", shown(attempt_id)])

    err = capsys.readouterr().err
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert f"No saved attempt has the id '{attempt_id}': it may have been deleted already" in err
    assert "another window" in err and err.endswith("Nothing was deleted.\n")


def test_a_mock_interviews_whole_id_is_said_to_be_gone_and_a_start_as_before(
    coachkit_home: Path, bank: QuestionBank, capsys: pytest.CaptureFixture[str]
) -> None:
    """A start of a mock interview's id may be mistyped: only a whole one is said to be
    deleted already."""
    key = "mock-c64e1b2a3f4d-time-you-failed"
    with Store(coachkit_home / "coachkit.db") as store:
        Coach(bank=bank, store=store).submit("time-you-failed", ANSWER, key=key)
    assert _run(["delete", key])[0] == 0
    capsys.readouterr()

    assert _run(["delete", key])[0] == 2
    assert "it may have been deleted already" in capsys.readouterr().err
    assert _run(["delete", key[:12]])[0] == 2
    err = capsys.readouterr().err
    assert "No saved attempt has an id starting 'mock-c64e1b2'" in err
    assert "deleted already" not in err


def test_a_second_delete_by_the_short_id_history_shows_says_both_possibilities(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the 8 characters `history` shows, given again once that attempt was
    deleted, were said to be mistyped alone ("No saved attempt has an id starting ..."
    and no more); a whole id already said it may have been deleted."""
    monkeypatch.setattr("sys.stdin", io.StringIO(ANSWER))
    assert _run(["score", "time-you-failed"])[0] == 0
    short = _run(["history"])[1].split()[0]
    assert len(short) == 8
    assert _run(["delete", short])[0] == 0
    capsys.readouterr()

    code, out = _run(["delete", short.upper()])

    assert (code, out) == (2, "")
    assert capsys.readouterr().err == (
        f"coachkit: No saved attempt has an id starting {short.upper()!r}: mistyped, or "
        "deleted already (by an earlier `coachkit delete`, or in another window)? "
        "`coachkit history` lists those saved. Nothing was deleted.\n"
    )
    # Shorter than history shows, or not hex: a typo more likely, said as before.
    for typed in (short[:6], "zz" + short[2:]):
        assert _run(["delete", typed])[0] == 2
        err = capsys.readouterr().err
        assert f"No saved attempt has an id starting {typed!r}: `coachkit history`" in err
        assert "deleted already" not in err
