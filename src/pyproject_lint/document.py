"""A ``pyproject.toml`` read once: decoded text, plain data, and (lazily) spans.

The plain data comes from tomllib, the strict and fast reader that front ends use. The
span index needs tomlkit, which costs tens of milliseconds to import; it is built only
when a finding needs a position or an edit, which most files never do.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from ._compat import tomllib

if TYPE_CHECKING:
    from typing import NamedTuple as Record

    from .spans import SpanIndex
else:
    from .records import Record

BOM = "\ufeff"
#: The offset of an edit that removes the byte order mark: it sits before offset 0 (the
#: text is decoded without it). Positions of this offset are line 1, before column 1.
BOM_OFFSET = -1
#: LSP's line breaks; compiled by the editor's first use (``re`` caches it), not at import.
_LINE_BREAK = r"\r\n|\r|\n"
_TOMLLIB_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")


class LineIndex:
    """Converts character offsets to lines and columns (TOML lines end with ``\\n``)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        start = text.find("\n")
        while start != -1:
            self.starts.append(start + 1)
            start = text.find("\n", start + 1)

    def line_of(self, offset: int) -> int:
        """0-based line number of ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in code points, as the CLI and flake8 show (the
        byte order mark's edit, :data:`BOM_OFFSET`, at line 1 column 1)."""
        offset = max(offset, 0)
        line = self.line_of(offset)
        return line + 1, offset - self.starts[line] + 1

    def utf8_position(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column in UTF-8 bytes (reviewdog's)."""
        offset = max(offset, 0)
        line = self.line_of(offset)
        return line + 1, len(self.text[self.starts[line] : offset].encode("utf-8", "surrogatepass")) + 1

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column, clamped to the text."""
        line = min(max(line, 1), len(self.starts))
        start = self.starts[line - 1]
        return min(start + max(column - 1, 0), len(self.text))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


class UnitPositions:
    """Converts between offsets and (0-based line, column in ``unit``) as editors count:
    lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (LSP's rule), columns count UTF-16 code units,
    UTF-8 bytes or code points (``"utf-16"``, ``"utf-8"``, ``"utf-32"``)."""

    def __init__(self, text: str, unit: str = "utf-16") -> None:
        self.text = text
        self.unit = unit
        self.starts = [0, *(match.end() for match in re.finditer(_LINE_BREAK, text))]

    def _units(self, chars: str) -> int:
        if self.unit == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        if self.unit == "utf-32":
            return len(chars)
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, offset: int) -> tuple[int, int]:
        offset = min(max(offset, 0), len(self.text))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, self._units(self.text[self.starts[line] : offset])

    def offset(self, line: int, character: int) -> int:
        """The offset of a position; past the end of a line is its end, as LSP says."""
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        text = re.sub(_LINE_BREAK, "", self.text[start:end])
        units = 0
        for index, char in enumerate(text):
            if units >= character:
                return start + index
            units += self._units(char)
        return start + len(text)


class SyntaxProblem(Record):
    """Why the text is not valid TOML, and where (an offset into the text)."""

    message: str
    offset: int


class Document:
    """One decoded ``pyproject.toml``.

    ``text`` excludes a UTF-8 byte order mark (``bom`` records it) and keeps ``\\r\\n``.
    ``data`` is ``None`` when the text is not valid TOML (``syntax_error`` says why).
    """

    __slots__ = ("_basis", "_lines", "_scoped", "_spans", "bom", "data", "path", "syntax_error", "text")

    def __init__(self, text: str, path: Optional[Path] = None, bom: bool = False) -> None:
        self.text = text
        self.path = path
        self.bom = bom
        self.data: Optional[dict[str, Any]] = None
        self.syntax_error: Optional[SyntaxProblem] = None
        self._spans: Optional[SpanIndex] = None
        self._lines: Optional[LineIndex] = None
        self._basis: Optional[tuple[str, SpanIndex]] = None
        self._scoped: dict[str, SpanIndex] = {}

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, bom={self.bom}, syntax_error={self.syntax_error!r})"

    @classmethod
    def from_text(cls, text: str, path: Optional[Path] = None) -> Document:
        bom = text.startswith(BOM)
        if bom:
            text = text[1:]
        document = cls(text=text, path=path, bom=bom)
        try:
            document.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            document.syntax_error = document._locate_syntax_error(str(error))
        except RecursionError:
            document.syntax_error = SyntaxProblem("Document is nested too deeply to read", 0)
        return document

    def _locate_syntax_error(self, message: str) -> SyntaxProblem:
        match = _TOMLLIB_POSITION.search(message)
        if match:
            offset = self.lines.offset(int(match.group(1)), int(match.group(2)))
            return SyntaxProblem(message[: match.start()].rstrip(), offset)
        if message.endswith("(at end of document)"):
            return SyntaxProblem(message[: -len("(at end of document)")].rstrip(), len(self.text))
        return SyntaxProblem(message, 0)

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    @property
    def spans(self) -> SpanIndex:
        """Spans of every item, computed on first use (imports tomlkit).

        After :meth:`follow`, the earlier document's spans are moved over instead when the
        change between the two allows it (see :func:`~pyproject_lint.spans.respan`).
        """
        if self._spans is None:
            from .spans import SpanIndex

            if self.data is None:
                self._spans = SpanIndex()
            elif not self._moved():
                from .span_parser import index_spans

                self._spans = index_spans(self.text)
        assert self._spans is not None
        return self._spans

    def _moved(self) -> bool:
        """Take the spans of the earlier version given to :meth:`follow`, if the change
        allows; that is tried once."""
        if self._basis is None or self.data is None:
            return False
        from .spans import respan

        self._spans = respan(self._basis[1], self._basis[0], self.text, self.data)
        self._basis = None
        return self._spans is not None

    def spans_under(self, top: str) -> SpanIndex:
        """Spans that are right for every path under the top-level key ``top`` (and maybe
        others): the whole index when it is known, else one from parsing only the parts of
        the file that can define ``top`` (see :func:`~pyproject_lint.span_parser.scoped_spans`).
        """
        if self._spans is not None or self.data is None or self._moved():
            return self.spans
        scoped = self._scoped.get(top)
        if scoped is None:
            from .span_parser import scoped_spans

            scoped = scoped_spans(self.text, self.data, top)
            if scoped is None:
                return self.spans
            self._scoped[top] = scoped
        return scoped

    @property
    def has_spans(self) -> bool:
        """Whether the spans were needed (and so computed) for this document."""
        return self._spans is not None

    def follow(self, earlier: Document) -> None:
        """Let this document take its spans from ``earlier`` (an editor's previous text)."""
        if earlier._spans is not None and earlier.data is not None:
            self._basis = (earlier.text, earlier._spans)

    @property
    def newline(self) -> str:
        """The line ending this file uses (``\\r\\n`` when its first line ends so)."""
        first = self.text.find("\n")
        return "\r\n" if first > 0 and self.text[first - 1] == "\r" else "\n"


class DecodeProblem(ValueError):
    """The bytes are not UTF-8; ``offset`` is the byte offset of the first bad byte."""

    def __init__(self, reason: str, offset: int, line: int, column: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column


def decode(raw: Union[bytes, str]) -> str:
    """Decode bytes as UTF-8, keeping a byte order mark and ``\\r\\n`` as they are.

    Raises :class:`DecodeProblem` with the position of the first undecodable byte.
    """
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        good = raw[: error.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        if line == 1 and good.startswith(BOM):
            column -= 1
        return_reason = f"byte 0x{raw[error.start]:02x} is not valid UTF-8 ({error.reason})"
        raise DecodeProblem(return_reason, error.start, line, column) from None
