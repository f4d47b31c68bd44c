"""Answers spoken aloud: a recording turned into text by a speech-to-text profile.

The profile is a ``model_list`` entry named by ``transcriber:`` in the config, such
as ``openai/whisper-1`` or a local OpenAI-compatible Whisper server. The audio is
never stored (it is sent again only when the provider fails, as a score is); the text
becomes the answer, which the user can edit before scoring. Calls are logged and count
towards ``budget.usd_per_day``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import PurePath

from .. import paths
from ..audio import check_audio
from ..config import Config
from ..errors import AudioFileError, BadInputError
from ..store import Store
from .budget import BudgetGate
from .client import Completion, LLMClient
from .runtime import litellm_loaded, load_litellm
from .usage import Flight, UsageLog, unwinding

__all__ = ["Transcriber"]


class Transcriber:
    """Turns recordings into answer text with the config's ``transcriber`` profile."""

    def __init__(
        self,
        config: Config,
        *,
        store: Store | None = None,
        transcription: Completion | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not config.transcriber:
            # The user's own file, over a shared config too: the setting is theirs.
            own = paths.personal_config_path() or paths.config_path()
            raise BadInputError(
                f"No transcriber is set: add `transcriber: NAME` to your config ({own}), "
                "naming a model_list profile with a speech-to-text model (e.g. openai/whisper-1). "
                "Until then, answers are typed or pasted, not recorded."
            )
        entry = config.entry(config.transcriber)
        self.name = entry.model_name
        self._store = store or Store()
        self._usage = UsageLog(self._store)
        instead = "type or paste your answer instead"
        self._budget = BudgetGate(
            self._store, config.budget, self._usage, meanwhile=f"Meanwhile, {instead}."
        )
        self._client = LLMClient(
            entry,
            config.llm,
            usage=self._usage,
            completion=transcription,
            sleep=sleep,
            instead=instead,
        )

    def transcribe(self, audio: bytes, filename: str) -> str:
        """The recording's text; raises AudioFileError (also for silence), ProviderError or
        BudgetExceededError."""
        check_audio(audio, filename)
        client = self._client
        client.resolve()  # a missing key is known before litellm's slow first import
        if not litellm_loaded():
            self._budget.look(score=False)  # and a spent day
            # Imported before the reservation: a process killed or exiting meanwhile
            # has logged nothing in flight, for a call it never sent.
            load_litellm()
        # Reserved, as a score's call is: two notebooks transcribing at once stop at the
        # daily limit together. Logged in flight with the reservation, as a score's call
        # is: a process killed mid-call leaves a row that counts it.
        flight = Flight(client.profile, client.model, "transcribe")
        with client.flying(flight):
            reservation = self._budget.reserve(client.model, flight)
            cost: float | None = None
            try:
                result = client.transcribe(
                    audio, PurePath(filename).name, sink=flight.calls, flight=flight
                )
                cost = result.cost_usd
            except BaseException as exc:
                with unwinding(exc):
                    self._log(flight)
                raise
            else:
                self._log(flight)
            finally:
                self._budget.settle(reservation, cost)
        text = (result.text or "").strip()
        if not text:
            # The call worked; the recording is what the user can fix (exit 2).
            raise AudioFileError(
                f"{self._client.who} heard no speech in {PurePath(filename).name}. Check the "
                "recording plays back, then try again."
            )
        return text

    def _log(self, flight: Flight) -> None:
        """Log the recording's calls in place of its row in flight (none if a process
        exiting meanwhile logged them, see opencalls.abandon_open_calls)."""
        calls, landed = flight.land()
        self._usage.record_many(calls, landed=landed)
