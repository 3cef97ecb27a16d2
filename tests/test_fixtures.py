"""Every rule has a fixture under ``fixtures/CODE/``, and its output matches ``expected.txt``."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from conftest import ROOT
from pyproject_lint.cli import main
from pyproject_lint.rules import ALL_RULES
from pyproject_lint.rules.base import Rule

FIXTURES = sorted((ROOT / "fixtures").glob("PPL*/pyproject.toml"))


def run_cli(folder: Path, *args: str) -> tuple[int, str]:
    """Run the CLI in ``folder`` and return its exit code and standard output."""
    old_cwd, buffer = Path.cwd(), io.StringIO()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(buffer):
            code = main(list(args))
    finally:
        os.chdir(old_cwd)
    return code, buffer.getvalue()


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.code)
def test_every_rule_has_a_fixture_that_shows_it(rule: type[Rule]) -> None:
    expected = ROOT / "fixtures" / rule.code / "expected.txt"
    assert expected.is_file(), f"no fixture for {rule.code}"
    assert f" {rule.code} " in expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.parent.name)
def test_fixture_output(fixture: Path) -> None:
    code, output = run_cli(fixture.parent, "pyproject.toml")
    assert output == (fixture.parent / "expected.txt").read_text(encoding="utf-8")
    assert code == 1
