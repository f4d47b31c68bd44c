"""The scorer a mock interview is resumed with, when the config changed since."""

from __future__ import annotations

import random
from pathlib import Path

from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config
from coachkit.errors import ScoringError
from coachkit.ui import MockInterviewView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

STORY = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."
PROFILE = "  - model_name: {name}\n    litellm_params: {{model: openai/gpt-4o-mini}}\n"


def _config(home: Path, name: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(
        f"scorer: {name}\nfallback: null\nmodel_list:\n{PROFILE.format(name=name)}"
    )


def test_resume_with_a_scorer_the_config_no_longer_has_says_so_first(
    bank: QuestionBank, store: Store, coachkit_home: Path, tmp_path: Path
) -> None:
    """gpt renamed gpt4 in the config while the notebook ran, Resume interview took the
    scorer still shown (gpt): the user answered the questions left, and End now failed
    on every answer with "Unknown scorer 'gpt'", the interview kept to resume once more."""
    _config(coachkit_home, "gpt")
    down = FakeScorer("gpt", error=ScoringError("gpt could not be reached."))
    scorers = {"gpt": down, "gpt4": FakeScorer("gpt4")}

    def factory(name: str, config: Config) -> FakeScorer:
        config.check_name(name)  # as make_scorer does: a profile not in the config fails
        return scorers[name]

    coach = Coach(bank=bank, store=store, scorer_factory=factory)
    clock = ManualScheduler()
    view = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=clock,
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )
    assert view.scorer.value == "gpt"
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()  # Finish: gpt is down and there is no fallback: kept
    assert view.report is not None and not view.report.scored
    view.new_button.click()
    _config(coachkit_home, "gpt4")  # renamed meanwhile, in an editor
    assert view.resume_button.layout.display == ""
    view.resume_button.click()
    said = view.errors.message or ""
    assert "The scorer chosen above, gpt, is no longer in your config" in said
    assert "now lists local, gpt4, and shows gpt4: pick one, then press Resume interview" in said
    assert view.session is None  # not resumed: no round of questions to score nothing
    kept = view._resumable
    assert kept is not None and kept[1].answers == {kept[1].question_ids[0]: STORY}


def _view(coach: Coach, tmp_path: Path) -> MockInterviewView:
    return MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )


def _profiles(home: Path, *names: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    listed = "".join(PROFILE.format(name=name) for name in names)
    (home / "config.yaml").write_text(f"scorer: {names[0]}\nfallback: local\nmodel_list:\n{listed}")


def _factory(name: str, config: Config) -> FakeScorer:
    config.check_name(name)  # as make_scorer does: a profile not in the config fails
    return FakeScorer(name)


def test_start_with_a_scorer_the_config_no_longer_has_says_so_first(
    bank: QuestionBank, store: Store, coachkit_home: Path, tmp_path: Path
) -> None:
    """gpt renamed gpt4 in the config with the notebook open, Start interview took the
    gpt the box still showed: every answer failed to score at the end."""
    _profiles(coachkit_home, "gpt")
    view = _view(Coach(bank=bank, store=store, scorer_factory=_factory), tmp_path)
    assert view.scorer.value == "gpt"
    _profiles(coachkit_home, "gpt4")  # renamed meanwhile, in an editor
    view.start_button.click()
    said = view.errors.message or ""
    assert "The scorer chosen above, gpt, is no longer in your config" in said
    assert "now lists local, gpt4, and shows gpt4: pick one, then press Start" in said
    assert view.session is None  # no round of questions to score nothing
    assert [value for _label, value in view.scorer.options] == ["local", "gpt4"]
    view.start_button.click()  # the box now holds what the config has
    assert view.session is not None and view.session.scorer == "gpt4"


def test_new_interview_lists_the_scorers_the_config_has_now(
    bank: QuestionBank, store: Store, coachkit_home: Path, tmp_path: Path
) -> None:
    """Back at the setup after a report, the box still offered a profile renamed since."""
    _profiles(coachkit_home, "gpt")
    view = _view(Coach(bank=bank, store=store, scorer_factory=_factory), tmp_path)
    view.count.value = 1
    view.start_button.click()
    view.answer.value = STORY
    view.next_button.click()
    assert view.report is not None and len(view.report.scored) == 1
    _profiles(coachkit_home, "gpt4")
    view.new_button.click()
    assert view.scorer.value == "gpt4"
    assert "The scorer chosen above, gpt, is no longer in your config" in (
        view.errors.message or ""
    )


def test_the_scorer_box_follows_the_config_keeping_the_choice(
    bank: QuestionBank, store: Store, coachkit_home: Path, tmp_path: Path
) -> None:
    """A profile added to the config with the notebook open was not in the box until
    the notebook ran again; the one chosen stays chosen."""
    _profiles(coachkit_home, "gpt", "claude")
    view = _view(Coach(bank=bank, store=store, scorer_factory=_factory), tmp_path)
    view.scorer.value = "claude"
    _profiles(coachkit_home, "gpt", "claude", "mistral")
    view.count.value = 3
    assert [value for _label, value in view.scorer.options] == ["local", "gpt", "claude", "mistral"]
    assert view.scorer.value == "claude"
    view.start_button.click()
    assert view.session is not None and view.session.scorer == "claude"
