"""pyproject-lint on real files: no crash, and no error on projects that build today.

``../shared/corpus/real`` holds pyproject.toml files of public projects (each builds today),
``../shared/corpus/validate-pyproject`` validate-pyproject's own examples. The tests skip
where the corpus is absent.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, corpus_files
from pyproject_lint._compat import tomllib
from pyproject_lint.diagnostics import Severity
from pyproject_lint.engine import LintResult, lint

REAL = corpus_files("real")
ALL = corpus_files()
COUNTS = Path(__file__).parent / "data" / "corpus-counts.toml"
WRITE_COUNTS = "PYPROJECT_LINT_WRITE_CORPUS_COUNTS"
#: Distributions whose data rules read (classifiers, the [project] and [tool.*] schemas).
DATA_DISTRIBUTIONS = ("trove-classifiers", "validate-pyproject", "validate-pyproject-schema-store")


@functools.cache
def lint_file(path: Path) -> LintResult:
    """Each corpus file linted once per session, for every test that reads it."""
    return lint(path.read_bytes(), path)

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
    # Builds, but `pip install -e .` fails (pip 26.3: "missing the 'build_editable' hook").
    ("pypa__installer__pyproject.toml", "PPL126"):
        "`flit_core >=2,<3`: no flit_core before 3.4 has PEP 660's `build_editable` hook",
}


@pytest.mark.skipif(not REAL, reason="../shared/corpus/real is not present")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_no_error_on_projects_that_build(path: Path) -> None:
    result = lint_file(path)
    errors = [
        f"{result.position(d.start)} {d.code} {d.message}"
        for d in result.diagnostics
        if d.severity is Severity.ERROR and (path.name, d.code) not in KNOWN_DEFECTS
    ]
    assert errors == []


@pytest.mark.skipif(not ALL, reason="../shared/corpus is not present")
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_corpus_file_lints_without_crashing(path: Path) -> None:
    result = lint_file(path)
    for diagnostic in result.diagnostics:
        assert 0 <= diagnostic.start <= diagnostic.end <= len(result.document.text)
    if not result.diagnostics and result.document.data is not None:
        # Positions are found (tomlkit imported, the file parsed again) only for findings:
        # a rule that locates before it knows it will report slows every clean run.
        assert result.document._spans is None, "spans computed for a file with no finding"
        assert not result.document._scoped, "spans computed for a file with no finding"


def findings_on_real_files() -> dict[tuple[str, str], list[str]]:
    """For each (code, severity), the real file of each of its findings."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in REAL:
        for diagnostic in lint_file(path).diagnostics:
            found.setdefault((diagnostic.code, diagnostic.severity.value), []).append(path.name)
    return found


def counts_toml(counts: dict[tuple[str, str], int]) -> str:
    lines = [
        f"# Findings per code and severity on ../shared/corpus/real ({len(REAL)} files), reviewed: a",
        "# change here changes what users see on real projects. Rewrite it with",
        f"# {WRITE_COUNTS}=1 pytest tests/test_corpus.py -k counts, and say why in the commit.",
        f"files = {len(REAL)}",
    ]
    for code in sorted({code for code, _ in counts}):
        lines += ["", f"[{code}]"]
        lines += [f"{severity} = {n}" for (c, severity), n in sorted(counts.items()) if c == code]
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(not REAL, reason="../shared/corpus/real is not present")
def test_counts_on_real_files_are_the_reviewed_ones() -> None:
    """A new warning (or a lost one) on real projects is a conscious change, not a side effect."""
    found = findings_on_real_files()
    counts = {key: len(files) for key, files in found.items()}
    if os.environ.get(WRITE_COUNTS) == "1":
        COUNTS.write_text(counts_toml(counts), encoding="utf-8")
        return
    reviewed = tomllib.loads(COUNTS.read_text(encoding="utf-8"))
    expected = {(code, severity): n for code, table in reviewed.items() if code != "files" for severity, n in table.items()}
    changes = [
        f"{' '.join(key)}: {expected.get(key, 0)} -> {counts.get(key, 0)}{in_files(found.get(key, []))}"
        for key in sorted(counts.keys() | expected.keys())
        if counts.get(key, 0) != expected.get(key, 0)
    ]
    if reviewed.get("files") != len(REAL):
        changes.insert(0, f"files: {reviewed.get('files')} -> {len(REAL)} (in {CORPUS / 'real'})")
    assert not changes, (
        f"findings on real files differ from {COUNTS.name}:\n  " + "\n  ".join(changes) + "\n"
        f"Some rules read installed data ({data_versions()}): a new release may explain it.\n"
        f"Review them; if they are right, rerun with {WRITE_COUNTS}=1 and commit {COUNTS.relative_to(ROOT)}."
    )


def in_files(names: list[str]) -> str:
    """The files of a rare finding, to start the review from."""
    unique = sorted(set(names))
    return f" (now in {', '.join(unique)})" if 0 < len(unique) <= 5 else ""


def data_versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{name} {version(name)}" for name in DATA_DISTRIBUTIONS)
