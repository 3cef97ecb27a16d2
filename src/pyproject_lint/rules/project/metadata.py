"""PPL204 to PPL207, PPL209: dependencies, licence, ``dynamic`` and ``version`` in ``[project]``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from ... import edits
from ...diagnostics import Diagnostic, Fix, Severity
from ...fixes import repair_fix
from ..base import Invalid, Rule, safe, unsafe
from .classifiers import CLASSIFIERS

if TYPE_CHECKING:
    from ...context import Context

#: List and table fields, which PEP 808 lets be given and also listed in ``dynamic``.
PARTIALLY_DYNAMIC = frozenset({
    "authors", "maintainers", "classifiers", "dependencies", "entry-points", "scripts", "gui-scripts",
    "keywords", "license-files", "optional-dependencies", "urls", "import-names", "import-namespaces",
})


class InvalidDependency(Rule):
    """
    ## What it does
    Checks that every entry of `[project].dependencies`, `[project.optional-dependencies]`
    and `[dependency-groups]` is a valid PEP 508 requirement.

    ## Why is this bad?
    Back ends refuse to build (hatchling: "Dependency #1 of field `project.dependencies`
    is invalid"; setuptools: "`project.dependencies[0]` must be pep508"), and installers
    refuse an invalid dependency group.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    dependencies = ["requests=>2.31"]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    dependencies = ["requests>=2.31"]
    ```

    ## Fix safety
    Where the operator is a known misspelling (`=>`, `=<`), the fix corrects it: safe. A
    single `=` becomes `==`: unsafe, since `>=` may have been meant.

    ## References
    - [PEP 508](https://peps.python.org/pep-0508/)
    - [Dependency specifiers](https://packaging.python.org/en/latest/specifications/dependency-specifiers/)
    """

    code = "PPL204"
    name = "invalid-dependency"
    severity = Severity.ERROR
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        dependencies = ["requests>=2.31", "tomli; python_version < '3.11'"]
        """,
        """
        [dependency-groups]
        test = ["pytest>=8", { include-group = "lint" }]
        lint = ["ruff"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            dependencies = ["requests=>2.31"]
            """,
            at="4:17-4:33",
            message="`requests=>2.31` is not a valid PEP 508 requirement",
            fix=safe("Replace with `requests>=2.31`"),
            fixed="""
            [project]
            name = "x"
            version = "1"
            dependencies = ["requests>=2.31"]
            """,
        ),
        Invalid(
            """
            [project]
            name = 'x'
            version = '1'
            [project.optional-dependencies]
            docs = ['sphinx=7']
            """,
            at="5:9-5:19",
            message="`sphinx=7` is not a valid PEP 508 requirement",
            fix=unsafe("Replace with `sphinx==7`"),
            fixed="""
            [project]
            name = 'x'
            version = '1'
            [project.optional-dependencies]
            docs = ['sphinx==7']
            """,
        ),
        Invalid(
            """
            [dependency-groups]
            test = ["pytest >= 8 < 9"]
            """,
            at="2:9-2:26",
            message="`pytest >= 8 < 9` is not a valid PEP 508 requirement",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for path, parsed in ctx.model.dependencies:
            raw = parsed.raw
            if not parsed.valid:
                yield self.diagnostic(
                    ctx.locate(path),
                    f"`{raw}` is not a valid PEP 508 requirement: {parsed.error}",
                    repair_fix(ctx, path, raw),
                )


def _license_expression(ctx: Context) -> Optional[str]:
    value = ctx.get(("project", "license"))
    return value if isinstance(value, str) else None


class LicenseClassifierWithExpression(Rule):
    """
    ## What it does
    Checks for `License ::` classifiers beside a PEP 639 `license` expression.

    ## Why is this bad?
    PEP 639 deprecates license classifiers once `license` is an SPDX expression, and lets
    back ends refuse them. setuptools, flit_core and pdm-backend do, and the build fails
    (an error); hatchling, poetry-core and uv_build build and write both into the metadata
    (a warning). With a back end nobody has tried it is a warning too. Where the
    classifier disagrees with the expression, which one holds is unclear.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    license = "MIT"
    classifiers = ["License :: OSI Approved :: MIT License"]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    license = "MIT"
    ```

    ## Fix safety
    The fix removes the classifier (and the `classifiers` key with the last one): safe, the
    expression already says it.

    ## References
    - [PEP 639: Deprecate license classifiers](https://peps.python.org/pep-0639/#deprecate-license-classifiers)
    - `docs/knowledge.md` in this repository: which back ends refuse them, with the builds that show it
    """

    code = "PPL205"
    name = "license-classifier-with-expression"
    severity = Severity.ERROR
    needs_tables = (("project",),)
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        license = { text = "MIT" }
        classifiers = ["License :: OSI Approved :: MIT License"]
        """,
        """
        [project]
        name = "x"
        version = "1"
        license = "MIT"
        classifiers = ["Programming Language :: Python :: 3"]
        """,
    ]
    INVALID = [
        Invalid(  # no [build-system]: setuptools builds it
            """
            [project]
            name = "x"
            version = "1"
            license = "MIT"
            classifiers = [
                "License :: OSI Approved :: MIT License",
                "Programming Language :: Python :: 3",
            ]
            """,
            at="6:5-6:45",
            message=(
                "License classifier `License :: OSI Approved :: MIT License` beside the license expression `MIT`: "
                "PEP 639 deprecates it and `setuptools` refuses to build with it"
            ),
            severity=Severity.ERROR,
            fix=safe("Remove the classifier"),
            fixed="""
            [project]
            name = "x"
            version = "1"
            license = "MIT"
            classifiers = [
                "Programming Language :: Python :: 3",
            ]
            """,
        ),
        Invalid(  # hatchling builds it: a warning
            """
            [build-system]
            requires = ["hatchling>=1.27"]
            build-backend = "hatchling.build"

            [project]
            name = "x"
            version = "1"
            license = "MIT"
            classifiers = ["License :: OSI Approved :: MIT License"]
            """,
            at="9:16-9:56",
            message=(
                "License classifier `License :: OSI Approved :: MIT License` beside the license expression `MIT`: "
                "PEP 639 deprecates it; `hatchling` builds with it and writes both into the metadata"
            ),
            severity=Severity.WARNING,
            fix=safe("Remove the classifier"),
            fixed="""
            [build-system]
            requires = ["hatchling>=1.27"]
            build-backend = "hatchling.build"

            [project]
            name = "x"
            version = "1"
            license = "MIT"
            """,
        ),
        Invalid(  # flit_core refuses it: an error
            """
            [build-system]
            requires = ["flit_core>=3.12"]
            build-backend = "flit_core.buildapi"

            [project]
            name = "x"
            version = "1"
            description = "x"
            license = "MIT"
            classifiers = ["License :: OSI Approved :: MIT License"]
            """,
            at="10:16-10:56",
            message="PEP 639 deprecates it and `flit_core` refuses to build with it",
            severity=Severity.ERROR,
            fix=safe("Remove the classifier"),
            fixed="""
            [build-system]
            requires = ["flit_core>=3.12"]
            build-backend = "flit_core.buildapi"

            [project]
            name = "x"
            version = "1"
            description = "x"
            license = "MIT"
            """,
        ),
        Invalid(  # a back end nobody has tried: a warning that names no back end
            """
            [build-system]
            requires = ["acme-build"]
            build-backend = "acme.build"

            [project]
            name = "x"
            version = "1"
            license = "MIT"
            classifiers = ["License :: OSI Approved :: MIT License"]
            """,
            at="9:16-9:56",
            message="PEP 639 deprecates it and lets back ends refuse it",
            severity=Severity.WARNING,
            fix=safe("Remove the classifier"),
            fixed="""
            [build-system]
            requires = ["acme-build"]
            build-backend = "acme.build"

            [project]
            name = "x"
            version = "1"
            license = "MIT"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        expression = _license_expression(ctx)
        classifiers = ctx.get(CLASSIFIERS)
        if expression is None or not isinstance(classifiers, list):
            return
        backend = ctx.model.effective_backend  # the front ends' fallback without [build-system]
        refuses = None if backend is None else backend.refuses_license_classifiers
        if backend is None or refuses is None:
            consequence = "PEP 639 deprecates it and lets back ends refuse it"
        elif refuses:
            consequence = f"PEP 639 deprecates it and `{backend.distribution}` refuses to build with it"
        else:
            consequence = f"PEP 639 deprecates it; `{backend.distribution}` builds with it and writes both into the metadata"
        for index, entry in enumerate(classifiers):
            if isinstance(entry, str) and entry.startswith("License ::"):
                yield self.diagnostic(
                    ctx.locate((*CLASSIFIERS, index)),
                    f"License classifier `{entry}` beside the license expression `{expression}`: {consequence}",
                    Fix.safe("Remove the classifier", *edits.remove_from_array(ctx, CLASSIFIERS, index, drop_empty=True)),
                    None if refuses else Severity.WARNING,
                )


class InvalidLicenseExpression(Rule):
    """
    ## What it does
    Checks that a string `license` is a valid SPDX license expression, spelled the
    canonical way.

    ## Why is this bad?
    Back ends that support PEP 639 refuse an expression that is not SPDX (an unknown
    identifier such as `BSD`, a missing operator); one in another case (`mit`) builds, but
    the metadata then differs from what the back end writes for the same licence.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    license = "mit or apache-2.0"
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    license = "MIT OR Apache-2.0"
    ```

    ## Fix safety
    When the expression is valid in another case, the fix writes the canonical spelling
    (`packaging.licenses`): safe, it is the same licence.

    ## References
    - [PEP 639](https://peps.python.org/pep-0639/)
    - [SPDX license expressions](https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/)
    """

    code = "PPL206"
    name = "invalid-license-expression"
    severity = Severity.ERROR
    needs_tables = (("project",),)
    VALID = [
        """
        [project]
        name = "x"
        version = "1"
        license = "MIT OR Apache-2.0 WITH LLVM-exception"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            license = "BSD"
            """,
            at="4:11-4:16",
            message="`BSD` is not a valid SPDX license expression: Unknown license: 'bsd'",
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [project]
            name = 'x'
            version = '1'
            license = 'mit or apache-2.0'
            """,
            at="4:11-4:30",
            message="License expression `mit or apache-2.0` is not in canonical form: `MIT OR Apache-2.0`",
            severity=Severity.WARNING,
            fix=safe("Replace with `MIT OR Apache-2.0`"),
            fixed="""
            [project]
            name = 'x'
            version = '1'
            license = 'MIT OR Apache-2.0'
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        from packaging.licenses import InvalidLicenseExpression as Invalid_
        from packaging.licenses import canonicalize_license_expression

        expression = _license_expression(ctx)
        if expression is None:
            return
        path = ("project", "license")
        try:
            canonical = canonicalize_license_expression(expression)
        except Invalid_ as error:
            yield self.diagnostic(ctx.locate(path), f"`{expression}` is not a valid SPDX license expression: {error}")
            return
        if canonical != expression:
            edit = edits.replace_string(ctx, path, canonical)
            yield self.diagnostic(
                ctx.locate(path),
                f"License expression `{expression}` is not in canonical form: `{canonical}`",
                Fix.safe(f"Replace with `{canonical}`", edit) if edit else None,
                Severity.WARNING,
            )


class DynamicConflict(Rule):
    """
    ## What it does
    Checks `[project].dynamic`: `name` listed in it, and fields both given a value and
    listed in it (other than the list and table fields PEP 808 lets be partly dynamic).

    ## Why is this bad?
    The specification requires back ends to refuse both: "A build back-end MUST raise an
    error if the metadata specifies the `name` in `dynamic`", and a field given
    statically must not also be dynamic.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    dynamic = ["version"]
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    dynamic = ["version"]
    ```

    ## Fix safety
    There is no fix: whether the static value or the dynamic one is meant is for the
    author to say.

    ## References
    - [pyproject.toml: dynamic](https://packaging.python.org/en/latest/specifications/pyproject-toml/#dynamic)
    - [PEP 808](https://peps.python.org/pep-0808/)
    """

    code = "PPL207"
    name = "dynamic-conflict"
    severity = Severity.ERROR
    needs_tables = (("project",),)
    VALID = [
        """
        [project]
        name = "x"
        dynamic = ["version", "classifiers"]
        classifiers = ["Typing :: Typed"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            dynamic = ["version"]
            """,
            at="4:12-4:21",
            message="`version` is given a value and also listed in `dynamic`",
        ),
        Invalid(
            """
            [project]
            name = "x"
            dynamic = [
                "name",
            ]
            """,
            at="4:5-4:11",
            message="`name` cannot be dynamic",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        project = ctx.table(("project",)) or {}
        dynamic = project.get("dynamic")
        if not isinstance(dynamic, list):
            return
        for index, field in enumerate(dynamic):
            if field == "name":
                message = "`name` cannot be dynamic: back ends must refuse it"
            elif isinstance(field, str) and field in project and field not in PARTIALLY_DYNAMIC:
                message = f"`{field}` is given a value and also listed in `dynamic`: back ends must refuse it"
            else:
                continue
            yield self.diagnostic(ctx.locate(("project", "dynamic", index)), message)


class InvalidVersion(Rule):
    """
    ## What it does
    Checks that `[project].version` is a valid PEP 440 version.

    ## Why is this bad?
    Back ends refuse to build with a version that is not PEP 440 (`1.0-beta.1`, `v1.0`
    are read by some tools and refused by others); installers cannot compare it.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0.0-final"
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0.0"
    ```

    ## Fix safety
    There is no fix: what a free-form version means is for the author to say.

    ## References
    - [PEP 440](https://peps.python.org/pep-0440/)
    - [Version specifiers](https://packaging.python.org/en/latest/specifications/version-specifiers/)
    """

    code = "PPL209"
    name = "invalid-version"
    severity = Severity.ERROR
    needs_tables = (("project",),)
    VALID = [
        """
        [project]
        name = "x"
        version = "1.0rc1"
        """,
        """
        [project]
        name = "x"
        version = "2!1.0.post1+local"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1.0.0-final"
            """,
            at="3:11-3:24",
            message="`1.0.0-final` is not a valid PEP 440 version",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        from packaging.version import InvalidVersion as Invalid_
        from packaging.version import Version

        version = ctx.get(("project", "version"))
        if not isinstance(version, str):
            return
        try:
            Version(version)
        except Invalid_:
            yield self.diagnostic(ctx.locate(("project", "version")), f"`{version}` is not a valid PEP 440 version")
