"""A build requirement that installers build from source on a Python the project admits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Diagnostic, Severity
from ...fixes import python_split
from ...model import BUILD_SYSTEM, REQUIRES, has_release_data
from ..base import Invalid, Rule, unsafe

if TYPE_CHECKING:
    from ...context import Context


class BuildRequirementFromSource(Rule):
    """
    ## What it does
    Checks for a build requirement whose releases it admits have no wheel for some Python
    the project admits (on some platform), so that front ends build it from its sdist
    before they can build the project, where that sdist is not known to fail. (When it is
    known to fail, or nothing installs there at all, PPL107 reports an error.) Only the
    distributions of the release snapshot are judged (`docs/releases.md`).

    ## Why is this bad?
    Every build of the project on that Python first compiles the requirement (numpy,
    Cython, greenlet: minutes, a compiler, its libraries), and fails where those are
    missing: `numpy==1.17.3` has no wheel for CPython 3.11.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=66.1", "numpy==1.22.4"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.10,<3.12"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=66.1", "numpy>=1.23.2"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.10,<3.12"
    ```

    ## Fix safety
    Unsafe: the fix splits the requirement by Python at the first Python without a wheel,
    which changes what those Pythons build against.

    ## References
    - [uv: build failures](https://docs.astral.sh/uv/reference/troubleshooting/build-failures/)
    - `docs/releases.md` in this repository: the release snapshot
    """

    code = "PPL119"
    name = "build-requirement-from-source"
    severity = Severity.WARNING
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=66.1", "numpy>=1.26"]
        build-backend = "setuptools.build_meta"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=66.1", "numpy==1.22.4"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "x"
            requires-python = ">=3.10,<3.12"
            """,
            at="2:33-2:48",
            message="no numpy release with a wheel for CPython 3.11",
            fix=unsafe("Split by Python: `numpy==1.22.4; python_version < '3.11'` and `numpy>=1.23.2; python_version >= '3.11'`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=66.1", "numpy==1.22.4; python_version < '3.11'", "numpy>=1.23.2; python_version >= '3.11'"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "x"
            requires-python = ">=3.10,<3.12"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        for index, parsed in model.requirements:
            if parsed.name is None or not has_release_data(parsed.name):
                continue
            from ...model.reach import summarise  # only for a requirement the snapshot lists

            summary = summarise(parsed, model.targets.pythons)
            if summary.errors or not summary.warnings:
                continue  # an error is PPL107's
            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                summary.warning_message(parsed),
                python_split(ctx, REQUIRES, index, parsed.raw, summary.first_python(errors=False)),
                pythons=[r.target for r in summary.warnings],
            )
