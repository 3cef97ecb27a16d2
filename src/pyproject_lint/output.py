"""Render lint results for people (``text``, ``full``), programs (``json``, ``sarif``) and
GitHub Actions (``github``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Optional

from . import __version__
from .diagnostics import Diagnostic, Edit, Severity
from .docs import rule_url
from .document import BOM_OFFSET
from .engine import LintResult

FORMATS = ("text", "full", "json", "sarif", "github")


class Style:
    """ANSI colours for a terminal; every method is the identity when ``enabled`` is false."""

    __slots__ = ("enabled",)

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def severity(self, severity: Severity, text: str) -> str:
        return self._wrap("1;31" if severity is Severity.ERROR else "1;33", text)

    def fixable(self, text: str) -> str:
        return self._wrap("36", text)

    def help(self, text: str) -> str:
        return self._wrap("32", text)


PLAIN = Style()


def format_text(name: str, result: LintResult, style: Style = PLAIN) -> list[str]:
    """One line per diagnostic; ``[*]`` marks those that ``--fix`` would fix."""
    lines = []
    for diagnostic in result.diagnostics:
        line, column = result.position(diagnostic.start)
        marker = " " + style.fixable("[*]") if result.policy.applies(diagnostic) else ""
        where = style.bold(f"{name}:{line}:{column}:")
        severity = style.severity(diagnostic.severity, f"[{diagnostic.severity.value}]")
        lines.append(f"{where} {style.bold(diagnostic.code)} {severity}{marker} {diagnostic.message}")
    return lines


def format_full(name: str, result: LintResult, style: Style = PLAIN) -> list[str]:
    """Each diagnostic's line, its source line with carets under the finding, and the fix as ``help:``."""
    out: list[str] = []
    text_lines = result.document.lines
    for diagnostic, header in zip(result.diagnostics, format_text(name, result, style)):
        line, column = result.position(diagnostic.start)
        end_line, end_column = result.position(diagnostic.end)
        source = text_lines.line_text(line).rstrip("\r\n")
        width = (end_column if end_line == line else len(source) + 1) - column
        gutter = " " * len(str(line))
        out += [
            header,
            style.dim(f"{gutter} |"),
            style.dim(f"{line} |") + f" {source}",
            style.dim(f"{gutter} |") + " " + " " * (column - 1) + style.severity(diagnostic.severity, "^" * max(width, 1)),
        ]
        if diagnostic.fix is not None:
            out.append(style.dim(f"{gutter} =") + " " + style.help("help:") + f" {diagnostic.fix.title}")
        out.append("")
    return out


def _github_escape(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def format_github(name: str, result: LintResult) -> list[str]:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
    lines = []
    for diagnostic in result.diagnostics:
        line, column = result.position(diagnostic.start)
        end_line, end_column = result.position(diagnostic.end)
        command = "error" if diagnostic.severity is Severity.ERROR else "warning"
        properties = ",".join(
            f"{key}={_github_escape(str(value), property_value=True)}"
            for key, value in (
                ("file", name), ("line", line), ("col", column), ("endLine", end_line), ("endColumn", end_column),
                ("title", diagnostic.code),
            )
        )
        lines.append(f"::{command} {properties}::{_github_escape(f'{diagnostic.code} {diagnostic.message}')}")
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
    """One row per rule: how many findings, and ``[*]`` when ``--fix`` fixes any of them."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: set[str] = set()
    for _, result in results:
        for d in result.diagnostics:
            counts[(d.code, d.name)] += 1
            if result.policy.applies(d):
                fixable.add(d.code)
    width = max((len(str(n)) for n in counts.values()), default=1)
    return [
        f"{count:>{width}}\t{code}\t{'[*]' if code in fixable else '[ ]'} {name}"
        for (code, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _edit_json(result: LintResult, edit: Edit) -> dict[str, Any]:
    if edit.start == BOM_OFFSET:  # before line 1 column 1
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
        "url": rule_url(diagnostic.code),
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


def _sarif_region(result: LintResult, start: int, end: int) -> dict[str, Any]:
    if start == BOM_OFFSET:
        return {"byteOffset": 0, "byteLength": 3}
    line, column = result.position(start)
    end_line, end_column = result.position(end)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _sarif_uri(name: str) -> str:
    from urllib.parse import quote

    return quote(name.replace("\\", "/"))


def format_sarif(results: Sequence[tuple[str, LintResult]]) -> str:
    """SARIF 2.1.0: one run, every rule's metadata and documentation, and each finding with its fix."""
    import json  # only for this format

    from .rules import ALL_RULES

    index = {rule.code: position for position, rule in enumerate(ALL_RULES)}
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.summary()},
            "help": {"text": rule.documentation(), "markdown": rule.documentation()},
            "helpUri": rule_url(rule.code),
            "defaultConfiguration": {"level": rule.severity.value},
            "properties": {"fixable": rule.is_fixable()},
        }
        for rule in ALL_RULES
    ]
    findings = []
    for name, result in results:
        uri = _sarif_uri(name)
        for diagnostic in result.diagnostics:
            finding: dict[str, Any] = {
                "ruleId": diagnostic.code,
                "ruleIndex": index[diagnostic.code],
                "level": diagnostic.severity.value,
                "message": {"text": diagnostic.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": _sarif_region(result, diagnostic.start, diagnostic.end),
                    },
                }],
            }
            fix = diagnostic.fix
            if fix is not None and fix.edits:
                finding["fixes"] = [
                    {
                        "description": {"text": fix.title},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": _sarif_region(result, edit.start, edit.end),
                                        "insertedContent": {"text": edit.content},
                                    }
                                    for edit in fix.edits
                                ],
                            }
                        ],
                    }
                ]
                finding["properties"] = {
                    "applicability": (result.policy.applicability(diagnostic) or fix.applicability).value
                }
            findings.append(finding)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pyproject-lint",
                "version": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": findings,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
