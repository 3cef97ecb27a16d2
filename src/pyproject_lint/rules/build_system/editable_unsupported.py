"""Editable installs: does the backend release `requires` admits have PEP 660's hook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from packaging.version import Version

from ...diagnostics import Applicability, Diagnostic, Fix, Severity
from ...fixes import rewrite_requirement
from ...model import BUILD_SYSTEM, REQUIRES
from ...pep508 import raise_lower_bound, with_only_lower_bound
from ..base import Invalid, Rule, safe, unsafe

if TYPE_CHECKING:
    from ...context import Context


class EditableUnsupported(Rule):
    """
    ## What it does
    Checks that the releases of the backend's distribution that `[build-system].requires`
    admits have PEP 660's `build_editable` hook: setuptools before 64, flit_core before
    3.4, poetry-core before 1.1.0 and the other first releases in `docs/knowledge.md` lack it.

    ## Why is this bad?
    `pip install -e .` asks the backend for `build_editable`; without it, current pip fails
    (pip 26.3, CPython 3.11: `ERROR: Project file:///... uses a build backend that is
    missing the 'build_editable' hook, so it cannot be installed in editable mode`). It no
    longer falls back to `setup.py develop`: the same error with setuptools 63 and a
    `setup.py` beside the file. `pip install .` still builds. So it is an `error` when
    every release `requires` admits lacks the hook (`flit_core>=3.2,<3.4`, `setuptools<64`),
    and a `warning` when it only allows such releases (`flit_core>=3.2,<4`): the newest
    release is installed today, but a constraint or a cache can pick an older one.

    ## Example
    ```toml
    [build-system]
    requires = ["flit_core>=3.2,<3.4"]
    build-backend = "flit_core.buildapi"

    [project]
    name = "demo"
    version = "1.0"
    description = "A demo."
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["flit_core>=3.4"]
    build-backend = "flit_core.buildapi"

    [project]
    name = "demo"
    version = "1.0"
    description = "A demo."
    ```

    ## Fix safety
    As PPL112's: safe when the fix only raises the lower bound (the release installed
    today stays the same). Unsafe when an upper cap or pin excludes every release with the
    hook: the fix then replaces the constraint, and the build runs a newer release. No fix
    when the file uses something later releases refuse (`[tool.flit.metadata]` and
    flit_core 4): the cap is there for a reason.

    ## References
    - [PEP 660: editable installs for pyproject.toml based builds](https://peps.python.org/pep-0660/)
    - [setuptools 64.0.0 changelog](https://setuptools.pypa.io/en/stable/history.html#v64-0-0)
    - [pip 25.3 changelog: the `setup.py develop` fallback removed](https://pip.pypa.io/en/stable/news/#v25-3)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL126"
    name = "editable-unsupported"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["flit_core>=3.4,<4"]
        build-backend = "flit_core.buildapi"
        """,
        # No lower bound at all: PPL106's finding.
        """
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"
        """,
        # The old releases only on Pythons the project does not admit.
        """
        [build-system]
        requires = ["setuptools<64; python_version < '3.8'", "setuptools>=64; python_version >= '3.8'"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "demo"
        requires-python = ">=3.9"
        """,
        # An in-tree backend is the project's own.
        """
        [build-system]
        requires = ["setuptools<64"]
        build-backend = "setuptools.build_meta"
        backend-path = ["_build"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["flit_core>=3.2,<3.4"]
            build-backend = "flit_core.buildapi"

            [project]
            name = "demo"
            version = "1.0"
            description = "A demo."
            """,
            at="2:13-2:34",
            message="`flit_core>=3.2,<3.4` admits only flit_core releases without PEP 660's `build_editable` hook: `pip install -e .` fails; it needs flit_core>=3.4",
            severity=Severity.ERROR,
            fix=unsafe("Require `flit_core>=3.4`"),
            fixed="""
            [build-system]
            requires = ["flit_core>=3.4"]
            build-backend = "flit_core.buildapi"

            [project]
            name = "demo"
            version = "1.0"
            description = "A demo."
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ['setuptools >= 61', 'wheel']
            build-backend = 'setuptools.build_meta'
            """,
            at="2:13-2:31",
            message="`setuptools >= 61` allows setuptools releases without PEP 660's `build_editable` hook: with one, `pip install -e .` fails; it needs setuptools>=64.0.0",
            severity=Severity.WARNING,
            fix=safe("Require `setuptools>=64.0.0`"),
            fixed="""
            [build-system]
            requires = ['setuptools >= 64.0.0', 'wheel']
            build-backend = 'setuptools.build_meta'
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools<64; python_version < '3.12'", "setuptools>=64; python_version >= '3.12'"]
            build-backend = "setuptools.build_meta"
            """,
            at="2:13-2:53",
            message="admits only setuptools releases without PEP 660's `build_editable` hook on Python 3.9 to 3.11",
            severity=Severity.ERROR,
            fix=unsafe("Require `setuptools>=64.0.0`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=64.0.0; python_version < '3.12'", "setuptools>=64; python_version >= '3.12'"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["flit_core >=2,<3"]
            build-backend = "flit_core.buildapi"

            [tool.flit.metadata]
            module = "demo"
            """,
            at="2:13-2:31",
            message="`flit_core >=2,<3` admits only flit_core releases without PEP 660's `build_editable` hook",
            severity=Severity.ERROR,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        backend = model.effective_backend
        if backend is None or backend.editable_since is None or model.has_backend_path or model.build_system is None:
            return  # the fallback's requirement (`setuptools>=40.8.0`) installs the newest release
        if any(provision.absent for provision in model.backend_provisions.values()):
            return  # it cannot even be imported: PPL103's error
        name = backend.canonical_distribution
        if any(conflict.distribution == name for conflict in model.conflicts):
            return  # nothing satisfies it at all: PPL115's finding
        from ...data import Span

        needed = backend.editable_since
        hook = Span(needed)
        for index, parsed in model.requirements:
            if parsed.name != name or not parsed.valid or parsed.url:
                continue
            targets = [t for t in model.target_list if any(e.position == index for e in model.environment(t).entries)]
            if not targets:
                continue  # on no Python the project admits
            old = [t for t in targets if not model.environment(t).resolves_within(name, hook)]
            floor = parsed.lower_bound()
            wanted = f"it needs {backend.distribution}>={needed}"
            if old:
                where = "" if len(old) == len(model.target_list) else f" on {model.describe(old)}"
                message = (
                    f"`{parsed.raw}` admits only {backend.distribution} releases without PEP 660's `build_editable` hook{where}: "
                    f"`pip install -e .` fails; {wanted}"
                )
                new, severity, applicability = with_only_lower_bound(parsed.raw, needed), Severity.ERROR, Applicability.UNSAFE
            elif floor is not None and floor < Version(needed):
                message = (
                    f"`{parsed.raw}` allows {backend.distribution} releases without PEP 660's `build_editable` hook: "
                    f"with one, `pip install -e .` fails; {wanted}"
                )
                new, severity, applicability = raise_lower_bound(parsed.raw, needed), Severity.WARNING, Applicability.SAFE
            else:
                continue
            if old and any(not need.is_floor and need.breaks for need in model.needs(backend.features_of or name)):
                new = None  # dropping the cap would admit releases that refuse the file (flit_core 4, [tool.flit.metadata])
            edit = rewrite_requirement(ctx, (*REQUIRES, index), new) if new else None
            fix = Fix(f"Require `{backend.distribution}>={needed}`", (edit,), applicability) if edit else None
            somewhere = old if len(old) < len(model.target_list) else []
            yield self.diagnostic(ctx.locate((*REQUIRES, index)), message, fix, severity, pythons=somewhere)
