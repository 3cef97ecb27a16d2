"""Fixes write what the file's author would have written: string in, string out.

Version clauses keep the requirement's spacing, a classifier removal that empties the list
removes the key, and a new `[build-system]` goes after the file's leading comment block,
not between a table and the comment about it.
"""

from __future__ import annotations

import pytest

from pyproject_lint.config import FixLayer, SelectionLayer, Settings
from pyproject_lint.engine import fix
from pyproject_lint.pep508 import (
    ClauseStyle,
    add_lower_bound,
    clause_style,
    raise_lower_bound,
    with_only_lower_bound,
)

HATCH = 'build-backend = "hatchling.build"\n[project]\nname = "x"\nversion = "1"\nlicense = "MIT"\n'
SETUPTOOLS = 'build-backend = "setuptools.build_meta"\n'
PROJECT = '[project]\nname = "x"\nversion = "1"\nlicense = "MIT"\n'


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


@pytest.mark.parametrize(
    ("code", "before", "after"),
    [
        (  # the only classifier: the key goes, with its comment
            "PPL205",
            PROJECT + 'classifiers = ["License :: OSI Approved :: MIT License"]  # PyPI\nreadme = "README.md"\n',
            PROJECT + 'readme = "README.md"\n',
        ),
        (  # two, on their own lines, removed in turn: the key goes too
            "PPL205",
            (
                PROJECT + 'classifiers = [\n    "License :: OSI Approved :: MIT License",\n'
                '    "License :: OSI Approved :: Apache Software License",\n]\n'
            ).replace("\n", "\r\n"),
            PROJECT.replace("\n", "\r\n"),
        ),
        (  # a deprecated classifier without a replacement
            "PPL202",
            PROJECT + 'classifiers = ["License :: OSI Approved :: Intel Open Source License"]\n',
            PROJECT,
        ),
        (  # others stay: so does the key
            "PPL205",
            PROJECT + 'classifiers = ["License :: OSI Approved :: MIT License", "Typing :: Typed"]\n',
            PROJECT + 'classifiers = ["Typing :: Typed"]\n',
        ),
        (  # a comment in the list is the author's: the list stays, empty
            "PPL205",
            PROJECT + 'classifiers = [\n    "License :: OSI Approved :: MIT License",\n    # to be chosen\n]\n',
            PROJECT + "classifiers = [\n    # to be chosen\n]\n",
        ),
    ],
)
def test_removing_the_last_classifier_removes_the_key(code: str, before: str, after: str) -> None:
    assert fixed(before, code) == after


POETRY_BUILD = "[build-system]\nrequires = ['poetry-core']\nbuild-backend = 'poetry.core.masonry.api'\n\n"
POETRY = "[tool.poetry]\nname = 'demo'\nversion = '1.0'\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # The file's leading comment block stays first, a blank line after it.
        ("# Managed by Poetry\n# (see CONTRIBUTING)\n" + POETRY, "# Managed by Poetry\n# (see CONTRIBUTING)\n\n" + POETRY_BUILD + POETRY),
        ("# Managed by Poetry\n\n" + POETRY, "# Managed by Poetry\n\n" + POETRY_BUILD + POETRY),
        # A comment right above the first table, after the file's own, belongs to that table.
        ("# Demo\n\n# Poetry's settings\n" + POETRY, "# Demo\n\n" + POETRY_BUILD + "# Poetry's settings\n" + POETRY),
        (POETRY, POETRY_BUILD + POETRY),
        (
            "# Managed by Poetry\r\n" + POETRY.replace("\n", "\r\n"),
            "# Managed by Poetry\r\n\r\n" + (POETRY_BUILD + POETRY).replace("\n", "\r\n"),
        ),
    ],
)
def test_build_system_goes_after_the_leading_comment_block(before: str, after: str) -> None:
    assert fixed(before, "PPL100") == after
