"""Which release of a tool a project runs, as far as its own files say (PPL300).

In order: an ``==`` pin of the tool in ``[dependency-groups]``, ``[project.optional-dependencies]``
or ``[tool.uv] dev-dependencies`` (a lock must satisfy it); its table's ``required-version``
when that pins it (the tool refuses to run as any other release); ``uv.lock`` beside the
file; and last the lowest release ``required-version`` admits, which is only a floor.
Read only for a file with ``[tool.*]`` tables and only as far as asked; ``uv.lock`` is read
at most once, and only the entries of the tools asked about are parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import NamedTuple as Record

    from .context import Context
    from .data import Tool
else:
    from .records import Record

LOCK = "uv.lock"


class ToolVersion(Record):
    version: str
    exact: bool
    """``False`` for a floor: the lowest release ``required-version`` admits."""
    where: str
    """For a message: ``pinned in `dependency-groups.dev```."""

    def describe(self, distribution: str) -> str:
        """``ruff 0.4.0 (pinned in `dependency-groups.dev`)``."""
        return f"{distribution} {self.version} ({self.where})"


class ToolVersions:
    """The releases of the tools one document runs, found on first request."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._found: dict[str, Optional[ToolVersion]] = {}
        self._lock_text: Optional[str] = None

    def of(self, tool: Tool) -> Optional[ToolVersion]:
        """The release of ``tool`` (a row of ``data/tools.toml``) the project runs, if its files say."""
        if tool.distribution is None:
            return None
        if tool.table not in self._found:
            self._found[tool.table] = self._find(tool, tool.distribution)
        return self._found[tool.table]

    def _find(self, tool: Tool, distribution: str) -> Optional[ToolVersion]:
        pins = {version: where for version, where in self._pins(distribution)}
        if len(pins) == 1:
            [(version, where)] = pins.items()
            return ToolVersion(version, True, f"pinned in `{where}`")
        required = self._required(tool)
        if required is not None and required.exact:
            return required
        locked = self.locked(distribution)
        if len(locked) == 1:
            return ToolVersion(next(iter(locked)), True, f"locked in `{LOCK}`")
        return required

    def _pins(self, distribution: str) -> Iterator[tuple[str, str]]:
        """``(version, where)`` of each ``==`` pin of ``distribution`` in the file's requirement lists."""
        from .pep508 import ParsedRequirement

        lists: list[tuple[str, Any]] = []
        for parent in (("dependency-groups",), ("project", "optional-dependencies")):
            table = self._ctx.table(parent)
            lists += [(".".join((*parent, name)), entries) for name, entries in (table or {}).items()]
        lists.append(("tool.uv.dev-dependencies", self._ctx.get(("tool", "uv", "dev-dependencies"))))
        for where, entries in lists:
            for entry in entries if isinstance(entries, list) else ():
                if not isinstance(entry, str):
                    continue  # {include-group = "..."}
                requirement = ParsedRequirement(entry)
                if requirement.name == distribution and len(requirement.clauses) == 1:
                    [(operator, version)] = requirement.clauses
                    if operator in ("==", "===") and _is_release(version):
                        yield version, where

    def _required(self, tool: Tool) -> Optional[ToolVersion]:
        """The table's ``required-version``: a pin (``0.4.0``, ``==0.4.0``) or a floor (``>=0.4``)."""
        if tool.version_key is None:
            return None
        value = self._ctx.get(("tool", tool.table, tool.version_key))
        if not isinstance(value, str):
            return None
        where = f"`tool.{tool.table}.{tool.version_key} = \"{value}\"`"
        if _is_release(value.strip()):  # ruff and uv read a bare version as `==`
            return ToolVersion(value.strip(), True, f"required by {where}")
        import re

        clauses = [(operator, version) for operator, version in re.findall(r"(===|==|~=|>=|<=|!=|<|>)\s*([^\s,]+)", value)]
        if len(clauses) == 1 and clauses[0][0] in ("==", "===") and _is_release(clauses[0][1]):
            return ToolVersion(clauses[0][1], True, f"required by {where}")
        floors = [version for operator, version in clauses if operator in (">=", "~=") and _is_release(version)]
        if not floors:
            return None
        from packaging.version import Version

        return ToolVersion(max(floors, key=Version), False, f"the lowest {where} admits")

    def locked(self, distribution: str) -> set[str]:
        """The versions of ``distribution`` (canonical) that ``uv.lock`` beside the file locks.

        Only the lock's ``[[package]]`` entries of that name are parsed (with ``tomllib``),
        found as uv writes them (``[[package]]``, then ``name = "<canonical name>"``): a whole
        lock of 330 kB takes 130 ms to parse, more than a run; finding the entries, 0.1 ms.
        """
        if self._lock_text is None:
            self._lock_text = "\n" + (self._ctx.read_beside(LOCK) or "").replace("\r\n", "\n")
        from ._compat import tomllib

        text, header = self._lock_text, "\n[[package]]\n"
        versions: set[str] = set()
        entry = f'{header}name = "{distribution}"\n'
        start = text.find(entry)
        while start != -1:
            end = text.find(header, start + 1)
            try:
                [package] = tomllib.loads(text[start:end if end != -1 else len(text)])["package"]
            except (tomllib.TOMLDecodeError, KeyError, ValueError):
                package = None
            version = package.get("version") if isinstance(package, dict) else None
            if isinstance(version, str) and _is_release(version):
                versions.add(version)
            start = text.find(entry, start + 1)
        return versions


def _is_release(text: str) -> bool:
    """A version, not a pattern: ``0.4.0``, ``1!2.0rc1``, ``26.5.2.dev21+ge34bb1b`` (no ``*``)."""
    from packaging.version import InvalidVersion, Version

    if "*" in text:
        return False
    try:
        Version(text)
    except InvalidVersion:
        return False
    return True

