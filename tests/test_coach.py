"""The Coach facade: validate first, then score and save; failures leave nothing behind."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coachkit import (
    BadInputError,
    Coach,
    EmptyAnswerError,
    QuestionBank,
    ScoreCard,
    ScoringError,
    Store,
    UnknownQuestionError,
)
from coachkit.coach import ImportResult
from coachkit.config import Config
from coachkit.models import Question


class ExplodingScorer:
    name = "boom"

    def score(self, question: Question, answer: str) -> ScoreCard:
        raise RuntimeError("model went away")


def test_submit_scores_and_saves(coach: Coach) -> None:
    attempt = coach.submit("time-you-failed", "In 2022 I shipped a bug at Acme that cost 3 days.")
    assert attempt.card.question_id == "time-you-failed"
    assert attempt.category == "behavioral"
    assert coach.history() == [attempt]
    assert coach.history("time-you-failed") == [attempt]


@pytest.mark.parametrize("answer", ["", "   \n\t "])
def test_empty_answer_is_refused_before_anything_is_written(coach: Coach, answer: str) -> None:
    with pytest.raises(EmptyAnswerError):
        coach.submit("time-you-failed", answer)
    assert coach.store.count_attempts() == 0


def test_unknown_question_is_refused(coach: Coach) -> None:
    with pytest.raises(UnknownQuestionError):
        coach.submit("no-such-question", "an answer")
    assert coach.store.count_attempts() == 0


def test_a_failing_scorer_becomes_a_scoring_error(bank: QuestionBank, store: Store) -> None:
    coach = Coach(bank=bank, store=store, scorer_factory=lambda name, config: ExplodingScorer())
    with pytest.raises(ScoringError, match="answer is kept"):
        coach.submit("time-you-failed", "my answer")
    assert store.count_attempts() == 0


def test_no_save_scores_without_writing(coach: Coach) -> None:
    coach.submit("time-you-failed", "I failed at Acme in 2021.", save=False)
    assert coach.store.count_attempts() == 0


def test_scorer_is_chosen_from_config(bank: QuestionBank, store: Store) -> None:
    seen: list[str] = []

    def factory(name: str, config: Config) -> ExplodingScorer:
        seen.append(name)
        return ExplodingScorer()

    coach = Coach(bank=bank, store=store, config=Config(), scorer_factory=factory)
    coach.scorer()
    coach.scorer()
    assert seen == ["local"]  # built once, then reused


def test_creating_a_coach_touches_no_files(coachkit_home: object) -> None:
    from pathlib import Path

    Coach()
    assert not Path(str(coachkit_home)).exists()


def test_import_coachkit_does_not_import_heavy_modules() -> None:
    code = (
        "import sys, coachkit; "
        "from coachkit import Coach; Coach().bank; "
        "heavy = ('litellm', 'ipywidgets', 'matplotlib', 'pandas', 'fsrs'); "
        "heavy = [m for m in heavy if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_opening_the_bank_and_history_loads_no_scorer() -> None:
    """The offline scorer's word lists and patterns load at the first score, not when a
    notebook opens (a third of the import)."""
    code = (
        "import sys, coachkit; c = coachkit.Coach(); c.bank; c.history(); "
        "print('coachkit.scoring.local' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_offline_scorer_is_still_importable_from_the_package() -> None:
    import coachkit
    import coachkit.scoring
    from coachkit.scoring.local import LocalScorer

    assert coachkit.LocalScorer is LocalScorer is coachkit.scoring.LocalScorer
    assert "LocalScorer" in coachkit.__all__
    assert "LocalScorer" in dir(coachkit) and "LocalScorer" in dir(coachkit.scoring)
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = coachkit.Nothing  # type: ignore[attr-defined]


def test_offline_scoring_does_not_import_litellm() -> None:
    code = (
        "import sys, coachkit; c = coachkit.Coach(); "
        "c.submit('time-you-failed', 'In 2020 I broke prod at Acme.', save=False); "
        "print('litellm' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_local_scorer_works_even_with_a_broken_config_file(coachkit_home: object) -> None:
    from pathlib import Path

    from coachkit import ConfigError

    home = Path(str(coachkit_home))
    home.mkdir(parents=True)
    (home / "config.yaml").write_text("scorer: [unclosed\n")
    coach = Coach()
    with pytest.raises(ConfigError):
        coach.submit("time-you-failed", "In 2021 I broke the build at Acme.")
    attempt = coach.submit("time-you-failed", "In 2021 I broke the build at Acme.", scorer="local")
    assert attempt.card.scorer == "local"


# -- import and export ----------------------------------------------------------
def _exported(coach: Coach, path: Path, count: int = 1) -> list[dict[str, object]]:
    """Attempts as an export writes them, one JSON object per line."""
    for n in range(count):
        coach.submit("time-you-failed", f"In 2023 I broke build {n} at Acme; fixed it in 2 days.")
    coach.export_attempts(path)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_lines_without_an_id_are_imported_once_however_often(
    coach: Coach, bank: QuestionBank, tmp_path: Path
) -> None:
    lines = _exported(coach, tmp_path / "all.jsonl", count=2)
    for line in lines:
        del line["id"]
    source = tmp_path / "no-ids.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Store(tmp_path / "other.db") as other:
        target = Coach(bank=bank, store=other)
        assert target.import_attempts(source) == ImportResult(added=2, present=0)
        assert target.import_attempts(source) == ImportResult(added=0, present=2)
        imported = other.attempts()
    assert len({a.id for a in imported}) == 2
    assert sorted(a.answer for a in imported) == sorted(str(line["answer"]) for line in lines)


def test_a_line_from_a_newer_coachkit_says_to_upgrade(
    coach: Coach, bank: QuestionBank, tmp_path: Path
) -> None:
    (line,) = _exported(coach, tmp_path / "all.jsonl")
    source = tmp_path / "newer.jsonl"
    source.write_text(json.dumps({**line, "schema_version": 3}) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.db"
    with pytest.raises(BadInputError) as raised:
        Coach(bank=bank, store=Store(empty)).import_attempts(source)
    message = str(raised.value)
    assert message.startswith(f"{source}:1: ")
    assert "schema_version" in message and "newer coachkit" in message
    assert "git pull, then pip install -e ." in message and "nothing was imported" in message
    assert "on a shared server such as JupyterHub, ask whoever runs it to" in message
    assert "pip install -U" not in message  # coachkit installs from its folder, not PyPI
    assert not empty.exists()


def test_invalid_json_names_its_line_and_nothing_is_imported(
    coach: Coach, bank: QuestionBank, tmp_path: Path
) -> None:
    (line,) = _exported(coach, tmp_path / "all.jsonl")
    source = tmp_path / "broken.jsonl"
    source.write_text(json.dumps(line) + "\n\n{not json\n", encoding="utf-8")
    with Store(tmp_path / "empty.db") as empty:
        with pytest.raises(BadInputError) as raised:
            Coach(bank=bank, store=empty).import_attempts(source)
        assert empty.count_attempts() == 0
    message = str(raised.value)
    assert message.startswith(f"{source}:3: not valid JSON (")
    assert "(:" not in message


def test_an_id_already_saved_with_another_answer_is_refused(
    coach: Coach, bank: QuestionBank, tmp_path: Path
) -> None:
    """It was skipped as "already present", and its answer lost without a word."""
    (line,) = _exported(coach, tmp_path / "all.jsonl")
    other = {**line, "answer": f"{line['answer']} Then I rewrote the whole test suite."}
    source = tmp_path / "clash.jsonl"
    source.write_text(json.dumps(line) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"clash\.jsonl:2: the id .* is also on line 1"):
        coach.import_attempts(source)
    source.write_text(json.dumps(other) + "\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"clash\.jsonl:1: .* already saved, with another"):
        coach.import_attempts(source)
    source.write_text(json.dumps(line) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    assert coach.import_attempts(source) == ImportResult(added=0, present=1, repeated=1)


def test_a_line_repeated_in_the_file_is_counted_apart(
    coach: Coach, bank: QuestionBank, tmp_path: Path
) -> None:
    """A line given twice was counted "already present", as if saved before the import."""
    lines = _exported(coach, tmp_path / "all.jsonl", count=2)
    no_id = {key: value for key, value in lines[1].items() if key != "id"}
    source = tmp_path / "twice.jsonl"
    # The first line three times; the second twice, without its id (derived, so the same).
    text = [lines[0], lines[0], no_id, lines[0], no_id]
    source.write_text("".join(json.dumps(line) + "\n" for line in text), encoding="utf-8")
    with Store(tmp_path / "other.db") as other:
        target = Coach(bank=bank, store=other)
        assert target.import_attempts(source) == ImportResult(added=2, present=0, repeated=3)
        assert other.count_attempts() == 2
        assert target.import_attempts(source) == ImportResult(added=0, present=2, repeated=3)


def test_an_answer_too_long_to_be_one_is_refused_and_nothing_saved(
    coach: Coach, bank: QuestionBank, tmp_path: Path
) -> None:
    """Its export would be a line no import reads."""
    with pytest.raises(BadInputError, match=r"100,001 characters.*Paste only the answer"):
        coach.submit("time-you-failed", "In 2023 I led it. " + "x" * (100_001 - 18))
    assert coach.history() == []
    longest = "In 2023 I led the migration at Acme. " * 2_700  # just under the limit
    coach.submit("time-you-failed", longest)
    coach.export_attempts(tmp_path / "all.jsonl")
    fresh = Coach(bank=bank, store=Store(tmp_path / "fresh.db"))
    assert fresh.import_attempts(tmp_path / "all.jsonl").added == 1


def test_an_imported_answer_longer_than_coachkit_keeps_is_refused(
    coach: Coach, bank: QuestionBank, tmp_path: Path
) -> None:
    (line,) = _exported(coach, tmp_path / "all.jsonl")
    long = {**line, "id": "other-id", "answer": f"{line['answer']} " + "x " * 60_000}
    source = tmp_path / "long.jsonl"
    source.write_text(json.dumps(long) + "\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"long\.jsonl:1: answer is 1\d\d,\d{3} characters"):
        coach.import_attempts(source)


def test_a_line_longer_than_any_attempt_is_refused_before_it_is_read(
    bank: QuestionBank, tmp_path: Path
) -> None:
    """A 120 MB line took about 1 GB of memory to import."""
    source = tmp_path / "huge.jsonl"
    source.write_text('{"answer": "' + "x" * 1_200_000 + '"}\n', encoding="utf-8")
    with pytest.raises(BadInputError, match=r"huge\.jsonl:1: the line is 1,200,01\d characters"):
        Coach(bank=bank, store=Store(tmp_path / "x.db")).import_attempts(source)


def test_json_nested_too_deep_is_refused_in_one_line(bank: QuestionBank, tmp_path: Path) -> None:
    """It was a RecursionError, printed as a traceback."""
    source = tmp_path / "deep.jsonl"
    source.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"deep\.jsonl:1: lists or objects nested too deep"):
        Coach(bank=bank, store=Store(tmp_path / "x.db")).import_attempts(source)


def test_a_line_that_is_not_an_attempt_names_the_field(bank: QuestionBank, tmp_path: Path) -> None:
    source = tmp_path / "odd.jsonl"
    source.write_text('{"question_id": "time-you-failed"}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(
        BadInputError, match=r"odd\.jsonl:1: not a coachkit attempt \(it has no category, answer"
    ):
        Coach(bank=bank, store=Store(tmp_path / "x.db")).import_attempts(source)
    # Some other file's JSON is not taken for an attempt from a newer coachkit.
    source.write_text('{"bad": 1}\n', encoding="utf-8")
    with pytest.raises(BadInputError) as raised:
        Coach(bank=bank, store=Store(tmp_path / "x.db")).import_attempts(source)
    message = str(raised.value)
    assert "it has no question_id, category, answer, card;" in message
    assert "newer" not in message and "pip install" not in message


def test_export_to_a_place_it_cannot_write_is_bad_input(coach: Coach, tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="Cannot write"):
        coach.export_attempts(tmp_path / "missing-folder" / "out.jsonl")
    folder = tmp_path / "a-folder.jsonl"
    folder.mkdir()
    with pytest.raises(BadInputError, match="Cannot write"):
        coach.export_attempts(folder)
    assert list(tmp_path.glob(".*partial")) == []


def test_a_new_export_is_readable_by_its_owner_alone(coach: Coach, tmp_path: Path) -> None:
    """Exports were written with the usual umask (0644): every answer, readable by all
    users of a shared hub."""
    coach.submit("time-you-failed", "In 2023 I led a migration at Acme and missed by a week.")
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.jsonl"
        coach.export_attempts(fresh)
        shared = tmp_path / "shared.jsonl"
        coach.export_attempts(shared)
        shared.chmod(0o644)  # the owner chose to share it: a refresh keeps that
        coach.export_attempts(shared)
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


def test_an_export_over_an_empty_or_other_file_is_private(coach: Coach, tmp_path: Path) -> None:
    """An export over a file umask 002 had made 0664 (an empty one, or one --force
    replaced) kept that mode: every answer readable by the group, on a hub often all."""
    coach.submit("time-you-failed", "In 2023 I led a migration at Acme and missed by a week.")
    empty, other = tmp_path / "empty.jsonl", tmp_path / "notes.txt"
    empty.touch(mode=0o664)
    other.write_text("notes\n", encoding="utf-8")
    for path in (empty, other):
        path.chmod(0o664)
    coach.export_attempts(empty)
    coach.export_attempts(other, force=True)
    assert stat.S_IMODE(empty.stat().st_mode) == 0o600
    assert stat.S_IMODE(other.stat().st_mode) == 0o600


def test_an_open_coach_follows_an_edited_config(coachkit_home: Path, bank: QuestionBank) -> None:
    """An open notebook kept the budget it first read until the kernel restarted, while
    the CLI already followed the new one."""
    config = coachkit_home / "config.yaml"
    coachkit_home.mkdir(parents=True, exist_ok=True)
    config.write_text("budget: {llm_scores_per_hour: 30}\n", encoding="utf-8")
    coach = Coach(bank=bank)
    assert coach.config.budget.llm_scores_per_hour == 30
    local = coach.scorer("local")
    assert coach.scorer("local") is local  # kept while nothing changes
    config.write_text("budget: {llm_scores_per_hour: 2}\nfallback: null\n", encoding="utf-8")
    assert coach.config.budget.llm_scores_per_hour == 2 and coach.config.fallback is None
    assert coach.scorer("local") is not local  # scorers are built again for the new config
    given = Coach(bank=bank, config=coach.config)
    config.write_text("budget: {llm_scores_per_hour: 9}\n", encoding="utf-8")
    assert given.config.budget.llm_scores_per_hour == 2  # a config handed in is kept
