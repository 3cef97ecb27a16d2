#!/usr/bin/env python3
"""The real-world conformance suite: real sdists, judged by pip's own metadata step.

A maintainers' tool (stdlib and ``packaging`` only; Python 3.11+ for ``tomllib``)::

    python scripts/realworld.py resolve            # fill filename/sha256/url from the index
    python scripts/realworld.py inspect            # download, check [build-system], fill backend/license
    python scripts/realworld.py oracle [--only NAME] [--python 3.12] [--force]
    python scripts/realworld.py reclassify         # classify the kept logs again (after changing PATTERNS)
    python scripts/realworld.py extract            # the files the linter reads, per sdist
    python scripts/realworld.py doc                # docs/realworld.md from the outcomes and the linter

To check reproducibility, re-run a subset into another file and compare verdicts:
``REALWORLD_LOGS=/tmp/logs2 python scripts/realworld.py oracle --force --outcomes /tmp/rerun.toml --only NAME``.
A new sdist: add a `[[sdist]]` row (name, version or "" for the newest, era, reason), then
``resolve``, ``inspect``, ``oracle --only NAME``, ``extract``, ``doc``; read its logs.

``oracle`` runs, for each sdist and each CPython of ``PYTHONS`` that pyenv has, in a fresh
venv with the newest pip and no user pip configuration::

    python -m pip install --dry-run --no-deps --ignore-installed --report R -v <unpacked sdist>

which builds the isolated environment from ``requires``, calls ``get_requires_for_build_wheel``
and ``prepare_metadata_for_build_wheel`` (or, for a backend without that hook, ``build_wheel``)
and installs nothing. Each run is classified from its log (``classify``) and written to
``tests/realworld/outcomes.toml`` as soon as it ends, so an interrupted oracle resumes where it
stopped. Archives, unpacked trees and logs stay outside the repository.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # the script says so and stops below; this keeps mypy's 3.10 target honest
    import tomli as tomllib

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import InvalidSdistFilename, canonicalize_name, parse_sdist_filename
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "realworld"
MANIFEST = SUITE / "manifest.toml"
OUTCOMES = SUITE / "outcomes.toml"
SDISTS = SUITE / "sdists"
NOTICE = SUITE / "NOTICE.md"
DOC = ROOT / "docs" / "realworld.md"
CACHE = Path(os.environ.get("REALWORLD_CACHE", "/work/realworld-cache"))
LOGS = Path(os.environ.get("REALWORLD_LOGS", "/work/realworld-logs"))
PYTHONS = ("3.11", "3.12", "3.13")
INDEX = "https://pypi.org/simple/"
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
#: The files the linter reads; everything else in an sdist is only listed (``FILES.txt``).
READ_FILES = ("pyproject.toml", "setup.py", "setup.cfg")
FILES_DEPTH = 3
#: Seconds for one run, and for its one retry after a time-out.
TIME_LIMIT = 300
RETRY_LIMIT = 600
WORKERS = 2


# -- manifest -----------------------------------------------------------------------------

MANIFEST_KEYS = ("name", "version", "filename", "sha256", "url", "uploaded", "era", "backend", "license", "reason")


def sdist_id(row: Mapping[str, Any]) -> str:
    return f"{row['name']}-{row['version']}"


def load_manifest(path: Path = MANIFEST) -> list[dict[str, Any]]:
    with path.open("rb") as file:
        return list(tomllib.load(file)["sdist"])


def toml_value(value: object) -> str:
    """A TOML literal for the few shapes the suite writes (strings, numbers, flat tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, Mapping):
        inner = ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def toml_tables(name: str, rows: Iterable[Mapping[str, Any]], keys: Sequence[str]) -> str:
    parts = []
    for row in rows:
        lines = [f"[[{name}]]"] + [f"{key} = {toml_value(row[key])}" for key in keys if key in row]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


MANIFEST_HEADER = """\
# The real-world conformance suite: source distributions from the package index, chosen by
# name (see `reason`), judged by pip's metadata step (`python scripts/realworld.py oracle`).
# `filename`, `sha256`, `url` and `uploaded` come from the index (`resolve`); `backend` and
# `license` from the sdist itself (`inspect`). era: "old" = a 2018-2023 release likely to fail
# today for configuration reasons; "current" = the newest release when chosen.

"""


def save_manifest(rows: Sequence[Mapping[str, Any]], path: Path = MANIFEST) -> None:
    path.write_text(MANIFEST_HEADER + toml_tables("sdist", rows, MANIFEST_KEYS), encoding="utf-8")


# -- the index ----------------------------------------------------------------------------


def index_files(name: str) -> list[dict[str, Any]]:
    """The files of one project, from the simple API's JSON form (one request)."""
    request = urllib.request.Request(INDEX + canonicalize_name(name) + "/", headers={"Accept": SIMPLE_JSON})
    with urllib.request.urlopen(request, timeout=60) as response:
        return list(json.load(response)["files"])


def sdist_version(filename: str) -> Optional[Version]:
    try:
        return parse_sdist_filename(filename)[1]
    except (InvalidSdistFilename, InvalidVersion):
        return None


def pick_sdist(files: Sequence[Mapping[str, Any]], version: str) -> Optional[Mapping[str, Any]]:
    """The sdist of ``version`` (``.tar.gz`` before ``.zip``), or of the newest final release."""
    sdists = [f for f in files if not f.get("yanked") and sdist_version(f["filename"]) is not None]
    if version:
        wanted = Version(version)
        sdists = [f for f in sdists if sdist_version(f["filename"]) == wanted]
    else:
        versions = [v for v in (sdist_version(f["filename"]) for f in sdists) if v and not v.is_prerelease]
        newest = max(versions, default=None)
        sdists = [f for f in sdists if sdist_version(f["filename"]) == newest]
    sdists.sort(key=lambda f: not f["filename"].endswith(".tar.gz"))
    return sdists[0] if sdists else None


def resolve(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        if row.get("sha256"):
            continue
        found = pick_sdist(index_files(row["name"]), row.get("version", ""))
        if found is None:
            print(f"{row['name']} {row.get('version', '')}: no sdist on the index", file=sys.stderr)
            continue
        row["version"] = str(sdist_version(found["filename"]))
        row["filename"] = found["filename"]
        row["sha256"] = found["hashes"]["sha256"]
        row["url"] = found["url"]
        row["uploaded"] = str(found.get("upload-time", ""))[:10]
        print(f"{sdist_id(row)}: {row['filename']} ({row['uploaded']})")


# -- archives -----------------------------------------------------------------------------


def download(row: Mapping[str, Any]) -> Path:
    """The archive in the cache, downloaded once and checked against the manifest's sha256."""
    target = CACHE / "archives" / str(row["filename"])
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        with urllib.request.urlopen(row["url"], timeout=300) as response, partial.open("wb") as out:
            shutil.copyfileobj(response, out)
        partial.replace(target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest != row["sha256"]:
        target.unlink()
        raise SystemExit(f"{row['filename']}: sha256 {digest} is not the manifest's {row['sha256']}")
    return target


def unpack(row: Mapping[str, Any]) -> Path:
    """The sdist's root folder, unpacked once into the cache (never into the repository)."""
    archive = download(row)
    target = CACHE / "unpacked" / sdist_id(row)
    if not target.exists():
        partial = target.with_name(target.name + ".part")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as z:
                z.extractall(partial)  # zipfile refuses absolute and `..` paths itself
        else:
            with tarfile.open(archive) as t:
                t.extractall(partial, filter="data")
        partial.replace(target)
    tops = list(target.iterdir())
    return tops[0] if len(tops) == 1 and tops[0].is_dir() else target


def pkg_info(source: Path) -> dict[str, Any]:
    path = source / "PKG-INFO"
    if not path.is_file():
        return {}
    message = HeaderParser().parsestr(path.read_text(encoding="utf-8", errors="replace"))
    return {"Requires-Python": message.get("Requires-Python", ""), "License": message.get("License", ""),
            "License-Expression": message.get("License-Expression", ""),
            "Classifier": message.get_all("Classifier") or []}


def read_pyproject(source: Path) -> dict[str, Any]:
    try:
        table: dict[str, Any] = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return table


def declared_license(source: Path) -> str:
    """The licence as the project declares it: License-Expression, a short License field, or
    the licence classifier."""
    info = pkg_info(source)
    if info.get("License-Expression"):
        return str(info["License-Expression"])
    text = str(info.get("License") or "").strip()
    if text and text.upper() != "UNKNOWN" and "\n" not in text and len(text) < 80:
        return text
    pyproject = read_pyproject(source)
    project = pyproject.get("project", {})
    license_value = project.get("license") if isinstance(project, dict) else None
    if isinstance(license_value, str):
        return license_value
    flit = pyproject.get("tool", {}).get("flit", {}).get("metadata", {})
    classifiers = [*info.get("Classifier", []), *project.get("classifiers", []), *flit.get("classifiers", [])]
    for classifier in classifiers:
        if classifier.startswith("License :: "):
            return str(classifier).split(" :: ")[-1]
    if text:
        return text.splitlines()[0][:80]
    return "not declared"


def inspect(rows: list[dict[str, Any]]) -> None:
    """Check each sdist has [build-system]; record its backend and licence."""
    for row in rows:
        source = unpack(row)
        system = read_pyproject(source).get("build-system")
        if not isinstance(system, dict):
            print(f"{sdist_id(row)}: NO [build-system] (replace it)")
            row["backend"] = ""
        else:
            row["backend"] = str(system.get("build-backend", "(none)"))
        row["license"] = declared_license(source)
        print(f"{sdist_id(row)}: {row['backend']} | {row['license']}")


# -- the oracle: running pip --------------------------------------------------------------


def pyenv_python(minor: str) -> Optional[Path]:
    """The newest pyenv CPython ``minor`` (``3.12``), or None."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(
        (p for p in root.glob(f"{minor}.*") if re.fullmatch(re.escape(minor) + r"\.\d+", p.name)),
        key=lambda p: Version(p.name),
    )
    return found[-1] / "bin" / "python" if found else None


def clean_environment() -> dict[str, str]:
    """The caller's environment without pip configuration: as a user's pip would run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    for key in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "SETUPTOOLS_USE_DISTUTILS"):
        env.pop(key, None)
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INPUT="1", PIP_CACHE_DIR=str(CACHE / "pip-cache"))
    return env


def fresh_venv(minor: str, base: Path) -> tuple[Path, str, str]:
    """A new venv for this oracle run with the newest pip; its python, its pip and Python versions."""
    venv = CACHE / "venvs" / minor
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([str(base), "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "-U", "pip"], check=True, env=clean_environment())
    pip_version = subprocess.run(
        [str(python), "-c", "import pip; print(pip.__version__)"], check=True, capture_output=True, text=True
    ).stdout.strip()
    full = subprocess.run(
        [str(python), "-c", "import platform; print(platform.python_version())"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    return python, pip_version, full


class RunResult(NamedTuple):
    returncode: Optional[int]  # None: timed out
    log: str
    seconds: float


def run_pip(python: Path, source: Path, limit: int) -> RunResult:
    """pip's metadata step on a private copy of ``source`` (builds write into the tree)."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="realworld-", dir=CACHE / "tmp") as tmp:
        tree = Path(tmp) / source.name
        shutil.copytree(source, tree, symlinks=True)
        command = [str(python), "-m", "pip", "install", "--dry-run", "--no-deps", "--ignore-installed",
                   "--report", str(Path(tmp) / "report.json"), "-v", str(tree)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   errors="replace", env=clean_environment(), cwd=tmp, start_new_session=True)
        try:
            out, _ = process.communicate(timeout=limit)
            code: Optional[int] = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, _ = process.communicate()
            code = None
    return RunResult(code, out, round(time.monotonic() - started, 1))


# -- the oracle: classifying a log --------------------------------------------------------


class Verdict(NamedTuple):
    outcome: str  # ok / config / other / unsupported
    cause: str
    subject: str
    line: str


class Pattern(NamedTuple):
    outcome: str
    cause: str
    regex: re.Pattern[str]
    #: The group naming the subject, if any.
    subject: Optional[str] = None


def _p(outcome: str, cause: str, regex: str, subject: Optional[str] = None) -> Pattern:
    return Pattern(outcome, cause, re.compile(regex, re.MULTILINE), subject)


#: Tried in order against the log of a failed run; the first pattern that matches any line
#: decides. Specific before general: a build dependency that failed to build is the cause even
#: when its own log shows `No module named 'distutils'`; a missing `distutils` is named before
#: the `Cannot import build backend` that it caused.
PATTERNS: tuple[Pattern, ...] = (
    _p("other", "network", r"Could not resolve host|Temporary failure in name resolution|Failed to establish a new "
       r"connection|spurious network error|failed to (?:download|query replaced source|load source for dependency)|"
       r"Unable to update registry|failed to get `[^`]+` as a dependency"),
    _p("unsupported", "", r"requires a different Python: "),
    # pip refusing the file itself, before any backend runs (none of the recorded sdists does).
    _p("config", "invalid-pyproject", r"This package has an invalid pyproject\.toml file|has an invalid "
       r"`build-system\.requires`|error: invalid-pyproject|Failed to parse .*pyproject\.toml"),
    _p("config", "unresolvable", r"No matching distribution found for (?P<subject>[A-Za-z0-9][A-Za-z0-9._-]*)", "subject"),
    _p("config", "unresolvable", r"ResolutionImpossible"),
    # Only while pip installs the build requirements (see `BUILD_DEPENDENCIES_FAILED`).
    _p("config", "build-dependency",
       r"Failed to build installable wheels for some pyproject\.toml based projects \((?P<subject>[^),]+)", "subject"),
    _p("config", "build-dependency", r"ERROR: Failed building wheel for (?P<subject>\S+)", "subject"),
    _p("config", "build-dependency", r"ERROR: Failed to build '(?P<subject>[A-Za-z0-9][^'/:]*)' when", "subject"),
    _p("config", "build-dependency", r"Encountered error while generating package metadata\.\s*\n\s*╰─> (?P<subject>\S+)",
       "subject"),
    _p("config", "old-setuptools", r"module 'pkgutil' has no attribute 'ImpImporter'|'HTMLParser' object has no "
       r"attribute 'unescape'|No module named 'setuptools\.extern\.six'|cannot import name '\w+' from "
       r"'pkg_resources\.extern'"),
    _p("config", "distutils", r"No module named '?distutils'?(?:$|[^.\w])"),
    # Read by `backend_unavailable`, which looks past the line for the module it missed.
    _p("config", "backend-unavailable", r"Cannot import build backend"),
    _p("config", "setup-error", r"has no attribute 'cython_sources'"),
    # An uncapped Cython requirement that resolved to a Cython the code no longer compiles with.
    _p("config", "setup-error", r"Cython\.Compiler\.Errors\.CompileError"),
    _p("config", "backend-config", r"\[tool\.flit\.metadata\]|UnknownPluginError|configuration error: |"
       r"InvalidConfigError|flit_core\.config\.ConfigError|ConfigError: "),
    _p("config", "missing-module", r"(?:ModuleNotFoundError|ImportError): No module named '?(?P<subject>[\w.]+)'?",
       "subject"),
    _p("other", "system", r"(?:xml2-config|pg_config|geos-config|gdal-config|mysql_config|nc-config)\b.*(?:not found|"
       r"No such file)|fatal error: [^:]+: No such file|Dependency \"[^\"]+\" not found|Could not find (?:HDF5|"
       r"libzmq)|can't find Rust compiler|CMake Error|Can not find valid pkg-config name|was not found in the "
       r"pkg-config search path|Unknown compiler\(s\)|Run-time dependency \S+ found: NO|"
       r"command '[^']*(?:gcc|g\+\+|cc)' failed|PROJ_DIR|proj executable not found|did not find HDF5 headers|"
       r"toolchain '[^']+' is not installed|Cargo, the Rust package manager, is not installed"),
)


#: pip's words when installing the build requirements failed (pip 26.3: "installing build
#: dependencies did not run successfully"; earlier: "pip subprocess to install build
#: dependencies did not run successfully").
BUILD_DEPENDENCIES_FAILED = re.compile(r"install(?:ing)? (?:build|backend) dependencies did not run successfully")


#: A traceback through the project's own setup.py, which raised something none of the
#: patterns names: the project's build code, run by the backend (after the system patterns,
#: since a setup.py that finds no compiler or library raises too).
SETUP_TRACEBACK = re.compile(r'File "(?:<string>|[^"]*/setup\.py)", line \d+')


def backend_unavailable(log: str) -> Optional[Verdict]:
    """``Cannot import build backend 'x'`` and the module its import could not find."""
    match = re.search(r"Cannot import build backend '([^']+)'\.?(.*(?:\n.*){0,6})", log)
    if not match:
        return None
    missing = re.search(r"No module named '([\w.]+)'", match.group(2))
    subject = missing.group(1) if missing else match.group(1).split(":")[0]
    line = next(line.strip() for line in match.group(0).splitlines() if line.strip())
    return Verdict("config", "backend-unavailable", subject, line)


def classify(log: str, returncode: Optional[int]) -> Verdict:
    """What a run's log says: ``ok``, or the first cause the patterns find."""
    if returncode is None:
        return Verdict("other", "timeout", "", "no result within the time limit, twice")
    if returncode == 0 and re.search(r"^Would install ", log, re.MULTILINE):
        return Verdict("ok", "", "", next(line for line in log.splitlines() if line.startswith("Would install ")))
    lines = log.splitlines()
    for pattern in PATTERNS:
        if pattern.cause == "backend-unavailable":
            found = backend_unavailable(log)
            if found:
                return found
            continue
        if pattern.cause == "build-dependency" and not BUILD_DEPENDENCIES_FAILED.search(log):
            continue
        match = pattern.regex.search(log)
        if match:
            subject = match.group(pattern.subject) if pattern.subject else ""
            if pattern.cause in ("unresolvable", "build-dependency"):
                subject = canonicalize_name(subject) if subject else ""
            return Verdict(pattern.outcome, pattern.cause, subject, _line_at(log, match.start()))
    if SETUP_TRACEBACK.search(log):
        return Verdict("config", "setup-error", "", _last_error_line(lines))
    return Verdict("other", "unclassified", "", _last_error_line(lines))


def _line_at(log: str, offset: int) -> str:
    start = log.rfind("\n", 0, offset) + 1
    end = log.find("\n", offset)
    return log[start : end if end != -1 else len(log)].strip()


def _last_error_line(lines: Sequence[str]) -> str:
    """The last exception a traceback ended with (``KeyError: '__version__'``); else pip's
    last ``error:`` line; else the last line."""
    texts = [line.strip().lstrip("╰─>│ ").strip() for line in lines]
    for shape in (r"(?:\w+\.)*\w*(?:Error|Exception)\b", r"error: "):
        found = next((text for text in reversed(texts) if re.match(shape, text)), None)
        if found:
            return found
    return next((text for text in reversed(texts) if text), "")


def resolved_versions(log: str) -> dict[str, str]:
    """What the build environment got: pip's "Successfully installed a-1 b-2" lines."""
    found: dict[str, str] = {}
    for match in re.finditer(r"Successfully installed (.+)", log):
        for item in match.group(1).split():
            name, _, version = item.rpartition("-")
            if name and version:
                found[canonicalize_name(name)] = version
    return dict(sorted(found.items()))


def requires_python(source: Path) -> str:
    return str(pkg_info(source).get("Requires-Python") or "")


def excluded_by_requires_python(spec: str, full_version: str) -> bool:
    try:
        return bool(spec) and not SpecifierSet(spec).contains(full_version, prereleases=True)
    except InvalidSpecifier:
        return False


# -- the oracle: outcomes -----------------------------------------------------------------

RUN_KEYS = ("sdist", "python", "outcome", "cause", "subject", "line", "resolved", "seconds")
OUTCOMES_HEADER = """\
# What pip's metadata step did with each sdist of manifest.toml, per CPython: written by
# `python scripts/realworld.py oracle` (tox -e realworld-oracle). Do not edit by hand: fix the
# classifier's patterns and re-run (`--only NAME --python 3.12 --force`). Logs stay outside
# the repository (REALWORLD_LOGS, default /work/realworld-logs/<sdist>/<python>.log).

"""


@dataclass
class Outcomes:
    meta: dict[str, Any]
    runs: dict[tuple[str, str], dict[str, Any]]

    @classmethod
    def load(cls, path: Path = OUTCOMES) -> Outcomes:
        if not path.exists():
            return cls({}, {})
        with path.open("rb") as file:
            data = tomllib.load(file)
        runs = {(r["sdist"], r["python"]): dict(r) for r in data.get("run", [])}
        return cls(dict(data.get("meta", {})), runs)

    def save(self, order: Sequence[str], path: Path = OUTCOMES) -> None:
        """Writes the runs of the sdists in ``order`` (the manifest's), in that order."""
        position = {sdist: i for i, sdist in enumerate(order)}
        kept = (run for run in self.runs.values() if run["sdist"] in position)
        rows = sorted(kept, key=lambda r: (position[r["sdist"]], r["python"]))
        meta = "[meta]\n" + "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in self.meta.items())
        path.write_text(OUTCOMES_HEADER + meta + "\n" + toml_tables("run", rows, RUN_KEYS), encoding="utf-8")


def write_log(sdist: str, minor: str, text: str) -> Path:
    path = LOGS / sdist / f"{minor}.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def oracle_run(row: Mapping[str, Any], minor: str, python: Path, full_version: str) -> dict[str, Any]:
    sdist = sdist_id(row)
    source = unpack(row)
    spec = requires_python(source)
    if excluded_by_requires_python(spec, full_version):
        line = f"Requires-Python: {spec} (PKG-INFO) excludes {full_version}"
        write_log(sdist, minor, line + "\nnot run\n")
        return dict(sdist=sdist, python=minor, outcome="unsupported", cause="", subject="", line=line,
                    resolved={}, seconds=0.0)
    header = f"$ pip install --dry-run --no-deps --ignore-installed --report R -v {source.name}  (CPython {full_version})\n"
    result = run_pip(python, source, TIME_LIMIT)
    if result.returncode is None:
        first = result
        result = run_pip(python, source, RETRY_LIMIT)
        header += f"# first attempt timed out after {first.seconds} s (limit {TIME_LIMIT} s); retried with {RETRY_LIMIT} s\n"
    verdict = classify(result.log, result.returncode)
    write_log(sdist, minor, header + result.log + f"\n# exit status {result.returncode}, {result.seconds} s\n")
    return dict(sdist=sdist, python=minor, outcome=verdict.outcome, cause=verdict.cause, subject=verdict.subject,
                line=verdict.line[:400], resolved=resolved_versions(result.log), seconds=result.seconds)


def oracle(rows: Sequence[Mapping[str, Any]], pythons: Sequence[str], force: bool, path: Path = OUTCOMES) -> None:
    (CACHE / "tmp").mkdir(parents=True, exist_ok=True)
    outcomes = Outcomes.load(path)
    all_order = [sdist_id(r) for r in load_manifest()]
    lock = threading.Lock()
    interpreters: dict[str, tuple[Path, str]] = {}
    for minor in pythons:
        base = pyenv_python(minor)
        if base is None:
            print(f"CPython {minor}: not found under pyenv; its runs are skipped")
            continue
        python, pip_version, full = fresh_venv(minor, base)
        interpreters[minor] = (python, full)
        outcomes.meta[f"python-{minor}"] = full
        outcomes.meta["pip"] = pip_version
        print(f"CPython {full}: pip {pip_version}")
    outcomes.meta["date"] = datetime.date.today().isoformat()
    outcomes.meta["command"] = "python -m pip install --dry-run --no-deps --ignore-installed --report R -v SDIST"
    outcomes.meta["environment"] = "fresh venv per Python; PIP_CONFIG_FILE=/dev/null, PIP_NO_INPUT=1, no other PIP_*"
    outcomes.meta["time-limit"] = f"{TIME_LIMIT} s, one retry with {RETRY_LIMIT} s"
    with lock:
        outcomes.save(all_order, path)
    jobs = [(row, minor) for row in rows for minor in interpreters
            if force or (sdist_id(row), minor) not in outcomes.runs]
    print(f"{len(jobs)} runs to do")

    def work(job: tuple[Mapping[str, Any], str]) -> None:
        row, minor = job
        python, full = interpreters[minor]
        try:
            run = oracle_run(row, minor, python, full)
        except Exception as error:  # noqa: BLE001 - one broken archive must not stop the rest
            print(f"{sdist_id(row)} {minor}: FAILED TO RUN: {type(error).__name__}: {error}", flush=True)
            return
        with lock:
            outcomes.runs[(run["sdist"], minor)] = run
            outcomes.save(all_order, path)
        print(f"{run['sdist']:40} {minor} {run['outcome']:11} {run['cause']:18} {run['seconds']:7.1f}s "
              f"{run['line'][:100]}", flush=True)

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(work, jobs))


def reclassify(rows: Sequence[Mapping[str, Any]], path: Path = OUTCOMES) -> None:
    """Classify the kept logs again (after changing PATTERNS), without running pip."""
    outcomes = Outcomes.load(path)
    for run in outcomes.runs.values():
        log = LOGS / run["sdist"] / f"{run['python']}.log"
        if (run["outcome"] == "unsupported" and run["seconds"] == 0.0) or not log.exists():
            continue
        text = log.read_text(encoding="utf-8")
        status = re.search(r"# exit status (\S+), [\d.]+ s\n*\Z", text)
        code = None if status is None or status.group(1) == "None" else int(status.group(1))
        verdict = classify(text, code)
        if (verdict.outcome, verdict.cause, verdict.subject) != (run["outcome"], run["cause"], run["subject"]):
            print(f"{run['sdist']} {run['python']}: {run['outcome']}/{run['cause']} -> {verdict.outcome}/{verdict.cause}")
        run.update(outcome=verdict.outcome, cause=verdict.cause, subject=verdict.subject, line=verdict.line[:400])
    outcomes.save([sdist_id(r) for r in rows], path)


# -- extract ------------------------------------------------------------------------------


def listing(source: Path, depth: int = FILES_DEPTH) -> list[str]:
    """The sdist's paths relative to its root, up to ``depth`` levels, plus, at any depth, the
    files the linter looks for by name: the in-tree backend's module under each
    ``backend-path`` folder and the matches of ``[project].license-files``. Folders end in ``/``."""
    found = {
        PurePosixPath(path.relative_to(source).as_posix())
        for path in source.rglob("*")
        if len(path.relative_to(source).parts) <= depth
    }
    for path in _named_files(source):
        relative = PurePosixPath(path.relative_to(source).as_posix())
        found.add(relative)
        found.update(p for p in relative.parents if p.parts)
    return [str(p) + ("/" if (source / p).is_dir() else "") for p in sorted(found)]


def _named_files(source: Path) -> Iterator[Path]:
    pyproject = read_pyproject(source)
    system = pyproject.get("build-system")
    system = system if isinstance(system, dict) else {}
    backend = system.get("build-backend")
    roots = system.get("backend-path")
    if isinstance(backend, str) and isinstance(roots, list):
        module = backend.split(":")[0].replace(".", "/")
        for root in (r for r in roots if isinstance(r, str)):
            for candidate in (f"{module}.py", f"{module}/__init__.py"):
                path = source / root / candidate
                if path.is_file() and path.resolve().is_relative_to(source.resolve()):
                    yield path
    project = pyproject.get("project")
    patterns = project.get("license-files") if isinstance(project, dict) else None
    if isinstance(patterns, list):
        for pattern in (p for p in patterns if isinstance(p, str) and not p.startswith(("/", ".."))):
            yield from (p for p in source.glob(pattern) if p.is_file())


def extract(rows: Sequence[Mapping[str, Any]]) -> None:
    if SDISTS.exists():
        shutil.rmtree(SDISTS)
    for row in rows:
        source = unpack(row)
        target = SDISTS / sdist_id(row)
        target.mkdir(parents=True)
        for name in READ_FILES:
            if (source / name).is_file():
                shutil.copyfile(source / name, target / name)
        (target / "FILES.txt").write_text("\n".join(listing(source)) + "\n", encoding="utf-8")
    lines = ["# Notice: the files under `sdists/`", "",
             "Each folder holds, unchanged, the `pyproject.toml`, `setup.py` and `setup.cfg` of one source",
             "distribution from the Python Package Index, and the list of its paths (`FILES.txt`), so the",
             "linter can be checked against what those projects really ship. Each file remains under its",
             "project's licence, as the project declares it:", "",
             "| sdist | licence | source |", "|---|---|---|"]
    lines += [f"| {sdist_id(r)} | {r['license']} | {r['url']} |" for r in rows]
    NOTICE.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- command line -------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("resolve", "inspect", "oracle", "reclassify", "extract", "doc"))
    parser.add_argument("--only", action="append", default=[], help="an sdist's name (or name-version); repeatable")
    parser.add_argument("--python", action="append", default=[], choices=PYTHONS, help="repeatable")
    parser.add_argument("--force", action="store_true", help="re-run runs already recorded")
    parser.add_argument("--outcomes", type=Path, default=OUTCOMES, help="the outcomes file (to compare a re-run)")
    args = parser.parse_args(argv)
    rows = load_manifest()
    chosen = [r for r in rows if not args.only or r["name"] in args.only or sdist_id(r) in args.only]
    if args.command == "resolve":
        try:
            resolve(rows)
        finally:
            save_manifest(rows)
    elif args.command == "inspect":
        try:
            inspect(chosen)
        finally:
            save_manifest(rows)
    elif args.command == "oracle":
        oracle(chosen, args.python or PYTHONS, args.force, args.outcomes)
    elif args.command == "reclassify":
        reclassify(rows, args.outcomes)
    elif args.command == "extract":
        extract(rows)
    elif args.command == "doc":
        sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "src")]
        from realworld_check import render_doc

        DOC.write_text(render_doc(), encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
