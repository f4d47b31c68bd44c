"""An operations answer told in an engineer's everyday words meets the key points that
name its moves: correlating a spike with a deploy told as lining the two up.
"""

from __future__ import annotations

import pytest
from scorer_helpers import quote_for, scored

SPIKE = (
    "{line} If not, I'd pull a few slow traces to see where the time goes, usually the "
    "database, a downstream call or a connection pool. Last year the traces showed every slow "
    "request waiting for a database connection, and we capped a batch job's pool."
)


@pytest.mark.parametrize(
    "line",
    [
        "First I'd check whether it lines up with a deploy or a traffic change.",
        "I'd put the p99 graph next to the deploy markers to see if a release caused it.",
        "I'd check whether it started at the same time as the last release.",
    ],
)
def test_correlating_with_a_deploy_is_told_as_lining_the_two_up(line: str) -> None:
    card = scored("debug-latency-spike", SPIKE.format(line=line))
    assert quote_for(card, "correlate with recent deploys or changes") == line


def test_a_deploy_named_with_nothing_lined_up_is_no_correlation() -> None:
    line = "First I'd look at the dashboards for the service."
    card = scored("debug-latency-spike", SPIKE.format(line=line))
    assert quote_for(card, "correlate with recent deploys or changes") is None
