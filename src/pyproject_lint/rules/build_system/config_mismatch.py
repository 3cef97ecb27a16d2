"""Build configuration written for one backend while another one builds the project."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Diagnostic, Fix, Severity
from ...model import BUILD_SYSTEM
from ..base import Invalid, Rule, display_only

if TYPE_CHECKING:
    from ...context import Context


class BackendConfigMismatch(Rule):
    """
    ## What it does
    Checks for build configuration that belongs to another backend than the one in
    `build-backend`: `[tool.poetry]` package settings, `[tool.setuptools]`,
    `[tool.hatch.build]`, `[tool.flit]`, `[tool.pdm.build]`, `[tool.maturin]`,
    `[tool.scikit-build]`, `[tool.meson-python]`, `[tool.uv.build-backend]`. Tables any
    backend may carry (`[tool.hatch.envs]`, `[tool.poetry.group]` dependency groups) are
    not reported.

    ## Why is this bad?
    The backend that builds never reads another backend's table, so that configuration is
    silently ignored: the packages, files or version it describes are not in the wheel.
    When the table holds the metadata itself (`[tool.poetry]` `name`, `[tool.flit.metadata]`)
    and there is no `[project]`, the wheel is `UNKNOWN-0.0.0` (an error); otherwise a
    warning.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61"]
    build-backend = "setuptools.build_meta"

    [tool.poetry]
    name = "demo"
    version = "1.0"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["poetry-core>=1.0.0"]
    build-backend = "poetry.core.masonry.api"

    [tool.poetry]
    name = "demo"
    version = "1.0"
    ```

    ## Fix safety
    Display-only: the suggestion names the backend the configuration belongs to, but
    which of the two the author meant is not knowable.

    ## References
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL113"
    name = "backend-config-mismatch"
    severity = Severity.WARNING
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [tool.hatch.envs.default]
        dependencies = ["pytest"]

        [tool.poetry.group.dev.dependencies]
        pytest = "*"
        """,
        """
        [build-system]
        requires = ["scikit-build-core"]
        build-backend = "scikit_build_core.setuptools.build_meta"

        [tool.setuptools]
        packages = ["x"]

        [tool.scikit-build]
        wheel.packages = ["x"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"

            [tool.poetry]
            name = "demo"
            version = "1.0"
            """,
            at="5:1-5:14",
            message="`[tool.poetry]` configures `poetry.core.masonry.api`, but `setuptools.build_meta` builds the project and ignores it",
            severity=Severity.ERROR,
            fix=display_only("Build with `poetry.core.masonry.api`, or remove `[tool.poetry]`"),
        ),
        Invalid(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            [project]
            name = "demo"

            [tool.setuptools.packages.find]
            where = ["src"]
            """,
            at="8:1-8:32",
            message="`[tool.setuptools]` configures `setuptools.build_meta`, but `hatchling.build` builds the project and ignores it",
            severity=Severity.WARNING,
            fix=display_only("Build with `setuptools.build_meta`, or remove `[tool.setuptools]`"),
        ),
        Invalid(
            """
            [build-system]
            requires = ["maturin>=1"]
            build-backend = "maturin"

            [project]
            name = "demo"

            [tool.hatch.version]
            path = "x.py"
            """,
            at="8:1-8:21",
            message="`[tool.hatch.version]` configures `hatchling.build`, but `maturin` builds the project and ignores it",
            severity=Severity.WARNING,
            fix=display_only("Build with `hatchling.build`, or remove `[tool.hatch.version]`"),
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        backend = model.backend
        if backend is None or model.has_backend_path:
            return
        for family, path in model.configured_families():
            if family.name in backend.families:
                continue
            owner = family.backend
            found = ctx.table(path) or {}
            severity = Severity.WARNING
            if ctx.table(("project",)) is None and family.metadata_key is not None and family.metadata_key in found:
                severity = Severity.ERROR
            name = ".".join(path)
            yield self.diagnostic(
                ctx.locate_key(path),
                f"`[{name}]` configures `{owner}`, but `{backend.path}` builds the project and ignores it",
                Fix.display_only(f"Build with `{owner}`, or remove `[{name}]`"),
                severity,
            )
