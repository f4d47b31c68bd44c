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
    _config(coachkit_home, "gpt4")  # renamed meanwhile, in an editor
    view.new_button.click()
    assert view.resume_button.layout.display == ""
    view.resume_button.click()
    said = view.errors.message or ""
    assert "The scorer chosen above, gpt, is no longer in your config" in said
    assert "choose one of local, gpt4" in said and "kept as it was" in said
    assert view.session is None  # not resumed: no round of questions to score nothing
    kept = view._resumable
    assert kept is not None and kept[1].answers == {kept[1].question_ids[0]: STORY}
