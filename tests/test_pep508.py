"""The direct reading of simple requirements agrees with packaging, which stays the authority."""

from __future__ import annotations

import re
from typing import Optional

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name as packaging_canonicalize_name
from packaging.version import Version

from conftest import corpus_files
from pyproject_lint._compat import tomllib
from pyproject_lint.pep508 import (
    _SIMPLE,
    _SIMPLE_SPECIFIER,
    _specifier_admits_at_least,
    canonicalize_name,
    parse_requirement,
    specifier_contains,
)

MINIMUMS = [Version(v) for v in ("0", "1", "1.0.1", "2", "61", "66.1.0", "70", "9999")]
#: Plain versions take the direct path; the others go to packaging whatever the entry.
VERSIONS = [*MINIMUMS, *(Version(v) for v in ("1.0rc1", "1.0.post1", "2+local", "1!1", "61.0.dev0"))]


def packaging_reading(raw: str) -> Optional[tuple[object, ...]]:
    """What packaging makes of ``raw``, in the terms ParsedRequirement answers in."""
    try:
        requirement = Requirement(raw)
    except InvalidRequirement:
        return None
    floors = [
        Version(clause.version.removesuffix(".*"))
        for clause in requirement.specifier
        if clause.operator in (">=", ">", "==", "~=", "===")
    ]
    return (
        requirement.name,
        frozenset(requirement.extras),
        requirement.url,
        requirement.marker,
        sorted((clause.operator, clause.version) for clause in requirement.specifier),
        max(floors) if floors else None,
        [_specifier_admits_at_least(requirement.specifier, minimum) for minimum in VERSIONS],
        [requirement.specifier.contains(version, prereleases=True) for version in VERSIONS],
    )


def our_reading(raw: str) -> Optional[tuple[object, ...]]:
    parsed = parse_requirement(raw)
    if not parsed.valid:
        return None
    return (
        parsed.display_name,
        parsed.extras,
        parsed.url,
        parsed.marker,
        sorted(parsed.clauses),
        parsed.lower_bound(),
        [parsed.admits_at_least(minimum) for minimum in VERSIONS],
        [parsed.contains(version) for version in VERSIONS],
    )


@settings(max_examples=200, deadline=None)
@given(st.from_regex(_SIMPLE, fullmatch=True))
@example("setuptools>=61")
@example("setuptools_scm[toml] >= 6.2, < 9")
@example("a[]")
@example("numpy==1.21.6")
@example("x==1,==1.0")
@example("x==1,==2")
@example("x>=2,<2")
@example("x>=61,<61.0.1")
@example('tomli>=1.1; python_version < "3.11"')
@example("x;os_name=='nt' and extra == 'a'")
@example("x ~= 2.2, != 2.5.0, <= 3, > 1 ; sys_platform != 'win32' or python_full_version>='3.12.1'")
@example("x~=1.0.0")
def test_simple_reading_equals_packaging(raw: str) -> None:
    assert _SIMPLE.fullmatch(raw)
    assert our_reading(raw) == packaging_reading(raw) is not None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1. \t[],<>=!~;'\"@:/", max_size=25))
@example("a;os_name=='1'")
@example("a ;os_name<'1'and os_name>'1'")
@example("a~=1")
def test_any_string_reads_as_packaging_does(raw: str) -> None:
    assert our_reading(raw) == packaging_reading(raw)


def corpus_requirements() -> list[str]:
    found: set[str] = set()
    for path in corpus_files():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        project = data.get("project", {})
        arrays = [
            data.get("build-system", {}).get("requires", []),
            project.get("dependencies", []),
            *(project.get("optional-dependencies") or {}).values(),
        ]
        for array in arrays:
            if isinstance(array, list):
                found.update(entry for entry in array if isinstance(entry, str))
    return sorted(found)


@pytest.mark.parametrize("raw", corpus_requirements() or ["setuptools>=61"])
def test_corpus_requirement_reads_as_packaging_does(raw: str) -> None:
    assert our_reading(raw) == packaging_reading(raw)


@given(st.from_regex(re.compile(r"[A-Za-z0-9._-]{1,20}"), fullmatch=True))
@example("Setuptools_SCM")
@example("zope..interface")
def test_canonicalize_name_equals_packaging(name: str) -> None:
    assert canonicalize_name(name) == packaging_canonicalize_name(name)


def packaging_contains(specifier: str, version: Version) -> Optional[bool]:
    try:
        return SpecifierSet(specifier).contains(version, prereleases=True)
    except InvalidSpecifier:
        return None


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.from_regex(_SIMPLE_SPECIFIER, fullmatch=True), st.text(alphabet="13. ,<>=!~*", max_size=14)))
@example(">=3.9")
@example(">=3.8, <3.12")
@example("==3.12")
@example("~=3.10")
@example(">=3.9,!=3.12.*")
@example("")
def test_specifier_contains_equals_packaging(specifier: str) -> None:
    for version in [*VERSIONS, Version("3.12.0"), Version("3.13.0")]:
        assert specifier_contains(specifier, version) == packaging_contains(specifier, version)
