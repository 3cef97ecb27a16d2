"""PPL300: each ``[tool.*]`` table against its tool's schema, every violation at its key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Optional, Union

from ...diagnostics import Diagnostic, Severity
from ..base import Invalid, Rule

if TYPE_CHECKING:
    from ...context import Context
    from ...data import Tool
    from ...json_schema import Validator, Violation
    from ...tool_schemas import ToolSchema

#: ``[tool.pyproject-lint]``: PPL003 checks it; its ``tool-schemas`` names local schema files.
OWN_TABLE = "pyproject-lint"
_KEY_KINDS = frozenset(("additionalProperties", "propertyNames"))


def local_schemas(ctx: Context) -> dict[str, str]:
    """``[tool.pyproject-lint] tool-schemas``: tool name to schema file (``path#/pointer``)."""
    table = ctx.get(("tool", OWN_TABLE, "tool-schemas"))
    if not isinstance(table, dict):
        return {}
    return {name: reference for name, reference in table.items() if isinstance(reference, str)}


def _words(reaction: str, program: str, tool: str, builds: bool) -> str:
    """What ``program`` does (a reaction of ``data/tools.toml``), for a message: ``ruff refuses to start``."""
    if reaction == "refuses":
        return f"{program} refuses to {'build' if builds else 'start'}"
    if reaction == "warns":
        return f"{program} warns and ignores it"
    if reaction == "drops-table":
        return f"{program} warns and ignores every setting in `[tool.{tool}]`"
    if reaction == "ignores":
        return f"{program} silently ignores it"
    return f"{program} takes it without a word"


def _builds(row: Tool, ctx: Context) -> Optional[bool]:
    """Whether the backend that reads the row's table builds the project (``None``: the
    file names a backend this linter does not know)."""
    backend = ctx.model.effective_backend  # the front ends' fallback without [build-system]
    return None if backend is None else row.family in backend.families


def _ignored(tool: str, ctx: Context) -> bool:
    """Whether nothing reads the table: a build backend's, and another backend builds (PPL113
    says so; what the table holds does not matter)."""
    from ...data import load

    row = load().tools.get(tool)
    return row is not None and row.family is not None and row.also_read_by is None and _builds(row, ctx) is False


def _consequence(tool: str, violation: Violation, ctx: Context, validator: Validator, source: str) -> tuple[Severity, str]:
    """The severity and the words for what the tool does with ``violation``."""
    from ...data import load

    row = load().tools.get(tool)
    if row is None:
        return Severity.WARNING, f"not allowed by the schema of `[tool.{tool}]` (what {tool} does with it was not measured)"
    subtable = violation.path[2] if len(violation.path) > 2 and isinstance(violation.path[2], str) else None
    if violation.kind in _KEY_KINDS and len(violation.path) == 2 and violation.key is not None:
        subtable = violation.key  # an unknown sub-table of its own
    unknown_key, wrong_value = row.reactions(subtable)
    if row.family is not None:
        builds = _builds(row, ctx)
        if builds is None:
            return Severity.WARNING, f"{row.program} refuses to build if it builds this project"
        if not builds:
            return Severity.WARNING, f"{row.program} does not build this project, but {row.also_read_by} reads it"
    reaction = unknown_key if violation.kind in _KEY_KINDS else wrong_value
    # A key close to a known one is a typo; another may be newer than the schema (SchemaStore
    # lags: cibuildwheel 4.3.5 takes `test-skip` per platform, which the 2026.10.23 schema lacks).
    if (
        reaction == "refuses"
        and violation.kind in _KEY_KINDS
        and (violation.close is None or violation.key in validator.property_names())
    ):
        verb = "build" if row.family else "start"
        return Severity.WARNING, f"{row.program} refuses to {verb} unless its version knows the key (the schema, {source}, does not)"
    if reaction == "refuses" and violation.kind == "enum" and row.unknown_value:
        return Severity.WARNING, row.unknown_value
    severity = Severity.ERROR if reaction == "refuses" else Severity.WARNING
    return severity, _words(reaction, row.program, tool, builds=row.family is not None)


class ToolSchemaViolation(Rule):
    """
    ## What it does
    Checks each `[tool.*]` table against its tool's JSON schema (SchemaStore's, through the
    validate-pyproject-schema-store plugin, for ruff, uv, ty, mypy, pytest, black,
    cibuildwheel, tox, poetry, hatch, pdm, maturin, scikit-build, setuptools, setuptools-scm
    and about ten more), and reports every violation at the offending key or value, with
    a did-you-mean for a misspelt key.

    ## Why is this bad?
    A misspelt key in a tool's table (`line-lenght`, `dev-dependancies`, `packagse`) does
    one of two things, depending on the tool: ruff, ty, cibuildwheel, Poe the Poet,
    scikit-build-core and setuptools refuse to start (or to build), so CI fails; mypy,
    pytest and black warn and go on without it, uv warns and ignores every setting in
    `[tool.uv]`, and tox, hatchling, poetry-core and maturin say nothing at all: the setting
    silently does nothing. The severity follows what the tool does, measured by running it
    (the message says which): an error where it refuses, a warning otherwise. The table of
    a build backend that does not build the project is not checked (PPL113 reports it).

    The schemas are a snapshot: those of validate-pyproject-schema-store 2026.10.23
    (2026-10-23) when this was written, or whichever version is installed. A key added to a
    tool after that snapshot is reported as unknown; a table without a schema is not
    checked. A project's own tool can have its schema named in
    `[tool.pyproject-lint] tool-schemas = { mytool = "schemas/mytool.json" }`.

    ## Example
    ```toml
    [tool.ruff]
    line-lenght = 100
    ```

    Use instead:
    ```toml
    [tool.ruff]
    line-length = 100
    ```

    ## Fix safety
    There is no fix: a did-you-mean is a guess, and a tool's settings change what it does.

    ## References
    - [SchemaStore](https://www.schemastore.org/)
    - [validate-pyproject-schema-store](https://github.com/henryiii/validate-pyproject-schema-store)
    - `docs/knowledge.md` in this repository (Tools): what each tool does, the version it was measured with, and the releases of ruff and uv that first or last knew a key
    """

    code = "PPL300"
    name = "tool-schema-violation"
    severity = Severity.WARNING
    requires = (("tool",),)
    VALID = [
        '[tool.ruff]\nline-length = 100\n[tool.ruff.lint]\nselect = ["E", "F"]\n',
        '[tool.mypy]\nstrict = true\npython_version = "3.12"\n[tool.isort]\nanything = "unchecked: no schema"\n',
        '[tool.pyproject-lint]\nignore = ["PPL106"]\n',
        # hatchling builds: setuptools never reads its table (PPL113 says so)
        '[build-system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n[tool.setuptools]\npackages = "demo"\n',
    ]
    INVALID = [
        Invalid(
            '[tool.ruff]\nline-lenght = 100\n', at="2:1", severity=Severity.ERROR,
            message="ruff refuses to start: `tool.ruff` has an unknown key `line-lenght`; did you mean `line-length`?",
        ),
        Invalid(
            '[tool.ruff.lint]\nselect = ["E"]\n[tool.ruff.lint.isort]\nknown-first-party = "demo"\n', at="4:21",
            severity=Severity.ERROR, message="`tool.ruff.lint.isort.known-first-party` must be an array of strings",
        ),
        Invalid(
            '[tool.mypy]\npython_version = 3.10\n', at="2:18", severity=Severity.WARNING,
            message="mypy warns and ignores it: `tool.mypy.python_version` must be a string, not `3.1`",
        ),
        Invalid(
            '[tool.uv]\ndev-dependancies = ["pytest"]\n', at="2:1", severity=Severity.WARNING,
            message="uv warns and ignores every setting in `[tool.uv]`",
        ),
        Invalid(
            '[tool.cibuildwheel]\nbuild = "*"\n[[tool.cibuildwheel.overrides]]\nselect = "cp312-*"\n', at="3:1",
            message="cibuildwheel takes it without a word: `tool.cibuildwheel.overrides[0]` must have at least 2 keys",
        ),
        Invalid(
            '[build-system]\nrequires = ["setuptools>=77"]\nbuild-backend = "setuptools.build_meta"\n'
            '[tool.setuptools]\npackages = "demo"\n',
            at="5:12", severity=Severity.ERROR, message="setuptools refuses to build: `tool.setuptools.packages` must be",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        from ...data import load
        from ...json_schema import Validator, dotted
        from ...schema import format_functions
        from ...tool_schemas import catalog

        tools = ctx.table(("tool",))
        assert tools is not None
        local = local_schemas(ctx)
        unchecked_said = False
        for tool, table in tools.items():
            if tool == OWN_TABLE or _ignored(tool, ctx):
                continue
            found = self._schema(ctx, tool, local)
            if isinstance(found, str):
                yield self.diagnostic(ctx.locate_key(("tool", tool)), f"`[tool.{tool}]` not checked: {found}")
                continue
            if found is None:
                if not unchecked_said and tool not in catalog():
                    reason = catalog().missing or "; ".join(catalog().problems)
                    if reason:
                        unchecked_said = True
                        yield self.diagnostic(ctx.locate_key(("tool", tool)), f"`[tool.{tool}]` not checked: {reason}")
                continue
            validator = Validator(found.documents, format_functions())
            for violation in validator.violations(found.root, table, found.base, ("tool", tool)):
                row = load().tools.get(tool)
                if row is not None and row.is_erratum(dotted(violation.path[2:])):
                    continue
                severity, consequence = _consequence(tool, violation, ctx, validator, found.source)
                if violation.kind in _KEY_KINDS and violation.key is not None:
                    span = ctx.locate_key((*violation.path, violation.key))
                elif violation.kind == "required":
                    span = ctx.locate_key(violation.path)
                else:
                    span = ctx.locate(violation.path)
                message = f"{consequence}: `{dotted(violation.path)}` {violation.message}"
                yield self.diagnostic(span, message, severity=severity)

    @staticmethod
    def _schema(ctx: Context, tool: str, local: dict[str, str]) -> Union[ToolSchema, str, None]:
        """The tool's schema; ``None`` when it has none; why not, when it cannot be read."""
        from ...tool_schemas import catalog, local_schema

        if tool in local:
            try:
                return local_schema(tool, local[tool], ctx.project_dir)
            except (OSError, ValueError) as error:
                return f"its schema `{local[tool]}` cannot be read ({type(error).__name__}: {error})"
        return catalog().get(tool)
