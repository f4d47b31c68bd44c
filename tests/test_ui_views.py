"""Every view as a notebook opens it, and the things every control must have."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import pytest

from coachkit import Coach
from coachkit.ui import MockInterviewView, PracticeView, ProgressView, SettingsView, StartHere
from coachkit.ui.parts import ErrorPanel, View, readable

VIEWS = [StartHere, PracticeView, ProgressView, MockInterviewView, SettingsView]
LABELLED = (w.Dropdown, w.Text, w.Textarea, w.DatePicker, w.BoundedIntText)


def _walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


@pytest.mark.parametrize("make", VIEWS, ids=lambda v: v.__name__)
def test_opens_on_a_fresh_home_without_errors(make: type[View]) -> None:
    """What a notebook's one cell does: the default Coach on an empty COACHKIT_HOME."""
    view = make()
    assert view.errors.message is None  # type: ignore[attr-defined]
    assert "application/vnd.jupyter.widget-view+json" in view._repr_mimebundle_()
    assert "coachkit" in view.root._dom_classes


@pytest.mark.parametrize("make", VIEWS, ids=lambda v: v.__name__)
def test_controls_are_labelled(make: type[View]) -> None:
    """Screen readers and the browser tests find controls by their labels."""
    view = make()
    for widget in _walk(view.root):
        if isinstance(widget, w.Button):
            assert widget.description.strip(), "a button without text"
        if isinstance(widget, LABELLED):
            assert widget.description.strip(), f"unlabelled {type(widget).__name__}"


@pytest.mark.parametrize("make", VIEWS, ids=lambda v: v.__name__)
def test_a_broken_config_is_shown_not_raised(make: type[View], coachkit_home: Path) -> None:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text("scorer: nope\n", encoding="utf-8")
    view = make(Coach())  # type: ignore[call-arg]
    message = view.errors.message or ""  # type: ignore[attr-defined]
    if make is ProgressView:
        assert message == ""  # progress needs no scorer
    else:
        assert "Unknown scorer 'nope'" in message


def test_error_panel_catches_and_hides() -> None:
    panel = ErrorPanel()
    assert panel.widget.layout.display == "none"

    def boom(_x: object) -> None:
        raise ValueError("bad\nsecond line")

    assert panel.guard(boom)(1) is None
    assert panel.message is not None and "ValueError: bad" in panel.message
    assert "second line" not in panel.message and panel.details and "Traceback" in panel.details
    assert 'role="alert"' in panel.widget.value
    panel.show("<b>user text</b>")
    assert "&lt;b&gt;" in panel.widget.value
    panel.clear()
    assert panel.message is None and panel.widget.layout.display == "none"
    assert readable(KeyError("x")).startswith("Something went wrong (KeyError")


def test_a_bug_in_a_voila_page_says_to_reload_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Voila page has no kernel to restart: a reload gives it a new one."""
    assert readable(KeyError("x")).endswith("restart the kernel.")
    monkeypatch.setenv("VOILA_KERNEL_ID", "0d4c1f2e")
    assert readable(KeyError("x")).endswith("reload the page.")


def test_only_the_ui_imports_ipywidgets() -> None:
    code = (
        "import sys, coachkit, coachkit.coach, coachkit.progress, coachkit.charts;"
        "print('ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_one_palette_for_charts_and_widgets() -> None:
    from coachkit.charts import COLORS
    from coachkit.ui.theme import DIMENSION_COLORS

    assert COLORS == DIMENSION_COLORS


def test_a_stale_card_keeps_its_text_contrast() -> None:
    """Dimmed to 45% opacity, its text was 1.8-2.8:1 on white, below WCAG AA's 4.5:1."""
    from coachkit.ui.theme import CSS

    rules = re.findall(r"[^{}]*\.ck-stale[^{}]*\{([^}]*)\}", CSS)
    assert rules and not any("opacity" in rule for rule in rules)
    assert any("grayscale" in rule for rule in rules)  # still told apart from a fresh card


def test_the_practice_notebook_does_not_load_matplotlib() -> None:
    code = (
        "import sys; from coachkit.ui import PracticeView;"
        "print('matplotlib' in sys.modules, PracticeView.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "PracticeView"]


def test_start_here_shows_reviews_due_and_days_to_the_interview(coachkit_home: Path) -> None:
    from datetime import date, timedelta

    coachkit_home.mkdir(parents=True, exist_ok=True)
    soon = date.today() + timedelta(days=9)
    (coachkit_home / "config.yaml").write_text(
        f"practice:\n  interview_date: {soon.isoformat()}\n", encoding="utf-8"
    )
    coach = Coach()
    coach.submit("time-you-failed", "In 2022 I broke the billing job at Acme and fixed it.")
    summary = StartHere(coach).summary.value
    assert "Due for review</span><b>0</b>" in summary
    assert "Days to your interview</span><b>9</b>" in summary
    assert "Your attempts</span><b>1</b>" in summary


def test_start_here_says_how_to_answer_aloud_and_which_profile_does(coachkit_home: Path) -> None:
    assert (
        "To answer aloud from a recording, name a speech-to-text profile as "
        "<code>transcriber:</code> in your config (see Answer aloud in the README)."
    ) in StartHere(Coach()).summary.value  # it ended "(the README's Answer aloud)"
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text(
        "transcriber: whisper\nmodel_list:\n  - model_name: whisper\n"
        "    litellm_params: {model: openai/whisper-1}\n",
        encoding="utf-8",
    )
    summary = StartHere(Coach()).summary.value
    assert "Recordings transcribed by</span><b>whisper</b>" in summary
    assert "transcriber:" not in summary


def test_start_here_says_the_scorer_chosen_lacks_its_key(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tile read "Scorer gpt" as if set up, while with its key unset every score fell
    back to the offline scorer at once."""
    monkeypatch.delenv("START_TEST_KEY", raising=False)
    coachkit_home.mkdir(parents=True, exist_ok=True)
    config = coachkit_home / "config.yaml"
    profile = (
        "model_list:\n  - model_name: gpt\n"
        "    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/START_TEST_KEY}\n"
    )
    config.write_text("scorer: gpt\n" + profile, encoding="utf-8")
    said = re.sub(r"<[^>]+>", "", StartHere(Coach()).summary.value)
    assert (
        "gpt reads START_TEST_KEY, which is not set: until then your answers are scored by "
        "local instead. Settings says how to set it."
    ) in said
    config.write_text("scorer: gpt\nfallback: null\n" + profile, encoding="utf-8")
    assert "until then scoring with it fails (no fallback is set)" in (
        StartHere(Coach()).summary.value
    )
    monkeypatch.setenv("START_TEST_KEY", "sk-start-0001")
    summary = StartHere(Coach()).summary.value
    assert "not set" not in summary and "sk-start-0001" not in summary


def _lost(view: View) -> w.HTML:
    [notice] = [c for c in view.root.children if "ck-lost" in c._dom_classes]
    assert isinstance(notice, w.HTML)
    return notice


@pytest.mark.parametrize("make", VIEWS, ids=lambda v: v.__name__)
def test_every_view_says_what_to_do_once_its_kernel_is_gone(
    make: type[View], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed kernel left every control a broken-link icon and not one word: the notice
    is written while the kernel runs, for the stylesheet to show once it is gone."""
    from coachkit.ui.theme import CSS

    said = _lost(make()).value
    assert "Run the notebook again" in said and "ck-lost-pin" not in said
    monkeypatch.setenv("VOILA_KERNEL_ID", "0d4c1f2e")
    said = _lost(make()).value
    assert "This page lost its Python kernel" in said and "Reload the page" in said
    assert "Run All" not in said and "ck-lost-pin" in said
    # Only the views that keep what is typed as a draft speak of it.
    assert ("your draft comes back" in said) == (make in (PracticeView, MockInterviewView))
    assert ".coachkit.jupyter-widgets-disconnected:not(.ck-lost-moved) > .ck-lost" in CSS


def test_start_here_with_a_broken_config_says_how_to_see_it_fixed(
    coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start here named the typo and stopped: nothing said the page is read once, or that
    answers are scored offline meanwhile."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text("practice:\n  new_per_day 5\n", encoding="utf-8")
    message = StartHere().errors.message or ""
    assert "config.yaml:1: practice:" in message and "scored by the offline scorer" in message
    assert message.endswith("run this notebook again to see it here.")
    monkeypatch.setenv("VOILA_KERNEL_ID", "0d4c1f2e")
    assert (StartHere().errors.message or "").endswith("reload this page to see it here.")
