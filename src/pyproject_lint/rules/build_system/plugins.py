"""Plugins the ``[tool.*]`` tables call for: present in the build environment, and turned on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ... import edits
from ...diagnostics import Applicability, Diagnostic, Fix, Severity
from ...model import BUILD_SYSTEM, REQUIRES
from ...pep508 import parse_requirement
from ..base import Invalid, Rule, Valid, safe, unsafe

if TYPE_CHECKING:
    from ...context import Context
    from ...data import Plugin
    from ...spans import TomlPath


def _consequence(plugin: Plugin, host: str) -> str:
    """What the build does without the plugin (``missing``: ``fails`` or ``wrong-wheel``)."""
    if plugin.missing == "wrong-wheel":
        return f"{host} ignores it and builds a wrong wheel" + (f" ({plugin.error})" if plugin.error else "")
    return f"{host} fails with `{plugin.error}`" if plugin.error else f"{host} fails"


class MissingBuildPlugin(Rule):
    """
    ## What it does
    Checks that every plugin the `[tool.*]` tables of the building backend call for comes
    from a distribution in the build environment: a hatchling version source, metadata
    hook or build hook (`source = "vcs"` needs `hatch-vcs`), a `[tool.setuptools_scm]`
    table (`setuptools-scm`), a scikit-build-core metadata provider. The knowledge lists
    each plugin with its distribution and what the build does without it; built-in
    plugins and plugins it does not know are not reported.

    ## Why is this bad?
    Front ends install only `requires` (and what it depends on). Without the plugin,
    hatchling refuses to build (`UnknownPluginError: Unknown version source: vcs`), and
    setuptools silently ignores `[tool.setuptools_scm]`, building version `0.0.0`: both
    errors.

    ## Example
    ```toml
    [build-system]
    requires = ["hatchling"]
    build-backend = "hatchling.build"

    [project]
    name = "demo"
    dynamic = ["version"]

    [tool.hatch.version]
    source = "vcs"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["hatchling", "hatch-vcs"]
    build-backend = "hatchling.build"

    [project]
    name = "demo"
    dynamic = ["version"]

    [tool.hatch.version]
    source = "vcs"
    ```

    ## Fix safety
    The fix adds the plugin's distribution to `requires`, from the first release that
    provides the plugin when the knowledge has it. Safe when the build fails without it;
    unsafe when it builds a wrong wheel today (the fix changes what is built, as meant).

    ## References
    - [Hatch: plugins](https://hatch.pypa.io/latest/plugins/about/)
    - [setuptools-scm: usage with pyproject.toml](https://setuptools-scm.readthedocs.io/en/latest/usage/)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL116"
    name = "missing-build-plugin"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["hatchling", "hatch-vcs"]
        build-backend = "hatchling.build"
        [project]
        name = "x"
        dynamic = ["version"]
        [tool.hatch.version]
        source = "vcs"
        """,
        """
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        [project]
        name = "x"
        dynamic = ["version"]
        [tool.hatch.version]
        path = "x/__init__.py"
        """,
        # Not hatchling's table to read when setuptools builds (PPL113's finding).
        """
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "x"
        dynamic = ["version"]
        [tool.hatch.version]
        source = "vcs"
        """,
        # The hook's own `dependencies` (hatchling has them installed), or a hook turned off.
        """
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        [tool.hatch.build.hooks.jupyter-builder]
        dependencies = ["hatch-jupyter-builder>=0.5"]
        """,
        """
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        [tool.hatch.build.targets.wheel.hooks.mypyc]
        enable-by-default = false
        """,
        # A plugin the knowledge does not know: maybe from a requirement it does not know either.
        """
        [build-system]
        requires = ["hatchling", "acme-hatch-plugin"]
        build-backend = "hatchling.build"
        [tool.hatch.build.hooks.acme]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"

            [project]
            name = "x"
            dynamic = ["version"]

            [tool.hatch.version]
            source = "vcs"
            """,
            at="10:10-10:15",
            message="UnknownPluginError: Unknown version source: vcs",
            severity=Severity.ERROR,
            fix=safe("Add `hatch-vcs` to `requires`"),
            fixed="""
            [build-system]
            requires = ["hatchling", "hatch-vcs"]
            build-backend = "hatchling.build"

            [project]
            name = "x"
            dynamic = ["version"]

            [tool.hatch.version]
            source = "vcs"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            [project]
            name = "x"
            dynamic = ["readme"]
            [tool.hatch.metadata.hooks.fancy-pypi-readme]
            """,
            at="7:1-7:46",
            message="`[tool.hatch.metadata.hooks.fancy-pypi-readme]` needs `hatch-fancy-pypi-readme`, which is not in the build environment",
            severity=Severity.ERROR,
            fix=safe("Add `hatch-fancy-pypi-readme` to `requires`"),
            fixed="""
            [build-system]
            requires = ["hatchling", "hatch-fancy-pypi-readme"]
            build-backend = "hatchling.build"
            [project]
            name = "x"
            dynamic = ["readme"]
            [tool.hatch.metadata.hooks.fancy-pypi-readme]
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=64"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            dynamic = ["version"]
            [tool.setuptools_scm]
            """,
            at="7:1-7:22",
            message="builds a wrong wheel",
            severity=Severity.ERROR,
            fix=unsafe("Add `setuptools-scm>=3.4.0` to `requires`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=64", "setuptools-scm>=3.4.0"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            dynamic = ["version"]
            [tool.setuptools_scm]
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        if not model.requires_is_list:
            return
        host = model.effective_backend.distribution if model.effective_backend else "the backend"
        for use in model.plugin_uses:
            plugin = use.plugin
            if plugin.distribution is None or plugin.missing == "requested":
                continue  # built in, or the backend asks the front end for it
            if plugin.distribution == model.project_name:
                continue  # the project builds itself (setuptools-scm's own [tool.setuptools_scm])
            if plugin.distribution in {parse_requirement(r).name for r in use.requested}:
                continue  # the table asks the backend to have it installed (hatchling's `dependencies`)
            if plugin.backend is not None and model.backend_string != plugin.backend:
                yield self._wrong_backend(ctx, use.path, use.described, plugin)
                continue
            absent = [target for target, env in model.environments.items() if not env.has(plugin.distribution)]
            if not absent:
                continue
            everywhere = len(absent) == len(model.target_list)
            where = "" if everywhere else f" on {model.describe(absent)}"
            known = model.knowledge.distributions.get(plugin.distribution)
            name = known.name if known else plugin.distribution
            text = f"{name}>={plugin.releases.since}" if plugin.releases.since else model.requirement_text(name)
            fix = None
            if everywhere:
                literal = edits.string_literal(text, ctx.quote)
                applicability = Applicability.SAFE if plugin.missing == "fails" else Applicability.UNSAFE
                fix = Fix(f"Add `{text}` to `requires`", edits.append_to_array(ctx, REQUIRES, literal), applicability)
            yield self.diagnostic(
                ctx.locate(use.path),
                f"`{use.described}` needs `{name}`, which is not in the build environment{where}: "
                f"{_consequence(plugin, host)}",
                fix,
                pythons=() if everywhere else absent,
            )


    def _wrong_backend(self, ctx: Context, path: TomlPath, described: str, plugin: Plugin) -> Diagnostic:
        host = ctx.model.effective_backend.distribution if ctx.model.effective_backend else "the backend"
        return self.diagnostic(
            ctx.locate(path),
            f"`{described}` works only through `build-backend = \"{plugin.backend}\"` "
            f"(with `{plugin.distribution}` in `requires`): {_consequence(plugin, host)}",
            Fix.display_only(f"Build with `{plugin.backend}` and add `{plugin.distribution}` to `requires`"),
        )


class InactiveVersionPlugin(Rule):
    """
    ## What it does
    Checks for a setuptools build whose `version` is dynamic, with a version plugin in
    `requires` (setuptools-scm) that nothing turns on: no `[tool.setuptools_scm]` table, no
    `use_scm_version` in `setup.py`, and no other source of the version
    (`[tool.setuptools.dynamic]`, `setup.cfg`, `setup(version=...)`).

    ## Why is this bad?
    setuptools-scm only provides the version when its table is present (or `setup.py`
    asks for it). Without it the build succeeds and writes version `0.0.0`, silently,
    even inside a git repository: a wrong wheel, and an error.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=64", "setuptools-scm>=8"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    dynamic = ["version"]
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=64", "setuptools-scm>=8"]
    build-backend = "setuptools.build_meta"

    [project]
    name = "demo"
    dynamic = ["version"]

    [tool.setuptools_scm]
    ```

    ## Fix safety
    Unsafe: the fix adds the empty table, which turns the plugin on and changes the
    version the build writes (from `0.0.0` to the one from version control, as meant).

    ## References
    - [setuptools-scm: usage](https://setuptools-scm.readthedocs.io/en/latest/usage/)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL117"
    name = "inactive-version-plugin"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        """
        [build-system]
        requires = ["setuptools>=64", "setuptools-scm>=8"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "x"
        dynamic = ["version"]
        [tool.setuptools_scm]
        """,
        """
        [build-system]
        requires = ["setuptools>=64", "setuptools-scm>=8"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "x"
        dynamic = ["version"]
        [tool.setuptools.dynamic]
        version = { attr = "x.__version__" }
        """,
        Valid(
            """
            [build-system]
            requires = ["setuptools>=64", "setuptools-scm>=8"]
            build-backend = "setuptools.build_meta"
            [project]
            name = "x"
            dynamic = ["version"]
            """,
            files={
                "setup.py": """
                from setuptools import setup
                setup(use_scm_version=True)
                """,
            },
        ),
        # hatch-vcs brings setuptools-scm, but hatchling builds.
        """
        [build-system]
        requires = ["hatchling", "hatch-vcs"]
        build-backend = "hatchling.build"
        [project]
        name = "x"
        dynamic = ["version"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=64", "setuptools-scm>=8"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "x"
            dynamic = ["version"]
            """,
            at="2:31-2:50",
            message="version 0.0.0",
            fix=unsafe("Add `[tool.setuptools_scm]`"),
            fixed="""
            [build-system]
            requires = ["setuptools>=64", "setuptools-scm>=8"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "x"
            dynamic = ["version"]

            [tool.setuptools_scm]
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        model = ctx.model
        if "setuptools" not in model.families or model.has_backend_path:
            return
        dynamic = ctx.get(("project", "dynamic"))
        if not isinstance(dynamic, list) or "version" not in dynamic:
            return
        if ctx.has(("tool", "setuptools", "dynamic", "version")):
            return
        setup_py, setup_cfg = model.setup_py, model.setup_cfg
        if setup_py is not None and ({"use_scm_version", "version"} & setup_py.keywords or setup_py.syntax_error):
            return
        if setup_cfg is not None and setup_cfg.version:
            return
        for use_plugin in model.knowledge.plugins:
            if use_plugin.kind != "activation" or use_plugin.host != "setuptools" or use_plugin.dynamic != "version":
                continue
            if ctx.has(tuple(use_plugin.name.split("."))) or use_plugin.distribution is None:
                continue
            found = model.requirement_for(use_plugin.distribution)
            if found is None:
                continue  # only brought in by another requirement, which turns it on its own way
            index, parsed = found
            edit = edits.append_table(ctx, use_plugin.name)
            yield self.diagnostic(
                ctx.locate((*REQUIRES, index)),
                f"`{parsed.raw}` is in `requires` and `version` is dynamic, but nothing turns {parsed.display_name} on "
                f"(no `[{use_plugin.name}]`): setuptools silently builds version 0.0.0",
                Fix.unsafe(f"Add `[{use_plugin.name}]`", edit),
            )

