"""The cost of checking ``[tool.*]`` tables (PPL300): a first run, and warm runs.

A file with eight tool tables against the same file without them: the first run with an
empty cache folder (the plugins are read and each tool's schema stored), then warm runs,
interleaved with the file without tool tables, and with the file beside a ``uv.lock`` of
330 kB (90 packages, the size of ruff's own), which PPL300 reads for ruff's and uv's
release. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import peak_memory, row, timed_together

PROJECT = """[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[project]
name = "demo"
version = "1.0"
requires-python = ">=3.9"
dependencies = ["requests>=2"]
"""
TOOLS = """
[tool.setuptools]
packages = ["demo"]

[tool.ruff]
line-length = 100
[tool.ruff.lint]
select = ["E", "F", "I", "UP"]

[tool.mypy]
strict = true
python_version = "3.9"

[tool.pytest.ini_options]
testpaths = ["tests"]

[tool.black]
line-length = 100

[tool.uv]
dev-dependencies = ["pytest>=8"]

[tool.cibuildwheel]
build = "cp3*"

[tool.coverage.run]
branch = true
"""


def uv_lock(packages: int = 90, wheels: int = 16) -> str:
    """A ``uv.lock`` as uv writes it, ruff among its packages."""
    names = ["ruff", *(f"package-{number}" for number in range(1, packages))]
    entries = []
    for number, name in enumerate(names):
        files = "".join(
            f'    {{ url = "https://files.example.org/{name}-1.{number}-cp3{w}-manylinux_2_17_x86_64.whl", '
            f'hash = "sha256:{number:064x}", size = {100000 + w} }},\n'
            for w in range(wheels)
        )
        entries.append(
            f'[[package]]\nname = "{name}"\nversion = "1.{number}"\nsource = {{ registry = "https://pypi.org/simple" }}\n'
            f'sdist = {{ url = "https://files.example.org/{name}-1.{number}.tar.gz", hash = "sha256:{number:064x}" }}\n'
            f"wheels = [\n{files}]\n"
        )
    return 'version = 1\nrevision = 3\nrequires-python = ">=3.9"\n\n' + "\n".join(entries)


def forget_tool_schemas(cache: Path) -> None:
    for entry in cache.iterdir():
        if entry.name.startswith("_pyproject_lint_tools_"):
            shutil.rmtree(entry)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--first-runs", type=int, default=5)
    args = parser.parse_args()
    lint = shutil.which("pyproject-lint", path=str(Path(sys.executable).parent))
    command = [lint] if lint else [sys.executable, "-m", "pyproject_lint"]
    with tempfile.TemporaryDirectory() as folder:
        with_tools, without = Path(folder, "tools.toml"), Path(folder, "plain.toml")
        with_tools.write_text(PROJECT + TOOLS, encoding="utf-8")
        without.write_text(PROJECT, encoding="utf-8")
        locked = Path(folder, "locked", "pyproject.toml")
        locked.parent.mkdir()
        locked.write_text(PROJECT + TOOLS, encoding="utf-8")
        (locked.parent / "uv.lock").write_text(uv_lock(), encoding="utf-8")
        cache = Path(folder, "cache")
        env = {**os.environ, "PYPROJECT_LINT_CACHE_DIR": str(cache)}
        subprocess.run([*command, "--exit-zero", str(without)], env=env, capture_output=True, check=True)  # the main validator
        print(f"Python {sys.version.split()[0]}; {' '.join(command)}; a file with 8 tool tables (7 with a schema)\n")
        os.environ["PYPROJECT_LINT_CACHE_DIR"] = str(cache)
        first = []
        for _ in range(args.first_runs):
            forget_tool_schemas(cache)
            start = time.perf_counter()
            subprocess.run([*command, "--exit-zero", str(with_tools)], env=env, capture_output=True, check=True)
            first.append(time.perf_counter() - start)
        row("first run (no tool schemas cached)", first)
        forget_tool_schemas(cache)
        print(f"  peak memory, first run: {peak_memory([*command, '--exit-zero', str(with_tools)]):.1f} MB")
        print(f"  peak memory, warm run: {peak_memory([*command, '--exit-zero', str(with_tools)]):.1f} MB")
        times = timed_together(
            {
                "plain": [*command, "--exit-zero", str(without)],
                "tools": [*command, "--exit-zero", str(with_tools)],
                "locked": [*command, "--exit-zero", str(locked)],
            },
            args.runs,
        )
        plain = row("warm: the file without tool tables", times["plain"])
        tools = row("warm: the file with 8 tool tables", times["tools"])
        lock_kb = (locked.parent / "uv.lock").stat().st_size // 1000
        with_lock = row(f"warm: the same beside a uv.lock of {lock_kb} kB", times["locked"])
        print(f"\n  with tool tables / without = {tools / plain:.2f}x (+{(tools - plain) * 1000:.1f} ms)")
        print(f"  beside uv.lock / without it = {with_lock / tools:.2f}x (+{(with_lock - tools) * 1000:.1f} ms)")
        print(f"  first run / warm = {statistics.median(first) / tools:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
