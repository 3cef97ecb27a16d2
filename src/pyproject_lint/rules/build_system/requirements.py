"""The entries of ``[build-system].requires``: valid, bounded, recent enough, needed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from packaging.version import Version

from ... import edits, knowledge
from ...diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ...knowledge import Backend
from ...requirements import (
    ParsedRequirement,
    add_lower_bound,
    raise_lower_bound,
    repair_requirement,
    with_only_lower_bound,
)
from ..base import Invalid, Rule
from .missing import BUILD_SYSTEM

if TYPE_CHECKING:
    from ...context import Context
    from ...spans import TomlPath

REQUIRES = ("build-system", "requires")
_PYTHON_312_ENVIRONMENT = {"python_version": "3.12", "python_full_version": "3.12.0"}


def rewrite_requirement(ctx: Context, path: TomlPath, new: str) -> Optional[Edit]:
    """An edit replacing the requirement string at ``path`` with ``new``, in its quote style."""
    node = ctx.node(path)
    if node is None or edits.string_content(ctx, node) is None:
        return None  # written with escapes or as a multi-line string: leave it alone
    return edits.replace_string(ctx, path, new)


def _rewrite(ctx: Context, index: int, new: str) -> Optional[Edit]:
    return rewrite_requirement(ctx, (*REQUIRES, index), new)


def repair_fix(ctx: Context, path: TomlPath, raw: str) -> Optional[Fix]:
    """For an invalid requirement with misspelled operators, the fix that corrects them."""
    repaired = repair_requirement(raw)
    edit = rewrite_requirement(ctx, path, repaired[0]) if repaired else None
    if repaired is None or edit is None:
        return None
    new, certain = repaired
    return Fix(f"Replace with `{new}`", (edit,), Applicability.SAFE if certain else Applicability.UNSAFE)


def _backend_for(ctx: Context, name: str) -> Optional[Backend]:
    """The backend whose distribution ``name`` is: the one that builds, else its first."""
    effective = ctx.effective_backend
    if effective is not None and effective.canonical_distribution == name:
        return effective
    candidates = knowledge.BACKENDS_BY_DISTRIBUTION.get(name, ())
    return candidates[0] if candidates else None


def is_unneeded_wheel(ctx: Context, parsed: ParsedRequirement) -> bool:
    """``wheel`` beside a setuptools backend, which never needed it listed (PPL111)."""
    if parsed.name != "wheel":
        return False
    backend = ctx.effective_backend
    return backend is not None and backend.path in ("setuptools.build_meta", knowledge.LEGACY_BACKEND) and (
        ctx.backend_string is not None or "setuptools" in ctx.available_names
    )


class UnboundedBuildRequirement(Rule):
    """
    ## What it does
    Checks that every build requirement has a lower bound (`>=`, `>`, `==`, `~=`).
    Upper caps are not required; requirements given by URL are not reported.

    ## Why is this bad?
    With no lower bound, any version satisfies the requirement: builds that use an already
    installed backend (`--no-build-isolation`, constraints files, distribution packaging,
    pinned mirrors) pick up versions that cannot build the project, failing far from the
    cause.

    ## Example
    ```toml
    [build-system]
    requires = ["hatchling"]
    build-backend = "hatchling.build"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["hatchling>=0.8.0"]
    build-backend = "hatchling.build"
    ```

    ## Fix safety
    Safe: for a backend's distribution the fix adds `>=` the lowest version that supports
    what the file uses (`[project]`, a PEP 639 license, Python 3.12 for setuptools), which
    isolated builds install anyway. Other requirements get no fix: their right bound is
    not knowable from the file.

    ## References
    - [PEP 508](https://peps.python.org/pep-0508/)
    - `knowledge/build-system.md` §7, §8 (last row)
    """

    code = "PPL106"
    name = "unbounded-build-requirement"
    severity = Severity.WARNING
    requires = (BUILD_SYSTEM,)
    VALID = [
        '[build-system]\nrequires = ["setuptools>=61", "numpy~=2.0", "scikit-build-core==0.10.*"]\nbuild-backend = "setuptools.build_meta"\n',
        '[build-system]\nrequires = ["setuptools @ https://example.org/setuptools-80.0.0.tar.gz"]\nbuild-backend = "setuptools.build_meta"\n',
    ]
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["hatchling>=0.8.0"]\nbuild-backend = "hatchling.build"\n',
        ),
        Invalid(
            "[build-system]\nrequires = ['setuptools<80; python_version >= \"3.8\"']\nbuild-backend = 'setuptools.build_meta'\n[project]\nname = 'x'\nrequires-python = '>=3.8'\n",
            at="2:13",
            fixed="[build-system]\nrequires = ['setuptools>=66.1.0,<80; python_version >= \"3.8\"']\nbuild-backend = 'setuptools.build_meta'\n[project]\nname = 'x'\nrequires-python = '>=3.8'\n",
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools>=61", "cython"]\nbuild-backend = "setuptools.build_meta"\n',
            at="2:31",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for index, parsed in ctx.requirements:
            if not parsed.valid or parsed.url or is_unneeded_wheel(ctx, parsed):
                continue
            if parsed.lower_bound() is not None:
                continue
            fix: Optional[Fix] = None
            backend = _backend_for(ctx, parsed.name or "")
            if backend is not None:
                minimum = str(ctx.suggested_minimum(backend))
                new = add_lower_bound(parsed.raw, minimum)
                edit = _rewrite(ctx, index, new) if new else None
                if edit is not None:
                    fix = Fix.safe(f"Require `{backend.distribution}>={minimum}`", edit)
            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                f"Build requirement `{parsed.raw}` has no lower bound",
                fix,
            )


class DistutilsEraSetuptools(Rule):
    """
    ## What it does
    Checks for a setuptools (or numpy) build requirement that admits only versions that
    cannot build on Python 3.12+ (setuptools < 66.1.0, numpy < 1.26), while the project
    does not exclude Python 3.12+ (`requires-python`, the version classifiers, or neither
    given). Requirements whose marker excludes Python 3.12 are not reported.

    ## Why is this bad?
    Python 3.12 removed `distutils`. Every setuptools release before 66.1.0 fails on it,
    with `ModuleNotFoundError: No module named 'distutils'` (setuptools < 60) or
    `module 'pkgutil' has no attribute 'ImpImporter'` (60 to 66.0); numpy before 1.26 has
    no Python 3.12 support, and none of its 3.12 builds has `numpy.distutils`.

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
    Unsafe: the fix drops the cap or pin, which someone may have set for a reason (a
    `setup.py` that still imports `numpy.distutils`, say).

    ## References
    - [PEP 632: Deprecate distutils](https://peps.python.org/pep-0632/)
    - [setuptools 66.1.0 changelog](https://setuptools.pypa.io/en/stable/history.html#v66-1-0)
    - `knowledge/build-system.md` §3.2, §3.3
    """

    code = "PPL107"
    name = "distutils-era-setuptools"
    severity = Severity.ERROR
    requires = (BUILD_SYSTEM,)
    VALID = [
        '[build-system]\nrequires = ["setuptools>=40.8"]\nbuild-backend = "setuptools.build_meta"\n',
        '[build-system]\nrequires = ["setuptools<60"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "x"\nrequires-python = ">=3.8,<3.12"\n',
        '[build-system]\nrequires = ["setuptools<60; python_version < \'3.12\'", "setuptools>=70; python_version >= \'3.12\'"]\nbuild-backend = "setuptools.build_meta"\n',
        '[build-system]\nrequires = ["setuptools==59.8.0"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "x"\nclassifiers = ["Programming Language :: Python :: 3.8"]\n',
    ]
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["setuptools<60"]\nbuild-backend = "setuptools.build_meta"\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["setuptools>=66.1.0"]\nbuild-backend = "setuptools.build_meta"\n',
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools==65.5.0", "numpy==1.21.6"]\nbuild-backend = "setuptools.build_meta"\n'
            '[project]\nname = "x"\nrequires-python = ">=3.8"\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["setuptools>=66.1.0", "numpy==1.21.6"]\nbuild-backend = "setuptools.build_meta"\n'
            '[project]\nname = "x"\nrequires-python = ">=3.8"\n',
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools>=67", "numpy==1.21.6"]\nbuild-backend = "setuptools.build_meta"\n'
            '[project]\nname = "x"\nrequires-python = ">=3.8"\n',
            at="2:31",
            fixed='[build-system]\nrequires = ["setuptools>=67", "numpy>=1.26.0"]\nbuild-backend = "setuptools.build_meta"\n'
            '[project]\nname = "x"\nrequires-python = ">=3.8"\n',
        ),
    ]

    _MINIMUMS = {"setuptools": knowledge.SETUPTOOLS_FOR_PYTHON_312, "numpy": knowledge.NUMPY_FOR_PYTHON_312}

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for index, parsed in ctx.requirements:
            minimum = self._MINIMUMS.get(parsed.name or "")
            if not parsed.valid or minimum is None or parsed.url:
                continue
            if parsed.marker is not None and not parsed.marker.evaluate(_PYTHON_312_ENVIRONMENT):
                continue
            if parsed.admits_at_least(Version(minimum)):
                continue
            reason = ctx.python_312_reason
            if reason is None:
                return
            bound = minimum
            backend = _backend_for(ctx, parsed.name or "")
            if backend is not None:
                bound = str(max(Version(minimum), ctx.minimum_version(backend).version))
            new = with_only_lower_bound(parsed.raw, bound)
            edit = _rewrite(ctx, index, new) if new else None
            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                f"`{parsed.raw}` admits only {parsed.display_name} releases older than {minimum}, "
                f"which cannot build on Python 3.12+; {reason}",
                Fix.unsafe(f"Require `{parsed.display_name}>={bound}`", edit) if edit else None,
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
    - `knowledge/build-system.md` §2.2 row I
    """

    code = "PPL108"
    name = "invalid-build-requirement"
    severity = Severity.ERROR
    requires = (BUILD_SYSTEM,)
    VALID = ['[build-system]\nrequires = ["setuptools>=61,<80", "cffi; platform_python_implementation != \'PyPy\'"]\n']
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["setuptools=>61"]\nbuild-backend = "setuptools.build_meta"\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n',
        ),
        Invalid(
            "[build-system]\nrequires = ['setuptools>=>68', 'wheel']\n",
            at="2:13",
            fixed="[build-system]\nrequires = ['setuptools>=68', 'wheel']\n",
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools=61"]\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["setuptools==61"]\n',
        ),
        Invalid('[build-system]\nrequires = ["setuptools >= 61 < 80"]\n', at="2:13"),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for index, parsed in ctx.requirements:
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
    - `knowledge/build-system.md` §4.1
    """

    code = "PPL111"
    name = "unnecessary-wheel-requirement"
    severity = Severity.WARNING
    requires = (BUILD_SYSTEM,)
    VALID = [
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n',
        '[build-system]\nrequires = ["hatchling", "wheel"]\nbuild-backend = "hatchling.build"\n',
    ]
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["setuptools>=61", "wheel"]\nbuild-backend = "setuptools.build_meta"\n',
            at="2:31",
            fixed='[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n',
        ),
        Invalid(
            '[build-system]\nrequires = [\n    "setuptools>=61",\n    "wheel",  # for bdist_wheel\n    "cython>=3",\n]\nbuild-backend = "setuptools.build_meta"\n',
            at="4:5",
            fixed='[build-system]\nrequires = [\n    "setuptools>=61",\n    "cython>=3",\n]\nbuild-backend = "setuptools.build_meta"\n',
        ),
        Invalid(
            "[build-system]\nrequires = ['wheel', 'setuptools>=61']\n",
            at="2:13",
            fixed="[build-system]\nrequires = ['setuptools>=61']\n",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for index, parsed in ctx.requirements:
            if not is_unneeded_wheel(ctx, parsed):
                continue
            imports_wheel = ctx.setup_py is not None and bool(ctx.setup_py.imports_of("wheel"))
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
    - `knowledge/build-system.md` §4.2, §7, §8
    """

    code = "PPL112"
    name = "backend-too-old"
    severity = Severity.WARNING
    requires = (BUILD_SYSTEM,)
    VALID = [
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "demo"\n',
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n[project]\nname = "demo"\n',
    ]
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["setuptools>=45"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo"\nlicense = "MIT"\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["setuptools>=77.0.3"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo"\nlicense = "MIT"\n',
            severity=Severity.WARNING,
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools>=40,<60"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo"\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["setuptools>=61.0.0"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo"\n',
            severity=Severity.ERROR,
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools==76.1.0"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo"\nlicense = "MIT"\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["setuptools>=77.0.3"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo"\nlicense = "MIT"\n',
            severity=Severity.ERROR,
            message="admits only",
        ),
        Invalid(
            '[build-system]\nrequires = ["hatchling==1.25.0"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "demo"\nlicense = "MIT"\n',
            at="2:13",
            fixed='[build-system]\nrequires = ["hatchling>=1.27.0"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "demo"\nlicense = "MIT"\n',
            severity=Severity.WARNING,
        ),
        Invalid(
            "[build-system]\nrequires = ['poetry-core>=1.0.0']\nbuild-backend = 'poetry.core.masonry.api'\n\n[project]\nname = 'demo'\n",
            at="2:13",
            fixed="[build-system]\nrequires = ['poetry-core>=2.0.0']\nbuild-backend = 'poetry.core.masonry.api'\n\n[project]\nname = 'demo'\n",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        backend = ctx.effective_backend
        if backend is None or ctx.has_backend_path:
            return
        found = ctx.requirement_for(backend.canonical_distribution)
        if found is None or not found[1].valid or found[1].url:
            return
        index, parsed = found
        floor = parsed.lower_bound()
        unmet = [need for need in ctx.needed_versions(backend) if floor is None or floor < need.version]
        if not unmet:
            return
        needed, why, older_breaks = max(unmet, key=lambda need: need.version)
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
        edit = _rewrite(ctx, index, new) if new else None
        fix = Fix(f"Require `{backend.distribution}>={needed}`", (edit,), applicability) if edit else None
        yield self.diagnostic(ctx.locate((*REQUIRES, index)), message, fix, severity)
