"""A ``[build-system]`` table, or one of its keys, that is not there."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from ... import edits
from ...diagnostics import Applicability, Diagnostic, Fix, Severity
from ...fixes import insert_build_system, requirement_literal
from ...model import BUILD_SYSTEM
from ..base import Invalid, Rule, Valid, safe, unsafe

if TYPE_CHECKING:
    from ...context import Context
    from ...data import Backend


class MissingBuildSystem(Rule):
    """
    ## What it does
    Checks that a `pyproject.toml` describing a package (a `[project]` table or a backend's
    `[tool.*]` build configuration) has a `[build-system]` table.

    ## Why is this bad?
    Without it every front end silently builds with setuptools' legacy backend
    (`setuptools.build_meta:__legacy__` and `setuptools>=40.8.0`). That is rarely what the
    file was written for: Poetry, Hatch or Flit configuration is ignored, and setuptools'
    automatic package discovery refuses many layouts. Files without metadata (tool
    settings only) are not reported, nor are applications that a tool manages without
    building them: `[tool.uv] package = false`, `[tool.poetry] package-mode = false`, or a
    `uv.lock` beside the file (uv does not build a project without `[build-system]`).

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.12"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=66.1.0"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.12"
    ```

    ## Fix safety
    Unsafe: the fix chooses a backend, inferred from the `[tool.*]` tables the file has
    (setuptools otherwise), which changes how the project builds. Its requirement has the
    lowest version that supports what the file uses.

    ## References
    - [PEP 518: build-system table](https://peps.python.org/pep-0518/#build-system-table)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL100"
    name = "missing-build-system"
    severity = Severity.WARNING
    VALID = [
        """
        [build-system]
        requires = ["hatchling>=1.27"]
        build-backend = "hatchling.build"

        [project]
        name = "demo"
        """,
        """
        [tool.ruff]
        line-length = 100
        """,
        """
        [project]
        name = "app"
        version = "1"

        [tool.uv]
        package = false
        """,
        Valid(
            """
            [project]
            name = "app"
            version = "1"
            """,
            files={
                "uv.lock": "version = 1\n",
            },
        ),
        # PPL006's
        """
        [build_system]
        requires = ["hatchling"]

        [project]
        name = "demo"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "demo"
            version = "1.0"
            requires-python = ">=3.12"
            """,
            at="1:1-1:10",
            message="No `[build-system]` table",
            fix=unsafe("Add a `[build-system]` table for `setuptools.build_meta` (front ends fall back to setuptools)"),
            fixed="""
            [build-system]
            requires = ["setuptools>=66.1.0"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            version = "1.0"
            requires-python = ">=3.12"
            """,
        ),
        Invalid(
            """
            # Managed by Poetry
            [tool.poetry]
            name = 'demo'
            version = '1.0'
            """,
            at="1:1-1:20",
            message="No `[build-system]` table",
            fix=unsafe("Add a `[build-system]` table for `poetry.core.masonry.api` (the file has `[tool.poetry]`)"),
            fixed="""
            # Managed by Poetry

            [build-system]
            requires = ['poetry-core']
            build-backend = 'poetry.core.masonry.api'

            [tool.poetry]
            name = 'demo'
            version = '1.0'
            """,
        ),
        Invalid(
            '[project]\r\nname = "demo"\r\nlicense = "MIT"\r\n\r\n[tool.hatch.build.targets.wheel]\r\npackages = ["src/demo"]\r\n',
            at="1:1-1:10",
            message="No `[build-system]` table",
            fix=unsafe("Add a `[build-system]` table for `hatchling.build` (the file has `[tool.hatch.build]`)"),
            fixed='[build-system]\r\nrequires = ["hatchling>=1.27.0"]\r\nbuild-backend = "hatchling.build"\r\n\r\n'
                '[project]\r\nname = "demo"\r\nlicense = "MIT"\r\n\r\n[tool.hatch.build.targets.wheel]\r\npackages = ["src/demo"]\r\n',
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        if ctx.has(BUILD_SYSTEM) or not model.declares_a_package or model.has_setup_files:
            return  # with a setup.py or setup.cfg beside it, PPL123 says more
        if ctx.is_file_beside("uv.lock"):
            return  # uv manages it, and does not build a project without [build-system]
        if any(misspelling.meant == "build-system" for misspelling in model.misspelled_tables):
            return  # there is one, misspelled: PPL006
        backend, why = model.inferred_backend()
        yield self.diagnostic(
            ctx.start_of_file(),
            "No `[build-system]` table: front ends silently build with setuptools' legacy backend "
            "(an application that is never built can say so: `[tool.uv] package = false`)",
            Fix.unsafe(
                f"Add a `[build-system]` table for `{backend.path}` ({why})",
                insert_build_system(ctx, [requirement_literal(ctx, backend.distribution)], backend.path),
            ),
        )


class MissingBuildRequires(Rule):
    """
    ## What it does
    Checks that `[build-system]` has the `requires` key.

    ## Why is this bad?
    PEP 518 makes `requires` mandatory in the table, and every front end refuses the file
    without it: pip reports ``The [build-system] table is missing the mandatory `requires`
    key``, build ``requires` is a required property``, uv ``missing field `requires` ``.

    ## Example
    ```toml
    [build-system]
    build-backend = "hatchling.build"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["hatchling>=0.8.0"]
    build-backend = "hatchling.build"
    ```

    ## Fix safety
    Safe when `build-backend` names a known backend: the fix adds its distribution with
    the lowest version that supports what the file uses. Unsafe when there is no
    `build-backend`: the backend is then inferred from the file.

    ## References
    - [PEP 518: build-system table](https://peps.python.org/pep-0518/#build-system-table)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL101"
    name = "missing-build-requires"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = []
        build-backend = "my_backend"
        backend-path = ["_build"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            build-backend = "hatchling.build"
            """,
            at="1:1-1:15",
            message="`[build-system]` has no `requires`: every front end refuses to build it",
            fix=safe("Add `requires` for `hatchling.build`"),
            fixed="""
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            """,
        ),
        Invalid(
            """
            [build-system]
            """,
            at="1:1-1:15",
            message="`[build-system]` has no `requires`: every front end refuses to build it",
            fix=unsafe("Add `requires` for `setuptools.build_meta`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=66.1.0"]
            """,
        ),
        Invalid(
            """
            build-system.build-backend = 'flit_core.buildapi'
            [project]
            name = 'demo'
            """,
            at="1:1-1:27",
            message="`[build-system]` has no `requires`: every front end refuses to build it",
            fix=safe("Add `requires` for `flit_core.buildapi`"),
            fixed="""
            build-system.requires = ['flit_core>=3.2']
            build-system.build-backend = 'flit_core.buildapi'
            [project]
            name = 'demo'
            """,
        ),
        Invalid(
            """
            build-system = { build-backend = "pdm.backend" }
            """,
            at="1:16-1:49",
            message="`[build-system]` has no `requires`: every front end refuses to build it",
            fix=safe("Add `requires` for `pdm.backend`"),
            fixed="""
            build-system = { requires = ["pdm-backend"], build-backend = "pdm.backend" }
            """,
        ),
        Invalid(
            """
            [build-system]
            build-backend = "my_backend"
            """,
            at="1:1-1:15",
            message="`[build-system]` has no `requires`: every front end refuses to build it",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        assert model.build_system is not None
        if "requires" in model.build_system or model.misspelled("requires"):
            return
        fix: Optional[Fix] = None
        backend: Optional[Backend] = None
        if model.backend is not None:
            backend, applicability = model.backend, Applicability.SAFE
        elif "build-backend" not in model.build_system:
            backend, applicability = model.inferred_backend()[0], Applicability.UNSAFE
        if backend is not None:
            literal = requirement_literal(ctx, backend.distribution)
            edit = edits.insert_key(ctx, BUILD_SYSTEM, "requires", f"[{literal}]")
            if edit is not None:
                fix = Fix(f"Add `requires` for `{backend.path}`", (edit,), applicability)
        yield self.diagnostic(
            ctx.locate(BUILD_SYSTEM),
            "`[build-system]` has no `requires`: every front end refuses to build it",
            fix,
        )


def _backend_candidates(ctx: Context) -> list[Backend]:
    """The main backend of each backend distribution listed in ``requires``."""
    model = ctx.model
    found: dict[str, Backend] = {}
    for name in sorted(model.required_names):
        for backend in model.knowledge.backends_of(name):
            if not (backend.replaced_by or backend.self_hosting_only or backend.path == model.knowledge.fallback_backend):
                found.setdefault(name, backend)
                break
    return list(found.values())


class MissingBuildBackend(Rule):
    """
    ## What it does
    Checks that a `[build-system]` table with `requires` also names its `build-backend`.

    ## Why is this bad?
    Without `build-backend`, front ends fall back to `setuptools.build_meta:__legacy__`.
    When setuptools is not in `requires`, that fails in every front end (`Cannot import
    build backend 'setuptools.build_meta:__legacy__'`): an error. When it is, the project
    builds through the legacy path, which PEP 517 keeps only for old projects: a warning.

    ## Example
    ```toml
    [build-system]
    requires = ["hatchling>=1.27"]
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["hatchling>=1.27"]
    build-backend = "hatchling.build"
    ```

    ## Fix safety
    The fix adds the backend of the one backend distribution in `requires` (none when
    there are several or none). Safe, except for setuptools: moving from the legacy
    backend to `setuptools.build_meta` takes the project folder off `sys.path` while
    `setup.py` runs, which breaks a `setup.py` that imports a module beside it.

    ## References
    - [PEP 517: source trees](https://peps.python.org/pep-0517/#source-trees)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL102"
    name = "missing-build-backend"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"
        """,
        """
        [build-system]
        build-backend = 'x'
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["hatchling>=1.27"]  # the backend
            """,
            at="1:1-1:15",
            message="`[build-system]` has no `build-backend`, and the setuptools fallback front ends use is not in the build environment",
            severity=Severity.ERROR,
            fix=safe('Add `build-backend = "hatchling.build"`'),
            fixed="""
            [build-system]
            requires = ["hatchling>=1.27"]  # the backend
            build-backend = "hatchling.build"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = [
              'flit_core>=3.4',
            ]

            [project]
            name = 'x'
            """,
            at="1:1-1:15",
            message="`[build-system]` has no `build-backend`, and the setuptools fallback front ends use is not in the build environment",
            severity=Severity.ERROR,
            fix=safe('Add `build-backend = "flit_core.buildapi"`'),
            fixed="""
            [build-system]
            requires = [
              'flit_core>=3.4',
            ]
            build-backend = 'flit_core.buildapi'

            [project]
            name = 'x'
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61", "wheel"]
            """,
            at="1:1-1:15",
            message="`[build-system]` has no `build-backend`: front ends fall back to setuptools' legacy backend",
            severity=Severity.WARNING,
            fix=unsafe('Add `build-backend = "setuptools.build_meta"`'),
            fixed="""
            [build-system]
            requires = ["setuptools>=61", "wheel"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["packaging"]
            """,
            at="1:1-1:15",
            message="`[build-system]` has no `build-backend`, and the setuptools fallback front ends use is not in the build environment",
            severity=Severity.ERROR,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        assert model.build_system is not None
        if "build-backend" in model.build_system or "requires" not in model.build_system:
            return
        if model.misspelled("build-backend"):
            return
        candidates = _backend_candidates(ctx)
        fix: Optional[Fix] = None
        if len(candidates) == 1:
            backend = candidates[0]
            edit = edits.insert_key(
                ctx, BUILD_SYSTEM, "build-backend", edits.string_literal(backend.path, ctx.quote), after="requires"
            )
            if edit is not None:
                is_setuptools = backend.canonical_distribution == "setuptools"
                fix = Fix(
                    f"Add `build-backend = \"{backend.path}\"`",
                    (edit,),
                    Applicability.UNSAFE if is_setuptools else Applicability.SAFE,
                )
        fallback = model.effective_backend
        assert fallback is not None
        absent = [target for target, provision in model.backend_provisions.items() if provision.absent]
        if not absent:
            message = "`[build-system]` has no `build-backend`: front ends fall back to setuptools' legacy backend"
            yield self.diagnostic(ctx.locate(BUILD_SYSTEM), message, fix, Severity.WARNING)
            return
        where = "" if len(absent) == len(model.target_list) else f" on {model.describe(absent)}"
        message = (
            f"`[build-system]` has no `build-backend`, and the {fallback.distribution} fallback front ends "
            f"use is not in the build environment{where}: the build fails"
        )
        yield self.diagnostic(ctx.locate(BUILD_SYSTEM), message, fix, Severity.ERROR, pythons=absent)
