"""A small local model's sloppy reply scores as the same reply written tidily would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fake_openai_server import (
    FakeLLMServer,
    Reply,
    grade_json,
    loopback_only,  # noqa: F401 (pytestmark)
    write_config,
)

from coachkit import QuestionBank, ScoreCard, Store, load_config
from coachkit.llm import LLMScorer

pytestmark = pytest.mark.usefixtures("loopback_only")

ANSWER = (
    "Last spring I joined Lumen's payments team, two of my three engineers were out, and our "
    "checkout failed during a launch. I was responsible for restoring checkout within the hour. "
    "I skipped the load test to hit the date, so I rolled back the release and wrote a runbook. "
    "Checkout errors fell from 12% to 0.3%, and we had no incident in the next six months."
)
QUOTES = {
    "situation": ["two of my three engineers were out"],
    "task": ["I was responsible for restoring checkout within the hour"],
    "action": ["I rolled back the release and wrote a runbook"],
    "result": ["Checkout errors fell from 12% to 0.3%"],
}
VERDICTS = {  # key point -> the quote that shows it
    "a real failure with measurable consequences": "Checkout errors fell from 12% to 0.3%",
    "your own part in it, stated plainly": "I skipped the load test to hit the date",
    "concrete change in process or habit afterwards": "wrote a runbook",
}
REBUILT = [
    ("situation", "Last spring at Lumen, 2 of my 3 engineers were out when checkout failed."),
    ("task", "I was responsible for restoring checkout within the hour."),
    ("action", "I rolled back the release and wrote a runbook."),
    ("result", "Errors fell from 12% to 0.3%, with no incident for 6 months."),
]


def _tidy(points: tuple[str, ...]) -> dict[str, object]:
    """The reply as the schema asks: every point copied and judged, lists as lists."""
    return json.loads(
        grade_json(
            4,
            QUOTES,
            overall=80,
            keypoints=[
                {"point": p, "covered": p in VERDICTS, "evidence": VERDICTS.get(p)} for p in points
            ],
            rebuilt=[{"text": text, "dimension": d} for d, text in REBUILT],
            flags=["no_metrics"],
        )
    )


def _sloppy(tidy: dict[str, object]) -> str:
    """The same judgement as a small model writes it."""
    reply = json.loads(json.dumps(tidy))
    reply["dimensions"] = {
        # One quote, not a list; 4.0, not 4.
        name.title(): {**part, "evidence": part["evidence"][0], "score": float(part["score"])}
        for name, part in reply["dimensions"].items()
    }
    # Only the covered points, reworded, in another order.
    reply["keypoints"] = [
        {"point": point.upper() + " (shown)", "covered": True, "evidence": quote}
        for point, quote in reversed(VERDICTS.items())
    ]
    reply["rebuilt"] = [
        {**line, "dimension": line["dimension"].upper()} for line in reply["rebuilt"]
    ]
    reply["flags"] = "no_metrics"
    return "Here is my grade:\n" + json.dumps(reply, indent=2) + "\n\nHope this helps!"


def _score(tmp_path: Path, store: Store, server: FakeLLMServer, bank: QuestionBank) -> ScoreCard:
    params = {"model": "openai/local-small", "api_base": f"{server.url}/v1", "api_key": "none"}
    config = load_config(write_config(tmp_path / "c.yaml", {"small": params}, scorer="small"))
    scorer = LLMScorer(config.entry("small"), config, store=store)
    return scorer.score_fresh(bank.get("time-you-failed"), ANSWER)


def test_a_sloppy_reply_scores_as_the_tidy_one_would(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    tidy = _tidy(bank.get("time-you-failed").keypoints)
    server.script(Reply(json.dumps(tidy)), Reply(_sloppy(tidy)))
    neat, sloppy = (_score(tmp_path, store, server, bank) for _ in range(2))

    assert server.hits == 2 and not sloppy.notes  # read at once: no re-ask
    assert sloppy.dimensions == neat.dimensions and sloppy.overall == neat.overall
    assert sloppy.keypoints == neat.keypoints
    assert {k.point for k in sloppy.keypoints if k.covered} == set(VERDICTS)
    # The candidate's own facts, in digits or without the possessive, are kept as written.
    assert [line.text for line in sloppy.rebuilt] == [text for _, text in REBUILT]
    assert sloppy.flags == neat.flags == ["no_metrics"]


def test_a_comma_after_the_last_item_costs_no_re_ask(
    server: FakeLLMServer, tmp_path: Path, bank: QuestionBank, store: Store
) -> None:
    """'"flags": ["no_metrics",]' was 'not JSON': a second, paid call to say so."""
    tidy = _tidy(bank.get("time-you-failed").keypoints)
    trailing = json.dumps(tidy, indent=2).replace('"no_metrics"\n', '"no_metrics",\n')
    server.script(Reply(json.dumps(tidy)), Reply(trailing))
    neat, forgiven = (_score(tmp_path, store, server, bank) for _ in range(2))
    assert server.hits == 2 and not forgiven.notes
    assert forgiven.model_dump(exclude={"created_at", "latency_ms"}) == neat.model_dump(
        exclude={"created_at", "latency_ms"}
    )
