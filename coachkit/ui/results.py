"""A score card as HTML: bars, evidence in the answer, tips, key points, rebuild diff.

Pure functions from models to markup (no widgets), so they are easy to test and
reuse in the mock-interview report. Every piece of user text is escaped.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from datetime import datetime
from html import escape

from ..models import (
    DIMENSIONS,
    Attempt,
    Category,
    Dimension,
    KeypointResult,
    Question,
    ScoreCard,
    rescore_command,
    split_rescore_hint,
    usd,
)
from ..rubric import OFFLINE_LIMIT, band_name, dimension_brief, flag_explanation
from ..scoring.keypoints import negated
from ..scoring.text import sentences
from .theme import DIMENSION_LETTERS

__all__ = [
    "answer_html",
    "bars_html",
    "comparison_html",
    "flags_html",
    "history_html",
    "keypoints_html",
    "rebuild_html",
    "result_html",
    "split_lines",
    "tips_html",
]

_SEMICOLON = re.compile(r"(?<=;)\s+")


def _title(dimension: str) -> str:
    return dimension.title()


def split_lines(text: str) -> list[str]:
    """The answer cut into sentence-sized lines (and at semicolons), to line up with the rebuild.

    Sentences as the scorer reads them: a line an editor or email client wrapped is
    joined again, where a cut at each line break listed the halves of a sentence.
    """
    return [
        part.strip()
        for sentence in sentences(text)
        for part in _SEMICOLON.split(sentence.text)
        if part.strip()
    ]


def bars_html(card: ScoreCard, question: Question | None = None) -> str:
    """One row per dimension: name, a 0-5 bar, the band name and the feedback."""
    rows = []
    for dimension in DIMENSIONS:
        result = card.dimensions[dimension]
        brief = dimension_brief(question, dimension) if question else ""
        width = result.score * 20
        rows.append(
            f'<div title="{escape(brief)}"><span class="ck-chip ck-chip-{dimension}">'
            f"{DIMENSION_LETTERS[dimension]}</span> {_title(dimension)}</div>"
            f'<div class="ck-track" role="img" aria-label="{_title(dimension)}: '
            f'{result.score} of 5"><div class="ck-fill ck-fill-{dimension}" '
            f'style="width:{width}%"></div></div>'
            f"<div><b>{result.score}/5</b> {escape(band_name(result.score))}</div>"
            f'<div class="ck-muted ck-feedback">{escape(result.feedback)}</div>'
        )
    return f'<div class="ck-dims">{"".join(rows)}</div>'


def _evidence_spans(answer: str, card: ScoreCard) -> list[tuple[int, int, tuple[Dimension, ...]]]:
    """Stretches of the answer with the dimensions whose evidence covers them, in order.

    A sentence quoted for two dimensions is one stretch tagged with both, so every
    dimension that quotes the answer is marked, as in the bars and the rebuild.
    """
    quotes: list[tuple[int, int, Dimension]] = []
    for dimension in DIMENSIONS:
        for quote in card.dimensions[dimension].evidence:
            needle = quote.rstrip("…").strip()
            start = answer.find(needle) if needle else -1
            if start >= 0:
                quotes.append((start, start + len(needle), dimension))
    # Quotes may overlap partly: cut at every quote edge, tag each piece with what covers it.
    cuts = sorted({edge for start, end, _ in quotes for edge in (start, end)})
    spans: list[tuple[int, int, tuple[Dimension, ...]]] = []
    for start, end in itertools.pairwise(cuts):
        covering = {d for s, e, d in quotes if s <= start and end <= e}
        dimensions = tuple(d for d in DIMENSIONS if d in covering)
        if not dimensions:
            continue
        if spans and spans[-1][1] == start and spans[-1][2] == dimensions:
            spans[-1] = (spans[-1][0], end, dimensions)
        else:
            spans.append((start, end, dimensions))
    return spans


def _names(dimensions: Sequence[Dimension]) -> str:
    titles = [_title(d) for d in dimensions]
    return titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} and {titles[-1]}"


def _scroll_box(label: str) -> str:
    """The opening tag of an answer shown in a box that scrolls past its max-height (about
    250 words, fewer in a narrow window): a Tab stop with a name, so the keyboard reaches
    the rest of it (the arrow keys scroll it) and a screen reader says what it is."""
    return f'<div class="ck-answer" tabindex="0" role="region" aria-label="{label}">'


def answer_html(answer: str, card: ScoreCard) -> str:
    """The answer with each evidence quote marked in its dimensions' colours and letters."""
    spans = _evidence_spans(answer, card)
    parts: list[str] = []
    cursor = 0
    for index, (start, end, dimensions) in enumerate(spans):
        parts.append(escape(answer[cursor:start]))
        # Letters go where a quote ends, not after every piece it was cut into.
        following = spans[index + 1] if index + 1 < len(spans) else None
        continues = following[2] if following and following[0] == end else ()
        ending = [d for d in dimensions if d not in continues]
        tag = " ".join(f'<span class="ck-tag-{d}">{DIMENSION_LETTERS[d]}</span>' for d in ending)
        classes = " ".join(f"ck-mark-{d}" for d in dimensions)
        # A screen reader hears which dimension a quote is evidence for, where it starts.
        before = spans[index - 1] if index else None
        opening = [d for d in dimensions if not (before and before[1] == start and d in before[2])]
        said = f'<span class="ck-sr">{_names(opening)} evidence: </span>' if opening else ""
        parts.append(
            f'<mark class="{classes}" title="{_names(dimensions)} evidence">{said}'
            f"{escape(answer[start:end])}</mark>"
            + (f'<span class="ck-tag" aria-hidden="true">{tag}</span>' if tag else "")
        )
        cursor = end
    parts.append(escape(answer[cursor:]))
    legend = "".join(
        f'<span><mark class="ck-mark-{d}">&nbsp;{DIMENSION_LETTERS[d]}&nbsp;</mark> '
        f"{_title(d)}</span>"
        for d in DIMENSIONS
    )
    return (
        f'<div class="ck-muted ck-legend">Evidence the scorer found: {legend}'
        "<span>(a sentence with two letters is evidence for both)</span></div>"
        f"{_scroll_box('Your answer, evidence marked')}{''.join(parts)}</div>"
    )


def flags_html(card: ScoreCard, question: Question | Category | None = None) -> str:
    """The card's flags, each explained in the words of the question's reading."""
    if not card.flags:
        return ""
    items = "".join(f"<li>{escape(flag_explanation(flag, question))}</li>" for flag in card.flags)
    return f'<div class="ck-warn"><b>Worth knowing</b><ul>{items}</ul></div>'


def tips_html(card: ScoreCard, heading: str = "h3") -> str:
    """The card's tips not already shown beside the STAR bars, under a heading ("" if none)."""
    extra = card.further_tips()
    if not extra:
        return ""
    items = "".join(f"<li>{escape(tip)}</li>" for tip in extra)
    return f"<{heading}>Tips</{heading}><ul>{items}</ul>"


def keypoints_html(card: ScoreCard) -> str:
    if not card.keypoints:
        return '<p class="ck-muted">This question has no key-point checklist.</p>'
    # "No blaming teammates" is met by not doing it: not a point to make, so it is
    # listed apart, and never under "Not found" with advice to say it.
    avoid = [k for k in card.keypoints if negated(k.point)]
    covered = [k for k in card.keypoints if k.covered and k not in avoid]
    missing = [k for k in card.keypoints if not k.covered and k not in avoid]

    def items(points: Sequence[KeypointResult], sign: str, css: str, label: str) -> str:
        if not points:
            return f'<p class="ck-muted">{label}: none</p>'
        rows = "".join(
            f'<li><span class="{css}" aria-hidden="true">{sign}</span> {escape(k.point)}'
            + (f' <span class="ck-muted">- "{escape(k.evidence)}"</span>' if k.evidence else "")
            + "</li>"
            for k in points
        )
        return f'<p><b>{label} ({len(points)})</b></p><ul class="ck-plain">{rows}</ul>'

    # The offline scorer matches words and families of words: it misses about half the
    # points a reader credits when they are made in plain words (benchmarks/scorer_quality).
    caveat = (
        '<p class="ck-muted">Made one of these in your own words? The offline scorer '
        "matches words, so it can miss a point; say it more directly.</p>"
        if missing and card.scorer == "local"
        else ""
    )
    avoided = "".join(_avoided(k) for k in avoid)
    apart = f'<p><b>To avoid</b></p><ul class="ck-plain">{avoided}</ul>' if avoid else ""
    return (
        '<div class="ck-columns">'
        f"<div>{items(covered, '✓', 'ck-ok', 'Covered')}{apart}</div>"
        f"<div>{items(missing, '✗', 'ck-miss', 'Not found')}{caveat}</div>"
        "</div>"
    )


def _avoided(point: KeypointResult) -> str:
    """A "no X" point: held, broken (with the sentence that does X), or not credited
    (the answer is too thin or too flawed to say it holds)."""
    if point.covered:
        sign, css, after = "✓", "ck-ok", ""
    elif point.evidence:
        sign, css = "✗", "ck-miss"
        after = f' <span class="ck-muted">- broken by "{escape(point.evidence)}"</span>'
    else:
        sign, css = "·", "ck-muted"
        after = ' <span class="ck-muted">(not credited: check it holds)</span>'
    return (
        f'<li><span class="{css}" aria-hidden="true">{sign}</span> {escape(point.point)}'
        f"{after}</li>"
    )


_END_MARKS = ".!?;:,"


def _word_diff(old: str, new: str) -> str:
    """``new`` with the words changed from ``old`` shown as deletions and insertions."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if op == "replace" and i2 - i1 == j2 - j1 == 1:
            marks = _marks_changed(a[i1], b[j1])
            if marks is not None:
                out.append(marks)
                continue
        if i2 > i1:
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def _marks_changed(old: str, new: str) -> str | None:
    """One word whose end punctuation alone changed ("downtime" to "downtime.", an answer
    ending without a full stop) as the word kept and the mark put in or taken out; None
    when the word itself changed. Else the word was struck out and typed again."""
    word = old.rstrip(_END_MARKS)
    if not word or new.rstrip(_END_MARKS) != word:
        return None
    cut, put = old[len(word) :], new[len(word) :]
    return (
        escape(word)
        + (f"<del>{escape(cut)}</del>" if cut else "")
        + (f"<ins>{escape(put)}</ins>" if put else "")
    )


def _row(kind: str, sign: str, label: str, body: str, chip: str = "") -> str:
    # The sign is for the eye; a screen reader hears the word ("edited: ..."): an
    # aria-label on a plain span is no name at all, and was not read.
    return (
        f'<div class="ck-{kind}" title="{label}"><span>{chip}</span>'
        f'<span class="ck-sign" aria-hidden="true">{sign}</span>'
        f'<span><span class="ck-sr">{label}: </span>{body}</span></div>'
    )


LEFT_OUT_SHOWN = 12
"""The most lines of the answer a rebuild lists as left out, one by one."""


def rebuild_html(answer: str, card: ScoreCard) -> str:
    """The rebuild line by line against the original answer.

    ``=`` kept as written, ``~`` edited (word changes marked), ``+`` a gap to fill
    with your own facts, ``-`` an original line the rebuild leaves out.
    """
    if not card.rebuilt:
        return '<p class="ck-muted">This scorer did not rebuild the answer.</p>'
    originals = split_lines(answer)
    used: set[int] = set()
    rows: list[str] = []
    for line in card.rebuilt:
        chip = (
            f'<span class="ck-chip ck-chip-{line.dimension}" title="{_title(line.dimension)}">'
            f"{DIMENSION_LETTERS[line.dimension]}</span>"
        )
        if line.source == "placeholder":
            rows.append(
                _row("placeholder", "+", "to fill in", f"<ins>{escape(line.text)}</ins>", chip)
            )
            continue
        match = _closest(line.text, originals, used)
        if match is not None:
            used.add(match)
        # A rebuilt line may join several original fragments ("...; since then ...").
        used.update(i for i, original in enumerate(originals) if original in line.text)
        if line.source == "kept" or match is None or originals[match] == line.text:
            rows.append(_row("kept", "=", "kept", escape(line.text), chip))
        else:
            rows.append(
                _row("edited", "~", "edited", _word_diff(originals[match], line.text), chip)
            )
    left_out = [original for index, original in enumerate(originals) if index not in used]
    for original in left_out[:LEFT_OUT_SHOWN]:
        rows.append(_row("removed", "-", "left out", f"<del>{escape(original)}</del>"))
    if len(left_out) > LEFT_OUT_SHOWN:
        # A very long answer would list hundreds: the rebuild is what to read.
        more = len(left_out) - LEFT_OUT_SHOWN
        rows.append(_row("removed", "-", "left out", f"… and {more} more lines left out"))
    legend = (
        '<p class="ck-muted">= kept as you said it &nbsp; ~ edited &nbsp; '
        "+ a gap to fill with your own facts (never invent them) &nbsp; - left out</p>"
    )
    return f'{legend}<div class="ck-diff">{"".join(rows)}</div>'


def _closest(text: str, originals: list[str], used: set[int]) -> int | None:
    """Index of the unused original line most like ``text`` (None below 50% alike)."""
    best, best_ratio = None, 0.5
    for index, original in enumerate(originals):
        if index in used:
            continue
        if original == text or text in original:
            return index
        ratio = difflib.SequenceMatcher(a=original.lower(), b=text.lower()).ratio()
        if ratio > best_ratio:
            best, best_ratio = index, ratio
    return best


# The offline scorer reads how an answer is told (specifics, ownership, figures), not
# whether a story is true, a design right, or the story about this question at all.
def _meta(card: ScoreCard) -> str:
    model = f" · {escape(card.model)}" if card.model else ""
    cost = f" · {usd(card.cost_usd)}" if card.cost_usd else ""
    limit = f" · {OFFLINE_LIMIT}" if card.model is None else ""
    return (
        f'<span class="ck-muted">scored by {escape(card.scorer)}{model} · '
        f"{card.took}{cost} · rubric {escape(card.rubric_version)}{limit}</span>"
    )


def notes_html(card: ScoreCard, question_id: str) -> list[str]:
    """The card's notes, a stand-in's way to see the chosen scorer's score said as a view
    says it (Settings' panel as well as the command): a page may have no terminal."""
    shown = []
    for note in card.notes:
        said, chosen, _command = split_rescore_hint(note)
        shown.append(f'<p class="ck-note">{escape(said)}</p>')
        if chosen is not None:
            shown.append(rescore_html(chosen, question_id, card.scorer))
    return shown


def rescore_html(chosen: str, question_id: str, scorer: str) -> str:
    """Where to see what ``chosen`` makes of an answer ``scorer`` scored in its place, once
    it can score again: Settings' Compare panel first (a Voila page or a hub has no
    terminal), then the command; beside this score, which stays saved."""
    command = rescore_command(chosen, question_id, scorer)
    return (
        f'<p class="ck-muted">To see what {escape(chosen)} makes of this answer once it '
        f"can score again: in <b>Settings</b>, <b>Compare on past answers</b> with profile "
        f"{escape(chosen)}, question {escape(question_id)}, scored by "
        f"{escape(scorer)}, newest 1; or in a terminal, <code>{escape(command)}</code>. "
        "Either shows its score beside this one, which stays in your history.</p>"
    )


def result_html(attempt: Attempt, question: Question | None = None) -> str:
    """The whole results panel for one attempt."""
    card = attempt.card
    # Notes say things like "gpt could not score: .... Scored by local instead.": worth
    # seeing first.
    notes = "".join(notes_html(card, attempt.question_id))
    return (
        '<div class="ck-html">'
        f'<div class="ck-header"><span class="ck-overall">{card.overall}<small>/100'
        f"</small></span>{_meta(card)}</div>{notes}"
        f"{flags_html(card, question or attempt.category)}"
        f"<h3>STAR scores</h3>{bars_html(card, question)}"
        f"{tips_html(card)}"
        f"<h3>Key points</h3>{keypoints_html(card)}"
        f"<h3>Evidence in your answer</h3>{answer_html(attempt.answer, card)}"
        f"<h3>Your answer, rebuilt</h3>{rebuild_html(attempt.answer, card)}</div>"
    )


def _when_cell(created: datetime) -> str:
    """An attempt's date and time, "01 Dec 2026 04:15"; on a phone "1 Dec 04:15" (the year
    if not this one), which takes one or two lines where the long one took three or four.
    The long form is the cell's title, the same moment in full."""
    local = created.astimezone()
    full = f"{local:%d %b %Y %H:%M}"
    year = "" if local.year == datetime.now().astimezone().year else f"\u00a0{local.year}"
    # Broken, if at all, between the date and the time: at 375 px the table is 10 px
    # short of room for both on one line.
    short = f"{local.day}\u00a0{local:%b}{year} {local:%H:%M}"
    return (
        f'<td class="ck-when" title="{full}"><span class="ck-when-long">{full}</span>'
        f'<span class="ck-when-short">{short}</span></td>'
    )


def history_html(attempts: Sequence[Attempt]) -> str:
    """This question's attempts, newest first, with their scores."""
    if not attempts:
        return '<p class="ck-muted">No attempts at this question yet.</p>'
    head = "".join(
        f'<th class="ck-num" title="{_title(d)}">{DIMENSION_LETTERS[d]}</th>' for d in DIMENSIONS
    )
    best = max(a.overall for a in attempts)
    rows = []
    for number, attempt in reversed(list(enumerate(attempts, start=1))):
        card = attempt.card
        cells = "".join(f'<td class="ck-num">{card.score(d)}</td>' for d in DIMENSIONS)
        marks = (
            ' <span title="your best score here" aria-hidden="true">★</span>'
            '<span class="ck-sr"> (your best)</span>'
            if attempt.overall == best and len(attempts) > 1
            else ""
        )
        marks += " ⚑ flagged" if card.flagged else ""
        rows.append(
            f"<tr><td>#{number}</td>{_when_cell(attempt.created_at)}"
            f'<td>{escape(card.scorer)}</td><td class="ck-num"><b>{card.overall}</b>{marks}</td>'
            f'{cells}<td class="ck-num">{len(attempt.answer.split())}</td></tr>'
        )
    # Practice deletes nothing: where to, said once, here, where the attempts are seen.
    ids = f"coachkit history {attempts[0].question_id}"
    return (
        '<div class="ck-scroll"><table class="ck-table">'
        "<thead><tr><th>#</th><th>when</th><th>scorer</th>"
        f'<th class="ck-num">overall</th>{head}<th class="ck-num">words</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        '<p class="ck-muted">To delete one for good: <b>Delete an attempt</b> in the '
        f"Progress notebook, or <code>coachkit delete ID</code> (ids from <code>{escape(ids)}"
        "</code>).</p>"
    )


def comparison_html(previous: Attempt, latest: Attempt | None = None) -> str:
    """The previous answer, kept visible while trying again, with score changes once scored."""
    card = previous.card
    scores = " · ".join(
        f"{_title(d)} {card.score(d)}"
        + _delta(card.score(d), latest.card.score(d) if latest else None)
        for d in DIMENSIONS
    )
    overall = f"{card.overall}/100" + _delta(card.overall, latest.overall if latest else None)
    # A fallback standing in for the LLM (a spent budget, a provider down) or another
    # scorer picked grades differently: the change would read as the revision's alone.
    other = ""
    if latest is not None and latest.card.scorer != card.scorer:
        other = (
            f'<p class="ck-muted">Scored by {escape(card.scorer)}, the new answer by '
            f"{escape(latest.card.scorer)}: scorers grade differently, so the change is "
            "not only your revision's.</p>"
        )
    return (
        '<div class="ck-html"><details open><summary>Previous answer '
        f"({overall})</summary>"
        f'<p class="ck-muted">{scores}</p>{other}'
        f"{_scroll_box('Previous answer')}{escape(previous.answer)}</div></details></div>"
    )


def _delta(before: int, after: int | None) -> str:
    if after is None:
        return ""
    change = after - before
    if change == 0:
        return " (=)"
    return f" → {after} ({change:+d})"
