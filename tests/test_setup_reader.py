"""Reading setup.py and setup.cfg without running them, and the rules built on it (PPL120-PPL124)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, lint_case
from pyproject_lint import data
from pyproject_lint.diagnostics import Applicability, apply_edits
from pyproject_lint.pep508 import canonicalize_name
from pyproject_lint.setup_reader import Import, read_setup_cfg, read_setup_py, scan_stdlib, stdlib_modules

SETUPTOOLS = '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meta"\n'


def imports(source: str) -> dict[str, Import]:
    return {i.module: i for i in read_setup_py(source).imports}


# -- what runs when -------------------------------------------------------------------------


def test_module_level_imports_run_while_setup_py_is_read() -> None:
    found = imports("import os, numpy\nfrom Cython.Build import cythonize\nif __name__ == '__main__':\n    import yaml\n")
    assert {m: (i.line, i.at_load, i.optional) for m, i in found.items()} == {
        "os": (1, True, False),
        "numpy": (1, True, False),
        "Cython.Build": (2, True, False),
        "yaml": (4, True, False),
    }


def test_called_functions_run_and_uncalled_ones_do_not() -> None:
    found = imports(
        "def version():\n    import setuptools_scm\n    return helper()\n"
        "def helper():\n    import dateutil\n"
        "def never():\n    import never_imported\n"
        "version()\n"
    )
    assert set(found) == {"setuptools_scm", "dateutil"}
    assert found["dateutil"].at_load


def test_command_classes_run_later_and_only_when_handed_on() -> None:
    found = imports(
        "from setuptools import setup\n"
        "class BuildExt:\n    def run(self):\n        import pybind11\n        later()\n"
        "class Unused:\n    def run(self):\n        import never_imported\n"
        "def later():\n    import pkgconfig\n"
        "setup(cmdclass={'build_ext': BuildExt})\n"
    )
    assert (found["pybind11"].at_load, found["pkgconfig"].at_load) == (False, False)
    assert "never_imported" not in found


def test_classes_made_inside_functions_are_handed_on() -> None:
    found = imports(
        "def get_cmdclass():\n    class Sdist:\n        def run(self):\n            import git\n    return {'sdist': Sdist}\n"
        "cmdclass = get_cmdclass()\n"
    )
    assert found["git"] == Import("git", 4, at_load=False)


def test_an_import_under_try_except_import_error_is_optional() -> None:
    found = imports(
        "try:\n    from Cython.Build import cythonize\nexcept ImportError:\n    cythonize = None\n"
        "try:\n    import numpy\nexcept (ValueError, ModuleNotFoundError):\n    pass\n"
        "try:\n    import yaml\nexcept ValueError:\n    pass\n"
    )
    assert found["Cython.Build"].optional and found["numpy"].optional
    assert not found["yaml"].optional
    # A handler runs only when the `try` failed: its imports are a fallback, not a need.
    assert [i.module for i in read_setup_py("try:\n    import a\nexcept:\n    import b\n").needed] == []


@pytest.mark.skipif(sys.version_info < (3, 11), reason="except* is Python 3.11+")
def test_an_import_under_try_except_star_import_error_is_optional() -> None:
    found = imports("try:\n    import numpy\nexcept* ImportError:\n    import yaml\n")
    assert found["numpy"].optional and found["yaml"].optional


def test_import_module_and_dunder_import_with_a_constant_are_imports() -> None:
    found = imports("import importlib\nimportlib.import_module('numpy')\n__import__('yaml')\nimportlib.import_module(name)\n")
    assert {"numpy", "yaml"} <= set(found)


def test_from_numpy_import_distutils_is_numpy_distutils() -> None:
    assert read_setup_py("from numpy import distutils\n").imports_of("numpy.distutils")


def test_relative_imports_are_not_distributions() -> None:
    assert imports("from . import helper\nfrom .x import y\n") == {}


def test_sys_path_changes_are_noticed() -> None:
    assert read_setup_py("import sys\nsys.path.insert(0, 'src')\n").changes_sys_path
    assert read_setup_py("import sys\nsys.path += ['src']\n").changes_sys_path
    assert read_setup_py("import sys\nsys.path[:0] = ['src']\n").changes_sys_path
    assert not read_setup_py("import sys\nprint(sys.path)\n").changes_sys_path


# -- setup_requires ------------------------------------------------------------------------


def test_setup_requires_in_setup_py_literal_variable_and_string() -> None:
    listed = read_setup_py("from setuptools import setup\nsetup(\n    setup_requires=['cython>=3', 'numpy'],\n)\n")
    assert listed.setup_requires is not None
    assert (listed.setup_requires.line, listed.setup_requires.entries, listed.setup_requires.complete) == (
        3, ("cython>=3", "numpy"), True
    )
    variable = read_setup_py("REQS = ('pbr',)\nimport setuptools\nsetuptools.setup(setup_requires=REQS)\n")
    assert variable.setup_requires is not None and variable.setup_requires.entries == ("pbr",)
    text = read_setup_py("from setuptools import setup\nsetup(setup_requires='pbr\\nnumpy')\n")
    assert text.setup_requires is not None and text.setup_requires.entries == ("pbr", "numpy")
    computed = read_setup_py("from setuptools import setup\nsetup(setup_requires=get())\n")
    assert computed.setup_requires is not None and not computed.setup_requires.complete


def test_setup_requires_in_setup_cfg() -> None:
    lines = read_setup_cfg("[metadata]\nname = demo\n\n[options]\nsetup_requires =\n    cython>=3\n    # a comment\n    numpy\n")
    assert lines.setup_requires is not None
    assert (lines.setup_requires.where, lines.setup_requires.entries) == ("setup.cfg:5", ("cython>=3", "numpy"))
    assert lines.describes_a_package
    semicolons = read_setup_cfg("[options]\nsetup_requires = cython; numpy\n").setup_requires
    assert semicolons is not None and semicolons.entries == ("cython", "numpy")
    tools_only = read_setup_cfg("[flake8]\nmax-line-length = 100\n")
    assert (tools_only.setup_requires, tools_only.describes_a_package) == (None, False)


@pytest.mark.parametrize("text", ["no section header\n", "[options\nx", "[a]\n[a]\nx = 1\nx = 2\n", "\x00\xff"])
def test_an_unreadable_or_odd_setup_cfg_is_not_a_crash(text: str) -> None:
    read_setup_cfg(text)


# -- setup.py that does not parse --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["def (:\n", "x = 1\x00\n", "(" * 300 + ")" * 300, "-" * 200_000 + "1\n", "a = [" + "[" * 50_000 + "]" * 50_001 + "\n"],
    ids=["syntax", "nul", "parentheses", "deep-unary", "deep-list"],
)
def test_a_setup_py_that_cannot_be_read_gives_its_error(text: str) -> None:
    found = read_setup_py(text)
    if found.syntax_error is None:  # some Pythons read it: then it is simply walked
        return
    assert found.syntax_error.line >= 1 and found.syntax_error.message


def test_python_warnings_about_the_script_are_not_printed_or_errors(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text('import re\nPATTERN = re.compile("\\d+")\nassert (1, "x")\nimport numpy\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(SETUPTOOLS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "pyproject_lint", "pyproject.toml"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert done.stderr == ""
    assert "PPL120" in done.stdout and "PPL124" not in done.stdout


def test_a_deeply_nested_expression_is_not_a_crash() -> None:
    read_setup_py("x = " + "f(" * 900 + ")" * 900 + "\n")


# -- the standard library -------------------------------------------------------------------------


def test_stdlib_names() -> None:
    names = stdlib_modules()
    assert {"os", "json", "asyncio", "sqlite3", "ctypes", "subprocess", "__future__"} <= names
    assert not {"numpy", "setuptools", "pip", "yaml"} & names


def test_the_python_39_scan_finds_the_standard_library_and_nothing_installed() -> None:
    scanned = scan_stdlib()
    assert {"os", "json", "asyncio", "sqlite3", "ctypes", "zlib", "math", "_ctypes"} <= scanned
    assert not {"numpy", "setuptools", "pip", "pyproject_lint", "tomlkit", "packaging"} & scanned
    if sys.version_info >= (3, 10):
        public = {name for name in scanned if not name.startswith(("_", "xx")) and "-" not in name}
        assert public - sys.stdlib_module_names <= {"this", "antigravity", "idlelib", "test"}


# -- import names and distributions ----------------------------------------------------------------


KNOWN_IMPORTS = sorted(
    (module.name, distribution.name)
    for distribution in data.load().distributions.values()
    for module in distribution.modules
    if module.releases == data.Span() and module.python_until is None and distribution.canonical != "setuptools"
    # setuptools provides some itself (`wheel`, `packaging`: vendored since 71.0.0)
    and module.name not in {m.name for m in data.load().distributions["setuptools"].modules}
)


@pytest.mark.parametrize(("module", "distribution"), KNOWN_IMPORTS)
def test_each_known_import_is_added_as_its_distribution(module: str, distribution: str, tmp_path: Path) -> None:
    files = {"setup.py": f"import {module}\n"}
    result = lint_case(SETUPTOOLS, tmp_path, files, select=("PPL120",))
    [finding] = result.diagnostics
    assert finding.fix is not None and "guess" not in finding.fix.title
    fixed, _ = apply_edits(result.document.text, finding.fix.edits)
    assert f'"{distribution}"' in fixed
    # Listed in any spelling, the distribution provides the module.
    spelled = canonicalize_name(distribution).upper().replace("-", "_")
    provided = SETUPTOOLS.replace('"setuptools>=64"', f'"setuptools>=64", "{spelled}>=0"')
    assert lint_case(provided, tmp_path, select=("PPL120",)).diagnostics == []


def test_an_unknown_import_is_a_guess_named_like_the_module(tmp_path: Path) -> None:
    result = lint_case(SETUPTOOLS, tmp_path, {"setup.py": "from torch.utils import cpp_extension\n"}, ("PPL120",))
    [finding] = result.diagnostics
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert finding.fix.title == "Add `torch` to `requires` (a distribution named like the module: a guess)"


def test_setuptools_provides_its_vendored_packages_and_distutils(tmp_path: Path) -> None:
    script = "import setuptools, distutils.core, packaging.version, wheel, tomli, importlib_metadata\n"
    assert lint_case(SETUPTOOLS, tmp_path, {"setup.py": script}, ("PPL120",)).diagnostics == []


def test_a_package_that_installs_another_provides_it(tmp_path: Path) -> None:
    text = SETUPTOOLS.replace('"setuptools>=64"', '"setuptools>=64", "oldest-supported-numpy"')
    assert lint_case(text, tmp_path, {"setup.py": "import numpy\n"}, ("PPL120",)).diagnostics == []


def test_one_finding_per_distribution_naming_each_import(tmp_path: Path) -> None:
    script = "from Cython.Build import cythonize\nimport pyximport\nimport cython\n"
    [finding] = lint_case(SETUPTOOLS, tmp_path, {"setup.py": script}, ("PPL120",)).diagnostics
    assert finding.message.startswith("`setup.py:1` imports `Cython.Build` (and 2 more imports)")


def test_two_missing_distributions_are_both_added_by_fix(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text("import numpy\nimport pybind11\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(SETUPTOOLS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pyproject_lint", "--fix", "--unsafe-fixes", "--select", "PPL120", "pyproject.toml"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"setuptools>=64", "numpy", "pybind11"' in (tmp_path / "pyproject.toml").read_text(encoding="utf-8")


# -- never run ---------------------------------------------------------------------------------------

BOOBY_TRAP = (
    "import pathlib\n"
    "pathlib.Path(__file__).with_name('MARKER').write_text('setup.py ran')\n"
    "import numpy\n"
    "from setuptools import setup\n"
    "setup(setup_requires=['cython'])\n"
)


@pytest.mark.parametrize("args", [[], ["--fix", "--unsafe-fixes"], ["--output-format", "json"]])
def test_setup_py_is_read_never_run(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "setup.py").write_text(BOOBY_TRAP, encoding="utf-8")
    (tmp_path / "setup.cfg").write_text("[options]\nsetup_requires = pbr\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(SETUPTOOLS, encoding="utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pyproject_lint", *args, "--output-format", "json", "pyproject.toml"],
        cwd=tmp_path, capture_output=True, text=True, check=False, env=env,
    )
    assert not (tmp_path / "MARKER").exists()
    assert done.stderr == ""
    if "--fix" in args:
        fixed = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
        assert '"numpy' in fixed and '"cython"' in fixed and '"pbr' in fixed
    else:
        codes = sorted(d["code"] for d in json.loads(done.stdout))
        assert codes == ["PPL120", "PPL121", "PPL121"]  # it was read: numpy, and both setup_requires


# -- odd files ------------------------------------------------------------------------------------


def test_a_setup_py_folder_fifo_or_binary_is_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    (folder / "setup.py").mkdir(parents=True)
    assert lint_case(SETUPTOOLS, folder).diagnostics == []
    fifo = tmp_path / "fifo"
    fifo.mkdir()
    os.mkfifo(fifo / "setup.py")
    assert lint_case(SETUPTOOLS, fifo).diagnostics == []  # never opened: it would block
    binary = tmp_path / "binary"
    binary.mkdir()
    (binary / "setup.py").write_bytes(b"\xff\xfe\x00import numpy\x00")
    assert [d.code for d in lint_case(SETUPTOOLS, binary).diagnostics] == ["PPL124"]
    latin = tmp_path / "latin"
    latin.mkdir()
    (latin / "setup.py").write_bytes("# -*- coding: latin-1 -*-\n# caf\xe9\nimport numpy\n".encode("latin-1"))
    assert [d.code for d in lint_case(SETUPTOOLS, latin).diagnostics] == ["PPL120"]


def test_an_editor_without_a_folder_reads_no_setup_py() -> None:
    from pyproject_lint.engine import lint

    assert lint(SETUPTOOLS).diagnostics == []


# -- any text at all -------------------------------------------------------------------------------

SAMPLE = (ROOT / "src" / "pyproject_lint" / "setup_reader.py").read_text(encoding="utf-8") + BOOBY_TRAP


def test_every_prefix_of_a_script_is_read_or_refused_without_a_crash() -> None:
    for end in range(0, len(SAMPLE), 41):
        found = read_setup_py(SAMPLE[:end])
        assert found.syntax_error is not None or isinstance(found.imports, tuple)


def test_a_script_missing_any_one_line_is_read_or_refused_without_a_crash() -> None:
    lines = SAMPLE.splitlines(keepends=True)
    walked = 0
    for index in range(0, len(lines), 3):
        found = read_setup_py("".join(lines[:index] + lines[index + 1:]))
        walked += found.syntax_error is None
    assert walked > len(lines) // 6  # most of them parse, so the walker saw them


TOKENS = [
    *"()[]{}:=,.'\"\\\n #", "import ", "from ", "def f", "class C", "try", "except ImportError",
    "setup(", "setup_requires=", "sys.path", "numpy", "    ", "lambda", "if x", "match x", "case 1", "\x00",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_any_token_soup_is_read_or_refused_without_a_crash(text: str) -> None:
    read_setup_py(text)
    read_setup_cfg(text)
