"""PPL208: ``readme``, ``license.file`` and ``license-files`` that name no file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from ...diagnostics import Diagnostic, Severity
from ..base import Invalid, Rule, Valid

if TYPE_CHECKING:
    from ...context import Context

TomlPath = tuple[Any, ...]


def named_files(ctx: Context) -> Iterator[tuple[TomlPath, str]]:
    """``readme`` (a string or its table's ``file``) and ``license``'s ``file``."""
    for field in ("readme", "license"):
        value = ctx.get(("project", field))
        if field == "readme" and isinstance(value, str):
            yield ("project", field), value
        elif isinstance(value, dict) and isinstance(value.get("file"), str):
            yield ("project", field, "file"), value["file"]


def license_patterns(ctx: Context) -> Iterator[tuple[TomlPath, str]]:
    patterns = ctx.get(("project", "license-files"))
    if isinstance(patterns, list):
        for index, pattern in enumerate(patterns):
            if isinstance(pattern, str):
                yield ("project", "license-files", index), pattern


def _outside(relative: str) -> bool:
    """Absolute, or climbing out of the project: PEP 639 forbids it, and it is not looked for."""
    parts = relative.replace("\\", "/").split("/")
    return os.path.isabs(relative) or relative.startswith(("/", "\\")) or ".." in parts


def _matches_a_file(folder: Path, pattern: str) -> bool:
    """Whether the glob matches at least one file (stops at the first)."""
    parts = [part for part in pattern.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts:
        return False  # ``.``: the folder itself (pathlib before 3.12 fails on an empty pattern)
    try:
        return any(path.is_file() for path in folder.glob("/".join(parts)))
    except (OSError, ValueError, NotImplementedError):
        return True  # a pattern pathlib cannot walk: not this rule's finding


def _similar(folder: Path, name: str) -> Optional[str]:
    """A file in the same folder whose name is close to ``name`` (``README.rst`` for ``README.md``)."""
    import difflib  # only for a missing file

    target = folder / name
    try:
        siblings = sorted(entry.name for entry in target.parent.iterdir() if entry.is_file())
    except OSError:
        return None
    lowered = {sibling.lower(): sibling for sibling in siblings}
    if target.name.lower() in lowered:
        return lowered[target.name.lower()]
    stem = target.name.partition(".")[0].lower()
    same_stem = [sibling for sibling in siblings if sibling.partition(".")[0].lower() == stem]
    close = same_stem or difflib.get_close_matches(target.name, siblings, n=1, cutoff=0.8)
    return close[0] if close else None


class MissingFile(Rule):
    """
    ## What it does
    Checks that the files `[project]` names exist beside the `pyproject.toml`: `readme`
    (a path, or the `file` of its table), `license = { file = ... }`, and that each
    `license-files` pattern matches at least one file. When a file with a close name
    exists (`README.rst` for `README.md`, `LICENSE` for `LICENCE`), the message names it.

    Nothing is looked for when the file's folder is unknown (standard input), or for a
    path that is absolute or climbs out of the project.

    ## Why is this bad?
    hatchling refuses to build ("Readme file does not exist: READ.md", "License file does
    not exist"). setuptools warns ("File '...' cannot be found") and builds a wheel with
    no description or licence text. A `license-files` pattern that matches nothing ships
    a wheel without the licence files meant for it: PEP 639 requires back ends to refuse
    it, and setuptools warns that it will ("Pattern 'LICEN[CS]E*' did not match any
    files"), while hatchling builds silently.

    ## Example
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    readme = "README.md"  # the file is README.rst
    ```

    Use instead:
    ```toml
    [project]
    name = "demo"
    version = "1.0"
    readme = "README.rst"
    ```

    ## Fix safety
    No fix: whether to rename the file or the entry is the author's call.

    ## References
    - [`readme` in the pyproject.toml specification](https://packaging.python.org/en/latest/specifications/pyproject-toml/#readme)
    - [PEP 639: `license-files`](https://peps.python.org/pep-0639/#add-license-files-key)
    """

    code = "PPL208"
    name = "missing-file"
    severity = Severity.ERROR
    needs_tables = (("project",),)
    EXAMPLE_FILES = {"README.rst": "demo\n"}
    VALID = [
        Valid(
            """
            [project]
            name = "x"
            version = "1"
            readme = "docs/README.md"
            license = { file = "LICENSE" }
            """,
            files={
                "docs/README.md": "# x\n",
                "LICENSE": "MIT\n",
            },
        ),
        Valid(
            """
            [project]
            name = "x"
            version = "1"
            readme = { file = "README.rst", content-type = "text/x-rst" }
            license-files = ["LICEN[CS]E*", "licenses/**/*.txt"]
            """,
            files={
                "README.rst": "x\n",
                "LICENCE": "MIT\n",
                "licenses/vendored/a.txt": "BSD\n",
            },
        ),
        # Inline text, and paths outside the project, are not looked for.
        Valid(
            """
            [project]
            name = "x"
            version = "1"
            readme = { text = "x", content-type = "text/plain" }
            license = { file = "../LICENSE" }
            """,
        ),
    ]
    INVALID = [
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            readme = "README.md"
            """,
            files={
                "README.rst": "x\n",
            },
            at="4:10-4:21",
            message="`README.md` is not a file beside this pyproject.toml (there is `README.rst`)",
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"

            [project.license]
            file = "LICENCE.txt"
            """,
            files={
                "LICENSE.txt": "MIT\n",
            },
            at="6:8-6:21",
            message="`LICENCE.txt` is not a file beside this pyproject.toml (there is `LICENSE.txt`)",
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            license = "MIT"
            license-files = [
                "LICENSE",
                "AUTHORS*",
            ]
            """,
            files={
                "LICENSE": "MIT\n",
            },
            at="7:5-7:15",
            message="`AUTHORS*` matches no file",
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            license = "MIT"
            license-files = [".", "./LICENSE"]
            """,
            files={
                "LICENSE": "MIT\n",
            },
            at="5:18-5:21",
            message="`.` matches no file",
        ),
        Invalid(
            """
            [project]
            name = "x"
            version = "1"
            readme = { file = "docs/index.md", content-type = "text/markdown" }
            """,
            at="4:19-4:34",
            message="`docs/index.md` is not a file beside this pyproject.toml: back ends refuse to build or leave it out",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        folder = ctx.project_dir
        if folder is None:
            return
        for path, relative in named_files(ctx):
            if not relative or _outside(relative) or ctx.is_file_beside(relative):
                continue
            similar = _similar(folder, relative)
            hint = f" (there is `{similar}`)" if similar and similar != relative else ""
            yield self.diagnostic(
                ctx.locate(path),
                f"`{relative}` is not a file beside this pyproject.toml{hint}: back ends refuse to build or leave it out",
            )
        for path, pattern in license_patterns(ctx):
            if not pattern or _outside(pattern) or _matches_a_file(folder, pattern):
                continue
            yield self.diagnostic(
                ctx.locate(path),
                f"`{pattern}` matches no file beside this pyproject.toml: the wheel would ship without the licence files meant",
            )
