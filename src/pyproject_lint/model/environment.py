"""The isolated build environment, per target Python (and platform where markers differ).

A front end installs ``[build-system].requires`` after evaluating their markers, and pip's
resolver takes the newest release each requirement admits. With them come the
distributions they depend on (``poetry`` brings ``poetry-core``): the knowledge lists the
edges that matter, over the releases that have them. What the environment can import is what
those distributions provide.

Markers are evaluated at both ends of a Python minor (``3.12.0`` and a late ``3.12.99``) and,
when a marker reads the platform, on Linux, macOS and Windows: a requirement is *certainly*
present when its marker holds everywhere the target covers, *possibly* present when it holds
somewhere. Findings about something missing look at what is possibly there, findings about
something present at what certainly is, so that neither guesses.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, Union

from ..pep508 import ParsedRequirement, admits_at_least, canonicalize_name

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from packaging.markers import Marker

    from ..data import Knowledge, Module, Span

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ..records import Record


#: Marker values per platform (the most common machine of each).
PLATFORMS: dict[str, dict[str, str]] = {
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"},
    "macos": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "arm64"},
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
}
PLATFORM_NAMES = {"linux": "Linux", "macos": "macOS", "windows": "Windows"}
_PLATFORM_VARIABLE = re.compile(r"\b(sys_platform|platform_system|os_name|platform_machine|platform_release|platform_version)\b")


class Target(Record):
    """A CPython minor, and a platform when the markers tell platforms apart."""

    python: str
    platform: Optional[str] = None

    def __str__(self) -> str:
        return self.python if self.platform is None else f"{self.python} on {PLATFORM_NAMES[self.platform]}"


def reads_platform(marker_text: str) -> bool:
    return _PLATFORM_VARIABLE.search(marker_text) is not None


_SIMPLE_TEST = re.compile(
    r"\s*(?P<variable>python_version|python_full_version|sys_platform|platform_system|os_name|platform_machine"
    r"|implementation_name|platform_python_implementation)\s*(?P<operator><=|>=|==|!=|<|>)\s*"
    r"(?P<quote>['\"])(?P<value>[A-Za-z0-9_.+-]*)(?P=quote)\s*"
)
_VERSION_VARIABLES = frozenset({"python_version", "python_full_version"})
_COMPARE = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def _release(text: str) -> Optional[tuple[int, ...]]:
    parts = text.split(".")
    return tuple(int(part) for part in parts) if all(part.isdigit() for part in parts) else None


def simple_marker_holds(text: str, target: Target) -> Optional[bool]:
    """:func:`marker_holds` for the markers nearly every requirement has (comparisons of the
    Python version or the platform, joined by all ``and`` or all ``or``), without importing
    packaging's marker parser; ``None`` when ``text`` is not of that form (or it depends on
    more than the target says)."""
    if " and " in text and " or " in text:
        return None
    joiner = " or " if " or " in text else " and "
    tests: list[tuple[str, str, Union[str, tuple[int, ...]]]] = []
    for part in text.split(joiner):
        match = _SIMPLE_TEST.fullmatch(part)
        if match is None:
            return None
        variable, operator, value = match.group("variable"), match.group("operator"), match.group("value")
        if variable in _VERSION_VARIABLES:
            release = _release(value)
            if release is None:
                return None
            tests.append((variable, operator, release[:2] if variable == "python_version" else release))
        elif operator in ("==", "!="):
            tests.append((variable, operator, value))
        else:
            return None
    results = set()
    for platform in [target.platform] if target.platform else list(PLATFORMS):
        environment = {
            **PLATFORMS[platform],
            "implementation_name": "cpython",
            "platform_python_implementation": "CPython",
        }
        for micro in ("0", "99"):
            outcomes = []
            for variable, operator, wanted in tests:
                if isinstance(wanted, tuple):
                    actual = _release(target.python if variable == "python_version" else f"{target.python}.{micro}")
                    outcomes.append(_COMPARE[operator](actual, wanted))
                else:
                    outcomes.append((environment[variable] == wanted) == (operator == "=="))
            results.add(any(outcomes) if joiner == " or " else all(outcomes))
    return results.pop() if len(results) == 1 else None


def marker_text_holds(text: str, target: Target) -> Optional[bool]:
    """Whether the marker ``text`` holds on ``target`` (see :func:`marker_holds`)."""
    simple = simple_marker_holds(text.strip(), target)
    if simple is not None:
        return simple
    from packaging.markers import InvalidMarker, Marker

    try:
        return marker_holds(Marker(text), target)
    except InvalidMarker:
        return None


def marker_holds(marker: Marker, target: Target) -> Optional[bool]:
    """Whether ``marker`` holds on ``target``: ``None`` when it depends on more than the target
    says (the micro version, the platform) or cannot be evaluated."""
    platforms = [target.platform] if target.platform else list(PLATFORMS)
    results = set()
    for platform in platforms:
        for micro in ("0", "99"):
            environment = {
                **PLATFORMS[platform],
                "python_version": target.python,
                "python_full_version": f"{target.python}.{micro}",
                "implementation_name": "cpython",
                "platform_python_implementation": "CPython",
                "implementation_version": f"{target.python}.{micro}",
                "platform_release": "",
                "platform_version": "",
                "extra": "",
            }
            try:
                results.add(bool(marker.evaluate(environment)))
            except Exception:  # noqa: BLE001 - packaging raises several kinds on odd markers
                return None
    return results.pop() if len(results) == 1 else None


class Entry(Record):
    """A ``[build-system].requires`` entry present on a target."""

    position: Optional[int]
    """Its index in ``requires``; ``None`` for the front ends' fallback requirement."""
    requirement: ParsedRequirement
    certain: bool


class Presence(Record):
    """A distribution in the environment, and how it got there."""

    name: str
    """Canonical name."""
    display: str
    """As a requirement or the knowledge spells it."""
    via: tuple[str, ...]
    """The distributions it came through, outermost first (empty: named in ``requires``)."""
    root: Optional[int]
    """The index of the ``requires`` entry the chain starts at."""
    certain: bool

    @property
    def direct(self) -> bool:
        return not self.via


class Provision(Record):
    """Whether a module can be imported in an environment."""

    status: str
    """``provided``, ``absent`` or ``unknown`` (a distribution the knowledge lacks may provide it)."""
    presence: Optional[Presence] = None
    """Who provides it (``provided``)."""
    candidates: tuple[str, ...] = ()
    """The distributions that would (``absent``): display names."""
    assumed: bool = False
    """Provided by a distribution the knowledge lacks, named like the module."""
    module: Optional[Module] = None
    """The knowledge's row for the module provided, if known."""

    @property
    def provided(self) -> bool:
        return self.status == "provided"

    @property
    def absent(self) -> bool:
        return self.status == "absent"


def module_name(distribution: str) -> str:
    """The import name a distribution the knowledge lacks most likely provides."""
    return canonicalize_name(distribution).replace("-", "_")


class Environment:
    """What the isolated build environment holds on one target."""

    def __init__(self, knowledge: Knowledge, target: Target, entries: Sequence[Entry]) -> None:
        self.knowledge = knowledge
        self.target = target
        self.entries = tuple(entries)
        self.constraints: dict[str, list[ParsedRequirement]] = {}
        self.distributions: dict[str, Presence] = {}
        extras: dict[str, set[str]] = {}
        queue: list[Presence] = []
        for entry in self.entries:
            name = entry.requirement.meant_name
            if not name:
                continue
            if entry.requirement.valid:
                self.constraints.setdefault(name, []).append(entry.requirement)
                extras.setdefault(name, set()).update(extra.lower() for extra in entry.requirement.extras)
            old = self.distributions.get(name)
            if old is None or (entry.certain and not old.certain):
                presence = Presence(name, entry.requirement.display_name or name, (), entry.position, entry.certain)
                self.distributions[name] = presence
                queue.append(presence)
        while queue:
            presence = queue.pop(0)
            known = knowledge.distributions.get(presence.name)
            if known is None:
                continue
            for edge in known.requires:
                if edge.extra is not None and edge.extra.lower() not in extras.get(presence.name, ()):
                    continue
                if not self.resolves_within(presence.name, edge.releases):
                    continue
                holds: Optional[bool] = True
                if edge.marker:
                    holds = marker_text_holds(edge.marker, target)
                if holds is False:
                    continue
                certain = presence.certain and holds is True
                old = self.distributions.get(edge.name)
                if old is not None and (old.certain or not certain):
                    continue
                display = knowledge.distributions[edge.name].name if edge.name in knowledge.distributions else edge.name
                brought = Presence(edge.name, display, (*presence.via, presence.display), presence.root, certain)
                self.distributions[edge.name] = brought
                queue.append(brought)
        #: Distributions present that the knowledge knows nothing about.
        self.unknown = frozenset(name for name in self.distributions if name not in knowledge.distributions)

    def has(self, name: str, certain: bool = False) -> bool:
        presence = self.distributions.get(canonicalize_name(name))
        return presence is not None and (presence.certain or not certain)

    def resolves_within(self, name: str, releases: Span) -> bool:
        """Whether the release of ``name`` a resolver installs here (the newest its
        requirements admit) is in ``releases``."""
        constraints = self.constraints.get(name, [])
        if any(c.url for c in constraints):
            constraints = []  # a URL: its version is unknown; taken to be current
        if releases.until is not None and admits_at_least(constraints, releases.until):
            return False
        return releases.since is None or admits_at_least(constraints, releases.since)

    def provides(self, module: str) -> Provision:
        """Whether ``module`` (dotted) can be imported here, and from what."""
        prefix = self.knowledge.provider_prefix(module)
        if prefix is not None:
            providers = self.knowledge.providers[prefix]
            for distribution, provided in providers:
                presence = self.distributions.get(distribution.canonical)
                if presence is None or not self.resolves_within(distribution.canonical, provided.releases):
                    continue
                if provided.python_until is None or _minor(self.target.python) < _minor(provided.python_until):
                    return Provision("provided", presence, module=provided)
            return Provision("absent", candidates=tuple(dict.fromkeys(d.name for d, _ in providers)))
        top = module.partition(".")[0].lower()
        for name in sorted(self.unknown):
            if module_name(name) == top:
                return Provision("provided", self.distributions[name], assumed=True)
        return Provision("unknown") if self.unknown else Provision("absent")


def _minor(python: str) -> tuple[int, ...]:
    return tuple(int(part) for part in python.split("."))


def build_targets(pythons: Iterable[str], split_platforms: bool) -> tuple[Target, ...]:
    platforms: Sequence[Optional[str]] = list(PLATFORMS) if split_platforms else [None]
    return tuple(Target(python, platform) for python in pythons for platform in platforms)
