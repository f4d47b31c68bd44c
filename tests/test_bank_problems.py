"""A bad file in the user's question folder: left out with a warning, never the whole bank.

The bundled bank must load cleanly (a problem there is a broken install and still
raises); `coachkit questions --check` is the strict way to see every problem.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, QuestionFileError, Store, paths
from coachkit.bank import BankProblem, load_question_file, read_question_file
from coachkit.cli import main
from coachkit.config import Config
from coachkit.ui import MockInterviewView, PracticeView, ProgressView, SettingsView, StartHere
from coachkit.ui.runtime import InlineRunner, ManualScheduler

GOOD = """\
questions:
  - id: my-question
    category: behavioral
    roles: [any]
    prompt: Tell me about a time you shipped something.
    why_asked: To hear about delivery.
    how_to_answer: One story, your part, the outcome.
    tags: [delivery]
"""

ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)

SLUG_RULE = "use lowercase letters and digits joined by hyphens"


@pytest.fixture
def folder(coachkit_home: Path) -> Path:
    """$COACHKIT_HOME/questions, with one good file beside the bad one a test adds."""
    user = coachkit_home / "questions"
    user.mkdir(parents=True)
    (user / "a-good.yaml").write_text(GOOD, encoding="utf-8")
    return user


def _one_problem(bank: QuestionBank) -> BankProblem:
    assert len(bank.problems) == 1, bank.problems
    return bank.problems[0]


# -- the bank --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        pytest.param(
            b"questions:\n  - id: x\n    prompt: a: b\n",
            3,
            "put the whole text in quotes",
            id="syntax",
        ),
        pytest.param(
            GOOD.replace("category: behavioral", "category: trivia").replace("my-q", "x-q"),
            3,
            "field 'category': 'trivia' is not allowed: use one of behavioral, cultural-fit, "
            "technical, system-design",
            id="category",
        ),
        pytest.param(
            GOOD.replace("id: my-question", "id: My Question"),
            2,
            f"field 'id': 'My Question' is not a valid id: {SLUG_RULE}, e.g. my-question",
            id="id-pattern",
        ),
        pytest.param(
            GOOD.replace("id: my-question", "id: x-q").replace("[delivery]", "[Big Data]"),
            8,
            f"field 'tags': 'Big Data' is not a valid tag: {SLUG_RULE}, e.g. big-data",
            id="tag-pattern",
        ),
        pytest.param(
            GOOD.replace("id: my-question", "id: x-q").replace("roles: [any]", "roles: [backnd]"),
            4,
            "field 'roles': 'backnd' looks like a misspelling of 'backend': write 'backend'",
            id="role-typo",
        ),
        pytest.param(
            GOOD.replace("id: my-question", "id: x-q").replace("[any]", "[any, Data Eng]"),
            4,
            f"field 'roles': 'Data Eng' is not a valid role: {SLUG_RULE}, e.g. data-eng",
            id="role-pattern",
        ),
        pytest.param(
            GOOD.replace("id: my-question", "id: x-q").replace("    tags:", "    tagz:"),
            8,
            "field 'tagz': not a question field: did you mean 'tags'?",
            id="unknown-field",
        ),
        pytest.param(b"", 1, "the file is empty", id="empty"),
        pytest.param(b"questions:\n\t- id: x\n", 2, "a tab character", id="tab"),
        pytest.param(
            GOOD.replace("id: my-question", "id: x-q")
            .replace("shipped something", "shipped a caf\u00e9")
            .encode("latin-1"),
            5,
            "byte 0xe9 is not UTF-8 text: save the file as UTF-8",
            id="latin-1",
        ),
        # Brackets nested 30,000 deep crashed the C parser: every command and kernel died.
        pytest.param(
            "questions: " + "[" * 30_000 + "]" * 30_000, 1, "nested more than 100 deep", id="deep"
        ),
        # 900 deep was a RecursionError, shown as a traceback.
        pytest.param("questions: " + "[" * 900 + "]" * 900, 1, "nested more than", id="deep-900"),
        pytest.param(
            "a: &a [lol, lol]\n"
            + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in pairwise("abcdef"))
            + "questions: [*f]\n",
            6,
            "its aliases (*name) repeat values more than 100,000 times",
            id="aliases-past-reading",
        ),
    ],
)
def test_a_bad_user_file_is_left_out_and_the_rest_loads(
    folder: Path, bank: QuestionBank, content: str | bytes, line: int, fragment: str
) -> None:
    path = folder / "b-bad.yaml"
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    loaded = QuestionBank.load()
    assert len(loaded) == len(bank) + 1  # every bundled question, and the good file's
    assert "my-question" in loaded and "time-you-failed" in loaded
    problem = _one_problem(loaded)
    # A bad field leaves out its question; a file that is not questions, the file.
    whole = not fragment.startswith("field")
    left_out = "file" if whole else "question"
    assert (problem.path, problem.line, problem.left_out) == (str(path), line, left_out)
    assert fragment in problem.problem
    assert str(problem).startswith(f"{path}:{line}: ")
    assert "pattern" not in problem.problem and "^[a-z0-9]" not in problem.problem
    assert problem.note.endswith(
        "; the whole file is left out" if whole else "; this question is left out"
    )
    with pytest.raises(QuestionFileError) as info:  # the strict reader still stops
        load_question_file(path)
    assert (info.value.path, info.value.line) == (str(path), line)


def test_a_file_that_cannot_be_read_says_why_in_words(
    folder: Path, bank: QuestionBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared file the coach left unreadable (0600) read "cannot read the file
    ([Errno 13] Permission denied: '/srv/...')", Python's words around the path said twice."""
    path = folder / "b-locked.yaml"
    path.write_text(GOOD.replace("my-question", "locked-q"), encoding="utf-8")
    read_text = Path.read_text

    def locked(self: Path, *args: Any, **kwargs: Any) -> str:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", locked)
    loaded = QuestionBank.load()
    assert len(loaded) == len(bank) + 1 and "locked-q" not in loaded
    problem = _one_problem(loaded)
    assert problem.problem == "cannot read the file (permission denied)"


def test_a_duplicate_id_leaves_out_that_question_alone(folder: Path, bank: QuestionBank) -> None:
    path = folder / "b-dup.yaml"
    path.write_text(
        GOOD.replace("id: my-question", "id: time-you-failed")
        + GOOD.split("questions:\n", 1)[1].replace("my-question", "my-other"),
        encoding="utf-8",
    )
    loaded = QuestionBank.load()
    assert "my-other" in loaded  # the rest of the file is kept
    assert loaded.get("time-you-failed") == bank.get("time-you-failed")  # the bundled one
    problem = _one_problem(loaded)
    assert (problem.path, problem.line, problem.left_out) == (str(path), 2, "question")
    assert "duplicate question id 'time-you-failed'" in problem.problem
    # Named, as a bad field's question is (`questions --check --json` had "question": null).
    assert problem.question == "time-you-failed"
    assert str(paths.bundled_questions_dir()) in problem.problem
    assert problem.note.endswith("; this question is left out")


def test_a_duplicate_in_the_same_user_file_points_at_the_second(folder: Path) -> None:
    path = folder / "b-twice.yaml"
    path.write_text(
        GOOD.replace("my-question", "twice")
        + GOOD.split("questions:\n", 1)[1].replace("my-question", "twice"),
        encoding="utf-8",
    )
    loaded = QuestionBank.load()
    problem = _one_problem(loaded)
    assert problem.line == 9 and f"already defined at {path}:2" in problem.problem
    assert "twice" in loaded


def test_every_problem_of_a_file_is_reported(folder: Path) -> None:
    path = folder / "b-bad.yaml"
    path.write_text(
        GOOD.replace("my-question", "fine-one")
        + "  - id: Second One\n    category: trivia\n    roles: [any]\n    prompt: p\n"
        "    why_asked: w\n    how_to_answer: h\n"
        "  - id: fine-one\n    category: technical\n    roles: [any]\n    prompt: p\n"
        "    why_asked: w\n    how_to_answer: h\n    keypoints: [k]\n",
        encoding="utf-8",
    )
    loaded = QuestionBank.load()
    assert [(p.line, p.left_out) for p in loaded.problems] == [
        (9, "question"),  # the id
        (10, "question"),  # the category
        (15, "question"),  # fine-one again
    ]
    assert "duplicate question id 'fine-one'" in loaded.problems[2].problem
    # One typo takes out its own question, not the file's others (a whole track).
    assert "fine-one" in loaded and "second-one" not in loaded


def test_the_advice_names_the_folder_and_what_is_left(folder: Path, bank: QuestionBank) -> None:
    (folder / "b-bad.yaml").write_text("questions: [\n", encoding="utf-8")
    loaded = QuestionBank.load()
    assert loaded.advice() == (
        f"Fix the file, or move it out of {folder}; the other {len(bank) + 1} questions "
        "are available."
    )
    (folder / "c-bad.yaml").write_text("", encoding="utf-8")
    assert QuestionBank.load().advice().startswith("Fix the files, or move them out of")
    assert QuestionBank.load([paths.bundled_questions_dir()]).advice() == ""


def test_a_broken_bundled_file_still_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    (bundled / "core.yaml").write_text(GOOD.replace("category: behavioral", "category: x"))
    monkeypatch.setattr(paths, "bundled_questions_dir", lambda: bundled)
    with pytest.raises(QuestionFileError) as info:
        QuestionBank.load()
    assert info.value.path == str(bundled / "core.yaml") and info.value.line == 3
    assert main(["questions"], out=io.StringIO()) == 2  # a broken install: no warning
    assert "warning" not in capsys.readouterr().err

    (bundled / "core.yaml").write_text(GOOD)
    (bundled / "more.yaml").write_text(GOOD)
    with pytest.raises(QuestionFileError, match="duplicate question id 'my-question'"):
        QuestionBank.load()


# -- the command line ----------------------------------------------------------------
def run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(args, out=out), out.getvalue()


def test_check_reports_every_problem_and_exits_1(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "b-bad.yaml").write_text(
        GOOD.replace("my-question", "My Question").replace("behavioral", "trivia")
    )
    (folder / "c-dup.yaml").write_text(GOOD.replace("my-question", "time-you-failed"))
    (folder / "d-empty.yaml").write_text("")
    code, out = run(["questions", "--check"])
    err = capsys.readouterr().err
    assert code == 1
    bundled = (paths.bundled_questions_dir() / "behavioral.yaml").read_text(encoding="utf-8")
    first = bundled.splitlines().index("  - id: time-you-failed") + 1
    assert out.splitlines() == [
        f"{folder / 'b-bad.yaml'}:2: question My Question: field 'id': 'My Question' is not "
        f"a valid id: {SLUG_RULE}, e.g. my-question",
        f"{folder / 'b-bad.yaml'}:3: question My Question: field 'category': 'trivia' is not "
        "allowed: use one of behavioral, cultural-fit, technical, system-design",
        f"{folder / 'c-dup.yaml'}:2: duplicate question id 'time-you-failed' (already defined "
        f"at {paths.bundled_questions_dir() / 'behavioral.yaml'}:{first}); ids must be unique",
        f"{folder / 'd-empty.yaml'}:1: the file is empty: expected a `questions:` list "
        "(or a list of questions)",
    ]
    assert err == (
        f"coachkit: 4 problems in 3 of 4 files in {folder}: fix each one, then run "
        "`coachkit questions --check` again.\n"
    )
    code, out = run(["questions", "--check", "--json"])
    assert code == 1 and [p["line"] for p in json.loads(out)] == [2, 3, 2, 1]
    # Nothing is linked: the real file is the one read.
    assert all(p["real_path"] == p["path"] for p in json.loads(out))


def test_check_exits_0_with_a_count_when_clean(
    folder: Path, bank: QuestionBank, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(["questions", "--check"])
    assert code == 0 and capsys.readouterr().err == ""
    assert out == f"1 file in {folder}: no problems ({len(bank) + 1} questions in the bank).\n"
    assert run(["questions", "--check", "--json"]) == (0, "[]\n")


def test_check_without_a_folder_has_nothing_to_check(coachkit_home: Path) -> None:
    code, out = run(["questions", "--check"])
    assert code == 0 and "No question files in" in out


def test_check_takes_no_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["questions", "--check", "--role", "backend"]) == (2, "")
    assert "--check reads every file" in capsys.readouterr().err


def test_the_cli_warns_on_stderr_and_still_lists_and_scores(
    folder: Path,
    bank: QuestionBank,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = folder / "b-bad.yaml"
    bad.write_text("questions:\n  - id: x\n    prompt: a: b\n", encoding="utf-8")
    code, out = run(["questions", "--json"])
    err = capsys.readouterr().err
    assert code == 0 and len(json.loads(out)) == len(bank) + 1
    assert err.splitlines() == [
        f"coachkit: warning: {bad}:3: a colon followed by a space inside text: put the whole "
        "text in quotes, or write `>-` after the field's colon and the text on the next lines, "
        "indented; the whole file is left out",
        f"coachkit: warning: Fix the file, or move it out of {folder}; the other "
        f"{len(bank) + 1} questions are available.",
    ]

    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    code, out = run(["score", "my-question"])
    assert code == 0 and "Saved as attempt" in out
    assert f"{bad}:3" in capsys.readouterr().err

    code, out = run(["next"])
    assert code == 0 and "Next up:" in out
    assert capsys.readouterr().err.count("coachkit: warning:") == 2


# -- the notebooks -------------------------------------------------------------------
@pytest.fixture
def coach(folder: Path, store: Store) -> Coach:
    """The default bank (bundled plus $COACHKIT_HOME/questions), loaded by the view."""
    (folder / "b-bad.yaml").write_text("questions:\n  - id: x\n    prompt: a: b\n")
    return Coach(store=store, config=Config(), scorer_factory=lambda _n, _c: FakeScorer())


def test_practice_works_with_the_rest_of_the_bank_and_warns(
    coach: Coach, folder: Path, bank: QuestionBank
) -> None:
    clock = ManualScheduler()
    view = PracticeView(coach, runner=InlineRunner(), scheduler=clock)
    assert view.errors.message is None  # a warning, not the red error
    notice = view.bank_problems
    assert notice.layout.display != "none" and 'class="ck-warn"' in notice.value
    assert f"{folder / 'b-bad.yaml'}:3" in notice.value and "Traceback" not in notice.value
    assert f"Fix the file, or move it out of {folder}" in notice.value
    assert len(view.question.options) == len(bank) + 1

    view.question.value = "time-you-failed"
    assert not view.answer.disabled and not view.score_button.disabled
    view.answer.value = "In 2023 I led"
    clock.advance(1.5)
    assert coach.load_draft("time-you-failed") == "In 2023 I led"

    view.answer.value = ANSWER
    view.score_button.click()
    assert view.errors.message is None and "ck-overall" in view.result.value
    assert [a.question_id for a in coach.history()] == ["time-you-failed"]


def test_practice_without_problems_shows_no_warning(store: Store) -> None:
    view = PracticeView(
        Coach(store=store, config=Config()), runner=InlineRunner(), scheduler=ManualScheduler()
    )
    assert view.bank_problems.layout.display == "none" and view.bank_problems.value == ""


def test_the_other_views_warn_and_work(coach: Coach, bank: QuestionBank, tmp_path: Path) -> None:
    start = StartHere(coach)
    mock = MockInterviewView(
        coach, runner=InlineRunner(), scheduler=ManualScheduler(), reports_dir=tmp_path
    )
    progress = ProgressView(coach)
    settings = SettingsView(coach, runner=InlineRunner(), budget=lambda _c: "")
    for view in (start, mock, progress, settings):
        assert view.errors.message is None
        assert "b-bad.yaml:3" in view.bank_problems.value
        assert view.bank_problems.layout.display != "none"
    assert f"<b>{len(bank) + 1}</b>" in start.summary.value  # the Questions tile
    assert len(mock.preset.options) > 1  # mixed, and one per role
    mock.start_button.click()
    assert mock.session is not None and mock.errors.message is None


def test_a_long_list_of_problems_is_cut_short(coach: Coach, folder: Path) -> None:
    for n in range(7):
        (folder / f"c-{n}.yaml").write_text("", encoding="utf-8")
    view = StartHere(coach)
    assert view.bank_problems.value.count("<li>") == 6
    assert "and 3 more: <code>coachkit questions --check</code> lists them all" in (
        view.bank_problems.value
    )


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        (
            'questions:\n  - id: a\n    prompt: "unclosed\n    category: technical\n\n',
            3,
            "never closed",
        ),
        ("questions:\n\t- id: a\n", 2, "a tab character"),
        (
            "questions:\n  - id: a\n    roles: [any\n    prompt: Tell me.\n",
            3,
            "a list opened here is never closed: add the ']'",
        ),
        (
            "questions:\n  - {id: a, roles: [any]\n  - id: b\n",
            2,
            "a mapping opened here is never closed: add the '}'",
        ),
        # An opening bracket with nothing after it was a mapping on the next line.
        (
            "questions: [\n  - id: a\n    prompt: Tell me.\n",
            1,
            "a list opened here is never closed: add the ']'",
        ),
        (
            "questions:\n  - {id: a, prompt: 'it''s [x', why_asked: \"a \\\" [b\", roles:\n",
            2,
            "a mapping opened here is never closed: add the '}'",
        ),
        # Each of these was reported in the parser's words, two of them a line late.
        (
            "questions:\n  - id: a\n    difficulty:easy\n    tags: [x]\n",
            3,
            "a field needs a colon and a space after its name",
        ),
        (
            "questions:\n  - id: a\n\u00a0   difficulty: easy\n    tags: [x]\n",
            3,
            "a non-breaking space",
        ),
        (
            "questions:\n  - id: a\n    keypoints:\n      - one\n    - two\n",
            5,
            "indentation does not match the lines above it",
        ),
        # A field one space off its neighbours, or back under the list's dash, was
        # reported as "did not find expected '-' indicator".
        (
            "questions:\n  - id: a\n   category: technical\n",
            3,
            "indentation does not match the lines above it",
        ),
        (
            "questions:\n  - id: a\n    prompt: Tell me.\n  roles: [any]\n",
            4,
            "indentation does not match the lines above it",
        ),
        # Text that starts with YAML's own syntax was reported in the parser's words
        # ("found character that cannot start any token"), or as a slip of indentation.
        (
            "questions:\n  - id: a\n    prompt: `git rebase` or merge?\n    roles: [any]\n",
            3,
            "text that starts with '`', which YAML reserves: put the whole text in quotes",
        ),
        (
            "questions:\n  - id: a\n    prompt: *Why* this role?\n",
            3,
            "text that starts with '*', which YAML reads as an alias: put the whole text in",
        ),
        (
            'questions:\n  - id: a\n    prompt: "Why" this role?\n    roles: [any]\n',
            3,
            'text goes on after its closing quote ("): a value that starts with a quote must '
            "end with it: put the whole text in the other quotes (')",
        ),
        (
            "questions:\n  - id: a\n    prompt: \u201cAirflow vs cron: which?\u201d\n",
            3,
            "curly quotes (\u201c \u201d), which YAML reads as text, not as quotes: use straight",
        ),
    ],
    ids=[
        "open-quote",
        "tab",
        "open-list",
        "open-mapping",
        "open-list-at-the-end",
        "open-list-nested",
        "missing-colon",
        "non-breaking-space",
        "indentation",
        "field-off-by-one",
        "field-under-the-dash",
        "backtick",
        "asterisk",
        "quote-then-text",
        "curly-quotes",
    ],
)
def test_a_yaml_slip_is_reported_where_it_can_be_fixed(
    tmp_path: Path, text: str, line: int, said: str
) -> None:
    """An unclosed quote on line 3 was reported at line 6, past the end of the file."""
    path = tmp_path / "slip.yaml"
    path.write_text(text, encoding="utf-8")
    questions, problems = read_question_file(path)
    assert questions == [] and len(problems) == 1
    assert problems[0].line == line and said in problems[0].problem


@pytest.mark.parametrize("kind", ["dangling link", "a file"])
def test_a_questions_folder_that_cannot_be_read_is_a_problem(
    coachkit_home: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cohort's folder moved on the hub left every learner's link dangling, and
    `--check` said "No question files: nothing to check"."""
    coachkit_home.mkdir(parents=True, exist_ok=True)
    folder = coachkit_home / "questions"
    if kind == "dangling link":
        folder.symlink_to(coachkit_home / "srv-questions-moved")
    else:
        folder.write_text("not a folder", encoding="utf-8")
    code, out = run(["questions", "--check"])
    assert code == 1
    assert out.startswith(f"{folder}: ")
    assert ("does not exist" if kind == "dangling link" else "not a folder") in out
    keeper = "tell whoever keeps the shared one (your coach); if that is you, fix it"
    err = capsys.readouterr().err  # a moved cohort folder is its keeper's to fix
    assert f"cannot be read: {keeper if kind == 'dangling link' else 'fix it'}" in err
    bank = QuestionBank.load()
    assert len(bank) > 80  # the bundled bank stands
    assert "Fix the folder or the link" in bank.advice()


def test_a_coachs_role_one_letter_off_another_is_a_problem(folder: Path) -> None:
    """Two of seven questions said "data-engneer": --check found no problems, and
    learners practising data-engineer never saw them."""
    questions = "questions:\n" + "".join(
        f"""  - id: de-{n}
    category: behavioral
    roles: [{role}]
    prompt: Tell me about pipeline number {n}.
    why_asked: Ownership.
    how_to_answer: One story.
"""
        for n, role in enumerate(["data-engineer"] * 3 + ["data-engneer"])
    )
    (folder / "de.yaml").write_text(questions, encoding="utf-8")
    bank = QuestionBank.load()
    (problem,) = bank.problems
    assert problem.path == str(folder / "de.yaml")
    assert "question de-3: role 'data-engneer' looks like a misspelling of 'data-engineer'" in (
        problem.problem
    )
    assert "de-3" not in bank and "de-0" in bank


def test_a_learner_is_sent_to_the_keeper_of_shared_question_files(
    coachkit_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Learners were told to fix or move a file of the coach's they cannot edit, and an
    id from that file was just "unknown". Where it is names the coach's real file, as
    the note after it does, not the learner's link to it (…/home/questions/de.yaml)."""
    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    (cohort / "de.yaml").write_text(
        GOOD.replace("my-question", "de-story").replace("tags: [delivery]", "tags: delivery"),
        encoding="utf-8",
    )
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "questions").symlink_to(cohort)
    advice = QuestionBank.load().advice()
    assert advice.startswith(f"The question files are shared (from {cohort}): ask whoever")
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    code, _ = run(["score", "de-story", "--no-save", "--answer-file", str(answer)])
    assert code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    where = cohort / "de.yaml"
    assert f"It is in {where}, but was left out: question de-story: field 'tags'" in last
    assert str(coachkit_home) not in last


def test_an_id_in_a_broken_file_of_the_cohorts_linked_folder_names_the_coachs_file(
    coachkit_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown id in a shared file that cannot be read said "It is in
    …/home/questions/de.yaml", the learner's link, a path the coach has never seen."""
    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    broken = GOOD.replace("my-question", "de-story").replace("To hear about", "To hear: about")
    (cohort / "de.yaml").write_text(broken, encoding="utf-8")
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "questions").symlink_to(cohort)
    (problem,) = QuestionBank.load().problems
    assert problem.left_out == "file"
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    code, _ = run(["score", "de-story", "--no-save", "--answer-file", str(answer)])
    assert code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert f"It is in {cohort / 'de.yaml'}, which is there but cannot be read: " in last
    assert str(coachkit_home) not in last


def test_a_copied_file_is_one_problem_that_names_both_files(folder: Path) -> None:
    """A "(copy)" of a file gave a line per question, each calling the original the
    duplicate; a copy of a bundled file is the one to remove."""
    two = GOOD + GOOD.replace("questions:\n", "").replace("my-question", "my-other-question")
    (folder / "a-good.yaml").write_text(two, encoding="utf-8")
    (folder / "a-good (copy).yaml").write_text(two, encoding="utf-8")
    (problem,) = QuestionBank.load().problems
    assert problem.line is None and problem.left_out == "file"
    # The copy is the one left out, whatever the names' order: the original is edited.
    assert problem.path == str(folder / "a-good (copy).yaml")
    assert problem.problem == (
        f"every question in it is already defined in {folder / 'a-good.yaml'} (a copy of "
        "that file?): keep one of the two"
    )
    bundled = paths.bundled_questions_dir() / "frontend.yaml"
    (folder / "frontend.yaml").write_bytes(bundled.read_bytes())
    assert any(p.problem.endswith("remove this copy") for p in QuestionBank.load().problems)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            lambda text: text.replace(
                "prompt: Tell me about a time you shipped something.", "prompt: " + "word " * 300
            ),
            "field 'prompt': 1,499 characters: a question is a sentence or two (at most 1,000)",
        ),
        (
            lambda text: text.replace(
                "    tags: [delivery]\n",
                "    tags: [delivery]\n    keypoints: [a shipped outcome, A shipped outcome]\n",
            ),
            "field 'keypoints': the key point 'A shipped outcome' is given twice: remove one",
        ),
    ],
    ids=["page-long-prompt", "key-point-twice"],
)
def test_a_pasted_page_or_a_repeated_key_point_is_a_problem(
    folder: Path, change: Callable[[str], str], said: str
) -> None:
    """Both passed --check in silence; only that question is left out, not its file."""
    other = GOOD.replace("questions:\n", "").replace("my-question", "b-other")
    (folder / "b.yaml").write_text(
        change(GOOD.replace("my-question", "b-q")) + other, encoding="utf-8"
    )
    bank = QuestionBank.load()
    (problem,) = bank.problems
    assert said in problem.problem
    assert problem.left_out == "question" and problem.line == 2
    assert "b-q" not in bank and "b-other" in bank
    assert bank.problem_for("b-q") == problem  # what a rescore of its attempts says to fix


def test_the_problem_that_keeps_a_question_out_is_found_in_a_file_left_out_whole(
    folder: Path,
) -> None:
    """A file that is not YAML names no question, yet its id line is there to find."""
    other = GOOD.replace("my-question", "b-other")
    (folder / "b.yaml").write_text(other.replace("To hear", "To: hear"), encoding="utf-8")
    bank = QuestionBank.load()
    problem = _one_problem(bank)
    assert problem.left_out == "file" and problem.question is None
    assert bank.problem_for("b-other") == problem
    assert bank.problem_for("b-oth") is None and bank.problem_for("never-was") is None


def test_the_notebooks_call_a_cohorts_linked_questions_shared_not_the_learners_own(
    coachkit_home: Path, tmp_path: Path
) -> None:
    import ipywidgets as w

    from coachkit.ui.parts import show_bank_problems

    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    (cohort / "de.yaml").write_text(GOOD.replace("[any]", "[Data Eng]"), encoding="utf-8")
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "questions").symlink_to(cohort)
    notice = w.HTML()
    show_bank_problems(notice, QuestionBank.load())
    assert "Some of the shared questions could not be loaded" in notice.value
    assert "your own questions" not in notice.value


def _read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``os.access`` answering for ``folder`` as for a user who may not write it (root may)."""
    import os

    real = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if mode & os.W_OK and str(path) == str(folder):
            return False
        return real(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)


def test_start_here_does_not_send_a_learner_to_add_questions_to_the_cohorts_folder(
    coachkit_home: Path, tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the cohort's folder linked in as the README says, Start here told each learner
    to add their own questions to it, which they may not write."""
    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    (cohort / "mine.yaml").write_text(GOOD, encoding="utf-8")
    coachkit_home.mkdir(parents=True, exist_ok=True)
    linked = coachkit_home / "questions"
    linked.symlink_to(cohort)
    coach = Coach(store=store, config=Config())
    # Left writable (or for root), the folder is still the cohort's: said so.
    assert (
        f"Add your own questions as YAML files in {linked}: it is a link to {cohort}, so "
        "whoever else reads that folder (a cohort on a shared hub) gets them too."
    ) in StartHere(coach).summary.value
    _read_only(monkeypatch, linked)
    summary = StartHere(coach).summary.value
    assert "Add your own questions" not in summary
    assert f"{linked} are shared (from {cohort}) and read-only for you" in summary


def test_a_read_only_questions_folder_under_a_linked_home_is_not_called_shared(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link above the folder (/home on a network disk) does not make it the cohort's."""
    real = tmp_path / "nfs" / "home"
    real.mkdir(parents=True)
    (tmp_path / "home-link").symlink_to(real)
    home = tmp_path / "home-link"
    monkeypatch.setenv("COACHKIT_HOME", str(home))
    (home / "questions").mkdir()
    _read_only(monkeypatch, home / "questions")

    summary = StartHere(Coach(store=store, config=Config())).summary.value

    assert f"{home / 'questions'} are read-only for you." in summary
    assert "shared" not in summary and "coach" not in summary


def test_a_misspelt_file_setting_is_named_at_its_line(tmp_path: Path) -> None:
    """`trak:` was dropped in silence, and `qestions:` read as "expected a questions list"
    with no word of the key that was meant."""
    path = tmp_path / "mine.yaml"
    path.write_text("trak: mobile\n" + GOOD.replace("questions:", "qestions:"), encoding="utf-8")
    questions, problems = read_question_file(path)
    assert questions == []
    assert [(p.line, p.question) for p in problems] == [(1, None), (2, None)]
    assert problems[0].problem.startswith(
        "'trak' is not a setting of a question file: did you mean"
    )
    assert "did you mean 'questions'?" in problems[1].problem


def test_a_track_that_is_not_text_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("track:\n  - mobile\n" + GOOD, encoding="utf-8")
    questions, problems = read_question_file(path)
    assert questions == [] and [p.line for p in problems] == [1]
    assert problems[0].problem == "`track:` should be text, e.g. track: security"


def test_the_documented_file_settings_load(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("track: mobile\ndescription: Our cohort.\n" + GOOD, encoding="utf-8")
    questions, problems = read_question_file(path)
    assert problems == [] and [q.id for q in questions] == ["my-question"]


def test_a_misspelt_setting_leaves_the_file_out_with_a_warning(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = GOOD.replace("my-question", "mine")
    (folder / "mine.yaml").write_text("trak: mobile\n" + mine, encoding="utf-8")
    bank = QuestionBank.load()
    assert "mine" not in bank and "my-question" in bank
    assert "'trak' is not a setting" in _one_problem(bank).note
    assert _one_problem(bank).note.endswith("the whole file is left out")


def test_a_key_that_holds_an_anchor_is_not_a_misspelt_setting(tmp_path: Path) -> None:
    """`defaults: &shared` is how YAML shares fields between questions (`<<: *shared`)."""
    path = tmp_path / "mine.yaml"
    shared = "defaults: &shared\n  category: behavioral\n"
    path.write_text(shared + GOOD.replace("    category: behavioral\n", "    <<: *shared\n"))
    questions, problems = read_question_file(path)
    assert problems == [] and questions[0].category == "behavioral"


def test_known_settings_are_not_looked_up_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each key's line was looked up (a parse of the whole file each) to check it: the
    bundled bank took 650 ms to load, not 150."""
    import coachkit.bank

    calls: list[object] = []
    real = coachkit.bank.line_of
    monkeypatch.setattr(coachkit.bank, "line_of", lambda *a: calls.append(a) or real(*a))
    path = tmp_path / "mine.yaml"
    path.write_text("track: mobile\ndescription: Our cohort.\n" + GOOD, encoding="utf-8")
    assert read_question_file(path)[1] == [] and calls == []


def test_a_learners_own_bad_file_under_a_linked_home_is_not_sent_to_a_coach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With COACHKIT_HOME reached through a link (/home on a network disk), a learner's
    own bad file was called shared: "ask whoever keeps them (your coach) to fix them"."""
    import ipywidgets as w

    from coachkit.ui.parts import show_bank_problems

    real = tmp_path / "nfs" / "home"
    (real / "questions").mkdir(parents=True)
    (tmp_path / "home-link").symlink_to(real)
    home = tmp_path / "home-link"
    monkeypatch.setenv("COACHKIT_HOME", str(home))
    (home / "questions" / "mine.yaml").write_text(
        GOOD.replace("tags: [delivery]", "tags: delivery"), encoding="utf-8"
    )
    bank = QuestionBank.load()
    assert bank.advice().startswith(f"Fix the file, or move it out of {home / 'questions'};")
    notice = w.HTML()
    show_bank_problems(notice, bank)
    assert "Some of your own questions could not be loaded" in notice.value
    assert "coach" not in notice.value


def test_a_question_file_linked_in_alone_is_the_cohorts(
    coachkit_home: Path, tmp_path: Path
) -> None:
    """A coach may link one file into each home rather than the folder: its keeper fixes it."""
    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    (cohort / "de.yaml").write_text(
        GOOD.replace("tags: [delivery]", "tags: delivery"), encoding="utf-8"
    )
    (coachkit_home / "questions").mkdir(parents=True)
    (coachkit_home / "questions" / "de.yaml").symlink_to(cohort / "de.yaml")
    advice = QuestionBank.load().advice()
    assert advice.startswith(f"The question files are shared (from {cohort}): ask whoever")


def test_a_problem_in_the_cohorts_linked_folder_names_the_coachs_real_file(
    coachkit_home: Path, tmp_path: Path, store: Store
) -> None:
    """Each note named the file through the learner's link (…/home/questions/de.yaml:7),
    a path the coach who must fix it has never seen: only the advice gave their folder."""
    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    two = GOOD + GOOD.replace("questions:\n", "").replace("my-question", "de-other")
    (cohort / "de.yaml").write_text(two.replace("tags: [delivery]", "tags: delivery", 1))
    (cohort / "more.yaml").write_text(GOOD.replace("my-question", "de-other"))
    coachkit_home.mkdir(parents=True, exist_ok=True)
    linked = coachkit_home / "questions"
    linked.symlink_to(cohort)

    bank = QuestionBank.load()
    field, duplicate = bank.problems
    assert field.path == str(linked / "de.yaml")  # where it was read: the advice tells
    assert str(field).startswith(f"{cohort / 'de.yaml'}:8: question my-question: field 'tags'")
    assert str(duplicate) == (
        f"{cohort / 'more.yaml'}:2: duplicate question id 'de-other' (already defined at "
        f"{cohort / 'de.yaml'}:9); ids must be unique"
    )
    coach = Coach(bank=bank, store=store, config=Config())
    practice = PracticeView(coach, runner=InlineRunner(), scheduler=ManualScheduler())
    for notice in (practice.bank_problems.value, StartHere(coach).bank_problems.value):
        assert f"{cohort / 'de.yaml'}:8: question my-question" in notice
        assert f"{cohort / 'more.yaml'}:2: duplicate" in notice
        assert str(linked) not in notice


def test_a_cohorts_linked_folder_the_learner_may_not_list_is_named_where_it_is(
    coachkit_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "…/home/questions: cannot be read", the learner's link, which the coach
    who must open the folder up does not know; only the advice said "the link"."""
    import os

    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    coachkit_home.mkdir(parents=True, exist_ok=True)
    linked = coachkit_home / "questions"
    linked.symlink_to(cohort)
    real = os.access
    # As the coach's chmod 700 denies a learner (root, running the tests, is never denied).
    monkeypatch.setattr(
        os, "access", lambda path, mode, **kw: str(path) != str(linked) and real(path, mode, **kw)
    )
    (problem,) = QuestionBank.load().problems
    assert str(problem) == f"{linked}: is a link to {cohort}, which you have no permission to list"
