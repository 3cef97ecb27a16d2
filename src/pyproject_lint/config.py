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
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Optional

from .diagnostics import Applicability, Diagnostic

if TYPE_CHECKING:
    from typing import NamedTuple as Record

    from .rules.base import Rule
else:
    from .records import Record

TOOL_TABLE = ("tool", "pyproject-lint")
#: The keys of ``[tool.pyproject-lint]`` that hold selectors, and the boolean ones.
SELECTOR_KEYS = (
    "select", "extend-select", "ignore",
    "fixable", "extend-fixable", "unfixable", "extend-safe-fixes", "extend-unsafe-fixes",
)
BOOLEAN_KEYS = ("unsafe-fixes",)
#: Tool name to the JSON schema file of its ``[tool.<name>]`` table (read by PPL300).
TOOL_SCHEMAS_KEY = "tool-schemas"
#: Keys that say which files the settings apply to: below the configuration's folder.
PATH_KEYS = ("exclude", "per-file-ignores")
KNOWN_KEYS = (*SELECTOR_KEYS, *BOOLEAN_KEYS, *PATH_KEYS, TOOL_SCHEMAS_KEY)

# Case-insensitive, spelled out: re.IGNORECASE makes this pattern four times slower to compile.
_NOQA = re.compile(r"#\s*[Nn][Oo][Qq][Aa](?::\s?(?P<codes>[A-Za-z]+[0-9]+(?:[,\s]+[A-Za-z]+[0-9]+)*))?(?![A-Za-z0-9])")


class UnknownSelector(ValueError):
    """A selector that names no rule."""


class SelectionLayer(Record):
    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


class FixLayer(Record):
    """One layer of fix settings (``None``: this layer leaves the setting as it was)."""

    fixable: Optional[tuple[str, ...]] = None
    extend_fixable: tuple[str, ...] = ()
    unfixable: tuple[str, ...] = ()
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()
    unsafe_fixes: Optional[bool] = None


class FixPolicy(Record):
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


class Settings(Record):
    """What the caller (CLI, flake8, editor) asks for, on top of the file's own configuration.

    The layers apply in this order: ``base`` (shared configurations the file inherits,
    outermost first), the file's own ``[tool.pyproject-lint]``, ``selection`` and ``fixes``
    (the caller's), then ``per_file_ignores``.
    """

    selection: SelectionLayer = SelectionLayer()
    read_file_config: bool = True
    fixes: FixLayer = FixLayer()
    noqa: bool = True
    """Whether ``# noqa`` comments suppress findings (flake8 applies its own instead)."""
    base: tuple[tuple[SelectionLayer, FixLayer], ...] = ()
    per_file_ignores: tuple[str, ...] = ()


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
    """The codes enabled after applying each layer in turn (every rule by default, but those
    off by default, which a selection must name)."""
    enabled = {rule.code for rule in rules if rule.enabled_by_default}
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
    """A settings table as read, with the problems found in it.

    ``problems`` holds ``(path, message, at the key)`` for each unknown key, wrong type or
    unknown selector, ``path`` being the TOML path under ``prefix`` (the key, and an
    index for a selector in a list).
    """

    __slots__ = ("exclude", "fix_layer", "layer", "per_file_ignores", "problems")

    def __init__(self) -> None:
        self.layer = SelectionLayer()
        self.fix_layer = FixLayer()
        self.exclude: tuple[str, ...] = ()
        self.per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
        self.problems: list[tuple[tuple[Any, ...], str, bool]] = []


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def setting_name(key: str) -> str:
    """A setting's name as the file spells it, from camelCase or ``_`` (``extendSelect``)."""
    return _CAMEL.sub("-", key).replace("_", "-").lower()


def _did_you_mean(key: str) -> str:
    import difflib  # only unknown settings get here

    close = difflib.get_close_matches(key.replace("_", "-"), KNOWN_KEYS, n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else f" (known: {', '.join(f'`{name}`' for name in KNOWN_KEYS)})"


def _strings(value: Any, lenient: bool) -> Optional[list[str]]:
    """``value`` as a list of strings (a comma-separated string too, if ``lenient``), or ``None``."""
    if lenient and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def read_settings(
    table: Any,
    rules: Sequence[type[Rule]],
    prefix: tuple[str, ...] = TOOL_TABLE,
    lenient: bool = False,
    unknown_keys: Optional[bool] = None,
) -> FileConfig:
    """Read one layer of settings: ``[tool.pyproject-lint]``, a ``pyproject-lint.toml``, the
    command line's options or an editor's settings, with the same keys and checks.

    ``lenient`` is for the command line and editors: keys may be camelCase or use ``_``,
    lists may be comma-separated strings, and unknown keys (an editor sends other tools'
    settings along) are skipped unless ``unknown_keys`` says they are problems (it does by
    default when not ``lenient``). A bad value is dropped and described in ``problems``.
    """
    if unknown_keys is None:
        unknown_keys = not lenient
    config = FileConfig()
    if table is None:
        return config
    if not isinstance(table, dict):
        config.problems.append((prefix, "`[tool.pyproject-lint]` must be a table", False))
        return config
    values: dict[str, tuple[str, ...]] = {}
    unsafe_fixes: Optional[bool] = None
    for raw_key, value in table.items():
        key = setting_name(raw_key) if lenient else raw_key
        path = (*prefix, raw_key)
        if key in BOOLEAN_KEYS:
            if isinstance(value, bool):
                unsafe_fixes = value
            else:
                config.problems.append((path, f"`{raw_key}` must be `true` or `false`", False))
            continue
        if key == "exclude":
            patterns = _strings(value, lenient)
            if patterns is None:
                config.problems.append((path, f"`{raw_key}` must be an array of path patterns", False))
            else:
                config.exclude = tuple(patterns)
            continue
        if key == "per-file-ignores":
            config.per_file_ignores = tuple(_per_file_ignores(value, path, rules, config.problems))
            continue
        if key == TOOL_SCHEMAS_KEY:
            if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
                message = f"`{key}` must be a table of tool names and schema files (`{{ mytool = \"schemas/mytool.json\" }}`)"
                config.problems.append((path, message, False))
            continue
        if key not in SELECTOR_KEYS:
            if unknown_keys:
                where = " in `[tool.pyproject-lint]`" if prefix == TOOL_TABLE else ""
                config.problems.append((path, f"Unknown setting `{raw_key}`{where}{_did_you_mean(key)}", True))
            continue
        selectors = _strings(value, lenient)
        if selectors is None:
            config.problems.append((path, f"`{raw_key}` must be an array of rule codes, prefixes or names", False))
            continue
        values[key] = tuple(_known(selectors, path, rules, config.problems))
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


def _known(
    selectors: Sequence[str], path: tuple[Any, ...], rules: Sequence[type[Rule]], problems: list[tuple[tuple[Any, ...], str, bool]]
) -> Iterator[str]:
    """The selectors that match a rule; a problem for each other one."""
    for index, selector in enumerate(selectors):
        if any(matches(selector, rule) for rule in rules):
            yield selector.strip()
        else:
            problems.append(((*path, index), f"`{selector}` matches no rule", False))


def _per_file_ignores(
    value: Any, path: tuple[Any, ...], rules: Sequence[type[Rule]], problems: list[tuple[tuple[Any, ...], str, bool]]
) -> Iterator[tuple[str, tuple[str, ...]]]:
    if not isinstance(value, dict):
        problems.append((path, "`per-file-ignores` must be a table of path patterns to arrays of rules", False))
        return
    for pattern, selectors in value.items():
        if not isinstance(selectors, list) or not all(isinstance(item, str) for item in selectors):
            problems.append(((*path, pattern), "must be an array of rule codes, prefixes or names", False))
            continue
        yield pattern, tuple(_known(selectors, (*path, pattern), rules, problems))


def read_file_config(table: Any, rules: Sequence[type[Rule]]) -> FileConfig:
    """``[tool.pyproject-lint]`` of the linted file."""
    return read_settings(table, rules)


def noqa_match(line: str) -> Optional[re.Match[str]]:
    """The ``# noqa`` directive on ``line``, if any (its ``codes`` group: the codes listed)."""
    return _NOQA.search(line)


def split_codes(codes: str) -> list[str]:
    return [code.upper() for code in re.split(r"[,\s]+", codes) if code]


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
