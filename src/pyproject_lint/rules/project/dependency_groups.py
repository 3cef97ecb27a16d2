"""PPL210: ``[dependency-groups]`` (PEP 735): names, includes and include cycles."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Optional

from ...diagnostics import Diagnostic, Severity
from ...pep508 import canonicalize_name, is_valid_name
from ..base import Invalid, Rule

if TYPE_CHECKING:
    from ...context import Context

GROUPS = ("dependency-groups",)


def includes(groups: dict[str, Any]) -> Iterator[tuple[str, int, str]]:
    """``(group, index, included name)`` of every ``{include-group = ...}`` entry, in file order."""
    for group, entries in groups.items():
        if isinstance(entries, list):
            for index, entry in enumerate(entries):
                if isinstance(entry, dict) and isinstance(entry.get("include-group"), str):
                    yield group, index, entry["include-group"]


Edge = tuple[str, int, str]
"""An include: the including group, the entry's index, and the name as written."""


def _cycle_through(start: str, edges: dict[str, list[tuple[str, Edge]]]) -> Optional[list[Edge]]:
    """The shortest include path from ``start`` back to itself, if any (breadth first)."""
    reached_by: dict[str, Edge] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target, edge in edges.get(node, []):
            if target == start:
                path = [edge]
                while path[-1][0] != start:
                    path.append(reached_by[path[-1][0]])
                return path[::-1]
            if target not in reached_by:
                reached_by[target] = edge
                queue.append(target)
    return None


class DependencyGroupProblem(Rule):
    """
    ## What it does
    Checks `[dependency-groups]` (PEP 735): that each group name is valid, that no two
    names are the same once normalized (`Test_Utils` and `test-utils`), that every
    `{ include-group = "..." }` names a group of the table, and that no group includes
    itself, directly or through others.

    ## Why is this bad?
    Tools that install dependency groups (`pip install --group`, `uv sync --group`,
    dependency-groups' own resolver) refuse the table: PEP 735 says group includes "MUST
    NOT include cycles", and that tools "SHOULD error" on names that normalize to the
    same. An include of a missing group is most often a misspelled or renamed group.

    ## Example
    ```toml
    [dependency-groups]
    test = ["pytest>=8", { include-group = "typing" }]
    types = ["mypy>=1.10"]
    ```

    Use instead:
    ```toml
    [dependency-groups]
    test = ["pytest>=8", { include-group = "types" }]
    types = ["mypy>=1.10"]
    ```

    ## Fix safety
    No fix: which name was meant is the author's call.

    ## References
    - [PEP 735: Dependency Groups](https://peps.python.org/pep-0735/)
    - [Dependency groups specification](https://packaging.python.org/en/latest/specifications/dependency-groups/)
    """

    code = "PPL210"
    name = "dependency-group-problem"
    severity = Severity.ERROR
    needs_tables = (GROUPS,)
    VALID = [
        """
        [dependency-groups]
        test = ["pytest>=8", { include-group = "Type_Checking" }]
        type-checking = ["mypy"]
        all = [{ include-group = "test" }, { include-group = "type-checking" }]
        """,
    ]
    INVALID = [
        Invalid(
            """
            [dependency-groups]
            test = ["pytest>=8", { include-group = "typing" }]
            types = ["mypy>=1.10"]
            """,
            at="2:40-2:48",
            message="`typing` is not a group of `[dependency-groups]`",
        ),
        Invalid(
            """
            [dependency-groups]
            a = [{ include-group = "b" }]
            b = ["x", { include-group = "c" }]
            c = [{ include-group = "A" }]
            """,
            at="2:24-2:27",
            message="include cycle: a -> b -> c -> A",
        ),
        Invalid(
            """
            [dependency-groups]
            self = [{include-group = "self"}]
            """,
            at="2:26-2:32",
            message="include cycle: self -> self",
        ),
        Invalid(
            """
            [dependency-groups]
            "test group" = ["pytest"]
            """,
            at="2:1-2:13",
            message="`test group` is not a valid group name",
        ),
        Invalid(
            """
            [dependency-groups]
            Test_Utils = ["pytest"]
            test-utils = ["hypothesis"]
            """,
            at="3:1-3:11",
            message="`test-utils` and `Test_Utils` are the same group once normalized",
        ),
    ]

    def check(self, ctx: Context) -> Iterator[Diagnostic]:
        groups = ctx.table(GROUPS) or {}
        seen: dict[str, str] = {}
        for name in groups:
            if not is_valid_name(name):  # PEP 735: "valid non-normalized names"
                yield self.diagnostic(
                    ctx.locate_key((*GROUPS, name)),
                    f"`{name}` is not a valid group name: letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit",
                )
                continue
            normalized = canonicalize_name(name)
            if normalized in seen:
                yield self.diagnostic(
                    ctx.locate_key((*GROUPS, name)),
                    f"`{name}` and `{seen[normalized]}` are the same group once normalized: tools refuse the table",
                )
            else:
                seen[normalized] = name
        edges: dict[str, list[tuple[str, Edge]]] = {}
        for group, index, included in includes(groups):
            if seen.get(canonicalize_name(group)) != group:
                continue  # an invalid or duplicate name, reported above
            target = seen.get(canonicalize_name(included))
            if target is None:
                yield self.diagnostic(
                    ctx.locate((*GROUPS, group, index, "include-group")),
                    f"`{included}` is not a group of `[dependency-groups]`: tools refuse to install `{group}`",
                )
                continue
            edges.setdefault(group, []).append((target, (group, index, included)))
        reported: set[frozenset[str]] = set()
        for group in groups:
            cycle = _cycle_through(group, edges)
            members = frozenset(edge[0] for edge in cycle or ())
            if cycle is None or members in reported:
                continue
            reported.add(members)
            path = " -> ".join([cycle[0][0], *(edge[2] for edge in cycle)])
            yield self.diagnostic(
                ctx.locate((*GROUPS, cycle[0][0], cycle[0][1], "include-group")),
                f"include cycle: {path}: PEP 735 forbids it, and tools refuse the table",
            )
