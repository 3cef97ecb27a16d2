"""Dependencies that cannot be installed, or only from source, on a Python the project admits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import Diagnostic, Fix, Severity
from ...fixes import python_split
from ...model import has_release_data
from ..base import Invalid, Rule, unsafe

if TYPE_CHECKING:
    from ...context import Context
    from ...model.reach import Summary
    from ...pep508 import ParsedRequirement
    from ...spans import TomlPath


def _summaries(ctx: Context) -> Iterator[tuple[TomlPath, ParsedRequirement, Summary]]:
    """Each dependency of a distribution the release snapshot lists, with its reach."""
    return iter(ctx.model.dependency_reach)


def _split(ctx: Context, path: TomlPath, parsed: ParsedRequirement, python: str) -> Fix | None:
    index = path[-1]
    assert isinstance(index, int)
    return python_split(ctx, path[:-1], index, parsed.raw, python)


class UninstallableDependency(Rule):
    """
    ## What it does
    Checks that each dependency (`[project].dependencies`, optional dependencies and
    `[dependency-groups]`) can be installed on every Python the project admits, markers
    evaluated per Python and platform: that some release it admits has a `Requires-Python`
    admitting that Python, and that the release an installer picks there has a wheel for it
    or an sdist not known to fail there. Only the distributions of the release snapshot are
    judged (`docs/releases.md`: numpy, scipy, pandas, greenlet, ... with compiled wheels).

    ## Why is this bad?
    `pip install` of the project fails for every user of that Python, and `uv lock` for
    the whole project: with no release for the Python there is nothing to install (`No
    matching distribution`, scipy 1.7.3 on 3.11); without a wheel the installer builds the
    sdist, and `numpy<1.20` on Python 3.12 fails with `No module named 'distutils'`.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.9"
    dependencies = ["numpy<1.20"]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.9"
    dependencies = ["numpy<1.20; python_version < '3.10'", "numpy>=1.21.3; python_version >= '3.10'"]
    ```

    ## Fix safety
    Unsafe: the fix splits the requirement by Python, as uv's guide to build failures
    recommends: the old constraint below the first Python without a wheel, and from there on
    the first release with wheels for it on every platform. Raising `requires-python` is
    the other way out, which the fix leaves to you. No fix when the entry has a marker.

    ## References
    - [uv: build failures](https://docs.astral.sh/uv/reference/troubleshooting/build-failures/)
    - `docs/releases.md` in this repository: the release snapshot, and how each sdist failure is known
    """

    code = "PPL211"
    name = "uninstallable-dependency"
    severity = Severity.ERROR
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        requires-python = ">=3.9"
        dependencies = ["numpy<1.20; python_version < '3.10'", "numpy>=1.21.3; python_version >= '3.10'"]
        """,
        """
        [project]
        name = "x"
        version = "1"
        requires-python = ">=3.9,<3.10"
        dependencies = ["numpy<1.20"]
        """,
        # Not in the snapshot: nothing known, nothing said.
        """
        [project]
        name = "x"
        version = "1"
        dependencies = ["acme-compiled==0.1"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            requires-python = ">=3.9"
            dependencies = ["numpy<1.20"]
            """,
            at="5:17-5:29",
            message="installers build numpy 1.19.5 from its sdist, which fails",
            fix=unsafe("Split by Python: `numpy<1.20; python_version < '3.10'` and `numpy>=1.21.3; python_version >= '3.10'`"),
            fixed="""
            [project]
            name = "x"
            version = "1"
            requires-python = ">=3.9"
            dependencies = ["numpy<1.20; python_version < '3.10'", "numpy>=1.21.3; python_version >= '3.10'"]
            """,
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"

            [dependency-groups]
            science = ["scipy==1.7.3"]
            """,
            at="6:12-6:26",
            message="admits no scipy release whose Requires-Python admits CPython 3.11 to 3.14",
            fix=unsafe("Split by Python: `scipy==1.7.3; python_version < '3.11'` and `scipy>=1.9.2; python_version >= '3.11'`"),
            fixed="""
            [project]
            name = "x"
            version = "1"

            [dependency-groups]
            science = ["scipy==1.7.3; python_version < '3.11'", "scipy>=1.9.2; python_version >= '3.11'"]
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for path, parsed, summary in _summaries(ctx):
            if not summary.errors:
                continue
            pythons = [r.target.python for r in (*summary.errors, *summary.warnings)]
            first = min(pythons, key=lambda p: tuple(map(int, p.split("."))))
            yield self.diagnostic(
                ctx.locate(path),
                summary.error_message(parsed),
                _split(ctx, path, parsed, first),
                pythons=[r.target for r in summary.errors],
            )


class DependencyFromSource(Rule):
    """
    ## What it does
    Checks for a dependency whose releases it admits have no wheel for some Python the
    project admits (on some platform), so that installers build it from its sdist, which
    is not known to fail there. (When it is known to fail, PPL211 reports an error.)

    ## Why is this bad?
    The install works only where a compiler and the library's own build dependencies are
    present, takes minutes instead of seconds, and fails on most users' machines: the
    "old version of the package is built" case of uv's guide to build failures.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.10"
    dependencies = ["pillow<9"]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    requires-python = ">=3.10"
    dependencies = ["pillow>=9.5"]
    ```

    ## Fix safety
    Unsafe: as PPL211's, the fix splits the requirement by Python at the first Python
    without a wheel.

    ## References
    - [uv: build failures](https://docs.astral.sh/uv/reference/troubleshooting/build-failures/)
    - `docs/releases.md` in this repository: the release snapshot
    """

    code = "PPL212"
    name = "dependency-from-source"
    severity = Severity.WARNING
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        requires-python = ">=3.10"
        dependencies = ["pillow>=9.5"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            requires-python = ">=3.10"
            dependencies = ["pillow<9"]
            """,
            at="5:17-5:27",
            message="installers build pillow 8.4.0 from its sdist",
            fix=unsafe("Split by Python: `pillow<9; python_version < '3.11'` and `pillow>=9.2.0; python_version >= '3.11'`"),
            fixed="""
            [project]
            name = "x"
            version = "1"
            requires-python = ">=3.10"
            dependencies = ["pillow<9; python_version < '3.11'", "pillow>=9.2.0; python_version >= '3.11'"]
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for path, parsed, summary in _summaries(ctx):
            if summary.errors or not summary.warnings:
                continue  # an error is PPL211's
            yield self.diagnostic(
                ctx.locate(path),
                summary.warning_message(parsed),
                _split(ctx, path, parsed, summary.first_python(errors=False)),
                pythons=[r.target for r in summary.warnings],
            )


class UnboundedCompiledDependency(Rule):
    """
    ## What it does
    Checks for a dependency on a distribution with compiled wheels (one the release
    snapshot lists) that has no lower bound. Off by default: select it
    (`extend-select = ["PPL213"]`) where installs must never build from source.

    ## Why is this bad?
    When something else in an environment caps the distribution, or a new Python has no
    wheel yet, a resolver may backtrack to an ancient release and build its sdist: the "old
    version of the package is built" case of uv's guide to build failures.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    dependencies = ["numpy"]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    dependencies = ["numpy>=1.26"]
    ```

    ## Fix safety
    No fix: the right floor is the oldest release the project works with, which only its
    authors know.

    ## References
    - [uv: build failures](https://docs.astral.sh/uv/reference/troubleshooting/build-failures/)
    """

    code = "PPL213"
    name = "unbounded-compiled-dependency"
    severity = Severity.WARNING
    enabled_by_default = False
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        dependencies = ["numpy>=1.26", "requests"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            dependencies = ["numpy"]
            """,
            at="4:17-4:24",
            message="`numpy` has no lower bound on numpy, whose old releases have no wheels for current Pythons",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for path, parsed in ctx.model.dependencies:
            if parsed.name is None or parsed.url or parsed.lower_bound() is not None:
                continue
            if has_release_data(parsed.name):
                yield self.diagnostic(
                    ctx.locate(path),
                    f"`{parsed.raw}` has no lower bound on {parsed.display_name}, whose old releases have no wheels "
                    "for current Pythons: a resolver that backtracks builds one from source",
                )
