"""Runners, the manual clock, debouncing, the countdown and the draft keeper."""

from __future__ import annotations

import threading

from ui_fakes import FakeScorer, coach_with

from coachkit import QuestionBank, Store
from coachkit.ui.drafts import DraftKeeper
from coachkit.ui.runtime import (
    Countdown,
    Debouncer,
    InlineRunner,
    LateWords,
    ManualRunner,
    ManualScheduler,
    Relay,
    ThreadRunner,
    ThreadScheduler,
    late_grace,
)


def test_inline_and_manual_runners_report_values_and_errors() -> None:
    seen: list[object] = []
    InlineRunner().run(lambda: 41 + 1, seen.append, seen.append)
    InlineRunner().run(lambda: 1 / 0, seen.append, seen.append)
    assert seen[0] == 42 and isinstance(seen[1], ZeroDivisionError)
    manual = ManualRunner()
    manual.run(lambda: "later", seen.append, seen.append)
    assert len(seen) == 2
    assert manual.finish() == 1 and seen[-1] == "later"


def test_thread_runner_runs_off_the_calling_thread() -> None:
    done = threading.Event()
    where: list[str] = []

    def work() -> str:
        where.append(threading.current_thread().name)
        return "ok"

    ThreadRunner().run(work, lambda _v: done.set(), lambda _e: done.set())
    assert done.wait(5)
    assert where == ["coachkit-work"]


def test_thread_scheduler_fires_and_cancels() -> None:
    fired = threading.Event()
    scheduler = ThreadScheduler()
    cancel = scheduler.call_later(10, fired.set)
    cancel()
    scheduler.call_later(0.01, fired.set)
    assert fired.wait(5)


def test_manual_scheduler_fires_in_order_including_rescheduled_calls() -> None:
    clock = ManualScheduler()
    calls: list[str] = []
    clock.call_later(2, lambda: calls.append("b"))
    clock.call_later(
        1, lambda: (calls.append("a"), clock.call_later(0.5, lambda: calls.append("a2")))
    )
    cancel = clock.call_later(1.8, lambda: calls.append("never"))
    cancel()
    clock.advance(3)
    assert calls == ["a", "a2", "b"] and clock.now() == 3


def test_debouncer_waits_for_a_pause_but_not_forever() -> None:
    clock = ManualScheduler()
    fired: list[float] = []
    debouncer = Debouncer(clock, lambda: fired.append(clock.now()), delay=1, max_wait=3)
    for _ in range(10):
        debouncer.touch()
        clock.advance(0.5)
    assert fired == [3.0]  # the max wait cut in during non-stop typing
    clock.advance(2)
    assert len(fired) == 2
    debouncer.touch()
    debouncer.flush()
    assert len(fired) == 3 and not debouncer.pending
    debouncer.flush()  # nothing pending: nothing happens
    assert len(fired) == 3


def test_countdown_ticks_and_ends() -> None:
    clock = ManualScheduler()
    ticks: list[int] = []
    ended: list[bool] = []
    countdown = Countdown(clock, ticks.append, lambda: ended.append(True))
    countdown.start(3)
    clock.advance(5)
    assert ticks == [3, 2, 1, 0] and ended == [True] and not countdown.running
    countdown.start(10)
    countdown.stop()
    clock.advance(20)
    assert ticks[-1] == 10 and ended == [True]


def test_drafts_are_saved_while_a_slow_score_is_running(bank: QuestionBank, store: Store) -> None:
    scorer = FakeScorer()
    scorer.gate = threading.Event()  # a slow LLM call, still waiting for its reply
    coach = coach_with(bank, store, scorer)
    clock = ManualScheduler()
    drafts = DraftKeeper(coach, clock, delay=1)
    scoring = threading.Thread(target=coach.submit, args=("time-you-failed", "first answer"))
    scoring.start()
    drafts.update("q", "typed while scoring")
    clock.advance(1.5)
    assert coach.load_draft("q") == "typed while scoring"  # scoring does not hold the store
    scorer.gate.set()
    scoring.join(10)
    assert store.count_attempts() == 1


def test_draft_keeper_reports_store_failures(bank: QuestionBank, store: Store) -> None:
    coach = coach_with(bank, store)
    errors: list[Exception] = []
    drafts = DraftKeeper(coach, ManualScheduler(), on_error=errors.append)
    store.close()
    drafts.save_now("q", "text")
    assert errors and "closed" in str(errors[0]).lower()


def test_a_relay_hands_the_outcome_to_whoever_follows_it_when_it_lands() -> None:
    relay: Relay[int] = Relay()
    older: list[object] = []
    newer: list[object] = []
    relay.follow(older.append, older.append)
    relay.drop()  # the older view was replaced before the work ended
    relay.follow(newer.append, newer.append)
    relay.succeed(7)
    assert older == [] and newer == [7]
    late: list[object] = []
    relay.follow(late.append, late.append)  # followed once it landed: handed over at once
    assert late == [7]
    failed: Relay[int] = Relay()
    failed.fail(ValueError("no"))
    errors: list[str] = []
    failed.follow(lambda _value: errors.append("value"), lambda exc: errors.append(str(exc)))
    assert errors == ["no"]


def test_a_relay_landing_as_it_is_followed_hands_the_outcome_over_once() -> None:
    """The work ends on its thread while a view starts to follow on the kernel's: the
    view gets the outcome exactly once, whichever comes first."""
    for _ in range(200):
        relay: Relay[int] = Relay()
        got: list[int] = []
        start = threading.Barrier(2)

        def land(relay: Relay[int] = relay, start: threading.Barrier = start) -> None:
            start.wait()
            relay.succeed(1)

        worker = threading.Thread(target=land)
        worker.start()
        start.wait()
        relay.follow(got.append, lambda exc: None)
        worker.join()
        assert got == [1]


def test_late_words_are_awaited_only_after_recent_typing_and_once() -> None:
    clock = ManualScheduler()
    late = LateWords(clock, grace=0.5)
    calls: list[str] = []
    late.settle(lambda: calls.append("nothing typed"))  # at once
    late.typed()
    late.settle(lambda: calls.append("words came"))
    assert calls == ["nothing typed"]
    late.typed()  # the words held back came in: on with them, once
    late.typed()
    clock.advance(1)
    assert calls == ["nothing typed", "words came"]
    late.settle(lambda: calls.append("none came"))
    clock.advance(0.5)  # none came within the grace
    assert calls[-1] == "none came" and len(calls) == 3
    clock.advance(2)  # no keystroke for as long as ``recent``: nothing on its way
    late.settle(lambda: calls.append("after a pause"))
    assert calls[-1] == "after a pause"
    assert not LateWords(clock).behind()  # no grace: never waits


def test_late_words_for_the_text_left_are_told_from_the_next_answer() -> None:
    clock = ManualScheduler()
    late = LateWords(clock)
    held = "In 2023 I led the billing migration at Acme. I owned"
    late.typed()
    late.leave("q1", held)
    assert late.left_for(held + " the plan.") == "q1"
    assert late.left_for(held + " the plan.") is None  # only the first words after
    for text, shown in [
        ("I", ""),  # the next answer's first keystroke
        (held, ""),  # nothing new: the kernel had it all
        # Going on from the box's text, which began as the one left did:
        ("In 2023 I led the billing migration at Acme. We shipped it", held[:45] + "We shipped"),
    ]:
        late.leave("q1", held)
        assert late.left_for(text, shown) is None, text
    late.leave("q1", "  ")
    assert late.left_for("  more") is None  # blank: anything begins so
    clock.advance(2)  # typed no more lately: nothing can be on its way
    late.leave("q1", held)
    assert late.left_for(held + " the plan.") is None


def test_a_click_waits_half_a_second_for_late_words_only_in_a_kernel() -> None:
    """Score, Finish and Save plan wait for words typed just before them with the kernel's
    own runner; a test's runner waits for nothing unless told."""
    assert late_grace(None, None) == 0.5
    assert late_grace(None, InlineRunner()) == 0.0
    assert late_grace(0.2, InlineRunner()) == 0.2
