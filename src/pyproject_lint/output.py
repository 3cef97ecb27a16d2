"""Render lint results for people (``text``) and programs (``json``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Optional

from .diagnostics import Diagnostic, Edit, Severity
from .engine import LintResult

FORMATS = ("text", "json")


def format_text(name: str, result: LintResult) -> list[str]:
    """One line per diagnostic; ``[*]`` marks those that ``--fix`` would fix."""
    lines = []
    for diagnostic in result.diagnostics:
        line, column = result.position(diagnostic.start)
        marker = " [*]" if result.policy.applies(diagnostic) else ""
        lines.append(
            f"{name}:{line}:{column}: {diagnostic.code} [{diagnostic.severity.value}]{marker} {diagnostic.message}"
        )
    return lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def summary(results: Sequence[tuple[str, LintResult]], fixed: Optional[int] = None) -> str:
    """The closing lines; ``fixed`` is how many fixes ``--fix`` applied (``None``: no ``--fix``)."""
    diagnostics = [(result.policy, d) for _, result in results for d in result.diagnostics]
    errors = sum(d.severity is Severity.ERROR for _, d in diagnostics)
    counts = f"{_plural(errors, 'error')}, {_plural(len(diagnostics) - errors, 'warning')}"
    if fixed:
        found = _plural(fixed + len(diagnostics), "problem")
        lines = [f"Found {found} ({fixed} fixed, {len(diagnostics)} remaining{': ' + counts if diagnostics else ''})."]
    elif not diagnostics:
        return "All checks passed!"
    else:
        lines = [f"Found {_plural(len(diagnostics), 'problem')} ({counts})."]
    fixable = sum(policy.applies(d) for policy, d in diagnostics)
    hidden = sum(policy.hidden(d) for policy, d in diagnostics)
    hint = f" ({hidden} hidden fix{'es' * (hidden != 1)} can be enabled with the `--unsafe-fixes` option)" if hidden else ""
    if fixable and fixed is None:
        lines.append(f"[*] {fixable} fixable with the `--fix` option{hint}.")
    elif hidden:
        lines.append(f"No fixes available{hint}.")
    return "\n".join(lines)


def statistics(results: Sequence[tuple[str, LintResult]]) -> list[str]:
    counts: Counter[tuple[str, str, bool]] = Counter()
    for _, result in results:
        for d in result.diagnostics:
            counts[(d.code, d.name, result.policy.applies(d))] += 1
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
            "applicability": (result.policy.applicability(diagnostic) or fix.applicability).value,
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


def unified_diff(name: str, before: bytes, after: bytes) -> str:
    """The change from ``before`` to ``after`` (both UTF-8) as a unified diff, as ``git diff`` marks it."""
    import difflib  # only for --diff

    lines = difflib.unified_diff(
        _lines(before.decode("utf-8")),
        _lines(after.decode("utf-8")),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n" for line in lines)


def _lines(text: str) -> list[str]:
    """TOML's lines, each with its ending (``str.splitlines`` also splits at U+2028 and such)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
