"""The entries of ``[build-system].requires``: valid, bounded, recent enough, needed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from packaging.version import Version

from ... import edits
from ...diagnostics import Applicability, Diagnostic, Fix, Severity
from ...fixes import python_split, repair_fix, rewrite_requirement
from ...model import BUILD_SYSTEM, REQUIRES, has_release_data
from ...pep508 import (
    ParsedRequirement,
    add_lower_bound,
    add_upper_bound,
    admits_at_least,
    raise_lower_bound,
    with_only_lower_bound,
)
from ..base import Invalid, Rule, safe, unsafe

if TYPE_CHECKING:
    from ...context import Context
    from ...model import Target


def _is_unneeded_wheel(ctx: Context, parsed: ParsedRequirement) -> bool:
    """``wheel`` beside a setuptools backend, which never needed it listed (PPL111)."""
    if parsed.name != "wheel":
        return False
    model = ctx.model
    backend = model.effective_backend
    setuptools_backends = {b.path for b in model.knowledge.backends_of("setuptools")}
    return backend is not None and backend.path in setuptools_backends and (
        model.backend_string is not None or model.everywhere("setuptools")
    )


class UnboundedBuildRequirement(Rule):
    """
    ## What it does
    Checks that the backend's distribution, and the build requirements whose missing floor
    has broken builds before (setuptools, Cython, numpy: the knowledge marks them), have a
    lower bound (`>=`, `>`, `==`, `~=`). Upper caps are not required; requirements given by
    URL are not reported.

    ## Why is this bad?
    With no lower bound, any version satisfies the requirement: builds that use an already
    installed backend (`--no-build-isolation`, constraints files, distribution packaging,
    pinned mirrors) pick up versions that cannot build the project, failing far from the
    cause: a setuptools older than 61 ignores `[project]`, a Cython older than the Python
    cannot compile for it.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=66.1.0"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    ```

    ## Fix safety
    Safe: the fix adds `>=` the first release that supports what the file uses (`[project]`,
    a PEP 639 license, configuration keys) and runs on every Python the project admits
    (setuptools 66.1 for Python 3.12), which isolated builds install anyway. When nothing
    known makes any release too old, there is no fix: a floor such as
    `scikit-build-core>=0.1.0` would mean nothing.

    ## References
    - [PEP 508](https://peps.python.org/pep-0508/)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL106"
    name = "unbounded-build-requirement"
    severity = Severity.WARNING
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=61", "numpy~=2.0", "scikit-build-core==0.10.*"]
        build-backend = "setuptools.build_meta"
        """,
        """
        [build-system]
        requires = ["setuptools @ https://example.org/setuptools-80.0.0.tar.gz"]
        build-backend = "setuptools.build_meta"
        """,
        # Not the backend's, and no known build broke for want of its floor.
        """
        [build-system]
        requires = ["hatchling>=1.27", "hatch-vcs"]
        build-backend = "hatchling.build"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            """,
            at="2:13-2:24",
            message="has no lower bound",
        ),
        Invalid(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            [project]
            name = "x"
            license = "MIT"
            """,
            at="2:13-2:24",
            message="Build requirement `hatchling` has no lower bound",
            fix=safe("Require `hatchling>=1.27.0`"),
            fixed="""
            [build-system]
            requires = ["hatchling>=1.27.0"]
            build-backend = "hatchling.build"
            [project]
            name = "x"
            license = "MIT"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ['setuptools<80; python_version >= "3.8"']
            build-backend = 'setuptools.build_meta'
            [project]
            name = 'x'
            requires-python = '>=3.8'
            """,
            at="2:13-2:53",
            message='Build requirement `setuptools<80; python_version >= "3.8"` has no lower bound',
            fix=safe("Require `setuptools>=66.1.0`"),
            fixed="""
            [build-system]
            requires = ['setuptools>=66.1.0,<80; python_version >= "3.8"']
            build-backend = 'setuptools.build_meta'
            [project]
            name = 'x'
            requires-python = '>=3.8'
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61", "cython"]
            build-backend = "setuptools.build_meta"
            """,
            at="2:31-2:39",
            message="Build requirement `cython` has no lower bound",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        backend = model.effective_backend
        floored = {p.name for _, p in model.requirements if p.valid and p.lower_bound() is not None}
        for index, parsed in model.requirements:
            if not parsed.valid or parsed.url or parsed.name is None or _is_unneeded_wheel(ctx, parsed):
                continue
            if parsed.name in floored:
                continue  # this entry, or another for the same distribution, has a floor
            known = model.knowledge.distributions.get(parsed.name)
            is_backend = backend is not None and backend.canonical_distribution == parsed.name
            if not is_backend and not (known and known.floor_matters):
                continue
            fix: Optional[Fix] = None
            minimum = model.suggested_minimum(parsed.name)
            if minimum is not None:
                new = add_lower_bound(parsed.raw, str(minimum), like=[p.raw for _, p in model.requirements])
                edit = rewrite_requirement(ctx, (*REQUIRES, index), new) if new else None
                if edit is not None:
                    fix = Fix.safe(f"Require `{parsed.display_name}>={minimum}`", edit)
            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                f"Build requirement `{parsed.raw}` has no lower bound",
                fix,
            )


class DistutilsEraSetuptools(Rule):
    """
    ## What it does
    Checks that every build requirement can be installed on every Python the project
    admits (by `requires-python`, `python_requires`, the version classifiers, or by saying
    nothing), markers evaluated per Python and platform. It reports a requirement that
    admits only releases which cannot run there (setuptools before 66.1.0 on Python 3.12
    and later, before 41.1.0 on 3.9 and later), none whose `Requires-Python` admits that
    Python, or none with a wheel for it whose sdist is known to build there (`numpy<1.20`
    on 3.12: its sdist needs `distutils`). The knowledge and the release snapshot
    (`docs/releases.md`) give each fact with its source; distributions the snapshot does
    not list are not judged on wheels.

    ## Why is this bad?
    Every build on those Pythons fails: setuptools before 66.1.0 stops with `No module
    named 'distutils'` or `module 'pkgutil' has no attribute 'ImpImporter'`, a release
    that excludes the Python leaves nothing to install (`No matching distribution`), and an
    sdist that cannot build there fails while the build environment is being made.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools<60"]
    build-backend = "setuptools.build_meta"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=66.1.0"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    Unsafe: for a release that cannot run, the fix drops the cap or pin, which someone may
    have set for a reason; for one without wheels, it splits the requirement by Python
    (the old one below the first Python without a wheel, the first release with wheels
    from there on), which changes what those Pythons build with.

    ## References
    - [PEP 632: Deprecate distutils](https://peps.python.org/pep-0632/)
    - [setuptools 66.1.0 changelog](https://setuptools.pypa.io/en/stable/history.html#v66-1-0)
    - [uv: build failures](https://docs.astral.sh/uv/reference/troubleshooting/build-failures/)
    - `docs/frontends.md`, `docs/knowledge.md` and `docs/releases.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL107"
    name = "distutils-era-setuptools"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=40.8"]
        build-backend = "setuptools.build_meta"
        """,
        """
        [build-system]
        requires = ["setuptools<60"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "x"
        requires-python = ">=3.8,<3.12"
        """,
        """
        [build-system]
        requires = ["setuptools<60; python_version < '3.12'", "setuptools>=70; python_version >= '3.12'"]
        build-backend = "setuptools.build_meta"
        """,
        """
        [build-system]
        requires = ["setuptools==59.8.0"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "x"
        classifiers = ["Programming Language :: Python :: 3.8"]
        """,
        # The split the fix writes: each Python installs a wheel.
        """
        [build-system]
        requires = ["setuptools>=67", "numpy==1.21.6; python_version < '3.11'", "numpy>=1.23.2; python_version >= '3.11'"]
        build-backend = "setuptools.build_meta"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools<60"]
            build-backend = "setuptools.build_meta"
            """,
            at="2:13-2:28",
            message="`setuptools<60` admits only setuptools releases before 66.1.0, which fail on Python 3.12 to 3.14",
            fix=unsafe("Require `setuptools>=66.1.0`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=66.1.0"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools==65.5.0"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            requires-python = ">=3.8"
            """,
            at="2:13-2:33",
            message='which fail on Python 3.12 to 3.14 (`requires-python = ">=3.8"` admits them)',
            fix=unsafe("Require `setuptools>=66.1.0`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=66.1.0"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            requires-python = ">=3.8"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=67", "numpy==1.21.6"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            requires-python = ">=3.8"
            """,
            at="2:31-2:46",
            message="admits no numpy release whose Requires-Python admits CPython 3.11 to 3.14",
            fix=unsafe("Split by Python: `numpy==1.21.6; python_version < '3.11'` and `numpy>=1.23.2; python_version >= '3.11'`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=67", "numpy==1.21.6; python_version < '3.11'", "numpy>=1.23.2; python_version >= '3.11'"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            requires-python = ">=3.8"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=67", "scipy==1.7.3"]
            build-backend = "setuptools.build_meta"
            """,
            at="2:31-2:45",
            message="admits no scipy release whose Requires-Python admits CPython 3.11 to 3.14",
            fix=unsafe("Split by Python: `scipy==1.7.3; python_version < '3.11'` and `scipy>=1.9.2; python_version >= '3.11'`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=67", "scipy==1.7.3; python_version < '3.11'", "scipy>=1.9.2; python_version >= '3.11'"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=67", "numpy<1.20"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            requires-python = ">=3.9"
            """,
            at="2:31-2:43",
            message="installers build numpy 1.19.5 from its sdist, which fails",
            fix=unsafe("Split by Python: `numpy<1.20; python_version < '3.10'` and `numpy>=1.21.3; python_version >= '3.10'`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=67", "numpy<1.20; python_version < '3.10'", "numpy>=1.21.3; python_version >= '3.10'"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            requires-python = ">=3.9"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        yield from self._cannot_run(ctx)
        model = ctx.model
        for index, parsed in model.requirements:
            if parsed.name is None or model.knowledge.runs_on.get(parsed.name) or not has_release_data(parsed.name):
                continue  # a pure-Python tool (whether it runs is _cannot_run's question), or no data
            if any(conflict.distribution == parsed.name for conflict in model.conflicts):
                continue  # nothing satisfies it at all: PPL115's
            from ...model.reach import summarise

            summary = summarise(parsed, model.targets.pythons)
            if not summary.errors:
                continue
            first = summary.first_python() if not summary.warnings else min(
                summary.first_python(), summary.first_python(errors=False), key=lambda p: tuple(map(int, p.split(".")))
            )
            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                summary.error_message(parsed),
                python_split(ctx, REQUIRES, index, parsed.raw, first),
                pythons=[r.target for r in summary.errors],
            )

    def _cannot_run(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        for name in sorted(model.required_names):
            rows = model.runs_on(name)
            if not rows:
                continue
            # Per entry: the targets on which it admits only releases that cannot run there.
            failing: dict[int, tuple[list[Target], list[Version], str]] = {}
            for row, pythons in rows:
                for target in model.target_list:
                    if target.python not in pythons or model.conflicting(name, target):
                        continue
                    entries = [e for e in model.entries(target) if e.certain and e.requirement.name == name]
                    if not entries or any(e.requirement.url for e in entries):
                        continue
                    if admits_at_least([e.requirement for e in entries], row.since):
                        continue
                    index = entries[0].position
                    assert index is not None
                    targets, floors, _ = failing.setdefault(index, ([], [], f"before {row.since}, which fail on {{}} with `{row.error}`"))
                    if target not in targets:
                        targets.append(target)
                    floors.append(Version(row.since))
            for index, (targets, floors, error) in failing.items():
                parsed = dict(model.requirements)[index]
                bound = max([*floors, *(m for m in [model.suggested_minimum(name)] if m is not None)])
                new = with_only_lower_bound(parsed.raw, str(bound))
                edit = rewrite_requirement(ctx, (*REQUIRES, index), new) if new else None
                everywhere = len(targets) == len(model.target_list)
                yield self.diagnostic(
                    ctx.locate((*REQUIRES, index)),
                    f"`{parsed.raw}` admits only {parsed.display_name} releases " + error.format(model.describe(targets)),
                    Fix.unsafe(f"Require `{parsed.display_name}>={bound}`", edit) if edit else None,
                    pythons=() if everywhere else targets,
                )


class InvalidBuildRequirement(Rule):
    """
    ## What it does
    Checks that every entry of `[build-system].requires` is a valid PEP 508 requirement.

    ## Why is this bad?
    pip refuses the whole file (``This package has an invalid `build-system.requires`
    key in pyproject.toml``), build fails installing it, and uv rejects the operator.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools=>61"]
    build-backend = "setuptools.build_meta"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=61"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    Safe for swapped or doubled operators (`=>`, `>=>`) and a trailing comma, whose intent
    is plain. Unsafe for a single `=` (`setuptools=61`), read as `==`: it may have meant
    `>=`. Anything else gets no fix.

    ## References
    - [PEP 508](https://peps.python.org/pep-0508/), [PEP 440 version specifiers](https://peps.python.org/pep-0440/#version-specifiers)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL108"
    name = "invalid-build-requirement"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=61,<80", "cffi; platform_python_implementation != 'PyPy'"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools=>61"]
            build-backend = "setuptools.build_meta"
            """,
            at="2:13-2:29",
            message="`setuptools=>61` is not a valid PEP 508 requirement",
            fix=safe("Replace with `setuptools>=61`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ['setuptools>=>68', 'wheel']
            """,
            at="2:13-2:30",
            message="`setuptools>=>68` is not a valid PEP 508 requirement",
            fix=safe("Replace with `setuptools>=68`"),
            fixed="""
            [build-system]
            requires = ['setuptools>=68', 'wheel']
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools=61"]
            """,
            at="2:13-2:28",
            message="`setuptools=61` is not a valid PEP 508 requirement",
            fix=unsafe("Replace with `setuptools==61`"),
            fixed="""
            [build-system]
            requires = ["setuptools==61"]
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools >= 61 < 80"]
            """,
            at="2:13-2:36",
            message="`setuptools >= 61 < 80` is not a valid PEP 508 requirement",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for index, parsed in ctx.model.requirements:
            if parsed.valid:
                continue
            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                f"`{parsed.raw}` is not a valid PEP 508 requirement: {parsed.error}",
                repair_fix(ctx, (*REQUIRES, index), parsed.raw),
            )


class UnnecessaryWheelRequirement(Rule):
    """
    ## What it does
    Checks for `wheel` in `[build-system].requires` beside the setuptools backend.

    ## Why is this bad?
    It was never needed: setuptools' backend has asked front ends for `wheel` itself
    (`get_requires_for_build_wheel`) since its first release, and from setuptools 70.1
    it does not use `wheel` at all. Listing it installs an extra package into every build
    environment, including sdist builds.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61", "wheel"]
    build-backend = "setuptools.build_meta"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=61"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    Safe: the fix removes the entry (with its own line and comment in a multi-line array).
    Unsafe when a `setup.py` beside the file imports `wheel` itself.

    ## References
    - [setuptools 70.1.0 changelog](https://setuptools.pypa.io/en/stable/history.html#v70-1-0)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL111"
    name = "unnecessary-wheel-requirement"
    severity = Severity.WARNING
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"
        """,
        """
        [build-system]
        requires = ["hatchling", "wheel"]
        build-backend = "hatchling.build"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61", "wheel"]
            build-backend = "setuptools.build_meta"
            """,
            at="2:31-2:38",
            message="`wheel` is not needed in `requires` with setuptools (unused from setuptools 70.1)",
            fix=safe("Remove `wheel`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = [
                "setuptools>=61",
                "wheel",  # for bdist_wheel
                "cython>=3",
            ]
            build-backend = "setuptools.build_meta"
            """,
            at="4:5-4:12",
            message="`wheel` is not needed in `requires` with setuptools (unused from setuptools 70.1)",
            fix=safe("Remove `wheel`"),
            fixed="""
            [build-system]
            requires = [
                "setuptools>=61",
                "cython>=3",
            ]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ['wheel', 'setuptools>=61']
            """,
            at="2:13-2:20",
            message="`wheel` is not needed in `requires` with setuptools (unused from setuptools 70.1)",
            fix=safe("Remove `wheel`"),
            fixed="""
            [build-system]
            requires = ['setuptools>=61']
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        setup_py = ctx.model.setup_py
        for index, parsed in ctx.model.requirements:
            if not _is_unneeded_wheel(ctx, parsed):
                continue
            imports_wheel = setup_py is not None and bool(setup_py.imports_of("wheel"))
            applicability = Applicability.UNSAFE if imports_wheel else Applicability.SAFE
            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                "`wheel` is not needed in `requires` with setuptools (unused from setuptools 70.1)",
                Fix("Remove `wheel`", edits.remove_from_array(ctx, REQUIRES, index), applicability),
            )


class BackendTooOld(Rule):
    """
    ## What it does
    Checks that the lower bound on the backend's distribution is at least the first
    release that supports what the file uses: `[project]` metadata (setuptools 61,
    poetry-core 2.0, flit_core 3.2, maturin 0.11), a PEP 639 license expression
    (setuptools 77.0.3, hatchling 1.27, poetry-core 2.2, pdm-backend 2.4.1, ...), or the
    backend module itself.

    ## Why is this bad?
    When the requirement admits only older releases and those fail or build the wrong
    thing, it is an error: setuptools < 61 ignores `[project]` and builds `UNKNOWN-0.0.0`
    with no package; setuptools < 77, flit_core < 3.11 and pdm-backend < 2.4 refuse a
    license expression. Older hatchling and poetry-core still build, writing the license
    the pre-PEP 639 way (a warning). When the requirement only allows old releases,
    isolated builds still install the newest, but any build with an older backend
    installed fails or drops metadata (a warning).

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=45"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    license = "MIT"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=77.0.3"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    license = "MIT"
    ```

    ## Fix safety
    Safe when the fix only raises the lower bound. Unsafe when an upper cap or pin
    excludes every release that works: the fix then replaces the constraint.

    ## References
    - [setuptools 61.0.0 changelog](https://setuptools.pypa.io/en/stable/history.html#v61-0-0)
    - [Writing your pyproject.toml: license](https://packaging.python.org/en/latest/guides/writing-pyproject-toml/#license)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL112"
    name = "backend-too-old"
    severity = Severity.WARNING
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "demo"
        """,
        """
        [build-system]
        requires = ["setuptools"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "demo"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=45"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            license = "MIT"
            """,
            at="2:13-2:29",
            message="`setuptools>=45` allows setuptools releases that are too old: a PEP 639 license expression needs setuptools>=77.0.3",
            severity=Severity.WARNING,
            fix=safe("Require `setuptools>=77.0.3`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=77.0.3"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            license = "MIT"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=40,<60"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            """,
            at="2:13-2:33",
            message="`setuptools>=40,<60` admits only setuptools releases that are too old: `[project]` needs setuptools>=61.0.0",
            severity=Severity.ERROR,
            fix=unsafe("Require `setuptools>=61.0.0`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61.0.0"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools==76.1.0"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            license = "MIT"
            """,
            at="2:13-2:33",
            message="`setuptools==76.1.0` admits only setuptools releases that are too old: a PEP 639 license expression needs",
            severity=Severity.ERROR,
            fix=unsafe("Require `setuptools>=77.0.3`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=77.0.3"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "demo"
            license = "MIT"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["hatchling==1.25.0"]
            build-backend = "hatchling.build"

            [project]
            name = "demo"
            license = "MIT"
            """,
            at="2:13-2:32",
            message="`hatchling==1.25.0` admits only hatchling releases that are too old: a PEP 639 license expression needs",
            severity=Severity.WARNING,
            fix=unsafe("Require `hatchling>=1.27.0`"),
            fixed="""
            [build-system]
            requires = ["hatchling>=1.27.0"]
            build-backend = "hatchling.build"

            [project]
            name = "demo"
            license = "MIT"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ['poetry-core>=1.0.0']
            build-backend = 'poetry.core.masonry.api'

            [project]
            name = 'demo'
            """,
            at="2:13-2:33",
            message="`poetry-core>=1.0.0` allows poetry-core releases that are too old: `[project]` needs poetry-core>=2.0.0",
            severity=Severity.WARNING,
            fix=safe("Require `poetry-core>=2.0.0`"),
            fixed="""
            [build-system]
            requires = ['poetry-core>=2.0.0']
            build-backend = 'poetry.core.masonry.api'

            [project]
            name = 'demo'
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        backend = model.effective_backend
        if backend is None or model.has_backend_path:
            return
        name = backend.canonical_distribution
        found = model.requirement_for(name)
        if found is None or not found[1].valid or found[1].url:
            return
        if any(conflict.distribution == name for conflict in model.conflicts):
            return  # nothing satisfies it at all: PPL115's finding
        index, parsed = found
        floor = parsed.lower_bound()
        features = backend.features_of or name  # flit.buildapi: flit_core's features, same releases
        floors = [need for need in model.needs(features) if need.is_floor] + [model.backend_since(backend)]
        unmet = [need for need in floors if floor is None or floor < need.version]
        if not unmet:
            return
        need = max(unmet, key=lambda need: need.version)
        needed, why, older_breaks = need.version, need.reason, need.breaks
        if parsed.admits_at_least(needed):
            if floor is None:
                return  # no lower bound at all: PPL106's finding
            new = raise_lower_bound(parsed.raw, str(needed))
            severity, applicability = Severity.WARNING, Applicability.SAFE
            message = f"`{parsed.raw}` allows {backend.distribution} releases that are too old: {why}"
        else:
            new = with_only_lower_bound(parsed.raw, str(needed))
            severity = Severity.ERROR if older_breaks else Severity.WARNING
            applicability = Applicability.UNSAFE
            message = f"`{parsed.raw}` admits only {backend.distribution} releases that are too old: {why}"
        edit = rewrite_requirement(ctx, (*REQUIRES, index), new) if new else None
        fix = Fix(f"Require `{backend.distribution}>={needed}`", (edit,), applicability) if edit else None
        yield self.diagnostic(ctx.locate((*REQUIRES, index)), message, fix, severity)


class UnsatisfiableBuildRequirement(Rule):
    """
    ## What it does
    Checks that, for each distribution in `[build-system].requires`, some release satisfies
    all of its entries together (on each Python the project admits, markers evaluated):
    `setuptools>=70` beside `setuptools<65` admits nothing.

    ## Why is this bad?
    Front ends install every entry into one environment, and no release can satisfy both:
    pip, build and uv all fail with `ResolutionImpossible` (or its equivalent) before the
    backend even runs.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=70", "wheel", "setuptools<65"]
    build-backend = "setuptools.build_meta"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=70", "wheel"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    No fix: which entry is wrong is the author's call.

    ## References
    - [PEP 440: version specifiers](https://peps.python.org/pep-0440/#version-specifiers)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL115"
    name = "unsatisfiable-build-requirement"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=61", "setuptools<80"]
        build-backend = "setuptools.build_meta"
        """,
        """
        [build-system]
        requires = ["setuptools<60; python_version < '3.12'", "setuptools>=66.1; python_version >= '3.12'"]
        build-backend = "setuptools.build_meta"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=70", "setuptools<65"]
            build-backend = "setuptools.build_meta"
            """,
            at="2:13-2:29",
            message="no setuptools release satisfies `setuptools>=70` and `setuptools<65` together",
        ),
        Invalid(
            """
            [build-system]
            requires = ["cython>=3,<0.29"]
            build-backend = "setuptools.build_meta"
            """,
            at="2:13-2:30",
            message="no cython release satisfies `cython>=3,<0.29`",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        entries = dict(model.requirements)
        for conflict in model.conflicts:
            if not conflict.indices:
                continue
            written = " and ".join(f"`{entries[i].raw}`" for i in conflict.indices)
            together = " together" if len(conflict.indices) > 1 else ""
            name = entries[conflict.indices[0]].display_name
            everywhere = len(conflict.targets) == len(model.target_list)
            where = "" if everywhere else f" on {model.describe(conflict.targets)}"
            yield self.diagnostic(
                ctx.locate((*REQUIRES, conflict.indices[0])),
                f"no {name} release satisfies {written}{together}{where}: front ends fail with `ResolutionImpossible`",
                pythons=() if everywhere else conflict.targets,
            )


class BackendTooNew(Rule):
    """
    ## What it does
    Checks that the requirement on the backend's distribution does not admit only releases
    that dropped something the file uses: `[tool.flit.metadata]` with `flit_core` 4 or
    later, say. The knowledge lists each such feature, with the release that dropped it.

    ## Why is this bad?
    Isolated builds install the newest release the requirement admits. When that release
    refuses the configuration, every build fails: flit_core 4 stops with `The
    [tool.flit.metadata] table is no longer supported`.

    ## Example
    ```toml
    [build-system]
    requires = ["flit_core>=2"]
    build-backend = "flit_core.buildapi"

    [tool.flit.metadata]
    module = "demo"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["flit_core>=2,<4"]
    build-backend = "flit_core.buildapi"

    [tool.flit.metadata]
    module = "demo"
    ```

    ## Fix safety
    Unsafe: the fix caps the requirement below the release that dropped the feature, which
    keeps the build working but on older releases; moving the configuration to what the
    backend supports now (`[project]`, for Flit) is the lasting fix.

    ## References
    - [Flit 4.0 changelog](https://flit.pypa.io/en/stable/history.html)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL118"
    name = "backend-too-new"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["flit_core>=2,<4"]
        build-backend = "flit_core.buildapi"
        [tool.flit.metadata]
        module = "demo"
        """,
        """
        [build-system]
        requires = ["flit<4"]
        build-backend = "flit.buildapi"
        [tool.flit.metadata]
        module = "demo"
        """,
        """
        [build-system]
        requires = ["flit_core>=3.2"]
        build-backend = "flit_core.buildapi"
        [project]
        name = "demo"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["flit_core>=2"]
            build-backend = "flit_core.buildapi"
            [tool.flit.metadata]
            module = "demo"
            """,
            at="2:13-2:27",
            message="no longer support `tool.flit.metadata`",
            fix=unsafe("Require `flit_core<4.0`"),
            fixed="""
            [build-system]
            requires = ["flit_core>=2,<4.0"]
            build-backend = "flit_core.buildapi"
            [tool.flit.metadata]
            module = "demo"
            """,
        ),
        Invalid(  # flit's old backend runs flit_core's hooks: the same releases refuse it
            """
            [build-system]
            requires = ["flit"]
            build-backend = "flit.buildapi"
            [tool.flit.metadata]
            module = "demo"
            """,
            at="2:13-2:19",
            message="`flit` admits flit 4.0 and later, which no longer support `tool.flit.metadata`",
            fix=unsafe("Require `flit<4.0`"),
            fixed="""
            [build-system]
            requires = ["flit<4.0"]
            build-backend = "flit.buildapi"
            [tool.flit.metadata]
            module = "demo"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        backend = model.effective_backend
        if backend is None or model.has_backend_path:
            return
        name = backend.canonical_distribution
        found = model.requirement_for(name)
        if found is None or not found[1].valid or found[1].url:
            return
        index, parsed = found
        for need in model.needs(backend.features_of or name):  # flit.buildapi: flit_core's, same releases
            if need.is_floor or not need.breaks or not admits_at_least([parsed], str(need.version)):
                continue
            new = add_upper_bound(parsed.raw, str(need.version))
            edit = rewrite_requirement(ctx, (*REQUIRES, index), new) if new else None
            from ...model.features import describe

            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                f"`{parsed.raw}` admits {parsed.display_name} {need.version} and later, which no longer support "
                f"{describe(need.feature.feature)}: isolated builds install the newest release, and it fails",
                Fix.unsafe(f"Require `{parsed.display_name}<{need.version}`", edit) if edit else None,
            )
            return
