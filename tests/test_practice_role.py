"""The role you practise for (``practice.role``): Next up, the filters and the mock
interview start on its questions, and those for any role.

Without one, a mock interview's mixed preset served "Why product management?" to a
backend engineer.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from html import escape
from pathlib import Path

import pytest

from coachkit import Coach, ConfigError, QuestionBank, Store, load_config
from coachkit.cli import main
from coachkit.interview import MIXED
from coachkit.ui import MockInterviewView, PracticeView, SettingsView, StartHere
from coachkit.ui.runtime import InlineRunner, ManualScheduler


def _config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def backend(coachkit_home: Path) -> Path:
    return _config(coachkit_home, "scorer: local\npractice:\n  role: backend\n")


def _fits(question_ids: list[str], bank: QuestionBank, role: str) -> bool:
    return all(bank.get(q).fits_role(role) for q in question_ids)


def test_the_role_is_read_from_the_config(backend: Path, store: Store, bank: QuestionBank) -> None:
    coach = Coach(bank=bank, store=store)
    assert coach.role == "backend"
    questions = coach.practice_questions()
    assert questions == bank.filter(role="backend") and len(questions) < len(bank)
    assert _fits([q.id for q in questions], bank, "backend")


def test_a_role_no_question_names_is_every_role(
    coachkit_home: Path, store: Store, bank: QuestionBank
) -> None:
    _config(coachkit_home, "practice:\n  role: astronaut\n")
    coach = Coach(bank=bank, store=store)
    assert coach.role is None and len(coach.practice_questions()) == len(bank)


def test_a_role_is_written_as_a_slug(coachkit_home: Path) -> None:
    _config(coachkit_home, "practice:\n  role: Back End\n")
    with pytest.raises(ConfigError, match=r"config\.yaml:2: practice\.role"):
        load_config()


def test_practice_opens_on_the_role(backend: Path, store: Store, bank: QuestionBank) -> None:
    view = PracticeView(
        Coach(bank=bank, store=store), runner=InlineRunner(), scheduler=ManualScheduler()
    )
    assert view.role.value == "backend"
    shown = [value for _label, value in view.question.options]
    assert shown and _fits(shown, bank, "backend")
    assert "Why product management" not in " ".join(label for label, _ in view.question.options)
    # The notebook's own choice still wins.
    other = PracticeView(
        Coach(bank=bank, store=store),
        role="frontend",
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
    )
    assert other.role.value == "frontend"


def test_the_mock_interview_starts_on_the_role(
    backend: Path, store: Store, bank: QuestionBank, tmp_path: Path
) -> None:
    view = MockInterviewView(
        Coach(bank=bank, store=store),
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        reports_dir=tmp_path,
    )
    assert view.preset.value == "backend"


def test_without_a_role_the_mixed_preset_says_it_takes_every_role(
    coachkit_home: Path, store: Store, bank: QuestionBank, tmp_path: Path
) -> None:
    view = MockInterviewView(
        Coach(bank=bank, store=store),
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        reports_dir=tmp_path,
    )
    assert view.preset.value == MIXED
    assert ("mixed categories, every role", MIXED) in view.preset.options


def test_next_on_the_command_line_follows_the_role(backend: Path, bank: QuestionBank) -> None:
    out = io.StringIO()
    assert main(["next", "--json"], out=out) == 0
    suggested = json.loads(out.getvalue())["question_id"]
    assert bank.get(suggested).fits_role("backend")
    out = io.StringIO()
    assert main(["next", "--json", "--role", "product-manager"], out=out) == 0
    assert bank.get(json.loads(out.getvalue())["question_id"]).fits_role("product-manager")


def test_a_role_chosen_for_next_puts_its_own_questions_first(
    coachkit_home: Path, bank: QuestionBank, store: Store
) -> None:
    """As practice.role does: `next --role` and the practice view's Role both offer the
    role's own new questions before those asked of every role."""
    role = "engineering-manager"
    out = io.StringIO()
    assert main(["next", "--json", "--role", role], out=out) == 0
    suggested = bank.get(json.loads(out.getvalue())["question_id"])
    assert role in suggested.roles, suggested.id

    view = PracticeView(
        Coach(bank=bank, store=store), role=role, runner=InlineRunner(), scheduler=ManualScheduler()
    )
    assert view.role.value == role
    view.next_button.click()
    assert role in bank.get(view.state.question_id or "").roles, view.state.question_id
    view.role.value = ""  # every role: none comes first
    view.next_button.click()
    assert bank.get(view.state.question_id or "").roles == ("any",), view.state.question_id


def test_role_any_on_the_command_line_is_every_role(backend: Path, bank: QuestionBank) -> None:
    """As in ``practice.role: any``: every role's questions, not only those for any role,
    and it overrides the role in the config."""
    out = io.StringIO()
    assert main(["questions", "--json", "--role", "any"], out=out) == 0
    assert len(json.loads(out.getvalue())) == len(bank)
    out = io.StringIO()
    assert main(["next", "--json", "--role", "any"], out=out) == 0
    assert json.loads(out.getvalue())["role"] is None
    out = io.StringIO()
    assert main(["next", "--role", "any"], out=out) == 0
    assert out.getvalue().startswith("For every role (--role).")


def test_start_here_names_the_role(backend: Path, store: Store, bank: QuestionBank) -> None:
    summary = StartHere(Coach(bank=bank, store=store)).summary.value
    assert "Practising for" in summary
    assert f"Questions for your role</span><b>{len(bank.filter(role='backend'))}</b>" in summary


def test_settings_saves_the_role_with_the_plan(
    backend: Path, store: Store, bank: QuestionBank
) -> None:
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "")
    assert view.role.value == "backend" and ("backend", "backend") in view.role.options
    view.role.value = "frontend"
    view.plan_button.click()
    assert view.errors.message is None and "Saved the practice plan" in view.plan_status.value
    assert load_config().practice.role == "frontend"
    assert "role: frontend" in backend.read_text(encoding="utf-8")
    view.role.value = ""
    view.plan_button.click()
    assert load_config().practice.role is None


def test_a_role_over_a_shared_config_is_the_users_own(
    coachkit_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    store: Store,
    bank: QuestionBank,
) -> None:
    shared = tmp_path / "cohort.yaml"
    shared.write_text("scorer: local\npractice:\n  role: backend\n", encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CONFIG", str(shared))
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "")
    assert view.role.value == "backend"
    view.role.value = ""  # every role, for this user only
    view.plan_button.click()
    assert "role: null" in (coachkit_home / "config.yaml").read_text(encoding="utf-8")
    assert load_config().practice.role is None
    assert "role: backend" in shared.read_text(encoding="utf-8")


def test_settings_keeps_a_role_no_question_names_in_view(
    coachkit_home: Path, store: Store, bank: QuestionBank
) -> None:
    _config(coachkit_home, "practice:\n  role: ios\n")
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "")
    assert view.role.value == "ios" and ("ios (no questions)", "ios") in view.role.options


def test_settings_saves_nothing_while_the_config_has_an_error(
    coachkit_home: Path, store: Store, bank: QuestionBank
) -> None:
    """Save plan over a config with a bad date wrote the form's defaults over the user's
    role and new questions a day."""
    text = "practice:\n  new_per_day: 3\n  role: backend  # cohort\n  interview_date: 12/20/2026\n"
    path = _config(coachkit_home, text)
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "")
    assert "is not a date" in (view.errors.message or "")
    assert view.plan_button.disabled and view.save_button.disabled
    assert "Saving is off until the config is fixed" in view.plan.value
    assert "Shown once the config is fixed" in view.budget.value
    path.write_text(text.replace("12/20/2026", "2099-12-20"), encoding="utf-8")
    view = SettingsView(Coach(bank=bank, store=store), runner=InlineRunner(), budget=lambda _c: "")
    assert not view.plan_button.disabled and view.role.value == "backend"
    assert "Shown once the config is fixed" not in view.resolved.value


@pytest.mark.parametrize(
    ("role", "said"),
    [
        ("backnd", "a role no question is for: did you mean 'backend'? Questions for every"),
        ("astronaut", "a role no question is for. Questions for every role are offered"),
    ],
)
def test_a_role_that_cannot_be_followed_is_said_so(
    coachkit_home: Path,
    store: Store,
    bank: QuestionBank,
    capsys: pytest.CaptureFixture[str],
    role: str,
    said: str,
) -> None:
    """A typo in practice.role quietly meant every role, in the CLI and the notebooks."""
    _config(coachkit_home, f"practice:\n  role: {role}\n")
    assert main(["next"], out=io.StringIO()) == 0
    err = capsys.readouterr().err
    assert err.startswith("coachkit: warning: practice.role in your config is") and said in err
    coach = Coach(bank=bank, store=store)
    practice = PracticeView(coach, runner=InlineRunner(), scheduler=ManualScheduler())
    shown = escape(said)
    assert shown in practice.bank_problems.value and practice.bank_problems.layout.display == ""
    assert shown in StartHere(coach).bank_problems.value
    settings = SettingsView(coach, runner=InlineRunner(), budget=lambda _c: "")
    assert shown in settings.bank_problems.value


def test_a_role_whose_question_file_broke_points_at_it(
    coachkit_home: Path, store: Store, bank: QuestionBank
) -> None:
    _config(coachkit_home, "practice:\n  role: ios\n")
    folder = coachkit_home / "questions"
    folder.mkdir()
    (folder / "ios.yaml").write_text("questions:\n  - id: x\n    roles: [ios\n")
    problem = Coach(bank=QuestionBank.load(), store=store).role_problem()
    assert problem is not None and "is its question file among those left out?" in problem


def test_next_says_which_role_it_followed(backend: Path) -> None:
    out = io.StringIO()
    assert main(["next"], out=out) == 0
    assert out.getvalue().startswith("For your role, backend (practice.role in your config;")
    out = io.StringIO()
    assert main(["next", "--role", "frontend"], out=out) == 0
    assert out.getvalue().startswith("For the role frontend (--role).\nNext up:")
    out = io.StringIO()
    assert main(["next", "--json"], out=out) == 0
    assert json.loads(out.getvalue())["role"] == "backend"


WHISPER = (
    "transcriber: whisper\nmodel_list:\n  - model_name: whisper\n"
    "    litellm_params: {model: openai/whisper-1, api_key: none}\n"
)


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ("scorer: gtp\n", "Unknown scorer 'gtp' (`scorer:` in"),
        ("fallback: gtp\n", "Unknown scorer 'gtp' (`fallback:` in"),
        (f"scorer: whisper\n{WHISPER}", "Scorer 'whisper' (`scorer:` in"),
    ],
)
def test_a_scorer_mistake_in_the_file_keeps_its_practice_plan_for_next(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str], head: str, said: str
) -> None:
    """`coachkit next` scores nothing, yet `scorer: gtp` dropped the whole plan: "For
    your role" and the interview date went, and new_per_day fell back to 5."""
    interview = date.today() + timedelta(days=20)
    _config(
        coachkit_home,
        f"{head}practice:\n  role: backend\n  new_per_day: 2\n"
        f"  interview_date: {interview:%Y-%m-%d}\n",
    )
    out = io.StringIO()
    assert main(["next"], out=out) == 0
    err = capsys.readouterr().err
    assert out.getvalue().startswith("For your role, backend (practice.role in your config;")
    assert said in err
    assert "Your practice plan applies meanwhile" in err and "defaults apply" not in err
    out = io.StringIO()
    assert main(["next", "--json"], out=out) == 0
    shown = json.loads(out.getvalue())
    days = (interview - date.today()).days  # after the run: one across midnight counts 19
    assert (shown["role"], shown["new_per_day"], shown["days_to_interview"]) == ("backend", 2, days)


def test_a_role_name_says_how_it_is_written(coachkit_home: Path) -> None:
    _config(coachkit_home, "practice:\n  role: Back End\n")
    with pytest.raises(ConfigError) as info:
        load_config()
    assert str(info.value).endswith(
        "practice.role: 'Back End' is not a role name: use lowercase letters and digits "
        "joined by hyphens, e.g. back-end"
    )


def test_next_says_when_the_interview_date_has_passed(
    coachkit_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A past practice.interview_date was accepted without a word, and `next` simply
    stopped mentioning the interview."""
    _config(coachkit_home, "practice:\n  interview_date: 2020-01-01\n")
    assert main(["next"], out=io.StringIO()) == 0
    err = capsys.readouterr().err
    assert "practice.interview_date in your config, 01 Jan 2020, has passed" in err


@pytest.mark.parametrize("head", ["scorer: gtp\n", "fallback: gtp\n"])
def test_a_scorer_mistake_keeps_the_practice_plan_in_the_notebooks(
    coachkit_home: Path, store: Store, bank: QuestionBank, head: str
) -> None:
    """`coachkit next` kept the plan through `scorer: gtp`; Practice and Start here
    dropped it: every role offered, no days to the interview, 5 new a day."""
    interview = date.today() + timedelta(days=20)
    _config(
        coachkit_home,
        f"{head}practice:\n  role: backend\n  new_per_day: 2\n"
        f"  interview_date: {interview:%Y-%m-%d}\n",
    )
    coach = Coach(bank=bank, store=store)
    plan = coach.practice_plan()
    assert (plan.role, plan.new_per_day, plan.interview_date) == ("backend", 2, interview)
    practice = PracticeView(coach, runner=InlineRunner(), scheduler=ManualScheduler())
    assert practice.role.value == "backend"
    assert "Unknown scorer 'gtp'" in (practice.errors.message or "")
    summary = StartHere(coach).summary.value
    assert f"Questions for your role</span><b>{len(bank.filter(role='backend'))}</b>" in summary
    assert "Days to your interview" in summary
