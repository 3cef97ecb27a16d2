"""Record the span of every TOML item while tomlkit parses, keyed by TOML path.

tomlkit keeps every byte of a document but not the offsets of its items, so this module
subclasses its parser and notes where each table header, key and value starts and ends.
Only the spans are kept: edits are made on the text itself.
"""

from __future__ import annotations

import bisect
import contextlib
from typing import Any, Optional

from tomlkit.container import Container
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import Item, Key, Table, Trivia
from tomlkit.parser import Parser

from ._compat import tomllib
from .spans import Node, Span, SpanIndex, TomlPath, header_candidates, same_value

_BLANK = " \t"


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in _BLANK:
        start += 1
    while end > start and text[end - 1] in _BLANK:
        end -= 1
    return Span(start, end)


class _Frame:
    __slots__ = ("next_index", "path")

    def __init__(self, path: TomlPath) -> None:
        self.path = path
        self.next_index = 0


class SpanRecordingParser(Parser):
    """A tomlkit parser that records the span of every item it parses, by TOML path."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._text = text
        self.index = SpanIndex()
        self._order = 0
        self._table_path: TomlPath = ()
        self._aot_counts: dict[TomlPath, int] = {}
        self._frames: list[_Frame] = []
        self._capture_key = False
        self._pending_key: Optional[tuple[TomlPath, Span, Span]] = None
        self._fragments: list[Span] = []

    # -- bookkeeping ---------------------------------------------------------------
    def _node(self, path: TomlPath) -> Node:
        node = self.index.nodes.get(path)
        if node is None:
            node = Node(path, order=self._order)
            self._order += 1
            self.index.nodes[path] = node
        return node

    def _resolve_header(self, parts: tuple[str, ...], is_aot: bool) -> TomlPath:
        path: TomlPath = ()
        for position, part in enumerate(parts):
            path = (*path, part)
            if position < len(parts) - 1:
                if path in self._aot_counts:
                    path = (*path, self._aot_counts[path] - 1)
            elif is_aot:
                count = self._aot_counts.get(path, 0)
                self._aot_counts[path] = count + 1
                path = (*path, count)
        return path

    # -- tables --------------------------------------------------------------------
    def _parse_table(  # type: ignore[override]
        self, parent_name: Optional[Key] = None, parent: Optional[Item] = None
    ) -> tuple[Key, Item]:
        start = self._idx
        with self._state(save_marker=True, restore=True):
            self.inc()
            is_aot = self._current == "["
            if is_aot:
                self.inc()
            name_start = self._idx
            key = Parser._parse_key(self)
            name_end = self._idx
            end = self._idx + (2 if is_aot else 1)
        parts = tuple(part.key for part in key)
        path = self._resolve_header(parts, is_aot)
        node = self._node(path)
        node.header = Span(start, end)
        node.key = _trimmed(self._text, name_start, name_end)
        self._table_path = path
        try:
            return super()._parse_table(parent_name, parent)  # type: ignore[arg-type]
        except ParseError:
            raise
        except TOMLKitError:
            # tomlkit rejects some valid out-of-order tables while assembling its
            # containers (after the spans are recorded); the text is valid TOML.
            return key, Table(Container(True), Trivia(), is_aot)

    def parse(self) -> None:  # type: ignore[override]
        """Walk the whole text for its spans; the containers tomlkit builds are discarded."""
        while not self.end() and self._current != "[":
            if not self._parse_item():
                break
            self.mark()
        while not self.end():
            key, value = self._parse_table()
            if isinstance(value, Table) and value.is_aot_element():
                self._parse_aot(value, key)

    # -- key/value pairs -----------------------------------------------------------
    def _parse_key_value(self, parse_comment: bool = False) -> tuple[Key, Item]:
        self._capture_key = True
        return super()._parse_key_value(parse_comment)

    def _parse_key(self) -> Key:
        if not self._capture_key:
            return super()._parse_key()
        self._capture_key = False
        self._fragments = []
        start = self._idx
        key = super()._parse_key()
        base = self._frames[-1].path if self._frames else self._table_path
        path = (*base, *(part.key for part in key))
        name = self._fragments[-1] if self._fragments else Span(start, self._idx)
        self._pending_key = (path, _trimmed(self._text, start, self._idx), name)
        return key

    def _parse_simple_key(self) -> Key:
        start = self._idx
        key = super()._parse_simple_key()
        self._fragments.append(_trimmed(self._text, start, self._idx))
        return key

    # -- values --------------------------------------------------------------------
    def _parse_value(self) -> Item:
        pending = self._pending_key
        self._pending_key = None
        if pending is not None:
            path, key_span, name_span = pending
            node = self._node(path)
            node.key = key_span
            node.name = name_span
        else:
            frame = self._frames[-1]
            path = (*frame.path, frame.next_index)
            frame.next_index += 1
            node = self._node(path)
        start = self._idx
        self._frames.append(_Frame(path))
        try:
            item = super()._parse_value()
        finally:
            self._frames.pop()
        node.value = _trimmed(self._text, start, self._idx)
        node.is_leaf = self._text[start] not in "[{"
        return item


def index_spans(text: str) -> SpanIndex:
    """The span of every header, key and array element of ``text``, valid TOML.

    ``text`` must already be known to be valid TOML (the document is read with tomllib
    first). Should tomlkit still reject it, the spans recorded up to that point are
    returned: every lookup falls back to the nearest recorded ancestor.
    """
    parser = SpanRecordingParser(text)
    with contextlib.suppress(TOMLKitError, RecursionError):
        parser.parse()
    return parser.index


# Parsing only the part of the file a finding is in -----------------------------------------

def scoped_spans(text: str, data: dict[str, Any], top: str) -> Optional[SpanIndex]:
    """The spans of every item under the top-level key ``top``, from parsing only the lines
    that can define one: those before the first table header (dotted keys), and the tables
    whose header starts with ``top``. ``None`` when that cannot be shown to be right.

    Most findings are in one small table (``[build-system]``), and tomlkit takes most of a
    run's time on a large file. Lines that start with ``[`` are header candidates; the
    pieces kept are parsed together, as one document, and the result is trusted only if
    tomllib reads the same value for ``top`` from it as from the whole file (a candidate
    inside a multi-line string or array leaves an unterminated piece, which does not read).
    """
    bounds = header_candidates(text)
    pieces = [(0, bounds[0][0] if bounds else len(text))]
    for number, (line_start, key) in enumerate(bounds):
        if key == top:
            pieces.append((line_start, bounds[number + 1][0] if number + 1 < len(bounds) else len(text)))
    kept = sum(end - start for start, end in pieces)
    if kept == len(text):
        return None  # nothing to save: the caller parses the whole text
    joined = "".join(text[start:end] for start, end in pieces)
    try:
        if not same_value(tomllib.loads(joined).get(top), data.get(top)):
            return None
    except tomllib.TOMLDecodeError:
        return None
    index = index_spans(joined)
    # Offsets into `joined` back to offsets into `text`, piece by piece.
    joined_starts = []
    position = 0
    for start, end in pieces:
        joined_starts.append(position)
        position += end - start

    def moved(span: Optional[Span]) -> Optional[Span]:
        if span is None:
            return None
        piece = bisect.bisect_right(joined_starts, span.start) - 1
        shift = pieces[piece][0] - joined_starts[piece]
        return Span(span.start + shift, span.end + shift)

    for node in index.nodes.values():
        node.header, node.key, node.name, node.value = (
            moved(node.header), moved(node.key), moved(node.name), moved(node.value)
        )
    return index
