"""Fixes write what the file's author would have written: string in, string out.

Version clauses keep the requirement's spacing.
"""

from __future__ import annotations

import pytest

from pyproject_lint.config import FixLayer, SelectionLayer, Settings
from pyproject_lint.engine import fix
from pyproject_lint.requirements import (
    ClauseStyle,
    add_lower_bound,
    clause_style,
    raise_lower_bound,
    with_only_lower_bound,
)

HATCH = 'build-backend = "hatchling.build"\n[project]\nname = "x"\nversion = "1"\nlicense = "MIT"\n'
SETUPTOOLS = 'build-backend = "setuptools.build_meta"\n'


def fixed(text: str, code: str) -> str:
    """``text`` after ``--fix --unsafe-fixes`` with only ``code`` selected."""
    settings = Settings(selection=SelectionLayer(select=(code,)), fixes=FixLayer(unsafe_fixes=True))
    result = fix(text, settings=settings).fixed
    assert isinstance(result, str)
    return result


@pytest.mark.parametrize(
    ("code", "before", "after"),
    [
        # PPL106 adds a floor: spaced as the requirement's other clauses, or as its neighbours'.
        ("PPL106", '[build-system]\nrequires = ["setuptools < 70"]\n' + SETUPTOOLS, '"setuptools >= 66.1.0, < 70"'),
        ("PPL106", '[build-system]\nrequires = ["setuptools<70"]\n' + SETUPTOOLS, '"setuptools>=66.1.0,<70"'),
        ("PPL106", '[build-system]\nrequires = ["setuptools", "cython >= 3"]\n' + SETUPTOOLS, '"setuptools >= 66.1.0", "cython >= 3"'),
        ("PPL106", '[build-system]\nrequires = ["setuptools"]\n' + SETUPTOOLS, '"setuptools>=66.1.0"'),
        ("PPL106", "[build-system]\nrequires = ['setuptools; os_name == \"nt\"']\n" + SETUPTOOLS, "'setuptools>=66.1.0; os_name == \"nt\"'"),
        # PPL112 raises a floor in place.
        ("PPL112", '[build-system]\nrequires = ["hatchling >= 1.0"]\n' + HATCH, '"hatchling >= 1.27.0"'),
        ("PPL112", '[build-system]\nrequires = ["hatchling>1.0"]\n' + HATCH, '"hatchling>=1.27.0"'),
        # PPL112 and PPL107 replace the clauses: spacing and the marker as written.
        ("PPL112", '[build-system]\nrequires = ["hatchling >= 1.0, < 1.10"]\n' + HATCH, '"hatchling >= 1.27.0"'),
        (
            "PPL107",
            "[build-system]\nrequires = [\"setuptools <60 ; python_version>='3.12'\"]\n" + SETUPTOOLS
            + '[project]\nname = "x"\nversion = "1"\nrequires-python = ">=3.12"\n',
            "\"setuptools >=66.1.0 ; python_version>='3.12'\"",
        ),
    ],
)
def test_version_clauses_keep_their_spacing(code: str, before: str, after: str) -> None:
    """``after``: what ``requires = [...]`` holds once fixed."""
    requires = before.split("\n")[1]
    assert fixed(before, code) == before.replace(requires, f"requires = [{after}]", 1)


def test_clause_style() -> None:
    assert clause_style("setuptools") is None
    assert clause_style("setuptools; os_name == 'nt'") is None
    assert clause_style("setuptools>=61") == ClauseStyle("", "", ",")
    assert clause_style("setuptools[x] >= 61 , < 70") == ClauseStyle(" ", " ", " , ")
    assert clause_style("setuptools <70") == ClauseStyle(" ", "", ", ")
    assert add_lower_bound("setuptools ; os_name == 'nt'", "61") == "setuptools>=61 ; os_name == 'nt'"
    assert add_lower_bound("setuptools", "61", like=["wheel", "cython ~= 3.0"]) == "setuptools >= 61"
    assert raise_lower_bound("setuptools >=  40, != 50", "61") == "setuptools >=  61, != 50"
    assert with_only_lower_bound("setuptools (<60)", "61") == "setuptools>=61"
