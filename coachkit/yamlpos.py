"""Reading YAML the user wrote: one loader, and where a value sits so an error can
name the line to fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

__all__ = ["Loader", "line_of", "undecodable"]

try:  # the C loader is several times faster when PyYAML was built with it
    _Base: type[yaml.SafeLoader | yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader


class Loader(_Base):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, except that dates stay text.

    PyYAML builds a date itself and raises a bare ValueError for one that does not
    exist (2026-02-30), with no line to point at; as text it reaches pydantic,
    whose error names the field, and so the line.
    """


Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _mapping_without_repeats(loader: Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    """A mapping, refusing a key given twice: PyYAML keeps the last one silently, so a
    second `prompt:` in a question would replace the first without a word."""
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, str | int | float | bool) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"{key!r} is given twice; keep one", key_node.start_mark
            )
        seen.add(key)
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=True))


Loader.add_constructor("tag:yaml.org,2002:map", _mapping_without_repeats)


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """1-based line of the deepest node along ``path`` (mapping keys and list indexes).

    ``path`` is a pydantic error's ``loc``: the line of its last key that is in
    the file, so a bad value points at its own line and a missing field at its
    parent's. None when the text does not parse or has nothing on the path.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = int(node.start_mark.line) + 1
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if found is None:
                break
            line, node = int(found[0].start_mark.line) + 1, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            line = int(node.start_mark.line) + 1
        else:
            break
    return line


def undecodable(exc: UnicodeDecodeError) -> tuple[int, str]:
    """The 1-based line of bytes that are not UTF-8, and what to do about them."""
    data = bytes(exc.object)
    line = data[: exc.start].count(b"\n") + 1
    return line, f"byte 0x{data[exc.start]:02x} is not UTF-8 text: save the file as UTF-8"
