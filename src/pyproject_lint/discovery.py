"""Which files to lint: the command line's paths, folders searched for ``pyproject.toml``.

A folder is searched for ``pyproject.toml`` files, skipping :data:`SKIPPED_DIRS`, virtual
environments, what the repository's ``.gitignore`` files ignore and the ``--exclude``
patterns; a file named on the command line is always linted.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    from .records import Record


PYPROJECT = "pyproject.toml"
#: Folders never searched for ``pyproject.toml``: VCS data, environments, build output.
SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".direnv", "node_modules",
    "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", "site-packages",
})


class InputError(Exception):
    """A path that cannot be linted: reported as one line, exit code 2."""


class Target(Record):
    name: str
    """The name shown in output."""
    path: Optional[Path]
    """Where to read from; ``None`` for standard input."""


def discover(arguments: Sequence[str], stdin_filename: Optional[str], exclude: Sequence[str] = ()) -> Iterator[Target]:
    """The files to lint, in argument order (a folder's files sorted). Raises InputError."""
    for argument in arguments or [PYPROJECT]:
        if argument == "-":
            yield Target(stdin_filename or "-", None)
            continue
        path = Path(argument)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise InputError(f"{argument}: no such file or directory") from None
        except OSError as error:
            raise InputError(f"{argument}: {error.strerror or error}") from None
        if stat.S_ISDIR(mode):
            if path.name == PYPROJECT:
                raise InputError(f"{argument}: is a directory, not a file")
            yield from (Target(str(found), found) for found in _walk(path, exclude))
        else:
            yield Target(argument, path)


class _Ignores:
    """``.gitignore`` files (of the folder, its subfolders, and its ancestors up to the
    repository's root) and ``--exclude`` patterns, all with git's pattern rules (pathspec)."""

    def __init__(self, folder: Path, exclude: Sequence[str]) -> None:
        import pathspec  # only when a folder is searched

        self._pathspec = pathspec
        self.specs: list[tuple[Path, Any]] = []  # pathspec.PathSpec (generic from pathspec 1.0 only)
        if exclude:
            self.specs.append((folder, pathspec.GitIgnoreSpec.from_lines(exclude)))
        resolved = folder.resolve()
        if (resolved / ".git").exists():
            return  # the walk reads the folder's own .gitignore
        # Outside a repository git reads no .gitignore above the folder; inside, every one up to the root.
        root = next((ancestor for ancestor in resolved.parents if (ancestor / ".git").exists()), None)
        for ancestor in resolved.parents if root else ():
            self.read(ancestor, relative_to=folder / os.path.relpath(ancestor, resolved))
            if ancestor == root:
                break

    def read(self, directory: Path, relative_to: Optional[Path] = None) -> None:
        try:
            lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        self.specs.append((relative_to or directory, self._pathspec.GitIgnoreSpec.from_lines(lines)))

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in self.specs:
            relative = os.path.relpath(path, base).replace(os.sep, "/")
            if relative.startswith("../"):
                continue
            if spec.match_file(relative + "/" if is_dir else relative):
                return True
        return False


def _walk(folder: Path, exclude: Sequence[str] = ()) -> list[Path]:
    ignores = _Ignores(folder, exclude)
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        ignores.read(here)
        # A pyproject.toml that is not a regular file (a folder, a FIFO, a symlink loop) is
        # still listed, so that reading it reports why it was not linted.
        named = PYPROJECT in files or PYPROJECT in dirs
        dirs[:] = sorted(
            d for d in dirs
            if d != PYPROJECT
            and d not in SKIPPED_DIRS
            and not d.endswith(".egg-info")
            and not (here / d / "pyvenv.cfg").is_file()  # a virtual environment, whatever its name
            and not ignores.ignored(here / d, is_dir=True)
        )
        if named:
            candidate = here / PYPROJECT
            if not ignores.ignored(candidate, is_dir=False):
                found.append(candidate)
    return sorted(found, key=lambda p: p.parts)


def read_target(target: Target) -> bytes:
    """The bytes of a target (standard input for ``-``). Raises InputError."""
    if target.path is None:
        return sys.stdin.buffer.read()
    try:
        mode = target.path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{target.name}: is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(f"{target.name}: not a regular file")
        return target.path.read_bytes()
    except InputError:
        raise
    except OSError as error:
        raise InputError(f"{target.name}: {error.strerror or error}") from None
