"""The mock-interview report card as HTML: shown in the view, and saved as a standalone page."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape
from pathlib import Path
from statistics import mean

from .. import paths
from ..figures import shown
from ..interview import GONE, MockReport, MockRow
from ..models import DIMENSIONS, ScoreCard, split_rescore_hint
from ..rubric import (
    CAPS,
    HELD_DOWN,
    dimension_brief,
    flag_explanation,
    flag_label,
    flag_labels,
    held_down,
)
from ..wording import and_list
from .results import bars_html, flags_html, rescore_html, tips_html
from .runtime import mmss
from .theme import CSS, DIMENSION_LETTERS

__all__ = ["headline_text", "report_html", "report_path", "save_report", "standalone_html"]


def _time_cell(row: MockRow, limit: int) -> str:
    over = row.seconds > limit + 5  # a few seconds of grace for clicking "next"
    text = mmss(row.seconds)
    return f'<span class="ck-miss">{text} (over)</span>' if over else text


def _table(report: MockReport) -> str:
    limit = report.session.seconds_per_question
    head = "".join(f'<th class="ck-num">{DIMENSION_LETTERS[d]}</th>' for d in DIMENSIONS)
    # Each figure carries its column's name (data-label): in a narrow view the rows stack
    # (theme.CSS), the header hidden, and "45" alone would not say what it is.
    rows = []
    for number, row in enumerate(report.rows, start=1):
        if row.attempt is not None:
            card = row.attempt.card
            scores = f'<td class="ck-num" data-label="overall"><b>{card.overall}</b></td>' + (
                "".join(
                    f'<td class="ck-num" data-label="{DIMENSION_LETTERS[d]}">{card.score(d)}</td>'
                    for d in DIMENSIONS
                )
            )
        else:
            scores = f'<td colspan="5" class="ck-muted ck-why">{escape(row.problem or "")}</td>'
        # The mean mixes two scorers' grades here: the row says which scored it.
        stood_in = row.attempt is not None and row.attempt.card.stood_in is not None
        by = (
            f'<br><span class="ck-muted">scored by {escape(row.attempt.card.scorer)}: '
            f"{escape(report.session.scorer)} could not score it (see this answer below)</span>"
            if stood_in and row.attempt is not None
            else ""
        )
        # "0" beside S4 T4 A5 R5 reads as a fault: what held it down is named, as the
        # progress table names it.
        held = held_down(row.attempt.card) if row.attempt is not None else []
        why = (
            f'<br><small class="ck-muted">overall held down: {escape(flag_labels(held))}</small>'
            if held
            else ""
        )
        rows.append(
            f"<tr><td>{number}</td><td>{escape(row.question.prompt)}{why}{by}</td>"
            f"<td>{escape(row.question.category)}</td>"
            f'<td class="ck-num" data-label="time">{_time_cell(row, limit)}</td>{scores}</tr>'
        )
    return (
        '<div class="ck-scroll"><table class="ck-table ck-report-table">'
        "<thead><tr><th>#</th><th>question</th><th>category</th>"
        f'<th class="ck-num">time</th><th class="ck-num">overall</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _highlights(report: MockReport) -> str:
    parts = []
    strongest, weakest = report.strongest, report.weakest
    scored = report.scored
    if len(scored) > 1 and report.alike and scored[0].attempt is not None:
        parts.append(
            f"<p><b>Every answer</b> scored {scored[0].attempt.overall}/100, the same on "
            "each dimension.</p>"
        )
    elif strongest is not None and strongest.attempt is not None:
        parts.append(
            f"<p><b>Strongest answer</b> ({strongest.attempt.overall}/100): "
            f"{escape(strongest.question.prompt)}</p>"
        )
    if weakest is not None and weakest.attempt is not None:
        card = weakest.attempt.card
        # A capped answer's first fix is what capped it ("the answer tells a story but
        # never gives your own view"), not the polish of its first line.
        first = _first_fix(card)
        if first:
            # Its fix leads "What to practise next": repeated here, it read twice.
            tip = (
                f' <span class="ck-muted">Held down ({escape(flag_label(first))}): what to '
                "fix first leads the advice below.</span>"
            )
        else:
            advice = _tip_for_lowest(card)
            tip = f' <span class="ck-muted">Tip: {escape(advice)}</span>' if advice else ""
        parts.append(
            f"<p><b>Weakest answer</b> ({weakest.attempt.overall}/100): "
            f"{escape(weakest.question.prompt)}{tip}</p>"
        )
    if report.scored:
        parts.append(_means(report))
    return "".join(parts)


def _means(report: MockReport) -> str:
    """Each dimension's mean, saying which answers it leaves out: those that missed their
    question, whose bands say nothing of it (as what to work on leaves them out)."""
    means, missed = report.dimension_means(), report.missed
    line = " · ".join(f"{d.title()} {shown(means[d], 1)}" for d in DIMENSIONS if d in means)
    names = list(_by_scorer(report))
    mixes = f"mixes {and_list(names)}" if len(names) > 1 else ""
    if not missed:
        return f"<p><b>Mean by dimension</b>{f' ({mixes})' if mixes else ''}: {line}</p>"
    one = len(missed) == 1
    # "Did not answer" fits both an answer to another question and one with nothing in it
    # ("I am a perfectionist"): "missed its question" read as a question never reached.
    why = f"{_numbered(missed)} did not answer {'its question' if one else 'their questions'}"
    if not means:
        # Still a line: left out, the means went missing without a word of why.
        its = "its bands say nothing of it" if one else "their bands say nothing of them"
        return f"<p><b>Mean by dimension:</b> none to show: {why}, so {its}.</p>"
    scored = len(report.scored)
    of = f"{scored - len(missed)} of {scored} answers"
    mixes = f"; {mixes}" if mixes else ""
    return f"<p><b>Mean by dimension</b> ({of}; {why}{mixes}): {line}</p>"


def _numbered(numbers: list[int]) -> str:
    """``answer 2``, ``answers 1 and 3``, ``answers 1, 2 and 4``."""
    if len(numbers) == 1:
        return f"answer {numbers[0]}"
    return f"answers {and_list([str(n) for n in numbers])}"


def _tip_for_lowest(card: ScoreCard) -> str | None:
    """The card's tip on its lowest dimension (the earliest, on a tie), else its first."""
    lowest = min(DIMENSIONS, key=card.score)
    on_it = [tip for tip in card.tips if tip.startswith(f"{lowest.title()}:")]
    return on_it[0] if on_it else (card.tips[0] if card.tips else None)


def _next_steps(report: MockReport) -> str:
    if not report.scored:
        if any(row.answer.strip() for row in report.rows):  # answered, but the scorer failed
            return (
                "<p>Your answers are kept, below and with the interview: resume it with a "
                "scorer that works to score them (each is saved once).</p>"
            )
        return "<p>Nothing was scored: answer at least one question next time.</p>"
    # What held an overall down comes first: bands of 5/4/5/5 scored 0 for 3,000 words
    # need the answer cut, not its weakest band polished.
    items = _held_down(report)
    dimension = report.weakest_dimension
    target = report.weakest_at(dimension) if dimension is not None else None
    if dimension is not None and target is not None:
        brief = dimension_brief(target.question, dimension)
        work = "Then work on" if items else "Work on"
        # A sentence of its own: the brief has a colon of its own ("where you are now: ...").
        items.append(f"<li>{work} <b>{dimension.title()}</b>. Here it means {escape(brief)}.</li>")
    for index, question in enumerate(report.practise_next):
        label = "Try again" if index == 0 else "Then try"
        items.append(
            f"<li>{label}: {escape(question.prompt)} "
            f'<span class="ck-muted">({escape(question.id)})</span></li>'
        )
    return f"<ul>{''.join(items)}</ul>"


def _held_down(report: MockReport) -> list[str]:
    """An item for each fix of what held answers down (see rubric.held_down), the lowest
    answer's first, naming the answers it held and what to do about it."""
    # By the advice, not the flag: off_topic says one thing for a design question (its key
    # points) and another for a story; grouped by flag, one answer was told the other's.
    by_advice: dict[str, list[tuple[int, MockRow]]] = {}
    numbered = [(n, row) for n, row in enumerate(report.rows, start=1) if row.attempt]
    for number, row in sorted(numbered, key=lambda n_row: _overall(n_row[1])):
        first = _first_fix(row.attempt.card) if row.attempt is not None else None
        if first:  # its first fix only: one thing at a time
            advice = flag_explanation(first, row.question)
            by_advice.setdefault(advice, []).append((number, row))
    items: list[str] = []
    for advice, rows in by_advice.items():
        which = " and ".join(
            f"{number} ({_overall(row)}/100, bands {_bands(row)})" for number, row in rows
        )
        what = f"answer {which}" if len(rows) == 1 else f"answers {which}"
        fix = "Also fix" if items else "First fix"
        items.append(f"<li>{fix} what held down {what}: {escape(advice)}</li>")
    return items


def _first_fix(card: ScoreCard) -> str | None:
    """The flag that held ``card``'s overall down most: its first cap, unless the overall
    is below every cap it bears, when a penalty that grows with the answer took it there
    (3,000 words to another question: capped at 45, scored 0 for its length)."""
    held = held_down(card)
    caps = [CAPS[flag] for flag in held if flag in CAPS]
    growing = [flag for flag in held if flag not in HELD_DOWN]
    # loose_fit holds an overall to what it covers, a bound not known here: it stays first.
    if growing and caps and "loose_fit" not in held and card.overall < min(caps):
        return growing[0]
    return held[0] if held else None


def _overall(row: MockRow) -> int:
    return row.attempt.overall if row.attempt is not None else 0


def _bands(row: MockRow) -> str:
    """``S5 T4 A5 R5``: the bands beside a held-down overall, which they do not explain."""
    card = row.attempt.card if row.attempt is not None else None
    return " ".join(f"{DIMENSION_LETTERS[d]}{card.score(d) if card else 0}" for d in DIMENSIONS)


def _details(report: MockReport, *, folded: bool) -> str:
    blocks = []
    tag = "<details>" if folded else "<details open>"
    for number, row in enumerate(report.rows, start=1):
        body = (
            _notes(row.attempt.card)
            + _rescore(report, row)
            + flags_html(row.attempt.card, row.question)
            + bars_html(row.attempt.card, row.question)
            + tips_html(row.attempt.card, heading="h4")
            if row.attempt is not None
            else f'<p class="ck-muted">{escape(row.problem or "")}</p>'
        )
        answer = (
            escape(row.answer)
            if row.answer.strip()
            else "<i>deleted</i>"
            if row.deleted
            else "<i>no answer</i>"
        )
        blocks.append(
            f"{tag}<summary>{number}. {escape(row.question.prompt)}</summary>"
            f'<h4>Your answer</h4><div class="ck-answer">{answer}</div>{body}</details>'
        )
    return "".join(blocks)


def _by_scorer(report: MockReport) -> dict[str, list[int]]:
    """The answers each scorer graded, by their number in the report, in the order the
    scorers first appear."""
    graded: dict[str, list[int]] = {}
    for number, row in enumerate(report.rows, start=1):
        if row.attempt is not None:
            graded.setdefault(row.attempt.card.scorer, []).append(number)
    return graded


def _mixed(report: MockReport) -> str:
    """Under the table, when more than one scorer graded it (a fallback standing in for a
    spent budget or a provider down): which answers each graded, their means apart, and
    that the figures of the report mix scales that do not compare."""
    graded = _by_scorer(report)
    if len(graded) < 2:
        return ""
    chosen = report.session.scorer
    stood = {
        row.attempt.card.scorer
        for row in report.scored
        if row.attempt is not None and row.attempt.card.stood_in
    } - {chosen}
    each = []
    for name, numbers in graded.items():
        overalls = [
            attempt.overall for n in numbers if (attempt := report.rows[n - 1].attempt) is not None
        ]
        them = "it" if len(numbers) == 1 else "them"
        why = f", as {escape(chosen)} could not score {them}" if name in stood else ""
        figure = shown(mean(overalls), 0)
        each.append(f"{_numbered(numbers)} by {escape(name)} (mean {figure}/100){why}")
    rescore = (
        f" Under each answer {and_list(sorted(stood))} scored, below, is how to see what "
        f"{escape(chosen)} makes of it."
        if stood
        else ""
    )
    return (
        f'<p class="ck-warn"><b>Scored by {len(graded)} scorers</b>: {"; ".join(each)}. '
        "Scorers grade differently, so their scores do not compare: the mean above, the "
        "means by dimension and the strongest and weakest answers mix them. Compare an "
        f"answer with those its own scorer graded.{rescore}</p>"
    )


def _rescore(report: MockReport, row: MockRow) -> str:
    """Under a card a fallback scored in place of the scorer chosen: where (Settings'
    panel, or the command) to see what the chosen one makes of the answer, once it can
    score again (the budget back, the provider up), beside this score, which stays saved."""
    card = row.attempt.card if row.attempt is not None else None
    chosen = report.session.scorer
    if card is None or not card.stood_in or card.scorer == chosen:
        return ""
    if row.question.why_asked == GONE:
        return ""  # no longer in the bank (see interview.asked): it cannot be rescored
    return rescore_html(chosen, row.question.id, card.scorer)


def _notes(card: ScoreCard) -> str:
    """The card's notes: why another scorer stood in for the one chosen, above all."""
    # Without the note's own rescore command: the report gives it under the card (_rescore).
    return "".join(
        f'<p class="ck-note">{escape(split_rescore_hint(note)[0])}</p>' for note in card.notes
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _headline(report: MockReport) -> str:
    """The mean, saying what it is a mean of: skipped and unscored questions are left out."""
    total, scored, skipped = len(report.rows), len(report.scored), len(report.skipped)
    deleted = len(report.deleted)
    failed = total - scored - skipped - deleted
    if report.overall is None:
        what = (
            f"Nothing was answered: all {_plural(total, 'question')} skipped."
            if skipped == total
            else "None of your answers could be scored and saved: the table says why."
            if failed
            else f"No answer is left to score: {deleted} deleted by you"
            + (f", {skipped} skipped." if skipped else ".")
        )
        return f'<span class="ck-prompt">{what}</span>'
    # "52/100 mean" over 2 of 3 questions must not read as the whole interview.
    parts = [f"/100 mean of {_plural(scored, 'answer')}" if scored < total else "/100 mean"]
    names = list(_by_scorer(report))
    if len(names) > 1:  # a figure over two scales: said at once, explained below the table
        parts[0] += f" · mixes {and_list(names)}, which grade differently"
    if skipped:
        parts.append(f"{skipped} of {_plural(total, 'question')} skipped (not in the mean)")
    if failed:
        parts.append(f"{failed} not scored")
    if deleted:
        parts.append(f"{deleted} deleted by you (not in the mean)")
    mean = shown(report.overall, 0)
    return f'<span class="ck-overall">{mean}<small>{" · ".join(parts)}</small></span>'


def headline_text(report: MockReport) -> str:
    """The report's headline as plain words ("53/100 mean · 1 of 3 questions skipped (not
    in the mean)"), for the status line that says the report is in."""
    return re.sub(r"<[^>]+>", "", _headline(report))


def report_html(report: MockReport, *, folded: bool = True) -> str:
    """The report card: per question and dimension, strongest and weakest, what next.

    ``folded``: each answer starts folded (the notebook); unfolded in a saved file,
    which is read or printed whole.
    """
    session = report.session
    started = datetime.fromisoformat(session.started_at).astimezone()
    total = sum(row.seconds for row in report.rows)
    preset = "mixed categories" if session.preset == "mixed" else f"{session.preset} preset"
    highlights = _highlights(report)
    return (
        '<div class="ck-html coachkit-report">'
        f'<div class="ck-header">{_headline(report)}'
        f'<span class="ck-muted">Mock interview, {started:%d %b %Y %H:%M} · '
        f"{len(report.rows)} questions · {escape(preset)} · {escape(_scored_by(report))} · "
        f"{mmss(total)} in total</span></div>"
        f"<h3>Scores</h3>{_table(report)}{_mixed(report)}"
        + (f"<h3>Highlights</h3>{highlights}" if highlights else "")
        + f"<h3>What to practise next</h3>{_next_steps(report)}"
        f"<h3>Each answer</h3>{_details(report, folded=folded)}</div>"
    )


def _scored_by(report: MockReport) -> str:
    """Who scored the answers, as their cards say (a fallback included): not simply
    the scorer chosen, which may have scored none."""
    names = sorted({row.attempt.card.scorer for row in report.scored if row.attempt})
    if not names:
        # "Not yet" promises a score to come: only answers kept unscored will get one.
        return "not scored yet" if any(r.answer.strip() for r in report.rows) else "nothing scored"
    stood_in = sum(1 for row in report.scored if row.attempt and row.attempt.card.stood_in)
    said = "scored by " + " and ".join(names)
    if not stood_in:
        return said
    chosen = report.session.scorer
    return f"{said} ({chosen} could not score {_plural(stood_in, 'answer')}: the table says which)"


# On paper nothing scrolls: answers print whole.
_PRINT = "@media print { .ck-answer, .ck-code { max-height: none; overflow: visible; } }"


def standalone_html(report: MockReport) -> str:
    """A self-contained page (inline CSS, no scripts) that opens anywhere."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>coachkit mock interview report</title>"
        f"<style>body {{ margin: 24px auto; max-width: 1100px; padding: 0 16px; }}{CSS}"
        f"{_PRINT}</style>"
        f'</head><body><div class="coachkit">{report_html(report, folded=False)}</div>'
        "</body></html>\n"
    )


def report_path(report: MockReport, folder: Path) -> Path:
    """The file ``save_report`` writes in ``folder``: one per interview."""
    started = datetime.fromisoformat(report.session.started_at).astimezone()
    return folder / f"mock-{started:%Y%m%d-%H%M%S}-{report.session.id[:6]}.html"


def save_report(report: MockReport, folder: Path) -> Path:
    paths.make_private_dirs(folder)  # a report holds every answer of the interview
    path = report_path(report, folder)
    with paths.private_file(path) as handle:
        handle.write(standalone_html(report).encode("utf-8"))
    return path
