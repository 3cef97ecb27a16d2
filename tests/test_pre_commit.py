"""The pre-commit hooks, run by the real pre-commit against this repository (``try-repo``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="pre-commit is not installed")
ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not (ROOT / ".git").exists() or shutil.which("git") is None,
        reason="try-repo needs this project as a git repository",
    ),
]

BROKEN = """\
[build-system]
requires = ['setuptools>=64']
build-backend = 'setuptools.build_meto'  # a typo

[project]
name = "demo"
version = "1.0"
"""
FIXED = BROKEN.replace("build_meto", "build_meta")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment for the module's runs (installing it is most of the time)."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    env = {**os.environ, **IDENTITY}
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True, env=env)
    (tmp_path / "pyproject.toml").write_text(BROKEN, encoding="utf-8")
    subprocess.run(["git", "add", "pyproject.toml"], cwd=tmp_path, check=True, env=env)
    return tmp_path


IDENTITY = {
    "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@invalid",
    "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@invalid",
}


def try_repo(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **IDENTITY, "PRE_COMMIT_HOME": str(home)}
    env.pop("PRE_COMMIT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


def test_the_check_hook_fails_and_prints_the_finding(repo: Path, pre_commit_home: Path) -> None:
    result = try_repo(repo, pre_commit_home, "pyproject-lint")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "pyproject-lint....." in result.stdout and "Failed" in result.stdout
    assert "pyproject.toml:3:17: PPL104 [error]" in result.stdout
    assert (repo / "pyproject.toml").read_text(encoding="utf-8") == BROKEN


def test_the_fix_hook_rewrites_fails_then_passes(repo: Path, pre_commit_home: Path) -> None:
    first = try_repo(repo, pre_commit_home, "pyproject-lint-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "pyproject.toml").read_text(encoding="utf-8") == FIXED  # comment and quotes kept
    second = try_repo(repo, pre_commit_home, "pyproject-lint-fix")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert try_repo(repo, pre_commit_home, "pyproject-lint").returncode == 0


def test_the_hooks_only_look_at_pyproject_toml(repo: Path, pre_commit_home: Path) -> None:
    (repo / "pyproject.toml").write_text(FIXED, encoding="utf-8")
    (repo / "other.toml").write_text(BROKEN, encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    result = try_repo(repo, pre_commit_home, "pyproject-lint")
    assert result.returncode == 0, result.stdout + result.stderr
