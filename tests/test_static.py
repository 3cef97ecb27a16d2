"""The linter is static: no network, and no code of the project it lints is ever run.

Network: an audit hook (PEP 578) refuses every socket operation, and every way of starting
another program, while the linter runs in this process over every fixture and corpus file,
checking and fixing. Project code: a project whose in-tree backend, ``setup.py``, package
and would-be shadows of the linter's own dependencies each write a marker file when run;
the marker never appears, whichever way the linter is started.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, corpus_files
from pyproject_lint.cli import main

#: Audit events for opening a connection or resolving a name, and for running a program.
FORBIDDEN = ("socket.", "http.client.", "urllib.", "ftplib.", "smtplib.", "subprocess.", "os.system",
             "os.exec", "os.posix_spawn", "os.spawn", "os.startfile")  # fmt: skip

_active: list[list[str]] = []


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _active and event.startswith(FORBIDDEN):
        _active[-1].append(event)
        raise PermissionError(f"the linter attempted {event}")


sys.addaudithook(_hook)  # hooks cannot be removed: this one acts only inside `forbidden()`


@contextlib.contextmanager
def forbidden() -> Iterator[list[str]]:
    """Refuse (and record) every network and process operation inside the block."""
    attempts: list[str] = []
    _active.append(attempts)
    try:
        yield attempts
    finally:
        _active.pop()


def run_main(*args: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(args))


def test_the_hook_refuses_a_connection() -> None:
    """The guard itself works: a connection attempt inside it is refused and recorded."""
    import socket

    with forbidden() as attempts, pytest.raises(PermissionError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    assert attempts and attempts[0].startswith("socket.")


def _copies(tmp_path: Path) -> list[Path]:
    """Every fixture and corpus file as its own ``pyproject.toml``, to fix in place."""
    sources = [*sorted((ROOT / "fixtures").glob("*/pyproject.toml")), *corpus_files("real")]
    targets = []
    for index, source in enumerate(sources):
        folder = tmp_path / f"{index:04d}"
        folder.mkdir()
        shutil.copyfile(source, folder / "pyproject.toml")  # the corpus files are read-only
        targets.append(folder / "pyproject.toml")
    return targets


def test_check_and_fix_everything_without_network_or_processes(tmp_path: Path) -> None:
    targets = [str(path) for path in _copies(tmp_path)]
    with forbidden() as attempts:
        codes = [
            run_main("--jobs", "1", *targets),
            run_main("--jobs", "1", "--output-format", "sarif", *targets),
            run_main("--jobs", "1", "--fix", "--unsafe-fixes", *targets),
        ]
    assert attempts == []
    assert codes[0] == 1 and 2 not in codes


MARKER = "MARKER"
WRITE_MARKER = f"import pathlib; pathlib.Path(__file__).resolve().parent.joinpath({MARKER!r}).write_text(__name__)\n"


@pytest.fixture
def booby_trapped(tmp_path: Path) -> Path:
    """A project every part of which writes ``MARKER`` beside itself if it is ever run."""
    project = tmp_path / "project"
    (project / "_build").mkdir(parents=True)
    (project / "_build" / "backend.py").write_text(WRITE_MARKER, encoding="utf-8")
    (project / "setup.py").write_text(WRITE_MARKER + "from setuptools import setup\nsetup()\n", encoding="utf-8")
    (project / "conftest.py").write_text(WRITE_MARKER, encoding="utf-8")
    (project / "demo").mkdir()
    (project / "demo" / "__init__.py").write_text(WRITE_MARKER, encoding="utf-8")
    # Modules named like the linter's own dependencies, which `python -m` would find first.
    for shadow in ("tomlkit", "packaging", "validate_pyproject", "fastjsonschema", "pathspec", "trove_classifiers"):
        (project / shadow).mkdir()
        (project / shadow / "__init__.py").write_text(WRITE_MARKER, encoding="utf-8")
    (project / "README.md").write_text("# demo\n", encoding="utf-8")
    (project / "pyproject.toml").write_text(
        "[build-system]\n"
        'requires = ["setuptools"]\n'  # PPL106, fixed with --fix
        'build-backend = "backend"\n'
        'backend-path = ["_build"]\n'
        "\n[project]\n"
        'name = "demo"\n'
        'dynamic = ["version"]\n'
        'readme = "README.md"\n'
        'classifiers = ["License :: OSI Approved :: MIT License"]\n'
        "\n[tool.setuptools.dynamic]\n"
        'version = { attr = "demo.__version__" }\n',
        encoding="utf-8",
    )
    return project


def markers(project: Path) -> list[Path]:
    return sorted(project.rglob(MARKER))


def test_project_code_is_never_run_in_process(booby_trapped: Path) -> None:
    with forbidden() as attempts:
        run_main(str(booby_trapped / "pyproject.toml"))
        run_main("--fix", "--unsafe-fixes", str(booby_trapped))
    assert attempts == []
    assert markers(booby_trapped) == []
    assert 'requires = ["setuptools>=' in (booby_trapped / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["console-script", "python -m"])
@pytest.mark.parametrize("args", [[], ["--fix", "--unsafe-fixes"], ["."]], ids=["check", "fix", "folder"])
def test_project_code_is_never_run_from_the_project_folder(booby_trapped: Path, how: str, args: list[str]) -> None:
    """Started in the project's folder, where ``python -m`` puts that folder on ``sys.path``."""
    script = Path(sys.executable).parent / "pyproject-lint"
    if how == "console-script" and not script.exists():
        pytest.skip("no console script beside this Python")
    command = [str(script)] if how == "console-script" else [sys.executable, "-m", "pyproject_lint"]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run([*command, *args], cwd=booby_trapped, capture_output=True, text=True, env=env, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert markers(booby_trapped) == []
