"""A top-level table whose name is a misspelling of one the specifications define."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional

from .. import edits
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..spans import header_candidates
from .base import Invalid, Rule, unsafe

if TYPE_CHECKING:
    from ..context import Context

#: What front ends do when the table is missing, by the table meant.
_CONSEQUENCE = {
    "build-system": "front ends ignore it and build with their default, setuptools' legacy backend",
    "project": "backends do not read it: the wheel has no name, version or dependencies from it",
    "dependency-groups": "installers do not find the groups in it",
    "tool": "the tools do not read their settings in it",
}


class MisspelledTable(Rule):
    """
    ## What it does
    Checks for a top-level table whose name is close to one of the four the
    specifications define (`[build-system]`, `[project]`, `[tool]`,
    `[dependency-groups]`): `[build_system]`, `[Project]`, `[tools]`.

    ## Why is this bad?
    Front ends look for the exact name and ignore anything else. A misspelled
    `[build-system]` is not an error to pip or uv: they build with their default
    (`setuptools.build_meta:__legacy__`), so the project builds with a backend it never
    asked for (build alone warns `did you mean 'build-system'?`): a warning. A misspelled
    `[project]` leaves the backend without the metadata: hatchling, flit and
    poetry-core refuse to build and setuptools builds `UNKNOWN-0.0.0`: an error.

    ## Example
    ```toml
    [build_system]
    requires = ["hatchling"]
    build-backend = "hatchling.build"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["hatchling"]
    build-backend = "hatchling.build"
    ```

    ## Fix safety
    Unsafe: renaming the table changes what builds the project (from the front ends'
    default to the table's backend). There is no fix when the name appears in more than
    one header or as a dotted key, which one rename cannot reach.

    ## References
    - [pyproject.toml specification](https://packaging.python.org/en/latest/specifications/pyproject-toml/)
    - `docs/frontends.md` and `docs/knowledge.md` in this repository: what pip and build do with this rule's fixture, and the facts it uses with their sources
    """

    code = "PPL006"
    name = "misspelled-table"
    severity = Severity.WARNING
    VALID = [
        """
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        """,
        """
        [tool.ruff]
        line-length = 100
        """,
        # Both spellings: the misspelled one is something else.
        """
        [project]
        name = "x"
        [projects]
        names = ["x"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build_system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            """,
            at="1:1-1:15",
            message="did you mean `[build-system]`?",
            severity=Severity.WARNING,
            fix=unsafe("Rename to `[build-system]`"),
            fixed="""
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            """,
        ),
        Invalid(
            """
            [Project]
            name = "demo"
            version = "1.0"
            """,
            at="1:1-1:10",
            message="`[Project]` is not a table front ends read (backends do not read it: the wheel has no name, version or dependencies from it)",
            severity=Severity.ERROR,
            fix=unsafe("Rename to `[project]`"),
            fixed="""
            [project]
            name = "demo"
            version = "1.0"
            """,
        ),
        Invalid(
            """
            build_system.requires = ["hatchling"]
            build_system.build-backend = "hatchling.build"
            """,
            at="1:1-1:22",
            message="`[build_system]` is not a table front ends read (front ends ignore it and build with their default, setuptools' legacy backend)",
            severity=Severity.WARNING,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        for key, meant in ctx.model.misspelled_tables:
            edit = self._rename(ctx, key, meant)
            yield self.diagnostic(
                ctx.locate_key((key,)),
                f"`[{key}]` is not a table front ends read ({_CONSEQUENCE[meant]}); did you mean `[{meant}]`?",
                Fix.unsafe(f"Rename to `[{meant}]`", edit) if edit else None,
                Severity.ERROR if meant == "project" else Severity.WARNING,
            )

    @staticmethod
    def _rename(ctx: Context, key: str, meant: str) -> Optional[Edit]:
        """Renaming the table in its one header, when one header alone names it (no second
        header or sub-table header, no top-level dotted key)."""
        headers = [start for start, name in header_candidates(ctx.text) if name == key]
        if len(headers) != 1 or ctx.data.get(key) is None:
            return None
        before = ctx.text[: headers[0]]
        if any(line.split("=")[0].strip().split(".")[0].strip("'\"") == key for line in before.splitlines()):
            return None  # also a dotted key before the first header
        match = re.compile(rf"\s*\[\[?\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')").match(ctx.text, headers[0])
        if match is None:
            return None
        written = ctx.text[headers[0]: match.end()].lstrip(" \t[").lstrip()
        start = match.end() - len(written)
        return Edit(start, match.end(), edits.key_literal(meant))
