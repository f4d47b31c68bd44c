"""`coachkit history`: the newest attempts alone (--last), and attempts at questions no
longer in the bank marked as such."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_helpers import ANSWER, run_cli

from coachkit import Coach, QuestionBank, Store
from coachkit.models import Attempt

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _saved(coachkit_home: Path, bank: QuestionBank, *at: tuple[str, str]) -> list[Attempt]:
    """Attempts saved under the ids given, at these questions, an hour apart, oldest first."""
    with Store(coachkit_home / "coachkit.db") as store:
        coach = Coach(bank=bank, store=store)
        scored = {q: coach.submit(q, ANSWER, save=False) for q in {q for _, q in at}}
        attempts = [
            scored[question].model_copy(
                update={"id": ident, "created_at": START + timedelta(hours=n)}
            )
            for n, (ident, question) in enumerate(at)
        ]
        store.add_attempts(attempts)
    return attempts


def test_last_lists_only_the_newest_attempts_oldest_first(
    coachkit_home: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: `history --last 2` was refused ("unrecognized arguments"); a long history
    printed every attempt to reach the last few."""
    _saved(
        coachkit_home,
        bank,
        ("aaaa1111" + "0" * 24, "time-you-failed"),
        ("bbbb2222" + "0" * 24, "conflict-with-teammate"),
        ("cccc3333" + "0" * 24, "time-you-failed"),
        # Its first 8 characters are the oldest one's, which is not listed: the id shown
        # must still name one attempt to `coachkit delete`.
        ("aaaa1111" + "f" * 24, "conflict-with-teammate"),
    )

    code, out = run_cli(["history", "--last", "2"], monkeypatch)

    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["cccc3333", "aaaa1111f"]
    code, out = run_cli(["history", "--json", "--last", "1"], monkeypatch)
    assert [a["id"] for a in json.loads(out)] == ["aaaa1111" + "f" * 24]
    code, out = run_cli(["history", "--question", "time-you-failed", "--last", "1"], monkeypatch)
    assert [line.split()[0] for line in out.splitlines()] == ["cccc3333"]
    assert len(run_cli(["history", "--last", "50"], monkeypatch)[1].splitlines()) == 4


@pytest.mark.parametrize("given", ["0", "-1", "two"])
def test_last_takes_a_whole_number_of_one_or_more(
    given: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["history", "--last", given], monkeypatch) == (2, "")
    assert "expected a whole number from 1" in capsys.readouterr().err


def test_help_says_what_last_does(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        run_cli(["history", "--help"], monkeypatch)
    said = " ".join(capsys.readouterr().out.split())
    assert "--last N only the newest N attempts" in said and "oldest first" in said


OWN_QUESTION = """\
questions:
  - id: why-our-company
    category: cultural-fit
    roles: [any]
    prompt: Why do you want to work at Acme?
    why_asked: To see if you researched the company.
    how_to_answer: One fact about Acme, tied to your experience.
    keypoints: [a concrete fact about Acme]
"""


def _at(attempt: Attempt, question_id: str, ident: str) -> Attempt:
    """``attempt`` as one at ``question_id`` (imported from a home that had it)."""
    card = attempt.card.model_copy(update={"question_id": question_id})
    return attempt.model_copy(update={"id": ident, "question_id": question_id, "card": card})


def _with_own_questions(coachkit_home: Path, bank: QuestionBank) -> None:
    """A bundled question's attempt, two at why-our-company and one at my-story, the
    user's own questions, whose files this home has not (yet)."""
    first, *_ = _saved(coachkit_home, bank, ("a" * 32, "time-you-failed"))
    moved = [
        _at(first, "why-our-company", "b" * 32),
        _at(first, "my-story", "c" * 32),
        _at(first, "why-our-company", "d" * 32),
    ]
    with Store(coachkit_home / "coachkit.db") as store:
        store.add_attempts(moved)


def test_attempts_at_questions_not_in_the_bank_are_marked_and_said_once(
    coachkit_home: Path,
    bank: QuestionBank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: listed as any other, with nothing to say why `coachkit score` and
    `rescore` no longer know their question, nor how to get it back."""
    _with_own_questions(coachkit_home, bank)

    code, out = run_cli(["history"], monkeypatch)

    assert code == 0
    marked = [line.endswith("  [not in your bank]") for line in out.splitlines()]
    assert marked == [False, True, True, True]
    assert capsys.readouterr().err == (
        "coachkit: 3 attempts marked [not in your bank] are at questions (my-story, "
        "why-our-company) your bank does not have: kept in your history, but not practised "
        "or rescored until they are back. For a question of your own, copy their files from "
        "the questions folder of the COACHKIT_HOME you wrote them in into "
        f"{coachkit_home / 'questions'}.\n"
    )

    code, out = run_cli(["history", "--question", "why-our-company", "--last", "1"], monkeypatch)
    assert out.endswith("  [not in your bank]\n") and len(out.splitlines()) == 1
    assert capsys.readouterr().err.startswith(
        "coachkit: 1 attempt marked [not in your bank] is at why-our-company, a question "
        "your bank does not have: kept in your history, but not practised or rescored until "
        "it is back. For a question of your own, copy its file from"
    )

    (coachkit_home / "questions").mkdir()
    (coachkit_home / "questions" / "mine.yaml").write_text(OWN_QUESTION, encoding="utf-8")
    code, out = run_cli(["history"], monkeypatch)
    assert [line.endswith("[not in your bank]") for line in out.splitlines()] == [
        False,
        False,
        True,
        False,
    ]
    assert "(my-story)" not in capsys.readouterr().err  # one question: named without "()"


def test_json_keeps_its_keys_and_says_nothing_of_the_bank(
    coachkit_home: Path,
    bank: QuestionBank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _with_own_questions(coachkit_home, bank)
    code, out = run_cli(["history", "--json"], monkeypatch)
    assert code == 0 and capsys.readouterr().err == ""
    assert {tuple(a) for a in json.loads(out)} == {
        ("id", "question_id", "category", "answer", "card", "created_at")
    }


def test_a_question_of_ones_own_left_out_is_said_to_be_fixed_not_copied(
    coachkit_home: Path,
    bank: QuestionBank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Its file is in the questions folder: copying it there again would not help."""
    _with_own_questions(coachkit_home, bank)
    folder = coachkit_home / "questions"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        OWN_QUESTION.replace("roles: [any]", "roles: 5"), encoding="utf-8"
    )

    run_cli(["history", "--question", "why-our-company"], monkeypatch)

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "copy its file" not in err
    assert (
        f"why-our-company is in {folder / 'mine.yaml'}, but was left out: question "
        "why-our-company: field 'roles': should be a list" in err
    )


def test_attempts_at_bundled_questions_are_listed_without_loading_the_bank(
    coachkit_home: Path,
    bank: QuestionBank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Parsing every question file would cost history a tenth of its time: the bundled
    files' id lines tell their questions apart without it."""
    _saved(coachkit_home, bank, ("a" * 32, "time-you-failed"), ("b" * 32, "why-this-role"))

    def not_loaded(*args: object, **kwargs: object) -> QuestionBank:
        raise AssertionError("the bank was loaded")

    monkeypatch.setattr(QuestionBank, "load", not_loaded)
    code, out = run_cli(["history"], monkeypatch)
    assert code == 0 and len(out.splitlines()) == 2 and "not in your bank" not in out
    assert capsys.readouterr().err == ""


def test_the_bundled_ids_read_from_id_lines_are_the_bundled_banks() -> None:
    from coachkit.bank import not_bundled

    bundled = {q.id for q in QuestionBank.load(user=[])}
    assert not_bundled([*bundled, "my-own", "gone-one"]) == {"my-own", "gone-one"}
    assert not_bundled(bundled) == set()


def test_a_question_id_given_bare_lists_that_questions_attempts(
    coachkit_home: Path,
    bank: QuestionBank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Before: `coachkit history time-you-failed` was refused ("unrecognized arguments:
    time-you-failed. Did you mean: --question time-you-failed?"), though `score` takes
    the id just so; now it is the question to list, as --question still is."""
    _saved(
        coachkit_home,
        bank,
        ("aaaa1111" + "0" * 24, "time-you-failed"),
        ("bbbb2222" + "0" * 24, "conflict-with-teammate"),
        ("cccc3333" + "0" * 24, "time-you-failed"),
    )

    code, out = run_cli(["history", "time-you-failed", "--last", "1"], monkeypatch)

    assert code == 0 and [line.split()[0] for line in out.splitlines()] == ["cccc3333"]
    for same in (["--question", "time-you-failed"], ["time-you-failed", "--question"]):
        code, out = run_cli(["history", "--json", *same, "time-you-failed"], monkeypatch)
        assert [a["id"][:8] for a in json.loads(out)] == ["aaaa1111", "cccc3333"]
    assert "QUESTION_ID    only attempts at this question" in _help("history")
    capsys.readouterr()

    code, out = run_cli(["history", "time-you-failed", "--question", "why"], monkeypatch)

    assert (code, out) == (2, "")
    assert capsys.readouterr().err == (
        "coachkit: Two questions given (time-you-failed, why): history lists one question's "
        "attempts at a time, `coachkit history time-you-failed` or `coachkit history why`.\n"
    )
    assert run_cli(["history", "time-you-faild"], monkeypatch)[0] == 2  # a typo, as before
    assert "Did you mean: time-you-failed?" in capsys.readouterr().err


def _help(command: str) -> str:
    """``coachkit COMMAND --help`` as printed."""
    from coachkit.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.choices and command in a.choices)
    assert isinstance(sub.choices, dict)
    return str(sub.choices[command].format_help())
