"""Where a value sits in a YAML file, so an error can name the line to fix."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

__all__ = ["line_of"]


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
