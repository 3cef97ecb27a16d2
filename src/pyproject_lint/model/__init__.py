"""The build model: what each front end will do with a ``pyproject.toml``.

One :class:`BuildModel` per document (``ctx.model``), computed only as far as a rule asks
and cached: the backend that builds and how it reaches the isolated environment, the
Pythons the project admits, per Python (and platform, where markers differ) the build
requirements after markers and the distributions and modules the environment will hold,
the plugins the ``[tool.*]`` tables call for, what ``setup.py`` imports, and the features
the file uses with the first release of its backend that supports each. Rules query it;
none derives the environment itself. Every fact it uses is data (``pyproject_lint.data``).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from packaging.version import Version

from ..pep508 import ParsedRequirement, canonicalize_name, parse_requirement, satisfiable
from .environment import Entry, Environment, Provision, Target, build_targets, marker_text_holds, reads_platform
from .pythons import Targets, admitted, join_pythons, python_classifiers

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..context import Context
    from ..data import Attribute, Backend, Family, Knowledge, RunsOn
    from ..setup_reader import SetupCfg, SetupPy
    from .environment import Presence
    from .features import Need
    from .plugins import PluginUse
    from .reach import Summary
    from .setup_needs import Needs

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ..records import Record


BUILD_SYSTEM = ("build-system",)
REQUIRES = ("build-system", "requires")
BACKEND = ("build-system", "build-backend")
BACKEND_PATH = ("build-system", "backend-path")
#: The keys PEP 517 and PEP 518 define for ``[build-system]``.
BUILD_SYSTEM_KEYS = ("requires", "build-backend", "backend-path")
#: The top-level tables the specifications define (PEP 518, PEP 621, PEP 735).
TOP_LEVEL_TABLES = ("build-system", "project", "tool", "dependency-groups")
#: The release snapshot: one ``NAME.txt`` per distribution it lists (``pyproject_lint.releases``).
_RELEASES = Path(__file__).resolve().parent.parent / "data" / "releases"
#: PEP 517: ``module_path (':' object_path)?`` of Python identifiers.
_IDENTIFIER = r"[^\W\d]\w*"
_ENTRY_POINT = re.compile(rf"^{_IDENTIFIER}(\.{_IDENTIFIER})*(:{_IDENTIFIER}(\.{_IDENTIFIER})*)?$")


class BackendProblem(Record):
    """A ``build-backend`` string that cannot be what the author meant (PPL104)."""

    kind: str
    """``syntax`` (not ``module:object``), ``object`` (a known module without that object),
    or ``module`` (a misspelling of a known backend)."""
    close: tuple[str, ...]
    """Known backends it is probably a misspelling of, best first."""


class Conflict(Record):
    """Entries of one distribution that no release satisfies together."""

    distribution: str
    indices: tuple[int, ...]
    targets: tuple[Target, ...]


class RemovedAttribute(Record):
    """An attribute ``setup.py`` uses that the installed release of a distribution lacks."""

    attribute: Attribute
    presence: Presence
    targets: list[Target]


class Misspelling(Record):
    key: str
    meant: str


class BuildModel:
    """What the front ends will do with one document. See the module's docstring."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self.data = ctx.data

    @cached_property
    def knowledge(self) -> Knowledge:
        from .. import data

        return data.load()

    # -- [build-system] as written -----------------------------------------------------
    @cached_property
    def build_system(self) -> Optional[dict[str, Any]]:
        return self._ctx.table(BUILD_SYSTEM)

    @cached_property
    def requires_is_list(self) -> bool:
        return isinstance(self._ctx.get(REQUIRES), list)

    @cached_property
    def requirements(self) -> list[tuple[int, ParsedRequirement]]:
        """The string entries of ``requires`` with their indices."""
        requires = self._ctx.get(REQUIRES)
        if not isinstance(requires, list):
            return []
        return [(i, parse_requirement(raw)) for i, raw in enumerate(requires) if isinstance(raw, str)]

    @cached_property
    def required_names(self) -> frozenset[str]:
        return frozenset(parsed.name for _, parsed in self.requirements if parsed.name)

    def requirement_for(self, name: str) -> Optional[tuple[int, ParsedRequirement]]:
        """The first entry of ``requires`` naming ``name`` (canonical)."""
        for index, parsed in self.requirements:
            if parsed.name == name:
                return index, parsed
        return None

    @cached_property
    def backend_string(self) -> Optional[str]:
        value = self.build_system.get("build-backend") if self.build_system else None
        return value if isinstance(value, str) else None

    @cached_property
    def has_backend_path(self) -> bool:
        return bool(self.build_system and "backend-path" in self.build_system)

    @cached_property
    def unknown_keys(self) -> dict[str, list[str]]:
        """Keys of ``[build-system]`` that PEP 517/518 do not define, each with the keys it
        is probably a misspelling of."""
        found = {}
        for key in self.build_system or {}:
            if key in BUILD_SYSTEM_KEYS:
                continue
            import difflib  # only unknown keys get here: kept off the start-up path

            normalized = key.strip().lower().replace("_", "-")
            exact = [known for known in BUILD_SYSTEM_KEYS if known == normalized]
            found[key] = exact or difflib.get_close_matches(normalized, BUILD_SYSTEM_KEYS, n=2, cutoff=0.75)
        return found

    def misspelled(self, key: str) -> bool:
        """Whether ``[build-system]`` has a misspelling of ``key`` (PPL109 reports that, once)."""
        return any(close == [key] for close in self.unknown_keys.values())

    # -- the backend ---------------------------------------------------------------------
    @cached_property
    def backend(self) -> Optional[Backend]:
        """The known backend ``build-backend`` names, if any."""
        if self.backend_string is None:
            return None
        return self.knowledge.backends_by_path.get(self.backend_string.strip())

    @cached_property
    def uses_fallback(self) -> bool:
        """Whether front ends build with their default backend: no ``[build-system]``, or
        one without ``build-backend``."""
        return self.build_system is None or "build-backend" not in self.build_system

    @cached_property
    def effective_backend(self) -> Optional[Backend]:
        """The known backend that builds: the one named, or the front ends' fallback."""
        if self.uses_fallback:
            return self.knowledge.backends_by_path[self.knowledge.fallback_backend]
        return self.backend

    @cached_property
    def backend_module(self) -> Optional[str]:
        """The module front ends import: the named one, or the fallback's."""
        if self.uses_fallback:
            return self.knowledge.fallback_backend.partition(":")[0]
        value = self.backend_string
        if value is None or not _ENTRY_POINT.match(value):
            return None
        return value.partition(":")[0]

    @cached_property
    def backend_problem(self) -> Optional[BackendProblem]:
        """Why the named backend cannot be the one meant (a misspelling, bad syntax)."""
        value = self.backend_string
        if value is None or self.has_backend_path or value in self.knowledge.backends_by_path:
            return None
        stripped = value.strip()
        module = stripped.partition(":")[0]
        valid_syntax = bool(_ENTRY_POINT.match(value))
        known_modules = {backend.module for backend in self.knowledge.backends}
        known_package = module.split(".")[0] in {m.split(".")[0] for m in known_modules}
        close = self._close_backends(stripped)
        if valid_syntax and not known_package and not close:
            return None  # a backend the knowledge does not have: judged by what provides it
        if not valid_syntax:
            return BackendProblem("syntax", close)
        if module in known_modules:
            return BackendProblem("object", close)
        return BackendProblem("module", close)

    def _close_backends(self, value: str) -> tuple[str, ...]:
        import difflib  # only unknown backends get here: kept off the start-up path

        backends = self.knowledge.backends
        module = value.partition(":")[0]
        top = module.split(".")[0]
        family = [
            b.path
            for b in backends
            if b.module.split(".")[0] == top and not b.replaced_by and (":" in b.path) == (":" in value)
        ]
        if family:
            close = difflib.get_close_matches(value, family, n=3, cutoff=0.8)
            close = close or difflib.get_close_matches(value, family, n=3, cutoff=0.5)
            if close:
                return tuple(close)
        lowered = {backend.path.lower(): backend.path for backend in backends}
        if value.lower() in lowered:
            return (lowered[value.lower()],)
        return tuple(difflib.get_close_matches(value, [b.path for b in backends], n=3, cutoff=0.85))

    @cached_property
    def families(self) -> tuple[str, ...]:
        """The families whose ``[tool.*]`` configuration the building backend reads."""
        return self.effective_backend.families if self.effective_backend else ()

    @cached_property
    def runs_setup_files(self) -> bool:
        """Whether the build runs setuptools, and so ``setup.py`` and ``setup.cfg``: a
        setuptools-based backend, or the front ends' fallback."""
        return "setuptools" in self.families

    @cached_property
    def backend_provisions(self) -> dict[Target, Provision]:
        """Per target, whether the environment can import the backend's module; empty when
        that is not the question (an in-tree backend, a misspelled or unreadable one, or no
        ``requires`` list to install)."""
        module = self.backend_module
        if module is None or self.has_backend_path or self.backend_problem is not None:
            return {}
        if self.build_system is not None and not self.requires_is_list:
            return {}
        return {target: self.environment(target).provides(module) for target in self.target_list}

    def backend_since(self, backend: Backend) -> Need:
        """The first release that has the backend module itself, as a need."""
        from ..data import Feature, Span
        from .features import Need

        feature = Feature(backend.canonical_distribution, "backend", Span(backend.since), "fails", "", backend.source)
        return Need(feature, Version(backend.since), f"`{backend.path}` first appears in {backend.distribution} {backend.since}", True)

    # -- the Pythons -----------------------------------------------------------------------
    @cached_property
    def python_classifiers(self) -> list[Any]:
        return python_classifiers(self._ctx.table(("project",)))

    @cached_property
    def targets(self) -> Targets:
        """The modelled CPython minors the project admits: ``requires-python``, else (when
        setuptools builds) ``python_requires`` in ``setup.cfg`` or ``setup.py``, else the
        version classifiers, else all of them."""
        modelled = self.knowledge.pythons
        specifier = self._ctx.get(("project", "requires-python"))
        where = "requires-python"
        if not isinstance(specifier, str) and self.runs_setup_files:
            if self.setup_cfg is not None and self.setup_cfg.python_requires:
                specifier, where = self.setup_cfg.python_requires, "python_requires"
            elif self.setup_py is not None and self.setup_py.python_requires:
                specifier, where = self.setup_py.python_requires, "python_requires"
        return admitted(modelled, specifier if isinstance(specifier, str) else None, where, self.python_classifiers)

    @cached_property
    def split_platforms(self) -> bool:
        """Whether a build requirement's marker tells platforms apart."""
        return any(";" in parsed.raw and reads_platform(parsed.raw.partition(";")[2]) for _, parsed in self.requirements)

    @cached_property
    def target_list(self) -> tuple[Target, ...]:
        return build_targets(self.targets.pythons, self.split_platforms)

    def describe(self, targets: Iterable[Target]) -> str:
        """``Python 3.12 and 3.13 (requires-python = ">=3.9" admits them)``."""
        chosen = list(targets)
        pythons = list(dict.fromkeys(target.python for target in chosen))
        platforms = sorted({str(t).partition(" on ")[2] for t in chosen if t.platform})
        where = f" on {', '.join(platforms)}" if platforms and len(platforms) < 3 else ""
        return self.targets.describe(pythons) + where

    # -- the environment ---------------------------------------------------------------------
    @cached_property
    def _fallback_entries(self) -> tuple[Entry, ...]:
        return (Entry(None, parse_requirement(self.knowledge.fallback_requires), True),)

    def entries(self, target: Target) -> list[Entry]:
        """The ``requires`` entries present on ``target`` (markers evaluated)."""
        if self.build_system is None:
            return list(self._fallback_entries)
        found = []
        for index, parsed in self.requirements:
            if not parsed.valid:
                found.append(Entry(index, parsed, False))  # still says which distribution was meant
                continue
            marker = parsed.marker_text
            holds = True if marker is None else marker_text_holds(marker, target)
            if holds is not False:
                found.append(Entry(index, parsed, holds is True))
        return found

    @cached_property
    def _environments(self) -> dict[Target, Environment]:
        return {}

    def environment(self, target: Target) -> Environment:
        """The isolated build environment on ``target``."""
        found = self._environments.get(target)
        if found is None:
            found = self._environments[target] = Environment(self.knowledge, target, self.entries(target))
        return found

    @cached_property
    def environments(self) -> dict[Target, Environment]:
        return {target: self.environment(target) for target in self.target_list}

    def everywhere(self, name: str) -> bool:
        """Whether ``name`` is possibly in the environment on every target (or, when the
        project admits no modelled Python, in ``requires``)."""
        if not self.target_list:
            return canonicalize_name(name) in self.required_names
        return all(env.has(name) for env in self.environments.values())

    @cached_property
    def conflicts(self) -> list[Conflict]:
        """Distributions whose entries no release satisfies together, on some target."""
        found: dict[tuple[str, tuple[int, ...]], list[Target]] = {}
        for target in self.target_list:
            by_name: dict[str, list[Entry]] = {}
            for entry in self.entries(target):
                if entry.requirement.valid and entry.requirement.name and not entry.requirement.url:
                    by_name.setdefault(entry.requirement.name, []).append(entry)
            for name, entries in by_name.items():
                if any(len(e.requirement.clauses) for e in entries) and not satisfiable([e.requirement for e in entries]):
                    indices = tuple(e.position for e in entries if e.position is not None)
                    found.setdefault((name, indices), []).append(target)
        return [Conflict(name, indices, tuple(targets)) for (name, indices), targets in found.items()]

    def conflicting(self, name: str, target: Target) -> bool:
        return any(c.distribution == name and target in c.targets for c in self.conflicts)

    # -- plugins -------------------------------------------------------------------------------
    @cached_property
    def plugin_uses(self) -> list[PluginUse]:
        """The plugins the ``[tool.*]`` tables of the building backend call for."""
        backend = self.effective_backend
        if backend is None or self.has_backend_path:
            return []
        hosts = {backend.canonical_distribution}
        if "setuptools" in backend.families:
            hosts.add("setuptools")
        from .plugins import uses

        return uses(self.knowledge, self.data, frozenset(hosts))

    # -- features and bounds ---------------------------------------------------------------------
    def needs(self, distribution: str) -> list[Need]:
        """What the file's features need of ``distribution`` (canonical name)."""
        from .features import needs

        return needs(self.knowledge, self.data, distribution)

    def runs_on(self, distribution: str) -> list[tuple[RunsOn, tuple[str, ...]]]:
        """The releases of ``distribution`` that cannot run on some target Python: each
        knowledge row with the admitted Pythons it concerns."""
        found = []
        for row in self.knowledge.runs_on.get(distribution, ()):
            floor = _minor(row.python)
            pythons = tuple(p for p in self.targets.pythons if _minor(p) >= floor)
            if pythons:
                found.append((row, pythons))
        return found

    def suggested_minimum(self, distribution: str) -> Optional[Version]:
        """The lower bound a fix writes for ``distribution``: the first release that supports
        everything the file uses and runs on every Python the project admits; ``None`` when
        nothing known makes any release too old (then a fix adds no bound: ``>=0.1.0``
        would mean nothing)."""
        versions = [need.version for need in self.needs(distribution) if need.is_floor]
        versions += [Version(row.since) for row, _ in self.runs_on(distribution)]
        return max(versions) if versions else None

    def requirement_text(self, distribution: str) -> str:
        """``dist>=X`` (X: :meth:`suggested_minimum`), or just ``dist``."""
        known = self.knowledge.distributions.get(canonicalize_name(distribution))
        name = known.name if known else distribution
        backends = self.knowledge.backends_of(canonicalize_name(distribution))
        if backends:
            name = backends[0].distribution  # as the backend's own documentation writes it
        minimum = self.suggested_minimum(canonicalize_name(distribution))
        return f"{name}>={minimum}" if minimum is not None else name

    # -- setup.py and setup.cfg ------------------------------------------------------------------
    @cached_property
    def setup_py(self) -> Optional[SetupPy]:
        """What the ``setup.py`` beside the file imports and declares (read, never run)."""
        text = self._ctx.read_beside("setup.py")
        if text is None:
            return None
        from ..setup_reader import read_setup_py

        return read_setup_py(text)

    @cached_property
    def setup_cfg(self) -> Optional[SetupCfg]:
        text = self._ctx.read_beside("setup.cfg")
        if text is None:
            return None
        from ..setup_reader import read_setup_cfg

        return read_setup_cfg(text)

    @cached_property
    def has_setup_files(self) -> bool:
        """Whether a ``setup.py``, or a ``setup.cfg`` with package metadata or options, is beside the file."""
        return self.setup_py is not None or (self.setup_cfg is not None and self.setup_cfg.describes_a_package)

    @cached_property
    def local_import_folders(self) -> tuple[str, ...]:
        """The project folders ``setup.py`` can import from beyond its own: those it puts on
        ``sys.path`` (``src/`` when it does so unreadably) and the ``backend-path`` ones."""
        folders: list[str] = []
        setup_py = self.setup_py
        if setup_py is not None and setup_py.changes_sys_path:
            folders += [*setup_py.sys_path_folders, "src"]
        backend_path = self.build_system.get("backend-path") if self.build_system else None
        if isinstance(backend_path, list):
            folders += [entry.strip("/").removeprefix("./") for entry in backend_path if isinstance(entry, str)]
        return tuple(dict.fromkeys(folder for folder in folders if folder not in ("", ".")))

    @cached_property
    def tree_on_sys_path(self) -> bool:
        """Whether the project folder itself is on ``sys.path`` while ``setup.py`` runs: the
        legacy backend puts it there, and a ``backend-path`` of ``.`` does."""
        backend_path = self.build_system.get("backend-path") if self.build_system else None
        return self.uses_fallback or self.backend_string == self.knowledge.fallback_backend or (
            isinstance(backend_path, list) and any(str(entry).strip("/") in ("", ".") for entry in backend_path)
        )

    def is_local(self, top: str, changes_sys_path: bool) -> bool:
        """Whether ``top`` is a module or package of the project folder, or of a folder that
        ``setup.py`` or ``backend-path`` puts on ``sys.path``."""
        places = [f"{top}.py", top] + [f"{folder}/{name}" for folder in self.local_import_folders for name in (f"{top}.py", top)]
        return any(self._ctx.is_file_beside(place) or self._ctx.is_dir_beside(place) for place in places)

    @cached_property
    def setup_needs(self) -> dict[Target, Needs]:
        """What ``setup.py`` lacks, per target (nothing when setuptools does not build)."""
        from .setup_needs import NOTHING, needs

        setup_py = self.setup_py
        if setup_py is None or not self.runs_setup_files or (self.build_system is not None and not self.requires_is_list):
            return {}
        backend = self.effective_backend.canonical_distribution if self.effective_backend else None
        results: dict[Target, Needs] = {}
        for target in self.target_list or (Target(self.knowledge.pythons[-1]),):
            found = needs(
                self.knowledge, self.environment(target), setup_py, self.setup_cfg,
                is_local=self.is_local, backend_distribution=backend,
            )
            results[target] = found if found != NOTHING else NOTHING
        return results

    # -- what the project needs when installed ---------------------------------------------------
    @cached_property
    def dependencies(self) -> list[tuple[tuple[Any, ...], ParsedRequirement]]:
        """Every string of ``dependencies``, ``optional-dependencies`` and ``[dependency-groups]``,
        with its TOML path."""
        arrays: list[tuple[tuple[Any, ...], Any]] = [(("project", "dependencies"), self._ctx.get(("project", "dependencies")))]
        for table in (("project", "optional-dependencies"), ("dependency-groups",)):
            value = self._ctx.get(table)
            if isinstance(value, dict):
                arrays += [((*table, key), entries) for key, entries in value.items()]
        return [
            ((*path, index), parse_requirement(entry))
            for path, entries in arrays
            if isinstance(entries, list)
            for index, entry in enumerate(entries)
            if isinstance(entry, str)
        ]

    @cached_property
    def dependency_reach(self) -> list[tuple[tuple[Any, ...], ParsedRequirement, Summary]]:
        """Each dependency on a distribution the release snapshot lists, with its reach on
        the Pythons the project admits (worked out once for PPL211, PPL212 and PPL213)."""
        found = []
        for path, parsed in self.dependencies:
            if parsed.name is None or not has_release_data(parsed.name):
                continue  # no data, no finding (and nothing loaded)
            from .reach import summarise

            found.append((path, parsed, summarise(parsed, self.targets.pythons)))
        return found

    @cached_property
    def removed_attributes(self) -> list[RemovedAttribute]:
        """What ``setup.py`` calls that the release the build installs no longer has
        (``self.cython_sources`` with Cython 3), with the targets where it is so."""
        from ..data import Span

        setup_py = self.setup_py
        if setup_py is None or not self.runs_setup_files or not setup_py.attributes:
            return []
        found: dict[tuple[str, str], RemovedAttribute] = {}
        for target in self.target_list:
            environment = self.environment(target)
            for name, presence in environment.distributions.items():
                known = self.knowledge.distributions.get(name)
                for attribute in known.attributes if known else ():
                    if attribute.name not in setup_py.attributes:
                        continue
                    if environment.resolves_within(name, Span(until=attribute.until)):
                        continue
                    entry = found.setdefault((name, attribute.name), RemovedAttribute(attribute, presence, []))
                    entry.targets.append(target)
        return list(found.values())

    # -- what the file is ----------------------------------------------------------------------------
    @cached_property
    def project_name(self) -> Optional[str]:
        """``[project].name``, canonical."""
        name = self._ctx.get(("project", "name"))
        return canonicalize_name(name) if isinstance(name, str) else None

    def configures(self, family: Family, path: tuple[str, ...]) -> bool:
        found = self._ctx.table(path)
        if found is None:
            return False
        return family.keys is None or any(key in family.keys for key in found)

    def configured_families(self) -> Iterable[tuple[Family, tuple[str, ...]]]:
        """Each backend family whose build configuration the file has, with the table."""
        for family in self.knowledge.families:
            for path in family.tables:
                if self.configures(family, path):
                    yield family, path

    @cached_property
    def declares_a_package(self) -> bool:
        """Whether the file describes something to build (metadata or a backend's configuration)."""
        if self._ctx.get(("tool", "poetry", "package-mode")) is False or self._ctx.get(("tool", "uv", "package")) is False:
            return False
        return self._ctx.table(("project",)) is not None or any(True for _ in self.configured_families())

    def inferred_backend(self) -> tuple[Backend, str]:
        """The backend a file without one most likely wants, and why."""
        backends = self.knowledge.backends_by_path
        for family, path in self.configured_families():
            return backends[family.backend], f"the file has `[{'.'.join(path)}]`"
        for family in self.knowledge.families:
            for path in family.infer_tables:
                if self._ctx.table(path) is not None:
                    return backends[family.backend], f"the file has `[{'.'.join(path)}]`"
        setuptools = self.knowledge.families_by_name["setuptools"].backend
        return backends[setuptools], "front ends fall back to setuptools"

    @cached_property
    def misspelled_tables(self) -> list[Misspelling]:
        """Top-level keys that are probably a misspelling of a table the specifications define."""
        found = []
        for key in self.data:
            if key in TOP_LEVEL_TABLES:
                continue
            normalized = key.strip().lower().replace("_", "-").replace(" ", "-")
            meant = [table for table in TOP_LEVEL_TABLES if table == normalized]
            if not meant:
                import difflib

                meant = difflib.get_close_matches(normalized, TOP_LEVEL_TABLES, n=1, cutoff=0.75)
            if meant and meant[0] not in self.data:
                found.append(Misspelling(key, meant[0]))
        return found


def has_release_data(name: str) -> bool:
    """Whether the release snapshot lists ``name`` (canonical): a look at one file name,
    so that a file with no listed requirement never loads the snapshot's reader."""
    return name not in ("index", "sdist-failures") and (_RELEASES / f"{name}.txt").is_file()


def _minor(python: str) -> tuple[int, ...]:
    return tuple(int(part) for part in python.split("."))


__all__ = ["BuildModel", "Conflict", "Provision", "Target", "join_pythons"]
