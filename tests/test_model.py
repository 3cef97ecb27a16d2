"""The build model: target Pythons, environments per target, providers, plugins, features."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

from pyproject_lint.context import Context
from pyproject_lint.document import Document
from pyproject_lint.model import BuildModel, Target
from pyproject_lint.pep508 import parse_requirement, satisfiable
from pyproject_lint.setup_reader import read_setup_py


def model_of(text: str, folder: Optional[Path] = None) -> BuildModel:
    document = Document.from_text(text, folder / "pyproject.toml" if folder else None)
    return Context(document, folder).model


BACKEND = '[build-system]\nrequires = [{}]\nbuild-backend = "{}"\n'


def build(requires: str, backend: str, extra: str = "") -> BuildModel:
    return model_of(BACKEND.format(requires, backend) + extra)


# -- target Pythons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "pythons"),
    [
        ("", ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14")),
        ('[project]\nname = "x"\nrequires-python = ">=3.11"\n', ("3.11", "3.12", "3.13", "3.14")),
        ('[project]\nname = "x"\nrequires-python = ">=3.8,<3.12"\n', ("3.9", "3.10", "3.11")),
        ('[project]\nname = "x"\nrequires-python = ">=3.9.2,!=3.10.*"\n', ("3.9", "3.11", "3.12", "3.13", "3.14")),
        ('[project]\nname = "x"\nclassifiers = ["Programming Language :: Python :: 3.10"]\n', ("3.10",)),
        # Classifiers for old Pythons only: no modelled Python is claimed.
        ('[project]\nname = "x"\nclassifiers = ["Programming Language :: Python :: 3.7"]\n', ()),
        # Not a specifier (PPL200's): nothing known, every Python.
        ('[project]\nname = "x"\nrequires-python = "three"\n', ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14")),
    ],
)
def test_target_pythons(extra: str, pythons: tuple[str, ...]) -> None:
    assert build('"hatchling"', "hatchling.build", extra).targets.pythons == pythons


def test_python_requires_of_setup_py_and_setup_cfg_when_setuptools_builds(tmp_path: Path) -> None:
    (tmp_path / "setup.py").write_text("from setuptools import setup\nsetup(python_requires='>=3.12')\n", encoding="utf-8")
    model = model_of(BACKEND.format('"setuptools>=61"', "setuptools.build_meta"), tmp_path)
    assert model.targets.pythons == ("3.12", "3.13", "3.14")
    assert "python_requires" in model.targets.reason
    (tmp_path / "setup.cfg").write_text("[options]\npython_requires = >=3.13\n", encoding="utf-8")
    assert model_of(BACKEND.format('"setuptools>=61"', "setuptools.build_meta"), tmp_path).targets.pythons == ("3.13", "3.14")
    # Another backend does not read setup.py.
    assert len(model_of(BACKEND.format('"hatchling"', "hatchling.build"), tmp_path).targets.pythons) == 6


# -- the environment ----------------------------------------------------------------------------


def test_a_dependency_brings_the_backend_and_says_through_what() -> None:
    model = build('"poetry>=1.8"', "poetry.core.masonry.api")
    provision = model.environment(Target("3.12")).provides("poetry.core.masonry.api")
    assert provision.provided and provision.presence is not None
    assert (provision.presence.name, provision.presence.via) == ("poetry-core", ("poetry",))


def test_a_release_range_decides_whether_an_edge_holds() -> None:
    # poetry before 1.1 had no poetry-core.
    model = build('"poetry<1.1"', "poetry.core.masonry.api")
    assert model.environment(Target("3.12")).provides("poetry.core.masonry.api").absent


def test_an_extra_brings_what_it_names() -> None:
    assert build('"scikit-build-core[hatchling]"', "hatchling.build").environment(Target("3.12")).has("hatchling")
    assert not build('"scikit-build-core"', "hatchling.build").environment(Target("3.12")).has("hatchling")


def test_markers_per_python_and_platform() -> None:
    model = build("\"hatchling; python_version < '3.12'\", \"cffi; sys_platform == 'win32'\"", "hatchling.build")
    assert model.split_platforms
    assert model.environment(Target("3.11", "linux")).has("hatchling", certain=True)
    assert not model.environment(Target("3.12", "linux")).has("hatchling")
    assert model.environment(Target("3.11", "windows")).has("cffi", certain=True)
    assert not model.environment(Target("3.11", "macos")).has("cffi")


def test_a_marker_on_the_micro_version_makes_presence_uncertain() -> None:
    model = build("\"hatchling; python_full_version >= '3.12.4'\"", "hatchling.build")
    environment = model.environment(Target("3.12"))
    assert environment.has("hatchling") and not environment.has("hatchling", certain=True)
    assert not model.environment(Target("3.11")).has("hatchling")


@pytest.mark.parametrize(
    ("requires", "backend", "status"),
    [
        ("", "my_backend", "absent"),
        ('"setuptools"', "my_backend", "absent"),
        ('"acme-build"', "acme_build.api", "provided"),  # unknown, named like the module
        ('"acme-build"', "other.api", "unknown"),  # unknown: it may provide anything
        ('"setuptools", "acme-build"', "hatchling.build", "absent"),  # a known module needs its provider
    ],
)
def test_provision_of_any_module(requires: str, backend: str, status: str) -> None:
    assert build(requires, backend).environment(Target("3.12")).provides(backend).status == status


def test_modules_that_came_or_went_with_a_release() -> None:
    newest = build('"setuptools>=61"', "setuptools.build_meta").environment(Target("3.12"))
    assert newest.provides("pkg_resources").absent  # removed in 82
    capped = build('"setuptools<82"', "setuptools.build_meta").environment(Target("3.12"))
    assert capped.provides("pkg_resources").provided


def test_a_module_provided_only_before_a_python() -> None:
    model = build('"setuptools>=61", "numpy"', "setuptools.build_meta")
    assert model.environment(Target("3.11")).provides("numpy.distutils.core").provided
    assert model.environment(Target("3.12")).provides("numpy.distutils.core").absent


def test_without_build_system_the_fallback_builds() -> None:
    model = model_of('[project]\nname = "x"\n')
    assert model.uses_fallback and model.effective_backend is not None
    assert model.effective_backend.path == "setuptools.build_meta:__legacy__"
    assert all(p.provided for p in model.backend_provisions.values())


# -- conflicts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entries", "ok"),
    [
        (["setuptools>=70", "setuptools<65"], False),
        (["a>1.0,<1.0.1"], True),
        (["a==1.*", "a!=1.*"], False),
        (["a~=2.1", "a<2.1.5"], True),
        (["a>=1,!=1.5"], True),
        (["a==1.0", "a==1.0.0"], True),
        (["a<1", "a>=1"], False),
    ],
)
def test_satisfiable(entries: list[str], ok: bool) -> None:
    assert satisfiable([parse_requirement(entry) for entry in entries]) is ok


def test_conflicts_are_per_target() -> None:
    model = build("\"setuptools>=70\", \"setuptools<65; python_version < '3.10'\"", "setuptools.build_meta")
    [conflict] = model.conflicts
    assert conflict.indices == (0, 1) and [t.python for t in conflict.targets] == ["3.9"]


# -- plugins and features ----------------------------------------------------------------------------


def test_plugins_the_tables_call_for() -> None:
    model = build(
        '"hatchling"',
        "hatchling.build",
        '[tool.hatch.version]\nsource = "vcs"\n[tool.hatch.metadata.hooks.fancy-pypi-readme]\n'
        "[tool.hatch.build.targets.wheel.hooks.custom]\n",
    )
    uses = {(use.plugin.kind, use.plugin.name): use.path for use in model.plugin_uses}
    assert uses[("version-source", "vcs")] == ("tool", "hatch", "version", "source")
    assert uses[("metadata-hook", "fancy-pypi-readme")] == ("tool", "hatch", "metadata", "hooks", "fancy-pypi-readme")
    assert ("build-hook", "custom") in uses
    # Another backend builds: hatchling's tables call for nothing.
    assert build('"setuptools>=61"', "setuptools.build_meta", '[tool.hatch.version]\nsource = "vcs"\n').plugin_uses == []


def test_features_give_meaningful_floors_only() -> None:
    plain = build('"hatchling"', "hatchling.build")
    assert plain.suggested_minimum("hatchling") is None
    licensed = build('"hatchling"', "hatchling.build", '[project]\nname = "x"\nlicense = "MIT"\n')
    assert str(licensed.suggested_minimum("hatchling")) == "1.27.0"
    # setuptools: [project] and, where Python 3.12 is admitted, the first release that runs there.
    assert str(build('"setuptools"', "setuptools.build_meta", '[project]\nname = "x"\n').suggested_minimum("setuptools")) == "66.1.0"
    old = '[project]\nname = "x"\nrequires-python = "<3.12"\n'
    assert str(build('"setuptools"', "setuptools.build_meta", old).suggested_minimum("setuptools")) == "61.0.0"


# -- what setup.py executes ---------------------------------------------------------------------------


def test_branches_for_pythons_builds_never_run_on_are_not_walked() -> None:
    script = (
        "import sys\n"
        "if sys.version_info < (3,):\n    import py2only\nelse:\n    import everywhere\n"
        "if sys.version_info[0] == 2:\n    import py2too\n"
        "if sys.version_info >= (3, 12):\n    import newer\n"
        "if sys.version_info < (3, 8):\n    import importlib_metadata\n"
        "from six import PY2\nif PY2:\n    import py2three\n"
    )
    imports = {i.module: i for i in read_setup_py(script).imports}
    assert {"py2only", "py2too", "importlib_metadata", "py2three"}.isdisjoint(imports)
    assert not imports["everywhere"].optional
    assert imports["newer"].optional  # only on some of the Pythons builds run on


def test_command_classes_for_commands_no_build_runs_are_not_walked() -> None:
    script = (
        "from setuptools import setup\n"
        "class PyTest:\n    def run(self):\n        import pytest\n"
        "class BuildExt:\n    def run(self):\n        import pybind11\n"
        "setup(cmdclass={'test': PyTest, 'build_ext': BuildExt}, python_requires='>=3.9', use_scm_version=True)\n"
    )
    setup_py = read_setup_py(script)
    modules = {i.module for i in setup_py.imports}
    assert "pytest" not in modules and "pybind11" in modules
    assert setup_py.python_requires == ">=3.9" and "use_scm_version" in setup_py.keywords


# -- build-env ---------------------------------------------------------------------------------------


def run_build_env(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pyproject_lint", "build-env", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
    )


def test_build_env_shows_the_chain(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        BACKEND.format("\"poetry>=1.8\", \"numpy; python_version < '3.12'\"", "poetry.core.masonry.api"), encoding="utf-8"
    )
    done = run_build_env(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Backend: poetry.core.masonry.api, from `build-backend`" in done.stdout
    # Pythons with the same environment are one group: numpy below 3.12 only, and poetry's own
    # dependencies change with the Python too (tomli before 3.11).
    assert "On Python 3.12, 3.13, 3.14:\n    requires: poetry>=1.8\n" in done.stdout
    assert "On Python 3.11:\n    requires: poetry>=1.8, numpy; python_version < '3.12'\n" in done.stdout
    assert "poetry-core (through poetry)" in done.stdout and "tomli (through poetry)" in done.stdout
    data = json.loads(run_build_env("--python", "3.12", "--format", "json", cwd=tmp_path).stdout)
    [environment] = data["environments"]
    assert environment["pythons"] == ["3.12"]
    assert {"poetry", "poetry-core"} <= {item["name"] for item in environment["installs"]}
    assert environment["backend"]["status"] == "provided"


def test_build_env_says_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(BACKEND.format("", "hatchling.build"), encoding="utf-8")
    assert "backend: NOT importable: nothing installed provides it (it comes from hatchling)" in run_build_env(cwd=tmp_path).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [(["missing.toml"], "missing.toml: No such file or directory"), (["--python", "2.7"], "--python 2.7: not one of")],
)
def test_build_env_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(BACKEND.format("", "x"), encoding="utf-8")
    done = run_build_env(*args, cwd=tmp_path)
    assert done.returncode == 2 and message in done.stderr and len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "marker",
    [
        "python_version < '3.11'",
        'python_version >= "3.12" and sys_platform == "win32"',
        "python_full_version >= '3.12.4'",
        "platform_machine == 'arm64' or python_version == '3.9'",
        "os_name != 'nt'",
        "python_version < '3.10' and python_version >= '3.9'",
    ],
)
def test_simple_markers_are_read_as_packaging_reads_them(marker: str) -> None:
    from packaging.markers import Marker

    from pyproject_lint.model.environment import PLATFORMS, marker_holds, simple_marker_holds

    for python in ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14"):
        for platform in (None, *PLATFORMS):
            target = Target(python, platform)
            assert simple_marker_holds(marker, target) == marker_holds(Marker(marker), target), (marker, target)
