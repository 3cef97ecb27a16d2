"""``# noqa`` comments: what they suppress, the ones that suppress nothing (PPL005), and
adding them for what is reported (``--add-noqa``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from . import config
from .diagnostics import Diagnostic, Edit, Fix
from .document import Document
from .rules import RULES_BY_CODE
from .rules.file import UnusedNoqa

if TYPE_CHECKING:
    from .engine import LintResult


def is_in_string(document: Document, offset: int) -> bool:
    """Whether ``offset`` falls inside a string value (so a ``#`` there is no comment)."""
    for node in document.spans.nodes.values():
        value = node.value
        if value is not None and node.is_leaf and value.start < offset < value.end:
            return True
    return False


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
    for index, start in enumerate(lines.starts):
        match = config.noqa_match(lines.line_text(index + 1))
        if match is not None and not is_in_string(document, start + match.start()):
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
