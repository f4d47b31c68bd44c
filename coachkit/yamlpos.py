"""Reading YAML the user wrote: one loader, and where a value sits so an error can
name the line to fix."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

__all__ = ["Loader", "line_of"]

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
