"""Which rules run and which fixes apply: the command line, ``[tool.pyproject-lint]``, ``# noqa``.

Selection works in layers, as in ruff: the file's ``[tool.pyproject-lint]`` first, then the
command line. In each layer ``select`` (when given) replaces the set, ``extend-select`` adds
to it and ``ignore`` removes from it. A selector is ``ALL``, a code or code prefix
(``PPL104``, ``PPL1``) or a rule name (``unknown-build-backend``).

Fixes are layered the same way: ``fixable`` (all rules by default) and ``extend-fixable``
say whose fixes ``--fix`` may apply, ``unfixable`` removes rules from that set, and
``extend-safe-fixes``/``extend-unsafe-fixes`` promote or demote rules' fixes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Optional

from .diagnostics import Applicability, Diagnostic

if TYPE_CHECKING:
    from .rules.base import Rule

TOOL_TABLE = ("tool", "pyproject-lint")
#: The keys of ``[tool.pyproject-lint]`` that hold selectors, and the boolean ones.
SELECTOR_KEYS = (
    "select", "extend-select", "ignore",
    "fixable", "extend-fixable", "unfixable", "extend-safe-fixes", "extend-unsafe-fixes",
)
BOOLEAN_KEYS = ("unsafe-fixes",)
#: Tool name to the JSON schema file of its ``[tool.<name>]`` table (read by PPL300).
TOOL_SCHEMAS_KEY = "tool-schemas"

# Case-insensitive, spelled out: re.IGNORECASE makes this pattern four times slower to compile.
_NOQA = re.compile(r"#\s*[Nn][Oo][Qq][Aa](?::\s?(?P<codes>[A-Za-z]+[0-9]+(?:[,\s]+[A-Za-z]+[0-9]+)*))?(?![A-Za-z0-9])")


class UnknownSelector(ValueError):
    """A selector that names no rule."""


class SelectionLayer(NamedTuple):
    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


class FixLayer(NamedTuple):
    """One layer of fix settings (``None``: this layer leaves the setting as it was)."""

    fixable: Optional[tuple[str, ...]] = None
    extend_fixable: tuple[str, ...] = ()
    unfixable: tuple[str, ...] = ()
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()
    unsafe_fixes: Optional[bool] = None


class FixPolicy(NamedTuple):
    """Which fixes ``--fix`` applies, resolved from the fix layers."""

    fixable: frozenset[str]
    promoted: frozenset[str] = frozenset()
    """Codes whose unsafe fixes count as safe."""
    demoted: frozenset[str] = frozenset()
    """Codes whose safe fixes count as unsafe (this wins over ``promoted``)."""
    unsafe_fixes: bool = False

    def applicability(self, diagnostic: Diagnostic) -> Optional[Applicability]:
        """The applicability of the diagnostic's fix under this policy; ``None``: no fix."""
        fix = diagnostic.fix
        if fix is None or not fix.edits or fix.applicability is Applicability.DISPLAY_ONLY:
            return None
        if diagnostic.code in self.demoted:
            return Applicability.UNSAFE
        if diagnostic.code in self.promoted:
            return Applicability.SAFE
        return fix.applicability

    def applies(self, diagnostic: Diagnostic) -> bool:
        """Whether ``--fix`` applies the diagnostic's fix."""
        if diagnostic.code not in self.fixable:
            return False
        applicability = self.applicability(diagnostic)
        return applicability is Applicability.SAFE or (applicability is Applicability.UNSAFE and self.unsafe_fixes)

    def hidden(self, diagnostic: Diagnostic) -> bool:
        """Whether the fix would apply with ``--unsafe-fixes`` but does not now."""
        return (
            not self.unsafe_fixes
            and diagnostic.code in self.fixable
            and self.applicability(diagnostic) is Applicability.UNSAFE
        )


class Settings(NamedTuple):
    """What the caller (CLI, flake8, editor) asks for, on top of the file's own configuration."""

    selection: SelectionLayer = SelectionLayer()
    read_file_config: bool = True
    fixes: FixLayer = FixLayer()
    noqa: bool = True
    """Whether ``# noqa`` comments suppress findings (flake8 applies its own instead)."""


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


def _codes(selectors: Sequence[str], rules: Sequence[type[Rule]]) -> set[str]:
    if not selectors:
        return set()
    return {rule.code for rule in rules if any(matches(s, rule) for s in selectors)}


def resolve(layers: Iterable[SelectionLayer], rules: Sequence[type[Rule]]) -> frozenset[str]:
    """The codes enabled after applying each layer in turn (all rules by default)."""
    enabled = {rule.code for rule in rules}
    for layer in layers:
        if layer.select is not None:
            enabled = _codes(layer.select, rules)
        enabled |= _codes(layer.extend_select, rules)
        enabled -= _codes(layer.ignore, rules)
    return frozenset(enabled)


def resolve_fixes(layers: Iterable[FixLayer], rules: Sequence[type[Rule]]) -> FixPolicy:
    """The fix policy after applying each layer in turn (every rule fixable, safe fixes only)."""
    fixable = {rule.code for rule in rules}
    promoted: set[str] = set()
    demoted: set[str] = set()
    unsafe_fixes = False
    for layer in layers:
        if layer.fixable is not None:
            fixable = _codes(layer.fixable, rules)
        fixable |= _codes(layer.extend_fixable, rules)
        fixable -= _codes(layer.unfixable, rules)
        promoted |= _codes(layer.extend_safe_fixes, rules)
        demoted |= _codes(layer.extend_unsafe_fixes, rules)
        if layer.unsafe_fixes is not None:
            unsafe_fixes = layer.unsafe_fixes
    return FixPolicy(frozenset(fixable), frozenset(promoted), frozenset(demoted), unsafe_fixes)


class FileConfig:
    """``[tool.pyproject-lint]`` as read, with the problems found in it.

    ``problems`` holds ``(TOML path, message, at the key)`` for each unknown key, wrong type
    or unknown selector.
    """

    __slots__ = ("fix_layer", "layer", "problems")

    def __init__(self) -> None:
        self.layer = SelectionLayer()
        self.fix_layer = FixLayer()
        self.problems: list[tuple[tuple[Any, ...], str, bool]] = []


def _did_you_mean(key: str) -> str:
    import difflib  # only unknown settings get here

    known = (*SELECTOR_KEYS, *BOOLEAN_KEYS, TOOL_SCHEMAS_KEY)
    close = difflib.get_close_matches(key.replace("_", "-"), known, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else f" (known: {', '.join(f'`{name}`' for name in known)})"


def read_file_config(table: Any, rules: Sequence[type[Rule]]) -> FileConfig:
    config = FileConfig()
    if table is None:
        return config
    if not isinstance(table, dict):
        config.problems.append((TOOL_TABLE, "`[tool.pyproject-lint]` must be a table", False))
        return config
    values: dict[str, tuple[str, ...]] = {}
    unsafe_fixes: Optional[bool] = None
    for key, value in table.items():
        path = (*TOOL_TABLE, key)
        if key in BOOLEAN_KEYS:
            if isinstance(value, bool):
                unsafe_fixes = value
            else:
                config.problems.append((path, f"`{key}` must be `true` or `false`", False))
            continue
        if key == TOOL_SCHEMAS_KEY:
            if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
                message = f"`{key}` must be a table of tool names and schema files (`{{ mytool = \"schemas/mytool.json\" }}`)"
                config.problems.append((path, message, False))
            continue
        if key not in SELECTOR_KEYS:
            config.problems.append((path, f"Unknown setting `{key}` in `[tool.pyproject-lint]`{_did_you_mean(key)}", True))
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
    config.fix_layer = FixLayer(
        fixable=values.get("fixable"),
        extend_fixable=values.get("extend-fixable", ()),
        unfixable=values.get("unfixable", ()),
        extend_safe_fixes=values.get("extend-safe-fixes", ()),
        extend_unsafe_fixes=values.get("extend-unsafe-fixes", ()),
        unsafe_fixes=unsafe_fixes,
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
