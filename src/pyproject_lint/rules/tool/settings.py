"""PPL300: each ``[tool.*]`` table against its tool's schema, every violation at its key."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Optional, Union

from ...diagnostics import Diagnostic, Severity
from ..base import Invalid, Rule

if TYPE_CHECKING:
    from ...context import Context
    from ...data import Tool
    from ...json_schema import Validator, Violation
    from ...spans import TomlPath
    from ...tool_schemas import ToolSchema
    from ...tool_versions import ToolVersions

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


def _consequence(
    tool: str, violation: Violation, ctx: Context, *, validator: Validator, source: str, versions: ToolVersions
) -> Optional[tuple[Severity, str]]:
    """The severity and the words for what the tool does with ``violation`` (``None``: the
    release the project runs still knows a key its tool has since removed)."""
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
    words = _words(reaction, row.program, tool, builds=row.family is not None)
    removed: Optional[str] = None
    if violation.kind in _KEY_KINDS and violation.key is not None and row.distribution is not None:
        relative = ".".join(str(part) for part in (*violation.path[2:], violation.key))
        until = next((key.releases.until for key in load().tool_keys.get(tool, ()) if key.key == relative), None)
        version = versions.of(row)
        if until is not None:
            if version is not None:
                return None  # _release_findings judges it by the release
            removed = f"{row.distribution} removed it in {until}"
        elif version is not None:
            described = _described(row.distribution, source)
            if described is not None and _newer(version.version, described):
                # The schema may lag: the key may be one the release added since.
                return Severity.WARNING, (
                    f"{words} unless {version.describe(row.distribution)} knows the key: the schema "
                    f"({source}) is {row.distribution} {described}'s"
                )
    # A key close to a known one is a typo; another may be newer than the schema (SchemaStore
    # lags: cibuildwheel 4.3.5 takes `test-skip` per platform, which the 2026.10.23 schema lacks).
    if (
        reaction == "refuses"
        and violation.kind in _KEY_KINDS
        and (removed or violation.close is None or violation.key in validator.property_names())
    ):
        verb = "build" if row.family else "start"
        also = f"; {removed}" if removed else ""
        return Severity.WARNING, f"{row.program} refuses to {verb} unless its version knows the key (the schema, {source}, does not{also})"
    if reaction == "refuses" and violation.kind == "enum" and row.unknown_value:
        return Severity.WARNING, row.unknown_value
    severity = Severity.ERROR if reaction == "refuses" else Severity.WARNING
    return severity, words + (f" ({removed})" if removed else "")


def _read_as_allowed(row: Tool, violation: Violation, table: Any, validator: Validator, schema: ToolSchema) -> bool:
    """Whether the tool reads the value at fault as one its schema allows (mypy's ``"True"``
    for ``true``: ``coerce`` in ``data/tools.toml``)."""
    parts = violation.path[2:]
    if not row.coercions or not parts or violation.kind in _KEY_KINDS or violation.kind == "required":
        return False
    from ...json_schema import dotted

    for reading in row.readings(dotted(parts), _value_at(table, parts)):
        read = _replaced(table, parts, reading)
        again = validator.violations(schema.root, read, schema.base, violation.path[:2])
        if not any(v.path[: len(violation.path)] == violation.path for v in again):
            return True
    return False


def _value_at(value: Any, parts: TomlPath) -> Any:
    for part in parts:
        value = value[part]
    return value


def _replaced(value: Any, parts: TomlPath, new: Any) -> Any:
    """A copy of ``value`` with ``new`` at ``parts`` (only the containers on the way are copied)."""
    if not parts:
        return new
    head, rest = parts[0], parts[1:]
    copy: Any = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = _replaced(value[head], rest, new)
    return copy


def _described(distribution: str, source: str) -> Optional[str]:
    """The release of ``distribution`` whose settings the schema from ``source`` describes
    (``validate-pyproject-schema-store 2026.10.23``: a snapshot ``data/tools.toml`` knows)."""
    from ...data import load
    from ...pep508 import canonicalize_name

    plugin, _, version = source.rpartition(" ")
    snapshot = load().snapshots.get((canonicalize_name(plugin), version))
    return None if snapshot is None else snapshot.schemas.get(distribution)


def _newer(version: str, than: str) -> bool:
    from packaging.version import Version

    return Version(version) > Version(than)


def _present(table: dict[str, Any], dotted_key: str) -> bool:
    value: Any = table
    for part in dotted_key.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def _release_findings(ctx: Context, tool: str, table: dict[str, Any], versions: ToolVersions) -> Iterator[tuple[TomlPath, Severity, str]]:
    """Keys of ``[tool.<tool>]`` that the release the project runs does not know yet, or no
    longer knows (``data/tools.toml``'s ``[[key]]`` rows): path, severity, message."""
    from ...data import load

    knowledge = load()
    row, keys = knowledge.tools.get(tool), knowledge.tool_keys.get(tool)
    if row is None or row.distribution is None or not keys:
        return
    version = versions.of(row)
    if version is None:
        return
    said: list[str] = []
    for key in sorted(keys, key=lambda key: key.key.count(".")):
        if not _present(table, key.key) or any(key.key.startswith(f"{outer}.") for outer in said):
            continue
        since, until = key.releases
        if since is not None and _newer(since, version.version):
            what = f"does not know `tool.{tool}.{key.key}`, new in {row.distribution} {since}"
        elif until is not None and not _newer(until, version.version):
            what = f"no longer knows `tool.{tool}.{key.key}`, removed in {row.distribution} {until}"
        else:
            continue
        said.append(key.key)
        parts = key.key.split(".")
        reaction = row.reactions(parts[0] if len(parts) > 1 else None)[0]
        severity = Severity.ERROR if reaction == "refuses" and version.exact else Severity.WARNING
        words = _words(reaction, row.program, tool, builds=row.family is not None)
        yield ("tool", tool, *parts), severity, f"{words}: {version.describe(row.distribution)} {what}"


class ToolSchemaViolation(Rule):
    """
    ## What it does
    Checks each `[tool.*]` table against its tool's JSON schema (SchemaStore's, through the
    validate-pyproject-schema-store plugin, for ruff, uv, ty, mypy, pytest, black,
    cibuildwheel, tox, poetry, hatch, pdm, maturin, scikit-build, setuptools, setuptools-scm
    and about ten more), and reports every violation at the offending key or value, with
    a did-you-mean for a misspelt key. A value the tool reads as the type its schema asks
    for is not reported: mypy's `"True"` or `1` for `true`, the strings pytest reads in
    `[tool.pytest.ini_options]` (`log_cli = 1`, `log_cli_level = "info"`), cibuildwheel's
    `build-verbosity = "3"` (`coerce` in `data/tools.toml`, from each tool's code and a run).

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
    (SchemaStore as of 2026-10-23; ruff's describes ruff 0.17.2, uv's uv 0.13.0) when this
    was written, or whichever version is installed. A key added to a tool after that
    snapshot is reported as unknown, as a warning unless it is a near miss of a known key;
    a table without a schema is not checked. A project's own tool can have its schema named
    in `[tool.pyproject-lint] tool-schemas = { mytool = "schemas/mytool.json" }`.

    Where the file says which release of ruff or uv the project runs (an `==` pin in
    `[dependency-groups]`, `[project.optional-dependencies]` or `[tool.uv]
    dev-dependencies`, the tool's own `required-version`, or `uv.lock` beside the file),
    a key that release does not know yet (`lint.preview` before ruff 0.1.1) or no longer
    knows (`tab-size` from ruff 0.5.0) is reported: an error where the tool refuses to
    start; a warning when only a floor is known (`required-version = ">=0.1"`). A key the
    schema lacks, with a release newer than the schema's, is a warning: it may be new.

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
    needs_tables = (("tool",),)
    VALID = [
        """
        [tool.ruff]
        line-length = 100
        [tool.ruff.lint]
        select = ["E", "F"]
        """,
        """
        [tool.mypy]
        strict = true
        python_version = "3.12"
        [tool.isort]
        anything = "unchecked: no schema"
        """,
        """
        [tool.pyproject-lint]
        ignore = ["PPL106"]
        """,
        # hatchling builds: setuptools never reads its table (PPL113 says so)
        """
        [build-system]
        requires = ["hatchling>=1.27"]
        build-backend = "hatchling.build"
        [tool.setuptools]
        packages = "demo"
        """,
        # ruff 0.4.10 still takes `tab-size` (0.5.0 refuses it), which today's schema lacks
        """
        [tool.ruff]
        required-version = "0.4.10"
        tab-size = 4
        """,
        # Values the tools read as what their schemas ask for (`coerce` in data/tools.toml).
        """
        [tool.mypy]
        disallow_untyped_defs = "True"
        [[tool.mypy.overrides]]
        module = "demo.*"
        ignore_errors = 1
        [tool.pytest.ini_options]
        log_cli = 1
        log_cli_level = "info"
        [tool.cibuildwheel]
        build-verbosity = "3"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [tool.ruff]
            line-lenght = 100
            """,
            at="2:1-2:12",
            message="ruff refuses to start: `tool.ruff` has an unknown key `line-lenght`; did you mean `line-length`?",
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [tool.ruff.lint]
            select = ["E"]
            [tool.ruff.lint.isort]
            known-first-party = "demo"
            """,
            at="4:21-4:27",
            message='ruff refuses to start: `tool.ruff.lint.isort.known-first-party` must be an array of strings, not `"demo"`',
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [tool.mypy]
            python_version = 3.10
            """,
            at="2:18-2:22",
            message="mypy warns and ignores it: `tool.mypy.python_version` must be a string, not `3.1`",
            severity=Severity.WARNING,
        ),
        Invalid(  # mypy reads "yes", "on", "1"... as booleans, not any word
            """
            [tool.mypy]
            disallow_untyped_defs = "maybe"
            """,
            at="2:25-2:32",
            message='mypy warns and ignores it: `tool.mypy.disallow_untyped_defs` must be true or false, not `"maybe"`',
            severity=Severity.WARNING,
        ),
        Invalid(  # pytest's own table, unlike `ini_options`, takes TOML's types as they are
            """
            [tool.pytest]
            log_cli = 1
            """,
            at="2:11-2:12",
            message="pytest refuses to start: `tool.pytest.log_cli` must be true or false, not `1`",
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [tool.uv]
            dev-dependancies = ["pytest"]
            """,
            at="2:1-2:17",
            message="uv warns and ignores every setting in `[tool.uv]`: `tool.uv` has an unknown key `dev-dependancies`; did you mean `dev-dependencies`?",
            severity=Severity.WARNING,
        ),
        Invalid(
            """
            [tool.cibuildwheel]
            build = "*"
            [[tool.cibuildwheel.overrides]]
            select = "cp312-*"
            """,
            at="3:1-3:32",
            message="cibuildwheel takes it without a word: `tool.cibuildwheel.overrides[0]` must have at least 2 keys",
            severity=Severity.WARNING,
        ),
        Invalid(  # cibuildwheel reads "3" as 3, and a word as 0
            """
            [tool.cibuildwheel]
            build-verbosity = "loud"
            """,
            at="2:19-2:25",
            message='cibuildwheel takes it without a word: `tool.cibuildwheel.build-verbosity` must be an integer, not `"loud"`',
            severity=Severity.WARNING,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=77"]
            build-backend = "setuptools.build_meta"
            [tool.setuptools]
            packages = "demo"
            """,
            at="5:12-5:18",
            message='setuptools refuses to build: `tool.setuptools.packages` must be an array of strings or a table such as `{ find = { … } }`, not `"demo"`',
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [dependency-groups]
            dev = ["ruff==0.1.0"]
            [tool.ruff.lint]
            preview = true
            """,
            at="4:1-4:8",
            message="ruff refuses to start: ruff 0.1.0 (pinned in `dependency-groups.dev`) does not know `tool.ruff.lint.preview`, new in ruff 0.1.1",
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [tool.ruff]
            indent-width = 4
            """,
            files={"uv.lock": 'version = 1\n\n[[package]]\nname = "ruff"\nversion = "0.1.1"\n'},
            at="2:1-2:13",
            message="ruff refuses to start: ruff 0.1.1 (locked in `uv.lock`) does not know `tool.ruff.indent-width`, new in ruff 0.1.2",
            severity=Severity.ERROR,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        from ...data import load
        from ...json_schema import Validator, dotted
        from ...tool_schemas import catalog
        from ...tool_versions import ToolVersions
        from ...validation import format_functions

        tools = ctx.table(("tool",))
        assert tools is not None
        local = local_schemas(ctx)
        versions = ToolVersions(ctx)
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
            row = load().tools.get(tool)
            for violation in validator.violations(found.root, table, found.base, ("tool", tool)):
                if row is not None and (
                    row.is_erratum(dotted(violation.path[2:])) or _read_as_allowed(row, violation, table, validator, found)
                ):
                    continue
                verdict = _consequence(tool, violation, ctx, validator=validator, source=found.source, versions=versions)
                if verdict is None:
                    continue
                severity, consequence = verdict
                if violation.kind in _KEY_KINDS and violation.key is not None:
                    span = ctx.locate_key((*violation.path, violation.key))
                elif violation.kind == "required":
                    span = ctx.locate_key(violation.path)
                else:
                    span = ctx.locate(violation.path)
                message = f"{consequence}: `{dotted(violation.path)}` {violation.message}"
                yield self.diagnostic(span, message, severity=severity)
            if isinstance(table, dict):
                for path, severity, message in _release_findings(ctx, tool, table, versions):
                    yield self.diagnostic(ctx.locate_key(path), message, severity=severity)

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
