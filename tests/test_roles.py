"""A coach's own roles: a question file may name a role the bundled bank lacks (here
"ios", beside the bundled mobile track).

It then shows up wherever roles are offered (the filters, the mock presets, the
CLI's --role), and a near miss of a bundled role is refused as the typo it is.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from coachkit import Coach, QuestionBank, Store
from coachkit.bank import read_question_file
from coachkit.cli import main
from coachkit.config import Config
from coachkit.ui import MockInterviewView, PracticeView, ProgressView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

MOBILE = """\
questions:
  - id: offline-sync
    category: technical
    roles: [ios]
    prompt: How would you sync data for an app that is often offline?
    why_asked: Mobile apps lose the network all the time.
    how_to_answer: Local store first, a queue of changes, conflict rules.
    keypoints: [a local store, a queue of pending changes, a conflict rule]
  - id: app-store-rejection
    category: behavioral
    roles: [ios, product-manager]
    prompt: Tell me about a time a release was rejected by an app store.
    why_asked: To hear how you handle a gate you do not control.
    how_to_answer: One story, what you changed, how it shipped.
"""


@pytest.fixture
def mobile(coachkit_home: Path) -> Path:
    folder = coachkit_home / "questions"
    folder.mkdir(parents=True)
    path = folder / "mobile.yaml"
    path.write_text(MOBILE, encoding="utf-8")
    return path


def test_a_new_role_loads_and_filters(mobile: Path, bank: QuestionBank) -> None:
    combined = QuestionBank.load()
    assert combined.problems == ()
    assert "ios" in combined.roles() and "ios" not in bank.roles()
    found = {q.id for q in combined.filter(role="ios")}
    # its own two, plus every question meant for any role
    assert {"offline-sync", "app-store-rejection"} <= found
    assert len(found) == 2 + len(bank.filter(role="any"))
    assert "app-store-rejection" in {q.id for q in combined.filter(role="product-manager")}


def test_the_cli_lists_a_new_role(mobile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    args = ["questions", "--json", "--role", "ios", "--category", "technical"]
    assert main(args, out=out) == 0
    assert [q["id"] for q in json.loads(out.getvalue())] == ["offline-sync"]
    assert capsys.readouterr().err == ""


def test_the_views_offer_a_new_role(mobile: Path, store: Store, tmp_path: Path) -> None:
    coach = Coach(store=store, config=Config())
    practice = PracticeView(coach, runner=InlineRunner(), scheduler=ManualScheduler())
    assert ("ios", "ios") in practice.role.options
    practice.role.value = "ios"
    assert "offline-sync" in dict(practice.question.options).values()

    mock = MockInterviewView(
        coach, runner=InlineRunner(), scheduler=ManualScheduler(), reports_dir=tmp_path
    )
    assert ("role: ios", "ios") in mock.preset.options
    assert ("ios", "ios") in ProgressView(coach).role.options


@pytest.mark.parametrize(
    ("role", "meant"),
    [
        ("backnd", "backend"),
        ("backends", "backend"),
        ("fronted", "frontend"),
        ("sre-platfrom", "sre-platform"),
        ("engineering-managers", "engineering-manager"),
    ],
)
def test_a_near_miss_of_a_bundled_role_is_a_typo(tmp_path: Path, role: str, meant: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MOBILE.replace("[ios]", f"[{role}]"), encoding="utf-8")
    questions, problems = read_question_file(path)
    assert [q.id for q in questions] == ["app-store-rejection"]
    assert [(p.line, p.problem) for p in problems] == [
        (
            4,
            f"question offline-sync: field 'roles': {role!r} looks like a misspelling of "
            f"{meant!r}: write {meant!r}, or give a new role a name of its own",
        )
    ]


@pytest.mark.parametrize("role", ["frontend-web", "backend-go", "data-platform", "sre", "qa"])
def test_a_new_role_near_a_bundled_one_is_still_a_role(tmp_path: Path, role: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MOBILE.replace("[ios]", f"[{role}]"), encoding="utf-8")
    questions, problems = read_question_file(path)
    assert problems == [] and questions[0].roles == (role,)
