"""Settings' "Compare on past answers": `coachkit rescore` as a panel, for a page with no
terminal. Profiles on a fake OpenAI server on 127.0.0.1; nothing is saved."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fake_openai_server import (  # noqa: F401 (loopback_only: a fixture)
    FakeLLMServer,
    Reply,
    Seen,
    fair_grade,
    free_port,
    loopback_only,
    write_config,
)
from ui_fakes import FocusLog, make_attempts

from coachkit import Coach, QuestionBank
from coachkit.ui import SettingsView
from coachkit.ui.runtime import InlineRunner, Runner, ThreadRunner

pytestmark = pytest.mark.usefixtures("loopback_only")

PLAN = [
    ("time-you-failed", (4, 4, 4, 4)),
    ("why-this-role", (1, 1, 1, 1)),
    ("time-you-failed", (1, 1, 1, 1)),
    ("why-this-role", (3, 3, 3, 3)),
    ("time-you-failed", (2, 2, 2, 2)),
    ("why-this-role", (2, 2, 2, 2)),
]


@pytest.fixture
def home(coachkit_home: Path) -> Path:
    coachkit_home.mkdir(parents=True, exist_ok=True)
    return coachkit_home


def _history(bank: QuestionBank, plan: list[Any] = PLAN, **kwargs: Any) -> Coach:
    coach = Coach(bank=bank)
    coach.store.add_attempts(make_attempts(bank, plan, **kwargs))
    return coach


def _gpt(server_url: str, **params: Any) -> dict[str, Any]:
    return {"model": "openai/gpt-4o-mini", "api_base": f"{server_url}/v1", "api_key": "k"} | params


def _view(coach: Coach, runner: Runner | None = None) -> SettingsView:
    return SettingsView(coach, runner=runner or InlineRunner(), budget=lambda _c: "")


def _rows(result: str) -> int:
    return result.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")


def test_local_rescores_the_newest_five_and_saves_nothing(bank: QuestionBank, home: Path) -> None:
    coach = _history(bank)
    view = _view(coach)
    panel = view.compare
    assert [v for _l, v in panel.profile.options] == ["local"]
    assert panel.last.value == 5
    assert [v for _l, v in panel.question.options] == ["", "time-you-failed", "why-this-role"]
    assert [v for _l, v in panel.source.options] == ["", "fake"]
    focus = FocusLog(panel.result)
    panel.button.click()
    result = panel.result.value
    assert "<h4>Rescored with local</h4>" in result and _rows(result) == 5
    assert "4 (fake)" not in result  # the oldest, sixth from the end, is not taken
    assert "Mean change with local" in result and "situation" in result
    assert "Done: 5 of 5 rescored with local." in panel.status.value
    # Said in the intro, and once after a run: below the new scores, not in Done too.
    assert "saved" not in panel.status.value.lower() and result.count("Nothing is saved") == 1
    assert focus.last is panel.result  # a screen reader is taken to what came of it
    assert not panel.busy and not panel.button.disabled
    assert panel.stop_button.layout.display == "none"
    assert len(coach.history()) == len(PLAN)
    assert {a.card.scorer for a in coach.history()} == {"fake"}


def test_question_and_scorer_pick_the_attempts_as_the_cli_options_do(
    bank: QuestionBank, home: Path
) -> None:
    coach = _history(bank, scorer=lambda i: "gpt" if i == 0 else "local")
    panel = _view(coach).compare
    panel.last.value = 6
    panel.button.click()  # two scorers' attempts: their scales mixed, and said so
    assert "Before, these were scored by gpt (1) and local (5)" in panel.result.value
    panel.source.value = "gpt"
    panel.button.click()
    assert _rows(panel.result.value) == 1 and "(gpt)" in panel.result.value
    assert "Before, these" not in panel.result.value
    panel.source.value = ""
    panel.question.value = "why-this-role"
    panel.last.value = 2
    panel.button.click()
    result = panel.result.value
    assert _rows(result) == 2 and "time-you-failed" not in result.split("<tbody>")[1]


def test_the_count_of_n_is_the_one_rescore_takes(bank: QuestionBank, home: Path) -> None:
    """An attempt whose question left the bank is not among the N of "n of N", as
    rescore leaves it out; the hook counts each answer as the batch ends it."""
    coach = Coach(bank=QuestionBank([q for q in bank if q.id != "why-this-role"]))
    coach.store.add_attempts(make_attempts(bank, PLAN))
    panel = _view(coach).compare
    shown: list[str] = []
    panel.status.observe(lambda change: shown.append(change["new"]), "value")
    panel.button.click()
    counts = [s.split(": ", 1)[1].split(" done")[0] for s in shown if "Rescoring" in s]
    assert counts == ["0 of 3", "1 of 3", "2 of 3", "3 of 3"]
    assert "Done: 3 of 3 rescored with local" in panel.status.value


def test_an_empty_history_says_how_to_have_one(bank: QuestionBank, home: Path) -> None:
    panel = _view(Coach(bank=bank)).compare
    focus = FocusLog(panel.result)
    panel.button.click()
    assert "No attempts to rescore yet: answer a question in Practice" in panel.result.value
    assert focus.last is panel.result
    assert not panel.busy and "Traceback" not in panel.result.value


def test_an_llm_profile_scores_each_answer_afresh(
    bank: QuestionBank, home: Path, server: FakeLLMServer
) -> None:
    write_config(home / "config.yaml", {"gpt": _gpt(server.url)}, scorer="local")
    coach = _history(bank)
    panel = _view(coach).compare
    panel.profile.value = "gpt"
    panel.last.value = 3
    panel.button.click()
    assert server.hits == 3
    result = panel.result.value
    assert "<h4>Rescored with gpt</h4>" in result and _rows(result) == 3
    assert "Mean change with gpt" in result and "failed [" not in result
    assert len(coach.history()) == len(PLAN)


def test_a_budget_too_small_says_how_many_it_can_pay_for(
    bank: QuestionBank, home: Path, server: FakeLLMServer
) -> None:
    write_config(home / "config.yaml", {"gpt": _gpt(server.url)}, budget={"llm_scores_per_hour": 2})
    panel = _view(_history(bank)).compare
    panel.profile.value = "gpt"
    panel.button.click()
    said = panel.result.value
    assert "needs 5 LLM scores" in said and "set Newest attempts to 2" in said, said
    assert server.hits == 0 and not panel.busy and panel.errors.message is None
    panel.last.value = 2  # as it says: then it runs
    panel.button.click()
    assert server.hits == 2 and _rows(panel.result.value) == 2


def test_a_key_nobody_set_is_named_never_sent(
    bank: QuestionBank, home: Path, server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COACHKIT_TEST_KEY", raising=False)
    params = _gpt(server.url, api_key="os.environ/COACHKIT_TEST_KEY")
    write_config(home / "config.yaml", {"gpt": params})
    panel = _view(_history(bank)).compare
    panel.profile.value = "gpt"
    panel.button.click()
    assert "reads COACHKIT_TEST_KEY, which is not set" in panel.result.value
    assert server.hits == 0
    monkeypatch.setenv("COACHKIT_TEST_KEY", "sk-secret-value-12345")
    panel.button.click()
    assert server.hits == 5 and "sk-secret-value" not in panel.widget.children[-1].value


def test_a_provider_down_is_one_reason_and_no_drift(bank: QuestionBank, home: Path) -> None:
    params = _gpt(f"http://127.0.0.1:{free_port()}", api_key="sk-literal-abcdef123456")
    write_config(home / "config.yaml", {"gpt": params}, llm={"max_retries": 0})
    panel = _view(_history(bank)).compare
    panel.profile.value = "gpt"
    panel.button.click()
    result = panel.result.value
    assert _rows(result) == 5 and result.count("failed [") == 5
    assert result.count("<li>") == 2  # the connection's reason, then "not sent"
    assert "Nothing was rescored with gpt" in result and "Mean change" not in result
    assert "sk-literal" not in result and "Traceback" not in result


def test_a_profile_removed_while_open_is_said_and_the_menu_follows(
    bank: QuestionBank, home: Path, server: FakeLLMServer
) -> None:
    config = write_config(home / "config.yaml", {"gpt": _gpt(server.url)})
    view = _view(_history(bank))
    panel = view.compare
    panel.profile.value = "gpt"
    time.sleep(0.01)  # a new modification time for the edit
    write_config(config, {"box": _gpt(server.url)})
    panel.button.click()
    assert "The profile gpt is no longer in your config" in panel.result.value
    assert [v for _l, v in panel.profile.options] == ["local", "box"]
    assert [v for _l, v in view.scorer.options] == ["local", "box"]  # as the Scorer box
    assert server.hits == 0


def test_a_broken_config_waits_for_a_fix(bank: QuestionBank, home: Path) -> None:
    (home / "config.yaml").write_text("model_list: [oops\n", encoding="utf-8")
    panel = _view(_history(bank)).compare
    assert panel.button.disabled


def test_stop_keeps_what_finished_and_sends_no_more(bank: QuestionBank, home: Path) -> None:
    arrived, release = threading.Event(), threading.Event()

    def slow(seen: Seen) -> Reply:
        arrived.set()
        release.wait(timeout=30)
        return fair_grade(seen)

    with FakeLLMServer(slow) as server:
        write_config(home / "config.yaml", {"gpt": _gpt(server.url)}, llm={"concurrency": 1})
        panel = _view(_history(bank), ThreadRunner()).compare
        panel.profile.value = "gpt"
        panel.last.value = 3
        panel.button.click()
        assert arrived.wait(timeout=30)
        # Marked busy, not disabled: a disabled button drops focus to the page (where
        # JupyterLab's "d d" deletes the cell). A second press starts nothing.
        assert panel.busy and "ck-busy" in panel.button._dom_classes
        assert not panel.button.disabled
        assert "Rescoring with gpt: 0 of 3 done" in panel.status.value
        panel.button.click()
        assert "Rescoring with gpt: 0 of 3 done" in panel.status.value
        panel.offer(panel._config())  # Settings re-reads the config meanwhile
        assert not panel.button.disabled
        assert panel.stop_button.layout.display == ""
        panel.stop_button.click()
        assert "Stopping: no more answers are sent" in panel.status.value
        assert "ck-busy" in panel.stop_button._dom_classes and not panel.stop_button.disabled
        panel.stop_button.click()  # pressed again: said once, nothing more
        assert "Stopping: no more answers are sent" in panel.status.value
        release.set()
        deadline = time.monotonic() + 30
        while panel.busy and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not panel.busy
        assert "ck-busy" not in panel.button._dom_classes
        assert server.hits == 1
    result = panel.result.value
    assert _rows(result) == 1 and "Stopped: 2 more attempts were not rescored" in result
    assert "Mean change with gpt" in result
    assert "Done (stopped): 1 of 3 rescored with gpt" in panel.status.value


def test_a_damaged_database_is_not_written_to_by_an_llm_profile(
    bank: QuestionBank, home: Path, server: FakeLLMServer
) -> None:
    """An LLM profile logs its usage in the database: with a page of it lost, nothing is
    sent, and the panel says why and that local writes nothing (which still runs)."""
    from file_damage import damage_drafts

    write_config(home / "config.yaml", {"gpt": _gpt(server.url)})
    coach = _history(bank)
    coach.save_draft("why-this-role", "a draft")
    panel = _view(coach).compare
    damage_drafts(coach.store.path)
    panel.profile.value = "gpt"
    panel.button.click()
    said = panel.result.value
    assert "Not rescored: an LLM profile logs its usage" in said and "local writes" in said
    assert server.hits == 0 and not panel.busy
    panel.profile.value = "local"
    panel.button.click()
    assert _rows(panel.result.value) == 5


def test_stop_waits_for_an_answer_in_flight_and_shows_it(bank: QuestionBank, home: Path) -> None:
    """An answer sent before Stop is paid for: the run ends once it is scored, and shows
    it. It used to end as the other worker met Stop, the paid answer never shown, though
    the status said "those being scored now finish first"."""
    gates: list[threading.Event] = []  # none for the first run
    arrived = threading.Semaphore(0)

    def held(seen: Seen) -> Reply:
        with lock:
            gate = gates.pop(0) if gates else None
        arrived.release()
        if gate is not None:
            gate.wait(timeout=30)
        return fair_grade(seen)

    lock = threading.Lock()
    with FakeLLMServer(held) as server:
        write_config(home / "config.yaml", {"gpt": _gpt(server.url)}, llm={"concurrency": 2})
        panel = _view(_history(bank), ThreadRunner()).compare
        panel.profile.value = "gpt"
        panel.last.value = 1
        panel.button.click()  # the provider's first call, which goes alone, out of the way
        _wait(lambda: not panel.busy)
        assert arrived.acquire(timeout=1)
        first, second = threading.Event(), threading.Event()
        gates.extend([first, second])
        panel.last.value = 4
        panel.button.click()
        assert arrived.acquire(timeout=30) and arrived.acquire(timeout=30)  # both held
        panel.stop_button.click()
        second.set()  # its worker, free, meets Stop; the first is still in flight
        time.sleep(0.3)
        assert panel.busy and "those being scored now finish first" in panel.status.value
        first.set()
        _wait(lambda: not panel.busy)
        assert server.hits == 3
        assert "Done (stopped): 2 of 4 rescored with gpt" in panel.status.value
        assert _rows(panel.result.value) == 2


def _wait(done: Any, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while not done() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert done()
