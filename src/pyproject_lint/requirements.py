"""PEP 508 requirement strings: reading their bounds and rewriting them minimally.

Rewrites work on the user's own text (spacing, extras, markers and clause order kept) and
are checked by parsing the result with ``packaging``; a rewrite that does not parse, or
does not mean what was intended, is not offered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

#: The name and extras at the start of a requirement (PEP 508 names, loosely).
_NAME_AND_EXTRAS = re.compile(r"\s*[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*(?:\[[^\]]*\]\s*)?")
_LOWER_OPERATORS = (">=", ">", "==", "~=", "===")


@dataclass(frozen=True)
class ParsedRequirement:
    """One entry of a requirements array: its text and what packaging made of it."""

    raw: str
    requirement: Optional[Requirement]
    error: Optional[str]

    @property
    def name(self) -> Optional[str]:
        return canonicalize_name(self.requirement.name) if self.requirement else None

    @property
    def meant_name(self) -> Optional[str]:
        """The canonical name, or for an invalid entry the name it starts with."""
        if self.requirement is not None:
            return self.name
        match = _NAME_AND_EXTRAS.match(self.raw)
        return canonicalize_name(match.group(0).strip().partition("[")[0].strip()) if match else None


def parse_requirement(raw: str) -> ParsedRequirement:
    try:
        return ParsedRequirement(raw, Requirement(raw), None)
    except InvalidRequirement as error:
        return ParsedRequirement(raw, None, str(error).splitlines()[0])


def _version(text: str) -> Optional[Version]:
    try:
        return Version(text.rstrip(".*"))
    except InvalidVersion:
        return None


def lower_bound(specifier: SpecifierSet) -> Optional[Version]:
    """The highest version a clause of ``specifier`` puts a floor at, if any."""
    floors = [
        version
        for clause in specifier
        if clause.operator in _LOWER_OPERATORS
        for version in [_version(clause.version)]
        if version is not None
    ]
    return max(floors) if floors else None


def admits_at_least(specifier: SpecifierSet, minimum: Version) -> bool:
    """Whether ``specifier`` admits some version at or above ``minimum``.

    Checked on ``minimum``, the versions the clauses name and the releases right after
    them, and a far-future version: enough to answer for any clause PEP 440 allows.
    """
    candidates = {minimum, Version("9999")}
    for clause in specifier:
        version = _version(clause.version)
        if version is None:
            continue
        major, minor, micro = [*version.release, 0, 0][:3]
        candidates.update({
            version,
            Version(f"{major}.{minor}.{micro + 1}"),
            Version(f"{major}.{minor + 1}"),
            Version(f"{major + 1}"),
        })
    return any(
        specifier.contains(candidate, prereleases=True)
        for candidate in candidates
        if candidate >= minimum
    )


def add_lower_bound(raw: str, minimum: str) -> Optional[str]:
    """``raw`` with a ``>=minimum`` clause added after its name and extras.

    ``setuptools`` becomes ``setuptools>=61``, ``setuptools<70`` becomes
    ``setuptools>=61,<70``. ``None`` when the result would not parse or is unsatisfiable.
    """
    match = _NAME_AND_EXTRAS.match(raw)
    if match is None:
        return None
    head, rest = raw[: match.end()], raw[match.end():]
    if rest.startswith("("):
        return None
    if rest and rest[0] in "<>=!~":
        new = f"{head}>={minimum},{rest}"
    else:
        new = f"{head.rstrip()}>={minimum}{' ' if rest.startswith(';') else ''}{rest}"
    parsed = parse_requirement(new)
    if parsed.requirement is None or not admits_at_least(parsed.requirement.specifier, Version(minimum)):
        return None
    return new


def raise_lower_bound(raw: str, minimum: str) -> Optional[str]:
    """``raw`` with each ``>=``/``>`` clause below ``minimum`` raised to ``>=minimum``.

    ``None`` when there is no such clause or the result would not admit ``minimum``.
    """
    parsed = parse_requirement(raw)
    if parsed.requirement is None:
        return None
    target = Version(minimum)
    changed = False

    def raise_clause(match: re.Match[str]) -> str:
        nonlocal changed
        version = _version(match.group("version"))
        if version is None or version >= target:
            return match.group(0)
        changed = True
        return f">={minimum}"

    marker_at = raw.find(";")
    head = raw if marker_at == -1 else raw[:marker_at]
    tail = "" if marker_at == -1 else raw[marker_at:]
    name_end = _NAME_AND_EXTRAS.match(head)
    start = name_end.end() if name_end else 0
    new_head = head[:start] + re.sub(
        r"(?<![<>=!~])>=?\s*(?P<version>[0-9][A-Za-z0-9.+!_-]*)", raise_clause, head[start:]
    )
    if not changed:
        return None
    new = new_head + tail
    reparsed = parse_requirement(new)
    if reparsed.requirement is None or not reparsed.requirement.specifier.contains(
        target, prereleases=True
    ):
        return None
    return new


def with_only_lower_bound(raw: str, minimum: str, name: Optional[str] = None) -> Optional[str]:
    """``raw`` with its version clauses replaced by ``>=minimum`` (name, extras, marker kept).

    ``name`` replaces the distribution name too.
    """
    parsed = parse_requirement(raw)
    if parsed.requirement is None or parsed.requirement.url:
        return None
    requirement = parsed.requirement
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    marker = f"; {requirement.marker}" if requirement.marker else ""
    return f"{name or requirement.name}{extras}>={minimum}{marker}"
