"""The output formats other tools read: ``json-lines``, ``junit``, ``gitlab``, ``pylint``,
``rdjson`` and ``azure``; and ``grouped``, for people. Imported only when one is chosen.

Each format follows its consumer's specification, and the tests check it with that
consumer's schema or parser:

- ``gitlab``: GitLab's Code Quality report (a subset of Code Climate's), which GitLab
  validates with ``app/validators/json_schemas/codeclimate.json`` and keys by
  ``fingerprint``: https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
- ``rdjson``: reviewdog's Diagnostic Format, ``DiagnosticResult``; its columns count UTF-8
  bytes: https://github.com/reviewdog/reviewdog/tree/master/proto/rdf
- ``junit``: JUnit XML, one ``testsuite`` per file and a failing ``testcase`` per finding.
- ``pylint``: pylint's ``parseable`` template, ``{path}:{line}: [{msg_id}({symbol}), {obj}] {msg}``.
- ``azure``: Azure Pipelines' ``task.logissue`` logging command:
  https://learn.microsoft.com/azure/devops/pipelines/scripts/logging-commands
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from typing import Any

from .diagnostics import Diagnostic, Severity
from .docs import rule_url
from .engine import LintResult
from .output import PLAIN, Style, diagnostic_json

Results = Sequence[tuple[str, LintResult]]


def _findings(results: Results) -> Iterator[tuple[str, LintResult, Diagnostic]]:
    for name, result in results:
        for diagnostic in result.diagnostics:
            yield name, result, diagnostic


def format_grouped(results: Results, style: Style = PLAIN) -> list[str]:
    """The findings under their file's name, each as ``line:col CODE [*] message``; a blank
    line after each file."""
    lines: list[str] = []
    for name, result in results:
        if not result.diagnostics:
            continue
        lines.append(style.bold(f"{name}:"))
        places = [result.position(d.start) for d in result.diagnostics]
        width = max(len(f"{line}:{column}") for line, column in places)
        for diagnostic, (line, column) in zip(result.diagnostics, places):
            marker = " " + style.fixable("[*]") if result.policy.applies(diagnostic) else ""
            severity = style.severity(diagnostic.severity, f"[{diagnostic.severity.value}]")
            where = f"{line}:{column}".ljust(width)
            lines.append(f"  {where} {style.bold(diagnostic.code)} {severity}{marker} {diagnostic.message}")
        lines.append("")
    return lines


def format_json_lines(results: Results) -> list[str]:
    """The ``json`` format's objects, one per line."""
    return [
        json.dumps(diagnostic_json(name, result, diagnostic), ensure_ascii=False, separators=(",", ":"))
        for name, result, diagnostic in _findings(results)
    ]


def format_pylint(results: Results) -> list[str]:
    return [
        f"{name}:{result.position(d.start)[0]}: [{d.code}({d.name}), ] {d.message}"
        for name, result, d in _findings(results)
    ]


def _azure_escape(text: str) -> str:
    """Escape for a logging command (its properties and its message alike)."""
    for token, replacement in (("%", "%AZP25"), (";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D")):
        text = text.replace(token, replacement)
    return text


def format_azure(results: Results) -> list[str]:
    lines = []
    for name, result, d in _findings(results):
        line, column = result.position(d.start)
        kind = "error" if d.severity is Severity.ERROR else "warning"
        properties = f"type={kind};sourcepath={_azure_escape(name)};linenumber={line};columnnumber={column};code={d.code};"
        lines.append(f"##vso[task.logissue {properties}]{_azure_escape(d.message)}")
    return lines


def _gitlab_path(name: str) -> str:
    """The path relative to the project's folder (``CI_PROJECT_DIR``), as GitLab wants it."""
    project = os.environ.get("CI_PROJECT_DIR")
    if project and os.path.isabs(name):
        name = os.path.relpath(name, project)
    name = name.replace(os.sep, "/")
    return name[2:] if name.startswith("./") else name


def format_gitlab(results: Results) -> str:
    """GitLab Code Quality: a JSON array of issues, each with a fingerprint that stays the
    same from run to run while the finding does (its rule, file and message, not its line),
    and is unique within the report: GitLab keeps one issue per fingerprint."""
    import hashlib

    issues = []
    seen: set[str] = set()
    for name, result, d in _findings(results):
        path = _gitlab_path(name)
        line, column = result.position(d.start)
        end_line, end_column = result.position(d.end)
        key = f"{d.code}\0{path}\0{d.message}"
        fingerprint = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        repeat = 1
        while fingerprint in seen:  # the same finding twice in one file: number the later ones
            repeat += 1
            fingerprint = hashlib.sha256(f"{key}\0{repeat}".encode()).hexdigest()[:32]
        seen.add(fingerprint)
        issues.append(
            {
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.code}: {d.message}",
                "categories": ["Bug Risk"],
                "severity": "major" if d.severity is Severity.ERROR else "minor",
                "fingerprint": fingerprint,
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": line, "column": column},
                        "end": {"line": end_line, "column": end_column},
                    },
                },
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False)


def _utf8_position(result: LintResult, offset: int) -> dict[str, int]:
    """Line and column (1-based, the column in UTF-8 bytes, as reviewdog counts)."""
    line, column = result.document.lines.utf8_position(offset)
    return {"line": line, "column": column}


def format_rdjson(results: Results) -> str:
    """reviewdog's ``rdjson``: every finding with its range, and its fix as suggestions
    when ``--fix`` would apply it."""
    diagnostics = []
    for name, result, d in _findings(results):
        entry: dict[str, Any] = {
            "message": d.message,
            "location": {
                "path": name,
                "range": {"start": _utf8_position(result, d.start), "end": _utf8_position(result, d.end)},
            },
            "severity": d.severity.name,
            "code": {"value": d.code, "url": rule_url(d.code)},
        }
        if d.fix is not None and result.policy.applies(d) and all(edit.start >= 0 for edit in d.fix.edits):
            entry["suggestions"] = [
                {
                    "range": {"start": _utf8_position(result, edit.start), "end": _utf8_position(result, edit.end)},
                    "text": edit.content,
                }
                for edit in d.fix.edits
            ]
        diagnostics.append(entry)
    log = {
        "source": {"name": "pyproject-lint", "url": "https://github.com/pyproject-lint/pyproject-lint"},
        "severity": "WARNING",
        "diagnostics": diagnostics,
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def format_junit(results: Results) -> str:
    """JUnit XML: a ``testsuite`` per file linted, a failing ``testcase`` per finding, and
    one passing ``testcase`` for a file with none."""
    from xml.etree import ElementTree as ET

    total = sum(max(len(result.diagnostics), 1) for _, result in results)
    failures = sum(len(result.diagnostics) for _, result in results)
    root = ET.Element("testsuites", name="pyproject-lint", tests=str(total), failures=str(failures), errors="0")
    for name, result in results:
        count = len(result.diagnostics)
        suite = ET.SubElement(
            root, "testsuite", name=name, tests=str(max(count, 1)), failures=str(count), errors="0", skipped="0"
        )
        if not result.diagnostics:
            ET.SubElement(suite, "testcase", name="No problems found", classname=name)
        for d in result.diagnostics:
            line, column = result.position(d.start)
            case = ET.SubElement(
                suite, "testcase", name=f"{d.code} {d.name}", classname=name, file=name, line=str(line)
            )
            failure = ET.SubElement(case, "failure", message=d.message, type=d.severity.value)
            failure.text = f"{name}:{line}:{column}: {d.code} {d.message}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
