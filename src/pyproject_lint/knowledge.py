"""Facts about build backends and front ends, as data that every rule reads.

Everything here comes from ``shared/knowledge/build-system.md`` (compiled 2026-11-21); the
``source`` of each entry names the row there, which in turn cites changelogs, wheels and
local runs of pip 26.3, build 1.6.1 and uv 0.13.9. A rule never hard-codes a backend name.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

from .requirements import canonicalize_name


class Backend(NamedTuple):
    """One ``build-backend`` value and what its distribution supports since when."""

    path: str
    """The ``build-backend`` string, ``module`` or ``module:object``."""
    distribution: str
    """The name to put in ``requires``, spelled as the backend's own documentation does."""
    since: str
    """The first release of ``distribution`` that provides ``path``."""
    families: tuple[str, ...]
    """Which backend family's ``[tool.*]`` configuration this backend reads."""
    source: str
    project_since: Optional[str] = None
    """First release that reads PEP 621 ``[project]`` metadata (``None``: every release)."""
    license_expression_since: Optional[str] = None
    """First release that writes a PEP 639 ``license = "<SPDX expression>"`` correctly."""
    older_fails_on_license_expression: bool = False
    """Whether older releases refuse such a license (rather than write it the old way)."""
    compound_license_since: Optional[str] = None
    """First release that accepts ``AND``/``OR``/``WITH`` in that expression, if later."""
    replaced_by: Optional[str] = None
    """For a deprecated backend: the backend that replaces it."""
    replacement_is_drop_in: bool = False
    """Whether the replacement runs the very same hooks (so the swap is a safe fix)."""
    broken: bool = False
    """A deprecated backend that current releases no longer provide at all."""
    self_hosting_only: bool = False
    """A backend meant only for building its own distribution."""
    refuses_unknown_classifiers: bool = False
    """Whether it refuses to build with a classifier trove-classifiers does not know (§8)."""
    refuses_license_classifiers: bool = False
    """Whether it refuses ``License ::`` classifiers beside a PEP 639 expression (PEP 639 lets it)."""
    version_outside_pyproject: bool = False
    """Whether it takes a missing ``[project].version`` from its own build file (Cargo.toml)."""

    @property
    def module(self) -> str:
        return self.path.partition(":")[0]

    @property
    def canonical_distribution(self) -> str:
        return canonicalize_name(self.distribution)


BACKENDS: tuple[Backend, ...] = (
    Backend(
        "setuptools.build_meta", "setuptools", "36.6.0", ("setuptools",),
        "§1 (WHL, ST-NEWS v36.6.0); §4.2 ([project] 61.0.0; PEP 639 77.0.3 per PyPUG-tabs)",
        project_since="61.0.0", license_expression_since="77.0.3", older_fails_on_license_expression=True,
        refuses_license_classifiers=True,
    ),
    Backend(
        "setuptools.build_meta:__legacy__", "setuptools", "40.8.0", ("setuptools",),
        "§1 (WHL, ST-NEWS v40.8.0); §4.2",
        project_since="61.0.0", license_expression_since="77.0.3", older_fails_on_license_expression=True,
        refuses_license_classifiers=True,
    ),
    Backend(
        "hatchling.build", "hatchling", "0.8.0", ("hatchling",),
        "§1 (WHL); §4.2 (License-Expression under Metadata 2.4 from 1.27.0); §8 (unknown classifiers)",
        license_expression_since="1.27.0", refuses_unknown_classifiers=True,
    ),
    Backend(
        "hatchling.ouroboros", "hatchling", "0.8.0", ("hatchling",),
        "§1 (hatchling's own backend/pyproject.toml)", self_hosting_only=True,
    ),
    Backend(
        "poetry.core.masonry.api", "poetry-core", "1.0.0", ("poetry",),
        "§1 (WHL, PC-CL); §4.2 ([project] 2.0.0, PEP 639 2.2.0)",
        project_since="2.0.0", license_expression_since="2.2.0",
    ),
    Backend(
        "poetry.masonry.api", "poetry", "0.4.0", ("poetry",),
        "§1 (POETRY-DOC: reference poetry-core instead); §8 (still builds with poetry 2.5.1)",
        project_since="2.0.0", license_expression_since="2.2.0",
        replaced_by="poetry.core.masonry.api", replacement_is_drop_in=True,
    ),
    Backend(
        "flit_core.buildapi", "flit_core", "2.0", ("flit",),
        "§1 (WHL, FLIT-CL); §4.2 ([project] 3.2, SPDX id 3.11, AND/OR 3.12)",
        project_since="3.2", license_expression_since="3.11", compound_license_since="3.12",
        older_fails_on_license_expression=True,
    ),
    Backend(
        "flit.buildapi", "flit", "0.12", ("flit",),
        "§1 (flit >= 3.10 warns: change the backend to flit_core.buildapi)",
        project_since="3.2", license_expression_since="3.11", compound_license_since="3.12",
        replaced_by="flit_core.buildapi", replacement_is_drop_in=True,
    ),
    Backend(
        "pdm.backend", "pdm-backend", "2.0.0", ("pdm",),
        "§1 (WHL, PDM-GIT); §4.2 (PEP 639 2.4.1: 2.4.0 yanked)",
        license_expression_since="2.4.1", older_fails_on_license_expression=True,
    ),
    Backend(
        "pdm.pep517.api", "pdm-pep517", "0.1.0", ("pdm",),
        "§1 (renamed to pdm-backend; configuration keys changed, PDM-GIT docs/migration.md)",
        project_since="0.3.1", replaced_by="pdm.backend",
    ),
    Backend(
        "maturin", "maturin", "0.7.2", ("maturin",),
        "§1 (WHL, MAT-CL); §4.2 ([project] 0.11.0, PEP 639 1.9.0); version from Cargo.toml: "
        "maturin issue #1772, and polars in corpus/real builds so",
        project_since="0.11.0", license_expression_since="1.9.0", version_outside_pyproject=True,
    ),
    Backend(
        "scikit_build_core.build", "scikit-build-core", "0.1.0", ("scikit-build",),
        "§1 (WHL); §4.2 (PEP 639 0.11.0)", license_expression_since="0.11.0",
    ),
    Backend(
        "scikit_build_core.setuptools.build_meta", "scikit-build-core", "0.1.0",
        ("scikit-build", "setuptools"), "§1 (setuptools plugin shipped since 0.1.0, WHL)",
    ),
    Backend(
        "mesonpy", "meson-python", "0.1.0", ("meson-python",),
        "§1 (WHL); §4.2 (PEP 639 0.18.0)", license_expression_since="0.18.0",
    ),
    Backend(
        "uv_build", "uv_build", "0.7.19", ("uv",),
        "§1 (UV-CL 0.7.19: the uv build backend is now stable)",
    ),
    Backend(
        "uv", "uv", "0.4.16", ("uv",),
        "§1 (removed in uv 0.6.5; uv 0.13.9 raises 'Did you mean to use `uv_build`')",
        replaced_by="uv_build", broken=True,
    ),
    Backend("enscons.api", "enscons", "0.7.0", ("enscons",), "§1 (WHL)"),
    Backend("sipbuild.api", "sip", "5.0.0", ("sip",), "§1 (sdist listing)"),
    Backend("pbr.build", "pbr", "5.7.0", ("setuptools",), "§1 (WHL, PBR-CL)"),
    Backend("whey", "whey", "0.0.1", ("whey",), "§1 (WHL)"),
    Backend("trampolim", "trampolim", "0.0.1", ("trampolim",), "§1 (WHL)"),
    Backend(
        "jupyter_packaging.build_api", "jupyter-packaging", "0.8.0", ("setuptools",),
        "§1 (WHL; wraps setuptools.build_meta)",
    ),
)

BACKENDS_BY_PATH: dict[str, Backend] = {backend.path: backend for backend in BACKENDS}
BACKEND_MODULES: frozenset[str] = frozenset(backend.module for backend in BACKENDS)
BACKENDS_BY_DISTRIBUTION: dict[str, tuple[Backend, ...]] = {}
for _backend in BACKENDS:
    BACKENDS_BY_DISTRIBUTION.setdefault(_backend.canonical_distribution, ())
    BACKENDS_BY_DISTRIBUTION[_backend.canonical_distribution] += (_backend,)

#: The backend to suggest for a family whose configuration a file carries.
FAMILY_BACKEND: dict[str, str] = {
    "setuptools": "setuptools.build_meta",
    "hatchling": "hatchling.build",
    "poetry": "poetry.core.masonry.api",
    "flit": "flit_core.buildapi",
    "pdm": "pdm.backend",
    "maturin": "maturin",
    "scikit-build": "scikit_build_core.build",
    "meson-python": "mesonpy",
    "uv": "uv_build",
}

#: ``[tool.poetry]`` keys that describe the package poetry-core builds (the rest, such as
#: ``group``, ``dependencies`` or ``package-mode``, configure Poetry the tool).
POETRY_BUILD_KEYS: frozenset[str] = frozenset({
    "name", "version", "description", "license", "authors", "maintainers", "readme",
    "homepage", "repository", "documentation", "keywords", "classifiers", "packages",
    "include", "exclude", "build", "scripts", "plugins", "urls",
})


class ConfigTable(NamedTuple):
    """A ``[tool.*]`` table that only one backend family reads while building."""

    path: tuple[str, ...]
    family: str
    keys: Optional[frozenset[str]] = None
    """Only these keys make it build configuration (``None``: the whole table)."""


#: In the order the PPL100 fix prefers them when inferring a backend from a file.
CONFIG_TABLES: tuple[ConfigTable, ...] = (
    ConfigTable(("tool", "poetry"), "poetry", POETRY_BUILD_KEYS),
    ConfigTable(("tool", "flit"), "flit"),
    ConfigTable(("tool", "maturin"), "maturin"),
    ConfigTable(("tool", "scikit-build"), "scikit-build"),
    ConfigTable(("tool", "meson-python"), "meson-python"),
    ConfigTable(("tool", "hatch", "build"), "hatchling"),
    ConfigTable(("tool", "hatch", "version"), "hatchling"),
    ConfigTable(("tool", "hatch", "metadata"), "hatchling"),
    ConfigTable(("tool", "pdm", "build"), "pdm"),
    ConfigTable(("tool", "pdm", "version"), "pdm"),
    ConfigTable(("tool", "uv", "build-backend"), "uv"),
    ConfigTable(("tool", "setuptools"), "setuptools"),
)

#: Distributions that install a backend's distribution with themselves (their
#: ``Requires-Dist``, read from the current wheels on 2026-11-21), by extra (``None``: always).
PROVIDED_BY: dict[str, dict[Optional[str], frozenset[str]]] = {
    "setuptools-scm": {None: frozenset({"setuptools"})},
    "setuptools-rust": {None: frozenset({"setuptools"})},
    "scikit-build": {None: frozenset({"setuptools"})},
    "jupyter-packaging": {None: frozenset({"setuptools"})},
    "pbr": {None: frozenset({"setuptools"})},
    "hatch-vcs": {None: frozenset({"hatchling", "setuptools-scm", "setuptools"})},
    "hatch-fancy-pypi-readme": {None: frozenset({"hatchling"})},
    # One `numpy==X` per Python version, as its Requires-Dist markers say.
    "oldest-supported-numpy": {None: frozenset({"numpy"})},
    "scikit-build-core": {
        "hatchling": frozenset({"hatchling"}),
        "setuptools": frozenset({"setuptools"}),
        "wheel-free-setuptools": frozenset({"setuptools"}),
    },
}

#: The fallback every front end uses without ``build-backend`` (§2.1: pip, build, uv).
LEGACY_BACKEND = "setuptools.build_meta:__legacy__"
LEGACY_MINIMUM_SETUPTOOLS = "40.8.0"

#: The first setuptools that runs on Python 3.12 (§3.2: 66.0.0 fails, 66.1.0 builds).
SETUPTOOLS_FOR_PYTHON_312 = "66.1.0"
#: The first numpy with Python 3.12 wheels; none of them has numpy.distutils (§3.3).
NUMPY_FOR_PYTHON_312 = "1.26.0"
#: setuptools that no longer needs ``wheel`` at all (§4.1, ST-NEWS v70.1.0).
SETUPTOOLS_WITHOUT_WHEEL = "70.1.0"

#: The keys PEP 517/518 define for ``[build-system]``.
BUILD_SYSTEM_KEYS: tuple[str, ...] = ("requires", "build-backend", "backend-path")

#: Python minor versions from 3.12 on that a project may claim (for PPL107).
PYTHON_312_AND_LATER: tuple[str, ...] = ("3.12", "3.13", "3.14", "3.15")

# -- what setup.py imports (PPL120-PPL124) -----------------------------------------------------

#: Top-level modules a setuptools build environment has whenever setuptools is installed:
#: its own, its ``distutils`` shim (from 60.0.0, §3.1), and since 71.0.0 the packages it
#: vendors, whose folder ``setuptools/__init__.py`` appends to ``sys.path`` (WHL
#: setuptools-84.2.1: ``setuptools/_vendor/``, ``top_level.txt``).
SETUPTOOLS_MODULES: frozenset[str] = frozenset({
    "setuptools", "_distutils_hack", "distutils",
    "autocommand", "backports", "importlib_metadata", "jaraco", "more_itertools",
    "packaging", "platformdirs", "tomli", "wheel", "zipp",
})
#: ``pkg_resources`` left setuptools in 82.0.0 (§3.4: ST-NEWS #3085; wheel 82.0.0 has none),
#: so a ``setup.py`` importing it fails wherever the newest setuptools is installed (EXP).
PKG_RESOURCES_REMOVED = "82.0.0"

#: The first setuptools with which ``numpy.distutils`` (numpy 2.4 on CPython 3.11, the
#: newest that has it) cannot build: ``TypeError: Compiler.__init__() takes from 1 to 3
#: positional arguments but 4 were given``. EXP 2026-11-21, pip 26.3: setuptools 60.10.0,
#: 65.7.0, 70.3.0, 75.8.0, 80.9.0, 80.10.1 and 80.10.2 build; 81.0.0 to 84.0.0 fail.
SETUPTOOLS_BREAKS_NUMPY_DISTUTILS = "81.0.0"

#: Modules that ``setup.py`` scripts commonly import to build, with the distribution that
#: provides each, which is often not named like the module (read from each distribution's
#: current wheel; ``tests/test_frontend.py`` downloads every one and checks that it holds
#: the module). A module not listed is taken to come from a distribution of its own name,
#: which the PPL120 fix then calls a guess. The longest dotted prefix listed wins.
IMPORT_DISTRIBUTIONS: dict[str, str] = {
    "Cython": "Cython",
    "cython": "Cython",
    "pyximport": "Cython",
    "numpy": "numpy",
    "pybind11": "pybind11",
    "nanobind": "nanobind",
    "cffi": "cffi",
    "skbuild": "scikit-build",
    "setuptools_scm": "setuptools-scm",
    "setuptools_rust": "setuptools-rust",
    "setuptools_git_versioning": "setuptools-git-versioning",
    "pkgconfig": "pkgconfig",
    "mypyc": "mypy",
    "pythran": "pythran",
    "cppy": "cppy",
    "sipbuild": "sip",
    "grpc_tools": "grpcio-tools",
    "google.protobuf": "protobuf",
    "yaml": "PyYAML",
    "toml": "toml",
    "git": "GitPython",
    "dateutil": "python-dateutil",
    "PIL": "Pillow",
    "attr": "attrs",
    "jinja2": "Jinja2",
    "versioneer": "versioneer",
    "pip": "pip",
    "cmake": "cmake",
    "ninja": "ninja",
}
