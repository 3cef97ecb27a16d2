"""What a file uses, and which releases of its backend support it (the feature table)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

from packaging.version import Version

if TYPE_CHECKING:
    from ..data import Feature, Knowledge

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ..records import Record


_COMPOUND = re.compile(r"\s(AND|OR|WITH)\s", re.IGNORECASE)
#: What releases outside a feature's range do, from the worst: a failing or wrong build
#: breaks, writing it the old way only degrades.
BREAKS = frozenset({"fails", "wrong-wheel"})


class Need(Record):
    """A release range a file needs of a distribution, and why."""

    feature: Feature
    version: Version
    """``since`` (the first release that supports it) or ``until`` (the first that does not)."""
    reason: str
    breaks: bool
    """Whether releases outside the range fail or build the wrong thing (else: degrade)."""

    @property
    def is_floor(self) -> bool:
        return self.feature.releases.since is not None


def describe(feature: str) -> str:
    """How a message names a feature."""
    if feature.startswith("config:"):
        return f"`{feature[len('config:'):]}`"
    return {
        "project-table": "`[project]`",
        "license-expression": "a PEP 639 license expression",
        "license-expression-compound": "a license expression with `AND`/`OR`/`WITH`",
        "license-files": "`license-files`",
        "import-names": "`import-names`",
    }.get(feature, f"`{feature}`")


def uses(feature: str, data: dict[str, Any]) -> bool:
    """Whether the file uses ``feature`` (an id of the feature table)."""
    project = data.get("project")
    project = project if isinstance(project, dict) else None
    if feature == "project-table":
        return project is not None
    if project is None and not feature.startswith("config:"):
        return False
    assert project is not None or feature.startswith("config:")
    if feature == "license-expression":
        return project is not None and isinstance(project.get("license"), str)
    if feature == "license-expression-compound":
        license_ = project.get("license") if project else None
        return isinstance(license_, str) and _COMPOUND.search(license_) is not None
    if feature in ("license-files", "import-names"):
        return project is not None and feature in project
    if feature.startswith("config:"):
        return _has_path(data, feature[len("config:"):].split("."))
    return False


def _has_path(value: Any, parts: list[str]) -> bool:
    if not parts:
        return True
    if not isinstance(value, dict):
        return False
    head, rest = parts[0], parts[1:]
    if head == "*":
        return any(_has_path(child, rest) for child in value.values())
    return head in value and _has_path(value[head], rest)


def needs(knowledge: Knowledge, data: dict[str, Any], distribution: str) -> list[Need]:
    """The release ranges the file's features need of ``distribution`` (canonical name)."""
    found = []
    for feature in knowledge.features.get(distribution, ()):
        if not uses(feature.feature, data):
            continue
        name = knowledge.distributions[distribution].name if distribution in knowledge.distributions else distribution
        what = describe(feature.feature)
        if feature.releases.since is not None:
            reason = f"{what} needs {name}>={feature.releases.since}"
            found.append(Need(feature, Version(feature.releases.since), reason, feature.older in BREAKS))
        if feature.releases.until is not None:
            reason = f"{name} {feature.releases.until} and later no longer support {what}"
            found.append(Need(feature, Version(feature.releases.until), reason, feature.newer in BREAKS))
    return found


def floor(found: list[Need]) -> Optional[Need]:
    """The highest ``since`` among ``found``."""
    floors = [need for need in found if need.is_floor]
    return max(floors, key=lambda need: need.version) if floors else None
