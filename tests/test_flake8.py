"""The flake8 plugin, through the real flake8 in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

flake8 = pytest.importorskip("flake8", reason="flake8 is not installed (pip install pyproject-lint[flake8])")

PYPROJECT = """\
[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "demo"
version = "1.0"
description = "naïve café"  # non-ASCII before a finding: columns count characters
classifiers = ["Programing Language :: Python :: 3"]  # noqa: PPL201
license = { file = "LICENCE" }
dependencies = ["requests=>2"]
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text("import os\n", encoding="utf-8")
    return tmp_path


def run_flake8(folder: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", *args],
        cwd=folder, capture_output=True, text=True, input=stdin, timeout=120, check=False,
    )


def cli_positions(folder: Path) -> set[str]:
    """``line:col: CODE`` of each finding of the pyproject-lint command (noqa honoured)."""
    result = subprocess.run(
        [sys.executable, "-m", "pyproject_lint", "--output-format", "json", "pyproject.toml"],
        cwd=folder, capture_output=True, text=True, timeout=120, check=False,
    )
    return {f"{d['line']}:{d['column']}: {d['code']}" for d in json.loads(result.stdout)}


def flake8_positions(output: str, name: str = "pyproject.toml") -> set[str]:
    return {line.split(":", 1)[1].split(" ")[0] + " " + line.split(" ")[1] for line in output.splitlines() if line.startswith(name)}


def test_findings_are_reported_where_the_cli_reports_them(project: Path) -> None:
    result = run_flake8(project, "pyproject.toml")
    assert result.returncode == 1, result.stderr
    positions = {f"{p.split(' ')[0]} {p.split(' ')[1]}" for p in flake8_positions(result.stdout)}
    expected = cli_positions(project)
    assert {"2:13: PPL106", "10:20: PPL208", "11:17: PPL204"} <= expected
    assert positions == expected
    assert "PPL201" not in result.stdout  # suppressed by the noqa comment on its TOML line
    assert "m.py" not in result.stdout  # only the file named


def test_python_files_are_still_checked_and_discovery_is_opt_in(project: Path) -> None:
    plain = run_flake8(project, ".")
    assert "./pkg/m.py:1:1: F401" in plain.stdout and "pyproject.toml" not in plain.stdout
    discovering = run_flake8(project, "--pyproject-lint-discover", ".")
    assert "./pkg/m.py:1:1: F401" in discovering.stdout
    assert "./pyproject.toml:2:13: PPL106 " in discovering.stdout
    (project / "setup.cfg").write_text("[flake8]\npyproject-lint-discover = true\n", encoding="utf-8")
    configured = subprocess.run(
        [sys.executable, "-m", "flake8", "."], cwd=project, capture_output=True, text=True, timeout=120, check=False,
    )
    assert "./pyproject.toml:2:13: PPL106 " in configured.stdout


@pytest.mark.parametrize(
    ("args", "present", "absent"),
    [
        (["--select", "PPL106"], ["PPL106"], ["PPL204", "PPL208"]),
        (["--select", "E", "--extend-select", "PPL2"], ["PPL204", "PPL208"], ["PPL106"]),
        (["--ignore", "PPL1"], ["PPL204"], ["PPL106"]),
        (["--extend-ignore", "PPL204,PPL208"], ["PPL106"], ["PPL204", "PPL208"]),
        (["--per-file-ignores", "pyproject.toml:PPL2"], ["PPL106"], ["PPL204", "PPL208"]),
        (["--disable-noqa"], ["PPL201"], []),
    ],
)
def test_selection_and_noqa_are_flake8s(project: Path, args: list[str], present: list[str], absent: list[str]) -> None:
    output = run_flake8(project, *args, "pyproject.toml").stdout
    for code in present:
        assert code in output
    for code in absent:
        assert code not in output


def test_reporting_options(project: Path) -> None:
    shown = run_flake8(project, "--show-source", "pyproject.toml").stdout
    assert 'requires = ["setuptools"]\n            ^\n' in shown
    assert run_flake8(project, "--format=pylint", "pyproject.toml").stdout.splitlines()[0] == (
        "pyproject.toml:2: [PPL106] Build requirement `setuptools` has no lower bound"
    )
    out = run_flake8(project, "--output-file", "out.txt", "pyproject.toml")
    assert out.stdout == "" and out.returncode == 1
    assert "pyproject.toml:2:13: PPL106" in (project / "out.txt").read_text(encoding="utf-8")
    assert run_flake8(project, "--exit-zero", "pyproject.toml").returncode == 0
    counted = run_flake8(project, "--count", "--statistics", "pyproject.toml").stdout.splitlines()
    assert counted[-1] == "3"
    assert any(line.split()[:2] == ["1", "PPL106"] for line in counted)


def test_parallel_jobs_and_stdin(project: Path) -> None:
    other = project / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    parallel = run_flake8(project, "-j", "2", "pyproject.toml", "other/pyproject.toml", "pkg")
    assert "other/pyproject.toml:2:13: PPL106" in parallel.stdout
    assert "pyproject.toml:11:17: PPL204" in parallel.stdout and "pkg/m.py:1:1: F401" in parallel.stdout
    piped = run_flake8(project, "--stdin-display-name", "pyproject.toml", "-", stdin=PYPROJECT)
    assert "pyproject.toml:2:13: PPL106" in piped.stdout


def test_a_toml_syntax_error_is_one_finding(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x\n', encoding="utf-8")
    output = run_flake8(tmp_path, "pyproject.toml").stdout
    assert output.count("\n") == 1 and output.startswith("pyproject.toml:2:") and " PPL001 " in output


def test_another_flake8_major_is_refused_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyproject_lint import flake8_plugin

    monkeypatch.setattr(flake8, "__version_info__", (8, 0, 0))
    monkeypatch.setattr(flake8, "__version__", "8.0.0")
    with pytest.raises(flake8_plugin.UnsupportedFlake8, match=r"supports flake8 7\.x only, and this is flake8 8\.0\.0"):
        flake8_plugin._check_version()
