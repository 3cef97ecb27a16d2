"""What ``setup.py`` (and ``setup.cfg``) need from the build environment, per target.

Only what a build executes counts (the reader in ``pyproject_lint.setup_reader`` decides
that): imports under ``try``/``except ImportError`` and in ``if sys.version_info`` branches
for other Pythons are optional, and command classes for commands no build runs are never
walked. An import is satisfied by the target's standard library, by a distribution the
environment holds, or by a module of the project folder; what is left is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..pep508 import canonicalize_name, parse_requirement

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..data import Knowledge
    from ..setup_reader import Import, SetupCfg, SetupPy, SetupRequires
    from .environment import Environment, Presence


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ..records import Record


class Missing(Record):
    """A distribution ``setup.py`` imports from and the build environment lacks."""

    distribution: str
    """As the knowledge spells it, else the module's name (a guess)."""
    known: bool
    imports: tuple[Import, ...]

    @property
    def first(self) -> Import:
        return self.imports[0]

    def described(self) -> str:
        more = len(self.imports) - 1
        also = f" (and {more} more import{'s' if more > 1 else ''})" if more else ""
        return f"`setup.py:{self.first.line}` imports `{self.first.module}`{also}"


class Removed(Record):
    """An import of a module that the distribution in the environment lacks in the release
    the build installs (``pkg_resources`` from setuptools 82) or on this Python
    (``numpy.distutils`` from Python 3.12)."""

    imported: Import
    presence: Presence
    why: str
    """A relative clause: ``which setuptools 82.0.0 and later lack, and the build installs them``."""
    until: Optional[str] = None
    """The first release without it, when that is the reason."""
    module: str = ""
    """The module missing: the import's own, or the package it is in (``numpy.distutils``)."""


class Needs(Record):
    """What ``setup.py`` imports that one target's build environment may not have."""

    missing: tuple[Missing, ...]
    """Not provided by the environment, nor by ``setup_requires``."""
    too_early: tuple[Missing, ...]
    """Provided only by ``setup_requires``, but imported before ``setup()`` can install it."""
    late: tuple[Missing, ...]
    """Provided only by ``setup_requires``, and imported inside a command: that works."""
    local: tuple[Import, ...]
    """Modules from the project folder (``versioneer.py``, the package itself)."""
    removed: tuple[Removed, ...]


NOTHING = Needs((), (), (), (), ())


def setup_requires(setup_py: Optional[SetupPy], setup_cfg: Optional[SetupCfg]) -> list[SetupRequires]:
    """The ``setup_requires`` declarations of ``setup.cfg`` and ``setup.py``, in that order."""
    found = [setup_cfg.setup_requires if setup_cfg else None, setup_py.setup_requires if setup_py else None]
    return [declaration for declaration in found if declaration is not None]


def needs(
    knowledge: Knowledge,
    environment: Environment,
    setup_py: SetupPy,
    setup_cfg: Optional[SetupCfg],
    *,
    is_local: Callable[[str, bool], bool],
    backend_distribution: Optional[str] = None,
) -> Needs:
    """Classify what ``setup.py`` imports against ``environment``. Imports from the
    backend's own distribution are left out: a missing backend is reported as such."""
    from ..setup_reader import stdlib_modules

    running = stdlib_modules()
    python = environment.target.python
    late_provided = frozenset(
        parsed.name
        for declaration in setup_requires(setup_py, setup_cfg)
        for parsed in map(parse_requirement, declaration.entries)
        if parsed.name
    )
    by_distribution: dict[str, list[Import]] = {}
    spelled: dict[str, tuple[str, bool]] = {}
    local: list[Import] = []
    removed: list[Removed] = []
    for imported in setup_py.needed:
        top = imported.top
        if knowledge.in_stdlib(top, python, running):
            continue
        provision = environment.provides(imported.module)
        if provision.provided or provision.status == "unknown":
            continue
        present = [
            environment.distributions[canonicalize_name(c)] for c in provision.candidates
            if canonicalize_name(c) in environment.distributions
        ]
        if present:  # there, but in a release (or for a Python) without the module
            removed.append(_removed(knowledge, environment, present[0], imported))
            continue
        if is_local(top, setup_py.changes_sys_path):
            local.append(imported)
            continue
        distribution = provision.candidates[0] if provision.candidates else top
        name = canonicalize_name(distribution)
        if name == backend_distribution:
            continue
        by_distribution.setdefault(name, []).append(imported)
        spelled[name] = (distribution, bool(provision.candidates))
    missing, too_early, late = [], [], []
    for name, imports in by_distribution.items():
        entry = Missing(spelled[name][0], spelled[name][1], tuple(imports))
        if name not in late_provided:
            missing.append(entry)
        elif any(i.at_load for i in imports):
            too_early.append(entry._replace(imports=tuple(i for i in imports if i.at_load)))
        else:
            late.append(entry)
    return Needs(tuple(missing), tuple(too_early), tuple(late), tuple(local), tuple(removed))


def _removed(knowledge: Knowledge, environment: Environment, presence: Presence, imported: Import) -> Removed:
    prefix = knowledge.provider_prefix(imported.module)
    for provider, provided in knowledge.providers.get(prefix or "", ()):
        if provider.canonical != presence.name:
            continue
        name = presence.display
        removed = Removed(imported, presence, "", module=provided.name)
        if provided.releases.until is not None and not environment.resolves_within(presence.name, provided.releases):
            until = provided.releases.until
            return removed._replace(why=f"which {name} {until} and later lack, and the build installs them", until=until)
        if provided.releases.since is not None and not environment.resolves_within(presence.name, provided.releases):
            since = provided.releases.since
            return removed._replace(why=f"which {name} before {since} lacks, and `requires` admits only those")
        if provided.python_until is not None:
            return removed._replace(why=f"which no {name} for Python {provided.python_until} and later has")
    return Removed(imported, presence, f"which {presence.display} does not provide", module=imported.module)
