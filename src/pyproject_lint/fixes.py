"""Fixes that several rules build the same way: requirements and ``[build-system]`` tables,
written in the file's own style. (Text edits themselves are in :mod:`pyproject_lint.edits`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from . import edits
from ._compat import tomllib
from .diagnostics import Applicability, Edit, Fix
from .model import BUILD_SYSTEM, REQUIRES
from .pep508 import repair_requirement
from .spans import first_header

if TYPE_CHECKING:
    from .context import Context
    from .spans import Span, TomlPath


def requirement_literal(ctx: Context, distribution: str) -> str:
    """``"dist>=X"`` in the file's quote style, X the release the file needs (or no bound)."""
    return edits.string_literal(ctx.model.requirement_text(distribution), ctx.quote)


def rewrite_requirement(ctx: Context, path: TomlPath, new: str) -> Optional[Edit]:
    """An edit replacing the requirement string at ``path`` with ``new``, in its quote style."""
    node = ctx.node(path)
    if node is None or edits.string_content(ctx, node) is None:
        return None  # written with escapes or as a multi-line string: leave it alone
    return edits.replace_string(ctx, path, new)


def repair_fix(ctx: Context, path: TomlPath, raw: str) -> Optional[Fix]:
    """For an invalid requirement with misspelled operators, the fix that corrects them."""
    repaired = repair_requirement(raw)
    edit = rewrite_requirement(ctx, path, repaired[0]) if repaired else None
    if repaired is None or edit is None:
        return None
    new, certain = repaired
    return Fix(f"Replace with `{new}`", (edit,), Applicability.SAFE if certain else Applicability.UNSAFE)


def insert_build_system(ctx: Context, requirement_literals: list[str], backend_path: str) -> Edit:
    """An edit adding a ``[build-system]`` table before the first table (or at the end)."""
    newline = ctx.document.newline
    table = newline.join([
        "[build-system]",
        f"requires = [{', '.join(requirement_literals)}]",
        f"build-backend = {edits.string_literal(backend_path, ctx.quote)}",
        "",
        "",
    ])
    place = _first_table_place(ctx.text)
    if place is not None:
        at, blank_line_first = place
        return Edit(at, at, f"{newline if blank_line_first else ''}{table}")
    separator = "" if not ctx.text or ctx.text.endswith("\n") else newline
    return Edit(len(ctx.text), len(ctx.text), f"{separator}{newline if ctx.text.strip() else ''}{table.rstrip()}{newline}")


def _first_table_place(text: str) -> Optional[tuple[int, bool]]:
    """Where a table goes to come first, and whether a blank line must precede it; ``None``
    without any table.

    Before the first header, and before the comment lines right above it, which belong to
    it; but when those comments open the file, they are the file's own comment block: the
    new table goes after them, a blank line between.
    """
    header = first_header(text)
    if header is None:
        return None
    start = header
    while start > 0:
        previous = edits.line_start(text, start - 1)
        if not text[previous:start].lstrip(" \t").startswith("#"):
            break
        start = previous
    if start == header:
        return header, False
    if not text[:start].strip():
        return header, True
    try:  # a line in a multi-line string may start with `#` too
        tomllib.loads(text[:start])
    except tomllib.TOMLDecodeError:
        return header, False
    return start, False


def build_requirements_at(ctx: Context) -> Span:
    """Where a finding about the build environment goes: the ``requires`` array, else
    ``[build-system]``, else the start of the file."""
    if ctx.has(REQUIRES):
        return ctx.locate(REQUIRES)
    if ctx.has(BUILD_SYSTEM):
        return ctx.locate(BUILD_SYSTEM)
    return ctx.start_of_file()


def python_split(ctx: Context, array: TomlPath, index: int, raw: str, python: str) -> Optional[Fix]:
    """The split the uv guide recommends for a requirement no release of which installs on
    ``python`` and later: keep it below ``python`` (a marker) and add one from the first
    release with wheels there. ``None`` when the entry already has a marker or no release
    with wheels is known."""
    from .model.reach import first_with_wheels
    from .pep508 import parse_requirement

    parsed = parse_requirement(raw)
    if ";" in raw or not parsed.valid or parsed.display_name is None:
        return None
    release = first_with_wheels(parsed, python)
    if release is None:
        return None
    quote = '"' if ctx.quote == "'" else "'"  # the marker's quotes: not the string's own
    below = f"{raw.rstrip()}; python_version < {quote}{python}{quote}"
    above = f"{parsed.display_name}>={release.version_text}; python_version >= {quote}{python}{quote}"
    rewrite = rewrite_requirement(ctx, (*array, index), below)
    if rewrite is None:
        return None
    added = edits.append_to_array(ctx, array, edits.string_literal(above, ctx.quote))
    if not added:
        return None
    return Fix.unsafe(f"Split by Python: `{below}` and `{above}`", rewrite, *added)
