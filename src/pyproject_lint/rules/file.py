"""Rules about the file itself: encoding, TOML syntax, and pyproject-lint's own settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..document import BOM_OFFSET
from ..spans import Span
from .base import Invalid, Rule, safe

if TYPE_CHECKING:
    from ..context import Context


class TomlSyntaxError(Rule):
    """
    ## What it does
    Reports a `pyproject.toml` that is not valid TOML, at the position where the TOML
    reader gives up. It is the only finding for such a file: no other rule runs.

    ## Why is this bad?
    Every front end reads the file before anything else. pip 26.3 crashes on it with an
    unhandled `TOMLDecodeError` traceback; build and uv refuse it.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=61"
    build-backend = "setuptools.build_meta"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=61"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    There is no fix: the intent of broken syntax is not knowable.

    ## References
    - [TOML v1.0.0](https://toml.io/en/v1.0.0)
    - pip 26.3 stops with an unhandled `TOMLDecodeError` traceback on such a file (observed 2026-11-21)
    """

    code = "PPL001"
    name = "toml-syntax-error"
    severity = Severity.ERROR
    VALID = [
        """
        [build-system]
        requires = []
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=61"
            build-backend = "setuptools.build_meta"
            """,
            at="3:1-3:2",
            message="Invalid TOML: Unclosed array",
        ),
        Invalid(  # where pip reports it
            """
            [project]
            name = "demo"
            name = "again"
            """,
            at="3:15-4:1",
            message="Invalid TOML: Cannot overwrite a value",
        ),
        Invalid(
            """
            [build-system
            """,
            at="1:14-2:1",
            message="Invalid TOML: Expected ']' at the end of a table declaration",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())  # the engine reports this before any rule runs


class InvalidEncoding(Rule):
    """
    ## What it does
    Reports a `pyproject.toml` that is not valid UTF-8, at the first byte that is not.

    ## Why is this bad?
    TOML files are UTF-8 by definition, and front ends read `pyproject.toml` as UTF-8:
    a file saved as Latin-1 or UTF-16 cannot be built.

    ## Example
    A file containing `description = "caf\xe9"` saved as Latin-1.

    Use instead: the same file saved as UTF-8.

    ## Fix safety
    There is no fix: the intended encoding is a guess.

    ## References
    - [TOML v1.0.0: "A TOML file must be a valid UTF-8 encoded Unicode document"](https://toml.io/en/v1.0.0#spec)
    """

    code = "PPL002"
    name = "invalid-encoding"
    severity = Severity.ERROR
    VALID = [
        """
        [project]
        description = "café"
        """,
    ]
    INVALID = [
        Invalid(
            b'[project]\ndescription = "caf\xe9"\n',
            at="2:19-2:20",
            message="File is not UTF-8: byte 0xe9 is not valid UTF-8 (invalid continuation byte)",
        ),
        Invalid(
            b"\xff\xfe[\x00p\x00",
            at="1:1-1:2",
            message="File is not UTF-8: byte 0xff is not valid UTF-8 (invalid start byte)",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())  # the engine reports this before parsing


class InvalidLinterConfig(Rule):
    """
    ## What it does
    Reports an unknown setting, a value of the wrong type or a selector that matches no
    rule in the file's own `[tool.pyproject-lint]` table.

    ## Why is this bad?
    A misspelled setting is silently ignored otherwise, so the rules the user meant to
    select or ignore are not.

    ## Example
    ```toml
    [tool.pyproject-lint]
    ignored = ["PPL106"]
    ```

    Use instead:
    ```toml
    [tool.pyproject-lint]
    ignore = ["PPL106"]
    ```

    ## Fix safety
    There is no fix.

    ## References
    - The README's *Configuration* section.
    """

    code = "PPL003"
    name = "invalid-linter-config"
    severity = Severity.WARNING
    VALID = [
        """
        [tool.pyproject-lint]
        ignore = ["PPL106", "PPL1", "unknown-build-backend"]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [tool.pyproject-lint]
            ignored = ["PPL106"]
            """,
            at="2:1-2:8",
            message="Unknown setting `ignored` in `[tool.pyproject-lint]`; did you mean `ignore`?",
        ),
        Invalid(
            """
            [tool.pyproject-lint]
            select = ["PPL999"]
            """,
            at="2:11-2:19",
            message="`PPL999` matches no rule",
        ),
        Invalid(
            """
            [tool.pyproject-lint]
            ignore = "PPL106"
            """,
            at="2:10-2:18",
            message="`ignore` must be an array of rule codes, prefixes or names",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())  # the engine reports this while reading the configuration


class ByteOrderMark(Rule):
    """
    ## What it does
    Reports a UTF-8 byte order mark (BOM) at the start of `pyproject.toml`.

    ## Why is this bad?
    pip and build read the file as plain UTF-8, so the mark becomes part of the first
    line: pip 26.3 crashes with `tomllib.TOMLDecodeError: Invalid statement (at line 1,
    column 1)` and build with `Failed to parse ./pyproject.toml`. Editors hide the mark,
    so the file looks fine.

    ## Example
    A file saved by an editor as "UTF-8 with BOM".

    Use instead: the same file saved as UTF-8 without a BOM.

    ## Fix safety
    Safe: the fix removes the three invisible bytes of the mark and nothing else.

    ## References
    - Reproduced with pip 26.3 and build 1.6.1 on CPython 3.11.7 (2026-11-21).
    """

    code = "PPL004"
    name = "utf8-bom"
    severity = Severity.ERROR
    VALID = [
        """
        [build-system]
        requires = []
        """,
    ]
    INVALID = [
        Invalid(
            "\ufeff[project]\nname = \"demo\"\n",
            at="1:1-1:1",
            message="File starts with a UTF-8 byte order mark, which pip and build cannot read",
            fix=safe("Remove the byte order mark"),
            fixed="""
            [project]
            name = "demo"
            """,
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        if ctx.document.bom:
            yield self.diagnostic(
                Span(0, 0),
                "File starts with a UTF-8 byte order mark, which pip and build cannot read",
                Fix.safe("Remove the byte order mark", Edit(BOM_OFFSET, 0, "")),
            )


class UnusedNoqa(Rule):
    """
    ## What it does
    Reports a `# noqa` comment that suppresses nothing: a code in it whose rule reports
    nothing on that line, a `PPL` code that names no rule, or a bare `# noqa` on a line
    where no enabled rule reports. A code whose rule is not enabled in this run is left
    alone (another run, or the editor, may enable it), and so are other tools' codes.

    ## Why is this bad?
    A `# noqa` outlives the finding it was written for: once the line is fixed it stays,
    and hides the next, unrelated problem on that line without anyone noticing. A
    misspelled code suppresses nothing at all.

    ## Example
    ```toml
    [build-system]
    requires = ["setuptools>=77"]  # noqa
    build-backend = "setuptools.build_meta"
    ```

    Use instead:
    ```toml
    [build-system]
    requires = ["setuptools>=77"]
    build-backend = "setuptools.build_meta"
    ```

    ## Fix safety
    Safe: the fix removes the unused codes, or the whole comment when nothing in it is
    used and it says nothing else. A comment with more text after the directive is left
    to you.

    ## References
    - ruff's [`unused-noqa` (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/),
      which also reports the codes of rules that are not enabled.
    - `--ignore-noqa` (which also turns this rule off) and `--add-noqa` in the README.
    """

    code = "PPL005"
    name = "unused-noqa"
    severity = Severity.WARNING
    VALID = [
        """
        [build-system]
        requires = ["setuptools"]  # noqa: PPL106
        build-backend = "setuptools.build_meta"
        """,
        # in a string: no comment
        """
        [project]
        name = "demo"
        description = "# noqa"
        version = "1"
        """,
    ]
    INVALID = [
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=77"]  # noqa
            build-backend = "setuptools.build_meta"
            """,
            at="2:32-2:38",
            message="Unused blanket `noqa` directive: no enabled rule reports on this line",
            fix=safe("Remove the `noqa` comment"),
            fixed="""
            [build-system]
            requires = ["setuptools>=77"]
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools"]  # noqa: PPL106, PPL10
            build-backend = "setuptools.build_meta"
            """,
            at="2:28-2:49",
            message="`PPL10` names no rule",
            fix=safe("Keep only `PPL106`"),
            fixed="""
            [build-system]
            requires = ["setuptools"]  # noqa: PPL106
            build-backend = "setuptools.build_meta"
            """,
        ),
        Invalid(
            """
            [build-system]
            requires = ["setuptools>=77"]  # noqa: PPL999 (kept for the old CI)
            build-backend = "setuptools.build_meta"
            """,
            at="2:32-2:46",
            message="`PPL999` names no rule",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        return iter(())  # the engine reports this once the other rules have run
