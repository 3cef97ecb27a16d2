"""The ``[build-system]`` fixtures, built by the real front ends in isolated environments.

Each fixture under ``fixtures/PPL1*`` (and ``PPL006``, a misspelled table) becomes a minimal project (its ``pyproject.toml`` and
the files beside it, such as ``setup.py``, ``setup.cfg`` and sources, a README, one
package, a git tag for version plug-ins, a ``CMakeLists.txt`` for scikit-build-core) and is built with ``pip wheel --no-deps`` and ``python -m build --wheel``,
before and after ``pyproject-lint --fix --unsafe-fixes``, on this Python and, for the rules
about Python 3.12, on 3.12 as well. For every error-severity fixture, the original must fail
with the line its rule names (or build a wheel with the wrong name, version or files) and the
fixed file must build the right wheel. Every outcome, warnings' included, goes into the table
in ``docs/frontends.md``, which must equal what this run saw (``PYPROJECT_LINT_WRITE_DOCS=1``
rewrites it).

The same suite downloads the wheel of every distribution in
the knowledge names a module of (``pyproject_lint.data``) and checks that it holds that module.

These tests need the package index, so they are deselected by default and run on their own:
``pytest -m frontend`` (``tox -e frontend``, which ``tox`` runs).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

import pytest
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT
from pyproject_lint import data
from pyproject_lint._compat import tomllib
from pyproject_lint.diagnostics import Severity
from pyproject_lint.engine import lint

pytestmark = pytest.mark.frontend

FIXTURES = ROOT / "fixtures"
TABLE = ROOT / "docs" / "frontends.md"
#: The fixtures the front ends build: every [build-system] rule's, and the misspelled table's.
BUILT = sorted([*FIXTURES.glob("PPL1*"), FIXTURES / "PPL006"])
TABLE_START = "<!-- frontends:start -->"
TABLE_END = "<!-- frontends:end -->"
TIMEOUT = 900
CURRENT = f"{sys.version_info[0]}.{sys.version_info[1]}"
PY312 = "3.12"


class WrongWheel:
    """Expected outcome: the build succeeds but the wheel's name, version or files are wrong."""

    def __repr__(self) -> str:
        return "WrongWheel"


WRONG = WrongWheel()
Expectation = Union[str, tuple[str, ...], WrongWheel]

#: For each error fixture, per front end (``pip`` or ``build``, ``@3.12`` for a run on
#: Python 3.12), the line the original's failure must contain (case-insensitive; a tuple
#: holds alternatives), or WRONG.
EXPECTED: dict[str, dict[str, Expectation]] = {
    "PPL101": {
        "pip": "The [build-system] table is missing the mandatory `requires` key",
        "build": "`requires` is a required property",
    },
    "PPL102": {
        "pip": "Cannot import build backend 'setuptools.build_meta:__legacy__'",
        "build": "Backend 'setuptools.build_meta:__legacy__' is not available",
    },
    "PPL103": {
        "pip": "Cannot import build backend 'hatchling.build'",
        "build": "Backend 'hatchling.build' is not available",
    },
    "PPL104": {
        "pip": "Cannot import build backend 'setuptools.build_meto'",
        "build": "Backend 'setuptools.build_meto' is not available",
    },
    "PPL107": {
        # The fixture's other error, PPL112: setuptools < 61 ignores [project] (UNKNOWN-0.0.0).
        "pip": WRONG,
        "build": WRONG,
        "pip@3.12": "No module named 'distutils'",
        "build@3.12": "No module named 'distutils'",
    },
    "PPL108": {
        "pip": "It contains an invalid requirement: 'setuptools=>61'",
        # build passes its requirements to pip in set order, and pip names the first bad one.
        "build": ("Invalid requirement: 'setuptools=>61'", "Invalid requirement: 'setuptools-scm=8'"),
    },
    "PPL109": {
        "pip": "Cannot import build backend 'setuptools.build_meta:__legacy__'",
        "build": "Unknown properties: build_backend",
    },
    "PPL110": {
        "pip": "ValueError: paths must be inside source tree",
        "build": "`backend-path` entry '../tools' does not exist",
    },
    "PPL006": {
        "pip": "Missing `project` metadata table",
        "build": "Missing `project` metadata table",
    },
    "PPL113": {"pip": WRONG, "build": WRONG},
    "PPL115": {
        "pip": "ResolutionImpossible",
        "build": "ResolutionImpossible",
    },
    "PPL116": {
        "pip": "Unknown version source: vcs",
        "build": "Unknown version source: vcs",
    },
    "PPL117": {"pip": WRONG, "build": WRONG},
    "PPL125": {
        "pip": "object has no attribute 'cython_sources'",
        "build": "object has no attribute 'cython_sources'",
    },
    "PPL118": {
        "pip": "The [tool.flit.metadata] table is no longer supported",
        "build": "The [tool.flit.metadata] table is no longer supported",
    },
    "PPL120": {"pip": "No module named 'numpy'", "build": "No module named 'numpy'"},
    "PPL121": {"pip": "No module named 'setuptools_scm'", "build": "No module named 'setuptools_scm'"},
    "PPL122": {
        # numpy.distutils and setuptools >= 81 (numpy.distutils' `works-with` in the knowledge).
        "pip": "Compiler.__init__() takes from 1 to 3 positional arguments",
        "build": "Compiler.__init__() takes from 1 to 3 positional arguments",
        "pip@3.12": "No module named 'numpy.distutils'",
        "build@3.12": "No module named 'numpy.distutils'",
    },
    "PPL123": {"pip": "No module named 'Cython'", "build": "No module named 'Cython'"},
    "PPL124": {"pip": "SyntaxError", "build": "SyntaxError"},
    # It builds; `pip install -e .` fails (pip 26.3; no `setup.py develop` fallback since pip 25.3).
    "PPL126": {"pip -e": "missing the 'build_editable' hook"},
}
#: What a fixture folder holds besides the project's own files.
FIXTURE_ONLY = ("expected.txt", "fixed.toml", "pyproject.toml")


# -- minimal projects ---------------------------------------------------------------------


@dataclass(frozen=True)
class Intent:
    """What a correct build of a fixture produces: the distribution, its version, its package."""

    name: str
    version: str
    package: str  # the package's folder in the project, e.g. ``demo`` or ``src/meteo``

    @property
    def module(self) -> str:
        return self.package.rsplit("/", 1)[-1]


def intent_of(data: Mapping[str, Any]) -> Intent:
    """The name, version and package a fixture means, from ``[project]`` or ``[tool.poetry]``."""
    tool = data.get("tool", {})
    project = data.get("project") or tool.get("poetry") or {}
    name = str(project.get("name", "demo"))
    dynamic = "version" in project.get("dynamic", ())
    version = "1.0" if dynamic else str(project.get("version", "1.0"))
    hatch = tool.get("hatch", {}).get("build", {}).get("targets", {}).get("wheel", {})
    poetry = [entry.get("include") for entry in tool.get("poetry", {}).get("packages", ())]
    package = (hatch.get("packages") or poetry or [canonicalize_name(name).replace("-", "_")])[0]
    return Intent(name, version, package)


def copy_beside(fixture: Path, folder: Path) -> None:
    """The files a fixture has beside its ``pyproject.toml`` (``setup.py``, sources)."""
    shutil.copytree(fixture, folder, ignore=lambda _, names: [n for n in names if n in FIXTURE_ONLY], dirs_exist_ok=True)


def make_project(folder: Path, text: str, intent: Intent, fixture: Optional[Path] = None) -> Path:
    """``folder`` as a git checkout at tag ``v1.0`` with ``text`` as its ``pyproject.toml``
    and the other files of ``fixture``."""
    package = folder / intent.package
    package.mkdir(parents=True)
    if fixture is not None:
        copy_beside(fixture, folder)
    if not (package / "__init__.py").exists():  # a fixture may bring its own (flit reads its version)
        (package / "__init__.py").write_text('"""A demo package."""\n', encoding="utf-8")
    (folder / "README.md").write_text(f"# {intent.name}\n", encoding="utf-8")
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    if "scikit-build-core" in text:
        (folder / "CMakeLists.txt").write_text(
            "cmake_minimum_required(VERSION 3.15)\n"
            "project(${SKBUILD_PROJECT_NAME} LANGUAGES NONE)\n"
            f"install(DIRECTORY {intent.package} DESTINATION .)\n",
            encoding="utf-8",
        )
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "demo"], ["tag", "v1.0"]):
        subprocess.run([*git, *args], cwd=folder, check=True, capture_output=True)
    return folder


# -- running the front ends ----------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    """One front end's run on one project."""

    returncode: int
    output: str
    wheel: Optional[Path]

    def verdict(self, intent: Intent) -> Optional[str]:
        """Why the wheel is wrong, or None when it is the wheel ``intent`` describes."""
        if self.wheel is None:
            return "no wheel"
        name, version = self.wheel.name.removesuffix(".dist-info").split("-")[:2]
        problems = []
        if canonicalize_name(name) != canonicalize_name(intent.name):
            problems.append(f"named `{name}`, not `{intent.name}`")
        if Version(version) != Version(intent.version):
            problems.append(f"version {version}, not {intent.version}")
        if self.wheel.suffix == ".whl":  # an editable install's .dist-info points at the sources
            with zipfile.ZipFile(self.wheel) as archive:
                if f"{intent.module}/__init__.py" not in archive.namelist():
                    problems.append(f"no `{intent.module}` package")
        return "; ".join(problems) or None


class Frontends:
    """pip and build on one Python: this one, or a fresh virtual environment of another."""

    def __init__(self, python: str, version: str) -> None:
        self.python = python
        self.version = version

    def run(self, frontend: str, project: Path, out: Path) -> Build:
        if frontend == "pip":
            args = ["-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(out), str(project)]
        elif frontend == "pip -e":
            args = ["-m", "pip", "install", "--no-deps", "--prefix", str(out / "prefix"), "-e", str(project)]
        else:
            args = ["-m", "build", "--wheel", "--outdir", str(out), str(project)]
        return self._pip_or_build(args, out)

    def install_dry_run(self, project: Path, report: Path) -> Build:
        """``pip install --dry-run`` of the project with its dependencies: what resolving them
        does on this Python (sdists without a wheel get their metadata built)."""
        args = ["-m", "pip", "install", "--dry-run", "--ignore-installed", "--report", str(report), str(project)]
        return self._pip_or_build(args, report.parent / f"out-{report.stem}")

    def download(self, distribution: str, out: Path) -> Build:
        """The wheel pip would install of ``distribution`` on this Python (no build)."""
        args = ["-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--dest", str(out), distribution]
        return self._pip_or_build(args, out)

    def _pip_or_build(self, args: list[str], out: Path) -> Build:
        out.mkdir(parents=True)
        # No pip configuration: what a fresh machine does. A fixed hash seed: the same
        # requirement order (build keeps them in a set) and so the same message every run.
        env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONHASHSEED": "0"}
        env.pop("PIP_FIND_LINKS", None)
        try:
            done = subprocess.run(
                [self.python, *args], capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired as error:
            return Build(-1, f"timed out after {error.timeout} s", None)
        wheels = sorted(out.glob("*.whl")) or sorted(out.glob("prefix/lib/*/site-packages/*.dist-info"))
        return Build(done.returncode, done.stdout + done.stderr, wheels[0] if wheels else None)


def python312(tmp: Path) -> Optional[Frontends]:
    """A virtual environment of CPython 3.12 with current pip and build, or None without one."""
    if CURRENT == PY312:
        return Frontends(sys.executable, PY312)
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False).stdout.strip()
    candidates = [shutil.which(f"python{PY312}"), *sorted(Path(root).glob(f"versions/{PY312}.*/bin/python{PY312}"))]
    # A pyenv shim is on PATH even where that version is not selected, so each is tried.
    working = [str(c) for c in candidates if c and subprocess.run([c, "-c", ""], capture_output=True, check=False).returncode == 0]
    if not working:
        return None
    found = working[0]
    venv = tmp / "py312"
    subprocess.run([found, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--upgrade", "pip", "build"],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_CONFIG_FILE": os.devnull},
    )
    return Frontends(python, PY312)


# -- the fixtures and what happened to them -------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One fixture: its text, the text after the fix, its worst severity, what it means."""

    code: str
    folder: Path
    original: str
    fixed: Optional[str]
    severity: Severity
    intent: Intent


def fixed_text(folder: Path, text: str, fixture: Path) -> Optional[str]:
    """The fixture after ``pyproject-lint --fix --unsafe-fixes``, run as a user runs it."""
    folder.mkdir(parents=True)
    copy_beside(fixture, folder)
    target = folder / "pyproject.toml"
    target.write_text(text, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pyproject_lint", "--fix", "--unsafe-fixes", str(target)],
        capture_output=True,
        check=False,
    )
    after = target.read_text(encoding="utf-8")
    return None if after == text else after


def worst_severity(folder: Path) -> Severity:
    result = lint((folder / "pyproject.toml").read_bytes(), folder / "pyproject.toml")
    return Severity.ERROR if any(d.severity is Severity.ERROR for d in result.diagnostics) else Severity.WARNING


def build_system_cases(tmp: Path) -> list[Case]:
    cases = []
    for folder in BUILT:
        text = (folder / "pyproject.toml").read_text(encoding="utf-8")
        fixed = fixed_text(tmp / "fix" / folder.name, text, folder)
        cases.append(Case(folder.name, folder, text, fixed, worst_severity(folder), intent_of(tomllib.loads(text))))
    return cases


@dataclass(frozen=True)
class Outcome:
    """A front end's run on a fixture, before and after the fix."""

    case: Case
    runner: str  # "pip" or "build", with "@3.12" for the Python 3.12 runs
    python: str
    original: Build
    fixed: Optional[Build]


def runners_for(case: Case) -> list[str]:
    extra = [runner for runner in EXPECTED.get(case.code, {}) if runner not in ("pip", "build")]
    return ["pip", "build", *extra]


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Outcome]:
    """Every fixture through every front end, four builds at a time."""
    tmp = tmp_path_factory.mktemp("frontends")
    cases = build_system_cases(tmp)
    pythons: dict[str, Optional[Frontends]] = {"": Frontends(sys.executable, CURRENT)}
    if any("@" in runner for case in cases for runner in runners_for(case)):
        pythons[PY312] = python312(tmp)

    def one(case: Case, runner: str) -> Optional[Outcome]:
        frontend, _, version = runner.partition("@")
        frontends = pythons[version]
        if frontends is None:
            return None
        where = tmp / case.code / runner.replace("@", "-")
        original = frontends.run(
            frontend, make_project(where / "original", case.original, case.intent, case.folder), where / "out-original"
        )
        fixed = None
        if case.fixed is not None:
            project = make_project(where / "fixed", case.fixed, case.intent, case.folder)
            fixed = frontends.run(frontend, project, where / "out-fixed")
        return Outcome(case, runner, frontends.version, original, fixed)

    jobs = [(case, runner) for case in cases for runner in runners_for(case)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(lambda job: one(*job), jobs))
    return {(job[0].code, job[1]): outcome for job, outcome in zip(jobs, done) if outcome is not None}


def _matching_line(output: str, expected: Union[str, tuple[str, ...]]) -> Optional[str]:
    wanted = [expected] if isinstance(expected, str) else list(expected)
    for line in output.splitlines():
        if any(text.lower() in line.lower() for text in wanted):
            return line
    return None


def summary(build: Build, intent: Intent, expected: Optional[Expectation] = None) -> str:
    """What a run did, in one table cell: builds, builds the wrong wheel, or fails (and how)."""
    if build.returncode == 0 and build.wheel is not None:
        wrong = build.verdict(intent)
        if wrong:
            return f"builds the wrong wheel: `{build.wheel.name}` ({wrong})"
        if build.wheel.suffix == ".dist-info":
            return f"installs `{build.wheel.name}` editable"
        warnings = [line for line in _lines(build.output) if re.match(r"(WARNING|DEPRECATION)\b", line)]
        with_warning = f", warning `{warnings[0]}`" if warnings else ""
        return f"builds `{build.wheel.name}`{with_warning}"
    if isinstance(expected, (str, tuple)):
        line = _matching_line(build.output, expected)
        if line is not None:
            return f"fails: `{_clean(line)}`"
    return f"fails: `{_telling(build.output)}`"


def _clean(line: str) -> str:
    # build prefixes its subprocesses' lines with "<"; pip frames its errors with box drawing.
    line = re.sub(r"(file://)?/tmp/\S+?(?=['\s]|$)", "…", line.strip(" <×╰─>│\t"))
    return line.replace("`", "'")


def _lines(output: str) -> Iterator[str]:
    return (_clean(line) for line in output.splitlines() if line.strip())


def _telling(output: str) -> str:
    """The line of a failure a user would read: pip's boxed summary, else the last error line."""
    lines = output.splitlines()
    for index, line in enumerate(lines):
        if line.lstrip().startswith("╰─>") and index > 0:
            return _clean(lines[index - 1]) + " " + _clean(line)
    errors = [line for line in _lines(output) if re.search(r"\b(ERROR|Error)\b", line) and "TIP" not in line]
    return errors[-1] if errors else "exit status, no error line"


# -- the tests ------------------------------------------------------------------------------

ERROR_RUNS = [(code, runner) for code, runners in EXPECTED.items() for runner in runners]


def test_every_error_fixture_is_expected() -> None:
    """A new error rule or fixture in [build-system] must say how the front ends fail on it."""
    errors = {folder.name for folder in BUILT if worst_severity(folder) is Severity.ERROR}
    assert errors == set(EXPECTED)


@pytest.mark.parametrize(("code", "runner"), ERROR_RUNS)
def test_error_fixture_fails_as_its_rule_says(
    outcomes: dict[tuple[str, str], Outcome], code: str, runner: str
) -> None:
    outcome = outcomes.get((code, runner))
    if outcome is None:
        pytest.skip(f"no Python {PY312} on this machine")
    expected = EXPECTED[code][runner]
    build = outcome.original
    if isinstance(expected, WrongWheel):
        assert build.returncode == 0, build.output
        assert build.verdict(outcome.case.intent), f"{build.wheel} is the right wheel"
    else:
        assert build.returncode != 0, build.output
        assert _matching_line(build.output, expected), build.output


@pytest.mark.parametrize(("code", "runner"), ERROR_RUNS)
def test_fixed_error_fixture_builds(outcomes: dict[tuple[str, str], Outcome], code: str, runner: str) -> None:
    outcome = outcomes.get((code, runner))
    if outcome is None:
        pytest.skip(f"no Python {PY312} on this machine")
    if outcome.fixed is None:
        pytest.skip(f"{code} has no fix")
    fixed = outcome.fixed
    assert fixed.returncode == 0, fixed.output
    assert fixed.verdict(outcome.case.intent) is None, fixed.output


def versions(python: str) -> str:
    found = []
    for module in ("pip", "build"):
        out = subprocess.run([python, "-m", module, "--version"], capture_output=True, text=True, check=False).stdout
        found.append(" ".join(out.split()[:2]))
    return " and ".join(found)


def frontends_table(outcomes: Mapping[tuple[str, str], Outcome]) -> str:
    rows = [
        "| fixture | severity | front end | original | after `--fix --unsafe-fixes` |",
        "|---|---|---|---|---|",
    ]
    for (code, runner), outcome in sorted(outcomes.items(), key=lambda item: (item[0][0], _order(item[0][1]))):
        case = outcome.case
        expected = EXPECTED.get(code, {}).get(runner)
        frontend = runner.partition("@")[0]
        command = {"pip": "`pip wheel`", "pip -e": "`pip install -e`"}.get(frontend, "`python -m build`")
        after = "no fix" if outcome.fixed is None else summary(outcome.fixed, case.intent)
        rows.append(
            f"| [{code}](rules.md#{code.lower()}) | {case.severity.value} | {command}, CPython {outcome.python} "
            f"| {summary(outcome.original, case.intent, expected)} | {after} |"
        )
    return "\n".join(rows) + "\n"


def _order(runner: str) -> tuple[str, str]:
    frontend, _, version = runner.partition("@")
    return (version, "0" if frontend == "pip" else frontend)


def test_frontends_table_is_current(outcomes: dict[tuple[str, str], Outcome]) -> None:
    """The table in docs/frontends.md is what the front ends did in this run.

    The line naming pip's and build's versions is rewritten with the table but not compared,
    so that a new pip release fails this test only when it behaves differently.
    """
    block = f"Last written with {versions(sys.executable)}.\n\n{frontends_table(outcomes)}"
    current = TABLE.read_text(encoding="utf-8")
    head, _, rest = current.partition(TABLE_START)
    old, _, tail = rest.partition(TABLE_END)
    if os.environ.get("PYPROJECT_LINT_WRITE_DOCS") == "1":
        TABLE.write_text(f"{head}{TABLE_START}\n{block}{TABLE_END}{tail}", encoding="utf-8")
        return

    def rows(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.startswith("|")]

    assert rows(old) == rows(block), "docs/frontends.md differs from this run: rerun with PYPROJECT_LINT_WRITE_DOCS=1"


# -- which distribution provides which module ---------------------------------------------------

IMPORTS = sorted(
    (module.name, distribution.name)
    for distribution in data.load().distributions.values()
    for module in distribution.modules
    if module.releases == data.Span() and module.python_until is None
)


@pytest.fixture(scope="session")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """The current wheel for this Python of each distribution the knowledge names a module of."""
    tmp = tmp_path_factory.mktemp("wheels")
    frontends = Frontends(sys.executable, CURRENT)

    def one(distribution: str) -> Build:
        out = tmp / canonicalize_name(distribution)
        return frontends.download(distribution, out)

    distributions = sorted({distribution for _, distribution in IMPORTS})
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(distributions, pool.map(one, distributions)))


@pytest.mark.parametrize(("module", "distribution"), IMPORTS)
def test_known_distribution_provides_the_module(wheels: dict[str, Build], module: str, distribution: str) -> None:
    """Each module the knowledge says a distribution provides, checked against the wheel pip installs."""
    download = wheels[distribution]
    assert download.wheel is not None, download.output
    path = module.replace(".", "/")
    with zipfile.ZipFile(download.wheel) as archive:
        names = archive.namelist()
    assert any(
        name.startswith(f"{path}/") or name == f"{path}.py" or re.fullmatch(rf"{re.escape(path)}\.[^/]*(so|pyd)", name)
        for name in names
    ), f"{download.wheel.name} has no module `{module}`"


# -- behaviours the build model must get right, each proven by pip --------------------------------


@dataclass(frozen=True)
class Behaviour:
    """A case the linter reads one way: pip must agree. ``pip`` is the line pip's failure
    contains, ``None`` for a build of the right wheel, or WRONG; ``finds`` the rules the
    linter must report (with their severity), ``silent`` those it must not."""

    name: str
    text: str
    pip: Optional[Expectation]
    finds: tuple[tuple[str, Severity], ...] = ()
    silent: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()


_PROJECT = '\n[project]\nname = "demo"\nversion = "1.0"\n'
BEHAVIOURS = [
    Behaviour(
        "unknown-backend-empty-requires",
        '[build-system]\nrequires = []\nbuild-backend = "my_backend"\n' + _PROJECT,
        "Cannot import build backend 'my_backend'",
        finds=(("PPL103", Severity.ERROR),),
    ),
    Behaviour(
        "unknown-backend-nothing-provides",
        '[build-system]\nrequires = ["setuptools>=66.1"]\nbuild-backend = "acme_build.api"\n' + _PROJECT,
        "Cannot import build backend 'acme_build.api'",
        finds=(("PPL103", Severity.ERROR),),
    ),
    Behaviour(
        "backend-through-a-dependency",
        '[build-system]\nrequires = ["hatch-vcs"]\nbuild-backend = "hatchling.build"\n' + _PROJECT,
        None,
        finds=(("PPL114", Severity.WARNING),),
        silent=("PPL103",),
    ),
    Behaviour(
        "marker-drops-the-backend",
        "[build-system]\nrequires = [\"setuptools>=66.1; python_version < '3.0'\"]\n"
        'build-backend = "setuptools.build_meta"\n' + _PROJECT,
        "Cannot import build backend 'setuptools.build_meta'",
        finds=(("PPL103", Severity.ERROR),),
    ),
    Behaviour(
        "metadata-hook-without-its-plugin",
        '[build-system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n'
        '[project]\nname = "demo"\nversion = "1.0"\ndynamic = ["readme"]\n'
        '[tool.hatch.metadata.hooks.fancy-pypi-readme]\ncontent-type = "text/markdown"\n'
        '[[tool.hatch.metadata.hooks.fancy-pypi-readme.fragments]]\ntext = "demo"\n',
        "Unknown metadata hook: fancy-pypi-readme",
        finds=(("PPL116", Severity.ERROR),),
    ),
    Behaviour(
        "setuptools-scm-table-without-setuptools-scm",
        '[build-system]\nrequires = ["setuptools>=66.1"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "demo"\ndynamic = ["version"]\n[tool.setuptools_scm]\n',
        WRONG,
        finds=(("PPL116", Severity.ERROR),),
    ),
    Behaviour(
        "deprecated-backend-without-its-distribution",
        '[build-system]\nrequires = ["flit_core>=3.4,<4"]\nbuild-backend = "flit.buildapi"\n' + _PROJECT,
        "No module named 'flit'",
        finds=(("PPL103", Severity.ERROR),),
        silent=("PPL105",),
    ),
    Behaviour(
        "in-tree-backend-with-a-deprecated-name",
        '[build-system]\nrequires = ["flit_core>=3.4,<4"]\nbuild-backend = "flit.buildapi"\nbackend-path = ["_build"]\n'
        + _PROJECT + 'description = "A demo."\n',
        None,
        silent=("PPL103", "PPL105"),
        files=(("_build/flit/__init__.py", ""), ("_build/flit/buildapi.py", "from flit_core.buildapi import *\n")),
    ),
    Behaviour(
        "misspelled-build-system",
        '[build_system]\nrequires = ["hatchling>=1.27"]\nbuild-backend = "hatchling.build"\n' + _PROJECT,
        None,
        finds=(("PPL006", Severity.WARNING),),
        silent=("PPL200",),
    ),
]


@pytest.fixture(scope="session")
def behaviours(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """Every behaviour's project through pip, on this Python."""
    tmp = tmp_path_factory.mktemp("behaviours")
    frontends = Frontends(sys.executable, CURRENT)

    def one(behaviour: Behaviour) -> Build:
        project = make_project(tmp / behaviour.name / "project", behaviour.text, Intent("demo", "1.0", "demo"))
        for name, content in behaviour.files:
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            (project / name).write_text(content, encoding="utf-8")
        return frontends.run("pip", project, tmp / behaviour.name / "out")

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip((b.name for b in BEHAVIOURS), pool.map(one, BEHAVIOURS)))


@pytest.mark.parametrize("behaviour", BEHAVIOURS, ids=lambda b: b.name)
def test_pip_does_what_the_linter_says(behaviours: dict[str, Build], behaviour: Behaviour, tmp_path: Path) -> None:
    for name, content in behaviour.files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    found = {(d.code, d.severity) for d in lint(behaviour.text, tmp_path / "pyproject.toml").diagnostics}
    assert set(behaviour.finds) <= found
    assert not {code for code, _ in found} & set(behaviour.silent)
    build = behaviours[behaviour.name]
    intent = Intent("demo", "1.0", "demo")
    if behaviour.pip is None:
        assert build.returncode == 0 and build.verdict(intent) is None, build.output
    elif isinstance(behaviour.pip, WrongWheel):
        assert build.returncode == 0 and build.verdict(intent), build.output
    else:
        assert build.returncode != 0 and _matching_line(build.output, behaviour.pip), build.output


# -- dependencies: does `pip install` of the project resolve on the Python a finding names? -------

#: Dependency fixtures, by rule: the Python to install on, and the line pip's failure must
#: contain (``None``: it resolves, for a warning). The fixed file must resolve there too.
DEPENDENCY_CASES: dict[str, tuple[str, Optional[str]]] = {
    "PPL211": (PY312, "No module named 'distutils'"),
    "PPL212": (CURRENT, None),
}


@pytest.mark.parametrize("code", sorted(DEPENDENCY_CASES))
def test_dependency_fixture_installs_as_its_rule_says(code: str, tmp_path: Path) -> None:
    python, expected = DEPENDENCY_CASES[code]
    frontends = Frontends(sys.executable, CURRENT) if python == CURRENT else python312(tmp_path)
    if frontends is None:
        pytest.skip(f"no Python {python} on this machine")
    folder = FIXTURES / code
    for label, name in (("original", "pyproject.toml"), ("fixed", "fixed.toml")):
        text = (folder / name).read_text(encoding="utf-8")
        project = make_project(tmp_path / label, text, intent_of(tomllib.loads(text)))
        done = frontends.install_dry_run(project, tmp_path / f"{label}-report.json")
        if label == "original" and expected is not None:
            assert done.returncode != 0 and _matching_line(done.output, expected), done.output
        else:
            assert done.returncode == 0, done.output
