"""Every failure coachkit reports to a user, as one small hierarchy.

CoachkitError                  message says what to do next
+-- BadInputError              exit 2: the user can fix the input
|   +-- EmptyAnswerError
|   +-- UnknownQuestionError   (also a KeyError)
|   +-- QuestionFileError      names the file and line
|   +-- AudioFileError         a recording that cannot be transcribed
|   +-- ConfigError            names the file and line
|   |   +-- UnknownScorerError (also a KeyError) lists valid names
|   +-- StoreError
|       +-- CorruptDatabaseError
|       +-- NewerDatabaseError
|       +-- DatabaseBusyError   another program holds the database locked
+-- ScoringError               exit 3: the scorer or provider failed
    +-- ProviderError          a configured LLM could not score
    +-- BudgetExceededError    the user's own LLM budget is spent
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Attempt

__all__ = [
    "DEFINE_ANOTHER",
    "MASK",
    "UPDATE_COACHKIT",
    "AudioFileError",
    "BadInputError",
    "BudgetExceededError",
    "CoachkitError",
    "ConfigError",
    "CorruptDatabaseError",
    "DatabaseBusyError",
    "EmptyAnswerError",
    "NewerDatabaseError",
    "NotSavedError",
    "ProviderError",
    "QuestionFileError",
    "ScoringError",
    "StoreError",
    "UnknownQuestionError",
    "UnknownScorerError",
    "closest_profile",
    "mask_secrets",
    "masked",
    "not_scored_by",
]

# What to do about a file a newer coachkit wrote. coachkit installs from its own folder
# (README): "pip install -U coachkit" would fetch whatever PyPI has under that name. On a
# hub the learner cannot update it: the one who runs the hub can.
UPDATE_COACHKIT = (
    "Update coachkit (in its folder: git pull, then pip install -e .; on a shared server "
    "such as JupyterHub, ask whoever runs it to)"
)

# Text shaped like a provider's API key (OpenAI, Anthropic, Google and the like), and
# what a provider echoes of a request: its Authorization header, and the user:password
# (or a token alone) of a URL such as an api_base.
_KEY_SHAPED = re.compile(
    # With the * a provider masks part of a key by ("sk-test-****3456"): what it left
    # shown of the key is masked too.
    r"\b(?:sk|pk|rk|sess)-[A-Za-z0-9_\-*]{8,}|\bAIza[0-9A-Za-z_\-]{20,}"
    r"|\bBearer\s+\S+|\b[Bb]asic\s+(?=[A-Za-z+/]*[0-9+/=])[A-Za-z0-9+/]{6,}=*"
    r"|(?<=://)[^/@\s]+(?=@)"
)
# Keys of no known shape (Groq's gsk_..., Mistral's, Azure's 32 hex digits): a long run
# of letters and digits, mixed, as no word, name or model id is (see _looks_random).
_LONG_RUN = re.compile(r"(?<![A-Za-z0-9_\-])[A-Za-z0-9_\-]{24,}(?![A-Za-z0-9_\-])")
MASK = "****"
"""What every message shows in place of a secret (``config show`` has its own form,
``masked``, to tell which key a profile holds)."""


def _looks_random(token: str) -> bool:
    """Whether a long run of characters is a key rather than a model id or a name: one
    stretch of 20 or more between separators ("Qwen2-72B-Instruct-AWQ" and
    "Meta_Llama_3_1_405B" have none), in both cases, or of letters and digits mixed, or
    all hexadecimal (Azure's keys). A name run together in both cases is masked too: a
    name shown as ``****`` misleads less than a key shown whole."""
    stretch: str = max(re.split(r"[-_./]", token), key=len)
    if len(stretch) < 20:
        return False
    if any(c.isupper() for c in stretch) and any(c.islower() for c in stretch):
        return True
    digits = sum(c.isdigit() for c in stretch)
    return digits >= 4 and len(stretch) - digits >= 4


def masked(secret: str) -> str:
    """A secret as `coachkit config show` shows it: ``sk-****yz``, or ``****`` when short."""
    return MASK if len(secret) < 12 else f"{secret[:3]}{MASK}{secret[-2:]}"


def _masked(secret: str) -> str:
    """``****``, but a mistyped ``os.environ/`` reference keeps its prefix, which tells
    what went wrong."""
    return "os.environ/" + MASK if secret.startswith("os.environ/") else MASK


def mask_secrets(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with each of ``secrets``, and anything shaped like a key or credential,
    shown as ``****``: every message coachkit shows or logs goes through here.

    A secret of 4 characters or more is masked wherever it is; a shorter one only where
    it is quoted (as ``repr`` quotes it: the way a message echoes a value), or a common
    word given as a key ("none", for a local server) would vanish from every message.
    """
    for secret in sorted(set(secrets), key=len, reverse=True):
        if len(secret) >= 4:
            text = text.replace(secret, _masked(secret))
        elif secret:
            text = text.replace(repr(secret), repr(_masked(secret)))
    text = _KEY_SHAPED.sub(MASK, text)
    return _LONG_RUN.sub(lambda m: MASK if _looks_random(m[0]) else m[0], text)


class CoachkitError(Exception):
    """Base class: ``str(error)`` is a one-line message fit for a user."""

    exit_code = 1


class BadInputError(CoachkitError):
    """Input the user can correct; nothing was changed."""

    exit_code = 2


class EmptyAnswerError(BadInputError):
    def __init__(self) -> None:
        super().__init__("The answer is empty: type or paste your answer, then score it.")


class UnknownQuestionError(BadInputError, KeyError):
    def __init__(self, question_id: str, suggestions: list[str] | None = None) -> None:
        self.question_id = question_id
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"Unknown question id {question_id!r}.{hint} Run `coachkit questions` to list the ids."
        )

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0])


class QuestionFileError(BadInputError):
    """A question file is malformed; the message names the file and line."""

    def __init__(
        self, path: str, line: int | None, problem: str, *, question: str | None = None
    ) -> None:
        # ``question``: the question a problem is in (None: the file as a whole).
        self.path, self.line, self.problem, self.question = path, line, problem, question
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}")


class AudioFileError(BadInputError):
    """A recording that cannot be sent: empty, too large, or not an audio type."""


class ConfigError(BadInputError):
    """The config file is malformed or asks for something impossible.

    A value echoed in the message that looks like an API key, or is one of ``secrets``
    (given under a secret's name), is masked: a key pasted in the wrong place must not
    reach a terminal, a log or a screenshot.
    """

    def __init__(self, message: str, *, secrets: Iterable[str] = ()) -> None:
        super().__init__(mask_secrets(message, secrets))


def closest_profile(name: str, names: Iterable[str]) -> str | None:
    """The one of ``names`` a misspelt profile ``name`` was likely meant as, if any."""
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return close[0] if close else None


def not_scored_by(scorer: str, present: Iterable[str]) -> BadInputError:
    """The error for a filter naming a scorer none of the attempts read has: the names
    they have (``present``), and the one likely meant ("GPT", "gtp": "gpt")."""
    names = list(present)
    same = [name for name in names if name.casefold() == scorer.casefold()]
    meant = same[0] if same else closest_profile(scorer, names)
    hint = f" Did you mean {meant!r}?" if meant else ""
    return BadInputError(
        f"No attempts scored by {scorer!r}.{hint} Your attempts were scored by: {', '.join(names)}."
    )


DEFINE_ANOTHER = "Add a model_list entry to your config to define another."
"""How an unknown scorer's message ends: where another profile is defined (over a
shared config, ``config`` says who does instead)."""


class UnknownScorerError(ConfigError, KeyError):
    """A scorer name that is no profile, or names the transcriber (speech to text), which
    cannot score; ``define`` ends the message: who can add a profile."""

    def __init__(
        self,
        name: str,
        valid: list[str],
        *,
        transcriber: bool = False,
        define: str = DEFINE_ANOTHER,
    ) -> None:
        self.name, self.valid, self.transcriber = name, valid, transcriber
        self.define = define
        self.key = "scorer"  # the setting that names it: the config says "fallback" too
        what = (
            f"Scorer {name!r} is the transcriber (speech to text): it cannot score."
            if transcriber
            else f"Unknown scorer {name!r}.{self.suggestion}"
        )
        super().__init__(f"{what} Valid scorers: {', '.join(valid)}. {define}")

    @property
    def head(self) -> str:
        """The words naming the scorer, after which its source is said."""
        return f"{'Scorer' if self.transcriber else 'Unknown scorer'} {self.name!r}"

    @property
    def meant(self) -> str | None:
        """The profile the name was likely meant as ("locl": "local"), if one is close."""
        return closest_profile(self.name, self.valid)

    @property
    def suggestion(self) -> str:
        """ " Did you mean 'local'?" for a near miss ("locl"), else nothing."""
        meant = self.meant
        return f" Did you mean {meant!r}?" if meant else ""

    def __str__(self) -> str:
        return str(self.args[0])


class StoreError(BadInputError):
    """The attempts database cannot be used as it is."""


class CorruptDatabaseError(StoreError):
    pass


class NotSavedError(StoreError):
    """The answer was scored, but the attempt could not be saved: ``attempt`` holds its
    card, to show rather than lose."""

    def __init__(self, attempt: Attempt, cause: StoreError) -> None:
        super().__init__(
            f"{cause} The answer was scored ({attempt.card.overall}/100) but not saved."
        )
        self.attempt = attempt
        self.cause = cause


class NewerDatabaseError(StoreError):
    pass


class DatabaseBusyError(StoreError):
    """Another program held the database locked for longer than the busy timeout."""


class ScoringError(CoachkitError):
    """Scoring failed; the answer is kept and can be scored again."""

    exit_code = 3


class ProviderError(ScoringError):
    """An LLM provider failed: ``kind`` says how, ``retryable`` whether to try later."""

    def __init__(self, message: str, *, kind: str = "provider", retryable: bool = False) -> None:
        self.kind, self.retryable = kind, retryable
        super().__init__(message)


class BudgetExceededError(ScoringError):
    pass
