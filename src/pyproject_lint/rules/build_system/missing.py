"""A ``[build-system]`` table, or one of its keys, that is not there."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from ... import edits, knowledge
from ...diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ...knowledge import Backend
from ...spans import first_header
from ..base import Invalid, Rule

if TYPE_CHECKING:
    from ...context import Context

BUILD_SYSTEM = ("build-system",)


def close_known_key(key: str) -> list[str]:
    """The ``[build-system]`` keys that ``key`` (not one of them) is probably a misspelling of."""
    import difflib  # only misspellings get here: kept off the start-up path

    normalized = key.strip().lower().replace("_", "-")
    exact = [known for known in knowledge.BUILD_SYSTEM_KEYS if known == normalized]
    return exact or difflib.get_close_matches(normalized, knowledge.BUILD_SYSTEM_KEYS, n=2, cutoff=0.75)


def misspelled(ctx: Context, key: str) -> bool:
    """Whether ``[build-system]`` has a misspelling of ``key`` (PPL109 reports that, once)."""
    table = ctx.build_system or {}
    return any(
        other not in knowledge.BUILD_SYSTEM_KEYS and close_known_key(other) == [key] for other in table
    )


def requirement_literal(ctx: Context, backend: Backend) -> str:
    """``"dist>=X"`` for ``backend``, in the file's quote style, X what the file needs."""
    return edits.string_literal(f"{backend.distribution}>={ctx.suggested_minimum(backend)}", ctx.quote)


def declares_a_package(ctx: Context) -> bool:
    """Whether the file describes something to build (metadata or a backend's configuration)."""
    if ctx.get(("tool", "poetry", "package-mode")) is False or ctx.get(("tool", "uv", "package")) is False:
        return False
    return ctx.project is not None or any(ctx.configures(table) for table in knowledge.CONFIG_TABLES)


def has_setup_files(ctx: Context) -> bool:
    """Whether a ``setup.py``, or a ``setup.cfg`` with package metadata or options, is beside the file."""
    return ctx.setup_py is not None or (ctx.setup_cfg is not None and ctx.setup_cfg.describes_a_package)


def insert_build_system(ctx: Context, requirement_literals: list[str], backend_path: str) -> Edit:
    """An edit adding a ``[build-system]`` table before the first table (or at the end)."""
    newline = ctx.document.newline
    table = newline.join([
        "[build-system]",
        f"requires = [{', '.join(requirement_literals)}]",
        f"build-backend = {edits.string_literal(backend_path, ctx.quote)}",
        "",
        "",
    ])
    at = first_header(ctx.text)
    if at is not None:
        return Edit(at, at, table)
    separator = "" if not ctx.text or ctx.text.endswith("\n") else newline
    return Edit(len(ctx.text), len(ctx.text), f"{separator}{newline if ctx.text.strip() else ''}{table.rstrip()}{newline}")


class MissingBuildSystem(Rule):
    """
    ## What it does
    Checks that a `pyproject.toml` describing a package (a `[project]` table or a backend's
    `[tool.*]` build configuration) has a `[build-system]` table.

    ## Why is this bad?
    Without it every front end silently builds with setuptools' legacy backend
    (`setuptools.build_meta:__legacy__` and `setuptools>=40.8.0`). That is rarely what the
    file was written for: Poetry, Hatch or Flit configuration is ignored, and setuptools'
    automatic package discovery refuses many layouts. uv does not build the project at
    all. Files without metadata (tool settings only) are not reported.

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
    - `knowledge/build-system.md` §2.1 (front-end defaults), §8
    """

    code = "PPL100"
    name = "missing-build-system"
    severity = Severity.WARNING
    VALID = [
        '[build-system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "demo"\n',
        "[tool.ruff]\nline-length = 100\n",
        '[project]\nname = "app"\nversion = "1"\n\n[tool.uv]\npackage = false\n',
    ]
    INVALID = [
        Invalid(
            '[project]\nname = "demo"\nversion = "1.0"\nrequires-python = ">=3.12"\n',
            at="1:1",
            fixed=(
                '[build-system]\nrequires = ["setuptools>=66.1.0"]\nbuild-backend = "setuptools.build_meta"\n\n'
                '[project]\nname = "demo"\nversion = "1.0"\nrequires-python = ">=3.12"\n'
            ),
        ),
        Invalid(
            "# Managed by Poetry\n[tool.poetry]\nname = 'demo'\nversion = '1.0'\n",
            at="1:1",
            fixed=(
                "# Managed by Poetry\n[build-system]\nrequires = ['poetry-core>=1.0.0']\n"
                "build-backend = 'poetry.core.masonry.api'\n\n[tool.poetry]\nname = 'demo'\nversion = '1.0'\n"
            ),
        ),
        Invalid(
            '[project]\r\nname = "demo"\r\nlicense = "MIT"\r\n\r\n[tool.hatch.build.targets.wheel]\r\npackages = ["src/demo"]\r\n',
            at="1:1",
            fixed=(
                '[build-system]\r\nrequires = ["hatchling>=1.27.0"]\r\nbuild-backend = "hatchling.build"\r\n\r\n'
                '[project]\r\nname = "demo"\r\nlicense = "MIT"\r\n\r\n[tool.hatch.build.targets.wheel]\r\npackages = ["src/demo"]\r\n'
            ),
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if ctx.has(BUILD_SYSTEM) or not declares_a_package(ctx) or has_setup_files(ctx):
            return  # with a setup.py or setup.cfg beside it, PPL123 says more
        backend, why = ctx.inferred_backend()
        yield self.diagnostic(
            ctx.start_of_file(),
            "No `[build-system]` table: front ends silently build with setuptools' legacy backend",
            Fix.unsafe(
                f"Add a `[build-system]` table for `{backend.path}` ({why})",
                insert_build_system(ctx, [requirement_literal(ctx, backend)], backend.path),
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
    - `knowledge/build-system.md` §2.2 row E
    """

    code = "PPL101"
    name = "missing-build-requires"
    severity = Severity.ERROR
    requires = (BUILD_SYSTEM,)
    VALID = ['[build-system]\nrequires = []\nbuild-backend = "my_backend"\nbackend-path = ["_build"]\n']
    INVALID = [
        Invalid(
            '[build-system]\nbuild-backend = "hatchling.build"\n',
            at="1:1",
            fixed='[build-system]\nrequires = ["hatchling>=0.8.0"]\nbuild-backend = "hatchling.build"\n',
        ),
        Invalid(
            "[build-system]\n",
            at="1:1",
            fixed="[build-system]\nrequires = [\"setuptools>=66.1.0\"]\n",
        ),
        Invalid(
            "build-system.build-backend = 'flit_core.buildapi'\n[project]\nname = 'demo'\n",
            at="1:1",
            fixed="build-system.requires = ['flit_core>=3.2']\nbuild-system.build-backend = 'flit_core.buildapi'\n[project]\nname = 'demo'\n",
        ),
        Invalid(
            'build-system = { build-backend = "pdm.backend" }\n',
            at="1:16",
            fixed='build-system = { requires = ["pdm-backend>=2.0.0"], build-backend = "pdm.backend" }\n',
        ),
        Invalid('[build-system]\nbuild-backend = "my_backend"\n', at="1:1"),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.build_system is not None
        if "requires" in ctx.build_system or misspelled(ctx, "requires"):
            return
        fix: Optional[Fix] = None
        if ctx.backend is not None:
            backend, applicability = ctx.backend, Applicability.SAFE
        elif "build-backend" not in ctx.build_system:
            backend, applicability = ctx.inferred_backend()[0], Applicability.UNSAFE
        else:
            backend = None
        if backend is not None:
            edit = edits.insert_key(ctx, BUILD_SYSTEM, "requires", f"[{requirement_literal(ctx, backend)}]")
            if edit is not None:
                fix = Fix(f"Add `requires` for `{backend.path}`", (edit,), applicability)
        yield self.diagnostic(
            ctx.locate(BUILD_SYSTEM),
            "`[build-system]` has no `requires`: every front end refuses to build it",
            fix,
        )


def backend_candidates(ctx: Context) -> list[Backend]:
    """The main backend of each backend distribution listed in ``requires``."""
    found: dict[str, Backend] = {}
    for name in ctx.required_names:
        for backend in knowledge.BACKENDS_BY_DISTRIBUTION.get(name, ()):
            if not (backend.replaced_by or backend.self_hosting_only or backend.path == knowledge.LEGACY_BACKEND):
                found.setdefault(name, backend)
                break
    return [found[name] for name in sorted(found)]


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
    - `knowledge/build-system.md` §2.2 rows D, D1; §8
    """

    code = "PPL102"
    name = "missing-build-backend"
    severity = Severity.ERROR
    requires = (BUILD_SYSTEM,)
    VALID = [
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n',
        "[build-system]\nbuild-backend = 'x'\n",
    ]
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["hatchling>=1.27"]  # the backend\n',
            at="1:1",
            fixed='[build-system]\nrequires = ["hatchling>=1.27"]  # the backend\nbuild-backend = "hatchling.build"\n',
        ),
        Invalid(
            "[build-system]\nrequires = [\n  'flit_core>=3.4',\n]\n\n[project]\nname = 'x'\n",
            at="1:1",
            fixed="[build-system]\nrequires = [\n  'flit_core>=3.4',\n]\nbuild-backend = 'flit_core.buildapi'\n\n[project]\nname = 'x'\n",
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools>=61", "wheel"]\n',
            at="1:1",
            fixed='[build-system]\nrequires = ["setuptools>=61", "wheel"]\nbuild-backend = "setuptools.build_meta"\n',
            severity=Severity.WARNING,
        ),
        Invalid('[build-system]\nrequires = ["packaging"]\n', at="1:1", severity=Severity.ERROR),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        assert ctx.build_system is not None
        if "build-backend" in ctx.build_system or "requires" not in ctx.build_system:
            return
        if misspelled(ctx, "build-backend"):
            return
        candidates = backend_candidates(ctx)
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
        if "setuptools" in ctx.available_names:
            message = "`[build-system]` has no `build-backend`: front ends fall back to setuptools' legacy backend"
            severity = Severity.WARNING
        else:
            message = (
                "`[build-system]` has no `build-backend`, and the setuptools fallback front ends "
                "use is not in `requires`: every build fails"
            )
            severity = Severity.ERROR
        yield self.diagnostic(ctx.locate(BUILD_SYSTEM), message, fix, severity)
