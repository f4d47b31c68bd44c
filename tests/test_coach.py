"""The Coach facade: validate first, then score and save; failures leave nothing behind."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coachkit import (
    Coach,
    EmptyAnswerError,
    QuestionBank,
    ScoreCard,
    ScoringError,
    Store,
    UnknownQuestionError,
)
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
