"""Runs every rule's inline VALID/INVALID cases, and checks each rule's documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import lint_case
from pyproject_lint._compat import tomllib
from pyproject_lint.config import SelectionLayer, Settings
from pyproject_lint.diagnostics import Applicability, apply_edits
from pyproject_lint.document import BOM
from pyproject_lint.engine import lint
from pyproject_lint.rules import ALL_RULES
from pyproject_lint.rules.base import Invalid, Rule, Valid

INVALID = [
    pytest.param(rule, case, id=f"{rule.code}-{i}") for rule in ALL_RULES for i, case in enumerate(rule.INVALID)
]
VALID = [pytest.param(rule, case, id=f"{rule.code}-{i}") for rule in ALL_RULES for i, case in enumerate(rule.VALID)]
SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety", "References")


@pytest.mark.parametrize(("rule", "case"), INVALID)
def test_invalid_case(rule: type[Rule], case: Invalid, tmp_path: Path) -> None:
    result = lint_case(case.text, tmp_path, case.files, select=(rule.code,))
    found = {"{}:{}".format(*result.position(d.start)): d for d in result.diagnostics if d.code == rule.code}
    assert case.at in found, f"{rule.code} expected at {case.at}, found at {sorted(found)}"
    diagnostic = found[case.at]
    if case.severity is not None:
        assert diagnostic.severity is case.severity
    if case.message is not None:
        assert case.message in diagnostic.message
    fix = diagnostic.fix
    if case.fixed is None:
        assert fix is None or fix.applicability is Applicability.DISPLAY_ONLY, f"unexpected fix {fix}"
        return
    assert fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY, "expected a fix"
    text, bom = apply_edits(result.document.text, fix.edits, result.document.bom)
    fixed = (BOM if bom else "") + text
    assert fixed == case.fixed
    tomllib.loads(fixed.lstrip(BOM))
    again = lint_case(fixed, tmp_path, select=(rule.code,))
    before = [d for d in result.diagnostics if d.code == rule.code]
    after = [d for d in again.diagnostics if d.code == rule.code]
    assert len(after) == len(before) - 1, f"the fixed finding came back: {after}"


@pytest.mark.parametrize(("rule", "case"), VALID)
def test_valid_case(rule: type[Rule], case: object, tmp_path: Path) -> None:
    text, files = (case.text, case.files) if isinstance(case, Valid) else (case, {})
    assert isinstance(text, str)
    result = lint_case(text, tmp_path, files, select=(rule.code,))
    assert [d for d in result.diagnostics if d.code == rule.code] == []


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
