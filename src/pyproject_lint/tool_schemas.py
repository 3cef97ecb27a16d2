"""The schemas of ``[tool.*]`` tables: validate-pyproject's plugins, read once, kept per tool.

validate-pyproject finds schemas through entry points: its own for ``[tool.setuptools]``
and ``[tool.distutils]``, and those of plugins such as validate-pyproject-schema-store
(SchemaStore's schemas for ruff, uv, mypy, pytest, cibuildwheel, poetry, hatch and some
twenty more). Loading every plugin means reading all their schemas (1.4 MB of JSON) and
asking ``importlib.metadata`` for entry points, so it happens once per environment: each
tool's schema, with the documents its ``$ref`` reach, goes into its own ``marshal`` file in
the cache folder, beside an index of the tools. A run reads the index and the files of the
tables the file has (ruff's: 0.4 ms), and nothing at all for a file without ``[tool.*]``.

Which plugin wins for a tool follows validate-pyproject (``plugins.list_from_entry_points``):
the highest ``priority``, then the later entry point name. A plugin that fails to load
leaves its tools unchecked and says why (:attr:`Catalog.problems`); nothing raises.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from . import validation as _schema

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


PREFIX = "_pyproject_lint_tools_"
#: Changes when what is cached changes.
LAYOUT = "2"
STORE = "validate_pyproject_schema_store"


class ToolSchema(Record):
    """One tool's schema: where validation starts, and the documents ``$ref`` may reach."""

    root: Any
    base: str
    """The URI of the document ``root`` is in (``$ref`` resolve against it)."""
    documents: dict[str, Any]
    source: str
    """Who provides it: ``validate-pyproject-schema-store 2026.10.23``."""


class Catalog:
    """The tools that have a schema, each read on first use."""

    def __init__(self, folder: Optional[Path], index: dict[str, Any], loaded: Optional[dict[str, Any]] = None) -> None:
        self._folder = folder
        self._tools: dict[str, dict[str, Any]] = index.get("tools", {})
        self.problems: list[str] = list(index.get("problems", []))
        """Why some tools have no schema (a plugin that failed to load), or why none do."""
        self.missing: Optional[str] = index.get("missing")
        """Why most tools have no schema: the schema-store plugin is not installed."""
        self._loaded = loaded or {}

    def __contains__(self, tool: object) -> bool:
        return tool in self._tools

    def source(self, tool: str) -> str:
        return str(self._tools[tool]["source"])

    def get(self, tool: str) -> Optional[ToolSchema]:
        entry = self._tools.get(tool)
        if entry is None:
            return None
        stored = self._loaded.get(tool)
        if stored is None and self._folder is not None:
            try:
                stored = marshal.loads((self._folder / entry["file"]).read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                stored = None
        if stored is None:  # damaged or removed since the index was read: read the plugins again
            stored = _discover()[1].get(tool)
        if stored is None:
            return None
        self._loaded[tool] = stored
        return _tool_schema(stored, entry["source"])


def _tool_schema(stored: dict[str, Any], source: str) -> ToolSchema:
    documents: dict[str, Any] = stored["documents"]
    base: str = stored["uri"]
    root: Any = documents[base]
    fragment: str = stored["fragment"]
    for part in fragment.strip("/").split("/") if fragment else ():
        root = root.get(part, {}) if isinstance(root, dict) else {}
    return ToolSchema(root, base, documents, source)


def _cache_key() -> str:
    """The main validator's key (validate-pyproject's installation), the plugin package's
    installation, and this Python: ``marshal`` data is only read by the Python that wrote it."""
    import importlib.util
    import zlib

    parts = [LAYOUT, _schema._cache_key(), sys.version]
    spec = importlib.util.find_spec(STORE)
    if spec is not None and spec.origin:
        parts.append(spec.origin)
        with contextlib.suppress(OSError):
            parts.append(str(os.stat(os.path.dirname(spec.origin)).st_mtime_ns))
    text = "\n".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.crc32(text[::-1]):08x}"


def _references(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and "://" in ref:
            found.add(ref.partition("#")[0])
        for value in node.values():
            _references(value, found)
    elif isinstance(node, list):
        for value in node:
            _references(value, found)


def _plugin_source(entry_point: Any) -> str:
    """``validate-pyproject-schema-store 2026.10.23``: the name and version of the plugin's
    distribution (PPL300 reads which tool releases the schemas describe from the version)."""
    dist = getattr(entry_point, "dist", None)  # Python 3.10+
    if dist is not None:
        with contextlib.suppress(Exception):
            return f"{dist.name} {dist.version}"
    if str(entry_point.value).partition(".")[0].partition(":")[0] == STORE:  # Python 3.9
        import importlib.metadata

        with contextlib.suppress(Exception):
            return f"validate-pyproject-schema-store {importlib.metadata.version('validate-pyproject-schema-store')}"
    return str(entry_point.value)


def _discover() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Load every plugin as validate-pyproject would: the index, and each tool's stored schema."""
    problems: list[str] = []
    try:
        from validate_pyproject import plugins
    except Exception as error:  # noqa: BLE001 - a broken installation is reported, not raised
        return {"tools": {}, "problems": [f"validate-pyproject cannot be imported ({type(error).__name__}: {error})"]}, {}
    candidates: list[tuple[Any, str, str, Any, str]] = []
    for group in ("validate_pyproject.tool_schema", "validate_pyproject.multi_schema"):
        try:
            entry_points = list(plugins.iterate_entry_points(group))
        except Exception as error:  # noqa: BLE001
            problems.append(f"the `{group}` entry points cannot be read ({type(error).__name__}: {error})")
            continue
        for entry_point in entry_points:
            source = _plugin_source(entry_point)
            loaded: list[Any]
            try:
                if group.endswith("tool_schema"):
                    loaded = [plugins.load_from_entry_point(entry_point)]
                else:
                    loaded = list(plugins.load_from_multi_entry_point(entry_point))
            except Exception as error:  # noqa: BLE001
                cause = error.__cause__ or error
                problems.append(f"the plugin `{entry_point.value}` ({source}) failed to load: {type(cause).__name__}: {cause}")
                continue
            for plugin in loaded:
                candidates.append((plugin.priority, entry_point.name, plugin.tool or plugin.id, plugin, source))
    # validate-pyproject's order (plugins._SortablePlugin): the last of each tool wins.
    candidates.sort(key=lambda candidate: candidate[:3])
    winners = {key: (plugin, source) for _, _, key, plugin, source in candidates}
    documents: dict[str, Any] = {}
    chosen: dict[str, tuple[str, str, str]] = {}
    for key, (plugin, source) in winners.items():
        try:
            schema = plugin.schema
            uri = str(schema.get("$id", "")).partition("#")[0] or f"urn:pyproject-lint:{key}"
        except Exception as error:  # noqa: BLE001
            problems.append(f"the schema of `[tool.{key}]` from {source} failed to load: {type(error).__name__}: {error}")
            continue
        documents.setdefault(uri, schema)
        if plugin.tool:
            chosen[plugin.tool] = (uri, plugin.fragment, source)
    index: dict[str, Any] = {"tools": {}, "problems": problems}
    import importlib.util

    if importlib.util.find_spec(STORE) is None:
        index["missing"] = "validate-pyproject-schema-store (SchemaStore's schemas of tool tables) is not installed"
    stored: dict[str, dict[str, Any]] = {}
    for number, (tool, (uri, fragment, source)) in enumerate(sorted(chosen.items())):
        reached, pending = {uri}, [uri]
        while pending:
            found: set[str] = set()
            _references(documents.get(pending.pop()), found)
            for other in found - reached:
                if other in documents:
                    reached.add(other)
                    pending.append(other)
        stored[tool] = {"uri": uri, "fragment": fragment, "documents": {u: _plain(documents[u]) for u in sorted(reached)}}
        index["tools"][tool] = {"file": f"{number}.marshal", "source": source}
    return index, stored


def _plain(value: Any) -> Any:
    """JSON data as plain dicts and lists (plugins may hand out mapping proxies), for ``marshal``."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _write(root: Path, name: str, index: dict[str, Any], stored: dict[str, dict[str, Any]]) -> Optional[Path]:
    """Write the index and each tool's file as ``root/name`` (atomically); ``None`` if it cannot."""
    import shutil
    import tempfile

    folder = root / name
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".compiling-", dir=root))
        try:
            (staging / name).mkdir()
            for tool, entry in index["tools"].items():
                (staging / name / entry["file"]).write_bytes(marshal.dumps(stored[tool]))
            (staging / name / "index.marshal").write_bytes(marshal.dumps(index))
            with contextlib.suppress(OSError):
                os.replace(staging / name, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        _schema._prune(root, name, PREFIX)
    except OSError:
        return None
    return folder if (folder / "index.marshal").is_file() else None


@functools.cache
def catalog() -> Catalog:
    """The tools validate-pyproject's plugins describe (read from the cache when there)."""
    root = _schema._cache_root()
    name = f"{PREFIX}{_cache_key()}"
    folder = root / name
    try:
        index = marshal.loads((folder / "index.marshal").read_bytes())
        if isinstance(index, dict) and "tools" in index:
            return Catalog(folder, index)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    index, stored = _discover()
    if index.get("problems"):  # not cached: the next run tries the plugins again
        return Catalog(None, index, stored)
    written = _write(root, name, index, stored)
    return Catalog(written, index, stored)


def local_schema(tool: str, reference: str, project_dir: Optional[Path]) -> ToolSchema:
    """A schema file named in ``[tool.pyproject-lint] tool-schemas`` (``path.json#/pointer``),
    relative to the project folder. Raises ``OSError`` or ``ValueError`` when unreadable."""
    import json

    location, _, fragment = reference.partition("#")
    path = Path(location)
    if not path.is_absolute() and project_dir is not None:
        path = project_dir / path
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError("not a JSON schema (an object)")
    uri = str(document.get("$id", "")).partition("#")[0] or path.resolve().as_uri()
    return _tool_schema({"uri": uri, "fragment": fragment, "documents": {uri: document}}, str(path))
