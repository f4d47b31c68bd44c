"""Tips on a manager's story: none asks an exemplary action for tools, none quotes a
sentence cut at its comma."""

from __future__ import annotations

from scorer_helpers import scored

STAYED = (
    "Last year Priya, the strongest backend engineer on my team of eight and the owner of "
    "our billing platform, told me in a one-on-one that she was interviewing elsewhere. "
    "Before offering anything, I asked her why: it turned out she felt she had stopped "
    "growing, because for a year she had only maintained billing and had no path to staff "
    "engineer. I could not promise a promotion, and I told her so plainly, but I could "
    "change her scope: I gave her the lead on the new pricing engine, wrote a promotion case "
    "with her against our staff criteria, and took a pay review to my director. She stayed, "
    "was promoted to staff nine months later, and two years on she still leads pricing. "
    "Since then I hold stay conversations with everyone each quarter, asking what would make "
    "them look elsewhere, so I hear about it before an offer exists."
)


def test_an_exemplary_action_is_not_asked_to_name_a_tool() -> None:
    """It read 5/5 exemplary beside '"I could not promise a promotion, and I told her so
    plainly,": name the tool, the person or the step, so it is checkable.'"""
    card = scored("engineer-thinking-of-leaving", STAYED)
    action = card.dimensions["action"]
    assert action.score == 5
    assert "name the tool" not in action.feedback
    assert "shows your own work" in action.feedback
    assert ',"' not in action.feedback  # the quote ends on a word, not on a comma


def test_a_thin_action_in_a_managers_story_asks_for_people_steps_not_tools() -> None:
    card = scored(
        "engineer-thinking-of-leaving",
        "A senior engineer on my team of six told me he had an offer. I listened first, "
        "because I did not want to bargain. I talked to him about what he wanted and gave "
        "him more ownership so that he felt trusted. He stayed for two more years.",
    )
    action = card.dimensions["action"]
    assert action.score < 5
    assert "name what you changed for them and whom you went to" in action.feedback


def test_a_cut_quote_does_not_end_on_a_comma() -> None:
    """A data scientist's tip quoted "I would split by time - train on customers' history
    until some cut-off date,…"."""
    card = scored(
        "choose-model-tabular",
        "I would split by time - train on customers' history until some cut-off date, and "
        "validate on who churned in the month after it. Then a logistic regression baseline, "
        "because it is fast and easy to explain, and then LightGBM, which usually wins on "
        "tabular data of 200,000 rows.",
    )
    tips = [card.dimensions[d].feedback for d in card.dimensions]
    assert any('cut-off date…"' in tip for tip in tips), tips
    assert not any(',…"' in tip for tip in tips), tips
