"""Which rules run: ``--select``/``--ignore``/``--extend-select``, ``[tool.pyproject-lint]``, ``# noqa``.

Selection works in layers, as in ruff: the file's ``[tool.pyproject-lint]`` first, then the
command line. In each layer ``select`` (when given) replaces the set, ``extend-select`` adds
to it and ``ignore`` removes from it. A selector is ``ALL``, a code or code prefix
(``PPL104``, ``PPL1``) or a rule name (``unknown-build-backend``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

if TYPE_CHECKING:
    from .rules.base import Rule

TOOL_TABLE = ("tool", "pyproject-lint")
SELECTION_KEYS = ("select", "extend-select", "ignore")

# Case-insensitive, spelled out: re.IGNORECASE makes this pattern four times slower to compile.
_NOQA = re.compile(r"#\s*[Nn][Oo][Qq][Aa](?::\s?(?P<codes>[A-Za-z]+[0-9]+(?:[,\s]+[A-Za-z]+[0-9]+)*))?(?![A-Za-z0-9])")


class UnknownSelector(ValueError):
    """A selector that names no rule."""


class SelectionLayer(NamedTuple):
    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


class Settings(NamedTuple):
    """What the caller (CLI, flake8, editor) asks for, on top of the file's own configuration."""

    selection: SelectionLayer = SelectionLayer()
    read_file_config: bool = True


def matches(selector: str, rule: type[Rule]) -> bool:
    selector = selector.strip()
    if selector.upper() == "ALL":
        return True
    if selector == rule.name:
        return True
    return bool(selector) and rule.code.startswith(selector.upper()) and selector[:1].isalpha()


def check_selectors(selectors: Iterable[str], rules: Sequence[type[Rule]]) -> None:
    """Raise :class:`UnknownSelector` for the first selector that names no rule."""
    for selector in selectors:
        if not any(matches(selector, rule) for rule in rules):
            raise UnknownSelector(selector)


def resolve(layers: Iterable[SelectionLayer], rules: Sequence[type[Rule]]) -> frozenset[str]:
    """The codes enabled after applying each layer in turn (all rules by default)."""
    enabled = {rule.code for rule in rules}
    for layer in layers:
        if layer.select is not None:
            enabled = {rule.code for rule in rules if any(matches(s, rule) for s in layer.select)}
        enabled |= {rule.code for rule in rules if any(matches(s, rule) for s in layer.extend_select)}
        enabled -= {rule.code for rule in rules if any(matches(s, rule) for s in layer.ignore)}
    return frozenset(enabled)


class FileConfig:
    """``[tool.pyproject-lint]`` as read, with the problems found in it.

    ``problems`` holds ``(TOML path, message, at the key)`` for each unknown key, wrong type
    or unknown selector.
    """

    __slots__ = ("layer", "problems")

    def __init__(self) -> None:
        self.layer = SelectionLayer()
        self.problems: list[tuple[tuple[Any, ...], str, bool]] = []


def read_file_config(table: Any, rules: Sequence[type[Rule]]) -> FileConfig:
    config = FileConfig()
    if table is None:
        return config
    if not isinstance(table, dict):
        config.problems.append((TOOL_TABLE, "`[tool.pyproject-lint]` must be a table", False))
        return config
    values: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        path = (*TOOL_TABLE, key)
        if key not in SELECTION_KEYS:
            known = ", ".join(f"`{name}`" for name in SELECTION_KEYS)
            config.problems.append((path, f"Unknown setting `{key}` in `[tool.pyproject-lint]` (known: {known})", True))
            continue
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            config.problems.append((path, f"`{key}` must be an array of rule codes, prefixes or names", False))
            continue
        kept = []
        for index, selector in enumerate(value):
            if any(matches(selector, rule) for rule in rules):
                kept.append(selector)
            else:
                config.problems.append(((*path, index), f"`{selector}` matches no rule", False))
        values[key] = tuple(kept)
    config.layer = SelectionLayer(
        select=values.get("select"),
        extend_select=values.get("extend-select", ()),
        ignore=values.get("ignore", ()),
    )
    return config


def noqa_codes(line: str) -> Optional[frozenset[str]]:
    """The codes a ``# noqa`` comment on ``line`` suppresses (empty set: all), or ``None``."""
    match = _NOQA.search(line)
    if match is None:
        return None
    codes = match.group("codes")
    if not codes:
        return frozenset()
    return frozenset(code.upper() for code in re.split(r"[,\s]+", codes) if code)


def noqa_offset(line: str) -> Optional[int]:
    match = _NOQA.search(line)
    return match.start() if match else None
