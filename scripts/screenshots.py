"""Regenerate the README screenshots in docs/screenshots/ with the browser-test harness.

    python scripts/screenshots.py              # every shot
    python scripts/screenshots.py progress     # only some
    python scripts/screenshots.py --out /tmp/shots

Runs JupyterLab and Voila on 127.0.0.1 over temp copies of the notebooks, with a
temp COACHKIT_HOME seeded with a few weeks of practice; nothing of yours is read
or written. Needs Debian's chromium (/usr/bin/chromium) and the dev extras.
"""

from __future__ import annotations

import argparse
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

# Good enough to score, thin enough that the rebuild shows edits and [gaps?] to fill.
SHOWCASE_ANSWER = (
    "In 2022 I led the billing migration at Acme. I was responsible for the cutover plan. "
    "I skipped a full load test to hit the date, and the launch failed. "
    "I rolled back and added a load test gate to our release checklist."
)

# A few weeks of practice that gets better, so the progress charts have a story.
SEED: list[tuple[str, str]] = [
    ("time-you-failed", "I failed a launch once. It went badly but we fixed it and moved on."),
    (
        "conflict-with-teammate",
        "We disagreed about the database. We talked about it and in the end it was fine.",
    ),
    (
        "production-incident",
        "Our API went down one night. I was on call, so I looked at the logs and restarted "
        "the service, and it came back after a while.",
    ),
    (
        "time-you-failed",
        "In 2022 I led a billing migration. I skipped the load test to hit the date and the "
        "launch failed. I rolled back and we added load tests afterwards.",
    ),
    (
        "conflict-with-teammate",
        "Last year a teammate and I disagreed on Postgres versus DynamoDB for a new service. "
        "I was asked to make the call. I wrote a one-page comparison with our access patterns "
        "and we ran a two-day spike together. We chose Postgres and cut the estimate by 3 weeks.",
    ),
    (
        "production-incident",
        "In March our checkout API returned errors for 40 minutes during a sale. As the on-call "
        "engineer I owned the response. I paged the database team, rolled back the release that "
        "added a slow query, and wrote the timeline while we recovered. Error rates dropped to "
        "zero within 5 minutes of the rollback, and I added a query-time alert so it cannot "
        "return silently.",
    ),
    ("time-you-failed", harness.GOOD_ANSWER),
]


def _lab_practice(page: Page, lab: Server, voila: Server, out: Path) -> Path:
    """JupyterLab with the practice view: the answer and its STAR scores."""
    harness.open_in_lab(page, lab, "01_practice.ipynb")
    page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")
    harness.run_all(page)
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, harness.GOOD_ANSWER)
    harness.click_score(page)
    harness.wait_scored(page)
    page.locator(".coachkit-prompt").first.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)  # let the scroll settle before the picture
    return harness.screenshot(page, out / "practice.png")


def _voila_scorecard(page: Page, lab: Server, voila: Server, out: Path) -> Path:
    """The whole score card (bars, tips, key points, evidence, rebuild) as the Voila app."""
    harness.open_in_voila(page, voila, "01_practice.ipynb", ready=harness.ANSWER)
    harness.pick_question(page, "time-you-failed")
    harness.type_answer(page, SHOWCASE_ANSWER)
    harness.click_score(page)
    harness.wait_scored(page)
    return harness.screenshot(page, out / "scorecard.png", selector=harness.RESULT)


def _voila_progress(page: Page, lab: Server, voila: Server, out: Path) -> Path:
    """The progress view over the seeded weeks of practice."""
    harness.open_in_voila(page, voila, "02_progress.ipynb", ready=".coachkit-charts img")
    page.locator(".coachkit-charts img").first.evaluate(
        "img => img.complete || new Promise(done => img.addEventListener('load', done))"
    )
    return harness.screenshot(page, out / "progress.png", selector=".coachkit-progress")


Shot = Callable[["Page", Server, Server, Path], Path]
SHOTS: dict[str, tuple[Shot, tuple[int, int]]] = {
    # name: (how to take it, browser viewport)
    # Progress first: the other shots add attempts of their own.
    "progress": (_voila_progress, (1100, 900)),
    "practice": (_lab_practice, (1400, 1000)),
    "scorecard": (_voila_scorecard, (1100, 900)),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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

    chosen = args.shots or list(SHOTS)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="coachkit-shots-") as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "home"
        home.mkdir()
        harness.seed_attempts(home, SEED)
        root = harness.copy_notebooks(tmp / "root")
        with (
            harness.running(harness.start_jupyterlab(root, home, tmp / "lab")) as lab,
            harness.running(harness.start_voila(root, home, tmp / "voila")) as voila,
            sync_playwright() as playwright,
        ):
            browser = harness.launch_browser(playwright)
            for name in chosen:
                shoot, (width, height) = SHOTS[name]
                session = harness.open_page(browser, width, height)
                try:
                    path = shoot(session.page, lab, voila, args.out)
                except Exception:
                    folder = harness.ARTIFACTS_DIR / f"screenshot-{name}"
                    harness.save_artifacts(folder, session, [lab, voila])
                    print(f"screenshots: {name} failed; see {folder}", file=sys.stderr)
                    raise
                finally:
                    session.context.close()
                print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
            browser.close()
    print(f"done in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
