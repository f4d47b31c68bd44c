"""Answers made of the candidate's own questions ("Do you have any questions for us?").

Such an answer is no story, and is read on the four dimensions as: what the
questions come from (situation), why they matter to the candidate (task), the
questions themselves (action) and what the answers would tell them (result).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Dimension
from .features import SentenceInfo

__all__ = ["mark_questions", "serves"]

# A question put indirectly: "I'd like to know …", "I'm curious how …", "My last question is …".
_REPORTED = re.compile(
    r"""\b(?:
      i(?:'d|’d|\s+would)\s+(?:also\s+|really\s+)?(?:love|like|want)\s+to\s+
        (?:ask|know|understand|hear|learn|find\s+out)
    | i(?:'d|’d|\s+would|'ll|’ll|\s+will)\s+(?:also\s+)?ask
    | i\s+(?:also\s+)?want\s+to\s+(?:ask|know|understand|hear|find\s+out)
    | i(?:'m|’m|\s+am)\s+(?:also\s+|really\s+)?(?:curious|keen\s+to\s+(?:know|hear|learn)
        |interested\s+(?:in\s+(?:how|what|why|whether|who|hearing)|to\s+(?:know|hear|learn)))
    | i\s+wonder\s+(?:how|what|why|whether|if|who)
    | my\s+(?:\w+\s+)?question\s+(?:is|would\s+be)
    | (?:could|can|would)\s+you\s+(?:tell|walk|talk|describe|share|explain)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_ASKED = re.compile(r"\?[\s\"'”’)\]]*$")
# A question written without its "?" (typed in a hurry, or transcribed from speech):
# "How is success measured in the first six months", "Is there an on-call rotation".
_OPENS_A_QUESTION = re.compile(
    r"""^\W*(?:\d+[.)]\s*)?(?:(?:and|also|so|then|finally|lastly|last|first|second|third),?\s+)?
    (?:(?:how|what|why|when|where|who|which)\s+(?:is|are|was|were|do|does|did|can|could
        |would|will|should|has|have|kind|sort|type|part|makes|happens|gets)
      |(?:is|are|do|does|can|could|would|will|should|has|have)\s+(?:there|the|you|your|it|this
        |that|we|a|an|anyone|someone|people|engineers|new)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Questions the recruiter or the website answers: pay, perks, the process, company facts.
_SHALLOW = re.compile(
    r"""\b(?:salary|salaries|pay\s+range|compensation|bonus(?:es)?|equity|stock\s+options?|401\s?k
    |pension|vacation|holidays|paid\s+(?:time\s+off|leave)|pto|perks?|benefits\s+package
    |signing|relocation|(?:work|working)\s+from\s+home|(?:can|could)\s+i\s+work\s+remotely
    |office\s+equipment|hear\s+back|next\s+steps?\s+in\s+the\s+process|founded|headquarter(?:s|ed)
    |how\s+many\s+(?:offices|employees|people\s+work)|what\s+does\s+(?:your|the)\s+company\s+do
    |raises?|ping[-\s]?pong|foosball|table\s+tennis|snacks|free\s+(?:food|lunch|lunches|drinks)
    |offsites?|team\s+(?:trips?|parties|party)|skip\s+(?:the\s+)?(?:standup|stand-up|meetings?)
    |anyone\s+(?:notice|check|mind)|days?\s+(?:off|a\s+week\s+(?:can\s+i\s+)?(?:not\s+)?come\s+in)
    |(?:not|never)\s+come\s+in|leave\s+early)
    \b""",
    re.IGNORECASE | re.VERBOSE,
)
# What a question comes from: the conversation so far, or the candidate's own research.
_REFERS = re.compile(
    r"""\b(?:
      you(?:'ve|’ve)?\s+(?:\w+\s+)?(?:mentioned|said|described|talked|noted|brought\s+up|explained)
    | earlier | (?:a\s+)?moment\s+ago
    | i\s+(?:\w+\s+)?(?:read|saw|noticed|watched|heard|looked\s+at)
    | job\s+(?:description|posting|ad(?:vert)?)
    | your\s+(?:engineering\s+)?(?:blog|website|site|talk|post|roadmap|docs|changelog
        |annual\s+report)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Why the candidate asks.
_PURPOSE = re.compile(
    r"\b(?:matters?\s+(?:a\s+lot\s+)?to\s+me|i\s+care\s+about|important\s+to\s+me|"
    r"i\s+ask\s+because|i(?:'m|’m|\s+am)\s+asking\s+because|the\s+reason\s+i\s+ask)\b",
    re.IGNORECASE,
)
# What the answer would tell them.
_PAYOFF = re.compile(
    r"""\b(?:
      (?:that|this|it|which|the\s+answer|your\s+answer)\s+(?:would|will|should|could)\s+
        (?:tell|show|help)
    | helps?\s+me\s+(?:decide|judge|understand|know|see|plan|prepare)
    | so\s+(?:that\s+)?i\s+(?:can|could|know)
    | to\s+(?:see|judge|decide|know)\s+(?:whether|if|how)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)


def mark_questions(infos: Sequence[SentenceInfo]) -> None:
    """Mark which sentences ask, and give every sentence its place in that reading.

    A question is the action; a sentence that says what the answer would tell
    the candidate is the result, one that says where the questions come from
    the situation, one that says why they ask the task. Anything else is read
    by position: early sentences frame, late ones close.
    """
    for info in infos:
        if info.injected or info.repeated or not info.substance:
            continue
        text = info.text
        explains = bool(_PURPOSE.search(text))
        # "I ask because …, and I'd like to know …" explains a question; it asks no new one.
        info.asks = bool(_ASKED.search(text) or _OPENS_A_QUESTION.match(text)) or (
            not explains and bool(_REPORTED.search(text))
        )
        info.shallow = info.asks and bool(_SHALLOW.search(text))
        info.purpose = info.reasoning or explains
    usable = [i for i in infos if i.usable]  # a short question is usable once marked
    for rank, info in enumerate(usable):
        text = info.text
        info.refers = bool(_REFERS.search(text))
        info.payoff = bool(_PAYOFF.search(text))
        role: Dimension
        if info.asks:
            role = "action"
        elif info.payoff:
            role = "result"
        elif info.refers:
            role = "situation"
        elif info.purpose:
            role = "task"
        else:
            role = "situation" if rank < len(usable) / 2 else "result"
        info.role = role


def serves(info: SentenceInfo, dimension: Dimension, shows_point: bool) -> bool:
    """True when the sentence does work for ``dimension`` in this reading.

    "Earlier you mentioned the migration; how is it going?" asks (action) and
    says where the question comes from (situation). A question that shows a key
    point ("How do you measure success early on?") asks what matters (result).
    """
    if not info.usable or info.role is None:
        return False
    if info.role == dimension:
        return True
    if dimension == "situation":
        return info.refers
    if dimension == "task":
        return info.purpose
    if dimension == "result":
        return info.payoff or shows_point
    return info.asks
