"""Which releases of some compiled distributions have wheels for which CPython: a dated snapshot.

The data lives in ``data/releases/`` (described in ``docs/releases.md``):

- ``INDEX``: the snapshot's date, the modelled Pythons, and each listed distribution with the
  reason it is listed;
- ``<name>.txt``, one per distribution: a line per release, oldest first, giving its
  version, ``Requires-Python``, whether it has an sdist or is yanked, and the CPython minor
  versions it has wheels for on Linux, macOS and Windows;
- ``sdist-failures.txt``: release ranges whose sdist is known not to build on some
  Pythons, each row with its source.

``scripts/update_releases.py`` writes ``INDEX`` and the per-distribution files from the
package index; nothing here touches the network. A distribution's file is read the first
time a requirement names it; a file without such a requirement reads nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from packaging.version import InvalidVersion, Version

from .pep508 import canonicalize_name

if TYPE_CHECKING:
    from typing import NamedTuple as Record

    from packaging.specifiers import SpecifierSet
else:
    from .records import Record

#: The CPython minor versions the snapshot records wheels for, oldest first. Wheels for
#: older or newer Pythons are left out of the data (``scripts/update_releases.py`` reads
#: this tuple); a Python outside it is unknown, not "without wheels".
PYTHONS: tuple[str, ...] = ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15")
#: Platform families, in the order of the data's columns.
PLATFORMS: tuple[str, ...] = ("linux", "macos", "windows")

DATA = Path(__file__).parent / "data" / "releases"
NONE = "-"
"""A field's value when it is empty: no Requires-Python, no flag, no wheel."""


class Release:
    """One version of a distribution on the index, as the snapshot recorded it."""

    __slots__ = ("_version", "_wheels", "has_sdist", "requires_python", "version_text", "yanked")

    def __init__(
        self, version_text: str, requires_python: Optional[str], has_sdist: bool, yanked: bool, wheels: tuple[str, ...]
    ) -> None:
        self.version_text = version_text
        """The version as the index normalises it (``1.26.4``, ``2.0.0rc1``)."""
        self.requires_python = requires_python
        """Its ``Requires-Python``, verbatim but for whitespace; ``None`` when it has none."""
        self.has_sdist = has_sdist
        self.yanked = yanked
        """Yanked (PEP 592): installers skip it unless a requirement pins it with ``==``."""
        self._wheels = wheels
        self._version: Optional[Version] = None

    def __repr__(self) -> str:
        return f"<Release {self.version_text}>"

    @property
    def version(self) -> Version:
        if self._version is None:
            self._version = Version(self.version_text)
        return self._version

    def wheel_pythons(self, platform: str) -> frozenset[str]:
        """The modelled CPython minors (``"3.12"``) with a wheel for ``platform``
        (one of :data:`PLATFORMS`), whatever its architecture; pure and ``abi3`` wheels
        count for every minor they install on."""
        return _minors(self._wheels[PLATFORMS.index(platform)])

    def supports_python(self, python: str) -> bool:
        """Whether its ``Requires-Python`` admits CPython ``python`` (``"3.12"``): some
        release of that minor version. Like pip, an invalid ``Requires-Python`` admits all."""
        return python_admits(self.requires_python, python)


class Releases:
    """Every release of one distribution that the index serves a file for, oldest first."""

    __slots__ = ("fetched", "name", "releases")

    def __init__(self, name: str, fetched: str, releases: tuple[Release, ...]) -> None:
        self.name = name
        """The canonical name (PEP 503)."""
        self.fetched = fetched
        """When the index was asked (``YYYY-MM-DD``)."""
        self.releases = releases

    def __repr__(self) -> str:
        return f"<Releases {self.name}: {len(self.releases)}>"

    def get(self, version: Union[str, Version]) -> Optional[Release]:
        """The release equal to ``version`` (``1.0`` finds ``1.0.0``), if any."""
        try:
            wanted = version if isinstance(version, Version) else Version(version)
        except InvalidVersion:
            return None
        return next((release for release in self.releases if release.version == wanted), None)

    def admitted(self, specifier: Union[str, SpecifierSet], *, include_yanked: bool = False) -> list[Release]:
        """The releases an installer may choose for ``specifier``, oldest first.

        Pre-releases count only when a clause names one or when the distribution has no
        final release (PEP 440, as uv and packaging 26 read it; older pip also takes them
        when no final release matches). Yanked releases count only for a ``==``/``===`` pin
        that names exactly them (PEP 592; pip also falls back to yanked releases when
        nothing else matches), or always with ``include_yanked``. Raises
        ``packaging.specifiers.InvalidSpecifier`` for an invalid specifier.
        """
        text = str(specifier)
        pre_too = _names_prerelease(text) or all(release.version.is_prerelease for release in self.releases)
        matching = [
            release
            for release in self.releases
            if (pre_too or not release.version.is_prerelease) and _contains(text, release.version)
        ]
        if include_yanked:
            return matching
        chosen = [release for release in matching if not release.yanked]
        if not chosen and _pins(text):
            return matching
        return chosen


class SdistFailure(Record):
    """Why a release's sdist cannot build on some Python, and how that is known."""

    reason: str
    """Short enough for a diagnostic: ``needs distutils, which Python 3.12 removed``."""
    source: str
    """A changelog line, an upstream issue, or a build run here (``EXP``), with its date."""


# -- reading --------------------------------------------------------------------------------

_LOADED: dict[str, Releases] = {}
_MINORS: dict[str, frozenset[str]] = {NONE: frozenset()}
_ADMITS: dict[tuple[Optional[str], str], bool] = {}


def read_index(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """``INDEX``'s settings (``date``, ``pythons``) and its distributions with their reasons."""
    settings: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition(" ")
        if head.endswith(":"):
            settings[head[:-1]] = rest.strip()
        else:
            reasons[head] = rest.strip()
    return settings, reasons


def _index() -> tuple[dict[str, str], dict[str, str]]:
    return read_index((DATA / "INDEX").read_text(encoding="utf-8"))


def snapshot_date() -> str:
    """The day the index was last asked about every listed distribution (``YYYY-MM-DD``)."""
    return _index()[0]["date"]


@cache
def listed() -> frozenset[str]:
    """The canonical names the snapshot has releases for."""
    return frozenset(_index()[1])


def is_listed(name: str) -> bool:
    """Whether the snapshot knows the releases of ``name`` (any spelling of it)."""
    return canonicalize_name(name) in listed()


def releases(name: str) -> Optional[Releases]:
    """The releases of ``name`` (any spelling), or ``None`` when it is not listed."""
    canonical = canonicalize_name(name)
    loaded = _LOADED.get(canonical)
    if loaded is None:
        if canonical not in listed():
            return None
        text = (DATA / f"{canonical}.txt").read_text(encoding="utf-8")
        loaded = _LOADED[canonical] = parse_releases(canonical, text)
    return loaded


def parse_releases(name: str, text: str) -> Releases:
    """Read one distribution's file (see ``docs/releases.md`` for its lines)."""
    fetched = ""
    rows = []
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith("# fetched "):
                fetched = line.split()[2]
            continue
        if not line:
            continue
        version, requires_python, flags, *wheels = line.split(" ")
        rows.append(
            Release(version, None if requires_python == NONE else requires_python, "s" in flags, "y" in flags, tuple(wheels))
        )
    return Releases(name, fetched, tuple(rows))


def _minors(field: str) -> frozenset[str]:
    """``3.9-3.11,3.13`` as the set of minors it names."""
    minors = _MINORS.get(field)
    if minors is None:
        found: set[str] = set()
        for part in field.split(","):
            first, _, last = part.partition("-")
            found.update(PYTHONS[PYTHONS.index(first) : PYTHONS.index(last or first) + 1])
        minors = _MINORS[field] = frozenset(found)
    return minors


def format_minors(minors: frozenset[str]) -> str:
    """The modelled ``minors`` as runs (``3.9-3.11,3.13``); :data:`NONE` for none."""
    runs: list[list[str]] = []
    previous = -2
    for index, python in enumerate(PYTHONS):
        if python in minors:
            if index == previous + 1:
                runs[-1].append(python)
            else:
                runs.append([python])
            previous = index
    return ",".join(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs) or NONE


def python_admits(requires_python: Optional[str], python: str) -> bool:
    """Whether ``requires_python`` admits some release of CPython ``python`` (``"3.12"``).

    Asked at ``X.Y.0`` and at each micro version the specifier names for ``X.Y`` and the
    one after it: the admitted releases of a minor version form ranges starting at one of
    those. An invalid specifier admits everything, as pip ignores it.
    """
    if requires_python is None:
        return True
    key = (requires_python, python)
    admitted = _ADMITS.get(key)
    if admitted is None:
        micros = {0}
        for part in requires_python.split(","):
            numbers = _clause(part)[1].split(".")
            if ".".join(numbers[:2]) == python:
                micro = int(numbers[2]) if len(numbers) > 2 and numbers[2].isdigit() else 0
                micros.update((micro, micro + 1))
        try:
            admitted = any(_contains(requires_python, Version(f"{python}.{micro}")) for micro in micros)
        except ValueError:  # packaging's InvalidSpecifier
            admitted = True
        _ADMITS[key] = admitted
    return admitted


# -- version specifiers ---------------------------------------------------------------------
# packaging.specifiers costs a few milliseconds to import, more than reading a
# distribution's releases; the specifiers that matter here are nearly all comparisons with
# release numbers (``>=3.9``, ``<1.20``, ``==1.19.5``), which are read directly.

_OPERATORS = ("<=", ">=", "==", "!=", "~=", "<", ">")  # two characters before one
_SIMPLE: dict[str, Optional[tuple[tuple[str, Version], ...]]] = {}


def _clause(text: str) -> tuple[str, str]:
    """A clause's operator and version as written (``===1.0`` gives ``==`` and ``=1.0``)."""
    text = text.strip()
    operator = next((operator for operator in _OPERATORS if text.startswith(operator)), "")
    return operator, text[len(operator) :].strip()


def _simple_clauses(specifier: str) -> Optional[tuple[tuple[str, Version], ...]]:
    """The clauses of a specifier made only of comparisons with release numbers (and
    ``==``/``!=`` with a ``.*`` prefix, kept as ``==*``/``!=*``); ``None`` for any other
    (pre-release bounds, ``===``, invalid)."""
    if specifier not in _SIMPLE:
        clauses = []
        for part in specifier.split(",") if specifier.strip() else ():
            operator, version = _clause(part)
            if operator in ("==", "!=") and version.endswith(".*"):
                operator, version = operator + "*", version[:-2]
            if not (
                operator
                and all(number.isascii() and number.isdigit() for number in version.split("."))
                and (operator != "~=" or "." in version)
            ):
                _SIMPLE[specifier] = None
                return None
            clauses.append((operator, Version(version)))
        _SIMPLE[specifier] = tuple(clauses)
    return _SIMPLE[specifier]


def _pins(specifier: str) -> bool:
    """Whether ``specifier`` has a ``==`` (not a wildcard) or ``===`` clause."""
    return any(operator == "==" and not version.endswith("*") for operator, version in map(_clause, specifier.split(",")))


def _contains(specifier: str, version: Version) -> bool:
    """Whether ``specifier`` admits ``version``, pre-releases included, by PEP 440.
    Raises ``InvalidSpecifier``."""
    clauses = _simple_clauses(specifier)
    if clauses is None or version.epoch or version.pre is not None or version.dev is not None or version.local:
        from packaging.specifiers import SpecifierSet

        return SpecifierSet(specifier).contains(version, prereleases=True)
    # A final or post-release against release numbers: plain comparisons, except that
    # ``>V`` never admits a post-release of ``V`` (PEP 440).
    for operator, bound in clauses:
        if operator == ">=":
            admitted = version >= bound
        elif operator == "<":
            admitted = version < bound
        elif operator == "==":
            admitted = version == bound
        elif operator == "!=":
            admitted = version != bound
        elif operator == "<=":
            admitted = version <= bound
        elif operator == ">":
            admitted = version > bound and not (version.post is not None and Version(version.base_version) == bound)
        elif operator == "~=":  # >=X.Y and the same X
            admitted = version >= bound and _starts_with(version, bound.release[:-1])
        else:  # ==X.Y.* or !=X.Y.*
            admitted = _starts_with(version, bound.release) == (operator == "==*")
        if not admitted:
            return False
    return True


def _starts_with(version: Version, prefix: tuple[int, ...]) -> bool:
    """Whether ``version``'s release, padded with zeros, begins with ``prefix``."""
    return (*version.release, *(0,) * len(prefix))[: len(prefix)] == prefix


def _names_prerelease(specifier: str) -> bool:
    """Whether a clause of ``specifier`` names a pre-release (``>=2.0rc1``), which lets
    pre-releases be chosen."""
    if _simple_clauses(specifier) is not None:
        return False
    from packaging.specifiers import SpecifierSet

    return any(
        clause.operator != "!=" and Version(clause.version.rstrip(".*")).is_prerelease
        for clause in SpecifierSet(specifier)
        if clause.operator != "==="
    )


def sdist_fails(name: str, version: Union[str, Version], python: str) -> Optional[SdistFailure]:
    """Why the sdist of ``name`` ``version`` is known not to build on CPython ``python``
    (``"3.12"``), from ``sdist-failures.txt``; ``None`` when no row says so (which does
    not mean it builds)."""
    rows = _sdist_failures().get(canonicalize_name(name))
    if not rows:
        return None
    wanted = version if isinstance(version, Version) else Version(version)
    for versions, pythons, failure in rows:
        if _contains(versions, wanted) and python_admits(pythons, python):
            return failure
    return None


@cache
def _sdist_failures() -> dict[str, list[tuple[str, str, SdistFailure]]]:
    return read_sdist_failures((DATA / "sdist-failures.txt").read_text(encoding="utf-8"))


def read_sdist_failures(text: str) -> dict[str, list[tuple[str, str, SdistFailure]]]:
    """``sdist-failures.txt``: rows ``name | releases | Pythons | reason | source``."""
    rows: dict[str, list[tuple[str, str, SdistFailure]]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, versions, pythons, reason, source = (field.strip() for field in line.split("|"))
        rows.setdefault(canonicalize_name(name), []).append((versions, pythons, SdistFailure(reason, source)))
    return rows
