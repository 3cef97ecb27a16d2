"""validate-pyproject's schemas: compiled once per installation, every error collected.

validate-pyproject checks ``pyproject.toml`` against the specification's JSON schema, but
stops at the first error. Here validation runs again after each error, with the offending
item taken out of a copy of the data, so that one bad key does not hide the rest.

The validator compiled here holds the specification's schema alone: ``[tool.*]`` tables
are checked one tool at a time (:mod:`pyproject_lint.tool_schemas`). Compiled together,
validate-pyproject-schema-store's schemas make a 23 MB module that takes 9 s and 1.2 GB to
build and 0.1 s to import on every run.

Compiling the schemas costs about 200 ms, so the compiled validator is kept in a cache
folder (validate-pyproject's own ``pre_compile``), keyed by the versions and plugins that
made it; later runs only import it. Where no cache folder can be written, it is compiled
for the run. Compiling a new one removes all but the newest few of the others (each
environment makes its own).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import re
import sys
import zlib
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Optional, Union

from pyproject_lint.pep508 import parse_requirement

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


PathPart = Union[str, int]
#: How many errors one file may produce before the rest are not looked for.
MAX_ERRORS = 50


class SchemaError(Record):
    """One violation: where (a TOML path into the data), what, and which schema rule."""

    path: tuple[PathPart, ...]
    message: str
    """What is wrong, after the path: ``must be a string, not `1```."""
    rule: str
    key: Optional[str] = None
    """For an unexpected key: its name (``path`` is then its table)."""


def _cache_root() -> Path:
    """``$PYPROJECT_LINT_CACHE_DIR``, else ``pyproject-lint`` in ``$XDG_CACHE_HOME`` or ``~/.cache``."""
    configured = os.environ.get("PYPROJECT_LINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "pyproject-lint"


#: Changes to the generated validator's source: modules it needs only for some checks or
#: for error messages are imported on first use (see ``_deferred``). Should the text
#: change upstream, the validator still works, only more slowly (``test_schema`` notices).
TEXT_REPLACEMENTS = {
    "from packaging import requirements as _req": "from pyproject_lint._deferred import requirements as _req",
    "from packaging import licenses as _licenses": "from pyproject_lint._deferred import licenses as _licenses",
    "\nimport logging\n": "\nfrom pyproject_lint._deferred import logging\n",
    "\nimport json\n": "\nfrom pyproject_lint._deferred import json\n",
    "\nfrom inspect import cleandoc\n": "\nfrom pyproject_lint._deferred import cleandoc\n",
    "\nfrom decimal import Decimal\n": "\nfrom pyproject_lint._deferred import Decimal\n",
    "\nfrom textwrap import indent, wrap\n": "\nfrom pyproject_lint._deferred import indent, wrap\n",
    # PEP 440's pattern takes 1.5 ms to compile; `_pep440` answers with packaging's instead.
    "\nVERSION_REGEX = re.compile(": "\nfrom pyproject_lint._deferred import compile_pattern\nVERSION_REGEX = compile_pattern(",
}


#: Changes when what is cached changes (2: the bytecode is compiled with the source; 3: no
#: plugins' schemas).
CACHE_LAYOUT = "3"


def _cache_key() -> str:
    """What the compiled validator depends on: validate-pyproject's and fastjsonschema's
    installed files, and the folders that hold them (installing or removing a plugin
    changes those folders). Read from the file system, which is much quicker than
    ``importlib.metadata``; a change only costs one recompilation.
    """
    parts = [CACHE_LAYOUT, repr(sorted(TEXT_REPLACEMENTS.items()))]
    for name in ("validate_pyproject", "fastjsonschema"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec and spec.origin else name
        folder = os.path.dirname(origin)
        parts.append(origin)
        for place in (origin, folder, os.path.dirname(folder)):
            with contextlib.suppress(OSError):
                parts.append(str(os.stat(place).st_mtime_ns))
    # Two CRC-32s, of the text and of it reversed: 64 bits, without hashlib's 3 ms import.
    text = "\n".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.crc32(text[::-1]):08x}"


def _import_package(name: str, folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, folder / "__init__.py", submodule_search_locations=[str(folder)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        # The package and whichever of its modules did load: a second try starts afresh.
        for loaded in [key for key in sys.modules if key == name or key.startswith(f"{name}.")]:
            del sys.modules[loaded]
        raise
    return module


def _compile(target: Path) -> None:
    """Generate the validator's source, and its bytecode: Python would otherwise compile the
    source again on every run where it may not write bytecode (``PYTHONDONTWRITEBYTECODE``,
    a read-only cache), which costs more than the rest of a run."""
    import compileall

    from validate_pyproject.pre_compile import pre_compile

    pre_compile(target, original_cmd="pyproject-lint (cached validator)", plugins=[], text_replacements=TEXT_REPLACEMENTS)
    compileall.compile_dir(target, quiet=1)


PREFIX = "_pyproject_lint_validator_"
#: Validators kept besides the one just compiled. Each environment (a virtualenv, a
#: pre-commit or tox environment) makes its own, about 0.7 MB, and another whenever a
#: package is installed into it; the newest are those most likely still in use.
KEPT = 8
#: Leftovers of a run killed while compiling or removing, older than this, are removed.
ABANDONED_AFTER = 3600.0


def _prune(root: Path, current: str, prefix: str = PREFIX) -> None:
    """Remove all but the ``KEPT`` newest folders named ``prefix…`` other than ``current``,
    and abandoned leftovers. A concurrent run finds a validator whole or not at all; one that loses it
    while importing compiles it again."""
    import shutil
    import time

    def modified(entry: os.DirEntry[str]) -> float:
        with contextlib.suppress(OSError):
            return entry.stat(follow_symlinks=False).st_mtime
        return 0.0

    entries: list[os.DirEntry[str]] = []
    with contextlib.suppress(OSError), os.scandir(root) as scan:
        entries = [entry for entry in scan if entry.is_dir(follow_symlinks=False)]
    validators = sorted(
        (entry for entry in entries if entry.name.startswith(prefix) and entry.name != current), key=modified, reverse=True
    )
    abandoned = [
        entry for entry in entries
        if entry.name.startswith((".compiling-", ".removing-")) and time.time() - modified(entry) > ABANDONED_AFTER
    ]
    for entry in validators[KEPT:]:
        _remove(Path(entry.path))
    for entry in abandoned:
        shutil.rmtree(entry.path, ignore_errors=True)


def _remove(folder: Path) -> None:
    """Rename ``folder`` out of the way (atomic), then delete it; no error if it is gone."""
    import shutil

    removing = folder.with_name(f".removing-{folder.name}-{os.getpid()}")
    with contextlib.suppress(OSError):
        os.rename(folder, removing)
        shutil.rmtree(removing, ignore_errors=True)


def _compile_into(root: Path, name: str) -> Path:
    """Compile the validator as ``root/name``, or for this run only when that fails."""
    import shutil  # only when compiling: with tempfile, they import bz2, lzma and random
    import tempfile

    folder = root / name
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".compiling-", dir=root))
        try:
            _compile(staging / name)
            # Atomic: a half-written validator is never seen; a concurrent run's wins.
            with contextlib.suppress(OSError):
                os.replace(staging / name, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        _prune(root, name)
    except OSError:
        pass
    if not (folder / "__init__.py").is_file():  # no writable cache: compile for this run
        folder = Path(tempfile.mkdtemp(prefix="pyproject-lint-")) / name
        _compile(folder)
    return folder


@functools.cache
def validator() -> ModuleType:
    """The compiled validator package (``validate``, ``FORMAT_FUNCTIONS``, ``EXTRA_VALIDATIONS``)."""
    name = f"{PREFIX}{_cache_key()}"
    folder = _cache_root() / name
    if (folder / "__init__.py").is_file():
        try:
            return _import_package(name, folder)
        except Exception:  # noqa: BLE001 - removed by a concurrent run while importing, or damaged
            _remove(folder)
    return _import_package(name, _compile_into(_cache_root(), name))


def toml_path(name: str, data: Any) -> tuple[PathPart, ...]:
    """The path in ``data`` that a validator name (``data.project.authors[0].email``) means.

    Keys may hold dots, so each step takes the longest key of the current table that the
    rest of the name starts with; the path stops where the name stops matching the data.
    """
    rest = name.strip("`")
    rest = rest[len("data."):] if rest.startswith("data.") else "" if rest == "data" else rest
    path: list[PathPart] = []
    node = data
    while rest:
        if isinstance(node, list):
            match = re.match(r"\[(\d+)\]", rest)
            if not match or int(match.group(1)) >= len(node):
                break
            index = int(match.group(1))
            path.append(index)
            node = node[index]
            rest = rest[match.end():].lstrip(".")
            continue
        if not isinstance(node, dict):
            break
        candidates = [
            key for key in node
            if isinstance(key, str) and (rest == key or rest.startswith((f"{key}.", f"{key}[")))
        ]
        if not candidates:
            break
        key = max(candidates, key=len)
        path.append(key)
        node = node[key]
        rest = rest[len(key):].lstrip(".")
    return tuple(path)


def _copy_tree(value: Any) -> Any:
    """A copy of TOML data: its tables and arrays copied, its values (immutable) shared."""
    if isinstance(value, dict):
        return {key: _copy_tree(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy_tree(item) for item in value]
    return value


class _Pruned:
    """The data, copied on the first change, from which items are removed, remembering
    original indices (a file without errors is never copied)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._copied = False
        self._origins: dict[int, list[int]] = {}

    def _writable(self) -> None:
        if not self._copied:
            self.data = _copy_tree(self.data)
            self._copied = True

    def original(self, path: tuple[PathPart, ...]) -> tuple[PathPart, ...]:
        """``path`` in the pruned copy, as a path in the original data."""
        node: Any = self.data
        result: list[PathPart] = []
        for part in path:
            if isinstance(part, int) and isinstance(node, list):
                result.append(self._origins.get(id(node), list(range(len(node))))[part])
            else:
                result.append(part)
            node = node[part]
        return tuple(result)

    def put(self, path: tuple[PathPart, ...], value: Any) -> None:
        """Set the table entry at ``path`` (its table exists)."""
        self._writable()
        parent: Any = self.data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = value

    def remove(self, path: tuple[PathPart, ...]) -> bool:
        """Take the item at ``path`` out; ``False`` when it is the whole document."""
        if not path:
            return False
        self._writable()
        parent: Any = self.data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if isinstance(parent, list) and isinstance(last, int):
            origins = self._origins.setdefault(id(parent), list(range(len(parent))))
            del origins[last]
        del parent[last]
        return True


def _message(error: Exception) -> str:
    summary = str(getattr(error, "summary", "") or error)
    return summary.strip().splitlines()[0].rstrip(":")


def _explained(reporting: Any, raw: Exception) -> str:
    """validate-pyproject's wording of a violation, else fastjsonschema's own.

    validate-pyproject shows the offending value as JSON, which fails on a TOML date or
    time (``TypeError``): its own command crashes there; this keeps the plain message.
    """
    try:
        return _message(reporting.ValidationError._from_jsonschema(raw))
    except (TypeError, ValueError):
        return _message(raw)


@functools.cache
def _specification() -> tuple[dict[str, Any], str, str]:
    """validate-pyproject's two schema files (read only to word an error): the documents by
    ``$id``, and the ids of the ``[project]`` schema and of the whole file's."""
    import json

    spec = importlib.util.find_spec("validate_pyproject")
    assert spec is not None and spec.origin is not None
    folder = Path(spec.origin).parent
    documents: dict[str, Any] = {}
    ids = []
    for name in ("project_metadata", "pyproject_toml"):
        document = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        uri = str(document.get("$id", name)).partition("#")[0]
        documents[uri] = document
        ids.append(uri)
    return documents, ids[0], ids[1]


def _worded(raw: Any, original: tuple[PathPart, ...], reporting: Any) -> list[SchemaError]:
    """The violation fastjsonschema found, in the user's words, where it really is.

    The schema's keyword that failed is walked again over the value (for ``anyOf`` and
    ``oneOf``, into the alternative meant); should that find nothing (a format the walk
    does not know), validate-pyproject's own words are kept.
    """
    from .json_schema import Validator

    rule = str(raw.rule)
    definition = raw.definition if isinstance(raw.definition, dict) else {}
    failing = definition if rule == "type" or rule not in definition else {rule: definition[rule]}
    try:
        documents, project, top = _specification()
        base = project if original[:1] == ("project",) else top
        found = Validator(documents, format_functions()).violations(failing, raw.value, base, original)
    except (OSError, ValueError, AssertionError):
        found = []
    if not found:
        return [SchemaError(original, _explained(reporting, raw), rule)]
    keyed = ("additionalProperties", "propertyNames")
    return [SchemaError(v.path, v.message, v.kind, v.key if v.kind in keyed else None) for v in found]


def _pep508(value: str) -> bool:
    """The ``pep508`` format: whether ``value`` is a PEP 508 requirement.

    The same answer as validate-pyproject's own check, which always asks packaging;
    ``ParsedRequirement`` reads the common forms directly (proven equal in
    ``test_requirements``) and asks packaging for the rest.
    """
    return parse_requirement(value).valid


@functools.cache
def _pep440(value: str) -> bool:
    """The ``pep440`` format: whether packaging reads ``value`` as a version (the pattern
    validate-pyproject copies from packaging, compiled once already)."""
    from packaging.version import InvalidVersion, Version

    try:
        Version(value)
    except InvalidVersion:
        return False
    return True


@functools.cache
def format_functions() -> dict[str, Any]:
    """The validator's format checks, ``pep508`` and ``pep440`` answered here.

    The module globals are replaced too (the validator is this cache's own generated copy),
    so that ``pep508-versionspec`` (``requires-python``), which calls ``pep508``, uses it
    as well.
    """
    package = validator()
    formats = sys.modules[f"{package.__name__}.formats"]
    setattr(formats, "pep508", _pep508)  # noqa: B010 - a module mypy cannot see
    setattr(formats, "pep440", _pep440)  # noqa: B010
    return {**package.FORMAT_FUNCTIONS, "pep508": _pep508, "pep440": _pep440}


def schema_errors(data: dict[str, Any]) -> list[SchemaError]:
    """Every schema violation in ``data`` (up to :data:`MAX_ERRORS`), in the order found."""
    package = validator()
    compiled = sys.modules[f"{package.__name__}.fastjsonschema_validations"]
    reporting = sys.modules[f"{package.__name__}.error_reporting"]
    exceptions = sys.modules[f"{package.__name__}.fastjsonschema_exceptions"]
    pruned = _Pruned(data)
    errors: list[SchemaError] = []
    removed: set[tuple[PathPart, ...]] = set()
    placeholders: set[tuple[PathPart, ...]] = set()
    valid = False  # whether what is left of the data passes the schema
    for _ in range(4 * MAX_ERRORS):  # each pass removes or fills something: this bounds it
        if len(errors) >= MAX_ERRORS:
            break
        try:
            compiled.validate(pruned.data, custom_formats=format_functions())
            valid = True
            break
        except exceptions.JsonSchemaValueException as raw:
            path = toml_path(raw.name, pruned.data)
            original = pruned.original(path)
            if original in placeholders:
                # A placeholder that does not fit either: give up on the table holding it.
                if not pruned.remove(path[:-1]):
                    break
                continue
            definition = raw.definition or {}
            if raw.rule == "additionalProperties" and isinstance(raw.value, dict):
                allowed = set(definition.get("properties", {}))
                patterns = [re.compile(p) for p in definition.get("patternProperties", {})]
                extra = [k for k in raw.value if k not in allowed and not any(p.search(k) for p in patterns)]
                if extra:
                    from .json_schema import unknown_key

                    for key in extra:
                        errors.append(SchemaError(original, unknown_key(key, allowed), raw.rule, key))
                        removed.add((*original, key))
                        pruned.remove((*path, key))
                    continue
            if raw.rule == "required" and isinstance(raw.value, dict):
                missing = [key for key in definition.get("required", []) if key not in raw.value]
                if missing and all((*original, key) in removed for key in missing):
                    # Missing only because this loop took them out (already reported):
                    # put a placeholder back so the rest of the table is still checked.
                    for key in missing:
                        pruned.put((*path, key), "0")
                        placeholders.add((*original, key))
                    continue
            errors.extend(_worded(raw, original, reporting))
            removed.add(original)
            if not pruned.remove(path):
                break
    # The extra checks assume data that passed the schema (``dynamic = 0`` crashes them),
    # so they see only what is left once the schema's errors are taken out.
    for extra_validation in package.EXTRA_VALIDATIONS if valid else ():
        try:
            extra_validation(pruned.data)
        except exceptions.JsonSchemaValueException as raw:
            path = pruned.original(toml_path(raw.name, pruned.data))
            errors.append(SchemaError(path, _message(raw), str(raw.rule)))
    return errors
