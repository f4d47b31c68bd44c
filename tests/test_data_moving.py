"""Moving a history to another COACHKIT_HOME with export and import: what goes in the
file, and what the export says stays behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import ANSWER, run_cli

from coachkit import Coach, paths
from coachkit.unscored import new_answer_file

WAITING = "An answer I typed while the disk was full, never scored."


def test_export_says_answers_waiting_in_unscored_stay_behind(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the export said only "Exported 1 attempt", and the answer waiting in
    unscored/ was silently missing from the new home after the import."""
    assert run_cli(["score", "time-you-failed"], monkeypatch, ANSWER)[0] == 0
    capsys.readouterr()
    export = tmp_path / "attempts.jsonl"
    assert run_cli(["export", "--out", str(export)], monkeypatch)[0] == 0
    assert capsys.readouterr().err == ""  # nothing waits: nothing said
    new_answer_file(paths.unscored_dir(), "tell-me-about-yourself", WAITING)

    code, out = run_cli(["export", "--out", str(export)], monkeypatch)

    assert (code, out) == (0, f"Exported 1 attempt to {export}.\n")
    err = capsys.readouterr().err
    assert f"coachkit: 1 answer waiting in {paths.unscored_dir()}" in err
    assert "is not in the export: to move to another COACHKIT_HOME, copy that folder" in err
    assert WAITING not in export.read_text(encoding="utf-8")


def test_a_round_trip_to_a_fresh_home_is_exact(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Ids, times, cards: an export of the imported history is the first export, byte
    for byte, and a second import adds nothing."""
    for n in range(3):
        run_cli(["score", "time-you-failed"], monkeypatch, f"{ANSWER} Take {n}.")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    assert run_cli(["export", "--out", str(first)], monkeypatch)[0] == 0
    monkeypatch.setenv("COACHKIT_HOME", str(tmp_path / "a home with spaces, ü"))
    assert (
        "Imported 3 new attempts (0 already present)"
        in run_cli(["import", str(first)], monkeypatch)[1]
    )
    assert (
        "Imported 0 new attempts (3 already present)"
        in run_cli(["import", str(first)], monkeypatch)[1]
    )
    assert run_cli(["export", "--out", str(second)], monkeypatch)[0] == 0
    assert second.read_bytes() == first.read_bytes()


DRAFT = "I would add a read-through cache with a short TTL, then"

OWN_QUESTION = """\
track: mine
questions:
  - id: why-our-company
    category: cultural-fit
    roles: [any]
    prompt: Why do you want to work at Acme?
    why_asked: To see if you researched the company.
    how_to_answer: One fact about Acme, tied to your experience.
    keypoints: [a concrete fact about Acme]
"""


def test_export_says_drafts_stay_in_the_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: a draft typed in Practice was not in the export, nor said to be: imported
    into another home, the history was whole and the draft silently gone."""
    assert run_cli(["score", "time-you-failed"], monkeypatch, ANSWER)[0] == 0
    Coach().save_draft("caching-strategy", DRAFT)
    Coach().save_draft("time-you-failed", ANSWER)  # scored word for word: in the export
    capsys.readouterr()
    export = tmp_path / "attempts.jsonl"

    assert run_cli(["export", "--out", str(export)], monkeypatch) == (
        0,
        f"Exported 1 attempt to {export}.\n",
    )
    err = capsys.readouterr().err
    assert err == (
        "coachkit: 1 answer typed but not scored (caching-strategy) stays in the database, "
        "not in the export: to take it to another COACHKIT_HOME, export again with "
        f"--drafts (each goes to a file in {paths.unscored_dir()}) and copy that folder too.\n"
    )
    # Once --drafts has kept it in unscored/, it is named as waiting there instead.
    assert run_cli(["export", "--drafts", "--out", str(export)], monkeypatch)[0] == 0
    capsys.readouterr()
    assert run_cli(["export", "--out", str(export)], monkeypatch)[0] == 0
    err = capsys.readouterr().err
    assert "typed but not scored" not in err
    assert f"coachkit: 1 answer waiting in {paths.unscored_dir()}" in err


def test_export_says_own_questions_are_not_in_the_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: an attempt at a question of the user's own exported without a word, and
    the other home said only after the import that its question was not in the bank."""
    own = paths.user_questions_dir() / "mine.yaml"
    own.parent.mkdir(parents=True)
    own.write_text(OWN_QUESTION, encoding="utf-8")
    export = tmp_path / "attempts.jsonl"
    assert run_cli(["score", "time-you-failed"], monkeypatch, ANSWER)[0] == 0
    assert run_cli(["export", "--out", str(export)], monkeypatch)[0] == 0
    assert capsys.readouterr().err == ""  # bundled questions only: nothing to copy

    assert run_cli(["score", "why-our-company"], monkeypatch, ANSWER)[0] == 0
    capsys.readouterr()
    assert run_cli(["export", "--out", str(export)], monkeypatch)[0] == 0

    assert capsys.readouterr().err == (
        "coachkit: the export holds your attempts at 1 question of your own "
        f"(why-our-company) but not the question: copy {paths.user_questions_dir()} into "
        "the other COACHKIT_HOME too, to practise it there.\n"
    )


def test_export_tells_own_questions_without_loading_the_bank(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: every export loaded the bundled bank and then the whole bank, parsing
    each question file, to find attempts at questions of the user's own; now the
    bundled files' id lines tell, as `history` does, and the bank loads only for ids
    they lack. One gone from every bank is no question of the user's own."""
    from coachkit.bank import QuestionBank

    own = paths.user_questions_dir() / "mine.yaml"
    own.parent.mkdir(parents=True)
    own.write_text(OWN_QUESTION, encoding="utf-8")
    assert run_cli(["score", "time-you-failed"], monkeypatch, ANSWER)[0] == 0
    export = tmp_path / "attempts.jsonl"
    loads: list[object] = []
    real_load = QuestionBank.load.__func__  # type: ignore[attr-defined]

    def counted(cls: type[QuestionBank], *args: object, **kwargs: object) -> QuestionBank:
        loads.append(kwargs)
        return real_load(cls, *args, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(QuestionBank, "load", classmethod(counted))
    capsys.readouterr()

    assert run_cli(["export", "--out", str(export)], monkeypatch)[0] == 0
    assert (loads, capsys.readouterr().err) == ([], "")

    assert run_cli(["score", "why-our-company"], monkeypatch, ANSWER)[0] == 0
    # Its question gone: an attempt at a question no bank has.
    own.write_text(OWN_QUESTION.replace("why-our-company", "why-this-role"), encoding="utf-8")
    loads.clear()
    capsys.readouterr()

    assert run_cli(["export", "--out", str(export)], monkeypatch)[0] == 0
    err = capsys.readouterr().err
    assert len(loads) == 1  # the whole bank, once: not the bundled one first
    assert "holds your attempts at" not in err  # why-our-company is of no bank now


def test_a_line_is_escaped_only_where_it_holds_a_line_separator(
    monkeypatch: pytest.MonkeyPatch, coachkit_home: Path
) -> None:
    """Before: each exported (and each imported, to check its length) line went through
    str.translate, a table lookup per character: nine tenths of writing a line (2,000
    attempts: 334 ms, 34 ms without), though most answers hold no line separator."""
    import coachkit.exchange
    from coachkit.exchange import export_line

    class Counted(dict[int, str]):
        looked_up = 0

        def __getitem__(self, key: int) -> str:
            Counted.looked_up += 1
            return super().__getitem__(key)

    monkeypatch.setattr(coachkit.exchange, "_LINE_SEPARATORS", Counted(_SEPARATORS))
    attempt = Coach().submit("time-you-failed", ANSWER, save=False)

    assert export_line(attempt) == attempt.model_dump_json() + "\n"
    assert Counted.looked_up == 0
    split = attempt.model_copy(update={"answer": ANSWER + "\u2028Then\x85more."})
    line = export_line(split)
    assert Counted.looked_up > 0 and line.count("\n") == 1 and len(line.splitlines()) == 1
    assert "\\u2028Then\\u0085more." in line


_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
