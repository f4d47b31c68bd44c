"""The LLM scorer: prompt, call, validate, re-ask once, verify, cache, budget."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace

from ..config import Config, ModelEntry
from ..errors import EmptyAnswerError, ProviderError, ScoringError, StoreError, mask_secrets
from ..models import REUSED_NOTE, Question, ScoreCard
from ..rubric import RUBRIC_VERSION
from ..scoring.text import clean
from ..store import Store
from .budget import AGAIN, HOLD_MARGIN, MEANWHILE, BudgetGate, Reservation
from .cache import ScoreCache, cache_key, grading_settings, remembering
from .client import INSTEAD, Completion, LLMClient, Result
from .opencalls import Hold, hold
from .prompt import Prompt, build_prompt, reask_messages, response_format
from .reply import InvalidReply, parse_reply
from .runtime import litellm_loaded, one_line
from .usage import Call, Flight, InFlight, Unlogged, UsageLog, unwinding
from .verify import Checked, check_grade

__all__ = ["LLMScorer"]


class LLMScorer:
    """Scores with one ``model_list`` profile.

    The store (cache, budget, usage log) is opened from ``COACHKIT_HOME`` on
    first use when none is given, so the budget holds however the scorer is made.
    """

    def __init__(
        self,
        entry: ModelEntry,
        config: Config,
        *,
        store: Store | None = None,
        completion: Completion | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = entry.model_name
        self.model = entry.model
        self._entry = entry
        self._config = config
        self._store = store
        self._completion = completion
        self._sleep = sleep
        self._clock = clock
        self._client: LLMClient | None = None
        # Built on first use and kept: they hold no per-score state, and making
        # them afresh at every score is pure overhead on the hot path.
        self._usage: UsageLog | None = None
        self._budget: BudgetGate | None = None
        self._cache: ScoreCache | None = None
        # A measurement of this profile alone (see measured): no message offers another scorer.
        self._measuring = False
        self._settings = grading_settings(entry.litellm_params)

    # -- collaborators, built on first use ---------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store()
        return self._store

    @property
    def usage(self) -> UsageLog:
        if self._usage is None:
            self._usage = UsageLog(self.store, clock=self._clock)
        return self._usage

    @property
    def budget(self) -> BudgetGate:
        if self._budget is None:
            self._budget = BudgetGate(
                self.store,
                self._config.budget,
                self.usage,
                clock=self._clock,
                meanwhile=self._meanwhile(),
                # A score is one call and at most one re-ask of it.
                hold=2 * self.client.longest_call() + HOLD_MARGIN,
            )
        return self._budget

    @property
    def cache(self) -> ScoreCache:
        if self._cache is None:
            self._cache = ScoreCache(self.store, clock=self._clock)
        return self._cache

    @property
    def client(self) -> LLMClient:
        if self._client is None:
            self._client = LLMClient(
                self._entry,
                self._config.llm,
                usage=self.usage,
                completion=self._completion,
                sleep=self._sleep,
                instead=None if self._fallback_name() or self._measuring else INSTEAD,
            )
        return self._client

    def alone(self) -> LLMScorer:
        """This profile with no fallback behind it, so that no message promises one (the
        CLI's own scorers; stability and drift runs take ``measured``)."""
        if self._config.fallback is None:
            return self
        return self._without_fallback()

    def measured(self) -> LLMScorer:
        """This profile alone, as a stability or drift run measures it: besides no
        fallback, no message offers the local scorer (its cards would measure nothing)."""
        if self._measuring:
            return self
        scorer = self._without_fallback()
        scorer._measuring = True
        return scorer

    def _without_fallback(self) -> LLMScorer:
        """A new scorer of this profile, with the same collaborators and no fallback."""
        return LLMScorer(
            self._entry,
            self._config.model_copy(update={"fallback": None}),
            store=self._store,
            completion=self._completion,
            sleep=self._sleep,
            clock=self._clock,
        )

    def _meanwhile(self) -> str | None:
        """What a spent budget's message says to do until it refills."""
        if self._measuring:
            return AGAIN
        return None if self._fallback_name() else MEANWHILE

    def _fallback_name(self) -> str | None:
        fallback = self._config.fallback
        return fallback if fallback and fallback != self.name else None

    # -- scoring ---------------------------------------------------------------------
    def score(self, question: Question, answer: str, *, use_cache: bool = True) -> ScoreCard:
        """Score ``answer``; raises ProviderError or BudgetExceededError when it cannot."""
        text = clean(answer)
        if not text:
            raise EmptyAnswerError()
        started = time.perf_counter()
        client = self.client
        caching = use_cache and self._config.llm.cache
        key = cache_key(self.model, client.api_base, question, text, settings=self._settings)
        # What a store that failed kept from being written (an earlier score's log, cache
        # and release) goes in first: this score's budget check and cache read see it.
        with suppress(StoreError):
            self.usage.log_kept()
        if not caching:
            return self._score(question, text, key, started, caching=False)
        # The same submission twice at once (a batch, two views) is paid for once: the
        # second waits for the first, then finds its score in the cache.
        with _in_flight(f"{self.store.key}\0{key}"):
            # A score already paid for: no key, litellm or call.
            cached = self.cache.get(key) or self._unkept(key)
            if cached is not None:
                return self._from_cache(cached, started)
            return self._score(question, text, key, started, caching=True)

    def _score(
        self, question: Question, text: str, key: str, started: float, *, caching: bool
    ) -> ScoreCard:
        client = self.client
        prompt = build_prompt(question, text)
        # A missing key and a spent budget are known without litellm: say so (or fall
        # back) at once, not after the seconds its first import takes.
        _, secrets = client.resolve()
        budget = self.budget
        # The hourly score, held from before the checks till it is spent or given back: a
        # Ctrl-C that ends the process while this score runs in another thread gives it
        # back too, and no request of it is sent after.
        held = hold(budget.refund)
        # Its requests, logged in flight with the budget's grant: a process killed mid-call
        # leaves that row, counted as a call cut short; their end takes it out.
        flight = Flight(self.name, self.model, "score")
        calls = flight.calls
        with client.flying(flight):
            try:
                self._refuse_early(prompt, text)
                reservation = budget.take(self.model, held, flight)
            except BaseException:
                held.end()  # no score taken, or take() gave it back
                self._land(flight)
                raise
            try:
                # The card's latency is the scoring, not litellm's first import before it
                # nor a wait for the budget.
                started = time.perf_counter()
                try:
                    card = self._grade(
                        question, text, prompt, started, calls, secrets, held, flight
                    )
                except BaseException as exc:
                    with unwinding(exc):
                        # Failed calls are logged too (none if abandon_open_calls did).
                        logged, landed = flight.land()
                        self.usage.record_many(logged, landed=landed)
                        # Ctrl-C: no score (unless abandon_open_calls gave it back already)
                        ours = held.end()
                        if ours and isinstance(exc, ScoringError | KeyboardInterrupt):
                            budget.refund()
                    raise
                kept = caching and remembering()
                self._commit(key if kept else None, card, text, flight, reservation)
            finally:  # the calls' cost is in the log now (or kept): take() reserved no more
                held.end()  # the score is spent, if it was not given back
                budget.settle(reservation, _cost_of(calls))
        return card

    def _commit(
        self,
        key: str | None,
        card: ScoreCard,
        text: str,
        flight: Flight,
        reservation: Reservation | None,
    ) -> None:
        """The log, the cache (under ``key``, if given) and the reservation's release in one
        commit rather than three: commits dominate our cost, and no reader sees the call's
        cost counted twice (logged and still reserved), nor the call logged and still in
        flight. No calls to log if a process exiting meanwhile logged them."""
        logged, landed = flight.land()
        try:
            with self.store.transaction() as conn:
                self.usage.record_many(logged, conn, landed=landed)
                if key is not None:
                    self.cache.put(key, card, conn, answer=text)
                self.budget.settle(reservation, _cost_of(flight.calls), conn)
        except BaseException as exc:
            # Rolled back, but the calls are paid for and the card is good: the card is
            # returned (saving the attempt is the caller's, and says if it cannot), and
            # the rest is kept to be written later. A Ctrl-C still ends the score.
            self._keep(key, card, text, logged, reservation, landed)
            if not isinstance(exc, StoreError):
                raise

    def _refuse_early(self, prompt: Prompt, text: str) -> None:
        """What refuses a score before its budget is taken and its request logged in
        flight: a process killed or exiting during the length check (litellm's first
        import, 3-6 s) then counts no call it never sent. A spent budget is said first, as
        the grant says it: before that import, and over an answer too long."""
        if not litellm_loaded():
            self.budget.look()
        try:
            self.client.check_length(prompt.messages, text)  # litellm's first import
        except ProviderError:
            self.budget.look()
            raise

    def _keep(
        self,
        key: str | None,
        card: ScoreCard,
        text: str,
        calls: list[Call],
        reservation: Reservation | None,
        landed: InFlight | None = None,
    ) -> None:
        """Keep what a failed commit did not write (the calls' log, the card's cache, the
        reservation's release, the row in flight's removal) to be written together: at
        once, and else at the next score or save. Meanwhile this process counts the calls'
        cost and reuses the card, and the reservation holds its dollars back from the
        others; should the process end first, its row in flight counts the call."""
        cache = self.cache

        def beside(conn: sqlite3.Connection) -> None:
            if key is not None:
                cache.put(key, card, conn, answer=text)
            if reservation is not None:
                reservation.release(conn)
            if landed is not None:
                landed.remove(conn)

        if reservation is not None:
            # Released only with the log: released alone, the cost would count nowhere.
            reservation.settled = True
        kept = self.usage.keep(calls, beside=beside)
        if key is not None:
            with _unkept_lock:
                _unkept_cards[(self.store.key, key)] = (card, kept)
        with suppress(StoreError):
            self.usage.log_kept()

    def _land(self, flight: Flight) -> None:
        """Take out the row of a score that sent nothing (its take cut short). A store
        that refuses leaves it, and it counts as cut short once this process has gone: on
        the safe side, as the budget errs."""
        with suppress(StoreError):
            self.usage.record_many([], landed=flight.claim())

    def _unkept(self, key: str) -> ScoreCard | None:
        """The card of a score paid for whose cache a failed store has not written yet."""
        with _unkept_lock:
            found = _unkept_cards.get((self.store.key, key))
            if found is not None and not self.usage.kept(found[1]):
                del _unkept_cards[(self.store.key, key)]  # in the cache now
                found = None
        return found[0] if found is not None else None

    def score_fresh(self, question: Question, answer: str) -> ScoreCard:
        """Score anew even if this answer was scored before (stability runs)."""
        return self.score(question, answer, use_cache=False)

    def _grade(
        self,
        question: Question,
        text: str,
        prompt: Prompt,
        started: float,
        log: list[Call],
        secrets: list[str],
        held: Hold | None = None,
        flight: Flight | None = None,
    ) -> ScoreCard:
        client = self.client
        schema = response_format()
        calls: list[Result] = [
            client.complete(
                prompt.messages, purpose="score", schema=schema, sink=log, held=held, flight=flight
            )
        ]
        notes: list[str] = []
        # A reply is read and checked in one go: one whose quotes are mostly not in the
        # answer is as invalid as one that is not JSON, and is asked again the same way.
        checked: Checked
        try:
            checked = _checked(calls[0].text, question, text)
        except InvalidReply as invalid:
            first = _as_ended(calls[0], invalid)
            log[-1] = replace(log[-1], outcome="invalid_reply")
            retry = reask_messages(prompt.messages, calls[0].text or "", str(first))
            cut = calls[0].finish == "length"
            limit = client.raised_limit(retry, calls[0]) if cut else None
            calls.append(
                client.complete(
                    retry,
                    purpose="reask",
                    schema=schema,
                    sink=log,
                    held=held,
                    flight=flight,
                    max_tokens=limit if limit != client.output_limit() else None,
                )
            )
            try:
                checked = _checked(calls[1].text, question, text)
            except InvalidReply as invalid:
                second = _as_ended(calls[1], invalid)
                log[-1] = replace(log[-1], outcome="invalid_reply")
                # What was wrong quotes the reply, and a provider may echo the key into it.
                said = mask_secrets(second.said.rstrip("."), secrets)
                # Cut off at the token limit, it would be cut off again: the limit is to raise,
                # above the one the re-ask reached when it is known.
                what = "Try again"
                # With a fallback, whose card this note is on, trying again or another
                # profile is not what to do now: the fallback's note says what is.
                alternative = "" if self._fallback_name() else ", or score with another profile"
                if calls[1].finish == "length":
                    reached = limit if cut else client.output_limit()
                    if reached and reached == client.most_output():
                        # No setting lets it write more: a reply this long has gone astray.
                        most = f"the most {client.model} writes"
                        what = f"It stopped at {reached:,} tokens, {most}. Try again"
                    else:
                        above = f" above {reached:,}" if reached else ""
                        what = f"Raise `max_tokens` in its litellm_params{above}"
                advice = "" if not alternative and what == "Try again" else f" {what}{alternative}."
                raise ProviderError(
                    f"{client.who} replied twice with output that is not a valid score "
                    f"({said}).{advice}",
                    kind="invalid_reply",
                ) from None
            notes.append("The model's first reply was invalid; it was asked once more.")
        if not calls[-1].structured:
            notes.append("This provider refused a JSON schema; the reply was validated without.")
        costs = [c.cost_usd for c in calls if c.cost_usd is not None]
        card = ScoreCard(
            question_id=question.id,
            scorer=self.name,
            model=self.model,
            rubric_version=RUBRIC_VERSION,
            dimensions=checked.dimensions,
            overall=checked.overall,
            keypoints=checked.keypoints,
            rebuilt=checked.rebuilt,
            flags=checked.flags,
            tips=checked.tips,
            notes=notes,
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
            cost_usd=round(sum(costs), 8) if costs else None,
        )
        # A provider that echoes the key in its feedback must not get it into the store.
        leaked = [
            secret
            for secret in secrets
            if len(secret) >= 4
            and secret not in text
            and any(secret in (c.text or "") for c in calls)
        ]
        return _masked(card, leaked) if leaked else card

    def _from_cache(self, cached: ScoreCard, started: float) -> ScoreCard:
        latency = round((time.perf_counter() - started) * 1000, 3)
        # Only a note that it was reused: a store that refuses it keeps it for later.
        with suppress(StoreError):
            self.usage.record(Call(self.name, self.model, "score", "cached", latency_ms=latency))
        return cached.model_copy(
            update={
                "scorer": self.name,
                "notes": [*cached.notes, REUSED_NOTE],
                "latency_ms": latency,
                "cost_usd": 0.0,
            }
        )


def _cost_of(calls: list[Call]) -> float | None:
    """What these calls cost, as the budget learns a model's price from it: 0 for answers
    litellm could not price, None when no answer came back (a timeout prices nothing)."""
    priced = [c.cost_usd for c in calls if c.cost_usd is not None]
    if priced:
        return sum(priced)
    return 0.0 if any(c.outcome in ("ok", "invalid_reply") for c in calls) else None


# Cards of scores paid for, by database and cache key, whose cache a failed store has not
# written yet, with the kept log entry that writes it (see LLMScorer._keep).
_unkept_cards: dict[tuple[str, str], tuple[ScoreCard, Unlogged]] = {}
_unkept_lock = threading.Lock()

# Each submission being scored in this process: its lock, and how many hold or await it.
_flights: dict[str, tuple[threading.Lock, list[int]]] = {}
_flights_lock = threading.Lock()


@contextmanager
def _in_flight(key: str) -> Iterator[None]:
    """Held while ``key`` is being scored in this process; a second scoring of it waits
    (and a third, should the first fail: the lock stays while anyone awaits it)."""
    with _flights_lock:
        lock, users = _flights.setdefault(key, (threading.Lock(), [0]))
        users[0] += 1
    try:
        with lock:
            yield
    finally:
        with _flights_lock:
            users[0] -= 1
            if not users[0]:
                del _flights[key]


def _checked(reply: str | None, question: Question, answer: str) -> Checked:
    """A reply validated and checked, or InvalidReply (worded for the model, which is
    asked again) when it is not a grade, or when its quotes are mostly not in the answer:
    a model quoting another text is not grading this one, and its card would call a good
    answer vague."""
    checked = check_grade(parse_reply(reply), question, answer)
    if checked.fabricated:
        # A quote of one word proves nothing (verify.find_quote), though the answer says it:
        # "not in the answer" alone sent a model that quoted "Checkout" looking for a typo.
        raise InvalidReply(
            "Most evidence quotes are not in the answer, or are a single word. Every quote "
            "must be copied word for word from the answer between the delimiters, at least "
            "two words long; give no quote where there is none.",
            said="most of its evidence quotes are not in the answer, or are single words",
        )
    return checked


def _as_ended(result: Result, problem: InvalidReply) -> InvalidReply:
    """``problem`` said as what it was when the reply did not end as a reply: a refusal, cut
    off at the output token limit (its JSON unfinished), or stopped by a content filter.
    Else, "the reply was not JSON" or "was empty" would hide why."""
    if result.refusal:
        said = f"it refused to score the answer: {one_line(result.refusal)!r}"
        return InvalidReply(str(problem), said=said)
    if result.finish == "length":
        return InvalidReply(
            "the reply was cut off at the output token limit before the JSON object ended; "
            "send the whole JSON object and nothing else, with feedback and tips kept short.",
            said="its reply was cut off at the output token limit (max_tokens)",
        )
    if result.finish == "content_filter":
        return InvalidReply(str(problem), said="the provider's content filter stopped its reply")
    return problem


def _masked(card: ScoreCard, secrets: list[str]) -> ScoreCard:
    """``card`` with every one of ``secrets`` replaced by ****, wherever it was."""
    data = card.model_dump_json()
    for secret in sorted(secrets, key=len, reverse=True):
        data = data.replace(json.dumps(secret)[1:-1], "****")
    return ScoreCard.model_validate_json(data)
