"""What a rule sees: the document's data, its spans, and facts derived from them once."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from packaging.version import Version

from . import knowledge
from .document import Document
from .knowledge import Backend
from .requirements import ParsedRequirement, admits_series, parse_requirement
from .spans import Node, Span, SpanIndex, TomlPath

if TYPE_CHECKING:
    from .setup_files import SetupCfg, SetupPy

_MISSING = object()
#: ``Programming Language :: Python :: 3``, ``:: 3.12``, ``:: 3 :: Only``.
_PYTHON_CLASSIFIER = re.compile(r"Programming Language :: Python :: (\d+)(?:\.(\d+))?( :: Only)?")


class PythonClassifier(NamedTuple):
    position: int
    """Its index in ``[project].classifiers``."""
    major: int
    minor: Optional[int]
    only: bool
    """``:: Only`` (``Python :: 3 :: Only``)."""


class Need(NamedTuple):
    """A release a file needs: the version, why, and whether older ones fail the build."""

    version: Version
    reason: str
    older_breaks: bool


class Context:
    """One document as the rules read it. Rules do no I/O except through this."""

    def __init__(self, document: Document, project_dir: Optional[Path] = None) -> None:
        assert document.data is not None, "rules run only on valid TOML"
        self.document = document
        self.data: dict[str, Any] = document.data
        self.project_dir = project_dir

    # -- reading the data -----------------------------------------------------------
    def get(self, path: TomlPath, default: Any = None) -> Any:
        value: Any = self.data
        for part in path:
            if isinstance(value, dict) and isinstance(part, str) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return default
        return value

    def has(self, path: TomlPath) -> bool:
        return self.get(path, _MISSING) is not _MISSING

    def table(self, path: TomlPath) -> Optional[dict[str, Any]]:
        value = self.get(path)
        return value if isinstance(value, dict) else None

    # -- positions ------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.document.text

    @property
    def spans(self) -> SpanIndex:
        """Every item's spans (a parse of the whole file)."""
        return self.document.spans

    def spans_for(self, path: TomlPath) -> SpanIndex:
        """Spans right for ``path`` and everything under it (maybe from a partial parse)."""
        return self.document.spans_under(path[0]) if path and isinstance(path[0], str) else self.document.spans

    def node(self, path: TomlPath) -> Optional[Node]:
        return self.spans_for(path).get(path)

    def locate(self, path: TomlPath) -> Span:
        return self.spans_for(path).locate(path)

    def locate_key(self, path: TomlPath) -> Span:
        return self.spans_for(path).locate_key(path)

    def start_of_file(self) -> Span:
        first_line_end = self.text.find("\n")
        end = len(self.text) if first_line_end == -1 else first_line_end
        return Span(0, end - (1 if end and self.text[end - 1] == "\r" else 0))

    # -- files beside the pyproject.toml -------------------------------------------------
    def read_beside(self, relative: str) -> Optional[str]:
        """The text of a regular file beside the linted file, or ``None`` (missing, a
        folder or a FIFO, unknown folder)."""
        if self.project_dir is None:
            return None
        try:
            path = self.project_dir / relative
            return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
        except (OSError, ValueError):
            return None

    def is_dir_beside(self, relative: str) -> Optional[bool]:
        """Whether a folder exists beside the linted file (``None``: no folder to look in)."""
        if self.project_dir is None:
            return None
        try:
            return (self.project_dir / relative).is_dir()
        except (OSError, ValueError):
            return False

    def is_file_beside(self, relative: str) -> Optional[bool]:
        if self.project_dir is None:
            return None
        try:
            return (self.project_dir / relative).is_file()
        except (OSError, ValueError):
            return False

    @cached_property
    def setup_py(self) -> Optional[SetupPy]:
        """What the ``setup.py`` beside the file imports and declares (read, never run)."""
        text = self.read_beside("setup.py")
        if text is None:
            return None
        from .setup_files import read_setup_py

        return read_setup_py(text)

    @cached_property
    def setup_cfg(self) -> Optional[SetupCfg]:
        text = self.read_beside("setup.cfg")
        if text is None:
            return None
        from .setup_files import read_setup_cfg

        return read_setup_cfg(text)

    @cached_property
    def runs_setup_files(self) -> bool:
        """Whether the build runs setuptools, and so ``setup.py`` and ``setup.cfg``: a
        setuptools-based backend, or no ``[build-system]`` (the front ends' fallback)."""
        if self.build_system is None:
            return True
        backend = self.effective_backend
        return backend is not None and "setuptools" in backend.families

    # -- [build-system] ------------------------------------------------------------------
    @cached_property
    def build_system(self) -> Optional[dict[str, Any]]:
        return self.table(("build-system",))

    @cached_property
    def backend_string(self) -> Optional[str]:
        value = self.build_system.get("build-backend") if self.build_system else None
        return value if isinstance(value, str) else None

    @cached_property
    def backend(self) -> Optional[Backend]:
        """The known backend named by ``build-backend``, if any."""
        if self.backend_string is None:
            return None
        return knowledge.BACKENDS_BY_PATH.get(self.backend_string.strip())

    @cached_property
    def has_backend_path(self) -> bool:
        return bool(self.build_system and "backend-path" in self.build_system)

    @cached_property
    def requirements(self) -> list[tuple[int, ParsedRequirement]]:
        """The string entries of ``requires`` with their indices."""
        requires = self.build_system.get("requires") if self.build_system else None
        if not isinstance(requires, list):
            return []
        return [(i, parse_requirement(raw)) for i, raw in enumerate(requires) if isinstance(raw, str)]

    @cached_property
    def required_names(self) -> frozenset[str]:
        return frozenset(parsed.name for _, parsed in self.requirements if parsed.name)

    @cached_property
    def available_names(self) -> frozenset[str]:
        """What the build environment gets: ``requires`` and what those install with them."""
        names: set[str] = set()
        for _, parsed in self.requirements:
            # An invalid entry (PPL108's finding) still says which distribution was meant.
            names.add(parsed.meant_name or "")
            provided = knowledge.PROVIDED_BY.get(parsed.meant_name or "", {})
            for extra in (None, *parsed.extras):
                names |= provided.get(extra, frozenset())
        names.discard("")
        return frozenset(names)

    def requirement_for(self, canonical_name: str) -> Optional[tuple[int, ParsedRequirement]]:
        for index, parsed in self.requirements:
            if parsed.name == canonical_name:
                return index, parsed
        return None

    # -- what the file uses ------------------------------------------------------------
    @cached_property
    def project(self) -> Optional[dict[str, Any]]:
        return self.table(("project",))

    @cached_property
    def license_expression(self) -> Optional[str]:
        value = self.project.get("license") if self.project else None
        return value if isinstance(value, str) else None

    def needed_versions(self, backend: Backend) -> list[Need]:
        """The releases of ``backend``'s distribution that the file's content needs, and why."""
        dist = backend.distribution
        needs = [Need(Version(backend.since), f"`{backend.path}` first appears in {dist} {backend.since}", True)]
        if self.project is not None and backend.project_since:
            needs.append(Need(Version(backend.project_since), f"`[project]` needs {dist}>={backend.project_since}", True))
        uses_pep639 = self.license_expression is not None or (
            self.project is not None and "license-files" in self.project
        )
        if uses_pep639 and backend.license_expression_since:
            since = backend.license_expression_since
            expression = self.license_expression or ""
            if backend.compound_license_since and re.search(r"\s(AND|OR|WITH)\s", expression, re.IGNORECASE):
                since = backend.compound_license_since
            needs.append(Need(
                Version(since),
                f"a PEP 639 license expression needs {dist}>={since}",
                backend.older_fails_on_license_expression,
            ))
        return needs

    def minimum_version(self, backend: Backend) -> Need:
        """The lowest release of the backend that supports everything the file uses."""
        return max(self.needed_versions(backend), key=lambda need: need.version)

    def suggested_minimum(self, backend: Backend) -> Version:
        """The lower bound a fix writes: :meth:`minimum_version`, and for setuptools no
        older than the first release that runs on Python 3.12 when the project admits it."""
        minimum = self.minimum_version(backend).version
        if backend.canonical_distribution == "setuptools" and self.python_312_reason:
            minimum = max(minimum, Version(knowledge.SETUPTOOLS_FOR_PYTHON_312))
        return minimum

    @cached_property
    def effective_backend(self) -> Optional[Backend]:
        """The backend that builds: the one named, or the front ends' setuptools fallback."""
        if self.build_system is not None and "build-backend" not in self.build_system:
            return knowledge.BACKENDS_BY_PATH[knowledge.LEGACY_BACKEND]
        return self.backend

    def inferred_backend(self) -> tuple[Backend, str]:
        """The backend a file without one most likely wants, and why."""
        for table in knowledge.CONFIG_TABLES:
            if self.configures(table):
                path = knowledge.FAMILY_BACKEND[table.family]
                return knowledge.BACKENDS_BY_PATH[path], f"the file has `[{'.'.join(table.path)}]`"
        if self.table(("tool", "hatch")) is not None:
            return knowledge.BACKENDS_BY_PATH["hatchling.build"], "the file has `[tool.hatch]`"
        return knowledge.BACKENDS_BY_PATH["setuptools.build_meta"], "front ends fall back to setuptools"

    def configures(self, table: knowledge.ConfigTable) -> bool:
        """Whether the file carries build configuration in ``table``."""
        found = self.table(table.path)
        if found is None:
            return False
        return table.keys is None or any(key in table.keys for key in found)

    @cached_property
    def python_classifiers(self) -> list[PythonClassifier]:
        """The ``Programming Language :: Python :: N[.M][ :: Only]`` classifiers."""
        classifiers = self.project.get("classifiers") if self.project else None
        return [
            PythonClassifier(index, int(match.group(1)), int(match.group(2)) if match.group(2) else None, bool(match.group(3)))
            for index, entry in enumerate(classifiers if isinstance(classifiers, list) else [])
            if isinstance(entry, str)
            for match in [_PYTHON_CLASSIFIER.fullmatch(entry.strip())]
            if match
        ]

    @cached_property
    def python_312_reason(self) -> Optional[str]:
        """Why the project may be built on Python 3.12+, or ``None`` when it may not."""
        requires_python = self.project.get("requires-python") if self.project else None
        if isinstance(requires_python, str):
            for minor in knowledge.PYTHON_312_AND_LATER:
                admitted = admits_series(requires_python, *(int(part) for part in minor.split(".")))
                if admitted is None:
                    return None
                if admitted:
                    return f"`requires-python = \"{requires_python}\"` admits Python {minor}"
            return None
        claimed = [c for c in self.python_classifiers if c.major == 3 and c.minor is not None]
        if claimed:
            later = [c for c in claimed if c.minor is not None and c.minor >= 12]
            return f"the classifiers claim Python 3.{later[0].minor}" if later else None
        return "nothing (`requires-python`, classifiers) excludes Python 3.12+"

    @cached_property
    def quote(self) -> str:
        """The quote the file uses for strings: that of ``requires``' entries, else the first string."""
        for index, _ in self.requirements:
            node = self.node(("build-system", "requires", index))
            if node and node.value:
                return self.text[node.value.start]
        match = re.search(r"=\s*(['\"])", self.text)
        return match.group(1) if match else '"'
