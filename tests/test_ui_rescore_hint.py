"""A card the fallback scored says, once, how to see the chosen scorer's score: in a
view, Settings' Compare panel as well as the command (a page may have no terminal)."""

from __future__ import annotations

from html import escape

from ui_fakes import card_for

from coachkit import QuestionBank
from coachkit.interview import MockSession, build_report
from coachkit.models import Attempt, rescore_hint, split_rescore_hint
from coachkit.ui.report import report_html
from coachkit.ui.results import result_html

STORY = "In 2023 I led the billing migration at Acme. I owned the plan. Late invoices fell to 0."
COMMAND = "coachkit rescore --scorer gpt --question time-you-failed --from local --last 1"
PANEL = "<b>Compare on past answers</b> with profile gpt, question time-you-failed"


def _stood_in(bank: QuestionBank) -> Attempt:
    """An answer local scored because gpt's server was down, as FallbackScorer notes it."""
    question = bank.get("time-you-failed")
    note = (
        "gpt could not score: cannot reach http://127.0.0.1:9/v1 (tried 3 times). "
        f"{rescore_hint('gpt', question.id, 'local')} Scored by local instead."
    )
    card = card_for(question, STORY, (2, 2, 2, 2), overall=40, scorer="local")
    card = card.model_copy(update={"notes": [note]})
    return Attempt(question_id=question.id, category=question.category, answer=STORY, card=card)


def test_the_hint_is_split_from_its_note_and_the_note_still_reads_as_a_stand_in() -> None:
    note = (
        f"gpt could not score: boom. {rescore_hint('gpt', 'q-1', 'local')} Scored by local instead."
    )
    said, chosen, command = split_rescore_hint(note)
    assert said == "gpt could not score: boom. Scored by local instead."
    assert (chosen, command) == (
        "gpt",
        "coachkit rescore --scorer gpt --question q-1 --from local --last 1",
    )
    assert split_rescore_hint("Scored by local instead.") == (
        "Scored by local instead.",
        None,
        None,
    )


def test_practice_s_card_names_the_panel_and_shows_the_command_as_code(bank: QuestionBank) -> None:
    """It showed the note's command in backticks, as text, and only the command: a Voila
    page has no terminal to run it in."""
    attempt = _stood_in(bank)
    assert attempt.card.stood_in is not None
    html = result_html(attempt, bank.get("time-you-failed"))
    assert "`" not in html.split("<h3>")[0]
    assert html.count(escape(COMMAND)) == 1
    assert f"<code>{escape(COMMAND)}</code>" in html
    assert PANEL in html
    assert (
        "gpt could not score: cannot reach http://127.0.0.1:9/v1 (tried 3 times). "
        "Scored by local instead." in html
    )


def test_the_mock_report_gives_the_command_once(bank: QuestionBank) -> None:
    """The card's note gave the command, and the line under it gave it again."""
    attempt = _stood_in(bank)
    session = MockSession(
        question_ids=[attempt.question_id], answers={attempt.question_id: STORY}, scorer="gpt"
    )
    html = report_html(build_report(session, bank, {attempt.question_id: attempt}))
    assert html.count(escape(COMMAND)) == 1
    assert html.count(PANEL) == 1
    assert "To see what gpt makes of this answer once it works" not in html
