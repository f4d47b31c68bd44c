"""Reading YAML the user wrote: one loader, and where a value sits so an error can
name the line to fix."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import yaml

__all__ = ["MAX_DEPTH", "Loader", "line_of", "load", "undecodable", "yaml_problem"]

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


def _int_in_reach(loader: Loader, node: yaml.ScalarNode) -> Any:
    """An integer, refusing one past Python's digit limit (its bare ValueError names no
    line): no field coachkit reads needs a number that long."""
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:
        digits = sum(c.isdigit() for c in str(node.value))
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"a number of {digits:,} digits, more than coachkit reads "
            f"({sys.get_int_max_str_digits():,} at most): write a smaller number, or put "
            "it in quotes if it is text",
            node.start_mark,
        ) from None


Loader.add_constructor("tag:yaml.org,2002:int", _int_in_reach)


def _mapping_without_repeats(loader: Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    """A mapping, refusing a key given twice: PyYAML keeps the last one silently, so a
    second `prompt:` in a question would replace the first without a word."""
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue  # `<<: *defaults`: merged below, its keys overridable by design
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            # `? [a, b]` is YAML, but no Python dict can hold it (and no field is one).
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a key that is a list or mapping (written after `? `): make the key a "
                "field's name, followed by a colon",
                key_node.start_mark,
            ) from None
        if isinstance(key, str | int | float | bool) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"{key!r} is given twice; keep one", key_node.start_mark
            )
        seen.add(key)
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=True))


Loader.add_constructor("tag:yaml.org,2002:map", _mapping_without_repeats)


MAX_DEPTH = 100
"""How deep lists and mappings may nest in a file that could nest deep enough to hurt
(one with ``_CHECK_FROM`` or more brackets and dashes, or one that exhausts Python's
recursion): no question file or config comes near it, and far deeper ones crash the C
parser (a segfault, not an error). Shallower files are read as they are."""
# Far fewer brackets and dashes than this cannot nest deep enough to crash the C
# parser, so most files skip the (slower, pure Python) depth check.
_CHECK_FROM = 1000
_OPENS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockSequenceStartToken)
_OPENS_TOO = (yaml.BlockMappingStartToken,)
_CLOSES = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


class TooDeepError(yaml.MarkedYAMLError):
    """Nesting past MAX_DEPTH, at the line where it goes too deep."""


def load(text: str) -> Any:
    """The YAML in ``text``, read with ``Loader``; a yaml.YAMLError (with its line) for
    text that is not YAML, or that nests lists and mappings past MAX_DEPTH."""
    if sum(text.count(c) for c in ("[", "{", "- ", "? ")) >= _CHECK_FROM:
        _check_depth(text)  # before the C parser sees it
    if "*" in text:  # an alias: it may repeat an anchored value past reading
        _check_expansion(text)
    try:
        return yaml.load(text, Loader=Loader)
    except RecursionError:  # deep, but not deep enough to need the check above
        _check_depth(text)
        raise TooDeepError(problem=_TOO_DEEP) from None


_TOO_DEEP = (
    f"lists or mappings nested more than {MAX_DEPTH} deep, which no question file or config "
    "needs: look for brackets or dashes repeated by mistake"
)


MAX_VALUES = 100_000
"""How many values a file may hold once its aliases are expanded. PyYAML shares an
aliased value rather than copying it, but everything that walks the result (checks,
error messages) visits each use: nine anchors of nine aliases each ("billion laughs")
are a few hundred bytes and took minutes. The bundled bank holds a few thousand."""


def _check_expansion(text: str) -> None:
    """Refuse text whose aliases expand past MAX_VALUES values, at the line of the
    first (innermost) value that does: counted over the shared nodes, so in linear time."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return  # not YAML at all: the loader says where
    if root is None:
        return
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in size:
            continue
        children = _children(node)
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(children))
            continue
        size[id(node)] = 1 + sum(size[id(child)] for child in children)
        if size[id(node)] > MAX_VALUES:
            raise TooManyValuesError(
                problem=(
                    f"its aliases (*name) repeat values more than {MAX_VALUES:,} times, "
                    "which no question file or config needs: write the values out, or "
                    "share fewer"
                ),
                problem_mark=node.start_mark,
            )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


class TooManyValuesError(yaml.MarkedYAMLError):
    """Aliases that expand past MAX_VALUES, at the line where they first do."""


def _check_depth(text: str) -> None:
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):  # pure Python: no recursion
            if isinstance(token, _OPENS + _OPENS_TOO):
                depth += 1
                if depth > MAX_DEPTH:
                    raise TooDeepError(problem=_TOO_DEEP, problem_mark=token.start_mark)
            elif isinstance(token, _CLOSES):
                depth -= 1
    except TooDeepError:
        raise
    except yaml.YAMLError:
        return  # not YAML at all: the loader says where


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """1-based line of the deepest node along ``path`` (mapping keys and list indexes).

    ``path`` is a pydantic error's ``loc``: the line of its last key that is in
    the file, so a bad value points at its own line and a missing field at its
    parent's. None when the text does not parse or has nothing on the path.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
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


# Characters YAML refuses anywhere in a file (its "printable" set, inverted).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_NAMES = {0x00: "a NUL byte", 0x1B: "an escape character (ESC)", 0x7F: "a DEL character"}


def _open_bracket(lines: Sequence[str], at: int, column: int) -> tuple[int, str] | None:
    """The innermost '[' or '{' left open before ``column`` of line ``at`` (0-based, as
    the one returned); brackets in quotes and comments do not count."""
    opened: list[tuple[int, str]] = []
    for number, line in enumerate(lines[: at + 1]):
        end = column if number == at else len(line)
        quote, before = "", " "
        for char in line[:end]:
            if quote:
                quote = "" if char == quote and before != "\\" else quote
            elif char in "'\"" and (before in " \t[{,:" or before == char == "'"):
                quote = char  # 'it''s' closes and opens again
            elif char == "#" and before in " \t":
                break
            elif char in "[{":
                opened.append((number, char))
            elif char in "]}" and opened:
                opened.pop()
            before = char
    return opened[-1] if opened else None


# Characters YAML reads as syntax at the start of a value, and what it makes of them.
_RESERVED = {
    "*": "reads as an alias: put the whole text in quotes (or, for an alias, give an "
    "anchor that name above, as &name)",
    "&": "reads as an anchor: put the whole text in quotes",
    "!": "reads as a tag: put the whole text in quotes",
    "%": "reads as a directive: put the whole text in quotes",
    "@": "reserves: put the whole text in quotes",
    "`": "reserves: put the whole text in quotes",
}
# How the parsers word a reserved character where text was meant (the C and the Python
# parser word some apart).
_SYNTAX_SLIPS = (
    "cannot start any token",
    "alphabetic or numeric character",
    "undefined alias",
    "constructor for the tag",
)
# What comes before a value on its line: indentation, a list's dash, a field's name.
_BEFORE_VALUE = re.compile(r"\s*(?:-\s+)?(?:[^\s#'\"][^:#]*:\s+)?")


def _starts_reserved(line: str, column: int, problem: str) -> str | None:
    """What is wrong with text that starts with YAML syntax (`` `git rebase` ``, ``*Why*``,
    ``"Why" this role?``), an error on that line the parser words as a token it cannot
    start, an alias it cannot find, or a key it expected; None for any other error."""
    start = _BEFORE_VALUE.match(line)
    at = start.end() if start else 0
    first = line[at : at + 1]
    if first in _RESERVED and column >= at and any(said in problem for said in _SYNTAX_SLIPS):
        return f"text that starts with '{first}', which YAML {_RESERVED[first]}"
    expected = "expected key" in problem or "<block end>" in problem
    if first in ("'", '"') and column > at and expected:
        other = "'" if first == '"' else '"'
        return (
            f"text goes on after its closing quote ({first}): a value that starts with a quote "
            f"must end with it: put the whole text in the other quotes ({other})"
        )
    return None


_MISALIGNED = (
    "this line's indentation does not match the lines above it: line up each field with the "
    "ones beside it, and each item of a list under the first one"
)


def yaml_problem(text: str, exc: yaml.YAMLError) -> tuple[int | None, str]:
    """The 1-based line to fix and what is wrong, in words a person acts on.

    A quote or bracket left open is found only at the end of the file ("found
    unexpected end of stream", at a line past the last): the line where it was
    opened is the one to fix, as it is for a list or mapping in brackets that runs on
    into the next line. A tab is named as one (the C loader only says it "cannot start
    any token").
    """
    if isinstance(exc, yaml.reader.ReaderError):
        # No mark, and the C reader counts bytes: find the character in the text itself.
        found = _NOT_PRINTABLE.search(text)
        if found is not None:
            code = ord(found[0])
            control = code < 0x20 or 0x7F <= code <= 0x9F
            name = _CONTROL_NAMES.get(code, "a control character" if control else "a character")
            return text.count("\n", 0, found.start()) + 1, (
                f"{name} (U+{code:04X}), which YAML does not allow in a file (pasted from a "
                "terminal or a binary file, perhaps): delete it"
            )
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or "invalid YAML")
    if mark is None:
        return None, problem
    lines = text.splitlines()
    if "end of stream" in problem and context is not None:
        opened = str(getattr(exc, "context", "") or "").removeprefix("while scanning ")
        what = f"{opened} that is never closed" if opened else "something never closed"
        return context.line + 1, f"{what}: close the quote or bracket opened on this line"
    flow = str(getattr(exc, "context", "") or "")
    if flow.startswith("while parsing a flow ") and context is not None:
        # "roles: [any" runs on into the next line; the bracket to close is where it opened.
        at, bracket = context.line, "[" if "sequence" in flow else "{"
        if "node" in flow:  # a bracket with nothing after it: the mark is past it
            at, bracket = _open_bracket(lines, context.line, context.column) or (
                at,
                bracket,
            )
        kind, close = ("list", "]") if bracket == "[" else ("mapping", "}")
        return (
            at + 1,
            f"a {kind} opened here is never closed: add the '{close}' (or a comma between items)",
        )
    line = lines[mark.line] if mark.line < len(lines) else ""
    if "tab character" in problem or line[mark.column : mark.column + 1] == "\t":
        return mark.line + 1, "a tab character: YAML indents with spaces, so replace the tab"
    # A non-breaking space (pasted from a web page) is text to YAML, not indentation; the
    # error it causes is reported a line late.
    for at in (mark.line - 1, mark.line):
        if 0 <= at < len(lines) and "\u00a0" in lines[at]:
            return at + 1, (
                "a non-breaking space (pasted from a web page or a document): replace it "
                "with an ordinary space"
            )
    started = _starts_reserved(line, mark.column, problem)
    if started is not None:
        return mark.line + 1, started
    if "could not find expected ':'" in problem and context is not None:
        # Found at the next line; the field without its colon is the line before.
        return context.line + 1, (
            "a field needs a colon and a space after its name, e.g. `difficulty: easy`"
        )
    if "mapping values are not allowed" in problem and re.search(
        "[\u201c\u201d\u2018\u2019]", line
    ):
        return mark.line + 1, (
            "a colon followed by a space inside text in curly quotes (“ ”), which YAML reads "
            'as text, not as quotes: use straight quotes (") around the whole text'
        )
    if "mapping values are not allowed" in problem:
        return mark.line + 1, (
            "a colon followed by a space inside text: put the whole text in quotes, or write "
            "`>-` after the field's colon and the text on the next lines, indented"
        )
    if "expected key" in problem or "expected <block end>" in problem:
        return mark.line + 1, _MISALIGNED
    if "expected '-' indicator" in problem:
        # Inside a list: a field a space off its neighbours, or back under the dash, or
        # an item whose dash is missing.
        return mark.line + 1, f"{_MISALIGNED}; an item of a list starts with '- '"
    return min(mark.line + 1, max(len(lines), 1)), problem
