"""pyproject-lint on real files: no crash, and no error on projects that build today.

``../shared/corpus/real`` holds pyproject.toml files of public projects (each builds today),
``../shared/corpus/validate-pyproject`` validate-pyproject's own examples. The tests skip
where the corpus is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import corpus_files
from pyproject_lint.diagnostics import Severity
from pyproject_lint.engine import lint

REAL = corpus_files("real")
ALL = corpus_files()

#: Errors on real files that are real defects, with the reason. (None so far: every error
#: found while developing was a false positive, and the rule was fixed instead.)
KNOWN_DEFECTS: dict[tuple[str, str], str] = {
    # uv's test ecosystem: lock-file fixtures, not packages that are built from these files.
    ("astral-sh__uv__test_ecosystem_airflow_pyproject.toml", "PPL200"):
        "`license-files.globs`: the draft PEP 639 table that only hatchling < 1.27 (pinned there) accepts",
    ("astral-sh__uv__test_ecosystem_saleor_pyproject.toml", "PPL200"):
        "Poetry-style `authors` strings in [project]: setuptools' fallback backend refuses them",
    # Optional dependencies that cannot be installed on Pythons the project admits: real, and
    # reported by PPL211 (the release snapshot, docs/releases.md).
    ("astral-sh__uv__test_ecosystem_transformers_pyproject.toml", "PPL211"):
        "`tensorflow>=2.6,<2.16`: no release before 2.16 has a wheel for CPython 3.12 and tensorflow ships no sdist; "
        "`jaxlib>=0.4.1,<=0.5` has no wheel for 3.14 (and no sdist); requires-python is `>=3.9.0`",
    ("astral-sh__uv__test_ecosystem_semantic-kernel_pyproject.toml", "PPL211"):
        "`torch == 2.8.0` has no wheel for CPython 3.14, and torch ships no sdist; requires-python admits 3.14",
    ("astral-sh__uv__test_ecosystem_transformers_pyproject.toml", "PPL200"):
        "setup.py-style `author`/`author_email` keys in [project], which the specification does not have",
}


@pytest.mark.skipif(not REAL, reason="../shared/corpus/real is not present")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_no_error_on_projects_that_build(path: Path) -> None:
    result = lint(path.read_bytes(), path)
    errors = [
        f"{result.position(d.start)} {d.code} {d.message}"
        for d in result.diagnostics
        if d.severity is Severity.ERROR and (path.name, d.code) not in KNOWN_DEFECTS
    ]
    assert errors == []


@pytest.mark.skipif(not ALL, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_corpus_file_lints_without_crashing(path: Path) -> None:
    result = lint(path.read_bytes(), path)
    for diagnostic in result.diagnostics:
        assert 0 <= diagnostic.start <= diagnostic.end <= len(result.document.text)
    if not result.diagnostics and result.document.data is not None:
        # Positions are found (tomlkit imported, the file parsed again) only for findings:
        # a rule that locates before it knows it will report slows every clean run.
        assert result.document._spans is None, "spans computed for a file with no finding"
        assert not result.document._scoped, "spans computed for a file with no finding"
