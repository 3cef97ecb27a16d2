"""The ``build-backend`` string: does it exist, can the build environment import it, is it current."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from ... import edits
from ...diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from ...fixes import requirement_literal, rewrite_requirement
from ...model import BACKEND, BUILD_SYSTEM, REQUIRES
from ..base import Invalid, Rule, safe, unsafe

if TYPE_CHECKING:
    from ...context import Context
    from ...data import Backend
    from ...model import Provision, Target


class BackendNotInRequires(Rule):
    """
    ## What it does
    Checks that the build environment can import the `build-backend` module: that a
    distribution in `[build-system].requires`, or one they bring with them, provides it,
    on every Python the project admits (markers evaluated). Any module is checked, known
    backends or not; in-tree backends (`backend-path`) are PPL110's.

    ## Why is this bad?
    Front ends build in an isolated environment holding only what `requires` lists (and
    what those depend on), then import the backend from it. When nothing there provides
    it, every build fails with `Cannot import build backend 'hatchling.build'` / `No
    module named 'hatchling'`; when a marker leaves the backend's requirement out on some
    Python, every build on that Python fails the same way.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61"]
    build-backend = "hatchling.build"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=61", "hatchling"]
    build-backend = "hatchling.build"
    ```

    ## Fix safety
    Safe when the fix adds the backend's distribution (with the lowest release that supports
    what the file uses, when one is known) to an environment in which the build cannot run
    at all, or switches a deprecated backend to its drop-in successor that `requires`
    already provides (`flit.buildapi` beside `flit_core`). Unsafe when it removes the
    marker that leaves the backend out. No fix for a module no known distribution provides.

    ## References
    - [PEP 518: build-system table](https://peps.python.org/pep-0518/#build-system-table)
    - [PEP 517: build environment](https://peps.python.org/pep-0517/#build-environment)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL103"
    name = "backend-not-in-requires"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["flit-core >=3.4,<4"]
        build-backend = "flit_core.buildapi"
        """,
        """
        [build-system]
        requires = []
        build-backend = 'hatchling.ouroboros'
        backend-path = ['src']
        """,
        """
        [build-system]
        requires = ["setuptools @ git+https://github.com/pypa/setuptools"]
        build-backend = "setuptools.build_meta"
        """,
        """
        [build-system]
        requires = ["scikit-build-core[hatchling]"]
        build-backend = "hatchling.build"
        """,
        """
        [build-system]
        requires = ["poetry>=1.8"]
        build-backend = "poetry.core.masonry.api"
        """,
        """
        [build-system]
        requires = ["py-build-cmake~=0.4"]
        build-backend = "py_build_cmake.build"
        """,
        # A distribution the knowledge lacks may provide any module.
        """
        [build-system]
        requires = ["setuptools", "acme-build-tools"]
        build-backend = "acme.backend"
        """,
        """
        [build-system]
        requires = ["hatchling; python_version >= '3.10'"]
        build-backend = "hatchling.build"
        [project]
        name = "x"
        requires-python = ">=3.10"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "hatchling.build"
            """,
            at="3:17-3:34",
            message="`hatchling.build` comes from `hatchling`, which is not in `requires`",
            fix=safe("Add `hatchling` to `requires`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61", "hatchling"]
            build-backend = "hatchling.build"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = []
            build-backend = 'setuptools.build_meta'

            [project]
            name = 'x'
            requires-python = '>=3.9,<3.12'
            """,
            at="3:17-3:40",
            message="`setuptools.build_meta` comes from `setuptools`, which is not in `requires`",
            fix=safe("Add `setuptools>=61.0.0` to `requires`"),
            fixed="""
            [build-system]
            requires = ['setuptools>=61.0.0']
            build-backend = 'setuptools.build_meta'

            [project]
            name = 'x'
            requires-python = '>=3.9,<3.12'
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = [
                "cython>=3",  # compiled parts
            ]
            build-backend = "mesonpy"
            """,
            at="5:17-5:26",
            message="`mesonpy` comes from `meson-python`, which is not in `requires`",
            fix=safe("Add `meson-python` to `requires`"),
            fixed="""
            [build-system]
            requires = [
                "cython>=3",  # compiled parts
                "meson-python",
            ]
            build-backend = "mesonpy"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = []
            build-backend = "my_backend"
            """,
            at="3:17-3:29",
            message="nothing in `requires` provides `my_backend`",
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61; python_version < '3.0'"]
            build-backend = "setuptools.build_meta"
            """,
            at="3:17-3:40",
            message="whose marker leaves it out on every Python the project admits: the backend cannot",
            fix=unsafe("Remove the marker: `setuptools>=61`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["hatchling; python_version < '3.12'"]
            build-backend = "hatchling.build"
            """,
            at="3:17-3:34",
            message="whose marker leaves it out on Python 3.12 to 3.14 (nothing excludes any of them)",
            fix=unsafe("Remove the marker: `hatchling`"),
            fixed="""
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ['flit_core >=3.2,<4']
            build-backend = 'flit.buildapi'
            """,
            at="3:17-3:32",
            message="`flit_core` in `requires` provides `flit_core.buildapi`",
            fix=safe("Replace with `flit_core.buildapi`"),
            fixed="""
            [build-system]
            requires = ['flit_core >=3.2,<4']
            build-backend = 'flit_core.buildapi'
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        if model.build_system is None or model.uses_fallback:
            return  # no `build-backend`: PPL102 reports a missing fallback
        provisions = model.backend_provisions
        absent = [target for target, provision in provisions.items() if provision.absent]
        if not absent:
            return
        module = model.backend_module
        assert module is not None and model.backend_string is not None
        known = model.backend
        provision = provisions[absent[0]]
        everywhere = len(absent) == len(provisions)
        where = "" if everywhere else f" on {model.describe(absent)}"
        fix: Optional[Fix] = None
        dropped = self._dropped_by_marker(ctx, provision, absent)
        if known is not None and known.replaced_by and everywhere:
            successor = model.knowledge.backends_by_path[known.replaced_by]
            if all(p.provides(successor.module).provided for p in (model.environment(t) for t in absent)):
                message = (
                    f"`{known.path}` comes from `{known.distribution}`, which is not in `requires`; "
                    f"`{successor.distribution}` in `requires` provides `{successor.path}`"
                )
                edit = edits.replace_string(ctx, BACKEND, successor.path)
                applicability = Applicability.SAFE if known.drop_in else Applicability.UNSAFE
                fix = Fix(f"Replace with `{successor.path}`", (edit,), applicability) if edit else None
                yield self.diagnostic(ctx.locate(BACKEND), message + ": the backend cannot be imported", fix)
                return
        if dropped is not None:
            index, raw = dropped
            message = (
                f"`{model.backend_string}` comes from `{raw}`, whose marker leaves it out"
                f"{' on every Python the project admits' if everywhere else where}: "
                "the backend cannot be imported there"
            )
            new = raw.partition(";")[0].rstrip()
            edit = rewrite_requirement(ctx, (*REQUIRES, index), new)
            fix = Fix.unsafe(f"Remove the marker: `{new}`", edit) if edit else None
        elif provision.candidates:
            distribution = known.distribution if known else provision.candidates[0]
            message = (
                f"`{model.backend_string}` comes from `{distribution}`, which is not in `requires`{where}: "
                "the backend cannot be imported"
            )
            if everywhere and model.requires_is_list:
                literal = requirement_literal(ctx, distribution)
                fix = Fix.safe(f"Add `{literal[1:-1]}` to `requires`", *edits.append_to_array(ctx, REQUIRES, literal))
        else:
            message = (
                f"nothing in `requires` provides `{module}`{where}: "
                f"front ends fail with `No module named '{module.split('.')[0]}'`"
            )
        yield self.diagnostic(ctx.locate(BACKEND), message, fix, pythons=() if everywhere else absent)

    @staticmethod
    def _dropped_by_marker(ctx: Context, provision: Provision, absent: list[Target]) -> Optional[tuple[int, str]]:
        """The one ``requires`` entry for the backend's distribution, when its marker is what
        leaves the backend out (``hatchling; python_version < '3.12'``)."""
        from ...pep508 import canonicalize_name

        names = {canonicalize_name(candidate) for candidate in provision.candidates}
        entries = [(i, p) for i, p in ctx.model.requirements if p.name in names]
        if len(entries) != 1 or ";" not in entries[0][1].raw:
            return None
        return entries[0][0], entries[0][1].raw


class BackendThroughDependency(Rule):
    """
    ## What it does
    Checks for a backend whose own distribution is not in `requires` but comes in as a
    dependency of another requirement: `poetry.core.masonry.api` with only `poetry`,
    `hatchling.build` with only `hatch-vcs`, `setuptools.build_meta` with only
    `setuptools-scm`.

    ## Why is this bad?
    It builds today, because front ends install the requirement with its dependencies.
    But the build then rests on another project's dependency list: the whole of Poetry
    (about fifty packages) is installed to get `poetry-core`, and a release that drops or
    caps the dependency breaks the build with `Cannot import build backend`.

    ## Example
    ```toml
    [build-system]
    requires = ["poetry>=1.8"]
    build-backend = "poetry.core.masonry.api"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["poetry-core"]
    build-backend = "poetry.core.masonry.api"
    ```

    ## Fix safety
    When the other requirement serves only to bring the backend (a tool such as Poetry,
    Hatch or Flit, not a plugin the configuration uses), the fix replaces it with the
    backend's own distribution: unsafe, since the release installed may change. Otherwise
    it adds the backend's distribution beside it: safe.

    ## References
    - [Poetry: Poetry and PEP-517](https://python-poetry.org/docs/pyproject/#poetry-and-pep-517)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL114"
    name = "backend-through-dependency"
    severity = Severity.WARNING
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["poetry-core>=2"]
        build-backend = "poetry.core.masonry.api"
        """,
        """
        [build-system]
        requires = ["hatchling", "hatch-vcs"]
        build-backend = "hatchling.build"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["poetry>=1.8"]
            build-backend = "poetry.core.masonry.api"
            """,
            at="3:17-3:42",
            message="installed only because `poetry` depends on it",
            fix=unsafe("Replace `poetry>=1.8` with `poetry-core`"),
            fixed="""
            [build-system]
            requires = ["poetry-core"]
            build-backend = "poetry.core.masonry.api"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["hatch-vcs"]
            build-backend = "hatchling.build"

            [project]
            name = "x"
            dynamic = ["version"]

            [tool.hatch.version]
            source = "vcs"
            """,
            at="3:17-3:34",
            message="`hatchling.build` comes from `hatchling`, which is not in `requires`",
            fix=safe("Add `hatchling` to `requires`"),
            fixed="""
            [build-system]
            requires = ["hatch-vcs", "hatchling"]
            build-backend = "hatchling.build"

            [project]
            name = "x"
            dynamic = ["version"]

            [tool.hatch.version]
            source = "vcs"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        provisions = model.backend_provisions
        if not provisions or not all(p.provided for p in provisions.values()):
            return
        presences = [p.presence for p in provisions.values() if p.presence is not None]
        if not presences or any(p.direct or p.root is None for p in presences) or any(p.assumed for p in provisions.values()):
            return
        first = presences[0]
        index = first.root
        assert index is not None
        wrapper = model.requirements[[i for i, _ in model.requirements].index(index)][1]
        message = (
            f"`{model.backend_string}` comes from `{first.display}`, which is not in `requires`: "
            f"it is installed only because `{first.via[0]}` depends on it"
        )
        literal = requirement_literal(ctx, first.display)
        plugin_distributions = {use.plugin.distribution for use in model.plugin_uses}
        fix: Optional[Fix]
        if wrapper.name in plugin_distributions or wrapper.name in {p.distribution for p in model.knowledge.plugins}:
            fix = Fix.safe(f"Add `{literal[1:-1]}` to `requires`", *edits.append_to_array(ctx, REQUIRES, literal))
        else:
            edit = rewrite_requirement(ctx, (*REQUIRES, index), literal[1:-1])
            fix = Fix.unsafe(f"Replace `{wrapper.raw}` with `{literal[1:-1]}`", edit) if edit else None
        yield self.diagnostic(ctx.locate(BACKEND), message, fix)


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
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL104"
    name = "unknown-build-backend"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=77"]
        build-backend = "setuptools.build_meta"
        """,
        """
        [build-system]
        requires = ["setuptools>=77"]
        build-backend = "setuptools.build_meta:__legacy__"
        """,
        """
        [build-system]
        requires = ["py-build-cmake~=0.4"]
        build-backend = "py_build_cmake.build"
        """,
        """
        [build-system]
        requires = []
        build-backend = "backend"
        backend-path = ["_custom_build"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=77"]
            build-backend = "setuptools.build_meto"
            """,
            at="3:17-3:40",
            message="Unknown build backend `setuptools.build_meto`",
            fix=safe("Replace with `setuptools.build_meta`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=77"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ['hatchling']
            build-backend = 'hatchling.builds'
            """,
            at="3:17-3:35",
            message="Unknown build backend `hatchling.builds`",
            fix=safe("Replace with `hatchling.build`"),
            fixed="""
            [build-system]
            requires = ['hatchling']
            build-backend = 'hatchling.build'
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=77"]
            build-backend = "setuptools.build_meta:__legazy__"
            """,
            at="3:17-3:51",
            message="`setuptools.build_meta` has no object `__legazy__`",
            fix=safe("Replace with `setuptools.build_meta:__legacy__`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=77"]
            build-backend = "setuptools.build_meta:__legacy__"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=77"]
            build-backend = "setuptools/build_meta"
            """,
            at="3:17-3:40",
            message="not a valid",
            fix=safe("Replace with `setuptools.build_meta`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=77"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["poetry-core>=2"]
            build-backend = "Poetry.Core.Masonry.API "
            """,
            at="3:17-3:43",
            message="`Poetry.Core.Masonry.API ` is not a valid PEP 517 backend reference (`module.path` or `module.path:object`)",
            fix=safe("Replace with `poetry.core.masonry.api`"),
            fixed="""
            [build-system]
            requires = ["poetry-core>=2"]
            build-backend = "poetry.core.masonry.api"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build:nope"
            """,
            at="3:17-3:39",
            message="has no object `nope`",
            fix=safe("Replace with `hatchling.build`"),
            fixed="""
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools"]
            build-backend = "setuptools.build"
            """,
            at="3:17-3:35",
            message="Unknown build backend `setuptools.build`",
            fix=safe("Replace with `setuptools.build_meta`"),
            fixed="""
            [build-system]
            requires = ["setuptools"]
            build-backend = "setuptools.build_meta"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        problem = model.backend_problem
        if problem is None:
            return
        value = model.backend_string
        assert value is not None
        stripped = value.strip()
        close = problem.close
        if problem.kind == "syntax":
            message = f"`{value}` is not a valid PEP 517 backend reference (`module.path` or `module.path:object`)"
        elif problem.kind == "object":
            message = f"`{stripped.partition(':')[0]}` has no object `{stripped.partition(':')[2]}`: front ends fail with AttributeError"
        else:
            message = f"Unknown build backend `{value}`: front ends fail with `Cannot import build backend`"
        fix: Optional[Fix] = None
        if len(close) == 1 or (close and close[0].lower() == stripped.lower()):
            edit = edits.replace_string(ctx, BACKEND, close[0])
            if edit is not None:
                fix = Fix.safe(f"Replace with `{close[0]}`", edit)
        suggestion = f"; did you mean {' or '.join(f'`{c}`' for c in close)}?" if close else ""
        yield self.diagnostic(ctx.locate(BACKEND), message + suggestion, fix)


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
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL105"
    name = "deprecated-build-backend"
    severity = Severity.WARNING
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["poetry-core>=2"]
        build-backend = "poetry.core.masonry.api"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["poetry>=1.0"]
            build-backend = "poetry.masonry.api"
            """,
            at="3:17-3:37",
            message="`poetry.masonry.api` is deprecated; use `poetry.core.masonry.api` from `poetry-core`",
            severity=Severity.WARNING,
            fix=safe("Replace the backend with `poetry.core.masonry.api` and `poetry>=1.0` with `poetry-core` in `requires`"),
            fixed="""
            [build-system]
            requires = ["poetry-core"]
            build-backend = "poetry.core.masonry.api"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ['flit']
            build-backend = 'flit.buildapi'
            [project]
            name = 'x'
            """,
            at="3:17-3:32",
            message="`flit.buildapi` is deprecated; use `flit_core.buildapi` from `flit_core`",
            severity=Severity.WARNING,
            fix=safe("Replace the backend with `flit_core.buildapi` and `flit` with `flit_core>=3.2` in `requires`"),
            fixed="""
            [build-system]
            requires = ['flit_core>=3.2']
            build-backend = 'flit_core.buildapi'
            [project]
            name = 'x'
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["uv>=0.5"]
            build-backend = "uv"
            """,
            at="3:17-3:21",
            message="`uv` no longer exists in current `uv` releases; use `uv_build` from `uv_build`",
            severity=Severity.ERROR,
            fix=unsafe("Replace the backend with `uv_build` and `uv>=0.5` with `uv_build` in `requires`"),
            fixed="""
            [build-system]
            requires = ["uv_build"]
            build-backend = "uv_build"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["pdm-backend", "pdm-pep517"]
            build-backend = "pdm.pep517.api"
            """,
            at="3:17-3:33",
            message="`pdm.pep517.api` is deprecated; use `pdm.backend` from `pdm-backend`",
            severity=Severity.WARNING,
            fix=unsafe("Replace the backend with `pdm.backend` and remove `pdm-pep517` from `requires`"),
            fixed="""
            [build-system]
            requires = ["pdm-backend"]
            build-backend = "pdm.backend"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        old = model.backend
        if old is None or old.replaced_by is None or model.has_backend_path:
            return  # an in-tree backend is the project's own, whatever its name
        if any(provision.absent for provision in model.backend_provisions.values()):
            return  # it cannot even be imported: PPL103's error
        new = model.knowledge.backends_by_path[old.replaced_by]
        message = f"`{old.path}` is deprecated; use `{new.path}` from `{new.distribution}`"
        if old.broken:
            message = f"`{old.path}` no longer exists in current `{old.distribution}` releases; use `{new.path}` from `{new.distribution}`"
        applicability = Applicability.SAFE if old.drop_in else Applicability.UNSAFE
        replacement = self._replacement(ctx, old, new)
        fix = Fix(replacement[0], replacement[1], applicability) if replacement else None
        yield self.diagnostic(ctx.locate(BACKEND), message, fix, Severity.ERROR if old.broken else Severity.WARNING)

    @staticmethod
    def _replacement(ctx: Context, old: Backend, new: Backend) -> Optional[tuple[str, tuple[Edit, ...]]]:
        """The fix's title and edits: the backend replaced, and ``requires`` made to hold the
        new backend's distribution instead of the old one's."""
        model = ctx.model
        backend_edit = edits.replace_string(ctx, BACKEND, new.path)
        if backend_edit is None or not model.requires_is_list:
            return None
        title = f"Replace the backend with `{new.path}`"
        old_requirement = model.requirement_for(old.canonical_distribution)
        if new.canonical_distribution in model.required_names:
            if old_requirement is None:
                return title, (backend_edit,)
            index, parsed = old_requirement
            return (
                f"{title} and remove `{parsed.raw}` from `requires`",
                (backend_edit, *edits.remove_from_array(ctx, REQUIRES, index)),
            )
        if old_requirement is None:
            literal = requirement_literal(ctx, new.distribution)
            return (
                f"{title} and add `{literal[1:-1]}` to `requires`",
                (backend_edit, *edits.append_to_array(ctx, REQUIRES, literal)),
            )
        index, parsed = old_requirement
        text = model.requirement_text(new.distribution)
        requirement_edit = edits.replace_string(ctx, (*REQUIRES, index), text)
        if requirement_edit is None:
            return None
        return f"{title} and `{parsed.raw}` with `{text}` in `requires`", (backend_edit, requirement_edit)
