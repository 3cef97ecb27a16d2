"""The ``build-backend`` string: does it exist, is it installed, is it current."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from ... import edits, knowledge
from ...diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ...knowledge import Backend
from ..base import Invalid, Rule
from .missing import BUILD_SYSTEM, requirement_literal

if TYPE_CHECKING:
    from ...context import Context

BACKEND = ("build-system", "build-backend")
REQUIRES = ("build-system", "requires")

#: PEP 517: ``module_path (':' object_path)?`` of Python identifiers.
_IDENTIFIER = r"[^\W\d]\w*"
_ENTRY_POINT = re.compile(rf"^{_IDENTIFIER}(\.{_IDENTIFIER})*(:{_IDENTIFIER}(\.{_IDENTIFIER})*)?$")
_TOP_LEVEL_PACKAGES = frozenset(backend.module.split(".")[0] for backend in knowledge.BACKENDS)


class BackendNotInRequires(Rule):
    """
    ## What it does
    Checks that the distribution providing a known `build-backend` is listed in
    `[build-system].requires`.

    ## Why is this bad?
    Front ends build in an isolated environment holding only what `requires` lists, then
    import the backend from it. When its distribution is missing, every build fails with
    `Cannot import build backend 'hatchling.build'` / `No module named 'hatchling'`.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61"]
    build-backend = "hatchling.build"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=61", "hatchling>=0.8.0"]
    build-backend = "hatchling.build"
    ```

    ## Fix safety
    Safe: the fix adds the backend's distribution, with the lowest version that supports
    what the file uses, to an environment in which the build cannot run at all. A
    `backend-path` (an in-tree backend) or a deprecated backend (see PPL105, whose fix
    replaces the requirement too) is not reported.

    ## References
    - [PEP 518: build-system table](https://peps.python.org/pep-0518/#build-system-table)
    - `knowledge/build-system.md` §2.2 rows F, H
    """

    code = "PPL103"
    name = "backend-not-in-requires"
    severity = Severity.ERROR
    requires = (BUILD_SYSTEM,)
    VALID = [
        '[build-system]\nrequires = ["flit-core >=3.4,<4"]\nbuild-backend = "flit_core.buildapi"\n',
        "[build-system]\nrequires = []\nbuild-backend = 'hatchling.ouroboros'\nbackend-path = ['src']\n",
        '[build-system]\nrequires = ["setuptools @ git+https://github.com/pypa/setuptools"]\nbuild-backend = "setuptools.build_meta"\n',
        '[build-system]\nrequires = ["scikit-build-core[hatchling]"]\nbuild-backend = "hatchling.build"\n',
        '[build-system]\nrequires = ["setuptools-scm>=8"]\nbuild-backend = "setuptools.build_meta"\n',
    ]
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "hatchling.build"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["setuptools>=61", "hatchling>=0.8.0"]\nbuild-backend = "hatchling.build"\n',
        ),
        Invalid(
            "[build-system]\nrequires = []\nbuild-backend = 'setuptools.build_meta'\n\n[project]\nname = 'x'\nrequires-python = '>=3.9,<3.12'\n",
            at="3:17",
            fixed="[build-system]\nrequires = ['setuptools>=61.0.0']\nbuild-backend = 'setuptools.build_meta'\n\n[project]\nname = 'x'\nrequires-python = '>=3.9,<3.12'\n",
        ),
        Invalid(
            '[build-system]\nrequires = [\n    "cython>=3",  # compiled parts\n]\nbuild-backend = "mesonpy"\n',
            at="5:17",
            fixed='[build-system]\nrequires = [\n    "cython>=3",  # compiled parts\n    "meson-python>=0.1.0",\n]\nbuild-backend = "mesonpy"\n',
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        backend = ctx.backend
        if backend is None or backend.replaced_by or ctx.has_backend_path:
            return
        if not isinstance(ctx.get(REQUIRES), list):
            return  # PPL101 or PPL109 reports `requires` itself
        if backend.canonical_distribution in ctx.available_names:
            return
        literal = requirement_literal(ctx, backend)
        yield self.diagnostic(
            ctx.locate(BACKEND),
            f"`{backend.path}` comes from `{backend.distribution}`, which is not in `requires`: "
            "the backend cannot be imported",
            Fix.safe(f"Add `{literal[1:-1]}` to `requires`", *edits.append_to_array(ctx, REQUIRES, literal)),
        )


def _close_backends(value: str) -> list[str]:
    """Known backends the string is probably a misspelling of, best first."""
    import difflib  # only unknown backends get here: kept off the start-up path

    module = value.partition(":")[0]
    top = module.split(".")[0]
    if top in _TOP_LEVEL_PACKAGES:
        family = [
            b.path
            for b in knowledge.BACKENDS
            if b.module.split(".")[0] == top and not b.replaced_by and (":" in b.path) == (":" in value)
        ]
        close = difflib.get_close_matches(value, family, n=3, cutoff=0.8)
        close = close or difflib.get_close_matches(value, family, n=3, cutoff=0.5)
        if close:
            return close
    lowered = {backend.path.lower(): backend.path for backend in knowledge.BACKENDS}
    if value.lower() in lowered:
        return [lowered[value.lower()]]
    return difflib.get_close_matches(value, [b.path for b in knowledge.BACKENDS], n=3, cutoff=0.85)


class UnknownBuildBackend(Rule):
    """
    ## What it does
    Checks that `build-backend` is a valid PEP 517 object reference and, for the packages
    of known backends, one that exists: it reports misspelled modules
    (`setuptools.build_meto`, `hatchling.builds`) and objects
    (`setuptools.build_meta:__legazy__`), and strings close to a known backend.

    ## Why is this bad?
    Front ends import this exact path: a misspelled module fails every build with `Cannot
    import build backend`, a misspelled object with `AttributeError`. Backends that
    pyproject-lint does not know, and in-tree backends (`backend-path`), are not reported.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=77"]
    build-backend = "setuptools.build_meto"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=77"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    Safe when exactly one known backend is close to the string, or the string differs
    from one only in case or surrounding whitespace; otherwise there is no fix, and the
    message lists the candidates.

    ## References
    - [PEP 517: source trees](https://peps.python.org/pep-0517/#source-trees)
    - `knowledge/build-system.md` §2.2 rows G, G2, M
    """

    code = "PPL104"
    name = "unknown-build-backend"
    severity = Severity.ERROR
    requires = (BUILD_SYSTEM,)
    VALID = [
        '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n',
        '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta:__legacy__"\n',
        '[build-system]\nrequires = ["py-build-cmake~=0.4"]\nbuild-backend = "py_build_cmake.build"\n',
        '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["_custom_build"]\n',
    ]
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meto"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n',
        ),
        Invalid(
            "[build-system]\nrequires = ['hatchling']\nbuild-backend = 'hatchling.builds'\n",
            at="3:17",
            fixed="[build-system]\nrequires = ['hatchling']\nbuild-backend = 'hatchling.build'\n",
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta:__legazy__"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta:__legacy__"\n',
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools/build_meta"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n',
            message="not a valid",
        ),
        Invalid(
            '[build-system]\nrequires = ["poetry-core>=2"]\nbuild-backend = "Poetry.Core.Masonry.API "\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["poetry-core>=2"]\nbuild-backend = "poetry.core.masonry.api"\n',
        ),
        Invalid(
            '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build:nope"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
            message="has no object `nope`",
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n',
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        value = ctx.backend_string
        if value is None or ctx.has_backend_path or value in knowledge.BACKENDS_BY_PATH:
            return
        stripped = value.strip()
        module = stripped.partition(":")[0]
        valid_syntax = bool(_ENTRY_POINT.match(value))
        known_package = module.split(".")[0] in _TOP_LEVEL_PACKAGES
        close = _close_backends(stripped)
        if valid_syntax and not known_package and not close:
            return  # a backend pyproject-lint does not know
        if not valid_syntax:
            problem = f"`{value}` is not a valid PEP 517 backend reference (`module.path` or `module.path:object`)"
        elif module in knowledge.BACKEND_MODULES:
            problem = f"`{module}` has no object `{stripped.partition(':')[2]}`: front ends fail with AttributeError"
        else:
            problem = f"Unknown build backend `{value}`: front ends fail with `Cannot import build backend`"
        fix: Optional[Fix] = None
        if len(close) == 1 or (close and close[0].lower() == stripped.lower()):
            edit = edits.replace_string(ctx, BACKEND, close[0])
            if edit is not None:
                fix = Fix.safe(f"Replace with `{close[0]}`", edit)
        suggestion = f"; did you mean {' or '.join(f'`{c}`' for c in close)}?" if close else ""
        yield self.diagnostic(ctx.locate(BACKEND), problem + suggestion, fix)


class DeprecatedBuildBackend(Rule):
    """
    ## What it does
    Checks for backends that their own projects have replaced: `poetry.masonry.api` (by
    `poetry.core.masonry.api`), `flit.buildapi` (by `flit_core.buildapi`), `pdm.pep517.api`
    (by `pdm.backend`) and `uv` (by `uv_build`).

    ## Why is this bad?
    `poetry.masonry.api` installs all of Poetry into every build environment, and
    `flit.buildapi` warns that it "is likely to break in a future version"; both still
    build (a warning). uv removed its old backend in 0.6.5, so `build-backend = "uv"` fails
    with "Did you mean to use `uv_build`" (an error).

    ## Example
    ```toml
    [build-system]
    requires = ["poetry>=1.0"]
    build-backend = "poetry.masonry.api"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["poetry-core>=1.0.0"]
    build-backend = "poetry.core.masonry.api"
    ```

    ## Fix safety
    The fix replaces the backend and its requirement together. Safe for Poetry and Flit,
    whose old backends re-export the new ones' hooks; unsafe for pdm-pep517 and uv, whose
    successors read their configuration differently.

    ## References
    - [Poetry: Poetry and PEP-517](https://python-poetry.org/docs/pyproject/#poetry-and-pep-517)
    - [Flit 3.10 changelog](https://flit.pypa.io/en/stable/history.html)
    - [pdm-backend migration](https://backend.pdm-project.org/migration/)
    - `knowledge/build-system.md` §1, §7, §8
    """

    code = "PPL105"
    name = "deprecated-build-backend"
    severity = Severity.WARNING
    requires = (BUILD_SYSTEM,)
    VALID = ['[build-system]\nrequires = ["poetry-core>=2"]\nbuild-backend = "poetry.core.masonry.api"\n']
    INVALID = [
        Invalid(
            '[build-system]\nrequires = ["poetry>=1.0"]\nbuild-backend = "poetry.masonry.api"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["poetry-core>=1.0.0"]\nbuild-backend = "poetry.core.masonry.api"\n',
        ),
        Invalid(
            "[build-system]\nrequires = ['flit']\nbuild-backend = 'flit.buildapi'\n[project]\nname = 'x'\n",
            at="3:17",
            fixed="[build-system]\nrequires = ['flit_core>=3.2']\nbuild-backend = 'flit_core.buildapi'\n[project]\nname = 'x'\n",
        ),
        Invalid(
            '[build-system]\nrequires = ["uv>=0.5"]\nbuild-backend = "uv"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["uv_build>=0.7.19"]\nbuild-backend = "uv_build"\n',
            severity=Severity.ERROR,
        ),
        Invalid(
            '[build-system]\nrequires = ["pdm-backend", "pdm-pep517"]\nbuild-backend = "pdm.pep517.api"\n',
            at="3:17",
            fixed='[build-system]\nrequires = ["pdm-backend"]\nbuild-backend = "pdm.backend"\n',
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        old = ctx.backend
        if old is None or old.replaced_by is None:
            return
        new = knowledge.BACKENDS_BY_PATH[old.replaced_by]
        message = f"`{old.path}` is deprecated; use `{new.path}` from `{new.distribution}`"
        if old.broken:
            message = f"`{old.path}` no longer exists in current `{old.distribution}` releases; use `{new.path}` from `{new.distribution}`"
        applicability = Applicability.SAFE if old.replacement_is_drop_in else Applicability.UNSAFE
        fix_edits = self._replacement_edits(ctx, old, new)
        fix = Fix(f"Replace with `{new.path}` and `{new.distribution}`", fix_edits, applicability) if fix_edits else None
        yield self.diagnostic(
            ctx.locate(BACKEND), message, fix, Severity.ERROR if old.broken else Severity.WARNING
        )

    @staticmethod
    def _replacement_edits(ctx: Context, old: Backend, new: Backend) -> tuple[Edit, ...]:
        backend_edit = edits.replace_string(ctx, BACKEND, new.path)
        if backend_edit is None or not isinstance(ctx.get(REQUIRES), list):
            return ()
        old_requirement = ctx.requirement_for(old.canonical_distribution)
        if new.canonical_distribution in ctx.required_names:
            if old_requirement is None:
                return (backend_edit,)
            return (backend_edit, *edits.remove_from_array(ctx, REQUIRES, old_requirement[0]))
        if old_requirement is None:
            return (backend_edit, *edits.append_to_array(ctx, REQUIRES, requirement_literal(ctx, new)))
        requirement = f"{new.distribution}>={ctx.suggested_minimum(new)}"
        requirement_edit = edits.replace_string(ctx, (*REQUIRES, old_requirement[0]), requirement)
        return (backend_edit, requirement_edit) if requirement_edit else ()
