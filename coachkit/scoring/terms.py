"""Technical terms an answer may write as an acronym or spell out.

Key points are written one way ("dead-letter queue for poison messages", "SLO target
over rolling window") and answers often the other ("failed messages go to a DLQ", "a
service level objective of 99.9%"). An answer's sentence is read with both forms of
each term it says, so either meets a point written with either. Key points are left
as written: spelling out their acronyms would add words a point does not ask for.

Only terms the question bank's key points name are here, each one whose acronym means
nothing else in an interview answer; a general rule for initials would read "CI" as
"composite index".
"""

from __future__ import annotations

import re

__all__ = ["both_forms"]

_TERMS = {
    "adr": "architecture decision record",
    "cdc": "change data capture",
    "csp": "content security policy",
    "csr": "client-side rendering",
    "dlq": "dead-letter queue",
    "mde": "minimum detectable effect",
    "rca": "root cause analysis",
    "rps": "requests per second",
    "sli": "service level indicator",
    "slo": "service level objective",
    "ssr": "server-side rendering",
    "tti": "time to interactive",
}
# An acronym read as fewer words than its term: "side" is both renderings' word, and an
# answer saying "SSR" has said nothing of "client-side rendering".
_READ_AS = {"csr": "client rendering", "ssr": "server rendering"}


def _spelled(phrase: str) -> str:
    """The phrase as answers write it: hyphenated or not ("dead letter queue"), plural."""
    *head, last = phrase.replace("-", " ").split()
    plural = f"{last[:-1]}(?:y|ies)" if last.endswith("y") else f"{last}s?"
    return r"[- ]".join([*head, plural])


# One pass over the sentence: a form written in is never read again.
_EITHER = re.compile(
    r"\b(?:"
    + "|".join(
        f"(?P<{acronym}>{acronym}s?|{_spelled(phrase)})" for acronym, phrase in _TERMS.items()
    )
    + r")\b"
)


def both_forms(lowered: str) -> str:
    """``lowered`` (lower-case text) with each term it says written in both forms: "a
    dlq" becomes "a dlq dead-letter queue", and "a dead letter queue" "a dlq dead letter
    queue"."""
    return _EITHER.sub(_both, lowered)


def _both(match: re.Match[str]) -> str:
    acronym = match.lastgroup or ""
    said = match.group()
    if said in (acronym, f"{acronym}s"):
        return f"{acronym} {_READ_AS.get(acronym, _TERMS[acronym])}"
    return f"{acronym} {said}"
