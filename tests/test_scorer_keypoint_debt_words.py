"""Technical debt taken on is told as what was cut: a hardcoded rule, a hack, a shortcut
taken knowingly. Those lines meet the key point that names a deliberate shortcut; a plain
setting or plain work does not.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

AFTERWARDS = (
    " I made a ticket for it with a date on it and told my manager we'd need two weeks "
    "afterwards. We got one week, did about half of it, and the rest got cleaned up when we "
    "added a fourth country."
)
POINT = "deliberate shortcut and business reason"


@pytest.mark.parametrize(
    "line",
    [
        "Before a trade show we hardcoded the pricing rules for three countries instead of "
        "building a proper rules engine.",
        "We shipped a hacky workaround for the billing export because the customer's audit "
        "was on Friday.",
        "We knowingly took a shortcut on the importer so sales could demo it that week.",
    ],
)
def test_debt_told_as_what_was_cut_is_a_deliberate_shortcut(line: str) -> None:
    card = scored("technical-debt-tradeoff", line + AFTERWARDS)
    assert quote_for(card, POINT) == line


@pytest.mark.parametrize(
    "line",
    [
        "I hardcoded the timeout to 30 seconds.",
        "We built the pricing rules for three countries before the trade show.",
    ],
)
def test_a_setting_or_plain_work_is_no_shortcut(line: str) -> None:
    card = scored("technical-debt-tradeoff", line + AFTERWARDS)
    assert quote_for(card, POINT) is None
