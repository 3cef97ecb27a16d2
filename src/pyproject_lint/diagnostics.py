"""What a rule reports: a diagnostic at a span, maybe with a fix made of text edits."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Optional

from .document import BOM_OFFSET

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


class Severity(str, enum.Enum):
    """``error``: a front end fails or builds the wrong thing; ``warning``: fragile."""

    ERROR = "error"
    WARNING = "warning"


class Applicability(str, enum.Enum):
    """Whether ``--fix`` may apply a fix on its own (ruff's three levels)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Edit(Record):
    """Replace ``text[start:end]`` with ``content``.

    Offsets are into the decoded text, which excludes a byte order mark; ``BOM_OFFSET``
    is the byte order mark itself (only the fix that removes it uses it).
    """

    start: int
    end: int
    content: str = ""


class Fix(Record):
    """A titled set of edits, applied together or not at all."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def safe(cls, title: str, *edits: Edit) -> Fix:
        return cls(title, edits, Applicability.SAFE)

    @classmethod
    def unsafe(cls, title: str, *edits: Edit) -> Fix:
        return cls(title, edits, Applicability.UNSAFE)

    @classmethod
    def display_only(cls, title: str) -> Fix:
        return cls(title, (), Applicability.DISPLAY_ONLY)


class Diagnostic(Record):
    """One finding of one rule, at ``text[start:end]``."""

    code: str
    name: str
    severity: Severity
    message: str
    start: int
    end: int
    fix: Optional[Fix] = None
    pythons: tuple[str, ...] = ()
    """The Pythons (``"3.12"``) the finding is about, when it is not about every one."""


def apply_edits(text: str, edits: Iterable[Edit], bom: bool = False) -> tuple[str, bool]:
    """Apply non-overlapping edits to ``text``; returns the new text and whether a BOM remains.

    Raises ``ValueError`` when two edits overlap (two insertions at one offset are allowed
    and kept in the order given).
    """
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    pieces: list[str] = []
    cursor = 0
    for edit in ordered:
        if edit.start == BOM_OFFSET:
            bom = False
            start = 0
        else:
            start = edit.start
        if start < cursor or edit.end < start or edit.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit {edit!r}")
        pieces.append(text[cursor:start])
        pieces.append(edit.content)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), bom
