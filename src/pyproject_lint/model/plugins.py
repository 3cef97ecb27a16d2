"""The plugins a file's ``[tool.*]`` tables call for, and where each is called for."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from ..data import Knowledge, Plugin
    from ..spans import TomlPath


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from ..records import Record


class PluginUse(Record):
    plugin: Plugin
    path: TomlPath
    """Where the file calls for it (the key or value to report at)."""
    described: str
    """``[tool.hatch.version] source = "vcs"``."""
    requested: tuple[str, ...] = ()
    """Requirements its table asks the host to have the front end install (``dependencies``)."""


def _get(data: Any, path: TomlPath) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _tables(data: Any, path: TomlPath) -> list[tuple[TomlPath, dict[str, Any]]]:
    """The tables at ``path``, where ``*`` stands for every key of one level."""
    found: list[tuple[TomlPath, Any]] = [((), data)]
    for part in path:
        step = []
        for at, value in found:
            if not isinstance(value, dict):
                continue
            if part == "*":
                step += [((*at, key), child) for key, child in value.items()]
            elif part in value:
                step.append(((*at, part), value[part]))
        found = step
    return [(at, value) for at, value in found if isinstance(value, dict)]


def _header(path: TomlPath) -> str:
    return "[" + ".".join(str(part) for part in path) + "]"


def uses(knowledge: Knowledge, data: dict[str, Any], hosts: frozenset[str]) -> list[PluginUse]:
    """Every plugin of ``hosts`` (the distributions that build: the backend's, setuptools for
    its plugins) that the file calls for, built-ins included."""
    found: list[PluginUse] = []
    hosted = [plugin for host in sorted(hosts) if host in knowledge.plugins_by_host for plugin in knowledge.plugins_by_host[host]]
    by_name: dict[tuple[str, str, str], Plugin] = {(plugin.host, plugin.kind, plugin.name): plugin for plugin in hosted}
    for location in knowledge.plugin_locations:
        if location.host not in hosts:
            continue
        for at, table in _tables(data, location.path):
            if location.how == "value":
                value = table.get(location.key) if location.key else None
                if value is None and location.default is not None:
                    value, path = location.default, at
                else:
                    path = (*at, location.key) if location.key else at
                if not isinstance(value, str):
                    continue
                plugin = by_name.get((location.host, location.kind, value))
                if plugin is not None:
                    described = f'{_header(at)} {location.key} = "{value}"' if location.key else f'"{value}"'
                    found.append(PluginUse(plugin, path, described))
            else:  # how == "key": every key of the table names a plugin
                for key, value in table.items():
                    plugin = by_name.get((location.host, location.kind, key))
                    if plugin is None:
                        continue
                    options = value if isinstance(value, dict) else {}
                    if location.enabled is not None and options.get(location.enabled) is False:
                        continue  # off unless asked for
                    requested = options.get(location.requests) if location.requests else None
                    strings = tuple(r for r in requested if isinstance(r, str)) if isinstance(requested, list) else ()
                    found.append(PluginUse(plugin, (*at, key), _header((*at, key)), strings))
    for plugin in hosted:
        if plugin.kind != "activation":
            continue
        path = tuple(plugin.name.split("."))
        table = _get(data, path)
        if table is None or not _active(table, plugin.when):
            continue
        found.append(PluginUse(plugin, path, _header(path)))
    return found


def _active(table: Any, when: Optional[dict[str, Any]]) -> bool:
    if not when:
        return True
    return isinstance(table, dict) and all(table.get(key) == value for key, value in when.items())
