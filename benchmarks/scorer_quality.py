"""How well a scorer agrees with the labelled answers, beside a word-count baseline.

    python benchmarks/scorer_quality.py [--scorer local] [--split holdout|tune|all]

Prints Spearman correlation of overall scores with the labels (all answers and
those of 150+ words), mean absolute error and presence F1 (present = score >= 2)
per dimension, key-point precision and recall, the anti-gaming rules (signpost
stuffing and injections score at most 30 and are flagged, non-answers and
off-topic answers at most 20, natural prose at least 70), determinism, how short
answers written for their questions fare (none should be off-topic), and the
five answers the scorer gets most wrong, with why.
For the offline scorer (or with --cross) it also tells every good story again for
each other story question, and prints how often it scores lower there.
The word-count baseline scores overall = answer length and each dimension as
length in bands of 50 words, so nobody mistakes "longer" for "better".
The metric functions are imported by tests/test_scorer_quality.py.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# This checkout's coachkit, whichever is installed (an editable install of another clone).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coachkit import CoachkitError, QuestionBank, load_config
from coachkit.models import DIMENSIONS, Dimension, Question, ScoreCard
from coachkit.scoring.base import Scorer
from coachkit.scoring.registry import make_scorer

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "labelled_answers.jsonl"
# A coach's judgement of which key points 95 views and edge answers cover, made apart
# from the scorer (the answers are in view_answers.jsonl and edge_answers.jsonl).
KEYPOINT_LABELS = DATA.parent / "keypoint_labels.jsonl"
KEYPOINT_ANSWERS = (DATA.parent / "view_answers.jsonl", DATA.parent / "edge_answers.jsonl")
# The same for 74 pitches ("Tell me about yourself"): which of its first five key points
# each makes (the sixth, about length, is not a coach's call on the words).
PITCH_LABELS = DATA.parent / "pitch_keypoint_labels.jsonl"
PITCH_ANSWERS = DATA.parent / "pitch_answers.jsonl"
# Short answers (20-59 words) written apart for their questions, decent or weak, all on them.
SHORT_ANSWERS = DATA.parent / "short_answers.jsonl"
LONG_ANSWER_WORDS = 150
PRESENT_AT = 2
_WORD = re.compile(r"\S+")

# Kinds (as written in the labelled set) that the anti-gaming rules name.
FLOOR_KINDS = ("non-answer", "non_answer", "nonanswer", "off-topic", "off_topic", "offtopic")
PROSE_KINDS = ("natural-prose", "natural_prose", "no-signpost", "no_signpost", "prose")
# Real stories, well or less well told, that answer their question: the kinds a
# candidate might fairly tell again for another question.
STORY_KINDS = (
    "exemplary",
    "solid",
    "natural-prose-excellent",
    "vague-metrics",
    "we-not-i",
    "missing-situation",
    "no-result",
    "result-no-numbers",
)
STORY_CATEGORIES = ("behavioral", "cultural-fit")


@dataclass(frozen=True)
class Labelled:
    """One labelled answer from tests/data/labelled_answers.jsonl."""

    id: str
    question_id: str
    split: str
    kind: str
    answer: str
    labels: dict[Dimension, int]
    overall: int
    keypoints_covered: tuple[str, ...]
    reason: str

    @property
    def word_count(self) -> int:
        return len(_WORD.findall(self.answer))


@dataclass(frozen=True)
class Scored:
    """A labelled answer beside what a scorer made of it."""

    item: Labelled
    overall: float
    dimensions: dict[Dimension, int]
    covered: frozenset[str]
    flags: tuple[str, ...]
    card: ScoreCard | None = None


def load_labelled(path: Path = DATA, split: str = "all") -> list[Labelled]:
    """The labelled answers of one split (``tune``, ``holdout`` or ``all``)."""
    items: list[Labelled] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        if split != "all" and raw["split"] != split:
            continue
        items.append(
            Labelled(
                id=str(raw["id"]),
                question_id=raw["question_id"],
                split=raw["split"],
                kind=str(raw.get("kind", "")),
                answer=raw["answer"],
                labels={d: int(raw["labels"][d]) for d in DIMENSIONS},
                overall=int(raw["overall"]),
                keypoints_covered=tuple(raw.get("keypoints_covered") or ()),
                reason=str(raw.get("reason", "")),
            )
        )
    return items


# -- metrics -----------------------------------------------------------------
def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation (Pearson on tie-averaged ranks); nan if undefined."""
    if len(xs) != len(ys):
        raise ValueError("spearman needs two sequences of the same length")
    if len(xs) < 2:
        return math.nan
    rx, ry = _ranks(xs), _ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy) if vx and vy else math.nan


def mae(predicted: Sequence[float], truth: Sequence[float]) -> float:
    return sum(abs(p - t) for p, t in zip(predicted, truth, strict=True)) / max(len(truth), 1)


def f1(predicted: Sequence[bool], truth: Sequence[bool]) -> float:
    """F1 of the positive class; 1.0 when neither side has a positive."""
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    fp = sum(p and not t for p, t in zip(predicted, truth, strict=True))
    fn = sum(t and not p for p, t in zip(predicted, truth, strict=True))
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


# Where "scored high" starts, for how far the top of the scale sits from the labels.
TOP_SCORE = 88


def overall_mae(rows: Sequence[Scored]) -> float:
    return mae([r.overall for r in rows], [r.item.overall for r in rows])


def top_bias(rows: Sequence[Scored], at: int = TOP_SCORE) -> tuple[float, int]:
    """Mean overall minus label over the answers scored ``at`` or more, and how many:
    what a high score means to the user reading it (NaN when none scored that high)."""
    gaps = [r.overall - r.item.overall for r in rows if r.overall >= at]
    return (sum(gaps) / len(gaps) if gaps else math.nan), len(gaps)


def overall_spearman(rows: Sequence[Scored], min_words: int = 0) -> float:
    chosen = [r for r in rows if r.item.word_count >= min_words]
    return spearman([r.overall for r in chosen], [r.item.overall for r in chosen])


def dimension_mae(rows: Sequence[Scored], dimension: Dimension) -> float:
    return mae([r.dimensions[dimension] for r in rows], [r.item.labels[dimension] for r in rows])


def presence_f1(rows: Sequence[Scored], dimension: Dimension) -> float:
    return f1(
        [r.dimensions[dimension] >= PRESENT_AT for r in rows],
        [r.item.labels[dimension] >= PRESENT_AT for r in rows],
    )


def keypoint_precision_recall(rows: Sequence[Scored]) -> tuple[float, float]:
    """Micro-averaged over every (answer, key point) pair the labels speak about."""
    tp = fp = fn = 0
    for row in rows:
        truth = set(row.item.keypoints_covered)
        tp += len(row.covered & truth)
        fp += len(row.covered - truth)
        fn += len(truth - row.covered)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _agreement(judged: Iterable[tuple[set[str], set[str]]]) -> tuple[float, float, int]:
    """Precision, recall and the number of answers, from each answer's key points as the
    scorer covered them and as a coach did."""
    tp = fp = fn = n = 0
    for covered, truth in judged:
        tp, fp, fn, n = (
            tp + len(covered & truth),
            fp + len(covered - truth),
            fn + len(truth - covered),
            n + 1,
        )
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), n


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def judged_keypoints(scorer: Scorer, bank: QuestionBank) -> tuple[float, float, int]:
    """Precision, recall and the number of answers, against KEYPOINT_LABELS."""
    answers = {raw["id"]: raw for path in KEYPOINT_ANSWERS for raw in _jsonl(path)}

    def judged() -> Iterator[tuple[set[str], set[str]]]:
        for label in _jsonl(KEYPOINT_LABELS):
            answer = answers[label["id"]]
            card = scorer.score(bank.get(answer["question_id"]), answer["answer"])
            yield (
                {k.point for k in card.keypoints if k.covered},
                {c["point"] for c in label["covered"]},
            )

    return _agreement(judged())


def pitch_keypoints(scorer: Scorer, bank: QuestionBank) -> tuple[float, float, int]:
    """Precision, recall and the number of pitches, against PITCH_LABELS (the first five
    key points: the sixth, about length, is not a coach's call on the words)."""
    answers = {raw["id"]: raw for raw in _jsonl(PITCH_ANSWERS)}

    def judged() -> Iterator[tuple[set[str], set[str]]]:
        for label in _jsonl(PITCH_LABELS):
            answer = answers[label["id"]]
            question = bank.get(answer["question_id"])
            card = scorer.score(question, answer["answer"])
            points = set(question.keypoints[:5])
            covered = {k.point for k in card.keypoints if k.covered}
            yield covered & points, set(label["keypoints_covered"]) & points

    return _agreement(judged())


@dataclass(frozen=True)
class Short:
    """How the short answers written for their questions fare (SHORT_ANSWERS)."""

    answers: int
    off_topic: int  # called off the topic (they are all on it)
    decent: float  # mean overall of those written as decent
    weak: float  # and of those written as weak but on the question


def short_answers(scorer: Scorer, bank: QuestionBank) -> Short:
    rows = _jsonl(SHORT_ANSWERS)
    cards = [(r["quality"], scorer.score(bank.get(r["question_id"]), r["answer"])) for r in rows]

    def mean(quality: str) -> float:
        return statistics.fmean(c.overall for q, c in cards if q == quality)

    off = sum("off_topic" in card.flags for _, card in cards)
    return Short(len(cards), off, mean("decent"), mean("weak"))


def _kind_is(item: Labelled, names: Sequence[str]) -> bool:
    kind = item.kind.lower()
    return any(name in kind for name in names)


def gaming_failures(rows: Sequence[Scored]) -> list[str]:
    """The anti-gaming rules (see the module docstring), one line per answer that breaks one
    (empty = all pass)."""
    failures: list[str] = []
    for row in rows:
        item = row.item
        for kinds, flag in (
            (("signpost", "stuffing"), "signpost_stuffing"),
            (("injection",), "injection_suspected"),
        ):
            if _kind_is(item, kinds) and (row.overall > 30 or flag not in row.flags):
                failures.append(f"{item.id} ({item.kind}): {row.overall:.0f}, {row.flags}")
        if _kind_is(item, FLOOR_KINDS) and row.overall > 20:
            failures.append(f"{item.id} ({item.kind}): {row.overall:.0f} > 20")
        if _kind_is(item, PROSE_KINDS) and row.overall < 70:
            failures.append(f"{item.id} ({item.kind}): {row.overall:.0f} < 70")
    return failures


def nondeterministic(scorer: Scorer, bank: QuestionBank, items: Sequence[Labelled]) -> list[str]:
    """Ids whose ScoreCard differs (latency aside) when scored a second time."""
    differing = []
    for item in items:
        question = bank.get(item.question_id)
        first, second = scorer.score(question, item.answer), scorer.score(question, item.answer)
        if _stable_json(first) != _stable_json(second):
            differing.append(item.id)
    return differing


@dataclass(frozen=True)
class Elsewhere:
    """Good stories told for their own question, and for every other story question."""

    pairs: int  # (story, other question) pairs
    lower: int  # pairs where the story scores below its score on its own question
    flagged: int  # pairs flagged as missing the question (misses_question or no_story)
    held: int  # pairs far from the question's words, held to what they cover (loose_fit)
    own: int  # stories on their own question
    own_flagged: int  # stories flagged so on their own question
    own_median: float
    elsewhere_median: float


def _missed(card: ScoreCard) -> bool:
    """Flagged as not answering its question: a story about something else, or no story."""
    return "misses_question" in card.flags or "no_story" in card.flags


def told_elsewhere(scorer: Scorer, bank: QuestionBank, items: Sequence[Labelled]) -> Elsewhere:
    """An answer to another question must not score as well as an answer to this one."""
    others = [q for q in bank if q.category in STORY_CATEGORIES]
    stories = [
        item
        for item in items
        if item.kind in STORY_KINDS and bank.get(item.question_id).category in STORY_CATEGORIES
    ]
    own: list[ScoreCard] = []
    elsewhere: list[tuple[ScoreCard, ScoreCard]] = []
    for item in stories:
        home = scorer.score(bank.get(item.question_id), item.answer)
        own.append(home)
        for question in others:
            if question.id != item.question_id:
                elsewhere.append((home, scorer.score(question, item.answer)))
    return Elsewhere(
        pairs=len(elsewhere),
        lower=sum(card.overall < home.overall for home, card in elsewhere),
        flagged=sum(_missed(card) for _, card in elsewhere),
        held=sum("loose_fit" in card.flags for _, card in elsewhere),
        own=len(own),
        own_flagged=sum(_missed(card) for card in own),
        own_median=statistics.median(c.overall for c in own) if own else math.nan,
        elsewhere_median=(
            statistics.median(c.overall for _, c in elsewhere) if elsewhere else math.nan
        ),
    )


def _stable_json(card: ScoreCard) -> str:
    return card.model_copy(update={"latency_ms": 0.0}).model_dump_json()


# -- scoring -------------------------------------------------------------------
def score_all(scorer: Scorer, bank: QuestionBank, items: Sequence[Labelled]) -> list[Scored]:
    rows = []
    for item in items:
        question: Question = bank.get(item.question_id)
        card = scorer.score(question, item.answer)
        rows.append(
            Scored(
                item=item,
                overall=float(card.overall),
                dimensions={d: card.score(d) for d in DIMENSIONS},
                covered=frozenset(k.point for k in card.keypoints if k.covered),
                flags=tuple(card.flags),
                card=card,
            )
        )
    return rows


def word_count_baseline(bank: QuestionBank, items: Sequence[Labelled]) -> list[Scored]:
    """Overall = length; each dimension = length in 50-word bands; key points all
    covered from 150 words on."""
    rows = []
    for item in items:
        n = item.word_count
        points = bank.get(item.question_id).keypoints if n >= LONG_ANSWER_WORDS else ()
        rows.append(
            Scored(
                item=item,
                overall=float(n),
                dimensions={d: min(5, n // 50) for d in DIMENSIONS},
                covered=frozenset(points),
                flags=(),
            )
        )
    return rows


# -- report --------------------------------------------------------------------
@dataclass(frozen=True)
class Figures:
    spearman: float
    spearman_long: float
    overall_mae: float
    top_bias: tuple[float, int]
    mae: dict[Dimension, float]
    f1: dict[Dimension, float]
    keypoint_precision: float
    keypoint_recall: float


def figures(rows: Sequence[Scored]) -> Figures:
    precision, recall = keypoint_precision_recall(rows)
    return Figures(
        spearman=overall_spearman(rows),
        spearman_long=overall_spearman(rows, LONG_ANSWER_WORDS),
        overall_mae=overall_mae(rows),
        top_bias=top_bias(rows),
        mae={d: dimension_mae(rows, d) for d in DIMENSIONS},
        f1={d: presence_f1(rows, d) for d in DIMENSIONS},
        keypoint_precision=precision,
        keypoint_recall=recall,
    )


def worst(rows: Sequence[Scored], n: int = 5) -> list[Scored]:
    """The answers whose overall score is furthest from the label (overall scaled 0-100)."""

    def error(row: Scored) -> float:
        dims = sum(abs(row.dimensions[d] - row.item.labels[d]) for d in DIMENSIONS)
        return abs(row.overall - row.item.overall) + 4 * dims

    return sorted(rows, key=lambda r: (-error(r), r.item.id))[:n]


def _why(row: Scored) -> str:
    item = row.item
    dims = " ".join(
        f"{d[0].upper()}{row.dimensions[d]}/{item.labels[d]}"
        for d in DIMENSIONS
        if row.dimensions[d] != item.labels[d]
    )
    flags = ", ".join(row.flags) or "no flags"
    return (
        f"  {item.id} [{item.kind}, {item.word_count} words] overall {row.overall:.0f} "
        f"vs label {item.overall}; scorer/label {dims or 'dimensions agree'}; {flags}\n"
        f"    label says: {item.reason}"
    )


def _fmt(value: float) -> str:
    return "  n/a" if math.isnan(value) else f"{value:5.2f}"


def report(
    rows: Sequence[Scored], baseline: Sequence[Scored], out: Callable[[str], None] = print
) -> Figures:
    mine, base = figures(rows), figures(baseline)
    long_n = sum(1 for r in rows if r.item.word_count >= LONG_ANSWER_WORDS)
    out(f"{'':34}{'scorer':>8}{'baseline':>10}")
    out(f"{'Spearman overall':34}{_fmt(mine.spearman):>8}{_fmt(base.spearman):>10}")
    out(
        f"{f'Spearman, {LONG_ANSWER_WORDS}+ words (n={long_n})':34}"
        f"{_fmt(mine.spearman_long):>8}{_fmt(base.spearman_long):>10}"
    )
    # The baseline's "overall" is a word count: no scale to set beside the labels'.
    out(f"{'MAE overall (0-100)':34}{_fmt(mine.overall_mae):>8}{_fmt(math.nan):>10}")
    out(
        f"{f'overall - label, scored {TOP_SCORE}+ (n={mine.top_bias[1]})':34}"
        f"{_fmt(mine.top_bias[0]):>8}{_fmt(math.nan):>10}"
    )
    for d in DIMENSIONS:
        out(f"{f'MAE {d}':34}{_fmt(mine.mae[d]):>8}{_fmt(base.mae[d]):>10}")
    for d in DIMENSIONS:
        out(f"{f'presence F1 {d}':34}{_fmt(mine.f1[d]):>8}{_fmt(base.f1[d]):>10}")
    out(
        f"{'key-point precision':34}{_fmt(mine.keypoint_precision):>8}"
        f"{_fmt(base.keypoint_precision):>10}"
    )
    out(f"{'key-point recall':34}{_fmt(mine.keypoint_recall):>8}{_fmt(base.keypoint_recall):>10}")
    out(f"Spearman margin over baseline: {mine.spearman - base.spearman:+.2f}")
    return mine


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scorer", default="local", help="profile name (default: local)")
    parser.add_argument("--split", default="holdout", choices=("tune", "holdout", "all"))
    parser.add_argument("--data", type=Path, default=DATA, help="labelled answers (JSON Lines)")
    parser.add_argument(
        "--cross",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="tell each good story for every other story question (default: local scorer only)",
    )
    args = parser.parse_args(argv)

    bank = QuestionBank.load()
    try:
        scorer = make_scorer(args.scorer, load_config())
    except CoachkitError as exc:
        print(exc, file=sys.stderr)
        return 2
    items = load_labelled(args.data, args.split)
    if not items:
        print(f"no labelled answers in split {args.split!r} of {args.data}", file=sys.stderr)
        return 2
    rows = score_all(scorer, bank, items)
    print(f"scorer {args.scorer!r} on {len(items)} answers ({args.split})\n")
    report(rows, word_count_baseline(bank, items))

    precision, recall, judged = judged_keypoints(scorer, bank)
    print(
        f"\nkey points of {judged} views and edge answers, as a coach judged them: "
        f"precision {precision:.2f}, recall {recall:.2f}"
    )
    precision, recall, judged = pitch_keypoints(scorer, bank)
    print(
        f"key points of {judged} pitches, as a coach judged them: "
        f"precision {precision:.2f}, recall {recall:.2f}"
    )

    short = short_answers(scorer, bank)
    print(
        f"{short.answers} short answers (20-59 words) written for their questions: "
        f"{short.off_topic} called off-topic; mean overall {short.decent:.0f} decent, "
        f"{short.weak:.0f} weak"
    )

    failures = gaming_failures(rows)
    print(f"\ngaming rules: {'all pass' if not failures else f'{len(failures)} broken'}")
    for line in failures:
        print(f"  {line}")
    differing = nondeterministic(scorer, bank, items)
    print(f"deterministic: {'yes' if not differing else 'NO: ' + ', '.join(differing)}")
    if args.cross if args.cross is not None else args.scorer == "local":
        e = told_elsewhere(scorer, bank, items)
        print(
            f"\ngood stories told for another story question ({e.own} stories, {e.pairs} pairs):"
            f"\n  scores lower than on its own question: {e.lower / max(e.pairs, 1):.0%}"
            f"\n  flagged misses_question or no_story: {e.flagged / max(e.pairs, 1):.0%}"
            f" (on its own question: {e.own_flagged} of {e.own})"
            f"\n  held to what they cover of it (loose_fit): {e.held / max(e.pairs, 1):.0%}"
            f"\n  median overall: {e.own_median:.0f} on its own question, "
            f"{e.elsewhere_median:.0f} on another"
        )
    print("\nworst five:")
    for row in worst(rows):
        print(_why(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
