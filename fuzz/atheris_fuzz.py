"""Coverage-guided fuzzing with atheris (libFuzzer), where atheris installs.

    pip install atheris
    python fuzz/atheris_fuzz.py -atheris_runs=100000 [corpus_dir ...] [libFuzzer options]

With no corpus folder, the files of ``../shared/corpus`` and ``fixtures/`` seed a temporary
one. Each input goes through :func:`fuzzing.check_invariants` (check and fix, every
invariant); libFuzzer stops at the first failure and writes the input as ``crash-*``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import atheris  # type: ignore[import-not-found,import-untyped,unused-ignore]  # noqa: E402

with atheris.instrument_imports(include=["pyproject_lint"]):
    import importlib
    import pkgutil

    import pyproject_lint
    from fuzzing import check_invariants

    # The linter imports most of itself lazily; import it all now, so that all is instrumented
    # (not the editor server and flake8 plugin, whose hosts the fuzzer does not drive).
    for module in pkgutil.walk_packages(pyproject_lint.__path__, "pyproject_lint."):
        if module.name.rsplit(".", 1)[-1] not in ("lsp", "flake8_plugin", "__main__"):
            importlib.import_module(module.name)

from conftest import corpus_files  # noqa: E402

FOLDER = Path(tempfile.mkdtemp(prefix="pyproject-lint-atheris-"))


def test_one_input(data: bytes) -> None:
    check_invariants(data, FOLDER)


def main() -> None:
    arguments = list(sys.argv)
    if not any(Path(argument).is_dir() for argument in arguments[1:] if not argument.startswith("-")):
        seeds = Path(tempfile.mkdtemp(prefix="pyproject-lint-seeds-"))
        for index, path in enumerate([*corpus_files(), *sorted((ROOT / "fixtures").glob("*/*.toml"))]):
            shutil.copyfile(path, seeds / f"{index:04d}.toml")
        arguments.append(str(seeds))
    atheris.Setup(arguments, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
