"""The keys of ``[build-system]`` and their types; ``backend-path``."""

from __future__ import annotations

import ntpath
import posixpath
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Optional

from ... import edits
from ...diagnostics import Diagnostic, Edit, Fix, Severity
from ...model import BUILD_SYSTEM
from ..base import Finding, Invalid, Rule, Valid, safe

if TYPE_CHECKING:
    from ...context import Context


def _type_name(value: Any) -> str:
    return {str: "a string", bool: "a boolean", int: "an integer", float: "a float", list: "an array", dict: "a table"}.get(
        type(value), type(value).__name__
    )


class InvalidBuildSystemKey(Rule):
    """
    ## What it does
    Checks that `[build-system]` is a table holding only `requires`, `build-backend` and
    `backend-path`, and that `requires` is an array of strings and `build-backend` a string.

    ## Why is this bad?
    An unknown key is a misspelling more often than not: pip silently ignores
    `build_backend` and builds with the legacy setuptools backend instead (the wrong
    build, or a failure), while build rejects the file (`Unknown properties:
    build_backend`). A `requires` string instead of an array is refused by every front end.

    ## Example
    ```toml
    [build-system]
    requires = ["hatchling>=1.27"]
    build_backend = "hatchling.build"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["hatchling>=1.27"]
    build-backend = "hatchling.build"
    ```

    ## Fix safety
    Safe: a key is renamed only when exactly one known key is close and not already
    present, and a lone `requires` string is wrapped in an array.

    ## References
    - [PEP 517](https://peps.python.org/pep-0517/#source-trees), [PEP 518](https://peps.python.org/pep-0518/#json-schema)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL109"
    name = "invalid-build-system-key"
    severity = Severity.ERROR
    VALID = [
        """
        [build-system]
        requires = []
        build-backend = "x"
        backend-path = ["."]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["hatchling>=1.27"]
            build_backend = "hatchling.build"
            """,
            at="3:1-3:14",
            message="Unknown key `build_backend` in `[build-system]`",
            fix=safe("Rename to `build-backend`"),
            fixed="""
            [build-system]
            requires = ["hatchling>=1.27"]
            build-backend = "hatchling.build"
            """,
        ),
        Invalid(  # two misspellings of one key: which one is meant is for the author to say
            """
            [build-system]
            requires = []
            build_backend = "hatchling.build"
            buildbackend = "flit_core.buildapi"
            """,
            at="3:1-3:14",
            message="Unknown key `build_backend` in `[build-system]`",
            also=[
                Finding(
                    at="4:1-4:13",
                    message="Unknown key `buildbackend` in `[build-system]`",
                ),
            ],
        ),
        Invalid(
            """
            [build-system]
            require = ['setuptools>=61']
            """,
            at="2:1-2:8",
            message="Unknown key `require` in `[build-system]`: front ends ignore or reject it; did you mean `requires`?",
            fix=safe("Rename to `requires`"),
            fixed="""
            [build-system]
            requires = ['setuptools>=61']
            """,
        ),
        Invalid(
            """
            build-system.requires = "setuptools>=61"
            """,
            at="1:25-1:41",
            message="`requires` must be an array of strings, not a string",
            fix=safe("Wrap in an array"),
            fixed="""
            build-system.requires = ["setuptools>=61"]
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools", 61]
            """,
            at="2:27-2:29",
            message="`requires` entries must be strings, not an integer",
        ),
        Invalid(
            """
            [build-system]
            requires = []
            build-backend = ["setuptools.build_meta"]
            """,
            at="3:17-3:42",
            message="`build-backend` must be a string, not an array",
        ),
        Invalid(
            """
            build-system = "setuptools"
            """,
            at="1:16-1:28",
            message="`build-system` must be a table, not a string",
        ),
        Invalid(
            """
            [build-system]
            requires = []
            build-backend = "x"
            build_backend = "y"
            """,
            at="4:1-4:14",
            message="Unknown key `build_backend` in `[build-system]`",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        table = ctx.get(BUILD_SYSTEM)
        if table is None:
            return
        if not isinstance(table, dict):
            yield self.diagnostic(ctx.locate(BUILD_SYSTEM), f"`build-system` must be a table, not {_type_name(table)}")
            return
        unknown = ctx.model.unknown_keys
        # Two misspellings of one key: renaming both would define it twice, so neither is.
        targets = Counter(close[0] for close in unknown.values() if len(close) == 1)
        for key, close in unknown.items():
            yield self._unknown_key(ctx, key, close, renamable=len(close) == 1 and close[0] not in table and targets[close[0]] == 1)
        requires = table.get("requires")
        if isinstance(requires, str):
            node = ctx.node((*BUILD_SYSTEM, "requires"))
            fix = None
            if node is not None and node.value is not None:
                literal = ctx.text[node.value.start: node.value.end]
                fix = Fix.safe("Wrap in an array", Edit(node.value.start, node.value.end, f"[{literal}]"))
            yield self.diagnostic(
                ctx.locate((*BUILD_SYSTEM, "requires")), "`requires` must be an array of strings, not a string", fix
            )
        elif isinstance(requires, list):
            for index, item in enumerate(requires):
                if not isinstance(item, str):
                    yield self.diagnostic(
                        ctx.locate((*BUILD_SYSTEM, "requires", index)),
                        f"`requires` entries must be strings, not {_type_name(item)}",
                    )
        elif "requires" in table:
            yield self.diagnostic(
                ctx.locate((*BUILD_SYSTEM, "requires")), f"`requires` must be an array of strings, not {_type_name(requires)}"
            )
        if "build-backend" in table and not isinstance(table["build-backend"], str):
            yield self.diagnostic(
                ctx.locate((*BUILD_SYSTEM, "build-backend")),
                f"`build-backend` must be a string, not {_type_name(table['build-backend'])}",
            )

    def _unknown_key(self, ctx: Context, key: str, close: list[str], renamable: bool) -> Diagnostic:
        fix: Optional[Fix] = None
        if renamable:
            edit = edits.rename_key(ctx, (*BUILD_SYSTEM, key), close[0])
            if edit is not None:
                fix = Fix.safe(f"Rename to `{close[0]}`", edit)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        return self.diagnostic(
            ctx.locate_key((*BUILD_SYSTEM, key)),
            f"Unknown key `{key}` in `[build-system]`: front ends ignore or reject it{hint}",
            fix,
        )


class InvalidBackendPath(Rule):
    """
    ## What it does
    Checks `backend-path`: an array of relative paths to folders inside the project that
    exist, one of which holds the in-tree `build-backend` module.

    ## Why is this bad?
    PEP 517 requires these folders to be inside the source tree and the backend to be
    loaded from them. A path outside the tree crashes pip with an unhandled `ValueError:
    paths must be inside source tree`; a backend that is not in the listed folders fails
    with `Cannot find module 'setuptools.build_meta' in [...]`; build rejects a string
    where an array belongs.

    ## Example
    ```toml
    [build-system]
    requires = []
    build-backend = "backend"
    backend-path = [".."]
    ```

    Use instead:
    ```toml
    [build-system]
    requires = []
    build-backend = "backend"
    backend-path = ["_build"]
    ```

    ## Fix safety
    There is no fix: where the backend should live is the author's choice.

    ## References
    - [PEP 517: in-tree build backends](https://peps.python.org/pep-0517/#in-tree-build-backends)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL110"
    name = "invalid-backend-path"
    severity = Severity.ERROR
    needs_tables = (BUILD_SYSTEM,)
    VALID = [
        Valid(
            """
            [build-system]
            requires = []
            build-backend = "backend"
            backend-path = ["_build"]
            """,
            files={
                "_build/backend.py": "def build_wheel(): ...\n",
            },
        ),
        Valid(
            """
            [build-system]
            requires = []
            build-backend = "my.hooks:api"
            backend-path = ["."]
            """,
            files={
                "my/hooks/__init__.py": "api = None\n",
            },
        ),
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = []
            build-backend = "backend"
            backend-path = [".."]
            """,
            at="4:17-4:21",
            message="`backend-path` entry `..` is outside the project; front ends refuse it",
        ),
        Invalid(
            """
            [build-system]
            requires = []
            build-backend = "backend"
            backend-path = ["/opt/build"]
            """,
            at="4:17-4:29",
            message="`backend-path` entry `/opt/build` is absolute; it must be relative to the project",
        ),
        Invalid(
            """
            [build-system]
            requires = []
            build-backend = "backend"
            backend-path = "."
            """,
            at="4:16-4:19",
            message="`backend-path` must be an array of strings, not a string",
        ),
        Invalid(
            """
            [build-system]
            requires = []
            build-backend = "backend"
            backend-path = ["_build"]
            """,
            at="4:17-4:25",
            message="`backend-path` entry `_build` is not a folder beside `pyproject.toml`",
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"]
            build-backend = "setuptools.build_meta"
            backend-path = ["."]
            """,
            at="4:16-4:21",
            message="`build-backend` `setuptools.build_meta` is not in the `backend-path` folders",
        ),
        Invalid(
            """
            [build-system]
            requires = []
            backend-path = ['_build']
            """,
            files={
                "_build/backend.py": "",
            },
            at="3:16-3:26",
            message="`backend-path` without `build-backend`: the setuptools fallback is not in these folders",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        build_system = ctx.model.build_system
        assert build_system is not None
        if "backend-path" not in build_system:
            return
        path = (*BUILD_SYSTEM, "backend-path")
        value = build_system["backend-path"]
        if not isinstance(value, list):
            yield self.diagnostic(ctx.locate(path), f"`backend-path` must be an array of strings, not {_type_name(value)}")
            return
        folders_ok = True
        for index, entry in enumerate(value):
            problem = self._entry_problem(ctx, entry)
            if problem:
                folders_ok = False
                yield self.diagnostic(ctx.locate((*path, index)), problem)
        if not folders_ok:
            return
        backend_string = ctx.model.backend_string
        if backend_string is None:
            if "build-backend" not in build_system:
                yield self.diagnostic(
                    ctx.locate(path),
                    "`backend-path` without `build-backend`: the setuptools fallback is not in these folders",
                )
            return
        module = backend_string.strip().partition(":")[0]
        found = [self._holds_module(ctx, folder, module) for folder in value]
        if found and all(hit is False for hit in found):
            yield self.diagnostic(
                ctx.locate(path),
                f"`build-backend` `{module}` is not in the `backend-path` folders: front ends load it only from there",
            )

    @staticmethod
    def _entry_problem(ctx: Context, entry: Any) -> Optional[str]:
        if not isinstance(entry, str):
            return f"`backend-path` entries must be strings, not {_type_name(entry)}"
        if posixpath.isabs(entry) or ntpath.isabs(entry) or entry.startswith(("/", "\\")):
            return f"`backend-path` entry `{entry}` is absolute; it must be relative to the project"
        normal = posixpath.normpath(entry.replace("\\", "/"))
        if normal == ".." or normal.startswith("../"):
            return f"`backend-path` entry `{entry}` is outside the project; front ends refuse it"
        if ctx.is_dir_beside(normal) is False:
            return f"`backend-path` entry `{entry}` is not a folder beside `pyproject.toml`"
        return None

    @staticmethod
    def _holds_module(ctx: Context, folder: str, module: str) -> Optional[bool]:
        base = posixpath.normpath(folder.replace("\\", "/"))
        relative = module.replace(".", "/")
        hits = [ctx.is_file_beside(posixpath.join(base, f"{relative}{suffix}")) for suffix in (".py", "/__init__.py")]
        if any(hit is None for hit in hits):
            return None  # no folder to look in (stdin): cannot tell
        return any(hits)
