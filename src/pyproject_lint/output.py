"""Render lint results for people (``text``) and programs (``json``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .diagnostics import Applicability, Diagnostic, Edit, Severity
from .engine import LintResult

FORMATS = ("text", "json")


def _has_fix(diagnostic: Diagnostic) -> bool:
    return diagnostic.fix is not None and diagnostic.fix.applicability is not Applicability.DISPLAY_ONLY


def format_text(name: str, result: LintResult) -> list[str]:
    lines = []
    for diagnostic in result.diagnostics:
        line, column = result.position(diagnostic.start)
        marker = " [*]" if _has_fix(diagnostic) else ""
        lines.append(
            f"{name}:{line}:{column}: {diagnostic.code} [{diagnostic.severity.value}]{marker} {diagnostic.message}"
        )
    return lines


def summary(results: Sequence[tuple[str, LintResult]]) -> str:
    diagnostics = [d for _, result in results for d in result.diagnostics]
    if not diagnostics:
        return "All checks passed!"
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}", f"{warnings} warning{'s' * (warnings != 1)}"]
    text = f"Found {len(diagnostics)} problem{'s' * (len(diagnostics) != 1)} ({', '.join(parts)})."
    fixable = sum(_has_fix(d) for d in diagnostics)
    if fixable:
        text += f"\n[*] {fixable} with a fix suggestion (shown in `--output-format json`)."
    return text


def statistics(results: Sequence[tuple[str, LintResult]]) -> list[str]:
    counts: Counter[tuple[str, str, bool]] = Counter()
    for _, result in results:
        for d in result.diagnostics:
            counts[(d.code, d.name, _has_fix(d))] += 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    return [
        f"{count:>{width}}\t{code}\t{'[*]' if fixable else '[ ]'} {name}"
        for (code, name, fixable), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _edit_json(result: LintResult, edit: Edit) -> dict[str, Any]:
    if edit.start == -1:  # the byte order mark, before line 1 column 1
        start_line, start_column = 1, 0
    else:
        start_line, start_column = result.position(edit.start)
    end_line, end_column = result.position(edit.end)
    return {
        "content": edit.content,
        "line": start_line,
        "column": start_column,
        "end_line": end_line,
        "end_column": end_column,
    }


def diagnostic_json(name: str, result: LintResult, diagnostic: Diagnostic) -> dict[str, Any]:
    line, column = result.position(diagnostic.start)
    end_line, end_column = result.position(diagnostic.end)
    fix = diagnostic.fix
    return {
        "filename": name,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "fix": None
        if fix is None
        else {
            "title": fix.title,
            "applicability": fix.applicability.value,
            "edits": [_edit_json(result, edit) for edit in fix.edits],
        },
    }


def format_json(results: Sequence[tuple[str, LintResult]]) -> str:
    import json  # only for this format

    return json.dumps(
        [diagnostic_json(name, result, d) for name, result in results for d in result.diagnostics],
        indent=2,
        ensure_ascii=False,
    )
