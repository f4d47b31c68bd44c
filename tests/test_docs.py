"""The README and docs/ hold together: links resolve, and the headings the app names exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"```.*?```", re.DOTALL)


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors for a page's headings: lowercased, punctuation dropped, spaces
    as hyphens, a repeated heading numbered."""
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def test_every_relative_link_in_the_readme_and_docs_resolves() -> None:
    """The reference moved from the README into docs/: a link to a page or heading
    that is not there would leave a reader at a dead end on GitHub."""
    broken = []
    for page in PAGES:
        text = _FENCE.sub("", page.read_text(encoding="utf-8"))
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            dest = (page.parent / path).resolve() if path else page
            if not dest.exists() or (anchor and anchor not in _anchors(dest)):
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert broken == []


def test_the_readme_keeps_the_headings_the_app_sends_users_to() -> None:
    """Messages in the notebooks and the CLI name these README sections by title."""
    anchors = _anchors(ROOT / "README.md")
    for title in (
        "Configuration",
        "Scoring with an LLM",
        "Answer aloud",
        "As an app, with Voila",
        "On JupyterHub, for a cohort",
    ):
        assert re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-") in anchors, title


def test_the_readme_links_every_docs_page() -> None:
    """A page no one links to is a page no one finds."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    unlinked = [p.name for p in PAGES[1:] if f"](docs/{p.name})" not in readme]
    assert unlinked == []


def test_the_config_page_lists_every_setting_with_its_default() -> None:
    """docs/config.md's table is the one place every setting is listed: one added to
    Config and not to the table would be a setting no reader finds."""
    from pydantic import BaseModel

    from coachkit.config import Config

    text = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([\w.]+)` \| `([^`]+)` \|", text, re.MULTILINE))
    expected: dict[str, object] = {}
    for name, field in Config.model_fields.items():
        if field.exclude:
            continue  # where the config came from, not a setting
        default = field.get_default(call_default_factory=True)
        if isinstance(default, BaseModel):  # a section: each of its settings
            for key, value in default.model_dump().items():
                expected[f"{name}.{key}"] = value
        else:
            expected[name] = default
    shown = {
        key: rows.get(key)
        for key in expected
        if rows.get(key) is None or not _same(rows[key], expected[key])
    }
    assert shown == {}


def _same(written: str, default: object) -> bool:
    """Whether the table's ``written`` default reads as ``default`` in YAML."""
    import yaml

    return bool(yaml.safe_load(written) == default)
