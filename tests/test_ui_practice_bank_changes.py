"""Practice when the question bank changes under the learner: a question renamed or
removed (a coach editing a shared folder, the user their own file) leaves nothing typed
for it out of sight."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, coach_with

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config
from coachkit.ui import PracticeView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

QUESTION = "time-you-failed"
RENAMED = "time-you-failed-badly"
ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)


def _renamed(bank: QuestionBank, old: str = QUESTION, new: str = RENAMED) -> QuestionBank:
    """``bank`` with ``old``'s id changed to ``new``, as an edit of its YAML file does."""
    return QuestionBank(q.model_copy(update={"id": new}) if q.id == old else q for q in bank)


def _view(bank: QuestionBank, store: Store, question: str | None = None) -> PracticeView:
    return PracticeView(
        coach_with(bank, store, FakeScorer()),
        question_id=question,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
    )


def _typed(bank: QuestionBank, store: Store, text: str = ANSWER) -> PracticeView:
    view = _view(bank, store, QUESTION)
    view.answer.value = text
    view.drafts.flush()
    return view


def test_a_draft_for_a_renamed_question_is_offered_back_with_its_old_id(
    bank: QuestionBank, store: Store
) -> None:
    _typed(bank, store)

    view = _view(_renamed(bank), store, RENAMED)

    assert view.answer.value == ""  # the draft is under the old id, which no box shows
    assert view.orphans.layout.display == ""
    said = view.orphans_said.value
    assert "An answer you typed is for a question no longer in the question bank" in said
    assert "(its id was changed or it was removed since)." in said  # no file left out
    assert "Copy what you need into your answer, then dismiss it." in said
    assert f"Typed for <code>{QUESTION}</code>" in view.orphans_text.value
    assert "Late invoices fell from 300 to 0." in view.orphans_text.value


def _dismiss(view: PracticeView) -> None:
    """Dismiss, then Delete for good when asked."""
    view.dismiss_orphans.click()
    view.delete_orphans.click()


def test_dismiss_asks_first_and_keep_them_deletes_nothing(
    bank: QuestionBank, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _typed(bank, store)
    view = _view(_renamed(bank), store, RENAMED)
    focused: list[str] = []
    for name in ("role", "delete_orphans", "dismiss_orphans"):
        monkeypatch.setattr(getattr(view, name), "focus", lambda name=name: focused.append(name))

    view.dismiss_orphans.click()  # Enter on a focused button: one keystroke deletes nothing

    assert store.load_draft(QUESTION) == ANSWER
    assert view.dismiss_orphans.layout.display == "none"
    assert view.orphans_confirm.layout.display == ""
    assert "Delete this answer for good? Nothing brings it back" in view.orphans_said.value
    assert focused == ["delete_orphans"]  # the button pressed is gone: focus goes on

    view.keep_orphans.click()

    assert store.load_draft(QUESTION) == ANSWER and focused[-1] == "dismiss_orphans"
    assert view.dismiss_orphans.layout.display == "" and view.orphans_confirm.layout.display
    assert "Copy what you need into your answer" in view.orphans_said.value  # said again

    _dismiss(view)

    assert store.load_draft(QUESTION) is None and focused[-1] == "role"
    assert view.orphans.layout.display == "none"
    assert "The answer typed for a question no longer in the question bank is deleted." in (
        view.orphans_said.value
    )


def test_two_are_said_of_questions_each_with_its_id(bank: QuestionBank, store: Store) -> None:
    _typed(bank, store)
    other = _view(bank, store, "tell-me-about-yourself")
    other.answer.value = "I build billing systems."
    other.drafts.flush()
    renamed = _renamed(_renamed(bank), "tell-me-about-yourself", "introduce-yourself")

    view = _view(renamed, store, RENAMED)

    assert "2 answers you typed are for questions no longer in the question bank" in (
        view.orphans_said.value
    )
    text = view.orphans_text.value
    assert "<code>time-you-failed</code>" in text and "<code>tell-me-about-yourself</code>" in text


def test_dismissing_forgets_the_draft_shown_and_only_it(bank: QuestionBank, store: Store) -> None:
    _typed(bank, store)
    view = _view(_renamed(bank), store, RENAMED)
    # What a click deletes, said before it: the panel's text may be the only copy.
    assert "Delete" in view.dismiss_orphans.tooltip and "copy" in view.dismiss_orphans.tooltip

    _dismiss(view)

    assert view.orphans.layout.display == "none" and "deleted" in view.orphans_said.value
    assert store.load_draft(QUESTION) is None
    assert store.draft_keys(f"writer:{QUESTION}") == []  # nothing left naming its writer
    assert _view(_renamed(bank), store, RENAMED).orphans.layout.display == "none"


def test_a_draft_typed_on_after_it_was_shown_is_not_dismissed(
    bank: QuestionBank, store: Store
) -> None:
    _typed(bank, store)
    view = _view(_renamed(bank), store, RENAMED)
    store.save_draft(QUESTION, ANSWER + " More.")  # another notebook, on the old bank

    _dismiss(view)

    assert store.load_draft(QUESTION) == ANSWER + " More."
    assert "More." in view.orphans_text.value  # offered again, as it is now


def test_a_scored_answer_and_the_bank_s_own_drafts_are_not_offered(
    bank: QuestionBank, store: Store
) -> None:
    typed = _typed(bank, store)
    typed.score_button.click()
    assert [a.question_id for a in store.attempts()] == [QUESTION]
    _view(bank, store, "tell-me-about-yourself").answer.value = "A draft of a question still here."

    view = _view(_renamed(bank), store, RENAMED)

    assert view.orphans.layout.display == "none"  # in the history already, under its old id


def test_opening_a_fresh_home_creates_no_database(bank: QuestionBank, coachkit_home: Path) -> None:
    view = PracticeView(Coach(bank=bank), runner=InlineRunner(), scheduler=ManualScheduler())
    assert view.orphans.layout.display == "none"
    assert not (coachkit_home / "coachkit.db").exists()


MINE = """\
questions:
  - id: {first}
    category: behavioral
    roles: [any]
    difficulty: easy
    tags: [mine]
    prompt: {prompt}
    why_asked: It shows how you learn from mistakes early in a career.
    how_to_answer: Pick one concrete lesson, say what happened and what you changed.
    keypoints: [a concrete mistake, what changed afterwards]
  - id: my-team-lead
    category: behavioral
    roles: [any]
    difficulty: medium
    tags: [mine]
    prompt: Describe a time you led a team through a rough patch.
    why_asked: It checks leadership under pressure.
    how_to_answer: Set the scene, your role, what you did, and the measurable result.
    keypoints: [your own role, a measurable result]
"""
FIRST_PROMPT = "Tell me about a hard lesson from your first job."


def _write_mine(
    home: Path, first: str = "my-first-job", prompt: str = FIRST_PROMPT, *, later: int = 0
) -> Path:
    path = home / "questions" / "mine.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(MINE.format(first=first, prompt=prompt), encoding="utf-8")
    if later:  # an edit a second later: the stamp must not hang on the clock's resolution
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + later * 1_000_000_000))
    return path


def _own_bank_view(store: Store, question: str = "my-first-job") -> PracticeView:
    """A view whose bank is read from the files, as a notebook's is."""
    scorer = FakeScorer()
    coach = Coach(store=store, config=Config(), scorer_factory=lambda _n, _c: scorer)
    return PracticeView(
        coach, question_id=question, runner=InlineRunner(), scheduler=ManualScheduler()
    )


def test_score_on_a_question_renamed_since_the_page_opened_keeps_the_answer_unscored(
    store: Store, coachkit_home: Path
) -> None:
    _write_mine(coachkit_home)
    view = _own_bank_view(store)
    view.answer.value = ANSWER
    _write_mine(coachkit_home, first="my-first-role", later=1)

    view.score_button.click()

    assert store.attempts() == []  # not saved under an id the bank no longer has
    message = view.errors.message or ""
    assert "This question was renamed or removed from the question bank since this page" in (
        message
    )
    assert "(its id is now “my-first-role”)" in message
    assert "Run the notebook's cell again to load the bank as it is now" in message
    assert view.answer.value == ANSWER and store.load_draft("my-first-job") == ANSWER
    assert "Not scored. Your answer is still here." in view.status.value
    # ... and once the notebook runs again, the draft is offered back with its old id.
    assert "<code>my-first-job</code>" in _own_bank_view(store, "my-first-role").orphans_text.value


def test_the_answer_score_refused_is_offered_back_at_once_under_its_old_id(
    store: Store, coachkit_home: Path
) -> None:
    _write_mine(coachkit_home)
    view = _own_bank_view(store)
    view.answer.value = ANSWER
    assert view.orphans.layout.display == "none"
    _write_mine(coachkit_home, first="my-first-role", later=1)

    view.score_button.click()

    assert "as a draft under its old id, offered back at the top of Practice" in (
        view.errors.message or ""
    )
    assert view.orphans.layout.display == ""  # not only once the cell runs again
    assert "<code>my-first-job</code>" in view.orphans_text.value
    assert "Late invoices fell from 300 to 0." in view.orphans_text.value
    assert view.answer.value == ANSWER  # and still in the box


def test_next_up_away_from_a_question_renamed_since_offers_its_draft_back(
    store: Store, coachkit_home: Path
) -> None:
    _write_mine(coachkit_home)
    view = _own_bank_view(store)
    view.tag.value = "mine"  # Next up's pick is my-team-lead
    view.answer.value = ANSWER
    _write_mine(coachkit_home, first="my-first-role", later=1)

    view.next_button.click()

    assert view.state.question_id == "my-team-lead" and view.answer.value == ""
    assert view.orphans.layout.display == ""
    assert "<code>my-first-job</code>" in view.orphans_text.value


def test_next_up_refused_for_a_pick_removed_since_offers_its_draft_back(
    store: Store, coachkit_home: Path
) -> None:
    path = _write_mine(coachkit_home)
    view = _own_bank_view(store, "my-team-lead")
    view.tag.value = "mine"
    view.answer.value = "I led the team through the outage."
    view.question.value = "my-first-job"  # Next up's pick is my-team-lead again
    path.write_text(path.read_text().split("  - id: my-team-lead")[0], encoding="utf-8")
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1_000_000_000))

    view.next_button.click()

    assert view.state.question_id == "my-first-job"
    assert "Next up's pick was renamed or removed" in (view.errors.message or "")
    assert "<code>my-team-lead</code>" in view.orphans_text.value
    assert "I led the team through the outage." in view.orphans_text.value


def test_a_question_removed_with_its_file_is_said_removed(
    store: Store, coachkit_home: Path
) -> None:
    path = _write_mine(coachkit_home)
    view = _own_bank_view(store)
    view.answer.value = ANSWER
    path.unlink()

    view.score_button.click()

    assert store.attempts() == []
    assert "renamed or removed from the question bank since this page opened, so your" in (
        view.errors.message or ""
    )


def test_a_reworded_question_is_scored_as_shown_and_the_bank_is_read_once(
    store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_mine(coachkit_home)
    view = _own_bank_view(store)
    loads: list[object] = []
    load = QuestionBank.load
    monkeypatch.setattr(QuestionBank, "load", lambda *a, **k: loads.append(a) or load(*a, **k))
    view.answer.value = ANSWER
    view.score_button.click()
    assert loads == []  # the files did not change: nothing read again
    assert len(store.attempts()) == 1

    _write_mine(coachkit_home, prompt="What did your first job teach you the hard way?", later=1)
    view.retry_button.click()
    view.answer.value = ANSWER + " I now review every figure."
    view.score_button.click()
    view.retry_button.click()
    view.answer.value = ANSWER + " I now review every figure twice."
    view.score_button.click()

    assert [a.question_id for a in store.attempts()] == ["my-first-job"] * 3
    assert len(loads) == 1  # read once when the files changed, not at each Score
    assert view.errors.message is None


def test_next_up_does_not_go_to_a_question_removed_since(store: Store, coachkit_home: Path) -> None:
    path = _write_mine(coachkit_home)
    view = _own_bank_view(store)
    view.tag.value = "mine"  # two questions: Next up's pick is the other one
    assert "Describe a time you led a team" in view.next_hint.value
    path.write_text(path.read_text().split("  - id: my-team-lead")[0], encoding="utf-8")
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1_000_000_000))

    view.next_button.click()

    assert view.state.question_id == "my-first-job"
    assert "Next up's pick was renamed or removed from the question bank" in (
        view.errors.message or ""
    )


def _kept(home: Path, question: str = QUESTION, text: str = ANSWER, stamp: str = "101500") -> Path:
    """A file in unscored/ as an earlier run kept it (the database could not take it)."""
    folder = home / "unscored"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{question}-20261130-{stamp}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_kept_file_for_a_renamed_question_is_offered_back_with_its_id_and_name(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    path = _kept(coachkit_home)

    view = _view(_renamed(bank), store, RENAMED)

    assert view.orphans.layout.display == ""
    assert "An answer you typed is for a question no longer in the question bank" in (
        view.orphans_said.value
    )
    text = view.orphans_text.value
    assert f"Typed for <code>{QUESTION}</code> (kept in unscored/ as <code>{path.name}</code>)" in (
        text
    )
    assert "Late invoices fell from 300 to 0." in text
    assert view.waiting_said.value == ""  # not said twice, under a question it is not for


def test_a_file_holding_an_offered_draft_is_shown_once_and_dismissed_with_it(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    _typed(bank, store)
    path = _kept(coachkit_home)
    changed = _kept(coachkit_home, text=ANSWER + " Typed on elsewhere.", stamp="101501")
    view = _view(_renamed(bank), store, RENAMED)
    assert "2 answers you typed" in view.orphans_said.value  # the draft (with path), changed
    assert view.orphans_text.value.count("Late invoices fell from 300 to 0.") == 2
    changed.write_text(ANSWER + " Typed on again.", encoding="utf-8")  # since it was shown

    _dismiss(view)

    assert not path.exists() and store.load_draft(QUESTION) is None
    assert changed.exists()  # not the text dismissed: kept, and offered as it is now
    assert "Typed on again." in view.orphans_text.value
    assert "1 answer" not in view.orphans_said.value  # one is said in words, not a count


def test_a_kept_file_scored_under_its_old_id_is_not_offered(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    _typed(bank, store).score_button.click()
    _kept(coachkit_home)
    _kept(coachkit_home, question=RENAMED, text="Kept for the question as it is now.")

    view = _view(_renamed(bank), store, RENAMED)

    assert view.orphans.layout.display == "none"  # in the history; the other is for RENAMED
    assert "1 answer kept in unscored/" in view.waiting_said.value


def test_with_the_database_down_the_answer_score_refused_is_offered_from_its_file(
    coachkit_home: Path,
) -> None:
    """Score says the answer is kept "in its file in unscored/": run again, it is offered."""
    _write_mine(coachkit_home)
    (coachkit_home / "coachkit.db").write_bytes(os.urandom(5000))
    clock = ManualScheduler()
    view = PracticeView(question_id="my-first-job", runner=InlineRunner(), scheduler=clock)
    view.answer.value = ANSWER
    clock.advance(1)
    _write_mine(coachkit_home, first="my-first-role", later=1)
    view.score_button.click()
    assert "It is kept: here, and in its file in unscored/." in (view.errors.message or "")

    again = PracticeView(question_id="my-first-role", runner=InlineRunner(), scheduler=clock)

    assert again.orphans.layout.display == ""
    assert "<code>my-first-job</code> (kept in unscored/ as <code>my-first-job-" in (
        again.orphans_text.value
    )
    assert "Late invoices fell from 300 to 0." in again.orphans_text.value


def test_a_kept_file_for_a_question_gone_that_cannot_be_shown_is_said_with_its_path(
    bank: QuestionBank, store: Store, coachkit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = coachkit_home / "unscored"
    locked = _kept(coachkit_home)
    binary = folder / f"{QUESTION}-20261130-101501.txt"
    binary.write_bytes(b"\xff\xfe not text")
    (folder / f"{QUESTION}-20261130-101502.txt").mkdir()
    _kept(coachkit_home, text="Readable, and shown.", stamp="101503")
    opened = os.open  # a file the user cannot read (root reads any, so the read refuses)

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)

    view = _view(_renamed(bank), store, RENAMED)

    assert view.orphans.layout.display == ""
    said, text = view.orphans_said.value, view.orphans_text.value
    assert "An answer you typed is for a question no longer in the question bank" in said
    assert "3 files in unscored/ kept for questions no longer in the question bank cannot" in said
    assert "Readable, and shown." in text
    for name, why in (
        (locked.name, "permission denied"),
        (binary.name, "not UTF-8 text"),
        (f"{QUESTION}-20261130-101502.txt", "a folder, not a file"),
    ):
        assert f"Kept for <code>{QUESTION}</code> in <code>{folder / name}</code>: it cannot " in (
            text
        )
        assert f"be shown here ({why}). Open it yourself; Dismiss leaves it as it is." in text

    view.dismiss_orphans.click()
    assert "(the files that cannot be shown stay)?" in view.orphans_said.value
    view.delete_orphans.click()

    assert view.orphans.layout.display == "none" and view.orphans_text.value == ""
    assert locked.exists() and binary.exists()  # never deleted: they were never read
    assert "Kept for" in _view(_renamed(bank), store, RENAMED).orphans_text.value  # run again


def test_one_file_alone_that_cannot_be_shown_opens_the_panel(
    bank: QuestionBank, store: Store, coachkit_home: Path
) -> None:
    path = _kept(coachkit_home)
    path.write_bytes(b"\xff\xfe not text")

    view = _view(_renamed(bank), store, RENAMED)

    assert view.orphans.layout.display == ""
    assert view.orphans_said.value.startswith(
        '<p class="ck-warn" role="status">A file in unscored/ kept for a question no longer'
    )
    assert f"<code>{path}</code>" in view.orphans_text.value


MORE = """\
questions:
  - id: my-side-project
    category: behavioral
    roles: [any]
    difficulty: easy
    tags: [mine]
    prompt: Walk me through a side project you are proud of.
    why_asked: It shows what you build when nobody asks you to.
    how_to_answer: Say what it does, your part in it, and one thing it taught you.
    keypoints: [what it does, what it taught you]
"""
PROMPTS = {
    "my-team-lead": "Describe a time you led a team through a rough patch.",
    "my-side-project": "Walk me through a side project you are proud of.",
}


def test_the_next_up_hint_names_no_question_gone_from_disk_and_the_button_goes_there(
    store: Store, coachkit_home: Path
) -> None:
    mine = _write_mine(coachkit_home)
    more = coachkit_home / "questions" / "more.yaml"
    more.write_text(MORE, encoding="utf-8")
    view = _own_bank_view(store)
    view.tag.value = "mine"  # three questions: Next up names one of the other two
    named = next(q for q, prompt in PROMPTS.items() if prompt in view.next_hint.value)
    other = next(q for q in PROMPTS if q != named)
    if named == "my-side-project":
        more.unlink()
    else:
        mine.write_text(mine.read_text().split("  - id: my-team-lead")[0], encoding="utf-8")
        os.utime(mine, ns=(0, mine.stat().st_mtime_ns + 1_000_000_000))

    view.search.value = "you"  # any refresh of the hint (all three prompts match)

    assert PROMPTS[named] not in view.next_hint.value
    assert PROMPTS[other] in view.next_hint.value
    view.next_button.click()
    assert view.state.question_id == other and view.errors.message is None


def test_with_every_other_question_gone_the_hint_says_so(store: Store, coachkit_home: Path) -> None:
    path = _write_mine(coachkit_home)
    view = _own_bank_view(store)
    view.tag.value = "mine"
    path.write_text(path.read_text().split("  - id: my-team-lead")[0], encoding="utf-8")
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1_000_000_000))

    view.search.value = "you"

    hint = view.next_hint.value
    assert "Describe a time you led a team" not in hint
    assert "the other questions that match were renamed or removed from the question bank" in hint
    assert not view.next_button.disabled  # pressed, it says which and what to do
    view.next_button.click()
    assert view.state.question_id == "my-first-job"
    assert "Next up's pick was renamed or removed" in (view.errors.message or "")


COHORT_QUESTION = """\
questions:
  - id: de-story
    category: behavioral
    roles: [any]
    prompt: Tell me about a pipeline you rescued.
    why_asked: To hear about ownership.
    how_to_answer: One story, your part, the outcome.
"""


@pytest.mark.parametrize("linked", [True, False], ids=["cohorts-folder", "own-folder"])
def test_an_answer_for_a_question_gone_from_the_folder_says_whose_it_was(
    coachkit_home: Path, tmp_path: Path, store: Store, linked: bool
) -> None:
    """The panel said only "its id was changed or it was removed since": a learner on a
    hub could not tell that the coach's shared folder may have lost it, and whom to ask.
    Said as "if": a question gone leaves no trace of the file it was in."""
    folder = tmp_path / "srv" / "questions" if linked else coachkit_home / "questions"
    folder.mkdir(parents=True)
    (folder / "de.yaml").write_text(COHORT_QUESTION, encoding="utf-8")
    if linked:
        coachkit_home.mkdir(parents=True, exist_ok=True)
        (coachkit_home / "questions").symlink_to(folder)
    view = _view(QuestionBank.load(), store, "de-story")
    view.answer.value = ANSWER
    view.drafts.flush()
    (folder / "de.yaml").write_text(COHORT_QUESTION.replace("de-story", "de-rescue"))

    said = _view(QuestionBank.load(), store).orphans_said.value

    if linked:
        assert (
            "(its id was changed or it was removed since). If it was among the shared "
            f"questions (from {folder}), ask whoever keeps them (your coach) what became of "
            "it. Nothing is lost"
        ) in said
    else:
        assert (
            "(its id was changed or it was removed since). If it was among your own "
            f"questions, look in {folder}. Nothing is lost"
        ) in said
        assert "coach" not in said


def test_an_answer_for_a_bundled_question_gone_names_no_one(
    bank: QuestionBank, store: Store
) -> None:
    """With no questions folder, the question went with an update: no one to ask."""
    _typed(bank, store)
    said = _view(_renamed(bank), store, RENAMED).orphans_said.value
    assert "(its id was changed or it was removed since). Nothing is lost" in said
    assert "If it was" not in said and "coach" not in said


def test_files_linked_in_one_by_one_are_the_coachs_beside_the_learners_own(
    coachkit_home: Path, tmp_path: Path
) -> None:
    """A coach may link files rather than the folder: theirs are named where they are."""
    from coachkit.ui.practice_offer import questions_source

    cohort = tmp_path / "srv" / "questions"
    cohort.mkdir(parents=True)
    (cohort / "de.yaml").write_text(COHORT_QUESTION, encoding="utf-8")
    own = coachkit_home / "questions"
    own.mkdir(parents=True)
    assert questions_source() is None  # no files: a question gone went with an update
    (own / "de.yaml").symlink_to(cohort / "de.yaml")
    assert questions_source() == ("shared", str(cohort))
    (own / "mine.yaml").write_text(COHORT_QUESTION.replace("de-story", "mine"))
    assert questions_source() == ("both", str(own))
