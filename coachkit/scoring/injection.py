"""A deterministic pre-flag for text in an answer that addresses the grader."""

from __future__ import annotations

import re

from .keyed import keyed, present_in
from .lexicon import any_of

__all__ = ["grader_directed", "injection_spans"]

_PATTERNS = [
    r"\bignore (?:all |any |the )?(?:previous|prior|above|earlier|preceding) "
    r"(?:instructions?|prompts?|rules?|directions?)",
    r"\bdisregard (?:all |any |the )?(?:previous|prior|above|earlier|rubric|instructions?)",
    r"\bforget (?:all |your |the )?(?:previous |prior )?(?:instructions?|rules|rubric)",
    r"\b(?:give|award|assign|rate|score|grade|mark)(?: (?:this answer|this response|this|me|it|"
    r"my answer|the answer|"
    r"all dimensions|every dimension|each dimension))?(?: (?:a|an|with|as|at))?"
    r" (?:perfect|full marks|top marks|maximum|max|5 ?/ ?5|5 out of 5|100 ?/ ?100|100%?|"
    r"10 ?/ ?10|a? ?five)\b",
    r"\b(?:overall|score|rating)\s*(?:[:=]|should be|must be|is)\s*100\b",
    r"\byou are (?:the|an?) (?:grader|evaluator|scorer|assessor|ai|language model)\b",
    r"\bas (?:the|an?) (?:grader|evaluator|scorer|assessor)\b",
    r"\b(?:grader|evaluator|scorer)\s*[:,]",
    r"(?:^|\n)\s*(?:system|assistant|user)\s*:",
    r"<\|?(?:im_start|im_end|system|endoftext)\|?>",
    r"\[/?(?:inst|system)\]",
    r"\bnew (?:grading |scoring )?instructions?\s*:|\bnew instructions? for (?:you|the grader)\b",
    r"\byou (?:must|should|will) (?:now )?(?:output|respond|return|rate|score|give)\b",
    r"\bjailbreak\b|\bdeveloper mode\b",
    r"\b(?:score|rate|grade|mark|output|give|award|assign)\b[^.\n]{0,40}\b(?:dimensions?|overall|"
    r"all four|keypoints?)\b[^.\n]{0,30}(?:\b5\b|\b100\b|\bcovered\b|\bmaximum\b|\bfull marks\b)",
    r"\bset (?:all |every |each |the )?(?:four )?(?:star )?dimensions? to 5\b",
    r"\bset (?:the )?overall (?:score )?to 100\b",
    r"\b(?:evaluator|grader|grading|scorer|scoring|rubric|automated)\s+(?:instructions?|notes?|"
    r"polic(?:y|ies)|override|directives?|scorer|grader|pipeline)\b",
    r"\bpriority override\b|\bcalibration mode\b|\bsystem[- ]level directive\b",
    r"\bsupersedes? (?:the|any|all|your) (?:rubric|instructions?|previous|earlier)\b",
    r"\[\s*(?:begin|end)\s+(?:grader|system|evaluator|instructions?|note)[^\]]{0,30}\]",
    r"\bmark (?:all|every) (?:the )?key ?points? (?:as )?covered\b",
    r"\b(?:situation|task|action|result)\s*[=:]\s*5\b",
    r"\bdo not (?:reveal|mention|discuss) (?:this|these|the) (?:instructions?|note)\b",
    r"\byou are (?:now )?in \w+ mode\b|\bgrading policy\b|\bmaximum score\b",
]
# Matching lower-cased text is several times faster than re.IGNORECASE; the slow
# pattern is kept for the rare text whose length changes when lower-cased.
_INJECTION = keyed(
    any_of(*_PATTERNS),
    "ignore disregard forget give award assign rate score grade mark output overall rating "
    "grader evaluator scorer assessor ai language system assistant user im endoftext inst "
    "instruction instructions must should will jailbreak developer dimension dimensions "
    "grading scoring rubric automated override calibration supersede supersedes begin end "
    "situation task action result reveal mention discuss mode maximum",
)
_INJECTION_ANY_CASE = re.compile(_INJECTION.regex.pattern, re.IGNORECASE)


def injection_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of grader-directed text; empty when none is found."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [match.span() for match in _INJECTION_ANY_CASE.finditer(text)]
    if not _INJECTION.could_match(lowered, present_in(lowered)):
        return []  # none of the words any injection pattern needs: nothing to scan for
    return [match.span() for match in _INJECTION.regex.finditer(lowered)]


# Words that only make sense when talking to whoever scores the answer.
_GRADER_WORDS = re.compile(
    r"\b(?:scores?|scored|scoring|grade[ds]?|grader|grading|evaluator|rubric|dimensions?|"
    r"overall|key ?points?|instructions?|marks|calibration|policy|automated)\b",
)


def grader_directed(texts: list[str], paragraphs: list[int]) -> set[int]:
    """Indexes of the sentences that belong to text addressed to the grader.

    A sentence matching an injection pattern taints its whole paragraph when the
    answer has other paragraphs (an injected block is usually set apart), and
    otherwise taints the sentences after it that talk about scoring.
    """
    hits = {i for i, text in enumerate(texts) if injection_spans(text)}
    if not hits:
        return set()
    tainted = set(hits)
    if len(set(paragraphs)) > 1:
        bad = {paragraphs[i] for i in hits}
        tainted |= {i for i, p in enumerate(paragraphs) if p in bad}
    first = min(hits)
    tainted |= {i for i in range(first, len(texts)) if _GRADER_WORDS.search(texts[i].lower())}
    return tainted
