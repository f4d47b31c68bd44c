"""A scorer renamed in the config while the practice page is open (a coach editing the
cohort's shared config): Score says so and offers the config's scorer now, sending
nothing to a profile that no longer exists."""

from __future__ import annotations

import os
from html import unescape
from pathlib import Path

import pytest
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config
from coachkit.ui import PracticeView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

SHARED = """\
scorer: {name}
model_list:
  - model_name: {name}
    litellm_params: {{model: openai/team-default, api_base: "http://127.0.0.1:9/v1"}}
"""
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)


def _share(path: Path, name: str) -> None:
    path.write_text(SHARED.format(name=name), encoding="utf-8")
    info = path.stat()  # an edit a second later: the stamp must not hang on the clock
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def shared(tmp_path: Path, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cohort" / "config.yaml"
    path.parent.mkdir()
    _share(path, "team")
    monkeypatch.setenv("COACHKIT_CONFIG", str(path))
    return path


def _view(bank: QuestionBank, store: Store, scorers: dict[str, FakeScorer]) -> PracticeView:
    """A view whose config is read from the files, as a notebook's is."""

    def factory(name: str, _config: Config) -> FakeScorer:
        return scorers[name]

    coach = Coach(bank=bank, store=store, scorer_factory=factory)
    return PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=ManualScheduler()
    )


def test_a_profile_renamed_since_the_page_opened_is_said_and_the_menu_follows(
    bank: QuestionBank, store: Store, shared: Path
) -> None:
    scorers = {"team": FakeScorer("team"), "proxy": FakeScorer("proxy")}
    view = _view(bank, store, scorers)
    assert view.scorer.value == "team"
    view.answer.value = ANSWER
    _share(shared, "proxy")  # the coach renames the profile

    view.score_button.click()

    assert store.attempts() == [] and scorers["proxy"].calls == []
    message = unescape(view.errors.message or "")
    assert f"The scorer “team” is no longer in the shared config {shared}" in message
    assert "it changed since this page opened" in message
    assert "shows “proxy”: press Score to score with it, or pick another first." in message
    assert [value for _label, value in view.scorer.options] == ["local", "proxy"]
    assert view.scorer.value == "proxy" and view.answer.value == ANSWER

    view.score_button.click()  # the user's own click, with the scorer shown

    assert [a.card.scorer for a in store.attempts()] == ["proxy"]
    assert view.errors.message is None


def _switch(path: Path, scorer: str) -> None:
    """The shared config's scorer set to ``scorer``, its profiles kept."""
    text = path.read_text(encoding="utf-8").replace("scorer: team", f"scorer: {scorer}")
    path.write_text(text, encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_the_config_s_scorer_changed_since_reaches_a_view_that_showed_it(
    bank: QuestionBank, store: Store, shared: Path
) -> None:
    scorers = {"team": FakeScorer("team"), "local": FakeScorer("local")}
    view = _view(bank, store, scorers)
    view.answer.value = ANSWER
    _switch(shared, "local")  # the coach stops LLM scoring: team stays defined

    view.score_button.click()

    assert store.attempts() == [] and scorers["team"].calls == []
    message = unescape(view.errors.message or "")
    assert f"The scorer set in the shared config {shared} is now “local”, not “team”" in message
    assert view.scorer.value == "local"
    view.score_button.click()
    assert [a.card.scorer for a in store.attempts()] == ["local"]


def test_a_scorer_the_user_picked_stays_when_the_config_s_changes(
    bank: QuestionBank, store: Store, shared: Path
) -> None:
    scorers = {"team": FakeScorer("team"), "local": FakeScorer("local")}
    _share(shared, "team")
    view = _view(bank, store, scorers)
    view.scorer.value = "local"
    view.scorer.value = "team"  # picked: the user's own choice, whatever the config says
    view.answer.value = ANSWER
    _switch(shared, "local")

    view.score_button.click()

    assert [a.card.scorer for a in store.attempts()] == ["team"]
    assert view.errors.message is None
