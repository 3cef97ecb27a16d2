"""Runs every rule's inline VALID/INVALID cases, and checks each rule's documentation."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import lint_case
from pyproject_lint._compat import tomllib
from pyproject_lint.config import SelectionLayer, Settings
from pyproject_lint.diagnostics import Applicability, Diagnostic, apply_edits
from pyproject_lint.document import BOM
from pyproject_lint.engine import LintResult, lint
from pyproject_lint.rules import ALL_RULES
from pyproject_lint.rules.base import Invalid, Rule, Valid, document

INVALID = [
    pytest.param(rule, case, id=f"{rule.code}-{i}") for rule in ALL_RULES for i, case in enumerate(rule.INVALID)
]
VALID = [
    pytest.param(rule, case, id=f"{rule.code}-{i}") for rule in ALL_RULES for i, case in enumerate(rule.valid_cases())
]
SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety", "References")


def findings(result: LintResult, rule: type[Rule]) -> list[Diagnostic]:
    """The rule's findings in document order."""
    return sorted((d for d in result.diagnostics if d.code == rule.code), key=lambda d: (d.start, d.end))


def where(result: LintResult, diagnostic: Diagnostic) -> str:
    return "{}:{}-{}:{}".format(*result.position(diagnostic.start), *result.position(diagnostic.end))


@pytest.mark.parametrize(("rule", "case"), INVALID)
def test_invalid_case(rule: type[Rule], case: Invalid, tmp_path: Path) -> None:
    """The rule reports exactly the case's findings, and each fix does what the case says."""
    result = lint_case(case.text, tmp_path, case.files, select=(rule.code,))
    found = findings(result, rule)
    assert [where(result, d) for d in found] == [f.at for f in case.findings], [d.message for d in found]
    for expected, diagnostic in zip(case.findings, found):
        assert expected.message in diagnostic.message, expected.at
        for words in (diagnostic.message, diagnostic.fix.title if diagnostic.fix else "x"):
            assert words == words.strip() and "  " not in words, f"{expected.at}: spacing in {words!r}"
        assert diagnostic.severity is (expected.severity or rule.severity), expected.at
        fix = diagnostic.fix
        if expected.fix is None:
            assert fix is None, f"{expected.at}: unexpected fix {fix}"
            assert expected.fixed is None, f"{expected.at}: a fixed text without a fix"
            continue
        assert fix is not None, f"{expected.at}: no fix"
        assert (fix.applicability, fix.title) == expected.fix, expected.at
        if fix.applicability is Applicability.DISPLAY_ONLY:
            assert fix.edits == () and expected.fixed is None, f"{expected.at}: a display-only fix edits nothing"
            continue
        assert fix.edits and expected.fixed is not None, f"{expected.at}: a fix with edits states its fixed text"
        text, bom = apply_edits(result.document.text, fix.edits, result.document.bom)
        fixed = (BOM if bom else "") + text
        assert fixed == expected.fixed, expected.at
        tomllib.loads(fixed.lstrip(BOM))
        # The fixed finding is gone and the rule's other findings stay as they were.
        remaining = Counter(d.message for d in found)
        remaining[diagnostic.message] -= 1
        after = Counter(d.message for d in findings(lint_case(fixed, tmp_path, case.files, (rule.code,)), rule))
        assert after == +remaining, f"{expected.at}: after the fix, {sorted(after)}"


@pytest.mark.parametrize(("rule", "case"), VALID)
def test_valid_case(rule: type[Rule], case: Valid, tmp_path: Path) -> None:
    result = lint_case(case.text, tmp_path, case.files, select=(rule.code,))
    assert [d.message for d in findings(result, rule)] == []


def test_a_case_text_that_starts_with_a_newline_is_an_indented_block() -> None:
    assert document("\n    [a]\n      b = 1\n\n    c = 2\n    ") == "[a]\n  b = 1\n\nc = 2\n"
    assert document("[a]\n  b = 1") == "[a]\n  b = 1"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_cases_of_a_rule_with_two_severities_state_each(rule: type[Rule]) -> None:
    """Where a rule reports more than one severity, every case says which it expects."""
    expected = [finding for case in rule.INVALID for finding in case.findings]
    if any(finding.severity not in (None, rule.severity) for finding in expected):
        assert [f.at for f in expected if f.severity is None] == []


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in ALL_RULES:
        assert re.fullmatch(r"PPL\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_documentation_has_every_section(rule: type[Rule]) -> None:
    sections = rule.sections()
    assert tuple(sections) == SECTIONS, f"{rule.code}: sections {tuple(sections)}"
    assert all(sections.values()), f"{rule.code}: an empty section"
    assert rule.INVALID, f"{rule.code} has no invalid case"


_TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if "```toml" in r.sections()["Example"]], ids=lambda r: r.code)
def test_documented_example_is_reported_and_its_correction_is_not(rule: type[Rule], tmp_path: Path) -> None:
    blocks = _TOML_BLOCK.findall(rule.sections()["Example"])
    assert len(blocks) == 2, "an Example block and a Use instead block"
    example, corrected = blocks
    if rule.EXAMPLE_FILES:
        assert any(d.code == rule.code for d in lint_case(example, tmp_path, rule.EXAMPLE_FILES, (rule.code,)).diagnostics)
        assert not any(d.code == rule.code for d in lint_case(corrected, tmp_path, None, (rule.code,)).diagnostics)
        return
    settings = Settings(selection=SelectionLayer(select=(rule.code,)))
    # Documentation examples stand alone: linted with no folder around them.
    assert any(d.code == rule.code for d in lint(example, settings=settings).diagnostics)
    assert not any(d.code == rule.code for d in lint(corrected, settings=settings).diagnostics)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_rule_is_filled_in(rule: type[Rule]) -> None:
    """A rule ``python -m pyproject_lint.dev new-rule`` wrote fails here, naming each line
    left to fill in, until none is left."""
    import inspect

    from pyproject_lint.dev import MARKER

    lines, first = inspect.getsourcelines(rule)
    left = [f"line {first + i}: {line.strip()}" for i, line in enumerate(lines) if MARKER in line]
    assert not left, f"{rule.code}: fill in what `new-rule` left in {inspect.getsourcefile(rule)}:\n" + "\n".join(left)


def undiscovered(package: Path, discovered: Sequence[type[Rule]]) -> list[str]:
    """The rules defined in ``package`` that discovery does not register: defined outside the
    rule packages, or under a code another rule also has."""
    from pyproject_lint.dev import defined_rules

    registered = {(rule.__module__, rule.__qualname__) for rule in discovered}
    defined = defined_rules(package)
    codes = Counter(rule.code for rule in defined)
    return [
        f"{rule}: " + ("its code is defined twice" if codes[rule.code] > 1 else "not in a module of pyproject_lint.rules")
        for rule in defined
        if codes[rule.code] > 1 or (rule.module, rule.qualname) not in registered
    ]


def test_every_rule_defined_is_discovered() -> None:
    import pyproject_lint

    assert undiscovered(Path(pyproject_lint.__file__).parent, ALL_RULES) == []


def test_a_rule_outside_the_rule_packages_or_under_a_taken_code_is_named(tmp_path: Path) -> None:
    package = tmp_path / "pyproject_lint"
    (package / "rules").mkdir(parents=True)
    rule = 'class {0}(Rule):\n    code = "{1}"\n    name = "{2}"\n'
    (package / "helpers.py").write_text(rule.format("Stray", "PPL199", "stray"), encoding="utf-8")
    (package / "rules" / "a.py").write_text(rule.format("First", "PPL150", "first"), encoding="utf-8")
    (package / "rules" / "b.py").write_text(rule.format("Second", "PPL150", "second"), encoding="utf-8")

    class First(Rule):
        code = "PPL150"
        name = "first"

    First.__module__, First.__qualname__ = "pyproject_lint.rules.a", "First"
    assert undiscovered(package, [First]) == [
        "pyproject_lint.helpers.Stray (PPL199): not in a module of pyproject_lint.rules",
        "pyproject_lint.rules.a.First (PPL150): its code is defined twice",
        "pyproject_lint.rules.b.Second (PPL150): its code is defined twice",
    ]
