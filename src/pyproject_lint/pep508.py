"""PEP 508 requirement strings: reading their bounds and rewriting them minimally.

Rewrites work on the user's own text (spacing, extras, markers and clause order kept) and
are checked by parsing the result with ``packaging``; a rewrite that does not parse, or
does not mean what was intended, is not offered.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from packaging.version import InvalidVersion, Version

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NamedTuple as Record

    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
else:
    from .records import Record

#: The name and extras at the start of a requirement (PEP 508 names, loosely).
_NAME_AND_EXTRAS = re.compile(r"\s*[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\s*(?:\[[^\]]*\]\s*)?")
_LOWER_OPERATORS = (">=", ">", "==", "~=", "===")

# The form nearly every requirement takes (180 of the 199 corpus files use only this form
# in `[build-system]`, `dependencies` and `optional-dependencies`): a name, maybe extras,
# version clauses on plain release numbers, maybe a marker of simple comparisons joined
# by `and`/`or`; no URL, no parentheses, no wildcard. Reading it needs no
# ``packaging.requirements``, whose import (through ``packaging.tags``: logging,
# subprocess, platform) is a third of a cold run. ``test_requirements`` proves this
# reading equals packaging's on every string it accepts.
_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_CLAUSE = r"(?:(?:>=|<=|<|>|==|!=)[ \t]*[0-9]+(?:\.[0-9]+)*|~=[ \t]*[0-9]+(?:\.[0-9]+)+)"
_MARKER_VARIABLE = (
    r"(?:python_version|python_full_version|os_name|sys_platform|platform_system"
    r"|platform_machine|platform_python_implementation|platform_release|implementation_name|extra)"
)
# Values without backslashes or control characters: packaging reads them with
# ``ast.literal_eval``, for which those are not literal.
_MARKER_VALUE = r"[A-Za-z0-9 ._+*!<>=~,-]*"
_MARKER_TEST = rf"{_MARKER_VARIABLE}[ \t]*(?:==|!=|<=|>=|<|>)[ \t]*(?:\"{_MARKER_VALUE}\"|'{_MARKER_VALUE}')"
_SIMPLE = re.compile(
    rf"[ \t]*(?P<name>{_NAME})[ \t]*"
    rf"(?:\[[ \t]*(?P<extras>{_NAME}(?:[ \t]*,[ \t]*{_NAME})*)?[ \t]*\][ \t]*)?"
    rf"(?P<clauses>{_CLAUSE}(?:[ \t]*,[ \t]*{_CLAUSE})*)?[ \t]*"
    rf"(?:;[ \t]*(?P<marker>{_MARKER_TEST}(?:[ \t]+(?:and|or)[ \t]+{_MARKER_TEST})*)[ \t]*)?"
)
_SIMPLE_CLAUSE = re.compile(r"(>=|<=|<|>|==|!=|~=)[ \t]*([0-9.]+)")
_SIMPLE_SPECIFIER = re.compile(rf"[ \t]*{_CLAUSE}(?:[ \t]*,[ \t]*{_CLAUSE})*[ \t]*")
_SEPARATORS = re.compile(r"[-_.]+")


_VALID_NAME = re.compile(_NAME)


def is_valid_name(name: str) -> bool:
    """Whether ``name`` is a valid (not necessarily normalized) PEP 508 / core metadata name."""
    return _VALID_NAME.fullmatch(name) is not None


def canonicalize_name(name: str) -> str:
    """PEP 503 normalisation, as ``packaging.utils.canonicalize_name`` does it.

    The spec's own one-line definition; importing it from ``packaging.utils`` would pull
    in ``packaging.tags`` on every run (``test_requirements`` checks the two agree).
    """
    return _SEPARATORS.sub("-", name).lower()


class ParsedRequirement:
    """One entry of a requirements array: its text and what it means.

    Simple entries are read directly; anything else is read by ``packaging``.
    """

    __slots__ = ("_clauses", "_display_name", "_error", "_extras", "_marker", "_requirement", "raw")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._requirement: Optional[Requirement] = None
        self._error: Optional[str] = None
        simple = _SIMPLE.fullmatch(raw)
        if simple is not None:
            self._display_name: Optional[str] = simple.group("name")
            self._extras = frozenset(extra.strip() for extra in (simple.group("extras") or "").split(",") if extra.strip())
            self._clauses = tuple(_SIMPLE_CLAUSE.findall(simple.group("clauses") or ""))
            self._marker: Optional[str] = simple.group("marker")
            return
        self._marker = None
        from packaging.requirements import InvalidRequirement, Requirement

        try:
            self._requirement = Requirement(raw)
        except InvalidRequirement as error:
            self._error = str(error).splitlines()[0]
            self._display_name, self._extras, self._clauses = None, frozenset(), ()
            return
        self._display_name = self._requirement.name
        self._extras = frozenset(self._requirement.extras)
        self._clauses = tuple((clause.operator, clause.version) for clause in self._requirement.specifier)

    def __repr__(self) -> str:
        return f"ParsedRequirement({self.raw!r})"

    @property
    def valid(self) -> bool:
        return self._error is None

    @property
    def error(self) -> Optional[str]:
        """Why the entry is not PEP 508 (packaging's message), or ``None``."""
        return self._error

    @property
    def display_name(self) -> Optional[str]:
        """The name as written."""
        return self._display_name

    @property
    def name(self) -> Optional[str]:
        return canonicalize_name(self._display_name) if self._display_name else None

    @property
    def meant_name(self) -> Optional[str]:
        """The canonical name, or for an invalid entry the name it starts with."""
        if self.valid:
            return self.name
        match = _NAME_AND_EXTRAS.match(self.raw)
        return canonicalize_name(match.group(0).strip().partition("[")[0].strip()) if match else None

    @property
    def extras(self) -> frozenset[str]:
        """The extras as written."""
        return self._extras

    @property
    def url(self) -> Optional[str]:
        return self._requirement.url if self._requirement else None

    @property
    def marker_text(self) -> Optional[str]:
        """The environment marker as written (read without packaging for simple entries)."""
        if self._requirement is not None:
            return str(self._requirement.marker) if self._requirement.marker is not None else None
        return self._marker

    @property
    def marker(self) -> Optional[Marker]:
        if self._requirement is not None:
            return self._requirement.marker
        if self._marker is None:
            return None
        from packaging.markers import Marker

        return Marker(self._marker)

    @property
    def clauses(self) -> tuple[tuple[str, str], ...]:
        """``(operator, version)`` of each version clause."""
        return self._clauses

    def lower_bound(self) -> Optional[Version]:
        """The highest version a clause puts a floor at, if any."""
        floors = [
            version
            for operator, text in self._clauses
            if operator in _LOWER_OPERATORS
            for version in [_version(text)]
            if version is not None
        ]
        return max(floors) if floors else None

    def contains(self, version: Version) -> bool:
        """Whether the version clauses admit ``version`` (pre-releases included)."""
        if self._requirement is None and _is_plain(version):
            return _simple_contains(self._clauses, version)
        return self._specifier().contains(version, prereleases=True)

    def admits_at_least(self, minimum: Version) -> bool:
        """Whether the version clauses admit some version at or above ``minimum``."""
        if self._requirement is not None or not _is_plain(minimum) or not _only_floors_ceilings_pins(self._clauses):
            return _specifier_admits_at_least(self._specifier(), minimum)
        # Only >=, < and == on release numbers. With a pin, only the pin can qualify;
        # otherwise the least version at or above every floor (``minimum`` included) does,
        # since a ceiling that rejects it rejects everything above it too.
        floor = max([minimum, *(Version(v) for op, v in self._clauses if op == ">=")])
        candidate = next((Version(v) for op, v in self._clauses if op == "=="), floor)
        return candidate >= minimum and _simple_contains(self._clauses, candidate)

    def _specifier(self) -> SpecifierSet:
        if self._requirement is not None:
            return self._requirement.specifier
        from packaging.specifiers import SpecifierSet

        return SpecifierSet(",".join(operator + version for operator, version in self._clauses))


def _is_plain(version: Version) -> bool:
    """A final release without epoch, post, dev or local part: ``66.1.0``."""
    return (
        version.epoch == 0
        and version.pre is None
        and version.post is None
        and version.dev is None
        and version.local is None
    )


def _only_floors_ceilings_pins(clauses: tuple[tuple[str, str], ...]) -> bool:
    return all(operator in (">=", "<", "==") for operator, _ in clauses)


def _simple_contains(clauses: tuple[tuple[str, str], ...], version: Version) -> bool:
    """Clauses on release numbers, for a plain ``version``.

    For plain versions PEP 440's exclusions (pre-releases of a ``<`` bound, post-releases
    of a ``>`` bound, local versions) never apply, so each clause is a plain comparison;
    ``~=X.Y`` is ``>=X.Y`` with the same ``X``.
    """
    return all(_clause_contains(operator, Version(text), version) for operator, text in clauses)


def _clause_contains(operator: str, bound: Version, version: Version) -> bool:
    if operator == ">=":
        return version >= bound
    if operator == "<":
        return version < bound
    if operator == "==":
        return version == bound
    if operator == "<=":
        return version <= bound
    if operator == ">":
        return version > bound
    if operator == "!=":
        return version != bound
    prefix = bound.release[:-1]  # ~=
    return version >= bound and (*version.release, *(0,) * len(prefix))[: len(prefix)] == prefix


def specifier_contains(specifier: str, version: Version) -> Optional[bool]:
    """Whether a version specifier (``requires-python``) admits ``version``; ``None`` if invalid."""
    if _SIMPLE_SPECIFIER.fullmatch(specifier) and _is_plain(version):
        return _simple_contains(tuple(_SIMPLE_CLAUSE.findall(specifier)), version)
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        return SpecifierSet(specifier).contains(version, prereleases=True)
    except InvalidSpecifier:
        return None


_NUMBERS = re.compile(r"\d+(?:\.\d+)*")
#: Minor versions looked at for a whole major series (``Python :: 3``).
MINORS = range(40)


def admits_series(specifier: str, major: int, minor: Optional[int] = None) -> Optional[bool]:
    """Whether ``specifier`` admits some release of Python ``major.minor`` (or ``major``).

    Asked at ``X.Y.0`` and at every version the specifier names in that series and the
    release after it: the admitted releases form ranges that start at one of those.
    ``None`` when the specifier is not valid.
    """
    minors = MINORS if minor is None else (minor,)
    candidates = {(m, 0) for m in minors}
    for text in _NUMBERS.findall(specifier):
        release = [int(part) for part in text.split(".")]
        if release[0] == major and len(release) > 1 and release[1] in minors:
            micro = release[2] if len(release) > 2 else 0
            candidates.update({(release[1], micro), (release[1], micro + 1)})
    for m, micro in sorted(candidates):
        admitted = specifier_contains(specifier, Version(f"{major}.{m}.{micro}"))
        if admitted is None:
            return None
        if admitted:
            return True
    return False


def parse_requirement(raw: str) -> ParsedRequirement:
    return ParsedRequirement(raw)


def _version(text: str) -> Optional[Version]:
    try:
        return Version(text.rstrip(".*"))
    except InvalidVersion:
        return None


def _specifier_admits_at_least(specifier: SpecifierSet, minimum: Version) -> bool:
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


class ClauseStyle(Record):
    """How a requirement spaces its version clauses: ``setuptools >= 61, < 70`` is
    ``ClauseStyle(" ", " ", ", ")``; fixes write new clauses the same way."""

    before: str = ""
    """Between the name (and extras) and the first operator."""
    after: str = ""
    """Between an operator and its version."""
    comma: str = ","
    """Between two clauses."""


#: Compiled on first use (by a fix), not at import.
_SPACED_CLAUSE = r"(?P<before>\s*)(?:~=|===|==|!=|<=|>=|<|>)(?P<after>\s*)[^\s,;]"


def clause_style(raw: str) -> Optional[ClauseStyle]:
    """The spacing of ``raw``'s version clauses, or ``None`` when it has none."""
    head = raw.split(";", 1)[0]
    name = _NAME_AND_EXTRAS.match(head)
    if name is None:
        return None
    start = len(name.group(0).rstrip())
    clause = re.compile(_SPACED_CLAUSE).match(head, start)
    if clause is None:
        return None
    comma = re.search(r"\s*,\s*", head[clause.end():])
    spaced = bool(clause["before"] or clause["after"])
    return ClauseStyle(clause["before"], clause["after"], comma.group(0) if comma else ", " if spaced else ",")


def add_lower_bound(raw: str, minimum: str, like: Sequence[str] = ()) -> Optional[str]:
    """``raw`` with a ``>=minimum`` clause added after its name and extras, spaced as its
    other clauses are (or, without any, as the first of ``like``, its neighbours, with some).

    ``setuptools`` becomes ``setuptools>=61``, ``setuptools < 70`` becomes
    ``setuptools >= 61, < 70``. ``None`` when the result would not parse or is unsatisfiable.
    """
    match = _NAME_AND_EXTRAS.match(raw)
    if match is None:
        return None
    head, rest = raw[: match.end()], raw[match.end():]
    if rest.startswith("("):
        return None
    own = clause_style(raw)
    style = own or next(filter(None, map(clause_style, like)), ClauseStyle())
    name = head.rstrip()
    clause = f"{style.before}>={style.after}{minimum}"
    # Before other clauses, a comma; before a marker, the space that was there.
    new = f"{name}{clause}{style.comma}{rest.lstrip()}" if own else f"{name}{clause}{head[len(name):]}{rest}"
    parsed = parse_requirement(new)
    if not parsed.valid or not parsed.admits_at_least(Version(minimum)):
        return None
    return new


def raise_lower_bound(raw: str, minimum: str) -> Optional[str]:
    """``raw`` with each ``>=``/``>`` clause below ``minimum`` raised to ``>=minimum``, its
    spacing kept.

    ``None`` when there is no such clause or the result would not admit ``minimum``.
    """
    if not parse_requirement(raw).valid:
        return None
    target = Version(minimum)
    changed = False

    def raise_clause(match: re.Match[str]) -> str:
        nonlocal changed
        version = _version(match.group("version"))
        if version is None or version >= target:
            return match.group(0)
        changed = True
        return f">={match['space']}{minimum}"

    marker_at = raw.find(";")
    head = raw if marker_at == -1 else raw[:marker_at]
    tail = "" if marker_at == -1 else raw[marker_at:]
    name_end = _NAME_AND_EXTRAS.match(head)
    start = name_end.end() if name_end else 0
    new_head = head[:start] + re.sub(
        r"(?<![<>=!~])>=?(?P<space>\s*)(?P<version>[0-9][A-Za-z0-9.+!_-]*)", raise_clause, head[start:]
    )
    if not changed:
        return None
    new = new_head + tail
    reparsed = parse_requirement(new)
    if not reparsed.valid or not reparsed.contains(target):
        return None
    return new


def with_only_lower_bound(raw: str, minimum: str) -> Optional[str]:
    """``raw`` with its version clauses replaced by ``>=minimum``: name, extras, marker and
    spacing as written."""
    parsed = parse_requirement(raw)
    if not parsed.valid or parsed.url:
        return None
    marker_at = raw.find(";")
    head, marker = (raw, "") if marker_at == -1 else (raw[:marker_at], raw[marker_at:])
    name = _NAME_AND_EXTRAS.match(head)
    if name is None:
        return None
    style = clause_style(raw) or ClauseStyle()  # none for `name (>=1)`: written `name>=X`
    spaced = " " if marker and head != head.rstrip() else ""
    return f"{name.group(0).rstrip()}{style.before}>={style.after}{minimum}{spaced}{marker}"


#: Operator runs people write, and the PEP 440 operator they meant.
_OPERATOR_RUN = re.compile(r"[<>=!~]+")
_VALID_OPERATORS = frozenset({"==", "!=", "<=", ">=", "~=", "===", "<", ">"})


def repair_requirement(raw: str) -> Optional[tuple[str, bool]]:
    """``raw`` with its operators corrected (``=>``, ``=<``, ``=``) and whether that is certain.

    ``None`` when nothing needs correcting or the result would still not parse.
    """
    head, semicolon, marker = raw.partition(";")
    guessed = False

    def repair(match: re.Match[str]) -> str:
        nonlocal guessed
        run = match.group(0)
        if run in _VALID_OPERATORS:
            return run
        chars = set(run)
        if chars == {">", "="}:
            return ">="
        if chars == {"<", "="}:
            return "<="
        if run == "=":
            guessed = True  # `name=1.0`: conda's and Poetry's spelling; == is a guess
            return "=="
        return run

    new_head = _OPERATOR_RUN.sub(repair, head).rstrip().rstrip(",")
    if head.endswith(" ") and semicolon:
        new_head += " "
    new = new_head + semicolon + marker
    if new == raw or not parse_requirement(new).valid:
        return None
    return new, not guessed


def admits_at_least(requirements: Sequence[ParsedRequirement], minimum: str) -> bool:
    """Whether some version at or above ``minimum`` satisfies every one of ``requirements``
    (valid, version-constrained entries for one distribution; none: anything goes)."""
    if not requirements:
        return True
    if len(requirements) == 1:
        return requirements[0].admits_at_least(Version(minimum))
    from packaging.specifiers import SpecifierSet

    combined = SpecifierSet(",".join(op + version for r in requirements for op, version in r.clauses))
    return _specifier_admits_at_least(combined, Version(minimum))


def satisfiable(requirements: Sequence[ParsedRequirement]) -> bool:
    """Whether some final release satisfies every clause of ``requirements`` together.

    The versions satisfying a clause form intervals whose lower ends are the versions the
    clauses name (or the next prefix, for ``!=X.*``): a common version exists iff one of
    those ends, a version just above one of them, or ``0`` satisfies every clause.
    """
    clauses = [clause for r in requirements for clause in r.clauses]
    if len(clauses) < 2 or any(operator == "===" for operator, _ in clauses):
        return True  # one clause alone always admits something
    simple = all(r._requirement is None for r in requirements)  # release numbers only: no packaging
    candidates = {Version("0"), Version("0.0.0.0.0.1")}
    for _, text in clauses:
        version = _version(text)
        if version is None:
            return True  # not a version we can reason about: say nothing
        release = version.release
        candidates.add(Version(".".join(map(str, release))))
        candidates.add(Version(".".join(map(str, (*release, 0, 0, 0, 1)))))
        candidates.add(Version(".".join(map(str, (*release[:-1], release[-1] + 1)))))
    if simple:
        return any(_simple_contains(tuple(clauses), candidate) for candidate in candidates)
    for _, text in clauses:  # a clause naming a pre-release admits pre-releases (PEP 440)
        version = _version(text)
        if version is not None and version.is_prerelease:
            candidates.add(version)
    from packaging.specifiers import SpecifierSet

    combined = SpecifierSet(",".join(op + version for op, version in clauses))
    prereleases = any(v.is_prerelease for v in candidates)
    return any(combined.contains(candidate, prereleases=prereleases) for candidate in candidates)


def add_upper_bound(raw: str, ceiling: str) -> Optional[str]:
    """``raw`` with a ``<ceiling`` clause after its version clauses (marker kept).

    ``flit_core>=3.2`` becomes ``flit_core>=3.2,<4.0``; ``None`` when the result would not
    parse or would admit nothing.
    """
    parsed = parse_requirement(raw)
    if not parsed.valid or parsed.url:
        return None
    head, semicolon, marker = raw.partition(";")
    stripped = head.rstrip()
    spacing = head[len(stripped):]
    separator = "," if parsed.clauses else ""
    new = f"{stripped}{separator}<{ceiling}{spacing}{semicolon}{marker}"
    reparsed = parse_requirement(new)
    if not reparsed.valid or not satisfiable([reparsed]):
        return None
    return new
