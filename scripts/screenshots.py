"""Regenerate the README screenshots in docs/screenshots/ with the browser-test harness.

    python scripts/screenshots.py                 # every shot
    python scripts/screenshots.py practice mock   # only some
    python scripts/screenshots.py --out /tmp/shots

Runs JupyterLab on 127.0.0.1 over temp copies of the notebooks, with a temp
COACHKIT_HOME seeded with three weeks of practice; nothing of yours is read or
written and nothing leaves the machine. Needs Debian's chromium
(/usr/bin/chromium) and the dev extras (playwright).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

import harness  # noqa: E402  (lives beside the browser tests, which share it)
from harness import Server  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Page

OUT = REPO / "docs" / "screenshots"

# Five-sentence STAR stories (situation, task, action, action, result). Early attempts
# use the first sentences only, so the seeded history improves the way practice does.
STORIES: dict[str, str] = {
    "time-you-failed": harness.GOOD_ANSWER,
    "production-incident": (
        "In March our checkout API returned errors for 40 minutes during a sale. "
        "As the on-call engineer I owned the response and the customer update. "
        "I paged the database team and rolled back the release that added a slow query. "
        "I wrote the timeline while we recovered and ran the postmortem the next day. "
        "Errors dropped to zero within 5 minutes of the rollback, and a new query-time alert "
        "has caught two regressions since."
    ),
    "conflict-with-teammate": (
        "Last year a teammate and I disagreed on Postgres versus DynamoDB for a new orders "
        "service. I was asked to make the call within a week without slowing the team. "
        "I wrote a one-page comparison against our real access patterns and asked her to "
        "poke holes in it. We ran a two-day spike together and measured both. "
        "We chose Postgres, she led the schema work, and we cut the estimate by three weeks."
    ),
    "shipped-under-tight-deadline": (
        "In 2023 a partner moved our integration launch forward by a month. "
        "I owned the API and had four weeks instead of eight. "
        "I cut the scope to the three endpoints the partner needed on day one and shared the "
        "plan with everyone. I paired with QA every afternoon so testing never queued up. "
        "We launched on the new date with zero sev-1 bugs, and the deferred endpoints shipped "
        "two weeks later."
    ),
}

# Shown in the practice shot: good enough to score, thin enough to show [gaps?] to fill.
SHOWCASE_ANSWER = (
    "In 2022 I led the billing migration at Acme, moving 40,000 customers to a new invoicing "
    "service. I owned the cut-over plan. I skipped a full load test to hit the date, and the "
    "launch failed for two hours. I rolled back and added a load test gate to our release "
    "checklist."
)

# Settings shows profiles from the README's example config; no key is set, so the
# connection test fails at once, before any request is made.
SETTINGS_CONFIG = """\
scorer: local
fallback: local
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY, timeout: 60}
  - model_name: local-llama
    litellm_params: {model: ollama_chat/llama3.1, api_base: "http://127.0.0.1:11434"}
"""


def seed_history(home: Path, days: int = 21) -> None:
    """One attempt a day for ``days`` days, rotating questions, each story a bit fuller."""
    ids = list(STORIES)
    attempts = []
    for day in range(days):
        sentences = re.split(r"(?<=\.) ", STORIES[ids[day % len(ids)]])
        used = 1 + (len(sentences) - 1) * day // (days - 1)
        attempts.append((ids[day % len(ids)], " ".join(sentences[:used])))
    harness.seed_attempts(home, attempts, days_apart=1.0)


def _open_view(page: Page, lab: Server, notebook: str, view: str) -> None:
    """Open a notebook with the file browser folded away, run it, show the view's top."""
    harness.open_in_lab(page, lab, notebook)
    page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
    harness.run_all(page)
    harness.wait_lab_view(page, view)


def _scroll_to(page: Page, selector: str) -> None:
    page.locator(selector).first.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)  # let the scroll settle before the picture


def _practice(page: Page, lab: Server, out: Path) -> Path:
    _open_view(page, lab, "01_practice.ipynb", ".coachkit-practice")
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, SHOWCASE_ANSWER)
    harness.click_score(page)
    harness.wait_scored(page)
    _scroll_to(page, ".jp-OutputArea-output")
    return harness.screenshot(page, out / "practice.png")


def _progress(page: Page, lab: Server, out: Path) -> Path:
    _open_view(page, lab, "02_progress.ipynb", ".coachkit-progress")
    # Every layout of the chart in (the narrow ones come after the view), and loaded.
    page.locator(".coachkit-charts .ck-chart-ready img:visible").first.evaluate(
        "img => img.complete || new Promise(done => img.addEventListener('load', done))"
    )
    _scroll_to(page, ".jp-OutputArea-output")
    return harness.screenshot(page, out / "progress.png")


def _answers_by_prompt() -> dict[str, str]:
    """An answer for each question that has one: the stories above, then the best
    answer in tests/data written for the question (the weak answers of the coverage set
    are left out: they are there to score low)."""
    import json

    from coachkit import QuestionBank

    bank = QuestionBank.load()
    best: dict[str, tuple[float, str]] = {}
    for name in ("labelled", "genuine", "view", "technical", "coverage"):
        for line in (REPO / "tests" / "data" / f"{name}_answers.jsonl").read_text().splitlines():
            row = json.loads(line) if line.strip() else None
            if row is None or row["question_id"] not in bank or row.get("kind") == "weak":
                continue
            mark = float(row.get("overall", 80))  # no label (views, coverage): sound
            if mark > best.get(row["question_id"], (-1.0, ""))[0]:
                best[row["question_id"]] = (mark, row["answer"])
    answers = {qid: answer for qid, (_, answer) in best.items()} | STORIES
    return {bank.get(qid).prompt: answer for qid, answer in answers.items()}


def _mock(page: Page, lab: Server, out: Path) -> Path:
    _open_view(page, lab, "03_mock_interview.ipynb", ".coachkit-mock-setup")
    page.locator(".coachkit-mock-count input").fill("3")
    page.locator(".coachkit-mock-count input").press("Enter")
    harness.click_button(page, "Start interview")
    answers = _answers_by_prompt()
    spare = list(STORIES.values())
    for number in range(3):
        page.locator(".coachkit-mock-position", has_text=f"Question {number + 1} of 3").wait_for()
        prompt = page.locator(".coachkit-mock-question .coachkit-prompt").inner_text()
        # An answer written for the question drawn, or a story told for another one
        # (scored as such: the report then shows what a mismatched answer earns).
        answer = next((a for p, a in answers.items() if p in prompt), spare[number])
        harness.type_answer(page, answer)
        harness.click_button(page, "Finish" if number == 2 else "Next question")
    report = page.locator(".coachkit-mock-report").first
    report.get_by_text("What to practise next").wait_for()
    report.locator("summary").first.click()  # unfold the first answer's score card
    page.locator(harness.DIMENSION_BAR).first.wait_for()
    _scroll_to(page, ".jp-OutputArea-output")
    return harness.screenshot(page, out / "mock.png")


def _settings(page: Page, lab: Server, out: Path) -> Path:
    harness.write_scorer_config(lab.home, SETTINGS_CONFIG)
    _open_view(page, lab, "04_settings.ipynb", ".coachkit-settings")
    page.locator(".coachkit-scorer select").first.select_option(value="gpt")
    page.locator(".coachkit-profile", has_text="openai/gpt-4o-mini").wait_for()
    harness.click_button(page, "Test connection")
    page.locator(".coachkit-status", has_text="Failed").wait_for()
    _scroll_to(page, ".jp-OutputArea-output")
    return harness.screenshot(page, out / "settings.png")


Shot = Callable[["Page", Server, Path], Path]
SHOTS: dict[str, tuple[Shot, tuple[int, int]]] = {
    # name: (how to take it, browser viewport). Progress goes first: the others add attempts.
    "progress": (_progress, (1280, 1000)),
    "practice": (_practice, (1280, 1400)),
    "mock": (_mock, (1280, 1000)),
    "settings": (_settings, (1280, 900)),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("shots", nargs="*", help=f"some of {', '.join(SHOTS)} (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"default: {OUT}")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.shots) - set(SHOTS))
    if unknown:
        parser.error(f"unknown shot {', '.join(unknown)}; choose from {', '.join(SHOTS)}")
    reason = harness.chromium_missing_reason()
    if reason:
        print(f"screenshots: {reason}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    chosen = [name for name in SHOTS if name in args.shots or not args.shots]
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="coachkit-shots-") as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "home"
        home.mkdir()
        seed_history(home)
        root = harness.copy_notebooks(tmp / "notebooks")
        with (
            harness.running(harness.start_jupyterlab(root, home, tmp / "lab")) as lab,
            sync_playwright() as playwright,
        ):
            browser = harness.launch_browser(playwright)
            for name in chosen:
                shoot, (width, height) = SHOTS[name]
                session = harness.open_page(browser, width, height)
                try:
                    path = shoot(session.page, lab, args.out)
                except Exception:
                    folder = harness.ARTIFACTS_DIR / f"screenshot-{name}"
                    harness.save_artifacts(folder, session, [lab])
                    print(f"screenshots: {name} failed; see {folder}", file=sys.stderr)
                    raise
                finally:
                    session.context.close()
                    harness.shutdown_lab_sessions(lab)
                print(f"wrote {path}")
            browser.close()
    print(f"done in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
