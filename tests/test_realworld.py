"""The linter's errors against what pip did with real sdists (tests/realworld/, docs/realworld.md).

Offline and fast: the oracle's verdicts and the files the linter reads are recorded in the
repository (``python scripts/realworld.py oracle`` / ``extract`` make them).
"""

from __future__ import annotations

import importlib
import sys
from functools import cache
from types import ModuleType
from typing import Optional

import pytest

from realworld_check import (
    KNOWN_CRASHES,
    KNOWN_FALSE_ERRORS,
    NAMES,
    PYTHONS,
    RECALL_FLOOR,
    ROOT,
    Comparison,
    Finding,
    Run,
    applies_on,
    explains,
    render_doc,
    same_subject,
)


def _oracle_tool() -> Optional[ModuleType]:
    """``scripts/realworld.py``, which needs Python 3.11+ (tomllib); None before that."""
    if sys.version_info < (3, 11):
        return None
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        return importlib.import_module("realworld")
    finally:
        sys.path.remove(str(ROOT / "scripts"))


oracle_tool = _oracle_tool()


@cache
def comparison() -> Comparison:
    return Comparison.compute()


def test_report() -> None:
    """Prints the figures and every disagreement (`pytest -s tests/test_realworld.py`)."""
    print("\n" + comparison().report())


def test_no_false_errors() -> None:
    """An error means a real front end fails: none on a run that pip finished."""
    found = [
        f"{run.sdist} {run.python}: {finding.code} at {finding.position}: {finding.message}"
        for run, finding in comparison().false_errors()
        if (run.sdist, finding.code) not in KNOWN_FALSE_ERRORS
    ]
    assert not found, "errors on sdists that pip built fine:\n" + "\n".join(found) + "\n\n" + comparison().report()


def test_known_false_errors_still_happen() -> None:
    """An exception that no longer fires is removed, so the table only holds live cases."""
    live = {(run.sdist, finding.code) for run, finding in comparison().false_errors()}
    stale = sorted(set(KNOWN_FALSE_ERRORS) - live)
    assert not stale, f"KNOWN_FALSE_ERRORS entries that no longer happen: {stale}"


@pytest.mark.parametrize("python", PYTHONS)
def test_recall_does_not_drop(python: str) -> None:
    score = comparison().recall[python]
    ratio = score.ratio or 0.0
    assert ratio >= RECALL_FLOOR[python], (
        f"recall on {python} fell to {score} (floor {RECALL_FLOOR[python]:.0%})\n\n" + comparison().report()
    )


def test_every_sdist_is_recorded_and_linted() -> None:
    gaps = comparison().unrecorded()
    assert not gaps, "\n".join(gaps)
    crashes = {s: m for s, m in comparison().crashes.items() if s not in KNOWN_CRASHES}
    assert not crashes, "the linter crashed on real sdists:\n" + "\n".join(f"{s}: {m}" for s, m in crashes.items())


def test_every_named_code_is_a_rule() -> None:
    from pyproject_lint.rules import ALL_RULES

    codes = {rule.code for rule in ALL_RULES}
    assert set(NAMES) <= codes
    assert {code for _, code in KNOWN_FALSE_ERRORS} <= codes


def test_doc_is_current() -> None:
    current = (ROOT / "docs" / "realworld.md").read_text(encoding="utf-8")
    assert current == render_doc(comparison()), "docs/realworld.md is stale: run `python scripts/realworld.py doc`"


# -- the comparison's own rules ------------------------------------------------------------


def _finding(code: str, message: str, severity: str = "error") -> Finding:
    return Finding("demo-1.0", code, severity, message, "1:1")


def _run(outcome: str, cause: str = "", subject: str = "", python: str = "3.12") -> Run:
    return Run("demo-1.0", python, outcome, cause, subject, "")


def test_subjects() -> None:
    assert same_subject("Cython.Build", "Cython")
    assert same_subject("numpy.distutils.core", "numpy.distutils")
    assert same_subject("setuptools_scm", "setuptools-scm")
    assert same_subject("", "numpy")
    assert not same_subject("numpy", "Cython")
    assert not same_subject("numpyx", "numpy")


def test_explains_needs_the_cause_and_the_subject() -> None:
    imports_numpy = _finding("PPL120", "`setup.py:2` imports `numpy`, which no build requirement provides")
    assert explains(imports_numpy, _run("config", "missing-module", "numpy"))
    assert not explains(imports_numpy, _run("config", "missing-module", "Cython"))
    assert not explains(imports_numpy, _run("config", "distutils"))
    assert not explains(imports_numpy, _run("ok"))
    assert not explains(_finding("PPL999", "made up"), _run("config", "missing-module", "numpy"))


def test_pythons_named_by_a_finding() -> None:
    old = _finding("PPL107", "`setuptools<60` admits only setuptools releases older than 66.1.0, which cannot build on Python 3.12+; ...")
    assert not applies_on(old, "3.11")
    assert applies_on(old, "3.12") and applies_on(old, "3.13")
    assert applies_on(_finding("PPL103", "`hatchling.build` comes from `hatchling`"), "3.11")


# -- the oracle's classifier, on short log excerpts ---------------------------------------

needs_tool = pytest.mark.skipif(oracle_tool is None, reason="scripts/realworld.py needs Python 3.11+ (tomllib)")

LOGS = {
    "invalid pyproject": (
        "  error: invalid-pyproject-build-system-requires\n  × Can not process file:///tmp/demo\n"
        "  ╰─> This package has an invalid `build-system.requires` key in pyproject.toml.\n",
        1,
        ("config", "invalid-pyproject", ""),
    ),
    "ok": ("Would install demo-1.0\n", 0, ("ok", "", "")),
    "distutils": (
        "  × Cannot import build backend 'setuptools.build_meta'.\n  ╰─> ModuleNotFoundError: No module named 'distutils'\n",
        1,
        ("config", "distutils", ""),
    ),
    "backend": (
        "error: backend-unavailable\n\n× Cannot import build backend 'hatchling.build'.\n╰─> ModuleNotFoundError: No module named 'hatchling'\n",
        1,
        ("config", "backend-unavailable", "hatchling"),
    ),
    "impimporter": (
        "      AttributeError: module 'pkgutil' has no attribute 'ImpImporter'. Did you mean: 'zipimporter'?\n",
        1,
        ("config", "old-setuptools", ""),
    ),
    "missing": (
        "    import numpy\n  ModuleNotFoundError: No module named 'numpy'\n  error: subprocess-exited-with-error\n",
        1,
        ("config", "missing-module", "numpy"),
    ),
    "numpy.distutils": (
        "  ModuleNotFoundError: No module named 'numpy.distutils'\n",
        1,
        ("config", "missing-module", "numpy.distutils"),
    ),
    "unresolvable": (
        "  ERROR: Could not find a version that satisfies the requirement numpy==1.19.3 (from versions: 1.26.0)\n"
        "  ERROR: No matching distribution found for numpy==1.19.3\n",
        1,
        ("config", "unresolvable", "numpy"),
    ),
    "build-dependency": (
        "  ERROR: Failed to build installable wheels for some pyproject.toml based projects (numpy)\n"
        "  × installing build dependencies did not run successfully.\n",
        1,
        ("config", "build-dependency", "numpy"),
    ),
    "build-dependency metadata": (
        "    NameError: name 'CCompiler' is not defined. Did you mean: 'ccompiler'?\n"
        "  × Encountered error while generating package metadata.\n  ╰─> numpy\n"
        "  × installing build dependencies did not run successfully.\n",
        1,
        ("config", "build-dependency", "numpy"),
    ),
    "backend dependency": (
        "    ╰─> ModuleNotFoundError: No module named 'distutils'\n"
        "  ERROR: Failed to build 'numpy' when calling build backend hook get_requires_for_build_wheel\n"
        "  × installing backend dependencies did not run successfully.\n"
        "ERROR: Failed to build 'file:///tmp/h5py-3.1.0' when installing backend dependencies\n",
        1,
        ("config", "build-dependency", "numpy"),
    ),
    "flit": (
        "flit_core.config.ConfigError: The [tool.flit.metadata] table is no longer supported.\n",
        1,
        ("config", "backend-config", ""),
    ),
    "cython_sources": (
        "  AttributeError: 'build_ext' object has no attribute 'cython_sources'\n",
        1,
        ("config", "setup-error", ""),
    ),
    "setup.py raised": (
        '    File "<string>", line 27, in get_version\n  KeyError: \'__version__\'\n  error: subprocess-exited-with-error\n',
        1,
        ("config", "setup-error", ""),
    ),
    "system": ("  /bin/sh: 1: xml2-config: not found\n", 1, ("other", "system", "")),
    "pkg-config": (
        '    File "<string>", line 27, in find_package_name\n  Exception: Can not find valid pkg-config name.\n',
        1,
        ("other", "system", ""),
    ),
    "rust toolchain": (
        "  error: toolchain '1.99.0-x86_64-unknown-linux-gnu' is not installed\n  error: subprocess-exited-with-error\n",
        1,
        ("other", "system", ""),
    ),
    "timeout": ("", None, ("other", "timeout", "")),
    "unknown": ("  RuntimeError: something else\n", 1, ("other", "unclassified", "")),
}


@needs_tool
@pytest.mark.parametrize("case", sorted(LOGS))
def test_classifier(case: str) -> None:
    assert oracle_tool is not None
    log, code, expected = LOGS[case]
    verdict = oracle_tool.classify(log, code)
    assert (verdict.outcome, verdict.cause, verdict.subject) == expected


@needs_tool
def test_resolved_versions_from_the_log() -> None:
    assert oracle_tool is not None
    log = "  Successfully installed Cython-0.29.36 setuptools-59.2.0 wheel-0.37.1\n  Successfully installed numpy-1.26.4\n"
    assert oracle_tool.resolved_versions(log) == {
        "cython": "0.29.36", "numpy": "1.26.4", "setuptools": "59.2.0", "wheel": "0.37.1",
    }
