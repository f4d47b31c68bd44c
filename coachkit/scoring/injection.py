"""A deterministic pre-flag for text in an answer that addresses the grader."""

from __future__ import annotations

import re

__all__ = ["injection_spans"]

_PATTERNS = [
    r"\bignore (?:all |any |the )?(?:previous|prior|above|earlier|preceding) "
    r"(?:instructions?|prompts?|rules?|directions?)",
    r"\bdisregard (?:all |any |the )?(?:previous|prior|above|earlier|rubric|instructions?)",
    r"\bforget (?:all |your |the )?(?:previous |prior )?(?:instructions?|rules|rubric)",
    r"\b(?:give|award|assign|rate|score|grade|mark)(?: (?:this|me|it|my answer|the answer|"
    r"all dimensions|every dimension|each dimension))?(?: (?:a|an|with|as|at))?"
    r" (?:perfect|full marks|top marks|maximum|max|5 ?/ ?5|5 out of 5|100 ?/ ?100|100%?|"
    r"10 ?/ ?10|a? ?five)\b",
    r"\b(?:overall|score|rating)\s*(?:[:=]|should be|must be|is)\s*100\b",
    r"\b(?:as|you are) (?:the|an?) (?:grader|evaluator|scorer|assessor|ai|language model)\b",
    r"\b(?:grader|evaluator|scorer|assistant)\s*[:,]",
    r"(?:^|\n)\s*(?:system|assistant|user)\s*:",
    r"<\|?(?:im_start|im_end|system|endoftext)\|?>",
    r"\[/?(?:inst|system)\]",
    r"\bnew instructions?\b",
    r"\byou (?:must|should|will) (?:now )?(?:output|respond|return|rate|score|give)\b",
    r"\bjailbreak\b|\bdeveloper mode\b",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def injection_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of grader-directed text; empty when none is found."""
    return [match.span() for match in _INJECTION.finditer(text)]
