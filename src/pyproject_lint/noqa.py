"""``# noqa`` comments: what they suppress, the ones that suppress nothing (PPL005), and
adding them for what is reported (``--add-noqa``)."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Optional

from . import config
from .diagnostics import Diagnostic, Edit, Fix
from .document import Document
from .rules import RULES_BY_CODE
from .rules.file import UnusedNoqa

if TYPE_CHECKING:
    from typing import NamedTuple as Record

    from .engine import LintResult
else:
    from .records import Record


class Lexed(Record):
    """Where a TOML text's comments and strings are, read lexically (no parse needed)."""

    comments: frozenset[int]
    """The offsets of the ``#`` that start a comment."""
    strings: tuple[tuple[int, int], ...]
    """``(start, end)`` of each string, quotes included, in order."""

    def in_string(self, offset: int) -> bool:
        """Whether ``offset`` is inside a string (strings do not overlap: the last one that
        starts before it is the only one that may hold it)."""
        index = bisect.bisect_left(self.strings, (offset,)) - 1
        return index >= 0 and offset < self.strings[index][1]


def lex(text: str) -> Lexed:
    """Comments and strings of ``text``: a ``#`` inside a basic, literal or multi-line string
    is text, and so is a quote inside a comment."""
    comments = set()
    strings = []
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if char == "#":
            comments.add(index)
            index = text.find("\n", index)
            if index == -1:
                break
        elif char in "\"'":
            start = index
            triple = text.startswith(char * 3, index)
            close = char * 3 if triple else char
            index += len(close)
            while index < end:
                if char == '"' and text[index] == "\\":
                    index += 2
                    continue
                if text.startswith(close, index):
                    index += len(close)
                    while triple and index < end and text[index] == char:
                        index += 1  # up to two more quotes belong to the string: `""""x"""""`
                    break
                if not triple and text[index] == "\n":
                    break  # an unterminated one-line string: the file does not parse anyway
                index += 1
            strings.append((start, index))
            continue
        index += 1
    return Lexed(frozenset(comments), tuple(strings))


def is_in_string(document: Document, offset: int) -> bool:
    """Whether ``offset`` falls inside a string (so a ``#`` there starts no comment)."""
    return lex(document.text).in_string(offset)


def suppressed(document: Document, diagnostic: Diagnostic) -> bool:
    line_number = document.lines.line_of(max(diagnostic.start, 0))
    line = document.lines.line_text(line_number + 1)
    codes = config.noqa_codes(line)
    if codes is None or (codes and diagnostic.code not in codes):
        return False
    comment_at = config.noqa_offset(line)
    assert comment_at is not None
    if document.data is None:
        return True
    return not is_in_string(document, document.lines.starts[line_number] + comment_at)


def comments(document: Document) -> dict[int, re.Match[str]]:
    """The ``# noqa`` directives by 0-based line (a ``# noqa`` inside a string is none)."""
    if "noqa" not in document.text.lower():
        return {}
    found = {}
    lines = document.lines
    starts = lex(document.text).comments
    for index, start in enumerate(lines.starts):
        match = config.noqa_match(lines.line_text(index + 1))
        if match is not None and start + match.start() in starts:
            found[index] = match
    return found


def apply(document: Document, diagnostics: list[Diagnostic], enabled: frozenset[str]) -> list[Diagnostic]:
    """The diagnostics no ``# noqa`` suppresses, and PPL005 for the codes that suppressed nothing."""
    found = comments(document)
    if not found:
        return diagnostics
    used: dict[int, set[str]] = {}
    kept = []
    for diagnostic in diagnostics:
        line = document.lines.line_of(max(diagnostic.start, 0))
        match = found.get(line)
        codes = match and match.group("codes")
        if match is not None and (not codes or diagnostic.code in config.split_codes(codes)):
            used.setdefault(line, set()).add(diagnostic.code)
        else:
            kept.append(diagnostic)
    if UnusedNoqa.code in enabled:
        for line, match in found.items():
            unused = _unused(document, line, match, used.get(line, set()), enabled)
            if unused is not None:
                kept.append(unused)
    return kept


def _unused(
    document: Document, line: int, match: re.Match[str], used: set[str], enabled: frozenset[str]
) -> Optional[Diagnostic]:
    start = document.lines.starts[line]
    line_text = document.lines.line_text(line + 1)
    codes = match.group("codes")
    listed = config.split_codes(codes) if codes else []
    if listed:
        unknown = [code for code in listed if code.startswith("PPL") and code not in RULES_BY_CODE]
        idle = [code for code in listed if code in enabled and code not in used]
        if not unknown and not idle:
            return None
        parts = [f"`{code}` reports nothing here" for code in idle] + [f"`{code}` names no rule" for code in unknown]
        message = f"Unused `noqa` directive: {'; '.join(parts)}"
        remaining = [code for code in listed if code not in idle and code not in unknown]
    elif used:
        return None
    else:
        message = "Unused blanket `noqa` directive: no enabled rule reports on this line"
        remaining = []
    if remaining:
        fix = Fix.safe(
            f"Keep only {', '.join(f'`{code}`' for code in remaining)}",
            Edit(start + match.start("codes"), start + match.end("codes"), ", ".join(remaining)),
        )
    elif line_text[match.end():].strip():
        fix = None  # the comment says more after the directive: the reader decides
    else:
        before = line_text[: match.start()]
        cut = len(before.rstrip(" \t")) if before.strip() else match.start()
        fix = Fix.safe("Remove the `noqa` comment", Edit(start + cut, start + match.end()))
    return Diagnostic(UnusedNoqa.code, UnusedNoqa.name, UnusedNoqa.severity, message, start + match.start(), start + match.end(), fix)


def add(result: LintResult) -> tuple[list[Edit], int]:
    """The edits that add a ``# noqa`` for every finding of ``result`` (merged into a
    directive already on the line), and how many lines they change. A finding on a line
    that ends inside a multi-line string is left: a comment there would be string text."""
    document = result.document
    if document.data is None:
        return [], 0
    wanted: dict[int, set[str]] = {}
    for diagnostic in result.diagnostics:
        if diagnostic.code != UnusedNoqa.code:
            wanted.setdefault(document.lines.line_of(max(diagnostic.start, 0)), set()).add(diagnostic.code)
    existing = comments(document)
    edits = []
    for line, codes in sorted(wanted.items()):
        start = document.lines.starts[line]
        text = document.lines.line_text(line + 1)
        content = text.rstrip("\r\n")
        match = existing.get(line)
        if match is not None:
            listed = match.group("codes")
            if not listed:
                continue  # a bare directive already covers the line
            merged = ", ".join(sorted(set(config.split_codes(listed)) | codes))
            edits.append(Edit(start + match.start("codes"), start + match.end("codes"), merged))
            continue
        end = start + len(content.rstrip(" \t"))
        if is_in_string(document, start + len(content)):
            continue
        edits.append(Edit(end, end, f"  # noqa: {', '.join(sorted(codes))}"))
    return edits, len(edits)
