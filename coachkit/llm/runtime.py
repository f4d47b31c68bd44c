"""Loading litellm safely, and keeping secrets out of every message coachkit shows."""

from __future__ import annotations

import logging
import os
import re
import threading
import traceback
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, cast

from ..errors import mask_secrets
from .deadline import bound_reads

__all__ = [
    "litellm_loaded",
    "load_litellm",
    "model_info",
    "one_line",
    "quiet_serializer",
    "remember_secrets",
]

_litellm: Any = None  # the module, once imported


def load_litellm() -> Any:
    """Import litellm on first use, with its cost map local and ``.env`` loading off.

    Importing litellm takes seconds, so only the LLM call path does it. Without
    these settings the import fetches a cost map over the network and loads any
    ``.env`` in the working directory (which could inject keys).
    """
    global _litellm
    if _litellm is not None:  # every LLM call asks: after the first, answer at once
        return _litellm
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    # LITELLM_MODE rather than PYTHON_DOTENV_DISABLED: the latter would also switch
    # off load_dotenv() in the user's own notebook code.
    os.environ.setdefault("LITELLM_MODE", "PRODUCTION")
    import litellm

    litellm.suppress_debug_info = True  # no "Give Feedback" banners on stdout
    bound_reads()  # the timeout bounds a whole reply, not only each read (see deadline)
    _litellm = litellm
    return litellm


# What pydantic warns when litellm or the OpenAI SDK dumps a reply whose fields are not the
# type they declare (content as a list of parts, tool-call arguments as an object).
_SERIALIZER = "Pydantic serializer warnings"
_quiet_lock = threading.Lock()
_quiet_calls = 0  # calls running under the filter, in every thread
_quiet_added = False  # the filter is ours to take out (not one the user had already)


@contextmanager
def quiet_serializer() -> Iterator[None]:
    """Pydantic's serializer warnings ignored while a call runs: three lines on a terminal
    or in a notebook cell that a user can do nothing about.

    Not ``warnings.catch_warnings``: it puts back the filters it found, so two calls at
    once (a batch) could leave the filter for good or lift the other's. The filter is
    added by the first call and taken out by the last."""
    global _quiet_calls, _quiet_added
    with _quiet_lock:
        if not _quiet_calls and _serializer_filter() is None:
            warnings.filterwarnings("ignore", message=_SERIALIZER, category=UserWarning)
            _quiet_added = True
        _quiet_calls += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_calls -= 1
            found = _serializer_filter() if not _quiet_calls and _quiet_added else None
            if found is not None:
                with suppress(ValueError):  # taken out by someone else meanwhile
                    cast(list[Any], warnings.filters).remove(found)  # a list, typed a Sequence
            _quiet_added = _quiet_added and bool(_quiet_calls)


def _serializer_filter() -> Any:
    """The filter that ignores pydantic's serializer warnings, if there is one."""
    for item in warnings.filters:
        pattern = getattr(item[1], "pattern", None)
        if item[0] == "ignore" and pattern == _SERIALIZER and item[2] is UserWarning:
            return item
    return None


def litellm_loaded() -> bool:
    """Whether ``load_litellm`` has imported litellm: after that, a call costs no import."""
    return _litellm is not None


def model_info(model: str) -> dict[str, Any]:
    """litellm's static table entry for ``model`` (with or without its provider prefix).

    The static table only: litellm's live look-ups call the provider (Ollama's
    /api/show at the default address), which a check before a call must not.
    """
    table = load_litellm().model_cost
    info = table.get(model) or table.get(model.split("/", 1)[-1]) or {}
    return info if isinstance(info, dict) else {}


_known: set[str] = set()
_lock = threading.Lock()
_factory_installed = False


def remember_secrets(values: Iterable[str]) -> None:
    """Mask these values in every log record from now on, whoever logs them.

    litellm's debug logs quote provider responses verbatim, and some providers
    echo the key back in an error; a record factory is the one hook that sees
    records from every logger (filters on a logger miss its children).
    """
    global _factory_installed
    fresh = {v for v in values if v and len(v) >= 4}
    with _lock:
        _known.update(fresh)
        if _factory_installed or not _known:
            return
        previous = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            _scrub(record)
            return record

        logging.setLogRecordFactory(factory)
        _factory_installed = True


def _scrub(record: logging.LogRecord) -> None:
    secrets = tuple(_known)
    try:
        message = record.getMessage()
    except Exception:  # a malformed record is the logger's problem, not ours
        return
    if any(secret in message for secret in secrets):
        record.msg, record.args = mask_secrets(message, secrets), None
    if record.exc_info and record.exc_info[1] is not None:
        text = "".join(traceback.format_exception(*record.exc_info))
        if any(secret in text for secret in secrets):
            record.exc_info, record.exc_text = None, mask_secrets(text, secrets)


def one_line(text: str, limit: int = 200) -> str:
    """The first meaningful line of a provider message, shortened for a user."""
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    # Some litellm messages run straight into a traceback: keep only the words before it.
    line = line.split("Traceback (most recent call last)")[0].strip() or "no details"
    # litellm stacks prefixes: "litellm.X: X: OpenAIException - the actual message"
    line = re.sub(r"^(?:litellm\.\w+:\s*)+(?:\w+Error:\s*)*(?:\w+Exception\s*-\s*)?", "", line)
    return line if len(line) <= limit else line[: limit - 1] + "…"
