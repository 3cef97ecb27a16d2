"""Where each TOML item sits in the source, keyed by its TOML path.

The index is filled by :mod:`pyproject_lint.span_parser` (which needs tomlkit); this
module only describes it, so that importing it costs nothing. A path is a tuple of keys and
array indices, for example ``("build-system", "requires", 0)``; array-of-tables elements
take their index like array elements (``("tool", "x", 0, "name")``).

Paths, not object identities, are the keys: tomlkit merges split and dotted tables into
shared objects, so an item's identity does not tell where it was written.
"""

from __future__ import annotations

from typing import NamedTuple, Optional, Union

PathPart = Union[str, int]
TomlPath = tuple[PathPart, ...]


class Span(NamedTuple):
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
