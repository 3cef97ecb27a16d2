"""Where each TOML item sits in the source, keyed by its TOML path.

The index is filled by :mod:`pyproject_lint.span_parser` (which needs tomlkit); this
module only describes it, so that importing it costs nothing. A path is a tuple of keys and
array indices, for example ``("build-system", "requires", 0)``; array-of-tables elements
take their index like array elements (``("tool", "x", 0, "name")``).

Paths, not object identities, are the keys: tomlkit merges split and dotted tables into
shared objects, so an item's identity does not tell where it was written.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, Optional, Union

from ._compat import tomllib

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


PathPart = Union[str, int]
TomlPath = tuple[PathPart, ...]


class Span(Record):
    """A half-open range of character offsets into the decoded text."""

    start: int
    end: int


class Node:
    """What was written for one TOML path.

    ``header`` is the ``[table]`` or ``[[array]]`` text of a table; ``key`` the whole (maybe
    dotted) key of a key/value pair and ``name`` its last fragment; ``value`` the value text
    of a key/value pair or an array element.
    """

    __slots__ = ("header", "is_leaf", "key", "name", "order", "path", "value")

    def __init__(self, path: TomlPath, order: int = 0) -> None:
        self.path = path
        self.order = order
        self.header: Optional[Span] = None
        self.key: Optional[Span] = None
        self.name: Optional[Span] = None
        self.value: Optional[Span] = None
        self.is_leaf = False

    def __repr__(self) -> str:
        spans = ", ".join(f"{slot}={getattr(self, slot)!r}" for slot in ("header", "key", "value") if getattr(self, slot))
        return f"Node({self.path!r}{', ' if spans else ''}{spans})"


class SpanIndex:
    """Spans of every header, key and array element, keyed by TOML path."""

    __slots__ = ("nodes",)

    def __init__(self) -> None:
        self.nodes: dict[TomlPath, Node] = {}

    def get(self, path: TomlPath) -> Optional[Node]:
        return self.nodes.get(path)

    def children(self, path: TomlPath) -> list[Node]:
        """Direct children of ``path`` in source order (including implicit ones' descendants)."""
        depth = len(path)
        found = [
            node for p, node in self.nodes.items() if len(p) == depth + 1 and p[:depth] == path
        ]
        return sorted(found, key=lambda node: node.order)

    def first_descendant(self, path: TomlPath) -> Optional[Node]:
        depth = len(path)
        best: Optional[Node] = None
        for p, node in self.nodes.items():
            if len(p) > depth and p[:depth] == path and (best is None or node.order < best.order):
                best = node
        return best

    def locate(self, path: TomlPath) -> Span:
        """The most specific written place for ``path``.

        The value of a key/value pair or an element, else a table's header, else (for an
        implicit table) its first descendant, else the nearest written ancestor, else the
        start of the file.
        """
        for depth in range(len(path), -1, -1):
            prefix = path[:depth]
            node = self.nodes.get(prefix)
            if node is not None:
                span = node.value or node.header or node.key
                if span is not None:
                    return span
            if prefix:
                descendant = self.first_descendant(prefix)
                if descendant is not None:
                    return descendant.header or descendant.key or descendant.value or Span(0, 0)
        return Span(0, 0)

    def locate_key(self, path: TomlPath) -> Span:
        """The key (or header) of ``path``, falling back like :meth:`locate`."""
        node = self.nodes.get(path)
        if node is not None:
            span = node.header or node.key
            if span is not None:
                return span
        return self.locate(path)


#: What may change inside a quoted value without moving any token boundary: anything but
#: quotes, backslashes (which escape a quote) and line breaks.
_STRING_UNSAFE = frozenset("\"'\\\r\n")
#: What may change inside a bare value (number, boolean, date): characters that neither end
#: nor start a token.
_BARE_SAFE = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.:+-")


def same_value(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (``1 == True == 1.0`` in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_value(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    return bool(a == b) or (isinstance(a, float) and math.isnan(a) and math.isnan(b))


def _value_at(data: object, path: TomlPath) -> tuple[bool, object]:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return False, None
    return True, data


def _shift(span: Optional[Span], edit_start: int, edit_end: int, delta: int) -> Optional[Span]:
    if span is None or span.end < edit_end:
        return span  # before the edit (spans that hold it reach past its end)
    if span.start >= edit_end:
        return Span(span.start + delta, span.end + delta)
    return Span(span.start, span.end + delta)  # holds the edit


def respan(index: SpanIndex, old_text: str, new_text: str, new_data: dict[str, object]) -> Optional[SpanIndex]:
    """``index`` (the spans of ``old_text``) moved to ``new_text``, or ``None`` if unsure.

    An editor's typical change is a few characters inside one value. When the change lies
    strictly inside one leaf value (its first and last characters, the quotes of a string,
    untouched), changes no character that could end or start a token, and the new value
    text reads back as the value ``new_data`` holds at that path, every span keeps its
    place: those after the change move by its length, those holding it grow. Anything else
    returns ``None``, and the caller parses again.
    """
    limit = min(len(old_text), len(new_text))
    start = 0
    while start < limit and old_text[start] == new_text[start]:
        start += 1
    suffix = 0
    while suffix < limit - start and old_text[-1 - suffix] == new_text[-1 - suffix]:
        suffix += 1
    old_end, new_end = len(old_text) - suffix, len(new_text) - suffix
    if start == old_end == new_end:
        return index  # the same text
    leaf = next(
        (
            node for node in index.nodes.values()
            if node.is_leaf and node.value is not None and node.value.start < start and old_end < node.value.end
        ),
        None,
    )
    if leaf is None or leaf.value is None:
        return None
    changed = old_text[start:old_end] + new_text[start:new_end]
    if old_text[leaf.value.start] in "\"'":
        if not _STRING_UNSAFE.isdisjoint(changed):
            return None
    elif not _BARE_SAFE.issuperset(changed):
        return None
    delta = new_end - old_end
    from ._compat import tomllib

    try:
        read_back = tomllib.loads("v = " + new_text[leaf.value.start : leaf.value.end + delta])["v"]
    except tomllib.TOMLDecodeError:
        return None
    found, value = _value_at(new_data, leaf.path)
    if not found or not same_value(value, read_back):
        return None
    moved = SpanIndex()
    for path, node in index.nodes.items():
        copy = Node(path, node.order)
        copy.header = _shift(node.header, start, old_end, delta)
        copy.key = _shift(node.key, start, old_end, delta)
        copy.name = _shift(node.name, start, old_end, delta)
        copy.value = _shift(node.value, start, old_end, delta)
        copy.is_leaf = node.is_leaf
        moved.nodes[path] = copy
    return moved


# Table headers without a parse --------------------------------------------------------------

_CANDIDATE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


#: A header line whose first key is bare (most are); others are read by tomllib.
_BARE = r"[A-Za-z0-9_-]+"
_DOTTED_REST = rf"""(?:[ \t]*\.[ \t]*(?:{_BARE}|"[^"\\]*"|'[^']*'))*"""
_SIMPLE_HEADER = re.compile(
    rf"[ \t]*(?:\[\[[ \t]*(?P<array>{_BARE}){_DOTTED_REST}[ \t]*\]\]|\[[ \t]*(?P<table>{_BARE}){_DOTTED_REST}[ \t]*\])"
    r"[ \t]*(?:#[^\n]*)?"
)


def _first_key(line: str) -> Optional[str]:
    """The first key of a table header line, or ``None`` if the line is no header."""
    simple = _SIMPLE_HEADER.fullmatch(line)
    if simple is not None:
        return simple.group("array") or simple.group("table")
    try:
        parsed = tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return None  # `[1, 2],` inside a multi-line array, say
    return next(iter(parsed), None) if len(parsed) == 1 else None


def header_candidates(text: str) -> list[tuple[int, str]]:
    """``(line start, first key)`` of each line that reads as a table header on its own.

    Every header is one, but so may be a line inside a multi-line string or array
    (``["a"]``); callers check what they build from them.
    """
    found = []
    for match in _CANDIDATE_HEADER.finditer(text):
        line_start = match.start()
        line_end = text.find("\n", line_start)
        key = _first_key(text[line_start : len(text) if line_end == -1 else line_end].rstrip("\r"))
        if key is not None:
            found.append((line_start, key))
    return found


def first_header(text: str) -> Optional[int]:
    """The line start of the first table header of ``text`` (valid TOML), or ``None``.

    A candidate is the first header when the text before it reads as TOML by itself: a
    candidate inside a multi-line string or array leaves that text unterminated.
    """
    for line_start, _ in header_candidates(text):
        try:
            tomllib.loads(text[:line_start])
        except tomllib.TOMLDecodeError:
            continue
        return line_start
    return None
