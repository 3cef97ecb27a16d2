"""What ``setup.py`` and ``setup.cfg`` beside the file need from ``[build-system]``.

The scripts are read with :mod:`ast` and :mod:`configparser` (``pyproject_lint.setup_reader``),
never run. Every finding is reported in ``pyproject.toml`` where its fix goes (the
``requires`` array, else ``[build-system]``, else the start of the file) and names the line
of ``setup.py`` or ``setup.cfg`` that needs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from ... import edits
from ...diagnostics import Diagnostic, Edit, Fix, Severity
from ...fixes import build_requirements_at, insert_build_system
from ...model import BACKEND, BUILD_SYSTEM, REQUIRES
from ...model.setup_needs import setup_requires
from ...pep508 import canonicalize_name, parse_requirement
from ..base import Invalid, Rule, Valid, display_only, unsafe

if TYPE_CHECKING:
    from ...context import Context
    from ...model import Target
    from ...model.setup_needs import Missing, Needs, Removed
    from ...setup_reader import Import

BUILD_META = "setuptools.build_meta"


def _short(version: str) -> str:
    """``82.0.0`` as people write a cap: ``82``."""
    parts = version.split(".")
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return ".".join(parts)


def _union(ctx: Context) -> tuple[dict[str, tuple[Missing, list[Target]]], dict[str, tuple[Missing, list[Target]]],
                                  dict[str, tuple[Removed, list[Target]]], list[Import], Optional[Needs]]:
    """What ``setup.py`` lacks, over every target: missing and too-early distributions and
    removed modules, each with the targets where it is so; local imports; one target's needs."""
    missing: dict[str, tuple[Missing, list[Target]]] = {}
    too_early: dict[str, tuple[Missing, list[Target]]] = {}
    removed: dict[str, tuple[Removed, list[Target]]] = {}
    local: list[Import] = []
    first: Optional[Needs] = None
    for target, found in ctx.model.setup_needs.items():
        first = first or found
        for entry in found.missing:
            missing.setdefault(canonicalize_name(entry.distribution), (entry, []))[1].append(target)
        for entry in found.too_early:
            too_early.setdefault(canonicalize_name(entry.distribution), (entry, []))[1].append(target)
        for gone in found.removed:
            removed.setdefault(gone.imported.module, (gone, []))[1].append(target)
        local += [i for i in found.local if i not in local]
    return missing, too_early, removed, local, first


class UndeclaredBuildImport(Rule):
    """
    ## What it does
    Checks that every module `setup.py` imports while the project builds comes from the
    standard library, from setuptools or from a distribution in `requires`. setuptools
    provides `distutils` and the packages it vendors, such as `packaging`. Build time means the
    script's top level, the functions it calls, and the methods of the command classes it
    hands to `setup()` (`cmdclass`). Imports under a `try` that catches `ImportError` are
    optional and not reported; modules in `setup_requires` are PPL121's.

    It also reports two imports that `requires` cannot satisfy the usual way:
    `pkg_resources`, which setuptools 82.0.0 removed, where the newest setuptools would be
    installed; and a module from the project folder (`versioneer.py`, the package itself)
    with the `setuptools.build_meta` backend, which, unlike the legacy backend, does not
    put that folder on `sys.path`.

    ## Why is this bad?
    Front ends build in an isolated environment that holds only what `requires` lists. A
    `setup.py` importing anything else fails with `ModuleNotFoundError: No module named
    'numpy'` (or `'Cython'`, `'pybind11'`, `'pkg_resources'`, `'versioneer'`), even though
    it builds on the author's machine, where the module happens to be installed.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61"]
    build-backend = "setuptools.build_meta"
    ```

    with a `setup.py` that starts `import numpy`. Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=61", "numpy"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    Unsafe. The fix appends the distribution to `requires`: the one known to provide the
    module (`yaml` is `PyYAML`, `skbuild` is `scikit-build`, see
    `knowledge.IMPORT_DISTRIBUTIONS`), else one named like the module, which is a guess the
    fix title says it is. It adds no version bound (PPL106 then asks for one). For a module
    from the project folder the fix switches to `setuptools.build_meta:__legacy__`, the
    backend front ends used before the file named one; `pkg_resources` gets no fix (cap
    setuptools below 82, or move to `importlib.metadata` and `packaging`).

    ## References
    - [PEP 517: build environment](https://peps.python.org/pep-0517/#build-environment)
    - [pip: build isolation](https://pip.pypa.io/en/stable/reference/build-system/pyproject-toml/#build-isolation)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL120"
    name = "undeclared-build-import"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    EXAMPLE_FILES = {"setup.py": "import numpy\nfrom setuptools import setup\n\nsetup()\n"}
    VALID = [
        Valid(
            """
            [build-system]
            requires = ["setuptools>=61", "Cython>=3", "oldest-supported-numpy", "PyYAML"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                import os, sys, json
                import numpy
                from Cython.Build import cythonize
                import yaml
                from packaging.version import Version
                from distutils.core import Extension
                try:
                    import pybind11
                except ImportError:
                    pybind11 = None
                def unused():
                    import never_called
                from setuptools import setup
                setup()
                """,
            },
        ),
        Valid(  # pkg_resources is still in setuptools < 82
            """
            [build-system]
            requires = ["setuptools>=61,<82"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                import pkg_resources
                from setuptools import setup
                setup()
                """,
            },
        ),
        Valid(  # the legacy backend puts the project folder on sys.path
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta:__legacy__"
            """,
            files={
                "setup.py": """
                import versioneer
                from setuptools import setup
                setup(version=versioneer.get_version())
                """,
                "versioneer.py": """
                def get_version():
                    return '1.0'
                """,
            },
        ),
        Valid(  # versioneer.py is beside it, but the installed versioneer is what imports
            """
            [build-system]
            requires = ["setuptools>=61", "versioneer[toml]>=0.29"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                import versioneer
                from setuptools import setup
                setup(version=versioneer.get_version())
                """,
                "versioneer.py": """
                def get_version():
                    return '1.0'
                """,
            },
        ),
        Valid(  # setup.py puts the folder on sys.path itself
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                import os, sys
                sys.path.insert(0, os.path.dirname(__file__))
                import helper
                """,
                "helper.py": "",
            },
        ),
        Valid(  # hatchling does not run setup.py
            """
            [build-system]
            requires = ["hatchling>=1.27"]
            build-backend = "hatchling.build"
            """,
            files={
                "setup.py": "import numpy\n",
            },
        ),
        Valid(  # setup_requires is PPL121's
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                from setuptools import setup
                setup(setup_requires=['setuptools_scm'])
                """,
                "other.py": "import setuptools_scm\n",
            },
        ),
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                from setuptools import Extension, setup
                import numpy

                setup()
                """,
            },
            at="2:12-2:30",
            message="`setup.py:2` imports `numpy`, which no build requirement provides",
            fix=unsafe("Add `numpy` to `requires`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61", "numpy"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(  # inside a command class handed to setup(), under a known distribution name
            """
            [build-system]
            requires = [
                'setuptools>=61',
            ]
            build-backend = 'setuptools.build_meta'
            """,
            files={
                "setup.py": """
                from setuptools import setup
                from setuptools.command.build_ext import build_ext

                class BuildExt(build_ext):
                    def run(self):
                        from skbuild import cmaker
                        super().run()

                setup(cmdclass={'build_ext': BuildExt})
                """,
            },
            at="2:12-4:2",
            message="`setup.py:6` imports `skbuild`",
            fix=unsafe("Add `scikit-build` to `requires`"),
            fixed="""
            [build-system]
            requires = [
                'setuptools>=61',
                'scikit-build',
            ]
            build-backend = 'setuptools.build_meta'
            """,
        ),
        Invalid(  # a function setup.py calls
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                def config():
                    import yaml
                    return yaml.safe_load('{}')

                config()
                """,
            },
            at="2:12-2:30",
            message="`setup.py:2` imports `yaml`, which no build requirement provides",
            fix=unsafe("Add `PyYAML` to `requires`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61", "PyYAML"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                import pkg_resources
                from setuptools import setup
                setup()
                """,
            },
            at="2:12-2:30",
            message="which setuptools 82.0.0 and later lack",
            fix=display_only("Require `setuptools<82.0.0`, or stop importing `pkg_resources`"),
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                import versioneer
                from setuptools import setup
                setup(version=versioneer.get_version())
                """,
                "versioneer.py": """
                def get_version():
                    return '1.0'
                """,
            },
            at="2:12-2:30",
            message="from the project folder",
            fix=unsafe("Use `setuptools.build_meta:__legacy__`, which puts the project folder on `sys.path`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta:__legacy__"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        setup_py = model.setup_py
        if model.build_system is None or setup_py is None or not model.setup_needs:
            return  # without [build-system], PPL123 says it all
        missing, _, removed, local, _ = _union(ctx)
        at = build_requirements_at(ctx)
        everything = len(model.setup_needs)
        for entry, targets in missing.values():
            top = entry.first.top
            literal = edits.string_literal(entry.distribution, ctx.quote)
            guess = "" if entry.known else " (a distribution named like the module: a guess)"
            where = "" if len(targets) == everything else f" on {model.describe(targets)}"
            yield self.diagnostic(
                at,
                f"{entry.described()}, which no build requirement provides{where}: "
                f"isolated builds fail with `No module named '{top}'`",
                Fix.unsafe(f"Add `{entry.distribution}` to `requires`{guess}", *edits.append_to_array(ctx, REQUIRES, literal)),
                pythons=() if len(targets) == everything else targets,
            )
        for gone, targets in removed.values():
            where = "" if len(targets) == everything else f", on {model.describe(targets)}"
            fix = None
            if gone.until is not None:
                fix = Fix.display_only(
                    f"Require `{gone.presence.display}<{gone.until}`, or stop importing `{gone.imported.module}`"
                )
            yield self.diagnostic(
                at,
                f"`setup.py:{gone.imported.line}` imports `{gone.imported.module}`, {gone.why}{where}: "
                f"the build fails with `No module named '{gone.module}'`",
                fix,
                pythons=() if len(targets) == everything else targets,
            )
        if local and model.backend_string == BUILD_META and not model.tree_on_sys_path and not setup_py.changes_sys_path:
            first = local[0]
            fallback = model.knowledge.fallback_backend
            edit = edits.replace_string(ctx, BACKEND, fallback)
            yield self.diagnostic(
                at,
                f"`setup.py:{first.line}` imports `{first.module}` from the project folder, which "
                f"`{BUILD_META}` does not put on `sys.path`: the import fails",
                Fix.unsafe(f"Use `{fallback}`, which puts the project folder on `sys.path`", edit) if edit else None,
            )


class SetupRequiresDeclared(Rule):
    """
    ## What it does
    Checks for build requirements declared in `setup_requires` that `requires` does not
    list. Both places are read: `setup.cfg`'s `[options]` and the `setup()` call in
    `setup.py`.

    ## Why is this bad?
    `setup_requires` is what `requires` replaced (PEP 518). Front ends learn it only by
    running `setup.py` (setuptools' `get_requires_for_build_wheel` hook), so it is hidden
    from every tool that reads `pyproject.toml`, and it comes too late for the script
    itself: when `setup.py` imports such a module before `setup()` runs, the build fails
    with `No module named ...` (an error). When it is needed only later, inside a
    command, the build works today (a warning).

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61"]
    build-backend = "setuptools.build_meta"
    ```

    with a `setup.cfg` holding `[options]` `setup_requires = setuptools_scm>=8`. Use
    instead:
    ```toml
    [build-system]
    requires = ["setuptools>=61", "setuptools_scm>=8"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    Unsafe: the fix copies the missing entries, as written, into `requires` (it does not
    edit `setup.py` or `setup.cfg`, where the entries can then go). No fix when the list
    is computed rather than written out, or an entry is not a valid requirement.

    ## References
    - [PEP 518: rationale](https://peps.python.org/pep-0518/#rationale)
    - [pip: controlling setup_requires](https://pip.pypa.io/en/stable/reference/build-system/setup-py/#controlling-setup-requires)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL121"
    name = "setup-requires"
    severity = Severity.WARNING
    needs_tables = (BUILD_SYSTEM,)
    EXAMPLE_FILES = {"setup.cfg": "[options]\nsetup_requires = setuptools_scm>=8\n"}
    VALID = [
        Valid(
            """
            [build-system]
            requires = ["setuptools>=61", "setuptools-scm>=8"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.cfg": """
                [options]
                setup_requires = setuptools_scm>=8
                """,
            },
        ),
        Valid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.cfg": """
                [flake8]
                max-line-length = 100
                """,
            },
        ),
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.cfg": """
                [metadata]
                name = demo

                [options]
                setup_requires = setuptools_scm>=8
                """,
            },
            at="2:12-2:30",
            message="`setup.cfg:5` declares build requirements in `setup_requires`",
            severity=Severity.WARNING,
            fix=unsafe("Copy them into `requires`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61", "setuptools_scm>=8"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = [
              'setuptools>=61',
            ]
            build-backend = 'setuptools.build_meta'
            """,
            files={
                "setup.py": """
                from setuptools import setup
                from Cython.Build import cythonize

                setup(
                    setup_requires=['cython>=3', 'numpy'],
                    ext_modules=cythonize('demo/*.pyx'),
                )
                """,
            },
            at="2:12-4:2",
            message="`setup.py:2` imports `Cython.Build` before `setup()` runs",
            severity=Severity.ERROR,
            fix=unsafe("Copy them into `requires`"),
            fixed="""
            [build-system]
            requires = [
              'setuptools>=61',
              'cython>=3',
              'numpy',
            ]
            build-backend = 'setuptools.build_meta'
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                from setuptools import setup
                REQS = get_reqs()
                setup(setup_requires=REQS)
                """,
            },
            at="2:12-2:30",
            message="the list is computed, so it cannot be moved automatically",
            severity=Severity.WARNING,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        if not (model.runs_setup_files and model.requires_is_list):
            return
        _, too_early, _, _, _ = _union(ctx)
        available = {name for env in model.environments.values() for name in env.distributions} or set(model.required_names)
        for declaration in setup_requires(model.setup_py, model.setup_cfg):
            parsed = [parse_requirement(entry) for entry in declaration.entries]
            missing = [p for p in parsed if not p.valid or p.name not in available]
            if not missing and declaration.complete:
                continue
            names = {p.name for p in missing}
            early = [m.first for name, (m, _) in too_early.items() if name in names]
            listed = ", ".join(f"`{p.raw}`" for p in missing)
            message = f"`{declaration.where}` declares build requirements in `setup_requires`"
            message += f" ({listed})" if listed else ""
            message += ", which front ends learn only by running `setup.py`"
            if early:
                message += f"; `setup.py:{early[0].line}` imports `{early[0].module}` before `setup()` runs, so the build fails"
            if not declaration.complete:
                message += "; the list is computed, so it cannot be moved automatically"
            fix = None
            if declaration.complete and all(p.valid for p in missing):
                literals = [edits.string_literal(p.raw, ctx.quote) for p in missing]
                fix = Fix.unsafe("Copy them into `requires`", *edits.append_to_array(ctx, REQUIRES, *literals))
            yield self.diagnostic(
                build_requirements_at(ctx), message, fix, severity=Severity.ERROR if early else Severity.WARNING
            )


class DistutilsInSetupPy(Rule):
    """
    ## What it does
    Checks for a `setup.py` that imports `numpy.distutils`, or the standard library's
    `distutils`.

    ## Why is this bad?
    On the Pythons that still have `numpy.distutils` (before 3.12), it fails with
    setuptools 81 and later (`TypeError: Compiler.__init__() takes from 1 to 3
    positional arguments but 4 were given`), which an isolated build installs unless
    `requires` caps setuptools: an error, naming those Pythons. Where it builds, numpy
    has still deprecated it since 1.23: a warning. (On Python 3.12 and later no numpy
    has `numpy.distutils` at all: PPL120 reports the missing module there.)
    Python 3.12 removed `distutils` itself; it still imports only because setuptools (60
    and later) installs a copy of its own in its place: a warning.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61", "numpy>=1.23"]
    build-backend = "setuptools.build_meta"
    ```

    with a `setup.py` that starts `from numpy.distutils.core import setup`. Use instead a
    backend that builds compiled code without `numpy.distutils` (numpy itself moved to
    meson-python):
    ```toml
    [build-system]
    requires = ["meson-python>=0.13.0", "numpy>=1.23"]
    build-backend = "mesonpy"
    ```

    ## Fix safety
    No fix: moving off `distutils` means rewriting `setup.py` (`setuptools.Extension`,
    `setuptools.command.*`) or the build itself (meson-python, scikit-build-core).

    ## References
    - [PEP 632: Deprecate distutils module](https://peps.python.org/pep-0632/)
    - [numpy: Status of numpy.distutils and migration advice](https://numpy.org/doc/stable/reference/distutils_status_migration.html)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL122"
    name = "distutils-in-setup-py"
    severity = Severity.WARNING
    EXAMPLE_FILES = {"setup.py": "from numpy.distutils.core import setup\nsetup()\n"}
    VALID = [
        Valid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                from setuptools import Extension, setup
                try:
                    from distutils import log
                except ImportError:
                    log = None
                """,
            },
        ),
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61", "numpy>=1.23"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            requires-python = ">=3.9"
            """,
            files={
                "setup.py": """
                from numpy.distutils.core import Extension, setup
                setup()
                """,
            },
            at="2:12-2:45",
            message="`setup.py:1` imports `numpy.distutils.core`",
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61", "numpy>=1.23"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            requires-python = ">=3.9,<3.12"
            """,
            files={
                "setup.py": "from numpy import distutils\n",
            },
            at="2:12-2:45",
            message="setuptools 81.0.0 and later cannot run it",
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61,<81", "numpy>=1.23"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            requires-python = ">=3.9,<3.12"
            """,
            files={
                "setup.py": "from numpy import distutils\n",
            },
            at="2:12-2:49",
            message="numpy deprecated it",
            severity=Severity.WARNING,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                from distutils.core import setup
                setup()
                """,
            },
            at="2:12-2:30",
            message="`setup.py:1` imports `distutils.core`",
            severity=Severity.WARNING,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        setup_py = model.setup_py if model.runs_setup_files else None  # no stat for other backends
        if setup_py is None:
            return
        needed = [i for i in setup_py.imports_of("numpy.distutils") if not i.optional]
        if needed:
            yield from self._numpy_distutils(ctx, needed[0])
        stdlib = [i for i in setup_py.imports_of("distutils") if not i.optional]
        if stdlib:
            yield self.diagnostic(
                build_requirements_at(ctx),
                f"`setup.py:{stdlib[0].line}` imports `{stdlib[0].module}`, which Python 3.12 removed: "
                "it imports only through setuptools' own copy",
            )

    def _numpy_distutils(self, ctx: Context, imported: Import) -> Iterator[Diagnostic]:
        model = ctx.model
        have: list[Target] = []  # where numpy provides it
        broken: list[Target] = []  # ... but beside a setuptools that cannot run it
        why = ""
        for target in model.target_list:
            environment = model.environment(target)
            provision = environment.provides(imported.module)
            if not provision.provided or provision.presence is None:
                continue  # PPL120's finding (or numpy is missing altogether)
            have.append(target)
            module = provision.module
            if module is None or not module.works_with:
                continue
            needs = parse_requirement(module.works_with)
            ceiling = next((version for op, version in needs.clauses if op == "<"), None)
            from ...data import Span

            if needs.name and ceiling and environment.has(needs.name) and not environment.resolves_within(
                needs.name, Span(until=ceiling)
            ):
                broken.append(target)
                why = f"{needs.display_name} {ceiling} and later cannot run it, and the build installs them"
        at = build_requirements_at(ctx)
        if broken:
            everywhere = len(broken) == len(model.target_list)
            where = "" if everywhere else f" on {model.describe(broken)}"
            yield self.diagnostic(
                at,
                f"`setup.py:{imported.line}` imports `{imported.module}`: {why}{where}",
                severity=Severity.ERROR,
                pythons=() if everywhere else broken,
            )
        elif have:
            yield self.diagnostic(
                at,
                f"`setup.py:{imported.line}` imports `{imported.module}`: numpy deprecated it in 1.23, "
                "and tests it only with setuptools < 60",
            )


class SetupPyWithoutBuildSystem(Rule):
    """
    ## What it does
    Checks for a `setup.py` beside a `pyproject.toml` that has no `[build-system]`
    table. A `setup.cfg` with `[metadata]` or `[options]` counts as well.

    ## Why is this bad?
    The build then rests on the front ends' fallback: `setuptools.build_meta:__legacy__`
    with only `setuptools>=40.8.0` installed. When `setup.py` imports anything else at
    build time (`numpy`, `Cython`, a `setup_requires` entry before `setup()` runs,
    `pkg_resources` that the newest setuptools lacks), the isolated build fails: an error.
    Otherwise it builds, but with an unbounded setuptools and a backend nobody chose: a
    warning. This replaces PPL100 for such projects.

    ## Example
    ```toml
    [tool.black]
    line-length = 100
    ```

    beside a `setup.py` that imports `Cython`. Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=66.1.0", "Cython"]
    build-backend = "setuptools.build_meta"

    [tool.black]
    line-length = 100
    ```

    ## Fix safety
    Unsafe: the fix adds a `[build-system]` table (as PPL100 does) whose `requires` holds
    setuptools with the lowest version that supports what the file uses, each distribution
    `setup.py` imports at build time (guessed as PPL120 does) and each `setup_requires`
    entry. Its backend is `setuptools.build_meta`, or `setuptools.build_meta:__legacy__`
    (what builds today) when `setup.py` imports a module from the project folder.

    ## References
    - [PEP 517: source trees](https://peps.python.org/pep-0517/#source-trees)
    - [pip: fallback behaviour](https://pip.pypa.io/en/stable/reference/build-system/pyproject-toml/#fallback-behaviour)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL123"
    name = "setup-py-without-build-system"
    severity = Severity.WARNING
    EXAMPLE_FILES = {"setup.py": "from Cython.Build import cythonize\nfrom setuptools import setup\nsetup()\n"}
    VALID = [
        Valid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                from setuptools import setup
                setup()
                """,
            },
        ),
        Valid(
            """
            [tool.black]
            line-length = 100
            """,
            files={
                "setup.cfg": """
                [flake8]
                max-line-length = 100
                """,
            },
        ),
    ]
    INVALID = [
        Invalid(
            """
            [tool.black]
            line-length = 100
            """,
            files={
                "setup.py": """
                from setuptools import setup
                setup(name='demo', version='1.0')
                """,
            },
            at="1:1-1:13",
            message="`setup.py` beside this file and no `[build-system]`",
            severity=Severity.WARNING,
            fix=unsafe("Add a `[build-system]` table for setuptools"),
            fixed="""
            [build-system]
            requires = ["setuptools>=66.1.0"]
            build-backend = "setuptools.build_meta"

            [tool.black]
            line-length = 100
            """,
        ),
        Invalid(
            """
            # Tools
            [tool.black]
            line-length = 100
            """,
            files={
                "setup.py": """
                import versioneer
                from setuptools import setup
                from Cython.Build import cythonize
                setup(setup_requires=['numpy>=1.23'])
                """,
                "versioneer.py": "",
            },
            at="1:1-1:8",
            message="`setup.py:3` imports `Cython.Build`",
            severity=Severity.ERROR,
            fix=unsafe("Add a `[build-system]` table for setuptools"),
            fixed="""
            # Tools

            [build-system]
            requires = ["setuptools>=66.1.0", "Cython", "numpy>=1.23"]
            build-backend = "setuptools.build_meta:__legacy__"

            [tool.black]
            line-length = 100
            """,
        ),
        Invalid(
            """
            [project]
            name = "demo"
            version = "1.0"
            requires-python = ">=3.9,<3.12"
            """,
            files={
                "setup.cfg": """
                [options]
                packages = find:
                """,
                "setup.py": "import pkg_resources\n",
            },
            at="1:1-1:10",
            message="`setup.py` beside this file and no `[build-system]`",
            severity=Severity.ERROR,
            fix=unsafe("Add a `[build-system]` table for setuptools"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61.0.0,<82"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            version = "1.0"
            requires-python = ">=3.9,<3.12"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        if model.build_system is not None or not model.has_setup_files:
            return
        missing, too_early, removed, local, _ = _union(ctx)
        which = "`setup.py`" if model.setup_py is not None else "`setup.cfg`"
        fallback = f"`{model.knowledge.fallback_backend}` with only `{model.knowledge.fallback_requires}`"
        message = f"{which} beside this file and no `[build-system]`: front ends fall back to {fallback}"
        failing = [f"{m.described()}, which that does not install" for m, _ in missing.values()]
        failing += [f"{m.described()} before `setup()` can install it" for m, _ in too_early.values()]
        failing += [f"`setup.py:{r.imported.line}` imports `{r.imported.module}`, {r.why}" for r, _ in removed.values()]
        if failing:
            message += f"; {failing[0]}, so the build fails"
        yield self.diagnostic(
            ctx.start_of_file(),
            message,
            Fix.unsafe("Add a `[build-system]` table for setuptools", self._insert(ctx, missing, too_early, removed, local)),
            severity=Severity.ERROR if failing else Severity.WARNING,
        )

    @staticmethod
    def _insert(
        ctx: Context,
        missing: dict[str, tuple[Missing, list[Target]]],
        too_early: dict[str, tuple[Missing, list[Target]]],
        removed: dict[str, tuple[Removed, list[Target]]],
        local: list[Import],
    ) -> Edit:
        model = ctx.model
        first = model.requirement_text("setuptools")
        ceilings = [r.until for r, _ in removed.values() if r.presence.name == "setuptools" and r.until]
        if ceilings:
            first += f",<{_short(min(ceilings, key=lambda v: tuple(int(p) for p in v.split('.'))))}"
        wanted: dict[str, str] = {"setuptools": first}
        for entry, _ in (*missing.values(), *too_early.values()):
            wanted.setdefault(canonicalize_name(entry.distribution), entry.distribution)
        for declaration in setup_requires(model.setup_py, model.setup_cfg):
            for parsed in map(parse_requirement, declaration.entries):
                if parsed.valid and parsed.name and parsed.name != "setuptools":
                    wanted[parsed.name] = parsed.raw  # as written, with its version
        from_folder = local and not (model.setup_py is not None and model.setup_py.changes_sys_path)
        backend = model.knowledge.fallback_backend if from_folder else BUILD_META
        return insert_build_system(ctx, [edits.string_literal(r, ctx.quote) for r in wanted.values()], backend)


class InvalidSetupPy(Rule):
    """
    ## What it does
    Checks that the `setup.py` beside the file, which the build runs, is valid Python.

    ## Why is this bad?
    A setuptools build (or the front ends' fallback, without `[build-system]`) runs
    `setup.py` first: a syntax error there fails every build. pyproject-lint reads the
    script without running it, so it cannot say what else the script needs until it
    parses (PPL120 to PPL123 skip what they cannot read).

    ## Example
    A `setup.py`, beside a `pyproject.toml` whose backend is setuptools:
    ```python
    from setuptools import setup
    setup(name="demo"
    ```

    Use instead:
    ```python
    from setuptools import setup
    setup(name="demo")
    ```

    ## Fix safety
    No fix: the error is in `setup.py`, which pyproject-lint never changes.

    ## References
    - [setuptools: setup.py](https://setuptools.pypa.io/en/latest/userguide/quickstart.html)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL124"
    name = "invalid-setup-py"
    severity = Severity.ERROR
    EXAMPLE_FILES = {"setup.py": 'from setuptools import setup\nsetup(name="demo"\n'}
    VALID = [
        Valid(
            """
            [build-system]
            requires = ["hatchling>=1.27"]
            build-backend = "hatchling.build"
            """,
            files={
                "setup.py": "this is not python\n",
            },
        ),
    ]
    INVALID = [
        Invalid(  # A message every Python from 3.9 on words alike, at the same place.
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
            files={
                "setup.py": """
                from setuptools import setup
                setup(name="demo"))
                """,
            },
            at="2:12-2:30",
            message="`setup.py:2:19` does not parse (unmatched ')')",
        ),
        Invalid(
            """
            [tool.black]
            """,
            files={
                "setup.py": "x = 1\x00\n",
            },
            at="1:1-1:13",
            message="`setup.py:1:1` does not parse (source code string cannot contain null bytes)",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        setup_py = model.setup_py if model.runs_setup_files else None  # no stat for other backends
        if setup_py is None or setup_py.syntax_error is None:
            return
        error = setup_py.syntax_error
        yield self.diagnostic(
            build_requirements_at(ctx),
            f"`setup.py:{error.line}:{error.column}` does not parse ({error.message}): every build that runs it fails",
        )

