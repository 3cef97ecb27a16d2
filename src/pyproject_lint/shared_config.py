"""Configuration shared by many ``pyproject.toml`` files: a ``pyproject-lint.toml``, or the
``[tool.pyproject-lint]`` of a ``pyproject.toml`` in a folder above (a monorepo's root).

A linted file inherits every such configuration from the folders above it, up to the
repository's root (the first folder with ``.git``), outermost first; its own
``[tool.pyproject-lint]`` applies on top, then the command line. In one folder a
``pyproject-lint.toml`` wins over ``pyproject.toml``. ``--config FILE`` names the shared
configuration instead of looking for one, and ``--isolated`` uses none.

``exclude`` and ``per-file-ignores`` patterns are read as ``.gitignore`` patterns, relative
to the configuration's folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from . import config
from ._compat import tomllib
from .discovery import PYPROJECT
from .rules import ALL_RULES

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


CONFIG_FILE = "pyproject-lint.toml"


class ConfigError(Exception):
    """A shared configuration that cannot be used: one line, exit code 2."""


class SharedConfig(Record):
    folder: Path
    settings: config.FileConfig

    def matches(self, path: Path, patterns: Sequence[str]) -> bool:
        import pathspec  # only when a configuration has path patterns

        relative = os.path.relpath(os.path.abspath(path), self.folder).replace(os.sep, "/")
        return not relative.startswith("../") and pathspec.GitIgnoreSpec.from_lines(patterns).match_file(relative)

    def excludes(self, path: Path) -> bool:
        return bool(self.settings.exclude) and self.matches(path, self.settings.exclude)

    def ignored(self, path: Path) -> tuple[str, ...]:
        """The rules ``per-file-ignores`` turns off for ``path``."""
        return tuple(
            selector
            for pattern, selectors in self.settings.per_file_ignores
            if self.matches(path, [pattern])
            for selector in selectors
        )


def layered(
    chain: Sequence[SharedConfig],
    path: Optional[Path],
    caller: config.FileConfig,
    *,
    caller_folder: Optional[Path] = None,
    read_file_config: bool = True,
    noqa: bool = True,
) -> config.Settings:
    """The settings for linting ``path``: the configurations it inherits (``chain``, outermost
    first), beneath the file's own table, beneath the caller's settings (the command line's
    or the editor's), and then what ``per-file-ignores`` turn off for ``path``: the chain's,
    and the caller's own when it has a folder its patterns are relative to (an editor's
    workspace)."""
    scopes = [*chain, SharedConfig(caller_folder, caller)] if caller_folder else chain
    return config.Settings(
        selection=caller.layer,
        fixes=caller.fix_layer,
        read_file_config=read_file_config,
        noqa=noqa,
        base=tuple((shared.settings.layer, shared.settings.fix_layer) for shared in chain),
        per_file_ignores=() if path is None else tuple(selector for shared in scopes for selector in shared.ignored(path)),
    )


def load(path: Path) -> SharedConfig:
    """The configuration in ``path`` (``--config``). Raises :class:`ConfigError`."""
    shared = read(path)
    if shared is None:
        raise ConfigError(f"{path}: has no [tool.pyproject-lint] table")
    return shared


def read(path: Path, strict: bool = True) -> Optional[SharedConfig]:
    """The configuration in ``path``: a ``pyproject.toml``'s ``[tool.pyproject-lint]``
    (``None`` without one), or any other TOML file's top level. Raises :class:`ConfigError`
    (for a problem in the settings, only if ``strict``)."""
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: not a valid TOML file ({error})") from None
    table: Any = data
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        tool = data.get("tool")
        table, prefix = tool.get("pyproject-lint") if isinstance(tool, dict) else None, config.TOOL_TABLE
        if table is None:
            return None
    settings = config.read_settings(table, ALL_RULES, prefix)
    if settings.problems and strict:
        where, message, _ = settings.problems[0]
        raise ConfigError(f"{path}: {'.'.join(map(str, where))}: {message}")
    return SharedConfig(Path(os.path.abspath(path.parent)), settings)


class Finder:
    """The shared configurations each file inherits, read once per folder."""

    def __init__(self) -> None:
        self._folders: dict[tuple[Path, bool], Optional[SharedConfig]] = {}

    def _in(self, folder: Path, own: bool) -> Optional[SharedConfig]:
        """The configuration a folder holds for the files below it (``own``: for its own
        ``pyproject.toml``, which reads its table itself, only a ``pyproject-lint.toml``)."""
        key = (folder, own)
        if key not in self._folders:
            found = None
            if (folder / CONFIG_FILE).is_file():
                found = load(folder / CONFIG_FILE)
            elif not own and (folder / PYPROJECT).is_file():
                # Its problems are reported (PPL001, PPL003) when that file is linted.
                with contextlib.suppress(ConfigError):
                    found = read(folder / PYPROJECT, strict=False)
            self._folders[key] = found
        return self._folders[key]

    def chain(self, path: Path) -> list[SharedConfig]:
        """The configurations ``path`` inherits, outermost first. Raises :class:`ConfigError`."""
        folder = Path(os.path.abspath(path)).parent
        found = []
        own = True
        while True:
            shared = self._in(folder, own)
            if shared is not None:
                found.append(shared)
            if (folder / ".git").exists() or folder.parent == folder:
                break
            folder, own = folder.parent, False
        return found[::-1]
