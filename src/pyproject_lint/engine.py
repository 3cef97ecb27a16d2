"""``lint``: bytes in, diagnostics out. Every front end (CLI, flake8, editor) calls this."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Optional, Union

from . import config
from .context import Context
from .diagnostics import Diagnostic
from .document import DecodeProblem, Document, decode
from .rules import ALL_RULES
from .rules.base import Rule
from .rules.file import InvalidEncoding, InvalidLinterConfig, TomlSyntaxError

PYPROJECT = "pyproject.toml"


class RuleCrashed(RuntimeError):
    """A rule raised: a bug in pyproject-lint, reported as one line, not a traceback."""


class LintResult:
    """The diagnostics for one document, and the document to place them in."""

    __slots__ = ("diagnostics", "document", "enabled")

    def __init__(self, document: Document, diagnostics: list[Diagnostic], enabled: frozenset[str]) -> None:
        self.document = document
        self.diagnostics = diagnostics
        self.enabled = enabled

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a text offset."""
        return self.document.lines.position(max(offset, 0))


def _file_diagnostic(rule: type[Rule], message: str, start: int, end: int) -> Diagnostic:
    return Diagnostic(rule.code, rule.name, rule.severity, message, start, end)


def _is_in_string(document: Document, offset: int) -> bool:
    """Whether ``offset`` falls inside a string value (so a ``#`` there is no comment)."""
    for node in document.spans.nodes.values():
        value = node.value
        if value is not None and node.is_leaf and value.start < offset < value.end:
            return True
    return False


def _suppressed(document: Document, diagnostic: Diagnostic) -> bool:
    line_number = document.lines.line_of(max(diagnostic.start, 0))
    line = document.lines.line_text(line_number + 1)
    codes = config.noqa_codes(line)
    if codes is None or (codes and diagnostic.code not in codes):
        return False
    comment_at = config.noqa_offset(line)
    assert comment_at is not None
    if document.data is None:
        return True
    return not _is_in_string(document, document.lines.starts[line_number] + comment_at)


def _undecodable(
    source: Union[bytes, str], problem: DecodeProblem, path: Optional[Path], enabled: frozenset[str]
) -> LintResult:
    """PPL002 alone, at the first byte that is not UTF-8 (shown on the text decoded leniently)."""
    assert isinstance(source, bytes)
    document = Document(text=source.decode("utf-8", errors="replace").lstrip("\ufeff"), path=path)
    start = document.lines.offset(problem.line, problem.column)
    diagnostic = _file_diagnostic(InvalidEncoding, f"File is not UTF-8: {problem.reason}", start, start + 1)
    return LintResult(document, [diagnostic] if diagnostic.code in enabled else [], enabled)


def _unparsable(document: Document, enabled: frozenset[str]) -> LintResult:
    """PPL001 alone, where the TOML reader stopped; no other rule runs."""
    problem = document.syntax_error
    assert problem is not None
    end = min(problem.offset + 1, len(document.text))
    diagnostic = _file_diagnostic(TomlSyntaxError, f"Invalid TOML: {problem.message}", problem.offset, end)
    shown = diagnostic.code in enabled and not _suppressed(document, diagnostic)
    return LintResult(document, [diagnostic] if shown else [], enabled)


def lint(
    source: Union[bytes, str],
    path: Optional[Path] = None,
    settings: Optional[config.Settings] = None,
    project_dir: Optional[Path] = None,
    rules: Sequence[type[Rule]] = ALL_RULES,
) -> LintResult:
    """Lint one ``pyproject.toml``.

    ``path`` is the name to report and, when it is named ``pyproject.toml`` and no
    ``project_dir`` is given, where files beside it are looked for. Raises
    :class:`RuleCrashed` only on a bug in a rule.
    """
    settings = settings or config.Settings()
    if project_dir is None and path is not None and path.name == PYPROJECT:
        # Only a real pyproject.toml has a project around it; a renamed copy
        # (`fixtures/x.toml`, a corpus file) is linted on its own.
        project_dir = path.parent
    layers = [settings.selection]
    try:
        text = decode(source)
    except DecodeProblem as problem:
        return _undecodable(source, problem, path, config.resolve(layers, rules))
    document = Document.from_text(text, path)
    if document.data is None:
        return _unparsable(document, config.resolve(layers, rules))

    ctx = Context(document, project_dir)
    diagnostics: list[Diagnostic] = []
    if settings.read_file_config:
        file_config = config.read_file_config(ctx.get(config.TOOL_TABLE), rules)
        # Problems in [tool.pyproject-lint] show whatever that table selects: only the
        # caller's selection (the command line) can turn PPL003 off.
        if InvalidLinterConfig.code in config.resolve(layers, rules):
            for problem_path, message, at_key in file_config.problems:
                span = ctx.locate_key(problem_path) if at_key else ctx.locate(problem_path)
                diagnostics.append(_file_diagnostic(InvalidLinterConfig, message, span.start, span.end))
        layers.insert(0, file_config.layer)
    enabled = config.resolve(layers, rules)
    for rule_class in rules:
        if rule_class.code not in enabled:
            continue
        if any(ctx.table(table) is None for table in rule_class.requires):
            continue
        try:
            diagnostics.extend(rule_class().check(ctx))
        except Exception as error:
            raise RuleCrashed(f"{rule_class.code} crashed: {type(error).__name__}: {error}") from error
    diagnostics = [diagnostic for diagnostic in diagnostics if not _suppressed(document, diagnostic)]
    diagnostics.sort(key=lambda d: (d.start, d.code, d.end))
    return LintResult(document, diagnostics, enabled)

