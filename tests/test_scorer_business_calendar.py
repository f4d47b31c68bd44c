"""A business's calendar ("holiday weeks", "holiday error") is work, not life outside
it: a forecasting story told for "hardest technical problem" is read as that story."""

from __future__ import annotations

from coachkit.scoring import lexicon as lx
from tests.scorer_helpers import scored

FORECAST = (
    "The hardest problem I worked on was a demand forecast for 3,000 grocery products that "
    "kept overshooting holiday weeks by 40 percent. It was hard because the error only "
    "appeared in a few weeks a year, so the usual validation hid it. My first hypothesis "
    "was missing holiday features; I added them and the error barely moved. Then I "
    "suspected the training window, and a backtest on the last three holiday seasons "
    "showed the model was learning from a year with a promotion glitch. I compared "
    "dropping that year against reweighting it, and chose reweighting because dropping it "
    "lost the seasonality. I built the backtests and the reweighting myself; a colleague "
    "reviewed the features. Holiday error fell from 40 to 12 percent, and stores cut waste "
    "by about 8 percent."
)


def test_a_holiday_forecast_is_a_work_story() -> None:
    card = scored("hardest-technical-problem", FORECAST)
    assert "off_topic" not in card.flags
    assert card.overall >= 70


def test_a_holiday_taken_is_still_life_outside_work() -> None:
    for text in ("I was on holiday last week.", "We went on a vacation to Spain.", "my holiday"):
        assert lx.PERSONAL.regex.search(text), text
