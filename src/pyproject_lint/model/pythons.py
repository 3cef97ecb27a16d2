"""The Pythons a project admits: the CPython minors its build may run on."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

from ..pep508 import admits_series

if TYPE_CHECKING:
    from collections.abc import Sequence

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ..records import Record


#: ``Programming Language :: Python :: 3``, ``:: 3.12``, ``:: 3 :: Only``.
_PYTHON_CLASSIFIER = re.compile(r"Programming Language :: Python :: (\d+)(?:\.(\d+))?( :: Only)?")


class PythonClassifier(Record):
    position: int
    """Its index in ``[project].classifiers``."""
    major: int
    minor: Optional[int]
    only: bool
    """``:: Only`` (``Python :: 3 :: Only``)."""


class Targets(Record):
    """The modelled CPython minors a project admits, and what says so."""

    pythons: tuple[str, ...]
    reason: str
    """``requires-python = ">=3.9"``, ``the classifiers``, or ``nothing``."""
    specifier: Optional[str] = None
    """The ``requires-python`` (or ``python_requires``) the Pythons come from, if any."""

    def describe(self, pythons: Sequence[str]) -> str:
        """``Python 3.12 and 3.13 (`requires-python = ">=3.9"` admits them)``."""
        them = "it" if len(pythons) == 1 else "them"
        verb = {"the classifiers": "name", "nothing": "excludes"}.get(self.reason, "admits")
        if self.reason == "nothing":
            them = "it" if len(pythons) == 1 else "any of them"
        return f"Python {join_pythons(pythons)} ({self.reason} {verb} {them})"


def join_pythons(pythons: Sequence[str]) -> str:
    """``3.9``, ``3.9 and 3.10``, ``3.12 to 3.14`` (a run of consecutive minors)."""
    minors = [int(python.split(".")[1]) for python in pythons]
    if len(minors) > 2 and minors == list(range(minors[0], minors[0] + len(minors))):
        return f"{pythons[0]} to {pythons[-1]}"
    return ", ".join(pythons[:-1]) + (" and " if len(pythons) > 1 else "") + pythons[-1]


def python_classifiers(project: Optional[dict[str, Any]]) -> list[PythonClassifier]:
    """The ``Programming Language :: Python :: N[.M][ :: Only]`` classifiers."""
    classifiers = project.get("classifiers") if project else None
    return [
        PythonClassifier(index, int(match.group(1)), int(match.group(2)) if match.group(2) else None, bool(match.group(3)))
        for index, entry in enumerate(classifiers if isinstance(classifiers, list) else [])
        if isinstance(entry, str)
        for match in [_PYTHON_CLASSIFIER.fullmatch(entry.strip())]
        if match
    ]


def admitted(
    modelled: tuple[str, ...],
    requires_python: Optional[str],
    where: str,
    classifiers: list[PythonClassifier],
) -> Targets:
    """The modelled minors admitted by ``requires_python`` (from ``where``), else by the
    version classifiers, else all of them."""
    if requires_python is not None:
        found = []
        for python in modelled:
            admits = admits_series(requires_python, *(int(part) for part in python.split(".")))
            if admits is None:
                break  # not a specifier: PPL200 reports it; nothing is known
            if admits:
                found.append(python)
        else:
            return Targets(tuple(found), f'`{where} = "{requires_python}"`', requires_python)
    minors = {f"{c.major}.{c.minor}" for c in classifiers if c.minor is not None}
    if minors:
        # The classifiers name the minors the project claims; none of them modelled (an old
        # project's 3.6 to 3.8) leaves nothing to say about any modelled Python.
        return Targets(tuple(python for python in modelled if python in minors), "the classifiers")
    return Targets(modelled, "nothing")
