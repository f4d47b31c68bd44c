"""Scoring a mock interview once the LLM failed for a reason that lasts: the answers
left are scored by the fallback at once, not after the LLM's timeout each."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ui_fakes import FakeScorer

from coachkit import Coach, QuestionBank, Store
from coachkit.config import Config, ModelEntry
from coachkit.errors import BudgetExceededError, ProviderError, ScoringError
from coachkit.llm.fallback import FallbackScorer
from coachkit.models import Question, ScoreCard
from coachkit.scoring.base import Scorer
from coachkit.ui import MockInterviewView
from coachkit.ui.runtime import InlineRunner, ManualScheduler

STORY = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."


class Down(FakeScorer):
    """An LLM that scores the first ``good`` answers, then fails with ``error``."""

    def __init__(self, error: ScoringError, good: int = 2) -> None:
        super().__init__("gpt")
        self.failure, self.good = error, good

    def score(self, question: Question, answer: str) -> ScoreCard:
        if len(self.calls) >= self.good:
            self.calls.append((question.id, answer))
            raise self.failure
        return super().score(question, answer)


def _interview(
    bank: QuestionBank,
    store: Store,
    tmp_path: Path,
    gpt: Down,
    count: int = 5,
    *,
    fallback: bool = True,
) -> tuple[MockInterviewView, list[str], FallbackScorer]:
    """An interview of ``count`` answers scored by gpt, falling back to local (or, with
    ``fallback`` False, to nothing); what its status line said while scoring."""
    local = FakeScorer("local")
    scorer = FallbackScorer(gpt, local)
    by_name: dict[str, Scorer] = {"gpt": scorer if fallback else gpt, "local": local}
    profile = ModelEntry(model_name="gpt", litellm_params={"model": "openai/gpt-4o"})
    config = Config(model_list=[profile])
    coach = Coach(bank=bank, store=store, config=config, scorer_factory=lambda n, _c: by_name[n])
    view = MockInterviewView(
        coach,
        runner=InlineRunner(),
        scheduler=ManualScheduler(),
        rng=random.Random(3),
        reports_dir=tmp_path / "reports",
    )
    view.scorer.value = "gpt"
    view.count.value = count
    view.start_button.click()
    said: list[str] = []
    view.progress.observe(lambda change: said.append(str(change["new"])), names="value")
    for _ in range(count):
        view.answer.value = STORY
        view.next_button.click()
    return view, said, scorer


@pytest.mark.parametrize(
    ("error", "what"),
    [
        (ProviderError("gpt: no reply within 60 s (tried 3 times).", kind="timeout"), "timed out"),
        (ProviderError("gpt: connection refused.", kind="connection"), "could not be reached"),
        (ProviderError("gpt: the key was refused.", kind="auth"), "was refused its key"),
        (BudgetExceededError("No LLM score left this hour."), "reached the LLM budget"),
    ],
)
def test_a_lasting_failure_scores_the_answers_left_by_the_fallback_at_once(
    bank: QuestionBank, store: Store, tmp_path: Path, error: ScoringError, what: str
) -> None:
    """gpt timing out on answer 3, answers 4 and 5 each waited out gpt's timeout and
    retries again (minutes each with a server that hangs) to be scored by local anyway."""
    gpt = Down(error)
    view, said, scorer = _interview(bank, store, tmp_path, gpt)
    assert len(gpt.calls) == 3  # answers 1-3: gpt is not asked again after it failed
    scoring = [line for line in said if " of 5…" in line]
    assert (
        f"gpt {what} on answer 3: the answers left are scored by local without trying gpt again"
        in scoring[3]
    )
    assert f"gpt {what} on answer 3" in scoring[4] and f"{what}" not in scoring[2]
    report = view.report
    assert report is not None and len(report.scored) == 5
    cards = [row.attempt.card for row in report.rows if row.attempt is not None]
    assert [card.scorer for card in cards] == ["gpt", "gpt", "local", "local", "local"]
    assert all(card.stood_in for card in cards[2:])  # marked, with the rescore command
    assert cards[3].stood_in == (
        f"gpt was not tried again: it {what} on answer 3 (see its note). Scored by local instead."
    )
    assert f"gpt {what} on answer 3: answers 4-5 were scored by local without trying it again." in (
        view.status.value
    )
    assert scorer.primary is gpt  # the scorer is as it was, for the next interview
    saved = store.get_attempt(report.session.key(report.rows[4].question.id))
    assert saved is not None and saved.card.stood_in == cards[4].stood_in


@pytest.mark.parametrize("kind", ["rate_limit", "server", "invalid_reply"])
def test_a_passing_failure_tries_the_llm_again_on_each_answer(
    bank: QuestionBank, store: Store, tmp_path: Path, kind: str
) -> None:
    """A rate limit or a server error may pass by the next answer: it is tried again."""
    gpt = Down(ProviderError("gpt: busy.", kind=kind, retryable=True))
    view, said, _scorer = _interview(bank, store, tmp_path, gpt)
    assert len(gpt.calls) == 5
    assert not any("without trying" in line for line in said)
    assert "Each answer left is tried with gpt first." in said[-2]
    assert "without trying" not in view.status.value


def test_the_fallback_keeps_why_its_primary_failed_for_the_last_score_alone(
    bank: QuestionBank,
) -> None:
    """The kind a mock interview gives up on is read from the fallback scorer, not by
    swapping a recorder in for its primary: each score starts afresh, and a score on
    another thread (a batch) neither sees nor clears this thread's."""
    import threading

    timeout = ProviderError("gpt did not answer within 60 s.", kind="timeout")
    scorer = FallbackScorer(Down(timeout, good=1), FakeScorer("local"))
    question = bank.get("time-you-failed")
    scorer.score(question, STORY)
    assert scorer.last_failure is None
    card = scorer.score(question, STORY)
    assert card.scorer == "local" and scorer.last_failure is timeout
    elsewhere: list[object] = []
    thread = threading.Thread(target=lambda: elsewhere.append(scorer.last_failure))
    thread.start()
    thread.join()
    assert elsewhere == [None] and scorer.last_failure is timeout


def test_with_no_fallback_a_lasting_failure_keeps_the_answers_left_without_sending_them(
    bank: QuestionBank, store: Store, tmp_path: Path
) -> None:
    """With no fallback, answers 4 and 5 each waited out gpt's timeout and retries again
    (minutes each with a server that hangs), only to be kept unscored anyway."""
    gpt = Down(ProviderError("gpt: no reply within 60 s (tried 3 times).", kind="timeout"))
    view, said, _scorer = _interview(bank, store, tmp_path, gpt, fallback=False)
    assert len(gpt.calls) == 3  # answer 3 timed out: 4 and 5 are not sent
    scoring = [line for line in said if " of 5…" in line]
    assert (
        "gpt timed out on answer 3: the answers left are not sent to it again, and are kept "
        "to score later" in scoring[3]
    )
    report = view.report
    assert report is not None and len(report.scored) == 2
    assert [r.attempt is None for r in report.rows] == [False, False, True, True, True]
    assert report.rows[3].problem == (
        "Not scored: gpt timed out on answer 3, so it was not sent again. The answer is kept."
    )
    assert "gpt timed out on answer 3: answers 4-5 were not sent to it again, and are kept" in (
        view.status.value
    )
    kept = view._resumable  # kept to resume, every answer in it
    assert kept is not None and len(kept[1].answers) == 5
