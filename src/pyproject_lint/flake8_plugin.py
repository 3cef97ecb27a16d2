"""The flake8 plugin: ``flake8 pyproject.toml`` reports pyproject-lint's findings.

flake8 parses every file as Python before any plugin runs, and a plugin cannot report
against another file, so there is no supported way to lint ``pyproject.toml`` through it
(its maintainer: "flake8 is only intended to lint python files", PyCQA/flake8#1968). This
module therefore replaces flake8's private ``FileChecker.run_checks`` when flake8 loads the
plugin: a file named ``pyproject.toml`` goes to pyproject-lint's engine, every other file to
flake8's own method. Findings go into flake8's results as its own checks' do, so
``--select``, ``--ignore``, ``per-file-ignores``, ``# noqa``, formatters, ``--output-file``,
``--count``, ``--statistics`` and ``-j`` apply to them unchanged.

This depends on flake8 7.x internals (``FileChecker.run_checks``, ``.results``, the result
tuple ``(code, line, column - 1, text, physical line)``). On any other flake8 the plugin
refuses to load, so that a CI run can never pass while silently checking nothing.
``--pyproject-lint-discover`` (or ``pyproject-lint-discover = true`` in flake8's
configuration) makes ``flake8 .`` find ``pyproject.toml`` files too.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Callable

import flake8
from flake8.checker import FileChecker

from . import __version__
from .config import Settings
from .engine import lint

#: The entry point's name: flake8 takes it as the prefix of every code the plugin emits.
ENTRY = "PPL"
PYPROJECT = "pyproject.toml"
SUPPORTED_MAJOR = 7


class UnsupportedFlake8(RuntimeError):
    """flake8 is not a version whose internals this plugin knows."""


def _check_version() -> None:
    if flake8.__version_info__[0] != SUPPORTED_MAJOR or not callable(getattr(FileChecker, "run_checks", None)):
        raise UnsupportedFlake8(
            f"pyproject-lint's flake8 plugin supports flake8 {SUPPORTED_MAJOR}.x only, and this is "
            f"flake8 {flake8.__version__}: install 'flake8>={SUPPORTED_MAJOR},<{SUPPORTED_MAJOR + 1}', "
            "or run the `pyproject-lint` command"
        )


class Plugin:
    """The ``PPL`` extension. Python files get nothing from it; see the module docstring."""

    name = "pyproject-lint"
    version = __version__

    def __init__(self, tree: ast.AST) -> None:
        self.tree = tree

    def run(self) -> Iterator[tuple[int, int, str, type[Plugin]]]:
        return iter(())

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            "--pyproject-lint-discover",
            action="store_true",
            parse_from_config=True,
            help="also check pyproject.toml files found in the folders checked (pyproject-lint)",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        if getattr(options, "pyproject_lint_discover", False):
            patterns = list(options.filename or ["*.py"])
            options.filename = [*patterns, f"*/{PYPROJECT}"]


def _is_ours(checker: FileChecker) -> bool:
    """A ``pyproject.toml`` that flake8 should process, with this plugin loaded (enabled)."""
    if os.path.basename(checker.filename) != PYPROJECT and os.path.basename(checker.display_name) != PYPROJECT:
        return False
    return any(plugin.entry_name == ENTRY for plugin in checker.plugins.tree)


def _source(checker: FileChecker) -> bytes:
    """The file's bytes (for stdin, what flake8 has read of it)."""
    assert checker.processor is not None
    if checker.filename == "-":
        return "".join(checker.processor.lines).encode("utf-8")
    return Path(checker.filename).read_bytes()


def lint_for_flake8(checker: FileChecker) -> None:
    """Lint ``checker``'s ``pyproject.toml`` into its results, as flake8's checks report."""
    try:
        source = _source(checker)
    except OSError as error:
        checker.report("E902", 0, 0, f"{type(error).__name__}: {error}")
        return
    name = checker.display_name if checker.filename == "-" else checker.filename
    path = Path(name)
    # flake8 selects and applies noqa comments; the file's [tool.pyproject-lint] is for the CLI.
    result = lint(source, path, Settings(read_file_config=False, noqa=False), project_dir=path.parent)
    lines = result.document.text.splitlines(keepends=True)
    for diagnostic in result.diagnostics:
        line, column = result.position(diagnostic.start)
        physical = lines[line - 1] if 0 < line <= len(lines) else ""
        checker.results.append((diagnostic.code, line, column - 1, diagnostic.message, physical))


def _patch() -> None:
    _check_version()
    original: Callable[[FileChecker], Any] = FileChecker.run_checks
    if getattr(original, "_pyproject_lint", False):
        return

    def run_checks(self: FileChecker) -> Any:
        if not _is_ours(self):
            return original(self)
        if self.processor is None or not self.should_process:  # unreadable, or a flake8 file-level noqa
            return self.display_name, self.results, self.statistics
        lint_for_flake8(self)
        return self.display_name, self.results, self.statistics

    run_checks._pyproject_lint = True  # type: ignore[attr-defined]
    FileChecker.run_checks = run_checks


_patch()
