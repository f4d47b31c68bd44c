"""What the settings view renders: a profile's settings, how to add one or set its key,
and how a saved setting reaches what is open already."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..config import ENV_PREFIX, LOCAL, Config, mask_params, resolve_env_refs
from .parts import in_voila

__all__ = ["how_to_add", "key_hint", "profile_html", "reach_open", "run_again", "server_name"]


def run_again() -> str:
    """How to show this view again once a file is fixed: a Voila page has no cells."""
    return "reload this page" if in_voila() else "re-run this cell"


def server_name() -> str:
    """What to restart for the environment to reach the kernels."""
    return "Voila" if in_voila() else "Jupyter"


def reach_open(running: str) -> str:
    """How a saved setting reaches views open already: in JupyterLab the ``running``
    ones ("kernels") restart; in Voila each page has a kernel of its own, which a reload
    replaces."""
    if in_voila():
        return "Reload the pages open already to use it there."
    return f"Restart running {running} to use it there."


def profile_html(config: Config, name: str, shared: Path | None = None) -> str:
    """The profile's settings (secrets masked), and how to set a key it reads that is unset;
    ``shared``: the shared config (COACHKIT_CONFIG) every profile then comes from."""
    if name == LOCAL:
        return (
            "<p><b>local</b>: the offline scorer. No network, no key, deterministic: the same "
            "answer always gets the same score.</p>"
        )
    entry = config.entry(name)
    _resolved, missing = resolve_env_refs(entry.litellm_params)
    rows = []
    for key, value in mask_params(entry.litellm_params).items():
        shown = escape(str(value))
        if isinstance(value, str) and value.startswith(ENV_PREFIX):
            var = value[len(ENV_PREFIX) :]
            state = (
                '<span class="ck-miss">not set</span>'
                if var in missing
                else '<span class="ck-ok">set</span>'
            )
            shown = f"from ${escape(var)} ({state})"
        rows.append(f"<tr><td>{escape(key)}</td><td>{shown}</td></tr>")
    return (
        f"<p><b>{escape(name)}</b>: {escape(entry.model)}</p>"
        f'<table class="ck-table"><tbody>{"".join(rows)}</tbody></table>'
        f"{key_hint(missing, shared)}"
    )


# A profile to start from: its key is named, never written (the README has more).
_EXAMPLE = """scorer: gpt
model_list:
  - model_name: gpt
    litellm_params: {model: openai/gpt-4o-mini, api_key: os.environ/OPENAI_API_KEY}"""


def how_to_add(path: Path, shared: Path | None) -> str:
    """How to add an LLM profile, with no scorer but the offline one set up: a notebook
    copied onto a hub, or a Voila page, has no README beside it to look in."""
    if shared is not None:  # the profiles are the shared file's, kept by the coach
        return (
            f'<p class="ck-muted">To score with an LLM, a profile is added to the shared '
            f"config, {escape(str(shared))}, by whoever keeps it (your coach).</p>"
        )
    return (
        '<p class="ck-muted">To score with an LLM, add a profile to '
        f'{escape(str(path))}, e.g.</p><pre class="ck-code">{escape(_EXAMPLE)}</pre>'
        '<p class="ck-muted">with the key in the environment variable it names, not in the '
        "file (the README's Scoring with an LLM has Anthropic, Ollama, vLLM and proxy "
        "profiles), then press Test connection.</p>"
    )


def key_hint(missing: list[str], shared: Path | None = None) -> str:
    """How to set the variables a profile needs and nobody set ("" when none is missing).

    Under a shared config (a cohort's hub) the key is its keeper's to provide, from the
    hub's environment: a cohort member told only to paste a key has none to paste.
    """
    if not missing:
        return ""
    names = ", ".join(escape(v) for v in missing)
    if in_voila():  # a page has no cell: its kernel has the environment Voila started with
        own = "export it in the shell that starts Voila and restart Voila"
    else:
        # Keys are read at every call: set in this kernel, one works at once. getpass
        # keeps it out of the notebook file, which %env or a literal would not.
        own = (
            "run <code>import os, getpass; "
            f"os.environ[{escape(repr(missing[0]))}] = getpass.getpass()</code> in a cell (the "
            "key is not saved in the notebook), or export it in the shell that starts Jupyter "
            "and restart Jupyter"
        )
    if shared is None:
        return f'<p class="ck-warn">Set {names}: {own}.</p>'
    return (
        f'<p class="ck-warn">{names} {"is" if len(missing) == 1 else "are"} not set. This '
        f"profile comes from the shared config, {escape(str(shared))}: ask whoever keeps it "
        "(your coach) to set it in the hub's environment for everyone. With a key of your "
        f"own, {own}.</p>"
    )
