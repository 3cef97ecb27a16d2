"""Python reach: whether a requirement can be installed on each Python the project admits.

For the distributions the release snapshot lists (``pyproject_lint.releases``, loaded only
when a requirement names one), an installer on CPython ``P`` and a platform picks the newest
release the requirement admits whose ``Requires-Python`` admits ``P`` and that has a file it
can use there: a wheel for ``P`` on that platform, else the sdist, which it builds. So per
target the outcome is one of: nothing to install (no admitted release supports ``P``, or none
has a usable file), a wheel (fine), or an sdist built from source, which the knowledge may
know to fail on ``P``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .environment import PLATFORM_NAMES, PLATFORMS, Target, marker_text_holds

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..pep508 import ParsedRequirement
    from ..releases import Release


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ..records import Record


class Reach(Record):
    """What an installer does with one requirement on one target."""

    target: Target
    outcome: str
    """``unsupported`` (no admitted release supports the Python), ``no-file`` (none has a
    wheel or an sdist for it), ``sdist-fails`` (the newest is built from an sdist known to
    fail there), or ``sdist`` (built from source, not known to fail)."""
    release: Optional[Release] = None
    """The release the installer takes (``sdist*``)."""
    reason: str = ""
    """For ``sdist-fails``: why its sdist cannot build there."""


def reach(requirement: ParsedRequirement, pythons: Iterable[str]) -> list[Reach]:
    """The targets (every admitted Python, on Linux, macOS and Windows) on which
    ``requirement`` cannot be installed from a wheel. Empty when the snapshot does not list
    its distribution, when its version clauses cannot be read, or when every target gets a
    wheel. Worked out once per process for each distribution, clauses, marker and Pythons
    (the list is shared: read it, never change it)."""
    from . import has_release_data

    name = requirement.name
    if not requirement.valid or requirement.url or name is None or not has_release_data(name):
        return []
    specifier = ",".join(operator + version for operator, version in requirement.clauses)
    key = (name, specifier, requirement.marker_text, tuple(pythons))
    found = _REACHED.get(key)
    if found is None:
        found = _REACHED[key] = _reach(*key)
    return found


#: What :func:`reach` worked out, by distribution, clauses, marker and Pythons: many files of
#: one run (a monorepo, the corpus) depend on the same few compiled distributions.
_REACHED: dict[tuple[str, str, Optional[str], tuple[str, ...]], list[Reach]] = {}


def _reach(name: str, specifier: str, marker: Optional[str], pythons: tuple[str, ...]) -> list[Reach]:
    from .. import releases

    known = releases.releases(name)
    if known is None:
        return []
    try:
        admitted = known.admitted(specifier)
    except ValueError:  # packaging's InvalidSpecifier: PPL108 and PPL204 report it
        return []
    found = []
    for python in pythons:
        supporting = [release for release in admitted if release.supports_python(python)]
        for platform in PLATFORMS:
            target = Target(python, platform)
            if marker is not None and marker_text_holds(marker, target) is not True:
                continue  # left out there (or only sometimes: nothing certain to say)
            if not admitted:
                continue  # nothing matches at all: a newer snapshot may have it
            if not supporting:
                found.append(Reach(target, "unsupported"))
                continue
            # The installer takes the newest release with a file for the target.
            chosen = next((r for r in reversed(supporting) if r.has_sdist or python in r.wheel_pythons(platform)), None)
            if chosen is None:
                found.append(Reach(target, "no-file"))
                continue
            if python in chosen.wheel_pythons(platform):
                continue
            failure = releases.sdist_fails(name, chosen.version, python)
            if failure is not None:
                found.append(Reach(target, "sdist-fails", chosen, failure.reason))
            else:
                found.append(Reach(target, "sdist", chosen))
    return found


def first_with_wheels(requirement: ParsedRequirement, python: str) -> Optional[Release]:
    """The oldest release of the requirement's distribution (whatever its clauses) with a
    wheel for ``python`` on every platform and a ``Requires-Python`` admitting it."""
    from .. import releases

    known = releases.releases(requirement.name or "")
    if known is None:
        return None
    for release in known.releases:
        if release.yanked or release.version.is_prerelease or not release.supports_python(python):
            continue
        if all(python in release.wheel_pythons(platform) for platform in PLATFORMS):
            return release
    return None


def where(targets: Iterable[Target]) -> str:
    """``CPython 3.12 and 3.13`` or ``CPython 3.12 on Windows``: the platforms named only
    when not all of them are concerned."""
    from .pythons import join_pythons

    chosen = list(targets)
    pythons = list(dict.fromkeys(t.python for t in chosen))
    platforms = sorted({t.platform for t in chosen if t.platform}, key=list(PLATFORMS).index)
    on = "" if len(platforms) == len(PLATFORMS) else " on " + " and ".join(PLATFORM_NAMES[p] for p in platforms)
    return f"CPython {join_pythons(pythons)}{on}"


class Summary(Record):
    """One requirement's reach problems, split by severity."""

    errors: list[Reach]
    """Nothing installs there, or the sdist built there is known to fail."""
    warnings: list[Reach]
    """Built from source there (not known to fail)."""

    def error_message(self, requirement: ParsedRequirement) -> str:
        first = self.errors[0]
        targets = [r.target for r in self.errors]
        name = requirement.display_name
        if first.outcome == "unsupported":
            return (
                f"`{requirement.raw}` admits no {name} release whose Requires-Python admits {where(targets)}: "
                "installers find nothing to install (`No matching distribution`)"
            )
        if first.outcome == "no-file":
            return f"`{requirement.raw}` admits no {name} release with a wheel or an sdist for {where(targets)}"
        assert first.release is not None
        return (
            f"`{requirement.raw}` admits no {name} release with a wheel for {where(targets)}: installers build "
            f"{name} {first.release.version_text} from its sdist, which fails ({first.reason})"
        )

    def warning_message(self, requirement: ParsedRequirement) -> str:
        first = self.warnings[0]
        assert first.release is not None
        return (
            f"`{requirement.raw}` admits no {requirement.display_name} release with a wheel for "
            f"{where(r.target for r in self.warnings)}: installers build {requirement.display_name} "
            f"{first.release.version_text} from "
            "its sdist, which needs a compiler and its libraries"
        )

    def first_python(self, errors: bool = True) -> str:
        chosen = self.errors if errors else self.warnings
        return min((r.target.python for r in chosen), key=lambda p: tuple(int(x) for x in p.split(".")))


def summarise(requirement: ParsedRequirement, pythons: Iterable[str]) -> Summary:
    found = reach(requirement, pythons)
    return Summary(
        [r for r in found if r.outcome in ("unsupported", "no-file", "sdist-fails")],
        [r for r in found if r.outcome == "sdist"],
    )
