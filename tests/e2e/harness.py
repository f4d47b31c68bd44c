"""Drive JupyterLab and Voila in headless Chromium: servers, browser, page helpers.

Plain functions and small classes, so the pytest fixtures (``conftest.py``) and
``scripts/screenshots.py`` share one machinery. Everything listens on 127.0.0.1
and all user state goes to temp dirs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # playwright is a dev extra; importing harness must not need it
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
ARTIFACTS_DIR = REPO_ROOT / "artifacts" / "e2e"

# Debian's package; `playwright install` cannot download a browser here.
CHROMIUM = Path(os.environ.get("COACHKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # small /dev/shm in containers
    # Only 127.0.0.1 resolves: a page that reaches for the internet fails loudly.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

SERVER_START_TIMEOUT = 60.0
KERNEL_TIMEOUT_MS = 60_000
UI_TIMEOUT_MS = 20_000

# The CSS classes coachkit.ui puts on its key widgets.
ANSWER = ".coachkit-answer textarea"
SCORE = ".coachkit-score"
RESULT = ".coachkit-result"
ERROR = ".coachkit-error"


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return (
            f"Chromium not found at {CHROMIUM}: `apt-get install chromium` "
            "(or set COACHKIT_CHROMIUM) to run the browser tests"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install -e '.[dev]'"
    return None


def free_port() -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- servers ------------------------------------------------------------------


@dataclass
class Server:
    """A JupyterLab or Voila process serving ``root`` with its own COACHKIT_HOME."""

    kind: str
    url: str
    root: Path
    home: Path
    log: Path
    process: subprocess.Popen[bytes]
    extra: dict[str, Any] = field(default_factory=dict)

    def get(self, path: str) -> Any:
        """GET a JSON endpoint of the server (no token is configured)."""
        with urllib.request.urlopen(f"{self.url}{path}", timeout=5) as response:
            return json.loads(response.read() or b"null")

    def request(self, method: str, path: str, body: object = None) -> None:
        """Send a request (with ``body`` as JSON, if given) and wait for its answer."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=30):
            pass

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM lets the server shut its kernels down; kill the group if it hangs."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def server_env(home: Path, state: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment kernels inherit: temp COACHKIT_HOME and Jupyter dirs, no network."""
    env = {
        key: value
        for key, value in os.environ.items()
        # A developer's own coachkit settings and provider keys must not leak into the
        # run: with a key set, an LLM profile could reach a real provider.
        if not key.startswith("COACHKIT_")
        and not key.endswith("_API_KEY")
        and key not in ("JUPYTER_TOKEN", "JUPYTER_PASSWORD")
    }
    env.update(
        {
            "COACHKIT_HOME": str(home),
            "JUPYTER_CONFIG_DIR": str(state / "config"),
            "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
            "JUPYTER_DATA_DIR": str(state / "data"),  # kernelspecs still come from sys.prefix
            "JUPYTERLAB_SETTINGS_DIR": str(state / "lab-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(state / "lab-workspaces"),
            "IPYTHONDIR": str(state / "ipython"),
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
            "PYTHON_DOTENV_DISABLED": "1",
            "PYTHONUNBUFFERED": "1",
            # Kernels must run the interpreter (and coachkit) this process runs.
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            # ... and the coachkit of this checkout, whichever checkout is installed:
            # kernels start in a temp dir, where an editable install of another clone
            # would win.
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p
            ),
        }
    )
    if extra:
        env.update(extra)
    return env


def _write_lab_settings(settings_dir: Path) -> None:
    """User settings that keep toasts and update checks from covering the page."""
    plugin = (
        settings_dir / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    )
    plugin.parent.mkdir(parents=True, exist_ok=True)
    plugin.write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}; log {log}:\n"
                + log.read_text(errors="replace")[-3000:]
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s; log {log}")


def _launch(
    kind: str,
    argv_for: Callable[[int], list[str]],
    ready_path: str,
    root: Path,
    home: Path,
    state: Path,
    env: Mapping[str, str] | None,
) -> Server:
    state.mkdir(parents=True, exist_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    full_env = server_env(home, state, env)
    _write_lab_settings(Path(full_env["JUPYTERLAB_SETTINGS_DIR"]))
    log = state / f"{kind}.log"
    # The free port can be taken between probing and binding: try a fresh one.
    for attempt in range(3):
        port = free_port()
        with log.open("wb") as sink:
            process = subprocess.Popen(
                argv_for(port),
                cwd=root,
                env=full_env,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so kernels go with it
            )
        url = f"http://127.0.0.1:{port}"
        server = Server(kind=kind, url=url, root=root, home=home, log=log, process=process)
        try:
            _wait_ready(url + ready_path, process, log, SERVER_START_TIMEOUT)
        except RuntimeError:
            if attempt == 2 or "already in use" not in log.read_text(errors="replace"):
                raise
            continue
        except BaseException:
            server.stop()
            raise
        return server
    raise AssertionError("unreachable")


def start_jupyterlab(
    root: Path, home: Path, state: Path, env: Mapping[str, str] | None = None
) -> Server:
    """JupyterLab on a free 127.0.0.1 port, no token, ``root`` as its root dir."""

    def argv(port: int) -> list[str]:
        return [
            sys.executable, "-m", "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={root}",
            "--IdentityProvider.token=",
            "--ServerApp.disable_check_xsrf=True",
            # Tests talk to the app's command registry instead of hunting menus.
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=",
            "--LabApp.extension_manager=readonly",  # never query a package index
        ]  # fmt: skip

    return _launch("lab", argv, "/api/status", root, home, state, env)


def start_voila(
    root: Path, home: Path, state: Path, env: Mapping[str, str] | None = None
) -> Server:
    """Voila serving every notebook under ``root`` (``/voila/render/<name>``), with the
    repo's voila.json beside them, as the README runs it from coachkit's folder."""
    shutil.copy2(REPO_ROOT / "voila.json", root / "voila.json")

    def argv(port: int) -> list[str]:
        return [
            sys.executable, "-m", "voila",
            str(root),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            # A failing cell should say why on the page (and in the failure screenshot).
            "--show_tracebacks=True",
        ]  # fmt: skip

    return _launch("voila", argv, "/", root, home, state, env)


@contextmanager
def running(server: Server) -> Iterator[Server]:
    try:
        yield server
    finally:
        server.stop()


def copy_notebooks(dest: Path, names: list[str] | None = None) -> Path:
    """Copy the repo's notebooks (all, or ``names``) into ``dest``: runs never touch the repo."""
    dest.mkdir(parents=True, exist_ok=True)
    for notebook in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        if names is None or notebook.name in names:
            shutil.copy2(notebook, dest / notebook.name)
    return dest


def write_scorer_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def broken_scorer_config(home: Path) -> Path:
    """A config whose scorer is an LLM at a closed local port (the request must fail fast)."""
    port = free_port()  # nothing listens there once the probe socket is closed
    return write_scorer_config(
        home,
        "scorer: broken\n"
        "fallback: null\n"
        "model_list:\n"
        "  - model_name: broken\n"
        "    litellm_params:\n"
        "      model: openai/x\n"
        f'      api_base: "http://127.0.0.1:{port}/v1"\n'
        "      api_key: dummy\n"
        "      timeout: 5\n",
    )


# -- browser --------------------------------------------------------------------


def launch_browser(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )


@dataclass
class PageSession:
    """A page plus what it said on the console, for failure reports."""

    context: BrowserContext
    page: Page
    console: list[str]


def open_page(browser: Browser, width: int = 1280, height: int = 900) -> PageSession:
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"[{msg.type}] {msg.text}"))
    page.on("pageerror", lambda exc: console.append(f"[pageerror] {exc}"))
    page.on("requestfailed", lambda req: console.append(f"[requestfailed] {req.url}"))
    # JupyterLab asks "leave the page?" on reload with a running kernel; say yes.
    page.on("dialog", lambda dialog: dialog.accept())
    return PageSession(context=context, page=page, console=console)


def save_artifacts(folder: Path, session: PageSession | None, servers: list[Server]) -> None:
    """Screenshot, console log, page HTML and server log tails, for a failed test."""
    folder.mkdir(parents=True, exist_ok=True)
    if session is not None:
        try:
            session.page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
            (folder / "page.html").write_text(session.page.content(), encoding="utf-8")
        except Exception as exc:  # a crashed page still leaves the console log
            (folder / "screenshot-error.txt").write_text(repr(exc), encoding="utf-8")
        (folder / "console.log").write_text("\n".join(session.console) + "\n", encoding="utf-8")
    for server in servers:
        if server.log.exists():
            shutil.copy2(server.log, folder / server.log.name)


def screenshot(page: Page, path: Path, selector: str | None = None) -> Path:
    """Save a screenshot of the page, or of one whole element of it.

    Apps scroll inside their own containers, where an element screenshot is cut
    at the viewport: the viewport is first made tall enough for the element.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if selector is None:
        page.screenshot(path=str(path))
        return path
    element = page.locator(selector).first
    top, height = element.evaluate(
        "el => { el.scrollIntoView({block: 'start'}); const r = el.getBoundingClientRect();"
        " return [r.top, Math.max(r.height, el.scrollHeight)]; }"
    )
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    needed = int(top + height + 16)
    if needed > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": needed})
    element.screenshot(path=str(path))
    return path


# -- JupyterLab -----------------------------------------------------------------

_CURRENT_PANEL = "window.jupyterapp && window.jupyterapp.shell.currentWidget"

_KERNEL_IDLE_JS = f"""() => {{
  const panel = {_CURRENT_PANEL};
  const ctx = panel && panel.sessionContext;
  const kernel = ctx && ctx.session && ctx.session.kernel;
  return !!(ctx && ctx.isReady && kernel && kernel.status === 'idle'
            && kernel.connectionStatus === 'connected');
}}"""

# The notebook on show (tests open one notebook per page, in a fresh workspace).
_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

# Every code cell shows "[n]:" (ran) and none "[*]:" (queued or running).
_ALL_CELLS_RAN_JS = (
    "() => { const prompts = [...document.querySelectorAll("
    f"'{_PANEL} .jp-CodeCell .jp-InputArea-prompt')];"
    r" return prompts.length > 0 && prompts.every(p => /^\[\d+\]:$/.test(p.textContent.trim())); }"
)


def open_in_lab(page: Page, server: Server, path: str) -> None:
    """Open a notebook alone in a fresh workspace and wait for an idle kernel.

    Its kernel is started through the server's REST API as the page loads: JupyterLab
    finds the notebook's session and connects to it, and the two seconds each takes
    overlap rather than follow one another (a second or so of every JupyterLab test).
    """
    starting = _start_session(server, path)
    page.goto(f"{server.url}/lab/tree/{path}?reset", wait_until="domcontentloaded")
    if starting is not None:
        starting.join()
    wait_lab_notebook(page, path)


def _start_session(server: Server, path: str) -> threading.Thread | None:
    """A thread asking ``server`` for a session of the notebook at ``path`` with the kernel
    its metadata names; None (JupyterLab starts it, or asks which) when it names none."""
    try:
        metadata = json.loads((server.root / path).read_text(encoding="utf-8"))["metadata"]
        kernel = metadata["kernelspec"]["name"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    session = {"path": path, "type": "notebook", "name": "", "kernel": {"name": kernel}}
    thread = threading.Thread(
        target=server.request, args=("POST", "/api/sessions", session), daemon=True
    )
    thread.start()
    return thread


def wait_lab_notebook(page: Page, path: str) -> None:
    page.wait_for_function(
        f"() => {{ const p = {_CURRENT_PANEL}; return !!(p && p.context && "
        f"p.context.path.endsWith({json.dumps(path)})); }}",
        timeout=KERNEL_TIMEOUT_MS,
    )
    if page.locator(".jp-Dialog").count():
        raise AssertionError(
            f"{path} opened a dialog ({page.locator('.jp-Dialog').inner_text()!r}); "
            "does the notebook lack kernelspec metadata?"
        )
    wait_kernel_idle(page)


def wait_kernel_idle(page: Page, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
    """The kernel is connected and idle (status bar "Idle"): a run now will not be lost."""
    page.wait_for_function(_KERNEL_IDLE_JS, timeout=timeout_ms)
    page.locator(".jp-StatusBar-Widget", has_text="Idle").first.wait_for(timeout=timeout_ms)


def run_all(page: Page, timeout_ms: int = KERNEL_TIMEOUT_MS) -> None:
    """Run every cell and wait until each shows its execution count and the kernel idles."""
    wait_kernel_idle(page)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(_ALL_CELLS_RAN_JS, timeout=timeout_ms)
    wait_kernel_idle(page, timeout_ms)


def wait_lab_view(page: Page, selector: str, timeout_ms: int = UI_TIMEOUT_MS) -> None:
    """After a run, wait for a widget view to render in the notebook's outputs."""
    _wait_rendered(page, selector, f"{_PANEL} .jp-OutputArea-output", timeout_ms)


def lab_cell_errors(page: Page) -> list[str]:
    """Tracebacks shown in the current notebook's outputs (for assertion messages)."""
    errors = page.locator(
        f"{_PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
    )
    return [text for text in errors.all_inner_texts() if "Error" in text or "Traceback" in text]


def shutdown_lab_sessions(server: Server) -> None:
    """Stop every kernel the server runs: two cores do not carry idle kernels for free."""
    _shutdown(server, server.get("/api/sessions") or [])


def shutdown_lab_sessions_later(server: Server) -> threading.Thread:
    """Stop every kernel the server runs now, on a thread to join later: a kernel takes up
    to a second to stop, which the next test need not wait for. Those it starts meanwhile
    are left alone."""
    thread = threading.Thread(
        target=_shutdown, args=(server, server.get("/api/sessions") or []), daemon=True
    )
    thread.start()
    return thread


def _shutdown(server: Server, sessions: list[dict[str, Any]]) -> None:
    for session in sessions:
        with suppress(urllib.error.URLError):  # already gone is fine
            server.request("DELETE", f"/api/sessions/{session['id']}")


# -- Voila ----------------------------------------------------------------------


def open_in_voila(page: Page, server: Server, path: str, ready: str) -> None:
    """Render a notebook in Voila and wait until the selector ``ready`` is visible."""
    page.goto(f"{server.url}/voila/render/{path}", wait_until="domcontentloaded")
    _wait_rendered(page, ready, "body", KERNEL_TIMEOUT_MS)


def _wait_rendered(page: Page, selector: str, outputs: str, timeout_ms: int) -> None:
    """Wait for a widget view; if it never shows, say what was displayed instead."""
    try:
        page.locator(selector).first.wait_for(state="visible", timeout=timeout_ms)
    except Exception as exc:
        shown = " | ".join(page.locator(outputs).all_inner_texts())[-800:]
        raise AssertionError(f"{selector} never rendered; the page shows: {shown!r}") from exc


# -- widgets ----------------------------------------------------------------------

DIMENSION_BAR = ".coachkit-result [role='img'][aria-label$=' of 5']"
REBUILD_ROWS = ".coachkit-result .ck-diff > div"


def click_button(page: Page, name: str) -> None:
    """Click the button whose text ends with ``name`` (an icon glyph may come first)."""
    page.get_by_role("button", name=re.compile(rf"{re.escape(name)}\s*$")).first.click()


def pick_question(page: Page, question_id: str) -> None:
    """Choose a question in the practice view's picker, by the prompt it shows."""
    from coachkit import QuestionBank

    prompt = QuestionBank.load().get(question_id).prompt
    picker = page.locator(".coachkit-question select").first
    picker.wait_for(state="visible")
    # Option values are the labels, "[category] prompt" (cut when long); the text
    # shown uses non-breaking spaces, the value plain ones.
    labels: list[str] = picker.evaluate("s => [...s.options].map(o => o.value)")
    matches = [label for label in labels if prompt[:60] in label]
    if not matches:
        raise AssertionError(f"{question_id!r} is not among the {len(labels)} questions offered")
    if picker.input_value() != matches[0]:
        picker.select_option(value=matches[0])
    page.locator(".coachkit-prompt", has_text=prompt[:60]).first.wait_for()


def type_answer(page: Page, text: str) -> None:
    box = page.locator(ANSWER).first
    box.wait_for(state="visible")
    box.fill(text)


def answer_text(page: Page) -> str:
    return page.locator(ANSWER).first.input_value()


# The text in the answer box when Score was last pressed, by page: the card wait_scored
# waits for is that text's. A card already on screen (the last attempt's, shown when a
# question opens with its answer restored) is not the one asked for.
_SCORING: dict[int, str] = {}

# The letters and digits of the marked answer on the card (its screen-reader words and
# dimension tags left out), against those of the text scored: the card cleans the text
# (spaces, Unicode forms), so the two are compared by what cleaning leaves alone.
_CARD_IS_FOR_JS = """([selector, wanted]) => {
  const box = document.querySelector(selector);
  if (!box) return false;
  const copy = box.cloneNode(true);
  copy.querySelectorAll('.ck-sr, .ck-tag').forEach(e => e.remove());
  return copy.textContent.replace(/[^A-Za-z0-9]/g, '') === wanted;
}"""
_MARKED_ANSWER = f"{RESULT} .ck-answer"


def click_score(page: Page) -> None:
    """Press the practice view's Score button (found by its class, checked by its text)."""
    button = page.locator(f"button{SCORE}, {SCORE} button").first
    button.wait_for(state="visible")
    if "Score" not in button.inner_text():
        raise AssertionError(f"the Score button reads {button.inner_text()!r}")
    box = page.locator(ANSWER).first
    if box.count():
        _SCORING[id(page)] = box.input_value()
    button.click()


def wait_scored(page: Page, timeout_ms: int = UI_TIMEOUT_MS) -> list[str]:
    """Wait for the four STAR dimension scores; return their labels ("Task: 3 of 5").

    After ``click_score``, the card waited for is the one of the text it scored. Fails at
    once if the error panel speaks up instead. The local scorer takes milliseconds, so
    the default wait is short: a lost click fails fast.
    """
    bars = page.locator(DIMENSION_BAR)
    error = page.locator(f"{ERROR} [role='alert']")
    text = _SCORING.pop(id(page), None)
    try:
        bars.nth(3).or_(error).first.wait_for(timeout=timeout_ms)
        if text is not None and not (error.count() and error.first.is_visible()):
            wanted = re.sub(r"[^A-Za-z0-9]", "", text)
            page.wait_for_function(
                _CARD_IS_FOR_JS, arg=[_MARKED_ANSWER, wanted], timeout=timeout_ms
            )
    except Exception as exc:
        status = page.locator(".coachkit-status").all_inner_texts()
        raise AssertionError(
            f"no score card for the answer typed within {timeout_ms} ms; status: {status!r}"
        ) from exc
    if error.count() and error.first.is_visible():
        raise AssertionError(f"scoring failed: {error.first.inner_text()!r}")
    return [bars.nth(i).get_attribute("aria-label") or "" for i in range(bars.count())]


def wait_error(page: Page, timeout_ms: int = KERNEL_TIMEOUT_MS) -> str:
    """Wait for the error panel's message (an LLM failure may take retries) and return it."""
    error = page.locator(f"{ERROR} [role='alert']").first
    error.wait_for(state="visible", timeout=timeout_ms)
    return error.inner_text()


# The role="status" elements inside a widget (a CSS selector): how many, whether the
# first is the one ``tag_status_region`` tagged, and its text.
_STATUS_REGIONS_JS = """(widget) => {
  const found = document.querySelectorAll(`${widget} [role="status"]`);
  return [found.length, found.length > 0 && found[0].coachkitTagged === true,
          found.length > 0 ? found[0].textContent : ""];
}"""


def tag_status_region(page: Page, widget: str) -> None:
    """Tag the one role="status" element inside ``widget``, so ``status_region`` can tell
    whether later updates kept that very element (a screen reader reads out changes to
    a live region that was on the page before them)."""
    page.locator(f"{widget} [role='status']").first.wait_for(state="attached")
    count = page.evaluate(
        f"(widget) => {{ const [n] = ({_STATUS_REGIONS_JS})(widget);"
        ' if (n === 1) document.querySelector(`${widget} [role="status"]`)'
        ".coachkitTagged = true; return n; }",
        widget,
    )
    assert count == 1, f"{widget} holds {count} role=status elements, not one"


def status_region(page: Page, widget: str) -> tuple[int, bool, str]:
    """How many role="status" elements ``widget`` holds, whether the first is the one
    tagged by ``tag_status_region``, and its text."""
    count, tagged, text = page.evaluate(_STATUS_REGIONS_JS, widget)
    return int(count), bool(tagged), str(text)


# Each <select> in a view, but those of ``skip``: its label and the options whose text is
# wider than the room the box leaves it (its width less its padding, where the arrow is).
_CUT_OPTIONS_JS = """([root, skip]) => [...document.querySelectorAll(`${root} select`)]
  .filter(s => !(skip && s.closest(skip)) && s.clientWidth > 0)
  .map(s => {
    const style = getComputedStyle(s);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = style.font;
    const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const label = s.closest('.widget-dropdown')?.querySelector('label')?.textContent ?? '';
    const cut = [...s.options].map(o => o.text).filter(t => ctx.measureText(t).width > room + 0.5);
    return [label, cut];
  })
  .filter(([, cut]) => cut.length)"""


def cut_options(page: Page, root: str, skip: str | None = None) -> dict[str, list[str]]:
    """The dropdowns in ``root`` (but those inside ``skip``) that cannot show an option of
    theirs whole, by label: the option a user picks there shows cut off ("5 attempt")."""
    found: list[tuple[str, list[str]]] = page.evaluate(_CUT_OPTIONS_JS, [root, skip])
    return {label: [text.replace("\xa0", " ") for text in cut] for label, cut in found}


GOOD_ANSWER = (
    "In 2022 I led the billing migration at Acme, a team of five. "
    "I was responsible for the cutover plan and the launch date. "
    "I skipped a full load test to hit the date, and the launch failed for two hours. "
    "I rolled back, ran the postmortem and added a load test gate to our release checklist. "
    "Since then we shipped 5 migrations with zero downtime, and I learned to test under real load."
)


def seed_attempts(home: Path, attempts: list[tuple[str, str]], days_apart: float = 1.5) -> None:
    """Score ``(question_id, answer)`` pairs into ``home``'s store, oldest first, days apart."""
    from datetime import UTC, datetime, timedelta

    from coachkit import Coach, Store

    start = datetime.now(UTC) - timedelta(days=days_apart * len(attempts))
    when = iter(start + timedelta(days=days_apart * i) for i in range(len(attempts)))
    with Store(home / "coachkit.db") as store:
        coach = Coach(store=store, clock=lambda: next(when))
        for question_id, text in attempts:
            coach.submit(question_id, text)


def notebook_json(cells: list[str]) -> dict[str, Any]:
    """A minimal nbformat-4 notebook with python3 kernelspec metadata (no picker dialog)."""
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
        "cells": [
            {
                "cell_type": "code",
                "id": f"cell-{index}",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": source,
            }
            for index, source in enumerate(cells)
        ],
    }


SMOKE_CELLS = [
    "import ipywidgets as w",
    (
        "answer = w.Textarea(description='Answer')\n"
        "answer.add_class('coachkit-answer')\n"
        "button = w.Button(description='Score')\n"
        "button.add_class('coachkit-score')\n"
        "result = w.Output()\n"
        "result.add_class('coachkit-result')\n"
        "def on_score(_):\n"
        "    result.append_stdout(f'scored {len(answer.value.split())} words')\n"
        "button.on_click(on_score)\n"
        "w.VBox([answer, button, result])"
    ),
]


def write_smoke_notebook(path: Path) -> Path:
    """A throwaway widget notebook: checks the harness, not coachkit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook_json(SMOKE_CELLS), indent=1), encoding="utf-8")
    return path
