"""What the user typed or saved is never lost: export/import round trips, kept answers,
outputs written through symlinks, imports that refuse what coachkit would never write."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import coachkit.coach
import coachkit.store
import coachkit.unscored
from coachkit import Coach, QuestionBank, Store, StoreError
from coachkit.cli import main
from coachkit.errors import BadInputError, ScoringError
from coachkit.exchange import export_line, parse_attempts
from coachkit.models import Attempt, ScoreCard
from coachkit.scoring.local import LocalScorer
from coachkit.scoring.text import clean

ANSWER = (
    "In 2023 I was the backend lead at Lumen and I owned the billing migration. "
    "I skipped a rehearsal and we missed launch by three weeks. Since then I rehearse "
    "every migration on a full copy, and the next two shipped on time."
)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # a fixed "now" for import checks
# Text pasted from Word, PDFs and web pages: separators str.splitlines() breaks on, and more.
AWKWARD = (
    "In 2023 I was the lead at Lümen.\u2028I owned the migration\u2029and I rolled back,"
    "\x85cutting latency by 50%.\r\nWe  shipped\tit: “done” — 🚀 👩‍💻, שלום, e\u0301, "
    "a\u00a0b, zero\u200bwidth, \x0bvt \x0cff \x1cfs, done."
)


def run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def piped(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    )


def _exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *answers: str) -> Path:
    for answer in answers:
        piped(monkeypatch, answer)
        assert run(["score", "time-you-failed"])[0] == 0
    export = tmp_path / "attempts.jsonl"
    assert run(["export", "--out", str(export)])[0] == 0
    return export


def _line(**changes: Any) -> dict[str, Any]:
    """An attempt as an export line holds it, with ``changes`` to it or its card."""
    card = LocalScorer().score(QuestionBank.load().get("time-you-failed"), ANSWER)
    data = json.loads(
        Attempt(
            question_id="time-you-failed",
            category="behavioral",
            answer=ANSWER,
            card=card,
            created_at=NOW - timedelta(days=1),
        ).model_dump_json()
    )
    for key, value in changes.items():
        target = data["card"] if key.startswith("card.") else data
        target[key.removeprefix("card.")] = value
    return data


def _home_files(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir()) if home.exists() else []


# -- 1. export then import is lossless -------------------------------------------------
def test_an_export_of_awkward_unicode_imports_back_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = _exported(tmp_path, monkeypatch, AWKWARD, ANSWER)
    text = export.read_text(encoding="utf-8")
    # Each attempt is one line for any line reader, not just for coachkit.
    assert not {"\u2028", "\u2029", "\x85"} & set(text)
    assert len(text.splitlines()) == 2 and text.endswith("\n")
    before = json.loads(run(["history", "--json"])[1])
    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "elsewhere"))
    code, out = run(["import", str(export)])
    assert code == 0 and "Imported 2 new" in out
    after = json.loads(run(["history", "--json"])[1])
    assert after == before and after[0]["answer"] == AWKWARD


def test_lines_end_at_newlines_only(tmp_path: Path) -> None:
    # As an older coachkit wrote them: separators raw inside the JSON strings, CRLF endings.
    raw = json.dumps(_line(answer=ANSWER + "\u2028Then\x85more."), ensure_ascii=False)
    attempts = parse_attempts(f"{raw}\r\n\r\n{raw}\r\n", "old.jsonl", now=NOW)
    assert [a.answer[-11:] for a in attempts] == ["\u2028Then\x85more."] * 2
    with pytest.raises(BadInputError, match=r"^old\.jsonl:4: not valid JSON"):
        parse_attempts(f"{raw}\n\n{raw}\n{{oops\n", "old.jsonl", now=NOW)


def test_a_bad_json_line_says_where_in_plain_words() -> None:
    with pytest.raises(BadInputError) as raised:
        parse_attempts('{"answer": "cut', "f.jsonl", now=NOW)
    message = str(raised.value)
    assert "Unterminated string starting at column 12" in message and "at at" not in message


def test_a_file_laid_out_over_many_lines_is_said_to_be() -> None:
    """An editor's "Format document" left "{" on line 1: 'Expecting property name' alone
    did not say what was wrong with it."""
    with pytest.raises(BadInputError) as raised:
        parse_attempts(json.dumps(_line(), indent=2), "f.jsonl", now=NOW)
    message = str(raised.value)
    assert message.startswith("f.jsonl:1: not valid JSON (Expecting property name")
    assert "each attempt is one whole line" in message and "reformatted" in message
    with pytest.raises(BadInputError) as raised:
        parse_attempts("{oops}", "f.jsonl", now=NOW)  # broken within the line: no such guess
    assert "one whole line" not in str(raised.value)


def test_a_utf8_bom_from_an_editor_is_accepted(tmp_path: Path) -> None:
    edited = tmp_path / "edited.jsonl"
    edited.write_bytes(b"\xef\xbb\xbf" + json.dumps(_line()).encode() + b"\r\n")
    code, out = run(["import", str(edited)])
    assert code == 0 and "Imported 1 new" in out


def test_an_llm_card_quoting_the_cleaned_answer_still_imports() -> None:
    # LLM scorers quote the answer as cleaned (spacing tidied): still the user's words.
    answer = "In 2023  I led\tthe billing migration at Lumen.  It shipped."
    quote = "In 2023 I led the billing migration at Lumen."
    assert quote not in answer and quote in clean(answer)
    card = _line()["card"]
    for part in card["dimensions"].values():
        part["evidence"] = [quote]
    card["keypoints"] = [{"point": "the lesson", "covered": True, "evidence": quote}]
    line = export_line(Attempt.model_validate(_line(answer=answer, card=card)))
    assert parse_attempts(line, "x.jsonl", now=NOW)[0].answer == answer


# -- 2 and 6. import refuses what would break coachkit's promises ------------------------
@pytest.mark.parametrize(
    ("line", "message"),
    [
        (("latency_ms", "NaN"), "card.latency_ms is NaN, which coachkit cannot store"),
        (("cost_usd", "Infinity"), "card.cost_usd is Infinity"),
        (("latency_ms", "-Infinity"), "card.latency_ms is -Infinity"),
        (("latency_ms", "1e999"), "card.latency_ms is Infinity"),
        ({"answer": ""}, "answer is empty"),
        ({"answer": " \n\t "}, "answer is empty"),
        (
            {"question_id": "tell-me-about-yourself"},
            "question_id 'tell-me-about-yourself' differs from card.question_id "
            "'time-you-failed': make them the same",
        ),
        (
            {"card.dimensions": "forged evidence"},
            "card.dimensions.situation.evidence quote 'Nobody\\nsaid this' is not in the answer",
        ),
        (
            {"card.keypoints": [{"point": "p", "covered": True, "evidence": "never said"}]},
            "card.keypoints (key point 1).evidence quote 'never said' is not in the answer",
        ),
        ({"card.cost_usd": -5}, "card.cost_usd is -5: it cannot be negative"),
        ({"card.latency_ms": -0.5}, "card.latency_ms is -0.5: it cannot be negative"),
        # Figures as people write them: not "-1.23457e+06" or "-1e-07".
        ({"card.latency_ms": -1234567.8}, "card.latency_ms is -1,234,567.8: it cannot be"),
        ({"card.cost_usd": -0.0000001}, "card.cost_usd is -0.0000001: it cannot be negative"),
        ({"created_at": "2999-01-01T00:00:00Z"}, "created_at 2999-01-01T00:00:00+00:00 is in"),
        # Values of another type, which a lax reading took for what they are not.
        ({"card.overall": True}, "the overall score is true: write a whole number from 0"),
        ({"card.overall": "80"}, 'the overall score is "80": write a whole number'),
        ({"created_at": 1772323200}, "created_at is 1772323200: write a date and time"),
        (
            {"card.keypoints": [{"point": "the lesson", "covered": "yes"}]},
            'card.keypoints (key point 1).covered is "yes": write true or false there, without',
        ),
        # A kind of value this version does not know: a typo, or a newer coachkit's.
        (
            {"category": "leadership"},
            "category has 'leadership', which this coachkit does not know (it knows "
            "'behavioral', 'cultural-fit', 'technical' or 'system-design'). If the file comes "
            "from a newer coachkit: Update coachkit",
        ),
        (
            {"card.rebuilt": [{"text": "t", "dimension": "result", "source": "reworded"}]},
            "card.rebuilt (rebuilt line 1).source has 'reworded', which this coachkit does not",
        ),
    ],
    ids=lambda value: str(value)[:30],
)
def test_import_refuses_a_line_coachkit_could_not_have_written(
    tmp_path: Path,
    coachkit_home: Path,
    capsys: pytest.CaptureFixture[str],
    line: tuple[str, str] | dict[str, Any],
    message: str,
) -> None:
    if isinstance(line, tuple):  # a number json reads but the store cannot keep
        field, literal = line
        bad = json.dumps(_line(**{f"card.{field}": "RAW"})).replace('"RAW"', literal)
    elif line.get("card.dimensions") == "forged evidence":
        card = _line()["card"]
        card["dimensions"]["situation"]["evidence"] = ["Nobody\nsaid this"]
        bad = json.dumps(_line(card=card))
    else:
        bad = json.dumps(_line(**line))
    source = tmp_path / "attempts.jsonl"
    source.write_text(json.dumps(_line()) + "\n" + bad + "\n", encoding="utf-8")
    assert run(["import", str(source)]) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith(f"coachkit: {source}:2: ") and err.count("\n") == 1
    assert message in err and err.endswith("nothing was imported.\n")
    assert _home_files(coachkit_home) == []  # the good first line was not imported either


def test_import_names_a_dimension_this_version_does_not_know(
    tmp_path: Path, coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newer coachkit's dimension is a key of card.dimensions: the path says where it
    is, and the value names it ("card.dimensions.impact.[key]" read as a broken file)."""
    card = _line()["card"]
    card["dimensions"]["impact"] = card["dimensions"]["result"]
    source = tmp_path / "attempts.jsonl"
    source.write_text(json.dumps(_line(card=card)) + "\n", encoding="utf-8")
    assert run(["import", str(source)]) == (2, "")
    err = capsys.readouterr().err
    assert f"{source}:1: card.dimensions has 'impact', which this coachkit does not" in err
    assert "from a newer coachkit: Update coachkit" in err and "[key]" not in err
    assert _home_files(coachkit_home) == []


@pytest.mark.parametrize(
    "impact",
    [{"score": 7, "evidence": [], "feedback": ""}, 3, {"score": 8, "weight": 2}],
    ids=["a score this version bounds", "not an object", "a field this version lacks"],
)
def test_a_new_dimension_holding_what_this_version_cannot_read_is_named(
    tmp_path: Path, coachkit_home: Path, capsys: pytest.CaptureFixture[str], impact: object
) -> None:
    """A newer coachkit's dimension may be scored on another scale or hold another shape:
    the errors inside it made "not a coachkit attempt (card.dimensions.impact.[key]...)"."""
    card = _line()["card"]
    card["dimensions"]["impact"] = impact
    source = tmp_path / "attempts.jsonl"
    source.write_text(json.dumps(_line(card=card)) + "\n", encoding="utf-8")
    assert run(["import", str(source)]) == (2, "")
    err = capsys.readouterr().err
    assert f"{source}:1: card.dimensions has 'impact', which this coachkit does not" in err
    assert "from a newer coachkit: Update coachkit" in err and "[key]" not in err
    assert _home_files(coachkit_home) == []


def test_a_little_clock_skew_is_allowed() -> None:
    ahead = json.dumps(_line(created_at=(NOW + timedelta(hours=12)).isoformat()))
    assert len(parse_attempts(ahead, "f.jsonl", now=NOW)) == 1
    too_far = json.dumps(_line(created_at=(NOW + timedelta(days=2)).isoformat()))
    with pytest.raises(BadInputError, match="is in the future"):
        parse_attempts(too_far, "f.jsonl", now=NOW)


# -- 3 and 4. an answer piped in is kept when scoring or saving fails ---------------------
class _SameSecond(datetime):
    """Every failure happens at the same second."""

    @classmethod
    def now(cls, tz: Any = None) -> _SameSecond:
        return cls(2026, 3, 1, 12, 0, 0)


def _failing_scorer(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def fail(self: LocalScorer, *args: object, **kwargs: object) -> ScoreCard:
        raise error

    monkeypatch.setattr(LocalScorer, "score", fail)


def test_history_says_answers_wait_in_unscored_until_one_is_saved(
    monkeypatch: pytest.MonkeyPatch, coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with monkeypatch.context() as failing:
        _failing_scorer(failing, ScoringError("The scorer failed."))
        piped(failing, "In 2022 I broke the build; I fixed it in a day.")
        assert run(["score", "time-you-failed"])[0] == 3
    capsys.readouterr()
    assert run(["history"])[0] == 0
    note = capsys.readouterr().err
    assert "1 answer waits in" in note and "kept when it could not be scored" in note
    [kept] = (coachkit_home / "unscored").iterdir()
    assert f"--answer-file {kept}" in note
    assert run(["score", "time-you-failed", "--answer-file", str(kept)])[0] == 0
    assert not kept.exists()
    capsys.readouterr()
    code, out = run(["history"])
    assert code == 0 and "time-you-failed" in out and "waits" not in capsys.readouterr().err


def test_answers_kept_in_the_same_second_never_overwrite_each_other(
    monkeypatch: pytest.MonkeyPatch, coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(coachkit.unscored, "datetime", _SameSecond)
    _failing_scorer(monkeypatch, ScoringError("The scorer failed."))
    for answer in ("first answer", "second answer", "third answer"):
        piped(monkeypatch, answer)
        assert run(["score", "time-you-failed"]) == (3, "")
    kept = sorted((coachkit_home / "unscored").iterdir())
    assert sorted(p.read_text(encoding="utf-8") for p in kept) == [
        "first answer",
        "second answer",
        "third answer",
    ]
    err = capsys.readouterr().err
    assert all(f"--answer-file {p}`" in err for p in kept)


@pytest.mark.parametrize("problem", ["busy", "damaged"])
def test_a_save_that_fails_after_scoring_shows_the_card_and_keeps_the_answer(
    problem: str,
    monkeypatch: pytest.MonkeyPatch,
    coachkit_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    coachkit_home.mkdir(parents=True)
    db = coachkit_home / "coachkit.db"
    holder = None
    if problem == "busy":
        Store(db).close()
        monkeypatch.setattr(coachkit.store, "BUSY_TIMEOUT", 0.05)
        holder = sqlite3.connect(db, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
    else:
        db.write_bytes(b"garbage" * 50)
    try:
        piped(monkeypatch, ANSWER)
        code, out = run(["score", "time-you-failed"])
    finally:
        if holder is not None:
            holder.execute("ROLLBACK")
            holder.close()
    err = capsys.readouterr().err
    assert code == 2 and "Overall:" in out and "Saved as attempt" not in out
    assert err.count("\n") == 1 and "The score above was not saved." in err
    (kept,) = (coachkit_home / "unscored").iterdir()
    assert kept.read_text(encoding="utf-8") == ANSWER and f"--answer-file {kept}`" in err
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # an answer, private as an export


def test_an_answer_that_cannot_be_kept_is_said_plainly_and_not_echoed(
    monkeypatch: pytest.MonkeyPatch, coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _failing_scorer(monkeypatch, ScoringError("The scorer failed."))
    coachkit_home.mkdir(parents=True)
    (coachkit_home / "unscored").write_text("a file where the folder should be")
    long_answer = "In 2023 I led the migration. " * 3_000  # long, within what is kept
    piped(monkeypatch, long_answer)
    assert run(["score", "time-you-failed"]) == (3, "")
    err = capsys.readouterr().err
    assert "Your answer could not be kept" in err and "not saved anywhere" in err
    assert err.count("\n") == 1 and len(err) < 1000


def test_ctrl_c_during_a_score_keeps_a_piped_answer(
    monkeypatch: pytest.MonkeyPatch, coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _failing_scorer(monkeypatch, KeyboardInterrupt())
    piped(monkeypatch, ANSWER)
    assert run(["score", "time-you-failed"]) == (130, "")
    (kept,) = (coachkit_home / "unscored").iterdir()
    assert kept.read_text(encoding="utf-8") == ANSWER
    assert capsys.readouterr().err.startswith("coachkit: interrupted. Your answer is saved in ")


def test_a_save_failure_with_an_answer_file_points_at_that_file(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    coachkit_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    coachkit_home.mkdir(parents=True)
    (coachkit_home / "coachkit.db").write_bytes(b"garbage" * 50)
    answer_file = tmp_path / "answer.txt"
    answer_file.write_text(ANSWER, encoding="utf-8")
    code, out = run(["score", "time-you-failed", "--answer-file", str(answer_file)])
    err = capsys.readouterr().err
    assert code == 2 and "Overall:" in out
    assert err.rstrip().endswith(f"Your answer is still in {answer_file}.")
    assert not (coachkit_home / "unscored").exists()


# -- 5. --out writes through a symlink, and refuses devices and pipes ---------------------
def test_export_never_silently_replaces_what_it_would_lose(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    coachkit_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An export from an empty or wrong COACHKIT_HOME replaced a 6-attempt backup with
    an empty file, and any other file given as --out was clobbered too."""
    backup = tmp_path / "backup.jsonl"
    piped(monkeypatch, ANSWER)
    assert run(["score", "time-you-failed"])[0] == 0
    assert run(["export", "--out", str(backup)])[0] == 0
    saved = backup.read_text(encoding="utf-8")
    # The same home again, with one more attempt: a backup refreshed, as usual.
    piped(monkeypatch, ANSWER + " Twice.")
    assert run(["score", "time-you-failed"])[0] == 0
    code, out = run(["export", "--out", str(backup)])
    assert code == 0 and out.startswith("Exported 2 attempts")
    saved = backup.read_text(encoding="utf-8")

    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "empty"))  # a wrong home
    capsys.readouterr()
    assert run(["export", "--out", str(backup)]) == (2, "")
    message = capsys.readouterr().err
    assert "holds 2 attempts this export does not" in message and "--force" in message
    assert backup.read_text(encoding="utf-8") == saved

    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    assert run(["export", "--out", str(notes)])[0] == 2
    assert "is not a coachkit export" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "my notes\n"

    code, out = run(["export", "--out", str(backup), "--force"])
    assert code == 0 and out.startswith("Exported 0 attempts") and backup.read_text() == ""


def test_export_through_a_symlink_writes_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "backups").mkdir()
    target = tmp_path / "backups" / "attempts.jsonl"
    target.write_text("old\n")
    target.chmod(0o600)  # a private backup stays private
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    piped(monkeypatch, ANSWER)
    assert run(["score", "time-you-failed"])[0] == 0
    assert run(["export", "--out", str(link)])[0] == 2  # "old" is not an export: kept
    assert target.read_text() == "old\n"
    assert run(["export", "--out", str(link), "--force"])[0] == 0
    assert link.is_symlink() and link.resolve() == target
    assert json.loads(target.read_text(encoding="utf-8"))["answer"] == ANSWER
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == ["attempts.jsonl"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.jsonl"
    link.symlink_to(tmp_path / "new.jsonl")
    assert run(["export", "--out", str(link)])[0] == 0
    assert link.is_symlink() and (tmp_path / "new.jsonl").read_text() == ""


@pytest.mark.parametrize("command", ["export", "progress"])
@pytest.mark.parametrize("through_link", [False, True])
def test_a_pipe_or_device_as_out_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, through_link: bool
) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # stands in for /dev/stdout, which a test must not touch
    out = fifo
    if through_link:
        out = tmp_path / "link.png"
        out.symlink_to(fifo)
    assert run([command, "--out", str(out)]) == (2, "")
    err = capsys.readouterr().err
    assert f"Cannot write {out}: it is not a regular file" in err and err.count("\n") == 1
    assert stat.S_ISFIFO(fifo.stat().st_mode) and out.exists()
    assert not list(tmp_path.glob(".*partial"))


# -- 7 and 8. python -m coachkit, and a home that is a file ------------------------------
def test_python_dash_m_coachkit_runs_the_cli(coachkit_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coachkit", "score", "time-you-failed", "--json", "--no-save"],
        input=ANSWER,
        capture_output=True,
        text=True,
        env={**os.environ, "COACHKIT_HOME": str(coachkit_home)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["question_id"] == "time-you-failed"
    version = subprocess.run(
        [sys.executable, "-m", "coachkit", "--version"], capture_output=True, text=True
    )
    assert version.returncode == 0 and version.stdout.startswith("coachkit ")


def test_a_home_that_is_a_file_is_named_as_such(tmp_path: Path, bank: QuestionBank) -> None:
    home = tmp_path / "home-file"
    home.write_text("not a folder")
    with Store(home / "coachkit.db") as store:
        attempt = Coach(bank=bank, store=store).submit("time-you-failed", ANSWER, save=False)
        with pytest.raises(StoreError, match=f"{home} is a file, not a folder") as raised:
            store.add_attempt(attempt)
    assert "disk has space" not in str(raised.value)


def test_half_an_emoji_from_the_browser_is_kept_not_refused(tmp_path: Path) -> None:
    """A lone surrogate cannot be written as UTF-8: it becomes U+FFFD, and the rest is kept."""
    with Store(tmp_path / "c.db") as store:
        coach = Coach(store=store)
        answer = "In 2023 I broke checkout \ud83d at Acme; I rolled back in 5 minutes."
        attempt = coach.submit("time-you-failed", answer)
        assert coach.history()[0].answer == answer.replace("\ud83d", "\ufffd") == attempt.answer
        coach.save_draft("q", "half \ud83d and a split pair \ud83d\ude00")
        assert coach.load_draft("q") == "half \ufffd and a split pair \U0001f600"


def test_import_names_the_line_with_half_a_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(tmp_path / "a.db") as store:
        attempt = Coach(store=store).submit("time-you-failed", "In 2023 I broke checkout; fixed.")
    line = attempt.model_dump_json().replace("broke checkout", "broke \\ud83d checkout")
    source = tmp_path / "half.jsonl"
    source.write_text(line + "\n", encoding="utf-8")
    with Store(tmp_path / "b.db") as store:
        with pytest.raises(BadInputError, match=r"half.jsonl:1: answer holds half of a char"):
            Coach(store=store).import_attempts(source)
        assert store.attempts() == []


def test_an_attempt_filed_under_another_category_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coachkit_home: Path
) -> None:
    """A behavioural attempt imported as system-design was charted with the designs."""
    backup = _exported(tmp_path, monkeypatch, ANSWER)
    line = json.loads(backup.read_text(encoding="utf-8").splitlines()[0])
    line["id"], line["category"] = "b" * 32, "system-design"
    moved = tmp_path / "moved.jsonl"
    moved.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"moved.jsonl:1: time-you-failed is a behavioral"):
        Coach().import_attempts(moved)
    assert len(Coach().history()) == 1


# -- Ctrl-C while a file is written: the earlier file stays whole, nothing is left beside it
def test_ctrl_c_while_a_chart_is_written_leaves_the_earlier_chart_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The chart was written straight over the earlier one: a Ctrl-C (or a full disk)
    while matplotlib wrote it left half a PNG in its place."""
    from matplotlib.figure import Figure

    chart = tmp_path / "progress.png"
    assert run(["progress", "--out", str(chart)])[0] == 0
    earlier = chart.read_bytes()

    def interrupted(self: Figure, handle: Any, **kwargs: Any) -> None:
        handle.write(b"\x89PNG half")
        raise KeyboardInterrupt

    monkeypatch.setattr(Figure, "savefig", interrupted)
    assert run(["progress", "--out", str(chart)]) == (130, "")
    assert chart.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir()] == ["progress.png"]  # no partial file
    assert capsys.readouterr().err.endswith("coachkit: interrupted\n")


def test_ctrl_c_while_exporting_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The half-written export beside --out (every answer so far) stayed behind."""
    export = _exported(tmp_path, monkeypatch, ANSWER, ANSWER + " Twice.")
    saved = export.read_text(encoding="utf-8")
    lines = iter([True, False])

    def interrupted(attempt: Attempt) -> str:
        if next(lines):
            return export_line(attempt)
        raise KeyboardInterrupt

    monkeypatch.setattr(coachkit.coach, "export_line", interrupted)
    assert run(["export", "--out", str(export)]) == (130, "")
    assert export.read_text(encoding="utf-8") == saved
    assert sorted(p.name for p in tmp_path.iterdir()) == ["attempts.jsonl", "home"]
