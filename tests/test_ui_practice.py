"""The practice view driven headless: pick, answer, score, fail, retry, drafts, timer."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from ui_fakes import FakeScorer, FocusLog, coach_with

from coachkit import Attempt, Coach, ProviderError, QuestionBank, Store, StoreError
from coachkit.models import REUSED_NOTE, Question, ScoreCard
from coachkit.ui import PracticeView
from coachkit.ui.practice import LAST_QUESTION_KEY, SCORE, SCORING
from coachkit.ui.runtime import InlineRunner, LateWords, ManualRunner, ManualScheduler

ANSWER = (
    "In 2023 I led the billing migration at Acme. I owned the cut-over plan. "
    "I wrote the runbook and rehearsed the rollback twice. Late invoices fell from 300 to 0."
)


@pytest.fixture
def scorer() -> FakeScorer:
    return FakeScorer()


@pytest.fixture
def coach(bank: QuestionBank, store: Store, scorer: FakeScorer) -> Coach:
    return coach_with(bank, store, scorer)


@pytest.fixture
def clock() -> ManualScheduler:
    return ManualScheduler()


@pytest.fixture
def view(coach: Coach, clock: ManualScheduler) -> PracticeView:
    return PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )


def test_opens_on_the_requested_question_with_guidance(view: PracticeView) -> None:
    assert view.errors.message is None
    assert view.question.value == "time-you-failed"
    question = view.coach.question("time-you-failed")
    assert question.prompt in view.prompt.value
    guidance = view.guidance.value
    assert "Why it is asked" in guidance and "How to answer" in guidance
    assert question.how_to_answer[:40] in guidance
    assert "<details " in guidance and " open" not in guidance  # folded until asked for
    assert view.timer_length.value == 120  # behavioral answers get two minutes


def test_filters_narrow_the_questions(view: PracticeView, bank: QuestionBank) -> None:
    view.category.value = "system-design"
    ids = [value for _label, value in view.question.options]
    assert ids and all(bank.get(i).category == "system-design" for i in ids)
    assert view.state.question_id in ids
    view.search.value = "rate limit"
    assert view.question.value == "design-rate-limiter"
    assert "1 question matches." in view.match_count.value


def test_role_difficulty_and_tag_filters(view: PracticeView, bank: QuestionBank) -> None:
    view.role.value = "frontend"
    view.difficulty.value = "hard"
    ids = [value for _label, value in view.question.options]
    assert ids
    for qid in ids:
        question = bank.get(qid)
        assert question.fits_role("frontend") and question.difficulty == "hard"
    tag = bank.get(ids[0]).tags[0]
    view.tag.value = tag
    assert all(tag in bank.get(v).tags for _l, v in view.question.options)


def test_the_tag_menu_offers_the_role_s_tags(view: PracticeView, bank: QuestionBank) -> None:
    """With every tag in the bank, a frontend engineer was offered "postgres", and "No
    question matches" for it."""
    every = [value for _label, value in view.tag.options]
    view.tag.value = "postgres"
    view.role.value = "frontend"
    offered = [value for _label, value in view.tag.options]
    frontend = {t for q in bank.filter(role="frontend") for t in q.tags}
    assert offered[0] == "" and set(offered[1:]) == frontend and len(offered) < len(every)
    assert view.tag.value == ""  # a tag the role has not goes back to "any"
    assert "No question matches" not in view.match_count.value
    view.tag.value = offered[1]
    view.role.value = ""
    assert [value for _label, value in view.tag.options] == every
    assert view.tag.value == offered[1]  # kept: every role has it


def test_no_match_disables_answering(view: PracticeView) -> None:
    view.search.value = "zzzz no such words"
    assert view.question.options == ()
    assert view.state.question_id is None
    assert view.score_button.disabled and view.answer.disabled
    assert "No question matches" in view.match_count.value
    view.score_button.click()  # fires even when disabled: must do nothing
    assert view.errors.message is None
    # "Your attempts at this question" stood over nothing: hidden, and back with one.
    assert view.history_title.layout.display == "none"
    view.search.value = ""
    assert view.state.question_id is not None and view.history_title.layout.display is None


def test_word_count_is_live(view: PracticeView) -> None:
    view.answer.value = "one two three"
    assert "3 words" in view.word_count.value
    view.answer.value = ANSWER
    assert f"{len(ANSWER.split())} words" in view.word_count.value


def test_score_renders_the_card_and_history(view: PracticeView, coach: Coach) -> None:
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.errors.message is None
    attempt = view.state.attempt
    assert attempt is not None and attempt.answer == ANSWER
    html = view.result.value
    assert f"{attempt.card.overall}<small>/100" in html
    assert "adequate" in html  # band name next to the 3/5 bar
    assert "<mark" in html  # evidence highlighted in the answer
    assert "ck-diff" in html and "[result?" in html  # rebuild with its placeholder
    assert "Result: add a number." in html  # tips
    assert "#1" in view.history.value
    assert [a.id for a in coach.history("time-you-failed")] == [attempt.id]
    assert view.score_button.description == SCORE and not view.score_button.disabled
    assert not view.retry_button.disabled
    assert "Scored" in view.status.value


def test_scoring_state_blocks_a_second_submission(
    coach: Coach, clock: ManualScheduler, scorer: FakeScorer
) -> None:
    runner = ManualRunner()
    view = PracticeView(coach, question_id="time-you-failed", runner=runner, scheduler=clock)
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.score_button.description == SCORING and "ck-busy" in view.score_button._dom_classes
    # Not disabled, or it would drop focus (see the focus test): only a click is ignored.
    assert not view.score_button.disabled and view.answer.disabled and view.state.busy
    view.score_button.click()
    view.score_button.click()
    assert len(runner.pending) == 1
    runner.finish()
    assert len(coach.history()) == 1 and len(scorer.calls) == 1
    assert view.score_button.description == SCORE and not view.answer.disabled
    assert "ck-busy" not in view.score_button._dom_classes


def test_a_score_leaves_keyboard_focus_where_the_user_is_and_try_again_goes_to_the_box(
    coach: Coach, clock: ManualScheduler, scorer: FakeScorer
) -> None:
    """Score was disabled while it worked, dropping focus to the page, and focused again
    when the score came: a user who had moved on during a long LLM call was pulled back.
    It now keeps focus while it works and nothing is focused at the end; the score is
    said by the status line. Try again, disabled once pressed, hands focus to the box."""
    runner = ManualRunner()
    view = PracticeView(coach, question_id="time-you-failed", runner=runner, scheduler=clock)
    log = FocusLog(view.score_button, view.retry_button, view.answer, view.result)
    disabled: list[bool] = []
    view.score_button.observe(lambda change: disabled.append(change["new"]), names="disabled")
    view.answer.value = ANSWER
    view.score_button.click()
    runner.finish()
    assert disabled == [] and log.focused == []
    assert "Scored" in view.status.value and view.result.value
    view.retry_button.click()
    assert log.last is view.answer  # where the revising happens
    scorer.error = ProviderError("the provider is down")
    view.answer.value = ANSWER + " Since then I test under load."
    view.score_button.click()
    runner.finish()
    assert view.errors.message and log.focused == [view.answer]  # a failure moves none
    assert disabled == []


def test_scoring_the_same_text_again_saves_one_attempt(view: PracticeView, coach: Coach) -> None:
    view.answer.value = ANSWER
    view.score_button.click()
    view.score_button.click()
    assert len(coach.history()) == 1
    view.answer.value = ANSWER + " Since then I check cron jobs first."
    view.score_button.click()
    assert len(coach.history()) == 2


def test_a_failing_scorer_keeps_the_answer_and_explains(
    view: PracticeView, scorer: FakeScorer, coach: Coach
) -> None:
    scorer.error = RuntimeError("model exploded")
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.answer.value == ANSWER
    message = view.errors.message or ""
    assert "model exploded" in message and "Your answer is kept" in message
    assert "Traceback" not in view.errors.widget.value
    assert view.errors.widget.layout.display != "none"
    assert view.score_button.description == SCORE and not view.score_button.disabled
    assert coach.history() == []
    # Fixed: the retry goes through and the error goes away.
    scorer.error = None
    view.score_button.click()
    assert view.errors.message is None and len(coach.history()) == 1


def test_a_provider_error_is_shown_in_its_own_words(view: PracticeView, scorer: FakeScorer) -> None:
    scorer.error = ProviderError("The gpt profile timed out after 60 s; try again later.")
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.errors.message == "The gpt profile timed out after 60 s; try again later."
    assert view.answer.value == ANSWER


def test_a_failed_score_of_new_text_does_not_leave_the_old_card_under_it(
    view: PracticeView, scorer: FakeScorer
) -> None:
    """The previous answer's card stayed under the new, unscored text, as if its score."""
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.result.value
    scorer.error = ProviderError("The gpt profile timed out after 60 s; try again later.")
    view.answer.value = ANSWER + " Since then every migration is rehearsed."
    view.score_button.click()
    assert view.errors.message and view.result.value == ""
    assert len(view.state.history) == 1  # the earlier attempt is still listed


def test_an_empty_answer_is_refused_without_scoring(view: PracticeView, scorer: FakeScorer) -> None:
    view.answer.value = "   "
    view.score_button.click()
    assert "answer is empty" in (view.errors.message or "")
    assert scorer.calls == []


def test_an_empty_score_leaves_another_views_draft_alone(
    view: PracticeView, coach: Coach, clock: ManualScheduler
) -> None:
    """Score on an empty box saved the empty text first, deleting the draft another
    open view (a second notebook, Voila) had kept for the question."""
    other = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    other.answer.value = ANSWER
    clock.advance(3)
    view.answer.value = ""
    view.score_button.click()
    assert "answer is empty" in (view.errors.message or "")
    assert coach.load_draft("time-you-failed") == ANSWER


def test_a_card_under_edited_text_says_it_is_the_earlier_texts(view: PracticeView) -> None:
    """Edited after scoring, the answer sat over the old card and "Scored 85/100 ...
    Saved": it read as the new text's score."""
    view.answer.value = ANSWER
    view.score_button.click()
    assert "ck-stale" not in view.result._dom_classes
    view.answer.value = ANSWER + " And one more sentence."
    assert "ck-stale" in view.result._dom_classes
    assert "the card below is for the earlier text" in view.status.value
    view.answer.value = ANSWER  # back to what was scored
    assert "ck-stale" not in view.result._dom_classes
    view.answer.value = ANSWER + " Edited again."
    view.score_button.click()  # scored afresh: its own card, nothing stale
    assert "ck-stale" not in view.result._dom_classes and "Scored" in view.status.value


def test_the_empty_answer_error_goes_once_there_is_an_answer(view: PracticeView) -> None:
    view.score_button.click()
    assert "answer is empty" in (view.errors.message or "")
    view.answer.value = "In"
    assert view.errors.message is None


def test_a_score_that_could_not_be_saved_is_shown_and_saved_on_the_next_press(
    view: PracticeView,
    coach: Coach,
    clock: ManualScheduler,
    scorer: FakeScorer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a full disk the view said "Not scored", though the answer had been scored."""
    full = StoreError("Cannot use coachkit.db (database or disk is full)")

    def refuse(attempt: Attempt) -> bool:
        raise full

    view.answer.value = ANSWER
    with monkeypatch.context() as patch:
        patch.setattr(coach.store, "add_attempt", refuse)
        view.score_button.click()
    assert "disk is full" in (view.errors.message or "")
    assert "but not saved" in view.status.value and "/100" in view.result.value
    assert coach.history() == [] and view.answer.value == ANSWER
    view.answer.value = ANSWER + " And a last line."
    clock.advance(3)  # the draft is saved: the database takes writes again
    assert view.errors.message is None
    assert "the card below is for the earlier text" in view.status.value  # edited since
    view.answer.value = ANSWER
    scored = len(scorer.calls)
    view.score_button.click()  # space freed: the card on screen is saved, not paid for again
    assert len(scorer.calls) == scored
    assert len(coach.history()) == 1 and "Saved to your history" in view.status.value


def test_try_again_keeps_the_previous_answer_for_comparison(view: PracticeView) -> None:
    view.answer.value = ANSWER
    view.score_button.click()
    first = view.state.attempt
    assert first is not None
    view.retry_button.click()
    assert view.state.previous == first and view.result.value == ""
    assert "Previous answer" in view.previous.value and "billing migration" in view.previous.value
    assert view.answer.value == ANSWER  # kept, ready to revise
    view.answer.value = ANSWER + " I now keep a checklist."
    view.score_button.click()
    assert view.state.attempt is not None and view.state.attempt.id != first.id
    assert "(=)" in view.previous.value  # same scores from the fake: no change
    assert "#2" in view.history.value


def test_try_again_with_the_answer_unchanged_is_not_shown_as_a_new_score(
    view: PracticeView, coach: Coach, scorer: FakeScorer
) -> None:
    """Score pressed after Try again, the text as it was: the previous attempt came back
    as if scored afresh ("Saved to your history"), and was compared with itself."""
    view.answer.value = ANSWER
    view.score_button.click()
    first = view.state.attempt
    view.retry_button.click()
    view.score_button.click()
    assert view.state.attempt is None and view.result.value == ""
    assert "Saved to your history" not in view.status.value
    assert "the previous answer, unchanged" in view.status.value
    assert "(=)" not in view.previous.value and len(scorer.calls) == 1
    view.answer.value = ANSWER + " I now keep a checklist."
    view.score_button.click()
    assert view.state.attempt is not None and view.state.attempt.id != first.id
    assert len(coach.history()) == 2 and "Saved to your history" in view.status.value


def test_scorer_choice_is_used(bank: QuestionBank, store: Store, clock: ManualScheduler) -> None:
    from coachkit.config import Config, ModelEntry

    config = Config(
        model_list=[ModelEntry(model_name="other", litellm_params={"model": "openai/x"})]
    )
    coach = coach_with(bank, store, FakeScorer("local"), FakeScorer("other"), config=config)
    view = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    assert [v for _l, v in view.scorer.options] == ["local", "other"]
    view.scorer.value = "other"
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.state.attempt is not None and view.state.attempt.card.scorer == "other"


def test_a_reused_score_says_so_not_its_look_up_time(
    bank: QuestionBank, store: Store, clock: ManualScheduler
) -> None:
    """A score served from the cache took no call: "in 0 ms" read like a fault."""

    class Cached(FakeScorer):
        def score(self, question: Question, answer: str) -> ScoreCard:
            card = super().score(question, answer)
            update = {"model": "openai/x", "latency_ms": 0.2, "notes": [REUSED_NOTE]}
            return card.model_copy(update=update)

    coach = coach_with(bank, store, Cached("local"))
    view = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    view.answer.value = ANSWER
    view.score_button.click()
    assert escape("this answer's earlier score, reused (no new call)") in view.status.value
    assert " ms" not in view.status.value
    assert "reused, no new call" in view.result.value and "0 ms" not in view.result.value


def test_user_text_is_escaped(view: PracticeView) -> None:
    view.answer.value = "<script>alert(1)</script> In 2023 I did a thing. It went well."
    view.score_button.click()
    assert "<script>" not in view.result.value
    assert "&lt;script&gt;" in view.result.value


# -- drafts --------------------------------------------------------------------
def test_drafts_are_saved_after_a_pause(
    view: PracticeView, coach: Coach, clock: ManualScheduler
) -> None:
    view.answer.value = "In 2023"
    assert coach.load_draft("time-you-failed") is None  # not on every keystroke
    clock.advance(0.5)
    view.answer.value = "In 2023 I led"
    clock.advance(0.9)
    assert coach.load_draft("time-you-failed") is None
    clock.advance(0.2)
    assert coach.load_draft("time-you-failed") == "In 2023 I led"
    assert "Draft saved" in view.draft_status.value


def test_nonstop_typing_still_reaches_the_store(
    view: PracticeView, coach: Coach, clock: ManualScheduler
) -> None:
    text = ""
    for word in range(40):  # a word every 0.3 s for 12 s, never pausing a full second
        text += f" w{word}"
        view.answer.value = text
        clock.advance(0.3)
    saved = coach.load_draft("time-you-failed") or ""
    assert saved.startswith(" w0") and len(saved.split()) >= 25


def test_draft_is_restored_when_the_view_is_recreated(
    bank: QuestionBank, tmp_path: Path, clock: ManualScheduler
) -> None:
    path = tmp_path / "drafts.db"
    with Store(path) as store:
        view = PracticeView(coach_with(bank, store), runner=InlineRunner(), scheduler=clock)
        view.category.value = "system-design"
        view.question.value = "design-rate-limiter"
        view.answer.value = "Per user or per IP? I would start with a token bucket in Redis."
        clock.advance(5)
    with Store(path) as store:
        again = PracticeView(coach_with(bank, store), runner=InlineRunner(), scheduler=clock)
        assert again.question.value == "design-rate-limiter"
        assert again.answer.value.startswith("Per user or per IP?")
        assert "Draft restored" in again.draft_status.value
        assert store.load_draft(LAST_QUESTION_KEY) == "design-rate-limiter"


def test_question_change_flushes_the_draft_and_loads_the_other(
    view: PracticeView, coach: Coach
) -> None:
    view.answer.value = "Half an answer"
    view.question.value = "why-this-role"
    assert coach.load_draft("time-you-failed") == "Half an answer"  # flushed, no timer needed
    assert view.answer.value == ""
    view.question.value = "time-you-failed"
    assert view.answer.value == "Half an answer"


def test_score_flushes_the_draft_first(
    coach: Coach, clock: ManualScheduler, scorer: FakeScorer
) -> None:
    runner = ManualRunner()
    view = PracticeView(coach, question_id="time-you-failed", runner=runner, scheduler=clock)
    view.answer.value = ANSWER
    view.score_button.click()
    assert coach.load_draft("time-you-failed") == ANSWER  # saved before scoring starts
    scorer.error = RuntimeError("boom")
    runner.finish()
    assert coach.load_draft("time-you-failed") == ANSWER


def test_question_cannot_change_while_scoring(coach: Coach, clock: ManualScheduler) -> None:
    runner = ManualRunner()
    view = PracticeView(coach, question_id="time-you-failed", runner=runner, scheduler=clock)
    view.answer.value = ANSWER
    view.score_button.click()
    view.question.value = "why-this-role"
    assert view.question.value == "time-you-failed"
    assert "Wait for the score" in (view.errors.message or "")
    runner.finish()
    assert view.state.attempt is not None and view.state.attempt.question_id == "time-you-failed"


def test_the_scorer_is_locked_while_scoring(coach: Coach, clock: ManualScheduler) -> None:
    """It shows the scorer of the score under way; a pick meanwhile applied only to the
    next score, and read as changing this one."""
    runner = ManualRunner()
    view = PracticeView(coach, question_id="time-you-failed", runner=runner, scheduler=clock)
    assert not view.scorer.disabled
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.scorer.disabled
    runner.finish()
    assert not view.scorer.disabled and view.state.attempt is not None


def test_filters_are_locked_while_scoring_and_a_change_is_put_back(
    coach: Coach, clock: ManualScheduler
) -> None:
    runner = ManualRunner()
    view = PracticeView(coach, question_id="time-you-failed", runner=runner, scheduler=clock)
    view.answer.value = ANSWER
    view.score_button.click()
    assert view.category.disabled and view.search.disabled and view.role.disabled
    view.category.value = "technical"  # a change that reached the kernel all the same
    assert view.category.value == ""  # put back: the list still shows every category
    assert "change the filters then" in (view.errors.message or "")
    runner.finish()
    assert not view.category.disabled and view.errors.message is None  # the wait is over


def test_a_question_hidden_by_a_search_mid_answer_comes_back_when_it_is_cleared(
    view: PracticeView, coach: Coach
) -> None:
    view.answer.value = ANSWER
    view.search.value = "deadline"
    assert view.state.question_id != "time-you-failed"
    failed = coach.question("time-you-failed").prompt
    assert f"Your answer to “{failed}” is kept" in view.match_count.value
    assert coach.load_draft("time-you-failed") == ANSWER

    view.search.value = ""

    assert view.state.question_id == "time-you-failed" and view.answer.value == ANSWER
    assert "is kept" not in view.match_count.value


def test_the_question_set_aside_stays_through_a_second_filter(
    coach: Coach, clock: ManualScheduler, bank: QuestionBank
) -> None:
    """The question picked meanwhile opened with an old draft of its own; a second filter
    hiding it too made it the one set aside, and the one being answered was lost sight of."""
    for question in bank:
        if question.id != "time-you-failed":
            coach.save_draft(question.id, f"an older draft of {question.id}")
    view = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    view.answer.value = ANSWER
    view.category.value = "technical"
    view.search.value = "no question holds these words zzz"
    failed = coach.question("time-you-failed").prompt
    assert f"Your answer to “{failed}” is kept" in view.match_count.value
    view.search.value = view.category.value = ""
    assert view.state.question_id == "time-you-failed" and view.answer.value == ANSWER


def test_a_question_answered_after_a_search_is_not_left_when_it_is_cleared(
    view: PracticeView,
) -> None:
    view.answer.value = ANSWER
    view.search.value = "deadline"
    found = view.state.question_id
    view.answer.value = "Now answering this one instead."
    view.search.value = ""
    assert view.state.question_id == found
    assert view.answer.value == "Now answering this one instead."


# -- next up and timer --------------------------------------------------------------
def test_next_up_picks_an_unpractised_question(view: PracticeView) -> None:
    view.answer.value = ANSWER
    view.score_button.click()
    assert "Next up" in view.next_hint.value
    assert "Today: 0 due for review; 1 of 5 new started today." in view.next_hint.value
    view.next_button.click()
    assert view.state.question_id != "time-you-failed"
    assert view.state.question_id in [v for _l, v in view.question.options]


def test_next_up_on_a_fresh_home_moves_to_another_question(
    coach: Coach, clock: ManualScheduler
) -> None:
    view = PracticeView(coach, runner=InlineRunner(), scheduler=clock)
    first = view.state.question_id
    # It opens on the plan's pick, and says so before naming the one after it.
    # Its reason is a sentence: "the plan's pick: You have not ..." read as a slip.
    assert first is not None and "<b>This question</b> is the plan's pick. " in view.next_hint.value
    assert "<b>Then:</b>" in view.next_hint.value
    # Both are new: the reason is said once, not again after "Then".
    assert view.next_hint.value.count("You have not practised this one yet.") == 1
    view.next_button.click()
    assert view.state.question_id not in (None, first)


def _hinted(view: PracticeView) -> str:
    """The id of the question the Next up hint names."""
    found = re.search(r"<b>(?:Next up|Then):</b> (.*?)<br>", view.next_hint.value)
    assert found, view.next_hint.value
    ids = [q.id for q in view.coach.bank if escape(q.prompt) == found.group(1)]
    assert len(ids) == 1
    return ids[0]


def test_next_up_never_names_the_question_on_screen(coach: Coach, clock: ManualScheduler) -> None:
    # A fresh home: the view opens on the top suggestion, so the hint must name the next one.
    view = PracticeView(coach, runner=InlineRunner(), scheduler=clock)
    opened = view.state.question_id
    assert opened is not None and _hinted(view) != opened
    hinted = _hinted(view)
    view.next_button.click()
    assert view.state.question_id == hinted  # the hint names what Next up opens
    assert _hinted(view) != hinted
    # Scoring reschedules: the hint is worked out again, still not the question on screen.
    view.answer.value = ANSWER
    view.score_button.click()
    assert "1 of 5 new started today" in view.next_hint.value
    assert _hinted(view) != view.state.question_id


def test_after_next_up_the_hint_says_why_this_question_then_names_the_next(
    coach: Coach, clock: ManualScheduler
) -> None:
    """After Next up, the hint read "Next up: <the question after>" under the one just
    opened, and its reason seemed to be about the question on screen."""
    view = PracticeView(coach, runner=InlineRunner(), scheduler=clock)
    view.next_button.click()
    hint = view.next_hint.value
    assert hint.startswith('<span class="ck-muted"><b>This question</b> is the plan\'s pick')
    assert "<b>Then:</b>" in hint and "<b>Next up:</b>" not in hint
    assert _hinted(view) != view.state.question_id


def test_next_up_walks_on_instead_of_bouncing(coach: Coach, clock: ManualScheduler) -> None:
    view = PracticeView(coach, runner=InlineRunner(), scheduler=clock)
    seen = [view.state.question_id]
    for _ in range(5):
        view.next_button.click()
        seen.append(view.state.question_id)
    assert len(set(seen)) == len(seen) == 6  # it once went A, B, A, B, ...


def test_next_up_starts_again_once_every_question_was_offered(view: PracticeView) -> None:
    view.search.value = "rate limit"  # one question
    assert view.next_button.disabled and "only question that matches" in view.next_hint.value
    view.category.value, view.search.value = "system-design", ""
    visible = [v for _l, v in view.question.options]
    assert len(visible) > 2
    seen = {view.state.question_id}
    for _ in range(len(visible) - 1):
        assert _hinted(view) not in seen
        view.next_button.click()
        seen.add(view.state.question_id)
    assert seen == set(visible)
    # Every one was offered: the queue starts over, never with the question on screen.
    assert not view.next_button.disabled and _hinted(view) != view.state.question_id
    view.next_button.click()
    assert view.state.question_id in visible


def test_countdown_runs_without_blocking(view: PracticeView, clock: ManualScheduler) -> None:
    view.timer_button.click()
    assert "2:00 left" in view.timer_label.value
    assert view.timer_button.description == "Stop timer"
    clock.advance(61)
    assert "0:59 left" in view.timer_label.value
    view.answer.value = "still typing"  # the kernel is free while the timer runs
    clock.advance(60)
    assert "Time is up" in view.timer_label.value
    assert view.timer_button.description == "Start timer"


def test_scoring_stops_the_countdown_and_clears_its_label(
    view: PracticeView, clock: ManualScheduler
) -> None:
    view.timer_button.click()
    clock.advance(5)
    view.answer.value = ANSWER
    view.score_button.click()
    clock.advance(30)
    assert view.timer_label.value == "" and view.timer_button.description == "Start timer"


def test_countdown_can_be_stopped_and_resized(view: PracticeView, clock: ManualScheduler) -> None:
    view.timer_length.value = 60
    view.timer_button.click()
    assert "1:00 left" in view.timer_label.value
    view.timer_button.click()
    assert view.timer_label.value == "" and not view.countdown.running
    clock.advance(120)
    assert view.timer_label.value == ""


def test_view_displays_as_its_root_box(view: PracticeView) -> None:
    bundle = view._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "coachkit-practice" in view.root._dom_classes


def test_a_config_error_stays_visible_while_practising(
    bank: QuestionBank, store: Store, coachkit_home: Path, clock: ManualScheduler
) -> None:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text("scorer: nope\n", encoding="utf-8")
    view = PracticeView(Coach(bank=bank, store=store), runner=InlineRunner(), scheduler=clock)
    view.question.value = "why-this-role"
    assert "Unknown scorer 'nope'" in (view.errors.message or "")
    # Said at the top too: the full message sits below Score, out of view at first.
    notice = view.config_notice
    assert notice.layout.display == "" and "below the <b>Score</b> button" in notice.value
    assert view.root.children.index(notice) < view.root.children.index(view.errors.widget)
    assert view.scorer.options == (("local", "local"),)
    assert "of 5 new started today" in view.next_hint.value  # Next up on default settings
    # It says what happens meanwhile, beside the score it does not stop.
    assert "scored by the offline scorer (local)" in (view.errors.message or "")
    view.answer.value = "In 2024 I owned the release and cut build time from 20 to 8 minutes."
    view.score_button.click()
    assert "Unknown scorer 'nope'" in (view.errors.message or "")
    assert "<br>" in view.errors.widget.value
    assert [a.card.scorer for a in view.coach.history()] == ["local"]


def test_every_config_problem_is_listed_on_its_own_line(
    bank: QuestionBank, store: Store, coachkit_home: Path, clock: ManualScheduler
) -> None:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    (coachkit_home / "config.yaml").write_text(
        "scorer: local\ntimeout: 30\npractice:\n  interview_date: 12/20/2026\n", encoding="utf-8"
    )
    view = PracticeView(Coach(bank=bank, store=store), runner=InlineRunner(), scheduler=clock)
    shown = view.errors.widget.value
    assert shown.count("<br>") == 2 and "config.yaml:2: timeout" in shown
    assert "write it as YYYY-MM-DD" in shown and "Traceback" not in shown


def test_history_changed_in_another_notebook_shows_at_the_next_action(
    view: PracticeView, coach: Coach, store: Store, bank: QuestionBank
) -> None:
    view.answer.value = ANSWER
    view.score_button.click()
    first = view.state.attempt
    assert first is not None
    # Another kernel (Progress deletes one, a mock interview scores one) on the same file.
    with Store(store.path) as other_store:
        other = coach_with(bank, other_store)
        other.delete_attempts([first.id])
        elsewhere = other.submit("conflict-with-teammate", ANSWER)
    view.answer.value = ANSWER + " Costs fell by a third."
    view.score_button.click()
    second = view.state.attempt
    assert second is not None
    assert [a.id for a in view.state.history] == [second.id]
    assert "#1" in view.history.value and "#2" not in view.history.value
    assert {a.id for a in view.state.attempts} == {second.id, elsewhere.id}


def test_next_up_counts_what_was_scored_elsewhere(
    view: PracticeView, store: Store, bank: QuestionBank
) -> None:
    with Store(store.path) as other_store:
        elsewhere = coach_with(bank, other_store).submit("time-you-failed", ANSWER)
    view.next_button.click()
    assert [a.id for a in view.state.attempts] == [elsewhere.id]
    view.question.value = "time-you-failed"
    assert [a.id for a in view.state.history] == [elsewhere.id]


def test_an_answer_scored_before_comes_back_with_its_card_and_is_not_saved_twice(
    bank: QuestionBank, clock: ManualScheduler, store: Store
) -> None:
    """Reopened later, the box held the scored answer as "Draft restored." with no card,
    and Score saved the same attempt again."""
    coach = coach_with(bank, store, FakeScorer("local"))
    first = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    first.answer.value = ANSWER
    first.score_button.click()
    assert len(store.attempts("time-you-failed")) == 1

    again = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    assert again.answer.value == ANSWER
    assert "Draft restored" not in again.draft_status.value
    assert "Your last answer to this question" in again.status.value
    assert again.result.value and not again.retry_button.disabled
    again.score_button.click()
    assert "scored already" in again.status.value
    assert len(store.attempts("time-you-failed")) == 1
    # A revised answer is scored and saved as usual.
    again.retry_button.click()
    again.answer.value = ANSWER + " We shipped the next two migrations on time."
    again.score_button.click()
    assert len(store.attempts("time-you-failed")) == 2


def test_a_draft_that_differs_from_the_last_answer_is_restored_as_a_draft(
    coach: Coach, clock: ManualScheduler
) -> None:
    first = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    first.answer.value = ANSWER
    first.score_button.click()
    first.answer.value = ANSWER + " And then"
    first.drafts.flush()
    again = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    assert again.answer.value == ANSWER + " And then"
    assert "Draft restored" in again.draft_status.value and not again.result.value


def test_a_score_by_the_fallback_says_so_in_the_status(
    bank: QuestionBank, store: Store, clock: ManualScheduler
) -> None:
    """After a long wait on a dead LLM the status read "Scored 88/100 by local in 4 ms."."""

    class StandIn(FakeScorer):
        def score(self, question, answer):  # type: ignore[no-untyped-def]
            card = super().score(question, answer)
            note = "gpt could not score (it did not answer within 60 s); scored by local instead."
            return card.model_copy(update={"scorer": "local", "notes": [note]})

    coach = coach_with(bank, store, StandIn("local"))
    view = PracticeView(
        coach, question_id="time-you-failed", runner=InlineRunner(), scheduler=clock
    )
    view.answer.value = ANSWER
    view.score_button.click()
    # Who scored, and where to read why: the note itself is on the card, not said twice.
    assert "Scored 60/100 by local instead: the card says why." in view.status.value
    assert "could not score" not in view.status.value and "in 1 ms" not in view.status.value


# On a slow kernel the browser sends the last keystrokes after a click (see LateWords).
EARLY = "In 2023 I led the billing migration at Acme. I owned"  # what came in before it


def _graced(coach: Coach, clock: ManualScheduler) -> PracticeView:
    return PracticeView(
        coach,
        question_id="time-you-failed",
        runner=InlineRunner(),
        scheduler=clock,
        score_grace=0.5,
    )


def test_words_typed_just_before_score_that_come_in_after_it_are_scored(
    coach: Coach, clock: ManualScheduler, scorer: FakeScorer
) -> None:
    """Score scored the answer as the kernel had it, without the words the browser sent
    after the click; the card was then marked as for "the earlier text"."""
    view = _graced(coach, clock)
    view.answer.value = EARLY
    view.score_button.click()
    assert scorer.calls == [] and view.state.busy and view.answer.disabled
    assert view.score_button.description == SCORING and "Scoring with" in view.status.value
    view.answer.value = ANSWER  # the last words, late
    assert scorer.calls == []  # anything more held back comes in just after
    clock.advance(LateWords.QUIET)  # nothing did: scored, long before the grace's end
    assert scorer.calls == [("time-you-failed", ANSWER)]
    attempt = view.state.attempt
    assert attempt is not None and attempt.answer == ANSWER
    assert not view.state.busy and not view.answer.disabled
    assert (
        "earlier text" not in view.status.value and "not the text scored" not in view.status.value
    )
    assert [a.answer for a in coach.history("time-you-failed")] == [ANSWER]


def test_score_waits_for_late_words_no_longer_than_its_grace(
    coach: Coach, clock: ManualScheduler, scorer: FakeScorer
) -> None:
    view = _graced(coach, clock)
    view.answer.value = ANSWER
    view.score_button.click()
    clock.advance(0.4)
    assert scorer.calls == [] and view.state.busy
    view.question.value = "why-this-role"  # locked meanwhile, as while scoring
    assert view.state.question_id == "time-you-failed"
    clock.advance(0.1)  # none came: the text as it is
    assert scorer.calls == [("time-you-failed", ANSWER)] and not view.state.busy
    assert view.state.attempt is not None and view.state.attempt.answer == ANSWER


def test_score_after_a_pause_in_typing_does_not_wait(
    coach: Coach, clock: ManualScheduler, scorer: FakeScorer
) -> None:
    view = _graced(coach, clock)
    view.answer.value = ANSWER
    clock.advance(2)
    view.score_button.click()
    assert scorer.calls == [("time-you-failed", ANSWER)]


@pytest.mark.parametrize("how", ["pick", "next up"])
def test_words_typed_for_a_question_that_come_in_after_leaving_it_stay_with_it(
    view: PracticeView, coach: Coach, clock: ManualScheduler, how: str
) -> None:
    """They came in as the next question's answer: its box showed, and its draft held,
    the text typed for the question before, and that one's draft lost its last words."""
    view.answer.value = EARLY
    if how == "pick":
        view.question.value = "why-this-role"
    else:
        view.next_button.click()
    other = view.state.question_id
    assert other is not None and other != "time-you-failed"
    view.answer.value = ANSWER  # the rest of the first answer, late
    assert view.answer.value == "" and "0 words" in view.word_count.value
    prompt = coach.question("time-you-failed").prompt
    assert f"The last words you typed for “{escape(prompt)}”" in view.status.value
    clock.advance(5)
    assert coach.load_draft("time-you-failed") == ANSWER
    assert not coach.load_draft(other)
    view.answer.value = "A different answer for this one."  # typed for it: its own
    clock.advance(5)
    assert coach.load_draft(other) == "A different answer for this one."
    assert coach.load_draft("time-you-failed") == ANSWER
    view.question.value = "time-you-failed"
    assert view.answer.value == ANSWER


def test_an_answer_to_the_next_question_is_its_own_even_beginning_as_the_last_did(
    view: PracticeView, coach: Coach, clock: ManualScheduler
) -> None:
    view.answer.value = "In 2023 I led the billing migration."
    view.question.value = "why-this-role"
    view.answer.value = "I"  # the first keystroke of its answer
    assert view.answer.value == "I"
    view.question.value = "time-you-failed"
    view.answer.value = "In 2023 I led the billing migration. Then"
    clock.advance(3)  # a pause: the next question's answer, pasted, is its own
    view.question.value = "why-this-role"
    view.answer.value = "In 2023 I led the billing migration. Then I moved teams."
    clock.advance(5)
    assert (
        coach.load_draft("why-this-role")
        == "In 2023 I led the billing migration. Then I moved teams."
    )
    assert coach.load_draft("time-you-failed") == "In 2023 I led the billing migration. Then"


def test_words_typed_for_a_question_a_filter_hid_that_come_in_after_stay_with_it(
    view: PracticeView, coach: Coach, clock: ManualScheduler
) -> None:
    view.answer.value = EARLY
    view.search.value = "rate limit"  # hides it: another question on screen
    assert view.state.question_id == "design-rate-limiter"
    view.answer.value = ANSWER  # late
    assert view.answer.value == ""
    view.search.value = ""  # back to the one set aside, with all its words
    assert view.state.question_id == "time-you-failed" and view.answer.value == ANSWER
    clock.advance(5)
    assert coach.load_draft("time-you-failed") == ANSWER
    assert not coach.load_draft("design-rate-limiter")
