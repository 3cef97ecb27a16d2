"""What a rule sees: the document's data, its spans, the project folder, and the build model."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from .document import Document
from .spans import Node, Span, SpanIndex, TomlPath

if TYPE_CHECKING:
    from .model import BuildModel

_MISSING = object()


class Context:
    """One document as the rules read it. Rules do no I/O except through this."""

    def __init__(self, document: Document, project_dir: Optional[Path] = None) -> None:
        assert document.data is not None, "rules run only on valid TOML"
        self.document = document
        self.data: dict[str, Any] = document.data
        self.project_dir = project_dir

    # -- reading the data -----------------------------------------------------------
    def get(self, path: TomlPath, default: Any = None) -> Any:
        value: Any = self.data
        for part in path:
            if isinstance(value, dict) and isinstance(part, str) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return default
        return value

    def has(self, path: TomlPath) -> bool:
        return self.get(path, _MISSING) is not _MISSING

    def table(self, path: TomlPath) -> Optional[dict[str, Any]]:
        value = self.get(path)
        return value if isinstance(value, dict) else None

    # -- positions ------------------------------------------------------------------
    # The one way to a position: these pick the spans themselves (a parse of the top-level
    # table ``path`` is under when that is enough, else of the whole file); rules and edits
    # never choose. Line and column conversion, and the byte order mark, are document.py's.
    @property
    def text(self) -> str:
        return self.document.text

    def _spans(self, path: TomlPath) -> SpanIndex:
        return self.document.spans_under(path[0]) if path and isinstance(path[0], str) else self.document.spans

    def node(self, path: TomlPath) -> Optional[Node]:
        return self._spans(path).get(path)

    def locate(self, path: TomlPath) -> Span:
        return self._spans(path).locate(path)

    def locate_key(self, path: TomlPath) -> Span:
        return self._spans(path).locate_key(path)

    def children(self, path: TomlPath) -> list[Node]:
        """The items directly under the array or table at ``path``."""
        return self._spans(path).children(path)

    def first_descendant(self, path: TomlPath) -> Optional[Node]:
        return self._spans(path).first_descendant(path)

    def start_of_file(self) -> Span:
        first_line_end = self.text.find("\n")
        end = len(self.text) if first_line_end == -1 else first_line_end
        return Span(0, end - (1 if end and self.text[end - 1] == "\r" else 0))

    # -- files beside the pyproject.toml -------------------------------------------------
    def read_beside(self, relative: str) -> Optional[str]:
        """The text of a regular file beside the linted file, or ``None`` (missing, a
        folder or a FIFO, unknown folder)."""
        if self.project_dir is None:
            return None
        try:
            path = self.project_dir / relative
            return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
        except (OSError, ValueError):
            return None

    def is_dir_beside(self, relative: str) -> Optional[bool]:
        """Whether a folder exists beside the linted file (``None``: no folder to look in)."""
        if self.project_dir is None:
            return None
        try:
            return (self.project_dir / relative).is_dir()
        except (OSError, ValueError):
            return False

    def is_file_beside(self, relative: str) -> Optional[bool]:
        if self.project_dir is None:
            return None
        try:
            return (self.project_dir / relative).is_file()
        except (OSError, ValueError):
            return False

    # -- what the front ends will do -------------------------------------------------------
    @cached_property
    def model(self) -> BuildModel:
        """The build model of this document (see :mod:`pyproject_lint.model`)."""
        from .model import BuildModel

        return BuildModel(self)

    @cached_property
    def quote(self) -> str:
        """The quote the file uses for strings: that of ``requires``' entries, else the first string."""
        requires = self.get(("build-system", "requires"))
        for index, entry in enumerate(requires if isinstance(requires, list) else []):
            if not isinstance(entry, str):
                continue
            node = self.node(("build-system", "requires", index))
            if node and node.value:
                return self.text[node.value.start]
        match = re.search(r"=\s*(['\"])", self.text)
        return match.group(1) if match else '"'
