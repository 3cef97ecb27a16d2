"""PPL200: the file against validate-pyproject's schemas, every violation at its place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Severity
from .base import Finding, Invalid, Rule

if TYPE_CHECKING:
    from ..context import Context
    from ..validation import SchemaError

def reported_by_another_rule(error: SchemaError, ctx: Context) -> bool:
    """Violations that a dedicated rule reports (each fact is reported once).

    ``[build-system]`` has its own rules (PPL101, PPL108, PPL109, PPL110), misspelled
    top-level tables theirs (PPL006), and so do
    classifiers (PPL201, PPL202), dependency strings (PPL204), a licence expression
    (PPL206), ``dynamic`` (PPL207), the version (PPL209), and dependency group names and
    includes (PPL210).
    """
    path = error.path
    if path[:1] == ("build-system",) or error.rule == "PEP 735":
        return True
    if not path and error.key is not None and any(m.key == error.key for m in ctx.model.misspelled_tables):
        return True  # a misspelled top-level table: PPL006
    if path == ("dependency-groups",) and error.key is not None:
        return True
    if error.key is not None:
        return False
    is_string = isinstance(ctx.get(path), str)
    if path[:2] == ("project", "classifiers") and len(path) == 3 and error.rule == "format":
        return True
    if path in (("project", "version"), ("project", "license")) and is_string:
        return True
    if error.rule == "PEP 621" or (path[:2] == ("project", "dynamic") and ctx.get(path) == "name"):
        return True  # a field both static and dynamic, or a dynamic `name`: PPL207
    dependency = (
        (path[:2] == ("project", "dependencies") and len(path) == 3)
        or (path[:2] == ("project", "optional-dependencies") and len(path) == 4)
        or (path[:1] == ("dependency-groups",) and len(path) == 3)
    )
    return dependency and is_string


class SchemaViolation(Rule):
    """
    ## What it does
    Checks the whole file against the `pyproject.toml` specification's JSON schema
    (validate-pyproject's), and reports every violation at the offending key or value, not
    only the first, in the words of TOML: `project.authors[0]` must be a table such as
    `{ name = "…", email = "…" }`. `[tool.*]` tables are PPL300's.

    ## Why is this bad?
    Back ends validate `[project]` before they build: setuptools, hatchling, flit-core,
    pdm-backend and poetry-core refuse a file whose metadata breaks the specification, so
    `pip install .` fails. Two violations are warnings, because builds go on: a top-level
    table the specification does not define (front ends ignore it), and a key `[project]`
    does not define where the backend ignores it (hatchling, pdm-backend, poetry-core,
    uv_build and maturin do; setuptools and flit-core refuse it).

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    author = "Jane Doe"
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    authors = [{ name = "Jane Doe" }]
    ```

    ## Fix safety
    There is no fix: a schema violation rarely has one right reading.

    ## References
    - [pyproject.toml specification](https://packaging.python.org/en/latest/specifications/pyproject-toml/)
    - [validate-pyproject](https://validate-pyproject.readthedocs.io/)
    """

    code = "PPL200"
    name = "schema-violation"
    severity = Severity.ERROR
    VALID = [
        """
        [project]
        name = "demo"
        version = "1.0"
        authors = [{ name = "Jane Doe", email = "jane@example.org" }]
        """,
        """
        [project]
        name = "demo"
        dynamic = ["version"]
        [tool.setuptools]
        packages = "not checked here"
        """,
        """
        [build-system]
        requires = ["hatchling>=1.27"]
        build-backend = "hatchling.build"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "demo"
            version = "1.0"
            author = "Jane Doe"
            """,
            at="4:1-4:7",
            message="`project` has an unknown key `author`; did you mean `authors`?",
            severity=Severity.ERROR,
        ),
        # An unknown [project] key: setuptools (the fallback here) refuses it, hatchling builds.
        Invalid(
            """
            [project]
            name = "demo"
            version = "1.0"
            repository = "x"
            """,
            at="4:1-4:11",
            message="`project` has an unknown key `repository`",
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [build-system]
            requires = ["hatchling"]
            build-backend = "hatchling.build"
            [project]
            name = "demo"
            version = "1.0"
            repository = "x"
            """,
            at="7:1-7:11",
            message="`project` has an unknown key `repository`",
            severity=Severity.WARNING,
        ),
        Invalid(
            """
            [pytest.enabler.black]
            addopts = "--black"
            """,
            at="1:1-1:23",
            message="unknown key `pytest`",
            severity=Severity.WARNING,
        ),
        Invalid(
            """
            [project]
            name = "demo"
            """,
            at="1:1-1:10",
            message="`project` must have the key `version`",
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [project]
            name = "demo"
            version = 1
            authors = [{ name = "A" }, { name = "B", mail = "b@x" }]
            """,
            at="3:11-3:12",
            message="`project.version` must be a string, not `1`",
            severity=Severity.ERROR,
            also=[
                Finding(
                    at="4:42-4:46",
                    message="`project.authors[1]` has an unknown key `mail`; did you mean `email`?",
                    severity=Severity.ERROR,
                ),
            ],
        ),
        Invalid(
            """
            [project]
            name = "demo"
            dynamic = 0
            """,
            at="1:1-1:10",
            message="`project` must have the key `version`",
            severity=Severity.ERROR,
            also=[
                Finding(
                    at="3:11-3:12",
                    message="`project.dynamic` must be an array of strings, not `0`",
                    severity=Severity.ERROR,
                ),
            ],
        ),
        Invalid(
            """
            [project]
            name = "demo"
            version = "1.0"
            dynamic = ["readme", "licence"]
            """,
            at="4:22-4:31",
            message='`project.dynamic[1]` is not one of the 18 values allowed here; did you mean `"license"`?',
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [project]
            name = "demo"
            version = "1.0"
            authors = ["Jane Doe <jane@example.org>"]
            """,
            at="4:12-4:41",
            message='`project.authors[0]` must be a table such as `{ name = "…", email = "…" }`, not `"Jane Doe <jane@example.org>"`',
            severity=Severity.ERROR,
        ),
        Invalid(
            """
            [project]
            name = "demo"
            version = "1.0"
            readme = { file = "README.md", content_type = "text/markdown" }
            """,
            at="4:10-4:64",
            message="`project.readme` must have the key `content-type` (not `content_type`)",
            severity=Severity.ERROR,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        from ..validation import schema_errors

        assert ctx.document.data is not None
        backend = ctx.model.effective_backend
        for error in schema_errors(ctx.document.data):
            if reported_by_another_rule(error, ctx):
                continue
            from ..json_schema import dotted  # only when there is something to report
            if error.key is not None:
                span = ctx.locate_key((*error.path, error.key))
            else:
                span = ctx.locate(error.path) if error.path else ctx.start_of_file()
            where = f"`{dotted(error.path)}`" if error.path else "The top level"
            severity = None
            if error.path == ("project",) and error.rule == "required" and "`version`" in error.message and backend and backend.version_outside_pyproject:
                severity = Severity.WARNING  # the backend finds one; other tools reading the file do not
            if error.key is not None and not error.path:
                severity = Severity.WARNING  # front ends and backends ignore a table they do not know
            if error.key is not None and error.path == ("project",) and not (backend and backend.refuses_unknown_project_keys):
                severity = Severity.WARNING  # this backend builds without it (hatchling, pdm-backend, poetry-core, ...)
            yield self.diagnostic(span, f"{where} {error.message}", severity=severity)
