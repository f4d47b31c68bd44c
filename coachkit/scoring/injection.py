"""A deterministic pre-flag for text in an answer that addresses the grader."""

from __future__ import annotations

import re

from .keyed import keyed, present_in
from .lexicon import any_of

__all__ = ["grader_directed", "injection_spans"]

# Grader-directed text caps a score hard, so every pattern needs wording an honest
# answer has no reason to use: "an automated pipeline", "rate at 100 per second" or
# "Result: 5 fewer pages" must pass (tests/test_injection_patterns.py holds both sides).
_SCORE_WORDS = r"(?:scores?|marks|ratings?|grades?)"
_TOP_SCORE = (
    r"(?:5 ?/ ?5|5 out of 5|10 ?/ ?10|100 ?/ ?100|full marks|top marks|"
    rf"(?:a |the )?(?:perfect|maximum|max|top|full|highest) {_SCORE_WORDS})"
)
_GRADED = (
    r"(?:this answer|this response|my answer|the answer|this candidate|the candidate|"
    r"all (?:four )?dimensions|every dimension|each dimension)"
)
_GRADER = r"(?:ai |automated |llm )?(?:grader|evaluator|scorer|assessor)"
_ORDER = r"(?:give|award|assign|rate|score|grade|mark|output)"
_PATTERNS = [
    # Orders to drop what the grader was told.
    r"\bignore (?:all |any |the |your )?(?:previous|prior|above|earlier|preceding) "
    r"(?:instructions?|prompts?|rules?|directions?)",
    r"\bignore (?:all |any |the |your )?rubric\b|\bignore (?:all )?your instructions\b",
    r"\bdisregard (?:all |any |the |your )?(?:(?:previous|prior|above|earlier) )?"
    r"(?:instructions?|rubric|rules|prompts?|guidelines)\b",
    r"\bforget (?:all |your |the )?(?:previous |prior )?(?:instructions|rubric)\b",
    r"\bsupersedes? (?:the|any|all|your) (?:(?:previous|earlier|above|original) )?"
    r"(?:rubric|instructions?|grading|scoring)\b",
    r"\b(?:rubric|instructions?)\b[^.\n]{0,40}\bsuperseded\b",
    r"\bdo not (?:reveal|mention|discuss|flag|quote) (?:this|these|the) "
    r"(?:instructions?|note|message)\b",
    # Orders to score: a top score named as a score, or given to the answer itself.
    rf"\b{_ORDER}(?: (?:it|me|this|{_GRADED}))?(?: (?:a|an|with|as|at))? {_TOP_SCORE}\b",
    rf"\b{_ORDER} {_GRADED}(?: (?:a|an|with|as|at))? (?:5|100|five|perfect|maximum|max)\b(?! ?%)",
    rf"\b(?:requires?|deserves?|merits?|warrants?) (?:the |a )?(?:maximum|perfect|highest|full|"
    rf"top) {_SCORE_WORDS}\b",
    r"\boverall\s*[:=]\s*100\b|\b(?:overall|score|rating)\s*(?:should|must|will) be\s*100\b",
    r"\b(?:score|rate|grade|mark|output|give|award|assign|set)\b[^.\n]{0,40}"
    r"\b(?:dimensions?|key ?points?)\b[^.\n]{0,30}"
    r"(?:\b5\b|\b100\b|\bcovered\b|\bmaximum\b|\bfull marks\b)",
    r"\bset (?:all |every |each |the )?(?:four )?(?:star )?dimensions? to 5\b",
    r"\bset (?:the )?overall (?:score )?to 100\b",
    r"\bmark (?:all|every|each)\b[^.\n]{0,30}\bcovered\b",
    # A STAR label with a bare 5, as in "situation=5, task=5": "Result: 5 fewer pages" is a fact.
    r"\b(?:situation|task|action|result)\s*(?:=\s*5\b|:\s*5\b(?!\s*(?:[^\W\d_]|%|[.,]\d)))",
    r"\byou (?:must|should|will|shall) (?:now )?(?:output|respond with|return|give|award|assign|"
    r"rate|score|grade|mark)\b"
    r"[^.\n]{0,40}?(?:\b(?:5|100|perfect|maximum|max|full marks|top marks|covered)\b|/ ?5\b)",
    # Speaking to the grader, or as the system.
    r"\byou are (?:now )?(?:the|an?) (?:grader|evaluator|scorer|assessor|ai|language model)\b",
    r"\byou are no longer (?:grading|scoring|a grader|an evaluator)\b",
    r"\bif you are (?:an? |the )[^.\n]{0,30}?\b(?:grader|evaluator|scorer|assessor|"
    r"language model)\b",
    rf"\bas (?:the|an?) {_GRADER},? you\b",
    rf"\b(?:dear|hey|hello|attention|note to|message to|message for|instructions? for) "
    rf"(?:the |any |all )?(?:{_GRADER}s?|(?:ai |automated )?(?:grading|scoring|evaluation) system|"
    r"language model)\b",
    r"\b(?:grader|evaluator|scorer|assessor)s?\s*:",
    r"\b(?:evaluator|grader|grading|scorer|scoring|rubric) (?:instructions?|notes?|"
    r"polic(?:y|ies)|directives?)\s*(?:\([^)\n]{0,40}\)\s*)?:",
    r"\b(?:evaluator|grader|grading|scorer|scoring|rubric) override\b",
    r"\byour (?:grading|scoring|evaluation) (?:pipeline|system|process)\b",
    r"\bnew (?:grading |scoring )?instructions?\s*:|\bnew instructions? for "
    r"(?:you|the (?:ai|model|grader|evaluator|scorer))\b",
    r"\bsystem[- ]level directive\b|\byou are (?:now )?in \w+ mode\b",
    r"(?:^|\n)\s*(?:system|assistant|user|developer)\s*:",
    r"<\|?(?:im_start|im_end|system|endoftext)\|?>",
    r"\[/?(?:inst|system)\]",
    r"\[\s*(?:begin|end)\s+(?:grader|system|evaluator|instructions?|note)[^\]]{0,30}\]",
]
# Matching lower-cased text is several times faster than re.IGNORECASE; the slow
# pattern is kept for the rare text whose length changes when lower-cased.
_INJECTION = keyed(
    any_of(*_PATTERNS),
    "ignore disregard forget your supersede supersedes superseded reveal mention discuss flag "
    "quote give award assign rate score grade mark require requires deserve deserves merit merits "
    "warrant warrants rating overall output set covered situation task action result you "
    "grader graders evaluator evaluators scorer scorers assessor assessors grading scoring "
    "evaluation rubric override instruction instructions new system directive mode "
    "assistant user developer im endoftext inst begin end language",
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
