"""``lint``: bytes in, diagnostics out. Every front end (CLI, flake8, editor) calls this."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Optional, Union

from . import config, noqa
from ._compat import tomllib
from .context import Context
from .diagnostics import Diagnostic, Edit, apply_edits
from .document import BOM, DecodeProblem, Document, decode
from .rules import ALL_RULES
from .rules.base import Rule
from .rules.file import InvalidEncoding, InvalidLinterConfig, TomlSyntaxError

PYPROJECT = "pyproject.toml"


class RuleCrashed(RuntimeError):
    """A rule raised: a bug in pyproject-lint, reported as one line, not a traceback."""


#: Rounds of fixing before giving up: each round applies every fix that does not touch
#: another, so only fixes of the same spot need more than a couple.
MAX_FIX_ROUNDS = 10


class FixDidNotConverge(RuntimeError):
    """Fixes kept producing new fixes: a bug in pyproject-lint."""


class LintResult:
    """The diagnostics for one document, the document to place them in, and the fix policy."""

    __slots__ = ("diagnostics", "document", "enabled", "policy")

    def __init__(
        self,
        document: Document,
        diagnostics: list[Diagnostic],
        enabled: frozenset[str],
        policy: Optional[config.FixPolicy] = None,
    ) -> None:
        self.document = document
        self.diagnostics = diagnostics
        self.enabled = enabled
        self.policy = policy or config.FixPolicy(enabled)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a text offset."""
        return self.document.lines.position(offset)


def _file_diagnostic(rule: type[Rule], message: str, start: int, end: int) -> Diagnostic:
    return Diagnostic(rule.code, rule.name, rule.severity, message, start, end)


def _undecodable(
    source: Union[bytes, str], problem: DecodeProblem, path: Optional[Path], enabled: frozenset[str]
) -> LintResult:
    """PPL002 alone, at the first byte that is not UTF-8 (shown on the text decoded leniently)."""
    assert isinstance(source, bytes)
    document = Document(text=source.decode("utf-8", errors="replace").lstrip("\ufeff"), path=path)
    start = document.lines.offset(problem.line, problem.column)
    diagnostic = _file_diagnostic(InvalidEncoding, f"File is not UTF-8: {problem.reason}", start, start + 1)
    return LintResult(document, [diagnostic] if diagnostic.code in enabled else [], enabled)


def _unparsable(document: Document, enabled: frozenset[str], respect_noqa: bool = True) -> LintResult:
    """PPL001 alone, where the TOML reader stopped; no other rule runs."""
    problem = document.syntax_error
    assert problem is not None
    end = min(problem.offset + 1, len(document.text))
    diagnostic = _file_diagnostic(TomlSyntaxError, f"Invalid TOML: {problem.message}", problem.offset, end)
    shown = diagnostic.code in enabled and not (respect_noqa and noqa.suppressed(document, diagnostic))
    return LintResult(document, [diagnostic] if shown else [], enabled)


def lint(
    source: Union[bytes, str],
    path: Optional[Path] = None,
    settings: Optional[config.Settings] = None,
    project_dir: Optional[Path] = None,
    rules: Sequence[type[Rule]] = ALL_RULES,
    *,
    previous: Optional[Document] = None,
) -> LintResult:
    """Lint one ``pyproject.toml``.

    ``path`` is the name to report and, when it is named ``pyproject.toml`` and no
    ``project_dir`` is given, where files beside it are looked for. ``previous`` is an
    earlier version of the same document (an editor's), whose spans may be reused. Raises
    :class:`RuleCrashed` only on a bug in a rule.
    """
    settings = settings or config.Settings()
    if project_dir is None and path is not None and path.name == PYPROJECT:
        # Only a real pyproject.toml has a project around it; a renamed copy
        # (`fixtures/x.toml`, a corpus file) is linted on its own.
        project_dir = path.parent
    layers = [*(selection for selection, _ in settings.base), settings.selection]
    fix_layers = [*(fixes for _, fixes in settings.base), settings.fixes]
    if settings.per_file_ignores:
        layers.append(config.SelectionLayer(ignore=settings.per_file_ignores))
    try:
        text = decode(source)
    except DecodeProblem as problem:
        return _undecodable(source, problem, path, config.resolve(layers, rules))
    document = Document.from_text(text, path)
    if previous is not None:
        document.follow(previous)
    if document.data is None:
        return _unparsable(document, config.resolve(layers, rules), settings.noqa)

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
        layers.insert(len(settings.base), file_config.layer)
        fix_layers.insert(len(settings.base), file_config.fix_layer)
    enabled = config.resolve(layers, rules)
    for rule_class in rules:
        if rule_class.code not in enabled:
            continue
        if any(ctx.table(table) is None for table in rule_class.needs_tables):
            continue
        try:
            diagnostics.extend(rule_class().check(ctx))
        except Exception as error:
            raise RuleCrashed(f"{rule_class.code} crashed: {type(error).__name__}: {error}") from error
    if settings.noqa:
        diagnostics = noqa.apply(document, diagnostics, enabled)
    diagnostics.sort(key=lambda d: (d.start, d.code, d.end))
    return LintResult(document, diagnostics, enabled, config.resolve_fixes(fix_layers, rules))


class FixOutcome:
    """What ``fix`` did to one file.

    ``fixed`` is the new content, or ``source`` itself when nothing changed; ``result``
    lints ``fixed``; ``applied`` counts the fixes applied by code; ``rejected`` lists the
    fixes that would have left a file that does not parse (bugs; never applied).
    """

    __slots__ = ("applied", "fixed", "rejected", "result", "source")

    def __init__(
        self,
        source: Union[bytes, str],
        fixed: Union[bytes, str],
        result: LintResult,
        applied: Counter[str],
        rejected: list[Diagnostic],
    ) -> None:
        self.source = source
        self.fixed = fixed
        self.result = result
        self.applied = applied
        self.rejected = rejected

    @property
    def changed(self) -> bool:
        return self.fixed is not self.source


def _parses(text: str) -> bool:
    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
    return True


def _independent(candidates: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The fixes, in order, that neither overlap nor touch an earlier one's edits.

    Touching counts: two insertions at one offset, or an insertion at the end of a
    replaced range, have no single right order. The fixes left out wait for the next round.
    """
    taken: list[Edit] = []
    chosen = []
    for diagnostic in candidates:
        assert diagnostic.fix is not None
        edits = diagnostic.fix.edits
        if any(edit.start <= other.end and other.start <= edit.end for edit in edits for other in taken):
            continue
        taken.extend(edits)
        chosen.append(diagnostic)
    return chosen


def _edited(text: str, bom: bool, fixes: Sequence[Diagnostic]) -> Optional[tuple[str, bool]]:
    """``text`` with the fixes' edits applied, or ``None`` if a fix's own edits overlap."""
    try:
        return apply_edits(text, [edit for d in fixes if d.fix for edit in d.fix.edits], bom)
    except ValueError:
        return None


def _apply(text: str, bom: bool, fixes: Sequence[Diagnostic]) -> Optional[tuple[str, bool]]:
    """``text`` with the fixes' edits applied, or ``None`` if that does not parse."""
    outcome = _edited(text, bom, fixes)
    return outcome if outcome is not None and _parses(outcome[0]) else None


def fix(
    source: Union[bytes, str],
    path: Optional[Path] = None,
    settings: Optional[config.Settings] = None,
    project_dir: Optional[Path] = None,
    rules: Sequence[type[Rule]] = ALL_RULES,
) -> FixOutcome:
    """Apply fixes in rounds until none applies (which ones: the result's fix policy).

    Each round applies the fixes that do not touch each other, re-parses and re-lints.
    A fix after which the text would not parse is not applied (and is reported in
    ``rejected``). Raises :class:`FixDidNotConverge` after :data:`MAX_FIX_ROUNDS` rounds
    that all changed the text, and :class:`RuleCrashed` on a rule's bug.
    """
    result = lint(source, path, settings, project_dir, rules)
    if result.document.data is None:
        return FixOutcome(source, source, result, Counter(), [])
    text, bom = result.document.text, result.document.bom
    original = (text, bom)
    applied: Counter[str] = Counter()
    rejected: list[Diagnostic] = []
    rounds = 0
    while True:
        known_bad = {(d.code, d.message) for d in rejected}
        chosen = _independent([
            d for d in result.diagnostics if result.policy.applies(d) and (d.code, d.message) not in known_bad
        ])
        if not chosen:
            break
        # The new text is linted at once: that parse tells whether the fixes broke it.
        outcome = _edited(text, bom, chosen)
        relinted = None
        if outcome is not None and outcome != (text, bom):
            relinted = lint(BOM + outcome[0] if outcome[1] else outcome[0], path, settings, project_dir, rules)
            if relinted.document.data is None:
                outcome = None
        if outcome is None:
            # Some fix breaks the file: keep, in order, each fix after which it still parses.
            kept: list[Diagnostic] = []
            for diagnostic in chosen:
                (kept if _apply(text, bom, [*kept, diagnostic]) else rejected).append(diagnostic)
            if not kept:
                continue  # every fix of this round is now rejected: the loop moves on
            chosen, outcome, relinted = kept, _apply(text, bom, kept), None
            assert outcome is not None
        if outcome == (text, bom):
            break  # fixes that change nothing would be offered forever
        rounds += 1
        if rounds > MAX_FIX_ROUNDS:
            raise FixDidNotConverge(
                f"fixes did not converge after {MAX_FIX_ROUNDS} rounds "
                f"({', '.join(sorted(d.code for d in chosen))} kept changing the file); please report this"
            )
        text, bom = outcome
        applied.update(d.code for d in chosen)
        result = relinted if relinted is not None else lint(BOM + text if bom else text, path, settings, project_dir, rules)
    if (text, bom) == original:
        return FixOutcome(source, source, result, applied, rejected)
    fixed = (BOM if bom else "") + text
    return FixOutcome(source, fixed.encode("utf-8") if isinstance(source, bytes) else fixed, result, applied, rejected)

