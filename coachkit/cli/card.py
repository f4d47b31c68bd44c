"""A score card as ``coachkit score`` prints it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from ..models import (
    DIMENSIONS,
    Attempt,
    Question,
    ScoreCard,
    replace_rescore_hint,
    split_rescore_hint,
    usd,
)
from ..rubric import OFFLINE_LIMIT, band_name, flag_explanation
from .output import drop_stdout

if TYPE_CHECKING:
    from ..llm import Stability

__all__ = ["show_card"]


def show_card(
    args: argparse.Namespace,
    question: Question,
    attempt: Attempt,
    stability: Stability | None,
    out: TextIO,
    *,
    saved: bool,
    failed: bool = False,
) -> None:
    """The card; ``saved``: it was, and says as what; ``failed``: a save that was asked
    for was not made (the note on stderr says why), and the card says so."""
    try:
        _write_card(args, question, attempt, stability, out, saved=saved, failed=failed)
    except BrokenPipeError:
        # The reader went away (`| head -3`): the rest of the command still runs, for
        # an unsaved answer is kept only after its card, and its exit code must say so.
        drop_stdout()


def _write_card(
    args: argparse.Namespace,
    question: Question,
    attempt: Attempt,
    stability: Stability | None,
    out: TextIO,
    *,
    saved: bool,
    failed: bool,
) -> None:
    card = attempt.card if saved else _unsaved(attempt.card)
    if args.json:
        out.write(card.model_dump_json(indent=2) + "\n")
        return
    # An offline card (no model behind it) says what it cannot tell, and an LLM card which
    # model scored it, how long it took and what it cost, as the notebook's do.
    if card.model is None:
        about = f"; {OFFLINE_LIMIT}"
    elif stability is not None:  # one run's time and cost, of several paid for: not said
        about = f", model {card.model}"
    else:
        cost = f", {usd(card.cost_usd)}" if card.cost_usd else ""
        about = f", model {card.model}, {card.took}{cost}"
    out.write(
        f"{question.prompt.strip()}\n\nOverall: {card.overall}/100  "
        f"(scorer: {card.scorer}{about})\n"
    )
    if card.stood_in:  # at once, not after the rebuild: this is not the scorer asked for
        out.write(f"Note: {card.stood_in}\n")
    if stability is not None:
        runs = "1 run" if stability.k == 1 else f"{stability.k} runs"
        out.write(f"\nStability over {runs}:\n{stability.table()}\n\n")
    for dimension in DIMENSIONS:
        part = card.dimensions[dimension]
        out.write(f"  {dimension.title():<10} {part.score}/5 {band_name(part.score):<10}")
        out.write(f" {part.feedback}\n")
        if card.model is not None:
            # The offline scorer's feedback quotes the answer itself; a model's seldom
            # does, and its evidence, the quotes behind the band, showed only in --json.
            out.write("".join(f'{"":13}"{quote}"\n' for quote in part.evidence))
    # Here, not at the top: every command imports this module, and the scorer's word
    # lists come with it.
    from ..scoring.keypoints import negated

    # "No blaming teammates" is met by not doing it: not a point to state, so it is
    # listed apart (as the notebook's card does), never among those to say more directly.
    avoid = [k for k in card.keypoints if negated(k.point)]
    points = [k for k in card.keypoints if k not in avoid]
    covered = [k for k in points if k.covered]
    if points:
        out.write(f"\nKey points covered: {len(covered)}/{len(points)}\n")
        for k in points:
            out.write(f"  [{'x' if k.covered else ' '}] {k.point}\n")
        if card.scorer == "local" and len(covered) < len(points):
            out.write(
                "  (the offline scorer matches words; if you made a point in other words,"
                " state it more directly)\n"
            )
    if avoid:
        out.write("\nTo avoid:\n")
        for k in avoid:
            if k.covered:
                out.write(f"  [x] {k.point}\n")
            elif k.evidence:
                out.write(f'  [!] {k.point}: broken by "{k.evidence}"\n')
            else:
                out.write(f"  [ ] {k.point} (not credited: check it holds)\n")
    if card.flags:
        out.write(
            "\nFlags:\n"
            + "".join(f"  - {flag}: {flag_explanation(flag, question)}\n" for flag in card.flags)
        )
    tips = card.further_tips()  # the feedback lines above already gave the rest
    if tips:
        out.write("\nTips:\n" + "".join(f"  - {tip}\n" for tip in tips))
    if card.rebuilt:
        out.write("\nRebuilt answer:\n")
        out.write("".join(f"  {line.dimension[0].upper()}  {line.text}\n" for line in card.rebuilt))
    for note in card.notes:
        if note != card.stood_in:
            out.write(f"\nNote: {note}\n")
    if saved:
        out.write(f"\nSaved as attempt {attempt.id}.\n")
    elif failed:
        out.write("\nNot saved to your history (see the note below).\n")


def _unsaved(card: ScoreCard) -> ScoreCard:
    """``card`` as shown when its score is not saved (--no-save, or a save that failed):
    a fallback note's `coachkit rescore ... --last 1` would rescore an older attempt, or
    find none, so it says to score the answer again instead."""
    notes = []
    for note in card.notes:
        chosen = split_rescore_hint(note)[1]
        if chosen is not None:  # the advice where the command stood
            note = replace_rescore_hint(
                note,
                f"This score is not saved, so `coachkit rescore` cannot find it: to see what "
                f"{chosen} makes of this answer, score it again once {chosen} works.",
            )
        notes.append(note)
    return card.model_copy(update={"notes": notes})
